//! Registration: seats, the waitlist, approval, cancellation and promotion, guests, attendance.
//!
//! Capacity is never exceeded: a registration counts the seats taken and writes itself inside
//! one write transaction that first locks the meeting row (`FOR UPDATE` on PostgreSQL; on SQLite
//! the `IMMEDIATE` transaction already holds the database's single write lock). Seats are held
//! by `registered`, `pending_approval` and `unconfirmed` registrations; when a seat frees up,
//! the first on the waitlist (for the same kind of place, in the order they queued) moves up and
//! is mailed.

use std::collections::HashMap;

use chrono::{DateTime, Duration, Utc};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DbBackend, EntityTrait,
    FromQueryResult, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect,
};

use super::access::{find_organised, find_visible, is_organiser, visible};
use super::lifecycle::registration_window_error;
use super::notices::{self, Notice};
use super::questions::{self, Answer};
use super::{
    AttendanceMode, LocationMode, MeetingKind, MeetingStatus, MeetingVisibility, RegistrationStatus,
};
use crate::Services;
use crate::entities::{
    agenda_item, breakout_group, meeting, membership, organisation, registration,
    registration_session, user,
};
use crate::error::{Error, Result};
use crate::identity::secret::{hash_secret, new_secret};
use crate::ids::{AgendaItemId, BreakoutGroupId, MeetingId, QuestionId, RegistrationId, UserId};
use crate::jobs::{self, Task};
use crate::policy::Action;
use crate::tenancy::{Actor, TenantOwned, TenantScope};
use crate::text::{CODE_REQUIRED, Validator, limits};

impl TenantOwned for registration::Entity {
    fn tenant_column() -> Self::Column {
        registration::Column::TenantId
    }
}

impl TenantOwned for registration_session::Entity {
    fn tenant_column() -> Self::Column {
        registration_session::Column::TenantId
    }
}

/// Does a registration wait for an organiser's approval? Always for a case consultation.
fn needs_approval(meeting: &meeting::Model) -> bool {
    meeting.requires_approval || meeting.kind == MeetingKind::CaseConsultation
}

/// How long an unconfirmed guest registration holds its seat.
pub const GUEST_HOLD: Duration = Duration::hours(24);

/// Seats taken, per kind of place, and per parallel session.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SeatCounts {
    pub room: i64,
    pub online: i64,
    pub waitlisted: i64,
    pub sessions: HashMap<AgendaItemId, i64>,
}

/// The caller's own registration.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MyRegistration {
    pub id: RegistrationId,
    pub status: RegistrationStatus,
    pub attendance_mode: AttendanceMode,
    /// 1 for the first on the waitlist.
    pub waitlist_position: Option<u64>,
    pub session_ids: Vec<AgendaItemId>,
    pub breakout_group: Option<(BreakoutGroupId, String)>,
    /// May the caller still cancel it?
    pub can_cancel: bool,
}

/// A registration as the organisers see it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Registration {
    pub id: RegistrationId,
    pub user_id: Option<UserId>,
    pub name: String,
    pub email: String,
    /// A member's organisation in this network (a guest's as they wrote it).
    pub organisation: String,
    /// The sector of a member's organisation, for organisers deciding on a registration.
    pub sector: Option<crate::people::Sector>,
    pub is_guest: bool,
    pub attendance_mode: AttendanceMode,
    pub status: RegistrationStatus,
    pub waitlist_position: Option<u64>,
    pub answers: Vec<(QuestionId, Answer)>,
    pub session_ids: Vec<AgendaItemId>,
    pub attended: Option<bool>,
    pub breakout_group_id: Option<BreakoutGroupId>,
    pub breakout_preferences: Vec<BreakoutGroupId>,
    pub created_at: DateTime<Utc>,
}

/// What a participant sends to register.
#[derive(Clone, Debug, Default)]
pub struct NewRegistration {
    /// Only for hybrid meetings; others have one kind of place.
    pub attendance_mode: Option<AttendanceMode>,
    pub answers: HashMap<QuestionId, Answer>,
    /// Chosen parallel sessions, at most one per time slot.
    pub session_ids: Vec<AgendaItemId>,
    pub accept_terms: bool,
    /// Breakout groups wanted, most wanted first.
    pub breakout_preferences: Vec<BreakoutGroupId>,
}

/// A signed-out person registering for a public meeting.
#[derive(Clone, Debug, Default)]
pub struct GuestDetails {
    pub name: String,
    pub email: String,
    pub organisation: String,
}

/// The outcome a guest sees.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GuestReceipt {
    pub status: RegistrationStatus,
    pub waitlist_position: Option<u64>,
    pub hold_until: Option<DateTime<Utc>>,
}

/// A guest's confirmed registration (from the link in the mail).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConfirmedGuest {
    pub network_slug: String,
    pub meeting_id: MeetingId,
    pub meeting_title: String,
    pub status: RegistrationStatus,
}

fn mode_for(meeting: &meeting::Model, wanted: Option<AttendanceMode>) -> Result<AttendanceMode> {
    match (meeting.location_mode, wanted) {
        (LocationMode::Physical, None | Some(AttendanceMode::Room)) => Ok(AttendanceMode::Room),
        (LocationMode::Online, None | Some(AttendanceMode::Online)) => Ok(AttendanceMode::Online),
        (LocationMode::Hybrid, Some(mode)) => Ok(mode),
        (LocationMode::Hybrid, None) => Err(Error::invalid("attendance_mode", CODE_REQUIRED)),
        _ => Err(Error::invalid("attendance_mode", "not_offered")),
    }
}

