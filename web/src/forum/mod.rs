//! The forum in the browser: the forum's front page (categories with their latest threads),
//! a category's threads, starting a thread (in a category or a working group), a thread with its
//! posts, replying (with a quote), editing, the edit history, flagging, and the moderators'
//! actions and page. Every action is a plain form; the moderators' forms sit behind
//! `<details>` so they are one deliberate click away.

mod index;
mod moderation;
mod thread;

use domain::forum::ThreadSummary;
use domain::forum::categories::Category;

use crate::context::Ctx;
use crate::forms::FormErrors;

pub(crate) fn register(b: &mut crate::Builder) {
    b.page("/n/:slug/forum", index::overview);
    b.page("/n/:slug/forum/new", index::new_thread_page);
    b.form("/n/:slug/forum/threads", index::create_thread);
    b.form("/n/:slug/forum/categories", index::create_category);
    b.page("/n/:slug/forum/categories/:id", index::category_page);
    b.form("/n/:slug/forum/categories/:id", index::update_category);
    b.form(
        "/n/:slug/forum/categories/:id/delete",
        index::delete_category,
    );
    b.page("/n/:slug/threads/:id", thread::show);
    b.form("/n/:slug/threads/:id/posts", thread::post_reply);
    b.form("/n/:slug/threads/:id/title", thread::rename);
    b.form("/n/:slug/threads/:id/lock", thread::lock);
    b.form("/n/:slug/threads/:id/unlock", thread::unlock);
    b.page("/n/:slug/posts/:id/edit", thread::edit_form);
    b.form("/n/:slug/posts/:id", thread::edit);
    b.page("/n/:slug/posts/:id/history", thread::history);
    b.form("/n/:slug/posts/:id/flag", thread::flag);
    b.form("/n/:slug/posts/:id/hide", thread::hide);
    b.form("/n/:slug/posts/:id/restore", thread::restore);
    b.page("/n/:slug/moderation", moderation::page);
}

/// A thread in a list, ready for `forum/thread_list.html`.
pub(crate) struct ThreadRow {
    pub href: String,
    pub title: String,
    pub author_name: String,
    pub replies: String,
    pub last_post: String,
    pub last_post_machine: String,
    pub locked: bool,
}

pub(crate) fn thread_row(ctx: &Ctx, t: &ThreadSummary) -> ThreadRow {
    ThreadRow {
        href: ctx.network_path(&format!("/threads/{}", t.id)),
        title: t.title.clone(),
        author_name: t.author_name.clone(),
        replies: ctx.t1("forum-replies", "count", t.reply_count),
        last_post: ctx.datetime(&t.last_post_at),
        last_post_machine: ctx.machine_datetime(&t.last_post_at),
        locked: t.locked,
    }
}

/// The new-thread form (`forum/new_thread_form.html`): in a category (chosen from a list) or in
/// one working group (fixed).
pub(crate) struct ThreadForm {
    pub categories: Vec<(String, String)>,
    pub category_id: String,
    pub group_id: String,
    pub title: String,
    pub body: String,
    pub errors: FormErrors,
}

impl ThreadForm {
    pub fn for_categories(categories: &[Category], selected: &str) -> Self {
        ThreadForm {
            categories: categories
                .iter()
                .map(|c| (c.id.to_string(), c.name.clone()))
                .collect(),
            category_id: selected.to_owned(),
            group_id: String::new(),
            title: String::new(),
            body: String::new(),
            errors: FormErrors::none(),
        }
    }

    pub fn for_group(group_id: &str) -> Self {
        ThreadForm {
            categories: Vec::new(),
            category_id: String::new(),
            group_id: group_id.to_owned(),
            title: String::new(),
            body: String::new(),
            errors: FormErrors::none(),
        }
    }
}

/// The threads of a working group and a form for a new one, for the group's page.
pub(crate) struct GroupForum {
    pub threads: Vec<ThreadRow>,
    pub more_threads: Option<String>,
    /// `None` when the viewer may not start a thread there.
    pub thread_form: Option<ThreadForm>,
}

pub(crate) async fn group_forum(
    ctx: &Ctx,
    group_id: domain::ids::GroupId,
) -> Result<GroupForum, crate::errors::WebError> {
    use domain::forum::threads::{self, ThreadFilter};
    use domain::pagination::PageRequest;
    let scope = ctx.scope()?;
    let found = threads::list(
        ctx.svc(),
        scope,
        ThreadFilter::Group(group_id),
        PageRequest::parse(Some(20), ctx.query.opt("threads"))?,
    )
    .await?;
    let may_start = scope.member().is_some()
        && scope.can(domain::policy::Action::StartThread)
        && (scope.sees_all_groups() || scope.group_ids().contains(&group_id));
    Ok(GroupForum {
        threads: found.items.iter().map(|t| thread_row(ctx, t)).collect(),
        more_threads: found
            .next_cursor
            .map(|c| ctx.network_path(&format!("/groups/{group_id}?threads={c}#threads"))),
        thread_form: may_start.then(|| ThreadForm::for_group(&group_id.to_string())),
    })
}
