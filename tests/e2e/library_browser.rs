//! Acceptance 1 of issue 4 in real Chromium: a partner organisation's member creates a shared
//! project through the form and attaches a PDF and a DOCX through the upload form; the worker
//! reads and indexes them; a member of the other network searches the project library with a
//! misspelt word that is only inside the PDF, sees the hit with its network, follows it to the
//! file, and downloads the PDF. axe-core checks the pages on the way.

use domain::people::Sector;
use domain::people::members::{self, MemberPatch};
use domain::people::organisations::{self, NewOrganisation};
use domain::policy::Role;
use fantoccini::Locator;

use crate::support::browser::Browser;
use crate::support::fixtures::{docx_with, pdf_with};
use crate::support::{PASSWORD, TestApp, eventually};

/// Only inside the PDF.
const WORD: &str = "skolefraværsindsats";
/// The same word with one letter wrong (19 letters: two edits allowed).
const MISSPELT: &str = "skolefravarsindsats";

async fn assert_accessible(browser: &Browser, page: &str) {
    let violations = browser.accessibility_violations().await;
    assert!(
        violations.is_empty(),
        "{page} has WCAG violations:\n{}",
        violations.join("\n")
    );
}

async fn sign_in(browser: &Browser, app: &TestApp, email: &str) {
    browser.goto(&app.url("/signin")).await;
    browser.fill("#f-email", email).await;
    browser.fill("#f-password", PASSWORD).await;
    browser.click("main form button[type=submit]").await;
    browser.wait_for_path_change("/signin").await;
}

/// Chooses `path` in the project page's upload form and sends it; waits for the file's row.
async fn upload(browser: &Browser, path: &std::path::Path, name: &str) {
    browser
        .client
        .find(Locator::Css("#attachments input[type=file]"))
        .await
        .unwrap()
        .send_keys(path.to_str().unwrap())
        .await
        .unwrap();
    browser.click("#attachments form button[type=submit]").await;
    browser.wait_for_text(name).await;
    let url = browser.client.current_url().await.unwrap();
    assert!(
        url.query()
            .unwrap_or_default()
            .contains("notice=file_uploaded"),
        "{url}"
    );
}

