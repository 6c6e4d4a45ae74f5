//! The audit log (coordinators).

use domain::Services;
use domain::audit::{self, AuditEntry};
use poem::Request;
use poem::web::Data;
use poem_openapi::param::{Path, Query};
use poem_openapi::payload::Json;
use poem_openapi::types::Any;
use poem_openapi::{Object, OpenApi};

use crate::ApiTags;
use crate::auth;
use crate::people::page;
use crate::problem::ApiResult;
use crate::types::page;

#[derive(Debug, Clone, Object)]
#[oai(rename = "AuditEntry", skip_serializing_if_is_none)]
pub struct AuditEntryOut {
    pub id: uuid::Uuid,
    pub actor_user_id: Option<uuid::Uuid>,
    pub actor_token_id: Option<uuid::Uuid>,
    /// Who did it, as shown in the log.
    pub actor: String,
    /// e.g. `member.updated`, `token.created`, `invitation.revoked`.
    pub action: String,
    pub subject_type: String,
    pub subject_id: Option<uuid::Uuid>,
    pub details: Any<serde_json::Value>,
    pub created_at: chrono::DateTime<chrono::Utc>,
}

impl From<AuditEntry> for AuditEntryOut {
    fn from(e: AuditEntry) -> Self {
        AuditEntryOut {
            id: e.id.0,
            actor_user_id: e.actor_user_id.map(|id| id.0),
            actor_token_id: e.actor_token_id.map(|id| id.0),
            actor: e.actor_label,
            action: e.action,
            subject_type: e.subject_type,
            subject_id: e.subject_id,
            details: Any(e.details),
            created_at: e.created_at,
        }
    }
}

page!(AuditPage, AuditEntryOut);

pub struct AuditApi;

#[OpenApi(tag = "ApiTags::Audit")]
impl AuditApi {
    /// Changes of roles, members, invitations, groups, tokens and settings, newest first.
    #[oai(path = "/networks/:slug/audit-log", method = "get")]
    async fn list(
        &self,
        svc: Data<&Services>,
        req: &Request,
        slug: Path<String>,
        #[oai(validator(minimum(value = "1"), maximum(value = "100")))] limit: Query<Option<u64>>,
        #[oai(validator(max_length = 100))] cursor: Query<Option<String>>,
    ) -> ApiResult<Json<AuditPage>> {
        let scope = auth::scope(&svc, req, &slug).await?;
        Ok(Json(
            audit::list(&svc, &scope, page(limit, cursor)?)
                .await?
                .into(),
        ))
    }
}
