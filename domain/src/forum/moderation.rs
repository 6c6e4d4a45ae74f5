//! Moderation: any member who reads a post may flag it once, with a reason; moderators (the
//! network's coordinators, and a group's coordinators for its threads) hide or restore a post
//! with a reason and lock or unlock a thread. Hiding or restoring resolves the post's open flags.
//! Every action is written to the moderation log, which coordinators read with the open flags.

use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, QueryFilter, QuerySelect,
};

use super::access::{can_moderate, find_visible_post, find_visible_thread};
use super::{Post, user_names};
use crate::Services;
use crate::entities::{moderation_entry, post, post_flag, thread};
use crate::error::{Error, Result};
use crate::ids::{CategoryId, FlagId, GroupId, ModerationEntryId, PostId, ThreadId};
use crate::jobs::{self, Task};
use crate::pagination::{Page, PageRequest, keyset};
use crate::policy::Action;
use crate::tenancy::TenantScope;
use crate::text::Validator;

/// Longest reason for a flag or a moderation action.
pub const REASON_MAX: usize = 1_000;

/// An open flag, as moderators see it.
#[derive(Clone, Debug)]
pub struct Flag {
    pub id: FlagId,
    pub post_id: PostId,
    pub thread_id: ThreadId,
    pub thread_title: String,
    pub flagged_by_name: String,
    pub reason: String,
    pub post_hidden: bool,
    pub created_at: DateTime<Utc>,
}

/// One moderation action.
#[derive(Clone, Debug)]
pub struct LogEntry {
    pub id: ModerationEntryId,
    pub actor: String,
    /// `hide`, `restore`, `lock`, `unlock`.
    pub action: String,
    pub thread_id: Option<ThreadId>,
    pub post_id: Option<PostId>,
    pub reason: String,
    pub created_at: DateTime<Utc>,
}

fn reason(value: &str, required: bool) -> Result<String> {
    let mut v = Validator::new();
    let reason = if required {
        v.required("reason", value, REASON_MAX)
    } else {
        v.optional("reason", value, REASON_MAX)
    };
    v.finish()?;
    Ok(reason)
}

async fn log(
    conn: &impl ConnectionTrait,
    svc: &Services,
    scope: &TenantScope,
    action: &str,
    thread_id: ThreadId,
    post_id: Option<PostId>,
    reason: &str,
) -> Result<()> {
    moderation_entry::ActiveModel {
        id: Set(ModerationEntryId::new()),
        tenant_id: Set(scope.tenant_id()),
        actor: Set(scope.actor_label()),
        action: Set(action.to_owned()),
        thread_id: Set(Some(thread_id)),
        post_id: Set(post_id),
        reason: Set(reason.to_owned()),
        created_at: Set(svc.now()),
    }
    .insert(conn)
    .await?;
    Ok(())
}

/// Of these posts, the ones the actor has flagged.
pub(crate) async fn flagged_by(
    conn: &impl ConnectionTrait,
    scope: &TenantScope,
    posts: impl IntoIterator<Item = PostId>,
) -> Result<Vec<PostId>> {
    let Some(user) = scope.user_id() else {
        return Ok(Vec::new());
    };
    let posts: Vec<PostId> = posts.into_iter().collect();
    if posts.is_empty() {
        return Ok(Vec::new());
    }
    Ok(scope
        .find::<post_flag::Entity>()
        .select_only()
        .column(post_flag::Column::PostId)
        .filter(post_flag::Column::FlaggedBy.eq(user))
        .filter(post_flag::Column::PostId.is_in(posts))
        .into_tuple()
        .all(conn)
        .await?)
}

