//! The job queue (a transactional outbox). A use case enqueues its jobs on the same transaction
//! as its rows, so a change and the work it implies commit together or not at all. Workers claim
//! due jobs under a lease — `FOR UPDATE SKIP LOCKED` on PostgreSQL; on SQLite the claim is a
//! single `UPDATE … RETURNING` in an `IMMEDIATE` transaction, which SQLite's one writer makes
//! exclusive — run them, and delete them when done. A failed job is retried with exponential
//! back-off and marked dead after its last attempt.
//!
//! An attempt is counted when it is claimed, so a worker that dies mid-job (killed for memory,
//! a deploy, a crash) has spent that attempt: its lease expires and the job is claimed again
//! with the next number, and the claim of a job whose attempts are spent is refused — such a
//! job is marked dead instead, by the next claim of any worker. A job that runs longer than its
//! lease has its lease renewed by its worker ([`renew`]), so no other worker takes it meanwhile;
//! a worker that stops without finishing hands its job back at once ([`release`]) without
//! counting the attempt.

use chrono::{DateTime, Duration, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DbBackend, EntityTrait,
    FromQueryResult, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, Statement,
};
use serde::{Deserialize, Serialize};

use crate::Services;
use crate::entities::job;
use crate::error::Result;
use crate::ids::{
    CaseId, FileId, FileVersionId, InvitationId, JobId, MeetingId, NetworkId, ProjectId,
    ProjectUpdateId, RegistrationId, UserId,
};
use crate::macros::string_enum;
use crate::meetings::{Notice, ReminderKind};

string_enum! {
    pub enum JobStatus {
        Pending = "pending",
        Dead = "dead",
    }
}

/// What a job does. Payloads carry ids only: content stays in its own table.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Task {
    /// Bring the search index in line with one project and what follows its visibility: its
    /// updates and files (`search::index_source`).
    IndexProject { project_id: ProjectId },
    /// Bring the search index in line with one project update.
    IndexProjectUpdate { update_id: ProjectUpdateId },
    /// Send (or resend) an invitation mail with a fresh link.
    SendInvitation { invitation_id: InvitationId },
    /// Rebuild the whole search index from the database.
    RebuildSearchIndex,
    /// Write every document of one network again (its search synonyms changed).
    ReindexNetwork { network_id: NetworkId },
    /// Bring the search index in line with one meeting (its programme and minutes) and its
    /// files (`search::index_source`).
    IndexMeeting { meeting_id: MeetingId },
    /// Send one meeting mail; `key` is its receipt and its mail id.
    SendMeetingMail {
        registration_id: RegistrationId,
        notice: Notice,
        key: String,
    },
    /// Fan a meeting's scheduled reminder out into one mail per recipient.
    MeetingReminder {
        meeting_id: MeetingId,
        reminder: ReminderKind,
        /// The meeting's start (or deadline) the reminder was scheduled for.
        at: DateTime<Utc>,
    },
    /// Remind one invited member that the registration deadline is near.
    SendDeadlineReminder {
        meeting_id: MeetingId,
        user_id: UserId,
        key: String,
    },
    /// Release an unconfirmed guest's seat when its hold has run out.
    ReleaseGuestHold { registration_id: RegistrationId },
    /// Delete a meeting's guest registrations, answers and attendance after the retention period.
    PurgeMeetingPersonalData { meeting_id: MeetingId },
    /// Delete a consultation meeting's case texts, consents and minutes after the retention period.
    PurgeCases { meeting_id: MeetingId },
    /// Tell a consultation meeting's organisers that a case was submitted (no case text).
    NotifyCaseSubmitted { case_id: CaseId },
    /// Read the text out of one uploaded file version and record it (or why it failed).
    ExtractFileText { version_id: FileVersionId },
    /// Bring the search index in line with one file (its current version's text).
    IndexFile { file_id: FileId },
    /// Delete a network's blobs that no file version refers to any more.
    CollectBlobs,
    /// Bring the search index in line with one forum thread, its posts and its files
    /// (`search::index_source`).
    IndexThread { thread_id: crate::ids::ThreadId },
    /// Bring the search index in line with what follows a working group's openness: its
    /// threads (with their posts and files) and its own files (`search::index_source`).
    IndexGroup { group_id: crate::ids::GroupId },
    /// Mail one notification to its recipient (mail mode `immediate`).
    SendNotificationMail {
        notification_id: crate::ids::NotificationId,
    },
    /// Mail a person their digest of what is not yet mailed, due at `due`.
    SendDigest {
        user_id: UserId,
        period: crate::notifications::DigestPeriod,
        due: DateTime<Utc>,
    },
}

