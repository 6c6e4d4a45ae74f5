//! Projects in full: the showcase fields, partner organisations, updates, and the facet rows the
//! showcase and library filters use.
//!
//! Sectors, age groups and municipalities are kept twice: as JSON arrays on the project (read
//! with it, no join) and as one `project_facets` row per value (filtered through an index; a JSON
//! containment test is neither portable between SQLite and PostgreSQL nor indexable on both).

use sea_orm_migration::{prelude::*, schema::*};

use crate::table_builders::{created_updated, fk, index, tenant_fk};

#[derive(DeriveMigrationName)]
pub struct Migration;

/// The columns added to `projects`, in order. Every one has a default or is nullable, so the
/// rows that exist keep working.
fn new_columns() -> Vec<ColumnDef> {
    vec![
        date_null("period_start").to_owned(),
        date_null("period_end").to_owned(),
        text("target_group").default("").to_owned(),
        json_binary("age_groups").default("[]").to_owned(),
        json_binary("sectors").default("[]").to_owned(),
        json_binary("municipalities").default("[]").to_owned(),
        text("funding_source").default("").to_owned(),
        big_integer_null("funding_amount").to_owned(),
        text("funding_currency").default("").to_owned(),
        text("contact_name").default("").to_owned(),
        text("contact_email").default("").to_owned(),
        text("results").default("").to_owned(),
        json_binary("links").default("[]").to_owned(),
        // No foreign key: the files table belongs to the material area.
        uuid_null("cover_file_id").to_owned(),
        // A copy of `project_partners` for this project, so that `can_edit` decides from the
        // row alone; both are written in one transaction.
        json_binary("partner_organisation_ids")
            .default("[]")
            .to_owned(),
    ]
}

const COLUMN_NAMES: &[&str] = &[
    "period_start",
    "period_end",
    "target_group",
    "age_groups",
    "sectors",
    "municipalities",
    "funding_source",
    "funding_amount",
    "funding_currency",
    "contact_name",
    "contact_email",
    "results",
    "links",
    "cover_file_id",
    "partner_organisation_ids",
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        // SQLite adds one column per statement.
        for mut column in new_columns() {
            m.alter_table(
                Table::alter()
                    .table("projects")
                    .add_column(&mut column)
                    .to_owned(),
            )
            .await?;
        }
        // The public showcase filtered by status, and the cross-network library (the one list
        // that does not start with a tenant: shared and public projects of every network).
        m.create_index(index(
            "projects",
            "showcase_status",
            &["tenant_id", "visibility", "status", "id"],
        ))
        .await?;
        m.create_index(index("projects", "library", &["visibility", "id"]))
            .await?;
        m.create_index(index(
            "projects",
            "library_status",
            &["visibility", "status", "id"],
        ))
        .await?;

        m.create_table(
            Table::create()
                .table("project_partners")
                .col(uuid("tenant_id"))
                .col(uuid("project_id"))
                .col(uuid("organisation_id"))
                .primary_key(
                    Index::create()
                        .col("tenant_id")
                        .col("project_id")
                        .col("organisation_id"),
                )
                .foreign_key(&mut tenant_fk("project_partners"))
                .foreign_key(&mut fk("project_partners", "project_id", "projects"))
                .foreign_key(&mut fk(
                    "project_partners",
                    "organisation_id",
                    "organisations",
                ))
                .to_owned(),
        )
        .await?;
        m.create_index(index(
            "project_partners",
            "by_organisation",
            &["tenant_id", "organisation_id", "project_id"],
        ))
        .await?;

        m.create_table(
            Table::create()
                .table("project_facets")
                .col(uuid("tenant_id"))
                .col(uuid("project_id"))
                .col(text("kind"))
                .col(text("value"))
                .primary_key(
                    Index::create()
                        .col("tenant_id")
                        .col("project_id")
                        .col("kind")
                        .col("value"),
                )
                .foreign_key(&mut tenant_fk("project_facets"))
                .foreign_key(&mut fk("project_facets", "project_id", "projects"))
                .to_owned(),
        )
        .await?;
        m.create_index(index(
            "project_facets",
            "by_value",
            &["tenant_id", "kind", "value", "project_id"],
        ))
        .await?;
        // The library filters across networks.
        m.create_index(index(
            "project_facets",
            "library",
            &["kind", "value", "project_id"],
        ))
        .await?;

        m.create_table(
            created_updated(
                Table::create()
                    .table("project_updates")
                    .col(uuid("id").primary_key())
                    .col(uuid("tenant_id"))
                    .col(uuid("project_id"))
                    // The organisation it was posted for (none for a coordinator without one).
                    .col(uuid_null("organisation_id"))
                    // None when an API token posted it.
                    .col(uuid_null("author_id"))
                    .col(text("author_label"))
                    .col(text("title"))
                    .col(text("body"))
                    .foreign_key(&mut tenant_fk("project_updates"))
                    .foreign_key(&mut fk("project_updates", "project_id", "projects"))
                    .foreign_key(&mut fk(
                        "project_updates",
                        "organisation_id",
                        "organisations",
                    ))
                    .foreign_key(&mut fk("project_updates", "author_id", "users")),
            )
            .to_owned(),
        )
        .await?;
        m.create_index(index(
            "project_updates",
            "list",
            &["tenant_id", "project_id", "id"],
        ))
        .await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for table in ["project_updates", "project_facets", "project_partners"] {
            m.drop_table(Table::drop().table(Alias::new(table)).to_owned())
                .await?;
        }
        for name in ["showcase_status", "library", "library_status"] {
            m.drop_index(
                Index::drop()
                    .name(format!("ix_projects_{name}"))
                    .table(Alias::new("projects"))
                    .to_owned(),
            )
            .await?;
        }
        for column in COLUMN_NAMES {
            m.alter_table(
                Table::alter()
                    .table("projects")
                    .drop_column(Alias::new(*column))
                    .to_owned(),
            )
            .await?;
        }
        Ok(())
    }
}
