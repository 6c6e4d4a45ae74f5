//! Cases: a practitioner books a slot and submits a case in one step; its submitter edits or
//! withdraws it until the meeting begins; its submitter and the readers of the meeting's case
//! material ([`super::access::Standing`]) read it, each read logged, until the retention period
//! ends.
//!
//! Every text is checked for shape and by the identifier guard before anything is written, so a
//! refused submission leaves no trace. Nothing here logs, indexes or mails case text: the only
//! job enqueued carries the case id.

use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, QueryFilter, QueryOrder,
};

use super::access::{
    Standing, check_open, member_user, purge_due, readable_case, standing, visible_consultation,
};
use super::access_log::log_access;
use super::consent::{self, Consent, ConsentStatus, NewConsent, details_allowed, string_list};
use super::{AgeBand, CaseMode, ConsentDecision, limits};
use crate::Services;
use crate::entities::{case_slot, case_submission, consent_record, meeting};
use crate::error::{Error, FieldError, Result};
use crate::guard;
use crate::ids::{CaseId, CaseSlotId, MeetingId, UserId};
use crate::jobs::{self, Task};
use crate::meetings::MeetingStatus;
use crate::people::Sector;
use crate::policy::Action;
use crate::tenancy::{Network, TenantScope};
use crate::text::{CODE_REQUIRED, Validator};

/// A new case, booked into a slot.
#[derive(Clone)]
pub struct NewCase {
    /// The slot to book; the first free one when `None`.
    pub slot_number: Option<i32>,
    pub age_band: AgeBand,
    /// Sectors already involved: the names of [`Sector`] or free text.
    pub sectors: Vec<String>,
    pub concern: String,
    /// What has been tried.
    pub tried: String,
    /// The question to the group.
    pub question: String,
    pub mode: CaseMode,
    /// Required with [`CaseMode::WithConsent`]; may document a refusal otherwise.
    pub consent: Option<NewConsent>,
    /// The submitter confirms that what the guard took for a name or an address is none.
    pub confirmed: bool,
}

impl std::fmt::Debug for NewCase {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("NewCase")
            .field("slot_number", &self.slot_number)
            .field("age_band", &self.age_band)
            .field("mode", &self.mode)
            .finish_non_exhaustive()
    }
}

/// A change by the submitter; `None` leaves a field as it is.
#[derive(Clone, Default)]
pub struct CasePatch {
    pub age_band: Option<AgeBand>,
    pub sectors: Option<Vec<String>>,
    pub concern: Option<String>,
    pub tried: Option<String>,
    pub question: Option<String>,
    /// Turning a case with consent into an anonymous one needs all three texts anew.
    pub mode: Option<CaseMode>,
    pub confirmed: bool,
}

impl std::fmt::Debug for CasePatch {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CasePatch")
            .field("age_band", &self.age_band)
            .field("mode", &self.mode)
            .finish_non_exhaustive()
    }
}

/// Whether a reader sees a case's details, and why not.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum DetailsState {
    Shown,
    /// A case with consent whose consent was withdrawn.
    ConsentWithdrawn,
    /// A case with consent whose consent has run out.
    ConsentExpired,
    /// A case with consent whose latest record is a refusal.
    ConsentMissing,
    /// The retention period has ended; the text is deleted (or about to be).
    Purged,
    /// The reader sees that a case is in this slot, not what it says: they are not among its
    /// readers (a coordinator who does not organise the meeting, or a participant whose
    /// organisation the case's consent does not name).
    Restricted,
}

impl DetailsState {
    pub const ALL: &'static [DetailsState] = &[
        DetailsState::Shown,
        DetailsState::ConsentWithdrawn,
        DetailsState::ConsentExpired,
        DetailsState::ConsentMissing,
        DetailsState::Purged,
        DetailsState::Restricted,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            DetailsState::Shown => "shown",
            DetailsState::ConsentWithdrawn => "consent_withdrawn",
            DetailsState::ConsentExpired => "consent_expired",
            DetailsState::ConsentMissing => "consent_missing",
            DetailsState::Purged => "purged",
            DetailsState::Restricted => "restricted",
        }
    }
}

