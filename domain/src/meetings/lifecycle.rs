//! Meetings: create, change, publish, cancel, read and list.
//!
//! Publishing schedules the reminders; a change of time or place of a published meeting mails a
//! change notice to everyone registered, and a cancellation a cancellation notice. Every write
//! also enqueues the search-indexing job in its transaction.

use std::collections::HashMap;

use chrono::{DateTime, Duration, Utc};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait,
    QueryFilter, QueryOrder, QuerySelect,
};

use super::access::{find_organised, find_visible, is_organiser, visible};
use super::notices::{self, Notice};
use super::programme::{self, AgendaItem};
use super::questions::{self, Question};
use super::registrations::{self, MyRegistration, SeatCounts};
use super::{LocationMode, MeetingKind, MeetingStatus, MeetingVisibility};
use crate::Services;
use crate::entities::{
    meeting, meeting_invitee, meeting_organisation, membership, organisation, user,
};
use crate::error::{Error, Result};
use crate::ids::{GroupId, MeetingId, NetworkId, OrganisationId, SeriesId, UserId};
use crate::jobs::{self, Task};
use crate::markdown;
use crate::pagination::{Page, PageRequest};
use crate::people::{MembershipStatus, groups};
use crate::policy::Action;
use crate::tenancy::{TenantOwned, TenantScope};
use crate::text::{CODE_INVALID, CODE_REQUIRED, Validator, limits};

/// Limits of meeting fields.
pub const ADDRESS_MAX: usize = 300;
pub const URL_MAX: usize = 2_000;
pub const TERMS_MAX: usize = 5_000;
pub const CAPACITY_MAX: i32 = 100_000;

/// When and how people register.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RegistrationSettings {
    pub enabled: bool,
    /// Places in the room (physical and hybrid meetings); `None` is unlimited.
    pub capacity_room: Option<i32>,
    /// Places online (online and hybrid meetings); `None` is unlimited.
    pub capacity_online: Option<i32>,
    pub waitlist_enabled: bool,
    pub opens_at: Option<DateTime<Utc>>,
    /// The deadline; registration is refused from this moment on.
    pub closes_at: Option<DateTime<Utc>>,
    /// Participants may cancel until then (until the start if unset).
    pub cancellation_cutoff_at: Option<DateTime<Utc>>,
    pub requires_approval: bool,
    /// Terms a participant must accept; empty for none.
    pub terms: String,
}

/// A person named on a meeting (contact, moderator).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PersonRef {
    pub user_id: UserId,
    pub name: String,
}

/// A meeting as its reader sees it.
#[derive(Clone, Debug)]
pub struct Meeting {
    pub id: MeetingId,
    pub tenant_id: NetworkId,
    pub series_id: Option<SeriesId>,
    pub kind: MeetingKind,
    pub status: MeetingStatus,
    pub visibility: MeetingVisibility,
    pub group_id: Option<GroupId>,
    pub title: String,
    /// Markdown as written.
    pub description: String,
    pub description_html: String,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub location_mode: LocationMode,
    pub address: String,
    pub room: String,
    /// Only for registered participants and organisers.
    pub online_url: Option<String>,
    pub registration: RegistrationSettings,
    pub show_participants: bool,
    pub organisations: Vec<(OrganisationId, String)>,
    pub contact: Option<PersonRef>,
    pub moderator: Option<PersonRef>,
    /// The people invited (shown to organisers only; empty for others).
    pub invitees: Vec<PersonRef>,
    pub sequence: i32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    /// Does the caller organise it?
    pub is_organiser: bool,
    pub programme: Vec<AgendaItem>,
    pub questions: Vec<Question>,
    pub seats: SeatCounts,
    /// The caller's registration, if any.
    pub my_registration: Option<MyRegistration>,
}

impl TenantOwned for meeting_organisation::Entity {
    fn tenant_column() -> Self::Column {
        meeting_organisation::Column::TenantId
    }
}

impl TenantOwned for meeting_invitee::Entity {
    fn tenant_column() -> Self::Column {
        meeting_invitee::Column::TenantId
    }
}

