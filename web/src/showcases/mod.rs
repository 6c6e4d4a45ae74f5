//! Showcases: the projects organisations present.

pub(crate) mod projects;
