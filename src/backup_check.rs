//! `samvirke admin backup-check`: proves that a PostgreSQL backup restores into a working
//! Samvirke. It restores the dump (or a fresh dump of the source database) into a scratch
//! database of its own on the source's server, applies this version's migrations to it, rebuilds
//! the search index from it into a throwaway folder, and compares counts: rows per network in the
//! restored database against the source, and documents in the rebuilt index against what the
//! restored database says is searchable. The scratch database and folder are removed whatever
//! the outcome; any difference makes the command fail.
//!
//! It runs the PostgreSQL client tools from the `PATH` (`pg_dump`, `pg_restore`, `psql`) and
//! needs a database user that may create databases.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use anyhow::{Context, anyhow, bail};
use domain::Db;
use domain::Services;
use domain::clock::Clock;
use infra::files::LocalBlobStore;
use infra::mail::OutboxMailer;
use infra::search::TantivyIndex;
use sea_orm::{ConnectionTrait, DatabaseConnection, FromQueryResult, Statement};

use crate::app;
use crate::settings::Settings;

/// What to check.
pub struct Request {
    /// A dump (`pg_dump` custom format or plain SQL); none: dump `source` now.
    pub dump: Option<PathBuf>,
    /// The database the dump was taken from; counts are compared with it.
    pub source: String,
}

/// One network's rows.
#[derive(Debug, Clone, PartialEq, Eq, FromQueryResult)]
struct NetworkCounts {
    slug: String,
    people: i64,
    projects: i64,
    meetings: i64,
    files: i64,
}

const COUNTS_SQL: &str = "SELECT n.slug AS slug, \
     (SELECT COUNT(*) FROM memberships x WHERE x.tenant_id = n.id) AS people, \
     (SELECT COUNT(*) FROM projects x WHERE x.tenant_id = n.id) AS projects, \
     (SELECT COUNT(*) FROM meetings x WHERE x.tenant_id = n.id) AS meetings, \
     (SELECT COUNT(*) FROM files x WHERE x.tenant_id = n.id) AS files \
     FROM networks n ORDER BY n.slug";

async fn counts(conn: &DatabaseConnection) -> anyhow::Result<BTreeMap<String, NetworkCounts>> {
    let rows = conn
        .query_all_raw(Statement::from_string(
            conn.get_database_backend(),
            COUNTS_SQL,
        ))
        .await
        .context("counting rows per network")?;
    rows.iter()
        .map(|row| {
            let counts = NetworkCounts::from_query_result(row, "")?;
            Ok((counts.slug.clone(), counts))
        })
        .collect()
}

/// `url` with its database name replaced.
fn with_database(url: &str, name: &str) -> anyhow::Result<String> {
    let (base, query) = match url.split_once('?') {
        Some((base, query)) => (base, format!("?{query}")),
        None => (url, String::new()),
    };
    let at = base
        .rfind('/')
        .filter(|at| *at > "postgres://".len())
        .ok_or_else(|| anyhow!("the database URL names no database"))?;
    Ok(format!("{}/{name}{query}", &base[..at]))
}

/// Runs a PostgreSQL client tool; its own message when it fails.
fn run_tool(program: &str, args: &[&str]) -> anyhow::Result<()> {
    let output = std::process::Command::new(program)
        .args(args)
        .output()
        .with_context(|| {
            format!("running {program} (are the PostgreSQL client tools on the PATH?)")
        })?;
    if !output.status.success() {
        bail!(
            "{program} failed ({}): {}",
            output.status,
            String::from_utf8_lossy(&output.stderr).trim()
        );
    }
    Ok(())
}

/// Whether a dump is in `pg_dump`'s custom format (it starts with `PGDMP`), else plain SQL.
fn is_custom_format(dump: &Path) -> anyhow::Result<bool> {
    use std::io::Read;
    let mut head = [0u8; 5];
    let mut file =
        std::fs::File::open(dump).with_context(|| format!("opening {}", dump.display()))?;
    let read = file.read(&mut head).context("reading the dump")?;
    Ok(read == 5 && &head == b"PGDMP")
}

fn restore(dump: &Path, url: &str) -> anyhow::Result<()> {
    let path = dump
        .to_str()
        .ok_or_else(|| anyhow!("the dump's path is not UTF-8"))?;
    if is_custom_format(dump)? {
        run_tool(
            "pg_restore",
            &[
                "--no-owner",
                "--no-privileges",
                "--exit-on-error",
                "--dbname",
                url,
                path,
            ],
        )
    } else {
        run_tool(
            "psql",
            &[
                "--quiet",
                "--no-psqlrc",
                "--set",
                "ON_ERROR_STOP=1",
                "--file",
                path,
                url,
            ],
        )
    }
}

