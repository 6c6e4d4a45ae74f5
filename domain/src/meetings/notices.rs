//! The mails of meetings: confirmation, waitlist, approval, promotion, guest confirmation
//! links, change and cancellation notices, and reminders.
//!
//! Each mail goes out once. A use case records a receipt (`mail_receipts`, keyed by what the
//! mail is about) in the same transaction as its change and enqueues the mail's job only when
//! the receipt is new; the job's mail id is that key, so a job run twice after a crash writes the
//! same message again rather than a second one. Reminders are scheduled jobs that fan out into
//! one mail job per recipient the same way.

use chrono::{DateTime, Duration, Utc};
use sea_orm::sea_query::OnConflict;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter,
};
use serde::{Deserialize, Serialize};

use super::{MeetingStatus, RegistrationStatus};
use crate::Services;
use crate::calendar::{self, Calendar, CalendarEvent, EventStatus, Method};
use crate::entities::{mail_receipt, meeting, meeting_invitee, registration, user};
use crate::error::Result;
use crate::identity::secret::{hash_secret, new_secret};
use crate::ids::{MeetingId, NetworkId, RegistrationId, UserId};
use crate::jobs::{self, Task};
use crate::mail::{MailAttachment, OutgoingMail};
use crate::tenancy::{Language, Network, TenantScope};

/// What a meeting mail tells its recipient.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Notice {
    Confirmed,
    Waitlisted,
    AwaitingApproval,
    Promoted,
    Rejected,
    /// A guest's link to confirm their e-mail address.
    ConfirmEmail,
    Changed,
    Cancelled,
    /// The day before: the programme and, for online places, the link.
    DayBefore,
}

impl Notice {
    fn as_str(self) -> &'static str {
        match self {
            Notice::Confirmed => "confirmed",
            Notice::Waitlisted => "waitlisted",
            Notice::AwaitingApproval => "awaiting_approval",
            Notice::Promoted => "promoted",
            Notice::Rejected => "rejected",
            Notice::ConfirmEmail => "confirm_email",
            Notice::Changed => "changed",
            Notice::Cancelled => "cancelled",
            Notice::DayBefore => "day_before",
        }
    }
}

/// Which scheduled reminder a job is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReminderKind {
    /// A day before the meeting, to everyone registered.
    DayBefore,
    /// A day before the registration deadline, to those invited who have not registered.
    Deadline,
}

/// Records a receipt; true when it is new (and the mail should be enqueued).
async fn new_receipt(
    conn: &impl ConnectionTrait,
    svc: &Services,
    tenant: NetworkId,
    key: &str,
) -> Result<bool> {
    let inserted = mail_receipt::Entity::insert(mail_receipt::ActiveModel {
        tenant_id: Set(tenant),
        key: Set(key.to_owned()),
        created_at: Set(svc.now()),
    })
    .on_conflict(
        OnConflict::columns([mail_receipt::Column::TenantId, mail_receipt::Column::Key])
            .do_nothing()
            .to_owned(),
    )
    .exec_without_returning(conn)
    .await?;
    Ok(inserted == 1)
}

/// Enqueues one mail about a registration, once per `occasion`.
pub(crate) async fn enqueue(
    conn: &impl ConnectionTrait,
    svc: &Services,
    registration: &registration::Model,
    notice: Notice,
    occasion: &str,
) -> Result<()> {
    let key = format!("{}-{}-{occasion}", notice.as_str(), registration.id);
    if new_receipt(conn, svc, registration.tenant_id, &key).await? {
        jobs::enqueue(
            conn,
            svc,
            Some(registration.tenant_id),
            &Task::SendMeetingMail {
                registration_id: registration.id,
                notice,
                key,
            },
        )
        .await?;
    }
    Ok(())
}

