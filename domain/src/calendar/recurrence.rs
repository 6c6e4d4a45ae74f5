//! Meeting series ("the first Tuesday of each month, 13:00–15:00") as RFC 5545 RRULEs.
//!
//! The expansion uses the `rrule` crate on *wall-clock* time: the series is expanded as if the
//! local times were UTC (a floating time line without daylight saving), and each local
//! occurrence is then placed in the network's zone with [`local_to_utc`]. That keeps 13:00 at
//! 13:00 across summer and winter time, and applies our one rule for gaps and overlaps, where
//! expanding in the zone itself would make the crate silently drop an occurrence that falls in
//! a spring-forward gap.
//!
//! For the same reason COUNT and UNTIL are applied here rather than by the crate: COUNT counts
//! the first occurrence even when it does not match the rule (RFC 5545 3.8.5.3: "The DTSTART
//! property value always counts as the first occurrence"), and a UTC UNTIL has to be compared
//! with the real instant, not the floating one.

use chrono::{DateTime, NaiveDate, NaiveDateTime, TimeZone, Utc};
use chrono_tz::Tz;
use rrule::{RRule, RRuleSet, Unvalidated};

use super::time::local_to_utc;

/// The stable code for text that is not an RRULE we accept.
pub const CODE_INVALID_RULE: &str = "invalid_rule";
/// The stable code for a sub-daily rule (HOURLY, MINUTELY, SECONDLY): meetings do not repeat
/// by the hour.
pub const CODE_UNSUPPORTED_FREQUENCY: &str = "unsupported_frequency";

/// At most this many occurrences are generated (including those before `from` that are
/// skipped) in one call of [`occurrences`]: a daily series over 250 years.
const MAX_STEPS: usize = 100_000;

const SUPPORTED_PARTS: &[&str] = &[
    "FREQ",
    "INTERVAL",
    "BYDAY",
    "BYMONTHDAY",
    "BYMONTH",
    "BYSETPOS",
    "COUNT",
    "UNTIL",
    "WKST",
];

/// A validated RRULE value without the "RRULE:" prefix, e.g. "FREQ=MONTHLY;BYDAY=1TU",
/// upper-cased.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rule(String);

impl Rule {
    /// Accepts FREQ DAILY/WEEKLY/MONTHLY/YEARLY with INTERVAL, BYDAY (with ordinals),
    /// BYMONTHDAY, BYMONTH, BYSETPOS, COUNT, UNTIL and WKST; an optional "RRULE:" prefix is
    /// stripped. Anything else is [`CODE_INVALID_RULE`] (malformed text, other parts such as
    /// BYHOUR, values out of range, COUNT with UNTIL), except a sub-daily FREQ, which is
    /// [`CODE_UNSUPPORTED_FREQUENCY`].
    pub fn parse(text: &str) -> Result<Rule, &'static str> {
        let parts = Parts::parse(text)?;
        // Let the crate judge the combination (BYMONTHDAY with WEEKLY, BYSETPOS ranges, …);
        // the start only matters to UNTIL, which it never sees.
        let probe = NaiveDate::from_ymd_opt(2000, 1, 1)
            .and_then(|d| d.and_hms_opt(0, 0, 0))
            .ok_or(CODE_INVALID_RULE)?;
        parts.expansion(probe)?;
        Ok(Rule(parts.canonical))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for Rule {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// When a series stops, as given by UNTIL.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Until {
    /// `…Z`: compared with the occurrence's real start.
    Instant(DateTime<Utc>),
    /// A local date-time without `Z` (not RFC-conforming with a zoned start, accepted all the
    /// same): compared with the local start.
    Local(NaiveDateTime),
    /// A date: the series runs through that local day.
    Date(NaiveDate),
}

impl Until {
    fn parse(value: &str) -> Option<Until> {
        let digits = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_digit());
        if value.len() == 8 && digits(value) {
            return NaiveDate::parse_from_str(value, "%Y%m%d")
                .ok()
                .map(Until::Date);
        }
        let (local, utc) = match value.strip_suffix('Z') {
            Some(local) => (local, true),
            None => (value, false),
        };
        let (date, time) = local.split_once('T')?;
        if date.len() != 8 || time.len() != 6 || !digits(date) || !digits(time) {
            return None;
        }
        let at = NaiveDateTime::parse_from_str(local, "%Y%m%dT%H%M%S").ok()?;
        Some(if utc {
            Until::Instant(at.and_utc())
        } else {
            Until::Local(at)
        })
    }