impl Task {
    pub fn kind(&self) -> &'static str {
        match self {
            Task::IndexProject { .. } => "index_project",
            Task::IndexProjectUpdate { .. } => "index_project_update",
            Task::SendInvitation { .. } => "send_invitation",
            Task::RebuildSearchIndex => "rebuild_search_index",
            Task::ReindexNetwork { .. } => "reindex_network",
            Task::IndexMeeting { .. } => "index_meeting",
            Task::SendMeetingMail { .. } => "send_meeting_mail",
            Task::MeetingReminder { .. } => "meeting_reminder",
            Task::SendDeadlineReminder { .. } => "send_deadline_reminder",
            Task::ReleaseGuestHold { .. } => "release_guest_hold",
            Task::PurgeMeetingPersonalData { .. } => "purge_meeting_personal_data",
            Task::PurgeCases { .. } => "purge_cases",
            Task::NotifyCaseSubmitted { .. } => "notify_case_submitted",
            Task::ExtractFileText { .. } => "extract_file_text",
            Task::IndexFile { .. } => "index_file",
            Task::CollectBlobs => "collect_blobs",
            Task::IndexThread { .. } => "index_thread",
            Task::IndexGroup { .. } => "index_group",
            Task::SendNotificationMail { .. } => "send_notification_mail",
            Task::SendDigest { .. } => "send_digest",
        }
    }
}

/// A job as a worker sees it after claiming it.
#[derive(Clone, Debug)]
pub struct ClaimedJob {
    pub id: JobId,
    pub tenant_id: Option<NetworkId>,
    pub task: Option<Task>,
    pub kind: String,
    /// This attempt's number, from 1.
    pub attempt: i32,
    pub max_attempts: i32,
    pub worker: String,
    /// The request that enqueued it, if a request did.
    pub request_id: Option<String>,
}

/// A job as the operator sees it (`samvirke admin jobs`).
#[derive(Clone, Debug)]
pub struct JobInfo {
    pub id: JobId,
    pub kind: String,
    pub status: JobStatus,
    pub tenant_id: Option<NetworkId>,
    pub attempts: i32,
    pub max_attempts: i32,
    pub run_after: DateTime<Utc>,
    pub locked_until: Option<DateTime<Utc>>,
    pub last_error: Option<String>,
    pub created_at: DateTime<Utc>,
}

/// Counts for `/metrics`.
#[derive(Clone, Copy, Debug, Default)]
pub struct QueueStats {
    pub pending: u64,
    pub running: u64,
    pub retrying: u64,
    pub dead: u64,
}

tokio::task_local! {
    /// The id of the request (or of the job) being served on this task: every job enqueued
    /// meanwhile records it. A task-local rather than a parameter, because jobs are enqueued
    /// deep inside use cases that know nothing of requests.
    static REQUEST_ID: String;
}

/// Runs `work` with `id` as the current request id: the HTTP layer wraps each request in it, and
/// the worker each job that has one, so follow-up jobs keep their origin.
pub async fn with_request_id<F: std::future::Future>(id: String, work: F) -> F::Output {
    REQUEST_ID.scope(id, work).await
}

/// The current request id, if this task serves a request.
pub fn current_request_id() -> Option<String> {
    REQUEST_ID.try_with(Clone::clone).ok()
}

/// Writes a job due now, on the caller's transaction.
pub(crate) async fn enqueue(
    conn: &impl ConnectionTrait,
    svc: &Services,
    tenant_id: Option<NetworkId>,
    task: &Task,
) -> Result<JobId> {
    enqueue_at(conn, svc, tenant_id, task, svc.now()).await
}

