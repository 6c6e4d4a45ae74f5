//! A consultation meeting's cases page: its slots (free or booked), the cases the viewer may
//! read, and for organisers the form that adds slots.

use askama::Template;
use domain::consultations::{self, Case, CaseSlot, DetailsState, MAX_SLOTS};
use domain::ids::MeetingId;
use domain::meetings::{self, Meeting, MeetingKind, MeetingStatus};
use domain::policy::Action;
use poem::handler;
use poem::http::StatusCode;

use super::failure;
use crate::context::Ctx;
use crate::errors::WebError;
use crate::forms::{self, FormErrors};
use crate::render::{PageResult, page_with, see_other};

/// A slot as a row of the table.
pub(crate) struct SlotRow {
    pub number: i32,
    pub status: String,
    /// Where to book it, if the viewer may.
    pub book: Option<String>,
    /// The case in it, if the viewer may read it.
    pub case: Option<String>,
}

/// A case as the pages show it: texts as written, labels translated.
pub(crate) struct CaseView {
    /// The case's page, when the viewer may open it.
    pub link: Option<String>,
    pub slot_number: i32,
    pub age_band: String,
    pub mode: String,
    /// Why the details are not shown, when they are not.
    pub hidden: Option<String>,
    pub sectors: Vec<String>,
    pub concern: String,
    pub tried: String,
    pub question: String,
    pub mine: bool,
}

impl CaseView {
    pub fn new(ctx: &Ctx, case: &Case) -> Self {
        let details = case.details.as_ref();
        CaseView {
            link: (case.details_state != DetailsState::Restricted)
                .then(|| ctx.network_path(&format!("/cases/{}", case.id))),
            slot_number: case.slot_number,
            age_band: ctx.t1("cases-age-years", "band", case.age_band.as_str()),
            mode: ctx.label("case_mode", case.mode.as_str()),
            hidden: (case.details_state != DetailsState::Shown)
                .then(|| ctx.label("case_details", case.details_state.as_str())),
            sectors: details
                .map(|d| d.sectors.iter().map(|s| sector_label(ctx, s)).collect())
                .unwrap_or_default(),
            concern: details.map(|d| d.concern.clone()).unwrap_or_default(),
            tried: details.map(|d| d.tried.clone()).unwrap_or_default(),
            question: details.map(|d| d.question.clone()).unwrap_or_default(),
            mine: case.mine,
        }
    }
}

/// A sector's name, or the free text as written.
pub(crate) fn sector_label(ctx: &Ctx, sector: &str) -> String {
    match domain::people::Sector::parse(sector) {
        Some(known) => ctx.label("sector", known.as_str()),
        None => sector.to_owned(),
    }
}

/// The consultation meeting of the path, or 404.
pub(crate) async fn consultation(ctx: &Ctx) -> Result<Meeting, WebError> {
    let id: MeetingId = ctx.id("id")?;
    let meeting = meetings::get(ctx.svc(), ctx.scope()?, id).await?;
    if meeting.kind != MeetingKind::CaseConsultation {
        return Err(domain::Error::NotFound.into());
    }
    Ok(meeting)
}

/// Can the viewer submit a case to this meeting now (given a free slot)?
pub(crate) fn accepts_cases(ctx: &Ctx, meeting: &Meeting) -> bool {
    ctx.can(Action::SubmitCase)
        && meeting.status == MeetingStatus::Published
        && ctx.svc().now() < meeting.starts_at
}

#[derive(Template)]
#[template(path = "consultations/cases.html")]
struct CasesPage<'a> {
    ctx: &'a Ctx,
    meeting: Meeting,
    meeting_link: String,
    slots: Vec<SlotRow>,
    cases: Vec<CaseView>,
    organiser: bool,
    /// Shown when the viewer may submit but every slot is taken.
    full: bool,
    notice: Option<String>,
    errors: FormErrors,
    count: String,
    /// The viewer may confirm the duty-of-confidentiality declaration and has not yet.
    must_declare: bool,
    /// The viewer has confirmed it.
    declared: bool,
    /// For organisers: who confirmed the declaration, and when.
    declarations: Vec<(String, String)>,
}

