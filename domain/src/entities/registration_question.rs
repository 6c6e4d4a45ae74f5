use sea_orm::entity::prelude::*;

use crate::ids::{MeetingId, NetworkId, QuestionId};
use crate::meetings::QuestionKind;

#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "registration_questions")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: QuestionId,
    pub tenant_id: NetworkId,
    pub meeting_id: MeetingId,
    pub position: i32,
    pub kind: QuestionKind,
    pub label: String,
    /// A JSON array of strings (the choices).
    pub options: Json,
    pub required: bool,
}

impl ActiveModelBehavior for ActiveModel {}
