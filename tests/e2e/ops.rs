//! Operator endpoints.

use domain::policy::Role;

use samvirke::app::Parts;
use samvirke::settings::Secret;

use sea_orm::ConnectionTrait;

use crate::support::{TestApp, json, test_settings};

const METRICS_TOKEN: &str = "maaling-hemmelig-1234";

/// The application with `/metrics` behind a bearer token.
async fn with_metrics_token(token: &str) -> TestApp {
    let dir = tempfile::tempdir().unwrap();
    let mut settings = test_settings(dir.path()).await;
    settings.server.metrics_token = Some(Secret::new(token));
    TestApp::start(dir, settings, HTTP_ONLY).await
}

const HTTP_ONLY: Parts = Parts {
    http: true,
    worker: false,
};

#[tokio::test]
async fn health_readiness_and_metrics() {
    let app = with_metrics_token(METRICS_TOKEN).await;
    let a = app.seed("netvaerk-a").await;
    let health = reqwest::get(app.url("/healthz")).await.unwrap();
    assert_eq!(health.status(), 200);
    let ready = reqwest::get(app.url("/readyz")).await.unwrap();
    assert_eq!(ready.status(), 200);
    let client = app.signed_in(&a.email(Role::Member)).await;
    client
        .get(app.url(&format!("/api/v1/networks/{}/projects", a.slug())))
        .send()
        .await
        .unwrap();
    let metrics = reqwest::Client::new()
        .get(app.url("/metrics"))
        .bearer_auth(METRICS_TOKEN)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        metrics.contains("samvirke_http_requests_total{method=\"GET\",route=\"/api/v1/networks/:param0/projects\",status=\"200\"} 1"),
        "{metrics}"
    );
    assert!(metrics.contains("samvirke_http_request_duration_seconds_bucket"));
    assert!(metrics.contains("samvirke_jobs{state=\"pending\"}"));
    app.stop().await;
}

/// `/readyz` answers 503 only for the database: with the search index gone it stays ready, and
/// says in its body and in `/metrics` that search is down.
#[tokio::test]
async fn readiness_reports_search_down_but_stays_ready() {
    let app = with_metrics_token(METRICS_TOKEN).await;
    let (status, ready) = json(reqwest::get(app.url("/readyz")).await.unwrap()).await;
    assert_eq!(status, 200);
    assert_eq!(
        ready,
        serde_json::json!({ "database": "up", "search": "up", "files": "up" })
    );
    std::fs::remove_dir_all(app.settings.index_dir()).unwrap();
    let (status, ready) = json(reqwest::get(app.url("/readyz")).await.unwrap()).await;
    assert_eq!(status, 200, "{ready}");
    assert_eq!(
        ready,
        serde_json::json!({ "database": "up", "search": "down", "files": "up" })
    );
    let metrics = reqwest::Client::new()
        .get(app.url("/metrics"))
        .bearer_auth(METRICS_TOKEN)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    for line in [
        "samvirke_dependency_up{dependency=\"database\"} 1",
        "samvirke_dependency_up{dependency=\"search\"} 0",
        "samvirke_dependency_up{dependency=\"files\"} 1",
    ] {
        assert!(metrics.contains(line), "{line} in {metrics}");
    }
    app.stop().await;
}

/// The request id of the request that created a project, as its index job recorded it.
async fn index_job_request_id(app: &TestApp) -> Option<String> {
    let db = app.services.db.raw();
    let row = db
        .query_one_raw(sea_orm::Statement::from_string(
            db.get_database_backend(),
            "SELECT request_id FROM jobs WHERE kind = 'index_project'",
        ))
        .await
        .unwrap()
        .unwrap();
    row.try_get("", "request_id").unwrap()
}

async fn create_project(
    app: &TestApp,
    client: &reqwest::Client,
    slug: &str,
    id: Option<&str>,
) -> String {
    let mut request = client
        .post(app.url(&format!("/api/v1/networks/{slug}/projects")))
        .json(&serde_json::json!({ "title": "Trygge forældre", "status": "running", "visibility": "network" }));
    if let Some(id) = id {
        request = request.header("x-request-id", id);
    }
    let response = request.send().await.unwrap();
    assert!(response.status().is_success(), "{}", response.status());
    response.headers()["x-request-id"]
        .to_str()
        .unwrap()
        .to_owned()
}

