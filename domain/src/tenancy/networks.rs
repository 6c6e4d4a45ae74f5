//! Creating networks (operator and demo), reading them by slug, and their settings (owners).

use std::collections::HashMap;

use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter,
    QueryOrder, QuerySelect,
};

use super::{Language, Network, TenantScope};
use crate::Services;
use crate::audit;
use crate::entities::network;
use crate::error::{Error, Result};
use crate::ids::NetworkId;
use crate::policy::Action;
use crate::text::{Validator, is_valid_slug, limits};

#[derive(Clone, Debug)]
pub struct NewNetwork {
    pub slug: String,
    pub name: String,
    pub default_language: Language,
    pub time_zone: String,
}

/// A change of network settings; `None` leaves a field as it is.
#[derive(Clone, Debug, Default)]
pub struct NetworkPatch {
    pub name: Option<String>,
    pub default_language: Option<Language>,
    pub time_zone: Option<String>,
    pub guest_retention_months: Option<i32>,
    pub case_retention_days: Option<i32>,
}

/// Guest registrations, answers and attendance are kept this long after a meeting.
pub const DEFAULT_GUEST_RETENTION_MONTHS: i32 = 12;
/// Case texts are kept this long after their consultation meeting.
pub const DEFAULT_CASE_RETENTION_DAYS: i32 = 30;

pub(crate) fn from_model(model: network::Model) -> Network {
    Network {
        id: model.id,
        slug: model.slug,
        name: model.name,
        default_language: model.default_language,
        // Written only after validation; an unknown name would mean a hand-edited row.
        time_zone: model.time_zone.parse().unwrap_or(chrono_tz::UTC),
        guest_retention_months: model.guest_retention_months,
        case_retention_days: model.case_retention_days,
        created_at: model.created_at,
    }
}

fn check_time_zone(v: &mut Validator, value: &str) {
    if value.parse::<chrono_tz::Tz>().is_err() {
        v.add("time_zone", crate::text::CODE_INVALID);
    }
}

/// Creates a network. Operators do this from the CLI; there is no self-service sign-up.
pub async fn create_network(svc: &Services, input: NewNetwork) -> Result<Network> {
    let mut v = Validator::new();
    let slug = v.required("slug", &input.slug, limits::SLUG);
    if !slug.is_empty() && !is_valid_slug(&slug) {
        v.add("slug", crate::text::CODE_INVALID);
    }
    let name = v.required("name", &input.name, limits::NAME);
    check_time_zone(&mut v, &input.time_zone);
    v.finish()?;

    let txn = svc.db.begin_write().await?;
    if network::Entity::find()
        .filter(network::Column::Slug.eq(&slug))
        .one(&txn)
        .await?
        .is_some()
    {
        return Err(Error::conflict("slug_taken"));
    }
    let now = svc.now();
    let model = network::ActiveModel {
        id: Set(NetworkId::new()),
        slug: Set(slug),
        name: Set(name),
        default_language: Set(input.default_language),
        time_zone: Set(input.time_zone),
        guest_retention_months: Set(DEFAULT_GUEST_RETENTION_MONTHS),
        case_retention_days: Set(DEFAULT_CASE_RETENTION_DAYS),
        created_at: Set(now),
        updated_at: Set(now),
    }
    .insert(&txn)
    .await?;
    txn.commit().await?;
    Ok(from_model(model))
}

/// The network with this slug.
pub async fn find_network(svc: &Services, slug: &str) -> Result<Network> {
    network::Entity::find()
        .filter(network::Column::Slug.eq(slug))
        .one(svc.db.conn())
        .await?
        .map(from_model)
        .ok_or(Error::NotFound)
}

pub(crate) async fn find_network_by_id(svc: &Services, id: NetworkId) -> Result<Network> {
    network::Entity::find_by_id(id)
        .one(svc.db.conn())
        .await?
        .map(from_model)
        .ok_or(Error::NotFound)
}

/// Every network, for the operator.
pub async fn list_networks(svc: &Services) -> Result<Vec<Network>> {
    Ok(network::Entity::find()
        .order_by_asc(network::Column::Slug)
        .all(svc.db.conn())
        .await?
        .into_iter()
        .map(from_model)
        .collect())
}

/// Changes the network's name, default language or time zone (owners).
pub async fn update_network(
    svc: &Services,
    scope: &TenantScope,
    patch: NetworkPatch,
) -> Result<Network> {
    scope.require(Action::ManageNetworkSettings)?;
    let mut v = Validator::new();
    let name = patch
        .name
        .as_deref()
        .map(|name| v.required("name", name, limits::NAME));
    if let Some(time_zone) = &patch.time_zone {
        check_time_zone(&mut v, time_zone);
    }
    if patch
        .guest_retention_months
        .is_some_and(|months| !(1..=60).contains(&months))
    {
        v.add("guest_retention_months", crate::text::CODE_INVALID);
    }
    if patch
        .case_retention_days
        .is_some_and(|days| !(1..=365).contains(&days))
    {
        v.add("case_retention_days", crate::text::CODE_INVALID);
    }
    v.finish()?;

    let txn = svc.db.begin_write().await?;
    let current = network::Entity::find_by_id(scope.tenant_id())
        .one(&txn)
        .await?
        .ok_or(Error::NotFound)?;
    let mut model: network::ActiveModel = current.into();
    if let Some(name) = name {
        model.name = Set(name);
    }
    if let Some(language) = patch.default_language {
        model.default_language = Set(language);
    }
    if let Some(time_zone) = patch.time_zone {
        model.time_zone = Set(time_zone);
    }
    if let Some(months) = patch.guest_retention_months {
        model.guest_retention_months = Set(months);
    }
    if let Some(days) = patch.case_retention_days {
        model.case_retention_days = Set(days);
    }
    model.updated_at = Set(svc.now());
    let updated = model.update(&txn).await?;
    audit::record(
        &txn,
        svc,
        scope,
        "network.updated",
        "network",
        Some(scope.tenant_id().0),
        serde_json::json!({}),
    )
    .await?;
    txn.commit().await?;
    Ok(from_model(updated))
}

/// The slug and name of each of these networks, in one query (hits and library entries name
/// the network that owns them).
pub(crate) async fn slugs_and_names(
    conn: &impl ConnectionTrait,
    mut ids: Vec<NetworkId>,
) -> Result<HashMap<NetworkId, (String, String)>> {
    ids.sort();
    ids.dedup();
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    let rows: Vec<(NetworkId, String, String)> = network::Entity::find()
        .select_only()
        .column(network::Column::Id)
        .column(network::Column::Slug)
        .column(network::Column::Name)
        .filter(network::Column::Id.is_in(ids))
        .into_tuple()
        .all(conn)
        .await?;
    Ok(rows
        .into_iter()
        .map(|(id, slug, name)| (id, (slug, name)))
        .collect())
}
