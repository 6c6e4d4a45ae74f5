//! Categories for the network-wide threads, kept by coordinators. A category with threads is
//! not deleted (`category_not_empty`): its threads would have nowhere to live.

use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, PaginatorTrait, QueryFilter,
    QueryOrder,
};

use crate::Services;
use crate::entities::{category, thread};
use crate::error::{Error, Result};
use crate::ids::CategoryId;
use crate::policy::Action;
use crate::tenancy::TenantScope;
use crate::text::{Validator, limits};

#[derive(Clone, Debug)]
pub struct Category {
    pub id: CategoryId,
    pub name: String,
    pub description: String,
    pub position: i32,
    pub created_at: DateTime<Utc>,
}

impl From<category::Model> for Category {
    fn from(c: category::Model) -> Self {
        Category {
            id: c.id,
            name: c.name,
            description: c.description,
            position: c.position,
            created_at: c.created_at,
        }
    }
}

#[derive(Clone, Debug, Default)]
pub struct NewCategory {
    pub name: String,
    pub description: String,
    pub position: i32,
}

#[derive(Clone, Debug, Default)]
pub struct CategoryPatch {
    pub name: Option<String>,
    pub description: Option<String>,
    pub position: Option<i32>,
}

/// Every category of the network, by position then name.
pub async fn list(svc: &Services, scope: &TenantScope) -> Result<Vec<Category>> {
    scope.require(Action::ReadContent)?;
    Ok(scope
        .find::<category::Entity>()
        .order_by_asc(category::Column::Position)
        .order_by_asc(category::Column::Name)
        .all(svc.db.conn())
        .await?
        .into_iter()
        .map(Category::from)
        .collect())
}

pub(crate) async fn find(
    conn: &impl ConnectionTrait,
    scope: &TenantScope,
    id: CategoryId,
) -> Result<category::Model> {
    scope.require(Action::ReadContent)?;
    scope
        .find::<category::Entity>()
        .filter(category::Column::Id.eq(id))
        .one(conn)
        .await?
        .ok_or(Error::NotFound)
}

pub async fn get(svc: &Services, scope: &TenantScope, id: CategoryId) -> Result<Category> {
    Ok(find(svc.db.conn(), scope, id).await?.into())
}

async fn ensure_name_free(
    conn: &impl ConnectionTrait,
    scope: &TenantScope,
    name: &str,
    except: Option<CategoryId>,
) -> Result<()> {
    let mut query = scope
        .find::<category::Entity>()
        .filter(category::Column::Name.eq(name));
    if let Some(id) = except {
        query = query.filter(category::Column::Id.ne(id));
    }
    if query.count(conn).await? > 0 {
        return Err(Error::invalid("name", "taken"));
    }
    Ok(())
}

pub async fn create(svc: &Services, scope: &TenantScope, input: NewCategory) -> Result<Category> {
    scope.require(Action::Moderate)?;
    let mut v = Validator::new();
    let name = v.required("name", &input.name, limits::NAME);
    let description = v.optional("description", &input.description, limits::DESCRIPTION);
    v.finish()?;
    let txn = svc.db.begin_write().await?;
    ensure_name_free(&txn, scope, &name, None).await?;
    let now = svc.now();
    let model = category::ActiveModel {
        id: Set(CategoryId::new()),
        tenant_id: Set(scope.tenant_id()),
        name: Set(name),
        description: Set(description),
        position: Set(input.position),
        created_at: Set(now),
        updated_at: Set(now),
    }
    .insert(&txn)
    .await?;
    txn.commit().await?;
    Ok(model.into())
}

pub async fn update(
    svc: &Services,
    scope: &TenantScope,
    id: CategoryId,
    patch: CategoryPatch,
) -> Result<Category> {
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
    scope.require(Action::Moderate)?;
    if let Some(name) = &name {
        ensure_name_free(&txn, scope, name, Some(id)).await?;
    }
    let mut model: category::ActiveModel = current.into();
    if let Some(name) = name {
        model.name = Set(name);
    }
    if let Some(description) = description {
        model.description = Set(description);
    }
    if let Some(position) = patch.position {
        model.position = Set(position);
    }
    model.updated_at = Set(svc.now());
    let model = model.update(&txn).await?;
    txn.commit().await?;
    Ok(model.into())
}

pub async fn delete(svc: &Services, scope: &TenantScope, id: CategoryId) -> Result<()> {
    let txn = svc.db.begin_write().await?;
    find(&txn, scope, id).await?;
    scope.require(Action::Moderate)?;
    let threads = scope
        .find::<thread::Entity>()
        .filter(thread::Column::CategoryId.eq(id))
        .count(&txn)
        .await?;
    if threads > 0 {
        return Err(Error::conflict("category_not_empty"));
    }
    scope
        .delete_many::<category::Entity>()
        .filter(category::Column::Id.eq(id))
        .exec(&txn)
        .await?;
    txn.commit().await?;
    Ok(())
}
