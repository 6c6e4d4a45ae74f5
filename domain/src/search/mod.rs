//! Search: the `SearchIndex` port, the documents we put in it, and the use cases that keep it in
//! line with the database and ask it questions on a caller's behalf.
//!
//! There is one index for all networks. Each document carries its `tenant_id`, `visibility`
//! and `group_ids`, and every query filters on them from the caller's `TenantScope`, so the engine
//! itself enforces who sees what. Text is analysed by our own [`analysis`] (stems in the
//! document's language, compound parts, the network's [`synonyms`]) before an engine sees it.

pub mod analysis;
pub mod conformance;
mod indexing;
mod sources;
pub mod synonyms;

use std::ops::Range;

use async_trait::async_trait;
use chrono::{DateTime, Utc};

pub use indexing::{
    Found, SearchOutcome, SearchQuery, rebuild, reindex_network, search, write_documents,
};
pub use sources::{Source, index_source};

use crate::ids::{GroupId, NetworkId};
use crate::macros::string_enum;
use crate::tenancy::{Language, Visibility};

string_enum! {
    /// What a search document stands for.
    pub enum DocKind {
        Project = "project",
        ProjectUpdate = "project_update",
        Thread = "thread",
        Post = "post",
        Meeting = "meeting",
        File = "file",
    }
}

string_enum! {
    /// The fields a search counts and filters by.
    pub enum FacetField {
        Kind = "kind",
        Organisation = "organisation",
        Sector = "sector",
        Tag = "tag",
        Status = "status",
        Year = "year",
    }
}

string_enum! {
    pub enum SearchSort {
        Relevance = "relevance",
        Newest = "newest",
    }
}

/// One document in the index. `id` is `<kind>:<uuid>`.
///
/// The use cases fill the display fields; [`analysis`] fills `title_terms` and `terms` when the
/// document is written (`write_documents`), so both engines match on the same analysed terms
/// (stems, compound parts, the network's synonyms) and never analyse text themselves.
#[derive(Clone, Debug, PartialEq)]
pub struct SearchDocument {
    pub id: String,
    pub kind: DocKind,
    pub tenant_id: NetworkId,
    pub visibility: Visibility,
    /// Empty: the whole network (within `visibility`); otherwise only these working groups.
    pub group_ids: Vec<GroupId>,
    pub language: Language,
    pub title: String,
    /// The original text, stored for snippets.
    pub body: String,
    pub tags: Vec<String>,
    /// Facets: the owning organisation's name, sectors, status and year.
    pub organisation: Option<String>,
    pub sectors: Vec<String>,
    pub status: Option<String>,
    pub year: Option<i32>,
    /// Where a hit opens, relative to its network's root: `projects/<id>`,
    /// `threads/<id>#post-<id>`, `files/<id>`, `meetings/<id>`.
    pub path: String,
    pub updated_at: DateTime<Utc>,
    /// Analysed terms of the title.
    pub title_terms: Vec<String>,
    /// Analysed terms of the body and tags.
    pub terms: Vec<String>,
}

/// Which documents a query may see. Built from a `TenantScope` by the use case; the conformance
/// suite builds its own.
#[derive(Clone, Debug, PartialEq)]
pub struct SearchFilter {
    pub tenant_id: NetworkId,
    pub visibilities: Vec<Visibility>,
    pub groups: GroupAccess,
    /// Also documents of other networks that are `shared` or `public` and limited to no group
    /// (the cross-network project library).
    pub other_networks_shared: bool,
    /// Only documents of these kinds; empty: every kind.
    pub kinds: Vec<DocKind>,
}

#[derive(Clone, Debug, PartialEq)]
pub enum GroupAccess {
    /// Documents limited to any group (coordinators).
    All,
    /// Documents with no group, or limited to one of these.
    Only(Vec<GroupId>),
}

/// One analysed query term. A document matches a query when it has every term, each within
/// `typos` edits (the engine's typo tolerance).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QueryTerm {
    pub text: String,
    pub typos: u8,
}

/// A chosen facet value: only documents with it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FacetValue {
    pub field: FacetField,
    pub value: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FacetCount {
    pub field: FacetField,
    pub value: String,
    pub count: usize,
}

#[derive(Clone, Debug, PartialEq)]
pub struct SearchRequest {
    /// All must match. Built by [`analysis`] from what the person typed.
    pub terms: Vec<QueryTerm>,
    pub filter: SearchFilter,
    /// Every one must hold.
    pub facet_filters: Vec<FacetValue>,
    pub sort: SearchSort,
    pub limit: usize,
    pub offset: usize,
}

