//! The network's synonyms and abbreviations, kept by its coordinators: a list, a form that adds
//! a set written as one line of comma-separated phrases, and a delete button per set.

use askama::Template;
use domain::ids::SynonymId;
use domain::policy::Action;
use domain::search::synonyms::{self, SynonymSet};
use domain::tenancy::TenantScope;
use poem::handler;
use poem::http::StatusCode;

use crate::context::Ctx;
use crate::forms::{FormErrors, field_message, form_failure};
use crate::render::{PageResult, page_with, see_other};

/// May the scope's actor see and change the synonyms? (The use cases check it again.)
pub(super) fn may_manage(scope: &TenantScope) -> bool {
    scope.can(Action::EditAnyContent)
}

/// One line of the form: phrases separated by commas.
fn split_phrases(line: &str) -> Vec<String> {
    line.split(',')
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(str::to_owned)
        .collect()
}

#[derive(Template)]
#[template(path = "search_synonyms.html")]
struct SynonymsPage<'a> {
    ctx: &'a Ctx,
    sets: Vec<SynonymSet>,
    phrases: String,
    errors: FormErrors,
    notice: Option<String>,
}

async fn render(ctx: &Ctx, status: StatusCode, phrases: String, errors: FormErrors) -> PageResult {
    let scope = ctx.scope()?;
    let sets = synonyms::list(ctx.svc(), scope).await?;
    let notice = match ctx.query.get("notice") {
        "created" => Some(ctx.t("search-synonyms-created")),
        "deleted" => Some(ctx.t("search-synonyms-deleted")),
        _ => None,
    };
    page_with(
        status,
        &SynonymsPage {
            ctx,
            sets,
            phrases,
            errors,
            notice,
        },
    )
}

#[handler]
pub(crate) async fn list(ctx: &Ctx) -> PageResult {
    render(ctx, StatusCode::OK, String::new(), FormErrors::none()).await
}

#[handler]
pub(crate) async fn create(ctx: &Ctx) -> PageResult {
    let scope = ctx.scope()?;
    let line = ctx.form.get("phrases").to_owned();
    match synonyms::create(ctx.svc(), scope, split_phrases(&line)).await {
        Ok(_) => Ok(see_other(
            &ctx.network_path("/search/synonyms?notice=created"),
        )),
        Err(domain::Error::Invalid(problems)) => {
            let mut errors = FormErrors::none();
            for problem in problems {
                let key = format!("search-synonyms-error-{}", problem.code);
                let message = if crate::i18n::has(ctx.lang, &key) {
                    ctx.t(&key)
                } else {
                    field_message(ctx, &problem.field, problem.code)
                };
                errors.add_field("phrases", message);
            }
            render(ctx, StatusCode::UNPROCESSABLE_ENTITY, line, errors).await
        }
        Err(err) => {
            let (status, errors) = form_failure(ctx, err, &["phrases"])?;
            render(ctx, status, line, errors).await
        }
    }
}

#[handler]
pub(crate) async fn delete(ctx: &Ctx) -> PageResult {
    let scope = ctx.scope()?;
    let id: SynonymId = ctx.id("id")?;
    synonyms::delete(ctx.svc(), scope, id).await?;
    Ok(see_other(
        &ctx.network_path("/search/synonyms?notice=deleted"),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_line_splits_at_commas() {
        assert_eq!(
            split_phrases(" BUP ,børne- og ungdomspsykiatri,, "),
            vec!["BUP", "børne- og ungdomspsykiatri"]
        );
        assert!(split_phrases(" , ").is_empty());
    }
}
