//! Shared material: files, their versions and the blobs they share, and the storage quota.
//!
//! A blob is stored once per network and SHA-256: duplicates *within* a network share it, but
//! never across networks — a shared blob would let one network learn (by a fast upload or the
//! quota not moving) that a file exists in another.

use sea_orm_migration::{prelude::*, schema::*};

use crate::table_builders::{created_updated, fk, index, tenant_fk};

#[derive(DeriveMigrationName)]
pub struct Migration;

/// 5 GiB per network unless the operator raises it.
const DEFAULT_QUOTA_BYTES: i64 = 5 * 1024 * 1024 * 1024;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(
            Table::alter()
                .table("networks")
                .add_column(big_integer("storage_quota_bytes").default(DEFAULT_QUOTA_BYTES))
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table("blobs")
                .col(uuid("tenant_id"))
                .col(text("sha256"))
                .col(text("blob_key"))
                .col(big_integer("size"))
                .col(timestamp_with_time_zone("created_at"))
                .primary_key(Index::create().col("tenant_id").col("sha256"))
                .foreign_key(&mut tenant_fk("blobs"))
                .to_owned(),
        )
        .await?;

        // `current_version_id` has no foreign key: the file and its first version are written
        // together and each points at the other.
        m.create_table(
            created_updated(
                Table::create()
                    .table("files")
                    .col(uuid("id").primary_key())
                    .col(uuid("tenant_id"))
                    .col(text("target_kind"))
                    .col(uuid("target_id"))
                    .col(text("name"))
                    .col(text("content_type"))
                    .col(uuid("current_version_id"))
                    .col(uuid_null("uploaded_by"))
                    .col(timestamp_with_time_zone_null("deleted_at"))
                    .foreign_key(&mut tenant_fk("files"))
                    .foreign_key(&mut fk("files", "uploaded_by", "users")),
            )
            .to_owned(),
        )
        .await?;
        m.create_index(index(
            "files",
            "target",
            &["tenant_id", "target_kind", "target_id", "id"],
        ))
        .await?;
        m.create_index(index("files", "list", &["tenant_id", "id"]))
            .await?;

        m.create_table(
            Table::create()
                .table("file_versions")
                .col(uuid("id").primary_key())
                .col(uuid("tenant_id"))
                .col(uuid("file_id"))
                .col(integer("version"))
                .col(text("name"))
                .col(text("content_type"))
                .col(big_integer("size"))
                .col(text("sha256"))
                .col(uuid_null("uploaded_by"))
                .col(timestamp_with_time_zone("created_at"))
                .col(text("extraction_status"))
                .col(text_null("extraction_code"))
                .col(text_null("extraction_message"))
                .col(text_null("extracted_text"))
                .foreign_key(&mut tenant_fk("file_versions"))
                .foreign_key(&mut fk("file_versions", "file_id", "files"))
                .foreign_key(&mut fk("file_versions", "uploaded_by", "users"))
                .to_owned(),
        )
        .await?;
        m.create_index(index(
            "file_versions",
            "file",
            &["tenant_id", "file_id", "version"],
        ))
        .await?;
        // Is a blob still referenced? (collection after delete)
        m.create_index(index("file_versions", "blob", &["tenant_id", "sha256"]))
            .await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for table in ["file_versions", "files", "blobs"] {
            m.drop_table(Table::drop().table(Alias::new(table)).to_owned())
                .await?;
        }
        m.alter_table(
            Table::alter()
                .table("networks")
                .drop_column("storage_quota_bytes")
                .to_owned(),
        )
        .await
    }
}
