//! The API's enums, mirroring the domain's with the same stable names, and shared shapes.

use poem_openapi::{Enum, Object};

/// Declares an API enum with the domain's string values and conversions both ways.
macro_rules! mirror_enum {
    ($(#[$meta:meta])* $name:ident => $domain:path { $($variant:ident = $value:literal),* $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Enum)]
        pub enum $name {
            $(#[oai(rename = $value)] $variant,)*
        }

        impl From<$domain> for $name {
            fn from(value: $domain) -> Self {
                use $domain as D;
                match value {
                    $(D::$variant => $name::$variant,)*
                }
            }
        }

        impl From<$name> for $domain {
            fn from(value: $name) -> Self {
                use $domain as D;
                match value {
                    $($name::$variant => D::$variant,)*
                }
            }
        }
    };
}
pub(crate) use mirror_enum;

mirror_enum!(
    /// A member's role in a network.
    Role => domain::policy::Role {
        Observer = "observer",
        Partner = "partner",
        Member = "member",
        Coordinator = "coordinator",
        Owner = "owner",
    }
);

mirror_enum!(
    /// A network's default language.
    Language => domain::tenancy::Language {
        Danish = "da",
        Norwegian = "nb",
        Swedish = "sv",
        English = "en",
    }
);

mirror_enum!(
    /// Who may read: `network` < `shared` (members of every network) < `public` (everyone).
    Visibility => domain::tenancy::Visibility {
        Network = "network",
        Shared = "shared",
        Public = "public",
    }
);

mirror_enum!(
    Sector => domain::people::Sector {
        Municipality = "municipality",
        RegionHospital = "region_hospital",
        School = "school",
        Ngo = "ngo",
        Research = "research",
        Agency = "agency",
        UserOrganisation = "user_organisation",
        Other = "other",
    }
);

mirror_enum!(
    MembershipStatus => domain::people::MembershipStatus {
        Invited = "invited",
        Active = "active",
        Suspended = "suspended",
    }
);

mirror_enum!(
    InvitationStatus => domain::people::InvitationStatus {
        Pending = "pending",
        Accepted = "accepted",
        Revoked = "revoked",
    }
);

mirror_enum!(
    ProjectStatus => domain::showcases::ProjectStatus {
        Idea = "idea",
        Planning = "planning",
        Running = "running",
        Completed = "completed",
        Evaluated = "evaluated",
    }
);

mirror_enum!(
    DocKind => domain::search::DocKind {
        Project = "project",
        ProjectUpdate = "project_update",
        Thread = "thread",
        Post = "post",
        Meeting = "meeting",
        File = "file",
    }
);

/// Declares a page of a list: `{items, next_cursor}`.
macro_rules! page {
    ($name:ident, $item:ty) => {
        #[derive(Debug, Clone, poem_openapi::Object)]
        #[oai(skip_serializing_if_is_none)]
        pub struct $name {
            pub items: Vec<$item>,
            /// Pass as `cursor` for the next page; absent on the last page.
            pub next_cursor: Option<String>,
        }

        impl<T: Into<$item>> From<domain::pagination::Page<T>> for $name {
            fn from(page: domain::pagination::Page<T>) -> Self {
                $name {
                    items: page.items.into_iter().map(Into::into).collect(),
                    next_cursor: page.next_cursor,
                }
            }
        }
    };
}
pub(crate) use page;

/// An organisation, as other objects refer to it.
#[derive(Debug, Clone, Object)]
pub struct OrganisationRef {
    pub id: uuid::Uuid,
    pub name: String,
}

mirror_enum!(
    /// What kind of meeting it is.
    MeetingKind => domain::meetings::MeetingKind {
        CaseConsultation = "case_consultation",
        Workshop = "workshop",
        Webinar = "webinar",
        ThemeMeeting = "theme_meeting",
        CollaborationDay = "collaboration_day",
        InformationMeeting = "information_meeting",
        GroupMeeting = "group_meeting",
    }
);

mirror_enum!(
    /// `draft` (organisers only) → `published` → `completed`, or `cancelled`.
    MeetingStatus => domain::meetings::MeetingStatus {
        Draft = "draft",
        Published = "published",
        Cancelled = "cancelled",
        Completed = "completed",
    }
);

mirror_enum!(
    /// Who sees a meeting: anyone, the network's members, one working group, or those invited.
    MeetingVisibility => domain::meetings::MeetingVisibility {
        Public = "public",
        Network = "network",
        Group = "group",
        Invited = "invited",
    }
);

mirror_enum!(
    /// Where a meeting happens.
    LocationMode => domain::meetings::LocationMode {
        Physical = "physical",
        Online = "online",
        Hybrid = "hybrid",
    }
);

mirror_enum!(
    AgendaKind => domain::meetings::AgendaKind {
        Plenary = "plenary",
        Talk = "talk",
        Panel = "panel",
        GroupWork = "group_work",
        Break = "break",
    }
);

mirror_enum!(
    /// A registration question: free text (answer a string), single choice (one of the
    /// options) or multiple choice (an array of options).
    QuestionKind => domain::meetings::QuestionKind {
        Text = "text",
        SingleChoice = "single_choice",
        MultipleChoice = "multiple_choice",
    }
);

mirror_enum!(
    /// Where a registration stands. `registered`, `pending_approval` and `unconfirmed` (a
    /// guest's, until confirmed or its hold runs out) hold a seat.
    RegistrationStatus => domain::meetings::RegistrationStatus {
        Unconfirmed = "unconfirmed",
        PendingApproval = "pending_approval",
        Registered = "registered",
        Waitlisted = "waitlisted",
        Cancelled = "cancelled",
        Rejected = "rejected",
    }
);

mirror_enum!(
    /// In the room or online; only hybrid meetings offer a choice.
    AttendanceMode => domain::meetings::AttendanceMode {
        Room = "room",
        Online = "online",
    }
);

mirror_enum!(
    /// Where an action item stands.
    ActionStatus => domain::meetings::ActionStatus {
        Open = "open",
        Done = "done",
        Dropped = "dropped",
    }
);
