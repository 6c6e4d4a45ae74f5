//! Time-driven meeting behaviour, tested by moving the clock and draining the queue: the
//! reminder the day before (once, even when its job runs twice), change and cancellation
//! notices with calendar files, an unconfirmed guest's seat released after 24 hours with the
//! waitlist moving up, guest data deleted after the network's retention period, and the
//! reminder before the deadline to those invited. Also: meetings are found by search, case
//! consultations never, and the network's home page lists the meetings its reader may see.

use chrono::Duration;
use domain::meetings::{
    self, GuestDetails, LocationMode, MeetingKind, MeetingPatch, MeetingStatus, MeetingVisibility,
    NewMeeting, NewRegistration, RegistrationSettings, RegistrationStatus,
};
use domain::policy::Role;
use domain::tenancy::{TenantScope, scope_for_user};

use crate::support::{PASSWORD, Seeded, TestApp};

fn new_meeting(app: &TestApp, capacity: i32) -> NewMeeting {
    let start = app.clock_now() + Duration::days(10);
    NewMeeting {
        kind: MeetingKind::Webinar,
        visibility: MeetingVisibility::Public,
        group_id: None,
        title: "Webinar om søskengrupper".into(),
        description: "Erfaringer fra Bømlo.".into(),
        starts_at: start,
        ends_at: start + Duration::hours(2),
        location_mode: LocationMode::Online,
        address: String::new(),
        room: String::new(),
        online_url: "https://meet.example.org/soskengrupper".into(),
        registration: RegistrationSettings {
            enabled: true,
            capacity_online: Some(capacity),
            waitlist_enabled: true,
            ..RegistrationSettings::default()
        },
        show_participants: false,
        organisation_ids: vec![],
        contact_user_id: None,
        moderator_user_id: None,
        invitee_user_ids: vec![],
        publish: true,
    }
}

async fn member_scope(app: &TestApp, seeded: &Seeded, role: Role) -> TenantScope {
    let signed_in = domain::identity::sign_in(
        &app.services,
        &seeded.email(role),
        PASSWORD,
        &format!("{role:?}"),
    )
    .await
    .unwrap();
    scope_for_user(&app.services, Some(&signed_in.user), seeded.slug())
        .await
        .unwrap()
}

async fn visitor_scope(app: &TestApp, seeded: &Seeded) -> TenantScope {
    scope_for_user(&app.services, None, seeded.slug())
        .await
        .unwrap()
}

fn mails_matching(app: &TestApp, needle: &str) -> Vec<String> {
    app.mails()
        .into_iter()
        .filter(|m| m.contains(needle))
        .collect()
}

#[tokio::test]
async fn the_day_before_reminder_goes_out_once_with_the_programme_and_link() {
    let app = TestApp::spawn().await;
    let seeded = app.seed("paamindelse").await;
    let svc = &app.services;
    let meeting = meetings::create(svc, &seeded.scope, new_meeting(&app, 10))
        .await
        .unwrap();
    for role in [Role::Member, Role::Partner] {
        let scope = member_scope(&app, &seeded, role).await;
        meetings::register(svc, &scope, meeting.id, NewRegistration::default())
            .await
            .unwrap();
    }
    app.drain().await;
    assert_eq!(mails_matching(&app, "day_before-").len(), 0);

    // A change of title only (no new time) schedules the same reminder again: still one mail each.
    meetings::update(
        svc,
        &seeded.scope,
        meeting.id,
        MeetingPatch {
            title: Some("Webinar om søskengrupper i Bømlo".into()),
            ..MeetingPatch::default()
        },
    )
    .await
    .unwrap();
    app.clock.advance(Duration::days(9) + Duration::hours(1));
    app.drain().await;
    app.drain().await;
    let reminders = mails_matching(&app, "day_before-");
    assert_eq!(reminders.len(), 2, "one reminder per participant");
    assert!(
        reminders[0].contains("meet.example.org"),
        "the online link is in the reminder"
    );
}

#[tokio::test]
async fn changes_and_cancellations_are_mailed_with_calendar_files() {
    let app = TestApp::spawn().await;
    let seeded = app.seed("aendring").await;
    let svc = &app.services;
    let meeting = meetings::create(svc, &seeded.scope, new_meeting(&app, 10))
        .await
        .unwrap();
    let scope = member_scope(&app, &seeded, Role::Member).await;
    meetings::register(svc, &scope, meeting.id, NewRegistration::default())
        .await
        .unwrap();
    app.drain().await;
    let confirmation = mails_matching(&app, "confirmed-");
    assert_eq!(confirmation.len(), 1);
    assert!(
        confirmation[0].contains("text/calendar"),
        "the confirmation carries an .ics"
    );

    meetings::update(
        svc,
        &seeded.scope,
        meeting.id,
        MeetingPatch {
            starts_at: Some(meeting.starts_at + Duration::hours(1)),
            ends_at: Some(meeting.ends_at + Duration::hours(1)),
            ..MeetingPatch::default()
        },
    )
    .await
    .unwrap();
    app.drain().await;
    assert_eq!(mails_matching(&app, "changed-").len(), 1);

    meetings::set_status(svc, &seeded.scope, meeting.id, MeetingStatus::Cancelled)
        .await
        .unwrap();
    app.drain().await;
    let cancelled = mails_matching(&app, "cancelled-");
    assert_eq!(cancelled.len(), 1);
    assert!(cancelled[0].contains("method=CANCEL"));
}

