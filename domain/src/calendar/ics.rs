//! iCalendar (RFC 5545) text for meetings: the `.ics` attached to invitation and cancellation
//! mails and the subscribable feed of a network or a member.
//!
//! Written by hand rather than with the `icalendar` crate's builder, on purpose: the output has
//! to carry a VTIMEZONE derived from chrono-tz (the builder has no notion of one), fold lines at
//! 75 octets on character boundaries, escape TEXT exactly once, and be byte-for-byte
//! reproducible for a given `now` (the builder stamps `Utc::now()` into DTSTAMP by itself). A
//! dozen lines of formatting were simpler to control than to bend the builder into that. The
//! crate's parser still reads everything we write, as an independent second reader, in
//! [`super::check`].
//!
//! Times go out as DTSTART;TZID=<zone>:<local wall time>, so that a calendar client shows and
//! moves the meeting in the network's zone; the VTIMEZONE lists the zone's actual offset
//! transitions (read from chrono-tz, which follows the IANA database) in every year an event
//! touches, plus the year before, so the offset in force at the start of a year is stated too.

use std::collections::BTreeSet;

use chrono::{DateTime, Datelike, NaiveDate, NaiveDateTime, TimeDelta, TimeZone, Utc};
use chrono_tz::{OffsetComponents, OffsetName, Tz};

use super::time::{local_to_utc, utc_to_local};

/// The PRODID of everything Samvirke writes.
pub const PRODID: &str = "-//Samvirke//Samvirke//EN";

/// RFC 5545 3.1: "Lines of text SHOULD NOT be longer than 75 octets, excluding the line break."
pub const MAX_LINE_OCTETS: usize = 75;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EventStatus {
    Confirmed,
    Tentative,
    Cancelled,
}

impl EventStatus {
    fn as_ical(self) -> &'static str {
        match self {
            Self::Confirmed => "CONFIRMED",
            Self::Tentative => "TENTATIVE",
            Self::Cancelled => "CANCELLED",
        }
    }
}

/// The iTIP method (RFC 5546) of the calendar object.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Method {
    /// Files and feeds: "here is the calendar", no reply expected.
    Publish,
    /// Attachments to invitation mails.
    Request,
    /// Attachments to cancellation mails; every event is written with STATUS:CANCELLED.
    Cancel,
}

impl Method {
    fn as_ical(self) -> &'static str {
        match self {
            Self::Publish => "PUBLISH",
            Self::Request => "REQUEST",
            Self::Cancel => "CANCEL",
        }
    }
}

#[derive(Clone, Debug)]
pub struct CalendarEvent {
    /// Stable across changes, e.g. "<meeting uuid>@samvirke".
    pub uid: String,
    /// Bumped on each change, so clients replace their copy.
    pub sequence: u32,
    pub title: String,
    /// Plain text.
    pub description: String,
    pub location: Option<String>,
    /// A link back to the meeting page.
    pub url: Option<String>,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub status: EventStatus,
    pub last_modified: DateTime<Utc>,
}

#[derive(Clone, Debug)]
pub struct Calendar {
    /// Shown by clients as the subscribed calendar's name (X-WR-CALNAME).
    pub name: String,
    /// The network's zone; every event is written in it.
    pub time_zone: Tz,
    pub method: Method,
    pub events: Vec<CalendarEvent>,
}

