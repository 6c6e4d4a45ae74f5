//! Case consultations: the slots of a consultation meeting, the cases submitted into them, their
//! consent records and their access log.
//!
//! Every text of a case or a consent passes the identifier guard before it is stored. Something
//! that identifies a person (a CPR number, a fødselsnummer or D-number, a personnummer, an e-mail
//! address, a phone number) is refused with 422 and the field named (`contains_cpr`,
//! `contains_national_id_no`, `contains_personnummer`, `contains_email`, `contains_phone`);
//! what looks like a name or a street address is refused with 422 `possible_name` or
//! `possible_address` until the client resends with `confirmed: true`. Neither answer repeats
//! what was found.
//!
//! One rule decides who reads case material — cases, the files of a consultation meeting and of
//! its cases, and its minutes: members (never partners, observers, tokens or guests) who are one
//! of the meeting's named organisers (creator, contact person, moderator) or an approved
//! participant, and who confirmed the meeting's duty-of-confidentiality declaration
//! (`POST …/meetings/{id}/declaration`). A case with consent shows its details only to readers
//! from the organisations its consent names. The network's other coordinators and owners see
//! that cases exist, in their slots, without their text. Anyone else gets 404. Each read is
//! logged.

use crate::types::mirror_enum;
use chrono::{DateTime, NaiveDate, Utc};
use domain::Services;
use domain::consultations::{
    self as cases, AccessEntry, Case, CasePatch, CaseSlot, Consent, Declaration, NewCase,
    NewConsent, Standing,
};
use domain::ids::{CaseId, ConsentId, MeetingId, OrganisationId};
use poem::Request;
use poem::http::StatusCode;
use poem::web::Data;
use poem_openapi::param::{Path, Query};
use poem_openapi::payload::Json;
use poem_openapi::{ApiResponse, Enum, Object, OpenApi, Tags};

use crate::auth;
use crate::people::page;
use crate::problem::{ApiError, ApiResult, ProblemField};

#[derive(Tags)]
enum ConsultationTags {
    /// Case consultations: case slots, cases, consent and the access log.
    Consultations,
}

mirror_enum!(
    /// `anonymous` (the default) or `with_consent` (a consent record is required).
    CaseMode => domain::consultations::CaseMode {
        Anonymous = "anonymous",
        WithConsent = "with_consent",
    }
);

mirror_enum!(
    /// The child's age band (never a birth date).
    AgeBand => domain::consultations::AgeBand {
        Age0To2 = "0-2",
        Age3To5 = "3-5",
        Age6To9 = "6-9",
        Age10To12 = "10-12",
        Age13To15 = "13-15",
        Age16To17 = "16-17",
        Age18To24 = "18-24",
    }
);

mirror_enum!(
    ConsentDecision => domain::consultations::ConsentDecision {
        Given = "given",
        Refused = "refused",
    }
);

mirror_enum!(
    /// Who gave (or refused) the consent.
    ConsentGiver => domain::consultations::ConsentGiver {
        ParentOrGuardian = "parent_or_guardian",
        YoungPerson = "young_person",
    }
);

mirror_enum!(
    /// Written, or oral (then `recorded_by` and `recorded_at` are required).
    ConsentForm => domain::consultations::ConsentForm {
        Written = "written",
        Oral = "oral",
    }
);

mirror_enum!(
    /// `valid`, or why the consent no longer holds.
    ConsentStatus => domain::consultations::ConsentStatus {
        Valid = "valid",
        Withdrawn = "withdrawn",
        Expired = "expired",
        Refused = "refused",
    }
);

mirror_enum!(
    /// Whether the case's details are shown: `shown`; hidden because its consent was withdrawn,
    /// expired or refused; `purged` after the retention period; or `restricted`: the caller sees
    /// that a case is in this slot but is not among its readers.
    DetailsState => domain::consultations::DetailsState {
        Shown = "shown",
        ConsentWithdrawn = "consent_withdrawn",
        ConsentExpired = "consent_expired",
        ConsentMissing = "consent_missing",
        Purged = "purged",
        Restricted = "restricted",
    }
);

#[derive(Debug, Clone, Object)]
#[oai(rename = "CaseSlot", skip_serializing_if_is_none)]
pub struct CaseSlotOut {
    pub id: uuid::Uuid,
    pub number: i32,
    pub booked: bool,
    /// Booked by the caller.
    pub mine: bool,
    /// The case in the slot, if the caller may read it.
    pub case_id: Option<uuid::Uuid>,
}

