//! The one place where errors become pages. `domain::Error` is mapped here and nowhere else
//! (forms first take out what they show themselves, see `forms::form_failure`).
//!
//! A client's mistake gets a 4xx page that says what to do; anything else is logged with its
//! cause and shown as a plain 500 page that reveals nothing.

use askama::Template;
use poem::http::StatusCode;
use poem::{IntoResponse, Response};

use crate::context::Ctx;
use crate::forms;
use crate::render;

#[derive(Debug)]
pub(crate) enum WebError {
    Domain(domain::Error),
    /// A query or form value that no page of ours sends.
    BadRequest,
    PayloadTooLarge,
    /// The form's CSRF field did not match the cookie.
    Csrf,
    /// Something poem itself refused (an unknown method, for instance).
    Http(StatusCode),
}

impl WebError {
    pub fn internal(message: &'static str) -> Self {
        WebError::Domain(domain::Error::Internal(anyhow::anyhow!(message)))
    }

    pub fn status(&self) -> StatusCode {
        use domain::Error as E;
        match self {
            WebError::Domain(err) => match err {
                E::NotFound => StatusCode::NOT_FOUND,
                E::Unauthenticated => StatusCode::SEE_OTHER,
                E::InvalidToken => StatusCode::GONE,
                E::Forbidden => StatusCode::FORBIDDEN,
                E::Conflict { .. } => StatusCode::CONFLICT,
                E::Invalid(_) => StatusCode::UNPROCESSABLE_ENTITY,
                E::InvalidCursor => StatusCode::BAD_REQUEST,
                E::WrongCredentials => StatusCode::UNAUTHORIZED,
                E::RateLimited => StatusCode::TOO_MANY_REQUESTS,
                E::Unavailable(_) => StatusCode::SERVICE_UNAVAILABLE,
                E::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
            },
            WebError::BadRequest => StatusCode::BAD_REQUEST,
            WebError::PayloadTooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            WebError::Csrf => StatusCode::FORBIDDEN,
            WebError::Http(status) => *status,
        }
    }

    /// From whatever an endpoint returned: ours, or one of poem's.
    pub fn from_poem(err: poem::Error) -> Self {
        match err.downcast::<WebError>() {
            Ok(err) => err,
            Err(err) => match err.status() {
                status if status.is_server_error() => {
                    WebError::Domain(domain::Error::Internal(anyhow::anyhow!("{err} ({status})")))
                }
                status => WebError::Http(status),
            },
        }
    }
}

impl std::fmt::Display for WebError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            WebError::Domain(err) => err.fmt(f),
            WebError::BadRequest => f.write_str("bad request"),
            WebError::PayloadTooLarge => f.write_str("request body too large"),
            WebError::Csrf => f.write_str("CSRF token mismatch"),
            WebError::Http(status) => write!(f, "{status}"),
        }
    }
}

impl std::error::Error for WebError {}

impl poem::error::ResponseError for WebError {
    fn status(&self) -> StatusCode {
        WebError::status(self)
    }
}

impl From<domain::Error> for WebError {
    fn from(err: domain::Error) -> Self {
        WebError::Domain(err)
    }
}

impl From<askama::Error> for WebError {
    fn from(err: askama::Error) -> Self {
        WebError::Domain(domain::Error::Internal(
            anyhow::Error::new(err).context("rendering a template"),
        ))
    }
}

/// Any path no page has: the same 404 page as an unknown id.
#[poem::handler]
pub(crate) async fn not_found() -> Result<Response, WebError> {
    Err(domain::Error::NotFound.into())
}

#[derive(Template)]
#[template(path = "error.html")]
struct ErrorPage<'a> {
    ctx: &'a Ctx,
    title: String,
    message: String,
    details: Vec<String>,
    /// Where "try again" leads, if anywhere.
    retry: Option<String>,
    sign_in: bool,
}

