//! A meeting's programme (agenda items, some of them parallel sessions) and its registration
//! questions. Organisers only.

use chrono::{DateTime, Utc};
use domain::Services;
use domain::ids::{AgendaItemId, MeetingId, QuestionId};
use domain::meetings::{
    self, AgendaItem, NewAgendaItem, NewQuestion, Question, agenda, registration_questions,
};
use poem::Request;
use poem::web::Data;
use poem_openapi::param::Path;
use poem_openapi::payload::Json;
use poem_openapi::{ApiResponse, Object, OpenApi};

use crate::ApiTags;
use crate::auth;
use crate::problem::ApiResult;
use crate::types::{AgendaKind, QuestionKind};

#[derive(Debug, Clone, Object)]
#[oai(deny_unknown_fields)]
pub struct Speaker {
    #[oai(validator(max_length = 200))]
    pub name: String,
    #[oai(validator(max_length = 200), default)]
    pub organisation: String,
}

/// An item of the programme.
#[derive(Debug, Clone, Object)]
#[oai(rename = "AgendaItem", skip_serializing_if_is_none)]
pub struct AgendaItemOut {
    pub id: uuid::Uuid,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub title: String,
    pub description: String,
    pub kind: AgendaKind,
    pub speakers: Vec<Speaker>,
    /// A parallel session participants choose when registering.
    pub selectable: bool,
    /// Places in the session; absent is unlimited.
    pub capacity: Option<i32>,
}

impl From<AgendaItem> for AgendaItemOut {
    fn from(i: AgendaItem) -> Self {
        AgendaItemOut {
            id: i.id.0,
            starts_at: i.starts_at,
            ends_at: i.ends_at,
            title: i.title,
            description: i.description,
            kind: i.kind.into(),
            speakers: i
                .speakers
                .into_iter()
                .map(|s| Speaker {
                    name: s.name,
                    organisation: s.organisation,
                })
                .collect(),
            selectable: i.selectable,
            capacity: i.capacity,
        }
    }
}

/// An agenda item, new or replacing one. It must lie within the meeting.
#[derive(Debug, Object)]
#[oai(deny_unknown_fields)]
pub struct AgendaItemBody {
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    #[oai(validator(max_length = 200))]
    pub title: String,
    #[oai(validator(max_length = 5000), default)]
    pub description: String,
    pub kind: AgendaKind,
    #[oai(validator(max_items = 20), default)]
    pub speakers: Vec<Speaker>,
    /// A parallel session, chosen at registration.
    #[oai(default)]
    pub selectable: bool,
    /// Places in a selectable session (1–100000); absent is unlimited.
    pub capacity: Option<i32>,
}

impl From<AgendaItemBody> for NewAgendaItem {
    fn from(b: AgendaItemBody) -> Self {
        NewAgendaItem {
            starts_at: b.starts_at,
            ends_at: b.ends_at,
            title: b.title,
            description: b.description,
            kind: b.kind.into(),
            speakers: b
                .speakers
                .into_iter()
                .map(|s| meetings::Speaker {
                    name: s.name,
                    organisation: s.organisation,
                })
                .collect(),
            selectable: b.selectable,
            capacity: b.capacity,
        }
    }
}

/// A registration question.
#[derive(Debug, Clone, Object)]
#[oai(rename = "Question")]
pub struct QuestionOut {
    /// Answers are keyed by this id.
    pub id: uuid::Uuid,
    pub position: i32,
    pub kind: QuestionKind,
    pub label: String,
    /// The choices of a choice question.
    pub options: Vec<String>,
    pub required: bool,
}

impl From<Question> for QuestionOut {
    fn from(q: Question) -> Self {
        QuestionOut {
            id: q.id.0,
            position: q.position,
            kind: q.kind.into(),
            label: q.label,
            options: q.options,
            required: q.required,
        }
    }
}