/// Enqueues `task` unless the same task is already waiting and not yet claimed: work that
/// redoes everything from the current state (reindexing a network) needs to run once after a
/// burst of changes, not once per change.
pub(crate) async fn enqueue_unless_waiting(
    conn: &impl ConnectionTrait,
    svc: &Services,
    tenant_id: Option<NetworkId>,
    task: &Task,
) -> Result<()> {
    let payload = serde_json::to_value(task).map_err(anyhow::Error::from)?;
    let waiting = job::Entity::find()
        .filter(job::Column::Kind.eq(task.kind()))
        .filter(job::Column::Status.eq(JobStatus::Pending))
        .filter(job::Column::LockedUntil.is_null())
        .filter(match tenant_id {
            Some(tenant) => job::Column::TenantId.eq(tenant),
            None => job::Column::TenantId.is_null(),
        })
        .all(conn)
        .await?
        .into_iter()
        .any(|waiting| waiting.payload == payload);
    if !waiting {
        enqueue(conn, svc, tenant_id, task).await?;
    }
    Ok(())
}

pub(crate) async fn enqueue_at(
    conn: &impl ConnectionTrait,
    svc: &Services,
    tenant_id: Option<NetworkId>,
    task: &Task,
    run_after: DateTime<Utc>,
) -> Result<JobId> {
    let now = svc.now();
    let payload = serde_json::to_value(task).map_err(anyhow::Error::from)?;
    let model = job::ActiveModel {
        id: Set(JobId::new()),
        tenant_id: Set(tenant_id),
        kind: Set(task.kind().to_owned()),
        payload: Set(payload),
        status: Set(JobStatus::Pending),
        run_after: Set(run_after),
        attempts: Set(0),
        max_attempts: Set(svc.config.job_max_attempts),
        last_error: Set(None),
        locked_by: Set(None),
        locked_until: Set(None),
        request_id: Set(current_request_id()),
        created_at: Set(now),
        updated_at: Set(now),
    }
    .insert(conn)
    .await?;
    Ok(model.id)
}

/// Enqueues a job outside any other change (the operator's `reindex`).
pub async fn enqueue_standalone(svc: &Services, task: &Task) -> Result<JobId> {
    let txn = svc.db.begin_write().await?;
    let id = enqueue(&txn, svc, None, task).await?;
    txn.commit().await?;
    Ok(id)
}

#[derive(Debug, FromQueryResult)]
struct ClaimRow {
    id: JobId,
    tenant_id: Option<NetworkId>,
    kind: String,
    payload: serde_json::Value,
    attempts: i32,
    max_attempts: i32,
    request_id: Option<String>,
}

/// What a job abandoned by its worker records as its last error.
pub const ABANDONED: &str =
    "an attempt was abandoned: its worker stopped (or lost its lease) before finishing";

/// What a job whose worker died on its last attempt records when it is marked dead.
pub const ABANDONED_LAST: &str = "every attempt is spent; the last was abandoned: its worker stopped (or lost its lease) before finishing";

