//! API tokens issued by coordinators to an organisation. The secret is shown once; only its
//! hash is kept. A token acts as a partner of its organisation, may expire, can be revoked, and
//! records when it was last used.

use chrono::{DateTime, Duration, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter};

use crate::Services;
use crate::audit;
use crate::entities::{api_token, network};
use crate::error::{Error, Result};
use crate::identity::secret::{hash_secret, new_secret};
use crate::ids::{OrganisationId, TokenId};
use crate::pagination::{Page, PageRequest, keyset};
use crate::people::organisations;
use crate::policy::Action;
use crate::tenancy::{TenantOwned, TenantScope};
use crate::text::{Validator, limits};

/// Every token secret starts with this, so that it is recognisable in a leak scanner.
pub const TOKEN_PREFIX: &str = "svk_";

impl TenantOwned for api_token::Entity {
    fn tenant_column() -> Self::Column {
        api_token::Column::TenantId
    }
}

#[derive(Clone, Debug)]
pub struct ApiToken {
    pub id: TokenId,
    pub organisation_id: OrganisationId,
    pub name: String,
    /// The first characters of the secret, to tell tokens apart.
    pub prefix: String,
    pub created_at: DateTime<Utc>,
    pub expires_at: Option<DateTime<Utc>>,
    pub revoked_at: Option<DateTime<Utc>>,
    pub last_used_at: Option<DateTime<Utc>>,
}

impl From<api_token::Model> for ApiToken {
    fn from(model: api_token::Model) -> Self {
        ApiToken {
            id: model.id,
            organisation_id: model.organisation_id,
            name: model.name,
            prefix: model.token_prefix,
            created_at: model.created_at,
            expires_at: model.expires_at,
            revoked_at: model.revoked_at,
            last_used_at: model.last_used_at,
        }
    }
}

/// A token just issued, with its secret: the only time the secret is seen.
#[derive(Clone, Debug)]
pub struct IssuedToken {
    pub token: ApiToken,
    pub secret: String,
}

#[derive(Clone, Debug)]
pub struct NewToken {
    pub organisation_id: OrganisationId,
    pub name: String,
    pub expires_at: Option<DateTime<Utc>>,
}

pub async fn list(
    svc: &Services,
    scope: &TenantScope,
    page: PageRequest,
) -> Result<Page<ApiToken>> {
    scope.require(Action::ManageTokens)?;
    let rows = keyset(
        scope.find::<api_token::Entity>(),
        api_token::Column::Id,
        page,
    )
    .all(svc.db.conn())
    .await?;
    Ok(Page::from_rows(
        rows.into_iter().map(ApiToken::from).collect(),
        page,
        |t| t.id.0,
    ))
}

pub async fn create(svc: &Services, scope: &TenantScope, input: NewToken) -> Result<IssuedToken> {
    scope.require(Action::ManageTokens)?;
    let mut v = Validator::new();
    let name = v.required("name", &input.name, limits::NAME);
    if input.expires_at.is_some_and(|at| at <= svc.now()) {
        v.add("expires_at", "in_the_past");
    }
    v.finish()?;
    let txn = svc.db.begin_write().await?;
    organisations::find(&txn, scope, input.organisation_id)
        .await
        .map_err(|_| Error::invalid("organisation_id", "unknown"))?;
    let secret = format!("{TOKEN_PREFIX}{}", new_secret()?);
    let model = api_token::ActiveModel {
        id: Set(TokenId::new()),
        tenant_id: Set(scope.tenant_id()),
        organisation_id: Set(input.organisation_id),
        name: Set(name),
        token_hash: Set(hash_secret(&secret)),
        token_prefix: Set(secret.chars().take(TOKEN_PREFIX.len() + 4).collect()),
        created_by: Set(scope.user_id()),
        expires_at: Set(input.expires_at),
        revoked_at: Set(None),
        last_used_at: Set(None),
        created_at: Set(svc.now()),
    }
    .insert(&txn)
    .await?;
    audit::record(
        &txn,
        svc,
        scope,
        "token.created",
        "token",
        Some(model.id.0),
        serde_json::json!({ "name": model.name, "organisation_id": model.organisation_id }),
    )
    .await?;
    txn.commit().await?;
    Ok(IssuedToken {
        token: model.into(),
        secret,
    })
}

pub async fn revoke(svc: &Services, scope: &TenantScope, id: TokenId) -> Result<ApiToken> {
    scope.require(Action::ReadContent)?;
    let txn = svc.db.begin_write().await?;
    let current = scope
        .find::<api_token::Entity>()
        .filter(api_token::Column::Id.eq(id))
        .one(&txn)
        .await?
        .ok_or(Error::NotFound)?;
    scope.require(Action::ManageTokens)?;
    if current.revoked_at.is_some() {
        return Ok(current.into());
    }
    let mut model: api_token::ActiveModel = current.into();
    model.revoked_at = Set(Some(svc.now()));
    let updated = model.update(&txn).await?;
    audit::record(
        &txn,
        svc,
        scope,
        "token.revoked",
        "token",
        Some(id.0),
        serde_json::json!({ "name": updated.name }),
    )
    .await?;
    txn.commit().await?;
    Ok(updated.into())
}

/// The token behind a bearer secret, if it is known, not revoked and not expired, with its
/// network (one query: this runs on every API call made with a token).
pub(crate) async fn authenticate(
    svc: &Services,
    secret: &str,
) -> Result<(api_token::Model, network::Model)> {
    if !secret.starts_with(TOKEN_PREFIX) {
        return Err(Error::InvalidToken);
    }
    let now = svc.now();
    let Some((token, Some(network))) = api_token::Entity::find()
        .filter(api_token::Column::TokenHash.eq(hash_secret(secret)))
        .find_also_related(network::Entity)
        .one(svc.db.conn())
        .await?
    else {
        return Err(Error::InvalidToken);
    };
    if token.revoked_at.is_some() || token.expires_at.is_some_and(|at| at <= now) {
        return Err(Error::InvalidToken);
    }
    // Last use is recorded to the minute, not on every request: a write per API call would
    // cost more than the call.
    if token
        .last_used_at
        .is_none_or(|at| now - at >= Duration::minutes(1))
    {
        api_token::Entity::update_many()
            .col_expr(api_token::Column::LastUsedAt, Expr::value(now))
            .filter(api_token::Column::Id.eq(token.id))
            .exec(svc.db.conn())
            .await?;
    }
    Ok((token, network))
}
