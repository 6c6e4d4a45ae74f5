//! Case consultations: a consultation meeting's slots and cases, the form that books a slot and
//! submits a case (with its consent), and the case page with its consent records and access
//! log.
//!
//! Every rule lives in `domain::consultations`. When the identifier guard refuses a text the form
//! comes back with the message next to the field (never repeating what was found); when it only
//! suspects a name or an address, the form asks the practitioner to check the field and confirm
//! with a checkbox.
//!
//! Form fields are named `case_…` and `consent_…` so that their labels (`field-case_concern`, …)
//! belong to this module alone.

pub(crate) mod case;
pub(crate) mod form;
pub(crate) mod list;

use chrono::{DateTime, NaiveDate, NaiveDateTime, NaiveTime, Utc};
use chrono_tz::Tz;
use domain::FieldError;
use domain::calendar::local_to_utc;
use domain::consultations::{ConsentDecision, ConsentForm, ConsentGiver, NewConsent};
use domain::ids::OrganisationId;
use domain::people::organisations::Organisation;
use poem::http::StatusCode;

use crate::context::Ctx;
use crate::errors::WebError;
use crate::forms::{self, FormErrors};
use crate::i18n;

/// Mounts the pages (called once from `crate::build`).
pub(crate) fn routes(b: &mut crate::Builder) {
    b.page("/n/:slug/meetings/:id/cases", list::show);
    b.form("/n/:slug/meetings/:id/cases", form::submit);
    b.page("/n/:slug/meetings/:id/cases/new", form::new_form);
    b.form("/n/:slug/meetings/:id/case-slots", list::add_slots);
    b.form("/n/:slug/meetings/:id/declaration", list::declare);
    b.page("/n/:slug/cases/:case_id", case::show);
    b.form("/n/:slug/cases/:case_id", form::update);
    b.page("/n/:slug/cases/:case_id/edit", form::edit_form);
    b.form("/n/:slug/cases/:case_id/withdraw", case::withdraw);
    b.form("/n/:slug/cases/:case_id/consents", case::record_consent);
    b.form(
        "/n/:slug/cases/:case_id/consents/:consent_id/withdraw",
        case::withdraw_consent,
    );
}

/// The codes of what the guard suspects (and the practitioner may confirm is none).
fn is_suspicion(code: &str) -> bool {
    domain::guard::is_suspicion_code(code)
}

/// The form field a domain field is shown at. `consent_only`: the form holds a consent alone,
/// whose fields the domain names without a prefix.
fn form_field(field: &str, consent_only: bool) -> String {
    if consent_only {
        return format!("consent_{field}");
    }
    if let Some(rest) = field.strip_prefix("consent.") {
        return format!("consent_{rest}");
    }
    match field {
        "consent" => "consent_decision".into(),
        "sectors" => "case_sectors_other".into(),
        "slot_number" => "case_slot".into(),
        other => format!("case_{other}"),
    }
}

/// A field message: this module's own texts first (the guard's codes), then the shared ones.
fn message(ctx: &Ctx, field: &str, code: &str) -> String {
    let key = format!("cases-error-{code}");
    if i18n::has(ctx.lang, &key) {
        ctx.t(&key)
    } else {
        forms::field_message(ctx, field, code)
    }
}

fn conflict_message(ctx: &Ctx, code: &str) -> String {
    let key = format!("cases-conflict-{code}");
    if i18n::has(ctx.lang, &key) {
        ctx.t(&key)
    } else {
        forms::conflict_message(ctx, code)
    }
}

/// What a refused form shows: the status, a message per field, and whether the practitioner is
/// asked to confirm a suspected name or address.
pub(crate) struct Failure {
    pub status: StatusCode,
    pub errors: FormErrors,
    pub confirm: bool,
}