/// The calendar as RFC 5545 text: CRLF line endings, lines folded at 75 octets (never inside a
/// UTF-8 sequence), TEXT values escaped, one VTIMEZONE for the calendar's zone covering every
/// event's year (the year of `now` when there are no events, so an empty feed is still a valid
/// calendar), then the events in the given order. DTSTAMP is `now`.
///
/// Two cases are written differently from the obvious: a start or end inside the fall-back hour
/// whose instant is the *second* of the two readings of the wall clock is written in UTC form
/// (a TZID form would mean the first one), and an event whose end lies before its start is
/// written ending at its start rather than producing an invalid file.
pub fn render(calendar: &Calendar, now: DateTime<Utc>) -> String {
    let tz = calendar.time_zone;
    let mut out = Writer::default();

    out.line("BEGIN:VCALENDAR");
    out.line("VERSION:2.0");
    out.line(&format!("PRODID:{PRODID}"));
    out.line("CALSCALE:GREGORIAN");
    out.line(&format!("METHOD:{}", calendar.method.as_ical()));
    out.line(&format!("X-WR-CALNAME:{}", escape_text(&calendar.name)));
    out.line(&format!("X-WR-TIMEZONE:{}", tz.name()));

    // Transitions are scanned by UTC year; near New Year the local and the UTC year differ.
    let mut years = BTreeSet::new();
    for event in &calendar.events {
        for at in [event.starts_at, event.ends_at.max(event.starts_at)] {
            years.insert(at.year());
            years.insert(utc_to_local(at, tz).year());
        }
    }
    if years.is_empty() {
        years.insert(utc_to_local(now, tz).year());
    }
    write_vtimezone(&mut out, tz, &years);

    for event in &calendar.events {
        write_vevent(&mut out, event, calendar, now);
    }

    out.line("END:VCALENDAR");
    out.finish()
}

fn write_vevent(out: &mut Writer, event: &CalendarEvent, calendar: &Calendar, now: DateTime<Utc>) {
    let tz = calendar.time_zone;
    let status = if calendar.method == Method::Cancel {
        EventStatus::Cancelled
    } else {
        event.status
    };

    out.line("BEGIN:VEVENT");
    out.line(&format!("UID:{}", escape_text(&event.uid)));
    out.line(&format!("DTSTAMP:{}", utc_form(now)));
    out.line(&format!("DTSTART{}", zoned(event.starts_at, tz)));
    out.line(&format!(
        "DTEND{}",
        zoned(event.ends_at.max(event.starts_at), tz)
    ));
    out.line(&format!("SUMMARY:{}", escape_text(&event.title)));
    if !event.description.is_empty() {
        out.line(&format!("DESCRIPTION:{}", escape_text(&event.description)));
    }
    if let Some(location) = event.location.as_deref().filter(|l| !l.is_empty()) {
        out.line(&format!("LOCATION:{}", escape_text(location)));
    }
    if let Some(url) = event.url.as_deref().filter(|u| !u.is_empty()) {
        // URI values are not TEXT: no backslash escaping, only nothing that would break a line.
        let url: String = url.chars().filter(|c| !c.is_control()).collect();
        out.line(&format!("URL:{url}"));
    }
    out.line(&format!("STATUS:{}", status.as_ical()));
    out.line(&format!("SEQUENCE:{}", event.sequence));
    out.line(&format!("LAST-MODIFIED:{}", utc_form(event.last_modified)));
    out.line("END:VEVENT");
}

/// `;TZID=<zone>:<local>` for a property value, or `:<utc>Z` where the local reading would
/// name another instant (the second pass through the fall-back hour).
fn zoned(at: DateTime<Utc>, tz: Tz) -> String {
    let at = truncate_to_seconds(at);
    let local = utc_to_local(at, tz);
    if local_to_utc(local, tz) == Ok(at) {
        format!(";TZID={}:{}", tz.name(), local_form(local))
    } else {
        format!(":{}", utc_form(at))
    }
}

fn truncate_to_seconds(at: DateTime<Utc>) -> DateTime<Utc> {
    DateTime::from_timestamp(at.timestamp(), 0).unwrap_or(at)
}

fn local_form(local: NaiveDateTime) -> String {
    local.format("%Y%m%dT%H%M%S").to_string()
}

fn utc_form(at: DateTime<Utc>) -> String {
    at.format("%Y%m%dT%H%M%SZ").to_string()
}

