//! What the domain's own tests stand on: real `Services` over a fresh SQLite file migrated with
//! the real migrations, a `ManualClock`, and helpers that make a network with people in it
//! through the use cases themselves.
//!
//! The ports the use cases under test do not touch (search, files, mail: those run in jobs,
//! which these tests leave in the queue) are filled with [`Unused`], which fails loudly if a test
//! does reach one; tests that need the real adapters are the end-to-end tests in `tests/e2e`.

use std::sync::Arc;

use async_trait::async_trait;
use chrono::{DateTime, Duration, TimeZone, Utc};
use migrations::{Migrator, MigratorTrait};
use tokio::io::AsyncRead;

use crate::Services;
use crate::clock::ManualClock;
use crate::config::{DomainConfig, PasswordParams};
use crate::db::Db;
use crate::files::{BlobReader, BlobStore, StoredBlob};
use crate::identity::{CurrentUser, NewUser, create_user};
use crate::ids::{OrganisationId, SessionId, UserId};
use crate::mail::{Mailer, OutgoingMail};
use crate::meetings::{
    LocationMode, MeetingKind, MeetingVisibility, NewMeeting, RegistrationSettings,
};
use crate::people::{Sector, members, organisations};
use crate::policy::Role;
use crate::search::{IndexWrites, SearchIndex, SearchRequest, SearchResults};
use crate::tenancy::{Language, Network, NewNetwork, TenantScope, create_network, scope_for_user};

/// A port no code path of the test should reach.
pub(crate) struct Unused;

fn unused<T>() -> anyhow::Result<T> {
    Err(anyhow::anyhow!(
        "this port is not available in domain unit tests"
    ))
}

#[async_trait]
impl SearchIndex for Unused {
    async fn apply(&self, _: IndexWrites) -> anyhow::Result<()> {
        unused()
    }
    async fn clear(&self) -> anyhow::Result<()> {
        unused()
    }
    async fn document_ids(&self, _: crate::ids::NetworkId) -> anyhow::Result<Vec<String>> {
        unused()
    }
    async fn search(&self, _: &SearchRequest) -> anyhow::Result<SearchResults> {
        unused()
    }
    async fn health(&self) -> anyhow::Result<()> {
        unused()
    }
}

#[async_trait]
impl BlobStore for Unused {
    async fn put(
        &self,
        _: &str,
        _: &mut (dyn AsyncRead + Send + Unpin),
    ) -> anyhow::Result<StoredBlob> {
        unused()
    }
    async fn open(&self, _: &str) -> anyhow::Result<Option<BlobReader>> {
        unused()
    }
    async fn delete(&self, _: &str) -> anyhow::Result<()> {
        unused()
    }
    async fn health(&self) -> anyhow::Result<()> {
        unused()
    }
}

#[async_trait]
impl Mailer for Unused {
    async fn send(&self, _: &OutgoingMail) -> anyhow::Result<()> {
        unused()
    }
}

/// Services over a fresh, migrated SQLite database in a temporary folder. Keep the folder alive
/// as long as the services.
pub(crate) struct TestEnv {
    pub svc: Services,
    pub clock: Arc<ManualClock>,
    _dir: tempfile::TempDir,
}

/// 1 November 2026, 09:00 UTC: a fixed "now" so tests can name dates.
pub(crate) fn default_now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 1, 9, 0, 0).unwrap()
}

impl TestEnv {
    pub async fn new() -> TestEnv {
        let dir = tempfile::tempdir().unwrap();
        let url = format!("sqlite://{}", dir.path().join("domain.db").display());
        let db = Db::connect(&url, 4).await.unwrap();
        Migrator::up(db.raw(), None).await.unwrap();
        let clock = Arc::new(ManualClock::new(default_now()));
        let config = DomainConfig {
            public_url: "https://samvirke.test/".into(),
            // The cheapest Argon2 cost the library accepts: tests create many users.
            password: PasswordParams {
                memory_kib: 8,
                iterations: 1,
                parallelism: 1,
            },
            ..DomainConfig::default()
        };
        let svc = Services::new(
            db,
            Arc::new(Unused),
            Arc::new(Unused),
            Arc::new(Unused),
            clock.clone(),
            config,
        );
        TestEnv {
            svc,
            clock,
            _dir: dir,
        }
    }

