use sea_orm::entity::prelude::*;

use crate::ids::{NetworkId, SynonymId};

/// One set of equivalent phrases in a network's search.
#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "search_synonyms")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: SynonymId,
    pub tenant_id: NetworkId,
    /// A JSON array of strings.
    pub phrases: Json,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

impl ActiveModelBehavior for ActiveModel {}
