//! Lists of meetings: upcoming and past, a month as a calendar grid, and one's own.

use askama::Template;
use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime, NaiveTime};
use domain::calendar::{local_to_utc, utc_to_local};
use domain::meetings::{self, MeetingStatus, Period, feeds};
use domain::pagination::PageRequest;
use domain::policy::Action;
use poem::handler;

use super::{SummaryView, members_only, time_zone};
use crate::context::Ctx;
use crate::errors::WebError;
use crate::render::{PageResult, page};

#[derive(Template)]
#[template(path = "meetings/list.html")]
struct ListPage<'a> {
    ctx: &'a Ctx,
    past: bool,
    meetings: Vec<SummaryView>,
    next: Option<String>,
    can_create: bool,
}

#[handler]
pub(crate) async fn list(ctx: &Ctx) -> PageResult {
    let scope = ctx.scope()?;
    let tz = time_zone(ctx)?;
    let past = ctx.query.get("period") == "past";
    let period = if past { Period::Past } else { Period::Upcoming };
    let found = meetings::list(
        ctx.svc(),
        scope,
        period,
        PageRequest::parse(None, ctx.query.opt("cursor"))?,
    )
    .await?;
    let base = if past {
        "/meetings?period=past&"
    } else {
        "/meetings?"
    };
    page(&ListPage {
        ctx,
        past,
        meetings: found
            .items
            .iter()
            .map(|m| SummaryView::new(ctx, tz, m))
            .collect(),
        next: found
            .next_cursor
            .map(|c| ctx.network_path(&format!("{base}cursor={c}"))),
        can_create: scope.can(Action::ManageMeetings),
    })
}

/// One day of the month grid.
struct Day {
    /// `None` for the days of the neighbouring months that fill the first and last week.
    number: Option<u32>,
    label: String,
    today: bool,
    meetings: Vec<DayEntry>,
}

struct DayEntry {
    href: String,
    title: String,
    time: String,
    flag: Option<String>,
}

#[derive(Template)]
#[template(path = "meetings/calendar.html")]
struct CalendarPage<'a> {
    ctx: &'a Ctx,
    heading: String,
    weekdays: Vec<(String, String)>,
    weeks: Vec<Vec<Day>>,
    prev: String,
    prev_label: String,
    next: String,
    next_label: String,
    count: usize,
}

fn month_label(ctx: &Ctx, first: NaiveDate) -> String {
    format!(
        "{} {}",
        ctx.t(&format!("meetings-month-{}", first.month())),
        first.year()
    )
}

/// The first day of the month `?month=YYYY-MM` names, or of this month in the network's zone.
fn month_of(ctx: &Ctx, today: NaiveDate) -> Result<NaiveDate, WebError> {
    match ctx.query.opt("month") {
        None => Ok(today.with_day(1).unwrap_or(today)),
        Some(value) => NaiveDate::parse_from_str(&format!("{value}-01"), "%Y-%m-%d")
            .ok()
            .filter(|d| (1900..=9999).contains(&d.year()))
            .ok_or(WebError::BadRequest),
    }
}

fn next_month(first: NaiveDate) -> NaiveDate {
    let (year, month) = if first.month() == 12 {
        (first.year() + 1, 1)
    } else {
        (first.year(), first.month() + 1)
    };
    NaiveDate::from_ymd_opt(year, month, 1).unwrap_or(first)
}

fn previous_month(first: NaiveDate) -> NaiveDate {
    let (year, month) = if first.month() == 1 {
        (first.year() - 1, 12)
    } else {
        (first.year(), first.month() - 1)
    };
    NaiveDate::from_ymd_opt(year, month, 1).unwrap_or(first)
}

