use sea_orm::entity::prelude::*;

use crate::consultations::{AgeBand, CaseMode};
use crate::ids::{CaseId, CaseSlotId, MeetingId, NetworkId, UserId};

#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "case_submissions")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: CaseId,
    pub tenant_id: NetworkId,
    pub meeting_id: MeetingId,
    pub slot_id: CaseSlotId,
    pub submitted_by: UserId,
    pub mode: CaseMode,
    pub age_band: AgeBand,
    /// A JSON array of sector names already involved.
    pub sectors: Json,
    pub concern: String,
    pub tried: String,
    pub question: String,
    /// Set when retention removed the text; the row stays as a count.
    pub purged_at: Option<DateTimeUtc>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

impl ActiveModelBehavior for ActiveModel {}