impl Meeting {
    /// Can someone register now (apart from capacity)?
    pub fn registration_open(&self, now: DateTime<Utc>) -> bool {
        registration_window_error(
            self.status,
            self.registration.enabled,
            self.registration.opens_at,
            self.registration.closes_at,
            self.starts_at,
            now,
        )
        .is_none()
    }
}

/// A meeting in a list.
#[derive(Clone, Debug)]
pub struct MeetingSummary {
    pub id: MeetingId,
    pub series_id: Option<SeriesId>,
    pub kind: MeetingKind,
    pub status: MeetingStatus,
    pub visibility: MeetingVisibility,
    pub title: String,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub location_mode: LocationMode,
    pub address: String,
}

impl From<meeting::Model> for MeetingSummary {
    fn from(model: meeting::Model) -> Self {
        MeetingSummary {
            id: model.id,
            series_id: model.series_id,
            kind: model.kind,
            status: model.status,
            visibility: model.visibility,
            title: model.title,
            starts_at: model.starts_at,
            ends_at: model.ends_at,
            location_mode: model.location_mode,
            address: model.address,
        }
    }
}

/// A new meeting. It starts as a draft unless `publish` is set.
#[derive(Clone, Debug)]
pub struct NewMeeting {
    pub kind: MeetingKind,
    pub visibility: MeetingVisibility,
    pub group_id: Option<GroupId>,
    pub title: String,
    pub description: String,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub location_mode: LocationMode,
    pub address: String,
    pub room: String,
    pub online_url: String,
    pub registration: RegistrationSettings,
    pub show_participants: bool,
    pub organisation_ids: Vec<OrganisationId>,
    pub contact_user_id: Option<UserId>,
    pub moderator_user_id: Option<UserId>,
    pub invitee_user_ids: Vec<UserId>,
    pub publish: bool,
}

/// A change; `None` leaves a field as it is. `Some(None)` clears an optional field.
#[derive(Clone, Debug, Default)]
pub struct MeetingPatch {
    pub kind: Option<MeetingKind>,
    pub visibility: Option<MeetingVisibility>,
    pub group_id: Option<Option<GroupId>>,
    pub title: Option<String>,
    pub description: Option<String>,
    pub starts_at: Option<DateTime<Utc>>,
    pub ends_at: Option<DateTime<Utc>>,
    pub location_mode: Option<LocationMode>,
    pub address: Option<String>,
    pub room: Option<String>,
    pub online_url: Option<String>,
    pub registration: Option<RegistrationSettings>,
    pub show_participants: Option<bool>,
    pub organisation_ids: Option<Vec<OrganisationId>>,
    pub contact_user_id: Option<Option<UserId>>,
    pub moderator_user_id: Option<Option<UserId>>,
    pub invitee_user_ids: Option<Vec<UserId>>,
}

/// Why registration is not possible at `now`, as a stable conflict code.
pub(crate) fn registration_window_error(
    status: MeetingStatus,
    enabled: bool,
    opens_at: Option<DateTime<Utc>>,
    closes_at: Option<DateTime<Utc>>,
    starts_at: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Option<&'static str> {
    match status {
        MeetingStatus::Cancelled => return Some("meeting_cancelled"),
        MeetingStatus::Draft => return Some("meeting_not_published"),
        MeetingStatus::Completed => return Some("registration_closed"),
        MeetingStatus::Published => {}
    }
    if !enabled {
        return Some("registration_not_offered");
    }
    if opens_at.is_some_and(|opens| now < opens) {
        return Some("registration_not_open");
    }
    if now >= closes_at.unwrap_or(starts_at) {
        return Some("registration_closed");
    }
    None
}

