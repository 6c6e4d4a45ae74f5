//! Organisations of a network: municipalities, hospital departments, schools, NGOs …

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, QueryFilter, QueryOrder,
    QuerySelect,
};

use super::Sector;
use crate::Services;
use crate::audit;
use crate::entities::organisation;
use crate::error::{Error, Result};
use crate::ids::OrganisationId;
use crate::pagination::{Page, PageRequest, keyset};
use crate::policy::Action;
use crate::tenancy::{TenantOwned, TenantScope};
use crate::text::{Validator, limits};

impl TenantOwned for organisation::Entity {
    fn tenant_column() -> Self::Column {
        organisation::Column::TenantId
    }
}

#[derive(Clone, Debug)]
pub struct Organisation {
    pub id: OrganisationId,
    pub name: String,
    pub sector: Sector,
    /// CVR, organisasjonsnummer or similar.
    pub registry_number: Option<String>,
    pub created_at: DateTime<Utc>,
}

impl From<organisation::Model> for Organisation {
    fn from(model: organisation::Model) -> Self {
        Organisation {
            id: model.id,
            name: model.name,
            sector: model.sector,
            registry_number: model.registry_number,
            created_at: model.created_at,
        }
    }
}

#[derive(Clone, Debug)]
pub struct NewOrganisation {
    pub name: String,
    pub sector: Sector,
    pub registry_number: Option<String>,
}

#[derive(Clone, Debug, Default)]
pub struct OrganisationPatch {
    pub name: Option<String>,
    pub sector: Option<Sector>,
    /// `Some(None)` clears it.
    pub registry_number: Option<Option<String>>,
}

/// The network's organisations, newest first (anyone who reads the network's content).
pub async fn list(
    svc: &Services,
    scope: &TenantScope,
    page: PageRequest,
) -> Result<Page<Organisation>> {
    scope.require(Action::ReadContent)?;
    let rows = keyset(
        scope.find::<organisation::Entity>(),
        organisation::Column::Id,
        page,
    )
    .all(svc.db.conn())
    .await?;
    Ok(Page::from_rows(
        rows.into_iter().map(Organisation::from).collect(),
        page,
        |o| o.id.0,
    ))
}

/// Every organisation of the network by name, for choosers in forms.
pub async fn all(svc: &Services, scope: &TenantScope) -> Result<Vec<Organisation>> {
    scope.require(Action::ReadContent)?;
    Ok(scope
        .find::<organisation::Entity>()
        .order_by_asc(organisation::Column::Name)
        .all(svc.db.conn())
        .await?
        .into_iter()
        .map(Organisation::from)
        .collect())
}

pub async fn get(svc: &Services, scope: &TenantScope, id: OrganisationId) -> Result<Organisation> {
    scope.require(Action::ReadContent)?;
    find(svc.db.conn(), scope, id).await.map(Organisation::from)
}

pub(crate) async fn find(
    conn: &impl ConnectionTrait,
    scope: &TenantScope,
    id: OrganisationId,
) -> Result<organisation::Model> {
    scope
        .find::<organisation::Entity>()
        .filter(organisation::Column::Id.eq(id))
        .one(conn)
        .await?
        .ok_or(Error::NotFound)
}

/// Names of the given organisations in one query (lists show owner names without N+1).
pub(crate) async fn names(
    conn: &impl ConnectionTrait,
    scope: &TenantScope,
    ids: impl IntoIterator<Item = OrganisationId>,
) -> Result<HashMap<OrganisationId, String>> {
    let mut ids: Vec<OrganisationId> = ids.into_iter().collect();
    ids.sort();
    ids.dedup();
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    let rows: Vec<(OrganisationId, String)> = scope
        .find::<organisation::Entity>()
        .select_only()
        .column(organisation::Column::Id)
        .column(organisation::Column::Name)
        .filter(organisation::Column::Id.is_in(ids))
        .into_tuple()
        .all(conn)
        .await?;
    Ok(rows.into_iter().collect())
}

fn check_registry_number(v: &mut Validator, value: Option<&str>) -> Option<String> {
    v.optional_some("registry_number", value, limits::REGISTRY_NUMBER)
}

pub async fn create(
    svc: &Services,
    scope: &TenantScope,
    input: NewOrganisation,
) -> Result<Organisation> {
    scope.require(Action::ManageOrganisations)?;
    let mut v = Validator::new();
    let name = v.required("name", &input.name, limits::NAME);
    let registry_number = check_registry_number(&mut v, input.registry_number.as_deref());
    v.finish()?;

    let txn = svc.db.begin_write().await?;
    ensure_name_free(&txn, scope, &name, None).await?;
    let now = svc.now();
    let model = organisation::ActiveModel {
        id: Set(OrganisationId::new()),
        tenant_id: Set(scope.tenant_id()),
        name: Set(name),
        sector: Set(input.sector),
        registry_number: Set(registry_number),
        created_at: Set(now),
        updated_at: Set(now),
    }
    .insert(&txn)
    .await?;
    audit::record(
        &txn,
        svc,
        scope,
        "organisation.created",
        "organisation",
        Some(model.id.0),
        serde_json::json!({ "name": model.name, "sector": model.sector }),
    )
    .await?;
    txn.commit().await?;
    Ok(model.into())
}

async fn ensure_name_free(
    conn: &impl ConnectionTrait,
    scope: &TenantScope,
    name: &str,
    except: Option<OrganisationId>,
) -> Result<()> {
    let mut query = scope
        .find::<organisation::Entity>()
        .filter(organisation::Column::Name.eq(name));
    if let Some(id) = except {
        query = query.filter(organisation::Column::Id.ne(id));
    }
    if query.one(conn).await?.is_some() {
        return Err(Error::conflict("name_taken"));
    }
    Ok(())
}

pub async fn update(
    svc: &Services,
    scope: &TenantScope,
    id: OrganisationId,
    patch: OrganisationPatch,
) -> Result<Organisation> {
    scope.require(Action::ReadContent)?;
    let mut v = Validator::new();
    let name = patch
        .name
        .as_deref()
        .map(|name| v.required("name", name, limits::NAME));
    let registry_number = patch
        .registry_number
        .as_ref()
        .map(|value| check_registry_number(&mut v, value.as_deref()));
    v.finish()?;

    let txn = svc.db.begin_write().await?;
    let current = find(&txn, scope, id).await?;
    scope.require(Action::ManageOrganisations)?;
    if let Some(name) = &name {
        ensure_name_free(&txn, scope, name, Some(id)).await?;
    }
    let mut model: organisation::ActiveModel = current.into();
    if let Some(name) = name {
        model.name = Set(name);
    }
    if let Some(sector) = patch.sector {
        model.sector = Set(sector);
    }
    if let Some(registry_number) = registry_number {
        model.registry_number = Set(registry_number);
    }
    model.updated_at = Set(svc.now());
    let updated = model.update(&txn).await?;
    audit::record(
        &txn,
        svc,
        scope,
        "organisation.updated",
        "organisation",
        Some(id.0),
        serde_json::json!({ "name": updated.name, "sector": updated.sector }),
    )
    .await?;
    txn.commit().await?;
    Ok(updated.into())
}

/// The organisation with this exact name (operator CLI).
pub async fn find_by_name(svc: &Services, scope: &TenantScope, name: &str) -> Result<Organisation> {
    scope
        .find::<organisation::Entity>()
        .filter(organisation::Column::Name.eq(name))
        .one(svc.db.conn())
        .await?
        .map(Organisation::from)
        .ok_or(Error::NotFound)
}
