//! The case page: what the case says (when it may be shown), its consent records with the
//! withdraw buttons and the form for a new one, withdrawing the case, and — for the network's
//! coordinators and the submitter — its access log.

use askama::Template;
use domain::consultations::{self, AccessEntry, Case, Consent, ConsentDecision, ConsentForm};
use domain::ids::{CaseId, ConsentId};
use domain::pagination::PageRequest;
use domain::policy::Action;
use poem::handler;
use poem::http::StatusCode;

use super::list::CaseView;
use super::{ConsentChoices, ConsentFields, Failure, failure};
use crate::context::Ctx;
use crate::forms::FormErrors;
use crate::render::{PageResult, page_with, see_other};

/// A consent record as the page lists it.
pub(crate) struct ConsentView {
    pub decision: String,
    pub given_by: String,
    pub status: String,
    pub scope: String,
    /// The receiving organisations' names.
    pub organisations: Vec<String>,
    pub services: Vec<String>,
    pub purpose: String,
    pub valid_until: String,
    pub form: String,
    /// Oral consent: who recorded it, and when.
    pub recorded: Option<(String, String)>,
    pub withdrawn_at: Option<String>,
    /// Where the withdraw button posts, if the viewer may withdraw it.
    pub withdraw: Option<String>,
}

/// A line of the access log.
pub(crate) struct AccessRow {
    pub at: String,
    pub machine_at: String,
    pub who: String,
    pub action: String,
}

#[derive(Template)]
#[template(path = "consultations/case.html")]
struct CasePage<'a> {
    ctx: &'a Ctx,
    case: CaseView,
    meeting_title: String,
    meeting_link: String,
    cases_link: String,
    submitted_at: String,
    machine_submitted_at: String,
    editable: bool,
    withdraw_action: String,
    edit_link: String,
    consents: Vec<ConsentView>,
    /// The consent form, for the submitter while the case is open.
    consent_form: bool,
    consent_action: String,
    consent: ConsentFields,
    consent_choices: ConsentChoices,
    errors: FormErrors,
    confirm: bool,
    access: Option<Vec<AccessRow>>,
    notice: Option<String>,
}

fn consent_view(
    ctx: &Ctx,
    case: &Case,
    c: &Consent,
    may_withdraw: bool,
    organisations: &[domain::people::organisations::Organisation],
) -> ConsentView {
    ConsentView {
        organisations: c
            .receiving_organisations
            .iter()
            .filter_map(|id| organisations.iter().find(|o| o.id == *id))
            .map(|o| o.name.clone())
            .collect(),
        decision: ctx.label("consent_decision", c.decision.as_str()),
        given_by: ctx.label("consent_giver", c.given_by.as_str()),
        status: ctx.label("consent_status", c.status.as_str()),
        scope: c.scope.clone(),
        services: c.receiving_services.clone(),
        purpose: c.purpose.clone(),
        valid_until: c
            .valid_until
            .map(|d| d.format("%Y-%m-%d").to_string())
            .unwrap_or_default(),
        form: ctx.label("consent_form", c.form.as_str()),
        recorded: match (c.form, &c.recorded_by, c.recorded_at) {
            (ConsentForm::Oral, Some(by), Some(at)) => Some((by.clone(), ctx.datetime(&at))),
            _ => None,
        },
        withdrawn_at: c.withdrawn_at.map(|at| ctx.datetime(&at)),
        withdraw: (may_withdraw
            && c.decision == ConsentDecision::Given
            && c.withdrawn_at.is_none())
        .then(|| ctx.network_path(&format!("/cases/{}/consents/{}/withdraw", case.id, c.id))),
    }
}

fn access_row(ctx: &Ctx, e: &AccessEntry) -> AccessRow {
    AccessRow {
        at: ctx.datetime(&e.at),
        machine_at: ctx.machine_datetime(&e.at),
        who: e.user_name.clone(),
        action: ctx.label("case_access", &e.action),
    }
}

