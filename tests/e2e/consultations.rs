//! Case consultations: the identifier guard at the API and in the web form, who may read a case
//! (and that each read is logged), retention, and the canary that proves a case's text stays in
//! its own table — not in logs at TRACE level, mail, the search index or job payloads.

use chrono::Duration;
use domain::consultations;
use domain::identity::{self, NewUser};
use domain::ids::{MeetingId, OrganisationId, UserId};
use domain::meetings::{
    self, LocationMode, MeetingKind, MeetingVisibility, NewMeeting, NewRegistration,
    RegistrationSettings, RegistrationStatus,
};
use domain::people::Sector;
use domain::people::members;
use domain::people::organisations::{self, NewOrganisation};
use domain::policy::Role;
use domain::tenancy::{self, TenantScope};
use domain::tokens::{self, NewToken};
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
    add_member_of(app, network, name, role, network.organisation.id).await
}

/// Another member of a network from `organisation`, with their e-mail address.
async fn add_member_of(
    app: &TestApp,
    network: &Seeded,
    name: &str,
    role: Role,
    organisation: OrganisationId,
) -> (String, UserId) {
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
    members::add(svc, &network.scope, user.id, Some(organisation), role)
        .await
        .unwrap();
    (email, user.id)
}

/// A published consultation meeting a week from now, with the coordinator as contact person.
async fn consultation(app: &TestApp, network: &Seeded, title: &str) -> MeetingId {
    let contact = network.person(Role::Coordinator).user_id;
    consultation_with(app, network, title, contact, MeetingVisibility::Network).await
}

/// A published consultation meeting a week from now with this contact person.
async fn consultation_with(
    app: &TestApp,
    network: &Seeded,
    title: &str,
    contact: UserId,
    visibility: MeetingVisibility,
) -> MeetingId {
    let starts = app.clock_now() + Duration::days(7);
    let meeting = meetings::create(
        &app.services,
        &network.scope,
        NewMeeting {
            kind: MeetingKind::CaseConsultation,
            visibility,
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
            contact_user_id: Some(contact),
            moderator_user_id: None,
            invitee_user_ids: vec![],
            publish: true,
        },
    )
    .await
    .unwrap();
    meeting.id
}

/// A member's scope in a network, as if signed in.
async fn member_scope(app: &TestApp, network: &Seeded, user: UserId) -> TenantScope {
    let current = identity::CurrentUser {
        id: user,
        session_id: domain::ids::SessionId::new(),
        email: String::new(),
        display_name: String::new(),
        preferred_language: None,
    };
    tenancy::scope_for_user(&app.services, Some(&current), network.slug())
        .await
        .unwrap()
}

/// An organiser approves a member's registration awaiting approval.
async fn approve(app: &TestApp, network: &Seeded, user: UserId, meeting: MeetingId) {
    let svc = &app.services;
    let registration = meetings::registrations(svc, &network.scope, meeting)
        .await
        .unwrap()
        .into_iter()
        .find(|r| r.user_id == Some(user))
        .expect("no registration");
    assert_eq!(registration.status, RegistrationStatus::PendingApproval);
    meetings::decide(svc, &network.scope, meeting, registration.id, true)
        .await
        .unwrap();
}

/// The member confirms the meeting's duty-of-confidentiality declaration.
async fn declare(app: &TestApp, network: &Seeded, user: UserId, meeting: MeetingId) {
    let scope = member_scope(app, network, user).await;
    consultations::declare(&app.services, &scope, meeting)
        .await
        .unwrap();
}

/// Registers a member, approves them and has them confirm the declaration: a reader.
async fn reader(app: &TestApp, network: &Seeded, email: &str, user: UserId, meeting: MeetingId) {
    register(app, network, email, meeting).await;
    approve(app, network, user, meeting).await;
    declare(app, network, user, meeting).await;
}

