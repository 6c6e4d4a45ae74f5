use sea_orm::entity::prelude::*;

use crate::ids::{CaseAccessId, FileId, MeetingId, NetworkId, UserId};

/// One read of a consultation file (the files' half of the case access log).
#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "case_file_access_log")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: CaseAccessId,
    pub tenant_id: NetworkId,
    pub meeting_id: MeetingId,
    pub file_id: FileId,
    pub user_id: UserId,
    pub action: String,
    pub at: DateTimeUtc,
    #[sea_orm(belongs_to, from = "user_id", to = "id")]
    pub user: BelongsTo<super::user::Entity>,
}

impl ActiveModelBehavior for ActiveModel {}
