//! Consent to discuss a child with the information that identifies them: who gave it (a parent
//! or guardian, or the young person), the scope of information, the receiving services (never
//! named people), the purpose, how long it holds, and whether it was written or oral (then who
//! recorded it and when). A refusal is recorded the same way. A given consent can be withdrawn;
//! a withdrawn or expired consent hides the case's details again.

use chrono::{DateTime, Duration, NaiveDate, Utc};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, PaginatorTrait, QueryFilter,
    QueryOrder,
};

use super::access::{check_open, member_user, organisation_list, readable_case};
use super::access_log::log_access;
use super::{CaseMode, ConsentDecision, ConsentForm, ConsentGiver, limits};
use crate::Services;
use crate::entities::{consent_record, organisation};
use crate::error::{Error, FieldError, Result};
use crate::guard;
use crate::ids::{CaseId, ConsentId, OrganisationId};
use crate::tenancy::{Network, TenantScope};
use crate::text::{CODE_REQUIRED, CODE_TOO_LONG, Validator};

/// A consent (or refusal) as recorded.
#[derive(Clone, PartialEq, Eq)]
pub struct NewConsent {
    pub decision: ConsentDecision,
    pub given_by: ConsentGiver,
    /// The information the consent covers.
    pub scope: String,
    /// The network's organisations named as receiving services (required for a given consent):
    /// only their approved participants see the case's details.
    pub receiving_organisations: Vec<OrganisationId>,
    /// Free text describing the receiving services further (services, never people).
    pub receiving_services: Vec<String>,
    pub purpose: String,
    /// Required for a given consent; it holds through this day.
    pub valid_until: Option<NaiveDate>,
    pub form: ConsentForm,
    /// Oral consent: who recorded it.
    pub recorded_by: Option<String>,
    /// Oral consent: when it was given.
    pub recorded_at: Option<DateTime<Utc>>,
}

impl std::fmt::Debug for NewConsent {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("NewConsent")
            .field("decision", &self.decision)
            .field("given_by", &self.given_by)
            .field("form", &self.form)
            .finish_non_exhaustive()
    }
}

/// Where a consent record stands today.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ConsentStatus {
    /// Given, not withdrawn, not past its end.
    Valid,
    Withdrawn,
    Expired,
    Refused,
}

impl ConsentStatus {
    pub const ALL: &'static [ConsentStatus] = &[
        ConsentStatus::Valid,
        ConsentStatus::Withdrawn,
        ConsentStatus::Expired,
        ConsentStatus::Refused,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ConsentStatus::Valid => "valid",
            ConsentStatus::Withdrawn => "withdrawn",
            ConsentStatus::Expired => "expired",
            ConsentStatus::Refused => "refused",
        }
    }
}

/// A consent record as the case's readers see it.
#[derive(Clone, PartialEq, Eq)]
pub struct Consent {
    pub id: ConsentId,
    pub decision: ConsentDecision,
    pub given_by: ConsentGiver,
    pub scope: String,
    pub receiving_organisations: Vec<OrganisationId>,
    pub receiving_services: Vec<String>,
    pub purpose: String,
    pub valid_until: Option<NaiveDate>,
    pub form: ConsentForm,
    pub recorded_by: Option<String>,
    pub recorded_at: Option<DateTime<Utc>>,
    pub withdrawn_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    pub status: ConsentStatus,
}

impl std::fmt::Debug for Consent {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Consent")
            .field("id", &self.id)
            .field("decision", &self.decision)
            .field("status", &self.status)
            .finish_non_exhaustive()
    }
}

/// The status of a record on `today` (in the network's time zone).
pub(super) fn status_of(
    decision: ConsentDecision,
    valid_until: Option<NaiveDate>,
    withdrawn_at: Option<DateTime<Utc>>,
    today: NaiveDate,
) -> ConsentStatus {
    match decision {
        ConsentDecision::Refused => ConsentStatus::Refused,
        ConsentDecision::Given if withdrawn_at.is_some() => ConsentStatus::Withdrawn,
        ConsentDecision::Given if valid_until.is_none_or(|until| until < today) => {
            ConsentStatus::Expired
        }
        ConsentDecision::Given => ConsentStatus::Valid,
    }
}

/// Today in the network's time zone.
pub(super) fn today(network: &Network, now: DateTime<Utc>) -> NaiveDate {
    now.with_timezone(&network.time_zone).date_naive()
}

