//! Working groups: named circles inside a network, open to join or closed, with their own
//! coordinators. Content limited to a group is seen by its members and the network's
//! coordinators.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, Func};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, QueryFilter, QueryOrder,
    QuerySelect, RelationTrait,
};

use crate::Services;
use crate::audit;
use crate::entities::{group_member, membership, user, working_group};
use crate::error::{Error, Result};
use crate::ids::{GroupId, MembershipId};
use crate::jobs::{self, Task};
use crate::pagination::{Page, PageRequest, keyset};
use crate::people::MembershipStatus;
use crate::policy::Action;
use crate::tenancy::{TenantOwned, TenantScope};
use crate::text::{Validator, limits};

impl TenantOwned for working_group::Entity {
    fn tenant_column() -> Self::Column {
        working_group::Column::TenantId
    }
}

impl TenantOwned for group_member::Entity {
    fn tenant_column() -> Self::Column {
        group_member::Column::TenantId
    }
}

#[derive(Clone, Debug)]
pub struct Group {
    pub id: GroupId,
    pub name: String,
    pub description: String,
    pub is_open: bool,
    pub member_count: u64,
    pub created_at: DateTime<Utc>,
}

#[derive(Clone, Debug)]
pub struct NewGroup {
    pub name: String,
    pub description: String,
    pub is_open: bool,
}

#[derive(Clone, Debug, Default)]
pub struct GroupPatch {
    pub name: Option<String>,
    pub description: Option<String>,
    pub is_open: Option<bool>,
}

#[derive(Clone, Debug)]
pub struct GroupMember {
    pub membership_id: MembershipId,
    pub display_name: String,
    pub is_coordinator: bool,
}

async fn member_counts(
    conn: &impl ConnectionTrait,
    scope: &TenantScope,
    ids: Vec<GroupId>,
) -> Result<HashMap<GroupId, u64>> {
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    let rows: Vec<(GroupId, i64)> = scope
        .find::<group_member::Entity>()
        .select_only()
        .column(group_member::Column::GroupId)
        .column_as(
            Expr::expr(Func::count(Expr::col(group_member::Column::MembershipId))),
            "count",
        )
        .filter(group_member::Column::GroupId.is_in(ids))
        .group_by(group_member::Column::GroupId)
        .into_tuple()
        .all(conn)
        .await?;
    Ok(rows
        .into_iter()
        .map(|(id, n)| (id, n.max(0) as u64))
        .collect())
}

async fn to_groups(
    conn: &impl ConnectionTrait,
    scope: &TenantScope,
    rows: Vec<working_group::Model>,
) -> Result<Vec<Group>> {
    let counts = member_counts(conn, scope, rows.iter().map(|g| g.id).collect()).await?;
    Ok(rows
        .into_iter()
        .map(|g| Group {
            member_count: counts.get(&g.id).copied().unwrap_or(0),
            id: g.id,
            name: g.name,
            description: g.description,
            is_open: g.is_open,
            created_at: g.created_at,
        })
        .collect())
}

pub async fn list(svc: &Services, scope: &TenantScope, page: PageRequest) -> Result<Page<Group>> {
    scope.require(Action::ReadContent)?;
    let rows = keyset(
        scope.find::<working_group::Entity>(),
        working_group::Column::Id,
        page,
    )
    .all(svc.db.conn())
    .await?;
    let groups = to_groups(svc.db.conn(), scope, rows).await?;
    Ok(Page::from_rows(groups, page, |g| g.id.0))
}

/// Every group of the network by name, for choosers in forms.
pub async fn all(svc: &Services, scope: &TenantScope) -> Result<Vec<Group>> {
    scope.require(Action::ReadContent)?;
    let rows = scope
        .find::<working_group::Entity>()
        .order_by_asc(working_group::Column::Name)
        .all(svc.db.conn())
        .await?;
    to_groups(svc.db.conn(), scope, rows).await
}

pub(crate) async fn find(
    conn: &impl ConnectionTrait,
    scope: &TenantScope,
    id: GroupId,
) -> Result<working_group::Model> {
    scope
        .find::<working_group::Entity>()
        .filter(working_group::Column::Id.eq(id))
        .one(conn)
        .await?
        .ok_or(Error::NotFound)
}

