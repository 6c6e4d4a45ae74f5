//! Showcases in full: every project field through the API, validation, partner organisations,
//! updates by members and tokens (404 for another organisation's project), followers told of
//! updates, the cross-network library, the public showcase page, and the cost of a project read.

use domain::ids::OrganisationId;
use domain::people::Sector;
use domain::people::members::{self, MemberPatch};
use domain::people::organisations::{self, NewOrganisation};
use domain::policy::Role;
use domain::tokens::{self, NewToken};
use serde_json::{Value, json};

use crate::support::{Seeded, TestApp, json};

fn api(app: &TestApp, net: &Seeded, rest: &str) -> String {
    app.url(&format!("/api/v1/networks/{}{rest}", net.slug()))
}

async fn create(app: &TestApp, client: &reqwest::Client, net: &Seeded, body: Value) -> Value {
    let (status, project) = json(
        client
            .post(api(app, net, "/projects"))
            .json(&body)
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 200, "{project}");
    project
}

async fn get(client: &reqwest::Client, url: &str) -> (u16, Value) {
    json(client.get(url).send().await.unwrap()).await
}

async fn organisation(app: &TestApp, net: &Seeded, name: &str) -> OrganisationId {
    organisations::create(
        &app.services,
        &net.scope,
        NewOrganisation {
            name: name.into(),
            sector: Sector::School,
            registry_number: None,
        },
    )
    .await
    .unwrap()
    .id
}

/// Moves the seeded person with `role` to another organisation.
async fn move_to(app: &TestApp, net: &Seeded, role: Role, org: OrganisationId) {
    members::update(
        &app.services,
        &net.scope,
        net.person(role).membership_id,
        MemberPatch {
            organisation_id: Some(Some(org)),
            ..Default::default()
        },
    )
    .await
    .unwrap();
}

async fn token_for(app: &TestApp, net: &Seeded, org: OrganisationId) -> reqwest::Client {
    let token = tokens::create(
        &app.services,
        &net.scope,
        NewToken {
            organisation_id: org,
            name: "Integration".into(),
            expires_at: None,
        },
    )
    .await
    .unwrap();
    app.with_token(&token.secret)
}

fn full_project(partner: OrganisationId) -> Value {
    json!({
        "title": "Bakkehuset – én indgang",
        "summary": "Fælles modtagelse efter akutmodtagelsen.",
        "body": "## Hvorfor\n\nFamilien møder begge sektorer på én gang.",
        "status": "running",
        "visibility": "shared",
        "tags": ["pam", "bakkehuset"],
        "period_start": "2018-01-01",
        "period_end": "2020-12-31",
        "target_group": "Børn og unge efter en henvendelse i PAM",
        "age_groups": ["6-12", "13-17"],
        "sectors": ["child_psychiatry", "social_services"],
        "municipalities": [" Roskilde ", "Kalundborg", "roskilde"],
        "funding_source": "Satspuljer",
        "funding_amount": 40000000,
        "contact_name": "Mette Lund",
        "contact_email": "Mette.Lund@example.org",
        "results": "Enheden er gjort **permanent**.",
        "links": [{ "title": "Regionen", "url": "https://www.regionsjaelland.dk/" }],
        "partner_organisation_ids": [partner],
    })
}

