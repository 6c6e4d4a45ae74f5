//! Operator endpoints.

use domain::policy::Role;

use samvirke::app::Parts;
use samvirke::settings::Secret;

use crate::support::{TestApp, test_settings};

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

#[tokio::test]
async fn readiness_fails_when_the_search_index_is_gone() {
    let app = TestApp::spawn().await;
    std::fs::remove_dir_all(app.settings.index_dir()).unwrap();
    let ready = reqwest::get(app.url("/readyz")).await.unwrap();
    assert_eq!(ready.status(), 503);
    assert!(ready.text().await.unwrap().contains("search"));
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
