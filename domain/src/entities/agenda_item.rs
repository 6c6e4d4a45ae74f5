use sea_orm::entity::prelude::*;

use crate::ids::{AgendaItemId, MeetingId, NetworkId};
use crate::meetings::AgendaKind;

#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "agenda_items")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: AgendaItemId,
    pub tenant_id: NetworkId,
    pub meeting_id: MeetingId,
    pub starts_at: DateTimeUtc,
    pub ends_at: DateTimeUtc,
    pub title: String,
    pub description: String,
    pub kind: AgendaKind,
    /// A JSON array of `{name, organisation}`.
    pub speakers: Json,
    /// A parallel session that participants choose at registration.
    pub selectable: bool,
    pub capacity: Option<i32>,
}

impl ActiveModelBehavior for ActiveModel {}
