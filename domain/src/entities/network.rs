use sea_orm::entity::prelude::*;

use crate::ids::NetworkId;
use crate::tenancy::Language;

#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "networks")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: NetworkId,
    pub slug: String,
    pub name: String,
    pub default_language: Language,
    pub time_zone: String,
    /// Guest registrations, answers and attendance are deleted this long after a meeting.
    pub guest_retention_months: i32,
    /// Case texts are deleted this long after their consultation meeting.
    pub case_retention_days: i32,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

impl ActiveModelBehavior for ActiveModel {}
