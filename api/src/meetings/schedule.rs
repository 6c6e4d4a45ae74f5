//! Meetings themselves: list, month view, create, read, change, publish and cancel; my meetings.

use chrono::{DateTime, Utc};
use domain::Services;
use domain::ids::{GroupId, MeetingId, OrganisationId, UserId};
use domain::meetings::{self, Meeting, MeetingPatch, MeetingSummary, NewMeeting};
use poem::Request;
use poem::web::Data;
use poem_openapi::param::{Path, Query};
use poem_openapi::payload::Json;
use poem_openapi::types::MaybeUndefined;
use poem_openapi::{Enum, Object, OpenApi};

use super::programme::{AgendaItemOut, QuestionOut};
use super::registrations::MyRegistrationOut;
use crate::ApiTags;
use crate::auth;
use crate::people::page;
use crate::problem::ApiResult;
use crate::types::{
    LocationMode, MeetingKind, MeetingStatus, MeetingVisibility, OrganisationRef,
    RegistrationStatus, page,
};

/// When and how people register. Sent whole: a change replaces all of it.
#[derive(Debug, Clone, Default, Object)]
#[oai(deny_unknown_fields, skip_serializing_if_is_none)]
pub struct RegistrationSettings {
    /// Is registration offered at all?
    #[oai(default)]
    pub enabled: bool,
    /// Places in the room (physical and hybrid meetings), 1–100000; absent is unlimited.
    pub capacity_room: Option<i32>,
    /// Places online (online and hybrid meetings), 1–100000; absent is unlimited.
    pub capacity_online: Option<i32>,
    /// When full, queue further registrations instead of refusing them.
    #[oai(default)]
    pub waitlist_enabled: bool,
    pub opens_at: Option<DateTime<Utc>>,
    /// The deadline: registration is refused from this moment on (from the start if absent).
    pub closes_at: Option<DateTime<Utc>>,
    /// Participants may cancel until then (until the start if absent).
    pub cancellation_cutoff_at: Option<DateTime<Utc>>,
    /// Registrations wait for an organiser's approval.
    #[oai(default)]
    pub requires_approval: bool,
    /// Terms a participant must accept (`accept_terms`); empty for none.
    #[oai(validator(max_length = 5000), default)]
    pub terms: String,
}

impl From<meetings::RegistrationSettings> for RegistrationSettings {
    fn from(s: meetings::RegistrationSettings) -> Self {
        RegistrationSettings {
            enabled: s.enabled,
            capacity_room: s.capacity_room,
            capacity_online: s.capacity_online,
            waitlist_enabled: s.waitlist_enabled,
            opens_at: s.opens_at,
            closes_at: s.closes_at,
            cancellation_cutoff_at: s.cancellation_cutoff_at,
            requires_approval: s.requires_approval,
            terms: s.terms,
        }
    }
}

impl From<RegistrationSettings> for meetings::RegistrationSettings {
    fn from(s: RegistrationSettings) -> Self {
        meetings::RegistrationSettings {
            enabled: s.enabled,
            capacity_room: s.capacity_room,
            capacity_online: s.capacity_online,
            waitlist_enabled: s.waitlist_enabled,
            opens_at: s.opens_at,
            closes_at: s.closes_at,
            cancellation_cutoff_at: s.cancellation_cutoff_at,
            requires_approval: s.requires_approval,
            terms: s.terms,
        }
    }
}

/// A person named on a meeting.
#[derive(Debug, Clone, Object)]
pub struct PersonRef {
    pub user_id: uuid::Uuid,
    pub name: String,
}

impl From<meetings::PersonRef> for PersonRef {
    fn from(p: meetings::PersonRef) -> Self {
        PersonRef {
            user_id: p.user_id.0,
            name: p.name,
        }
    }
}

/// Seats taken. Capacities are in `registration`.
#[derive(Debug, Clone, Object)]
pub struct Seats {
    /// Seats held in the room (registered, awaiting approval or unconfirmed).
    pub room: i64,
    /// Seats held online.
    pub online: i64,
    pub waitlisted: i64,
    /// Seats held per parallel session.
    pub sessions: Vec<SessionSeats>,
}