/// How deep into one query's results anyone may page: `offset + limit` never exceeds it. Beyond
/// it a search answers no more pages (as Elasticsearch's `max_result_window` or GitHub's
/// 1,000 results); an engine's cost grows with the window, so a forged offset must not reach it.
pub const MAX_RESULT_WINDOW: usize = 1000;

impl SearchRequest {
    /// The `(offset, limit)` an engine may serve: inside [`MAX_RESULT_WINDOW`] whatever the
    /// request says, an empty window (limit 0) past its end. Every adapter pages through this,
    /// so no caller's numbers can size an allocation.
    pub fn window(&self) -> (usize, usize) {
        let offset = self.offset.min(MAX_RESULT_WINDOW);
        let limit = self.limit.min(MAX_RESULT_WINDOW - offset);
        (offset, limit)
    }
}

/// A stretch of the original text with the matched words marked (byte ranges into `text`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Snippet {
    pub text: String,
    pub highlights: Vec<Range<usize>>,
}

impl Snippet {
    /// HTML with the text escaped and matches in `<mark>`.
    pub fn to_html(&self) -> String {
        let mut html = String::with_capacity(self.text.len() + 16 * self.highlights.len());
        let mut at = 0;
        for range in &self.highlights {
            let (Some(before), Some(marked)) =
                (self.text.get(at..range.start), self.text.get(range.clone()))
            else {
                continue;
            };
            escape_into(&mut html, before);
            html.push_str("<mark>");
            escape_into(&mut html, marked);
            html.push_str("</mark>");
            at = range.end;
        }
        escape_into(&mut html, self.text.get(at..).unwrap_or_default());
        html
    }
}

fn escape_into(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct SearchHit {
    pub id: String,
    pub kind: DocKind,
    pub tenant_id: NetworkId,
    pub title: String,
    /// The stored original body; the use case cuts the snippet from it.
    pub body: String,
    pub path: String,
    pub updated_at: DateTime<Utc>,
    pub score: f32,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct SearchResults {
    /// How many documents match in all (not only this page).
    pub total: usize,
    pub hits: Vec<SearchHit>,
    /// Counts over all matching documents, for every facet field.
    pub facets: Vec<FacetCount>,
}

/// Returned (inside `anyhow`) by an adapter that cannot write because another process holds the
/// index, so `reindex` can hand the work to that process through the queue.
#[derive(Debug, thiserror::Error)]
#[error("the search index is held by another process")]
pub struct IndexBusy;

/// Returned (inside `anyhow`) by an adapter when the engine cannot be reached (refused
/// connection, timeout, a 5xx from the server), as opposed to a request the engine refused or
/// a bug. The HTTP layer answers 503 for it and `/readyz` reports it; the worker hands index
/// jobs back to the queue without counting the attempt, so an outage leaves no dead job.
#[derive(Debug, thiserror::Error)]
#[error("the search engine is unreachable")]
pub struct SearchUnavailable;

#[async_trait]
pub trait SearchIndex: Send + Sync {
    /// Adds or replaces documents by id. Searchable when this returns.
    async fn upsert(&self, docs: Vec<SearchDocument>) -> anyhow::Result<()>;
    /// Removes documents by id; unknown ids are ignored.
    async fn delete(&self, ids: Vec<String>) -> anyhow::Result<()>;
    /// Removes every document (tests and benchmarks; a rebuild reconciles network by network
    /// instead, so search never runs empty).
    async fn clear(&self) -> anyhow::Result<()>;
    /// The ids of every document of one network, whatever its visibility. A network reindex
    /// lists them first and removes those it did not write again: documents whose source was
    /// deleted or is no longer searchable (a draft, an invited-only meeting, a hidden post).
    async fn document_ids(&self, tenant: NetworkId) -> anyhow::Result<Vec<String>>;
    async fn search(&self, request: &SearchRequest) -> anyhow::Result<SearchResults>;
    /// Is the engine reachable? (`/readyz`)
    async fn health(&self) -> anyhow::Result<()>;
    /// Takes the engine's one writer for this process now, for a process that runs a worker: an
    /// engine that allows one writer (the embedded index) then refuses a second such process at
    /// its start, with [`IndexBusy`], instead of at its first job. Engines with any number of
    /// writers have nothing to take.
    fn hold_writer(&self) -> anyhow::Result<()> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snippet_html_escapes_and_marks() {
        let snippet = Snippet {
            text: "BUP & <skole> samarbejde".into(),
            highlights: vec![0..3, 14..24],
        };
        assert_eq!(
            snippet.to_html(),
            "<mark>BUP</mark> &amp; &lt;skole&gt; <mark>samarbejde</mark>"
        );
    }
}
