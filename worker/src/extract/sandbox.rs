//! Extraction in a child process: the parent's side.
//!
//! The counters in [`super::extract`] bound what our own code inflates, but a parser may do
//! work before any counter of ours runs (`lopdf` unpacks every object stream while it loads a
//! PDF), and a parser's bug is not ours to find in production. So the extraction runs in a
//! child process — the same binary, re-executed with the hidden subcommand
//! [`CHILD_COMMAND`] — which limits its own address space and CPU time before it reads
//! anything ([`super::child`]). The parent kills it at the wall-clock deadline, reads at most
//! the text bound from it, and maps how it ended to a [`Reason`]:
//!
//! | the child …                                      | reason          |
//! |--------------------------------------------------|-----------------|
//! | reports an outcome on stdout and exits 0         | its own         |
//! | aborts on a failed allocation (address space)    | `too_large`     |
//! | is killed by SIGKILL we did not send (OOM killer)| `too_large`     |
//! | exceeds its CPU seconds (SIGXCPU)                | `timed_out`     |
//! | outlives the wall-clock deadline (we kill it)    | `timed_out`     |
//! | crashes otherwise (panic, SIGSEGV, other abort)  | `corrupt`       |
//! | is stopped from outside (SIGTERM, SIGINT, SIGHUP)| `io` (retried)  |
//! | cannot be started, or refuses its request        | `io` (retried)  |
//!
//! The request (file path, the uploader's type and name, the limits) goes on stdin, not the
//! command line, so a file's name is not visible in the process list; the child gets an empty
//! environment (no database URL, no keys) and its stderr is read only to tell an allocation
//! failure from other crashes — it is never logged.

use std::os::unix::process::ExitStatusExt;
use std::path::{Path, PathBuf};
use std::process::{ExitStatus, Stdio};
use std::time::Duration;

use nix::sys::signal::Signal;
use nix::unistd::Pid;
use serde::{Deserialize, Serialize};
use tokio::io::{AsyncRead, AsyncReadExt, AsyncWriteExt};
use tokio::process::Command;

use super::{ExtractError, Limits, Reason};

/// The hidden subcommand of the `samvirke` binary that runs one extraction.
pub const CHILD_COMMAND: &str = "extract-text";

/// The most the parent reads of the child's first line (its outcome) and of its stderr.
const HEADER_MAX: u64 = 16 << 10;
const STDERR_MAX: u64 = 4 << 10;

/// Time the child gets past its own deadline to report it, before it is killed.
const KILL_GRACE: Duration = Duration::from_secs(2);

/// What Rust's default allocation-failure handler prints before it aborts.
const ALLOCATION_FAILED: &str = "memory allocation of";

/// How extraction's child process is started and bounded.
#[derive(Clone, Debug)]
pub struct Sandbox {
    /// The `samvirke` binary (in production the running one; tests name it, since their own
    /// executable is the test binary). It is run as `<program> extract-text --memory-mb …`.
    pub program: PathBuf,
    /// The child's address-space limit (RLIMIT_AS).
    pub memory_mb: u64,
    /// The child's CPU-time limit (RLIMIT_CPU).
    pub cpu_secs: u64,
    /// Wall-clock time for one extraction: the child's own budget, and (plus two seconds) the
    /// moment the parent kills it.
    pub timeout: Duration,
}

/// What the parent sends the child on stdin.
#[derive(Debug, Serialize, Deserialize)]
pub(crate) struct Request {
    pub path: PathBuf,
    pub content_type: String,
    pub file_name: String,
    pub limits: Limits,
}

/// The child's first line on stdout; the text follows it when `ok`.
#[derive(Debug, Serialize, Deserialize)]
pub(crate) struct Header {
    pub ok: bool,
    #[serde(default)]
    pub code: String,
    #[serde(default)]
    pub message: String,
}

impl Sandbox {
    /// The extraction bounds for this sandbox: the defaults, with its wall-clock budget.
    pub fn limits(&self) -> Limits {
        Limits {
            time_budget: self.timeout,
            ..Limits::default()
        }
    }

