//! A thread's page and everything done on it: replying (with a quote), renaming, editing a post
//! and reading its history, flagging, and the moderators' hide, restore, lock and unlock.

use askama::Template;
use domain::forum::posts::{self, NewPost};
use domain::forum::threads::{self, Thread};
use domain::forum::{Post, Revision, moderation};
use domain::ids::{PostId, ThreadId};
use domain::material::Target;
use domain::notifications::{self, Subject};
use domain::pagination::PageRequest;
use poem::handler;
use poem::http::StatusCode;

use crate::context::Ctx;
use crate::forms::{FormErrors, form_failure};
use crate::material::{Attachments, FileRow, attachments};
use crate::render::{PageResult, page_with, see_other};

/// The reply form as sent (kept when it comes back with a message).
#[derive(Default)]
struct ReplyForm {
    body: String,
    quoted_post_id: String,
}

struct QuoteChoice {
    post_id: String,
    author_name: String,
}

#[derive(Template)]
#[template(path = "forum/thread.html")]
struct ThreadPage<'a> {
    ctx: &'a Ctx,
    thread: Thread,
    /// Where the thread lives: the category's or the group's page.
    place_href: String,
    place_name: String,
    next: Option<String>,
    reply: ReplyForm,
    quoting: Option<QuoteChoice>,
    errors: FormErrors,
    notice: Option<String>,
    follow_kind: &'static str,
    follow_id: String,
    following: bool,
    show_follow: bool,
    files: Vec<FileRow>,
    target_kind: &'static str,
    target_id: String,
    can_upload: bool,
    is_member: bool,
}

impl ThreadPage<'_> {
    fn flagged(&self, post: &Post) -> bool {
        self.thread.flagged_by_me.contains(&post.id)
    }

    fn own(&self, post: &Post) -> bool {
        post.author_id.is_some() && self.ctx.user.as_ref().map(|u| u.id) == post.author_id
    }
}

fn notice(ctx: &Ctx) -> Option<String> {
    let key = match ctx.query.get("notice") {
        "created" => "forum-notice-created",
        "replied" => "forum-notice-replied",
        "edited" => "forum-notice-edited",
        "renamed" => "forum-notice-renamed",
        "flagged" => "forum-notice-flagged",
        "hidden" => "forum-notice-hidden",
        "restored" => "forum-notice-restored",
        "locked" => "forum-notice-locked",
        "unlocked" => "forum-notice-unlocked",
        _ => return None,
    };
    Some(ctx.t(key))
}

async fn render_thread(
    ctx: &Ctx,
    id: ThreadId,
    status: StatusCode,
    reply: ReplyForm,
    errors: FormErrors,
) -> PageResult {
    let scope = ctx.scope()?;
    let svc = ctx.svc();
    let page = PageRequest::parse(Some(posts::PAGE), ctx.query.opt("cursor"))?;
    let thread = threads::get(svc, scope, id, page).await?;
    let (place_href, place_name) = match (thread.category_id, thread.group_id) {
        (Some(c), _) => (
            ctx.network_path(&format!("/forum/categories/{c}")),
            thread.category_name.clone().unwrap_or_default(),
        ),
        (None, Some(g)) => (
            ctx.network_path(&format!("/groups/{g}")),
            thread.group_name.clone().unwrap_or_default(),
        ),
        (None, None) => (ctx.network_path("/forum"), ctx.t("forum-title")),
    };
    // A quote chosen by the "Quote" link (or kept from the form that came back).
    let quote_param = if reply.quoted_post_id.is_empty() {
        ctx.query.get("quote").to_owned()
    } else {
        reply.quoted_post_id.clone()
    };
    let quoting = match quote_param.parse::<PostId>() {
        Ok(post_id) => match posts::get(svc, scope, post_id).await {
            Ok(post) if post.thread_id == id && !post.hidden => Some(QuoteChoice {
                post_id: post.id.to_string(),
                author_name: post.author_name,
            }),
            _ => None,
        },
        Err(_) => None,
    };
    let is_member = ctx.is_member();
    let show_follow = is_member && scope.user_id().is_some();
    let following = if show_follow {
        notifications::is_following(svc, scope, Subject::Thread(id)).await?
    } else {
        false
    };
    let Attachments {
        files,
        target_kind,
        target_id,
        can_upload,
    } = attachments(ctx, Target::Thread(id)).await?;
    let next = thread
        .posts
        .next_cursor
        .as_ref()
        .map(|c| ctx.network_path(&format!("/threads/{id}?cursor={c}")));
    page_with(
        status,
        &ThreadPage {
            ctx,
            place_href,
            place_name,
            next,
            reply,
            quoting,
            errors,
            notice: notice(ctx),
            follow_kind: "thread",
            follow_id: id.to_string(),
            following,
            show_follow,
            files,
            target_kind,
            target_id,
            can_upload,
            is_member,
            thread,
        },
    )
}

