//! Following, notifications and their mail: the daily digest with its one-click unsubscribe
//! (acceptance 3), one mail at once per notification, closed groups, and the unread count in
//! the API and in the page header.

use chrono::Duration;
use domain::notifications::{DigestPeriod, next_digest_time};
use domain::policy::Role;
use serde_json::{Value, json};

use crate::support::mail::{decoded, readable};
use crate::support::{Seeded, TestApp, json};

fn api(app: &TestApp, net: &Seeded, rest: &str) -> String {
    app.url(&format!("/api/v1/networks/{}{rest}", net.slug()))
}

/// A network-wide thread started by the coordinator (in a category of their making).
async fn thread(app: &TestApp, net: &Seeded, title: &str) -> String {
    let coordinator = app.signed_in(&net.email(Role::Coordinator)).await;
    let (status, category) = json(
        coordinator
            .post(api(app, net, "/forum/categories"))
            .json(&json!({ "name": format!("Kategori {title}") }))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 200, "{category}");
    let (status, thread) = json(
        coordinator
            .post(api(app, net, "/threads"))
            .json(&json!({
                "category_id": category["id"],
                "title": title,
                "body": "Hvordan griber I overgangen an?",
            }))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 200, "{thread}");
    thread["id"].as_str().unwrap().to_owned()
}

async fn reply(app: &TestApp, client: &reqwest::Client, net: &Seeded, thread: &str, body: &str) {
    let (status, post) = json(
        client
            .post(api(app, net, &format!("/threads/{thread}/posts")))
            .json(&json!({ "body": body }))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 200, "{post}");
}

/// The mails in the outbox addressed to `email`.
fn mails_to(app: &TestApp, email: &str) -> Vec<String> {
    app.mails()
        .into_iter()
        .filter(|m| m.contains(&format!("To: {email}")))
        .collect()
}

/// Moves the clock just past the next daily digest time and runs what is due.
async fn next_morning(app: &TestApp, net: &Seeded) {
    let due = next_digest_time(app.clock_now(), net.network.time_zone, DigestPeriod::Daily);
    app.clock.set(due + Duration::minutes(1));
    app.drain().await;
}

async fn notifications_of(app: &TestApp, client: &reqwest::Client, net: &Seeded) -> Value {
    let (status, body) = json(
        client
            .get(api(app, net, "/notifications"))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 200, "{body}");
    body
}

