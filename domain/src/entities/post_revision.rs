use sea_orm::entity::prelude::*;

use crate::ids::{NetworkId, PostId, PostRevisionId, UserId};

/// A post's body as it was before an edit.
#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "post_revisions")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: PostRevisionId,
    pub tenant_id: NetworkId,
    pub post_id: PostId,
    pub body: String,
    pub edited_by: Option<UserId>,
    pub created_at: DateTimeUtc,
}

impl ActiveModelBehavior for ActiveModel {}
