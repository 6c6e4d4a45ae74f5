//! Projects: list, create, read, edit, and a network's public showcase.

use chrono::{DateTime, NaiveDate, Utc};
use domain::Services;
use domain::ids::{FileId, GroupId, OrganisationId, ProjectId};
use domain::showcases::projects::{
    self, NewProject, Project, ProjectLink, ProjectPatch, ProjectSummary,
};
use poem::Request;
use poem::web::Data;
use poem_openapi::param::{Path, Query};
use poem_openapi::payload::Json;
use poem_openapi::types::MaybeUndefined;
use poem_openapi::{Object, OpenApi};

use super::{AgeGroup, Currency, ProjectSector, filters};
use crate::ApiTags;
use crate::auth;
use crate::people::page;
use crate::problem::ApiResult;
use crate::types::{OrganisationRef, ProjectStatus, Visibility, page};

/// A link on a project page.
#[derive(Debug, Clone, Object)]
#[oai(rename = "ProjectLink")]
pub struct LinkBody {
    #[oai(validator(max_length = 200), default)]
    pub title: String,
    /// `http` or `https` only.
    #[oai(validator(max_length = 2000))]
    pub url: String,
}

impl From<ProjectLink> for LinkBody {
    fn from(link: ProjectLink) -> Self {
        LinkBody {
            title: link.title,
            url: link.url,
        }
    }
}

impl From<LinkBody> for ProjectLink {
    fn from(link: LinkBody) -> Self {
        ProjectLink {
            title: link.title,
            url: link.url,
        }
    }
}

/// A funding amount in whole units of its currency.
#[derive(Debug, Clone, Object)]
pub struct Funding {
    pub amount: i64,
    pub currency: Currency,
}