#[derive(Debug, Clone, Object)]
pub struct SessionSeats {
    pub agenda_item_id: uuid::Uuid,
    pub taken: i64,
}

impl From<meetings::SeatCounts> for Seats {
    fn from(s: meetings::SeatCounts) -> Self {
        let mut sessions: Vec<SessionSeats> = s
            .sessions
            .into_iter()
            .map(|(id, taken)| SessionSeats {
                agenda_item_id: id.0,
                taken,
            })
            .collect();
        sessions.sort_by_key(|s| s.agenda_item_id);
        Seats {
            room: s.room,
            online: s.online,
            waitlisted: s.waitlisted,
            sessions,
        }
    }
}

/// A meeting with its programme, questions, seats and the caller's registration.
#[derive(Debug, Clone, Object)]
#[oai(rename = "Meeting", skip_serializing_if_is_none)]
pub struct MeetingOut {
    pub id: uuid::Uuid,
    /// The series it belongs to, if any.
    pub series_id: Option<uuid::Uuid>,
    pub kind: MeetingKind,
    pub status: MeetingStatus,
    pub visibility: MeetingVisibility,
    /// The working group, for `group` visibility.
    pub group_id: Option<uuid::Uuid>,
    pub title: String,
    /// Markdown as written.
    pub description: String,
    /// The description rendered to safe HTML.
    pub description_html: String,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub location_mode: LocationMode,
    pub address: String,
    pub room: String,
    /// The link to join online; only for registered participants and organisers.
    pub online_url: Option<String>,
    pub registration: RegistrationSettings,
    /// Can someone register now (capacity apart)?
    pub registration_open: bool,
    /// May registered participants see each other's names?
    pub show_participants: bool,
    pub organisations: Vec<OrganisationRef>,
    pub contact: Option<PersonRef>,
    pub moderator: Option<PersonRef>,
    /// The people invited (organisers only; empty for others).
    pub invitees: Vec<PersonRef>,
    /// Grows with every change (the calendar's SEQUENCE).
    pub sequence: i32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    /// Does the caller organise it?
    pub is_organiser: bool,
    pub programme: Vec<AgendaItemOut>,
    pub questions: Vec<QuestionOut>,
    pub seats: Seats,
    /// The caller's registration, if any.
    pub my_registration: Option<MyRegistrationOut>,
}

pub(super) fn meeting_out(m: Meeting, now: DateTime<Utc>) -> MeetingOut {
    MeetingOut {
        registration_open: m.registration_open(now),
        id: m.id.0,
        series_id: m.series_id.map(|s| s.0),
        kind: m.kind.into(),
        status: m.status.into(),
        visibility: m.visibility.into(),
        group_id: m.group_id.map(|g| g.0),
        title: m.title,
        description: m.description,
        description_html: m.description_html,
        starts_at: m.starts_at,
        ends_at: m.ends_at,
        location_mode: m.location_mode.into(),
        address: m.address,
        room: m.room,
        online_url: m.online_url,
        registration: m.registration.into(),
        show_participants: m.show_participants,
        organisations: m
            .organisations
            .into_iter()
            .map(|(id, name)| OrganisationRef { id: id.0, name })
            .collect(),
        contact: m.contact.map(Into::into),
        moderator: m.moderator.map(Into::into),
        invitees: m.invitees.into_iter().map(Into::into).collect(),
        sequence: m.sequence,
        created_at: m.created_at,
        updated_at: m.updated_at,
        is_organiser: m.is_organiser,
        programme: m.programme.into_iter().map(Into::into).collect(),
        questions: m.questions.into_iter().map(Into::into).collect(),
        seats: m.seats.into(),
        my_registration: m.my_registration.map(Into::into),
    }
}

/// A meeting in a list.
#[derive(Debug, Clone, Object)]
#[oai(skip_serializing_if_is_none)]
pub struct MeetingListItem {
    pub id: uuid::Uuid,
    pub series_id: Option<uuid::Uuid>,
    pub kind: MeetingKind,
    pub status: MeetingStatus,
    pub visibility: MeetingVisibility,
    pub title: String,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub location_mode: LocationMode,
    pub address: String,
}

