//! Project pages: the list, one project (with its partners, updates, files and the follow
//! button), and the form that creates or edits one.
//!
//! Members create projects for their own organisation; coordinators choose any organisation of
//! the network. A project may be limited to a working group the author belongs to. Lists of
//! choices (sectors, age groups, partners) are checkboxes with one name per value
//! (`sector-school`), so the form needs no JavaScript and no repeated names.

use askama::Template;
use chrono::NaiveDate;
use domain::ids::{FileId, GroupId, OrganisationId, ProjectId, ProjectUpdateId};
use domain::material::Target;
use domain::notifications::{self, Subject};
use domain::pagination::PageRequest;
use domain::people::{groups, organisations};
use domain::policy::Action;
use domain::showcases::projects::{
    self, NewProject, Project, ProjectLink, ProjectPatch, ProjectSummary,
};
use domain::showcases::updates::{self, ProjectUpdate};
use domain::showcases::{AgeGroup, Currency, ProjectSector, ProjectStatus};
use domain::tenancy::{TenantScope, Visibility};
use domain::text::split_tags;
use poem::handler;
use poem::http::StatusCode;

use crate::context::Ctx;
use crate::forms::{FormErrors, form_failure};
use crate::material::{Attachments, attachments};
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

/// A label for a list of domain codes: `label("project_sector", …)` joined by commas.
pub(crate) fn labels<T: Copy>(
    ctx: &Ctx,
    kind: &str,
    values: &[T],
    code: fn(T) -> &'static str,
) -> String {
    values
        .iter()
        .map(|v| ctx.label(kind, code(*v)))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The period as people read it: "2025-01-01 – 2026-06-30", open-ended when one side is unset.
pub(crate) fn period(start: Option<NaiveDate>, end: Option<NaiveDate>) -> String {
    match (start, end) {
        (None, None) => String::new(),
        (Some(s), None) => format!("{s} –"),
        (None, Some(e)) => format!("– {e}"),
        (Some(s), Some(e)) => format!("{s} – {e}"),
    }
}

/// An amount with thousands separated by a thin no-break space and its currency.
fn money(amount: i64, currency: Option<Currency>) -> String {
    let digits = amount.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('\u{202f}');
        }
        out.push(c);
    }
    match currency {
        Some(c) => format!("{out} {c}"),
        None => out,
    }
}

#[derive(Template)]
#[template(path = "project.html")]
struct ProjectPage<'a> {
    ctx: &'a Ctx,
    project: Project,
    group: Option<String>,
    notice: Option<String>,
    sectors: String,
    age_groups: String,
    period: String,
    funding: String,
    updates: Vec<ProjectUpdate>,
    more_updates: Option<String>,
    /// The update form as typed, with its errors (after a failed post).
    update_title: String,
    update_body: String,
    errors: FormErrors,
    /// `Some(following)` when the viewer can follow the project.
    follow: Option<bool>,
    follow_kind: &'static str,
    follow_id: String,
    following: bool,
    files: Vec<crate::material::FileRow>,
    target_kind: &'static str,
    target_id: String,
    can_upload: bool,
    has_attachments: bool,
    cover: Option<String>,
}

