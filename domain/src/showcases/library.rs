//! The cross-network project library: the shared and public projects of every network, for
//! every member of any network, each with the network that owns it.
//!
//! This is the one deliberate read across tenants. It is written once, here, and reads only
//! what every network's members may read anyway (`shared` and `public`, limited to no working
//! group — the rule `TenantScope::readable` applies to a guest who is a member elsewhere). The
//! filter is not built from a `TenantScope` because no single network's scope covers it.

use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

use super::projects::{ProjectFilters, ProjectSummary, apply_filters, summaries};
use crate::Services;
use crate::entities::project;
use crate::error::Result;
use crate::ids::NetworkId;
use crate::pagination::{Page, PageRequest};
use crate::policy::Action;
use crate::tenancy::{TenantScope, Visibility};

/// A project in the library, with the network that owns it (its projects open at
/// `/n/<network_slug>/projects/<id>`).
#[derive(Clone, Debug)]
pub struct LibraryItem {
    pub project: ProjectSummary,
    pub network_slug: String,
    pub network_name: String,
    /// Is it the caller's own network's project?
    pub own_network: bool,
}

/// The library, newest first. The caller's scope is their own network; being able to read
/// its content (a member or a token) is what admits them.
pub async fn list(
    svc: &Services,
    scope: &TenantScope,
    filters: &ProjectFilters,
    page: PageRequest,
) -> Result<Page<LibraryItem>> {
    scope.require(Action::ReadContent)?;
    let conn = svc.db.conn();
    // Across tenants on purpose (see the module documentation): only what every network's
    // members read.
    let query = project::Entity::find()
        .filter(project::Column::Visibility.is_in([Visibility::Shared, Visibility::Public]))
        .filter(project::Column::GroupId.is_null());
    let found = summaries(conn, apply_filters(query, filters, None), page).await?;
    let tenants: Vec<NetworkId> = found.items.iter().map(|(_, tenant)| *tenant).collect();
    let networks = crate::tenancy::slugs_and_names(conn, tenants).await?;
    let own = scope.tenant_id();
    Ok(found.map(|(project, tenant)| {
        let (network_slug, network_name) = networks.get(&tenant).cloned().unwrap_or_default();
        LibraryItem {
            project,
            network_slug,
            network_name,
            own_network: tenant == own,
        }
    }))
}
