//! Who reaches a consultation meeting's cases. A case is seen by its submitter, the meeting's
//! organisers and its registered participants; everyone else is told it does not exist.

use chrono::{DateTime, Duration, Utc};
use sea_orm::{ColumnTrait, ConnectionTrait, QueryFilter};

use crate::entities::{case_access, case_slot, case_submission, consent_record, meeting};
use crate::error::{Error, Result};
use crate::ids::{CaseId, MeetingId, UserId};
use crate::meetings::{MeetingKind, find_visible, is_organiser, is_participant};
use crate::tenancy::{Actor, Network, TenantOwned, TenantScope};

impl TenantOwned for case_slot::Entity {
    fn tenant_column() -> Self::Column {
        case_slot::Column::TenantId
    }
}

impl TenantOwned for case_submission::Entity {
    fn tenant_column() -> Self::Column {
        case_submission::Column::TenantId
    }
}

impl TenantOwned for consent_record::Entity {
    fn tenant_column() -> Self::Column {
        consent_record::Column::TenantId
    }
}

impl TenantOwned for case_access::Entity {
    fn tenant_column() -> Self::Column {
        case_access::Column::TenantId
    }
}

/// How the actor stands to a consultation meeting.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Standing {
    pub organiser: bool,
    pub participant: bool,
}

impl Standing {
    /// Sees every case of the meeting.
    pub fn sees_all(self) -> bool {
        self.organiser || self.participant
    }
}

/// The signed-in member acting, or the error an outsider gets (visitors are asked to sign in;
/// tokens, guests and the system are told nothing exists).
pub(super) fn member_user(scope: &TenantScope) -> Result<UserId> {
    match scope.actor() {
        Actor::Member(member) => Ok(member.user_id),
        Actor::Visitor => Err(Error::Unauthenticated),
        _ => Err(Error::NotFound),
    }
}

/// The actor's standing towards a meeting.
pub(super) async fn standing(
    conn: &impl ConnectionTrait,
    scope: &TenantScope,
    meeting: &meeting::Model,
) -> Result<Standing> {
    let organiser = scope.member().is_some() && is_organiser(scope, meeting);
    let participant = match scope.member() {
        Some(member) => is_participant(conn, scope, meeting.id, member.user_id).await?,
        None => false,
    };
    Ok(Standing {
        organiser,
        participant,
    })
}

/// A consultation meeting the actor may see, or `NotFound` (also for any other kind).
pub(super) async fn visible_consultation(
    conn: &impl ConnectionTrait,
    scope: &TenantScope,
    id: MeetingId,
) -> Result<meeting::Model> {
    let meeting = find_visible(conn, scope, id).await?;
    if meeting.kind != MeetingKind::CaseConsultation {
        return Err(Error::NotFound);
    }
    Ok(meeting)
}

/// The meeting of a case, by the tenant alone: who reaches the case is decided by
/// [`readable_case`], not by the meeting's visibility.
pub(super) async fn meeting_of(
    conn: &impl ConnectionTrait,
    scope: &TenantScope,
    id: MeetingId,
) -> Result<meeting::Model> {
    scope
        .find::<meeting::Entity>()
        .filter(meeting::Column::Id.eq(id))
        .one(conn)
        .await?
        .ok_or(Error::NotFound)
}

/// A case the acting member may read, with its meeting and their standing; `NotFound` for
/// anyone else.
pub(super) async fn readable_case(
    conn: &impl ConnectionTrait,
    scope: &TenantScope,
    id: CaseId,
) -> Result<(case_submission::Model, meeting::Model, Standing, UserId)> {
    let user = member_user(scope)?;
    let case = scope
        .find::<case_submission::Entity>()
        .filter(case_submission::Column::Id.eq(id))
        .one(conn)
        .await?
        .ok_or(Error::NotFound)?;
    let meeting = meeting_of(conn, scope, case.meeting_id).await?;
    let standing = standing(conn, scope, &meeting).await?;
    if case.submitted_by != user && !standing.sees_all() {
        return Err(Error::NotFound);
    }
    Ok((case, meeting, standing, user))
}

/// When a meeting's case texts are due for deletion: the network's retention period after the
/// meeting ends.
pub(crate) fn purge_due(network: &Network, meeting: &meeting::Model) -> DateTime<Utc> {
    let days = i64::from(network.case_retention_days.max(0));
    meeting
        .ends_at
        .checked_add_signed(Duration::days(days))
        .unwrap_or(meeting.ends_at)
}

/// Fails unless the case may still change: not purged, and the meeting has not begun.
pub(super) fn check_open(
    case: &case_submission::Model,
    meeting: &meeting::Model,
    now: DateTime<Utc>,
) -> Result<()> {
    if case.purged_at.is_some() {
        return Err(Error::conflict("case_purged"));
    }
    if now >= meeting.starts_at {
        return Err(Error::conflict("meeting_started"));
    }
    Ok(())
}
