use sea_orm::entity::prelude::*;

use crate::ids::{FileId, FileVersionId, NetworkId, UserId};
use crate::material::ExtractionStatus;

#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "file_versions")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: FileVersionId,
    pub tenant_id: NetworkId,
    pub file_id: FileId,
    /// From 1.
    pub version: i32,
    pub name: String,
    pub content_type: String,
    pub size: i64,
    /// The blob: `(tenant_id, sha256)`.
    pub sha256: String,
    pub uploaded_by: Option<UserId>,
    pub created_at: DateTimeUtc,
    pub extraction_status: ExtractionStatus,
    /// Why extraction failed: a stable code and a message for people.
    pub extraction_code: Option<String>,
    pub extraction_message: Option<String>,
    pub extracted_text: Option<String>,
    /// Case material only: the identifier guard's verdict on the text (`pending`, `clear`,
    /// `blocked`, `needs_confirmation`, `confirmed`); `None` for every other file.
    pub guard_status: Option<String>,
    /// With `blocked`: the kind of identifier found (never the identifier).
    pub guard_kind: Option<String>,
}

impl ActiveModelBehavior for ActiveModel {}
