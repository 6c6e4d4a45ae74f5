//! The organisers' page of a meeting: its details (the meeting form), publishing, cancelling
//! and completing, the programme and the registration questions, the registrations with
//! approval and cancellation, attendance, and the CSV export.
//!
//! Several forms share the page, so the programme's fields carry `item_` and the questions'
//! `question_` before the domain's names (`item_title` is the domain's `title` of an item).

use askama::Template;
use chrono_tz::Tz;
use domain::FieldError;
use domain::ids::{AgendaItemId, MeetingId, QuestionId, RegistrationId};
use domain::meetings::{
    self, ActionStatus, AgendaKind, Meeting, MeetingKind, MeetingStatus, NewAgendaItem,
    NewQuestion, QuestionKind, Registration, RegistrationStatus, Speaker, agenda, breakouts,
    minutes, registration_questions,
};
use poem::Response;
use poem::handler;
use poem::http::StatusCode;
use poem::http::header::{CONTENT_DISPOSITION, CONTENT_TYPE};

use super::edit::{self, FormChoices, MeetingForm};
use super::{
    choices, load, local_parts, meeting_path, parse_count, parse_local, prefixed_failure,
    time_range, time_zone,
};
use crate::context::Ctx;
use crate::errors::WebError;
use crate::forms::{FormErrors, form_failure};
use crate::render::{PageResult, page_with, see_other};

/// The programme form as typed: a date and two times in the network's zone.
#[derive(Clone, Debug, Default)]
pub(super) struct AgendaForm {
    title: String,
    kind: String,
    date: String,
    starts_at: String,
    ends_at: String,
    description: String,
    /// One speaker a line: "name, organisation".
    speakers: String,
    selectable: bool,
    capacity: String,
}

const AGENDA_FIELDS: &[&str] = &[
    "title",
    "kind",
    "starts_at",
    "ends_at",
    "description",
    "speakers",
    "selectable",
    "capacity",
];

#[derive(Clone, Debug, Default)]
pub(super) struct QuestionForm {
    label: String,
    kind: String,
    /// One option a line.
    options: String,
    required: bool,
}

const QUESTION_FIELDS: &[&str] = &["label", "kind", "options", "required"];

/// The minutes form as typed.
#[derive(Clone, Debug, Default)]
pub(super) struct MinutesForm {
    pub minutes: String,
    pub decisions: String,
    pub confirmed: bool,
}

/// A new action item as typed (`action_text`, `action_owner`, `action_due_on`).
#[derive(Clone, Debug, Default)]
pub(super) struct ActionForm {
    pub text: String,
    pub owner: String,
    pub due_on: String,
    pub confirmed: bool,
}

/// A new breakout group as typed (`group_name`, `group_facilitator`, `group_capacity`).
#[derive(Clone, Debug, Default)]
pub(super) struct GroupForm {
    pub name: String,
    pub facilitator: String,
    pub capacity: String,
}

struct ActionRow {
    id: String,
    text: String,
    owner: String,
    due: String,
    status: String,
    carried: bool,
}

struct GroupRow {
    id: String,
    name: String,
    facilitator: String,
    capacity: String,
    members: Vec<String>,
}

/// A registered participant and the breakout group they are in.
struct AssignRow {
    registration_id: String,
    name: String,
    group_id: String,
}

/// Which of the page's forms a message belongs to.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Failed {
    Nothing,
    Details,
    Agenda,
    Question,
    Minutes,
    ActionItem,
    Group,
    /// Status, registrations, attendance or an assignment: shown at the top.
    Action,
}

struct ItemRow {
    id: String,
    time: String,
    title: String,
    kind: String,
    speakers: String,
    session: Option<String>,
}

struct QuestionRow {
    id: String,
    label: String,
    kind: String,
    options: String,
    required: bool,
}

