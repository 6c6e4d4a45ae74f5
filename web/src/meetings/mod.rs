//! Meetings: the list and the month view, the meeting page with registration (members and,
//! for public meetings, signed-out guests), the organisers' page (details, status, programme,
//! questions, registrations, attendance, CSV), one's own meetings, and the confirmation link of
//! guests.
//!
//! Times are entered as a date and a time in the network's time zone and shown there; the
//! domain stores and checks them in UTC. Every rule lives in `domain::meetings`; the handlers
//! here parse what a form sent into its types and show what it answered.

pub(crate) mod calendars;
pub(crate) mod edit;
pub(crate) mod followup;
pub(crate) mod list;
pub(crate) mod manage;
pub(crate) mod series;
pub(crate) mod show;

use chrono::{DateTime, Datelike, NaiveDate, NaiveDateTime, NaiveTime, Utc};
use chrono_tz::Tz;
use domain::FieldError;
use domain::calendar::{local_to_utc, utc_to_local};
use domain::ids::MeetingId;
use domain::meetings::{self, Meeting, MeetingSummary};
use fluent_bundle::FluentValue;
use poem::http::StatusCode;

use crate::context::Ctx;
use crate::errors::WebError;
use crate::forms::{FormErrors, form_failure};
use crate::i18n;

/// Mounts the meeting pages (called once from [`crate::build`]).
pub(crate) fn register(b: &mut crate::Builder) {
    b.page("/n/:slug/meetings", list::list);
    b.form("/n/:slug/meetings", edit::create);
    b.page("/n/:slug/meetings/new", edit::new_form);
    b.page("/n/:slug/meetings/calendar", list::calendar);
    b.page("/n/:slug/meetings/series/new", series::new_form);
    b.form("/n/:slug/meetings/series", series::create);
    b.page("/n/:slug/meetings/series/:series_id", series::show);
    b.page("/n/:slug/meetings/:id", show::show);
    b.form("/n/:slug/meetings/:id", manage::update);
    b.form("/n/:slug/meetings/:id/register", show::register);
    b.form("/n/:slug/meetings/:id/guest", show::register_guest);
    b.page("/n/:slug/meetings/:id/check-mail", show::check_mail);
    b.form("/n/:slug/meetings/:id/cancel", show::cancel);
    b.page("/n/:slug/meetings/:id/manage", manage::manage);
    b.form("/n/:slug/meetings/:id/status", manage::set_status);
    b.form("/n/:slug/meetings/:id/agenda", manage::add_item);
    b.form(
        "/n/:slug/meetings/:id/agenda/:item_id/remove",
        manage::remove_item,
    );
    b.form("/n/:slug/meetings/:id/questions", manage::add_question);
    b.form(
        "/n/:slug/meetings/:id/questions/:question_id/remove",
        manage::remove_question,
    );
    b.form(
        "/n/:slug/meetings/:id/registrations/:registration_id/approve",
        manage::approve,
    );
    b.form(
        "/n/:slug/meetings/:id/registrations/:registration_id/reject",
        manage::reject,
    );
    b.form(
        "/n/:slug/meetings/:id/registrations/:registration_id/cancel",
        manage::cancel_registration,
    );
    b.form("/n/:slug/meetings/:id/attendance", manage::attendance);
    b.form("/n/:slug/meetings/:id/minutes", followup::save_minutes);
    b.form("/n/:slug/meetings/:id/actions", followup::add_action);
    b.form(
        "/n/:slug/meetings/:id/actions/:action_id",
        followup::update_action,
    );
    b.form("/n/:slug/meetings/:id/breakouts", followup::add_group);
    b.form("/n/:slug/meetings/:id/breakouts/assign", followup::assign);
    b.form(
        "/n/:slug/meetings/:id/breakouts/auto",
        followup::auto_assign,
    );
    b.form(
        "/n/:slug/meetings/:id/breakouts/:group_id/remove",
        followup::remove_group,
    );
    b.page(
        "/n/:slug/meetings/:id/registrations.csv",
        manage::export_csv,
    );
    b.page("/n/:slug/meetings/:id/calendar.ics", calendars::meeting);
    b.page("/n/:slug/my-meetings", list::mine);
    b.form("/n/:slug/my-meetings/calendar-feed", list::reset_feed);
    b.page("/n/:slug/calendar.ics", calendars::network);
    b.page("/calendar/:token", calendars::personal);
    b.page("/registrations/confirm/:token", show::confirm_form);
    b.form("/registrations/confirm/:token", show::confirm);
}

