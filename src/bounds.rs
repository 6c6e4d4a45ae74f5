//! Every request is bounded, before any route sees it: the length of its URL and its headers,
//! the size of its body, the number of requests handled at once, and the time one may take. A
//! handler that panics answers 500 for its own request only.
//!
//! Bodies are of two kinds. A form, JSON or anything else is read here, up to its limit
//! (`server.max_form_bytes`, `server.max_json_bytes`), under the request's time limit, and
//! handed on as bytes; a larger one is refused with 413 before a handler allocates for it. An
//! upload (`application/octet-stream`, `multipart/form-data`) streams on to its handler, which
//! keeps its own size limit (`storage.max_upload_bytes`); here it gets an idle timeout instead
//! of a time limit, so a large file on a slow line still arrives while a stalled one is dropped.
//!
//! A refusal is problem JSON with a stable code under `/api`, and the web's refusal page
//! elsewhere.

use std::panic::AssertUnwindSafe;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use futures_util::{FutureExt, StreamExt};
use poem::http::header::{ACCEPT_LANGUAGE, ALLOW, CONTENT_LENGTH, CONTENT_TYPE, RETRY_AFTER};
use poem::http::{HeaderMap, HeaderValue, StatusCode};
use poem::{Body, Endpoint, IntoResponse, Middleware, PathPattern, Request, Response};
use tokio::sync::Semaphore;
use web::Refusal;

use crate::settings::Settings;

/// The bounds, from the settings.
#[derive(Clone, Debug)]
pub struct Limits {
    pub max_json_bytes: usize,
    pub max_form_bytes: usize,
    /// Streamed bodies: a backstop above `storage.max_upload_bytes`, which the upload enforces
    /// exactly.
    pub max_stream_bytes: u64,
    pub max_url_bytes: usize,
    pub max_header_bytes: usize,
    pub max_concurrent_requests: usize,
    pub request_timeout: Duration,
    pub upload_idle_timeout: Duration,
}

impl Limits {
    pub fn from_settings(settings: &Settings) -> Self {
        let server = &settings.server;
        let size = |n: u64| usize::try_from(n).unwrap_or(usize::MAX);
        Self {
            max_json_bytes: size(server.max_json_bytes),
            max_form_bytes: size(server.max_form_bytes),
            max_stream_bytes: settings
                .storage
                .max_upload_bytes
                .saturating_add(STREAM_SLACK),
            max_url_bytes: size(server.max_url_bytes),
            max_header_bytes: size(server.max_header_bytes),
            max_concurrent_requests: (server.max_concurrent_requests as usize).max(1),
            request_timeout: Duration::from_secs(server.request_timeout_secs.max(1)),
            upload_idle_timeout: Duration::from_secs(server.upload_idle_timeout_secs.max(1)),
        }
    }
}

/// What a streamed body may carry beyond the upload limit (the multipart framing and the
/// upload's own "one byte too many" check).
const STREAM_SLACK: u64 = 1024 * 1024;

/// Seconds a client is asked to wait after a 503.
const RETRY_AFTER_SECS: &str = "1";

/// Which methods each route takes, for the `Allow` header of a 405: from the web's route
/// table, the OpenAPI document and the operator endpoints.
#[derive(Clone, Debug, Default)]
pub struct AllowTable {
    /// Path segments (`None` for a parameter) and the methods.
    routes: Vec<(Vec<Option<String>>, Vec<String>)>,
}

impl AllowTable {
    pub fn add(&mut self, method: &str, pattern: &str) {
        let segments: Vec<Option<String>> = pattern
            .split('/')
            .map(|segment| {
                let is_param = segment.starts_with(':')
                    || segment.starts_with('*')
                    || (segment.starts_with('{') && segment.ends_with('}'));
                (!is_param).then(|| segment.to_owned())
            })
            .collect();
        let method = method.to_ascii_uppercase();
        match self.routes.iter_mut().find(|(s, _)| *s == segments) {
            Some((_, methods)) => {
                if !methods.contains(&method) {
                    methods.push(method);
                }
            }
            None => self.routes.push((segments, vec![method])),
        }
    }