pub async fn get(svc: &Services, scope: &TenantScope, id: GroupId) -> Result<Group> {
    scope.require(Action::ReadContent)?;
    let model = find(svc.db.conn(), scope, id).await?;
    to_groups(svc.db.conn(), scope, vec![model])
        .await?
        .pop()
        .ok_or(Error::NotFound)
}

fn coordinates(scope: &TenantScope, id: GroupId) -> bool {
    scope.can(Action::ManageGroups)
        || scope
            .member()
            .is_some_and(|m| m.coordinated_group_ids.contains(&id))
}

pub async fn create(svc: &Services, scope: &TenantScope, input: NewGroup) -> Result<Group> {
    scope.require(Action::ManageGroups)?;
    let mut v = Validator::new();
    let name = v.required("name", &input.name, limits::NAME);
    let description = v.optional("description", &input.description, limits::DESCRIPTION);
    v.finish()?;
    let txn = svc.db.begin_write().await?;
    ensure_name_free(&txn, scope, &name, None).await?;
    let now = svc.now();
    let model = working_group::ActiveModel {
        id: Set(GroupId::new()),
        tenant_id: Set(scope.tenant_id()),
        name: Set(name),
        description: Set(description),
        is_open: Set(input.is_open),
        created_at: Set(now),
        updated_at: Set(now),
    }
    .insert(&txn)
    .await?;
    audit::record(
        &txn,
        svc,
        scope,
        "group.created",
        "group",
        Some(model.id.0),
        serde_json::json!({ "name": model.name }),
    )
    .await?;
    txn.commit().await?;
    Ok(Group {
        id: model.id,
        name: model.name,
        description: model.description,
        is_open: model.is_open,
        member_count: 0,
        created_at: model.created_at,
    })
}

async fn ensure_name_free(
    conn: &impl ConnectionTrait,
    scope: &TenantScope,
    name: &str,
    except: Option<GroupId>,
) -> Result<()> {
    let mut query = scope
        .find::<working_group::Entity>()
        .filter(working_group::Column::Name.eq(name));
    if let Some(id) = except {
        query = query.filter(working_group::Column::Id.ne(id));
    }
    if query.one(conn).await?.is_some() {
        return Err(Error::conflict("name_taken"));
    }
    Ok(())
}

/// Renames, describes, opens or closes a group (coordinators of the network or of the group).
pub async fn update(
    svc: &Services,
    scope: &TenantScope,
    id: GroupId,
    patch: GroupPatch,
) -> Result<Group> {
    scope.require(Action::ReadContent)?;
    let mut v = Validator::new();
    let name = patch
        .name
        .as_deref()
        .map(|n| v.required("name", n, limits::NAME));
    let description = patch
        .description
        .as_deref()
        .map(|d| v.optional("description", d, limits::DESCRIPTION));
    v.finish()?;
    let txn = svc.db.begin_write().await?;
    let current = find(&txn, scope, id).await?;
    if !coordinates(scope, id) {
        return Err(Error::Forbidden);
    }
    if let Some(name) = &name {
        ensure_name_free(&txn, scope, name, Some(id)).await?;
    }
    let current_is_open = current.is_open;
    let mut model: working_group::ActiveModel = current.into();
    if let Some(name) = name {
        model.name = Set(name);
    }
    if let Some(description) = description {
        model.description = Set(description);
    }
    let switched = patch.is_open.filter(|open| *open != current_is_open);
    if let Some(is_open) = patch.is_open {
        model.is_open = Set(is_open);
    }
    model.updated_at = Set(svc.now());
    model.update(&txn).await?;
    if switched.is_some() {
        // Who may find its threads, posts and files changes: the group's source job reindexes
        // them all (`search::index_source`).
        jobs::enqueue(
            &txn,
            svc,
            Some(scope.tenant_id()),
            &Task::IndexGroup { group_id: id },
        )
        .await?;
    }
    audit::record(
        &txn,
        svc,
        scope,
        "group.updated",
        "group",
        Some(id.0),
        serde_json::json!({}),
    )
    .await?;
    txn.commit().await?;
    get(svc, scope, id).await
}