/// Uploads a file to a target through the API.
async fn upload(
    base: &str,
    network: &Seeded,
    client: &reqwest::Client,
    target: (&str, &str),
    name: &str,
    bytes: Vec<u8>,
) -> (u16, Value) {
    json(
        client
            .post(api(base, network, "/files"))
            .query(&[
                ("target_kind", target.0),
                ("target_id", target.1),
                ("name", name),
            ])
            .header("content-type", "application/octet-stream")
            .body(bytes)
            .send()
            .await
            .unwrap(),
    )
    .await
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
        "receiving_organisations": [a.organisation.id.0],
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

    // A mistyped fødselsnummer (a valid date, failing control digits) asks for confirmation;
    // a compact date is not a phone number.
    let mut body = clean_case();
    body["concern"] = json!("Fødselsnummer 01020312345 står i journalen.");
    body["tried"] = json!("Notat 20240312 beskriver forløbet.");
    let (status, problem) = submit(&app.base, &a, &member, meeting, &body).await;
    assert_eq!(status, 422, "{problem}");
    assert_eq!(
        field_codes(&problem),
        [("concern".to_owned(), "possible_national_id".to_owned())]
    );
    assert!(!problem.to_string().contains("01020312345"), "{problem}");

    // What looks like a name asks for confirmation; confirmed, it is accepted.
    let mut body = clean_case();
    body["mode"] = json!("with_consent");
    body["consent"] = json!({
        "decision": "given",
        "given_by": "young_person",
        "scope": "Skolegang og trivsel",
        "receiving_organisations": [a.organisation.id.0],
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
    declare(&app, &a, a.person(Role::Coordinator).user_id, meeting).await;
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
            // A receiving organisation, ticked from the network's list.
            (
                "consent_receiving_organisations",
                a.organisation.id.to_string(),
            ),
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

/// GET a path of the API, answering the status and the body as text.
async fn fetch(
    base: &str,
    network: &Seeded,
    client: &reqwest::Client,
    path: &str,
) -> (u16, String) {
    let response = client.get(api(base, network, path)).send().await.unwrap();
    let status = response.status().as_u16();
    (status, response.text().await.unwrap())
}

/// The one rule for case material (issue 9, acceptance 3, and Seen items 3 and 4): a partner,
/// an observer, a token, an unapproved registrant, a coordinator who does not organise the
/// meeting and an approved participant who has not confirmed the declaration each get no case
/// text, no consultation file and no minutes (404); the meeting's named organiser and approved
/// participants who confirmed read them — a case with consent only those from a receiving
/// organisation — and every read of a case or a file is in the access log.
#[tokio::test]
async fn case_material_reaches_only_declared_organisers_and_approved_participants() {
    let app = TestApp::spawn().await;
    let a = app.seed("netvaerk-a").await;
    let b = app.seed("netvaerk-b").await;
    let svc = &app.services;
    let health = organisations::create(
        svc,
        &a.scope,
        NewOrganisation {
            name: "Sundhedsplejen netvaerk-a".into(),
            sector: Sector::RegionHospital,
            registry_number: None,
        },
    )
    .await
    .unwrap();
    let (organiser_email, organiser) = add_member(&app, &a, "kontakt", Role::Member).await;
    let meeting = consultation_with(
        &app,
        &a,
        "Tværfagligt drøftelsesmøde",
        organiser,
        MeetingVisibility::Network,
    )
    .await;
    let (reader_email, reader_id) = add_member(&app, &a, "deltager", Role::Member).await;
    let (nurse_email, nurse) =
        add_member_of(&app, &a, "sundhedsplejerske", Role::Member, health.id).await;
    let (undeclared_email, undeclared) = add_member(&app, &a, "uerklaeret", Role::Member).await;
    let (pending_email, _) = add_member(&app, &a, "afventer", Role::Member).await;
    // Seen item 3: a partner registers with one request (and is even approved).
    let partner = a.person(Role::Partner);
    for (email, user) in [
        (reader_email.clone(), reader_id),
        (nurse_email.clone(), nurse),
        (undeclared_email.clone(), undeclared),
        (partner.email.clone(), partner.user_id),
    ] {
        register(&app, &a, &email, meeting).await;
        approve(&app, &a, user, meeting).await;
    }
    register(&app, &a, &pending_email, meeting).await;
    for user in [organiser, reader_id, nurse] {
        declare(&app, &a, user, meeting).await;
    }

    // Cases: one anonymous, one with consent naming the health organisation.
    let coordinator = app.signed_in(&a.email(Role::Coordinator)).await;
    open_slots(&app.base, &a, &coordinator, meeting, 3).await;
    let submitter = app.signed_in(&a.email(Role::Member)).await;
    let (status, case) = submit(&app.base, &a, &submitter, meeting, &clean_case()).await;
    assert_eq!(status, 200, "{case}");
    let anonymous = case["id"].as_str().unwrap().to_owned();
    let mut body = clean_case();
    body["mode"] = json!("with_consent");
    body["concern"] = json!("Sundhedsplejen ser vægttab hos et barn i indskolingen.");
    body["consent"] = json!({
        "decision": "given",
        "given_by": "parent_or_guardian",
        "scope": "Trivsel og sundhed",
        "receiving_organisations": [health.id.0],
        "purpose": "Drøftelse med sundhedsplejen",
        "valid_until": (app.clock_now() + Duration::days(90)).date_naive().to_string(),
        "form": "written",
    });
    let (status, case) = submit(&app.base, &a, &submitter, meeting, &body).await;
    assert_eq!(status, 200, "{case}");
    let consented = case["id"].as_str().unwrap().to_owned();
    assert_eq!(
        case["consents"][0]["receiving_organisations"],
        json!([health.id.0.to_string()])
    );
    // A consent names organisations of this network only.
    let mut foreign = body.clone();
    foreign["consent"]["receiving_organisations"] = json!([b.organisation.id.0]);
    let (status, problem) = submit(&app.base, &a, &submitter, meeting, &foreign).await;
    assert_eq!(status, 422, "{problem}");
    assert_eq!(
        field_codes(&problem),
        [(
            "consent.receiving_organisations".to_owned(),
            "unknown".to_owned()
        )]
    );

    // Seen item 4: files of the meeting and of a case, and the minutes.
    let organiser_client = app.signed_in(&organiser_email).await;
    let meeting_id = meeting.to_string();
    let (status, file) = upload(
        &app.base,
        &a,
        &organiser_client,
        ("meeting", &meeting_id),
        "dagsorden.txt",
        "dagsorden for drøftelsen af fraværssager i indskolingen.".into(),
    )
    .await;
    assert_eq!(status, 201, "{file}");
    assert_eq!(file["guard_status"], "pending");
    let meeting_file = file["id"].as_str().unwrap().to_owned();
    let (status, file) = upload(
        &app.base,
        &a,
        &submitter,
        ("case", &anonymous),
        "handleplan.txt",
        "handleplan: skolen og familien mødes hver anden uge om fraværet.".into(),
    )
    .await;
    assert_eq!(status, 201, "{file}");
    let case_file = file["id"].as_str().unwrap().to_owned();
    // A coordinator who does not organise the material adds no file to it.
    let (status, _) = upload(
        &app.base,
        &a,
        &coordinator,
        ("meeting", &meeting_id),
        "andet.txt",
        "Noget andet.".into(),
    )
    .await;
    assert_eq!(status, 404);
    let (status, minutes) = json(
        organiser_client
            .put(api(&app.base, &a, &format!("/meetings/{meeting}/minutes")))
            .json(&json!({ "minutes": "Gruppen drøftede fraværet og trivslen.", "decisions": "" }))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 200, "{minutes}");
    // The guard reads the files' text; until then only their uploaders see them.
    let (status, _) = fetch(
        &app.base,
        &a,
        &organiser_client,
        &format!("/files/{case_file}/content"),
    )
    .await;
    assert_eq!(status, 404, "a file the guard has not cleared");
    app.drain().await;

    // Readers: the named organiser and the approved participants who confirmed.
    let reader = app.signed_in(&reader_email).await;
    let nurse_client = app.signed_in(&nurse_email).await;
    for (who, client) in [
        ("organiser", &organiser_client),
        ("participant", &reader),
        ("participant from the receiving organisation", &nurse_client),
    ] {
        let (status, body) = get_case(&app.base, &a, client, &anonymous).await;
        assert_eq!(status, 200, "{who}: {body}");
        assert_eq!(
            body["details"]["question"],
            "Hvordan kan skolen og sundhedsplejen samarbejde om en plan?",
            "{who}"
        );
        for path in [
            format!("/files/{meeting_file}/content"),
            format!("/files/{case_file}/content"),
            format!("/meetings/{meeting}/minutes"),
        ] {
            let (status, text) = fetch(&app.base, &a, client, &path).await;
            assert_eq!(status, 200, "{who} {path}: {text}");
        }
        let (status, files) = fetch(
            &app.base,
            &a,
            client,
            &format!("/files?target_kind=meeting&target_id={meeting}"),
        )
        .await;
        assert_eq!(status, 200, "{who}: {files}");
        assert!(files.contains("dagsorden.txt"), "{who}: {files}");
    }
    // A case with consent: only readers from a receiving organisation see what it says.
    let (status, body) = get_case(&app.base, &a, &nurse_client, &consented).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["details_state"], "shown");
    assert!(body.to_string().contains("vægttab"));
    for (who, client) in [("organiser", &organiser_client), ("participant", &reader)] {
        let (status, body) = get_case(&app.base, &a, client, &consented).await;
        assert_eq!(status, 404, "{who}: {body}");
        let (status, list) =
            fetch(&app.base, &a, client, &format!("/meetings/{meeting}/cases")).await;
        assert_eq!(status, 200);
        let list: Value = serde_json::from_str(&list).unwrap();
        let items = list["items"].as_array().unwrap();
        assert_eq!(items.len(), 2, "{who}: {list}");
        let restricted = items.iter().find(|c| c["id"] == consented).unwrap();
        assert_eq!(restricted["details_state"], "restricted", "{who}");
        assert!(restricted.get("details").is_none(), "{who}: {list}");
        assert_eq!(restricted["consents"], json!([]), "{who}: {list}");
        assert!(!list.to_string().contains("vægttab"), "{who}: {list}");
    }

    // Everyone else: no case text, no file, no minutes.
    let token = tokens::create(
        svc,
        &a.scope,
        NewToken {
            organisation_id: a.organisation.id,
            name: "Fagsystem".into(),
            expires_at: None,
        },
    )
    .await
    .unwrap();
    let others = [
        ("partner", app.signed_in(&partner.email).await),
        ("observer", app.signed_in(&a.email(Role::Observer)).await),
        ("token", app.with_token(&token.secret)),
        ("unapproved registrant", app.signed_in(&pending_email).await),
        ("coordinator who does not organise it", coordinator.clone()),
        (
            "approved participant who has not declared",
            app.signed_in(&undeclared_email).await,
        ),
        (
            "owner of another network",
            app.signed_in(&b.email(Role::Owner)).await,
        ),
    ];
    for (who, client) in &others {
        for id in [&anonymous, &consented] {
            let (status, body) = get_case(&app.base, &a, client, id).await;
            assert_eq!(status, 404, "{who}: {body}");
        }
        for path in [
            format!("/files/{meeting_file}/content"),
            format!("/files/{case_file}/content"),
            format!("/files/{meeting_file}"),
            format!("/files?target_kind=meeting&target_id={meeting}"),
            format!("/files?target_kind=case&target_id={anonymous}"),
            format!("/meetings/{meeting}/minutes"),
        ] {
            let (status, text) = fetch(&app.base, &a, client, &path).await;
            assert_eq!(status, 404, "{who} {path}: {text}");
        }
        let (status, list) =
            fetch(&app.base, &a, client, &format!("/meetings/{meeting}/cases")).await;
        if status == 200 {
            for text in ["kammeraterne", "sundhedsplejen samarbejde", "vægttab"] {
                assert!(!list.contains(text), "{who} reads {text:?}: {list}");
            }
        } else {
            assert_eq!(status, 404, "{who}: {list}");
        }
    }
    // The coordinator sees that both slots hold a case, not what the cases say.
    let (_, list) = fetch(
        &app.base,
        &a,
        &coordinator,
        &format!("/meetings/{meeting}/cases"),
    )
    .await;
    let list: Value = serde_json::from_str(&list).unwrap();
    let states: Vec<&str> = list["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["details_state"].as_str().unwrap())
        .collect();
    assert_eq!(states, ["restricted", "restricted"], "{list}");
    // Partners, observers and tokens never confirm a declaration; a pending registrant cannot.
    for (who, client, expected) in [
        ("partner", &others[0].1, 403),
        ("token", &others[2].1, 404),
        ("unapproved registrant", &others[3].1, 409),
    ] {
        let response = client
            .post(api(
                &app.base,
                &a,
                &format!("/meetings/{meeting}/declaration"),
            ))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), expected, "{who}");
    }
    // The approved participant reads once they confirm the declaration.
    let undeclared_client = &others[5].1;
    let (status, standing) = json(
        undeclared_client
            .post(api(
                &app.base,
                &a,
                &format!("/meetings/{meeting}/declaration"),
            ))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 200, "{standing}");
    assert_eq!(standing["reads_material"], true);
    let (status, _) = get_case(&app.base, &a, undeclared_client, &anonymous).await;
    assert_eq!(status, 200);

    // The organisers see who confirmed, and when; and each applicant's organisation and sector.
    let (status, declarations) = json(
        organiser_client
            .get(api(
                &app.base,
                &a,
                &format!("/meetings/{meeting}/declarations"),
            ))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 200, "{declarations}");
    let names: Vec<&str> = declarations["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["user_name"].as_str().unwrap())
        .collect();
    for name in ["kontakt", "deltager", "sundhedsplejerske", "uerklaeret"] {
        assert!(
            names.contains(&format!("{name} netvaerk-a").as_str()),
            "{name}: {names:?}"
        );
    }
    assert_eq!(names.len(), 4, "{names:?}");
    let (status, registrations) = json(
        coordinator
            .get(api(
                &app.base,
                &a,
                &format!("/meetings/{meeting}/registrations"),
            ))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 200, "{registrations}");
    let nurse_row = registrations
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["name"] == "sundhedsplejerske netvaerk-a")
        .unwrap();
    assert_eq!(nurse_row["organisation"], "Sundhedsplejen netvaerk-a");
    assert_eq!(nurse_row["sector"], "region_hospital");

    // The access log: the readers' reads of the case, and nobody else's.
    let (status, log) = json(
        submitter
            .get(api(
                &app.base,
                &a,
                &format!("/cases/{anonymous}/access-log"),
            ))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 200, "{log}");
    let readers: Vec<String> = log["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["action"] == "read")
        .map(|e| e["user_name"].as_str().unwrap().to_owned())
        .collect();
    for name in ["kontakt", "deltager", "sundhedsplejerske", "uerklaeret"] {
        let name = format!("{name} netvaerk-a");
        assert!(readers.contains(&name), "{name}: {readers:?}");
    }
    for name in ["partner", "observer", "afventer", "coordinator"] {
        let name = format!("{name} netvaerk-a");
        assert!(!readers.contains(&name), "{name}: {readers:?}");
    }
    // Every download of a consultation file is logged, by whom: three readers, two files.
    let db = app.services.db.raw();
    assert_eq!(
        count(db, "SELECT COUNT(*) AS n FROM case_file_access_log").await,
        6
    );
    let logged_others = count(
        db,
        &format!(
            "SELECT COUNT(*) AS n FROM case_file_access_log WHERE user_id IN ('{}', '{}')",
            partner.user_id.0,
            a.person(Role::Coordinator).user_id.0
        ),
    )
    .await;
    assert_eq!(logged_others, 0);
    // Case material is never in search.
    let (status, found) = json(
        organiser_client
            .get(api(&app.base, &a, "/search"))
            .query(&[("q", "Dagsorden")])
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 200, "{found}");
    assert_eq!(found["total"], 0, "{found}");
    app.stop().await;
}

/// Registration for a case consultation always waits for an organiser's approval, whatever
/// the meeting's settings say; guests cannot register at all.
#[tokio::test]
async fn consultation_registration_always_needs_approval_and_guests_are_refused() {
    let app = TestApp::spawn().await;
    let a = app.seed("netvaerk-a").await;
    let meeting = consultation_with(
        &app,
        &a,
        "Åben drøftelsesdag",
        a.person(Role::Coordinator).user_id,
        MeetingVisibility::Public,
    )
    .await;
    let member = app.signed_in(&a.email(Role::Member)).await;
    let (status, registration) = json(
        member
            .post(api(
                &app.base,
                &a,
                &format!("/meetings/{meeting}/registration"),
            ))
            .json(&json!({}))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 200, "{registration}");
    assert_eq!(registration["status"], "pending_approval");
    let (status, got) = json(
        member
            .get(api(&app.base, &a, &format!("/meetings/{meeting}")))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 200);
    assert_eq!(got["registration"]["requires_approval"], true, "{got}");
    let (status, problem) = json(
        app.client()
            .post(api(
                &app.base,
                &a,
                &format!("/meetings/{meeting}/guest-registrations"),
            ))
            .json(&json!({
                "name": "Gæst Gæstesen",
                "email": "gaest@example.org",
                "organisation": "",
            }))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 409, "{problem}");
    assert_eq!(problem["errors"][0]["code"], "members_only");
    let db = app.services.db.raw();
    assert_eq!(
        count(
            db,
            "SELECT COUNT(*) AS n FROM registrations WHERE guest_email IS NOT NULL"
        )
        .await,
        0
    );
    app.stop().await;
}

/// Issue 9, claim 6 (confirmed: the kind decided who read the minutes and whether the purge
/// removed them): once a meeting has a case, a file or minutes its kind cannot change to or
/// from case consultation; and moving the meeting moves its purge.
#[tokio::test]
async fn the_kind_is_locked_by_case_material_and_the_purge_follows_the_meeting() {
    let app = TestApp::spawn().await;
    let a = app.seed("netvaerk-a").await;
    let meeting = consultation(&app, &a, "Tværfagligt drøftelsesmøde").await;
    let coordinator = app.signed_in(&a.email(Role::Coordinator)).await;
    declare(&app, &a, a.person(Role::Coordinator).user_id, meeting).await;
    let patch = |id: MeetingId, body: Value| {
        let client = coordinator.clone();
        let url = api(&app.base, &a, &format!("/meetings/{id}"));
        async move { json(client.patch(url).json(&body).send().await.unwrap()).await }
    };
    // Minutes alone lock the kind.
    let (status, _) = json(
        coordinator
            .put(api(&app.base, &a, &format!("/meetings/{meeting}/minutes")))
            .json(&json!({ "minutes": "Gruppen drøftede fraværet.", "decisions": "" }))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 200);
    let (status, problem) = patch(meeting, json!({ "kind": "workshop" })).await;
    assert_eq!(status, 409, "{problem}");
    assert_eq!(problem["errors"][0]["code"], "kind_locked");
    // …and the minutes stay case material: an unregistered member does not read them.
    let member = app.signed_in(&a.email(Role::Member)).await;
    let response = member
        .get(api(&app.base, &a, &format!("/meetings/{meeting}/minutes")))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 404);

    // A case locks it too; an empty consultation may still change, and back.
    let other = consultation(&app, &a, "Drøftelsesmøde for indskolingen").await;
    open_slots(&app.base, &a, &coordinator, other, 1).await;
    let (status, moved) = patch(other, json!({ "kind": "workshop" })).await;
    assert_eq!(status, 200, "{moved}");
    let (status, moved) = patch(other, json!({ "kind": "case_consultation" })).await;
    assert_eq!(status, 200, "{moved}");
    let (status, case) = submit(&app.base, &a, &member, other, &clean_case()).await;
    assert_eq!(status, 200, "{case}");
    let id = case["id"].as_str().unwrap().to_owned();
    let (status, problem) = patch(other, json!({ "kind": "theme_meeting" })).await;
    assert_eq!(status, 409, "{problem}");
    // A workshop with minutes does not become a consultation either.
    let workshop = consultation(&app, &a, "Temamøde om fravær").await;
    let (status, moved) = patch(workshop, json!({ "kind": "workshop" })).await;
    assert_eq!(status, 200, "{moved}");
    let (status, _) = json(
        coordinator
            .put(api(&app.base, &a, &format!("/meetings/{workshop}/minutes")))
            .json(&json!({ "minutes": "Vi talte om fravær.", "decisions": "" }))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 200);
    let (status, problem) = patch(workshop, json!({ "kind": "case_consultation" })).await;
    assert_eq!(status, 409, "{problem}");
    assert_eq!(problem["errors"][0]["code"], "kind_locked");

    // Moving the meeting ten days later moves the purge with it.
    let now = app.clock_now();
    let starts = now + Duration::days(17);
    let (status, moved) = patch(
        other,
        json!({
            "starts_at": starts.to_rfc3339(),
            "ends_at": (starts + Duration::hours(2)).to_rfc3339(),
        }),
    )
    .await;
    assert_eq!(status, 200, "{moved}");
    let old_due = now + Duration::days(7) + Duration::hours(2) + Duration::days(30);
    app.clock.set(old_due + Duration::minutes(1));
    app.drain().await;
    let member = app.signed_in(&a.email(Role::Member)).await;
    let (status, case) = get_case(&app.base, &a, &member, &id).await;
    assert_eq!(status, 200);
    assert_eq!(
        case["details_state"], "shown",
        "purged at the old time: {case}"
    );
    app.clock
        .set(starts + Duration::hours(2) + Duration::days(30) + Duration::minutes(1));
    app.drain().await;
    let member = app.signed_in(&a.email(Role::Member)).await;
    let (status, case) = get_case(&app.base, &a, &member, &id).await;
    assert_eq!(status, 200);
    assert_eq!(case["details_state"], "purged", "{case}");
    app.stop().await;
}

/// A consultation file's text passes the identifier guard: a file with an identifier loses its
/// content at once and its uploader is told the kind found (never the number); a file without
/// text waits for its uploader's word; the files go with the cases.
#[tokio::test]
async fn consultation_files_pass_the_guard_wait_for_confirmation_and_go_with_the_cases() {
    let app = TestApp::spawn().await;
    let a = app.seed("netvaerk-a").await;
    let meeting = consultation(&app, &a, "Tværfagligt drøftelsesmøde").await;
    let coordinator = app.signed_in(&a.email(Role::Coordinator)).await;
    declare(&app, &a, a.person(Role::Coordinator).user_id, meeting).await;
    let (participant_email, participant) = add_member(&app, &a, "deltager", Role::Member).await;
    reader(&app, &a, &participant_email, participant, meeting).await;
    let participant = app.signed_in(&participant_email).await;
    let meeting_id = meeting.to_string();
    let target = ("meeting", meeting_id.as_str());

    let (status, blocked) = upload(
        &app.base,
        &a,
        &coordinator,
        target,
        "notat.txt",
        "Barnet har cpr-nummer 010203-1234 og går i 3. klasse.".into(),
    )
    .await;
    assert_eq!(status, 201, "{blocked}");
    let blocked = blocked["id"].as_str().unwrap().to_owned();
    // A PNG has no text to check.
    let png = {
        let mut bytes = b"\x89PNG\r\n\x1a\n".to_vec();
        bytes.extend_from_slice(&[0u8; 64]);
        bytes
    };
    let (status, scan) = upload(&app.base, &a, &coordinator, target, "scan.png", png).await;
    assert_eq!(status, 201, "{scan}");
    assert_eq!(scan["guard_status"], "needs_confirmation");
    let scan = scan["id"].as_str().unwrap().to_owned();
    app.drain().await;

    // The uploader learns the kind; the content is gone; nobody else sees either file.
    let (status, files) = json(
        coordinator
            .get(api(&app.base, &a, "/files"))
            .query(&[
                ("target_kind", "meeting"),
                ("target_id", meeting_id.as_str()),
            ])
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 200, "{files}");
    let row = files["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["id"] == blocked)
        .unwrap()
        .clone();
    assert_eq!(row["guard_status"], "blocked", "{row}");
    assert_eq!(row["guard_kind"], "contains_cpr", "{row}");
    assert_eq!(row["deleted"], true);
    assert!(!files.to_string().contains("010203"), "{files}");
    let (status, _) = fetch(
        &app.base,
        &a,
        &coordinator,
        &format!("/files/{blocked}/content"),
    )
    .await;
    assert_eq!(status, 404);
    let db = app.services.db.raw();
    assert_eq!(
        count(
            db,
            "SELECT COUNT(*) AS n FROM file_versions WHERE extracted_text IS NOT NULL"
        )
        .await,
        0,
        "a consultation file's text is never kept"
    );
    let (status, files) = json(
        participant
            .get(api(&app.base, &a, "/files"))
            .query(&[
                ("target_kind", "meeting"),
                ("target_id", meeting_id.as_str()),
            ])
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 200);
    assert_eq!(files["items"], json!([]), "{files}");
    for id in [&blocked, &scan] {
        let (status, _) = fetch(&app.base, &a, &participant, &format!("/files/{id}/content")).await;
        assert_eq!(status, 404);
    }
    // The blob of the blocked file is collected.
    assert_eq!(count(db, "SELECT COUNT(*) AS n FROM blobs").await, 1);

    // Only the uploader confirms the scan; then the readers see it.
    let response = participant
        .post(api(
            &app.base,
            &a,
            &format!("/files/{scan}/confirm-no-identifiers"),
        ))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 404);
    let (status, confirmed) = json(
        coordinator
            .post(api(
                &app.base,
                &a,
                &format!("/files/{scan}/confirm-no-identifiers"),
            ))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 200, "{confirmed}");
    assert_eq!(confirmed["guard_status"], "confirmed");
    let (status, _) = fetch(
        &app.base,
        &a,
        &participant,
        &format!("/files/{scan}/content"),
    )
    .await;
    assert_eq!(status, 200);

    // A case's file goes when the case is withdrawn; the meeting's when the cases are purged.
    open_slots(&app.base, &a, &coordinator, meeting, 1).await;
    let submitter = app.signed_in(&a.email(Role::Member)).await;
    let (status, case) = submit(&app.base, &a, &submitter, meeting, &clean_case()).await;
    assert_eq!(status, 200, "{case}");
    let id = case["id"].as_str().unwrap().to_owned();
    let (status, file) = upload(
        &app.base,
        &a,
        &submitter,
        ("case", &id),
        "plan.txt",
        "Plan for skolen.".into(),
    )
    .await;
    assert_eq!(status, 201, "{file}");
    let response = submitter
        .delete(api(&app.base, &a, &format!("/cases/{id}")))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 204);
    assert_eq!(
        count(
            db,
            "SELECT COUNT(*) AS n FROM files WHERE deleted_at IS NULL AND target_kind = 'case'"
        )
        .await,
        0
    );
    let ends = app.clock_now() + Duration::days(7) + Duration::hours(2);
    app.clock
        .set(ends + Duration::days(30) + Duration::minutes(1));
    app.drain().await;
    assert_eq!(
        count(
            db,
            "SELECT COUNT(*) AS n FROM files WHERE deleted_at IS NULL"
        )
        .await,
        0
    );
    assert_eq!(count(db, "SELECT COUNT(*) AS n FROM blobs").await, 0);
    app.stop().await;
}

