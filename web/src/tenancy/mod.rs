//! Networks: the list of one's own, and each network's home page.

use askama::Template;
use domain::identity::MyNetwork;
use domain::meetings::{self, Period};
use domain::pagination::PageRequest;
use domain::showcases::projects::{self, ProjectSummary};
use poem::handler;

use crate::context::Ctx;
use crate::meetings::SummaryView;
use crate::render::{PageResult, page};

#[derive(Template)]
#[template(path = "networks.html")]
struct NetworksPage<'a> {
    ctx: &'a Ctx,
    networks: Vec<MyNetwork>,
}

#[handler]
pub(crate) async fn my_networks(ctx: &Ctx) -> PageResult {
    let user = ctx.user.as_ref().ok_or(domain::Error::Unauthenticated)?;
    let networks = domain::identity::my_networks(ctx.svc(), user).await?;
    page(&NetworksPage { ctx, networks })
}

#[derive(Template)]
#[template(path = "network_home.html")]
struct HomePage<'a> {
    ctx: &'a Ctx,
    projects: Vec<ProjectSummary>,
    more_projects: bool,
    /// The next meetings the viewer may see.
    cards: Vec<SummaryView>,
    more_meetings: bool,
}

/// Members see a dashboard; everyone else sees what the network shows them (its public
/// projects, plus shared ones for members of other networks).
#[handler]
pub(crate) async fn network_home(ctx: &Ctx) -> PageResult {
    let scope = ctx.scope()?;
    let limit = if ctx.is_member() { 5 } else { 10 };
    let list = projects::list(ctx.svc(), scope, PageRequest::first(limit)).await?;
    let upcoming =
        meetings::list(ctx.svc(), scope, Period::Upcoming, PageRequest::first(3)).await?;
    let tz = scope.network().time_zone;
    page(&HomePage {
        ctx,
        more_projects: list.next_cursor.is_some(),
        projects: list.items,
        more_meetings: upcoming.next_cursor.is_some(),
        cards: upcoming
            .items
            .iter()
            .map(|m| SummaryView::new(ctx, tz, m))
            .collect(),
    })
}