async fn render(ctx: &Ctx, status: StatusCode, errors: FormErrors, count: String) -> PageResult {
    let scope = ctx.scope()?;
    let meeting = consultation(ctx).await?;
    let slots: Vec<CaseSlot> = consultations::list_slots(ctx.svc(), scope, meeting.id).await?;
    let cases = if ctx.is_member() {
        consultations::list_cases(ctx.svc(), scope, meeting.id).await?
    } else {
        Vec::new()
    };
    let open = accepts_cases(ctx, &meeting);
    let standing = if ctx.is_member() {
        consultations::my_standing(ctx.svc(), scope, meeting.id).await?
    } else {
        consultations::Standing::default()
    };
    let declarations = if meeting.is_organiser {
        consultations::declarations(ctx.svc(), scope, meeting.id)
            .await?
            .into_iter()
            .map(|d| (d.user_name, ctx.datetime(&d.confirmed_at)))
            .collect()
    } else {
        Vec::new()
    };
    let rows = slots
        .iter()
        .map(|slot| SlotRow {
            number: slot.number,
            status: if slot.mine {
                ctx.t("cases-slot-mine")
            } else if slot.booked {
                ctx.t("cases-slot-booked")
            } else {
                ctx.t("cases-slot-free")
            },
            book: (open && !slot.booked).then(|| {
                ctx.network_path(&format!(
                    "/meetings/{}/cases/new?slot={}",
                    meeting.id, slot.number
                ))
            }),
            case: slot
                .case_id
                .map(|id| ctx.network_path(&format!("/cases/{id}"))),
        })
        .collect();
    let notice = match ctx.query.get("notice") {
        "withdrawn" => Some(ctx.t("cases-notice-withdrawn")),
        "slots" => Some(ctx.t("cases-notice-slots")),
        "declared" => Some(ctx.t("cases-notice-declared")),
        _ => None,
    };
    page_with(
        status,
        &CasesPage {
            ctx,
            meeting_link: ctx.network_path(&format!("/meetings/{}", meeting.id)),
            full: open && !slots.is_empty() && slots.iter().all(|s| s.booked),
            organiser: meeting.is_organiser,
            cases: cases.iter().map(|c| CaseView::new(ctx, c)).collect(),
            slots: rows,
            meeting,
            notice,
            errors,
            count,
            must_declare: standing.may_declare() && !standing.declared,
            declared: standing.declared,
            declarations,
        },
    )
}

/// Confirms the duty-of-confidentiality declaration for the meeting.
#[handler]
pub(crate) async fn declare(ctx: &Ctx) -> PageResult {
    let scope = ctx.scope()?;
    let id: MeetingId = ctx.id("id")?;
    match consultations::declare(ctx.svc(), scope, id).await {
        Ok(_) => Ok(see_other(
            &ctx.network_path(&format!("/meetings/{id}/cases?notice=declared")),
        )),
        Err(err) => {
            let f = failure(ctx, err, false)?;
            render(ctx, f.status, f.errors, "1".into()).await
        }
    }
}

#[handler]
pub(crate) async fn show(ctx: &Ctx) -> PageResult {
    render(ctx, StatusCode::OK, FormErrors::none(), "1".into()).await
}

#[handler]
pub(crate) async fn add_slots(ctx: &Ctx) -> PageResult {
    let scope = ctx.scope()?;
    let id: MeetingId = ctx.id("id")?;
    let typed = ctx.form.get("count").trim().to_owned();
    let result = match typed.parse::<i32>() {
        Ok(count) => consultations::add_slots(ctx.svc(), scope, id, count)
            .await
            .map(|_| ()),
        Err(_) => Err(domain::Error::invalid("count", "invalid")),
    };
    match result {
        Ok(()) => Ok(see_other(
            &ctx.network_path(&format!("/meetings/{id}/cases?notice=slots")),
        )),
        Err(domain::Error::Invalid(problems)) => {
            let mut errors = FormErrors::none();
            for p in problems {
                let message = match p.code {
                    "out_of_range" => ctx.t1("cases-slots-out_of_range", "max", MAX_SLOTS),
                    code => forms::field_message(ctx, "count", code),
                };
                errors.add_field("count", message);
            }
            render(ctx, StatusCode::UNPROCESSABLE_ENTITY, errors, typed).await
        }
        Err(err) => {
            let f = failure(ctx, err, false)?;
            render(ctx, f.status, f.errors, typed).await
        }
    }
}