/// Tells everyone registered, waiting or waitlisted about a change or a cancellation.
pub(crate) async fn notify_participants(
    conn: &impl ConnectionTrait,
    svc: &Services,
    scope: &TenantScope,
    meeting: &meeting::Model,
    notice: Notice,
) -> Result<()> {
    let mut statuses = RegistrationStatus::HOLDING_SEAT.to_vec();
    statuses.push(RegistrationStatus::Waitlisted);
    let registrations = scope
        .find::<registration::Entity>()
        .filter(registration::Column::MeetingId.eq(meeting.id))
        .filter(registration::Column::Status.is_in(statuses))
        .all(conn)
        .await?;
    let occasion = meeting.sequence.to_string();
    for registration in &registrations {
        enqueue(conn, svc, registration, notice, &occasion).await?;
    }
    Ok(())
}

/// Schedules the reminders of a published meeting. Jobs scheduled for an earlier time of the
/// meeting find that it moved and do nothing; receipts keep a reminder from going out twice.
pub(crate) async fn schedule_reminders(
    conn: &impl ConnectionTrait,
    svc: &Services,
    meeting: &meeting::Model,
) -> Result<()> {
    let now = svc.now();
    let plans = [
        (ReminderKind::DayBefore, Some(meeting.starts_at)),
        (ReminderKind::Deadline, meeting.registration_closes_at),
    ];
    for (kind, at) in plans {
        let Some(at) = at else { continue };
        if at <= now {
            continue;
        }
        let run_after = (at - Duration::hours(24)).max(now);
        jobs::enqueue_at(
            conn,
            svc,
            Some(meeting.tenant_id),
            &Task::MeetingReminder {
                meeting_id: meeting.id,
                reminder: kind,
                at,
            },
            run_after,
        )
        .await?;
    }
    Ok(())
}

/// Runs a scheduled reminder (the worker's job): one mail job per recipient, each once.
pub async fn run_reminder(
    svc: &Services,
    scope: &TenantScope,
    meeting_id: MeetingId,
    kind: ReminderKind,
    at: DateTime<Utc>,
) -> Result<()> {
    let txn = svc.db.begin_write().await?;
    let Some(meeting) = scope
        .find::<meeting::Entity>()
        .filter(meeting::Column::Id.eq(meeting_id))
        .one(&txn)
        .await?
    else {
        return Ok(());
    };
    let current = match kind {
        ReminderKind::DayBefore => Some(meeting.starts_at),
        ReminderKind::Deadline => meeting.registration_closes_at,
    };
    if meeting.status != MeetingStatus::Published || current != Some(at) {
        return Ok(());
    }
    let occasion = at.timestamp().to_string();
    match kind {
        ReminderKind::DayBefore => {
            let registered = scope
                .find::<registration::Entity>()
                .filter(registration::Column::MeetingId.eq(meeting.id))
                .filter(registration::Column::Status.eq(RegistrationStatus::Registered))
                .all(&txn)
                .await?;
            for registration in &registered {
                enqueue(&txn, svc, registration, Notice::DayBefore, &occasion).await?;
            }
        }
        ReminderKind::Deadline => {
            let invited: Vec<UserId> = scope
                .find::<meeting_invitee::Entity>()
                .filter(meeting_invitee::Column::MeetingId.eq(meeting.id))
                .all(&txn)
                .await?
                .into_iter()
                .map(|i| i.user_id)
                .collect();
            let answered: Vec<UserId> = scope
                .find::<registration::Entity>()
                .filter(registration::Column::MeetingId.eq(meeting.id))
                .all(&txn)
                .await?
                .into_iter()
                .filter_map(|r| r.user_id)
                .collect();
            for user_id in invited.into_iter().filter(|u| !answered.contains(u)) {
                let key = format!("deadline-{}-{user_id}-{occasion}", meeting.id);
                if new_receipt(&txn, svc, meeting.tenant_id, &key).await? {
                    jobs::enqueue(
                        &txn,
                        svc,
                        Some(meeting.tenant_id),
                        &Task::SendDeadlineReminder {
                            meeting_id: meeting.id,
                            user_id,
                            key,
                        },
                    )
                    .await?;
                }
            }
        }
    }
    txn.commit().await?;
    Ok(())
}

