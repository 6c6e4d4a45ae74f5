//! The identifier guard: case consultations discuss a child anonymously, so free text is checked
//! here before it is stored. Personal identifiers (national id numbers, e-mail addresses, phone
//! numbers) block the write; what merely looks like a name or a street address asks the user to
//! confirm.
//!
//! Pure and synchronous: no I/O, no regex, no allocation proportional to anything but the input.
//! The matched text never leaves this module, neither in errors nor in `Debug` output: callers
//! only learn *what kind* of thing was found, by its stable code.
//!
//! How numbers are read: the text is cut into maximal runs of ASCII digits ("groups"). Groups
//! that follow each other through one space or one dash (or `+`, the Swedish centenarian
//! separator) form a *segment*; a `.`, `,`, `/` or `:` between two groups marks a dotted amount,
//! a date, a decimal or a clock time, so it ends the segment and *taints* the groups on either
//! side, and a tainted group is never part of an identifier. A group glued to a letter (`F32`,
//! `5B`) is tainted too. Every identifier is then a shape of group lengths inside one segment
//! ([6, 4] for a CPR number, [2, 2, 2, 2] for a phone number, …) plus a check of its digits. This
//! is what keeps "1.234.567", "12.03.2024", "13:00-15:00" and "F90.0" from looking like phone or
//! id numbers, and "1 234 567 kr" or "NOK 12 500 000" (thousands grouping: every group after the
//! first has three digits) from matching any phone grouping.

use crate::error::{Error, FieldError};

/// What the guard found. `code()` gives the stable error code used in API problems and UI
/// translations.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Identifier {
    DanishCpr,
    NorwegianNationalId,
    SwedishPersonalNumber,
    Email,
    Phone,
}

/// What might be personal and needs the user's confirmation.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Suspicion {
    PersonalName,
    StreetAddress,
    /// Eleven digits that start with a valid date but fail the Norwegian control digits: most
    /// likely a mistyped fødselsnummer, which would still point at a child.
    PossibleNationalId,
}

/// The codes of every suspicion: what a submitter may confirm away (identifiers never).
pub const SUSPICION_CODES: [&str; 3] =
    ["possible_name", "possible_address", "possible_national_id"];

/// Whether an error code is a suspicion the submitter may confirm, rather than a refusal.
pub fn is_suspicion_code(code: &str) -> bool {
    SUSPICION_CODES.contains(&code)
}

impl Identifier {
    pub fn code(self) -> &'static str {
        match self {
            Identifier::DanishCpr => "contains_cpr",
            Identifier::NorwegianNationalId => "contains_national_id_no",
            Identifier::SwedishPersonalNumber => "contains_personnummer",
            Identifier::Email => "contains_email",
            Identifier::Phone => "contains_phone",
        }
    }
}

impl Suspicion {
    pub fn code(self) -> &'static str {
        match self {
            Suspicion::PersonalName => "possible_name",
            Suspicion::StreetAddress => "possible_address",
            Suspicion::PossibleNationalId => "possible_national_id",
        }
    }
}

/// The result of checking one text: what blocks it and what needs confirmation, each
/// deduplicated and in the order first found in the text.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TextCheck {
    pub identifiers: Vec<Identifier>,
    pub suspicions: Vec<Suspicion>,
}

/// Checks one free text.
pub fn check_text(text: &str) -> TextCheck {
    let chars: Vec<char> = text.chars().collect();

    let mut identifiers = Vec::new();
    let mut suspicions = Vec::new();
    scan_numbers(&chars, &mut identifiers, &mut suspicions);
    scan_emails(&chars, &mut identifiers);

    let words = words(&chars);
    scan_names(&words, &mut suspicions);
    scan_addresses(&chars, &words, &mut suspicions);

    TextCheck {
        identifiers: in_text_order(identifiers),
        suspicions: in_text_order(suspicions),
    }
}

/// Checks every (field name, text) pair. Blocks with Error::Invalid listing each field and the
/// code of what was found (never the matched text). If nothing is blocked but something is
/// suspicious and `confirmed` is false, fails with Error::Invalid whose codes are the suspicion
/// codes (the UI asks the user to confirm and resend with confirmed = true). Ok(()) otherwise.
pub fn check_fields(fields: &[(&str, &str)], confirmed: bool) -> crate::Result<()> {
    let mut blocked = Vec::new();
    let mut suspicious = Vec::new();
    for &(field, text) in fields {
        let check = check_text(text);
        blocked.extend(
            check
                .identifiers
                .iter()
                .map(|i| FieldError::new(field, i.code())),
        );
        suspicious.extend(
            check
                .suspicions
                .iter()
                .map(|s| FieldError::new(field, s.code())),
        );
    }
    if !blocked.is_empty() {
        return Err(Error::Invalid(blocked));
    }
    if !suspicious.is_empty() && !confirmed {
        return Err(Error::Invalid(suspicious));
    }
    Ok(())
}

/// Sorts hits by their position in the text (stable, so ties keep detector order) and keeps the
/// first of each kind.
fn in_text_order<T: Copy + PartialEq>(mut hits: Vec<(usize, T)>) -> Vec<T> {
    hits.sort_by_key(|&(at, _)| at);
    let mut kinds: Vec<T> = Vec::new();
    for (_, kind) in hits {
        if !kinds.contains(&kind) {
            kinds.push(kind);
        }
    }
    kinds
}

// ---------------------------------------------------------------------------------------------
// Numbers: groups and segments
// ---------------------------------------------------------------------------------------------

/// How two neighbouring groups of one segment are joined.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Join {
    Space,
    Dash,
    Plus,
}

/// What lies between two digit runs.
enum Between {
    Join(Join),
    /// `.`, `,`, `/` or `:`: the digits belong to an amount, a date, a decimal or a time.
    Hard,
    /// Anything else (a word, two punctuation marks, …): unrelated numbers.
    Break,
}

/// A maximal run of ASCII digits.
struct Group {
    /// Char index of the first digit, used to order hits.
    start: usize,
    digits: Vec<u8>,
    tainted: bool,
}

/// Groups joined by spaces, dashes or plus signs; `joins[i]` lies between `groups[i]` and
/// `groups[i + 1]`.
#[derive(Default)]
struct Segment {
    groups: Vec<Group>,
    joins: Vec<Join>,
    /// The first group follows a `+` that is not itself between digits: an international prefix.
    plus_prefixed: bool,
}

fn is_hspace(c: char) -> bool {
    // Norwegian and Swedish thousands grouping often uses (narrow) no-break spaces.
    matches!(c, ' ' | '\t' | '\u{a0}' | '\u{202f}' | '\u{2009}')
}

fn is_dash(c: char) -> bool {
    matches!(c, '-' | '\u{2010}' | '\u{2011}' | '\u{2013}')
}

fn is_wordish(c: char) -> bool {
    c.is_alphabetic() || c == '_'
}

