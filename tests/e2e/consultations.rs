//! Case consultations: the identifier guard at the API and in the web form, who may read a case
//! (and that each read is logged), retention, and the canary that proves a case's text stays in
//! its own table — not in logs at TRACE level, mail, the search index or job payloads.

use chrono::Duration;
use domain::identity::{self, NewUser};
use domain::ids::{MeetingId, UserId};
use domain::meetings::{
    self, LocationMode, MeetingKind, MeetingVisibility, NewMeeting, NewRegistration,
    RegistrationSettings,
};
use domain::people::members;
use domain::policy::Role;
use domain::tenancy;
use sea_orm::{ConnectionTrait, DatabaseConnection, DbBackend, Statement};
use serde_json::{Value, json};

use crate::support::child::ChildProcess;
use crate::support::mail::readable;
use crate::support::{PASSWORD, Seeded, TestApp, eventually, json};

// ---------------------------------------------------------------------------------------------
// Setting up
// ---------------------------------------------------------------------------------------------

fn api(base: &str, network: &Seeded, path: &str) -> String {
    format!("{base}/api/v1/networks/{}{path}", network.slug())
}

/// Another member of a network, with their e-mail address.
async fn add_member(app: &TestApp, network: &Seeded, name: &str, role: Role) -> (String, UserId) {
    let svc = &app.services;
    let email = format!("{name}.{}@example.org", network.slug());
    let user = identity::create_user(
        svc,
        NewUser {
            email: email.clone(),
            display_name: format!("{name} {}", network.slug()),
            password: PASSWORD.into(),
            preferred_language: None,
        },
    )
    .await
    .unwrap();
    members::add(
        svc,
        &network.scope,
        user.id,
        Some(network.organisation.id),
        role,
    )
    .await
    .unwrap();
    (email, user.id)
}

/// A published consultation meeting a week from now, with the coordinator as contact person.
async fn consultation(app: &TestApp, network: &Seeded, title: &str) -> MeetingId {
    let starts = app.clock_now() + Duration::days(7);
    let meeting = meetings::create(
        &app.services,
        &network.scope,
        NewMeeting {
            kind: MeetingKind::CaseConsultation,
            visibility: MeetingVisibility::Network,
            group_id: None,
            title: title.into(),
            description: String::new(),
            starts_at: starts,
            ends_at: starts + Duration::hours(2),
            location_mode: LocationMode::Online,
            address: String::new(),
            room: String::new(),
            online_url: "https://meet.example.org/droeftelse".into(),
            registration: RegistrationSettings {
                enabled: true,
                capacity_online: Some(20),
                ..RegistrationSettings::default()
            },
            show_participants: false,
            organisation_ids: vec![],
            contact_user_id: Some(network.person(Role::Coordinator).user_id),
            moderator_user_id: None,
            invitee_user_ids: vec![],
            publish: true,
        },
    )
    .await
    .unwrap();
    meeting.id
}

/// Registers a member for a meeting, as they would themselves.
async fn register(app: &TestApp, network: &Seeded, email: &str, meeting: MeetingId) {
    let svc = &app.services;
    let signed = identity::sign_in(svc, email, PASSWORD, "10.0.0.7")
        .await
        .unwrap();
    let scope = tenancy::scope_for_user(svc, Some(&signed.user), network.slug())
        .await
        .unwrap();
    meetings::register(svc, &scope, meeting, NewRegistration::default())
        .await
        .unwrap();
}

/// Opens `count` slots as the coordinator, through the API.
async fn open_slots(
    base: &str,
    network: &Seeded,
    coordinator: &reqwest::Client,
    meeting: MeetingId,
    count: i32,
) {
    let (status, body) = json(
        coordinator
            .post(api(
                base,
                network,
                &format!("/meetings/{meeting}/case-slots"),
            ))
            .json(&json!({ "count": count }))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["items"].as_array().unwrap().len(), count as usize);
}

async fn submit(
    base: &str,
    network: &Seeded,
    client: &reqwest::Client,
    meeting: MeetingId,
    body: &Value,
) -> (u16, Value) {
    json(
        client
            .post(api(base, network, &format!("/meetings/{meeting}/cases")))
            .json(body)
            .send()
            .await
            .unwrap(),
    )
    .await
}

fn clean_case() -> Value {
    json!({
        "age_band": "13-15",
        "sectors": ["school", "Familieafdelingen"],
        "concern": "Eleven har haft et højt fravær siden efterårsferien og trækker sig fra kammeraterne.",
        "tried": "Samtaler med klasselæreren og et møde med forældrene i uge 42.",
        "question": "Hvordan kan skolen og sundhedsplejen samarbejde om en plan?",
    })
}

async fn get_case(
    base: &str,
    network: &Seeded,
    client: &reqwest::Client,
    id: &str,
) -> (u16, Value) {
    json(
        client
            .get(api(base, network, &format!("/cases/{id}")))
            .send()
            .await
            .unwrap(),
    )
    .await
}

fn field_codes(body: &Value) -> Vec<(String, String)> {
    body["errors"]
        .as_array()
        .map(|errors| {
            errors
                .iter()
                .map(|e| {
                    (
                        e["field"].as_str().unwrap_or_default().to_owned(),
                        e["code"].as_str().unwrap_or_default().to_owned(),
                    )
                })
                .collect()
        })
        .unwrap_or_default()
}

async fn count(db: &DatabaseConnection, sql: &str) -> i64 {
    let row = db
        .query_one_raw(Statement::from_string(db.get_database_backend(), sql))
        .await
        .unwrap()
        .unwrap();
    row.try_get("", "n").unwrap()
}

