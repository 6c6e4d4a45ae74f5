//! A structural RFC 5545 checker for the calendars we serve. Test suites (unit and end-to-end)
//! run every feed and attachment through it, so a regression in escaping, folding or the
//! VTIMEZONE shows up as a named problem on a numbered line instead of as a calendar client
//! silently dropping the meeting.
//!
//! It is deliberately a checker of what matters to clients, not a full validator of RFC 5545:
//! the physical form (CRLF, 75 octets, folding), the component tree, the required and
//! single-valued properties of VCALENDAR, VEVENT and VTIMEZONE, date-time syntax, and that
//! every TZID parameter names a VTIMEZONE in the file. As an independent second reader the
//! text is also parsed with the `icalendar` crate's parser, whose errors are reported too.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{NaiveDate, NaiveDateTime};

use super::time::local_to_utc;

/// More problems than this are cut off: a file with LF line ends would otherwise report every
/// one of its lines.
const MAX_PROBLEMS: usize = 100;

/// Checks `ics` and returns every problem found, each naming its (1-based, physical) line.
pub fn check(ics: &str) -> Result<(), Vec<String>> {
    let mut problems = Problems::default();

    if ics.is_empty() {
        problems.push(1, "the text is empty");
        return Err(problems.finish());
    }

    let physical = physical_lines(ics, &mut problems);
    let logical = unfold(&physical, &mut problems);
    let lines: Vec<ContentLine> = logical
        .iter()
        .filter_map(|(line, text)| match parse_content_line(text) {
            Ok(parsed) => Some(ContentLine {
                line: *line,
                ..parsed
            }),
            Err(reason) => {
                problems.push(*line, &reason);
                None
            }
        })
        .collect();
    for line in &lines {
        if let Some(c) = line.value.chars().find(|c| c.is_control() && *c != '\t') {
            problems.push(
                line.line,
                &format!(
                    "{}: control character U+{:04X} in the value",
                    line.name, c as u32
                ),
            );
        }
    }

    let roots = build_tree(lines, &mut problems);
    check_roots(&roots, &mut problems);
    if let [root] = roots.as_slice() {
        check_vcalendar(root, &mut problems);
        check_with_icalendar_crate(ics, &physical, root, &mut problems);
    }

    let problems = problems.finish();
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems)
    }
}

#[derive(Default)]
struct Problems {
    messages: Vec<String>,
    dropped: usize,
}

impl Problems {
    fn push(&mut self, line: usize, message: &str) {
        if self.messages.len() < MAX_PROBLEMS {
            self.messages.push(format!("line {line}: {message}"));
        } else {
            self.dropped += 1;
        }
    }

    fn finish(mut self) -> Vec<String> {
        if self.dropped > 0 {
            self.messages
                .push(format!("… and {} more problems", self.dropped));
        }
        self.messages
    }
}

/// Splits at line ends, checking each is CRLF and each line fits in 75 octets.
fn physical_lines<'a>(ics: &'a str, problems: &mut Problems) -> Vec<(usize, &'a str)> {
    let mut lines = Vec::new();
    let mut rest = ics;
    let mut number = 1;
    loop {
        let (content, terminated) = match rest.find('\n') {
            Some(end) => {
                let raw = &rest[..end];
                rest = &rest[end + 1..];
                match raw.strip_suffix('\r') {
                    Some(content) => (content, true),
                    None => {
                        problems.push(number, "line ends with LF, not CRLF");
                        (raw, true)
                    }
                }
            }
            None if rest.is_empty() => break,
            None => {
                problems.push(number, "the last line is not terminated by CRLF");
                (std::mem::take(&mut rest), false)
            }
        };
        if content.contains('\r') {
            problems.push(number, "CR that is not part of a CRLF line end");
        }
        if content.len() > super::ics::MAX_LINE_OCTETS {
            problems.push(
                number,
                &format!(
                    "line is {} octets long, more than {}",
                    content.len(),
                    super::ics::MAX_LINE_OCTETS
                ),
            );
        }
        lines.push((number, content));
        number += 1;
        if !terminated {
            break;
        }
    }
    lines
}

/// Joins continuation lines (those starting with a space or a tab) to the line before; each
/// logical line keeps the number of the physical line it starts on.
fn unfold(physical: &[(usize, &str)], problems: &mut Problems) -> Vec<(usize, String)> {
    let mut logical: Vec<(usize, String)> = Vec::new();
    for &(number, content) in physical {
        if let Some(continued) = content
            .strip_prefix(' ')
            .or_else(|| content.strip_prefix('\t'))
        {
            match logical.last_mut() {
                Some((_, text)) => text.push_str(continued),
                None => problems.push(number, "continuation line with no line to continue"),
            }
        } else if content.is_empty() {
            problems.push(number, "empty line");
        } else {
            logical.push((number, content.to_owned()));
        }
    }
    logical
}

