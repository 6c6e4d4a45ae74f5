//! Who someone is: signing in and out, accepting an invitation, choosing the language.

pub(crate) mod invitations;
pub(crate) mod language;
pub(crate) mod signin;

use poem::handler;

use crate::context::Ctx;
use crate::render::{PageResult, see_other};

/// The site root: signed-in people go to their networks, others to the sign-in page.
#[handler]
pub(crate) async fn home(ctx: &Ctx) -> PageResult {
    Ok(see_other(if ctx.signed_in() {
        "/networks"
    } else {
        "/signin"
    }))
}
