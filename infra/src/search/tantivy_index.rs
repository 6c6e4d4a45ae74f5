//! The embedded search engine: tantivy in a folder.
//!
//! One schema for every network. The text is analysed by the domain (`domain::search::analysis`:
//! stems, compound parts, synonyms), so tantivy indexes the ready terms as they come
//! (`title_terms`, `terms`, split on spaces, nothing stemmed twice) and a query is one clause per
//! analysed term, each matched exactly or within its typo budget. The original title and (the
//! start of the) body are stored for display and snippets; the facet fields are fast fields,
//! counted over every match by an aggregation.
//!
//! tantivy allows one writer per folder across processes. The writer is opened on first write,
//! so an `http` process that only reads never takes it; a second writer gets [`IndexBusy`].
//! Readers reload when the folder changes, so a search in one process sees what a worker in
//! another process committed.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use anyhow::{Context, anyhow};
use async_trait::async_trait;
use chrono::{DateTime, Utc};
use domain::ids::NetworkId;
use domain::search::{
    DocKind, FacetCount, FacetField, GroupAccess, IndexBusy, SearchDocument, SearchHit,
    SearchIndex, SearchRequest, SearchResults, SearchSort,
};
use domain::tenancy::Visibility;
use tantivy::aggregation::agg_req::Aggregations;
use tantivy::aggregation::agg_result::{AggregationResult, BucketResult};
use tantivy::aggregation::{AggContextParams, AggregationCollector, Key};
use tantivy::collector::{Count, DocSetCollector, TopDocs};
use tantivy::directory::MmapDirectory;
use tantivy::query::{
    BooleanQuery, BoostQuery, ConstScoreQuery, FuzzyTermQuery, Occur, Query, TermQuery,
};
use tantivy::schema::{
    DateOptions, FAST, Field, INDEXED, IndexRecordOption, STORED, STRING, Schema,
    TextFieldIndexing, TextOptions, Value,
};
use tantivy::tokenizer::{TextAnalyzer, WhitespaceTokenizer};
use tantivy::{
    DocAddress, Index, IndexReader, IndexWriter, Order, ReloadPolicy, TantivyDocument, Term,
};

/// Bump when the schema changes: a new folder is used and `samvirke reindex` fills it.
const SCHEMA_VERSION: &str = "v2";
const WRITER_MEMORY: usize = 50_000_000;
const NO_GROUP: &str = "-";
/// The stored body is cut here: snippets come from the start of a text, and a 5 MB file need not
/// be stored whole (its terms are all indexed).
const STORED_BODY_CHARS: usize = 50_000;
const TERMS_TOKENIZER: &str = "samvirke_terms";
const TITLE_BOOST: f32 = 2.0;
/// An exact match of a term ranks above a match within its typos.
const EXACT_BOOST: f32 = 2.0;
/// How many values of one facet field a search counts (the most frequent).
const FACET_VALUES: usize = 100;

const FACETS: [(FacetField, &str); 6] = [
    (FacetField::Kind, "kind"),
    (FacetField::Organisation, "organisation"),
    (FacetField::Sector, "sector"),
    (FacetField::Tag, "tag"),
    (FacetField::Status, "status"),
    (FacetField::Year, "year"),
];

#[derive(Clone)]
struct Fields {
    id: Field,
    kind: Field,
    tenant_id: Field,
    visibility: Field,
    group_ids: Field,
    language: Field,
    title: Field,
    body: Field,
    path: Field,
    title_terms: Field,
    terms: Field,
    organisation: Field,
    sector: Field,
    tag: Field,
    status: Field,
    year: Field,
    updated_at: Field,
}

impl Fields {
    fn facet(&self, field: FacetField) -> Field {
        match field {
            FacetField::Kind => self.kind,
            FacetField::Organisation => self.organisation,
            FacetField::Sector => self.sector,
            FacetField::Tag => self.tag,
            FacetField::Status => self.status,
            FacetField::Year => self.year,
        }
    }
}

