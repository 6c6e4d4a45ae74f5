//! Search: each network's synonyms and abbreviations.

use sea_orm_migration::{prelude::*, schema::*};

use crate::table_builders::{created_updated, index, tenant_fk};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        // One row per set of equivalent phrases ("BUP", "børne- og ungdomspsykiatri"); a network
        // has a few dozen, loaded whole on every index write and search.
        m.create_table(
            created_updated(
                Table::create()
                    .table("search_synonyms")
                    .col(uuid("id").primary_key())
                    .col(uuid("tenant_id"))
                    .col(json_binary("phrases")),
            )
            .foreign_key(&mut tenant_fk("search_synonyms"))
            .to_owned(),
        )
        .await?;
        m.create_index(index("search_synonyms", "tenant", &["tenant_id", "id"]))
            .await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table("search_synonyms").to_owned())
            .await?;
        Ok(())
    }
}
