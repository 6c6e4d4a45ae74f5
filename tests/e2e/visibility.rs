//! Search stays true to visibility: every visibility transition of a project, a meeting, a
//! thread and a working group changes what outsiders find — the source's own document and every
//! dependent one (updates, replies, minutes, files) — within one drain of the queue. And a
//! network reindex removes what is no longer searchable, whatever job should have removed it.
//!
//! The viewers, each asking the network's search API: a signed-out visitor, a member of another
//! network (a guest here, reading `shared` and `public`), a member of this network outside the
//! working group, a member inside it, and a coordinator (who sees every group).

use std::collections::BTreeSet;

use chrono::Duration;
use domain::forum::categories::{self, NewCategory};
use domain::identity::{self, NewUser};
use domain::ids::GroupId;
use domain::people::groups::{self, NewGroup};
use domain::people::members;
use domain::policy::Role;
use domain::search::{self, DocKind, SearchDocument};
use domain::tenancy::{Language, Visibility};
use serde_json::{Value, json};

use crate::support::{PASSWORD, Seeded, TestApp};

/// Status and JSON body (`null` for an empty one, as a 204 has).
async fn send(request: reqwest::RequestBuilder) -> (u16, Value) {
    let response = request.send().await.unwrap();
    let status = response.status().as_u16();
    let text = response.text().await.unwrap();
    if text.is_empty() {
        return (status, Value::Null);
    }
    let body =
        serde_json::from_str(&text).unwrap_or_else(|_| panic!("not JSON ({status}): {text}"));
    (status, body)
}

/// A create answers 201 (some older operations 200).
fn created(status: u16) -> bool {
    status == 200 || status == 201
}

fn api(app: &TestApp, network: &Seeded, rest: &str) -> String {
    app.url(&format!("/api/v1/networks/{}{rest}", network.slug()))
}

struct Viewers {
    visitor: reqwest::Client,
    foreign: reqwest::Client,
    outsider: reqwest::Client,
    insider: reqwest::Client,
    coordinator: reqwest::Client,
}

/// Who finds a source's documents after a transition: all of them, or none.
#[derive(Clone, Copy, Debug)]
struct Seen {
    visitor: bool,
    foreign: bool,
    outsider: bool,
    insider: bool,
    coordinator: bool,
}

const NOBODY: Seen = Seen {
    visitor: false,
    foreign: false,
    outsider: false,
    insider: false,
    coordinator: false,
};
const EVERYONE: Seen = Seen {
    visitor: true,
    foreign: true,
    outsider: true,
    insider: true,
    coordinator: true,
};
const SHARED: Seen = Seen {
    visitor: false,
    ..EVERYONE
};
const NETWORK: Seen = Seen {
    visitor: false,
    foreign: false,
    ..EVERYONE
};
const GROUP: Seen = Seen {
    visitor: false,
    foreign: false,
    outsider: false,
    ..EVERYONE
};

