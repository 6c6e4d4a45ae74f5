//! The programme: agenda items with times, kinds and speakers. Items marked `selectable` are
//! parallel sessions, each with its own capacity, that participants choose when registering.

use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, QueryFilter, QueryOrder,
};
use serde::{Deserialize, Serialize};

use super::AgendaKind;
use super::access::find_organised;
use super::lifecycle::CAPACITY_MAX;
use crate::Services;
use crate::entities::{agenda_item, meeting};
use crate::error::{Error, Result};
use crate::ids::{AgendaItemId, MeetingId};
use crate::jobs::{self, Task};
use crate::tenancy::{TenantOwned, TenantScope};
use crate::text::{Validator, limits};

impl TenantOwned for agenda_item::Entity {
    fn tenant_column() -> Self::Column {
        agenda_item::Column::TenantId
    }
}

pub const SPEAKERS_MAX: usize = 20;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Speaker {
    pub name: String,
    #[serde(default)]
    pub organisation: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AgendaItem {
    pub id: AgendaItemId,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub title: String,
    pub description: String,
    pub kind: AgendaKind,
    pub speakers: Vec<Speaker>,
    pub selectable: bool,
    pub capacity: Option<i32>,
}

#[derive(Clone, Debug)]
pub struct NewAgendaItem {
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub title: String,
    pub description: String,
    pub kind: AgendaKind,
    pub speakers: Vec<Speaker>,
    pub selectable: bool,
    pub capacity: Option<i32>,
}

pub(crate) fn from_model(model: agenda_item::Model) -> AgendaItem {
    AgendaItem {
        speakers: serde_json::from_value(model.speakers).unwrap_or_default(),
        id: model.id,
        starts_at: model.starts_at,
        ends_at: model.ends_at,
        title: model.title,
        description: model.description,
        kind: model.kind,
        selectable: model.selectable,
        capacity: model.capacity,
    }
}

pub(crate) async fn of_meeting(
    conn: &impl ConnectionTrait,
    scope: &TenantScope,
    meeting_id: MeetingId,
) -> Result<Vec<AgendaItem>> {
    Ok(scope
        .find::<agenda_item::Entity>()
        .filter(agenda_item::Column::MeetingId.eq(meeting_id))
        .order_by_asc(agenda_item::Column::StartsAt)
        .order_by_asc(agenda_item::Column::Id)
        .all(conn)
        .await?
        .into_iter()
        .map(from_model)
        .collect())
}

fn check(meeting: &meeting::Model, item: &NewAgendaItem) -> Result<(String, String, Vec<Speaker>)> {
    let mut v = Validator::new();
    let title = v.required("title", &item.title, limits::TITLE);
    let description = v.optional("description", &item.description, limits::DESCRIPTION);
    if item.ends_at <= item.starts_at {
        v.add("ends_at", "before_start");
    }
    if item.starts_at < meeting.starts_at || item.ends_at > meeting.ends_at {
        v.add("starts_at", "outside_meeting");
    }
    if item
        .capacity
        .is_some_and(|c| !(1..=CAPACITY_MAX).contains(&c))
    {
        v.add("capacity", "out_of_range");
    }
    if item.capacity.is_some() && !item.selectable {
        v.add("capacity", "only_for_sessions");
    }
    if item.speakers.len() > SPEAKERS_MAX {
        v.add("speakers", "too_many");
    }
    let speakers = item
        .speakers
        .iter()
        .map(|s| Speaker {
            name: v.required("speakers", &s.name, limits::NAME),
            organisation: v.optional("speakers", &s.organisation, limits::NAME),
        })
        .collect();
    v.finish()?;
    Ok((title, description, speakers))
}

pub async fn add(
    svc: &Services,
    scope: &TenantScope,
    meeting_id: MeetingId,
    item: NewAgendaItem,
) -> Result<AgendaItem> {
    let txn = svc.db.begin_write().await?;
    let meeting = find_organised(&txn, scope, meeting_id).await?;
    let (title, description, speakers) = check(&meeting, &item)?;
    let model = agenda_item::ActiveModel {
        id: Set(AgendaItemId::new()),
        tenant_id: Set(scope.tenant_id()),
        meeting_id: Set(meeting_id),
        starts_at: Set(item.starts_at),
        ends_at: Set(item.ends_at),
        title: Set(title),
        description: Set(description),
        kind: Set(item.kind),
        speakers: Set(serde_json::json!(speakers)),
        selectable: Set(item.selectable),
        capacity: Set(item.capacity),
    }
    .insert(&txn)
    .await?;
    reindex(&txn, svc, scope, meeting_id).await?;
    txn.commit().await?;
    Ok(from_model(model))
}

pub async fn update(
    svc: &Services,
    scope: &TenantScope,
    meeting_id: MeetingId,
    id: AgendaItemId,
    item: NewAgendaItem,
) -> Result<AgendaItem> {
    let txn = svc.db.begin_write().await?;
    let meeting = find_organised(&txn, scope, meeting_id).await?;
    let current = find(&txn, scope, meeting_id, id).await?;
    let (title, description, speakers) = check(&meeting, &item)?;
    let mut model: agenda_item::ActiveModel = current.into();
    model.starts_at = Set(item.starts_at);
    model.ends_at = Set(item.ends_at);
    model.title = Set(title);
    model.description = Set(description);
    model.kind = Set(item.kind);
    model.speakers = Set(serde_json::json!(speakers));
    model.selectable = Set(item.selectable);
    model.capacity = Set(item.capacity);
    let model = model.update(&txn).await?;
    reindex(&txn, svc, scope, meeting_id).await?;
    txn.commit().await?;
    Ok(from_model(model))
}

/// Removes an item; participants' choices of it go with it.
pub async fn remove(
    svc: &Services,
    scope: &TenantScope,
    meeting_id: MeetingId,
    id: AgendaItemId,
) -> Result<()> {
    let txn = svc.db.begin_write().await?;
    find_organised(&txn, scope, meeting_id).await?;
    find(&txn, scope, meeting_id, id).await?;
    scope
        .delete_many::<agenda_item::Entity>()
        .filter(agenda_item::Column::Id.eq(id))
        .exec(&txn)
        .await?;
    reindex(&txn, svc, scope, meeting_id).await?;
    txn.commit().await?;
    Ok(())
}

async fn find(
    conn: &impl ConnectionTrait,
    scope: &TenantScope,
    meeting_id: MeetingId,
    id: AgendaItemId,
) -> Result<agenda_item::Model> {
    scope
        .find::<agenda_item::Entity>()
        .filter(agenda_item::Column::MeetingId.eq(meeting_id))
        .filter(agenda_item::Column::Id.eq(id))
        .one(conn)
        .await?
        .ok_or(Error::NotFound)
}

/// The programme is part of the meeting's search document.
async fn reindex(
    conn: &impl ConnectionTrait,
    svc: &Services,
    scope: &TenantScope,
    meeting_id: MeetingId,
) -> Result<()> {
    jobs::enqueue(
        conn,
        svc,
        Some(scope.tenant_id()),
        &Task::IndexMeeting { meeting_id },
    )
    .await?;
    Ok(())
}