fn between(chars: &[char]) -> Between {
    match chars {
        [c] if is_hspace(*c) => Between::Join(Join::Space),
        [c] if is_dash(*c) => Between::Join(Join::Dash),
        ['+'] => Between::Join(Join::Plus),
        ['.' | ',' | '/' | ':'] => Between::Hard,
        // "010190 - 1234", "2019 – 2021"
        [a, d, b] if is_hspace(*a) && is_dash(*d) && is_hspace(*b) => Between::Join(Join::Dash),
        // The dropped trunk prefix of "+46 (0)70 123 45 67", whose 0 is skipped as a group.
        ['(', '0', ')'] => Between::Join(Join::Space),
        [a, '(', '0', ')'] | ['(', '0', ')', a] if is_hspace(*a) => Between::Join(Join::Space),
        [a, '(', '0', ')', b] if is_hspace(*a) && is_hspace(*b) => Between::Join(Join::Space),
        _ => Between::Break,
    }
}

/// The "0" of "(0)", written between a country code and an area code.
fn is_dropped_trunk_zero(chars: &[char], start: usize, end: usize) -> bool {
    end == start + 1
        && chars[start] == '0'
        && start > 0
        && chars[start - 1] == '('
        && chars.get(end) == Some(&')')
}

fn segments(chars: &[char]) -> Vec<Segment> {
    let mut segments: Vec<Segment> = Vec::new();
    let mut current = Segment::default();
    let mut previous_end: Option<usize> = None;
    let mut i = 0;
    while i < chars.len() {
        if !chars[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let start = i;
        while i < chars.len() && chars[i].is_ascii_digit() {
            i += 1;
        }
        let end = i;
        if is_dropped_trunk_zero(chars, start, end) {
            continue;
        }
        let glued = (start > 0 && is_wordish(chars[start - 1]))
            || (end < chars.len() && is_wordish(chars[end]));
        let mut group = Group {
            start,
            digits: chars[start..end]
                .iter()
                .map(|c| (*c as u32 - '0' as u32) as u8)
                .collect(),
            tainted: glued,
        };

        let relation = match previous_end {
            Some(previous_end) => between(&chars[previous_end..start]),
            None => Between::Break,
        };
        match relation {
            Between::Join(join) => current.joins.push(join),
            Between::Hard | Between::Break => {
                if let Between::Hard = relation {
                    if let Some(last) = current.groups.last_mut() {
                        last.tainted = true;
                    }
                    group.tainted = true;
                }
                if !current.groups.is_empty() {
                    segments.push(std::mem::take(&mut current));
                }
                current.plus_prefixed = start > 0
                    && chars[start - 1] == '+'
                    && (start < 2 || !chars[start - 2].is_alphanumeric());
            }
        }
        current.groups.push(group);
        previous_end = Some(end);
    }
    if !current.groups.is_empty() {
        segments.push(current);
    }
    segments
}

/// `n` untainted groups of a segment from index `from`, with the joins between them.
struct Window<'a> {
    lens: Vec<usize>,
    joins: &'a [Join],
    digits: Vec<u8>,
}

fn window(segment: &Segment, from: usize, n: usize) -> Option<Window<'_>> {
    let groups = segment.groups.get(from..from + n)?;
    if groups.iter().any(|g| g.tainted) {
        return None;
    }
    Some(Window {
        lens: groups.iter().map(|g| g.digits.len()).collect(),
        joins: &segment.joins[from..from + n - 1],
        digits: groups
            .iter()
            .flat_map(|g| g.digits.iter().copied())
            .collect(),
    })
}

fn scan_numbers(
    chars: &[char],
    hits: &mut Vec<(usize, Identifier)>,
    suspicions: &mut Vec<(usize, Suspicion)>,
) {
    for segment in segments(chars) {
        if segment.plus_prefixed
            && let Some(first) = segment.groups.first()
            && international_phone(&segment)
        {
            hits.push((first.start, Identifier::Phone));
        }
        for from in 0..segment.groups.len() {
            let at = segment.groups[from].start;
            if let Some(found) = identifier_at(&segment, from) {
                hits.push((at, found));
            } else if mistyped_norwegian_id_at(&segment, from) {
                suspicions.push((at, Suspicion::PossibleNationalId));
            }
        }
    }
}

/// The identifier, if any, that starts at group `from` of a segment. Shapes are tried from the
/// longest, so "12 34 56 78" is one phone number and not something shorter.
fn identifier_at(segment: &Segment, from: usize) -> Option<Identifier> {
    // Inside a space-grouped amount ("12 034 567 890") a group that starts with 0 is not an
    // area code, so after a space-joined group only the dashed form ("sag 3 070-123 45 67") is
    // read as a Swedish number. Thousands groups have three digits, never "0045…".
    let after_space = from > 0 && segment.joins[from - 1] == Join::Space;
    if nordic_00_phone(segment, from) || swedish_national_phone(segment, from, after_space) {
        return Some(Identifier::Phone);
    }
    if let Some(w) = window(segment, from, 4)
        && w.lens == [2, 2, 2, 2]
        && (all(w.joins, Join::Space) || all(w.joins, Join::Dash))
    {
        return Some(Identifier::Phone);
    }
    if let Some(w) = window(segment, from, 3)
        && w.lens == [3, 2, 3]
        && all(w.joins, Join::Space)
    {
        // Norwegian grouping "123 45 678".
        return Some(Identifier::Phone);
    }
    if let Some(w) = window(segment, from, 2) {
        let join = w.joins[0];
        match w.lens.as_slice() {
            [6, 4] => return ten_digits(&w.digits, Some(join)),
            [6, 5] if join != Join::Plus => {
                return is_norwegian_id(&w.digits).then_some(Identifier::NorwegianNationalId);
            }
            [8, 4] if join != Join::Space => {
                return is_swedish_long(&w.digits).then_some(Identifier::SwedishPersonalNumber);
            }
            [4, 4] if join == Join::Space && !looks_like_two_years(&w.digits) => {
                // Danish "1234 5678".
                return Some(Identifier::Phone);
            }
            _ => {}
        }
    }
    let w = window(segment, from, 1)?;
    match w.digits.len() {
        // A bare run of exactly eight digits is how Danish and Norwegian numbers are
        // most often written, unless it is a date written YYYYMMDD ("20240312").
        8 if is_compact_date(&w.digits) => None,
        8 => Some(Identifier::Phone),
        10 => ten_digits(&w.digits, None),
        11 => is_norwegian_id(&w.digits).then_some(Identifier::NorwegianNationalId),
        12 => is_swedish_long(&w.digits).then_some(Identifier::SwedishPersonalNumber),
        _ => None,
    }
}

/// Eleven digits, bare or written 6 + 5 with a space or a dash, whose first six are a date as a
/// fødselsnummer or d-nummer has them, but whose control digits fail: a mistyped number still
/// points at a child, so the submitter must confirm it is none.
fn mistyped_norwegian_id_at(segment: &Segment, from: usize) -> bool {
    let digits = if let Some(w) = window(segment, from, 2)
        && w.lens == [6, 5]
        && w.joins[0] != Join::Plus
    {
        w.digits
    } else if let Some(w) = window(segment, from, 1)
        && w.lens == [11]
    {
        w.digits
    } else {
        return false;
    };
    norwegian_date_ok(&digits) && !is_norwegian_id(&digits)
}