    fn admits(self, local: NaiveDateTime, at: DateTime<Utc>) -> bool {
        match self {
            Until::Instant(until) => at <= until,
            Until::Local(until) => local <= until,
            Until::Date(until) => local.date() <= until,
        }
    }
}

/// A rule taken apart: the parts the crate expands, and COUNT and UNTIL, which we apply.
struct Parts {
    canonical: String,
    /// The rule without COUNT and UNTIL.
    pattern: String,
    count: Option<u32>,
    until: Option<Until>,
}

impl Parts {
    fn parse(text: &str) -> Result<Parts, &'static str> {
        let text = text.trim();
        let text = match text.get(..6) {
            Some(prefix) if prefix.eq_ignore_ascii_case("RRULE:") => &text[6..],
            _ => text,
        };
        let text = text.to_ascii_uppercase();
        if text.is_empty() {
            return Err(CODE_INVALID_RULE);
        }

        let mut parts: Vec<(&str, &str)> = Vec::new();
        for part in text.split(';') {
            let (name, value) = part.split_once('=').ok_or(CODE_INVALID_RULE)?;
            if value.is_empty() || parts.iter().any(|(seen, _)| *seen == name) {
                return Err(CODE_INVALID_RULE);
            }
            parts.push((name, value));
        }
        // The frequency first: a sub-daily rule is unsupported whatever else it says.
        match parts.iter().find(|(name, _)| *name == "FREQ") {
            Some((_, "DAILY" | "WEEKLY" | "MONTHLY" | "YEARLY")) => {}
            Some((_, "HOURLY" | "MINUTELY" | "SECONDLY")) => {
                return Err(CODE_UNSUPPORTED_FREQUENCY);
            }
            _ => return Err(CODE_INVALID_RULE),
        }

        let mut pattern = Vec::new();
        let mut count = None;
        let mut until = None;
        for (name, value) in parts {
            match name {
                "COUNT" => {
                    let n = value.parse::<u32>().ok().filter(|&n| n > 0);
                    count = Some(n.ok_or(CODE_INVALID_RULE)?);
                    continue;
                }
                "UNTIL" => {
                    until = Some(Until::parse(value).ok_or(CODE_INVALID_RULE)?);
                    continue;
                }
                "INTERVAL" => {
                    value
                        .parse::<u16>()
                        .ok()
                        .filter(|&n| n > 0)
                        .ok_or(CODE_INVALID_RULE)?;
                }
                _ if SUPPORTED_PARTS.contains(&name) => {}
                _ => return Err(CODE_INVALID_RULE),
            }
            pattern.push(format!("{name}={value}"));
        }
        // RFC 5545: BYSETPOS MUST only be used with another BYxxx part (the crate lets it pass
        // because it fills in BYHOUR from the start).
        let has = |name: &str| pattern.iter().any(|p| p.starts_with(&format!("{name}=")));
        if has("BYSETPOS") && !(has("BYDAY") || has("BYMONTHDAY") || has("BYMONTH")) {
            return Err(CODE_INVALID_RULE);
        }
        // RFC 5545: COUNT and UNTIL MUST NOT occur in the same rule.
        if count.is_some() && until.is_some() {
            return Err(CODE_INVALID_RULE);
        }
        Ok(Parts {
            pattern: pattern.join(";"),
            canonical: text,
            count,
            until,
        })
    }

    /// The crate's expansion of the pattern on the floating time line, starting at `first`.
    fn expansion(&self, first: NaiveDateTime) -> Result<RRuleSet, &'static str> {
        let start = rrule::Tz::UTC.from_utc_datetime(&first);
        self.pattern
            .parse::<RRule<Unvalidated>>()
            .and_then(|rule| rule.build(start))
            .map(RRuleSet::limit)
            .map_err(|_| CODE_INVALID_RULE)
    }
}