/// Claims the next due job for `worker`, if any. A job is due when it is pending, its back-off
/// is over, nobody holds a live lease on it, and it has attempts left; the claim counts the
/// attempt. Jobs whose worker died on their last attempt are marked dead first, in the same
/// transaction.
pub async fn claim(svc: &Services, worker: &str) -> Result<Option<ClaimedJob>> {
    let now = svc.now();
    let lease_until = now + svc.config.job_lease;
    let backend = svc.db.backend();
    let (lock, placeholder) = match backend {
        DbBackend::Postgres => ("FOR UPDATE SKIP LOCKED", '$'),
        _ => ("", '?'),
    };
    let sql = |sql: String| match placeholder {
        '$' => sql,
        _ => sql.replace('$', "?"),
    };
    let retire = sql(
        "UPDATE jobs SET status = 'dead', last_error = $1, locked_by = NULL, locked_until = NULL, \
         updated_at = $2 WHERE locked_until < $3 AND status = 'pending' AND attempts >= max_attempts"
            .to_owned(),
    );
    let retire = Statement::from_sql_and_values(
        backend,
        retire,
        [ABANDONED_LAST.into(), now.into(), now.into()],
    );
    // `locked_until` set means a worker had claimed this attempt and never reported back.
    let claim = sql(format!(
        "UPDATE jobs SET locked_by = $1, locked_until = $2, attempts = attempts + 1, updated_at = $3, \
         last_error = CASE WHEN locked_until IS NULL THEN last_error ELSE $4 END \
         WHERE id = (SELECT id FROM jobs WHERE status = 'pending' AND run_after <= $5 \
         AND attempts < max_attempts AND (locked_until IS NULL OR locked_until < $6) \
         ORDER BY run_after, id LIMIT 1 {lock}) \
         RETURNING id, tenant_id, kind, payload, attempts, max_attempts, request_id"
    ));
    let claim = Statement::from_sql_and_values(
        backend,
        claim,
        [
            worker.into(),
            lease_until.into(),
            now.into(),
            ABANDONED.into(),
            now.into(),
            now.into(),
        ],
    );
    let txn = svc.db.begin_write().await?;
    txn.execute_raw(retire).await?;
    let row = txn.query_one_raw(claim).await?;
    txn.commit().await?;
    let Some(row) = row else {
        return Ok(None);
    };
    let row = ClaimRow::from_query_result(&row, "")?;
    Ok(Some(ClaimedJob {
        id: row.id,
        tenant_id: row.tenant_id,
        task: serde_json::from_value(row.payload).ok(),
        kind: row.kind,
        attempt: row.attempts,
        max_attempts: row.max_attempts,
        worker: worker.to_owned(),
        request_id: row.request_id,
    }))
}

/// Extends the lease of a job this worker holds by the configured lease from now. `false` when
/// the worker no longer holds it (another worker took it after the lease ran out, or it is
/// gone): its worker should stop working on it.
pub async fn renew(svc: &Services, job: &ClaimedJob) -> Result<bool> {
    let now = svc.now();
    let renewed = job::Entity::update_many()
        .col_expr(
            job::Column::LockedUntil,
            Expr::value(Some(now + svc.config.job_lease)),
        )
        .col_expr(job::Column::UpdatedAt, Expr::value(now))
        .filter(job::Column::Id.eq(job.id))
        .filter(job::Column::LockedBy.eq(&job.worker))
        .filter(job::Column::Status.eq(JobStatus::Pending))
        .exec(svc.db.conn())
        .await?;
    Ok(renewed.rows_affected == 1)
}

/// Hands a job this worker holds back to the queue, due at once, without counting the attempt:
/// the worker is stopping, not the job failing.
pub async fn release(svc: &Services, job: &ClaimedJob) -> Result<()> {
    job::Entity::update_many()
        .col_expr(job::Column::LockedBy, Expr::value(Option::<String>::None))
        .col_expr(
            job::Column::LockedUntil,
            Expr::value(Option::<DateTime<Utc>>::None),
        )
        .col_expr(
            job::Column::Attempts,
            sea_orm::sea_query::ExprTrait::sub(Expr::col(job::Column::Attempts), 1),
        )
        .col_expr(job::Column::UpdatedAt, Expr::value(svc.now()))
        .filter(job::Column::Id.eq(job.id))
        .filter(job::Column::LockedBy.eq(&job.worker))
        .exec(svc.db.conn())
        .await?;
    Ok(())
}

/// Marks a job done (deletes it), provided this worker still holds it.
pub async fn complete(svc: &Services, job: &ClaimedJob) -> Result<()> {
    job::Entity::delete_many()
        .filter(job::Column::Id.eq(job.id))
        .filter(job::Column::LockedBy.eq(&job.worker))
        .exec(svc.db.conn())
        .await?;
    Ok(())
}

