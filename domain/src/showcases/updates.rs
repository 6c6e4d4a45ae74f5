//! Project updates: news a project's organisations post, in the web UI or with their API token.
//!
//! Whoever may contribute to the project ([`super::projects::can_edit`]) posts; anyone else is
//! told the project does not exist for them (404), so an organisation's token learns nothing of
//! other organisations' projects. The author (or, for a token's update, a token of the same
//! organisation) and coordinators edit and delete. Each post tells the project's followers, on
//! the same transaction.

use chrono::{DateTime, Utc};
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, QueryFilter};

use super::projects::{can_edit, find_visible, organisation_names};
use crate::Services;
use crate::entities::{project, project_update};
use crate::error::{Error, Result};
use crate::ids::{OrganisationId, ProjectId, ProjectUpdateId, UserId};
use crate::jobs::{self, Task};
use crate::markdown;
use crate::notifications::{self, Event, EventKind, Subject};
use crate::pagination::{Page, PageRequest, keyset};
use crate::policy::Action;
use crate::tenancy::{Actor, TenantOwned, TenantScope};
use crate::text::{Validator, limits};

impl TenantOwned for project_update::Entity {
    fn tenant_column() -> Self::Column {
        project_update::Column::TenantId
    }
}

#[derive(Clone, Debug)]
pub struct ProjectUpdate {
    pub id: ProjectUpdateId,
    pub project_id: ProjectId,
    pub organisation_id: Option<OrganisationId>,
    pub organisation_name: Option<String>,
    pub author_id: Option<UserId>,
    /// The author's name, or the token's.
    pub author: String,
    pub title: String,
    /// Markdown as written.
    pub body: String,
    pub body_html: String,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    /// May the caller edit or delete it?
    pub editable: bool,
}

#[derive(Clone, Debug)]
pub struct NewUpdate {
    pub title: String,
    pub body: String,
}

#[derive(Clone, Debug, Default)]
pub struct UpdatePatch {
    pub title: Option<String>,
    pub body: Option<String>,
}

/// Where an update opens, relative to the network's root.
pub(crate) fn update_path(project: ProjectId, update: ProjectUpdateId) -> String {
    format!("projects/{project}#update-{update}")
}

fn may_change(scope: &TenantScope, model: &project_update::Model) -> bool {
    if scope.can(Action::EditAnyContent) {
        return true;
    }
    match scope.actor() {
        Actor::Member(member) => model.author_id == Some(member.user_id),
        Actor::Token(token) => {
            model.author_id.is_none() && model.organisation_id == Some(token.organisation_id)
        }
        _ => false,
    }
}

fn to_update(
    scope: &TenantScope,
    model: project_update::Model,
    organisation_name: Option<String>,
) -> ProjectUpdate {
    ProjectUpdate {
        editable: may_change(scope, &model),
        body_html: markdown::render(&model.body),
        organisation_name,
        id: model.id,
        project_id: model.project_id,
        organisation_id: model.organisation_id,
        author_id: model.author_id,
        author: model.author_label,
        title: model.title,
        body: model.body,
        created_at: model.created_at,
        updated_at: model.updated_at,
    }
}

fn check(title: Option<&str>, body: Option<&str>) -> Result<(Option<String>, Option<String>)> {
    let mut v = Validator::new();
    let title = title.map(|t| v.required("title", t, limits::TITLE));
    let body = body.map(|b| v.optional("body", b, limits::BODY));
    v.finish()?;
    Ok((title, body))
}

/// The project, if the actor may contribute to it; otherwise not found.
async fn contributable(
    conn: &impl ConnectionTrait,
    scope: &TenantScope,
    id: ProjectId,
) -> Result<project::Model> {
    let project = find_visible(conn, scope, id).await?;
    if can_edit(scope, &project) {
        Ok(project)
    } else {
        Err(Error::NotFound)
    }
}

/// Posts an update on a project and tells its followers.
pub async fn post(
    svc: &Services,
    scope: &TenantScope,
    project_id: ProjectId,
    input: NewUpdate,
) -> Result<ProjectUpdate> {
    let txn = svc.db.begin_write().await?;
    let project = contributable(&txn, scope, project_id).await?;
    let (title, body) = check(Some(&input.title), Some(&input.body))?;
    let now = svc.now();
    // The system (the demo loader, an import) posts for the owner organisation, unnamed.
    let (author_label, organisation_id) = match scope.actor() {
        Actor::Member(member) => (member.display_name.clone(), member.organisation_id),
        Actor::Token(token) => (token.name.clone(), Some(token.organisation_id)),
        _ => (String::new(), Some(project.owner_organisation_id)),
    };
    let model = project_update::ActiveModel {
        id: Set(ProjectUpdateId::new()),
        tenant_id: Set(scope.tenant_id()),
        project_id: Set(project_id),
        organisation_id: Set(organisation_id),
        author_id: Set(scope.user_id()),
        author_label: Set(author_label),
        title: Set(title.unwrap_or_default()),
        body: Set(body.unwrap_or_default()),
        created_at: Set(now),
        updated_at: Set(now),
    }
    .insert(&txn)
    .await?;
    notifications::record(
        &txn,
        svc,
        scope,
        Event {
            kind: EventKind::ProjectUpdate,
            subjects: vec![Subject::Project(project_id)],
            mentioned: vec![],
            actor: scope.user_id(),
            group_id: project.group_id,
            title: project.title.clone(),
            path: update_path(project_id, model.id),
        },
    )
    .await?;
    jobs::enqueue(
        &txn,
        svc,
        Some(scope.tenant_id()),
        &Task::IndexProjectUpdate {
            update_id: model.id,
        },
    )
    .await?;
    txn.commit().await?;
    let names = organisation_names(
        svc.db.conn(),
        scope,
        &model.organisation_id.into_iter().collect::<Vec<_>>(),
    )
    .await?;
    Ok(to_update(
        scope,
        model,
        names.into_iter().next().map(|o| o.name),
    ))
}

