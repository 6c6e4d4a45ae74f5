use sea_orm::entity::prelude::*;

use crate::ids::UserId;
use crate::tenancy::Language;

#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "users")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: UserId,
    /// Stored lowercased; unique.
    pub email: String,
    pub display_name: String,
    pub password_hash: String,
    pub preferred_language: Option<Language>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

impl ActiveModelBehavior for ActiveModel {}
