//! The meeting page: what, when and where, the programme with its parallel sessions side by
//! side, and registration — a member's form or their registration with a cancel button; for
//! signed-out visitors of a public meeting a guest form, confirmed by a link mailed to them.

use std::collections::HashMap;

use askama::Template;
use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use domain::calendar::utc_to_local;
use domain::ids::{AgendaItemId, QuestionId};
use domain::meetings::{
    self, AgendaItem, Answer, AttendanceMode, GuestDetails, LocationMode, Meeting, MeetingStatus,
    NewRegistration, QuestionKind, RegistrationStatus, breakouts, minutes,
};
use domain::policy::Action;
use poem::handler;
use poem::http::StatusCode;

use super::{load, long_date, meeting_path, time_range, time_zone, when};
use crate::context::Ctx;
use crate::errors::WebError;
use crate::forms::{FormErrors, form_failure};
use crate::render::{PageResult, page, page_with, see_other};

/// One agenda item as the programme shows it.
pub(crate) struct ItemView {
    pub time: String,
    pub title: String,
    pub kind: String,
    pub speakers: Vec<String>,
    pub description: String,
    pub selectable: bool,
    /// Places left, for a session with a capacity.
    pub places: Option<String>,
}

/// Items that start together; more than one are parallel sessions, shown side by side.
pub(crate) struct Slot {
    /// For the heading's id: the first item's.
    pub id: String,
    /// The day, when the programme spans several and this slot starts a new one.
    pub day: Option<String>,
    pub time: String,
    pub items: Vec<ItemView>,
}

/// The places left in a session, if it has a capacity.
fn session_places(ctx: &Ctx, meeting: &Meeting, item: &AgendaItem) -> Option<(i64, String)> {
    let capacity = i64::from(item.capacity?);
    let taken = meeting.seats.sessions.get(&item.id).copied().unwrap_or(0);
    let left = (capacity - taken).max(0);
    let text = if left == 0 {
        ctx.t("meetings-session-full")
    } else {
        ctx.t2(
            "meetings-places-left",
            "left",
            &left.to_string(),
            "capacity",
            &capacity.to_string(),
        )
    };
    Some((left, text))
}

pub(crate) fn programme(ctx: &Ctx, tz: Tz, meeting: &Meeting) -> Vec<Slot> {
    let many_days =
        utc_to_local(meeting.starts_at, tz).date() != utc_to_local(meeting.ends_at, tz).date();
    let mut slots: Vec<Slot> = Vec::new();
    let mut last: Option<(DateTime<Utc>, chrono::NaiveDate)> = None;
    for item in &meeting.programme {
        let view = ItemView {
            time: time_range(tz, item.starts_at, item.ends_at),
            title: item.title.clone(),
            kind: ctx.label("agenda_kind", item.kind.as_str()),
            speakers: item
                .speakers
                .iter()
                .map(|s| {
                    if s.organisation.is_empty() {
                        s.name.clone()
                    } else {
                        format!("{} ({})", s.name, s.organisation)
                    }
                })
                .collect(),
            description: item.description.clone(),
            selectable: item.selectable,
            places: session_places(ctx, meeting, item).map(|(_, text)| text),
        };
        let date = utc_to_local(item.starts_at, tz).date();
        match (last, slots.last_mut()) {
            (Some((at, _)), Some(slot)) if at == item.starts_at => slot.items.push(view),
            _ => {
                let new_day = last.is_none_or(|(_, d)| d != date);
                slots.push(Slot {
                    id: item.id.to_string(),
                    day: (many_days && new_day).then(|| long_date(ctx, date)),
                    time: utc_to_local(item.starts_at, tz).format("%H:%M").to_string(),
                    items: vec![view],
                });
            }
        }
        last = Some((item.starts_at, date));
    }
    slots
}

/// A radio button for one session of a time slot.
struct SessionChoice {
    id: String,
    label: String,
    places: Option<String>,
    full: bool,
    chosen: bool,
}

