//! Identifier newtypes. Every id is a UUIDv7 (time-ordered, so keyset pagination by id lists
//! newest first and inserts stay local in the indexes).

use serde::{Deserialize, Serialize};
use uuid::Uuid;

macro_rules! id_type {
    ($($name:ident),* $(,)?) => {$(
        #[derive(
            Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
            sea_orm::DeriveValueType,
        )]
        #[serde(transparent)]
        pub struct $name(pub Uuid);

        // Ids are generated here, never by the database.
        impl sea_orm::TryFromU64 for $name {
            fn try_from_u64(_: u64) -> Result<Self, sea_orm::DbErr> {
                Err(sea_orm::DbErr::ConvertFromU64(stringify!($name)))
            }
        }

        impl $name {
            pub fn new() -> Self {
                Self(Uuid::now_v7())
            }
        }

        impl Default for $name {
            fn default() -> Self {
                Self::new()
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                self.0.fmt(f)
            }
        }

        impl std::str::FromStr for $name {
            type Err = uuid::Error;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                Uuid::parse_str(s).map(Self)
            }
        }

        impl From<$name> for Uuid {
            fn from(id: $name) -> Uuid {
                id.0
            }
        }
    )*};
}

id_type!(
    NetworkId,
    UserId,
    OrganisationId,
    MembershipId,
    InvitationId,
    GroupId,
    TokenId,
    SessionId,
    AuditId,
    ProjectId,
    JobId,
    MeetingId,
    SeriesId,
    AgendaItemId,
    QuestionId,
    RegistrationId,
    BreakoutGroupId,
    ActionItemId,
    CaseSlotId,
    CaseId,
    ConsentId,
    CaseAccessId,
    ProjectUpdateId,
    CategoryId,
    ThreadId,
    PostId,
    PostRevisionId,
    FlagId,
    ModerationEntryId,
    NotificationId,
    FileId,
    FileVersionId,
    SynonymId,
);
