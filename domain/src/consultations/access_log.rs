//! The access log of cases: every read (and every change) of a case writes who, when and what.
//! The network's coordinators and the case's submitter read it; it holds no case text.

use chrono::{DateTime, Utc};
use sea_orm::{ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};

use super::access::{member_user, readable_case};
use crate::Services;
use crate::entities::{case_access, case_submission, user};
use crate::error::{Error, Result};
use crate::ids::{CaseAccessId, CaseId, UserId};
use crate::pagination::{Page, PageRequest, keyset};
use crate::policy::Action;
use crate::tenancy::TenantScope;

/// One line of a case's access log.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AccessEntry {
    pub id: CaseAccessId,
    pub at: DateTime<Utc>,
    pub user_id: UserId,
    pub user_name: String,
    /// `read`, `submit`, `update`, `consent`, `consent_withdrawn`.
    pub action: String,
}

/// Writes one access-log row per case.
pub(super) async fn log_access<'a>(
    conn: &impl ConnectionTrait,
    svc: &Services,
    scope: &TenantScope,
    cases: impl IntoIterator<Item = &'a case_submission::Model>,
    user: UserId,
    action: &str,
) -> Result<()> {
    let now = svc.now();
    let rows: Vec<case_access::ActiveModel> = cases
        .into_iter()
        .map(|case| case_access::ActiveModel {
            id: Set(CaseAccessId::new()),
            tenant_id: Set(scope.tenant_id()),
            case_id: Set(case.id),
            meeting_id: Set(case.meeting_id),
            user_id: Set(user),
            action: Set(action.to_owned()),
            at: Set(now),
        })
        .collect();
    if rows.is_empty() {
        return Ok(());
    }
    // One statement however many cases a list shows.
    case_access::Entity::insert_many(rows).exec(conn).await?;
    Ok(())
}

/// The access log of a case, newest first: for the network's coordinators and the case's
/// submitter. Others who may read the case are refused; everyone else finds nothing.
pub async fn access_log(
    svc: &Services,
    scope: &TenantScope,
    case_id: CaseId,
    page: PageRequest,
) -> Result<Page<AccessEntry>> {
    let conn = svc.db.conn();
    let me = member_user(scope)?;
    let case = scope
        .find::<case_submission::Entity>()
        .filter(case_submission::Column::Id.eq(case_id))
        .one(conn)
        .await?
        .ok_or(Error::NotFound)?;
    let allowed = scope.can(Action::ReadAuditLog) || case.submitted_by == me;
    if !allowed {
        // Someone who reads the case learns that its log is not theirs to read.
        return match readable_case(conn, scope, case_id).await {
            Ok(_) => Err(Error::Forbidden),
            Err(err) => Err(err),
        };
    }
    let rows = keyset(
        scope
            .find::<case_access::Entity>()
            .filter(case_access::Column::CaseId.eq(case_id)),
        case_access::Column::Id,
        page,
    )
    .find_also_related(user::Entity)
    .all(conn)
    .await?;
    let entries = rows
        .into_iter()
        .map(|(row, user)| AccessEntry {
            id: row.id,
            at: row.at,
            user_id: row.user_id,
            user_name: user.map(|u| u.display_name).unwrap_or_default(),
            action: row.action,
        })
        .collect();
    Ok(Page::from_rows(entries, page, |e: &AccessEntry| e.id.0))
}
