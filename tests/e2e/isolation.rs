//! Tenant isolation, swept over every route that takes an id — enumerated from the OpenAPI
//! document and from the web UI's route table, not from a list written here. A member of network
//! A who asks for an object of network B gets 404 with nothing of B in the body; search never
//! returns B's documents to A.

use domain::people::groups::{self, NewGroup};
use domain::people::invitations::{self, NewInvitation};
use domain::policy::Role;
use domain::showcases::ProjectStatus;
use domain::showcases::projects::{self, NewProject};
use domain::tenancy::Visibility;
use domain::tokens::{self, NewToken};
use serde_json::{Value, json};

use crate::support::{Seeded, TestApp, json};

/// B's objects by the path segment that names their kind, and the words that must not leak.
struct Foreign {
    ids: Vec<(&'static str, String)>,
    secrets: Vec<String>,
}

impl Foreign {
    /// The id of B's object for a parameter that follows `segment` in a path.
    fn id_after(&self, segment: &str) -> Option<&str> {
        self.ids
            .iter()
            .find(|(kind, _)| *kind == segment)
            .map(|(_, id)| id.as_str())
    }
}

async fn seed_foreign(app: &TestApp, b: &Seeded) -> Foreign {
    let svc = &app.services;
    let project = projects::create(
        svc,
        &b.scope,
        NewProject {
            title: "Fortroligt B-projekt Zebrafinke".into(),
            summary: "Zebrafinke".into(),
            body: "Zebrafinke".into(),
            status: ProjectStatus::Running,
            visibility: Visibility::Network,
            owner_organisation_id: Some(b.organisation.id),
            group_id: None,
            tags: vec![],
        },
    )
    .await
    .unwrap();
    let group = groups::create(
        svc,
        &b.scope,
        NewGroup {
            name: "Gruppe Zebrafinke".into(),
            description: "Zebrafinke".into(),
            is_open: true,
        },
    )
    .await
    .unwrap();
    let invitation = invitations::create(
        svc,
        &b.scope,
        NewInvitation {
            email: "zebrafinke@example.org".into(),
            organisation_id: None,
            role: Role::Member,
        },
    )
    .await
    .unwrap();
    let token = tokens::create(
        svc,
        &b.scope,
        NewToken {
            organisation_id: b.organisation.id,
            name: "Token Zebrafinke".into(),
            expires_at: None,
        },
    )
    .await
    .unwrap();
    app.drain().await;
    let member = b.person(Role::Member);
    Foreign {
        ids: vec![
            ("projects", project.id.to_string()),
            ("groups", group.id.to_string()),
            ("invitations", invitation.id.to_string()),
            ("tokens", token.token.id.to_string()),
            ("organisations", b.organisation.id.to_string()),
            ("members", member.membership_id.to_string()),
        ],
        secrets: vec![
            "Zebrafinke".into(),
            b.organisation.name.clone(),
            b.network.name.clone(),
            member.email.clone(),
            b.network.id.to_string(),
        ],
    }
}

/// Replaces the path's parameters: the slug with A's, ids with B's objects of the kind named by
/// the segment before them (`member_id` is a membership).
fn concrete(path: &str, slug: &str, foreign: &Foreign) -> Option<String> {
    let segments: Vec<&str> = path.split('/').collect();
    let mut out = Vec::new();
    let mut has_id = false;
    for (i, segment) in segments.iter().enumerate() {
        let name = segment
            .strip_prefix(':')
            .or_else(|| segment.strip_prefix('{').and_then(|s| s.strip_suffix('}')));
        match name {
            Some("slug") => out.push(slug.to_owned()),
            Some("member_id" | "membership_id") => {
                has_id = true;
                out.push(foreign.id_after("members")?.to_owned());
            }
            Some(_) => {
                has_id = true;
                let kind = segments.get(i.wrapping_sub(1)).copied().unwrap_or_default();
                out.push(foreign.id_after(kind)?.to_owned());
            }
            None => out.push((*segment).to_owned()),
        }
    }
    has_id.then(|| out.join("/"))
}

fn assert_nothing_leaks(what: &str, body: &str, foreign: &Foreign) {
    for secret in &foreign.secrets {
        assert!(
            !body.contains(secret.as_str()),
            "{what} leaks {secret:?}: {body}"
        );
    }
}

#[tokio::test]
async fn every_api_route_with_an_id_answers_404_for_another_networks_object() {
    let app = TestApp::spawn().await;
    let a = app.seed("netvaerk-a").await;
    let b = app.seed("netvaerk-b").await;
    let foreign = seed_foreign(&app, &b).await;
    let doc: Value = reqwest::get(app.url("/api/v1/openapi.json"))
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let owner = app.signed_in(&a.email(Role::Owner)).await;
    let token = tokens::create(
        &app.services,
        &a.scope,
        NewToken {
            organisation_id: a.organisation.id,
            name: "A".into(),
            expires_at: None,
        },
    )
    .await
    .unwrap();
    let callers = [
        ("A's owner", owner),
        ("A's token", app.with_token(&token.secret)),
    ];
    let mut swept = 0;
    for (path, item) in doc["paths"].as_object().unwrap() {
        let Some(concrete) = concrete(path, a.slug(), &foreign) else {
            continue;
        };
        for method in item.as_object().unwrap().keys() {
            for (who, client) in &callers {
                let request = client.request(
                    method.to_uppercase().parse().unwrap(),
                    app.url(&format!("/api/v1{concrete}")),
                );
                let request = if ["post", "put", "patch"].contains(&method.as_str()) {
                    request.json(&json!({}))
                } else {
                    request
                };
                let response = request.send().await.unwrap();
                let status = response.status().as_u16();
                let body = response.text().await.unwrap();
                let what = format!("{who}: {method} {path}");
                assert_eq!(status, 404, "{what}: {body}");
                assert_nothing_leaks(&what, &body, &foreign);
                swept += 1;
            }
        }
    }
    assert!(swept >= 30, "only {swept} requests swept");

    // And under B's own slug, a member of A (a guest there) finds nothing non-public either.
    let member_of_a = app.signed_in(&a.email(Role::Member)).await;
    for (path, item) in doc["paths"].as_object().unwrap() {
        let Some(concrete) = concrete(path, b.slug(), &foreign) else {
            continue;
        };
        for method in item.as_object().unwrap().keys() {
            let request = member_of_a.request(
                method.to_uppercase().parse().unwrap(),
                app.url(&format!("/api/v1{concrete}")),
            );
            let request = if ["post", "put", "patch"].contains(&method.as_str()) {
                request.json(&json!({}))
            } else {
                request
            };
            let response = request.send().await.unwrap();
            let status = response.status().as_u16();
            let body = response.text().await.unwrap();
            assert_eq!(status, 404, "guest: {method} {path}: {body}");
            assert_nothing_leaks(&format!("guest: {method} {path}"), &body, &foreign);
        }
    }

    // Search never returns B's documents to A.
    for client in [
        app.signed_in(&a.email(Role::Owner)).await,
        app.with_token(&token.secret),
        app.client(),
    ] {
        let response = client
            .get(app.url(&format!("/api/v1/networks/{}/search", a.slug())))
            .query(&[("q", "zebrafinke")])
            .send()
            .await
            .unwrap();
        let (status, body) = json(response).await;
        assert_eq!(status, 200);
        assert_eq!(body["total"], 0, "{body}");
        assert_nothing_leaks("search", &body.to_string(), &foreign);
    }
    app.stop().await;
}

#[tokio::test]
async fn every_web_route_with_an_id_answers_404_for_another_networks_object() {
    let app = TestApp::spawn().await;
    let a = app.seed("netvaerk-a").await;
    let b = app.seed("netvaerk-b").await;
    let foreign = seed_foreign(&app, &b).await;
    let jar = std::sync::Arc::new(reqwest::cookie::Jar::default());
    let browser = reqwest::Client::builder()
        .cookie_provider(jar.clone())
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let response = browser
        .post(app.url("/api/v1/session"))
        .json(&json!({ "email": a.email(Role::Owner), "password": crate::support::PASSWORD }))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    // A page sets the CSRF cookie; forms send it back as a field.
    let home = browser
        .get(app.url(&format!("/n/{}", a.slug())))
        .send()
        .await
        .unwrap();
    assert_eq!(home.status(), 200);
    let base: reqwest::Url = app.base.parse().unwrap();
    let cookies = reqwest::cookie::CookieStore::cookies(&*jar, &base).unwrap();
    let csrf = cookies
        .to_str()
        .unwrap()
        .split("; ")
        .find_map(|c| c.strip_prefix("samvirke_csrf="))
        .expect("no CSRF cookie")
        .to_owned();

    let mut swept = 0;
    for route in web::route_table() {
        let Some(path) = concrete(route.path, a.slug(), &foreign) else {
            continue;
        };
        // Invitation links carry a secret, not an id; static files have names.
        if route.path.contains(":token") || route.path.contains(":file") || route.path.contains('*')
        {
            continue;
        }
        for slug in [a.slug(), b.slug()] {
            let path = path.replacen(&format!("/n/{}", a.slug()), &format!("/n/{slug}"), 1);
            let url = app.url(&path);
            let response = match route.method {
                "GET" => browser.get(&url).send().await.unwrap(),
                _ => browser
                    .post(&url)
                    .form(&[("csrf", csrf.as_str())])
                    .send()
                    .await
                    .unwrap(),
            };
            let status = response.status().as_u16();
            let body = response.text().await.unwrap();
            let what = format!("{} {} (as a member of {})", route.method, path, a.slug());
            assert_eq!(status, 404, "{what}: {body}");
            if slug == a.slug() {
                assert_nothing_leaks(&what, &body, &foreign);
            } else {
                // Under B's own address its name is its public face; nothing else of B shows.
                let mut private = Foreign {
                    ids: vec![],
                    secrets: foreign.secrets.clone(),
                };
                private.secrets.retain(|s| *s != b.network.name);
                assert_nothing_leaks(&what, &body, &private);
            }
            swept += 1;
        }
    }
    assert!(swept >= 20, "only {swept} web requests swept");
    app.stop().await;
}
