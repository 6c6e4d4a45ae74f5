//! Operator endpoints.

use domain::policy::Role;

use crate::support::TestApp;

#[tokio::test]
async fn health_readiness_and_metrics() {
    let app = TestApp::spawn().await;
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
    let metrics = reqwest::get(app.url("/metrics"))
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
