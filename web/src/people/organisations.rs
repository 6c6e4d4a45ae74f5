//! The organisations of a network; coordinators add new ones.

use askama::Template;
use domain::pagination::PageRequest;
use domain::people::Sector;
use domain::people::organisations::{self, NewOrganisation, Organisation};
use domain::policy::Action;
use poem::handler;
use poem::http::StatusCode;

use crate::context::Ctx;
use crate::forms::{FormErrors, form_failure};
use crate::render::{PageResult, page_with, see_other};

#[derive(Default)]
struct OrganisationForm {
    name: String,
    sector: String,
    registry_number: String,
}

#[derive(Template)]
#[template(path = "organisations.html")]
struct OrganisationsPage<'a> {
    ctx: &'a Ctx,
    organisations: Vec<Organisation>,
    next: Option<String>,
    can_create: bool,
    sector_choices: Vec<(String, String)>,
    form: OrganisationForm,
    errors: FormErrors,
    notice: Option<String>,
}

async fn render(
    ctx: &Ctx,
    status: StatusCode,
    form: OrganisationForm,
    errors: FormErrors,
) -> PageResult {
    let scope = ctx.scope()?;
    let page = organisations::list(
        ctx.svc(),
        scope,
        PageRequest::parse(Some(50), ctx.query.opt("cursor"))?,
    )
    .await?;
    let notice =
        (ctx.query.get("notice") == "created").then(|| ctx.t("notice-organisation-created"));
    page_with(
        status,
        &OrganisationsPage {
            ctx,
            next: page
                .next_cursor
                .map(|c| ctx.network_path(&format!("/organisations?cursor={c}"))),
            organisations: page.items,
            can_create: scope.can(Action::ManageOrganisations),
            sector_choices: Sector::ALL
                .iter()
                .map(|s| (s.as_str().to_owned(), ctx.label("sector", s.as_str())))
                .collect(),
            form,
            errors,
            notice,
        },
    )
}

#[handler]
pub(crate) async fn list(ctx: &Ctx) -> PageResult {
    let form = OrganisationForm {
        sector: Sector::Municipality.as_str().to_owned(),
        ..OrganisationForm::default()
    };
    render(ctx, StatusCode::OK, form, FormErrors::none()).await
}

#[handler]
pub(crate) async fn create(ctx: &Ctx) -> PageResult {
    let scope = ctx.scope()?;
    let form = OrganisationForm {
        name: ctx.form.get("name").to_owned(),
        sector: ctx.form.get("sector").to_owned(),
        registry_number: ctx.form.get("registry_number").to_owned(),
    };
    let result = match Sector::parse(&form.sector) {
        Some(sector) => {
            let input = NewOrganisation {
                name: form.name.clone(),
                sector,
                registry_number: ctx.form.opt("registry_number").map(str::to_owned),
            };
            organisations::create(ctx.svc(), scope, input).await
        }
        None => Err(domain::Error::invalid("sector", "invalid")),
    };
    match result {
        Ok(_) => Ok(see_other(
            &ctx.network_path("/organisations?notice=created"),
        )),
        Err(err) => {
            let (status, errors) = form_failure(ctx, err, &["name", "sector", "registry_number"])?;
            render(ctx, status, form, errors).await
        }
    }
}