#[derive(Debug, Object)]
#[oai(deny_unknown_fields)]
pub struct QuestionCreate {
    pub kind: QuestionKind,
    #[oai(validator(max_length = 200))]
    pub label: String,
    /// At least two for a choice question; none for a text question.
    #[oai(validator(max_items = 30, max_length = 200), default)]
    pub options: Vec<String>,
    #[oai(default)]
    pub required: bool,
}

#[derive(ApiResponse)]
enum Removed {
    /// Removed.
    #[oai(status = 204)]
    Ok,
}

pub struct ProgrammeApi;

#[OpenApi(tag = "ApiTags::Meetings")]
impl ProgrammeApi {
    /// Add an item to the programme (organisers).
    #[oai(path = "/networks/:slug/meetings/:id/agenda", method = "post")]
    async fn add_item(
        &self,
        svc: Data<&Services>,
        req: &Request,
        slug: Path<String>,
        id: Path<uuid::Uuid>,
        body: Json<AgendaItemBody>,
    ) -> ApiResult<Json<AgendaItemOut>> {
        let scope = auth::scope(&svc, req, &slug).await?;
        let item = agenda::add(&svc, &scope, MeetingId(id.0), body.0.into()).await?;
        Ok(Json(item.into()))
    }

    /// Replace an item of the programme (organisers).
    #[oai(path = "/networks/:slug/meetings/:id/agenda/:item_id", method = "put")]
    async fn update_item(
        &self,
        svc: Data<&Services>,
        req: &Request,
        slug: Path<String>,
        id: Path<uuid::Uuid>,
        item_id: Path<uuid::Uuid>,
        body: Json<AgendaItemBody>,
    ) -> ApiResult<Json<AgendaItemOut>> {
        let scope = auth::scope(&svc, req, &slug).await?;
        let item = agenda::update(
            &svc,
            &scope,
            MeetingId(id.0),
            AgendaItemId(item_id.0),
            body.0.into(),
        )
        .await?;
        Ok(Json(item.into()))
    }

    /// Remove an item of the programme (organisers); participants' choices of it go with it.
    #[oai(
        path = "/networks/:slug/meetings/:id/agenda/:item_id",
        method = "delete"
    )]
    async fn remove_item(
        &self,
        svc: Data<&Services>,
        req: &Request,
        slug: Path<String>,
        id: Path<uuid::Uuid>,
        item_id: Path<uuid::Uuid>,
    ) -> ApiResult<Removed> {
        let scope = auth::scope(&svc, req, &slug).await?;
        agenda::remove(&svc, &scope, MeetingId(id.0), AgendaItemId(item_id.0)).await?;
        Ok(Removed::Ok)
    }

    /// Add a registration question (organisers).
    #[oai(path = "/networks/:slug/meetings/:id/questions", method = "post")]
    async fn add_question(
        &self,
        svc: Data<&Services>,
        req: &Request,
        slug: Path<String>,
        id: Path<uuid::Uuid>,
        body: Json<QuestionCreate>,
    ) -> ApiResult<Json<QuestionOut>> {
        let scope = auth::scope(&svc, req, &slug).await?;
        let body = body.0;
        let question = registration_questions::add(
            &svc,
            &scope,
            MeetingId(id.0),
            NewQuestion {
                kind: body.kind.into(),
                label: body.label,
                options: body.options,
                required: body.required,
            },
        )
        .await?;
        Ok(Json(question.into()))
    }

    /// Remove a registration question (organisers).
    #[oai(
        path = "/networks/:slug/meetings/:id/questions/:question_id",
        method = "delete"
    )]
    async fn remove_question(
        &self,
        svc: Data<&Services>,
        req: &Request,
        slug: Path<String>,
        id: Path<uuid::Uuid>,
        question_id: Path<uuid::Uuid>,
    ) -> ApiResult<Removed> {
        let scope = auth::scope(&svc, req, &slug).await?;
        registration_questions::remove(&svc, &scope, MeetingId(id.0), QuestionId(question_id.0))
            .await?;
        Ok(Removed::Ok)
    }
}