#[derive(Clone, Debug)]
struct ContentLine {
    line: usize,
    /// Upper-cased.
    name: String,
    /// Names upper-cased, values as written (quotes removed).
    params: Vec<(String, Vec<String>)>,
    value: String,
}

impl ContentLine {
    fn param(&self, name: &str) -> Option<&str> {
        self.params
            .iter()
            .find(|(n, _)| n == name)
            .and_then(|(_, values)| values.first())
            .map(String::as_str)
    }
}

fn is_name_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '-'
}

/// RFC 5545 3.1: `name *(";" param) ":" value`, with `name` and parameter names made of
/// letters, digits and dashes, and parameter values either quoted or free of `;:,"`.
fn parse_content_line(text: &str) -> Result<ContentLine, String> {
    let name_end = text.find(|c: char| !is_name_char(c)).unwrap_or(text.len());
    let name = &text[..name_end];
    let mut rest = &text[name_end..];
    if name.is_empty() {
        return Err(format!(
            "invalid property name in {:?}",
            text.chars().take(20).collect::<String>()
        ));
    }
    let mut params = Vec::new();
    loop {
        if let Some(after) = rest.strip_prefix(';') {
            let pname_end = after
                .find(|c: char| !is_name_char(c))
                .unwrap_or(after.len());
            let pname = &after[..pname_end];
            if pname.is_empty() {
                return Err(format!("{name}: invalid parameter name"));
            }
            let Some(mut after) = after[pname_end..].strip_prefix('=') else {
                return Err(format!("{name}: parameter {pname} has no '='"));
            };
            let mut values = Vec::new();
            loop {
                if let Some(quoted) = after.strip_prefix('"') {
                    let Some(close) = quoted.find('"') else {
                        return Err(format!("{name}: unterminated quoted value of {pname}"));
                    };
                    values.push(quoted[..close].to_owned());
                    after = &quoted[close + 1..];
                } else {
                    let end = after
                        .find(|c: char| matches!(c, ';' | ':' | ',' | '"') || c.is_control())
                        .unwrap_or(after.len());
                    values.push(after[..end].to_owned());
                    after = &after[end..];
                }
                match after.strip_prefix(',') {
                    Some(next) => after = next,
                    None => break,
                }
            }
            params.push((pname.to_ascii_uppercase(), values));
            rest = after;
        } else if let Some(value) = rest.strip_prefix(':') {
            return Ok(ContentLine {
                line: 0,
                name: name.to_ascii_uppercase(),
                params,
                value: value.to_owned(),
            });
        } else {
            return Err(match rest.chars().next() {
                Some(c) if params.is_empty() => {
                    format!("invalid property name: {name:?} followed by {c:?}")
                }
                Some(c) => format!("{name}: unexpected {c:?} in the parameters"),
                None => format!("{name}: no ':' and no value"),
            });
        }
    }
}

#[derive(Debug)]
struct Component {
    name: String,
    line: usize,
    properties: Vec<ContentLine>,
    children: Vec<Component>,
}

impl Component {
    fn all(&self, name: &str) -> Vec<&ContentLine> {
        self.properties.iter().filter(|p| p.name == name).collect()
    }

    /// Reports unless `name` occurs exactly once; returns it if it does.
    fn exactly_one(&self, name: &str, problems: &mut Problems) -> Option<&ContentLine> {
        match self.all(name).as_slice() {
            [one] => Some(one),
            [] => {
                problems.push(self.line, &format!("{} has no {name}", self.name));
                None
            }
            [_, second, ..] => {
                problems.push(
                    second.line,
                    &format!("{} has more than one {name}", self.name),
                );
                None
            }
        }
    }

    fn at_most_once(&self, names: &[&str], problems: &mut Problems) {
        for name in names {
            if let [_, second, ..] = self.all(name).as_slice() {
                problems.push(
                    second.line,
                    &format!("{} has more than one {name}", self.name),
                );
            }
        }
    }

    fn walk<'a>(&'a self, visit: &mut dyn FnMut(&'a Component)) {
        visit(self);
        for child in &self.children {
            child.walk(visit);
        }
    }
}