/// What a case says.
#[derive(Clone, PartialEq, Eq)]
pub struct CaseDetails {
    pub sectors: Vec<String>,
    pub concern: String,
    pub tried: String,
    pub question: String,
}

impl std::fmt::Debug for CaseDetails {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("CaseDetails { .. }")
    }
}

/// A case as its reader sees it.
#[derive(Clone, PartialEq, Eq)]
pub struct Case {
    pub id: CaseId,
    pub meeting_id: MeetingId,
    pub slot_number: i32,
    pub mode: CaseMode,
    pub age_band: AgeBand,
    pub details_state: DetailsState,
    /// `None` unless `details_state` is `Shown`.
    pub details: Option<CaseDetails>,
    /// Oldest first; empty once the case is purged.
    pub consents: Vec<Consent>,
    /// Submitted by the reader.
    pub mine: bool,
    /// The reader may edit and withdraw it (theirs, and the meeting has not begun).
    pub editable: bool,
    pub submitted_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub purged_at: Option<DateTime<Utc>>,
}

impl std::fmt::Debug for Case {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Case")
            .field("id", &self.id)
            .field("meeting_id", &self.meeting_id)
            .field("slot_number", &self.slot_number)
            .field("details_state", &self.details_state)
            .finish_non_exhaustive()
    }
}

/// Sectors as stored: a known sector by its stable name, anything else as written.
fn sectors(v: &mut Validator, values: &[String]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for value in consent::items(v, "sectors", values) {
        let value = match Sector::parse(&value.to_lowercase()) {
            Some(sector) => sector.as_str().to_owned(),
            None => value,
        };
        if !out.contains(&value) {
            out.push(value);
        }
    }
    out
}

/// The free-text sectors (those that are not a known sector), for the guard.
fn free_sectors(sectors: &[String]) -> String {
    sectors
        .iter()
        .filter(|s| Sector::parse(s).is_none())
        .cloned()
        .collect::<Vec<_>>()
        .join("\n")
}

/// Collects the problems of a validator.
fn problems_of(v: Validator) -> Vec<FieldError> {
    match v.finish() {
        Err(Error::Invalid(problems)) => problems,
        _ => Vec::new(),
    }
}

/// Runs the guard over texts, adding what it found to `problems`.
fn guard_texts(texts: &[(&str, &str)], confirmed: bool, problems: &mut Vec<FieldError>) {
    if let Err(Error::Invalid(found)) = guard::check_fields(texts, confirmed) {
        problems.extend(found);
    }
}

/// Builds the reader's view of a case.
#[allow(clippy::too_many_arguments)]
fn view(
    case: case_submission::Model,
    meeting: &meeting::Model,
    slot_number: i32,
    consents: Vec<Consent>,
    network: &Network,
    now: DateTime<Utc>,
    me: UserId,
    standing: Standing,
) -> Case {
    let purged = case.purged_at.is_some() || now >= purge_due(network, meeting);
    let mine = case.submitted_by == me;
    let receivers = (case.mode == CaseMode::WithConsent).then(|| {
        consents
            .last()
            .map(|c| c.receiving_organisations.clone())
            .unwrap_or_default()
    });
    let reader = mine || standing.reads_case(receivers.as_deref());
    let state = if purged {
        DetailsState::Purged
    } else if !reader {
        DetailsState::Restricted
    } else {
        match details_allowed(case.mode, &consents) {
            None | Some(ConsentStatus::Valid) => DetailsState::Shown,
            Some(ConsentStatus::Withdrawn) => DetailsState::ConsentWithdrawn,
            Some(ConsentStatus::Expired) => DetailsState::ConsentExpired,
            Some(ConsentStatus::Refused) => DetailsState::ConsentMissing,
        }
    };
    Case {
        details: (state == DetailsState::Shown).then(|| CaseDetails {
            sectors: string_list(&case.sectors),
            concern: case.concern.clone(),
            tried: case.tried.clone(),
            question: case.question.clone(),
        }),
        consents: if purged || !reader {
            Vec::new()
        } else {
            consents
        },
        editable: mine && !purged && now < meeting.starts_at,
        mine,
        details_state: state,
        id: case.id,
        meeting_id: case.meeting_id,
        slot_number,
        mode: case.mode,
        age_band: case.age_band,
        submitted_at: case.created_at,
        updated_at: case.updated_at,
        purged_at: case.purged_at,
    }
}

