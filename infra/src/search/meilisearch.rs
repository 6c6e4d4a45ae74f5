//! The shared search engine: one Meilisearch index `<prefix>_docs` for every network.
//!
//! Meilisearch sees only what our own Nordic analysis made of the text: the searchable
//! attributes are `title_terms` and `terms` (the analysed terms joined by spaces), and it gets
//! no stop words or synonyms of its own. Its typo tolerance is set to the rule (one edit
//! from 5 letters, two from 9), prefix search is off, and every query filters on `tenant_id`,
//! `visibility` and `group_ids` exactly as the tantivy adapter does, so both engines find the
//! same documents for the same request.
//!
//! Writes are tasks in Meilisearch: each is awaited, and a failed task is an error, so the
//! indexing job that asked for it fails and is retried. A batch of writes ([`IndexWrites`]) is
//! at most two tasks (documents, then deletions) enqueued together and awaited once. Unlike
//! tantivy, any number of processes may write.
//!
//! The server may be down when a process starts or at any time after: building the adapter
//! does not reach it, and the index is created and set up by the first call that does (again
//! after the index disappeared). A call that cannot reach the server — refused, no answer
//! within [`REQUEST_TIMEOUT`], a 5xx from a proxy — fails with [`SearchUnavailable`], which the
//! HTTP layer answers with 503 and the worker with a postponed job.

use std::collections::HashMap;
use std::future::Future;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use anyhow::{Context, anyhow};
use async_trait::async_trait;
use chrono::{DateTime, Utc};
use domain::ids::NetworkId;
use domain::search::{
    DocKind, FacetCount, FacetField, FacetValue, GroupAccess, IndexWrites, QueryTerm,
    SearchDocument, SearchFilter, SearchHit, SearchIndex, SearchRequest, SearchResults, SearchSort,
    SearchUnavailable,
};
use domain::tenancy::Visibility;
use meilisearch_sdk::client::Client;
use meilisearch_sdk::documents::DocumentsQuery;
use meilisearch_sdk::errors::{Error as MeiliError, ErrorCode};
use meilisearch_sdk::indexes::Index;
use meilisearch_sdk::search::{MatchingStrategies, Selectors};
use meilisearch_sdk::settings::{
    MinWordSizeForTypos, PaginationSetting, PrefixSearchSettings, Settings, TypoToleranceSettings,
};
use meilisearch_sdk::task_info::TaskInfo;
use meilisearch_sdk::tasks::Task;
use serde::{Deserialize, Serialize};

/// The primary key: our ids (`<kind>:<uuid>`) hold a `:`, which Meilisearch does not allow.
const PRIMARY_KEY: &str = "doc_key";
/// What a group-less document carries in `group_ids`, so "no group" can be filtered on.
const NO_GROUP: &str = "-";
/// The stored original body is cut here; snippets come from its beginning.
const MAX_STORED_BODY_CHARS: usize = 20_000;
/// Enough for a rebuild batch behind a busy queue; a task still pending after this is an error.
const TASK_TIMEOUT: Duration = Duration::from_secs(120);
/// How often a pending task is looked at. Not what made writes slow (see docs/performance.md:
/// the server's own cost per task); a batch waits once for all its writes.
const TASK_POLL: Duration = Duration::from_millis(25);
/// The longest one request may go unanswered before the engine counts as unreachable.
const REQUEST_TIMEOUT: Duration = Duration::from_secs(10);
/// How far `total` counts exactly (and how deep one can page).
const MAX_TOTAL_HITS: usize = 10_000;
/// Documents per page when listing a network's ids.
const LIST_PAGE: usize = 1_000;
/// Values per facet in a response.
const MAX_VALUES_PER_FACET: usize = 100;

const SEARCHABLE: [&str; 2] = ["title_terms", "terms"];
const FILTERABLE: [&str; 9] = [
    "tenant_id",
    "kind",
    "visibility",
    "group_ids",
    "organisation",
    "sectors",
    "tags",
    "status",
    "year",
];
const FACETS: [&str; 6] = ["kind", "organisation", "sectors", "tags", "status", "year"];
const RETRIEVED: [&str; 7] = [
    "id",
    "kind",
    "tenant_id",
    "title",
    "body",
    "path",
    "updated_at",
];

/// A document listed by id only.
#[derive(Deserialize)]
struct IdOnly {
    id: String,
}

