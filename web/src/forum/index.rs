//! The forum's front page, a category's page, the categories' upkeep (coordinators) and
//! starting a thread.

use askama::Template;
use domain::forum::categories::{self, Category, CategoryPatch, NewCategory};
use domain::forum::threads::{self, NewThread, ThreadFilter};
use domain::ids::{CategoryId, GroupId};
use domain::pagination::PageRequest;
use domain::people::groups;
use domain::policy::Action;
use poem::handler;
use poem::http::StatusCode;

use super::{ThreadForm, ThreadRow, thread_row};
use crate::context::Ctx;
use crate::forms::{FormErrors, form_failure};
use crate::render::{PageResult, page_with, see_other};

/// Threads shown under each category on the front page.
const PER_CATEGORY: usize = 5;

struct CategoryBlock {
    category: Category,
    href: String,
    threads: Vec<ThreadRow>,
}

#[derive(Default)]
struct CategoryForm {
    name: String,
    description: String,
    position: String,
}

#[derive(Template)]
#[template(path = "forum/index.html")]
struct ForumPage<'a> {
    ctx: &'a Ctx,
    blocks: Vec<CategoryBlock>,
    thread_form: Option<ThreadForm>,
    manage: bool,
    form: CategoryForm,
    errors: FormErrors,
    notice: Option<String>,
}

fn notice(ctx: &Ctx) -> Option<String> {
    match ctx.query.get("notice") {
        "category_created" => Some(ctx.t("forum-notice-category-created")),
        "category_saved" => Some(ctx.t("forum-notice-category-saved")),
        "category_deleted" => Some(ctx.t("forum-notice-category-deleted")),
        _ => None,
    }
}

fn may_start(ctx: &Ctx) -> bool {
    ctx.is_member() && ctx.can(Action::StartThread)
}

async fn render_overview(
    ctx: &Ctx,
    status: StatusCode,
    form: CategoryForm,
    errors: FormErrors,
) -> PageResult {
    let scope = ctx.scope()?;
    let svc = ctx.svc();
    let all = categories::list(svc, scope).await?;
    // The latest network-wide threads in one query, shared out to their categories.
    let latest = threads::list(
        svc,
        scope,
        ThreadFilter::Categories,
        PageRequest::first(100),
    )
    .await?;
    let blocks = all
        .iter()
        .map(|c| CategoryBlock {
            href: ctx.network_path(&format!("/forum/categories/{}", c.id)),
            threads: latest
                .items
                .iter()
                .filter(|t| t.category_id == Some(c.id))
                .take(PER_CATEGORY)
                .map(|t| thread_row(ctx, t))
                .collect(),
            category: c.clone(),
        })
        .collect();
    page_with(
        status,
        &ForumPage {
            ctx,
            blocks,
            thread_form: (may_start(ctx) && !all.is_empty())
                .then(|| ThreadForm::for_categories(&all, "")),
            manage: ctx.can(Action::Moderate),
            form,
            errors,
            notice: notice(ctx),
        },
    )
}

#[handler]
pub(crate) async fn overview(ctx: &Ctx) -> PageResult {
    render_overview(
        ctx,
        StatusCode::OK,
        CategoryForm::default(),
        FormErrors::none(),
    )
    .await
}

fn category_input(ctx: &Ctx) -> (CategoryForm, Result<i32, FormErrors>) {
    let form = CategoryForm {
        name: ctx.form.get("name").to_owned(),
        description: ctx.form.get("description").to_owned(),
        position: ctx.form.get("position").trim().to_owned(),
    };
    let position = if form.position.is_empty() {
        Ok(0)
    } else {
        form.position.parse::<i32>().map_err(|_| {
            let mut errors = FormErrors::none();
            errors.add_field(
                "position",
                crate::forms::field_message(ctx, "position", "invalid"),
            );
            errors
        })
    };
    (form, position)
}

#[handler]
pub(crate) async fn create_category(ctx: &Ctx) -> PageResult {
    let scope = ctx.scope()?;
    let (form, position) = category_input(ctx);
    let position = match position {
        Ok(p) => p,
        Err(errors) => {
            return render_overview(ctx, StatusCode::UNPROCESSABLE_ENTITY, form, errors).await;
        }
    };
    let input = NewCategory {
        name: form.name.clone(),
        description: form.description.clone(),
        position,
    };
    match categories::create(ctx.svc(), scope, input).await {
        Ok(_) => Ok(see_other(
            &ctx.network_path("/forum?notice=category_created"),
        )),
        Err(err) => {
            let (status, errors) = form_failure(ctx, err, &["name", "description", "position"])?;
            render_overview(ctx, status, form, errors).await
        }
    }
}

#[derive(Template)]
#[template(path = "forum/category.html")]
struct CategoryPage<'a> {
    ctx: &'a Ctx,
    category: Category,
    threads: Vec<ThreadRow>,
    next: Option<String>,
    thread_form: Option<ThreadForm>,
    manage: bool,
    form: CategoryForm,
    errors: FormErrors,
    notice: Option<String>,
}

