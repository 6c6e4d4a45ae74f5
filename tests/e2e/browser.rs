//! The web UI in real Chromium, once with JavaScript and once without: the demo coordinator
//! signs in, creates a project through the form and finds it on the search page (polling with
//! a 10 s deadline while the in-process worker indexes it), and axe-core finds no WCAG 2.1 A/AA
//! violation on the pages on the way.

use domain::policy::Role;
use samvirke::app::Parts;

use crate::support::TestApp;
use crate::support::browser::Browser;

/// axe-core runs on the pages of the JavaScript session: it needs scripts and timers, which the
/// other session switches off; the HTML is the same server-rendered HTML in both.
async fn assert_accessible(browser: &Browser, page: &str) {
    if !browser.javascript {
        return;
    }
    let violations = browser.accessibility_violations().await;
    assert!(
        violations.is_empty(),
        "{page} has WCAG violations:\n{}",
        violations.join("\n")
    );
}

async fn wait_for_path_change(browser: &Browser, from: &str) -> String {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    loop {
        let path = browser.path().await;
        if path != from {
            return path;
        }
        assert!(std::time::Instant::now() < deadline, "still on {from}");
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
}

async fn sign_in_create_and_find(javascript: bool) {
    let Some(browser) = Browser::start(javascript).await else {
        return;
    };
    let app = TestApp::spawn_with(Parts {
        http: true,
        worker: true,
    })
    .await;
    let demo = samvirke::demo::load(&app.services).await.unwrap();
    let coordinator = demo
        .logins
        .iter()
        .find(|l| l.network == "bakkehuset" && l.role == Role::Coordinator)
        .unwrap();

    browser.goto(&app.url("/signin")).await;
    assert_accessible(&browser, "the sign-in page").await;
    browser.fill("#f-email", &coordinator.email).await;
    browser.fill("#f-password", &demo.password).await;
    browser.click("main form button[type=submit]").await;
    wait_for_path_change(&browser, "/signin").await;

    for page in [
        "/networks",
        "/n/bakkehuset",
        "/n/bakkehuset/projects",
        "/n/bakkehuset/members",
        "/n/bakkehuset/organisations",
        "/n/bakkehuset/groups",
    ] {
        browser.goto(&app.url(page)).await;
        assert_eq!(browser.path().await, page);
        assert_accessible(&browser, page).await;
    }

    let word = if javascript {
        "lysthusprojektet"
    } else {
        "havestueprojektet"
    };
    let title = format!("Samtalegrupper i {word}");
    browser.goto(&app.url("/n/bakkehuset/projects/new")).await;
    assert_accessible(&browser, "the project form").await;
    browser.fill("#f-title", &title).await;
    browser
        .fill(
            "#f-summary",
            "Samtalegrupper for unge efter akutmodtagelsen",
        )
        .await;
    browser
        .fill(
            "#f-body",
            "Et **nyt** tilbud i samarbejde mellem kommune og psykiatri.",
        )
        .await;
    browser.fill("#f-tags", "samtale, unge").await;
    browser.click("main form button[type=submit]").await;
    let project_path = wait_for_path_change(&browser, "/n/bakkehuset/projects/new").await;
    assert!(
        project_path.starts_with("/n/bakkehuset/projects/"),
        "{project_path}"
    );
    assert!(browser.text().await.contains(&title));
    assert_accessible(&browser, "the project page").await;

    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    if javascript {
        // Search as you type: the results change without submitting the form.
        browser.goto(&app.url("/n/bakkehuset/search")).await;
        let mut typed_at = std::time::Instant::now();
        browser.fill("#f-q", word).await;
        loop {
            if browser.text().await.contains(&title) {
                break;
            }
            assert!(
                std::time::Instant::now() < deadline,
                "not found by search-as-you-type within 10 s"
            );
            assert_eq!(
                browser.path().await,
                "/n/bakkehuset/search",
                "search-as-you-type left the page"
            );
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
            // Type again now and then, in case the first keystrokes came before the index had it.
            if typed_at.elapsed() > std::time::Duration::from_secs(2) {
                browser.fill("#f-q", word).await;
                typed_at = std::time::Instant::now();
            }
        }
    } else {
        loop {
            browser.goto(&app.url("/n/bakkehuset/search")).await;
            browser.fill("#f-q", word).await;
            // WebDriver waits for the page the form loads.
            browser.click("main form button[type=submit]").await;
            if browser.text().await.contains(&title) {
                break;
            }
            assert!(
                std::time::Instant::now() < deadline,
                "not found by search within 10 s"
            );
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
    }
    assert_accessible(&browser, "the search results").await;

    if javascript {
        // The remaining kinds of page: editing, a group, a page that does not exist, and the
        // invitation a newcomer opens from their mail.
        browser
            .goto(&app.url(&format!("{project_path}/edit")))
            .await;
        assert_accessible(&browser, "the project edit form").await;
        let network = domain::tenancy::find_network(&app.services, "bakkehuset")
            .await
            .unwrap();
        let scope = domain::tenancy::TenantScope::system(network, "test");
        let group = domain::people::groups::all(&app.services, &scope)
            .await
            .unwrap()
            .remove(0);
        browser
            .goto(&app.url(&format!("/n/bakkehuset/groups/{}", group.id)))
            .await;
        assert_accessible(&browser, "a group page").await;
        browser.goto(&app.url("/n/bakkehuset/no-such-page")).await;
        assert!(browser.text().await.len() > 10);
        assert_accessible(&browser, "the not-found page").await;
        domain::people::invitations::create(
            &app.services,
            &scope,
            domain::people::invitations::NewInvitation {
                email: "ny.kollega@example.org".into(),
                organisation_id: None,
                role: Role::Member,
            },
        )
        .await
        .unwrap();
        let mut link = None;
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
        while link.is_none() {
            link = app.mails().iter().find_map(|mail| {
                let unfolded = mail.replace("=\r\n", "").replace("=\n", "");
                unfolded.lines().find_map(|line| {
                    line.split("http://samvirke.test")
                        .nth(1)
                        .map(|p| p.trim().to_owned())
                })
            });
            assert!(std::time::Instant::now() < deadline, "no invitation mail");
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        }
        browser.client.delete_all_cookies().await.unwrap();
        browser.goto(&app.url(&link.unwrap())).await;
        assert!(browser.text().await.contains("ny.kollega@example.org"));
        assert_accessible(&browser, "the invitation page").await;
    }
    browser.close().await;
    app.stop().await;
}

#[tokio::test]
async fn with_javascript() {
    sign_in_create_and_find(true).await;
}

#[tokio::test]
async fn without_javascript() {
    sign_in_create_and_find(false).await;
}