/// Validates a whole meeting (new, or current with a patch applied) into an active model.
#[allow(clippy::too_many_arguments)]
async fn check(
    conn: &impl ConnectionTrait,
    scope: &TenantScope,
    mut model: meeting::ActiveModel,
    title: &str,
    description: &str,
    address: &str,
    room: &str,
    online_url: &str,
    terms: &str,
) -> Result<meeting::ActiveModel> {
    let mut v = Validator::new();
    let title = v.required("title", title, limits::TITLE);
    let description = v.optional("description", description, limits::BODY);
    let address = v.optional("address", address, ADDRESS_MAX);
    let room = v.optional("room", room, limits::NAME);
    let online_url = v.optional("online_url", online_url, URL_MAX);
    let terms = v.optional("terms", terms, TERMS_MAX);

    let starts_at: DateTime<Utc> = value_of(&model.starts_at);
    let ends_at: DateTime<Utc> = value_of(&model.ends_at);
    if ends_at <= starts_at {
        v.add("ends_at", "before_start");
    }
    let mode: LocationMode = value_of(&model.location_mode);
    let visibility: MeetingVisibility = value_of(&model.visibility);
    let group_id: Option<GroupId> = value_of(&model.group_id);
    if mode != LocationMode::Online && address.is_empty() {
        v.add("address", CODE_REQUIRED);
    }
    if mode != LocationMode::Physical {
        if online_url.is_empty() {
            v.add("online_url", CODE_REQUIRED);
        } else if !is_web_link(&online_url) {
            v.add("online_url", CODE_INVALID);
        }
    }
    for (field, capacity) in [
        ("capacity_room", value_of(&model.capacity_room)),
        ("capacity_online", value_of(&model.capacity_online)),
    ] {
        let capacity: Option<i32> = capacity;
        if capacity.is_some_and(|c| !(1..=CAPACITY_MAX).contains(&c)) {
            v.add(field, "out_of_range");
        }
    }
    let opens: Option<DateTime<Utc>> = value_of(&model.registration_opens_at);
    let closes: Option<DateTime<Utc>> = value_of(&model.registration_closes_at);
    if let (Some(opens), Some(closes)) = (opens, closes)
        && closes <= opens
    {
        v.add("registration_closes_at", "before_opening");
    }
    if closes.is_some_and(|closes| closes > ends_at) {
        v.add("registration_closes_at", "after_meeting");
    }
    let cutoff: Option<DateTime<Utc>> = value_of(&model.cancellation_cutoff_at);
    if cutoff.is_some_and(|cutoff| cutoff > starts_at) {
        v.add("cancellation_cutoff_at", "after_start");
    }
    match (visibility, group_id) {
        (MeetingVisibility::Group, None) => v.add("group_id", CODE_REQUIRED),
        (MeetingVisibility::Group, Some(_)) | (_, None) => {}
        (_, Some(_)) => v.add("group_id", "only_for_group_visibility"),
    }
    v.finish()?;
    // Registration for a case consultation always waits for an organiser's approval.
    let kind: MeetingKind = value_of(&model.kind);
    if kind == MeetingKind::CaseConsultation {
        model.requires_approval = Set(true);
    }

    if let Some(group_id) = group_id {
        groups::find(conn, scope, group_id)
            .await
            .map_err(|_| Error::invalid("group_id", "unknown"))?;
    }
    for (field, person) in [
        ("contact_user_id", value_of(&model.contact_user_id)),
        ("moderator_user_id", value_of(&model.moderator_user_id)),
    ] {
        let person: Option<UserId> = person;
        if let Some(person) = person
            && !is_active_member(conn, scope, person).await?
        {
            return Err(Error::invalid(field, "not_a_member"));
        }
    }
    model.title = Set(title);
    model.description = Set(description);
    model.address = Set(address);
    model.room = Set(room);
    model.online_url = Set(online_url);
    model.terms = Set(terms);
    Ok(model)
}

/// The value of a field that is set (every field of a new or loaded meeting is).
fn value_of<T: Into<sea_orm::Value> + Clone>(value: &sea_orm::ActiveValue<T>) -> T {
    value.clone().unwrap()
}

fn is_web_link(value: &str) -> bool {
    url::Url::parse(value).is_ok_and(|url| matches!(url.scheme(), "https" | "http"))
}

