use sea_orm::entity::prelude::*;

use crate::ids::{FlagId, NetworkId, PostId, UserId};

#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "post_flags")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: FlagId,
    pub tenant_id: NetworkId,
    pub post_id: PostId,
    pub flagged_by: UserId,
    pub reason: String,
    pub created_at: DateTimeUtc,
    /// Set when a moderator hid or restored the post.
    pub resolved_at: Option<DateTimeUtc>,
}

impl ActiveModelBehavior for ActiveModel {}
