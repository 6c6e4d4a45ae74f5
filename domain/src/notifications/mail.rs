//! The mails of notifications: one at once, or a digest per period. Both are jobs; a mail's id
//! is stable (the notification's, or the digest's key), so a job that runs twice writes the same
//! message again, and `mailed_at` keeps a finished mail from being sent a second time.

use chrono::{DateTime, Datelike, Duration, NaiveTime, Utc, Weekday};
use chrono_tz::Tz;
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};

use super::{DigestPeriod, EventKind, MailMode, digest_key, ensure_settings, schedule_digest};
use crate::Services;
use crate::calendar::{local_to_utc, utc_to_local};
use crate::entities::{membership, notification, user};
use crate::error::Result;
use crate::ids::{NotificationId, UserId};
use crate::mail::OutgoingMail;
use crate::people::MembershipStatus;
use crate::tenancy::{Language, Network, TenantScope};

/// The hour digests go out, in the network's zone.
const DIGEST_HOUR: u32 = 7;

/// The first digest time strictly after `now`: 07:00 in `tz` every day, or on Mondays.
pub fn next_digest_time(now: DateTime<Utc>, tz: Tz, period: DigestPeriod) -> DateTime<Utc> {
    let time = NaiveTime::from_hms_opt(DIGEST_HOUR, 0, 0).unwrap_or(NaiveTime::MIN);
    let mut date = utc_to_local(now, tz).date();
    for _ in 0..9 {
        let on_day = period == DigestPeriod::Daily || date.weekday() == Weekday::Mon;
        if on_day
            && let Ok(at) = local_to_utc(date.and_time(time), tz)
            && at > now
        {
            return at;
        }
        match date.succ_opt() {
            Some(next) => date = next,
            None => break,
        }
    }
    now + Duration::days(1)
}

/// The recipient's address, name and language, if they are still an active member here.
async fn recipient(
    conn: &impl ConnectionTrait,
    scope: &TenantScope,
    user_id: UserId,
) -> Result<Option<(user::Model, Language)>> {
    let active = scope
        .find::<membership::Entity>()
        .filter(membership::Column::UserId.eq(user_id))
        .filter(membership::Column::Status.eq(MembershipStatus::Active))
        .one(conn)
        .await?
        .is_some();
    if !active {
        return Ok(None);
    }
    let Some(user) = user::Entity::find_by_id(user_id).one(conn).await? else {
        return Ok(None);
    };
    let language = user
        .preferred_language
        .unwrap_or(scope.network().default_language);
    Ok(Some((user, language)))
}

fn base_url(svc: &Services) -> &str {
    svc.config.public_url.trim_end_matches('/')
}

fn link(svc: &Services, network: &Network, path: &str) -> String {
    format!(
        "{}/n/{}/{}",
        base_url(svc),
        network.slug,
        path.trim_start_matches('/')
    )
}

fn unsubscribe_link(svc: &Services, token: &str) -> String {
    format!("{}/unsubscribe/{token}", base_url(svc))
}

async fn mark_mailed(svc: &Services, scope: &TenantScope, ids: Vec<NotificationId>) -> Result<()> {
    if ids.is_empty() {
        return Ok(());
    }
    scope
        .update_many::<notification::Entity>()
        .col_expr(notification::Column::MailedAt, Expr::value(svc.now()))
        .filter(notification::Column::Id.is_in(ids))
        .filter(notification::Column::MailedAt.is_null())
        .exec(svc.db.conn())
        .await?;
    Ok(())
}