impl From<MeetingSummary> for MeetingListItem {
    fn from(m: MeetingSummary) -> Self {
        MeetingListItem {
            id: m.id.0,
            series_id: m.series_id.map(|s| s.0),
            kind: m.kind.into(),
            status: m.status.into(),
            visibility: m.visibility.into(),
            title: m.title,
            starts_at: m.starts_at,
            ends_at: m.ends_at,
            location_mode: m.location_mode.into(),
            address: m.address,
        }
    }
}

page!(MeetingPage, MeetingListItem);

/// A meeting I am registered, waiting or waitlisted for.
#[derive(Debug, Clone, Object)]
pub struct MyMeeting {
    pub meeting: MeetingListItem,
    pub registration_status: RegistrationStatus,
}

/// Which meetings a list shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Enum)]
#[oai(rename_all = "snake_case")]
pub enum Period {
    /// Not yet ended, soonest first.
    Upcoming,
    /// Ended, latest first.
    Past,
}

impl From<Period> for meetings::Period {
    fn from(p: Period) -> Self {
        match p {
            Period::Upcoming => meetings::Period::Upcoming,
            Period::Past => meetings::Period::Past,
        }
    }
}

#[derive(Debug, Object)]
#[oai(deny_unknown_fields)]
pub struct MeetingCreate {
    pub kind: MeetingKind,
    pub visibility: MeetingVisibility,
    /// Required for `group` visibility, refused otherwise.
    pub group_id: Option<uuid::Uuid>,
    #[oai(validator(max_length = 200))]
    pub title: String,
    /// Markdown.
    #[oai(validator(max_length = 100000), default)]
    pub description: String,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub location_mode: LocationMode,
    /// Required unless the meeting is online only.
    #[oai(validator(max_length = 300), default)]
    pub address: String,
    #[oai(validator(max_length = 200), default)]
    pub room: String,
    /// An http(s) link; required unless the meeting is physical only.
    #[oai(validator(max_length = 2000), default)]
    pub online_url: String,
    /// Registration; absent means none is offered.
    #[oai(default)]
    pub registration: RegistrationSettings,
    #[oai(default)]
    pub show_participants: bool,
    /// The organisations that host it.
    #[oai(validator(max_items = 50), default)]
    pub organisation_ids: Vec<uuid::Uuid>,
    /// An active member of the network.
    pub contact_user_id: Option<uuid::Uuid>,
    /// An active member of the network.
    pub moderator_user_id: Option<uuid::Uuid>,
    /// For `invited` visibility: the members who may see and join it.
    #[oai(validator(max_items = 1000), default)]
    pub invitee_user_ids: Vec<uuid::Uuid>,
    /// Publish at once instead of saving a draft.
    #[oai(default)]
    pub publish: bool,
}

impl From<MeetingCreate> for NewMeeting {
    fn from(body: MeetingCreate) -> Self {
        NewMeeting {
            kind: body.kind.into(),
            visibility: body.visibility.into(),
            group_id: body.group_id.map(GroupId),
            title: body.title,
            description: body.description,
            starts_at: body.starts_at,
            ends_at: body.ends_at,
            location_mode: body.location_mode.into(),
            address: body.address,
            room: body.room,
            online_url: body.online_url,
            registration: body.registration.into(),
            show_participants: body.show_participants,
            organisation_ids: body
                .organisation_ids
                .into_iter()
                .map(OrganisationId)
                .collect(),
            contact_user_id: body.contact_user_id.map(UserId),
            moderator_user_id: body.moderator_user_id.map(UserId),
            invitee_user_ids: body.invitee_user_ids.into_iter().map(UserId).collect(),
            publish: body.publish,
        }
    }
}

