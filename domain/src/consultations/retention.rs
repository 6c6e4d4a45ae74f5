//! Retention of case texts: a network-set number of days after a consultation meeting ends (30
//! by default) the worker empties its cases' texts, deletes their consent records and the
//! meeting's minutes, decisions and action items. The case rows stay, emptied, as a count.

use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, ConnectionTrait, QueryFilter};

use super::access::purge_due;
use crate::Services;
use crate::entities::{action_item, case_submission, consent_record, meeting, meeting_minutes};
use crate::error::Result;
use crate::ids::MeetingId;
use crate::jobs::{self, Task};
use crate::meetings::MeetingKind;
use crate::tenancy::{Network, TenantScope};

/// Schedules the purge of a consultation meeting (other kinds have nothing to purge). Called
/// whenever the meeting is written; a job that finds the meeting moved later schedules itself
/// again.
pub(crate) async fn schedule(
    conn: &impl ConnectionTrait,
    svc: &Services,
    network: &Network,
    m: &meeting::Model,
) -> Result<()> {
    if m.kind != MeetingKind::CaseConsultation {
        return Ok(());
    }
    jobs::enqueue_at(
        conn,
        svc,
        Some(m.tenant_id),
        &Task::PurgeCases { meeting_id: m.id },
        purge_due(network, m),
    )
    .await?;
    Ok(())
}

/// Deletes what is due (the worker's job): the case texts, consent records, minutes, decisions
/// and action items of a consultation meeting whose retention period has ended.
pub async fn purge_cases(svc: &Services, scope: &TenantScope, meeting_id: MeetingId) -> Result<()> {
    let now = svc.now();
    let txn = svc.db.begin_write().await?;
    let Some(m) = scope
        .find::<meeting::Entity>()
        .filter(meeting::Column::Id.eq(meeting_id))
        .one(&txn)
        .await?
    else {
        return Ok(());
    };
    if purge_due(scope.network(), &m) > now {
        schedule(&txn, svc, scope.network(), &m).await?;
        txn.commit().await?;
        return Ok(());
    }
    scope
        .delete_many::<consent_record::Entity>()
        .filter(
            consent_record::Column::CaseId.in_subquery(
                scope
                    .subquery::<case_submission::Entity>(case_submission::Column::Id)
                    .and_where(case_submission::Column::MeetingId.eq(meeting_id))
                    .to_owned(),
            ),
        )
        .exec(&txn)
        .await?;
    scope
        .update_many::<case_submission::Entity>()
        .col_expr(case_submission::Column::Concern, Expr::value(""))
        .col_expr(case_submission::Column::Tried, Expr::value(""))
        .col_expr(case_submission::Column::Question, Expr::value(""))
        .col_expr(
            case_submission::Column::Sectors,
            Expr::value(serde_json::json!([])),
        )
        .col_expr(case_submission::Column::PurgedAt, Expr::value(Some(now)))
        .col_expr(case_submission::Column::UpdatedAt, Expr::value(now))
        .filter(case_submission::Column::MeetingId.eq(meeting_id))
        .filter(case_submission::Column::PurgedAt.is_null())
        .exec(&txn)
        .await?;
    // Minutes of a consultation carry what was said about the cases; they go with them.
    if m.kind == MeetingKind::CaseConsultation {
        scope
            .delete_many::<meeting_minutes::Entity>()
            .filter(meeting_minutes::Column::MeetingId.eq(meeting_id))
            .exec(&txn)
            .await?;
        scope
            .delete_many::<action_item::Entity>()
            .filter(action_item::Column::MeetingId.eq(meeting_id))
            .exec(&txn)
            .await?;
    }
    txn.commit().await?;
    Ok(())
}
