//! Sessions: a random secret in an HttpOnly cookie, its hash in the database.

use chrono::Duration;
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter};

use super::password::verify_password;
use super::secret::{hash_secret, new_secret};
use crate::Services;
use crate::entities::{session, user};
use crate::error::{Error, Result};
use crate::ids::{SessionId, UserId};
use crate::limits::{self, Limit};
use crate::tenancy::Language;

/// The signed-in person behind a request.
#[derive(Clone, Debug)]
pub struct CurrentUser {
    pub id: UserId,
    pub session_id: SessionId,
    pub email: String,
    pub display_name: String,
    pub preferred_language: Option<Language>,
}

/// A new session: the user, and the secret for the cookie (never stored).
#[derive(Debug)]
pub struct SignedIn {
    pub user: CurrentUser,
    pub secret: String,
}

/// Signs in with e-mail and password. `address` is the client's address, for the rate limit.
pub async fn sign_in(
    svc: &Services,
    email: &str,
    password: &str,
    address: &str,
) -> Result<SignedIn> {
    sign_in_replacing(svc, email, password, address, None).await
}

/// Signs in, and ends the session the client was signed in with before, if any. Every sign-in
/// starts a new session with a new secret (and so a new CSRF token), so a session id known
/// before sign-in — planted, or left by someone else on a shared computer — never becomes the
/// new one, and the old one stops working.
pub async fn sign_in_replacing(
    svc: &Services,
    email: &str,
    password: &str,
    address: &str,
    previous: Option<&CurrentUser>,
) -> Result<SignedIn> {
    // Both limits count every attempt, whatever the outcome; the e-mail's key is normalised and
    // capped by the limiter, so any length of input costs one short row.
    let account = limits::hit(svc, &Limit::SIGN_IN_PER_ACCOUNT, email).await?;
    let from_address = limits::hit(svc, &Limit::SIGN_IN_PER_ADDRESS, address).await?;
    if !(account && from_address) {
        return Err(Error::RateLimited);
    }
    let email = email.trim().to_lowercase();
    let found = user::Entity::find()
        .filter(user::Column::Email.eq(&email))
        .one(svc.db.conn())
        .await?;
    let (hash, user) = match found {
        Some(user) => (user.password_hash.clone(), Some(user)),
        None => (svc.dummy_password_hash().await?, None),
    };
    let matches = verify_password(password.to_owned(), hash).await?;
    let Some(user) = user.filter(|_| matches) else {
        return Err(Error::WrongCredentials);
    };
    let signed_in = start_session(svc, user).await?;
    if let Some(previous) = previous {
        sign_out(svc, previous).await?;
    }
    Ok(signed_in)
}

pub(crate) async fn start_session(svc: &Services, user: user::Model) -> Result<SignedIn> {
    let secret = new_secret()?;
    let now = svc.now();
    let session = session::ActiveModel {
        id: Set(SessionId::new()),
        token_hash: Set(hash_secret(&secret)),
        user_id: Set(user.id),
        created_at: Set(now),
        expires_at: Set(now + svc.config.session_ttl),
        last_seen_at: Set(now),
    }
    .insert(svc.db.conn())
    .await?;
    Ok(SignedIn {
        user: current_user(session.id, user),
        secret,
    })
}

fn current_user(session_id: SessionId, user: user::Model) -> CurrentUser {
    CurrentUser {
        id: user.id,
        session_id,
        email: user.email,
        display_name: user.display_name,
        preferred_language: user.preferred_language,
    }
}

/// The user behind a session cookie's secret, if the session is still valid.
pub async fn authenticate(svc: &Services, secret: &str) -> Result<Option<CurrentUser>> {
    let now = svc.now();
    let Some((session, Some(user))) = session::Entity::find()
        .filter(session::Column::TokenHash.eq(hash_secret(secret)))
        .find_also_related(user::Entity)
        .one(svc.db.conn())
        .await?
    else {
        return Ok(None);
    };
    if session.expires_at <= now {
        return Ok(None);
    }
    // Last seen is for the operator's eye; written at most every few minutes, not per request.
    // The session itself ends a fixed time after sign-in, as the cookie's Max-Age does.
    if now - session.last_seen_at > Duration::minutes(5) {
        session::Entity::update_many()
            .col_expr(
                session::Column::LastSeenAt,
                sea_orm::sea_query::Expr::value(now),
            )
            .filter(session::Column::Id.eq(session.id))
            .exec(svc.db.conn())
            .await?;
    }
    Ok(Some(current_user(session.id, user)))
}

/// Ends one session.
pub async fn sign_out(svc: &Services, user: &CurrentUser) -> Result<()> {
    session::Entity::delete_by_id(user.session_id)
        .exec(svc.db.conn())
        .await?;
    Ok(())
}
