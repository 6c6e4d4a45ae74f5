//! Search in a network.

use domain::Services;
use domain::search::{self, SearchHit};
use poem::Request;
use poem::web::Data;
use poem_openapi::param::{Path, Query};
use poem_openapi::payload::Json;
use poem_openapi::{Object, OpenApi};

use crate::ApiTags;
use crate::auth;
use crate::problem::ApiResult;
use crate::types::DocKind;

#[derive(Debug, Clone, Object)]
pub struct SearchResult {
    /// `<kind>:<uuid>`.
    pub id: String,
    pub kind: DocKind,
    pub title: String,
    /// A stretch of the text, HTML-escaped, with matches in `<mark>`.
    pub snippet_html: String,
    pub updated_at: chrono::DateTime<chrono::Utc>,
}

impl From<SearchHit> for SearchResult {
    fn from(hit: SearchHit) -> Self {
        SearchResult {
            snippet_html: hit.snippet.to_html(),
            id: hit.id,
            kind: hit.kind.into(),
            title: hit.title,
            updated_at: hit.updated_at,
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
}

pub struct SearchApi;

#[OpenApi(tag = "ApiTags::Search")]
impl SearchApi {
    /// Search what the caller may see in the network: words are matched in their own
    /// language's forms (Danish, Norwegian, Swedish or English), best matches first.
    #[oai(path = "/networks/:slug/search", method = "get")]
    async fn search(
        &self,
        svc: Data<&Services>,
        req: &Request,
        slug: Path<String>,
        #[oai(validator(max_length = 500))] q: Query<String>,
        #[oai(validator(minimum(value = "1"), maximum(value = "100")))] limit: Query<Option<u64>>,
        #[oai(validator(max_length = 100))] cursor: Query<Option<String>>,
    ) -> ApiResult<Json<SearchPage>> {
        let scope = auth::scope(&svc, req, &slug).await?;
        let outcome = search::search(&svc, &scope, &q, limit.0, cursor.0.as_deref()).await?;
        Ok(Json(SearchPage {
            total: outcome.total as u64,
            next_cursor: outcome.next_cursor,
            items: outcome.hits.into_iter().map(Into::into).collect(),
        }))
    }
}
