//! Files in search: the name and the current version's text, visible exactly as the target is
//! (a project's visibility and group, a meeting's as in its own document, a closed group's
//! members). Files of meetings that are not in search — case consultations, drafts,
//! invited-only meetings — are not in search either.

use std::collections::HashMap;
use std::collections::hash_map::Entry;

use chrono::Datelike;
use sea_orm::sea_query::Condition;
use sea_orm::{ColumnTrait, ConnectionTrait, QueryFilter, QueryOrder, QuerySelect};

use super::targets::{Resolved, Target, resolve};
use crate::Services;
use crate::entities::{file, file_version};
use crate::error::{Error, Result};
use crate::ids::FileId;
use crate::search::{DocKind, SearchDocument};
use crate::tenancy::TenantScope;

pub(crate) fn doc_id(id: FileId) -> String {
    format!("{}:{id}", DocKind::File)
}

/// The target as the system sees it, or `None` if it is gone.
async fn resolved(
    conn: &impl ConnectionTrait,
    scope: &TenantScope,
    target: Target,
) -> Result<Option<Resolved>> {
    match resolve(conn, scope, target).await {
        Ok(resolved) => Ok(Some(resolved)),
        Err(Error::NotFound) => Ok(None),
        Err(error) => Err(error),
    }
}

fn document(
    scope: &TenantScope,
    model: &file::Model,
    target: &Resolved,
    text: Option<String>,
) -> Option<SearchDocument> {
    if model.deleted_at.is_some() {
        return None;
    }
    let (visibility, group_ids) = target.search.clone()?;
    Some(SearchDocument {
        id: doc_id(model.id),
        kind: DocKind::File,
        tenant_id: model.tenant_id,
        visibility,
        group_ids,
        language: scope.network().default_language,
        title: model.name.clone(),
        body: text.unwrap_or_default(),
        tags: vec![],
        organisation: target.organisation.clone(),
        sectors: vec![],
        status: None,
        year: Some(model.created_at.year()),
        path: format!("files/{}", model.id),
        updated_at: model.updated_at,
        title_terms: vec![],
        terms: vec![],
    })
}

/// The extracted texts of these versions, in one query.
async fn texts(
    conn: &impl ConnectionTrait,
    scope: &TenantScope,
    files: &[file::Model],
) -> Result<HashMap<crate::ids::FileVersionId, String>> {
    let rows: Vec<(crate::ids::FileVersionId, Option<String>)> = scope
        .find::<file_version::Entity>()
        .select_only()
        .column(file_version::Column::Id)
        .column(file_version::Column::ExtractedText)
        .filter(file_version::Column::Id.is_in(files.iter().map(|f| f.current_version_id)))
        .into_tuple()
        .all(conn)
        .await?;
    Ok(rows
        .into_iter()
        .filter_map(|(id, text)| text.map(|t| (id, t)))
        .collect())
}

/// Brings the index in line with one file: indexes it as it is now, or removes it.
pub async fn index_file(svc: &Services, scope: &TenantScope, id: FileId) -> Result<()> {
    let conn = svc.db.conn();
    let found = scope
        .find::<file::Entity>()
        .filter(file::Column::Id.eq(id))
        .one(conn)
        .await?;
    let mut doc = None;
    if let Some(model) = found.filter(|m| m.deleted_at.is_none()) {
        let target = Target::from_parts(model.target_kind, model.target_id);
        if let Some(target) = resolved(conn, scope, target).await? {
            let mut text = texts(conn, scope, std::slice::from_ref(&model)).await?;
            doc = document(
                scope,
                &model,
                &target,
                text.remove(&model.current_version_id),
            );
        }
    }
    match doc {
        Some(doc) => crate::search::write_documents(svc, scope, vec![doc]).await?,
        None => svc.search.delete(vec![doc_id(id)]).await?,
    }
    Ok(())
}

/// Brings the index in line with every file attached to these targets (a source's files, after
/// the source changed): each is written with the target's visibility and group as they are
/// now, or removed if it is deleted or its target is not in search. Two queries for the files
/// and their texts, and one resolution per target.
pub(crate) async fn index_files_of(
    svc: &Services,
    scope: &TenantScope,
    targets: &[Target],
) -> Result<()> {
    if targets.is_empty() {
        return Ok(());
    }
    let conn = svc.db.conn();
    let mut by_kind: HashMap<super::TargetKind, Vec<uuid::Uuid>> = HashMap::new();
    for target in targets {
        by_kind.entry(target.kind()).or_default().push(target.id());
    }
    let mut condition = Condition::any();
    for (kind, ids) in by_kind {
        condition = condition.add(
            Condition::all()
                .add(file::Column::TargetKind.eq(kind))
                .add(file::Column::TargetId.is_in(ids)),
        );
    }
    // Deleted files too: their documents must go.
    let rows = scope
        .find::<file::Entity>()
        .filter(condition)
        .all(conn)
        .await?;
    if rows.is_empty() {
        return Ok(());
    }
    let live: Vec<file::Model> = rows
        .iter()
        .filter(|m| m.deleted_at.is_none())
        .cloned()
        .collect();
    let mut text = texts(conn, scope, &live).await?;
    let mut resolved_targets: HashMap<Target, Option<Resolved>> = HashMap::new();
    let mut docs = Vec::new();
    let mut removed = Vec::new();
    for model in &rows {
        let target = Target::from_parts(model.target_kind, model.target_id);
        let resolved_target = match resolved_targets.entry(target) {
            Entry::Occupied(entry) => entry.into_mut(),
            Entry::Vacant(entry) => entry.insert(resolved(conn, scope, target).await?),
        };
        let doc = resolved_target
            .as_ref()
            .and_then(|r| document(scope, model, r, text.remove(&model.current_version_id)));
        match doc {
            Some(doc) => docs.push(doc),
            None => removed.push(doc_id(model.id)),
        }
    }
    crate::search::write_documents(svc, scope, docs).await?;
    if !removed.is_empty() {
        svc.search.delete(removed).await?;
    }
    Ok(())
}

/// Writes every indexable file of a network (the rebuild); returns the ids it wrote.
pub(crate) async fn index_all(svc: &Services, scope: &TenantScope) -> Result<Vec<String>> {
    const BATCH: u64 = 200;
    let conn = svc.db.conn();
    let mut written = Vec::new();
    let mut after: Option<FileId> = None;
    // Targets repeat (many files on one project): resolve each once.
    let mut targets: HashMap<Target, Option<Resolved>> = HashMap::new();
    loop {
        let mut query = scope
            .find::<file::Entity>()
            .filter(file::Column::DeletedAt.is_null())
            .order_by_asc(file::Column::Id)
            .limit(BATCH);
        if let Some(after) = after {
            query = query.filter(file::Column::Id.gt(after));
        }
        let rows = query.all(conn).await?;
        let Some(last) = rows.last() else {
            break;
        };
        after = Some(last.id);
        let mut text = texts(conn, scope, &rows).await?;
        let mut docs = Vec::new();
        for model in &rows {
            let target = Target::from_parts(model.target_kind, model.target_id);
            let resolved = match targets.entry(target) {
                Entry::Occupied(entry) => entry.into_mut(),
                Entry::Vacant(entry) => entry.insert(resolved(conn, scope, target).await?),
            };
            let Some(resolved) = resolved else {
                continue;
            };
            if let Some(doc) = document(
                scope,
                model,
                resolved,
                text.remove(&model.current_version_id),
            ) {
                docs.push(doc);
            }
        }
        written.extend(docs.iter().map(|d| d.id.clone()));
        crate::search::write_documents(svc, scope, docs).await?;
    }
    Ok(written)
}
