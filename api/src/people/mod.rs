//! Members, organisations, invitations and working groups of a network.

pub mod groups;
pub mod invitations;
pub mod members;
pub mod organisations;

use poem_openapi::param::Query;

/// Reads the common list parameters.
pub(crate) fn page(
    limit: Query<Option<u64>>,
    cursor: Query<Option<String>>,
) -> Result<domain::pagination::PageRequest, crate::problem::ApiError> {
    Ok(domain::pagination::PageRequest::parse(
        limit.0,
        cursor.0.as_deref(),
    )?)
}