/// Splits a use case's refusal into what the form shows and what becomes an error page.
fn failure(ctx: &Ctx, err: domain::Error, consent_only: bool) -> Result<Failure, WebError> {
    match err {
        domain::Error::Invalid(problems) => {
            let mut errors = FormErrors::none();
            let confirm = problems.iter().any(|p| is_suspicion(p.code));
            for problem in problems {
                let field = form_field(&problem.field, consent_only);
                errors.add_field(&field, message(ctx, &field, problem.code));
            }
            Ok(Failure {
                status: StatusCode::UNPROCESSABLE_ENTITY,
                errors,
                confirm,
            })
        }
        domain::Error::Conflict { code } => Ok(Failure {
            status: StatusCode::CONFLICT,
            errors: FormErrors::general(conflict_message(ctx, code)),
            confirm: false,
        }),
        other => Err(other.into()),
    }
}

/// `(value, text, checked)` for a group of radio buttons or checkboxes.
pub(crate) type Choice = (String, String, bool);

/// `(value, text)` for a select.
pub(crate) type Option2 = (String, String);

/// The consent sub-form as typed (no `Debug`: it holds what the practitioner wrote).
#[derive(Clone, Default)]
pub(crate) struct ConsentFields {
    pub decision: String,
    pub given_by: String,
    pub scope: String,
    /// The receiving organisations ticked (their ids).
    pub organisations: Vec<String>,
    /// One service per line.
    pub services: String,
    pub purpose: String,
    pub valid_until: String,
    pub form: String,
    pub recorded_by: String,
    pub recorded_date: String,
    pub recorded_time: String,
}

impl ConsentFields {
    pub fn from_request(ctx: &Ctx) -> Self {
        let get = |name: &str| ctx.form.get(name).to_owned();
        Self {
            decision: get("consent_decision"),
            given_by: get("consent_given_by"),
            scope: get("consent_scope"),
            organisations: ctx
                .form
                .all("consent_receiving_organisations")
                .into_iter()
                .map(str::to_owned)
                .collect(),
            services: get("consent_receiving_services"),
            purpose: get("consent_purpose"),
            valid_until: get("consent_valid_until"),
            form: get("consent_form"),
            recorded_by: get("consent_recorded_by"),
            recorded_date: get("consent_recorded_at_date"),
            recorded_time: get("consent_recorded_at_time"),
        }
    }

    /// A fresh sub-form: given by a parent, in writing.
    pub fn fresh() -> Self {
        Self {
            decision: ConsentDecision::Given.as_str().into(),
            given_by: ConsentGiver::ParentOrGuardian.as_str().into(),
            form: ConsentForm::Written.as_str().into(),
            ..Self::default()
        }
    }

    /// The consent typed, or the problems of its fields (named as the domain names them, with
    /// `prefix`).
    pub fn parse(
        &self,
        tz: Tz,
        prefix: &str,
        problems: &mut Vec<FieldError>,
    ) -> Option<NewConsent> {
        let field = |name: &str| format!("{prefix}{name}");
        let decision = ConsentDecision::parse(&self.decision);
        if decision.is_none() {
            problems.push(FieldError::new(field("decision"), "required"));
        }
        let given_by = ConsentGiver::parse(&self.given_by);
        if given_by.is_none() {
            problems.push(FieldError::new(field("given_by"), "required"));
        }
        let form = ConsentForm::parse(&self.form);
        if form.is_none() {
            problems.push(FieldError::new(field("form"), "required"));
        }
        let valid_until = match self.valid_until.trim() {
            "" => None,
            value => match NaiveDate::parse_from_str(value, "%Y-%m-%d") {
                Ok(date) => Some(date),
                Err(_) => {
                    problems.push(FieldError::new(field("valid_until"), "invalid"));
                    None
                }
            },
        };
        let recorded_at = if form == Some(ConsentForm::Oral) {
            parse_local(
                tz,
                &self.recorded_date,
                &self.recorded_time,
                &field("recorded_at"),
                problems,
            )
        } else {
            None
        };
        let mut organisations = Vec::new();
        for id in &self.organisations {
            match id.trim().parse::<uuid::Uuid>() {
                Ok(id) => organisations.push(OrganisationId(id)),
                Err(_) => {
                    problems.push(FieldError::new(field("receiving_organisations"), "unknown"))
                }
            }
        }
        Some(NewConsent {
            decision: decision?,
            given_by: given_by?,
            scope: self.scope.clone(),
            receiving_organisations: organisations,
            receiving_services: split_lines(&self.services),
            purpose: self.purpose.clone(),
            valid_until,
            form: form?,
            recorded_by: Some(self.recorded_by.clone()).filter(|s| !s.trim().is_empty()),
            recorded_at,
        })
    }
}

