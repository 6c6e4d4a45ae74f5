//! Meetings through the API: the programme, questions, registration with its refusals, the
//! waitlist, guests and the organisers' export.

use chrono::{DateTime, Duration, Utc};
use domain::policy::Role;
use serde_json::{Value, json};

use crate::support::{Seeded, TestApp, json};

fn url(app: &TestApp, network: &Seeded, path: &str) -> String {
    app.url(&format!("/api/v1/networks/{}{path}", network.slug()))
}

fn at(time: DateTime<Utc>) -> String {
    time.to_rfc3339()
}

/// A published physical meeting a week from now, with these registration settings.
async fn create_meeting(
    app: &TestApp,
    network: &Seeded,
    organiser: &reqwest::Client,
    extra: Value,
) -> Value {
    let starts = app.clock_now() + Duration::days(7);
    let mut body = json!({
        "kind": "theme_meeting",
        "visibility": "network",
        "title": "Temadag om trivsel",
        "description": "Om *trivsel* i skolen.",
        "starts_at": at(starts),
        "ends_at": at(starts + Duration::hours(6)),
        "location_mode": "physical",
        "address": "Rådhuspladsen 1, København",
        "publish": true,
    });
    for (key, value) in extra.as_object().unwrap() {
        body[key] = value.clone();
    }
    let (status, meeting) = json(
        organiser
            .post(url(app, network, "/meetings"))
            .json(&body)
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 200, "{meeting}");
    meeting
}

async fn register(
    app: &TestApp,
    network: &Seeded,
    client: &reqwest::Client,
    meeting_id: &str,
    body: Value,
) -> (u16, Value) {
    json(
        client
            .post(url(
                app,
                network,
                &format!("/meetings/{meeting_id}/registration"),
            ))
            .json(&body)
            .send()
            .await
            .unwrap(),
    )
    .await
}

async fn get_meeting(
    app: &TestApp,
    network: &Seeded,
    client: &reqwest::Client,
    meeting_id: &str,
) -> Value {
    let (status, meeting) = json(
        client
            .get(url(app, network, &format!("/meetings/{meeting_id}")))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 200, "{meeting}");
    meeting
}

fn conflict_code(body: &Value) -> &str {
    body["errors"][0]["code"].as_str().unwrap_or_default()
}

