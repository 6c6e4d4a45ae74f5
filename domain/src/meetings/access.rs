//! Who sees a meeting and who organises it. Every meeting query starts here.
//!
//! Organisers are the network's coordinators and owners, the meeting's creator, its contact
//! person and its moderator. Drafts are seen only by organisers. Otherwise: public meetings by
//! anyone; network meetings by members and organisations' tokens; group meetings by the group's
//! members; invited-only meetings by the people invited. Signed-in people who are not members
//! of the network see its public meetings, like visitors.

use sea_orm::sea_query::Condition;
use sea_orm::{ColumnTrait, ConnectionTrait, QueryFilter, Select};

use super::{MeetingStatus, MeetingVisibility};
use crate::entities::{meeting, meeting_invitee};
use crate::error::{Error, Result};
use crate::ids::{MeetingId, UserId};
use crate::policy::Action;
use crate::tenancy::{Actor, TenantOwned, TenantScope};

impl TenantOwned for meeting::Entity {
    fn tenant_column() -> Self::Column {
        meeting::Column::TenantId
    }
}

/// Does the actor organise this meeting?
pub(crate) fn is_organiser(scope: &TenantScope, model: &meeting::Model) -> bool {
    if scope.can(Action::ManageMeetings) {
        return true;
    }
    let Some(user) = scope.user_id().filter(|_| scope.member().is_some()) else {
        return false;
    };
    [
        model.created_by,
        model.contact_user_id,
        model.moderator_user_id,
    ]
    .contains(&Some(user))
}

/// The condition "the actor is one of this meeting's named organisers" in SQL.
fn named_organiser(user: UserId) -> Condition {
    Condition::any()
        .add(meeting::Column::CreatedBy.eq(user))
        .add(meeting::Column::ContactUserId.eq(user))
        .add(meeting::Column::ModeratorUserId.eq(user))
}

/// The meetings of this network the actor may see.
pub(crate) fn visible(scope: &TenantScope) -> Select<meeting::Entity> {
    let query = scope.find::<meeting::Entity>();
    if scope.can(Action::ManageMeetings) {
        return query;
    }
    match scope.actor() {
        Actor::Member(member) => {
            let user = member.user_id;
            let mut seen = Condition::any()
                .add(
                    meeting::Column::Visibility
                        .is_in([MeetingVisibility::Public, MeetingVisibility::Network]),
                )
                .add(
                    meeting::Column::Id.in_subquery(
                        scope
                            .subquery::<meeting_invitee::Entity>(meeting_invitee::Column::MeetingId)
                            .and_where(meeting_invitee::Column::UserId.eq(user))
                            .to_owned(),
                    ),
                )
                .add(named_organiser(user));
            if !member.group_ids.is_empty() {
                seen = seen.add(
                    Condition::all()
                        .add(meeting::Column::Visibility.eq(MeetingVisibility::Group))
                        .add(meeting::Column::GroupId.is_in(member.group_ids.clone())),
                );
            }
            let published = Condition::any()
                .add(meeting::Column::Status.ne(MeetingStatus::Draft))
                .add(named_organiser(user));
            query.filter(seen).filter(published)
        }
        Actor::Token(_) => query
            .filter(
                meeting::Column::Visibility
                    .is_in([MeetingVisibility::Public, MeetingVisibility::Network]),
            )
            .filter(meeting::Column::Status.ne(MeetingStatus::Draft)),
        Actor::System(_) => query,
        Actor::Guest { .. } | Actor::Visitor => query
            .filter(meeting::Column::Visibility.eq(MeetingVisibility::Public))
            .filter(meeting::Column::Status.ne(MeetingStatus::Draft)),
    }
}

/// A meeting the actor may see, or `NotFound`.
pub(crate) async fn find_visible(
    conn: &impl ConnectionTrait,
    scope: &TenantScope,
    id: MeetingId,
) -> Result<meeting::Model> {
    visible(scope)
        .filter(meeting::Column::Id.eq(id))
        .one(conn)
        .await?
        .ok_or(Error::NotFound)
}

/// A meeting the actor organises: `NotFound` if they may not see it, `Forbidden` if they see it
/// but do not organise it.
pub(crate) async fn find_organised(
    conn: &impl ConnectionTrait,
    scope: &TenantScope,
    id: MeetingId,
) -> Result<meeting::Model> {
    let model = find_visible(conn, scope, id).await?;
    if is_organiser(scope, &model) {
        Ok(model)
    } else {
        Err(Error::Forbidden)
    }
}
