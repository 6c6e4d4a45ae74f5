//! People in a network: organisations, memberships, invitations and working groups.

pub mod groups;
pub mod invitations;
pub mod members;
pub mod organisations;

use crate::macros::string_enum;

string_enum! {
    /// The sector an organisation belongs to.
    pub enum Sector {
        Municipality = "municipality",
        RegionHospital = "region_hospital",
        School = "school",
        Ngo = "ngo",
        Research = "research",
        Agency = "agency",
        UserOrganisation = "user_organisation",
        Other = "other",
    }
}

string_enum! {
    pub enum MembershipStatus {
        /// Invited while already having an account; becomes active on accepting.
        Invited = "invited",
        Active = "active",
        /// Keeps the history, grants nothing.
        Suspended = "suspended",
    }
}

string_enum! {
    pub enum InvitationStatus {
        Pending = "pending",
        Accepted = "accepted",
        Revoked = "revoked",
    }
}
