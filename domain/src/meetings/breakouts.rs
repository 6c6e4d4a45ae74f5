//! Breakout groups of a meeting: name, facilitator and capacity; organisers assign registered
//! participants by hand or automatically from their preferences, mixing sectors when asked.
//!
//! Who sees what: anyone who sees the meeting sees its groups (they choose preferences when
//! registering), with how many are in each; organisers see every group's members; registered
//! participants see the other members' names only when the meeting shows participants
//! (attendance lists are personal data), and otherwise just themselves in their own group.
//!
//! Automatic assignment ([`plan_assignment`]) is greedy and deterministic: participants are
//! taken in the order they registered; each gets the first of their preferred groups that has
//! room, or, with sectors mixed, the preferred group with room that has the fewest of their
//! sector so far (ties to the more wanted); without a usable preference, the group with room
//! that has the fewest of their sector (when mixing) and then the fewest members. Guests have no
//! sector. Someone for whom no group has room stays unassigned.

use std::collections::{BTreeMap, HashMap};

use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DbBackend, PaginatorTrait,
    QueryFilter, QueryOrder, QuerySelect,
};

use super::RegistrationStatus;
use super::access::{find_visible, is_organiser, visible};
use super::lifecycle::CAPACITY_MAX;
use super::registrations::is_participant;
use crate::Services;
use crate::entities::{breakout_group, meeting, membership, organisation, registration, user};
use crate::error::{Error, Result};
use crate::ids::{BreakoutGroupId, MeetingId, OrganisationId, RegistrationId, UserId};
use crate::people::Sector;
use crate::tenancy::{TenantOwned, TenantScope};
use crate::text::{Validator, limits};