fn capacity_for(meeting: &meeting::Model, mode: AttendanceMode) -> Option<i32> {
    match mode {
        AttendanceMode::Room => meeting.capacity_room,
        AttendanceMode::Online => meeting.capacity_online,
    }
}

/// Locks the meeting row for the rest of the transaction (PostgreSQL); SQLite's write
/// transaction already excludes every other writer.
async fn lock_meeting(
    conn: &impl ConnectionTrait,
    scope: &TenantScope,
    id: MeetingId,
) -> Result<meeting::Model> {
    let query = visible(scope).filter(meeting::Column::Id.eq(id));
    let query = match conn.get_database_backend() {
        DbBackend::Postgres => query.lock_exclusive(),
        _ => query,
    };
    query.one(conn).await?.ok_or(Error::NotFound)
}

async fn taken(
    conn: &impl ConnectionTrait,
    scope: &TenantScope,
    meeting: &meeting::Model,
    mode: AttendanceMode,
) -> Result<i64> {
    let count = scope
        .find::<registration::Entity>()
        .filter(registration::Column::MeetingId.eq(meeting.id))
        .filter(registration::Column::AttendanceMode.eq(mode))
        .filter(registration::Column::Status.is_in(RegistrationStatus::HOLDING_SEAT.to_vec()))
        .count(conn)
        .await?;
    Ok(count as i64)
}

#[derive(FromQueryResult)]
struct CountRow {
    status: RegistrationStatus,
    attendance_mode: AttendanceMode,
    n: i64,
}

pub(crate) async fn seat_counts(
    conn: &impl ConnectionTrait,
    scope: &TenantScope,
    meeting_id: MeetingId,
) -> Result<SeatCounts> {
    let rows = scope
        .find::<registration::Entity>()
        .select_only()
        .column(registration::Column::Status)
        .column(registration::Column::AttendanceMode)
        .column_as(registration::Column::Id.count(), "n")
        .filter(registration::Column::MeetingId.eq(meeting_id))
        .group_by(registration::Column::Status)
        .group_by(registration::Column::AttendanceMode)
        .into_model::<CountRow>()
        .all(conn)
        .await?;
    let mut counts = SeatCounts::default();
    for row in rows {
        if row.status.holds_seat() {
            match row.attendance_mode {
                AttendanceMode::Room => counts.room += row.n,
                AttendanceMode::Online => counts.online += row.n,
            }
        } else if row.status == RegistrationStatus::Waitlisted {
            counts.waitlisted += row.n;
        }
    }
    counts.sessions = session_counts(conn, scope, meeting_id).await?;
    Ok(counts)
}

#[derive(FromQueryResult)]
struct SessionCount {
    agenda_item_id: AgendaItemId,
    n: i64,
}

/// Seat-holding choices per parallel session.
async fn session_counts(
    conn: &impl ConnectionTrait,
    scope: &TenantScope,
    meeting_id: MeetingId,
) -> Result<HashMap<AgendaItemId, i64>> {
    let rows = scope
        .find::<registration_session::Entity>()
        .select_only()
        .column(registration_session::Column::AgendaItemId)
        .column_as(registration_session::Column::RegistrationId.count(), "n")
        .inner_join(registration::Entity)
        .filter(registration_session::Column::MeetingId.eq(meeting_id))
        .filter(registration::Column::Status.is_in(RegistrationStatus::HOLDING_SEAT.to_vec()))
        .group_by(registration_session::Column::AgendaItemId)
        .into_model::<SessionCount>()
        .all(conn)
        .await?;
    Ok(rows.into_iter().map(|r| (r.agenda_item_id, r.n)).collect())
}

/// 1-based place on the waitlist.
pub(crate) async fn waitlist_position(
    conn: &impl ConnectionTrait,
    scope: &TenantScope,
    model: &registration::Model,
) -> Result<Option<u64>> {
    if model.status != RegistrationStatus::Waitlisted {
        return Ok(None);
    }
    let ahead = scope
        .find::<registration::Entity>()
        .filter(registration::Column::MeetingId.eq(model.meeting_id))
        .filter(registration::Column::Status.eq(RegistrationStatus::Waitlisted))
        .filter(registration::Column::AttendanceMode.eq(model.attendance_mode))
        .filter(
            sea_orm::sea_query::Condition::any()
                .add(registration::Column::QueuedAt.lt(model.queued_at))
                .add(
                    sea_orm::sea_query::Condition::all()
                        .add(registration::Column::QueuedAt.eq(model.queued_at))
                        .add(registration::Column::Id.lt(model.id)),
                ),
        )
        .count(conn)
        .await?;
    Ok(Some(ahead + 1))
}

async fn sessions_of(
    conn: &impl ConnectionTrait,
    scope: &TenantScope,
    model: &registration::Model,
) -> Result<Vec<AgendaItemId>> {
    Ok(scope
        .find::<registration_session::Entity>()
        .filter(registration_session::Column::RegistrationId.eq(model.id))
        .all(conn)
        .await?
        .into_iter()
        .map(|s| s.agenda_item_id)
        .collect())
}

fn can_cancel(meeting: &meeting::Model, status: RegistrationStatus, now: DateTime<Utc>) -> bool {
    status.is_active()
        && meeting.status == MeetingStatus::Published
        && now < meeting.cancellation_cutoff_at.unwrap_or(meeting.starts_at)
}