struct RegistrationRow {
    id: String,
    name: String,
    email: String,
    organisation: String,
    is_guest: bool,
    status: String,
    status_text: String,
    waitlist_position: Option<u64>,
    mode: String,
    sessions: Vec<String>,
    answers: Vec<(String, String)>,
    /// Marked as having come.
    came: bool,
    pending: bool,
    active: bool,
}

#[derive(Template)]
#[template(path = "meetings/manage.html")]
struct ManagePage<'a> {
    ctx: &'a Ctx,
    meeting: Meeting,
    status: String,
    when: String,
    /// Status changes offered: value, button text, button class.
    status_actions: Vec<(String, String, &'static str)>,
    form: MeetingForm,
    choices: FormChoices,
    zone: String,
    heading: u8,
    items: Vec<ItemRow>,
    agenda: AgendaForm,
    agenda_kinds: Vec<(String, String)>,
    questions: Vec<QuestionRow>,
    question: QuestionForm,
    question_kinds: Vec<(String, String)>,
    registrations: Vec<RegistrationRow>,
    /// Is anyone registered (the attendance list has someone to tick)?
    has_registered: bool,
    /// Counts by status, for the summary line.
    counts: Vec<String>,
    /// Minutes, decisions and action items (case consultations run their texts past the
    /// identifier guard, so the page offers to confirm what it only suspects).
    minutes: MinutesForm,
    minutes_saved: Option<String>,
    action_items: Vec<ActionRow>,
    action: ActionForm,
    action_statuses: Vec<(String, String)>,
    guarded: bool,
    groups: Vec<GroupRow>,
    group: GroupForm,
    assignable: Vec<AssignRow>,
    group_choices: Vec<(String, String)>,
    errors: FormErrors,
    failed: Failed,
    notice: Option<String>,
}

/// What the page shows besides the meeting: the forms as typed and what went wrong.
pub(super) struct State {
    pub form: Option<MeetingForm>,
    pub agenda: Option<AgendaForm>,
    pub question: Option<QuestionForm>,
    pub minutes: Option<MinutesForm>,
    pub action: Option<ActionForm>,
    pub group: Option<GroupForm>,
    pub errors: FormErrors,
    pub failed: Failed,
}

impl State {
    pub fn fresh() -> Self {
        State {
            form: None,
            agenda: None,
            question: None,
            minutes: None,
            action: None,
            group: None,
            errors: FormErrors::none(),
            failed: Failed::Nothing,
        }
    }

    pub fn failed(failed: Failed, errors: FormErrors) -> Self {
        State {
            errors,
            failed,
            ..State::fresh()
        }
    }
}

/// The meeting of the path, if the viewer organises it: others who see it are refused, and
/// those who do not see it find nothing.
pub(super) async fn organised(ctx: &Ctx) -> Result<Meeting, WebError> {
    let meeting = load(ctx).await?;
    if !meeting.is_organiser {
        return Err(if ctx.signed_in() {
            domain::Error::Forbidden
        } else {
            domain::Error::Unauthenticated
        }
        .into());
    }
    Ok(meeting)
}