impl TenantOwned for breakout_group::Entity {
    fn tenant_column() -> Self::Column {
        breakout_group::Column::TenantId
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BreakoutGroup {
    pub id: BreakoutGroupId,
    pub name: String,
    pub facilitator: String,
    /// `None` is unlimited.
    pub capacity: Option<i32>,
    /// How many registered participants are in it.
    pub size: usize,
    /// The members the caller may see by name (see the module documentation), in the order
    /// they registered.
    pub members: Vec<(RegistrationId, String)>,
}

#[derive(Clone, Debug, Default)]
pub struct NewBreakoutGroup {
    pub name: String,
    pub facilitator: String,
    pub capacity: Option<i32>,
}

/// What an automatic assignment did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct AutoAssigned {
    /// Participants given a group now.
    pub assigned: usize,
    /// Registered participants still without a group (every group was full).
    pub unassigned: usize,
}

/// The meeting, if the actor organises it, locked for an assignment.
async fn lock_organised(
    conn: &impl ConnectionTrait,
    scope: &TenantScope,
    id: MeetingId,
) -> Result<meeting::Model> {
    let query = visible(scope).filter(meeting::Column::Id.eq(id));
    // Assignments count members and then write; on PostgreSQL the meeting row serialises them
    // (SQLite's IMMEDIATE transaction already holds the single write lock).
    let query = match conn.get_database_backend() {
        DbBackend::Postgres => query.lock_exclusive(),
        _ => query,
    };
    let model = query.one(conn).await?.ok_or(Error::NotFound)?;
    if is_organiser(scope, &model) {
        Ok(model)
    } else {
        Err(Error::Forbidden)
    }
}

async fn groups_of(
    conn: &impl ConnectionTrait,
    scope: &TenantScope,
    meeting_id: MeetingId,
) -> Result<Vec<breakout_group::Model>> {
    Ok(scope
        .find::<breakout_group::Entity>()
        .filter(breakout_group::Column::MeetingId.eq(meeting_id))
        .order_by_asc(breakout_group::Column::Id)
        .all(conn)
        .await?)
}

async fn registered(
    conn: &impl ConnectionTrait,
    scope: &TenantScope,
    meeting_id: MeetingId,
) -> Result<Vec<(registration::Model, Option<user::Model>)>> {
    Ok(scope
        .find::<registration::Entity>()
        .filter(registration::Column::MeetingId.eq(meeting_id))
        .filter(registration::Column::Status.eq(RegistrationStatus::Registered))
        .order_by_asc(registration::Column::QueuedAt)
        .order_by_asc(registration::Column::Id)
        .find_also_related(user::Entity)
        .all(conn)
        .await?)
}

/// The meeting's groups as the caller may see them.
pub async fn list_groups(
    svc: &Services,
    scope: &TenantScope,
    meeting_id: MeetingId,
) -> Result<Vec<BreakoutGroup>> {
    let conn = svc.db.conn();
    let meeting = find_visible(conn, scope, meeting_id).await?;
    let organiser = is_organiser(scope, &meeting);
    let me = scope.user_id().filter(|_| scope.member().is_some());
    let participant = match me {
        Some(user) if !organiser => is_participant(conn, scope, meeting_id, user).await?,
        _ => false,
    };
    let sees_all = organiser || (participant && meeting.show_participants);
    let groups = groups_of(conn, scope, meeting_id).await?;
    let people = registered(conn, scope, meeting_id).await?;
    Ok(groups
        .into_iter()
        .map(|group| {
            let in_group: Vec<_> = people
                .iter()
                .filter(|(r, _)| r.breakout_group_id == Some(group.id))
                .collect();
            let members = in_group
                .iter()
                .filter(|(r, _)| {
                    sees_all || (participant && r.user_id.is_some() && r.user_id == me)
                })
                .map(|(r, u)| {
                    let name = u
                        .as_ref()
                        .map(|u| u.display_name.clone())
                        .or_else(|| r.guest_name.clone())
                        .unwrap_or_default();
                    (r.id, name)
                })
                .collect();
            BreakoutGroup {
                id: group.id,
                name: group.name,
                facilitator: group.facilitator,
                capacity: group.capacity,
                size: in_group.len(),
                members,
            }
        })
        .collect())
}

pub async fn create_group(
    svc: &Services,
    scope: &TenantScope,
    meeting_id: MeetingId,
    input: NewBreakoutGroup,
) -> Result<BreakoutGroup> {
    let mut v = Validator::new();
    let name = v.required("name", &input.name, limits::NAME);
    let facilitator = v.optional("facilitator", &input.facilitator, limits::NAME);
    if input
        .capacity
        .is_some_and(|c| !(1..=CAPACITY_MAX).contains(&c))
    {
        v.add("capacity", "out_of_range");
    }
    v.finish()?;
    let txn = svc.db.begin_write().await?;
    lock_organised(&txn, scope, meeting_id).await?;
    let now = svc.now();
    let group = breakout_group::ActiveModel {
        id: Set(BreakoutGroupId::new()),
        tenant_id: Set(scope.tenant_id()),
        meeting_id: Set(meeting_id),
        name: Set(name),
        facilitator: Set(facilitator),
        capacity: Set(input.capacity),
        created_at: Set(now),
        updated_at: Set(now),
    }
    .insert(&txn)
    .await?;
    txn.commit().await?;
    Ok(BreakoutGroup {
        id: group.id,
        name: group.name,
        facilitator: group.facilitator,
        capacity: group.capacity,
        size: 0,
        members: Vec::new(),
    })
}

/// Deletes a group; its members are left without a group (preferences naming it are ignored
/// from then on).
pub async fn delete_group(
    svc: &Services,
    scope: &TenantScope,
    meeting_id: MeetingId,
    id: BreakoutGroupId,
) -> Result<()> {
    let txn = svc.db.begin_write().await?;
    lock_organised(&txn, scope, meeting_id).await?;
    let group = find_group(&txn, scope, meeting_id, id)
        .await?
        .ok_or(Error::NotFound)?;
    scope
        .update_many::<registration::Entity>()
        .col_expr(
            registration::Column::BreakoutGroupId,
            Expr::value(Option::<BreakoutGroupId>::None),
        )
        .filter(registration::Column::MeetingId.eq(meeting_id))
        .filter(registration::Column::BreakoutGroupId.eq(group.id))
        .exec(&txn)
        .await?;
    scope
        .delete_many::<breakout_group::Entity>()
        .filter(breakout_group::Column::Id.eq(group.id))
        .exec(&txn)
        .await?;
    txn.commit().await?;
    Ok(())
}

async fn find_group(
    conn: &impl ConnectionTrait,
    scope: &TenantScope,
    meeting_id: MeetingId,
    id: BreakoutGroupId,
) -> Result<Option<breakout_group::Model>> {
    Ok(scope
        .find::<breakout_group::Entity>()
        .filter(breakout_group::Column::MeetingId.eq(meeting_id))
        .filter(breakout_group::Column::Id.eq(id))
        .one(conn)
        .await?)
}

/// Puts a registered participant in a group, or takes them out of theirs with `None`. A full
/// group is the conflict `group_full`.
pub async fn assign(
    svc: &Services,
    scope: &TenantScope,
    meeting_id: MeetingId,
    registration_id: RegistrationId,
    group: Option<BreakoutGroupId>,
) -> Result<()> {
    let txn = svc.db.begin_write().await?;
    lock_organised(&txn, scope, meeting_id).await?;
    let model = scope
        .find::<registration::Entity>()
        .filter(registration::Column::MeetingId.eq(meeting_id))
        .filter(registration::Column::Id.eq(registration_id))
        .one(&txn)
        .await?
        .ok_or(Error::NotFound)?;
    if model.status != RegistrationStatus::Registered {
        return Err(Error::conflict("not_registered"));
    }
    if let Some(group_id) = group
        && model.breakout_group_id != Some(group_id)
    {
        let group = find_group(&txn, scope, meeting_id, group_id)
            .await?
            .ok_or_else(|| Error::invalid("group_id", "unknown"))?;
        if let Some(capacity) = group.capacity {
            let members = scope
                .find::<registration::Entity>()
                .filter(registration::Column::MeetingId.eq(meeting_id))
                .filter(registration::Column::BreakoutGroupId.eq(group_id))
                .filter(registration::Column::Status.eq(RegistrationStatus::Registered))
                .count(&txn)
                .await?;
            if members >= u64::try_from(capacity).unwrap_or(0) {
                return Err(Error::conflict("group_full"));
            }
        }
    }
    let mut active: registration::ActiveModel = model.into();
    active.breakout_group_id = Set(group);
    active.updated_at = Set(svc.now());
    active.update(&txn).await?;
    txn.commit().await?;
    Ok(())
}

/// A group as the assignment sees it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Slot {
    pub id: BreakoutGroupId,
    /// `None` is unlimited.
    pub capacity: Option<usize>,
    /// The sectors of those already in it (`None` for someone without one).
    pub members: Vec<Option<Sector>>,
}