/// Flags a post for the moderators, once per person (`already_flagged`).
pub async fn flag(svc: &Services, scope: &TenantScope, id: PostId, why: &str) -> Result<()> {
    let txn = svc.db.begin_write().await?;
    // An id of another network is not found, whatever the reason says.
    find_visible_post(&txn, scope, id).await?;
    let why = reason(why, true)?;
    let Some(member) = scope.member() else {
        return Err(Error::Forbidden);
    };
    let existing = flagged_by(&txn, scope, [id]).await?;
    if !existing.is_empty() {
        return Err(Error::conflict("already_flagged"));
    }
    post_flag::ActiveModel {
        id: Set(FlagId::new()),
        tenant_id: Set(scope.tenant_id()),
        post_id: Set(id),
        flagged_by: Set(member.user_id),
        reason: Set(why),
        created_at: Set(svc.now()),
        resolved_at: Set(None),
    }
    .insert(&txn)
    .await?;
    txn.commit().await?;
    Ok(())
}

async fn set_hidden(
    svc: &Services,
    scope: &TenantScope,
    id: PostId,
    hidden: bool,
    why: &str,
) -> Result<Post> {
    let txn = svc.db.begin_write().await?;
    let (thread, current) = find_visible_post(&txn, scope, id).await?;
    if !can_moderate(scope, &thread) {
        return Err(Error::Forbidden);
    }
    let why = reason(why, true)?;
    let now = svc.now();
    let mut model: post::ActiveModel = current.into();
    model.hidden = Set(hidden);
    model.hidden_reason = Set(if hidden { why.clone() } else { String::new() });
    model.updated_at = Set(now);
    let model = model.update(&txn).await?;
    scope
        .update_many::<post_flag::Entity>()
        .col_expr(post_flag::Column::ResolvedAt, Expr::value(now))
        .filter(post_flag::Column::PostId.eq(id))
        .filter(post_flag::Column::ResolvedAt.is_null())
        .exec(&txn)
        .await?;
    let action = if hidden { "hide" } else { "restore" };
    log(&txn, svc, scope, action, thread.id, Some(id), &why).await?;
    jobs::enqueue(
        &txn,
        svc,
        Some(scope.tenant_id()),
        &Task::IndexThread {
            thread_id: thread.id,
        },
    )
    .await?;
    txn.commit().await?;
    super::posts::views(svc.db.conn(), scope, &thread, vec![model])
        .await?
        .pop()
        .ok_or(Error::NotFound)
}

/// Hides a post: others see "hidden by a moderator", moderators still read it; it leaves search.
pub async fn hide(svc: &Services, scope: &TenantScope, id: PostId, why: &str) -> Result<Post> {
    set_hidden(svc, scope, id, true, why).await
}

pub async fn restore(svc: &Services, scope: &TenantScope, id: PostId, why: &str) -> Result<Post> {
    set_hidden(svc, scope, id, false, why).await
}