#[tokio::test]
async fn a_daily_digest_lists_the_replies_and_unsubscribes_in_one_click() {
    let app = TestApp::spawn().await;
    let net = app.seed("digest").await;
    let thread = thread(&app, &net, "Overgang til skole").await;
    let follower_email = net.email(Role::Member);
    let follower = app.signed_in(&follower_email).await;

    let response = follower
        .put(api(&app, &net, &format!("/subscriptions/thread/{thread}")))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 204);
    let (status, settings) = json(
        follower
            .put(api(&app, &net, "/notification-settings"))
            .json(&json!({ "mail_mode": "daily" }))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(
        (status, settings["mail_mode"].as_str()),
        (200, Some("daily"))
    );
    let (_, subscriptions) = json(
        follower
            .get(api(&app, &net, "/subscriptions"))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(subscriptions["items"][0]["kind"], "thread");
    assert_eq!(subscriptions["items"][0]["id"], thread.as_str());

    let owner = app.signed_in(&net.email(Role::Owner)).await;
    let partner = app.signed_in(&net.email(Role::Partner)).await;
    reply(&app, &owner, &net, &thread, "Vi starter i maj.").await;
    reply(
        &app,
        &partner,
        &net,
        &thread,
        "Vi holder et overleveringsmøde.",
    )
    .await;
    app.drain().await;
    assert!(
        mails_to(&app, &follower_email).is_empty(),
        "nothing before the digest"
    );

    // The unread count, in the API and in the page header.
    let listed = notifications_of(&app, &follower, &net).await;
    assert_eq!(listed["unread_count"], 2);
    assert_eq!(listed["items"].as_array().unwrap().len(), 2);
    assert_eq!(listed["items"][0]["kind"], "new_post");
    assert_eq!(listed["items"][0]["actor_name"], "partner digest");
    let page = follower
        .get(app.url(&format!("/n/{}", net.slug())))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(page.contains("data-unread=\"2\""), "{page}");

    next_morning(&app, &net).await;
    let mails = mails_to(&app, &follower_email);
    assert_eq!(mails.len(), 1, "exactly one digest");
    let digest = readable(&mails[0]);
    assert!(digest.contains("owner digest"), "{digest}");
    assert!(digest.contains("partner digest"), "{digest}");
    assert_eq!(
        decoded(&mails[0])
            .matches("- Nyt svar: Overgang til skole")
            .count(),
        2,
        "{digest}"
    );
    assert!(digest.contains(&format!("http://samvirke.test/n/digest/threads/{thread}")));
    assert!(
        !digest.contains("overleveringsmøde"),
        "titles only, no post text"
    );
    assert!(mails[0].contains("List-Unsubscribe-Post: List-Unsubscribe=One-Click"));
    let link = mails[0]
        .lines()
        .find_map(|l| l.strip_prefix("List-Unsubscribe: <"))
        .and_then(|l| l.strip_suffix('>'))
        .expect("a List-Unsubscribe header")
        .to_owned();
    assert!(link.starts_with("http://samvirke.test/unsubscribe/"));
    assert!(digest.contains(&link), "the link is in the text too");
    let path = link.trim_start_matches("http://samvirke.test");

    // Signed out: the page asks, the one-click POST (no cookie, no CSRF token) does it.
    let stranger = app.client();
    let page = stranger.get(app.url(path)).send().await.unwrap();
    assert_eq!(page.status(), 200);
    let page = page.text().await.unwrap();
    assert!(page.contains(&format!("action=\"{path}\"")), "{page}");
    let done = stranger
        .post(app.url(path))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .body("List-Unsubscribe=One-Click")
        .send()
        .await
        .unwrap();
    assert_eq!(done.status(), 200);
    let (_, settings) = json(
        follower
            .get(api(&app, &net, "/notification-settings"))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(settings["mail_mode"], "off");
    // Again: still fine. An unknown token: not found.
    let again = stranger
        .post(app.url(path))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .body("List-Unsubscribe=One-Click")
        .send()
        .await
        .unwrap();
    assert_eq!(again.status(), 200);
    let unknown = stranger
        .get(app.url("/unsubscribe/not-a-token"))
        .send()
        .await
        .unwrap();
    assert_eq!(unknown.status(), 404);

    reply(&app, &owner, &net, &thread, "Og en sidste ting.").await;
    next_morning(&app, &net).await;
    next_morning(&app, &net).await;
    assert_eq!(mails_to(&app, &follower_email).len(), 1, "no more mail");
    // Still told in the web.
    assert_eq!(
        notifications_of(&app, &follower, &net).await["unread_count"],
        3
    );
}

#[tokio::test]
async fn immediate_mail_goes_once_per_notification() {
    let app = TestApp::spawn().await;
    let net = app.seed("straks").await;
    let thread = thread(&app, &net, "Fælles sprog").await;
    let follower_email = net.email(Role::Member);
    let follower = app.signed_in(&follower_email).await;
    let response = follower
        .put(api(&app, &net, &format!("/subscriptions/thread/{thread}")))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 204);
    let owner = app.signed_in(&net.email(Role::Owner)).await;
    reply(&app, &owner, &net, &thread, "Første svar").await;
    reply(&app, &owner, &net, &thread, "Andet svar").await;
    app.drain().await;
    let mails = mails_to(&app, &follower_email);
    assert_eq!(mails.len(), 2, "one each, by default at once");
    for mail in &mails {
        assert!(mail.contains("List-Unsubscribe: <http://samvirke.test/unsubscribe/"));
        let text = decoded(mail);
        assert!(text.contains("har svaret i en tråd, du følger"), "{text}");
        assert!(text.contains("Fælles sprog"), "{text}");
    }

    // The job run again (a retry after a crash) sends nothing new.
    let listed = notifications_of(&app, &follower, &net).await;
    let id: uuid::Uuid = listed["items"][0]["id"].as_str().unwrap().parse().unwrap();
    domain::notifications::send_notification_mail(
        &app.services,
        &net.scope,
        domain::ids::NotificationId(id),
    )
    .await
    .unwrap();
    assert_eq!(mails_to(&app, &follower_email).len(), 2);

    // Marking read, one and all.
    let response = follower
        .post(api(&app, &net, &format!("/notifications/{id}/read")))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 204);
    assert_eq!(
        notifications_of(&app, &follower, &net).await["unread_count"],
        1
    );
    let response = follower
        .post(api(&app, &net, "/notifications/read-all"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 204);
    assert_eq!(
        notifications_of(&app, &follower, &net).await["unread_count"],
        0
    );
    // Someone else's notification is not found.
    let owner_marks = owner
        .post(api(&app, &net, &format!("/notifications/{id}/read")))
        .send()
        .await
        .unwrap();
    assert_eq!(owner_marks.status(), 404);

    // Unfollowing stops it.
    let response = follower
        .delete(api(&app, &net, &format!("/subscriptions/thread/{thread}")))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 204);
    reply(&app, &owner, &net, &thread, "Tredje svar").await;
    app.drain().await;
    assert_eq!(mails_to(&app, &follower_email).len(), 2);
}