/// One document as Meilisearch stores it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
struct MeiliDocument {
    doc_key: String,
    id: String,
    tenant_id: String,
    kind: String,
    visibility: String,
    group_ids: Vec<String>,
    language: String,
    title: String,
    body: String,
    path: String,
    organisation: Option<String>,
    sectors: Vec<String>,
    tags: Vec<String>,
    status: Option<String>,
    year: Option<i32>,
    /// Unix seconds: sortable.
    updated_at: i64,
    title_terms: String,
    terms: String,
}

/// What a search hit brings back (`RETRIEVED`).
#[derive(Clone, Debug, Deserialize)]
struct MeiliHit {
    id: String,
    kind: String,
    tenant_id: String,
    title: String,
    #[serde(default)]
    body: String,
    #[serde(default)]
    path: String,
    updated_at: i64,
}

/// Our id `<kind>:<uuid>` as a Meilisearch document id (`[A-Za-z0-9_-]`, at most 511 bytes).
/// Letters, digits and `-` stay; every other byte, `_` included, becomes `_` and two hex
/// digits, so the mapping is one to one: `project:0190…` is `project_3A0190…`.
fn document_key(id: &str) -> String {
    let mut key = String::with_capacity(id.len() + 8);
    for byte in id.bytes() {
        if byte.is_ascii_alphanumeric() || byte == b'-' {
            key.push(char::from(byte));
        } else {
            key.push_str(&format!("_{byte:02X}"));
        }
    }
    key
}

fn truncate_chars(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        Some((at, _)) => text[..at].to_owned(),
        None => text.to_owned(),
    }
}

fn to_meili(doc: &SearchDocument) -> MeiliDocument {
    MeiliDocument {
        doc_key: document_key(&doc.id),
        id: doc.id.clone(),
        tenant_id: doc.tenant_id.to_string(),
        kind: doc.kind.as_str().to_owned(),
        visibility: doc.visibility.as_str().to_owned(),
        group_ids: if doc.group_ids.is_empty() {
            vec![NO_GROUP.to_owned()]
        } else {
            doc.group_ids.iter().map(ToString::to_string).collect()
        },
        language: doc.language.as_str().to_owned(),
        title: doc.title.clone(),
        body: truncate_chars(&doc.body, MAX_STORED_BODY_CHARS),
        path: doc.path.clone(),
        organisation: doc.organisation.clone(),
        sectors: doc.sectors.clone(),
        tags: doc.tags.clone(),
        status: doc.status.clone(),
        year: doc.year,
        updated_at: doc.updated_at.timestamp(),
        title_terms: doc.title_terms.join(" "),
        terms: doc.terms.join(" "),
    }
}

/// A value inside a filter's double quotes: `\` and `"` escaped with a backslash (Meilisearch
/// ≥ 1.4).
fn quoted(value: &str) -> String {
    let mut out = String::with_capacity(value.len() + 2);
    out.push('"');
    for c in value.chars() {
        if c == '\\' || c == '"' {
            out.push('\\');
        }
        out.push(c);
    }
    out.push('"');
    out
}

fn any_of(field: &str, values: impl IntoIterator<Item = String>) -> String {
    let values: Vec<String> = values.into_iter().map(|v| quoted(&v)).collect();
    format!("{field} IN [{}]", values.join(", "))
}

fn facet_attribute(field: FacetField) -> &'static str {
    match field {
        FacetField::Kind => "kind",
        FacetField::Organisation => "organisation",
        FacetField::Sector => "sectors",
        FacetField::Tag => "tags",
        FacetField::Status => "status",
        FacetField::Year => "year",
    }
}

fn facet_field(attribute: &str) -> Option<FacetField> {
    Some(match attribute {
        "kind" => FacetField::Kind,
        "organisation" => FacetField::Organisation,
        "sectors" => FacetField::Sector,
        "tags" => FacetField::Tag,
        "status" => FacetField::Status,
        "year" => FacetField::Year,
        _ => return None,
    })
}

