//! Project pages: the list, one project, and the form that creates or edits one.
//!
//! Members create projects for their own organisation; coordinators choose any organisation of
//! the network. A project may be limited to a working group the author belongs to.

use askama::Template;
use domain::ids::{GroupId, OrganisationId, ProjectId};
use domain::pagination::PageRequest;
use domain::people::{groups, organisations};
use domain::policy::Action;
use domain::showcases::ProjectStatus;
use domain::showcases::projects::{self, NewProject, Project, ProjectPatch, ProjectSummary};
use domain::tenancy::{TenantScope, Visibility};
use domain::text::split_tags;
use poem::handler;
use poem::http::StatusCode;

use crate::context::Ctx;
use crate::forms::{FormErrors, form_failure};
use crate::render::{PageResult, page, page_with, see_other};

#[derive(Template)]
#[template(path = "projects.html")]
struct ListPage<'a> {
    ctx: &'a Ctx,
    projects: Vec<ProjectSummary>,
    next: Option<String>,
    heading: u8,
}

#[handler]
pub(crate) async fn list(ctx: &Ctx) -> PageResult {
    let scope = ctx.scope()?;
    let found = projects::list(
        ctx.svc(),
        scope,
        PageRequest::parse(None, ctx.query.opt("cursor"))?,
    )
    .await?;
    page(&ListPage {
        ctx,
        next: found
            .next_cursor
            .map(|c| ctx.network_path(&format!("/projects?cursor={c}"))),
        projects: found.items,
        heading: 2,
    })
}

#[derive(Template)]
#[template(path = "project.html")]
struct ProjectPage<'a> {
    ctx: &'a Ctx,
    project: Project,
    group: Option<String>,
    notice: Option<String>,
}

#[handler]
pub(crate) async fn show(ctx: &Ctx) -> PageResult {
    let scope = ctx.scope()?;
    let id: ProjectId = ctx.id("id")?;
    let project = projects::get(ctx.svc(), scope, id).await?;
    let group = match project.group_id {
        Some(group_id) => groups::get(ctx.svc(), scope, group_id)
            .await
            .ok()
            .map(|g| g.name),
        None => None,
    };
    let notice = match ctx.query.get("notice") {
        "created" => Some(ctx.t("notice-project-created")),
        "saved" => Some(ctx.t("notice-project-saved")),
        _ => None,
    };
    page(&ProjectPage {
        ctx,
        project,
        group,
        notice,
    })
}

/// The project form as typed.
#[derive(Default)]
struct ProjectForm {
    title: String,
    summary: String,
    body: String,
    status: String,
    visibility: String,
    owner_organisation_id: String,
    group_id: String,
    tags: String,
}

impl ProjectForm {
    fn from_request(ctx: &Ctx) -> Self {
        let get = |name: &str| ctx.form.get(name).to_owned();
        Self {
            title: get("title"),
            summary: get("summary"),
            body: get("body"),
            status: get("status"),
            visibility: get("visibility"),
            owner_organisation_id: get("owner_organisation_id"),
            group_id: get("group_id"),
            tags: get("tags"),
        }
    }

    fn from_project(project: &Project) -> Self {
        Self {
            title: project.title.clone(),
            summary: project.summary.clone(),
            body: project.body.clone(),
            status: project.status.as_str().to_owned(),
            visibility: project.visibility.as_str().to_owned(),
            owner_organisation_id: project.owner_organisation_id.to_string(),
            group_id: project.group_id.map(|g| g.to_string()).unwrap_or_default(),
            tags: project.tags.join(", "),
        }
    }
}

const FIELDS: &[&str] = &[
    "title",
    "summary",
    "body",
    "status",
    "visibility",
    "owner_organisation_id",
    "group_id",
    "tags",
];

/// The choices of a select whose value the domain decides, parsed back.
struct Parsed {
    status: ProjectStatus,
    visibility: Visibility,
    /// `None` when the author cannot choose (their own organisation).
    owner: Option<OrganisationId>,
    group: Option<GroupId>,
    tags: Vec<String>,
}

fn parse(ctx: &Ctx, form: &ProjectForm) -> Result<Parsed, domain::Error> {
    let mut problems = Vec::new();
    let status = ProjectStatus::parse(&form.status);
    if status.is_none() {
        problems.push(domain::FieldError::new("status", "invalid"));
    }
    let visibility = Visibility::parse(&form.visibility);
    if visibility.is_none() {
        problems.push(domain::FieldError::new("visibility", "invalid"));
    }
    let owner = if ctx.can(Action::EditAnyContent) {
        match form.owner_organisation_id.trim() {
            "" => None,
            value => match value.parse() {
                Ok(id) => Some(id),
                Err(_) => {
                    problems.push(domain::FieldError::new("owner_organisation_id", "unknown"));
                    None
                }
            },
        }
    } else {
        None
    };
    let group = match form.group_id.trim() {
        "" => None,
        value => match value.parse() {
            Ok(id) => Some(id),
            Err(_) => {
                problems.push(domain::FieldError::new("group_id", "unknown"));
                None
            }
        },
    };
    match (status, visibility) {
        (Some(status), Some(visibility)) if problems.is_empty() => Ok(Parsed {
            status,
            visibility,
            owner,
            group,
            tags: split_tags(&form.tags),
        }),
        _ => Err(domain::Error::Invalid(problems)),
    }
}

