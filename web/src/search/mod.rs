//! Search within a network (and the cross-network project library). One URL serves the whole
//! page and, with `partial=1`, only the results with their facets, which `static/search.js`
//! swaps in as the person types or ticks a facet; without JavaScript the form submits to the
//! same page. Coordinators keep the network's synonyms on their own page ([`synonyms`]).

mod synonyms;

use askama::Template;
use domain::search::{
    DocKind, FacetCount, FacetField, FacetValue, Found, SearchOutcome, SearchSort,
};
use domain::showcases::ProjectStatus;
use poem::handler;
use poem::http::StatusCode;

use crate::context::Ctx;
use crate::forms::{FormErrors, form_failure};
use crate::render::{PageResult, encode, page_with};

pub(crate) fn register(b: &mut crate::Builder) {
    b.page("/n/:slug/search", search);
    b.page("/n/:slug/search/synonyms", synonyms::list);
    b.form("/n/:slug/search/synonyms", synonyms::create);
    b.form("/n/:slug/search/synonyms/:id/delete", synonyms::delete);
}

/// The facet fields in the order the page shows them; each is also its query parameter.
const FACET_FIELDS: [FacetField; 6] = [
    FacetField::Kind,
    FacetField::Status,
    FacetField::Sector,
    FacetField::Organisation,
    FacetField::Tag,
    FacetField::Year,
];

/// One result as the page shows it.
struct Hit {
    href: String,
    title: String,
    kind: String,
    /// The hit's network, when it is not this one (the library).
    network_name: Option<String>,
    /// The snippet's HTML: its text is escaped by `Snippet::to_html`, only `<mark>` is added.
    snippet_html: String,
    date: String,
    machine_date: String,
}

/// One value of a facet with its count.
struct FacetOption {
    id: String,
    value: String,
    label: String,
    count: usize,
    checked: bool,
}

/// One facet field: a `<fieldset>` of radio buttons, "any" first.
struct FacetGroup {
    name: &'static str,
    legend: String,
    any_checked: bool,
    options: Vec<FacetOption>,
}

/// What the person asked for, as the form shows it again.
#[derive(Default)]
struct Asked {
    q: String,
    sort: String,
    library: bool,
}

#[derive(Template)]
#[template(path = "search.html")]
struct SearchPage<'a> {
    ctx: &'a Ctx,
    asked: Asked,
    sort_choices: Vec<(String, String)>,
    results: Results,
    errors: FormErrors,
    can_manage_synonyms: bool,
}

#[derive(Template)]
#[template(path = "search_results.html")]
struct ResultsFragment<'a> {
    ctx: &'a Ctx,
    asked: Asked,
    results: Results,
    errors: FormErrors,
}

#[derive(Default)]
struct Results {
    total: usize,
    hits: Vec<Hit>,
    facets: Vec<FacetGroup>,
    next: Option<String>,
}

/// The text of a facet value: domain values through their labels, the rest as they are.
fn facet_label(ctx: &Ctx, field: FacetField, value: &str) -> String {
    let key = match field {
        FacetField::Kind => format!("kind-{value}"),
        FacetField::Status => format!("project_status-{value}"),
        FacetField::Sector => format!("sector-{value}"),
        FacetField::Organisation | FacetField::Tag | FacetField::Year => return value.to_owned(),
    };
    if crate::i18n::has(ctx.lang, &key) {
        ctx.t(&key)
    } else {
        value.to_owned()
    }
}

fn facet_legend(ctx: &Ctx, field: FacetField) -> String {
    ctx.t(&format!("search-facet-{}", field.as_str()))
}

/// The facet groups: every counted value, plus a chosen one that has no count (so it can be
/// unticked).
fn facet_groups(ctx: &Ctx, counts: &[FacetCount], chosen: &[FacetValue]) -> Vec<FacetGroup> {
    FACET_FIELDS
        .iter()
        .filter_map(|&field| {
            let picked = chosen.iter().find(|c| c.field == field);
            let mut options: Vec<FacetOption> = counts
                .iter()
                .filter(|c| c.field == field)
                .map(|c| (c.value.clone(), c.count))
                .collect::<Vec<_>>()
                .into_iter()
                .map(|(value, count)| FacetOption {
                    id: String::new(),
                    checked: picked.is_some_and(|p| p.value == value),
                    label: facet_label(ctx, field, &value),
                    value,
                    count,
                })
                .collect();
            if let Some(p) = picked
                && !options.iter().any(|o| o.checked)
            {
                options.push(FacetOption {
                    id: String::new(),
                    label: facet_label(ctx, field, &p.value),
                    value: p.value.clone(),
                    count: 0,
                    checked: true,
                });
            }
            if options.is_empty() {
                return None;
            }
            for (n, option) in options.iter_mut().enumerate() {
                option.id = format!("facet-{}-{n}", field.as_str());
            }
            Some(FacetGroup {
                name: field.as_str(),
                legend: facet_legend(ctx, field),
                any_checked: picked.is_none(),
                options,
            })
        })
        .collect()
}

