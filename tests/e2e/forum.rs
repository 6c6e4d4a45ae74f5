//! The forum end to end: a closed working group's thread is invisible to the rest of the network
//! (lists, search, notifications, ids — API and web); hostile Markdown renders inert; editing
//! keeps the history; quoting; flag → hide → restore and lock in the moderation log; another
//! network's ids answer 404; and a thread page costs the same statements with 30 posts as with 3.

use domain::identity::{self, NewUser};
use domain::people::groups::{self, NewGroup};
use domain::people::members;
use domain::policy::Role;
use serde_json::{Value, json};

use crate::support::{PASSWORD, Seeded, TestApp};

async fn send(request: reqwest::RequestBuilder) -> (u16, Value) {
    let response = request.send().await.unwrap();
    let status = response.status().as_u16();
    let text = response.text().await.unwrap();
    (status, serde_json::from_str(&text).unwrap_or(Value::Null))
}

fn api(app: &TestApp, seeded: &Seeded, rest: &str) -> String {
    app.url(&format!("/api/v1/networks/{}{rest}", seeded.slug()))
}

/// Adds an active member with this name to the network and returns their e-mail.
async fn add_member(
    app: &TestApp,
    seeded: &Seeded,
    name: &str,
) -> (String, domain::ids::MembershipId) {
    let email = format!(
        "{}.{}@example.org",
        name.to_lowercase().replace(' ', "."),
        seeded.slug()
    );
    let user = identity::create_user(
        &app.services,
        NewUser {
            email: email.clone(),
            display_name: name.into(),
            password: PASSWORD.into(),
            preferred_language: None,
        },
    )
    .await
    .unwrap();
    let membership = members::add(
        &app.services,
        &seeded.scope,
        user.id,
        Some(seeded.organisation.id),
        Role::Member,
    )
    .await
    .unwrap();
    (email, membership)
}

async fn category(app: &TestApp, seeded: &Seeded, coordinator: &reqwest::Client) -> String {
    let (status, body) = send(
        coordinator
            .post(api(app, seeded, "/forum/categories"))
            .json(&json!({ "name": "Samarbejde", "description": "På tværs" })),
    )
    .await;
    assert_eq!(status, 200, "{body}");
    body["id"].as_str().unwrap().to_owned()
}

async fn start_thread(
    app: &TestApp,
    seeded: &Seeded,
    client: &reqwest::Client,
    place: Value,
    title: &str,
    body: &str,
) -> Value {
    let mut request = place;
    request["title"] = json!(title);
    request["body"] = json!(body);
    let (status, thread) = send(client.post(api(app, seeded, "/threads")).json(&request)).await;
    assert_eq!(status, 200, "{thread}");
    thread
}

async fn reply(
    app: &TestApp,
    seeded: &Seeded,
    client: &reqwest::Client,
    thread: &str,
    body: Value,
) -> (u16, Value) {
    send(
        client
            .post(api(app, seeded, &format!("/threads/{thread}/posts")))
            .json(&body),
    )
    .await
}

async fn page(client: &reqwest::Client, url: String) -> (u16, String) {
    let response = client.get(url).send().await.unwrap();
    (response.status().as_u16(), response.text().await.unwrap())
}

