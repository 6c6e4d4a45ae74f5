//! The job queue with real `samvirke worker` processes: work written while no worker runs is
//! done when one starts; a worker killed mid-job loses nothing; two workers never run the same
//! job; failing jobs back off and end dead.
//!
//! Issue 9: a worker killed mid-job has spent that attempt, and a job whose attempts are spent
//! is marked dead, never claimed again; a job longer than its lease has its lease renewed and
//! runs once; on SIGTERM a worker finishes its running job within the grace period, and hands
//! it back uncounted past it. The long jobs are file extractions whose program is a script that
//! holds until the test opens a gate, then runs the real extraction.

use chrono::Duration;
use domain::jobs::{self, JobStatus};
use domain::people::invitations::{self, NewInvitation};
use domain::policy::Role;
use domain::showcases::ProjectStatus;
use domain::showcases::projects::{self, NewProject};
use domain::tenancy::Visibility;
use sea_orm::{ConnectionTrait, Statement};
use serde_json::json;

use crate::support::child::{ChildProcess, GatedExtraction};
use crate::support::fixtures::docx_with;
use crate::support::{Seeded, TestApp, eventually, json, test_settings};

async fn search_total(app: &TestApp, client: &reqwest::Client, network: &Seeded, q: &str) -> u64 {
    let url = app.url(&format!("/api/v1/networks/{}/search", network.slug()));
    let (status, body) = json(client.get(url).query(&[("q", q)]).send().await.unwrap()).await;
    assert_eq!(status, 200);
    body["total"].as_u64().unwrap()
}

async fn job_count(app: &TestApp) -> i64 {
    let backend = app.services.db.backend();
    let row = app
        .services
        .db
        .raw()
        .query_one_raw(Statement::from_string(
            backend,
            "SELECT COUNT(*) AS n FROM jobs",
        ))
        .await
        .unwrap()
        .unwrap();
    row.try_get("", "n").unwrap()
}

/// A job that some worker has claimed and not finished: (id, worker).
async fn claimed_job(app: &TestApp) -> Option<(String, String)> {
    let backend = app.services.db.backend();
    let rows = app
        .services
        .db
        .raw()
        .query_all_raw(Statement::from_string(
            backend,
            "SELECT id, locked_by FROM jobs WHERE locked_by IS NOT NULL",
        ))
        .await
        .unwrap();
    rows.first().map(|row| {
        let id: uuid::Uuid = row.try_get("", "id").unwrap();
        let by: String = row.try_get("", "locked_by").unwrap();
        (id.to_string(), by)
    })
}

