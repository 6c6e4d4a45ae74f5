use sea_orm::entity::prelude::*;

use crate::ids::{AgendaItemId, MeetingId, NetworkId, RegistrationId};

#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "registration_sessions")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub tenant_id: NetworkId,
    pub meeting_id: MeetingId,
    #[sea_orm(primary_key, auto_increment = false)]
    pub registration_id: RegistrationId,
    #[sea_orm(primary_key, auto_increment = false)]
    pub agenda_item_id: AgendaItemId,
    #[sea_orm(belongs_to, from = "registration_id", to = "id")]
    pub registration: BelongsTo<super::registration::Entity>,
}

impl ActiveModelBehavior for ActiveModel {}
