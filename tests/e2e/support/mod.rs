//! The test harness: [`TestApp`] starts the application; [`Seeded`] gives a network with people
//! in every role.

pub mod browser;
pub mod child;
pub mod db;
pub mod fixtures;
pub mod mail;
pub mod raw;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use chrono::Utc;
use domain::Services;
use domain::clock::ManualClock;
use domain::identity::{self, NewUser};
use domain::ids::{MembershipId, UserId};
use domain::people::Sector;
use domain::people::members;
use domain::people::organisations::{self, NewOrganisation, Organisation};
use domain::policy::Role;
use domain::tenancy::{self, Language, Network, NewNetwork, TenantScope};
use samvirke::app::{self, Application, Parts};
use samvirke::settings::{Secret, Settings};
use serde_json::Value;

pub const PASSWORD: &str = "korrekt-hest-batteri";

pub struct TestApp {
    pub base: String,
    pub services: Services,
    pub clock: Arc<ManualClock>,
    pub settings: Settings,
    pub dir: tempfile::TempDir,
    app: Option<Application>,
}

/// Settings for a test: everything under `dir`, cheap password hashing, a fixed public URL.
pub async fn test_settings(dir: &Path) -> Settings {
    let mut settings = Settings {
        data_dir: dir.to_path_buf(),
        ..Settings::default()
    };
    settings.server.public_url = "http://samvirke.test".into();
    settings.database.url = Some(Secret::new(db::fresh_database_url(dir).await));
    settings.database.max_connections = 4;
    settings.auth.argon2_memory_kib = 64;
    settings.auth.argon2_iterations = 1;
    settings.auth.argon2_parallelism = 1;
    // The test binary is not `samvirke`: extraction's child process is the built one.
    settings.worker.extract_program = Some(PathBuf::from(env!("CARGO_BIN_EXE_samvirke")));
    settings
}

impl TestApp {
    /// The application with HTTP only; tests run jobs with [`TestApp::drain`].
    pub async fn spawn() -> TestApp {
        Self::spawn_with(Parts {
            http: true,
            worker: false,
        })
        .await
    }

    pub async fn spawn_with(parts: Parts) -> TestApp {
        let dir = tempfile::tempdir().unwrap();
        let settings = test_settings(dir.path()).await;
        Self::start(dir, settings, parts).await
    }

    /// The application with HTTP only, on settings the test changes first.
    pub async fn spawn_configured(change: impl FnOnce(&mut Settings)) -> TestApp {
        let dir = tempfile::tempdir().unwrap();
        let mut settings = test_settings(dir.path()).await;
        change(&mut settings);
        Self::start(
            dir,
            settings,
            Parts {
                http: true,
                worker: false,
            },
        )
        .await
    }

    pub async fn start(dir: tempfile::TempDir, settings: Settings, parts: Parts) -> TestApp {
        let clock = Arc::new(ManualClock::new(Utc::now()));
        let services = app::services(&settings, clock.clone()).await.unwrap();
        app::migrate(&services).await.unwrap();
        let running = Application::start(services.clone(), &settings, parts, "127.0.0.1:0")
            .await
            .unwrap();
        let base = match running.addr {
            Some(addr) => format!("http://{addr}"),
            None => String::new(),
        };
        TestApp {
            base,
            services,
            clock,
            settings,
            dir,
            app: Some(running),
        }
    }

    /// Stops the application; the returned folder (database, index, files) lives on until
    /// dropped.
    pub async fn stop(mut self) -> tempfile::TempDir {
        if let Some(app) = self.app.take() {
            app.stop().await.unwrap();
        }
        self.dir
    }

