use sea_orm::entity::prelude::*;

use crate::ids::{NetworkId, ProjectId};

/// One filterable value of a project: `kind` is `sector`, `age_group` or `municipality`.
#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "project_facets")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub tenant_id: NetworkId,
    #[sea_orm(primary_key, auto_increment = false)]
    pub project_id: ProjectId,
    #[sea_orm(primary_key, auto_increment = false)]
    pub kind: String,
    #[sea_orm(primary_key, auto_increment = false)]
    pub value: String,
}

impl ActiveModelBehavior for ActiveModel {}
