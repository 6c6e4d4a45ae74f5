use sea_orm::entity::prelude::*;

use crate::ids::{NetworkId, OrganisationId, TokenId, UserId};

#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "api_tokens")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: TokenId,
    pub tenant_id: NetworkId,
    pub organisation_id: OrganisationId,
    pub name: String,
    /// SHA-256 of the secret; the secret is shown once, when the token is issued.
    pub token_hash: String,
    /// The first characters of the secret, so people can tell their tokens apart.
    pub token_prefix: String,
    pub created_by: Option<UserId>,
    pub expires_at: Option<DateTimeUtc>,
    pub revoked_at: Option<DateTimeUtc>,
    pub last_used_at: Option<DateTimeUtc>,
    pub created_at: DateTimeUtc,
    #[sea_orm(belongs_to, from = "tenant_id", to = "id")]
    pub network: BelongsTo<super::network::Entity>,
}

impl ActiveModelBehavior for ActiveModel {}