/// RFC 5545 3.3.11: backslash, semicolon and comma are escaped, a line break becomes `\n`;
/// other control characters are not allowed in TEXT and are dropped.
pub(crate) fn escape_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push_str("\\n");
            }
            '\n' => out.push_str("\\n"),
            '\t' => out.push('\t'),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Content lines, folded and CRLF-terminated.
#[derive(Default)]
struct Writer {
    text: String,
}

impl Writer {
    /// Appends one content line, folded so that no physical line exceeds 75 octets: a fold is a
    /// CRLF followed by one space, placed only between characters, never inside a UTF-8
    /// sequence (so a continuation line carries at most 74 octets of content).
    fn line(&mut self, content: &str) {
        let mut used = 0;
        for c in content.chars() {
            let len = c.len_utf8();
            if used + len > MAX_LINE_OCTETS {
                self.text.push_str("\r\n ");
                used = 1;
            }
            self.text.push(c);
            used += len;
        }
        self.text.push_str("\r\n");
    }

    fn finish(self) -> String {
        self.text
    }
}

/// What the zone is at one instant: total offset, the daylight-saving part, the abbreviation.
#[derive(Clone, Debug, PartialEq, Eq)]
struct ZoneState {
    offset_seconds: i32,
    dst_seconds: i64,
    name: Option<String>,
}

fn zone_state(tz: Tz, at: i64) -> Option<ZoneState> {
    let utc = DateTime::from_timestamp(at, 0)?.naive_utc();
    let offset = tz.offset_from_utc_datetime(&utc);
    Some(ZoneState {
        offset_seconds: chrono::Offset::fix(&offset).local_minus_utc(),
        dst_seconds: offset.dst_offset().num_seconds(),
        name: offset.abbreviation().map(str::to_owned),
    })
}

/// One STANDARD or DAYLIGHT sub-component.
#[derive(Debug, PartialEq, Eq)]
struct Observance {
    /// The wall-clock reading, in the old offset, at which the new offset starts.
    onset_local: NaiveDateTime,
    from_seconds: i32,
    state: ZoneState,
}

/// A transition is searched for in steps this long, then pinned to the second by bisection.
/// Shorter than any two transitions of a real zone are apart.
const SCAN_STEP_SECONDS: i64 = 6 * 3600;

/// The transitions of `tz` in the UTC year `year`, in order.
fn transitions_in_year(tz: Tz, year: i32) -> Vec<Observance> {
    let bounds = NaiveDate::from_ymd_opt(year, 1, 1).zip(NaiveDate::from_ymd_opt(
        year.saturating_add(1),
        1,
        1,
    ));
    let Some((start, end)) = bounds else {
        return Vec::new();
    };
    let start = start.and_time(chrono::NaiveTime::MIN).and_utc().timestamp();
    let end = end.and_time(chrono::NaiveTime::MIN).and_utc().timestamp();

    let mut found = Vec::new();
    let mut t = start;
    let Some(mut state) = zone_state(tz, t) else {
        return found;
    };
    while t < end {
        let next = (t + SCAN_STEP_SECONDS).min(end);
        let Some(next_state) = zone_state(tz, next) else {
            break;
        };
        if next_state != state {
            // Bisect: `lo` still has the old state, `hi` the new one.
            let (mut lo, mut hi) = (t, next);
            while hi - lo > 1 {
                let mid = lo + (hi - lo) / 2;
                if zone_state(tz, mid).as_ref() == Some(&state) {
                    lo = mid;
                } else {
                    hi = mid;
                }
            }
            if let Some(new_state) = zone_state(tz, hi) {
                let onset = DateTime::from_timestamp(hi, 0)
                    .map(|at| at.naive_utc())
                    .and_then(|utc| {
                        utc.checked_add_signed(TimeDelta::seconds(i64::from(state.offset_seconds)))
                    });
                if let Some(onset_local) = onset {
                    found.push(Observance {
                        onset_local,
                        from_seconds: state.offset_seconds,
                        state: new_state.clone(),
                    });
                }
                // A second transition inside the same step is not expected, but resume the scan
                // just after this one rather than skip it.
                state = new_state;
                t = hi;
                continue;
            }
        }
        state = next_state;
        t = next;
    }
    found
}

