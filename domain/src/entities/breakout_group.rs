use sea_orm::entity::prelude::*;

use crate::ids::{BreakoutGroupId, MeetingId, NetworkId};

#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "breakout_groups")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: BreakoutGroupId,
    pub tenant_id: NetworkId,
    pub meeting_id: MeetingId,
    pub name: String,
    pub facilitator: String,
    pub capacity: Option<i32>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

impl ActiveModelBehavior for ActiveModel {}