async fn seed_projects(app: &TestApp, network: &Seeded, n: usize) {
    for i in 0..n {
        projects::create(
            &app.services,
            &network.scope,
            NewProject {
                title: format!("Fyrtårnsprojekt {i}"),
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

#[tokio::test]
async fn a_project_written_while_no_worker_runs_is_indexed_when_one_starts() {
    let app = TestApp::spawn().await;
    let a = app.seed("netvaerk-a").await;
    let member = app.signed_in(&a.email(Role::Member)).await;
    let (status, _) = json(
        member
            .post(app.url(&format!("/api/v1/networks/{}/projects", a.slug())))
            .json(&json!({ "title": "Trygge forældre", "status": "running", "visibility": "network" }))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 200);
    assert_eq!(search_total(&app, &member, &a, "forældre").await, 0);

    let _worker = ChildProcess::start(&app.settings, app.dir.path(), "worker", &["worker"], &[]);
    eventually(20, "the worker to index the project", || async {
        search_total(&app, &member, &a, "forældre").await == 1
    })
    .await;
    app.stop().await;
}

#[tokio::test]
async fn killing_a_worker_mid_job_loses_nothing() {
    let app = TestApp::spawn().await;
    let a = app.seed("netvaerk-a").await;
    seed_projects(&app, &a, 40).await;
    let lease = [("SAMVIRKE__WORKER__LEASE_SECS", "2")];

    let mut killed = None;
    for attempt in 0..5 {
        let mut worker = ChildProcess::start(
            &app.settings,
            app.dir.path(),
            &format!("doomed-{attempt}"),
            &["worker"],
            &lease,
        );
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
        let (id, by) = loop {
            if let Some(held) = claimed_job(&app).await {
                break held;
            }
            assert!(
                std::time::Instant::now() < deadline,
                "the worker never claimed a job"
            );
            tokio::task::yield_now().await;
        };
        worker.kill();
        // Still there and still leased by the dead worker: it died with the job in hand.
        if claimed_job(&app).await == Some((id.clone(), by)) {
            killed = Some(id);
            break;
        }
    }
    let killed = killed.expect("never caught a worker mid-job");
    assert!(job_count(&app).await > 0);

    let _survivor = ChildProcess::start(
        &app.settings,
        app.dir.path(),
        "survivor",
        &["worker"],
        &lease,
    );
    let member = app.signed_in(&a.email(Role::Member)).await;
    eventually(60, "every project to be indexed", || async {
        job_count(&app).await == 0 && search_total(&app, &member, &a, "fyrtårnsprojekt").await == 40
    })
    .await;
    assert!(
        jobs::list(&app.services, Some(JobStatus::Dead), 10)
            .await
            .unwrap()
            .is_empty()
    );
    assert!(!killed.is_empty());
    app.stop().await;
}

#[tokio::test]
async fn two_workers_never_run_the_same_job() {
    let app = TestApp::spawn().await;
    let a = app.seed("netvaerk-a").await;
    // Invitation mails, not indexing: the embedded search index allows one writer process (a
    // second worker on it is refused at its start), while the queue itself is meant for any
    // number of workers. The second worker gets an index folder of its own.
    for i in 0..60 {
        invitations::create(
            &app.services,
            &a.scope,
            NewInvitation {
                email: format!("kollega{i}@example.org"),
                organisation_id: None,
                role: Role::Member,
            },
        )
        .await
        .unwrap();
    }
    let own_index = app.dir.path().join("second-index");
    let own_index = [("SAMVIRKE__SEARCH__INDEX_DIR", own_index.to_str().unwrap())];
    let first = ChildProcess::start(&app.settings, app.dir.path(), "first", &["worker"], &[]);
    let second = ChildProcess::start(
        &app.settings,
        app.dir.path(),
        "second",
        &["worker"],
        &own_index,
    );
    eventually(60, "the queue to empty", || async {
        job_count(&app).await == 0
    })
    .await;
    let (a_jobs, b_jobs) = (first.finished_jobs(), second.finished_jobs());
    let mut all: Vec<String> = a_jobs.iter().chain(b_jobs.iter()).cloned().collect();
    assert_eq!(
        all.len(),
        60,
        "finished {} + {}",
        a_jobs.len(),
        b_jobs.len()
    );
    all.sort();
    all.dedup();
    assert_eq!(all.len(), 60, "a job ran twice");
    assert_eq!(app.mails().len(), 60, "one mail per invitation");
    app.stop().await;
}

#[tokio::test]
async fn a_failing_job_backs_off_and_ends_dead() {
    let app = TestApp::spawn().await;
    let backend = app.services.db.backend();
    let now = app.clock_now();
    let sql = match backend {
        sea_orm::DbBackend::Postgres => {
            "INSERT INTO jobs (id, tenant_id, kind, payload, status, run_after, attempts, max_attempts, last_error, locked_by, locked_until, created_at, updated_at) VALUES ($1, NULL, 'retired_kind', $2, 'pending', $3, 0, 3, NULL, NULL, NULL, $3, $3)"
        }
        _ => {
            "INSERT INTO jobs (id, tenant_id, kind, payload, status, run_after, attempts, max_attempts, last_error, locked_by, locked_until, created_at, updated_at) VALUES (?, NULL, 'retired_kind', ?, 'pending', ?, 0, 3, NULL, NULL, NULL, ?, ?)"
        }
    };
    let mut values: Vec<sea_orm::Value> = vec![
        uuid::Uuid::now_v7().into(),
        json!({ "kind": "retired_kind" }).into(),
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

    assert_eq!(app.drain().await, 1);
    assert_eq!(app.drain().await, 0, "waiting for its back-off");
    app.clock.advance(Duration::seconds(5));
    assert_eq!(app.drain().await, 1);
    app.clock.advance(Duration::seconds(9));
    assert_eq!(app.drain().await, 0);
    app.clock.advance(Duration::seconds(1));
    assert_eq!(app.drain().await, 1);
    let dead = jobs::list(&app.services, Some(JobStatus::Dead), 10)
        .await
        .unwrap();
    assert_eq!(dead.len(), 1);
    assert_eq!(dead[0].attempts, 3);
    assert!(
        dead[0]
            .last_error
            .as_deref()
            .unwrap()
            .contains("unknown job kind")
    );
    app.clock.advance(Duration::days(1));
    assert_eq!(app.drain().await, 0, "a dead job is not run again");
    app.stop().await;
}

/// The one text-extraction job, as the operator sees it.
async fn extraction_job(app: &TestApp) -> Option<jobs::JobInfo> {
    jobs::list(&app.services, None, 100)
        .await
        .unwrap()
        .into_iter()
        .find(|job| job.kind == "extract_file_text")
}

/// A member's client and a project, and a DOCX with `word` uploaded to it (queued for
/// extraction).
async fn upload_a_docx(app: &TestApp, network: &Seeded, word: &str) -> reqwest::Client {
    let mut input = NewProject::basic("Lange jobs", ProjectStatus::Running, Visibility::Network);
    input.owner_organisation_id = Some(network.organisation.id);
    let project = projects::create(&app.services, &network.scope, input)
        .await
        .unwrap()
        .id
        .to_string();
    let member = app.signed_in(&network.email(Role::Member)).await;
    let (status, body) = json(
        member
            .post(app.url(&format!("/api/v1/networks/{}/files", network.slug())))
            .query(&[
                ("target_kind", "project"),
                ("target_id", project.as_str()),
                ("name", "Referat.docx"),
            ])
            .header("content-type", "application/octet-stream")
            .body(docx_with(&[&format!("Referat om {word}")]))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 201, "{body}");
    member
}

#[tokio::test]
async fn a_worker_killed_on_the_last_attempt_leaves_a_dead_job_not_a_loop() {
    let dir = tempfile::tempdir().unwrap();
    let mut settings = test_settings(dir.path()).await;
    settings.worker.max_attempts = 2;
    let app = TestApp::start(
        dir,
        settings,
        samvirke::app::Parts {
            http: true,
            worker: false,
        },
    )
    .await;
    let a = app.seed("netvaerk-a").await;
    let held = GatedExtraction::new(app.dir.path(), "held");
    let (key, program) = held.env();
    let env = [
        (key, program.as_str()),
        ("SAMVIRKE__WORKER__LEASE_SECS", "1"),
    ];
    upload_a_docx(&app, &a, "Sandkassemodellen").await;

    for attempt in 1..=2 {
        let mut worker = ChildProcess::start(
            &app.settings,
            app.dir.path(),
            &format!("doomed-{attempt}"),
            &["worker"],
            &env,
        );
        eventually(30, "the extraction to start", || async {
            held.starts() == attempt
        })
        .await;
        let job = extraction_job(&app).await.unwrap();
        // The claim counted the attempt, the one a killed worker took down with it included.
        assert_eq!(job.attempts, attempt as i32);
        if attempt > 1 {
            assert_eq!(job.last_error.as_deref(), Some(jobs::ABANDONED));
        }
        // Killed mid-job, as the kernel's OOM killer would.
        worker.kill();
    }

    let _survivor =
        ChildProcess::start(&app.settings, app.dir.path(), "survivor", &["worker"], &env);
    eventually(30, "the spent job to be marked dead", || async {
        extraction_job(&app).await.unwrap().status == JobStatus::Dead
    })
    .await;
    let job = extraction_job(&app).await.unwrap();
    assert_eq!(job.attempts, 2);
    assert_eq!(job.last_error.as_deref(), Some(jobs::ABANDONED_LAST));
    assert_eq!(job.locked_until, None);
    assert!(!jobs::any_due(&app.services).await.unwrap());
    assert_eq!(held.starts(), 2, "a spent job was run again");
    app.stop().await;
}

#[tokio::test]
async fn a_job_longer_than_its_lease_runs_once() {
    let app = TestApp::spawn().await;
    let a = app.seed("netvaerk-a").await;
    let slow = GatedExtraction::new(app.dir.path(), "slow");
    let (key, program) = slow.env();
    let env = [
        (key, program.as_str()),
        // Two seconds, renewed every third of that: short enough for the test, with slack for
        // a loaded machine.
        ("SAMVIRKE__WORKER__LEASE_SECS", "2"),
    ];
    // The embedded index allows one writer process: the second worker gets a folder of its own.
    let own_index = app.dir.path().join("second-index");
    let mut second_env = env.to_vec();
    second_env.push(("SAMVIRKE__SEARCH__INDEX_DIR", own_index.to_str().unwrap()));
    let mut first = ChildProcess::start(&app.settings, app.dir.path(), "first", &["worker"], &env);
    let mut second = ChildProcess::start(
        &app.settings,
        app.dir.path(),
        "second",
        &["worker"],
        &second_env,
    );
    upload_a_docx(&app, &a, "Sandkassemodellen").await;

    eventually(30, "the extraction to start", || async {
        slow.starts() == 1
    })
    .await;
    let job = extraction_job(&app).await.unwrap();
    let first_lease = job.locked_until.unwrap();
    // Three leases' time and more: the other worker polls all along, and would take the job
    // were its lease not renewed.
    eventually(30, "the lease to be renewed past three leases", || async {
        extraction_job(&app)
            .await
            .and_then(|job| job.locked_until)
            .is_some_and(|until| until >= first_lease + Duration::seconds(6))
    })
    .await;
    assert_eq!(slow.starts(), 1, "a second worker took the job");
    slow.open();
    eventually(60, "the extraction to finish", || async {
        extraction_job(&app).await.is_none()
    })
    .await;
    assert_eq!(slow.starts(), 1, "the job ran twice");
    // Indexing is not what this test is about (either worker may index the file, each into
    // its own folder).
    for worker in [&mut first, &mut second] {
        worker.terminate();
        worker.exited_within(60).await;
    }
    let id = job.id.to_string();
    let ran: Vec<String> = first
        .finished_jobs()
        .into_iter()
        .chain(second.finished_jobs())
        .filter(|done| *done == id)
        .collect();
    assert_eq!(ran.len(), 1, "finished {ran:?}");
    app.stop().await;
}

#[tokio::test]
async fn on_sigterm_a_worker_finishes_its_running_job_then_exits() {
    let app = TestApp::spawn().await;
    let a = app.seed("netvaerk-a").await;
    let slow = GatedExtraction::new(app.dir.path(), "slow");
    let (key, program) = slow.env();
    let mut worker = ChildProcess::start(
        &app.settings,
        app.dir.path(),
        "worker",
        &["worker"],
        &[
            (key, program.as_str()),
            ("SAMVIRKE__WORKER__SHUTDOWN_GRACE_SECS", "120"),
        ],
    );
    let member = upload_a_docx(&app, &a, "Sandkassemodellen").await;
    eventually(30, "the extraction to start", || async {
        slow.starts() == 1
    })
    .await;

    worker.terminate();
    eventually(30, "the worker to begin stopping", || async {
        worker.log_text().contains("letting the running job finish")
    })
    .await;
    assert!(worker.is_running(), "it left its job");
    slow.open();
    let status = worker.exited_within(60).await;
    assert!(status.success(), "{status:?}: {}", worker.log_text());
    assert!(
        extraction_job(&app).await.is_none(),
        "the extraction is done"
    );
    // What it finished is searchable once indexed.
    app.drain().await;
    assert_eq!(
        search_total(&app, &member, &a, "sandkassemodellen").await,
        1
    );
    app.stop().await;
}

#[tokio::test]
async fn on_sigterm_past_the_grace_a_worker_hands_its_job_back_uncounted() {
    let app = TestApp::spawn().await;
    let a = app.seed("netvaerk-a").await;
    let stuck = GatedExtraction::new(app.dir.path(), "stuck");
    let (key, program) = stuck.env();
    let mut worker = ChildProcess::start(
        &app.settings,
        app.dir.path(),
        "worker",
        &["worker"],
        &[
            (key, program.as_str()),
            ("SAMVIRKE__WORKER__SHUTDOWN_GRACE_SECS", "1"),
        ],
    );
    let member = upload_a_docx(&app, &a, "Sandkassemodellen").await;
    eventually(30, "the extraction to start", || async {
        stuck.starts() == 1
    })
    .await;

    worker.terminate();
    let status = worker.exited_within(20).await;
    assert!(status.success(), "{status:?}: {}", worker.log_text());
    let job = extraction_job(&app).await.unwrap();
    assert_eq!(job.status, JobStatus::Pending);
    assert_eq!(job.attempts, 0, "handing back is not a failed attempt");
    assert_eq!(job.locked_until, None, "due again at once");
    assert_eq!(job.last_error, None);

    // The next worker (with the real extraction) takes it at once.
    let _next = ChildProcess::start(&app.settings, app.dir.path(), "next", &["worker"], &[]);
    eventually(60, "the file to be read and found", || async {
        job_count(&app).await == 0
            && search_total(&app, &member, &a, "sandkassemodellen").await == 1
    })
    .await;
    assert_eq!(stuck.starts(), 1);
    app.stop().await;
}
