//! Acceptance 4 of issue 4: hostile uploads — a zip bomb dressed as a DOCX (through the API) and
//! a truncated PDF (through the web form) — fail extraction with a reason code in the API's file
//! resource and the reason on the web file page; they are recorded, not retried; and the same
//! worker run goes on to read and index a good DOCX that comes after them.
//!
//! Issue 9: extraction runs in a child process under limits. A PDF bomb (an object stream
//! Flate-compressed twice, unpacked by the PDF library before any counter of ours runs), a zip
//! bomb and two XML bombs uploaded to a real `serve` process, and to a real `worker` process,
//! each end as a failed file with a reason; the process lives on with its own memory small, and
//! a good file uploaded after them is found. How the child's death maps to a reason is tested
//! with real processes that die each way.

use std::sync::Arc;
use std::time::Instant;

use domain::jobs::{self, JobStatus};
use domain::policy::Role;
use domain::showcases::ProjectStatus;
use domain::showcases::projects::{self, NewProject};
use domain::tenancy::Visibility;
use reqwest::cookie::{CookieStore, Jar};
use serde_json::Value;

use crate::support::child::{ChildProcess, script};
use crate::support::fixtures::{
    billion_laughs_docx, deep_xml_docx, docx_with, pdf_bomb, pdf_with, zip_bomb,
};
use crate::support::{PASSWORD, Seeded, TestApp, eventually, json};

/// A word that appears nowhere but in the good DOCX.
const WORD: &str = "Plankeværksudvalget";

fn files_url(app: &TestApp, network: &Seeded) -> String {
    app.url(&format!("/api/v1/networks/{}/files", network.slug()))
}

async fn upload_api(
    app: &TestApp,
    client: &reqwest::Client,
    network: &Seeded,
    project: &str,
    name: &str,
    bytes: Vec<u8>,
) -> (u16, Value) {
    json(
        client
            .post(files_url(app, network))
            .query(&[
                ("target_kind", "project"),
                ("target_id", project),
                ("name", name),
            ])
            .header("content-type", "application/octet-stream")
            .body(bytes)
            .send()
            .await
            .unwrap(),
    )
    .await
}

/// Uploads through the project page's multipart form, as a browser would; where it went.
async fn upload_web(
    app: &TestApp,
    network: &Seeded,
    email: &str,
    project: &str,
    name: &str,
    bytes: &[u8],
) -> String {
    let jar = Arc::new(Jar::default());
    let web = reqwest::Client::builder()
        .cookie_provider(jar.clone())
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let signed_in = web
        .post(app.url("/api/v1/session"))
        .json(&serde_json::json!({ "email": email, "password": PASSWORD }))
        .send()
        .await
        .unwrap();
    assert_eq!(signed_in.status(), 200);
    let project_page = app.url(&format!("/n/{}/projects/{project}", network.slug()));
    let page = web.get(&project_page).send().await.unwrap();
    assert_eq!(page.status(), 200);
    let html = page.text().await.unwrap();
    assert!(html.contains(r#"id="f-file""#), "no upload form: {html}");
    let base: reqwest::Url = app.base.parse().unwrap();
    let cookies = jar.cookies(&base).unwrap();
    let csrf = cookies
        .to_str()
        .unwrap()
        .split("; ")
        .find_map(|c| c.strip_prefix("samvirke_csrf="))
        .unwrap()
        .to_owned();
    let boundary = "----samvirke-hostile-boundary";
    let mut body = format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{name}\"\r\nContent-Type: application/pdf\r\n\r\n"
    )
    .into_bytes();
    body.extend_from_slice(bytes);
    body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
    let response = web
        .post(app.url(&format!(
            "/n/{}/files?target_kind=project&target_id={project}&csrf={csrf}",
            network.slug()
        )))
        .header(
            "content-type",
            format!("multipart/form-data; boundary={boundary}"),
        )
        .header("referer", project_page)
        .body(body)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 303, "{}", response.text().await.unwrap());
    response.headers()["location"].to_str().unwrap().to_owned()
}