async fn render(
    ctx: &Ctx,
    status: StatusCode,
    consent: ConsentFields,
    errors: FormErrors,
    confirm: bool,
) -> PageResult {
    let scope = ctx.scope()?;
    let id: CaseId = ctx.id("case_id")?;
    let case = consultations::get_case(ctx.svc(), scope, id).await?;
    let meeting = domain::meetings::get(ctx.svc(), scope, case.meeting_id)
        .await
        .ok();
    let organiser = meeting.as_ref().is_some_and(|m| m.is_organiser);
    let access = if case.mine || ctx.can(Action::ReadAuditLog) {
        let log =
            consultations::access_log(ctx.svc(), scope, case.id, PageRequest::first(100)).await?;
        Some(log.items.iter().map(|e| access_row(ctx, e)).collect())
    } else {
        None
    };
    let organisations = domain::people::organisations::all(ctx.svc(), ctx.scope()?).await?;
    let consents = case
        .consents
        .iter()
        .map(|c| consent_view(ctx, &case, c, case.mine || organiser, &organisations))
        .collect();
    let notice = match ctx.query.get("notice") {
        "submitted" => Some(ctx.t("cases-notice-submitted")),
        "saved" => Some(ctx.t("cases-notice-saved")),
        "consent" => Some(ctx.t("cases-notice-consent")),
        "consent_withdrawn" => Some(ctx.t("cases-notice-consent-withdrawn")),
        _ => None,
    };
    let consent_choices = ConsentChoices::new(ctx, &consent, &organisations);
    page_with(
        status,
        &CasePage {
            ctx,
            meeting_title: meeting.map(|m| m.title).unwrap_or_default(),
            meeting_link: ctx.network_path(&format!("/meetings/{}", case.meeting_id)),
            cases_link: ctx.network_path(&format!("/meetings/{}/cases", case.meeting_id)),
            submitted_at: ctx.datetime(&case.submitted_at),
            machine_submitted_at: ctx.machine_datetime(&case.submitted_at),
            editable: case.editable,
            withdraw_action: ctx.network_path(&format!("/cases/{}/withdraw", case.id)),
            edit_link: ctx.network_path(&format!("/cases/{}/edit", case.id)),
            consent_form: case.editable,
            consent_action: ctx.network_path(&format!("/cases/{}/consents", case.id)),
            consents,
            consent,
            consent_choices,
            errors,
            confirm,
            access,
            notice,
            case: CaseView::new(ctx, &case),
        },
    )
}

#[handler]
pub(crate) async fn show(ctx: &Ctx) -> PageResult {
    render(
        ctx,
        StatusCode::OK,
        ConsentFields::fresh(),
        FormErrors::none(),
        false,
    )
    .await
}

#[handler]
pub(crate) async fn withdraw(ctx: &Ctx) -> PageResult {
    let scope = ctx.scope()?;
    let id: CaseId = ctx.id("case_id")?;
    let case = consultations::get_case(ctx.svc(), scope, id).await?;
    consultations::withdraw_case(ctx.svc(), scope, id).await?;
    Ok(see_other(&ctx.network_path(&format!(
        "/meetings/{}/cases?notice=withdrawn",
        case.meeting_id
    ))))
}

#[handler]
pub(crate) async fn record_consent(ctx: &Ctx) -> PageResult {
    let scope = ctx.scope()?;
    let id: CaseId = ctx.id("case_id")?;
    let consent = ConsentFields::from_request(ctx);
    let confirmed = ctx.form.get("confirmed") == "1";
    let mut problems = Vec::new();
    let parsed = consent.parse(scope.network().time_zone, "", &mut problems);
    let result = match parsed {
        Some(input) if problems.is_empty() => {
            consultations::record_consent(ctx.svc(), scope, id, input, confirmed)
                .await
                .map(|_| ())
        }
        _ => Err(domain::Error::Invalid(problems)),
    };
    match result {
        Ok(()) => Ok(see_other(
            &ctx.network_path(&format!("/cases/{id}?notice=consent")),
        )),
        Err(err) => {
            let Failure {
                status,
                errors,
                confirm,
            } = failure(ctx, err, true)?;
            render(ctx, status, consent, errors, confirm).await
        }
    }
}

#[handler]
pub(crate) async fn withdraw_consent(ctx: &Ctx) -> PageResult {
    let scope = ctx.scope()?;
    let id: CaseId = ctx.id("case_id")?;
    let consent_id: ConsentId = ctx.id("consent_id")?;
    match consultations::withdraw_consent(ctx.svc(), scope, id, consent_id).await {
        Ok(_) => Ok(see_other(
            &ctx.network_path(&format!("/cases/{id}?notice=consent_withdrawn")),
        )),
        Err(err) => {
            let Failure { status, errors, .. } = failure(ctx, err, true)?;
            render(ctx, status, ConsentFields::fresh(), errors, false).await
        }
    }
}
