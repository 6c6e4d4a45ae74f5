use sea_orm::entity::prelude::*;

use crate::ids::NetworkId;

/// Stored content, once per network and SHA-256; versions refer to it by `(tenant_id, sha256)`.
#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "blobs")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub tenant_id: NetworkId,
    /// Lowercase hex.
    #[sea_orm(primary_key, auto_increment = false)]
    pub sha256: String,
    /// The key in the `BlobStore`.
    pub blob_key: String,
    pub size: i64,
    pub created_at: DateTimeUtc,
}

impl ActiveModelBehavior for ActiveModel {}
