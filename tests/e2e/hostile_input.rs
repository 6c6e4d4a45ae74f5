//! Issue 9: the hostile-input suite. Every route — enumerated from the OpenAPI document and the
//! web UI's route table, as the isolation sweep does, not from a list written here — gets
//! generated hostile values in every parameter (huge and negative numbers, forged cursors of
//! every kind, overlong and invalid UTF-8 strings) and hostile bodies (deeply nested JSON,
//! invalid UTF-8, wrong types, bodies over the limit), signed out, as an API token and as a
//! signed-in member, from a fixed seed. No answer is a 5xx; every API error is problem JSON and
//! every web error a page; a method a path does not take answers 405 with `Allow`; the server
//! stays up and its resident memory stays under [`MEMORY_BOUND`].

use std::sync::Arc;
use std::time::Instant;

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use domain::policy::Role;
use domain::tokens::{self, NewToken};
use futures_util::StreamExt;
use serde_json::{Value, json};

use crate::support::raw::resident_bytes;
use crate::support::{Seeded, TestApp, json};

/// The fixed seed: the same values on every run, so a failure replays.
const SEED: u64 = 0x5341_4d56_4952_4b45;

/// The bound on the server's resident memory (the test process holds the in-process server and
/// the client; the client keeps no bodies).
const MEMORY_BOUND: u64 = 256 * 1024 * 1024;

/// Requests in flight at once.
const PARALLEL: usize = 8;

/// A small deterministic generator (xorshift64*): enough to vary values from a seed without
/// another dependency.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn bytes(&mut self, n: usize) -> Vec<u8> {
        (0..n).map(|_| (self.next() >> 24) as u8).collect()
    }
}

/// Hostile parameter values, already percent-encoded for a URL.
fn hostile_values(rng: &mut Rng) -> Vec<String> {
    let b64 = |bytes: &[u8]| URL_SAFE_NO_PAD.encode(bytes);
    let uuid = uuid::Uuid::now_v7();
    let mut keyset_max = uuid.as_bytes().to_vec();
    keyset_max.extend_from_slice(&i64::MAX.to_be_bytes());
    let mut keyset_min = uuid.as_bytes().to_vec();
    keyset_min.extend_from_slice(&i64::MIN.to_be_bytes());
    let mut values: Vec<String> = [
        "",
        "0",
        "-1",
        "-9223372036854775809",
        "18446744073709551616",
        "99999999999999999999999999999999999999",
        "1e309",
        "NaN",
        "-0",
        "0x7fffffff",
        "2147483648",
        "%00",
        "%FF%FE%FD",
        "%C3%28",
        "%E2%80%AE",
        "..%2F..%2Fetc%2Fpasswd",
        "%3Cscript%3E",
        "'%20OR%201%3D1%20--",
        "true",
        "null",
        "%7B%7D",
    ]
    .iter()
    .map(|s| (*s).to_owned())
    .collect();
    values.push("9".repeat(400));
    values.push("%C3%A6".repeat(600)); // 600 letters, over most fields' limits
    // Forged cursors of every kind: search offsets, keyset ids and times, random bytes.
    for forged in [
        b64(b"o:1000000000000000"),
        b64(format!("o:{}", usize::MAX).as_bytes()),
        b64(b"o:-1"),
        b64(b"o:1000"),
        b64(uuid.as_bytes()),
        b64(&keyset_max),
        b64(&keyset_min),
        b64(&rng.bytes(24)),
        b64(&rng.bytes(7)),
        b64(&rng.bytes(300)),
    ] {
        values.push(forged);
    }
    values
}

/// Hostile JSON bodies: the shape, the types, the nesting, the encoding.
fn hostile_bodies(rng: &mut Rng, properties: &[String]) -> Vec<Vec<u8>> {
    let mut bodies: Vec<Vec<u8>> = vec![
        b"".to_vec(),
        b"{".to_vec(),
        b"[]".to_vec(),
        b"null".to_vec(),
        b"1e400".to_vec(),
        format!("{}{}", "[".repeat(20_000), "]".repeat(20_000)).into_bytes(),
        format!("{}1{}", "{\"a\":".repeat(5_000), "}".repeat(5_000)).into_bytes(),
        [b"{\"title\":\"".as_slice(), &rng.bytes(64), b"\"}"].concat(),
        b"{\"title\":\"\xff\xfe\"}".to_vec(),
    ];
    let hostile_json = [
        json!(-1),
        json!(u64::MAX),
        json!(-9_223_372_036_854_775_808i64),
        json!(1.0e308),
        json!("æ".repeat(200_000)),
        Value::Array(vec![json!("x"); 5000]),
        json!({ "nested": { "deeper": [1, 2, 3] } }),
        Value::Null,
        json!(true),
        json!(""),
        json!("o:1000000000000000"),
        json!("nul \u{0} in text"),
    ];
    for value in hostile_json {
        let object: serde_json::Map<String, Value> = properties
            .iter()
            .map(|name| (name.clone(), value.clone()))
            .collect();
        bodies.push(serde_json::to_vec(&Value::Object(object)).unwrap());
    }
    bodies
}