/// The filter expression for a request: who may see what, then the chosen facet values.
fn filter_expression(filter: &SearchFilter, facets: &[FacetValue]) -> String {
    let tenant = filter.tenant_id.to_string();
    let mut own = vec![
        format!("tenant_id = {}", quoted(&tenant)),
        if filter.visibilities.is_empty() {
            // Nothing is visible: a condition no document meets.
            format!("visibility = {}", quoted("none"))
        } else {
            any_of(
                "visibility",
                filter.visibilities.iter().map(|v| v.as_str().to_owned()),
            )
        },
    ];
    if let GroupAccess::Only(groups) = &filter.groups {
        own.push(any_of(
            "group_ids",
            std::iter::once(NO_GROUP.to_owned()).chain(groups.iter().map(ToString::to_string)),
        ));
    }
    let access = if filter.other_networks_shared {
        let library = [
            format!("tenant_id != {}", quoted(&tenant)),
            any_of(
                "visibility",
                [Visibility::Shared, Visibility::Public].map(|v| v.as_str().to_owned()),
            ),
            format!("group_ids = {}", quoted(NO_GROUP)),
        ];
        format!("(({}) OR ({}))", own.join(" AND "), library.join(" AND "))
    } else {
        format!("({})", own.join(" AND "))
    };
    let mut parts = vec![access];
    if !filter.kinds.is_empty() {
        parts.push(any_of(
            "kind",
            filter.kinds.iter().map(|k| k.as_str().to_owned()),
        ));
    }
    for facet in facets {
        let attribute = facet_attribute(facet.field);
        parts.push(match facet.field {
            // A year is stored as a number; anything else cannot match one.
            FacetField::Year => match facet.value.trim().parse::<i32>() {
                Ok(year) => format!("{attribute} = {year}"),
                Err(_) => format!("{attribute} = {}", quoted(&facet.value)),
            },
            _ => format!("{attribute} = {}", quoted(&facet.value)),
        });
    }
    parts.join(" AND ")
}

/// The `q` of a request. Our analysis made the terms; anything Meilisearch would read as syntax
/// (`"` phrases, `-` negation) is dropped. A term the analysis allows no typos although
/// Meilisearch would (5 letters or more) is sent as a one-word phrase, which Meilisearch
/// matches exactly.
fn query_text(terms: &[QueryTerm]) -> String {
    let mut words = Vec::new();
    for term in terms {
        let cleaned: String = term
            .text
            .chars()
            .map(|c| if c.is_alphanumeric() { c } else { ' ' })
            .collect();
        for word in cleaned.split_whitespace() {
            if term.typos == 0 && word.chars().count() >= 5 {
                words.push(format!("\"{word}\""));
            } else {
                words.push(word.to_owned());
            }
        }
    }
    words.join(" ")
}

/// Facet counts from Meilisearch's `facetDistribution`, most frequent first, then by value.
fn facet_counts(distribution: Option<HashMap<String, HashMap<String, usize>>>) -> Vec<FacetCount> {
    let mut counts: Vec<FacetCount> = distribution
        .unwrap_or_default()
        .into_iter()
        .filter_map(|(attribute, values)| facet_field(&attribute).map(|field| (field, values)))
        .flat_map(|(field, values)| {
            values
                .into_iter()
                .filter(|(_, count)| *count > 0)
                .map(move |(value, count)| FacetCount {
                    field,
                    value,
                    count,
                })
        })
        .collect();
    let order = |field: FacetField| FACETS.iter().position(|f| *f == facet_attribute(field));
    counts.sort_by(|a, b| {
        order(a.field)
            .cmp(&order(b.field))
            .then(b.count.cmp(&a.count))
            .then_with(|| a.value.cmp(&b.value))
    });
    counts
}

fn to_hit(hit: MeiliHit, score: Option<f64>) -> SearchHit {
    SearchHit {
        kind: DocKind::parse(&hit.kind).unwrap_or(DocKind::Project),
        tenant_id: hit
            .tenant_id
            .parse()
            .unwrap_or(NetworkId(uuid::Uuid::nil())),
        updated_at: DateTime::<Utc>::from_timestamp(hit.updated_at, 0).unwrap_or_default(),
        id: hit.id,
        title: hit.title,
        body: hit.body,
        path: hit.path,
        score: score.unwrap_or_default() as f32,
    }
}

/// Which page to ask for so that `total` is exact: Meilisearch counts every hit
/// (`totalHits`) only with `page`/`hitsPerPage`. When `offset` is not a multiple of `limit`,
/// the first page is made long enough and cut here. Returns (page, hits per page, hits to skip).
fn page_of(offset: usize, limit: usize) -> (usize, usize, usize) {
    let limit = limit.max(1);
    if offset.is_multiple_of(limit) {
        (offset / limit + 1, limit, 0)
    } else {
        (1, offset + limit, offset)
    }
}

fn settings() -> Settings {
    Settings::new()
        .with_searchable_attributes(SEARCHABLE)
        .with_filterable_attributes(FILTERABLE)
        .with_sortable_attributes(["updated_at"])
        // Meilisearch's own order, with `sort` first: a query without a sort ranks as by
        // default, and "newest first" is really by date rather than a tie-breaker.
        .with_ranking_rules([
            "sort",
            "words",
            "typo",
            "proximity",
            "attribute",
            "exactness",
        ])
        .with_stop_words(Vec::<String>::new())
        .with_synonyms(HashMap::<String, Vec<String>>::new())
        .with_typo_tolerance(TypoToleranceSettings {
            enabled: Some(true),
            disable_on_attributes: Some(vec![]),
            disable_on_words: Some(vec![]),
            min_word_size_for_typos: Some(MinWordSizeForTypos {
                one_typo: Some(5),
                two_typos: Some(9),
            }),
            disable_on_numbers: None,
        })
        .with_pagination(PaginationSetting {
            max_total_hits: MAX_TOTAL_HITS,
        })
        .with_max_values_per_facet(MAX_VALUES_PER_FACET)
}