/// Matches BEGIN and END into a tree of components.
fn build_tree(lines: Vec<ContentLine>, problems: &mut Problems) -> Vec<Component> {
    let mut roots = Vec::new();
    let mut stack: Vec<Component> = Vec::new();

    fn close(stack: &mut Vec<Component>, roots: &mut Vec<Component>) {
        if let Some(done) = stack.pop() {
            match stack.last_mut() {
                Some(parent) => parent.children.push(done),
                None => roots.push(done),
            }
        }
    }

    for line in lines {
        match line.name.as_str() {
            "BEGIN" | "END" if !line.params.is_empty() => {
                problems.push(line.line, &format!("{} with parameters", line.name));
            }
            "BEGIN" => {
                let name = line.value.to_ascii_uppercase();
                if name.is_empty() || !name.chars().all(is_name_char) {
                    problems.push(
                        line.line,
                        &format!("invalid component name {:?}", line.value),
                    );
                }
                stack.push(Component {
                    name,
                    line: line.line,
                    properties: Vec::new(),
                    children: Vec::new(),
                });
            }
            "END" => {
                let name = line.value.to_ascii_uppercase();
                match stack.iter().rposition(|c| c.name == name) {
                    None => problems.push(
                        line.line,
                        &format!("END:{} without a matching BEGIN", line.value),
                    ),
                    Some(position) => {
                        while stack.len() > position + 1 {
                            if let Some(open) = stack.last() {
                                problems.push(
                                    line.line,
                                    &format!(
                                        "END:{} while BEGIN:{} (line {}) is still open",
                                        line.value, open.name, open.line
                                    ),
                                );
                            }
                            close(&mut stack, &mut roots);
                        }
                        close(&mut stack, &mut roots);
                    }
                }
            }
            _ => match stack.last_mut() {
                Some(component) => component.properties.push(line),
                None => problems.push(
                    line.line,
                    &format!("{} outside of any component", line.name),
                ),
            },
        }
    }
    while let Some(open) = stack.last() {
        problems.push(
            open.line,
            &format!("BEGIN:{} is never closed by END:{}", open.name, open.name),
        );
        close(&mut stack, &mut roots);
    }
    roots
}

fn check_roots(roots: &[Component], problems: &mut Problems) {
    match roots {
        [] => problems.push(1, "no VCALENDAR"),
        [root] if root.name != "VCALENDAR" => problems.push(
            root.line,
            &format!("the outermost component is {}, not VCALENDAR", root.name),
        ),
        [_] => {}
        [_, second, ..] => problems.push(
            second.line,
            "more than one outermost component (only one VCALENDAR is expected)",
        ),
    }
}

fn check_vcalendar(calendar: &Component, problems: &mut Problems) {
    if calendar.name != "VCALENDAR" {
        return;
    }
    if let Some(version) = calendar.exactly_one("VERSION", problems)
        && version.value != "2.0"
    {
        problems.push(
            version.line,
            &format!("VERSION is {:?}, not 2.0", version.value),
        );
    }
    if let Some(prodid) = calendar.exactly_one("PRODID", problems)
        && prodid.value.is_empty()
    {
        problems.push(prodid.line, "PRODID is empty");
    }
    calendar.at_most_once(&["CALSCALE", "METHOD"], problems);
    for calscale in calendar.all("CALSCALE") {
        if !calscale.value.eq_ignore_ascii_case("GREGORIAN") {
            problems.push(
                calscale.line,
                &format!("CALSCALE is {:?}, not GREGORIAN", calscale.value),
            );
        }
    }
    if calendar.children.is_empty() {
        problems.push(
            calendar.line,
            "VCALENDAR contains no component (RFC 5545 requires at least one)",
        );
    }

    // Which zones are defined, then which are referred to.
    let mut zones: BTreeMap<String, usize> = BTreeMap::new();
    for child in &calendar.children {
        match child.name.as_str() {
            "VEVENT" => check_vevent(child, problems),
            "VTIMEZONE" => {
                if let Some(tzid) = check_vtimezone(child, problems)
                    && let Some(first) = zones.insert(tzid.value.clone(), tzid.line)
                {
                    problems.push(
                        tzid.line,
                        &format!(
                            "a second VTIMEZONE for {} (the first is on line {first})",
                            tzid.value
                        ),
                    );
                }
            }
            _ => {}
        }
    }
    calendar.walk(&mut |component| {
        for property in &component.properties {
            for (name, values) in &property.params {
                if name != "TZID" {
                    continue;
                }
                for tzid in values {
                    if !zones.contains_key(tzid) {
                        problems.push(
                            property.line,
                            &format!(
                                "{}: TZID={tzid} refers to no VTIMEZONE in the calendar",
                                property.name
                            ),
                        );
                    }
                }
            }
        }
    });
    calendar.walk(&mut |component| check_date_times(component, problems));
}

