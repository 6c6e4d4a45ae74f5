//! `samvirke bench-search` (only with the `bench` feature; `bench/search` drives it): loads one
//! generated Nordic corpus into each search engine in turn — the embedded tantivy index,
//! Meilisearch when `SAMVIRKE_BENCH_MEILISEARCH_URL` is set, and PostgreSQL full-text search
//! (`tsvector`, danish configuration, GIN) when a PostgreSQL URL is given — and measures
//! indexing throughput, the lag from a write to its being found, and query latency over one
//! fixed query set, asked as a member of one network would.
//!
//! Tantivy and Meilisearch get documents through the `SearchIndex` port after the production
//! analysis (`analysis::analyze_document`); PostgreSQL gets the same title and body and
//! analyses them itself, as an application using its full-text search would. Into the loaded
//! tantivy and Meilisearch indexes goes then a [`burst`] of project writes through the real job
//! path (use case, queue, the worker's batches).

mod burst;
mod corpus;
mod vocabulary;

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::{Context, anyhow, bail};
use domain::Services;
use domain::search::analysis::{self, Synonyms};
use domain::search::{
    GroupAccess, SearchDocument, SearchFilter, SearchIndex, SearchRequest, SearchSort,
};
use domain::tenancy::Visibility;
use sea_orm::{ConnectionTrait, Database, DatabaseConnection, DbBackend, Statement, Value};

use burst::Burst;
use corpus::{BenchQuery, Corpus};

#[derive(Debug, clap::Args)]
pub struct BenchSearchArgs {
    /// How many documents the corpus holds.
    #[arg(long, default_value_t = 100_000)]
    pub docs: usize,
    #[arg(long, default_value_t = 200)]
    pub networks: usize,
    /// Documents per write.
    #[arg(long, default_value_t = 1_000)]
    pub batch: usize,
    #[arg(long, default_value_t = 200)]
    pub queries: usize,
    /// Timed passes over the query set (after one untimed warm-up pass).
    #[arg(long, default_value_t = 3)]
    pub rounds: usize,
    #[arg(long, default_value_t = 50)]
    pub lag_samples: usize,
    /// Project writes in the burst through the job path (0: no burst).
    #[arg(long, default_value_t = 100)]
    pub burst: usize,
    #[arg(long, default_value_t = 4_242)]
    pub seed: u64,
    /// Where the embedded index is built (removed afterwards).
    #[arg(long)]
    pub work_dir: PathBuf,
    /// A PostgreSQL database to create the benchmark's table in (dropped afterwards).
    #[arg(long, env = "SAMVIRKE_BENCH_POSTGRES_URL", hide_env_values = true)]
    pub postgres_url: Option<String>,
    #[arg(long, env = "SAMVIRKE_BENCH_MEILISEARCH_URL")]
    pub meilisearch_url: Option<String>,
    #[arg(long, env = "SAMVIRKE_BENCH_MEILISEARCH_KEY", hide_env_values = true)]
    pub meilisearch_key: Option<String>,
    /// Only these engines (tantivy, meilisearch, postgres); all that are configured by default.
    #[arg(long, value_delimiter = ',')]
    pub engines: Vec<String>,
    /// Also write the results as a markdown section to this file.
    #[arg(long)]
    pub markdown: Option<PathBuf>,
}

/// What one engine measured.
struct EngineResult {
    name: &'static str,
    /// Time inside the engine's writes.
    write: Duration,
    /// Our analysis before the writes (zero for PostgreSQL, which analyses inside its writes).
    analysis: Duration,
    /// From the first write to the last, generating the corpus included.
    wall: Duration,
    size_bytes: Option<u64>,
    lags: Vec<Duration>,
    latencies: Vec<Duration>,
    /// Matches per query (all of them, not only the first page).
    totals: Vec<usize>,
    burst: Option<Burst>,
}

