//! The forum: categories for network-wide threads, threads in a category or in a working group,
//! posts in Markdown with @mentions, quoting and an edit history, and moderation (flags, hiding
//! and restoring posts, locking threads, the moderation log).
//!
//! Who sees what: threads of a category and of an open working group are read by every active
//! member of the network (and its organisations' tokens); a closed group's threads only by that
//! group's members and those who see every group (coordinators, owners). Anything else is
//! "not found", so its existence is not disclosed. Posting in a group's thread needs membership
//! of the group (coordinators may always); a locked thread takes no posts (`thread_locked`).
//!
//! Every write commits its notifications and its indexing job (`Task::IndexThread`) on its own
//! transaction.

mod access;
pub mod categories;
mod indexing;
pub mod mentions;
pub mod moderation;
pub mod posts;
pub mod threads;

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};

pub(crate) use access::{can_post, find_visible_thread};
pub(crate) use indexing::index_all;
pub(crate) use indexing::{index_group_threads, index_thread};

use crate::entities::{category, moderation_entry, post, post_flag, post_revision, thread, user};
use crate::error::Result;
use crate::ids::{CategoryId, GroupId, PostId, ThreadId, UserId};
use crate::tenancy::TenantOwned;

impl TenantOwned for category::Entity {
    fn tenant_column() -> Self::Column {
        category::Column::TenantId
    }
}

impl TenantOwned for thread::Entity {
    fn tenant_column() -> Self::Column {
        thread::Column::TenantId
    }
}

impl TenantOwned for post::Entity {
    fn tenant_column() -> Self::Column {
        post::Column::TenantId
    }
}

impl TenantOwned for post_revision::Entity {
    fn tenant_column() -> Self::Column {
        post_revision::Column::TenantId
    }
}

impl TenantOwned for post_flag::Entity {
    fn tenant_column() -> Self::Column {
        post_flag::Column::TenantId
    }
}

impl TenantOwned for moderation_entry::Entity {
    fn tenant_column() -> Self::Column {
        moderation_entry::Column::TenantId
    }
}

/// A thread in a list.
#[derive(Clone, Debug)]
pub struct ThreadSummary {
    pub id: ThreadId,
    pub category_id: Option<CategoryId>,
    pub group_id: Option<GroupId>,
    pub title: String,
    pub author_name: String,
    pub locked: bool,
    pub reply_count: u64,
    pub last_post_at: DateTime<Utc>,
    pub created_at: DateTime<Utc>,
}

/// The post a reply quotes, as shown above the reply.
#[derive(Clone, Debug)]
pub struct Quote {
    pub post_id: PostId,
    pub author_name: String,
    /// Safe HTML; empty when the quoted post is hidden from the reader.
    pub body_html: String,
    pub hidden: bool,
}

/// One post as a reader sees it.
#[derive(Clone, Debug)]
pub struct Post {
    pub id: PostId,
    pub thread_id: ThreadId,
    pub author_id: Option<UserId>,
    pub author_name: String,
    /// Markdown as written; empty when hidden from the reader.
    pub body: String,
    /// Safe HTML, with @mentions emphasised; empty when hidden from the reader.
    pub body_html: String,
    pub quote: Option<Quote>,
    pub hidden: bool,
    /// Shown to moderators only.
    pub hidden_reason: String,
    pub edited_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    /// May the reader edit it?
    pub editable: bool,
}

/// A post's earlier body.
#[derive(Clone, Debug)]
pub struct Revision {
    pub id: crate::ids::PostRevisionId,
    pub body: String,
    pub body_html: String,
    pub edited_by_name: String,
    /// When this body was replaced.
    pub created_at: DateTime<Utc>,
}

fn mentions_of(model: &post::Model) -> Vec<String> {
    serde_json::from_value(model.mentions.clone()).unwrap_or_default()
}

/// Names of users by id, in one query. Authors are people, not tenant-owned rows.
pub(crate) async fn user_names(
    conn: &impl ConnectionTrait,
    ids: impl IntoIterator<Item = UserId>,
) -> Result<HashMap<UserId, String>> {
    let mut ids: Vec<UserId> = ids.into_iter().collect();
    ids.sort();
    ids.dedup();
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    Ok(user::Entity::find()
        .filter(user::Column::Id.is_in(ids))
        .all(conn)
        .await?
        .into_iter()
        .map(|u| (u.id, u.display_name))
        .collect())
}