async fn is_active_member(
    conn: &impl ConnectionTrait,
    scope: &TenantScope,
    user: UserId,
) -> Result<bool> {
    Ok(scope
        .find::<membership::Entity>()
        .filter(membership::Column::UserId.eq(user))
        .filter(membership::Column::Status.eq(MembershipStatus::Active))
        .one(conn)
        .await?
        .is_some())
}

/// Replaces the organising organisations, checking that each is one of the network's.
async fn set_organisations(
    conn: &impl ConnectionTrait,
    scope: &TenantScope,
    meeting_id: MeetingId,
    ids: &[OrganisationId],
) -> Result<()> {
    let mut ids = ids.to_vec();
    ids.sort();
    ids.dedup();
    if !ids.is_empty() {
        let known = scope
            .find::<organisation::Entity>()
            .filter(organisation::Column::Id.is_in(ids.clone()))
            .count(conn)
            .await?;
        if known != ids.len() as u64 {
            return Err(Error::invalid("organisation_ids", "unknown"));
        }
    }
    scope
        .delete_many::<meeting_organisation::Entity>()
        .filter(meeting_organisation::Column::MeetingId.eq(meeting_id))
        .exec(conn)
        .await?;
    if ids.is_empty() {
        return Ok(());
    }
    meeting_organisation::Entity::insert_many(ids.into_iter().map(|organisation_id| {
        meeting_organisation::ActiveModel {
            tenant_id: Set(scope.tenant_id()),
            meeting_id: Set(meeting_id),
            organisation_id: Set(organisation_id),
        }
    }))
    .exec(conn)
    .await?;
    Ok(())
}

/// Replaces the people invited, checking that each is an active member.
async fn set_invitees(
    conn: &impl ConnectionTrait,
    scope: &TenantScope,
    meeting_id: MeetingId,
    ids: &[UserId],
) -> Result<()> {
    let mut ids = ids.to_vec();
    ids.sort();
    ids.dedup();
    if !ids.is_empty() {
        let known = scope
            .find::<membership::Entity>()
            .filter(membership::Column::UserId.is_in(ids.clone()))
            .filter(membership::Column::Status.eq(MembershipStatus::Active))
            .count(conn)
            .await?;
        if known != ids.len() as u64 {
            return Err(Error::invalid("invitee_user_ids", "not_a_member"));
        }
    }
    scope
        .delete_many::<meeting_invitee::Entity>()
        .filter(meeting_invitee::Column::MeetingId.eq(meeting_id))
        .exec(conn)
        .await?;
    if ids.is_empty() {
        return Ok(());
    }
    meeting_invitee::Entity::insert_many(ids.into_iter().map(|user_id| {
        meeting_invitee::ActiveModel {
            tenant_id: Set(scope.tenant_id()),
            meeting_id: Set(meeting_id),
            user_id: Set(user_id),
        }
    }))
    .exec(conn)
    .await?;
    Ok(())
}

fn settings_of(model: &meeting::Model) -> RegistrationSettings {
    RegistrationSettings {
        enabled: model.registration_enabled,
        capacity_room: model.capacity_room,
        capacity_online: model.capacity_online,
        waitlist_enabled: model.waitlist_enabled,
        opens_at: model.registration_opens_at,
        closes_at: model.registration_closes_at,
        cancellation_cutoff_at: model.cancellation_cutoff_at,
        requires_approval: model.requires_approval,
        terms: model.terms.clone(),
    }
}

fn apply_settings(model: &mut meeting::ActiveModel, settings: RegistrationSettings) {
    model.registration_enabled = Set(settings.enabled);
    model.capacity_room = Set(settings.capacity_room);
    model.capacity_online = Set(settings.capacity_online);
    model.waitlist_enabled = Set(settings.waitlist_enabled);
    model.registration_opens_at = Set(settings.opens_at);
    model.registration_closes_at = Set(settings.closes_at);
    model.cancellation_cutoff_at = Set(settings.cancellation_cutoff_at);
    model.requires_approval = Set(settings.requires_approval);
    model.terms = Set(settings.terms);
}

