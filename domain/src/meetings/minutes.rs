//! Minutes of a meeting: the minutes and the decisions in Markdown, and action items (text,
//! owner, due date, status). Organisers write them; whoever may see the meeting reads them,
//! except for a case consultation, whose minutes only its organisers and registered
//! participants read (anyone else is told they do not exist), and whose every text passes the
//! identifier guard before it is stored. Consultation minutes are never indexed for search (the
//! indexer skips consultations) and are deleted with the meeting's cases.
//!
//! **Carrying action items forward.** In a series, the action items still open at one meeting
//! are carried into the next meeting of the series (by start; cancelled occurrences are
//! skipped): each becomes a new open item of the later meeting, linked to the one it continues
//! by `carried_from_id`. It happens when the later meeting's minutes are read or saved, for the
//! whole series up to that meeting, so items added to an earlier meeting after the fact still
//! arrive, and a chain of meetings whose minutes nobody opened is caught up in one go. It is
//! idempotent: an item already carried into a meeting is not carried there again (the unique
//! index (tenant, meeting_id, carried_from_id) makes that hold under concurrent readers too).
//! The item at the earlier meeting keeps its status: it records where things stood then, and
//! the carried copy is the one that is followed up.

use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::sea_query::OnConflict;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter,
    QueryOrder,
};

use super::access::{find_organised, find_visible};
use super::{ActionStatus, MeetingKind, MeetingStatus};
use crate::Services;
use crate::entities::{action_item, meeting, meeting_minutes};
use crate::error::{Error, Result};
use crate::guard;
use crate::ids::{ActionItemId, MeetingId, SeriesId};
use crate::jobs::{self, Task};
use crate::markdown;
use crate::tenancy::{TenantOwned, TenantScope};
use crate::text::{Validator, limits};

/// Limits of action item fields.
pub const ACTION_TEXT_MAX: usize = limits::SUMMARY;
pub const ACTION_OWNER_MAX: usize = limits::NAME;

impl TenantOwned for meeting_minutes::Entity {
    fn tenant_column() -> Self::Column {
        meeting_minutes::Column::TenantId
    }
}

