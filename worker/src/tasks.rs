//! What each kind of job does. Each arm calls one domain use case.

use anyhow::{Context, anyhow};
use domain::Services;
use domain::jobs::{ClaimedJob, Task};
use domain::people::invitations;
use domain::search;
use domain::tenancy::system_scope;

pub(crate) async fn run(svc: &Services, job: &ClaimedJob) -> anyhow::Result<()> {
    let task = job
        .task
        .as_ref()
        .ok_or_else(|| anyhow!("unknown job kind {:?}", job.kind))?;
    match task {
        Task::IndexProject { project_id } => {
            let tenant = job.tenant_id.context("an indexing job without a network")?;
            let scope = system_scope(svc, tenant, "worker").await?;
            search::index_project(svc, &scope, *project_id).await?;
        }
        Task::SendInvitation { invitation_id } => {
            let tenant = job
                .tenant_id
                .context("an invitation job without a network")?;
            let scope = system_scope(svc, tenant, "worker").await?;
            invitations::deliver(svc, &scope, *invitation_id).await?;
        }
        Task::RebuildSearchIndex => {
            let written = search::rebuild(svc).await?;
            tracing::info!(documents = written, "search index rebuilt");
        }
    }
    Ok(())
}
