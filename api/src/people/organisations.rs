use domain::Services;
use domain::ids::OrganisationId;
use domain::people::organisations::{self, NewOrganisation, Organisation, OrganisationPatch};
use poem::Request;
use poem::web::Data;
use poem_openapi::param::{Path, Query};
use poem_openapi::payload::Json;
use poem_openapi::{Object, OpenApi};

use crate::ApiTags;
use crate::auth;
use crate::people::page;
use crate::problem::ApiResult;
use crate::types::{Sector, page};

#[derive(Debug, Clone, Object)]
#[oai(rename = "Organisation", skip_serializing_if_is_none)]
pub struct OrganisationOut {
    pub id: uuid::Uuid,
    pub name: String,
    pub sector: Sector,
    /// CVR, organisasjonsnummer or similar.
    pub registry_number: Option<String>,
    pub created_at: chrono::DateTime<chrono::Utc>,
}

impl From<Organisation> for OrganisationOut {
    fn from(o: Organisation) -> Self {
        OrganisationOut {
            id: o.id.0,
            name: o.name,
            sector: o.sector.into(),
            registry_number: o.registry_number,
            created_at: o.created_at,
        }
    }
}

page!(OrganisationPage, OrganisationOut);

#[derive(Debug, Object)]
#[oai(deny_unknown_fields)]
pub struct OrganisationCreate {
    #[oai(validator(max_length = 200))]
    pub name: String,
    pub sector: Sector,
    #[oai(validator(max_length = 32))]
    pub registry_number: Option<String>,
}

#[derive(Debug, Object)]
#[oai(deny_unknown_fields)]
pub struct OrganisationUpdate {
    #[oai(validator(max_length = 200))]
    pub name: Option<String>,
    pub sector: Option<Sector>,
    /// An empty string clears it.
    #[oai(validator(max_length = 32))]
    pub registry_number: Option<String>,
}

pub struct OrganisationsApi;

#[OpenApi(tag = "ApiTags::People")]
impl OrganisationsApi {
    /// The network's organisations, newest first.
    #[oai(path = "/networks/:slug/organisations", method = "get")]
    async fn list(
        &self,
        svc: Data<&Services>,
        req: &Request,
        slug: Path<String>,
        #[oai(validator(minimum(value = "1"), maximum(value = "100")))] limit: Query<Option<u64>>,
        #[oai(validator(max_length = 100))] cursor: Query<Option<String>>,
    ) -> ApiResult<Json<OrganisationPage>> {
        let scope = auth::scope(&svc, req, &slug).await?;
        let page = organisations::list(&svc, &scope, page(limit, cursor)?).await?;
        Ok(Json(page.into()))
    }

    /// Add an organisation (coordinators).
    #[oai(path = "/networks/:slug/organisations", method = "post")]
    async fn create(
        &self,
        svc: Data<&Services>,
        req: &Request,
        slug: Path<String>,
        body: Json<OrganisationCreate>,
    ) -> ApiResult<Json<OrganisationOut>> {
        let scope = auth::scope(&svc, req, &slug).await?;
        let body = body.0;
        let created = organisations::create(
            &svc,
            &scope,
            NewOrganisation {
                name: body.name,
                sector: body.sector.into(),
                registry_number: body.registry_number,
            },
        )
        .await?;
        Ok(Json(created.into()))
    }

    #[oai(path = "/networks/:slug/organisations/:id", method = "get")]
    async fn get(
        &self,
        svc: Data<&Services>,
        req: &Request,
        slug: Path<String>,
        id: Path<uuid::Uuid>,
    ) -> ApiResult<Json<OrganisationOut>> {
        let scope = auth::scope(&svc, req, &slug).await?;
        Ok(Json(
            organisations::get(&svc, &scope, OrganisationId(id.0))
                .await?
                .into(),
        ))
    }

    /// Rename an organisation, change its sector or registry number (coordinators).
    #[oai(path = "/networks/:slug/organisations/:id", method = "patch")]
    async fn update(
        &self,
        svc: Data<&Services>,
        req: &Request,
        slug: Path<String>,
        id: Path<uuid::Uuid>,
        body: Json<OrganisationUpdate>,
    ) -> ApiResult<Json<OrganisationOut>> {
        let scope = auth::scope(&svc, req, &slug).await?;
        let body = body.0;
        let patch = OrganisationPatch {
            name: body.name,
            sector: body.sector.map(Into::into),
            registry_number: body
                .registry_number
                .map(|n| (!n.trim().is_empty()).then_some(n)),
        };
        Ok(Json(
            organisations::update(&svc, &scope, OrganisationId(id.0), patch)
                .await?
                .into(),
        ))
    }
}