/// Items typed one per line (commas separate too).
pub(crate) fn split_lines(text: &str) -> Vec<String> {
    text.split(['\n', ','])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect()
}

/// A date and a time typed in the network's zone; both empty is `None`.
fn parse_local(
    tz: Tz,
    date: &str,
    time: &str,
    field: &str,
    problems: &mut Vec<FieldError>,
) -> Option<DateTime<Utc>> {
    let (date, time) = (date.trim(), time.trim());
    if date.is_empty() && time.is_empty() {
        return None;
    }
    let parsed_date = NaiveDate::parse_from_str(date, "%Y-%m-%d");
    let parsed_time = NaiveTime::parse_from_str(time, "%H:%M");
    match (parsed_date, parsed_time) {
        (Ok(d), Ok(t)) => match local_to_utc(NaiveDateTime::new(d, t), tz) {
            Ok(at) => Some(at),
            Err(_) => {
                problems.push(FieldError::new(field, "invalid"));
                None
            }
        },
        _ => {
            problems.push(FieldError::new(field, "invalid"));
            None
        }
    }
}

/// The choices of the consent sub-form.
pub(crate) struct ConsentChoices {
    /// The network's organisations, to name as receiving services.
    pub organisations: Vec<Choice>,
    pub decisions: Vec<Choice>,
    pub givers: Vec<Option2>,
    pub forms: Vec<Choice>,
}

