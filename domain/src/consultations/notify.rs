//! The mail that tells a consultation meeting's organisers that a case came in. It says that and
//! links to the meeting's cases; it carries nothing of the case, not even its age band.

use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

use crate::Services;
use crate::entities::{case_submission, meeting, membership, user};
use crate::error::Result;
use crate::ids::{CaseId, UserId};
use crate::mail::OutgoingMail;
use crate::people::MembershipStatus;
use crate::policy::Role;
use crate::tenancy::{Language, TenantScope};

/// Mails the meeting's named organisers (its creator, contact person and moderator), or, when
/// it has none who are still members, the network's coordinators and owners. Each mail has a
/// fixed id, so a job run twice writes the same message again rather than a second one.
pub async fn notify_case_submitted(
    svc: &Services,
    scope: &TenantScope,
    case_id: CaseId,
) -> Result<()> {
    let conn = svc.db.conn();
    // A case withdrawn before the job ran needs no mail.
    let Some(case) = scope
        .find::<case_submission::Entity>()
        .filter(case_submission::Column::Id.eq(case_id))
        .one(conn)
        .await?
    else {
        return Ok(());
    };
    let Some(meeting) = scope
        .find::<meeting::Entity>()
        .filter(meeting::Column::Id.eq(case.meeting_id))
        .one(conn)
        .await?
    else {
        return Ok(());
    };
    let active = scope
        .find::<membership::Entity>()
        .filter(membership::Column::Status.eq(MembershipStatus::Active))
        .all(conn)
        .await?;
    let mut recipients: Vec<UserId> = Vec::new();
    for named in [
        meeting.created_by,
        meeting.contact_user_id,
        meeting.moderator_user_id,
    ]
    .into_iter()
    .flatten()
    {
        if !recipients.contains(&named) && active.iter().any(|m| m.user_id == named) {
            recipients.push(named);
        }
    }
    if recipients.is_empty() {
        recipients = active
            .iter()
            .filter(|m| m.role >= Role::Coordinator)
            .map(|m| m.user_id)
            .collect();
    }
    if recipients.is_empty() {
        return Ok(());
    }
    let people = user::Entity::find()
        .filter(user::Column::Id.is_in(recipients))
        .all(conn)
        .await?;
    let network = scope.network();
    let link = format!(
        "{}/n/{}/meetings/{}/cases",
        svc.config.public_url.trim_end_matches('/'),
        network.slug,
        meeting.id
    );
    let date = meeting
        .starts_at
        .with_timezone(&network.time_zone)
        .format("%d.%m.%Y")
        .to_string();
    for person in people {
        let language = person
            .preferred_language
            .unwrap_or(network.default_language);
        let (subject, text) = texts(language, &person.display_name, &meeting.title, &date, &link);
        svc.mailer
            .send(&OutgoingMail {
                id: format!("case-submitted-{case_id}-{}", person.id),
                to: person.email,
                subject,
                text,
                attachments: Vec::new(),
                unsubscribe_url: None,
            })
            .await?;
    }
    Ok(())
}

fn texts(language: Language, name: &str, title: &str, date: &str, link: &str) -> (String, String) {
    match language {
        Language::Danish => (
            format!("En sag er indsendt: {title}"),
            format!(
                "Hej {name}\n\nDer er indsendt en sag til drøftelsesmødet {title} den {date}.\n\nSagerne kan ses, når du er logget ind:\n{link}\n"
            ),
        ),
        Language::Norwegian => (
            format!("En sak er meldt inn: {title}"),
            format!(
                "Hei {name}\n\nDet er meldt inn en sak til drøftingsmøtet {title} {date}.\n\nSakene kan ses når du er logget inn:\n{link}\n"
            ),
        ),
        Language::Swedish | Language::English => (
            format!("A case was submitted: {title}"),
            format!(
                "Hello {name}\n\nA case was submitted to the consultation meeting {title} on {date}.\n\nThe cases can be seen once you are signed in:\n{link}\n"
            ),
        ),
    }
}