pub struct MeilisearchIndex {
    client: Client,
    index: Index,
    /// The index exists with our settings (as far as we know).
    ready: AtomicBool,
    /// One set-up at a time.
    setting_up: tokio::sync::Mutex<()>,
}

impl MeilisearchIndex {
    /// The adapter, without reaching the server: the index is created and set up by the first
    /// call that reaches it, so a process starts while Meilisearch is down.
    pub fn new(url: &str, key: Option<&str>, prefix: &str) -> anyhow::Result<Self> {
        let client = Client::new(url.trim_end_matches('/'), key)
            .context("creating the Meilisearch client")?;
        let index = client.index(format!("{prefix}_docs"));
        Ok(Self {
            client,
            index,
            ready: AtomicBool::new(false),
            setting_up: tokio::sync::Mutex::new(()),
        })
    }

    /// [`new`](Self::new), and the index set up now (tests and benchmarks, which want a server).
    pub async fn connect(url: &str, key: Option<&str>, prefix: &str) -> anyhow::Result<Self> {
        let this = Self::new(url, key, prefix)?;
        this.ready().await?;
        Ok(this)
    }

    /// Sets the index up unless that was done.
    async fn ready(&self) -> anyhow::Result<()> {
        if self.ready.load(Ordering::Acquire) {
            return Ok(());
        }
        let _one = self.setting_up.lock().await;
        if self.ready.load(Ordering::Acquire) {
            return Ok(());
        }
        self.set_up().await?;
        self.ready.store(true, Ordering::Release);
        tracing::info!(index = %self.index.uid, "Meilisearch index ready");
        Ok(())
    }

    /// Creates `<prefix>_docs` if it is missing and applies our settings, waiting for each
    /// step. Harmless to repeat.
    async fn set_up(&self) -> anyhow::Result<()> {
        let doing = "creating the Meilisearch index";
        let created = call(
            doing,
            self.client.create_index(&self.index.uid, Some(PRIMARY_KEY)),
        )
        .await?;
        match self.wait(created).await {
            Ok(()) => {}
            Err(e) if is_code(&e, &ErrorCode::IndexAlreadyExists) => {}
            Err(e) => return Err(e.context(doing)),
        }
        let doing = "applying the Meilisearch settings";
        let task = call(doing, self.index.set_settings(&settings())).await?;
        self.wait(task).await.context(doing)?;
        // `prefixSearch` exists from Meilisearch 1.12; an older server keeps prefix search on
        // the last query word (see docs/decisions.md).
        let doing = "turning prefix search off";
        let prefix_off = match call(
            doing,
            self.index.set_prefix_search(PrefixSearchSettings::Disabled),
        )
        .await
        {
            Ok(task) => self.wait(task).await,
            Err(e) => Err(e),
        };
        match prefix_off {
            Ok(()) => {}
            Err(e) if domain::search::is_unavailable(&e) => return Err(e),
            Err(e) => {
                tracing::warn!(error = %format!("{e:#}"), "Meilisearch cannot turn prefix search off (older than 1.12?)");
            }
        }
        Ok(())
    }

    /// After an error that says the index is gone or lacks our settings (the server's data was
    /// replaced), the next call sets it up again.
    fn forget_if_missing(&self, error: &anyhow::Error) {
        let missing = [
            ErrorCode::IndexNotFound,
            ErrorCode::InvalidSearchFilter,
            ErrorCode::InvalidDocumentFilter,
        ];
        if missing.iter().any(|code| is_code(error, code)) {
            self.ready.store(false, Ordering::Release);
        }
    }

    /// The index's uid, `<prefix>_docs`.
    pub fn uid(&self) -> &str {
        &self.index.uid
    }

    /// Deletes the whole index (tests and benchmarks clean up with it).
    pub async fn delete_index(self) -> anyhow::Result<()> {
        let doing = "deleting the Meilisearch index";
        let task = call(doing, self.client.delete_index(&self.index.uid)).await?;
        self.wait(task).await
    }

