//! People in a network: members and invitations, organisations, working groups.

pub(crate) mod groups;
pub(crate) mod members;
pub(crate) mod organisations;
