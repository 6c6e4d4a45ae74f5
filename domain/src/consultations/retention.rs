//! Retention of case texts: a network-set number of days after a consultation meeting ends (30
//! by default) the worker empties its cases' texts, deletes their consent records and the
//! meeting's minutes, decisions and action items. The case rows stay, emptied, as a count.

use sea_orm::sea_query::{Condition, Expr};
use sea_orm::{ColumnTrait, ConnectionTrait, PaginatorTrait, QueryFilter};

use super::access::purge_due;
use crate::Services;
use crate::entities::{
    action_item, case_submission, consent_record, file, meeting, meeting_minutes,
};
use crate::error::Result;
use crate::ids::{CaseId, MeetingId};
use crate::jobs::{self, Task};
use crate::material::TargetKind;
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
    delete_files(&txn, svc, scope, FilesOf::Meeting(meeting_id)).await?;
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

/// Whose files go.
pub(super) enum FilesOf {
    /// A consultation meeting's own files and those of all its cases.
    Meeting(MeetingId),
    /// One case's files.
    Case(CaseId),
}

/// Deletes case-material files with the cases: gone from lists and downloads at once, their
/// content collected by `Task::CollectBlobs` on the same transaction.
pub(super) async fn delete_files(
    conn: &impl ConnectionTrait,
    svc: &Services,
    scope: &TenantScope,
    of: FilesOf,
) -> Result<()> {
    let now = svc.now();
    let which = match of {
        FilesOf::Meeting(meeting_id) => Condition::any()
            .add(
                Condition::all()
                    .add(file::Column::TargetKind.eq(TargetKind::Meeting))
                    .add(file::Column::TargetId.eq(meeting_id.0)),
            )
            .add(
                Condition::all()
                    .add(file::Column::TargetKind.eq(TargetKind::Case))
                    .add(
                        file::Column::TargetId.in_subquery(
                            scope
                                .subquery::<case_submission::Entity>(case_submission::Column::Id)
                                .and_where(case_submission::Column::MeetingId.eq(meeting_id))
                                .to_owned(),
                        ),
                    ),
            ),
        FilesOf::Case(case_id) => Condition::all()
            .add(file::Column::TargetKind.eq(TargetKind::Case))
            .add(file::Column::TargetId.eq(case_id.0)),
    };
    let deleted = scope
        .update_many::<file::Entity>()
        .col_expr(file::Column::DeletedAt, Expr::value(Some(now)))
        .col_expr(file::Column::UpdatedAt, Expr::value(now))
        .filter(which)
        .filter(file::Column::DeletedAt.is_null())
        .exec(conn)
        .await?;
    if deleted.rows_affected > 0 {
        jobs::enqueue(conn, svc, Some(scope.tenant_id()), &Task::CollectBlobs).await?;
    }
    Ok(())
}

/// Does a meeting hold anything the kind of meeting decides the fate of: a case, a file (its own
/// or a case's, even deleted ones still referring to content), minutes or action items?
pub(crate) async fn has_material(
    conn: &impl ConnectionTrait,
    scope: &TenantScope,
    meeting_id: MeetingId,
) -> Result<bool> {
    let cases = scope
        .find::<case_submission::Entity>()
        .filter(case_submission::Column::MeetingId.eq(meeting_id))
        .count(conn)
        .await?;
    let files = scope
        .find::<file::Entity>()
        .filter(file::Column::TargetKind.eq(TargetKind::Meeting))
        .filter(file::Column::TargetId.eq(meeting_id.0))
        .count(conn)
        .await?;
    let minutes = scope
        .find::<meeting_minutes::Entity>()
        .filter(meeting_minutes::Column::MeetingId.eq(meeting_id))
        .count(conn)
        .await?;
    let items = scope
        .find::<action_item::Entity>()
        .filter(action_item::Column::MeetingId.eq(meeting_id))
        .count(conn)
        .await?;
    Ok(cases + files + minutes + items > 0)
}

/// Runs every purge that is due now, in every network, at once (`samvirke admin
/// reapply-purges`, after a restore and before any replica serves): a backup taken before a
/// purge holds the case texts again, and the purge job it also holds would otherwise wait for a
/// worker. Purges are derived from the meetings and the networks' retention, so running them
/// again needs no record of their own. Returns how many meetings were purged (again).
pub async fn purge_all_due(svc: &Services) -> Result<usize> {
    let now = svc.now();
    let mut purged = 0;
    for network in crate::tenancy::list_networks(svc).await? {
        let scope = crate::tenancy::system_scope(svc, network.id, "reapply-purges").await?;
        let ended = scope
            .find::<meeting::Entity>()
            .filter(meeting::Column::Kind.eq(MeetingKind::CaseConsultation))
            .filter(meeting::Column::EndsAt.lte(now))
            .all(svc.db.conn())
            .await?;
        for m in ended {
            if purge_due(scope.network(), &m) <= now {
                purge_cases(svc, &scope, m.id).await?;
                purged += 1;
            }
        }
    }
    Ok(purged)
}