/// Reads the facet, sort and library parameters; a value that cannot be one is a message on
/// its field.
fn read_query(ctx: &Ctx) -> (domain::search::SearchQuery, Asked, FormErrors) {
    let mut problems: Vec<String> = Vec::new();
    let mut facets = Vec::new();
    for field in FACET_FIELDS {
        let Some(value) = ctx.query.opt(field.as_str()) else {
            continue;
        };
        let valid = match field {
            FacetField::Kind => DocKind::parse(value).is_some(),
            FacetField::Status => ProjectStatus::parse(value).is_some(),
            FacetField::Year => value.parse::<i32>().is_ok(),
            FacetField::Organisation | FacetField::Sector | FacetField::Tag => {
                value.chars().count() <= 200
            }
        };
        if valid {
            facets.push(FacetValue {
                field,
                value: value.to_owned(),
            });
        } else {
            problems.push(format!(
                "{}: {}",
                facet_legend(ctx, field),
                ctx.t("error-invalid")
            ));
        }
    }
    let sort = match ctx.query.opt("sort") {
        None => None,
        Some(value) => match SearchSort::parse(value) {
            Some(sort) => Some(sort),
            None => {
                problems.push(format!(
                    "{}: {}",
                    ctx.t("search-sort"),
                    ctx.t("error-invalid")
                ));
                None
            }
        },
    };
    let errors = if problems.is_empty() {
        FormErrors::none()
    } else {
        FormErrors::general(problems.join(" "))
    };
    let library = matches!(ctx.query.get("library"), "1" | "true" | "on");
    let q = ctx.query.get("q").to_owned();
    let asked = Asked {
        q: q.clone(),
        sort: sort.unwrap_or(SearchSort::Relevance).as_str().to_owned(),
        library,
    };
    let query = domain::search::SearchQuery {
        cursor: ctx.query.opt("cursor").map(str::to_owned),
        facets,
        sort,
        library,
        ..domain::search::SearchQuery::text(q)
    };
    (query, asked, errors)
}

/// This search's URL with another cursor.
fn next_link(ctx: &Ctx, query: &domain::search::SearchQuery, cursor: &str) -> String {
    let mut params = vec![format!("q={}", encode(&query.text))];
    for facet in &query.facets {
        params.push(format!("{}={}", facet.field.as_str(), encode(&facet.value)));
    }
    if let Some(sort) = query.sort {
        params.push(format!("sort={}", sort.as_str()));
    }
    if query.library {
        params.push("library=1".into());
    }
    params.push(format!("cursor={}", encode(cursor)));
    ctx.network_path(&format!("/search?{}", params.join("&")))
}

fn results(ctx: &Ctx, query: &domain::search::SearchQuery, outcome: SearchOutcome) -> Results {
    let own = ctx.network().map(|n| n.slug.clone()).unwrap_or_default();
    let hits = outcome
        .hits
        .into_iter()
        .map(|hit: Found| Hit {
            href: format!("/n/{}/{}", hit.network_slug, hit.path),
            network_name: (hit.network_slug != own).then_some(hit.network_name),
            title: hit.title,
            kind: ctx.label("kind", hit.kind.as_str()),
            snippet_html: hit.snippet.to_html(),
            date: ctx.datetime(&hit.updated_at),
            machine_date: ctx.machine_datetime(&hit.updated_at),
        })
        .collect();
    Results {
        total: outcome.total,
        hits,
        facets: facet_groups(ctx, &outcome.facets, &query.facets),
        next: outcome
            .next_cursor
            .map(|cursor| next_link(ctx, query, &cursor)),
    }
}

#[handler]
pub(crate) async fn search(ctx: &Ctx) -> PageResult {
    let scope = ctx.scope()?;
    let (query, asked, read_errors) = read_query(ctx);
    let (status, found, errors) = if !read_errors.is_empty() {
        (
            StatusCode::UNPROCESSABLE_ENTITY,
            Results::default(),
            read_errors,
        )
    } else {
        match domain::search::search(ctx.svc(), scope, &query).await {
            Ok(outcome) => (
                StatusCode::OK,
                results(ctx, &query, outcome),
                FormErrors::none(),
            ),
            Err(err) => {
                let (status, errors) = form_failure(ctx, err, &["q"])?;
                (status, Results::default(), errors)
            }
        }
    };
    if ctx.query.get("partial") == "1" {
        return page_with(
            status,
            &ResultsFragment {
                ctx,
                asked,
                results: found,
                errors,
            },
        );
    }
    page_with(
        status,
        &SearchPage {
            ctx,
            asked,
            sort_choices: [SearchSort::Relevance, SearchSort::Newest]
                .iter()
                .map(|s| {
                    (
                        s.as_str().to_owned(),
                        ctx.t(&format!("search-sort-{}", s.as_str())),
                    )
                })
                .collect(),
            results: found,
            errors,
            can_manage_synonyms: synonyms::may_manage(scope),
        },
    )
}
