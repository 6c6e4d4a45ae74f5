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
            ..Default::default()
        },
    )
    .await
    .unwrap();
    let project_update = domain::showcases::updates::post(
        svc,
        &b.scope,
        project.id,
        domain::showcases::updates::NewUpdate {
            title: "Opdatering Zebrafinke".into(),
            body: "Zebrafinke".into(),
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
    let file = domain::material::upload(
        svc,
        &b.scope,
        domain::material::Target::Project(project.id),
        "Zebrafinke.txt",
        "text/plain",
        &mut &b"Zebrafinke"[..],
    )
    .await
    .unwrap();
    let meeting = seed_foreign_meeting(app, b).await;
    let forum = seed_foreign_forum(app, b).await;
    app.drain().await;
    let member = b.person(Role::Member);
    Foreign {
        ids: vec![
            ("meetings", meeting.meeting.to_string()),
            ("agenda", meeting.agenda_item.to_string()),
            ("questions", meeting.question.to_string()),
            ("registrations", meeting.registration.to_string()),
            ("breakout-groups", meeting.breakout_group.to_string()),
            ("action-items", meeting.action_item.to_string()),
            ("meeting-series", meeting.series.to_string()),
            ("cases", meeting.case.to_string()),
            ("consents", meeting.consent.to_string()),
            ("projects", project.id.to_string()),
            ("updates", project_update.id.to_string()),
            ("files", file.id.to_string()),
            ("groups", group.id.to_string()),
            ("invitations", invitation.id.to_string()),
            ("tokens", token.token.id.to_string()),
            ("organisations", b.organisation.id.to_string()),
            ("members", member.membership_id.to_string()),
            ("categories", forum.0.to_string()),
            ("threads", forum.1.to_string()),
            ("posts", forum.2.to_string()),
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

/// B's forum: a category, a thread in it and a reply (the post ids the routes take).
async fn seed_foreign_forum(
    app: &TestApp,
    b: &Seeded,
) -> (
    domain::ids::CategoryId,
    domain::ids::ThreadId,
    domain::ids::PostId,
) {
    use domain::forum::{categories, posts, threads};
    let svc = &app.services;
    let category = categories::create(
        svc,
        &b.scope,
        categories::NewCategory {
            name: "Kategori Zebrafinke".into(),
            description: "Zebrafinke".into(),
            position: 0,
        },
    )
    .await
    .unwrap();
    let signed_in = domain::identity::sign_in(
        svc,
        &b.email(Role::Member),
        crate::support::PASSWORD,
        "isolation-forum",
    )
    .await
    .unwrap();
    let member = domain::tenancy::scope_for_user(svc, Some(&signed_in.user), b.slug())
        .await
        .unwrap();
    let thread = threads::create(
        svc,
        &member,
        threads::NewThread {
            category_id: Some(category.id),
            group_id: None,
            title: "Tråd Zebrafinke".into(),
            body: "Zebrafinke".into(),
        },
    )
    .await
    .unwrap();
    let post = posts::reply(
        svc,
        &member,
        thread.id,
        posts::NewPost {
            body: "Svar Zebrafinke".into(),
            quoted_post_id: None,
        },
    )
    .await
    .unwrap();
    (category.id, thread.id, post.id)
}

/// B's consultation meeting (a series occurrence) with something of every kind hanging off it.
struct ForeignMeeting {
    meeting: domain::ids::MeetingId,
    agenda_item: domain::ids::AgendaItemId,
    question: domain::ids::QuestionId,
    registration: domain::ids::RegistrationId,
    breakout_group: domain::ids::BreakoutGroupId,
    action_item: domain::ids::ActionItemId,
    series: domain::ids::SeriesId,
    case: domain::ids::CaseId,
    consent: domain::ids::ConsentId,
}

async fn seed_foreign_meeting(app: &TestApp, b: &Seeded) -> ForeignMeeting {
    use chrono::Duration;
    use domain::consultations::{
        self, AgeBand, CaseMode, ConsentDecision, ConsentForm, ConsentGiver, NewCase, NewConsent,
    };
    use domain::meetings::{
        self, AgendaKind, LocationMode, MeetingKind, MeetingVisibility, NewAgendaItem, NewMeeting,
        NewQuestion, NewRegistration, QuestionKind, RegistrationSettings, agenda, breakouts,
        minutes, registration_questions, series,
    };
    let svc = &app.services;
    let start = app.clock_now() + Duration::days(20);
    let created = series::create_series(
        svc,
        &b.scope,
        series::NewSeries {
            template: NewMeeting {
                kind: MeetingKind::CaseConsultation,
                visibility: MeetingVisibility::Network,
                group_id: None,
                title: "Drøftingsmøte Zebrafinke".into(),
                description: "Zebrafinke".into(),
                starts_at: start,
                ends_at: start + Duration::hours(2),
                location_mode: LocationMode::Physical,
                address: "Zebrafinkevej 1".into(),
                room: String::new(),
                online_url: String::new(),
                registration: RegistrationSettings {
                    enabled: true,
                    ..RegistrationSettings::default()
                },
                show_participants: true,
                organisation_ids: vec![],
                // The member is its contact person: a named organiser of its case material.
                contact_user_id: Some(b.person(Role::Member).user_id),
                moderator_user_id: None,
                invitee_user_ids: vec![],
                publish: true,
            },
            rule: "FREQ=WEEKLY".into(),
            occurrences: Some(2),
        },
    )
    .await
    .unwrap();
    let meeting = created.occurrences[0].id;
    let agenda_item = agenda::add(
        svc,
        &b.scope,
        meeting,
        NewAgendaItem {
            starts_at: start,
            ends_at: start + Duration::hours(1),
            title: "Zebrafinke".into(),
            description: String::new(),
            kind: AgendaKind::Plenary,
            speakers: vec![],
            selectable: false,
            capacity: None,
        },
    )
    .await
    .unwrap();
    let question = registration_questions::add(
        svc,
        &b.scope,
        meeting,
        NewQuestion {
            kind: QuestionKind::Text,
            label: "Zebrafinke?".into(),
            options: vec![],
            required: false,
        },
    )
    .await
    .unwrap();
    let member = domain::identity::sign_in(
        svc,
        &b.email(Role::Member),
        crate::support::PASSWORD,
        "isolation",
    )
    .await
    .unwrap();
    let member = domain::tenancy::scope_for_user(svc, Some(&member.user), b.slug())
        .await
        .unwrap();
    let registration = meetings::register(svc, &member, meeting, NewRegistration::default())
        .await
        .unwrap();
    let breakout_group = breakouts::create_group(
        svc,
        &b.scope,
        meeting,
        breakouts::NewBreakoutGroup {
            name: "Gruppe Zebrafinke".into(),
            facilitator: String::new(),
            capacity: None,
        },
    )
    .await
    .unwrap();
    consultations::declare(svc, &member, meeting).await.unwrap();
    let action_item = minutes::add_action_item(
        svc,
        &member,
        meeting,
        minutes::NewActionItem {
            text: "Zebrafinke følger op".into(),
            owner: String::new(),
            due_on: None,
            confirmed: true,
        },
    )
    .await
    .unwrap();
    consultations::add_slots(svc, &b.scope, meeting, 2)
        .await
        .unwrap();
    let case = consultations::submit_case(
        svc,
        &member,
        meeting,
        NewCase {
            slot_number: None,
            age_band: AgeBand::Age13To15,
            sectors: vec!["school".into()],
            concern: "Zebrafinke bekymring".into(),
            tried: "Zebrafinke forsøg".into(),
            question: "Zebrafinke spørgsmål?".into(),
            mode: CaseMode::WithConsent,
            consent: Some(NewConsent {
                decision: ConsentDecision::Given,
                given_by: ConsentGiver::ParentOrGuardian,
                scope: "Zebrafinke skolegang".into(),
                receiving_organisations: vec![b.organisation.id],
                receiving_services: vec!["PPR".into()],
                purpose: "Zebrafinke drøftelse".into(),
                valid_until: Some((start + Duration::days(90)).date_naive()),
                form: ConsentForm::Written,
                recorded_by: None,
                recorded_at: None,
            }),
            confirmed: true,
        },
    )
    .await
    .unwrap();
    let consent = consultations::get_case(svc, &member, case.id)
        .await
        .unwrap()
        .consents[0]
        .id;
    ForeignMeeting {
        meeting,
        agenda_item: agenda_item.id,
        question: question.id,
        registration: registration.id,
        breakout_group: breakout_group.id,
        action_item: action_item.id,
        series: created.id,
        case: case.id,
        consent,
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

/// Sends `method concrete` (with `{}` as the body of a write) and checks that the answer says
/// nothing: 404, or — for an operation whose body `{}` cannot be — the same 400 as for ids that
/// exist nowhere, since the body is refused before any id is looked up.
async fn assert_hidden(
    app: &TestApp,
    client: &reqwest::Client,
    method: &str,
    concrete: &str,
    foreign: &Foreign,
    what: &str,
) {
    let send = |path: String| {
        let request = client.request(
            method.to_uppercase().parse().unwrap(),
            app.url(&format!("/api/v1{path}")),
        );
        let request = if ["post", "put", "patch"].contains(&method) {
            request.json(&json!({}))
        } else {
            request
        };
        request.send()
    };
    let response = send(concrete.to_owned()).await.unwrap();
    let status = response.status().as_u16();
    let body = response.text().await.unwrap();
    if status == 400 {
        let again = send(unknown_ids(concrete, foreign)).await.unwrap();
        assert_eq!(again.status().as_u16(), 400, "{what}: {body}");
        assert_eq!(again.text().await.unwrap(), body, "{what}");
    } else {
        assert_eq!(status, 404, "{what}: {body}");
    }
    assert_nothing_leaks(what, &body, foreign);
}

/// The same path with every id of B's replaced by an id that exists nowhere.
fn unknown_ids(path: &str, foreign: &Foreign) -> String {
    let mut path = path.to_owned();
    for (_, id) in &foreign.ids {
        path = path.replace(id.as_str(), &uuid::Uuid::now_v7().to_string());
    }
    path
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
                let what = format!("{who}: {method} {path}");
                assert_hidden(&app, client, method, &concrete, &foreign, &what).await;
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
            let what = format!("guest: {method} {path}");
            assert_hidden(&app, &member_of_a, method, &concrete, &foreign, &what).await;
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
                // Uploads take the token in the query (their body is streamed), forms as a field.
                _ => browser
                    .post(format!("{url}?csrf={csrf}"))
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
