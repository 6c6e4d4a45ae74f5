//! Keeping the index in line with the database, and searching on a caller's behalf.

use std::collections::{HashMap, HashSet};

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;

use super::{
    DocKind, FacetCount, FacetField, FacetValue, GroupAccess, MAX_RESULT_WINDOW, SearchDocument,
    SearchFilter, SearchRequest, SearchSort, Snippet, analysis, synonyms,
};
use crate::Services;
use crate::error::{Error, Result};
use crate::ids::NetworkId;
use crate::pagination::MAX_LIMIT;
use crate::tenancy::{TenantScope, Visibility, list_networks};
use crate::text::{CODE_INVALID, CODE_REQUIRED, CODE_TOO_LONG, Validator, limits};

/// One page of search results.
#[derive(Clone, Debug)]
pub struct SearchOutcome {
    pub total: usize,
    pub hits: Vec<Found>,
    pub facets: Vec<FacetCount>,
    pub next_cursor: Option<String>,
}

/// One hit as the caller sees it.
#[derive(Clone, Debug)]
pub struct Found {
    pub id: String,
    pub kind: DocKind,
    pub title: String,
    pub snippet: Snippet,
    /// The hit's network: the caller's, or the owner of a shared project from the library.
    pub network_slug: String,
    pub network_name: String,
    /// Relative to the network's root (`projects/<id>`).
    pub path: String,
    pub updated_at: chrono::DateTime<chrono::Utc>,
}

fn filter_for(scope: &TenantScope, library: bool) -> SearchFilter {
    let visibilities = scope.read_level().visibilities().to_vec();
    SearchFilter {
        // Only a signed-in reader sees what other networks share; a visitor sees public content
        // of this network only.
        other_networks_shared: library && visibilities.contains(&Visibility::Shared),
        tenant_id: scope.tenant_id(),
        visibilities,
        groups: if scope.sees_all_groups() {
            GroupAccess::All
        } else {
            GroupAccess::Only(scope.group_ids().to_vec())
        },
        kinds: if library {
            LIBRARY_KINDS.to_vec()
        } else {
            Vec::new()
        },
    }
}

/// What the project library shows: projects, their updates and their files.
const LIBRARY_KINDS: [DocKind; 3] = [DocKind::Project, DocKind::ProjectUpdate, DocKind::File];
/// How many facet values one search may choose, and how long one may be.
const MAX_FACETS: usize = 20;
const MAX_FACET_CHARS: usize = 200;

