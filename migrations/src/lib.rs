//! The schema, and the only place it changes. One migration per file
//! (`mYYYYMMDD_HHMMSS_name.rs`); `samvirke migrate` applies them, `serve` applies them at start,
//! and `http` and `worker` refuse to start while one is pending.
//!
//! Rules every migration keeps: every tenant-owned table has `tenant_id`; every unique key on
//! such a table includes `tenant_id` (so the schema can later be distributed by tenant); every
//! list query has an index that starts with `tenant_id`.

pub use sea_orm_migration::prelude::*;

mod m20261122_000001_initial;
mod m20261122_000002_meetings;
mod m20261123_000001_showcases;
mod m20261123_000002_forum;
mod m20261123_000003_material;
mod m20261123_000004_notifications;
mod m20261123_000005_search;
mod m20261123_000006_group_meetings;
mod m20261206_000001_case_access;
mod m20261206_000002_sessions_limits;
mod m20261206_000003_jobs;
mod m20261208_000001_job_request_id;
mod table_builders;

pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261122_000001_initial::Migration),
            Box::new(m20261122_000002_meetings::Migration),
            Box::new(m20261123_000001_showcases::Migration),
            Box::new(m20261123_000002_forum::Migration),
            Box::new(m20261123_000003_material::Migration),
            Box::new(m20261123_000004_notifications::Migration),
            Box::new(m20261123_000005_search::Migration),
            Box::new(m20261123_000006_group_meetings::Migration),
            Box::new(m20261206_000001_case_access::Migration),
            Box::new(m20261206_000002_sessions_limits::Migration),
            Box::new(m20261206_000003_jobs::Migration),
            Box::new(m20261208_000001_job_request_id::Migration),
        ]
    }
}
