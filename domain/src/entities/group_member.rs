use sea_orm::entity::prelude::*;

use crate::ids::{GroupId, MembershipId, NetworkId};

#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "group_members")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub tenant_id: NetworkId,
    #[sea_orm(primary_key, auto_increment = false)]
    pub group_id: GroupId,
    #[sea_orm(primary_key, auto_increment = false)]
    pub membership_id: MembershipId,
    pub is_coordinator: bool,
    pub created_at: DateTimeUtc,
    #[sea_orm(belongs_to, from = "membership_id", to = "id")]
    pub membership: BelongsTo<super::membership::Entity>,
}

impl ActiveModelBehavior for ActiveModel {}
