//! Members, invitations, groups, tokens and the audit log.

use chrono::Duration;
use domain::people::invitations::{self, Acceptance};
use domain::policy::Role;
use serde_json::{Value, json};

use crate::support::{PASSWORD, Seeded, TestApp, json};

fn url(app: &TestApp, network: &Seeded, path: &str) -> String {
    app.url(&format!("/api/v1/networks/{}{path}", network.slug()))
}

/// The invitation link in the newest mail to `to`, and its secret.
fn invitation_secret(app: &TestApp, to: &str) -> Vec<String> {
    let mut secrets = Vec::new();
    for mail in app.mails() {
        if !mail.contains(to) {
            continue;
        }
        let unfolded = mail.replace("=\r\n", "").replace("=\n", "");
        for line in unfolded.lines() {
            if let Some(at) = line.find("http://samvirke.test/invitations/") {
                let secret = &line[at + "http://samvirke.test/invitations/".len()..];
                secrets.push(secret.trim().to_owned());
            }
        }
    }
    secrets
}

#[tokio::test]
async fn an_invitation_goes_out_by_mail_and_is_accepted() {
    let app = TestApp::spawn().await;
    let a = app.seed("netvaerk-a").await;
    let coordinator = app.signed_in(&a.email(Role::Coordinator)).await;
    let (status, invitation) = json(
        coordinator
            .post(url(&app, &a, "/invitations"))
            .json(&json!({ "email": "Ny.Kollega@Example.org", "role": "member", "organisation_id": a.organisation.id }))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 200, "{invitation}");
    assert_eq!(invitation["email"], "ny.kollega@example.org");
    assert_eq!(invitation["status"], "pending");
    // The mail goes out through the worker.
    assert!(invitation_secret(&app, "ny.kollega@example.org").is_empty());
    app.drain().await;
    let secrets = invitation_secret(&app, "ny.kollega@example.org");
    assert_eq!(secrets.len(), 1, "{:?}", app.mails());
    let first = secrets[0].clone();
    let mail = app.mails().join("\n");
    assert!(mail.contains("Netv"), "the mail names the network");

    // Resending makes a new link; the old one stops working.
    let id = invitation["id"].as_str().unwrap();
    let (status, _) = json(
        coordinator
            .post(url(&app, &a, &format!("/invitations/{id}/resend")))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 200);
    app.drain().await;
    let secrets = invitation_secret(&app, "ny.kollega@example.org");
    assert_eq!(secrets.len(), 2);
    let second = secrets.iter().find(|s| **s != first).unwrap().clone();
    assert!(matches!(
        invitations::offer(&app.services, &first).await,
        Err(domain::Error::InvalidToken)
    ));

    let signed_in = invitations::accept(
        &app.services,
        &second,
        Acceptance {
            display_name: "Ny Kollega".into(),
            password: PASSWORD.into(),
        },
    )
    .await
    .unwrap();
    assert_eq!(signed_in.user.email, "ny.kollega@example.org");
    let newcomer = app.signed_in("ny.kollega@example.org").await;
    let (_, me) = json(newcomer.get(app.url("/api/v1/me")).send().await.unwrap()).await;
    assert_eq!(me["networks"][0]["network"]["slug"], a.slug());
    assert_eq!(me["networks"][0]["role"], "member");
    // A used link is used up.
    assert!(matches!(
        invitations::offer(&app.services, &second).await,
        Err(domain::Error::InvalidToken)
    ));
    app.stop().await;
}