/// Minimal HTML escaping, as the templates write text.
fn escaped(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&#34;")
        .replace('\'', "&#39;")
}

#[tokio::test]
async fn hostile_files_fail_with_a_reason_and_the_worker_reads_the_next_one() {
    let app = TestApp::spawn().await;
    let a = app.seed("fjendtlig-a").await;
    let mut input = NewProject::basic(
        "Projekt med bilag",
        ProjectStatus::Running,
        Visibility::Network,
    );
    input.owner_organisation_id = Some(a.organisation.id);
    let project = projects::create(&app.services, &a.scope, input)
        .await
        .unwrap()
        .id
        .to_string();
    let member_email = a.email(Role::Member);
    let member = app.signed_in(&member_email).await;

    // (a) A zip bomb dressed as a DOCX: 1 GiB of one byte in about a megabyte.
    let started = Instant::now();
    let bomb = zip_bomb(1024);
    assert!(bomb.len() < 8 << 20, "the bomb is {} bytes", bomb.len());
    let built_in = started.elapsed();
    let (status, uploaded) = upload_api(&app, &member, &a, &project, "Ferieplan.docx", bomb).await;
    let bomb_id = match status {
        201 => Some(uploaded["id"].as_str().unwrap().to_owned()),
        // Refusing it at the door is as good, if it says why.
        422 => {
            assert!(uploaded["code"].is_string(), "{uploaded}");
            None
        }
        _ => panic!("the bomb: {status} {uploaded}"),
    };

    // (b) A truncated PDF, through the web form.
    let pdf = pdf_with(&["Trivsel i skolen", "Halvdelen mangler"]);
    let half = pdf[..pdf.len() / 2].to_vec();
    let location = upload_web(&app, &a, &member_email, &project, "Rapport.pdf", &half).await;
    let truncated_id = if location.contains("notice=file_uploaded") {
        let files = domain::material::list_for(
            &app.services,
            &a.scope,
            domain::material::Target::Project(project.parse().unwrap()),
        )
        .await
        .unwrap();
        Some(
            files
                .iter()
                .find(|f| f.name == "Rapport.pdf")
                .unwrap()
                .id
                .to_string(),
        )
    } else {
        assert!(location.contains("upload_error="), "{location}");
        None
    };

    // (c) A good DOCX with a word of its own, after the bad ones.
    let good = docx_with(&[&format!("Referat fra {WORD} om trivsel i udskolingen")]);
    let (status, good_file) = upload_api(&app, &member, &a, &project, "Referat.docx", good).await;
    assert_eq!(status, 201, "{good_file}");
    let good_id = good_file["id"].as_str().unwrap().to_owned();

    // One worker run reads all three, and does not take all day over the bomb.
    let drained_at = Instant::now();
    assert!(app.drain().await >= 3);
    let drained_in = drained_at.elapsed();
    assert!(
        drained_in.as_secs() < 30,
        "extraction took {drained_in:?} (building the bomb took {built_in:?})"
    );

    let web = {
        let jar = Arc::new(Jar::default());
        let client = reqwest::Client::builder()
            .cookie_provider(jar)
            .build()
            .unwrap();
        let response = client
            .post(app.url("/api/v1/session"))
            .json(&serde_json::json!({ "email": member_email, "password": PASSWORD }))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 200);
        client
    };
    for (id, code) in [(&bomb_id, "too_large"), (&truncated_id, "corrupt")] {
        let Some(id) = id else { continue };
        let (status, detail) = json(
            member
                .get(format!("{}/{id}", files_url(&app, &a)))
                .send()
                .await
                .unwrap(),
        )
        .await;
        assert_eq!(status, 200, "{detail}");
        let file = &detail["file"];
        assert_eq!(file["extraction_status"], "failed", "{detail}");
        assert_eq!(file["extraction_code"], code, "{detail}");
        let reason = file["extraction_message"]
            .as_str()
            .filter(|m| !m.is_empty())
            .unwrap_or(code)
            .to_owned();
        // The file's page says it could not be read, and why.
        let page = web
            .get(app.url(&format!("/n/{}/files/{id}", a.slug())))
            .send()
            .await
            .unwrap();
        assert_eq!(page.status(), 200);
        let html = page.text().await.unwrap();
        assert!(
            html.contains("teksten kunne ikke læses"),
            "{code}: no failure shown: {html}"
        );
        assert!(
            html.contains(&escaped(&reason)),
            "{code}: the reason {reason:?} is not on the page: {html}"
        );
        // The project page's list marks it too.
        let listing = web
            .get(app.url(&format!("/n/{}/projects/{project}", a.slug())))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        let entry = listing
            .split(&format!("id=\"file-{id}\""))
            .nth(1)
            .and_then(|rest| rest.split("</li>").next())
            .unwrap_or_else(|| panic!("{id} not listed: {listing}"));
        assert!(entry.contains(&escaped(&reason)), "{entry}");
    }

    // The good DOCX was read and is found.
    let (_, detail) = json(
        member
            .get(format!("{}/{good_id}", files_url(&app, &a)))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(detail["file"]["extraction_status"], "done", "{detail}");
    let (status, found) = json(
        member
            .get(app.url(&format!("/api/v1/networks/{}/search", a.slug())))
            .query(&[("q", WORD.to_lowercase())])
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 200, "{found}");
    assert!(
        found.to_string().contains(&format!("files/{good_id}")),
        "the good DOCX is not found: {found}"
    );
    for id in [&bomb_id, &truncated_id].into_iter().flatten() {
        assert!(
            !found.to_string().contains(id.as_str()),
            "a bad file in the results: {found}"
        );
    }

    // A bad file is recorded, not retried: no job is left failing, dead or waiting.
    let left = jobs::list(&app.services, None, 100).await.unwrap();
    for job in &left {
        assert!(
            job.last_error.is_none() && job.status != JobStatus::Dead,
            "a job failed: {} {:?} {:?}",
            job.kind,
            job.status,
            job.last_error
        );
        assert!(
            !["extract_file_text", "index_file"].contains(&job.kind.as_str()),
            "a file job is left: {} ({} attempts)",
            job.kind,
            job.attempts
        );
    }
    let stats = jobs::stats(&app.services).await.unwrap();
    assert_eq!((stats.retrying, stats.dead), (0, 0), "{stats:?}");
    assert_eq!(app.drain().await, 0, "nothing is run again");
    app.stop().await;
}