#[tokio::test]
async fn a_withdrawn_consent_hides_the_case_and_the_submitter_edits_and_withdraws() {
    let app = TestApp::spawn().await;
    let a = app.seed("netvaerk-a").await;
    let meeting = consultation(&app, &a, "Tværfagligt drøftelsesmøde").await;
    let coordinator = app.signed_in(&a.email(Role::Coordinator)).await;
    open_slots(&app.base, &a, &coordinator, meeting, 2).await;
    // The contact person organises the case material once they confirm the declaration.
    declare(&app, &a, a.person(Role::Coordinator).user_id, meeting).await;
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
        "receiving_organisations": [a.organisation.id.0],
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

/// After a restore (`samvirke admin reapply-purges`): every purge that is due runs at once, with
/// no worker, and one not yet due waits.
#[tokio::test]
async fn reapplying_purges_runs_every_due_purge_without_a_worker() {
    let app = TestApp::spawn().await;
    let a = app.seed("netvaerk-a").await;
    let meeting = consultation(&app, &a, "Tværfagligt drøftelsesmøde").await;
    let coordinator = app.signed_in(&a.email(Role::Coordinator)).await;
    open_slots(&app.base, &a, &coordinator, meeting, 1).await;
    let submitter = app.signed_in(&a.email(Role::Member)).await;
    let (status, case) = submit(&app.base, &a, &submitter, meeting, &clean_case()).await;
    assert_eq!(status, 200, "{case}");
    let db = app.services.db.raw();
    let texts = "SELECT COUNT(*) AS n FROM case_submissions WHERE concern <> '' OR tried <> '' OR question <> ''";
    let ends = app.clock_now() + Duration::days(7) + Duration::hours(2);

    app.clock.set(ends + Duration::days(29));
    let purged = domain::consultations::purge_all_due(&app.services)
        .await
        .unwrap();
    assert_eq!(purged, 0, "not due yet");
    assert_eq!(count(db, texts).await, 1);

    app.clock
        .set(ends + Duration::days(30) + Duration::minutes(1));
    let purged = domain::consultations::purge_all_due(&app.services)
        .await
        .unwrap();
    assert_eq!(purged, 1);
    assert_eq!(count(db, texts).await, 0, "purged with no worker running");
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
    let (participant, participant_id) = add_member(&app, &a, "deltager", Role::Member).await;
    reader(&app, &a, &participant, participant_id, meeting).await;
    declare(&app, &a, a.person(Role::Coordinator).user_id, meeting).await;
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
            "receiving_organisations": [a.organisation.id.0],
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
    // A file on the case carries a marker of its own inside its content.
    let file_needle = marker();
    let (status, file) = upload(
        &base,
        &a,
        &submitter,
        ("case", &id),
        "handleplan.txt",
        format!("handleplan for skolen, markør-{file_needle}, aftalt med familien.").into(),
    )
    .await;
    assert_eq!(status, 201, "{file}");
    let file_id = file["id"].as_str().unwrap().to_owned();

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

    // The worker runs it. This process drained the queue above and so holds the embedded
    // index's one writer; the worker, which takes a writer at its start, gets a folder of its
    // own, and both folders are searched for the markers below.
    let worker_index = app.dir.path().join("canary-worker-index");
    let mut worker = ChildProcess::start(
        &app.settings,
        app.dir.path(),
        "canary-worker",
        &["worker"],
        &[
            ("SAMVIRKE__LOG__LEVEL", "trace"),
            (
                "SAMVIRKE__SEARCH__INDEX_DIR",
                worker_index.to_str().unwrap(),
            ),
        ],
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
    eventually(60, "the guard to clear the file's text", || async {
        count(
            db,
            "SELECT COUNT(*) AS n FROM file_versions WHERE guard_status = 'clear'",
        )
        .await
            == 1
    })
    .await;

    // Pages and API reads, by the submitter, an organiser and a participant.
    let participant = sign_in(participant).await;
    for client in [&submitter, &coordinator, &participant] {
        let response = client
            .get(api(&base, &a, &format!("/files/{file_id}/content")))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 200);
        assert!(response.text().await.unwrap().contains(&file_needle));
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
    for index_dir in [app.settings.index_dir(), worker_index.clone()] {
        for marker in [&needle, &consent_needle, &file_needle] {
            let indexed = files_containing(&index_dir, &marker.as_bytes()[..20]);
            assert!(
                indexed.is_empty(),
                "the search index holds the marker: {indexed:?}"
            );
        }
        assert!(
            std::fs::read_dir(&index_dir).is_ok(),
            "the index folder exists"
        );
    }

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
        for marker in [&needle, &consent_needle, &file_needle] {
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
        for marker in [&needle, &consent_needle, &file_needle] {
            assert!(
                !mail.contains(marker.as_str()),
                "a mail holds the marker: {mail}"
            );
        }
        assert!(!mail.contains(" 6-9"), "a mail holds the age band: {mail}");
    }
    // No job payload, and no table but the case's own.
    assert_eq!(tables_containing(db, &needle).await, ["case_submissions"]);
    // The file's text is kept nowhere in the database: only its blob holds it.
    assert!(tables_containing(db, &file_needle).await.is_empty());
    assert_eq!(
        tables_containing(db, &consent_needle).await,
        ["consent_records"]
    );
    app.stop().await;
}
