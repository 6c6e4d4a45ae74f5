use domain::Services;
use domain::ids::{GroupId, MembershipId};
use domain::people::groups::{self, Group, GroupMember, GroupPatch, NewGroup};
use poem::Request;
use poem::web::Data;
use poem_openapi::param::{Path, Query};
use poem_openapi::payload::Json;
use poem_openapi::{ApiResponse, Object, OpenApi};

use crate::ApiTags;
use crate::auth;
use crate::people::page;
use crate::problem::ApiResult;
use crate::types::page;

#[derive(Debug, Clone, Object)]
#[oai(rename = "Group")]
pub struct GroupOut {
    pub id: uuid::Uuid,
    pub name: String,
    pub description: String,
    /// Open groups can be joined by any member; closed ones only by a coordinator's hand.
    pub is_open: bool,
    pub member_count: u64,
    pub created_at: chrono::DateTime<chrono::Utc>,
}

impl From<Group> for GroupOut {
    fn from(g: Group) -> Self {
        GroupOut {
            id: g.id.0,
            name: g.name,
            description: g.description,
            is_open: g.is_open,
            member_count: g.member_count,
            created_at: g.created_at,
        }
    }
}

page!(GroupPage, GroupOut);

#[derive(Debug, Clone, Object)]
#[oai(rename = "GroupMember")]
pub struct GroupMemberOut {
    pub membership_id: uuid::Uuid,
    pub display_name: String,
    pub is_coordinator: bool,
}

impl From<GroupMember> for GroupMemberOut {
    fn from(m: GroupMember) -> Self {
        GroupMemberOut {
            membership_id: m.membership_id.0,
            display_name: m.display_name,
            is_coordinator: m.is_coordinator,
        }
    }
}

#[derive(Debug, Object)]
#[oai(deny_unknown_fields)]
pub struct GroupCreate {
    #[oai(validator(max_length = 200))]
    pub name: String,
    #[oai(validator(max_length = 5000), default)]
    pub description: String,
    #[oai(default)]
    pub is_open: bool,
}

#[derive(Debug, Object)]
#[oai(deny_unknown_fields)]
pub struct GroupUpdate {
    #[oai(validator(max_length = 200))]
    pub name: Option<String>,
    #[oai(validator(max_length = 5000))]
    pub description: Option<String>,
    pub is_open: Option<bool>,
}

#[derive(Debug, Object)]
#[oai(deny_unknown_fields)]
pub struct GroupMembership {
    /// Whether the member coordinates the group.
    #[oai(default)]
    pub is_coordinator: bool,
}

#[derive(ApiResponse)]
enum Removed {
    /// Removed.
    #[oai(status = 204)]
    Ok,
}

pub struct GroupsApi;

#[OpenApi(tag = "ApiTags::People")]
impl GroupsApi {
    /// The network's working groups, newest first.
    #[oai(path = "/networks/:slug/groups", method = "get")]
    async fn list(
        &self,
        svc: Data<&Services>,
        req: &Request,
        slug: Path<String>,
        #[oai(validator(minimum(value = "1"), maximum(value = "100")))] limit: Query<Option<u64>>,
        #[oai(validator(max_length = 100))] cursor: Query<Option<String>>,
    ) -> ApiResult<Json<GroupPage>> {
        let scope = auth::scope(&svc, req, &slug).await?;
        Ok(Json(
            groups::list(&svc, &scope, page(limit, cursor)?)
                .await?
                .into(),
        ))
    }

    /// Create a working group (coordinators).
    #[oai(path = "/networks/:slug/groups", method = "post")]
    async fn create(
        &self,
        svc: Data<&Services>,
        req: &Request,
        slug: Path<String>,
        body: Json<GroupCreate>,
    ) -> ApiResult<Json<GroupOut>> {
        let scope = auth::scope(&svc, req, &slug).await?;
        let body = body.0;
        let group = groups::create(
            &svc,
            &scope,
            NewGroup {
                name: body.name,
                description: body.description,
                is_open: body.is_open,
            },
        )
        .await?;
        Ok(Json(group.into()))
    }

    #[oai(path = "/networks/:slug/groups/:id", method = "get")]
    async fn get(
        &self,
        svc: Data<&Services>,
        req: &Request,
        slug: Path<String>,
        id: Path<uuid::Uuid>,
    ) -> ApiResult<Json<GroupOut>> {
        let scope = auth::scope(&svc, req, &slug).await?;
        Ok(Json(groups::get(&svc, &scope, GroupId(id.0)).await?.into()))
    }

    /// Rename, describe, open or close a group (network or group coordinators).
    #[oai(path = "/networks/:slug/groups/:id", method = "patch")]
    async fn update(
        &self,
        svc: Data<&Services>,
        req: &Request,
        slug: Path<String>,
        id: Path<uuid::Uuid>,
        body: Json<GroupUpdate>,
    ) -> ApiResult<Json<GroupOut>> {
        let scope = auth::scope(&svc, req, &slug).await?;
        let body = body.0;
        let patch = GroupPatch {
            name: body.name,
            description: body.description,
            is_open: body.is_open,
        };
        Ok(Json(
            groups::update(&svc, &scope, GroupId(id.0), patch)
                .await?
                .into(),
        ))
    }

    /// The group's members by name.
    #[oai(path = "/networks/:slug/groups/:id/members", method = "get")]
    async fn members(
        &self,
        svc: Data<&Services>,
        req: &Request,
        slug: Path<String>,
        id: Path<uuid::Uuid>,
    ) -> ApiResult<Json<Vec<GroupMemberOut>>> {
        let scope = auth::scope(&svc, req, &slug).await?;
        let members = groups::members(&svc, &scope, GroupId(id.0)).await?;
        Ok(Json(members.into_iter().map(Into::into).collect()))
    }

    /// Add a member to the group or change whether they coordinate it. Coordinators add anyone;
    /// a member may add themselves to an open group.
    #[oai(path = "/networks/:slug/groups/:id/members/:member_id", method = "put")]
    async fn add_member(
        &self,
        svc: Data<&Services>,
        req: &Request,
        slug: Path<String>,
        id: Path<uuid::Uuid>,
        member_id: Path<uuid::Uuid>,
        body: Json<GroupMembership>,
    ) -> ApiResult<Json<GroupMemberOut>> {
        let scope = auth::scope(&svc, req, &slug).await?;
        let added = groups::add_member(
            &svc,
            &scope,
            GroupId(id.0),
            MembershipId(member_id.0),
            body.is_coordinator,
        )
        .await?;
        Ok(Json(added.into()))
    }

    /// Remove a member from the group (coordinators), or leave it (the member).
    #[oai(
        path = "/networks/:slug/groups/:id/members/:member_id",
        method = "delete"
    )]
    async fn remove_member(
        &self,
        svc: Data<&Services>,
        req: &Request,
        slug: Path<String>,
        id: Path<uuid::Uuid>,
        member_id: Path<uuid::Uuid>,
    ) -> ApiResult<Removed> {
        let scope = auth::scope(&svc, req, &slug).await?;
        groups::remove_member(&svc, &scope, GroupId(id.0), MembershipId(member_id.0)).await?;
        Ok(Removed::Ok)
    }
}