#[tokio::test]
async fn invitations_expire_and_can_be_revoked() {
    let app = TestApp::spawn().await;
    let a = app.seed("netvaerk-a").await;
    let b = app.seed("netvaerk-b").await;
    let coordinator = app.signed_in(&a.email(Role::Coordinator)).await;
    let invite = |email: &'static str| {
        let coordinator = coordinator.clone();
        let target = url(&app, &a, "/invitations");
        async move {
            let (status, body) = json(
                coordinator
                    .post(target)
                    .json(&json!({ "email": email, "role": "observer" }))
                    .send()
                    .await
                    .unwrap(),
            )
            .await;
            assert_eq!(status, 200, "{body}");
            body
        }
    };
    invite("udloeber@example.org").await;
    let revoked = invite("fortrudt@example.org").await;
    // Someone with an account in another network appears as an invited member.
    invite("member.netvaerk-b@example.org").await;
    app.drain().await;
    let (_, members) = json(
        coordinator
            .get(url(&app, &a, "/members?limit=100"))
            .send()
            .await
            .unwrap(),
    )
    .await;
    let invited: Vec<&Value> = members["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|m| m["status"] == "invited")
        .collect();
    assert_eq!(invited.len(), 1);
    assert_eq!(invited[0]["user_id"], json!(b.person(Role::Member).user_id));

    let (status, body) = json(
        coordinator
            .delete(url(
                &app,
                &a,
                &format!("/invitations/{}", revoked["id"].as_str().unwrap()),
            ))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 200);
    assert_eq!(body["status"], "revoked");
    let revoked_secret = invitation_secret(&app, "fortrudt@example.org")
        .pop()
        .unwrap();
    assert!(matches!(
        invitations::offer(&app.services, &revoked_secret).await,
        Err(domain::Error::InvalidToken)
    ));

    let expiring = invitation_secret(&app, "udloeber@example.org")
        .pop()
        .unwrap();
    assert!(invitations::offer(&app.services, &expiring).await.is_ok());
    app.clock.advance(Duration::days(7) + Duration::minutes(1));
    assert!(matches!(
        invitations::offer(&app.services, &expiring).await,
        Err(domain::Error::InvalidToken)
    ));

    // Inviting the same address twice, or a member, is a conflict.
    let (status, body) = json(
        coordinator
            .post(url(&app, &a, "/invitations"))
            .json(&json!({ "email": "member.netvaerk-a@example.org", "role": "member" }))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 409, "{body}");
    assert_eq!(body["errors"][0]["code"], "already_member");
    app.stop().await;
}

#[tokio::test]
async fn roles_are_guarded_and_the_last_owner_stays() {
    let app = TestApp::spawn().await;
    let a = app.seed("netvaerk-a").await;
    let coordinator = app.signed_in(&a.email(Role::Coordinator)).await;
    let owner = app.signed_in(&a.email(Role::Owner)).await;
    let member_url = url(
        &app,
        &a,
        &format!("/members/{}", a.person(Role::Member).membership_id),
    );
    let owner_url = url(
        &app,
        &a,
        &format!("/members/{}", a.person(Role::Owner).membership_id),
    );

    // Coordinators manage members but do not make coordinators.
    let (status, _) = json(
        coordinator
            .patch(&member_url)
            .json(&json!({ "role": "partner" }))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 200);
    let (status, body) = json(
        coordinator
            .patch(&member_url)
            .json(&json!({ "role": "coordinator" }))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 403, "{body}");
    let (status, _) = json(
        coordinator
            .patch(&owner_url)
            .json(&json!({ "role": "member" }))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 403);
    // Owners do.
    let (status, _) = json(
        owner
            .patch(&member_url)
            .json(&json!({ "role": "coordinator" }))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 200);
    // The last owner can be neither demoted, suspended nor removed.
    for change in [
        json!({ "role": "coordinator" }),
        json!({ "status": "suspended" }),
    ] {
        let (status, body) =
            json(owner.patch(&owner_url).json(&change).send().await.unwrap()).await;
        assert_eq!(status, 409, "{body}");
        assert_eq!(body["errors"][0]["code"], "last_owner");
    }
    let (status, body) = json(owner.delete(&owner_url).send().await.unwrap()).await;
    assert_eq!(
        (status, body["errors"][0]["code"].clone()),
        (409, json!("last_owner"))
    );
    // A member or observer may not manage people at all.
    let observer = app.signed_in(&a.email(Role::Observer)).await;
    let (status, _) = json(
        observer
            .patch(&member_url)
            .json(&json!({ "role": "observer" }))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 403);
    app.stop().await;
}

