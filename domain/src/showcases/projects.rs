//! Projects: create, edit, read and list, each write committing its search-indexing job with it.
//!
//! Members create projects for their own organisation and edit their organisation's projects;
//! coordinators may do both for any organisation. A project limited to a working group is seen
//! by that group's members and the network's coordinators.

use chrono::{DateTime, Utc};
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, QueryFilter};

use super::ProjectStatus;
use crate::Services;
use crate::entities::{organisation, project};
use crate::error::{Error, Result};
use crate::ids::{GroupId, NetworkId, OrganisationId, ProjectId};
use crate::jobs::{self, Task};
use crate::markdown;
use crate::pagination::{Page, PageRequest, keyset};
use crate::people::{groups, organisations};
use crate::policy::Action;
use crate::tenancy::{TenantOwned, TenantScope, Visibility};
use crate::text::{Validator, limits};

impl TenantOwned for project::Entity {
    fn tenant_column() -> Self::Column {
        project::Column::TenantId
    }
}

#[derive(Clone, Debug)]
pub struct Project {
    pub id: ProjectId,
    pub tenant_id: NetworkId,
    pub owner_organisation_id: OrganisationId,
    pub owner_organisation_name: String,
    pub group_id: Option<GroupId>,
    pub title: String,
    pub summary: String,
    /// Markdown as written.
    pub body: String,
    /// The body rendered to safe HTML.
    pub body_html: String,
    pub status: ProjectStatus,
    pub visibility: Visibility,
    pub tags: Vec<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    /// May the caller edit it?
    pub editable: bool,
}

/// A project in a list: no body.
#[derive(Clone, Debug)]
pub struct ProjectSummary {
    pub id: ProjectId,
    pub owner_organisation_id: OrganisationId,
    pub owner_organisation_name: String,
    pub group_id: Option<GroupId>,
    pub title: String,
    pub summary: String,
    pub status: ProjectStatus,
    pub visibility: Visibility,
    pub tags: Vec<String>,
    pub updated_at: DateTime<Utc>,
}

/// A new project. The owner defaults to the caller's organisation.
#[derive(Clone, Debug)]
pub struct NewProject {
    pub title: String,
    pub summary: String,
    pub body: String,
    pub status: ProjectStatus,
    pub visibility: Visibility,
    pub owner_organisation_id: Option<OrganisationId>,
    pub group_id: Option<GroupId>,
    pub tags: Vec<String>,
}

/// A change; `None` leaves a field as it is.
#[derive(Clone, Debug, Default)]
pub struct ProjectPatch {
    pub title: Option<String>,
    pub summary: Option<String>,
    pub body: Option<String>,
    pub status: Option<ProjectStatus>,
    pub visibility: Option<Visibility>,
    pub owner_organisation_id: Option<OrganisationId>,
    /// `Some(None)` lifts a group limit.
    pub group_id: Option<Option<GroupId>>,
    pub tags: Option<Vec<String>>,
}

fn tags_of(model: &project::Model) -> Vec<String> {
    serde_json::from_value(model.tags.clone()).unwrap_or_default()
}

/// May the actor edit (or create) a project owned by `owner`?
fn check_edit(scope: &TenantScope, owner: OrganisationId) -> Result<()> {
    if scope.can(Action::EditAnyContent) {
        return Ok(());
    }
    scope.require(Action::EditOwnProject)?;
    if scope.organisation_id() == Some(owner) {
        Ok(())
    } else {
        Err(Error::Forbidden)
    }
}

fn to_project(scope: &TenantScope, model: project::Model, owner_name: String) -> Project {
    Project {
        editable: check_edit(scope, model.owner_organisation_id).is_ok(),
        tags: tags_of(&model),
        body_html: markdown::render(&model.body),
        id: model.id,
        tenant_id: model.tenant_id,
        owner_organisation_id: model.owner_organisation_id,
        owner_organisation_name: owner_name,
        group_id: model.group_id,
        title: model.title,
        summary: model.summary,
        body: model.body,
        status: model.status,
        visibility: model.visibility,
        created_at: model.created_at,
        updated_at: model.updated_at,
    }
}

async fn find_readable(
    conn: &impl ConnectionTrait,
    scope: &TenantScope,
    id: ProjectId,
) -> Result<project::Model> {
    scope
        .find::<project::Entity>()
        .filter(project::Column::Id.eq(id))
        .filter(scope.readable(project::Column::Visibility, project::Column::GroupId))
        .one(conn)
        .await?
        .ok_or(Error::NotFound)
}

/// The projects the caller may read, newest first.
pub async fn list(
    svc: &Services,
    scope: &TenantScope,
    page: PageRequest,
) -> Result<Page<ProjectSummary>> {
    let readable = scope
        .find::<project::Entity>()
        .filter(scope.readable(project::Column::Visibility, project::Column::GroupId));
    // The owner's name comes in the same query, however long the page.
    let rows = keyset(readable, project::Column::Id, page)
        .find_also_related(organisation::Entity)
        .all(svc.db.conn())
        .await?;
    let summaries = rows
        .into_iter()
        .map(|(model, owner)| ProjectSummary {
            tags: tags_of(&model),
            owner_organisation_name: owner.map(|o| o.name).unwrap_or_default(),
            id: model.id,
            owner_organisation_id: model.owner_organisation_id,
            group_id: model.group_id,
            title: model.title,
            summary: model.summary,
            status: model.status,
            visibility: model.visibility,
            updated_at: model.updated_at,
        })
        .collect();
    Ok(Page::from_rows(summaries, page, |p| p.id.0))
}

