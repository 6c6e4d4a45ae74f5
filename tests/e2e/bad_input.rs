//! Acceptance item 5: malformed JSON, unknown fields, over-long strings, a bad cursor, a wrong
//! or expired token, a foreign id — each answers 4xx problem JSON with its code and changes
//! nothing (every table's row count is the same before and after).

use chrono::Duration;
use domain::clock::Clock;
use domain::policy::Role;
use domain::showcases::ProjectStatus;
use domain::showcases::projects::{self, NewProject};
use domain::tenancy::Visibility;
use domain::tokens::{self, NewToken};
use serde_json::json;

use crate::support::db::row_counts;
use crate::support::{TestApp, json};

fn project_body() -> serde_json::Value {
    json!({ "title": "Søskengrupper", "status": "idea", "visibility": "network" })
}

#[tokio::test]
async fn bad_input_is_refused_with_its_code_and_changes_nothing() {
    let app = TestApp::spawn().await;
    let a = app.seed("netvaerk-a").await;
    let b = app.seed("netvaerk-b").await;
    let foreign = projects::create(
        &app.services,
        &b.scope,
        NewProject {
            title: "Hemmeligt projekt i B".into(),
            summary: "Kun for B".into(),
            body: String::new(),
            status: ProjectStatus::Running,
            visibility: Visibility::Network,
            owner_organisation_id: Some(b.organisation.id),
            group_id: None,
            tags: vec![],
            ..Default::default()
        },
    )
    .await
    .unwrap();
    let expiring = tokens::create(
        &app.services,
        &a.scope,
        NewToken {
            organisation_id: a.organisation.id,
            name: "Udløber".into(),
            expires_at: Some(app.clock.now() + Duration::hours(1)),
        },
    )
    .await
    .unwrap();
    let revoked = tokens::create(
        &app.services,
        &a.scope,
        NewToken {
            organisation_id: a.organisation.id,
            name: "Tilbagekaldt".into(),
            expires_at: None,
        },
    )
    .await
    .unwrap();
    tokens::revoke(&app.services, &a.scope, revoked.token.id)
        .await
        .unwrap();
    let client = app.signed_in(&a.email(Role::Coordinator)).await;
    let projects_url = app.url(&format!("/api/v1/networks/{}/projects", a.slug()));
    let foreign_url = app.url(&format!(
        "/api/v1/networks/{}/projects/{}",
        a.slug(),
        foreign.id
    ));
    let long = "æ".repeat(201);
    app.drain().await;
    let before = row_counts(app.services.db.raw()).await;

    // (what, response, expected status, expected code)
    let mut cases = Vec::new();
    let raw = |body: &'static str| {
        client
            .post(&projects_url)
            .header("content-type", "application/json")
            .body(body)
    };
    cases.push((
        "malformed JSON",
        raw("{\"title\":").send().await.unwrap(),
        400,
        "malformed_json",
    ));
    cases.push((
        "not JSON at all",
        raw("title=x").send().await.unwrap(),
        400,
        "malformed_json",
    ));
    let mut unknown = project_body();
    unknown["bogus"] = json!(1);
    cases.push((
        "unknown field",
        client
            .post(&projects_url)
            .json(&unknown)
            .send()
            .await
            .unwrap(),
        400,
        "unknown_field",
    ));
    let mut too_long = project_body();
    too_long["title"] = json!(long);
    cases.push((
        "over-long title",
        client
            .post(&projects_url)
            .json(&too_long)
            .send()
            .await
            .unwrap(),
        400,
        "too_long",
    ));
    cases.push((
        "over-long organisation name",
        client
            .post(app.url(&format!("/api/v1/networks/{}/organisations", a.slug())))
            .json(&json!({ "name": long, "sector": "school" }))
            .send()
            .await
            .unwrap(),
        400,
        "too_long",
    ));
    cases.push((
        "over-long patch",
        client
            .patch(&foreign_url)
            .json(&json!({ "summary": "x".repeat(1001) }))
            .send()
            .await
            .unwrap(),
        400,
        "too_long",
    ));
    cases.push((
        "bad cursor",
        client
            .get(format!("{projects_url}?cursor=bm90LWEtY3Vyc29y"))
            .send()
            .await
            .unwrap(),
        400,
        "invalid_cursor",
    ));
    cases.push((
        "garbage cursor",
        client
            .get(format!("{projects_url}?cursor=%%%"))
            .send()
            .await
            .unwrap(),
        400,
        "invalid_cursor",
    ));
    cases.push((
        "wrong token",
        app.with_token("svk_wrong")
            .get(&projects_url)
            .send()
            .await
            .unwrap(),
        401,
        "invalid_token",
    ));
    cases.push((
        "not a token",
        app.with_token("hello")
            .post(&projects_url)
            .json(&project_body())
            .send()
            .await
            .unwrap(),
        401,
        "invalid_token",
    ));
    cases.push((
        "revoked token",
        app.with_token(&revoked.secret)
            .get(&projects_url)
            .send()
            .await
            .unwrap(),
        401,
        "invalid_token",
    ));
    app.clock.advance(Duration::hours(2));
    cases.push((
        "expired token",
        app.with_token(&expiring.secret)
            .get(&projects_url)
            .send()
            .await
            .unwrap(),
        401,
        "invalid_token",
    ));
    cases.push((
        "foreign id (read)",
        client.get(&foreign_url).send().await.unwrap(),
        404,
        "not_found",
    ));
    cases.push((
        "foreign id (write)",
        client
            .patch(&foreign_url)
            .json(&json!({ "title": "Overtaget" }))
            .send()
            .await
            .unwrap(),
        404,
        "not_found",
    ));
    let mut foreign_owner = project_body();
    foreign_owner["owner_organisation_id"] = json!(b.organisation.id);
    cases.push((
        "foreign organisation",
        client
            .post(&projects_url)
            .json(&foreign_owner)
            .send()
            .await
            .unwrap(),
        422,
        "invalid",
    ));
    cases.push((
        "malformed id",
        client
            .get(app.url(&format!(
                "/api/v1/networks/{}/projects/not-a-uuid",
                a.slug()
            )))
            .send()
            .await
            .unwrap(),
        404,
        "not_found",
    ));
    cases.push((
        "limit out of range",
        client
            .get(format!("{projects_url}?limit=1000"))
            .send()
            .await
            .unwrap(),
        400,
        "invalid_parameter",
    ));

    for (what, response, status, code) in cases {
        let content_type = response
            .headers()
            .get("content-type")
            .map(|v| v.to_str().unwrap().to_owned())
            .unwrap_or_default();
        let (actual, body) = json(response).await;
        assert_eq!(actual, status, "{what}: {body}");
        assert_eq!(body["code"], code, "{what}: {body}");
        assert!(
            content_type.starts_with("application/problem+json"),
            "{what}: {content_type}"
        );
        for field in ["type", "title", "status", "detail", "errors"] {
            assert!(!body[field].is_null(), "{what}: no {field} in {body}");
        }
        let text = body.to_string();
        assert!(
            !text.contains("Hemmeligt"),
            "{what} leaks the foreign project: {text}"
        );
    }
    app.drain().await;
    assert_eq!(
        before,
        row_counts(app.services.db.raw()).await,
        "a refused request changed a table"
    );
    app.stop().await;
}
