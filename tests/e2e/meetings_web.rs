//! Meetings in the web UI: HTTP-level tests of the forms (create, publish, register, cancel, a
//! field's message, another network's meeting, the CSV export, a guest's confirmation, the
//! month view), and the collaboration day of the acceptance criteria in real Chromium with
//! axe-core on the meeting page and the organisers' page.

use std::sync::Arc;

use chrono::{Duration, NaiveDate};
use domain::calendar::utc_to_local;
use domain::meetings::{
    self, LocationMode, MeetingKind, MeetingVisibility, NewMeeting, NewQuestion, QuestionKind,
    RegistrationSettings,
};
use domain::policy::Role;
use fantoccini::Locator;
use reqwest::cookie::{CookieStore, Jar};
use samvirke::app::Parts;

use crate::support::browser::Browser;
use crate::support::{PASSWORD, Seeded, TestApp};

/// A browser-like client: its own cookies, the CSRF token of its cookie sent with every form.
struct Web {
    client: reqwest::Client,
    jar: Arc<Jar>,
    base: String,
}

/// What a request answered.
struct Answer {
    status: u16,
    body: String,
    location: String,
}

impl Web {
    /// Signed in as `email` (or signed out), with a CSRF cookie from the network's page.
    async fn new(app: &TestApp, slug: &str, email: Option<&str>) -> Web {
        let jar = Arc::new(Jar::default());
        let client = reqwest::Client::builder()
            .cookie_provider(jar.clone())
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .unwrap();
        if let Some(email) = email {
            let response = client
                .post(app.url("/api/v1/session"))
                .json(&serde_json::json!({ "email": email, "password": PASSWORD }))
                .send()
                .await
                .unwrap();
            assert_eq!(response.status(), 200, "sign-in of {email}");
        }
        let web = Web {
            client,
            jar,
            base: app.base.clone(),
        };
        assert_eq!(web.get(&format!("/n/{slug}")).await.status, 200);
        web
    }

    fn csrf(&self) -> String {
        let base: reqwest::Url = self.base.parse().unwrap();
        let cookies = self.jar.cookies(&base).unwrap();
        cookies
            .to_str()
            .unwrap()
            .split("; ")
            .find_map(|c| c.strip_prefix("samvirke_csrf="))
            .expect("no CSRF cookie")
            .to_owned()
    }

    async fn answer(response: reqwest::Response) -> Answer {
        let status = response.status().as_u16();
        let location = response
            .headers()
            .get("location")
            .map(|v| v.to_str().unwrap().to_owned())
            .unwrap_or_default();
        Answer {
            status,
            location,
            body: response.text().await.unwrap(),
        }
    }

    async fn get(&self, path: &str) -> Answer {
        let response = self
            .client
            .get(format!("{}{path}", self.base))
            .send()
            .await
            .unwrap();
        Self::answer(response).await
    }

    async fn post(&self, path: &str, fields: &[(&str, String)]) -> Answer {
        let mut form: Vec<(&str, String)> = vec![("csrf", self.csrf())];
        form.extend(fields.iter().cloned());
        let response = self
            .client
            .post(format!("{}{path}", self.base))
            .form(&form)
            .send()
            .await
            .unwrap();
        Self::answer(response).await
    }
}

/// The local date (in the network's zone) `days` from the test clock's now.
fn local_date(app: &TestApp, network: &Seeded, days: i64) -> NaiveDate {
    utc_to_local(
        app.clock_now() + Duration::days(days),
        network.network.time_zone,
    )
    .date()
}

/// The meeting form of a collaboration day on `date`, 09:00–15:30, registration until noon the
/// day before.
fn meeting_form(date: NaiveDate, title: &str) -> Vec<(&'static str, String)> {
    let day = date.format("%Y-%m-%d").to_string();
    let before = (date - Duration::days(1)).format("%Y-%m-%d").to_string();
    [
        ("kind", "collaboration_day"),
        ("title", title),
        (
            "description",
            "En dag om **samarbejde** mellem skole og psykiatri.",
        ),
        ("visibility", "network"),
        ("group_id", ""),
        ("starts_at_date", &day),
        ("starts_at_time", "09:00"),
        ("ends_at_date", &day),
        ("ends_at_time", "15:30"),
        ("location_mode", "physical"),
        ("address", "Rådhuspladsen 1, 1550 København V"),
        ("room", "Festsalen"),
        ("online_url", ""),
        ("registration_enabled", "1"),
        ("capacity_room", "40"),
        ("capacity_online", ""),
        ("waitlist_enabled", "1"),
        ("registration_opens_at_date", ""),
        ("registration_opens_at_time", ""),
        ("registration_closes_at_date", &before),
        ("registration_closes_at_time", "12:00"),
        ("cancellation_cutoff_at_date", ""),
        ("cancellation_cutoff_at_time", ""),
        ("terms", ""),
    ]
    .into_iter()
    .map(|(k, v)| (k, v.to_owned()))
    .collect()
}