impl From<CaseSlot> for CaseSlotOut {
    fn from(s: CaseSlot) -> Self {
        CaseSlotOut {
            id: s.id.0,
            number: s.number,
            booked: s.booked,
            mine: s.mine,
            case_id: s.case_id.map(|c| c.0),
        }
    }
}

#[derive(Debug, Clone, Object)]
pub struct CaseSlotList {
    pub items: Vec<CaseSlotOut>,
}

#[derive(Debug, Object)]
#[oai(deny_unknown_fields)]
pub struct CaseSlotsCreate {
    /// How many slots to add (a meeting has at most 50).
    pub count: i32,
}

#[derive(Clone, Object)]
#[oai(rename = "Consent", skip_serializing_if_is_none)]
pub struct ConsentOut {
    pub id: uuid::Uuid,
    pub decision: ConsentDecision,
    pub given_by: ConsentGiver,
    /// The information the consent covers.
    pub scope: String,
    /// The network's organisations named as receiving services.
    pub receiving_organisations: Vec<uuid::Uuid>,
    /// Free text describing the receiving services further (services, not people).
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

// The derived Debug would print consent texts; these values never reach a log.
impl std::fmt::Debug for ConsentOut {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ConsentOut")
            .field("id", &self.id)
            .finish_non_exhaustive()
    }
}

impl From<Consent> for ConsentOut {
    fn from(c: Consent) -> Self {
        ConsentOut {
            id: c.id.0,
            decision: c.decision.into(),
            given_by: c.given_by.into(),
            scope: c.scope,
            receiving_organisations: c.receiving_organisations.into_iter().map(|o| o.0).collect(),
            receiving_services: c.receiving_services,
            purpose: c.purpose,
            valid_until: c.valid_until,
            form: c.form.into(),
            recorded_by: c.recorded_by,
            recorded_at: c.recorded_at,
            withdrawn_at: c.withdrawn_at,
            created_at: c.created_at,
            status: c.status.into(),
        }
    }
}

#[derive(Clone, Object)]
#[oai(rename = "CaseDetails")]
pub struct CaseDetailsOut {
    /// Sectors already involved: `municipality`, `region_hospital`, `school`, `ngo`,
    /// `research`, `agency`, `user_organisation`, `other`, or free text.
    pub sectors: Vec<String>,
    pub concern: String,
    /// What has been tried.
    pub tried: String,
    /// The question to the group.
    pub question: String,
}

impl std::fmt::Debug for CaseDetailsOut {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("CaseDetailsOut { .. }")
    }
}

#[derive(Debug, Clone, Object)]
#[oai(rename = "Case", skip_serializing_if_is_none)]
pub struct CaseOut {
    pub id: uuid::Uuid,
    pub meeting_id: uuid::Uuid,
    pub slot_number: i32,
    pub mode: CaseMode,
    pub age_band: AgeBand,
    pub details_state: DetailsState,
    /// Present only when `details_state` is `shown`.
    pub details: Option<CaseDetailsOut>,
    /// Oldest first; the latest decides whether a case with consent is shown.
    pub consents: Vec<ConsentOut>,
    /// Submitted by the caller.
    pub mine: bool,
    /// The caller may change and withdraw it (theirs, before the meeting).
    pub editable: bool,
    pub submitted_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    /// When the retention period removed its text.
    pub purged_at: Option<DateTime<Utc>>,
}

impl From<Case> for CaseOut {
    fn from(c: Case) -> Self {
        CaseOut {
            id: c.id.0,
            meeting_id: c.meeting_id.0,
            slot_number: c.slot_number,
            mode: c.mode.into(),
            age_band: c.age_band.into(),
            details_state: c.details_state.into(),
            details: c.details.map(|d| CaseDetailsOut {
                sectors: d.sectors,
                concern: d.concern,
                tried: d.tried,
                question: d.question,
            }),
            consents: c.consents.into_iter().map(Into::into).collect(),
            mine: c.mine,
            editable: c.editable,
            submitted_at: c.submitted_at,
            updated_at: c.updated_at,
            purged_at: c.purged_at,
        }
    }
}

#[derive(Debug, Clone, Object)]
pub struct CaseList {
    pub items: Vec<CaseOut>,
}