fn base_url(svc: &Services) -> &str {
    svc.config.public_url.trim_end_matches('/')
}

pub(crate) fn meeting_link(svc: &Services, network: &Network, id: MeetingId) -> String {
    format!("{}/n/{}/meetings/{id}", base_url(svc), network.slug)
}

/// Room and address, as one line ("" for an online meeting).
fn place_of(m: &meeting::Model) -> String {
    [m.room.as_str(), m.address.as_str()]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(", ")
}

/// The calendar entry of a meeting as it stands.
pub(crate) fn calendar_event(
    svc: &Services,
    network: &Network,
    m: &meeting::Model,
) -> CalendarEvent {
    let location = place_of(m);
    CalendarEvent {
        uid: format!("{}@samvirke", m.id),
        sequence: u32::try_from(m.sequence).unwrap_or(0),
        title: m.title.clone(),
        description: crate::markdown::plain_text(&m.description),
        location: (!location.is_empty()).then_some(location),
        url: Some(meeting_link(svc, network, m.id)),
        starts_at: m.starts_at,
        ends_at: m.ends_at,
        status: match m.status {
            MeetingStatus::Cancelled => EventStatus::Cancelled,
            MeetingStatus::Draft => EventStatus::Tentative,
            MeetingStatus::Published | MeetingStatus::Completed => EventStatus::Confirmed,
        },
        last_modified: m.updated_at,
    }
}

fn ics_attachment(
    svc: &Services,
    network: &Network,
    m: &meeting::Model,
    method: Method,
) -> MailAttachment {
    let calendar = Calendar {
        name: m.title.clone(),
        time_zone: network.time_zone,
        method,
        events: vec![calendar_event(svc, network, m)],
    };
    MailAttachment {
        file_name: "invite.ics".into(),
        content_type: format!(
            "text/calendar; charset=utf-8; method={}",
            match method {
                Method::Publish => "PUBLISH",
                Method::Request => "REQUEST",
                Method::Cancel => "CANCEL",
            }
        ),
        content: calendar::render(&calendar, svc.now()).into_bytes(),
    }
}

/// Sends one meeting mail (the worker's job). Nothing is sent if the registration has moved on
/// (a confirmation link for a registration that was released, say).
pub async fn send(
    svc: &Services,
    scope: &TenantScope,
    registration_id: RegistrationId,
    notice: Notice,
    key: &str,
) -> Result<()> {
    let conn = svc.db.conn();
    let Some(registration) = scope
        .find::<registration::Entity>()
        .filter(registration::Column::Id.eq(registration_id))
        .one(conn)
        .await?
    else {
        return Ok(());
    };
    let Some(meeting) = scope
        .find::<meeting::Entity>()
        .filter(meeting::Column::Id.eq(registration.meeting_id))
        .one(conn)
        .await?
    else {
        return Ok(());
    };
    let (to, name, language) = match registration.user_id {
        Some(user_id) => {
            let Some(user) = user::Entity::find_by_id(user_id).one(conn).await? else {
                return Ok(());
            };
            (
                user.email,
                user.display_name,
                user.preferred_language
                    .unwrap_or(scope.network().default_language),
            )
        }
        None => (
            registration.guest_email.clone().unwrap_or_default(),
            registration.guest_name.clone().unwrap_or_default(),
            scope.network().default_language,
        ),
    };
    let network = scope.network();
    let still_current = match notice {
        Notice::ConfirmEmail => {
            registration.confirm_token_hash.is_some() && registration.status.is_active()
        }
        Notice::DayBefore => registration.status == RegistrationStatus::Registered,
        _ => true,
    };
    if !still_current || to.is_empty() {
        return Ok(());
    }
    let mut extra = String::new();
    if notice == Notice::ConfirmEmail {
        let secret = new_secret()?;
        let txn = svc.db.begin_write().await?;
        let mut active: registration::ActiveModel = registration.clone().into();
        active.confirm_token_hash = Set(Some(hash_secret(&secret)));
        active.update(&txn).await?;
        txn.commit().await?;
        extra = format!(
            "{}\n{}/registrations/confirm/{secret}\n",
            texts::confirm_link(language, registration.hold_until, network),
            base_url(svc)
        );
    }
    if notice == Notice::DayBefore {
        extra = day_before_details(svc, scope, &meeting, &registration, language).await?;
    }
    let position = super::registrations::waitlist_position(conn, scope, &registration)
        .await?
        .unwrap_or(0);
    let (subject, intro) = texts::notice(language, notice, &meeting.title, position);
    let when = texts::when(language, network, &meeting);
    let place = place_of(&meeting);
    let text = format!(
        "{} {name}\n\n{intro}\n\n{}\n{when}\n{place}\n\n{extra}{}\n",
        texts::hello(language),
        meeting.title,
        meeting_link(svc, network, meeting.id),
    );
    let attachments = match notice {
        Notice::Confirmed | Notice::Promoted | Notice::Changed
            if registration.status == RegistrationStatus::Registered =>
        {
            vec![ics_attachment(svc, network, &meeting, Method::Request)]
        }
        Notice::Cancelled => vec![ics_attachment(svc, network, &meeting, Method::Cancel)],
        _ => Vec::new(),
    };
    svc.mailer
        .send(&OutgoingMail {
            id: key.to_owned(),
            to,
            subject,
            text,
            attachments,
            unsubscribe_url: None,
        })
        .await?;
    Ok(())
}