/// The observances that fix the offset of every instant in `years`: the zone's transitions in
/// each such year and the year before it, and, where that earlier year had none, an anchor at
/// its first moment stating the offset then in force (which is also how a zone without
/// daylight saving gets its single STANDARD).
fn observances(tz: Tz, years: &BTreeSet<i32>) -> Vec<Observance> {
    // Years outside 0001..=9998 cannot be written as YYYYMMDD anyway.
    let mut scanned = BTreeSet::new();
    for &year in years {
        let year = year.clamp(2, 9998);
        scanned.insert(year - 1);
        scanned.insert(year);
    }

    let mut all = Vec::new();
    let mut previous: Option<i32> = None;
    for &year in &scanned {
        let transitions = transitions_in_year(tz, year);
        let starts_block = previous != Some(year - 1);
        if starts_block && transitions.is_empty() {
            let anchor = NaiveDate::from_ymd_opt(year, 1, 1)
                .map(|d| d.and_time(chrono::NaiveTime::MIN))
                .and_then(|local| {
                    let at = local_to_utc(local, tz).ok()?;
                    let state = zone_state(tz, at.timestamp())?;
                    Some(Observance {
                        onset_local: local,
                        from_seconds: state.offset_seconds,
                        state,
                    })
                });
            all.extend(anchor);
        }
        all.extend(transitions);
        previous = Some(year);
    }
    all
}

fn write_vtimezone(out: &mut Writer, tz: Tz, years: &BTreeSet<i32>) {
    out.line("BEGIN:VTIMEZONE");
    out.line(&format!("TZID:{}", tz.name()));
    for observance in observances(tz, years) {
        let kind = if observance.state.dst_seconds != 0 {
            "DAYLIGHT"
        } else {
            "STANDARD"
        };
        out.line(&format!("BEGIN:{kind}"));
        out.line(&format!("DTSTART:{}", local_form(observance.onset_local)));
        out.line(&format!(
            "TZOFFSETFROM:{}",
            utc_offset(observance.from_seconds)
        ));
        out.line(&format!(
            "TZOFFSETTO:{}",
            utc_offset(observance.state.offset_seconds)
        ));
        if let Some(name) = &observance.state.name {
            out.line(&format!("TZNAME:{}", escape_text(name)));
        }
        out.line(&format!("END:{kind}"));
    }
    out.line("END:VTIMEZONE");
}

