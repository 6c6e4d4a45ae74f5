//! The API's document and its everyday flows.

use serde_json::{Value, json};

use crate::support::{TestApp, json};
use domain::policy::Role;

const ERROR_STATUSES: [&str; 10] = [
    "400", "401", "403", "404", "409", "413", "422", "429", "500", "503",
];

fn operations(doc: &Value) -> Vec<(String, String, Value)> {
    let mut ops = Vec::new();
    for (path, item) in doc["paths"].as_object().unwrap() {
        for (method, op) in item.as_object().unwrap() {
            ops.push((path.clone(), method.clone(), op.clone()));
        }
    }
    ops
}

#[tokio::test]
async fn the_document_declares_errors_and_authentication() {
    let app = TestApp::spawn().await;
    let (status, doc) = json(reqwest::get(app.url("/api/v1/openapi.json")).await.unwrap()).await;
    assert_eq!(status, 200);
    assert!(doc["openapi"].as_str().unwrap().starts_with("3."));
    assert_eq!(doc["servers"][0]["url"], "/api/v1");
    assert!(doc["components"]["securitySchemes"]["bearerToken"].is_object());
    assert!(doc["components"]["securitySchemes"]["sessionCookie"].is_object());
    let ops = operations(&doc);
    assert!(ops.len() >= 30, "only {} operations", ops.len());
    for (path, method, op) in &ops {
        for status in ERROR_STATUSES {
            let response = &op["responses"][status];
            assert!(
                response.is_object(),
                "{method} {path} does not declare {status}"
            );
            assert!(
                response["content"]["application/problem+json"].is_object(),
                "{method} {path} {status} is not problem+json"
            );
        }
    }
    let docs = reqwest::get(app.url("/api/docs")).await.unwrap();
    assert_eq!(docs.status(), 200);
    assert!(
        docs.text().await.unwrap().contains("bearerToken"),
        "the docs page shows our document"
    );
    app.stop().await;
}

/// Every documented operation is mounted (it answers from a handler, not the router), and a
/// documented path answers no undocumented method.
#[tokio::test]
async fn every_documented_route_is_mounted_and_nothing_else() {
    let app = TestApp::spawn().await;
    let a = app.seed("netvaerk-a").await;
    let client = app.signed_in(&a.email(Role::Owner)).await;
    let doc = json(reqwest::get(app.url("/api/v1/openapi.json")).await.unwrap())
        .await
        .1;
    let id = uuid::Uuid::now_v7().to_string();
    for (path, method, _) in operations(&doc) {
        let concrete = path
            .replace("{slug}", a.slug())
            .replace("{id}", &id)
            .replace("{member_id}", &id);
        let url = app.url(&format!("/api/v1{concrete}"));
        let request = client.request(method.to_uppercase().parse().unwrap(), &url);
        let request = if ["post", "put", "patch"].contains(&method.as_str()) {
            request.json(&json!({}))
        } else {
            request
        };
        let response = request.send().await.unwrap();
        let status = response.status().as_u16();
        let body = response.text().await.unwrap();
        assert!(
            !body.contains("No such route"),
            "{method} {path} is documented but not mounted"
        );
        assert!(
            !body.contains("method_not_allowed"),
            "{method} {path} is documented but not mounted"
        );
        assert!(status < 500, "{method} {path} answered {status}: {body}");
    }
    for path in doc["paths"].as_object().unwrap().keys() {
        let documented: Vec<String> = doc["paths"][path]
            .as_object()
            .unwrap()
            .keys()
            .cloned()
            .collect();
        let concrete = path
            .replace("{slug}", a.slug())
            .replace("{id}", &id)
            .replace("{member_id}", &id);
        for method in ["get", "post", "put", "patch", "delete"] {
            if documented.iter().any(|m| m == method) {
                continue;
            }
            let response = client
                .request(
                    method.to_uppercase().parse().unwrap(),
                    app.url(&format!("/api/v1{concrete}")),
                )
                .send()
                .await
                .unwrap();
            let allow = response
                .headers()
                .get("allow")
                .map(|v| v.to_str().unwrap().to_owned());
            let (status, body) = json(response).await;
            assert_eq!(
                body["code"], "method_not_allowed",
                "{method} {path} answers {status} but is undocumented"
            );
            assert_eq!(status, 405, "{method} {path}");
            // `Allow` names exactly the documented methods (and HEAD with GET).
            let mut expected: Vec<String> = documented.iter().map(|m| m.to_uppercase()).collect();
            if expected.iter().any(|m| m == "GET") {
                expected.push("HEAD".into());
            }
            let mut allowed: Vec<String> = allow
                .unwrap_or_else(|| panic!("{method} {path}: no Allow header"))
                .split(", ")
                .map(str::to_owned)
                .collect();
            expected.sort();
            allowed.sort();
            assert_eq!(allowed, expected, "{method} {path}");
        }
    }
    let (status, body) = json(
        reqwest::get(app.url("/api/v1/no/such/route"))
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 404);
    assert_eq!(body["code"], "not_found");
    app.stop().await;
}

#[tokio::test]
async fn sign_in_me_and_sign_out() {
    let app = TestApp::spawn().await;
    let a = app.seed("netvaerk-a").await;
    let client = app.signed_in(&a.email(Role::Member)).await;
    let (status, me) = json(client.get(app.url("/api/v1/me")).send().await.unwrap()).await;
    assert_eq!(status, 200);
    assert_eq!(me["email"], a.email(Role::Member));
    assert_eq!(me["networks"][0]["network"]["slug"], a.slug());
    assert_eq!(me["networks"][0]["role"], "member");

    let response = client
        .delete(app.url("/api/v1/session"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 204);
    let (status, body) = json(client.get(app.url("/api/v1/me")).send().await.unwrap()).await;
    assert_eq!(status, 401);
    assert_eq!(body["code"], "unauthenticated");

    let (status, body) = json(
        app.client()
            .post(app.url("/api/v1/session"))
            .json(&json!({ "email": a.email(Role::Member), "password": "wrong password" }))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 401);
    assert_eq!(body["code"], "wrong_credentials");
    app.stop().await;
}

#[tokio::test]
async fn sign_in_is_rate_limited_per_account() {
    let app = TestApp::spawn().await;
    let a = app.seed("netvaerk-a").await;
    let mut statuses = Vec::new();
    for _ in 0..7 {
        let response = app
            .client()
            .post(app.url("/api/v1/session"))
            .json(&json!({ "email": a.email(Role::Member), "password": "not the password" }))
            .send()
            .await
            .unwrap();
        statuses.push(response.status().as_u16());
    }
    assert_eq!(&statuses[..5], &[401; 5]);
    assert_eq!(statuses[6], 429, "{statuses:?}");
    // The right password is refused too while the limit holds.
    let response = app
        .client()
        .post(app.url("/api/v1/session"))
        .json(&json!({ "email": a.email(Role::Member), "password": crate::support::PASSWORD }))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 429);
    app.stop().await;
}