#[tokio::test]
async fn every_field_round_trips_through_the_api() {
    let app = TestApp::spawn().await;
    let a = app.seed("runde-a").await;
    let partner = organisation(&app, &a, "Kalundborg Kommune").await;
    let member = app.signed_in(&a.email(Role::Member)).await;
    let created = create(&app, &member, &a, full_project(partner)).await;
    let url = api(
        &app,
        &a,
        &format!("/projects/{}", created["id"].as_str().unwrap()),
    );
    let (status, read) = get(&member, &url).await;
    assert_eq!(status, 200, "{read}");
    assert_eq!(read["period_start"], "2018-01-01");
    assert_eq!(read["period_end"], "2020-12-31");
    assert_eq!(read["age_groups"], json!(["6-12", "13-17"]));
    assert_eq!(
        read["sectors"],
        json!(["child_psychiatry", "social_services"])
    );
    // Trimmed, and the same municipality once whatever its case.
    assert_eq!(read["municipalities"], json!(["Roskilde", "Kalundborg"]));
    // A Danish network's amount is in kroner unless said otherwise.
    assert_eq!(
        read["funding"],
        json!({ "amount": 40000000, "currency": "DKK" })
    );
    assert_eq!(read["contact_email"], "mette.lund@example.org");
    assert!(
        read["results_html"]
            .as_str()
            .unwrap()
            .contains("<strong>permanent</strong>")
    );
    assert_eq!(read["links"][0]["url"], "https://www.regionsjaelland.dk/");
    assert_eq!(
        read["partner_organisations"][0]["name"],
        "Kalundborg Kommune"
    );
    assert_eq!(
        read["target_group"],
        "Børn og unge efter en henvendelse i PAM"
    );
    assert_eq!(read["editable"], true);
    assert_eq!(read["can_post_updates"], true);

    // null clears, absent keeps.
    let (status, changed) = json(
        member
            .patch(&url)
            .json(&json!({ "period_end": null, "funding_amount": null, "status": "evaluated" }))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 200, "{changed}");
    assert!(changed.get("period_end").is_none() || changed["period_end"].is_null());
    assert!(changed.get("funding").is_none() || changed["funding"].is_null());
    assert_eq!(changed["period_start"], "2018-01-01");
    assert_eq!(changed["status"], "evaluated");
    assert_eq!(changed["sectors"], read["sectors"]);

    // The list carries the facets too.
    let (status, list) = get(&member, &api(&app, &a, "/projects?sector=child_psychiatry")).await;
    assert_eq!(status, 200, "{list}");
    assert_eq!(
        list["items"][0]["municipalities"],
        json!(["Roskilde", "Kalundborg"])
    );
    let (_, none) = get(&member, &api(&app, &a, "/projects?sector=school")).await;
    assert!(none["items"].as_array().unwrap().is_empty(), "{none}");
    app.stop().await;
}

#[tokio::test]
async fn invalid_fields_answer_field_errors_and_change_nothing() {
    let app = TestApp::spawn().await;
    let a = app.seed("fejl-a").await;
    let b = app.seed("fejl-b").await;
    let member = app.signed_in(&a.email(Role::Member)).await;
    let created = create(
        &app,
        &member,
        &a,
        json!({ "title": "Uændret", "status": "idea", "visibility": "network" }),
    )
    .await;
    let url = api(
        &app,
        &a,
        &format!("/projects/{}", created["id"].as_str().unwrap()),
    );
    let cases = [
        (
            json!({ "period_start": "2021-01-01", "period_end": "2020-01-01" }),
            "period_end",
            "before_start",
        ),
        (
            json!({ "funding_amount": -5 }),
            "funding_amount",
            "negative",
        ),
        (
            json!({ "links": [{ "title": "x", "url": "javascript:alert(1)" }] }),
            "links",
            "invalid_url",
        ),
        (
            json!({ "links": [{ "title": "x", "url": "ftp://example.org/" }] }),
            "links",
            "invalid_url",
        ),
        (
            json!({ "contact_email": "ikke en adresse" }),
            "contact_email",
            "invalid",
        ),
        // Another network's organisation is no organisation here.
        (
            json!({ "partner_organisation_ids": [b.organisation.id] }),
            "partner_organisation_ids",
            "unknown",
        ),
        (json!({ "title": "  " }), "title", "required"),
    ];
    for (body, field, code) in cases {
        let (status, problem) = json(member.patch(&url).json(&body).send().await.unwrap()).await;
        assert_eq!(status, 422, "{body}: {problem}");
        assert_eq!(problem["code"], "invalid", "{problem}");
        let errors = problem["errors"].as_array().unwrap();
        assert!(
            errors
                .iter()
                .any(|e| e["field"] == field && e["code"] == code),
            "{body}: {problem}"
        );
    }
    // A value outside a fixed vocabulary is not even read.
    let (status, problem) = json(
        member
            .patch(&url)
            .json(&json!({ "sectors": ["astrology"] }))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 400, "{problem}");
    let (_, read) = get(&member, &url).await;
    assert_eq!(read["title"], "Uændret");
    assert_eq!(read["updated_at"], created["updated_at"]);
    app.stop().await;
}

