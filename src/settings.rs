//! The operator's settings: defaults, then an optional TOML file (`--config`), then environment
//! variables `SAMVIRKE__<SECTION>__<KEY>` (for example `SAMVIRKE__DATABASE__URL`). Passed
//! explicitly to what needs it; secrets are redacted in `Debug` and never logged.

use std::fmt;
use std::path::{Path, PathBuf};

use anyhow::Context;
use figment::Figment;
use figment::providers::{Env, Format, Serialized, Toml};
use serde::{Deserialize, Serialize};

/// A value that must not appear in logs or `Debug` output.
#[derive(Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Secret(String);

impl Secret {
    pub fn new(value: impl Into<String>) -> Self {
        Self(value.into())
    }

    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("[redacted]")
    }
}

#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Settings {
    pub server: ServerSettings,
    /// Where the embedded defaults keep their files; relative to the working directory.
    pub data_dir: PathBuf,
    pub database: DatabaseSettings,
    pub search: SearchSettings,
    pub storage: StorageSettings,
    pub mail: MailSettings,
    pub log: LogSettings,
    pub worker: WorkerSettings,
    pub auth: AuthSettings,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ServerSettings {
    pub addr: String,
    /// The address people reach the server at: links in mail and feeds; under https `Secure`,
    /// `__Host-` named cookies and `Strict-Transport-Security`.
    pub public_url: String,
    /// CIDR ranges (or single addresses) of the reverse proxies in front of the server. Only
    /// from these is `X-Forwarded-For` believed; the client is its right-most entry that is not
    /// itself a trusted proxy. Empty: the TCP peer is the client.
    pub trusted_proxies: Vec<String>,
    /// The largest JSON body (and any other body that is neither a form nor an upload), in
    /// bytes; more answers 413.
    pub max_json_bytes: u64,
    /// The largest web form body (`application/x-www-form-urlencoded`), in bytes.
    pub max_form_bytes: u64,
    /// The longest request target (path and query), in bytes; more answers 414.
    pub max_url_bytes: u64,
    /// The most header bytes (names and values) one request may send; more answers 431.
    pub max_header_bytes: u64,
    /// Requests handled at once; one more answers 503 with `Retry-After` at once.
    pub max_concurrent_requests: u32,
    /// The longest a request may take, reading its body included; then 503. Uploads have no
    /// total limit but must keep arriving (`upload_idle_timeout_secs`).
    pub request_timeout_secs: u64,
    /// The longest an upload's body may stall before the upload is abandoned (408).
    pub upload_idle_timeout_secs: u64,
    /// `/metrics` answers only with `Authorization: Bearer <metrics_token>`.
    pub metrics_token: Option<Secret>,
    /// `/metrics` is served on this address only (e.g. `127.0.0.1:9100`), not on `addr`.
    pub metrics_addr: Option<String>,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DatabaseSettings {
    /// `sqlite://…` or `postgres://…`; default `sqlite://<data_dir>/samvirke.db`. May hold a
    /// password, hence secret.
    pub url: Option<Secret>,
    pub max_connections: u32,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SearchSettings {
    /// Default `<data_dir>/search`.
    pub index_dir: Option<PathBuf>,
    /// A Meilisearch server instead of the embedded index, when set: `http://127.0.0.1:7700`.
    pub meilisearch_url: Option<String>,
    /// Its API key (the master key or one allowed to manage the index).
    pub meilisearch_key: Option<Secret>,
    /// The Meilisearch index is `<index_prefix>_docs`, so one server can serve several
    /// installations.
    pub index_prefix: String,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StorageSettings {
    /// Default `<data_dir>/files`.
    pub dir: Option<PathBuf>,
    /// An S3-compatible bucket instead of the folder, when set.
    pub s3_bucket: Option<String>,
    /// `None` for AWS itself; e.g. `http://127.0.0.1:9000` for MinIO.
    pub s3_endpoint: Option<String>,
    pub s3_region: String,
    /// Without keys, the instance's or pod's own credentials are used.
    pub s3_access_key_id: Option<String>,
    pub s3_secret_access_key: Option<Secret>,
    /// Allow plain `http://` to the endpoint.
    pub s3_allow_http: bool,
    /// Every key goes under this prefix, so one bucket can serve several installations.
    pub s3_prefix: Option<String>,
    /// The largest upload accepted, in bytes (default 50 MB).
    pub max_upload_bytes: u64,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MailSettings {
    /// Default `<data_dir>/outbox`: one `.eml` file per mail.
    pub outbox_dir: Option<PathBuf>,
    /// Send through this SMTP server instead of the outbox, when set:
    /// `smtp://user:pass@host:587?tls=required` or `smtps://user:pass@host`. May hold a
    /// password, hence secret.
    pub smtp_url: Option<Secret>,
    /// The sender of every mail.
    pub from: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum LogFormat {
    Text,
    Json,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LogSettings {
    pub format: LogFormat,
    /// A `tracing` filter, e.g. `info` or `samvirke=debug,info`; `RUST_LOG` overrides it.
    pub level: String,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WorkerSettings {
    /// How long a claimed job is reserved for its worker.
    pub lease_secs: u64,
    /// Attempts before a failing job is marked dead.
    pub max_attempts: i32,
    /// The binary that extraction's child process runs (as `<it> extract-text`); default: this
    /// very binary. Tests point it at the built `samvirke`; an operator may point it at a
    /// wrapper that adds a sandbox of their own and ends with `exec samvirke "$@"`.
    pub extract_program: Option<PathBuf>,
    /// The extraction child's address-space limit, in MB.
    pub extract_memory_mb: u64,
    /// The extraction child's CPU-time limit, in seconds.
    pub extract_cpu_secs: u64,
    /// Wall-clock time for one extraction; the child is killed two seconds after.
    pub extract_timeout_secs: u64,
    /// On SIGTERM, how long the running job may take to finish before it is stopped and handed
    /// back to the queue.
    pub shutdown_grace_secs: u64,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AuthSettings {
    pub session_ttl_days: i64,
    pub invitation_ttl_days: i64,
    pub sign_in_per_account_per_minute: u32,
    pub sign_in_per_address_per_minute: u32,
    /// Signed-out registrations for public meetings per client address and hour.
    pub public_registrations_per_address_per_hour: u32,
    /// Argon2id costs; the defaults follow OWASP. Lower them only for tests.
    pub argon2_memory_kib: u32,
    pub argon2_iterations: u32,
    pub argon2_parallelism: u32,
}

impl Default for Settings {
    fn default() -> Self {
        let password = domain::config::PasswordParams::default();
        Settings {
            server: ServerSettings {
                addr: "127.0.0.1:8080".into(),
                public_url: "http://127.0.0.1:8080".into(),
                trusted_proxies: Vec::new(),
                max_json_bytes: 1024 * 1024,
                max_form_bytes: 2 * 1024 * 1024,
                max_url_bytes: 8 * 1024,
                max_header_bytes: 32 * 1024,
                max_concurrent_requests: 128,
                request_timeout_secs: 30,
                upload_idle_timeout_secs: 30,
                metrics_token: None,
                metrics_addr: None,
            },
            data_dir: PathBuf::from("./data"),
            database: DatabaseSettings {
                url: None,
                max_connections: 8,
            },
            search: SearchSettings {
                index_dir: None,
                meilisearch_url: None,
                meilisearch_key: None,
                index_prefix: "samvirke".into(),
            },
            storage: StorageSettings {
                dir: None,
                s3_bucket: None,
                s3_endpoint: None,
                s3_region: "us-east-1".into(),
                s3_access_key_id: None,
                s3_secret_access_key: None,
                s3_allow_http: false,
                s3_prefix: None,
                max_upload_bytes: 50 * 1000 * 1000,
            },
            mail: MailSettings {
                outbox_dir: None,
                smtp_url: None,
                from: "Samvirke <samvirke@localhost>".into(),
            },
            log: LogSettings {
                format: LogFormat::Text,
                level: "info".into(),
            },
            worker: WorkerSettings {
                lease_secs: 60,
                max_attempts: 8,
                extract_program: None,
                extract_memory_mb: 1024,
                extract_cpu_secs: 30,
                extract_timeout_secs: 30,
                shutdown_grace_secs: 20,
            },
            auth: AuthSettings {
                session_ttl_days: 30,
                invitation_ttl_days: 7,
                sign_in_per_account_per_minute: 5,
                sign_in_per_address_per_minute: 30,
                public_registrations_per_address_per_hour: 20,
                argon2_memory_kib: password.memory_kib,
                argon2_iterations: password.iterations,
                argon2_parallelism: password.parallelism,
            },
        }
    }
}

impl Settings {
    /// Defaults, then the file (if any), then the environment.
    pub fn load(file: Option<&Path>) -> anyhow::Result<Settings> {
        let mut figment = Figment::from(Serialized::defaults(Settings::default()));
        if let Some(file) = file {
            if !file.exists() {
                anyhow::bail!("the configuration file {} does not exist", file.display());
            }
            figment = figment.merge(Toml::file(file));
        }
        figment = figment.merge(Env::prefixed("SAMVIRKE__").split("__"));
        figment.extract().context("reading the settings")
    }

    pub fn database_url(&self) -> String {
        match &self.database.url {
            Some(url) => url.expose().to_owned(),
            None => format!("sqlite://{}", self.data_dir.join("samvirke.db").display()),
        }
    }

    pub fn index_dir(&self) -> PathBuf {
        self.search
            .index_dir
            .clone()
            .unwrap_or_else(|| self.data_dir.join("search"))
    }

    pub fn storage_dir(&self) -> PathBuf {
        self.storage
            .dir
            .clone()
            .unwrap_or_else(|| self.data_dir.join("files"))
    }

    pub fn outbox_dir(&self) -> PathBuf {
        self.mail
            .outbox_dir
            .clone()
            .unwrap_or_else(|| self.data_dir.join("outbox"))
    }

    pub fn uses_https(&self) -> bool {
        self.server.public_url.starts_with("https://")
    }

    /// What the worker needs beyond the services.
    pub fn worker_config(&self) -> anyhow::Result<worker::WorkerConfig> {
        let w = &self.worker;
        let program = match &w.extract_program {
            Some(program) => program.clone(),
            None => std::env::current_exe().context("finding this program for extraction")?,
        };
        Ok(worker::WorkerConfig {
            extract: worker::extract::Sandbox {
                program,
                memory_mb: w.extract_memory_mb,
                cpu_secs: w.extract_cpu_secs,
                timeout: std::time::Duration::from_secs(w.extract_timeout_secs),
            },
            shutdown_grace: std::time::Duration::from_secs(w.shutdown_grace_secs),
        })
    }

    /// What the use cases need to know.
    pub fn domain_config(&self) -> domain::config::DomainConfig {
        domain::config::DomainConfig {
            public_url: self.server.public_url.trim_end_matches('/').to_owned(),
            invitation_ttl: chrono::Duration::days(self.auth.invitation_ttl_days),
            session_ttl: chrono::Duration::days(self.auth.session_ttl_days),
            password: domain::config::PasswordParams {
                memory_kib: self.auth.argon2_memory_kib,
                iterations: self.auth.argon2_iterations,
                parallelism: self.auth.argon2_parallelism,
            },
            sign_in_per_account_per_minute: self.auth.sign_in_per_account_per_minute,
            sign_in_per_address_per_minute: self.auth.sign_in_per_address_per_minute,
            public_registrations_per_address_per_hour: self
                .auth
                .public_registrations_per_address_per_hour,
            job_lease: chrono::Duration::seconds(self.worker.lease_secs as i64),
            job_max_attempts: self.worker.max_attempts,
            max_upload_bytes: self.storage.max_upload_bytes,
        }
    }
}

#[cfg(test)]
#[allow(clippy::result_large_err)] // figment's test jail returns its own large error
mod tests {
    use super::*;

    #[test]
    fn defaults_match_the_documented_table() {
        let s = Settings::default();
        assert_eq!(s.server.addr, "127.0.0.1:8080");
        assert_eq!(s.server.public_url, "http://127.0.0.1:8080");
        assert_eq!(s.database_url(), "sqlite://./data/samvirke.db");
        assert_eq!(s.database.max_connections, 8);
        assert_eq!(s.index_dir(), PathBuf::from("./data/search"));
        assert_eq!(s.storage_dir(), PathBuf::from("./data/files"));
        assert_eq!(s.outbox_dir(), PathBuf::from("./data/outbox"));
        assert!(s.mail.smtp_url.is_none(), "the outbox is the default");
        assert!(s.storage.s3_bucket.is_none(), "the folder is the default");
        assert_eq!(s.storage.s3_region, "us-east-1");
        assert!(!s.storage.s3_allow_http);
        assert_eq!(s.log.format, LogFormat::Text);
        assert_eq!(s.worker.lease_secs, 60);
        assert_eq!(s.worker.extract_program, None);
        assert_eq!(s.worker.extract_memory_mb, 1024);
        assert_eq!(s.worker.extract_cpu_secs, 30);
        assert_eq!(s.worker.extract_timeout_secs, 30);
        assert_eq!(s.worker.shutdown_grace_secs, 20);
        let config = s.worker_config().unwrap();
        assert_eq!(config.extract.program, std::env::current_exe().unwrap());
        assert_eq!(config.extract.timeout, std::time::Duration::from_secs(30));
        assert_eq!(config.shutdown_grace, std::time::Duration::from_secs(20));
        assert!(
            s.search.meilisearch_url.is_none(),
            "the embedded index is the default"
        );
        assert_eq!(s.search.index_prefix, "samvirke");
        assert_eq!(s.server.max_json_bytes, 1024 * 1024);
        assert_eq!(s.server.max_form_bytes, 2 * 1024 * 1024);
        assert_eq!(s.server.max_url_bytes, 8 * 1024);
        assert_eq!(s.server.max_header_bytes, 32 * 1024);
        assert_eq!(s.server.max_concurrent_requests, 128);
        assert_eq!(s.server.request_timeout_secs, 30);
        assert_eq!(s.server.upload_idle_timeout_secs, 30);
        assert!(
            s.server.metrics_token.is_none(),
            "no metrics without a token"
        );
        assert!(s.server.metrics_addr.is_none());
        assert!(
            s.server.trusted_proxies.is_empty(),
            "no proxy is trusted by default"
        );
    }

    #[test]
    fn trusted_proxies_from_file_and_environment() {
        figment::Jail::expect_with(|jail| {
            jail.create_file(
                "samvirke.toml",
                "[server]\ntrusted_proxies = [\"10.0.0.0/8\", \"fd00::/8\"]\n",
            )?;
            let s = Settings::load(Some(Path::new("samvirke.toml"))).map_err(|e| e.to_string())?;
            assert_eq!(s.server.trusted_proxies, ["10.0.0.0/8", "fd00::/8"]);
            jail.set_env("SAMVIRKE__SERVER__TRUSTED_PROXIES", "[192.168.0.0/16]");
            let s = Settings::load(None).map_err(|e| e.to_string())?;
            assert_eq!(s.server.trusted_proxies, ["192.168.0.0/16"]);
            Ok(())
        });
    }

    #[test]
    fn file_then_environment() {
        figment::Jail::expect_with(|jail| {
            jail.create_file(
                "samvirke.toml",
                "data_dir = \"/srv/samvirke\"\n[server]\naddr = \"0.0.0.0:9000\"\n",
            )?;
            jail.set_env("SAMVIRKE__SERVER__ADDR", "0.0.0.0:9100");
            jail.set_env(
                "SAMVIRKE__DATABASE__URL",
                "postgres://samvirke:hemmeligt@db/samvirke",
            );
            jail.set_env("SAMVIRKE__STORAGE__S3_BUCKET", "samvirke-files");
            jail.set_env("SAMVIRKE__STORAGE__S3_ALLOW_HTTP", "true");
            jail.set_env("SAMVIRKE__MAIL__SMTP_URL", "smtp://mail.example:25");
            jail.set_env("SAMVIRKE__WORKER__EXTRACT_MEMORY_MB", "512");
            jail.set_env(
                "SAMVIRKE__WORKER__EXTRACT_PROGRAM",
                "/opt/samvirke/bin/samvirke",
            );
            let s = Settings::load(Some(Path::new("samvirke.toml"))).map_err(|e| e.to_string())?;
            assert_eq!(s.server.addr, "0.0.0.0:9100");
            assert_eq!(s.storage.s3_bucket.as_deref(), Some("samvirke-files"));
            assert!(s.storage.s3_allow_http);
            assert_eq!(
                s.mail.smtp_url.as_ref().map(Secret::expose),
                Some("smtp://mail.example:25")
            );
            assert_eq!(s.index_dir(), PathBuf::from("/srv/samvirke/search"));
            assert_eq!(s.worker.extract_memory_mb, 512);
            let config = s.worker_config().map_err(|e| e.to_string())?;
            assert_eq!(
                config.extract.program,
                PathBuf::from("/opt/samvirke/bin/samvirke")
            );
            assert_eq!(config.extract.memory_mb, 512);
            assert_eq!(
                s.database_url(),
                "postgres://samvirke:hemmeligt@db/samvirke"
            );
            Ok(())
        });
    }

    #[test]
    fn secrets_never_print() {
        let mut s = Settings::default();
        s.database.url = Some(Secret::new("postgres://samvirke:hemmeligt@db/samvirke"));
        s.mail.smtp_url = Some(Secret::new("smtp://samvirke:hemmeligt@mail:587"));
        s.storage.s3_secret_access_key = Some(Secret::new("hemmeligt"));
        s.search.meilisearch_key = Some(Secret::new("hemmeligt"));
        s.server.metrics_token = Some(Secret::new("hemmeligt"));
        let printed = format!("{s:?}");
        assert!(!printed.contains("hemmeligt"), "{printed}");
        assert!(printed.contains("[redacted]"));
    }

    #[test]
    fn unknown_keys_are_refused() {
        figment::Jail::expect_with(|jail| {
            jail.create_file("bad.toml", "[server]\nadress = \"x\"\n")?;
            assert!(Settings::load(Some(Path::new("bad.toml"))).is_err());
            Ok(())
        });
    }
}
