//! The write burst: how long 100 project writes take to become searchable through the real job
//! path. Each write is the `projects::create` use case (the row and its index job in one
//! transaction); a `Worker` runs meanwhile as it does in `serve` (claiming due jobs, batching the
//! index jobs it finds); the clock runs until one search finds every project.

use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::bail;
use domain::Services;
use domain::people::Sector;
use domain::people::organisations::{self, NewOrganisation};
use domain::search::{self, SearchIndex, SearchQuery};
use domain::showcases::ProjectStatus;
use domain::showcases::projects::{self, NewProject};
use domain::tenancy::{self, Language, NewNetwork, TenantScope, Visibility};

/// What one engine measured.
pub struct Burst {
    pub projects: usize,
    /// Until the last write was committed (its job enqueued).
    pub written: Duration,
    /// From the first write until a search found every project.
    pub found: Duration,
}

/// Writes `count` projects in a network of their own on `svc`'s database, indexed into
/// `engine` by a worker running beside the writes.
pub async fn run(
    svc: &Services,
    engine: Arc<dyn SearchIndex>,
    worker_config: worker::WorkerConfig,
    count: usize,
) -> anyhow::Result<Burst> {
    let mut svc = svc.clone();
    svc.search = engine;
    let suffix = uuid::Uuid::now_v7().simple().to_string();
    let network = tenancy::create_network(
        &svc,
        NewNetwork {
            slug: format!("burst-{}", &suffix[suffix.len() - 10..]),
            name: "Burst".into(),
            default_language: Language::Danish,
            time_zone: "Europe/Copenhagen".into(),
        },
    )
    .await?;
    let scope = TenantScope::system(network, "bench");
    let organisation = organisations::create(
        &svc,
        &scope,
        NewOrganisation {
            name: "Burst Kommune".into(),
            sector: Sector::Municipality,
            registry_number: None,
        },
    )
    .await?;
    let worker = worker::Worker::new(svc.clone(), "bench-burst", worker_config);
    let (stop, stopped) = tokio::sync::watch::channel(false);
    let running = tokio::spawn(async move {
        let mut stopped = stopped;
        worker
            .run(async move {
                let _ = stopped.wait_for(|stop| *stop).await;
            })
            .await;
    });

    let started = Instant::now();
    for i in 0..count {
        projects::create(
            &svc,
            &scope,
            NewProject {
                title: format!("Lygtemand {i}"),
                summary: "Samarbejde om trivsel på tværs af sektorer".into(),
                status: ProjectStatus::Running,
                visibility: Visibility::Network,
                owner_organisation_id: Some(organisation.id),
                ..Default::default()
            },
        )
        .await?;
    }
    let written = started.elapsed();
    let query = SearchQuery::text("lygtemand");
    let found = loop {
        let outcome = search::search(&svc, &scope, &query).await?;
        if outcome.total >= count {
            break started.elapsed();
        }
        if started.elapsed() > Duration::from_secs(300) {
            bail!(
                "only {} of {count} projects found after five minutes",
                outcome.total
            );
        }
        tokio::time::sleep(Duration::from_millis(5)).await;
    };
    let _ = stop.send(true);
    running.await?;
    Ok(Burst {
        projects: count,
        written,
        found,
    })
}