#[tokio::test]
async fn a_suspended_member_reads_nothing_of_the_network() {
    let app = TestApp::spawn().await;
    let a = app.seed("netvaerk-a").await;
    let member = app.signed_in(&a.email(Role::Member)).await;
    let (status, _) = json(member.get(app.url("/api/v1/me")).send().await.unwrap()).await;
    assert_eq!(status, 200);
    let coordinator = app.signed_in(&a.email(Role::Coordinator)).await;
    let member_url = url(
        &app,
        &a,
        &format!("/members/{}", a.person(Role::Member).membership_id),
    );
    let (status, body) = json(
        coordinator
            .patch(&member_url)
            .json(&json!({ "status": "suspended" }))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["status"], "suspended");
    // Still signed in (suspension is one network's matter, see sessions.rs), but nothing of
    // this network is theirs to read, in the same session or a new one.
    let (status, _) = json(member.get(app.url("/api/v1/me")).send().await.unwrap()).await;
    assert_eq!(status, 200);
    let (status, _) = json(member.get(url(&app, &a, "/members")).send().await.unwrap()).await;
    assert_eq!(status, 404);
    let again = app.signed_in(&a.email(Role::Member)).await;
    let (status, _) = json(again.get(url(&app, &a, "/members")).send().await.unwrap()).await;
    assert_eq!(status, 404);
    app.stop().await;
}