/// Writes a meeting's jobs: indexing always; reminders when it is published.
pub(crate) async fn enqueue_jobs(
    conn: &impl ConnectionTrait,
    svc: &Services,
    network: &crate::tenancy::Network,
    model: &meeting::Model,
) -> Result<()> {
    jobs::enqueue(
        conn,
        svc,
        Some(model.tenant_id),
        &Task::IndexMeeting {
            meeting_id: model.id,
        },
    )
    .await?;
    if model.status == MeetingStatus::Published {
        notices::schedule_reminders(conn, svc, model).await?;
    }
    super::retention::schedule(conn, svc, network, model).await?;
    crate::consultations::schedule_purge(conn, svc, network, model).await?;
    Ok(())
}

pub async fn create(svc: &Services, scope: &TenantScope, input: NewMeeting) -> Result<Meeting> {
    scope.require(Action::ManageMeetings)?;
    let txn = svc.db.begin_write().await?;
    let model = checked_new(&txn, svc, scope, &input).await?;
    let model = model.insert(&txn).await?;
    set_organisations(&txn, scope, model.id, &input.organisation_ids).await?;
    set_invitees(&txn, scope, model.id, &input.invitee_user_ids).await?;
    enqueue_jobs(&txn, svc, scope.network(), &model).await?;
    txn.commit().await?;
    get(svc, scope, model.id).await
}

/// A new meeting's row, checked as [`create`] checks it but not yet inserted (a series copies
/// it into each occurrence).
pub(crate) async fn checked_new(
    conn: &impl ConnectionTrait,
    svc: &Services,
    scope: &TenantScope,
    input: &NewMeeting,
) -> Result<meeting::ActiveModel> {
    let now = svc.now();
    let mut model = meeting::ActiveModel {
        id: Set(MeetingId::new()),
        tenant_id: Set(scope.tenant_id()),
        series_id: Set(None),
        occurrence_start: Set(None),
        kind: Set(input.kind),
        status: Set(if input.publish {
            MeetingStatus::Published
        } else {
            MeetingStatus::Draft
        }),
        visibility: Set(input.visibility),
        group_id: Set(input.group_id),
        title: Set(String::new()),
        description: Set(String::new()),
        starts_at: Set(input.starts_at),
        ends_at: Set(input.ends_at),
        location_mode: Set(input.location_mode),
        address: Set(String::new()),
        room: Set(String::new()),
        online_url: Set(String::new()),
        registration_enabled: Set(false),
        capacity_room: Set(None),
        capacity_online: Set(None),
        waitlist_enabled: Set(false),
        registration_opens_at: Set(None),
        registration_closes_at: Set(None),
        cancellation_cutoff_at: Set(None),
        requires_approval: Set(false),
        terms: Set(String::new()),
        show_participants: Set(input.show_participants),
        contact_user_id: Set(input.contact_user_id),
        moderator_user_id: Set(input.moderator_user_id),
        sequence: Set(0),
        created_by: Set(scope.user_id()),
        created_at: Set(now),
        updated_at: Set(now),
    };
    let terms = input.registration.terms.clone();
    apply_settings(&mut model, input.registration.clone());
    let checked = check(
        conn,
        scope,
        model,
        &input.title,
        &input.description,
        &input.address,
        &input.room,
        &input.online_url,
        &terms,
    )
    .await?;
    Ok(checked)
}

/// Inserts a meeting row as it is (used by series to copy a template), with its jobs.
pub(crate) async fn insert_copy(
    conn: &impl ConnectionTrait,
    svc: &Services,
    scope: &TenantScope,
    model: meeting::ActiveModel,
    organisation_ids: &[OrganisationId],
    invitee_ids: &[UserId],
) -> Result<meeting::Model> {
    let model = model.insert(conn).await?;
    set_organisations(conn, scope, model.id, organisation_ids).await?;
    set_invitees(conn, scope, model.id, invitee_ids).await?;
    enqueue_jobs(conn, svc, scope.network(), &model).await?;
    Ok(model)
}

