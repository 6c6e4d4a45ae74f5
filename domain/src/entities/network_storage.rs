use sea_orm::entity::prelude::*;

use crate::ids::NetworkId;

/// The storage quota column of `networks`, read on its own so that the material code needs
/// nothing else of the network row.
#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "networks")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: NetworkId,
    pub storage_quota_bytes: i64,
}

impl ActiveModelBehavior for ActiveModel {}
