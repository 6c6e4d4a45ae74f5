//! Issue 10: the worker runs index jobs in batches, one engine write per batch, and a failing
//! job fails alone; while Meilisearch is unreachable index jobs wait without spending attempts,
//! and are indexed when it answers again; the composed application runs on a live Meilisearch
//! (`SAMVIRKE_TEST_MEILISEARCH_URL`, started by scripts/test).

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use chrono::Duration;
use domain::jobs::{self, JobStatus};
use domain::policy::Role;
use domain::showcases::ProjectStatus;
use domain::showcases::projects::{self, NewProject};
use domain::tenancy::Visibility;
use samvirke::settings::{Secret, Settings};
use sea_orm::{ConnectionTrait, Statement};
use serde_json::json;
use tokio::net::{TcpListener, TcpStream};

use crate::support::{Seeded, TestApp, json};

async fn search_total(app: &TestApp, client: &reqwest::Client, network: &Seeded, q: &str) -> u64 {
    let url = app.url(&format!("/api/v1/networks/{}/search", network.slug()));
    let (status, body) = json(client.get(url).query(&[("q", q)]).send().await.unwrap()).await;
    assert_eq!(status, 200, "{body}");
    body["total"].as_u64().unwrap()
}

async fn create_projects(app: &TestApp, network: &Seeded, word: &str, n: usize) {
    for i in 0..n {
        projects::create(
            &app.services,
            &network.scope,
            NewProject {
                title: format!("{word} {i}"),
                summary: "Samarbejde på tværs af sektorer".into(),
                body: String::new(),
                status: ProjectStatus::Running,
                visibility: Visibility::Network,
                owner_organisation_id: Some(network.organisation.id),
                group_id: None,
                tags: vec![],
                ..Default::default()
            },
        )
        .await
        .unwrap();
    }
}

/// An index job that fails whenever it runs: it names no network, so the worker has no scope
/// to run it in.
async fn enqueue_a_failing_index_job(app: &TestApp) {
    let backend = app.services.db.backend();
    let now = app.clock_now();
    let sql = match backend {
        sea_orm::DbBackend::Postgres => {
            "INSERT INTO jobs (id, tenant_id, kind, payload, status, run_after, attempts, max_attempts, last_error, locked_by, locked_until, created_at, updated_at) VALUES ($1, NULL, 'index_project', $2, 'pending', $3, 0, 8, NULL, NULL, NULL, $3, $3)"
        }
        _ => {
            "INSERT INTO jobs (id, tenant_id, kind, payload, status, run_after, attempts, max_attempts, last_error, locked_by, locked_until, created_at, updated_at) VALUES (?, NULL, 'index_project', ?, 'pending', ?, 0, 8, NULL, NULL, NULL, ?, ?)"
        }
    };
    let mut values: Vec<sea_orm::Value> = vec![
        uuid::Uuid::now_v7().into(),
        json!({ "kind": "index_project", "project_id": uuid::Uuid::now_v7() }).into(),
        now.into(),
    ];
    if backend != sea_orm::DbBackend::Postgres {
        values.push(now.into());
        values.push(now.into());
    }
    app.services
        .db
        .raw()
        .execute_raw(Statement::from_sql_and_values(backend, sql, values))
        .await
        .unwrap();
}

fn worker(app: &TestApp) -> worker::Worker {
    worker::Worker::new(
        app.services.clone(),
        "batch-worker",
        app.settings.worker_config().unwrap(),
    )
}

async fn pending_jobs(app: &TestApp) -> Vec<jobs::JobInfo> {
    jobs::list(&app.services, Some(JobStatus::Pending), 100)
        .await
        .unwrap()
}

async fn dead_jobs(app: &TestApp) -> usize {
    jobs::list(&app.services, Some(JobStatus::Dead), 100)
        .await
        .unwrap()
        .len()
}

#[tokio::test]
async fn a_batch_indexes_its_jobs_together_and_a_failing_job_fails_alone() {
    let app = TestApp::spawn().await;
    let a = app.seed("netvaerk-a").await;
    create_projects(&app, &a, "Fyrtårnsprojekt", 5).await;
    enqueue_a_failing_index_job(&app).await;

    // One claim takes the five index jobs and the failing one together.
    assert_eq!(worker(&app).run_next().await.unwrap(), 6);
    let member = app.signed_in(&a.email(Role::Member)).await;
    assert_eq!(search_total(&app, &member, &a, "fyrtårnsprojekt").await, 5);
    let pending = pending_jobs(&app).await;
    assert_eq!(pending.len(), 1, "{pending:?}");
    let failed = &pending[0];
    assert_eq!(failed.kind, "index_project");
    assert_eq!(failed.attempts, 1);
    assert!(failed.run_after > app.clock_now(), "waits for its back-off");
    assert!(
        failed
            .last_error
            .as_deref()
            .unwrap()
            .contains("without a network"),
        "{failed:?}"
    );
    app.clock.advance(Duration::seconds(5));
    assert_eq!(app.drain().await, 1, "it is retried");
    assert_eq!(pending_jobs(&app).await[0].attempts, 2);
    app.stop().await;
}