    /// Waits for a task; a failed task is an error carrying Meilisearch's reason.
    async fn wait(&self, task: TaskInfo) -> anyhow::Result<()> {
        let uid = task.task_uid;
        let deadline = tokio::time::Instant::now() + TASK_TIMEOUT;
        loop {
            let doing = "waiting for a Meilisearch task";
            match call(doing, self.client.get_task(&task)).await? {
                Task::Succeeded { .. } => return Ok(()),
                Task::Failed { content } => {
                    return Err(anyhow::Error::new(content.error)
                        .context(format!("Meilisearch task {uid} failed")));
                }
                Task::Enqueued { .. } | Task::Processing { .. } => {}
            }
            if tokio::time::Instant::now() >= deadline {
                return Err(anyhow!(
                    "Meilisearch task {uid} did not finish within {}s",
                    TASK_TIMEOUT.as_secs()
                ));
            }
            tokio::time::sleep(TASK_POLL).await;
        }
    }

    async fn list_ids(&self, tenant: NetworkId) -> anyhow::Result<Vec<String>> {
        let filter = format!("tenant_id = {}", quoted(&tenant.to_string()));
        let mut ids = Vec::new();
        // Pages by offset: the listing is taken while the caller is the only one reconciling
        // this network, and a document added meanwhile is one the caller must keep anyway.
        loop {
            let mut query = DocumentsQuery::new(&self.index);
            query
                .with_filter(&filter)
                .with_fields(["id"])
                .with_limit(LIST_PAGE)
                .with_offset(ids.len());
            let page = call(
                "listing a network's documents in Meilisearch",
                query.execute::<IdOnly>(),
            )
            .await?;
            let got = page.results.len();
            ids.extend(page.results.into_iter().map(|d| d.id));
            if got < LIST_PAGE {
                return Ok(ids);
            }
        }
    }

    async fn run_search(&self, request: &SearchRequest) -> anyhow::Result<SearchResults> {
        let q = query_text(&request.terms);
        if q.trim().is_empty() {
            return Ok(SearchResults::default());
        }
        let filter = filter_expression(&request.filter, &request.facet_filters);
        let (offset, limit) = request.window();
        if limit == 0 {
            return Ok(SearchResults::default());
        }
        let (page, per_page, skip) = page_of(offset, limit);
        let newest = ["updated_at:desc"];
        let mut query = self.index.search();
        query
            .with_query(&q)
            .with_filter(&filter)
            .with_matching_strategy(MatchingStrategies::ALL)
            .with_page(page)
            .with_hits_per_page(per_page)
            .with_facets(Selectors::Some(&FACETS[..]))
            .with_attributes_to_retrieve(Selectors::Some(&RETRIEVED[..]))
            .with_show_ranking_score(true);
        if request.sort == SearchSort::Newest {
            query.with_sort(&newest[..]);
        }
        let results = call("searching in Meilisearch", query.execute::<MeiliHit>()).await?;
        let total = results
            .total_hits
            .or(results.estimated_total_hits)
            .unwrap_or(results.hits.len());
        let hits = results
            .hits
            .into_iter()
            .skip(skip)
            .map(|hit| to_hit(hit.result, hit.ranking_score))
            .collect();
        Ok(SearchResults {
            total,
            hits,
            facets: facet_counts(results.facet_distribution),
        })
    }
}

fn is_code(error: &anyhow::Error, code: &ErrorCode) -> bool {
    error.chain().any(|cause| {
        cause
            .downcast_ref::<meilisearch_sdk::errors::MeilisearchError>()
            .or_else(|| match cause.downcast_ref::<MeiliError>() {
                Some(MeiliError::Meilisearch(e)) => Some(e),
                _ => None,
            })
            .is_some_and(|e| &e.error_code == code)
    })
}

/// Whether an SDK error means the server could not be reached (rather than a refusal).
fn unreachable(error: &MeiliError) -> bool {
    match error {
        MeiliError::HttpError(_) => true,
        // A proxy or load balancer in front of a server that is down.
        MeiliError::MeilisearchCommunication(e) => e.status_code >= 500,
        _ => false,
    }
}

/// One request to the server, bounded by [`REQUEST_TIMEOUT`]; an unreachable server is
/// [`SearchUnavailable`].
async fn call<T>(
    doing: &'static str,
    request: impl Future<Output = Result<T, MeiliError>>,
) -> anyhow::Result<T> {
    match tokio::time::timeout(REQUEST_TIMEOUT, request).await {
        Ok(Ok(answer)) => Ok(answer),
        Ok(Err(e)) if unreachable(&e) => Err(anyhow::Error::new(e)
            .context(doing)
            .context(SearchUnavailable)),
        Ok(Err(e)) => Err(anyhow::Error::new(e).context(doing)),
        Err(_) => Err(anyhow!("no answer within {}s", REQUEST_TIMEOUT.as_secs())
            .context(doing)
            .context(SearchUnavailable)),
    }
}

