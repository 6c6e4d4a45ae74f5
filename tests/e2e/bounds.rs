//! Issue 9: every request is bounded. The regression tests of its "Seen" items (a forged search
//! cursor that aborted the process, a 50 MB JSON body that lifted the server to 900 MB, secret
//! tokens in the internal-error log line) and the bounds that answer the class: body, URL and
//! header size, the concurrency limit, the time limit and the upload idle timeout.

use std::time::Duration;

use domain::policy::Role;
use domain::showcases::ProjectStatus;
use domain::showcases::projects::{self, NewProject};
use domain::tenancy::Visibility;
use domain::tokens::{self, NewToken};
use samvirke::settings::Settings;

use crate::support::raw::{self, RawResponse, Send, resident_bytes};
use crate::support::{Seeded, TestApp};

const LIMIT: Duration = Duration::from_secs(30);

async fn spawn_with(change: impl FnOnce(&mut Settings)) -> TestApp {
    TestApp::spawn_configured(change).await
}

fn addr(app: &TestApp) -> String {
    app.base.trim_start_matches("http://").to_owned()
}

async fn public_project(app: &TestApp, network: &Seeded, title: &str) -> String {
    let mut input = NewProject::basic(title, ProjectStatus::Running, Visibility::Public);
    input.summary = "Inddragelse af barn og familie".into();
    input.owner_organisation_id = Some(network.organisation.id);
    let project = projects::create(&app.services, &network.scope, input)
        .await
        .unwrap();
    app.drain().await;
    project.id.to_string()
}

fn assert_problem(response: &RawResponse, status: u16, code: &str) {
    assert_eq!(response.status, status, "{}", response.text());
    assert_eq!(
        response.header("content-type"),
        Some("application/problem+json"),
        "{}",
        response.text()
    );
    assert_eq!(response.json()["code"], code, "{}", response.text());
}

fn assert_page(response: &RawResponse, status: u16) {
    assert_eq!(response.status, status, "{}", response.text());
    assert!(
        response
            .header("content-type")
            .is_some_and(|t| t.starts_with("text/html")),
        "{:?}",
        response.headers
    );
    assert!(response.text().contains("<h1>"), "{}", response.text());
}

/// Seen item 1: a signed-out search with a cursor naming offset 10^15 aborted the whole
/// process. Now every forged cursor is a 400 before the engine sees it — web and API, search
/// and library — and the server answers on.
#[tokio::test]
async fn forged_search_cursors_are_refused_and_the_server_stays_up() {
    let app = TestApp::spawn().await;
    let a = app.seed("netvaerk-a").await;
    public_project(&app, &a, "Barn i centrum").await;
    let client = reqwest::Client::new();
    let seen = "bzoxMDAwMDAwMDAwMDAwMDAw"; // base64 of `o:1000000000000000`
    let response = client
        .get(app.url(&format!("/n/{}/search?q=barn&cursor={seen}", a.slug())))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 400);
    let forged = [
        seen.to_owned(),
        "bzo5OTk5OTk5OTk5OTk5OTk5OTk5OTk5OTk5OQ".into(), // o:99999999999999999999999999
        "bzoxMDAw".into(),                               // o:1000, the window's end
        "bzotMQ".into(),                                 // o:-1
        "bzoxODQ0Njc0NDA3MzcwOTU1MTYxNQ".into(),         // o:usize::MAX
        "AZNrPZcVd2iNvQJrMzg3jg".into(),                 // a keyset cursor
        "%FF%FE".into(),
        "A".repeat(4000),
    ];
    let paths = [
        format!("/n/{}/search?q=barn&cursor=", a.slug()),
        format!("/n/{}/library?q=barn&cursor=", a.slug()),
        format!("/api/v1/networks/{}/search?q=barn&cursor=", a.slug()),
        format!(
            "/api/v1/networks/{}/search?q=barn&library=true&cursor=",
            a.slug()
        ),
    ];
    // The library searches only for the signed-in.
    let member = app.signed_in(&a.email(Role::Member)).await;
    for path in &paths {
        let client = if path.contains("library") {
            &member
        } else {
            &client
        };
        for cursor in &forged {
            if path.contains("/library") && cursor.starts_with("AZNr") {
                // The web library pages projects by keyset: a keyset cursor is one of its own.
                continue;
            }
            let response = client
                .get(app.url(&format!("{path}{cursor}")))
                .send()
                .await
                .unwrap();
            let status = response.status().as_u16();
            assert!(
                (400..500).contains(&status),
                "{path}{cursor:.40} answered {status}"
            );
            if path.starts_with("/api") {
                let body: serde_json::Value = response.json().await.unwrap();
                assert!(
                    body["code"] == "invalid_cursor" || body["code"] == "invalid_parameter",
                    "{path}{cursor:.40}: {body}"
                );
            }
        }
    }
    // A cursor the server handed out still pages.
    let response = client
        .get(app.url(&format!("/api/v1/networks/{}/search?q=barn", a.slug())))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    let health = client.get(app.url("/healthz")).send().await.unwrap();
    assert_eq!(health.status(), 200, "the server is still up");
    app.stop().await;
}