/// Without trusted proxies a client's `X-Request-Id` is not believed: the server makes its own
/// id (a UUID v7), answers it, and the job the request enqueued records it.
#[tokio::test]
async fn request_ids_are_made_answered_and_kept_on_jobs() {
    let app = TestApp::spawn().await;
    let a = app.seed("netvaerk-a").await;
    let member = app.signed_in(&a.email(Role::Member)).await;
    let id = create_project(&app, &member, a.slug(), Some("fra-klienten-1")).await;
    let parsed = uuid::Uuid::parse_str(&id).unwrap();
    assert_eq!(parsed.get_version_num(), 7, "{id}");
    assert_eq!(
        index_job_request_id(&app).await.as_deref(),
        Some(id.as_str())
    );
    // Every answer carries one, a fresh one each time.
    let health = reqwest::get(app.url("/healthz")).await.unwrap();
    let other = health.headers()["x-request-id"].to_str().unwrap();
    assert_ne!(other, id);
    app.stop().await;
}

/// From a trusted proxy a short, plain `X-Request-Id` is kept; an over-long or odd one is
/// replaced.
#[tokio::test]
async fn a_trusted_proxys_request_id_is_kept_when_plain() {
    let app = TestApp::spawn_configured(|settings| {
        settings.server.trusted_proxies = vec!["127.0.0.1".into()];
    })
    .await;
    let a = app.seed("netvaerk-a").await;
    let member = app.signed_in(&a.email(Role::Member)).await;
    let id = create_project(&app, &member, a.slug(), Some("proxy-4f2a.9_b")).await;
    assert_eq!(id, "proxy-4f2a.9_b");
    assert_eq!(
        index_job_request_id(&app).await.as_deref(),
        Some("proxy-4f2a.9_b")
    );
    for odd in ["x".repeat(65), "a b".into(), "<script>".into()] {
        let response = reqwest::Client::new()
            .get(app.url("/healthz"))
            .header("x-request-id", odd.as_str())
            .send()
            .await
            .unwrap();
        let answered = response.headers()["x-request-id"].to_str().unwrap();
        assert_ne!(answered, odd);
        assert!(uuid::Uuid::parse_str(answered).is_ok(), "{answered}");
    }
    app.stop().await;
}

/// Real processes logging JSON: `http` writes one line per request with its id, and the
/// `worker` runs the job that request enqueued in a span carrying the same id.
#[tokio::test]
async fn one_json_log_line_per_request_and_the_job_span_carry_the_request_id() {
    use crate::support::child::ChildProcess;
    let app = TestApp::spawn().await;
    let a = app.seed("netvaerk-a").await;
    let server = ChildProcess::start(
        &app.settings,
        app.dir.path(),
        "http",
        &["http"],
        &[
            ("SAMVIRKE__SERVER__ADDR", "127.0.0.1:0"),
            ("SAMVIRKE__SERVER__TRUSTED_PROXIES", "[127.0.0.1]"),
        ],
    );
    let base = server.listening_on().await;
    let member = reqwest::Client::builder()
        .cookie_store(true)
        .build()
        .unwrap();
    let response = member
        .post(format!("{base}/api/v1/session"))
        .json(&serde_json::json!({ "email": a.email(Role::Member), "password": crate::support::PASSWORD }))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    let response = member
        .post(format!("{base}/api/v1/networks/{}/projects", a.slug()))
        .header("x-request-id", "lb-7e1d")
        .json(&serde_json::json!({ "title": "Trygge forældre", "status": "running", "visibility": "network" }))
        .send()
        .await
        .unwrap();
    assert!(response.status().is_success());
    let lines = |child: &ChildProcess| -> Vec<serde_json::Value> {
        child
            .log_text()
            .lines()
            .filter_map(|line| serde_json::from_str(line).ok())
            .collect()
    };
    let requests: Vec<serde_json::Value> =
        crate::support::eventually_some(30, "the request line", || {
            let found: Vec<serde_json::Value> = lines(&server)
                .into_iter()
                .filter(|l| l["message"] == "request" && l["request_id"] == "lb-7e1d")
                .collect();
            async move { (!found.is_empty()).then_some(found) }
        })
        .await;
    assert_eq!(requests.len(), 1, "{requests:?}");
    assert_eq!(requests[0]["route"], "/api/v1/networks/:param0/projects");
    assert_eq!(requests[0]["status"], 200);

    let worker = ChildProcess::start(&app.settings, app.dir.path(), "worker", &["worker"], &[]);
    let done = crate::support::eventually_some(30, "the index job to finish", || {
        let found = lines(&worker)
            .into_iter()
            .find(|l| l["message"] == "job done" && l["span"]["kind"] == "index_project");
        async move { found }
    })
    .await;
    assert_eq!(done["span"]["request_id"], "lb-7e1d", "{done}");
    drop(worker);
    drop(server);
    app.stop().await;
}