async fn slot_number(
    conn: &impl ConnectionTrait,
    scope: &TenantScope,
    id: CaseSlotId,
) -> Result<i32> {
    Ok(scope
        .find::<case_slot::Entity>()
        .filter(case_slot::Column::Id.eq(id))
        .one(conn)
        .await?
        .map(|s| s.number)
        .unwrap_or_default())
}

/// Can a case still be submitted to this meeting now?
fn check_submittable(meeting: &meeting::Model, now: DateTime<Utc>) -> Result<()> {
    match meeting.status {
        MeetingStatus::Cancelled => Err(Error::conflict("meeting_cancelled")),
        MeetingStatus::Draft => Err(Error::conflict("meeting_not_published")),
        MeetingStatus::Completed => Err(Error::conflict("meeting_started")),
        MeetingStatus::Published if now >= meeting.starts_at => {
            Err(Error::conflict("meeting_started"))
        }
        MeetingStatus::Published => Ok(()),
    }
}

/// The checked texts of a new case.
struct Checked {
    sectors: Vec<String>,
    concern: String,
    tried: String,
    question: String,
    consent: Option<consent::CheckedConsent>,
}

fn check_new(input: &NewCase, network: &Network, now: DateTime<Utc>) -> Result<Checked> {
    let mut v = Validator::new();
    let sectors = sectors(&mut v, &input.sectors);
    let concern = v.required("concern", &input.concern, limits::TEXT);
    let tried = v.optional("tried", &input.tried, limits::TEXT);
    let question = v.required("question", &input.question, limits::TEXT);
    if let Some(n) = input.slot_number
        && n < 1
    {
        v.add("slot_number", "unknown");
    }
    match (&input.mode, &input.consent) {
        (CaseMode::WithConsent, None) => v.add("consent", CODE_REQUIRED),
        (CaseMode::WithConsent, Some(c)) if c.decision != ConsentDecision::Given => {
            v.add("mode", "consent_refused")
        }
        _ => {}
    }
    let mut problems = problems_of(v);
    let free = free_sectors(&sectors);
    guard_texts(
        &[
            ("sectors", free.as_str()),
            ("concern", concern.as_str()),
            ("tried", tried.as_str()),
            ("question", question.as_str()),
        ],
        input.confirmed,
        &mut problems,
    );
    let consent = match &input.consent {
        Some(c) => match consent::check("consent.", c, input.confirmed, network, now) {
            Ok(checked) => Some(checked),
            Err(found) => {
                problems.extend(found);
                None
            }
        },
        None => None,
    };
    if !problems.is_empty() {
        return Err(Error::Invalid(problems));
    }
    Ok(Checked {
        sectors,
        concern,
        tried,
        question,
        consent,
    })
}