/// The caller's registration for a meeting, if they are a member with one.
pub(crate) async fn mine(
    conn: &impl ConnectionTrait,
    scope: &TenantScope,
    meeting: &meeting::Model,
    now: DateTime<Utc>,
) -> Result<Option<MyRegistration>> {
    let Some(user) = scope.user_id().filter(|_| scope.member().is_some()) else {
        return Ok(None);
    };
    let Some(model) = scope
        .find::<registration::Entity>()
        .filter(registration::Column::MeetingId.eq(meeting.id))
        .filter(registration::Column::UserId.eq(user))
        .one(conn)
        .await?
    else {
        return Ok(None);
    };
    let breakout_group = match model.breakout_group_id {
        Some(id) => scope
            .find::<breakout_group::Entity>()
            .filter(breakout_group::Column::Id.eq(id))
            .one(conn)
            .await?
            .map(|g| (g.id, g.name)),
        None => None,
    };
    Ok(Some(MyRegistration {
        waitlist_position: waitlist_position(conn, scope, &model).await?,
        session_ids: sessions_of(conn, scope, &model).await?,
        can_cancel: can_cancel(meeting, model.status, now),
        breakout_group,
        id: model.id,
        status: model.status,
        attendance_mode: model.attendance_mode,
    }))
}

/// Is this user a registered participant (not waitlisted, not pending) of the meeting?
pub(crate) async fn is_participant(
    conn: &impl ConnectionTrait,
    scope: &TenantScope,
    meeting_id: MeetingId,
    user: UserId,
) -> Result<bool> {
    Ok(scope
        .find::<registration::Entity>()
        .filter(registration::Column::MeetingId.eq(meeting_id))
        .filter(registration::Column::UserId.eq(user))
        .filter(registration::Column::Status.eq(RegistrationStatus::Registered))
        .one(conn)
        .await?
        .is_some())
}

/// Checks the chosen sessions: known, selectable, at most one per start time, with room left.
async fn check_sessions(
    conn: &impl ConnectionTrait,
    scope: &TenantScope,
    meeting: &meeting::Model,
    chosen: &[AgendaItemId],
    except: Option<RegistrationId>,
) -> Result<Vec<AgendaItemId>> {
    let mut chosen = chosen.to_vec();
    chosen.sort();
    chosen.dedup();
    if chosen.is_empty() {
        return Ok(chosen);
    }
    let items = scope
        .find::<agenda_item::Entity>()
        .filter(agenda_item::Column::MeetingId.eq(meeting.id))
        .filter(agenda_item::Column::Id.is_in(chosen.clone()))
        .filter(agenda_item::Column::Selectable.eq(true))
        .all(conn)
        .await?;
    if items.len() != chosen.len() {
        return Err(Error::invalid("session_ids", "unknown"));
    }
    for (i, a) in items.iter().enumerate() {
        for b in &items[i + 1..] {
            if a.starts_at < b.ends_at && b.starts_at < a.ends_at {
                return Err(Error::invalid("session_ids", "overlapping"));
            }
        }
    }
    let mut counts = session_counts(conn, scope, meeting.id).await?;
    if let Some(except) = except {
        for id in sessions_of_id(conn, scope, except).await? {
            if let Some(n) = counts.get_mut(&id) {
                *n -= 1;
            }
        }
    }
    for item in &items {
        if let Some(capacity) = item.capacity
            && counts.get(&item.id).copied().unwrap_or(0) >= i64::from(capacity)
        {
            return Err(Error::invalid("session_ids", "session_full"));
        }
    }
    Ok(chosen)
}

async fn sessions_of_id(
    conn: &impl ConnectionTrait,
    scope: &TenantScope,
    id: RegistrationId,
) -> Result<Vec<AgendaItemId>> {
    Ok(scope
        .find::<registration_session::Entity>()
        .filter(registration_session::Column::RegistrationId.eq(id))
        .all(conn)
        .await?
        .into_iter()
        .map(|s| s.agenda_item_id)
        .collect())
}

async fn set_sessions(
    conn: &impl ConnectionTrait,
    scope: &TenantScope,
    meeting_id: MeetingId,
    id: RegistrationId,
    sessions: &[AgendaItemId],
) -> Result<()> {
    scope
        .delete_many::<registration_session::Entity>()
        .filter(registration_session::Column::RegistrationId.eq(id))
        .exec(conn)
        .await?;
    if sessions.is_empty() {
        return Ok(());
    }
    registration_session::Entity::insert_many(sessions.iter().map(|item| {
        registration_session::ActiveModel {
            tenant_id: Set(scope.tenant_id()),
            meeting_id: Set(meeting_id),
            registration_id: Set(id),
            agenda_item_id: Set(*item),
        }
    }))
    .exec(conn)
    .await?;
    Ok(())
}

async fn check_preferences(
    conn: &impl ConnectionTrait,
    scope: &TenantScope,
    meeting_id: MeetingId,
    preferences: &[BreakoutGroupId],
) -> Result<serde_json::Value> {
    let mut seen = Vec::new();
    for id in preferences {
        if !seen.contains(id) {
            seen.push(*id);
        }
    }
    if !seen.is_empty() {
        let known = scope
            .find::<breakout_group::Entity>()
            .filter(breakout_group::Column::MeetingId.eq(meeting_id))
            .filter(breakout_group::Column::Id.is_in(seen.clone()))
            .count(conn)
            .await?;
        if known != seen.len() as u64 {
            return Err(Error::invalid("breakout_preferences", "unknown"));
        }
    }
    Ok(serde_json::json!(seen))
}

/// Everything a registration checks before taking its place, shared by members and guests.
struct Admission {
    mode: AttendanceMode,
    answers: serde_json::Value,
    sessions: Vec<AgendaItemId>,
    preferences: serde_json::Value,
    status: RegistrationStatus,
}