#[tokio::test]
async fn members_register_with_sessions_answers_capacity_and_a_deadline() {
    let app = TestApp::spawn().await;
    let a = app.seed("netvaerk-a").await;
    let coordinator = app.signed_in(&a.email(Role::Coordinator)).await;
    let member = app.signed_in(&a.email(Role::Member)).await;
    let partner = app.signed_in(&a.email(Role::Partner)).await;
    let owner = app.signed_in(&a.email(Role::Owner)).await;

    let starts = app.clock_now() + Duration::days(7);
    let meeting = create_meeting(
        &app,
        &a,
        &coordinator,
        json!({
            "registration": {
                "enabled": true,
                "capacity_room": 2,
                "closes_at": at(starts - Duration::days(1)),
            }
        }),
    )
    .await;
    let id = meeting["id"].as_str().unwrap().to_owned();
    assert_eq!(meeting["status"], "published");
    assert_eq!(meeting["registration_open"], true);

    // Two parallel sessions of one place each, and two questions, one required.
    let mut sessions = Vec::new();
    for title in ["Spor A: Skolen", "Spor B: Fritiden"] {
        let (status, item) = json(
            coordinator
                .post(url(&app, &a, &format!("/meetings/{id}/agenda")))
                .json(&json!({
                    "starts_at": at(starts + Duration::hours(1)),
                    "ends_at": at(starts + Duration::hours(2)),
                    "title": title,
                    "kind": "group_work",
                    "speakers": [{ "name": "Hanne Holm", "organisation": "Kommunen" }],
                    "selectable": true,
                    "capacity": 1,
                }))
                .send()
                .await
                .unwrap(),
        )
        .await;
        assert_eq!(status, 200, "{item}");
        sessions.push(item["id"].as_str().unwrap().to_owned());
    }
    let (status, required) = json(
        coordinator
            .post(url(&app, &a, &format!("/meetings/{id}/questions")))
            .json(&json!({ "kind": "text", "label": "Kostbehov", "required": true }))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 200, "{required}");
    let required = required["id"].as_str().unwrap().to_owned();
    let (status, choice) = json(
        coordinator
            .post(url(&app, &a, &format!("/meetings/{id}/questions")))
            .json(&json!({
                "kind": "multiple_choice",
                "label": "Emner",
                "options": ["Mobning", "Fravær", "Trivsel"],
            }))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 200, "{choice}");
    let choice = choice["id"].as_str().unwrap().to_owned();

    // A member may not add to the programme.
    let response = member
        .post(url(&app, &a, &format!("/meetings/{id}/questions")))
        .json(&json!({ "kind": "text", "label": "Nej" }))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 403);

    // A missing required answer is named.
    let (status, body) = register(
        &app,
        &a,
        &member,
        &id,
        json!({ "session_ids": [sessions[0]] }),
    )
    .await;
    assert_eq!(status, 422, "{body}");
    assert_eq!(body["code"], "invalid");
    assert!(
        body["errors"]
            .as_array()
            .unwrap()
            .iter()
            .any(|e| e["field"] == format!("answers.{required}") && e["code"] == "required"),
        "{body}"
    );

    let (status, mine) = register(
        &app,
        &a,
        &member,
        &id,
        json!({
            "answers": { required.clone(): "Vegetar, ingen nødder", choice.clone(): ["Fravær", "Trivsel"] },
            "session_ids": [sessions[0]],
        }),
    )
    .await;
    assert_eq!(status, 200, "{mine}");
    assert_eq!(mine["status"], "registered");
    assert_eq!(mine["session_ids"], json!([sessions[0]]));
    assert!(mine.get("waitlist_position").is_none());

    let seen = get_meeting(&app, &a, &member, &id).await;
    assert_eq!(seen["my_registration"]["status"], "registered");
    assert_eq!(seen["seats"]["room"], 1);
    assert_eq!(seen["programme"].as_array().unwrap().len(), 2);
    assert_eq!(seen["questions"].as_array().unwrap().len(), 2);

    // The chosen session is full now; the other is free.
    let (status, body) = register(
        &app,
        &a,
        &partner,
        &id,
        json!({ "answers": { required.clone(): "Ingen" }, "session_ids": [sessions[0]] }),
    )
    .await;
    assert_eq!(status, 422, "{body}");
    assert_eq!(body["errors"][0]["field"], "session_ids");
    assert_eq!(body["errors"][0]["code"], "session_full");
    let (status, body) = register(
        &app,
        &a,
        &partner,
        &id,
        json!({ "answers": { required.clone(): "Ingen" }, "session_ids": [sessions[1]] }),
    )
    .await;
    assert_eq!(status, 200, "{body}");

    // Two places, both taken, no waitlist.
    let (status, body) = register(
        &app,
        &a,
        &owner,
        &id,
        json!({ "answers": { required.clone(): "Ingen" } }),
    )
    .await;
    assert_eq!(status, 409, "{body}");
    assert_eq!(conflict_code(&body), "meeting_full");

    // Registering twice is refused.
    let (status, body) = register(
        &app,
        &a,
        &member,
        &id,
        json!({ "answers": { required.clone(): "Igen" } }),
    )
    .await;
    assert_eq!(status, 409);
    assert_eq!(conflict_code(&body), "already_registered");

    // The organisers' list and export carry the answers.
    let (status, list) = json(
        coordinator
            .get(url(&app, &a, &format!("/meetings/{id}/registrations")))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 200, "{list}");
    let first = &list[0];
    assert_eq!(first["email"], a.email(Role::Member));
    assert_eq!(first["answers"][&required], "Vegetar, ingen nødder");
    assert_eq!(first["answers"][&choice], json!(["Fravær", "Trivsel"]));
    let response = member
        .get(url(&app, &a, &format!("/meetings/{id}/registrations")))
        .send()
        .await
        .unwrap();
    assert_eq!(
        response.status(),
        403,
        "a participant does not see the list"
    );

    let response = coordinator
        .get(url(&app, &a, &format!("/meetings/{id}/registrations.csv")))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    assert!(
        response.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/csv"),
    );
    assert!(
        response.headers()["content-disposition"]
            .to_str()
            .unwrap()
            .contains("attachment")
    );
    let csv = response.text().await.unwrap();
    assert!(csv.contains("Kostbehov"), "{csv}");
    assert!(csv.contains("\"Vegetar, ingen nødder\""), "{csv}");
    assert!(csv.contains("Fravær; Trivsel"), "{csv}");
    assert!(csv.contains("Spor A: Skolen"), "{csv}");

    // After the deadline a freed place cannot be taken.
    app.clock.advance(Duration::days(6) + Duration::minutes(1));
    let response = partner
        .delete(url(&app, &a, &format!("/meetings/{id}/registration")))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 204);
    let (status, body) = register(
        &app,
        &a,
        &owner,
        &id,
        json!({ "answers": { required.clone(): "Ingen" } }),
    )
    .await;
    assert_eq!(status, 409, "{body}");
    assert_eq!(conflict_code(&body), "registration_closed");
    let seen = get_meeting(&app, &a, &owner, &id).await;
    assert_eq!(seen["registration_open"], false);
    app.stop().await;
}

