//! The page for a request refused before it reaches the pipeline: by the request bounds in
//! front of every route (body, URL or header size, the concurrency limit, the time limit) or a
//! handler that panicked. Nothing is read from the database: the page is rendered from the
//! request's `Accept-Language` alone, so it costs nothing when the server is busy.

use askama::Template;
use poem::Response;
use poem::http::StatusCode;

use crate::i18n;
use crate::render;

/// Why a request was refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Refusal {
    /// 413: the body is larger than a form may be.
    TooLarge,
    /// 414: the address is longer than any page's.
    UrlTooLong,
    /// 431: the headers are larger than a browser sends.
    HeadersTooLarge,
    /// 503: every request slot is taken.
    Busy,
    /// 503: the request took longer than the time limit.
    Timeout,
    /// 408: an upload stopped arriving.
    Stalled,
    /// 400: the body could not be read.
    BadRequest,
    /// 405: the address does not take this method.
    MethodNotAllowed,
    /// 404: nothing here.
    NotFound,
    /// 500: the handler failed (panicked).
    Internal,
}

impl Refusal {
    pub fn status(self) -> StatusCode {
        match self {
            Refusal::TooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            Refusal::UrlTooLong => StatusCode::URI_TOO_LONG,
            Refusal::HeadersTooLarge => StatusCode::REQUEST_HEADER_FIELDS_TOO_LARGE,
            Refusal::Busy | Refusal::Timeout => StatusCode::SERVICE_UNAVAILABLE,
            Refusal::Stalled => StatusCode::REQUEST_TIMEOUT,
            Refusal::BadRequest => StatusCode::BAD_REQUEST,
            Refusal::MethodNotAllowed => StatusCode::METHOD_NOT_ALLOWED,
            Refusal::NotFound => StatusCode::NOT_FOUND,
            Refusal::Internal => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    fn keys(self) -> (&'static str, &'static str) {
        match self {
            Refusal::TooLarge => ("error-too-large-title", "error-too-large-text"),
            Refusal::UrlTooLong => ("error-url-too-long-title", "error-url-too-long-text"),
            Refusal::HeadersTooLarge => (
                "error-headers-too-large-title",
                "error-headers-too-large-text",
            ),
            Refusal::Busy | Refusal::Timeout => ("error-busy-title", "error-busy-text"),
            Refusal::Stalled => ("error-stalled-title", "error-stalled-text"),
            Refusal::BadRequest => ("error-bad-request-title", "error-bad-request-text"),
            Refusal::MethodNotAllowed => ("error-method-title", "error-method-text"),
            Refusal::NotFound => ("error-not-found-title", "error-not-found-text"),
            Refusal::Internal => ("error-internal-title", "error-internal-text"),
        }
    }
}

#[derive(Template)]
#[template(path = "refusal.html")]
struct RefusalPage {
    lang: &'static str,
    stylesheet: String,
    title: String,
    message: String,
    home: String,
}

/// The page for `refusal`, in the language the browser asks for (Danish by default).
pub fn page(refusal: Refusal, accept_language: Option<&str>) -> Response {
    let lang = i18n::negotiate(None, None, None, accept_language);
    let (title, message) = refusal.keys();
    let t = |id| i18n::translate(lang, id, None);
    let page = RefusalPage {
        lang: lang.code(),
        stylesheet: crate::assets::url("app.css"),
        title: t(title),
        message: t(message),
        home: t("error-home-link"),
    };
    let body = page.render().unwrap_or_else(|_| t(title));
    let mut response = render::html(refusal.status(), body);
    let headers = response.headers_mut();
    headers.insert(
        poem::http::header::CACHE_CONTROL,
        poem::http::HeaderValue::from_static("no-store"),
    );
    headers.insert(
        poem::http::header::X_CONTENT_TYPE_OPTIONS,
        poem::http::HeaderValue::from_static("nosniff"),
    );
    response
}

/// Every refusal has its texts in every language.
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_refusal_has_its_texts() {
        for refusal in [
            Refusal::TooLarge,
            Refusal::UrlTooLong,
            Refusal::HeadersTooLarge,
            Refusal::Busy,
            Refusal::Timeout,
            Refusal::Stalled,
            Refusal::BadRequest,
            Refusal::MethodNotAllowed,
            Refusal::NotFound,
            Refusal::Internal,
        ] {
            let (title, text) = refusal.keys();
            for lang in [i18n::Lang::Da, i18n::Lang::Nb, i18n::Lang::En] {
                assert!(i18n::has(lang, title), "{title} in {lang:?}");
                assert!(i18n::has(lang, text), "{text} in {lang:?}");
            }
        }
    }
}
