//! The embedded search engine: tantivy in a folder.
//!
//! One schema for every network. Text is indexed twice over per language field (`title_da`,
//! `body_da`, … each with its language's stop words and Snowball stemmer); a document fills the
//! fields of its own language, and a query is parsed over all of them, so Danish, Norwegian,
//! Swedish and English documents are each found by their own word forms. The original title and
//! body are stored for display and snippets.
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
    DocKind, GroupAccess, IndexBusy, SearchDocument, SearchHit, SearchIndex, SearchRequest,
    SearchResults, Snippet,
};
use domain::tenancy::Language;
use tantivy::collector::{Count, TopDocs};
use tantivy::directory::MmapDirectory;
use tantivy::query::{BooleanQuery, Occur, Query, QueryParser, TermQuery};
use tantivy::schema::{
    DateOptions, Field, IndexRecordOption, STORED, STRING, Schema, TextFieldIndexing, TextOptions,
    Value,
};
use tantivy::snippet::SnippetGenerator;
use tantivy::tokenizer::{
    Language as StemLanguage, LowerCaser, RemoveLongFilter, SimpleTokenizer, Stemmer,
    StopWordFilter, TextAnalyzer,
};
use tantivy::{Index, IndexReader, IndexWriter, ReloadPolicy, TantivyDocument, Term};

/// Bump when the schema changes: a new folder is used and `samvirke reindex` fills it.
const SCHEMA_VERSION: &str = "v1";
const WRITER_MEMORY: usize = 50_000_000;
const SNIPPET_CHARS: usize = 220;
const NO_GROUP: &str = "-";
const LANGUAGES: [Language; 4] = [
    Language::Danish,
    Language::Norwegian,
    Language::Swedish,
    Language::English,
];

#[derive(Clone, Copy)]
struct LanguageFields {
    title: Field,
    body: Field,
}

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
    tags: Field,
    updated_at: Field,
    by_language: [LanguageFields; 4],
}

impl Fields {
    fn of(&self, language: Language) -> LanguageFields {
        let at = LANGUAGES.iter().position(|l| *l == language).unwrap_or(3);
        self.by_language[at]
    }
}

fn analyzer_name(language: Language) -> String {
    format!("samvirke_{language}")
}

fn stem_language(language: Language) -> StemLanguage {
    match language {
        Language::Danish => StemLanguage::Danish,
        Language::Norwegian => StemLanguage::Norwegian,
        Language::Swedish => StemLanguage::Swedish,
        Language::English => StemLanguage::English,
    }
}

fn analyzer(language: Language) -> TextAnalyzer {
    let stem = stem_language(language);
    let builder = TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(40))
        .filter(LowerCaser);
    match StopWordFilter::new(stem) {
        Some(stop_words) => builder
            .filter(stop_words)
            .filter(Stemmer::new(stem))
            .build(),
        None => builder.filter(Stemmer::new(stem)).build(),
    }
}

