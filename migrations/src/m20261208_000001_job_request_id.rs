//! The request that enqueued a job: its request id (from `X-Request-Id` or made by the server),
//! so a job's log lines can be joined to the request's. Nullable: jobs enqueued by the operator's
//! commands, by other jobs' schedules or before this migration have none.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(
            Table::alter()
                .table("jobs")
                .add_column(text_null("request_id"))
                .to_owned(),
        )
        .await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(
            Table::alter()
                .table("jobs")
                .drop_column("request_id")
                .to_owned(),
        )
        .await?;
        Ok(())
    }
}