fn all(joins: &[Join], kind: Join) -> bool {
    joins.iter().all(|&j| j == kind)
}

fn number(digits: &[u8]) -> u32 {
    digits.iter().fold(0, |n, &d| n * 10 + u32::from(d))
}

/// "2019 2021" is a pair of years, not a phone number.
fn looks_like_two_years(digits: &[u8]) -> bool {
    let years = 1900..=2099;
    years.contains(&number(&digits[..4])) && years.contains(&number(&digits[4..]))
}

/// Ten digits, bare (`join` is None) or split 6 + 4. A Danish CPR number is tried first: in a
/// Danish/Norwegian platform it is the likelier reading, and either way the text is blocked.
/// Swedish numbers use `-` or `+` (never a space) before the last four digits.
fn ten_digits(digits: &[u8], join: Option<Join>) -> Option<Identifier> {
    if join != Some(Join::Plus) && is_cpr(digits) {
        return Some(Identifier::DanishCpr);
    }
    if join != Some(Join::Space) && is_swedish_short(digits) {
        return Some(Identifier::SwedishPersonalNumber);
    }
    if join.is_none() && digits.starts_with(&[0, 7]) {
        // A Swedish mobile number written without spaces, "0731234567".
        return Some(Identifier::Phone);
    }
    None
}

// ---------------------------------------------------------------------------------------------
// National id numbers
// ---------------------------------------------------------------------------------------------

fn days_in_month(month: u32, leap: bool) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => 0,
    }
}

fn is_date(day: u32, month: u32, leap: bool) -> bool {
    day >= 1 && day <= days_in_month(month, leap)
}

/// With a two-digit year the century is unknown; 00 may be 2000 (a leap year), so every year
/// divisible by four allows 29 February.
fn two_digit_leap(yy: u32) -> bool {
    yy.is_multiple_of(4)
}

fn gregorian_leap(year: u32) -> bool {
    (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400)
}

/// Danish CPR number DDMMYYSSSS: the first six digits are a date. The 7th digit together with YY
/// gives the century, but every combination occurs, so any YY is accepted. No modulus-11 check:
/// since October 2007 numbers are issued that fail it (CPR-kontoret; see da.wikipedia.org/wiki/
/// CPR-nummer).
fn is_cpr(d: &[u8]) -> bool {
    d.len() == 10
        && is_date(
            number(&d[0..2]),
            number(&d[2..4]),
            two_digit_leap(number(&d[4..6])),
        )
}

/// Weights of the Norwegian control digits K1 (over digits 1–9) and K2 (over digits 1–10).
const NO_K1_WEIGHTS: [u32; 9] = [3, 7, 6, 1, 8, 9, 4, 5, 2];
const NO_K2_WEIGHTS: [u32; 10] = [5, 4, 3, 2, 7, 6, 5, 4, 3, 2];

fn weighted_sum(digits: &[u8], weights: &[u32]) -> u32 {
    digits
        .iter()
        .zip(weights)
        .map(|(&d, &w)| u32::from(d) * w)
        .sum()
}

/// Norwegian fødselsnummer or d-nummer DDMMYYIIIKK.
///
/// Date: DD is the day, or day + 40 for a d-nummer; MM is the month, or month + 40 for an
/// h-nummer (health-service help number), or month + 80 for the synthetic test numbers of
/// Skatteetaten's Test-Norge / TestID. Any YY.
///
/// Control digits, the rule from 1 January 2032 (Skatteetaten, "Nye fødselsnummer og d-nummer
/// fra 2032", skatteetaten.no/deling/opplysninger/folkeregisteropplysninger/pid/, and the
/// reference code at skatteetaten.github.io/folkeregisteret-api-dokumentasjon/
/// nytt-fodselsnummer-fra-2032/):
/// - K1: (3·d1 + 7·d2 + 6·d3 + 1·d4 + 8·d5 + 9·d6 + 4·d7 + 5·d8 + 2·d9 + K1) mod 11 must be
///   0, 1, 2 or 3. Numbers issued before 2032 always have remainder 0 (K1 = 11 − sum mod 11),
///   so this one test accepts both the old and the new series, as Skatteetaten asks systems to.
/// - K2 is unchanged: (5·d1 + 4·d2 + 3·d3 + 2·d4 + 7·d5 + 6·d6 + 5·d7 + 4·d8 + 3·d9 + 2·K1 + K2)
///   mod 11 must be 0.
///
/// The individual number no longer encodes sex from 2032; nothing here reads it.
fn is_norwegian_id(d: &[u8]) -> bool {
    if d.len() != 11 || !norwegian_date_ok(d) {
        return false;
    }
    let k1 = u32::from(d[9]);
    let k2 = u32::from(d[10]);
    let k1_ok = (weighted_sum(&d[..9], &NO_K1_WEIGHTS) + k1) % 11 <= 3;
    let k2_ok = (weighted_sum(&d[..10], &NO_K2_WEIGHTS) + k2).is_multiple_of(11);
    k1_ok && k2_ok
}

/// The first six digits of a fødselsnummer, d-nummer, h-nummer or synthetic test number are a
/// date (see `is_norwegian_id`).
fn norwegian_date_ok(d: &[u8]) -> bool {
    if d.len() < 6 {
        return false;
    }
    let day = match number(&d[0..2]) {
        dd @ 41..=71 => dd - 40,
        dd => dd,
    };
    let month = match number(&d[2..4]) {
        mm @ 41..=52 => mm - 40,
        mm @ 81..=92 => mm - 80,
        mm => mm,
    };
    is_date(day, month, two_digit_leap(number(&d[4..6])))
}

/// Eight digits that are a calendar date YYYYMMDD between 1900 and 2099, as dates are written
/// in file and journal references. DDMMYYYY is left a phone number: "31122024" is also a valid
/// Danish mobile number, and the guard errs on the side of the child.
fn is_compact_date(d: &[u8]) -> bool {
    if d.len() != 8 {
        return false;
    }
    let year = number(&d[0..4]);
    (1900..=2099).contains(&year)
        && is_date(number(&d[6..8]), number(&d[4..6]), gregorian_leap(year))
}

/// Luhn (mod 10) over the ten-digit form YYMMDDNNNC, weights 2, 1, 2, 1, … from the left.
fn luhn_ok(d: &[u8]) -> bool {
    let sum: u32 = d
        .iter()
        .enumerate()
        .map(|(i, &digit)| {
            let product = u32::from(digit) * if i % 2 == 0 { 2 } else { 1 };
            if product > 9 { product - 9 } else { product }
        })
        .sum();
    sum.is_multiple_of(10)
}

/// The Swedish day field: the day, or day + 60 for a samordningsnummer.
fn swedish_day(dd: u32) -> u32 {
    if dd > 60 { dd - 60 } else { dd }
}

/// Swedish personnummer or samordningsnummer, ten digits YYMMDDNNNC.
fn is_swedish_short(d: &[u8]) -> bool {
    d.len() == 10
        && is_date(
            swedish_day(number(&d[4..6])),
            number(&d[2..4]),
            two_digit_leap(number(&d[0..2])),
        )
        && luhn_ok(d)
}

