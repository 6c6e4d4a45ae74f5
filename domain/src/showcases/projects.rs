//! Projects: create, edit, read and list, each write committing its search-indexing job with it.
//!
//! Members create projects for their own organisation; coordinators for any. A project's
//! editors are the network's coordinators and the members of its owner and partner
//! organisations; those organisations' partners and API tokens may post updates
//! ([`can_edit`]) but not change the project's fields. Only the owner organisation (and
//! coordinators) change the owner and the partners. A project limited to a working group is seen
//! by that group's members and the network's coordinators.

use chrono::{DateTime, Datelike, NaiveDate, Utc};
use sea_orm::sea_query::Query;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter,
    Select,
};
use serde::{Deserialize, Serialize};

use super::{AgeGroup, Currency, ProjectSector, ProjectStatus};
use crate::Services;
use crate::entities::{organisation, project, project_facet, project_partner};
use crate::error::{Error, Result};
use crate::ids::{FileId, GroupId, NetworkId, OrganisationId, ProjectId};
use crate::jobs::{self, Task};
use crate::markdown;
use crate::notifications::{self, Subject};
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

impl TenantOwned for project_partner::Entity {
    fn tenant_column() -> Self::Column {
        project_partner::Column::TenantId
    }
}

impl TenantOwned for project_facet::Entity {
    fn tenant_column() -> Self::Column {
        project_facet::Column::TenantId
    }
}

/// At most this many municipalities, links and partner organisations on one project.
pub const MAX_MUNICIPALITIES: usize = 30;
pub const MAX_LINKS: usize = 20;
pub const MAX_PARTNERS: usize = 30;
const MUNICIPALITY_LENGTH: usize = 100;
const SHORT_TEXT: usize = 200;
const URL_LENGTH: usize = 2_000;

/// A link shown on the project page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProjectLink {
    pub title: String,
    pub url: String,
}

/// An organisation named on a project.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OrganisationName {
    pub id: OrganisationId,
    pub name: String,
}

#[derive(Clone, Debug)]
pub struct Project {
    pub id: ProjectId,
    pub tenant_id: NetworkId,
    pub owner_organisation_id: OrganisationId,
    pub owner_organisation_name: String,
    pub partners: Vec<OrganisationName>,
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
    pub period_start: Option<NaiveDate>,
    pub period_end: Option<NaiveDate>,
    pub target_group: String,
    pub age_groups: Vec<AgeGroup>,
    pub sectors: Vec<ProjectSector>,
    pub municipalities: Vec<String>,
    pub funding_source: String,
    /// Whole units of `funding_currency`.
    pub funding_amount: Option<i64>,
    pub funding_currency: Option<Currency>,
    pub contact_name: String,
    pub contact_email: String,
    /// Results or evaluation, Markdown as written.
    pub results: String,
    pub results_html: String,
    pub links: Vec<ProjectLink>,
    pub cover_file_id: Option<FileId>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    /// May the caller edit its fields?
    pub editable: bool,
    /// May the caller post updates (and attach files)?
    pub can_post_updates: bool,
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
    pub period_start: Option<NaiveDate>,
    pub period_end: Option<NaiveDate>,
    pub age_groups: Vec<AgeGroup>,
    pub sectors: Vec<ProjectSector>,
    pub municipalities: Vec<String>,
    pub cover_file_id: Option<FileId>,
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
    pub period_start: Option<NaiveDate>,
    pub period_end: Option<NaiveDate>,
    pub target_group: String,
    pub age_groups: Vec<AgeGroup>,
    pub sectors: Vec<ProjectSector>,
    pub municipalities: Vec<String>,
    pub funding_source: String,
    pub funding_amount: Option<i64>,
    /// Defaults to the network's currency when an amount is given.
    pub funding_currency: Option<Currency>,
    pub contact_name: String,
    pub contact_email: String,
    pub results: String,
    pub links: Vec<ProjectLink>,
    pub cover_file_id: Option<FileId>,
    pub partner_organisation_ids: Vec<OrganisationId>,
}

impl NewProject {
    /// A project with only the required fields; the rest empty.
    pub fn basic(title: impl Into<String>, status: ProjectStatus, visibility: Visibility) -> Self {
        Self {
            title: title.into(),
            status,
            visibility,
            ..Self::default()
        }
    }
}