/// Seen item 2: a 50 MB JSON body to the signed-out sign-in lifted the server by 850 MB. Now a
/// JSON body over `server.max_json_bytes` is refused with 413 problem JSON — whether it
/// declares its length or streams without one — and eight such bodies at once leave the
/// server's memory where it was.
#[tokio::test]
async fn json_bodies_over_the_limit_are_refused_without_growing_memory() {
    let app = TestApp::spawn().await;
    let addr = addr(&app);
    let fifty_mb = 50 * 1000 * 1000;
    let chunk = vec![b' '; 64 * 1024];
    let before = resident_bytes(std::process::id());
    let mut tasks = Vec::new();
    for n in 0..8 {
        let addr = addr.clone();
        let chunk = chunk.clone();
        tasks.push(tokio::spawn(async move {
            let head = if n % 2 == 0 {
                format!(
                    "POST /api/v1/session HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: {fifty_mb}"
                )
            } else {
                "POST /api/v1/session HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked".to_owned()
            };
            let body = if n % 2 == 0 {
                chunk.clone()
            } else {
                let mut framed = format!("{:x}\r\n", chunk.len()).into_bytes();
                framed.extend_from_slice(&chunk);
                framed.extend_from_slice(b"\r\n");
                framed
            };
            raw::exchange(
                &addr,
                &head,
                Send::Repeat {
                    chunk: body,
                    times: fifty_mb / chunk.len(),
                },
                LIMIT,
            )
            .await
        }));
    }
    for task in tasks {
        assert_problem(&task.await.unwrap(), 413, "payload_too_large");
    }
    let grown = resident_bytes(std::process::id()).saturating_sub(before);
    assert!(
        grown < 64 * 1024 * 1024,
        "eight refused 50 MB bodies grew the process by {} MB",
        grown / 1024 / 1024
    );
    // Under the limit, the same operation still reads its body.
    let response = reqwest::Client::new()
        .post(app.url("/api/v1/session"))
        .json(&serde_json::json!({ "email": "ingen@example.org", "password": "forkert-kodeord" }))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 401);
    app.stop().await;
}

/// A web form over `server.max_form_bytes` gets the web's 413 page; any other body over the
/// JSON limit too, on any route.
#[tokio::test]
async fn form_and_other_bodies_have_their_limits() {
    let app = spawn_with(|s| {
        s.server.max_form_bytes = 64 * 1024;
        s.server.max_json_bytes = 16 * 1024;
    })
    .await;
    let addr = addr(&app);
    let form = raw::exchange(
        &addr,
        &format!(
            "POST /signin HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: {}",
            100 * 1024
        ),
        Send::Repeat {
            chunk: vec![b'a'; 1024],
            times: 100,
        },
        LIMIT,
    )
    .await;
    assert_page(&form, 413);
    // Under the form limit but over the JSON limit: a form is not JSON.
    let form = raw::exchange(
        &addr,
        &format!(
            "POST /signin HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: {}",
            32 * 1024
        ),
        Send::Repeat {
            chunk: vec![b'a'; 1024],
            times: 32,
        },
        LIMIT,
    )
    .await;
    assert_ne!(form.status, 413);
    for (path, content_type) in [
        ("/api/v1/session", "text/plain"),
        ("/", "application/xml"),
        ("/healthz", ""),
    ] {
        let content_type = if content_type.is_empty() {
            String::new()
        } else {
            format!("\r\nContent-Type: {content_type}")
        };
        let response = raw::exchange(
            &addr,
            &format!(
                "POST {path} HTTP/1.1\r\nHost: x{content_type}\r\nContent-Length: {}",
                64 * 1024
            ),
            Send::Repeat {
                chunk: vec![b'a'; 1024],
                times: 64,
            },
            LIMIT,
        )
        .await;
        assert_eq!(response.status, 413, "{path}");
    }
    app.stop().await;
}

