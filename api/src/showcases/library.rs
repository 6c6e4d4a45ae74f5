//! The cross-network project library.

use domain::Services;
use domain::showcases::library::{self, LibraryItem};
use poem::Request;
use poem::web::Data;
use poem_openapi::param::{Path, Query};
use poem_openapi::payload::Json;
use poem_openapi::{Object, OpenApi};

use super::projects::ProjectListItem;
use super::{AgeGroup, ProjectSector, filters};
use crate::ApiTags;
use crate::auth;
use crate::people::page;
use crate::problem::ApiResult;
use crate::types::{ProjectStatus, page};

/// A project in the library, with the network that owns it. It opens at
/// `GET /networks/{network_slug}/projects/{id}`.
#[derive(Debug, Clone, Object)]
pub struct LibraryEntry {
    pub project: ProjectListItem,
    pub network_slug: String,
    pub network_name: String,
    /// Is it a project of the network the library was asked through?
    pub own_network: bool,
}

impl From<LibraryItem> for LibraryEntry {
    fn from(item: LibraryItem) -> Self {
        LibraryEntry {
            project: item.project.into(),
            network_slug: item.network_slug,
            network_name: item.network_name,
            own_network: item.own_network,
        }
    }
}

page!(LibraryPage, LibraryEntry);

pub struct LibraryApi;

#[OpenApi(tag = "ApiTags::Projects")]
impl LibraryApi {
    /// The cross-network project library: the shared and public projects of every network,
    /// newest first, for members (and tokens) of the network named in the path.
    #[oai(path = "/networks/:slug/library", method = "get")]
    #[allow(clippy::too_many_arguments)]
    async fn list(
        &self,
        svc: Data<&Services>,
        req: &Request,
        slug: Path<String>,
        status: Query<Option<ProjectStatus>>,
        sector: Query<Option<ProjectSector>>,
        age_group: Query<Option<AgeGroup>>,
        #[oai(validator(max_length = 100))] municipality: Query<Option<String>>,
        #[oai(validator(minimum(value = "1"), maximum(value = "100")))] limit: Query<Option<u64>>,
        #[oai(validator(max_length = 100))] cursor: Query<Option<String>>,
    ) -> ApiResult<Json<LibraryPage>> {
        let scope = auth::scope(&svc, req, &slug).await?;
        let filters = filters(status.0, sector.0, age_group.0, municipality.0);
        Ok(Json(
            library::list(&svc, &scope, &filters, page(limit, cursor)?)
                .await?
                .into(),
        ))
    }
}