/// Checks the request against the locked meeting and decides the status it gets.
async fn admit(
    conn: &impl ConnectionTrait,
    svc: &Services,
    scope: &TenantScope,
    meeting: &meeting::Model,
    input: &NewRegistration,
    confirmed_status: RegistrationStatus,
    except: Option<RegistrationId>,
) -> Result<Admission> {
    if let Some(code) = registration_window_error(
        meeting.status,
        meeting.registration_enabled,
        meeting.registration_opens_at,
        meeting.registration_closes_at,
        meeting.starts_at,
        svc.now(),
    ) {
        return Err(Error::conflict(code));
    }
    let mode = mode_for(meeting, input.attendance_mode)?;
    let questions = questions::of_meeting(conn, scope, meeting.id).await?;
    let mut problems = Vec::new();
    let answers = match questions::check_answers(&questions, &input.answers) {
        Ok(answers) => answers,
        Err(Error::Invalid(fields)) => {
            problems.extend(fields);
            serde_json::Value::Null
        }
        Err(other) => return Err(other),
    };
    if !meeting.terms.is_empty() && !input.accept_terms {
        problems.push(crate::FieldError::new("accept_terms", CODE_REQUIRED));
    }
    if !problems.is_empty() {
        return Err(Error::Invalid(problems));
    }
    let preferences =
        check_preferences(conn, scope, meeting.id, &input.breakout_preferences).await?;
    let full = match capacity_for(meeting, mode) {
        Some(capacity) => taken(conn, scope, meeting, mode).await? >= i64::from(capacity),
        None => false,
    };
    let status = if !full {
        confirmed_status
    } else if meeting.waitlist_enabled {
        RegistrationStatus::Waitlisted
    } else {
        return Err(Error::conflict("meeting_full"));
    };
    // A waitlisted registration keeps its choices but takes no session seat until promoted.
    let sessions = if status == RegistrationStatus::Waitlisted {
        let mut chosen = input.session_ids.clone();
        chosen.sort();
        chosen.dedup();
        chosen
    } else {
        check_sessions(conn, scope, meeting, &input.session_ids, except).await?
    };
    Ok(Admission {
        mode,
        answers,
        sessions,
        preferences,
        status,
    })
}

/// Registers the signed-in member for a meeting they can see.
pub async fn register(
    svc: &Services,
    scope: &TenantScope,
    meeting_id: MeetingId,
    input: NewRegistration,
) -> Result<MyRegistration> {
    scope.require(Action::RegisterForMeeting)?;
    let txn = svc.db.begin_write().await?;
    let meeting = lock_meeting(&txn, scope, meeting_id).await?;
    // Only people register (an organisation's token sees the meeting but is nobody).
    let user = scope
        .user_id()
        .filter(|_| scope.member().is_some())
        .ok_or(Error::Forbidden)?;
    let existing = scope
        .find::<registration::Entity>()
        .filter(registration::Column::MeetingId.eq(meeting_id))
        .filter(registration::Column::UserId.eq(user))
        .one(&txn)
        .await?;
    if existing.as_ref().is_some_and(|r| r.status.is_active()) {
        return Err(Error::conflict("already_registered"));
    }
    let confirmed = if needs_approval(&meeting) {
        RegistrationStatus::PendingApproval
    } else {
        RegistrationStatus::Registered
    };
    let admission = admit(&txn, svc, scope, &meeting, &input, confirmed, None).await?;
    let now = svc.now();
    let model = match existing {
        Some(existing) => {
            let mut model: registration::ActiveModel = existing.into();
            model.attendance_mode = Set(admission.mode);
            model.status = Set(admission.status);
            model.queued_at = Set(now);
            model.answers = Set(admission.answers);
            model.preferences = Set(admission.preferences);
            model.accepted_terms_at = Set(input.accept_terms.then_some(now));
            model.attended = Set(None);
            model.breakout_group_id = Set(None);
            model.cancelled_at = Set(None);
            model.updated_at = Set(now);
            model.update(&txn).await?
        }
        None => {
            registration::ActiveModel {
                id: Set(RegistrationId::new()),
                tenant_id: Set(scope.tenant_id()),
                meeting_id: Set(meeting_id),
                user_id: Set(Some(user)),
                guest_name: Set(None),
                guest_email: Set(None),
                guest_organisation: Set(None),
                attendance_mode: Set(admission.mode),
                status: Set(admission.status),
                queued_at: Set(now),
                answers: Set(admission.answers),
                preferences: Set(admission.preferences),
                accepted_terms_at: Set(input.accept_terms.then_some(now)),
                confirm_token_hash: Set(None),
                hold_until: Set(None),
                attended: Set(None),
                breakout_group_id: Set(None),
                cancelled_at: Set(None),
                created_at: Set(now),
                updated_at: Set(now),
            }
            .insert(&txn)
            .await?
        }
    };
    set_sessions(&txn, scope, meeting_id, model.id, &admission.sessions).await?;
    let notice = match model.status {
        RegistrationStatus::Registered => Notice::Confirmed,
        RegistrationStatus::PendingApproval => Notice::AwaitingApproval,
        _ => Notice::Waitlisted,
    };
    notices::enqueue(&txn, svc, &model, notice, &now.timestamp().to_string()).await?;
    txn.commit().await?;
    let meeting = find_visible(svc.db.conn(), scope, meeting_id).await?;
    mine(svc.db.conn(), scope, &meeting, svc.now())
        .await?
        .ok_or(Error::NotFound)
}