/// `svc` holds the database the burst writes its projects to (the engines are the
/// benchmark's own); `worker_config` is the worker's that indexes them.
pub async fn run(
    args: BenchSearchArgs,
    svc: &Services,
    worker_config: worker::WorkerConfig,
) -> anyhow::Result<()> {
    if args.burst > 0 {
        crate::app::migrate(svc).await?;
    }
    let burst = |engine: Arc<dyn SearchIndex>| {
        let (svc, config, count) = (svc.clone(), worker_config.clone(), args.burst);
        async move {
            if count == 0 {
                return Ok::<_, anyhow::Error>(None);
            }
            eprintln!("a burst of {count} project writes through the job path");
            Ok(Some(burst::run(&svc, engine, config, count).await?))
        }
    };
    let wanted = |name: &str| args.engines.is_empty() || args.engines.iter().any(|e| e == name);
    let corpus = Corpus::new(args.seed, args.networks);
    let queries = corpus.queries(args.queries);
    eprintln!(
        "corpus: {} documents in {} networks, {} queries, vocabulary {} (da) / {} (nb) word forms",
        args.docs,
        corpus.networks.len(),
        queries.len(),
        corpus.words(domain::tenancy::Language::Danish).size(),
        corpus.words(domain::tenancy::Language::Norwegian).size(),
    );
    let mut results = Vec::new();

    if wanted("tantivy") {
        let dir = args.work_dir.join("tantivy");
        let index = Arc::new(infra::search::TantivyIndex::open(&dir)?);
        let mut result = bench_port("tantivy", index.as_ref(), &corpus, &queries, &args).await?;
        result.size_bytes = Some(dir_size(&dir));
        result.burst = burst(index.clone()).await?;
        drop(index);
        report(&result, args.docs);
        results.push(result);
        let _ = std::fs::remove_dir_all(&dir);
    }

    match (&args.meilisearch_url, wanted("meilisearch")) {
        (Some(url), true) => {
            let prefix = format!("samvirke_bench_{}", std::process::id());
            let index = Arc::new(
                infra::search::MeilisearchIndex::connect(
                    url,
                    args.meilisearch_key.as_deref(),
                    &prefix,
                )
                .await?,
            );
            index.clear().await?;
            let outcome = async {
                let mut result =
                    bench_port("Meilisearch", index.as_ref(), &corpus, &queries, &args).await?;
                result.burst = burst(index.clone()).await?;
                Ok::<_, anyhow::Error>(result)
            }
            .await;
            let cleaned = infra::search::MeilisearchIndex::new(
                url,
                args.meilisearch_key.as_deref(),
                &prefix,
            )?
            .delete_index()
            .await;
            let result = outcome?;
            cleaned?;
            report(&result, args.docs);
            results.push(result);
        }
        (None, true) => {
            eprintln!("Meilisearch: not measured (SAMVIRKE_BENCH_MEILISEARCH_URL is not set)");
        }
        _ => {}
    }

    match (&args.postgres_url, wanted("postgres")) {
        (Some(url), true) => {
            let pg = Postgres::connect(url).await?;
            let outcome = bench_postgres(&pg, &corpus, &queries, &args).await;
            pg.drop_table().await?;
            let result = outcome?;
            report(&result, args.docs);
            results.push(result);
        }
        (None, true) => eprintln!("PostgreSQL: not measured (no --postgres-url)"),
        _ => {}
    }

    let table = format!(
        "{}\nMean hits by kind of query:\n\n{}{}",
        table(&results, args.docs),
        hits_by_kind(&results, &queries),
        bursts(&results),
    );
    println!("{table}");
    if let Some(path) = &args.markdown {
        let mut section = format!(
            "### {} documents\n\n{}\n",
            thousands(args.docs as u64),
            table
        );
        if let Some(tantivy) = results.iter().find(|r| r.name == "tantivy") {
            let _ = writeln!(
                section,
                "Our analysis (stems, compound parts) before a write to tantivy or Meilisearch: \
                 {} documents/s on one core.\n",
                thousands(rate(args.docs, tantivy.analysis))
            );
        }
        std::fs::write(path, section).with_context(|| format!("writing {}", path.display()))?;
    }
    Ok(())
}

/// One engine's line as soon as it is measured, so a later failure does not lose it.
fn report(result: &EngineResult, docs: usize) {
    eprintln!("{}", table(std::slice::from_ref(result), docs));
}

