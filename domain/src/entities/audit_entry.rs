use sea_orm::entity::prelude::*;

use crate::ids::{AuditId, NetworkId, TokenId, UserId};

#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "audit_log")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: AuditId,
    pub tenant_id: NetworkId,
    pub actor_user_id: Option<UserId>,
    pub actor_token_id: Option<TokenId>,
    /// Who did it, as shown in the log (a name, a token's name, `system:cli`).
    pub actor_label: String,
    pub action: String,
    pub subject_type: String,
    pub subject_id: Option<Uuid>,
    pub details: Json,
    pub created_at: DateTimeUtc,
}

impl ActiveModelBehavior for ActiveModel {}
