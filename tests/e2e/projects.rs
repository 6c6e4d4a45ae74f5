//! Projects through the API, into search through the queue, with visibility, roles and groups.

use domain::people::groups::{self, NewGroup};
use domain::policy::Role;
use domain::tokens::{self, NewToken};
use serde_json::{Value, json};

use crate::support::{Seeded, TestApp, json};

fn projects_url(app: &TestApp, network: &Seeded) -> String {
    app.url(&format!("/api/v1/networks/{}/projects", network.slug()))
}

async fn create(app: &TestApp, client: &reqwest::Client, network: &Seeded, body: Value) -> Value {
    let (status, project) = json(
        client
            .post(projects_url(app, network))
            .json(&body)
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 200, "{project}");
    project
}

async fn search(app: &TestApp, client: &reqwest::Client, network: &Seeded, q: &str) -> Value {
    let url = app.url(&format!("/api/v1/networks/{}/search", network.slug()));
    let (status, body) = json(client.get(url).query(&[("q", q)]).send().await.unwrap()).await;
    assert_eq!(status, 200, "{body}");
    body
}

fn titles(results: &Value) -> Vec<String> {
    results["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["title"].as_str().unwrap().to_owned())
        .collect()
}

#[tokio::test]
async fn a_project_is_searchable_once_its_job_has_run() {
    let app = TestApp::spawn().await;
    let a = app.seed("netvaerk-a").await;
    let member = app.signed_in(&a.email(Role::Member)).await;
    let project = create(
        &app,
        &member,
        &a,
        json!({
            "title": "Søskengrupper for børn som pårørende",
            "summary": "Grupper for søskende til børn med handicap",
            "body": "## Formål\n\nAt **søskende** møder andre i samme situation. <script>alert(1)</script>",
            "status": "running",
            "visibility": "network",
            "tags": ["Søskende", "pårørende"]
        }),
    )
    .await;
    assert_eq!(
        project["owner_organisation"]["id"],
        json!(a.organisation.id)
    );
    assert_eq!(project["tags"], json!(["søskende", "pårørende"]));
    assert!(!project["body_html"].as_str().unwrap().contains("<script"));
    assert!(
        project["body_html"]
            .as_str()
            .unwrap()
            .contains("<strong>søskende</strong>")
    );
    assert_eq!(project["editable"], true);

    // The write and its job committed together; until the job runs, search does not know it.
    assert!(titles(&search(&app, &member, &a, "søskendegrupper søskende").await).is_empty());
    assert_eq!(app.drain().await, 1);
    let results = search(&app, &member, &a, "pårørende").await;
    assert_eq!(
        titles(&results),
        vec!["Søskengrupper for børn som pårørende"]
    );
    let results = search(&app, &member, &a, "situation").await;
    let snippet = results["items"][0]["snippet_html"].as_str().unwrap();
    assert!(snippet.contains("<mark>"), "{snippet}");

    // Editing reindexes: the old wording is gone, the new one found.
    let url = format!(
        "{}/{}",
        projects_url(&app, &a),
        project["id"].as_str().unwrap()
    );
    let (status, _) = json(
        member
            .patch(&url)
            .json(&json!({ "title": "Søskendecaféen" }))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 200);
    app.drain().await;
    assert_eq!(
        titles(&search(&app, &member, &a, "søskendecaféen").await),
        vec!["Søskendecaféen"]
    );
    app.stop().await;
}

async fn search_with(
    app: &TestApp,
    client: &reqwest::Client,
    network: &Seeded,
    query: &[(&str, &str)],
) -> Value {
    let url = app.url(&format!("/api/v1/networks/{}/search", network.slug()));
    let (status, body) = json(client.get(url).query(query).send().await.unwrap()).await;
    assert_eq!(status, 200, "{body}");
    body
}

fn sorted(mut titles: Vec<String>) -> Vec<String> {
    titles.sort();
    titles
}

/// Compounds, typos and the network's synonyms, and the reindex a change of synonyms sets off.
#[tokio::test]
async fn search_finds_compounds_misspellings_and_synonyms() {
    let app = TestApp::spawn().await;
    let a = app.seed("netvaerk-a").await;
    let member = app.signed_in(&a.email(Role::Member)).await;
    let coordinator = app.signed_in(&a.email(Role::Coordinator)).await;
    for (title, body) in [
        ("Henvisning til BUP", "Ventetiden i Roskilde"),
        (
            "Fælles forløb",
            "Samarbejde med Børne- og Ungdomspsykiatrien om skolevægring",
        ),
    ] {
        create(
            &app,
            &member,
            &a,
            json!({ "title": title, "body": body, "status": "running", "visibility": "network" }),
        )
        .await;
        app.clock.advance(chrono::Duration::minutes(1));
    }
    app.drain().await;
    let both = vec!["Fælles forløb".to_owned(), "Henvisning til BUP".to_owned()];
    assert_eq!(
        titles(&search(&app, &member, &a, "børneungdomspsykiatri").await),
        vec!["Fælles forløb"],
        "a compound finds the coordination"
    );
    assert_eq!(
        titles(&search(&app, &member, &a, "skolevægrnig").await),
        vec!["Fælles forløb"],
        "a transposition in a long word"
    );
    assert_eq!(
        titles(&search(&app, &member, &a, "BUP").await),
        vec!["Henvisning til BUP"]
    );

    // Synonyms are the coordinators'; each change reindexes the network in one job.
    let url = app.url(&format!("/api/v1/networks/{}/synonyms", a.slug()));
    let phrases = json!({ "phrases": ["BUP", "børne- og ungdomspsykiatri"] });
    let (status, _) = json(member.post(&url).json(&phrases).send().await.unwrap()).await;
    assert_eq!(status, 403);
    let (status, problem) = json(
        coordinator
            .post(&url)
            .json(&json!({ "phrases": ["BUP", "bup"] }))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 422, "{problem}");
    let (status, set) = json(coordinator.post(&url).json(&phrases).send().await.unwrap()).await;
    assert_eq!(status, 200, "{set}");
    assert_eq!(app.drain().await, 1, "one reindex job");
    assert_eq!(
        sorted(titles(&search(&app, &member, &a, "BUP").await)),
        both
    );
    assert_eq!(
        sorted(titles(
            &search(&app, &member, &a, "børne- og ungdomspsykiatri").await
        )),
        both
    );

    // Facets count every match; a facet value and the date sort narrow and order.
    let results = search_with(&app, &member, &a, &[("q", "bup"), ("limit", "1")]).await;
    assert_eq!(results["total"], 2);
    assert_eq!(results["items"].as_array().unwrap().len(), 1);
    let facets = results["facets"].as_array().unwrap();
    assert!(
        facets
            .iter()
            .any(|f| f["field"] == "kind" && f["value"] == "project" && f["count"] == 2),
        "{facets:?}"
    );
    let newest = search_with(&app, &member, &a, &[("q", "bup"), ("sort", "newest")]).await;
    assert_eq!(titles(&newest), vec!["Fælles forløb", "Henvisning til BUP"]);
    let none = search_with(&app, &member, &a, &[("q", "bup"), ("kind", "thread")]).await;
    assert_eq!(none["total"], 0);

    let id = set["id"].as_str().unwrap();
    let removed = coordinator
        .delete(format!("{url}/{id}"))
        .send()
        .await
        .unwrap();
    assert_eq!(removed.status(), 204);
    app.drain().await;
    assert_eq!(
        titles(&search(&app, &member, &a, "BUP").await),
        vec!["Henvisning til BUP"],
        "the synonym is gone after the reindex"
    );
    app.stop().await;
}

/// The project library: another network's shared project is found with its network named;
/// its network-only and group-limited ones are not.
#[tokio::test]
async fn the_library_finds_what_other_networks_share() {
    let app = TestApp::spawn().await;
    let a = app.seed("netvaerk-a").await;
    let b = app.seed("netvaerk-b").await;
    let b_coordinator = app.signed_in(&b.email(Role::Coordinator)).await;
    let group = groups::create(
        &app.services,
        &b.scope,
        NewGroup {
            name: "Lukket gruppe".into(),
            description: String::new(),
            is_open: false,
        },
    )
    .await
    .unwrap();
    for (title, visibility, group_id) in [
        ("Delt mentorordning", "shared", None),
        ("Intern mentorordning", "network", None),
        ("Gruppens mentorordning", "shared", Some(group.id.0)),
    ] {
        create(
            &app,
            &b_coordinator,
            &b,
            json!({ "title": title, "status": "running", "visibility": visibility, "group_id": group_id }),
        )
        .await;
    }
    let a_member = app.signed_in(&a.email(Role::Member)).await;
    create(
        &app,
        &a_member,
        &a,
        json!({ "title": "Egen mentorordning", "status": "idea", "visibility": "network" }),
    )
    .await;
    app.drain().await;

    assert_eq!(
        titles(&search(&app, &a_member, &a, "mentorordning").await),
        vec!["Egen mentorordning"],
        "without the library, the own network only"
    );
    let library = search_with(
        &app,
        &a_member,
        &a,
        &[("q", "mentorordning"), ("library", "true")],
    )
    .await;
    assert_eq!(
        sorted(titles(&library)),
        vec!["Delt mentorordning", "Egen mentorordning"]
    );
    let shared = library["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["title"] == "Delt mentorordning")
        .unwrap();
    assert_eq!(shared["network"]["slug"], b.slug());
    assert!(
        shared["url"]
            .as_str()
            .unwrap()
            .starts_with("/n/netvaerk-b/projects/")
    );
    app.stop().await;
}

#[tokio::test]
async fn roles_decide_who_creates_and_edits() {
    let app = TestApp::spawn().await;
    let a = app.seed("netvaerk-a").await;
    let body = json!({ "title": "Fælles praksis for samtykke", "status": "idea", "visibility": "network" });
    for role in [Role::Observer, Role::Partner] {
        let client = app.signed_in(&a.email(role)).await;
        let (status, problem) = json(
            client
                .post(projects_url(&app, &a))
                .json(&body)
                .send()
                .await
                .unwrap(),
        )
        .await;
        assert_eq!(status, 403, "{role}: {problem}");
        assert_eq!(problem["code"], "forbidden");
    }
    // A token acts as a partner: it reads, it does not create.
    let token = tokens::create(
        &app.services,
        &a.scope,
        NewToken {
            organisation_id: a.organisation.id,
            name: "Integration".into(),
            expires_at: None,
        },
    )
    .await
    .unwrap();
    let by_token = app.with_token(&token.secret);
    let (status, _) = json(
        by_token
            .post(projects_url(&app, &a))
            .json(&body)
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 403);

    let member = app.signed_in(&a.email(Role::Member)).await;
    let project = create(&app, &member, &a, body.clone()).await;
    let url = format!(
        "{}/{}",
        projects_url(&app, &a),
        project["id"].as_str().unwrap()
    );
    let (status, read) = json(by_token.get(&url).send().await.unwrap()).await;
    assert_eq!(status, 200);
    assert_eq!(read["title"], "Fælles praksis for samtykke");
    assert_eq!(read["editable"], false);

    // Another organisation's member may not edit it; a coordinator may.
    let other = domain::people::organisations::create(
        &app.services,
        &a.scope,
        domain::people::organisations::NewOrganisation {
            name: "Anden kommune".into(),
            sector: domain::people::Sector::Municipality,
            registry_number: None,
        },
    )
    .await
    .unwrap();
    domain::people::members::update(
        &app.services,
        &a.scope,
        a.person(Role::Member).membership_id,
        domain::people::members::MemberPatch {
            organisation_id: Some(Some(other.id)),
            ..Default::default()
        },
    )
    .await
    .unwrap();
    let (status, _) = json(
        member
            .patch(&url)
            .json(&json!({ "title": "Ændret" }))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 403);
    let coordinator = app.signed_in(&a.email(Role::Coordinator)).await;
    let (status, changed) = json(
        coordinator
            .patch(&url)
            .json(&json!({ "title": "Ændret" }))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 200);
    assert_eq!(changed["title"], "Ændret");
    app.stop().await;
}

#[tokio::test]
async fn visibility_and_groups_decide_who_reads() {
    let app = TestApp::spawn().await;
    let a = app.seed("netvaerk-a").await;
    let b = app.seed("netvaerk-b").await;
    let coordinator = app.signed_in(&a.email(Role::Coordinator)).await;
    let group = groups::create(
        &app.services,
        &a.scope,
        NewGroup {
            name: "Arbejdsgruppe om skolefravær".into(),
            description: String::new(),
            is_open: false,
        },
    )
    .await
    .unwrap();
    groups::add_member(
        &app.services,
        &a.scope,
        group.id,
        a.person(Role::Coordinator).membership_id,
        true,
    )
    .await
    .unwrap();
    for (title, visibility) in [
        ("Offentligt fyrtårn", "public"),
        ("Delt fyrtårn", "shared"),
        ("Internt fyrtårn", "network"),
    ] {
        create(
            &app,
            &coordinator,
            &a,
            json!({ "title": title, "status": "running", "visibility": visibility }),
        )
        .await;
    }
    create(
        &app,
        &coordinator,
        &a,
        json!({ "title": "Gruppens fyrtårn", "status": "idea", "visibility": "network", "group_id": group.id }),
    )
    .await;
    app.drain().await;

    let list = |client: reqwest::Client| {
        let url = projects_url(&app, &a);
        async move {
            let (status, body) = json(client.get(url).send().await.unwrap()).await;
            assert_eq!(status, 200, "{body}");
            let mut titles: Vec<String> = body["items"]
                .as_array()
                .unwrap()
                .iter()
                .map(|p| p["title"].as_str().unwrap().to_owned())
                .collect();
            titles.sort();
            titles
        }
    };
    let mut everything = vec![
        "Delt fyrtårn",
        "Gruppens fyrtårn",
        "Internt fyrtårn",
        "Offentligt fyrtårn",
    ];
    everything.sort();
    assert_eq!(list(coordinator.clone()).await, everything);
    let member = app.signed_in(&a.email(Role::Member)).await;
    assert_eq!(
        list(member.clone()).await,
        vec!["Delt fyrtårn", "Internt fyrtårn", "Offentligt fyrtårn"]
    );
    assert_eq!(list(app.client()).await, vec!["Offentligt fyrtårn"]);
    let outsider = app.signed_in(&b.email(Role::Member)).await;
    assert_eq!(
        list(outsider.clone()).await,
        vec!["Delt fyrtårn", "Offentligt fyrtårn"]
    );

    // Search answers the same.
    let (app_ref, a_ref) = (&app, &a);
    let found = |client: reqwest::Client| async move {
        let mut t = titles(&search(app_ref, &client, a_ref, "fyrtårn").await);
        t.sort();
        t
    };
    assert_eq!(found(coordinator).await, everything);
    assert_eq!(
        found(member).await,
        vec!["Delt fyrtårn", "Internt fyrtårn", "Offentligt fyrtårn"]
    );
    assert_eq!(found(app.client()).await, vec!["Offentligt fyrtårn"]);
    assert_eq!(
        found(outsider).await,
        vec!["Delt fyrtårn", "Offentligt fyrtårn"]
    );
    app.stop().await;
}

/// No N+1: the list costs the same number of SQL statements for 1 row as for 50.
#[tokio::test]
async fn the_project_list_costs_the_same_for_one_and_fifty_rows() {
    let app = TestApp::spawn().await;
    let a = app.seed("netvaerk-a").await;
    let b = app.seed("netvaerk-b").await;
    let coordinator_a = app.signed_in(&a.email(Role::Coordinator)).await;
    let coordinator_b = app.signed_in(&b.email(Role::Coordinator)).await;
    create(
        &app,
        &coordinator_a,
        &a,
        json!({ "title": "Eneste", "status": "idea", "visibility": "network" }),
    )
    .await;
    for n in 0..50 {
        let owner = if n % 2 == 0 {
            b.organisation.id.0
        } else {
            extra_organisation(&app, &b, n).await
        };
        create(
            &app,
            &coordinator_b,
            &b,
            json!({ "title": format!("Projekt {n}"), "status": "idea", "visibility": "network", "owner_organisation_id": owner }),
        )
        .await;
    }
    let cost = |client: reqwest::Client, network: &Seeded| {
        let url = format!("{}?limit=100", projects_url(&app, network));
        let statements = app.services.db.statements().clone();
        async move {
            let before = statements.get();
            let (status, body) = json(client.get(url).send().await.unwrap()).await;
            assert_eq!(status, 200);
            (
                statements.get() - before,
                body["items"].as_array().unwrap().len(),
            )
        }
    };
    let (one, rows_a) = cost(coordinator_a, &a).await;
    let (fifty, rows_b) = cost(coordinator_b, &b).await;
    assert_eq!((rows_a, rows_b), (1, 50));
    assert_eq!(
        one, fifty,
        "1 row took {one} statements, 50 rows took {fifty}"
    );
    app.stop().await;
}

async fn extra_organisation(app: &TestApp, network: &Seeded, n: usize) -> uuid::Uuid {
    domain::people::organisations::create(
        &app.services,
        &network.scope,
        domain::people::organisations::NewOrganisation {
            name: format!("Organisation {n}"),
            sector: domain::people::Sector::Ngo,
            registry_number: None,
        },
    )
    .await
    .unwrap()
    .id
    .0
}

#[tokio::test]
async fn lists_page_with_cursors() {
    let app = TestApp::spawn().await;
    let a = app.seed("netvaerk-a").await;
    let coordinator = app.signed_in(&a.email(Role::Coordinator)).await;
    for n in 0..5 {
        create(
            &app,
            &coordinator,
            &a,
            json!({ "title": format!("P{n}"), "status": "idea", "visibility": "network" }),
        )
        .await;
    }
    let mut seen = Vec::new();
    let mut cursor: Option<String> = None;
    loop {
        let mut url = format!("{}?limit=2", projects_url(&app, &a));
        if let Some(c) = &cursor {
            url.push_str(&format!("&cursor={c}"));
        }
        let (_, page) = json(coordinator.get(url).send().await.unwrap()).await;
        for item in page["items"].as_array().unwrap() {
            seen.push(item["title"].as_str().unwrap().to_owned());
        }
        match page["next_cursor"].as_str() {
            Some(c) => cursor = Some(c.to_owned()),
            None => break,
        }
    }
    assert_eq!(seen, vec!["P4", "P3", "P2", "P1", "P0"]);
    app.stop().await;
}
