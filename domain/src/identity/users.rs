//! Users: one global identity per person.

use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter,
    QueryOrder,
};

use super::CurrentUser;
use super::password::hash_password;
use crate::Services;
use crate::entities::{membership, network, user};
use crate::error::{Error, Result};
use crate::ids::{MembershipId, UserId};
use crate::people::MembershipStatus;
use crate::policy::Role;
use crate::tenancy::{Language, Network};
use crate::text::{Validator, limits};

#[derive(Clone, Debug)]
pub struct User {
    pub id: UserId,
    pub email: String,
    pub display_name: String,
    pub preferred_language: Option<Language>,
    pub created_at: DateTime<Utc>,
}

impl From<user::Model> for User {
    fn from(model: user::Model) -> Self {
        User {
            id: model.id,
            email: model.email,
            display_name: model.display_name,
            preferred_language: model.preferred_language,
            created_at: model.created_at,
        }
    }
}

#[derive(Clone, Debug)]
pub struct NewUser {
    pub email: String,
    pub display_name: String,
    pub password: String,
    pub preferred_language: Option<Language>,
}

/// Checks a new user's fields and hashes the password, before any transaction starts.
pub(crate) async fn prepare_user(svc: &Services, input: &NewUser) -> Result<user::ActiveModel> {
    let mut v = Validator::new();
    let email = v.email("email", &input.email);
    let display_name = v.required("display_name", &input.display_name, limits::NAME);
    let password = v.password("password", &input.password);
    v.finish()?;
    let password_hash = hash_password(svc.config.password, password).await?;
    let now = svc.now();
    Ok(user::ActiveModel {
        id: Set(UserId::new()),
        email: Set(email),
        display_name: Set(display_name),
        password_hash: Set(password_hash),
        preferred_language: Set(input.preferred_language),
        created_at: Set(now),
        updated_at: Set(now),
    })
}

/// Inserts a prepared user; a taken e-mail address is a conflict.
pub(crate) async fn insert_user(
    conn: &impl ConnectionTrait,
    model: user::ActiveModel,
) -> Result<user::Model> {
    if let Some(email) = model.email.try_as_ref()
        && user::Entity::find()
            .filter(user::Column::Email.eq(email.as_str()))
            .one(conn)
            .await?
            .is_some()
    {
        return Err(Error::conflict("email_taken"));
    }
    Ok(model.insert(conn).await?)
}

/// Creates a user (operator CLI and demo; members otherwise arrive by invitation).
pub async fn create_user(svc: &Services, input: NewUser) -> Result<User> {
    let model = prepare_user(svc, &input).await?;
    let txn = svc.db.begin_write().await?;
    let user = insert_user(&txn, model).await?;
    txn.commit().await?;
    Ok(user.into())
}

pub async fn find_user_by_email(svc: &Services, email: &str) -> Result<User> {
    user::Entity::find()
        .filter(user::Column::Email.eq(email.trim().to_lowercase()))
        .one(svc.db.conn())
        .await?
        .map(User::from)
        .ok_or(Error::NotFound)
}

/// A network the user belongs to, with their role and status there.
#[derive(Clone, Debug)]
pub struct MyNetwork {
    pub network: Network,
    pub membership_id: MembershipId,
    pub role: Role,
    pub status: MembershipStatus,
}

/// The networks the user is a member of (active or suspended), by name.
pub async fn my_networks(svc: &Services, user: &CurrentUser) -> Result<Vec<MyNetwork>> {
    let rows = membership::Entity::find()
        .filter(membership::Column::UserId.eq(user.id))
        .filter(membership::Column::Status.ne(MembershipStatus::Invited))
        .find_also_related(network::Entity)
        .order_by_asc(network::Column::Name)
        .all(svc.db.conn())
        .await?;
    Ok(rows
        .into_iter()
        .filter_map(|(membership, network)| {
            network.map(|network| MyNetwork {
                network: crate::tenancy::networks_from_model(network),
                membership_id: membership.id,
                role: membership.role,
                status: membership.status,
            })
        })
        .collect())
}

pub async fn set_preferred_language(
    svc: &Services,
    user: &CurrentUser,
    language: Language,
) -> Result<()> {
    user::Entity::update_many()
        .col_expr(
            user::Column::PreferredLanguage,
            sea_orm::sea_query::Expr::value(language),
        )
        .col_expr(
            user::Column::UpdatedAt,
            sea_orm::sea_query::Expr::value(svc.now()),
        )
        .filter(user::Column::Id.eq(user.id))
        .exec(svc.db.conn())
        .await?;
    Ok(())
}