fn check_vevent(event: &Component, problems: &mut Problems) {
    event.exactly_one("UID", problems);
    event.exactly_one("DTSTAMP", problems);
    let start = event.exactly_one("DTSTART", problems);
    event.at_most_once(
        &[
            "DTEND",
            "DURATION",
            "SUMMARY",
            "DESCRIPTION",
            "LOCATION",
            "URL",
            "STATUS",
            "SEQUENCE",
            "LAST-MODIFIED",
            "CREATED",
            "CLASS",
            "ORGANIZER",
            "PRIORITY",
            "TRANSP",
            "RECURRENCE-ID",
        ],
        problems,
    );
    let ends = event.all("DTEND");
    if let (Some(dtend), Some(_)) = (ends.first(), event.all("DURATION").first()) {
        problems.push(dtend.line, "VEVENT has both DTEND and DURATION");
    }
    if let (Some(start), Some(end)) = (start, ends.first()) {
        match (moment(start), moment(end)) {
            (Some(Moment::Date(_)), Some(Moment::Utc(_) | Moment::Floating(_)))
            | (Some(Moment::Utc(_) | Moment::Floating(_)), Some(Moment::Date(_))) => {
                problems.push(
                    end.line,
                    "DTEND is not of the same value type (DATE or DATE-TIME) as DTSTART",
                );
            }
            (Some(s), Some(e)) if s.comparable(&e) && e < s => {
                problems.push(
                    end.line,
                    &format!("DTEND {} is before DTSTART {}", end.value, start.value),
                );
            }
            _ => {}
        }
    }
    for status in event.all("STATUS") {
        if !matches!(
            status.value.as_str(),
            "TENTATIVE" | "CONFIRMED" | "CANCELLED"
        ) {
            problems.push(
                status.line,
                &format!("STATUS {:?} is not one a VEVENT can have", status.value),
            );
        }
    }
    for sequence in event.all("SEQUENCE") {
        if sequence.value.parse::<u32>().is_err() {
            problems.push(
                sequence.line,
                &format!(
                    "SEQUENCE {:?} is not a non-negative integer",
                    sequence.value
                ),
            );
        }
    }
}

/// Returns the TZID property when there is exactly one.
fn check_vtimezone<'a>(zone: &'a Component, problems: &mut Problems) -> Option<&'a ContentLine> {
    let tzid = zone.exactly_one("TZID", problems);
    let mut observances = 0;
    for child in &zone.children {
        if child.name != "STANDARD" && child.name != "DAYLIGHT" {
            problems.push(
                child.line,
                &format!("VTIMEZONE may not contain {}", child.name),
            );
            continue;
        }
        observances += 1;
        if let Some(dtstart) = child.exactly_one("DTSTART", problems)
            && (dtstart.value.ends_with('Z') || dtstart.param("TZID").is_some())
        {
            problems.push(
                dtstart.line,
                &format!("{} DTSTART must be a local time", child.name),
            );
        }
        for name in ["TZOFFSETFROM", "TZOFFSETTO"] {
            if let Some(offset) = child.exactly_one(name, problems)
                && !is_utc_offset(&offset.value)
            {
                problems.push(
                    offset.line,
                    &format!("{name} {:?} is not a UTC offset (±HHMM[SS])", offset.value),
                );
            }
        }
    }
    if observances == 0 {
        problems.push(zone.line, "VTIMEZONE has no STANDARD or DAYLIGHT");
    }
    tzid
}

/// RFC 5545 3.3.14: `+HHMM` or `+HHMMSS` (or `-`), and never `-0000`.
fn is_utc_offset(value: &str) -> bool {
    let Some(digits) = value.strip_prefix('+').or_else(|| value.strip_prefix('-')) else {
        return false;
    };
    if !(digits.len() == 4 || digits.len() == 6) || !digits.chars().all(|c| c.is_ascii_digit()) {
        return false;
    }
    let field = |at: usize| digits.get(at..at + 2).and_then(|d| d.parse::<u32>().ok());
    let minutes_ok = field(2).is_some_and(|m| m < 60);
    let seconds_ok = digits.len() == 4 || field(4).is_some_and(|s| s < 60);
    let negative_zero = value.starts_with('-') && digits.chars().all(|c| c == '0');
    minutes_ok && seconds_ok && !negative_zero
}

