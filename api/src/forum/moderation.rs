//! What coordinators moderate: the open flags and the moderation log.

use domain::Services;
use domain::forum::moderation::{self, Flag, LogEntry};
use poem::Request;
use poem::web::Data;
use poem_openapi::param::{Path, Query};
use poem_openapi::payload::Json;
use poem_openapi::{Object, OpenApi};

use super::ForumTags;
use crate::auth;
use crate::people::page;
use crate::problem::ApiResult;
use crate::types::page;

#[derive(Debug, Clone, Object)]
#[oai(rename = "PostFlag")]
pub struct FlagOut {
    pub id: uuid::Uuid,
    pub post_id: uuid::Uuid,
    pub thread_id: uuid::Uuid,
    pub thread_title: String,
    pub flagged_by_name: String,
    pub reason: String,
    pub post_hidden: bool,
    pub created_at: chrono::DateTime<chrono::Utc>,
}

impl From<Flag> for FlagOut {
    fn from(f: Flag) -> Self {
        FlagOut {
            id: f.id.0,
            post_id: f.post_id.0,
            thread_id: f.thread_id.0,
            thread_title: f.thread_title,
            flagged_by_name: f.flagged_by_name,
            reason: f.reason,
            post_hidden: f.post_hidden,
            created_at: f.created_at,
        }
    }
}

page!(FlagPage, FlagOut);

#[derive(Debug, Clone, Object)]
#[oai(rename = "ModerationEntry", skip_serializing_if_is_none)]
pub struct LogEntryOut {
    pub id: uuid::Uuid,
    pub actor: String,
    /// `hide`, `restore`, `lock` or `unlock`.
    pub action: String,
    pub thread_id: Option<uuid::Uuid>,
    pub post_id: Option<uuid::Uuid>,
    pub reason: String,
    pub created_at: chrono::DateTime<chrono::Utc>,
}

impl From<LogEntry> for LogEntryOut {
    fn from(e: LogEntry) -> Self {
        LogEntryOut {
            id: e.id.0,
            actor: e.actor,
            action: e.action,
            thread_id: e.thread_id.map(|t| t.0),
            post_id: e.post_id.map(|p| p.0),
            reason: e.reason,
            created_at: e.created_at,
        }
    }
}

page!(LogPage, LogEntryOut);

pub struct ModerationApi;

#[OpenApi(tag = "ForumTags::Forum")]
impl ModerationApi {
    /// Open flags, newest first (coordinators).
    #[oai(path = "/networks/:slug/moderation/flags", method = "get")]
    async fn flags(
        &self,
        svc: Data<&Services>,
        req: &Request,
        slug: Path<String>,
        #[oai(validator(minimum(value = "1"), maximum(value = "100")))] limit: Query<Option<u64>>,
        #[oai(validator(max_length = 100))] cursor: Query<Option<String>>,
    ) -> ApiResult<Json<FlagPage>> {
        let scope = auth::scope(&svc, req, &slug).await?;
        Ok(Json(
            moderation::open_flags(&svc, &scope, page(limit, cursor)?)
                .await?
                .into(),
        ))
    }

    /// The moderation log, newest first (coordinators).
    #[oai(path = "/networks/:slug/moderation/log", method = "get")]
    async fn log(
        &self,
        svc: Data<&Services>,
        req: &Request,
        slug: Path<String>,
        #[oai(validator(minimum(value = "1"), maximum(value = "100")))] limit: Query<Option<u64>>,
        #[oai(validator(max_length = 100))] cursor: Query<Option<String>>,
    ) -> ApiResult<Json<LogPage>> {
        let scope = auth::scope(&svc, req, &slug).await?;
        Ok(Json(
            moderation::log_entries(&svc, &scope, page(limit, cursor)?)
                .await?
                .into(),
        ))
    }
}