async fn render_project(
    ctx: &Ctx,
    status: StatusCode,
    id: ProjectId,
    update_title: String,
    update_body: String,
    errors: FormErrors,
) -> PageResult {
    let scope = ctx.scope()?;
    let svc = ctx.svc();
    let project = projects::get(svc, scope, id).await?;
    let group = match project.group_id {
        Some(group_id) => groups::get(svc, scope, group_id).await.ok().map(|g| g.name),
        None => None,
    };
    let notice = match ctx.query.get("notice") {
        "created" => Some(ctx.t("notice-project-created")),
        "saved" => Some(ctx.t("notice-project-saved")),
        "update_posted" => Some(ctx.t("showcases-notice-update-posted")),
        "update_deleted" => Some(ctx.t("showcases-notice-update-deleted")),
        "update_saved" => Some(ctx.t("showcases-notice-update-saved")),
        _ => None,
    };
    let found = updates::list(
        svc,
        scope,
        id,
        PageRequest::parse(None, ctx.query.opt("updates"))?,
    )
    .await?;
    let more_updates = found
        .next_cursor
        .map(|c| ctx.network_path(&format!("/projects/{id}?updates={c}#updates")));
    // Only signed-in people of the network follow; guests from other networks read only.
    let follow = if scope.user_id().is_some() && ctx.is_member() {
        Some(notifications::is_following(svc, scope, Subject::Project(id)).await?)
    } else {
        None
    };
    // Whoever reads the project reads its files (a shared project's files from other networks,
    // a public project's signed out); only its editors upload.
    let Attachments {
        files,
        target_kind,
        target_id,
        can_upload,
    } = attachments(ctx, Target::Project(id)).await?;
    let has_attachments = !files.is_empty() || can_upload;
    let cover = project
        .cover_file_id
        .map(|f| ctx.network_path(&format!("/files/{f}/download")));
    page_with(
        status,
        &ProjectPage {
            ctx,
            sectors: labels(
                ctx,
                "project_sector",
                &project.sectors,
                ProjectSector::as_str,
            ),
            age_groups: labels(ctx, "age_group", &project.age_groups, AgeGroup::as_str),
            period: period(project.period_start, project.period_end),
            funding: project
                .funding_amount
                .map(|a| money(a, project.funding_currency))
                .unwrap_or_default(),
            follow,
            follow_kind: "project",
            follow_id: id.to_string(),
            following: follow.unwrap_or(false),
            project,
            group,
            notice,
            updates: found.items,
            more_updates,
            update_title,
            update_body,
            errors,
            files,
            target_kind,
            target_id,
            can_upload,
            has_attachments,
            cover,
        },
    )
}

#[handler]
pub(crate) async fn show(ctx: &Ctx) -> PageResult {
    let id: ProjectId = ctx.id("id")?;
    render_project(
        ctx,
        StatusCode::OK,
        id,
        String::new(),
        String::new(),
        FormErrors::none(),
    )
    .await
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
    period_start: String,
    period_end: String,
    target_group: String,
    age_groups: Vec<String>,
    sectors: Vec<String>,
    municipalities: String,
    funding_source: String,
    funding_amount: String,
    funding_currency: String,
    contact_name: String,
    contact_email: String,
    results: String,
    /// One link a line: `Title | https://…`, or the address alone.
    links: String,
    cover_file_id: String,
    partners: Vec<String>,
}

