//! End-to-end tests of the composed application: the real binary's wiring on port 0, a fresh
//! database per test through the real migrations (a temporary SQLite file, or a uniquely named
//! PostgreSQL database when `SAMVIRKE_TEST_DATABASE_URL` is set), real search index, files and
//! outbox in a temporary folder. Time-driven behaviour moves a manual clock; the job queue is
//! drained, never waited for.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

mod api;
mod bad_input;
mod bounds;
mod browser;
mod cli;
mod consultations;
mod forum;
mod groups;
mod hostile_files;
mod hostile_input;
mod isolation;
mod library_browser;
mod material;
mod meetings_api;
mod meetings_calendar;
mod meetings_cost;
mod meetings_time;
mod meetings_web;
mod notifications;
mod ops;
mod outages;
mod people;
mod projects;
mod queue;
mod registration_load;
mod search_web;
mod sessions;
mod showcases;
mod visibility;