/// URLs and headers past their limits: 414 and 431, as problem JSON under `/api` and as the
/// web's page elsewhere.
#[tokio::test]
async fn long_urls_and_large_headers_are_refused() {
    let app = TestApp::spawn().await;
    let addr = addr(&app);
    let long = "a".repeat(16 * 1024);
    let api = raw::exchange(
        &addr,
        &format!("GET /api/v1/networks/{long} HTTP/1.1\r\nHost: x"),
        Send::Nothing,
        LIMIT,
    )
    .await;
    assert_problem(&api, 414, "uri_too_long");
    let web = raw::exchange(
        &addr,
        &format!("GET /n/x/search?q={long} HTTP/1.1\r\nHost: x"),
        Send::Nothing,
        LIMIT,
    )
    .await;
    assert_page(&web, 414);
    let cookie = "b".repeat(40 * 1024);
    let api = raw::exchange(
        &addr,
        &format!("GET /api/v1/networks HTTP/1.1\r\nHost: x\r\nCookie: c={cookie}"),
        Send::Nothing,
        LIMIT,
    )
    .await;
    assert_problem(&api, 431, "headers_too_large");
    let many: String = (0..90)
        .map(|n| format!("\r\nX-Filler-{n}: {}", "c".repeat(400)))
        .collect();
    let web = raw::exchange(
        &addr,
        &format!("GET / HTTP/1.1\r\nHost: x{many}"),
        Send::Nothing,
        LIMIT,
    )
    .await;
    assert_page(&web, 431);
    app.stop().await;
}

/// With every request slot taken, one more answers 503 with `Retry-After` at once instead of
/// queueing; when a slot frees, requests are served again.
#[tokio::test]
async fn a_full_server_answers_503_at_once() {
    let app = spawn_with(|s| s.server.max_concurrent_requests = 2).await;
    let addr = addr(&app);
    // Two requests whose bodies never finish hold both slots.
    let mut holders = Vec::new();
    for _ in 0..2 {
        let stream = tokio::net::TcpStream::connect(&addr).await.unwrap();
        use tokio::io::AsyncWriteExt;
        let (_reader, mut writer) = stream.into_split();
        writer
            .write_all(
                b"POST /api/v1/session HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{",
            )
            .await
            .unwrap();
        holders.push((_reader, writer));
    }
    // The server takes a slot when it reads a head; poll until both are taken.
    let client = reqwest::Client::new();
    let refused = crate::support::eventually_some(10, "both slots to be taken", || {
        let request = client.get(app.url("/api/v1/networks")).send();
        async move {
            let response = request.await.unwrap();
            (response.status() == 503).then_some(response)
        }
    })
    .await;
    assert_eq!(refused.headers()["retry-after"], "1");
    let body: serde_json::Value = refused.json().await.unwrap();
    assert_eq!(body["code"], "overloaded");
    let page = client.get(app.url("/")).send().await.unwrap();
    assert_eq!(page.status(), 503);
    assert!(page.headers().contains_key("retry-after"));
    drop(holders);
    crate::support::eventually(10, "a slot to free", || {
        let client = client.clone();
        let url = app.url("/healthz");
        async move { client.get(url).send().await.unwrap().status() == 200 }
    })
    .await;
    app.stop().await;
}