    /// A network in this zone, with the system scope to set it up.
    pub async fn network(&self, slug: &str, time_zone: &str) -> TenantScope {
        let network = create_network(
            &self.svc,
            NewNetwork {
                slug: slug.into(),
                name: format!("Netværk {slug}"),
                default_language: Language::Danish,
                time_zone: time_zone.into(),
            },
        )
        .await
        .unwrap();
        TenantScope::system(network, "test")
    }

    pub async fn organisation(
        &self,
        system: &TenantScope,
        name: &str,
        sector: Sector,
    ) -> OrganisationId {
        organisations::create(
            &self.svc,
            system,
            organisations::NewOrganisation {
                name: name.into(),
                sector,
                registry_number: None,
            },
        )
        .await
        .unwrap()
        .id
    }

    /// A user (not yet a member anywhere).
    pub async fn user(&self, name: &str) -> CurrentUser {
        let email = format!(
            "{}-{}@example.test",
            name.to_lowercase().replace(' ', "."),
            uuid::Uuid::now_v7().simple()
        );
        let user = create_user(
            &self.svc,
            NewUser {
                email,
                display_name: name.into(),
                password: "korrekt-hest-batteri".into(),
                preferred_language: None,
            },
        )
        .await
        .unwrap();
        CurrentUser {
            id: user.id,
            session_id: SessionId::new(),
            email: user.email,
            display_name: user.display_name,
            preferred_language: None,
        }
    }

    /// Makes `user` an active member of the system scope's network.
    pub async fn join(
        &self,
        system: &TenantScope,
        user: UserId,
        organisation: Option<OrganisationId>,
        role: Role,
    ) {
        members::add(&self.svc, system, user, organisation, role)
            .await
            .unwrap();
    }

    /// A new member with this role, and their scope.
    pub async fn member(
        &self,
        system: &TenantScope,
        name: &str,
        organisation: Option<OrganisationId>,
        role: Role,
    ) -> (CurrentUser, TenantScope) {
        let user = self.user(name).await;
        self.join(system, user.id, organisation, role).await;
        let scope = self.scope(&user, system.network()).await;
        (user, scope)
    }

    /// The scope of a signed-in user (member or not) in a network.
    pub async fn scope(&self, user: &CurrentUser, network: &Network) -> TenantScope {
        scope_for_user(&self.svc, Some(user), &network.slug)
            .await
            .unwrap()
    }

    /// The scope of a signed-out visitor.
    pub async fn visitor(&self, network: &Network) -> TenantScope {
        scope_for_user(&self.svc, None, &network.slug)
            .await
            .unwrap()
    }
}

/// A published network meeting in a room, open for registration without limits, lasting
/// `hours` from `starts_at`.
pub(crate) fn new_meeting(title: &str, starts_at: DateTime<Utc>, hours: i64) -> NewMeeting {
    NewMeeting {
        kind: MeetingKind::ThemeMeeting,
        visibility: MeetingVisibility::Network,
        group_id: None,
        title: title.into(),
        description: String::new(),
        starts_at,
        ends_at: starts_at + Duration::hours(hours),
        location_mode: LocationMode::Physical,
        address: "Rådhuspladsen 1, 1550 København V".into(),
        room: String::new(),
        online_url: String::new(),
        registration: RegistrationSettings {
            enabled: true,
            ..RegistrationSettings::default()
        },
        show_participants: false,
        organisation_ids: Vec::new(),
        contact_user_id: None,
        moderator_user_id: None,
        invitee_user_ids: Vec::new(),
        publish: true,
    }
}