/// Books a free slot of a consultation meeting and submits a case into it (members who can see
/// the meeting, before it begins). The meeting's organisers are told by mail that a case came
/// in, and nothing more.
pub async fn submit_case(
    svc: &Services,
    scope: &TenantScope,
    meeting_id: MeetingId,
    input: NewCase,
) -> Result<Case> {
    let me = member_user(scope)?;
    scope.require(Action::SubmitCase)?;
    let now = svc.now();
    // Everything is checked before the first write.
    let checked = check_new(&input, scope.network(), now)?;

    let txn = svc.db.begin_write().await?;
    let meeting = visible_consultation(&txn, scope, meeting_id).await?;
    check_submittable(&meeting, now)?;
    let slots = scope
        .find::<case_slot::Entity>()
        .filter(case_slot::Column::MeetingId.eq(meeting_id))
        .order_by_asc(case_slot::Column::Number);
    let slot = match input.slot_number {
        Some(number) => {
            let slot = slots
                .filter(case_slot::Column::Number.eq(number))
                .one(&txn)
                .await?
                .ok_or_else(|| Error::invalid("slot_number", "unknown"))?;
            if slot.booked_by.is_some() {
                return Err(Error::conflict("slot_taken"));
            }
            slot
        }
        None => slots
            .filter(case_slot::Column::BookedBy.is_null())
            .one(&txn)
            .await?
            .ok_or_else(|| Error::conflict("no_free_slot"))?,
    };
    // Booked only if still free: two submitters racing for one slot cannot both have it.
    let booked = scope
        .update_many::<case_slot::Entity>()
        .col_expr(case_slot::Column::BookedBy, Expr::value(Some(me)))
        .col_expr(case_slot::Column::BookedAt, Expr::value(Some(now)))
        .filter(case_slot::Column::Id.eq(slot.id))
        .filter(case_slot::Column::BookedBy.is_null())
        .exec(&txn)
        .await?;
    if booked.rows_affected != 1 {
        return Err(Error::conflict("slot_taken"));
    }
    let case = case_submission::ActiveModel {
        id: Set(CaseId::new()),
        tenant_id: Set(scope.tenant_id()),
        meeting_id: Set(meeting_id),
        slot_id: Set(slot.id),
        submitted_by: Set(me),
        mode: Set(input.mode),
        age_band: Set(input.age_band),
        sectors: Set(serde_json::Value::from(checked.sectors)),
        concern: Set(checked.concern),
        tried: Set(checked.tried),
        question: Set(checked.question),
        purged_at: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
    }
    .insert(&txn)
    .await?;
    if let Some(consent) = checked.consent {
        consent::insert(&txn, svc, scope, case.id, consent).await?;
    }
    log_access(&txn, svc, scope, [&case], me, "submit").await?;
    jobs::enqueue(
        &txn,
        svc,
        Some(scope.tenant_id()),
        &Task::NotifyCaseSubmitted { case_id: case.id },
    )
    .await?;
    let consents =
        consent::of_case(&txn, scope, case.id, consent::today(scope.network(), now)).await?;
    txn.commit().await?;
    Ok(view(
        case,
        &meeting,
        slot.number,
        consents,
        scope.network(),
        now,
        me,
        Standing::default(),
    ))
}

/// One case, for its submitter and the readers of its meeting's case material (for a case with
/// consent: those from a receiving organisation); anyone else: `NotFound`. The read is logged.
pub async fn get_case(svc: &Services, scope: &TenantScope, id: CaseId) -> Result<Case> {
    let conn = svc.db.conn();
    let now = svc.now();
    let (case, meeting, standing, me) = readable_case(conn, scope, id).await?;
    let number = slot_number(conn, scope, case.slot_id).await?;
    let consents =
        consent::of_case(conn, scope, case.id, consent::today(scope.network(), now)).await?;
    log_access(conn, svc, scope, [&case], me, "read").await?;
    Ok(view(
        case,
        &meeting,
        number,
        consents,
        scope.network(),
        now,
        me,
        standing,
    ))
}

