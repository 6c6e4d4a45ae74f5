//! A batch of index jobs: each job's writes are computed on their own, then applied together.
//!
//! Each job runs on a clone of the services whose `search` is a [`WriteBuffer`], so the use
//! cases run as they do anywhere else and only record what they write. A job that fails keeps
//! its error and its writes are dropped; the writes of the jobs that succeeded are merged in
//! claim order (the last write of a document wins) and applied with one
//! [`SearchIndex::apply`](domain::search::SearchIndex::apply). If that fails, every job that
//! had succeeded fails with it — as [`SearchUnavailable`] when the engine was unreachable, so
//! the worker postpones them instead of spending an attempt.

use std::sync::Arc;

use anyhow::anyhow;
use domain::Services;
use domain::jobs::ClaimedJob;
use domain::search::{IndexWrites, SearchUnavailable, WriteBuffer, is_unavailable};
use tracing::Instrument;

use crate::{WorkerConfig, in_request, job_span, tasks};

/// Runs the jobs and applies their writes; one outcome per job, in order.
pub(crate) async fn run(
    svc: &Services,
    config: &WorkerConfig,
    claimed: &[ClaimedJob],
) -> Vec<anyhow::Result<()>> {
    let mut writes = IndexWrites::default();
    let mut outcomes = Vec::with_capacity(claimed.len());
    for job in claimed {
        let buffer = Arc::new(WriteBuffer::new(svc.search.clone()));
        let mut buffered = svc.clone();
        buffered.search = buffer.clone();
        let outcome = in_request(job, tasks::run(&buffered, config, job))
            .instrument(job_span(job))
            .await;
        if outcome.is_ok() {
            writes.extend(buffer.take());
        }
        outcomes.push(outcome);
    }
    if writes.is_empty() {
        return outcomes;
    }
    let documents = writes.len();
    match svc.search.apply(writes).await {
        Ok(()) => {
            tracing::debug!(
                jobs = claimed.len(),
                documents,
                "index writes of a batch applied"
            );
        }
        Err(e) => {
            let unavailable = is_unavailable(&e);
            let message = format!("{e:#}");
            for outcome in outcomes.iter_mut().filter(|outcome| outcome.is_ok()) {
                let failed = anyhow!("applying the index writes of a batch: {message}");
                *outcome = Err(if unavailable {
                    failed.context(SearchUnavailable)
                } else {
                    failed
                });
            }
        }
    }
    outcomes
}