/// Sends one notification by mail (the worker's job), unless it was mailed already or the
/// recipient has since chosen otherwise: mail off drops it, a digest takes it along.
pub async fn send_notification_mail(
    svc: &Services,
    scope: &TenantScope,
    id: NotificationId,
) -> Result<()> {
    let conn = svc.db.conn();
    let Some(item) = scope
        .find::<notification::Entity>()
        .filter(notification::Column::Id.eq(id))
        .one(conn)
        .await?
    else {
        return Ok(());
    };
    if item.mailed_at.is_some() {
        return Ok(());
    }
    let txn = svc.db.begin_write().await?;
    let settings = ensure_settings(&txn, svc, scope, item.user_id).await?;
    if let Some(period) = settings.mail_mode.digest() {
        schedule_digest(&txn, svc, scope, item.user_id, period).await?;
    }
    txn.commit().await?;
    match settings.mail_mode {
        MailMode::Immediate => {}
        MailMode::Daily | MailMode::Weekly => return Ok(()),
        MailMode::Off => return mark_mailed(svc, scope, vec![item.id]).await,
    }
    let Some((to, language)) = recipient(conn, scope, item.user_id).await? else {
        return mark_mailed(svc, scope, vec![item.id]).await;
    };
    let network = scope.network();
    let unsubscribe = unsubscribe_link(svc, &settings.unsubscribe_token);
    let subject = format!("{}: {}", texts::kind(language, item.kind), item.title);
    let text = format!(
        "{} {}\n\n{}\n\n{}\n{}\n\n{}",
        texts::hello(language),
        to.display_name,
        texts::line(language, item.kind, &item.actor_name),
        item.title,
        link(svc, network, &item.path),
        texts::footer(
            language,
            &network.name,
            &link(svc, network, "notifications"),
            &unsubscribe
        ),
    );
    svc.mailer
        .send(&OutgoingMail {
            id: format!("notification-{}", item.id),
            to: to.email,
            subject,
            text,
            attachments: Vec::new(),
            unsubscribe_url: Some(unsubscribe),
        })
        .await?;
    mark_mailed(svc, scope, vec![item.id]).await
}

/// Sends a person's digest (the worker's job, scheduled for `due`): everything not yet mailed
/// that arrived before it runs, in one mail; nothing if nothing is left (an earlier digest or
/// reading it in the web took it). Notifications read in the web meanwhile are not repeated.
pub async fn send_digest(
    svc: &Services,
    scope: &TenantScope,
    user_id: UserId,
    period: DigestPeriod,
    due: DateTime<Utc>,
) -> Result<()> {
    let conn = svc.db.conn();
    let now = svc.now();
    let waiting = scope
        .find::<notification::Entity>()
        .filter(notification::Column::UserId.eq(user_id))
        .filter(notification::Column::MailedAt.is_null())
        .filter(notification::Column::CreatedAt.lte(now))
        .order_by_asc(notification::Column::Id)
        .all(conn)
        .await?;
    if waiting.is_empty() {
        return Ok(());
    }
    let ids: Vec<NotificationId> = waiting.iter().map(|n| n.id).collect();
    let txn = svc.db.begin_write().await?;
    let settings = ensure_settings(&txn, svc, scope, user_id).await?;
    txn.commit().await?;
    let unread: Vec<&notification::Model> =
        waiting.iter().filter(|n| n.read_at.is_none()).collect();
    if settings.mail_mode == MailMode::Off || unread.is_empty() {
        return mark_mailed(svc, scope, ids).await;
    }
    let Some((to, language)) = recipient(conn, scope, user_id).await? else {
        return mark_mailed(svc, scope, ids).await;
    };
    let network = scope.network();
    let unsubscribe = unsubscribe_link(svc, &settings.unsubscribe_token);
    let mut items = String::new();
    for item in &unread {
        items.push_str(&format!(
            "- {}: {}{}\n  {}\n\n",
            texts::kind(language, item.kind),
            item.title,
            if item.actor_name.is_empty() {
                String::new()
            } else {
                format!(" ({})", texts::by(language, &item.actor_name))
            },
            link(svc, network, &item.path)
        ));
    }
    let (subject, intro) = texts::digest(language, period, &network.name, unread.len());
    let text = format!(
        "{} {}\n\n{intro}\n\n{items}{}",
        texts::hello(language),
        to.display_name,
        texts::footer(
            language,
            &network.name,
            &link(svc, network, "notifications"),
            &unsubscribe
        ),
    );
    svc.mailer
        .send(&OutgoingMail {
            id: digest_key(user_id, period, due),
            to: to.email,
            subject,
            text,
            attachments: Vec::new(),
            unsubscribe_url: Some(unsubscribe),
        })
        .await?;
    mark_mailed(svc, scope, ids).await
}

/// The words of the mails in Danish, Norwegian and English (Swedish networks get English until
/// the interface has Swedish). Only titles, names and links: never a post's or a case's text.
mod texts {
    use super::{DigestPeriod, EventKind};
    use crate::tenancy::Language;

