//! sea-orm entities, one per table, mirroring `migrations`. Private to the crate: outside
//! `domain`, rows are reached only through use cases that take a `TenantScope`.
//! Plain data only; behaviour lives in the feature modules.

pub mod action_item;
pub mod agenda_item;
pub mod api_token;
pub mod audit_entry;
pub mod breakout_group;
pub mod calendar_feed;
pub mod case_access;
pub mod case_slot;
pub mod case_submission;
pub mod consent_record;
pub mod group_member;
pub mod invitation;
pub mod job;
pub mod mail_receipt;
pub mod meeting;
pub mod meeting_invitee;
pub mod meeting_minutes;
pub mod meeting_organisation;
pub mod meeting_series;
pub mod membership;
pub mod network;
pub mod organisation;
pub mod project;
pub mod registration;
pub mod registration_question;
pub mod registration_session;
pub mod session;
pub mod user;
pub mod working_group;