/// Registers a signed-out person for a public meeting. The seat is held for 24 hours until they
/// confirm by the link mailed to them. `client_address` feeds the per-address rate limit.
pub async fn register_guest(
    svc: &Services,
    scope: &TenantScope,
    meeting_id: MeetingId,
    guest: GuestDetails,
    input: NewRegistration,
    client_address: &str,
) -> Result<GuestReceipt> {
    if !matches!(scope.actor(), Actor::Visitor | Actor::Guest { .. }) {
        return Err(Error::conflict("sign_out_to_register_as_guest"));
    }
    let mut v = Validator::new();
    let name = v.required("name", &guest.name, limits::NAME);
    let email = v.email("email", &guest.email);
    let organisation = v.optional("organisation", &guest.organisation, limits::NAME);
    v.finish()?;
    if !crate::limits::hit(
        svc,
        &crate::limits::Limit::PUBLIC_REGISTRATION_PER_ADDRESS,
        client_address,
    )
    .await?
    {
        return Err(Error::RateLimited);
    }
    let txn = svc.db.begin_write().await?;
    let meeting = lock_meeting(&txn, scope, meeting_id).await?;
    if meeting.visibility != MeetingVisibility::Public {
        return Err(Error::NotFound);
    }
    // A case consultation is for practitioners the organisers know: members only.
    if meeting.kind == MeetingKind::CaseConsultation {
        return Err(Error::conflict("members_only"));
    }
    let existing = scope
        .find::<registration::Entity>()
        .filter(registration::Column::MeetingId.eq(meeting_id))
        .filter(registration::Column::GuestEmail.eq(&email))
        .one(&txn)
        .await?;
    if existing.as_ref().is_some_and(|r| r.status.is_active()) {
        return Err(Error::conflict("already_registered"));
    }
    let admission = admit(
        &txn,
        svc,
        scope,
        &meeting,
        &input,
        RegistrationStatus::Unconfirmed,
        None,
    )
    .await?;
    let now = svc.now();
    let hold_until = now + GUEST_HOLD;
    let mut model = registration::ActiveModel {
        id: Set(RegistrationId::new()),
        tenant_id: Set(scope.tenant_id()),
        meeting_id: Set(meeting_id),
        user_id: Set(None),
        guest_name: Set(Some(name)),
        guest_email: Set(Some(email)),
        guest_organisation: Set(Some(organisation)),
        attendance_mode: Set(admission.mode),
        status: Set(admission.status),
        queued_at: Set(now),
        answers: Set(admission.answers),
        preferences: Set(admission.preferences),
        accepted_terms_at: Set(input.accept_terms.then_some(now)),
        // Replaced by the worker when it mails the link; until then nothing opens it.
        confirm_token_hash: Set(Some(hash_secret(&new_secret()?))),
        hold_until: Set(Some(hold_until)),
        attended: Set(None),
        breakout_group_id: Set(None),
        cancelled_at: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
    };
    let model = match existing {
        Some(existing) => {
            model.id = Set(existing.id);
            model.created_at = Set(existing.created_at);
            model.update(&txn).await?
        }
        None => model.insert(&txn).await?,
    };
    set_sessions(&txn, scope, meeting_id, model.id, &admission.sessions).await?;
    notices::enqueue(
        &txn,
        svc,
        &model,
        Notice::ConfirmEmail,
        &now.timestamp().to_string(),
    )
    .await?;
    jobs::enqueue_at(
        &txn,
        svc,
        Some(scope.tenant_id()),
        &Task::ReleaseGuestHold {
            registration_id: model.id,
        },
        hold_until,
    )
    .await?;
    let receipt = GuestReceipt {
        waitlist_position: waitlist_position(&txn, scope, &model).await?,
        status: model.status,
        hold_until: Some(hold_until),
    };
    txn.commit().await?;
    Ok(receipt)
}

/// Confirms a guest's registration by the link's secret. Unknown, used or expired links answer
/// `InvalidToken`.
pub async fn confirm_guest(svc: &Services, token: &str) -> Result<ConfirmedGuest> {
    let hash = hash_secret(token);
    let txn = svc.db.begin_write().await?;
    let model = registration::Entity::find()
        .filter(registration::Column::ConfirmTokenHash.eq(hash))
        .one(&txn)
        .await?
        .ok_or(Error::InvalidToken)?;
    let now = svc.now();
    if model.hold_until.is_some_and(|until| until <= now) || !model.status.is_active() {
        return Err(Error::InvalidToken);
    }
    let network = crate::tenancy::find_network_by_id(svc, model.tenant_id).await?;
    let scope = TenantScope::system(network.clone(), "guest-confirmation");
    let meeting = lock_meeting(&txn, &scope, model.meeting_id).await?;
    let status = match model.status {
        RegistrationStatus::Unconfirmed if needs_approval(&meeting) => {
            RegistrationStatus::PendingApproval
        }
        RegistrationStatus::Unconfirmed => RegistrationStatus::Registered,
        other => other,
    };
    let mut active: registration::ActiveModel = model.clone().into();
    active.status = Set(status);
    active.confirm_token_hash = Set(None);
    active.hold_until = Set(None);
    active.updated_at = Set(now);
    let updated = active.update(&txn).await?;
    let notice = match status {
        RegistrationStatus::Registered => Some(Notice::Confirmed),
        RegistrationStatus::PendingApproval => Some(Notice::AwaitingApproval),
        _ => None,
    };
    if let Some(notice) = notice {
        notices::enqueue(&txn, svc, &updated, notice, "confirmed").await?;
    }
    txn.commit().await?;
    Ok(ConfirmedGuest {
        network_slug: network.slug,
        meeting_id: meeting.id,
        meeting_title: meeting.title,
        status,
    })
}

