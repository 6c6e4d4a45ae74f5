//! The job runner: claims due jobs from the queue in `domain::jobs`, runs each under its lease,
//! and reports success or failure back to the queue. Knows only `domain`.
//!
//! Jobs are idempotent — indexing reads the row as it is now, an invitation mail makes a fresh
//! link — so a job that runs twice (its worker died after the work but before `complete`) does
//! no harm. Still, one run is the rule: while a job runs, its worker renews the lease every
//! third of it, and a worker that finds its lease taken by another drops the job.
//!
//! Text extraction, the one job that reads hostile input, runs in a child process with limits
//! on memory, CPU time and wall time ([`extract::Sandbox`]): a file that breaks a parser kills
//! only the child, and the job records why on the file.
//!
//! On shutdown (SIGTERM, Ctrl+C) the worker claims nothing more and finishes the running job,
//! for at most [`WorkerConfig::shutdown_grace`]; a job still running then is stopped (its
//! extraction child killed) and handed back to the queue without counting the attempt, so the
//! next worker starts it at once.

pub mod extract;
pub mod samples;
mod tasks;

use std::future::Future;
use std::pin::Pin;
use std::time::Duration;

use domain::Services;
use domain::jobs::{self, ClaimedJob};
use tracing::{Instrument, error, info, info_span, warn};

/// How long an idle worker waits before looking at the queue again.
const IDLE_POLL: Duration = Duration::from_millis(250);

/// What a worker needs beyond the services.
#[derive(Clone, Debug)]
pub struct WorkerConfig {
    /// How text extraction's child process is started and bounded.
    pub extract: extract::Sandbox,
    /// How long a stopping worker lets its running job finish before handing it back.
    pub shutdown_grace: Duration,
}

pub struct Worker {
    svc: Services,
    name: String,
    config: WorkerConfig,
}

/// How one job's run ended.
enum Ran {
    Finished(anyhow::Result<()>),
    /// Another worker holds the job now; this run was dropped.
    LeaseLost,
}

impl Worker {
    /// `name` identifies this worker in job leases (host, process, a random part).
    pub fn new(svc: Services, name: impl Into<String>, config: WorkerConfig) -> Self {
        Self {
            svc,
            name: name.into(),
            config,
        }
    }

    pub fn name(&self) -> &str {
        &self.name
    }

    /// Runs jobs until `shutdown` resolves; then the running job gets the grace period to
    /// finish, and is handed back to the queue if it does not.
    pub async fn run(&self, shutdown: impl Future<Output = ()>) {
        tokio::pin!(shutdown);
        info!(worker = %self.name, "worker started");
        loop {
            // A claim is never cut short: a claim committed but not seen would cost an attempt.
            if stopping(shutdown.as_mut()).await {
                break;
            }
            match jobs::claim(&self.svc, &self.name).await {
                Ok(Some(job)) => {
                    let span = job_span(&job);
                    let origin = job.request_id.clone();
                    let stopped = in_request(origin, self.execute(job, Some(shutdown.as_mut())))
                        .instrument(span)
                        .await;
                    match stopped {
                        Ok(true) => break,
                        Ok(false) => continue,
                        Err(e) => error!(error = %format!("{e:#}"), "the job queue is unreachable"),
                    }
                }
                Ok(None) => {}
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
        let span = job_span(&job);
        let origin = job.request_id.clone();
        in_request(
            origin,
            self.execute(job, None::<Pin<&mut std::future::Pending<()>>>),
        )
        .instrument(span)
        .await?;
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

    /// Runs one claimed job to its end and reports it. With a `shutdown` that resolves while
    /// the job runs, the job gets the grace period and is released if it needs longer; `true`
    /// then (the worker is to stop).
    async fn execute<S: Future<Output = ()>>(
        &self,
        job: ClaimedJob,
        shutdown: Option<Pin<&mut S>>,
    ) -> anyhow::Result<bool> {
        // Boxed so that dropping it (past the grace) ends it there and then, child and all.
        let mut run = Box::pin(self.run_leased(&job));
        let Some(shutdown) = shutdown else {
            let ran = run.await;
            self.report(&job, ran).await?;
            return Ok(false);
        };
        tokio::select! {
            ran = &mut run => {
                self.report(&job, ran).await?;
                return Ok(false);
            }
            () = shutdown => {}
        }
        let grace = self.config.shutdown_grace;
        info!(
            grace_secs = grace.as_secs_f32(),
            "stopping: letting the running job finish"
        );
        match tokio::time::timeout(grace, &mut run).await {
            Ok(ran) => self.report(&job, ran).await?,
            Err(_) => {
                // Dropping the run stops it where it is (an extraction child is killed).
                drop(run);
                jobs::release(&self.svc, &job).await?;
                warn!("stopping: the running job did not finish in time; handed back to the queue");
            }
        }
        Ok(true)
    }

    /// The job's work, with its lease renewed every third of the lease while it runs.
    async fn run_leased(&self, job: &ClaimedJob) -> Ran {
        let lease = self.svc.config.job_lease.to_std().unwrap_or(Duration::ZERO);
        let every = (lease / 3).max(Duration::from_millis(50));
        let heartbeat = async {
            let mut ticks = tokio::time::interval_at(tokio::time::Instant::now() + every, every);
            loop {
                ticks.tick().await;
                match jobs::renew(&self.svc, job).await {
                    Ok(true) => {}
                    Ok(false) => return,
                    // The database may come back before the lease runs out; the job's own
                    // writes will fail meanwhile if it does not.
                    Err(e) => warn!(error = %format!("{e:#}"), "renewing a job's lease failed"),
                }
            }
        };
        tokio::select! {
            ran = tasks::run(&self.svc, &self.config, job) => Ran::Finished(ran),
            () = heartbeat => Ran::LeaseLost,
        }
    }

    async fn report(&self, job: &ClaimedJob, ran: Ran) -> anyhow::Result<()> {
        match ran {
            Ran::Finished(Ok(())) => {
                jobs::complete(&self.svc, job).await?;
                info!("job done");
            }
            Ran::Finished(Err(e)) => {
                let message = format!("{e:#}");
                if job.attempt >= job.max_attempts {
                    error!(error = %message, "job failed for the last time; marked dead");
                } else {
                    warn!(error = %message, "job failed; will retry");
                }
                jobs::fail(&self.svc, job, &message).await?;
            }
            Ran::LeaseLost => {
                warn!("another worker holds the job now (its lease ran out); this run is dropped");
            }
        }
        Ok(())
    }
}

/// A job's span: every line its run logs names the job and the request that enqueued it.
fn job_span(job: &ClaimedJob) -> tracing::Span {
    info_span!(
        "job",
        id = %job.id,
        kind = %job.kind,
        attempt = job.attempt,
        request_id = job.request_id.as_deref()
    )
}

/// Runs a job under the request id that enqueued it, so the jobs it enqueues in turn carry it.
async fn in_request<F: Future>(request_id: Option<String>, work: F) -> F::Output {
    match request_id {
        Some(id) => jobs::with_request_id(id, work).await,
        None => work.await,
    }
}

/// Whether `shutdown` has already resolved, without waiting for it.
async fn stopping<S: Future<Output = ()>>(shutdown: Pin<&mut S>) -> bool {
    tokio::select! {
        biased;
        () = shutdown => true,
        () = std::future::ready(()) => false,
    }
}
