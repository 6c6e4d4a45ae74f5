//! Search in a network (and the cross-network project library), with facets.

use domain::Services;
use domain::ids::SynonymId;
use domain::search::synonyms::{self, SynonymSet};
use domain::search::{self, FacetCount, FacetValue, Found};
use poem::Request;
use poem::web::Data;
use poem_openapi::param::{Path, Query};
use poem_openapi::payload::Json;
use poem_openapi::{ApiResponse, Enum, Object, OpenApi};

use crate::ApiTags;
use crate::auth;
use crate::problem::ApiResult;
use crate::types::{DocKind, ProjectStatus, mirror_enum};

mirror_enum!(
    /// A field the search counts and filters by.
    FacetField => domain::search::FacetField {
        Kind = "kind",
        Organisation = "organisation",
        Sector = "sector",
        Tag = "tag",
        Status = "status",
        Year = "year",
    }
);

mirror_enum!(
    /// `relevance` (best matches first, the default) or `newest`.
    SearchSort => domain::search::SearchSort {
        Relevance = "relevance",
        Newest = "newest",
    }
);

/// The network a hit belongs to: the caller's own, or, in the library, the one that shares it.
#[derive(Debug, Clone, Object)]
pub struct HitNetwork {
    pub slug: String,
    pub name: String,
}

#[derive(Debug, Clone, Object)]
pub struct SearchResult {
    /// `<kind>:<uuid>`.
    pub id: String,
    pub kind: DocKind,
    pub title: String,
    /// A stretch of the text, HTML-escaped, with matches in `<mark>`.
    pub snippet_html: String,
    pub network: HitNetwork,
    /// Relative to the network's root: `projects/<id>`, `threads/<id>#post-<id>`, …
    pub path: String,
    /// Where the hit opens in the web UI: `/n/<slug>/<path>`.
    pub url: String,
    pub updated_at: chrono::DateTime<chrono::Utc>,
}

impl From<Found> for SearchResult {
    fn from(hit: Found) -> Self {
        SearchResult {
            snippet_html: hit.snippet.to_html(),
            url: format!("/n/{}/{}", hit.network_slug, hit.path),
            network: HitNetwork {
                slug: hit.network_slug,
                name: hit.network_name,
            },
            path: hit.path,
            id: hit.id,
            kind: hit.kind.into(),
            title: hit.title,
            updated_at: hit.updated_at,
        }
    }
}

/// How many matching results have this value.
#[derive(Debug, Clone, Object)]
pub struct FacetCountOut {
    pub field: FacetField,
    pub value: String,
    pub count: u64,
}

impl From<FacetCount> for FacetCountOut {
    fn from(c: FacetCount) -> Self {
        FacetCountOut {
            field: c.field.into(),
            value: c.value,
            count: c.count as u64,
        }
    }
}

#[derive(Debug, Clone, Object)]
#[oai(skip_serializing_if_is_none)]
pub struct SearchPage {
    pub items: Vec<SearchResult>,
    /// Pass as `cursor` for the next page; absent on the last page.
    pub next_cursor: Option<String>,
    /// How many results there are in all.
    pub total: u64,
    /// Counts over all matching results, per facet field, most frequent first.
    pub facets: Vec<FacetCountOut>,
}

/// The chosen facet values, in the order of the fields.
fn chosen_facets(
    kind: Option<DocKind>,
    text: [(domain::search::FacetField, Option<String>); 3],
    status: Option<ProjectStatus>,
    year: Option<i32>,
) -> Vec<FacetValue> {
    use domain::search::FacetField as F;
    let mut facets = Vec::new();
    if let Some(kind) = kind {
        let kind: domain::search::DocKind = kind.into();
        facets.push(FacetValue {
            field: F::Kind,
            value: kind.as_str().to_owned(),
        });
    }
    for (field, value) in text {
        if let Some(value) = value.filter(|v| !v.trim().is_empty()) {
            facets.push(FacetValue {
                field,
                value: value.trim().to_owned(),
            });
        }
    }
    if let Some(status) = status {
        let status: domain::showcases::ProjectStatus = status.into();
        facets.push(FacetValue {
            field: F::Status,
            value: status.as_str().to_owned(),
        });
    }
    if let Some(year) = year {
        facets.push(FacetValue {
            field: F::Year,
            value: year.to_string(),
        });
    }
    facets
}

/// A set of phrases that mean the same to the search ("BUP", "børne- og ungdomspsykiatri").
#[derive(Debug, Clone, Object)]
pub struct SynonymSetOut {
    pub id: uuid::Uuid,
    pub phrases: Vec<String>,
    pub created_at: chrono::DateTime<chrono::Utc>,
    pub updated_at: chrono::DateTime<chrono::Utc>,
}

impl From<SynonymSet> for SynonymSetOut {
    fn from(s: SynonymSet) -> Self {
        SynonymSetOut {
            id: s.id.0,
            phrases: s.phrases,
            created_at: s.created_at,
            updated_at: s.updated_at,
        }
    }
}

#[derive(Debug, Clone, Object)]
pub struct SynonymSetList {
    /// Oldest first.
    pub items: Vec<SynonymSetOut>,
}

/// 2–20 phrases of at most 100 characters, no two the same.
#[derive(Debug, Clone, Object)]
#[oai(deny_unknown_fields)]
pub struct SynonymSetIn {
    #[oai(validator(max_items = 20, max_length = 100))]
    pub phrases: Vec<String>,
}

#[derive(ApiResponse)]
enum Removed {
    /// Removed.
    #[oai(status = 204)]
    Ok,
}

