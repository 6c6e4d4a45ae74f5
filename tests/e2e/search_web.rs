//! Search through the API with facets, sort and the cross-network project library, the
//! synonyms API, and the web search page with its facets.

use domain::policy::Role;
use serde_json::{Value, json};

use crate::support::{Seeded, TestApp, json};

async fn create_project(
    app: &TestApp,
    client: &reqwest::Client,
    network: &Seeded,
    body: Value,
) -> String {
    let url = app.url(&format!("/api/v1/networks/{}/projects", network.slug()));
    let (status, project) = json(client.post(url).json(&body).send().await.unwrap()).await;
    assert_eq!(status, 200, "{project}");
    project["id"].as_str().unwrap().to_owned()
}

async fn search(
    app: &TestApp,
    client: &reqwest::Client,
    network: &Seeded,
    params: &[(&str, &str)],
) -> Value {
    let url = app.url(&format!("/api/v1/networks/{}/search", network.slug()));
    let (status, body) = json(client.get(url).query(params).send().await.unwrap()).await;
    assert_eq!(status, 200, "{params:?}: {body}");
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

fn facet(results: &Value, field: &str, value: &str) -> Option<u64> {
    results["facets"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["field"] == field && f["value"] == value)
        .map(|f| f["count"].as_u64().unwrap())
}

fn project(title: &str, body: &str, status: &str, tags: &[&str]) -> Value {
    json!({
        "title": title,
        "summary": "",
        "body": body,
        "status": status,
        "visibility": "network",
        "tags": tags,
    })
}

#[tokio::test]
async fn facets_and_sort_through_the_api() {
    let app = TestApp::spawn().await;
    let a = app.seed("fjordby").await;
    let member = app.signed_in(&a.email(Role::Member)).await;
    let mut made = Vec::new();
    for (title, status, tags) in [
        ("Skolefravær i Fjordby", "running", vec!["skole"]),
        (
            "Trivsel og skolefravær",
            "completed",
            vec!["skole", "trivsel"],
        ),
        ("Skolefravær hos de mindste", "idea", vec![]),
    ] {
        made.push(
            create_project(
                &app,
                &member,
                &a,
                project(title, "Et tværfagligt forløb.", status, &tags),
            )
            .await,
        );
        app.clock.advance(chrono::Duration::minutes(5));
    }
    create_project(
        &app,
        &member,
        &a,
        project("Sommerlejr", "Noget helt andet.", "running", &["skole"]),
    )
    .await;
    app.drain().await;

    let all = search(&app, &member, &a, &[("q", "skolefravær")]).await;
    assert_eq!(all["total"], 3, "{all}");
    assert_eq!(facet(&all, "kind", "project"), Some(3), "{all}");
    assert_eq!(facet(&all, "status", "running"), Some(1), "{all}");
    assert_eq!(facet(&all, "status", "completed"), Some(1), "{all}");
    assert_eq!(facet(&all, "tag", "skole"), Some(2), "{all}");
    assert_eq!(facet(&all, "tag", "trivsel"), Some(1), "{all}");
    let item = &all["items"][0];
    assert_eq!(item["kind"], "project");
    assert_eq!(item["network"]["slug"], "fjordby");
    assert_eq!(item["network"]["name"], "Netværk fjordby");
    let path = item["path"].as_str().unwrap();
    assert!(path.starts_with("projects/"), "{item}");
    assert_eq!(item["url"], format!("/n/fjordby/{path}"));
    assert!(item["updated_at"].is_string());

    let running = search(
        &app,
        &member,
        &a,
        &[("q", "skolefravær"), ("status", "running")],
    )
    .await;
    assert_eq!(titles(&running), vec!["Skolefravær i Fjordby"]);
    assert_eq!(running["total"], 1);

    let tagged = search(&app, &member, &a, &[("q", "skolefravær"), ("tag", "skole")]).await;
    let mut found = titles(&tagged);
    found.sort();
    assert_eq!(
        found,
        vec!["Skolefravær i Fjordby", "Trivsel og skolefravær"]
    );

    let both = search(
        &app,
        &member,
        &a,
        &[
            ("q", "skolefravær"),
            ("tag", "trivsel"),
            ("kind", "project"),
        ],
    )
    .await;
    assert_eq!(titles(&both), vec!["Trivsel og skolefravær"]);

    let newest = search(
        &app,
        &member,
        &a,
        &[("q", "skolefravær"), ("sort", "newest")],
    )
    .await;
    assert_eq!(
        titles(&newest),
        vec![
            "Skolefravær hos de mindste",
            "Trivsel og skolefravær",
            "Skolefravær i Fjordby"
        ]
    );

    let nothing = search(
        &app,
        &member,
        &a,
        &[("q", "skolefravær"), ("kind", "thread")],
    )
    .await;
    assert_eq!(nothing["total"], 0, "{nothing}");
}

#[tokio::test]
async fn the_library_finds_what_another_network_shares_and_names_it() {
    let app = TestApp::spawn().await;
    let a = app.seed("vestkyst").await;
    let b = app.seed("oestkyst").await;
    let in_b = app.signed_in(&b.email(Role::Member)).await;
    let mut shared = project(
        "Matchningsprojektet",
        "Bedre matchning af plejefamilier.",
        "running",
        &[],
    );
    shared["visibility"] = json!("shared");
    let id = create_project(&app, &in_b, &b, shared).await;
    let mut internal = project(
        "Intern matchningsgruppe",
        "Kun for netværket.",
        "running",
        &[],
    );
    internal["visibility"] = json!("network");
    create_project(&app, &in_b, &b, internal).await;
    app.drain().await;

    let in_a = app.signed_in(&a.email(Role::Member)).await;
    let own = search(&app, &in_a, &a, &[("q", "matchning")]).await;
    assert_eq!(
        own["total"], 0,
        "only a's own network without the library: {own}"
    );

    let library = search(&app, &in_a, &a, &[("q", "matchning"), ("library", "true")]).await;
    assert_eq!(titles(&library), vec!["Matchningsprojektet"], "{library}");
    let item = &library["items"][0];
    assert_eq!(item["network"]["slug"], "oestkyst");
    assert_eq!(item["network"]["name"], "Netværk oestkyst");
    assert_eq!(item["url"], format!("/n/oestkyst/projects/{id}"));

    // The web page names the other network on the hit.
    let page = in_a
        .get(app.url("/n/vestkyst/search"))
        .query(&[("q", "matchning"), ("library", "1")])
        .send()
        .await
        .unwrap();
    assert_eq!(page.status(), 200);
    let html = page.text().await.unwrap();
    assert!(html.contains("Matchningsprojektet"), "{html}");
    assert!(html.contains("Netværk oestkyst"), "{html}");
    assert!(html.contains("name=\"library\" value=\"1\" checked") || html.contains("checked"));
}

fn synonyms_url(app: &TestApp, network: &Seeded) -> String {
    app.url(&format!("/api/v1/networks/{}/synonyms", network.slug()))
}

#[tokio::test]
async fn a_coordinators_synonym_finds_the_long_form() {
    let app = TestApp::spawn().await;
    let a = app.seed("sydhavn").await;
    let member = app.signed_in(&a.email(Role::Member)).await;
    create_project(
        &app,
        &member,
        &a,
        project(
            "Fælles indsats",
            "Samarbejde med børne- og ungdomspsykiatri om udredning.",
            "running",
            &[],
        ),
    )
    .await;
    app.drain().await;
    assert_eq!(search(&app, &member, &a, &[("q", "BUP")]).await["total"], 0);

    let coordinator = app.signed_in(&a.email(Role::Coordinator)).await;
    let (status, created) = json(
        coordinator
            .post(synonyms_url(&app, &a))
            .json(&json!({ "phrases": ["BUP", "børne- og ungdomspsykiatri"] }))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 200, "{created}");
    let id = created["id"].as_str().unwrap().to_owned();
    assert_eq!(created["phrases"][0], "BUP", "{created}");

    let (status, listed) = json(
        coordinator
            .get(synonyms_url(&app, &a))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 200, "{listed}");
    assert_eq!(listed["items"][0]["id"], id.as_str(), "{listed}");

    app.drain().await;
    let found = search(&app, &member, &a, &[("q", "BUP")]).await;
    assert_eq!(titles(&found), vec!["Fælles indsats"], "{found}");

    // A member may not change them; a bad set is a field error, not a 500.
    let (status, refused) = json(
        member
            .post(synonyms_url(&app, &a))
            .json(&json!({ "phrases": ["PPR", "pædagogisk psykologisk rådgivning"] }))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 403, "{refused}");
    assert_eq!(refused["code"], "forbidden");
    let (status, _) = json(
        member
            .delete(format!("{}/{id}", synonyms_url(&app, &a)))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 403);
    let (status, bad) = json(
        coordinator
            .post(synonyms_url(&app, &a))
            .json(&json!({ "phrases": ["BUP"] }))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert!(status == 400 || status == 422, "{status}: {bad}");
    assert!(bad["code"].is_string(), "{bad}");

    let (status, updated) = json(
        coordinator
            .put(format!("{}/{id}", synonyms_url(&app, &a)))
            .json(&json!({ "phrases": ["BUP", "børnepsykiatri"] }))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 200, "{updated}");
    assert_eq!(updated["phrases"][1], "børnepsykiatri");

    let response = coordinator
        .delete(format!("{}/{id}", synonyms_url(&app, &a)))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 204);
    let response = coordinator
        .delete(format!("{}/{id}", synonyms_url(&app, &a)))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 404, "a deleted set is gone");
}

