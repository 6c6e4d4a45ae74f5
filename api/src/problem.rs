//! Errors as RFC 9457 problem details (`application/problem+json`), with a stable `code` from one
//! table and the offending fields. Every operation returns [`ApiError`], so every operation
//! declares the same error responses in the OpenAPI document.

use domain::FieldError;
use poem::http::StatusCode;
use poem_openapi::payload::Json;
use poem_openapi::{ApiResponse, Object};

const TYPE_BASE: &str = "https://samvirke.example/problems/";

#[derive(Debug, Clone, Object)]
pub struct ProblemField {
    /// The field, as named in the request.
    pub field: String,
    /// What is wrong with it: `required`, `too_long`, `invalid`, `unknown`, …
    pub code: String,
}

/// A problem detail.
#[derive(Debug, Clone, Object)]
pub struct Problem {
    /// A URI naming the kind of problem.
    #[oai(rename = "type")]
    pub kind: String,
    pub title: String,
    pub status: u16,
    pub detail: String,
    /// Stable and machine-readable: `malformed_json`, `unknown_field`, `too_long`,
    /// `invalid_cursor`, `invalid_token`, `unauthenticated`, `forbidden`, `not_found`,
    /// `conflict`, `invalid`, `invalid_parameter`, `wrong_credentials`, `rate_limited`,
    /// `unavailable`, `search_unavailable`, `internal`.
    pub code: String,
    /// The fields at fault, if any.
    pub errors: Vec<ProblemField>,
}

#[derive(Debug, ApiResponse)]
#[oai(bad_request_handler = "bad_request")]
pub enum ApiError {
    /// The request could not be read: malformed JSON, an unknown field, an over-long string, a
    /// bad parameter or cursor.
    #[oai(status = 400, content_type = "application/problem+json")]
    BadRequest(Json<Box<Problem>>),
    /// Sign-in or a valid token is required.
    #[oai(status = 401, content_type = "application/problem+json")]
    Unauthorized(Json<Box<Problem>>),
    /// The caller may see this, but not do this.
    #[oai(status = 403, content_type = "application/problem+json")]
    Forbidden(Json<Box<Problem>>),
    /// No such object, or not one the caller may know of.
    #[oai(status = 404, content_type = "application/problem+json")]
    NotFound(Json<Box<Problem>>),
    /// The request contradicts the current state.
    #[oai(status = 409, content_type = "application/problem+json")]
    Conflict(Json<Box<Problem>>),
    /// Well-formed, but some fields are invalid.
    #[oai(status = 422, content_type = "application/problem+json")]
    Unprocessable(Json<Box<Problem>>),
    /// Too many attempts; try again later.
    #[oai(status = 429, content_type = "application/problem+json")]
    TooManyRequests(Json<Box<Problem>>),
    /// Something failed on our side; it has been logged.
    #[oai(status = 500, content_type = "application/problem+json")]
    Internal(Json<Box<Problem>>),
    /// The body is larger than the server accepts (`payload_too_large`).
    #[oai(status = 413, content_type = "application/problem+json")]
    PayloadTooLarge(Json<Box<Problem>>),
    /// The server is busy, the request took too long, or a backing service is unreachable for
    /// the moment (`overloaded`, `timeout`, `unavailable`, `search_unavailable`); retry after
    /// `Retry-After` seconds.
    #[oai(status = 503, content_type = "application/problem+json")]
    Unavailable(Json<Box<Problem>>),
}

pub type ApiResult<T> = Result<T, ApiError>;

fn title(status: StatusCode) -> &'static str {
    status.canonical_reason().unwrap_or("Error")
}

impl ApiError {
    pub fn new(
        status: StatusCode,
        code: &str,
        detail: impl Into<String>,
        errors: Vec<ProblemField>,
    ) -> Self {
        let problem = Json(Box::new(Problem {
            kind: format!("{TYPE_BASE}{code}"),
            title: title(status).to_owned(),
            status: status.as_u16(),
            detail: detail.into(),
            code: code.to_owned(),
            errors,
        }));
        match status.as_u16() {
            400 => ApiError::BadRequest(problem),
            401 => ApiError::Unauthorized(problem),
            403 => ApiError::Forbidden(problem),
            404 => ApiError::NotFound(problem),
            409 => ApiError::Conflict(problem),
            422 => ApiError::Unprocessable(problem),
            429 => ApiError::TooManyRequests(problem),
            413 => ApiError::PayloadTooLarge(problem),
            503 => ApiError::Unavailable(problem),
            _ => ApiError::Internal(problem),
        }
    }

