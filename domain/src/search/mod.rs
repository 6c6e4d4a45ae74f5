//! Search: the `SearchIndex` port, the documents we put in it, and the use cases that keep it in
//! line with the database and ask it questions on a caller's behalf.
//!
//! There is one index for every network. Each document carries its `tenant_id`, `visibility`
//! and `group_ids`, and every query filters on them from the caller's `TenantScope`, so the engine
//! itself enforces who sees what. Text is analysed in the document's language.

pub mod conformance;
mod indexing;

use std::ops::Range;

use async_trait::async_trait;
use chrono::{DateTime, Utc};

pub use indexing::{SearchOutcome, index_project, rebuild, search};

use crate::ids::{GroupId, NetworkId};
use crate::macros::string_enum;
use crate::tenancy::{Language, Visibility};

string_enum! {
    /// What a search document stands for.
    pub enum DocKind {
        Project = "project",
        Meeting = "meeting",
    }
}

/// One document in the index. `id` is `<kind>:<uuid>`.
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
    pub body: String,
    pub tags: Vec<String>,
    pub updated_at: DateTime<Utc>,
}

/// Which documents a query may see. Built from a `TenantScope` by the use case; the conformance
/// suite builds its own.
#[derive(Clone, Debug, PartialEq)]
pub struct SearchFilter {
    pub tenant_id: NetworkId,
    pub visibilities: Vec<Visibility>,
    pub groups: GroupAccess,
}

#[derive(Clone, Debug, PartialEq)]
pub enum GroupAccess {
    /// Documents limited to any group (coordinators).
    All,
    /// Documents with no group, or limited to one of these.
    Only(Vec<GroupId>),
}

#[derive(Clone, Debug, PartialEq)]
pub struct SearchRequest {
    pub text: String,
    pub filter: SearchFilter,
    pub limit: usize,
    pub offset: usize,
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
    pub snippet: Snippet,
    pub updated_at: DateTime<Utc>,
    pub score: f32,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct SearchResults {
    /// How many documents match in all (not only this page).
    pub total: usize,
    pub hits: Vec<SearchHit>,
}

/// Returned (inside `anyhow`) by an adapter that cannot write because another process holds the
/// index, so `reindex` can hand the work to that process through the queue.
#[derive(Debug, thiserror::Error)]
#[error("the search index is held by another process")]
pub struct IndexBusy;

#[async_trait]
pub trait SearchIndex: Send + Sync {
    /// Adds or replaces documents by id. Searchable when this returns.
    async fn upsert(&self, docs: Vec<SearchDocument>) -> anyhow::Result<()>;
    /// Removes documents by id; unknown ids are ignored.
    async fn delete(&self, ids: Vec<String>) -> anyhow::Result<()>;
    /// Removes every document (before a rebuild).
    async fn clear(&self) -> anyhow::Result<()>;
    async fn search(&self, request: &SearchRequest) -> anyhow::Result<SearchResults>;
    /// Is the engine reachable? (`/readyz`)
    async fn health(&self) -> anyhow::Result<()>;
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