/// A participant waiting for a group.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Candidate {
    pub id: RegistrationId,
    pub sector: Option<Sector>,
    /// Most wanted first; ids of other groups are ignored.
    pub preferences: Vec<BreakoutGroupId>,
}

/// Assigns `candidates` (in order) to `groups`; see the module documentation for the rule.
/// Returns the assignments made, in the candidates' order.
pub(crate) fn plan_assignment(
    groups: &[Slot],
    candidates: &[Candidate],
    mix_sectors: bool,
) -> Vec<(RegistrationId, BreakoutGroupId)> {
    let mut groups = groups.to_vec();
    let mut plan = Vec::new();
    for candidate in candidates {
        let has_room = |g: &Slot| g.capacity.is_none_or(|c| g.members.len() < c);
        let same_sector = |g: &Slot| match candidate.sector {
            Some(sector) if mix_sectors => g.members.iter().filter(|s| **s == Some(sector)).count(),
            _ => 0,
        };
        let preferred = candidate
            .preferences
            .iter()
            .enumerate()
            .filter_map(|(rank, id)| {
                groups
                    .iter()
                    .position(|g| g.id == *id)
                    .filter(|at| has_room(&groups[*at]))
                    .map(|at| (rank, at))
            })
            .min_by_key(|(rank, at)| (same_sector(&groups[*at]), *rank))
            .map(|(_, at)| at);
        let chosen = preferred.or_else(|| {
            (0..groups.len())
                .filter(|at| has_room(&groups[*at]))
                .min_by_key(|at| (same_sector(&groups[*at]), groups[*at].members.len(), *at))
        });
        if let Some(at) = chosen {
            groups[at].members.push(candidate.sector);
            plan.push((candidate.id, groups[at].id));
        }
    }
    plan
}