fn schema() -> (Schema, Fields) {
    let mut builder = Schema::builder();
    let facet = STRING | FAST;
    let terms = TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(TERMS_TOKENIZER)
            .set_index_option(IndexRecordOption::WithFreqs),
    );
    let fields = Fields {
        id: builder.add_text_field("id", STRING | STORED),
        kind: builder.add_text_field("kind", facet.clone() | STORED),
        tenant_id: builder.add_text_field("tenant_id", STRING | STORED),
        visibility: builder.add_text_field("visibility", STRING),
        group_ids: builder.add_text_field("group_ids", STRING),
        language: builder.add_text_field("language", STRING | STORED),
        title: builder.add_text_field("title", STORED),
        body: builder.add_text_field("body", STORED),
        path: builder.add_text_field("path", STORED),
        title_terms: builder.add_text_field("title_terms", terms.clone()),
        terms: builder.add_text_field("terms", terms),
        organisation: builder.add_text_field("organisation", facet.clone()),
        sector: builder.add_text_field("sector", facet.clone()),
        tag: builder.add_text_field("tag", facet.clone()),
        status: builder.add_text_field("status", facet.clone()),
        year: builder.add_text_field("year", facet),
        updated_at: builder.add_date_field(
            "updated_at",
            DateOptions::from(INDEXED).set_stored().set_fast(),
        ),
    };
    (builder.build(), fields)
}

pub struct TantivyIndex {
    index: Index,
    reader: IndexReader,
    fields: Fields,
    writer: Arc<Mutex<Option<IndexWriter>>>,
    dir: PathBuf,
}

impl TantivyIndex {
    /// Opens (or creates) the index under `dir`.
    pub fn open(dir: &Path) -> anyhow::Result<Self> {
        let dir = dir.join(SCHEMA_VERSION);
        std::fs::create_dir_all(&dir).with_context(|| format!("creating {}", dir.display()))?;
        let (schema, fields) = schema();
        let directory = MmapDirectory::open(&dir).context("opening the index folder")?;
        let index = Index::open_or_create(directory, schema).context("opening the index")?;
        // The domain's analysis made the terms; they are only split apart here.
        index.tokenizers().register(
            TERMS_TOKENIZER,
            TextAnalyzer::builder(WhitespaceTokenizer::default()).build(),
        );
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::OnCommitWithDelay)
            .try_into()
            .context("opening an index reader")?;
        Ok(Self {
            index,
            reader,
            fields,
            writer: Arc::new(Mutex::new(None)),
            dir,
        })
    }

    /// Runs `f` with the writer (opened on first use), commits, and makes the result searchable
    /// in this process at once.
    async fn write(
        &self,
        f: impl FnOnce(&mut IndexWriter, &Fields) -> anyhow::Result<()> + Send + 'static,
    ) -> anyhow::Result<()> {
        let writer = self.writer.clone();
        let index = self.index.clone();
        let fields = self.fields.clone();
        let reader = self.reader.clone();
        tokio::task::spawn_blocking(move || {
            let mut guard = writer
                .lock()
                .map_err(|_| anyhow!("index writer lock poisoned"))?;
            if guard.is_none() {
                let opened = index.writer(WRITER_MEMORY).map_err(|e| match e {
                    tantivy::TantivyError::LockFailure(..) => anyhow::Error::new(IndexBusy),
                    other => anyhow::Error::new(other).context("opening the index writer"),
                })?;
                *guard = Some(opened);
            }
            let w = guard.as_mut().ok_or_else(|| anyhow!("no index writer"))?;
            let result = f(w, &fields).and_then(|()| w.commit().map(|_| ()).context("committing"));
            if result.is_err() {
                // Drop what this write half did; the job will be retried.
                let _ = w.rollback();
            }
            result?;
            reader.reload().context("reloading the reader")?;
            Ok(())
        })
        .await
        .context("index write task")?
    }

    fn document(fields: &Fields, doc: &SearchDocument) -> TantivyDocument {
        let mut d = TantivyDocument::default();
        d.add_text(fields.id, &doc.id);
        d.add_text(fields.kind, doc.kind.as_str());
        d.add_text(fields.tenant_id, doc.tenant_id.to_string());
        d.add_text(fields.visibility, doc.visibility.as_str());
        if doc.group_ids.is_empty() {
            d.add_text(fields.group_ids, NO_GROUP);
        }
        for group in &doc.group_ids {
            d.add_text(fields.group_ids, group.to_string());
        }
        d.add_text(fields.language, doc.language.as_str());
        d.add_text(fields.title, &doc.title);
        let body = match doc.body.char_indices().nth(STORED_BODY_CHARS) {
            Some((cut, _)) => &doc.body[..cut],
            None => &doc.body,
        };
        d.add_text(fields.body, body);
        d.add_text(fields.path, &doc.path);
        d.add_text(fields.title_terms, doc.title_terms.join(" "));
        d.add_text(fields.terms, doc.terms.join(" "));
        if let Some(organisation) = &doc.organisation {
            d.add_text(fields.organisation, organisation);
        }
        for sector in &doc.sectors {
            d.add_text(fields.sector, sector);
        }
        for tag in &doc.tags {
            d.add_text(fields.tag, tag);
        }
        if let Some(status) = &doc.status {
            d.add_text(fields.status, status);
        }
        if let Some(year) = doc.year {
            d.add_text(fields.year, year.to_string());
        }
        d.add_date(
            fields.updated_at,
            tantivy::DateTime::from_timestamp_micros(doc.updated_at.timestamp_micros()),
        );
        d
    }
}