/// A browser: a cookie jar signed in through the API, and the CSRF token its forms carry.
async fn browser(base: &str, email: &str, slug: &str) -> (reqwest::Client, String) {
    let jar = std::sync::Arc::new(reqwest::cookie::Jar::default());
    let client = reqwest::Client::builder()
        .cookie_provider(jar.clone())
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let response = client
        .post(format!("{base}/api/v1/session"))
        .json(&json!({ "email": email, "password": PASSWORD }))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    let home = client.get(format!("{base}/n/{slug}")).send().await.unwrap();
    assert_eq!(home.status(), 200);
    let url: reqwest::Url = base.parse().unwrap();
    let cookies = reqwest::cookie::CookieStore::cookies(&*jar, &url).unwrap();
    let csrf = cookies
        .to_str()
        .unwrap()
        .split("; ")
        .find_map(|c| c.strip_prefix("samvirke_csrf="))
        .expect("no CSRF cookie")
        .to_owned();
    (client, csrf)
}

// ---------------------------------------------------------------------------------------------
// The guard
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn identifiers_are_refused_with_the_field_named_and_nothing_is_stored() {
    let app = TestApp::spawn().await;
    let a = app.seed("netvaerk-a").await;
    let meeting = consultation(&app, &a, "Tværfagligt drøftelsesmøde").await;
    let coordinator = app.signed_in(&a.email(Role::Coordinator)).await;
    open_slots(&app.base, &a, &coordinator, meeting, 2).await;
    let member = app.signed_in(&a.email(Role::Member)).await;

    let cases: [(&str, &str, &str, &str); 4] = [
        (
            "concern",
            "Drengen, cpr 150312-1234, er ofte fraværende.",
            "contains_cpr",
            "150312",
        ),
        (
            "tried",
            "Vi har talt med PPR om 15063777711 og hans skolegang.",
            "contains_national_id_no",
            "15063777711",
        ),
        (
            "question",
            "Skal vi ringe til mor på 23 45 67 89 igen?",
            "contains_phone",
            "23 45 67 89",
        ),
        (
            "concern",
            "Skriv til familien på mor.familie@example.org om det.",
            "contains_email",
            "mor.familie",
        ),
    ];
    for (field, text, code, found) in cases {
        let mut body = clean_case();
        body[field] = json!(text);
        let (status, problem) = submit(&app.base, &a, &member, meeting, &body).await;
        assert_eq!(status, 422, "{field}: {problem}");
        assert!(
            field_codes(&problem).contains(&(field.to_owned(), code.to_owned())),
            "{field}: {problem}"
        );
        assert!(
            !problem.to_string().contains(found),
            "the problem echoes what it found: {problem}"
        );
    }

    // Consent texts pass the guard too, named inside the consent.
    let mut body = clean_case();
    body["mode"] = json!("with_consent");
    body["consent"] = json!({
        "decision": "given",
        "given_by": "parent_or_guardian",
        "scope": "Skolegang og trivsel",
        "receiving_services": ["PPR", "Sundhedsplejen"],
        "purpose": "Drøftelse – ring på +45 23 45 67 89",
        "valid_until": (app.clock_now() + Duration::days(90)).date_naive().to_string(),
        "form": "written",
    });
    let (status, problem) = submit(&app.base, &a, &member, meeting, &body).await;
    assert_eq!(status, 422, "{problem}");
    assert_eq!(
        field_codes(&problem),
        [("consent.purpose".to_owned(), "contains_phone".to_owned())]
    );

    // Nothing was booked or stored.
    let (status, slots) = json(
        member
            .get(api(
                &app.base,
                &a,
                &format!("/meetings/{meeting}/case-slots"),
            ))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 200);
    assert!(
        slots["items"]
            .as_array()
            .unwrap()
            .iter()
            .all(|s| s["booked"] == false)
    );
    assert_eq!(
        count(
            app.services.db.raw(),
            "SELECT COUNT(*) AS n FROM case_submissions"
        )
        .await,
        0
    );
    assert_eq!(
        count(
            app.services.db.raw(),
            "SELECT COUNT(*) AS n FROM consent_records"
        )
        .await,
        0
    );

    // What looks like a name asks for confirmation; confirmed, it is accepted.
    let mut body = clean_case();
    body["mode"] = json!("with_consent");
    body["consent"] = json!({
        "decision": "given",
        "given_by": "young_person",
        "scope": "Skolegang og trivsel",
        "receiving_services": ["PPR"],
        "purpose": "Drøftelse i det tværfaglige team",
        "valid_until": (app.clock_now() + Duration::days(90)).date_naive().to_string(),
        "form": "oral",
        "recorded_by": "Mette Hansen",
        "recorded_at": (app.clock_now() - Duration::hours(2)).to_rfc3339(),
    });
    let (status, problem) = submit(&app.base, &a, &member, meeting, &body).await;
    assert_eq!(status, 422, "{problem}");
    assert_eq!(
        field_codes(&problem),
        [("consent.recorded_by".to_owned(), "possible_name".to_owned())]
    );
    body["confirmed"] = json!(true);
    let (status, case) = submit(&app.base, &a, &member, meeting, &body).await;
    assert_eq!(status, 200, "{case}");
    assert_eq!(case["mode"], "with_consent");
    assert_eq!(case["details_state"], "shown");
    assert_eq!(case["consents"][0]["status"], "valid");
    assert_eq!(case["consents"][0]["recorded_by"], "Mette Hansen");

    // The operations are in the API's document, under their own tag.
    let (_, doc) = json(reqwest::get(app.url("/api/v1/openapi.json")).await.unwrap()).await;
    let submit_op = &doc["paths"]["/networks/{slug}/meetings/{id}/cases"]["post"];
    assert_eq!(submit_op["tags"], json!(["Consultations"]), "{submit_op}");
    assert!(submit_op["responses"]["422"]["content"]["application/problem+json"].is_object());
    for path in [
        "/networks/{slug}/meetings/{id}/case-slots",
        "/networks/{slug}/cases/{case_id}",
        "/networks/{slug}/cases/{case_id}/consents",
        "/networks/{slug}/cases/{case_id}/consents/{consent_id}/withdraw",
        "/networks/{slug}/cases/{case_id}/access-log",
    ] {
        assert!(doc["paths"][path].is_object(), "{path} undocumented");
    }

    // Edits pass the guard as well.
    let id = case["id"].as_str().unwrap();
    let (status, problem) = json(
        member
            .patch(api(&app.base, &a, &format!("/cases/{id}")))
            .json(&json!({ "question": "Må vi ringe til 23 45 67 89 i kommunen?" }))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 422, "{problem}");
    assert_eq!(field_codes(&problem)[0].0, "question");
    app.stop().await;
}

