//! The database handle: one pool, SQLite or PostgreSQL chosen by the URL.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use anyhow::Context;
use sea_orm::sqlx::sqlite::{SqliteJournalMode, SqliteSynchronous};
use sea_orm::{
    ConnectOptions, ConnectionTrait, Database, DatabaseConnection, DatabaseTransaction, DbBackend,
    SqliteTransactionMode, TransactionOptions, TransactionTrait,
};

/// Counts the SQL statements this handle has sent. Tests read it to prove that a list costs the
/// same number of statements for one row as for fifty; `/metrics` could read it too.
#[derive(Clone, Debug, Default)]
pub struct StatementCounter(Arc<AtomicU64>);

impl StatementCounter {
    pub fn get(&self) -> u64 {
        self.0.load(Ordering::Relaxed)
    }
}

#[derive(Clone, Debug)]
pub struct Db {
    conn: DatabaseConnection,
    statements: StatementCounter,
}

impl Db {
    /// Connects to `sqlite://…` (WAL, a busy timeout, foreign keys on; the file is created when
    /// missing) or `postgres://…`.
    pub async fn connect(url: &str, max_connections: u32) -> anyhow::Result<Db> {
        let mut options = ConnectOptions::new(url.to_owned());
        options
            .max_connections(max_connections.max(1))
            .min_connections(1)
            .acquire_timeout(Duration::from_secs(10))
            // Statement logging would print parameters, which may be personal data.
            .sqlx_logging(false);
        if url.starts_with("sqlite:") {
            options.map_sqlx_sqlite_opts(|o| {
                o.journal_mode(SqliteJournalMode::Wal)
                    .synchronous(SqliteSynchronous::Normal)
                    .busy_timeout(Duration::from_secs(10))
                    .foreign_keys(true)
                    .create_if_missing(true)
            });
        }
        let mut conn = Database::connect(options)
            .await
            .with_context(|| format!("connecting to the {} database", scheme(url)))?;
        let statements = StatementCounter::default();
        let counter = statements.0.clone();
        conn.set_metric_callback(move |_| {
            counter.fetch_add(1, Ordering::Relaxed);
        });
        Ok(Db { conn, statements })
    }

    /// The connection itself, for the migrator and the operator's CLI. Use cases reach tables
    /// only through a `TenantScope`.
    pub fn raw(&self) -> &DatabaseConnection {
        &self.conn
    }

    pub(crate) fn conn(&self) -> &DatabaseConnection {
        &self.conn
    }

    pub fn backend(&self) -> DbBackend {
        self.conn.get_database_backend()
    }

    pub fn is_sqlite(&self) -> bool {
        self.backend() == DbBackend::Sqlite
    }

    pub fn statements(&self) -> &StatementCounter {
        &self.statements
    }

    /// Starts a transaction that will write. On SQLite it begins `IMMEDIATE`, so it waits for
    /// the write lock (up to the busy timeout) instead of failing when a read turns into a write.
    pub(crate) async fn begin_write(&self) -> crate::Result<DatabaseTransaction> {
        let options = TransactionOptions {
            sqlite_transaction_mode: self.is_sqlite().then_some(SqliteTransactionMode::Immediate),
            ..Default::default()
        };
        Ok(self.conn.begin_with_options(options).await?)
    }

    /// Is the database reachable? (`/readyz`)
    pub async fn ping(&self) -> anyhow::Result<()> {
        self.conn
            .execute_unprepared("SELECT 1")
            .await
            .context("database ping")?;
        Ok(())
    }

    pub async fn close(self) -> anyhow::Result<()> {
        self.conn.close().await.context("closing the database")
    }
}

fn scheme(url: &str) -> &str {
    url.split(':').next().unwrap_or("unknown")
}
