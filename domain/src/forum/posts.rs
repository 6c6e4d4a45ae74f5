//! Posts: replies (possibly quoting a post of the same thread), edits that keep the previous
//! body as a revision, and the revision history.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, QueryFilter, QueryOrder,
};

use super::access::{can_edit, can_moderate, can_post, find_visible_post, find_visible_thread};
use super::{Post, Quote, Revision, mentions, mentions_of, user_names};
use crate::Services;
use crate::entities::{group_member, membership, post, post_revision, thread, user};
use crate::error::{Error, Result};
use crate::ids::{MembershipId, PostId, PostRevisionId, ThreadId, UserId};
use crate::jobs::{self, Task};
use crate::notifications::{self, Event, EventKind, Subject};
use crate::people::{MembershipStatus, groups};
use crate::policy::Action;
use crate::tenancy::TenantScope;
use crate::text::{Validator, limits};

/// Posts on one page of a thread.
pub const PAGE: u64 = 50;

/// A reply.
#[derive(Clone, Debug, Default)]
pub struct NewPost {
    /// Markdown.
    pub body: String,
    /// A post of the same thread this one quotes.
    pub quoted_post_id: Option<PostId>,
}

/// Who a body mentions: the names as matched (stored with the post) and the people to tell
/// (those who can see the thread, never the writer).
pub(crate) struct Mentioned {
    pub names: Vec<String>,
    pub user_ids: Vec<UserId>,
}

pub(crate) async fn resolve_mentions(
    conn: &impl ConnectionTrait,
    scope: &TenantScope,
    thread: &thread::Model,
    body: &str,
) -> Result<Mentioned> {
    let mut mentioned = Mentioned {
        names: Vec::new(),
        user_ids: Vec::new(),
    };
    if !body.contains('@') {
        return Ok(mentioned);
    }
    let members: Vec<(membership::Model, Option<user::Model>)> = scope
        .find::<membership::Entity>()
        .filter(membership::Column::Status.eq(MembershipStatus::Active))
        .find_also_related(user::Entity)
        .all(conn)
        .await?;
    let members: Vec<(membership::Model, user::Model)> = members
        .into_iter()
        .filter_map(|(m, u)| u.map(|u| (m, u)))
        .collect();
    let names: Vec<String> = members
        .iter()
        .map(|(_, u)| u.display_name.clone())
        .collect();
    let found = mentions::find(body, &names);
    if found.is_empty() {
        return Ok(mentioned);
    }
    // Who may read a closed group's thread: its members and those who see every group.
    let closed_group_members: Option<HashSet<MembershipId>> = match thread.group_id {
        Some(group_id) if !groups::find(conn, scope, group_id).await?.is_open => Some(
            scope
                .find::<group_member::Entity>()
                .filter(group_member::Column::GroupId.eq(group_id))
                .all(conn)
                .await?
                .into_iter()
                .map(|g| g.membership_id)
                .collect(),
        ),
        _ => None,
    };
    for (_, index) in found {
        let name = &names[index];
        if !mentioned.names.contains(name) {
            mentioned.names.push(name.clone());
        }
        // Every member of that name is told (two people may share a name).
        for (m, u) in members.iter().filter(|(_, u)| &u.display_name == name) {
            let sees = match &closed_group_members {
                None => true,
                Some(ids) => {
                    ids.contains(&m.id) || crate::policy::can(m.role, Action::EditAnyContent)
                }
            };
            if sees && Some(u.id) != scope.user_id() && !mentioned.user_ids.contains(&u.id) {
                mentioned.user_ids.push(u.id);
            }
        }
    }
    Ok(mentioned)
}

pub(crate) async fn insert(
    conn: &impl ConnectionTrait,
    scope: &TenantScope,
    thread: &thread::Model,
    body: &str,
    mentioned_names: &[String],
    quoted_post_id: Option<PostId>,
    now: DateTime<Utc>,
) -> Result<post::Model> {
    Ok(post::ActiveModel {
        id: Set(PostId::new()),
        tenant_id: Set(scope.tenant_id()),
        thread_id: Set(thread.id),
        author_id: Set(scope.user_id()),
        body: Set(body.to_owned()),
        mentions: Set(serde_json::json!(mentioned_names)),
        quoted_post_id: Set(quoted_post_id),
        hidden: Set(false),
        hidden_reason: Set(String::new()),
        edited_at: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
    }
    .insert(conn)
    .await?)
}