/// The group's members by name.
pub async fn members(svc: &Services, scope: &TenantScope, id: GroupId) -> Result<Vec<GroupMember>> {
    scope.require(Action::ReadContent)?;
    find(svc.db.conn(), scope, id).await?;
    let rows: Vec<(MembershipId, bool, String)> = scope
        .find::<group_member::Entity>()
        .select_only()
        .column(group_member::Column::MembershipId)
        .column(group_member::Column::IsCoordinator)
        .column(user::Column::DisplayName)
        .inner_join(membership::Entity)
        .join(
            sea_orm::JoinType::InnerJoin,
            membership::Relation::User.def(),
        )
        .filter(group_member::Column::GroupId.eq(id))
        .order_by_asc(user::Column::DisplayName)
        .into_tuple()
        .all(svc.db.conn())
        .await?;
    Ok(rows
        .into_iter()
        .map(
            |(membership_id, is_coordinator, display_name)| GroupMember {
                membership_id,
                display_name,
                is_coordinator,
            },
        )
        .collect())
}

/// Adds a member to a group, or changes whether they coordinate it. Network coordinators and the
/// group's coordinators may add anyone; any active member may join an open group themselves.
pub async fn add_member(
    svc: &Services,
    scope: &TenantScope,
    id: GroupId,
    membership_id: MembershipId,
    is_coordinator: bool,
) -> Result<GroupMember> {
    scope.require(Action::ReadContent)?;
    let txn = svc.db.begin_write().await?;
    let group = find(&txn, scope, id).await?;
    let joins_self = scope
        .member()
        .is_some_and(|m| m.membership_id == membership_id);
    let allowed = coordinates(scope, id) || (joins_self && group.is_open && !is_coordinator);
    if !allowed {
        return Err(Error::Forbidden);
    }
    let target = scope
        .find::<membership::Entity>()
        .filter(membership::Column::Id.eq(membership_id))
        .find_also_related(user::Entity)
        .one(&txn)
        .await?;
    let Some((target, Some(target_user))) = target else {
        return Err(Error::invalid("membership_id", "unknown"));
    };
    if target.status != MembershipStatus::Active {
        return Err(Error::conflict("member_not_active"));
    }
    let existing = scope
        .find::<group_member::Entity>()
        .filter(group_member::Column::GroupId.eq(id))
        .filter(group_member::Column::MembershipId.eq(membership_id))
        .one(&txn)
        .await?;
    match existing {
        Some(row) => {
            let mut model: group_member::ActiveModel = row.into();
            model.is_coordinator = Set(is_coordinator);
            model.update(&txn).await?;
        }
        None => {
            group_member::ActiveModel {
                tenant_id: Set(scope.tenant_id()),
                group_id: Set(id),
                membership_id: Set(membership_id),
                is_coordinator: Set(is_coordinator),
                created_at: Set(svc.now()),
            }
            .insert(&txn)
            .await?;
        }
    }
    audit::record(
        &txn,
        svc,
        scope,
        "group.member_added",
        "group",
        Some(id.0),
        serde_json::json!({ "membership_id": membership_id, "is_coordinator": is_coordinator }),
    )
    .await?;
    txn.commit().await?;
    Ok(GroupMember {
        membership_id,
        display_name: target_user.display_name,
        is_coordinator,
    })
}

/// Removes a member from a group (coordinators), or leaves it (the member themselves).
pub async fn remove_member(
    svc: &Services,
    scope: &TenantScope,
    id: GroupId,
    membership_id: MembershipId,
) -> Result<()> {
    scope.require(Action::ReadContent)?;
    let txn = svc.db.begin_write().await?;
    find(&txn, scope, id).await?;
    let leaves_self = scope
        .member()
        .is_some_and(|m| m.membership_id == membership_id);
    if !(coordinates(scope, id) || leaves_self) {
        return Err(Error::Forbidden);
    }
    let deleted = scope
        .delete_many::<group_member::Entity>()
        .filter(group_member::Column::GroupId.eq(id))
        .filter(group_member::Column::MembershipId.eq(membership_id))
        .exec(&txn)
        .await?;
    if deleted.rows_affected == 0 {
        return Err(Error::NotFound);
    }
    audit::record(
        &txn,
        svc,
        scope,
        "group.member_removed",
        "group",
        Some(id.0),
        serde_json::json!({ "membership_id": membership_id }),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}