/// The ids of what `client` finds for `word` in network `a`.
async fn found(
    app: &TestApp,
    a: &Seeded,
    client: &reqwest::Client,
    word: &str,
) -> BTreeSet<String> {
    let (status, body) = send(
        client
            .get(api(app, a, "/search"))
            .query(&[("q", word), ("limit", "50")]),
    )
    .await;
    assert_eq!(status, 200, "{body}");
    body["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|hit| hit["id"].as_str().unwrap().to_owned())
        .collect()
}

/// Drains the queue once, then checks that each viewer finds exactly `docs` or nothing.
async fn check(
    app: &TestApp,
    a: &Seeded,
    viewers: &Viewers,
    step: &str,
    word: &str,
    docs: &BTreeSet<String>,
    seen: Seen,
) {
    app.drain().await;
    let none = BTreeSet::new();
    for (who, client, sees) in [
        ("visitor", &viewers.visitor, seen.visitor),
        ("foreign member", &viewers.foreign, seen.foreign),
        ("outsider", &viewers.outsider, seen.outsider),
        ("insider", &viewers.insider, seen.insider),
        ("coordinator", &viewers.coordinator, seen.coordinator),
    ] {
        let got = found(app, a, client, word).await;
        let want = if sees { docs } else { &none };
        assert_eq!(&got, want, "{step}: what the {who} finds for {word:?}");
    }
}

fn ids(items: &[(&str, &Value)]) -> BTreeSet<String> {
    items
        .iter()
        .map(|(kind, value)| format!("{kind}:{}", value.as_str().unwrap()))
        .collect()
}

/// Uploads a text file whose text holds `word`; returns its id.
async fn upload(
    app: &TestApp,
    a: &Seeded,
    client: &reqwest::Client,
    kind: &str,
    target: &Value,
    word: &str,
) -> Value {
    let (status, file) = send(
        client
            .post(api(app, a, "/files"))
            .query(&[
                ("target_kind", kind),
                ("target_id", target.as_str().unwrap()),
                ("name", &format!("bilag-{kind}.txt")),
            ])
            .header("content-type", "application/octet-stream")
            .body(format!("Bilaget handler om {word} og samarbejdet.")),
    )
    .await;
    assert!(created(status), "{status}: {file}");
    file["id"].clone()
}

/// Network `a` with a working group (open) holding one member, the viewers, and network `b`
/// whose member is the foreign viewer.
async fn setup(app: &TestApp) -> (Seeded, GroupId, Viewers) {
    let a = app.seed("synlighed-a").await;
    let b = app.seed("synlighed-b").await;
    let email = format!("ida.indenfor.{}@example.org", a.slug());
    let user = identity::create_user(
        &app.services,
        NewUser {
            email: email.clone(),
            display_name: "Ida Indenfor".into(),
            password: PASSWORD.into(),
            preferred_language: None,
        },
    )
    .await
    .unwrap();
    let membership = members::add(
        &app.services,
        &a.scope,
        user.id,
        Some(a.organisation.id),
        Role::Member,
    )
    .await
    .unwrap();
    let group = groups::create(
        &app.services,
        &a.scope,
        NewGroup {
            name: "Trivselsgruppen".into(),
            description: String::new(),
            is_open: true,
        },
    )
    .await
    .unwrap()
    .id;
    groups::add_member(&app.services, &a.scope, group, membership, false)
        .await
        .unwrap();
    let viewers = Viewers {
        visitor: app.client(),
        foreign: app.signed_in(&b.email(Role::Member)).await,
        outsider: app.signed_in(&a.email(Role::Member)).await,
        insider: app.signed_in(&email).await,
        coordinator: app.signed_in(&a.email(Role::Coordinator)).await,
    };
    (a, group, viewers)
}

#[tokio::test]
async fn a_projects_updates_and_files_follow_every_visibility_change() {
    let app = TestApp::spawn().await;
    let (a, group, v) = setup(&app).await;
    let c = &v.coordinator;
    let word = "ambrosius";
    let (status, project) = send(c.post(api(&app, &a, "/projects")).json(&json!({
        "title": "Projekt Ambrosius",
        "status": "running",
        "visibility": "network",
    })))
    .await;
    assert!(created(status), "{status}: {project}");
    let id = project["id"].as_str().unwrap().to_owned();
    let (status, update) = send(
        c.post(api(&app, &a, &format!("/projects/{id}/updates")))
            .json(&json!({ "title": "Nyt fra projektet", "body": "Ambrosius er i gang." })),
    )
    .await;
    assert!(created(status), "{status}: {update}");
    let file = upload(&app, &a, c, "project", &project["id"], word).await;
    let docs = ids(&[
        ("project", &project["id"]),
        ("project_update", &update["id"]),
        ("file", &file),
    ]);
    check(&app, &a, &v, "network", word, &docs, NETWORK).await;

    let url = api(&app, &a, &format!("/projects/{id}"));
    let steps: [(&str, Value, Seen); 6] = [
        ("shared", json!({ "visibility": "shared" }), SHARED),
        ("public", json!({ "visibility": "public" }), EVERYONE),
        ("limited to the group", json!({ "group_id": group }), GROUP),
        (
            "group limit lifted",
            json!({ "clear_group": true }),
            EVERYONE,
        ),
        ("network again", json!({ "visibility": "network" }), NETWORK),
        ("public again", json!({ "visibility": "public" }), EVERYONE),
    ];
    for (step, patch, seen) in steps {
        let (status, body) = send(c.patch(url.clone()).json(&patch)).await;
        assert_eq!(status, 200, "{step}: {body}");
        check(&app, &a, &v, step, word, &docs, seen).await;
    }
}

#[tokio::test]
async fn a_meetings_minutes_and_files_follow_status_visibility_and_kind() {
    let app = TestApp::spawn().await;
    let (a, group, v) = setup(&app).await;
    let c = &v.coordinator;
    let starts = app.clock_now() + Duration::days(14);
    let new_meeting = |title: &str, description: &str| {
        json!({
            "kind": "theme_meeting",
            "visibility": "public",
            "title": title,
            "description": description,
            "starts_at": starts.to_rfc3339(),
            "ends_at": (starts + Duration::hours(2)).to_rfc3339(),
            "location_mode": "physical",
            "address": "Rådhuspladsen 1",
        })
    };
    // The marker is only in the minutes and the file: the meeting's own document carries its
    // minutes.
    let word = "bartholin";
    let (status, meeting) = send(
        c.post(api(&app, &a, "/meetings"))
            .json(&new_meeting("Temamøde om trivsel", "")),
    )
    .await;
    assert!(created(status), "{status}: {meeting}");
    let id = meeting["id"].as_str().unwrap().to_owned();
    let (status, minutes) = send(
        c.put(api(&app, &a, &format!("/meetings/{id}/minutes")))
            .json(&json!({ "minutes": "Bartholin fremlagde planen.", "decisions": "" })),
    )
    .await;
    assert_eq!(status, 200, "{minutes}");
    let file = upload(&app, &a, c, "meeting", &meeting["id"], word).await;
    let docs = ids(&[("meeting", &meeting["id"]), ("file", &file)]);
    check(&app, &a, &v, "draft", word, &docs, NOBODY).await;

    let url = api(&app, &a, &format!("/meetings/{id}"));
    let status_url = api(&app, &a, &format!("/meetings/{id}/status"));
    let steps: [(&str, &str, Value, Seen); 9] = [
        (
            "published",
            "status",
            json!({ "status": "published" }),
            EVERYONE,
        ),
        (
            "network",
            "patch",
            json!({ "visibility": "network" }),
            NETWORK,
        ),
        (
            "group",
            "patch",
            json!({ "visibility": "group", "group_id": group }),
            GROUP,
        ),
        (
            "invited only",
            "patch",
            json!({ "visibility": "invited", "group_id": null }),
            NOBODY,
        ),
        (
            "public",
            "patch",
            json!({ "visibility": "public" }),
            EVERYONE,
        ),
        (
            "unpublished",
            "status",
            json!({ "status": "draft" }),
            NOBODY,
        ),
        (
            "published again",
            "status",
            json!({ "status": "published" }),
            EVERYONE,
        ),
        (
            "network again",
            "patch",
            json!({ "visibility": "network" }),
            NETWORK,
        ),
        // A cancelled meeting keeps its page, marked cancelled, for those who may read it; so
        // it stays findable by them (docs/decisions.md, "Search visibility").
        (
            "cancelled",
            "status",
            json!({ "status": "cancelled" }),
            NETWORK,
        ),
    ];
    for (step, how, body, seen) in steps {
        let request = match how {
            "status" => c.post(status_url.clone()),
            _ => c.patch(url.clone()),
        };
        let (status, answer) = send(request.json(&body)).await;
        assert_eq!(status, 200, "{step}: {answer}");
        check(&app, &a, &v, step, word, &docs, seen).await;
    }

    // An empty meeting turned into a case consultation leaves search: nothing of a
    // consultation is indexed.
    let word = "eulalia";
    let (status, meeting) = send(c.post(api(&app, &a, "/meetings")).json(&{
        let mut m = new_meeting("Sparring om Eulalia", "Eulalia og skolen.");
        m["publish"] = json!(true);
        m
    }))
    .await;
    assert!(created(status), "{status}: {meeting}");
    let docs = ids(&[("meeting", &meeting["id"])]);
    check(&app, &a, &v, "published", word, &docs, EVERYONE).await;
    let url = api(
        &app,
        &a,
        &format!("/meetings/{}", meeting["id"].as_str().unwrap()),
    );
    let (status, body) = send(c.patch(url).json(&json!({ "kind": "case_consultation" }))).await;
    assert_eq!(status, 200, "{body}");
    check(&app, &a, &v, "case consultation", word, &docs, NOBODY).await;
}

#[tokio::test]
async fn threads_replies_and_files_follow_the_group_and_a_move() {
    let app = TestApp::spawn().await;
    let (a, group, v) = setup(&app).await;
    let c = &v.coordinator;
    let category = categories::create(
        &app.services,
        &a.scope,
        NewCategory {
            name: "Generelt".into(),
            description: String::new(),
            position: 1,
        },
    )
    .await
    .unwrap()
    .id;
    let word = "cornelius";
    let (status, thread) = send(v.insider.post(api(&app, &a, "/threads")).json(&json!({
        "group_id": group,
        "title": "Tråd om Cornelius",
        "body": "Hvem kender Cornelius?",
    })))
    .await;
    assert!(created(status), "{status}: {thread}");
    let id = thread["id"].as_str().unwrap().to_owned();
    let (status, reply) = send(
        v.insider
            .post(api(&app, &a, &format!("/threads/{id}/posts")))
            .json(&json!({ "body": "Cornelius er skolens kontaktperson." })),
    )
    .await;
    assert!(created(status), "{status}: {reply}");
    let file = upload(&app, &a, &v.insider, "thread", &thread["id"], word).await;
    let thread_docs = ids(&[
        ("thread", &thread["id"]),
        ("post", &reply["id"]),
        ("file", &file),
    ]);
    let group_word = "dorothea";
    let group_value = json!(group);
    let group_file = upload(&app, &a, c, "group", &group_value, group_word).await;
    let group_docs = ids(&[("file", &group_file)]);
    check(&app, &a, &v, "open group", word, &thread_docs, NETWORK).await;
    check(&app, &a, &v, "open group", group_word, &group_docs, NETWORK).await;

    let group_url = api(&app, &a, &format!("/groups/{group}"));
    let move_url = api(&app, &a, &format!("/threads/{id}/move"));
    let (status, body) = send(
        c.patch(group_url.clone())
            .json(&json!({ "is_open": false })),
    )
    .await;
    assert_eq!(status, 200, "{body}");
    check(&app, &a, &v, "group closed", word, &thread_docs, GROUP).await;
    check(&app, &a, &v, "group closed", group_word, &group_docs, GROUP).await;

    let (status, body) = send(
        c.post(move_url.clone())
            .json(&json!({ "category_id": category, "reason": "Alle bør kunne læse den" })),
    )
    .await;
    assert_eq!(status, 204, "{body}");
    check(
        &app,
        &a,
        &v,
        "moved to a category",
        word,
        &thread_docs,
        NETWORK,
    )
    .await;
    check(&app, &a, &v, "moved out", group_word, &group_docs, GROUP).await;

    let (status, body) = send(c.post(move_url.clone()).json(&json!({ "group_id": group }))).await;
    assert_eq!(status, 204, "{body}");
    check(
        &app,
        &a,
        &v,
        "moved back to the closed group",
        word,
        &thread_docs,
        GROUP,
    )
    .await;

    let (status, body) = send(c.patch(group_url).json(&json!({ "is_open": true }))).await;
    assert_eq!(status, 200, "{body}");
    check(&app, &a, &v, "group reopened", word, &thread_docs, NETWORK).await;
    check(
        &app,
        &a,
        &v,
        "group reopened",
        group_word,
        &group_docs,
        NETWORK,
    )
    .await;
}

#[tokio::test]
async fn moving_a_thread_is_for_moderators_and_checks_its_place() {
    let app = TestApp::spawn().await;
    let (a, group, v) = setup(&app).await;
    let (status, thread) = send(v.insider.post(api(&app, &a, "/threads")).json(&json!({
        "group_id": group,
        "title": "Gruppens tråd",
        "body": "Kun for gruppen.",
    })))
    .await;
    assert!(created(status), "{status}: {thread}");
    let move_url = api(
        &app,
        &a,
        &format!("/threads/{}/move", thread["id"].as_str().unwrap()),
    );
    let unknown = uuid::Uuid::now_v7();
    // The thread's author is no moderator.
    let (status, body) = send(
        v.insider
            .post(move_url.clone())
            .json(&json!({ "group_id": group })),
    )
    .await;
    assert_eq!(status, 403, "{body}");
    for (input, field) in [
        (json!({}), "category_id"),
        (
            json!({ "category_id": unknown, "group_id": group }),
            "group_id",
        ),
        (json!({ "category_id": unknown }), "category_id"),
        (json!({ "group_id": unknown }), "group_id"),
    ] {
        let (status, body) = send(v.coordinator.post(move_url.clone()).json(&input)).await;
        assert_eq!(status, 422, "{input}: {body}");
        assert!(body.to_string().contains(field), "{input}: {body}");
    }
    // Nothing moved: the thread is still the group's.
    let (status, body) = send(v.coordinator.get(api(
        &app,
        &a,
        &format!("/threads/{}", thread["id"].as_str().unwrap()),
    )))
    .await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["group_id"], json!(group), "{body}");
}

