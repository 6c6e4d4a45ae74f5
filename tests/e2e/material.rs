//! Shared material: uploads through the API and the web UI, duplicates stored once, versions,
//! deletion, the quota, the size limit, refused kinds, and who may download what.

use domain::ids::ProjectId;
use domain::material::{self, Target};
use domain::people::groups::{self, NewGroup};
use domain::policy::Role;
use domain::showcases::ProjectStatus;
use domain::showcases::projects::{self, NewProject};
use domain::tenancy::Visibility;
use samvirke::app::Parts;
use serde_json::Value;

use crate::support::{Seeded, TestApp, json, test_settings};

const PDF: &[u8] =
    b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n";
const DOCX: &[u8] = b"PK\x03\x04\x14\x00\x00\x00\x08\x00not really a document";

async fn project(app: &TestApp, network: &Seeded, visibility: Visibility) -> ProjectId {
    let mut input = NewProject::basic("Projekt med bilag", ProjectStatus::Running, visibility);
    input.owner_organisation_id = Some(network.organisation.id);
    projects::create(&app.services, &network.scope, input)
        .await
        .unwrap()
        .id
}

fn files_url(app: &TestApp, network: &Seeded) -> String {
    app.url(&format!("/api/v1/networks/{}/files", network.slug()))
}

