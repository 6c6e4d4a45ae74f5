//! Signing in and out, and who I am.

use domain::Services;
use domain::identity::{self, ClientAddress};
use poem::Request;
use poem::web::Data;
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

/// The session cookie; under https `__Host-` named and `Secure` (the prefix requires it).
fn cookie(value: &str, max_age: i64, secure: bool) -> String {
    format!(
        "{}={value}; Path=/; HttpOnly; SameSite=Lax; Max-Age={max_age}{}",
        identity::session_cookie(secure),
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
    /// Sign in with e-mail and password; sets the session cookie, and ends the session the
    /// caller was signed in with before, if any. Rate-limited per account and per client
    /// address (across every server).
    #[oai(path = "/session", method = "post")]
    async fn sign_in(
        &self,
        svc: Data<&Services>,
        req: &Request,
        client: Data<&ClientAddress>,
        body: Json<SignIn>,
    ) -> ApiResult<SignedIn> {
        let previous = match auth::caller(&svc, req).await {
            Ok(Caller::User(user)) => Some(user),
            _ => None,
        };
        let signed_in = identity::sign_in_replacing(
            &svc,
            &body.email,
            &body.password,
            &client.key(),
            previous.as_ref(),
        )
        .await?;
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