#[tokio::test]
async fn the_waitlist_moves_up_when_a_place_frees() {
    let app = TestApp::spawn().await;
    let a = app.seed("netvaerk-a").await;
    let coordinator = app.signed_in(&a.email(Role::Coordinator)).await;
    let member = app.signed_in(&a.email(Role::Member)).await;
    let partner = app.signed_in(&a.email(Role::Partner)).await;
    let owner = app.signed_in(&a.email(Role::Owner)).await;
    let meeting = create_meeting(
        &app,
        &a,
        &coordinator,
        json!({
            "registration": { "enabled": true, "capacity_room": 1, "waitlist_enabled": true }
        }),
    )
    .await;
    let id = meeting["id"].as_str().unwrap().to_owned();

    let (status, first) = register(&app, &a, &member, &id, json!({})).await;
    assert_eq!(status, 200, "{first}");
    assert_eq!(first["status"], "registered");
    let (_, second) = register(&app, &a, &partner, &id, json!({})).await;
    assert_eq!(second["status"], "waitlisted");
    assert_eq!(second["waitlist_position"], 1);
    let (_, third) = register(&app, &a, &owner, &id, json!({})).await;
    assert_eq!(third["status"], "waitlisted");
    assert_eq!(third["waitlist_position"], 2);
    let seen = get_meeting(&app, &a, &owner, &id).await;
    assert_eq!(seen["my_registration"]["waitlist_position"], 2);
    assert_eq!(seen["seats"]["waitlisted"], 2);

    // The registered member cancels: the first on the waitlist takes the place.
    let response = member
        .delete(url(&app, &a, &format!("/meetings/{id}/registration")))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 204);
    let seen = get_meeting(&app, &a, &partner, &id).await;
    assert_eq!(seen["my_registration"]["status"], "registered");
    assert!(seen["my_registration"].get("waitlist_position").is_none());
    let seen = get_meeting(&app, &a, &owner, &id).await;
    assert_eq!(seen["my_registration"]["status"], "waitlisted");
    assert_eq!(seen["my_registration"]["waitlist_position"], 1);
    let (status, mine) = json(
        partner
            .get(url(&app, &a, "/my-meetings"))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 200);
    assert_eq!(mine[0]["meeting"]["id"], id.as_str());
    assert_eq!(mine[0]["registration_status"], "registered");

    // An organiser cancels the partner's registration: the owner moves up.
    let (_, list) = json(
        coordinator
            .get(url(&app, &a, &format!("/meetings/{id}/registrations")))
            .send()
            .await
            .unwrap(),
    )
    .await;
    let registered = list
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["status"] == "registered")
        .unwrap();
    assert_eq!(registered["email"], a.email(Role::Partner));
    let response = coordinator
        .post(url(
            &app,
            &a,
            &format!(
                "/meetings/{id}/registrations/{}/cancel",
                registered["id"].as_str().unwrap()
            ),
        ))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 204);
    let seen = get_meeting(&app, &a, &owner, &id).await;
    assert_eq!(seen["my_registration"]["status"], "registered");
    app.stop().await;
}

