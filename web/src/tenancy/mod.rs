//! Networks: the list of one's own, and each network's home page.

use askama::Template;
use domain::identity::MyNetwork;
use domain::pagination::PageRequest;
use domain::showcases::projects::{self, ProjectSummary};
use poem::handler;

use crate::context::Ctx;
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
}

/// Members see a dashboard; everyone else sees what the network shows them (its public
/// projects, plus shared ones for members of other networks).
#[handler]
pub(crate) async fn network_home(ctx: &Ctx) -> PageResult {
    let scope = ctx.scope()?;
    let limit = if ctx.is_member() { 5 } else { 10 };
    let list = projects::list(ctx.svc(), scope, PageRequest::first(limit)).await?;
    page(&HomePage {
        ctx,
        more_projects: list.next_cursor.is_some(),
        projects: list.items,
    })
}
