//! Wall-clock time in a network's zone and back. Forms speak local time ("13:00 on 1 December"),
//! storage speaks UTC; daylight saving makes the two not one-to-one, so the rules for the two
//! awkward cases live here once and the recurrence expansion and the forms share them:
//!
//! - a local time in the spring-forward gap (02:30 on the last Sunday of March in Copenhagen)
//!   does not exist; it is moved forward by the length of the gap (to 03:30 summer time), which
//!   is what RFC 5545 (3.3.5) prescribes for such a DTSTART;
//! - a local time in the fall-back overlap happens twice; the earlier instant is taken, again as
//!   RFC 5545 says.

use chrono::{DateTime, LocalResult, NaiveDateTime, Offset, TimeZone, Utc};
use chrono_tz::{GapInfo, Tz};

/// The stable code for a local time that cannot be placed on the time line at all (only at the
/// far edges of the calendar chrono can represent).
pub const CODE_INVALID_LOCAL_TIME: &str = "invalid_local_time";

/// The instant at which the wall clock in `tz` shows `local`: a time in a spring-forward gap
/// moves forward by the gap, an ambiguous time in the fall-back hour takes the earlier instant.
/// Never panics; the error is [`CODE_INVALID_LOCAL_TIME`].
pub fn local_to_utc(local: NaiveDateTime, tz: Tz) -> Result<DateTime<Utc>, &'static str> {
    match tz.from_local_datetime(&local) {
        LocalResult::Single(at) => Ok(at.with_timezone(&Utc)),
        LocalResult::Ambiguous(earlier, later) => Ok(earlier.min(later).with_timezone(&Utc)),
        LocalResult::None => {
            // In the gap: read the wall clock with the offset in force just before the gap,
            // which lands exactly the gap's length later in the new offset.
            let before = GapInfo::new(&local, &tz)
                .and_then(|gap| gap.begin)
                .map(|(_, offset)| offset.fix())
                .ok_or(CODE_INVALID_LOCAL_TIME)?;
            let utc = local
                .checked_sub_offset(before)
                .ok_or(CODE_INVALID_LOCAL_TIME)?;
            Ok(utc.and_utc())
        }
    }
}

/// What the wall clock in `tz` shows at `at`. Never panics: at the very edges of chrono's range,
/// where the local reading would not be representable, it saturates.
pub fn utc_to_local(at: DateTime<Utc>, tz: Tz) -> NaiveDateTime {
    let utc = at.naive_utc();
    let offset = tz.offset_from_utc_datetime(&utc).fix();
    utc.checked_add_offset(offset).unwrap_or({
        if offset.local_minus_utc() > 0 {
            NaiveDateTime::MAX
        } else {
            NaiveDateTime::MIN
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;
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

    #[test]
    fn plain_winter_and_summer_times() {
        assert_eq!(
            local_to_utc(local(2026, 1, 15, 13, 0), Copenhagen),
            Ok(utc(2026, 1, 15, 12, 0))
        );
        assert_eq!(
            local_to_utc(local(2026, 7, 15, 13, 0), Oslo),
            Ok(utc(2026, 7, 15, 11, 0))
        );
        assert_eq!(
            utc_to_local(utc(2026, 7, 15, 11, 0), Copenhagen),
            local(2026, 7, 15, 13, 0)
        );
    }

    #[test]
    fn spring_forward_gap_moves_forward_by_the_gap() {
        // 2026-03-29 02:00 CET → 03:00 CEST; 02:30 does not exist and becomes 03:30 CEST.
        let at = local_to_utc(local(2026, 3, 29, 2, 30), Copenhagen).unwrap();
        assert_eq!(at, utc(2026, 3, 29, 1, 30));
        assert_eq!(utc_to_local(at, Copenhagen), local(2026, 3, 29, 3, 30));
        // The first instant of the gap becomes the first instant after it.
        assert_eq!(
            local_to_utc(local(2026, 3, 29, 2, 0), Oslo),
            Ok(utc(2026, 3, 29, 1, 0))
        );
    }

    #[test]
    fn fall_back_overlap_takes_the_earlier_instant() {
        // 2026-10-25 03:00 CEST → 02:00 CET; 02:30 happens twice, first at 00:30Z.
        assert_eq!(
            local_to_utc(local(2026, 10, 25, 2, 30), Copenhagen),
            Ok(utc(2026, 10, 25, 0, 30))
        );
        assert_eq!(
            utc_to_local(utc(2026, 10, 25, 1, 30), Copenhagen),
            local(2026, 10, 25, 2, 30)
        );
    }

    #[test]
    fn edges_of_the_representable_range_do_not_panic() {
        let _ = local_to_utc(NaiveDateTime::MIN, Copenhagen);
        let _ = local_to_utc(NaiveDateTime::MAX, Copenhagen);
        let _ = local_to_utc(NaiveDateTime::MAX, chrono_tz::Pacific::Kiritimati);
        let _ = local_to_utc(NaiveDateTime::MIN, chrono_tz::America::Anchorage);
        let _ = utc_to_local(DateTime::<Utc>::MAX_UTC, chrono_tz::Pacific::Kiritimati);
        let _ = utc_to_local(DateTime::<Utc>::MIN_UTC, chrono_tz::America::Anchorage);
    }
}