/// Runs the check and prints its report. Fails when the backup does not restore, or when a count
/// differs.
pub async fn run(
    settings: &Settings,
    clock: Arc<dyn Clock>,
    request: Request,
) -> anyhow::Result<()> {
    if !request.source.starts_with("postgres") {
        bail!("backup-check works on PostgreSQL: the source database is not a postgres:// URL");
    }
    let scratch_dir = tempfile::tempdir().context("creating a scratch folder")?;
    let dump = match &request.dump {
        Some(dump) => dump.clone(),
        None => {
            let dump = scratch_dir.path().join("source.dump");
            let path = dump
                .to_str()
                .ok_or_else(|| anyhow!("the scratch folder is not UTF-8"))?;
            run_tool(
                "pg_dump",
                &["--format=custom", "--file", path, &request.source],
            )?;
            dump
        }
    };
    let name = format!(
        "samvirke_backup_check_{}",
        &uuid::Uuid::now_v7().simple().to_string()[20..]
    );
    let source = Db::connect(&request.source, 2)
        .await
        .context("connecting to the source database")?;
    source
        .raw()
        .execute_unprepared(&format!("CREATE DATABASE {name}"))
        .await
        .with_context(|| format!("creating the scratch database {name}"))?;
    println!("Restoring into the scratch database {name} …");
    let checked = check(
        settings,
        clock,
        &source,
        &dump,
        &request.source,
        &name,
        scratch_dir.path(),
    )
    .await;
    let dropped = source
        .raw()
        .execute_unprepared(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
        .await;
    match dropped {
        Ok(_) => println!("Dropped the scratch database {name}."),
        Err(e) => eprintln!("could not drop the scratch database {name}: {e}; drop it by hand"),
    }
    checked
}

async fn check(
    settings: &Settings,
    clock: Arc<dyn Clock>,
    source: &Db,
    dump: &Path,
    source_url: &str,
    name: &str,
    scratch_dir: &Path,
) -> anyhow::Result<()> {
    let url = with_database(source_url, name)?;
    restore(dump, &url)?;
    let restored = Db::connect(&url, 2)
        .await
        .context("connecting to the restored database")?;
    let index_dir = scratch_dir.join("search");
    let svc = Services::new(
        restored,
        Arc::new(TantivyIndex::open(&index_dir).context("opening a throwaway search index")?),
        Arc::new(LocalBlobStore::new(scratch_dir.join("files"))),
        Arc::new(OutboxMailer::new(
            scratch_dir.join("outbox"),
            &settings.mail.from,
        )?),
        clock,
        settings.domain_config(),
    );
    let pending = app::pending_migrations(&svc).await?;
    app::migrate(&svc)
        .await
        .context("migrating the restored database")?;
    println!(
        "Migrations: {} applied to the restored database ({} pending before).",
        if pending.is_empty() {
            "none needed".to_owned()
        } else {
            pending.join(", ")
        },
        pending.len()
    );

    let mut problems = Vec::new();
    let expected = counts(source.raw()).await?;
    let found = counts(svc.db.raw()).await?;
    println!(
        "{:<32} {:>8} {:>9} {:>9} {:>7}",
        "network", "people", "projects", "meetings", "files"
    );
    for (slug, have) in &found {
        println!(
            "{slug:<32} {:>8} {:>9} {:>9} {:>7}",
            have.people, have.projects, have.meetings, have.files
        );
    }
    if expected.len() != found.len() {
        problems.push(format!(
            "networks: {} in the source, {} restored",
            expected.len(),
            found.len()
        ));
    }
    for (slug, want) in &expected {
        match found.get(slug) {
            None => problems.push(format!("network {slug}: missing from the restore")),
            Some(have) if have != want => problems.push(format!(
                "network {slug}: source has {want:?}, the restore {have:?}"
            )),
            Some(_) => {}
        }
    }

    let written = domain::search::rebuild(&svc)
        .await
        .map_err(|e| anyhow!("rebuilding the search index: {e}"))?;
    let mut indexed = 0;
    for network in domain::tenancy::list_networks(&svc)
        .await
        .map_err(|e| anyhow!("listing networks: {e}"))?
    {
        indexed += svc.search.document_ids(network.id).await?.len() as u64;
    }
    println!(
        "Search: {written} searchable documents in the database, {indexed} in the rebuilt index."
    );
    if written != indexed {
        problems.push(format!(
            "search: {written} searchable documents, {indexed} indexed"
        ));
    }
    svc.db.clone().close().await?;
    if problems.is_empty() {
        println!(
            "Backup check passed: {} networks restored with matching counts.",
            found.len()
        );
        Ok(())
    } else {
        for problem in &problems {
            println!("MISMATCH {problem}");
        }
        bail!("backup check failed: {} mismatch(es)", problems.len())
    }
}
