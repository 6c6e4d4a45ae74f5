//! The case form: book a slot and submit a case (with a consent sub-form), or edit one's case.

use askama::Template;
use domain::FieldError;
use domain::consultations::{self, AgeBand, Case, CaseMode, CasePatch, NewCase};
use domain::ids::CaseId;
use domain::meetings::Meeting;
use domain::people::Sector;
use poem::handler;
use poem::http::StatusCode;

use super::list::{accepts_cases, consultation};
use super::{Choice, ConsentChoices, ConsentFields, Failure, Option2, failure};
use crate::context::Ctx;
use crate::errors::WebError;
use crate::forms::FormErrors;
use crate::render::{PageResult, page_with, see_other};

/// The case form as typed (no `Debug`: it holds what the practitioner wrote).
#[derive(Clone, Default)]
pub(crate) struct CaseFields {
    pub slot: String,
    pub age_band: String,
    /// The known sectors ticked.
    pub sectors: Vec<String>,
    /// Other sectors, comma-separated.
    pub sectors_other: String,
    pub concern: String,
    pub tried: String,
    pub question: String,
    pub mode: String,
}

impl CaseFields {
    fn from_request(ctx: &Ctx) -> Self {
        let get = |name: &str| ctx.form.get(name).to_owned();
        Self {
            slot: get("case_slot"),
            age_band: get("case_age_band"),
            sectors: Sector::ALL
                .iter()
                .filter(|s| ctx.form.get(&format!("case_sector_{s}")) == "1")
                .map(|s| s.as_str().to_owned())
                .collect(),
            sectors_other: get("case_sectors_other"),
            concern: get("case_concern"),
            tried: get("case_tried"),
            question: get("case_question"),
            mode: get("case_mode"),
        }
    }

    fn from_case(case: &Case) -> Self {
        let (known, other): (Vec<String>, Vec<String>) = case
            .details
            .as_ref()
            .map(|d| d.sectors.clone())
            .unwrap_or_default()
            .into_iter()
            .partition(|s| Sector::parse(s).is_some());
        let details = case.details.as_ref();
        Self {
            slot: case.slot_number.to_string(),
            age_band: case.age_band.as_str().to_owned(),
            sectors: known,
            sectors_other: other.join(", "),
            concern: details.map(|d| d.concern.clone()).unwrap_or_default(),
            tried: details.map(|d| d.tried.clone()).unwrap_or_default(),
            question: details.map(|d| d.question.clone()).unwrap_or_default(),
            mode: case.mode.as_str().to_owned(),
        }
    }

    /// Every sector, known ones ticked and the rest as typed.
    fn all_sectors(&self) -> Vec<String> {
        let mut all = self.sectors.clone();
        all.extend(super::split_lines(&self.sectors_other));
        all
    }

    fn age_band(&self, problems: &mut Vec<FieldError>) -> Option<AgeBand> {
        let band = AgeBand::parse(&self.age_band);
        if band.is_none() {
            problems.push(FieldError::new("age_band", "required"));
        }
        band
    }

    fn mode(&self, problems: &mut Vec<FieldError>) -> Option<CaseMode> {
        let mode = CaseMode::parse(&self.mode);
        if mode.is_none() {
            problems.push(FieldError::new("mode", "required"));
        }
        mode
    }
}

#[derive(Template)]
#[template(path = "consultations/case_form.html")]
struct FormPage<'a> {
    ctx: &'a Ctx,
    meeting_title: String,
    meeting_link: String,
    cases_link: String,
    /// The case being edited (its page), or `None` for a new one.
    editing: Option<String>,
    action: String,
    form: CaseFields,
    consent: ConsentFields,
    errors: FormErrors,
    /// Ask to confirm that a suspected name or address is none.
    confirm: bool,
    slot_choices: Vec<Option2>,
    age_choices: Vec<Option2>,
    sector_choices: Vec<Choice>,
    mode_choices: Vec<ModeChoice>,
    consent_choices: ConsentChoices,
}

/// A radio button of the mode, with its explanation.
struct ModeChoice {
    value: String,
    text: String,
    hint: String,
    checked: bool,
}

struct Target {
    meeting_title: String,
    meeting_link: String,
    cases_link: String,
    editing: Option<String>,
    action: String,
    slot_choices: Vec<Option2>,
}