#[tokio::test]
async fn a_shared_projects_pdf_is_found_across_networks_by_a_misspelt_word() {
    let Some(browser) = Browser::start(true).await else {
        return;
    };
    let app = TestApp::spawn().await;
    let a = app.seed("bibliotek-dk").await;
    let b = app.seed("bibliotek-no").await;
    // The creator belongs to a partner organisation of network A, not its host.
    let partner = organisations::create(
        &app.services,
        &a.scope,
        NewOrganisation {
            name: "Kalundborg Kommune".into(),
            sector: Sector::Municipality,
            registry_number: None,
        },
    )
    .await
    .unwrap();
    members::update(
        &app.services,
        &a.scope,
        a.person(Role::Member).membership_id,
        MemberPatch {
            organisation_id: Some(Some(partner.id)),
            ..Default::default()
        },
    )
    .await
    .unwrap();

    // The files, made here and written where ChromeDriver can pick them.
    let fixtures = tempfile::tempdir().unwrap();
    let pdf = pdf_with(&[
        "Evaluering af samarbejdet",
        &format!("Den fælles {WORD} har virket."),
    ]);
    let pdf_path = fixtures.path().join("Evaluering.pdf");
    std::fs::write(&pdf_path, &pdf).unwrap();
    let docx_path = fixtures.path().join("Notat.docx");
    std::fs::write(
        &docx_path,
        docx_with(&["Notat fra styregruppen om fremmøde"]),
    )
    .unwrap();

    // The partner organisation's member creates a shared project in the browser.
    sign_in(&browser, &app, &a.email(Role::Member)).await;
    let new_form = format!("/n/{}/projects/new", a.slug());
    browser.goto(&app.url(&new_form)).await;
    let title = "Fremmøde i udskolingen";
    browser.fill("#f-title", title).await;
    browser
        .fill("#f-summary", "Et fælles forløb mellem skole og kommune")
        .await;
    browser
        .fill("#f-body", "Vi følger eleverne **tæt** gennem et skoleår.")
        .await;
    browser.click("#f-visibility-shared").await;
    browser.click("main form button[type=submit]").await;
    let project_path = browser.wait_for_path_change(&new_form).await;
    assert!(
        project_path.starts_with(&format!("/n/{}/projects/", a.slug())),
        "{project_path}: {}",
        browser.text().await
    );
    browser.wait_for_text(title).await;
    assert!(browser.text().await.contains("Kalundborg Kommune"));

    upload(&browser, &pdf_path, "Evaluering.pdf").await;
    upload(&browser, &docx_path, "Notat.docx").await;
    assert_accessible(&browser, "the project page with its files").await;
    browser.close().await;

    // The worker reads both files and indexes them.
    app.drain().await;

    // A member of the other network, in a browser of their own.
    let browser = Browser::start(true).await.unwrap();
    sign_in(&browser, &app, &b.email(Role::Member)).await;

    // The project is in the library, with its network.
    browser
        .goto(&app.url(&format!("/n/{}/library", b.slug())))
        .await;
    let library = browser.text().await;
    assert!(library.contains(title), "{library}");
    assert!(library.contains(&a.network.name), "{library}");
    assert_accessible(&browser, "the project library").await;

    // Search the library as you type, with the word misspelt.
    let search = format!("/n/{}/search", b.slug());
    browser.goto(&app.url(&search)).await;
    assert_accessible(&browser, "the search page").await;
    browser.click("#f-library").await;
    browser.fill("#f-q", MISSPELT).await;
    let page = &browser;
    eventually(10, "the PDF found in the library", || async move {
        page.text().await.contains("Evaluering.pdf")
    })
    .await;
    assert_eq!(browser.path().await, search, "the search stays on its page");
    let hits = browser
        .client
        .find_all(Locator::Css("ol.results > li"))
        .await
        .unwrap();
    let mut hit_text = None;
    for hit in hits {
        let text = hit.text().await.unwrap();
        if text.contains("Evaluering.pdf") {
            hit_text = Some(text);
        }
    }
    let hit_text = hit_text.unwrap();
    assert!(
        hit_text.contains(&a.network.name),
        "the hit does not name its network: {hit_text}"
    );
    assert!(
        !browser.text().await.contains("Notat.docx"),
        "the DOCX does not hold the word"
    );
    assert_accessible(&browser, "the library search results").await;

    // Follow the hit to the file's page in its own network.
    browser.click("ol.results a[href*=\"/files/\"]").await;
    let file_path = browser.wait_for_path_change(&search).await;
    assert!(
        file_path.starts_with(&format!("/n/{}/files/", a.slug())),
        "{file_path}"
    );
    browser.wait_for_text("Evaluering.pdf").await;
    assert_accessible(&browser, "the file page").await;

    // Open it: the download link answers the PDF to this browser's session.
    let href = browser
        .client
        .find(Locator::Css("main a.button[href$=\"/download\"]"))
        .await
        .unwrap()
        .attr("href")
        .await
        .unwrap()
        .unwrap();
    let cookies = browser
        .client
        .get_all_cookies()
        .await
        .unwrap()
        .iter()
        .map(|c| format!("{}={}", c.name(), c.value()))
        .collect::<Vec<_>>()
        .join("; ");
    let download = reqwest::Client::new()
        .get(app.url(&href))
        .header("cookie", cookies)
        .send()
        .await
        .unwrap();
    assert_eq!(download.status(), 200, "{href}");
    assert!(
        download.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("application/pdf")
    );
    assert_eq!(download.bytes().await.unwrap().to_vec(), pdf);
    // Without the session it is not handed out.
    let anonymous = reqwest::Client::new()
        .get(app.url(&href))
        .send()
        .await
        .unwrap();
    assert_ne!(anonymous.status(), 200);

    // The project page, as the other network's member sees it.
    browser.goto(&app.url(&project_path)).await;
    let project_page = browser.text().await;
    assert!(project_page.contains(title), "{project_page}");
    assert_accessible(&browser, "the shared project, seen from the other network").await;
    browser.close().await;
    app.stop().await;
}