/// What a search needs, moved onto a blocking thread (a fuzzy query over a large index takes a
/// while).
struct TantivySearch {
    index: Index,
    reader: IndexReader,
    fields: Fields,
}

impl TantivySearch {
    /// Who may see what, and the chosen facet values: clauses that filter without scoring.
    fn filter(&self, request: &SearchRequest) -> Vec<(Occur, Box<dyn Query>)> {
        let f = &self.fields;
        let term = |field: Field, value: &str| -> Box<dyn Query> {
            Box::new(TermQuery::new(
                Term::from_field_text(field, value),
                IndexRecordOption::Basic,
            ))
        };
        let any_of = |field: Field, values: &[&str]| -> Box<dyn Query> {
            Box::new(BooleanQuery::new(
                values
                    .iter()
                    .map(|v| (Occur::Should, term(field, v)))
                    .collect(),
            ))
        };
        let filter = &request.filter;
        let visibilities: Vec<&str> = filter.visibilities.iter().map(|v| v.as_str()).collect();
        let tenant = filter.tenant_id.to_string();
        let mut own = vec![
            (Occur::Must, term(f.tenant_id, &tenant)),
            (Occur::Must, any_of(f.visibility, &visibilities)),
        ];
        if let GroupAccess::Only(groups) = &filter.groups {
            let mut allowed: Vec<String> = groups.iter().map(|g| g.to_string()).collect();
            allowed.push(NO_GROUP.to_owned());
            let allowed: Vec<&str> = allowed.iter().map(String::as_str).collect();
            own.push((Occur::Must, any_of(f.group_ids, &allowed)));
        }
        let own: Box<dyn Query> = Box::new(BooleanQuery::new(own));
        let access: Box<dyn Query> = if filter.other_networks_shared {
            let shared: Box<dyn Query> = Box::new(BooleanQuery::new(vec![
                (
                    Occur::Must,
                    any_of(
                        f.visibility,
                        &[Visibility::Shared.as_str(), Visibility::Public.as_str()],
                    ),
                ),
                (Occur::Must, term(f.group_ids, NO_GROUP)),
            ]));
            Box::new(BooleanQuery::new(vec![
                (Occur::Should, own),
                (Occur::Should, shared),
            ]))
        } else {
            own
        };
        let mut clauses = vec![access];
        if !filter.kinds.is_empty() {
            let kinds: Vec<&str> = filter.kinds.iter().map(|k| k.as_str()).collect();
            clauses.push(any_of(f.kind, &kinds));
        }
        for facet in &request.facet_filters {
            clauses.push(term(f.facet(facet.field), facet.value.trim()));
        }
        clauses
            .into_iter()
            .map(|q| -> (Occur, Box<dyn Query>) {
                (Occur::Must, Box::new(ConstScoreQuery::new(q, 0.0)))
            })
            .collect()
    }

