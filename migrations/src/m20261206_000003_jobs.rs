//! Leased jobs by lease expiry: each claim first retires the jobs whose worker died on their
//! last attempt (`locked_until` in the past, attempts spent), and the renewal of a running job's
//! lease and the `running` count of `/metrics` look at the same column. Without it that look
//! would scan every pending job, and a queue can hold a hundred thousand.

use sea_orm_migration::prelude::*;

use crate::table_builders::index;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_index(index("jobs", "leased", &["locked_until"]))
            .await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_index(
            Index::drop()
                .name("ix_jobs_leased")
                .table(Alias::new("jobs"))
                .to_owned(),
        )
        .await?;
        Ok(())
    }
}
