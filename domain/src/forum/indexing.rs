//! Threads in search: one document for the thread (its title and first post) and one per reply
//! (`threads/<id>#post-<id>`). All are `network`-visible; a closed group's carry the group, so
//! only its members and coordinators find them. Hidden posts leave the index.

use std::collections::HashMap;

use sea_orm::{ColumnTrait, QueryFilter, QueryOrder, QuerySelect};

use crate::Services;
use crate::entities::{post, thread, working_group};
use crate::error::Result;
use crate::ids::{GroupId, PostId, ThreadId};
use crate::markdown;
use crate::search::{DocKind, SearchDocument};
use crate::tenancy::{TenantScope, Visibility};

fn thread_doc_id(id: ThreadId) -> String {
    format!("{}:{id}", DocKind::Thread)
}

fn post_doc_id(id: PostId) -> String {
    format!("{}:{id}", DocKind::Post)
}

/// The documents of one thread, and the ids to remove (hidden posts).
fn documents(
    scope: &TenantScope,
    t: &thread::Model,
    group_is_open: bool,
    posts: &[post::Model],
) -> (Vec<SearchDocument>, Vec<String>) {
    let group_ids: Vec<GroupId> = match t.group_id {
        Some(group) if !group_is_open => vec![group],
        _ => Vec::new(),
    };
    let doc = |id: String, kind: DocKind, body: String, path: String, at| SearchDocument {
        id,
        kind,
        tenant_id: t.tenant_id,
        visibility: Visibility::Network,
        group_ids: group_ids.clone(),
        language: scope.network().default_language,
        title: t.title.clone(),
        body,
        tags: vec![],
        organisation: None,
        sectors: vec![],
        status: None,
        year: Some(chrono::Datelike::year(&t.created_at)),
        path,
        updated_at: at,
        title_terms: vec![],
        terms: vec![],
    };
    let mut docs = Vec::new();
    let mut removed = Vec::new();
    let first = posts.first();
    let first_body = first
        .filter(|p| !p.hidden)
        .map(|p| markdown::plain_text(&p.body))
        .unwrap_or_default();
    docs.push(doc(
        thread_doc_id(t.id),
        DocKind::Thread,
        first_body,
        format!("threads/{}", t.id),
        t.updated_at,
    ));
    for p in posts.iter().skip(1) {
        if p.hidden {
            removed.push(post_doc_id(p.id));
        } else {
            docs.push(doc(
                post_doc_id(p.id),
                DocKind::Post,
                markdown::plain_text(&p.body),
                format!("threads/{}#post-{}", t.id, p.id),
                p.updated_at,
            ));
        }
    }
    // A first post is part of the thread's document, never a document of its own.
    if let Some(first) = first {
        removed.push(post_doc_id(first.id));
    }
    (docs, removed)
}

async fn group_openness(svc: &Services, scope: &TenantScope) -> Result<HashMap<GroupId, bool>> {
    Ok(scope
        .find::<working_group::Entity>()
        .select_only()
        .column(working_group::Column::Id)
        .column(working_group::Column::IsOpen)
        .into_tuple::<(GroupId, bool)>()
        .all(svc.db.conn())
        .await?
        .into_iter()
        .collect())
}

/// Writes these threads' documents and removes their hidden posts'; returns the ids written.
async fn write(
    svc: &Services,
    scope: &TenantScope,
    threads: &[thread::Model],
    open: &HashMap<GroupId, bool>,
) -> Result<Vec<String>> {
    if threads.is_empty() {
        return Ok(Vec::new());
    }
    let posts = scope
        .find::<post::Entity>()
        .filter(post::Column::ThreadId.is_in(threads.iter().map(|t| t.id).collect::<Vec<_>>()))
        .order_by_asc(post::Column::Id)
        .all(svc.db.conn())
        .await?;
    let mut by_thread: HashMap<ThreadId, Vec<post::Model>> = HashMap::new();
    for p in posts {
        by_thread.entry(p.thread_id).or_default().push(p);
    }
    let mut docs = Vec::new();
    let mut removed = Vec::new();
    for t in threads {
        let is_open = t
            .group_id
            .map(|g| open.get(&g).copied().unwrap_or(false))
            .unwrap_or(true);
        let posts = by_thread.remove(&t.id).unwrap_or_default();
        let (d, r) = documents(scope, t, is_open, &posts);
        docs.extend(d);
        removed.extend(r);
    }
    let written = docs.iter().map(|d| d.id.clone()).collect();
    crate::search::write_documents(svc, scope, docs).await?;
    if !removed.is_empty() {
        svc.search.delete(removed).await?;
    }
    Ok(written)
}

/// Brings the index in line with one thread and its posts as they are now.
pub(crate) async fn index_thread(svc: &Services, scope: &TenantScope, id: ThreadId) -> Result<()> {
    let found = scope
        .find::<thread::Entity>()
        .filter(thread::Column::Id.eq(id))
        .one(svc.db.conn())
        .await?;
    let Some(t) = found else {
        svc.search.delete(vec![thread_doc_id(id)]).await?;
        return Ok(());
    };
    let open = match t.group_id {
        Some(group) => scope
            .find::<working_group::Entity>()
            .filter(working_group::Column::Id.eq(group))
            .one(svc.db.conn())
            .await?
            .map(|g| HashMap::from([(g.id, g.is_open)]))
            .unwrap_or_default(),
        None => HashMap::new(),
    };
    write(svc, scope, &[t], &open).await?;
    Ok(())
}

/// Brings the index in line with every thread of a working group (the group was opened or
/// closed); returns their ids, so their files can follow.
pub(crate) async fn index_group_threads(
    svc: &Services,
    scope: &TenantScope,
    group: GroupId,
) -> Result<Vec<ThreadId>> {
    let threads = scope
        .find::<thread::Entity>()
        .filter(thread::Column::GroupId.eq(group))
        .all(svc.db.conn())
        .await?;
    let open = scope
        .find::<working_group::Entity>()
        .filter(working_group::Column::Id.eq(group))
        .one(svc.db.conn())
        .await?
        .map(|g| HashMap::from([(g.id, g.is_open)]))
        .unwrap_or_default();
    write(svc, scope, &threads, &open).await?;
    Ok(threads.iter().map(|t| t.id).collect())
}

/// Writes every thread and post of a network (the rebuild); returns the ids it wrote.
pub(crate) async fn index_all(svc: &Services, scope: &TenantScope) -> Result<Vec<String>> {
    const BATCH: u64 = 200;
    let open = group_openness(svc, scope).await?;
    let mut written = Vec::new();
    let mut after: Option<ThreadId> = None;
    loop {
        let mut query = scope
            .find::<thread::Entity>()
            .order_by_asc(thread::Column::Id)
            .limit(BATCH);
        if let Some(after) = after {
            query = query.filter(thread::Column::Id.gt(after));
        }
        let rows = query.all(svc.db.conn()).await?;
        let Some(last) = rows.last() else {
            break;
        };
        after = Some(last.id);
        written.extend(write(svc, scope, &rows, &open).await?);
    }
    Ok(written)
}
