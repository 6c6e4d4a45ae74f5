//! The audit log: who changed roles, members, invitations, groups, tokens and settings, and when.
//! Written in the same transaction as the change; read by the network's coordinators.

use chrono::{DateTime, Utc};
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ConnectionTrait};
use uuid::Uuid;

use crate::Services;
use crate::entities::audit_entry;
use crate::error::Result;
use crate::ids::{AuditId, TokenId, UserId};
use crate::pagination::{Page, PageRequest, keyset};
use crate::policy::Action;
use crate::tenancy::{Actor, TenantOwned, TenantScope};

impl TenantOwned for audit_entry::Entity {
    fn tenant_column() -> Self::Column {
        audit_entry::Column::TenantId
    }
}

#[derive(Clone, Debug)]
pub struct AuditEntry {
    pub id: AuditId,
    pub actor_user_id: Option<UserId>,
    pub actor_token_id: Option<TokenId>,
    pub actor_label: String,
    pub action: String,
    pub subject_type: String,
    pub subject_id: Option<Uuid>,
    pub details: serde_json::Value,
    pub created_at: DateTime<Utc>,
}

/// Writes one entry, on the caller's transaction.
pub(crate) async fn record(
    conn: &impl ConnectionTrait,
    svc: &Services,
    scope: &TenantScope,
    action: &str,
    subject_type: &str,
    subject_id: Option<Uuid>,
    details: serde_json::Value,
) -> Result<()> {
    let actor_token_id = match scope.actor() {
        Actor::Token(token) => Some(token.token_id),
        _ => None,
    };
    audit_entry::ActiveModel {
        id: Set(AuditId::new()),
        tenant_id: Set(scope.tenant_id()),
        actor_user_id: Set(scope.user_id()),
        actor_token_id: Set(actor_token_id),
        actor_label: Set(scope.actor_label()),
        action: Set(action.to_owned()),
        subject_type: Set(subject_type.to_owned()),
        subject_id: Set(subject_id),
        details: Set(details),
        created_at: Set(svc.now()),
    }
    .insert(conn)
    .await?;
    Ok(())
}

/// The log, newest first (coordinators and owners).
pub async fn list(
    svc: &Services,
    scope: &TenantScope,
    page: PageRequest,
) -> Result<Page<AuditEntry>> {
    scope.require(Action::ReadAuditLog)?;
    let rows = keyset(
        scope.find::<audit_entry::Entity>(),
        audit_entry::Column::Id,
        page,
    )
    .all(svc.db.conn())
    .await?;
    let entries = rows
        .into_iter()
        .map(|row| AuditEntry {
            id: row.id,
            actor_user_id: row.actor_user_id,
            actor_token_id: row.actor_token_id,
            actor_label: row.actor_label,
            action: row.action,
            subject_type: row.subject_type,
            subject_id: row.subject_id,
            details: row.details,
            created_at: row.created_at,
        })
        .collect();
    Ok(Page::from_rows(entries, page, |entry| entry.id.0))
}