#[tokio::test]
async fn a_network_reindex_removes_documents_whose_source_is_gone_or_hidden() {
    let app = TestApp::spawn().await;
    let (a, _group, v) = setup(&app).await;
    let b = app.seed("synlighed-c").await;
    let c = &v.coordinator;
    let word = "fredegunde";
    let (status, project) = send(c.post(api(&app, &a, "/projects")).json(&json!({
        "title": "Fredegunde-projektet",
        "summary": "Fredegunde",
        "status": "running",
        "visibility": "public",
    })))
    .await;
    assert!(created(status), "{status}: {project}");
    let starts = app.clock_now() + Duration::days(3);
    let (status, draft) = send(c.post(api(&app, &a, "/meetings")).json(&json!({
        "kind": "workshop",
        "visibility": "public",
        "title": "Fredegunde-værksted",
        "starts_at": starts.to_rfc3339(),
        "ends_at": (starts + Duration::hours(1)).to_rfc3339(),
        "location_mode": "physical",
        "address": "Torvet 2",
    })))
    .await;
    assert!(created(status), "{status}: {draft}");
    app.drain().await;
    let kept = ids(&[("project", &project["id"])]);
    assert_eq!(found(&app, &a, &v.visitor, word).await, kept);

    // Documents the index holds though their source is not searchable: the draft meeting as an
    // older version indexed it, and a file that no longer exists — as a lost job would leave
    // them.
    let stale = |id: String, kind: DocKind, tenant: &Seeded| SearchDocument {
        id: id.clone(),
        kind,
        tenant_id: tenant.network.id,
        visibility: Visibility::Public,
        group_ids: vec![],
        language: Language::Danish,
        title: "Fredegunde".into(),
        body: String::new(),
        tags: vec![],
        organisation: None,
        sectors: vec![],
        status: None,
        year: None,
        path: id.replace(':', "s/"),
        updated_at: app.clock_now(),
        title_terms: vec![],
        terms: vec![],
    };
    let draft_doc = format!("meeting:{}", draft["id"].as_str().unwrap());
    let gone_file = format!("file:{}", uuid::Uuid::now_v7());
    search::write_documents(
        &app.services,
        &a.scope,
        vec![
            stale(draft_doc.clone(), DocKind::Meeting, &a),
            stale(gone_file.clone(), DocKind::File, &a),
        ],
    )
    .await
    .unwrap();
    let other_network = format!("project:{}", uuid::Uuid::now_v7());
    search::write_documents(
        &app.services,
        &b.scope,
        vec![stale(other_network.clone(), DocKind::Project, &b)],
    )
    .await
    .unwrap();
    let mut with_stale = kept.clone();
    with_stale.extend([draft_doc, gone_file]);
    assert_eq!(found(&app, &a, &v.visitor, word).await, with_stale);

    // The network's reindex (as a change of its synonyms enqueues it) reconciles it.
    let (status, body) = send(
        c.post(api(&app, &a, "/synonyms"))
            .json(&json!({ "phrases": ["fredegunde", "fredegunda"] })),
    )
    .await;
    assert!(status == 200 || status == 201, "{status}: {body}");
    app.drain().await;
    assert_eq!(found(&app, &a, &v.visitor, word).await, kept);
    // Another network's documents are its own reindex's business.
    assert_eq!(
        found(&app, &b, &app.client(), word).await,
        BTreeSet::from([other_network.clone()])
    );

    // `samvirke reindex` (the rebuild) reconciles every network, and keeps what is searchable.
    search::rebuild(&app.services).await.unwrap();
    assert_eq!(found(&app, &a, &v.visitor, word).await, kept);
    assert!(found(&app, &b, &app.client(), word).await.is_empty());
}
