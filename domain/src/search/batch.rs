//! The write buffer behind the worker's batches of index jobs.
//!
//! An index job reads its rows and writes what they make to the index. Run one by one, each job
//! costs the engine at least one write of its own (a Meilisearch task awaited, a tantivy commit),
//! which dominates the work. The worker instead runs a batch of index jobs, each on a clone of
//! `Services` whose `search` is a [`WriteBuffer`]: the job's use cases run unchanged and their
//! writes are only recorded. A job that fails has its buffer thrown away (it alone is retried);
//! the writes of the jobs that succeeded are merged in job order and applied with one
//! [`SearchIndex::apply`]; then those jobs are completed.

use std::sync::{Arc, Mutex};

use anyhow::anyhow;
use async_trait::async_trait;

use super::{IndexWrites, SearchIndex, SearchRequest, SearchResults};
use crate::ids::NetworkId;

/// A `SearchIndex` that records writes instead of applying them; reads go to the engine.
pub struct WriteBuffer {
    engine: Arc<dyn SearchIndex>,
    writes: Mutex<IndexWrites>,
}

impl WriteBuffer {
    pub fn new(engine: Arc<dyn SearchIndex>) -> Self {
        Self {
            engine,
            writes: Mutex::new(IndexWrites::default()),
        }
    }

    /// The writes recorded so far, leaving the buffer empty.
    pub fn take(&self) -> IndexWrites {
        match self.writes.lock() {
            Ok(mut writes) => std::mem::take(&mut *writes),
            // A job that panicked while holding the lock is not completed anyway.
            Err(poisoned) => std::mem::take(&mut *poisoned.into_inner()),
        }
    }
}

#[async_trait]
impl SearchIndex for WriteBuffer {
    async fn apply(&self, writes: IndexWrites) -> anyhow::Result<()> {
        self.writes
            .lock()
            .map_err(|_| anyhow!("the write buffer's lock is poisoned"))?
            .extend(writes);
        Ok(())
    }

    /// Not buffered: index jobs never clear, and clearing out of order would lose writes.
    async fn clear(&self) -> anyhow::Result<()> {
        Err(anyhow!("clearing the index is not possible inside a batch"))
    }

    async fn document_ids(&self, tenant: NetworkId) -> anyhow::Result<Vec<String>> {
        self.engine.document_ids(tenant).await
    }

    async fn search(&self, request: &SearchRequest) -> anyhow::Result<SearchResults> {
        self.engine.search(request).await
    }

    async fn health(&self) -> anyhow::Result<()> {
        self.engine.health().await
    }
}