fn status_actions(ctx: &Ctx, status: MeetingStatus) -> Vec<(String, String, &'static str)> {
    let targets: &[(MeetingStatus, &str, &'static str)] = match status {
        MeetingStatus::Draft => &[
            (MeetingStatus::Published, "meetings-publish", ""),
            (
                MeetingStatus::Cancelled,
                "meetings-cancel-meeting",
                "danger",
            ),
        ],
        MeetingStatus::Published => &[
            (MeetingStatus::Completed, "meetings-complete", ""),
            (MeetingStatus::Draft, "meetings-unpublish", "secondary"),
            (
                MeetingStatus::Cancelled,
                "meetings-cancel-meeting",
                "danger",
            ),
        ],
        MeetingStatus::Cancelled | MeetingStatus::Completed => &[],
    };
    targets
        .iter()
        .map(|(to, key, class)| (to.as_str().to_owned(), ctx.t(key), *class))
        .collect()
}

fn registration_rows(
    ctx: &Ctx,
    meeting: &Meeting,
    list: Vec<Registration>,
) -> Vec<RegistrationRow> {
    list.into_iter()
        .map(|r| RegistrationRow {
            id: r.id.to_string(),
            name: r.name,
            email: r.email,
            // The organisation with its sector: what an organiser weighs before approving.
            organisation: match r.sector {
                Some(sector) if !r.organisation.is_empty() => format!(
                    "{} ({})",
                    r.organisation,
                    ctx.label("sector", sector.as_str())
                ),
                _ => r.organisation,
            },
            is_guest: r.is_guest,
            status: r.status.as_str().to_owned(),
            status_text: ctx.label("registration_status", r.status.as_str()),
            waitlist_position: r.waitlist_position,
            mode: ctx.label("attendance_mode", r.attendance_mode.as_str()),
            sessions: meeting
                .programme
                .iter()
                .filter(|i| r.session_ids.contains(&i.id))
                .map(|i| i.title.clone())
                .collect(),
            answers: meeting
                .questions
                .iter()
                .filter_map(|q| {
                    r.answers
                        .iter()
                        .find(|(id, _)| *id == q.id)
                        .map(|(_, a)| (q.label.clone(), a.display()))
                })
                .collect(),
            came: r.attended == Some(true),
            pending: r.status == RegistrationStatus::PendingApproval,
            active: !matches!(
                r.status,
                RegistrationStatus::Cancelled | RegistrationStatus::Rejected
            ),
        })
        .collect()
}

fn notice_text(ctx: &Ctx) -> Option<String> {
    let key = match ctx.query.get("notice") {
        "created" => "notice-meeting-created",
        "saved" => "notice-meeting-saved",
        "published" => "notice-meeting-published",
        "cancelled" => "notice-meeting-cancelled",
        "completed" => "notice-meeting-completed",
        "draft" => "notice-meeting-unpublished",
        "item_added" => "notice-meeting-item-added",
        "item_removed" => "notice-meeting-item-removed",
        "question_added" => "notice-meeting-question-added",
        "question_removed" => "notice-meeting-question-removed",
        "approved" => "notice-meeting-approved",
        "rejected" => "notice-meeting-rejected",
        "registration_cancelled" => "notice-meeting-registration-cancelled-by-organiser",
        "attendance" => "notice-meeting-attendance-saved",
        "minutes" => "notice-meeting-minutes-saved",
        "action_added" => "notice-meeting-action-added",
        "action_saved" => "notice-meeting-action-saved",
        "group_added" => "notice-meeting-group-added",
        "group_removed" => "notice-meeting-group-removed",
        "assigned" => "notice-meeting-assigned",
        "auto_assigned" => {
            let count = |name: &str| ctx.query.get(name).parse::<u64>().unwrap_or(0).to_string();
            return Some(ctx.t2(
                "notice-meeting-auto-assigned",
                "assigned",
                &count("assigned"),
                "unassigned",
                &count("unassigned"),
            ));
        }
        _ => return None,
    };
    Some(ctx.t(key))
}

pub(super) async fn render(
    ctx: &Ctx,
    status: StatusCode,
    meeting: Meeting,
    state: State,
) -> PageResult {
    let tz = time_zone(ctx)?;
    let list = meetings::registrations(ctx.svc(), ctx.scope()?, meeting.id).await?;
    let mut counts = Vec::new();
    for s in [
        RegistrationStatus::Registered,
        RegistrationStatus::PendingApproval,
        RegistrationStatus::Unconfirmed,
        RegistrationStatus::Waitlisted,
    ] {
        let n = list.iter().filter(|r| r.status == s).count();
        if n > 0 {
            counts.push(format!(
                "{}: {n}",
                ctx.label("registration_status", s.as_str())
            ));
        }
    }
    let choices_loaded = FormChoices::load(ctx).await?;
    let form = state
        .form
        .unwrap_or_else(|| MeetingForm::from_meeting(tz, &meeting));
    let agenda = state.agenda.unwrap_or_else(|| AgendaForm {
        kind: AgendaKind::Talk.as_str().to_owned(),
        date: local_parts(tz, meeting.starts_at).0,
        ..AgendaForm::default()
    });
    let question = state.question.unwrap_or_else(|| QuestionForm {
        kind: QuestionKind::Text.as_str().to_owned(),
        ..QuestionForm::default()
    });
    let items = meeting
        .programme
        .iter()
        .map(|i| ItemRow {
            id: i.id.to_string(),
            time: format!(
                "{} {}",
                local_parts(tz, i.starts_at).0,
                time_range(tz, i.starts_at, i.ends_at)
            ),
            title: i.title.clone(),
            kind: ctx.label("agenda_kind", i.kind.as_str()),
            speakers: i
                .speakers
                .iter()
                .map(|s| {
                    if s.organisation.is_empty() {
                        s.name.clone()
                    } else {
                        format!("{} ({})", s.name, s.organisation)
                    }
                })
                .collect::<Vec<_>>()
                .join(", "),
            session: i.selectable.then(|| match i.capacity {
                Some(capacity) => ctx.t1("meetings-session-capacity", "capacity", capacity),
                None => ctx.t("meetings-session-unlimited"),
            }),
        })
        .collect();
    let svc = ctx.svc();
    let scope = ctx.scope()?;
    let written = minutes::get_minutes(svc, scope, meeting.id).await?;
    let minutes_saved = written.updated_at.map(|at| ctx.datetime(&at));
    let minutes_form = state.minutes.unwrap_or_else(|| MinutesForm {
        minutes: written.minutes.clone(),
        decisions: written.decisions.clone(),
        confirmed: false,
    });
    let action_items = written
        .action_items
        .iter()
        .map(|a| ActionRow {
            id: a.id.to_string(),
            text: a.text.clone(),
            owner: a.owner.clone(),
            due: a
                .due_on
                .map(|d| d.format("%Y-%m-%d").to_string())
                .unwrap_or_default(),
            status: a.status.as_str().to_owned(),
            carried: a.carried_from_id.is_some(),
        })
        .collect();
    let breakout_groups = breakouts::list_groups(svc, scope, meeting.id).await?;
    let mut group_choices = vec![(String::new(), ctx.t("meetings-no-breakout-group"))];
    group_choices.extend(
        breakout_groups
            .iter()
            .map(|g| (g.id.to_string(), g.name.clone())),
    );
    let assignable = list
        .iter()
        .filter(|r| r.status == RegistrationStatus::Registered)
        .map(|r| AssignRow {
            registration_id: r.id.to_string(),
            name: r.name.clone(),
            group_id: r
                .breakout_group_id
                .map(|g| g.to_string())
                .unwrap_or_default(),
        })
        .collect();
    let groups = breakout_groups
        .into_iter()
        .map(|g| GroupRow {
            id: g.id.to_string(),
            name: g.name,
            facilitator: g.facilitator,
            capacity: match g.capacity {
                Some(capacity) => ctx.t2(
                    "meetings-group-size",
                    "size",
                    &g.size.to_string(),
                    "capacity",
                    &capacity.to_string(),
                ),
                None => ctx.t1("meetings-group-size-unlimited", "size", g.size),
            },
            members: g.members.into_iter().map(|(_, name)| name).collect(),
        })
        .collect();
    let questions = meeting
        .questions
        .iter()
        .map(|q| QuestionRow {
            id: q.id.to_string(),
            label: q.label.clone(),
            kind: ctx.label("question_kind", q.kind.as_str()),
            options: q.options.join("; "),
            required: q.required,
        })
        .collect();
    page_with(
        status,
        &ManagePage {
            ctx,
            status: ctx.label("meeting_status", meeting.status.as_str()),
            when: super::when(ctx, tz, meeting.starts_at, meeting.ends_at),
            status_actions: status_actions(ctx, meeting.status),
            form,
            choices: choices_loaded,
            zone: tz.name().to_owned(),
            heading: 3,
            items,
            agenda,
            agenda_kinds: choices(
                ctx,
                "agenda_kind",
                AgendaKind::ALL.iter().map(|v| v.as_str()),
            ),
            questions,
            question,
            question_kinds: choices(
                ctx,
                "question_kind",
                QuestionKind::ALL.iter().map(|v| v.as_str()),
            ),
            has_registered: list
                .iter()
                .any(|r| r.status == RegistrationStatus::Registered),
            registrations: registration_rows(ctx, &meeting, list),
            counts,
            minutes: minutes_form,
            minutes_saved,
            action_items,
            action: state.action.unwrap_or_default(),
            action_statuses: choices(
                ctx,
                "action_status",
                ActionStatus::ALL.iter().map(|v| v.as_str()),
            ),
            guarded: meeting.kind == MeetingKind::CaseConsultation,
            groups,
            group: state.group.unwrap_or_default(),
            assignable,
            group_choices,
            errors: state.errors,
            failed: state.failed,
            notice: notice_text(ctx),
            meeting,
        },
    )
}

pub(super) fn back(ctx: &Ctx, meeting: &Meeting, notice: &str, anchor: &str) -> Response {
    see_other(&meeting_path(
        ctx,
        meeting.id,
        &format!("/manage?notice={notice}#{anchor}"),
    ))
}

/// A refused action (status, registrations, attendance): the page again, with why at the top.
pub(super) async fn refused(ctx: &Ctx, meeting: Meeting, err: domain::Error) -> PageResult {
    let (status, errors) = form_failure(ctx, err, &[])?;
    render(ctx, status, meeting, State::failed(Failed::Action, errors)).await
}

#[handler]
pub(crate) async fn manage(ctx: &Ctx) -> PageResult {
    let meeting = organised(ctx).await?;
    render(ctx, StatusCode::OK, meeting, State::fresh()).await
}

#[handler]
pub(crate) async fn update(ctx: &Ctx) -> PageResult {
    let scope = ctx.scope()?;
    let meeting = organised(ctx).await?;
    let tz = time_zone(ctx)?;
    let choices = FormChoices::load(ctx).await?;
    let mut form = MeetingForm::from_request(ctx);
    form.read_invitees(ctx, &choices.people);
    let result = match edit::parse(tz, &form) {
        Ok(parsed) => {
            let patch = parsed.into_patch(&form);
            meetings::update(ctx.svc(), scope, meeting.id, patch).await
        }
        Err(err) => Err(err),
    };
    match result {
        Ok(updated) => Ok(back(ctx, &updated, "saved", "details")),
        Err(err) => {
            let (status, errors) = form_failure(ctx, err, edit::FIELDS)?;
            let state = State {
                form: Some(form),
                ..State::failed(Failed::Details, errors)
            };
            render(ctx, status, meeting, state).await
        }
    }
}

#[handler]
pub(crate) async fn set_status(ctx: &Ctx) -> PageResult {
    let scope = ctx.scope()?;
    let meeting = organised(ctx).await?;
    let Some(target) = MeetingStatus::parse(ctx.form.get("status")) else {
        return Err(WebError::BadRequest);
    };
    match meetings::set_status(ctx.svc(), scope, meeting.id, target).await {
        Ok(updated) => Ok(back(ctx, &updated, target.as_str(), "status")),
        Err(err) => refused(ctx, meeting, err).await,
    }
}

fn speakers(text: &str) -> Vec<Speaker> {
    text.lines()
        .map(str::trim)
        .filter(|line| !line.is_empty())
        .map(|line| match line.split_once(',') {
            Some((name, organisation)) => Speaker {
                name: name.trim().to_owned(),
                organisation: organisation.trim().to_owned(),
            },
            None => Speaker {
                name: line.to_owned(),
                organisation: String::new(),
            },
        })
        .collect()
}

fn parse_item(tz: Tz, form: &AgendaForm) -> Result<NewAgendaItem, domain::Error> {
    let mut problems = Vec::new();
    let kind = AgendaKind::parse(&form.kind);
    if kind.is_none() {
        problems.push(FieldError::new("kind", "invalid"));
    }
    let starts_at = parse_local(
        tz,
        &form.date,
        &form.starts_at,
        "starts_at",
        true,
        &mut problems,
    );
    let ends_at = parse_local(
        tz,
        &form.date,
        &form.ends_at,
        "ends_at",
        true,
        &mut problems,
    );
    let capacity = parse_count(&form.capacity, "capacity", &mut problems);
    match (kind, starts_at, ends_at) {
        (Some(kind), Some(starts_at), Some(ends_at)) if problems.is_empty() => Ok(NewAgendaItem {
            starts_at,
            ends_at,
            title: form.title.clone(),
            description: form.description.clone(),
            kind,
            speakers: speakers(&form.speakers),
            selectable: form.selectable,
            capacity,
        }),
        _ => Err(domain::Error::Invalid(problems)),
    }
}

#[handler]
pub(crate) async fn add_item(ctx: &Ctx) -> PageResult {
    let scope = ctx.scope()?;
    let meeting = organised(ctx).await?;
    let tz = time_zone(ctx)?;
    let f = &ctx.form;
    let form = AgendaForm {
        title: f.get("item_title").to_owned(),
        kind: f.get("item_kind").to_owned(),
        date: f.get("item_date").to_owned(),
        starts_at: f.get("item_starts_at").to_owned(),
        ends_at: f.get("item_ends_at").to_owned(),
        description: f.get("item_description").to_owned(),
        speakers: f.get("item_speakers").to_owned(),
        selectable: f.get("item_selectable") == "1",
        capacity: f.get("item_capacity").to_owned(),
    };
    let result = match parse_item(tz, &form) {
        Ok(item) => agenda::add(ctx.svc(), scope, meeting.id, item).await,
        Err(err) => Err(err),
    };
    match result {
        Ok(_) => Ok(back(ctx, &meeting, "item_added", "programme")),
        Err(err) => {
            let (status, errors) = prefixed_failure(ctx, err, "item_", AGENDA_FIELDS)?;
            let state = State {
                agenda: Some(form),
                ..State::failed(Failed::Agenda, errors)
            };
            render(ctx, status, meeting, state).await
        }
    }
}

#[handler]
pub(crate) async fn remove_item(ctx: &Ctx) -> PageResult {
    let scope = ctx.scope()?;
    let meeting = organised(ctx).await?;
    let item: AgendaItemId = ctx.id("item_id")?;
    match agenda::remove(ctx.svc(), scope, meeting.id, item).await {
        Ok(()) => Ok(back(ctx, &meeting, "item_removed", "programme")),
        Err(err) => refused(ctx, meeting, err).await,
    }
}

#[handler]
pub(crate) async fn add_question(ctx: &Ctx) -> PageResult {
    let scope = ctx.scope()?;
    let meeting = organised(ctx).await?;
    let f = &ctx.form;
    let form = QuestionForm {
        label: f.get("question_label").to_owned(),
        kind: f.get("question_kind").to_owned(),
        options: f.get("question_options").to_owned(),
        required: f.get("question_required") == "1",
    };
    let result = match QuestionKind::parse(&form.kind) {
        Some(kind) => {
            let input = NewQuestion {
                kind,
                label: form.label.clone(),
                options: form
                    .options
                    .lines()
                    .map(str::trim)
                    .filter(|o| !o.is_empty())
                    .map(str::to_owned)
                    .collect(),
                required: form.required,
            };
            registration_questions::add(ctx.svc(), scope, meeting.id, input).await
        }
        None => Err(domain::Error::invalid("kind", "invalid")),
    };
    match result {
        Ok(_) => Ok(back(ctx, &meeting, "question_added", "questions")),
        Err(err) => {
            let (status, errors) = prefixed_failure(ctx, err, "question_", QUESTION_FIELDS)?;
            let state = State {
                question: Some(form),
                ..State::failed(Failed::Question, errors)
            };
            render(ctx, status, meeting, state).await
        }
    }
}

#[handler]
pub(crate) async fn remove_question(ctx: &Ctx) -> PageResult {
    let scope = ctx.scope()?;
    let meeting = organised(ctx).await?;
    let question: QuestionId = ctx.id("question_id")?;
    match registration_questions::remove(ctx.svc(), scope, meeting.id, question).await {
        Ok(()) => Ok(back(ctx, &meeting, "question_removed", "questions")),
        Err(err) => refused(ctx, meeting, err).await,
    }
}

/// What an organiser does to one registration.
async fn registration_action(ctx: &Ctx, action: &str) -> PageResult {
    let scope = ctx.scope()?;
    let meeting = organised(ctx).await?;
    let id: RegistrationId = ctx.id("registration_id")?;
    let svc = ctx.svc();
    let (result, notice) = match action {
        "approve" => (
            meetings::decide(svc, scope, meeting.id, id, true).await,
            "approved",
        ),
        "reject" => (
            meetings::decide(svc, scope, meeting.id, id, false).await,
            "rejected",
        ),
        _ => (
            meetings::cancel(svc, scope, meeting.id, id).await,
            "registration_cancelled",
        ),
    };
    match result {
        Ok(()) => Ok(back(ctx, &meeting, notice, "registrations")),
        Err(err) => refused(ctx, meeting, err).await,
    }
}

#[handler]
pub(crate) async fn approve(ctx: &Ctx) -> PageResult {
    registration_action(ctx, "approve").await
}

#[handler]
pub(crate) async fn reject(ctx: &Ctx) -> PageResult {
    registration_action(ctx, "reject").await
}

#[handler]
pub(crate) async fn cancel_registration(ctx: &Ctx) -> PageResult {
    registration_action(ctx, "cancel").await
}

/// The attendance list: every registered participant, ticked if they came.
#[handler]
pub(crate) async fn attendance(ctx: &Ctx) -> PageResult {
    let scope = ctx.scope()?;
    let meeting = organised(ctx).await?;
    let svc = ctx.svc();
    let registered: Vec<RegistrationId> = meetings::registrations(svc, scope, meeting.id)
        .await?
        .into_iter()
        .filter(|r| r.status == RegistrationStatus::Registered)
        .map(|r| r.id)
        .collect();
    for id in registered {
        let came = ctx.form.get(&format!("attended.{id}")) == "1";
        if let Err(err) = meetings::mark_attendance(svc, scope, meeting.id, id, Some(came)).await {
            return refused(ctx, meeting, err).await;
        }
    }
    Ok(back(ctx, &meeting, "attendance", "attendance"))
}

/// The registrations as a spreadsheet file.
#[handler]
pub(crate) async fn export_csv(ctx: &Ctx) -> Result<Response, WebError> {
    let id: MeetingId = ctx.id("id")?;
    let csv = meetings::export_csv(ctx.svc(), ctx.scope()?, id).await?;
    Ok(Response::builder()
        .header(CONTENT_TYPE, "text/csv; charset=utf-8")
        .header(
            CONTENT_DISPOSITION,
            format!("attachment; filename=\"registrations-{id}.csv\""),
        )
        .body(csv))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn speakers_are_name_and_organisation_lines() {
        assert_eq!(
            speakers("Mette Holm, BUP Aarhus\n\n  Jonas Berg \nAnne, Skole, Vest"),
            vec![
                Speaker {
                    name: "Mette Holm".into(),
                    organisation: "BUP Aarhus".into()
                },
                Speaker {
                    name: "Jonas Berg".into(),
                    organisation: String::new()
                },
                Speaker {
                    name: "Anne".into(),
                    organisation: "Skole, Vest".into()
                },
            ]
        );
    }
}
