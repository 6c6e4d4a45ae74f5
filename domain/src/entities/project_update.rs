use sea_orm::entity::prelude::*;

use crate::ids::{NetworkId, OrganisationId, ProjectId, ProjectUpdateId, UserId};

#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "project_updates")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: ProjectUpdateId,
    pub tenant_id: NetworkId,
    pub project_id: ProjectId,
    pub organisation_id: Option<OrganisationId>,
    /// None when an API token posted it.
    pub author_id: Option<UserId>,
    /// The author's name (or the token's) as it was when posted.
    pub author_label: String,
    pub title: String,
    /// Markdown.
    pub body: String,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

impl ActiveModelBehavior for ActiveModel {}