    /// Extracts the text of the file at `path` in a child process.
    pub async fn extract(
        &self,
        path: &Path,
        content_type: &str,
        file_name: &str,
        limits: &Limits,
    ) -> Result<String, ExtractError> {
        let request = serde_json::to_vec(&Request {
            path: path.to_path_buf(),
            content_type: content_type.to_owned(),
            file_name: file_name.to_owned(),
            limits: limits.clone(),
        })
        .map_err(|e| machine(format!("encoding the request: {e}")))?;
        let mut command = Command::new(&self.program);
        command
            .arg(CHILD_COMMAND)
            .arg("--memory-mb")
            .arg(self.memory_mb.to_string())
            .arg("--cpu-secs")
            .arg(self.cpu_secs.to_string())
            .env_clear()
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            // A run that is dropped (lease lost, shutdown) takes its child with it.
            .kill_on_drop(true);
        if let Some(dir) = path.parent() {
            command.current_dir(dir);
        }
        let mut child = command.spawn().map_err(|e| {
            machine(format!(
                "starting the extraction process {}: {e}",
                self.program.display()
            ))
        })?;
        let (Some(mut stdin), Some(stdout), Some(stderr)) =
            (child.stdin.take(), child.stdout.take(), child.stderr.take())
        else {
            return Err(machine("the extraction process has no pipes".to_owned()));
        };
        let out_cap = HEADER_MAX + limits.max_text_bytes as u64;
        let pid = child
            .id()
            .and_then(|id| i32::try_from(id).ok())
            .map(Pid::from_raw);
        let talk = async {
            let send = async {
                // A child that dies before reading is judged by how it died, not by this.
                let _ = stdin.write_all(&request).await;
                drop(stdin);
            };
            let read_out = async {
                let (out, overflow) = read_bounded(stdout, out_cap, false).await?;
                if overflow && let Some(pid) = pid {
                    // Not yet waited for, so the id is still this child's.
                    let _ = nix::sys::signal::kill(pid, Signal::SIGKILL);
                }
                Ok::<_, std::io::Error>((out, overflow))
            };
            let ((), out, err) =
                tokio::join!(send, read_out, read_bounded(stderr, STDERR_MAX, true));
            let status = child.wait().await;
            (out, err, status)
        };
        let deadline = self.timeout + KILL_GRACE;
        let talked = tokio::time::timeout(deadline, talk).await;
        let Ok((out, err, status)) = talked else {
            let _ = child.kill().await;
            return Err(ExtractError::timed_out(self.timeout));
        };
        let status = status.map_err(|e| machine(format!("waiting for the child: {e}")))?;
        let (out, overflow) = out.map_err(|e| machine(format!("reading the child: {e}")))?;
        let (err, _) = err.unwrap_or_default();
        self.judge(status, &out, overflow, &err)
    }

    fn judge(
        &self,
        status: ExitStatus,
        out: &[u8],
        overflow: bool,
        stderr: &[u8],
    ) -> Result<String, ExtractError> {
        let stderr = String::from_utf8_lossy(stderr);
        let out_of_memory = || {
            ExtractError::new(
                Reason::TooLarge,
                format!(
                    "reading the file needed more than {} MB of memory",
                    self.memory_mb
                ),
            )
        };
        // Killed by us for it, so before how it died.
        if overflow {
            return Err(ExtractError::corrupt(
                "the reader produced more than it may",
            ));
        }
        if let Some(signal) = status.signal() {
            return Err(match signal {
                SIGABRT if stderr.contains(ALLOCATION_FAILED) => out_of_memory(),
                SIGKILL => out_of_memory(),
                SIGXCPU => ExtractError::new(
                    Reason::TimedOut,
                    format!(
                        "reading the file took more than {} seconds of processor time",
                        self.cpu_secs
                    ),
                ),
                SIGTERM | SIGINT | SIGHUP | SIGQUIT => machine(format!(
                    "the extraction process was stopped (signal {signal})"
                )),
                _ => ExtractError::corrupt(format!("the reader crashed on it (signal {signal})")),
            });
        }
        match status.code() {
            Some(0) => {}
            // A panic that escaped the readers' own `catch_unwind`.
            Some(101) if stderr.contains(ALLOCATION_FAILED) => return Err(out_of_memory()),
            Some(101) => return Err(ExtractError::corrupt("the reader crashed on it")),
            code => {
                return Err(machine(format!(
                    "the extraction process failed (exit code {code:?})"
                )));
            }
        }
        let newline = out.iter().position(|b| *b == b'\n');
        let Some((header, text)) = newline.map(|at| (&out[..at], &out[at + 1..])) else {
            return Err(machine("the extraction process gave no answer".to_owned()));
        };
        let header: Header = serde_json::from_slice(header).map_err(|e| {
            machine(format!(
                "the extraction process's answer is unreadable: {e}"
            ))
        })?;
        if header.ok {
            return Ok(String::from_utf8_lossy(text).into_owned());
        }
        let reason = Reason::from_code(&header.code).unwrap_or(Reason::Corrupt);
        Err(ExtractError::new(reason, header.message))
    }
}

const SIGHUP: i32 = Signal::SIGHUP as i32;
const SIGINT: i32 = Signal::SIGINT as i32;
const SIGQUIT: i32 = Signal::SIGQUIT as i32;
const SIGABRT: i32 = Signal::SIGABRT as i32;
const SIGKILL: i32 = Signal::SIGKILL as i32;
const SIGTERM: i32 = Signal::SIGTERM as i32;
const SIGXCPU: i32 = Signal::SIGXCPU as i32;

/// The machine's fault, not the file's: the job fails and is retried.
fn machine(message: String) -> ExtractError {
    ExtractError::new(Reason::Io, message)
}

/// Reads up to `cap` bytes; `true` when there was more. With `drain`, the rest is read and
/// dropped (so the child never blocks on a full pipe); without, reading stops there.
async fn read_bounded<R: AsyncRead + Unpin>(
    mut reader: R,
    cap: u64,
    drain: bool,
) -> std::io::Result<(Vec<u8>, bool)> {
    let mut kept = Vec::new();
    (&mut reader).take(cap + 1).read_to_end(&mut kept).await?;
    let over = kept.len() as u64 > cap;
    kept.truncate(usize::try_from(cap).unwrap_or(usize::MAX));
    if over && drain {
        tokio::io::copy(&mut reader, &mut tokio::io::sink()).await?;
    }
    Ok((kept, over))
}