#[tokio::test]
async fn cancelled_meetings_refuse_and_foreign_ids_are_not_found() {
    let app = TestApp::spawn().await;
    let a = app.seed("netvaerk-a").await;
    let b = app.seed("netvaerk-b").await;
    let coordinator = app.signed_in(&a.email(Role::Coordinator)).await;
    let member = app.signed_in(&a.email(Role::Member)).await;
    let meeting = create_meeting(
        &app,
        &a,
        &coordinator,
        json!({ "registration": { "enabled": true } }),
    )
    .await;
    let id = meeting["id"].as_str().unwrap().to_owned();

    // Listed upcoming and in the month view.
    let (status, page) = json(
        member
            .get(url(&app, &a, "/meetings?period=upcoming"))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 200, "{page}");
    assert_eq!(page["items"][0]["id"], id.as_str());
    let (_, past) = json(
        member
            .get(url(&app, &a, "/meetings?period=past"))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(past["items"], json!([]));
    let from = app.clock_now();
    let (status, month) = json(
        member
            .get(url(&app, &a, "/meetings/calendar"))
            .query(&[("from", at(from)), ("to", at(from + Duration::days(31)))])
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 200, "{month}");
    assert_eq!(month[0]["id"], id.as_str());

    // Another network's people and paths know nothing of it.
    let stranger = app.signed_in(&b.email(Role::Owner)).await;
    for path in [
        format!("/meetings/{id}"),
        format!("/meetings/{id}/registrations"),
    ] {
        let response = stranger.get(url(&app, &b, &path)).send().await.unwrap();
        assert_eq!(response.status(), 404, "{path}");
    }
    let (status, body) = register(&app, &b, &stranger, &id, json!({})).await;
    assert_eq!(status, 404, "{body}");
    let response = stranger
        .get(url(&app, &a, &format!("/meetings/{id}")))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 404, "a network meeting is not public");

    // Cancelled: registration is refused, and the status stays.
    let (status, cancelled) = json(
        coordinator
            .post(url(&app, &a, &format!("/meetings/{id}/status")))
            .json(&json!({ "status": "cancelled" }))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 200, "{cancelled}");
    assert_eq!(cancelled["status"], "cancelled");
    let (status, body) = register(&app, &a, &member, &id, json!({})).await;
    assert_eq!(status, 409);
    assert_eq!(conflict_code(&body), "meeting_cancelled");
    let (status, body) = json(
        coordinator
            .post(url(&app, &a, &format!("/meetings/{id}/status")))
            .json(&json!({ "status": "published" }))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 409);
    assert_eq!(conflict_code(&body), "status_change_not_allowed");
    app.stop().await;
}