    /// Every analysed term must match, in the title or the body, exactly or within its typos.
    fn text_query(&self, request: &SearchRequest) -> Option<Box<dyn Query>> {
        let f = &self.fields;
        let mut musts: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        for query_term in &request.terms {
            let text = query_term.text.trim();
            if text.is_empty() || text.contains(char::is_whitespace) {
                continue;
            }
            let mut either: Vec<(Occur, Box<dyn Query>)> = Vec::new();
            for (field, boost) in [(f.title_terms, TITLE_BOOST), (f.terms, 1.0)] {
                let term = Term::from_field_text(field, text);
                let exact = TermQuery::new(term.clone(), IndexRecordOption::WithFreqs);
                either.push((
                    Occur::Should,
                    Box::new(BoostQuery::new(Box::new(exact), boost * EXACT_BOOST)),
                ));
                let typos = query_term.typos.min(2);
                if typos > 0 {
                    let fuzzy = FuzzyTermQuery::new(term, typos, true);
                    either.push((
                        Occur::Should,
                        Box::new(BoostQuery::new(Box::new(fuzzy), boost)),
                    ));
                }
            }
            musts.push((Occur::Must, Box::new(BooleanQuery::new(either))));
        }
        (!musts.is_empty()).then(|| Box::new(BooleanQuery::new(musts)) as Box<dyn Query>)
    }

    fn aggregations() -> anyhow::Result<Aggregations> {
        let mut request = serde_json::Map::new();
        for (_, name) in FACETS {
            request.insert(
                name.to_owned(),
                serde_json::json!({ "terms": { "field": name, "size": FACET_VALUES } }),
            );
        }
        serde_json::from_value(serde_json::Value::Object(request)).context("facet aggregations")
    }

    fn run(&self, request: &SearchRequest) -> anyhow::Result<SearchResults> {
        let Some(text_query) = self.text_query(request) else {
            return Ok(SearchResults::default());
        };
        let mut clauses = self.filter(request);
        clauses.push((Occur::Must, text_query));
        let query = BooleanQuery::new(clauses);
        let searcher = self.reader.searcher();
        // The collector sizes its heap by offset + limit: only the bounded window reaches it.
        let (offset, limit) = request.window();
        if limit == 0 {
            return Ok(SearchResults::default());
        }
        let top = TopDocs::with_limit(limit).and_offset(offset);
        let facets = AggregationCollector::from_aggs(
            Self::aggregations()?,
            AggContextParams::new(Default::default(), self.index.tokenizers().clone()),
        );
        let (addresses, total, aggregations): (Vec<(f32, DocAddress)>, usize, _) =
            match request.sort {
                SearchSort::Relevance => {
                    searcher.search(&query, &(top.order_by_score(), Count, facets))?
                }
                SearchSort::Newest => {
                    let (found, total, aggregations) = searcher.search(
                        &query,
                        &(
                            top.order_by_fast_field::<tantivy::DateTime>("updated_at", Order::Desc),
                            Count,
                            facets,
                        ),
                    )?;
                    let found = found
                        .into_iter()
                        .map(|(_, address)| (0.0, address))
                        .collect();
                    (found, total, aggregations)
                }
            };

        let f = &self.fields;
        let mut hits = Vec::with_capacity(addresses.len());
        for (score, address) in addresses {
            let doc: TantivyDocument = searcher.doc(address)?;
            let text = |field: Field| {
                doc.get_first(field)
                    .and_then(|v| v.as_str())
                    .unwrap_or_default()
                    .to_owned()
            };
            let updated_at = doc
                .get_first(f.updated_at)
                .and_then(|v| v.as_datetime())
                .and_then(|d| DateTime::<Utc>::from_timestamp_micros(d.into_timestamp_micros()))
                .unwrap_or_default();
            hits.push(SearchHit {
                id: text(f.id),
                kind: DocKind::parse(&text(f.kind)).unwrap_or(DocKind::Project),
                tenant_id: text(f.tenant_id)
                    .parse()
                    .unwrap_or(NetworkId(uuid::Uuid::nil())),
                title: text(f.title),
                body: text(f.body),
                path: text(f.path),
                updated_at,
                score,
            });
        }

        let mut facets = Vec::new();
        for (field, name) in FACETS {
            let Some(AggregationResult::BucketResult(BucketResult::Terms { buckets, .. })) =
                aggregations.0.get(name)
            else {
                continue;
            };
            for bucket in buckets {
                let value = match &bucket.key {
                    Key::Str(s) => s.clone(),
                    Key::I64(n) => n.to_string(),
                    Key::U64(n) => n.to_string(),
                    Key::F64(n) => n.to_string(),
                };
                if bucket.doc_count > 0 {
                    facets.push(FacetCount {
                        field,
                        value,
                        count: bucket.doc_count as usize,
                    });
                }
            }
        }
        facets.sort_by(|a, b| {
            (a.field.as_str(), std::cmp::Reverse(a.count), &a.value).cmp(&(
                b.field.as_str(),
                std::cmp::Reverse(b.count),
                &b.value,
            ))
        });
        Ok(SearchResults {
            total,
            hits,
            facets,
        })
    }
}