#[tokio::test]
async fn a_partner_organisation_edits_and_posts_but_does_not_reassign() {
    let app = TestApp::spawn().await;
    let a = app.seed("partner-a").await;
    let partner = organisation(&app, &a, "Holbæk Kommune").await;
    let outsider_org = organisation(&app, &a, "Odsherred Kommune").await;
    let owner_member = app.signed_in(&a.email(Role::Member)).await;
    let project = create(
        &app,
        &owner_member,
        &a,
        json!({ "title": "Fælles projekt", "status": "running", "visibility": "network",
                "partner_organisation_ids": [partner] }),
    )
    .await;
    let id = project["id"].as_str().unwrap();
    let url = api(&app, &a, &format!("/projects/{id}"));

    // A partner-role person of the partner organisation posts updates but does not edit.
    move_to(&app, &a, Role::Partner, partner).await;
    let partner_person = app.signed_in(&a.email(Role::Partner)).await;
    let (status, read) = get(&partner_person, &url).await;
    assert_eq!(status, 200);
    assert_eq!(
        read["editable"], false,
        "a partner-role person does not edit fields"
    );
    assert_eq!(read["can_post_updates"], true);

    // A member of the partner organisation edits the fields.
    move_to(&app, &a, Role::Member, partner).await;
    let partner_member = app.signed_in(&a.email(Role::Member)).await;
    let (status, changed) = json(
        partner_member
            .patch(&url)
            .json(&json!({ "summary": "Skrevet af partneren", "municipalities": ["Holbæk"] }))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 200, "{changed}");
    assert_eq!(changed["summary"], "Skrevet af partneren");
    // … but only the owner organisation (or a coordinator) changes who partners.
    let (status, _) = json(
        partner_member
            .patch(&url)
            .json(&json!({ "partner_organisation_ids": [outsider_org] }))
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
            .json(&json!({ "partner_organisation_ids": [partner, outsider_org] }))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 200, "{changed}");
    assert_eq!(
        changed["partner_organisations"].as_array().unwrap().len(),
        2
    );
    app.stop().await;
}

#[tokio::test]
async fn a_token_posts_on_its_own_organisations_project_and_gets_404_elsewhere() {
    let app = TestApp::spawn().await;
    let a = app.seed("token-a").await;
    let other = organisation(&app, &a, "Anden kommune").await;
    let member = app.signed_in(&a.email(Role::Member)).await;
    let project = create(
        &app,
        &member,
        &a,
        json!({ "title": "Vores projekt", "status": "running", "visibility": "network" }),
    )
    .await;
    let updates_url = api(
        &app,
        &a,
        &format!("/projects/{}/updates", project["id"].as_str().unwrap()),
    );
    let own = token_for(&app, &a, a.organisation.id).await;
    let (status, posted) = json(
        own.post(&updates_url)
            .json(&json!({ "title": "Status fra systemet", "body": "Alt kører." }))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 201, "{posted}");
    assert_eq!(posted["author"], "Integration");
    assert_eq!(posted["organisation"]["id"], a.organisation.id.to_string());

    let foreign = token_for(&app, &a, other).await;
    let (status, problem) = json(
        foreign
            .post(&updates_url)
            .json(&json!({ "title": "Ikke vores" }))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 404, "{problem}");
    // A member of the network who is not of the organisation is refused the same way.
    move_to(&app, &a, Role::Observer, other).await;
    let (status, _) = json(
        app.signed_in(&a.email(Role::Observer))
            .await
            .post(&updates_url)
            .json(&json!({ "title": "Heller ikke" }))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 404);

    // Bad input to a permitted poster is a field error.
    let (status, problem) = json(
        own.post(&updates_url)
            .json(&json!({ "title": "" }))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 422, "{problem}");

    let (status, list) = get(&member, &updates_url).await;
    assert_eq!(status, 200);
    assert_eq!(list["items"].as_array().unwrap().len(), 1, "{list}");
    assert_eq!(list["items"][0]["title"], "Status fra systemet");

    // The token edits its organisation's update; a member who did not write it may not.
    let update_url = format!("{updates_url}/{}", posted["id"].as_str().unwrap());
    let (status, _) = json(
        own.patch(&update_url)
            .json(&json!({ "body": "Alt kører stadig." }))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 200);
    let (status, _) = json(member.delete(&update_url).send().await.unwrap()).await;
    assert_eq!(status, 403);
    let coordinator = app.signed_in(&a.email(Role::Coordinator)).await;
    let response = coordinator.delete(&update_url).send().await.unwrap();
    assert_eq!(response.status(), 204);
    app.stop().await;
}