#[tokio::test]
async fn an_unconfirmed_guest_seat_is_released_after_a_day_and_the_waitlist_moves_up() {
    let app = TestApp::spawn().await;
    let seeded = app.seed("gaest").await;
    let svc = &app.services;
    let meeting = meetings::create(svc, &seeded.scope, new_meeting(&app, 1))
        .await
        .unwrap();
    let visitor = visitor_scope(&app, &seeded).await;
    let guest = meetings::register_guest(
        svc,
        &visitor,
        meeting.id,
        GuestDetails {
            name: "Gæst Gæstesen".into(),
            email: "gaest@example.org".into(),
            organisation: "Opholdsstedet".into(),
        },
        NewRegistration::default(),
        "192.0.2.1",
    )
    .await
    .unwrap();
    assert_eq!(guest.status, RegistrationStatus::Unconfirmed);
    let member = member_scope(&app, &seeded, Role::Member).await;
    let waiting = meetings::register(svc, &member, meeting.id, NewRegistration::default())
        .await
        .unwrap();
    assert_eq!(waiting.status, RegistrationStatus::Waitlisted);
    assert_eq!(waiting.waitlist_position, Some(1));
    app.drain().await;
    assert_eq!(mails_matching(&app, "confirm_email-").len(), 1);

    // A day and a bit later, unconfirmed: the seat goes to the first on the waitlist.
    app.clock.advance(Duration::hours(25));
    app.drain().await;
    let now = meetings::get(svc, &member, meeting.id).await.unwrap();
    assert_eq!(
        now.my_registration.unwrap().status,
        RegistrationStatus::Registered
    );
    assert_eq!(mails_matching(&app, "promoted-").len(), 1);
}

#[tokio::test]
async fn guest_data_is_deleted_after_the_retention_period() {
    let app = TestApp::spawn().await;
    let seeded = app.seed("sletning").await;
    let svc = &app.services;
    let meeting = meetings::create(svc, &seeded.scope, new_meeting(&app, 10))
        .await
        .unwrap();
    let visitor = visitor_scope(&app, &seeded).await;
    meetings::register_guest(
        svc,
        &visitor,
        meeting.id,
        GuestDetails {
            name: "Gæst Gæstesen".into(),
            email: "gaest@example.org".into(),
            organisation: String::new(),
        },
        NewRegistration::default(),
        "192.0.2.2",
    )
    .await
    .unwrap();
    let member = member_scope(&app, &seeded, Role::Member).await;
    meetings::register(svc, &member, meeting.id, NewRegistration::default())
        .await
        .unwrap();
    app.drain().await;
    assert_eq!(
        meetings::registrations(svc, &seeded.scope, meeting.id)
            .await
            .unwrap()
            .len(),
        2
    );

    // Eleven months after the meeting nothing is gone; thirteen months after, the guest is.
    app.clock.advance(Duration::days(10 + 335));
    app.drain().await;
    assert_eq!(
        meetings::registrations(svc, &seeded.scope, meeting.id)
            .await
            .unwrap()
            .len(),
        2
    );
    app.clock.advance(Duration::days(60));
    app.drain().await;
    let left = meetings::registrations(svc, &seeded.scope, meeting.id)
        .await
        .unwrap();
    assert_eq!(left.len(), 1);
    assert!(!left[0].is_guest);
    assert!(left[0].answers.is_empty());
}

#[tokio::test]
async fn invited_people_who_have_not_registered_are_reminded_before_the_deadline_once() {
    let app = TestApp::spawn().await;
    let seeded = app.seed("frist").await;
    let svc = &app.services;
    let member = seeded.person(Role::Member).user_id;
    let partner = seeded.person(Role::Partner).user_id;
    let mut input = new_meeting(&app, 10);
    input.visibility = MeetingVisibility::Invited;
    input.invitee_user_ids = vec![member, partner];
    input.registration.closes_at = Some(input.starts_at - Duration::days(2));
    let meeting = meetings::create(svc, &seeded.scope, input).await.unwrap();
    // The partner answers; the member does not.
    let scope = member_scope(&app, &seeded, Role::Partner).await;
    meetings::register(svc, &scope, meeting.id, NewRegistration::default())
        .await
        .unwrap();
    app.drain().await;
    assert!(mails_matching(&app, "deadline-").is_empty());

    // A day before the deadline (ten days out, closing two days before): one reminder, to the
    // member who has not registered, however often the queue runs.
    app.clock.advance(Duration::days(7) + Duration::hours(1));
    app.drain().await;
    app.drain().await;
    let reminders = mails_matching(&app, "deadline-");
    assert_eq!(reminders.len(), 1);
    assert!(reminders[0].contains(&seeded.email(Role::Member)));
}

