//! Threads: lists by category or group (latest activity first), a thread with its posts page by
//! page (oldest first), starting, renaming, moving, locking and unlocking.

use domain::Services;
use domain::forum::moderation;
use domain::forum::threads::{self, NewThread, Thread, ThreadFilter};
use domain::forum::{Post, Quote, ThreadSummary};
use domain::ids::{CategoryId, GroupId, ThreadId};
use poem::Request;
use poem::web::Data;
use poem_openapi::param::{Path, Query};
use poem_openapi::payload::Json;
use poem_openapi::{ApiResponse, Object, OpenApi};

use super::ForumTags;
use crate::auth;
use crate::people::page;
use crate::problem::{ApiError, ApiResult};
use crate::types::page;

#[derive(Debug, Clone, Object)]
#[oai(rename = "ThreadSummary", skip_serializing_if_is_none)]
pub struct ThreadSummaryOut {
    pub id: uuid::Uuid,
    pub category_id: Option<uuid::Uuid>,
    pub group_id: Option<uuid::Uuid>,
    pub title: String,
    pub author_name: String,
    pub locked: bool,
    pub reply_count: u64,
    pub last_post_at: chrono::DateTime<chrono::Utc>,
    pub created_at: chrono::DateTime<chrono::Utc>,
}

impl From<ThreadSummary> for ThreadSummaryOut {
    fn from(t: ThreadSummary) -> Self {
        ThreadSummaryOut {
            id: t.id.0,
            category_id: t.category_id.map(|c| c.0),
            group_id: t.group_id.map(|g| g.0),
            title: t.title,
            author_name: t.author_name,
            locked: t.locked,
            reply_count: t.reply_count,
            last_post_at: t.last_post_at,
            created_at: t.created_at,
        }
    }
}

page!(ThreadPage, ThreadSummaryOut);

/// The post a reply quotes.
#[derive(Debug, Clone, Object)]
#[oai(rename = "PostQuote")]
pub struct QuoteOut {
    pub post_id: uuid::Uuid,
    pub author_name: String,
    /// Safe HTML; empty when the quoted post is hidden from the caller.
    pub body_html: String,
    pub hidden: bool,
}

impl From<Quote> for QuoteOut {
    fn from(q: Quote) -> Self {
        QuoteOut {
            post_id: q.post_id.0,
            author_name: q.author_name,
            body_html: q.body_html,
            hidden: q.hidden,
        }
    }
}

#[derive(Debug, Clone, Object)]
#[oai(rename = "Post", skip_serializing_if_is_none)]
pub struct PostOut {
    pub id: uuid::Uuid,
    pub thread_id: uuid::Uuid,
    pub author_id: Option<uuid::Uuid>,
    pub author_name: String,
    /// Markdown as written; empty when hidden by a moderator (moderators still read it).
    pub body: String,
    /// Safe HTML with @mentions emphasised.
    pub body_html: String,
    pub quote: Option<QuoteOut>,
    pub hidden: bool,
    /// Why it was hidden; given to moderators only.
    pub hidden_reason: Option<String>,
    pub edited_at: Option<chrono::DateTime<chrono::Utc>>,
    pub created_at: chrono::DateTime<chrono::Utc>,
    /// May the caller edit it?
    pub editable: bool,
}

impl From<Post> for PostOut {
    fn from(p: Post) -> Self {
        PostOut {
            id: p.id.0,
            thread_id: p.thread_id.0,
            author_id: p.author_id.map(|a| a.0),
            author_name: p.author_name,
            body: p.body,
            body_html: p.body_html,
            quote: p.quote.map(Into::into),
            hidden: p.hidden,
            hidden_reason: (!p.hidden_reason.is_empty()).then_some(p.hidden_reason),
            edited_at: p.edited_at,
            created_at: p.created_at,
            editable: p.editable,
        }
    }
}

page!(PostPage, PostOut);

