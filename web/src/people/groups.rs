//! Working groups: the list (coordinators create new ones) and each group's page, where members
//! join open groups and leave any group they are in, and the network's or the group's
//! coordinators add and remove members (the only way into a closed group).

use askama::Template;
use domain::ids::{GroupId, MembershipId};
use domain::meetings::{self, Period};
use domain::pagination::PageRequest;
use domain::people::groups::{self, Group, GroupMember, NewGroup};
use domain::people::members;
use domain::policy::Action;
use poem::handler;
use poem::http::StatusCode;

use crate::context::Ctx;
use crate::forms::{FormErrors, form_failure};
use crate::render::{PageResult, page_with, see_other};

#[derive(Default)]
struct GroupForm {
    name: String,
    description: String,
    is_open: bool,
}

#[derive(Template)]
#[template(path = "groups.html")]
struct GroupsPage<'a> {
    ctx: &'a Ctx,
    groups: Vec<Group>,
    next: Option<String>,
    can_create: bool,
    form: GroupForm,
    errors: FormErrors,
    notice: Option<String>,
}

async fn render_list(
    ctx: &Ctx,
    status: StatusCode,
    form: GroupForm,
    errors: FormErrors,
) -> PageResult {
    let scope = ctx.scope()?;
    let found = groups::list(
        ctx.svc(),
        scope,
        PageRequest::parse(Some(50), ctx.query.opt("cursor"))?,
    )
    .await?;
    let notice = (ctx.query.get("notice") == "created").then(|| ctx.t("notice-group-created"));
    page_with(
        status,
        &GroupsPage {
            ctx,
            next: found
                .next_cursor
                .map(|c| ctx.network_path(&format!("/groups?cursor={c}"))),
            groups: found.items,
            can_create: scope.can(Action::ManageGroups),
            form,
            errors,
            notice,
        },
    )
}

#[handler]
pub(crate) async fn list(ctx: &Ctx) -> PageResult {
    let form = GroupForm {
        is_open: true,
        ..GroupForm::default()
    };
    render_list(ctx, StatusCode::OK, form, FormErrors::none()).await
}

#[handler]
pub(crate) async fn create(ctx: &Ctx) -> PageResult {
    let scope = ctx.scope()?;
    let form = GroupForm {
        name: ctx.form.get("name").to_owned(),
        description: ctx.form.get("description").to_owned(),
        is_open: ctx.form.get("is_open") == "1",
    };
    let input = NewGroup {
        name: form.name.clone(),
        description: form.description.clone(),
        is_open: form.is_open,
    };
    match groups::create(ctx.svc(), scope, input).await {
        Ok(group) => Ok(see_other(
            &ctx.network_path(&format!("/groups/{}?notice=created", group.id)),
        )),
        Err(err) => {
            let (status, errors) = form_failure(ctx, err, &["name", "description"])?;
            render_list(ctx, status, form, errors).await
        }
    }
}

#[derive(Template)]
#[template(path = "group.html")]
struct GroupPage<'a> {
    ctx: &'a Ctx,
    group: Group,
    members: Vec<GroupMember>,
    /// Is the viewer in this group?
    joined: bool,
    can_join: bool,
    /// May the viewer add and remove members?
    manage: bool,
    /// Active members of the network who are not in the group yet (for coordinators).
    candidates: Vec<(String, String)>,
    notice: Option<String>,
    alert: Option<String>,
    /// The group's threads and the form for a new one.
    threads: Vec<crate::forum::ThreadRow>,
    more_threads: Option<String>,
    thread_form: Option<crate::forum::ThreadForm>,
    /// The follow button (members only).
    show_follow: bool,
    follow_kind: &'static str,
    follow_id: String,
    following: bool,
    /// The group's files (not shown to outsiders of a closed group).
    show_files: bool,
    files: Vec<crate::material::FileRow>,
    target_kind: &'static str,
    target_id: String,
    can_upload: bool,
    /// The group's next meetings, and its latest past ones (empty for outsiders).
    cards: Vec<crate::meetings::SummaryView>,
    past_cards: Vec<crate::meetings::SummaryView>,
}

/// How many of the group's meetings its page shows.
const UPCOMING_MEETINGS: u64 = 10;
const PAST_MEETINGS: u64 = 3;

/// Coordinators of the network, and the group's own coordinators.
fn coordinates(ctx: &Ctx, id: GroupId) -> bool {
    ctx.can(Action::ManageGroups)
        || ctx
            .scope
            .as_ref()
            .and_then(|s| s.member())
            .is_some_and(|m| m.coordinated_group_ids.contains(&id))
}