#[tokio::test]
async fn the_web_form_shows_the_guards_message_next_to_the_field() {
    let app = TestApp::spawn().await;
    let a = app.seed("netvaerk-a").await;
    let meeting = consultation(&app, &a, "Tværfagligt drøftelsesmøde").await;
    let coordinator = app.signed_in(&a.email(Role::Coordinator)).await;
    open_slots(&app.base, &a, &coordinator, meeting, 1).await;
    let (web, csrf) = browser(&app.base, &a.email(Role::Member), a.slug()).await;

    let page = web
        .get(app.url(&format!("/n/{}/meetings/{meeting}/cases", a.slug())))
        .send()
        .await
        .unwrap();
    assert_eq!(page.status(), 200);
    let html = page.text().await.unwrap();
    assert!(html.contains("cases/new?slot=1"), "{html}");

    let form = web
        .get(app.url(&format!(
            "/n/{}/meetings/{meeting}/cases/new?slot=1",
            a.slug()
        )))
        .send()
        .await
        .unwrap();
    assert_eq!(form.status(), 200);

    let url = app.url(&format!("/n/{}/meetings/{meeting}/cases", a.slug()));
    let post = |fields: Vec<(&'static str, String)>| {
        let web = web.clone();
        let url = url.clone();
        let csrf = csrf.clone();
        async move {
            let mut form = vec![("csrf", csrf)];
            form.extend(fields);
            let response = web.post(&url).form(&form).send().await.unwrap();
            let status = response.status().as_u16();
            let location = response
                .headers()
                .get("location")
                .map(|l| l.to_str().unwrap().to_owned());
            (status, location, response.text().await.unwrap())
        }
    };
    let base_fields = |concern: &str, tried: &str, question: &str| {
        vec![
            ("case_slot", "1".to_owned()),
            ("case_age_band", "10-12".to_owned()),
            ("case_sector_school", "1".to_owned()),
            ("case_concern", concern.to_owned()),
            ("case_tried", tried.to_owned()),
            ("case_question", question.to_owned()),
            ("case_mode", "anonymous".to_owned()),
        ]
    };

    for (fields, field, message) in [
        (
            base_fields("Pigen med cpr 150312-1234 mistrives.", "", "Hvad gør vi?"),
            "case_concern",
            "Indeholder et CPR-nummer",
        ),
        (
            base_fields("Pigen mistrives.", "Talt med 15063777711.", "Hvad gør vi?"),
            "case_tried",
            "fødselsnummer",
        ),
        (
            base_fields("Pigen mistrives.", "", "Skal vi ringe 23 45 67 89?"),
            "case_question",
            "Indeholder et telefonnummer",
        ),
    ] {
        let (status, _, html) = post(fields).await;
        assert_eq!(status, 422, "{html}");
        let error = html
            .split(&format!("id=\"f-{field}-error\""))
            .nth(1)
            .unwrap_or_else(|| panic!("no message at {field}: {html}"));
        let error = &error[..error.find("</p>").unwrap()];
        assert!(error.contains(message), "{field}: {error}");
    }
    assert_eq!(
        count(
            app.services.db.raw(),
            "SELECT COUNT(*) AS n FROM case_submissions"
        )
        .await,
        0
    );

    // A suspected name: the form asks to confirm, and accepts once confirmed.
    let fields = base_fields(
        "Pigen bor hos Mette Hansen i weekenderne og mistrives.",
        "",
        "Hvad gør vi?",
    );
    let (status, _, html) = post(fields.clone()).await;
    assert_eq!(status, 422, "{html}");
    assert!(html.contains("id=\"f-case_concern-error\""), "{html}");
    assert!(html.contains("name=\"confirmed\""), "{html}");
    let mut confirmed = fields;
    confirmed.push(("confirmed", "1".to_owned()));
    let (status, location, html) = post(confirmed).await;
    assert_eq!(status, 303, "{html}");
    let location = location.unwrap();
    assert!(location.contains("/cases/"), "{location}");

    let case_page = web.get(app.url(&location)).send().await.unwrap();
    assert_eq!(case_page.status(), 200);
    let html = case_page.text().await.unwrap();
    assert!(html.contains("Pigen bor hos Mette Hansen"), "{html}");
    assert!(
        html.contains("Adgangslog"),
        "the submitter sees the access log: {html}"
    );

    // A consent recorded on the case page: an oral one names who recorded it, which the guard
    // takes for a name until confirmed.
    let case_url = app.url(location.split('?').next().unwrap());
    let consent_url = format!("{case_url}/consents");
    let today = app.clock_now().date_naive();
    let consent = |confirmed: bool| {
        let mut form = vec![
            ("csrf", csrf.clone()),
            ("consent_decision", "given".to_owned()),
            ("consent_given_by", "parent_or_guardian".to_owned()),
            ("consent_scope", "Trivsel i skolen".to_owned()),
            (
                "consent_receiving_services",
                "PPR\nSundhedsplejen".to_owned(),
            ),
            ("consent_purpose", "Drøftelse i teamet".to_owned()),
            (
                "consent_valid_until",
                (today + Duration::days(60)).to_string(),
            ),
            ("consent_form", "oral".to_owned()),
            ("consent_recorded_by", "Mette Hansen".to_owned()),
            ("consent_recorded_at_date", today.to_string()),
            ("consent_recorded_at_time", "00:00".to_owned()),
        ];
        if confirmed {
            form.push(("confirmed", "1".to_owned()));
        }
        form
    };
    let response = web
        .post(&consent_url)
        .form(&consent(false))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 422);
    let html = response.text().await.unwrap();
    assert!(
        html.contains("id=\"f-consent_recorded_by-error\""),
        "{html}"
    );
    assert!(html.contains("name=\"confirmed\""), "{html}");
    let response = web
        .post(&consent_url)
        .form(&consent(true))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 303, "{}", response.text().await.unwrap());
    let page = web.get(&case_url).send().await.unwrap();
    let html = page.text().await.unwrap();
    assert!(html.contains("Samtykke givet"), "{html}");
    let withdraw = html
        .split("action=\"")
        .map(|rest| &rest[..rest.find('"').unwrap()])
        .find(|action| action.ends_with("/withdraw") && action.contains("/consents/"))
        .unwrap_or_else(|| panic!("no withdraw button: {html}"))
        .to_owned();
    let response = web
        .post(app.url(&withdraw))
        .form(&[("csrf", csrf.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 303);
    let page = web.get(&case_url).send().await.unwrap();
    assert!(page.text().await.unwrap().contains("trukket tilbage"));

    // The coordinator adds slots through the cases page; too many are refused at the field.
    let (organiser, organiser_csrf) =
        browser(&app.base, &a.email(Role::Coordinator), a.slug()).await;
    let slots_url = app.url(&format!("/n/{}/meetings/{meeting}/case-slots", a.slug()));
    let response = organiser
        .post(&slots_url)
        .form(&[("csrf", organiser_csrf.as_str()), ("count", "2")])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 303);
    let response = organiser
        .post(&slots_url)
        .form(&[("csrf", organiser_csrf.as_str()), ("count", "99")])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 422);
    assert!(
        response
            .text()
            .await
            .unwrap()
            .contains("id=\"f-count-error\"")
    );
    let page = organiser
        .get(app.url(&format!("/n/{}/meetings/{meeting}/cases", a.slug())))
        .send()
        .await
        .unwrap();
    let html = page.text().await.unwrap();
    assert!(html.contains("Plads 3"), "{html}");
    assert!(
        html.contains("Pigen bor hos Mette Hansen"),
        "organisers read the cases: {html}"
    );
    app.stop().await;
}

