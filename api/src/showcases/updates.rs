//! Project updates. An organisation's token posts on its own organisation's projects (and those
//! it partners in); on any other project it is answered 404.

use chrono::{DateTime, Utc};
use domain::Services;
use domain::ids::{ProjectId, ProjectUpdateId};
use domain::showcases::updates::{self, NewUpdate, ProjectUpdate, UpdatePatch};
use poem::Request;
use poem::web::Data;
use poem_openapi::param::{Path, Query};
use poem_openapi::payload::Json;
use poem_openapi::{ApiResponse, Object, OpenApi};

use crate::ApiTags;
use crate::auth;
use crate::people::page;
use crate::problem::ApiResult;
use crate::types::{OrganisationRef, page};

#[derive(Debug, Clone, Object)]
#[oai(rename = "ProjectUpdate", skip_serializing_if_is_none)]
pub struct UpdateOut {
    pub id: uuid::Uuid,
    pub project_id: uuid::Uuid,
    /// The organisation it was posted for.
    pub organisation: Option<OrganisationRef>,
    /// The author's name, or the token's.
    pub author: String,
    pub title: String,
    /// Markdown as written.
    pub body: String,
    pub body_html: String,
    /// May the caller edit or delete it?
    pub editable: bool,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl From<ProjectUpdate> for UpdateOut {
    fn from(u: ProjectUpdate) -> Self {
        UpdateOut {
            id: u.id.0,
            project_id: u.project_id.0,
            organisation: match (u.organisation_id, u.organisation_name) {
                (Some(id), Some(name)) => Some(OrganisationRef { id: id.0, name }),
                _ => None,
            },
            author: u.author,
            title: u.title,
            body: u.body,
            body_html: u.body_html,
            editable: u.editable,
            created_at: u.created_at,
            updated_at: u.updated_at,
        }
    }
}

page!(UpdatePage, UpdateOut);

#[derive(Debug, Object)]
#[oai(deny_unknown_fields)]
pub struct UpdateCreate {
    #[oai(validator(max_length = 200))]
    pub title: String,
    /// Markdown.
    #[oai(validator(max_length = 100000), default)]
    pub body: String,
}

#[derive(Debug, Object)]
#[oai(deny_unknown_fields)]
pub struct UpdateChange {
    #[oai(validator(max_length = 200))]
    pub title: Option<String>,
    #[oai(validator(max_length = 100000))]
    pub body: Option<String>,
}

#[derive(ApiResponse)]
enum Posted {
    /// Posted; the project's followers are told.
    #[oai(status = 201)]
    Created(Json<UpdateOut>),
}

#[derive(ApiResponse)]
enum Done {
    /// Done.
    #[oai(status = 204)]
    Ok,
}

pub struct UpdatesApi;

#[OpenApi(tag = "ApiTags::Projects")]
impl UpdatesApi {
    /// A project's updates, newest first.
    #[oai(path = "/networks/:slug/projects/:id/updates", method = "get")]
    async fn list(
        &self,
        svc: Data<&Services>,
        req: &Request,
        slug: Path<String>,
        id: Path<uuid::Uuid>,
        #[oai(validator(minimum(value = "1"), maximum(value = "100")))] limit: Query<Option<u64>>,
        #[oai(validator(max_length = 100))] cursor: Query<Option<String>>,
    ) -> ApiResult<Json<UpdatePage>> {
        let scope = auth::scope(&svc, req, &slug).await?;
        Ok(Json(
            updates::list(&svc, &scope, ProjectId(id.0), page(limit, cursor)?)
                .await?
                .into(),
        ))
    }

    /// Post an update (the project's owner and partner organisations — members, partners and
    /// their tokens — and coordinators). Anyone else gets 404.
    #[oai(path = "/networks/:slug/projects/:id/updates", method = "post")]
    async fn post(
        &self,
        svc: Data<&Services>,
        req: &Request,
        slug: Path<String>,
        id: Path<uuid::Uuid>,
        body: Json<UpdateCreate>,
    ) -> ApiResult<Posted> {
        let scope = auth::scope(&svc, req, &slug).await?;
        let body = body.0;
        let update = updates::post(
            &svc,
            &scope,
            ProjectId(id.0),
            NewUpdate {
                title: body.title,
                body: body.body,
            },
        )
        .await?;
        Ok(Posted::Created(Json(update.into())))
    }

    /// Edit an update (its author, or coordinators).
    #[oai(
        path = "/networks/:slug/projects/:id/updates/:update_id",
        method = "patch"
    )]
    async fn edit(
        &self,
        svc: Data<&Services>,
        req: &Request,
        slug: Path<String>,
        id: Path<uuid::Uuid>,
        update_id: Path<uuid::Uuid>,
        body: Json<UpdateChange>,
    ) -> ApiResult<Json<UpdateOut>> {
        let scope = auth::scope(&svc, req, &slug).await?;
        let body = body.0;
        let update = updates::edit(
            &svc,
            &scope,
            ProjectId(id.0),
            ProjectUpdateId(update_id.0),
            UpdatePatch {
                title: body.title,
                body: body.body,
            },
        )
        .await?;
        Ok(Json(update.into()))
    }

    /// Delete an update (its author, or coordinators).
    #[oai(
        path = "/networks/:slug/projects/:id/updates/:update_id",
        method = "delete"
    )]
    async fn delete(
        &self,
        svc: Data<&Services>,
        req: &Request,
        slug: Path<String>,
        id: Path<uuid::Uuid>,
        update_id: Path<uuid::Uuid>,
    ) -> ApiResult<Done> {
        let scope = auth::scope(&svc, req, &slug).await?;
        updates::delete(&svc, &scope, ProjectId(id.0), ProjectUpdateId(update_id.0)).await?;
        Ok(Done::Ok)
    }
}
