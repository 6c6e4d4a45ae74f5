use sea_orm::entity::prelude::*;

use crate::ids::{NetworkId, UserId};
use crate::notifications::MailMode;

#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "notification_settings")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub tenant_id: NetworkId,
    #[sea_orm(primary_key, auto_increment = false)]
    pub user_id: UserId,
    pub mail_mode: MailMode,
    pub unsubscribe_token: String,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

impl ActiveModelBehavior for ActiveModel {}