#[derive(Debug, Clone, Object)]
#[oai(rename = "Thread", skip_serializing_if_is_none)]
pub struct ThreadOut {
    pub id: uuid::Uuid,
    pub category_id: Option<uuid::Uuid>,
    pub category_name: Option<String>,
    pub group_id: Option<uuid::Uuid>,
    pub group_name: Option<String>,
    pub title: String,
    pub author_name: String,
    pub locked: bool,
    pub reply_count: u64,
    pub last_post_at: chrono::DateTime<chrono::Utc>,
    pub created_at: chrono::DateTime<chrono::Utc>,
    pub can_reply: bool,
    pub can_moderate: bool,
    /// One page of posts, oldest first; pass `next_cursor` as `cursor` for the next.
    pub posts: PostPage,
}

impl From<Thread> for ThreadOut {
    fn from(t: Thread) -> Self {
        ThreadOut {
            id: t.id.0,
            category_id: t.category_id.map(|c| c.0),
            category_name: t.category_name,
            group_id: t.group_id.map(|g| g.0),
            group_name: t.group_name,
            title: t.title,
            author_name: t.author_name,
            locked: t.locked,
            reply_count: t.reply_count,
            last_post_at: t.last_post_at,
            created_at: t.created_at,
            can_reply: t.can_reply,
            can_moderate: t.can_moderate,
            posts: t.posts.into(),
        }
    }
}

#[derive(Debug, Object)]
#[oai(rename = "ThreadCreate", deny_unknown_fields)]
pub struct ThreadCreate {
    /// A category for a network-wide thread, or…
    pub category_id: Option<uuid::Uuid>,
    /// …a working group the caller belongs to (exactly one of the two).
    pub group_id: Option<uuid::Uuid>,
    #[oai(validator(max_length = 200))]
    pub title: String,
    /// Markdown; `@Display Name` mentions a member.
    #[oai(validator(max_length = 100000))]
    pub body: String,
}

#[derive(Debug, Object)]
#[oai(rename = "ThreadUpdate", deny_unknown_fields)]
pub struct ThreadUpdate {
    #[oai(validator(max_length = 200))]
    pub title: String,
}

#[derive(Debug, Object)]
#[oai(rename = "ThreadMove", deny_unknown_fields)]
pub struct ThreadMove {
    /// A category to move it to, or…
    pub category_id: Option<uuid::Uuid>,
    /// …a working group (exactly one of the two).
    pub group_id: Option<uuid::Uuid>,
    #[oai(validator(max_length = 1000), default)]
    pub reason: String,
}

#[derive(Debug, Object)]
#[oai(rename = "ModerationReason", deny_unknown_fields)]
pub struct ReasonIn {
    #[oai(validator(max_length = 1000), default)]
    pub reason: String,
}

#[derive(ApiResponse)]
enum Done {
    /// Done.
    #[oai(status = 204)]
    Ok,
}

pub struct ThreadsApi;

#[OpenApi(tag = "ForumTags::Forum")]
impl ThreadsApi {
    /// Threads the caller may read, latest activity first: of one category, of one working
    /// group, or (with neither) all of them. A closed group's threads are absent for outsiders.
    #[oai(path = "/networks/:slug/threads", method = "get")]
    #[allow(clippy::too_many_arguments)]
    async fn list(
        &self,
        svc: Data<&Services>,
        req: &Request,
        slug: Path<String>,
        category_id: Query<Option<uuid::Uuid>>,
        group_id: Query<Option<uuid::Uuid>>,
        #[oai(validator(minimum(value = "1"), maximum(value = "100")))] limit: Query<Option<u64>>,
        #[oai(validator(max_length = 100))] cursor: Query<Option<String>>,
    ) -> ApiResult<Json<ThreadPage>> {
        let scope = auth::scope(&svc, req, &slug).await?;
        let filter = match (category_id.0, group_id.0) {
            (Some(c), None) => ThreadFilter::Category(CategoryId(c)),
            (None, Some(g)) => ThreadFilter::Group(GroupId(g)),
            (None, None) => ThreadFilter::All,
            (Some(_), Some(_)) => {
                return Err(ApiError::from(domain::Error::invalid(
                    "group_id", "invalid",
                )));
            }
        };
        Ok(Json(
            threads::list(&svc, &scope, filter, page(limit, cursor)?)
                .await?
                .into(),
        ))
    }

