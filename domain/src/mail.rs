//! The `Mailer` port and the mails the domain sends. Adapters: an outbox folder of `.eml` files
//! (the embedded default) and SMTP.

use async_trait::async_trait;

/// One message to one recipient. `id` is stable for the same logical mail (it becomes the
/// `Message-ID`), so an adapter can make a resend after a crash idempotent where its medium
/// allows: the outbox keeps one file per id; SMTP cannot unsend, so a resend after a crash
/// between the server's acceptance and the job's completion may deliver twice.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OutgoingMail {
    pub id: String,
    pub to: String,
    pub subject: String,
    pub text: String,
    pub attachments: Vec<MailAttachment>,
    /// A one-click unsubscribe link (RFC 8058). Adapters send it as `List-Unsubscribe` with
    /// `List-Unsubscribe-Post: List-Unsubscribe=One-Click`; the text carries it too.
    pub unsubscribe_url: Option<String>,
}

/// A file sent with a mail (a calendar invitation, say).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MailAttachment {
    pub file_name: String,
    /// The full content type, parameters included (`text/calendar; method=REQUEST`).
    pub content_type: String,
    pub content: Vec<u8>,
}

#[async_trait]
pub trait Mailer: Send + Sync {
    async fn send(&self, mail: &OutgoingMail) -> anyhow::Result<()>;
}

/// The texts of the mails, in the network's language. Swedish networks get the English text
/// until the interface has Swedish.
pub mod messages {
    use chrono::{DateTime, Utc};

    use super::OutgoingMail;
    use crate::tenancy::{Language, Network};

    pub fn invitation(
        network: &Network,
        inviter: Option<&str>,
        to: &str,
        link: &str,
        expires_at: DateTime<Utc>,
    ) -> OutgoingMail {
        let expires = expires_at
            .with_timezone(&network.time_zone)
            .format("%Y-%m-%d %H:%M")
            .to_string();
        let name = &network.name;
        let (subject, text) = match network.default_language {
            Language::Danish => (
                format!("Invitation til {name} på Samvirke"),
                format!(
                    "Hej\n\n{} har inviteret dig til netværket {name} på Samvirke.\n\nFølg linket for at tage imod invitationen:\n{link}\n\nLinket virker til {expires}.\n",
                    inviter.unwrap_or("Koordinatoren")
                ),
            ),
            Language::Norwegian => (
                format!("Invitasjon til {name} på Samvirke"),
                format!(
                    "Hei\n\n{} har invitert deg til nettverket {name} på Samvirke.\n\nFølg lenken for å takke ja til invitasjonen:\n{link}\n\nLenken virker til {expires}.\n",
                    inviter.unwrap_or("Koordinatoren")
                ),
            ),
            Language::Swedish | Language::English => (
                format!("Invitation to {name} on Samvirke"),
                format!(
                    "Hello\n\n{} has invited you to the network {name} on Samvirke.\n\nFollow the link to accept the invitation:\n{link}\n\nThe link works until {expires}.\n",
                    inviter.unwrap_or("The coordinator")
                ),
            ),
        };
        OutgoingMail {
            id: String::new(),
            to: to.to_owned(),
            subject,
            text,
            attachments: Vec::new(),
            unsubscribe_url: None,
        }
    }
}

/// The checks every `Mailer` adapter must pass. `read_back` returns the raw message the
/// adapter delivered for a mail id, so the suite can look at what really left.
pub mod conformance {
    use super::{Mailer, OutgoingMail};
    use anyhow::{Context, ensure};

    /// How many distinct mails (ids) the suite sends.
    pub const MAILS: usize = 3;

    pub async fn run(
        mailer: &dyn Mailer,
        read_back: &dyn Fn(&str) -> Option<String>,
    ) -> anyhow::Result<()> {
        let mail = OutgoingMail {
            id: "conformance-1".into(),
            to: "sofie.holm@example.org".into(),
            subject: "Invitation til Bakkehuset – tværsektorielt samarbejde".into(),
            text: "Hej Sofie\n\nFølg linket: https://samvirke.example/invitations/abc\n".into(),
            attachments: Vec::new(),
            unsubscribe_url: None,
        };
        mailer.send(&mail).await.context("sending")?;
        let raw = read_back(&mail.id).context("the mail was not delivered")?;
        ensure!(raw.contains("sofie.holm@example.org"), "recipient missing");
        ensure!(raw.contains("Subject:"), "subject header missing");
        ensure!(
            raw.contains("https://samvirke.example/invitations/abc"),
            "link missing or mangled"
        );

        // Sending the same mail again (a worker retried after a crash) is not an error.
        mailer.send(&mail).await.context("sending again")?;

        // A calendar invitation travels as an attachment next to the text.
        let invitation = OutgoingMail {
            id: "conformance-2".into(),
            subject: "Tilmeldt: Samarbejdsdag".into(),
            text: "Hej Sofie\n\nDu er tilmeldt.\n".into(),
            attachments: vec![super::MailAttachment {
                file_name: "invite.ics".into(),
                content_type: "text/calendar; charset=utf-8; method=REQUEST".into(),
                content: b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n".to_vec(),
            }],
            ..mail
        };
        mailer
            .send(&invitation)
            .await
            .context("sending with an attachment")?;
        let raw = read_back(&invitation.id).context("the invitation was not delivered")?;
        ensure!(raw.contains("multipart/mixed"), "not a multipart message");
        ensure!(raw.contains("text/calendar"), "calendar part missing");
        ensure!(raw.contains("invite.ics"), "attachment name missing");
        ensure!(raw.contains("Du er tilmeldt"), "text part missing");
        ensure!(
            !raw.contains("List-Unsubscribe"),
            "unsubscribe headers on a mail without a link"
        );

        // A notification carries the one-click unsubscribe headers (RFC 8058).
        let notification = OutgoingMail {
            id: "conformance-3".into(),
            subject: "Nyt svar i Samarbejdsdag".into(),
            text: "Hej Sofie\n\nAfmeld: https://samvirke.example/u/tok3n\n".into(),
            attachments: Vec::new(),
            unsubscribe_url: Some("https://samvirke.example/u/tok3n".into()),
            ..invitation
        };
        mailer
            .send(&notification)
            .await
            .context("sending with an unsubscribe link")?;
        let raw = read_back(&notification.id).context("the notification was not delivered")?;
        ensure!(
            raw.contains("List-Unsubscribe: <https://samvirke.example/u/tok3n>"),
            "List-Unsubscribe header missing: {raw}"
        );
        ensure!(
            raw.contains("List-Unsubscribe-Post: List-Unsubscribe=One-Click"),
            "List-Unsubscribe-Post header missing: {raw}"
        );
        Ok(())
    }
}