/// Properties whose value is a DATE-TIME (or a DATE with VALUE=DATE); lists where noted.
const DATE_TIME_PROPERTIES: &[(&str, bool)] = &[
    ("DTSTART", false),
    ("DTEND", false),
    ("DUE", false),
    ("RECURRENCE-ID", false),
    ("EXDATE", true),
    ("RDATE", true),
];

/// Properties whose value MUST be a DATE-TIME in UTC.
const UTC_PROPERTIES: &[&str] = &["DTSTAMP", "LAST-MODIFIED", "CREATED", "COMPLETED"];

fn check_date_times(component: &Component, problems: &mut Problems) {
    for property in &component.properties {
        let value_type = property.param("VALUE").map(str::to_ascii_uppercase);
        if UTC_PROPERTIES.contains(&property.name.as_str()) {
            if !matches!(parse_date_time(&property.value), Some((_, true))) {
                problems.push(
                    property.line,
                    &format!(
                        "{} {:?} is not a UTC date-time (YYYYMMDDTHHMMSSZ)",
                        property.name, property.value
                    ),
                );
            }
            continue;
        }
        let Some(&(_, is_list)) = DATE_TIME_PROPERTIES
            .iter()
            .find(|(name, _)| *name == property.name)
        else {
            continue;
        };
        if value_type.as_deref() == Some("PERIOD") {
            continue;
        }
        let values: Vec<&str> = if is_list {
            property.value.split(',').collect()
        } else {
            vec![property.value.as_str()]
        };
        for value in values {
            if value_type.as_deref() == Some("DATE") {
                if parse_date(value).is_none() {
                    problems.push(
                        property.line,
                        &format!("{} {value:?} is not a date (YYYYMMDD)", property.name),
                    );
                }
            } else {
                match parse_date_time(value) {
                    None => problems.push(
                        property.line,
                        &format!(
                            "{} {value:?} is not a date-time (YYYYMMDDTHHMMSS[Z])",
                            property.name
                        ),
                    ),
                    Some((_, true)) if property.param("TZID").is_some() => problems.push(
                        property.line,
                        &format!("{} is in UTC and has a TZID as well", property.name),
                    ),
                    Some(_) => {}
                }
            }
        }
    }
}

/// `YYYYMMDD`.
fn parse_date(value: &str) -> Option<NaiveDate> {
    if value.len() != 8 || !value.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    NaiveDate::parse_from_str(value, "%Y%m%d").ok()
}

/// `YYYYMMDDTHHMMSS` with an optional `Z`; the flag says whether it is UTC.
fn parse_date_time(value: &str) -> Option<(NaiveDateTime, bool)> {
    let (local, utc) = match value.strip_suffix('Z') {
        Some(local) => (local, true),
        None => (value, false),
    };
    let bytes = local.as_bytes();
    let shape_ok = bytes.len() == 15
        && bytes[8] == b'T'
        && bytes[..8].iter().all(u8::is_ascii_digit)
        && bytes[9..].iter().all(u8::is_ascii_digit);
    if !shape_ok {
        return None;
    }
    NaiveDateTime::parse_from_str(local, "%Y%m%dT%H%M%S")
        .ok()
        .map(|at| (at, utc))
}

/// A DTSTART or DTEND reduced to something comparable, where possible.
#[derive(Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Moment {
    Utc(NaiveDateTime),
    Floating(NaiveDateTime),
    Date(NaiveDate),
}

impl Moment {
    fn comparable(&self, other: &Moment) -> bool {
        std::mem::discriminant(self) == std::mem::discriminant(other)
    }
}

/// Zoned times are brought to UTC when the TZID is a zone chrono-tz knows (the VTIMEZONE in
/// the file is trusted to agree); otherwise there is nothing to compare.
fn moment(property: &ContentLine) -> Option<Moment> {
    if property
        .param("VALUE")
        .is_some_and(|v| v.eq_ignore_ascii_case("DATE"))
    {
        return parse_date(&property.value).map(Moment::Date);
    }
    let (at, utc) = parse_date_time(&property.value)?;
    if utc {
        return Some(Moment::Utc(at));
    }
    match property.param("TZID") {
        None => Some(Moment::Floating(at)),
        Some(tzid) => {
            let tz: chrono_tz::Tz = tzid.parse().ok()?;
            local_to_utc(at, tz)
                .ok()
                .map(|u| Moment::Utc(u.naive_utc()))
        }
    }
}

