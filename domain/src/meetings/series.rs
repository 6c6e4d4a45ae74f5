//! Meeting series: "the first Tuesday of each month, 13:00–15:00" as an RRULE and a template
//! meeting.
//!
//! Occurrences are *materialised*: creating a series writes one ordinary meeting row per
//! occurrence (up to [`MAX_OCCURRENCES`]), each with the series' id and the start the rule gave
//! it (`occurrence_start`). That is what lets one occurrence be moved (`meetings::update`),
//! cancelled (`meetings::set_status`), registered for, reminded of, given minutes and breakout
//! groups independently, through the same code as any other meeting, without an exception list
//! to reconcile with the rule. `occurrence_start` stays the occurrence's key when it is moved,
//! and the unique index (tenant, series_id, occurrence_start) keeps an occurrence from being
//! written twice.
//!
//! The rule is expanded on the network's wall-clock time (see `calendar::occurrences`), so a
//! 13:00 meeting stays at 13:00 across daylight-saving changes, and the registration times of
//! the template move with each occurrence by the same wall-clock distance: a deadline "the day
//! before at 10:00" stays the day before at 10:00 local time.

use chrono::{DateTime, NaiveDateTime, Utc};
use chrono_tz::Tz;
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ColumnTrait, QueryFilter, QueryOrder};

use super::access::visible;
use super::lifecycle::{self, MeetingSummary, NewMeeting};
use crate::Services;
use crate::calendar::{self, Rule};
use crate::entities::{meeting, meeting_series};
use crate::error::{Error, Result};
use crate::ids::{MeetingId, SeriesId};
use crate::policy::Action;
use crate::tenancy::{TenantOwned, TenantScope};

/// Occurrences written when the caller does not say how many.
pub const DEFAULT_OCCURRENCES: u32 = 12;
/// At most this many occurrences are written for one series (a weekly series for a year).
pub const MAX_OCCURRENCES: u32 = 52;

impl TenantOwned for meeting_series::Entity {
    fn tenant_column() -> Self::Column {
        meeting_series::Column::TenantId
    }
}

/// A new series: the first meeting as a template, the rule, and how many occurrences to write
/// (default 12, at most 52; COUNT and UNTIL in the rule may stop it earlier).
#[derive(Clone, Debug)]
pub struct NewSeries {
    pub template: NewMeeting,
    /// An RRULE value such as `FREQ=MONTHLY;BYDAY=1TU` (an `RRULE:` prefix is accepted).
    pub rule: String,
    pub occurrences: Option<u32>,
}

/// A series with the occurrences the caller may see, in order of their start.
#[derive(Clone, Debug)]
pub struct Series {
    pub id: SeriesId,
    /// The rule as stored (canonical, upper case).
    pub rule: String,
    pub occurrences: Vec<MeetingSummary>,
}

/// The wall-clock reading of `at` shifted as the occurrence shifts: same distance from the
/// occurrence's local start as from the template's, placed back on the time line in `tz`.
fn shift(
    at: DateTime<Utc>,
    template_start_local: NaiveDateTime,
    occurrence_start_local: NaiveDateTime,
    tz: Tz,
) -> Result<DateTime<Utc>> {
    let offset = calendar::utc_to_local(at, tz) - template_start_local;
    calendar::local_to_utc(occurrence_start_local + offset, tz)
        .map_err(|code| Error::invalid("starts_at", code))
}