/// An idea, visible to the network, with every other field empty.
impl Default for NewProject {
    fn default() -> Self {
        Self {
            title: String::new(),
            summary: String::new(),
            body: String::new(),
            status: ProjectStatus::Idea,
            visibility: Visibility::Network,
            owner_organisation_id: None,
            group_id: None,
            tags: vec![],
            period_start: None,
            period_end: None,
            target_group: String::new(),
            age_groups: vec![],
            sectors: vec![],
            municipalities: vec![],
            funding_source: String::new(),
            funding_amount: None,
            funding_currency: None,
            contact_name: String::new(),
            contact_email: String::new(),
            results: String::new(),
            links: vec![],
            cover_file_id: None,
            partner_organisation_ids: vec![],
        }
    }
}

/// A change; `None` leaves a field as it is, `Some(None)` clears an optional one.
#[derive(Clone, Debug, Default)]
pub struct ProjectPatch {
    pub title: Option<String>,
    pub summary: Option<String>,
    pub body: Option<String>,
    pub status: Option<ProjectStatus>,
    pub visibility: Option<Visibility>,
    pub owner_organisation_id: Option<OrganisationId>,
    pub group_id: Option<Option<GroupId>>,
    pub tags: Option<Vec<String>>,
    pub period_start: Option<Option<NaiveDate>>,
    pub period_end: Option<Option<NaiveDate>>,
    pub target_group: Option<String>,
    pub age_groups: Option<Vec<AgeGroup>>,
    pub sectors: Option<Vec<ProjectSector>>,
    pub municipalities: Option<Vec<String>>,
    pub funding_source: Option<String>,
    pub funding_amount: Option<Option<i64>>,
    pub funding_currency: Option<Currency>,
    pub contact_name: Option<String>,
    pub contact_email: Option<String>,
    pub results: Option<String>,
    pub links: Option<Vec<ProjectLink>>,
    pub cover_file_id: Option<Option<FileId>>,
    pub partner_organisation_ids: Option<Vec<OrganisationId>>,
}

/// Filters of the showcase page, the library and the project list; `None` filters nothing.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ProjectFilters {
    pub status: Option<ProjectStatus>,
    pub sector: Option<ProjectSector>,
    pub age_group: Option<AgeGroup>,
    /// Matched without regard to case.
    pub municipality: Option<String>,
}

// --- reading the JSON columns ---

pub(crate) fn strings(value: &serde_json::Value) -> Vec<String> {
    serde_json::from_value(value.clone()).unwrap_or_default()
}

fn codes<T>(value: &serde_json::Value, parse: fn(&str) -> Option<T>) -> Vec<T> {
    strings(value).iter().filter_map(|s| parse(s)).collect()
}

pub(crate) fn sectors_of(model: &project::Model) -> Vec<ProjectSector> {
    codes(&model.sectors, ProjectSector::parse)
}

pub(crate) fn partners_of(model: &project::Model) -> Vec<OrganisationId> {
    serde_json::from_value(model.partner_organisation_ids.clone()).unwrap_or_default()
}

fn links_of(model: &project::Model) -> Vec<ProjectLink> {
    serde_json::from_value(model.links.clone()).unwrap_or_default()
}

// --- who may do what ---

/// Does the actor act for the project's owner or one of its partner organisations?
fn acts_for_project(scope: &TenantScope, model: &project::Model) -> bool {
    scope
        .organisation_id()
        .is_some_and(|org| org == model.owner_organisation_id || partners_of(model).contains(&org))
}

/// May the actor contribute to the project: post updates and attach files? Coordinators, and
/// the members, partners and API tokens of its owner and partner organisations.
pub(crate) fn can_edit(scope: &TenantScope, model: &project::Model) -> bool {
    scope.can(Action::EditAnyContent)
        || (scope.can(Action::PostOwnProjectUpdate) && acts_for_project(scope, model))
}

/// May the actor change the project's fields? Coordinators, and members (not partners or
/// tokens) of its owner and partner organisations.
fn can_edit_fields(scope: &TenantScope, model: &project::Model) -> bool {
    scope.can(Action::EditAnyContent)
        || (scope.can(Action::EditOwnProject) && acts_for_project(scope, model))
}