/// The wait before attempt `attempt + 1`: 5 s, 10 s, 20 s … at most an hour.
pub fn backoff(attempt: i32) -> Duration {
    let exponent = attempt.clamp(1, 20) - 1;
    Duration::seconds((5_i64 << exponent).min(3600))
}

/// Records a failed attempt: back to the queue after a back-off, or dead after the last attempt.
pub async fn fail(svc: &Services, job: &ClaimedJob, error: &str) -> Result<()> {
    let now = svc.now();
    let dead = job.attempt >= job.max_attempts;
    let mut update = job::Entity::update_many()
        .col_expr(job::Column::LastError, Expr::value(truncate(error, 2000)))
        .col_expr(job::Column::LockedBy, Expr::value(Option::<String>::None))
        .col_expr(
            job::Column::LockedUntil,
            Expr::value(Option::<DateTime<Utc>>::None),
        )
        .col_expr(job::Column::UpdatedAt, Expr::value(now));
    update = if dead {
        update.col_expr(job::Column::Status, Expr::value(JobStatus::Dead))
    } else {
        update.col_expr(
            job::Column::RunAfter,
            Expr::value(now + backoff(job.attempt)),
        )
    };
    update
        .filter(job::Column::Id.eq(job.id))
        .filter(job::Column::LockedBy.eq(&job.worker))
        .exec(svc.db.conn())
        .await?;
    Ok(())
}

fn truncate(text: &str, max: usize) -> String {
    text.chars().take(max).collect()
}

/// Jobs for the operator: dead ones first, then pending by due time.
pub async fn list(svc: &Services, status: Option<JobStatus>, limit: u64) -> Result<Vec<JobInfo>> {
    let mut query = job::Entity::find();
    if let Some(status) = status {
        query = query.filter(job::Column::Status.eq(status));
    }
    let rows = query
        .order_by_asc(job::Column::Status)
        .order_by_asc(job::Column::RunAfter)
        .limit(limit)
        .all(svc.db.conn())
        .await?;
    Ok(rows
        .into_iter()
        .map(|row| JobInfo {
            id: row.id,
            kind: row.kind,
            status: row.status,
            tenant_id: row.tenant_id,
            attempts: row.attempts,
            max_attempts: row.max_attempts,
            run_after: row.run_after,
            locked_until: row.locked_until,
            last_error: row.last_error,
            created_at: row.created_at,
        })
        .collect())
}

pub async fn stats(svc: &Services) -> Result<QueueStats> {
    let now = svc.now();
    let conn = svc.db.conn();
    let pending = || job::Entity::find().filter(job::Column::Status.eq(JobStatus::Pending));
    Ok(QueueStats {
        pending: pending().count(conn).await?,
        running: pending()
            .filter(job::Column::LockedUntil.gt(now))
            .count(conn)
            .await?,
        retrying: pending()
            .filter(job::Column::LastError.is_not_null())
            .count(conn)
            .await?,
        dead: job::Entity::find()
            .filter(job::Column::Status.eq(JobStatus::Dead))
            .count(conn)
            .await?,
    })
}

/// Is any job due now (not leased, not waiting for its back-off)?
pub async fn any_due(svc: &Services) -> Result<bool> {
    let now = svc.now();
    Ok(job::Entity::find()
        .filter(job::Column::Status.eq(JobStatus::Pending))
        .filter(job::Column::RunAfter.lte(now))
        .filter(
            sea_orm::Condition::any()
                .add(job::Column::LockedUntil.is_null())
                .add(job::Column::LockedUntil.lt(now)),
        )
        .count(svc.db.conn())
        .await?
        > 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_grows_and_caps() {
        assert_eq!(backoff(1), Duration::seconds(5));
        assert_eq!(backoff(2), Duration::seconds(10));
        assert_eq!(backoff(4), Duration::seconds(40));
        assert_eq!(backoff(30), Duration::seconds(3600));
    }

    #[test]
    fn tasks_serialise_with_their_kind() {
        let task = Task::RebuildSearchIndex;
        let json = serde_json::to_value(&task).unwrap();
        assert_eq!(json["kind"], task.kind());
    }
}
