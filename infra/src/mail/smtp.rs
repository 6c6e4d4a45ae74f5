//! Mail handed to an SMTP server (lettre's async transport on tokio, TLS by rustls), chosen when
//! `mail.smtp_url` is set. The message is the one `build_message` makes for the outbox too.
//!
//! Idempotence: SMTP cannot unsend. The `Message-ID` is derived from the mail's id, so a resend
//! after a crash (the server accepted, the job did not record it) carries the same id, which
//! some mail systems use to drop the copy, but it may reach the inbox twice. The domain's
//! receipts make that window small; sending the same mail again is never an error.

use anyhow::Context;
use async_trait::async_trait;
use domain::mail::{Mailer, OutgoingMail};
use lettre::message::Mailbox;
use lettre::{AsyncSmtpTransport, AsyncTransport, Tokio1Executor};

use super::outbox::build_message;

pub struct SmtpMailer {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
}

impl SmtpMailer {
    /// `url` as lettre reads it: `smtp://user:pass@host:587?tls=required`, `smtps://host`
    /// (implicit TLS), or `smtp://host:25` (plain; STARTTLS when offered is not attempted).
    pub fn new(url: &str, from: &str) -> anyhow::Result<Self> {
        // The URL may hold a password: never put it in an error message.
        let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(url)
            .map_err(|e| anyhow::anyhow!("mail.smtp_url is not a valid SMTP URL ({e})"))?
            .build();
        Ok(Self {
            transport,
            from: from.parse().context("mail.from is not a valid address")?,
        })
    }
}

#[async_trait]
impl Mailer for SmtpMailer {
    async fn send(&self, mail: &OutgoingMail) -> anyhow::Result<()> {
        let message = build_message(&self.from, mail)?;
        self.transport
            .send(message)
            .await
            .context("handing the mail to the SMTP server")?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;
    use std::path::{Path, PathBuf};

    use super::*;

    fn maildir_files(dir: &Path) -> Vec<PathBuf> {
        ["new", "cur"]
            .iter()
            .filter_map(|sub| std::fs::read_dir(dir.join(sub)).ok())
            .flatten()
            .filter_map(|entry| entry.ok().map(|e| e.path()))
            .collect()
    }

    /// Runs against the SMTP server that scripts/test starts (aiosmtpd writing a maildir).
    #[tokio::test]
    async fn passes_the_conformance_suite_against_a_real_server() {
        let (Ok(url), Ok(maildir)) = (
            std::env::var("SAMVIRKE_TEST_SMTP_URL"),
            std::env::var("SAMVIRKE_TEST_SMTP_MAILDIR"),
        ) else {
            assert!(
                std::env::var_os("SAMVIRKE_TEST_REQUIRE_SERVICES").is_none(),
                "SAMVIRKE_TEST_REQUIRE_SERVICES is set but SAMVIRKE_TEST_SMTP_URL or \
                 SAMVIRKE_TEST_SMTP_MAILDIR is not"
            );
            eprintln!("skipped: set SAMVIRKE_TEST_SMTP_URL and SAMVIRKE_TEST_SMTP_MAILDIR");
            return;
        };
        let maildir = PathBuf::from(maildir);
        // The maildir is shared by every run against this server: only what this run delivers
        // counts.
        let before: HashSet<PathBuf> = maildir_files(&maildir).into_iter().collect();
        let mailer = SmtpMailer::new(&url, "Samvirke <samvirke@example.org>").unwrap();
        let read_back = |id: &str| {
            let message_id = format!("<{id}@samvirke>");
            maildir_files(&maildir)
                .into_iter()
                .filter(|path| !before.contains(path))
                .filter_map(|path| std::fs::read_to_string(path).ok())
                .find(|raw| {
                    raw.lines().any(|line| {
                        line.to_ascii_lowercase().starts_with("message-id:")
                            && line.contains(&message_id)
                    })
                })
        };
        domain::mail::conformance::run(&mailer, &read_back)
            .await
            .unwrap();
    }
}
