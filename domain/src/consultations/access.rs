//! Who reaches a consultation meeting's case material — its cases, its files and the files of
//! its cases, and its minutes. One rule, [`Standing`], decides for all of them:
//!
//! - **Readers** are members with at least the `member` role (never partners, observers, an
//!   organisation's token, guests or visitors) who are either one of the meeting's *named*
//!   organisers (its creator, contact person or moderator) or an *approved* participant
//!   (registration `registered`), and who have confirmed the meeting's duty-of-confidentiality
//!   declaration.
//! - A case given **with consent** shows its details only to readers from the organisations the
//!   consent names as receiving services; other readers see that a case is in that slot.
//! - The network's other coordinators and owners see that cases exist and their slots, not what
//!   they say.
//! - A case's submitter always reads their own case.
//!
//! Everyone else is told the material does not exist (404).

use chrono::{DateTime, Duration, Utc};
use sea_orm::{ColumnTrait, ConnectionTrait, QueryFilter, QueryOrder};

use crate::entities::{
    case_access, case_declaration, case_file_access, case_slot, case_submission, consent_record,
    meeting,
};
use crate::error::{Error, Result};
use crate::ids::{CaseId, MeetingId, OrganisationId, UserId};
use crate::meetings::{MeetingKind, find_visible, is_participant};
use crate::policy::Action;
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

impl TenantOwned for case_declaration::Entity {
    fn tenant_column() -> Self::Column {
        case_declaration::Column::TenantId
    }
}

impl TenantOwned for case_file_access::Entity {
    fn tenant_column() -> Self::Column {
        case_file_access::Column::TenantId
    }
}

/// How the actor stands to a consultation meeting's case material: the one rule.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Standing {
    /// The acting person, if a member of the network.
    pub user: Option<UserId>,
    /// Their organisation, which a consent may name as a receiving service.
    pub organisation: Option<OrganisationId>,
    /// A member whose role may hold case material at all (`member` and up); partners, observers,
    /// tokens, guests, visitors and the system never do.
    pub eligible: bool,
    /// The meeting's creator, contact person or moderator.
    pub named_organiser: bool,
    /// An approved participant (registration `registered`).
    pub approved: bool,
    /// Has confirmed the duty-of-confidentiality declaration for this meeting.
    pub declared: bool,
    /// One of the network's coordinators or owners: sees that cases exist and their slots.
    pub overseer: bool,
}

impl Standing {
    /// Reads the meeting's case material (subject to consent for each case).
    pub fn reads_material(self) -> bool {
        self.eligible && self.declared && (self.named_organiser || self.approved)
    }

    /// Organises the case material: opens it to others' files, writes the minutes, withdraws a
    /// consent on the family's word.
    pub fn organises_material(self) -> bool {
        self.eligible && self.declared && self.named_organiser
    }

    /// Would read the material once they confirm the declaration.
    pub fn may_declare(self) -> bool {
        self.eligible && (self.named_organiser || self.approved)
    }

    /// Sees which slots hold a case (not what the cases say).
    pub fn sees_slots(self) -> bool {
        self.reads_material() || self.overseer
    }