#[async_trait]
impl SearchIndex for TantivyIndex {
    fn hold_writer(&self) -> anyhow::Result<()> {
        let mut guard = self
            .writer
            .lock()
            .map_err(|_| anyhow!("index writer lock poisoned"))?;
        if guard.is_none() {
            let opened = self.index.writer(WRITER_MEMORY).map_err(|e| match e {
                tantivy::TantivyError::LockFailure(..) => anyhow::Error::new(IndexBusy),
                other => anyhow::Error::new(other).context("opening the index writer"),
            })?;
            *guard = Some(opened);
        }
        Ok(())
    }

    async fn upsert(&self, docs: Vec<SearchDocument>) -> anyhow::Result<()> {
        if docs.is_empty() {
            return Ok(());
        }
        self.write(move |writer, fields| {
            for doc in &docs {
                writer.delete_term(Term::from_field_text(fields.id, &doc.id));
                writer.add_document(Self::document(fields, doc))?;
            }
            Ok(())
        })
        .await
    }

    async fn delete(&self, ids: Vec<String>) -> anyhow::Result<()> {
        if ids.is_empty() {
            return Ok(());
        }
        self.write(move |writer, fields| {
            for id in &ids {
                writer.delete_term(Term::from_field_text(fields.id, id));
            }
            Ok(())
        })
        .await
    }

    async fn clear(&self) -> anyhow::Result<()> {
        self.write(|writer, _| {
            writer.delete_all_documents()?;
            Ok(())
        })
        .await
    }

    async fn document_ids(&self, tenant: NetworkId) -> anyhow::Result<Vec<String>> {
        self.reader.reload().context("reloading the reader")?;
        let reader = self.reader.clone();
        let fields = self.fields.clone();
        tokio::task::spawn_blocking(move || {
            let searcher = reader.searcher();
            let query = TermQuery::new(
                Term::from_field_text(fields.tenant_id, &tenant.to_string()),
                IndexRecordOption::Basic,
            );
            let addresses = searcher.search(&query, &DocSetCollector)?;
            let mut ids = Vec::with_capacity(addresses.len());
            for address in addresses {
                let doc: TantivyDocument = searcher.doc(address)?;
                if let Some(id) = doc.get_first(fields.id).and_then(|v| v.as_str()) {
                    ids.push(id.to_owned());
                }
            }
            Ok(ids)
        })
        .await
        .context("index listing task")?
    }

