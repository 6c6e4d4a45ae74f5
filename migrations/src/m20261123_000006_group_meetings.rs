//! A working group's page lists its meetings: one index for "this group's meetings by start".

use sea_orm_migration::prelude::*;

use crate::table_builders::index;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_index(index(
            "meetings",
            "by_group",
            &["tenant_id", "group_id", "starts_at"],
        ))
        .await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_index(
            Index::drop()
                .name("ix_meetings_by_group")
                .table(Alias::new("meetings"))
                .to_owned(),
        )
        .await?;
        Ok(())
    }
}