async fn render_category(
    ctx: &Ctx,
    status: StatusCode,
    form: Option<CategoryForm>,
    errors: FormErrors,
) -> PageResult {
    let scope = ctx.scope()?;
    let svc = ctx.svc();
    let id: CategoryId = ctx.id("id")?;
    let category = categories::get(svc, scope, id).await?;
    let found = threads::list(
        svc,
        scope,
        ThreadFilter::Category(id),
        PageRequest::parse(Some(30), ctx.query.opt("cursor"))?,
    )
    .await?;
    let thread_form = if may_start(ctx) {
        let all = categories::list(svc, scope).await?;
        Some(ThreadForm::for_categories(&all, &id.to_string()))
    } else {
        None
    };
    let form = form.unwrap_or_else(|| CategoryForm {
        name: category.name.clone(),
        description: category.description.clone(),
        position: category.position.to_string(),
    });
    page_with(
        status,
        &CategoryPage {
            ctx,
            threads: found.items.iter().map(|t| thread_row(ctx, t)).collect(),
            next: found
                .next_cursor
                .map(|c| ctx.network_path(&format!("/forum/categories/{id}?cursor={c}"))),
            category,
            thread_form,
            manage: ctx.can(Action::Moderate),
            form,
            errors,
            notice: notice(ctx),
        },
    )
}

#[handler]
pub(crate) async fn category_page(ctx: &Ctx) -> PageResult {
    render_category(ctx, StatusCode::OK, None, FormErrors::none()).await
}

#[handler]
pub(crate) async fn update_category(ctx: &Ctx) -> PageResult {
    let scope = ctx.scope()?;
    let id: CategoryId = ctx.id("id")?;
    let (form, position) = category_input(ctx);
    let position = match position {
        Ok(p) => p,
        Err(errors) => {
            return render_category(ctx, StatusCode::UNPROCESSABLE_ENTITY, Some(form), errors)
                .await;
        }
    };
    let patch = CategoryPatch {
        name: Some(form.name.clone()),
        description: Some(form.description.clone()),
        position: Some(position),
    };
    match categories::update(ctx.svc(), scope, id, patch).await {
        Ok(_) => Ok(see_other(&ctx.network_path(&format!(
            "/forum/categories/{id}?notice=category_saved"
        )))),
        Err(err) => {
            let (status, errors) = form_failure(ctx, err, &["name", "description", "position"])?;
            render_category(ctx, status, Some(form), errors).await
        }
    }
}

#[handler]
pub(crate) async fn delete_category(ctx: &Ctx) -> PageResult {
    let scope = ctx.scope()?;
    let id: CategoryId = ctx.id("id")?;
    match categories::delete(ctx.svc(), scope, id).await {
        Ok(()) => Ok(see_other(
            &ctx.network_path("/forum?notice=category_deleted"),
        )),
        Err(err) => {
            let (status, errors) = form_failure(ctx, err, &[])?;
            render_category(ctx, status, None, errors).await
        }
    }
}

#[derive(Template)]
#[template(path = "forum/new_thread.html")]
struct NewThreadPage<'a> {
    ctx: &'a Ctx,
    /// Where the thread goes, for the heading and the way back.
    place_name: String,
    place_href: String,
    thread_form: ThreadForm,
}

/// The form on its own page: linked from nowhere in particular, it is where a failed attempt
/// from the forum's or a group's page shows its messages.
async fn render_new(ctx: &Ctx, status: StatusCode, mut form: ThreadForm) -> PageResult {
    let scope = ctx.scope()?;
    let svc = ctx.svc();
    let (place_name, place_href) = match form.group_id.parse::<GroupId>() {
        Ok(group_id) => {
            let group = groups::get(svc, scope, group_id).await?;
            (group.name, ctx.network_path(&format!("/groups/{group_id}")))
        }
        Err(_) => {
            let all = categories::list(svc, scope).await?;
            let fresh = ThreadForm::for_categories(&all, &form.category_id);
            form.categories = fresh.categories;
            form.group_id = String::new();
            (ctx.t("forum-title"), ctx.network_path("/forum"))
        }
    };
    page_with(
        status,
        &NewThreadPage {
            ctx,
            place_name,
            place_href,
            thread_form: form,
        },
    )
}

#[handler]
pub(crate) async fn new_thread_page(ctx: &Ctx) -> PageResult {
    let mut form = ThreadForm::for_group(ctx.query.get("group_id"));
    form.category_id = ctx.query.get("category_id").to_owned();
    render_new(ctx, StatusCode::OK, form).await
}

#[handler]
pub(crate) async fn create_thread(ctx: &Ctx) -> PageResult {
    let scope = ctx.scope()?;
    let mut form = ThreadForm::for_group(ctx.form.get("group_id"));
    form.category_id = ctx.form.get("category_id").to_owned();
    form.title = ctx.form.get("title").to_owned();
    form.body = ctx.form.get("body").to_owned();
    let input = NewThread {
        category_id: form.category_id.parse().ok(),
        group_id: form.group_id.parse().ok(),
        title: form.title.clone(),
        body: form.body.clone(),
    };
    match threads::create(ctx.svc(), scope, input).await {
        Ok(thread) => Ok(see_other(
            &ctx.network_path(&format!("/threads/{}?notice=created", thread.id)),
        )),
        Err(err) => {
            let (status, errors) =
                form_failure(ctx, err, &["title", "body", "category_id", "group_id"])?;
            form.errors = errors;
            render_new(ctx, status, form).await
        }
    }
}
