//! Building a `TenantScope` from who is asking. These are the only ways to get one, besides
//! [`TenantScope::system`](super::TenantScope::system).

use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QuerySelect};

use super::{Actor, MemberActor, TenantScope, TokenActor, find_network, find_network_by_id};
use crate::Services;
use crate::entities::{group_member, membership, network};
use crate::error::Result;
use crate::identity::CurrentUser;
use crate::ids::NetworkId;
use crate::people::MembershipStatus;

/// The scope of a signed-in user, or of a signed-out visitor when `user` is `None`, in the
/// network with this slug. A user who is not an active member of it acts as a guest.
pub async fn scope_for_user(
    svc: &Services,
    user: Option<&CurrentUser>,
    slug: &str,
) -> Result<TenantScope> {
    let Some(user) = user else {
        return Ok(TenantScope::new(
            find_network(svc, slug).await?,
            Actor::Visitor,
        ));
    };
    // The person's active memberships with their networks, in one query: a member's network
    // comes with it, and for anyone else the list says whether they read shared content.
    let memberships = membership::Entity::find()
        .filter(membership::Column::UserId.eq(user.id))
        .filter(membership::Column::Status.eq(MembershipStatus::Active))
        .find_also_related(network::Entity)
        .all(svc.db.conn())
        .await?;
    let here = memberships
        .iter()
        .find_map(|(m, n)| n.as_ref().filter(|n| n.slug == slug).map(|n| (m, n)));
    let Some((membership, network)) = here else {
        let network = find_network(svc, slug).await?;
        let actor = Actor::Guest {
            user_id: user.id,
            reads_shared: !memberships.is_empty(),
        };
        return Ok(TenantScope::new(network, actor));
    };
    let groups: Vec<(crate::ids::GroupId, bool)> = group_member::Entity::find()
        .select_only()
        .column(group_member::Column::GroupId)
        .column(group_member::Column::IsCoordinator)
        .filter(group_member::Column::TenantId.eq(network.id))
        .filter(group_member::Column::MembershipId.eq(membership.id))
        .into_tuple()
        .all(svc.db.conn())
        .await?;
    let actor = Actor::Member(MemberActor {
        user_id: user.id,
        membership_id: membership.id,
        display_name: user.display_name.clone(),
        organisation_id: membership.organisation_id,
        role: membership.role,
        group_ids: groups.iter().map(|(id, _)| *id).collect(),
        coordinated_group_ids: groups
            .iter()
            .filter(|(_, coordinates)| *coordinates)
            .map(|(id, _)| *id)
            .collect(),
    });
    Ok(TenantScope::new(
        super::networks_from_model(network.clone()),
        actor,
    ))
}

/// The scope of an organisation's API token in the network with this slug. A token of another
/// network finds nothing here.
pub async fn scope_for_token(svc: &Services, secret: &str, slug: &str) -> Result<TenantScope> {
    let (token, network) = crate::tokens::authenticate(svc, secret).await?;
    // A token opens its own network only; any other slug names nothing it may see.
    if network.slug != slug {
        return Err(crate::Error::NotFound);
    }
    Ok(TenantScope::new(
        super::networks_from_model(network),
        Actor::Token(TokenActor {
            token_id: token.id,
            name: token.name,
            organisation_id: token.organisation_id,
        }),
    ))
}

/// The worker's or CLI's scope in a network known by id.
pub async fn system_scope(
    svc: &Services,
    network_id: NetworkId,
    name: &'static str,
) -> Result<TenantScope> {
    let network = find_network_by_id(svc, network_id).await?;
    Ok(TenantScope::system(network, name))
}
