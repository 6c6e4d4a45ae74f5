use sea_orm::entity::prelude::*;

use crate::ids::{ModerationEntryId, NetworkId, PostId, ThreadId};

#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "moderation_log")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: ModerationEntryId,
    pub tenant_id: NetworkId,
    /// Who did it, as shown in the log.
    pub actor: String,
    /// `hide`, `restore`, `lock`, `unlock`.
    pub action: String,
    pub thread_id: Option<ThreadId>,
    pub post_id: Option<PostId>,
    pub reason: String,
    pub created_at: DateTimeUtc,
}

impl ActiveModelBehavior for ActiveModel {}
