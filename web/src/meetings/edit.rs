//! The meeting form: a new meeting (coordinators), and the same fields on the organisers' page
//! for a change. Dates and times are typed in the network's time zone.

use askama::Template;
use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use domain::FieldError;
use domain::ids::{GroupId, UserId};
use domain::meetings::{
    self, LocationMode, Meeting, MeetingKind, MeetingPatch, MeetingVisibility, NewMeeting,
    RegistrationSettings,
};
use domain::people::{groups, members};
use domain::policy::Action;
use poem::handler;
use poem::http::StatusCode;

use super::{choices, local_parts, meeting_path, parse_count, parse_local, time_zone};
use crate::context::Ctx;
use crate::errors::WebError;
use crate::forms::{FormErrors, form_failure};
use crate::render::{PageResult, page_with, see_other};

/// The meeting form as typed. Each moment is a date and a time (`<name>_date`, `<name>_time`).
#[derive(Clone, Debug, Default)]
pub(crate) struct MeetingForm {
    pub kind: String,
    pub title: String,
    pub description: String,
    pub visibility: String,
    pub group_id: String,
    pub starts_at_date: String,
    pub starts_at_time: String,
    pub ends_at_date: String,
    pub ends_at_time: String,
    pub location_mode: String,
    pub address: String,
    pub room: String,
    pub online_url: String,
    pub registration_enabled: bool,
    pub capacity_room: String,
    pub capacity_online: String,
    pub waitlist_enabled: bool,
    pub registration_opens_at_date: String,
    pub registration_opens_at_time: String,
    pub registration_closes_at_date: String,
    pub registration_closes_at_time: String,
    pub cancellation_cutoff_at_date: String,
    pub cancellation_cutoff_at_time: String,
    pub requires_approval: bool,
    pub terms: String,
    pub show_participants: bool,
    pub publish: bool,
    /// User ids of the people invited.
    pub invitees: Vec<String>,
}

/// The fields of the form, as the domain names them (and the page's ids, `f-<name>`).
pub(crate) const FIELDS: &[&str] = &[
    "kind",
    "title",
    "description",
    "visibility",
    "group_id",
    "starts_at",
    "ends_at",
    "location_mode",
    "address",
    "room",
    "online_url",
    "registration_enabled",
    "capacity_room",
    "capacity_online",
    "waitlist_enabled",
    "registration_opens_at",
    "registration_closes_at",
    "cancellation_cutoff_at",
    "requires_approval",
    "terms",
    "show_participants",
    "invitee_user_ids",
];

fn moment(tz: Tz, at: Option<DateTime<Utc>>) -> (String, String) {
    at.map(|at| local_parts(tz, at)).unwrap_or_default()
}

impl MeetingForm {
    /// What a new meeting's form starts with.
    pub fn blank() -> Self {
        MeetingForm {
            kind: MeetingKind::ThemeMeeting.as_str().to_owned(),
            visibility: MeetingVisibility::Network.as_str().to_owned(),
            location_mode: LocationMode::Physical.as_str().to_owned(),
            starts_at_time: "09:00".into(),
            ends_at_time: "12:00".into(),
            registration_enabled: true,
            waitlist_enabled: true,
            ..MeetingForm::default()
        }
    }