/// A project to attach files to, and a member's API client for `base`.
async fn project_and_member(app: &TestApp, a: &Seeded, base: &str) -> (String, reqwest::Client) {
    let mut input = NewProject::basic("Bombeprojekt", ProjectStatus::Running, Visibility::Network);
    input.owner_organisation_id = Some(a.organisation.id);
    let project = projects::create(&app.services, &a.scope, input)
        .await
        .unwrap()
        .id
        .to_string();
    let member = app.client();
    let response = member
        .post(format!("{base}/api/v1/session"))
        .json(&serde_json::json!({ "email": a.email(Role::Member), "password": PASSWORD }))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    (project, member)
}

/// The bombs, then a good file, uploaded to `base`; waits until each is read or failed, and
/// checks each bomb's reason and that the good file is found. Returns once all that holds.
async fn bombs_then_a_good_file(
    base: &str,
    member: &reqwest::Client,
    network: &Seeded,
    project: &str,
) {
    let upload = |name: &'static str, bytes: Vec<u8>| async move {
        let (status, body) = json(
            member
                .post(format!("{base}/api/v1/networks/{}/files", network.slug()))
                .query(&[
                    ("target_kind", "project"),
                    ("target_id", project),
                    ("name", name),
                ])
                .header("content-type", "application/octet-stream")
                .body(bytes)
                .send()
                .await
                .unwrap(),
        )
        .await;
        assert_eq!(status, 201, "{name}: {body}");
        body["id"].as_str().unwrap().to_owned()
    };
    let pdf = pdf_bomb(1024);
    assert!(pdf.len() < 64 << 10, "the PDF bomb is {} bytes", pdf.len());
    let bombs = [
        (upload("Budget.pdf", pdf).await, "too_large"),
        (upload("Ferieplan.docx", zip_bomb(1024)).await, "too_large"),
        (
            upload("Latter.docx", billion_laughs_docx()).await,
            "corrupt",
        ),
        (
            upload("Dybt.docx", deep_xml_docx(100_000)).await,
            "too_deep",
        ),
    ];
    let good = upload(
        "Referat.docx",
        docx_with(&[&format!("Referat fra {WORD} om trivsel i udskolingen")]),
    )
    .await;

    let file = |id: String| async move {
        let (status, detail) = json(
            member
                .get(format!(
                    "{base}/api/v1/networks/{}/files/{id}",
                    network.slug()
                ))
                .send()
                .await
                .unwrap(),
        )
        .await;
        assert_eq!(status, 200, "{detail}");
        detail["file"].clone()
    };
    let found = || async {
        let (status, found) = json(
            member
                .get(format!("{base}/api/v1/networks/{}/search", network.slug()))
                .query(&[("q", WORD.to_lowercase())])
                .send()
                .await
                .unwrap(),
        )
        .await;
        assert_eq!(status, 200, "{found}");
        found.to_string().contains(&format!("files/{good}"))
    };
    eventually(120, "the good file to be found after the bombs", || async {
        found().await
    })
    .await;
    for (id, code) in &bombs {
        let detail = file(id.clone()).await;
        assert_eq!(detail["extraction_status"], "failed", "{detail}");
        assert_eq!(detail["extraction_code"], *code, "{detail}");
        assert!(
            !detail["extraction_message"]
                .as_str()
                .unwrap_or_default()
                .is_empty(),
            "{detail}"
        );
    }
    assert_eq!(file(good.clone()).await["extraction_status"], "done");
}