/// What a member of the query's network who belongs to one of its groups may see.
fn member_filter(corpus: &Corpus, query: &BenchQuery) -> SearchFilter {
    SearchFilter {
        tenant_id: corpus.networks[query.network].id,
        visibilities: vec![Visibility::Public, Visibility::Shared, Visibility::Network],
        groups: GroupAccess::Only(vec![query.group]),
        other_networks_shared: false,
        kinds: vec![],
    }
}

fn request(corpus: &Corpus, query: &BenchQuery) -> SearchRequest {
    let language = corpus.networks[query.network].language;
    SearchRequest {
        terms: analysis::query_terms(&query.text, language, &Synonyms::default()),
        filter: member_filter(corpus, query),
        facet_filters: vec![],
        sort: SearchSort::Relevance,
        limit: 20,
        offset: 0,
    }
}

/// The documents `start..end`, and how long generating them took.
fn batch(corpus: &Corpus, start: usize, end: usize) -> Vec<SearchDocument> {
    (start..end).map(|i| corpus.document(i)).collect()
}

fn progress(name: &str, done: usize, total: usize, started: Instant) {
    let step = (total / 10).max(1);
    if done % step < 1_000.min(step) || done == total {
        eprintln!(
            "{name}: {done}/{total} written after {:.0} s",
            started.elapsed().as_secs_f64()
        );
    }
}

async fn bench_port(
    name: &'static str,
    index: &dyn SearchIndex,
    corpus: &Corpus,
    queries: &[BenchQuery],
    args: &BenchSearchArgs,
) -> anyhow::Result<EngineResult> {
    let synonyms = Synonyms::default();
    let mut write = Duration::ZERO;
    let mut analysed = Duration::ZERO;
    let started = Instant::now();
    let mut start = 0;
    while start < args.docs {
        let end = (start + args.batch).min(args.docs);
        let mut docs = batch(corpus, start, end);
        let t = Instant::now();
        for doc in &mut docs {
            analysis::analyze_document(doc, &synonyms);
        }
        analysed += t.elapsed();
        let t = Instant::now();
        index.upsert(docs).await.context("writing a batch")?;
        write += t.elapsed();
        start = end;
        progress(name, end, args.docs, started);
    }
    let wall = started.elapsed();

    eprintln!("{name}: index lag over {} writes", args.lag_samples);
    let mut lags = Vec::with_capacity(args.lag_samples);
    for k in 0..args.lag_samples {
        let (mut doc, word, network) = corpus.probe(k);
        let probe = BenchQuery {
            kind: "probe",
            text: word,
            network,
            group: corpus.networks[network].groups[0],
        };
        let request = request(corpus, &probe);
        let t = Instant::now();
        analysis::analyze_document(&mut doc, &synonyms);
        index.upsert(vec![doc]).await?;
        loop {
            if index.search(&request).await?.total > 0 {
                break;
            }
            if t.elapsed() > Duration::from_secs(60) {
                bail!("{name}: probe {k} not found after a minute");
            }
            tokio::task::yield_now().await;
        }
        lags.push(t.elapsed());
    }

    eprintln!("{name}: {} queries × {} rounds", queries.len(), args.rounds);
    let requests: Vec<SearchRequest> = queries.iter().map(|q| request(corpus, q)).collect();
    let mut totals = Vec::with_capacity(queries.len());
    for request in &requests {
        totals.push(index.search(request).await?.total);
    }
    let mut latencies = Vec::with_capacity(queries.len() * args.rounds);
    for _ in 0..args.rounds {
        for (query, request) in queries.iter().zip(&requests) {
            let t = Instant::now();
            // The query's analysis is part of answering it, as in the search use case.
            let language = corpus.networks[query.network].language;
            let terms = analysis::query_terms(&query.text, language, &Synonyms::default());
            let asked = SearchRequest {
                terms,
                ..request.clone()
            };
            index.search(&asked).await?;
            latencies.push(t.elapsed());
        }
    }
    Ok(EngineResult {
        name,
        write,
        analysis: analysed,
        wall,
        size_bytes: None,
        lags,
        latencies,
        totals,
        burst: None,
    })
}

