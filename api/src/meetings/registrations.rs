//! Registration: members register and cancel; signed-out guests register for public meetings
//! and confirm by the mailed link; organisers list, export, cancel, approve and mark attendance.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use domain::Services;
use domain::identity::ClientAddress;
use domain::ids::{AgendaItemId, BreakoutGroupId, MeetingId, RegistrationId};
use domain::meetings::{self, GuestDetails, MyRegistration, NewRegistration, Registration};
use poem::Request;
use poem::web::Data;
use poem_openapi::param::Path;
use poem_openapi::payload::{Json, PlainText};
use poem_openapi::{ApiResponse, Object, OpenApi};

use super::answers::{self, AnswerValue};
use crate::ApiTags;
use crate::auth;
use crate::problem::ApiResult;
use crate::types::{AttendanceMode, RegistrationStatus};

/// A breakout group, as a registration refers to it.
#[derive(Debug, Clone, Object)]
pub struct BreakoutGroupRef {
    pub id: uuid::Uuid,
    pub name: String,
}

/// The caller's own registration.
#[derive(Debug, Clone, Object)]
#[oai(rename = "MyRegistration", skip_serializing_if_is_none)]
pub struct MyRegistrationOut {
    pub id: uuid::Uuid,
    pub status: RegistrationStatus,
    pub attendance_mode: AttendanceMode,
    /// 1 for the first on the waitlist; only while waitlisted.
    pub waitlist_position: Option<u64>,
    /// The parallel sessions chosen.
    pub session_ids: Vec<uuid::Uuid>,
    pub breakout_group: Option<BreakoutGroupRef>,
    /// May the caller still cancel it?
    pub can_cancel: bool,
}

impl From<MyRegistration> for MyRegistrationOut {
    fn from(r: MyRegistration) -> Self {
        MyRegistrationOut {
            id: r.id.0,
            status: r.status.into(),
            attendance_mode: r.attendance_mode.into(),
            waitlist_position: r.waitlist_position,
            session_ids: r.session_ids.into_iter().map(|s| s.0).collect(),
            breakout_group: r
                .breakout_group
                .map(|(id, name)| BreakoutGroupRef { id: id.0, name }),
            can_cancel: r.can_cancel,
        }
    }
}

/// A registration as the organisers see it.
#[derive(Debug, Clone, Object)]
#[oai(rename = "Registration", skip_serializing_if_is_none)]
pub struct RegistrationOut {
    pub id: uuid::Uuid,
    /// The member's user id; absent for a guest.
    pub user_id: Option<uuid::Uuid>,
    pub name: String,
    pub email: String,
    /// A member's organisation in the network; a guest's as they wrote it.
    pub organisation: String,
    /// The sector of a member's organisation (`municipality`, `school`, …), for deciding on a
    /// registration that awaits approval.
    pub sector: Option<String>,
    pub is_guest: bool,
    pub attendance_mode: AttendanceMode,
    pub status: RegistrationStatus,
    pub waitlist_position: Option<u64>,
    /// Keyed by question id.
    pub answers: BTreeMap<String, AnswerValue>,
    pub session_ids: Vec<uuid::Uuid>,
    /// Did they come? Absent until marked.
    pub attended: Option<bool>,
    pub breakout_group_id: Option<uuid::Uuid>,
    pub breakout_preferences: Vec<uuid::Uuid>,
    pub created_at: DateTime<Utc>,
}

impl From<Registration> for RegistrationOut {
    fn from(r: Registration) -> Self {
        RegistrationOut {
            id: r.id.0,
            user_id: r.user_id.map(|u| u.0),
            name: r.name,
            email: r.email,
            organisation: r.organisation,
            sector: r.sector.map(|s| s.as_str().to_owned()),
            is_guest: r.is_guest,
            attendance_mode: r.attendance_mode.into(),
            status: r.status.into(),
            waitlist_position: r.waitlist_position,
            answers: answers::render(r.answers),
            session_ids: r.session_ids.into_iter().map(|s| s.0).collect(),
            attended: r.attended,
            breakout_group_id: r.breakout_group_id.map(|g| g.0),
            breakout_preferences: r.breakout_preferences.into_iter().map(|g| g.0).collect(),
            created_at: r.created_at,
        }
    }
}