#[tokio::test]
async fn followers_of_a_project_are_told_of_its_updates() {
    let app = TestApp::spawn().await;
    let a = app.seed("folg-a").await;
    let creator = app.signed_in(&a.email(Role::Member)).await;
    let project = create(
        &app,
        &creator,
        &a,
        json!({ "title": "Projekt med følgere", "status": "running", "visibility": "network" }),
    )
    .await;
    let id = project["id"].as_str().unwrap();
    // The creator follows the project without asking; the token's update tells them.
    let token = token_for(&app, &a, a.organisation.id).await;
    let (status, posted) = json(
        token
            .post(api(&app, &a, &format!("/projects/{id}/updates")))
            .json(&json!({ "title": "Nyt fra projektet" }))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 201, "{posted}");
    app.drain().await;
    let (status, listed) = get(&creator, &api(&app, &a, "/notifications")).await;
    assert_eq!(status, 200, "{listed}");
    let items = listed["items"].as_array().unwrap();
    let found = items
        .iter()
        .find(|n| n["subject_id"] == id)
        .unwrap_or_else(|| panic!("no notification of the update: {listed}"));
    assert_eq!(found["kind"], "project_update");
    assert_eq!(found["title"], "Projekt med følgere");
    assert!(
        found["path"]
            .as_str()
            .unwrap()
            .ends_with(&format!("#update-{}", posted["id"].as_str().unwrap())),
        "{found}"
    );
    app.stop().await;
}