// ---------------------------------------------------------------------------------------------
// Who reads a case
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn only_the_submitter_organisers_and_participants_read_a_case_and_each_read_is_logged() {
    let app = TestApp::spawn().await;
    let a = app.seed("netvaerk-a").await;
    let b = app.seed("netvaerk-b").await;
    let meeting = consultation(&app, &a, "Tværfagligt drøftelsesmøde").await;
    let other_meeting = consultation(&app, &a, "Drøftelsesmøde for indskolingen").await;
    let (participant, _) = add_member(&app, &a, "deltager", Role::Member).await;
    let (elsewhere, _) = add_member(&app, &a, "andetsteds", Role::Member).await;
    let (unregistered, _) = add_member(&app, &a, "uregistreret", Role::Member).await;
    register(&app, &a, &participant, meeting).await;
    register(&app, &a, &elsewhere, other_meeting).await;

    let coordinator = app.signed_in(&a.email(Role::Coordinator)).await;
    open_slots(&app.base, &a, &coordinator, meeting, 3).await;
    open_slots(&app.base, &a, &coordinator, other_meeting, 1).await;
    let submitter = app.signed_in(&a.email(Role::Member)).await;
    let (status, case) = submit(&app.base, &a, &submitter, meeting, &clean_case()).await;
    assert_eq!(status, 200, "{case}");
    assert_eq!(case["mode"], "anonymous");
    assert_eq!(case["slot_number"], 1);
    let id = case["id"].as_str().unwrap().to_owned();

    // Allowed: the submitter, an organiser, a registered participant.
    let participant = app.signed_in(&participant).await;
    for (who, client) in [
        ("submitter", &submitter),
        ("coordinator", &coordinator),
        ("participant", &participant),
    ] {
        let (status, body) = get_case(&app.base, &a, client, &id).await;
        assert_eq!(status, 200, "{who}: {body}");
        assert_eq!(
            body["details"]["question"],
            "Hvordan kan skolen og sundhedsplejen samarbejde om en plan?",
            "{who}"
        );
        assert_eq!(
            body["details"]["sectors"],
            json!(["school", "Familieafdelingen"])
        );
    }
    let (status, list) = json(
        participant
            .get(api(&app.base, &a, &format!("/meetings/{meeting}/cases")))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 200);
    assert_eq!(list["items"].as_array().unwrap().len(), 1);

    // Not allowed: a participant of another meeting, a member not registered, a member of
    // another network (under either network's address), an organisation's token.
    let elsewhere = app.signed_in(&elsewhere).await;
    let unregistered = app.signed_in(&unregistered).await;
    let foreigner = app.signed_in(&b.email(Role::Owner)).await;
    for (who, client) in [
        ("participant of another meeting", &elsewhere),
        ("member not registered", &unregistered),
        ("member of another network", &foreigner),
    ] {
        let (status, body) = get_case(&app.base, &a, client, &id).await;
        assert_eq!(status, 404, "{who}: {body}");
        assert!(!body.to_string().contains("fravær"), "{who}: {body}");
        for path in [format!("/cases/{id}/access-log")] {
            let response = client.get(api(&app.base, &a, &path)).send().await.unwrap();
            assert_eq!(response.status(), 404, "{who} {path}");
        }
        let response = client
            .patch(api(&app.base, &a, &format!("/cases/{id}")))
            .json(&json!({ "question": "Noget andet?" }))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 404, "{who} PATCH");
        // Web pages too.
        let response = client
            .get(app.url(&format!("/n/{}/cases/{id}", a.slug())))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 404, "{who} web");
    }
    let (status, _) = get_case(&app.base, &b, &foreigner, &id).await;
    assert_eq!(status, 404, "under the foreigner's own network");
    for client in [&elsewhere, &unregistered] {
        let (status, list) = json(
            client
                .get(api(&app.base, &a, &format!("/meetings/{meeting}/cases")))
                .send()
                .await
                .unwrap(),
        )
        .await;
        assert_eq!(status, 200);
        assert!(list["items"].as_array().unwrap().is_empty(), "{list}");
    }

    // The access log: every allowed read, by whom; for coordinators and the submitter only.
    let (status, log) = json(
        submitter
            .get(api(&app.base, &a, &format!("/cases/{id}/access-log")))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 200, "{log}");
    let reads: Vec<(String, String)> = log["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["user_name"].as_str().unwrap().to_owned(),
                e["action"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    for name in [
        "member netvaerk-a",
        "coordinator netvaerk-a",
        "deltager netvaerk-a",
    ] {
        assert!(
            reads.contains(&(name.to_owned(), "read".to_owned())),
            "{name} read: {reads:?}"
        );
    }
    assert!(reads.contains(&("member netvaerk-a".to_owned(), "submit".to_owned())));
    // Reads: three single reads and the participant's list.
    assert_eq!(
        reads.iter().filter(|(_, a)| a == "read").count(),
        4,
        "{reads:?}"
    );
    for name in [
        "andetsteds netvaerk-a",
        "uregistreret netvaerk-a",
        "owner netvaerk-b",
    ] {
        assert!(!reads.iter().any(|(n, _)| n == name), "{name}: {reads:?}");
    }
    let response = coordinator
        .get(api(&app.base, &a, &format!("/cases/{id}/access-log")))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    let response = participant
        .get(api(&app.base, &a, &format!("/cases/{id}/access-log")))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 403);

    // The organisers are told that a case came in: a link, no content.
    assert!(app.mails().is_empty());
    app.drain().await;
    let mails = app.mails();
    let coordinator_email = a.email(Role::Coordinator);
    let told: Vec<&String> = mails
        .iter()
        .filter(|m| m.contains(&coordinator_email))
        .collect();
    assert_eq!(told.len(), 1, "{mails:?}");
    let told = readable(told[0]);
    assert!(
        told.contains(&format!("/n/{}/meetings/{meeting}/cases", a.slug())),
        "{told}"
    );
    for mail in mails.iter().map(|m| readable(m)) {
        for text in [
            "kammeraterne",
            "Familieafdelingen",
            "sundhedsplejen",
            " 13-15",
        ] {
            assert!(!mail.contains(text), "a mail carries {text:?}: {mail}");
        }
    }
    app.stop().await;
}

