use domain::Services;
use domain::ids::{MembershipId, OrganisationId};
use domain::people::members::{self, Member, MemberPatch};
use poem::Request;
use poem::web::Data;
use poem_openapi::param::{Path, Query};
use poem_openapi::payload::Json;
use poem_openapi::{ApiResponse, Object, OpenApi};

use crate::ApiTags;
use crate::auth;
use crate::people::page;
use crate::problem::ApiResult;
use crate::types::{MembershipStatus, OrganisationRef, Role, page};

#[derive(Debug, Clone, Object)]
#[oai(rename = "Member", skip_serializing_if_is_none)]
pub struct MemberOut {
    /// The membership's id.
    pub id: uuid::Uuid,
    pub user_id: uuid::Uuid,
    pub display_name: String,
    /// Shown to those who manage people.
    pub email: Option<String>,
    pub organisation: Option<OrganisationRef>,
    pub role: Role,
    pub status: MembershipStatus,
    pub created_at: chrono::DateTime<chrono::Utc>,
}

impl From<Member> for MemberOut {
    fn from(m: Member) -> Self {
        MemberOut {
            id: m.id.0,
            user_id: m.user_id.0,
            display_name: m.display_name,
            email: m.email,
            organisation: m.organisation_id.map(|id| OrganisationRef {
                id: id.0,
                name: m.organisation_name.unwrap_or_default(),
            }),
            role: m.role.into(),
            status: m.status.into(),
            created_at: m.created_at,
        }
    }
}

page!(MemberPage, MemberOut);

/// Changes to a membership. Coordinators manage observers, partners and members; owners also
/// coordinators and owners. Suspending ends the person's sessions. The last owner stays.
#[derive(Debug, Object)]
#[oai(deny_unknown_fields)]
pub struct MemberUpdate {
    pub role: Option<Role>,
    /// `active` or `suspended`.
    pub status: Option<MembershipStatus>,
    pub organisation_id: Option<uuid::Uuid>,
    /// Detach the member from their organisation.
    #[oai(default)]
    pub clear_organisation: bool,
}

#[derive(ApiResponse)]
enum Removed {
    /// Removed.
    #[oai(status = 204)]
    Ok,
}

pub struct MembersApi;

#[OpenApi(tag = "ApiTags::People")]
impl MembersApi {
    /// The network's members, newest first.
    #[oai(path = "/networks/:slug/members", method = "get")]
    async fn list(
        &self,
        svc: Data<&Services>,
        req: &Request,
        slug: Path<String>,
        #[oai(validator(minimum(value = "1"), maximum(value = "100")))] limit: Query<Option<u64>>,
        #[oai(validator(max_length = 100))] cursor: Query<Option<String>>,
    ) -> ApiResult<Json<MemberPage>> {
        let scope = auth::scope(&svc, req, &slug).await?;
        Ok(Json(
            members::list(&svc, &scope, page(limit, cursor)?)
                .await?
                .into(),
        ))
    }

    #[oai(path = "/networks/:slug/members/:id", method = "get")]
    async fn get(
        &self,
        svc: Data<&Services>,
        req: &Request,
        slug: Path<String>,
        id: Path<uuid::Uuid>,
    ) -> ApiResult<Json<MemberOut>> {
        let scope = auth::scope(&svc, req, &slug).await?;
        Ok(Json(
            members::get(&svc, &scope, MembershipId(id.0)).await?.into(),
        ))
    }

    /// Change a member's role, status or organisation.
    #[oai(path = "/networks/:slug/members/:id", method = "patch")]
    async fn update(
        &self,
        svc: Data<&Services>,
        req: &Request,
        slug: Path<String>,
        id: Path<uuid::Uuid>,
        body: Json<MemberUpdate>,
    ) -> ApiResult<Json<MemberOut>> {
        let scope = auth::scope(&svc, req, &slug).await?;
        let body = body.0;
        let organisation_id = if body.clear_organisation {
            Some(None)
        } else {
            body.organisation_id.map(|id| Some(OrganisationId(id)))
        };
        let patch = MemberPatch {
            role: body.role.map(Into::into),
            status: body.status.map(Into::into),
            organisation_id,
        };
        Ok(Json(
            members::update(&svc, &scope, MembershipId(id.0), patch)
                .await?
                .into(),
        ))
    }

    /// Remove a member from the network (their account stays).
    #[oai(path = "/networks/:slug/members/:id", method = "delete")]
    async fn remove(
        &self,
        svc: Data<&Services>,
        req: &Request,
        slug: Path<String>,
        id: Path<uuid::Uuid>,
    ) -> ApiResult<Removed> {
        let scope = auth::scope(&svc, req, &slug).await?;
        members::remove(&svc, &scope, MembershipId(id.0)).await?;
        Ok(Removed::Ok)
    }
}