impl TenantOwned for action_item::Entity {
    fn tenant_column() -> Self::Column {
        action_item::Column::TenantId
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ActionItem {
    pub id: ActionItemId,
    pub text: String,
    /// Who follows it up (a name or a role, as written); may be empty.
    pub owner: String,
    pub due_on: Option<NaiveDate>,
    pub status: ActionStatus,
    /// The open item of an earlier meeting of the series that this one carries forward.
    pub carried_from_id: Option<ActionItemId>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl From<action_item::Model> for ActionItem {
    fn from(m: action_item::Model) -> Self {
        ActionItem {
            id: m.id,
            text: m.text,
            owner: m.owner,
            due_on: m.due_on,
            status: m.status,
            carried_from_id: m.carried_from_id,
            created_at: m.created_at,
            updated_at: m.updated_at,
        }
    }
}

/// A meeting's minutes as its reader sees them. Empty texts and no `updated_at` until written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Minutes {
    /// Markdown as written.
    pub minutes: String,
    pub minutes_html: String,
    /// Markdown as written.
    pub decisions: String,
    pub decisions_html: String,
    pub updated_at: Option<DateTime<Utc>>,
    /// In the order they came to this meeting (a carried item when it was carried).
    pub action_items: Vec<ActionItem>,
}

#[derive(Clone, Debug, Default)]
pub struct NewActionItem {
    pub text: String,
    pub owner: String,
    pub due_on: Option<NaiveDate>,
    /// For a case consultation: the writer has confirmed what the guard only suspects (a name,
    /// an address).
    pub confirmed: bool,
}

/// A change; `None` leaves a field as it is, `due_on: Some(None)` clears the date.
#[derive(Clone, Debug, Default)]
pub struct ActionItemPatch {
    pub text: Option<String>,
    pub owner: Option<String>,
    pub due_on: Option<Option<NaiveDate>>,
    pub status: Option<ActionStatus>,
    /// As in [`NewActionItem::confirmed`].
    pub confirmed: bool,
}

/// The meeting if the actor may read its minutes: anyone who sees it; for a case consultation
/// only the readers of its case material (`consultations::Standing`), others get `NotFound`.
async fn find_readable(
    conn: &impl ConnectionTrait,
    scope: &TenantScope,
    id: MeetingId,
) -> Result<meeting::Model> {
    let model = find_visible(conn, scope, id).await?;
    if model.kind != MeetingKind::CaseConsultation {
        return Ok(model);
    }
    if crate::consultations::standing(conn, scope, &model)
        .await?
        .reads_material()
    {
        Ok(model)
    } else {
        Err(Error::NotFound)
    }
}

/// The meeting if the actor may write its minutes and action items: its organisers; for a case
/// consultation only those who organise its case material (named organisers who confirmed the
/// declaration) — a coordinator who does not organise it gets `NotFound`, like a reader.
async fn find_writable(
    conn: &impl ConnectionTrait,
    scope: &TenantScope,
    id: MeetingId,
) -> Result<meeting::Model> {
    let model = find_visible(conn, scope, id).await?;
    if model.kind != MeetingKind::CaseConsultation {
        return find_organised(conn, scope, id).await;
    }
    let standing = crate::consultations::standing(conn, scope, &model).await?;
    if standing.organises_material() {
        Ok(model)
    } else if standing.reads_material() {
        Err(Error::Forbidden)
    } else {
        Err(Error::NotFound)
    }
}

/// Runs the identifier guard over the texts of a case consultation; other meetings pass.
fn guard_texts(model: &meeting::Model, fields: &[(&str, &str)], confirmed: bool) -> Result<()> {
    if model.kind == MeetingKind::CaseConsultation {
        guard::check_fields(fields, confirmed)?;
    }
    Ok(())
}

pub async fn get_minutes(
    svc: &Services,
    scope: &TenantScope,
    meeting_id: MeetingId,
) -> Result<Minutes> {
    let model = find_readable(svc.db.conn(), scope, meeting_id).await?;
    carry_forward(svc, scope, &model).await?;
    load(svc.db.conn(), scope, meeting_id).await
}

async fn load(
    conn: &impl ConnectionTrait,
    scope: &TenantScope,
    meeting_id: MeetingId,
) -> Result<Minutes> {
    let row = scope
        .find::<meeting_minutes::Entity>()
        .filter(meeting_minutes::Column::MeetingId.eq(meeting_id))
        .one(conn)
        .await?;
    let action_items = scope
        .find::<action_item::Entity>()
        .filter(action_item::Column::MeetingId.eq(meeting_id))
        .order_by_asc(action_item::Column::Id)
        .all(conn)
        .await?
        .into_iter()
        .map(ActionItem::from)
        .collect();
    let (minutes, decisions, updated_at) = match row {
        Some(row) => (row.minutes, row.decisions, Some(row.updated_at)),
        None => (String::new(), String::new(), None),
    };
    Ok(Minutes {
        minutes_html: markdown::render(&minutes),
        decisions_html: markdown::render(&decisions),
        minutes,
        decisions,
        updated_at,
        action_items,
    })
}

/// Writes the minutes and decisions (organisers). Markdown, at most `limits::BODY` each.
pub async fn save_minutes(
    svc: &Services,
    scope: &TenantScope,
    meeting_id: MeetingId,
    minutes: String,
    decisions: String,
    confirmed: bool,
) -> Result<Minutes> {
    let mut v = Validator::new();
    let minutes = v.optional("minutes", &minutes, limits::BODY);
    let decisions = v.optional("decisions", &decisions, limits::BODY);
    v.finish()?;

    let txn = svc.db.begin_write().await?;
    let model = find_writable(&txn, scope, meeting_id).await?;
    guard_texts(
        &model,
        &[("minutes", &minutes), ("decisions", &decisions)],
        confirmed,
    )?;
    let now = svc.now();
    let existing = scope
        .find::<meeting_minutes::Entity>()
        .filter(meeting_minutes::Column::MeetingId.eq(meeting_id))
        .one(&txn)
        .await?;
    match existing {
        Some(row) => {
            let mut row: meeting_minutes::ActiveModel = row.into();
            row.minutes = Set(minutes);
            row.decisions = Set(decisions);
            row.updated_by = Set(scope.user_id());
            row.updated_at = Set(now);
            row.update(&txn).await?;
        }
        None => {
            meeting_minutes::ActiveModel {
                tenant_id: Set(scope.tenant_id()),
                meeting_id: Set(meeting_id),
                minutes: Set(minutes),
                decisions: Set(decisions),
                updated_by: Set(scope.user_id()),
                updated_at: Set(now),
            }
            .insert(&txn)
            .await?;
        }
    }
    jobs::enqueue(
        &txn,
        svc,
        Some(scope.tenant_id()),
        &Task::IndexMeeting { meeting_id },
    )
    .await?;
    let complete = carry_within(&txn, svc, scope, &model).await?;
    txn.commit().await?;
    if !complete {
        carry_forward(svc, scope, &model).await?;
    }
    load(svc.db.conn(), scope, meeting_id).await
}

/// Adds an action item (organisers).
pub async fn add_action_item(
    svc: &Services,
    scope: &TenantScope,
    meeting_id: MeetingId,
    input: NewActionItem,
) -> Result<ActionItem> {
    let mut v = Validator::new();
    let text = v.required("text", &input.text, ACTION_TEXT_MAX);
    let owner = v.optional("owner", &input.owner, ACTION_OWNER_MAX);
    v.finish()?;

    let txn = svc.db.begin_write().await?;
    let model = find_writable(&txn, scope, meeting_id).await?;
    guard_texts(
        &model,
        &[("text", &text), ("owner", &owner)],
        input.confirmed,
    )?;
    let now = svc.now();
    let item = action_item::ActiveModel {
        id: Set(ActionItemId::new()),
        tenant_id: Set(scope.tenant_id()),
        meeting_id: Set(meeting_id),
        series_id: Set(model.series_id),
        text: Set(text),
        owner: Set(owner),
        due_on: Set(input.due_on),
        status: Set(ActionStatus::Open),
        carried_from_id: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
    }
    .insert(&txn)
    .await?;
    txn.commit().await?;
    Ok(item.into())
}

/// Changes an action item of this meeting (organisers). Only the texts that change pass the
/// guard again.
pub async fn update_action_item(
    svc: &Services,
    scope: &TenantScope,
    meeting_id: MeetingId,
    id: ActionItemId,
    patch: ActionItemPatch,
) -> Result<ActionItem> {
    let mut v = Validator::new();
    let text = patch
        .text
        .as_deref()
        .map(|text| v.required("text", text, ACTION_TEXT_MAX));
    let owner = patch
        .owner
        .as_deref()
        .map(|owner| v.optional("owner", owner, ACTION_OWNER_MAX));
    v.finish()?;

    let txn = svc.db.begin_write().await?;
    let model = find_writable(&txn, scope, meeting_id).await?;
    let current = scope
        .find::<action_item::Entity>()
        .filter(action_item::Column::MeetingId.eq(meeting_id))
        .filter(action_item::Column::Id.eq(id))
        .one(&txn)
        .await?
        .ok_or(Error::NotFound)?;
    let mut changed: Vec<(&str, &str)> = Vec::new();
    if let Some(text) = &text {
        changed.push(("text", text));
    }
    if let Some(owner) = &owner {
        changed.push(("owner", owner));
    }
    guard_texts(&model, &changed, patch.confirmed)?;
    let mut item: action_item::ActiveModel = current.into();
    if let Some(text) = text {
        item.text = Set(text);
    }
    if let Some(owner) = owner {
        item.owner = Set(owner);
    }
    if let Some(due_on) = patch.due_on {
        item.due_on = Set(due_on);
    }
    if let Some(status) = patch.status {
        item.status = Set(status);
    }
    item.updated_at = Set(svc.now());
    let item = item.update(&txn).await?;
    txn.commit().await?;
    Ok(item.into())
}

// --- carrying forward ---

/// What the carrying needs to know of an item.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct ItemState {
    pub id: ActionItemId,
    pub meeting_id: MeetingId,
    pub status: ActionStatus,
    pub carried_from_id: Option<ActionItemId>,
}

/// One item to carry: a copy of `source` into meeting `into`, with the id `id` (so that a copy
/// planned now can itself be carried further in the same plan).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Carry {
    pub id: ActionItemId,
    pub source: ActionItemId,
    pub into: MeetingId,
}

