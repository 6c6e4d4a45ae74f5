//! One error type for the domain. The API maps it once to problem JSON, the web UI once to a page
//! or a form message; neither needs to know where it came from.

use serde::Serialize;

pub type Result<T, E = Error> = std::result::Result<T, E>;

/// What went wrong with one input field. `code` is stable and machine-readable
/// (`required`, `too_long`, `invalid`, …); the web UI translates it, the API passes it on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FieldError {
    pub field: String,
    pub code: &'static str,
}

impl FieldError {
    pub fn new(field: impl Into<String>, code: &'static str) -> Self {
        Self {
            field: field.into(),
            code,
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The object does not exist, or the caller may not know that it exists.
    #[error("not found")]
    NotFound,
    /// The request needs a signed-in user or a token.
    #[error("sign-in required")]
    Unauthenticated,
    /// A bearer token or invitation link that is unknown, expired or revoked.
    #[error("invalid or expired token")]
    InvalidToken,
    /// Signed in, allowed to see the object, not allowed to do this to it.
    #[error("not allowed")]
    Forbidden,
    /// The request contradicts the current state (a duplicate, the last owner, …).
    #[error("conflict: {code}")]
    Conflict { code: &'static str },
    /// One or more fields are invalid.
    #[error("invalid input")]
    Invalid(Vec<FieldError>),
    /// A pagination cursor that this server did not hand out.
    #[error("invalid cursor")]
    InvalidCursor,
    /// Sign-in with an unknown e-mail address or a wrong password (which one is not said).
    #[error("wrong e-mail or password")]
    WrongCredentials,
    /// Too many attempts (sign-in).
    #[error("too many attempts")]
    RateLimited,
    /// Anything the caller could not have caused: logged with context, never shown.
    #[error(transparent)]
    Internal(#[from] anyhow::Error),
}

impl Error {
    pub fn conflict(code: &'static str) -> Self {
        Error::Conflict { code }
    }

    pub fn invalid(field: impl Into<String>, code: &'static str) -> Self {
        Error::Invalid(vec![FieldError::new(field, code)])
    }
}

impl From<sea_orm::DbErr> for Error {
    fn from(err: sea_orm::DbErr) -> Self {
        // A unique key violation that reaches this far is a race between two writers of the same
        // thing; the caller's request conflicts with what just happened.
        if let Some(sea_orm::SqlErr::UniqueConstraintViolation(_)) = err.sql_err() {
            return Error::conflict("duplicate");
        }
        Error::Internal(anyhow::Error::new(err).context("database"))
    }
}