/// Swedish personnummer or samordningsnummer, twelve digits YYYYMMDDNNNC; the Luhn digit is
/// computed over the last ten.
fn is_swedish_long(d: &[u8]) -> bool {
    d.len() == 12
        && is_date(
            swedish_day(number(&d[6..8])),
            number(&d[4..6]),
            gregorian_leap(number(&d[0..4])),
        )
        && luhn_ok(&d[2..])
}

// ---------------------------------------------------------------------------------------------
// Phone numbers beyond the national shapes in `identifier_at`
// ---------------------------------------------------------------------------------------------

/// Digits of the untainted groups from `from` to the end of the segment, stopping at a tainted
/// group or a `+` join.
fn run_digits(segment: &Segment, from: usize) -> usize {
    let mut total = 0;
    for (i, group) in segment.groups.iter().enumerate().skip(from) {
        if group.tainted || (i > from && segment.joins[i - 1] == Join::Plus) {
            break;
        }
        total += group.digits.len();
    }
    total
}

/// "+45 12 34 56 78", "+4791234567", "+46 70 123 45 67", "+44 20 7946 0958": a `+` that is not
/// arithmetic, followed by 8 to 15 digits (E.164 allows at most 15).
fn international_phone(segment: &Segment) -> bool {
    (8..=15).contains(&run_digits(segment, 0))
}

/// "0045 12 34 56 78", "0047 12345678", "0046 70 123 45 67": the Nordic country codes after the
/// "00" international prefix, then a national number of 7 to 11 digits.
fn nordic_00_phone(segment: &Segment, from: usize) -> bool {
    let Some(first) = segment.groups.get(from) else {
        return false;
    };
    let nordic = [[0, 0, 4, 5], [0, 0, 4, 6], [0, 0, 4, 7]]
        .iter()
        .any(|prefix| first.digits.starts_with(prefix));
    nordic && !first.tainted && (11..=15).contains(&run_digits(segment, from))
}

/// Swedish national format: an area code with its trunk 0 ("08", "031", "070", "0480"), a dash
/// or space, then the subscriber number, either in one group of 5–8 digits ("08-1234567") or in
/// groups of two or three ("08-123 456 78", "070-123 45 67"); 8 to 10 digits in all. Requiring
/// five subscriber digits keeps "0800-1600" out, and the group sizes keep a date like
/// "01 02 2024" out. `needs_dash`: the area code must be followed by a dash.
fn swedish_national_phone(segment: &Segment, from: usize, needs_dash: bool) -> bool {
    let Some(area) = segment.groups.get(from) else {
        return false;
    };
    let a = &area.digits;
    if area.tainted || !(2..=4).contains(&a.len()) || a[0] != 0 || a[1] == 0 {
        return false;
    }
    if needs_dash && segment.joins.get(from) != Some(&Join::Dash) {
        return false;
    }
    let mut subscriber = 0;
    for i in from + 1..segment.groups.len() {
        let group = &segment.groups[i];
        let join = segment.joins[i - 1];
        let first = i == from + 1;
        let join_ok = join == Join::Space || (join == Join::Dash && first);
        let len = group.digits.len();
        let fits = (2..=3).contains(&len) || (first && (5..=8).contains(&len));
        if group.tainted || !join_ok || !fits {
            break;
        }
        subscriber += len;
        let total = a.len() + subscriber;
        if subscriber >= 5 && (8..=10).contains(&total) {
            return true;
        }
        if total > 10 || len > 3 {
            // Nothing follows a subscriber number written in one piece.
            break;
        }
    }
    false
}

// ---------------------------------------------------------------------------------------------
// E-mail addresses
// ---------------------------------------------------------------------------------------------

fn is_local_part_char(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '.' | '_' | '%' | '+' | '-' | '\'')
}

fn is_domain_char(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '.' | '-')
}

/// The length of an at sign at `i`: `@`, the full-width `＠`, or the common disguises "(at)" and
/// "[at]".
fn at_sign(chars: &[char], i: usize) -> Option<usize> {
    match chars[i] {
        '@' | '\u{ff20}' => Some(1),
        '(' | '[' => {
            let close = if chars[i] == '(' { ')' } else { ']' };
            let rest = chars.get(i + 1..i + 4)?;
            (rest[0].eq_ignore_ascii_case(&'a')
                && rest[1].eq_ignore_ascii_case(&'t')
                && rest[2] == close)
                .then_some(4)
        }
        _ => None,
    }
}

/// Something like local@domain.tld: a non-empty local part, and a domain of at least two
/// non-empty labels whose last is at least two letters.
fn scan_emails(chars: &[char], hits: &mut Vec<(usize, Identifier)>) {
    for i in 0..chars.len() {
        let Some(len) = at_sign(chars, i) else {
            continue;
        };
        let disguised = len > 1;
        // "navn (at) kommune.dk": one space on either side of a disguised at sign.
        let mut local_end = i;
        if disguised && local_end > 0 && is_hspace(chars[local_end - 1]) {
            local_end -= 1;
        }
        let mut local_start = local_end;
        while local_start > 0 && is_local_part_char(chars[local_start - 1]) {
            local_start -= 1;
        }
        let local = &chars[local_start..local_end];
        if !local.iter().any(|c| c.is_alphanumeric()) {
            continue;
        }

        let mut domain_start = i + len;
        if disguised && chars.get(domain_start).is_some_and(|&c| is_hspace(c)) {
            domain_start += 1;
        }
        let mut domain_end = domain_start;
        while domain_end < chars.len() && is_domain_char(chars[domain_end]) {
            domain_end += 1;
        }
        // A sentence may end right after the address.
        while domain_end > domain_start && matches!(chars[domain_end - 1], '.' | '-') {
            domain_end -= 1;
        }
        if is_domain(&chars[domain_start..domain_end]) {
            hits.push((local_start, Identifier::Email));
        }
    }
}

fn is_domain(domain: &[char]) -> bool {
    let labels: Vec<&[char]> = domain.split(|&c| c == '.').collect();
    let Some(tld) = labels.last() else {
        return false;
    };
    labels.len() >= 2
        && labels.iter().all(|label| !label.is_empty())
        && tld.len() >= 2
        && tld.iter().all(|c| c.is_alphabetic())
}

// ---------------------------------------------------------------------------------------------
// Words, names and addresses
// ---------------------------------------------------------------------------------------------

struct Word {
    /// Char index of the first letter.
    start: usize,
    /// Char index just past the last letter.
    end: usize,
    lower: String,
    /// An upper-case letter followed by at least one lower-case one: "Mette", "Anne-Marie", not
    /// "NAV" or the pronoun "I".
    capitalised: bool,
    /// Nothing but opening punctuation between the start of the sentence (or line) and this word.
    sentence_start: bool,
    /// Only horizontal space between this word and the next.
    joined_to_next: bool,
}

fn is_word_char(c: char) -> bool {
    c.is_alphabetic()
}

