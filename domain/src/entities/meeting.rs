use sea_orm::entity::prelude::*;

use crate::ids::{GroupId, MeetingId, NetworkId, SeriesId, UserId};
use crate::meetings::{LocationMode, MeetingKind, MeetingStatus, MeetingVisibility};

#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "meetings")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: MeetingId,
    pub tenant_id: NetworkId,
    pub series_id: Option<SeriesId>,
    /// For an occurrence of a series: the start the rule gave it (it stays its key when moved).
    pub occurrence_start: Option<DateTimeUtc>,
    pub kind: MeetingKind,
    pub status: MeetingStatus,
    pub visibility: MeetingVisibility,
    pub group_id: Option<GroupId>,
    pub title: String,
    /// Markdown.
    pub description: String,
    pub starts_at: DateTimeUtc,
    pub ends_at: DateTimeUtc,
    pub location_mode: LocationMode,
    pub address: String,
    pub room: String,
    /// Shown only to registered participants and organisers.
    pub online_url: String,
    pub registration_enabled: bool,
    pub capacity_room: Option<i32>,
    pub capacity_online: Option<i32>,
    pub waitlist_enabled: bool,
    pub registration_opens_at: Option<DateTimeUtc>,
    pub registration_closes_at: Option<DateTimeUtc>,
    pub cancellation_cutoff_at: Option<DateTimeUtc>,
    pub requires_approval: bool,
    /// Terms a participant must accept; empty for none.
    pub terms: String,
    pub show_participants: bool,
    pub contact_user_id: Option<UserId>,
    pub moderator_user_id: Option<UserId>,
    /// Bumped on every change that calendars should notice (iCalendar SEQUENCE).
    pub sequence: i32,
    pub created_by: Option<UserId>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

impl ActiveModelBehavior for ActiveModel {}