/// Who is asking.
struct Identity {
    name: &'static str,
    client: reqwest::Client,
}

async fn identities(app: &TestApp, a: &Seeded) -> (Vec<Identity>, String) {
    let issued = tokens::create(
        &app.services,
        &a.scope,
        NewToken {
            organisation_id: a.organisation.id,
            name: "Fjendtlig".into(),
            expires_at: None,
        },
    )
    .await
    .unwrap();
    let member = app.signed_in(&a.email(Role::Member)).await;
    // A page sets the CSRF cookie; the member's forms carry it, so handlers run.
    let page = member
        .get(app.url(&format!("/n/{}", a.slug())))
        .send()
        .await
        .unwrap();
    let csrf = page
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find_map(|c| c.strip_prefix("samvirke_csrf="))
        .and_then(|c| c.split(';').next())
        .unwrap_or_default()
        .to_owned();
    (
        vec![
            Identity {
                name: "signed out",
                client: app.client(),
            },
            Identity {
                name: "token",
                client: app.with_token(&issued.secret),
            },
            Identity {
                name: "member",
                client: member,
            },
        ],
        csrf,
    )
}

/// One request of the sweep and what its answer must be.
struct Probe {
    what: String,
    method: reqwest::Method,
    url: String,
    body: Option<(&'static str, Payload)>,
    api: bool,
}

/// A body, built only when it is sent (the large ones would otherwise sit in memory for the
/// whole sweep and hide what the server holds).
enum Payload {
    Bytes(Vec<u8>),
    /// This many copies of one byte.
    Filler(u8, usize),
}

impl Payload {
    fn bytes(&self) -> Vec<u8> {
        match self {
            Payload::Bytes(bytes) => bytes.clone(),
            Payload::Filler(byte, n) => vec![*byte; *n],
        }
    }
}

/// Field names the web's forms and pages read, for hostile form bodies and query strings.
const WEB_FIELDS: [&str; 32] = [
    "q",
    "cursor",
    "limit",
    "sort",
    "status",
    "sector",
    "age_group",
    "municipality",
    "year",
    "kind",
    "tag",
    "period",
    "from",
    "to",
    "title",
    "summary",
    "body",
    "name",
    "email",
    "password",
    "capacity",
    "position",
    "slot",
    "starts_at",
    "ends_at",
    "visibility",
    "role",
    "group_id",
    "category_id",
    "membership_id",
    "registration_id",
    "next",
];

fn concrete(path: &str, slug: &str, value: &str, target: usize) -> String {
    // Path parameters: the one at `target` gets the hostile value, the slug stays the network's
    // (so the request reaches the handler), other ids get a random well-formed one.
    let mut index = 0;
    path.split('/')
        .map(|segment| {
            let param =
                segment.starts_with(':') || (segment.starts_with('{') && segment.ends_with('}'));
            if !param {
                return segment.to_owned();
            }
            let name = segment.trim_matches(|c| c == ':' || c == '{' || c == '}');
            let this = index;
            index += 1;
            if this == target {
                if value.is_empty() {
                    "x".to_owned()
                } else {
                    value.to_owned()
                }
            } else if name == "slug" {
                slug.to_owned()
            } else {
                uuid::Uuid::now_v7().to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("/")
}

fn path_params(path: &str) -> usize {
    path.split('/')
        .filter(|s| s.starts_with(':') || s.starts_with('{'))
        .count()
}

fn probes(doc: &Value, slug: &str, csrf: &str, rng: &mut Rng) -> Vec<Probe> {
    let values = hostile_values(rng);
    let mut probes = Vec::new();
    // The API, from its document.
    for (path, item) in doc["paths"].as_object().unwrap() {
        for (method, op) in item.as_object().unwrap() {
            let method: reqwest::Method = method.to_uppercase().parse().unwrap();
            let query: Vec<String> = op["parameters"]
                .as_array()
                .into_iter()
                .flatten()
                .filter(|p| p["in"] == "query")
                .filter_map(|p| p["name"].as_str().map(str::to_owned))
                .collect();
            let params = path_params(path);
            for value in &values {
                // The value in each path parameter in turn, and in every query parameter.
                for target in 0..params.max(1) {
                    let path = concrete(path, slug, value, target);
                    let query: Vec<String> =
                        query.iter().map(|name| format!("{name}={value}")).collect();
                    probes.push(Probe {
                        what: format!("{method} {path}"),
                        method: method.clone(),
                        url: format!("/api/v1{path}?{}", query.join("&")),
                        body: None,
                        api: true,
                    });
                }
            }
            if [
                reqwest::Method::POST,
                reqwest::Method::PUT,
                reqwest::Method::PATCH,
            ]
            .contains(&method)
            {
                let properties = body_properties(doc, op);
                let path = concrete(path, slug, "", usize::MAX);
                for body in hostile_bodies(rng, &properties) {
                    probes.push(Probe {
                        what: format!("{method} {path} with a hostile body"),
                        method: method.clone(),
                        url: format!("/api/v1{path}"),
                        body: Some(("application/json", Payload::Bytes(body))),
                        api: true,
                    });
                }
                // Over the JSON limit.
                probes.push(Probe {
                    what: format!("{method} {path} with 2 MiB"),
                    method: method.clone(),
                    url: format!("/api/v1{path}"),
                    body: Some(("application/json", Payload::Filler(b' ', 2 * 1024 * 1024))),
                    api: true,
                });
            }
        }
    }
    // The web UI, from its route table.
    for route in web::route_table() {
        if route.path.contains(":file") {
            continue;
        }
        let params = path_params(route.path);
        for value in &values {
            for target in 0..params.max(1) {
                let path = concrete(route.path, slug, value, target);
                let mut query: Vec<String> = WEB_FIELDS
                    .iter()
                    .map(|name| format!("{name}={value}"))
                    .collect();
                query.push(format!("csrf={csrf}"));
                let query = query.join("&");
                let (method, body) = if route.method == "GET" {
                    (reqwest::Method::GET, None)
                } else {
                    (
                        reqwest::Method::POST,
                        Some((
                            "application/x-www-form-urlencoded",
                            Payload::Bytes(query.clone().into_bytes()),
                        )),
                    )
                };
                probes.push(Probe {
                    what: format!("{} {path}", route.method),
                    method,
                    url: format!("{path}?{query}"),
                    body,
                    api: false,
                });
            }
        }
        if route.method == "POST" {
            probes.push(Probe {
                what: format!("POST {} with 3 MiB", route.path),
                method: reqwest::Method::POST,
                url: concrete(route.path, slug, "", usize::MAX),
                body: Some((
                    "application/x-www-form-urlencoded",
                    Payload::Filler(b'a', 3 * 1024 * 1024),
                )),
                api: false,
            });
        }
    }
    // Longer than a URL can be at all (the client refuses to build it); the server's 414 for
    // long URLs is tested on its own.
    probes.retain(|p| p.url.len() < 60_000);
    probes
}

/// The top-level property names of an operation's JSON body, from its schema.
fn body_properties(doc: &Value, op: &Value) -> Vec<String> {
    let schema = &op["requestBody"]["content"]["application/json"]["schema"];
    let schema = match schema["$ref"].as_str() {
        Some(reference) => {
            let name = reference.rsplit('/').next().unwrap_or_default();
            &doc["components"]["schemas"][name]
        }
        None => schema,
    };
    schema["properties"]
        .as_object()
        .map(|p| p.keys().cloned().collect())
        .unwrap_or_default()
}

async fn send(client: &reqwest::Client, base: &str, probe: &Probe) -> (u16, String, String) {
    let mut request = client.request(probe.method.clone(), format!("{base}{}", probe.url));
    if let Some((content_type, body)) = &probe.body {
        request = request
            .header("content-type", *content_type)
            .body(body.bytes());
    }
    let response = request.send().await.unwrap();
    let status = response.status().as_u16();
    let content_type = response
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    let body = response.text().await.unwrap_or_default();
    (status, content_type, body)
}

#[tokio::test]
async fn every_route_survives_hostile_input() {
    let started = Instant::now();
    let app = TestApp::spawn().await;
    let a = app.seed("netvaerk-a").await;
    let (identities, csrf) = identities(&app, &a).await;
    let (_, doc) = json(reqwest::get(app.url("/api/v1/openapi.json")).await.unwrap()).await;
    let mut rng = Rng(SEED);
    let probes = Arc::new(probes(&doc, a.slug(), &csrf, &mut rng));
    assert!(probes.len() > 1000, "only {} probes", probes.len());
    let base = app.base.clone();
    let mut failures = Vec::new();
    let mut sent = 0usize;
    let mut peak = 0u64;
    for identity in &identities {
        let results: Vec<Option<String>> = futures_util::stream::iter(0..probes.len())
            .map(|i| {
                let probes = probes.clone();
                let client = identity.client.clone();
                let base = base.clone();
                async move {
                    let probe = &probes[i];
                    let (status, content_type, body) = send(&client, &base, probe).await;
                    let problem = content_type.starts_with("application/problem+json");
                    let page = content_type.starts_with("text/html");
                    if status >= 500 {
                        Some(format!("{} answered {status}: {body:.300}", probe.what))
                    } else if status >= 400 && (if probe.api { !problem } else { !page }) {
                        Some(format!(
                            "{} answered {status} as {content_type}",
                            probe.what
                        ))
                    } else {
                        None
                    }
                }
            })
            .buffer_unordered(PARALLEL)
            .collect()
            .await;
        sent += results.len();
        failures.extend(
            results
                .into_iter()
                .flatten()
                .map(|f| format!("{}: {f}", identity.name)),
        );
        peak = peak.max(resident_bytes(std::process::id()));
    }
    failures.sort();
    failures.dedup();
    if let Ok(report) = std::env::var("SAMVIRKE_HOSTILE_REPORT") {
        std::fs::write(report, failures.join("\n")).unwrap();
    }
    assert!(
        failures.is_empty(),
        "{} of {sent} hostile requests failed:\n{}",
        failures.len(),
        failures
            .iter()
            .take(60)
            .cloned()
            .collect::<Vec<_>>()
            .join("\n")
    );
    let health = reqwest::get(app.url("/healthz")).await.unwrap();
    assert_eq!(health.status(), 200, "the server is up");
    assert!(
        peak < MEMORY_BOUND,
        "resident memory reached {} MB",
        peak / 1024 / 1024
    );
    eprintln!(
        "hostile input: {sent} requests in {:?}, peak resident memory {} MB",
        started.elapsed(),
        peak / 1024 / 1024
    );
    app.stop().await;
}

/// Every method a path does not take answers 405 with `Allow` naming what it takes, on the API
/// (problem JSON) and on the web (a page).
#[tokio::test]
async fn methods_a_path_does_not_take_answer_405_with_allow() {
    let app = TestApp::spawn().await;
    let a = app.seed("netvaerk-a").await;
    let client = app.client();
    let mut checked = 0;
    let methods = ["GET", "POST", "PUT", "PATCH", "DELETE", "BREW"];
    let mut table: Vec<(String, Vec<String>, bool)> = Vec::new();
    let (_, doc) = json(reqwest::get(app.url("/api/v1/openapi.json")).await.unwrap()).await;
    for (path, item) in doc["paths"].as_object().unwrap() {
        let taken = item
            .as_object()
            .unwrap()
            .keys()
            .map(|m| m.to_uppercase())
            .collect();
        table.push((format!("/api/v1{path}"), taken, true));
    }
    for route in web::route_table() {
        match table.iter_mut().find(|(p, _, _)| p == route.path) {
            Some((_, taken, _)) => taken.push(route.method.to_owned()),
            None => table.push((route.path.to_owned(), vec![route.method.to_owned()], false)),
        }
    }
    for (path, taken, api) in &table {
        let url = app.url(&concrete(path, a.slug(), "", usize::MAX));
        for method in methods {
            if taken.iter().any(|t| t == method) {
                continue;
            }
            let response = client
                .request(method.parse().unwrap(), &url)
                .send()
                .await
                .unwrap();
            assert_eq!(response.status(), 405, "{method} {path}");
            let allow = response.headers()["allow"].to_str().unwrap().to_owned();
            for t in taken {
                assert!(allow.contains(t.as_str()), "{method} {path}: Allow {allow}");
            }
            let content_type = response.headers()["content-type"]
                .to_str()
                .unwrap()
                .to_owned();
            if *api {
                assert!(
                    content_type.starts_with("application/problem+json"),
                    "{path}"
                );
            } else {
                assert!(
                    content_type.starts_with("text/html"),
                    "{method} {path}: {content_type}"
                );
            }
            checked += 1;
        }
    }
    assert!(checked > 200, "only {checked} checked");
    app.stop().await;
}
