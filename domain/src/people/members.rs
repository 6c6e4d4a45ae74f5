//! Memberships: a user's place in a network, with an organisation, a role and a status.
//!
//! Rules kept here: coordinators manage observers, partners and members; only owners make or
//! unmake coordinators and owners; the last active owner can be neither removed, suspended nor
//! demoted; suspending a member takes away this network only (their sessions and their other
//! networks stay).

use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, PaginatorTrait, QueryFilter,
    QueryOrder,
};

use super::{MembershipStatus, organisations};
use crate::Services;
use crate::audit;
use crate::entities::{membership, user};
use crate::error::{Error, Result};
use crate::ids::{MembershipId, OrganisationId, UserId};
use crate::pagination::{Page, PageRequest, keyset};
use crate::policy::{Action, Role};
use crate::tenancy::{TenantOwned, TenantScope};

impl TenantOwned for membership::Entity {
    fn tenant_column() -> Self::Column {
        membership::Column::TenantId
    }
}

#[derive(Clone, Debug)]
pub struct Member {
    pub id: MembershipId,
    pub user_id: UserId,
    pub display_name: String,
    /// Shown to those who manage people; `None` for everyone else.
    pub email: Option<String>,
    pub organisation_id: Option<OrganisationId>,
    pub organisation_name: Option<String>,
    pub role: Role,
    pub status: MembershipStatus,
    pub created_at: DateTime<Utc>,
}

#[derive(Clone, Debug, Default)]
pub struct MemberPatch {
    pub role: Option<Role>,
    pub status: Option<MembershipStatus>,
    /// `Some(None)` detaches the member from any organisation.
    pub organisation_id: Option<Option<OrganisationId>>,
}

async fn to_members(
    conn: &impl ConnectionTrait,
    scope: &TenantScope,
    rows: Vec<(membership::Model, Option<user::Model>)>,
) -> Result<Vec<Member>> {
    let names = organisations::names(
        conn,
        scope,
        rows.iter().filter_map(|(m, _)| m.organisation_id),
    )
    .await?;
    let show_email = scope.can(Action::ManagePeople);
    Ok(rows
        .into_iter()
        .filter_map(|(membership, user)| {
            let user = user?;
            Some(Member {
                id: membership.id,
                user_id: membership.user_id,
                display_name: user.display_name,
                email: show_email.then_some(user.email),
                organisation_name: membership
                    .organisation_id
                    .and_then(|id| names.get(&id).cloned()),
                organisation_id: membership.organisation_id,
                role: membership.role,
                status: membership.status,
                created_at: membership.created_at,
            })
        })
        .collect())
}

/// The network's members, newest first.
pub async fn list(svc: &Services, scope: &TenantScope, page: PageRequest) -> Result<Page<Member>> {
    scope.require(Action::ReadContent)?;
    let rows = keyset(
        scope.find::<membership::Entity>(),
        membership::Column::Id,
        page,
    )
    .find_also_related(user::Entity)
    .all(svc.db.conn())
    .await?;
    let members = to_members(svc.db.conn(), scope, rows).await?;
    Ok(Page::from_rows(members, page, |m| m.id.0))
}

/// Every active member of the network by name, for choosers in forms (adding people to a
/// working group).
pub async fn all_active(svc: &Services, scope: &TenantScope) -> Result<Vec<Member>> {
    scope.require(Action::ReadContent)?;
    let rows = scope
        .find::<membership::Entity>()
        .filter(membership::Column::Status.eq(MembershipStatus::Active))
        .find_also_related(user::Entity)
        .order_by_asc(user::Column::DisplayName)
        .all(svc.db.conn())
        .await?;
    to_members(svc.db.conn(), scope, rows).await
}

pub async fn get(svc: &Services, scope: &TenantScope, id: MembershipId) -> Result<Member> {
    scope.require(Action::ReadContent)?;
    let row = scope
        .find::<membership::Entity>()
        .filter(membership::Column::Id.eq(id))
        .find_also_related(user::Entity)
        .one(svc.db.conn())
        .await?
        .ok_or(Error::NotFound)?;
    to_members(svc.db.conn(), scope, vec![row])
        .await?
        .pop()
        .ok_or(Error::NotFound)
}

async fn find(
    conn: &impl ConnectionTrait,
    scope: &TenantScope,
    id: MembershipId,
) -> Result<membership::Model> {
    scope
        .find::<membership::Entity>()
        .filter(membership::Column::Id.eq(id))
        .one(conn)
        .await?
        .ok_or(Error::NotFound)
}

async fn active_owner_count(conn: &impl ConnectionTrait, scope: &TenantScope) -> Result<u64> {
    Ok(scope
        .find::<membership::Entity>()
        .filter(membership::Column::Role.eq(Role::Owner))
        .filter(membership::Column::Status.eq(MembershipStatus::Active))
        .count(conn)
        .await?)
}

/// May the actor change a membership that has (or will have) these roles?
fn check_manage(scope: &TenantScope, roles: &[Role]) -> Result<()> {
    scope.require(Action::ManagePeople)?;
    if roles.iter().any(|role| *role >= Role::Coordinator) {
        scope.require(Action::ManageCoordinators)?;
    }
    Ok(())
}

