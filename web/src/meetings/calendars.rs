//! Calendar files: one meeting's `.ics`, the network's public feed, and each person's secret
//! feed (read by calendar programs, which send no cookie: the URL is the credential).

use domain::ids::MeetingId;
use domain::meetings::feeds;
use poem::Response;
use poem::handler;
use poem::http::header::{CONTENT_DISPOSITION, CONTENT_TYPE};

use crate::context::Ctx;
use crate::errors::WebError;

fn calendar(body: String, file_name: Option<&str>) -> Response {
    let mut response = Response::builder().header(CONTENT_TYPE, "text/calendar; charset=utf-8");
    if let Some(name) = file_name {
        response = response.header(
            CONTENT_DISPOSITION,
            format!("attachment; filename=\"{name}\""),
        );
    }
    response.body(body)
}

/// One meeting, for whoever may see it.
#[handler]
pub(crate) async fn meeting(ctx: &Ctx) -> Result<Response, WebError> {
    let id: MeetingId = ctx.id("id")?;
    let ics = feeds::meeting_ics(ctx.svc(), ctx.scope()?, id).await?;
    Ok(calendar(ics, Some(&format!("meeting-{id}.ics"))))
}

/// The network's public meetings, the same for everyone.
#[handler]
pub(crate) async fn network(ctx: &Ctx) -> Result<Response, WebError> {
    let ics = feeds::network_feed(ctx.svc(), ctx.scope()?).await?;
    Ok(calendar(ics, None))
}

/// A person's own feed. An unknown or replaced address names nothing: 404.
#[handler]
pub(crate) async fn personal(ctx: &Ctx) -> Result<Response, WebError> {
    match feeds::user_feed(ctx.svc(), ctx.param("token")).await {
        Ok(ics) => Ok(calendar(ics, None)),
        Err(domain::Error::InvalidToken) => Err(domain::Error::NotFound.into()),
        Err(err) => Err(err.into()),
    }
}