/// Letters, with single inner hyphens and apostrophes ("Anne-Marie", "Ole's") kept inside.
fn words(chars: &[char]) -> Vec<Word> {
    let mut words: Vec<Word> = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if !is_word_char(chars[i]) {
            i += 1;
            continue;
        }
        let start = i;
        while i < chars.len() {
            if is_word_char(chars[i]) {
                i += 1;
            } else if matches!(chars[i], '-' | '\'' | '\u{2019}')
                && chars.get(i + 1).is_some_and(|&c| is_word_char(c))
            {
                i += 2;
            } else {
                break;
            }
        }
        let end = i;
        let text = &chars[start..end];
        let capitalised = text[0].is_uppercase() && text[1..].iter().any(|c| c.is_lowercase());
        if let Some(previous) = words.last_mut() {
            let gap = &chars[previous.end..start];
            previous.joined_to_next = !gap.is_empty() && gap.iter().all(|&c| is_hspace(c));
        }
        words.push(Word {
            start,
            end,
            lower: text.iter().flat_map(|c| c.to_lowercase()).collect(),
            capitalised,
            sentence_start: at_sentence_start(chars, start),
            joined_to_next: false,
        });
    }
    words
}

fn at_sentence_start(chars: &[char], start: usize) -> bool {
    let mut i = start;
    while i > 0 {
        let c = chars[i - 1];
        if c == '\n' || c == '\r' || matches!(c, '.' | '!' | '?' | ':' | ';') {
            return true;
        }
        let skippable = is_hspace(c)
            || is_dash(c)
            || matches!(
                c,
                '"' | '\''
                    | '«'
                    | '»'
                    | '“'
                    | '”'
                    | '„'
                    | '‘'
                    | '('
                    | '['
                    | '—'
                    | '•'
                    | '*'
                    | '>'
            );
        if !skippable {
            return false;
        }
        i -= 1;
    }
    true
}

/// Common Danish, Norwegian and Swedish first names, lower case. Deliberately small: a hit only
/// asks the user to confirm, and names that are also everyday words are left out ("liv", "sol",
/// "storm") or only count before another capitalised word.
#[rustfmt::skip]
const FIRST_NAMES: &[&str] = &[
    // girls and women
    "agnes", "alberte", "alma", "amalie", "anna", "anne", "astrid", "birgitte", "camilla",
    "caroline", "cecilie", "clara", "ebba", "ella", "ellen", "elsa", "emilie", "emma", "eva",
    "freja", "frida", "hanna", "hanne", "hedda", "helle", "ida", "inger", "ingrid", "josefine",
    "julie", "karen", "kari", "karin", "karla", "kirsten", "klara", "kristine", "laura", "lea",
    "lærke", "lene", "linnea", "lise", "maja", "malin", "maria", "marie", "marte", "mathilde",
    "mette", "mia", "nanna", "nora", "olivia", "ragnhild", "randi", "saga", "sara", "selma",
    "signe", "sigrid", "silje", "siri", "sofia", "sofie", "solveig", "stine", "susanne", "thea",
    "tove", "tuva", "vilde", "wilma",
    // boys and men
    "adam", "alexander", "alfred", "anders", "anton", "arne", "aksel", "axel", "benjamin", "bjørn",
    "carl", "christian", "daniel", "eirik", "elias", "emil", "erik", "filip", "frederik", "gustav",
    "hans", "henrik", "hugo", "håkon", "isak", "jakob", "jens", "johan", "jonas", "karl", "kasper",
    "knut", "kristian", "lars", "leon", "liam", "lucas", "ludvig", "lukas", "magnus", "malthe",
    "martin", "mathias", "mads", "mikkel", "morten", "niels", "nils", "noah", "ola", "olav", "ole",
    "oliver", "oscar", "oskar", "peter", "rasmus", "sander", "sebastian", "sigurd", "simon",
    "sven", "svend", "søren", "theo", "thomas", "tobias", "victor", "viggo", "viktor", "william",
];

fn is_first_name(word: &Word) -> bool {
    word.lower
        .split(['-', '\'', '\u{2019}'])
        .any(|part| FIRST_NAMES.contains(&part))
}

/// "Hansen", "Pedersøn", "Eriksson": the patronymic surnames of the region. "Person" and its
/// compounds end in -son but are not names.
fn is_patronymic(word: &Word) -> bool {
    let w = &word.lower;
    (w.ends_with("sen") || w.ends_with("søn") || w.ends_with("son"))
        && w.chars().count() >= 5
        && !w.ends_with("person")
}

/// Runs of consecutive capitalised words that look like a person's name:
/// - a listed first name followed by another capitalised word ("Mette Hansen"), anywhere;
/// - a run that does not begin a sentence and contains a listed first name ("hos Hansen Mette");
/// - a patronymic surname after another capitalised word ("Familien Jensen").
fn scan_names(words: &[Word], hits: &mut Vec<(usize, Suspicion)>) {
    let mut i = 0;
    while i < words.len() {
        if !words[i].capitalised {
            i += 1;
            continue;
        }
        let mut j = i;
        while j + 1 < words.len() && words[j].joined_to_next && words[j + 1].capitalised {
            j += 1;
        }
        let run = &words[i..=j];
        if run.len() >= 2 {
            let name_then_capital = run[..run.len() - 1].iter().any(is_first_name);
            let name_mid_sentence = !run[0].sentence_start && run.iter().any(is_first_name);
            let surname = run[1..].iter().any(is_patronymic);
            if name_then_capital || name_mid_sentence || surname {
                hits.push((run[0].start, Suspicion::PersonalName));
            }
        }
        i = j + 1;
    }
}

/// Endings of street names written as one word: "Nørrebrogade", "Storgata", "Kungsvägen".
#[rustfmt::skip]
const STREET_SUFFIXES: &[&str] = &[
    "vej", "vejen", "gade", "gaden", "allé", "alle", "vei", "veien", "gata", "gatan", "väg",
    "vägen", "stræde", "plads", "pladsen", "plass", "plassen", "torv", "torvet", "torg", "torget",
    "gate", "gaten", "stien", "vænge", "boulevard",
];

/// Street words written apart after a capitalised word: "Kongens gate", "Karl Johans gate",
/// "Frederiksberg Allé", "H.C. Andersens Boulevard".
#[rustfmt::skip]
const STREET_WORDS: &[&str] = &[
    "gate", "gata", "gatan", "vei", "veien", "vej", "vejen", "gade", "gaden", "allé", "alle",
    "väg", "vägen", "plads", "plass", "torv", "torg", "stræde", "sti", "stien", "boulevard",
];

/// A compound ending in a street suffix, longer than the suffix itself ("Vejen", "Alle" and
/// "Gate" on their own are ordinary words).
fn is_street_compound(word: &Word) -> bool {
    let len = word.lower.chars().count();
    STREET_SUFFIXES
        .iter()
        .any(|s| word.lower.ends_with(s) && len > s.chars().count())
}

fn is_street_word(word: &Word) -> bool {
    if !STREET_WORDS.contains(&word.lower.as_str()) {
        return false;
    }
    // "alle" is also "all" ("Børnene alle 3 …"); as a street it is written "Allé"/"Alle".
    !matches!(word.lower.as_str(), "alle" | "allé") || word.capitalised
}

