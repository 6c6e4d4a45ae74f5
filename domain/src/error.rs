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
    /// A backing service cannot be reached right now (the database restarting, the search
    /// engine down). Nobody's mistake and no bug: the caller may retry in a moment.
    #[error("{0} unavailable")]
    Unavailable(Dependency),
    /// Anything the caller could not have caused: logged with context, never shown.
    #[error(transparent)]
    Internal(anyhow::Error),
}

/// A service the application depends on, as named in answers, `/readyz` and `/metrics`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dependency {
    Database,
    Search,
    Files,
}

impl Dependency {
    pub const ALL: [Dependency; 3] = [Dependency::Database, Dependency::Search, Dependency::Files];

    pub fn as_str(self) -> &'static str {
        match self {
            Dependency::Database => "database",
            Dependency::Search => "search",
            Dependency::Files => "files",
        }
    }
}

impl std::fmt::Display for Dependency {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
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
        if database_unreachable(&err) {
            return Error::Unavailable(Dependency::Database);
        }
        Error::Internal(anyhow::Error::new(err).context("database"))
    }
}

/// The one place where an unexpected failure is sorted: an outage of a backing service that the
/// error carries somewhere in its chain (an adapter's `SearchUnavailable`, a lost database
/// connection wrapped in context) is `Unavailable`; anything else is `Internal`.
impl From<anyhow::Error> for Error {
    fn from(err: anyhow::Error) -> Self {
        match unavailable_in(&err) {
            Some(dependency) => Error::Unavailable(dependency),
            None => Error::Internal(err),
        }
    }
}

/// Which backing service, if any, the failure says is unreachable.
pub fn unavailable_in(err: &anyhow::Error) -> Option<Dependency> {
    err.chain().find_map(|cause| {
        if cause.is::<crate::search::SearchUnavailable>() {
            return Some(Dependency::Search);
        }
        if let Some(db) = cause.downcast_ref::<sea_orm::DbErr>() {
            return database_unreachable(db).then_some(Dependency::Database);
        }
        if let Some(sqlx) = cause.downcast_ref::<sea_orm::SqlxError>() {
            return sqlx_unreachable(sqlx).then_some(Dependency::Database);
        }
        None
    })
}

/// Whether the database failed because it cannot be reached (no connection to be had from the
/// pool, a connection broken mid-statement, a server shutting down or starting up), as opposed
/// to a statement it refused.
pub fn database_unreachable(err: &sea_orm::DbErr) -> bool {
    use sea_orm::{DbErr, RuntimeErr};
    match err {
        // Every failure to get a connection: refused, timed out, or a server that does not
        // accept connections to this database right now.
        DbErr::ConnectionAcquire(_) | DbErr::Conn(_) => true,
        DbErr::Exec(runtime) | DbErr::Query(runtime) => match runtime {
            RuntimeErr::SqlxError(sqlx) => sqlx_unreachable(sqlx),
            _ => false,
        },
        _ => false,
    }
}

fn sqlx_unreachable(err: &sea_orm::SqlxError) -> bool {
    use sea_orm::SqlxError as E;
    match err {
        E::Io(_) | E::Tls(_) | E::PoolTimedOut | E::PoolClosed | E::WorkerCrashed => true,
        // PostgreSQL's connection exceptions (class 08) and `admin_shutdown`, `crash_shutdown`,
        // `cannot_connect_now` (57P01–03): the server is stopping, restarting or starting up.
        E::Database(db) => db.code().is_some_and(|code| {
            code.starts_with("08") || matches!(&*code, "57P01" | "57P02" | "57P03")
        }),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The outage a use case meets deep inside (a lost connection wrapped in context, an adapter's
    /// typed error) is sorted on its way into `domain::Error`, so it is `Unavailable` (503), not `Internal` (500).
    #[test]
    fn outages_in_an_error_chain_are_unavailable() {
        use anyhow::Context;
        let refused = sea_orm::DbErr::Conn(sea_orm::RuntimeErr::SqlxError(std::sync::Arc::new(
            sea_orm::SqlxError::Io(std::io::Error::from(std::io::ErrorKind::ConnectionRefused)),
        )));
        let cases: Vec<(Error, Option<Dependency>)> = vec![
            (
                Error::from(sea_orm::DbErr::ConnectionAcquire(
                    sea_orm::ConnAcquireErr::Timeout,
                )),
                Some(Dependency::Database),
            ),
            (Error::from(refused.clone()), Some(Dependency::Database)),
            (
                Error::from(
                    Err::<(), _>(refused)
                        .context("loading the network")
                        .unwrap_err(),
                ),
                Some(Dependency::Database),
            ),
            (
                Error::from(
                    anyhow::Error::new(crate::search::SearchUnavailable).context("searching"),
                ),
                Some(Dependency::Search),
            ),
            (Error::from(sea_orm::DbErr::Custom("a bug".into())), None),
            (Error::from(anyhow::anyhow!("a bug")), None),
        ];
        for (error, code) in cases {
            let got = match error {
                Error::Unavailable(dependency) => Some(dependency),
                _ => None,
            };
            assert_eq!(got, code);
        }
    }
}