/// The cases of a consultation meeting, by slot: all of them for the readers of its case
/// material (a case with consent shows its details only to readers from a receiving
/// organisation) and — without what they say — for the network's coordinators and owners; their
/// own for anyone else who can see the meeting. Each case shown with its text is logged as read.
pub async fn list_cases(
    svc: &Services,
    scope: &TenantScope,
    meeting_id: MeetingId,
) -> Result<Vec<Case>> {
    let conn = svc.db.conn();
    let now = svc.now();
    let me = member_user(scope)?;
    let meeting = visible_consultation(conn, scope, meeting_id).await?;
    let standing = standing(conn, scope, &meeting).await?;
    let mut query = scope
        .find::<case_submission::Entity>()
        .filter(case_submission::Column::MeetingId.eq(meeting_id));
    if !standing.sees_slots() {
        query = query.filter(case_submission::Column::SubmittedBy.eq(me));
    }
    let cases = query.all(conn).await?;
    if cases.is_empty() {
        return Ok(Vec::new());
    }
    let slots = scope
        .find::<case_slot::Entity>()
        .filter(case_slot::Column::MeetingId.eq(meeting_id))
        .all(conn)
        .await?;
    let today = consent::today(scope.network(), now);
    let mut records = scope
        .find::<consent_record::Entity>()
        .filter(consent_record::Column::CaseId.is_in(cases.iter().map(|c| c.id)))
        .order_by_asc(consent_record::Column::Id)
        .all(conn)
        .await?;
    let mut out = Vec::with_capacity(cases.len());
    // The cases shown with their text, logged as read together.
    let mut read = Vec::new();
    for case in cases {
        let number = slots
            .iter()
            .find(|s| s.id == case.slot_id)
            .map(|s| s.number)
            .unwrap_or_default();
        let (mine, rest): (Vec<_>, Vec<_>) =
            records.into_iter().partition(|r| r.case_id == case.id);
        records = rest;
        let consents = mine
            .into_iter()
            .map(|m| consent::from_model(m, today))
            .collect();
        let shown = view(
            case.clone(),
            &meeting,
            number,
            consents,
            scope.network(),
            now,
            me,
            standing,
        );
        if shown.details.is_some() {
            read.push(case);
        }
        out.push(shown);
    }
    log_access(conn, svc, scope, &read, me, "read").await?;
    out.sort_by_key(|c| c.slot_number);
    Ok(out)
}

/// Changes a case (its submitter, before the meeting). Changed texts pass the guard first.
pub async fn update_case(
    svc: &Services,
    scope: &TenantScope,
    id: CaseId,
    patch: CasePatch,
) -> Result<Case> {
    let now = svc.now();
    let mut v = Validator::new();
    let sectors = patch.sectors.as_ref().map(|s| sectors(&mut v, s));
    let concern = patch
        .concern
        .as_ref()
        .map(|t| v.required("concern", t, limits::TEXT));
    let tried = patch
        .tried
        .as_ref()
        .map(|t| v.optional("tried", t, limits::TEXT));
    let question = patch
        .question
        .as_ref()
        .map(|t| v.required("question", t, limits::TEXT));
    let mut problems = problems_of(v);
    let free = sectors.as_deref().map(free_sectors);
    let mut texts: Vec<(&str, &str)> = Vec::new();
    for (field, text) in [
        ("sectors", &free),
        ("concern", &concern),
        ("tried", &tried),
        ("question", &question),
    ] {
        if let Some(text) = text {
            texts.push((field, text.as_str()));
        }
    }
    guard_texts(&texts, patch.confirmed, &mut problems);
    if !problems.is_empty() {
        return Err(Error::Invalid(problems));
    }

    let txn = svc.db.begin_write().await?;
    let (case, meeting, standing, me) = readable_case(&txn, scope, id).await?;
    if case.submitted_by != me {
        return Err(Error::Forbidden);
    }
    check_open(&case, &meeting, now)?;
    let today = consent::today(scope.network(), now);
    let consents = consent::of_case(&txn, scope, case.id, today).await?;
    match (case.mode, patch.mode) {
        (CaseMode::Anonymous, Some(CaseMode::WithConsent))
            if details_allowed(CaseMode::WithConsent, &consents) != Some(ConsentStatus::Valid) =>
        {
            return Err(Error::invalid("mode", "consent_required"));
        }
        // What was written with consent must not become readable without it: an anonymous
        // case gets its texts anew.
        (CaseMode::WithConsent, Some(CaseMode::Anonymous)) => {
            let missing: Vec<FieldError> = [
                ("concern", concern.is_none()),
                ("tried", tried.is_none()),
                ("question", question.is_none()),
            ]
            .into_iter()
            .filter(|(_, absent)| *absent)
            .map(|(field, _)| FieldError::new(field, CODE_REQUIRED))
            .collect();
            if !missing.is_empty() {
                return Err(Error::Invalid(missing));
            }
        }
        _ => {}
    }
    let number = slot_number(&txn, scope, case.slot_id).await?;
    let mut active: case_submission::ActiveModel = case.into();
    if let Some(band) = patch.age_band {
        active.age_band = Set(band);
    }
    if let Some(sectors) = sectors {
        active.sectors = Set(serde_json::Value::from(sectors));
    }
    if let Some(concern) = concern {
        active.concern = Set(concern);
    }
    if let Some(tried) = tried {
        active.tried = Set(tried);
    }
    if let Some(question) = question {
        active.question = Set(question);
    }
    if let Some(mode) = patch.mode {
        active.mode = Set(mode);
    }
    active.updated_at = Set(now);
    let updated = active.update(&txn).await?;
    log_access(&txn, svc, scope, [&updated], me, "update").await?;
    txn.commit().await?;
    Ok(view(
        updated,
        &meeting,
        number,
        consents,
        scope.network(),
        now,
        me,
        standing,
    ))
}

