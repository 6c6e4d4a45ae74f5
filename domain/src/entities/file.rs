use sea_orm::entity::prelude::*;

use crate::ids::{FileId, FileVersionId, NetworkId, UserId};
use crate::material::TargetKind;

#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "files")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: FileId,
    pub tenant_id: NetworkId,
    pub target_kind: TargetKind,
    pub target_id: Uuid,
    /// The current version's name and type.
    pub name: String,
    pub content_type: String,
    pub current_version_id: FileVersionId,
    pub uploaded_by: Option<UserId>,
    pub deleted_at: Option<DateTimeUtc>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

impl ActiveModelBehavior for ActiveModel {}