async fn render(
    ctx: &Ctx,
    status: StatusCode,
    target: Target,
    form: CaseFields,
    consent: ConsentFields,
    errors: FormErrors,
    confirm: bool,
) -> PageResult {
    let age_choices = AgeBand::ALL
        .iter()
        .map(|b| {
            (
                b.as_str().to_owned(),
                ctx.t1("cases-age-years", "band", b.as_str()),
            )
        })
        .collect();
    let sector_choices = Sector::ALL
        .iter()
        .map(|s| {
            (
                s.as_str().to_owned(),
                ctx.label("sector", s.as_str()),
                form.sectors.iter().any(|t| t == s.as_str()),
            )
        })
        .collect();
    let mode_choices = CaseMode::ALL
        .iter()
        .map(|m| ModeChoice {
            value: m.as_str().to_owned(),
            text: ctx.label("case_mode", m.as_str()),
            hint: ctx.t(&format!("case_mode-{m}-hint")),
            checked: m.as_str() == form.mode,
        })
        .collect();
    let organisations = domain::people::organisations::all(ctx.svc(), ctx.scope()?).await?;
    let consent_choices = ConsentChoices::new(ctx, &consent, &organisations);
    page_with(
        status,
        &FormPage {
            ctx,
            meeting_title: target.meeting_title,
            meeting_link: target.meeting_link,
            cases_link: target.cases_link,
            editing: target.editing,
            action: target.action,
            form,
            consent,
            errors,
            confirm,
            slot_choices: target.slot_choices,
            age_choices,
            sector_choices,
            mode_choices,
            consent_choices,
        },
    )
}

/// The meeting's free slots, for a new case.
async fn new_target(ctx: &Ctx, meeting: &Meeting) -> Result<Target, WebError> {
    let slots = consultations::list_slots(ctx.svc(), ctx.scope()?, meeting.id).await?;
    let slot_choices: Vec<Option2> = slots
        .iter()
        .filter(|s| !s.booked)
        .map(|s| {
            (
                s.number.to_string(),
                ctx.t1("cases-slot-number", "number", s.number),
            )
        })
        .collect();
    if slot_choices.is_empty() {
        return Err(domain::Error::conflict("no_free_slot").into());
    }
    Ok(Target {
        meeting_title: meeting.title.clone(),
        meeting_link: ctx.network_path(&format!("/meetings/{}", meeting.id)),
        cases_link: ctx.network_path(&format!("/meetings/{}/cases", meeting.id)),
        editing: None,
        action: ctx.network_path(&format!("/meetings/{}/cases", meeting.id)),
        slot_choices,
    })
}

#[handler]
pub(crate) async fn new_form(ctx: &Ctx) -> PageResult {
    let scope = ctx.scope()?;
    scope.require(domain::policy::Action::SubmitCase)?;
    let meeting = consultation(ctx).await?;
    if !accepts_cases(ctx, &meeting) {
        return Err(domain::Error::conflict("meeting_started").into());
    }
    let target = new_target(ctx, &meeting).await?;
    let slot = ctx
        .query
        .opt("slot")
        .filter(|wanted| target.slot_choices.iter().any(|(n, _)| n == wanted))
        .map(str::to_owned)
        .or_else(|| target.slot_choices.first().map(|(n, _)| n.clone()))
        .unwrap_or_default();
    let form = CaseFields {
        slot,
        mode: CaseMode::Anonymous.as_str().to_owned(),
        ..CaseFields::default()
    };
    render(
        ctx,
        StatusCode::OK,
        target,
        form,
        ConsentFields::fresh(),
        FormErrors::none(),
        false,
    )
    .await
}

