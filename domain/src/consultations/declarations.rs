//! The duty-of-confidentiality declaration (tavshedspligt / taushetsplikt): before a named
//! organiser or an approved participant sees any case material of a consultation meeting, they
//! confirm that they know and keep their duty of confidentiality for that meeting. The
//! confirmation is recorded (who, when) and shown to the meeting's organisers.

use chrono::{DateTime, Utc};
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ColumnTrait, QueryFilter, QueryOrder};

use super::access::{Standing, has_declared, member_user, standing, visible_consultation};
use crate::Services;
use crate::entities::{case_declaration, user};
use crate::error::{Error, Result};
use crate::ids::{MeetingId, UserId};
use crate::meetings::find_organised;
use crate::tenancy::TenantScope;

/// One recorded declaration.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Declaration {
    pub user_id: UserId,
    pub user_name: String,
    pub confirmed_at: DateTime<Utc>,
}

/// Where the acting member stands towards a consultation meeting's case material, for pages
/// that show the declaration step.
pub async fn my_standing(
    svc: &Services,
    scope: &TenantScope,
    meeting_id: MeetingId,
) -> Result<Standing> {
    let conn = svc.db.conn();
    let meeting = visible_consultation(conn, scope, meeting_id).await?;
    standing(conn, scope, &meeting).await
}

/// Confirms the declaration for a consultation meeting (its named organisers and approved
/// participants; confirming twice keeps the first time). Partners, observers and tokens are
/// refused: they never see case material.
pub async fn declare(
    svc: &Services,
    scope: &TenantScope,
    meeting_id: MeetingId,
) -> Result<Standing> {
    let me = member_user(scope)?;
    let txn = svc.db.begin_write().await?;
    let meeting = visible_consultation(&txn, scope, meeting_id).await?;
    let before = standing(&txn, scope, &meeting).await?;
    if !before.eligible {
        return Err(Error::Forbidden);
    }
    if !before.may_declare() {
        return Err(Error::conflict("not_an_approved_participant"));
    }
    if !has_declared(&txn, scope, meeting_id, me).await? {
        case_declaration::ActiveModel {
            tenant_id: Set(scope.tenant_id()),
            meeting_id: Set(meeting_id),
            user_id: Set(me),
            confirmed_at: Set(svc.now()),
        }
        .insert(&txn)
        .await?;
    }
    txn.commit().await?;
    Ok(Standing {
        declared: true,
        ..before
    })
}

/// The declarations of a consultation meeting, oldest first: for its organisers.
pub async fn declarations(
    svc: &Services,
    scope: &TenantScope,
    meeting_id: MeetingId,
) -> Result<Vec<Declaration>> {
    let conn = svc.db.conn();
    visible_consultation(conn, scope, meeting_id).await?;
    find_organised(conn, scope, meeting_id).await?;
    let rows = scope
        .find::<case_declaration::Entity>()
        .filter(case_declaration::Column::MeetingId.eq(meeting_id))
        .order_by_asc(case_declaration::Column::ConfirmedAt)
        .find_also_related(user::Entity)
        .all(conn)
        .await?;
    Ok(rows
        .into_iter()
        .map(|(row, user)| Declaration {
            user_id: row.user_id,
            user_name: user.map(|u| u.display_name).unwrap_or_default(),
            confirmed_at: row.confirmed_at,
        })
        .collect())
}
