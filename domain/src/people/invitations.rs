//! Invitations by e-mail link. The link's secret is made by the worker when it sends the mail
//! (so it is never stored in clear, not even in the job queue); resending makes a new link and a
//! new expiry, and the old link stops working.

use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter,
    QuerySelect,
};

use super::{InvitationStatus, MembershipStatus, members, organisations};
use crate::Services;
use crate::audit;
use crate::entities::{invitation, user};
use crate::error::{Error, Result};
use crate::identity::secret::{hash_secret, new_secret};
use crate::identity::{
    NewUser, SignedIn, insert_user, prepare_user, start_session, verify_password,
};
use crate::ids::{InvitationId, OrganisationId, UserId};
use crate::jobs::{self, Task};
use crate::mail::{OutgoingMail, messages};
use crate::pagination::{Page, PageRequest, keyset};
use crate::policy::{Action, Role};
use crate::tenancy::{Network, TenantOwned, TenantScope, find_network_by_id};
use crate::text::Validator;

impl TenantOwned for invitation::Entity {
    fn tenant_column() -> Self::Column {
        invitation::Column::TenantId
    }
}

#[derive(Clone, Debug)]
pub struct Invitation {
    pub id: InvitationId,
    pub email: String,
    pub organisation_id: Option<OrganisationId>,
    pub role: Role,
    pub status: InvitationStatus,
    /// Pending but past this moment means expired.
    pub expires_at: DateTime<Utc>,
    pub accepted_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
}

impl From<invitation::Model> for Invitation {
    fn from(model: invitation::Model) -> Self {
        Invitation {
            id: model.id,
            email: model.email,
            organisation_id: model.organisation_id,
            role: model.role,
            status: model.status,
            expires_at: model.expires_at,
            accepted_at: model.accepted_at,
            created_at: model.created_at,
        }
    }
}

#[derive(Clone, Debug)]
pub struct NewInvitation {
    pub email: String,
    pub organisation_id: Option<OrganisationId>,
    pub role: Role,
}

fn check_invite(scope: &TenantScope, role: Role) -> Result<()> {
    scope.require(Action::ManagePeople)?;
    if role >= Role::Coordinator {
        scope.require(Action::ManageCoordinators)?;
    }
    Ok(())
}

pub async fn list(
    svc: &Services,
    scope: &TenantScope,
    page: PageRequest,
) -> Result<Page<Invitation>> {
    scope.require(Action::ManagePeople)?;
    let rows = keyset(
        scope.find::<invitation::Entity>(),
        invitation::Column::Id,
        page,
    )
    .all(svc.db.conn())
    .await?;
    Ok(Page::from_rows(
        rows.into_iter().map(Invitation::from).collect(),
        page,
        |i| i.id.0,
    ))
}

/// Invites someone by e-mail. The mail goes out through the worker.
pub async fn create(
    svc: &Services,
    scope: &TenantScope,
    input: NewInvitation,
) -> Result<Invitation> {
    check_invite(scope, input.role)?;
    let mut v = Validator::new();
    let email = v.email("email", &input.email);
    v.finish()?;

    let txn = svc.db.begin_write().await?;
    if let Some(organisation_id) = input.organisation_id {
        organisations::find(&txn, scope, organisation_id)
            .await
            .map_err(|_| Error::invalid("organisation_id", "unknown"))?;
    }
    let pending = scope
        .find::<invitation::Entity>()
        .filter(invitation::Column::Email.eq(&email))
        .filter(invitation::Column::Status.eq(InvitationStatus::Pending))
        .one(&txn)
        .await?;
    if pending.is_some() {
        return Err(Error::conflict("already_invited"));
    }
    // Someone who already has an account gets an `invited` membership now, so coordinators see
    // them among the members; it becomes active when they accept.
    let existing_user = user::Entity::find()
        .filter(user::Column::Email.eq(&email))
        .one(&txn)
        .await?;
    if let Some(user) = &existing_user {
        if members::of_user(&txn, scope, user.id).await?.is_some() {
            return Err(Error::conflict("already_member"));
        }
        members::insert(
            &txn,
            svc,
            scope,
            user.id,
            input.organisation_id,
            input.role,
            MembershipStatus::Invited,
        )
        .await?;
    }
    let now = svc.now();
    let model = invitation::ActiveModel {
        id: Set(InvitationId::new()),
        tenant_id: Set(scope.tenant_id()),
        email: Set(email),
        organisation_id: Set(input.organisation_id),
        role: Set(input.role),
        status: Set(InvitationStatus::Pending),
        // Replaced by the worker when it sends the link; until then nothing opens it.
        token_hash: Set(hash_secret(&new_secret()?)),
        invited_by: Set(scope.user_id()),
        expires_at: Set(now + svc.config.invitation_ttl),
        accepted_at: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
    }
    .insert(&txn)
    .await?;
    jobs::enqueue(
        &txn,
        svc,
        Some(scope.tenant_id()),
        &Task::SendInvitation {
            invitation_id: model.id,
        },
    )
    .await?;
    audit::record(
        &txn,
        svc,
        scope,
        "invitation.created",
        "invitation",
        Some(model.id.0),
        serde_json::json!({ "email": model.email, "role": model.role }),
    )
    .await?;
    txn.commit().await?;
    Ok(model.into())
}