#[tokio::test]
async fn organisers_edit_approve_and_mark_attendance() {
    let app = TestApp::spawn().await;
    let a = app.seed("netvaerk-a").await;
    let coordinator = app.signed_in(&a.email(Role::Coordinator)).await;
    let member = app.signed_in(&a.email(Role::Member)).await;
    let member_id = a.person(Role::Member).user_id.0.to_string();
    let meeting = create_meeting(
        &app,
        &a,
        &coordinator,
        json!({
            "location_mode": "hybrid",
            "online_url": "https://meet.example.org/trivsel",
            "registration": { "enabled": true, "requires_approval": true },
            "contact_user_id": member_id,
        }),
    )
    .await;
    let id = meeting["id"].as_str().unwrap().to_owned();
    assert_eq!(meeting["contact"]["user_id"], member_id.as_str());
    assert_eq!(meeting["online_url"], "https://meet.example.org/trivsel");

    // Absent leaves a nullable field; null clears it.
    let patch = |body: Value| {
        coordinator
            .patch(url(&app, &a, &format!("/meetings/{id}")))
            .json(&body)
            .send()
    };
    let (status, changed) = json(patch(json!({ "room": "Sal 2" })).await.unwrap()).await;
    assert_eq!(status, 200, "{changed}");
    assert_eq!(changed["room"], "Sal 2");
    assert_eq!(changed["contact"]["user_id"], member_id.as_str());
    let (status, changed) = json(patch(json!({ "contact_user_id": null })).await.unwrap()).await;
    assert_eq!(status, 200, "{changed}");
    assert!(changed.get("contact").is_none(), "{changed}");
    let (status, body) = json(
        patch(json!({ "ends_at": at(app.clock_now()) }))
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 422);
    assert_eq!(body["errors"][0]["field"], "ends_at");

    // A hybrid meeting asks where; the link is for registered participants only.
    let (status, body) = register(&app, &a, &member, &id, json!({})).await;
    assert_eq!(status, 422, "{body}");
    assert_eq!(body["errors"][0]["field"], "attendance_mode");
    let (status, mine) = register(
        &app,
        &a,
        &member,
        &id,
        json!({ "attendance_mode": "online" }),
    )
    .await;
    assert_eq!(status, 200, "{mine}");
    assert_eq!(mine["status"], "pending_approval");
    let seen = get_meeting(&app, &a, &member, &id).await;
    assert!(seen.get("online_url").is_none(), "{seen}");

    let rid = mine["id"].as_str().unwrap();
    let decide = |approve: bool| {
        coordinator
            .post(url(
                &app,
                &a,
                &format!("/meetings/{id}/registrations/{rid}/decision"),
            ))
            .json(&json!({ "approve": approve }))
            .send()
    };
    assert_eq!(decide(true).await.unwrap().status(), 204);
    let (status, body) = json(decide(true).await.unwrap()).await;
    assert_eq!(status, 409);
    assert_eq!(conflict_code(&body), "not_pending_approval");
    let seen = get_meeting(&app, &a, &member, &id).await;
    assert_eq!(seen["my_registration"]["status"], "registered");
    assert_eq!(seen["online_url"], "https://meet.example.org/trivsel");

    let response = coordinator
        .put(url(
            &app,
            &a,
            &format!("/meetings/{id}/registrations/{rid}/attendance"),
        ))
        .json(&json!({ "attended": true }))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 204);
    let (_, list) = json(
        coordinator
            .get(url(&app, &a, &format!("/meetings/{id}/registrations")))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(list[0]["attended"], true);
    let (status, names) = json(
        coordinator
            .get(url(&app, &a, &format!("/meetings/{id}/participants")))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 200);
    assert_eq!(names[0]["name"], "member netvaerk-a");
    let response = member
        .get(url(&app, &a, &format!("/meetings/{id}/participants")))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 403, "participants are hidden by default");
    app.stop().await;
}

/// The secret of the guest confirmation link in the mail to `to`.
fn confirmation_secret(app: &TestApp, to: &str) -> Option<String> {
    let prefix = "http://samvirke.test/registrations/confirm/";
    app.mails()
        .iter()
        .filter(|mail| mail.contains(to))
        .flat_map(|mail| {
            let unfolded = mail.replace("=\r\n", "").replace("=\n", "");
            unfolded
                .lines()
                .filter_map(|line| {
                    let at = line.find(prefix)?;
                    Some(line[at + prefix.len()..].trim().to_owned())
                })
                .collect::<Vec<_>>()
        })
        .next()
}