#[tokio::test]
async fn tokens_are_shown_once_used_and_revoked() {
    let app = TestApp::spawn().await;
    let a = app.seed("netvaerk-a").await;
    let b = app.seed("netvaerk-b").await;
    let coordinator = app.signed_in(&a.email(Role::Coordinator)).await;
    let (status, issued) = json(
        coordinator
            .post(url(&app, &a, "/tokens"))
            .json(&json!({ "organisation_id": a.organisation.id, "name": "Kommunens integration" }))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 200, "{issued}");
    let secret = issued["secret"].as_str().unwrap().to_owned();
    assert!(secret.starts_with("svk_"));
    let by_token = app.with_token(&secret);
    let (status, _) = json(
        by_token
            .get(url(&app, &a, "/projects"))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 200);
    // The token does not open another network.
    let (status, _) = json(
        by_token
            .get(url(&app, &b, "/projects"))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 404);
    // Partners do not manage tokens.
    let (status, _) = json(by_token.get(url(&app, &a, "/tokens")).send().await.unwrap()).await;
    assert_eq!(status, 403);

    let (_, list) = json(
        coordinator
            .get(url(&app, &a, "/tokens"))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert!(!list.to_string().contains(&secret), "a list shows a secret");
    assert!(
        list["items"][0]["last_used_at"].is_string(),
        "last use recorded: {list}"
    );

    let id = issued["token"]["id"].as_str().unwrap();
    let (status, revoked) = json(
        coordinator
            .delete(url(&app, &a, &format!("/tokens/{id}")))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 200);
    assert!(revoked["revoked_at"].is_string());
    let (status, body) = json(
        by_token
            .get(url(&app, &a, "/projects"))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(
        (status, body["code"].clone()),
        (401, json!("invalid_token"))
    );
    app.stop().await;
}

#[tokio::test]
async fn groups_are_joined_when_open_and_managed_by_their_coordinators() {
    let app = TestApp::spawn().await;
    let a = app.seed("netvaerk-a").await;
    let coordinator = app.signed_in(&a.email(Role::Coordinator)).await;
    let member = app.signed_in(&a.email(Role::Member)).await;
    let create = |name: &'static str, is_open: bool| {
        let coordinator = coordinator.clone();
        let target = url(&app, &a, "/groups");
        async move {
            let (status, group) = json(
                coordinator
                    .post(target)
                    .json(&json!({ "name": name, "is_open": is_open }))
                    .send()
                    .await
                    .unwrap(),
            )
            .await;
            assert_eq!(status, 200, "{group}");
            group["id"].as_str().unwrap().to_owned()
        }
    };
    let open = create("Skole og psykiatri", true).await;
    let closed = create("Samtykke", false).await;
    let (status, _) = json(
        member
            .post(url(&app, &a, "/groups"))
            .json(&json!({ "name": "Egen gruppe" }))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 403, "members do not create groups");

    let me = a.person(Role::Member).membership_id;
    let (status, _) = json(
        member
            .put(url(&app, &a, &format!("/groups/{open}/members/{me}")))
            .json(&json!({}))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 200, "joining an open group");
    let (status, _) = json(
        member
            .put(url(&app, &a, &format!("/groups/{closed}/members/{me}")))
            .json(&json!({}))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 403, "joining a closed group");
    let (status, _) = json(
        member
            .put(url(&app, &a, &format!("/groups/{open}/members/{me}")))
            .json(&json!({ "is_coordinator": true }))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 403, "making oneself a group coordinator");

    // A group coordinator (not a network coordinator) manages their group.
    let observer = a.person(Role::Observer).membership_id;
    let (status, _) = json(
        coordinator
            .put(url(&app, &a, &format!("/groups/{closed}/members/{me}")))
            .json(&json!({ "is_coordinator": true }))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 200);
    let (status, _) = json(
        member
            .put(url(
                &app,
                &a,
                &format!("/groups/{closed}/members/{observer}"),
            ))
            .json(&json!({}))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 200, "a group coordinator adds a member");
    let (_, members) = json(
        member
            .get(url(&app, &a, &format!("/groups/{closed}/members")))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(members.as_array().unwrap().len(), 2);
    let response = member
        .delete(url(&app, &a, &format!("/groups/{open}/members/{me}")))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 204, "leaving");
    app.stop().await;
}

#[tokio::test]
async fn the_audit_log_records_people_and_token_changes_for_coordinators() {
    let app = TestApp::spawn().await;
    let a = app.seed("netvaerk-a").await;
    let coordinator = app.signed_in(&a.email(Role::Coordinator)).await;
    let member_url = url(
        &app,
        &a,
        &format!("/members/{}", a.person(Role::Member).membership_id),
    );
    json(
        coordinator
            .patch(&member_url)
            .json(&json!({ "role": "partner" }))
            .send()
            .await
            .unwrap(),
    )
    .await;
    json(
        coordinator
            .post(url(&app, &a, "/invitations"))
            .json(&json!({ "email": "ny@example.org", "role": "member" }))
            .send()
            .await
            .unwrap(),
    )
    .await;
    json(
        coordinator
            .post(url(&app, &a, "/tokens"))
            .json(&json!({ "organisation_id": a.organisation.id, "name": "T" }))
            .send()
            .await
            .unwrap(),
    )
    .await;
    let (status, log) = json(
        coordinator
            .get(url(&app, &a, "/audit-log"))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 200);
    let actions: Vec<&str> = log["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["action"].as_str().unwrap())
        .collect();
    for expected in ["member.updated", "invitation.created", "token.created"] {
        assert!(
            actions.contains(&expected),
            "{expected} missing from {actions:?}"
        );
    }
    let change = log["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["action"] == "member.updated")
        .unwrap();
    assert_eq!(change["details"]["role"]["to"], "partner");
    assert_eq!(change["actor"], format!("coordinator {}", a.slug()));
    let member = app.signed_in(&a.email(Role::Member)).await;
    let (status, _) = json(
        member
            .get(url(&app, &a, "/audit-log"))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 403);
    app.stop().await;
}
