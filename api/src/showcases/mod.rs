//! Showcases: projects with their partner organisations, their updates (which an organisation's
//! token may post on its own projects: another organisation's project answers 404), the
//! cross-network project library, and a network's public showcase.
//!
//! Dates are `YYYY-MM-DD`; a funding amount is in whole units of its currency (the network's
//! own when none is given). Field errors answer 422 with `errors[].field` and `code`:
//! `before_start` (period_end), `negative` (funding_amount), `invalid_url` (links), `unknown`
//! (partner or owner organisation), `too_many`, `too_long`, `required`, `invalid`.

mod library;
mod projects;
mod updates;

use domain::showcases::projects::ProjectFilters;
use poem_openapi::Enum;

use crate::types::mirror_enum;

mirror_enum!(
    /// An age group a project works with (years, inclusive).
    AgeGroup => domain::showcases::AgeGroup {
        Age0To5 = "0-5",
        Age6To12 = "6-12",
        Age13To17 = "13-17",
        Age18To25 = "18-25",
    }
);

mirror_enum!(
    /// A sector a project spans.
    ProjectSector => domain::showcases::ProjectSector {
        SocialServices = "social_services",
        ChildPsychiatry = "child_psychiatry",
        School = "school",
        Health = "health",
        Ngo = "ngo",
        Research = "research",
        Agency = "agency",
    }
);

mirror_enum!(
    /// The currency of a funding amount.
    Currency => domain::showcases::Currency {
        Dkk = "DKK",
        Nok = "NOK",
        Sek = "SEK",
        Eur = "EUR",
    }
);

/// The showcase operations, mounted as one entry of the API's tuple.
pub type ShowcasesApis = (
    projects::ProjectsApi,
    updates::UpdatesApi,
    library::LibraryApi,
);

pub fn apis() -> ShowcasesApis {
    (
        projects::ProjectsApi,
        updates::UpdatesApi,
        library::LibraryApi,
    )
}

/// The list filters as query parameters.
fn filters(
    status: Option<crate::types::ProjectStatus>,
    sector: Option<ProjectSector>,
    age_group: Option<AgeGroup>,
    municipality: Option<String>,
) -> ProjectFilters {
    ProjectFilters {
        status: status.map(Into::into),
        sector: sector.map(Into::into),
        age_group: age_group.map(Into::into),
        municipality: municipality.filter(|m| !m.trim().is_empty()),
    }
}