    async fn search(&self, request: &SearchRequest) -> anyhow::Result<SearchResults> {
        // A reader in another process than the writer learns of commits by watching the folder;
        // reloading here as well makes a fresh commit visible without waiting for the watcher.
        self.reader.reload().context("reloading the reader")?;
        let this = TantivySearch {
            index: self.index.clone(),
            reader: self.reader.clone(),
            fields: self.fields.clone(),
        };
        let request = request.clone();
        tokio::task::spawn_blocking(move || this.run(&request))
            .await
            .context("index search task")?
    }

    async fn health(&self) -> anyhow::Result<()> {
        let _ = self.reader.searcher().num_docs();
        if !self.dir.exists() {
            return Err(anyhow!("the index folder is gone"));
        }
        Ok(())
    }
}
#[cfg(test)]
mod tests {
    use super::*;
    use domain::search::analysis;
    use domain::tenancy::Language;

    #[tokio::test]
    async fn passes_the_conformance_suite() {
        let dir = tempfile::tempdir().unwrap();
        let index = TantivyIndex::open(dir.path()).unwrap();
        domain::search::conformance::run(&index).await.unwrap();
        domain::search::conformance::run_clear(&index)
            .await
            .unwrap();
    }

    #[tokio::test]
    async fn a_second_writer_is_told_the_index_is_busy() {
        let dir = tempfile::tempdir().unwrap();
        let first = TantivyIndex::open(dir.path()).unwrap();
        first.clear().await.unwrap();
        let second = TantivyIndex::open(dir.path()).unwrap();
        let err = second.clear().await.unwrap_err();
        assert!(err.downcast_ref::<IndexBusy>().is_some(), "{err:#}");
    }

    fn document(tenant: NetworkId, body: String) -> SearchDocument {
        let mut doc = SearchDocument {
            id: format!("project:{}", uuid::Uuid::now_v7()),
            kind: DocKind::Project,
            tenant_id: tenant,
            visibility: Visibility::Network,
            group_ids: vec![],
            language: Language::Danish,
            title: "Bakkehuset".into(),
            body,
            tags: vec![],
            organisation: None,
            sectors: vec![],
            status: None,
            year: None,
            path: "projects/1".into(),
            updated_at: Utc::now(),
            title_terms: vec![],
            terms: vec![],
        };
        analysis::analyze_document(&mut doc, &Default::default());
        doc
    }

    fn request(tenant: NetworkId, text: &str) -> SearchRequest {
        SearchRequest {
            terms: analysis::query_terms(text, Language::Danish, &Default::default()),
            filter: domain::search::SearchFilter {
                tenant_id: tenant,
                visibilities: vec![Visibility::Network],
                groups: GroupAccess::All,
                other_networks_shared: false,
                kinds: vec![],
            },
            facet_filters: vec![],
            sort: SearchSort::Relevance,
            limit: 10,
            offset: 0,
        }
    }

    #[tokio::test]
    async fn a_reader_sees_what_another_instance_wrote() {
        let dir = tempfile::tempdir().unwrap();
        let writer = TantivyIndex::open(dir.path()).unwrap();
        let reader = TantivyIndex::open(dir.path()).unwrap();
        let tenant = NetworkId::new();
        writer
            .upsert(vec![document(tenant, "Tværsektoriel enhed".into())])
            .await
            .unwrap();
        let results = reader.search(&request(tenant, "bakkehuset")).await.unwrap();
        assert_eq!(results.total, 1);
        assert_eq!(results.hits[0].path, "projects/1");
    }

    #[tokio::test]
    async fn a_long_body_is_found_by_its_end_and_stored_cut() {
        let dir = tempfile::tempdir().unwrap();
        let index = TantivyIndex::open(dir.path()).unwrap();
        let tenant = NetworkId::new();
        let body = format!("{} habilitering", "samarbejde ".repeat(10_000));
        index
            .upsert(vec![document(tenant, body.clone())])
            .await
            .unwrap();
        let results = index
            .search(&request(tenant, "habilitering"))
            .await
            .unwrap();
        assert_eq!(results.total, 1);
        assert_eq!(results.hits[0].body.chars().count(), STORED_BODY_CHARS);
    }
}