/// A request that does not finish in `server.request_timeout_secs` (here a body that stops
/// arriving) answers 503 `timeout`; an upload instead gets the idle timeout: it may take longer
/// than the time limit while bytes keep arriving, and answers 408 when they stop.
#[tokio::test]
async fn time_limits_and_the_upload_idle_timeout() {
    let app = spawn_with(|s| {
        s.server.request_timeout_secs = 1;
        s.server.upload_idle_timeout_secs = 1;
    })
    .await;
    let a = app.seed("netvaerk-a").await;
    let project = public_project(&app, &a, "Projekt med bilag").await;
    let issued = tokens::create(
        &app.services,
        &a.scope,
        NewToken {
            organisation_id: a.organisation.id,
            name: "Uploader".into(),
            expires_at: None,
        },
    )
    .await
    .unwrap();
    let addr = addr(&app);

    let stalled = raw::exchange(
        &addr,
        "POST /api/v1/session HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100",
        Send::ThenStall(b"{\"email\":".to_vec()),
        LIMIT,
    )
    .await;
    assert_problem(&stalled, 503, "timeout");
    assert_eq!(stalled.header("retry-after"), Some("1"));

    let pdf = crate::support::fixtures::pdf_with(&["Et langsomt bilag"]);
    let upload_head = |name: &str, length: usize| {
        format!(
            "POST /api/v1/networks/{}/files?target_kind=project&target_id={project}&name={name} HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {}\r\nContent-Type: application/octet-stream\r\nContent-Length: {length}",
            a.slug(),
            issued.secret
        )
    };
    // A slow line: the file arrives in six pieces over about 1.8 s, longer than the 1 s
    // time limit, but never idle for 1 s.
    let pieces: Vec<Vec<u8>> = pdf
        .chunks(pdf.len().div_ceil(6))
        .map(<[u8]>::to_vec)
        .collect();
    let slow = raw::exchange(
        &addr,
        &upload_head("langsom.pdf", pdf.len()),
        Send::Paced {
            pieces,
            pause: Duration::from_millis(300),
        },
        LIMIT,
    )
    .await;
    assert_eq!(slow.status, 201, "{}", slow.text());

    // A stalled upload: 408, and nothing stored.
    let stalled = raw::exchange(
        &addr,
        &upload_head("gaaet-i-staa.pdf", pdf.len()),
        Send::ThenStall(pdf[..pdf.len() / 2].to_vec()),
        LIMIT,
    )
    .await;
    assert_problem(&stalled, 408, "upload_stalled");
    let files = reqwest::Client::new()
        .get(app.url(&format!(
            "/api/v1/networks/{}/files?target_kind=project&target_id={project}",
            a.slug()
        )))
        .bearer_auth(&issued.secret)
        .send()
        .await
        .unwrap()
        .json::<serde_json::Value>()
        .await
        .unwrap();
    assert_eq!(files["items"].as_array().unwrap().len(), 1, "{files}");
    app.stop().await;
}

/// Issue 9, item 6 (confirmed, then fixed): the internal-error log line carried the page's path
/// and query, with the secret tokens of invitation, feed and unsubscribe links. A real server
/// logging at TRACE now writes no line with the path's secret or its query.
#[tokio::test]
async fn no_log_line_carries_a_path_secret_or_query() {
    use crate::support::child::ChildProcess;
    let app = TestApp::spawn().await;
    let a = app.seed("netvaerk-a").await;
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let addr = format!("127.0.0.1:{port}");
    let base = format!("http://{addr}");
    let server = ChildProcess::start(
        &app.settings,
        app.dir.path(),
        "log-secrets",
        &["http"],
        &[
            ("SAMVIRKE__LOG__LEVEL", "trace"),
            ("SAMVIRKE__SERVER__ADDR", addr.as_str()),
        ],
    );
    crate::support::eventually(30, "the server to be ready", || async {
        reqwest::get(format!("{base}/readyz"))
            .await
            .is_ok_and(|r| r.status() == 200)
    })
    .await;
    // Break the invitations table under the running server, so its pages fail inside.
    let db = app.services.db.raw();
    use sea_orm::ConnectionTrait;
    db.execute_unprepared("ALTER TABLE invitations RENAME TO invitations_gone")
        .await
        .unwrap();
    let secret = "hemmeligt-token-7f3a9c";
    let client = reqwest::Client::new();
    for path in [
        format!("/invitations/{secret}?token={secret}"),
        format!("/api/v1/invitations/{secret}?token={secret}"),
        format!("/n/{}/search?q={secret}&cursor={secret}", a.slug()),
        format!("/n/{}/members?secret={secret}", a.slug()),
    ] {
        let response = client.get(format!("{base}{path}")).send().await.unwrap();
        assert!(response.status().as_u16() < 600, "{path}");
    }
    let failed = client
        .get(format!("{base}/invitations/{secret}?token={secret}"))
        .send()
        .await
        .unwrap();
    assert_eq!(
        failed.status(),
        500,
        "the broken table makes the page fail inside"
    );
    db.execute_unprepared("ALTER TABLE invitations_gone RENAME TO invitations")
        .await
        .unwrap();
    let log = server.log_text();
    assert!(log.contains("request failed"), "{log}");
    assert!(
        !log.contains(secret),
        "a log line carries the secret:\n{log}"
    );
    drop(server);
    app.stop().await;
}