/// The live test server, or `None` (a printed skip) when there is none.
fn meilisearch() -> Option<(String, Option<String>)> {
    let Ok(url) = std::env::var("SAMVIRKE_TEST_MEILISEARCH_URL") else {
        assert!(
            std::env::var_os("SAMVIRKE_TEST_REQUIRE_SERVICES").is_none(),
            "SAMVIRKE_TEST_REQUIRE_SERVICES is set but SAMVIRKE_TEST_MEILISEARCH_URL is not"
        );
        eprintln!("skipped: set SAMVIRKE_TEST_MEILISEARCH_URL");
        return None;
    };
    Some((url, std::env::var("SAMVIRKE_TEST_MEILISEARCH_KEY").ok()))
}

/// A TCP relay to a server that can be "down": while it is, every connection is closed at
/// once, as a stopped server's port would refuse it.
struct Outage {
    url: String,
    down: Arc<AtomicBool>,
}

impl Outage {
    async fn start(target: &str) -> Outage {
        let target = target
            .trim_start_matches("http://")
            .trim_end_matches('/')
            .to_owned();
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        let down = Arc::new(AtomicBool::new(true));
        let is_down = down.clone();
        tokio::spawn(async move {
            while let Ok((mut client, _)) = listener.accept().await {
                if is_down.load(Ordering::SeqCst) {
                    drop(client);
                    continue;
                }
                let target = target.clone();
                tokio::spawn(async move {
                    if let Ok(mut server) = TcpStream::connect(&target).await {
                        let _ = tokio::io::copy_bidirectional(&mut client, &mut server).await;
                    }
                });
            }
        });
        Outage { url, down }
    }

    fn end(&self) {
        self.down.store(false, Ordering::SeqCst);
    }
}

fn on_meilisearch(settings: &mut Settings, url: &str, key: Option<&str>, prefix: &str) {
    settings.search.meilisearch_url = Some(url.to_owned());
    settings.search.meilisearch_key = key.map(Secret::new);
    settings.search.index_prefix = prefix.to_owned();
}

/// The application starts while Meilisearch is down; writes go on; index jobs are postponed
/// again and again without spending attempts (none dies, however long it lasts); when the
/// server answers, the index is set up and the jobs are indexed in one batch.
#[tokio::test]
async fn while_meilisearch_is_down_index_jobs_wait_and_are_indexed_when_it_returns() {
    let Some((url, key)) = meilisearch() else {
        return;
    };
    let outage = Outage::start(&url).await;
    let prefix = format!("samvirke_e2e_{}", uuid::Uuid::now_v7().simple());
    let app =
        TestApp::spawn_configured(|s| on_meilisearch(s, &outage.url, key.as_deref(), &prefix))
            .await;
    let a = app.seed("netvaerk-a").await;
    create_projects(&app, &a, "Fyrtårnsprojekt", 3).await;

    // Far more rounds than a job has attempts.
    for _ in 0..12 {
        assert_eq!(app.drain().await, 3);
        let pending = pending_jobs(&app).await;
        assert_eq!(pending.len(), 3);
        for job in &pending {
            assert_eq!(job.attempts, 0, "an outage spends no attempt: {job:?}");
            assert!(
                job.last_error
                    .as_deref()
                    .unwrap()
                    .contains("search engine is unreachable"),
                "{job:?}"
            );
        }
        assert_eq!(app.drain().await, 0, "postponed, not retried at once");
        app.clock.advance(Duration::seconds(5));
    }
    assert_eq!(dead_jobs(&app).await, 0);

    outage.end();
    assert_eq!(app.drain().await, 3);
    assert!(pending_jobs(&app).await.is_empty());
    let member = app.signed_in(&a.email(Role::Member)).await;
    assert_eq!(search_total(&app, &member, &a, "fyrtårnsprojekt").await, 3);

    let index = infra::search::MeilisearchIndex::new(&url, key.as_deref(), &prefix).unwrap();
    index.delete_index().await.unwrap();
    app.stop().await;
}