/// Withdraws a case (its submitter, before the meeting): its text and consents are deleted and
/// its slot is free again.
pub async fn withdraw_case(svc: &Services, scope: &TenantScope, id: CaseId) -> Result<()> {
    let now = svc.now();
    let txn = svc.db.begin_write().await?;
    let (case, meeting, _, me) = readable_case(&txn, scope, id).await?;
    if case.submitted_by != me {
        return Err(Error::Forbidden);
    }
    check_open(&case, &meeting, now)?;
    log_access(&txn, svc, scope, [&case], me, "withdraw").await?;
    super::retention::delete_files(&txn, svc, scope, super::retention::FilesOf::Case(case.id))
        .await?;
    scope
        .delete_many::<consent_record::Entity>()
        .filter(consent_record::Column::CaseId.eq(case.id))
        .exec(&txn)
        .await?;
    scope
        .delete_many::<case_submission::Entity>()
        .filter(case_submission::Column::Id.eq(case.id))
        .exec(&txn)
        .await?;
    scope
        .update_many::<case_slot::Entity>()
        .col_expr(
            case_slot::Column::BookedBy,
            Expr::value(Option::<UserId>::None),
        )
        .col_expr(
            case_slot::Column::BookedAt,
            Expr::value(Option::<DateTime<Utc>>::None),
        )
        .filter(case_slot::Column::Id.eq(case.slot_id))
        .exec(&txn)
        .await?;
    txn.commit().await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_sectors_are_stored_by_name_and_only_free_text_is_guarded() {
        let mut v = Validator::new();
        let stored = sectors(
            &mut v,
            &[
                "School".into(),
                " school ".into(),
                "Familieafdelingen".into(),
                String::new(),
            ],
        );
        assert!(v.finish().is_ok());
        assert_eq!(stored, ["school", "Familieafdelingen"]);
        assert_eq!(free_sectors(&stored), "Familieafdelingen");
    }

    #[test]
    fn debug_prints_no_case_text() {
        let details = CaseDetails {
            sectors: vec!["school".into()],
            concern: "bekymring om fravær".into(),
            tried: String::new(),
            question: String::new(),
        };
        assert!(!format!("{details:?}").contains("fravær"));
        let patch = CasePatch {
            concern: Some("bekymring om fravær".into()),
            ..CasePatch::default()
        };
        assert!(!format!("{patch:?}").contains("fravær"));
    }
}