#[handler]
pub(crate) async fn submit(ctx: &Ctx) -> PageResult {
    let scope = ctx.scope()?;
    let meeting = consultation(ctx).await?;
    let form = CaseFields::from_request(ctx);
    let consent = ConsentFields::from_request(ctx);
    let confirmed = ctx.form.get("confirmed") == "1";
    let mut problems = Vec::new();
    let slot_number = match form.slot.trim().parse::<i32>() {
        Ok(n) => Some(n),
        Err(_) => {
            problems.push(FieldError::new("slot_number", "required"));
            None
        }
    };
    let age_band = form.age_band(&mut problems);
    let mode = form.mode(&mut problems);
    let tz = scope.network().time_zone;
    let new_consent = if mode == Some(CaseMode::WithConsent) {
        consent.parse(tz, "consent.", &mut problems)
    } else {
        None
    };
    let result = match (age_band, mode) {
        (Some(age_band), Some(mode)) if problems.is_empty() => {
            consultations::submit_case(
                ctx.svc(),
                scope,
                meeting.id,
                NewCase {
                    slot_number,
                    age_band,
                    sectors: form.all_sectors(),
                    concern: form.concern.clone(),
                    tried: form.tried.clone(),
                    question: form.question.clone(),
                    mode,
                    consent: new_consent,
                    confirmed,
                },
            )
            .await
        }
        _ => Err(domain::Error::Invalid(problems)),
    };
    match result {
        Ok(case) => Ok(see_other(
            &ctx.network_path(&format!("/cases/{}?notice=submitted", case.id)),
        )),
        Err(err) => {
            let Failure {
                status,
                errors,
                confirm,
            } = failure(ctx, err, false)?;
            // A slot taken meanwhile: offer the slots still free.
            let target = new_target(ctx, &meeting).await?;
            render(ctx, status, target, form, consent, errors, confirm).await
        }
    }
}

/// The case of the path, if the viewer may edit it.
async fn editable(ctx: &Ctx) -> Result<Case, WebError> {
    let id: CaseId = ctx.id("case_id")?;
    let case = consultations::get_case(ctx.svc(), ctx.scope()?, id).await?;
    if !case.editable {
        return Err(domain::Error::Forbidden.into());
    }
    Ok(case)
}

async fn edit_target(ctx: &Ctx, case: &Case) -> Result<Target, WebError> {
    let title = domain::meetings::get(ctx.svc(), ctx.scope()?, case.meeting_id)
        .await
        .map(|m| m.title)
        .unwrap_or_default();
    let link = ctx.network_path(&format!("/cases/{}", case.id));
    Ok(Target {
        meeting_title: title,
        meeting_link: ctx.network_path(&format!("/meetings/{}", case.meeting_id)),
        cases_link: ctx.network_path(&format!("/meetings/{}/cases", case.meeting_id)),
        editing: Some(link.clone()),
        action: link,
        slot_choices: Vec::new(),
    })
}

#[handler]
pub(crate) async fn edit_form(ctx: &Ctx) -> PageResult {
    let case = editable(ctx).await?;
    let target = edit_target(ctx, &case).await?;
    render(
        ctx,
        StatusCode::OK,
        target,
        CaseFields::from_case(&case),
        ConsentFields::fresh(),
        FormErrors::none(),
        false,
    )
    .await
}

#[handler]
pub(crate) async fn update(ctx: &Ctx) -> PageResult {
    let scope = ctx.scope()?;
    let id: CaseId = ctx.id("case_id")?;
    let form = CaseFields::from_request(ctx);
    let confirmed = ctx.form.get("confirmed") == "1";
    let mut problems = Vec::new();
    let age_band = form.age_band(&mut problems);
    let mode = form.mode(&mut problems);
    let result = match (age_band, mode) {
        (Some(age_band), Some(mode)) if problems.is_empty() => {
            consultations::update_case(
                ctx.svc(),
                scope,
                id,
                CasePatch {
                    age_band: Some(age_band),
                    sectors: Some(form.all_sectors()),
                    concern: Some(form.concern.clone()),
                    tried: Some(form.tried.clone()),
                    question: Some(form.question.clone()),
                    mode: Some(mode),
                    confirmed,
                },
            )
            .await
        }
        _ => Err(domain::Error::Invalid(problems)),
    };
    match result {
        Ok(case) => Ok(see_other(
            &ctx.network_path(&format!("/cases/{}?notice=saved", case.id)),
        )),
        Err(err) => {
            let Failure {
                status,
                errors,
                confirm,
            } = failure(ctx, err, false)?;
            let case = editable(ctx).await?;
            let target = edit_target(ctx, &case).await?;
            render(
                ctx,
                status,
                target,
                form,
                ConsentFields::fresh(),
                errors,
                confirm,
            )
            .await
        }
    }
}
