//! Outages of a backing service: while the search engine is down, search answers 503 and
//! everything else works; while the database cannot be reached, requests answer 503 (never 500)
//! and the process reconnects by itself when it returns.

use domain::policy::Role;
use sea_orm::ConnectionTrait;
use serde_json::json;

use crate::support::{TestApp, eventually, json};

/// A loopback port nobody listens on.
fn closed_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

async fn readiness(app: &TestApp) -> (u16, serde_json::Value) {
    json(reqwest::get(app.url("/readyz")).await.unwrap()).await
}

fn retry_after(response: &reqwest::Response) -> Option<u64> {
    response
        .headers()
        .get("retry-after")?
        .to_str()
        .ok()?
        .parse()
        .ok()
}

/// Meilisearch configured but unreachable (a port nobody listens on): the process starts,
/// search answers 503 `search_unavailable` with `Retry-After` in the API and a page saying so in
/// the web UI (the library included), and project writes, reads and `/readyz` go on.
#[tokio::test]
async fn while_search_is_down_search_answers_503_and_writes_go_on() {
    let port = closed_port();
    let app = TestApp::spawn_configured(|settings| {
        settings.search.meilisearch_url = Some(format!("http://127.0.0.1:{port}"));
    })
    .await;
    let a = app.seed("netvaerk-a").await;
    let member = app.signed_in(&a.email(Role::Member)).await;

    let (status, project) = json(
        member
            .post(app.url(&format!("/api/v1/networks/{}/projects", a.slug())))
            .json(&json!({ "title": "Trygge forældre", "status": "running", "visibility": "network" }))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert!((200..300).contains(&status), "{status}: {project}");
    let (status, _) = json(
        member
            .get(app.url(&format!("/api/v1/networks/{}/projects", a.slug())))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 200);

    for query in [
        vec![("q", "forældre")],
        vec![("q", "forældre"), ("library", "true")],
    ] {
        let response = member
            .get(app.url(&format!("/api/v1/networks/{}/search", a.slug())))
            .query(&query)
            .send()
            .await
            .unwrap();
        assert!(retry_after(&response).is_some(), "{query:?}");
        let (status, problem) = json(response).await;
        assert_eq!(status, 503, "{query:?}: {problem}");
        assert_eq!(problem["code"], "search_unavailable", "{problem}");
    }
    // The web library lists projects from the database, so it keeps working.
    let library = member
        .get(app.url(&format!("/n/{}/library", a.slug())))
        .send()
        .await
        .unwrap();
    assert_eq!(library.status(), 200);
    let page = "search";
    let response = member
        .get(app.url(&format!("/n/{}/{page}", a.slug())))
        .query(&[("q", "forældre")])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 503, "{page}");
    assert!(retry_after(&response).is_some(), "{page}");
    let body = response.text().await.unwrap();
    // A member reads the pages in the network's language (Danish here).
    assert!(
        body.contains("Søgningen er utilgængelig lige nu"),
        "{page}: {body}"
    );

    let (status, ready) = readiness(&app).await;
    assert_eq!(status, 200, "{ready}");
    assert_eq!(
        ready,
        json!({ "database": "up", "search": "down", "files": "up" })
    );
    app.stop().await;
}

/// PostgreSQL only: the test's database stops accepting connections and the application's
/// connections are cut, as in a restart. Requests answer 503 `unavailable` with `Retry-After`
/// (never 500), `/readyz` answers 503; once the database accepts connections again, the same
/// process answers 200 without a restart.
#[tokio::test]
async fn while_the_database_is_unreachable_requests_answer_503_then_recover() {
    let Some(admin_url) = crate::support::db::postgres_admin_url() else {
        eprintln!(
            "skipped: needs PostgreSQL (SAMVIRKE_TEST_DATABASE_URL); a SQLite file cannot become unreachable"
        );
        return;
    };
    let app = TestApp::spawn().await;
    let a = app.seed("netvaerk-a").await;
    let member = app.signed_in(&a.email(Role::Member)).await;
    let projects = app.url(&format!("/api/v1/networks/{}/projects", a.slug()));
    assert_eq!(member.get(&projects).send().await.unwrap().status(), 200);

    let name = app
        .settings
        .database_url()
        .rsplit('/')
        .next()
        .unwrap()
        .split('?')
        .next()
        .unwrap()
        .to_owned();
    let admin = sea_orm::Database::connect(&admin_url).await.unwrap();
    let cut = |allow: bool| {
        let admin = &admin;
        let name = name.clone();
        async move {
            admin
                .execute_unprepared(&format!(
                    "ALTER DATABASE {name} WITH ALLOW_CONNECTIONS {allow}"
                ))
                .await
                .unwrap();
            if !allow {
                admin
                    .execute_unprepared(&format!(
                        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{name}'"
                    ))
                    .await
                    .unwrap();
            }
        }
    };
    cut(false).await;

    for _ in 0..3 {
        let response = member.get(&projects).send().await.unwrap();
        assert!(retry_after(&response).is_some());
        let (status, problem) = json(response).await;
        assert_eq!(status, 503, "{problem}");
        assert_eq!(problem["code"], "unavailable", "{problem}");
    }
    let response = member
        .post(&projects)
        .json(&json!({ "title": "Under genstart", "status": "running", "visibility": "network" }))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 503);
    let page = member
        .get(app.url(&format!("/n/{}/projects", a.slug())))
        .send()
        .await
        .unwrap();
    assert_eq!(page.status(), 503);
    let (status, ready) = readiness(&app).await;
    assert_eq!(status, 503, "{ready}");
    assert_eq!(ready["database"], "down", "{ready}");

    cut(true).await;
    eventually(30, "the application to reconnect", || async {
        member
            .get(&projects)
            .send()
            .await
            .is_ok_and(|r| r.status() == 200)
    })
    .await;
    let (status, ready) = readiness(&app).await;
    assert_eq!(status, 200, "{ready}");
    admin.close().await.unwrap();
    app.stop().await;
}