#[tokio::test]
async fn a_guest_registers_for_a_public_meeting_and_confirms_by_mail() {
    let app = TestApp::spawn().await;
    let a = app.seed("netvaerk-a").await;
    let coordinator = app.signed_in(&a.email(Role::Coordinator)).await;
    let meeting = create_meeting(
        &app,
        &a,
        &coordinator,
        json!({
            "visibility": "public",
            "registration": { "enabled": true, "capacity_room": 10, "terms": "Vi gemmer dit navn." },
        }),
    )
    .await;
    let id = meeting["id"].as_str().unwrap().to_owned();
    let guest = app.client();
    let guest_url = url(&app, &a, &format!("/meetings/{id}/guest-registrations"));

    let (status, body) = json(
        guest
            .post(&guest_url)
            .json(&json!({ "name": "Gæst Hansen", "email": "gaest@example.net" }))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 422, "{body}");
    assert_eq!(body["errors"][0]["field"], "accept_terms");

    let (status, receipt) = json(
        guest
            .post(&guest_url)
            .json(&json!({
                "name": "Gæst Hansen",
                "email": "gaest@example.net",
                "organisation": "Foreningen",
                "accept_terms": true,
            }))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 200, "{receipt}");
    assert_eq!(receipt["status"], "unconfirmed");
    assert!(receipt["hold_until"].is_string());

    app.drain().await;
    let secret = confirmation_secret(&app, "gaest@example.net").expect("a confirmation mail");
    let confirm = |token: String| {
        app.client()
            .post(app.url("/api/v1/registrations/confirm"))
            .json(&json!({ "token": token }))
            .send()
    };
    let (status, confirmed) = json(confirm(secret.clone()).await.unwrap()).await;
    assert_eq!(status, 200, "{confirmed}");
    assert_eq!(confirmed["status"], "registered");
    assert_eq!(confirmed["meeting_id"], id.as_str());
    assert_eq!(confirmed["network_slug"], a.slug());
    let (status, body) = json(confirm(secret).await.unwrap()).await;
    assert_eq!(status, 401);
    assert_eq!(body["code"], "invalid_token");

    let (_, list) = json(
        coordinator
            .get(url(&app, &a, &format!("/meetings/{id}/registrations")))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(list[0]["is_guest"], true);
    assert_eq!(list[0]["name"], "Gæst Hansen");
    assert_eq!(list[0]["status"], "registered");

    // A network-only meeting takes no guests.
    let closed = create_meeting(
        &app,
        &a,
        &coordinator,
        json!({ "registration": { "enabled": true } }),
    )
    .await;
    let response = guest
        .post(url(
            &app,
            &a,
            &format!(
                "/meetings/{}/guest-registrations",
                closed["id"].as_str().unwrap()
            ),
        ))
        .json(&json!({ "name": "Gæst", "email": "gaest2@example.net" }))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 404);

    // Guest registrations are limited per client address.
    let mut statuses = Vec::new();
    for _ in 0..25 {
        let response = guest
            .post(&guest_url)
            .json(&json!({ "name": "Gæst", "email": "gaest3@example.net" }))
            .send()
            .await
            .unwrap();
        statuses.push(response.status().as_u16());
        if statuses.last() == Some(&429) {
            break;
        }
    }
    assert_eq!(statuses.last(), Some(&429), "{statuses:?}");
    app.stop().await;
}