/// Did this change move the meeting or its place, so that participants must be told?
fn changes_logistics(before: &meeting::Model, after: &meeting::Model) -> bool {
    before.starts_at != after.starts_at
        || before.ends_at != after.ends_at
        || before.location_mode != after.location_mode
        || before.address != after.address
        || before.room != after.room
        || before.online_url != after.online_url
}

pub async fn update(
    svc: &Services,
    scope: &TenantScope,
    id: MeetingId,
    patch: MeetingPatch,
) -> Result<Meeting> {
    let txn = svc.db.begin_write().await?;
    let current = find_organised(&txn, scope, id).await?;
    let mut model: meeting::ActiveModel = current.clone().into();
    if let Some(kind) = patch.kind {
        if kind != current.kind
            && (kind == MeetingKind::CaseConsultation
                || current.kind == MeetingKind::CaseConsultation)
            && crate::consultations::has_material(&txn, scope, id).await?
        {
            // The kind decides who reads the cases, files and minutes and when they are purged:
            // once there is any, it stays.
            return Err(Error::conflict("kind_locked"));
        }
        model.kind = Set(kind);
    }
    if let Some(visibility) = patch.visibility {
        model.visibility = Set(visibility);
    }
    if let Some(group_id) = patch.group_id {
        model.group_id = Set(group_id);
    }
    if let Some(starts_at) = patch.starts_at {
        model.starts_at = Set(starts_at);
    }
    if let Some(ends_at) = patch.ends_at {
        model.ends_at = Set(ends_at);
    }
    if let Some(mode) = patch.location_mode {
        model.location_mode = Set(mode);
    }
    if let Some(show) = patch.show_participants {
        model.show_participants = Set(show);
    }
    if let Some(contact) = patch.contact_user_id {
        model.contact_user_id = Set(contact);
    }
    if let Some(moderator) = patch.moderator_user_id {
        model.moderator_user_id = Set(moderator);
    }
    let terms = patch
        .registration
        .as_ref()
        .map(|r| r.terms.clone())
        .unwrap_or_else(|| current.terms.clone());
    if let Some(settings) = patch.registration {
        apply_settings(&mut model, settings);
    }
    let checked = check(
        &txn,
        scope,
        model,
        patch.title.as_deref().unwrap_or(&current.title),
        patch.description.as_deref().unwrap_or(&current.description),
        patch.address.as_deref().unwrap_or(&current.address),
        patch.room.as_deref().unwrap_or(&current.room),
        patch.online_url.as_deref().unwrap_or(&current.online_url),
        &terms,
    )
    .await?;
    let mut model = checked;
    model.sequence = Set(current.sequence + 1);
    model.updated_at = Set(svc.now());
    let updated = model.update(&txn).await?;
    if let Some(ids) = &patch.organisation_ids {
        set_organisations(&txn, scope, id, ids).await?;
    }
    if let Some(ids) = &patch.invitee_user_ids {
        set_invitees(&txn, scope, id, ids).await?;
    }
    enqueue_jobs(&txn, svc, scope.network(), &updated).await?;
    // More places may have been made: the waitlist moves up.
    registrations::promote(&txn, svc, scope, &updated).await?;
    if updated.status == MeetingStatus::Published && changes_logistics(&current, &updated) {
        notices::notify_participants(&txn, svc, scope, &updated, Notice::Changed).await?;
    }
    txn.commit().await?;
    get(svc, scope, id).await
}

