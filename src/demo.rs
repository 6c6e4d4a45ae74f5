//! The demo fixture (`demo/fixture.toml`, compiled in): two networks drawn from the seed
//! documents, loaded through the same use cases as everything else. Loading is idempotent: a
//! network whose slug exists is left alone.

use std::collections::HashMap;

use anyhow::{Context, anyhow};
use domain::Services;
use domain::identity::{self, NewUser};
use domain::ids::{MembershipId, OrganisationId, UserId};
use domain::people::Sector;
use domain::people::groups::{self, NewGroup};
use domain::people::members;
use domain::people::organisations::{self, NewOrganisation};
use domain::policy::Role;
use domain::showcases::ProjectStatus;
use domain::showcases::projects::{self, NewProject};
use domain::tenancy::{self, Language, NewNetwork, TenantScope, Visibility};
use serde::Deserialize;

const FIXTURE: &str = include_str!("../demo/fixture.toml");

#[derive(Deserialize)]
struct Fixture {
    password: String,
    networks: Vec<NetworkFixture>,
}

#[derive(Deserialize)]
struct NetworkFixture {
    slug: String,
    name: String,
    language: String,
    time_zone: String,
    organisations: Vec<OrganisationFixture>,
    people: Vec<PersonFixture>,
    #[serde(default)]
    groups: Vec<GroupFixture>,
    #[serde(default)]
    projects: Vec<ProjectFixture>,
}

#[derive(Deserialize)]
struct OrganisationFixture {
    name: String,
    sector: String,
}

#[derive(Deserialize)]
struct PersonFixture {
    email: String,
    name: String,
    role: String,
    organisation: Option<String>,
    #[serde(default)]
    printed: bool,
}

#[derive(Deserialize)]
struct GroupFixture {
    name: String,
    description: String,
    open: bool,
    members: Vec<String>,
    coordinators: Vec<String>,
}

#[derive(Deserialize)]
struct ProjectFixture {
    title: String,
    owner: String,
    status: String,
    visibility: String,
    tags: Vec<String>,
    summary: String,
    body: String,
}

/// Someone to sign in as, printed after loading.
#[derive(Clone, Debug)]
pub struct DemoLogin {
    pub network: String,
    pub email: String,
    pub name: String,
    pub role: Role,
}

/// What loading did.
#[derive(Clone, Debug)]
pub struct DemoSummary {
    pub created: Vec<String>,
    pub password: String,
    pub logins: Vec<DemoLogin>,
}

fn parse<T>(what: &str, value: &str, parse: impl Fn(&str) -> Option<T>) -> anyhow::Result<T> {
    parse(value).ok_or_else(|| anyhow!("the demo fixture has an unknown {what} {value:?}"))
}

/// Loads the fixture: networks that do not exist yet are created with their people, groups and
/// projects (whose indexing jobs the worker then runs).
pub async fn load(svc: &Services) -> anyhow::Result<DemoSummary> {
    let fixture: Fixture = toml::from_str(FIXTURE).context("reading the demo fixture")?;
    let mut summary = DemoSummary {
        created: vec![],
        password: fixture.password.clone(),
        logins: vec![],
    };
    let mut users: HashMap<String, UserId> = HashMap::new();
    for network in &fixture.networks {
        for person in network.people.iter().filter(|p| p.printed) {
            summary.logins.push(DemoLogin {
                network: network.slug.clone(),
                email: person.email.clone(),
                name: person.name.clone(),
                role: parse("role", &person.role, Role::parse)?,
            });
        }
        if tenancy::find_network(svc, &network.slug).await.is_ok() {
            continue;
        }
        load_network(svc, network, &fixture.password, &mut users)
            .await
            .with_context(|| format!("loading the demo network {}", network.slug))?;
        summary.created.push(network.slug.clone());
    }
    Ok(summary)
}