async fn find_pending(
    conn: &impl ConnectionTrait,
    scope: &TenantScope,
    id: InvitationId,
) -> Result<invitation::Model> {
    let model = scope
        .find::<invitation::Entity>()
        .filter(invitation::Column::Id.eq(id))
        .one(conn)
        .await?
        .ok_or(Error::NotFound)?;
    if model.status != InvitationStatus::Pending {
        return Err(Error::conflict("not_pending"));
    }
    Ok(model)
}

/// Sends a new link with a new expiry; the previous link stops working.
pub async fn resend(svc: &Services, scope: &TenantScope, id: InvitationId) -> Result<Invitation> {
    scope.require(Action::ReadContent)?;
    let txn = svc.db.begin_write().await?;
    let current = find_pending(&txn, scope, id).await?;
    check_invite(scope, current.role)?;
    let mut model: invitation::ActiveModel = current.into();
    let now = svc.now();
    model.expires_at = Set(now + svc.config.invitation_ttl);
    model.token_hash = Set(hash_secret(&new_secret()?));
    model.updated_at = Set(now);
    let updated = model.update(&txn).await?;
    jobs::enqueue(
        &txn,
        svc,
        Some(scope.tenant_id()),
        &Task::SendInvitation { invitation_id: id },
    )
    .await?;
    audit::record(
        &txn,
        svc,
        scope,
        "invitation.resent",
        "invitation",
        Some(id.0),
        serde_json::json!({}),
    )
    .await?;
    txn.commit().await?;
    Ok(updated.into())
}

pub async fn revoke(svc: &Services, scope: &TenantScope, id: InvitationId) -> Result<Invitation> {
    scope.require(Action::ReadContent)?;
    let txn = svc.db.begin_write().await?;
    let current = find_pending(&txn, scope, id).await?;
    check_invite(scope, current.role)?;
    if let Some(user) = user::Entity::find()
        .filter(user::Column::Email.eq(&current.email))
        .one(&txn)
        .await?
    {
        members::delete_invited(&txn, scope, user.id).await?;
    }
    let mut model: invitation::ActiveModel = current.into();
    model.status = Set(InvitationStatus::Revoked);
    model.updated_at = Set(svc.now());
    let updated = model.update(&txn).await?;
    audit::record(
        &txn,
        svc,
        scope,
        "invitation.revoked",
        "invitation",
        Some(id.0),
        serde_json::json!({}),
    )
    .await?;
    txn.commit().await?;
    Ok(updated.into())
}

/// Sends the invitation mail with a fresh link (the worker's job). The new secret's hash is
/// committed before the mail leaves, so a link in a sent mail always works until it expires or
/// a later resend replaces it.
pub async fn deliver(svc: &Services, scope: &TenantScope, id: InvitationId) -> Result<()> {
    let secret = new_secret()?;
    let txn = svc.db.begin_write().await?;
    let Some(current) = scope
        .find::<invitation::Entity>()
        .filter(invitation::Column::Id.eq(id))
        .one(&txn)
        .await?
    else {
        return Ok(());
    };
    if current.status != InvitationStatus::Pending || current.expires_at <= svc.now() {
        return Ok(());
    }
    let network = scope.network().clone();
    let inviter = match current.invited_by {
        Some(user_id) => {
            user::Entity::find_by_id(user_id)
                .select_only()
                .column(user::Column::DisplayName)
                .into_tuple::<String>()
                .one(&txn)
                .await?
        }
        None => None,
    };
    let email = current.email.clone();
    let expires_at = current.expires_at;
    let mut model: invitation::ActiveModel = current.into();
    model.token_hash = Set(hash_secret(&secret));
    model.update(&txn).await?;
    txn.commit().await?;

    let link = format!(
        "{}/invitations/{}",
        svc.config.public_url.trim_end_matches('/'),
        secret
    );
    let mail = messages::invitation(&network, inviter.as_deref(), &email, &link, expires_at);
    svc.mailer
        .send(&OutgoingMail {
            id: format!("invitation-{id}-{}", &secret[..8]),
            ..mail
        })
        .await?;
    Ok(())
}

