use sea_orm::entity::prelude::*;

use crate::ids::{GroupId, NetworkId};

#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "working_groups")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: GroupId,
    pub tenant_id: NetworkId,
    pub name: String,
    pub description: String,
    /// Open groups can be joined by any active member; closed ones only by a coordinator's hand.
    pub is_open: bool,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

impl ActiveModelBehavior for ActiveModel {}
