//! Meetings and events: series, programmes, registration, breakout groups, minutes, calendar
//! feeds, mail receipts, and the private case consultations with their access log.

use sea_orm_migration::{prelude::*, schema::*};

use crate::table_builders::{created_updated, fk, index, tenant_fk, unique};

#[derive(DeriveMigrationName)]
pub struct Migration;

/// Columns that belong to one meeting: the tenant, the meeting, and the foreign keys to both.
fn meeting_child(table: &str) -> TableCreateStatement {
    Table::create()
        .table(Alias::new(table))
        .col(uuid("tenant_id"))
        .col(uuid("meeting_id"))
        .foreign_key(&mut tenant_fk(table))
        .foreign_key(&mut fk(table, "meeting_id", "meetings"))
        .to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        // Retention periods per network (SQLite adds one column per statement).
        m.alter_table(
            Table::alter()
                .table("networks")
                .add_column(integer("guest_retention_months").default(12))
                .to_owned(),
        )
        .await?;
        m.alter_table(
            Table::alter()
                .table("networks")
                .add_column(integer("case_retention_days").default(30))
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table("calendar_feeds")
                .col(uuid("user_id").primary_key())
                .col(text("token_hash"))
                .col(timestamp_with_time_zone("created_at"))
                .foreign_key(
                    fk("calendar_feeds", "user_id", "users").on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(unique("calendar_feeds", "token", &["token_hash"]))
            .await?;

        // One row per mail that must go out once: its job is enqueued only with a new receipt.
        m.create_table(
            Table::create()
                .table("mail_receipts")
                .col(uuid("tenant_id"))
                .col(text("key"))
                .col(timestamp_with_time_zone("created_at"))
                .primary_key(Index::create().col("tenant_id").col("key"))
                .foreign_key(&mut tenant_fk("mail_receipts"))
                .to_owned(),
        )
        .await?;

        m.create_table(
            created_updated(
                Table::create()
                    .table("meeting_series")
                    .col(uuid("id").primary_key())
                    .col(uuid("tenant_id"))
                    .col(text("rule"))
                    .col(timestamp("first_start_local"))
                    .col(integer("duration_minutes"))
                    .foreign_key(&mut tenant_fk("meeting_series")),
            )
            .to_owned(),
        )
        .await?;

        m.create_table(
            created_updated(
                Table::create()
                    .table("meetings")
                    .col(uuid("id").primary_key())
                    .col(uuid("tenant_id"))
                    .col(uuid_null("series_id"))
                    .col(timestamp_with_time_zone_null("occurrence_start"))
                    .col(text("kind"))
                    .col(text("status"))
                    .col(text("visibility"))
                    .col(uuid_null("group_id"))
                    .col(text("title"))
                    .col(text("description"))
                    .col(timestamp_with_time_zone("starts_at"))
                    .col(timestamp_with_time_zone("ends_at"))
                    .col(text("location_mode"))
                    .col(text("address"))
                    .col(text("room"))
                    .col(text("online_url"))
                    .col(boolean("registration_enabled"))
                    .col(integer_null("capacity_room"))
                    .col(integer_null("capacity_online"))
                    .col(boolean("waitlist_enabled"))
                    .col(timestamp_with_time_zone_null("registration_opens_at"))
                    .col(timestamp_with_time_zone_null("registration_closes_at"))
                    .col(timestamp_with_time_zone_null("cancellation_cutoff_at"))
                    .col(boolean("requires_approval"))
                    .col(text("terms"))
                    .col(boolean("show_participants"))
                    .col(uuid_null("contact_user_id"))
                    .col(uuid_null("moderator_user_id"))
                    .col(integer("sequence"))
                    .col(uuid_null("created_by"))
                    .foreign_key(&mut tenant_fk("meetings"))
                    .foreign_key(&mut fk("meetings", "series_id", "meeting_series"))
                    .foreign_key(&mut fk("meetings", "group_id", "working_groups"))
                    .foreign_key(&mut fk("meetings", "contact_user_id", "users"))
                    .foreign_key(&mut fk("meetings", "moderator_user_id", "users"))
                    .foreign_key(&mut fk("meetings", "created_by", "users")),
            )
            .to_owned(),
        )
        .await?;
        m.create_index(index("meetings", "list", &["tenant_id", "id"]))
            .await?;
        m.create_index(index(
            "meetings",
            "calendar",
            &["tenant_id", "starts_at", "id"],
        ))
        .await?;
        m.create_index(index(
            "meetings",
            "public",
            &["tenant_id", "visibility", "starts_at"],
        ))
        .await?;
        m.create_index(index(
            "meetings",
            "series",
            &["tenant_id", "series_id", "starts_at"],
        ))
        .await?;
        m.create_index(unique(
            "meetings",
            "occurrence",
            &["tenant_id", "series_id", "occurrence_start"],
        ))
        .await?;

        m.create_table(
            meeting_child("meeting_organisations")
                .col(uuid("organisation_id"))
                .primary_key(
                    Index::create()
                        .col("tenant_id")
                        .col("meeting_id")
                        .col("organisation_id"),
                )
                .foreign_key(&mut fk(
                    "meeting_organisations",
                    "organisation_id",
                    "organisations",
                ))
                .to_owned(),
        )
        .await?;

        m.create_table(
            meeting_child("meeting_invitees")
                .col(uuid("user_id"))
                .primary_key(
                    Index::create()
                        .col("tenant_id")
                        .col("meeting_id")
                        .col("user_id"),
                )
                .foreign_key(&mut fk("meeting_invitees", "user_id", "users"))
                .to_owned(),
        )
        .await?;
        m.create_index(index(
            "meeting_invitees",
            "by_user",
            &["tenant_id", "user_id"],
        ))
        .await?;

        m.create_table(
            meeting_child("agenda_items")
                .col(uuid("id").primary_key())
                .col(timestamp_with_time_zone("starts_at"))
                .col(timestamp_with_time_zone("ends_at"))
                .col(text("title"))
                .col(text("description"))
                .col(text("kind"))
                .col(json_binary("speakers"))
                .col(boolean("selectable"))
                .col(integer_null("capacity"))
                .to_owned(),
        )
        .await?;
        m.create_index(index(
            "agenda_items",
            "programme",
            &["tenant_id", "meeting_id", "starts_at"],
        ))
        .await?;

        m.create_table(
            meeting_child("registration_questions")
                .col(uuid("id").primary_key())
                .col(integer("position"))
                .col(text("kind"))
                .col(text("label"))
                .col(json_binary("options"))
                .col(boolean("required"))
                .to_owned(),
        )
        .await?;
        m.create_index(index(
            "registration_questions",
            "by_meeting",
            &["tenant_id", "meeting_id", "position"],
        ))
        .await?;

        m.create_table(
            created_updated(
                &mut meeting_child("breakout_groups")
                    .col(uuid("id").primary_key())
                    .col(text("name"))
                    .col(text("facilitator"))
                    .col(integer_null("capacity"))
                    .to_owned(),
            )
            .to_owned(),
        )
        .await?;
        m.create_index(index(
            "breakout_groups",
            "by_meeting",
            &["tenant_id", "meeting_id", "id"],
        ))
        .await?;

        m.create_table(
            created_updated(
                &mut meeting_child("registrations")
                    .col(uuid("id").primary_key())
                    .col(uuid_null("user_id"))
                    .col(text_null("guest_name"))
                    .col(text_null("guest_email"))
                    .col(text_null("guest_organisation"))
                    .col(text("attendance_mode"))
                    .col(text("status"))
                    .col(timestamp_with_time_zone("queued_at"))
                    .col(json_binary("answers"))
                    .col(json_binary("preferences"))
                    .col(timestamp_with_time_zone_null("accepted_terms_at"))
                    .col(text_null("confirm_token_hash"))
                    .col(timestamp_with_time_zone_null("hold_until"))
                    .col(boolean_null("attended"))
                    .col(uuid_null("breakout_group_id"))
                    .col(timestamp_with_time_zone_null("cancelled_at"))
                    .foreign_key(&mut fk("registrations", "user_id", "users"))
                    .foreign_key(&mut fk(
                        "registrations",
                        "breakout_group_id",
                        "breakout_groups",
                    ))
                    .to_owned(),
            )
            .to_owned(),
        )
        .await?;
        m.create_index(unique(
            "registrations",
            "user",
            &["tenant_id", "meeting_id", "user_id"],
        ))
        .await?;
        m.create_index(unique(
            "registrations",
            "guest",
            &["tenant_id", "meeting_id", "guest_email"],
        ))
        .await?;
        m.create_index(index(
            "registrations",
            "queue",
            &["tenant_id", "meeting_id", "status", "queued_at"],
        ))
        .await?;
        m.create_index(index("registrations", "by_user", &["tenant_id", "user_id"]))
            .await?;
        m.create_index(index("registrations", "by_token", &["confirm_token_hash"]))
            .await?;

        m.create_table(
            meeting_child("registration_sessions")
                .col(uuid("registration_id"))
                .col(uuid("agenda_item_id"))
                .primary_key(
                    Index::create()
                        .col("tenant_id")
                        .col("registration_id")
                        .col("agenda_item_id"),
                )
                .foreign_key(
                    fk("registration_sessions", "registration_id", "registrations")
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .foreign_key(
                    fk("registration_sessions", "agenda_item_id", "agenda_items")
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(index(
            "registration_sessions",
            "by_item",
            &["tenant_id", "agenda_item_id"],
        ))
        .await?;

        m.create_table(
            meeting_child("meeting_minutes")
                .col(text("minutes"))
                .col(text("decisions"))
                .col(uuid_null("updated_by"))
                .col(timestamp_with_time_zone("updated_at"))
                .primary_key(Index::create().col("tenant_id").col("meeting_id"))
                .foreign_key(&mut fk("meeting_minutes", "updated_by", "users"))
                .to_owned(),
        )
        .await?;

        m.create_table(
            created_updated(
                &mut meeting_child("action_items")
                    .col(uuid("id").primary_key())
                    .col(uuid_null("series_id"))
                    .col(text("text"))
                    .col(text("owner"))
                    .col(date_null("due_on"))
                    .col(text("status"))
                    .col(uuid_null("carried_from_id"))
                    .to_owned(),
            )
            .to_owned(),
        )
        .await?;
        m.create_index(index(
            "action_items",
            "by_meeting",
            &["tenant_id", "meeting_id", "id"],
        ))
        .await?;
        m.create_index(unique(
            "action_items",
            "carried",
            &["tenant_id", "meeting_id", "carried_from_id"],
        ))
        .await?;

        m.create_table(
            meeting_child("case_slots")
                .col(uuid("id").primary_key())
                .col(integer("number"))
                .col(uuid_null("booked_by"))
                .col(timestamp_with_time_zone_null("booked_at"))
                .foreign_key(&mut fk("case_slots", "booked_by", "users"))
                .to_owned(),
        )
        .await?;
        m.create_index(unique(
            "case_slots",
            "number",
            &["tenant_id", "meeting_id", "number"],
        ))
        .await?;

        m.create_table(
            created_updated(
                &mut meeting_child("case_submissions")
                    .col(uuid("id").primary_key())
                    .col(uuid("slot_id"))
                    .col(uuid("submitted_by"))
                    .col(text("mode"))
                    .col(text("age_band"))
                    .col(json_binary("sectors"))
                    .col(text("concern"))
                    .col(text("tried"))
                    .col(text("question"))
                    .col(timestamp_with_time_zone_null("purged_at"))
                    .foreign_key(&mut fk("case_submissions", "slot_id", "case_slots"))
                    .foreign_key(&mut fk("case_submissions", "submitted_by", "users"))
                    .to_owned(),
            )
            .to_owned(),
        )
        .await?;
        m.create_index(unique(
            "case_submissions",
            "slot",
            &["tenant_id", "slot_id"],
        ))
        .await?;
        m.create_index(index(
            "case_submissions",
            "by_meeting",
            &["tenant_id", "meeting_id", "id"],
        ))
        .await?;

        m.create_table(
            Table::create()
                .table("consent_records")
                .col(uuid("id").primary_key())
                .col(uuid("tenant_id"))
                .col(uuid("case_id"))
                .col(text("decision"))
                .col(text("given_by"))
                .col(text("scope"))
                .col(json_binary("receiving_services"))
                .col(text("purpose"))
                .col(date_null("valid_until"))
                .col(text("form"))
                .col(text_null("recorded_by"))
                .col(timestamp_with_time_zone_null("recorded_at"))
                .col(timestamp_with_time_zone_null("withdrawn_at"))
                .col(uuid("created_by"))
                .col(timestamp_with_time_zone("created_at"))
                .foreign_key(&mut tenant_fk("consent_records"))
                .foreign_key(
                    fk("consent_records", "case_id", "case_submissions")
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .foreign_key(&mut fk("consent_records", "created_by", "users"))
                .to_owned(),
        )
        .await?;
        m.create_index(index(
            "consent_records",
            "by_case",
            &["tenant_id", "case_id", "id"],
        ))
        .await?;

        m.create_table(
            Table::create()
                .table("case_access_log")
                .col(uuid("id").primary_key())
                .col(uuid("tenant_id"))
                .col(uuid("case_id"))
                .col(uuid("meeting_id"))
                .col(uuid("user_id"))
                .col(text("action"))
                .col(timestamp_with_time_zone("at"))
                .foreign_key(&mut tenant_fk("case_access_log"))
                .foreign_key(&mut fk("case_access_log", "user_id", "users"))
                .to_owned(),
        )
        .await?;
        m.create_index(index(
            "case_access_log",
            "by_case",
            &["tenant_id", "case_id", "id"],
        ))
        .await?;

        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            "case_access_log",
            "consent_records",
            "case_submissions",
            "case_slots",
            "action_items",
            "meeting_minutes",
            "registration_sessions",
            "registrations",
            "breakout_groups",
            "registration_questions",
            "agenda_items",
            "meeting_invitees",
            "meeting_organisations",
            "meetings",
            "meeting_series",
            "mail_receipts",
            "calendar_feeds",
        ] {
            m.drop_table(Table::drop().table(Alias::new(table)).to_owned())
                .await?;
        }
        for column in ["case_retention_days", "guest_retention_months"] {
            m.alter_table(
                Table::alter()
                    .table("networks")
                    .drop_column(Alias::new(column))
                    .to_owned(),
            )
            .await?;
        }
        Ok(())
    }
}