/// Moves the first on the waitlist up while seats are free, for each kind of place.
pub(crate) async fn promote(
    conn: &impl ConnectionTrait,
    svc: &Services,
    scope: &TenantScope,
    meeting: &meeting::Model,
) -> Result<()> {
    if meeting.status != MeetingStatus::Published {
        return Ok(());
    }
    // Session capacities, read once for every promotion this call makes.
    let capacities: HashMap<AgendaItemId, Option<i32>> = scope
        .find::<agenda_item::Entity>()
        .filter(agenda_item::Column::MeetingId.eq(meeting.id))
        .all(conn)
        .await?
        .into_iter()
        .map(|item| (item.id, item.capacity))
        .collect();
    for mode in AttendanceMode::ALL {
        loop {
            if let Some(capacity) = capacity_for(meeting, *mode)
                && taken(conn, scope, meeting, *mode).await? >= i64::from(capacity)
            {
                break;
            }
            let Some(next) = scope
                .find::<registration::Entity>()
                .filter(registration::Column::MeetingId.eq(meeting.id))
                .filter(registration::Column::AttendanceMode.eq(*mode))
                .filter(registration::Column::Status.eq(RegistrationStatus::Waitlisted))
                .order_by_asc(registration::Column::QueuedAt)
                .order_by_asc(registration::Column::Id)
                .one(conn)
                .await?
            else {
                break;
            };
            let status = if next.confirm_token_hash.is_some() {
                RegistrationStatus::Unconfirmed
            } else if needs_approval(meeting) {
                RegistrationStatus::PendingApproval
            } else {
                RegistrationStatus::Registered
            };
            // Choices of sessions that filled up meanwhile are dropped.
            let chosen = scope
                .find::<registration_session::Entity>()
                .filter(registration_session::Column::RegistrationId.eq(next.id))
                .all(conn)
                .await?;
            if !chosen.is_empty() {
                let counts = session_counts(conn, scope, meeting.id).await?;
                for choice in chosen {
                    let full = capacities
                        .get(&choice.agenda_item_id)
                        .copied()
                        .flatten()
                        .is_some_and(|cap| {
                            counts.get(&choice.agenda_item_id).copied().unwrap_or(0)
                                >= i64::from(cap)
                        });
                    if full {
                        scope
                            .delete_many::<registration_session::Entity>()
                            .filter(registration_session::Column::RegistrationId.eq(next.id))
                            .filter(
                                registration_session::Column::AgendaItemId
                                    .eq(choice.agenda_item_id),
                            )
                            .exec(conn)
                            .await?;
                    }
                }
            }
            let mut active: registration::ActiveModel = next.clone().into();
            active.status = Set(status);
            active.updated_at = Set(svc.now());
            let promoted = active.update(conn).await?;
            notices::enqueue(conn, svc, &promoted, Notice::Promoted, "promoted").await?;
        }
    }
    Ok(())
}

async fn cancel_model(
    conn: &impl ConnectionTrait,
    svc: &Services,
    scope: &TenantScope,
    meeting: &meeting::Model,
    model: registration::Model,
    status: RegistrationStatus,
) -> Result<()> {
    let now = svc.now();
    let mut active: registration::ActiveModel = model.into();
    active.status = Set(status);
    active.cancelled_at = Set(Some(now));
    active.confirm_token_hash = Set(None);
    active.hold_until = Set(None);
    active.breakout_group_id = Set(None);
    active.updated_at = Set(now);
    let updated = active.update(conn).await?;
    if status == RegistrationStatus::Rejected {
        notices::enqueue(conn, svc, &updated, Notice::Rejected, "rejected").await?;
    }
    promote(conn, svc, scope, meeting).await
}

