//! Wiring: the adapters chosen from the settings, the HTTP endpoint, and the processes that run
//! them (`serve`, `http`, `worker`). The only place that knows every crate.

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use anyhow::Context;
use domain::clock::Clock;
use domain::files::BlobStore;
use domain::mail::Mailer;
use domain::search::SearchIndex;
use domain::{Db, Services};
use infra::files::{LocalBlobStore, S3BlobStore, S3Config};
use infra::mail::{OutboxMailer, SmtpMailer};
use infra::search::{MeilisearchIndex, TantivyIndex};
use migrations::{Migrator, MigratorTrait};
use poem::http::HeaderValue;
use poem::http::header::{RETRY_AFTER, STRICT_TRANSPORT_SECURITY};
use poem::listener::{Acceptor, Listener, TcpListener};
use poem::middleware::CatchPanic;
use poem::{Endpoint, EndpointExt, IntoResponse, Route, Server, get};
use tokio::sync::watch;
use tokio::task::JoinHandle;

use crate::bounds::{AllowTable, Bounds, Limits};
use crate::client::{ResolveClient, TrustedProxies};
use crate::ops::{self, Metrics, MetricsAccess, Observe};
use crate::request_id::AssignRequestId;
use crate::settings::Settings;

/// Connects the database and builds the adapters the settings ask for.
pub async fn services(settings: &Settings, clock: Arc<dyn Clock>) -> anyhow::Result<Services> {
    let url = settings.database_url();
    if url.starts_with("sqlite:") {
        std::fs::create_dir_all(&settings.data_dir)
            .with_context(|| format!("creating the data folder {}", settings.data_dir.display()))?;
    }
    let db = Db::connect(&url, settings.database.max_connections).await?;
    let search = search_index(settings).await?;
    let blobs = blob_store(settings)?;
    let mailer = mailer(settings)?;
    Ok(Services::new(
        db,
        search,
        blobs,
        mailer,
        clock,
        settings.domain_config(),
    ))
}

/// A Meilisearch server when one is configured (its index created and set up here), else the
/// embedded tantivy folder.
async fn search_index(settings: &Settings) -> anyhow::Result<Arc<dyn SearchIndex>> {
    let search = &settings.search;
    Ok(match &search.meilisearch_url {
        Some(url) => Arc::new(
            MeilisearchIndex::connect(
                url,
                search.meilisearch_key.as_ref().map(|k| k.expose()),
                &search.index_prefix,
            )
            .await
            .context("connecting to Meilisearch")?,
        ),
        None => {
            Arc::new(TantivyIndex::open(&settings.index_dir()).context("opening the search index")?)
        }
    })
}

/// An S3-compatible bucket when one is configured, else the local folder.
fn blob_store(settings: &Settings) -> anyhow::Result<Arc<dyn BlobStore>> {
    let storage = &settings.storage;
    let Some(bucket) = &storage.s3_bucket else {
        return Ok(Arc::new(LocalBlobStore::new(settings.storage_dir())));
    };
    let store = S3BlobStore::new(S3Config {
        endpoint: storage.s3_endpoint.clone(),
        bucket: bucket.clone(),
        region: storage.s3_region.clone(),
        access_key_id: storage.s3_access_key_id.clone(),
        secret_access_key: storage
            .s3_secret_access_key
            .as_ref()
            .map(|s| s.expose().to_owned()),
        allow_http: storage.s3_allow_http,
        prefix: storage.s3_prefix.clone(),
    })?;
    Ok(Arc::new(store))
}

/// An SMTP server when one is configured, else the outbox folder.
fn mailer(settings: &Settings) -> anyhow::Result<Arc<dyn Mailer>> {
    Ok(match &settings.mail.smtp_url {
        Some(url) => Arc::new(SmtpMailer::new(url.expose(), &settings.mail.from)?),
        None => Arc::new(OutboxMailer::new(
            settings.outbox_dir(),
            &settings.mail.from,
        )?),
    })
}

/// Applies this version's pending migrations. With none pending it touches nothing, so a
/// `serve` of version N starts on a database that version N+1 has already migrated.
pub async fn migrate(svc: &Services) -> anyhow::Result<()> {
    if pending_migrations(svc).await?.is_empty() {
        return Ok(());
    }
    Migrator::up(svc.db.raw(), None)
        .await
        .context("running migrations")
}

