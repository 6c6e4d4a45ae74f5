use sea_orm::entity::prelude::*;

use crate::consultations::{ConsentDecision, ConsentForm, ConsentGiver};
use crate::ids::{CaseId, ConsentId, NetworkId, UserId};

#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "consent_records")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: ConsentId,
    pub tenant_id: NetworkId,
    pub case_id: CaseId,
    pub decision: ConsentDecision,
    pub given_by: ConsentGiver,
    pub scope: String,
    /// A JSON array of services (not people) that may receive the information.
    pub receiving_services: Json,
    /// A JSON array of the network's organisations (ids) named as receiving services.
    pub receiving_organisation_ids: Json,
    pub purpose: String,
    pub valid_until: Option<Date>,
    pub form: ConsentForm,
    /// For oral consent: who recorded it, and when.
    pub recorded_by: Option<String>,
    pub recorded_at: Option<DateTimeUtc>,
    pub withdrawn_at: Option<DateTimeUtc>,
    pub created_by: UserId,
    pub created_at: DateTimeUtc,
}

impl ActiveModelBehavior for ActiveModel {}