/// The network's time zone (the only one its pages speak).
pub(crate) fn time_zone(ctx: &Ctx) -> Result<Tz, WebError> {
    Ok(ctx.scope()?.network().time_zone)
}

/// The meeting named by the path, as the viewer sees it.
pub(crate) async fn load(ctx: &Ctx) -> Result<Meeting, WebError> {
    let id: MeetingId = ctx.id("id")?;
    Ok(meetings::get(ctx.svc(), ctx.scope()?, id).await?)
}

/// A meeting's URL in this network, with `rest` appended.
pub(crate) fn meeting_path(ctx: &Ctx, id: MeetingId, rest: &str) -> String {
    ctx.network_path(&format!("/meetings/{id}{rest}"))
}

/// The meeting's calendar file, for those who see the meeting.
pub(crate) fn ics_link(ctx: &Ctx, meeting: &Meeting) -> Option<String> {
    Some(meeting_path(ctx, meeting.id, "/calendar.ics"))
}

/// The date (`YYYY-MM-DD`) and time (`HH:MM`) a form shows for a moment.
pub(crate) fn local_parts(tz: Tz, at: DateTime<Utc>) -> (String, String) {
    let local = utc_to_local(at, tz);
    (
        local.format("%Y-%m-%d").to_string(),
        local.format("%H:%M").to_string(),
    )
}

/// A date and a time typed in the network's zone, as a moment. An empty date is `None` (or
/// `required` when `required`); a date without a time, or values that are not a date and a
/// time, are reported on `field`.
pub(crate) fn parse_local(
    tz: Tz,
    date: &str,
    time: &str,
    field: &str,
    required: bool,
    problems: &mut Vec<FieldError>,
) -> Option<DateTime<Utc>> {
    let (date, time) = (date.trim(), time.trim());
    if date.is_empty() && time.is_empty() {
        if required {
            problems.push(FieldError::new(field, "required"));
        }
        return None;
    }
    if date.is_empty() || time.is_empty() {
        problems.push(FieldError::new(field, "date_and_time"));
        return None;
    }
    let parsed_date = NaiveDate::parse_from_str(date, "%Y-%m-%d");
    let parsed_time = NaiveTime::parse_from_str(time, "%H:%M")
        .or_else(|_| NaiveTime::parse_from_str(time, "%H:%M:%S"));
    match (parsed_date, parsed_time) {
        (Ok(d), Ok(t)) => match local_to_utc(NaiveDateTime::new(d, t), tz) {
            Ok(at) => Some(at),
            Err(code) => {
                problems.push(FieldError::new(field, code));
                None
            }
        },
        _ => {
            problems.push(FieldError::new(field, "invalid"));
            None
        }
    }
}

/// A whole number typed into a field; empty is `None`.
pub(crate) fn parse_count(value: &str, field: &str, problems: &mut Vec<FieldError>) -> Option<i32> {
    let value = value.trim();
    if value.is_empty() {
        return None;
    }
    match value.parse::<i32>() {
        Ok(n) => Some(n),
        Err(_) => {
            problems.push(FieldError::new(field, "invalid"));
            None
        }
    }
}

/// `(value, text)` pairs for a select of a domain enum, with texts `<prefix>-<value>`.
pub(crate) fn choices<'a>(
    ctx: &Ctx,
    prefix: &str,
    values: impl IntoIterator<Item = &'a str>,
) -> Vec<(String, String)> {
    values
        .into_iter()
        .map(|v| (v.to_owned(), ctx.label(prefix, v)))
        .collect()
}

/// A date as a sentence reads it: "tirsdag 3. december 2024".
pub(crate) fn long_date(ctx: &Ctx, date: NaiveDate) -> String {
    let weekday = ctx.t(&format!(
        "meetings-weekday-{}",
        date.weekday().number_from_monday()
    ));
    let month = ctx.t(&format!("meetings-month-{}", date.month()));
    let args = i18n::args(&[
        ("weekday", FluentValue::from(weekday)),
        ("day", FluentValue::from(date.day().to_string())),
        ("month", FluentValue::from(month)),
        ("year", FluentValue::from(date.year().to_string())),
    ]);
    i18n::translate(ctx.lang, "meetings-long-date", Some(&args))
}