/// What the acceptance page shows about an invitation link.
#[derive(Clone, Debug)]
pub struct InvitationOffer {
    pub network: Network,
    pub email: String,
    pub role: Role,
    /// The e-mail already has an account: accepting asks for its password instead of a new one.
    pub has_account: bool,
}

/// The invitation behind a link's secret. The secret names its network, so this is the one
/// lookup of invitations that no scope precedes; the acceptance then acts in that network's scope.
async fn find_open(
    svc: &Services,
    conn: &impl ConnectionTrait,
    secret: &str,
) -> Result<invitation::Model> {
    let model = invitation::Entity::find()
        .filter(invitation::Column::TokenHash.eq(hash_secret(secret)))
        .one(conn)
        .await?
        .ok_or(Error::InvalidToken)?;
    if model.status != InvitationStatus::Pending || model.expires_at <= svc.now() {
        return Err(Error::InvalidToken);
    }
    Ok(model)
}

pub async fn offer(svc: &Services, secret: &str) -> Result<InvitationOffer> {
    let model = find_open(svc, svc.db.conn(), secret).await?;
    let network = find_network_by_id(svc, model.tenant_id).await?;
    let has_account = user::Entity::find()
        .filter(user::Column::Email.eq(&model.email))
        .one(svc.db.conn())
        .await?
        .is_some();
    Ok(InvitationOffer {
        network,
        email: model.email,
        role: model.role,
        has_account,
    })
}

/// How the invited person answers: a name and a new password, or the password of the account
/// they already have.
#[derive(Clone, Debug)]
pub struct Acceptance {
    pub display_name: String,
    pub password: String,
}

/// Accepts an invitation: creates the account if needed, activates the membership and signs in.
pub async fn accept(svc: &Services, secret: &str, answer: Acceptance) -> Result<SignedIn> {
    let offer = offer(svc, secret).await?;
    // Slow work (hashing or verifying the password) happens before the write transaction.
    let prepared = if offer.has_account {
        None
    } else {
        Some(
            prepare_user(
                svc,
                &NewUser {
                    email: offer.email.clone(),
                    display_name: answer.display_name.clone(),
                    password: answer.password.clone(),
                    preferred_language: Some(offer.network.default_language),
                },
            )
            .await?,
        )
    };
    if offer.has_account {
        let user = user::Entity::find()
            .filter(user::Column::Email.eq(&offer.email))
            .one(svc.db.conn())
            .await?
            .ok_or(Error::InvalidToken)?;
        if !verify_password(answer.password.clone(), user.password_hash).await? {
            return Err(Error::invalid("password", "wrong_password"));
        }
    }

    let txn = svc.db.begin_write().await?;
    let invitation = find_open(svc, &txn, secret).await?;
    let scope = TenantScope::system(offer.network.clone(), "invitation");
    let user = match prepared {
        Some(model) => insert_user(&txn, model).await?,
        None => user::Entity::find()
            .filter(user::Column::Email.eq(&invitation.email))
            .one(&txn)
            .await?
            .ok_or(Error::InvalidToken)?,
    };
    activate_membership(&txn, svc, &scope, &invitation, user.id).await?;
    let mut model: invitation::ActiveModel = invitation.clone().into();
    let now = svc.now();
    model.status = Set(InvitationStatus::Accepted);
    model.accepted_at = Set(Some(now));
    model.updated_at = Set(now);
    model.update(&txn).await?;
    audit::record(
        &txn,
        svc,
        &scope,
        "invitation.accepted",
        "invitation",
        Some(invitation.id.0),
        serde_json::json!({ "user_id": user.id }),
    )
    .await?;
    txn.commit().await?;
    start_session(svc, user).await
}

async fn activate_membership(
    conn: &impl ConnectionTrait,
    svc: &Services,
    scope: &TenantScope,
    invitation: &invitation::Model,
    user_id: UserId,
) -> Result<()> {
    match members::of_user(conn, scope, user_id).await? {
        Some(existing) if existing.status == MembershipStatus::Invited => {
            let mut model: crate::entities::membership::ActiveModel = existing.into();
            model.status = Set(MembershipStatus::Active);
            model.role = Set(invitation.role);
            model.organisation_id = Set(invitation.organisation_id);
            model.updated_at = Set(svc.now());
            model.update(conn).await?;
        }
        Some(_) => return Err(Error::conflict("already_member")),
        None => {
            members::insert(
                conn,
                svc,
                scope,
                user_id,
                invitation.organisation_id,
                invitation.role,
                MembershipStatus::Active,
            )
            .await?;
        }
    }
    Ok(())
}