    /// Start a thread with its first post, in a category or in a working group the caller is
    /// in. The author follows it.
    #[oai(path = "/networks/:slug/threads", method = "post")]
    async fn create(
        &self,
        svc: Data<&Services>,
        req: &Request,
        slug: Path<String>,
        body: Json<ThreadCreate>,
    ) -> ApiResult<Json<ThreadOut>> {
        let scope = auth::scope(&svc, req, &slug).await?;
        let body = body.0;
        let created = threads::create(
            &svc,
            &scope,
            NewThread {
                category_id: body.category_id.map(CategoryId),
                group_id: body.group_id.map(GroupId),
                title: body.title,
                body: body.body,
            },
        )
        .await?;
        Ok(Json(created.into()))
    }

    /// A thread with one page of its posts, oldest first.
    #[oai(path = "/networks/:slug/threads/:id", method = "get")]
    async fn get(
        &self,
        svc: Data<&Services>,
        req: &Request,
        slug: Path<String>,
        id: Path<uuid::Uuid>,
        #[oai(validator(minimum(value = "1"), maximum(value = "100")))] limit: Query<Option<u64>>,
        #[oai(validator(max_length = 100))] cursor: Query<Option<String>>,
    ) -> ApiResult<Json<ThreadOut>> {
        let scope = auth::scope(&svc, req, &slug).await?;
        let page = page(limit, cursor)?;
        Ok(Json(
            threads::get(&svc, &scope, ThreadId(id.0), page)
                .await?
                .into(),
        ))
    }

    /// Rename a thread (its author while it is open, or a moderator).
    #[oai(path = "/networks/:slug/threads/:id", method = "patch")]
    async fn update(
        &self,
        svc: Data<&Services>,
        req: &Request,
        slug: Path<String>,
        id: Path<uuid::Uuid>,
        body: Json<ThreadUpdate>,
    ) -> ApiResult<Json<ThreadOut>> {
        let scope = auth::scope(&svc, req, &slug).await?;
        Ok(Json(
            threads::rename(&svc, &scope, ThreadId(id.0), &body.0.title)
                .await?
                .into(),
        ))
    }

    /// Move a thread to a category or a working group (the network's moderators). Who may read
    /// and find it, its replies and its files follows its new place. Written to the moderation
    /// log.
    #[oai(path = "/networks/:slug/threads/:id/move", method = "post")]
    async fn move_thread(
        &self,
        svc: Data<&Services>,
        req: &Request,
        slug: Path<String>,
        id: Path<uuid::Uuid>,
        body: Json<ThreadMove>,
    ) -> ApiResult<Done> {
        let scope = auth::scope(&svc, req, &slug).await?;
        let body = body.0;
        moderation::move_thread(
            &svc,
            &scope,
            ThreadId(id.0),
            body.category_id.map(CategoryId),
            body.group_id.map(GroupId),
            &body.reason,
        )
        .await?;
        Ok(Done::Ok)
    }

    /// Lock a thread: it takes no new posts (moderators). Written to the moderation log.
    #[oai(path = "/networks/:slug/threads/:id/lock", method = "post")]
    async fn lock(
        &self,
        svc: Data<&Services>,
        req: &Request,
        slug: Path<String>,
        id: Path<uuid::Uuid>,
        body: Json<ReasonIn>,
    ) -> ApiResult<Done> {
        let scope = auth::scope(&svc, req, &slug).await?;
        moderation::set_locked(&svc, &scope, ThreadId(id.0), true, &body.0.reason).await?;
        Ok(Done::Ok)
    }

    /// Unlock a thread (moderators). Written to the moderation log.
    #[oai(path = "/networks/:slug/threads/:id/unlock", method = "post")]
    async fn unlock(
        &self,
        svc: Data<&Services>,
        req: &Request,
        slug: Path<String>,
        id: Path<uuid::Uuid>,
        body: Json<ReasonIn>,
    ) -> ApiResult<Done> {
        let scope = auth::scope(&svc, req, &slug).await?;
        moderation::set_locked(&svc, &scope, ThreadId(id.0), false, &body.0.reason).await?;
        Ok(Done::Ok)
    }
}