#[tokio::test]
async fn a_withdrawn_consent_hides_the_case_and_the_submitter_edits_and_withdraws() {
    let app = TestApp::spawn().await;
    let a = app.seed("netvaerk-a").await;
    let meeting = consultation(&app, &a, "Tværfagligt drøftelsesmøde").await;
    let coordinator = app.signed_in(&a.email(Role::Coordinator)).await;
    open_slots(&app.base, &a, &coordinator, meeting, 2).await;
    let submitter = app.signed_in(&a.email(Role::Member)).await;

    let mut body = clean_case();
    body["mode"] = json!("with_consent");
    let (status, problem) = submit(&app.base, &a, &submitter, meeting, &body).await;
    assert_eq!(status, 422);
    assert_eq!(
        field_codes(&problem),
        [("consent".to_owned(), "required".to_owned())]
    );
    body["consent"] = json!({
        "decision": "given",
        "given_by": "parent_or_guardian",
        "scope": "Skolegang og trivsel",
        "receiving_services": ["PPR", "Sundhedsplejen"],
        "purpose": "Drøftelse i det tværfaglige team",
        "valid_until": (app.clock_now() + Duration::days(90)).date_naive().to_string(),
        "form": "written",
    });
    body["slot_number"] = json!(2);
    let (status, case) = submit(&app.base, &a, &submitter, meeting, &body).await;
    assert_eq!(status, 200, "{case}");
    assert_eq!(case["slot_number"], 2);
    let id = case["id"].as_str().unwrap().to_owned();
    let consent = case["consents"][0]["id"].as_str().unwrap().to_owned();

    // The slot is taken.
    let (status, problem) = submit(&app.base, &a, &coordinator, meeting, &body).await;
    assert_eq!(status, 409, "{problem}");
    assert_eq!(problem["errors"][0]["code"], "slot_taken");

    let (status, withdrawn) = json(
        coordinator
            .post(api(
                &app.base,
                &a,
                &format!("/cases/{id}/consents/{consent}/withdraw"),
            ))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 200, "{withdrawn}");
    assert_eq!(withdrawn["status"], "withdrawn");
    for client in [&coordinator, &submitter] {
        let (status, case) = get_case(&app.base, &a, client, &id).await;
        assert_eq!(status, 200);
        assert_eq!(case["details_state"], "consent_withdrawn");
        assert!(case.get("details").is_none(), "{case}");
        assert_eq!(case["age_band"], "13-15");
    }

    // Made anonymous again only with new texts.
    let (status, problem) = json(
        submitter
            .patch(api(&app.base, &a, &format!("/cases/{id}")))
            .json(&json!({ "mode": "anonymous" }))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 422, "{problem}");
    let (status, case) = json(
        submitter
            .patch(api(&app.base, &a, &format!("/cases/{id}")))
            .json(&json!({
                "mode": "anonymous",
                "concern": "En elev i udskolingen har højt fravær.",
                "tried": "Samtaler i skolen.",
                "question": "Hvilke tilbud kan hjælpe?",
            }))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 200, "{case}");
    assert_eq!(case["details_state"], "shown");
    assert_eq!(case["details"]["question"], "Hvilke tilbud kan hjælpe?");

    // Others may not edit; the submitter withdraws and the slot is free again.
    let response = coordinator
        .patch(api(&app.base, &a, &format!("/cases/{id}")))
        .json(&json!({ "question": "Noget andet?" }))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 403);
    let response = submitter
        .delete(api(&app.base, &a, &format!("/cases/{id}")))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 204);
    let (status, _) = get_case(&app.base, &a, &submitter, &id).await;
    assert_eq!(status, 404);
    assert_eq!(
        count(
            app.services.db.raw(),
            "SELECT COUNT(*) AS n FROM consent_records"
        )
        .await,
        0
    );
    let (_, slots) = json(
        submitter
            .get(api(
                &app.base,
                &a,
                &format!("/meetings/{meeting}/case-slots"),
            ))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert!(
        slots["items"]
            .as_array()
            .unwrap()
            .iter()
            .all(|s| s["booked"] == false),
        "{slots}"
    );
    app.stop().await;
}