pub async fn get(svc: &Services, scope: &TenantScope, id: ProjectId) -> Result<Project> {
    let (model, owner) = scope
        .find::<project::Entity>()
        .filter(project::Column::Id.eq(id))
        .filter(scope.readable(project::Column::Visibility, project::Column::GroupId))
        .find_also_related(organisation::Entity)
        .one(svc.db.conn())
        .await?
        .ok_or(Error::NotFound)?;
    let owner = owner.map(|o| o.name).unwrap_or_default();
    Ok(to_project(scope, model, owner))
}

struct Checked {
    title: Option<String>,
    summary: Option<String>,
    body: Option<String>,
    tags: Option<Vec<String>>,
}

fn check_fields(
    title: Option<&str>,
    summary: Option<&str>,
    body: Option<&str>,
    tags: Option<&[String]>,
) -> Result<Checked> {
    let mut v = Validator::new();
    let checked = Checked {
        title: title.map(|t| v.required("title", t, limits::TITLE)),
        summary: summary.map(|s| v.optional("summary", s, limits::SUMMARY)),
        body: body.map(|b| v.optional("body", b, limits::BODY)),
        tags: tags.map(|t| v.tags("tags", t)),
    };
    v.finish()?;
    Ok(checked)
}

/// Checks that a group limit names a group of this network that the actor may post in.
async fn check_group(
    conn: &impl ConnectionTrait,
    scope: &TenantScope,
    group_id: Option<GroupId>,
) -> Result<()> {
    let Some(group_id) = group_id else {
        return Ok(());
    };
    groups::find(conn, scope, group_id)
        .await
        .map_err(|_| Error::invalid("group_id", "unknown"))?;
    if !scope.sees_all_groups() && !scope.group_ids().contains(&group_id) {
        return Err(Error::invalid("group_id", "not_a_member"));
    }
    Ok(())
}

async fn check_owner(
    conn: &impl ConnectionTrait,
    scope: &TenantScope,
    owner: OrganisationId,
) -> Result<()> {
    organisations::find(conn, scope, owner)
        .await
        .map_err(|_| Error::invalid("owner_organisation_id", "unknown"))?;
    Ok(())
}

pub async fn create(svc: &Services, scope: &TenantScope, input: NewProject) -> Result<Project> {
    scope.require(Action::EditOwnProject)?;
    let checked = check_fields(
        Some(&input.title),
        Some(&input.summary),
        Some(&input.body),
        Some(&input.tags),
    )?;
    let owner = input
        .owner_organisation_id
        .or(scope.organisation_id())
        .ok_or_else(|| Error::invalid("owner_organisation_id", crate::text::CODE_REQUIRED))?;

    let txn = svc.db.begin_write().await?;
    check_owner(&txn, scope, owner).await?;
    check_edit(scope, owner)?;
    check_group(&txn, scope, input.group_id).await?;
    let now = svc.now();
    let model = project::ActiveModel {
        id: Set(ProjectId::new()),
        tenant_id: Set(scope.tenant_id()),
        owner_organisation_id: Set(owner),
        group_id: Set(input.group_id),
        title: Set(checked.title.unwrap_or_default()),
        summary: Set(checked.summary.unwrap_or_default()),
        body: Set(checked.body.unwrap_or_default()),
        status: Set(input.status),
        visibility: Set(input.visibility),
        tags: Set(serde_json::json!(checked.tags.unwrap_or_default())),
        created_by: Set(scope.user_id()),
        created_at: Set(now),
        updated_at: Set(now),
    }
    .insert(&txn)
    .await?;
    jobs::enqueue(
        &txn,
        svc,
        Some(scope.tenant_id()),
        &Task::IndexProject {
            project_id: model.id,
        },
    )
    .await?;
    txn.commit().await?;
    get(svc, scope, model.id).await
}

pub async fn update(
    svc: &Services,
    scope: &TenantScope,
    id: ProjectId,
    patch: ProjectPatch,
) -> Result<Project> {
    let checked = check_fields(
        patch.title.as_deref(),
        patch.summary.as_deref(),
        patch.body.as_deref(),
        patch.tags.as_deref(),
    )?;
    let txn = svc.db.begin_write().await?;
    let current = find_readable(&txn, scope, id).await?;
    check_edit(scope, current.owner_organisation_id)?;
    if let Some(owner) = patch.owner_organisation_id {
        check_owner(&txn, scope, owner).await?;
        check_edit(scope, owner)?;
    }
    if let Some(group_id) = patch.group_id {
        check_group(&txn, scope, group_id).await?;
    }
    let mut model: project::ActiveModel = current.into();
    if let Some(title) = checked.title {
        model.title = Set(title);
    }
    if let Some(summary) = checked.summary {
        model.summary = Set(summary);
    }
    if let Some(body) = checked.body {
        model.body = Set(body);
    }
    if let Some(tags) = checked.tags {
        model.tags = Set(serde_json::json!(tags));
    }
    if let Some(status) = patch.status {
        model.status = Set(status);
    }
    if let Some(visibility) = patch.visibility {
        model.visibility = Set(visibility);
    }
    if let Some(owner) = patch.owner_organisation_id {
        model.owner_organisation_id = Set(owner);
    }
    if let Some(group_id) = patch.group_id {
        model.group_id = Set(group_id);
    }
    model.updated_at = Set(svc.now());
    model.update(&txn).await?;
    jobs::enqueue(
        &txn,
        svc,
        Some(scope.tenant_id()),
        &Task::IndexProject { project_id: id },
    )
    .await?;
    txn.commit().await?;
    get(svc, scope, id).await
}
