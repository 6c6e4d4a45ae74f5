//! Who sees a thread, who posts in it and who moderates it.
//!
//! Threads of a category and of an open group: every reader of the network's content. Threads of
//! a closed group: its members and those who see every group. The rule is one condition on the
//! query (a subquery names the network's open groups), so lists, pages and ids agree.

use sea_orm::sea_query::Condition;
use sea_orm::{ColumnTrait, ConnectionTrait, QueryFilter, Select};

use crate::entities::{post, thread, working_group};
use crate::error::{Error, Result};
use crate::ids::{PostId, ThreadId};
use crate::policy::Action;
use crate::tenancy::TenantScope;

/// The threads the actor may read.
pub(crate) fn visible(scope: &TenantScope) -> Result<Select<thread::Entity>> {
    scope.require(Action::ReadContent)?;
    let query = scope.find::<thread::Entity>();
    if scope.sees_all_groups() {
        return Ok(query);
    }
    let open_groups = scope
        .subquery::<working_group::Entity>(working_group::Column::Id)
        .and_where(working_group::Column::IsOpen.eq(true))
        .to_owned();
    let mut condition = Condition::any()
        .add(thread::Column::GroupId.is_null())
        .add(thread::Column::GroupId.in_subquery(open_groups));
    if !scope.group_ids().is_empty() {
        condition = condition.add(thread::Column::GroupId.is_in(scope.group_ids().to_vec()));
    }
    Ok(query.filter(condition))
}

/// A thread the actor may read, or `NotFound` (also for another network's thread).
pub(crate) async fn find_visible_thread(
    conn: &impl ConnectionTrait,
    scope: &TenantScope,
    id: ThreadId,
) -> Result<thread::Model> {
    visible(scope)?
        .filter(thread::Column::Id.eq(id))
        .one(conn)
        .await?
        .ok_or(Error::NotFound)
}

/// A post whose thread the actor may read, with that thread.
pub(crate) async fn find_visible_post(
    conn: &impl ConnectionTrait,
    scope: &TenantScope,
    id: PostId,
) -> Result<(thread::Model, post::Model)> {
    scope.require(Action::ReadContent)?;
    let post = scope
        .find::<post::Entity>()
        .filter(post::Column::Id.eq(id))
        .one(conn)
        .await?
        .ok_or(Error::NotFound)?;
    let thread = find_visible_thread(conn, scope, post.thread_id).await?;
    Ok((thread, post))
}

/// May the actor post in this thread now? A member (not a token), in the thread's group if it
/// has one (coordinators may always), and the thread not locked.
pub(crate) fn can_post(scope: &TenantScope, thread: &thread::Model) -> bool {
    !thread.locked && may_write_in(scope, thread)
}

/// [`can_post`] without the lock: the actor's standing in the thread's place.
pub(crate) fn may_write_in(scope: &TenantScope, thread: &thread::Model) -> bool {
    scope.member().is_some()
        && scope.can(Action::ReplyInThread)
        && match thread.group_id {
            None => true,
            Some(group) => scope.sees_all_groups() || scope.group_ids().contains(&group),
        }
}

/// Network coordinators moderate everything; a group's coordinators moderate its threads.
pub(crate) fn can_moderate(scope: &TenantScope, thread: &thread::Model) -> bool {
    scope.can(Action::Moderate)
        || thread.group_id.is_some_and(|group| {
            scope
                .member()
                .is_some_and(|m| m.coordinated_group_ids.contains(&group))
        })
}

/// May the actor edit this post? Its author while the thread is open and the post not hidden,
/// and moderators always.
pub(crate) fn can_edit(scope: &TenantScope, thread: &thread::Model, post: &post::Model) -> bool {
    if can_moderate(scope, thread) {
        return true;
    }
    let own = post.author_id.is_some() && scope.member().map(|m| m.user_id) == post.author_id;
    own && !thread.locked && !post.hidden && may_write_in(scope, thread)
}
