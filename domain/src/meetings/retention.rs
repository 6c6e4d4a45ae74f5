//! Retention of personal data from meetings: guest registrations, answers and attendance are
//! deleted a network-set number of months after the meeting (12 by default). Members keep their
//! registration rows (so "my meetings" stays true), emptied of answers and attendance.

use chrono::{DateTime, Months, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, ConnectionTrait, QueryFilter};

use crate::Services;
use crate::entities::{meeting, registration};
use crate::error::Result;
use crate::ids::MeetingId;
use crate::jobs::{self, Task};
use crate::tenancy::{Network, TenantScope};

/// When a meeting's personal data is due for deletion.
pub(crate) fn due_at(network: &Network, m: &meeting::Model) -> DateTime<Utc> {
    let months = u32::try_from(network.guest_retention_months.max(1)).unwrap_or(12);
    m.ends_at
        .checked_add_months(Months::new(months))
        .unwrap_or(m.ends_at)
}

pub(crate) async fn schedule(
    conn: &impl ConnectionTrait,
    svc: &Services,
    network: &Network,
    m: &meeting::Model,
) -> Result<()> {
    jobs::enqueue_at(
        conn,
        svc,
        Some(m.tenant_id),
        &Task::PurgeMeetingPersonalData { meeting_id: m.id },
        due_at(network, m),
    )
    .await?;
    Ok(())
}

/// Deletes what is due (the worker's job). If the meeting moved later since the job was
/// scheduled, it schedules itself again for the new time.
pub async fn purge_personal_data(
    svc: &Services,
    scope: &TenantScope,
    meeting_id: MeetingId,
) -> Result<()> {
    let txn = svc.db.begin_write().await?;
    let Some(m) = scope
        .find::<meeting::Entity>()
        .filter(meeting::Column::Id.eq(meeting_id))
        .one(&txn)
        .await?
    else {
        return Ok(());
    };
    let due = due_at(scope.network(), &m);
    if due > svc.now() {
        schedule(&txn, svc, scope.network(), &m).await?;
        txn.commit().await?;
        return Ok(());
    }
    scope
        .delete_many::<registration::Entity>()
        .filter(registration::Column::MeetingId.eq(meeting_id))
        .filter(registration::Column::UserId.is_null())
        .exec(&txn)
        .await?;
    scope
        .update_many::<registration::Entity>()
        .col_expr(
            registration::Column::Answers,
            Expr::value(serde_json::json!({})),
        )
        .col_expr(
            registration::Column::Attended,
            Expr::value(Option::<bool>::None),
        )
        .filter(registration::Column::MeetingId.eq(meeting_id))
        .exec(&txn)
        .await?;
    txn.commit().await?;
    Ok(())
}