// ---------------------------------------------------------------------------------------------
// Retention
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn after_the_retention_period_the_text_consents_and_minutes_are_gone() {
    let app = TestApp::spawn().await;
    let a = app.seed("netvaerk-a").await;
    let meeting = consultation(&app, &a, "Tværfagligt drøftelsesmøde").await;
    let coordinator = app.signed_in(&a.email(Role::Coordinator)).await;
    open_slots(&app.base, &a, &coordinator, meeting, 1).await;
    let submitter = app.signed_in(&a.email(Role::Member)).await;
    let mut body = clean_case();
    body["consent"] = json!({
        "decision": "refused",
        "given_by": "parent_or_guardian",
        "form": "written",
    });
    let (status, case) = submit(&app.base, &a, &submitter, meeting, &body).await;
    assert_eq!(status, 200, "{case}");
    assert_eq!(case["consents"][0]["status"], "refused");
    let id = case["id"].as_str().unwrap().to_owned();

    // Minutes and an action item of the meeting, as the minutes feature writes them.
    let db = app.services.db.raw();
    let backend = db.get_database_backend();
    let now = app.clock_now();
    db.execute_raw(Statement::from_sql_and_values(
        backend,
        "INSERT INTO meeting_minutes (tenant_id, meeting_id, minutes, decisions, updated_by, updated_at) VALUES ($1, $2, $3, $4, NULL, $5)",
        [
            a.network.id.0.into(),
            meeting.0.into(),
            "Gruppen drøftede fraværet.".into(),
            "Skolen indkalder til møde.".into(),
            now.into(),
        ],
    ))
    .await
    .unwrap();
    db.execute_raw(Statement::from_sql_and_values(
        backend,
        "INSERT INTO action_items (tenant_id, meeting_id, id, series_id, text, owner, due_on, status, carried_from_id, created_at, updated_at) VALUES ($1, $2, $3, NULL, $4, $5, NULL, 'open', NULL, $6, $6)",
        [
            a.network.id.0.into(),
            meeting.0.into(),
            uuid::Uuid::now_v7().into(),
            "Indkald til netværksmøde".into(),
            "Skolen".into(),
            now.into(),
        ],
    ))
    .await
    .unwrap();

    // The day before the period ends nothing is deleted.
    let ends = now + Duration::days(7) + Duration::hours(2);
    app.clock.set(ends + Duration::days(29));
    app.drain().await;
    // (Sessions last 30 days: sign in again after the clock moved.)
    let submitter = app.signed_in(&a.email(Role::Member)).await;
    let (status, case) = get_case(&app.base, &a, &submitter, &id).await;
    assert_eq!(status, 200);
    assert_eq!(case["details_state"], "shown");
    assert_eq!(
        count(db, "SELECT COUNT(*) AS n FROM meeting_minutes").await,
        1
    );

    app.clock
        .set(ends + Duration::days(30) + Duration::minutes(1));
    app.drain().await;
    let submitter = app.signed_in(&a.email(Role::Member)).await;
    let (status, case) = get_case(&app.base, &a, &submitter, &id).await;
    assert_eq!(status, 200, "the row stays, as a count");
    assert_eq!(case["details_state"], "purged");
    assert!(case.get("details").is_none(), "{case}");
    assert!(case["purged_at"].is_string(), "{case}");
    assert_eq!(case["consents"], json!([]));
    let texts = count(
        db,
        "SELECT COUNT(*) AS n FROM case_submissions WHERE concern <> '' OR tried <> '' OR question <> ''",
    )
    .await;
    assert_eq!(texts, 0, "the text is gone");
    assert_eq!(
        count(db, "SELECT COUNT(*) AS n FROM case_submissions").await,
        1
    );
    assert_eq!(
        count(db, "SELECT COUNT(*) AS n FROM consent_records").await,
        0
    );
    assert_eq!(
        count(db, "SELECT COUNT(*) AS n FROM meeting_minutes").await,
        0
    );
    assert_eq!(count(db, "SELECT COUNT(*) AS n FROM action_items").await, 0);
    for word in [
        "kammeraterne",
        "Familieafdelingen",
        "drøftede",
        "netværksmøde",
    ] {
        assert!(
            tables_containing(db, word).await.is_empty(),
            "a table still holds {word:?}"
        );
    }
    app.stop().await;
}

