//! The members page: everyone sees who is in the network; coordinators also see e-mail
//! addresses, change roles and statuses, and invite people (and resend or revoke invitations).

use std::collections::HashMap;

use askama::Template;
use domain::ids::{InvitationId, MembershipId, OrganisationId};
use domain::pagination::PageRequest;
use domain::people::invitations::{self, Invitation, NewInvitation};
use domain::people::members::{self, Member, MemberPatch};
use domain::people::{InvitationStatus, MembershipStatus, organisations};
use domain::policy::{Action, Role};
use domain::tenancy::TenantScope;
use poem::handler;
use poem::http::StatusCode;

use crate::context::Ctx;
use crate::forms::{FormErrors, form_failure};
use crate::render::{PageResult, page_with, see_other};

/// The invitation form as typed.
#[derive(Default)]
struct InviteForm {
    email: String,
    role: String,
    organisation_id: String,
}

struct MemberRow {
    member: Member,
    /// May the viewer change this member's role and status?
    editable: bool,
}

struct InvitationRow {
    invitation: Invitation,
    organisation: String,
    status: String,
    pending: bool,
}

#[derive(Template)]
#[template(path = "members.html")]
struct MembersPage<'a> {
    ctx: &'a Ctx,
    rows: Vec<MemberRow>,
    next: Option<String>,
    manage: bool,
    role_choices: Vec<(String, String)>,
    status_choices: Vec<(String, String)>,
    organisation_choices: Vec<(String, String)>,
    invitations: Vec<InvitationRow>,
    invitations_next: Option<String>,
    invite: InviteForm,
    errors: FormErrors,
    /// Why a change to a member or an invitation did not happen.
    alert: Vec<String>,
    notice: Option<String>,
}

/// The roles the viewer may give: coordinators give roles below their own, owners any.
fn assignable_roles(scope: &TenantScope) -> Vec<Role> {
    Role::ALL
        .iter()
        .copied()
        .filter(|role| *role < Role::Coordinator || scope.can(Action::ManageCoordinators))
        .collect()
}

async fn render(
    ctx: &Ctx,
    status: StatusCode,
    typed: InviteForm,
    errors: FormErrors,
    alert: Vec<String>,
) -> PageResult {
    let scope = ctx.scope()?;
    let svc = ctx.svc();
    let cursor = ctx.query.opt("cursor");
    let found = members::list(svc, scope, PageRequest::parse(Some(50), cursor)?).await?;
    let manage = scope.can(Action::ManagePeople);
    let roles = assignable_roles(scope);
    let rows = found
        .items
        .into_iter()
        .map(|member| MemberRow {
            editable: manage && roles.contains(&member.role),
            member,
        })
        .collect();
    let next = found
        .next_cursor
        .map(|c| ctx.network_path(&format!("/members?cursor={c}")));

    let mut invitation_rows = Vec::new();
    let mut invitations_next = None;
    let mut organisation_choices = Vec::new();
    if manage {
        let all = organisations::all(svc, scope).await?;
        let names: HashMap<OrganisationId, String> =
            all.iter().map(|o| (o.id, o.name.clone())).collect();
        organisation_choices.push((String::new(), ctx.t("members-no-organisation")));
        organisation_choices.extend(all.into_iter().map(|o| (o.id.to_string(), o.name)));
        let cursor = ctx.query.opt("invitations_cursor");
        let page = invitations::list(svc, scope, PageRequest::parse(Some(50), cursor)?).await?;
        let now = svc.now();
        invitation_rows = page
            .items
            .into_iter()
            .map(|invitation| {
                let pending = invitation.status == InvitationStatus::Pending;
                let status = if pending && invitation.expires_at <= now {
                    ctx.t("invitation_status-expired")
                } else {
                    ctx.label("invitation_status", invitation.status.as_str())
                };
                InvitationRow {
                    organisation: invitation
                        .organisation_id
                        .and_then(|id| names.get(&id).cloned())
                        .unwrap_or_default(),
                    status,
                    pending,
                    invitation,
                }
            })
            .collect();
        invitations_next = page
            .next_cursor
            .map(|c| ctx.network_path(&format!("/members?invitations_cursor={c}#invitations")));
    }
    let notice = match ctx.query.get("notice") {
        "member_updated" => Some(ctx.t("notice-member-updated")),
        "invited" => Some(ctx.t("notice-invited")),
        "invitation_resent" => Some(ctx.t("notice-invitation-resent")),
        "invitation_revoked" => Some(ctx.t("notice-invitation-revoked")),
        _ => None,
    };
    let typed = InviteForm {
        role: if typed.role.is_empty() {
            Role::Member.as_str().to_owned()
        } else {
            typed.role
        },
        ..typed
    };
    page_with(
        status,
        &MembersPage {
            ctx,
            rows,
            next,
            manage,
            role_choices: roles
                .iter()
                .map(|r| (r.as_str().to_owned(), ctx.label("role", r.as_str())))
                .collect(),
            status_choices: [MembershipStatus::Active, MembershipStatus::Suspended]
                .iter()
                .map(|s| {
                    (
                        s.as_str().to_owned(),
                        ctx.label("member_status", s.as_str()),
                    )
                })
                .collect(),
            organisation_choices,
            invitations: invitation_rows,
            invitations_next,
            invite: typed,
            errors,
            alert,
            notice,
        },
    )
}

