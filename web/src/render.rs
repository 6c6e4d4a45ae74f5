//! Responses: rendered pages, redirects after a form (303, post/redirect/get), and the check
//! that keeps redirects on this site.

use askama::Template;
use poem::Response;
use poem::http::StatusCode;
use poem::http::header::{CONTENT_TYPE, LOCATION};

use crate::errors::WebError;

pub(crate) type PageResult = Result<Response, WebError>;

pub(crate) fn html(status: StatusCode, body: String) -> Response {
    Response::builder()
        .status(status)
        .header(CONTENT_TYPE, "text/html; charset=utf-8")
        .body(body)
}

/// Renders a page with status 200.
pub(crate) fn page<T: Template>(template: &T) -> PageResult {
    page_with(StatusCode::OK, template)
}

pub(crate) fn page_with<T: Template>(status: StatusCode, template: &T) -> PageResult {
    Ok(html(status, template.render()?))
}

/// "See other": where a browser goes after a form, with a GET.
pub(crate) fn see_other(location: &str) -> Response {
    Response::builder()
        .status(StatusCode::SEE_OTHER)
        .header(LOCATION, location)
        .finish()
}

/// `next` if it is a path on this site, so that a link cannot send someone elsewhere after
/// signing in. Rejects absolute and scheme-relative URLs (`//evil.example`), backslashes (which
/// browsers read as slashes) and control characters.
pub(crate) fn local_path(next: &str) -> Option<&str> {
    let ok = next.starts_with('/')
        && !next.starts_with("//")
        && next.len() <= 2048
        && !next
            .chars()
            .any(|c| c == '\\' || c.is_control() || c.is_whitespace());
    ok.then_some(next)
}

/// A value for a URL query.
pub(crate) fn encode(value: &str) -> String {
    url::form_urlencoded::byte_serialize(value.as_bytes()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn next_stays_on_this_site() {
        assert_eq!(local_path("/n/bakkehuset"), Some("/n/bakkehuset"));
        assert_eq!(
            local_path("/n/bakkehuset/search?q=bup"),
            Some("/n/bakkehuset/search?q=bup")
        );
        for bad in [
            "",
            "n/bakkehuset",
            "//evil.example",
            "/\\evil.example",
            "https://evil.example/",
            "javascript:alert(1)",
            "/ok\r\nSet-Cookie: x=1",
            "/a b",
            "\\\\evil.example",
        ] {
            assert_eq!(local_path(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn encodes_query_values() {
        assert_eq!(encode("/n/x?q=a b&c"), "%2Fn%2Fx%3Fq%3Da+b%26c");
    }
}
