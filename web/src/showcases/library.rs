//! A network's public showcase (readable signed out) and the cross-network project library
//! (members). Both filter with a plain GET form, so they work without JavaScript, and page with
//! the filters kept in the link.

use askama::Template;
use domain::pagination::PageRequest;
use domain::showcases::library::{self, LibraryItem};
use domain::showcases::projects::{self, ProjectFilters, ProjectSummary};
use domain::showcases::{AgeGroup, ProjectSector, ProjectStatus};
use poem::handler;

use super::projects::{labels, period};
use crate::context::Ctx;
use crate::render::{PageResult, encode, page};

/// The filters as the form sent them, and parsed.
struct Filters {
    status: String,
    sector: String,
    age_group: String,
    municipality: String,
    parsed: ProjectFilters,
}

impl Filters {
    fn from_query(ctx: &Ctx) -> Self {
        let status = ctx.query.get("status").trim().to_owned();
        let sector = ctx.query.get("sector").trim().to_owned();
        let age_group = ctx.query.get("age_group").trim().to_owned();
        let municipality = ctx.query.get("municipality").trim().to_owned();
        // An unknown value filters nothing, as if it had not been chosen.
        let parsed = ProjectFilters {
            status: ProjectStatus::parse(&status),
            sector: ProjectSector::parse(&sector),
            age_group: AgeGroup::parse(&age_group),
            municipality: Some(municipality.clone()).filter(|m| !m.is_empty()),
        };
        Self {
            status,
            sector,
            age_group,
            municipality,
            parsed,
        }
    }

    /// The query string that keeps these filters (for the next page).
    fn query(&self) -> String {
        [
            ("status", &self.status),
            ("sector", &self.sector),
            ("age_group", &self.age_group),
            ("municipality", &self.municipality),
        ]
        .iter()
        .filter(|(_, v)| !v.is_empty())
        .map(|(k, v)| format!("{k}={}&", encode(v)))
        .collect()
    }

    fn is_empty(&self) -> bool {
        self.parsed == ProjectFilters::default()
    }
}

/// The choices of a filter select, "all" first.
fn options(ctx: &Ctx, kind: &str, values: Vec<&'static str>) -> Vec<(String, String)> {
    let mut out = vec![(String::new(), ctx.t("showcases-filter-all"))];
    out.extend(
        values
            .into_iter()
            .map(|v| (v.to_owned(), ctx.label(kind, v))),
    );
    out
}

/// One project card as the showcase and library show it.
pub(crate) struct Card {
    pub href: String,
    pub title: String,
    pub summary: String,
    pub organisation: String,
    pub status: String,
    pub sectors: String,
    pub age_groups: String,
    pub municipalities: String,
    pub period: String,
    /// The owning network (library only).
    pub network: Option<String>,
}

fn card(ctx: &Ctx, p: ProjectSummary, slug: &str, network: Option<String>) -> Card {
    Card {
        href: format!("/n/{slug}/projects/{}", p.id),
        status: ctx.label("project_status", p.status.as_str()),
        sectors: labels(ctx, "project_sector", &p.sectors, ProjectSector::as_str),
        age_groups: labels(ctx, "age_group", &p.age_groups, AgeGroup::as_str),
        municipalities: p.municipalities.join(", "),
        period: period(p.period_start, p.period_end),
        title: p.title,
        summary: p.summary,
        organisation: p.owner_organisation_name,
        network,
    }
}

#[derive(Template)]
#[template(path = "showcase.html")]
struct ListPage<'a> {
    ctx: &'a Ctx,
    heading: String,
    intro: String,
    action: String,
    cards: Vec<Card>,
    next: Option<String>,
    status: String,
    sector: String,
    age_group: String,
    municipality: String,
    filtered: bool,
    status_options: Vec<(String, String)>,
    sector_options: Vec<(String, String)>,
    age_group_options: Vec<(String, String)>,
}

fn list_page<'a>(
    ctx: &'a Ctx,
    which: &'static str,
    filters: Filters,
    cards: Vec<Card>,
    next_cursor: Option<String>,
) -> ListPage<'a> {
    let action = ctx.network_path(&format!("/{which}"));
    ListPage {
        ctx,
        heading: ctx.t(&format!("showcases-{which}-title")),
        intro: ctx.t(&format!("showcases-{which}-intro")),
        next: next_cursor.map(|c| format!("{action}?{}cursor={c}", filters.query())),
        action,
        cards,
        filtered: !filters.is_empty(),
        status: filters.status,
        sector: filters.sector,
        age_group: filters.age_group,
        municipality: filters.municipality,
        status_options: options(
            ctx,
            "project_status",
            ProjectStatus::ALL.iter().map(|s| s.as_str()).collect(),
        ),
        sector_options: options(
            ctx,
            "project_sector",
            ProjectSector::ALL.iter().map(|s| s.as_str()).collect(),
        ),
        age_group_options: options(
            ctx,
            "age_group",
            AgeGroup::ALL.iter().map(|a| a.as_str()).collect(),
        ),
    }
}

/// The network's public projects, for everyone.
#[handler]
pub(crate) async fn showcase_page(ctx: &Ctx) -> PageResult {
    let scope = ctx.scope()?;
    let filters = Filters::from_query(ctx);
    let found = projects::showcase(
        ctx.svc(),
        scope,
        &filters.parsed,
        PageRequest::parse(None, ctx.query.opt("cursor"))?,
    )
    .await?;
    let slug = scope.network().slug.clone();
    let cards = found
        .items
        .into_iter()
        .map(|p| card(ctx, p, &slug, None))
        .collect();
    page(&list_page(
        ctx,
        "showcase",
        filters,
        cards,
        found.next_cursor,
    ))
}

/// The shared and public projects of every network, for members.
#[handler]
pub(crate) async fn library_page(ctx: &Ctx) -> PageResult {
    let scope = ctx.scope()?;
    let filters = Filters::from_query(ctx);
    let found = library::list(
        ctx.svc(),
        scope,
        &filters.parsed,
        PageRequest::parse(None, ctx.query.opt("cursor"))?,
    )
    .await?;
    let cards = found
        .items
        .into_iter()
        .map(|item: LibraryItem| {
            let slug = item.network_slug.clone();
            card(ctx, item.project, &slug, Some(item.network_name))
        })
        .collect();
    page(&list_page(
        ctx,
        "library",
        filters,
        cards,
        found.next_cursor,
    ))
}