fn set(form: &mut Vec<(&'static str, String)>, name: &'static str, value: &str) {
    form.retain(|(k, _)| *k != name);
    form.push((name, value.to_owned()));
}

/// The meeting id in a `/n/<slug>/meetings/<id>…` location.
fn meeting_id(location: &str) -> String {
    location
        .split("/meetings/")
        .nth(1)
        .and_then(|rest| rest.split(['/', '?', '#']).next())
        .unwrap_or_else(|| panic!("no meeting in {location:?}"))
        .to_owned()
}

/// Creates a meeting through the form as `web`; its id.
async fn create(web: &Web, slug: &str, form: &[(&'static str, String)]) -> String {
    let created = web.post(&format!("/n/{slug}/meetings"), form).await;
    assert_eq!(created.status, 303, "{}", created.body);
    assert!(created.location.ends_with("/manage?notice=created"));
    meeting_id(&created.location)
}

#[tokio::test]
async fn a_coordinator_creates_and_publishes_and_a_member_registers_and_cancels() {
    let app = TestApp::spawn().await;
    let a = app.seed("moedeweb").await;
    let slug = a.slug();
    let coordinator = Web::new(&app, slug, Some(&a.email(Role::Coordinator))).await;
    let member = Web::new(&app, slug, Some(&a.email(Role::Member))).await;

    let form_page = coordinator.get(&format!("/n/{slug}/meetings/new")).await;
    assert_eq!(form_page.status, 200);
    assert!(form_page.body.contains(r#"id="f-starts_at""#));
    assert!(form_page.body.contains("Europe/Copenhagen"));
    let refused = member.get(&format!("/n/{slug}/meetings/new")).await;
    assert_eq!(refused.status, 403, "members do not create meetings");

    let date = local_date(&app, &a, 14);
    let id = create(
        &coordinator,
        slug,
        &meeting_form(date, "Samarbejdsdag om skolefravær"),
    )
    .await;
    // A draft: the member does not see it yet.
    assert_eq!(
        member.get(&format!("/n/{slug}/meetings/{id}")).await.status,
        404
    );
    let manage = coordinator
        .get(&format!("/n/{slug}/meetings/{id}/manage"))
        .await;
    assert_eq!(manage.status, 200);
    assert!(manage.body.contains("Samarbejdsdag om skolefravær"));
    assert!(
        manage.body.contains(r#"value="09:00""#) && manage.body.contains(r#"value="15:30""#),
        "times are shown in the network's zone as typed"
    );
    let published = coordinator
        .post(
            &format!("/n/{slug}/meetings/{id}/status"),
            &[("status", "published".into())],
        )
        .await;
    assert_eq!(published.status, 303);
    assert!(published.location.contains("notice=published"));

    let list = member.get(&format!("/n/{slug}/meetings")).await;
    assert!(list.body.contains("Samarbejdsdag om skolefravær"));
    assert!(list.body.contains("09:00–15:30"), "{}", list.body);
    let calendar = member
        .get(&format!(
            "/n/{slug}/meetings/calendar?month={}",
            date.format("%Y-%m")
        ))
        .await;
    assert_eq!(calendar.status, 200);
    assert!(calendar.body.contains("Samarbejdsdag om skolefravær"));
    assert_eq!(
        member
            .get(&format!("/n/{slug}/meetings/calendar?month=2026-13"))
            .await
            .status,
        400
    );

    let page = member.get(&format!("/n/{slug}/meetings/{id}")).await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains("40 af 40 pladser tilbage i lokalet"));
    assert!(
        page.body
            .contains(&format!("/n/{slug}/meetings/{id}/register"))
    );
    let registered = member
        .post(&format!("/n/{slug}/meetings/{id}/register"), &[])
        .await;
    assert_eq!(registered.status, 303, "{}", registered.body);
    assert!(registered.location.contains("notice=registered"));
    let page = member.get(&registered.location).await;
    assert!(page.body.contains("Du er tilmeldt."), "the notice is shown");
    assert!(page.body.contains(r#"id="my-registration""#));
    assert!(page.body.contains("39 af 40 pladser tilbage i lokalet"));
    let again = member
        .post(&format!("/n/{slug}/meetings/{id}/register"), &[])
        .await;
    assert_eq!(again.status, 409, "registering twice is a conflict");
    let mine = member.get(&format!("/n/{slug}/my-meetings")).await;
    assert!(mine.body.contains("Samarbejdsdag om skolefravær"));

    let cancelled = member
        .post(&format!("/n/{slug}/meetings/{id}/cancel"), &[])
        .await;
    assert_eq!(cancelled.status, 303);
    let page = member.get(&cancelled.location).await;
    assert!(page.body.contains("Du er afmeldt."));
    assert!(!page.body.contains(r#"id="my-registration""#));
    assert!(page.body.contains("40 af 40 pladser tilbage i lokalet"));
    let manage = coordinator
        .get(&format!("/n/{slug}/meetings/{id}/manage"))
        .await;
    assert!(manage.body.contains("member moedeweb"));
    assert!(manage.body.contains("afmeldt"));
    app.stop().await;
}

#[tokio::test]
async fn a_refused_value_is_shown_next_to_its_field() {
    let app = TestApp::spawn().await;
    let a = app.seed("felter").await;
    let slug = a.slug();
    let coordinator = Web::new(&app, slug, Some(&a.email(Role::Coordinator))).await;
    let date = local_date(&app, &a, 10);

    let mut form = meeting_form(date, "");
    set(&mut form, "ends_at_time", "08:00");
    let refused = coordinator
        .post(&format!("/n/{slug}/meetings"), &form)
        .await;
    assert_eq!(refused.status, 422);
    assert!(refused.body.contains(r#"id="f-title-error""#));
    assert!(refused.body.contains(r#"id="f-ends_at-error""#));
    assert!(
        refused
            .body
            .contains("Slutningen skal ligge efter begyndelsen.")
    );
    assert!(
        refused.body.contains(r##"href="#f-ends_at""##),
        "the summary links to the field"
    );
    assert!(
        refused.body.contains(r#"value="08:00""#),
        "what was typed is kept"
    );

    let mut form = meeting_form(date, "Temamøde");
    set(&mut form, "capacity_room", "mange");
    let refused = coordinator
        .post(&format!("/n/{slug}/meetings"), &form)
        .await;
    assert_eq!(refused.status, 422);
    assert!(refused.body.contains(r#"id="f-capacity_room-error""#));

    // The programme's own fields on the organisers' page.
    let id = create(&coordinator, slug, &meeting_form(date, "Temamøde")).await;
    let outside = coordinator
        .post(
            &format!("/n/{slug}/meetings/{id}/agenda"),
            &[
                ("item_title", "Velkomst".into()),
                ("item_kind", "plenary".into()),
                ("item_date", date.format("%Y-%m-%d").to_string()),
                ("item_starts_at", "08:00".into()),
                ("item_ends_at", "08:30".into()),
            ],
        )
        .await;
    assert_eq!(outside.status, 422);
    assert!(outside.body.contains(r#"id="f-item_starts_at-error""#));
    assert!(outside.body.contains(r#"value="Velkomst""#));
    app.stop().await;
}

#[tokio::test]
async fn a_meeting_of_another_network_is_not_found() {
    let app = TestApp::spawn().await;
    let a = app.seed("netvaerk-a").await;
    let b = app.seed("netvaerk-b").await;
    let coordinator_b = Web::new(&app, b.slug(), Some(&b.email(Role::Coordinator))).await;
    let id = create(
        &coordinator_b,
        b.slug(),
        &meeting_form(local_date(&app, &b, 5), "Fortroligt Zebrafinke-møde"),
    )
    .await;
    coordinator_b
        .post(
            &format!("/n/{}/meetings/{id}/status", b.slug()),
            &[("status", "published".into())],
        )
        .await;

    let owner_a = Web::new(&app, a.slug(), Some(&a.email(Role::Owner))).await;
    for slug in [a.slug(), b.slug()] {
        for path in ["", "/manage", "/registrations.csv", "/check-mail"] {
            let answer = owner_a.get(&format!("/n/{slug}/meetings/{id}{path}")).await;
            assert_eq!(answer.status, 404, "GET {slug} {path}");
            assert!(!answer.body.contains("Zebrafinke"));
        }
        for path in [
            "",
            "/register",
            "/cancel",
            "/status",
            "/agenda",
            "/attendance",
        ] {
            let answer = owner_a
                .post(
                    &format!("/n/{slug}/meetings/{id}{path}"),
                    &[("status", "cancelled".into())],
                )
                .await;
            assert_eq!(answer.status, 404, "POST {slug} {path}");
            assert!(!answer.body.contains("Zebrafinke"));
        }
    }
    assert_eq!(
        owner_a
            .get(&format!("/n/{}/meetings/ikke-et-id", a.slug()))
            .await
            .status,
        404
    );
    app.stop().await;
}

#[tokio::test]
async fn organisers_export_the_registrations_as_csv() {
    let app = TestApp::spawn().await;
    let a = app.seed("eksport").await;
    let slug = a.slug();
    let coordinator = Web::new(&app, slug, Some(&a.email(Role::Coordinator))).await;
    let mut form = meeting_form(local_date(&app, &a, 8), "Temamøde om trivsel");
    form.push(("publish", "1".into()));
    let id = create(&coordinator, slug, &form).await;
    let member = Web::new(&app, slug, Some(&a.email(Role::Member))).await;
    let registered = member
        .post(&format!("/n/{slug}/meetings/{id}/register"), &[])
        .await;
    assert_eq!(registered.status, 303);

    let response = coordinator
        .client
        .get(app.url(&format!("/n/{slug}/meetings/{id}/registrations.csv")))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    let header = |name: &str| {
        response
            .headers()
            .get(name)
            .map(|v| v.to_str().unwrap().to_owned())
            .unwrap_or_default()
    };
    assert!(header("content-type").starts_with("text/csv"));
    assert!(header("content-disposition").starts_with("attachment;"));
    assert!(header("content-disposition").contains(".csv"));
    let csv = response.text().await.unwrap();
    assert!(csv.contains("name,email"), "{csv}");
    assert!(csv.contains("member eksport,member.eksport@example.org"));
    assert!(csv.contains("registered"));

    let refused = member
        .get(&format!("/n/{slug}/meetings/{id}/registrations.csv"))
        .await;
    assert_eq!(refused.status, 403, "participants do not export");
    app.stop().await;
}

#[tokio::test]
async fn a_guest_registers_for_a_public_meeting_and_confirms_by_the_mailed_link() {
    let app = TestApp::spawn().await;
    let a = app.seed("gaester").await;
    let slug = a.slug();
    let coordinator = Web::new(&app, slug, Some(&a.email(Role::Coordinator))).await;
    let mut form = meeting_form(local_date(&app, &a, 9), "Åbent informationsmøde");
    set(&mut form, "visibility", "public");
    form.push(("publish", "1".into()));
    let id = create(&coordinator, slug, &form).await;

    let visitor = Web::new(&app, slug, None).await;
    let page = visitor.get(&format!("/n/{slug}/meetings/{id}")).await;
    assert_eq!(page.status, 200);
    assert!(
        page.body
            .contains(&format!("/n/{slug}/meetings/{id}/guest"))
    );
    let missing = visitor
        .post(
            &format!("/n/{slug}/meetings/{id}/guest"),
            &[("name", "Sofie Gæst".into()), ("email", "".into())],
        )
        .await;
    assert_eq!(missing.status, 422);
    assert!(missing.body.contains(r#"id="f-email-error""#));
    let sent = visitor
        .post(
            &format!("/n/{slug}/meetings/{id}/guest"),
            &[
                ("name", "Sofie Gæst".into()),
                ("email", "sofie@example.org".into()),
                ("organisation", "Foreningen".into()),
            ],
        )
        .await;
    assert_eq!(sent.status, 303, "{}", sent.body);
    assert!(sent.location.ends_with("/check-mail"));
    assert!(
        visitor
            .get(&sent.location)
            .await
            .body
            .contains("Tjek din e-mail")
    );

    app.drain().await;
    let prefix = "http://samvirke.test/registrations/confirm/";
    let link = app
        .mails()
        .iter()
        .filter(|mail| mail.contains("sofie@example.org"))
        .find_map(|mail| {
            let unfolded = mail.replace("=\r\n", "").replace("=\n", "");
            unfolded
                .lines()
                .filter(|line| line.contains(prefix))
                .find_map(|line| line.split("http://samvirke.test").nth(1))
                .map(|path| path.trim().to_owned())
        })
        .expect("a mail with the confirmation link");
    let confirm = visitor.get(&link).await;
    assert_eq!(confirm.status, 200);
    assert!(confirm.body.contains("Bekræft min tilmelding"));
    let confirmed = visitor.post(&link, &[]).await;
    assert_eq!(confirmed.status, 303, "{}", confirmed.body);
    assert!(confirmed.location.contains("notice=guest_confirmed"));
    let again = visitor.post(&link, &[]).await;
    assert_eq!(again.status, 410, "a link works once");

    let manage = coordinator
        .get(&format!("/n/{slug}/meetings/{id}/manage"))
        .await;
    assert!(manage.body.contains("Sofie Gæst"));
    assert!(manage.body.contains("tilmeldt"));
    app.stop().await;
}

#[tokio::test]
async fn registration_with_sessions_and_questions_keeps_capacity() {
    let app = TestApp::spawn().await;
    let a = app.seed("sessioner").await;
    let slug = a.slug();
    let coordinator = Web::new(&app, slug, Some(&a.email(Role::Coordinator))).await;
    let date = local_date(&app, &a, 12);
    let day = date.format("%Y-%m-%d").to_string();
    let mut form = meeting_form(date, "Temadag med workshops");
    form.push(("publish", "1".into()));
    let id = create(&coordinator, slug, &form).await;
    for (title, selectable, capacity) in [("Workshop A", "1", "1"), ("Workshop B", "1", "")] {
        let added = coordinator
            .post(
                &format!("/n/{slug}/meetings/{id}/agenda"),
                &[
                    ("item_title", title.into()),
                    ("item_kind", "group_work".into()),
                    ("item_date", day.clone()),
                    ("item_starts_at", "13:00".into()),
                    ("item_ends_at", "14:30".into()),
                    ("item_speakers", "Mette Holm, BUP Aarhus".into()),
                    ("item_selectable", selectable.into()),
                    ("item_capacity", capacity.into()),
                ],
            )
            .await;
        assert_eq!(added.status, 303, "{}", added.body);
    }
    let question = coordinator
        .post(
            &format!("/n/{slug}/meetings/{id}/questions"),
            &[
                ("question_label", "Kost".into()),
                ("question_kind", "single_choice".into()),
                ("question_options", "Vegetar\nAlt".into()),
                ("question_required", "1".into()),
            ],
        )
        .await;
    assert_eq!(question.status, 303, "{}", question.body);
    let meeting = meetings::get(&app.services, &a.scope, id.parse().unwrap())
        .await
        .unwrap();
    let workshop_a = meeting.programme[0].id.to_string();
    let answer = format!("answers.{}", meeting.questions[0].id);

    let member = Web::new(&app, slug, Some(&a.email(Role::Member))).await;
    let page = member.get(&format!("/n/{slug}/meetings/{id}")).await;
    assert!(page.body.contains("Workshop A"));
    assert!(page.body.contains("1 af 1 pladser tilbage"));
    assert!(page.body.contains(r#"name="session.0""#));
    let unanswered = member
        .post(
            &format!("/n/{slug}/meetings/{id}/register"),
            &[("session.0", workshop_a.clone())],
        )
        .await;
    assert_eq!(unanswered.status, 422);
    assert!(
        unanswered
            .body
            .contains(&format!(r#"id="f-{answer}-error""#))
    );
    let registered = member
        .post(
            &format!("/n/{slug}/meetings/{id}/register"),
            &[
                ("session.0", workshop_a.clone()),
                (answer.as_str(), "Vegetar".into()),
            ],
        )
        .await;
    assert_eq!(registered.status, 303, "{}", registered.body);

    // Workshop A is full now: the partner's choice of it is refused next to the sessions.
    let partner = Web::new(&app, slug, Some(&a.email(Role::Partner))).await;
    let full = partner
        .post(
            &format!("/n/{slug}/meetings/{id}/register"),
            &[("session.0", workshop_a), (answer.as_str(), "Alt".into())],
        )
        .await;
    assert_eq!(full.status, 422);
    assert!(full.body.contains(r#"id="f-session_ids-error""#));
    let manage = coordinator
        .get(&format!("/n/{slug}/meetings/{id}/manage"))
        .await;
    assert!(manage.body.contains("Vegetar"));
    assert!(manage.body.contains("Workshop A"));

    app.stop().await;
}

#[tokio::test]
async fn calendar_files_and_the_personal_feed() {
    let app = TestApp::spawn().await;
    let a = app.seed("kalender").await;
    let slug = a.slug();
    let coordinator = Web::new(&app, slug, Some(&a.email(Role::Coordinator))).await;
    let mut form = meeting_form(local_date(&app, &a, 6), "Åbent temamøde");
    set(&mut form, "visibility", "public");
    form.push(("publish", "1".into()));
    let id = create(&coordinator, slug, &form).await;

    let visitor = Web::new(&app, slug, None).await;
    let page = visitor.get(&format!("/n/{slug}/meetings/{id}")).await;
    assert!(
        page.body
            .contains(&format!("/n/{slug}/meetings/{id}/calendar.ics"))
    );
    let response = visitor
        .client
        .get(app.url(&format!("/n/{slug}/meetings/{id}/calendar.ics")))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    assert!(
        response.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/calendar")
    );
    let ics = response.text().await.unwrap();
    assert!(ics.contains("BEGIN:VEVENT") && ics.contains("Åbent temamøde"));
    let feed = visitor.get(&format!("/n/{slug}/calendar.ics")).await;
    assert_eq!(feed.status, 200);
    assert!(feed.body.contains("Åbent temamøde"));

    let member = Web::new(&app, slug, Some(&a.email(Role::Member))).await;
    let mine = member.get(&format!("/n/{slug}/my-meetings")).await;
    assert!(mine.body.contains("/my-meetings/calendar-feed"));
    let made = member
        .post(&format!("/n/{slug}/my-meetings/calendar-feed"), &[])
        .await;
    assert_eq!(made.status, 200);
    let url = made
        .body
        .split("value=\"http://samvirke.test")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .expect("the feed address is shown once")
        .to_owned();
    let personal = app.client().get(app.url(&url)).send().await.unwrap();
    assert_eq!(personal.status(), 200);
    assert!(personal.text().await.unwrap().contains("Åbent temamøde"));
    let again = member.get(&format!("/n/{slug}/my-meetings")).await;
    assert!(!again.body.contains(&url), "the address is not shown again");
    member
        .post(&format!("/n/{slug}/my-meetings/calendar-feed"), &[])
        .await;
    let old = app.client().get(app.url(&url)).send().await.unwrap();
    assert_eq!(old.status(), 404, "a replaced address stops working");
    app.stop().await;
}

#[tokio::test]
async fn a_series_is_created_from_a_template_and_a_rule() {
    let app = TestApp::spawn().await;
    let a = app.seed("serie").await;
    let slug = a.slug();
    let coordinator = Web::new(&app, slug, Some(&a.email(Role::Coordinator))).await;
    let page = coordinator
        .get(&format!("/n/{slug}/meetings/series/new"))
        .await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains("FREQ=MONTHLY;BYDAY=1TU"));

    let mut form = meeting_form(local_date(&app, &a, 3), "Netværksmøde");
    form.push(("publish", "1".into()));
    let mut bad = form.clone();
    bad.extend([
        ("rule_choice", String::new()),
        ("rule", "FREQ=HOURLY".into()),
        ("occurrences", "4".into()),
    ]);
    let refused = coordinator
        .post(&format!("/n/{slug}/meetings/series"), &bad)
        .await;
    assert_eq!(refused.status, 422);
    assert!(refused.body.contains(r#"id="f-rule-error""#));

    form.extend([
        ("rule_choice", "FREQ=WEEKLY".into()),
        ("rule", String::new()),
        ("occurrences", "4".into()),
    ]);
    let created = coordinator
        .post(&format!("/n/{slug}/meetings/series"), &form)
        .await;
    assert_eq!(created.status, 303, "{}", created.body);
    let series = coordinator.get(&created.location).await;
    assert_eq!(series.status, 200);
    assert_eq!(series.body.matches("<li class=\"card\">").count(), 4);
    assert!(series.body.contains("Hver uge"));
    let first = series
        .body
        .split(&format!("/n/{slug}/meetings/"))
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .unwrap()
        .to_owned();
    let occurrence = coordinator
        .get(&format!("/n/{slug}/meetings/{first}"))
        .await;
    assert!(occurrence.body.contains("/meetings/series/"));
    app.stop().await;
}

#[tokio::test]
async fn minutes_and_breakout_groups_reach_the_participants() {
    let app = TestApp::spawn().await;
    let a = app.seed("grupper").await;
    let slug = a.slug();
    let coordinator = Web::new(&app, slug, Some(&a.email(Role::Coordinator))).await;
    let mut form = meeting_form(local_date(&app, &a, 4), "Temadag med grupper");
    form.push(("publish", "1".into()));
    let id = create(&coordinator, slug, &form).await;
    for name in ["Gruppe Skole", "Gruppe Sundhed"] {
        let added = coordinator
            .post(
                &format!("/n/{slug}/meetings/{id}/breakouts"),
                &[("group_name", name.into()), ("group_capacity", "5".into())],
            )
            .await;
        assert_eq!(added.status, 303, "{}", added.body);
    }
    let refused = coordinator
        .post(
            &format!("/n/{slug}/meetings/{id}/breakouts"),
            &[("group_name", "".into())],
        )
        .await;
    assert_eq!(refused.status, 422);
    assert!(refused.body.contains(r#"id="f-group_name-error""#));

    let member = Web::new(&app, slug, Some(&a.email(Role::Member))).await;
    let page = member.get(&format!("/n/{slug}/meetings/{id}")).await;
    assert!(page.body.contains(r#"id="f-breakout_preferences""#));
    let meeting = meetings::get(&app.services, &a.scope, id.parse().unwrap())
        .await
        .unwrap();
    let groups = meetings::breakouts::list_groups(&app.services, &a.scope, meeting.id)
        .await
        .unwrap();
    let sundhed = groups.iter().find(|g| g.name == "Gruppe Sundhed").unwrap();
    let registered = member
        .post(
            &format!("/n/{slug}/meetings/{id}/register"),
            &[("breakout_preferences", sundhed.id.to_string())],
        )
        .await;
    assert_eq!(registered.status, 303, "{}", registered.body);
    let auto = coordinator
        .post(
            &format!("/n/{slug}/meetings/{id}/breakouts/auto"),
            &[("mix_sectors", "1".into())],
        )
        .await;
    assert_eq!(auto.status, 303);
    let manage = coordinator.get(&auto.location).await;
    assert!(manage.body.contains("1 fik en gruppe"), "{}", manage.body);
    let page = member.get(&format!("/n/{slug}/meetings/{id}")).await;
    assert!(page.body.contains("Din gruppe"));
    assert!(page.body.contains("Gruppe Sundhed"));

    let saved = coordinator
        .post(
            &format!("/n/{slug}/meetings/{id}/minutes"),
            &[
                ("minutes", "Vi talte om **fravær**.".into()),
                ("decisions", "Ny arbejdsgruppe nedsættes.".into()),
            ],
        )
        .await;
    assert_eq!(saved.status, 303, "{}", saved.body);
    let action = coordinator
        .post(
            &format!("/n/{slug}/meetings/{id}/actions"),
            &[
                ("action_text", "Indkald til første møde".into()),
                ("action_owner", "Koordinatoren".into()),
                ("action_due_on", "31-12".into()),
            ],
        )
        .await;
    assert_eq!(action.status, 422, "a date that is not a date");
    assert!(action.body.contains(r#"id="f-action_due_on-error""#));
    let action = coordinator
        .post(
            &format!("/n/{slug}/meetings/{id}/actions"),
            &[
                ("action_text", "Indkald til første møde".into()),
                ("action_owner", "Koordinatoren".into()),
            ],
        )
        .await;
    assert_eq!(action.status, 303, "{}", action.body);
    let page = member.get(&format!("/n/{slug}/meetings/{id}")).await;
    assert!(page.body.contains("<strong>fravær</strong>"));
    assert!(page.body.contains("Indkald til første møde"));
    app.stop().await;
}

/// Acceptance item 1 in real Chromium: a coordinator plans a collaboration day with plenary
/// talks and two parallel workshops, opens registration with a capacity and a deadline, and
/// publishes; a practitioner registers and chooses a workshop; the confirmation mail carries
/// an .ics. axe-core checks the meeting page and the organisers' page.
#[tokio::test]
async fn a_collaboration_day_in_the_browser() {
    let Some(browser) = Browser::start(true).await else {
        return;
    };
    let app = TestApp::spawn_with(Parts {
        http: true,
        worker: false,
    })
    .await;
    let a = app.seed("samarbejdsdag").await;
    let slug = a.slug().to_owned();
    let date = local_date(&app, &a, 21);
    let day = date.format("%Y-%m-%d").to_string();
    let deadline = (date - Duration::days(2)).format("%Y-%m-%d").to_string();

    sign_in(&browser, &app, &a.email(Role::Coordinator)).await;
    browser
        .goto(&app.url(&format!("/n/{slug}/meetings/series/new")))
        .await;
    assert_accessible(&browser, "the new-series form").await;
    browser
        .goto(&app.url(&format!("/n/{slug}/meetings/new")))
        .await;
    assert_accessible(&browser, "the new-meeting form").await;
    select(&browser, "#f-kind", "collaboration_day").await;
    browser.fill("#f-title", "Samarbejdsdag 2026").await;
    browser
        .fill("#f-description", "Skole, kommune og psykiatri mødes.")
        .await;
    fill_date(&browser, "#f-starts_at", &day).await;
    fill_time(&browser, "#f-starts_at-time", "09:00").await;
    fill_date(&browser, "#f-ends_at", &day).await;
    fill_time(&browser, "#f-ends_at-time", "16:00").await;
    browser
        .fill("#f-address", "Rådhuspladsen 1, 1550 København V")
        .await;
    browser.fill("#f-capacity_room", "60").await;
    fill_date(&browser, "#f-registration_closes_at", &deadline).await;
    fill_time(&browser, "#f-registration_closes_at-time", "12:00").await;
    browser.click("main form button[type=submit]").await;
    let manage_path = browser
        .wait_for_path_change(&format!("/n/{slug}/meetings/new"))
        .await;
    assert!(manage_path.ends_with("/manage"), "{manage_path}");
    assert!(browser.text().await.contains("Samarbejdsdag 2026"));

    for (title, kind, start, end, speakers, selectable, capacity) in [
        (
            "Velkomst og fælles oplæg",
            "plenary",
            "09:00",
            "10:30",
            "Mette Holm, BUP Aarhus",
            false,
            "",
        ),
        (
            "Workshop: Skolefravær",
            "group_work",
            "11:00",
            "12:30",
            "Jonas Berg, PPR",
            true,
            "20",
        ),
        (
            "Workshop: Overgange",
            "group_work",
            "11:00",
            "12:30",
            "Anne Lund, Kommunen",
            true,
            "20",
        ),
        (
            "Afrunding i plenum",
            "plenary",
            "14:00",
            "16:00",
            "",
            false,
            "",
        ),
    ] {
        browser.fill("#f-item_title", title).await;
        select(&browser, "#f-item_kind", kind).await;
        fill_date(&browser, "#f-item_date", &day).await;
        fill_time(&browser, "#f-item_starts_at", start).await;
        fill_time(&browser, "#f-item_ends_at", end).await;
        browser.fill("#f-item_speakers", speakers).await;
        if selectable {
            browser.click("#f-item_selectable").await;
            browser.fill("#f-item_capacity", capacity).await;
        }
        browser
            .click("form[action$='/agenda'] button[type=submit]")
            .await;
        browser.wait_for_text(title).await;
    }
    browser
        .click("form[action$='/status'] button[type=submit]")
        .await;
    browser.wait_for_text("Mødet er offentliggjort.").await;
    assert_accessible(&browser, "the organisers' page").await;

    browser.client.delete_all_cookies().await.unwrap();
    let member = a.person(Role::Member);
    sign_in(&browser, &app, &member.email).await;
    let meeting_path = manage_path.trim_end_matches("/manage").to_owned();
    browser.goto(&app.url(&meeting_path)).await;
    let text = browser.text().await;
    assert!(text.contains("Workshop: Skolefravær") && text.contains("Workshop: Overgange"));
    assert!(text.contains("20 af 20 pladser tilbage"));
    assert_accessible(&browser, "the meeting page").await;
    browser
        .client
        .find(Locator::XPath(
            "//label[contains(., 'Workshop: Overgange')]",
        ))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    browser
        .click("main form.registration-form button[type=submit]")
        .await;
    browser.wait_for_text("Du er tilmeldt.").await;
    let text = browser.text().await;
    assert!(
        text.contains("Workshop: Overgange"),
        "the chosen workshop is shown"
    );
    assert_accessible(&browser, "the meeting page after registering").await;
    for (page, path) in [
        ("the list of meetings", format!("/n/{slug}/meetings")),
        (
            "the month view",
            format!("/n/{slug}/meetings/calendar?month={}", date.format("%Y-%m")),
        ),
        ("my meetings", format!("/n/{slug}/my-meetings")),
    ] {
        browser.goto(&app.url(&path)).await;
        assert!(
            browser.text().await.contains("Samarbejdsdag 2026"),
            "{page}"
        );
        assert_accessible(&browser, page).await;
    }

    app.drain().await;
    let mail = app
        .mails()
        .into_iter()
        .find(|mail| mail.contains(&member.email) && mail.contains("text/calendar"))
        .expect("a confirmation with an .ics attachment");
    assert!(mail.contains("invite.ics"));
    let meeting = meetings::get(
        &app.services,
        &a.scope,
        meeting_id(&meeting_path).parse().unwrap(),
    )
    .await
    .unwrap();
    assert_eq!(meeting.seats.room, 1);

    // A signed-out visitor's form for a public meeting, with questions and terms.
    let public = meetings::create(
        &app.services,
        &a.scope,
        NewMeeting {
            kind: MeetingKind::InformationMeeting,
            visibility: MeetingVisibility::Public,
            group_id: None,
            title: "Åbent informationsmøde".into(),
            description: "For alle.".into(),
            starts_at: meeting.starts_at + Duration::days(7),
            ends_at: meeting.ends_at + Duration::days(7),
            location_mode: LocationMode::Hybrid,
            address: "Rådhuspladsen 1, 1550 København V".into(),
            room: String::new(),
            online_url: "https://meet.example.org/aabent".into(),
            registration: RegistrationSettings {
                enabled: true,
                capacity_room: Some(30),
                capacity_online: None,
                terms: "Vi tager billeder.".into(),
                ..RegistrationSettings::default()
            },
            show_participants: false,
            organisation_ids: vec![],
            contact_user_id: None,
            moderator_user_id: None,
            invitee_user_ids: vec![],
            publish: true,
        },
    )
    .await
    .unwrap();
    for (kind, label, options) in [
        (QuestionKind::Text, "Hvad vil du gerne høre om?", vec![]),
        (
            QuestionKind::MultipleChoice,
            "Hvor arbejder du?",
            vec!["Skole".to_owned(), "Kommune".to_owned()],
        ),
    ] {
        meetings::registration_questions::add(
            &app.services,
            &a.scope,
            public.id,
            NewQuestion {
                kind,
                label: label.into(),
                options,
                required: true,
            },
        )
        .await
        .unwrap();
    }
    browser.client.delete_all_cookies().await.unwrap();
    let public_path = format!("/n/{slug}/meetings/{}", public.id);
    browser.goto(&app.url(&public_path)).await;
    assert!(browser.text().await.contains("Hvor arbejder du?"));
    assert_accessible(&browser, "the guest registration form").await;
    browser
        .click("main form.registration-form button[type=submit]")
        .await;
    browser.wait_for_text("Der er et problem").await;
    assert_accessible(&browser, "the guest form with its messages").await;
    browser
        .goto(&app.url(&format!("{public_path}/check-mail")))
        .await;
    assert_accessible(&browser, "the check-your-mail page").await;
    browser
        .goto(&app.url("/registrations/confirm/ukendt"))
        .await;
    assert_accessible(&browser, "the confirmation page").await;
    browser.close().await;
    app.stop().await;
}

async fn assert_accessible(browser: &Browser, page: &str) {
    let violations = browser.accessibility_violations().await;
    assert!(
        violations.is_empty(),
        "{page} has WCAG violations:\n{}",
        violations.join("\n")
    );
}

async fn sign_in(browser: &Browser, app: &TestApp, email: &str) {
    browser.goto(&app.url("/signin")).await;
    browser.fill("#f-email", email).await;
    browser.fill("#f-password", PASSWORD).await;
    browser.click("main form button[type=submit]").await;
    browser.wait_for_path_change("/signin").await;
}

/// Chooses an option of a select by its value.
async fn select(browser: &Browser, css: &str, value: &str) {
    browser
        .click(&format!("{css} option[value='{value}']"))
        .await;
}

/// Sets a date or time input's value as the browser's own picker would (typing into them
/// depends on the locale's field order).
async fn set_value(browser: &Browser, css: &str, value: &str) {
    browser
        .client
        .execute(
            "const el = document.querySelector(arguments[0]); el.value = arguments[1]; \
             el.dispatchEvent(new Event('change', { bubbles: true }));",
            vec![css.into(), value.into()],
        )
        .await
        .unwrap();
}

async fn fill_date(browser: &Browser, css: &str, value: &str) {
    set_value(browser, css, value).await;
}

async fn fill_time(browser: &Browser, css: &str, value: &str) {
    set_value(browser, css, value).await;
}