async fn render_group(ctx: &Ctx, status: StatusCode, alert: Option<String>) -> PageResult {
    let scope = ctx.scope()?;
    let id: GroupId = ctx.id("id")?;
    let group = groups::get(ctx.svc(), scope, id).await?;
    let members = groups::members(ctx.svc(), scope, id).await?;
    let joined = scope.group_ids().contains(&id);
    let manage = coordinates(ctx, id);
    let mut candidates = Vec::new();
    if manage {
        candidates = members::all_active(ctx.svc(), scope)
            .await?
            .into_iter()
            .filter(|m| !members.iter().any(|g| g.membership_id == m.id))
            .map(|m| {
                let label = match &m.organisation_name {
                    Some(organisation) => format!("{} ({organisation})", m.display_name),
                    None => m.display_name.clone(),
                };
                (m.id.to_string(), label)
            })
            .collect();
    }
    let notice = match ctx.query.get("notice") {
        "created" => Some(ctx.t("notice-group-created")),
        "joined" => Some(ctx.t("notice-group-joined")),
        "left" => Some(ctx.t("notice-group-left")),
        "member_added" => Some(ctx.t("notice-group-member-added")),
        "member_removed" => Some(ctx.t("notice-group-member-removed")),
        _ => None,
    };
    let forum = crate::forum::group_forum(ctx, id).await?;
    let show_follow = scope.member().is_some();
    let following = show_follow
        && domain::notifications::is_following(
            ctx.svc(),
            scope,
            domain::notifications::Subject::Group(id),
        )
        .await?;
    // A closed group's files are its members' (and coordinators'); others see no section.
    let files = match crate::material::attachments(ctx, domain::material::Target::Group(id)).await {
        Ok(files) => Some(files),
        Err(crate::errors::WebError::Domain(domain::Error::NotFound)) => None,
        Err(err) => return Err(err),
    };
    let show_files = files.is_some();
    let tz = scope.network().time_zone;
    let cards = meetings::of_group(ctx.svc(), scope, id, Period::Upcoming, UPCOMING_MEETINGS)
        .await?
        .iter()
        .map(|m| crate::meetings::SummaryView::new(ctx, tz, m))
        .collect();
    let past_cards = meetings::of_group(ctx.svc(), scope, id, Period::Past, PAST_MEETINGS)
        .await?
        .iter()
        .map(|m| crate::meetings::SummaryView::new(ctx, tz, m))
        .collect();
    let files = files.unwrap_or(crate::material::Attachments {
        files: vec![],
        target_kind: "group",
        target_id: id.to_string(),
        can_upload: false,
    });
    page_with(
        status,
        &GroupPage {
            ctx,
            threads: forum.threads,
            more_threads: forum.more_threads,
            thread_form: forum.thread_form,
            show_follow,
            follow_kind: "group",
            follow_id: id.to_string(),
            following,
            show_files,
            files: files.files,
            target_kind: files.target_kind,
            target_id: files.target_id,
            can_upload: files.can_upload,
            cards,
            past_cards,
            can_join: !joined && group.is_open && scope.member().is_some(),
            group,
            members,
            joined,
            manage,
            candidates,
            notice,
            alert,
        },
    )
}

#[handler]
pub(crate) async fn show(ctx: &Ctx) -> PageResult {
    render_group(ctx, StatusCode::OK, None).await
}

/// A join or leave that the domain refused, shown on the group's page.
async fn refused(ctx: &Ctx, err: domain::Error) -> PageResult {
    let (status, errors) = form_failure(ctx, err, &[])?;
    render_group(ctx, status, errors.general_messages().first().cloned()).await
}

#[handler]
pub(crate) async fn join(ctx: &Ctx) -> PageResult {
    let scope = ctx.scope()?;
    let id: GroupId = ctx.id("id")?;
    let member = scope.member().ok_or_else(|| scope_error(ctx))?;
    // Joining again must not take away a coordinator's role in the group.
    if !scope.group_ids().contains(&id)
        && let Err(err) =
            groups::add_member(ctx.svc(), scope, id, member.membership_id, false).await
    {
        return refused(ctx, err).await;
    }
    Ok(see_other(
        &ctx.network_path(&format!("/groups/{id}?notice=joined")),
    ))
}

#[handler]
pub(crate) async fn leave(ctx: &Ctx) -> PageResult {
    let scope = ctx.scope()?;
    let id: GroupId = ctx.id("id")?;
    let member = scope.member().ok_or_else(|| scope_error(ctx))?;
    // Leaving twice (a double click) is not an error; a group of another network is not found.
    let left = if scope.group_ids().contains(&id) {
        groups::remove_member(ctx.svc(), scope, id, member.membership_id).await
    } else {
        groups::get(ctx.svc(), scope, id).await.map(|_| ())
    };
    if let Err(err) = left {
        return refused(ctx, err).await;
    }
    Ok(see_other(
        &ctx.network_path(&format!("/groups/{id}?notice=left")),
    ))
}

#[handler]
pub(crate) async fn add_member(ctx: &Ctx) -> PageResult {
    let scope = ctx.scope()?;
    let id: GroupId = ctx.id("id")?;
    let Ok(membership_id) = ctx.form.get("membership_id").parse::<MembershipId>() else {
        let message = crate::forms::field_message(ctx, "membership_id", "unknown");
        return render_group(ctx, StatusCode::UNPROCESSABLE_ENTITY, Some(message)).await;
    };
    let is_coordinator = ctx.form.get("is_coordinator") == "1";
    match groups::add_member(ctx.svc(), scope, id, membership_id, is_coordinator).await {
        Ok(_) => Ok(see_other(
            &ctx.network_path(&format!("/groups/{id}?notice=member_added")),
        )),
        Err(err) => refused(ctx, err).await,
    }
}

#[handler]
pub(crate) async fn remove_member(ctx: &Ctx) -> PageResult {
    let scope = ctx.scope()?;
    let id: GroupId = ctx.id("id")?;
    let membership_id: MembershipId = ctx.id("membership_id")?;
    match groups::remove_member(ctx.svc(), scope, id, membership_id).await {
        Ok(()) => Ok(see_other(
            &ctx.network_path(&format!("/groups/{id}?notice=member_removed")),
        )),
        Err(err) => refused(ctx, err).await,
    }
}

/// What a non-member is told: visitors are asked to sign in, others find nothing here.
fn scope_error(ctx: &Ctx) -> domain::Error {
    if ctx.signed_in() {
        domain::Error::NotFound
    } else {
        domain::Error::Unauthenticated
    }
}