// ---------------------------------------------------------------------------------------------
// The canary
// ---------------------------------------------------------------------------------------------

/// Every table with a row whose text holds `needle`: all tables of the schema, every column
/// read as text.
async fn tables_containing(db: &DatabaseConnection, needle: &str) -> Vec<String> {
    let backend = db.get_database_backend();
    let tables_sql = match backend {
        DbBackend::Postgres => {
            "SELECT table_name AS name FROM information_schema.tables \
             WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'"
        }
        _ => "SELECT name FROM sqlite_master WHERE type = 'table'",
    };
    let tables: Vec<String> = db
        .query_all_raw(Statement::from_string(backend, tables_sql))
        .await
        .unwrap()
        .into_iter()
        .map(|row| row.try_get::<String>("", "name").unwrap())
        .collect();
    assert!(
        tables.len() > 20,
        "only {} tables: {tables:?}",
        tables.len()
    );
    let mut found = Vec::new();
    for table in tables {
        let hits: i64 = match backend {
            DbBackend::Postgres => {
                // The whole row as text: every column, JSON included.
                let sql = format!(
                    "SELECT COUNT(*) AS n FROM \"{table}\" AS r WHERE strpos(r::text, $1) > 0"
                );
                db.query_one_raw(Statement::from_sql_and_values(
                    backend,
                    &sql,
                    [needle.into()],
                ))
                .await
                .unwrap()
                .unwrap()
                .try_get("", "n")
                .unwrap()
            }
            _ => {
                let columns: Vec<String> = db
                    .query_all_raw(Statement::from_string(
                        backend,
                        format!("SELECT name FROM pragma_table_info('{table}')"),
                    ))
                    .await
                    .unwrap()
                    .into_iter()
                    .map(|row| row.try_get::<String>("", "name").unwrap())
                    .collect();
                let any = columns
                    .iter()
                    .map(|c| format!("instr(CAST(\"{c}\" AS TEXT), $1) > 0"))
                    .collect::<Vec<_>>()
                    .join(" OR ");
                let sql = format!("SELECT COUNT(*) AS n FROM \"{table}\" WHERE {any}");
                db.query_one_raw(Statement::from_sql_and_values(
                    backend,
                    &sql,
                    [needle.into()],
                ))
                .await
                .unwrap()
                .unwrap()
                .try_get("", "n")
                .unwrap()
            }
        };
        if hits > 0 {
            found.push(table);
        }
    }
    found.sort();
    found
}

/// Every file under `dir` whose bytes hold `needle`.
fn files_containing(dir: &std::path::Path, needle: &[u8]) -> Vec<std::path::PathBuf> {
    let mut found = Vec::new();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return found;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            found.extend(files_containing(&path, needle));
        } else if let Ok(bytes) = std::fs::read(&path)
            && bytes.windows(needle.len()).any(|w| w == needle)
        {
            found.push(path);
        }
    }
    found
}

/// A word no text has ever held: a fresh UUID's hex digits as letters.
fn marker() -> String {
    uuid::Uuid::new_v4()
        .simple()
        .to_string()
        .chars()
        .map(|c| match c.to_digit(16) {
            Some(d) => char::from(b'g' + d as u8),
            None => c,
        })
        .collect()
}