async fn user_id(
    svc: &Services,
    users: &mut HashMap<String, UserId>,
    person: &PersonFixture,
    password: &str,
    language: Language,
) -> anyhow::Result<UserId> {
    if let Some(id) = users.get(&person.email) {
        return Ok(*id);
    }
    let id = match identity::find_user_by_email(svc, &person.email).await {
        Ok(user) => user.id,
        Err(domain::Error::NotFound) => {
            identity::create_user(
                svc,
                NewUser {
                    email: person.email.clone(),
                    display_name: person.name.clone(),
                    password: password.to_owned(),
                    preferred_language: Some(language),
                },
            )
            .await?
            .id
        }
        Err(e) => return Err(e.into()),
    };
    users.insert(person.email.clone(), id);
    Ok(id)
}

async fn load_network(
    svc: &Services,
    n: &NetworkFixture,
    password: &str,
    users: &mut HashMap<String, UserId>,
) -> anyhow::Result<()> {
    let language = parse("language", &n.language, Language::parse)?;
    let network = tenancy::create_network(
        svc,
        NewNetwork {
            slug: n.slug.clone(),
            name: n.name.clone(),
            default_language: language,
            time_zone: n.time_zone.clone(),
        },
    )
    .await?;
    let scope = TenantScope::system(network, "demo");

    let mut organisation_ids: HashMap<&str, OrganisationId> = HashMap::new();
    for o in &n.organisations {
        let created = organisations::create(
            svc,
            &scope,
            NewOrganisation {
                name: o.name.clone(),
                sector: parse("sector", &o.sector, Sector::parse)?,
                registry_number: None,
            },
        )
        .await?;
        organisation_ids.insert(o.name.as_str(), created.id);
    }
    let organisation = |name: &str| {
        organisation_ids
            .get(name)
            .copied()
            .ok_or_else(|| anyhow!("the demo fixture names an unknown organisation {name:?}"))
    };

    let mut memberships: HashMap<&str, MembershipId> = HashMap::new();
    for person in &n.people {
        let user = user_id(svc, users, person, password, language).await?;
        let organisation_id = person
            .organisation
            .as_deref()
            .map(organisation)
            .transpose()?;
        let role = parse("role", &person.role, Role::parse)?;
        let membership = members::add(svc, &scope, user, organisation_id, role).await?;
        memberships.insert(person.email.as_str(), membership);
    }

    for g in &n.groups {
        let group = groups::create(
            svc,
            &scope,
            NewGroup {
                name: g.name.clone(),
                description: g.description.clone(),
                is_open: g.open,
            },
        )
        .await?;
        for email in &g.members {
            let membership = memberships
                .get(email.as_str())
                .ok_or_else(|| anyhow!("the group {} names an unknown member {email}", g.name))?;
            groups::add_member(
                svc,
                &scope,
                group.id,
                *membership,
                g.coordinators.contains(email),
            )
            .await?;
        }
    }

    for p in &n.projects {
        projects::create(
            svc,
            &scope,
            NewProject {
                title: p.title.clone(),
                summary: p.summary.clone(),
                body: p.body.trim().to_owned(),
                status: parse("status", &p.status, ProjectStatus::parse)?,
                visibility: parse("visibility", &p.visibility, Visibility::parse)?,
                owner_organisation_id: Some(organisation(&p.owner)?),
                group_id: None,
                tags: p.tags.clone(),
            },
        )
        .await?;
    }
    Ok(())
}

/// What `demo` and `serve --demo` print.
pub fn describe(summary: &DemoSummary, public_url: &str) -> String {
    let mut text = String::new();
    if summary.created.is_empty() {
        text.push_str("Demo networks already loaded; nothing changed.\n");
    } else {
        text.push_str(&format!(
            "Loaded demo networks: {}\n",
            summary.created.join(", ")
        ));
    }
    text.push_str(&format!(
        "\nSign in at {public_url}/signin with password \"{}\" as:\n",
        summary.password
    ));
    for login in &summary.logins {
        text.push_str(&format!(
            "  {:<30} {:<12} {} ({})\n",
            login.email,
            login.role.as_str(),
            login.name,
            login.network
        ));
    }
    text
}