/// The page (or, for a missing sign-in, the redirect) for an error.
pub(crate) fn render(ctx: &Ctx, err: WebError) -> Response {
    use domain::Error as E;
    let status = err.status();
    let (title, message) = match &err {
        WebError::Domain(E::Unauthenticated) => {
            let next =
                url::form_urlencoded::byte_serialize(ctx.back.as_bytes()).collect::<String>();
            return render::see_other(&format!("/signin?next={next}"));
        }
        WebError::Domain(E::Internal(cause)) => {
            // No path: it can hold an invitation, feed or unsubscribe secret, and its query
            // anything. The request line logged by `Observe` names the route pattern.
            tracing::error!(error = ?cause, "request failed");
            (ctx.t("error-internal-title"), ctx.t("error-internal-text"))
        }
        WebError::Domain(E::Unavailable(dependency)) => {
            // An outage, not a bug: the request line names the route; `Retry-After` is added
            // to every 503 on the way out.
            tracing::warn!(%dependency, "a backing service is unavailable");
            match dependency {
                domain::Dependency::Search => (
                    ctx.t("error-search-unavailable-title"),
                    ctx.t("error-search-unavailable-text"),
                ),
                _ => (
                    ctx.t("error-unavailable-title"),
                    ctx.t("error-unavailable-text"),
                ),
            }
        }
        WebError::Domain(E::NotFound) | WebError::Http(StatusCode::NOT_FOUND) => (
            ctx.t("error-not-found-title"),
            ctx.t("error-not-found-text"),
        ),
        WebError::Domain(E::Forbidden) => (
            ctx.t("error-forbidden-title"),
            ctx.t("error-forbidden-text"),
        ),
        WebError::Domain(E::InvalidToken) => (
            ctx.t("invitation-gone-title"),
            ctx.t("invitation-gone-text"),
        ),
        WebError::Domain(E::Invalid(_)) => {
            (ctx.t("error-invalid-title"), ctx.t("error-invalid-text"))
        }
        WebError::Domain(E::Conflict { .. }) => {
            (ctx.t("error-conflict-title"), ctx.t("error-conflict-text"))
        }
        WebError::Domain(E::WrongCredentials) => {
            (ctx.t("signin-failed-title"), ctx.t("signin-wrong"))
        }
        WebError::Domain(E::RateLimited) => {
            (ctx.t("signin-failed-title"), ctx.t("signin-rate-limited"))
        }
        WebError::Csrf => (ctx.t("error-csrf-title"), ctx.t("error-csrf-text")),
        WebError::PayloadTooLarge => (
            ctx.t("error-too-large-title"),
            ctx.t("error-too-large-text"),
        ),
        WebError::Http(StatusCode::METHOD_NOT_ALLOWED) => {
            (ctx.t("error-method-title"), ctx.t("error-method-text"))
        }
        WebError::Domain(E::InvalidCursor) | WebError::BadRequest | WebError::Http(_) => (
            ctx.t("error-bad-request-title"),
            ctx.t("error-bad-request-text"),
        ),
    };
    let details = match &err {
        WebError::Domain(E::Invalid(problems)) => problems
            .iter()
            .map(|p| forms::field_message(ctx, &p.field, p.code))
            .collect(),
        WebError::Domain(E::Conflict { code }) => vec![forms::conflict_message(ctx, code)],
        _ => Vec::new(),
    };
    let page = ErrorPage {
        ctx,
        title,
        message,
        details,
        retry: matches!(err, WebError::Csrf).then(|| ctx.back.clone()),
        sign_in: matches!(err, WebError::Domain(E::WrongCredentials | E::RateLimited))
            || (matches!(err, WebError::Domain(E::NotFound)) && !ctx.signed_in()),
    };
    match page.render() {
        Ok(body) => render::html(status, body),
        Err(cause) => {
            tracing::error!(error = ?cause, "rendering the error page");
            (StatusCode::INTERNAL_SERVER_ERROR, "Internal Server Error").into_response()
        }
    }
}