#[derive(Debug, Clone, Object)]
#[oai(rename = "Project", skip_serializing_if_is_none)]
pub struct ProjectOut {
    pub id: uuid::Uuid,
    pub owner_organisation: OrganisationRef,
    pub partner_organisations: Vec<OrganisationRef>,
    /// Limited to this working group, if set.
    pub group_id: Option<uuid::Uuid>,
    pub title: String,
    pub summary: String,
    /// Markdown as written.
    pub body: String,
    /// The body rendered to safe HTML.
    pub body_html: String,
    pub status: ProjectStatus,
    pub visibility: Visibility,
    pub tags: Vec<String>,
    pub period_start: Option<NaiveDate>,
    pub period_end: Option<NaiveDate>,
    pub target_group: String,
    pub age_groups: Vec<AgeGroup>,
    pub sectors: Vec<ProjectSector>,
    pub municipalities: Vec<String>,
    pub funding_source: String,
    pub funding: Option<Funding>,
    pub contact_name: String,
    pub contact_email: String,
    /// Results or evaluation, Markdown as written.
    pub results: String,
    pub results_html: String,
    pub links: Vec<LinkBody>,
    /// An image among the project's files (`GET /networks/{slug}/files/{id}/content`).
    pub cover_file_id: Option<uuid::Uuid>,
    /// May the caller edit its fields?
    pub editable: bool,
    /// May the caller post updates on it?
    pub can_post_updates: bool,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

fn org_ref(id: OrganisationId, name: String) -> OrganisationRef {
    OrganisationRef { id: id.0, name }
}

impl From<Project> for ProjectOut {
    fn from(p: Project) -> Self {
        ProjectOut {
            id: p.id.0,
            owner_organisation: org_ref(p.owner_organisation_id, p.owner_organisation_name),
            partner_organisations: p
                .partners
                .into_iter()
                .map(|o| org_ref(o.id, o.name))
                .collect(),
            group_id: p.group_id.map(|g| g.0),
            title: p.title,
            summary: p.summary,
            body: p.body,
            body_html: p.body_html,
            status: p.status.into(),
            visibility: p.visibility.into(),
            tags: p.tags,
            period_start: p.period_start,
            period_end: p.period_end,
            target_group: p.target_group,
            age_groups: p.age_groups.into_iter().map(Into::into).collect(),
            sectors: p.sectors.into_iter().map(Into::into).collect(),
            municipalities: p.municipalities,
            funding_source: p.funding_source,
            funding: match (p.funding_amount, p.funding_currency) {
                (Some(amount), Some(currency)) => Some(Funding {
                    amount,
                    currency: currency.into(),
                }),
                _ => None,
            },
            contact_name: p.contact_name,
            contact_email: p.contact_email,
            results: p.results,
            results_html: p.results_html,
            links: p.links.into_iter().map(Into::into).collect(),
            cover_file_id: p.cover_file_id.map(|f| f.0),
            editable: p.editable,
            can_post_updates: p.can_post_updates,
            created_at: p.created_at,
            updated_at: p.updated_at,
        }
    }
}

/// A project in a list (no body).
#[derive(Debug, Clone, Object)]
#[oai(skip_serializing_if_is_none)]
pub struct ProjectListItem {
    pub id: uuid::Uuid,
    pub owner_organisation: OrganisationRef,
    pub group_id: Option<uuid::Uuid>,
    pub title: String,
    pub summary: String,
    pub status: ProjectStatus,
    pub visibility: Visibility,
    pub tags: Vec<String>,
    pub period_start: Option<NaiveDate>,
    pub period_end: Option<NaiveDate>,
    pub age_groups: Vec<AgeGroup>,
    pub sectors: Vec<ProjectSector>,
    pub municipalities: Vec<String>,
    pub cover_file_id: Option<uuid::Uuid>,
    pub updated_at: DateTime<Utc>,
}

impl From<ProjectSummary> for ProjectListItem {
    fn from(p: ProjectSummary) -> Self {
        ProjectListItem {
            id: p.id.0,
            owner_organisation: org_ref(p.owner_organisation_id, p.owner_organisation_name),
            group_id: p.group_id.map(|g| g.0),
            title: p.title,
            summary: p.summary,
            status: p.status.into(),
            visibility: p.visibility.into(),
            tags: p.tags,
            period_start: p.period_start,
            period_end: p.period_end,
            age_groups: p.age_groups.into_iter().map(Into::into).collect(),
            sectors: p.sectors.into_iter().map(Into::into).collect(),
            municipalities: p.municipalities,
            cover_file_id: p.cover_file_id.map(|f| f.0),
            updated_at: p.updated_at,
        }
    }
}

page!(ProjectPage, ProjectListItem);

#[derive(Debug, Object)]
#[oai(deny_unknown_fields)]
pub struct ProjectCreate {
    #[oai(validator(max_length = 200))]
    pub title: String,
    #[oai(validator(max_length = 1000), default)]
    pub summary: String,
    /// Markdown.
    #[oai(validator(max_length = 100000), default)]
    pub body: String,
    pub status: ProjectStatus,
    pub visibility: Visibility,
    /// Defaults to the caller's organisation.
    pub owner_organisation_id: Option<uuid::Uuid>,
    /// Limit the project to a working group.
    pub group_id: Option<uuid::Uuid>,
    #[oai(validator(max_items = 20, max_length = 50), default)]
    pub tags: Vec<String>,
    pub period_start: Option<NaiveDate>,
    /// Not before `period_start`.
    pub period_end: Option<NaiveDate>,
    #[oai(validator(max_length = 1000), default)]
    pub target_group: String,
    #[oai(default)]
    pub age_groups: Vec<AgeGroup>,
    #[oai(default)]
    pub sectors: Vec<ProjectSector>,
    #[oai(validator(max_items = 30, max_length = 100), default)]
    pub municipalities: Vec<String>,
    #[oai(validator(max_length = 200), default)]
    pub funding_source: String,
    /// Whole units, at least 0.
    pub funding_amount: Option<i64>,
    /// Defaults to the network's currency.
    pub funding_currency: Option<Currency>,
    #[oai(validator(max_length = 200), default)]
    pub contact_name: String,
    /// A work e-mail address.
    #[oai(validator(max_length = 254), default)]
    pub contact_email: String,
    /// Results or evaluation, Markdown.
    #[oai(validator(max_length = 100000), default)]
    pub results: String,
    #[oai(validator(max_items = 20), default)]
    pub links: Vec<LinkBody>,
    pub cover_file_id: Option<uuid::Uuid>,
    /// Other organisations of the network working on it; they may edit and post updates.
    #[oai(validator(max_items = 30), default)]
    pub partner_organisation_ids: Vec<uuid::Uuid>,
}

/// Changes to a project; absent fields stay as they are, `null` clears an optional one.
#[derive(Debug, Object)]
#[oai(rename = "ProjectChange", deny_unknown_fields)]
pub struct ProjectChange {
    #[oai(validator(max_length = 200))]
    pub title: Option<String>,
    #[oai(validator(max_length = 1000))]
    pub summary: Option<String>,
    #[oai(validator(max_length = 100000))]
    pub body: Option<String>,
    pub status: Option<ProjectStatus>,
    pub visibility: Option<Visibility>,
    pub owner_organisation_id: Option<uuid::Uuid>,
    pub group_id: Option<uuid::Uuid>,
    /// Lift the limit to a working group.
    #[oai(default)]
    pub clear_group: bool,
    #[oai(validator(max_items = 20, max_length = 50))]
    pub tags: Option<Vec<String>>,
    pub period_start: MaybeUndefined<NaiveDate>,
    pub period_end: MaybeUndefined<NaiveDate>,
    #[oai(validator(max_length = 1000))]
    pub target_group: Option<String>,
    pub age_groups: Option<Vec<AgeGroup>>,
    pub sectors: Option<Vec<ProjectSector>>,
    #[oai(validator(max_items = 30, max_length = 100))]
    pub municipalities: Option<Vec<String>>,
    #[oai(validator(max_length = 200))]
    pub funding_source: Option<String>,
    pub funding_amount: MaybeUndefined<i64>,
    pub funding_currency: Option<Currency>,
    #[oai(validator(max_length = 200))]
    pub contact_name: Option<String>,
    #[oai(validator(max_length = 254))]
    pub contact_email: Option<String>,
    #[oai(validator(max_length = 100000))]
    pub results: Option<String>,
    #[oai(validator(max_items = 20))]
    pub links: Option<Vec<LinkBody>>,
    pub cover_file_id: MaybeUndefined<uuid::Uuid>,
    /// Replaces the partners (the owner organisation's members and coordinators only).
    #[oai(validator(max_items = 30))]
    pub partner_organisation_ids: Option<Vec<uuid::Uuid>>,
}

fn maybe<T, U>(value: MaybeUndefined<T>, f: impl FnOnce(T) -> U) -> Option<Option<U>> {
    match value {
        MaybeUndefined::Undefined => None,
        MaybeUndefined::Null => Some(None),
        MaybeUndefined::Value(v) => Some(Some(f(v))),
    }
}

fn conv<A: Into<B>, B>(values: Vec<A>) -> Vec<B> {
    values.into_iter().map(Into::into).collect()
}

pub struct ProjectsApi;

#[OpenApi(tag = "ApiTags::Projects")]
impl ProjectsApi {
    /// The projects the caller may read, newest first, with optional filters. Signed out: the
    /// public ones.
    #[oai(path = "/networks/:slug/projects", method = "get")]
    #[allow(clippy::too_many_arguments)]
    async fn list(
        &self,
        svc: Data<&Services>,
        req: &Request,
        slug: Path<String>,
        status: Query<Option<ProjectStatus>>,
        sector: Query<Option<ProjectSector>>,
        age_group: Query<Option<AgeGroup>>,
        #[oai(validator(max_length = 100))] municipality: Query<Option<String>>,
        #[oai(validator(minimum(value = "1"), maximum(value = "100")))] limit: Query<Option<u64>>,
        #[oai(validator(max_length = 100))] cursor: Query<Option<String>>,
    ) -> ApiResult<Json<ProjectPage>> {
        let scope = auth::scope(&svc, req, &slug).await?;
        let filters = filters(status.0, sector.0, age_group.0, municipality.0);
        Ok(Json(
            projects::list_filtered(&svc, &scope, &filters, page(limit, cursor)?)
                .await?
                .into(),
        ))
    }