#[async_trait]
impl SearchIndex for MeilisearchIndex {
    /// Both tasks are enqueued before either is awaited: Meilisearch processes an index's tasks
    /// in order and batches consecutive ones, so the batch costs about one task.
    async fn apply(&self, writes: IndexWrites) -> anyhow::Result<()> {
        if writes.is_empty() {
            return Ok(());
        }
        self.ready().await?;
        let (upserts, deletes) = writes.into_parts();
        let mut tasks = Vec::new();
        if !upserts.is_empty() {
            let docs: Vec<MeiliDocument> = upserts.iter().map(to_meili).collect();
            tasks.push(
                call(
                    "sending documents to Meilisearch",
                    self.index.add_or_replace(&docs, Some(PRIMARY_KEY)),
                )
                .await?,
            );
        }
        if !deletes.is_empty() {
            let keys: Vec<String> = deletes.iter().map(|id| document_key(id)).collect();
            tasks.push(
                call(
                    "deleting documents in Meilisearch",
                    self.index.delete_documents(&keys),
                )
                .await?,
            );
        }
        for task in tasks {
            self.wait(task).await?;
        }
        Ok(())
    }

    async fn clear(&self) -> anyhow::Result<()> {
        self.ready().await?;
        let task = call(
            "clearing the Meilisearch index",
            self.index.delete_all_documents(),
        )
        .await?;
        self.wait(task).await
    }

    async fn document_ids(&self, tenant: NetworkId) -> anyhow::Result<Vec<String>> {
        self.ready().await?;
        let listed = self.list_ids(tenant).await;
        if let Err(e) = &listed {
            self.forget_if_missing(e);
        }
        listed
    }

    async fn search(&self, request: &SearchRequest) -> anyhow::Result<SearchResults> {
        self.ready().await?;
        let found = self.run_search(request).await;
        if let Err(e) = &found {
            self.forget_if_missing(e);
        }
        found
    }

