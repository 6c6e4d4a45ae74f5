//! Posts: replies (optionally quoting a post of the same thread), edits with their history,
//! flags, and hiding or restoring by moderators.

use domain::Services;
use domain::forum::Revision;
use domain::forum::moderation;
use domain::forum::posts::{self, NewPost};
use domain::ids::{PostId, ThreadId};
use poem::Request;
use poem::web::Data;
use poem_openapi::param::Path;
use poem_openapi::payload::Json;
use poem_openapi::{ApiResponse, Object, OpenApi};

use super::ForumTags;
use super::threads::{PostOut, ReasonIn};
use crate::auth;
use crate::problem::ApiResult;

#[derive(Debug, Object)]
#[oai(rename = "PostCreate", deny_unknown_fields)]
pub struct PostCreate {
    /// Markdown; `@Display Name` mentions a member.
    #[oai(validator(max_length = 100000))]
    pub body: String,
    /// A post of the same thread that this reply quotes.
    pub quoted_post_id: Option<uuid::Uuid>,
}

#[derive(Debug, Object)]
#[oai(rename = "PostUpdate", deny_unknown_fields)]
pub struct PostUpdate {
    #[oai(validator(max_length = 100000))]
    pub body: String,
}

#[derive(Debug, Object)]
#[oai(rename = "FlagCreate", deny_unknown_fields)]
pub struct FlagCreate {
    #[oai(validator(max_length = 1000))]
    pub reason: String,
}

#[derive(Debug, Clone, Object)]
#[oai(rename = "PostRevision")]
pub struct RevisionOut {
    pub id: uuid::Uuid,
    /// The body before the edit, Markdown as written.
    pub body: String,
    pub body_html: String,
    pub edited_by_name: String,
    /// When this body was replaced.
    pub created_at: chrono::DateTime<chrono::Utc>,
}

impl From<Revision> for RevisionOut {
    fn from(r: Revision) -> Self {
        RevisionOut {
            id: r.id.0,
            body: r.body,
            body_html: r.body_html,
            edited_by_name: r.edited_by_name,
            created_at: r.created_at,
        }
    }
}

#[derive(Debug, Clone, Object)]
#[oai(rename = "PostRevisionList")]
pub struct RevisionList {
    /// Newest first.
    pub items: Vec<RevisionOut>,
}

#[derive(ApiResponse)]
enum Flagged {
    /// Flagged for the moderators.
    #[oai(status = 204)]
    Ok,
}

pub struct PostsApi;

#[OpenApi(tag = "ForumTags::Forum")]
impl PostsApi {
    /// Reply in a thread. A locked thread answers 409 `thread_locked`; a working group's thread
    /// needs membership of the group. The replier follows the thread.
    #[oai(path = "/networks/:slug/threads/:id/posts", method = "post")]
    async fn reply(
        &self,
        svc: Data<&Services>,
        req: &Request,
        slug: Path<String>,
        id: Path<uuid::Uuid>,
        body: Json<PostCreate>,
    ) -> ApiResult<Json<PostOut>> {
        let scope = auth::scope(&svc, req, &slug).await?;
        let body = body.0;
        let post = posts::reply(
            &svc,
            &scope,
            ThreadId(id.0),
            NewPost {
                body: body.body,
                quoted_post_id: body.quoted_post_id.map(PostId),
            },
        )
        .await?;
        Ok(Json(post.into()))
    }

    /// One post.
    #[oai(path = "/networks/:slug/posts/:id", method = "get")]
    async fn get(
        &self,
        svc: Data<&Services>,
        req: &Request,
        slug: Path<String>,
        id: Path<uuid::Uuid>,
    ) -> ApiResult<Json<PostOut>> {
        let scope = auth::scope(&svc, req, &slug).await?;
        Ok(Json(posts::get(&svc, &scope, PostId(id.0)).await?.into()))
    }

    /// Edit a post (its author while the thread is open, or a moderator); the previous body is
    /// kept in the history.
    #[oai(path = "/networks/:slug/posts/:id", method = "patch")]
    async fn edit(
        &self,
        svc: Data<&Services>,
        req: &Request,
        slug: Path<String>,
        id: Path<uuid::Uuid>,
        body: Json<PostUpdate>,
    ) -> ApiResult<Json<PostOut>> {
        let scope = auth::scope(&svc, req, &slug).await?;
        Ok(Json(
            posts::edit(&svc, &scope, PostId(id.0), &body.0.body)
                .await?
                .into(),
        ))
    }

    /// A post's earlier bodies, newest first.
    #[oai(path = "/networks/:slug/posts/:id/revisions", method = "get")]
    async fn revisions(
        &self,
        svc: Data<&Services>,
        req: &Request,
        slug: Path<String>,
        id: Path<uuid::Uuid>,
    ) -> ApiResult<Json<RevisionList>> {
        let scope = auth::scope(&svc, req, &slug).await?;
        let items = posts::revisions(&svc, &scope, PostId(id.0)).await?;
        Ok(Json(RevisionList {
            items: items.into_iter().map(Into::into).collect(),
        }))
    }

    /// Flag a post for the moderators, with a reason; once per person (409 `already_flagged`).
    #[oai(path = "/networks/:slug/posts/:id/flag", method = "post")]
    async fn flag(
        &self,
        svc: Data<&Services>,
        req: &Request,
        slug: Path<String>,
        id: Path<uuid::Uuid>,
        body: Json<FlagCreate>,
    ) -> ApiResult<Flagged> {
        let scope = auth::scope(&svc, req, &slug).await?;
        moderation::flag(&svc, &scope, PostId(id.0), &body.0.reason).await?;
        Ok(Flagged::Ok)
    }

    /// Hide a post, with a reason (moderators): others see that a moderator hid it.
    #[oai(path = "/networks/:slug/posts/:id/hide", method = "post")]
    async fn hide(
        &self,
        svc: Data<&Services>,
        req: &Request,
        slug: Path<String>,
        id: Path<uuid::Uuid>,
        body: Json<ReasonIn>,
    ) -> ApiResult<Json<PostOut>> {
        let scope = auth::scope(&svc, req, &slug).await?;
        Ok(Json(
            moderation::hide(&svc, &scope, PostId(id.0), &body.0.reason)
                .await?
                .into(),
        ))
    }

    /// Restore a hidden post, with a reason (moderators).
    #[oai(path = "/networks/:slug/posts/:id/restore", method = "post")]
    async fn restore(
        &self,
        svc: Data<&Services>,
        req: &Request,
        slug: Path<String>,
        id: Path<uuid::Uuid>,
        body: Json<ReasonIn>,
    ) -> ApiResult<Json<PostOut>> {
        let scope = auth::scope(&svc, req, &slug).await?;
        Ok(Json(
            moderation::restore(&svc, &scope, PostId(id.0), &body.0.reason)
                .await?
                .into(),
        ))
    }
}
