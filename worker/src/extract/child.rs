//! Extraction in a child process: the child's side (`samvirke extract-text`, hidden).
//!
//! Runs before any async runtime or logging starts, so the limits below bound everything the
//! process does: it first caps its own address space (a failed allocation aborts it), CPU time
//! (SIGXCPU), file writes (none: it only reads its file and writes to its stdout pipe) and core
//! dumps (none: a dump would put the file's contents on disk), asks the kernel's OOM killer to
//! take it before anything else, then reads one [`Request`] from stdin, extracts, and writes a
//! [`Header`] line and the text to stdout. See [`super::sandbox`] for the parent.

use std::io::{Read, Write};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::process::ExitCode;

use nix::sys::resource::{Resource, setrlimit};

use super::sandbox::{Header, Request};
use super::{ExtractError, extract};

/// The largest request read from stdin.
const REQUEST_MAX: u64 = 64 << 10;

/// Exit code for a request that could not be read or limits that could not be set: the
/// machine's fault, and the parent retries the job.
const REFUSED: u8 = 2;

/// The child's `main`. `memory_mb` and `cpu_secs` come from its command line.
pub fn main(memory_mb: u64, cpu_secs: u64) -> ExitCode {
    if let Err(e) = limit_self(memory_mb, cpu_secs) {
        eprintln!("extract-text: setting limits: {e}");
        return ExitCode::from(REFUSED);
    }
    let mut raw = Vec::new();
    if let Err(e) = std::io::stdin().take(REQUEST_MAX).read_to_end(&mut raw) {
        eprintln!("extract-text: reading the request: {e}");
        return ExitCode::from(REFUSED);
    }
    let request: Request = match serde_json::from_slice(&raw) {
        Ok(request) => request,
        Err(e) => {
            eprintln!("extract-text: the request is unreadable: {e}");
            return ExitCode::from(REFUSED);
        }
    };
    let outcome = catch_unwind(AssertUnwindSafe(|| {
        extract(
            &request.path,
            &request.content_type,
            &request.file_name,
            &request.limits,
        )
    }))
    .unwrap_or_else(|_| Err(ExtractError::corrupt("the reader crashed on it")));
    let (header, text) = match outcome {
        Ok(text) => (
            Header {
                ok: true,
                code: String::new(),
                message: String::new(),
            },
            text,
        ),
        Err(e) => (
            Header {
                ok: false,
                code: e.code().to_owned(),
                message: e.message,
            },
            String::new(),
        ),
    };
    let mut stdout = std::io::stdout().lock();
    let written = serde_json::to_writer(&mut stdout, &header)
        .map_err(std::io::Error::from)
        .and_then(|()| stdout.write_all(b"\n"))
        .and_then(|()| stdout.write_all(text.as_bytes()))
        .and_then(|()| stdout.flush());
    match written {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("extract-text: writing the answer: {e}");
            ExitCode::from(REFUSED)
        }
    }
}

fn limit_self(memory_mb: u64, cpu_secs: u64) -> nix::Result<()> {
    // Best effort: without /proc (or with a policy that forbids it) the limits below still hold.
    let _ = std::fs::write("/proc/self/oom_score_adj", "1000");
    setrlimit(Resource::RLIMIT_CORE, 0, 0)?;
    setrlimit(Resource::RLIMIT_FSIZE, 0, 0)?;
    let bytes = memory_mb.saturating_mul(1 << 20);
    setrlimit(Resource::RLIMIT_AS, bytes, bytes)?;
    // SIGXCPU at the soft limit ends the process; the hard limit (SIGKILL) is the backstop.
    let cpu = cpu_secs.max(1);
    setrlimit(Resource::RLIMIT_CPU, cpu, cpu + 1)?;
    Ok(())
}