/// PostgreSQL full-text search as Decidim and Discourse do it: a stored `tsvector` of title and
/// body in the danish configuration with a GIN index, asked with `plainto_tsquery` and ordered by
/// `ts_rank`.
struct Postgres {
    conn: DatabaseConnection,
}

const PG_TABLE: &str = "bench_search_docs";

impl Postgres {
    async fn connect(url: &str) -> anyhow::Result<Self> {
        let conn = Database::connect(url)
            .await
            .context("connecting to PostgreSQL")?;
        conn.execute_unprepared(&format!(
            "DROP TABLE IF EXISTS {PG_TABLE};
             CREATE TABLE {PG_TABLE} (
                 id text PRIMARY KEY,
                 tenant_id uuid NOT NULL,
                 visibility text NOT NULL,
                 group_id uuid,
                 title text NOT NULL,
                 body text NOT NULL,
                 tsv tsvector GENERATED ALWAYS AS (to_tsvector('danish', title || ' ' || body)) STORED
             );
             CREATE INDEX {PG_TABLE}_tsv ON {PG_TABLE} USING gin (tsv);
             CREATE INDEX {PG_TABLE}_tenant ON {PG_TABLE} (tenant_id);"
        ))
        .await
        .context("creating the benchmark table")?;
        Ok(Self { conn })
    }

    async fn insert(&self, docs: &[SearchDocument]) -> anyhow::Result<()> {
        if docs.is_empty() {
            return Ok(());
        }
        let mut sql = format!(
            "INSERT INTO {PG_TABLE} (id, tenant_id, visibility, group_id, title, body) VALUES "
        );
        let mut values: Vec<Value> = Vec::with_capacity(docs.len() * 6);
        for (i, doc) in docs.iter().enumerate() {
            let p = i * 6;
            if i > 0 {
                sql.push(',');
            }
            let _ = write!(
                sql,
                "(${},${},${},${},${},${})",
                p + 1,
                p + 2,
                p + 3,
                p + 4,
                p + 5,
                p + 6
            );
            values.push(doc.id.clone().into());
            values.push(doc.tenant_id.0.into());
            values.push(doc.visibility.as_str().to_string().into());
            values.push(doc.group_ids.first().map(|g| g.0).into());
            values.push(doc.title.clone().into());
            values.push(doc.body.clone().into());
        }
        sql.push_str(
            " ON CONFLICT (id) DO UPDATE SET title = excluded.title, body = excluded.body",
        );
        self.conn
            .execute_raw(Statement::from_sql_and_values(
                DbBackend::Postgres,
                sql,
                values,
            ))
            .await
            .context("inserting a batch")?;
        Ok(())
    }

    fn values(corpus: &Corpus, query: &BenchQuery) -> Vec<Value> {
        vec![
            query.text.clone().into(),
            corpus.networks[query.network].id.0.into(),
            query.group.0.into(),
        ]
    }

    /// The first page, best first.
    async fn search(&self, corpus: &Corpus, query: &BenchQuery) -> anyhow::Result<usize> {
        let rows = self
            .conn
            .query_all_raw(Statement::from_sql_and_values(
                DbBackend::Postgres,
                format!(
                    "SELECT id, ts_rank(tsv, q) AS rank
                     FROM {PG_TABLE}, plainto_tsquery('danish', $1) AS q
                     WHERE tenant_id = $2
                       AND visibility IN ('public', 'shared', 'network')
                       AND (group_id IS NULL OR group_id = $3)
                       AND tsv @@ q
                     ORDER BY rank DESC
                     LIMIT 20"
                ),
                Self::values(corpus, query),
            ))
            .await
            .context("searching")?;
        Ok(rows.len())
    }

    async fn count(&self, corpus: &Corpus, query: &BenchQuery) -> anyhow::Result<usize> {
        let row = self
            .conn
            .query_one_raw(Statement::from_sql_and_values(
                DbBackend::Postgres,
                format!(
                    "SELECT count(*) AS n
                     FROM {PG_TABLE}, plainto_tsquery('danish', $1) AS q
                     WHERE tenant_id = $2
                       AND visibility IN ('public', 'shared', 'network')
                       AND (group_id IS NULL OR group_id = $3)
                       AND tsv @@ q"
                ),
                Self::values(corpus, query),
            ))
            .await?
            .ok_or_else(|| anyhow!("count(*) answered no row"))?;
        let n: i64 = row.try_get("", "n")?;
        Ok(usize::try_from(n).unwrap_or_default())
    }