#[tokio::test]
async fn a_closed_groups_thread_tells_no_one_outside_it() {
    let app = TestApp::spawn().await;
    let net = app.seed("lukket").await;
    let coordinator = app.signed_in(&net.email(Role::Coordinator)).await;
    let (status, group) = json(
        coordinator
            .post(api(&app, &net, "/groups"))
            .json(&json!({ "name": "Sagsgruppe", "is_open": false }))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 200, "{group}");
    let group = group["id"].as_str().unwrap().to_owned();
    let insider = net.person(Role::Member).membership_id;
    let (status, _) = json(
        coordinator
            .put(api(
                &app,
                &net,
                &format!("/groups/{group}/members/{insider}"),
            ))
            .json(&json!({}))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 200);

    // The outsider cannot follow the group; the owner (sees every group) can.
    let outsider = app.signed_in(&net.email(Role::Partner)).await;
    let refused = outsider
        .put(api(&app, &net, &format!("/subscriptions/group/{group}")))
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status(), 404);
    let owner = app.signed_in(&net.email(Role::Owner)).await;
    let response = owner
        .put(api(&app, &net, &format!("/subscriptions/group/{group}")))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 204);
    let bad_kind = owner
        .put(api(&app, &net, &format!("/subscriptions/meeting/{group}")))
        .send()
        .await
        .unwrap();
    assert_eq!(bad_kind.status(), 404);

    // A member of the group starts a thread mentioning the outsider.
    let insider = app.signed_in(&net.email(Role::Member)).await;
    let (status, thread) = json(
        insider
            .post(api(&app, &net, "/threads"))
            .json(&json!({
                "group_id": group,
                "title": "Fortrolig drøftelse",
                "body": "Hvad mener du, @partner lukket?",
            }))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 200, "{thread}");
    app.drain().await;

    let theirs = notifications_of(&app, &outsider, &net).await;
    assert_eq!(theirs["unread_count"], 0, "{theirs}");
    assert!(theirs["items"].as_array().unwrap().is_empty());
    assert!(mails_to(&app, &net.email(Role::Partner)).is_empty());
    let owners = notifications_of(&app, &owner, &net).await;
    assert_eq!(owners["items"][0]["kind"], "new_thread", "{owners}");
    assert_eq!(owners["items"][0]["title"], "Fortrolig drøftelse");
}

#[tokio::test]
async fn the_web_page_lists_marks_read_and_sets_the_mail_mode() {
    let app = TestApp::spawn().await;
    let net = app.seed("webside").await;
    let thread = thread(&app, &net, "Netværksmøde").await;
    let email = net.email(Role::Member);
    let browser = web_signed_in(&app, &email).await;
    let csrf = csrf_of(&app, &browser, &format!("/n/{}", net.slug())).await;

    // Follow through the form, back to a local page only.
    let followed = browser
        .post(app.url(&format!("/n/{}/follow", net.slug())))
        .form(&[
            ("csrf", csrf.as_str()),
            ("kind", "thread"),
            ("id", thread.as_str()),
            ("return_to", "https://evil.example/"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(followed.status(), 303);
    assert_eq!(
        followed.headers()["location"],
        format!("/n/{}", net.slug()).as_str()
    );
    let owner = app.signed_in(&net.email(Role::Owner)).await;
    reply(&app, &owner, &net, &thread, "Et svar").await;

    let page = browser
        .get(app.url(&format!("/n/{}/notifications", net.slug())))
        .send()
        .await
        .unwrap();
    assert_eq!(page.status(), 200);
    let page = page.text().await.unwrap();
    assert!(page.contains("Netværksmøde"), "{page}");
    assert!(page.contains("data-unread=\"1\""), "{page}");

    let saved = browser
        .post(app.url(&format!("/n/{}/notifications/settings", net.slug())))
        .form(&[("csrf", csrf.as_str()), ("mail_mode", "weekly")])
        .send()
        .await
        .unwrap();
    assert_eq!(saved.status(), 303);
    let bad = browser
        .post(app.url(&format!("/n/{}/notifications/settings", net.slug())))
        .form(&[("csrf", csrf.as_str()), ("mail_mode", "hourly")])
        .send()
        .await
        .unwrap();
    assert_eq!(bad.status(), 422);
    let read = browser
        .post(app.url(&format!("/n/{}/notifications/read-all", net.slug())))
        .form(&[("csrf", csrf.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(read.status(), 303);
    let page = browser
        .get(app.url(&format!("/n/{}/notifications", net.slug())))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(!page.contains("data-unread="), "{page}");
    assert!(page.contains("value=\"weekly\" checked"), "{page}");
}

/// A browser-like client signed in through the web form.
async fn web_signed_in(app: &TestApp, email: &str) -> reqwest::Client {
    let client = app.client();
    let csrf = csrf_of(app, &client, "/signin").await;
    let response = client
        .post(app.url("/signin"))
        .form(&[
            ("csrf", csrf.as_str()),
            ("email", email),
            ("password", crate::support::PASSWORD),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 303, "web sign-in of {email}");
    client
}

/// The CSRF token of the forms on a page.
async fn csrf_of(app: &TestApp, client: &reqwest::Client, path: &str) -> String {
    let page = client.get(app.url(path)).send().await.unwrap();
    let page = page.text().await.unwrap();
    let at = page
        .find("name=\"csrf\" value=\"")
        .expect("a form with a CSRF token");
    let rest = &page[at + "name=\"csrf\" value=\"".len()..];
    rest[..rest.find('"').unwrap()].to_owned()
}