/// When a meeting (or anything with a start and an end) takes place, in the network's zone:
/// "tirsdag 3. december 2024, 09:00–15:30", or both ends in full when it spans days.
pub(crate) fn when(ctx: &Ctx, tz: Tz, starts: DateTime<Utc>, ends: DateTime<Utc>) -> String {
    let (start, end) = (utc_to_local(starts, tz), utc_to_local(ends, tz));
    if start.date() == end.date() {
        format!(
            "{}, {}–{}",
            long_date(ctx, start.date()),
            start.format("%H:%M"),
            end.format("%H:%M")
        )
    } else {
        format!(
            "{} {} – {} {}",
            long_date(ctx, start.date()),
            start.format("%H:%M"),
            long_date(ctx, end.date()),
            end.format("%H:%M")
        )
    }
}

/// `HH:MM–HH:MM` in the network's zone (items of one day's programme).
pub(crate) fn time_range(tz: Tz, starts: DateTime<Utc>, ends: DateTime<Utc>) -> String {
    format!(
        "{}–{}",
        utc_to_local(starts, tz).format("%H:%M"),
        utc_to_local(ends, tz).format("%H:%M")
    )
}

/// A meeting in a list, ready to show.
pub(crate) struct SummaryView {
    pub href: String,
    pub title: String,
    pub kind: String,
    pub status: String,
    /// Is it cancelled or a draft (which lists point out)?
    pub flagged: bool,
    pub when: String,
    pub starts_machine: String,
    pub place: String,
}

impl SummaryView {
    pub fn new(ctx: &Ctx, tz: Tz, m: &MeetingSummary) -> Self {
        use domain::meetings::{LocationMode, MeetingStatus};
        let place = match m.location_mode {
            LocationMode::Online => ctx.label("location_mode", m.location_mode.as_str()),
            _ => m.address.clone(),
        };
        SummaryView {
            href: meeting_path(ctx, m.id, ""),
            title: m.title.clone(),
            kind: ctx.label("meeting_kind", m.kind.as_str()),
            status: ctx.label("meeting_status", m.status.as_str()),
            flagged: matches!(m.status, MeetingStatus::Cancelled | MeetingStatus::Draft),
            when: when(ctx, tz, m.starts_at, m.ends_at),
            starts_machine: ctx.machine_datetime(&m.starts_at),
            place,
        }
    }
}

/// Like [`form_failure`], for a form whose fields carry `prefix` on the page (several forms on
/// one page must not share ids): the domain's `title` is the page's `<prefix>title`.
pub(crate) fn prefixed_failure(
    ctx: &Ctx,
    err: domain::Error,
    prefix: &str,
    fields: &[&str],
) -> Result<(StatusCode, FormErrors), WebError> {
    let err = match err {
        domain::Error::Invalid(problems) => domain::Error::Invalid(
            problems
                .into_iter()
                .map(|p| FieldError {
                    field: if fields.contains(&p.field.as_str()) {
                        format!("{prefix}{}", p.field)
                    } else {
                        p.field
                    },
                    code: p.code,
                })
                .collect(),
        ),
        other => other,
    };
    let prefixed: Vec<String> = fields.iter().map(|f| format!("{prefix}{f}")).collect();
    let prefixed: Vec<&str> = prefixed.iter().map(String::as_str).collect();
    form_failure(ctx, err, &prefixed)
}

/// What a non-member is told on a page only members use: visitors are asked to sign in,
/// others find nothing here.
pub(crate) fn members_only(ctx: &Ctx) -> domain::Error {
    if ctx.signed_in() {
        domain::Error::NotFound
    } else {
        domain::Error::Unauthenticated
    }
}

#[cfg(test)]
mod tests {
    use domain::meetings::{
        ActionStatus, AgendaKind, AttendanceMode, LocationMode, MeetingKind, MeetingStatus,
        MeetingVisibility, QuestionKind, RegistrationStatus,
    };

    use super::*;
    use crate::i18n::{Lang, has};