    /// The network's public showcase: its public projects, newest first, with optional
    /// filters. Needs no sign-in.
    #[oai(path = "/networks/:slug/showcase", method = "get")]
    #[allow(clippy::too_many_arguments)]
    async fn showcase(
        &self,
        svc: Data<&Services>,
        req: &Request,
        slug: Path<String>,
        status: Query<Option<ProjectStatus>>,
        sector: Query<Option<ProjectSector>>,
        age_group: Query<Option<AgeGroup>>,
        #[oai(validator(max_length = 100))] municipality: Query<Option<String>>,
        #[oai(validator(minimum(value = "1"), maximum(value = "100")))] limit: Query<Option<u64>>,
        #[oai(validator(max_length = 100))] cursor: Query<Option<String>>,
    ) -> ApiResult<Json<ProjectPage>> {
        let scope = auth::scope(&svc, req, &slug).await?;
        let filters = filters(status.0, sector.0, age_group.0, municipality.0);
        Ok(Json(
            projects::showcase(&svc, &scope, &filters, page(limit, cursor)?)
                .await?
                .into(),
        ))
    }

    /// Create a project (members for their own organisation, coordinators for any). It is
    /// searchable once the worker has indexed it, usually within a second. The creator follows
    /// it.
    #[oai(path = "/networks/:slug/projects", method = "post")]
    async fn create(
        &self,
        svc: Data<&Services>,
        req: &Request,
        slug: Path<String>,
        body: Json<ProjectCreate>,
    ) -> ApiResult<Json<ProjectOut>> {
        let scope = auth::scope(&svc, req, &slug).await?;
        let body = body.0;
        let project = projects::create(
            &svc,
            &scope,
            NewProject {
                title: body.title,
                summary: body.summary,
                body: body.body,
                status: body.status.into(),
                visibility: body.visibility.into(),
                owner_organisation_id: body.owner_organisation_id.map(OrganisationId),
                group_id: body.group_id.map(GroupId),
                tags: body.tags,
                period_start: body.period_start,
                period_end: body.period_end,
                target_group: body.target_group,
                age_groups: conv(body.age_groups),
                sectors: conv(body.sectors),
                municipalities: body.municipalities,
                funding_source: body.funding_source,
                funding_amount: body.funding_amount,
                funding_currency: body.funding_currency.map(Into::into),
                contact_name: body.contact_name,
                contact_email: body.contact_email,
                results: body.results,
                links: conv(body.links),
                cover_file_id: body.cover_file_id.map(FileId),
                partner_organisation_ids: body
                    .partner_organisation_ids
                    .into_iter()
                    .map(OrganisationId)
                    .collect(),
            },
        )
        .await?;
        Ok(Json(project.into()))
    }