impl ConsentChoices {
    pub fn new(ctx: &Ctx, fields: &ConsentFields, organisations: &[Organisation]) -> Self {
        Self {
            organisations: organisations
                .iter()
                .map(|o| {
                    let id = o.id.to_string();
                    let checked = fields.organisations.contains(&id);
                    (id, o.name.clone(), checked)
                })
                .collect(),
            decisions: ConsentDecision::ALL
                .iter()
                .map(|d| {
                    (
                        d.as_str().to_owned(),
                        ctx.label("consent_decision", d.as_str()),
                        d.as_str() == fields.decision,
                    )
                })
                .collect(),
            givers: ConsentGiver::ALL
                .iter()
                .map(|g| {
                    (
                        g.as_str().to_owned(),
                        ctx.label("consent_giver", g.as_str()),
                    )
                })
                .collect(),
            forms: ConsentForm::ALL
                .iter()
                .map(|f| {
                    (
                        f.as_str().to_owned(),
                        ctx.label("consent_form", f.as_str()),
                        f.as_str() == fields.form,
                    )
                })
                .collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn domain_fields_map_to_form_fields() {
        assert_eq!(form_field("concern", false), "case_concern");
        assert_eq!(form_field("consent.scope", false), "consent_scope");
        assert_eq!(form_field("consent", false), "consent_decision");
        assert_eq!(form_field("sectors", false), "case_sectors_other");
        assert_eq!(form_field("scope", true), "consent_scope");
    }

    #[test]
    fn the_routes_are_mounted() {
        let table = crate::route_table();
        for (method, path) in [
            ("GET", "/n/:slug/meetings/:id/cases"),
            ("POST", "/n/:slug/meetings/:id/cases"),
            ("GET", "/n/:slug/meetings/:id/cases/new"),
            ("POST", "/n/:slug/meetings/:id/case-slots"),
            ("GET", "/n/:slug/cases/:case_id"),
            ("POST", "/n/:slug/cases/:case_id"),
            ("GET", "/n/:slug/cases/:case_id/edit"),
            ("POST", "/n/:slug/cases/:case_id/withdraw"),
            ("POST", "/n/:slug/cases/:case_id/consents"),
            (
                "POST",
                "/n/:slug/cases/:case_id/consents/:consent_id/withdraw",
            ),
        ] {
            assert!(
                table.iter().any(|r| r.method == method && r.path == path),
                "{method} {path} missing"
            );
        }
    }

    /// Every value the domain gives these pages has a text in every language (the shared
    /// completeness test does not know this module's prefixes).
    #[test]
    fn every_consultation_value_has_a_text() {
        use domain::consultations::{CaseMode, ConsentStatus, DetailsState};
        let mut keys: Vec<String> = Vec::new();
        for mode in CaseMode::ALL {
            keys.push(format!("case_mode-{mode}"));
            keys.push(format!("case_mode-{mode}-hint"));
        }
        keys.extend(
            DetailsState::ALL
                .iter()
                .map(|s| format!("case_details-{}", s.as_str())),
        );
        keys.extend(
            ConsentDecision::ALL
                .iter()
                .map(|v| format!("consent_decision-{v}")),
        );
        keys.extend(
            ConsentGiver::ALL
                .iter()
                .map(|v| format!("consent_giver-{v}")),
        );
        keys.extend(ConsentForm::ALL.iter().map(|v| format!("consent_form-{v}")));
        keys.extend(
            ConsentStatus::ALL
                .iter()
                .map(|s| format!("consent_status-{}", s.as_str())),
        );
        for action in [
            "read",
            "submit",
            "update",
            "consent",
            "consent_withdrawn",
            "withdraw",
        ] {
            keys.push(format!("case_access-{action}"));
        }
        for code in [
            "contains_cpr",
            "contains_national_id_no",
            "contains_personnummer",
            "contains_email",
            "contains_phone",
            "possible_name",
            "possible_address",
            "possible_national_id",
            "consent_refused",
            "consent_required",
        ] {
            keys.push(format!("cases-error-{code}"));
        }
        for code in [
            "slot_taken",
            "no_free_slot",
            "meeting_started",
            "meeting_cancelled",
            "meeting_not_published",
            "case_purged",
            "already_withdrawn",
            "not_given",
            "not_a_consultation",
        ] {
            keys.push(format!("cases-conflict-{code}"));
        }
        for field in [
            "case_slot",
            "case_age_band",
            "case_sectors_other",
            "case_concern",
            "case_tried",
            "case_question",
            "case_mode",
            "consent_decision",
            "consent_given_by",
            "consent_scope",
            "consent_receiving_services",
            "consent_purpose",
            "consent_valid_until",
            "consent_form",
            "consent_recorded_by",
            "consent_recorded_at",
        ] {
            keys.push(format!("field-{field}"));
        }
        for key in keys {
            for lang in i18n::Lang::ALL {
                assert!(
                    i18n::has(lang, &key),
                    "{key} missing in {}.ftl",
                    lang.code()
                );
            }
        }
    }

    /// Every code the identifier guard can answer has this module's message.
    #[test]
    fn every_guard_code_has_a_message() {
        use domain::guard::{Identifier, Suspicion};
        let codes = [
            Identifier::DanishCpr.code(),
            Identifier::NorwegianNationalId.code(),
            Identifier::SwedishPersonalNumber.code(),
            Identifier::Email.code(),
            Identifier::Phone.code(),
            Suspicion::PersonalName.code(),
            Suspicion::StreetAddress.code(),
        ];
        for code in codes {
            for lang in i18n::Lang::ALL {
                assert!(i18n::has(lang, &format!("cases-error-{code}")), "{code}");
            }
        }
    }

    #[test]
    fn services_one_per_line() {
        assert_eq!(
            split_lines("PPR\n Sundhedsplejen ,\n\nSkolen"),
            ["PPR", "Sundhedsplejen", "Skolen"]
        );
    }
}