/// The migrations of this version that the database has not applied. Applied migrations this
/// version does not know are a newer version's (expand and contract: a newer version only adds
/// what an older one can ignore) and are no reason to refuse — sea-orm-migration's own
/// `get_pending_migrations` fails on them ("its file is missing"), which would stop version N
/// from starting beside N+1 during a rolling upgrade.
pub async fn pending_migrations(svc: &Services) -> anyhow::Result<Vec<String>> {
    let applied: std::collections::HashSet<String> = Migrator::get_migration_models(svc.db.raw())
        .await
        .context("reading the migration status")?
        .into_iter()
        .map(|row| row.version)
        .collect();
    Ok(Migrator::migrations()
        .iter()
        .map(|m| m.name().to_owned())
        .filter(|name| !applied.contains(name))
        .collect())
}

/// Refuses to go on while one of this version's migrations is pending (`http` and `worker`;
/// `serve` migrates). Newer migrations than this version knows are fine.
pub async fn ensure_migrated(svc: &Services) -> anyhow::Result<()> {
    let pending = pending_migrations(svc).await?;
    if !pending.is_empty() {
        anyhow::bail!(
            "{} migration(s) pending ({}); run `samvirke migrate` (or `samvirke serve`, which migrates) first",
            pending.len(),
            pending.join(", ")
        );
    }
    Ok(())
}

/// Seconds a client should wait after a 503 for an outage: long enough for a database restart
/// or a failover to finish, short enough that nobody gives up.
const UNAVAILABLE_RETRY_AFTER: &str = "5";

/// Under https every answer tells the browser to use nothing else for a year.
const HSTS: &str = "max-age=31536000; includeSubDomains";

/// The whole HTTP surface: web UI, API, operator endpoints. Fails on unusable settings
/// (`server.trusted_proxies`).
pub fn endpoint(
    svc: Services,
    settings: &Settings,
    metrics: Arc<Metrics>,
) -> anyhow::Result<impl Endpoint + 'static> {
    let trusted = TrustedProxies::parse(&settings.server.trusted_proxies)?;
    let secure_cookies = settings.uses_https();
    let mut routes = web::routes(svc.clone(), web::WebConfig { secure_cookies })
        .nest(
            "/api",
            api::routes(svc.clone(), api::ApiConfig { secure_cookies }),
        )
        .at("/healthz", get(ops::healthz))
        .at("/readyz", get(ops::readyz));
    let access = metrics_access(settings);
    // On the main address only behind a token; with its own address, only there.
    if settings.server.metrics_addr.is_none() && access.token.is_some() {
        routes = routes.at("/metrics", get(ops::metrics));
    }
    let routes = with_bench_routes(routes);
    let hsts = settings.uses_https();
    Ok(routes
        .data(svc)
        .data(metrics.clone())
        .with(ResolveClient(trusted.clone()))
        .data(access)
        .with(Bounds::new(
            Limits::from_settings(settings),
            AllowTable::of_application(&api::openapi_document()),
        ))
        .with(Observe(metrics))
        .with(AssignRequestId(trusted))
        .with(CatchPanic::new())
        .around(move |inner, req| async move {
            // Errors become their answers here, so that they carry the header too.
            let mut response = match inner.call(req).await {
                Ok(response) => response.into_response(),
                Err(err) => err.into_response(),
            };
            // Every 503 (overload, an outage of the database or the search engine) says when
            // to come back, whichever layer answered it.
            if response.status() == poem::http::StatusCode::SERVICE_UNAVAILABLE
                && !response.headers().contains_key(RETRY_AFTER)
            {
                response.headers_mut().insert(
                    RETRY_AFTER,
                    HeaderValue::from_static(UNAVAILABLE_RETRY_AFTER),
                );
            }
            if hsts {
                response
                    .headers_mut()
                    .insert(STRICT_TRANSPORT_SECURITY, HeaderValue::from_static(HSTS));
            }
            Ok::<_, poem::Error>(response)
        }))
}

fn metrics_access(settings: &Settings) -> MetricsAccess {
    MetricsAccess {
        token: settings
            .server
            .metrics_token
            .clone()
            .filter(|t| !t.expose().is_empty()),
    }
}

/// The separate metrics listener (`server.metrics_addr`): `/metrics` and nothing else.
fn metrics_endpoint(
    svc: Services,
    settings: &Settings,
    metrics: Arc<Metrics>,
) -> impl Endpoint + 'static {
    Route::new()
        .at("/metrics", get(ops::metrics))
        .data(svc)
        .data(metrics)
        .data(metrics_access(settings))
        .with(CatchPanic::new())
}

