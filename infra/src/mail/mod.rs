mod outbox;
mod smtp;

pub use outbox::OutboxMailer;
pub use smtp::SmtpMailer;