/// A consent given or refused, as part of a case submission.
#[derive(Object)]
#[oai(rename = "ConsentInput", deny_unknown_fields)]
pub struct ConsentIn {
    pub decision: ConsentDecision,
    pub given_by: ConsentGiver,
    /// The information covered (required when given).
    #[oai(validator(max_length = 5000), default)]
    pub scope: String,
    /// The network's organisations that may receive the information (at least one when
    /// given): only approved participants from them see the case's details.
    #[oai(validator(max_items = 20), default)]
    pub receiving_organisations: Vec<uuid::Uuid>,
    /// Free text describing the receiving services further: services, not named people.
    #[oai(validator(max_items = 20, max_length = 200), default)]
    pub receiving_services: Vec<String>,
    /// Required when given.
    #[oai(validator(max_length = 5000), default)]
    pub purpose: String,
    /// Required when given; the consent holds through this day.
    pub valid_until: Option<NaiveDate>,
    pub form: ConsentForm,
    /// Oral consent: who recorded it.
    #[oai(validator(max_length = 200))]
    pub recorded_by: Option<String>,
    /// Oral consent: when it was given.
    pub recorded_at: Option<DateTime<Utc>>,
}

impl From<ConsentIn> for NewConsent {
    fn from(c: ConsentIn) -> Self {
        NewConsent {
            decision: c.decision.into(),
            given_by: c.given_by.into(),
            scope: c.scope,
            receiving_organisations: c
                .receiving_organisations
                .into_iter()
                .map(OrganisationId)
                .collect(),
            receiving_services: c.receiving_services,
            purpose: c.purpose,
            valid_until: c.valid_until,
            form: c.form.into(),
            recorded_by: c.recorded_by,
            recorded_at: c.recorded_at,
        }
    }
}

/// A consent or refusal recorded for a case already submitted.
#[derive(Object)]
#[oai(rename = "ConsentCreate", deny_unknown_fields)]
pub struct ConsentCreate {
    pub decision: ConsentDecision,
    pub given_by: ConsentGiver,
    #[oai(validator(max_length = 5000), default)]
    pub scope: String,
    /// The network's organisations that may receive the information (at least one when given).
    #[oai(validator(max_items = 20), default)]
    pub receiving_organisations: Vec<uuid::Uuid>,
    #[oai(validator(max_items = 20, max_length = 200), default)]
    pub receiving_services: Vec<String>,
    #[oai(validator(max_length = 5000), default)]
    pub purpose: String,
    pub valid_until: Option<NaiveDate>,
    pub form: ConsentForm,
    #[oai(validator(max_length = 200))]
    pub recorded_by: Option<String>,
    pub recorded_at: Option<DateTime<Utc>>,
    /// Confirms that what looked like a name or an address is none.
    #[oai(default)]
    pub confirmed: bool,
}

/// Book a slot and submit a case.
#[derive(Object)]
#[oai(deny_unknown_fields)]
pub struct CaseCreate {
    /// The slot to book; the first free one if absent.
    pub slot_number: Option<i32>,
    pub age_band: AgeBand,
    /// Sectors already involved: a sector's name or free text.
    #[oai(validator(max_items = 20, max_length = 200), default)]
    pub sectors: Vec<String>,
    #[oai(validator(max_length = 5000))]
    pub concern: String,
    #[oai(validator(max_length = 5000), default)]
    pub tried: String,
    #[oai(validator(max_length = 5000))]
    pub question: String,
    /// Default `anonymous`.
    pub mode: Option<CaseMode>,
    /// Required with `mode: with_consent`.
    pub consent: Option<ConsentIn>,
    /// Confirms that what looked like a name or an address is none.
    #[oai(default)]
    pub confirmed: bool,
}

/// Changes to a case; absent fields stay as they are. Turning a case with consent into an
/// anonymous one needs `concern`, `tried` and `question` anew.
#[derive(Object)]
#[oai(deny_unknown_fields)]
pub struct CaseUpdate {
    pub age_band: Option<AgeBand>,
    #[oai(validator(max_items = 20, max_length = 200))]
    pub sectors: Option<Vec<String>>,
    #[oai(validator(max_length = 5000))]
    pub concern: Option<String>,
    #[oai(validator(max_length = 5000))]
    pub tried: Option<String>,
    #[oai(validator(max_length = 5000))]
    pub question: Option<String>,
    pub mode: Option<CaseMode>,
    #[oai(default)]
    pub confirmed: bool,
}

#[derive(Debug, Clone, Object)]
#[oai(rename = "CaseAccess")]
pub struct AccessEntryOut {
    pub id: uuid::Uuid,
    pub at: DateTime<Utc>,
    pub user_id: uuid::Uuid,
    pub user_name: String,
    /// `read`, `submit`, `update`, `consent`, `consent_withdrawn` or `withdraw`.
    pub action: String,
}