/// Moves a meeting to another status. Publishing schedules reminders; cancelling mails everyone
/// registered or waitlisted. A cancelled meeting stays cancelled.
pub async fn set_status(
    svc: &Services,
    scope: &TenantScope,
    id: MeetingId,
    status: MeetingStatus,
) -> Result<Meeting> {
    let txn = svc.db.begin_write().await?;
    let current = find_organised(&txn, scope, id).await?;
    if current.status == status {
        txn.commit().await?;
        return get(svc, scope, id).await;
    }
    let allowed = matches!(
        (current.status, status),
        (MeetingStatus::Draft, MeetingStatus::Published)
            | (MeetingStatus::Draft, MeetingStatus::Cancelled)
            | (MeetingStatus::Published, MeetingStatus::Cancelled)
            | (MeetingStatus::Published, MeetingStatus::Completed)
            | (MeetingStatus::Published, MeetingStatus::Draft)
    );
    if !allowed {
        return Err(Error::conflict("status_change_not_allowed"));
    }
    let mut model: meeting::ActiveModel = current.clone().into();
    model.status = Set(status);
    model.sequence = Set(current.sequence + 1);
    model.updated_at = Set(svc.now());
    let updated = model.update(&txn).await?;
    enqueue_jobs(&txn, svc, scope.network(), &updated).await?;
    registrations::promote(&txn, svc, scope, &updated).await?;
    if status == MeetingStatus::Cancelled && current.status == MeetingStatus::Published {
        notices::notify_participants(&txn, svc, scope, &updated, Notice::Cancelled).await?;
    }
    txn.commit().await?;
    get(svc, scope, id).await
}

/// Which meetings a list shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Period {
    /// Not yet ended, soonest first.
    Upcoming,
    /// Ended, latest first.
    Past,
}

/// The meetings the caller may see, upcoming (soonest first) or past (latest first).
pub async fn list(
    svc: &Services,
    scope: &TenantScope,
    period: Period,
    page: PageRequest,
) -> Result<Page<MeetingSummary>> {
    let now = svc.now();
    let mut query = visible(scope);
    query = match period {
        Period::Upcoming => query.filter(meeting::Column::EndsAt.gt(now)),
        Period::Past => query.filter(meeting::Column::EndsAt.lte(now)),
    };
    if let (Some(after), Some(at)) = (page.after, page.after_time) {
        use sea_orm::sea_query::Condition;
        let after = MeetingId(after);
        query = match period {
            Period::Upcoming => query.filter(
                Condition::any().add(meeting::Column::StartsAt.gt(at)).add(
                    Condition::all()
                        .add(meeting::Column::StartsAt.eq(at))
                        .add(meeting::Column::Id.gt(after)),
                ),
            ),
            Period::Past => query.filter(
                Condition::any().add(meeting::Column::StartsAt.lt(at)).add(
                    Condition::all()
                        .add(meeting::Column::StartsAt.eq(at))
                        .add(meeting::Column::Id.lt(after)),
                ),
            ),
        };
    }
    query = match period {
        Period::Upcoming => query
            .order_by_asc(meeting::Column::StartsAt)
            .order_by_asc(meeting::Column::Id),
        Period::Past => query
            .order_by_desc(meeting::Column::StartsAt)
            .order_by_desc(meeting::Column::Id),
    };
    let rows = query.limit(page.limit + 1).all(svc.db.conn()).await?;
    let items = rows.into_iter().map(MeetingSummary::from).collect();
    Ok(Page::from_timed_rows(items, page, |m: &MeetingSummary| {
        (m.starts_at, m.id.0)
    }))
}

