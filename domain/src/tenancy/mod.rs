//! Networks (tenants), and the scoped handle through which every tenant-owned row is reached.
//!
//! A [`TenantScope`] names one network and one actor. It can only be built here, from a member's
//! session, an organisation's API token, a signed-out visitor of a network resolved by slug, or a
//! named system actor. Queries built from it always filter by `tenant_id`; an id of another
//! network simply is not found.

mod access;
mod networks;
mod scope;

pub use access::{scope_for_token, scope_for_user, system_scope};
pub use networks::{
    NetworkPatch, NewNetwork, create_network, find_network, list_networks, update_network,
};
pub(crate) use networks::{find_network_by_id, from_model as networks_from_model, slugs_and_names};
pub(crate) use scope::TenantOwned;
pub use scope::{Actor, MemberActor, ReadLevel, TenantScope, TokenActor};

use crate::ids::NetworkId;
use crate::macros::string_enum;
use chrono::{DateTime, Utc};

string_enum! {
    /// A network's default language: the language its content is written in, analysed for
    /// search, and the interface's default for its pages.
    pub enum Language {
        Danish = "da",
        Norwegian = "nb",
        Swedish = "sv",
        English = "en",
    }
}

string_enum! {
    /// Who may read a piece of content. A wider level includes the narrower:
    /// `network` < `shared` (members of every network) < `public` (also signed out).
    pub enum Visibility {
        Network = "network",
        Shared = "shared",
        Public = "public",
    }
}

/// A network: one tenant.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Network {
    pub id: NetworkId,
    pub slug: String,
    pub name: String,
    pub default_language: Language,
    pub time_zone: chrono_tz::Tz,
    pub guest_retention_months: i32,
    pub case_retention_days: i32,
    pub created_at: DateTime<Utc>,
}