    pub fn problem(&self) -> &Problem {
        match self {
            ApiError::BadRequest(p)
            | ApiError::Unauthorized(p)
            | ApiError::Forbidden(p)
            | ApiError::NotFound(p)
            | ApiError::Conflict(p)
            | ApiError::Unprocessable(p)
            | ApiError::TooManyRequests(p)
            | ApiError::Internal(p)
            | ApiError::PayloadTooLarge(p)
            | ApiError::Unavailable(p) => &p.0,
        }
    }

    pub fn not_found() -> Self {
        Self::new(
            StatusCode::NOT_FOUND,
            "not_found",
            "No such object.",
            vec![],
        )
    }

    pub fn unauthenticated() -> Self {
        Self::new(
            StatusCode::UNAUTHORIZED,
            "unauthenticated",
            "Sign in, or send an API token as `Authorization: Bearer …`.",
            vec![],
        )
    }
}

fn fields(errors: &[FieldError]) -> Vec<ProblemField> {
    errors
        .iter()
        .map(|e| ProblemField {
            field: e.field.clone(),
            code: e.code.to_owned(),
        })
        .collect()
}

impl From<domain::Error> for ApiError {
    fn from(error: domain::Error) -> Self {
        use domain::Error::*;
        match error {
            NotFound => ApiError::not_found(),
            Unauthenticated => ApiError::unauthenticated(),
            InvalidToken => Self::new(
                StatusCode::UNAUTHORIZED,
                "invalid_token",
                "The token or link is unknown, expired or revoked.",
                vec![],
            ),
            WrongCredentials => Self::new(
                StatusCode::UNAUTHORIZED,
                "wrong_credentials",
                "Wrong e-mail or password.",
                vec![],
            ),
            Forbidden => Self::new(
                StatusCode::FORBIDDEN,
                "forbidden",
                "Your role does not allow this.",
                vec![],
            ),
            Conflict { code } => Self::new(
                StatusCode::CONFLICT,
                "conflict",
                format!("Refused: {}.", code.replace('_', " ")),
                vec![ProblemField {
                    field: String::new(),
                    code: code.to_owned(),
                }],
            ),
            Invalid(errors) => {
                // Over-long input is a malformed request by the API's own schema (maxLength), as
                // when the schema check catches it first; the rest are well-formed but invalid.
                let (status, code) = if errors.iter().any(|e| e.code == domain::text::CODE_TOO_LONG)
                {
                    (StatusCode::BAD_REQUEST, "too_long")
                } else {
                    (StatusCode::UNPROCESSABLE_ENTITY, "invalid")
                };
                Self::new(status, code, "Some fields are invalid.", fields(&errors))
            }
            InvalidCursor => Self::new(
                StatusCode::BAD_REQUEST,
                "invalid_cursor",
                "The cursor was not issued by this server.",
                vec![ProblemField {
                    field: "cursor".into(),
                    code: "invalid".into(),
                }],
            ),
            RateLimited => Self::new(
                StatusCode::TOO_MANY_REQUESTS,
                "rate_limited",
                "Too many attempts; wait a minute.",
                vec![],
            ),
            Unavailable(dependency) => {
                // Logged once per request by the request line; an outage is not a bug.
                tracing::warn!(%dependency, "a backing service is unavailable");
                match dependency {
                    domain::Dependency::Search => Self::new(
                        StatusCode::SERVICE_UNAVAILABLE,
                        "search_unavailable",
                        "Search is unavailable for the moment; everything else works. Retry shortly.",
                        vec![],
                    ),
                    _ => Self::new(
                        StatusCode::SERVICE_UNAVAILABLE,
                        "unavailable",
                        "The service is unavailable for a moment. Retry shortly.",
                        vec![],
                    ),
                }
            }
            Internal(e) => {
                tracing::error!(error = %format!("{e:#}"), "internal error in the API");
                Self::new(
                    StatusCode::INTERNAL_SERVER_ERROR,
                    "internal",
                    "Something went wrong on our side. It has been logged.",
                    vec![],
                )
            }
        }
    }
}

/// A problem answered outside any operation: by the request bounds in front of the API (size,
/// concurrency, time) with any status, e.g. 414 or 431 that no operation declares.
pub fn refusal(status: StatusCode, code: &str, detail: &str) -> poem::Response {
    use poem::IntoResponse;
    let problem = Problem {
        kind: format!("{TYPE_BASE}{code}"),
        title: title(status).to_owned(),
        status: status.as_u16(),
        detail: detail.to_owned(),
        code: code.to_owned(),
        errors: vec![],
    };
    let body = poem_openapi::types::ToJSON::to_json_string(&problem);
    let mut response = body.into_response();
    response.set_status(status);
    response.headers_mut().insert(
        poem::http::header::CONTENT_TYPE,
        poem::http::HeaderValue::from_static("application/problem+json"),
    );
    response
}

