//! Sessions and what guards them: suspension scoped to one network, a new session at every
//! sign-in, CSRF tokens bound to the session, rate limits kept in the database (normalised,
//! capped, expiring, shared by every replica), the client address behind trusted proxies, and
//! `__Host-` cookies with `Strict-Transport-Security` under https.

use std::collections::BTreeMap;

use chrono::Duration;
use domain::people::members;
use domain::policy::Role;
use samvirke::app::{self, Application, Parts};
use sea_orm::{ConnectionTrait, Statement};
use serde_json::json;

use crate::support::{PASSWORD, Seeded, TestApp, json, test_settings};

/// A client that keeps its cookies by hand, so that `Secure` and `__Host-` cookies work against
/// the plain-http test server as they would over https.
#[derive(Clone)]
struct Client {
    http: reqwest::Client,
    base: String,
    cookies: BTreeMap<String, String>,
}

struct Answer {
    status: u16,
    headers: reqwest::header::HeaderMap,
    body: String,
}

impl Client {
    fn new(base: &str) -> Client {
        Client {
            http: reqwest::Client::builder()
                .redirect(reqwest::redirect::Policy::none())
                .build()
                .unwrap(),
            base: base.to_owned(),
            cookies: BTreeMap::new(),
        }
    }

    fn cookie(&self, name: &str) -> Option<String> {
        self.cookies.get(name).cloned()
    }

    async fn send(&mut self, request: reqwest::RequestBuilder) -> Answer {
        let header: Vec<String> = self
            .cookies
            .iter()
            .map(|(name, value)| format!("{name}={value}"))
            .collect();
        let request = if header.is_empty() {
            request
        } else {
            request.header("cookie", header.join("; "))
        };
        let response = request.send().await.unwrap();
        for set in response.headers().get_all("set-cookie") {
            let set = set.to_str().unwrap();
            let (pair, attributes) = set.split_once(';').unwrap_or((set, ""));
            let (name, value) = pair.split_once('=').unwrap();
            if value.is_empty() || attributes.contains("Max-Age=0") {
                self.cookies.remove(name);
            } else {
                self.cookies.insert(name.to_owned(), value.to_owned());
            }
        }
        Answer {
            status: response.status().as_u16(),
            headers: response.headers().clone(),
            body: response.text().await.unwrap(),
        }
    }

    async fn get(&mut self, path: &str) -> Answer {
        let request = self.http.get(format!("{}{path}", self.base));
        self.send(request).await
    }

    async fn post_form(&mut self, path: &str, fields: &[(&str, &str)]) -> Answer {
        let request = self.http.post(format!("{}{path}", self.base)).form(fields);
        self.send(request).await
    }

    async fn post_json(&mut self, path: &str, body: serde_json::Value) -> Answer {
        let request = self.http.post(format!("{}{path}", self.base)).json(&body);
        self.send(request).await
    }

    /// Signs in through the API.
    async fn api_sign_in(&mut self, email: &str) -> Answer {
        self.post_json(
            "/api/v1/session",
            json!({ "email": email, "password": PASSWORD }),
        )
        .await
    }

    /// Signs in through the web form, with the token of the sign-in page.
    async fn web_sign_in(&mut self, email: &str, csrf_cookie: &str) -> Answer {
        let page = self.get("/signin").await;
        assert_eq!(page.status, 200, "{}", page.body);
        let token = self.cookie(csrf_cookie).expect("no CSRF cookie");
        self.post_form(
            "/signin",
            &[("email", email), ("password", PASSWORD), ("csrf", &token)],
        )
        .await
    }
}

fn members_url(network: &Seeded) -> String {
    format!("/api/v1/networks/{}/members", network.slug())
}

// ---------------------------------------------------------------------------------------------
// Suspension
// ---------------------------------------------------------------------------------------------

