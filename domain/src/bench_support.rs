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
                        // The showcase fields keep their column defaults.
                        ..Default::default()
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

/// Adds meetings for the benchmark to the first seeded network: one public collaboration day
/// with a programme and questions (the page `bench/run` loads), and `count` published network
/// meetings spread over the coming year (the list it loads). Returns the public meeting's id.
pub async fn seed_meetings(
    svc: &Services,
    slug: &str,
    count: usize,
) -> anyhow::Result<crate::ids::MeetingId> {
    use crate::entities::meeting;
    use crate::ids::MeetingId;
    use crate::meetings::{
        self, AgendaKind, LocationMode, MeetingKind, MeetingStatus, MeetingVisibility,
        NewAgendaItem, NewMeeting, NewQuestion, QuestionKind, RegistrationSettings, Speaker,
        agenda, registration_questions,
    };
    use crate::tenancy::{TenantScope, find_network};
    use chrono::Duration;
    use sea_orm::ActiveValue::Set;

    let network = find_network(svc, slug).await?;
    let scope = TenantScope::system(network.clone(), "bench");
    let now = svc.now();
    let start = now + Duration::days(20);
    let public = meetings::create(
        svc,
        &scope,
        NewMeeting {
            kind: MeetingKind::CollaborationDay,
            visibility: MeetingVisibility::Public,
            group_id: None,
            title: "Samarbejdsdag om tidlig indsats".into(),
            description: words(7, 80),
            starts_at: start,
            ends_at: start + Duration::hours(7),
            location_mode: LocationMode::Hybrid,
            address: "Rådhuspladsen 1, 1550 København V".into(),
            room: "Festsalen".into(),
            online_url: "https://meet.example.org/samarbejdsdag".into(),
            registration: RegistrationSettings {
                enabled: true,
                capacity_room: Some(120),
                capacity_online: Some(200),
                waitlist_enabled: true,
                closes_at: Some(start - Duration::hours(24)),
                ..RegistrationSettings::default()
            },
            show_participants: false,
            organisation_ids: vec![],
            contact_user_id: None,
            moderator_user_id: None,
            invitee_user_ids: vec![],
            publish: true,
        },
    )
    .await?;
    for (i, kind) in [
        AgendaKind::Plenary,
        AgendaKind::Talk,
        AgendaKind::Panel,
        AgendaKind::Break,
        AgendaKind::GroupWork,
        AgendaKind::GroupWork,
    ]
    .into_iter()
    .enumerate()
    {
        let slot = i.min(4) as i64;
        agenda::add(
            svc,
            &scope,
            public.id,
            NewAgendaItem {
                starts_at: start + Duration::hours(slot),
                ends_at: start + Duration::hours(slot + 1),
                title: format!("Programpunkt {i}: {}", words(i, 4)),
                description: words(i * 5, 25),
                kind,
                speakers: vec![Speaker {
                    name: format!("Oplægsholder {i}"),
                    organisation: "Kommune 0".into(),
                }],
                selectable: kind == AgendaKind::GroupWork,
                capacity: (kind == AgendaKind::GroupWork).then_some(60),
            },
        )
        .await?;
    }
    registration_questions::add(
        svc,
        &scope,
        public.id,
        NewQuestion {
            kind: QuestionKind::SingleChoice,
            label: "Sektor".into(),
            options: vec!["Kommune".into(), "Region".into(), "Skole".into()],
            required: true,
        },
    )
    .await?;

    let mut written = 0;
    while written < count {
        let batch: Vec<meeting::ActiveModel> = (written..(written + 500).min(count))
            .map(|i| {
                let starts_at = now + Duration::hours(2 + (i as i64 * 8760 / count.max(1) as i64));
                meeting::ActiveModel {
                    id: Set(MeetingId::new()),
                    tenant_id: Set(network.id),
                    series_id: Set(None),
                    occurrence_start: Set(None),
                    kind: Set(MeetingKind::ThemeMeeting),
                    status: Set(MeetingStatus::Published),
                    visibility: Set(MeetingVisibility::Network),
                    group_id: Set(None),
                    title: Set(format!("Temamøde {i}: {}", words(i, 3))),
                    description: Set(words(i * 3, 40)),
                    starts_at: Set(starts_at),
                    ends_at: Set(starts_at + Duration::hours(2)),
                    location_mode: Set(LocationMode::Physical),
                    address: Set("Købmagergade 22, 1150 København K".into()),
                    room: Set(String::new()),
                    online_url: Set(String::new()),
                    registration_enabled: Set(true),
                    capacity_room: Set(Some(40)),
                    capacity_online: Set(None),
                    waitlist_enabled: Set(true),
                    registration_opens_at: Set(None),
                    registration_closes_at: Set(None),
                    cancellation_cutoff_at: Set(None),
                    requires_approval: Set(false),
                    terms: Set(String::new()),
                    show_participants: Set(false),
                    contact_user_id: Set(None),
                    moderator_user_id: Set(None),
                    sequence: Set(0),
                    created_by: Set(None),
                    created_at: Set(now),
                    updated_at: Set(now),
                }
            })
            .collect();
        written += batch.len();
        let txn = svc.db.begin_write().await?;
        meeting::Entity::insert_many(batch).exec(&txn).await?;
        txn.commit().await?;
    }
    Ok(public.id)
}