    pub fn from_request(ctx: &Ctx) -> Self {
        let form = &ctx.form;
        let get = |name: &str| form.get(name).to_owned();
        let on = |name: &str| form.get(name) == "1";
        MeetingForm {
            kind: get("kind"),
            title: get("title"),
            description: get("description"),
            visibility: get("visibility"),
            group_id: get("group_id"),
            starts_at_date: get("starts_at_date"),
            starts_at_time: get("starts_at_time"),
            ends_at_date: get("ends_at_date"),
            ends_at_time: get("ends_at_time"),
            location_mode: get("location_mode"),
            address: get("address"),
            room: get("room"),
            online_url: get("online_url"),
            registration_enabled: on("registration_enabled"),
            capacity_room: get("capacity_room"),
            capacity_online: get("capacity_online"),
            waitlist_enabled: on("waitlist_enabled"),
            registration_opens_at_date: get("registration_opens_at_date"),
            registration_opens_at_time: get("registration_opens_at_time"),
            registration_closes_at_date: get("registration_closes_at_date"),
            registration_closes_at_time: get("registration_closes_at_time"),
            cancellation_cutoff_at_date: get("cancellation_cutoff_at_date"),
            cancellation_cutoff_at_time: get("cancellation_cutoff_at_time"),
            requires_approval: on("requires_approval"),
            terms: get("terms"),
            show_participants: on("show_participants"),
            publish: on("publish"),
            invitees: Vec::new(),
        }
    }

    /// The form of an existing meeting, as its organisers see it.
    pub fn from_meeting(tz: Tz, m: &Meeting) -> Self {
        let (starts_at_date, starts_at_time) = local_parts(tz, m.starts_at);
        let (ends_at_date, ends_at_time) = local_parts(tz, m.ends_at);
        let r = &m.registration;
        let (registration_opens_at_date, registration_opens_at_time) = moment(tz, r.opens_at);
        let (registration_closes_at_date, registration_closes_at_time) = moment(tz, r.closes_at);
        let (cancellation_cutoff_at_date, cancellation_cutoff_at_time) =
            moment(tz, r.cancellation_cutoff_at);
        MeetingForm {
            kind: m.kind.as_str().to_owned(),
            title: m.title.clone(),
            description: m.description.clone(),
            visibility: m.visibility.as_str().to_owned(),
            group_id: m.group_id.map(|g| g.to_string()).unwrap_or_default(),
            starts_at_date,
            starts_at_time,
            ends_at_date,
            ends_at_time,
            location_mode: m.location_mode.as_str().to_owned(),
            address: m.address.clone(),
            room: m.room.clone(),
            online_url: m.online_url.clone().unwrap_or_default(),
            registration_enabled: r.enabled,
            capacity_room: r.capacity_room.map(|c| c.to_string()).unwrap_or_default(),
            capacity_online: r.capacity_online.map(|c| c.to_string()).unwrap_or_default(),
            waitlist_enabled: r.waitlist_enabled,
            registration_opens_at_date,
            registration_opens_at_time,
            registration_closes_at_date,
            registration_closes_at_time,
            cancellation_cutoff_at_date,
            cancellation_cutoff_at_time,
            requires_approval: r.requires_approval,
            terms: r.terms.clone(),
            show_participants: m.show_participants,
            publish: false,
            invitees: m.invitees.iter().map(|p| p.user_id.to_string()).collect(),
        }
    }

    /// Reads the invitee checkboxes (`invitee.<user id>`) of the people that could be chosen.
    pub fn read_invitees(&mut self, ctx: &Ctx, candidates: &[(String, String)]) {
        self.invitees = candidates
            .iter()
            .filter(|(id, _)| ctx.form.get(&format!("invitee.{id}")) == "1")
            .map(|(id, _)| id.clone())
            .collect();
    }

    pub fn invited(&self, user_id: &str) -> bool {
        self.invitees.iter().any(|i| i == user_id)
    }
}

/// The form's values in the domain's types.
pub(crate) struct Parsed {
    pub kind: MeetingKind,
    pub visibility: MeetingVisibility,
    pub group_id: Option<GroupId>,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub location_mode: LocationMode,
    pub registration: RegistrationSettings,
    pub invitees: Vec<UserId>,
}