/// The claim "suspending a member in one network signs them out of every network" was true; now
/// suspension takes away that one network and nothing else.
#[tokio::test]
async fn suspension_in_one_network_leaves_the_others_and_the_session() {
    let app = TestApp::spawn().await;
    let a = app.seed("netvaerk-a").await;
    let b = app.seed("netvaerk-b").await;
    // A's member is a member of B too.
    let person = a.person(Role::Member);
    members::add(
        &app.services,
        &b.scope,
        person.user_id,
        Some(b.organisation.id),
        Role::Member,
    )
    .await
    .unwrap();

    let mut member = Client::new(&app.base);
    assert_eq!(member.api_sign_in(&person.email).await.status, 200);
    let mut web = Client::new(&app.base);
    assert_eq!(web.api_sign_in(&person.email).await.status, 200);
    for network in [&a, &b] {
        assert_eq!(member.get(&members_url(network)).await.status, 200);
    }

    let mut coordinator = Client::new(&app.base);
    assert_eq!(
        coordinator
            .api_sign_in(&a.email(Role::Coordinator))
            .await
            .status,
        200
    );
    let patch = coordinator.http.patch(format!(
        "{}{}/{}",
        app.base,
        members_url(&a),
        person.membership_id
    ));
    let answer = coordinator
        .send(patch.json(&json!({ "status": "suspended" })))
        .await;
    assert_eq!(answer.status, 200, "{}", answer.body);

    // Still signed in, in the API and on the web …
    assert_eq!(member.get("/api/v1/me").await.status, 200);
    assert_eq!(web.get("/networks").await.status, 200);
    // … a member of B as before …
    assert_eq!(member.get(&members_url(&b)).await.status, 200);
    assert_eq!(
        web.get(&format!("/n/{}/members", b.slug())).await.status,
        200
    );
    // … and nobody in A, at once, without signing in again.
    assert_eq!(member.get(&members_url(&a)).await.status, 404);
    assert_eq!(
        web.get(&format!("/n/{}/members", a.slug())).await.status,
        404
    );
    let (_, me) = json(
        member
            .http
            .get(app.url("/api/v1/me"))
            .header(
                "cookie",
                format!(
                    "samvirke_session={}",
                    member.cookie("samvirke_session").unwrap()
                ),
            )
            .send()
            .await
            .unwrap(),
    )
    .await;
    let statuses: Vec<(String, String)> = me["networks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| {
            (
                n["network"]["slug"].as_str().unwrap().to_owned(),
                n["status"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    assert!(
        statuses.contains(&(b.slug().to_owned(), "active".to_owned())),
        "{statuses:?}"
    );
    assert!(
        !statuses.contains(&(a.slug().to_owned(), "active".to_owned())),
        "{statuses:?}"
    );

    // Lifting the suspension gives A back to the same session.
    let patch = coordinator.http.patch(format!(
        "{}{}/{}",
        app.base,
        members_url(&a),
        person.membership_id
    ));
    let answer = coordinator
        .send(patch.json(&json!({ "status": "active" })))
        .await;
    assert_eq!(answer.status, 200, "{}", answer.body);
    assert_eq!(member.get(&members_url(&a)).await.status, 200);
    app.stop().await;
}

// ---------------------------------------------------------------------------------------------
// Session rotation and CSRF
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn every_sign_in_starts_a_new_session_and_ends_the_old_one() {
    let app = TestApp::spawn().await;
    let a = app.seed("netvaerk-a").await;

    // Through the API: signing in again, with the old cookie, replaces it.
    let mut client = Client::new(&app.base);
    assert_eq!(client.api_sign_in(&a.email(Role::Member)).await.status, 200);
    let first = client.cookie("samvirke_session").unwrap();
    let mut old = client.clone();
    assert_eq!(
        client.api_sign_in(&a.email(Role::Observer)).await.status,
        200
    );
    let second = client.cookie("samvirke_session").unwrap();
    assert_ne!(first, second);
    assert_eq!(
        old.get("/api/v1/me").await.status,
        401,
        "the old session ended"
    );
    let (_, me) = json(
        reqwest::Client::new()
            .get(app.url("/api/v1/me"))
            .header("cookie", format!("samvirke_session={second}"))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(me["email"], a.email(Role::Observer));

    // On the web: a session cookie planted before sign-in is not the one after it.
    let mut browser = Client::new(&app.base);
    browser
        .cookies
        .insert("samvirke_session".into(), "planted-by-someone-else".into());
    let answer = browser
        .web_sign_in(&a.email(Role::Member), "samvirke_csrf")
        .await;
    assert_eq!(answer.status, 303, "{}", answer.body);
    let web_first = browser.cookie("samvirke_session").unwrap();
    assert_ne!(web_first, "planted-by-someone-else");
    // Signing in again on the web (with the session's own token) ends the first session.
    let mut old = browser.clone();
    let token = browser.cookie("samvirke_csrf").unwrap();
    let answer = browser
        .post_form(
            "/signin",
            &[
                ("email", &a.email(Role::Partner)),
                ("password", PASSWORD),
                ("csrf", &token),
            ],
        )
        .await;
    assert_eq!(answer.status, 303, "{}", answer.body);
    assert_ne!(browser.cookie("samvirke_session").unwrap(), web_first);
    assert_eq!(old.get("/api/v1/me").await.status, 401);
    assert_eq!(browser.get("/api/v1/me").await.status, 200);
    app.stop().await;
}

/// The claim "the CSRF token is not bound to the session" was true (a double-submit cookie any
/// self-consistent pair satisfied); now a signed-in form needs its own session's token.
#[tokio::test]
async fn a_csrf_token_of_another_session_is_refused() {
    let app = TestApp::spawn().await;
    let a = app.seed("netvaerk-a").await;
    let page = format!("/n/{}", a.slug());

    let mut alice = Client::new(&app.base);
    assert_eq!(alice.api_sign_in(&a.email(Role::Member)).await.status, 200);
    assert_eq!(alice.get(&page).await.status, 200);
    let alice_token = alice.cookie("samvirke_csrf").unwrap();

    // Another person's session, and a second session of the same person.
    let mut bob = Client::new(&app.base);
    assert_eq!(bob.api_sign_in(&a.email(Role::Partner)).await.status, 200);
    assert_eq!(bob.get(&page).await.status, 200);
    let bob_token = bob.cookie("samvirke_csrf").unwrap();
    let mut alice_elsewhere = Client::new(&app.base);
    assert_eq!(
        alice_elsewhere
            .api_sign_in(&a.email(Role::Member))
            .await
            .status,
        200
    );
    assert_eq!(alice_elsewhere.get(&page).await.status, 200);
    let elsewhere_token = alice_elsewhere.cookie("samvirke_csrf").unwrap();
    assert_ne!(alice_token, bob_token);
    assert_ne!(alice_token, elsewhere_token);

    // Each refused: another session's token (the field alone, or field and cookie together),
    // and a pair made up by whoever could set this browser's cookie.
    let made_up = "A".repeat(43);
    for (cookie, field) in [
        (alice_token.as_str(), bob_token.as_str()),
        (bob_token.as_str(), bob_token.as_str()),
        (elsewhere_token.as_str(), elsewhere_token.as_str()),
        (made_up.as_str(), made_up.as_str()),
    ] {
        let mut forger = alice.clone();
        forger
            .cookies
            .insert("samvirke_csrf".into(), cookie.to_owned());
        let answer = forger.post_form("/signout", &[("csrf", field)]).await;
        assert_eq!(answer.status, 403, "{}", answer.body);
        // Nothing happened: still signed in.
        assert_eq!(alice.get("/api/v1/me").await.status, 200);
    }

    // Its own token works, whatever the cookie says.
    let mut own = alice.clone();
    own.cookies.insert("samvirke_csrf".into(), made_up.clone());
    let answer = own.post_form("/signout", &[("csrf", &alice_token)]).await;
    assert_eq!(answer.status, 303, "{}", answer.body);
    assert_eq!(alice.get("/api/v1/me").await.status, 401);
    // Bob's session is untouched.
    assert_eq!(bob.get("/api/v1/me").await.status, 200);
    app.stop().await;
}

// ---------------------------------------------------------------------------------------------
// Rate limits in the database
// ---------------------------------------------------------------------------------------------

async fn limiter_rows(app: &TestApp) -> Vec<(String, String)> {
    let db = app.services.db.raw();
    db.query_all_raw(Statement::from_string(
        db.get_database_backend(),
        "SELECT name, key_hash FROM rate_limits ORDER BY name, key_hash",
    ))
    .await
    .unwrap()
    .into_iter()
    .map(|row| {
        (
            row.try_get::<String>("", "name").unwrap(),
            row.try_get::<String>("", "key_hash").unwrap(),
        )
    })
    .collect()
}

/// The claim "the sign-in limiter keeps every submitted e-mail (up to megabytes long) forever"
/// was true of the in-memory limiter; now a key is a 64-character hash of the normalised,
/// capped text, and a row is deleted once its window has ended.
#[tokio::test]
async fn limiter_keys_are_hashed_capped_and_expire() {
    let app = TestApp::spawn().await;
    let a = app.seed("netvaerk-a").await;
    let mut browser = Client::new(&app.base);
    assert_eq!(browser.get("/signin").await.status, 200);
    let token = browser.cookie("samvirke_csrf").unwrap();
    let huge = format!("{}@example.org", "x".repeat(1_000_000));
    for email in [huge.as_str(), "nobody@example.org"] {
        let answer = browser
            .post_form(
                "/signin",
                &[("email", email), ("password", "wrong"), ("csrf", &token)],
            )
            .await;
        assert_eq!(answer.status, 401);
    }
    let rows = limiter_rows(&app).await;
    // Two accounts and one address.
    assert_eq!(rows.len(), 3, "{rows:?}");
    for (_, hash) in &rows {
        assert_eq!(hash.len(), 64);
        assert!(hash.bytes().all(|b| b.is_ascii_hexdigit()));
    }

    // Spellings of one address count as one account: the fifth attempt is the last allowed.
    let email = a.email(Role::Member);
    let spellings = [
        email.to_uppercase(),
        format!("  {email} "),
        email.replace('m', "ｍ"), // full-width, the same after NFKC
        email.clone(),
    ];
    for spelling in &spellings {
        let answer = browser
            .post_json(
                "/api/v1/session",
                json!({ "email": spelling, "password": "wrong" }),
            )
            .await;
        assert_eq!(answer.status, 401, "{}", answer.body);
    }
    let answer = browser.api_sign_in(&email).await;
    assert_eq!(answer.status, 200, "the fifth attempt: {}", answer.body);
    let answer = browser.api_sign_in(&email.to_uppercase()).await;
    assert_eq!(answer.status, 429, "the sixth attempt: {}", answer.body);

    // A minute later the window has ended; the next attempt sweeps every ended row away.
    app.clock.advance(Duration::seconds(61));
    assert_eq!(browser.api_sign_in(&email).await.status, 200);
    let rows = limiter_rows(&app).await;
    assert_eq!(rows.len(), 2, "one account and one address: {rows:?}");
    app.stop().await;
}

/// A second `http` instance on the same database.
async fn second_instance(app: &TestApp) -> Application {
    let services = app::services(&app.settings, app.clock.clone())
        .await
        .unwrap();
    Application::start(
        services,
        &app.settings,
        Parts {
            http: true,
            worker: false,
        },
        "127.0.0.1:0",
    )
    .await
    .unwrap()
}

async fn two_replicas(
    configure: impl FnOnce(&mut samvirke::settings::Settings),
) -> (TestApp, Application, [String; 2]) {
    let dir = tempfile::tempdir().unwrap();
    let mut settings = test_settings(dir.path()).await;
    configure(&mut settings);
    let app = TestApp::start(
        dir,
        settings,
        Parts {
            http: true,
            worker: false,
        },
    )
    .await;
    let other = second_instance(&app).await;
    let bases = [app.base.clone(), format!("http://{}", other.addr.unwrap())];
    (app, other, bases)
}

#[tokio::test]
async fn public_registration_limit_holds_across_replicas() {
    let (app, other, bases) = two_replicas(|s| {
        s.auth.public_registrations_per_address_per_hour = 2;
    })
    .await;
    let a = app.seed("netvaerk-a").await;
    let mut coordinator = Client::new(&app.base);
    assert_eq!(
        coordinator
            .api_sign_in(&a.email(Role::Coordinator))
            .await
            .status,
        200
    );
    let starts = app.clock_now() + Duration::days(7);
    let answer = coordinator
        .post_json(
            &format!("/api/v1/networks/{}/meetings", a.slug()),
            json!({
                "kind": "theme_meeting",
                "visibility": "public",
                "title": "Temadag om trivsel",
                "description": "Om trivsel i skolen.",
                "starts_at": starts.to_rfc3339(),
                "ends_at": (starts + Duration::hours(6)).to_rfc3339(),
                "location_mode": "physical",
                "address": "Rådhuspladsen 1, København",
                "publish": true,
                "registration": { "enabled": true, "capacity_room": 10, "terms": "Vi gemmer dit navn." },
            }),
        )
        .await;
    assert_eq!(answer.status, 200, "{}", answer.body);
    let meeting: serde_json::Value = serde_json::from_str(&answer.body).unwrap();
    let path = format!(
        "/api/v1/networks/{}/meetings/{}/guest-registrations",
        a.slug(),
        meeting["id"].as_str().unwrap()
    );
    // Two an hour from one address, counted together by both replicas.
    for (n, (i, expected)) in [(0, 200), (1, 200), (0, 429), (1, 429)]
        .into_iter()
        .enumerate()
    {
        let answer = Client::new(&bases[i])
            .post_json(
                &path,
                json!({
                    "name": format!("Gæst nummer {n}"),
                    "email": format!("gaest{n}@example.org"),
                    "accept_terms": true,
                }),
            )
            .await;
        assert_eq!(answer.status, expected, "{n}: {}", answer.body);
    }
    // An hour later the address may register again.
    app.clock.advance(Duration::minutes(61));
    let answer = Client::new(&bases[1])
        .post_json(
            &path,
            json!({ "name": "Gæst senere", "email": "senere@example.org", "accept_terms": true }),
        )
        .await;
    assert_eq!(answer.status, 200, "{}", answer.body);
    other.stop().await.unwrap();
    app.stop().await;
}

#[tokio::test]
async fn sign_in_limits_hold_across_replicas() {
    let (app, other, bases) = two_replicas(|s| {
        s.auth.sign_in_per_account_per_minute = 4;
        s.auth.sign_in_per_address_per_minute = 6;
    })
    .await;
    let a = app.seed("netvaerk-a").await;

    // Per account: four attempts, alternating between the replicas, then both refuse.
    let email = a.email(Role::Member);
    for attempt in 0..4 {
        let mut client = Client::new(&bases[attempt % 2]);
        let answer = client
            .post_json(
                "/api/v1/session",
                json!({ "email": email, "password": "wrong" }),
            )
            .await;
        assert_eq!(answer.status, 401, "attempt {attempt}: {}", answer.body);
    }
    for base in &bases {
        let answer = Client::new(base).api_sign_in(&email).await;
        assert_eq!(answer.status, 429, "{base}: {}", answer.body);
    }
    // Per address: the six attempts of this address are used up on both (four above, two here
    // with other accounts), so a third account is refused too.
    app.clock.advance(Duration::seconds(61));
    for (base, role) in bases.iter().zip([Role::Coordinator, Role::Partner]) {
        let answer = Client::new(base).api_sign_in(&a.email(role)).await;
        assert_eq!(answer.status, 200, "{}", answer.body);
    }
    for attempt in 0..4 {
        let answer = Client::new(&bases[attempt % 2])
            .api_sign_in(&a.email(Role::Observer))
            .await;
        assert_eq!(answer.status, 200, "{}", answer.body);
    }
    let answer = Client::new(&bases[1])
        .api_sign_in(&a.email(Role::Owner))
        .await;
    assert_eq!(answer.status, 429, "{}", answer.body);

    other.stop().await.unwrap();
    app.stop().await;
}

// ---------------------------------------------------------------------------------------------
// Client address behind trusted proxies
// ---------------------------------------------------------------------------------------------

async fn attempt_from(app: &TestApp, forwarded_for: &str, email: &str) -> u16 {
    let response = reqwest::Client::new()
        .post(app.url("/api/v1/session"))
        .header("x-forwarded-for", forwarded_for)
        .json(&json!({ "email": email, "password": "wrong" }))
        .send()
        .await
        .unwrap();
    response.status().as_u16()
}

async fn app_with_proxies(trusted: &[&str]) -> TestApp {
    let dir = tempfile::tempdir().unwrap();
    let mut settings = test_settings(dir.path()).await;
    settings.auth.sign_in_per_address_per_minute = 2;
    settings.server.trusted_proxies = trusted.iter().map(|s| s.to_string()).collect();
    TestApp::start(
        dir,
        settings,
        Parts {
            http: true,
            worker: false,
        },
    )
    .await
}

#[tokio::test]
async fn behind_a_trusted_proxy_the_forwarded_client_is_counted() {
    // The test client connects from 127.0.0.1: here that is the trusted proxy.
    let app = app_with_proxies(&["127.0.0.0/8"]).await;
    let mut n = 0;
    let mut email = || {
        n += 1;
        format!("person{n}@example.org")
    };
    assert_eq!(attempt_from(&app, "198.51.100.7", &email()).await, 401);
    assert_eq!(attempt_from(&app, "198.51.100.7", &email()).await, 401);
    assert_eq!(attempt_from(&app, "198.51.100.7", &email()).await, 429);
    // Another client behind the same proxy has its own count …
    assert_eq!(attempt_from(&app, "198.51.100.8", &email()).await, 401);
    // … and a client cannot escape its count by adding entries of its own on the left: the
    // right-most untrusted entry is the one the proxy saw.
    assert_eq!(
        attempt_from(&app, "203.0.113.1, 198.51.100.7", &email()).await,
        429
    );
    // A chain of trusted proxies is skipped.
    assert_eq!(
        attempt_from(&app, "198.51.100.7, 127.0.0.9", &email()).await,
        429
    );
    app.stop().await;
}

#[tokio::test]
async fn without_trusted_proxies_forwarded_for_is_ignored() {
    let app = app_with_proxies(&[]).await;
    assert_eq!(
        attempt_from(&app, "198.51.100.1", "p1@example.org").await,
        401
    );
    assert_eq!(
        attempt_from(&app, "198.51.100.2", "p2@example.org").await,
        401
    );
    // A made-up header buys no fresh count: the peer is the client.
    assert_eq!(
        attempt_from(&app, "198.51.100.3", "p3@example.org").await,
        429
    );
    app.stop().await;

    // Nor from a peer that is not among the trusted proxies.
    let app = app_with_proxies(&["10.0.0.0/8"]).await;
    assert_eq!(
        attempt_from(&app, "198.51.100.1", "p1@example.org").await,
        401
    );
    assert_eq!(
        attempt_from(&app, "198.51.100.2", "p2@example.org").await,
        401
    );
    assert_eq!(
        attempt_from(&app, "198.51.100.3", "p3@example.org").await,
        429
    );
    app.stop().await;
}

// ---------------------------------------------------------------------------------------------
// https
// ---------------------------------------------------------------------------------------------

const HSTS: &str = "max-age=31536000; includeSubDomains";

#[tokio::test]
async fn under_https_cookies_are_host_prefixed_and_every_answer_carries_hsts() {
    let dir = tempfile::tempdir().unwrap();
    let mut settings = test_settings(dir.path()).await;
    settings.server.public_url = "https://samvirke.test".into();
    let app = TestApp::start(
        dir,
        settings,
        Parts {
            http: true,
            worker: false,
        },
    )
    .await;
    let a = app.seed("netvaerk-a").await;

    let mut client = Client::new(&app.base);
    let answer = client.api_sign_in(&a.email(Role::Member)).await;
    assert_eq!(answer.status, 200);
    let set_cookie = answer.headers["set-cookie"].to_str().unwrap().to_owned();
    assert!(
        set_cookie.starts_with("__Host-samvirke_session="),
        "{set_cookie}"
    );
    assert!(set_cookie.contains("Secure") && set_cookie.contains("Path=/"));
    assert!(!set_cookie.contains("Domain"), "{set_cookie}");
    let secret = client.cookie("__Host-samvirke_session").unwrap();

    // The page sets the `__Host-` CSRF cookie, and its forms work with it.
    let page = client.get(&format!("/n/{}", a.slug())).await;
    assert_eq!(page.status, 200);
    let csrf = page
        .headers
        .get_all("set-cookie")
        .iter()
        .map(|v| v.to_str().unwrap().to_owned())
        .find(|v| v.starts_with("__Host-samvirke_csrf="))
        .expect("no CSRF cookie");
    assert!(csrf.contains("Secure") && csrf.contains("Path=/") && !csrf.contains("Domain"));
    assert!(client.cookie("samvirke_csrf").is_none());

    // A cookie without the prefix (which a neighbouring subdomain could have set) is not a
    // session here, even with a valid secret.
    let mut unprefixed = Client::new(&app.base);
    unprefixed
        .cookies
        .insert("samvirke_session".into(), secret.clone());
    assert_eq!(unprefixed.get("/api/v1/me").await.status, 401);
    let signed_out = unprefixed.get("/networks").await;
    assert!(!signed_out.body.contains(&a.email(Role::Member)));
    assert_eq!(client.get("/api/v1/me").await.status, 200);

    // Every answer carries HSTS: pages, API, errors, unknown paths, operator endpoints.
    let mut anyone = Client::new(&app.base);
    for path in [
        "/",
        "/signin",
        "/api/v1/me",
        "/api/v1/networks/nowhere/members",
        "/no-such-page",
        "/healthz",
    ] {
        let answer = anyone.get(path).await;
        assert_eq!(
            answer
                .headers
                .get("strict-transport-security")
                .map(|v| v.to_str().unwrap()),
            Some(HSTS),
            "{path} answered {}",
            answer.status
        );
    }
    let token = client.cookie("__Host-samvirke_csrf").unwrap();
    let answer = client.post_form("/signout", &[("csrf", &token)]).await;
    assert_eq!(answer.status, 303, "{}", answer.body);
    assert!(answer.headers.get("strict-transport-security").is_some());
    assert_eq!(client.get("/api/v1/me").await.status, 401);
    app.stop().await;
}

#[tokio::test]
async fn under_plain_http_there_is_no_hsts_and_plain_cookie_names() {
    let app = TestApp::spawn().await;
    let a = app.seed("netvaerk-a").await;
    let mut client = Client::new(&app.base);
    let answer = client.api_sign_in(&a.email(Role::Member)).await;
    assert!(answer.headers.get("strict-transport-security").is_none());
    assert!(client.cookie("samvirke_session").is_some());
    assert!(client.cookie("__Host-samvirke_session").is_none());
    let answer = client.get("/signin").await;
    assert!(answer.headers.get("strict-transport-security").is_none());
    app.stop().await;
}
