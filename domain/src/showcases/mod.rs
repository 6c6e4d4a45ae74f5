//! Showcases: the projects organisations present to their network (and, when they choose, to
//! other networks or the public).

pub mod projects;

use crate::macros::string_enum;

string_enum! {
    pub enum ProjectStatus {
        Idea = "idea",
        Planning = "planning",
        Running = "running",
        Completed = "completed",
        Evaluated = "evaluated",
    }
}