    pub fn hello(language: Language) -> &'static str {
        match language {
            Language::Danish => "Hej",
            Language::Norwegian => "Hei",
            Language::Swedish | Language::English => "Hello",
        }
    }

    pub fn kind(language: Language, kind: EventKind) -> &'static str {
        use EventKind::*;
        match (language, kind) {
            (Language::Danish, NewThread) => "Ny tråd",
            (Language::Danish, NewPost) => "Nyt svar",
            (Language::Danish, Mention) => "Du blev nævnt",
            (Language::Danish, ProjectUpdate) => "Projektopdatering",
            (Language::Norwegian, NewThread) => "Ny tråd",
            (Language::Norwegian, NewPost) => "Nytt svar",
            (Language::Norwegian, Mention) => "Du ble nevnt",
            (Language::Norwegian, ProjectUpdate) => "Prosjektoppdatering",
            (_, NewThread) => "New thread",
            (_, NewPost) => "New reply",
            (_, Mention) => "You were mentioned",
            (_, ProjectUpdate) => "Project update",
        }
    }

    pub fn by(language: Language, name: &str) -> String {
        match language {
            Language::Danish => format!("af {name}"),
            Language::Norwegian => format!("av {name}"),
            Language::Swedish | Language::English => format!("by {name}"),
        }
    }

    /// One sentence on what happened.
    pub fn line(language: Language, kind: EventKind, actor: &str) -> String {
        use EventKind::*;
        let actor = if actor.is_empty() {
            match language {
                Language::Danish => "Nogen",
                Language::Norwegian => "Noen",
                Language::Swedish | Language::English => "Someone",
            }
        } else {
            actor
        };
        match (language, kind) {
            (Language::Danish, NewThread) => format!("{actor} har startet en ny tråd:"),
            (Language::Danish, NewPost) => format!("{actor} har svaret i en tråd, du følger:"),
            (Language::Danish, Mention) => format!("{actor} har nævnt dig:"),
            (Language::Danish, ProjectUpdate) => {
                format!("{actor} har opdateret et projekt, du følger:")
            }
            (Language::Norwegian, NewThread) => format!("{actor} har startet en ny tråd:"),
            (Language::Norwegian, NewPost) => format!("{actor} har svart i en tråd du følger:"),
            (Language::Norwegian, Mention) => format!("{actor} har nevnt deg:"),
            (Language::Norwegian, ProjectUpdate) => {
                format!("{actor} har oppdatert et prosjekt du følger:")
            }
            (_, NewThread) => format!("{actor} started a new thread:"),
            (_, NewPost) => format!("{actor} replied in a thread you follow:"),
            (_, Mention) => format!("{actor} mentioned you:"),
            (_, ProjectUpdate) => format!("{actor} posted an update on a project you follow:"),
        }
    }

    /// The digest's subject and first line.
    pub fn digest(
        language: Language,
        period: DigestPeriod,
        network: &str,
        count: usize,
    ) -> (String, String) {
        match (language, period) {
            (Language::Danish, DigestPeriod::Daily) => (
                format!("Dagligt overblik fra {network}: {count} nye"),
                format!("Det her er nyt i {network} siden sidste overblik:"),
            ),
            (Language::Danish, DigestPeriod::Weekly) => (
                format!("Ugentligt overblik fra {network}: {count} nye"),
                format!("Det her er nyt i {network} siden sidste overblik:"),
            ),
            (Language::Norwegian, DigestPeriod::Daily) => (
                format!("Daglig oppsummering fra {network}: {count} nye"),
                format!("Dette er nytt i {network} siden forrige oppsummering:"),
            ),
            (Language::Norwegian, DigestPeriod::Weekly) => (
                format!("Ukentlig oppsummering fra {network}: {count} nye"),
                format!("Dette er nytt i {network} siden forrige oppsummering:"),
            ),
            (_, DigestPeriod::Daily) => (
                format!("Daily digest from {network}: {count} new"),
                format!("This is new in {network} since the last digest:"),
            ),
            (_, DigestPeriod::Weekly) => (
                format!("Weekly digest from {network}: {count} new"),
                format!("This is new in {network} since the last digest:"),
            ),
        }
    }

    /// Why the mail came, where to choose otherwise, and the one-click way out.
    pub fn footer(language: Language, network: &str, settings: &str, unsubscribe: &str) -> String {
        match language {
            Language::Danish => format!(
                "--\nDu får denne mail, fordi du følger noget i {network} på Samvirke eller blev nævnt.\nVælg, hvordan du får besked: {settings}\nStop al mail om notifikationer fra {network}: {unsubscribe}\n"
            ),
            Language::Norwegian => format!(
                "--\nDu får denne e-posten fordi du følger noe i {network} på Samvirke eller ble nevnt.\nVelg hvordan du får beskjed: {settings}\nStopp all e-post om varsler fra {network}: {unsubscribe}\n"
            ),
            Language::Swedish | Language::English => format!(
                "--\nYou get this mail because you follow something in {network} on Samvirke or were mentioned.\nChoose how you are told: {settings}\nStop all notification mail from {network}: {unsubscribe}\n"
            ),
        }
    }
}