pub(super) fn from_model(model: consent_record::Model, today: NaiveDate) -> Consent {
    Consent {
        status: status_of(model.decision, model.valid_until, model.withdrawn_at, today),
        id: model.id,
        decision: model.decision,
        given_by: model.given_by,
        scope: model.scope,
        receiving_organisations: organisation_list(&model.receiving_organisation_ids),
        receiving_services: string_list(&model.receiving_services),
        purpose: model.purpose,
        valid_until: model.valid_until,
        form: model.form,
        recorded_by: model.recorded_by,
        recorded_at: model.recorded_at,
        withdrawn_at: model.withdrawn_at,
        created_at: model.created_at,
    }
}

/// A JSON array of strings as stored; anything else reads as empty.
pub(super) fn string_list(value: &serde_json::Value) -> Vec<String> {
    value
        .as_array()
        .map(|items| {
            items
                .iter()
                .filter_map(|v| v.as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default()
}

/// The consent records of a case, oldest first.
pub(super) async fn of_case(
    conn: &impl ConnectionTrait,
    scope: &TenantScope,
    case_id: CaseId,
    today: NaiveDate,
) -> Result<Vec<Consent>> {
    Ok(scope
        .find::<consent_record::Entity>()
        .filter(consent_record::Column::CaseId.eq(case_id))
        .order_by_asc(consent_record::Column::Id)
        .all(conn)
        .await?
        .into_iter()
        .map(|m| from_model(m, today))
        .collect())
}

/// A list of short items (sectors, services): trimmed, empty ones dropped, duplicates removed.
pub(super) fn items(v: &mut Validator, field: &str, values: &[String]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for value in values {
        let value = value.trim();
        if value.is_empty() || out.iter().any(|o| o == value) {
            continue;
        }
        if value.chars().count() > limits::ITEM {
            v.add(field, CODE_TOO_LONG);
            return out;
        }
        out.push(value.to_owned());
    }
    if out.len() > limits::ITEMS {
        v.add(field, "too_many");
    }
    out
}

/// A consent checked for shape and by the guard, ready to store. `prefix` names the fields as
/// the caller sent them (`consent.` inside a case submission, nothing on its own).
#[derive(Debug)]
pub(super) struct CheckedConsent {
    pub prefix: String,
    pub input: NewConsent,
}

/// Checks a consent's fields; returns the problems (shape and guard together) or the cleaned
/// consent. Nothing is stored here.
pub(super) fn check(
    prefix: &str,
    input: &NewConsent,
    confirmed: bool,
    network: &Network,
    now: DateTime<Utc>,
) -> std::result::Result<CheckedConsent, Vec<FieldError>> {
    let field = |name: &str| format!("{prefix}{name}");
    let mut v = Validator::new();
    let given = input.decision == ConsentDecision::Given;
    let (scope_text, purpose) = if given {
        (
            v.required(&field("scope"), &input.scope, limits::TEXT),
            v.required(&field("purpose"), &input.purpose, limits::TEXT),
        )
    } else {
        (
            v.optional(&field("scope"), &input.scope, limits::TEXT),
            v.optional(&field("purpose"), &input.purpose, limits::TEXT),
        )
    };
    let services = items(
        &mut v,
        &field("receiving_services"),
        &input.receiving_services,
    );
    let mut organisations: Vec<OrganisationId> = Vec::new();
    for id in &input.receiving_organisations {
        if !organisations.contains(id) {
            organisations.push(*id);
        }
    }
    if given && organisations.is_empty() {
        v.add(&field("receiving_organisations"), CODE_REQUIRED);
    }
    if organisations.len() > limits::ITEMS {
        v.add(&field("receiving_organisations"), "too_many");
    }
    let valid_until = input.valid_until;
    match valid_until {
        None if given => v.add(&field("valid_until"), CODE_REQUIRED),
        Some(until) if given && until < today(network, now) => {
            v.add(&field("valid_until"), "in_the_past")
        }
        _ => {}
    }
    let (recorded_by, recorded_at) = match input.form {
        ConsentForm::Written => (None, None),
        ConsentForm::Oral => {
            let by = v.required(
                &field("recorded_by"),
                input.recorded_by.as_deref().unwrap_or_default(),
                limits::ITEM,
            );
            match input.recorded_at {
                None => v.add(&field("recorded_at"), CODE_REQUIRED),
                // A little slack for clocks; a consent cannot be given in the future.
                Some(at) if at > now + Duration::minutes(5) => {
                    v.add(&field("recorded_at"), "out_of_range")
                }
                Some(_) => {}
            }
            (Some(by), input.recorded_at)
        }
    };
    let mut problems = match v.finish() {
        Ok(()) => Vec::new(),
        Err(Error::Invalid(problems)) => problems,
        Err(_) => Vec::new(),
    };
    let services_text = services.join("\n");
    let scope_field = field("scope");
    let purpose_field = field("purpose");
    let services_field = field("receiving_services");
    let recorded_by_field = field("recorded_by");
    let mut texts: Vec<(&str, &str)> = vec![
        (scope_field.as_str(), scope_text.as_str()),
        (purpose_field.as_str(), purpose.as_str()),
        (services_field.as_str(), services_text.as_str()),
    ];
    if let Some(by) = &recorded_by {
        texts.push((recorded_by_field.as_str(), by.as_str()));
    }
    if let Err(Error::Invalid(found)) = guard::check_fields(&texts, confirmed) {
        problems.extend(found);
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    Ok(CheckedConsent {
        prefix: prefix.to_owned(),
        input: NewConsent {
            decision: input.decision,
            given_by: input.given_by,
            scope: scope_text,
            receiving_organisations: organisations,
            receiving_services: services,
            purpose,
            valid_until,
            form: input.form,
            recorded_by,
            recorded_at,
        },
    })
}

/// Writes a checked consent for a case.
pub(super) async fn insert(
    conn: &impl ConnectionTrait,
    svc: &Services,
    scope: &TenantScope,
    case_id: CaseId,
    checked: CheckedConsent,
) -> Result<consent_record::Model> {
    let user = member_user(scope)?;
    let c = checked.input;
    // The receiving organisations are chosen from this network's list; any other id is unknown.
    if !c.receiving_organisations.is_empty() {
        let known = scope
            .find::<organisation::Entity>()
            .filter(organisation::Column::Id.is_in(c.receiving_organisations.clone()))
            .count(conn)
            .await?;
        if known != c.receiving_organisations.len() as u64 {
            return Err(Error::invalid(
                format!("{}receiving_organisations", checked.prefix),
                "unknown",
            ));
        }
    }
    Ok(consent_record::ActiveModel {
        id: Set(ConsentId::new()),
        tenant_id: Set(scope.tenant_id()),
        case_id: Set(case_id),
        decision: Set(c.decision),
        given_by: Set(c.given_by),
        scope: Set(c.scope),
        receiving_services: Set(serde_json::Value::from(c.receiving_services)),
        receiving_organisation_ids: Set(serde_json::Value::from(
            c.receiving_organisations
                .iter()
                .map(|o| o.0.to_string())
                .collect::<Vec<_>>(),
        )),
        purpose: Set(c.purpose),
        valid_until: Set(c.valid_until),
        form: Set(c.form),
        recorded_by: Set(c.recorded_by),
        recorded_at: Set(c.recorded_at),
        withdrawn_at: Set(None),
        created_by: Set(user),
        created_at: Set(svc.now()),
    }
    .insert(conn)
    .await?)
}

/// Records a consent or a refusal for a case (its submitter, before the meeting). A case
/// submitted anonymously stays anonymous; a case with consent shows its details again once it
/// has a valid consent.
pub async fn record_consent(
    svc: &Services,
    scope: &TenantScope,
    case_id: CaseId,
    input: NewConsent,
    confirmed: bool,
) -> Result<Consent> {
    let now = svc.now();
    let checked = check("", &input, confirmed, scope.network(), now).map_err(Error::Invalid)?;
    let txn = svc.db.begin_write().await?;
    let (case, meeting, _, user) = readable_case(&txn, scope, case_id).await?;
    if case.submitted_by != user {
        return Err(Error::Forbidden);
    }
    check_open(&case, &meeting, now)?;
    let model = insert(&txn, svc, scope, case.id, checked).await?;
    log_access(&txn, svc, scope, [&case], user, "consent").await?;
    txn.commit().await?;
    Ok(from_model(model, today(scope.network(), now)))
}

/// Records that a given consent was withdrawn (the submitter or the meeting's organisers). The
/// case's details are hidden from then on, unless it is anonymous.
pub async fn withdraw_consent(
    svc: &Services,
    scope: &TenantScope,
    case_id: CaseId,
    consent_id: ConsentId,
) -> Result<Consent> {
    let now = svc.now();
    let txn = svc.db.begin_write().await?;
    let (case, _, standing, user) = readable_case(&txn, scope, case_id).await?;
    if case.submitted_by != user && !standing.organises_material() {
        return Err(Error::Forbidden);
    }
    if case.purged_at.is_some() {
        return Err(Error::conflict("case_purged"));
    }
    let record = scope
        .find::<consent_record::Entity>()
        .filter(consent_record::Column::CaseId.eq(case_id))
        .filter(consent_record::Column::Id.eq(consent_id))
        .one(&txn)
        .await?
        .ok_or(Error::NotFound)?;
    if record.decision != ConsentDecision::Given {
        return Err(Error::conflict("not_given"));
    }
    if record.withdrawn_at.is_some() {
        return Err(Error::conflict("already_withdrawn"));
    }
    let mut active: consent_record::ActiveModel = record.into();
    active.withdrawn_at = Set(Some(now));
    let model = active.update(&txn).await?;
    log_access(&txn, svc, scope, [&case], user, "consent_withdrawn").await?;
    txn.commit().await?;
    Ok(from_model(model, today(scope.network(), now)))
}

/// May the details of a case be shown? Anonymous cases: yes. Cases with consent: only while
/// their latest record is a valid consent.
pub(super) fn details_allowed(mode: CaseMode, consents: &[Consent]) -> Option<ConsentStatus> {
    match mode {
        CaseMode::Anonymous => None,
        CaseMode::WithConsent => Some(
            consents
                .last()
                .map(|c| c.status)
                .unwrap_or(ConsentStatus::Refused),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn network() -> Network {
        Network {
            id: crate::ids::NetworkId::new(),
            slug: "bakkehuset".into(),
            name: "Bakkehuset".into(),
            default_language: crate::tenancy::Language::Danish,
            time_zone: chrono_tz::Europe::Copenhagen,
            guest_retention_months: 12,
            case_retention_days: 30,
            created_at: Utc::now(),
        }
    }

    fn given() -> NewConsent {
        NewConsent {
            decision: ConsentDecision::Given,
            given_by: ConsentGiver::ParentOrGuardian,
            scope: "Skolegang og trivsel".into(),
            receiving_organisations: vec![OrganisationId::new()],
            receiving_services: vec!["PPR".into(), "Sundhedsplejen".into()],
            purpose: "Drøftelse i det tværfaglige team".into(),
            valid_until: NaiveDate::from_ymd_opt(2027, 6, 30),
            form: ConsentForm::Written,
            recorded_by: None,
            recorded_at: None,
        }
    }

    #[test]
    fn status_follows_decision_withdrawal_and_date() {
        let today = NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
        let until = NaiveDate::from_ymd_opt(2026, 12, 1);
        assert_eq!(
            status_of(ConsentDecision::Given, until, None, today),
            ConsentStatus::Valid
        );
        assert_eq!(
            status_of(
                ConsentDecision::Given,
                until,
                None,
                today.succ_opt().unwrap()
            ),
            ConsentStatus::Expired
        );
        assert_eq!(
            status_of(ConsentDecision::Given, until, Some(Utc::now()), today),
            ConsentStatus::Withdrawn
        );
        assert_eq!(
            status_of(ConsentDecision::Refused, until, None, today),
            ConsentStatus::Refused
        );
    }

    #[test]
    fn a_given_consent_needs_its_facts() {
        let now = Utc.with_ymd_and_hms(2026, 12, 1, 10, 0, 0).unwrap();
        assert!(check("consent.", &given(), false, &network(), now).is_ok());

        let empty = NewConsent {
            scope: " ".into(),
            receiving_organisations: vec![],
            receiving_services: vec![],
            purpose: String::new(),
            valid_until: None,
            form: ConsentForm::Oral,
            ..given()
        };
        let problems = check("consent.", &empty, false, &network(), now).unwrap_err();
        let fields: Vec<&str> = problems.iter().map(|p| p.field.as_str()).collect();
        for field in [
            "consent.scope",
            "consent.purpose",
            "consent.receiving_organisations",
            "consent.valid_until",
            "consent.recorded_by",
            "consent.recorded_at",
        ] {
            assert!(fields.contains(&field), "{field} in {fields:?}");
        }

        let refusal = NewConsent {
            decision: ConsentDecision::Refused,
            ..empty.clone()
        };
        let problems = check("", &refusal, false, &network(), now).unwrap_err();
        let fields: Vec<&str> = problems.iter().map(|p| p.field.as_str()).collect();
        assert_eq!(fields, ["recorded_by", "recorded_at"]);
    }

    #[test]
    fn consent_texts_pass_the_guard() {
        let now = Utc.with_ymd_and_hms(2026, 12, 1, 10, 0, 0).unwrap();
        let input = NewConsent {
            purpose: "Ring til mor på 23 45 67 89".into(),
            ..given()
        };
        let problems = check("consent.", &input, true, &network(), now).unwrap_err();
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].field, "consent.purpose");
        assert_eq!(problems[0].code, "contains_phone");
    }

    #[test]
    fn debug_prints_no_text() {
        let text = format!("{:?}", given());
        assert!(!text.contains("Skolegang"));
        assert!(!text.contains("PPR"));
    }
}