fn links_text(links: &[ProjectLink]) -> String {
    links
        .iter()
        .map(|l| {
            if l.title == l.url {
                l.url.clone()
            } else {
                format!("{} | {}", l.title, l.url)
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn parse_links(text: &str) -> Vec<ProjectLink> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(|line| match line.rsplit_once('|') {
            Some((title, url)) => ProjectLink {
                title: title.trim().to_owned(),
                url: url.trim().to_owned(),
            },
            None => ProjectLink {
                title: String::new(),
                url: line.to_owned(),
            },
        })
        .collect()
}

impl ProjectForm {
    fn from_request(ctx: &Ctx) -> Self {
        let get = |name: &str| ctx.form.get(name).to_owned();
        let checked = |prefix: &str, values: Vec<String>| -> Vec<String> {
            values
                .into_iter()
                .filter(|v| !ctx.form.get(&format!("{prefix}-{v}")).is_empty())
                .collect()
        };
        let organisations: Vec<String> = ctx
            .form
            .get("partner_choices")
            .split(',')
            .filter(|s| !s.is_empty())
            .map(str::to_owned)
            .collect();
        Self {
            title: get("title"),
            summary: get("summary"),
            body: get("body"),
            status: get("status"),
            visibility: get("visibility"),
            owner_organisation_id: get("owner_organisation_id"),
            group_id: get("group_id"),
            tags: get("tags"),
            period_start: get("period_start"),
            period_end: get("period_end"),
            target_group: get("target_group"),
            age_groups: checked(
                "age_group",
                AgeGroup::ALL
                    .iter()
                    .map(|a| a.as_str().to_owned())
                    .collect(),
            ),
            sectors: checked(
                "sector",
                ProjectSector::ALL
                    .iter()
                    .map(|s| s.as_str().to_owned())
                    .collect(),
            ),
            municipalities: get("municipalities"),
            funding_source: get("funding_source"),
            funding_amount: get("funding_amount"),
            funding_currency: get("funding_currency"),
            contact_name: get("contact_name"),
            contact_email: get("contact_email"),
            results: get("results"),
            links: get("links"),
            cover_file_id: get("cover_file_id"),
            partners: checked("partner", organisations),
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
            period_start: project
                .period_start
                .map(|d| d.to_string())
                .unwrap_or_default(),
            period_end: project
                .period_end
                .map(|d| d.to_string())
                .unwrap_or_default(),
            target_group: project.target_group.clone(),
            age_groups: project
                .age_groups
                .iter()
                .map(|a| a.as_str().to_owned())
                .collect(),
            sectors: project
                .sectors
                .iter()
                .map(|s| s.as_str().to_owned())
                .collect(),
            municipalities: project.municipalities.join(", "),
            funding_source: project.funding_source.clone(),
            funding_amount: project
                .funding_amount
                .map(|a| a.to_string())
                .unwrap_or_default(),
            funding_currency: project
                .funding_currency
                .map(|c| c.as_str().to_owned())
                .unwrap_or_default(),
            contact_name: project.contact_name.clone(),
            contact_email: project.contact_email.clone(),
            results: project.results.clone(),
            links: links_text(&project.links),
            cover_file_id: project
                .cover_file_id
                .map(|f| f.to_string())
                .unwrap_or_default(),
            partners: project.partners.iter().map(|p| p.id.to_string()).collect(),
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
    "period_start",
    "period_end",
    "target_group",
    "age_groups",
    "sectors",
    "municipalities",
    "funding_source",
    "funding_amount",
    "funding_currency",
    "contact_name",
    "contact_email",
    "results",
    "links",
    "cover_file_id",
    "partner_organisation_ids",
];

/// The values of the form the web layer parses (choices, numbers, dates), parsed.
struct Parsed {
    status: ProjectStatus,
    visibility: Visibility,
    /// `None` when the author cannot choose (their own organisation).
    owner: Option<OrganisationId>,
    group: Option<GroupId>,
    tags: Vec<String>,
    period_start: Option<NaiveDate>,
    period_end: Option<NaiveDate>,
    age_groups: Vec<AgeGroup>,
    sectors: Vec<ProjectSector>,
    municipalities: Vec<String>,
    funding_amount: Option<i64>,
    funding_currency: Option<Currency>,
    links: Vec<ProjectLink>,
    cover_file_id: Option<FileId>,
    partners: Vec<OrganisationId>,
}

fn parse_id(
    problems: &mut Vec<domain::FieldError>,
    field: &str,
    value: &str,
) -> Option<uuid::Uuid> {
    match value.trim() {
        "" => None,
        value => value.parse().ok().or_else(|| {
            problems.push(domain::FieldError::new(field, "unknown"));
            None
        }),
    }
}

fn parse_date(
    problems: &mut Vec<domain::FieldError>,
    field: &str,
    value: &str,
) -> Option<NaiveDate> {
    match value.trim() {
        "" => None,
        value => NaiveDate::parse_from_str(value, "%Y-%m-%d")
            .ok()
            .or_else(|| {
                problems.push(domain::FieldError::new(field, "invalid"));
                None
            }),
    }
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
        parse_id(
            &mut problems,
            "owner_organisation_id",
            &form.owner_organisation_id,
        )
        .map(OrganisationId)
    } else {
        None
    };
    let group = parse_id(&mut problems, "group_id", &form.group_id).map(GroupId);
    let cover_file_id = parse_id(&mut problems, "cover_file_id", &form.cover_file_id).map(FileId);
    let partners: Vec<OrganisationId> = form
        .partners
        .iter()
        .filter_map(|p| parse_id(&mut problems, "partner_organisation_ids", p).map(OrganisationId))
        .collect();
    let period_start = parse_date(&mut problems, "period_start", &form.period_start);
    let period_end = parse_date(&mut problems, "period_end", &form.period_end);
    let funding_amount = match form
        .funding_amount
        .trim()
        .replace([' ', '.', '\u{202f}'], "")
    {
        value if value.is_empty() => None,
        value => match value.parse::<i64>() {
            Ok(amount) => Some(amount),
            Err(_) => {
                problems.push(domain::FieldError::new("funding_amount", "invalid"));
                None
            }
        },
    };
    let funding_currency = Currency::parse(form.funding_currency.trim());
    match (status, visibility) {
        (Some(status), Some(visibility)) if problems.is_empty() => Ok(Parsed {
            status,
            visibility,
            owner,
            group,
            tags: split_tags(&form.tags),
            period_start,
            period_end,
            age_groups: form
                .age_groups
                .iter()
                .filter_map(|a| AgeGroup::parse(a))
                .collect(),
            sectors: form
                .sectors
                .iter()
                .filter_map(|s| ProjectSector::parse(s))
                .collect(),
            municipalities: split_tags(&form.municipalities),
            funding_amount,
            funding_currency,
            links: parse_links(&form.links),
            cover_file_id,
            partners,
        }),
        _ => Err(domain::Error::Invalid(problems)),
    }
}

/// One checkbox of a list: its value, its text, and whether it is ticked.
pub(crate) struct Choice {
    pub value: String,
    pub text: String,
    pub checked: bool,
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
    age_group_choices: Vec<Choice>,
    sector_choices: Vec<Choice>,
    currency_choices: Vec<(String, String)>,
    /// Empty when the viewer may not change the partners.
    partner_choices: Vec<Choice>,
    /// The ids offered as partners, so the handler knows which boxes were left unticked.
    partner_ids: String,
    /// The project's images, for the cover (empty for a new project).
    cover_choices: Vec<(String, String)>,
}

/// May the viewer change who owns and partners in the project?
fn may_change_partners(scope: &TenantScope, editing: Option<&Project>) -> bool {
    if scope.can(Action::EditAnyContent) {
        return true;
    }
    match editing {
        Some(project) => scope.organisation_id() == Some(project.owner_organisation_id),
        None => scope.can(Action::EditOwnProject),
    }
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
    let all_organisations = organisations::all(svc, scope).await?;
    let mut owner_choices = Vec::new();
    let mut fixed_owner = String::new();
    if scope.can(Action::EditAnyContent) {
        owner_choices = all_organisations
            .iter()
            .map(|o| (o.id.to_string(), o.name.clone()))
            .collect();
    } else if let Some(project) = &editing {
        fixed_owner = project.owner_organisation_name.clone();
    } else if let Some(own) = scope.organisation_id() {
        fixed_owner = all_organisations
            .iter()
            .find(|o| o.id == own)
            .map(|o| o.name.clone())
            .unwrap_or_default();
    }
    let owner_id = editing
        .as_ref()
        .map(|p| p.owner_organisation_id.to_string())
        .unwrap_or_else(|| form.owner_organisation_id.clone());
    let partner_choices: Vec<Choice> = if may_change_partners(scope, editing.as_ref()) {
        all_organisations
            .iter()
            .filter(|o| o.id.to_string() != owner_id)
            .map(|o| Choice {
                value: o.id.to_string(),
                text: o.name.clone(),
                checked: form.partners.contains(&o.id.to_string()),
            })
            .collect()
    } else {
        vec![]
    };
    let partner_ids = partner_choices
        .iter()
        .map(|c| c.value.as_str())
        .collect::<Vec<_>>()
        .join(",");
    let mut group_choices = vec![(String::new(), ctx.t("projects-no-group"))];
    group_choices.extend(
        groups::all(svc, scope)
            .await?
            .into_iter()
            .filter(|g| scope.sees_all_groups() || scope.group_ids().contains(&g.id))
            .map(|g| (g.id.to_string(), g.name)),
    );
    let mut cover_choices = Vec::new();
    if let Some(project) = &editing {
        let images: Vec<_> = domain::material::list_for(svc, scope, Target::Project(project.id))
            .await?
            .into_iter()
            .filter(|f| f.content_type.starts_with("image/"))
            .collect();
        if !images.is_empty() {
            cover_choices.push((String::new(), ctx.t("showcases-no-cover")));
            cover_choices.extend(images.into_iter().map(|f| (f.id.to_string(), f.name)));
        }
    }
    let choices = |kind: &str, values: Vec<&'static str>, ticked: &[String]| -> Vec<Choice> {
        values
            .into_iter()
            .map(|v| Choice {
                value: v.to_owned(),
                text: ctx.label(kind, v),
                checked: ticked.iter().any(|t| t == v),
            })
            .collect()
    };
    let mut currency_choices = vec![(String::new(), ctx.t("showcases-currency-default"))];
    currency_choices.extend(
        Currency::ALL
            .iter()
            .map(|c| (c.as_str().to_owned(), c.as_str().to_owned())),
    );
    page_with(
        status,
        &FormPage {
            ctx,
            age_group_choices: choices(
                "age_group",
                AgeGroup::ALL.iter().map(|a| a.as_str()).collect(),
                &form.age_groups,
            ),
            sector_choices: choices(
                "project_sector",
                ProjectSector::ALL.iter().map(|s| s.as_str()).collect(),
                &form.sectors,
            ),
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
            currency_choices,
            partner_choices,
            partner_ids,
            cover_choices,
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
                period_start: parsed.period_start,
                period_end: parsed.period_end,
                target_group: form.target_group.clone(),
                age_groups: parsed.age_groups,
                sectors: parsed.sectors,
                municipalities: parsed.municipalities,
                funding_source: form.funding_source.clone(),
                funding_amount: parsed.funding_amount,
                funding_currency: parsed.funding_currency,
                contact_name: form.contact_name.clone(),
                contact_email: form.contact_email.clone(),
                results: form.results.clone(),
                links: parsed.links,
                cover_file_id: None,
                partner_organisation_ids: parsed.partners,
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
            // Partners are sent only by those who may change them (and only when changed, so
            // that a partner organisation's member saving the form is not refused).
            let current: Vec<OrganisationId> = project.partners.iter().map(|p| p.id).collect();
            let partners = (may_change_partners(scope, Some(&project))
                && parsed.partners != current)
                .then_some(parsed.partners);
            let patch = ProjectPatch {
                title: Some(form.title.clone()),
                summary: Some(form.summary.clone()),
                body: Some(form.body.clone()),
                status: Some(parsed.status),
                visibility: Some(parsed.visibility),
                owner_organisation_id: parsed.owner,
                group_id: Some(parsed.group),
                tags: Some(parsed.tags),
                period_start: Some(parsed.period_start),
                period_end: Some(parsed.period_end),
                target_group: Some(form.target_group.clone()),
                age_groups: Some(parsed.age_groups),
                sectors: Some(parsed.sectors),
                municipalities: Some(parsed.municipalities),
                funding_source: Some(form.funding_source.clone()),
                funding_amount: Some(parsed.funding_amount),
                funding_currency: parsed.funding_currency,
                contact_name: Some(form.contact_name.clone()),
                contact_email: Some(form.contact_email.clone()),
                results: Some(form.results.clone()),
                links: Some(parsed.links),
                cover_file_id: Some(parsed.cover_file_id),
                partner_organisation_ids: partners,
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

/// Posts an update from the project page.
#[handler]
pub(crate) async fn post_update(ctx: &Ctx) -> PageResult {
    let scope = ctx.scope()?;
    let id: ProjectId = ctx.id("id")?;
    let title = ctx.form.get("title").to_owned();
    let body = ctx.form.get("body").to_owned();
    let result = updates::post(
        ctx.svc(),
        scope,
        id,
        updates::NewUpdate {
            title: title.clone(),
            body: body.clone(),
        },
    )
    .await;
    match result {
        Ok(posted) => Ok(see_other(&ctx.network_path(&format!(
            "/projects/{id}?notice=update_posted#update-{}",
            posted.id
        )))),
        Err(err) => {
            let (status, errors) = form_failure(ctx, err, &["title", "body"])?;
            render_project(ctx, status, id, title, body, errors).await
        }
    }
}

/// Deletes an update (its author or a coordinator).
#[handler]
pub(crate) async fn delete_update(ctx: &Ctx) -> PageResult {
    let scope = ctx.scope()?;
    let id: ProjectId = ctx.id("id")?;
    let update_id = ctx.id("update_id")?;
    updates::delete(ctx.svc(), scope, id, update_id).await?;
    Ok(see_other(&ctx.network_path(&format!(
        "/projects/{id}?notice=update_deleted#updates"
    ))))
}

#[derive(Template)]
#[template(path = "project_update_form.html")]
struct UpdateFormPage<'a> {
    ctx: &'a Ctx,
    project_title: String,
    back: String,
    action: String,
    title: String,
    body: String,
    errors: FormErrors,
}

async fn render_update_form(
    ctx: &Ctx,
    status: StatusCode,
    id: ProjectId,
    update_id: ProjectUpdateId,
    title: String,
    body: String,
    errors: FormErrors,
) -> PageResult {
    let scope = ctx.scope()?;
    let project = projects::get(ctx.svc(), scope, id).await?;
    page_with(
        status,
        &UpdateFormPage {
            ctx,
            project_title: project.title,
            back: ctx.network_path(&format!("/projects/{id}#update-{update_id}")),
            action: ctx.network_path(&format!("/projects/{id}/updates/{update_id}")),
            title,
            body,
            errors,
        },
    )
}

/// The form to edit an update (its author or a coordinator).
#[handler]
pub(crate) async fn edit_update_form(ctx: &Ctx) -> PageResult {
    let scope = ctx.scope()?;
    let id: ProjectId = ctx.id("id")?;
    let update_id: ProjectUpdateId = ctx.id("update_id")?;
    let current = updates::get_changeable(ctx.svc(), scope, id, update_id).await?;
    render_update_form(
        ctx,
        StatusCode::OK,
        id,
        update_id,
        current.title,
        current.body,
        FormErrors::none(),
    )
    .await
}

/// Saves an edited update; a refused field is shown next to it on the form.
#[handler]
pub(crate) async fn save_update(ctx: &Ctx) -> PageResult {
    let scope = ctx.scope()?;
    let id: ProjectId = ctx.id("id")?;
    let update_id: ProjectUpdateId = ctx.id("update_id")?;
    let title = ctx.form.get("title").to_owned();
    let body = ctx.form.get("body").to_owned();
    let patch = updates::UpdatePatch {
        title: Some(title.clone()),
        body: Some(body.clone()),
    };
    match updates::edit(ctx.svc(), scope, id, update_id, patch).await {
        Ok(saved) => Ok(see_other(&ctx.network_path(&format!(
            "/projects/{id}?notice=update_saved#update-{}",
            saved.id
        )))),
        Err(err) => {
            let (status, errors) = form_failure(ctx, err, &["title", "body"])?;
            render_update_form(ctx, status, id, update_id, title, body, errors).await
        }
    }
}
