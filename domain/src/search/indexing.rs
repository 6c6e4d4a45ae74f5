//! Keeping the index in line with the database, and searching on a caller's behalf.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use sea_orm::{ColumnTrait, QueryFilter, QueryOrder, QuerySelect};

use super::{DocKind, GroupAccess, SearchDocument, SearchFilter, SearchHit, SearchRequest};
use crate::Services;
use crate::entities::project;
use crate::error::{Error, Result};
use crate::ids::ProjectId;
use crate::markdown;
use crate::pagination::MAX_LIMIT;
use crate::tenancy::{Language, TenantScope, list_networks};
use crate::text::limits;

/// One page of search results.
#[derive(Clone, Debug)]
pub struct SearchOutcome {
    pub total: usize,
    pub hits: Vec<SearchHit>,
    pub next_cursor: Option<String>,
}

fn filter_for(scope: &TenantScope) -> SearchFilter {
    SearchFilter {
        tenant_id: scope.tenant_id(),
        visibilities: scope.read_level().visibilities().to_vec(),
        groups: if scope.sees_all_groups() {
            GroupAccess::All
        } else {
            GroupAccess::Only(scope.group_ids().to_vec())
        },
    }
}

fn decode_offset(cursor: Option<&str>) -> Result<usize> {
    let Some(cursor) = cursor.filter(|c| !c.is_empty()) else {
        return Ok(0);
    };
    let bytes = URL_SAFE_NO_PAD
        .decode(cursor)
        .map_err(|_| Error::InvalidCursor)?;
    let text = String::from_utf8(bytes).map_err(|_| Error::InvalidCursor)?;
    text.strip_prefix("o:")
        .and_then(|n| n.parse().ok())
        .ok_or(Error::InvalidCursor)
}

fn encode_offset(offset: usize) -> String {
    URL_SAFE_NO_PAD.encode(format!("o:{offset}"))
}

/// Searches what the scope's actor may see in its network.
pub async fn search(
    svc: &Services,
    scope: &TenantScope,
    text: &str,
    limit: Option<u64>,
    cursor: Option<&str>,
) -> Result<SearchOutcome> {
    let text = text.trim();
    if text.chars().count() > limits::SEARCH_QUERY {
        return Err(Error::invalid("q", crate::text::CODE_TOO_LONG));
    }
    let limit = match limit {
        None => 20,
        Some(n) if (1..=MAX_LIMIT).contains(&n) => n as usize,
        Some(_) => return Err(Error::invalid("limit", "out_of_range")),
    };
    let offset = decode_offset(cursor)?;
    if text.is_empty() {
        return Ok(SearchOutcome {
            total: 0,
            hits: vec![],
            next_cursor: None,
        });
    }
    let results = svc
        .search
        .search(&SearchRequest {
            text: text.to_owned(),
            filter: filter_for(scope),
            limit,
            offset,
        })
        .await?;
    let next = offset + results.hits.len();
    Ok(SearchOutcome {
        total: results.total,
        next_cursor: (next < results.total && !results.hits.is_empty())
            .then(|| encode_offset(next)),
        hits: results.hits,
    })
}

pub(crate) fn project_doc_id(id: ProjectId) -> String {
    format!("{}:{id}", DocKind::Project)
}

fn project_document(project: &project::Model, language: Language) -> SearchDocument {
    let tags: Vec<String> = serde_json::from_value(project.tags.clone()).unwrap_or_default();
    SearchDocument {
        id: project_doc_id(project.id),
        kind: DocKind::Project,
        tenant_id: project.tenant_id,
        visibility: project.visibility,
        group_ids: project.group_id.into_iter().collect(),
        language,
        title: project.title.clone(),
        body: format!(
            "{}\n\n{}",
            project.summary,
            markdown::plain_text(&project.body)
        ),
        tags,
        updated_at: project.updated_at,
    }
}

/// Brings the index in line with one project: indexes it as it is now, or removes it if it is
/// gone. Running it twice does no harm.
pub async fn index_project(svc: &Services, scope: &TenantScope, id: ProjectId) -> Result<()> {
    let found = scope
        .find::<project::Entity>()
        .filter(project::Column::Id.eq(id))
        .one(svc.db.conn())
        .await?;
    match found {
        Some(project) => {
            let document = project_document(&project, scope.network().default_language);
            svc.search.upsert(vec![document]).await?;
        }
        None => svc.search.delete(vec![project_doc_id(id)]).await?,
    }
    Ok(())
}

/// Rebuilds the index from the database, network by network in batches. Returns how many
/// documents it wrote.
pub async fn rebuild(svc: &Services) -> Result<u64> {
    const BATCH: u64 = 1_000;
    svc.search.clear().await?;
    let mut written = 0;
    for network in list_networks(svc).await? {
        let scope = TenantScope::system(network, "reindex");
        let mut after: Option<ProjectId> = None;
        loop {
            let mut query = scope
                .find::<project::Entity>()
                .order_by_asc(project::Column::Id)
                .limit(BATCH);
            if let Some(after) = after {
                query = query.filter(project::Column::Id.gt(after));
            }
            let rows = query.all(svc.db.conn()).await?;
            let Some(last) = rows.last() else {
                break;
            };
            after = Some(last.id);
            let language = scope.network().default_language;
            let docs: Vec<SearchDocument> =
                rows.iter().map(|p| project_document(p, language)).collect();
            written += docs.len() as u64;
            svc.search.upsert(docs).await?;
        }
        written += crate::meetings::index_all(svc, &scope).await?;
    }
    Ok(written)
}