#[tokio::test]
async fn bad_facet_and_sort_values_answer_with_a_code() {
    let app = TestApp::spawn().await;
    let a = app.seed("nordby").await;
    let member = app.signed_in(&a.email(Role::Member)).await;
    let url = app.url("/api/v1/networks/nordby/search");
    for params in [
        vec![("q", "skole"), ("kind", "banan")],
        vec![("q", "skole"), ("sort", "oldest")],
        vec![("q", "skole"), ("status", "forever")],
        vec![("q", "skole"), ("year", "last")],
        vec![("q", "skole"), ("year", "99999")],
        vec![("q", "skole"), ("library", "maybe")],
        vec![("q", "skole"), ("organisation", &"x".repeat(201))],
    ] {
        let (status, body) = json(member.get(&url).query(&params).send().await.unwrap()).await;
        assert!(
            status == 400 || status == 422,
            "{params:?} answered {status}: {body}"
        );
        assert!(body["code"].is_string(), "{params:?}: {body}");
    }
    // The web page shows the problem on the page, never an error page.
    let page = member
        .get(app.url("/n/nordby/search"))
        .query(&[("q", "skole"), ("kind", "banan"), ("sort", "oldest")])
        .send()
        .await
        .unwrap();
    assert_eq!(page.status(), 422);
    let html = page.text().await.unwrap();
    assert!(html.contains("field-error"), "{html}");
}