/// The parallel sessions of one time slot: choose one (or none).
struct SessionSlot {
    /// The form field: `session.<n>`.
    name: String,
    /// `f-session_ids` for the first slot, so that the error summary leads there.
    first_id: String,
    /// Is it the first slot (where the message about the choice of sessions goes)?
    first: bool,
    legend: String,
    choices: Vec<SessionChoice>,
    none_chosen: bool,
}

/// A registration question with what was typed.
struct QuestionField {
    /// The form field and the domain's name for it: `answers.<id>`.
    name: String,
    label: String,
    kind: &'static str,
    required: bool,
    text: String,
    /// Option index, text, chosen.
    options: Vec<(usize, String, bool)>,
}

/// The registration form as typed (members and guests).
#[derive(Clone, Debug, Default)]
pub(crate) struct RegistrationForm {
    pub attendance_mode: String,
    /// The chosen session of each time slot, by slot.
    pub sessions: Vec<String>,
    /// Text, or the chosen options, by question.
    pub answers: HashMap<QuestionId, Vec<String>>,
    pub accept_terms: bool,
    /// The breakout group most wanted, if any.
    pub breakout_preferences: String,
    pub name: String,
    pub email: String,
    pub organisation: String,
}

/// The selectable items grouped by start: the time slots of the registration form.
fn session_groups(meeting: &Meeting) -> Vec<Vec<&AgendaItem>> {
    let mut groups: Vec<Vec<&AgendaItem>> = Vec::new();
    for item in meeting.programme.iter().filter(|i| i.selectable) {
        match groups.last_mut() {
            Some(group) if group[0].starts_at == item.starts_at => group.push(item),
            _ => groups.push(vec![item]),
        }
    }
    groups
}

impl RegistrationForm {
    fn from_request(ctx: &Ctx, meeting: &Meeting) -> Self {
        let form = &ctx.form;
        let sessions = (0..session_groups(meeting).len())
            .map(|i| form.get(&format!("session.{i}")).to_owned())
            .collect();
        let mut answers = HashMap::new();
        for question in &meeting.questions {
            let name = format!("answers.{}", question.id);
            let values = match question.kind {
                QuestionKind::MultipleChoice => (0..question.options.len())
                    .map(|i| form.get(&format!("{name}.{i}")).to_owned())
                    .filter(|v| !v.is_empty())
                    .collect(),
                QuestionKind::Text | QuestionKind::SingleChoice => {
                    vec![form.get(&name).to_owned()]
                }
            };
            answers.insert(question.id, values);
        }
        RegistrationForm {
            attendance_mode: form.get("attendance_mode").to_owned(),
            sessions,
            answers,
            accept_terms: form.get("accept_terms") == "1",
            breakout_preferences: form.get("breakout_preferences").to_owned(),
            name: form.get("name").to_owned(),
            email: form.get("email").to_owned(),
            organisation: form.get("organisation").to_owned(),
        }
    }

    /// The registration in the domain's types; malformed values are the domain's to refuse.
    fn to_input(&self, meeting: &Meeting) -> Result<NewRegistration, domain::Error> {
        let attendance_mode = match meeting.location_mode {
            LocationMode::Hybrid => match self.attendance_mode.as_str() {
                "" => None,
                value => Some(
                    AttendanceMode::parse(value)
                        .ok_or_else(|| domain::Error::invalid("attendance_mode", "invalid"))?,
                ),
            },
            _ => None,
        };
        let mut session_ids = Vec::new();
        for value in self.sessions.iter().filter(|v| !v.is_empty()) {
            let id: AgendaItemId = value
                .parse()
                .map_err(|_| domain::Error::invalid("session_ids", "unknown"))?;
            session_ids.push(id);
        }
        let answers = meeting
            .questions
            .iter()
            .filter_map(|q| {
                let values = self.answers.get(&q.id)?;
                let answer = match q.kind {
                    QuestionKind::Text => Answer::Text(values.first().cloned().unwrap_or_default()),
                    QuestionKind::SingleChoice => {
                        Answer::Choice(values.first().cloned().unwrap_or_default())
                    }
                    QuestionKind::MultipleChoice => Answer::Choices(values.clone()),
                };
                Some((q.id, answer))
            })
            .collect();
        let breakout_preferences = match self.breakout_preferences.as_str() {
            "" => Vec::new(),
            value => vec![
                value
                    .parse()
                    .map_err(|_| domain::Error::invalid("breakout_preferences", "unknown"))?,
            ],
        };
        Ok(NewRegistration {
            attendance_mode,
            answers,
            session_ids,
            accept_terms: self.accept_terms,
            breakout_preferences,
        })
    }
}

