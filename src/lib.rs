//! The Samvirke binary's library: settings, wiring, the CLI's commands and the demo fixture.
//! `main.rs` parses the command line and calls into here; the end-to-end tests in `tests/`
//! start the same [`app::Application`] that `serve` runs.

pub mod app;
pub mod backup_check;
#[cfg(feature = "bench")]
pub mod bench;
#[cfg(feature = "bench")]
pub mod bench_search;
pub mod bounds;
pub mod cli;
pub mod client;
pub mod commands;
pub mod demo;
pub mod healthcheck;
pub mod ops;
pub mod request_id;
pub mod settings;
pub mod telemetry;
