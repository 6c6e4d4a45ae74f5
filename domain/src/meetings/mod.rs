//! Meetings and events: what coordinators schedule and practitioners register for.
//!
//! A meeting has a kind, a status, a visibility, a place (physical, online or hybrid), a
//! programme of agenda items (some of them parallel sessions chosen at registration), and
//! registration settings. Registration never exceeds capacity: the seat count is taken inside
//! the same write transaction as the new registration, with the meeting row locked on
//! PostgreSQL and SQLite's single writer doing the same there. Times are stored in UTC and
//! entered and shown in the network's time zone.

use crate::macros::string_enum;

string_enum! {
    pub enum MeetingKind {
        CaseConsultation = "case_consultation",
        Workshop = "workshop",
        Webinar = "webinar",
        ThemeMeeting = "theme_meeting",
        CollaborationDay = "collaboration_day",
        InformationMeeting = "information_meeting",
        GroupMeeting = "group_meeting",
    }
}

string_enum! {
    pub enum MeetingStatus {
        Draft = "draft",
        Published = "published",
        Cancelled = "cancelled",
        Completed = "completed",
    }
}

string_enum! {
    /// Who sees a meeting: anyone (also signed out), the network's members, one working group's
    /// members, or only the people invited. Organisers always see it.
    pub enum MeetingVisibility {
        Public = "public",
        Network = "network",
        Group = "group",
        Invited = "invited",
    }
}

string_enum! {
    pub enum LocationMode {
        Physical = "physical",
        Online = "online",
        Hybrid = "hybrid",
    }
}

string_enum! {
    pub enum AgendaKind {
        Plenary = "plenary",
        Talk = "talk",
        Panel = "panel",
        GroupWork = "group_work",
        Break = "break",
    }
}

string_enum! {
    pub enum QuestionKind {
        Text = "text",
        SingleChoice = "single_choice",
        MultipleChoice = "multiple_choice",
    }
}

string_enum! {
    /// Where a registration stands. Those that hold a seat: `registered`, `pending_approval`,
    /// and `unconfirmed` (a guest's, until its hold expires).
    pub enum RegistrationStatus {
        Unconfirmed = "unconfirmed",
        PendingApproval = "pending_approval",
        Registered = "registered",
        Waitlisted = "waitlisted",
        Cancelled = "cancelled",
        Rejected = "rejected",
    }
}

impl RegistrationStatus {
    pub const HOLDING_SEAT: &'static [RegistrationStatus] = &[
        RegistrationStatus::Unconfirmed,
        RegistrationStatus::PendingApproval,
        RegistrationStatus::Registered,
    ];

    pub fn holds_seat(self) -> bool {
        Self::HOLDING_SEAT.contains(&self)
    }

    /// Still in play: not cancelled and not rejected.
    pub fn is_active(self) -> bool {
        !matches!(
            self,
            RegistrationStatus::Cancelled | RegistrationStatus::Rejected
        )
    }
}

string_enum! {
    /// In the room or online; only hybrid meetings offer a choice.
    pub enum AttendanceMode {
        Room = "room",
        Online = "online",
    }
}

string_enum! {
    pub enum ActionStatus {
        Open = "open",
        Done = "done",
        Dropped = "dropped",
    }
}

mod access;
pub mod breakouts;
pub mod feeds;
mod indexing;
mod lifecycle;
pub mod minutes;
mod notices;
mod programme;
mod questions;
mod registrations;
mod retention;
pub mod series;

pub(crate) use access::{find_organised, find_visible, is_organiser};
pub(crate) use indexing::index_all;
pub(crate) use indexing::index_meeting;
pub use lifecycle::{
    Meeting, MeetingPatch, MeetingSummary, NewMeeting, Period, PersonRef, RegistrationSettings,
    between, create, get, list, of_group, set_status, update,
};
pub use notices::{Notice, ReminderKind, run_reminder, send, send_deadline_reminder};
pub use programme::{AgendaItem, NewAgendaItem, Speaker};
pub use questions::{Answer, NewQuestion, Question};
pub(crate) use registrations::is_participant;
pub use registrations::{
    ConfirmedGuest, GuestDetails, GuestReceipt, MyRegistration, NewRegistration, Registration,
    SeatCounts, cancel, cancel_mine, confirm_guest, decide, export_csv, list as registrations,
    mark_attendance, my_meetings, participants, register, register_guest, release_guest_hold,
};
pub use retention::purge_personal_data;

/// Programme use cases: `meetings::programme::add` and friends.
pub mod agenda {
    pub use super::programme::{add, remove, update};
}

/// Question use cases.
pub mod registration_questions {
    pub use super::questions::{add, remove};
}
