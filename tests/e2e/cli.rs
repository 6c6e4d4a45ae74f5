//! The binary's command line, run as the operator runs it.

use std::process::Output;

use domain::clock::Clock;
use domain::policy::Role;
use samvirke::settings::Settings;

use crate::support::child::command;
use crate::support::{TestApp, eventually, test_settings};

fn run(settings: &Settings, args: &[&str]) -> Output {
    command(settings, args).output().unwrap()
}

fn text(output: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

#[tokio::test]
async fn every_command_has_help() {
    let dir = tempfile::tempdir().unwrap();
    let settings = test_settings(dir.path()).await;
    for args in [
        vec!["--help"],
        vec!["serve", "--help"],
        vec!["http", "--help"],
        vec!["worker", "--help"],
        vec!["migrate", "--help"],
        vec!["demo", "--help"],
        vec!["reindex", "--help"],
        vec!["healthcheck", "--help"],
        vec!["admin", "--help"],
        vec!["admin", "create-network", "--help"],
        vec!["admin", "create-user", "--help"],
        vec!["admin", "add-member", "--help"],
        vec!["admin", "jobs", "--help"],
        vec!["admin", "backup-check", "--help"],
    ] {
        let output = run(&settings, &args);
        assert!(output.status.success(), "{args:?}: {}", text(&output));
        assert!(text(&output).contains("Usage:"), "{args:?}");
    }
}

#[tokio::test]
async fn http_and_worker_refuse_to_start_while_a_migration_is_pending() {
    let dir = tempfile::tempdir().unwrap();
    let mut settings = test_settings(dir.path()).await;
    settings.database.url = Some(samvirke::settings::Secret::new(
        crate::support::db::empty_database_url(dir.path()).await,
    ));
    for process in ["http", "worker"] {
        let output = run(&settings, &[process]);
        assert!(
            !output.status.success(),
            "{process} started on an unmigrated database"
        );
        assert!(
            text(&output).contains("migration"),
            "{process}: {}",
            text(&output)
        );
    }
    let output = run(&settings, &["migrate"]);
    assert!(output.status.success(), "{}", text(&output));
    let output = run(&settings, &["admin", "jobs"]);
    assert!(output.status.success(), "{}", text(&output));
    assert!(text(&output).contains("No jobs."));
}

#[tokio::test]
async fn the_operator_creates_a_network_and_its_first_owner() {
    let dir = tempfile::tempdir().unwrap();
    let settings = test_settings(dir.path()).await;
    assert!(run(&settings, &["migrate"]).status.success());
    let ok = |args: &[&str]| {
        let output = run(&settings, args);
        assert!(output.status.success(), "{args:?}: {}", text(&output));
        text(&output)
    };
    ok(&[
        "admin",
        "create-network",
        "--slug",
        "fsu-vest",
        "--name",
        "FSU Vest",
        "--language",
        "nb",
        "--time-zone",
        "Europe/Oslo",
    ]);
    ok(&[
        "admin",
        "create-user",
        "--email",
        "leder@example.org",
        "--name",
        "Leder",
        "--password",
        "et-langt-passord",
    ]);
    ok(&[
        "admin",
        "add-member",
        "--network",
        "fsu-vest",
        "--email",
        "leder@example.org",
        "--role",
        "owner",
    ]);
    let output = run(
        &settings,
        &[
            "admin",
            "create-network",
            "--slug",
            "Not A Slug",
            "--name",
            "x",
        ],
    );
    assert!(!output.status.success());
    assert!(text(&output).contains("slug"), "{}", text(&output));
    let output = run(
        &settings,
        &[
            "admin",
            "add-member",
            "--network",
            "fsu-vest",
            "--email",
            "leder@example.org",
            "--role",
            "owner",
        ],
    );
    assert!(!output.status.success(), "adding twice");

    let app = TestApp::start(
        dir,
        settings,
        samvirke::app::Parts {
            http: true,
            worker: false,
        },
    )
    .await;
    let client = app.client();
    let response = client
        .post(app.url("/api/v1/session"))
        .json(&serde_json::json!({ "email": "leder@example.org", "password": "et-langt-passord" }))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    let me: serde_json::Value = client
        .get(app.url("/api/v1/me"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(me["networks"][0]["role"], "owner");
    app.stop().await;
}

#[tokio::test]
async fn the_demo_loads_once() {
    let dir = tempfile::tempdir().unwrap();
    let settings = test_settings(dir.path()).await;
    assert!(run(&settings, &["migrate"]).status.success());
    let first = run(&settings, &["demo"]);
    assert!(first.status.success(), "{}", text(&first));
    let printed = text(&first);
    assert!(
        printed.contains("bakkehuset") && printed.contains("fsu-barn-og-unge"),
        "{printed}"
    );
    assert!(
        printed.contains("mette.lindholm@example.org"),
        "the coordinator is printed: {printed}"
    );
    assert!(printed.contains("samvirke-demo"), "the password is printed");

    let app = TestApp::start(
        dir,
        settings.clone(),
        samvirke::app::Parts {
            http: true,
            worker: false,
        },
    )
    .await;
    let before = crate::support::db::row_counts(app.services.db.raw()).await;
    let again = run(&settings, &["demo"]);
    assert!(again.status.success());
    assert!(text(&again).contains("already loaded"));
    assert_eq!(
        before,
        crate::support::db::row_counts(app.services.db.raw()).await,
        "a second load changed something"
    );
    assert!(before["projects"] >= 9);
    app.drain().await;
    let client = app.client();
    let response = client
        .post(app.url("/api/v1/session"))
        .json(&serde_json::json!({ "email": "mette.lindholm@example.org", "password": "samvirke-demo" }))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    let results: serde_json::Value = client
        .get(app.url("/api/v1/networks/bakkehuset/search"))
        .query(&[("q", "akutmodtagelsen")])
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert!(results["total"].as_u64().unwrap() >= 1, "{results}");
    app.stop().await;
}

#[tokio::test]
async fn reindex_rebuilds_or_queues_when_a_server_holds_the_index() {
    let app = TestApp::spawn().await;
    let a = app.seed("netvaerk-a").await;
    let coordinator = app.signed_in(&a.email(Role::Coordinator)).await;
    let response = coordinator
        .post(app.url(&format!("/api/v1/networks/{}/projects", a.slug())))
        .json(&serde_json::json!({ "title": "Autismeprojektet", "status": "running", "visibility": "network" }))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    // The application's worker takes the index writer…
    app.drain().await;
    // …so `reindex` hands the rebuild to it through the queue.
    let output = run(&app.settings, &["reindex"]);
    assert!(output.status.success(), "{}", text(&output));
    assert!(text(&output).contains("queued"), "{}", text(&output));
    // The CLI stamped the job with the wall clock, some moment after the test's clock started
    // (however loaded the machine): catch the test's clock up with the wall clock.
    app.clock
        .set(chrono::Utc::now().max(app.clock.now()) + chrono::Duration::seconds(1));
    assert_eq!(app.drain().await, 1);
    let results: serde_json::Value = coordinator
        .get(app.url(&format!("/api/v1/networks/{}/search", a.slug())))
        .query(&[("q", "autismeprojektet")])
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(results["total"], 1);
    let settings = app.settings.clone();
    let _dir = app.stop().await;
    // With no server running, `reindex` rebuilds directly.
    let output = run(&settings, &["reindex"]);
    assert!(output.status.success(), "{}", text(&output));
    assert!(
        text(&output).contains("rebuilt: 1 documents"),
        "{}",
        text(&output)
    );
}

#[tokio::test]
async fn serve_stops_cleanly_on_sigterm() {
    let dir = tempfile::tempdir().unwrap();
    let settings = test_settings(dir.path()).await;
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let log = dir.path().join("serve.log");
    let mut child = command(&settings, &["serve"])
        .env("SAMVIRKE__SERVER__ADDR", format!("127.0.0.1:{port}"))
        .stdout(std::process::Stdio::null())
        .stderr(std::fs::File::create(&log).unwrap())
        .spawn()
        .unwrap();
    let ready = format!("http://127.0.0.1:{port}/readyz");
    eventually(30, "the server to be ready", || async {
        reqwest::get(&ready).await.is_ok_and(|r| r.status() == 200)
    })
    .await;
    let signalled = std::process::Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(signalled.success());
    let mut status = None;
    eventually(30, "serve stopping on SIGTERM", || {
        status = status.or_else(|| child.try_wait().unwrap());
        std::future::ready(status.is_some())
    })
    .await;
    let status = status.unwrap();
    let log = std::fs::read_to_string(&log).unwrap();
    assert!(status.success(), "{status}: {log}");
    assert!(
        log.contains("shutting down") && log.contains("worker stopped"),
        "{log}"
    );
}

/// What the container image's HEALTHCHECK runs: exit 0 only when the server answers 200, found
/// through `server.addr` (every interface reached on loopback), without touching the database.
#[tokio::test]
async fn healthcheck_exits_zero_only_when_the_server_answers() {
    // Run without blocking: the server under test answers on this test's runtime.
    async fn healthcheck(settings: &Settings, addr: &str, extra: &[&str]) -> Output {
        let mut args = vec!["healthcheck"];
        args.extend_from_slice(extra);
        let mut command = command(settings, &args);
        command
            .env("SAMVIRKE__SERVER__ADDR", addr)
            // Nothing listens there: the check must not need the database.
            .env(
                "SAMVIRKE__DATABASE__URL",
                "postgres://nobody@127.0.0.1:1/nothing",
            );
        tokio::process::Command::from(command)
            .output()
            .await
            .unwrap()
    }
    let app = TestApp::spawn().await;
    let port = app.base.rsplit(':').next().unwrap().to_owned();
    for addr in [format!("127.0.0.1:{port}"), format!("0.0.0.0:{port}")] {
        let output = healthcheck(&app.settings, &addr, &[]).await;
        assert!(output.status.success(), "{addr}: {}", text(&output));
    }
    let ready = app.url("/readyz");
    let output = healthcheck(&app.settings, "127.0.0.1:1", &["--url", &ready]).await;
    assert!(output.status.success(), "--url: {}", text(&output));

    let missing = app.url("/no-such-page");
    let output = healthcheck(&app.settings, "127.0.0.1:1", &["--url", &missing]).await;
    assert_eq!(output.status.code(), Some(1), "{}", text(&output));
    assert!(text(&output).contains("404"), "{}", text(&output));

    let settings = app.settings.clone();
    let _dir = app.stop().await;
    let output = healthcheck(&settings, &format!("127.0.0.1:{port}"), &[]).await;
    assert_eq!(
        output.status.code(),
        Some(1),
        "nothing listens any more: {}",
        text(&output)
    );
}

/// Rolling upgrades: a database that a newer version has migrated further (a migration row this
/// version does not know) is no reason to refuse; `http` starts and `migrate` has nothing to do.
/// One of this version's own migrations pending still is.
#[tokio::test]
async fn http_starts_beside_newer_migrations_and_refuses_only_its_own_pending() {
    use crate::support::child::ChildProcess;
    use sea_orm::ConnectionTrait;
    let app = TestApp::spawn().await;
    let db = app.services.db.raw();
    db.execute_unprepared(
        "INSERT INTO seaql_migrations (version, applied_at) VALUES ('m20991231_000001_from_a_newer_version', 0)",
    )
    .await
    .unwrap();
    let output = run(&app.settings, &["migrate"]);
    assert!(output.status.success(), "{}", text(&output));
    let server = ChildProcess::start(
        &app.settings,
        app.dir.path(),
        "newer-db",
        &["http"],
        &[("SAMVIRKE__SERVER__ADDR", "127.0.0.1:0")],
    );
    let base = server.listening_on().await;
    let ready = reqwest::get(format!("{base}/readyz")).await.unwrap();
    assert_eq!(ready.status(), 200);
    drop(server);

    db.execute_unprepared(
        "DELETE FROM seaql_migrations WHERE version = 'm20261208_000001_job_request_id'",
    )
    .await
    .unwrap();
    let output = run(&app.settings, &["http"]);
    assert!(
        !output.status.success(),
        "http started with a pending migration"
    );
    assert!(
        text(&output).contains("m20261208_000001_job_request_id"),
        "{}",
        text(&output)
    );
    app.stop().await;
}

/// The embedded index allows one writer: with a worker running on a data folder, a second
/// `worker` and a `serve` (whose worker runs in-process) on the same folder refuse to start,
/// saying why.
#[tokio::test]
async fn a_second_writer_on_the_embedded_index_is_refused_at_start() {
    use crate::support::child::ChildProcess;
    let app = TestApp::spawn().await;
    let first = ChildProcess::start(&app.settings, app.dir.path(), "first", &["worker"], &[]);
    eventually(30, "the first worker to start", || async {
        first.log_text().contains("worker started")
    })
    .await;
    for args in [vec!["worker"], vec!["serve"]] {
        let output = command(&app.settings, &args)
            .env("SAMVIRKE__SERVER__ADDR", "127.0.0.1:0")
            .output()
            .unwrap();
        assert!(!output.status.success(), "{args:?} started beside a worker");
        let said = text(&output);
        assert!(
            said.contains("the embedded index allows one writer"),
            "{args:?}: {said}"
        );
    }
    drop(first);
    app.stop().await;
}

/// PostgreSQL only: `admin backup-check` restores a dump into a scratch database of its own,
/// rebuilds search from it and finds the counts equal (dumping the source itself, or given a
/// plain-SQL dump); a dump that no longer matches the source fails, naming the difference. The
/// scratch database is gone afterwards either way.
#[tokio::test]
async fn backup_check_restores_a_dump_and_compares_counts() {
    use domain::showcases::ProjectStatus;
    use domain::showcases::projects::{self, NewProject};
    use domain::tenancy::Visibility;
    use sea_orm::ConnectionTrait;
    if crate::support::db::postgres_admin_url().is_none() {
        eprintln!(
            "skipped: backup-check restores PostgreSQL dumps (set SAMVIRKE_TEST_DATABASE_URL)"
        );
        return;
    }
    let app = TestApp::spawn().await;
    let a = app.seed("netvaerk-a").await;
    let mut input = NewProject::basic(
        "Trygge forældre",
        ProjectStatus::Running,
        Visibility::Network,
    );
    input.owner_organisation_id = Some(a.organisation.id);
    projects::create(&app.services, &a.scope, input)
        .await
        .unwrap();

    let output = run(&app.settings, &["admin", "backup-check"]);
    assert!(output.status.success(), "{}", text(&output));
    assert!(
        text(&output).contains("Backup check passed"),
        "{}",
        text(&output)
    );
    assert!(text(&output).contains("netvaerk-a"), "{}", text(&output));

    let dump = app.dir.path().join("plain.sql");
    let dumped = std::process::Command::new("pg_dump")
        .args(["--format=plain", "--file", dump.to_str().unwrap()])
        .arg(app.settings.database_url())
        .status()
        .unwrap();
    assert!(dumped.success());
    let dump_arg = dump.to_str().unwrap();
    let output = run(
        &app.settings,
        &["admin", "backup-check", "--dump", dump_arg],
    );
    assert!(output.status.success(), "{}", text(&output));

    // The source moves on: the old dump no longer matches it.
    let mut input = NewProject::basic(
        "Efter backuppen",
        ProjectStatus::Running,
        Visibility::Network,
    );
    input.owner_organisation_id = Some(a.organisation.id);
    projects::create(&app.services, &a.scope, input)
        .await
        .unwrap();
    let output = run(
        &app.settings,
        &["admin", "backup-check", "--dump", dump_arg],
    );
    assert!(!output.status.success(), "{}", text(&output));
    assert!(
        text(&output).contains("MISMATCH network netvaerk-a"),
        "{}",
        text(&output)
    );

    let db = app.services.db.raw();
    let left = db
        .query_all_raw(sea_orm::Statement::from_string(
            db.get_database_backend(),
            "SELECT datname FROM pg_database WHERE datname LIKE 'samvirke_backup_check_%'",
        ))
        .await
        .unwrap();
    assert!(left.is_empty(), "a scratch database was left behind");
    app.stop().await;
}