impl From<AccessEntry> for AccessEntryOut {
    fn from(e: AccessEntry) -> Self {
        AccessEntryOut {
            id: e.id.0,
            at: e.at,
            user_id: e.user_id.0,
            user_name: e.user_name,
            action: e.action,
        }
    }
}

crate::types::page!(CaseAccessPage, AccessEntryOut);

#[derive(ApiResponse)]
enum Withdrawn {
    /// Withdrawn: the case's text and consents are deleted and its slot is free.
    #[oai(status = 204)]
    Ok,
}

/// A refusal by the guard as a problem: the codes name what was found, never the text. When
/// only names or addresses are suspected, the detail says how to confirm.
fn guarded(err: domain::Error) -> ApiError {
    if let domain::Error::Invalid(problems) = &err
        && !problems.is_empty()
        && problems
            .iter()
            .all(|p| domain::guard::is_suspicion_code(p.code))
    {
        return ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid",
            "Some fields may hold a name or a street address. Remove it, or resend with \
             `confirmed: true` if it is none.",
            problems
                .iter()
                .map(|p| ProblemField {
                    field: p.field.clone(),
                    code: p.code.to_owned(),
                })
                .collect(),
        );
    }
    err.into()
}

pub struct ConsultationsApi;

#[OpenApi(tag = "ConsultationTags::Consultations")]
impl ConsultationsApi {
    /// The case slots of a consultation meeting, free and booked.
    #[oai(path = "/networks/:slug/meetings/:id/case-slots", method = "get")]
    async fn list_slots(
        &self,
        svc: Data<&Services>,
        req: &Request,
        slug: Path<String>,
        id: Path<uuid::Uuid>,
    ) -> ApiResult<Json<CaseSlotList>> {
        let scope = auth::scope(&svc, req, &slug).await?;
        let slots = cases::list_slots(&svc, &scope, MeetingId(id.0)).await?;
        Ok(Json(CaseSlotList {
            items: slots.into_iter().map(Into::into).collect(),
        }))
    }

    /// Add numbered case slots to a consultation meeting (its organisers).
    #[oai(path = "/networks/:slug/meetings/:id/case-slots", method = "post")]
    async fn add_slots(
        &self,
        svc: Data<&Services>,
        req: &Request,
        slug: Path<String>,
        id: Path<uuid::Uuid>,
        body: Json<CaseSlotsCreate>,
    ) -> ApiResult<Json<CaseSlotList>> {
        let scope = auth::scope(&svc, req, &slug).await?;
        let slots = cases::add_slots(&svc, &scope, MeetingId(id.0), body.0.count).await?;
        Ok(Json(CaseSlotList {
            items: slots.into_iter().map(Into::into).collect(),
        }))
    }

    /// Book a free slot and submit a case (members who can see the meeting, before it begins).
    /// Each text is checked by the identifier guard first. The organisers are mailed that a
    /// case came in, without any of its content.
    #[oai(path = "/networks/:slug/meetings/:id/cases", method = "post")]
    async fn submit(
        &self,
        svc: Data<&Services>,
        req: &Request,
        slug: Path<String>,
        id: Path<uuid::Uuid>,
        body: Json<CaseCreate>,
    ) -> ApiResult<Json<CaseOut>> {
        let scope = auth::scope(&svc, req, &slug).await?;
        let body = body.0;
        let input = NewCase {
            slot_number: body.slot_number,
            age_band: body.age_band.into(),
            sectors: body.sectors,
            concern: body.concern,
            tried: body.tried,
            question: body.question,
            mode: body
                .mode
                .map(Into::into)
                .unwrap_or(domain::consultations::CaseMode::Anonymous),
            consent: body.consent.map(Into::into),
            confirmed: body.confirmed,
        };
        let case = cases::submit_case(&svc, &scope, MeetingId(id.0), input)
            .await
            .map_err(guarded)?;
        Ok(Json(case.into()))
    }

    /// The cases of a consultation meeting: all of them for the readers of its case material
    /// (details only where the caller may read them) and, as `restricted`, for the network's
    /// coordinators and owners; the caller's own for anyone else. Each case read with its text
    /// is logged.
    #[oai(path = "/networks/:slug/meetings/:id/cases", method = "get")]
    async fn list_cases(
        &self,
        svc: Data<&Services>,
        req: &Request,
        slug: Path<String>,
        id: Path<uuid::Uuid>,
    ) -> ApiResult<Json<CaseList>> {
        let scope = auth::scope(&svc, req, &slug).await?;
        let found = cases::list_cases(&svc, &scope, MeetingId(id.0)).await?;
        Ok(Json(CaseList {
            items: found.into_iter().map(Into::into).collect(),
        }))
    }

