use sea_orm::entity::prelude::*;

use crate::ids::{CategoryId, GroupId, NetworkId, ThreadId, UserId};

#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "threads")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: ThreadId,
    pub tenant_id: NetworkId,
    /// Network-wide threads live in a category; a working group's threads in the group.
    pub category_id: Option<CategoryId>,
    pub group_id: Option<GroupId>,
    pub title: String,
    pub author_id: Option<UserId>,
    /// A locked thread takes no new posts.
    pub locked: bool,
    pub reply_count: i32,
    pub last_post_at: DateTimeUtc,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

impl ActiveModelBehavior for ActiveModel {}
