use sea_orm::entity::prelude::*;

use crate::ids::{NetworkId, NotificationId, UserId};
use crate::notifications::{EventKind, SubjectKind};

#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "notifications")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: NotificationId,
    pub tenant_id: NetworkId,
    pub user_id: UserId,
    pub kind: EventKind,
    pub subject_kind: SubjectKind,
    pub subject_id: Uuid,
    pub title: String,
    /// Relative to the network's root (`threads/<id>#post-<id>`).
    pub path: String,
    pub actor_name: String,
    pub created_at: DateTimeUtc,
    pub read_at: Option<DateTimeUtc>,
    /// Set once mail is done with it: sent alone or in a digest, or never to be sent.
    pub mailed_at: Option<DateTimeUtc>,
}

impl ActiveModelBehavior for ActiveModel {}
