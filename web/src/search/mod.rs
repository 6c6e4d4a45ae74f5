//! Search within a network. One URL serves the whole page and, with `partial=1`, only the
//! results, which `static/search.js` swaps in as the person types; without JavaScript the form
//! submits to the same page.

use askama::Template;
use domain::search::{DocKind, SearchHit, SearchOutcome};
use poem::handler;
use poem::http::StatusCode;

use crate::context::Ctx;
use crate::forms::{FormErrors, form_failure};
use crate::render::{PageResult, encode, page_with};

/// One result as the page shows it.
struct Hit {
    href: String,
    title: String,
    kind: String,
    /// The snippet's HTML: its text is escaped by `Snippet::to_html`, only `<mark>` is added.
    snippet_html: String,
}

#[derive(Template)]
#[template(path = "search.html")]
struct SearchPage<'a> {
    ctx: &'a Ctx,
    q: String,
    results: Results,
    errors: FormErrors,
}

#[derive(Template)]
#[template(path = "search_results.html")]
struct ResultsFragment<'a> {
    ctx: &'a Ctx,
    q: String,
    results: Results,
    errors: FormErrors,
}

#[derive(Default)]
struct Results {
    total: usize,
    hits: Vec<Hit>,
    next: Option<String>,
}

fn results(ctx: &Ctx, q: &str, outcome: SearchOutcome) -> Results {
    let hits = outcome
        .hits
        .into_iter()
        .map(|hit: SearchHit| {
            // Ids are `<kind>:<uuid>`.
            let id = hit.id.split_once(':').map(|(_, id)| id).unwrap_or_default();
            let page = match hit.kind {
                DocKind::Project => "projects",
                DocKind::Meeting => "meetings",
            };
            Hit {
                href: ctx.network_path(&format!("/{page}/{id}")),
                title: hit.title,
                kind: ctx.label("kind", hit.kind.as_str()),
                snippet_html: hit.snippet.to_html(),
            }
        })
        .collect();
    Results {
        total: outcome.total,
        hits,
        next: outcome
            .next_cursor
            .map(|cursor| ctx.network_path(&format!("/search?q={}&cursor={cursor}", encode(q)))),
    }
}

#[handler]
pub(crate) async fn search(ctx: &Ctx) -> PageResult {
    let scope = ctx.scope()?;
    let q = ctx.query.get("q").to_owned();
    let (status, found, errors) =
        match domain::search::search(ctx.svc(), scope, &q, None, ctx.query.opt("cursor")).await {
            Ok(outcome) => (
                StatusCode::OK,
                results(ctx, &q, outcome),
                FormErrors::none(),
            ),
            Err(err) => {
                let (status, errors) = form_failure(ctx, err, &["q"])?;
                (status, Results::default(), errors)
            }
        };
    if ctx.query.get("partial") == "1" {
        return page_with(
            status,
            &ResultsFragment {
                ctx,
                q,
                results: found,
                errors,
            },
        );
    }
    page_with(
        status,
        &SearchPage {
            ctx,
            q,
            results: found,
            errors,
        },
    )
}