    pub fn clock_now(&self) -> chrono::DateTime<Utc> {
        use domain::clock::Clock;
        self.clock.now()
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// Runs every due job, as a worker would.
    pub async fn drain(&self) -> usize {
        let config = self.settings.worker_config().unwrap();
        worker::Worker::new(self.services.clone(), "test-worker", config)
            .drain()
            .await
            .unwrap()
    }

    /// A client with its own cookie jar, signed out.
    pub fn client(&self) -> reqwest::Client {
        reqwest::Client::builder()
            .cookie_store(true)
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .unwrap()
    }

    /// A client signed in through the API.
    pub async fn signed_in(&self, email: &str) -> reqwest::Client {
        let client = self.client();
        let response = client
            .post(self.url("/api/v1/session"))
            .json(&serde_json::json!({ "email": email, "password": PASSWORD }))
            .send()
            .await
            .unwrap();
        assert_eq!(
            response.status(),
            200,
            "sign-in of {email}: {}",
            response.text().await.unwrap()
        );
        client
    }

    /// A client that sends an API token.
    pub fn with_token(&self, secret: &str) -> reqwest::Client {
        let mut headers = reqwest::header::HeaderMap::new();
        headers.insert(
            reqwest::header::AUTHORIZATION,
            format!("Bearer {secret}").parse().unwrap(),
        );
        reqwest::Client::builder()
            .default_headers(headers)
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .unwrap()
    }

    pub fn outbox(&self) -> PathBuf {
        self.settings.outbox_dir()
    }

    /// Every mail in the outbox, as raw text.
    pub fn mails(&self) -> Vec<String> {
        let Ok(entries) = std::fs::read_dir(self.outbox()) else {
            return vec![];
        };
        entries
            .filter_map(|e| e.ok())
            .filter(|e| e.path().extension().is_some_and(|x| x == "eml"))
            .map(|e| std::fs::read_to_string(e.path()).unwrap())
            .collect()
    }

    /// Seeds a network with an organisation and a person in every role.
    pub async fn seed(&self, slug: &str) -> Seeded {
        let svc = &self.services;
        let network = tenancy::create_network(
            svc,
            NewNetwork {
                slug: slug.into(),
                name: format!("Netværk {slug}"),
                default_language: Language::Danish,
                time_zone: "Europe/Copenhagen".into(),
            },
        )
        .await
        .unwrap();
        let scope = TenantScope::system(network.clone(), "test");
        let organisation = organisations::create(
            svc,
            &scope,
            NewOrganisation {
                name: format!("Kommune {slug}"),
                sector: Sector::Municipality,
                registry_number: None,
            },
        )
        .await
        .unwrap();
        let mut people = Vec::new();
        for role in Role::ALL {
            let email = format!("{}.{slug}@example.org", role.as_str());
            let user = identity::create_user(
                svc,
                NewUser {
                    email: email.clone(),
                    display_name: format!("{} {slug}", role.as_str()),
                    password: PASSWORD.into(),
                    preferred_language: None,
                },
            )
            .await
            .unwrap();
            let membership = members::add(svc, &scope, user.id, Some(organisation.id), *role)
                .await
                .unwrap();
            people.push(Person {
                email,
                role: *role,
                user_id: user.id,
                membership_id: membership,
            });
        }
        Seeded {
            network,
            scope,
            organisation,
            people,
        }
    }
}

pub struct Person {
    pub email: String,
    pub role: Role,
    pub user_id: UserId,
    pub membership_id: MembershipId,
}

pub struct Seeded {
    pub network: Network,
    /// The system's scope in this network, for setting things up.
    pub scope: TenantScope,
    pub organisation: Organisation,
    pub people: Vec<Person>,
}

impl Seeded {
    pub fn person(&self, role: Role) -> &Person {
        self.people.iter().find(|p| p.role == role).unwrap()
    }

    pub fn email(&self, role: Role) -> String {
        self.person(role).email.clone()
    }

    pub fn slug(&self) -> &str {
        &self.network.slug
    }
}

/// Reads a JSON body, failing the test with the body when it is not JSON.
pub async fn json(response: reqwest::Response) -> (u16, Value) {
    let status = response.status().as_u16();
    let text = response.text().await.unwrap();
    let value =
        serde_json::from_str(&text).unwrap_or_else(|_| panic!("not JSON ({status}): {text}"));
    (status, value)
}

/// Polls `condition` until it holds or `seconds` pass.
pub async fn eventually<F, Fut>(seconds: u64, what: &str, mut condition: F)
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = bool>,
{
    eventually_some(seconds, what, || {
        let holds = condition();
        async move { holds.await.then_some(()) }
    })
    .await
}

/// Polls `found` until it gives a value (for at most `seconds`), and returns that value.
pub async fn eventually_some<T, F, Fut>(seconds: u64, what: &str, mut found: F) -> T
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = Option<T>>,
{
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(seconds);
    loop {
        if let Some(value) = found().await {
            return value;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "timed out waiting for {what}"
        );
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
}
