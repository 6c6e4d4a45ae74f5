use sea_orm::entity::prelude::*;

use crate::ids::{MeetingId, NetworkId, UserId};

/// A person's duty-of-confidentiality declaration for one consultation meeting.
#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "case_declarations")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub tenant_id: NetworkId,
    #[sea_orm(primary_key, auto_increment = false)]
    pub meeting_id: MeetingId,
    #[sea_orm(primary_key, auto_increment = false)]
    pub user_id: UserId,
    pub confirmed_at: DateTimeUtc,
    #[sea_orm(belongs_to, from = "user_id", to = "id")]
    pub user: BelongsTo<super::user::Entity>,
}

impl ActiveModelBehavior for ActiveModel {}