/// The copies that carry the open items of each meeting of `chain` (a series' meetings in
/// order) into the next one, where they are not there yet. Pure: `new_id` names the copies.
pub(crate) fn plan_carry(
    chain: &[MeetingId],
    items: &[ItemState],
    mut new_id: impl FnMut() -> ActionItemId,
) -> Vec<Carry> {
    let mut known: Vec<ItemState> = items.to_vec();
    let mut plan = Vec::new();
    for pair in chain.windows(2) {
        let (from, into) = (pair[0], pair[1]);
        let sources: Vec<ActionItemId> = known
            .iter()
            .filter(|item| item.meeting_id == from && item.status == ActionStatus::Open)
            .map(|item| item.id)
            .collect();
        for source in sources {
            let already = known
                .iter()
                .any(|item| item.meeting_id == into && item.carried_from_id == Some(source));
            if already {
                continue;
            }
            let id = new_id();
            known.push(ItemState {
                id,
                meeting_id: into,
                status: ActionStatus::Open,
                carried_from_id: Some(source),
            });
            plan.push(Carry { id, source, into });
        }
    }
    plan
}

/// The series' meetings up to and including `model`, in order, and their items.
async fn series_state(
    conn: &impl ConnectionTrait,
    scope: &TenantScope,
    series_id: SeriesId,
    model: &meeting::Model,
) -> Result<(Vec<MeetingId>, Vec<action_item::Model>)> {
    let meetings = scope
        .find::<meeting::Entity>()
        .filter(meeting::Column::SeriesId.eq(series_id))
        .filter(meeting::Column::Status.ne(MeetingStatus::Cancelled))
        .filter(meeting::Column::StartsAt.lte(model.starts_at))
        .order_by_asc(meeting::Column::StartsAt)
        .order_by_asc(meeting::Column::Id)
        .all(conn)
        .await?;
    let mut chain: Vec<MeetingId> = meetings.iter().map(|m| m.id).collect();
    match chain.iter().position(|id| *id == model.id) {
        Some(at) => chain.truncate(at + 1),
        None => chain.clear(),
    }
    if chain.len() < 2 {
        return Ok((chain, Vec::new()));
    }
    let items = scope
        .find::<action_item::Entity>()
        .filter(action_item::Column::MeetingId.is_in(chain.clone()))
        .order_by_asc(action_item::Column::Id)
        .all(conn)
        .await?;
    Ok((chain, items))
}

