//! Notifications: the list (opening one marks it read), marking all read, the mail setting,
//! the follow and unfollow forms behind `notifications/follow_button.html`, and the one-click
//! unsubscribe page of the mails, which needs no sign-in.
//!
//! The unsubscribe POST is RFC 8058's one-click: mail clients post `List-Unsubscribe=One-Click`
//! to the link without a session or a CSRF token, so that route skips the CSRF check; the
//! token in the path is the proof, and all it can do is turn mail off.

use askama::Template;
use domain::ids::NotificationId;
use domain::notifications::{self, MailMode, Notification, Subject, UnsubscribeOutcome};
use domain::pagination::PageRequest;
use poem::handler;
use poem::http::StatusCode;

use crate::context::Ctx;
use crate::forms::{FormErrors, form_failure};
use crate::render::{PageResult, local_path, page, page_with, see_other};

pub(crate) fn register(b: &mut crate::Builder) {
    b.page("/n/:slug/notifications", list);
    b.form("/n/:slug/notifications/settings", save_settings);
    b.form("/n/:slug/notifications/read-all", read_all);
    b.page("/n/:slug/notifications/:id", open);
    b.form("/n/:slug/notifications/:id/read", read_one);
    b.form("/n/:slug/follow", follow);
    b.form("/n/:slug/unfollow", unfollow);
    b.page("/unsubscribe/:token", unsubscribe_form);
    b.one_click("/unsubscribe/:token", unsubscribe);
}

/// One row of the list, with what the template needs already worked out.
struct Row {
    item: Notification,
    href: String,
}

#[derive(Template)]
#[template(path = "notifications/list.html")]
struct ListPage<'a> {
    ctx: &'a Ctx,
    rows: Vec<Row>,
    next: Option<String>,
    unread: u64,
    mail_mode: String,
    modes: Vec<(String, String)>,
    errors: FormErrors,
    notice: Option<String>,
}

async fn render_list(
    ctx: &Ctx,
    status: StatusCode,
    mail_mode: Option<String>,
    errors: FormErrors,
) -> PageResult {
    let scope = ctx.scope()?;
    let svc = ctx.svc();
    let found = notifications::list(
        svc,
        scope,
        PageRequest::parse(Some(50), ctx.query.opt("cursor"))?,
    )
    .await?;
    let unread = notifications::unread_count(svc, scope).await?;
    let mail_mode = match mail_mode {
        Some(mode) => mode,
        None => notifications::settings(svc, scope)
            .await?
            .mail_mode
            .as_str()
            .to_owned(),
    };
    let notice = match ctx.query.get("notice") {
        "saved" => Some(ctx.t("notifications-notice-saved")),
        "read" => Some(ctx.t("notifications-notice-read")),
        _ => None,
    };
    let rows = found
        .items
        .into_iter()
        .map(|item| Row {
            href: ctx.network_path(&format!("/notifications/{}", item.id)),
            item,
        })
        .collect();
    page_with(
        status,
        &ListPage {
            ctx,
            rows,
            next: found
                .next_cursor
                .map(|c| ctx.network_path(&format!("/notifications?cursor={c}"))),
            unread,
            mail_mode,
            modes: MailMode::ALL
                .iter()
                .map(|m| {
                    (
                        m.as_str().to_owned(),
                        ctx.t(&format!("notifications-mail-mode-{m}")),
                    )
                })
                .collect(),
            errors,
            notice,
        },
    )
}

#[handler]
pub(crate) async fn list(ctx: &Ctx) -> PageResult {
    render_list(ctx, StatusCode::OK, None, FormErrors::none()).await
}

/// Opens a notification: marks it read and goes where it points.
#[handler]
pub(crate) async fn open(ctx: &Ctx) -> PageResult {
    let scope = ctx.scope()?;
    let id: NotificationId = ctx.id("id")?;
    let item = notifications::open(ctx.svc(), scope, id).await?;
    Ok(see_other(&ctx.network_path(&format!("/{}", item.path))))
}

#[handler]
pub(crate) async fn read_one(ctx: &Ctx) -> PageResult {
    let scope = ctx.scope()?;
    let id: NotificationId = ctx.id("id")?;
    notifications::mark_read(ctx.svc(), scope, id).await?;
    Ok(see_other(&ctx.network_path("/notifications?notice=read")))
}

#[handler]
pub(crate) async fn read_all(ctx: &Ctx) -> PageResult {
    let scope = ctx.scope()?;
    notifications::mark_all_read(ctx.svc(), scope).await?;
    Ok(see_other(&ctx.network_path("/notifications?notice=read")))
}

#[handler]
pub(crate) async fn save_settings(ctx: &Ctx) -> PageResult {
    let scope = ctx.scope()?;
    let chosen = ctx.form.get("mail_mode");
    let result = match MailMode::parse(chosen) {
        Some(mode) => notifications::set_mail_mode(ctx.svc(), scope, mode)
            .await
            .map(|_| ()),
        None => Err(domain::Error::invalid("mail_mode", "invalid")),
    };
    match result {
        Ok(()) => Ok(see_other(&ctx.network_path("/notifications?notice=saved"))),
        Err(err) => {
            let (status, errors) = form_failure(ctx, err, &["mail_mode"])?;
            render_list(ctx, status, Some(chosen.to_owned()), errors).await
        }
    }
}

/// Where a follow form goes back to: the page it was on, if that is on this site.
fn return_to(ctx: &Ctx) -> String {
    local_path(ctx.form.get("return_to"))
        .map(str::to_owned)
        .unwrap_or_else(|| ctx.network_path(""))
}

#[handler]
pub(crate) async fn follow(ctx: &Ctx) -> PageResult {
    let scope = ctx.scope()?;
    let subject = Subject::parse(ctx.form.get("kind"), ctx.form.get("id"))?;
    notifications::follow(ctx.svc(), scope, subject).await?;
    Ok(see_other(&return_to(ctx)))
}

#[handler]
pub(crate) async fn unfollow(ctx: &Ctx) -> PageResult {
    let scope = ctx.scope()?;
    let subject = Subject::parse(ctx.form.get("kind"), ctx.form.get("id"))?;
    notifications::unfollow(ctx.svc(), scope, subject).await?;
    Ok(see_other(&return_to(ctx)))
}

#[derive(Template)]
#[template(path = "notifications/unsubscribe.html")]
struct UnsubscribePage<'a> {
    ctx: &'a Ctx,
    token: String,
    outcome: UnsubscribeOutcome,
    done: bool,
}

/// The page an unsubscribe link opens in a browser: one button, no sign-in.
#[handler]
pub(crate) async fn unsubscribe_form(ctx: &Ctx) -> PageResult {
    let token = ctx.param("token").to_owned();
    let outcome = notifications::unsubscribe_preview(ctx.svc(), &token).await?;
    let done = outcome.already_off;
    page(&UnsubscribePage {
        ctx,
        token,
        outcome,
        done,
    })
}

/// The button's POST, and a mail client's one-click POST (RFC 8058).
#[handler]
pub(crate) async fn unsubscribe(ctx: &Ctx) -> PageResult {
    let token = ctx.param("token").to_owned();
    let outcome = notifications::unsubscribe(ctx.svc(), &token).await?;
    page(&UnsubscribePage {
        ctx,
        token,
        outcome,
        done: true,
    })
}