    /// Every route of the application.
    pub fn of_application(openapi_document: &str) -> Self {
        let mut table = Self::default();
        for route in web::route_table() {
            table.add(route.method, route.path);
        }
        if let Ok(doc) = serde_json::from_str::<serde_json::Value>(openapi_document)
            && let Some(paths) = doc.get("paths").and_then(|p| p.as_object())
        {
            for (path, operations) in paths {
                for method in operations.as_object().into_iter().flat_map(|o| o.keys()) {
                    table.add(method, &format!("/api/v1{path}"));
                }
            }
        }
        for path in ["/healthz", "/readyz", "/metrics"] {
            table.add("GET", path);
        }
        table
    }

    /// The methods the most specific route matching `path` takes (with `HEAD` wherever `GET`
    /// is, as the router answers it).
    pub fn allowed(&self, path: &str) -> Option<String> {
        let parts: Vec<&str> = path.split('/').collect();
        let (_, methods) = self
            .routes
            .iter()
            .filter(|(segments, _)| {
                segments.len() == parts.len()
                    && segments
                        .iter()
                        .zip(&parts)
                        .all(|(s, p)| s.as_deref().is_none_or(|s| s == *p))
            })
            .max_by_key(|(segments, _)| segments.iter().filter(|s| s.is_some()).count())?;
        let mut allowed = methods.clone();
        if allowed.iter().any(|m| m == "GET") && !allowed.iter().any(|m| m == "HEAD") {
            allowed.push("HEAD".into());
        }
        Some(allowed.join(", "))
    }
}

/// The middleware.
pub struct Bounds {
    limits: Arc<Limits>,
    permits: Arc<Semaphore>,
    allow: Arc<AllowTable>,
}

impl Bounds {
    pub fn new(limits: Limits, allow: AllowTable) -> Self {
        let permits = Arc::new(Semaphore::new(limits.max_concurrent_requests));
        Self {
            limits: Arc::new(limits),
            permits,
            allow: Arc::new(allow),
        }
    }
}

impl<E: Endpoint> Middleware<E> for Bounds {
    type Output = BoundsEndpoint<E>;

    fn transform(&self, ep: E) -> Self::Output {
        BoundsEndpoint {
            inner: ep,
            limits: self.limits.clone(),
            permits: self.permits.clone(),
            allow: self.allow.clone(),
        }
    }
}

pub struct BoundsEndpoint<E> {
    inner: E,
    limits: Arc<Limits>,
    permits: Arc<Semaphore>,
    allow: Arc<AllowTable>,
}

/// Who answers a refusal: the API (problem JSON), the web (a page), or the operator endpoints
/// (problem JSON; their own answers, such as a 503 from `/readyz`, are left as they are).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Surface {
    Api,
    Web,
    Ops,
}

/// How a body is bounded.
enum BodyKind {
    /// Read here, up to this many bytes.
    Buffered(usize),
    /// Streamed to the handler under an idle timeout.
    Streamed,
}

fn content_type(headers: &HeaderMap) -> String {
    headers
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .map(|v| v.trim().to_ascii_lowercase())
        .unwrap_or_default()
}

fn body_kind(headers: &HeaderMap, limits: &Limits) -> BodyKind {
    match content_type(headers).as_str() {
        "application/octet-stream" | "multipart/form-data" => BodyKind::Streamed,
        "application/x-www-form-urlencoded" => BodyKind::Buffered(limits.max_form_bytes),
        _ => BodyKind::Buffered(limits.max_json_bytes),
    }
}

/// Whether `bytes` hold a NUL: the byte itself or its escaped form (`%00` in URLs and forms,
/// `\u0000` in JSON).
fn holds_nul(bytes: &[u8], escaped: &[u8]) -> bool {
    bytes.contains(&0)
        || bytes
            .windows(escaped.len())
            .any(|w| w.eq_ignore_ascii_case(escaped))
}

fn body_holds_nul(headers: &HeaderMap, bytes: &[u8]) -> bool {
    match content_type(headers).as_str() {
        "application/x-www-form-urlencoded" => holds_nul(bytes, b"%00"),
        _ => holds_nul(bytes, b"\\u0000"),
    }
}

fn header_bytes(headers: &HeaderMap) -> usize {
    headers
        .iter()
        .map(|(name, value)| name.as_str().len() + value.len() + 4)
        .sum()
}