#[tokio::test]
async fn series_minutes_and_breakout_groups() {
    let app = TestApp::spawn().await;
    let a = app.seed("netvaerk-a").await;
    let b = app.seed("netvaerk-b").await;
    let coordinator = app.signed_in(&a.email(Role::Coordinator)).await;
    let member = app.signed_in(&a.email(Role::Member)).await;
    let partner = app.signed_in(&a.email(Role::Partner)).await;

    // A weekly series of three.
    let starts = app.clock_now() + Duration::days(7);
    let (status, series) = json(
        coordinator
            .post(url(&app, &a, "/meeting-series"))
            .json(&json!({
                "template": {
                    "kind": "group_meeting",
                    "visibility": "network",
                    "title": "Netværksmøde",
                    "starts_at": at(starts),
                    "ends_at": at(starts + Duration::hours(2)),
                    "location_mode": "physical",
                    "address": "Skolevej 3",
                    "registration": { "enabled": true },
                    "publish": true,
                },
                "rule": "FREQ=WEEKLY",
                "occurrences": 3,
            }))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 200, "{series}");
    assert_eq!(series["occurrences"].as_array().unwrap().len(), 3);
    let series_id = series["id"].as_str().unwrap();
    let first = series["occurrences"][0]["id"].as_str().unwrap().to_owned();
    let second = series["occurrences"][1]["id"].as_str().unwrap().to_owned();
    assert_eq!(series["occurrences"][1]["series_id"], series_id);
    let (status, seen) = json(
        member
            .get(url(&app, &a, &format!("/meeting-series/{series_id}")))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 200, "{seen}");
    assert_eq!(seen["rule"], series["rule"]);
    let stranger = app.signed_in(&b.email(Role::Owner)).await;
    let response = stranger
        .get(url(&app, &b, &format!("/meeting-series/{series_id}")))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 404);
    let (status, body) = json(
        coordinator
            .post(url(&app, &a, "/meeting-series"))
            .json(&json!({
                "template": {
                    "kind": "group_meeting",
                    "visibility": "network",
                    "title": "Forkert",
                    "starts_at": at(starts),
                    "ends_at": at(starts + Duration::hours(2)),
                    "location_mode": "physical",
                    "address": "Skolevej 3",
                },
                "rule": "hver anden tirsdag",
            }))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 422, "{body}");
    assert_eq!(body["errors"][0]["field"], "rule");

    // Minutes and action items; open items arrive at the next meeting of the series.
    let (status, minutes) = json(
        coordinator
            .put(url(&app, &a, &format!("/meetings/{first}/minutes")))
            .json(&json!({ "minutes": "Vi talte om *trivsel*.", "decisions": "Ny temadag." }))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 200, "{minutes}");
    assert!(
        minutes["minutes_html"]
            .as_str()
            .unwrap()
            .contains("<em>trivsel</em>")
    );
    let (status, item) = json(
        coordinator
            .post(url(&app, &a, &format!("/meetings/{first}/action-items")))
            .json(
                &json!({ "text": "Send invitation", "owner": "Kommunen", "due_on": "2030-01-31" }),
            )
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 200, "{item}");
    assert_eq!(item["status"], "open");
    assert_eq!(item["due_on"], "2030-01-31");
    let item_id = item["id"].as_str().unwrap();
    let (status, changed) = json(
        coordinator
            .patch(url(
                &app,
                &a,
                &format!("/meetings/{first}/action-items/{item_id}"),
            ))
            .json(&json!({ "due_on": null, "owner": "Skolen" }))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 200, "{changed}");
    assert!(changed.get("due_on").is_none(), "{changed}");
    assert_eq!(changed["owner"], "Skolen");
    assert_eq!(changed["text"], "Send invitation");
    let (status, read) = json(
        member
            .get(url(&app, &a, &format!("/meetings/{first}/minutes")))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 200, "{read}");
    assert_eq!(read["decisions"], "Ny temadag.");
    let response = member
        .put(url(&app, &a, &format!("/meetings/{first}/minutes")))
        .json(&json!({ "minutes": "Mit referat" }))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 403);
    let (status, next) = json(
        coordinator
            .get(url(&app, &a, &format!("/meetings/{second}/minutes")))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 200, "{next}");
    assert_eq!(next["action_items"][0]["carried_from_id"], item_id);

    // Breakout groups: preferences at registration, automatic assignment, capacity.
    let groups_url = url(&app, &a, &format!("/meetings/{first}/breakout-groups"));
    let mut groups = Vec::new();
    for name in ["Skole", "Fritid"] {
        let (status, group) = json(
            coordinator
                .post(&groups_url)
                .json(&json!({ "name": name, "facilitator": "Hanne", "capacity": 1 }))
                .send()
                .await
                .unwrap(),
        )
        .await;
        assert_eq!(status, 200, "{group}");
        groups.push(group["id"].as_str().unwrap().to_owned());
    }
    for client in [&member, &partner] {
        let (status, body) = register(
            &app,
            &a,
            client,
            &first,
            json!({ "breakout_preferences": [groups[0]] }),
        )
        .await;
        assert_eq!(status, 200, "{body}");
    }
    let (status, done) = json(
        coordinator
            .post(url(
                &app,
                &a,
                &format!("/meetings/{first}/breakout-groups/assign"),
            ))
            .json(&json!({ "mix_sectors": false }))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 200, "{done}");
    assert_eq!(done["assigned"], 2);
    assert_eq!(done["unassigned"], 0);
    let (_, listed) = json(coordinator.get(&groups_url).send().await.unwrap()).await;
    assert_eq!(listed[0]["members"][0]["name"], "member netvaerk-a");
    assert_eq!(listed[1]["members"][0]["name"], "partner netvaerk-a");
    let seen = get_meeting(&app, &a, &member, &first).await;
    assert_eq!(seen["my_registration"]["breakout_group"]["name"], "Skole");

    // Moving the partner into the full group is refused; out of theirs is fine.
    let partner_registration = listed[1]["members"][0]["registration_id"]
        .as_str()
        .unwrap()
        .to_owned();
    let assign_url = url(
        &app,
        &a,
        &format!("/meetings/{first}/registrations/{partner_registration}/breakout-group"),
    );
    let (status, body) = json(
        coordinator
            .put(&assign_url)
            .json(&json!({ "group_id": groups[0] }))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 409, "{body}");
    assert_eq!(conflict_code(&body), "group_full");
    let response = coordinator
        .put(&assign_url)
        .json(&json!({ "group_id": null }))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 204);
    let response = coordinator
        .delete(url(
            &app,
            &a,
            &format!("/meetings/{first}/breakout-groups/{}", groups[1]),
        ))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 204);
    let (_, listed) = json(member.get(&groups_url).send().await.unwrap()).await;
    assert_eq!(listed.as_array().unwrap().len(), 1);
    assert_eq!(listed[0]["size"], 1);
    app.stop().await;
}