/// The fields of the registration form, as the domain names them.
fn registration_fields(meeting: &Meeting) -> Vec<String> {
    let mut fields: Vec<String> = [
        "attendance_mode",
        "session_ids",
        "accept_terms",
        "breakout_preferences",
        "name",
        "email",
        "organisation",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    fields.extend(
        meeting
            .questions
            .iter()
            .map(|q| format!("answers.{}", q.id)),
    );
    fields
}

/// The viewer's registration, ready to show.
struct MineView {
    status: &'static str,
    status_text: String,
    waitlist_position: Option<u64>,
    mode: Option<String>,
    sessions: Vec<String>,
    breakout_group: Option<String>,
    can_cancel: bool,
}

/// Which registration form the page offers.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Offer {
    /// None: not offered, not open, or nothing the viewer can use.
    Nothing,
    Member,
    Guest,
}

#[derive(Template)]
#[template(path = "meetings/show.html")]
struct MeetingPage<'a> {
    ctx: &'a Ctx,
    meeting: Meeting,
    when: String,
    starts_machine: String,
    kind: String,
    status: String,
    mode: String,
    programme: Vec<Slot>,
    /// Places left, by kind of place ("12 of 40 places left in the room").
    places: Vec<String>,
    /// Why one cannot register now, or the deadline when one can.
    registration_state: Option<String>,
    deadline: Option<String>,
    offer: Offer,
    /// Registering now puts one on the waitlist.
    waitlist_only: bool,
    mine: Option<MineView>,
    attendance_choices: Vec<(String, String)>,
    session_slots: Vec<SessionSlot>,
    questions: Vec<QuestionField>,
    form: RegistrationForm,
    errors: FormErrors,
    participants: Option<Vec<String>>,
    /// The breakout groups one may wish for when registering ("" is no wish).
    breakout_choices: Vec<(String, String)>,
    minutes: Option<MinutesView>,
    /// Signed-out visitors may sign in to register as members.
    sign_in_hint: bool,
    /// The meeting's .ics file.
    ics: Option<String>,
    /// The series it belongs to.
    series: Option<String>,
    /// A case consultation's cases page.
    cases: Option<String>,
    notice: Option<String>,
    // The meeting's files (`material/attachments.html`), when the viewer may read them.
    show_files: bool,
    files: Vec<crate::material::FileRow>,
    target_kind: &'static str,
    target_id: String,
    can_upload: bool,
}

/// The minutes as their readers see them, once written.
struct MinutesView {
    minutes_html: String,
    decisions_html: String,
    /// Text, owner, due date, status.
    action_items: Vec<(String, String, String, String)>,
}

async fn minutes_view(ctx: &Ctx, meeting: &Meeting) -> Result<Option<MinutesView>, WebError> {
    let written = match minutes::get_minutes(ctx.svc(), ctx.scope()?, meeting.id).await {
        Ok(written) => written,
        Err(domain::Error::NotFound | domain::Error::Forbidden) => return Ok(None),
        Err(err) => return Err(err.into()),
    };
    if written.updated_at.is_none() && written.action_items.is_empty() {
        return Ok(None);
    }
    Ok(Some(MinutesView {
        minutes_html: written.minutes_html,
        decisions_html: written.decisions_html,
        action_items: written
            .action_items
            .into_iter()
            .map(|a| {
                (
                    a.text,
                    a.owner,
                    a.due_on.map(|d| long_date(ctx, d)).unwrap_or_default(),
                    ctx.label("action_status", a.status.as_str()),
                )
            })
            .collect(),
    }))
}