pub struct SearchApi;

#[OpenApi(tag = "ApiTags::Search")]
impl SearchApi {
    /// Search what the caller may see in the network: words are matched in their own
    /// language's forms (Danish, Norwegian, Swedish or English), with a typo or two, and the
    /// network's synonyms. Narrow by facet values (each one must hold); `library=true` also
    /// searches the projects other networks share, each hit naming its network.
    #[allow(clippy::too_many_arguments)]
    #[oai(path = "/networks/:slug/search", method = "get")]
    async fn search(
        &self,
        svc: Data<&Services>,
        req: &Request,
        slug: Path<String>,
        #[oai(validator(max_length = 500))] q: Query<String>,
        #[oai(validator(minimum(value = "1"), maximum(value = "100")))] limit: Query<Option<u64>>,
        #[oai(validator(max_length = 100))] cursor: Query<Option<String>>,
        /// Only results of this kind.
        kind: Query<Option<DocKind>>,
        /// Only results of this owner organisation (by name).
        #[oai(validator(max_length = 200))]
        organisation: Query<Option<String>>,
        #[oai(validator(max_length = 200))] sector: Query<Option<String>>,
        #[oai(validator(max_length = 200))] tag: Query<Option<String>>,
        /// Only projects (and their updates and files) with this status.
        status: Query<Option<ProjectStatus>>,
        #[oai(validator(minimum(value = "1900"), maximum(value = "2200")))] year: Query<
            Option<i32>,
        >,
        sort: Query<Option<SearchSort>>,
        /// Also the projects other networks share (the cross-network project library).
        library: Query<Option<bool>>,
    ) -> ApiResult<Json<SearchPage>> {
        use domain::search::FacetField as F;
        let scope = auth::scope(&svc, req, &slug).await?;
        let query = search::SearchQuery {
            limit: limit.0,
            cursor: cursor.0,
            facets: chosen_facets(
                kind.0,
                [
                    (F::Organisation, organisation.0),
                    (F::Sector, sector.0),
                    (F::Tag, tag.0),
                ],
                status.0,
                year.0,
            ),
            sort: sort.0.map(Into::into),
            library: library.0.unwrap_or(false),
            ..search::SearchQuery::text(q.0)
        };
        let outcome = search::search(&svc, &scope, &query).await?;
        Ok(Json(SearchPage {
            total: outcome.total as u64,
            next_cursor: outcome.next_cursor,
            facets: outcome.facets.into_iter().map(Into::into).collect(),
            items: outcome.hits.into_iter().map(Into::into).collect(),
        }))
    }

    /// The network's synonyms and abbreviations (coordinators). Each set's phrases find each
    /// other in search, in this network only.
    #[oai(path = "/networks/:slug/synonyms", method = "get")]
    async fn list_synonyms(
        &self,
        svc: Data<&Services>,
        req: &Request,
        slug: Path<String>,
    ) -> ApiResult<Json<SynonymSetList>> {
        let scope = auth::scope(&svc, req, &slug).await?;
        let sets = synonyms::list(&svc, &scope).await?;
        Ok(Json(SynonymSetList {
            items: sets.into_iter().map(Into::into).collect(),
        }))
    }

    /// Add a set of synonyms (coordinators). The network is reindexed by a job, so search finds
    /// by them shortly after.
    #[oai(path = "/networks/:slug/synonyms", method = "post")]
    async fn create_synonyms(
        &self,
        svc: Data<&Services>,
        req: &Request,
        slug: Path<String>,
        body: Json<SynonymSetIn>,
    ) -> ApiResult<Json<SynonymSetOut>> {
        let scope = auth::scope(&svc, req, &slug).await?;
        let set = synonyms::create(&svc, &scope, body.0.phrases).await?;
        Ok(Json(set.into()))
    }

    /// Replace a set's phrases (coordinators).
    #[oai(path = "/networks/:slug/synonyms/:id", method = "put")]
    async fn update_synonyms(
        &self,
        svc: Data<&Services>,
        req: &Request,
        slug: Path<String>,
        id: Path<uuid::Uuid>,
        body: Json<SynonymSetIn>,
    ) -> ApiResult<Json<SynonymSetOut>> {
        let scope = auth::scope(&svc, req, &slug).await?;
        let set = synonyms::update(&svc, &scope, SynonymId(id.0), body.0.phrases).await?;
        Ok(Json(set.into()))
    }

    /// Delete a set (coordinators).
    #[oai(path = "/networks/:slug/synonyms/:id", method = "delete")]
    async fn delete_synonyms(
        &self,
        svc: Data<&Services>,
        req: &Request,
        slug: Path<String>,
        id: Path<uuid::Uuid>,
    ) -> ApiResult<Removed> {
        let scope = auth::scope(&svc, req, &slug).await?;
        synonyms::delete(&svc, &scope, SynonymId(id.0)).await?;
        Ok(Removed::Ok)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use domain::search::FacetField as F;

    #[test]
    fn blank_facet_values_are_not_filters() {
        let facets = chosen_facets(
            Some(DocKind::Project),
            [
                (F::Organisation, Some("  ".into())),
                (F::Sector, Some(" skole ".into())),
                (F::Tag, None),
            ],
            Some(ProjectStatus::Running),
            Some(2024),
        );
        let flat: Vec<(F, &str)> = facets.iter().map(|f| (f.field, f.value.as_str())).collect();
        assert_eq!(
            flat,
            vec![
                (F::Kind, "project"),
                (F::Sector, "skole"),
                (F::Status, "running"),
                (F::Year, "2024")
            ]
        );
    }
}
