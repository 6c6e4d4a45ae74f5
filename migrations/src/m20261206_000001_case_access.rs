//! Case material reaches only those who must: each reader's duty-of-confidentiality declaration
//! per consultation meeting, the organisations a consent names as its receiving services, the
//! identifier guard's verdict on a consultation file's text, and the access log of those files.

use sea_orm_migration::{prelude::*, schema::*};

use crate::table_builders::{fk, index, tenant_fk};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        // One row per person and meeting: who confirmed, and when. The key leads with the
        // meeting, so "the declarations of this meeting" is an index scan.
        m.create_table(
            Table::create()
                .table("case_declarations")
                .col(uuid("tenant_id"))
                .col(uuid("meeting_id"))
                .col(uuid("user_id"))
                .col(timestamp_with_time_zone("confirmed_at"))
                .primary_key(
                    Index::create()
                        .col("tenant_id")
                        .col("meeting_id")
                        .col("user_id"),
                )
                .foreign_key(&mut tenant_fk("case_declarations"))
                .foreign_key(
                    fk("case_declarations", "meeting_id", "meetings")
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .foreign_key(&mut fk("case_declarations", "user_id", "users"))
                .to_owned(),
        )
        .await?;

        // The network's organisations a consent names as its receiving services (ids, in a
        // JSON array read with the consent; no query filters on it).
        m.alter_table(
            Table::alter()
                .table("consent_records")
                .add_column(json_binary("receiving_organisation_ids").default("[]"))
                .to_owned(),
        )
        .await?;

        // For a file of a consultation meeting or a case: `pending` until its text is read,
        // then `clear`, `blocked` (an identifier was found; the content is gone),
        // `needs_confirmation` (no text to check) or `confirmed` by its uploader. NULL for
        // every other file.
        m.alter_table(
            Table::alter()
                .table("file_versions")
                .add_column(text_null("guard_status"))
                .to_owned(),
        )
        .await?;
        m.alter_table(
            Table::alter()
                .table("file_versions")
                .add_column(text_null("guard_kind"))
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table("case_file_access_log")
                .col(uuid("id").primary_key())
                .col(uuid("tenant_id"))
                .col(uuid("meeting_id"))
                .col(uuid("file_id"))
                .col(uuid("user_id"))
                .col(text("action"))
                .col(timestamp_with_time_zone("at"))
                .foreign_key(&mut tenant_fk("case_file_access_log"))
                .foreign_key(&mut fk("case_file_access_log", "user_id", "users"))
                .to_owned(),
        )
        .await?;
        m.create_index(index(
            "case_file_access_log",
            "by_file",
            &["tenant_id", "file_id", "id"],
        ))
        .await?;
        m.create_index(index(
            "case_file_access_log",
            "by_meeting",
            &["tenant_id", "meeting_id", "id"],
        ))
        .await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for table in ["case_file_access_log", "case_declarations"] {
            m.drop_table(Table::drop().table(Alias::new(table)).to_owned())
                .await?;
        }
        for column in ["guard_kind", "guard_status"] {
            m.alter_table(
                Table::alter()
                    .table("file_versions")
                    .drop_column(column)
                    .to_owned(),
            )
            .await?;
        }
        m.alter_table(
            Table::alter()
                .table("consent_records")
                .drop_column("receiving_organisation_ids")
                .to_owned(),
        )
        .await
    }
}
