//! The command line: one binary, one subcommand per process kind and operator task.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

#[derive(Debug, Parser)]
#[command(
    name = "samvirke",
    version,
    about = "Samvirke: collaboration forums for cross-sector networks around children and young people"
)]
pub struct Cli {
    /// A TOML settings file; environment variables `SAMVIRKE__SECTION__KEY` override it.
    #[arg(long, global = true, env = "SAMVIRKE_CONFIG")]
    pub config: Option<PathBuf>,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Web UI, API and worker in one process; applies pending migrations first.
    Serve {
        /// Load the demo networks (once; running it again changes nothing).
        #[arg(long)]
        demo: bool,
    },
    /// Web UI and API only. Refuses to start while a migration is pending.
    Http,
    /// Background jobs only. Refuses to start while a migration is pending.
    Worker,
    /// Applies pending database migrations.
    Migrate,
    /// Loads the demo networks (once) and prints how to sign in.
    Demo,
    /// Rebuilds the search index from the database. If a running server holds the index, the
    /// rebuild is queued for its worker instead.
    Reindex,
    /// Checks that the server answers: GETs `/healthz` on `server.addr` (or `--url`) and exits
    /// 0 when it answers 200, 1 otherwise. For container health checks; needs no database.
    Healthcheck {
        /// The URL to check instead, e.g. `http://127.0.0.1:8080/readyz`.
        #[arg(long)]
        url: Option<String>,
    },
    /// Operator tasks.
    #[command(subcommand)]
    Admin(AdminCommand),
    /// Extracts one file's text under limits (the worker's child process; reads its request on
    /// stdin). Not for people.
    #[command(hide = true)]
    ExtractText {
        #[arg(long)]
        memory_mb: u64,
        #[arg(long)]
        cpu_secs: u64,
    },
    /// Generates benchmark data (only in builds with the `bench` feature; see bench/run).
    #[cfg(feature = "bench")]
    #[command(hide = true)]
    BenchSeed {
        #[arg(long, default_value_t = 10)]
        networks: usize,
        #[arg(long, default_value_t = 100_000)]
        projects: usize,
        #[arg(long, default_value_t = 2_000)]
        meetings: usize,
    },
    /// Times simultaneous registrations into one meeting (benchmark only).
    #[cfg(feature = "bench")]
    #[command(hide = true)]
    BenchRegistrations {
        #[arg(long, default_value_t = 200)]
        people: usize,
        #[arg(long, default_value_t = 50)]
        capacity: i32,
    },
    /// Search engines on a generated corpus (benchmark only; see bench/search).
    #[cfg(feature = "bench")]
    #[command(hide = true)]
    BenchSearch(crate::bench_search::BenchSearchArgs),
    /// Writes the hostile files of bench/hostile (a PDF bomb, a zip bomb) and a normal DOCX
    /// into a folder (benchmark only).
    #[cfg(feature = "bench")]
    #[command(hide = true)]
    BenchHostileFiles {
        #[arg(long)]
        out: PathBuf,
        /// What each bomb inflates to, in MiB.
        #[arg(long, default_value_t = 3072)]
        mebibytes: usize,
        /// A word only the normal file holds.
        #[arg(long, default_value = "Plankeværksudvalget")]
        word: String,
    },
}

#[derive(Debug, Subcommand)]
pub enum AdminCommand {
    /// Creates a network (tenant).
    CreateNetwork(CreateNetwork),
    /// Creates a user account.
    CreateUser(CreateUser),
    /// Adds an existing user to a network.
    AddMember(AddMember),
    /// Lists queued and dead jobs.
    Jobs(Jobs),
    /// Restores a PostgreSQL backup into a scratch database (created and dropped here), migrates
    /// it, rebuilds search from it into a throwaway index and compares counts with the source;
    /// fails on any difference.
    BackupCheck(BackupCheck),
    /// Runs every case purge that is due now, in every network (after restoring a backup, before
    /// any replica serves: the backup may hold case texts purged since it was taken).
    ReapplyPurges,
}

#[derive(Debug, Args)]
pub struct BackupCheck {
    /// A dump made by `pg_dump` (custom format or plain SQL). Without it the source database is
    /// dumped now.
    #[arg(long)]
    pub dump: Option<PathBuf>,
    /// The database the dump comes from, to compare counts with (a secret; prefer the
    /// environment variable). Default: `database.url`.
    #[arg(long, env = "SAMVIRKE_BACKUP_CHECK_SOURCE", hide_env_values = true)]
    pub source: Option<String>,
}

#[derive(Debug, Args)]
pub struct CreateNetwork {
    /// Lowercase letters, digits and hyphens; part of every URL of the network.
    #[arg(long)]
    pub slug: String,
    #[arg(long)]
    pub name: String,
    /// da, nb, sv or en.
    #[arg(long, default_value = "da")]
    pub language: String,
    /// An IANA time zone such as Europe/Copenhagen or Europe/Oslo.
    #[arg(long, default_value = "Europe/Copenhagen")]
    pub time_zone: String,
}

#[derive(Debug, Args)]
pub struct CreateUser {
    #[arg(long)]
    pub email: String,
    #[arg(long)]
    pub name: String,
    /// At least 10 characters. Prefer the environment variable to keep it out of the shell
    /// history.
    #[arg(long, env = "SAMVIRKE_PASSWORD", hide_env_values = true)]
    pub password: String,
    /// da, nb, sv or en.
    #[arg(long)]
    pub language: Option<String>,
}

#[derive(Debug, Args)]
pub struct AddMember {
    /// The network's slug.
    #[arg(long)]
    pub network: String,
    #[arg(long)]
    pub email: String,
    /// observer, partner, member, coordinator or owner.
    #[arg(long, default_value = "member")]
    pub role: String,
    /// The name of one of the network's organisations.
    #[arg(long)]
    pub organisation: Option<String>,
}

#[derive(Debug, Args)]
pub struct Jobs {
    /// Only jobs that failed for good.
    #[arg(long)]
    pub dead: bool,
    #[arg(long, default_value_t = 50)]
    pub limit: u64,
}
