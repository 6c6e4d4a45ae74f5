//! The forum: categories, threads in a category or a working group, posts with quoting, edit
//! history and @mentions, and moderation (flags, hiding and restoring posts, locking threads,
//! the moderation log).
//!
//! A thread of a closed working group, and each of its posts, answers 404 to whoever is not in
//! the group (coordinators see every group). A reply to a locked thread answers 409 with
//! `errors[0].code` = `thread_locked`; flagging a post twice `already_flagged`; deleting a
//! category that has threads `category_not_empty`.

mod categories;
mod moderation;
mod posts;
mod threads;

use poem_openapi::Tags;

#[derive(Tags)]
enum ForumTags {
    /// Forum categories, threads, posts and moderation.
    Forum,
}

/// The forum's operations, mounted as one entry of the API's tuple.
pub type ForumApi = (
    categories::CategoriesApi,
    threads::ThreadsApi,
    posts::PostsApi,
    moderation::ModerationApi,
);

/// The value of [`ForumApi`] (types and values have separate names, so `forum::ForumApi` names
/// both where the API is assembled).
#[allow(non_upper_case_globals)]
pub const ForumApi: ForumApi = (
    categories::CategoriesApi,
    threads::ThreadsApi,
    posts::PostsApi,
    moderation::ModerationApi,
);