    /// One project. Members of other networks read shared and public projects here too.
    #[oai(path = "/networks/:slug/projects/:id", method = "get")]
    async fn get(
        &self,
        svc: Data<&Services>,
        req: &Request,
        slug: Path<String>,
        id: Path<uuid::Uuid>,
    ) -> ApiResult<Json<ProjectOut>> {
        let scope = auth::scope(&svc, req, &slug).await?;
        Ok(Json(
            projects::get(&svc, &scope, ProjectId(id.0)).await?.into(),
        ))
    }

    /// Edit a project (members of its owner and partner organisations, or coordinators). Only
    /// the owner organisation's members and coordinators change the owner or the partners.
    #[oai(path = "/networks/:slug/projects/:id", method = "patch")]
    async fn update(
        &self,
        svc: Data<&Services>,
        req: &Request,
        slug: Path<String>,
        id: Path<uuid::Uuid>,
        body: Json<ProjectChange>,
    ) -> ApiResult<Json<ProjectOut>> {
        let scope = auth::scope(&svc, req, &slug).await?;
        let body = body.0;
        let group_id = if body.clear_group {
            Some(None)
        } else {
            body.group_id.map(|g| Some(GroupId(g)))
        };
        let patch = ProjectPatch {
            title: body.title,
            summary: body.summary,
            body: body.body,
            status: body.status.map(Into::into),
            visibility: body.visibility.map(Into::into),
            owner_organisation_id: body.owner_organisation_id.map(OrganisationId),
            group_id,
            tags: body.tags,
            period_start: maybe(body.period_start, |d| d),
            period_end: maybe(body.period_end, |d| d),
            target_group: body.target_group,
            age_groups: body.age_groups.map(conv),
            sectors: body.sectors.map(conv),
            municipalities: body.municipalities,
            funding_source: body.funding_source,
            funding_amount: maybe(body.funding_amount, |a| a),
            funding_currency: body.funding_currency.map(Into::into),
            contact_name: body.contact_name,
            contact_email: body.contact_email,
            results: body.results,
            links: body.links.map(conv),
            cover_file_id: maybe(body.cover_file_id, FileId),
            partner_organisation_ids: body
                .partner_organisation_ids
                .map(|ids| ids.into_iter().map(OrganisationId).collect()),
        };
        Ok(Json(
            projects::update(&svc, &scope, ProjectId(id.0), patch)
                .await?
                .into(),
        ))
    }
}
