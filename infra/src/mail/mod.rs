mod outbox;

pub use outbox::OutboxMailer;