pub async fn update(
    svc: &Services,
    scope: &TenantScope,
    id: MembershipId,
    patch: MemberPatch,
) -> Result<Member> {
    scope.require(Action::ReadContent)?;
    let txn = svc.db.begin_write().await?;
    let current = find(&txn, scope, id).await?;
    let mut roles = vec![current.role];
    roles.extend(patch.role);
    check_manage(scope, &roles)?;
    if let Some(Some(organisation_id)) = patch.organisation_id {
        organisations::find(&txn, scope, organisation_id)
            .await
            .map_err(|_| Error::invalid("organisation_id", "unknown"))?;
    }
    if current.status == MembershipStatus::Invited && patch.status.is_some() {
        return Err(Error::conflict("invitation_pending"));
    }
    if patch.status == Some(MembershipStatus::Invited) {
        return Err(Error::invalid("status", "invalid"));
    }
    let new_role = patch.role.unwrap_or(current.role);
    let new_status = patch.status.unwrap_or(current.status);
    let stops_being_owner = current.role == Role::Owner
        && current.status == MembershipStatus::Active
        && (new_role != Role::Owner || new_status != MembershipStatus::Active);
    if stops_being_owner && active_owner_count(&txn, scope).await? <= 1 {
        return Err(Error::conflict("last_owner"));
    }
    let before = (current.role, current.status, current.organisation_id);
    // Suspension changes this membership only: the person's sessions stay, and every request
    // reads the membership's status afresh (`tenancy::scope_for_user`), so from the next request
    // on they are no member here while their other networks are untouched.
    let mut model: membership::ActiveModel = current.into();
    model.role = Set(new_role);
    model.status = Set(new_status);
    if let Some(organisation_id) = patch.organisation_id {
        model.organisation_id = Set(organisation_id);
    }
    model.updated_at = Set(svc.now());
    let updated = model.update(&txn).await?;
    audit::record(
        &txn,
        svc,
        scope,
        "member.updated",
        "membership",
        Some(id.0),
        serde_json::json!({
            "role": { "from": before.0, "to": updated.role },
            "status": { "from": before.1, "to": updated.status },
            "organisation_id": { "from": before.2, "to": updated.organisation_id },
        }),
    )
    .await?;
    txn.commit().await?;
    get(svc, scope, id).await
}

/// Removes a member from the network (their account stays).
pub async fn remove(svc: &Services, scope: &TenantScope, id: MembershipId) -> Result<()> {
    scope.require(Action::ReadContent)?;
    let txn = svc.db.begin_write().await?;
    let current = find(&txn, scope, id).await?;
    check_manage(scope, &[current.role])?;
    if current.role == Role::Owner
        && current.status == MembershipStatus::Active
        && active_owner_count(&txn, scope).await? <= 1
    {
        return Err(Error::conflict("last_owner"));
    }
    scope
        .delete_many::<membership::Entity>()
        .filter(membership::Column::Id.eq(id))
        .exec(&txn)
        .await?;
    audit::record(
        &txn,
        svc,
        scope,
        "member.removed",
        "membership",
        Some(id.0),
        serde_json::json!({ "user_id": current.user_id, "role": current.role }),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// Adds an existing user as an active member (operator CLI and demo; people otherwise join by
/// invitation).
pub async fn add(
    svc: &Services,
    scope: &TenantScope,
    user_id: UserId,
    organisation_id: Option<OrganisationId>,
    role: Role,
) -> Result<MembershipId> {
    check_manage(scope, &[role])?;
    let txn = svc.db.begin_write().await?;
    if let Some(organisation_id) = organisation_id {
        organisations::find(&txn, scope, organisation_id).await?;
    }
    if scope
        .find::<membership::Entity>()
        .filter(membership::Column::UserId.eq(user_id))
        .one(&txn)
        .await?
        .is_some()
    {
        return Err(Error::conflict("already_member"));
    }
    let id = insert(
        &txn,
        svc,
        scope,
        user_id,
        organisation_id,
        role,
        MembershipStatus::Active,
    )
    .await?;
    audit::record(
        &txn,
        svc,
        scope,
        "member.added",
        "membership",
        Some(id.0),
        serde_json::json!({ "user_id": user_id, "role": role }),
    )
    .await?;
    txn.commit().await?;
    Ok(id)
}

pub(crate) async fn insert(
    conn: &impl ConnectionTrait,
    svc: &Services,
    scope: &TenantScope,
    user_id: UserId,
    organisation_id: Option<OrganisationId>,
    role: Role,
    status: MembershipStatus,
) -> Result<MembershipId> {
    let now = svc.now();
    let model = membership::ActiveModel {
        id: Set(MembershipId::new()),
        tenant_id: Set(scope.tenant_id()),
        user_id: Set(user_id),
        organisation_id: Set(organisation_id),
        role: Set(role),
        status: Set(status),
        created_at: Set(now),
        updated_at: Set(now),
    }
    .insert(conn)
    .await?;
    Ok(model.id)
}

/// The membership of a user in this network, if any.
pub(crate) async fn of_user(
    conn: &impl ConnectionTrait,
    scope: &TenantScope,
    user_id: UserId,
) -> Result<Option<membership::Model>> {
    Ok(scope
        .find::<membership::Entity>()
        .filter(membership::Column::UserId.eq(user_id))
        .one(conn)
        .await?)
}

/// Removes a membership still waiting for its invitation to be accepted.
pub(crate) async fn delete_invited(
    conn: &impl ConnectionTrait,
    scope: &TenantScope,
    user_id: UserId,
) -> Result<()> {
    scope
        .delete_many::<membership::Entity>()
        .filter(membership::Column::UserId.eq(user_id))
        .filter(membership::Column::Status.eq(MembershipStatus::Invited))
        .exec(conn)
        .await?;
    Ok(())
}
