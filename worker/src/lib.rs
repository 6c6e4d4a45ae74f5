//! The job runner: claims due jobs from the queue in `domain::jobs`, runs each under its lease,
//! and reports success or failure back to the queue. Knows only `domain`.
//!
//! Jobs are idempotent — indexing reads the row as it is now, an invitation mail makes a fresh
//! link — so a job that runs twice (its worker died after the work but before `complete`) does
//! no harm. A shutdown request is honoured between jobs: the running job ends first.

pub mod extract;
mod tasks;

use std::future::Future;
use std::time::Duration;

use domain::Services;
use domain::jobs::{self, ClaimedJob};
use tracing::{Instrument, error, info, info_span, warn};

/// How long an idle worker waits before looking at the queue again.
const IDLE_POLL: Duration = Duration::from_millis(250);

pub struct Worker {
    svc: Services,
    name: String,
}

impl Worker {
    /// `name` identifies this worker in job leases (host, process, a random part).
    pub fn new(svc: Services, name: impl Into<String>) -> Self {
        Self {
            svc,
            name: name.into(),
        }
    }

    pub fn name(&self) -> &str {
        &self.name
    }

    /// Runs jobs until `shutdown` resolves; the job in hand is finished first.
    pub async fn run(&self, shutdown: impl Future<Output = ()>) {
        tokio::pin!(shutdown);
        info!(worker = %self.name, "worker started");
        loop {
            let ran = tokio::select! {
                biased;
                () = &mut shutdown => break,
                ran = self.run_one() => ran,
            };
            match ran {
                Ok(true) => continue,
                Ok(false) => {}
                Err(e) => error!(error = %format!("{e:#}"), "the job queue is unreachable"),
            }
            tokio::select! {
                () = &mut shutdown => break,
                () = tokio::time::sleep(IDLE_POLL) => {}
            }
        }
        info!(worker = %self.name, "worker stopped");
    }

    /// Claims and runs one due job. `false` when none was due.
    pub async fn run_one(&self) -> anyhow::Result<bool> {
        let Some(job) = jobs::claim(&self.svc, &self.name).await? else {
            return Ok(false);
        };
        let span = info_span!("job", id = %job.id, kind = %job.kind, attempt = job.attempt);
        self.execute(job).instrument(span).await?;
        Ok(true)
    }

    /// Runs jobs until none is due now (tests call this instead of waiting).
    pub async fn drain(&self) -> anyhow::Result<usize> {
        let mut ran = 0;
        while self.run_one().await? {
            ran += 1;
        }
        Ok(ran)
    }

    async fn execute(&self, job: ClaimedJob) -> anyhow::Result<()> {
        match tasks::run(&self.svc, &job).await {
            Ok(()) => {
                jobs::complete(&self.svc, &job).await?;
                info!("job done");
            }
            Err(e) => {
                let message = format!("{e:#}");
                if job.attempt >= job.max_attempts {
                    error!(error = %message, "job failed for the last time; marked dead");
                } else {
                    warn!(error = %message, "job failed; will retry");
                }
                jobs::fail(&self.svc, &job, &message).await?;
            }
        }
        Ok(())
    }
}