    async fn size(&self) -> anyhow::Result<u64> {
        let row = self
            .conn
            .query_one_raw(Statement::from_string(
                DbBackend::Postgres,
                format!("SELECT pg_total_relation_size('{PG_TABLE}') AS n"),
            ))
            .await?
            .ok_or_else(|| anyhow!("no size"))?;
        let n: i64 = row.try_get("", "n")?;
        Ok(u64::try_from(n).unwrap_or_default())
    }

    async fn drop_table(&self) -> anyhow::Result<()> {
        self.conn
            .execute_unprepared(&format!("DROP TABLE IF EXISTS {PG_TABLE}"))
            .await?;
        Ok(())
    }
}

async fn bench_postgres(
    pg: &Postgres,
    corpus: &Corpus,
    queries: &[BenchQuery],
    args: &BenchSearchArgs,
) -> anyhow::Result<EngineResult> {
    let name = "PostgreSQL";
    let mut write = Duration::ZERO;
    let started = Instant::now();
    let mut start = 0;
    while start < args.docs {
        let end = (start + args.batch).min(args.docs);
        let docs = batch(corpus, start, end);
        let t = Instant::now();
        pg.insert(&docs).await?;
        write += t.elapsed();
        start = end;
        progress(name, end, args.docs, started);
    }
    let wall = started.elapsed();
    // What autovacuum would do soon after a load; the planner needs the statistics.
    pg.conn
        .execute_unprepared(&format!("ANALYZE {PG_TABLE}"))
        .await?;

    eprintln!("{name}: index lag over {} writes", args.lag_samples);
    let mut lags = Vec::with_capacity(args.lag_samples);
    for k in 0..args.lag_samples {
        let (doc, word, network) = corpus.probe(k);
        let probe = BenchQuery {
            kind: "probe",
            text: word,
            network,
            group: corpus.networks[network].groups[0],
        };
        let t = Instant::now();
        pg.insert(std::slice::from_ref(&doc)).await?;
        loop {
            if pg.search(corpus, &probe).await? > 0 {
                break;
            }
            if t.elapsed() > Duration::from_secs(60) {
                bail!("{name}: probe {k} not found after a minute");
            }
        }
        lags.push(t.elapsed());
    }

    eprintln!("{name}: {} queries × {} rounds", queries.len(), args.rounds);
    let mut totals = Vec::with_capacity(queries.len());
    for query in queries {
        pg.search(corpus, query).await?;
        totals.push(pg.count(corpus, query).await?);
    }
    let mut latencies = Vec::with_capacity(queries.len() * args.rounds);
    for _ in 0..args.rounds {
        for query in queries {
            let t = Instant::now();
            pg.search(corpus, query).await?;
            latencies.push(t.elapsed());
        }
    }
    Ok(EngineResult {
        name,
        write,
        analysis: Duration::ZERO,
        wall,
        size_bytes: Some(pg.size().await?),
        lags,
        latencies,
        totals,
        burst: None,
    })
}

fn dir_size(dir: &Path) -> u64 {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return 0;
    };
    entries
        .flatten()
        .map(|entry| match entry.metadata() {
            Ok(m) if m.is_dir() => dir_size(&entry.path()),
            Ok(m) => m.len(),
            Err(_) => 0,
        })
        .sum()
}

/// The nearest-rank percentile.
fn percentile(samples: &[Duration], p: f64) -> Duration {
    if samples.is_empty() {
        return Duration::ZERO;
    }
    let mut sorted = samples.to_vec();
    sorted.sort();
    let rank = ((p / 100.0) * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1]
}

fn ms(d: Duration) -> String {
    let ms = d.as_secs_f64() * 1_000.0;
    if ms < 10.0 {
        format!("{ms:.2} ms")
    } else {
        format!("{ms:.1} ms")
    }
}

