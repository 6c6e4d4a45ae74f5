use sea_orm::entity::prelude::*;

use crate::ids::{CaseAccessId, CaseId, MeetingId, NetworkId, UserId};

#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "case_access_log")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: CaseAccessId,
    pub tenant_id: NetworkId,
    pub case_id: CaseId,
    pub meeting_id: MeetingId,
    pub user_id: UserId,
    pub action: String,
    pub at: DateTimeUtc,
    #[sea_orm(belongs_to, from = "user_id", to = "id")]
    pub user: BelongsTo<super::user::Entity>,
}

impl ActiveModelBehavior for ActiveModel {}
