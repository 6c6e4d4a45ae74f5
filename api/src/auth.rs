//! Who is calling: an organisation's token (`Authorization: Bearer svk_…`), a signed-in user's
//! session cookie, or nobody. Network operations turn the caller into a `TenantScope`.

use domain::Services;
use domain::identity::{self, CurrentUser};
use domain::tenancy::{self, TenantScope};
use poem::Request;
use poem::http::header::AUTHORIZATION;

use crate::ApiConfig;
use crate::problem::ApiError;

pub enum Caller {
    Token(String),
    User(CurrentUser),
    Anonymous,
}

pub async fn caller(svc: &Services, req: &Request) -> Result<Caller, ApiError> {
    if let Some(header) = req.headers().get(AUTHORIZATION) {
        let value = header.to_str().unwrap_or_default();
        let token = value
            .strip_prefix("Bearer ")
            .or_else(|| value.strip_prefix("bearer "))
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .ok_or_else(|| ApiError::from(domain::Error::InvalidToken))?;
        return Ok(Caller::Token(token.to_owned()));
    }
    // Under https only the `__Host-` cookie counts: a plain-named one may have been planted by a
    // neighbouring subdomain.
    let https = req.data::<ApiConfig>().is_some_and(|c| c.secure_cookies);
    if let Some(cookie) = req.cookie().get(identity::session_cookie(https)) {
        // A stale cookie is no error: the caller is simply signed out.
        if let Some(user) = identity::authenticate(svc, cookie.value_str()).await? {
            return Ok(Caller::User(user));
        }
    }
    Ok(Caller::Anonymous)
}

/// The signed-in user; tokens and anonymous callers are refused.
pub async fn user(svc: &Services, req: &Request) -> Result<CurrentUser, ApiError> {
    match caller(svc, req).await? {
        Caller::User(user) => Ok(user),
        Caller::Token(_) => Err(ApiError::new(
            poem::http::StatusCode::FORBIDDEN,
            "forbidden",
            "This operation is for signed-in people, not API tokens.",
            vec![],
        )),
        Caller::Anonymous => Err(ApiError::unauthenticated()),
    }
}

/// The caller's scope in the network with this slug.
pub async fn scope(svc: &Services, req: &Request, slug: &str) -> Result<TenantScope, ApiError> {
    let scope = match caller(svc, req).await? {
        Caller::Token(secret) => tenancy::scope_for_token(svc, &secret, slug).await?,
        Caller::User(user) => tenancy::scope_for_user(svc, Some(&user), slug).await?,
        Caller::Anonymous => tenancy::scope_for_user(svc, None, slug).await?,
    };
    Ok(scope)
}