pub(crate) fn parse(tz: Tz, form: &MeetingForm) -> Result<Parsed, domain::Error> {
    let mut problems = Vec::new();
    let kind = MeetingKind::parse(&form.kind);
    if kind.is_none() {
        problems.push(FieldError::new("kind", "invalid"));
    }
    let visibility = MeetingVisibility::parse(&form.visibility);
    if visibility.is_none() {
        problems.push(FieldError::new("visibility", "invalid"));
    }
    // A group chosen for a meeting that is not a group's is ignored rather than refused.
    let group_id = match form.group_id.trim() {
        "" => None,
        _ if visibility != Some(MeetingVisibility::Group) => None,
        value => match value.parse() {
            Ok(id) => Some(id),
            Err(_) => {
                problems.push(FieldError::new("group_id", "unknown"));
                None
            }
        },
    };
    let location_mode = LocationMode::parse(&form.location_mode);
    if location_mode.is_none() {
        problems.push(FieldError::new("location_mode", "invalid"));
    }
    let starts_at = parse_local(
        tz,
        &form.starts_at_date,
        &form.starts_at_time,
        "starts_at",
        true,
        &mut problems,
    );
    let ends_at = parse_local(
        tz,
        &form.ends_at_date,
        &form.ends_at_time,
        "ends_at",
        true,
        &mut problems,
    );
    let opens_at = parse_local(
        tz,
        &form.registration_opens_at_date,
        &form.registration_opens_at_time,
        "registration_opens_at",
        false,
        &mut problems,
    );
    let closes_at = parse_local(
        tz,
        &form.registration_closes_at_date,
        &form.registration_closes_at_time,
        "registration_closes_at",
        false,
        &mut problems,
    );
    let cancellation_cutoff_at = parse_local(
        tz,
        &form.cancellation_cutoff_at_date,
        &form.cancellation_cutoff_at_time,
        "cancellation_cutoff_at",
        false,
        &mut problems,
    );
    let capacity_room = parse_count(&form.capacity_room, "capacity_room", &mut problems);
    let capacity_online = parse_count(&form.capacity_online, "capacity_online", &mut problems);
    let mut invitees = Vec::new();
    for id in &form.invitees {
        match id.parse() {
            Ok(id) => invitees.push(id),
            Err(_) => problems.push(FieldError::new("invitee_user_ids", "unknown")),
        }
    }
    match (kind, visibility, location_mode, starts_at, ends_at) {
        (Some(kind), Some(visibility), Some(location_mode), Some(starts_at), Some(ends_at))
            if problems.is_empty() =>
        {
            Ok(Parsed {
                kind,
                visibility,
                group_id,
                starts_at,
                ends_at,
                location_mode,
                registration: RegistrationSettings {
                    enabled: form.registration_enabled,
                    capacity_room,
                    capacity_online,
                    waitlist_enabled: form.waitlist_enabled,
                    opens_at,
                    closes_at,
                    cancellation_cutoff_at,
                    requires_approval: form.requires_approval,
                    terms: form.terms.clone(),
                },
                invitees,
            })
        }
        _ => Err(domain::Error::Invalid(problems)),
    }
}

impl Parsed {
    /// Every field of the form as a change: the form always shows them all.
    pub fn into_patch(self, form: &MeetingForm) -> MeetingPatch {
        MeetingPatch {
            kind: Some(self.kind),
            visibility: Some(self.visibility),
            group_id: Some(self.group_id),
            title: Some(form.title.clone()),
            description: Some(form.description.clone()),
            starts_at: Some(self.starts_at),
            ends_at: Some(self.ends_at),
            location_mode: Some(self.location_mode),
            address: Some(form.address.clone()),
            room: Some(form.room.clone()),
            online_url: Some(form.online_url.clone()),
            registration: Some(self.registration),
            show_participants: Some(form.show_participants),
            invitee_user_ids: Some(self.invitees),
            ..MeetingPatch::default()
        }
    }
}

/// The choices the meeting form offers.
pub(crate) struct FormChoices {
    pub kinds: Vec<(String, String)>,
    pub visibilities: Vec<(String, String, String)>,
    pub groups: Vec<(String, String)>,
    pub modes: Vec<(String, String)>,
    /// Active members who can be invited: user id and name.
    pub people: Vec<(String, String)>,
}