/// Start times (UTC) of the occurrences of a series whose first occurrence starts at local
/// wall time `first_start_local` in `tz`, keeping the same local wall-clock time across
/// daylight-saving changes. Returns the occurrences with start >= `from`, at most `limit`.
///
/// The first occurrence is always `first_start_local` itself and counts towards COUNT. A local
/// time in a spring-forward gap moves forward by the gap, an ambiguous one takes the earlier
/// instant (see [`local_to_utc`]). The work is bounded: at most 100 000 occurrences are
/// generated per call, however far `from` lies in the future.
pub fn occurrences(
    rule: &Rule,
    first_start_local: NaiveDateTime,
    tz: Tz,
    from: DateTime<Utc>,
    limit: usize,
) -> Vec<DateTime<Utc>> {
    let mut found = Vec::new();
    if limit == 0 {
        return found;
    }
    let Ok(parts) = Parts::parse(rule.as_str()) else {
        return found;
    };
    let Ok(expansion) = parts.expansion(first_start_local) else {
        return found;
    };

    let later = expansion
        .into_iter()
        .map(|at| at.naive_utc())
        .filter(|local| *local > first_start_local);
    let locals = std::iter::once(first_start_local).chain(later);

    for (index, local) in locals.enumerate().take(MAX_STEPS) {
        if parts.count.is_some_and(|count| index >= count as usize) {
            break;
        }
        let Ok(at) = local_to_utc(local, tz) else {
            continue;
        };
        // The first occurrence is the meeting itself, whatever UNTIL says.
        if index > 0 && parts.until.is_some_and(|until| !until.admits(local, at)) {
            break;
        }
        if at >= from {
            found.push(at);
            if found.len() >= limit {
                break;
            }
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{Datelike, Timelike, Weekday};
    use chrono_tz::Europe::{Copenhagen, Oslo};

    fn local(y: i32, m: u32, d: u32, h: u32, min: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(y, m, d)
            .unwrap()
            .and_hms_opt(h, min, 0)
            .unwrap()
    }

    fn utc(y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
        local(y, m, d, h, min).and_utc()
    }

    fn rule(text: &str) -> Rule {
        Rule::parse(text).unwrap()
    }

    #[test]
    fn first_tuesday_of_each_month_in_copenhagen() {
        let start = local(2026, 12, 1, 13, 0);
        let got = occurrences(
            &rule("FREQ=MONTHLY;BYDAY=1TU"),
            start,
            Copenhagen,
            utc(2026, 1, 1, 0, 0),
            12,
        );
        let expected = vec![
            utc(2026, 12, 1, 12, 0),
            utc(2027, 1, 5, 12, 0),
            utc(2027, 2, 2, 12, 0),
            utc(2027, 3, 2, 12, 0),
            // Summer time from 28 March 2027: 13:00 local is 11:00Z.
            utc(2027, 4, 6, 11, 0),
            utc(2027, 5, 4, 11, 0),
            utc(2027, 6, 1, 11, 0),
            utc(2027, 7, 6, 11, 0),
            utc(2027, 8, 3, 11, 0),
            utc(2027, 9, 7, 11, 0),
            utc(2027, 10, 5, 11, 0),
            // Winter time again from 31 October 2027.
            utc(2027, 11, 2, 12, 0),
        ];
        assert_eq!(got, expected);
        for at in got {
            let wall = at.with_timezone(&Copenhagen);
            assert_eq!((wall.hour(), wall.minute()), (13, 0));
            assert_eq!(wall.weekday(), Weekday::Tue);
            assert!(wall.day() <= 7);
        }
    }

    #[test]
    fn from_and_limit() {
        let r = rule("RRULE:FREQ=MONTHLY;BYDAY=1TU");
        let start = local(2026, 12, 1, 13, 0);
        // Strictly after an occurrence's start excludes it; exactly at it includes it.
        let got = occurrences(&r, start, Oslo, utc(2027, 1, 5, 12, 0), 2);
        assert_eq!(got, vec![utc(2027, 1, 5, 12, 0), utc(2027, 2, 2, 12, 0)]);
        let got = occurrences(&r, start, Oslo, utc(2027, 1, 5, 12, 1), 1);
        assert_eq!(got, vec![utc(2027, 2, 2, 12, 0)]);
        assert!(occurrences(&r, start, Oslo, utc(2020, 1, 1, 0, 0), 0).is_empty());
    }

    #[test]
    fn weekly_series_keeps_wall_time_across_both_changes() {
        let got = occurrences(
            &rule("FREQ=WEEKLY;BYDAY=MO,TH"),
            local(2026, 3, 23, 9, 30),
            Oslo,
            utc(2000, 1, 1, 0, 0),
            4,
        );
        assert_eq!(
            got,
            vec![
                utc(2026, 3, 23, 8, 30),
                utc(2026, 3, 26, 8, 30),
                utc(2026, 3, 30, 7, 30),
                utc(2026, 4, 2, 7, 30),
            ]
        );
    }

    #[test]
    fn a_time_in_the_spring_gap_moves_forward_and_is_not_dropped() {
        // Daily at 02:30: on 29 March 2026 that wall time does not exist in Copenhagen.
        let got = occurrences(
            &rule("FREQ=DAILY"),
            local(2026, 3, 28, 2, 30),
            Copenhagen,
            utc(2000, 1, 1, 0, 0),
            3,
        );
        assert_eq!(
            got,
            vec![
                utc(2026, 3, 28, 1, 30), // 02:30 CET
                utc(2026, 3, 29, 1, 30), // 03:30 CEST, moved forward by the hour
                utc(2026, 3, 30, 0, 30), // 02:30 CEST
            ]
        );
    }

    #[test]
    fn an_ambiguous_time_in_the_autumn_takes_the_earlier_instant() {
        let got = occurrences(
            &rule("FREQ=DAILY;COUNT=3"),
            local(2026, 10, 24, 2, 30),
            Oslo,
            utc(2000, 1, 1, 0, 0),
            10,
        );
        assert_eq!(
            got,
            vec![
                utc(2026, 10, 24, 0, 30), // CEST
                utc(2026, 10, 25, 0, 30), // the first 02:30, still CEST
                utc(2026, 10, 26, 1, 30), // CET
            ]
        );
    }

    #[test]
    fn count_includes_the_first_occurrence_even_off_pattern() {
        // 2 December 2026 is a Wednesday; the series still starts there.
        let got = occurrences(
            &rule("FREQ=MONTHLY;BYDAY=1TU;COUNT=3"),
            local(2026, 12, 2, 13, 0),
            Copenhagen,
            utc(2000, 1, 1, 0, 0),
            10,
        );
        assert_eq!(
            got,
            vec![
                utc(2026, 12, 2, 12, 0),
                utc(2027, 1, 5, 12, 0),
                utc(2027, 2, 2, 12, 0)
            ]
        );
        // COUNT counts from the first occurrence, not from `from`.
        let got = occurrences(
            &rule("FREQ=MONTHLY;BYDAY=1TU;COUNT=3"),
            local(2026, 12, 1, 13, 0),
            Copenhagen,
            utc(2027, 1, 1, 0, 0),
            10,
        );
        assert_eq!(got, vec![utc(2027, 1, 5, 12, 0), utc(2027, 2, 2, 12, 0)]);
    }

    #[test]
    fn until_in_its_three_forms() {
        let start = local(2026, 12, 1, 13, 0);
        let from = utc(2000, 1, 1, 0, 0);
        // UTC: the February meeting starts at 12:00Z, so an UNTIL of 12:00Z includes it…
        let got = occurrences(
            &rule("FREQ=MONTHLY;BYDAY=1TU;UNTIL=20270202T120000Z"),
            start,
            Copenhagen,
            from,
            10,
        );
        assert_eq!(got.len(), 3);
        // …and 11:59:59Z does not.
        let got = occurrences(
            &rule("FREQ=MONTHLY;BYDAY=1TU;UNTIL=20270202T115959Z"),
            start,
            Copenhagen,
            from,
            10,
        );
        assert_eq!(got.len(), 2);
        // A date includes its whole local day.
        let got = occurrences(
            &rule("FREQ=MONTHLY;BYDAY=1TU;UNTIL=20270202"),
            start,
            Copenhagen,
            from,
            10,
        );
        assert_eq!(got.len(), 3);
        // A floating date-time compares with the wall clock.
        let got = occurrences(
            &rule("FREQ=MONTHLY;BYDAY=1TU;UNTIL=20270202T130000"),
            start,
            Copenhagen,
            from,
            10,
        );
        assert_eq!(got.len(), 3);
        let got = occurrences(
            &rule("FREQ=MONTHLY;BYDAY=1TU;UNTIL=20270202T125959"),
            start,
            Copenhagen,
            from,
            10,
        );
        assert_eq!(got.len(), 2);
        // An UNTIL before the start still leaves the first occurrence.
        let got = occurrences(
            &rule("FREQ=MONTHLY;UNTIL=20200101T000000Z"),
            start,
            Copenhagen,
            from,
            10,
        );
        assert_eq!(got, vec![utc(2026, 12, 1, 12, 0)]);
    }

    #[test]
    fn other_supported_parts() {
        let from = utc(2000, 1, 1, 0, 0);
        // The last weekday of the month, every other month.
        let got = occurrences(
            &rule("FREQ=MONTHLY;INTERVAL=2;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1"),
            local(2026, 1, 30, 10, 0),
            Copenhagen,
            from,
            3,
        );
        assert_eq!(
            got,
            vec![
                utc(2026, 1, 30, 9, 0),
                utc(2026, 3, 31, 8, 0),
                utc(2026, 5, 29, 8, 0)
            ]
        );
        // The 15th of March and September each year.
        let got = occurrences(
            &rule("FREQ=YEARLY;BYMONTH=3,9;BYMONTHDAY=15"),
            local(2026, 3, 15, 12, 0),
            Oslo,
            from,
            3,
        );
        assert_eq!(
            got,
            vec![
                utc(2026, 3, 15, 11, 0),
                utc(2026, 9, 15, 10, 0),
                utc(2027, 3, 15, 11, 0)
            ]
        );
        // Every second week on Sunday-started weeks.
        let got = occurrences(
            &rule("FREQ=WEEKLY;INTERVAL=2;WKST=SU;BYDAY=TU"),
            local(2026, 1, 6, 12, 0),
            Oslo,
            from,
            2,
        );
        assert_eq!(got, vec![utc(2026, 1, 6, 11, 0), utc(2026, 1, 20, 11, 0)]);
    }

    #[test]
    fn a_rule_that_never_matches_again_ends() {
        // 30 February never comes: only the first occurrence, and the call returns.
        let got = occurrences(
            &rule("FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30"),
            local(2026, 1, 1, 12, 0),
            Copenhagen,
            utc(2000, 1, 1, 0, 0),
            5,
        );
        assert_eq!(got, vec![utc(2026, 1, 1, 11, 0)]);
    }

    #[test]
    fn far_future_from_is_bounded() {
        let got = occurrences(
            &rule("FREQ=DAILY"),
            local(2026, 1, 1, 12, 0),
            Copenhagen,
            utc(9000, 1, 1, 0, 0),
            5,
        );
        assert!(got.is_empty());
    }

    #[test]
    fn parse_accepts_and_normalises() {
        assert_eq!(
            rule("FREQ=MONTHLY;BYDAY=1TU").as_str(),
            "FREQ=MONTHLY;BYDAY=1TU"
        );
        assert_eq!(
            rule(" rrule:freq=weekly;byday=mo ").as_str(),
            "FREQ=WEEKLY;BYDAY=MO"
        );
        for ok in [
            "FREQ=DAILY",
            "FREQ=DAILY;INTERVAL=3;COUNT=10",
            "FREQ=WEEKLY;BYDAY=MO,WE;WKST=SU;UNTIL=20271231T230000Z",
            "FREQ=MONTHLY;BYDAY=-1FR",
            "FREQ=MONTHLY;BYMONTHDAY=1,15,-1",
            "FREQ=MONTHLY;BYDAY=TU;BYSETPOS=2",
            "FREQ=YEARLY;BYMONTH=6;BYDAY=2TH;UNTIL=20300101",
        ] {
            assert!(Rule::parse(ok).is_ok(), "{ok}");
        }
    }

    #[test]
    fn parse_rejects() {
        for (text, code) in [
            ("FREQ=HOURLY", CODE_UNSUPPORTED_FREQUENCY),
            ("FREQ=MINUTELY;INTERVAL=15", CODE_UNSUPPORTED_FREQUENCY),
            ("RRULE:FREQ=SECONDLY", CODE_UNSUPPORTED_FREQUENCY),
            ("FREQ=HOURLY;BYHOUR=3", CODE_UNSUPPORTED_FREQUENCY),
            ("garbage", CODE_INVALID_RULE),
            ("", CODE_INVALID_RULE),
            ("RRULE:", CODE_INVALID_RULE),
            ("FREQ=MONTHLY;BYHOUR=3", CODE_INVALID_RULE),
            ("FREQ=DAILY;BYMINUTE=30", CODE_INVALID_RULE),
            ("FREQ=YEARLY;BYYEARDAY=100", CODE_INVALID_RULE),
            ("FREQ=FORTNIGHTLY", CODE_INVALID_RULE),
            ("INTERVAL=2", CODE_INVALID_RULE),
            ("FREQ=DAILY;FREQ=WEEKLY", CODE_INVALID_RULE),
            ("FREQ=DAILY;INTERVAL=0", CODE_INVALID_RULE),
            ("FREQ=DAILY;INTERVAL=x", CODE_INVALID_RULE),
            ("FREQ=DAILY;COUNT=0", CODE_INVALID_RULE),
            ("FREQ=DAILY;COUNT=5;UNTIL=20300101", CODE_INVALID_RULE),
            ("FREQ=DAILY;UNTIL=2030-01-01", CODE_INVALID_RULE),
            ("FREQ=DAILY;UNTIL=20301301", CODE_INVALID_RULE),
            ("FREQ=MONTHLY;BYDAY=9TU", CODE_INVALID_RULE),
            ("FREQ=MONTHLY;BYDAY=XX", CODE_INVALID_RULE),
            ("FREQ=MONTHLY;BYMONTHDAY=32", CODE_INVALID_RULE),
            ("FREQ=WEEKLY;BYMONTHDAY=1", CODE_INVALID_RULE),
            ("FREQ=MONTHLY;BYSETPOS=1", CODE_INVALID_RULE),
            ("FREQ=YEARLY;BYMONTH=13", CODE_INVALID_RULE),
            ("FREQ=DAILY;", CODE_INVALID_RULE),
            ("FREQ=DAILY;;COUNT=2", CODE_INVALID_RULE),
            ("FREQ=DAILY;BYDAY=", CODE_INVALID_RULE),
        ] {
            assert_eq!(Rule::parse(text), Err(code), "{text:?}");
        }
    }
}