/// The sector of each member's organisation (members without one, and guests, have none).
async fn sectors(
    conn: &impl ConnectionTrait,
    scope: &TenantScope,
    users: Vec<UserId>,
) -> Result<HashMap<UserId, Sector>> {
    if users.is_empty() {
        return Ok(HashMap::new());
    }
    let memberships = scope
        .find::<membership::Entity>()
        .filter(membership::Column::UserId.is_in(users))
        .all(conn)
        .await?;
    let organisation_ids: Vec<OrganisationId> = memberships
        .iter()
        .filter_map(|m| m.organisation_id)
        .collect();
    let by_organisation: HashMap<OrganisationId, Sector> = if organisation_ids.is_empty() {
        HashMap::new()
    } else {
        scope
            .find::<organisation::Entity>()
            .filter(organisation::Column::Id.is_in(organisation_ids))
            .select_only()
            .column(organisation::Column::Id)
            .column(organisation::Column::Sector)
            .into_tuple::<(OrganisationId, Sector)>()
            .all(conn)
            .await?
            .into_iter()
            .collect()
    };
    Ok(memberships
        .into_iter()
        .filter_map(|m| {
            let sector = by_organisation.get(&m.organisation_id?)?;
            Some((m.user_id, *sector))
        })
        .collect())
}