impl FormChoices {
    pub async fn load(ctx: &Ctx) -> Result<Self, WebError> {
        let scope = ctx.scope()?;
        let svc = ctx.svc();
        let mut groups = vec![(String::new(), ctx.t("meetings-no-group"))];
        groups.extend(
            groups::all(svc, scope)
                .await?
                .into_iter()
                .filter(|g| scope.sees_all_groups() || scope.group_ids().contains(&g.id))
                .map(|g| (g.id.to_string(), g.name)),
        );
        let people = members::all_active(svc, scope)
            .await?
            .into_iter()
            .map(|m| {
                let label = match &m.organisation_name {
                    Some(organisation) => format!("{} ({organisation})", m.display_name),
                    None => m.display_name.clone(),
                };
                (m.user_id.to_string(), label)
            })
            .collect();
        Ok(FormChoices {
            kinds: choices(
                ctx,
                "meeting_kind",
                MeetingKind::ALL.iter().map(|v| v.as_str()),
            ),
            visibilities: MeetingVisibility::ALL
                .iter()
                .map(|v| {
                    (
                        v.as_str().to_owned(),
                        ctx.label("meeting_visibility", v.as_str()),
                        ctx.t(&format!("meeting_visibility-{v}-hint")),
                    )
                })
                .collect(),
            groups,
            modes: choices(
                ctx,
                "location_mode",
                LocationMode::ALL.iter().map(|v| v.as_str()),
            ),
            people,
        })
    }
}

#[derive(Template)]
#[template(path = "meetings/new.html")]
struct NewPage<'a> {
    ctx: &'a Ctx,
    form: MeetingForm,
    errors: FormErrors,
    choices: FormChoices,
    /// The network's time zone, named next to the times.
    zone: String,
}

async fn render_new(
    ctx: &Ctx,
    status: StatusCode,
    form: MeetingForm,
    errors: FormErrors,
    choices: FormChoices,
) -> PageResult {
    page_with(
        status,
        &NewPage {
            ctx,
            form,
            errors,
            choices,
            zone: time_zone(ctx)?.name().to_owned(),
        },
    )
}

#[handler]
pub(crate) async fn new_form(ctx: &Ctx) -> PageResult {
    ctx.scope()?.require(Action::ManageMeetings)?;
    let choices = FormChoices::load(ctx).await?;
    render_new(
        ctx,
        StatusCode::OK,
        MeetingForm::blank(),
        FormErrors::none(),
        choices,
    )
    .await
}

#[handler]
pub(crate) async fn create(ctx: &Ctx) -> PageResult {
    let scope = ctx.scope()?;
    scope.require(Action::ManageMeetings)?;
    let tz = time_zone(ctx)?;
    let choices = FormChoices::load(ctx).await?;
    let mut form = MeetingForm::from_request(ctx);
    form.read_invitees(ctx, &choices.people);
    let result = match parse(tz, &form) {
        Ok(parsed) => {
            let input = NewMeeting {
                kind: parsed.kind,
                visibility: parsed.visibility,
                group_id: parsed.group_id,
                title: form.title.clone(),
                description: form.description.clone(),
                starts_at: parsed.starts_at,
                ends_at: parsed.ends_at,
                location_mode: parsed.location_mode,
                address: form.address.clone(),
                room: form.room.clone(),
                online_url: form.online_url.clone(),
                registration: parsed.registration,
                show_participants: form.show_participants,
                organisation_ids: scope.organisation_id().into_iter().collect(),
                contact_user_id: None,
                moderator_user_id: None,
                invitee_user_ids: parsed.invitees,
                publish: form.publish,
            };
            meetings::create(ctx.svc(), scope, input).await
        }
        Err(err) => Err(err),
    };
    match result {
        Ok(meeting) => Ok(see_other(&meeting_path(
            ctx,
            meeting.id,
            "/manage?notice=created",
        ))),
        Err(err) => {
            let (status, errors) = form_failure(ctx, err, FIELDS)?;
            render_new(ctx, status, form, errors, choices).await
        }
    }
}
