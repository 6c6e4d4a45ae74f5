//! Mail written to a folder, one RFC 5322 `.eml` file per mail: the embedded default, and what
//! tests and demos read. The file is named by the mail's id, so sending the same mail twice
//! leaves one file.

use std::path::PathBuf;

use anyhow::Context;
use async_trait::async_trait;
use domain::mail::{Mailer, OutgoingMail};
use lettre::Message;
use lettre::message::Mailbox;
use lettre::message::header::{ContentType, Header, HeaderName, HeaderValue};
use lettre::message::{Attachment, MultiPart, SinglePart};

pub struct OutboxMailer {
    dir: PathBuf,
    from: Mailbox,
}

impl OutboxMailer {
    pub fn new(dir: impl Into<PathBuf>, from: &str) -> anyhow::Result<Self> {
        Ok(Self {
            dir: dir.into(),
            from: from.parse().context("mail.from is not a valid address")?,
        })
    }

    fn file_name(id: &str) -> String {
        let safe: String = id
            .chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                    c
                } else {
                    '_'
                }
            })
            .collect();
        format!("{safe}.eml")
    }

    /// The raw message stored for a mail id, if any (for tests and the conformance suite).
    pub fn read(&self, id: &str) -> Option<String> {
        std::fs::read_to_string(self.dir.join(Self::file_name(id))).ok()
    }
}

/// `List-Unsubscribe: <url>` (RFC 2369): where a mail client's unsubscribe button leads.
#[derive(Clone, Debug)]
struct ListUnsubscribe(String);

impl Header for ListUnsubscribe {
    fn name() -> HeaderName {
        HeaderName::new_from_ascii_str("List-Unsubscribe")
    }

    fn parse(s: &str) -> Result<Self, Box<dyn std::error::Error + Send + Sync>> {
        let url = s.trim().trim_start_matches('<').trim_end_matches('>');
        Ok(Self(url.to_owned()))
    }

    fn display(&self) -> HeaderValue {
        HeaderValue::new(Self::name(), format!("<{}>", self.0))
    }
}

/// `List-Unsubscribe-Post: List-Unsubscribe=One-Click` (RFC 8058): the client may unsubscribe
/// with one POST to the `List-Unsubscribe` URL, without a page in between.
#[derive(Clone, Debug)]
struct ListUnsubscribePost;

impl Header for ListUnsubscribePost {
    fn name() -> HeaderName {
        HeaderName::new_from_ascii_str("List-Unsubscribe-Post")
    }

    fn parse(_: &str) -> Result<Self, Box<dyn std::error::Error + Send + Sync>> {
        Ok(Self)
    }

    fn display(&self) -> HeaderValue {
        HeaderValue::new(Self::name(), "List-Unsubscribe=One-Click".to_owned())
    }
}

/// Builds the RFC 5322 message that every mail adapter sends.
/// A plain-text mail, or a multipart/mixed one when it carries attachments (a calendar
/// invitation, say). A mail with an unsubscribe link carries the RFC 8058 one-click headers.
pub(crate) fn build_message(from: &Mailbox, mail: &OutgoingMail) -> anyhow::Result<Message> {
    let mut builder = Message::builder()
        .from(from.clone())
        .to(mail.to.parse().context("recipient address")?)
        .subject(&mail.subject)
        .message_id(Some(format!("<{}@samvirke>", mail.id)));
    if let Some(url) = &mail.unsubscribe_url {
        anyhow::ensure!(
            !url.contains(['<', '>', '\r', '\n', ' ']),
            "the unsubscribe link is not a plain URL"
        );
        builder = builder
            .header(ListUnsubscribe(url.clone()))
            .header(ListUnsubscribePost);
    }
    if mail.attachments.is_empty() {
        return builder
            .header(ContentType::TEXT_PLAIN)
            .body(mail.text.clone())
            .context("building the message");
    }
    let mut parts = MultiPart::mixed().singlepart(SinglePart::plain(mail.text.clone()));
    for file in &mail.attachments {
        let content_type =
            ContentType::parse(&file.content_type).context("attachment content type")?;
        parts = parts.singlepart(
            Attachment::new(file.file_name.clone()).body(file.content.clone(), content_type),
        );
    }
    builder.multipart(parts).context("building the message")
}

#[async_trait]
impl Mailer for OutboxMailer {
    async fn send(&self, mail: &OutgoingMail) -> anyhow::Result<()> {
        let message = build_message(&self.from, mail)?;
        tokio::fs::create_dir_all(&self.dir)
            .await
            .with_context(|| format!("creating {}", self.dir.display()))?;
        let target = self.dir.join(Self::file_name(&mail.id));
        let temp = self.dir.join(format!(".{}.tmp", uuid::Uuid::now_v7()));
        tokio::fs::write(&temp, message.formatted())
            .await
            .context("writing the mail")?;
        tokio::fs::rename(&temp, &target)
            .await
            .context("moving the mail into the outbox")?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn passes_the_conformance_suite() {
        let dir = tempfile::tempdir().unwrap();
        let mailer = OutboxMailer::new(dir.path(), "Samvirke <samvirke@example.org>").unwrap();
        domain::mail::conformance::run(&mailer, &|id| mailer.read(id))
            .await
            .unwrap();
        let files = std::fs::read_dir(dir.path()).unwrap().count();
        assert_eq!(
            files,
            domain::mail::conformance::MAILS,
            "the same mail twice is one file"
        );
    }
}
