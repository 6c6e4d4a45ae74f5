//! What each kind of job does. Each arm calls one domain use case.

use anyhow::{Context, anyhow};
use domain::Services;
use domain::consultations;
use domain::jobs::{ClaimedJob, Task};
use domain::meetings;
use domain::people::invitations;
use domain::search::{self, Source};
use domain::showcases;
use domain::tenancy::{TenantScope, system_scope};

/// The worker's scope in the job's network.
async fn scope_of(svc: &Services, job: &ClaimedJob) -> anyhow::Result<TenantScope> {
    let tenant = job
        .tenant_id
        .with_context(|| format!("a {} job without a network", job.kind))?;
    Ok(system_scope(svc, tenant, "worker").await?)
}

pub(crate) async fn run(
    svc: &Services,
    config: &crate::WorkerConfig,
    job: &ClaimedJob,
) -> anyhow::Result<()> {
    let task = job
        .task
        .as_ref()
        .ok_or_else(|| anyhow!("unknown job kind {:?}", job.kind))?;
    match task {
        Task::IndexProject { project_id } => {
            let source = Source::Project(*project_id);
            search::index_source(svc, &scope_of(svc, job).await?, source).await?;
        }
        Task::IndexProjectUpdate { update_id } => {
            showcases::index_project_update(svc, &scope_of(svc, job).await?, *update_id).await?;
        }
        Task::SendInvitation { invitation_id } => {
            invitations::deliver(svc, &scope_of(svc, job).await?, *invitation_id).await?;
        }
        Task::ReindexNetwork { network_id } => {
            let scope = system_scope(svc, *network_id, "worker").await?;
            let written = search::reindex_network(svc, &scope).await?;
            tracing::info!(documents = written, "network reindexed");
        }
        Task::RebuildSearchIndex => {
            let written = search::rebuild(svc).await?;
            tracing::info!(documents = written, "search index rebuilt");
        }
        Task::IndexMeeting { meeting_id } => {
            let source = Source::Meeting(*meeting_id);
            search::index_source(svc, &scope_of(svc, job).await?, source).await?;
        }
        Task::SendMeetingMail {
            registration_id,
            notice,
            key,
        } => {
            let scope = scope_of(svc, job).await?;
            meetings::send(svc, &scope, *registration_id, *notice, key).await?;
        }
        Task::MeetingReminder {
            meeting_id,
            reminder,
            at,
        } => {
            let scope = scope_of(svc, job).await?;
            meetings::run_reminder(svc, &scope, *meeting_id, *reminder, *at).await?;
        }
        Task::SendDeadlineReminder {
            meeting_id,
            user_id,
            key,
        } => {
            let scope = scope_of(svc, job).await?;
            meetings::send_deadline_reminder(svc, &scope, *meeting_id, *user_id, key).await?;
        }
        Task::ReleaseGuestHold { registration_id } => {
            let scope = scope_of(svc, job).await?;
            meetings::release_guest_hold(svc, &scope, *registration_id).await?;
        }
        Task::PurgeMeetingPersonalData { meeting_id } => {
            let scope = scope_of(svc, job).await?;
            meetings::purge_personal_data(svc, &scope, *meeting_id).await?;
        }
        Task::PurgeCases { meeting_id } => {
            consultations::purge_cases(svc, &scope_of(svc, job).await?, *meeting_id).await?;
        }
        Task::NotifyCaseSubmitted { case_id } => {
            let scope = scope_of(svc, job).await?;
            consultations::notify_case_submitted(svc, &scope, *case_id).await?;
        }
        Task::ExtractFileText { version_id } => {
            let scope = scope_of(svc, job).await?;
            crate::extract::job::run(svc, &config.extract, &scope, *version_id).await?;
        }
        Task::IndexFile { file_id } => {
            domain::material::index_file(svc, &scope_of(svc, job).await?, *file_id).await?;
        }
        Task::CollectBlobs => {
            domain::material::collect_blobs(svc, &scope_of(svc, job).await?).await?;
        }
        Task::IndexThread { thread_id } => {
            let source = Source::Thread(*thread_id);
            search::index_source(svc, &scope_of(svc, job).await?, source).await?;
        }
        Task::IndexGroup { group_id } => {
            let source = Source::Group(*group_id);
            search::index_source(svc, &scope_of(svc, job).await?, source).await?;
        }
        Task::SendNotificationMail { notification_id } => {
            let scope = scope_of(svc, job).await?;
            domain::notifications::send_notification_mail(svc, &scope, *notification_id).await?;
        }
        Task::SendDigest {
            user_id,
            period,
            due,
        } => {
            let scope = scope_of(svc, job).await?;
            domain::notifications::send_digest(svc, &scope, *user_id, *period, *due).await?;
        }
    }
    Ok(())
}