#[handler]
pub(crate) async fn show(ctx: &Ctx) -> PageResult {
    let id: ThreadId = ctx.id("id")?;
    render_thread(
        ctx,
        id,
        StatusCode::OK,
        ReplyForm::default(),
        FormErrors::none(),
    )
    .await
}

fn thread_path(ctx: &Ctx, id: impl std::fmt::Display, notice: &str, anchor: &str) -> String {
    ctx.network_path(&format!("/threads/{id}?notice={notice}{anchor}"))
}

#[handler]
pub(crate) async fn post_reply(ctx: &Ctx) -> PageResult {
    let scope = ctx.scope()?;
    let id: ThreadId = ctx.id("id")?;
    let form = ReplyForm {
        body: ctx.form.get("body").to_owned(),
        quoted_post_id: ctx.form.get("quoted_post_id").to_owned(),
    };
    let input = NewPost {
        body: form.body.clone(),
        quoted_post_id: form.quoted_post_id.parse().ok(),
    };
    match posts::reply(ctx.svc(), scope, id, input).await {
        Ok(post) => Ok(see_other(&thread_path(
            ctx,
            id,
            "replied",
            &format!("#post-{}", post.id),
        ))),
        Err(err) => {
            let (status, errors) = form_failure(ctx, err, &["body"])?;
            render_thread(ctx, id, status, form, errors).await
        }
    }
}

/// A moderator's or flagger's form that the domain refused: the thread's page with the message.
async fn refused(ctx: &Ctx, thread_id: ThreadId, err: domain::Error) -> PageResult {
    let (status, errors) = form_failure(ctx, err, &[])?;
    render_thread(ctx, thread_id, status, ReplyForm::default(), errors).await
}

#[handler]
pub(crate) async fn rename(ctx: &Ctx) -> PageResult {
    let scope = ctx.scope()?;
    let id: ThreadId = ctx.id("id")?;
    match threads::rename(ctx.svc(), scope, id, ctx.form.get("title")).await {
        Ok(_) => Ok(see_other(&thread_path(ctx, id, "renamed", ""))),
        Err(err) => refused(ctx, id, err).await,
    }
}

async fn set_locked(ctx: &Ctx, locked: bool) -> PageResult {
    let scope = ctx.scope()?;
    let id: ThreadId = ctx.id("id")?;
    let reason = ctx.form.get("reason");
    match moderation::set_locked(ctx.svc(), scope, id, locked, reason).await {
        Ok(()) => Ok(see_other(&thread_path(
            ctx,
            id,
            if locked { "locked" } else { "unlocked" },
            "",
        ))),
        Err(err) => refused(ctx, id, err).await,
    }
}

#[handler]
pub(crate) async fn lock(ctx: &Ctx) -> PageResult {
    set_locked(ctx, true).await
}

#[handler]
pub(crate) async fn unlock(ctx: &Ctx) -> PageResult {
    set_locked(ctx, false).await
}

#[derive(Template)]
#[template(path = "forum/edit_post.html")]
struct EditPage<'a> {
    ctx: &'a Ctx,
    post: Post,
    thread_href: String,
    body: String,
    errors: FormErrors,
}

