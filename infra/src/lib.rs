//! Adapters for the ports that `domain` declares: embedded search (tantivy), files in a local
//! folder, mail written to an outbox folder, and the system clock. The root binary chooses which
//! adapters to build from the settings; nothing else depends on this crate.
//!
//! Each adapter runs its port's conformance suite (from `domain`) in its tests.

pub mod clock;
pub mod files;
pub mod mail;
pub mod search;
