//! Acceptance 4 of issue 4: hostile uploads — a zip bomb dressed as a DOCX (through the API) and
//! a truncated PDF (through the web form) — fail extraction with a reason code in the API's file
//! resource and the reason on the web file page; they are recorded, not retried; and the same
//! worker run goes on to read and index a good DOCX that comes after them.

use std::sync::Arc;
use std::time::Instant;

use domain::jobs::{self, JobStatus};
use domain::policy::Role;
use domain::showcases::ProjectStatus;
use domain::showcases::projects::{self, NewProject};
use domain::tenancy::Visibility;
use reqwest::cookie::{CookieStore, Jar};
use serde_json::Value;

use crate::support::fixtures::{docx_with, pdf_with, zip_bomb};
use crate::support::{PASSWORD, Seeded, TestApp, json};

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
