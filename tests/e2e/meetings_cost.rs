//! No N+1 on the meeting pages: a meeting, its page and its registrations list cost the same
//! number of SQL statements with one agenda item, question, organisation and registration as
//! with many.

use chrono::Duration;
use domain::identity::{self, NewUser};
use domain::ids::MeetingId;
use domain::meetings::{
    self, AgendaKind, LocationMode, MeetingKind, MeetingVisibility, NewAgendaItem, NewMeeting,
    NewQuestion, NewRegistration, QuestionKind, RegistrationSettings, agenda,
    registration_questions,
};
use domain::people::Sector;
use domain::people::members;
use domain::people::organisations::{self, NewOrganisation};
use domain::policy::Role;
use domain::tenancy::scope_for_user;

use crate::support::{PASSWORD, Seeded, TestApp};

async fn meeting_with(app: &TestApp, seeded: &Seeded, n: usize) -> MeetingId {
    let svc = &app.services;
    let start = app.clock_now() + Duration::days(14);
    let mut organisation_ids = vec![seeded.organisation.id];
    for i in 1..n.min(5) {
        let created = organisations::create(
            svc,
            &seeded.scope,
            NewOrganisation {
                name: format!("Organisation {n}-{i}"),
                sector: Sector::School,
                registry_number: None,
            },
        )
        .await
        .unwrap();
        organisation_ids.push(created.id);
    }
    let meeting = meetings::create(
        svc,
        &seeded.scope,
        NewMeeting {
            kind: MeetingKind::CollaborationDay,
            visibility: MeetingVisibility::Public,
            group_id: None,
            title: format!("Samarbejdsdag {n}"),
            description: "En dag om samarbejde.".into(),
            starts_at: start,
            ends_at: start + Duration::hours(8),
            location_mode: LocationMode::Physical,
            address: "Rådhuspladsen 1".into(),
            room: String::new(),
            online_url: String::new(),
            registration: RegistrationSettings {
                enabled: true,
                capacity_room: Some(100),
                waitlist_enabled: true,
                ..RegistrationSettings::default()
            },
            show_participants: false,
            organisation_ids,
            contact_user_id: Some(seeded.person(Role::Coordinator).user_id),
            moderator_user_id: Some(seeded.person(Role::Owner).user_id),
            invitee_user_ids: vec![],
            publish: true,
        },
    )
    .await
    .unwrap();
    for i in 0..n {
        let at = start + Duration::minutes(20 * i as i64);
        agenda::add(
            svc,
            &seeded.scope,
            meeting.id,
            NewAgendaItem {
                starts_at: at,
                ends_at: at + Duration::minutes(20),
                title: format!("Punkt {i}"),
                description: String::new(),
                kind: AgendaKind::Talk,
                speakers: vec![],
                selectable: i % 2 == 1,
                capacity: (i % 2 == 1).then_some(10),
            },
        )
        .await
        .unwrap();
        registration_questions::add(
            svc,
            &seeded.scope,
            meeting.id,
            NewQuestion {
                kind: QuestionKind::Text,
                label: format!("Spørgsmål {i}"),
                options: vec![],
                required: false,
            },
        )
        .await
        .unwrap();
    }
    for i in 0..n {
        let email = format!("deltager{i}.{n}.{}@example.org", seeded.slug());
        let user = identity::create_user(
            svc,
            NewUser {
                email: email.clone(),
                display_name: format!("Deltager {i}"),
                password: PASSWORD.into(),
                preferred_language: None,
            },
        )
        .await
        .unwrap();
        members::add(svc, &seeded.scope, user.id, None, Role::Member)
            .await
            .unwrap();
        let signed_in = identity::sign_in(svc, &email, PASSWORD, &format!("{n}-{i}"))
            .await
            .unwrap();
        let scope = scope_for_user(svc, Some(&signed_in.user), seeded.slug())
            .await
            .unwrap();
        meetings::register(svc, &scope, meeting.id, NewRegistration::default())
            .await
            .unwrap();
    }
    meeting.id
}

#[tokio::test]
async fn a_meeting_costs_the_same_with_one_or_many_items_and_registrations() {
    let app = TestApp::spawn().await;
    let seeded = app.seed("omkostning").await;
    let small = meeting_with(&app, &seeded, 1).await;
    let large = meeting_with(&app, &seeded, 12).await;
    let coordinator = app.signed_in(&seeded.email(Role::Coordinator)).await;
    let slug = seeded.slug();
    let statements = app.services.db.statements().clone();
    let cost = |path: String| {
        let (client, statements) = (coordinator.clone(), statements.clone());
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
        ("API meeting", "/api/v1/networks/{slug}/meetings/{id}"),
        (
            "API registrations",
            "/api/v1/networks/{slug}/meetings/{id}/registrations",
        ),
        ("meeting page", "/n/{slug}/meetings/{id}"),
        ("organiser page", "/n/{slug}/meetings/{id}/manage"),
    ] {
        let path_for = |id: MeetingId| {
            path.replace("{slug}", slug)
                .replace("{id}", &id.to_string())
        };
        let one = cost(path_for(small)).await;
        let many = cost(path_for(large)).await;
        assert_eq!(
            one, many,
            "{what}: 1 item took {one} statements, 12 took {many}"
        );
    }
}