    /// The labels of the meeting values the domain defines, by the prefix their texts use.
    fn enum_keys() -> Vec<String> {
        let mut keys = Vec::new();
        let mut add = |prefix: &str, values: Vec<&str>| {
            keys.extend(values.into_iter().map(|v| format!("{prefix}-{v}")));
        };
        add(
            "meeting_kind",
            MeetingKind::ALL.iter().map(|v| v.as_str()).collect(),
        );
        add(
            "meeting_status",
            MeetingStatus::ALL.iter().map(|v| v.as_str()).collect(),
        );
        add(
            "meeting_visibility",
            MeetingVisibility::ALL.iter().map(|v| v.as_str()).collect(),
        );
        add(
            "location_mode",
            LocationMode::ALL.iter().map(|v| v.as_str()).collect(),
        );
        add(
            "agenda_kind",
            AgendaKind::ALL.iter().map(|v| v.as_str()).collect(),
        );
        add(
            "question_kind",
            QuestionKind::ALL.iter().map(|v| v.as_str()).collect(),
        );
        add(
            "registration_status",
            RegistrationStatus::ALL.iter().map(|v| v.as_str()).collect(),
        );
        add(
            "attendance_mode",
            AttendanceMode::ALL.iter().map(|v| v.as_str()).collect(),
        );
        add(
            "action_status",
            ActionStatus::ALL.iter().map(|v| v.as_str()).collect(),
        );
        keys
    }

    /// Codes the meeting use cases answer with, which the forms translate.
    const FIELD_CODES: &[&str] = &[
        "before_start",
        "session_full",
        "overlapping",
        "not_offered",
        "before_opening",
        "after_meeting",
        "after_start",
        "only_for_group_visibility",
        "outside_meeting",
        "only_for_sessions",
        "only_for_choices",
        "too_few",
        "unknown_question",
        "invalid_local_time",
        "date_and_time",
        "invalid_rule",
        "unsupported_frequency",
        "contains_cpr",
        "contains_national_id_no",
        "contains_personnummer",
        "contains_email",
        "contains_phone",
        "possible_name",
        "possible_address",
        "possible_national_id",
    ];

    const CONFLICT_CODES: &[&str] = &[
        "meeting_full",
        "registration_closed",
        "registration_not_open",
        "meeting_cancelled",
        "meeting_not_published",
        "registration_not_offered",
        "already_registered",
        "cancellation_closed",
        "not_pending_approval",
        "status_change_not_allowed",
        "too_many_questions",
        "already_cancelled",
        "not_registered",
        "sign_out_to_register_as_guest",
        "group_full",
    ];

    #[test]
    fn every_meeting_value_and_code_has_a_text() {
        let mut keys = enum_keys();
        keys.extend(FIELD_CODES.iter().map(|c| format!("error-{c}")));
        keys.extend(CONFLICT_CODES.iter().map(|c| format!("conflict-{c}")));
        keys.extend((1..=7).map(|d| format!("meetings-weekday-{d}")));
        keys.extend((1..=7).map(|d| format!("meetings-weekday-short-{d}")));
        keys.extend((1..=12).map(|m| format!("meetings-month-{m}")));
        for key in keys {
            for lang in Lang::ALL {
                assert!(has(lang, &key), "{key} missing in {}.ftl", lang.code());
            }
        }
    }

    #[test]
    fn local_times_become_utc_in_the_networks_zone() {
        let tz: Tz = "Europe/Copenhagen".parse().unwrap();
        let mut problems = Vec::new();
        let at = parse_local(tz, "2026-12-01", "13:00", "starts_at", true, &mut problems);
        assert!(problems.is_empty());
        assert_eq!(at.unwrap().to_rfc3339(), "2026-12-01T12:00:00+00:00");
        assert_eq!(
            local_parts(tz, at.unwrap()),
            ("2026-12-01".to_owned(), "13:00".to_owned())
        );
        assert_eq!(
            parse_local(tz, "", "", "closes", false, &mut problems),
            None
        );
        assert!(problems.is_empty());
        parse_local(tz, "", "", "starts_at", true, &mut problems);
        parse_local(tz, "2026-12-01", "", "ends_at", true, &mut problems);
        parse_local(tz, "1. december", "13:00", "opens", false, &mut problems);
        let codes: Vec<_> = problems
            .iter()
            .map(|p| (p.field.as_str(), p.code))
            .collect();
        assert_eq!(
            codes,
            [
                ("starts_at", "required"),
                ("ends_at", "date_and_time"),
                ("opens", "invalid")
            ]
        );
    }

    #[test]
    fn counts_are_whole_numbers_or_nothing() {
        let mut problems = Vec::new();
        assert_eq!(parse_count(" 40 ", "capacity", &mut problems), Some(40));
        assert_eq!(parse_count("", "capacity", &mut problems), None);
        assert_eq!(parse_count("forty", "capacity", &mut problems), None);
        assert_eq!(problems, [FieldError::new("capacity", "invalid")]);
    }
}
