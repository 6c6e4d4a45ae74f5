//! Showcases: the projects organisations present to their network (and, when they choose, to
//! other networks or the public), their partner organisations and the updates they post.
//!
//! `projects` holds the project itself and who may read or edit it; `updates` the news posted on
//! a project; `library` the one cross-network list (shared and public projects of every
//! network); `indexing` keeps their search documents in line.

mod indexing;
pub mod library;
pub mod projects;
pub mod updates;

pub(crate) use indexing::index_all;
pub(crate) use indexing::index_project;
pub use indexing::index_project_update;

use crate::macros::string_enum;
use crate::tenancy::Language;

string_enum! {
    pub enum ProjectStatus {
        Idea = "idea",
        Planning = "planning",
        Running = "running",
        Completed = "completed",
        Evaluated = "evaluated",
    }
}

string_enum! {
    /// The age groups a project works with (years, inclusive).
    pub enum AgeGroup {
        Age0To5 = "0-5",
        Age6To12 = "6-12",
        Age13To17 = "13-17",
        Age18To25 = "18-25",
    }
}

string_enum! {
    /// The sectors a project spans. A fixed list so that the showcase and the library can
    /// filter and count by it; the labels are translated by the web UI.
    pub enum ProjectSector {
        SocialServices = "social_services",
        ChildPsychiatry = "child_psychiatry",
        School = "school",
        Health = "health",
        Ngo = "ngo",
        Research = "research",
        Agency = "agency",
    }
}

string_enum! {
    /// The currency of a funding amount (whole units; no øre).
    pub enum Currency {
        Dkk = "DKK",
        Nok = "NOK",
        Sek = "SEK",
        Eur = "EUR",
    }
}

impl Currency {
    /// The currency an amount is in when none is given: the network's language decides.
    pub fn for_language(language: Language) -> Self {
        match language {
            Language::Danish => Currency::Dkk,
            Language::Norwegian => Currency::Nok,
            Language::Swedish => Currency::Sek,
            Language::English => Currency::Eur,
        }
    }
}
