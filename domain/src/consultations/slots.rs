//! Case slots: the numbered places on a consultation meeting's agenda that practitioners book.
//! Organisers open them; whoever may see the meeting sees which are free.

use chrono::Utc;
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder,
};

use super::access::{self, Standing};
use crate::Services;
use crate::entities::{case_slot, case_submission, meeting};
use crate::error::{Error, Result};
use crate::ids::{CaseId, CaseSlotId, MeetingId};
use crate::meetings::{MeetingKind, find_visible, is_organiser};
use crate::tenancy::TenantScope;

/// At most this many slots on one meeting.
pub const MAX_SLOTS: i32 = 50;

/// A slot as the reader sees it: free or booked, and the case when the reader may see it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CaseSlot {
    pub id: CaseSlotId,
    pub number: i32,
    pub booked: bool,
    /// Booked by the reader.
    pub mine: bool,
    /// The case in it, if the reader may open it (their own, or all for the readers of the
    /// meeting's case material).
    pub case_id: Option<CaseId>,
}

/// The slots of a meeting, in order, as `scope`'s actor sees them.
pub(super) async fn of_meeting(
    conn: &impl ConnectionTrait,
    scope: &TenantScope,
    meeting: &meeting::Model,
    standing: Standing,
) -> Result<Vec<CaseSlot>> {
    let slots = scope
        .find::<case_slot::Entity>()
        .filter(case_slot::Column::MeetingId.eq(meeting.id))
        .order_by_asc(case_slot::Column::Number)
        .all(conn)
        .await?;
    let cases = scope
        .find::<case_submission::Entity>()
        .filter(case_submission::Column::MeetingId.eq(meeting.id))
        .all(conn)
        .await?;
    let me = scope.user_id().filter(|_| scope.member().is_some());
    Ok(slots
        .into_iter()
        .map(|slot| {
            let case = cases.iter().find(|c| c.slot_id == slot.id);
            let mine = me.is_some() && slot.booked_by == me;
            CaseSlot {
                id: slot.id,
                number: slot.number,
                booked: slot.booked_by.is_some(),
                mine,
                case_id: case
                    .filter(|c| standing.reads_material() || Some(c.submitted_by) == me)
                    .map(|c| c.id),
            }
        })
        .collect())
}

/// Opens `count` more slots on a consultation meeting (its organisers), numbered on from the
/// last.
pub async fn add_slots(
    svc: &Services,
    scope: &TenantScope,
    meeting_id: MeetingId,
    count: i32,
) -> Result<Vec<CaseSlot>> {
    let txn = svc.db.begin_write().await?;
    let meeting = find_visible(&txn, scope, meeting_id).await?;
    if !is_organiser(scope, &meeting) {
        return Err(Error::Forbidden);
    }
    if meeting.kind != MeetingKind::CaseConsultation {
        return Err(Error::conflict("not_a_consultation"));
    }
    if !(1..=MAX_SLOTS).contains(&count) {
        return Err(Error::invalid("count", "out_of_range"));
    }
    let last = scope
        .find::<case_slot::Entity>()
        .filter(case_slot::Column::MeetingId.eq(meeting_id))
        .order_by_desc(case_slot::Column::Number)
        .one(&txn)
        .await?
        .map(|s| s.number)
        .unwrap_or(0);
    if last + count > MAX_SLOTS {
        return Err(Error::invalid("count", "out_of_range"));
    }
    case_slot::Entity::insert_many((1..=count).map(|n| case_slot::ActiveModel {
        id: Set(CaseSlotId::new()),
        tenant_id: Set(scope.tenant_id()),
        meeting_id: Set(meeting_id),
        number: Set(last + n),
        booked_by: Set(None),
        booked_at: Set(None::<chrono::DateTime<Utc>>),
    }))
    .exec(&txn)
    .await?;
    let standing = access::standing(&txn, scope, &meeting).await?;
    let slots = of_meeting(&txn, scope, &meeting, standing).await?;
    txn.commit().await?;
    Ok(slots)
}

/// The slots of a consultation meeting the actor may see.
pub async fn list_slots(
    svc: &Services,
    scope: &TenantScope,
    meeting_id: MeetingId,
) -> Result<Vec<CaseSlot>> {
    let conn = svc.db.conn();
    let meeting = access::visible_consultation(conn, scope, meeting_id).await?;
    let standing = access::standing(conn, scope, &meeting).await?;
    of_meeting(conn, scope, &meeting, standing).await
}
