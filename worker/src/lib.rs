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
//! Index jobs run in batches ([`batch`]): a worker that claims one claims the other due index
//! jobs with it (up to [`INDEX_BATCH`]), computes each job's writes on its own (a failing job
//! fails alone) and applies them all with one engine write. While the search engine is
//! unreachable, a job that needs it is postponed ([`jobs::postpone`]) without counting the
//! attempt, so an outage leaves no dead job.
//!
//! On shutdown (SIGTERM, Ctrl+C) the worker claims nothing more and finishes the running job,
//! for at most [`WorkerConfig::shutdown_grace`]; a job still running then is stopped (its
//! extraction child killed) and handed back to the queue without counting the attempt, so the
//! next worker starts it at once.

mod batch;
pub mod extract;
pub mod samples;
mod tasks;

use std::future::Future;
use std::pin::Pin;
use std::time::Duration;

use domain::Services;
use domain::jobs::{self, ClaimedJob, INDEX_KINDS};
use tracing::{Instrument, Span, error, info, info_span, warn};

/// How long an idle worker waits before looking at the queue again.
const IDLE_POLL: Duration = Duration::from_millis(250);
/// The most index jobs run together, their writes applied in one go.
pub const INDEX_BATCH: usize = 64;
/// How long a job waits after finding the search engine unreachable (its attempt not counted).
const UNAVAILABLE_RETRY: chrono::Duration = chrono::Duration::seconds(5);

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

/// How one claim's run ended.
enum Ran {
    /// One outcome per job, in the claim's order.
    Finished(Vec<anyhow::Result<()>>),
    /// Another worker holds one of the jobs now; this run was dropped.
    LeaseLost,
}

/// The log span of one job: every line its run logs names the job and the request that
/// enqueued it.
fn job_span(job: &ClaimedJob) -> Span {
    info_span!(
        "job",
        id = %job.id,
        kind = %job.kind,
        attempt = job.attempt,
        request_id = job.request_id.as_deref()
    )
}

