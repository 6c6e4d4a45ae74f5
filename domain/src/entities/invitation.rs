use sea_orm::entity::prelude::*;

use crate::ids::{InvitationId, NetworkId, OrganisationId, UserId};
use crate::people::InvitationStatus;
use crate::policy::Role;

#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "invitations")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: InvitationId,
    pub tenant_id: NetworkId,
    pub email: String,
    pub organisation_id: Option<OrganisationId>,
    pub role: Role,
    pub status: InvitationStatus,
    /// SHA-256 of the secret in the invitation link; the secret itself is only in the mail.
    pub token_hash: String,
    pub invited_by: Option<UserId>,
    pub expires_at: DateTimeUtc,
    pub accepted_at: Option<DateTimeUtc>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

impl ActiveModelBehavior for ActiveModel {}