#[derive(Template)]
#[template(path = "project_form.html")]
struct FormPage<'a> {
    ctx: &'a Ctx,
    /// The project being edited; `None` for a new one.
    editing: Option<Project>,
    form: ProjectForm,
    errors: FormErrors,
    status_choices: Vec<(String, String)>,
    visibility_choices: Vec<(String, String, String)>,
    /// Organisations to choose from (coordinators); empty when the owner is fixed.
    owner_choices: Vec<(String, String)>,
    /// The owner's name when it cannot be chosen.
    fixed_owner: String,
    group_choices: Vec<(String, String)>,
}

async fn render_form(
    ctx: &Ctx,
    status: StatusCode,
    editing: Option<Project>,
    form: ProjectForm,
    errors: FormErrors,
) -> PageResult {
    let scope: &TenantScope = ctx.scope()?;
    let svc = ctx.svc();
    let mut owner_choices = Vec::new();
    let mut fixed_owner = String::new();
    if scope.can(Action::EditAnyContent) {
        owner_choices = organisations::all(svc, scope)
            .await?
            .into_iter()
            .map(|o| (o.id.to_string(), o.name))
            .collect();
    } else if let Some(project) = &editing {
        fixed_owner = project.owner_organisation_name.clone();
    } else if let Some(own) = scope.organisation_id() {
        fixed_owner = organisations::get(svc, scope, own).await?.name;
    }
    let mut group_choices = vec![(String::new(), ctx.t("projects-no-group"))];
    group_choices.extend(
        groups::all(svc, scope)
            .await?
            .into_iter()
            .filter(|g| scope.sees_all_groups() || scope.group_ids().contains(&g.id))
            .map(|g| (g.id.to_string(), g.name)),
    );
    page_with(
        status,
        &FormPage {
            ctx,
            editing,
            form,
            errors,
            status_choices: ProjectStatus::ALL
                .iter()
                .map(|s| {
                    (
                        s.as_str().to_owned(),
                        ctx.label("project_status", s.as_str()),
                    )
                })
                .collect(),
            visibility_choices: Visibility::ALL
                .iter()
                .map(|v| {
                    (
                        v.as_str().to_owned(),
                        ctx.label("visibility", v.as_str()),
                        ctx.t(&format!("visibility-{v}-hint")),
                    )
                })
                .collect(),
            owner_choices,
            fixed_owner,
            group_choices,
        },
    )
}

#[handler]
pub(crate) async fn new_form(ctx: &Ctx) -> PageResult {
    let scope = ctx.scope()?;
    scope.require(Action::EditOwnProject)?;
    let form = ProjectForm {
        status: ProjectStatus::Idea.as_str().to_owned(),
        visibility: Visibility::Network.as_str().to_owned(),
        owner_organisation_id: scope
            .organisation_id()
            .map(|id| id.to_string())
            .unwrap_or_default(),
        ..ProjectForm::default()
    };
    render_form(ctx, StatusCode::OK, None, form, FormErrors::none()).await
}

#[handler]
pub(crate) async fn create(ctx: &Ctx) -> PageResult {
    let scope = ctx.scope()?;
    scope.require(Action::EditOwnProject)?;
    let form = ProjectForm::from_request(ctx);
    let result = match parse(ctx, &form) {
        Ok(parsed) => {
            let input = NewProject {
                title: form.title.clone(),
                summary: form.summary.clone(),
                body: form.body.clone(),
                status: parsed.status,
                visibility: parsed.visibility,
                owner_organisation_id: parsed.owner,
                group_id: parsed.group,
                tags: parsed.tags,
            };
            projects::create(ctx.svc(), scope, input).await
        }
        Err(err) => Err(err),
    };
    match result {
        Ok(project) => Ok(see_other(
            &ctx.network_path(&format!("/projects/{}?notice=created", project.id)),
        )),
        Err(err) => {
            let (status, errors) = form_failure(ctx, err, FIELDS)?;
            render_form(ctx, status, None, form, errors).await
        }
    }
}

/// The project, if the viewer may edit it.
async fn editable(ctx: &Ctx) -> Result<Project, crate::errors::WebError> {
    let id: ProjectId = ctx.id("id")?;
    let project = projects::get(ctx.svc(), ctx.scope()?, id).await?;
    if !project.editable {
        return Err(domain::Error::Forbidden.into());
    }
    Ok(project)
}

#[handler]
pub(crate) async fn edit_form(ctx: &Ctx) -> PageResult {
    let project = editable(ctx).await?;
    let form = ProjectForm::from_project(&project);
    render_form(ctx, StatusCode::OK, Some(project), form, FormErrors::none()).await
}

#[handler]
pub(crate) async fn update(ctx: &Ctx) -> PageResult {
    let scope = ctx.scope()?;
    let project = editable(ctx).await?;
    let form = ProjectForm::from_request(ctx);
    let result = match parse(ctx, &form) {
        Ok(parsed) => {
            let patch = ProjectPatch {
                title: Some(form.title.clone()),
                summary: Some(form.summary.clone()),
                body: Some(form.body.clone()),
                status: Some(parsed.status),
                visibility: Some(parsed.visibility),
                owner_organisation_id: parsed.owner,
                group_id: Some(parsed.group),
                tags: Some(parsed.tags),
            };
            projects::update(ctx.svc(), scope, project.id, patch).await
        }
        Err(err) => Err(err),
    };
    match result {
        Ok(updated) => Ok(see_other(
            &ctx.network_path(&format!("/projects/{}?notice=saved", updated.id)),
        )),
        Err(err) => {
            let (status, errors) = form_failure(ctx, err, FIELDS)?;
            render_form(ctx, status, Some(project), form, errors).await
        }
    }
}
