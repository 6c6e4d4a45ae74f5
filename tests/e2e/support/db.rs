//! A fresh database per test: a SQLite file in the test's folder, or, when
//! `SAMVIRKE_TEST_DATABASE_URL` points at a PostgreSQL server, a uniquely named database copied
//! from a migrated template (creating the template once per schema version is much faster than
//! migrating every test's database).

use std::hash::{Hash, Hasher};
use std::path::Path;

use migrations::{Migrator, MigratorTrait};
use sea_orm::{ConnectionTrait, Database};

pub fn postgres_admin_url() -> Option<String> {
    std::env::var("SAMVIRKE_TEST_DATABASE_URL")
        .ok()
        .filter(|url| url.starts_with("postgres"))
}

/// `url` with its database name replaced.
fn with_database(url: &str, name: &str) -> String {
    let (base, query) = match url.split_once('?') {
        Some((base, query)) => (base, format!("?{query}")),
        None => (url, String::new()),
    };
    let base = match base.rfind('/') {
        Some(at) if at > "postgres://".len() => &base[..at],
        _ => base,
    };
    format!("{base}/{name}{query}")
}

fn template_name() -> String {
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    for migration in Migrator::migrations() {
        migration.name().hash(&mut hasher);
    }
    format!("samvirke_template_{:x}", hasher.finish())
}

pub async fn fresh_database_url(dir: &Path) -> String {
    let Some(admin_url) = postgres_admin_url() else {
        return format!("sqlite://{}", dir.join("samvirke.db").display());
    };
    let admin = Database::connect(&admin_url)
        .await
        .expect("connecting to the test PostgreSQL");
    let template = template_name();
    // One process creates the template; the others wait on the lock and find it there.
    admin
        .execute_unprepared("SELECT pg_advisory_lock(7301)")
        .await
        .unwrap();
    let exists = admin
        .query_one_raw(sea_orm::Statement::from_string(
            sea_orm::DbBackend::Postgres,
            format!("SELECT 1 FROM pg_database WHERE datname = '{template}'"),
        ))
        .await
        .unwrap()
        .is_some();
    if !exists {
        admin
            .execute_unprepared(&format!("CREATE DATABASE {template}"))
            .await
            .unwrap();
        let conn = Database::connect(with_database(&admin_url, &template))
            .await
            .unwrap();
        Migrator::up(&conn, None).await.unwrap();
        conn.close().await.unwrap();
    }
    admin
        .execute_unprepared("SELECT pg_advisory_unlock(7301)")
        .await
        .unwrap();

    let name = format!("samvirke_test_{}", uuid::Uuid::now_v7().simple());
    let mut attempts = 0;
    loop {
        match admin
            .execute_unprepared(&format!("CREATE DATABASE {name} TEMPLATE {template}"))
            .await
        {
            Ok(_) => break,
            // Another test may be copying the template at this moment.
            Err(e) if attempts < 50 && e.to_string().contains("being accessed by other users") => {
                attempts += 1;
                tokio::time::sleep(std::time::Duration::from_millis(100)).await;
            }
            Err(e) => panic!("creating {name}: {e}"),
        }
    }
    admin.close().await.unwrap();
    with_database(&admin_url, &name)
}

/// A database with no schema at all (for testing what happens before `migrate`).
pub async fn empty_database_url(dir: &Path) -> String {
    let Some(admin_url) = postgres_admin_url() else {
        return format!("sqlite://{}", dir.join("empty.db").display());
    };
    let admin = Database::connect(&admin_url).await.unwrap();
    let name = format!("samvirke_empty_{}", uuid::Uuid::now_v7().simple());
    admin
        .execute_unprepared(&format!("CREATE DATABASE {name}"))
        .await
        .unwrap();
    admin.close().await.unwrap();
    with_database(&admin_url, &name)
}

/// The row count of every table, for proving that a refused request changed nothing.
pub async fn row_counts(
    conn: &sea_orm::DatabaseConnection,
) -> std::collections::BTreeMap<String, i64> {
    let backend = conn.get_database_backend();
    let tables_sql = match backend {
        sea_orm::DbBackend::Postgres => {
            "SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public'"
        }
        _ => "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'",
    };
    let rows = conn
        .query_all_raw(sea_orm::Statement::from_string(backend, tables_sql))
        .await
        .unwrap();
    let mut counts = std::collections::BTreeMap::new();
    for row in rows {
        let table: String = row.try_get("", "name").unwrap();
        let count = conn
            .query_one_raw(sea_orm::Statement::from_string(
                backend,
                format!("SELECT COUNT(*) AS n FROM \"{table}\""),
            ))
            .await
            .unwrap()
            .unwrap();
        let n: i64 = count.try_get("", "n").unwrap();
        counts.insert(table, n);
    }
    counts
}