/// Assigns every registered participant without a group, honouring preferences and capacities
/// and, with `mix_sectors`, spreading each sector over the groups (organisers).
pub async fn auto_assign(
    svc: &Services,
    scope: &TenantScope,
    meeting_id: MeetingId,
    mix_sectors: bool,
) -> Result<AutoAssigned> {
    let txn = svc.db.begin_write().await?;
    lock_organised(&txn, scope, meeting_id).await?;
    let groups = groups_of(&txn, scope, meeting_id).await?;
    let people: Vec<registration::Model> = registered(&txn, scope, meeting_id)
        .await?
        .into_iter()
        .map(|(r, _)| r)
        .collect();
    let sector_of = sectors(
        &txn,
        scope,
        people.iter().filter_map(|r| r.user_id).collect(),
    )
    .await?;
    let sector = |r: &registration::Model| r.user_id.and_then(|u| sector_of.get(&u).copied());
    let slots: Vec<Slot> = groups
        .iter()
        .map(|g| Slot {
            id: g.id,
            capacity: g.capacity.map(|c| usize::try_from(c).unwrap_or(0)),
            members: people
                .iter()
                .filter(|r| r.breakout_group_id == Some(g.id))
                .map(sector)
                .collect(),
        })
        .collect();
    let known: Vec<BreakoutGroupId> = groups.iter().map(|g| g.id).collect();
    let candidates: Vec<Candidate> = people
        .iter()
        // Someone in a group that was deleted meanwhile counts as without one.
        .filter(|r| r.breakout_group_id.is_none_or(|g| !known.contains(&g)))
        .map(|r| Candidate {
            id: r.id,
            sector: sector(r),
            preferences: serde_json::from_value(r.preferences.clone()).unwrap_or_default(),
        })
        .collect();
    let plan = plan_assignment(&slots, &candidates, mix_sectors);
    let now = svc.now();
    // One statement per group, however many people go into it.
    let mut by_group: BTreeMap<BreakoutGroupId, Vec<RegistrationId>> = BTreeMap::new();
    for (registration_id, group_id) in &plan {
        by_group
            .entry(*group_id)
            .or_default()
            .push(*registration_id);
    }
    for (group_id, registrations) in by_group {
        scope
            .update_many::<registration::Entity>()
            .col_expr(registration::Column::BreakoutGroupId, Expr::value(group_id))
            .col_expr(registration::Column::UpdatedAt, Expr::value(now))
            .filter(registration::Column::Id.is_in(registrations))
            .exec(&txn)
            .await?;
    }
    txn.commit().await?;
    Ok(AutoAssigned {
        assigned: plan.len(),
        unassigned: candidates.len() - plan.len(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn slot(capacity: Option<usize>) -> Slot {
        Slot {
            id: BreakoutGroupId::new(),
            capacity,
            members: Vec::new(),
        }
    }

    fn candidate(sector: Option<Sector>, preferences: &[BreakoutGroupId]) -> Candidate {
        Candidate {
            id: RegistrationId::new(),
            sector,
            preferences: preferences.to_vec(),
        }
    }

    fn group_of(
        plan: &[(RegistrationId, BreakoutGroupId)],
        id: RegistrationId,
    ) -> Option<BreakoutGroupId> {
        plan.iter().find(|(r, _)| *r == id).map(|(_, g)| *g)
    }

    #[test]
    fn preferences_are_honoured_until_a_group_is_full() {
        let groups = [slot(Some(1)), slot(Some(2))];
        let (a, b) = (groups[0].id, groups[1].id);
        let first = candidate(None, &[a, b]);
        let second = candidate(None, &[a, b]);
        let third = candidate(None, &[a]);
        let fourth = candidate(None, &[]);
        let plan = plan_assignment(
            &groups,
            &[first.clone(), second.clone(), third.clone(), fourth.clone()],
            false,
        );
        assert_eq!(group_of(&plan, first.id), Some(a));
        assert_eq!(group_of(&plan, second.id), Some(b), "a is full: next wish");
        assert_eq!(
            group_of(&plan, third.id),
            Some(b),
            "only wish full: any room"
        );
        assert_eq!(group_of(&plan, fourth.id), None, "no room anywhere");
    }

    #[test]
    fn without_preferences_groups_fill_evenly_and_unlimited_groups_take_the_rest() {
        let groups = [slot(None), slot(None), slot(None)];
        let people: Vec<_> = (0..7).map(|_| candidate(None, &[])).collect();
        let plan = plan_assignment(&groups, &people, false);
        assert_eq!(plan.len(), 7);
        let sizes: Vec<usize> = groups
            .iter()
            .map(|g| plan.iter().filter(|(_, id)| *id == g.id).count())
            .collect();
        assert_eq!(sizes, vec![3, 2, 2]);
    }

    #[test]
    fn mixing_spreads_each_sector_over_the_groups() {
        let groups = [slot(Some(3)), slot(Some(3))];
        let sectors = [
            Sector::Municipality,
            Sector::Municipality,
            Sector::School,
            Sector::School,
            Sector::Ngo,
            Sector::Ngo,
            Sector::Ngo,
        ];
        let people: Vec<_> = sectors.iter().map(|s| candidate(Some(*s), &[])).collect();
        let plan = plan_assignment(&groups, &people, true);
        assert_eq!(plan.len(), 6, "two groups of three");
        for group in &groups {
            let mut in_group: Vec<Sector> = plan
                .iter()
                .filter(|(_, g)| *g == group.id)
                .filter_map(|(r, _)| people.iter().find(|p| p.id == *r)?.sector)
                .collect();
            in_group.sort();
            assert_eq!(
                in_group,
                vec![Sector::Municipality, Sector::School, Sector::Ngo],
                "one of each sector per group"
            );
        }

        // Without mixing, the same people fill the groups in order.
        let plan = plan_assignment(&groups, &people, false);
        let first: Vec<_> = plan
            .iter()
            .filter(|(_, g)| *g == groups[0].id)
            .map(|(r, _)| *r)
            .collect();
        assert_eq!(first, vec![people[0].id, people[2].id, people[4].id]);
    }

    #[test]
    fn mixing_picks_among_preferred_groups_only() {
        let groups = [slot(None), slot(None), slot(None)];
        let (a, b, c) = (groups[0].id, groups[1].id, groups[2].id);
        let people = [
            candidate(Some(Sector::School), &[a]),
            candidate(Some(Sector::School), &[a, b]),
            candidate(Some(Sector::School), &[a, b]),
        ];
        let plan = plan_assignment(&groups, &people, true);
        assert_eq!(group_of(&plan, people[0].id), Some(a));
        assert_eq!(
            group_of(&plan, people[1].id),
            Some(b),
            "a has a school already"
        );
        // Both a and b have one from a school: the more wanted wins, c is never chosen.
        assert_eq!(group_of(&plan, people[2].id), Some(a));
        assert!(plan.iter().all(|(_, g)| *g != c));
    }

    #[test]
    fn the_same_input_gives_the_same_plan() {
        let groups = [slot(Some(2)), slot(Some(2)), slot(None)];
        let people: Vec<_> = [
            Some(Sector::Ngo),
            None,
            Some(Sector::Ngo),
            Some(Sector::School),
        ]
        .iter()
        .map(|s| candidate(*s, &[groups[1].id]))
        .collect();
        assert_eq!(
            plan_assignment(&groups, &people, true),
            plan_assignment(&groups, &people, true)
        );
    }
}

#[cfg(test)]
mod db_tests {
    use chrono::{TimeZone, Utc};

    use super::*;
    use crate::meetings::{self, NewRegistration};
    use crate::policy::Role;
    use crate::testing::{TestEnv, new_meeting};

    #[tokio::test]
    async fn auto_assign_respects_capacity_preferences_and_spreads_sectors() {
        let env = TestEnv::new().await;
        let system = env.network("kbh", "Europe/Copenhagen").await;
        let (_, coordinator) = env
            .member(&system, "Karin Koordinator", None, Role::Coordinator)
            .await;
        let start = Utc.with_ymd_and_hms(2026, 12, 3, 8, 0, 0).unwrap();
        let meeting = meetings::create(&env.svc, &coordinator, new_meeting("Temadag", start, 6))
            .await
            .unwrap();
        let mut groups = Vec::new();
        for name in ["Skole og fritid", "Sundhed"] {
            groups.push(
                create_group(
                    &env.svc,
                    &coordinator,
                    meeting.id,
                    NewBreakoutGroup {
                        name: name.into(),
                        facilitator: "Facilitator".into(),
                        capacity: Some(3),
                    },
                )
                .await
                .unwrap(),
            );
        }
        let municipality = env
            .organisation(&system, "Københavns Kommune", Sector::Municipality)
            .await;
        let school = env
            .organisation(&system, "Nørre Skole", Sector::School)
            .await;
        let ngo = env.organisation(&system, "Red Barnet", Sector::Ngo).await;
        // Registered in this order; everyone but the last would rather be in the first group.
        let mut people = Vec::new();
        for (n, organisation) in [municipality, municipality, school, school, ngo, ngo, ngo]
            .into_iter()
            .enumerate()
        {
            let (_, scope) = env
                .member(
                    &system,
                    &format!("Deltager {n}"),
                    Some(organisation),
                    Role::Member,
                )
                .await;
            let preferences = if n < 6 {
                vec![groups[0].id, groups[1].id]
            } else {
                Vec::new()
            };
            meetings::register(
                &env.svc,
                &scope,
                meeting.id,
                NewRegistration {
                    breakout_preferences: preferences,
                    ..NewRegistration::default()
                },
            )
            .await
            .unwrap();
            people.push(scope);
        }

        let (_, member) = env.member(&system, "Mads Medlem", None, Role::Member).await;
        let err = auto_assign(&env.svc, &member, meeting.id, true)
            .await
            .unwrap_err();
        assert!(matches!(err, Error::Forbidden));

        let done = auto_assign(&env.svc, &coordinator, meeting.id, true)
            .await
            .unwrap();
        assert_eq!(
            done,
            AutoAssigned {
                assigned: 6,
                unassigned: 1
            }
        );
        let listed = list_groups(&env.svc, &coordinator, meeting.id)
            .await
            .unwrap();
        let sector_of = |name: &str| -> Sector {
            let n: usize = name.trim_start_matches("Deltager ").parse().unwrap();
            [
                Sector::Municipality,
                Sector::Municipality,
                Sector::School,
                Sector::School,
                Sector::Ngo,
                Sector::Ngo,
                Sector::Ngo,
            ][n]
        };
        for group in &listed {
            assert_eq!(group.size, 3);
            let mut sectors: Vec<Sector> =
                group.members.iter().map(|(_, n)| sector_of(n)).collect();
            sectors.sort();
            assert_eq!(
                sectors,
                vec![Sector::Municipality, Sector::School, Sector::Ngo],
                "{}",
                group.name
            );
        }
        // Running it again changes nothing: everyone who could be placed is.
        let again = auto_assign(&env.svc, &coordinator, meeting.id, true)
            .await
            .unwrap();
        assert_eq!(
            again,
            AutoAssigned {
                assigned: 0,
                unassigned: 1
            }
        );

        // By hand: a full group is refused; moving someone out makes room.
        let all = meetings::registrations(&env.svc, &coordinator, meeting.id)
            .await
            .unwrap();
        let unplaced = all.iter().find(|r| r.breakout_group_id.is_none()).unwrap();
        let err = assign(
            &env.svc,
            &coordinator,
            meeting.id,
            unplaced.id,
            Some(groups[0].id),
        )
        .await
        .unwrap_err();
        assert!(
            matches!(err, Error::Conflict { code: "group_full" }),
            "{err:?}"
        );
        let placed = all
            .iter()
            .find(|r| r.breakout_group_id == Some(groups[0].id))
            .unwrap();
        assign(&env.svc, &coordinator, meeting.id, placed.id, None)
            .await
            .unwrap();
        assign(
            &env.svc,
            &coordinator,
            meeting.id,
            unplaced.id,
            Some(groups[0].id),
        )
        .await
        .unwrap();

        // A participant sees the groups, and by name only themselves, unless the meeting shows
        // participants.
        let mine = meetings::get(&env.svc, &people[6], meeting.id)
            .await
            .unwrap()
            .my_registration
            .unwrap();
        assert_eq!(mine.breakout_group.map(|(id, _)| id), Some(groups[0].id));
        let seen = list_groups(&env.svc, &people[6], meeting.id).await.unwrap();
        assert_eq!(seen.len(), 2);
        assert_eq!(seen[0].size, 3);
        assert_eq!(seen[0].members.len(), 1);
        assert_eq!(seen[0].members[0].1, "Deltager 6");
        assert!(seen[1].members.is_empty());
        meetings::update(
            &env.svc,
            &coordinator,
            meeting.id,
            meetings::MeetingPatch {
                show_participants: Some(true),
                ..meetings::MeetingPatch::default()
            },
        )
        .await
        .unwrap();
        let seen = list_groups(&env.svc, &people[6], meeting.id).await.unwrap();
        assert_eq!(seen[0].members.len(), 3);
        assert_eq!(seen[1].members.len(), 3);

        // Deleting a group leaves its members without one.
        delete_group(&env.svc, &coordinator, meeting.id, groups[0].id)
            .await
            .unwrap();
        let all = meetings::registrations(&env.svc, &coordinator, meeting.id)
            .await
            .unwrap();
        assert_eq!(
            all.iter().filter(|r| r.breakout_group_id.is_none()).count(),
            4
        );
        let err = delete_group(&env.svc, &coordinator, meeting.id, groups[0].id)
            .await
            .unwrap_err();
        assert!(matches!(err, Error::NotFound));
    }
}
