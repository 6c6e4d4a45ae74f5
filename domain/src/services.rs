use std::sync::Arc;

use chrono::{DateTime, Utc};

use crate::Db;
use crate::clock::Clock;
use crate::config::DomainConfig;
use crate::files::BlobStore;
use crate::limits::Limiter;
use crate::mail::Mailer;
use crate::search::SearchIndex;

/// Everything a use case may touch: the database and the ports, chosen by the root binary.
/// Cheap to clone; one per process.
#[derive(Clone)]
pub struct Services {
    pub db: Db,
    pub search: Arc<dyn SearchIndex>,
    pub blobs: Arc<dyn BlobStore>,
    pub mailer: Arc<dyn Mailer>,
    pub clock: Arc<dyn Clock>,
    pub config: Arc<DomainConfig>,
    /// The rate limiter's per-process state (its counts are in the database).
    pub(crate) limiter: Arc<Limiter>,
    /// A hash of the configured cost, verified when an unknown e-mail signs in, so that the
    /// answer takes as long as for a known one.
    dummy_password_hash: Arc<tokio::sync::OnceCell<String>>,
}

impl Services {
    pub fn new(
        db: Db,
        search: Arc<dyn SearchIndex>,
        blobs: Arc<dyn BlobStore>,
        mailer: Arc<dyn Mailer>,
        clock: Arc<dyn Clock>,
        config: DomainConfig,
    ) -> Self {
        Self {
            db,
            search,
            blobs,
            mailer,
            clock,
            config: Arc::new(config),
            limiter: Arc::new(Limiter::default()),
            dummy_password_hash: Arc::new(tokio::sync::OnceCell::new()),
        }
    }

    pub(crate) async fn dummy_password_hash(&self) -> anyhow::Result<String> {
        let params = self.config.password;
        self.dummy_password_hash
            .get_or_try_init(|| {
                crate::identity::hash_password(params, "not anyone's password".into())
            })
            .await
            .cloned()
    }

    pub fn now(&self) -> DateTime<Utc> {
        self.clock.now()
    }
}