/// The meetings the caller may see that overlap `[from, to)`, in order (a month view).
pub async fn between(
    svc: &Services,
    scope: &TenantScope,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> Result<Vec<MeetingSummary>> {
    if to <= from || to - from > Duration::days(62) {
        return Err(Error::invalid("to", "out_of_range"));
    }
    let rows = visible(scope)
        .filter(meeting::Column::StartsAt.lt(to))
        .filter(meeting::Column::EndsAt.gt(from))
        .order_by_asc(meeting::Column::StartsAt)
        .order_by_asc(meeting::Column::Id)
        .limit(500)
        .all(svc.db.conn())
        .await?;
    Ok(rows.into_iter().map(MeetingSummary::from).collect())
}

/// A working group's meetings the caller may see: upcoming ones soonest first, or past ones
/// latest first, at most `limit`. An unknown group is `NotFound`; an outsider of the group gets
/// an empty list (the meetings are filtered by `visible`, one query on `ix_meetings_by_group`).
pub async fn of_group(
    svc: &Services,
    scope: &TenantScope,
    group_id: GroupId,
    period: Period,
    limit: u64,
) -> Result<Vec<MeetingSummary>> {
    scope.require(Action::ReadContent)?;
    groups::find(svc.db.conn(), scope, group_id).await?;
    let now = svc.now();
    let query = visible(scope).filter(meeting::Column::GroupId.eq(group_id));
    let query = match period {
        Period::Upcoming => query
            .filter(meeting::Column::EndsAt.gt(now))
            .order_by_asc(meeting::Column::StartsAt)
            .order_by_asc(meeting::Column::Id),
        Period::Past => query
            .filter(meeting::Column::EndsAt.lte(now))
            .order_by_desc(meeting::Column::StartsAt)
            .order_by_desc(meeting::Column::Id),
    };
    let rows = query.limit(limit.clamp(1, 100)).all(svc.db.conn()).await?;
    Ok(rows.into_iter().map(MeetingSummary::from).collect())
}

/// Names of users by id, in one query.
pub(crate) async fn user_names(
    conn: &impl ConnectionTrait,
    ids: impl IntoIterator<Item = UserId>,
) -> Result<HashMap<UserId, String>> {
    let ids: Vec<UserId> = ids.into_iter().collect();
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    Ok(user::Entity::find()
        .filter(user::Column::Id.is_in(ids))
        .all(conn)
        .await?
        .into_iter()
        .map(|u| (u.id, u.display_name))
        .collect())
}

pub async fn get(svc: &Services, scope: &TenantScope, id: MeetingId) -> Result<Meeting> {
    let conn = svc.db.conn();
    let model = find_visible(conn, scope, id).await?;
    let organiser = is_organiser(scope, &model);
    let organisations = scope
        .find::<meeting_organisation::Entity>()
        .filter(meeting_organisation::Column::MeetingId.eq(id))
        .find_also_related(organisation::Entity)
        .all(conn)
        .await?
        .into_iter()
        .filter_map(|(link, org)| org.map(|org| (link.organisation_id, org.name)))
        .collect();
    let invitee_ids: Vec<UserId> = if organiser {
        scope
            .find::<meeting_invitee::Entity>()
            .filter(meeting_invitee::Column::MeetingId.eq(id))
            .all(conn)
            .await?
            .into_iter()
            .map(|i| i.user_id)
            .collect()
    } else {
        Vec::new()
    };
    let names = user_names(
        conn,
        model
            .contact_user_id
            .into_iter()
            .chain(model.moderator_user_id)
            .chain(invitee_ids.iter().copied()),
    )
    .await?;
    let person = |id: Option<UserId>| {
        id.map(|user_id| PersonRef {
            user_id,
            name: names.get(&user_id).cloned().unwrap_or_default(),
        })
    };
    let programme = programme::of_meeting(conn, scope, id).await?;
    let questions = questions::of_meeting(conn, scope, id).await?;
    let seats = registrations::seat_counts(conn, scope, id).await?;
    let my_registration = registrations::mine(conn, scope, &model, svc.now()).await?;
    let sees_link = organiser
        || my_registration
            .as_ref()
            .is_some_and(|r| r.status == super::RegistrationStatus::Registered);
    Ok(Meeting {
        contact: person(model.contact_user_id),
        moderator: person(model.moderator_user_id),
        invitees: invitee_ids
            .into_iter()
            .filter_map(|id| person(Some(id)))
            .collect(),
        registration: settings_of(&model),
        description_html: markdown::render(&model.description),
        online_url: (sees_link && !model.online_url.is_empty()).then(|| model.online_url.clone()),
        is_organiser: organiser,
        organisations,
        programme,
        questions,
        seats,
        my_registration,
        id: model.id,
        tenant_id: model.tenant_id,
        series_id: model.series_id,
        kind: model.kind,
        status: model.status,
        visibility: model.visibility,
        group_id: model.group_id,
        title: model.title,
        description: model.description,
        starts_at: model.starts_at,
        ends_at: model.ends_at,
        location_mode: model.location_mode,
        address: model.address,
        room: model.room,
        show_participants: model.show_participants,
        sequence: model.sequence,
        created_at: model.created_at,
        updated_at: model.updated_at,
    })
}
