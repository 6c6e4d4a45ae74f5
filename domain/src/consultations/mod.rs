//! Case consultations (anonym sagsdrøftelse / drøftingsmøter): a consultation meeting has
//! bookable case slots; a practitioner books one and submits a case, anonymously by default or
//! with a documented consent. Every text passes the [`crate::guard`] before it is stored; a case
//! is seen only by its submitter and the readers of the meeting's case material (one rule for
//! cases, consultation files and minutes: `access::Standing`), every read is logged, and the text is deleted when the network's retention period has passed.
//! Case text is never indexed, logged, put in a job payload or written into a mail.
//!
//! The modules: `slots` (numbered slots an organiser opens), `cases` (submit, read, edit,
//! withdraw), `consent` (records, refusals, withdrawal, and whether a case's details may be
//! shown), `access` (who reaches a case), `access_log` (who read which case), `retention` (the
//! purge job and its schedule) and `notify` (the mail to organisers that says only that a case
//! came in).
//!
//! The structs that carry case text implement `Debug` by hand and print no text, so that a
//! `{:?}` in a log line or an error cannot leak it.

use crate::macros::string_enum;

string_enum! {
    pub enum CaseMode {
        Anonymous = "anonymous",
        WithConsent = "with_consent",
    }
}

string_enum! {
    /// An age band, never a birth date.
    pub enum AgeBand {
        Age0To2 = "0-2",
        Age3To5 = "3-5",
        Age6To9 = "6-9",
        Age10To12 = "10-12",
        Age13To15 = "13-15",
        Age16To17 = "16-17",
        Age18To24 = "18-24",
    }
}

string_enum! {
    pub enum ConsentDecision {
        Given = "given",
        Refused = "refused",
    }
}

string_enum! {
    pub enum ConsentGiver {
        ParentOrGuardian = "parent_or_guardian",
        YoungPerson = "young_person",
    }
}

string_enum! {
    pub enum ConsentForm {
        Written = "written",
        Oral = "oral",
    }
}

pub(crate) mod access;
mod access_log;
mod cases;
mod consent;
mod declarations;
mod notify;
mod retention;
mod slots;

pub use access::Standing;
pub(crate) use access::{MaterialAccess, case_material, meeting_material, standing};
pub use access_log::{AccessEntry, access_log};
pub use cases::{
    Case, CaseDetails, CasePatch, DetailsState, NewCase, get_case, list_cases, submit_case,
    update_case, withdraw_case,
};
pub use consent::{Consent, ConsentStatus, NewConsent, record_consent, withdraw_consent};
pub use declarations::{Declaration, declarations, declare, my_standing};
pub use notify::notify_case_submitted;
pub(crate) use retention::{has_material, schedule as schedule_purge};
pub use retention::{purge_all_due, purge_cases};
pub use slots::{CaseSlot, MAX_SLOTS, add_slots, list_slots};

/// Limits of case fields.
pub mod limits {
    /// The concern, what has been tried, the question; consent scope and purpose.
    pub const TEXT: usize = 5_000;
    /// One sector or receiving service, or who recorded an oral consent.
    pub const ITEM: usize = 200;
    /// Sectors involved, receiving services.
    pub const ITEMS: usize = 20;
}
