//! Acceptance item 4 over HTTP: a monthly consultation series shows its next 12 occurrences;
//! moving one leaves the others alone; a registered participant's personal feed and the
//! network's public feed are valid RFC 5545, and the public feed holds no network-only meeting.

use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc, Weekday};
use domain::calendar;
use domain::policy::Role;
use serde_json::{Value, json};

use crate::support::{TestApp, json};

/// 13:00 Copenhagen time on the first Tuesday of the month after `now`.
fn first_tuesday_after(now: DateTime<Utc>) -> DateTime<Utc> {
    let tz = chrono_tz::Europe::Copenhagen;
    let local = now.with_timezone(&tz).date_naive();
    let (year, month) = if local.month() == 12 {
        (local.year() + 1, 1)
    } else {
        (local.year(), local.month() + 1)
    };
    let mut day = NaiveDate::from_ymd_opt(year, month, 1).unwrap();
    while day.weekday() != Weekday::Tue {
        day = day.succ_opt().unwrap();
    }
    calendar::local_to_utc(day.and_hms_opt(13, 0, 0).unwrap(), tz).unwrap()
}

fn meeting_body(title: &str, visibility: &str, start: DateTime<Utc>) -> Value {
    json!({
        "kind": "case_consultation",
        "visibility": visibility,
        "title": title,
        "starts_at": start,
        "ends_at": start + Duration::hours(2),
        "location_mode": "physical",
        "address": "Stord sjukehus",
        "registration": { "enabled": true, "capacity_room": 12 },
        "publish": true,
    })
}

#[tokio::test]
async fn a_monthly_series_and_the_feeds() {
    let app = TestApp::spawn().await;
    let seeded = app.seed("drofting").await;
    let slug = seeded.slug().to_owned();
    let coordinator = app.signed_in(&seeded.email(Role::Coordinator)).await;
    let first = first_tuesday_after(app.clock_now());

    let (status, series) = json(
        coordinator
            .post(app.url(&format!("/api/v1/networks/{slug}/meeting-series")))
            .json(&json!({
                "template": meeting_body("Drøftingsmøte BUP og kommunene", "network", first),
                "rule": "FREQ=MONTHLY;BYDAY=1TU",
            }))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 200, "{series}");
    let occurrences = series["occurrences"].as_array().unwrap().clone();
    assert_eq!(occurrences.len(), 12);
    let tz = chrono_tz::Europe::Copenhagen;
    for occurrence in &occurrences {
        let start: DateTime<Utc> = occurrence["starts_at"].as_str().unwrap().parse().unwrap();
        let local = start.with_timezone(&tz);
        assert_eq!(local.weekday(), Weekday::Tue);
        assert!(local.day() <= 7, "the first Tuesday");
        assert_eq!(
            local.format("%H:%M").to_string(),
            "13:00",
            "13:00 summer and winter"
        );
    }

    // Move the third occurrence a day later; the others stay where they were.
    let moved_id = occurrences[2]["id"].as_str().unwrap();
    let moved_start: DateTime<Utc> = occurrences[2]["starts_at"]
        .as_str()
        .unwrap()
        .parse()
        .unwrap();
    let response = coordinator
        .patch(app.url(&format!("/api/v1/networks/{slug}/meetings/{moved_id}")))
        .json(&json!({
            "starts_at": moved_start + Duration::days(1),
            "ends_at": moved_start + Duration::days(1) + Duration::hours(2),
        }))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    let series_id = series["id"].as_str().unwrap();
    let (_, after) = json(
        coordinator
            .get(app.url(&format!(
                "/api/v1/networks/{slug}/meeting-series/{series_id}"
            )))
            .send()
            .await
            .unwrap(),
    )
    .await;
    let after = after["occurrences"].as_array().unwrap().clone();
    assert_eq!(after.len(), 12);
    for (before, now) in occurrences.iter().zip(&after) {
        if before["id"] == moved_id {
            let start: DateTime<Utc> = now["starts_at"].as_str().unwrap().parse().unwrap();
            assert_eq!(start, moved_start + Duration::days(1));
        } else {
            assert_eq!(
                before["starts_at"], now["starts_at"],
                "another occurrence moved"
            );
        }
    }

    // A public information meeting next to the network-only series.
    let (status, public) = json(
        coordinator
            .post(app.url(&format!("/api/v1/networks/{slug}/meetings")))
            .json(&{
                let mut body = meeting_body(
                    "Informasjonsmøte om samhandling",
                    "public",
                    first + Duration::days(3),
                );
                body["kind"] = json!("information_meeting");
                body
            })
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 200, "{public}");

    // The member registers for the first occurrence, then reads their personal feed.
    let member = app.signed_in(&seeded.email(Role::Member)).await;
    let first_id = occurrences[0]["id"].as_str().unwrap();
    let response = member
        .post(app.url(&format!(
            "/api/v1/networks/{slug}/meetings/{first_id}/registration"
        )))
        .json(&json!({}))
        .send()
        .await
        .unwrap();
    assert!(response.status().is_success(), "{}", response.status());
    let (status, feed) = json(
        member
            .post(app.url("/api/v1/me/calendar-feed/reset"))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 200, "{feed}");
    let feed_url = feed["url"]
        .as_str()
        .expect("the feed URL when made")
        .to_owned();
    let path = feed_url.strip_prefix("http://samvirke.test").unwrap();
    let personal = app.client().get(app.url(path)).send().await.unwrap();
    assert_eq!(personal.status(), 200);
    assert!(
        personal.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/calendar")
    );
    let personal = personal.text().await.unwrap();
    calendar::check(&personal).unwrap_or_else(|errors| panic!("personal feed: {errors:?}"));
    assert!(personal.contains(&format!("UID:{first_id}@samvirke")));
    assert!(personal.contains("BEGIN:VTIMEZONE"));
    // Long lines are folded (RFC 5545 §3.1); read the link unfolded.
    let unfolded = personal.replace("\r\n ", "");
    assert!(
        unfolded.contains(&format!(
            "URL:http://samvirke.test/n/{slug}/meetings/{first_id}"
        )),
        "a link back"
    );

    let network_feed = app
        .client()
        .get(app.url(&format!("/n/{slug}/calendar.ics")))
        .send()
        .await
        .unwrap();
    assert_eq!(network_feed.status(), 200);
    let network_feed = network_feed.text().await.unwrap();
    calendar::check(&network_feed).unwrap_or_else(|errors| panic!("public feed: {errors:?}"));
    assert!(network_feed.contains("Informasjonsmøte om samhandling"));
    assert!(
        !network_feed.contains("Drøftingsmøte"),
        "a network-only meeting in the public feed"
    );
    for occurrence in &occurrences {
        assert!(!network_feed.contains(occurrence["id"].as_str().unwrap()));
    }
}