/// The `icalendar` crate's parser as a second, independent reader: it must accept the text and
/// see the same components.
fn check_with_icalendar_crate(
    ics: &str,
    physical: &[(usize, &str)],
    root: &Component,
    problems: &mut Problems,
) {
    let unfolded = icalendar::parser::unfold(ics);
    match icalendar::parser::read_calendar(&unfolded) {
        Err(error) => {
            // Its report counts unfolded lines and spreads over several; keep the first entry,
            // on one line, at the physical line it names.
            let first = error.split("\n\n").next().unwrap_or_default();
            let first = first.strip_prefix("error: ").unwrap_or(first);
            let line = first
                .split_once("at line ")
                .and_then(|(_, rest)| {
                    let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
                    digits.parse::<usize>().ok()
                })
                .and_then(|unfolded_line| physical_line_of(physical, unfolded_line))
                .unwrap_or(1);
            let first = first.split_whitespace().collect::<Vec<_>>().join(" ");
            problems.push(
                line,
                &format!("the icalendar crate cannot parse the text: {first}"),
            );
        }
        Ok(parsed) => {
            let theirs: BTreeSet<(String, usize)> = count_by_name(
                parsed
                    .components
                    .iter()
                    .map(|c| c.name.as_str().to_ascii_uppercase()),
            );
            let ours: BTreeSet<(String, usize)> =
                count_by_name(root.children.iter().map(|c| c.name.clone()));
            if theirs != ours {
                problems.push(
                    root.line,
                    &format!(
                        "the icalendar crate sees the components {theirs:?}, this checker {ours:?}"
                    ),
                );
            }
        }
    }
}

/// The physical line on which the `n`th (1-based) line of the unfolded text starts.
fn physical_line_of(physical: &[(usize, &str)], n: usize) -> Option<usize> {
    physical
        .iter()
        .enumerate()
        .filter(|(index, (_, content))| {
            *index == 0 || !(content.starts_with(' ') || content.starts_with('\t'))
        })
        .nth(n.checked_sub(1)?)
        .map(|(_, (line, _))| *line)
}

