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

    /// The process id, while it runs.
    pub fn pid(&self) -> u32 {
        self.child.as_ref().map(Child::id).unwrap()
    }

    /// Whether the process is still running (it has not exited or been killed).
    pub fn is_running(&mut self) -> bool {
        match self.child.as_mut() {
            Some(child) => child.try_wait().unwrap().is_none(),
            None => false,
        }
    }

    /// The most memory the process has had resident so far (`VmHWM`), in MiB.
    pub fn peak_rss_mib(&self) -> u64 {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.pid())).unwrap();
        let kib: u64 = status
            .lines()
            .find_map(|line| line.strip_prefix("VmHWM:"))
            .and_then(|rest| rest.split_whitespace().next())
            .and_then(|n| n.parse().ok())
            .unwrap();
        kib / 1024
    }

    /// Sends SIGTERM, as a deploy or `docker stop` does.
    pub fn terminate(&self) {
        let sent = Command::new("kill")
            .args(["-TERM", &self.pid().to_string()])
            .status()
            .unwrap();
        assert!(sent.success());
    }

    /// Waits (polling, up to `seconds`) for the process to exit; its exit status.
    pub async fn exited_within(&mut self, seconds: u64) -> std::process::ExitStatus {
        let child = self.child.as_mut().unwrap();
        let status = super::eventually_some(seconds, "the process to exit", || {
            let status = child.try_wait().unwrap();
            async move { status }
        })
        .await;
        self.child = None;
        status
    }

    /// The address a `serve` or `http` process listens on (from its JSON log), once it does.
    pub async fn listening_on(&self) -> String {
        super::eventually_some(
            30,
            "the process to listen (its log is in its folder)",
            || {
                let found = self
                    .log_text()
                    .lines()
                    .filter_map(|line| serde_json::from_str::<serde_json::Value>(line).ok())
                    .find(|entry| entry["message"] == "listening")
                    .and_then(|entry| entry["addr"].as_str().map(str::to_owned))
                    .map(|addr| {
                        let addr = addr.trim_start_matches("Some(").trim_end_matches(')');
                        format!("http://{addr}")
                    });
                async move { found }
            },
        )
        .await
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

/// An executable `sh` script at `<dir>/<name>` with `body`, to stand in for the extraction
/// program: it runs with an empty environment, so `body` names everything by absolute path.
/// `$SAMVIRKE` in `body` is replaced by the built `samvirke`.
pub fn script(dir: &Path, name: &str, body: &str) -> PathBuf {
    use std::os::unix::fs::PermissionsExt;
    let path = dir.join(name);
    let body = body.replace("$SAMVIRKE", env!("CARGO_BIN_EXE_samvirke"));
    std::fs::write(&path, format!("#!/bin/sh\n{body}\n")).unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
    path
}

/// An extraction program that notes each start in `<dir>/<name>.started` and holds until
/// `<dir>/<name>.gate` exists (or ten minutes pass), then runs the real extraction.
pub struct GatedExtraction {
    pub program: PathBuf,
    started: PathBuf,
    gate: PathBuf,
}

impl GatedExtraction {
    pub fn new(dir: &Path, name: &str) -> GatedExtraction {
        let started = dir.join(format!("{name}.started"));
        let gate = dir.join(format!("{name}.gate"));
        let program = script(
            dir,
            &format!("{name}.sh"),
            &format!(
                "echo $$ >> '{}'\nn=0\nwhile [ ! -e '{}' ] && [ $n -lt 6000 ]; do sleep 0.1; n=$((n+1)); done\nexec $SAMVIRKE \"$@\"",
                started.display(),
                gate.display()
            ),
        );
        GatedExtraction {
            program,
            started,
            gate,
        }
    }

    /// How many extractions have started.
    pub fn starts(&self) -> usize {
        std::fs::read_to_string(&self.started)
            .map(|s| s.lines().count())
            .unwrap_or(0)
    }

    pub fn open(&self) {
        std::fs::write(&self.gate, b"").unwrap();
    }

    pub fn env(&self) -> (&'static str, String) {
        (
            "SAMVIRKE__WORKER__EXTRACT_PROGRAM",
            self.program.display().to_string(),
        )
    }
}

impl Drop for GatedExtraction {
    fn drop(&mut self) {
        // Lets any still-held script go on (and end: its parent is gone).
        let _ = std::fs::write(&self.gate, b"");
    }
}
