use domain::Services;
use domain::ids::{InvitationId, OrganisationId};
use domain::people::invitations::{self, Invitation, NewInvitation};
use poem::Request;
use poem::web::Data;
use poem_openapi::param::{Path, Query};
use poem_openapi::payload::Json;
use poem_openapi::{Object, OpenApi};

use crate::ApiTags;
use crate::auth;
use crate::people::page;
use crate::problem::ApiResult;
use crate::types::{InvitationStatus, Role, page};

#[derive(Debug, Clone, Object)]
#[oai(rename = "Invitation", skip_serializing_if_is_none)]
pub struct InvitationOut {
    pub id: uuid::Uuid,
    pub email: String,
    pub organisation_id: Option<uuid::Uuid>,
    pub role: Role,
    pub status: InvitationStatus,
    /// A pending invitation past this moment has expired; resend it for a new link.
    pub expires_at: chrono::DateTime<chrono::Utc>,
    pub accepted_at: Option<chrono::DateTime<chrono::Utc>>,
    pub created_at: chrono::DateTime<chrono::Utc>,
}

impl From<Invitation> for InvitationOut {
    fn from(i: Invitation) -> Self {
        InvitationOut {
            id: i.id.0,
            email: i.email,
            organisation_id: i.organisation_id.map(|id| id.0),
            role: i.role.into(),
            status: i.status.into(),
            expires_at: i.expires_at,
            accepted_at: i.accepted_at,
            created_at: i.created_at,
        }
    }
}

page!(InvitationPage, InvitationOut);

#[derive(Debug, Object)]
#[oai(deny_unknown_fields)]
pub struct InvitationCreate {
    #[oai(validator(max_length = 254))]
    pub email: String,
    pub role: Role,
    pub organisation_id: Option<uuid::Uuid>,
}

pub struct InvitationsApi;

#[OpenApi(tag = "ApiTags::People")]
impl InvitationsApi {
    /// Invitations of the network, newest first (coordinators).
    #[oai(path = "/networks/:slug/invitations", method = "get")]
    async fn list(
        &self,
        svc: Data<&Services>,
        req: &Request,
        slug: Path<String>,
        #[oai(validator(minimum(value = "1"), maximum(value = "100")))] limit: Query<Option<u64>>,
        #[oai(validator(max_length = 100))] cursor: Query<Option<String>>,
    ) -> ApiResult<Json<InvitationPage>> {
        let scope = auth::scope(&svc, req, &slug).await?;
        Ok(Json(
            invitations::list(&svc, &scope, page(limit, cursor)?)
                .await?
                .into(),
        ))
    }

    /// Invite someone by e-mail. The mail with the link goes out through the worker; the link
    /// expires after 7 days unless configured otherwise.
    #[oai(path = "/networks/:slug/invitations", method = "post")]
    async fn create(
        &self,
        svc: Data<&Services>,
        req: &Request,
        slug: Path<String>,
        body: Json<InvitationCreate>,
    ) -> ApiResult<Json<InvitationOut>> {
        let scope = auth::scope(&svc, req, &slug).await?;
        let body = body.0;
        let created = invitations::create(
            &svc,
            &scope,
            NewInvitation {
                email: body.email,
                organisation_id: body.organisation_id.map(OrganisationId),
                role: body.role.into(),
            },
        )
        .await?;
        Ok(Json(created.into()))
    }

    /// Send a new link with a new expiry; the old link stops working.
    #[oai(path = "/networks/:slug/invitations/:id/resend", method = "post")]
    async fn resend(
        &self,
        svc: Data<&Services>,
        req: &Request,
        slug: Path<String>,
        id: Path<uuid::Uuid>,
    ) -> ApiResult<Json<InvitationOut>> {
        let scope = auth::scope(&svc, req, &slug).await?;
        Ok(Json(
            invitations::resend(&svc, &scope, InvitationId(id.0))
                .await?
                .into(),
        ))
    }

    /// Revoke a pending invitation; its link stops working.
    #[oai(path = "/networks/:slug/invitations/:id", method = "delete")]
    async fn revoke(
        &self,
        svc: Data<&Services>,
        req: &Request,
        slug: Path<String>,
        id: Path<uuid::Uuid>,
    ) -> ApiResult<Json<InvitationOut>> {
        let scope = auth::scope(&svc, req, &slug).await?;
        Ok(Json(
            invitations::revoke(&svc, &scope, InvitationId(id.0))
                .await?
                .into(),
        ))
    }
}
