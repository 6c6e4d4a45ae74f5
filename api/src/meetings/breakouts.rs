//! Breakout groups of a meeting: organisers create them and put registered participants in
//! them, by hand or automatically from preferences (optionally mixing sectors).

use domain::Services;
use domain::ids::{BreakoutGroupId, MeetingId, RegistrationId};
use domain::meetings::breakouts::{self, AutoAssigned, BreakoutGroup, NewBreakoutGroup};
use poem::Request;
use poem::web::Data;
use poem_openapi::param::Path;
use poem_openapi::payload::Json;
use poem_openapi::{ApiResponse, Object, OpenApi};

use crate::ApiTags;
use crate::auth;
use crate::problem::ApiResult;

#[derive(Debug, Clone, Object)]
pub struct BreakoutMember {
    pub registration_id: uuid::Uuid,
    pub name: String,
}

/// A breakout group. Organisers see every member; registered participants see the members
/// only when the meeting shows participants, and otherwise just themselves.
#[derive(Debug, Clone, Object)]
#[oai(rename = "BreakoutGroup", skip_serializing_if_is_none)]
pub struct BreakoutGroupOut {
    pub id: uuid::Uuid,
    pub name: String,
    pub facilitator: String,
    /// Absent is unlimited.
    pub capacity: Option<i32>,
    /// How many registered participants are in it.
    pub size: u64,
    pub members: Vec<BreakoutMember>,
}

impl From<BreakoutGroup> for BreakoutGroupOut {
    fn from(g: BreakoutGroup) -> Self {
        BreakoutGroupOut {
            id: g.id.0,
            name: g.name,
            facilitator: g.facilitator,
            capacity: g.capacity,
            size: g.size as u64,
            members: g
                .members
                .into_iter()
                .map(|(id, name)| BreakoutMember {
                    registration_id: id.0,
                    name,
                })
                .collect(),
        }
    }
}

#[derive(Debug, Object)]
#[oai(deny_unknown_fields)]
pub struct BreakoutGroupCreate {
    #[oai(validator(max_length = 200))]
    pub name: String,
    #[oai(validator(max_length = 200), default)]
    pub facilitator: String,
    /// 1–100000; absent is unlimited.
    pub capacity: Option<i32>,
}

#[derive(Debug, Object)]
#[oai(deny_unknown_fields)]
pub struct BreakoutAssignment {
    /// The group; `null` or absent takes the participant out of theirs.
    pub group_id: Option<uuid::Uuid>,
}

#[derive(Debug, Object)]
#[oai(deny_unknown_fields)]
pub struct AutoAssign {
    /// Spread each sector over the groups.
    #[oai(default)]
    pub mix_sectors: bool,
}

/// What an automatic assignment did.
#[derive(Debug, Object)]
pub struct AutoAssignResult {
    /// Participants given a group now.
    pub assigned: u64,
    /// Registered participants still without a group (every group was full).
    pub unassigned: u64,
}

impl From<AutoAssigned> for AutoAssignResult {
    fn from(a: AutoAssigned) -> Self {
        AutoAssignResult {
            assigned: a.assigned as u64,
            unassigned: a.unassigned as u64,
        }
    }
}

#[derive(ApiResponse)]
enum Done {
    /// Done.
    #[oai(status = 204)]
    Ok,
}

pub struct BreakoutsApi;

#[OpenApi(tag = "ApiTags::Meetings")]
impl BreakoutsApi {
    /// The meeting's breakout groups, as the caller may see them.
    #[oai(path = "/networks/:slug/meetings/:id/breakout-groups", method = "get")]
    async fn list(
        &self,
        svc: Data<&Services>,
        req: &Request,
        slug: Path<String>,
        id: Path<uuid::Uuid>,
    ) -> ApiResult<Json<Vec<BreakoutGroupOut>>> {
        let scope = auth::scope(&svc, req, &slug).await?;
        let groups = breakouts::list_groups(&svc, &scope, MeetingId(id.0)).await?;
        Ok(Json(groups.into_iter().map(Into::into).collect()))
    }

    /// Create a breakout group (organisers).
    #[oai(path = "/networks/:slug/meetings/:id/breakout-groups", method = "post")]
    async fn create(
        &self,
        svc: Data<&Services>,
        req: &Request,
        slug: Path<String>,
        id: Path<uuid::Uuid>,
        body: Json<BreakoutGroupCreate>,
    ) -> ApiResult<Json<BreakoutGroupOut>> {
        let scope = auth::scope(&svc, req, &slug).await?;
        let body = body.0;
        let group = breakouts::create_group(
            &svc,
            &scope,
            MeetingId(id.0),
            NewBreakoutGroup {
                name: body.name,
                facilitator: body.facilitator,
                capacity: body.capacity,
            },
        )
        .await?;
        Ok(Json(group.into()))
    }

    /// Delete a breakout group (organisers); its members are left without a group.
    #[oai(
        path = "/networks/:slug/meetings/:id/breakout-groups/:group_id",
        method = "delete"
    )]
    async fn delete(
        &self,
        svc: Data<&Services>,
        req: &Request,
        slug: Path<String>,
        id: Path<uuid::Uuid>,
        group_id: Path<uuid::Uuid>,
    ) -> ApiResult<Done> {
        let scope = auth::scope(&svc, req, &slug).await?;
        breakouts::delete_group(&svc, &scope, MeetingId(id.0), BreakoutGroupId(group_id.0)).await?;
        Ok(Done::Ok)
    }

    /// Put a registered participant in a group, or take them out (organisers). A full group
    /// answers 409 `group_full`.
    #[oai(
        path = "/networks/:slug/meetings/:id/registrations/:registration_id/breakout-group",
        method = "put"
    )]
    async fn assign(
        &self,
        svc: Data<&Services>,
        req: &Request,
        slug: Path<String>,
        id: Path<uuid::Uuid>,
        registration_id: Path<uuid::Uuid>,
        body: Json<BreakoutAssignment>,
    ) -> ApiResult<Done> {
        let scope = auth::scope(&svc, req, &slug).await?;
        breakouts::assign(
            &svc,
            &scope,
            MeetingId(id.0),
            RegistrationId(registration_id.0),
            body.group_id.map(BreakoutGroupId),
        )
        .await?;
        Ok(Done::Ok)
    }

    /// Put every registered participant without a group into one, honouring preferences and
    /// capacities (organisers).
    #[oai(
        path = "/networks/:slug/meetings/:id/breakout-groups/assign",
        method = "post"
    )]
    async fn auto_assign(
        &self,
        svc: Data<&Services>,
        req: &Request,
        slug: Path<String>,
        id: Path<uuid::Uuid>,
        body: Json<AutoAssign>,
    ) -> ApiResult<Json<AutoAssignResult>> {
        let scope = auth::scope(&svc, req, &slug).await?;
        let done = breakouts::auto_assign(&svc, &scope, MeetingId(id.0), body.mix_sectors).await?;
        Ok(Json(done.into()))
    }
}