/// A capitalised street name followed by a house number: "Nørrebrogade 12", "Storgata 5B",
/// "Kongens gate 3".
fn scan_addresses(chars: &[char], words: &[Word], hits: &mut Vec<(usize, Suspicion)>) {
    for (k, word) in words.iter().enumerate() {
        if !word.capitalised {
            continue;
        }
        let street_end = if is_street_compound(word) {
            Some(word.end)
        } else {
            words
                .get(k + 1)
                .filter(|next| word.joined_to_next && is_street_word(next))
                .map(|next| next.end)
        };
        if street_end.is_some_and(|end| house_number_follows(chars, end)) {
            hits.push((word.start, Suspicion::StreetAddress));
        }
    }
}

/// Space, one to four digits, at most one letter ("5B"), and then no `.`, `,` or `:` followed by
/// a digit (that would be a date, a decimal or a time).
fn house_number_follows(chars: &[char], end: usize) -> bool {
    let mut i = end;
    while i < chars.len() && is_hspace(chars[i]) {
        i += 1;
    }
    if i == end {
        return false;
    }
    let digits_start = i;
    while i < chars.len() && chars[i].is_ascii_digit() {
        i += 1;
    }
    if !(1..=4).contains(&(i - digits_start)) {
        return false;
    }
    if i < chars.len() && chars[i].is_alphabetic() {
        if chars.get(i + 1).is_some_and(|c| c.is_alphabetic()) {
            // "12kr", "3dje": a number glued to a word.
            return false;
        }
        i += 1;
    }
    let followed_by_fraction = chars.get(i).is_some_and(|c| matches!(c, '.' | ',' | ':'))
        && chars.get(i + 1).is_some_and(|c| c.is_ascii_digit());
    !followed_by_fraction
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    // ---- helpers that build valid-shaped numbers (no real person's number is written here) --

    fn digits(s: &str) -> Vec<u8> {
        s.bytes().map(|b| b - b'0').collect()
    }

    fn to_string(d: &[u8]) -> String {
        d.iter().map(|d| char::from(b'0' + d)).collect()
    }

    /// A Norwegian number from its first nine digits under the pre-2032 rule (K1 remainder 0),
    /// or None when a control digit would be 10 (such individual numbers are never issued).
    fn no_id(first9: &str) -> Option<String> {
        no_id_with_remainder(first9, 0)
    }

    /// The same with K1 chosen so that (sum + K1) mod 11 == `remainder` (0–3 from 2032).
    fn no_id_with_remainder(first9: &str, remainder: u32) -> Option<String> {
        let mut d = digits(first9);
        assert_eq!(d.len(), 9);
        let s1 = weighted_sum(&d, &NO_K1_WEIGHTS) % 11;
        let k1 = (remainder + 11 - s1) % 11;
        if k1 > 9 {
            return None;
        }
        d.push(k1 as u8);
        let s2 = weighted_sum(&d, &NO_K2_WEIGHTS) % 11;
        let k2 = (11 - s2) % 11;
        if k2 > 9 {
            return None;
        }
        d.push(k2 as u8);
        Some(to_string(&d))
    }

    /// The first nine digits plus their Luhn digit.
    fn luhn(first9: &str) -> String {
        let mut d = digits(first9);
        for check in 0..10 {
            d.push(check);
            if luhn_ok(&d) {
                return to_string(&d);
            }
            d.pop();
        }
        unreachable!("one of ten digits always completes a Luhn sum")
    }

    #[test]
    fn helpers_agree_with_published_examples() {
        // The worked example of fnrinfo.no ("Beregning av kontrollsiffer"): 311299567 → 15.
        assert_eq!(no_id("311299567").as_deref(), Some("31129956715"));
        // Skatteverket's well-known test person Tolvan Tolvansson, 19121212-1212.
        assert_eq!(luhn("121212121"), "1212121212");
        assert!(is_swedish_long(&digits("191212121212")));
    }

    fn identifiers(text: &str) -> Vec<Identifier> {
        check_text(text).identifiers
    }

    // ---- blocked ----------------------------------------------------------------------------

    #[test]
    fn danish_cpr_numbers_are_blocked() {
        // Future birth years (7th digit 5–8 with YY 00–57 means 20YY), so no one has them yet.
        let valid = [
            "150345-6789",
            "1503456789",
            "150345 6789",
            "150345 - 6789",
            "290248-5001", // 29 February in a year divisible by four
            "310155-7123",
            "CPR: 010150-5555.",
            "Barnets cpr er 311249-8000, se journal",
        ];
        for text in valid {
            assert_eq!(identifiers(text), [Identifier::DanishCpr], "{text}");
        }
        let invalid = [
            "321399-1234",  // day 32
            "311199-1234",  // 31 November
            "290245-5001",  // 29 February in a common year
            "001399-1234",  // day 0, month 13
            "15034-56789",  // wrong grouping
            "150345-67890", // eleven digits that are no Norwegian number either
            "150345.6789",  // a decimal
            "A150345-6789", // glued to a code
        ];
        for text in invalid {
            assert!(
                !identifiers(text).contains(&Identifier::DanishCpr),
                "{text}"
            );
        }
    }

    #[test]
    fn norwegian_national_ids_are_blocked() {
        // (first nine digits, complete number): born 2036–2039 (individual numbers 500–999 with
        // YY 00–39 are 20YY), so not issued yet. The control digits were computed independently
        // of the helper and are checked against it.
        let valid = [
            ("010136512", "01013651260"),
            ("150637777", "15063777711"),
            ("311239555", "31123955539"),
            ("050538600", "05053860054"),
            ("290236902", "29023690290"), // 29 February 2036
            ("410136512", "41013651254"), // d-nummer: day + 40
            ("154637778", "15463777885"), // h-nummer: month + 40
            ("018136512", "01813651226"), // synthetic Test-Norge number: month + 80
        ];
        for (first9, number) in valid {
            assert_eq!(no_id(first9).as_deref(), Some(number));
            assert_eq!(
                identifiers(number),
                [Identifier::NorwegianNationalId],
                "{number}"
            );
            let spaced = format!("fnr {} {}", &number[..6], &number[6..]);
            assert_eq!(
                identifiers(&spaced),
                [Identifier::NorwegianNationalId],
                "{spaced}"
            );
        }

        // From 2032 (sum + K1) mod 11 may be 1, 2 or 3 as well as 0.
        let new_series = [
            ("010136512", 1, "01013651279"),
            ("010136512", 2, "01013651287"),
            ("010136512", 3, "01013651295"),
            ("150637777", 2, "15063777738"),
            ("410136512", 3, "41013651289"),
        ];
        for (first9, remainder, number) in new_series {
            assert_eq!(
                no_id_with_remainder(first9, remainder).as_deref(),
                Some(number)
            );
            assert_eq!(
                identifiers(number),
                [Identifier::NorwegianNationalId],
                "{number}"
            );
        }
        let valid: Vec<&str> = valid
            .iter()
            .map(|(_, n)| *n)
            .chain(new_series.iter().map(|(_, _, n)| *n))
            .collect();

        // Remainder 4 and up, invalid dates (with otherwise correct control digits) and a wrong
        // K2 are not fødselsnumre.
        let mut invalid: Vec<String> = [
            "01013651201", // remainder 5
            "01013651228", // remainder 7
            "01013651252", // remainder 10
            "32133651240", // day 32
            "01133651299", // month 13
            "29023751206", // 29 February 2037
        ]
        .map(str::to_owned)
        .to_vec();
        for number in valid {
            let mut d = digits(number);
            d[10] = (d[10] + 1) % 10;
            invalid.push(to_string(&d));
        }
        for number in &invalid {
            assert!(
                !identifiers(number).contains(&Identifier::NorwegianNationalId),
                "{number}"
            );
        }
    }

    #[test]
    fn swedish_personal_numbers_are_blocked() {
        // Year 2045 (twelve-digit form) or YY 45 (day 45 is no Danish date, so CPR does not
        // claim them first). Luhn digits computed independently and checked against the helper.
        assert_eq!(luhn("450312123"), "4503121230");
        assert_eq!(luhn("450372456"), "4503724561");
        let valid = [
            "450312-1230",
            "450312+1230",
            "20450312-1230",
            "204503121230",
            "4503121230",
            "450372-4561", // samordningsnummer: day 12 + 60
            "Tolvan har 19121212-1212",
        ];
        for text in valid {
            assert_eq!(
                identifiers(text),
                [Identifier::SwedishPersonalNumber],
                "{text}"
            );
        }
        let invalid = [
            "450312-1231",   // wrong Luhn digit
            "204503121231",  // wrong Luhn digit
            "451312-1238",   // month 13
            "204502301239",  // 30 February
            "450312 1230",   // Swedish numbers are not written with a space
            "20450312 1230", // nor in the long form
        ];
        for text in invalid {
            assert!(
                !identifiers(text).contains(&Identifier::SwedishPersonalNumber),
                "{text}"
            );
        }
    }

    #[test]
    fn a_ten_digit_number_that_is_both_is_reported_once_as_cpr() {
        // 121212-1212 is a Danish date and a valid Swedish number: blocked either way.
        assert_eq!(identifiers("121212-1212"), [Identifier::DanishCpr]);
    }

    #[test]
    fn email_addresses_are_blocked() {
        let valid = [
            "skriv til mette.hansen@kommune.dk",
            "ole+sag@example.no.",
            "Kontakt: søren_ø@børn.dk, tak",
            "navn (at) kommune.dk",
            "navn[at]example.se",
            "A@B.CO",
        ];
        for text in valid {
            assert_eq!(identifiers(text), [Identifier::Email], "{text}");
        }
        let invalid = [
            "@Mette sagde ja",
            "mødet @ 10",
            "navn@localhost",
            "navn@example.d",
            "x@.dk",
            "fx (at) mødet",
        ];
        for text in invalid {
            assert!(identifiers(text).is_empty(), "{text}");
        }
    }

    #[test]
    fn phone_numbers_are_blocked() {
        let valid = [
            // Danish
            "12345678",
            "ring 23 45 67 89",
            "tlf. 2345 6789",
            "+45 23 45 67 89",
            "+4523456789",
            "0045 23456789",
            "(+45) 2345 6789",
            "23-45-67-89",
            // Norwegian
            "+47 912 34 567",
            "912 34 567",
            "0047 91234567",
            "mobil: 91234567.",
            // Swedish
            "070-123 45 67",
            "070 123 45 67",
            "08-123 456 78",
            "08-12 34 56",
            "031-123 45 67",
            "0480-123 45",
            "070-1234567",
            "0731234567",
            "+46 70 123 45 67",
            "+46 (0)70 123 45 67",
            "+46(0)8 123 456 78",
            "+46701234567",
            "0046 70 123 45 67",
            // elsewhere
            "+44 20 7946 0958",
        ];
        for text in valid {
            assert_eq!(identifiers(text), [Identifier::Phone], "{text}");
        }
    }

    #[test]
    fn several_findings_are_listed_once_in_text_order() {
        let text = "Mor (a@b.dk, 23 45 67 89) og far (c@d.dk) – 150345-6789";
        assert_eq!(
            identifiers(text),
            [Identifier::Email, Identifier::Phone, Identifier::DanishCpr]
        );
    }

    // ---- ordinary text ----------------------------------------------------------------------

    #[test]
    fn ordinary_text_is_not_flagged() {
        let texts = [
            // Danish
            "Familien skylder kr. 1.234.567 i alt.",
            "Gælden er på 1 234 567 kr. og stiger.",
            "I perioden 2019-2021 var drengen anbragt uden for hjemmet.",
            "Mødet er den 12.03.2024 kl. 10.30 på skolen.",
            "Næste møde er 12/3-2024 fra 13:00-15:00.",
            "Handleplanen blev revideret 2024-03-12.",
            "Familien bor i 2200 København N.",
            "Diagnoserne er F32.1 og tidligere F90.0.",
            "Se sag 3, slot 12 og #4 i oversigten.",
            "Fremmødet var 85 % og 12,5% havde fravær.",
            "Drengen er 14 år og har 3 søskende.",
            "Datoen 120324 står i journalen.",
            "Kommunen har bevilget 2 500 000 kr til indsatsen i 2019 2020.",
            "Aarhus Kommune og Børne- og Ungdomsforvaltningen deltog, også BUF og PPR.",
            "Alle 3 børn er anbragt. Børnene alle 3 trives.",
            "Mette var glad for mødet.",
            "Hun er 12 år, han er 34, de har 56 venner og 78 kr.",
            "Mødet varede fra 08.00 til 16.00 eller kl 0800-1600.",
            // Norwegian
            "Barnet har bodd i fosterhjem i 2 år og 4 måneder.",
            "Familien mottar NOK 12 500 i måneden og skylder 12 345 678 kroner.",
            "Skolen ligger i 0150 Oslo.",
            "Møtet er 12.03.2024 kl. 10.30, og neste 2024-04-09.",
            "Oslo kommune og barnevernstjenesten har hatt 3 møter i 2023.",
            "Tiltaket koster 1 234 567 kr per år, en økning på 3,5 %.",
            "Saken gjelder perioden 2019–2021, jf. sak 17.",
        ];
        for text in texts {
            assert_eq!(check_text(text), TextCheck::default(), "{text}");
        }
        // A CPR-shaped run with an impossible date is not a CPR number.
        assert!(identifiers("Journalnummer 321399-1234").is_empty());
    }

    // ---- suspicions -------------------------------------------------------------------------

    #[test]
    fn names_are_suspicious() {
        let texts = [
            "Vi talte med Mette Hansen i går.",
            "Mor (Anne Larsen) var til stede.",
            "Mette Hansen deltog.",
            "Kontaktpersonen er Ole-Kristian Berg.",
            "Vi har talt med familien og Jakob Holm.",
            "Familien Jensen er flyttet.",
            "Läraren heter Sven Olsson.",
        ];
        for text in texts {
            let check = check_text(text);
            assert_eq!(check.suspicions, [Suspicion::PersonalName], "{text}");
            assert!(check.identifiers.is_empty(), "{text}");
        }
        let not_names = [
            "Oliver går i 3. klasse.",
            "Drengen spiller fodbold med Oliver.",
            "Kontaktpersonen deltog.",
            "Møde Med Kommunen",
        ];
        for text in not_names {
            assert!(check_text(text).suspicions.is_empty(), "{text}");
        }
    }

    #[test]
    fn street_addresses_are_suspicious() {
        let texts = [
            "Hun bor på Nørrebrogade 12 sammen med mor.",
            "Adressen er Storgata 5B.",
            "De bor i Kongens gate 3.",
            "Familien er flyttet til Frederiksberg Allé 40, 1820.",
            "Skolen ligger på Drottninggatan 12.",
        ];
        for text in texts {
            assert_eq!(
                check_text(text).suspicions,
                [Suspicion::StreetAddress],
                "{text}"
            );
        }
        let not_addresses = [
            "Alle 3 børn er glade.",
            "Vejen 2 gange om ugen er lang.",
            "Hun bor på nørrebrogade.",
            "Storgata er lang.",
        ];
        for text in not_addresses {
            assert!(check_text(text).suspicions.is_empty(), "{text}");
        }
    }

    // ---- check_fields -----------------------------------------------------------------------

    fn field_errors(result: crate::Result<()>) -> Vec<(String, &'static str)> {
        match result {
            Ok(()) => Vec::new(),
            Err(Error::Invalid(errors)) => errors.into_iter().map(|e| (e.field, e.code)).collect(),
            Err(other) => panic!("unexpected error {other:?}"),
        }
    }

    #[test]
    fn blocked_fields_list_each_field_and_code() {
        let result = check_fields(
            &[
                ("title", "Drøftelse af sag 3"),
                (
                    "body",
                    "Mor: 23 45 67 89, mor@example.dk. Mette Hansen deltog.",
                ),
                ("summary", "CPR 150345-6789"),
            ],
            true,
        );
        assert_eq!(
            field_errors(result),
            [
                ("body".to_owned(), "contains_phone"),
                ("body".to_owned(), "contains_email"),
                ("summary".to_owned(), "contains_cpr"),
            ]
        );
    }

    #[test]
    fn suspicions_need_confirmation() {
        let fields = [("body", "Vi talte med Mette Hansen på Nørrebrogade 12.")];
        assert_eq!(
            field_errors(check_fields(&fields, false)),
            [
                ("body".to_owned(), "possible_name"),
                ("body".to_owned(), "possible_address")
            ]
        );
        assert!(check_fields(&fields, true).is_ok());
        assert!(check_fields(&[("body", "Drengen trives.")], false).is_ok());
    }

    #[test]
    fn codes_are_stable() {
        let codes: Vec<&str> = [
            Identifier::DanishCpr,
            Identifier::NorwegianNationalId,
            Identifier::SwedishPersonalNumber,
            Identifier::Email,
            Identifier::Phone,
        ]
        .into_iter()
        .map(Identifier::code)
        .chain(
            [
                Suspicion::PersonalName,
                Suspicion::StreetAddress,
                Suspicion::PossibleNationalId,
            ]
            .map(Suspicion::code),
        )
        .collect();
        assert_eq!(
            codes,
            [
                "contains_cpr",
                "contains_national_id_no",
                "contains_personnummer",
                "contains_email",
                "contains_phone",
                "possible_name",
                "possible_address",
                "possible_national_id"
            ]
        );
        assert!(SUSPICION_CODES.iter().all(|c| is_suspicion_code(c)));
        assert!(!is_suspicion_code("contains_cpr"));
    }

    #[test]
    fn a_mistyped_national_id_is_a_suspicion_to_confirm() {
        // Each starts with a valid date but fails the control digits.
        for text in [
            "Fødselsnummer 01020312345",
            "Fnr. 010203 12345 i journalen.",
            "Fnr. 010203-12345 i journalen.",
            "D-nummer 41020312345.",
        ] {
            let check = check_text(text);
            assert!(check.identifiers.is_empty(), "{text}");
            assert_eq!(check.suspicions, [Suspicion::PossibleNationalId], "{text}");
            assert!(check_fields(&[("body", text)], false).is_err(), "{text}");
            assert!(check_fields(&[("body", text)], true).is_ok(), "{text}");
        }
        // Eleven digits that do not start with a date are neither.
        assert_eq!(check_text("Saksnummer 99999912345"), TextCheck::default());
    }

    #[test]
    fn a_compact_date_is_not_a_phone_number() {
        for text in [
            "Notat 20240312 ligger i sagen.",
            "Dato 19991231.",
            "20000229",
        ] {
            assert_eq!(check_text(text), TextCheck::default(), "{text}");
        }
        // Not a date (month 13, 29 February 2023, year 2100): still a phone number.
        for text in ["20241312", "20230229", "21000101"] {
            assert_eq!(identifiers(text), [Identifier::Phone], "{text}");
        }
    }

    // ---- properties -------------------------------------------------------------------------

    const ALL_CODES: [&str; 8] = [
        "contains_cpr",
        "contains_national_id_no",
        "contains_personnummer",
        "contains_email",
        "contains_phone",
        "possible_name",
        "possible_address",
        "possible_national_id",
    ];

    /// Text that exercises the number and word paths more often than arbitrary Unicode does.
    fn texty() -> impl Strategy<Value = String> {
        prop_oneof![
            any::<String>(),
            "[0-9 .,:/+@()\\[\\]-]{0,40}",
            "[0-9a-zA-ZæøåÆØÅé .,:/+@\n-]{0,80}",
        ]
    }

    fn an_identifier() -> impl Strategy<Value = String> {
        prop_oneof![
            Just("150345-6789".to_owned()),
            Just("23 45 67 89".to_owned()),
            Just("skriv@example.dk".to_owned()),
            Just("070-123 45 67".to_owned()),
            Just(luhn("450312123")),
            "[a-z]{1,8}@[a-z]{1,8}\\.(dk|no|se)",
            "[2-9][0-9]{7}",
        ]
    }

    proptest! {
        #[test]
        fn check_text_never_panics(text in texty()) {
            let _ = check_text(&text);
        }

        #[test]
        fn errors_never_echo_the_text(
            before in texty(),
            identifier in an_identifier(),
            after in texty(),
            confirmed in any::<bool>(),
        ) {
            let text = format!("{before} {identifier} {after}");
            let result = check_fields(&[("body", &text), ("title", &before)], confirmed);
            let Err(err) = result else {
                return Err(TestCaseError::fail("an identifier was not blocked"));
            };
            let shown = format!("{err:?} {err}");
            prop_assert!(!shown.contains(&identifier));
            let Error::Invalid(errors) = err else {
                return Err(TestCaseError::fail("not Error::Invalid"));
            };
            for error in errors {
                prop_assert!(error.field == "body" || error.field == "title");
                prop_assert!(ALL_CODES.contains(&error.code));
            }
        }
    }
}