fn states(items: &[action_item::Model]) -> Vec<ItemState> {
    items
        .iter()
        .map(|item| ItemState {
            id: item.id,
            meeting_id: item.meeting_id,
            status: item.status,
            carried_from_id: item.carried_from_id,
        })
        .collect()
}

/// Carries open items into `model` (and the series' earlier meetings) on `conn`, a write
/// transaction. Stops at the first copy another writer has just made (what was written before
/// it is consistent: every copy's source exists) and returns false; the caller may try again.
async fn carry_within(
    conn: &impl ConnectionTrait,
    svc: &Services,
    scope: &TenantScope,
    model: &meeting::Model,
) -> Result<bool> {
    let Some(series_id) = model.series_id else {
        return Ok(true);
    };
    let (chain, items) = series_state(conn, scope, series_id, model).await?;
    let plan = plan_carry(&chain, &states(&items), ActionItemId::new);
    if plan.is_empty() {
        return Ok(true);
    }
    let now = svc.now();
    let mut sources: std::collections::HashMap<ActionItemId, action_item::Model> =
        items.into_iter().map(|item| (item.id, item)).collect();
    for carry in plan {
        let Some(source) = sources.get(&carry.source).cloned() else {
            continue;
        };
        let copy = action_item::Model {
            id: carry.id,
            tenant_id: scope.tenant_id(),
            meeting_id: carry.into,
            series_id: Some(series_id),
            text: source.text,
            owner: source.owner,
            due_on: source.due_on,
            status: ActionStatus::Open,
            carried_from_id: Some(carry.source),
            created_at: now,
            updated_at: now,
        };
        let inserted = action_item::Entity::insert(action_item::ActiveModel::from(copy.clone()))
            .on_conflict(
                OnConflict::columns([
                    action_item::Column::TenantId,
                    action_item::Column::MeetingId,
                    action_item::Column::CarriedFromId,
                ])
                .do_nothing()
                .to_owned(),
            )
            .exec_without_returning(conn)
            .await?;
        if inserted == 0 {
            return Ok(false);
        }
        sources.insert(copy.id, copy);
    }
    Ok(true)
}

