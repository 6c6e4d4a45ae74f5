use sea_orm::entity::prelude::*;

/// One limit's count for one key in the current window. Not tenant-owned: limits guard
/// sign-in and public forms, before anyone is in a network.
#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "rate_limits")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub name: String,
    /// SHA-256 (hex) of the normalised key.
    #[sea_orm(primary_key, auto_increment = false)]
    pub key_hash: String,
    pub hits: i32,
    pub expires_at: DateTimeUtc,
}

impl ActiveModelBehavior for ActiveModel {}