/// The places left for one kind of place, if it is limited.
fn places_left(ctx: &Ctx, key: &str, capacity: Option<i32>, taken: i64) -> Option<(i64, String)> {
    let capacity = i64::from(capacity?);
    let left = (capacity - taken).max(0);
    Some((
        left,
        ctx.t2(
            key,
            "left",
            &left.to_string(),
            "capacity",
            &capacity.to_string(),
        ),
    ))
}

/// Why registration is not possible now, as the page says it.
fn closed_reason(ctx: &Ctx, tz: Tz, meeting: &Meeting, now: DateTime<Utc>) -> Option<String> {
    let r = &meeting.registration;
    match meeting.status {
        MeetingStatus::Cancelled => return Some(ctx.t("meetings-cancelled-text")),
        MeetingStatus::Completed => return Some(ctx.t("meetings-registration-closed")),
        MeetingStatus::Draft => return Some(ctx.t("meetings-draft-text")),
        MeetingStatus::Published => {}
    }
    if !r.enabled {
        return None;
    }
    if let Some(opens) = r.opens_at.filter(|opens| now < *opens) {
        let local = utc_to_local(opens, tz);
        return Some(ctx.t2(
            "meetings-registration-opens",
            "date",
            &long_date(ctx, local.date()),
            "time",
            &local.format("%H:%M").to_string(),
        ));
    }
    if now >= r.closes_at.unwrap_or(meeting.starts_at) {
        return Some(ctx.t("meetings-registration-closed"));
    }
    None
}

fn notice_text(ctx: &Ctx) -> Option<String> {
    let key = match ctx.query.get("notice") {
        "registered" => "notice-meeting-registered",
        "waitlisted" => "notice-meeting-waitlisted",
        "pending" => "notice-meeting-pending",
        "cancelled" => "notice-meeting-registration-cancelled",
        "guest_confirmed" => "notice-meeting-guest-confirmed",
        "guest_pending" => "notice-meeting-guest-pending",
        _ => return None,
    };
    Some(ctx.t(key))
}

