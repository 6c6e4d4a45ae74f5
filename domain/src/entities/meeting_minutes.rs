use sea_orm::entity::prelude::*;

use crate::ids::{MeetingId, NetworkId, UserId};

#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "meeting_minutes")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub tenant_id: NetworkId,
    #[sea_orm(primary_key, auto_increment = false)]
    pub meeting_id: MeetingId,
    /// Markdown.
    pub minutes: String,
    /// Markdown.
    pub decisions: String,
    pub updated_by: Option<UserId>,
    pub updated_at: DateTimeUtc,
}

impl ActiveModelBehavior for ActiveModel {}
