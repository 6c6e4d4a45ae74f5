use sea_orm::entity::prelude::*;

use crate::ids::{MembershipId, NetworkId, OrganisationId, UserId};
use crate::people::MembershipStatus;
use crate::policy::Role;

#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "memberships")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: MembershipId,
    pub tenant_id: NetworkId,
    pub user_id: UserId,
    pub organisation_id: Option<OrganisationId>,
    pub role: Role,
    pub status: MembershipStatus,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    #[sea_orm(belongs_to, from = "tenant_id", to = "id")]
    pub network: BelongsTo<super::network::Entity>,
    #[sea_orm(belongs_to, from = "user_id", to = "id")]
    pub user: BelongsTo<super::user::Entity>,
}

impl ActiveModelBehavior for ActiveModel {}