#[tokio::test]
async fn the_web_page_offers_facets_with_counts_and_a_fragment() {
    let app = TestApp::spawn().await;
    let a = app.seed("skovby").await;
    let member = app.signed_in(&a.email(Role::Member)).await;
    for (title, status) in [
        ("Lektiecafé i Skovby", "running"),
        ("Lektiecafé for unge", "idea"),
    ] {
        create_project(
            &app,
            &member,
            &a,
            project(title, "Hjælp til lektier.", status, &["skole"]),
        )
        .await;
    }
    app.drain().await;

    let page = member
        .get(app.url("/n/skovby/search"))
        .query(&[("q", "lektiecafé")])
        .send()
        .await
        .unwrap();
    assert_eq!(page.status(), 200);
    let html = page.text().await.unwrap();
    assert!(html.contains("<fieldset class=\"facet\">"), "{html}");
    assert!(html.contains("name=\"status\" value=\"running\""), "{html}");
    assert!(html.contains("name=\"sort\""), "{html}");
    assert!(html.contains("name=\"library\""), "{html}");

    let fragment = member
        .get(app.url("/n/skovby/search"))
        .query(&[("q", "lektiecafé"), ("status", "idea"), ("partial", "1")])
        .send()
        .await
        .unwrap();
    assert_eq!(fragment.status(), 200);
    let html = fragment.text().await.unwrap();
    assert!(!html.contains("<html"), "a fragment, not a page");
    assert!(html.contains("Lektiecafé for unge"), "{html}");
    assert!(!html.contains("Lektiecafé i Skovby"), "{html}");
    assert!(
        html.contains("name=\"status\" value=\"idea\" checked"),
        "{html}"
    );
}

#[tokio::test]
async fn coordinators_keep_synonyms_on_a_web_page() {
    let app = TestApp::spawn().await;
    let a = app.seed("havnby").await;
    let coordinator = app.signed_in(&a.email(Role::Coordinator)).await;
    let page = coordinator
        .get(app.url("/n/havnby/search/synonyms"))
        .send()
        .await
        .unwrap();
    assert_eq!(page.status(), 200);
    let html = page.text().await.unwrap();
    let csrf = html
        .split("name=\"csrf\" value=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .unwrap()
        .to_owned();

    let response = coordinator
        .post(app.url("/n/havnby/search/synonyms"))
        .form(&[("csrf", csrf.as_str()), ("phrases", "PPR")])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 422);
    let html = response.text().await.unwrap();
    assert!(html.contains("id=\"f-phrases-error\""), "{html}");

    let response = coordinator
        .post(app.url("/n/havnby/search/synonyms"))
        .form(&[
            ("csrf", csrf.as_str()),
            ("phrases", "PPR, pædagogisk psykologisk rådgivning"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 303);
    let html = coordinator
        .get(app.url("/n/havnby/search/synonyms"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(html.contains("pædagogisk psykologisk rådgivning"), "{html}");

    let member = app.signed_in(&a.email(Role::Member)).await;
    let page = member
        .get(app.url("/n/havnby/search/synonyms"))
        .send()
        .await
        .unwrap();
    assert_eq!(page.status(), 403);
}