    /// Reachable, and the index set up (a server that answers sets it up here).
    /// The server answers. Setting the index up is left to the first search or write: it waits
    /// for a task behind whatever the server is indexing, and `/readyz` must answer at once.
    async fn health(&self) -> anyhow::Result<()> {
        call("asking Meilisearch for its health", self.client.health()).await?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use domain::ids::GroupId;
    use domain::tenancy::Language;

    fn filter(tenant: NetworkId) -> SearchFilter {
        SearchFilter {
            tenant_id: tenant,
            visibilities: vec![Visibility::Network, Visibility::Shared],
            groups: GroupAccess::Only(vec![]),
            other_networks_shared: false,
            kinds: vec![],
        }
    }

    #[test]
    fn document_keys_are_allowed_and_one_to_one() {
        let id = "project_update:0190b3c4-1d2e-7f00-8000-000000000001";
        let key = document_key(id);
        assert_eq!(
            key,
            "project_5Fupdate_3A0190b3c4-1d2e-7f00-8000-000000000001"
        );
        assert!(
            key.bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
        );
        // `_` itself is escaped, so no two ids share a key.
        assert_ne!(document_key("a_3A"), document_key("a:"));
        assert_eq!(document_key("ø"), "_C3_B8");
    }

    #[test]
    fn the_filter_keeps_to_the_tenant_visibility_and_groups() {
        let tenant = NetworkId(uuid::Uuid::nil());
        let group = GroupId(uuid::Uuid::from_u128(1));
        let mut f = filter(tenant);
        f.groups = GroupAccess::Only(vec![group]);
        assert_eq!(
            filter_expression(&f, &[]),
            format!(
                "(tenant_id = \"{tenant}\" AND visibility IN [\"network\", \"shared\"] AND group_ids IN [\"-\", \"{group}\"])"
            )
        );
        f.groups = GroupAccess::All;
        assert_eq!(
            filter_expression(&f, &[]),
            format!("(tenant_id = \"{tenant}\" AND visibility IN [\"network\", \"shared\"])")
        );
    }

    #[test]
    fn the_library_adds_other_networks_shared_documents_as_an_or_group() {
        let tenant = NetworkId(uuid::Uuid::nil());
        let mut f = filter(tenant);
        f.other_networks_shared = true;
        assert_eq!(
            filter_expression(&f, &[]),
            format!(
                "((tenant_id = \"{tenant}\" AND visibility IN [\"network\", \"shared\"] AND group_ids IN [\"-\"]) OR (tenant_id != \"{tenant}\" AND visibility IN [\"shared\", \"public\"] AND group_ids = \"-\"))"
            )
        );
    }

    #[test]
    fn facet_values_are_quoted_and_escaped() {
        let tenant = NetworkId(uuid::Uuid::nil());
        let facets = [
            FacetValue {
                field: FacetField::Organisation,
                value: "Region \"Syd\" \\ PPR".into(),
            },
            FacetValue {
                field: FacetField::Sector,
                value: "skole".into(),
            },
            FacetValue {
                field: FacetField::Year,
                value: "2024".into(),
            },
            FacetValue {
                field: FacetField::Year,
                value: "2024 OR 1=1".into(),
            },
        ];
        let expression = filter_expression(&filter(tenant), &facets);
        assert!(expression.ends_with(
            " AND organisation = \"Region \\\"Syd\\\" \\\\ PPR\" AND sectors = \"skole\" AND year = 2024 AND year = \"2024 OR 1=1\""
        ), "{expression}");
    }

    #[test]
    fn kinds_narrow_the_whole_filter() {
        let tenant = NetworkId(uuid::Uuid::nil());
        let mut f = filter(tenant);
        f.other_networks_shared = true;
        f.kinds = vec![DocKind::Project, DocKind::ProjectUpdate];
        let expression = filter_expression(&f, &[]);
        assert!(
            expression.ends_with("\"-\")) AND kind IN [\"project\", \"project_update\"]"),
            "{expression}"
        );
    }

    #[test]
    fn nothing_visible_matches_nothing() {
        let mut f = filter(NetworkId(uuid::Uuid::nil()));
        f.visibilities.clear();
        assert!(filter_expression(&f, &[]).contains("visibility = \"none\""));
    }

    #[test]
    fn the_query_drops_syntax_and_keeps_exact_terms_exact() {
        let terms = [
            QueryTerm {
                text: "\"bup".into(),
                typos: 0,
            },
            QueryTerm {
                text: "-skolefravær".into(),
                typos: 2,
            },
            QueryTerm {
                text: "psykiatri".into(),
                typos: 0,
            },
        ];
        assert_eq!(query_text(&terms), "bup skolefravær \"psykiatri\"");
        assert_eq!(
            query_text(&[QueryTerm {
                text: "(((".into(),
                typos: 1
            }]),
            ""
        );
    }

    #[test]
    fn facet_distribution_becomes_sorted_counts() {
        let mut distribution = HashMap::new();
        distribution.insert(
            "sectors".to_owned(),
            HashMap::from([("skole".to_owned(), 2), ("sundhed".to_owned(), 5)]),
        );
        distribution.insert(
            "kind".to_owned(),
            HashMap::from([("project".to_owned(), 3), ("thread".to_owned(), 0)]),
        );
        distribution.insert("unknown".to_owned(), HashMap::from([("x".to_owned(), 1)]));
        let counts = facet_counts(Some(distribution));
        let flat: Vec<(FacetField, &str, usize)> = counts
            .iter()
            .map(|c| (c.field, c.value.as_str(), c.count))
            .collect();
        assert_eq!(
            flat,
            vec![
                (FacetField::Kind, "project", 3),
                (FacetField::Sector, "sundhed", 5),
                (FacetField::Sector, "skole", 2),
            ]
        );
        assert!(facet_counts(None).is_empty());
    }

    #[test]
    fn pages_are_exact_for_any_offset() {
        assert_eq!(page_of(0, 20), (1, 20, 0));
        assert_eq!(page_of(40, 20), (3, 20, 0));
        assert_eq!(page_of(6, 3), (3, 3, 0));
        assert_eq!(page_of(5, 3), (1, 8, 5));
        assert_eq!(page_of(0, 0), (1, 1, 0));
    }

    #[test]
    fn documents_carry_terms_groups_and_a_truncated_body() {
        let doc = SearchDocument {
            id: "project:1".into(),
            kind: DocKind::Project,
            tenant_id: NetworkId(uuid::Uuid::nil()),
            visibility: Visibility::Shared,
            group_ids: vec![],
            language: Language::Danish,
            title: "Bakkehuset".into(),
            body: "x".repeat(MAX_STORED_BODY_CHARS + 10),
            tags: vec!["bup".into()],
            organisation: Some("Region Syd".into()),
            sectors: vec!["sundhed".into()],
            status: Some("running".into()),
            year: Some(2024),
            path: "projects/1".into(),
            updated_at: DateTime::<Utc>::from_timestamp(1_700_000_000, 0).unwrap_or_default(),
            title_terms: vec!["bakkehus".into()],
            terms: vec!["bup".into(), "sundhed".into()],
        };
        let m = to_meili(&doc);
        assert_eq!(m.group_ids, vec!["-"]);
        assert_eq!(m.body.chars().count(), MAX_STORED_BODY_CHARS);
        assert_eq!(m.terms, "bup sundhed");
        assert_eq!(m.title_terms, "bakkehus");
        assert_eq!(m.updated_at, 1_700_000_000);
        let json = serde_json::to_value(&m).unwrap();
        assert_eq!(json["doc_key"], "project_3A1");
        assert_eq!(json["year"], 2024);
    }

    /// A port nothing listens on.
    fn closed_port() -> u16 {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        listener.local_addr().unwrap().port()
    }

    /// Building the adapter reaches nothing; every call to a server that is down is
    /// `SearchUnavailable`, not some other failure.
    #[tokio::test]
    async fn a_server_that_is_down_is_unavailable() {
        let url = format!("http://127.0.0.1:{}", closed_port());
        let index = MeilisearchIndex::new(&url, Some("key"), "samvirke").unwrap();
        let tenant = NetworkId(uuid::Uuid::nil());
        let mut writes = IndexWrites::default();
        writes.delete(vec!["project:1".into()]);
        let errors = [
            index.health().await.unwrap_err(),
            index.apply(writes).await.unwrap_err(),
            index.document_ids(tenant).await.unwrap_err(),
            index
                .search(&SearchRequest {
                    terms: vec![QueryTerm {
                        text: "bup".into(),
                        typos: 0,
                    }],
                    filter: filter(tenant),
                    facet_filters: vec![],
                    sort: SearchSort::Relevance,
                    limit: 10,
                    offset: 0,
                })
                .await
                .unwrap_err(),
        ];
        for error in errors {
            assert!(domain::search::is_unavailable(&error), "{error:#}");
        }
    }

    fn test_server() -> Option<(String, Option<String>)> {
        let Ok(url) = std::env::var("SAMVIRKE_TEST_MEILISEARCH_URL") else {
            assert!(
                std::env::var_os("SAMVIRKE_TEST_REQUIRE_SERVICES").is_none(),
                "SAMVIRKE_TEST_REQUIRE_SERVICES is set but SAMVIRKE_TEST_MEILISEARCH_URL is not"
            );
            eprintln!("skipped: set SAMVIRKE_TEST_MEILISEARCH_URL");
            return None;
        };
        Some((url, std::env::var("SAMVIRKE_TEST_MEILISEARCH_KEY").ok()))
    }

    /// Runs against the server that scripts/test starts (or `SAMVIRKE_TEST_MEILISEARCH_URL`),
    /// on an index of its own that it deletes afterwards.
    #[tokio::test]
    async fn passes_the_conformance_suite() {
        let Some((url, key)) = test_server() else {
            return;
        };
        let prefix = format!("samvirke_test_{}", uuid::Uuid::now_v7().simple());
        let index = MeilisearchIndex::connect(&url, key.as_deref(), &prefix)
            .await
            .unwrap();
        let outcome = async {
            domain::search::conformance::run(&index).await?;
            domain::search::conformance::run_clear(&index).await
        }
        .await;
        index.delete_index().await.unwrap();
        outcome.unwrap();
    }

    /// An index that disappears (the server's data replaced) is set up again by the next calls.
    #[tokio::test]
    async fn a_lost_index_is_set_up_again() {
        let Some((url, key)) = test_server() else {
            return;
        };
        let prefix = format!("samvirke_test_{}", uuid::Uuid::now_v7().simple());
        let index = MeilisearchIndex::connect(&url, key.as_deref(), &prefix)
            .await
            .unwrap();
        let other = MeilisearchIndex::new(&url, key.as_deref(), &prefix).unwrap();
        other.delete_index().await.unwrap();
        let tenant = NetworkId::new();
        let request = SearchRequest {
            terms: vec![QueryTerm {
                text: "bup".into(),
                typos: 0,
            }],
            filter: filter(tenant),
            facet_filters: vec![],
            sort: SearchSort::Relevance,
            limit: 10,
            offset: 0,
        };
        // The first call finds the index gone; the next sets it up again and answers.
        let _ = index.search(&request).await;
        let results = index.search(&request).await.unwrap();
        assert_eq!(results.total, 0);
        assert!(index.document_ids(tenant).await.unwrap().is_empty());
        index.delete_index().await.unwrap();
    }
}