/// A project's updates, newest first, for whoever may read the project.
pub async fn list(
    svc: &Services,
    scope: &TenantScope,
    project_id: ProjectId,
    page: PageRequest,
) -> Result<Page<ProjectUpdate>> {
    let conn = svc.db.conn();
    find_visible(conn, scope, project_id).await?;
    let query = scope
        .find::<project_update::Entity>()
        .filter(project_update::Column::ProjectId.eq(project_id));
    let rows = keyset(query, project_update::Column::Id, page)
        .all(conn)
        .await?;
    let mut organisations: Vec<OrganisationId> = Vec::new();
    for row in &rows {
        if let Some(org) = row.organisation_id
            && !organisations.contains(&org)
        {
            organisations.push(org);
        }
    }
    // The organisations' names in one statement, however many updates.
    let names = organisation_names(conn, scope, &organisations).await?;
    let items = rows
        .into_iter()
        .map(|row| {
            let name = row
                .organisation_id
                .and_then(|org| names.iter().find(|n| n.id == org))
                .map(|n| n.name.clone());
            to_update(scope, row, name)
        })
        .collect();
    Ok(Page::from_rows(items, page, |u: &ProjectUpdate| u.id.0))
}

/// The update, if the project is readable and the actor may change it.
async fn changeable(
    conn: &impl ConnectionTrait,
    scope: &TenantScope,
    project_id: ProjectId,
    id: ProjectUpdateId,
) -> Result<project_update::Model> {
    find_visible(conn, scope, project_id).await?;
    let model = scope
        .find::<project_update::Entity>()
        .filter(project_update::Column::Id.eq(id))
        .filter(project_update::Column::ProjectId.eq(project_id))
        .one(conn)
        .await?
        .ok_or(Error::NotFound)?;
    if may_change(scope, &model) {
        Ok(model)
    } else if scope.role().is_some() {
        Err(Error::Forbidden)
    } else {
        Err(scope.outsider_error())
    }
}

/// One update for its edit form: `Forbidden` (or `NotFound`) unless the actor may change it.
pub async fn get_changeable(
    svc: &Services,
    scope: &TenantScope,
    project_id: ProjectId,
    id: ProjectUpdateId,
) -> Result<ProjectUpdate> {
    let conn = svc.db.conn();
    let model = changeable(conn, scope, project_id, id).await?;
    let names = organisation_names(
        conn,
        scope,
        &model.organisation_id.into_iter().collect::<Vec<_>>(),
    )
    .await?;
    Ok(to_update(
        scope,
        model,
        names.into_iter().next().map(|o| o.name),
    ))
}

pub async fn edit(
    svc: &Services,
    scope: &TenantScope,
    project_id: ProjectId,
    id: ProjectUpdateId,
    patch: UpdatePatch,
) -> Result<ProjectUpdate> {
    let txn = svc.db.begin_write().await?;
    let current = changeable(&txn, scope, project_id, id).await?;
    let (title, body) = check(patch.title.as_deref(), patch.body.as_deref())?;
    let mut model: project_update::ActiveModel = current.into();
    if let Some(title) = title {
        model.title = Set(title);
    }
    if let Some(body) = body {
        model.body = Set(body);
    }
    model.updated_at = Set(svc.now());
    let model = model.update(&txn).await?;
    jobs::enqueue(
        &txn,
        svc,
        Some(scope.tenant_id()),
        &Task::IndexProjectUpdate { update_id: id },
    )
    .await?;
    txn.commit().await?;
    let names = organisation_names(
        svc.db.conn(),
        scope,
        &model.organisation_id.into_iter().collect::<Vec<_>>(),
    )
    .await?;
    Ok(to_update(
        scope,
        model,
        names.into_iter().next().map(|o| o.name),
    ))
}

pub async fn delete(
    svc: &Services,
    scope: &TenantScope,
    project_id: ProjectId,
    id: ProjectUpdateId,
) -> Result<()> {
    let txn = svc.db.begin_write().await?;
    changeable(&txn, scope, project_id, id).await?;
    scope
        .delete_many::<project_update::Entity>()
        .filter(project_update::Column::Id.eq(id))
        .exec(&txn)
        .await?;
    // The job finds the row gone and removes its document.
    jobs::enqueue(
        &txn,
        svc,
        Some(scope.tenant_id()),
        &Task::IndexProjectUpdate { update_id: id },
    )
    .await?;
    txn.commit().await?;
    Ok(())
}
