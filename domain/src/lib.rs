//! The heart of Samvirke: what a network, a member, a project and a job are, who may do what,
//! and the use cases that change them.
//!
//! Neighbours: `infra` implements the ports declared here (search, files, mail, clock); `api`,
//! `web` and `worker` call the use cases and know nothing of the database; `migrations` owns the
//! schema that the entities in [`entities`] mirror. Nothing here speaks HTTP.
//!
//! Tenant-owned rows are reached only through a [`tenancy::TenantScope`]: the entities are
//! private to this crate, and every public use case that reads or writes a network's rows takes
//! a scope, which always adds the tenant filter.

mod macros;

pub mod audit;
#[cfg(feature = "bench")]
pub mod bench_support;
pub mod calendar;
pub mod clock;
pub mod config;
pub mod consultations;
mod db;
pub(crate) mod entities;
pub mod error;
pub mod files;
pub mod forum;
pub mod guard;
pub mod identity;
pub mod ids;
pub mod jobs;
pub mod limits;
pub mod mail;
pub mod markdown;
pub mod material;
pub mod meetings;
pub mod notifications;
pub mod pagination;
pub mod people;
pub mod policy;
pub mod search;
mod services;
pub mod showcases;
pub mod tenancy;
#[cfg(test)]
mod testing;
pub mod text;
pub mod tokens;

pub use db::{Db, StatementCounter};
pub use error::{Dependency, Error, FieldError, Result};
pub use services::Services;
