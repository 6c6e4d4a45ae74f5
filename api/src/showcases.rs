//! Projects.

use domain::Services;
use domain::ids::{GroupId, OrganisationId, ProjectId};
use domain::showcases::projects::{self, NewProject, Project, ProjectPatch, ProjectSummary};
use poem::Request;
use poem::web::Data;
use poem_openapi::param::{Path, Query};
use poem_openapi::payload::Json;
use poem_openapi::{Object, OpenApi};

use crate::ApiTags;
use crate::auth;
use crate::people::page;
use crate::problem::ApiResult;
use crate::types::{OrganisationRef, ProjectStatus, Visibility, page};

#[derive(Debug, Clone, Object)]
#[oai(rename = "Project", skip_serializing_if_is_none)]
pub struct ProjectOut {
    pub id: uuid::Uuid,
    pub owner_organisation: OrganisationRef,
    /// Limited to this working group, if set.
    pub group_id: Option<uuid::Uuid>,
    pub title: String,
    pub summary: String,
    /// Markdown as written.
    pub body: String,
    /// The body rendered to safe HTML.
    pub body_html: String,
    pub status: ProjectStatus,
    pub visibility: Visibility,
    pub tags: Vec<String>,
    /// May the caller edit it?
    pub editable: bool,
    pub created_at: chrono::DateTime<chrono::Utc>,
    pub updated_at: chrono::DateTime<chrono::Utc>,
}

impl From<Project> for ProjectOut {
    fn from(p: Project) -> Self {
        ProjectOut {
            id: p.id.0,
            owner_organisation: OrganisationRef {
                id: p.owner_organisation_id.0,
                name: p.owner_organisation_name,
            },
            group_id: p.group_id.map(|g| g.0),
            title: p.title,
            summary: p.summary,
            body: p.body,
            body_html: p.body_html,
            status: p.status.into(),
            visibility: p.visibility.into(),
            tags: p.tags,
            editable: p.editable,
            created_at: p.created_at,
            updated_at: p.updated_at,
        }
    }
}

/// A project in a list (no body).
#[derive(Debug, Clone, Object)]
#[oai(skip_serializing_if_is_none)]
pub struct ProjectListItem {
    pub id: uuid::Uuid,
    pub owner_organisation: OrganisationRef,
    pub group_id: Option<uuid::Uuid>,
    pub title: String,
    pub summary: String,
    pub status: ProjectStatus,
    pub visibility: Visibility,
    pub tags: Vec<String>,
    pub updated_at: chrono::DateTime<chrono::Utc>,
}

impl From<ProjectSummary> for ProjectListItem {
    fn from(p: ProjectSummary) -> Self {
        ProjectListItem {
            id: p.id.0,
            owner_organisation: OrganisationRef {
                id: p.owner_organisation_id.0,
                name: p.owner_organisation_name,
            },
            group_id: p.group_id.map(|g| g.0),
            title: p.title,
            summary: p.summary,
            status: p.status.into(),
            visibility: p.visibility.into(),
            tags: p.tags,
            updated_at: p.updated_at,
        }
    }
}

page!(ProjectPage, ProjectListItem);

#[derive(Debug, Object)]
#[oai(deny_unknown_fields)]
pub struct ProjectCreate {
    #[oai(validator(max_length = 200))]
    pub title: String,
    #[oai(validator(max_length = 1000), default)]
    pub summary: String,
    /// Markdown.
    #[oai(validator(max_length = 100000), default)]
    pub body: String,
    pub status: ProjectStatus,
    pub visibility: Visibility,
    /// Defaults to the caller's organisation.
    pub owner_organisation_id: Option<uuid::Uuid>,
    /// Limit the project to a working group.
    pub group_id: Option<uuid::Uuid>,
    #[oai(validator(max_items = 20, max_length = 50), default)]
    pub tags: Vec<String>,
}