#[handler]
pub(crate) async fn list(ctx: &Ctx) -> PageResult {
    render(
        ctx,
        StatusCode::OK,
        InviteForm::default(),
        FormErrors::none(),
        Vec::new(),
    )
    .await
}

/// A failed change shown above the list, with the status it deserves.
async fn render_alert(ctx: &Ctx, err: domain::Error) -> PageResult {
    let (status, errors) = form_failure(ctx, err, &[])?;
    let alert = errors.general_messages().to_vec();
    render(
        ctx,
        status,
        InviteForm::default(),
        FormErrors::none(),
        alert,
    )
    .await
}

fn parse_choice<T>(
    ctx: &Ctx,
    field: &'static str,
    parse: impl Fn(&str) -> Option<T>,
) -> Result<Option<T>, domain::Error> {
    match ctx.form.opt(field) {
        None => Ok(None),
        Some(value) => parse(value)
            .map(Some)
            .ok_or_else(|| domain::Error::invalid(field, "invalid")),
    }
}

#[handler]
pub(crate) async fn update(ctx: &Ctx) -> PageResult {
    let scope = ctx.scope()?;
    let id: MembershipId = ctx.id("id")?;
    let patch = parse_choice(ctx, "role", Role::parse).and_then(|role| {
        Ok(MemberPatch {
            role,
            status: parse_choice(ctx, "status", MembershipStatus::parse)?,
            organisation_id: None,
        })
    });
    let result = match patch {
        Ok(patch) => members::update(ctx.svc(), scope, id, patch).await,
        Err(err) => Err(err),
    };
    match result {
        Ok(_) => Ok(see_other(
            &ctx.network_path("/members?notice=member_updated"),
        )),
        Err(err) => render_alert(ctx, err).await,
    }
}

#[handler]
pub(crate) async fn invite(ctx: &Ctx) -> PageResult {
    let scope = ctx.scope()?;
    let form = InviteForm {
        email: ctx.form.get("email").to_owned(),
        role: ctx.form.get("role").to_owned(),
        organisation_id: ctx.form.get("organisation_id").to_owned(),
    };
    let input = (|| {
        let role =
            Role::parse(&form.role).ok_or_else(|| domain::Error::invalid("role", "invalid"))?;
        let organisation_id = match ctx.form.opt("organisation_id") {
            None => None,
            Some(value) => Some(
                value
                    .parse::<OrganisationId>()
                    .map_err(|_| domain::Error::invalid("organisation_id", "unknown"))?,
            ),
        };
        Ok::<_, domain::Error>(NewInvitation {
            email: form.email.clone(),
            organisation_id,
            role,
        })
    })();
    let result = match input {
        Ok(input) => invitations::create(ctx.svc(), scope, input).await,
        Err(err) => Err(err),
    };
    match result {
        Ok(_) => Ok(see_other(&ctx.network_path("/members?notice=invited"))),
        Err(err) => {
            let (status, errors) = form_failure(ctx, err, &["email", "role", "organisation_id"])?;
            render(ctx, status, form, errors, Vec::new()).await
        }
    }
}

#[handler]
pub(crate) async fn resend_invitation(ctx: &Ctx) -> PageResult {
    let id: InvitationId = ctx.id("id")?;
    match invitations::resend(ctx.svc(), ctx.scope()?, id).await {
        Ok(_) => Ok(see_other(
            &ctx.network_path("/members?notice=invitation_resent#invitations"),
        )),
        Err(err) => render_alert(ctx, err).await,
    }
}

#[handler]
pub(crate) async fn revoke_invitation(ctx: &Ctx) -> PageResult {
    let id: InvitationId = ctx.id("id")?;
    match invitations::revoke(ctx.svc(), ctx.scope()?, id).await {
        Ok(_) => Ok(see_other(
            &ctx.network_path("/members?notice=invitation_revoked#invitations"),
        )),
        Err(err) => render_alert(ctx, err).await,
    }
}