fn declared_length(headers: &HeaderMap) -> Option<u64> {
    headers
        .get(CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse().ok())
}

/// The answer for a refused request.
fn refuse(surface: Surface, headers: &HeaderMap, refusal: Refusal) -> Response {
    let mut response = match surface {
        Surface::Api | Surface::Ops => {
            let (code, detail) = match refusal {
                Refusal::TooLarge => (
                    "payload_too_large",
                    "The body is larger than this server accepts.",
                ),
                Refusal::UrlTooLong => (
                    "uri_too_long",
                    "The path and query are longer than this server accepts.",
                ),
                Refusal::HeadersTooLarge => (
                    "headers_too_large",
                    "The headers are larger than this server accepts.",
                ),
                Refusal::Busy => (
                    "overloaded",
                    "The server is handling too many requests; retry shortly.",
                ),
                Refusal::Timeout => (
                    "timeout",
                    "The request took longer than this server allows; retry shortly.",
                ),
                Refusal::Stalled => ("upload_stalled", "The body stopped arriving."),
                Refusal::BadRequest => ("bad_request", "The request could not be read."),
                Refusal::NotFound => ("not_found", "No such route."),
                Refusal::MethodNotAllowed => {
                    ("method_not_allowed", "This path does not take that method.")
                }
                Refusal::Internal => (
                    "internal",
                    "Something went wrong on our side. It has been logged.",
                ),
            };
            api::problem::refusal(refusal.status(), code, detail)
        }
        Surface::Web => web::refusal_page(
            refusal,
            headers.get(ACCEPT_LANGUAGE).and_then(|v| v.to_str().ok()),
        ),
    };
    if matches!(refusal, Refusal::Busy | Refusal::Timeout) {
        response
            .headers_mut()
            .insert(RETRY_AFTER, HeaderValue::from_static(RETRY_AFTER_SECS));
    }
    response
}

impl<E: Endpoint> Endpoint for BoundsEndpoint<E> {
    type Output = Response;

    async fn call(&self, mut req: Request) -> poem::Result<Response> {
        let limits = &self.limits;
        let path = req.uri().path();
        let surface = if path == "/api" || path.starts_with("/api/") {
            Surface::Api
        } else if ["/healthz", "/readyz", "/metrics"].contains(&path) {
            Surface::Ops
        } else {
            Surface::Web
        };
        let url_bytes = req
            .uri()
            .path_and_query()
            .map(|p| p.as_str().len())
            .unwrap_or_default();
        if url_bytes > limits.max_url_bytes {
            return Ok(refuse(surface, req.headers(), Refusal::UrlTooLong));
        }
        // No text of ours holds a NUL, and PostgreSQL cannot store or compare one: a URL with
        // one is refused before it reaches a lookup.
        if req
            .uri()
            .path_and_query()
            .is_some_and(|p| holds_nul(p.as_str().as_bytes(), b"%00"))
        {
            return Ok(refuse(surface, req.headers(), Refusal::BadRequest));
        }
        if header_bytes(req.headers()) > limits.max_header_bytes {
            return Ok(refuse(surface, req.headers(), Refusal::HeadersTooLarge));
        }
        // Taken without waiting: a full server answers at once instead of queueing (and
        // holding memory for) what it cannot serve soon.
        let Ok(_permit) = self.permits.clone().try_acquire_owned() else {
            return Ok(refuse(surface, req.headers(), Refusal::Busy));
        };
        let headers = req.headers().clone();
        let declared = declared_length(&headers);
        match body_kind(&headers, limits) {
            BodyKind::Buffered(limit) => {
                if declared.is_some_and(|n| n > limit as u64) {
                    return Ok(refuse(surface, &headers, Refusal::TooLarge));
                }
                let work = async {
                    let body = req.take_body();
                    match body.into_bytes_limit(limit).await {
                        Ok(bytes) if body_holds_nul(&headers, &bytes) => {
                            return refuse(surface, &headers, Refusal::BadRequest);
                        }
                        Ok(bytes) => req.set_body(Body::from_bytes(bytes)),
                        Err(poem::error::ReadBodyError::PayloadTooLarge) => {
                            return refuse(surface, &headers, Refusal::TooLarge);
                        }
                        Err(_) => return refuse(surface, &headers, Refusal::BadRequest),
                    }
                    self.answer(surface, &headers, req).await
                };
                match tokio::time::timeout(limits.request_timeout, work).await {
                    Ok(response) => Ok(response),
                    Err(_) => {
                        tracing::warn!(
                            secs = limits.request_timeout.as_secs(),
                            "a request exceeded its time limit"
                        );
                        Ok(refuse(surface, &headers, Refusal::Timeout))
                    }
                }
            }
            BodyKind::Streamed => {
                if declared.is_some_and(|n| n > limits.max_stream_bytes) {
                    return Ok(refuse(surface, &headers, Refusal::TooLarge));
                }
                let stalled = Arc::new(AtomicBool::new(false));
                let body = req.take_body();
                req.set_body(idle_bounded(
                    body,
                    limits.upload_idle_timeout,
                    limits.max_stream_bytes,
                    stalled.clone(),
                ));
                let response = self.answer(surface, &headers, req).await;
                if stalled.load(Ordering::Relaxed) && !response.status().is_success() {
                    // The handler failed because the client stopped sending: its fault, not
                    // ours.
                    return Ok(refuse(surface, &headers, Refusal::Stalled));
                }
                Ok(response)
            }
        }
    }
}