/// Text between the first pair of backticks.
fn quoted(text: &str) -> Option<String> {
    let start = text.find('`')? + 1;
    let end = start + text.get(start..)?.find('`')?;
    text.get(start..end).map(str::to_owned)
}

/// poem-openapi's own request errors (before a handler runs), as problems with our codes.
pub fn bad_request(error: poem::Error) -> ApiError {
    use poem_openapi::error::{
        ContentTypeError, ParseParamError, ParsePathError, ParseRequestPayloadError,
    };
    if let Some(e) = error.downcast_ref::<ParseRequestPayloadError>() {
        let reason = &e.reason;
        if reason.contains("unknown field") {
            let field = quoted(reason).unwrap_or_default();
            return ApiError::new(
                StatusCode::BAD_REQUEST,
                "unknown_field",
                format!("The body has a field this operation does not know: `{field}`."),
                vec![ProblemField {
                    field,
                    code: "unknown".into(),
                }],
            );
        }
        if reason.contains("verification failed. maxLength")
            || reason.contains("verification failed. maxItems")
        {
            let field = quoted(reason).unwrap_or_default();
            return ApiError::new(
                StatusCode::BAD_REQUEST,
                "too_long",
                format!("`{field}` is too long."),
                vec![ProblemField {
                    field,
                    code: "too_long".into(),
                }],
            );
        }
        if reason.contains("verification failed") {
            let field = quoted(reason).unwrap_or_default();
            return ApiError::new(
                StatusCode::UNPROCESSABLE_ENTITY,
                "invalid",
                format!("`{field}` is invalid."),
                vec![ProblemField {
                    field,
                    code: "invalid".into(),
                }],
            );
        }
        return ApiError::new(
            StatusCode::BAD_REQUEST,
            "malformed_json",
            "The body is not JSON of the expected shape.",
            vec![],
        );
    }
    if let Some(e) = error.downcast_ref::<ParseParamError>() {
        return ApiError::new(
            StatusCode::BAD_REQUEST,
            "invalid_parameter",
            format!("The parameter `{}` is invalid.", e.name),
            vec![ProblemField {
                field: e.name.to_owned(),
                code: "invalid".into(),
            }],
        );
    }
    if let Some(e) = error.downcast_ref::<ParsePathError>() {
        // An id that is not even an id names nothing.
        let _ = e;
        return ApiError::not_found();
    }
    if error.downcast_ref::<ContentTypeError>().is_some() {
        return ApiError::new(
            StatusCode::BAD_REQUEST,
            "malformed_json",
            "Send the body as `Content-Type: application/json`.",
            vec![],
        );
    }
    let status = error.status();
    if status.is_server_error() {
        tracing::error!(error = %error, "internal error while reading a request");
        return ApiError::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "internal",
            "Something went wrong on our side.",
            vec![],
        );
    }
    ApiError::new(
        StatusCode::BAD_REQUEST,
        "bad_request",
        error.to_string(),
        vec![],
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_from_domain_errors() {
        let cases: Vec<(domain::Error, u16, &str)> = vec![
            (domain::Error::NotFound, 404, "not_found"),
            (domain::Error::Unauthenticated, 401, "unauthenticated"),
            (domain::Error::InvalidToken, 401, "invalid_token"),
            (domain::Error::Forbidden, 403, "forbidden"),
            (domain::Error::conflict("last_owner"), 409, "conflict"),
            (domain::Error::InvalidCursor, 400, "invalid_cursor"),
            (domain::Error::invalid("title", "too_long"), 400, "too_long"),
            (domain::Error::invalid("title", "required"), 422, "invalid"),
            (domain::Error::RateLimited, 429, "rate_limited"),
            (
                domain::Error::Unavailable(domain::Dependency::Search),
                503,
                "search_unavailable",
            ),
            (
                domain::Error::Unavailable(domain::Dependency::Database),
                503,
                "unavailable",
            ),
        ];
        for (error, status, code) in cases {
            let api: ApiError = error.into();
            assert_eq!(api.problem().status, status);
            assert_eq!(api.problem().code, code);
            assert!(api.problem().kind.ends_with(code));
        }
    }

    #[test]
    fn quoted_field() {
        assert_eq!(
            quoted("field `title` verification failed. maxLength(200)").as_deref(),
            Some("title")
        );
        assert_eq!(quoted("no quotes"), None);
    }
}