async fn render(
    ctx: &Ctx,
    status: StatusCode,
    meeting: Meeting,
    form: RegistrationForm,
    errors: FormErrors,
) -> PageResult {
    let scope = ctx.scope()?;
    let tz = time_zone(ctx)?;
    let now = ctx.svc().now();
    let r = &meeting.registration;

    let mut places = Vec::new();
    let mut room_left = None;
    let mut online_left = None;
    if r.enabled {
        if meeting.location_mode != LocationMode::Online
            && let Some((left, text)) = places_left(
                ctx,
                "meetings-places-room",
                r.capacity_room,
                meeting.seats.room,
            )
        {
            room_left = Some(left);
            places.push(text);
        }
        if meeting.location_mode != LocationMode::Physical
            && let Some((left, text)) = places_left(
                ctx,
                "meetings-places-online",
                r.capacity_online,
                meeting.seats.online,
            )
        {
            online_left = Some(left);
            places.push(text);
        }
    }
    // Full when every kind of place the meeting offers is taken.
    let full = match meeting.location_mode {
        LocationMode::Physical => room_left == Some(0),
        LocationMode::Online => online_left == Some(0),
        LocationMode::Hybrid => room_left == Some(0) && online_left == Some(0),
    };

    let mine = meeting
        .my_registration
        .as_ref()
        .filter(|m| {
            !matches!(
                m.status,
                RegistrationStatus::Cancelled | RegistrationStatus::Rejected
            )
        })
        .map(|m| MineView {
            status: m.status.as_str(),
            status_text: ctx.label("registration_status", m.status.as_str()),
            waitlist_position: m.waitlist_position,
            mode: (meeting.location_mode == LocationMode::Hybrid)
                .then(|| ctx.label("attendance_mode", m.attendance_mode.as_str())),
            sessions: meeting
                .programme
                .iter()
                .filter(|i| m.session_ids.contains(&i.id))
                .map(|i| format!("{} ({})", i.title, time_range(tz, i.starts_at, i.ends_at)))
                .collect(),
            breakout_group: m.breakout_group.as_ref().map(|(_, name)| name.clone()),
            can_cancel: m.can_cancel,
        });
    let previous = meeting
        .my_registration
        .as_ref()
        .map(|m| (m.status, m.session_ids.clone()));

    let reason = closed_reason(ctx, tz, &meeting, now);
    let open = r.enabled && meeting.registration_open(now);
    let offer = if !open || mine.is_some() || (full && !r.waitlist_enabled) {
        Offer::Nothing
    } else if scope.member().is_some() {
        if scope.can(Action::RegisterForMeeting) {
            Offer::Member
        } else {
            Offer::Nothing
        }
    } else if meeting.visibility == domain::meetings::MeetingVisibility::Public {
        Offer::Guest
    } else {
        Offer::Nothing
    };
    let registration_state = if reason.is_some() {
        reason
    } else if open && full && !r.waitlist_enabled && mine.is_none() {
        Some(ctx.t("meetings-full-text"))
    } else {
        None
    };
    let deadline = (open && r.enabled).then(|| {
        let closes = r.closes_at.unwrap_or(meeting.starts_at);
        let local = utc_to_local(closes, tz);
        ctx.t2(
            "meetings-deadline",
            "date",
            &long_date(ctx, local.date()),
            "time",
            &local.format("%H:%M").to_string(),
        )
    });

    let attendance_choices = [AttendanceMode::Room, AttendanceMode::Online]
        .iter()
        .map(|mode| {
            let (key, left) = match mode {
                AttendanceMode::Room => ("meetings-attend-room", room_left),
                AttendanceMode::Online => ("meetings-attend-online", online_left),
            };
            let mut text = ctx.t(key);
            if left == Some(0) {
                text = format!("{text} ({})", ctx.t("meetings-waitlist-only"));
            }
            (mode.as_str().to_owned(), text)
        })
        .collect();

    let session_slots = session_groups(&meeting)
        .into_iter()
        .enumerate()
        .map(|(n, group)| {
            let chosen = form.sessions.get(n).cloned().unwrap_or_default();
            let first = group[0];
            SessionSlot {
                name: format!("session.{n}"),
                first_id: if n == 0 {
                    "f-session_ids".to_owned()
                } else {
                    format!("f-session-{n}")
                },
                legend: ctx.t1(
                    "meetings-session-slot",
                    "time",
                    time_range(tz, first.starts_at, first.ends_at),
                ),
                first: n == 0,
                none_chosen: chosen.is_empty(),
                choices: group
                    .iter()
                    .map(|item| {
                        let places = session_places(ctx, &meeting, item);
                        let id = item.id.to_string();
                        let was_mine = previous.as_ref().is_some_and(|(status, ids)| {
                            status.holds_seat() && ids.contains(&item.id)
                        });
                        SessionChoice {
                            chosen: chosen == id,
                            full: places.as_ref().is_some_and(|(left, _)| *left == 0) && !was_mine,
                            places: places.map(|(_, text)| text),
                            label: item.title.clone(),
                            id,
                        }
                    })
                    .collect(),
            }
        })
        .collect();

    let questions = meeting
        .questions
        .iter()
        .map(|q| {
            let typed = form.answers.get(&q.id).cloned().unwrap_or_default();
            QuestionField {
                name: format!("answers.{}", q.id),
                label: q.label.clone(),
                kind: q.kind.as_str(),
                required: q.required,
                text: typed.first().cloned().unwrap_or_default(),
                options: q
                    .options
                    .iter()
                    .enumerate()
                    .map(|(i, o)| (i, o.clone(), typed.contains(o)))
                    .collect(),
            }
        })
        .collect();

    let sees_participants = meeting.show_participants
        && (meeting.is_organiser
            || meeting
                .my_registration
                .as_ref()
                .is_some_and(|m| m.status == RegistrationStatus::Registered));
    let participants = if sees_participants {
        match meetings::participants(ctx.svc(), scope, meeting.id).await {
            Ok(names) => Some(names),
            Err(domain::Error::Forbidden) => None,
            Err(err) => return Err(err.into()),
        }
    } else {
        None
    };

    let mut breakout_choices = Vec::new();
    if offer != Offer::Nothing {
        let groups = breakouts::list_groups(ctx.svc(), scope, meeting.id).await?;
        if !groups.is_empty() {
            breakout_choices.push((String::new(), ctx.t("meetings-no-preference")));
            breakout_choices.extend(groups.into_iter().map(|g| (g.id.to_string(), g.name)));
        }
    }
    let minutes = minutes_view(ctx, &meeting).await?;
    // A case consultation's files are case material: those who may not read them see no
    // section.
    let attachments = match crate::material::attachments(
        ctx,
        domain::material::Target::Meeting(meeting.id),
    )
    .await
    {
        Ok(files) => Some(files),
        Err(crate::errors::WebError::Domain(domain::Error::NotFound)) => None,
        Err(err) => return Err(err),
    };
    let show_files = attachments.is_some();
    let attachments = attachments.unwrap_or(crate::material::Attachments {
        files: vec![],
        target_kind: "meeting",
        target_id: meeting.id.to_string(),
        can_upload: false,
    });

    page_with(
        status,
        &MeetingPage {
            ctx,
            when: when(ctx, tz, meeting.starts_at, meeting.ends_at),
            starts_machine: ctx.machine_datetime(&meeting.starts_at),
            kind: ctx.label("meeting_kind", meeting.kind.as_str()),
            status: ctx.label("meeting_status", meeting.status.as_str()),
            mode: ctx.label("location_mode", meeting.location_mode.as_str()),
            programme: programme(ctx, tz, &meeting),
            places,
            registration_state,
            deadline,
            waitlist_only: full && r.waitlist_enabled,
            offer,
            mine,
            attendance_choices,
            session_slots,
            questions,
            form,
            errors,
            participants,
            breakout_choices,
            minutes,
            sign_in_hint: !ctx.signed_in() && open,
            ics: super::ics_link(ctx, &meeting),
            series: super::series::link(ctx, &meeting),
            cases: (meeting.kind == domain::meetings::MeetingKind::CaseConsultation)
                .then(|| super::meeting_path(ctx, meeting.id, "/cases")),
            notice: notice_text(ctx),
            show_files,
            files: attachments.files,
            target_kind: attachments.target_kind,
            target_id: attachments.target_id,
            can_upload: attachments.can_upload,
            meeting,
        },
    )
}

