use sea_orm::entity::prelude::*;

use crate::ids::{NetworkId, SeriesId};

#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "meeting_series")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: SeriesId,
    pub tenant_id: NetworkId,
    /// An RRULE value, e.g. `FREQ=MONTHLY;BYDAY=1TU`.
    pub rule: String,
    /// The first occurrence's start in the network's time zone (wall-clock time).
    pub first_start_local: DateTime,
    pub duration_minutes: i32,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

impl ActiveModelBehavior for ActiveModel {}