/// A member's registration.
#[derive(Debug, Object)]
#[oai(deny_unknown_fields)]
pub struct RegistrationCreate {
    /// Required for hybrid meetings; others have one kind of place.
    pub attendance_mode: Option<AttendanceMode>,
    /// Question id → a string, or an array of strings for a multiple-choice question. A
    /// missing required answer answers 422 naming `answers.<question id>`.
    #[oai(validator(max_properties = 30), default)]
    pub answers: BTreeMap<String, AnswerValue>,
    /// Chosen parallel sessions, at most one per time slot.
    #[oai(validator(max_items = 50), default)]
    pub session_ids: Vec<uuid::Uuid>,
    /// Required when the meeting has terms.
    #[oai(default)]
    pub accept_terms: bool,
    /// Breakout groups wanted, most wanted first.
    #[oai(validator(max_items = 50), default)]
    pub breakout_preferences: Vec<uuid::Uuid>,
}

/// A signed-out person's registration for a public meeting.
#[derive(Debug, Object)]
#[oai(deny_unknown_fields)]
pub struct GuestRegistrationCreate {
    #[oai(validator(max_length = 200))]
    pub name: String,
    /// The confirmation link is mailed here.
    #[oai(validator(max_length = 254))]
    pub email: String,
    #[oai(validator(max_length = 200), default)]
    pub organisation: String,
    pub attendance_mode: Option<AttendanceMode>,
    #[oai(validator(max_properties = 30), default)]
    pub answers: BTreeMap<String, AnswerValue>,
    #[oai(validator(max_items = 50), default)]
    pub session_ids: Vec<uuid::Uuid>,
    #[oai(default)]
    pub accept_terms: bool,
    #[oai(validator(max_items = 50), default)]
    pub breakout_preferences: Vec<uuid::Uuid>,
}

fn new_registration(
    attendance_mode: Option<AttendanceMode>,
    answers: BTreeMap<String, AnswerValue>,
    session_ids: Vec<uuid::Uuid>,
    accept_terms: bool,
    breakout_preferences: Vec<uuid::Uuid>,
) -> Result<NewRegistration, domain::Error> {
    Ok(NewRegistration {
        attendance_mode: attendance_mode.map(Into::into),
        answers: answers::parse(answers)?,
        session_ids: session_ids.into_iter().map(AgendaItemId).collect(),
        accept_terms,
        breakout_preferences: breakout_preferences
            .into_iter()
            .map(BreakoutGroupId)
            .collect(),
    })
}

/// What a guest sees after registering.
#[derive(Debug, Object)]
#[oai(skip_serializing_if_is_none)]
pub struct GuestReceipt {
    /// `unconfirmed` until the link in the mail is opened (or `waitlisted`).
    pub status: RegistrationStatus,
    pub waitlist_position: Option<u64>,
    /// The seat is held until then; unconfirmed, it is released.
    pub hold_until: Option<DateTime<Utc>>,
}

#[derive(Debug, Object)]
#[oai(deny_unknown_fields)]
pub struct GuestConfirmation {
    /// The secret from the link in the mail.
    #[oai(validator(max_length = 200))]
    pub token: String,
}

/// A guest's confirmed registration.
#[derive(Debug, Object)]
pub struct ConfirmedGuest {
    pub network_slug: String,
    pub meeting_id: uuid::Uuid,
    pub meeting_title: String,
    pub status: RegistrationStatus,
}

#[derive(Debug, Object)]
#[oai(deny_unknown_fields)]
pub struct Decision {
    /// Approve (registered) or reject.
    pub approve: bool,
}

#[derive(Debug, Object)]
#[oai(deny_unknown_fields)]
pub struct Attendance {
    /// Came (`true`), did not (`false`), or not marked (`null`).
    pub attended: Option<bool>,
}

/// A registered participant, by name.
#[derive(Debug, Object)]
pub struct Participant {
    pub name: String,
}

#[derive(ApiResponse)]
enum Done {
    /// Done.
    #[oai(status = 204)]
    Ok,
}