#[handler]
pub(crate) async fn show(ctx: &Ctx) -> PageResult {
    let meeting = load(ctx).await?;
    render(
        ctx,
        StatusCode::OK,
        meeting,
        RegistrationForm::default(),
        FormErrors::none(),
    )
    .await
}

/// A refused registration: the page again, with the messages next to the fields.
async fn refused(
    ctx: &Ctx,
    meeting: Meeting,
    form: RegistrationForm,
    err: domain::Error,
) -> PageResult {
    if let domain::Error::RateLimited = err {
        let errors = FormErrors::general(ctx.t("meetings-guest-rate-limited"));
        return render(ctx, StatusCode::TOO_MANY_REQUESTS, meeting, form, errors).await;
    }
    let fields = registration_fields(&meeting);
    let fields: Vec<&str> = fields.iter().map(String::as_str).collect();
    let (status, errors) = form_failure(ctx, err, &fields)?;
    render(ctx, status, meeting, form, errors).await
}

#[handler]
pub(crate) async fn register(ctx: &Ctx) -> PageResult {
    let scope = ctx.scope()?;
    let meeting = load(ctx).await?;
    if scope.member().is_none() {
        return Err(super::members_only(ctx).into());
    }
    let form = RegistrationForm::from_request(ctx, &meeting);
    let result = match form.to_input(&meeting) {
        Ok(input) => meetings::register(ctx.svc(), scope, meeting.id, input).await,
        Err(err) => Err(err),
    };
    match result {
        Ok(mine) => {
            let notice = match mine.status {
                RegistrationStatus::Waitlisted => "waitlisted",
                RegistrationStatus::PendingApproval => "pending",
                _ => "registered",
            };
            Ok(see_other(&meeting_path(
                ctx,
                meeting.id,
                &format!("?notice={notice}#my-registration"),
            )))
        }
        Err(err) => refused(ctx, meeting, form, err).await,
    }
}