#[tokio::test]
async fn meetings_are_found_by_search_but_consultations_are_not() {
    let app = TestApp::spawn().await;
    let seeded = app.seed("soegning").await;
    let svc = &app.services;
    let mut webinar = new_meeting(&app, 10);
    webinar.title = "Webinar om skolevægring".into();
    webinar.description = "Vi taler om skolevægring og fravær.".into();
    meetings::create(svc, &seeded.scope, webinar).await.unwrap();
    let mut consultation = new_meeting(&app, 10);
    consultation.kind = MeetingKind::CaseConsultation;
    consultation.visibility = MeetingVisibility::Network;
    consultation.title = "Drøftelse om skolevægring".into();
    meetings::create(svc, &seeded.scope, consultation)
        .await
        .unwrap();
    app.drain().await;

    let visitor = visitor_scope(&app, &seeded).await;
    let found = domain::search::search(
        svc,
        &visitor,
        &domain::search::SearchQuery::text("skolevægring"),
    )
    .await
    .unwrap();
    assert_eq!(found.total, 1, "{:?}", found.hits);
    assert_eq!(found.hits[0].title, "Webinar om skolevægring");
    let member = member_scope(&app, &seeded, Role::Member).await;
    let found = domain::search::search(
        svc,
        &member,
        &domain::search::SearchQuery::text("skolevægring"),
    )
    .await
    .unwrap();
    assert_eq!(found.total, 1, "the consultation is never indexed");
}

#[tokio::test]
async fn the_network_home_page_lists_the_meetings_the_reader_may_see() {
    let app = TestApp::spawn().await;
    let seeded = app.seed("forside").await;
    let svc = &app.services;
    let mut public = new_meeting(&app, 10);
    public.title = "Åbent webinar om søskengrupper".into();
    meetings::create(svc, &seeded.scope, public).await.unwrap();
    let mut internal = new_meeting(&app, 10);
    internal.title = "Internt netværksmøde".into();
    internal.visibility = MeetingVisibility::Network;
    meetings::create(svc, &seeded.scope, internal)
        .await
        .unwrap();
    let home = app.url(&format!("/n/{}", seeded.slug()));

    let visitor = app
        .client()
        .get(&home)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(visitor.contains("Åbent webinar om søskengrupper"));
    assert!(!visitor.contains("Internt netværksmøde"));
    let member = app.client();
    let response = member
        .post(app.url("/api/v1/session"))
        .json(&serde_json::json!({ "email": seeded.email(Role::Member), "password": PASSWORD }))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    let page = member
        .get(&home)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(page.contains("Åbent webinar om søskengrupper"));
    assert!(page.contains("Internt netværksmøde"));
}

#[tokio::test]
async fn a_mail_goes_out_once_when_the_worker_dies_after_sending() {
    let app = TestApp::spawn().await;
    let seeded = app.seed("nedbrud").await;
    let svc = &app.services;
    let meeting = meetings::create(svc, &seeded.scope, new_meeting(&app, 10))
        .await
        .unwrap();
    app.drain().await;
    let scope = member_scope(&app, &seeded, Role::Member).await;
    meetings::register(svc, &scope, meeting.id, NewRegistration::default())
        .await
        .unwrap();

    // A worker claims the confirmation, sends it, and dies before marking the job done.
    let job = domain::jobs::claim(svc, "doomed-worker")
        .await
        .unwrap()
        .expect("the confirmation job");
    let Some(domain::jobs::Task::SendMeetingMail {
        registration_id,
        notice,
        key,
    }) = job.task.clone()
    else {
        panic!("expected the confirmation mail job, got {}", job.kind);
    };
    let worker_scope = domain::tenancy::system_scope(svc, job.tenant_id.unwrap(), "worker")
        .await
        .unwrap();
    meetings::send(svc, &worker_scope, registration_id, notice, &key)
        .await
        .unwrap();
    assert_eq!(mails_matching(&app, "confirmed-").len(), 1);

    // Its lease runs out; another worker runs the job again: still one mail.
    app.clock.advance(Duration::minutes(5));
    app.drain().await;
    assert_eq!(mails_matching(&app, "confirmed-").len(), 1);
    assert!(
        domain::jobs::claim(svc, "late-worker")
            .await
            .unwrap()
            .is_none()
    );
}