#[cfg(feature = "bench")]
fn with_bench_routes(routes: Route) -> Route {
    crate::bench::mount(routes)
}

#[cfg(not(feature = "bench"))]
fn with_bench_routes(routes: Route) -> Route {
    routes
}

/// A worker's name in job leases: host, process id and a random part.
pub fn worker_name() -> String {
    let host = std::env::var("HOSTNAME").unwrap_or_else(|_| "local".into());
    let random = uuid::Uuid::now_v7().simple().to_string();
    format!(
        "{host}:{}:{}",
        std::process::id(),
        &random[random.len() - 6..]
    )
}

/// A running application: what `serve` and `http` start, and what tests drive.
pub struct Application {
    pub services: Services,
    pub addr: Option<SocketAddr>,
    /// Where `/metrics` is served when `server.metrics_addr` is set.
    pub metrics_addr: Option<SocketAddr>,
    shutdown: watch::Sender<bool>,
    tasks: Vec<JoinHandle<anyhow::Result<()>>>,
}

/// Which parts to run.
#[derive(Clone, Copy, Debug)]
pub struct Parts {
    pub http: bool,
    pub worker: bool,
}

async fn shutdown_signal(mut rx: watch::Receiver<bool>) {
    let _ = rx.wait_for(|stop| *stop).await;
}

impl Application {
    /// Starts the parts on already-prepared services (migrations done). The HTTP server binds
    /// `addr` (port 0 for any free port).
    pub async fn start(
        svc: Services,
        settings: &Settings,
        parts: Parts,
        addr: &str,
    ) -> anyhow::Result<Self> {
        let (shutdown, rx) = watch::channel(false);
        let mut tasks = Vec::new();
        let mut bound = None;
        let mut metrics_bound = None;
        if parts.http {
            let metrics = Arc::new(Metrics::new()?);
            let app = endpoint(svc.clone(), settings, metrics.clone())?;
            let acceptor = TcpListener::bind(addr.to_owned())
                .into_acceptor()
                .await
                .with_context(|| format!("listening on {addr}"))?;
            bound = acceptor
                .local_addr()
                .first()
                .and_then(|a| a.as_socket_addr().copied());
            tracing::info!(addr = ?bound, "listening");
            let signal = shutdown_signal(rx.clone());
            let header_limit = u32::try_from(settings.server.max_header_bytes).unwrap_or(u32::MAX);
            tasks.push(tokio::spawn(async move {
                Server::new_with_acceptor(acceptor)
                    .http2_max_header_list_size(header_limit)
                    .run_with_graceful_shutdown(app, signal, Some(Duration::from_secs(30)))
                    .await
                    .context("HTTP server")
            }));
            if let Some(metrics_addr) = &settings.server.metrics_addr {
                let app = metrics_endpoint(svc.clone(), settings, metrics);
                let acceptor = TcpListener::bind(metrics_addr.clone())
                    .into_acceptor()
                    .await
                    .with_context(|| format!("listening on {metrics_addr} for metrics"))?;
                metrics_bound = acceptor
                    .local_addr()
                    .first()
                    .and_then(|a| a.as_socket_addr().copied());
                tracing::info!(addr = ?metrics_bound, "serving metrics");
                let signal = shutdown_signal(rx.clone());
                tasks.push(tokio::spawn(async move {
                    Server::new_with_acceptor(acceptor)
                        .run_with_graceful_shutdown(app, signal, Some(Duration::from_secs(5)))
                        .await
                        .context("metrics server")
                }));
            }
        }
        if parts.worker {
            let worker = worker::Worker::new(svc.clone(), worker_name(), settings.worker_config()?);
            let signal = shutdown_signal(rx.clone());
            tasks.push(tokio::spawn(async move {
                worker.run(signal).await;
                Ok(())
            }));
        }
        Ok(Self {
            services: svc,
            addr: bound,
            metrics_addr: metrics_bound,
            shutdown,
            tasks,
        })
    }

    /// Asks every part to stop and waits: in-flight requests and the running job end first.
    pub async fn stop(self) -> anyhow::Result<()> {
        let _ = self.shutdown.send(true);
        for task in self.tasks {
            task.await.context("joining a task")??;
        }
        Ok(())
    }

    /// Waits for SIGINT or SIGTERM, then stops.
    pub async fn run_until_signalled(self) -> anyhow::Result<()> {
        wait_for_signal().await;
        tracing::info!("shutting down");
        self.stop().await
    }
}

async fn wait_for_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
}
