//! The real `samvirke` binary as a child process, configured like the test's application.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

use samvirke::settings::Settings;

pub struct ChildProcess {
    child: Option<Child>,
    pub log: PathBuf,
}

pub fn command(settings: &Settings, args: &[&str]) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_samvirke"));
    command
        .args(args)
        .env("SAMVIRKE__DATA_DIR", &settings.data_dir)
        .env("SAMVIRKE__DATABASE__URL", settings.database_url())
        .env("SAMVIRKE__DATABASE__MAX_CONNECTIONS", "4")
        .env("SAMVIRKE__SERVER__PUBLIC_URL", &settings.server.public_url)
        .env("SAMVIRKE__AUTH__ARGON2_MEMORY_KIB", "64")
        .env("SAMVIRKE__AUTH__ARGON2_ITERATIONS", "1")
        .env("SAMVIRKE__AUTH__ARGON2_PARALLELISM", "1")
        .env_remove("RUST_LOG");
    command
}

impl ChildProcess {
    /// Starts `samvirke <args>` with JSON logs written to `<log_dir>/<name>.log`.
    pub fn start(
        settings: &Settings,
        log_dir: &Path,
        name: &str,
        args: &[&str],
        extra_env: &[(&str, &str)],
    ) -> ChildProcess {
        let log = log_dir.join(format!("{name}.log"));
        let file = std::fs::File::create(&log).unwrap();
        let mut command = command(settings, args);
        command
            .env("SAMVIRKE__LOG__FORMAT", "json")
            .stdout(Stdio::null())
            .stderr(Stdio::from(file));
        for (key, value) in extra_env {
            command.env(key, value);
        }
        ChildProcess {
            child: Some(command.spawn().unwrap()),
            log,
        }
    }

    /// SIGKILL: no chance to finish anything.
    pub fn kill(&mut self) {
        if let Some(mut child) = self.child.take() {
            child.kill().unwrap();
            child.wait().unwrap();
        }
    }

    pub fn log_text(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }

    /// The ids of the jobs this process finished, from its JSON log.
    pub fn finished_jobs(&self) -> Vec<String> {
        self.log_text()
            .lines()
            .filter_map(|line| serde_json::from_str::<serde_json::Value>(line).ok())
            .filter(|entry| entry["message"] == "job done")
            .filter_map(|entry| entry["span"]["id"].as_str().map(str::to_owned))
            .collect()
    }
}

impl Drop for ChildProcess {
    fn drop(&mut self) {
        self.kill();
    }
}
