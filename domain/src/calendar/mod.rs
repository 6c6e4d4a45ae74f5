//! Calendars: meetings as iCalendar text for mail attachments and subscribable feeds, a checker
//! for that text, and meeting series as recurrence rules. Pure functions, no I/O: times come
//! in as UTC (as stored) and go out in the network's zone, the zone being a `chrono_tz::Tz`.

mod check;
mod ics;
mod recurrence;
mod time;

pub use check::check;
pub use ics::{Calendar, CalendarEvent, EventStatus, Method, PRODID, render};
pub use recurrence::{CODE_INVALID_RULE, CODE_UNSUPPORTED_FREQUENCY, Rule, occurrences};
pub use time::{CODE_INVALID_LOCAL_TIME, local_to_utc, utc_to_local};
