//! Networks, people, working groups, tokens, the audit log, projects and the job queue.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

use crate::table_builders::{created_updated, fk, index, tenant_fk, unique};

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            created_updated(
                Table::create()
                    .table("networks")
                    .col(uuid("id").primary_key())
                    .col(text("slug"))
                    .col(text("name"))
                    .col(text("default_language"))
                    .col(text("time_zone")),
            )
            .to_owned(),
        )
        .await?;
        m.create_index(unique("networks", "slug", &["slug"]))
            .await?;

        m.create_table(
            created_updated(
                Table::create()
                    .table("users")
                    .col(uuid("id").primary_key())
                    .col(text("email"))
                    .col(text("display_name"))
                    .col(text("password_hash"))
                    .col(text_null("preferred_language")),
            )
            .to_owned(),
        )
        .await?;
        m.create_index(unique("users", "email", &["email"])).await?;

        m.create_table(
            Table::create()
                .table("sessions")
                .col(uuid("id").primary_key())
                .col(text("token_hash"))
                .col(uuid("user_id"))
                .col(timestamp_with_time_zone("created_at"))
                .col(timestamp_with_time_zone("expires_at"))
                .col(timestamp_with_time_zone("last_seen_at"))
                .foreign_key(
                    fk("sessions", "user_id", "users").on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(unique("sessions", "token_hash", &["token_hash"]))
            .await?;
        m.create_index(index("sessions", "user", &["user_id"]))
            .await?;

        m.create_table(
            created_updated(
                Table::create()
                    .table("organisations")
                    .col(uuid("id").primary_key())
                    .col(uuid("tenant_id"))
                    .col(text("name"))
                    .col(text("sector"))
                    .col(text_null("registry_number"))
                    .foreign_key(&mut tenant_fk("organisations")),
            )
            .to_owned(),
        )
        .await?;
        m.create_index(unique("organisations", "name", &["tenant_id", "name"]))
            .await?;
        m.create_index(index("organisations", "list", &["tenant_id", "id"]))
            .await?;

        m.create_table(
            created_updated(
                Table::create()
                    .table("memberships")
                    .col(uuid("id").primary_key())
                    .col(uuid("tenant_id"))
                    .col(uuid("user_id"))
                    .col(uuid_null("organisation_id"))
                    .col(text("role"))
                    .col(text("status"))
                    .foreign_key(&mut tenant_fk("memberships"))
                    .foreign_key(&mut fk("memberships", "user_id", "users"))
                    .foreign_key(&mut fk("memberships", "organisation_id", "organisations")),
            )
            .to_owned(),
        )
        .await?;
        m.create_index(unique("memberships", "user", &["tenant_id", "user_id"]))
            .await?;
        m.create_index(index("memberships", "list", &["tenant_id", "id"]))
            .await?;
        m.create_index(index("memberships", "by_user", &["user_id"]))
            .await?;
        m.create_index(index(
            "memberships",
            "by_organisation",
            &["tenant_id", "organisation_id"],
        ))
        .await?;

        m.create_table(
            created_updated(
                Table::create()
                    .table("invitations")
                    .col(uuid("id").primary_key())
                    .col(uuid("tenant_id"))
                    .col(text("email"))
                    .col(uuid_null("organisation_id"))
                    .col(text("role"))
                    .col(text("status"))
                    .col(text("token_hash"))
                    .col(uuid_null("invited_by"))
                    .col(timestamp_with_time_zone("expires_at"))
                    .col(timestamp_with_time_zone_null("accepted_at"))
                    .foreign_key(&mut tenant_fk("invitations"))
                    .foreign_key(&mut fk("invitations", "organisation_id", "organisations"))
                    .foreign_key(&mut fk("invitations", "invited_by", "users")),
            )
            .to_owned(),
        )
        .await?;
        m.create_index(unique("invitations", "token", &["tenant_id", "token_hash"]))
            .await?;
        m.create_index(index("invitations", "by_token", &["token_hash"]))
            .await?;
        m.create_index(index("invitations", "list", &["tenant_id", "id"]))
            .await?;

        m.create_table(
            created_updated(
                Table::create()
                    .table("working_groups")
                    .col(uuid("id").primary_key())
                    .col(uuid("tenant_id"))
                    .col(text("name"))
                    .col(text("description"))
                    .col(boolean("is_open"))
                    .foreign_key(&mut tenant_fk("working_groups")),
            )
            .to_owned(),
        )
        .await?;
        m.create_index(unique("working_groups", "name", &["tenant_id", "name"]))
            .await?;
        m.create_index(index("working_groups", "list", &["tenant_id", "id"]))
            .await?;

        m.create_table(
            Table::create()
                .table("group_members")
                .col(uuid("tenant_id"))
                .col(uuid("group_id"))
                .col(uuid("membership_id"))
                .col(boolean("is_coordinator"))
                .col(timestamp_with_time_zone("created_at"))
                .primary_key(
                    Index::create()
                        .col("tenant_id")
                        .col("group_id")
                        .col("membership_id"),
                )
                .foreign_key(&mut tenant_fk("group_members"))
                .foreign_key(
                    fk("group_members", "group_id", "working_groups")
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .foreign_key(
                    fk("group_members", "membership_id", "memberships")
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(index(
            "group_members",
            "by_membership",
            &["tenant_id", "membership_id"],
        ))
        .await?;

        m.create_table(
            Table::create()
                .table("api_tokens")
                .col(uuid("id").primary_key())
                .col(uuid("tenant_id"))
                .col(uuid("organisation_id"))
                .col(text("name"))
                .col(text("token_hash"))
                .col(text("token_prefix"))
                .col(uuid_null("created_by"))
                .col(timestamp_with_time_zone_null("expires_at"))
                .col(timestamp_with_time_zone_null("revoked_at"))
                .col(timestamp_with_time_zone_null("last_used_at"))
                .col(timestamp_with_time_zone("created_at"))
                .foreign_key(&mut tenant_fk("api_tokens"))
                .foreign_key(&mut fk("api_tokens", "organisation_id", "organisations"))
                .foreign_key(&mut fk("api_tokens", "created_by", "users"))
                .to_owned(),
        )
        .await?;
        m.create_index(unique("api_tokens", "token", &["tenant_id", "token_hash"]))
            .await?;
        m.create_index(index("api_tokens", "by_token", &["token_hash"]))
            .await?;
        m.create_index(index("api_tokens", "list", &["tenant_id", "id"]))
            .await?;

        m.create_table(
            Table::create()
                .table("audit_log")
                .col(uuid("id").primary_key())
                .col(uuid("tenant_id"))
                .col(uuid_null("actor_user_id"))
                .col(uuid_null("actor_token_id"))
                .col(text("actor_label"))
                .col(text("action"))
                .col(text("subject_type"))
                .col(uuid_null("subject_id"))
                .col(json_binary("details"))
                .col(timestamp_with_time_zone("created_at"))
                .foreign_key(&mut tenant_fk("audit_log"))
                .to_owned(),
        )
        .await?;
        m.create_index(index("audit_log", "list", &["tenant_id", "id"]))
            .await?;

        m.create_table(
            created_updated(
                Table::create()
                    .table("projects")
                    .col(uuid("id").primary_key())
                    .col(uuid("tenant_id"))
                    .col(uuid("owner_organisation_id"))
                    .col(uuid_null("group_id"))
                    .col(text("title"))
                    .col(text("summary"))
                    .col(text("body"))
                    .col(text("status"))
                    .col(text("visibility"))
                    .col(json_binary("tags"))
                    .col(uuid_null("created_by"))
                    .foreign_key(&mut tenant_fk("projects"))
                    .foreign_key(&mut fk(
                        "projects",
                        "owner_organisation_id",
                        "organisations",
                    ))
                    .foreign_key(&mut fk("projects", "group_id", "working_groups"))
                    .foreign_key(&mut fk("projects", "created_by", "users")),
            )
            .to_owned(),
        )
        .await?;
        m.create_index(index("projects", "list", &["tenant_id", "id"]))
            .await?;
        m.create_index(index(
            "projects",
            "public",
            &["tenant_id", "visibility", "id"],
        ))
        .await?;

        m.create_table(
            created_updated(
                Table::create()
                    .table("jobs")
                    .col(uuid("id").primary_key())
                    .col(uuid_null("tenant_id"))
                    .col(text("kind"))
                    .col(json_binary("payload"))
                    .col(text("status"))
                    .col(timestamp_with_time_zone("run_after"))
                    .col(integer("attempts"))
                    .col(integer("max_attempts"))
                    .col(text_null("last_error"))
                    .col(text_null("locked_by"))
                    .col(timestamp_with_time_zone_null("locked_until")),
            )
            .to_owned(),
        )
        .await?;
        m.create_index(index("jobs", "due", &["status", "run_after"]))
            .await?;

        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            "jobs",
            "projects",
            "audit_log",
            "api_tokens",
            "group_members",
            "working_groups",
            "invitations",
            "memberships",
            "organisations",
            "sessions",
            "users",
            "networks",
        ] {
            m.drop_table(Table::drop().table(Alias::new(table)).to_owned())
                .await?;
        }
        Ok(())
    }
}