/// Carries open items forward into `model` if any are missing, in a write transaction of its
/// own (reading minutes writes only when there is something to carry).
async fn carry_forward(svc: &Services, scope: &TenantScope, model: &meeting::Model) -> Result<()> {
    let Some(series_id) = model.series_id else {
        return Ok(());
    };
    let (chain, items) = series_state(svc.db.conn(), scope, series_id, model).await?;
    if plan_carry(&chain, &states(&items), ActionItemId::new).is_empty() {
        return Ok(());
    }
    let txn = svc.db.begin_write().await?;
    // Incomplete only when another reader is carrying the same items at this moment: what is
    // left is theirs to write.
    carry_within(&txn, svc, scope, model).await?;
    txn.commit().await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(id: ActionItemId, meeting: MeetingId, status: ActionStatus) -> ItemState {
        ItemState {
            id,
            meeting_id: meeting,
            status,
            carried_from_id: None,
        }
    }

    #[test]
    fn open_items_travel_along_the_chain_once() {
        let chain = [MeetingId::new(), MeetingId::new(), MeetingId::new()];
        let open = ActionItemId::new();
        let done = ActionItemId::new();
        let items = vec![
            item(open, chain[0], ActionStatus::Open),
            item(done, chain[0], ActionStatus::Done),
        ];
        let plan = plan_carry(&chain, &items, ActionItemId::new);
        assert_eq!(plan.len(), 2, "{plan:?}");
        assert_eq!((plan[0].source, plan[0].into), (open, chain[1]));
        // The copy in the second meeting is carried on into the third.
        assert_eq!((plan[1].source, plan[1].into), (plan[0].id, chain[2]));

        // With the copies in place there is nothing left to carry.
        let mut after = items.clone();
        for carry in &plan {
            after.push(ItemState {
                id: carry.id,
                meeting_id: carry.into,
                status: ActionStatus::Open,
                carried_from_id: Some(carry.source),
            });
        }
        assert!(plan_carry(&chain, &after, ActionItemId::new).is_empty());
    }

    #[test]
    fn a_copy_closed_later_stops_travelling() {
        let chain = [MeetingId::new(), MeetingId::new(), MeetingId::new()];
        let first = ActionItemId::new();
        let copy = ActionItemId::new();
        let items = vec![
            item(first, chain[0], ActionStatus::Open),
            ItemState {
                id: copy,
                meeting_id: chain[1],
                status: ActionStatus::Done,
                carried_from_id: Some(first),
            },
        ];
        assert!(plan_carry(&chain, &items, ActionItemId::new).is_empty());
        assert!(plan_carry(&chain[..1], &items, ActionItemId::new).is_empty());
    }
}

