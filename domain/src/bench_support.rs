//! Only with the `bench` feature: the bare primary-key read that `bench/run` uses as a baseline
//! for the API's project endpoint. It skips the tenant scope on purpose — it measures sea-orm,
//! not Samvirke — and is never compiled into a normal build.

use sea_orm::{EntityTrait, QuerySelect};

use crate::Services;
use crate::entities::project;
use crate::ids::ProjectId;

pub async fn project_title_by_id(svc: &Services, id: uuid::Uuid) -> anyhow::Result<Option<String>> {
    Ok(project::Entity::find_by_id(ProjectId(id))
        .select_only()
        .column(project::Column::Title)
        .into_tuple::<String>()
        .one(svc.db.conn())
        .await?)
}

/// What `bench/run` needs to address the seeded data.
#[derive(Debug)]
pub struct Seeded {
    pub slug: String,
    pub project_id: ProjectId,
    pub token: String,
    pub coordinator_email: String,
    pub coordinator_password: String,
}

const WORDS: &[&str] = &[
    "samarbejde",
    "kommune",
    "psykiatri",
    "skole",
    "familie",
    "trivsel",
    "forebyggelse",
    "netværk",
    "socialrådgiver",
    "sundhedsplejerske",
    "ungdom",
    "forældre",
    "samtykke",
    "overgang",
    "indsats",
    "samhandling",
    "tverrfaglig",
    "barnevern",
    "helsestasjon",
    "oppvekst",
    "søsken",
    "habilitering",
];

fn words(seed: usize, count: usize) -> String {
    (0..count)
        .map(|i| WORDS[(seed.wrapping_mul(31).wrapping_add(i * 7)) % WORDS.len()])
        .collect::<Vec<_>>()
        .join(" ")
}

/// Generates `networks` networks with `projects` projects spread over them, written in bulk
/// (without indexing jobs), then rebuilds the search index.
pub async fn seed(svc: &Services, networks: usize, projects: usize) -> anyhow::Result<Seeded> {
    use crate::identity::{NewUser, create_user};
    use crate::people::organisations::{NewOrganisation, create as create_organisation};
    use crate::people::{Sector, members};
    use crate::policy::Role;
    use crate::showcases::ProjectStatus;
    use crate::tenancy::{Language, NewNetwork, TenantScope, Visibility, create_network};
    use crate::tokens::{NewToken, create as create_token};
    use sea_orm::ActiveValue::Set;

    let password = "bench-password-1".to_owned();
    let mut first: Option<Seeded> = None;
    let per_network = projects.div_ceil(networks.max(1));
    for n in 0..networks {
        let language = if n % 2 == 0 {
            Language::Danish
        } else {
            Language::Norwegian
        };
        let network = create_network(
            svc,
            NewNetwork {
                slug: format!("bench-{n}"),
                name: format!("Benchmark network {n}"),
                default_language: language,
                time_zone: "Europe/Copenhagen".into(),
            },
        )
        .await?;
        let scope = TenantScope::system(network.clone(), "bench");
        let organisation = create_organisation(
            svc,
            &scope,
            NewOrganisation {
                name: format!("Kommune {n}"),
                sector: Sector::Municipality,
                registry_number: None,
            },
        )
        .await?;
        let email = format!("coordinator{n}@bench.example.org");
        let user = create_user(
            svc,
            NewUser {
                email: email.clone(),
                display_name: format!("Coordinator {n}"),
                password: password.clone(),
                preferred_language: None,
            },
        )
        .await?;
        members::add(
            svc,
            &scope,
            user.id,
            Some(organisation.id),
            Role::Coordinator,
        )
        .await?;
        let token = create_token(
            svc,
            &scope,
            NewToken {
                organisation_id: organisation.id,
                name: "bench".into(),
                expires_at: None,
            },
        )
        .await?;

        let now = svc.now();
        let mut last_id = None;
        let mut written = 0;
        while written < per_network {
            let batch: Vec<project::ActiveModel> = (written..(written + 500).min(per_network))
                .map(|i| {
                    let id = ProjectId::new();
                    last_id = Some(id);
                    project::ActiveModel {
                        id: Set(id),
                        tenant_id: Set(network.id),
                        owner_organisation_id: Set(organisation.id),
                        group_id: Set(None),
                        title: Set(format!("Projekt {i}: {}", words(i, 3))),
                        summary: Set(words(i + n, 12)),
                        body: Set(words(i * 3 + n, 60)),
                        status: Set(ProjectStatus::Running),
                        visibility: Set(Visibility::Network),
                        tags: Set(serde_json::json!([WORDS[i % WORDS.len()]])),
                        created_by: Set(None),
                        created_at: Set(now),
                        updated_at: Set(now),
                    }
                })
                .collect();
            written += batch.len();
            let txn = svc.db.begin_write().await?;
            project::Entity::insert_many(batch).exec(&txn).await?;
            txn.commit().await?;
        }
        if first.is_none()
            && let Some(project_id) = last_id
        {
            first = Some(Seeded {
                slug: network.slug.clone(),
                project_id,
                token: token.secret,
                coordinator_email: email,
                coordinator_password: password.clone(),
            });
        }
    }
    crate::search::rebuild(svc).await?;
    first.ok_or_else(|| anyhow::anyhow!("nothing seeded"))
}