    /// One case (its submitter, and the readers of its meeting's case material — for a case
    /// with consent only those from a receiving organisation; anyone else gets 404). The read
    /// is logged.
    #[oai(path = "/networks/:slug/cases/:case_id", method = "get")]
    async fn get(
        &self,
        svc: Data<&Services>,
        req: &Request,
        slug: Path<String>,
        case_id: Path<uuid::Uuid>,
    ) -> ApiResult<Json<CaseOut>> {
        let scope = auth::scope(&svc, req, &slug).await?;
        Ok(Json(
            cases::get_case(&svc, &scope, CaseId(case_id.0))
                .await?
                .into(),
        ))
    }

    /// Change a case (its submitter, before the meeting). Changed texts pass the guard.
    #[oai(path = "/networks/:slug/cases/:case_id", method = "patch")]
    async fn update(
        &self,
        svc: Data<&Services>,
        req: &Request,
        slug: Path<String>,
        case_id: Path<uuid::Uuid>,
        body: Json<CaseUpdate>,
    ) -> ApiResult<Json<CaseOut>> {
        let scope = auth::scope(&svc, req, &slug).await?;
        let body = body.0;
        let patch = CasePatch {
            age_band: body.age_band.map(Into::into),
            sectors: body.sectors,
            concern: body.concern,
            tried: body.tried,
            question: body.question,
            mode: body.mode.map(Into::into),
            confirmed: body.confirmed,
        };
        let case = cases::update_case(&svc, &scope, CaseId(case_id.0), patch)
            .await
            .map_err(guarded)?;
        Ok(Json(case.into()))
    }

    /// Withdraw a case (its submitter, before the meeting): its text and consents are deleted
    /// and the slot is free again.
    #[oai(path = "/networks/:slug/cases/:case_id", method = "delete")]
    async fn withdraw(
        &self,
        svc: Data<&Services>,
        req: &Request,
        slug: Path<String>,
        case_id: Path<uuid::Uuid>,
    ) -> ApiResult<Withdrawn> {
        let scope = auth::scope(&svc, req, &slug).await?;
        cases::withdraw_case(&svc, &scope, CaseId(case_id.0)).await?;
        Ok(Withdrawn::Ok)
    }

    /// Record a consent or a refusal for a case (its submitter, before the meeting). The texts
    /// pass the guard.
    #[oai(path = "/networks/:slug/cases/:case_id/consents", method = "post")]
    async fn record_consent(
        &self,
        svc: Data<&Services>,
        req: &Request,
        slug: Path<String>,
        case_id: Path<uuid::Uuid>,
        body: Json<ConsentCreate>,
    ) -> ApiResult<Json<ConsentOut>> {
        let scope = auth::scope(&svc, req, &slug).await?;
        let c = body.0;
        let input = NewConsent {
            decision: c.decision.into(),
            given_by: c.given_by.into(),
            scope: c.scope,
            receiving_organisations: c
                .receiving_organisations
                .into_iter()
                .map(OrganisationId)
                .collect(),
            receiving_services: c.receiving_services,
            purpose: c.purpose,
            valid_until: c.valid_until,
            form: c.form.into(),
            recorded_by: c.recorded_by,
            recorded_at: c.recorded_at,
        };
        let consent = cases::record_consent(&svc, &scope, CaseId(case_id.0), input, c.confirmed)
            .await
            .map_err(guarded)?;
        Ok(Json(consent.into()))
    }