#[tokio::test]
async fn the_library_lists_other_networks_shared_projects_only() {
    let app = TestApp::spawn().await;
    let a = app.seed("bibliotek-a").await;
    let b = app.seed("bibliotek-b").await;
    let in_a = app.signed_in(&a.email(Role::Member)).await;
    let shared = create(
        &app,
        &in_a,
        &a,
        json!({ "title": "Delt med alle netværk", "status": "running", "visibility": "shared",
                "sectors": ["school"] }),
    )
    .await;
    let network_only = create(
        &app,
        &in_a,
        &a,
        json!({ "title": "Kun for netværket", "status": "running", "visibility": "network" }),
    )
    .await;
    let in_b = app.signed_in(&b.email(Role::Member)).await;
    let (status, library) = get(&in_b, &api(&app, &b, "/library")).await;
    assert_eq!(status, 200, "{library}");
    let items = library["items"].as_array().unwrap();
    let titles: Vec<&str> = items
        .iter()
        .map(|i| i["project"]["title"].as_str().unwrap())
        .collect();
    assert!(titles.contains(&"Delt med alle netværk"), "{library}");
    assert!(!titles.contains(&"Kun for netværket"), "{library}");
    let entry = items
        .iter()
        .find(|i| i["project"]["title"] == "Delt med alle netværk")
        .unwrap();
    assert_eq!(entry["network_slug"], "bibliotek-a");
    assert_eq!(entry["network_name"], a.network.name.as_str());
    assert_eq!(entry["own_network"], false);
    // Filters apply across networks.
    let (_, filtered) = get(&in_b, &api(&app, &b, "/library?sector=health")).await;
    assert!(
        filtered["items"].as_array().unwrap().is_empty(),
        "{filtered}"
    );

    // The project opens in its own network for a member of another (as a guest who reads
    // what is shared); the network-only one does not.
    let (status, read) = get(
        &in_b,
        &api(
            &app,
            &a,
            &format!("/projects/{}", shared["id"].as_str().unwrap()),
        ),
    )
    .await;
    assert_eq!(status, 200, "{read}");
    assert_eq!(read["editable"], false);
    let (status, _) = get(
        &in_b,
        &api(
            &app,
            &a,
            &format!("/projects/{}", network_only["id"].as_str().unwrap()),
        ),
    )
    .await;
    assert_eq!(status, 404);
    let page = in_b
        .get(app.url(&format!(
            "/n/bibliotek-a/projects/{}",
            shared["id"].as_str().unwrap()
        )))
        .send()
        .await
        .unwrap();
    assert_eq!(page.status(), 200);

    // The web page shows it with its network, and the way there is in the navigation.
    let page = in_b
        .get(app.url("/n/bibliotek-b/library"))
        .send()
        .await
        .unwrap();
    assert_eq!(page.status(), 200);
    let html = page.text().await.unwrap();
    assert!(html.contains("Delt med alle netværk"));
    assert!(html.contains(&a.network.name));
    assert!(html.contains("href=\"/n/bibliotek-b/library\""));
    assert!(!html.contains("Kun for netværket"));

    // Signed out, there is no library.
    let (status, _) = get(&app.client(), &api(&app, &b, "/library")).await;
    assert_eq!(status, 401);
    app.stop().await;
}

#[tokio::test]
async fn the_public_showcase_filters_and_hides_network_projects() {
    let app = TestApp::spawn().await;
    let a = app.seed("udstilling-a").await;
    let member = app.signed_in(&a.email(Role::Member)).await;
    create(
        &app,
        &member,
        &a,
        json!({ "title": "Skoleprojekt i Aarhus", "status": "running", "visibility": "public",
                "sectors": ["school"], "age_groups": ["6-12"], "municipalities": ["Aarhus"] }),
    )
    .await;
    create(
        &app,
        &member,
        &a,
        json!({ "title": "Sundhedsprojekt i Randers", "status": "completed", "visibility": "public",
                "sectors": ["health"], "age_groups": ["0-5"], "municipalities": ["Randers"] }),
    )
    .await;
    let hidden = create(
        &app,
        &member,
        &a,
        json!({ "title": "Internt skoleprojekt", "status": "running", "visibility": "network",
                "sectors": ["school"] }),
    )
    .await;
    let visitor = app.client();
    let showcase = |query: &str| {
        let url = app.url(&format!("/n/udstilling-a/showcase{query}"));
        let visitor = visitor.clone();
        async move {
            let response = visitor.get(url).send().await.unwrap();
            assert_eq!(response.status(), 200);
            response.text().await.unwrap()
        }
    };
    let all = showcase("").await;
    assert!(all.contains("Skoleprojekt i Aarhus") && all.contains("Sundhedsprojekt i Randers"));
    assert!(!all.contains("Internt skoleprojekt"));
    let school = showcase("?sector=school").await;
    assert!(school.contains("Skoleprojekt i Aarhus"));
    assert!(!school.contains("Sundhedsprojekt i Randers"));
    assert!(!school.contains("Internt skoleprojekt"));
    let small = showcase("?age_group=0-5").await;
    assert!(
        small.contains("Sundhedsprojekt i Randers") && !small.contains("Skoleprojekt i Aarhus")
    );
    let town = showcase("?municipality=randers").await;
    assert!(town.contains("Sundhedsprojekt i Randers") && !town.contains("Skoleprojekt i Aarhus"));
    let done = showcase("?status=completed&sector=health").await;
    assert!(done.contains("Sundhedsprojekt i Randers") && !done.contains("Skoleprojekt i Aarhus"));
    // The form keeps what was chosen.
    assert!(done.contains("value=\"completed\" selected"));

    // The same through the API, signed out.
    let (status, listed) = get(&visitor, &api(&app, &a, "/showcase?sector=school")).await;
    assert_eq!(status, 200);
    assert_eq!(listed["items"].as_array().unwrap().len(), 1, "{listed}");

    // A visitor reads no network project, by list or by id.
    let (status, _) = get(
        &visitor,
        &api(
            &app,
            &a,
            &format!("/projects/{}", hidden["id"].as_str().unwrap()),
        ),
    )
    .await;
    assert_eq!(status, 404);
    let page = visitor
        .get(app.url(&format!(
            "/n/udstilling-a/projects/{}",
            hidden["id"].as_str().unwrap()
        )))
        .send()
        .await
        .unwrap();
    assert_eq!(page.status(), 404);
    app.stop().await;
}