/// Creates the series and writes its occurrences, each a meeting with its organisations,
/// invitees and jobs, in one transaction.
pub async fn create_series(
    svc: &Services,
    scope: &TenantScope,
    input: NewSeries,
) -> Result<Series> {
    scope.require(Action::ManageMeetings)?;
    let rule = Rule::parse(&input.rule).map_err(|code| Error::invalid("rule", code))?;
    let wanted = input.occurrences.unwrap_or(DEFAULT_OCCURRENCES);
    if !(1..=MAX_OCCURRENCES).contains(&wanted) {
        return Err(Error::invalid("occurrences", "out_of_range"));
    }
    let tz = scope.network().time_zone;
    let template = &input.template;
    let first_local = calendar::utc_to_local(template.starts_at, tz);
    let duration = template.ends_at - template.starts_at;
    let starts = calendar::occurrences(&rule, first_local, tz, template.starts_at, wanted as usize);

    if starts.is_empty() {
        return Err(Error::invalid("rule", calendar::CODE_INVALID_RULE));
    }

    let txn = svc.db.begin_write().await?;
    // Checked once, as a single meeting would be; every occurrence is this row moved in time.
    let checked = lifecycle::checked_new(&txn, svc, scope, template).await?;
    let now = svc.now();
    let series = meeting_series::ActiveModel {
        id: Set(SeriesId::new()),
        tenant_id: Set(scope.tenant_id()),
        rule: Set(rule.as_str().to_owned()),
        first_start_local: Set(first_local),
        duration_minutes: Set(i32::try_from(duration.num_minutes()).unwrap_or(i32::MAX)),
        created_at: Set(now),
        updated_at: Set(now),
    }
    .insert(&txn)
    .await?;

    let registration = &template.registration;
    for start in starts {
        let local = calendar::utc_to_local(start, tz);
        let ends_at = start + duration;
        let moved = |at: Option<DateTime<Utc>>| -> Result<Option<DateTime<Utc>>> {
            at.map(|at| shift(at, first_local, local, tz)).transpose()
        };
        let mut row = checked.clone();
        row.id = Set(MeetingId::new());
        row.series_id = Set(Some(series.id));
        row.occurrence_start = Set(Some(start));
        row.starts_at = Set(start);
        row.ends_at = Set(ends_at);
        row.registration_opens_at = Set(moved(registration.opens_at)?);
        // A daylight-saving change between the template and an occurrence can move a shifted
        // time across the start or the end by the length of the change; it never may.
        row.registration_closes_at = Set(moved(registration.closes_at)?.map(|t| t.min(ends_at)));
        row.cancellation_cutoff_at =
            Set(moved(registration.cancellation_cutoff_at)?.map(|t| t.min(start)));
        lifecycle::insert_copy(
            &txn,
            svc,
            scope,
            row,
            &template.organisation_ids,
            &template.invitee_user_ids,
        )
        .await?;
    }
    txn.commit().await?;
    series_of(svc, scope, series.id).await
}

/// A series and the occurrences the caller may see. A series none of whose occurrences the
/// caller may see is not found.
pub async fn series(svc: &Services, scope: &TenantScope, id: SeriesId) -> Result<Series> {
    let found = series_of(svc, scope, id).await?;
    if found.occurrences.is_empty() {
        return Err(Error::NotFound);
    }
    Ok(found)
}

async fn series_of(svc: &Services, scope: &TenantScope, id: SeriesId) -> Result<Series> {
    let conn = svc.db.conn();
    let series = scope
        .find::<meeting_series::Entity>()
        .filter(meeting_series::Column::Id.eq(id))
        .one(conn)
        .await?
        .ok_or(Error::NotFound)?;
    let occurrences = visible(scope)
        .filter(meeting::Column::SeriesId.eq(id))
        .order_by_asc(meeting::Column::StartsAt)
        .order_by_asc(meeting::Column::Id)
        .all(conn)
        .await?
        .into_iter()
        .map(MeetingSummary::from)
        .collect();
    Ok(Series {
        id: series.id,
        rule: series.rule,
        occurrences,
    })
}

#[cfg(test)]
mod tests {
    use chrono::{Datelike, Duration, NaiveDate, NaiveTime, TimeZone, Timelike, Weekday};

    use super::*;
    use crate::meetings::{self, MeetingPatch, MeetingStatus};
    use crate::policy::Role;
    use crate::testing::{TestEnv, new_meeting};

    fn at(y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(y, m, d, h, min, 0).unwrap()
    }