/// Runs a job's work under the request id that enqueued it, so the jobs it enqueues in turn
/// carry it.
async fn in_request<F: Future>(job: &ClaimedJob, work: F) -> F::Output {
    match job.request_id.clone() {
        Some(id) => jobs::with_request_id(id, work).await,
        None => work.await,
    }
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
            match self.claim().await {
                Ok(claimed) if !claimed.is_empty() => {
                    match self.execute(claimed, Some(shutdown.as_mut())).await {
                        Ok(true) => break,
                        Ok(false) => continue,
                        Err(e) => error!(error = %format!("{e:#}"), "the job queue is unreachable"),
                    }
                }
                Ok(_) => {}
                Err(e) => error!(error = %format!("{e:#}"), "the job queue is unreachable"),
            }
            tokio::select! {
                () = &mut shutdown => break,
                () = tokio::time::sleep(IDLE_POLL) => {}
            }
        }
        info!(worker = %self.name, "worker stopped");
    }

    /// The next due job, with the other due index jobs when it is one (at most
    /// [`INDEX_BATCH`]). Empty when none is due.
    async fn claim(&self) -> anyhow::Result<Vec<ClaimedJob>> {
        let Some(first) = jobs::claim(&self.svc, &self.name).await? else {
            return Ok(Vec::new());
        };
        let batched = first.task.as_ref().is_some_and(|task| task.is_index());
        let mut claimed = vec![first];
        if batched {
            match jobs::claim_batch(&self.svc, &self.name, &INDEX_KINDS, INDEX_BATCH - 1).await {
                Ok(more) => claimed.extend(more),
                // The first job is held already: it runs alone.
                Err(e) => warn!(error = %format!("{e:#}"), "claiming more index jobs failed"),
            }
        }
        Ok(claimed)
    }

    /// Claims and runs the next due job (with the index jobs batched with it). How many jobs
    /// ran; 0 when none was due.
    pub async fn run_next(&self) -> anyhow::Result<usize> {
        let claimed = self.claim().await?;
        let count = claimed.len();
        if count > 0 {
            self.execute(claimed, None::<Pin<&mut std::future::Pending<()>>>)
                .await?;
        }
        Ok(count)
    }

    /// Runs jobs until none is due now (tests call this instead of waiting). How many ran.
    pub async fn drain(&self) -> anyhow::Result<usize> {
        let mut ran = 0;
        loop {
            match self.run_next().await? {
                0 => return Ok(ran),
                count => ran += count,
            }
        }
    }

    /// Runs claimed jobs to their end and reports them. With a `shutdown` that resolves while
    /// they run, they get the grace period and are released if they need longer; `true` then
    /// (the worker is to stop).
    async fn execute<S: Future<Output = ()>>(
        &self,
        claimed: Vec<ClaimedJob>,
        shutdown: Option<Pin<&mut S>>,
    ) -> anyhow::Result<bool> {
        // Boxed so that dropping it (past the grace) ends it there and then, child and all.
        let mut run = Box::pin(self.run_leased(&claimed));
        let Some(shutdown) = shutdown else {
            let ran = run.await;
            self.report(&claimed, ran).await?;
            return Ok(false);
        };
        tokio::select! {
            ran = &mut run => {
                self.report(&claimed, ran).await?;
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
            Ok(ran) => self.report(&claimed, ran).await?,
            Err(_) => {
                // Dropping the run stops it where it is (an extraction child is killed).
                drop(run);
                for job in &claimed {
                    jobs::release(&self.svc, job).await?;
                    warn!(parent: &job_span(job), "stopping: the running job did not finish in time; handed back to the queue");
                }
            }
        }
        Ok(true)
    }

    /// The jobs' work, with their leases renewed every third of the lease while it runs.
    async fn run_leased(&self, claimed: &[ClaimedJob]) -> Ran {
        let lease = self.svc.config.job_lease.to_std().unwrap_or(Duration::ZERO);
        let every = (lease / 3).max(Duration::from_millis(50));
        let heartbeat = async {
            let mut ticks = tokio::time::interval_at(tokio::time::Instant::now() + every, every);
            loop {
                ticks.tick().await;
                for job in claimed {
                    match jobs::renew(&self.svc, job).await {
                        Ok(true) => {}
                        Ok(false) => return,
                        // The database may come back before the lease runs out; the job's own
                        // writes will fail meanwhile if it does not.
                        Err(e) => warn!(error = %format!("{e:#}"), "renewing a job's lease failed"),
                    }
                }
            }
        };
        let work = async {
            match claimed {
                [job] if !job.task.as_ref().is_some_and(|task| task.is_index()) => {
                    let ran = in_request(job, tasks::run(&self.svc, &self.config, job))
                        .instrument(job_span(job))
                        .await;
                    vec![ran]
                }
                _ => batch::run(&self.svc, &self.config, claimed).await,
            }
        };
        tokio::select! {
            ran = work => Ran::Finished(ran),
            () = heartbeat => Ran::LeaseLost,
        }
    }

    async fn report(&self, claimed: &[ClaimedJob], ran: Ran) -> anyhow::Result<()> {
        match ran {
            Ran::Finished(outcomes) => {
                for (job, outcome) in claimed.iter().zip(outcomes) {
                    self.report_one(job, outcome)
                        .instrument(job_span(job))
                        .await?;
                }
            }
            Ran::LeaseLost => {
                warn!("another worker holds a job now (its lease ran out); this run is dropped");
                // Those still held go back to the queue at once, their attempt not counted.
                for job in claimed {
                    jobs::release(&self.svc, job).await?;
                }
            }
        }
        Ok(())
    }

    async fn report_one(
        &self,
        job: &ClaimedJob,
        outcome: anyhow::Result<()>,
    ) -> anyhow::Result<()> {
        match outcome {
            Ok(()) => {
                jobs::complete(&self.svc, job).await?;
                info!("job done");
            }
            Err(e) if domain::search::is_unavailable(&e) => {
                let message = format!("{e:#}");
                warn!(error = %message, "the search engine is unreachable; job postponed, its attempt not counted");
                jobs::postpone(&self.svc, job, UNAVAILABLE_RETRY, &message).await?;
            }
            Err(e) => {
                let message = format!("{e:#}");
                if job.attempt >= job.max_attempts {
                    error!(error = %message, "job failed for the last time; marked dead");
                } else {
                    warn!(error = %message, "job failed; will retry");
                }
                jobs::fail(&self.svc, job, &message).await?;
            }
        }
        Ok(())
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