#[tokio::test]
async fn the_web_form_saves_every_field_and_shows_errors_next_to_them() {
    let app = TestApp::spawn().await;
    let a = app.seed("formular-a").await;
    let partner = organisation(&app, &a, "Partnerkommune").await;
    let member = app.signed_in(&a.email(Role::Member)).await;
    let new_page = member
        .get(app.url("/n/formular-a/projects/new"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let csrf = new_page
        .split("name=\"csrf\" value=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .unwrap()
        .to_owned();
    let form = |end: &str| -> Vec<(String, String)> {
        [
            ("csrf", csrf.as_str()),
            ("title", "Projekt fra formularen"),
            ("status", "running"),
            ("visibility", "public"),
            ("period_start", "2024-08-01"),
            ("period_end", end),
            ("sector-school", "on"),
            ("age_group-13-17", "on"),
            ("municipalities", "Aarhus, Randers"),
            ("funding_amount", "450000"),
            ("links", "Kommunen | https://www.aarhus.dk/"),
            ("partner_choices", &partner.to_string()),
            (&format!("partner-{partner}"), "on"),
        ]
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
    };
    // An end before the start: 422, the message next to the field, nothing created.
    let response = member
        .post(app.url("/n/formular-a/projects"))
        .form(&form("2024-01-01"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 422);
    let html = response.text().await.unwrap();
    assert!(html.contains("id=\"f-period_end-error\""), "{html}");
    let response = member
        .post(app.url("/n/formular-a/projects"))
        .form(&form("2025-06-30"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 303);
    let location = response.headers()["location"].to_str().unwrap().to_owned();
    let html = member
        .get(app.url(&location))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(html.contains("Projekt fra formularen"));
    assert!(html.contains("2024-08-01 – 2025-06-30"));
    assert!(html.contains("Partnerkommune"));
    assert!(html.contains("Aarhus, Randers"));
    assert!(html.contains("450\u{202f}000 DKK"));
    assert!(html.contains("https://www.aarhus.dk/"));
    // The page offers the update form and the follow button to its editors.
    assert!(html.contains("/updates\""));
    assert!(html.contains("/follow\"") || html.contains("/unfollow\""));
    app.stop().await;
}

/// A project with `n` partners and `n` updates.
async fn project_with(app: &TestApp, a: &Seeded, n: usize) -> String {
    let mut partners = Vec::new();
    for i in 0..n {
        partners.push(organisation(app, a, &format!("Partner {n}-{i}")).await);
    }
    let member = app.signed_in(&a.email(Role::Member)).await;
    let project = create(
        app,
        &member,
        a,
        json!({ "title": format!("Projekt {n}"), "status": "running", "visibility": "network",
                "partner_organisation_ids": partners, "sectors": ["school", "health"] }),
    )
    .await;
    let id = project["id"].as_str().unwrap().to_owned();
    for i in 0..n {
        let (status, _) = json(
            member
                .post(api(app, a, &format!("/projects/{id}/updates")))
                .json(&json!({ "title": format!("Opdatering {i}") }))
                .send()
                .await
                .unwrap(),
        )
        .await;
        assert_eq!(status, 201);
    }
    id
}

#[tokio::test]
async fn a_project_read_costs_the_same_with_one_or_many_partners_and_updates() {
    let app = TestApp::spawn().await;
    let a = app.seed("pris-a").await;
    let small = project_with(&app, &a, 1).await;
    let large = project_with(&app, &a, 12).await;
    let member = app.signed_in(&a.email(Role::Member)).await;
    let statements = app.services.db.statements().clone();
    let cost = |path: String| {
        let (client, statements) = (member.clone(), statements.clone());
        let url = app.url(&path);
        async move {
            let before = statements.get();
            let response = client.get(url).send().await.unwrap();
            assert_eq!(response.status(), 200, "{path}");
            response.bytes().await.unwrap();
            statements.get() - before
        }
    };
    for (what, path) in [
        ("API project", "/api/v1/networks/pris-a/projects/{id}"),
        (
            "API updates",
            "/api/v1/networks/pris-a/projects/{id}/updates",
        ),
        ("project page", "/n/pris-a/projects/{id}"),
    ] {
        let one = cost(path.replace("{id}", &small)).await;
        let many = cost(path.replace("{id}", &large)).await;
        assert_eq!(one, many, "{what}: 1 took {one} statements, 12 took {many}");
    }
    app.stop().await;
}

#[tokio::test]
async fn an_update_is_edited_on_the_web_by_its_author_with_errors_next_to_the_fields() {
    let app = TestApp::spawn().await;
    let a = app.seed("opdatering-a").await;
    let member = app.signed_in(&a.email(Role::Member)).await;
    let project = create(
        &app,
        &member,
        &a,
        json!({ "title": "Lektiecafé", "status": "running", "visibility": "network" }),
    )
    .await;
    let id = project["id"].as_str().unwrap().to_owned();
    let (status, posted) = json(
        member
            .post(api(&app, &a, &format!("/projects/{id}/updates")))
            .json(&json!({ "title": "Første måned", "body": "Vi er i gang." }))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 201, "{posted}");
    let update = posted["id"].as_str().unwrap().to_owned();
    let edit_path = format!("/n/opdatering-a/projects/{id}/updates/{update}/edit");
    let project_page = member
        .get(app.url(&format!("/n/opdatering-a/projects/{id}")))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        project_page.contains(&edit_path),
        "the page links to the form"
    );

    let response = member.get(app.url(&edit_path)).send().await.unwrap();
    assert_eq!(response.status(), 200);
    let form_page = response.text().await.unwrap();
    assert!(form_page.contains("Første måned"), "{form_page}");
    assert!(form_page.contains("Vi er i gang."));
    let csrf = form_page
        .split("name=\"csrf\" value=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .unwrap()
        .to_owned();
    let save = app.url(&format!("/n/opdatering-a/projects/{id}/updates/{update}"));

    // An empty title: 422, the message next to the field, the body kept as typed.
    let response = member
        .post(&save)
        .form(&[("csrf", csrf.as_str()), ("title", ""), ("body", "Ny tekst")])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 422);
    let html = response.text().await.unwrap();
    assert!(html.contains("id=\"f-title-error\""), "{html}");
    assert!(html.contains("Ny tekst"));

    let response = member
        .post(&save)
        .form(&[
            ("csrf", csrf.as_str()),
            ("title", "Første måned, rettet"),
            ("body", "Vi er godt i gang."),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 303);
    let (_, list) = get(&member, &api(&app, &a, &format!("/projects/{id}/updates"))).await;
    assert_eq!(list["items"][0]["title"], "Første måned, rettet", "{list}");
    assert_eq!(list["items"][0]["body"], "Vi er godt i gang.", "{list}");

    // Someone else of the network may read the project but not edit its update.
    let other = app.signed_in(&a.email(Role::Partner)).await;
    let response = other.get(app.url(&edit_path)).send().await.unwrap();
    assert_eq!(response.status(), 403);
    app.stop().await;
}
