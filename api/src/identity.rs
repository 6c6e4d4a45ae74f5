//! Signing in and out, and who I am.

use domain::Services;
use domain::identity::{self, SESSION_COOKIE};
use poem::Request;
use poem::web::{Data, RemoteAddr};
use poem_openapi::payload::Json;
use poem_openapi::{ApiResponse, Object, OpenApi};

use crate::auth::{self, Caller};
use crate::problem::{ApiError, ApiResult};
use crate::tenancy::NetworkSummary;
use crate::types::{MembershipStatus, Role};
use crate::{ApiConfig, ApiTags};

#[derive(Debug, Object)]
#[oai(deny_unknown_fields)]
pub struct SignIn {
    #[oai(validator(max_length = 254))]
    pub email: String,
    #[oai(validator(max_length = 1000))]
    pub password: String,
}

/// One of my networks.
#[derive(Debug, Object)]
pub struct MyNetwork {
    pub network: NetworkSummary,
    pub membership_id: uuid::Uuid,
    pub role: Role,
    pub status: MembershipStatus,
}

/// The signed-in person.
#[derive(Debug, Object)]
pub struct Me {
    pub id: uuid::Uuid,
    pub email: String,
    pub display_name: String,
    pub networks: Vec<MyNetwork>,
}

#[derive(ApiResponse)]
enum SignedIn {
    /// Signed in; the session cookie is set.
    #[oai(status = 200)]
    Ok(Json<Me>, #[oai(header = "Set-Cookie")] String),
}

#[derive(ApiResponse)]
enum SignedOut {
    /// Signed out; the session cookie is cleared.
    #[oai(status = 204)]
    Ok(#[oai(header = "Set-Cookie")] String),
}

pub struct IdentityApi {
    pub config: ApiConfig,
}

fn cookie(value: &str, max_age: i64, secure: bool) -> String {
    format!(
        "{SESSION_COOKIE}={value}; Path=/; HttpOnly; SameSite=Lax; Max-Age={max_age}{}",
        if secure { "; Secure" } else { "" }
    )
}

async fn me(svc: &Services, user: &identity::CurrentUser) -> ApiResult<Me> {
    let networks = identity::my_networks(svc, user).await?;
    Ok(Me {
        id: user.id.0,
        email: user.email.clone(),
        display_name: user.display_name.clone(),
        networks: networks
            .into_iter()
            .map(|n| MyNetwork {
                network: n.network.into(),
                membership_id: n.membership_id.0,
                role: n.role.into(),
                status: n.status.into(),
            })
            .collect(),
    })
}

#[OpenApi(tag = "ApiTags::Identity")]
impl IdentityApi {
    /// Sign in with e-mail and password; sets the session cookie. Rate-limited per account and
    /// per address.
    #[oai(path = "/session", method = "post")]
    async fn sign_in(
        &self,
        svc: Data<&Services>,
        remote: &RemoteAddr,
        body: Json<SignIn>,
    ) -> ApiResult<SignedIn> {
        // The peer's address, not a forwarded header a client could invent.
        let address = remote
            .as_socket_addr()
            .map(|addr| addr.ip().to_string())
            .unwrap_or_else(|| "unknown".into());
        let signed_in = identity::sign_in(&svc, &body.email, &body.password, &address).await?;
        let me = me(&svc, &signed_in.user).await?;
        let max_age = svc.config.session_ttl.num_seconds();
        Ok(SignedIn::Ok(
            Json(me),
            cookie(&signed_in.secret, max_age, self.config.secure_cookies),
        ))
    }

    /// Sign out of this session.
    #[oai(path = "/session", method = "delete")]
    async fn sign_out(&self, svc: Data<&Services>, req: &Request) -> ApiResult<SignedOut> {
        let user = auth::user(&svc, req).await?;
        identity::sign_out(&svc, &user).await?;
        Ok(SignedOut::Ok(cookie("", 0, self.config.secure_cookies)))
    }

    /// The signed-in person and their networks.
    #[oai(path = "/me", method = "get")]
    async fn me(&self, svc: Data<&Services>, req: &Request) -> ApiResult<Json<Me>> {
        match auth::caller(&svc, req).await? {
            Caller::User(user) => Ok(Json(me(&svc, &user).await?)),
            Caller::Token(_) => Err(ApiError::new(
                poem::http::StatusCode::FORBIDDEN,
                "forbidden",
                "A token acts for an organisation in one network; use that network's endpoints.",
                vec![],
            )),
            Caller::Anonymous => Err(ApiError::unauthenticated()),
        }
    }

    /// The networks the signed-in person belongs to.
    #[oai(path = "/networks", method = "get")]
    async fn my_networks(
        &self,
        svc: Data<&Services>,
        req: &Request,
    ) -> ApiResult<Json<Vec<MyNetwork>>> {
        let user = auth::user(&svc, req).await?;
        Ok(Json(me(&svc, &user).await?.networks))
    }
}