fn count_by_name(names: impl Iterator<Item = String>) -> BTreeSet<(String, usize)> {
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    for name in names {
        *counts.entry(name).or_default() += 1;
    }
    counts.into_iter().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A small valid calendar, one content line per array element.
    fn valid_lines() -> Vec<String> {
        [
            "BEGIN:VCALENDAR",
            "VERSION:2.0",
            "PRODID:-//Samvirke//Samvirke//EN",
            "CALSCALE:GREGORIAN",
            "METHOD:PUBLISH",
            "BEGIN:VTIMEZONE",
            "TZID:Europe/Copenhagen",
            "BEGIN:STANDARD",
            "DTSTART:20251026T030000",
            "TZOFFSETFROM:+0200",
            "TZOFFSETTO:+0100",
            "TZNAME:CET",
            "END:STANDARD",
            "BEGIN:DAYLIGHT",
            "DTSTART:20260329T020000",
            "TZOFFSETFROM:+0100",
            "TZOFFSETTO:+0200",
            "TZNAME:CEST",
            "END:DAYLIGHT",
            "END:VTIMEZONE",
            "BEGIN:VEVENT",
            "UID:a@samvirke",
            "DTSTAMP:20260504T083000Z",
            "DTSTART;TZID=Europe/Copenhagen:20260115T130000",
            "DTEND;TZID=Europe/Copenhagen:20260115T150000",
            "SUMMARY:Møde\\, budget",
            "END:VEVENT",
            "END:VCALENDAR",
        ]
        .iter()
        .map(|s| (*s).to_owned())
        .collect()
    }

    fn join(lines: &[String]) -> String {
        lines.iter().map(|l| format!("{l}\r\n")).collect()
    }

    fn problems_of(text: &str) -> Vec<String> {
        match check(text) {
            Ok(()) => panic!("expected problems in\n{text}"),
            Err(problems) => problems,
        }
    }

    fn assert_mentions(problems: &[String], needle: &str) {
        assert!(
            problems.iter().any(|p| p.contains(needle)),
            "no problem mentions {needle:?}: {problems:#?}"
        );
    }

    #[test]
    fn the_valid_sample_passes() {
        assert_eq!(check(&join(&valid_lines())), Ok(()));
    }

    #[test]
    fn folded_lines_pass() {
        let mut lines = valid_lines();
        let summary = format!("SUMMARY:{}", "æøå ".repeat(30));
        let index = lines.iter().position(|l| l.starts_with("SUMMARY")).unwrap();
        // Fold by hand at 70 octets on character boundaries.
        let mut folded = String::new();
        let mut used = 0;
        for c in summary.chars() {
            if used + c.len_utf8() > 70 {
                folded.push_str("\r\n ");
                used = 1;
            }
            folded.push(c);
            used += c.len_utf8();
        }
        lines[index] = folded;
        assert_eq!(check(&join(&lines)), Ok(()));
    }

    #[test]
    fn missing_uid() {
        let lines: Vec<String> = valid_lines()
            .into_iter()
            .filter(|l| !l.starts_with("UID"))
            .collect();
        let problems = problems_of(&join(&lines));
        assert_mentions(&problems, "line 21: VEVENT has no UID");
    }

    #[test]
    fn unknown_tzid() {
        let lines: Vec<String> = valid_lines()
            .into_iter()
            .map(|l| l.replace("TZID=Europe/Copenhagen", "TZID=Europe/Oslo"))
            .collect();
        let problems = problems_of(&join(&lines));
        assert_mentions(
            &problems,
            "line 24: DTSTART: TZID=Europe/Oslo refers to no VTIMEZONE",
        );
        assert_mentions(&problems, "line 25: DTEND: TZID=Europe/Oslo");
    }

    #[test]
    fn lf_only_line_ends() {
        let text = valid_lines().join("\n") + "\n";
        let problems = problems_of(&text);
        assert_mentions(&problems, "line 1: line ends with LF, not CRLF");
        assert_mentions(&problems, "line 28: line ends with LF, not CRLF");
    }

    #[test]
    fn missing_final_crlf() {
        let text = join(&valid_lines());
        let problems = problems_of(text.trim_end());
        assert_mentions(
            &problems,
            "line 28: the last line is not terminated by CRLF",
        );
    }

    #[test]
    fn overlong_line() {
        let mut lines = valid_lines();
        lines[25] = format!("SUMMARY:{}", "x".repeat(80));
        let problems = problems_of(&join(&lines));
        assert_mentions(&problems, "line 26: line is 88 octets long, more than 75");
    }

    #[test]
    fn unbalanced_and_mismatched_nesting() {
        let mut lines = valid_lines();
        lines.retain(|l| l != "END:VEVENT");
        let problems = problems_of(&join(&lines));
        assert_mentions(
            &problems,
            "line 27: END:VCALENDAR while BEGIN:VEVENT (line 21) is still open",
        );

        let mut lines = valid_lines();
        lines.pop();
        let problems = problems_of(&join(&lines));
        assert_mentions(
            &problems,
            "line 1: BEGIN:VCALENDAR is never closed by END:VCALENDAR",
        );

        let mut lines = valid_lines();
        lines.insert(5, "END:VTODO".into());
        let problems = problems_of(&join(&lines));
        assert_mentions(&problems, "line 6: END:VTODO without a matching BEGIN");
    }

    #[test]
    fn vcalendar_properties() {
        let mut lines = valid_lines();
        lines[1] = "VERSION:1.0".into();
        lines.insert(2, "PRODID:-//Other//EN".into());
        let problems = problems_of(&join(&lines));
        assert_mentions(&problems, "line 2: VERSION is \"1.0\", not 2.0");
        assert_mentions(&problems, "line 4: VCALENDAR has more than one PRODID");

        let lines: Vec<String> = valid_lines()
            .into_iter()
            .filter(|l| !l.starts_with("VERSION"))
            .collect();
        assert_mentions(
            &problems_of(&join(&lines)),
            "line 1: VCALENDAR has no VERSION",
        );
    }

    #[test]
    fn event_times() {
        let mut lines = valid_lines();
        lines[24] = "DTEND;TZID=Europe/Copenhagen:20260115T120000".into();
        assert_mentions(
            &problems_of(&join(&lines)),
            "line 25: DTEND 20260115T120000 is before DTSTART 20260115T130000",
        );

        // Mixed forms are compared through UTC: 11:30Z is 12:30 CET, before 13:00.
        let mut lines = valid_lines();
        lines[24] = "DTEND:20260115T113000Z".into();
        assert_mentions(
            &problems_of(&join(&lines)),
            "line 25: DTEND 20260115T113000Z",
        );
        lines[24] = "DTEND:20260115T123000Z".into();
        assert_eq!(check(&join(&lines)), Ok(()));

        let mut lines = valid_lines();
        lines[23] = "DTSTART;TZID=Europe/Copenhagen:2026-01-15T13:00:00".into();
        assert_mentions(
            &problems_of(&join(&lines)),
            "line 24: DTSTART \"2026-01-15T13:00:00\" is not a date-time",
        );

        let mut lines = valid_lines();
        lines[22] = "DTSTAMP:20260504T083000".into();
        assert_mentions(
            &problems_of(&join(&lines)),
            "line 23: DTSTAMP \"20260504T083000\" is not a UTC date-time",
        );

        let mut lines = valid_lines();
        lines[23] = "DTSTART;TZID=Europe/Copenhagen:20261315T130000".into();
        assert_mentions(
            &problems_of(&join(&lines)),
            "line 24: DTSTART \"20261315T130000\"",
        );

        let mut lines = valid_lines();
        lines.retain(|l| !l.starts_with("DTSTART;"));
        assert_mentions(&problems_of(&join(&lines)), "VEVENT has no DTSTART");
    }

    #[test]
    fn vtimezone_structure() {
        let mut lines = valid_lines();
        lines.retain(|l| !l.starts_with("TZOFFSETFROM:+0100"));
        assert_mentions(
            &problems_of(&join(&lines)),
            "line 14: DAYLIGHT has no TZOFFSETFROM",
        );

        let mut lines = valid_lines();
        lines[9] = "TZOFFSETFROM:+2".into();
        assert_mentions(
            &problems_of(&join(&lines)),
            "line 10: TZOFFSETFROM \"+2\" is not a UTC offset",
        );

        let lines: Vec<String> = valid_lines()
            .into_iter()
            .enumerate()
            .filter(|(i, _)| !(7..=18).contains(i))
            .map(|(_, l)| l)
            .collect();
        assert_mentions(
            &problems_of(&join(&lines)),
            "line 6: VTIMEZONE has no STANDARD or DAYLIGHT",
        );
    }

    #[test]
    fn property_names_and_syntax() {
        let mut lines = valid_lines();
        lines[25] = "SUM MARY:x".into();
        assert_mentions(
            &problems_of(&join(&lines)),
            "line 26: invalid property name",
        );

        let mut lines = valid_lines();
        lines[25] = "SUMMARY_X:x".into();
        assert_mentions(
            &problems_of(&join(&lines)),
            "line 26: invalid property name",
        );

        let mut lines = valid_lines();
        lines[25] = "SUMMARY".into();
        assert_mentions(&problems_of(&join(&lines)), "line 26: SUMMARY: no ':'");

        let mut lines = valid_lines();
        lines[25] = ":x".into();
        assert_mentions(
            &problems_of(&join(&lines)),
            "line 26: invalid property name",
        );

        let mut lines = valid_lines();
        lines[25] = "SUMMARY;LANGUAGE=\"da:x".into();
        assert_mentions(
            &problems_of(&join(&lines)),
            "line 26: SUMMARY: unterminated quoted value",
        );
    }

    #[test]
    fn quoted_parameters_and_continuations() {
        let mut lines = valid_lines();
        lines[25] = "SUMMARY;ALTREP=\"https://x.example/a;b:c\";LANGUAGE=da:Møde".into();
        assert_eq!(check(&join(&lines)), Ok(()));

        let text = format!(" leading continuation\r\n{}", join(&valid_lines()));
        assert_mentions(
            &problems_of(&text),
            "line 1: continuation line with no line to continue",
        );
    }

    #[test]
    fn empty_text_and_empty_calendar() {
        assert_eq!(check(""), Err(vec!["line 1: the text is empty".to_owned()]));
        let text = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\nEND:VCALENDAR\r\n";
        assert_mentions(&problems_of(text), "VCALENDAR contains no component");
    }

    #[test]
    fn the_second_reader_reports_too() {
        // Component names are case-insensitive (RFC 5545 2.1), so this checker accepts an END
        // in another case; the icalendar crate's parser does not, and says so.
        let lines: Vec<String> = valid_lines()
            .into_iter()
            .map(|l| {
                if l == "END:VEVENT" {
                    "END:vevent".into()
                } else {
                    l
                }
            })
            .collect();
        let problems = problems_of(&join(&lines));
        assert_eq!(problems.len(), 1, "{problems:#?}");
        assert_mentions(
            &problems,
            "line 27: the icalendar crate cannot parse the text: 0: at line 27",
        );

        // Its line numbers count unfolded lines; reported are physical ones.
        let mut lines = lines;
        lines[25] = format!("SUMMARY:{}\r\n {}", "x".repeat(60), "y".repeat(60));
        let problems = problems_of(&join(&lines));
        assert_mentions(
            &problems,
            "line 28: the icalendar crate cannot parse the text",
        );
    }

    #[test]
    fn problem_list_is_capped() {
        let text = valid_lines().join("\n").repeat(10);
        let problems = problems_of(&text);
        assert!(problems.len() <= MAX_PROBLEMS + 1);
        assert!(problems.last().unwrap().contains("more problems"));
    }
}
