//! A network's public face and its settings.

use domain::Services;
use domain::tenancy::{self, Network, NetworkPatch};
use poem::Request;
use poem::web::Data;
use poem_openapi::param::Path;
use poem_openapi::payload::Json;
use poem_openapi::{Object, OpenApi};

use crate::ApiTags;
use crate::auth;
use crate::problem::ApiResult;
use crate::types::Language;

#[derive(Debug, Clone, Object)]
pub struct NetworkSummary {
    pub id: uuid::Uuid,
    pub slug: String,
    pub name: String,
    pub default_language: Language,
    /// An IANA time zone, e.g. `Europe/Copenhagen`.
    pub time_zone: String,
    pub guest_retention_months: i32,
    pub case_retention_days: i32,
}

impl From<Network> for NetworkSummary {
    fn from(n: Network) -> Self {
        NetworkSummary {
            id: n.id.0,
            slug: n.slug,
            name: n.name,
            default_language: n.default_language.into(),
            time_zone: n.time_zone.name().to_owned(),
            guest_retention_months: n.guest_retention_months,
            case_retention_days: n.case_retention_days,
        }
    }
}

/// Network settings to change (owners). Absent fields stay as they are.
#[derive(Debug, Object)]
#[oai(deny_unknown_fields)]
pub struct NetworkUpdate {
    #[oai(validator(max_length = 200))]
    pub name: Option<String>,
    pub default_language: Option<Language>,
    #[oai(validator(max_length = 64))]
    pub time_zone: Option<String>,
    /// Months after a meeting until guest registrations, answers and attendance are deleted (1–60).
    pub guest_retention_months: Option<i32>,
    /// Days after a consultation meeting until its case texts are deleted (1–365).
    pub case_retention_days: Option<i32>,
}

pub struct NetworksApi;

#[OpenApi(tag = "ApiTags::Networks")]
impl NetworksApi {
    /// A network: name, language and time zone. Readable by anyone who knows its slug.
    #[oai(path = "/networks/:slug", method = "get")]
    async fn get(
        &self,
        svc: Data<&Services>,
        req: &Request,
        slug: Path<String>,
    ) -> ApiResult<Json<NetworkSummary>> {
        let scope = auth::scope(&svc, req, &slug).await?;
        Ok(Json(scope.network().clone().into()))
    }

    /// Change the network's name, default language or time zone (owners).
    #[oai(path = "/networks/:slug", method = "patch")]
    async fn update(
        &self,
        svc: Data<&Services>,
        req: &Request,
        slug: Path<String>,
        body: Json<NetworkUpdate>,
    ) -> ApiResult<Json<NetworkSummary>> {
        let scope = auth::scope(&svc, req, &slug).await?;
        let body = body.0;
        let network = tenancy::update_network(
            &svc,
            &scope,
            NetworkPatch {
                name: body.name,
                default_language: body.default_language.map(Into::into),
                time_zone: body.time_zone,
                guest_retention_months: body.guest_retention_months,
                case_retention_days: body.case_retention_days,
            },
        )
        .await?;
        Ok(Json(network.into()))
    }
}