/// The participant cancels their own registration, until the cut-off.
pub async fn cancel_mine(svc: &Services, scope: &TenantScope, meeting_id: MeetingId) -> Result<()> {
    let user = scope
        .user_id()
        .filter(|_| scope.member().is_some())
        .ok_or(Error::NotFound)?;
    let txn = svc.db.begin_write().await?;
    let meeting = lock_meeting(&txn, scope, meeting_id).await?;
    let model = scope
        .find::<registration::Entity>()
        .filter(registration::Column::MeetingId.eq(meeting_id))
        .filter(registration::Column::UserId.eq(user))
        .one(&txn)
        .await?
        .filter(|r| r.status.is_active())
        .ok_or(Error::NotFound)?;
    if !can_cancel(&meeting, model.status, svc.now()) {
        return Err(Error::conflict("cancellation_closed"));
    }
    cancel_model(
        &txn,
        svc,
        scope,
        &meeting,
        model,
        RegistrationStatus::Cancelled,
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

async fn find_registration(
    conn: &impl ConnectionTrait,
    scope: &TenantScope,
    meeting_id: MeetingId,
    id: RegistrationId,
) -> Result<registration::Model> {
    scope
        .find::<registration::Entity>()
        .filter(registration::Column::MeetingId.eq(meeting_id))
        .filter(registration::Column::Id.eq(id))
        .one(conn)
        .await?
        .ok_or(Error::NotFound)
}

/// An organiser cancels someone's registration (no cut-off applies).
pub async fn cancel(
    svc: &Services,
    scope: &TenantScope,
    meeting_id: MeetingId,
    id: RegistrationId,
) -> Result<()> {
    let txn = svc.db.begin_write().await?;
    find_organised(&txn, scope, meeting_id).await?;
    let meeting = lock_meeting(&txn, scope, meeting_id).await?;
    let model = find_registration(&txn, scope, meeting_id, id).await?;
    if !model.status.is_active() {
        return Err(Error::conflict("already_cancelled"));
    }
    cancel_model(
        &txn,
        svc,
        scope,
        &meeting,
        model,
        RegistrationStatus::Cancelled,
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// An organiser approves or rejects a registration awaiting approval.
pub async fn decide(
    svc: &Services,
    scope: &TenantScope,
    meeting_id: MeetingId,
    id: RegistrationId,
    approve: bool,
) -> Result<()> {
    let txn = svc.db.begin_write().await?;
    find_organised(&txn, scope, meeting_id).await?;
    let meeting = lock_meeting(&txn, scope, meeting_id).await?;
    let model = find_registration(&txn, scope, meeting_id, id).await?;
    if model.status != RegistrationStatus::PendingApproval {
        return Err(Error::conflict("not_pending_approval"));
    }
    if approve {
        let mut active: registration::ActiveModel = model.into();
        active.status = Set(RegistrationStatus::Registered);
        active.updated_at = Set(svc.now());
        let updated = active.update(&txn).await?;
        notices::enqueue(&txn, svc, &updated, Notice::Confirmed, "approved").await?;
    } else {
        cancel_model(
            &txn,
            svc,
            scope,
            &meeting,
            model,
            RegistrationStatus::Rejected,
        )
        .await?;
    }
    txn.commit().await?;
    Ok(())
}

/// Releases an unconfirmed guest's seat when the hold has run out (the worker's job).
pub async fn release_guest_hold(
    svc: &Services,
    scope: &TenantScope,
    id: RegistrationId,
) -> Result<()> {
    let txn = svc.db.begin_write().await?;
    let Some(model) = scope
        .find::<registration::Entity>()
        .filter(registration::Column::Id.eq(id))
        .one(&txn)
        .await?
    else {
        return Ok(());
    };
    let expired = model.confirm_token_hash.is_some()
        && model.hold_until.is_some_and(|until| until <= svc.now());
    if !expired || !model.status.is_active() {
        return Ok(());
    }
    let meeting = lock_meeting(&txn, scope, model.meeting_id).await?;
    cancel_model(
        &txn,
        svc,
        scope,
        &meeting,
        model,
        RegistrationStatus::Cancelled,
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// Every registration of a meeting, for its organisers, in queue order.
pub async fn list(
    svc: &Services,
    scope: &TenantScope,
    meeting_id: MeetingId,
) -> Result<Vec<Registration>> {
    let conn = svc.db.conn();
    find_organised(conn, scope, meeting_id).await?;
    let rows = scope
        .find::<registration::Entity>()
        .filter(registration::Column::MeetingId.eq(meeting_id))
        .order_by_asc(registration::Column::QueuedAt)
        .order_by_asc(registration::Column::Id)
        .find_also_related(user::Entity)
        .all(conn)
        .await?;
    let sessions = scope
        .find::<registration_session::Entity>()
        .filter(registration_session::Column::MeetingId.eq(meeting_id))
        .all(conn)
        .await?;
    let mut sessions_by: HashMap<RegistrationId, Vec<AgendaItemId>> = HashMap::new();
    for s in sessions {
        sessions_by
            .entry(s.registration_id)
            .or_default()
            .push(s.agenda_item_id);
    }
    // Each member's organisation and its sector: two queries for the whole list.
    let user_ids: Vec<UserId> = rows.iter().filter_map(|(m, _)| m.user_id).collect();
    let memberships: HashMap<UserId, crate::ids::OrganisationId> = if user_ids.is_empty() {
        HashMap::new()
    } else {
        scope
            .find::<membership::Entity>()
            .filter(membership::Column::UserId.is_in(user_ids))
            .all(conn)
            .await?
            .into_iter()
            .filter_map(|m| Some((m.user_id, m.organisation_id?)))
            .collect()
    };
    let organisations: HashMap<crate::ids::OrganisationId, organisation::Model> =
        if memberships.is_empty() {
            HashMap::new()
        } else {
            scope
                .find::<organisation::Entity>()
                .filter(organisation::Column::Id.is_in(memberships.values().copied()))
                .all(conn)
                .await?
                .into_iter()
                .map(|o| (o.id, o))
                .collect()
        };
    let mut positions: HashMap<AttendanceMode, u64> = HashMap::new();
    Ok(rows
        .into_iter()
        .map(|(model, user)| {
            let member_organisation = model
                .user_id
                .and_then(|u| memberships.get(&u))
                .and_then(|o| organisations.get(o));
            let waitlist_position = (model.status == RegistrationStatus::Waitlisted).then(|| {
                let n = positions.entry(model.attendance_mode).or_insert(0);
                *n += 1;
                *n
            });
            let answers = model
                .answers
                .as_object()
                .map(|object| {
                    object
                        .iter()
                        .filter_map(|(id, value)| {
                            Some((id.parse().ok()?, Answer::from_json(value)?))
                        })
                        .collect()
                })
                .unwrap_or_default();
            Registration {
                name: user
                    .as_ref()
                    .map(|u| u.display_name.clone())
                    .or(model.guest_name.clone())
                    .unwrap_or_default(),
                email: user
                    .as_ref()
                    .map(|u| u.email.clone())
                    .or(model.guest_email.clone())
                    .unwrap_or_default(),
                organisation: member_organisation
                    .map(|o| o.name.clone())
                    .or(model.guest_organisation.clone())
                    .unwrap_or_default(),
                sector: member_organisation.map(|o| o.sector),
                is_guest: model.user_id.is_none(),
                session_ids: sessions_by.remove(&model.id).unwrap_or_default(),
                breakout_preferences: serde_json::from_value(model.preferences.clone())
                    .unwrap_or_default(),
                waitlist_position,
                answers,
                id: model.id,
                user_id: model.user_id,
                attendance_mode: model.attendance_mode,
                status: model.status,
                attended: model.attended,
                breakout_group_id: model.breakout_group_id,
                created_at: model.created_at,
            }
        })
        .collect())
}

/// The names of a meeting's registered participants: for organisers always; for participants
/// only when the meeting is set to show them (attendance lists are personal data).
pub async fn participants(
    svc: &Services,
    scope: &TenantScope,
    meeting_id: MeetingId,
) -> Result<Vec<String>> {
    let conn = svc.db.conn();
    let meeting = find_visible(conn, scope, meeting_id).await?;
    let allowed = is_organiser(scope, &meeting)
        || (meeting.show_participants
            && match scope.user_id() {
                Some(user) => is_participant(conn, scope, meeting_id, user).await?,
                None => false,
            });
    if !allowed {
        return Err(Error::Forbidden);
    }
    let rows = scope
        .find::<registration::Entity>()
        .filter(registration::Column::MeetingId.eq(meeting_id))
        .filter(registration::Column::Status.eq(RegistrationStatus::Registered))
        .order_by_asc(registration::Column::QueuedAt)
        .find_also_related(user::Entity)
        .all(conn)
        .await?;
    Ok(rows
        .into_iter()
        .map(|(model, user)| {
            user.map(|u| u.display_name)
                .or(model.guest_name)
                .unwrap_or_default()
        })
        .collect())
}

/// Marks whether a registered participant came.
pub async fn mark_attendance(
    svc: &Services,
    scope: &TenantScope,
    meeting_id: MeetingId,
    id: RegistrationId,
    attended: Option<bool>,
) -> Result<()> {
    let txn = svc.db.begin_write().await?;
    find_organised(&txn, scope, meeting_id).await?;
    let model = find_registration(&txn, scope, meeting_id, id).await?;
    if model.status != RegistrationStatus::Registered {
        return Err(Error::conflict("not_registered"));
    }
    let mut active: registration::ActiveModel = model.into();
    active.attended = Set(attended);
    active.updated_at = Set(svc.now());
    active.update(&txn).await?;
    txn.commit().await?;
    Ok(())
}

/// The registrations with their answers as CSV (UTF-8 with a byte-order mark, so spreadsheet
/// programs read æøå right), for the organisers.
pub async fn export_csv(
    svc: &Services,
    scope: &TenantScope,
    meeting_id: MeetingId,
) -> Result<String> {
    let conn = svc.db.conn();
    let registrations = list(svc, scope, meeting_id).await?;
    let questions = questions::of_meeting(conn, scope, meeting_id).await?;
    let programme = super::programme::of_meeting(conn, scope, meeting_id).await?;
    let titles: HashMap<AgendaItemId, String> =
        programme.into_iter().map(|i| (i.id, i.title)).collect();
    let mut out = String::from("\u{feff}");
    let mut row = |cells: Vec<String>| {
        let line: Vec<String> = cells.iter().map(|c| csv_cell(c)).collect();
        out.push_str(&line.join(","));
        out.push_str("\r\n");
    };
    let mut header: Vec<String> = [
        "name",
        "email",
        "organisation",
        "status",
        "waitlist_position",
        "attendance_mode",
        "sessions",
        "attended",
        "registered_at",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    header.extend(questions.iter().map(|q| q.label.clone()));
    row(header);
    for r in registrations {
        let answers: HashMap<QuestionId, Answer> = r.answers.into_iter().collect();
        let mut cells = vec![
            r.name,
            r.email,
            r.organisation,
            r.status.as_str().to_owned(),
            r.waitlist_position
                .map(|p| p.to_string())
                .unwrap_or_default(),
            r.attendance_mode.as_str().to_owned(),
            r.session_ids
                .iter()
                .filter_map(|id| titles.get(id).cloned())
                .collect::<Vec<_>>()
                .join("; "),
            match r.attended {
                Some(true) => "yes".into(),
                Some(false) => "no".into(),
                None => String::new(),
            },
            r.created_at.to_rfc3339(),
        ];
        cells.extend(
            questions
                .iter()
                .map(|q| answers.get(&q.id).map(Answer::display).unwrap_or_default()),
        );
        row(cells);
    }
    Ok(out)
}

/// One CSV cell: quoted when needed, and with a leading quote mark for anything a spreadsheet
/// would take for a formula.
fn csv_cell(value: &str) -> String {
    let value = if value.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{value}")
    } else {
        value.to_owned()
    };
    if value.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", value.replace('"', "\"\""))
    } else {
        value
    }
}

/// The meetings the signed-in member is registered or waitlisted for, soonest first.
pub async fn my_meetings(
    svc: &Services,
    scope: &TenantScope,
) -> Result<Vec<(super::MeetingSummary, RegistrationStatus)>> {
    let Some(user) = scope.user_id().filter(|_| scope.member().is_some()) else {
        return Ok(Vec::new());
    };
    let rows = scope
        .find::<registration::Entity>()
        .filter(registration::Column::UserId.eq(user))
        .filter(
            registration::Column::Status
                .is_not_in([RegistrationStatus::Cancelled, RegistrationStatus::Rejected]),
        )
        .all(svc.db.conn())
        .await?;
    let status_by: HashMap<MeetingId, RegistrationStatus> =
        rows.into_iter().map(|r| (r.meeting_id, r.status)).collect();
    if status_by.is_empty() {
        return Ok(Vec::new());
    }
    let meetings = visible(scope)
        .filter(meeting::Column::Id.is_in(status_by.keys().copied().collect::<Vec<_>>()))
        .order_by_asc(meeting::Column::StartsAt)
        .all(svc.db.conn())
        .await?;
    Ok(meetings
        .into_iter()
        .filter_map(|m| {
            let status = *status_by.get(&m.id)?;
            Some((super::MeetingSummary::from(m), status))
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::csv_cell;

    #[test]
    fn csv_cells_are_quoted_and_defused() {
        assert_eq!(csv_cell("plain"), "plain");
        assert_eq!(csv_cell("a,b"), "\"a,b\"");
        assert_eq!(csv_cell("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(csv_cell("=SUM(A1)"), "'=SUM(A1)");
    }
}