/// Posts as the reader sees them: authors and quoted posts loaded in one query each.
pub(crate) async fn views(
    conn: &impl ConnectionTrait,
    scope: &TenantScope,
    thread: &thread::Model,
    rows: Vec<post::Model>,
) -> Result<Vec<Post>> {
    let moderator = can_moderate(scope, thread);
    let on_page: HashSet<PostId> = rows.iter().map(|p| p.id).collect();
    let missing: Vec<PostId> = rows
        .iter()
        .filter_map(|p| p.quoted_post_id)
        .filter(|q| !on_page.contains(q))
        .collect();
    let mut quoted: HashMap<PostId, post::Model> = HashMap::new();
    if !missing.is_empty() {
        for q in scope
            .find::<post::Entity>()
            .filter(post::Column::ThreadId.eq(thread.id))
            .filter(post::Column::Id.is_in(missing))
            .all(conn)
            .await?
        {
            quoted.insert(q.id, q);
        }
    }
    let referenced: HashSet<PostId> = rows.iter().filter_map(|p| p.quoted_post_id).collect();
    for p in &rows {
        if referenced.contains(&p.id) {
            quoted.insert(p.id, p.clone());
        }
    }
    let names = user_names(
        conn,
        rows.iter()
            .chain(quoted.values())
            .filter_map(|p| p.author_id),
    )
    .await?;
    let name_of = |p: &post::Model| {
        p.author_id
            .and_then(|a| names.get(&a).cloned())
            .unwrap_or_default()
    };
    let shown = |p: &post::Model| !p.hidden || moderator;
    Ok(rows
        .iter()
        .map(|p| {
            let quote = p
                .quoted_post_id
                .and_then(|q| quoted.get(&q))
                .map(|q| Quote {
                    post_id: q.id,
                    author_name: name_of(q),
                    body_html: if shown(q) {
                        mentions::render(&q.body, &mentions_of(q))
                    } else {
                        String::new()
                    },
                    hidden: q.hidden,
                });
            let visible = shown(p);
            Post {
                id: p.id,
                thread_id: p.thread_id,
                author_id: p.author_id,
                author_name: name_of(p),
                body: if visible {
                    p.body.clone()
                } else {
                    String::new()
                },
                body_html: if visible {
                    mentions::render(&p.body, &mentions_of(p))
                } else {
                    String::new()
                },
                quote,
                hidden: p.hidden,
                hidden_reason: if moderator {
                    p.hidden_reason.clone()
                } else {
                    String::new()
                },
                edited_at: p.edited_at,
                created_at: p.created_at,
                editable: can_edit(scope, thread, p),
            }
        })
        .collect())
}

async fn view(
    conn: &impl ConnectionTrait,
    scope: &TenantScope,
    thread: &thread::Model,
    model: post::Model,
) -> Result<Post> {
    views(conn, scope, thread, vec![model])
        .await?
        .pop()
        .ok_or(Error::NotFound)
}

/// One post (for an edit form or a quote), with its thread's id.
pub async fn get(svc: &Services, scope: &TenantScope, id: PostId) -> Result<Post> {
    let conn = svc.db.conn();
    let (thread, model) = find_visible_post(conn, scope, id).await?;
    view(conn, scope, &thread, model).await
}

fn check_body(body: &str) -> Result<String> {
    let mut v = Validator::new();
    let body = v.required("body", body, limits::BODY);
    v.finish()?;
    Ok(body)
}

/// Replies in a thread. A locked thread answers `thread_locked`; a group's thread needs the
/// group's membership. The replier follows the thread; its followers and the mentioned are told.
pub async fn reply(
    svc: &Services,
    scope: &TenantScope,
    thread_id: ThreadId,
    input: NewPost,
) -> Result<Post> {
    let body = check_body(&input.body)?;
    let txn = svc.db.begin_write().await?;
    let thread = find_visible_thread(&txn, scope, thread_id).await?;
    if thread.locked {
        return Err(Error::conflict("thread_locked"));
    }
    if !can_post(scope, &thread) {
        scope.require(Action::ReplyInThread)?;
        return Err(Error::Forbidden);
    }
    let moderator = can_moderate(scope, &thread);
    if let Some(quoted) = input.quoted_post_id {
        let found = scope
            .find::<post::Entity>()
            .filter(post::Column::Id.eq(quoted))
            .filter(post::Column::ThreadId.eq(thread_id))
            .one(&txn)
            .await?;
        if !found.is_some_and(|q| !q.hidden || moderator) {
            return Err(Error::invalid("quoted_post_id", "unknown"));
        }
    }
    let mentioned = resolve_mentions(&txn, scope, &thread, &body).await?;
    let now = svc.now();
    let model = insert(
        &txn,
        scope,
        &thread,
        &body,
        &mentioned.names,
        input.quoted_post_id,
        now,
    )
    .await?;
    scope
        .update_many::<thread::Entity>()
        .col_expr(
            thread::Column::ReplyCount,
            Expr::col(thread::Column::ReplyCount).add(1),
        )
        .col_expr(thread::Column::LastPostAt, Expr::value(now))
        .col_expr(thread::Column::UpdatedAt, Expr::value(now))
        .filter(thread::Column::Id.eq(thread_id))
        .exec(&txn)
        .await?;
    jobs::enqueue(
        &txn,
        svc,
        Some(scope.tenant_id()),
        &Task::IndexThread { thread_id },
    )
    .await?;
    let closed_group = closed_group_of(&txn, scope, &thread).await?;
    let actor = scope.user_id();
    notifications::record(
        &txn,
        svc,
        scope,
        Event {
            kind: EventKind::NewPost,
            subjects: vec![Subject::Thread(thread_id)],
            mentioned: mentioned.user_ids,
            actor,
            group_id: closed_group,
            title: thread.title.clone(),
            path: format!("threads/{thread_id}#post-{}", model.id),
        },
    )
    .await?;
    if let Some(user) = actor {
        notifications::follow_in(&txn, svc, scope, user, Subject::Thread(thread_id)).await?;
    }
    txn.commit().await?;
    view(svc.db.conn(), scope, &thread, model).await
}