fn rate(n: usize, d: Duration) -> u64 {
    if d.is_zero() {
        return 0;
    }
    (n as f64 / d.as_secs_f64()).round() as u64
}

fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

fn table(results: &[EngineResult], docs: usize) -> String {
    let mut out = String::from(
        "| engine | docs/s written | docs/s incl. our analysis | load (wall) | size on disk \
         | lag p50 | lag p95 | query p50 | query p95 | query p99 | mean hits | queries with no hit |\n\
         | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n",
    );
    for r in results {
        let mean_hits = if r.totals.is_empty() {
            0.0
        } else {
            r.totals.iter().sum::<usize>() as f64 / r.totals.len() as f64
        };
        let _ = writeln!(
            out,
            "| {} | {} | {} | {:.0} s | {} | {} | {} | {} | {} | {} | {:.0} | {} of {} |",
            r.name,
            thousands(rate(docs, r.write)),
            thousands(rate(docs, r.write + r.analysis)),
            r.wall.as_secs_f64(),
            r.size_bytes
                .map(|b| format!("{:.0} MB", b as f64 / 1_000_000.0))
                .unwrap_or_else(|| "–".into()),
            ms(percentile(&r.lags, 50.0)),
            ms(percentile(&r.lags, 95.0)),
            ms(percentile(&r.latencies, 50.0)),
            ms(percentile(&r.latencies, 95.0)),
            ms(percentile(&r.latencies, 99.0)),
            mean_hits,
            r.totals.iter().filter(|&&t| t == 0).count(),
            r.totals.len(),
        );
    }
    out
}

/// The bursts' table, when any was measured.
fn bursts(results: &[EngineResult]) -> String {
    let measured: Vec<(&str, &Burst)> = results
        .iter()
        .filter_map(|r| r.burst.as_ref().map(|b| (r.name, b)))
        .collect();
    let Some((_, first)) = measured.first() else {
        return String::new();
    };
    let mut out = format!(
        "\nA burst of {} project writes through the job path (use case, queue, the worker's \
         batches of index jobs) into the loaded index:\n\n\
         | engine | writes committed after | all found by search after |\n| --- | ---: | ---: |\n",
        first.projects
    );
    for (name, burst) in measured {
        let _ = writeln!(
            out,
            "| {name} | {} | {} |",
            ms(burst.written),
            ms(burst.found)
        );
    }
    out
}

/// Mean matches per query for each kind of query (how many there are of it in brackets).
fn hits_by_kind(results: &[EngineResult], queries: &[BenchQuery]) -> String {
    let mut kinds: Vec<&str> = Vec::new();
    for q in queries {
        if !kinds.contains(&q.kind) {
            kinds.push(q.kind);
        }
    }
    let mut out = String::from("| engine |");
    for kind in &kinds {
        let n = queries.iter().filter(|q| q.kind == *kind).count();
        let _ = write!(out, " {kind} ({n}) |");
    }
    out.push_str("\n| --- |");
    out.push_str(&" ---: |".repeat(kinds.len()));
    out.push('\n');
    for r in results {
        let _ = write!(out, "| {} |", r.name);
        for kind in &kinds {
            let totals: Vec<usize> = queries
                .iter()
                .zip(&r.totals)
                .filter(|(q, _)| q.kind == *kind)
                .map(|(_, &t)| t)
                .collect();
            let mean = totals.iter().sum::<usize>() as f64 / totals.len().max(1) as f64;
            let _ = write!(out, " {mean:.0} |");
        }
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentiles_are_nearest_rank() {
        let samples: Vec<Duration> = (1..=100).map(Duration::from_millis).collect();
        assert_eq!(percentile(&samples, 50.0), Duration::from_millis(50));
        assert_eq!(percentile(&samples, 99.0), Duration::from_millis(99));
        assert_eq!(percentile(&[], 99.0), Duration::ZERO);
    }

    #[test]
    fn thousands_are_grouped() {
        assert_eq!(thousands(1_000_000), "1,000,000");
        assert_eq!(thousands(999), "999");
    }
}
