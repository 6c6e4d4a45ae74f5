use sea_orm::entity::prelude::*;

use crate::ids::{ActionItemId, MeetingId, NetworkId, SeriesId};
use crate::meetings::ActionStatus;

#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "action_items")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: ActionItemId,
    pub tenant_id: NetworkId,
    pub meeting_id: MeetingId,
    pub series_id: Option<SeriesId>,
    pub text: String,
    pub owner: String,
    pub due_on: Option<Date>,
    pub status: ActionStatus,
    /// The open item of the series' previous meeting this one carries forward.
    pub carried_from_id: Option<ActionItemId>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

impl ActiveModelBehavior for ActiveModel {}
