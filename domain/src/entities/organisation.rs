use sea_orm::entity::prelude::*;

use crate::ids::{NetworkId, OrganisationId};
use crate::people::Sector;

#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "organisations")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: OrganisationId,
    pub tenant_id: NetworkId,
    pub name: String,
    pub sector: Sector,
    pub registry_number: Option<String>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

impl ActiveModelBehavior for ActiveModel {}