#[tokio::test]
async fn the_calendar_feed_url_is_shown_once_and_can_be_reset() {
    let app = TestApp::spawn().await;
    let a = app.seed("netvaerk-a").await;
    let member = app.signed_in(&a.email(Role::Member)).await;
    let feed_url = app.url("/api/v1/me/calendar-feed");
    let reset_url = app.url("/api/v1/me/calendar-feed/reset");

    // Asking changes nothing: there is no feed until one is made.
    let (status, none) = json(member.get(&feed_url).send().await.unwrap()).await;
    assert_eq!(status, 200, "{none}");
    assert!(
        none.get("url").is_none() && none.get("created_at").is_none(),
        "{none}"
    );

    let (status, first) = json(member.post(&reset_url).send().await.unwrap()).await;
    assert_eq!(status, 200, "{first}");
    let url = first["url"].as_str().unwrap().to_owned();
    assert!(url.starts_with("http://samvirke.test/calendar/"), "{url}");
    assert!(url.ends_with(".ics"), "{url}");
    assert!(first["created_at"].is_string());

    let (_, again) = json(member.get(&feed_url).send().await.unwrap()).await;
    assert!(again.get("url").is_none(), "shown only once: {again}");
    assert!(again["created_at"].is_string());

    let (status, reset) = json(member.post(&reset_url).send().await.unwrap()).await;
    assert_eq!(status, 200, "{reset}");
    let new_url = reset["url"].as_str().unwrap();
    assert_ne!(new_url, url);

    let (status, body) = json(app.client().get(&feed_url).send().await.unwrap()).await;
    assert_eq!(status, 401);
    assert_eq!(body["code"], "unauthenticated");
    app.stop().await;
}