async fn render_edit(
    ctx: &Ctx,
    status: StatusCode,
    body: Option<String>,
    errors: FormErrors,
) -> PageResult {
    let scope = ctx.scope()?;
    let id: PostId = ctx.id("id")?;
    let post = posts::get(ctx.svc(), scope, id).await?;
    if !post.editable {
        return Err(domain::Error::Forbidden.into());
    }
    page_with(
        status,
        &EditPage {
            ctx,
            thread_href: ctx.network_path(&format!("/threads/{}#post-{id}", post.thread_id)),
            body: body.unwrap_or_else(|| post.body.clone()),
            post,
            errors,
        },
    )
}

#[handler]
pub(crate) async fn edit_form(ctx: &Ctx) -> PageResult {
    render_edit(ctx, StatusCode::OK, None, FormErrors::none()).await
}

#[handler]
pub(crate) async fn edit(ctx: &Ctx) -> PageResult {
    let scope = ctx.scope()?;
    let id: PostId = ctx.id("id")?;
    let body = ctx.form.get("body").to_owned();
    match posts::edit(ctx.svc(), scope, id, &body).await {
        Ok(post) => Ok(see_other(&thread_path(
            ctx,
            post.thread_id,
            "edited",
            &format!("#post-{id}"),
        ))),
        Err(err) => {
            let (status, errors) = form_failure(ctx, err, &["body"])?;
            render_edit(ctx, status, Some(body), errors).await
        }
    }
}

#[derive(Template)]
#[template(path = "forum/history.html")]
struct HistoryPage<'a> {
    ctx: &'a Ctx,
    post: Post,
    thread_href: String,
    revisions: Vec<Revision>,
}

#[handler]
pub(crate) async fn history(ctx: &Ctx) -> PageResult {
    let scope = ctx.scope()?;
    let id: PostId = ctx.id("id")?;
    let revisions = posts::revisions(ctx.svc(), scope, id).await?;
    let post = posts::get(ctx.svc(), scope, id).await?;
    page_with(
        StatusCode::OK,
        &HistoryPage {
            ctx,
            thread_href: ctx.network_path(&format!("/threads/{}#post-{id}", post.thread_id)),
            post,
            revisions,
        },
    )
}

/// The thread of a post named in the path (404 if the caller cannot see it).
async fn post_thread(ctx: &Ctx) -> Result<(PostId, ThreadId), crate::errors::WebError> {
    let id: PostId = ctx.id("id")?;
    let post = posts::get(ctx.svc(), ctx.scope()?, id).await?;
    Ok((id, post.thread_id))
}

#[handler]
pub(crate) async fn flag(ctx: &Ctx) -> PageResult {
    let (id, thread_id) = post_thread(ctx).await?;
    match moderation::flag(ctx.svc(), ctx.scope()?, id, ctx.form.get("reason")).await {
        Ok(()) => Ok(see_other(&thread_path(
            ctx,
            thread_id,
            "flagged",
            &format!("#post-{id}"),
        ))),
        Err(err) => refused(ctx, thread_id, err).await,
    }
}

async fn set_hidden(ctx: &Ctx, hidden: bool) -> PageResult {
    let (id, thread_id) = post_thread(ctx).await?;
    let scope = ctx.scope()?;
    let reason = ctx.form.get("reason");
    let done = if hidden {
        moderation::hide(ctx.svc(), scope, id, reason).await
    } else {
        moderation::restore(ctx.svc(), scope, id, reason).await
    };
    match done {
        Ok(_) => Ok(see_other(&thread_path(
            ctx,
            thread_id,
            if hidden { "hidden" } else { "restored" },
            &format!("#post-{id}"),
        ))),
        Err(err) => refused(ctx, thread_id, err).await,
    }
}

#[handler]
pub(crate) async fn hide(ctx: &Ctx) -> PageResult {
    set_hidden(ctx, true).await
}

#[handler]
pub(crate) async fn restore(ctx: &Ctx) -> PageResult {
    set_hidden(ctx, false).await
}