#[cfg(test)]
mod db_tests {
    use chrono::TimeZone;
    use sea_orm::PaginatorTrait;

    use super::*;
    use crate::entities::job;
    use crate::meetings::series::{NewSeries, create_series};
    use crate::meetings::{self, NewRegistration};
    use crate::policy::Role;
    use crate::testing::{TestEnv, new_meeting};

    fn start() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 12, 1, 12, 0, 0).unwrap()
    }

    async fn count_items(env: &TestEnv) -> u64 {
        action_item::Entity::find()
            .count(env.svc.db.conn())
            .await
            .unwrap()
    }

    #[tokio::test]
    async fn open_action_items_are_carried_to_the_next_meeting_once() {
        let env = TestEnv::new().await;
        let system = env.network("kbh", "Europe/Copenhagen").await;
        let (_, coordinator) = env
            .member(&system, "Karin Koordinator", None, Role::Coordinator)
            .await;
        let (_, member) = env.member(&system, "Mads Medlem", None, Role::Member).await;
        let series = create_series(
            &env.svc,
            &coordinator,
            NewSeries {
                template: new_meeting("Netværksmøde", start(), 2),
                rule: "FREQ=WEEKLY".into(),
                occurrences: Some(4),
            },
        )
        .await
        .unwrap();
        let ids: Vec<MeetingId> = series.occurrences.iter().map(|o| o.id).collect();

        let open = add_action_item(
            &env.svc,
            &coordinator,
            ids[0],
            NewActionItem {
                text: "Send oversigten over tilbud til skolerne".into(),
                owner: "sekretariatet".into(),
                due_on: NaiveDate::from_ymd_opt(2026, 12, 7),
                confirmed: false,
            },
        )
        .await
        .unwrap();
        let done = add_action_item(
            &env.svc,
            &coordinator,
            ids[0],
            NewActionItem {
                text: "Book lokale".into(),
                ..NewActionItem::default()
            },
        )
        .await
        .unwrap();
        update_action_item(
            &env.svc,
            &coordinator,
            ids[0],
            done.id,
            ActionItemPatch {
                status: Some(ActionStatus::Done),
                ..ActionItemPatch::default()
            },
        )
        .await
        .unwrap();

        // Reading the second meeting's minutes (a member may) brings the open item along.
        let second = get_minutes(&env.svc, &member, ids[1]).await.unwrap();
        assert_eq!(second.action_items.len(), 1, "{:?}", second.action_items);
        let carried = &second.action_items[0];
        assert_eq!(carried.carried_from_id, Some(open.id));
        assert_eq!(carried.text, open.text);
        assert_eq!(carried.owner, "sekretariatet");
        assert_eq!(carried.due_on, open.due_on);
        assert_eq!(carried.status, ActionStatus::Open);
        assert_eq!(count_items(&env).await, 3);

        // Again, and saving, carry nothing twice.
        get_minutes(&env.svc, &member, ids[1]).await.unwrap();
        let saved = save_minutes(
            &env.svc,
            &coordinator,
            ids[1],
            "# Referat\n\nVi gennemgik **status**.".into(),
            "Næste møde holdes online.".into(),
            false,
        )
        .await
        .unwrap();
        assert_eq!(saved.action_items.len(), 1);
        assert!(saved.minutes_html.contains("<strong>status</strong>"));
        assert!(saved.updated_at.is_some());
        assert_eq!(count_items(&env).await, 3);

        // The fourth meeting's minutes catch up the third on the way.
        let fourth = get_minutes(&env.svc, &coordinator, ids[3]).await.unwrap();
        assert_eq!(fourth.action_items.len(), 1);
        let third = get_minutes(&env.svc, &coordinator, ids[2]).await.unwrap();
        assert_eq!(third.action_items.len(), 1);
        assert_eq!(third.action_items[0].carried_from_id, Some(carried.id));
        assert_eq!(
            fourth.action_items[0].carried_from_id,
            Some(third.action_items[0].id)
        );
        assert_eq!(count_items(&env).await, 5);

        // Closed in the second meeting, it travels no further than where it already is.
        update_action_item(
            &env.svc,
            &coordinator,
            ids[1],
            carried.id,
            ActionItemPatch {
                status: Some(ActionStatus::Done),
                ..ActionItemPatch::default()
            },
        )
        .await
        .unwrap();
        get_minutes(&env.svc, &coordinator, ids[3]).await.unwrap();
        assert_eq!(count_items(&env).await, 5);

        // The first meeting is unchanged by all this.
        let first = get_minutes(&env.svc, &member, ids[0]).await.unwrap();
        assert_eq!(first.action_items.len(), 2);
        assert!(first.updated_at.is_none());
    }

    #[tokio::test]
    async fn writing_minutes_is_for_organisers_and_indexes_the_meeting() {
        let env = TestEnv::new().await;
        let system = env.network("kbh", "Europe/Copenhagen").await;
        let (_, coordinator) = env
            .member(&system, "Karin Koordinator", None, Role::Coordinator)
            .await;
        let (_, member) = env.member(&system, "Mads Medlem", None, Role::Member).await;
        let meeting = meetings::create(&env.svc, &coordinator, new_meeting("Temamøde", start(), 2))
            .await
            .unwrap();

        let err = save_minutes(&env.svc, &member, meeting.id, "x".into(), "".into(), false)
            .await
            .unwrap_err();
        assert!(matches!(err, Error::Forbidden), "{err:?}");
        let err = add_action_item(
            &env.svc,
            &member,
            meeting.id,
            NewActionItem {
                text: "x".into(),
                ..NewActionItem::default()
            },
        )
        .await
        .unwrap_err();
        assert!(matches!(err, Error::Forbidden));
        let err = add_action_item(&env.svc, &coordinator, meeting.id, NewActionItem::default())
            .await
            .unwrap_err();
        assert!(
            matches!(&err, Error::Invalid(f) if f[0].field == "text" && f[0].code == "required")
        );
        let err = save_minutes(
            &env.svc,
            &coordinator,
            meeting.id,
            "x".repeat(limits::BODY + 1),
            "".into(),
            false,
        )
        .await
        .unwrap_err();
        assert!(
            matches!(&err, Error::Invalid(f) if f[0].field == "minutes" && f[0].code == "too_long")
        );

        let jobs_before = job::Entity::find().count(env.svc.db.conn()).await.unwrap();
        save_minutes(
            &env.svc,
            &coordinator,
            meeting.id,
            "Referat".into(),
            "".into(),
            false,
        )
        .await
        .unwrap();
        let index_jobs = job::Entity::find()
            .all(env.svc.db.conn())
            .await
            .unwrap()
            .into_iter()
            .filter(|j| j.kind == "index_meeting")
            .count();
        assert!(job::Entity::find().count(env.svc.db.conn()).await.unwrap() > jobs_before);
        assert!(index_jobs >= 2, "one for the creation, one for the minutes");

        // An item of another meeting is not found through this one.
        let other = meetings::create(&env.svc, &coordinator, new_meeting("Andet", start(), 1))
            .await
            .unwrap();
        let item = add_action_item(
            &env.svc,
            &coordinator,
            other.id,
            NewActionItem {
                text: "Følg op".into(),
                ..NewActionItem::default()
            },
        )
        .await
        .unwrap();
        let err = update_action_item(
            &env.svc,
            &coordinator,
            meeting.id,
            item.id,
            ActionItemPatch::default(),
        )
        .await
        .unwrap_err();
        assert!(matches!(err, Error::NotFound));

        // Another network does not see the meeting at all.
        let elsewhere = env.network("aarhus", "Europe/Copenhagen").await;
        let err = get_minutes(&env.svc, &elsewhere, meeting.id)
            .await
            .unwrap_err();
        assert!(matches!(err, Error::NotFound));
    }

    #[tokio::test]
    async fn consultation_minutes_are_guarded_and_only_for_participants() {
        let env = TestEnv::new().await;
        let system = env.network("kbh", "Europe/Copenhagen").await;
        let (_, coordinator) = env
            .member(&system, "Karin Koordinator", None, Role::Coordinator)
            .await;
        let (_, participant) = env
            .member(&system, "Pia Deltager", None, Role::Member)
            .await;
        let (_, bystander) = env.member(&system, "Bo Tilskuer", None, Role::Member).await;
        let mut input = new_meeting("Anonym sagsdrøftelse", start(), 2);
        input.kind = MeetingKind::CaseConsultation;
        let meeting = meetings::create(&env.svc, &coordinator, input)
            .await
            .unwrap();
        meetings::register(
            &env.svc,
            &participant,
            meeting.id,
            NewRegistration::default(),
        )
        .await
        .unwrap();
        // Registration for a consultation waits for approval; readers confirm the declaration.
        let pending = meetings::registrations(&env.svc, &coordinator, meeting.id)
            .await
            .unwrap();
        meetings::decide(&env.svc, &coordinator, meeting.id, pending[0].id, true)
            .await
            .unwrap();
        for scope in [&coordinator, &participant] {
            crate::consultations::declare(&env.svc, scope, meeting.id)
                .await
                .unwrap();
        }

        let err = save_minutes(
            &env.svc,
            &coordinator,
            meeting.id,
            "Drøftet sagen, cpr 010203-1234.".into(),
            "".into(),
            true,
        )
        .await
        .unwrap_err();
        match err {
            Error::Invalid(fields) => {
                assert_eq!(fields[0].field, "minutes");
                assert_eq!(fields[0].code, "contains_cpr");
            }
            other => panic!("{other:?}"),
        }
        let err = add_action_item(
            &env.svc,
            &coordinator,
            meeting.id,
            NewActionItem {
                text: "Ring til mor på 22 33 44 55".into(),
                confirmed: true,
                ..NewActionItem::default()
            },
        )
        .await
        .unwrap_err();
        assert!(
            matches!(&err, Error::Invalid(f) if f[0].field == "text" && f[0].code == "contains_phone")
        );
        assert!(
            get_minutes(&env.svc, &coordinator, meeting.id)
                .await
                .unwrap()
                .updated_at
                .is_none()
        );

        save_minutes(
            &env.svc,
            &coordinator,
            meeting.id,
            "Gruppen drøftede skolefravær over to år (2019-2021).".into(),
            "Skolen indkalder til netværksmøde.".into(),
            false,
        )
        .await
        .unwrap();

        // The registered participant reads them; a member who is not registered, a visitor and
        // another network are told they do not exist.
        let read = get_minutes(&env.svc, &participant, meeting.id)
            .await
            .unwrap();
        assert!(read.minutes.contains("skolefravær"));
        for scope in [
            bystander,
            env.visitor(system.network()).await,
            env.network("oslo", "Europe/Oslo").await,
        ] {
            let err = get_minutes(&env.svc, &scope, meeting.id).await.unwrap_err();
            assert!(
                matches!(err, Error::NotFound | Error::Unauthenticated),
                "{err:?}"
            );
        }
    }
}
