//! Search documents for projects and their updates. Updates carry their project's visibility and
//! group, so indexing a project re-indexes its updates too (a project made shared brings its
//! updates into the library with it).

use sea_orm::{ColumnTrait, ConnectionTrait, QueryFilter, QueryOrder, QuerySelect};

use super::projects::{sectors_of, strings, year_of};
use crate::Services;
use crate::entities::{organisation, project, project_update};
use crate::error::Result;
use crate::ids::{ProjectId, ProjectUpdateId};
use crate::markdown;
use crate::search::{DocKind, SearchDocument, write_documents};
use crate::tenancy::{Language, TenantScope};

const BATCH: u64 = 500;

fn project_doc_id(id: ProjectId) -> String {
    format!("{}:{id}", DocKind::Project)
}

fn update_doc_id(id: ProjectUpdateId) -> String {
    format!("{}:{id}", DocKind::ProjectUpdate)
}

fn project_document(
    project: &project::Model,
    owner: Option<&organisation::Model>,
    language: Language,
) -> SearchDocument {
    let mut body = vec![
        project.summary.clone(),
        markdown::plain_text(&project.body),
        markdown::plain_text(&project.results),
        project.target_group.clone(),
    ];
    body.retain(|part| !part.trim().is_empty());
    SearchDocument {
        id: project_doc_id(project.id),
        kind: DocKind::Project,
        tenant_id: project.tenant_id,
        visibility: project.visibility,
        group_ids: project.group_id.into_iter().collect(),
        language,
        title: project.title.clone(),
        body: body.join("\n\n"),
        tags: strings(&project.tags),
        organisation: owner.map(|o| o.name.clone()),
        sectors: sectors_of(project)
            .iter()
            .map(|s| s.as_str().to_owned())
            .collect(),
        status: Some(project.status.as_str().to_owned()),
        year: Some(year_of(project)),
        path: format!("projects/{}", project.id),
        updated_at: project.updated_at,
        title_terms: vec![],
        terms: vec![],
    }
}

fn update_document(
    update: &project_update::Model,
    project: &project::Model,
    owner: Option<&organisation::Model>,
    language: Language,
) -> SearchDocument {
    SearchDocument {
        id: update_doc_id(update.id),
        kind: DocKind::ProjectUpdate,
        tenant_id: update.tenant_id,
        visibility: project.visibility,
        group_ids: project.group_id.into_iter().collect(),
        language,
        title: update.title.clone(),
        body: markdown::plain_text(&update.body),
        tags: strings(&project.tags),
        organisation: owner.map(|o| o.name.clone()),
        sectors: sectors_of(project)
            .iter()
            .map(|s| s.as_str().to_owned())
            .collect(),
        status: Some(project.status.as_str().to_owned()),
        year: Some(chrono::Datelike::year(&update.created_at)),
        path: super::updates::update_path(project.id, update.id),
        updated_at: update.updated_at,
        title_terms: vec![],
        terms: vec![],
    }
}

async fn project_with_owner(
    conn: &impl ConnectionTrait,
    scope: &TenantScope,
    id: ProjectId,
) -> Result<Option<(project::Model, Option<organisation::Model>)>> {
    Ok(scope
        .find::<project::Entity>()
        .filter(project::Column::Id.eq(id))
        .find_also_related(organisation::Entity)
        .one(conn)
        .await?)
}

/// Brings the index in line with one project and its updates: indexes them as they are now, or
/// removes the project's document if it is gone. Running it twice does no harm.
pub(crate) async fn index_project(
    svc: &Services,
    scope: &TenantScope,
    id: ProjectId,
) -> Result<()> {
    let conn = svc.db.conn();
    let Some((project, owner)) = project_with_owner(conn, scope, id).await? else {
        svc.search.delete(vec![project_doc_id(id)]).await?;
        return Ok(());
    };
    let language = scope.network().default_language;
    let mut docs = vec![project_document(&project, owner.as_ref(), language)];
    let updates = scope
        .find::<project_update::Entity>()
        .filter(project_update::Column::ProjectId.eq(id))
        .all(conn)
        .await?;
    docs.extend(
        updates
            .iter()
            .map(|u| update_document(u, &project, owner.as_ref(), language)),
    );
    write_documents(svc, scope, docs).await
}

/// Brings the index in line with one update.
pub async fn index_project_update(
    svc: &Services,
    scope: &TenantScope,
    id: ProjectUpdateId,
) -> Result<()> {
    let conn = svc.db.conn();
    let update = scope
        .find::<project_update::Entity>()
        .filter(project_update::Column::Id.eq(id))
        .one(conn)
        .await?;
    let Some(update) = update else {
        svc.search.delete(vec![update_doc_id(id)]).await?;
        return Ok(());
    };
    let Some((project, owner)) = project_with_owner(conn, scope, update.project_id).await? else {
        svc.search.delete(vec![update_doc_id(id)]).await?;
        return Ok(());
    };
    let doc = update_document(
        &update,
        &project,
        owner.as_ref(),
        scope.network().default_language,
    );
    write_documents(svc, scope, vec![doc]).await
}

/// Writes every project and update of the network, in batches. Returns the ids it wrote.
pub(crate) async fn index_all(svc: &Services, scope: &TenantScope) -> Result<Vec<String>> {
    let conn = svc.db.conn();
    let language = scope.network().default_language;
    let mut written = Vec::new();
    let mut after: Option<ProjectId> = None;
    loop {
        let mut query = scope
            .find::<project::Entity>()
            .order_by_asc(project::Column::Id)
            .limit(BATCH);
        if let Some(after) = after {
            query = query.filter(project::Column::Id.gt(after));
        }
        let rows = query
            .find_also_related(organisation::Entity)
            .all(conn)
            .await?;
        let Some((last, _)) = rows.last() else {
            break;
        };
        after = Some(last.id);
        let ids: Vec<ProjectId> = rows.iter().map(|(p, _)| p.id).collect();
        let updates = scope
            .find::<project_update::Entity>()
            .filter(project_update::Column::ProjectId.is_in(ids))
            .all(conn)
            .await?;
        let mut docs: Vec<SearchDocument> = Vec::with_capacity(rows.len() + updates.len());
        for (project, owner) in &rows {
            docs.push(project_document(project, owner.as_ref(), language));
        }
        for update in &updates {
            if let Some((project, owner)) = rows.iter().find(|(p, _)| p.id == update.project_id) {
                docs.push(update_document(update, project, owner.as_ref(), language));
            }
        }
        written.extend(docs.iter().map(|d| d.id.clone()));
        write_documents(svc, scope, docs).await?;
    }
    Ok(written)
}