impl<E: Endpoint> BoundsEndpoint<E> {
    /// Calls the route; a panic becomes a 500 for this request alone.
    /// A method the route does not take answers 405 with `Allow`.
    async fn answer(&self, surface: Surface, headers: &HeaderMap, req: Request) -> Response {
        let path = req.uri().path().to_owned();
        let mut response = match AssertUnwindSafe(self.inner.call(req)).catch_unwind().await {
            Ok(Ok(output)) => output.into_response(),
            Ok(Err(err)) => err.into_response(),
            Err(_) => {
                // The panic message went to the panic hook; no request data is logged here.
                tracing::error!("a request handler panicked");
                return refuse(surface, headers, Refusal::Internal);
            }
        };
        let status = response.status();
        if status.is_client_error() || status.is_server_error() {
            // An error the framework answered itself (a path that is not UTF-8, say) is
            // answered in the surface's own format like every other error.
            let conforms = match surface {
                Surface::Api => content_type(response.headers()) == "application/problem+json",
                Surface::Web => is_html(&response),
                Surface::Ops => true,
            };
            if !conforms {
                let pattern = response.data::<PathPattern>().cloned();
                let refusal = match status {
                    StatusCode::METHOD_NOT_ALLOWED => Refusal::MethodNotAllowed,
                    StatusCode::NOT_FOUND => Refusal::NotFound,
                    StatusCode::PAYLOAD_TOO_LARGE => Refusal::TooLarge,
                    status if status.is_server_error() => Refusal::Internal,
                    _ => Refusal::BadRequest,
                };
                response = refuse(surface, headers, refusal);
                if let Some(pattern) = pattern {
                    response.set_data(pattern);
                }
            }
        }
        if response.status() == StatusCode::METHOD_NOT_ALLOWED
            && let Some(allow) = self
                .allow
                .allowed(&path)
                .and_then(|a| HeaderValue::from_str(&a).ok())
        {
            response.headers_mut().insert(ALLOW, allow);
        }
        response
    }
}

fn is_html(response: &Response) -> bool {
    response
        .headers()
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html"))
}