/// Moves a thread to a category or a working group — exactly one of the two — (the network's
/// moderators: moving changes who may read it, so a group's own coordinators may not move a
/// thread out of their group). Who may find it, its replies and its files in search follows
/// through its source job.
pub async fn move_thread(
    svc: &Services,
    scope: &TenantScope,
    id: ThreadId,
    category_id: Option<CategoryId>,
    group_id: Option<GroupId>,
    why: &str,
) -> Result<()> {
    let txn = svc.db.begin_write().await?;
    let current = find_visible_thread(&txn, scope, id).await?;
    if !scope.can(Action::Moderate) {
        return Err(Error::Forbidden);
    }
    let why = reason(why, false)?;
    let (category_id, group_id) = match (category_id, group_id) {
        (None, None) => return Err(Error::invalid("category_id", crate::text::CODE_REQUIRED)),
        (Some(_), Some(_)) => return Err(Error::invalid("group_id", crate::text::CODE_INVALID)),
        (Some(category), None) => {
            super::categories::find(&txn, scope, category)
                .await
                .map_err(|_| Error::invalid("category_id", "unknown"))?;
            (Some(category), None)
        }
        (None, Some(group)) => {
            crate::people::groups::find(&txn, scope, group)
                .await
                .map_err(|_| Error::invalid("group_id", "unknown"))?;
            (None, Some(group))
        }
    };
    if current.category_id == category_id && current.group_id == group_id {
        txn.commit().await?;
        return Ok(());
    }
    let mut model: thread::ActiveModel = current.into();
    model.category_id = Set(category_id);
    model.group_id = Set(group_id);
    model.updated_at = Set(svc.now());
    model.update(&txn).await?;
    log(&txn, svc, scope, "move", id, None, &why).await?;
    jobs::enqueue(
        &txn,
        svc,
        Some(scope.tenant_id()),
        &Task::IndexThread { thread_id: id },
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// Locks (no new posts) or unlocks a thread; the reason is optional.
pub async fn set_locked(
    svc: &Services,
    scope: &TenantScope,
    id: ThreadId,
    locked: bool,
    why: &str,
) -> Result<()> {
    let why = reason(why, false)?;
    let txn = svc.db.begin_write().await?;
    let current = find_visible_thread(&txn, scope, id).await?;
    if !can_moderate(scope, &current) {
        return Err(Error::Forbidden);
    }
    let mut model: thread::ActiveModel = current.into();
    model.locked = Set(locked);
    model.updated_at = Set(svc.now());
    model.update(&txn).await?;
    let action = if locked { "lock" } else { "unlock" };
    log(&txn, svc, scope, action, id, None, &why).await?;
    txn.commit().await?;
    Ok(())
}

/// Open flags, newest first (coordinators).
pub async fn open_flags(
    svc: &Services,
    scope: &TenantScope,
    page: PageRequest,
) -> Result<Page<Flag>> {
    scope.require(Action::Moderate)?;
    let conn = svc.db.conn();
    let rows = keyset(
        scope
            .find::<post_flag::Entity>()
            .filter(post_flag::Column::ResolvedAt.is_null()),
        post_flag::Column::Id,
        page,
    )
    .all(conn)
    .await?;
    let post_ids: Vec<PostId> = rows.iter().map(|f| f.post_id).collect();
    let posts: Vec<post::Model> = if post_ids.is_empty() {
        Vec::new()
    } else {
        scope
            .find::<post::Entity>()
            .filter(post::Column::Id.is_in(post_ids))
            .all(conn)
            .await?
    };
    let thread_ids: Vec<ThreadId> = posts.iter().map(|p| p.thread_id).collect();
    let threads: Vec<thread::Model> = if thread_ids.is_empty() {
        Vec::new()
    } else {
        scope
            .find::<thread::Entity>()
            .filter(thread::Column::Id.is_in(thread_ids))
            .all(conn)
            .await?
    };
    let names = user_names(conn, rows.iter().map(|f| f.flagged_by)).await?;
    let flags = rows
        .into_iter()
        .filter_map(|f| {
            let post = posts.iter().find(|p| p.id == f.post_id)?;
            let thread = threads.iter().find(|t| t.id == post.thread_id)?;
            Some(Flag {
                id: f.id,
                post_id: f.post_id,
                thread_id: thread.id,
                thread_title: thread.title.clone(),
                flagged_by_name: names.get(&f.flagged_by).cloned().unwrap_or_default(),
                reason: f.reason,
                post_hidden: post.hidden,
                created_at: f.created_at,
            })
        })
        .collect();
    Ok(Page::from_rows(flags, page, |f: &Flag| f.id.0))
}

/// The moderation log, newest first (coordinators).
pub async fn log_entries(
    svc: &Services,
    scope: &TenantScope,
    page: PageRequest,
) -> Result<Page<LogEntry>> {
    scope.require(Action::Moderate)?;
    let rows = keyset(
        scope.find::<moderation_entry::Entity>(),
        moderation_entry::Column::Id,
        page,
    )
    .all(svc.db.conn())
    .await?;
    let entries = rows
        .into_iter()
        .map(|e| LogEntry {
            id: e.id,
            actor: e.actor,
            action: e.action,
            thread_id: e.thread_id,
            post_id: e.post_id,
            reason: e.reason,
            created_at: e.created_at,
        })
        .collect();
    Ok(Page::from_rows(entries, page, |e: &LogEntry| e.id.0))
}