/// The most a worker process may hold resident (debug build, search writer included) while the
/// bombs go through: the PDF bomb alone unpacks to 1 GiB.
const PROCESS_MEMORY_MIB: u64 = 256;

#[tokio::test]
async fn bombs_uploaded_to_serve_fail_with_reasons_and_serve_stays_up_and_small() {
    let app = TestApp::spawn_with(samvirke::app::Parts {
        http: false,
        worker: false,
    })
    .await;
    let a = app.seed("bomber-serve").await;
    let mut serve = ChildProcess::start(
        &app.settings,
        app.dir.path(),
        "serve",
        &["serve"],
        &[
            ("SAMVIRKE__SERVER__ADDR", "127.0.0.1:0"),
            ("SAMVIRKE__WORKER__EXTRACT_MEMORY_MB", "512"),
        ],
    );
    let base = serve.listening_on().await;
    let (project, member) = project_and_member(&app, &a, &base).await;
    bombs_then_a_good_file(&base, &member, &a, &project).await;
    assert!(serve.is_running(), "serve exited: {}", serve.log_text());
    let peak = serve.peak_rss_mib();
    assert!(
        peak < PROCESS_MEMORY_MIB,
        "serve reached {peak} MiB resident"
    );
    app.stop().await;
}

#[tokio::test]
async fn bombs_read_by_a_worker_process_fail_with_reasons_and_it_stays_up_and_small() {
    let app = TestApp::spawn().await;
    let a = app.seed("bomber-worker").await;
    let mut worker = ChildProcess::start(
        &app.settings,
        app.dir.path(),
        "worker",
        &["worker"],
        &[("SAMVIRKE__WORKER__EXTRACT_MEMORY_MB", "512")],
    );
    let (project, member) = project_and_member(&app, &a, &app.base).await;
    bombs_then_a_good_file(&app.base, &member, &a, &project).await;
    assert!(worker.is_running(), "worker exited: {}", worker.log_text());
    let peak = worker.peak_rss_mib();
    assert!(
        peak < PROCESS_MEMORY_MIB,
        "the worker reached {peak} MiB resident"
    );
    app.stop().await;
}

