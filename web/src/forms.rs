//! Form bodies and query strings, read leniently, and the messages a form shows next to its
//! fields.
//!
//! Values are parsed into strings here and checked by the handler and the use case: a missing
//! or malformed field is a message on the form, never a framework error page.

use domain::text::limits;
use poem::http::StatusCode;

use crate::context::Ctx;
use crate::errors::WebError;

/// Name–value pairs from `application/x-www-form-urlencoded` text.
#[derive(Clone, Debug, Default)]
pub(crate) struct Params(Vec<(String, String)>);

impl Params {
    pub fn parse(input: &[u8]) -> Self {
        Self(
            url::form_urlencoded::parse(input)
                .map(|(k, v)| (k.into_owned(), v.into_owned()))
                .collect(),
        )
    }

    /// The first value of `name`, or "" when absent.
    pub fn get(&self, name: &str) -> &str {
        self.0
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
            .unwrap_or_default()
    }

    /// Every value of `name` (checkboxes that share a name), in order.
    pub fn all(&self, name: &str) -> Vec<&str> {
        self.0
            .iter()
            .filter(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
            .collect()
    }

    /// The first value of `name`, trimmed, if it is not empty.
    pub fn opt(&self, name: &str) -> Option<&str> {
        Some(self.get(name).trim()).filter(|v| !v.is_empty())
    }
}

/// Messages for one form: one per field that has a problem, and any that belong to no field.
#[derive(Clone, Debug, Default)]
pub(crate) struct FormErrors {
    fields: Vec<(String, String)>,
    general: Vec<String>,
}

/// One line of the error summary above a form: a link to the field, and what is wrong.
pub(crate) struct SummaryItem {
    pub anchor: String,
    pub text: String,
}

impl FormErrors {
    pub fn none() -> Self {
        Self::default()
    }

    pub fn general(message: String) -> Self {
        Self {
            fields: Vec::new(),
            general: vec![message],
        }
    }

    pub fn add_field(&mut self, field: &str, message: String) {
        if !self.has(field) {
            self.fields.push((field.to_owned(), message));
        }
    }

    pub fn get(&self, field: &str) -> Option<&str> {
        self.fields
            .iter()
            .find(|(f, _)| f == field)
            .map(|(_, m)| m.as_str())
    }

    pub fn has(&self, field: &str) -> bool {
        self.get(field).is_some()
    }

    pub fn is_empty(&self) -> bool {
        self.fields.is_empty() && self.general.is_empty()
    }

    pub fn general_messages(&self) -> &[String] {
        &self.general
    }

    /// The field messages with links to their fields, for the summary at the top of the form.
    pub fn summary(&self, ctx: &Ctx) -> Vec<SummaryItem> {
        self.fields
            .iter()
            .map(|(field, message)| SummaryItem {
                anchor: format!("f-{field}"),
                text: format!("{}: {message}", field_label(ctx, field)),
            })
            .collect()
    }
}

/// The label of a field as the forms show it (`field-<name>`).
fn field_label(ctx: &Ctx, field: &str) -> String {
    let key = format!("field-{field}");
    if crate::i18n::has(ctx.lang, &key) {
        ctx.t(&key)
    } else {
        field.to_owned()
    }
}

/// The longest value a field takes, where the domain has a limit for it.
fn max_length(field: &str) -> Option<usize> {
    Some(match field {
        "title" => limits::TITLE,
        "summary" => limits::SUMMARY,
        "body" => limits::BODY,
        "name" | "display_name" => limits::NAME,
        "description" => limits::DESCRIPTION,
        "email" => limits::EMAIL,
        "registry_number" => limits::REGISTRY_NUMBER,
        "password" => limits::PASSWORD_MAX,
        "q" => limits::SEARCH_QUERY,
        _ => return None,
    })
}

/// The message for a field-error code from the domain, in the page's language.
pub(crate) fn field_message(ctx: &Ctx, field: &str, code: &str) -> String {
    match (field, code) {
        ("tags", "too_long") => ctx.t1("error-tags-too_long", "max", limits::TAG),
        ("tags", "too_many") => ctx.t1("error-tags-too_many", "max", limits::TAGS),
        ("password", "too_short") => {
            ctx.t1("error-password-too_short", "min", limits::PASSWORD_MIN)
        }
        (_, "too_long") => match max_length(field) {
            Some(max) => ctx.t1("error-too_long-max", "max", max),
            None => ctx.t("error-too_long"),
        },
        _ => {
            let key = format!("error-{code}");
            if crate::i18n::has(ctx.lang, &key) {
                ctx.t(&key)
            } else {
                ctx.t("error-invalid")
            }
        }
    }
}

/// The message for a conflict code from the domain.
pub(crate) fn conflict_message(ctx: &Ctx, code: &str) -> String {
    let key = format!("conflict-{code}");
    if crate::i18n::has(ctx.lang, &key) {
        ctx.t(&key)
    } else {
        ctx.t("conflict-duplicate")
    }
}

/// Splits what a use case answered into what the form shows (invalid fields: 422, a conflict:
/// 409) and what goes to an error page. `fields` are the form's own fields; messages about any
/// other field are shown above the form.
pub(crate) fn form_failure(
    ctx: &Ctx,
    err: domain::Error,
    fields: &[&str],
) -> Result<(StatusCode, FormErrors), WebError> {
    match err {
        domain::Error::Invalid(problems) => {
            let mut errors = FormErrors::none();
            for problem in problems {
                let message = field_message(ctx, &problem.field, problem.code);
                if fields.contains(&problem.field.as_str()) {
                    errors.add_field(&problem.field, message);
                } else {
                    errors
                        .general
                        .push(format!("{}: {message}", field_label(ctx, &problem.field)));
                }
            }
            Ok((StatusCode::UNPROCESSABLE_ENTITY, errors))
        }
        domain::Error::Conflict { code } => Ok((
            StatusCode::CONFLICT,
            FormErrors::general(conflict_message(ctx, code)),
        )),
        other => Err(other.into()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_forms_leniently() {
        let params = Params::parse(b"title=B%C3%B8rn+og+unge&tags=&x&title=second&q=%ZZ");
        assert_eq!(params.get("title"), "Børn og unge");
        assert_eq!(params.get("tags"), "");
        assert_eq!(params.opt("tags"), None);
        assert_eq!(params.get("x"), "");
        assert_eq!(params.get("missing"), "");
        assert_eq!(params.get("q"), "%ZZ");
    }
}