/// A body that fails when no bytes arrive for `idle` (setting `stalled`) or when it carries
/// more than `max` bytes.
fn idle_bounded(body: Body, idle: Duration, max: u64, stalled: Arc<AtomicBool>) -> Body {
    let stream = body.into_bytes_stream();
    let state = (Box::pin(stream), 0u64, false);
    let bounded = futures_util::stream::unfold(state, move |(mut stream, seen, done)| {
        let stalled = stalled.clone();
        async move {
            if done {
                return None;
            }
            match tokio::time::timeout(idle, stream.next()).await {
                Err(_) => {
                    stalled.store(true, Ordering::Relaxed);
                    let error =
                        std::io::Error::new(std::io::ErrorKind::TimedOut, "the body stalled");
                    Some((Err(error), (stream, seen, true)))
                }
                Ok(None) => None,
                Ok(Some(Err(error))) => Some((Err(error), (stream, seen, true))),
                Ok(Some(Ok(chunk))) => {
                    let seen = seen.saturating_add(chunk.len() as u64);
                    if seen > max {
                        let error = std::io::Error::other("the body is too large");
                        Some((Err(error), (stream, seen, true)))
                    } else {
                        Some((Ok(chunk), (stream, seen, false)))
                    }
                }
            }
        }
    });
    Body::from_bytes_stream(bounded)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A panicking handler answers 500 (problem JSON under `/api`, the page elsewhere) for its
    /// own request; its slot is released, so with one slot the next request is served.
    #[tokio::test]
    async fn a_panic_answers_500_for_its_request_only() {
        use poem::{EndpointExt, Route, handler};

        #[handler]
        fn boom() -> &'static str {
            panic!("a bug in one handler")
        }

        #[handler]
        fn fine() -> &'static str {
            "ok"
        }

        let mut settings = Settings::default();
        settings.server.max_concurrent_requests = 1;
        let app = Route::new()
            .at("/api/v1/boom", boom)
            .at("/boom", boom)
            .at("/fine", fine)
            .with(Bounds::new(
                Limits::from_settings(&settings),
                AllowTable::default(),
            ));
        let get = |path: &str| Request::builder().uri_str(path).finish();
        for _ in 0..3 {
            let response = app.get_response(get("/api/v1/boom")).await;
            assert_eq!(response.status(), StatusCode::INTERNAL_SERVER_ERROR);
            assert_eq!(content_type(response.headers()), "application/problem+json");
            let response = app.get_response(get("/boom")).await;
            assert_eq!(response.status(), StatusCode::INTERNAL_SERVER_ERROR);
            assert!(is_html(&response));
            let response = app.get_response(get("/fine")).await;
            assert_eq!(response.status(), StatusCode::OK);
        }
    }

    #[test]
    fn nul_is_found_in_every_spelling() {
        assert!(holds_nul(b"/n/%00/x", b"%00"));
        assert!(holds_nul(b"email=a%00b", b"%00"));
        assert!(!holds_nul(b"/n/a%2000/x", b"%00"));
        assert!(holds_nul(br#"{"title":"a\u0000"}"#, b"\\u0000"));
        assert!(holds_nul(b"{\"a\":\"\0\"}", b"\\u0000"));
        assert!(!holds_nul(br#"{"title":"a\u0001"}"#, b"\\u0000"));
    }

    #[test]
    fn allow_names_the_routes_methods() {
        let mut table = AllowTable::default();
        table.add("GET", "/n/:slug/groups");
        table.add("POST", "/n/:slug/groups");
        table.add("GET", "/n/:slug/groups/:id");
        table.add("GET", "/n/:slug/groups/new");
        table.add("post", "/api/v1/networks/{slug}/projects");
        assert_eq!(
            table.allowed("/n/x/groups").as_deref(),
            Some("GET, POST, HEAD")
        );
        assert_eq!(
            table.allowed("/api/v1/networks/x/projects").as_deref(),
            Some("POST")
        );
        assert_eq!(
            table.allowed("/n/x/groups/new").as_deref(),
            Some("GET, HEAD")
        );
        assert_eq!(table.allowed("/nowhere"), None);
    }

    #[test]
    fn bodies_are_classified_by_content_type() {
        let limits = Limits::from_settings(&Settings::default());
        let kind = |ct: &str| {
            let mut headers = HeaderMap::new();
            if !ct.is_empty() {
                headers.insert(CONTENT_TYPE, HeaderValue::from_str(ct).unwrap());
            }
            match body_kind(&headers, &limits) {
                BodyKind::Buffered(n) => Some(n),
                BodyKind::Streamed => None,
            }
        };
        assert_eq!(kind("application/json"), Some(1024 * 1024));
        assert_eq!(kind(""), Some(1024 * 1024));
        assert_eq!(kind("text/plain"), Some(1024 * 1024));
        assert_eq!(
            kind("application/x-www-form-urlencoded; charset=utf-8"),
            Some(2 * 1024 * 1024)
        );
        assert_eq!(kind("Multipart/Form-Data; boundary=x"), None);
        assert_eq!(kind("application/octet-stream"), None);
    }
}
