//! The web UI in real Chromium, once with JavaScript and once without: the demo coordinator
//! signs in, creates a project through the form and finds it on the search page (polling with
//! a 10 s deadline while the in-process worker indexes it), and axe-core finds no WCAG 2.1 A/AA
//! violation on the pages on the way.

use domain::policy::Role;
use samvirke::app::Parts;

use crate::support::browser::Browser;
use crate::support::{TestApp, eventually};

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
    browser.wait_for_path_change("/signin").await;

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
    let project_path = browser
        .wait_for_path_change("/n/bakkehuset/projects/new")
        .await;
    assert!(
        project_path.starts_with("/n/bakkehuset/projects/"),
        "{project_path}"
    );
    assert!(browser.text().await.contains(&title));
    assert_accessible(&browser, "the project page").await;

    // The polls borrow what they use.
    let (page, title) = (&browser, title.as_str());
    let search_url = app.url("/n/bakkehuset/search");
    let search_url = search_url.as_str();
    if javascript {
        // Search as you type: the results change without submitting the form.
        page.goto(search_url).await;
        page.fill("#f-q", word).await;
        let typed_at = std::cell::Cell::new(std::time::Instant::now());
        let typed_at = &typed_at;
        eventually(10, "found by search-as-you-type", || async move {
            if page.text().await.contains(title) {
                return true;
            }
            assert_eq!(
                page.path().await,
                "/n/bakkehuset/search",
                "search-as-you-type left the page"
            );
            // Type again now and then, in case the first keystrokes came before the index had it.
            if typed_at.get().elapsed() > std::time::Duration::from_secs(2) {
                page.fill("#f-q", word).await;
                typed_at.set(std::time::Instant::now());
            }
            false
        })
        .await;
    } else {
        eventually(10, "found by search", || async move {
            page.goto(search_url).await;
            page.fill("#f-q", word).await;
            // WebDriver waits for the page the form loads.
            page.click("main form button[type=submit]").await;
            page.text().await.contains(title)
        })
        .await;
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
        let link = || {
            app.mails().iter().find_map(|mail| {
                let unfolded = mail.replace("=\r\n", "").replace("=\n", "");
                unfolded.lines().find_map(|line| {
                    line.split("http://samvirke.test")
                        .nth(1)
                        .filter(|p| p.starts_with("/invitations/"))
                        .map(|p| p.trim().to_owned())
                })
            })
        };
        eventually(10, "the invitation mail", || async { link().is_some() }).await;
        browser.client.delete_all_cookies().await.unwrap();
        browser.goto(&app.url(&link().unwrap())).await;
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
