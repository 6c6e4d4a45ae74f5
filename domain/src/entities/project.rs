use sea_orm::entity::prelude::*;

use crate::ids::{FileId, GroupId, NetworkId, OrganisationId, ProjectId, UserId};
use crate::showcases::ProjectStatus;
use crate::tenancy::Visibility;

#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "projects")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: ProjectId,
    pub tenant_id: NetworkId,
    pub owner_organisation_id: OrganisationId,
    pub group_id: Option<GroupId>,
    pub title: String,
    pub summary: String,
    /// Markdown, as written; rendered safely on the way out.
    pub body: String,
    pub status: ProjectStatus,
    pub visibility: Visibility,
    /// A JSON array of strings.
    pub tags: Json,
    pub created_by: Option<UserId>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub period_start: Option<Date>,
    pub period_end: Option<Date>,
    pub target_group: String,
    /// JSON arrays of codes (`AgeGroup`, `ProjectSector`) and of municipality names.
    pub age_groups: Json,
    pub sectors: Json,
    pub municipalities: Json,
    pub funding_source: String,
    /// Whole units of `funding_currency`.
    pub funding_amount: Option<i64>,
    pub funding_currency: String,
    pub contact_name: String,
    pub contact_email: String,
    /// Markdown.
    pub results: String,
    /// A JSON array of `{title, url}`.
    pub links: Json,
    pub cover_file_id: Option<FileId>,
    /// A copy of this project's `project_partners` rows (see the migration).
    pub partner_organisation_ids: Json,
    #[sea_orm(belongs_to, from = "owner_organisation_id", to = "id")]
    pub owner_organisation: BelongsTo<super::organisation::Entity>,
}

impl ActiveModelBehavior for ActiveModel {}