#[handler]
pub(crate) async fn register_guest(ctx: &Ctx) -> PageResult {
    let scope = ctx.scope()?;
    let meeting = load(ctx).await?;
    let form = RegistrationForm::from_request(ctx, &meeting);
    let guest = GuestDetails {
        name: form.name.clone(),
        email: form.email.clone(),
        organisation: form.organisation.clone(),
    };
    let result = match form.to_input(&meeting) {
        Ok(input) => {
            meetings::register_guest(ctx.svc(), scope, meeting.id, guest, input, &ctx.client_ip)
                .await
        }
        Err(err) => Err(err),
    };
    match result {
        Ok(receipt) => {
            let waitlisted = receipt.status == RegistrationStatus::Waitlisted;
            Ok(see_other(&meeting_path(
                ctx,
                meeting.id,
                if waitlisted {
                    "/check-mail?waitlisted=1"
                } else {
                    "/check-mail"
                },
            )))
        }
        Err(err) => refused(ctx, meeting, form, err).await,
    }
}

#[handler]
pub(crate) async fn cancel(ctx: &Ctx) -> PageResult {
    let scope = ctx.scope()?;
    let meeting = load(ctx).await?;
    match meetings::cancel_mine(ctx.svc(), scope, meeting.id).await {
        Ok(()) => Ok(see_other(&meeting_path(
            ctx,
            meeting.id,
            "?notice=cancelled",
        ))),
        Err(err) => {
            let (status, errors) = form_failure(ctx, err, &[])?;
            render(ctx, status, meeting, RegistrationForm::default(), errors).await
        }
    }
}

#[derive(Template)]
#[template(path = "meetings/check_mail.html")]
struct CheckMailPage<'a> {
    ctx: &'a Ctx,
    meeting: Meeting,
    waitlisted: bool,
}

/// After a guest registered: the link to confirm is on its way.
#[handler]
pub(crate) async fn check_mail(ctx: &Ctx) -> PageResult {
    let meeting = load(ctx).await?;
    page(&CheckMailPage {
        ctx,
        meeting,
        waitlisted: ctx.query.get("waitlisted") == "1",
    })
}

#[derive(Template)]
#[template(path = "meetings/confirm.html")]
struct ConfirmPage<'a> {
    ctx: &'a Ctx,
    /// The link no longer works.
    gone: bool,
}

/// The link in a guest's mail: a button, so that a mail scanner opening links confirms nothing.
#[handler]
pub(crate) async fn confirm_form(ctx: &Ctx) -> PageResult {
    page(&ConfirmPage { ctx, gone: false })
}

#[handler]
pub(crate) async fn confirm(ctx: &Ctx) -> PageResult {
    match meetings::confirm_guest(ctx.svc(), ctx.param("token")).await {
        Ok(confirmed) => {
            let notice = if confirmed.status == RegistrationStatus::PendingApproval {
                "guest_pending"
            } else {
                "guest_confirmed"
            };
            Ok(see_other(&format!(
                "/n/{}/meetings/{}?notice={notice}",
                confirmed.network_slug, confirmed.meeting_id
            )))
        }
        Err(domain::Error::InvalidToken) => {
            page_with(StatusCode::GONE, &ConfirmPage { ctx, gone: true })
        }
        Err(err) => Err(WebError::from(err)),
    }
}