#[handler]
pub(crate) async fn calendar(ctx: &Ctx) -> PageResult {
    let scope = ctx.scope()?;
    let tz = time_zone(ctx)?;
    let today = utc_to_local(ctx.svc().now(), tz).date();
    let first = month_of(ctx, today)?;
    let following = next_month(first);
    let midnight = |d: NaiveDate| {
        local_to_utc(NaiveDateTime::new(d, NaiveTime::MIN), tz)
            .map_err(|code| domain::Error::invalid("month", code))
    };
    let found = meetings::between(ctx.svc(), scope, midnight(first)?, midnight(following)?).await?;

    // Weeks start on Monday, as in Denmark and Norway.
    let lead = first.weekday().num_days_from_monday();
    let mut day = first - Duration::days(i64::from(lead));
    let mut weeks = Vec::new();
    while day < following {
        let mut week = Vec::new();
        for _ in 0..7 {
            let in_month = day.month() == first.month() && day.year() == first.year();
            let start = midnight(day)?;
            let end = midnight(day + Duration::days(1))?;
            let meetings = if in_month {
                found
                    .iter()
                    .filter(|m| m.starts_at < end && m.ends_at > start)
                    .map(|m| DayEntry {
                        href: super::meeting_path(ctx, m.id, ""),
                        title: m.title.clone(),
                        time: if m.starts_at >= start {
                            utc_to_local(m.starts_at, tz).format("%H:%M").to_string()
                        } else {
                            ctx.t("meetings-continues")
                        },
                        flag: matches!(m.status, MeetingStatus::Cancelled | MeetingStatus::Draft)
                            .then(|| ctx.label("meeting_status", m.status.as_str())),
                    })
                    .collect()
            } else {
                Vec::new()
            };
            week.push(Day {
                number: in_month.then(|| day.day()),
                label: super::long_date(ctx, day),
                today: day == today,
                meetings,
            });
            day += Duration::days(1);
        }
        weeks.push(week);
    }
    let prev = previous_month(first);
    let link =
        |d: NaiveDate| ctx.network_path(&format!("/meetings/calendar?month={}", d.format("%Y-%m")));
    page(&CalendarPage {
        ctx,
        heading: month_label(ctx, first),
        weekdays: (1..=7)
            .map(|d| {
                (
                    ctx.t(&format!("meetings-weekday-short-{d}")),
                    ctx.t(&format!("meetings-weekday-{d}")),
                )
            })
            .collect(),
        weeks,
        prev: link(prev),
        prev_label: month_label(ctx, prev),
        next: link(following),
        next_label: month_label(ctx, following),
        count: found.len(),
    })
}

struct MineRow {
    meeting: SummaryView,
    status: String,
    past: bool,
}

#[derive(Template)]
#[template(path = "meetings/mine.html")]
struct MinePage<'a> {
    ctx: &'a Ctx,
    upcoming: Vec<MineRow>,
    past: Vec<MineRow>,
    /// The personal feed's address, right after it was made (it cannot be shown again).
    feed_url: Option<String>,
    /// When the current address was made, if there is one.
    feed_since: Option<String>,
}

async fn render_mine(ctx: &Ctx, feed_url: Option<String>) -> PageResult {
    let scope = ctx.scope()?;
    let Some(user) = ctx.user.as_ref().filter(|_| scope.member().is_some()) else {
        return Err(members_only(ctx).into());
    };
    let tz = time_zone(ctx)?;
    let now = ctx.svc().now();
    let rows: Vec<MineRow> = meetings::my_meetings(ctx.svc(), scope)
        .await?
        .into_iter()
        .map(|(m, status)| MineRow {
            meeting: SummaryView::new(ctx, tz, &m),
            status: ctx.label("registration_status", status.as_str()),
            past: m.ends_at <= now,
        })
        .collect();
    let (mut past, upcoming): (Vec<MineRow>, Vec<MineRow>) = rows.into_iter().partition(|r| r.past);
    past.reverse();
    let feed_since = feeds::feed_created_at(ctx.svc(), user.id)
        .await?
        .map(|at| super::long_date(ctx, utc_to_local(at, tz).date()));
    page(&MinePage {
        ctx,
        upcoming,
        past,
        feed_url,
        feed_since,
    })
}

#[handler]
pub(crate) async fn mine(ctx: &Ctx) -> PageResult {
    render_mine(ctx, None).await
}

/// Makes the personal calendar address, or a new one in place of the old (which stops
/// working). The page shows it once, so it is rendered here rather than after a redirect.
#[handler]
pub(crate) async fn reset_feed(ctx: &Ctx) -> PageResult {
    let scope = ctx.scope()?;
    let Some(user) = ctx.user.as_ref().filter(|_| scope.member().is_some()) else {
        return Err(members_only(ctx).into());
    };
    let url = feeds::reset_feed(ctx.svc(), user.id).await?;
    render_mine(ctx, Some(url)).await
}
