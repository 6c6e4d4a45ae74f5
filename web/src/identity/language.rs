//! Switching the interface language: kept in a cookie for everyone, and saved for signed-in
//! people so that it follows them to other browsers.

use poem::handler;

use crate::context::Ctx;
use crate::errors::WebError;
use crate::i18n::Lang;
use crate::render::{PageResult, local_path, see_other};
use crate::session;

#[handler]
pub(crate) async fn switch(ctx: &Ctx) -> PageResult {
    let lang = Lang::parse(ctx.form.get("lang")).ok_or(WebError::BadRequest)?;
    if let Some(user) = &ctx.user {
        domain::identity::set_preferred_language(ctx.svc(), user, lang.language()).await?;
    }
    let mut response = see_other(local_path(ctx.form.get("next")).unwrap_or("/"));
    session::set_language(&mut response, ctx.config(), lang.code());
    Ok(response)
}