/// Changes to a meeting; absent fields stay as they are, `null` clears the nullable ones.
#[derive(Debug, Object)]
#[oai(deny_unknown_fields)]
pub struct MeetingUpdate {
    pub kind: Option<MeetingKind>,
    pub visibility: Option<MeetingVisibility>,
    pub group_id: MaybeUndefined<uuid::Uuid>,
    #[oai(validator(max_length = 200))]
    pub title: Option<String>,
    #[oai(validator(max_length = 100000))]
    pub description: Option<String>,
    pub starts_at: Option<DateTime<Utc>>,
    pub ends_at: Option<DateTime<Utc>>,
    pub location_mode: Option<LocationMode>,
    #[oai(validator(max_length = 300))]
    pub address: Option<String>,
    #[oai(validator(max_length = 200))]
    pub room: Option<String>,
    #[oai(validator(max_length = 2000))]
    pub online_url: Option<String>,
    /// Replaces the registration settings whole.
    pub registration: Option<RegistrationSettings>,
    pub show_participants: Option<bool>,
    #[oai(validator(max_items = 50))]
    pub organisation_ids: Option<Vec<uuid::Uuid>>,
    pub contact_user_id: MaybeUndefined<uuid::Uuid>,
    pub moderator_user_id: MaybeUndefined<uuid::Uuid>,
    #[oai(validator(max_items = 1000))]
    pub invitee_user_ids: Option<Vec<uuid::Uuid>>,
}

/// Absent leaves it, `null` clears it, a value sets it.
fn nullable<T>(value: MaybeUndefined<uuid::Uuid>, id: fn(uuid::Uuid) -> T) -> Option<Option<T>> {
    match value {
        MaybeUndefined::Undefined => None,
        MaybeUndefined::Null => Some(None),
        MaybeUndefined::Value(v) => Some(Some(id(v))),
    }
}

#[derive(Debug, Object)]
#[oai(deny_unknown_fields)]
pub struct StatusChange {
    /// `published` (from draft), `cancelled` (mails everyone registered), `completed`, or
    /// `draft` (unpublish).
    pub status: MeetingStatus,
}

pub struct MeetingsApi;

#[OpenApi(tag = "ApiTags::Meetings")]
impl MeetingsApi {
    /// The meetings the caller may see: `upcoming` (not yet ended, soonest first; the
    /// default) or `past` (latest first). Signed out: the public ones.
    #[oai(path = "/networks/:slug/meetings", method = "get")]
    async fn list(
        &self,
        svc: Data<&Services>,
        req: &Request,
        slug: Path<String>,
        period: Query<Option<Period>>,
        #[oai(validator(minimum(value = "1"), maximum(value = "100")))] limit: Query<Option<u64>>,
        #[oai(validator(max_length = 100))] cursor: Query<Option<String>>,
    ) -> ApiResult<Json<MeetingPage>> {
        let scope = auth::scope(&svc, req, &slug).await?;
        let period = period.0.unwrap_or(Period::Upcoming).into();
        Ok(Json(
            meetings::list(&svc, &scope, period, page(limit, cursor)?)
                .await?
                .into(),
        ))
    }

    /// A working group's meetings the caller may see: `upcoming` (soonest first; the default)
    /// or `past` (latest first), at most `limit` (default 20). Outsiders of the group get an
    /// empty list; an unknown group answers 404.
    #[oai(path = "/networks/:slug/groups/:id/meetings", method = "get")]
    async fn of_group(
        &self,
        svc: Data<&Services>,
        req: &Request,
        slug: Path<String>,
        id: Path<uuid::Uuid>,
        period: Query<Option<Period>>,
        #[oai(validator(minimum(value = "1"), maximum(value = "100")))] limit: Query<Option<u64>>,
    ) -> ApiResult<Json<Vec<MeetingListItem>>> {
        let scope = auth::scope(&svc, req, &slug).await?;
        let period = period.0.unwrap_or(Period::Upcoming).into();
        let found = meetings::of_group(
            &svc,
            &scope,
            domain::ids::GroupId(id.0),
            period,
            limit.0.unwrap_or(20),
        )
        .await?;
        Ok(Json(found.into_iter().map(Into::into).collect()))
    }

    /// The meetings the caller may see that overlap `[from, to)`, in order: a month view.
    /// At most 62 days.
    #[oai(path = "/networks/:slug/meetings/calendar", method = "get")]
    async fn calendar(
        &self,
        svc: Data<&Services>,
        req: &Request,
        slug: Path<String>,
        from: Query<DateTime<Utc>>,
        to: Query<DateTime<Utc>>,
    ) -> ApiResult<Json<Vec<MeetingListItem>>> {
        let scope = auth::scope(&svc, req, &slug).await?;
        let items = meetings::between(&svc, &scope, from.0, to.0).await?;
        Ok(Json(items.into_iter().map(Into::into).collect()))
    }