/// Changes to a project; absent fields stay as they are.
#[derive(Debug, Object)]
#[oai(deny_unknown_fields)]
pub struct ProjectUpdate {
    #[oai(validator(max_length = 200))]
    pub title: Option<String>,
    #[oai(validator(max_length = 1000))]
    pub summary: Option<String>,
    #[oai(validator(max_length = 100000))]
    pub body: Option<String>,
    pub status: Option<ProjectStatus>,
    pub visibility: Option<Visibility>,
    pub owner_organisation_id: Option<uuid::Uuid>,
    pub group_id: Option<uuid::Uuid>,
    /// Lift the limit to a working group.
    #[oai(default)]
    pub clear_group: bool,
    #[oai(validator(max_items = 20, max_length = 50))]
    pub tags: Option<Vec<String>>,
}

pub struct ProjectsApi;

#[OpenApi(tag = "ApiTags::Projects")]
impl ProjectsApi {
    /// The projects the caller may read, newest first. Signed out: the public ones.
    #[oai(path = "/networks/:slug/projects", method = "get")]
    async fn list(
        &self,
        svc: Data<&Services>,
        req: &Request,
        slug: Path<String>,
        #[oai(validator(minimum(value = "1"), maximum(value = "100")))] limit: Query<Option<u64>>,
        #[oai(validator(max_length = 100))] cursor: Query<Option<String>>,
    ) -> ApiResult<Json<ProjectPage>> {
        let scope = auth::scope(&svc, req, &slug).await?;
        Ok(Json(
            projects::list(&svc, &scope, page(limit, cursor)?)
                .await?
                .into(),
        ))
    }

    /// Create a project (members for their own organisation, coordinators for any). It is
    /// searchable once the worker has indexed it, usually within a second.
    #[oai(path = "/networks/:slug/projects", method = "post")]
    async fn create(
        &self,
        svc: Data<&Services>,
        req: &Request,
        slug: Path<String>,
        body: Json<ProjectCreate>,
    ) -> ApiResult<Json<ProjectOut>> {
        let scope = auth::scope(&svc, req, &slug).await?;
        let body = body.0;
        let project = projects::create(
            &svc,
            &scope,
            NewProject {
                title: body.title,
                summary: body.summary,
                body: body.body,
                status: body.status.into(),
                visibility: body.visibility.into(),
                owner_organisation_id: body.owner_organisation_id.map(OrganisationId),
                group_id: body.group_id.map(GroupId),
                tags: body.tags,
            },
        )
        .await?;
        Ok(Json(project.into()))
    }

    #[oai(path = "/networks/:slug/projects/:id", method = "get")]
    async fn get(
        &self,
        svc: Data<&Services>,
        req: &Request,
        slug: Path<String>,
        id: Path<uuid::Uuid>,
    ) -> ApiResult<Json<ProjectOut>> {
        let scope = auth::scope(&svc, req, &slug).await?;
        Ok(Json(
            projects::get(&svc, &scope, ProjectId(id.0)).await?.into(),
        ))
    }

    /// Edit a project (its organisation's members, or coordinators).
    #[oai(path = "/networks/:slug/projects/:id", method = "patch")]
    async fn update(
        &self,
        svc: Data<&Services>,
        req: &Request,
        slug: Path<String>,
        id: Path<uuid::Uuid>,
        body: Json<ProjectUpdate>,
    ) -> ApiResult<Json<ProjectOut>> {
        let scope = auth::scope(&svc, req, &slug).await?;
        let body = body.0;
        let group_id = if body.clear_group {
            Some(None)
        } else {
            body.group_id.map(|g| Some(GroupId(g)))
        };
        let patch = ProjectPatch {
            title: body.title,
            summary: body.summary,
            body: body.body,
            status: body.status.map(Into::into),
            visibility: body.visibility.map(Into::into),
            owner_organisation_id: body.owner_organisation_id.map(OrganisationId),
            group_id,
            tags: body.tags,
        };
        Ok(Json(
            projects::update(&svc, &scope, ProjectId(id.0), patch)
                .await?
                .into(),
        ))
    }
}