/// May the actor create a project owned by `owner`, or give a project to it?
fn check_owner_right(scope: &TenantScope, owner: OrganisationId) -> Result<()> {
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

/// The project, if the actor may read it: members, tokens and the system read the network's
/// projects (within their groups); guests who are members elsewhere read shared and public
/// ones; visitors public ones.
pub(crate) async fn find_visible(
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

fn to_project(
    scope: &TenantScope,
    model: project::Model,
    owner_name: String,
    partners: Vec<OrganisationName>,
) -> Project {
    Project {
        editable: can_edit_fields(scope, &model),
        can_post_updates: can_edit(scope, &model),
        tags: strings(&model.tags),
        body_html: markdown::render(&model.body),
        results_html: markdown::render(&model.results),
        age_groups: codes(&model.age_groups, AgeGroup::parse),
        sectors: sectors_of(&model),
        municipalities: strings(&model.municipalities),
        links: links_of(&model),
        funding_currency: Currency::parse(&model.funding_currency),
        partners,
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
        period_start: model.period_start,
        period_end: model.period_end,
        target_group: model.target_group,
        funding_source: model.funding_source,
        funding_amount: model.funding_amount,
        contact_name: model.contact_name,
        contact_email: model.contact_email,
        results: model.results,
        cover_file_id: model.cover_file_id,
        created_at: model.created_at,
        updated_at: model.updated_at,
    }
}

pub(crate) fn to_summary(model: project::Model, owner_name: String) -> ProjectSummary {
    ProjectSummary {
        tags: strings(&model.tags),
        age_groups: codes(&model.age_groups, AgeGroup::parse),
        sectors: sectors_of(&model),
        municipalities: strings(&model.municipalities),
        owner_organisation_name: owner_name,
        id: model.id,
        owner_organisation_id: model.owner_organisation_id,
        group_id: model.group_id,
        title: model.title,
        summary: model.summary,
        status: model.status,
        visibility: model.visibility,
        period_start: model.period_start,
        period_end: model.period_end,
        cover_file_id: model.cover_file_id,
        updated_at: model.updated_at,
    }
}

/// The facet kinds in `project_facets`.
pub(crate) const FACET_SECTOR: &str = "sector";
pub(crate) const FACET_AGE_GROUP: &str = "age_group";
pub(crate) const FACET_MUNICIPALITY: &str = "municipality";

/// Adds the filters to a project query. `tenant` narrows the facet sub-queries to one network
/// (every list but the library, which reads across networks).
pub(crate) fn apply_filters(
    mut query: Select<project::Entity>,
    filters: &ProjectFilters,
    tenant: Option<NetworkId>,
) -> Select<project::Entity> {
    if let Some(status) = filters.status {
        query = query.filter(project::Column::Status.eq(status));
    }
    let facets = [
        (FACET_SECTOR, filters.sector.map(|s| s.as_str().to_owned())),
        (
            FACET_AGE_GROUP,
            filters.age_group.map(|a| a.as_str().to_owned()),
        ),
        (
            FACET_MUNICIPALITY,
            filters
                .municipality
                .as_deref()
                .map(str::trim)
                .filter(|m| !m.is_empty())
                .map(str::to_lowercase),
        ),
    ];
    for (kind, value) in facets {
        let Some(value) = value else { continue };
        let mut sub = Query::select();
        sub.column(project_facet::Column::ProjectId)
            .from(project_facet::Entity)
            .and_where(project_facet::Column::Kind.eq(kind))
            .and_where(project_facet::Column::Value.eq(value));
        if let Some(tenant) = tenant {
            sub.and_where(project_facet::Column::TenantId.eq(tenant));
        }
        query = query.filter(project::Column::Id.in_subquery(sub.to_owned()));
    }
    query
}

/// Runs a project list query with the owners' names (one statement however long the page).
pub(crate) async fn summaries(
    conn: &impl ConnectionTrait,
    query: Select<project::Entity>,
    page: PageRequest,
) -> Result<Page<(ProjectSummary, NetworkId)>> {
    let rows = keyset(query, project::Column::Id, page)
        .find_also_related(organisation::Entity)
        .all(conn)
        .await?;
    let items = rows
        .into_iter()
        .map(|(model, owner)| {
            let tenant = model.tenant_id;
            (
                to_summary(model, owner.map(|o| o.name).unwrap_or_default()),
                tenant,
            )
        })
        .collect();
    Ok(Page::from_rows(items, page, |(p, _)| p.id.0))
}

/// The projects the caller may read, newest first.
pub async fn list(
    svc: &Services,
    scope: &TenantScope,
    page: PageRequest,
) -> Result<Page<ProjectSummary>> {
    list_filtered(svc, scope, &ProjectFilters::default(), page).await
}

/// The projects the caller may read that pass the filters, newest first.
pub async fn list_filtered(
    svc: &Services,
    scope: &TenantScope,
    filters: &ProjectFilters,
    page: PageRequest,
) -> Result<Page<ProjectSummary>> {
    let readable = scope
        .find::<project::Entity>()
        .filter(scope.readable(project::Column::Visibility, project::Column::GroupId));
    let query = apply_filters(readable, filters, Some(scope.tenant_id()));
    Ok(summaries(svc.db.conn(), query, page)
        .await?
        .map(|(summary, _)| summary))
}

/// The network's public showcase: its public projects (limited to no group), newest first.
/// Anyone may read it, signed out too.
pub async fn showcase(
    svc: &Services,
    scope: &TenantScope,
    filters: &ProjectFilters,
    page: PageRequest,
) -> Result<Page<ProjectSummary>> {
    let public = scope
        .find::<project::Entity>()
        .filter(project::Column::Visibility.eq(Visibility::Public))
        .filter(project::Column::GroupId.is_null());
    let query = apply_filters(public, filters, Some(scope.tenant_id()));
    Ok(summaries(svc.db.conn(), query, page)
        .await?
        .map(|(summary, _)| summary))
}

/// The names of these organisations of the network, in the order given (one statement).
pub(crate) async fn organisation_names(
    conn: &impl ConnectionTrait,
    scope: &TenantScope,
    ids: &[OrganisationId],
) -> Result<Vec<OrganisationName>> {
    if ids.is_empty() {
        return Ok(vec![]);
    }
    let rows = scope
        .find::<organisation::Entity>()
        .filter(organisation::Column::Id.is_in(ids.to_vec()))
        .all(conn)
        .await?;
    Ok(ids
        .iter()
        .filter_map(|id| {
            rows.iter().find(|o| o.id == *id).map(|o| OrganisationName {
                id: o.id,
                name: o.name.clone(),
            })
        })
        .collect())
}

pub async fn get(svc: &Services, scope: &TenantScope, id: ProjectId) -> Result<Project> {
    let conn = svc.db.conn();
    let (model, owner) = scope
        .find::<project::Entity>()
        .filter(project::Column::Id.eq(id))
        .filter(scope.readable(project::Column::Visibility, project::Column::GroupId))
        .find_also_related(organisation::Entity)
        .one(conn)
        .await?
        .ok_or(Error::NotFound)?;
    let owner = owner.map(|o| o.name).unwrap_or_default();
    let partners = organisation_names(conn, scope, &partners_of(&model)).await?;
    Ok(to_project(scope, model, owner, partners))
}

/// Every field of a project as it will be written: a new project, or the current one with a
/// patch applied. Validated as a whole, so that rules spanning fields (the period, the
/// currency) hold whichever fields a patch touches.
struct Draft {
    title: String,
    summary: String,
    body: String,
    status: ProjectStatus,
    visibility: Visibility,
    owner: OrganisationId,
    group_id: Option<GroupId>,
    tags: Vec<String>,
    period_start: Option<NaiveDate>,
    period_end: Option<NaiveDate>,
    target_group: String,
    age_groups: Vec<AgeGroup>,
    sectors: Vec<ProjectSector>,
    municipalities: Vec<String>,
    funding_source: String,
    funding_amount: Option<i64>,
    funding_currency: Option<Currency>,
    contact_name: String,
    contact_email: String,
    results: String,
    links: Vec<ProjectLink>,
    cover_file_id: Option<FileId>,
    partners: Vec<OrganisationId>,
}

fn dedup<T: PartialEq + Copy>(values: &[T]) -> Vec<T> {
    let mut out: Vec<T> = Vec::new();
    for value in values {
        if !out.contains(value) {
            out.push(*value);
        }
    }
    out
}

/// Is this an absolute http or https URL?
fn is_web_url(value: &str) -> bool {
    url::Url::parse(value)
        .map(|u| matches!(u.scheme(), "http" | "https") && u.host_str().is_some())
        .unwrap_or(false)
}

impl Draft {
    fn validate(&mut self, default_currency: Currency) -> Result<()> {
        let mut v = Validator::new();
        self.title = v.required("title", &self.title, limits::TITLE);
        self.summary = v.optional("summary", &self.summary, limits::SUMMARY);
        self.body = v.optional("body", &self.body, limits::BODY);
        self.tags = v.tags("tags", &self.tags);
        self.target_group = v.optional("target_group", &self.target_group, limits::SUMMARY);
        self.funding_source = v.optional("funding_source", &self.funding_source, SHORT_TEXT);
        self.contact_name = v.optional("contact_name", &self.contact_name, SHORT_TEXT);
        self.contact_email = v
            .optional("contact_email", &self.contact_email, limits::EMAIL)
            .to_lowercase();
        if !self.contact_email.is_empty() && !crate::text::looks_like_email(&self.contact_email) {
            v.add("contact_email", crate::text::CODE_INVALID);
        }
        self.results = v.optional("results", &self.results, limits::BODY);
        if let (Some(start), Some(end)) = (self.period_start, self.period_end)
            && end < start
        {
            v.add("period_end", "before_start");
        }
        match self.funding_amount {
            Some(amount) if amount < 0 => v.add("funding_amount", "negative"),
            Some(_) => {
                self.funding_currency = Some(self.funding_currency.unwrap_or(default_currency));
            }
            None => self.funding_currency = None,
        }
        self.age_groups = dedup(&self.age_groups);
        self.sectors = dedup(&self.sectors);
        let mut municipalities: Vec<String> = Vec::new();
        for name in &self.municipalities {
            let name = name.trim();
            if name.is_empty()
                || municipalities
                    .iter()
                    .any(|m| m.to_lowercase() == name.to_lowercase())
            {
                continue;
            }
            if name.chars().count() > MUNICIPALITY_LENGTH {
                v.add("municipalities", crate::text::CODE_TOO_LONG);
                break;
            }
            municipalities.push(name.to_owned());
        }
        if municipalities.len() > MAX_MUNICIPALITIES {
            v.add("municipalities", "too_many");
        }
        self.municipalities = municipalities;
        let mut links = Vec::new();
        for link in &self.links {
            let url = link.url.trim().to_owned();
            let title = link.title.trim().to_owned();
            if url.is_empty() && title.is_empty() {
                continue;
            }
            if url.chars().count() > URL_LENGTH || !is_web_url(&url) {
                v.add("links", "invalid_url");
                break;
            }
            if title.chars().count() > SHORT_TEXT {
                v.add("links", crate::text::CODE_TOO_LONG);
                break;
            }
            let title = if title.is_empty() { url.clone() } else { title };
            links.push(ProjectLink { title, url });
        }
        if links.len() > MAX_LINKS {
            v.add("links", "too_many");
        }
        self.links = links;
        let owner = self.owner;
        self.partners = dedup(&self.partners)
            .into_iter()
            .filter(|p| *p != owner)
            .collect();
        if self.partners.len() > MAX_PARTNERS {
            v.add("partner_organisation_ids", "too_many");
        }
        v.finish()
    }

    fn from_new(input: NewProject, owner: OrganisationId) -> Self {
        Self {
            title: input.title,
            summary: input.summary,
            body: input.body,
            status: input.status,
            visibility: input.visibility,
            owner,
            group_id: input.group_id,
            tags: input.tags,
            period_start: input.period_start,
            period_end: input.period_end,
            target_group: input.target_group,
            age_groups: input.age_groups,
            sectors: input.sectors,
            municipalities: input.municipalities,
            funding_source: input.funding_source,
            funding_amount: input.funding_amount,
            funding_currency: input.funding_currency,
            contact_name: input.contact_name,
            contact_email: input.contact_email,
            results: input.results,
            links: input.links,
            cover_file_id: input.cover_file_id,
            partners: input.partner_organisation_ids,
        }
    }

    fn from_model(model: &project::Model) -> Self {
        Self {
            title: model.title.clone(),
            summary: model.summary.clone(),
            body: model.body.clone(),
            status: model.status,
            visibility: model.visibility,
            owner: model.owner_organisation_id,
            group_id: model.group_id,
            tags: strings(&model.tags),
            period_start: model.period_start,
            period_end: model.period_end,
            target_group: model.target_group.clone(),
            age_groups: codes(&model.age_groups, AgeGroup::parse),
            sectors: sectors_of(model),
            municipalities: strings(&model.municipalities),
            funding_source: model.funding_source.clone(),
            funding_amount: model.funding_amount,
            funding_currency: Currency::parse(&model.funding_currency),
            contact_name: model.contact_name.clone(),
            contact_email: model.contact_email.clone(),
            results: model.results.clone(),
            links: links_of(model),
            cover_file_id: model.cover_file_id,
            partners: partners_of(model),
        }
    }

    fn apply(&mut self, patch: ProjectPatch) {
        macro_rules! take {
            ($($field:ident => $target:ident),* $(,)?) => {
                $(if let Some(value) = patch.$field { self.$target = value; })*
            };
        }
        take!(
            title => title, summary => summary, body => body, status => status,
            visibility => visibility, owner_organisation_id => owner, group_id => group_id,
            tags => tags, period_start => period_start, period_end => period_end,
            target_group => target_group, age_groups => age_groups, sectors => sectors,
            municipalities => municipalities, funding_source => funding_source,
            funding_amount => funding_amount, contact_name => contact_name,
            contact_email => contact_email, results => results, links => links,
            cover_file_id => cover_file_id, partner_organisation_ids => partners,
        );
        if let Some(currency) = patch.funding_currency {
            self.funding_currency = Some(currency);
        }
    }

    /// Writes the draft's fields onto an active model.
    fn write(self, model: &mut project::ActiveModel) {
        model.title = Set(self.title);
        model.summary = Set(self.summary);
        model.body = Set(self.body);
        model.status = Set(self.status);
        model.visibility = Set(self.visibility);
        model.owner_organisation_id = Set(self.owner);
        model.group_id = Set(self.group_id);
        model.tags = Set(serde_json::json!(self.tags));
        model.period_start = Set(self.period_start);
        model.period_end = Set(self.period_end);
        model.target_group = Set(self.target_group);
        model.age_groups = Set(serde_json::json!(
            self.age_groups
                .iter()
                .map(|a| a.as_str())
                .collect::<Vec<_>>()
        ));
        model.sectors = Set(serde_json::json!(
            self.sectors.iter().map(|s| s.as_str()).collect::<Vec<_>>()
        ));
        model.municipalities = Set(serde_json::json!(self.municipalities));
        model.funding_source = Set(self.funding_source);
        model.funding_amount = Set(self.funding_amount);
        model.funding_currency = Set(self
            .funding_currency
            .map(|c| c.as_str().to_owned())
            .unwrap_or_default());
        model.contact_name = Set(self.contact_name);
        model.contact_email = Set(self.contact_email);
        model.results = Set(self.results);
        model.links = Set(serde_json::json!(self.links));
        model.cover_file_id = Set(self.cover_file_id);
        model.partner_organisation_ids = Set(serde_json::json!(self.partners));
    }
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

/// Partners must be organisations of this network (one statement).
async fn check_partners(
    conn: &impl ConnectionTrait,
    scope: &TenantScope,
    partners: &[OrganisationId],
) -> Result<()> {
    let found = organisation_names(conn, scope, partners).await?;
    if found.len() != partners.len() {
        return Err(Error::invalid("partner_organisation_ids", "unknown"));
    }
    Ok(())
}

/// Replaces the project's partner and facet rows with the draft's (same transaction).
async fn write_rows(
    conn: &impl ConnectionTrait,
    scope: &TenantScope,
    id: ProjectId,
    draft: &Draft,
) -> Result<()> {
    scope
        .delete_many::<project_partner::Entity>()
        .filter(project_partner::Column::ProjectId.eq(id))
        .exec(conn)
        .await?;
    if !draft.partners.is_empty() {
        project_partner::Entity::insert_many(draft.partners.iter().map(|org| {
            project_partner::ActiveModel {
                tenant_id: Set(scope.tenant_id()),
                project_id: Set(id),
                organisation_id: Set(*org),
            }
        }))
        .exec(conn)
        .await?;
    }
    scope
        .delete_many::<project_facet::Entity>()
        .filter(project_facet::Column::ProjectId.eq(id))
        .exec(conn)
        .await?;
    let mut facets: Vec<(&str, String)> = Vec::new();
    facets.extend(
        draft
            .sectors
            .iter()
            .map(|s| (FACET_SECTOR, s.as_str().to_owned())),
    );
    facets.extend(
        draft
            .age_groups
            .iter()
            .map(|a| (FACET_AGE_GROUP, a.as_str().to_owned())),
    );
    let mut seen: Vec<String> = Vec::new();
    for municipality in &draft.municipalities {
        let value = municipality.to_lowercase();
        if !seen.contains(&value) {
            seen.push(value.clone());
            facets.push((FACET_MUNICIPALITY, value));
        }
    }
    if !facets.is_empty() {
        project_facet::Entity::insert_many(facets.into_iter().map(|(kind, value)| {
            project_facet::ActiveModel {
                tenant_id: Set(scope.tenant_id()),
                project_id: Set(id),
                kind: Set(kind.to_owned()),
                value: Set(value),
            }
        }))
        .exec(conn)
        .await?;
    }
    Ok(())
}

pub async fn create(svc: &Services, scope: &TenantScope, input: NewProject) -> Result<Project> {
    scope.require(Action::EditOwnProject)?;
    let owner = input
        .owner_organisation_id
        .or(scope.organisation_id())
        .ok_or_else(|| Error::invalid("owner_organisation_id", crate::text::CODE_REQUIRED))?;
    let mut draft = Draft::from_new(input, owner);
    draft.validate(Currency::for_language(scope.network().default_language))?;

    let txn = svc.db.begin_write().await?;
    check_owner(&txn, scope, owner).await?;
    check_owner_right(scope, owner)?;
    check_group(&txn, scope, draft.group_id).await?;
    check_partners(&txn, scope, &draft.partners).await?;
    let now = svc.now();
    let id = ProjectId::new();
    let mut model = project::ActiveModel {
        id: Set(id),
        tenant_id: Set(scope.tenant_id()),
        created_by: Set(scope.user_id()),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    };
    let rows_draft = Draft::from_model_parts(&draft);
    draft.write(&mut model);
    // The project first: its partner and facet rows refer to it.
    model.insert(&txn).await?;
    write_rows(&txn, scope, id, &rows_draft).await?;
    if let Some(user) = scope.user_id() {
        notifications::follow_in(&txn, svc, scope, user, Subject::Project(id)).await?;
    }
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

impl Draft {
    /// The parts of a draft `write_rows` reads, copied (the draft itself is consumed by
    /// `write`).
    fn from_model_parts(draft: &Draft) -> Draft {
        Draft {
            title: String::new(),
            summary: String::new(),
            body: String::new(),
            status: draft.status,
            visibility: draft.visibility,
            owner: draft.owner,
            group_id: draft.group_id,
            tags: vec![],
            period_start: None,
            period_end: None,
            target_group: String::new(),
            age_groups: draft.age_groups.clone(),
            sectors: draft.sectors.clone(),
            municipalities: draft.municipalities.clone(),
            funding_source: String::new(),
            funding_amount: None,
            funding_currency: None,
            contact_name: String::new(),
            contact_email: String::new(),
            results: String::new(),
            links: vec![],
            cover_file_id: None,
            partners: draft.partners.clone(),
        }
    }
}

pub async fn update(
    svc: &Services,
    scope: &TenantScope,
    id: ProjectId,
    patch: ProjectPatch,
) -> Result<Project> {
    let txn = svc.db.begin_write().await?;
    let current = find_visible(&txn, scope, id).await?;
    if !can_edit_fields(scope, &current) {
        // Those who may not even post updates on it are told nothing more than readers are.
        return Err(if scope.role().is_some() {
            Error::Forbidden
        } else {
            scope.outsider_error()
        });
    }
    let changes_partners = patch
        .owner_organisation_id
        .is_some_and(|o| o != current.owner_organisation_id)
        || patch.partner_organisation_ids.is_some();
    if changes_partners {
        // Only the owner organisation (and coordinators) decide who owns and partners.
        check_owner_right(scope, current.owner_organisation_id)?;
    }
    let mut draft = Draft::from_model(&current);
    draft.apply(patch);
    draft.validate(Currency::for_language(scope.network().default_language))?;
    if draft.owner != current.owner_organisation_id {
        check_owner(&txn, scope, draft.owner).await?;
        check_owner_right(scope, draft.owner)?;
    }
    if draft.group_id != current.group_id {
        check_group(&txn, scope, draft.group_id).await?;
    }
    check_partners(&txn, scope, &draft.partners).await?;
    let rows_draft = Draft::from_model_parts(&draft);
    let mut model: project::ActiveModel = current.into();
    draft.write(&mut model);
    model.updated_at = Set(svc.now());
    model.update(&txn).await?;
    write_rows(&txn, scope, id, &rows_draft).await?;
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

/// The year a project is filed under in search: its start, or the year it was created.
pub(crate) fn year_of(model: &project::Model) -> i32 {
    model
        .period_start
        .map(|d| d.year())
        .unwrap_or_else(|| model.created_at.year())
}
