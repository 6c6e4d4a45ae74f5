//! The moderators' page: open flags and the moderation log (coordinators).

use askama::Template;
use domain::forum::moderation::{self, Flag, LogEntry};
use domain::pagination::PageRequest;
use poem::handler;
use poem::http::StatusCode;

use crate::context::Ctx;
use crate::render::{PageResult, page_with};

#[derive(Template)]
#[template(path = "forum/moderation.html")]
struct ModerationPage<'a> {
    ctx: &'a Ctx,
    flags: Vec<Flag>,
    more_flags: Option<String>,
    log: Vec<LogEntry>,
    more_log: Option<String>,
}

impl ModerationPage<'_> {
    fn post_href(&self, flag: &Flag) -> String {
        self.ctx.network_path(&format!(
            "/threads/{}#post-{}",
            flag.thread_id, flag.post_id
        ))
    }

    fn entry_href(&self, entry: &LogEntry) -> String {
        match (entry.thread_id, entry.post_id) {
            (Some(t), Some(p)) => self.ctx.network_path(&format!("/threads/{t}#post-{p}")),
            (Some(t), None) => self.ctx.network_path(&format!("/threads/{t}")),
            _ => String::new(),
        }
    }
}

#[handler]
pub(crate) async fn page(ctx: &Ctx) -> PageResult {
    let scope = ctx.scope()?;
    let svc = ctx.svc();
    let flags = moderation::open_flags(
        svc,
        scope,
        PageRequest::parse(Some(50), ctx.query.opt("flags"))?,
    )
    .await?;
    let log = moderation::log_entries(
        svc,
        scope,
        PageRequest::parse(Some(50), ctx.query.opt("log"))?,
    )
    .await?;
    page_with(
        StatusCode::OK,
        &ModerationPage {
            ctx,
            more_flags: flags
                .next_cursor
                .map(|c| ctx.network_path(&format!("/moderation?flags={c}#flags"))),
            flags: flags.items,
            more_log: log
                .next_cursor
                .map(|c| ctx.network_path(&format!("/moderation?log={c}#log"))),
            log: log.items,
        },
    )
}
