//! Rate limits kept in the database, so that every `http` replica counts the same attempts: one
//! row per limit and hashed key, a counter for the current fixed window and when it ends. Rows
//! past their end are swept away; the index makes that sweep a range scan.

use sea_orm_migration::{prelude::*, schema::*};

use crate::table_builders::index;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table("rate_limits")
                // The limit's name, e.g. `sign_in_account`.
                .col(text("name"))
                // SHA-256 (hex) of the normalised, length-capped key: never the e-mail or address.
                .col(text("key_hash"))
                .col(integer("hits"))
                .col(timestamp_with_time_zone("expires_at"))
                .primary_key(Index::create().col("name").col("key_hash"))
                .to_owned(),
        )
        .await?;
        m.create_index(index("rate_limits", "expiry", &["expires_at"]))
            .await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table("rate_limits").to_owned())
            .await?;
        Ok(())
    }
}
