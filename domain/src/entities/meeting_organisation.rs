use sea_orm::entity::prelude::*;

use crate::ids::{MeetingId, NetworkId, OrganisationId};

#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "meeting_organisations")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub tenant_id: NetworkId,
    #[sea_orm(primary_key, auto_increment = false)]
    pub meeting_id: MeetingId,
    #[sea_orm(primary_key, auto_increment = false)]
    pub organisation_id: OrganisationId,
    #[sea_orm(belongs_to, from = "organisation_id", to = "id")]
    pub organisation: BelongsTo<super::organisation::Entity>,
}

impl ActiveModelBehavior for ActiveModel {}
