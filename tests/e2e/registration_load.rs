//! Capacity under concurrency (acceptance item 2): 200 members register at the same moment for
//! a meeting with 50 places and a waitlist. Exactly 50 get a place, 150 are waitlisted, nobody
//! gets an error; cancelling one place promotes the first on the waitlist. Runs on SQLite here
//! and on PostgreSQL when the test script points `SAMVIRKE_TEST_DATABASE_URL` at one.

use chrono::Duration;
use domain::identity::{self, NewUser};
use domain::meetings::{
    self, LocationMode, MeetingKind, MeetingVisibility, NewMeeting, RegistrationSettings,
};
use domain::people::members;
use domain::policy::Role;
use serde_json::Value;

use crate::support::{PASSWORD, TestApp, json};

const PEOPLE: usize = 200;
const CAPACITY: i32 = 50;

#[tokio::test]
async fn two_hundred_simultaneous_registrations_fill_fifty_places_exactly() {
    // All 200 are in flight at once: the server's concurrency limit (128 by default, beyond
    // which it answers 503 at once) is raised so that this test is about counting seats.
    let app = TestApp::spawn_configured(|s| {
        s.server.max_concurrent_requests = 2 * PEOPLE as u32;
    })
    .await;
    let seeded = app.seed("kapacitet").await;
    let svc = &app.services;
    let now = app.clock_now();
    let meeting = meetings::create(
        svc,
        &seeded.scope,
        NewMeeting {
            kind: MeetingKind::CollaborationDay,
            visibility: MeetingVisibility::Network,
            group_id: None,
            title: "Samarbejdsdag om tidlig indsats".into(),
            description: String::new(),
            starts_at: now + Duration::days(30),
            ends_at: now + Duration::days(30) + Duration::hours(6),
            location_mode: LocationMode::Physical,
            address: "Rådhuspladsen 1, 1550 København V".into(),
            room: "Festsalen".into(),
            online_url: String::new(),
            registration: RegistrationSettings {
                enabled: true,
                capacity_room: Some(CAPACITY),
                waitlist_enabled: true,
                ..RegistrationSettings::default()
            },
            show_participants: false,
            organisation_ids: vec![],
            contact_user_id: None,
            moderator_user_id: None,
            invitee_user_ids: vec![],
            publish: true,
        },
    )
    .await
    .unwrap();

    // 200 members, each with a session of their own.
    let mut clients = Vec::new();
    for i in 0..PEOPLE {
        let email = format!("deltager{i}@example.org");
        let user = identity::create_user(
            svc,
            NewUser {
                email: email.clone(),
                display_name: format!("Deltager {i}"),
                password: PASSWORD.into(),
                preferred_language: None,
            },
        )
        .await
        .unwrap();
        members::add(
            svc,
            &seeded.scope,
            user.id,
            Some(seeded.organisation.id),
            Role::Member,
        )
        .await
        .unwrap();
        let signed_in = identity::sign_in(svc, &email, PASSWORD, &format!("10.0.0.{i}"))
            .await
            .unwrap();
        clients.push(signed_in.secret);
    }

    let url = app.url(&format!(
        "/api/v1/networks/{}/meetings/{}/registration",
        seeded.slug(),
        meeting.id
    ));
    // Every request on its own task, all released at once.
    let http = reqwest::Client::new();
    let start = std::sync::Arc::new(tokio::sync::Barrier::new(PEOPLE));
    let mut requests = tokio::task::JoinSet::new();
    for secret in clients {
        let (http, url, start) = (http.clone(), url.clone(), start.clone());
        requests.spawn(async move {
            start.wait().await;
            let response = http
                .post(&url)
                .header("Cookie", format!("samvirke_session={secret}"))
                .json(&serde_json::json!({}))
                .send()
                .await
                .unwrap();
            json(response).await
        });
    }
    let mut registered = 0;
    let mut waitlisted = 0;
    while let Some(result) = requests.join_next().await {
        let (status, body) = result.unwrap();
        assert!(status == 200 || status == 201, "{status}: {body}");
        match body["status"].as_str() {
            Some("registered") => registered += 1,
            Some("waitlisted") => waitlisted += 1,
            other => panic!("unexpected status {other:?}"),
        }
    }
    assert_eq!(registered, CAPACITY as usize);
    assert_eq!(waitlisted, PEOPLE - CAPACITY as usize);

    let coordinator = app.signed_in(&seeded.email(Role::Coordinator)).await;
    let meeting_url = app.url(&format!(
        "/api/v1/networks/{}/meetings/{}",
        seeded.slug(),
        meeting.id
    ));
    let (_, before) = json(coordinator.get(&meeting_url).send().await.unwrap()).await;
    assert_eq!(before["seats"]["room"], Value::from(CAPACITY));
    assert_eq!(
        before["seats"]["waitlisted"],
        Value::from(PEOPLE as i64 - 50)
    );

    // The first waitlisted person (position 1) moves up when one registered person cancels.
    let list_url = format!("{meeting_url}/registrations");
    let (_, list) = json(coordinator.get(&list_url).send().await.unwrap()).await;
    let items = list["items"]
        .as_array()
        .cloned()
        .unwrap_or_else(|| list.as_array().cloned().unwrap());
    let first_waiting = items
        .iter()
        .find(|r| r["waitlist_position"] == 1)
        .expect("someone is first on the waitlist")["id"]
        .clone();
    let leaver = items.iter().find(|r| r["status"] == "registered").unwrap()["id"].clone();
    let response = coordinator
        .post(format!("{list_url}/{}/cancel", leaver.as_str().unwrap()))
        .send()
        .await
        .unwrap();
    assert!(response.status().is_success(), "{}", response.status());
    let (_, after) = json(coordinator.get(&list_url).send().await.unwrap()).await;
    let items = after["items"]
        .as_array()
        .cloned()
        .unwrap_or_else(|| after.as_array().cloned().unwrap());
    let promoted = items.iter().find(|r| r["id"] == first_waiting).unwrap();
    assert_eq!(promoted["status"], "registered");
    let registered_now = items.iter().filter(|r| r["status"] == "registered").count();
    assert_eq!(registered_now, CAPACITY as usize);

    // The promoted person is told by mail.
    app.drain().await;
    assert!(
        app.mails().iter().any(|m| m.contains("promoted-")),
        "no promotion mail in the outbox"
    );
}