#[tokio::test]
async fn canary_a_cases_text_reaches_no_log_mail_index_job_or_other_table() {
    let app = TestApp::spawn().await;
    let a = app.seed("netvaerk-a").await;
    let meeting = consultation(&app, &a, "Tværfagligt drøftelsesmøde").await;
    let (participant, _) = add_member(&app, &a, "deltager", Role::Member).await;
    register(&app, &a, &participant, meeting).await;
    // Everything due so far (the meeting's indexing) is done before the canary flies.
    app.drain().await;

    let needle = marker();
    let word = format!("markør-{needle}");
    // The consent's texts carry a marker of their own: they belong to the consent record.
    let consent_needle = marker();
    let consent_word = format!("markør-{consent_needle}");
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let addr = format!("127.0.0.1:{port}");
    let base = format!("http://{addr}");
    let trace = [
        ("SAMVIRKE__LOG__LEVEL", "trace"),
        ("SAMVIRKE__SERVER__ADDR", addr.as_str()),
    ];
    let mut http = ChildProcess::start(
        &app.settings,
        app.dir.path(),
        "canary-http",
        &["http"],
        &trace,
    );
    eventually(30, "the server to be ready", || async {
        reqwest::get(format!("{base}/readyz"))
            .await
            .is_ok_and(|r| r.status() == 200)
    })
    .await;

    let sign_in = |email: String| {
        let base = base.clone();
        async move {
            let client = reqwest::Client::builder()
                .cookie_store(true)
                .redirect(reqwest::redirect::Policy::none())
                .build()
                .unwrap();
            let response = client
                .post(format!("{base}/api/v1/session"))
                .json(&json!({ "email": email, "password": PASSWORD }))
                .send()
                .await
                .unwrap();
            assert_eq!(response.status(), 200);
            client
        }
    };
    let coordinator = sign_in(a.email(Role::Coordinator)).await;
    open_slots(&base, &a, &coordinator, meeting, 1).await;
    let submitter = sign_in(a.email(Role::Member)).await;
    let body = json!({
        "age_band": "6-9",
        "sectors": ["school", format!("tjeneste {word}")],
        "concern": format!("Bekymring om trivsel, {word}, i indskolingen."),
        "tried": format!("Samtaler, {word}."),
        "question": format!("Hvad kan vi gøre, {word}?"),
        "mode": "with_consent",
        "consent": {
            "decision": "given",
            "given_by": "parent_or_guardian",
            "scope": format!("Skolegang {consent_word}"),
            "receiving_services": [format!("PPR {consent_word}")],
            "purpose": format!("Drøftelse {consent_word}"),
            "valid_until": (chrono::Utc::now() + Duration::days(60)).date_naive().to_string(),
            "form": "written",
        },
        "confirmed": true,
    });
    let (status, case) = submit(&base, &a, &submitter, meeting, &body).await;
    assert_eq!(status, 200, "{case}");
    let id = case["id"].as_str().unwrap().to_owned();

    // The job waiting for the worker carries the case's id and nothing else.
    let db = app.services.db.raw();
    let payloads: Vec<String> = db
        .query_all_raw(Statement::from_string(
            db.get_database_backend(),
            "SELECT CAST(payload AS TEXT) AS p FROM jobs WHERE kind = 'notify_case_submitted'",
        ))
        .await
        .unwrap()
        .into_iter()
        .map(|row| row.try_get::<String>("", "p").unwrap())
        .collect();
    assert_eq!(payloads.len(), 1, "{payloads:?}");
    let payload: Value = serde_json::from_str(&payloads[0]).unwrap();
    assert_eq!(
        payload,
        json!({ "kind": "notify_case_submitted", "case_id": id })
    );

    // The worker runs it.
    let mut worker = ChildProcess::start(
        &app.settings,
        app.dir.path(),
        "canary-worker",
        &["worker"],
        &[("SAMVIRKE__LOG__LEVEL", "trace")],
    );
    eventually(60, "the worker to mail the organisers", || async {
        count(
            db,
            "SELECT COUNT(*) AS n FROM jobs WHERE kind = 'notify_case_submitted'",
        )
        .await
            == 0
            && !app.mails().is_empty()
    })
    .await;

    // Pages and API reads, by the submitter, an organiser and a participant.
    let participant = sign_in(participant).await;
    for client in [&submitter, &coordinator, &participant] {
        let (status, read) = get_case(&base, &a, client, &id).await;
        assert_eq!(status, 200, "{read}");
        assert!(
            read["details"]["concern"]
                .as_str()
                .unwrap()
                .contains(&needle)
        );
        for path in [
            format!("/n/{}/cases/{id}", a.slug()),
            format!("/n/{}/meetings/{meeting}/cases", a.slug()),
            format!("/n/{}/cases/{id}/edit", a.slug()),
        ] {
            let response = client.get(format!("{base}{path}")).send().await.unwrap();
            let status = response.status().as_u16();
            let html = response.text().await.unwrap();
            let editor = std::ptr::eq(client, &submitter);
            match (path.ends_with("/edit"), editor) {
                (true, false) => assert_eq!(status, 403, "{path}"),
                _ => {
                    assert_eq!(status, 200, "{path}: {html}");
                    assert!(html.contains(&needle), "{path}: {html}");
                }
            }
        }
        let response = client
            .get(api(&base, &a, &format!("/meetings/{meeting}/cases")))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 200);
        let response = client
            .get(api(&base, &a, &format!("/cases/{id}/access-log")))
            .send()
            .await
            .unwrap();
        assert!(matches!(response.status().as_u16(), 200 | 403));
    }
    // Search, through the API and in the index's files.
    for client in [&submitter, &coordinator] {
        let (status, found) = json(
            client
                .get(api(&base, &a, "/search"))
                .query(&[("q", needle.as_str())])
                .send()
                .await
                .unwrap(),
        )
        .await;
        assert_eq!(status, 200, "{found}");
        assert_eq!(found["total"], 0, "{found}");
    }
    for marker in [&needle, &consent_needle] {
        let indexed = files_containing(&app.settings.index_dir(), &marker.as_bytes()[..20]);
        assert!(
            indexed.is_empty(),
            "the search index holds the marker: {indexed:?}"
        );
    }
    assert!(
        std::fs::read_dir(app.settings.index_dir()).is_ok(),
        "the index folder exists"
    );

    http.kill();
    worker.kill();

    // No log line, at TRACE level, of either process.
    // The processes logged at their most verbose (the worker's short run may hold no event
    // finer than DEBUG; the server's certainly does).
    let logs = [http.log_text(), worker.log_text()];
    assert!(
        logs[0].contains("\"level\":\"TRACE\""),
        "the server is not logging at TRACE"
    );
    for (process, log) in [&http, &worker].into_iter().zip(&logs) {
        assert!(
            log.contains("\"level\":\"DEBUG\"") || log.contains("\"level\":\"TRACE\""),
            "{} is not logging below INFO",
            process.log.display()
        );
        for marker in [&needle, &consent_needle] {
            assert!(
                !log.contains(marker.as_str()),
                "{} logs the marker",
                process.log.display()
            );
        }
    }
    // No mail.
    let mails = app.mails();
    assert!(!mails.is_empty());
    for mail in mails.iter().map(|m| readable(m)) {
        for marker in [&needle, &consent_needle] {
            assert!(
                !mail.contains(marker.as_str()),
                "a mail holds the marker: {mail}"
            );
        }
        assert!(!mail.contains(" 6-9"), "a mail holds the age band: {mail}");
    }
    // No job payload, and no table but the case's own.
    assert_eq!(tables_containing(db, &needle).await, ["case_submissions"]);
    assert_eq!(
        tables_containing(db, &consent_needle).await,
        ["consent_records"]
    );
    app.stop().await;
}
