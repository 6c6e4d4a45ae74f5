use sea_orm::entity::prelude::*;

use crate::ids::{NetworkId, OrganisationId, ProjectId};

#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "project_partners")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub tenant_id: NetworkId,
    #[sea_orm(primary_key, auto_increment = false)]
    pub project_id: ProjectId,
    #[sea_orm(primary_key, auto_increment = false)]
    pub organisation_id: OrganisationId,
}

impl ActiveModelBehavior for ActiveModel {}