/// The programme and, for those with an online place, the link.
async fn day_before_details(
    svc: &Services,
    scope: &TenantScope,
    meeting: &meeting::Model,
    registration: &registration::Model,
    language: Language,
) -> Result<String> {
    let programme = super::programme::of_meeting(svc.db.conn(), scope, meeting.id).await?;
    let tz = scope.network().time_zone;
    let mut out = String::new();
    if !programme.is_empty() {
        out.push_str(texts::programme(language));
        out.push('\n');
        for item in programme {
            out.push_str(&format!(
                "{}–{} {}\n",
                item.starts_at.with_timezone(&tz).format("%H:%M"),
                item.ends_at.with_timezone(&tz).format("%H:%M"),
                item.title
            ));
        }
        out.push('\n');
    }
    if registration.attendance_mode == super::AttendanceMode::Online
        && !meeting.online_url.is_empty()
    {
        out.push_str(&format!(
            "{}\n{}\n\n",
            texts::online(language),
            meeting.online_url
        ));
    }
    Ok(out)
}

/// Sends the reminder before the registration deadline to one invited member (worker's job).
pub async fn send_deadline_reminder(
    svc: &Services,
    scope: &TenantScope,
    meeting_id: MeetingId,
    user_id: UserId,
    key: &str,
) -> Result<()> {
    let conn = svc.db.conn();
    let Some(meeting) = scope
        .find::<meeting::Entity>()
        .filter(meeting::Column::Id.eq(meeting_id))
        .one(conn)
        .await?
    else {
        return Ok(());
    };
    let Some(user) = user::Entity::find_by_id(user_id).one(conn).await? else {
        return Ok(());
    };
    let network = scope.network();
    let language = user.preferred_language.unwrap_or(network.default_language);
    let deadline = meeting
        .registration_closes_at
        .map(|at| {
            at.with_timezone(&network.time_zone)
                .format("%Y-%m-%d %H:%M")
                .to_string()
        })
        .unwrap_or_default();
    let (subject, intro) = texts::deadline(language, &meeting.title, &deadline);
    let text = format!(
        "{} {}\n\n{intro}\n\n{}\n{}\n\n{}\n",
        texts::hello(language),
        user.display_name,
        meeting.title,
        texts::when(language, network, &meeting),
        meeting_link(svc, network, meeting.id)
    );
    svc.mailer
        .send(&OutgoingMail {
            id: key.to_owned(),
            to: user.email,
            subject,
            text,
            attachments: Vec::new(),
            unsubscribe_url: None,
        })
        .await?;
    Ok(())
}