async fn upload(
    app: &TestApp,
    client: &reqwest::Client,
    network: &Seeded,
    target: (&str, String),
    name: &str,
    bytes: Vec<u8>,
) -> (u16, Value) {
    json(
        client
            .post(files_url(app, network))
            .query(&[
                ("target_kind", target.0),
                ("target_id", target.1.as_str()),
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

/// How many objects the file store holds.
fn stored_objects(app: &TestApp) -> usize {
    fn count(dir: &std::path::Path) -> usize {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return 0;
        };
        entries
            .filter_map(Result::ok)
            .map(|e| {
                let path = e.path();
                if path.is_dir() {
                    count(&path)
                } else {
                    usize::from(!path.to_string_lossy().ends_with(".tmp"))
                }
            })
            .sum()
    }
    count(&app.settings.storage_dir())
}

fn codes(problem: &Value) -> Vec<String> {
    problem["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["code"].as_str().unwrap().to_owned())
        .collect()
}

#[tokio::test]
async fn files_are_uploaded_replaced_downloaded_and_deleted() {
    let app = TestApp::spawn().await;
    let a = app.seed("netvaerk-a").await;
    let project = project(&app, &a, Visibility::Network).await;
    let member = app.signed_in(&a.email(Role::Member)).await;
    let target = ("project", project.to_string());

    let (status, pdf) = upload(
        &app,
        &member,
        &a,
        target.clone(),
        "Rapport.pdf",
        PDF.to_vec(),
    )
    .await;
    assert_eq!(status, 201, "{pdf}");
    assert_eq!(pdf["content_type"], "application/pdf");
    assert_eq!(pdf["extraction_status"], "pending");
    let (status, docx) = upload(
        &app,
        &member,
        &a,
        target.clone(),
        "Notat.docx",
        DOCX.to_vec(),
    )
    .await;
    assert_eq!(status, 201, "{docx}");
    let text = "Trivselsmåling i udskolingen: Kragefjer."
        .as_bytes()
        .to_vec();
    let (status, txt) = upload(
        &app,
        &member,
        &a,
        target.clone(),
        "Noter æøå.txt",
        text.clone(),
    )
    .await;
    assert_eq!(status, 201, "{txt}");
    assert_eq!(stored_objects(&app), 3);

    let (status, list) = json(
        member
            .get(files_url(&app, &a))
            .query(&[
                ("target_kind", "project"),
                ("target_id", &project.to_string()),
            ])
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 200, "{list}");
    let names: Vec<&str> = list["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["Rapport.pdf", "Notat.docx", "Noter æøå.txt"]);

    // The download is an attachment, never sniffed or run.
    let id = txt["id"].as_str().unwrap().to_owned();
    let response = member
        .get(format!("{}/{id}/content", files_url(&app, &a)))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    let headers = response.headers().clone();
    assert_eq!(headers["x-content-type-options"], "nosniff");
    assert_eq!(headers["content-security-policy"], "sandbox");
    assert!(
        headers["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/plain")
    );
    let disposition = headers["content-disposition"].to_str().unwrap();
    assert!(disposition.starts_with("attachment;"), "{disposition}");
    assert!(
        disposition.contains("filename*=UTF-8''Noter%20%C3%A6%C3%B8%C3%A5.txt"),
        "{disposition}"
    );
    assert_eq!(response.bytes().await.unwrap().to_vec(), text);

    // The text is read and found in search.
    app.drain().await;
    let (_, search) = json(
        member
            .get(app.url(&format!("/api/v1/networks/{}/search", a.slug())))
            .query(&[("q", "Kragefjer")])
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert!(
        search.to_string().contains(&format!("files/{id}")),
        "the file's text is not found: {search}"
    );
    // A broken DOCX fails extraction with a reason shown on the file.
    let (_, detail) = json(
        member
            .get(format!(
                "{}/{}",
                files_url(&app, &a),
                docx["id"].as_str().unwrap()
            ))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(detail["file"]["extraction_status"], "failed", "{detail}");
    assert!(detail["file"]["extraction_code"].is_string(), "{detail}");

    // Replacing keeps the earlier version.
    let (status, replaced) = json(
        member
            .put(format!("{}/{id}/content", files_url(&app, &a)))
            .query(&[("name", "Noter v2.md")])
            .header("content-type", "application/octet-stream")
            .body("# Version 2")
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 200, "{replaced}");
    assert_eq!(replaced["version"], 2);
    assert_eq!(replaced["name"], "Noter v2.md");
    let (_, detail) = json(
        member
            .get(format!("{}/{id}", files_url(&app, &a)))
            .send()
            .await
            .unwrap(),
    )
    .await;
    let versions = detail["versions"].as_array().unwrap();
    assert_eq!(versions.len(), 2, "{detail}");
    let first = versions[1]["id"].as_str().unwrap();
    let old = member
        .get(format!("{}/{id}/content", files_url(&app, &a)))
        .query(&[("version", first)])
        .send()
        .await
        .unwrap();
    assert_eq!(old.bytes().await.unwrap().to_vec(), text);
    let current = member
        .get(format!("{}/{id}/content", files_url(&app, &a)))
        .send()
        .await
        .unwrap();
    assert_eq!(current.text().await.unwrap(), "# Version 2");

    // Deleting removes it from lists, downloads and search; its content goes with a job.
    let response = member
        .delete(format!("{}/{id}", files_url(&app, &a)))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 204);
    let gone = member
        .get(format!("{}/{id}/content", files_url(&app, &a)))
        .send()
        .await
        .unwrap();
    assert_eq!(gone.status(), 404);
    assert_eq!(stored_objects(&app), 4);
    app.drain().await;
    assert_eq!(
        stored_objects(&app),
        2,
        "the deleted file's two versions stay stored"
    );
    let (_, search) = json(
        member
            .get(app.url(&format!("/api/v1/networks/{}/search", a.slug())))
            .query(&[("q", "Kragefjer")])
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert!(!search.to_string().contains(&id), "{search}");
    app.stop().await;
}

#[tokio::test]
async fn identical_content_is_stored_once_per_network() {
    let app = TestApp::spawn().await;
    let a = app.seed("netvaerk-a").await;
    let b = app.seed("netvaerk-b").await;
    let pa = project(&app, &a, Visibility::Network).await;
    let pb = project(&app, &b, Visibility::Network).await;
    let member = app.signed_in(&a.email(Role::Member)).await;
    let other = app.signed_in(&b.email(Role::Member)).await;

    let (s1, one) = upload(
        &app,
        &member,
        &a,
        ("project", pa.to_string()),
        "a.pdf",
        PDF.to_vec(),
    )
    .await;
    let (s2, two) = upload(
        &app,
        &member,
        &a,
        ("project", pa.to_string()),
        "b.pdf",
        PDF.to_vec(),
    )
    .await;
    assert_eq!((s1, s2), (201, 201));
    assert_ne!(one["id"], two["id"]);
    assert_eq!(stored_objects(&app), 1, "one blob for two files");
    // Another network's copy is its own.
    let (s3, _) = upload(
        &app,
        &other,
        &b,
        ("project", pb.to_string()),
        "c.pdf",
        PDF.to_vec(),
    )
    .await;
    assert_eq!(s3, 201);
    assert_eq!(stored_objects(&app), 2);

    // Deleting one file keeps the content the other still uses.
    let response = member
        .delete(format!(
            "{}/{}",
            files_url(&app, &a),
            one["id"].as_str().unwrap()
        ))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 204);
    app.drain().await;
    assert_eq!(stored_objects(&app), 2);
    let still = member
        .get(format!(
            "{}/{}/content",
            files_url(&app, &a),
            two["id"].as_str().unwrap()
        ))
        .send()
        .await
        .unwrap();
    assert_eq!(still.bytes().await.unwrap().to_vec(), PDF);
    member
        .delete(format!(
            "{}/{}",
            files_url(&app, &a),
            two["id"].as_str().unwrap()
        ))
        .send()
        .await
        .unwrap();
    app.drain().await;
    assert_eq!(stored_objects(&app), 1);
    app.stop().await;
}

#[tokio::test]
async fn the_quota_size_limit_and_kinds_are_enforced_and_nothing_is_stored() {
    let dir = tempfile::tempdir().unwrap();
    let mut settings = test_settings(dir.path()).await;
    settings.storage.max_upload_bytes = 64 * 1024;
    let app = TestApp::start(
        dir,
        settings,
        Parts {
            http: true,
            worker: false,
        },
    )
    .await;
    let a = app.seed("netvaerk-a").await;
    let pa = project(&app, &a, Visibility::Network).await;
    let member = app.signed_in(&a.email(Role::Member)).await;
    let target = ("project", pa.to_string());

    // Too large: refused, nothing kept.
    let (status, problem) = upload(
        &app,
        &member,
        &a,
        target.clone(),
        "stor.txt",
        vec![b'a'; 100 * 1024],
    )
    .await;
    assert_eq!(status, 422, "{problem}");
    assert_eq!(codes(&problem), ["too_large"]);
    assert_eq!(stored_objects(&app), 0);

    // Kinds we do not take, and names that lie about the content.
    for (name, bytes) in [
        ("program.exe", b"MZ\x90\x00".to_vec()),
        (
            "tegning.svg",
            b"<svg xmlns='http://www.w3.org/2000/svg'/>".to_vec(),
        ),
        (
            "side.html",
            b"<html><script>alert(1)</script></html>".to_vec(),
        ),
        ("billede.pdf", b"\x89PNG\r\n\x1a\n0000".to_vec()),
        ("notat.docx", PDF.to_vec()),
        ("binaer.txt", b"\x00\x01\x02\x03".to_vec()),
    ] {
        let (status, problem) = upload(&app, &member, &a, target.clone(), name, bytes).await;
        assert_eq!(status, 422, "{name}: {problem}");
        assert_eq!(codes(&problem), ["unsupported_type"], "{name}");
    }
    let (status, problem) =
        upload(&app, &member, &a, target.clone(), "../x.txt", b"x".to_vec()).await;
    assert_eq!(status, 422, "{problem}");
    assert_eq!(stored_objects(&app), 0);

    // The quota: what fits fits; the next upload is refused with the numbers.
    material::set_quota(&app.services, &a.scope, 100)
        .await
        .unwrap();
    let (status, _) = upload(
        &app,
        &member,
        &a,
        target.clone(),
        "lille.txt",
        vec![b'x'; 60],
    )
    .await;
    assert_eq!(status, 201);
    let (status, problem) = upload(
        &app,
        &member,
        &a,
        target.clone(),
        "for-meget.txt",
        vec![b'y'; 60],
    )
    .await;
    assert_eq!(status, 422, "{problem}");
    assert_eq!(problem["code"], "quota_exceeded");
    let detail = problem["detail"].as_str().unwrap();
    assert!(detail.contains("60 of 100 bytes"), "{detail}");
    assert_eq!(stored_objects(&app), 1);
    // The same content again costs nothing, so it fits.
    let (status, _) = upload(
        &app,
        &member,
        &a,
        target.clone(),
        "kopi.txt",
        vec![b'x'; 60],
    )
    .await;
    assert_eq!(status, 201);
    assert_eq!(stored_objects(&app), 1);
    app.stop().await;
}

#[tokio::test]
async fn downloads_check_who_may_see_the_target() {
    let app = TestApp::spawn().await;
    let a = app.seed("netvaerk-a").await;
    let b = app.seed("netvaerk-b").await;
    let svc = &app.services;
    let network_project = project(&app, &a, Visibility::Network).await;
    let shared_project = project(&app, &a, Visibility::Shared).await;
    let closed = groups::create(
        svc,
        &a.scope,
        NewGroup {
            name: "Lukket gruppe".into(),
            description: String::new(),
            is_open: false,
        },
    )
    .await
    .unwrap();
    groups::add_member(
        svc,
        &a.scope,
        closed.id,
        a.person(Role::Member).membership_id,
        false,
    )
    .await
    .unwrap();
    let put = async |target: Target, name: &str| {
        material::upload(svc, &a.scope, target, name, "", &mut &PDF[..])
            .await
            .unwrap()
            .id
    };
    let in_network = put(Target::Project(network_project), "intern.pdf").await;
    let in_shared = put(Target::Project(shared_project), "delt.pdf").await;
    let in_group = put(Target::Group(closed.id), "gruppe.pdf").await;
    let content = |id: domain::ids::FileId| format!("{}/{id}/content", files_url(&app, &a));

    let member = app.signed_in(&a.email(Role::Member)).await;
    let partner = app.signed_in(&a.email(Role::Partner)).await; // not in the closed group
    let stranger = app.signed_in(&b.email(Role::Member)).await;
    let visitor = app.client();

    for id in [in_network, in_shared, in_group] {
        let response = member.get(content(id)).send().await.unwrap();
        assert_eq!(response.status(), 200);
    }
    // The closed group's file: not even its existence for a member outside the group.
    for url in [
        content(in_group),
        format!("{}/{in_group}", files_url(&app, &a)),
    ] {
        assert_eq!(
            partner.get(&url).send().await.unwrap().status(),
            404,
            "{url}"
        );
    }
    let list = partner
        .get(files_url(&app, &a))
        .query(&[
            ("target_kind", "group"),
            ("target_id", &closed.id.to_string()),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(list.status(), 404);
    // Another network's member: the network's project is not theirs; the shared one is.
    assert_eq!(
        stranger
            .get(content(in_network))
            .send()
            .await
            .unwrap()
            .status(),
        404
    );
    assert_eq!(
        stranger
            .get(content(in_group))
            .send()
            .await
            .unwrap()
            .status(),
        404
    );
    let replace = stranger
        .put(content(in_network))
        .query(&[("name", "x.pdf")])
        .header("content-type", "application/octet-stream")
        .body(PDF.to_vec())
        .send()
        .await
        .unwrap();
    assert_eq!(replace.status(), 404);
    let delete = stranger
        .delete(format!("{}/{in_shared}", files_url(&app, &a)))
        .send()
        .await
        .unwrap();
    assert_eq!(
        delete.status(),
        403,
        "a guest may read a shared file, not delete it"
    );
    let shared = stranger.get(content(in_shared)).send().await.unwrap();
    assert_eq!(shared.status(), 200);
    assert_eq!(shared.bytes().await.unwrap().to_vec(), PDF);
    // Signed out: nothing of the network's own.
    let status = visitor
        .get(content(in_network))
        .send()
        .await
        .unwrap()
        .status();
    assert!([401, 404].contains(&status.as_u16()), "{status}");
    // A member of B cannot add to A's project.
    let (status, _) = upload(
        &app,
        &stranger,
        &a,
        ("project", shared_project.to_string()),
        "x.pdf",
        PDF.to_vec(),
    )
    .await;
    assert!([403, 404].contains(&status), "{status}");

    // No guessable public path leads to a file's content.
    for entry in walk(&app.settings.storage_dir()) {
        let relative = entry
            .strip_prefix(app.settings.storage_dir())
            .unwrap()
            .to_string_lossy()
            .to_string();
        for path in [
            format!("/static/{relative}"),
            format!("/files/{relative}"),
            format!("/{relative}"),
            format!("/data/files/{relative}"),
        ] {
            let response = visitor.get(app.url(&path)).send().await.unwrap();
            let status = response.status().as_u16();
            let body = response.bytes().await.unwrap();
            assert!(
                status == 404 || (300..400).contains(&status),
                "{path}: {status}"
            );
            assert!(
                !body.windows(8).any(|w| w == b"%PDF-1.4"),
                "{path} served the file"
            );
        }
    }
    app.stop().await;
}

fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    if let Ok(entries) = std::fs::read_dir(dir) {
        for entry in entries.filter_map(Result::ok) {
            let path = entry.path();
            if path.is_dir() {
                out.extend(walk(&path));
            } else {
                out.push(path);
            }
        }
    }
    out
}

/// A browser: signed in, with the CSRF token from its cookie.
async fn browser(app: &TestApp, network: &Seeded, email: &str) -> (reqwest::Client, String) {
    let jar = std::sync::Arc::new(reqwest::cookie::Jar::default());
    let client = reqwest::Client::builder()
        .cookie_provider(jar.clone())
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let response = client
        .post(app.url("/api/v1/session"))
        .json(&serde_json::json!({ "email": email, "password": crate::support::PASSWORD }))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    let home = client
        .get(app.url(&format!("/n/{}", network.slug())))
        .send()
        .await
        .unwrap();
    assert_eq!(home.status(), 200);
    let url: reqwest::Url = app.base.parse().unwrap();
    let cookies = reqwest::cookie::CookieStore::cookies(&*jar, &url).unwrap();
    let csrf = cookies
        .to_str()
        .unwrap()
        .split("; ")
        .find_map(|c| c.strip_prefix("samvirke_csrf="))
        .unwrap()
        .to_owned();
    (client, csrf)
}

fn multipart(name: &str, content_type: &str, bytes: &[u8]) -> (String, Vec<u8>) {
    let boundary = "----samvirke-test-boundary";
    let mut body = Vec::new();
    body.extend_from_slice(
        format!(
            "--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{name}\"\r\nContent-Type: {content_type}\r\n\r\n"
        )
        .as_bytes(),
    );
    body.extend_from_slice(bytes);
    body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
    (format!("multipart/form-data; boundary={boundary}"), body)
}

#[tokio::test]
async fn the_web_ui_uploads_shows_and_downloads_files() {
    let dir = tempfile::tempdir().unwrap();
    let mut settings = test_settings(dir.path()).await;
    settings.storage.max_upload_bytes = 64 * 1024;
    let app = TestApp::start(
        dir,
        settings,
        Parts {
            http: true,
            worker: false,
        },
    )
    .await;
    let a = app.seed("netvaerk-a").await;
    let pa = project(&app, &a, Visibility::Network).await;
    let (web, csrf) = browser(&app, &a, &a.email(Role::Member)).await;
    let action = |csrf: &str| {
        app.url(&format!(
            "/n/{}/files?target_kind=project&target_id={pa}&csrf={csrf}",
            a.slug()
        ))
    };
    let project_page = app.url(&format!("/n/{}/projects/{pa}", a.slug()));

    // Without the CSRF token: refused, nothing stored.
    let (content_type, body) = multipart("Rapport.pdf", "application/pdf", PDF);
    let response = web
        .post(action("wrong"))
        .header("content-type", content_type.clone())
        .body(body.clone())
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 403);
    assert_eq!(stored_objects(&app), 0);

    let response = web
        .post(action(&csrf))
        .header("content-type", content_type)
        .header("referer", project_page.clone())
        .body(body)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 303, "{}", response.text().await.unwrap());
    let location = response.headers()["location"].to_str().unwrap().to_owned();
    assert!(location.contains("notice=file_uploaded"), "{location}");
    assert_eq!(stored_objects(&app), 1);
    let files = material::list_for(&app.services, &a.scope, Target::Project(pa))
        .await
        .unwrap();
    assert_eq!(files.len(), 1);
    let id = files[0].id;

    // Too large and the wrong kind: back to the form with the reason.
    for (name, bytes, code) in [
        ("stor.txt", vec![b'a'; 100 * 1024], "too_large"),
        ("tegning.svg", b"<svg/>".to_vec(), "unsupported_type"),
    ] {
        let (content_type, body) = multipart(name, "application/octet-stream", &bytes);
        let response = web
            .post(action(&csrf))
            .header("content-type", content_type)
            .header("referer", project_page.clone())
            .body(body)
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 303);
        let location = response.headers()["location"].to_str().unwrap().to_owned();
        assert!(
            location.contains(&format!("upload_error={code}")),
            "{location}"
        );
    }
    assert_eq!(stored_objects(&app), 1);

    // The file's page shows its version and the text being read.
    let page = web
        .get(app.url(&format!("/n/{}/files/{id}", a.slug())))
        .send()
        .await
        .unwrap();
    assert_eq!(page.status(), 200);
    let html = page.text().await.unwrap();
    assert!(html.contains("Rapport.pdf"), "{html}");
    assert!(html.contains("enctype=\"multipart/form-data\""), "{html}");

    let download = web
        .get(app.url(&format!("/n/{}/files/{id}/download", a.slug())))
        .send()
        .await
        .unwrap();
    assert_eq!(download.status(), 200);
    assert_eq!(download.headers()["content-security-policy"], "sandbox");
    assert_eq!(download.headers()["x-content-type-options"], "nosniff");
    assert!(
        download.headers()["content-disposition"]
            .to_str()
            .unwrap()
            .starts_with("attachment;")
    );
    assert_eq!(download.bytes().await.unwrap().to_vec(), PDF);

    // Deleting through the page.
    let response = web
        .post(app.url(&format!("/n/{}/files/{id}/delete", a.slug())))
        .form(&[("csrf", csrf.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 303);
    let gone = web
        .get(app.url(&format!("/n/{}/files/{id}/download", a.slug())))
        .send()
        .await
        .unwrap();
    assert_eq!(gone.status(), 404);
    app.stop().await;
}