#[derive(ApiResponse)]
enum CsvExport {
    /// The registrations with their answers as CSV (UTF-8 with a byte-order mark), one row
    /// each, a column per question.
    #[oai(status = 200, content_type = "text/csv; charset=utf-8")]
    Ok(
        PlainText<String>,
        #[oai(header = "Content-Disposition")] String,
    ),
}

pub struct RegistrationsApi;

#[OpenApi(tag = "ApiTags::Meetings")]
impl RegistrationsApi {
    /// Register the signed-in member. Answers 409 when registration is not possible
    /// (`registration_closed`, `meeting_full`, `meeting_cancelled`, …) and 422 naming the
    /// fields at fault (`answers.<question id>`, `session_ids`, `accept_terms`).
    #[oai(path = "/networks/:slug/meetings/:id/registration", method = "post")]
    async fn register(
        &self,
        svc: Data<&Services>,
        req: &Request,
        slug: Path<String>,
        id: Path<uuid::Uuid>,
        body: Json<RegistrationCreate>,
    ) -> ApiResult<Json<MyRegistrationOut>> {
        let scope = auth::scope(&svc, req, &slug).await?;
        let body = body.0;
        let input = new_registration(
            body.attendance_mode,
            body.answers,
            body.session_ids,
            body.accept_terms,
            body.breakout_preferences,
        )?;
        let mine = meetings::register(&svc, &scope, MeetingId(id.0), input).await?;
        Ok(Json(mine.into()))
    }

    /// Cancel my registration, until the cancellation cut-off (then 409
    /// `cancellation_closed`). The first on the waitlist moves up.
    #[oai(path = "/networks/:slug/meetings/:id/registration", method = "delete")]
    async fn cancel_mine(
        &self,
        svc: Data<&Services>,
        req: &Request,
        slug: Path<String>,
        id: Path<uuid::Uuid>,
    ) -> ApiResult<Done> {
        let scope = auth::scope(&svc, req, &slug).await?;
        meetings::cancel_mine(&svc, &scope, MeetingId(id.0)).await?;
        Ok(Done::Ok)
    }

