use sea_orm::entity::prelude::*;

use crate::ids::{NetworkId, PostId, ThreadId, UserId};

#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "posts")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: PostId,
    pub tenant_id: NetworkId,
    pub thread_id: ThreadId,
    pub author_id: Option<UserId>,
    /// Markdown, as written; rendered safely on the way out.
    pub body: String,
    /// A JSON array of the display names @mentioned in the body when it was written.
    pub mentions: Json,
    pub quoted_post_id: Option<PostId>,
    pub hidden: bool,
    pub hidden_reason: String,
    pub edited_at: Option<DateTimeUtc>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

impl ActiveModelBehavior for ActiveModel {}