/// Issue 9, item 6: `/metrics` answers only with its token, or only on its own address; without
/// either it is not served at all.
#[tokio::test]
async fn metrics_need_their_token_or_their_own_address() {
    // Neither: not served.
    let app = TestApp::spawn().await;
    let response = reqwest::get(app.url("/metrics")).await.unwrap();
    assert_eq!(response.status(), 404);
    app.stop().await;

    // A token: refused without it or with another, served with it.
    let app = with_metrics_token(METRICS_TOKEN).await;
    let client = reqwest::Client::new();
    for auth in [
        None,
        Some("Bearer forkert"),
        Some("Bearer "),
        Some(METRICS_TOKEN),
    ] {
        let mut request = client.get(app.url("/metrics"));
        if let Some(auth) = auth {
            request = request.header("Authorization", auth);
        }
        let response = request.send().await.unwrap();
        assert_eq!(response.status(), 401, "{auth:?}");
        assert!(!response.text().await.unwrap().contains("samvirke_http"));
    }
    let response = client
        .get(app.url("/metrics"))
        .bearer_auth(METRICS_TOKEN)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    app.stop().await;

    // Its own address: there only.
    let dir = tempfile::tempdir().unwrap();
    let mut settings = test_settings(dir.path()).await;
    settings.server.metrics_addr = Some("127.0.0.1:0".into());
    let services = samvirke::app::services(
        &settings,
        std::sync::Arc::new(domain::clock::ManualClock::new(chrono::Utc::now())),
    )
    .await
    .unwrap();
    samvirke::app::migrate(&services).await.unwrap();
    let running = samvirke::app::Application::start(services, &settings, HTTP_ONLY, "127.0.0.1:0")
        .await
        .unwrap();
    let main = running.addr.unwrap();
    let metrics = running.metrics_addr.unwrap();
    reqwest::get(format!("http://{main}/healthz"))
        .await
        .unwrap();
    let response = reqwest::get(format!("http://{main}/metrics"))
        .await
        .unwrap();
    assert_eq!(response.status(), 404);
    let response = reqwest::get(format!("http://{metrics}/metrics"))
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    assert!(
        response
            .text()
            .await
            .unwrap()
            .contains("samvirke_http_requests_total")
    );
    let response = reqwest::get(format!("http://{metrics}/healthz"))
        .await
        .unwrap();
    assert_eq!(
        response.status(),
        404,
        "only /metrics on the metrics address"
    );
    running.stop().await.unwrap();
}

/// Issue 9, item 6 (confirmed, then fixed): any method a client invents became its own metrics
/// label. Now every method outside the standard ones counts as `other`, and answers 405.
#[tokio::test]
async fn invented_methods_share_one_metrics_label() {
    let app = with_metrics_token(METRICS_TOKEN).await;
    let client = reqwest::Client::new();
    for n in 0..20 {
        let method = reqwest::Method::from_bytes(format!("BREW{n}").as_bytes()).unwrap();
        let response = client
            .request(method, app.url("/healthz"))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 405);
        assert_eq!(response.headers()["allow"], "GET, HEAD");
    }
    let metrics = client
        .get(app.url("/metrics"))
        .bearer_auth(METRICS_TOKEN)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(!metrics.contains("BREW"), "{metrics}");
    assert!(
        metrics.contains(
            "samvirke_http_requests_total{method=\"other\",route=\"/healthz\",status=\"405\"} 20"
        ),
        "{metrics}"
    );
    app.stop().await;
}
