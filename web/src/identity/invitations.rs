//! Accepting an invitation from its e-mail link. Someone new chooses a display name and a
//! password; someone with an account confirms with their password. Either way they are signed
//! in afterwards and land on the network's page.

use askama::Template;
use domain::people::invitations::{self, Acceptance, InvitationOffer};
use poem::handler;

use crate::context::Ctx;
use crate::forms::{FormErrors, form_failure};
use crate::render::{PageResult, page, page_with, see_other};
use crate::{csrf, session};

#[derive(Template)]
#[template(path = "invitation.html")]
struct InvitationPage<'a> {
    ctx: &'a Ctx,
    offer: InvitationOffer,
    display_name: String,
    errors: FormErrors,
}

#[handler]
pub(crate) async fn form(ctx: &Ctx) -> PageResult {
    let offer = invitations::offer(ctx.svc(), ctx.param("token")).await?;
    page(&InvitationPage {
        ctx,
        offer,
        display_name: String::new(),
        errors: FormErrors::none(),
    })
}

#[handler]
pub(crate) async fn accept(ctx: &Ctx) -> PageResult {
    let token = ctx.param("token");
    let offer = invitations::offer(ctx.svc(), token).await?;
    let display_name = ctx.form.get("display_name").to_owned();
    let answer = Acceptance {
        display_name: display_name.clone(),
        password: ctx.form.get("password").to_owned(),
    };
    match invitations::accept(ctx.svc(), token, answer).await {
        Ok(signed_in) => {
            // Whoever was signed in in this browser before is signed out: the invitation is
            // someone's own.
            if let Some(previous) = &ctx.user {
                domain::identity::sign_out(ctx.svc(), previous).await?;
            }
            let mut response = see_other(&format!("/n/{}", offer.network.slug));
            session::set_session(
                &mut response,
                ctx.config(),
                &signed_in.secret,
                session::max_age(ctx.svc().config.session_ttl),
            );
            let token = csrf::for_session(&signed_in.secret);
            session::set_csrf(&mut response, ctx.config(), &token);
            Ok(response)
        }
        Err(err) => {
            let (status, errors) = form_failure(ctx, err, &["display_name", "password"])?;
            page_with(
                status,
                &InvitationPage {
                    ctx,
                    offer,
                    display_name,
                    errors,
                },
            )
        }
    }
}
