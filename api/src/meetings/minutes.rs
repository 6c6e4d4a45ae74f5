//! Minutes, decisions and action items of a meeting. For a case consultation every text passes
//! the identifier guard: an identifier answers 422 naming the field and what was found; a mere
//! suspicion answers 422 until the request is repeated with `confirmed: true`.

use chrono::{DateTime, NaiveDate, Utc};
use domain::Services;
use domain::ids::{ActionItemId, MeetingId};
use domain::meetings::minutes::{self, ActionItem, ActionItemPatch, Minutes, NewActionItem};
use poem::Request;
use poem::web::Data;
use poem_openapi::param::Path;
use poem_openapi::payload::Json;
use poem_openapi::types::MaybeUndefined;
use poem_openapi::{Object, OpenApi};

use crate::ApiTags;
use crate::auth;
use crate::problem::ApiResult;
use crate::types::ActionStatus;

#[derive(Debug, Clone, Object)]
#[oai(rename = "ActionItem", skip_serializing_if_is_none)]
pub struct ActionItemOut {
    pub id: uuid::Uuid,
    pub text: String,
    /// Who follows it up (a name or a role, as written); may be empty.
    pub owner: String,
    pub due_on: Option<NaiveDate>,
    pub status: ActionStatus,
    /// The open item of an earlier meeting of the series that this one carries forward.
    pub carried_from_id: Option<uuid::Uuid>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl From<ActionItem> for ActionItemOut {
    fn from(i: ActionItem) -> Self {
        ActionItemOut {
            id: i.id.0,
            text: i.text,
            owner: i.owner,
            due_on: i.due_on,
            status: i.status.into(),
            carried_from_id: i.carried_from_id.map(|c| c.0),
            created_at: i.created_at,
            updated_at: i.updated_at,
        }
    }
}

/// A meeting's minutes; empty, without `updated_at`, until written.
#[derive(Debug, Clone, Object)]
#[oai(rename = "Minutes", skip_serializing_if_is_none)]
pub struct MinutesOut {
    /// Markdown as written.
    pub minutes: String,
    pub minutes_html: String,
    /// Markdown as written.
    pub decisions: String,
    pub decisions_html: String,
    pub updated_at: Option<DateTime<Utc>>,
    /// In the order they were added; open items of the series' earlier meeting come carried
    /// forward.
    pub action_items: Vec<ActionItemOut>,
}

impl From<Minutes> for MinutesOut {
    fn from(m: Minutes) -> Self {
        MinutesOut {
            minutes: m.minutes,
            minutes_html: m.minutes_html,
            decisions: m.decisions,
            decisions_html: m.decisions_html,
            updated_at: m.updated_at,
            action_items: m.action_items.into_iter().map(Into::into).collect(),
        }
    }
}

#[derive(Debug, Object)]
#[oai(deny_unknown_fields)]
pub struct MinutesUpdate {
    /// Markdown.
    #[oai(validator(max_length = 100000), default)]
    pub minutes: String,
    /// Markdown.
    #[oai(validator(max_length = 100000), default)]
    pub decisions: String,
    /// For a case consultation: what the guard only suspects has been checked.
    #[oai(default)]
    pub confirmed: bool,
}

#[derive(Debug, Object)]
#[oai(deny_unknown_fields)]
pub struct ActionItemCreate {
    #[oai(validator(max_length = 1000))]
    pub text: String,
    #[oai(validator(max_length = 200), default)]
    pub owner: String,
    pub due_on: Option<NaiveDate>,
    #[oai(default)]
    pub confirmed: bool,
}

/// Changes to an action item; absent fields stay, `due_on: null` clears the date.
#[derive(Debug, Object)]
#[oai(deny_unknown_fields)]
pub struct ActionItemUpdate {
    #[oai(validator(max_length = 1000))]
    pub text: Option<String>,
    #[oai(validator(max_length = 200))]
    pub owner: Option<String>,
    pub due_on: MaybeUndefined<NaiveDate>,
    pub status: Option<ActionStatus>,
    #[oai(default)]
    pub confirmed: bool,
}

pub struct MinutesApi;

#[OpenApi(tag = "ApiTags::Meetings")]
impl MinutesApi {
    /// The minutes, decisions and action items. Whoever sees the meeting reads them, but a case
    /// consultation's are case material: only its named organisers and approved participants
    /// who confirmed the declaration read them (anyone else: 404), and only its named organisers
    /// who confirmed write them.
    #[oai(path = "/networks/:slug/meetings/:id/minutes", method = "get")]
    async fn get(
        &self,
        svc: Data<&Services>,
        req: &Request,
        slug: Path<String>,
        id: Path<uuid::Uuid>,
    ) -> ApiResult<Json<MinutesOut>> {
        let scope = auth::scope(&svc, req, &slug).await?;
        Ok(Json(
            minutes::get_minutes(&svc, &scope, MeetingId(id.0))
                .await?
                .into(),
        ))
    }

    /// Write the minutes and decisions (organisers).
    #[oai(path = "/networks/:slug/meetings/:id/minutes", method = "put")]
    async fn save(
        &self,
        svc: Data<&Services>,
        req: &Request,
        slug: Path<String>,
        id: Path<uuid::Uuid>,
        body: Json<MinutesUpdate>,
    ) -> ApiResult<Json<MinutesOut>> {
        let scope = auth::scope(&svc, req, &slug).await?;
        let body = body.0;
        let saved = minutes::save_minutes(
            &svc,
            &scope,
            MeetingId(id.0),
            body.minutes,
            body.decisions,
            body.confirmed,
        )
        .await?;
        Ok(Json(saved.into()))
    }

    /// Add an action item (organisers).
    #[oai(path = "/networks/:slug/meetings/:id/action-items", method = "post")]
    async fn add_action_item(
        &self,
        svc: Data<&Services>,
        req: &Request,
        slug: Path<String>,
        id: Path<uuid::Uuid>,
        body: Json<ActionItemCreate>,
    ) -> ApiResult<Json<ActionItemOut>> {
        let scope = auth::scope(&svc, req, &slug).await?;
        let body = body.0;
        let item = minutes::add_action_item(
            &svc,
            &scope,
            MeetingId(id.0),
            NewActionItem {
                text: body.text,
                owner: body.owner,
                due_on: body.due_on,
                confirmed: body.confirmed,
            },
        )
        .await?;
        Ok(Json(item.into()))
    }

    /// Change an action item: its text, owner, due date or status (organisers).
    #[oai(
        path = "/networks/:slug/meetings/:id/action-items/:item_id",
        method = "patch"
    )]
    async fn update_action_item(
        &self,
        svc: Data<&Services>,
        req: &Request,
        slug: Path<String>,
        id: Path<uuid::Uuid>,
        item_id: Path<uuid::Uuid>,
        body: Json<ActionItemUpdate>,
    ) -> ApiResult<Json<ActionItemOut>> {
        let scope = auth::scope(&svc, req, &slug).await?;
        let body = body.0;
        let due_on = match body.due_on {
            MaybeUndefined::Undefined => None,
            MaybeUndefined::Null => Some(None),
            MaybeUndefined::Value(date) => Some(Some(date)),
        };
        let item = minutes::update_action_item(
            &svc,
            &scope,
            MeetingId(id.0),
            ActionItemId(item_id.0),
            ActionItemPatch {
                text: body.text,
                owner: body.owner,
                due_on,
                status: body.status.map(Into::into),
                confirmed: body.confirmed,
            },
        )
        .await?;
        Ok(Json(item.into()))
    }
}