#[tokio::test]
async fn a_closed_groups_thread_is_invisible_to_the_rest_of_the_network() {
    let app = TestApp::spawn().await;
    let a = app.seed("forum-a").await;
    let (insider_email, insider) = add_member(&app, &a, "Ida Indenfor").await;
    let group = groups::create(
        &app.services,
        &a.scope,
        NewGroup {
            name: "Lukket gruppe".into(),
            description: String::new(),
            is_open: false,
        },
    )
    .await
    .unwrap();
    groups::add_member(&app.services, &a.scope, group.id, insider, false)
        .await
        .unwrap();
    let insider = app.signed_in(&insider_email).await;
    let outsider = app.signed_in(&a.email(Role::Member)).await;
    let coordinator = app.signed_in(&a.email(Role::Coordinator)).await;

    // The outsider asks to follow the group; whatever the answer, it must not reveal the thread.
    let _ = outsider
        .put(api(&app, &a, &format!("/subscriptions/group/{}", group.id)))
        .send()
        .await
        .unwrap();
    let thread = start_thread(
        &app,
        &a,
        &insider,
        json!({ "group_id": group.id }),
        "Kolibriplanen",
        "Fortroligt om kolibriplanen. @member forum-a og @coordinator forum-a, læs med.",
    )
    .await;
    let thread_id = thread["id"].as_str().unwrap().to_owned();
    let first_post = thread["posts"]["items"][0]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let (status, body) = reply(
        &app,
        &a,
        &coordinator,
        &thread_id,
        json!({ "body": "Kolibriplanen ser god ud." }),
    )
    .await;
    assert_eq!(status, 200, "{body}");
    // The outsider is not in the group and cannot post there, even knowing the id.
    let (status, _) = reply(&app, &a, &outsider, &thread_id, json!({ "body": "Hej" })).await;
    assert_eq!(status, 404);
    app.drain().await;

    // The insider and the coordinator see it: the checks below could fail.
    for client in [&insider, &coordinator] {
        let (status, list) = send(client.get(api(&app, &a, "/threads"))).await;
        assert_eq!(status, 200);
        assert!(list.to_string().contains("Kolibriplanen"), "{list}");
        let (_, found) = send(
            client
                .get(api(&app, &a, "/search"))
                .query(&[("q", "kolibriplanen")]),
        )
        .await;
        assert!(found["total"].as_u64().unwrap() >= 1, "{found}");
    }
    let (_, mine) = send(coordinator.get(api(&app, &a, "/notifications"))).await;
    assert!(mine.to_string().contains("Kolibriplanen"), "{mine}");

    // The outsider: not in lists, search, notifications, by id, on the web.
    let (status, list) = send(outsider.get(api(&app, &a, "/threads"))).await;
    assert_eq!(status, 200);
    assert!(!list.to_string().contains("Kolibri"), "{list}");
    let (status, list) = send(
        outsider
            .get(api(&app, &a, "/threads"))
            .query(&[("group_id", group.id.to_string())]),
    )
    .await;
    assert_eq!(status, 200);
    assert_eq!(list["items"], json!([]));
    let (status, found) = send(
        outsider
            .get(api(&app, &a, "/search"))
            .query(&[("q", "kolibriplanen")]),
    )
    .await;
    assert_eq!(status, 200);
    assert_eq!(found["total"], 0, "{found}");
    let (status, notes) = send(outsider.get(api(&app, &a, "/notifications"))).await;
    assert_eq!(status, 200);
    assert!(!notes.to_string().contains("Kolibri"), "{notes}");
    for path in [
        format!("/threads/{thread_id}"),
        format!("/posts/{first_post}"),
        format!("/posts/{first_post}/revisions"),
    ] {
        let (status, body) = send(outsider.get(api(&app, &a, &path))).await;
        assert_eq!(status, 404, "{path}: {body}");
        assert!(!body.to_string().contains("Kolibri"));
    }
    let (status, body) = send(
        outsider
            .post(api(&app, &a, &format!("/posts/{first_post}/flag")))
            .json(&json!({ "reason": "x" })),
    )
    .await;
    assert_eq!(status, 404, "{body}");
    for path in [
        format!("/n/{}/threads/{thread_id}", a.slug()),
        format!("/n/{}/posts/{first_post}/history", a.slug()),
        format!("/n/{}/posts/{first_post}/edit", a.slug()),
    ] {
        let (status, html) = page(&outsider, app.url(&path)).await;
        assert_eq!(status, 404, "{path}");
        assert!(!html.contains("Kolibri"));
    }
    for path in [
        format!("/n/{}/forum", a.slug()),
        format!("/n/{}/groups/{}", a.slug(), group.id),
    ] {
        let (status, html) = page(&outsider, app.url(&path)).await;
        assert_eq!(status, 200, "{path}");
        assert!(!html.contains("Kolibri"), "{path}");
    }
    // The insider's group page lists it.
    let (_, html) = page(
        &insider,
        app.url(&format!("/n/{}/groups/{}", a.slug(), group.id)),
    )
    .await;
    assert!(html.contains("Kolibriplanen"));
    app.stop().await;
}

