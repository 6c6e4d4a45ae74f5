use sea_orm::entity::prelude::*;

use crate::ids::{CaseSlotId, MeetingId, NetworkId, UserId};

#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "case_slots")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: CaseSlotId,
    pub tenant_id: NetworkId,
    pub meeting_id: MeetingId,
    pub number: i32,
    pub booked_by: Option<UserId>,
    pub booked_at: Option<DateTimeUtc>,
}

impl ActiveModelBehavior for ActiveModel {}