/// The outcome of a registration burst.
#[derive(Debug)]
pub struct Burst {
    pub seconds: f64,
    pub registered: usize,
    pub waitlisted: usize,
    pub errors: usize,
}

/// `people` members register at the same moment for a meeting with `capacity` places and a
/// waitlist, each through the registration use case on its own task (as concurrent requests
/// would). Sessions are made directly, so password hashing is not part of the measurement.
pub async fn registration_burst(
    svc: &Services,
    people: usize,
    capacity: i32,
) -> anyhow::Result<Burst> {
    use crate::entities::user;
    use crate::identity::{NewUser, create_user, start_session};
    use crate::meetings::{
        self, LocationMode, MeetingKind, MeetingVisibility, NewMeeting, NewRegistration,
        RegistrationSettings, RegistrationStatus,
    };
    use crate::people::members;
    use crate::policy::Role;
    use crate::tenancy::{Language, NewNetwork, TenantScope, create_network, scope_for_user};
    use chrono::Duration;
    use sea_orm::EntityTrait;

    let slug = format!("burst-{}", &uuid::Uuid::now_v7().simple().to_string()[20..]);
    let network = create_network(
        svc,
        NewNetwork {
            slug: slug.clone(),
            name: "Registration burst".into(),
            default_language: Language::Danish,
            time_zone: "Europe/Copenhagen".into(),
        },
    )
    .await?;
    let system = TenantScope::system(network, "bench");
    let start = svc.now() + Duration::days(10);
    let meeting = meetings::create(
        svc,
        &system,
        NewMeeting {
            kind: MeetingKind::Workshop,
            visibility: MeetingVisibility::Network,
            group_id: None,
            title: "Workshop".into(),
            description: String::new(),
            starts_at: start,
            ends_at: start + Duration::hours(3),
            location_mode: LocationMode::Physical,
            address: "Stord kulturhus".into(),
            room: String::new(),
            online_url: String::new(),
            registration: RegistrationSettings {
                enabled: true,
                capacity_room: Some(capacity),
                waitlist_enabled: true,
                ..RegistrationSettings::default()
            },
            show_participants: false,
            organisation_ids: vec![],
            contact_user_id: None,
            moderator_user_id: None,
            invitee_user_ids: vec![],
            publish: true,
        },
    )
    .await?;
    let mut scopes = Vec::with_capacity(people);
    for i in 0..people {
        let created = create_user(
            svc,
            NewUser {
                email: format!("deltager{i}@{slug}.example.org"),
                display_name: format!("Deltager {i}"),
                password: "bench-password-1".into(),
                preferred_language: None,
            },
        )
        .await?;
        members::add(svc, &system, created.id, None, Role::Member).await?;
        let model = user::Entity::find_by_id(created.id)
            .one(svc.db.conn())
            .await?
            .ok_or_else(|| anyhow::anyhow!("user vanished"))?;
        let session = start_session(svc, model).await?;
        scopes.push(scope_for_user(svc, Some(&session.user), &slug).await?);
    }
    let barrier = std::sync::Arc::new(tokio::sync::Barrier::new(people + 1));
    let mut tasks = tokio::task::JoinSet::new();
    for scope in scopes {
        let (svc, barrier) = (svc.clone(), barrier.clone());
        tasks.spawn(async move {
            barrier.wait().await;
            meetings::register(&svc, &scope, meeting.id, NewRegistration::default()).await
        });
    }
    barrier.wait().await;
    let started = std::time::Instant::now();
    let mut burst = Burst {
        seconds: 0.0,
        registered: 0,
        waitlisted: 0,
        errors: 0,
    };
    while let Some(result) = tasks.join_next().await {
        match result? {
            Ok(r) if r.status == RegistrationStatus::Registered => burst.registered += 1,
            Ok(r) if r.status == RegistrationStatus::Waitlisted => burst.waitlisted += 1,
            _ => burst.errors += 1,
        }
    }
    burst.seconds = started.elapsed().as_secs_f64();
    Ok(burst)
}