fn schema() -> (Schema, Fields) {
    let mut builder = Schema::builder();
    let id = builder.add_text_field("id", STRING | STORED);
    let kind = builder.add_text_field("kind", STRING | STORED);
    let tenant_id = builder.add_text_field("tenant_id", STRING | STORED);
    let visibility = builder.add_text_field("visibility", STRING);
    let group_ids = builder.add_text_field("group_ids", STRING);
    let language = builder.add_text_field("language", STRING | STORED);
    let title = builder.add_text_field("title", STORED);
    let body = builder.add_text_field("body", STORED);
    let tags = builder.add_text_field(
        "tags",
        TextOptions::default().set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer("default")
                .set_index_option(IndexRecordOption::WithFreqsAndPositions),
        ),
    );
    let updated_at =
        builder.add_date_field("updated_at", DateOptions::default().set_stored().set_fast());
    let by_language = LANGUAGES.map(|language| {
        let options = TextOptions::default().set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer(&analyzer_name(language))
                .set_index_option(IndexRecordOption::WithFreqsAndPositions),
        );
        LanguageFields {
            title: builder.add_text_field(&format!("title_{language}"), options.clone()),
            body: builder.add_text_field(&format!("body_{language}"), options),
        }
    });
    let fields = Fields {
        id,
        kind,
        tenant_id,
        visibility,
        group_ids,
        language,
        title,
        body,
        tags,
        updated_at,
        by_language,
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
        for language in LANGUAGES {
            index
                .tokenizers()
                .register(&analyzer_name(language), analyzer(language));
        }
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
        d.add_text(fields.body, &doc.body);
        let own = fields.of(doc.language);
        d.add_text(own.title, &doc.title);
        d.add_text(own.body, &doc.body);
        for tag in &doc.tags {
            d.add_text(fields.tags, tag);
        }
        d.add_date(
            fields.updated_at,
            tantivy::DateTime::from_timestamp_micros(doc.updated_at.timestamp_micros()),
        );
        d
    }

    fn filter(&self, request: &SearchRequest) -> Vec<(Occur, Box<dyn Query>)> {
        let f = &self.fields;
        let term = |field: Field, value: &str| -> Box<dyn Query> {
            Box::new(TermQuery::new(
                Term::from_field_text(field, value),
                IndexRecordOption::Basic,
            ))
        };
        let any_of = |field: Field, values: Vec<String>| -> Box<dyn Query> {
            Box::new(BooleanQuery::new(
                values
                    .iter()
                    .map(|v| (Occur::Should, term(field, v)))
                    .collect(),
            ))
        };
        let filter = &request.filter;
        let mut clauses = vec![
            (
                Occur::Must,
                term(f.tenant_id, &filter.tenant_id.to_string()),
            ),
            (
                Occur::Must,
                any_of(
                    f.visibility,
                    filter
                        .visibilities
                        .iter()
                        .map(|v| v.as_str().to_owned())
                        .collect(),
                ),
            ),
        ];
        if let GroupAccess::Only(groups) = &filter.groups {
            let mut allowed: Vec<String> = groups.iter().map(|g| g.to_string()).collect();
            allowed.push(NO_GROUP.to_owned());
            clauses.push((Occur::Must, any_of(f.group_ids, allowed)));
        }
        clauses
    }

    fn text_query(&self, text: &str) -> Option<Box<dyn Query>> {
        // Only words reach the parser: its syntax (fields, ranges, +/-, quotes) is not offered to
        // users, and could otherwise name fields such as `tenant_id`.
        let words: String = text
            .chars()
            .map(|c| {
                if c.is_alphanumeric() {
                    c.to_lowercase().next().unwrap_or(c)
                } else {
                    ' '
                }
            })
            .collect();
        if words.trim().is_empty() {
            return None;
        }
        let f = &self.fields;
        let mut fields = vec![f.tags];
        for language in f.by_language {
            fields.push(language.title);
            fields.push(language.body);
        }
        let mut parser = QueryParser::for_index(&self.index, fields);
        parser.set_conjunction_by_default();
        for language in f.by_language {
            parser.set_field_boost(language.title, 2.0);
        }
        parser.set_field_boost(f.tags, 1.5);
        let (query, _errors) = parser.parse_query_lenient(&words);
        Some(query)
    }

    fn run_search(&self, request: &SearchRequest) -> anyhow::Result<SearchResults> {
        let Some(text_query) = self.text_query(&request.text) else {
            return Ok(SearchResults::default());
        };
        let mut clauses = self.filter(request);
        clauses.push((Occur::Must, text_query.box_clone()));
        let query = BooleanQuery::new(clauses);
        let searcher = self.reader.searcher();
        let limit = request.limit.max(1);
        let (top, total) = searcher.search(
            &query,
            &(
                TopDocs::with_limit(limit)
                    .and_offset(request.offset)
                    .order_by_score(),
                Count,
            ),
        )?;
        let f = &self.fields;
        let mut generators: Vec<Option<SnippetGenerator>> = vec![None, None, None, None];
        let mut hits = Vec::with_capacity(top.len());
        for (score, address) in top {
            let doc: TantivyDocument = searcher.doc(address)?;
            let text = |field: Field| {
                doc.get_first(field)
                    .and_then(|v| v.as_str())
                    .unwrap_or_default()
                    .to_owned()
            };
            let language = Language::parse(&text(f.language)).unwrap_or(Language::English);
            let at = LANGUAGES.iter().position(|l| *l == language).unwrap_or(3);
            let body = text(f.body);
            let snippet = match generators.get_mut(at) {
                Some(slot) => {
                    if slot.is_none() {
                        let mut generator =
                            SnippetGenerator::create(&searcher, &*text_query, f.of(language).body)?;
                        generator.set_max_num_chars(SNIPPET_CHARS);
                        *slot = Some(generator);
                    }
                    slot.as_ref().map(|g| g.snippet(&body))
                }
                None => None,
            };
            let snippet = match snippet {
                Some(s) if !s.fragment().is_empty() => Snippet {
                    text: s.fragment().to_owned(),
                    highlights: s.highlighted().to_vec(),
                },
                _ => Snippet {
                    text: body.chars().take(SNIPPET_CHARS).collect(),
                    highlights: vec![],
                },
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
                snippet,
                updated_at,
                score,
            });
        }
        Ok(SearchResults { total, hits })
    }
}

#[async_trait]
impl SearchIndex for TantivyIndex {
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

    async fn search(&self, request: &SearchRequest) -> anyhow::Result<SearchResults> {
        // A reader in another process than the writer learns of commits by watching the folder;
        // reloading here as well makes a fresh commit visible without waiting for the watcher.
        self.reader.reload().context("reloading the reader")?;
        self.run_search(request)
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

    #[tokio::test]
    async fn a_reader_sees_what_another_instance_wrote() {
        let dir = tempfile::tempdir().unwrap();
        let writer = TantivyIndex::open(dir.path()).unwrap();
        let reader = TantivyIndex::open(dir.path()).unwrap();
        let tenant = NetworkId::new();
        writer
            .upsert(vec![SearchDocument {
                id: "project:1".into(),
                kind: DocKind::Project,
                tenant_id: tenant,
                visibility: domain::tenancy::Visibility::Network,
                group_ids: vec![],
                language: Language::Danish,
                title: "Bakkehuset".into(),
                body: "Tværsektoriel enhed".into(),
                tags: vec![],
                updated_at: Utc::now(),
            }])
            .await
            .unwrap();
        let results = reader
            .search(&SearchRequest {
                text: "bakkehuset".into(),
                filter: domain::search::SearchFilter {
                    tenant_id: tenant,
                    visibilities: vec![domain::tenancy::Visibility::Network],
                    groups: GroupAccess::All,
                },
                limit: 10,
                offset: 0,
            })
            .await
            .unwrap();
        assert_eq!(results.total, 1);
    }
}
