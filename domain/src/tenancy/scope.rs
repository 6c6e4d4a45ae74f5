use sea_orm::sea_query::{Condition, IntoColumnRef, Query, SelectStatement};
use sea_orm::{ColumnTrait, DeleteMany, EntityTrait, QueryFilter, Select, UpdateMany};

use super::{Network, Visibility};
use crate::error::{Error, Result};
use crate::ids::{GroupId, MembershipId, NetworkId, OrganisationId, TokenId, UserId};
use crate::policy::{Action, Role, can};

/// A signed-in, active member of the network.
#[derive(Clone, Debug)]
pub struct MemberActor {
    pub user_id: UserId,
    pub membership_id: MembershipId,
    pub display_name: String,
    pub organisation_id: Option<OrganisationId>,
    pub role: Role,
    /// The working groups this member belongs to.
    pub group_ids: Vec<GroupId>,
    /// The groups this member coordinates.
    pub coordinated_group_ids: Vec<GroupId>,
}

/// An organisation's API token; it acts as a partner of that organisation.
#[derive(Clone, Debug)]
pub struct TokenActor {
    pub token_id: TokenId,
    pub name: String,
    pub organisation_id: OrganisationId,
}

#[derive(Clone, Debug)]
pub enum Actor {
    Member(MemberActor),
    Token(TokenActor),
    /// Signed in, but not an active member of this network. If they are an active member of
    /// some network they read what is shared with every network; otherwise only what is public.
    Guest {
        user_id: UserId,
        reads_shared: bool,
    },
    /// Signed out.
    Visitor,
    /// The worker or the operator's CLI, named for the audit log.
    System(&'static str),
}

/// The widest set of visibility levels an actor reads in a network.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReadLevel {
    Public,
    Shared,
    Network,
}

impl ReadLevel {
    pub fn visibilities(self) -> &'static [Visibility] {
        match self {
            ReadLevel::Public => &[Visibility::Public],
            ReadLevel::Shared => &[Visibility::Public, Visibility::Shared],
            ReadLevel::Network => &[Visibility::Public, Visibility::Shared, Visibility::Network],
        }
    }
}

/// One network and who is acting in it. See the module documentation.
#[derive(Clone, Debug)]
pub struct TenantScope {
    network: Network,
    actor: Actor,
}

/// A table whose rows belong to one network.
pub(crate) trait TenantOwned: EntityTrait {
    fn tenant_column() -> Self::Column;
}

impl TenantScope {
    /// Only the builders in `tenancy` (sessions, tokens, visitors, system) call this.
    pub(crate) fn new(network: Network, actor: Actor) -> Self {
        Self { network, actor }
    }

    /// The worker's or the CLI's scope in a network.
    pub fn system(network: Network, name: &'static str) -> Self {
        Self::new(network, Actor::System(name))
    }

    pub fn network(&self) -> &Network {
        &self.network
    }

    pub fn tenant_id(&self) -> NetworkId {
        self.network.id
    }

    pub fn actor(&self) -> &Actor {
        &self.actor
    }

    pub fn member(&self) -> Option<&MemberActor> {
        match &self.actor {
            Actor::Member(member) => Some(member),
            _ => None,
        }
    }

    pub fn user_id(&self) -> Option<UserId> {
        match &self.actor {
            Actor::Member(member) => Some(member.user_id),
            Actor::Guest { user_id, .. } => Some(*user_id),
            _ => None,
        }
    }

    /// The role the actor holds here; none for guests and visitors.
    pub fn role(&self) -> Option<Role> {
        match &self.actor {
            Actor::Member(member) => Some(member.role),
            Actor::Token(_) => Some(Role::Partner),
            Actor::System(_) => Some(Role::Owner),
            Actor::Guest { .. } | Actor::Visitor => None,
        }
    }

    /// The organisation the actor acts for, if any.
    pub fn organisation_id(&self) -> Option<OrganisationId> {
        match &self.actor {
            Actor::Member(member) => member.organisation_id,
            Actor::Token(token) => Some(token.organisation_id),
            _ => None,
        }
    }

    pub fn read_level(&self) -> ReadLevel {
        match &self.actor {
            Actor::Member(_) | Actor::Token(_) | Actor::System(_) => ReadLevel::Network,
            Actor::Guest {
                reads_shared: true, ..
            } => ReadLevel::Shared,
            Actor::Guest { .. } | Actor::Visitor => ReadLevel::Public,
        }
    }

    /// Coordinators, owners and the system see content limited to any working group.
    pub fn sees_all_groups(&self) -> bool {
        self.role()
            .is_some_and(|role| can(role, Action::EditAnyContent))
    }

    /// The working groups whose limited content this actor sees (besides unlimited content).
    pub fn group_ids(&self) -> &[GroupId] {
        match &self.actor {
            Actor::Member(member) => &member.group_ids,
            _ => &[],
        }
    }

    /// Fails unless the actor's role allows `action`. Visitors are asked to sign in; signed-in
    /// people who are not members of this network are told nothing exists here.
    pub fn require(&self, action: Action) -> Result<()> {
        match self.role() {
            Some(role) if can(role, action) => Ok(()),
            Some(_) => Err(Error::Forbidden),
            None => Err(self.outsider_error()),
        }
    }

    pub(crate) fn outsider_error(&self) -> Error {
        match self.actor {
            Actor::Visitor => Error::Unauthenticated,
            _ => Error::NotFound,
        }
    }

    pub fn can(&self, action: Action) -> bool {
        self.role().is_some_and(|role| can(role, action))
    }

    /// Label for the audit log.
    pub fn actor_label(&self) -> String {
        match &self.actor {
            Actor::Member(member) => member.display_name.clone(),
            Actor::Token(token) => format!("token:{}", token.name),
            Actor::Guest { user_id, .. } => format!("user:{user_id}"),
            Actor::Visitor => "visitor".into(),
            Actor::System(name) => format!("system:{name}"),
        }
    }

    // --- query builders: the tenant filter is never written by hand ---

    pub(crate) fn find<E: TenantOwned>(&self) -> Select<E> {
        E::find().filter(E::tenant_column().eq(self.tenant_id()))
    }

    pub(crate) fn delete_many<E: TenantOwned>(&self) -> DeleteMany<E> {
        E::delete_many().filter(E::tenant_column().eq(self.tenant_id()))
    }

    pub(crate) fn update_many<E: TenantOwned>(&self) -> UpdateMany<E> {
        E::update_many().filter(E::tenant_column().eq(self.tenant_id()))
    }

    /// A sub-select of `column` from this network's rows of `E`, for `IN (…)` conditions.
    pub(crate) fn subquery<E: TenantOwned>(&self, column: impl IntoColumnRef) -> SelectStatement {
        Query::select()
            .column(column)
            .from(E::default())
            .and_where(E::tenant_column().eq(self.tenant_id()))
            .to_owned()
    }

    /// The rows of a visibility-and-group-limited table this actor may read.
    pub(crate) fn readable(
        &self,
        visibility: impl ColumnTrait,
        group: impl ColumnTrait,
    ) -> Condition {
        let levels: Vec<Visibility> = self.read_level().visibilities().to_vec();
        let mut condition = Condition::all();
        if levels.len() < 3 {
            condition = condition.add(visibility.is_in(levels));
        }
        if !self.sees_all_groups() {
            let mut group_condition = Condition::any().add(group.is_null());
            if !self.group_ids().is_empty() {
                group_condition = group_condition.add(group.is_in(self.group_ids().to_vec()));
            }
            condition = condition.add(group_condition);
        }
        condition
    }
}
