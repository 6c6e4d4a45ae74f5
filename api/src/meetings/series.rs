//! Meeting series: a template meeting and a recurrence rule, written out as ordinary meetings
//! (each occurrence is then changed, cancelled and registered for on its own).

use domain::Services;
use domain::ids::SeriesId;
use domain::meetings::series::{self, NewSeries, Series};
use poem::Request;
use poem::web::Data;
use poem_openapi::param::Path;
use poem_openapi::payload::Json;
use poem_openapi::{Object, OpenApi};

use super::schedule::{MeetingCreate, MeetingListItem};
use crate::ApiTags;
use crate::auth;
use crate::problem::ApiResult;

/// A series and the occurrences the caller may see, in order.
#[derive(Debug, Clone, Object)]
#[oai(rename = "MeetingSeries")]
pub struct SeriesOut {
    pub id: uuid::Uuid,
    /// The recurrence rule as stored (canonical, upper case).
    pub rule: String,
    pub occurrences: Vec<MeetingListItem>,
}

impl From<Series> for SeriesOut {
    fn from(s: Series) -> Self {
        SeriesOut {
            id: s.id.0,
            rule: s.rule,
            occurrences: s.occurrences.into_iter().map(Into::into).collect(),
        }
    }
}

#[derive(Debug, Object)]
#[oai(deny_unknown_fields)]
pub struct SeriesCreate {
    /// The first meeting; its times (registration times too) move with each occurrence by the
    /// same wall-clock distance in the network's time zone. Its field errors are named as for
    /// a single meeting (`title`, `ends_at`, …).
    pub template: MeetingCreate,
    /// An RFC 5545 RRULE value, e.g. `FREQ=MONTHLY;BYDAY=1TU` (an `RRULE:` prefix is accepted).
    #[oai(validator(max_length = 500))]
    pub rule: String,
    /// How many occurrences to write: default 12, at most 52 (COUNT or UNTIL in the rule may
    /// stop it earlier).
    pub occurrences: Option<u32>,
}

pub struct SeriesApi;

#[OpenApi(tag = "ApiTags::Meetings")]
impl SeriesApi {
    /// Create a series of meetings from a template and a rule (coordinators).
    #[oai(path = "/networks/:slug/meeting-series", method = "post")]
    async fn create(
        &self,
        svc: Data<&Services>,
        req: &Request,
        slug: Path<String>,
        body: Json<SeriesCreate>,
    ) -> ApiResult<Json<SeriesOut>> {
        let scope = auth::scope(&svc, req, &slug).await?;
        let body = body.0;
        let created = series::create_series(
            &svc,
            &scope,
            NewSeries {
                template: body.template.into(),
                rule: body.rule,
                occurrences: body.occurrences,
            },
        )
        .await?;
        Ok(Json(created.into()))
    }

    /// A series with the occurrences the caller may see.
    #[oai(path = "/networks/:slug/meeting-series/:series_id", method = "get")]
    async fn get(
        &self,
        svc: Data<&Services>,
        req: &Request,
        slug: Path<String>,
        series_id: Path<uuid::Uuid>,
    ) -> ApiResult<Json<SeriesOut>> {
        let scope = auth::scope(&svc, req, &slug).await?;
        Ok(Json(
            series::series(&svc, &scope, SeriesId(series_id.0))
                .await?
                .into(),
        ))
    }
}
