//! Threads: listed by category or working group (latest activity first), started with a first
//! post, read with their posts page by page, renamed, locked and unlocked.

use chrono::{DateTime, Utc};
use sea_orm::sea_query::Condition;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, QueryFilter, QueryOrder, QuerySelect,
};

use super::access::{self, can_moderate, can_post, find_visible_thread, may_write_in};
use super::{Post, ThreadSummary, categories, moderation, posts, user_names};
use crate::Services;
use crate::entities::{post, thread};
use crate::error::{Error, Result};
use crate::ids::{CategoryId, GroupId, PostId, ThreadId};
use crate::jobs::{self, Task};
use crate::notifications::{self, Event, EventKind, Subject};
use crate::pagination::{Page, PageRequest};
use crate::people::groups;
use crate::policy::Action;
use crate::tenancy::TenantScope;
use crate::text::{Validator, limits};

/// Which threads a list shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ThreadFilter {
    /// Every thread the caller may read, in categories and groups.
    All,
    /// The network-wide threads of every category.
    Categories,
    Category(CategoryId),
    Group(GroupId),
}

/// A new thread: in a category (network-wide) or in a working group, with its first post.
#[derive(Clone, Debug, Default)]
pub struct NewThread {
    pub category_id: Option<CategoryId>,
    pub group_id: Option<GroupId>,
    pub title: String,
    /// Markdown.
    pub body: String,
}

/// A thread with one page of its posts, oldest first.
#[derive(Clone, Debug)]
pub struct Thread {
    pub id: ThreadId,
    pub category_id: Option<CategoryId>,
    pub category_name: Option<String>,
    pub group_id: Option<GroupId>,
    pub group_name: Option<String>,
    /// `None` outside a group.
    pub group_is_open: Option<bool>,
    pub title: String,
    pub author_name: String,
    pub locked: bool,
    pub reply_count: u64,
    pub last_post_at: DateTime<Utc>,
    pub created_at: DateTime<Utc>,
    /// May the reader reply now?
    pub can_reply: bool,
    /// May the reader hide posts and lock the thread?
    pub can_moderate: bool,
    /// May the reader rename it?
    pub can_rename: bool,
    pub posts: Page<Post>,
    /// The posts the reader has flagged (so the page offers no second flag).
    pub flagged_by_me: Vec<PostId>,
}

pub(crate) fn summaries(
    rows: Vec<thread::Model>,
    names: &std::collections::HashMap<crate::ids::UserId, String>,
) -> Vec<ThreadSummary> {
    rows.into_iter()
        .map(|t| ThreadSummary {
            author_name: t
                .author_id
                .and_then(|a| names.get(&a).cloned())
                .unwrap_or_default(),
            id: t.id,
            category_id: t.category_id,
            group_id: t.group_id,
            title: t.title,
            locked: t.locked,
            reply_count: t.reply_count.max(0) as u64,
            last_post_at: t.last_post_at,
            created_at: t.created_at,
        })
        .collect()
}

/// The threads the caller may read, latest activity first. A category or group of another
/// network is not found; a closed group's threads are simply absent for outsiders.
pub async fn list(
    svc: &Services,
    scope: &TenantScope,
    filter: ThreadFilter,
    page: PageRequest,
) -> Result<Page<ThreadSummary>> {
    let conn = svc.db.conn();
    let mut query = access::visible(scope)?;
    match filter {
        ThreadFilter::All => {}
        ThreadFilter::Categories => query = query.filter(thread::Column::CategoryId.is_not_null()),
        ThreadFilter::Category(id) => {
            categories::find(conn, scope, id).await?;
            query = query.filter(thread::Column::CategoryId.eq(id));
        }
        ThreadFilter::Group(id) => {
            groups::find(conn, scope, id).await?;
            query = query.filter(thread::Column::GroupId.eq(id));
        }
    }
    if let (Some(after), Some(at)) = (page.after, page.after_time) {
        query = query.filter(
            Condition::any().add(thread::Column::LastPostAt.lt(at)).add(
                Condition::all()
                    .add(thread::Column::LastPostAt.eq(at))
                    .add(thread::Column::Id.lt(ThreadId(after))),
            ),
        );
    }
    let rows = query
        .order_by_desc(thread::Column::LastPostAt)
        .order_by_desc(thread::Column::Id)
        .limit(page.limit + 1)
        .all(conn)
        .await?;
    let names = user_names(conn, rows.iter().filter_map(|t| t.author_id)).await?;
    Ok(Page::from_timed_rows(
        summaries(rows, &names),
        page,
        |t: &ThreadSummary| (t.last_post_at, t.id.0),
    ))
}

/// Reads and checks the title and body of a new thread.
fn check_new(input: &NewThread) -> Result<(String, String)> {
    let mut v = Validator::new();
    let title = v.required("title", &input.title, limits::TITLE);
    let body = v.required("body", &input.body, limits::BODY);
    match (input.category_id, input.group_id) {
        (None, None) => v.add("category_id", crate::text::CODE_REQUIRED),
        (Some(_), Some(_)) => v.add("group_id", crate::text::CODE_INVALID),
        _ => {}
    }
    v.finish()?;
    Ok((title, body))
}

