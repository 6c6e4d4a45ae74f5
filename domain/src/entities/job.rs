use sea_orm::entity::prelude::*;

use crate::ids::{JobId, NetworkId};
use crate::jobs::JobStatus;

/// One unit of background work, written in the same transaction as the change that needs it.
#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "jobs")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: JobId,
    pub tenant_id: Option<NetworkId>,
    pub kind: String,
    /// Ids only, never content: a payload is data at rest outside its table.
    pub payload: Json,
    pub status: JobStatus,
    pub run_after: DateTimeUtc,
    pub attempts: i32,
    pub max_attempts: i32,
    pub last_error: Option<String>,
    pub locked_by: Option<String>,
    pub locked_until: Option<DateTimeUtc>,
    /// The request that enqueued it (`X-Request-Id`), if a request did.
    pub request_id: Option<String>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

impl ActiveModelBehavior for ActiveModel {}