/// The thread's group, if it is closed (notifications are then limited to it).
pub(crate) async fn closed_group_of(
    conn: &impl ConnectionTrait,
    scope: &TenantScope,
    thread: &thread::Model,
) -> Result<Option<crate::ids::GroupId>> {
    match thread.group_id {
        Some(group_id) => {
            let group = groups::find(conn, scope, group_id).await?;
            Ok((!group.is_open).then_some(group_id))
        }
        None => Ok(None),
    }
}

/// Edits a post (its author while the thread is open, or a moderator). The previous body is
/// kept as a revision; people newly mentioned are told.
pub async fn edit(svc: &Services, scope: &TenantScope, id: PostId, body: &str) -> Result<Post> {
    let body = check_body(body)?;
    let txn = svc.db.begin_write().await?;
    let (thread, current) = find_visible_post(&txn, scope, id).await?;
    if !can_edit(scope, &thread, &current) {
        let own = current.author_id.is_some() && scope.user_id() == current.author_id;
        return Err(if own && thread.locked {
            Error::conflict("thread_locked")
        } else {
            Error::Forbidden
        });
    }
    let now = svc.now();
    if body == current.body {
        txn.commit().await?;
        return view(svc.db.conn(), scope, &thread, current).await;
    }
    post_revision::ActiveModel {
        id: Set(PostRevisionId::new()),
        tenant_id: Set(scope.tenant_id()),
        post_id: Set(id),
        body: Set(current.body.clone()),
        edited_by: Set(scope.user_id()),
        created_at: Set(now),
    }
    .insert(&txn)
    .await?;
    let before = mentions_of(&current);
    let mentioned = resolve_mentions(&txn, scope, &thread, &body).await?;
    let newly: Vec<String> = mentioned
        .names
        .iter()
        .filter(|n| !before.contains(n))
        .cloned()
        .collect();
    let mut model: post::ActiveModel = current.into();
    model.body = Set(body);
    model.mentions = Set(serde_json::json!(mentioned.names));
    model.edited_at = Set(Some(now));
    model.updated_at = Set(now);
    let model = model.update(&txn).await?;
    jobs::enqueue(
        &txn,
        svc,
        Some(scope.tenant_id()),
        &Task::IndexThread {
            thread_id: thread.id,
        },
    )
    .await?;
    if !newly.is_empty() {
        // Only those whose name is new in this version; the rest were told before.
        let again = resolve_mentions(
            &txn,
            scope,
            &thread,
            &newly
                .iter()
                .map(|n| format!("@{n}"))
                .collect::<Vec<_>>()
                .join(" "),
        )
        .await?;
        if !again.user_ids.is_empty() {
            notifications::record(
                &txn,
                svc,
                scope,
                Event {
                    kind: EventKind::Mention,
                    subjects: vec![],
                    mentioned: again.user_ids,
                    actor: scope.user_id(),
                    group_id: closed_group_of(&txn, scope, &thread).await?,
                    title: thread.title.clone(),
                    path: format!("threads/{}#post-{id}", thread.id),
                },
            )
            .await?;
        }
    }
    txn.commit().await?;
    view(svc.db.conn(), scope, &thread, model).await
}

/// A post's earlier bodies, newest first. Whoever reads the post reads its history; a hidden
/// post's history only its moderators.
pub async fn revisions(svc: &Services, scope: &TenantScope, id: PostId) -> Result<Vec<Revision>> {
    let conn = svc.db.conn();
    let (thread, post) = find_visible_post(conn, scope, id).await?;
    if post.hidden && !can_moderate(scope, &thread) {
        return Err(Error::NotFound);
    }
    let rows = scope
        .find::<post_revision::Entity>()
        .filter(post_revision::Column::PostId.eq(id))
        .order_by_desc(post_revision::Column::Id)
        .all(conn)
        .await?;
    let names = user_names(conn, rows.iter().filter_map(|r| r.edited_by)).await?;
    let mentioned = mentions_of(&post);
    Ok(rows
        .into_iter()
        .map(|r| Revision {
            id: r.id,
            body_html: mentions::render(&r.body, &mentioned),
            edited_by_name: r
                .edited_by
                .and_then(|u| names.get(&u).cloned())
                .unwrap_or_default(),
            body: r.body,
            created_at: r.created_at,
        })
        .collect())
}