#[tokio::test]
async fn hostile_markdown_is_inert_and_edits_quotes_and_moderation_are_kept() {
    let app = TestApp::spawn().await;
    let a = app.seed("forum-b").await;
    let coordinator = app.signed_in(&a.email(Role::Coordinator)).await;
    let member = app.signed_in(&a.email(Role::Member)).await;
    let partner = app.signed_in(&a.email(Role::Partner)).await;
    let category_id = category(&app, &a, &coordinator).await;

    let hostile = "Hej <script>alert('xss-1')</script>\n\n\
        [klik](javascript:alert('xss-2')) [data](data:text/html;base64,PHNjcmlwdD4=)\n\n\
        <a href=\"https://example.org\" onclick=\"alert('xss-3')\">ok</a> \
        <img src=\"https://tracker.example/p.gif\" onerror=\"alert('xss-4')\">\n\n\
        <iframe src=\"https://evil.example/xss-5\"></iframe>\n\n\
        <style>.xss-6{display:none}</style>\n\n\
        <form action=\"https://evil.example/xss-7\"><input name=\"q\"><button>send</button></form>\n\n\
        <div onmouseover=\"alert('xss-8')\">hover</div>";
    let thread = start_thread(
        &app,
        &a,
        &member,
        json!({ "category_id": category_id }),
        "Ondsindet markdown",
        hostile,
    )
    .await;
    let thread_id = thread["id"].as_str().unwrap().to_owned();
    let first = thread["posts"]["items"][0]["id"]
        .as_str()
        .unwrap()
        .to_owned();

    let thread_url = app.url(&format!("/n/{}/threads/{thread_id}", a.slug()));
    let (status, html) = page(&member, thread_url.clone()).await;
    assert_eq!(status, 200);
    assert!(html.contains("klik"), "the text stays");
    assert!(html.contains("rel=\"nofollow noopener"), "{html}");
    let lowered = html.to_lowercase();
    for bad in [
        "<script",
        "javascript:",
        "data:text",
        "onclick",
        "onerror",
        "onmouseover",
        "<iframe",
        "<style",
        "xss-7",
        "<img",
        "alert(",
    ] {
        assert!(!lowered.contains(bad), "{bad} survived on the thread page");
    }

    // Editing keeps the history.
    let (status, edited) = send(
        member
            .patch(api(&app, &a, &format!("/posts/{first}")))
            .json(&json!({ "body": "Ny tekst uden ondskab." })),
    )
    .await;
    assert_eq!(status, 200, "{edited}");
    assert!(edited["edited_at"].is_string());
    let (status, history) =
        send(member.get(api(&app, &a, &format!("/posts/{first}/revisions")))).await;
    assert_eq!(status, 200);
    assert_eq!(history["items"].as_array().unwrap().len(), 1);
    assert_eq!(history["items"][0]["body"], hostile);
    assert!(
        !history["items"][0]["body_html"]
            .as_str()
            .unwrap()
            .contains("<script"),
        "revisions render inert too"
    );
    let (status, html) = page(
        &partner,
        app.url(&format!("/n/{}/posts/{first}/history", a.slug())),
    )
    .await;
    assert_eq!(status, 200);
    assert!(html.contains("Ny tekst uden ondskab") && html.contains("klik"));
    assert!(!html.to_lowercase().contains("<script"));
    // Someone else may not edit it.
    let (status, _) = send(
        partner
            .patch(api(&app, &a, &format!("/posts/{first}")))
            .json(&json!({ "body": "Overtaget" })),
    )
    .await;
    assert_eq!(status, 403);

    // Quoting: a post of the same thread, shown as a blockquote with the author's name.
    let (status, quoted) = reply(
        &app,
        &a,
        &partner,
        &thread_id,
        json!({ "body": "Enig!", "quoted_post_id": first }),
    )
    .await;
    assert_eq!(status, 200, "{quoted}");
    assert_eq!(quoted["quote"]["post_id"], first.as_str());
    assert_eq!(quoted["quote"]["author_name"], "member forum-b");
    let reply_id = quoted["id"].as_str().unwrap().to_owned();
    let other = start_thread(
        &app,
        &a,
        &member,
        json!({ "category_id": category_id }),
        "En anden tråd",
        "Noget andet",
    )
    .await;
    let (status, body) = reply(
        &app,
        &a,
        &member,
        other["id"].as_str().unwrap(),
        json!({ "body": "Citat", "quoted_post_id": first }),
    )
    .await;
    assert_eq!(status, 422, "{body}");
    let (_, html) = page(&member, format!("{thread_url}?quote={reply_id}")).await;
    assert!(html.contains("<blockquote"), "the quote is shown");
    assert!(html.contains(&format!("name=\"quoted_post_id\" value=\"{reply_id}\"")));
    assert!(
        html.contains(&format!("?quote={first}#reply")),
        "a Quote link"
    );

    // Flag → hide with a reason → restore, all in the log.
    let flag_url = api(&app, &a, &format!("/posts/{reply_id}/flag"));
    let (status, body) = send(
        member
            .post(&flag_url)
            .json(&json!({ "reason": "Uvenligt" })),
    )
    .await;
    assert_eq!(status, 204, "{body}");
    let (status, body) = send(member.post(&flag_url).json(&json!({ "reason": "Igen" }))).await;
    assert_eq!(status, 409);
    assert_eq!(body["errors"][0]["code"], "already_flagged");
    let (status, _) = send(member.get(api(&app, &a, "/moderation/flags"))).await;
    assert_eq!(status, 403, "members do not read the flags");
    let (_, flags) = send(coordinator.get(api(&app, &a, "/moderation/flags"))).await;
    assert_eq!(flags["items"][0]["reason"], "Uvenligt", "{flags}");
    let (status, hidden) = send(
        coordinator
            .post(api(&app, &a, &format!("/posts/{reply_id}/hide")))
            .json(&json!({ "reason": "Tonen" })),
    )
    .await;
    assert_eq!(status, 200, "{hidden}");
    let (_, seen) = send(member.get(api(&app, &a, &format!("/posts/{reply_id}")))).await;
    assert_eq!(seen["hidden"], true);
    assert_eq!(seen["body"], "");
    let (_, html) = page(&member, thread_url.clone()).await;
    assert!(html.contains("Skjult af en moderator"));
    assert!(!html.contains("Enig!"));
    let (_, html) = page(&coordinator, thread_url.clone()).await;
    assert!(html.contains("Enig!") && html.contains("Tonen"));
    let (_, flags) = send(coordinator.get(api(&app, &a, "/moderation/flags"))).await;
    assert_eq!(flags["items"], json!([]), "hiding resolves the flags");
    let (status, _) = send(
        coordinator
            .post(api(&app, &a, &format!("/posts/{reply_id}/restore")))
            .json(&json!({ "reason": "Afklaret" })),
    )
    .await;
    assert_eq!(status, 200);
    let (_, html) = page(&member, thread_url.clone()).await;
    assert!(html.contains("Enig!"));

    // A locked thread refuses replies.
    let lock = api(&app, &a, &format!("/threads/{thread_id}/lock"));
    let (status, _) = send(member.post(&lock).json(&json!({}))).await;
    assert_eq!(status, 403);
    let (status, _) = send(coordinator.post(&lock).json(&json!({ "reason": "Ro" }))).await;
    assert_eq!(status, 204);
    let (status, body) = reply(&app, &a, &member, &thread_id, json!({ "body": "Mere" })).await;
    assert_eq!(status, 409);
    assert_eq!(body["errors"][0]["code"], "thread_locked");
    let (_, html) = page(&member, thread_url.clone()).await;
    assert!(html.contains("Tråden er låst"));
    let (status, _) = send(
        coordinator
            .post(api(&app, &a, &format!("/threads/{thread_id}/unlock")))
            .json(&json!({})),
    )
    .await;
    assert_eq!(status, 204);
    let (status, _) = reply(&app, &a, &member, &thread_id, json!({ "body": "Mere" })).await;
    assert_eq!(status, 200);

    let (_, log) = send(coordinator.get(api(&app, &a, "/moderation/log"))).await;
    let actions: Vec<(&str, &str)> = log["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e["action"].as_str().unwrap(), e["reason"].as_str().unwrap()))
        .collect();
    assert_eq!(
        actions,
        vec![
            ("unlock", ""),
            ("lock", "Ro"),
            ("restore", "Afklaret"),
            ("hide", "Tonen")
        ]
    );
    let (status, html) = page(
        &coordinator,
        app.url(&format!("/n/{}/moderation", a.slug())),
    )
    .await;
    assert_eq!(status, 200);
    assert!(html.contains("Tonen") && html.contains("Afklaret"));
    let (status, _) = page(&member, app.url(&format!("/n/{}/moderation", a.slug()))).await;
    assert_eq!(status, 403);
    app.stop().await;
}

#[tokio::test]
async fn another_networks_forum_ids_answer_404() {
    let app = TestApp::spawn().await;
    let a = app.seed("forum-c").await;
    let b = app.seed("forum-d").await;
    let b_coordinator = app.signed_in(&b.email(Role::Coordinator)).await;
    let b_category = category(&app, &b, &b_coordinator).await;
    let thread = start_thread(
        &app,
        &b,
        &b_coordinator,
        json!({ "category_id": b_category }),
        "Hemmelig Zebratråd",
        "Zebra",
    )
    .await;
    let thread_id = thread["id"].as_str().unwrap();
    let post_id = thread["posts"]["items"][0]["id"].as_str().unwrap();
    let a_owner = app.signed_in(&a.email(Role::Owner)).await;
    let body = json!({ "body": "x" });
    let title = json!({ "title": "x" });
    let reason = json!({ "reason": "x" });
    for (method, path, payload) in [
        ("GET", format!("/threads/{thread_id}"), None),
        ("PATCH", format!("/threads/{thread_id}"), Some(&title)),
        ("POST", format!("/threads/{thread_id}/posts"), Some(&body)),
        ("POST", format!("/threads/{thread_id}/lock"), Some(&reason)),
        ("GET", format!("/posts/{post_id}"), None),
        ("PATCH", format!("/posts/{post_id}"), Some(&body)),
        ("GET", format!("/posts/{post_id}/revisions"), None),
        ("POST", format!("/posts/{post_id}/hide"), Some(&reason)),
        ("POST", format!("/posts/{post_id}/flag"), Some(&reason)),
        ("GET", format!("/forum/categories/{b_category}"), None),
        ("DELETE", format!("/forum/categories/{b_category}"), None),
        ("GET", format!("/threads?category_id={b_category}"), None),
    ] {
        let request = a_owner.request(method.parse().unwrap(), api(&app, &a, &path));
        let request = match payload {
            Some(payload) => request.json(payload),
            None => request,
        };
        let (status, answer) = send(request).await;
        assert_eq!(status, 404, "{method} {path}: {answer}");
        assert!(!answer.to_string().contains("Zebra"));
    }
    let (_, list) = send(a_owner.get(api(&app, &a, "/threads"))).await;
    assert_eq!(list["items"], json!([]));
    let (status, _) = page(
        &a_owner,
        app.url(&format!("/n/{}/threads/{thread_id}", a.slug())),
    )
    .await;
    assert_eq!(status, 404);
    app.stop().await;
}

#[tokio::test]
async fn a_thread_page_costs_the_same_with_30_posts_as_with_3() {
    let app = TestApp::spawn().await;
    let a = app.seed("forum-e").await;
    let coordinator = app.signed_in(&a.email(Role::Coordinator)).await;
    let member = app.signed_in(&a.email(Role::Member)).await;
    let category_id = category(&app, &a, &coordinator).await;
    let mut threads = Vec::new();
    for n in [3, 30] {
        let thread = start_thread(
            &app,
            &a,
            &member,
            json!({ "category_id": category_id }),
            &format!("Tråd med {n}"),
            "Første indlæg",
        )
        .await;
        let id = thread["id"].as_str().unwrap().to_owned();
        let first = thread["posts"]["items"][0]["id"]
            .as_str()
            .unwrap()
            .to_owned();
        for i in 1..n {
            let (author, quote) = if i % 2 == 0 {
                (&coordinator, json!(first))
            } else {
                (&member, Value::Null)
            };
            let (status, body) = reply(
                &app,
                &a,
                author,
                &id,
                json!({ "body": format!("Svar {i} til @member forum-e"), "quoted_post_id": quote }),
            )
            .await;
            assert_eq!(status, 200, "{body}");
        }
        threads.push(id);
    }
    let statements = app.services.db.statements().clone();
    let mut costs = Vec::new();
    for id in &threads {
        let url = app.url(&format!("/n/{}/threads/{id}", a.slug()));
        // Once to warm anything cached per process, then counted.
        let (status, _) = page(&coordinator, url.clone()).await;
        assert_eq!(status, 200);
        let before = statements.get();
        let (status, html) = page(&coordinator, url).await;
        assert_eq!(status, 200);
        costs.push(statements.get() - before);
        assert!(html.contains("Svar 2"));
        let before = statements.get();
        let (status, _) = send(coordinator.get(api(&app, &a, &format!("/threads/{id}")))).await;
        assert_eq!(status, 200);
        costs.push(statements.get() - before);
    }
    assert_eq!(
        costs[0], costs[2],
        "web page: 3 posts vs 30 posts ({costs:?})"
    );
    assert_eq!(costs[1], costs[3], "API: 3 posts vs 30 posts ({costs:?})");
    app.stop().await;
}

/// The forum's pages in real Chromium with axe-core: no WCAG 2.1 A/AA violation on the forum,
/// a category, a thread (with a quote, a mention and the moderators' forms), a post's edit form
/// and history, the moderation page, and a group page with its threads.
#[tokio::test]
async fn the_forum_pages_are_accessible() {
    use crate::support::browser::Browser;
    use domain::forum::threads::{self, ThreadFilter};
    use domain::pagination::PageRequest;
    let Some(browser) = Browser::start(true).await else {
        return;
    };
    let app = TestApp::spawn().await;
    let demo = samvirke::demo::load(&app.services).await.unwrap();
    let coordinator = demo
        .logins
        .iter()
        .find(|l| l.network == "bakkehuset" && l.role == Role::Coordinator)
        .unwrap();
    browser.goto(&app.url("/signin")).await;
    browser.fill("#f-email", &coordinator.email).await;
    browser.fill("#f-password", &demo.password).await;
    browser.click("main form button[type=submit]").await;
    browser.wait_for_path_change("/signin").await;

    let network = domain::tenancy::find_network(&app.services, "bakkehuset")
        .await
        .unwrap();
    let scope = domain::tenancy::TenantScope::system(network, "test");
    let all = threads::list(
        &app.services,
        &scope,
        ThreadFilter::All,
        PageRequest::first(50),
    )
    .await
    .unwrap()
    .items;
    let quoted = all.iter().find(|t| t.reply_count >= 2).unwrap();
    let in_group = all.iter().find(|t| t.group_id.is_some()).unwrap();
    let thread = threads::get(&app.services, &scope, quoted.id, PageRequest::first(50))
        .await
        .unwrap();
    let first = thread.posts.items[0].id;
    let mut pages = vec![
        "/n/bakkehuset/forum".to_owned(),
        format!(
            "/n/bakkehuset/forum/categories/{}",
            quoted.category_id.unwrap()
        ),
        format!("/n/bakkehuset/threads/{}", quoted.id),
        format!("/n/bakkehuset/threads/{}?quote={first}", quoted.id),
        format!("/n/bakkehuset/posts/{first}/edit"),
        format!("/n/bakkehuset/posts/{first}/history"),
        "/n/bakkehuset/moderation".to_owned(),
        format!("/n/bakkehuset/groups/{}", in_group.group_id.unwrap()),
        format!(
            "/n/bakkehuset/forum/new?group_id={}",
            in_group.group_id.unwrap()
        ),
    ];
    pages.push(format!("/n/bakkehuset/threads/{}", in_group.id));
    for page in pages {
        browser.goto(&app.url(&page)).await;
        let text = browser.text().await;
        assert!(!text.is_empty(), "{page}");
        let violations = browser.accessibility_violations().await;
        assert!(
            violations.is_empty(),
            "{page} has WCAG violations:\n{}",
            violations.join("\n")
        );
    }
    let text = {
        browser
            .goto(&app.url(&format!("/n/bakkehuset/threads/{}", quoted.id)))
            .await;
        browser.text().await
    };
    assert!(text.contains("@Sofie Holm"), "the mention is shown");
    browser.close().await;
    app.stop().await;
}
