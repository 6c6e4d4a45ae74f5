use sea_orm::entity::prelude::*;

use crate::ids::{BreakoutGroupId, MeetingId, NetworkId, RegistrationId, UserId};
use crate::meetings::{AttendanceMode, RegistrationStatus};

#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "registrations")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: RegistrationId,
    pub tenant_id: NetworkId,
    pub meeting_id: MeetingId,
    /// A member's registration; `None` for a signed-out guest.
    pub user_id: Option<UserId>,
    pub guest_name: Option<String>,
    pub guest_email: Option<String>,
    pub guest_organisation: Option<String>,
    pub attendance_mode: AttendanceMode,
    pub status: RegistrationStatus,
    /// When the registration took its place in the queue: waitlist order.
    pub queued_at: DateTimeUtc,
    /// A JSON object: question id → answer (a string, or an array of strings).
    pub answers: Json,
    /// A JSON array of breakout group ids, most wanted first.
    pub preferences: Json,
    pub accepted_terms_at: Option<DateTimeUtc>,
    pub confirm_token_hash: Option<String>,
    /// An unconfirmed guest registration holds its seat until then.
    pub hold_until: Option<DateTimeUtc>,
    pub attended: Option<bool>,
    pub breakout_group_id: Option<BreakoutGroupId>,
    pub cancelled_at: Option<DateTimeUtc>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    #[sea_orm(belongs_to, from = "user_id", to = "id")]
    pub user: HasOne<super::user::Entity>,
}

impl ActiveModelBehavior for ActiveModel {}
