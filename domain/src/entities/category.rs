use sea_orm::entity::prelude::*;

use crate::ids::{CategoryId, NetworkId};

#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "forum_categories")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: CategoryId,
    pub tenant_id: NetworkId,
    pub name: String,
    pub description: String,
    /// Lower first in lists.
    pub position: i32,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

impl ActiveModelBehavior for ActiveModel {}