    /// Register a signed-out person for a public meeting. The seat is held for 24 hours until
    /// they open the link mailed to them. Rate-limited per client address.
    #[oai(
        path = "/networks/:slug/meetings/:id/guest-registrations",
        method = "post"
    )]
    async fn register_guest(
        &self,
        svc: Data<&Services>,
        req: &Request,
        client: Data<&ClientAddress>,
        slug: Path<String>,
        id: Path<uuid::Uuid>,
        body: Json<GuestRegistrationCreate>,
    ) -> ApiResult<Json<GuestReceipt>> {
        let scope = auth::scope(&svc, req, &slug).await?;
        let address = client.key();
        let body = body.0;
        let guest = GuestDetails {
            name: body.name,
            email: body.email,
            organisation: body.organisation,
        };
        let input = new_registration(
            body.attendance_mode,
            body.answers,
            body.session_ids,
            body.accept_terms,
            body.breakout_preferences,
        )?;
        let receipt =
            meetings::register_guest(&svc, &scope, MeetingId(id.0), guest, input, &address).await?;
        Ok(Json(GuestReceipt {
            status: receipt.status.into(),
            waitlist_position: receipt.waitlist_position,
            hold_until: receipt.hold_until,
        }))
    }

    /// Confirm a guest's registration by the secret from the mailed link. An unknown, used or
    /// expired secret answers 401 `invalid_token`.
    #[oai(path = "/registrations/confirm", method = "post")]
    async fn confirm_guest(
        &self,
        svc: Data<&Services>,
        body: Json<GuestConfirmation>,
    ) -> ApiResult<Json<ConfirmedGuest>> {
        let confirmed = meetings::confirm_guest(&svc, body.token.trim()).await?;
        Ok(Json(ConfirmedGuest {
            network_slug: confirmed.network_slug,
            meeting_id: confirmed.meeting_id.0,
            meeting_title: confirmed.meeting_title,
            status: confirmed.status.into(),
        }))
    }

    /// Every registration of the meeting with its answers, in queue order (organisers).
    #[oai(path = "/networks/:slug/meetings/:id/registrations", method = "get")]
    async fn list(
        &self,
        svc: Data<&Services>,
        req: &Request,
        slug: Path<String>,
        id: Path<uuid::Uuid>,
    ) -> ApiResult<Json<Vec<RegistrationOut>>> {
        let scope = auth::scope(&svc, req, &slug).await?;
        let rows = meetings::registrations(&svc, &scope, MeetingId(id.0)).await?;
        Ok(Json(rows.into_iter().map(Into::into).collect()))
    }

    /// The registrations as CSV for a spreadsheet (organisers).
    #[oai(
        path = "/networks/:slug/meetings/:id/registrations.csv",
        method = "get"
    )]
    async fn export_csv(
        &self,
        svc: Data<&Services>,
        req: &Request,
        slug: Path<String>,
        id: Path<uuid::Uuid>,
    ) -> ApiResult<CsvExport> {
        let scope = auth::scope(&svc, req, &slug).await?;
        let csv = meetings::export_csv(&svc, &scope, MeetingId(id.0)).await?;
        Ok(CsvExport::Ok(
            PlainText(csv),
            format!("attachment; filename=\"registrations-{}.csv\"", id.0),
        ))
    }

    /// Cancel someone's registration (organisers; no cut-off applies). The first on the
    /// waitlist moves up.
    #[oai(
        path = "/networks/:slug/meetings/:id/registrations/:registration_id/cancel",
        method = "post"
    )]
    async fn cancel(
        &self,
        svc: Data<&Services>,
        req: &Request,
        slug: Path<String>,
        id: Path<uuid::Uuid>,
        registration_id: Path<uuid::Uuid>,
    ) -> ApiResult<Done> {
        let scope = auth::scope(&svc, req, &slug).await?;
        meetings::cancel(
            &svc,
            &scope,
            MeetingId(id.0),
            RegistrationId(registration_id.0),
        )
        .await?;
        Ok(Done::Ok)
    }

    /// Approve or reject a registration awaiting approval (organisers); otherwise 409
    /// `not_pending_approval`.
    #[oai(
        path = "/networks/:slug/meetings/:id/registrations/:registration_id/decision",
        method = "post"
    )]
    async fn decide(
        &self,
        svc: Data<&Services>,
        req: &Request,
        slug: Path<String>,
        id: Path<uuid::Uuid>,
        registration_id: Path<uuid::Uuid>,
        body: Json<Decision>,
    ) -> ApiResult<Done> {
        let scope = auth::scope(&svc, req, &slug).await?;
        meetings::decide(
            &svc,
            &scope,
            MeetingId(id.0),
            RegistrationId(registration_id.0),
            body.approve,
        )
        .await?;
        Ok(Done::Ok)
    }

    /// Mark whether a registered participant came (organisers).
    #[oai(
        path = "/networks/:slug/meetings/:id/registrations/:registration_id/attendance",
        method = "put"
    )]
    async fn mark_attendance(
        &self,
        svc: Data<&Services>,
        req: &Request,
        slug: Path<String>,
        id: Path<uuid::Uuid>,
        registration_id: Path<uuid::Uuid>,
        body: Json<Attendance>,
    ) -> ApiResult<Done> {
        let scope = auth::scope(&svc, req, &slug).await?;
        meetings::mark_attendance(
            &svc,
            &scope,
            MeetingId(id.0),
            RegistrationId(registration_id.0),
            body.attended,
        )
        .await?;
        Ok(Done::Ok)
    }

    /// The names of the registered participants: for organisers always, for participants when
    /// the meeting shows them; otherwise 403.
    #[oai(path = "/networks/:slug/meetings/:id/participants", method = "get")]
    async fn participants(
        &self,
        svc: Data<&Services>,
        req: &Request,
        slug: Path<String>,
        id: Path<uuid::Uuid>,
    ) -> ApiResult<Json<Vec<Participant>>> {
        let scope = auth::scope(&svc, req, &slug).await?;
        let names = meetings::participants(&svc, &scope, MeetingId(id.0)).await?;
        Ok(Json(
            names.into_iter().map(|name| Participant { name }).collect(),
        ))
    }
}