/// The words of the mails in Danish, Norwegian and English (Swedish networks get English until
/// the interface has Swedish).
mod texts {
    use chrono::{DateTime, Utc};

    use super::Notice;
    use crate::entities::meeting;
    use crate::tenancy::{Language, Network};

    pub fn hello(language: Language) -> &'static str {
        match language {
            Language::Danish => "Hej",
            Language::Norwegian => "Hei",
            Language::Swedish | Language::English => "Hello",
        }
    }

    pub fn programme(language: Language) -> &'static str {
        match language {
            Language::Danish => "Program:",
            Language::Norwegian => "Program:",
            Language::Swedish | Language::English => "Programme:",
        }
    }

    pub fn online(language: Language) -> &'static str {
        match language {
            Language::Danish => "Link til at deltage online:",
            Language::Norwegian => "Lenke for å delta digitalt:",
            Language::Swedish | Language::English => "Link to join online:",
        }
    }

    pub fn when(language: Language, network: &Network, m: &meeting::Model) -> String {
        let start = m.starts_at.with_timezone(&network.time_zone);
        let end = m.ends_at.with_timezone(&network.time_zone);
        let zone = network.time_zone.name();
        match language {
            Language::Danish | Language::Norwegian => format!(
                "{} kl. {}–{} ({zone})",
                start.format("%d.%m.%Y"),
                start.format("%H:%M"),
                end.format("%H:%M")
            ),
            Language::Swedish | Language::English => format!(
                "{} {}–{} ({zone})",
                start.format("%Y-%m-%d"),
                start.format("%H:%M"),
                end.format("%H:%M")
            ),
        }
    }

    pub fn confirm_link(
        language: Language,
        hold_until: Option<DateTime<Utc>>,
        network: &Network,
    ) -> String {
        let until = hold_until
            .map(|at| {
                at.with_timezone(&network.time_zone)
                    .format("%Y-%m-%d %H:%M")
                    .to_string()
            })
            .unwrap_or_default();
        match language {
            Language::Danish => format!(
                "Bekræft din tilmelding ved at følge linket. Pladsen holdes til {until}; derefter frigives den."
            ),
            Language::Norwegian => format!(
                "Bekreft påmeldingen ved å følge lenken. Plassen holdes til {until}; deretter frigis den."
            ),
            Language::Swedish | Language::English => format!(
                "Confirm your registration by following the link. Your place is held until {until}; then it is released."
            ),
        }
    }

    pub fn deadline(language: Language, title: &str, deadline: &str) -> (String, String) {
        match language {
            Language::Danish => (
                format!("Påmindelse: tilmeldingsfristen til {title} nærmer sig"),
                format!("Du er inviteret til {title}. Tilmeldingsfristen er {deadline}."),
            ),
            Language::Norwegian => (
                format!("Påminnelse: påmeldingsfristen for {title} nærmer seg"),
                format!("Du er invitert til {title}. Påmeldingsfristen er {deadline}."),
            ),
            Language::Swedish | Language::English => (
                format!("Reminder: registration for {title} closes soon"),
                format!("You are invited to {title}. Registration closes {deadline}."),
            ),
        }
    }

    pub fn notice(
        language: Language,
        notice: Notice,
        title: &str,
        position: u64,
    ) -> (String, String) {
        use Notice::*;
        match language {
            Language::Danish => match notice {
                Confirmed => (
                    format!("Tilmeldt: {title}"),
                    "Du er tilmeldt. Kalenderinvitationen er vedhæftet.".into(),
                ),
                Waitlisted => (
                    format!("På venteliste: {title}"),
                    format!(
                        "Mødet er fuldt. Du står som nummer {position} på ventelisten, og vi skriver, hvis du får en plads."
                    ),
                ),
                AwaitingApproval => (
                    format!("Tilmelding modtaget: {title}"),
                    "Arrangøren godkender tilmeldingerne. Du hører fra os.".into(),
                ),
                Promoted => (
                    format!("Du har fået en plads: {title}"),
                    "En plads er blevet ledig, og den er din.".into(),
                ),
                Rejected => (
                    format!("Tilmelding ikke godkendt: {title}"),
                    "Arrangøren kunne desværre ikke godkende din tilmelding.".into(),
                ),
                ConfirmEmail => (
                    format!("Bekræft din tilmelding: {title}"),
                    "Tak for din tilmelding.".into(),
                ),
                Changed => (
                    format!("Ændret: {title}"),
                    "Tid eller sted for mødet er ændret. Se de nye oplysninger herunder.".into(),
                ),
                Cancelled => (format!("Aflyst: {title}"), "Mødet er aflyst.".into()),
                DayBefore => (
                    format!("I morgen: {title}"),
                    "En påmindelse om mødet i morgen.".into(),
                ),
            },
            Language::Norwegian => match notice {
                Confirmed => (
                    format!("Påmeldt: {title}"),
                    "Du er påmeldt. Kalenderinvitasjonen er vedlagt.".into(),
                ),
                Waitlisted => (
                    format!("På venteliste: {title}"),
                    format!(
                        "Møtet er fullt. Du står som nummer {position} på ventelisten, og vi gir beskjed hvis du får plass."
                    ),
                ),
                AwaitingApproval => (
                    format!("Påmelding mottatt: {title}"),
                    "Arrangøren godkjenner påmeldingene. Du hører fra oss.".into(),
                ),
                Promoted => (
                    format!("Du har fått plass: {title}"),
                    "En plass er blitt ledig, og den er din.".into(),
                ),
                Rejected => (
                    format!("Påmelding ikke godkjent: {title}"),
                    "Arrangøren kunne dessverre ikke godkjenne påmeldingen din.".into(),
                ),
                ConfirmEmail => (
                    format!("Bekreft påmeldingen: {title}"),
                    "Takk for påmeldingen.".into(),
                ),
                Changed => (
                    format!("Endret: {title}"),
                    "Tid eller sted for møtet er endret. Se de nye opplysningene under.".into(),
                ),
                Cancelled => (format!("Avlyst: {title}"), "Møtet er avlyst.".into()),
                DayBefore => (
                    format!("I morgen: {title}"),
                    "En påminnelse om møtet i morgen.".into(),
                ),
            },
            Language::Swedish | Language::English => match notice {
                Confirmed => (
                    format!("Registered: {title}"),
                    "You are registered. The calendar invitation is attached.".into(),
                ),
                Waitlisted => (
                    format!("Waitlisted: {title}"),
                    format!(
                        "The meeting is full. You are number {position} on the waitlist; we will write if a place frees up."
                    ),
                ),
                AwaitingApproval => (
                    format!("Registration received: {title}"),
                    "The organiser approves registrations. You will hear from us.".into(),
                ),
                Promoted => (
                    format!("You have a place: {title}"),
                    "A place has become free, and it is yours.".into(),
                ),
                Rejected => (
                    format!("Registration not approved: {title}"),
                    "The organiser could not approve your registration.".into(),
                ),
                ConfirmEmail => (
                    format!("Confirm your registration: {title}"),
                    "Thank you for registering.".into(),
                ),
                Changed => (
                    format!("Changed: {title}"),
                    "The time or place of the meeting has changed. See the details below.".into(),
                ),
                Cancelled => (
                    format!("Cancelled: {title}"),
                    "The meeting has been cancelled.".into(),
                ),
                DayBefore => (
                    format!("Tomorrow: {title}"),
                    "A reminder of tomorrow's meeting.".into(),
                ),
            },
        }
    }
}