    /// Reads the details of a case whose consent names `receivers` (`None`: an anonymous case).
    pub fn reads_case(self, receivers: Option<&[OrganisationId]>) -> bool {
        self.reads_material()
            && match receivers {
                None => true,
                Some(receivers) => self.organisation.is_some_and(|o| receivers.contains(&o)),
            }
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

/// Is `user` one of the meeting's named organisers (creator, contact person, moderator)?
pub(crate) fn is_named_organiser(meeting: &meeting::Model, user: UserId) -> bool {
    [
        meeting.created_by,
        meeting.contact_user_id,
        meeting.moderator_user_id,
    ]
    .contains(&Some(user))
}

/// Has `user` confirmed the declaration for this meeting?
pub(crate) async fn has_declared(
    conn: &impl ConnectionTrait,
    scope: &TenantScope,
    meeting_id: MeetingId,
    user: UserId,
) -> Result<bool> {
    Ok(scope
        .find::<case_declaration::Entity>()
        .filter(case_declaration::Column::MeetingId.eq(meeting_id))
        .filter(case_declaration::Column::UserId.eq(user))
        .one(conn)
        .await?
        .is_some())
}

/// The actor's standing towards a consultation meeting's material.
pub async fn standing(
    conn: &impl ConnectionTrait,
    scope: &TenantScope,
    meeting: &meeting::Model,
) -> Result<Standing> {
    let Some(member) = scope.member() else {
        return Ok(Standing::default());
    };
    let user = member.user_id;
    let eligible = scope.can(Action::SubmitCase);
    let named_organiser = is_named_organiser(meeting, user);
    let approved = is_participant(conn, scope, meeting.id, user).await?;
    let declared = if eligible && (named_organiser || approved) {
        has_declared(conn, scope, meeting.id, user).await?
    } else {
        false
    };
    Ok(Standing {
        user: Some(user),
        organisation: member.organisation_id,
        eligible,
        named_organiser,
        approved,
        declared,
        overseer: scope.can(Action::ManageMeetings),
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

/// The meeting of a case, by the tenant alone: who reaches the case is decided by the
/// [`Standing`], not by the meeting's visibility.
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

/// The organisations a case's consent names as receiving services: `None` for an anonymous
/// case; for a case with consent, those of its latest record (none if it has no record).
pub(super) async fn receivers_of(
    conn: &impl ConnectionTrait,
    scope: &TenantScope,
    case: &case_submission::Model,
) -> Result<Option<Vec<OrganisationId>>> {
    if case.mode == super::CaseMode::Anonymous {
        return Ok(None);
    }
    let latest = scope
        .find::<consent_record::Entity>()
        .filter(consent_record::Column::CaseId.eq(case.id))
        .order_by_desc(consent_record::Column::Id)
        .one(conn)
        .await?;
    Ok(Some(
        latest
            .map(|r| organisation_list(&r.receiving_organisation_ids))
            .unwrap_or_default(),
    ))
}

/// A JSON array of organisation ids as stored; anything else reads as empty.
pub(super) fn organisation_list(value: &serde_json::Value) -> Vec<OrganisationId> {
    value
        .as_array()
        .map(|items| {
            items
                .iter()
                .filter_map(|v| v.as_str()?.parse::<uuid::Uuid>().ok())
                .map(OrganisationId)
                .collect()
        })
        .unwrap_or_default()
}

/// A case the acting member may read — its submitter, or a reader of its meeting's material
/// from a receiving organisation — with its meeting and their standing; `NotFound` for anyone
/// else.
pub(super) async fn readable_case(
    conn: &impl ConnectionTrait,
    scope: &TenantScope,
    id: CaseId,
) -> Result<(case_submission::Model, meeting::Model, Standing, UserId)> {
    let user = member_user(scope)?;
    let (case, meeting, standing, reads) = case_and_reading(conn, scope, id).await?;
    if !reads {
        return Err(Error::NotFound);
    }
    Ok((case, meeting, standing, user))
}

/// A case of the network, its meeting, the actor's standing and whether the actor reads the
/// case's details: its submitter always, others by the rule (with consent, only those from a
/// receiving organisation).
async fn case_and_reading(
    conn: &impl ConnectionTrait,
    scope: &TenantScope,
    id: CaseId,
) -> Result<(case_submission::Model, meeting::Model, Standing, bool)> {
    let case = scope
        .find::<case_submission::Entity>()
        .filter(case_submission::Column::Id.eq(id))
        .one(conn)
        .await?
        .ok_or(Error::NotFound)?;
    let meeting = meeting_of(conn, scope, case.meeting_id).await?;
    let standing = standing(conn, scope, &meeting).await?;
    let reads = standing.user == Some(case.submitted_by) || {
        let receivers = if standing.reads_material() {
            receivers_of(conn, scope, &case).await?
        } else {
            None
        };
        standing.reads_case(receivers.as_deref())
    };
    Ok((case, meeting, standing, reads))
}

/// The case material a file target stands for: a consultation meeting (its own files) or a
/// case (files attached to it). Returns the meeting, the actor's standing, whether the actor
/// reads the target's files, and whether they may add files to it.
pub(crate) struct MaterialAccess {
    pub meeting_id: MeetingId,
    pub reads: bool,
    pub uploads: bool,
}

/// The rule for a consultation meeting's own files.
pub(crate) async fn meeting_material(
    conn: &impl ConnectionTrait,
    scope: &TenantScope,
    meeting: &meeting::Model,
) -> Result<MaterialAccess> {
    let standing = standing(conn, scope, meeting).await?;
    Ok(MaterialAccess {
        meeting_id: meeting.id,
        reads: standing.reads_material(),
        uploads: standing.organises_material(),
    })
}

/// The rule for a case's files: those who read the case's details; its submitter adds them
/// until the case is purged.
pub(crate) async fn case_material(
    conn: &impl ConnectionTrait,
    scope: &TenantScope,
    id: CaseId,
) -> Result<MaterialAccess> {
    let (case, meeting, standing, reads) = case_and_reading(conn, scope, id).await?;
    Ok(MaterialAccess {
        meeting_id: meeting.id,
        reads,
        uploads: standing.user == Some(case.submitted_by) && case.purged_at.is_none(),
    })
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