    /// Create a meeting (coordinators). It is a draft unless `publish` is set.
    #[oai(path = "/networks/:slug/meetings", method = "post")]
    async fn create(
        &self,
        svc: Data<&Services>,
        req: &Request,
        slug: Path<String>,
        body: Json<MeetingCreate>,
    ) -> ApiResult<Json<MeetingOut>> {
        let scope = auth::scope(&svc, req, &slug).await?;
        let meeting = meetings::create(&svc, &scope, body.0.into()).await?;
        Ok(Json(meeting_out(meeting, svc.now())))
    }

    /// A meeting with its programme, questions, seats taken and the caller's registration.
    #[oai(path = "/networks/:slug/meetings/:id", method = "get")]
    async fn get(
        &self,
        svc: Data<&Services>,
        req: &Request,
        slug: Path<String>,
        id: Path<uuid::Uuid>,
    ) -> ApiResult<Json<MeetingOut>> {
        let scope = auth::scope(&svc, req, &slug).await?;
        let meeting = meetings::get(&svc, &scope, MeetingId(id.0)).await?;
        Ok(Json(meeting_out(meeting, svc.now())))
    }

    /// Change a meeting (organisers). Moving a published meeting or its place mails everyone
    /// registered; more places move the waitlist up.
    #[oai(path = "/networks/:slug/meetings/:id", method = "patch")]
    async fn update(
        &self,
        svc: Data<&Services>,
        req: &Request,
        slug: Path<String>,
        id: Path<uuid::Uuid>,
        body: Json<MeetingUpdate>,
    ) -> ApiResult<Json<MeetingOut>> {
        let scope = auth::scope(&svc, req, &slug).await?;
        let body = body.0;
        let patch = MeetingPatch {
            kind: body.kind.map(Into::into),
            visibility: body.visibility.map(Into::into),
            group_id: nullable(body.group_id, GroupId),
            title: body.title,
            description: body.description,
            starts_at: body.starts_at,
            ends_at: body.ends_at,
            location_mode: body.location_mode.map(Into::into),
            address: body.address,
            room: body.room,
            online_url: body.online_url,
            registration: body.registration.map(Into::into),
            show_participants: body.show_participants,
            organisation_ids: body
                .organisation_ids
                .map(|ids| ids.into_iter().map(OrganisationId).collect()),
            contact_user_id: nullable(body.contact_user_id, UserId),
            moderator_user_id: nullable(body.moderator_user_id, UserId),
            invitee_user_ids: body
                .invitee_user_ids
                .map(|ids| ids.into_iter().map(UserId).collect()),
        };
        let meeting = meetings::update(&svc, &scope, MeetingId(id.0), patch).await?;
        Ok(Json(meeting_out(meeting, svc.now())))
    }

    /// Publish, cancel, complete or unpublish a meeting (organisers). A cancelled meeting stays
    /// cancelled; a refused move answers 409 `status_change_not_allowed`.
    #[oai(path = "/networks/:slug/meetings/:id/status", method = "post")]
    async fn set_status(
        &self,
        svc: Data<&Services>,
        req: &Request,
        slug: Path<String>,
        id: Path<uuid::Uuid>,
        body: Json<StatusChange>,
    ) -> ApiResult<Json<MeetingOut>> {
        let scope = auth::scope(&svc, req, &slug).await?;
        let meeting =
            meetings::set_status(&svc, &scope, MeetingId(id.0), body.status.into()).await?;
        Ok(Json(meeting_out(meeting, svc.now())))
    }

    /// The meetings the signed-in member is registered, awaiting approval or waitlisted for,
    /// soonest first. Empty for anyone who is not a member.
    #[oai(path = "/networks/:slug/my-meetings", method = "get")]
    async fn my_meetings(
        &self,
        svc: Data<&Services>,
        req: &Request,
        slug: Path<String>,
    ) -> ApiResult<Json<Vec<MyMeeting>>> {
        let scope = auth::scope(&svc, req, &slug).await?;
        let mine = meetings::my_meetings(&svc, &scope).await?;
        Ok(Json(
            mine.into_iter()
                .map(|(meeting, status)| MyMeeting {
                    meeting: meeting.into(),
                    registration_status: status.into(),
                })
                .collect(),
        ))
    }
}
