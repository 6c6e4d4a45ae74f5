//! The forum: categories, threads, posts with their revisions, flags and the moderation log.

use sea_orm_migration::{prelude::*, schema::*};

use crate::table_builders::{created_updated, fk, index, tenant_fk, unique};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            created_updated(
                Table::create()
                    .table("forum_categories")
                    .col(uuid("id").primary_key())
                    .col(uuid("tenant_id"))
                    .col(text("name"))
                    .col(text("description"))
                    .col(integer("position"))
                    .foreign_key(&mut tenant_fk("forum_categories")),
            )
            .to_owned(),
        )
        .await?;
        m.create_index(index(
            "forum_categories",
            "list",
            &["tenant_id", "position", "name"],
        ))
        .await?;
        m.create_index(unique("forum_categories", "name", &["tenant_id", "name"]))
            .await?;

        m.create_table(
            created_updated(
                Table::create()
                    .table("threads")
                    .col(uuid("id").primary_key())
                    .col(uuid("tenant_id"))
                    .col(uuid_null("category_id"))
                    .col(uuid_null("group_id"))
                    .col(text("title"))
                    .col(uuid_null("author_id"))
                    .col(boolean("locked"))
                    .col(integer("reply_count"))
                    .col(timestamp_with_time_zone("last_post_at"))
                    .foreign_key(&mut tenant_fk("threads"))
                    .foreign_key(&mut fk("threads", "category_id", "forum_categories"))
                    .foreign_key(&mut fk("threads", "group_id", "working_groups"))
                    .foreign_key(&mut fk("threads", "author_id", "users")),
            )
            .to_owned(),
        )
        .await?;
        m.create_index(index(
            "threads",
            "category",
            &["tenant_id", "category_id", "last_post_at"],
        ))
        .await?;
        m.create_index(index(
            "threads",
            "group",
            &["tenant_id", "group_id", "last_post_at"],
        ))
        .await?;
        m.create_index(index("threads", "latest", &["tenant_id", "last_post_at"]))
            .await?;

        m.create_table(
            created_updated(
                Table::create()
                    .table("posts")
                    .col(uuid("id").primary_key())
                    .col(uuid("tenant_id"))
                    .col(uuid("thread_id"))
                    .col(uuid_null("author_id"))
                    .col(text("body"))
                    // The display names @mentioned in the body, as matched when it was written.
                    .col(json_binary("mentions"))
                    .col(uuid_null("quoted_post_id"))
                    .col(boolean("hidden"))
                    .col(text("hidden_reason"))
                    .col(timestamp_with_time_zone_null("edited_at"))
                    .foreign_key(&mut tenant_fk("posts"))
                    .foreign_key(&mut fk("posts", "thread_id", "threads"))
                    .foreign_key(&mut fk("posts", "author_id", "users"))
                    .foreign_key(&mut fk("posts", "quoted_post_id", "posts")),
            )
            .to_owned(),
        )
        .await?;
        m.create_index(index("posts", "thread", &["tenant_id", "thread_id", "id"]))
            .await?;

        m.create_table(
            Table::create()
                .table("post_revisions")
                .col(uuid("id").primary_key())
                .col(uuid("tenant_id"))
                .col(uuid("post_id"))
                .col(text("body"))
                .col(uuid_null("edited_by"))
                .col(timestamp_with_time_zone("created_at"))
                .foreign_key(&mut tenant_fk("post_revisions"))
                .foreign_key(&mut fk("post_revisions", "post_id", "posts"))
                .foreign_key(&mut fk("post_revisions", "edited_by", "users"))
                .to_owned(),
        )
        .await?;
        m.create_index(index(
            "post_revisions",
            "post",
            &["tenant_id", "post_id", "id"],
        ))
        .await?;

        m.create_table(
            Table::create()
                .table("post_flags")
                .col(uuid("id").primary_key())
                .col(uuid("tenant_id"))
                .col(uuid("post_id"))
                .col(uuid("flagged_by"))
                .col(text("reason"))
                .col(timestamp_with_time_zone("created_at"))
                .col(timestamp_with_time_zone_null("resolved_at"))
                .foreign_key(&mut tenant_fk("post_flags"))
                .foreign_key(&mut fk("post_flags", "post_id", "posts"))
                .foreign_key(&mut fk("post_flags", "flagged_by", "users"))
                .to_owned(),
        )
        .await?;
        m.create_index(unique(
            "post_flags",
            "once",
            &["tenant_id", "post_id", "flagged_by"],
        ))
        .await?;
        m.create_index(index(
            "post_flags",
            "open",
            &["tenant_id", "resolved_at", "id"],
        ))
        .await?;

        m.create_table(
            Table::create()
                .table("moderation_log")
                .col(uuid("id").primary_key())
                .col(uuid("tenant_id"))
                .col(text("actor"))
                .col(text("action"))
                .col(uuid_null("thread_id"))
                .col(uuid_null("post_id"))
                .col(text("reason"))
                .col(timestamp_with_time_zone("created_at"))
                .foreign_key(&mut tenant_fk("moderation_log"))
                .to_owned(),
        )
        .await?;
        m.create_index(index("moderation_log", "list", &["tenant_id", "id"]))
            .await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            "moderation_log",
            "post_flags",
            "post_revisions",
            "posts",
            "threads",
            "forum_categories",
        ] {
            m.drop_table(Table::drop().table(Alias::new(table)).to_owned())
                .await?;
        }
        Ok(())
    }
}
