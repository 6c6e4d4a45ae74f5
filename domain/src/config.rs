//! The parts of the operator's settings that the use cases need. The root binary builds this from
//! its `Settings`; tests build it directly.

use chrono::Duration;

#[derive(Clone, Debug)]
pub struct DomainConfig {
    /// Base of every link that leaves the server (mail, feeds).
    pub public_url: String,
    pub invitation_ttl: Duration,
    pub session_ttl: Duration,
    pub password: PasswordParams,
    /// Sign-in attempts allowed per minute for one account, and for one client address.
    pub sign_in_per_account_per_minute: u32,
    pub sign_in_per_address_per_minute: u32,
    /// Signed-out registrations for public meetings allowed per hour from one client address.
    pub public_registrations_per_address_per_hour: u32,
    /// How long a claimed job is reserved for its worker before another may take it over.
    pub job_lease: Duration,
    /// Attempts before a failing job is marked dead.
    pub job_max_attempts: i32,
    /// The largest file accepted by an upload, in bytes (`storage.max_upload_bytes`).
    pub max_upload_bytes: u64,
}

/// Argon2id cost parameters. Production uses the library's defaults (OWASP's recommendation);
/// tests lower them through configuration, never in code.
#[derive(Clone, Copy, Debug)]
pub struct PasswordParams {
    pub memory_kib: u32,
    pub iterations: u32,
    pub parallelism: u32,
}

impl Default for PasswordParams {
    fn default() -> Self {
        Self {
            memory_kib: argon2::Params::DEFAULT_M_COST,
            iterations: argon2::Params::DEFAULT_T_COST,
            parallelism: argon2::Params::DEFAULT_P_COST,
        }
    }
}

impl Default for DomainConfig {
    fn default() -> Self {
        Self {
            public_url: "http://127.0.0.1:8080".into(),
            invitation_ttl: Duration::days(7),
            session_ttl: Duration::days(30),
            password: PasswordParams::default(),
            sign_in_per_account_per_minute: 5,
            sign_in_per_address_per_minute: 30,
            public_registrations_per_address_per_hour: 20,
            job_lease: Duration::seconds(60),
            job_max_attempts: 8,
            max_upload_bytes: 50 * 1000 * 1000,
        }
    }
}
