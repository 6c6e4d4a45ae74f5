//! sea-orm entities, one per table, mirroring `migrations`. Private to the crate: outside
//! `domain`, rows are reached only through use cases that take a `TenantScope`.
//! Plain data only; behaviour lives in the feature modules.

pub mod api_token;
pub mod audit_entry;
pub mod group_member;
pub mod invitation;
pub mod job;
pub mod membership;
pub mod network;
pub mod organisation;
pub mod project;
pub mod session;
pub mod user;
pub mod working_group;