    fn monthly_template() -> NewMeeting {
        // Tuesday 1 December 2026, 13:00–15:00 in Copenhagen (UTC+1); registration closes the
        // day before at 10:00 local time.
        let mut template = new_meeting("Sagsdrøftelse", at(2026, 12, 1, 12, 0), 2);
        template.registration.closes_at = Some(at(2026, 11, 30, 9, 0));
        template
    }

    #[tokio::test]
    async fn a_monthly_series_keeps_its_local_time_across_daylight_saving() {
        let env = TestEnv::new().await;
        let system = env.network("kbh", "Europe/Copenhagen").await;
        let (_, coordinator) = env
            .member(&system, "Karin Koordinator", None, Role::Coordinator)
            .await;
        let tz = system.network().time_zone;

        let series = create_series(
            &env.svc,
            &coordinator,
            NewSeries {
                template: monthly_template(),
                rule: "FREQ=MONTHLY;BYDAY=1TU".into(),
                occurrences: None,
            },
        )
        .await
        .unwrap();

        assert_eq!(series.rule, "FREQ=MONTHLY;BYDAY=1TU");
        assert_eq!(series.occurrences.len(), 12);
        let mut utc_hours = Vec::new();
        for (n, occurrence) in series.occurrences.iter().enumerate() {
            let start = calendar::utc_to_local(occurrence.starts_at, tz);
            let end = calendar::utc_to_local(occurrence.ends_at, tz);
            assert_eq!(start.weekday(), Weekday::Tue, "occurrence {n}");
            assert!(start.day() <= 7, "the first Tuesday: {start}");
            assert_eq!(start.time(), NaiveTime::from_hms_opt(13, 0, 0).unwrap());
            assert_eq!(end.time(), NaiveTime::from_hms_opt(15, 0, 0).unwrap());
            assert_eq!(occurrence.series_id, Some(series.id));
            assert_eq!(occurrence.status, MeetingStatus::Published);
            utc_hours.push(occurrence.starts_at.hour());
            // The deadline is the day before at 10:00 local time, summer or winter.
            let meeting = meetings::get(&env.svc, &coordinator, occurrence.id)
                .await
                .unwrap();
            let closes = calendar::utc_to_local(meeting.registration.closes_at.unwrap(), tz);
            assert_eq!(closes.date(), start.date() - Duration::days(1));
            assert_eq!(closes.time(), NaiveTime::from_hms_opt(10, 0, 0).unwrap());
        }
        let first = calendar::utc_to_local(series.occurrences[0].starts_at, tz).date();
        let last = calendar::utc_to_local(series.occurrences[11].starts_at, tz).date();
        assert_eq!(first, NaiveDate::from_ymd_opt(2026, 12, 1).unwrap());
        assert_eq!(last, NaiveDate::from_ymd_opt(2027, 11, 2).unwrap());
        // Winter time is UTC+1 and summer time UTC+2: both occur.
        assert!(
            utc_hours.contains(&12) && utc_hours.contains(&11),
            "{utc_hours:?}"
        );

        let again = super::series(&env.svc, &coordinator, series.id)
            .await
            .unwrap();
        assert_eq!(
            again.occurrences.iter().map(|o| o.id).collect::<Vec<_>>(),
            series.occurrences.iter().map(|o| o.id).collect::<Vec<_>>()
        );
    }