/// RFC 5545 3.3.14 UTC-OFFSET: `+HHMM`, or `+HHMMSS` when there are seconds; zero is `+0000`.
fn utc_offset(seconds: i32) -> String {
    let sign = if seconds < 0 { '-' } else { '+' };
    let abs = seconds.unsigned_abs();
    let (h, m, s) = (abs / 3600, abs / 60 % 60, abs % 60);
    if s == 0 {
        format!("{sign}{h:02}{m:02}")
    } else {
        format!("{sign}{h:02}{m:02}{s:02}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calendar::check;
    use chrono_tz::Europe::{Copenhagen, Oslo};

    fn utc(y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(y, m, d, h, min, 0).unwrap()
    }

    fn now() -> DateTime<Utc> {
        utc(2026, 5, 4, 8, 30)
    }

    fn event(uid: &str, starts_at: DateTime<Utc>, hours: i64) -> CalendarEvent {
        CalendarEvent {
            uid: format!("{uid}@samvirke"),
            sequence: 0,
            title: "Netværksmøde".into(),
            description: "Dagsorden følger.".into(),
            location: Some("Rådhuset, lokale 2".into()),
            url: Some(format!("https://samvirke.example/meetings/{uid}")),
            starts_at,
            ends_at: starts_at + TimeDelta::hours(hours),
            status: EventStatus::Confirmed,
            last_modified: utc(2026, 1, 2, 9, 0),
        }
    }

    fn calendar(tz: Tz, events: Vec<CalendarEvent>) -> Calendar {
        Calendar {
            name: "Samvirke – Østbyen".into(),
            time_zone: tz,
            method: Method::Publish,
            events,
        }
    }

    fn assert_valid(ics: &str) {
        if let Err(problems) = check(ics) {
            panic!("invalid calendar:\n{}\n\n{ics}", problems.join("\n"));
        }
    }

    /// The logical (unfolded) lines.
    fn unfolded(ics: &str) -> Vec<String> {
        ics.replace("\r\n ", "")
            .split("\r\n")
            .map(str::to_owned)
            .collect()
    }

    #[test]
    fn winter_and_summer_events_in_copenhagen() {
        // 13:00 local in January (CET, +01) and in July (CEST, +02).
        let cal = calendar(
            Copenhagen,
            vec![
                event("winter", utc(2026, 1, 15, 12, 0), 2),
                event("summer", utc(2026, 7, 15, 11, 0), 2),
            ],
        );
        let ics = render(&cal, now());
        assert_valid(&ics);
        let lines = unfolded(&ics);
        for expected in [
            "BEGIN:VCALENDAR",
            "VERSION:2.0",
            "PRODID:-//Samvirke//Samvirke//EN",
            "CALSCALE:GREGORIAN",
            "METHOD:PUBLISH",
            "X-WR-CALNAME:Samvirke – Østbyen",
            "X-WR-TIMEZONE:Europe/Copenhagen",
            "TZID:Europe/Copenhagen",
            "DTSTART;TZID=Europe/Copenhagen:20260115T130000",
            "DTEND;TZID=Europe/Copenhagen:20260115T150000",
            "DTSTART;TZID=Europe/Copenhagen:20260715T130000",
            "DTEND;TZID=Europe/Copenhagen:20260715T150000",
            "DTSTAMP:20260504T083000Z",
            "LAST-MODIFIED:20260102T090000Z",
            "UID:winter@samvirke",
            "SUMMARY:Netværksmøde",
            "LOCATION:Rådhuset\\, lokale 2",
            "URL:https://samvirke.example/meetings/winter",
            "STATUS:CONFIRMED",
            "SEQUENCE:0",
        ] {
            assert!(
                lines.iter().any(|l| l == expected),
                "missing {expected:?} in\n{ics}"
            );
        }
        assert!(ics.ends_with("END:VCALENDAR\r\n"));
    }

    #[test]
    fn vtimezone_has_the_real_transitions() {
        let ics = render(
            &calendar(
                Oslo,
                vec![
                    event("w", utc(2026, 1, 15, 12, 0), 2),
                    event("s", utc(2026, 7, 15, 11, 0), 2),
                ],
            ),
            now(),
        );
        assert_valid(&ics);
        let text = unfolded(&ics).join("\n");
        // 2026: summer time from 29 March 02:00 CET, back on 25 October 03:00 CEST.
        assert!(text.contains(
            "BEGIN:DAYLIGHT\nDTSTART:20260329T020000\nTZOFFSETFROM:+0100\nTZOFFSETTO:+0200\nTZNAME:CEST\nEND:DAYLIGHT"
        ), "{text}");
        assert!(text.contains(
            "BEGIN:STANDARD\nDTSTART:20261025T030000\nTZOFFSETFROM:+0200\nTZOFFSETTO:+0100\nTZNAME:CET\nEND:STANDARD"
        ), "{text}");
        // The year before is covered too, so 1 January 2026 falls after a stated onset.
        assert!(text.contains("DTSTART:20251026T030000"), "{text}");
        assert_eq!(text.matches("BEGIN:VTIMEZONE").count(), 1);
    }

    #[test]
    fn events_over_several_years_in_oslo() {
        let cal = calendar(
            Oslo,
            vec![
                event("a", utc(2025, 12, 1, 12, 0), 1),
                event("b", utc(2027, 6, 1, 11, 0), 1),
            ],
        );
        let ics = render(&cal, now());
        assert_valid(&ics);
        let text = unfolded(&ics).join("\n");
        assert!(text.contains("DTSTART;TZID=Europe/Oslo:20251201T130000"));
        assert!(text.contains("DTSTART;TZID=Europe/Oslo:20270601T130000"));
        for onset in [
            "20240331T020000",
            "20241027T030000",
            "20250330T020000",
            "20251026T030000",
            "20260329T020000",
            "20261025T030000",
            "20270328T020000",
            "20271031T030000",
        ] {
            assert!(
                text.contains(&format!("DTSTART:{onset}")),
                "{onset}\n{text}"
            );
        }
    }

    #[test]
    fn zone_without_daylight_saving_gets_a_single_standard() {
        let ics = render(
            &calendar(
                chrono_tz::Asia::Tokyo,
                vec![event("t", utc(2026, 3, 3, 1, 0), 1)],
            ),
            now(),
        );
        assert_valid(&ics);
        let text = unfolded(&ics).join("\n");
        assert_eq!(text.matches("BEGIN:STANDARD").count(), 1, "{text}");
        assert_eq!(text.matches("BEGIN:DAYLIGHT").count(), 0, "{text}");
        assert!(
            text.contains("TZOFFSETFROM:+0900\nTZOFFSETTO:+0900"),
            "{text}"
        );
        assert!(text.contains("DTSTART;TZID=Asia/Tokyo:20260303T100000"));
    }

    #[test]
    fn empty_calendar_is_valid() {
        for tz in [Copenhagen, Oslo, chrono_tz::UTC] {
            let ics = render(&calendar(tz, vec![]), now());
            assert_valid(&ics);
            assert!(ics.contains("BEGIN:VTIMEZONE"));
            assert!(!ics.contains("BEGIN:VEVENT"));
        }
    }

    #[test]
    fn long_danish_and_norwegian_text_is_folded_on_character_boundaries() {
        let mut e = event("long", utc(2026, 2, 3, 12, 0), 2);
        e.description = "Kære alle – vi mødes på Søndergårdsskolen, første sal. \
            Æbleskiver og kaffe står klar. Vær opmærksom på at lokalet på Åbyhøj \
            er flyttet.\nHilsen fra Bodø: Vi møtes på rådhuset i Tromsø, ta med \
            nøkler og årsrapport. ÆØÅ æøå ÆØÅ æøå ÆØÅ æøå ÆØÅ æøå ÆØÅ æøå."
            .repeat(3);
        e.title = "ø".repeat(100);
        let ics = render(&calendar(Copenhagen, vec![e.clone()]), now());
        assert_valid(&ics);
        for line in ics.split("\r\n") {
            assert!(
                line.len() <= MAX_LINE_OCTETS,
                "{} octets: {line}",
                line.len()
            );
        }
        assert!(ics.contains("\r\n "), "nothing was folded");
        // Every physical line is valid UTF-8 on its own, so no character was split.
        for line in ics.as_bytes().split(|&b| b == b'\n') {
            assert!(std::str::from_utf8(line).is_ok());
        }
        // Unfolding gives back exactly the escaped text.
        let lines = unfolded(&ics);
        assert!(lines.contains(&format!("DESCRIPTION:{}", escape_text(&e.description))));
        assert!(lines.contains(&format!("SUMMARY:{}", e.title)));
        // And the icalendar crate reads the original text back.
        let unfolded_text = icalendar::parser::unfold(&ics);
        let parsed = icalendar::parser::read_calendar(&unfolded_text).unwrap();
        let vevent = parsed
            .components
            .iter()
            .find(|c| c.name == "VEVENT")
            .unwrap();
        let description = vevent.find_prop("DESCRIPTION").unwrap();
        assert_eq!(description.val.as_str(), e.description);
    }

    #[test]
    fn folding_exactly_at_the_limit() {
        let mut w = Writer::default();
        let content = "X".repeat(75);
        w.line(&content);
        assert_eq!(w.finish(), format!("{content}\r\n"));

        let mut w = Writer::default();
        // 74 ASCII octets then a two-octet "ø": the ø would end at octet 76, so it moves.
        w.line(&format!("{}ø", "X".repeat(74)));
        assert_eq!(w.finish(), format!("{}\r\n ø\r\n", "X".repeat(74)));
    }

    #[test]
    fn text_is_escaped() {
        assert_eq!(
            escape_text("a\\b;c,d\ne\r\nf\rg\u{7}h\ti"),
            "a\\\\b\\;c\\,d\\ne\\nf\\ngh\ti"
        );
        let mut e = event("esc", utc(2026, 2, 3, 12, 0), 1);
        e.title = "Møde; budget, plan\\noter".into();
        e.description = "Linje 1\nLinje 2".into();
        let ics = render(&calendar(Copenhagen, vec![e]), now());
        assert_valid(&ics);
        let lines = unfolded(&ics);
        assert!(lines.contains(&"SUMMARY:Møde\\; budget\\, plan\\\\noter".to_owned()));
        assert!(lines.contains(&"DESCRIPTION:Linje 1\\nLinje 2".to_owned()));
    }

    #[test]
    fn methods_and_statuses() {
        let mut e = event("m", utc(2026, 2, 3, 12, 0), 1);
        e.status = EventStatus::Tentative;
        e.sequence = 3;
        let mut cal = calendar(Copenhagen, vec![e]);
        cal.method = Method::Request;
        let ics = render(&cal, now());
        assert_valid(&ics);
        assert!(ics.contains("METHOD:REQUEST\r\n"));
        assert!(ics.contains("STATUS:TENTATIVE\r\n"));
        assert!(ics.contains("SEQUENCE:3\r\n"));

        cal.method = Method::Cancel;
        let ics = render(&cal, now());
        assert_valid(&ics);
        assert!(ics.contains("METHOD:CANCEL\r\n"));
        assert!(ics.contains("STATUS:CANCELLED\r\n"));
    }

    #[test]
    fn second_pass_through_the_fall_back_hour_is_written_in_utc() {
        // 2026-10-25 02:30 happens twice in Copenhagen: 00:30Z (CEST) and 01:30Z (CET).
        let first = event("first", utc(2026, 10, 25, 0, 30), 1);
        let second = event("second", utc(2026, 10, 25, 1, 30), 1);
        let ics = render(&calendar(Copenhagen, vec![first, second]), now());
        assert_valid(&ics);
        let lines = unfolded(&ics);
        assert!(lines.contains(&"DTSTART;TZID=Europe/Copenhagen:20261025T023000".to_owned()));
        assert!(lines.contains(&"DTSTART:20261025T013000Z".to_owned()));
    }

    #[test]
    fn end_before_start_is_clamped() {
        let mut e = event("bad", utc(2026, 2, 3, 12, 0), 1);
        e.ends_at = e.starts_at - TimeDelta::hours(1);
        let ics = render(&calendar(Copenhagen, vec![e]), now());
        assert_valid(&ics);
        assert!(ics.contains("DTEND;TZID=Europe/Copenhagen:20260203T130000\r\n"));
    }

    #[test]
    fn output_is_reproducible() {
        let cal = calendar(Oslo, vec![event("r", utc(2026, 2, 3, 12, 0), 1)]);
        assert_eq!(render(&cal, now()), render(&cal, now()));
    }

    #[test]
    fn utc_offsets() {
        assert_eq!(utc_offset(3600), "+0100");
        assert_eq!(utc_offset(-12600), "-0330");
        assert_eq!(utc_offset(0), "+0000");
        assert_eq!(utc_offset(3 * 3600 + 61), "+030101");
    }
}
