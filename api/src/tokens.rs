//! API tokens for organisations (coordinators issue and revoke them).

use domain::Services;
use domain::ids::{OrganisationId, TokenId};
use domain::tokens::{self, ApiToken, NewToken};
use poem::Request;
use poem::web::Data;
use poem_openapi::param::{Path, Query};
use poem_openapi::payload::Json;
use poem_openapi::{Object, OpenApi};

use crate::ApiTags;
use crate::auth;
use crate::people::page;
use crate::problem::ApiResult;
use crate::types::page;

#[derive(Debug, Clone, Object)]
#[oai(rename = "ApiToken", skip_serializing_if_is_none)]
pub struct TokenOut {
    pub id: uuid::Uuid,
    pub organisation_id: uuid::Uuid,
    pub name: String,
    /// The first characters of the secret, to tell tokens apart.
    pub prefix: String,
    pub created_at: chrono::DateTime<chrono::Utc>,
    pub expires_at: Option<chrono::DateTime<chrono::Utc>>,
    pub revoked_at: Option<chrono::DateTime<chrono::Utc>>,
    /// Recorded to the minute.
    pub last_used_at: Option<chrono::DateTime<chrono::Utc>>,
}

impl From<ApiToken> for TokenOut {
    fn from(t: ApiToken) -> Self {
        TokenOut {
            id: t.id.0,
            organisation_id: t.organisation_id.0,
            name: t.name,
            prefix: t.prefix,
            created_at: t.created_at,
            expires_at: t.expires_at,
            revoked_at: t.revoked_at,
            last_used_at: t.last_used_at,
        }
    }
}

page!(TokenPage, TokenOut);

/// A token just issued. `secret` is shown this once and never again.
#[derive(Debug, Object)]
pub struct IssuedToken {
    pub token: TokenOut,
    /// Send as `Authorization: Bearer <secret>`.
    pub secret: String,
}

#[derive(Debug, Object)]
#[oai(deny_unknown_fields)]
pub struct TokenCreate {
    /// The organisation the token acts for (as a partner).
    pub organisation_id: uuid::Uuid,
    #[oai(validator(max_length = 200))]
    pub name: String,
    pub expires_at: Option<chrono::DateTime<chrono::Utc>>,
}

pub struct TokensApi;

#[OpenApi(tag = "ApiTags::Tokens")]
impl TokensApi {
    /// The network's API tokens, newest first (coordinators). Secrets are never listed.
    #[oai(path = "/networks/:slug/tokens", method = "get")]
    async fn list(
        &self,
        svc: Data<&Services>,
        req: &Request,
        slug: Path<String>,
        #[oai(validator(minimum(value = "1"), maximum(value = "100")))] limit: Query<Option<u64>>,
        #[oai(validator(max_length = 100))] cursor: Query<Option<String>>,
    ) -> ApiResult<Json<TokenPage>> {
        let scope = auth::scope(&svc, req, &slug).await?;
        Ok(Json(
            tokens::list(&svc, &scope, page(limit, cursor)?)
                .await?
                .into(),
        ))
    }

    /// Issue a token to an organisation (coordinators). The secret is in this answer only.
    #[oai(path = "/networks/:slug/tokens", method = "post")]
    async fn create(
        &self,
        svc: Data<&Services>,
        req: &Request,
        slug: Path<String>,
        body: Json<TokenCreate>,
    ) -> ApiResult<Json<IssuedToken>> {
        let scope = auth::scope(&svc, req, &slug).await?;
        let body = body.0;
        let issued = tokens::create(
            &svc,
            &scope,
            NewToken {
                organisation_id: OrganisationId(body.organisation_id),
                name: body.name,
                expires_at: body.expires_at,
            },
        )
        .await?;
        Ok(Json(IssuedToken {
            token: issued.token.into(),
            secret: issued.secret,
        }))
    }

    /// Revoke a token; it stops working at once.
    #[oai(path = "/networks/:slug/tokens/:id", method = "delete")]
    async fn revoke(
        &self,
        svc: Data<&Services>,
        req: &Request,
        slug: Path<String>,
        id: Path<uuid::Uuid>,
    ) -> ApiResult<Json<TokenOut>> {
        let scope = auth::scope(&svc, req, &slug).await?;
        Ok(Json(
            tokens::revoke(&svc, &scope, TokenId(id.0)).await?.into(),
        ))
    }
}