    #[tokio::test]
    async fn moving_or_cancelling_one_occurrence_leaves_the_others_alone() {
        let env = TestEnv::new().await;
        let system = env.network("kbh", "Europe/Copenhagen").await;
        let (_, coordinator) = env
            .member(&system, "Karin Koordinator", None, Role::Coordinator)
            .await;
        let series = create_series(
            &env.svc,
            &coordinator,
            NewSeries {
                template: monthly_template(),
                rule: "FREQ=MONTHLY;BYDAY=1TU".into(),
                occurrences: Some(6),
            },
        )
        .await
        .unwrap();
        let before = series.occurrences.clone();
        assert_eq!(before.len(), 6);

        // The March meeting moves to Wednesday, an hour later.
        let moved = &before[3];
        meetings::update(
            &env.svc,
            &coordinator,
            moved.id,
            MeetingPatch {
                starts_at: Some(moved.starts_at + Duration::hours(25)),
                ends_at: Some(moved.ends_at + Duration::hours(25)),
                ..MeetingPatch::default()
            },
        )
        .await
        .unwrap();
        // The May meeting is cancelled.
        meetings::set_status(
            &env.svc,
            &coordinator,
            before[5].id,
            MeetingStatus::Cancelled,
        )
        .await
        .unwrap();

        let after = super::series(&env.svc, &coordinator, series.id)
            .await
            .unwrap();
        assert_eq!(after.occurrences.len(), 6);
        for old in &before {
            let new = after.occurrences.iter().find(|o| o.id == old.id).unwrap();
            if old.id == moved.id {
                assert_eq!(new.starts_at, old.starts_at + Duration::hours(25));
            } else if old.id == before[5].id {
                assert_eq!(new.status, MeetingStatus::Cancelled);
                assert_eq!(new.starts_at, old.starts_at);
            } else {
                assert_eq!(
                    (new.starts_at, new.ends_at, new.status, &new.title),
                    (old.starts_at, old.ends_at, old.status, &old.title)
                );
            }
        }
    }

    #[tokio::test]
    async fn rules_counts_and_rights_are_checked() {
        let env = TestEnv::new().await;
        let system = env.network("oslo", "Europe/Oslo").await;
        let (_, coordinator) = env
            .member(&system, "Kari Koordinator", None, Role::Coordinator)
            .await;
        let (_, member) = env.member(&system, "Ola Medlem", None, Role::Member).await;
        let new = |rule: &str, occurrences| NewSeries {
            template: monthly_template(),
            rule: rule.into(),
            occurrences,
        };

        let err = create_series(&env.svc, &coordinator, new("FREQ=SOMETIMES", None))
            .await
            .unwrap_err();
        assert!(
            matches!(&err, Error::Invalid(f) if f[0].field == "rule" && f[0].code == "invalid_rule"),
            "{err:?}"
        );
        let err = create_series(&env.svc, &coordinator, new("FREQ=HOURLY", None))
            .await
            .unwrap_err();
        assert!(matches!(&err, Error::Invalid(f) if f[0].code == "unsupported_frequency"));
        let err = create_series(&env.svc, &coordinator, new("FREQ=WEEKLY", Some(53)))
            .await
            .unwrap_err();
        assert!(matches!(&err, Error::Invalid(f) if f[0].field == "occurrences"));
        let err = create_series(&env.svc, &member, new("FREQ=WEEKLY", None))
            .await
            .unwrap_err();
        assert!(matches!(err, Error::Forbidden), "{err:?}");
        let mut broken = new("FREQ=WEEKLY", None);
        broken.template.title = String::new();
        let err = create_series(&env.svc, &coordinator, broken)
            .await
            .unwrap_err();
        assert!(matches!(&err, Error::Invalid(f) if f[0].field == "title"));

        // COUNT in the rule stops the series before the number asked for.
        let series = create_series(&env.svc, &coordinator, new("FREQ=WEEKLY;COUNT=3", Some(10)))
            .await
            .unwrap();
        assert_eq!(series.occurrences.len(), 3);
        let gaps: Vec<_> = series
            .occurrences
            .windows(2)
            .map(|w| w[1].starts_at - w[0].starts_at)
            .collect();
        assert_eq!(gaps, vec![Duration::weeks(1), Duration::weeks(1)]);

        // A series of another network is not found; nor one whose meetings a visitor cannot see.
        let other = env.network("bergen", "Europe/Oslo").await;
        let err = super::series(&env.svc, &other, series.id)
            .await
            .unwrap_err();
        assert!(matches!(err, Error::NotFound));
        let visitor = env.visitor(system.network()).await;
        let err = super::series(&env.svc, &visitor, series.id)
            .await
            .unwrap_err();
        assert!(matches!(err, Error::NotFound));
    }
}
