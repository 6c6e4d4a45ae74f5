//! Subscriptions, notifications, mail preferences and digests.

use sea_orm_migration::{prelude::*, schema::*};

use crate::table_builders::{created_updated, fk, index, tenant_fk, unique};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        // Who follows what. `subject_kind` is thread, group or project; the subject's id points
        // into the table of its kind, so it carries no foreign key.
        m.create_table(
            Table::create()
                .table("subscriptions")
                .col(uuid("tenant_id"))
                .col(uuid("user_id"))
                .col(text("subject_kind"))
                .col(uuid("subject_id"))
                .col(timestamp_with_time_zone("created_at"))
                .primary_key(
                    Index::create()
                        .col("tenant_id")
                        .col("user_id")
                        .col("subject_kind")
                        .col("subject_id"),
                )
                .foreign_key(&mut tenant_fk("subscriptions"))
                .foreign_key(
                    fk("subscriptions", "user_id", "users").on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await?;
        // The followers of a subject, when something happens to it.
        m.create_index(index(
            "subscriptions",
            "subject",
            &["tenant_id", "subject_kind", "subject_id"],
        ))
        .await?;

        m.create_table(
            Table::create()
                .table("notifications")
                .col(uuid("id").primary_key())
                .col(uuid("tenant_id"))
                .col(uuid("user_id"))
                .col(text("kind"))
                .col(text("subject_kind"))
                .col(uuid("subject_id"))
                .col(text("title"))
                .col(text("path"))
                .col(text("actor_name"))
                .col(timestamp_with_time_zone("created_at"))
                .col(timestamp_with_time_zone_null("read_at"))
                .col(timestamp_with_time_zone_null("mailed_at"))
                .foreign_key(&mut tenant_fk("notifications"))
                .foreign_key(
                    fk("notifications", "user_id", "users").on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await?;
        // A person's list, newest first.
        m.create_index(index(
            "notifications",
            "list",
            &["tenant_id", "user_id", "id"],
        ))
        .await?;
        // The unread count in every page's header.
        m.create_index(index(
            "notifications",
            "unread",
            &["tenant_id", "user_id", "read_at"],
        ))
        .await?;
        // What a digest still has to send.
        m.create_index(index(
            "notifications",
            "unmailed",
            &["tenant_id", "user_id", "mailed_at", "created_at"],
        ))
        .await?;

        m.create_table(
            created_updated(
                Table::create()
                    .table("notification_settings")
                    .col(uuid("tenant_id"))
                    .col(uuid("user_id"))
                    .col(text("mail_mode"))
                    .col(text("unsubscribe_token"))
                    .primary_key(Index::create().col("tenant_id").col("user_id"))
                    .foreign_key(&mut tenant_fk("notification_settings"))
                    .foreign_key(
                        fk("notification_settings", "user_id", "users")
                            .on_delete(ForeignKeyAction::Cascade),
                    ),
            )
            .to_owned(),
        )
        .await?;
        m.create_index(unique(
            "notification_settings",
            "unsubscribe_token",
            // Tokens are random and looked up alone; the tenant completes the key by the rule.
            &["unsubscribe_token", "tenant_id"],
        ))
        .await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for table in ["notification_settings", "notifications", "subscriptions"] {
            m.drop_table(Table::drop().table(Alias::new(table)).to_owned())
                .await?;
        }
        Ok(())
    }
}