/// Starts a thread with its first post. The author follows it; the group's followers (or, for
/// a category, nobody but the mentioned) are told.
pub async fn create(svc: &Services, scope: &TenantScope, input: NewThread) -> Result<Thread> {
    scope.require(Action::StartThread)?;
    let Some(member) = scope.member() else {
        return Err(Error::Forbidden);
    };
    let (title, body) = check_new(&input)?;
    let txn = svc.db.begin_write().await?;
    let mut closed_group = None;
    if let Some(group_id) = input.group_id {
        let group = groups::find(&txn, scope, group_id)
            .await
            .map_err(|_| Error::invalid("group_id", "unknown"))?;
        if !scope.sees_all_groups() && !scope.group_ids().contains(&group_id) {
            return Err(Error::invalid("group_id", "not_a_member"));
        }
        if !group.is_open {
            closed_group = Some(group_id);
        }
    }
    if let Some(category_id) = input.category_id {
        categories::find(&txn, scope, category_id)
            .await
            .map_err(|_| Error::invalid("category_id", "unknown"))?;
    }
    let now = svc.now();
    let model = thread::ActiveModel {
        id: Set(ThreadId::new()),
        tenant_id: Set(scope.tenant_id()),
        category_id: Set(input.category_id),
        group_id: Set(input.group_id),
        title: Set(title.clone()),
        author_id: Set(Some(member.user_id)),
        locked: Set(false),
        reply_count: Set(0),
        last_post_at: Set(now),
        created_at: Set(now),
        updated_at: Set(now),
    }
    .insert(&txn)
    .await?;
    let mentioned = posts::resolve_mentions(&txn, scope, &model, &body).await?;
    let first = posts::insert(&txn, scope, &model, &body, &mentioned.names, None, now).await?;
    jobs::enqueue(
        &txn,
        svc,
        Some(scope.tenant_id()),
        &Task::IndexThread {
            thread_id: model.id,
        },
    )
    .await?;
    let mut subjects = Vec::new();
    if let Some(group_id) = input.group_id {
        subjects.push(Subject::Group(group_id));
    }
    notifications::record(
        &txn,
        svc,
        scope,
        Event {
            kind: EventKind::NewThread,
            subjects,
            mentioned: mentioned.user_ids,
            actor: Some(member.user_id),
            group_id: closed_group,
            title,
            path: format!("threads/{}#post-{}", model.id, first.id),
        },
    )
    .await?;
    notifications::follow_in(&txn, svc, scope, member.user_id, Subject::Thread(model.id)).await?;
    txn.commit().await?;
    get(svc, scope, model.id, PageRequest::first(posts::PAGE)).await
}

/// A thread with one page of its posts (oldest first; the cursor moves forward).
pub async fn get(
    svc: &Services,
    scope: &TenantScope,
    id: ThreadId,
    page: PageRequest,
) -> Result<Thread> {
    let conn = svc.db.conn();
    let model = find_visible_thread(conn, scope, id).await?;
    let (category_name, group_name, group_is_open) = match (model.category_id, model.group_id) {
        (Some(category), _) => (
            Some(categories::find(conn, scope, category).await?.name),
            None,
            None,
        ),
        (None, Some(group)) => {
            let group = groups::find(conn, scope, group).await?;
            (None, Some(group.name), Some(group.is_open))
        }
        (None, None) => (None, None, None),
    };
    let mut query = scope
        .find::<post::Entity>()
        .filter(post::Column::ThreadId.eq(id));
    if let Some(after) = page.after {
        query = query.filter(post::Column::Id.gt(PostId(after)));
    }
    let rows = query
        .order_by_asc(post::Column::Id)
        .limit(page.limit + 1)
        .all(conn)
        .await?;
    let flagged_by_me = moderation::flagged_by(conn, scope, rows.iter().map(|p| p.id)).await?;
    let views = posts::views(conn, scope, &model, rows).await?;
    let author_name = match model.author_id {
        Some(author) => user_names(conn, [author])
            .await?
            .remove(&author)
            .unwrap_or_default(),
        None => String::new(),
    };
    Ok(Thread {
        can_reply: can_post(scope, &model),
        can_moderate: can_moderate(scope, &model),
        can_rename: can_rename(scope, &model),
        posts: Page::from_rows(views, page, |p| p.id.0),
        flagged_by_me,
        id: model.id,
        category_id: model.category_id,
        category_name,
        group_id: model.group_id,
        group_name,
        group_is_open,
        title: model.title,
        author_name,
        locked: model.locked,
        reply_count: model.reply_count.max(0) as u64,
        last_post_at: model.last_post_at,
        created_at: model.created_at,
    })
}

fn can_rename(scope: &TenantScope, model: &thread::Model) -> bool {
    can_moderate(scope, model)
        || (model.author_id.is_some()
            && scope.user_id() == model.author_id
            && !model.locked
            && may_write_in(scope, model))
}

/// Renames a thread (its author, or a moderator).
pub async fn rename(
    svc: &Services,
    scope: &TenantScope,
    id: ThreadId,
    title: &str,
) -> Result<Thread> {
    let mut v = Validator::new();
    let title = v.required("title", title, limits::TITLE);
    v.finish()?;
    let txn = svc.db.begin_write().await?;
    let current = find_visible_thread(&txn, scope, id).await?;
    if !can_rename(scope, &current) {
        return Err(if current.locked {
            Error::conflict("thread_locked")
        } else {
            Error::Forbidden
        });
    }
    let mut model: thread::ActiveModel = current.into();
    model.title = Set(title);
    model.updated_at = Set(svc.now());
    model.update(&txn).await?;
    jobs::enqueue(
        &txn,
        svc,
        Some(scope.tenant_id()),
        &Task::IndexThread { thread_id: id },
    )
    .await?;
    txn.commit().await?;
    get(svc, scope, id, PageRequest::first(posts::PAGE)).await
}
