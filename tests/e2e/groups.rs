//! A working group's page and API show its meetings to its members only; opening or closing a
//! group reindexes its threads, so search follows the group's new limits.

use chrono::Duration;
use domain::identity::{self, NewUser};
use domain::ids::{GroupId, MembershipId};
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

async fn page(client: &reqwest::Client, url: String) -> (u16, String) {
    let response = client.get(url).send().await.unwrap();
    (response.status().as_u16(), response.text().await.unwrap())
}

/// Adds an active member with this name to the network; returns their e-mail and membership.
async fn add_member(app: &TestApp, seeded: &Seeded, name: &str) -> (String, MembershipId) {
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

async fn group(app: &TestApp, seeded: &Seeded, name: &str, is_open: bool) -> GroupId {
    groups::create(
        &app.services,
        &seeded.scope,
        NewGroup {
            name: name.into(),
            description: String::new(),
            is_open,
        },
    )
    .await
    .unwrap()
    .id
}

#[tokio::test]
async fn a_closed_groups_meetings_are_shown_to_its_members_only() {
    let app = TestApp::spawn().await;
    let a = app.seed("grupper-a").await;
    let (insider_email, insider) = add_member(&app, &a, "Ida Indenfor").await;
    let group = group(&app, &a, "Lukket netværksgruppe", false).await;
    groups::add_member(&app.services, &a.scope, group, insider, false)
        .await
        .unwrap();
    let insider = app.signed_in(&insider_email).await;
    let outsider = app.signed_in(&a.email(Role::Member)).await;
    let coordinator = app.signed_in(&a.email(Role::Coordinator)).await;

    let starts = app.clock_now() + Duration::days(7);
    let (status, meeting) = send(coordinator.post(api(&app, &a, "/meetings")).json(&json!({
        "kind": "group_meeting",
        "visibility": "group",
        "group_id": group,
        "title": "Gruppemøde om trivselsplanen",
        "description": "",
        "starts_at": starts.to_rfc3339(),
        "ends_at": (starts + Duration::hours(2)).to_rfc3339(),
        "location_mode": "physical",
        "address": "Rådhuspladsen 1",
        "publish": true,
    })))
    .await;
    assert_eq!(status, 200, "{meeting}");

    let group_page = app.url(&format!("/n/{}/groups/{group}", a.slug()));
    let group_api = api(&app, &a, &format!("/groups/{group}/meetings"));
    for client in [&insider, &coordinator] {
        let (status, html) = page(client, group_page.clone()).await;
        assert_eq!(status, 200);
        assert!(html.contains("Gruppemøde om trivselsplanen"), "{html}");
        let (status, list) = send(client.get(group_api.clone())).await;
        assert_eq!(status, 200, "{list}");
        assert_eq!(list[0]["title"], "Gruppemøde om trivselsplanen", "{list}");
        let (_, past) = send(client.get(group_api.clone()).query(&[("period", "past")])).await;
        assert_eq!(past, json!([]));
    }

    // The outsider sees the group but not its meetings.
    let (status, html) = page(&outsider, group_page.clone()).await;
    assert_eq!(status, 200);
    assert!(!html.contains("Gruppemøde"), "{html}");
    let (status, list) = send(outsider.get(group_api.clone())).await;
    assert_eq!(status, 200);
    assert_eq!(list, json!([]));

    // Once it is over, it moves to the recent meetings.
    app.clock.advance(Duration::days(8));
    let (_, html) = page(&insider, group_page).await;
    assert!(html.contains("Gruppemøde om trivselsplanen"), "{html}");
    let (_, past) = send(insider.get(group_api.clone()).query(&[("period", "past")])).await;
    assert_eq!(past[0]["title"], "Gruppemøde om trivselsplanen", "{past}");
    let (_, upcoming) = send(insider.get(group_api)).await;
    assert_eq!(upcoming, json!([]));

    // An unknown group answers 404.
    let unknown = uuid::Uuid::now_v7();
    let (status, _) =
        send(insider.get(api(&app, &a, &format!("/groups/{unknown}/meetings")))).await;
    assert_eq!(status, 404);
}

#[tokio::test]
async fn closing_a_group_takes_its_threads_out_of_outsiders_search() {
    let app = TestApp::spawn().await;
    let a = app.seed("grupper-b").await;
    let (insider_email, insider) = add_member(&app, &a, "Ida Indenfor").await;
    let group = group(&app, &a, "Åben gruppe", true).await;
    groups::add_member(&app.services, &a.scope, group, insider, false)
        .await
        .unwrap();
    let insider = app.signed_in(&insider_email).await;
    let outsider = app.signed_in(&a.email(Role::Member)).await;
    let coordinator = app.signed_in(&a.email(Role::Coordinator)).await;
    let (status, thread) = send(insider.post(api(&app, &a, "/threads")).json(&json!({
        "group_id": group,
        "title": "Spurvehøgeplanen",
        "body": "Om spurvehøgeplanen for skolerne.",
    })))
    .await;
    assert_eq!(status, 200, "{thread}");
    app.drain().await;

    let hits = |client: reqwest::Client| {
        let url = api(&app, &a, "/search");
        async move {
            let (status, found) = send(client.get(url).query(&[("q", "spurvehøgeplanen")])).await;
            assert_eq!(status, 200, "{found}");
            found["total"].as_u64().unwrap()
        }
    };
    assert!(
        hits(outsider.clone()).await >= 1,
        "an open group's thread is found"
    );

    let (status, body) = send(
        coordinator
            .patch(api(&app, &a, &format!("/groups/{group}")))
            .json(&json!({ "is_open": false })),
    )
    .await;
    assert_eq!(status, 200, "{body}");
    assert!(
        app.drain().await >= 1,
        "closing the group enqueues reindexing"
    );
    assert_eq!(
        hits(outsider.clone()).await,
        0,
        "closed: outsiders no longer find it"
    );
    assert!(hits(insider.clone()).await >= 1, "members still find it");

    send(
        coordinator
            .patch(api(&app, &a, &format!("/groups/{group}")))
            .json(&json!({ "is_open": true })),
    )
    .await;
    app.drain().await;
    assert!(hits(outsider).await >= 1, "reopened: found again");
}