    /// Record that a consent was withdrawn (the submitter or the meeting's organisers). A case
    /// with consent is hidden again.
    #[oai(
        path = "/networks/:slug/cases/:case_id/consents/:consent_id/withdraw",
        method = "post"
    )]
    async fn withdraw_consent(
        &self,
        svc: Data<&Services>,
        req: &Request,
        slug: Path<String>,
        case_id: Path<uuid::Uuid>,
        consent_id: Path<uuid::Uuid>,
    ) -> ApiResult<Json<ConsentOut>> {
        let scope = auth::scope(&svc, req, &slug).await?;
        let consent =
            cases::withdraw_consent(&svc, &scope, CaseId(case_id.0), ConsentId(consent_id.0))
                .await?;
        Ok(Json(consent.into()))
    }

    /// Who read or changed a case, newest first (the network's coordinators and the case's
    /// submitter).
    #[oai(path = "/networks/:slug/cases/:case_id/access-log", method = "get")]
    async fn access_log(
        &self,
        svc: Data<&Services>,
        req: &Request,
        slug: Path<String>,
        case_id: Path<uuid::Uuid>,
        #[oai(validator(minimum(value = "1"), maximum(value = "100")))] limit: Query<Option<u64>>,
        #[oai(validator(max_length = 100))] cursor: Query<Option<String>>,
    ) -> ApiResult<Json<CaseAccessPage>> {
        let scope = auth::scope(&svc, req, &slug).await?;
        Ok(Json(
            cases::access_log(&svc, &scope, CaseId(case_id.0), page(limit, cursor)?)
                .await?
                .into(),
        ))
    }

    /// The caller's standing towards a consultation meeting's case material: whether they may
    /// confirm the duty-of-confidentiality declaration, whether they have, and whether they read
    /// the material.
    #[oai(path = "/networks/:slug/meetings/:id/declaration", method = "get")]
    async fn my_declaration(
        &self,
        svc: Data<&Services>,
        req: &Request,
        slug: Path<String>,
        id: Path<uuid::Uuid>,
    ) -> ApiResult<Json<StandingOut>> {
        let scope = auth::scope(&svc, req, &slug).await?;
        Ok(Json(
            cases::my_standing(&svc, &scope, MeetingId(id.0))
                .await?
                .into(),
        ))
    }

    /// Confirm the duty-of-confidentiality declaration for a consultation meeting (its named
    /// organisers and approved participants; 409 `not_an_approved_participant` for others,
    /// 403 for partners, observers and tokens). Recorded with the time; confirming again keeps
    /// the first time.
    #[oai(path = "/networks/:slug/meetings/:id/declaration", method = "post")]
    async fn declare(
        &self,
        svc: Data<&Services>,
        req: &Request,
        slug: Path<String>,
        id: Path<uuid::Uuid>,
    ) -> ApiResult<Json<StandingOut>> {
        let scope = auth::scope(&svc, req, &slug).await?;
        Ok(Json(
            cases::declare(&svc, &scope, MeetingId(id.0)).await?.into(),
        ))
    }

    /// Who confirmed the declaration for a consultation meeting, and when (its organisers).
    #[oai(path = "/networks/:slug/meetings/:id/declarations", method = "get")]
    async fn declarations(
        &self,
        svc: Data<&Services>,
        req: &Request,
        slug: Path<String>,
        id: Path<uuid::Uuid>,
    ) -> ApiResult<Json<DeclarationList>> {
        let scope = auth::scope(&svc, req, &slug).await?;
        let rows = cases::declarations(&svc, &scope, MeetingId(id.0)).await?;
        Ok(Json(DeclarationList {
            items: rows.into_iter().map(Into::into).collect(),
        }))
    }
}

/// Where the caller stands towards a consultation meeting's case material.
#[derive(Debug, Clone, Object)]
#[oai(rename = "CaseMaterialStanding")]
pub struct StandingOut {
    /// One of the meeting's named organisers (creator, contact person, moderator).
    pub named_organiser: bool,
    /// An approved participant.
    pub approved: bool,
    /// May confirm the declaration (a named organiser or an approved participant with at least
    /// the `member` role).
    pub may_declare: bool,
    /// Has confirmed the declaration.
    pub declared: bool,
    /// Reads the meeting's case material.
    pub reads_material: bool,
}

impl From<Standing> for StandingOut {
    fn from(s: Standing) -> Self {
        StandingOut {
            named_organiser: s.named_organiser,
            approved: s.approved,
            may_declare: s.may_declare(),
            declared: s.declared,
            reads_material: s.reads_material(),
        }
    }
}

#[derive(Debug, Clone, Object)]
#[oai(rename = "CaseDeclaration")]
pub struct DeclarationOut {
    pub user_id: uuid::Uuid,
    pub user_name: String,
    pub confirmed_at: DateTime<Utc>,
}

impl From<Declaration> for DeclarationOut {
    fn from(d: Declaration) -> Self {
        DeclarationOut {
            user_id: d.user_id.0,
            user_name: d.user_name,
            confirmed_at: d.confirmed_at,
        }
    }
}

#[derive(Debug, Clone, Object)]
pub struct DeclarationList {
    pub items: Vec<DeclarationOut>,
}
