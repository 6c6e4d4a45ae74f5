//! Signing in with e-mail and password, and signing out.

use askama::Template;
use poem::handler;
use poem::http::StatusCode;

use crate::context::Ctx;
use crate::forms::{FormErrors, field_message};
use crate::render::{PageResult, local_path, page, page_with, see_other};
use crate::{csrf, session};

#[derive(Template)]
#[template(path = "signin.html")]
struct SignInPage<'a> {
    ctx: &'a Ctx,
    email: String,
    /// Where to go afterwards (a local path, or "").
    next: String,
    errors: FormErrors,
}

/// Where a successful sign-in leads.
fn destination(next: &str) -> &str {
    local_path(next).unwrap_or("/networks")
}

#[handler]
pub(crate) async fn form(ctx: &Ctx) -> PageResult {
    let next = local_path(ctx.query.get("next")).unwrap_or_default();
    if ctx.signed_in() {
        return Ok(see_other(destination(next)));
    }
    page(&SignInPage {
        ctx,
        email: String::new(),
        next: next.to_owned(),
        errors: FormErrors::none(),
    })
}

#[handler]
pub(crate) async fn submit(ctx: &Ctx) -> PageResult {
    let email = ctx.form.get("email").trim().to_owned();
    let password = ctx.form.get("password");
    let next = local_path(ctx.form.get("next"))
        .unwrap_or_default()
        .to_owned();
    let mut errors = FormErrors::none();
    if email.is_empty() {
        errors.add_field("email", field_message(ctx, "email", "required"));
    }
    if password.is_empty() {
        errors.add_field("password", field_message(ctx, "password", "required"));
    }
    let (status, errors) = if !errors.is_empty() {
        (StatusCode::UNPROCESSABLE_ENTITY, errors)
    } else {
        let signing_in = domain::identity::sign_in_replacing(
            ctx.svc(),
            &email,
            password,
            &ctx.client_ip,
            ctx.user.as_ref(),
        );
        match signing_in.await {
            Ok(signed_in) => {
                let mut response = see_other(destination(&next));
                session::set_session(
                    &mut response,
                    ctx.config(),
                    &signed_in.secret,
                    session::max_age(ctx.svc().config.session_ttl),
                );
                // The new session's token: one planted in this browser before stops working.
                let token = csrf::for_session(&signed_in.secret);
                session::set_csrf(&mut response, ctx.config(), &token);
                return Ok(response);
            }
            Err(domain::Error::WrongCredentials) => (
                StatusCode::UNAUTHORIZED,
                FormErrors::general(ctx.t("signin-wrong")),
            ),
            Err(domain::Error::RateLimited) => (
                StatusCode::TOO_MANY_REQUESTS,
                FormErrors::general(ctx.t("signin-rate-limited")),
            ),
            Err(err) => return Err(err.into()),
        }
    };
    page_with(
        status,
        &SignInPage {
            ctx,
            email,
            next,
            errors,
        },
    )
}

#[handler]
pub(crate) async fn sign_out(ctx: &Ctx) -> PageResult {
    if let Some(user) = &ctx.user {
        domain::identity::sign_out(ctx.svc(), user).await?;
    }
    let mut response = see_other("/signin");
    session::clear_session(&mut response, ctx.config());
    Ok(response)
}