/// The offset a search cursor names. Only offsets this server can hand out are accepted: inside
/// the result window ([`MAX_RESULT_WINDOW`]); a forged cursor beyond it is `InvalidCursor`
/// before anything reaches the engine.
fn decode_offset(cursor: Option<&str>) -> Result<usize> {
    let Some(cursor) = cursor.filter(|c| !c.is_empty()) else {
        return Ok(0);
    };
    // `o:` and at most four digits: anything longer was not issued here.
    if cursor.len() > 16 {
        return Err(Error::InvalidCursor);
    }
    let bytes = URL_SAFE_NO_PAD
        .decode(cursor)
        .map_err(|_| Error::InvalidCursor)?;
    let text = String::from_utf8(bytes).map_err(|_| Error::InvalidCursor)?;
    text.strip_prefix("o:")
        .filter(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
        .and_then(|n| n.parse::<usize>().ok())
        .filter(|offset| (1..MAX_RESULT_WINDOW).contains(offset))
        .ok_or(Error::InvalidCursor)
}

fn encode_offset(offset: usize) -> String {
    URL_SAFE_NO_PAD.encode(format!("o:{offset}"))
}

/// What a person asks the search for.
#[derive(Clone, Debug, Default)]
pub struct SearchQuery {
    pub text: String,
    /// Only hits with all of these.
    pub facets: Vec<FacetValue>,
    pub sort: Option<SearchSort>,
    /// The cross-network project library: also what other networks share (projects, their
    /// updates and files), with the owning network named on each hit.
    pub library: bool,
    pub limit: Option<u64>,
    pub cursor: Option<String>,
}

impl SearchQuery {
    pub fn text(text: impl Into<String>) -> Self {
        Self {
            text: text.into(),
            ..Self::default()
        }
    }
}

fn check_facets(facets: &[FacetValue]) -> Result<()> {
    let mut v = Validator::new();
    if facets.len() > MAX_FACETS {
        v.add("facets", "too_many");
    }
    for facet in facets {
        let field = format!("facets.{}", facet.field);
        if facet.value.trim().is_empty() {
            v.add(&field, CODE_REQUIRED);
        } else if facet.value.chars().count() > MAX_FACET_CHARS {
            v.add(&field, CODE_TOO_LONG);
        } else if facet.field == FacetField::Year && facet.value.trim().parse::<i32>().is_err() {
            v.add(&field, CODE_INVALID);
        }
    }
    v.finish()
}

/// Searches what the scope's actor may see: its network, and with `library` what other networks
/// share (projects, updates, files only). Facet counts are over every match, not only the page.
pub async fn search(
    svc: &Services,
    scope: &TenantScope,
    query: &SearchQuery,
) -> Result<SearchOutcome> {
    let (limit, cursor) = (query.limit, query.cursor.as_deref());
    let text = query.text.trim();
    let mut v = Validator::new();
    if text.chars().count() > limits::SEARCH_QUERY {
        v.add("q", CODE_TOO_LONG);
    }
    let limit = match limit {
        None => 20,
        Some(n) if (1..=MAX_LIMIT).contains(&n) => n as usize,
        Some(_) => {
            v.add("limit", "out_of_range");
            0
        }
    };
    v.finish()?;
    check_facets(&query.facets)?;
    let offset = decode_offset(cursor)?;
    if text.is_empty() {
        return Ok(SearchOutcome {
            total: 0,
            hits: vec![],
            facets: vec![],
            next_cursor: None,
        });
    }
    let language = scope.network().default_language;
    let synonyms = synonyms::load(svc.db.conn(), scope).await?;
    let terms = analysis::query_terms(text, language, &synonyms);
    if terms.is_empty() {
        // Only stop words or punctuation: nothing to look for.
        return Ok(SearchOutcome {
            total: 0,
            hits: vec![],
            facets: vec![],
            next_cursor: None,
        });
    }
    let results = svc
        .search
        .search(&SearchRequest {
            terms: terms.clone(),
            filter: filter_for(scope, query.library),
            facet_filters: query
                .facets
                .iter()
                .map(|f| FacetValue {
                    field: f.field,
                    value: f.value.trim().to_owned(),
                })
                .collect(),
            sort: query.sort.unwrap_or(SearchSort::Relevance),
            // A page that would reach past the window is cut at its end.
            limit: limit.min(MAX_RESULT_WINDOW - offset),
            offset,
        })
        .await?;
    let networks = hit_networks(svc, scope, results.hits.iter().map(|h| h.tenant_id)).await?;
    let next = offset + results.hits.len();
    Ok(SearchOutcome {
        total: results.total,
        next_cursor: (next < results.total.min(MAX_RESULT_WINDOW) && !results.hits.is_empty())
            .then(|| encode_offset(next)),
        facets: results.facets,
        hits: results
            .hits
            .into_iter()
            .map(|hit| {
                let (network_slug, network_name) =
                    networks.get(&hit.tenant_id).cloned().unwrap_or_default();
                Found {
                    snippet: analysis::snippet(&hit.body, &terms, language),
                    network_slug,
                    network_name,
                    id: hit.id,
                    kind: hit.kind,
                    title: hit.title,
                    path: hit.path,
                    updated_at: hit.updated_at,
                }
            })
            .collect(),
    })
}

/// Slug and name of each hit's network: the caller's own, and the others in one query.
async fn hit_networks(
    svc: &Services,
    scope: &TenantScope,
    tenants: impl Iterator<Item = NetworkId>,
) -> Result<HashMap<NetworkId, (String, String)>> {
    let own = scope.network();
    let mut names = HashMap::from([(own.id, (own.slug.clone(), own.name.clone()))]);
    let others: Vec<NetworkId> = tenants.filter(|id| *id != own.id).collect();
    names.extend(crate::tenancy::slugs_and_names(svc.db.conn(), others).await?);
    Ok(names)
}

/// Writes documents to the index, analysed with their network's synonyms. Every use case that
/// indexes goes through here.
pub async fn write_documents(
    svc: &Services,
    scope: &TenantScope,
    mut docs: Vec<SearchDocument>,
) -> Result<()> {
    if docs.is_empty() {
        return Ok(());
    }
    let synonyms = synonyms::load(svc.db.conn(), scope).await?;
    for doc in &mut docs {
        analysis::analyze_document(doc, &synonyms);
    }
    svc.search.upsert(docs).await?;
    Ok(())
}

/// Rebuilds the index from the database, network by network, each reconciled as
/// [`reindex_network`] does: search keeps answering while it runs, and what is no longer
/// searchable leaves. Returns how many documents it wrote.
pub async fn rebuild(svc: &Services) -> Result<u64> {
    let mut written = 0;
    for network in list_networks(svc).await? {
        let scope = TenantScope::system(network, "reindex");
        written += reindex_network(svc, &scope).await?;
    }
    Ok(written)
}

/// Writes every searchable document of one network again (after its synonyms changed, or in a
/// rebuild) and removes the network's documents it did not write: those whose source was
/// deleted or is no longer searchable (a draft, an invited-only meeting or a case consultation,
/// a hidden post, a deleted file), whatever job should have removed them. Each area's
/// `index_all` goes here, one line each. Returns how many it wrote.
///
/// The index's ids are listed before anything is read from the database, so a document that
/// another job writes while this runs is never taken for a stale one.
pub async fn reindex_network(svc: &Services, scope: &TenantScope) -> Result<u64> {
    let before = svc.search.document_ids(scope.tenant_id()).await?;
    let mut written: HashSet<String> = HashSet::new();
    written.extend(crate::showcases::index_all(svc, scope).await?);
    written.extend(crate::meetings::index_all(svc, scope).await?);
    written.extend(crate::forum::index_all(svc, scope).await?);
    written.extend(crate::material::index_all(svc, scope).await?);
    let stale: Vec<String> = before
        .into_iter()
        .filter(|id| !written.contains(id))
        .collect();
    if !stale.is_empty() {
        tracing::info!(documents = stale.len(), "stale search documents removed");
        svc.search.delete(stale).await?;
    }
    Ok(written.len() as u64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn issued_cursors_round_trip() {
        for offset in [1, 20, 500, MAX_RESULT_WINDOW - 1] {
            assert_eq!(
                decode_offset(Some(&encode_offset(offset))).ok(),
                Some(offset)
            );
        }
        assert_eq!(decode_offset(None).ok(), Some(0));
        assert_eq!(decode_offset(Some("")).ok(), Some(0));
    }

    /// Every kind of forged cursor is refused before the engine sees a number: beyond the
    /// window, overflowing, negative, signed, not a number, another list's cursor, not base64.
    #[test]
    fn forged_cursors_are_refused() {
        let forged = |text: &str| URL_SAFE_NO_PAD.encode(text);
        let keyset = URL_SAFE_NO_PAD.encode(uuid::Uuid::now_v7().as_bytes());
        for cursor in [
            forged("o:1000000000000000"),
            forged(&format!("o:{MAX_RESULT_WINDOW}")),
            forged(&format!("o:{}", usize::MAX)),
            forged("o:99999999999999999999999999"),
            forged("o:-1"),
            forged("o:+5"),
            forged("o: 5"),
            forged("o:0"),
            forged("o:"),
            forged("o:1e3"),
            forged("x:5"),
            keyset,
            "bzoxMDAwMDAwMDAwMDAwMDAw".into(),
            "!!!".into(),
            "o:5".into(),
            "A".repeat(10_000),
        ] {
            assert!(
                matches!(decode_offset(Some(&cursor)), Err(Error::InvalidCursor)),
                "{cursor:?} was accepted"
            );
        }
    }

    #[test]
    fn the_window_bounds_any_request() {
        let request = |offset, limit| SearchRequest {
            terms: vec![],
            filter: SearchFilter {
                tenant_id: NetworkId::new(),
                visibilities: vec![],
                groups: GroupAccess::All,
                other_networks_shared: false,
                kinds: vec![],
            },
            facet_filters: vec![],
            sort: SearchSort::Relevance,
            limit,
            offset,
        };
        assert_eq!(request(0, 20).window(), (0, 20));
        assert_eq!(request(990, 20).window(), (990, 10));
        assert_eq!(
            request(1_000_000_000_000_000, 20).window(),
            (MAX_RESULT_WINDOW, 0)
        );
        assert_eq!(
            request(usize::MAX, usize::MAX).window(),
            (MAX_RESULT_WINDOW, 0)
        );
        assert_eq!(request(0, usize::MAX).window(), (0, MAX_RESULT_WINDOW));
    }
}