/// Extraction through the sandbox, with `program` as the child.
async fn sandboxed(
    program: std::path::PathBuf,
    bytes: &[u8],
    name: &str,
    memory_mb: u64,
    timeout_secs: u64,
) -> Result<String, worker::extract::ExtractError> {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("upload");
    std::fs::write(&path, bytes).unwrap();
    let sandbox = worker::extract::Sandbox {
        program,
        memory_mb,
        cpu_secs: 30,
        timeout: std::time::Duration::from_secs(timeout_secs),
    };
    let limits = sandbox.limits();
    sandbox
        .extract(&path, "application/octet-stream", name, &limits)
        .await
}

fn samvirke() -> std::path::PathBuf {
    env!("CARGO_BIN_EXE_samvirke").into()
}

#[tokio::test]
async fn the_extraction_child_reads_good_files_and_its_limits_stop_a_pdf_bomb() {
    let text = sandboxed(samvirke(), &pdf_with(&["Trivsel på Ærø"]), "a.pdf", 512, 30)
        .await
        .unwrap();
    assert!(text.contains("Trivsel på Ærø"), "{text:?}");
    let text = sandboxed(
        samvirke(),
        &docx_with(&["Særlige behov"]),
        "a.docx",
        512,
        30,
    )
    .await
    .unwrap();
    assert_eq!(text, "Særlige behov");
    // The bomb the PDF library unpacks before our counters run: the address-space limit cuts
    // it short in the child (2 GiB would not fit in 256 MB), and what got through is counted.
    let started = Instant::now();
    let e = sandboxed(samvirke(), &pdf_bomb(2048), "bombe.pdf", 256, 30)
        .await
        .unwrap_err();
    assert_eq!(e.code(), "too_large", "{e:?}");
    assert!(started.elapsed().as_secs() < 20, "{:?}", started.elapsed());
}

#[tokio::test]
async fn how_the_extraction_child_dies_decides_the_reason() {
    let dir = tempfile::tempdir().unwrap();
    let pdf = pdf_with(&["x"]);
    let dies = |name: &str, body: &str| script(dir.path(), name, body);
    // Killed at the wall-clock deadline (the child hangs).
    let started = Instant::now();
    let e = sandboxed(dies("hang.sh", "exec sleep 600"), &pdf, "a.pdf", 512, 1)
        .await
        .unwrap_err();
    assert_eq!(e.code(), "timed_out", "{e:?}");
    assert!(started.elapsed().as_secs() < 10);
    // Over its CPU seconds: the kernel sends SIGXCPU.
    let e = sandboxed(
        dies("spin.sh", "ulimit -S -t 1\nwhile :; do :; done"),
        &pdf,
        "a.pdf",
        512,
        30,
    )
    .await
    .unwrap_err();
    assert_eq!(e.code(), "timed_out", "{e:?}");
    // Killed outright, as the kernel's OOM killer does.
    let e = sandboxed(dies("oom.sh", "kill -KILL $$"), &pdf, "a.pdf", 512, 30)
        .await
        .unwrap_err();
    assert_eq!(e.code(), "too_large", "{e:?}");
    // Crashed.
    let e = sandboxed(dies("segv.sh", "kill -SEGV $$"), &pdf, "a.pdf", 512, 30)
        .await
        .unwrap_err();
    assert_eq!(e.code(), "corrupt", "{e:?}");
    // Stopped from outside, or not started at all: the machine's fault, retried, not recorded.
    for program in [
        dies("term.sh", "kill -TERM $$"),
        dies("refuse.sh", "exit 3"),
        dir.path().join("missing"),
    ] {
        let e = sandboxed(program, &pdf, "a.pdf", 512, 30)
            .await
            .unwrap_err();
        assert_eq!(e.code(), "io", "{e:?}");
        assert!(!e.is_bad_file());
    }
    // Answers more than the text bound: cut off and refused.
    let e = sandboxed(
        dies("flood.sh", "echo '{\"ok\":true}'\nexec yes samvirke"),
        &pdf,
        "a.pdf",
        512,
        30,
    )
    .await
    .unwrap_err();
    assert_eq!(e.code(), "corrupt", "{e:?}");
}
