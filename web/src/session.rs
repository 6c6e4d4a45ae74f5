//! Cookies: the session (the secret from `domain::identity::sign_in`), the CSRF token and the
//! language choice. Only the session's hash is stored server-side; the cookie is the secret.

use std::time::Duration;

use poem::http::HeaderMap;
use poem::http::header::{COOKIE, SET_COOKIE};
use poem::web::cookie::{Cookie, SameSite};
use poem::{Response, http::HeaderValue};

use crate::WebConfig;

/// The language a visitor chose, for when nobody is signed in.
pub(crate) const LANGUAGE_COOKIE: &str = "samvirke_lang";

const LANGUAGE_MAX_AGE: Duration = Duration::from_secs(365 * 24 * 60 * 60);

/// The cookies a request carried, by name (the first of a repeated name wins).
#[derive(Clone, Debug, Default)]
pub(crate) struct Cookies(Vec<(String, String)>);

impl Cookies {
    pub fn from_headers(headers: &HeaderMap) -> Self {
        let mut pairs = Vec::new();
        for value in headers.get_all(COOKIE) {
            let Ok(value) = value.to_str() else { continue };
            for pair in value.split(';') {
                if let Some((name, value)) = pair.split_once('=') {
                    let value = value.trim().trim_matches('"');
                    pairs.push((name.trim().to_owned(), value.to_owned()));
                }
            }
        }
        Self(pairs)
    }

    pub fn get(&self, name: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(n, v)| n == name && !v.is_empty())
            .map(|(_, v)| v.as_str())
    }
}

fn cookie(config: WebConfig, name: &str, value: &str, same_site: SameSite) -> Cookie {
    let mut cookie = Cookie::new_with_str(name, value);
    cookie.set_http_only(true);
    cookie.set_same_site(same_site);
    cookie.set_path("/");
    cookie.set_secure(config.secure_cookies);
    cookie
}

fn append(response: &mut Response, cookie: Cookie) {
    if let Ok(value) = HeaderValue::from_str(&cookie.to_string()) {
        response.headers_mut().append(SET_COOKIE, value);
    }
}

/// Does the response already set this cookie?
pub(crate) fn sets(response: &Response, name: &str) -> bool {
    let prefix = format!("{name}=");
    response
        .headers()
        .get_all(SET_COOKIE)
        .iter()
        .any(|v| v.to_str().is_ok_and(|v| v.starts_with(&prefix)))
}

/// The session cookie, for as long as the session lives.
pub(crate) fn set_session(response: &mut Response, config: WebConfig, secret: &str, ttl: Duration) {
    let mut cookie = cookie(config, config.session_cookie(), secret, SameSite::Lax);
    cookie.set_max_age(ttl);
    append(response, cookie);
}

pub(crate) fn clear_session(response: &mut Response, config: WebConfig) {
    let mut cookie = cookie(config, config.session_cookie(), "", SameSite::Lax);
    cookie.set_max_age(Duration::ZERO);
    append(response, cookie);
}

/// The CSRF cookie lives as long as the browser session: it is renewed whenever it is missing
/// (signed out) or differs from the session's token (signed in).
pub(crate) fn set_csrf(response: &mut Response, config: WebConfig, token: &str) {
    append(
        response,
        cookie(config, config.csrf_cookie(), token, SameSite::Strict),
    );
}

pub(crate) fn set_language(response: &mut Response, config: WebConfig, code: &str) {
    let mut cookie = cookie(config, LANGUAGE_COOKIE, code, SameSite::Lax);
    cookie.set_max_age(LANGUAGE_MAX_AGE);
    append(response, cookie);
}

/// The session lifetime as a cookie Max-Age.
pub(crate) fn max_age(ttl: chrono::Duration) -> Duration {
    ttl.to_std()
        .unwrap_or(Duration::from_secs(30 * 24 * 60 * 60))
}

#[cfg(test)]
mod tests {
    use super::*;
    use domain::identity::SESSION_COOKIE;

    #[test]
    fn reads_cookies_by_name() {
        let mut headers = HeaderMap::new();
        headers.insert(
            COOKIE,
            HeaderValue::from_static("a=1; samvirke_session=abc; empty=; samvirke_lang=nb"),
        );
        let cookies = Cookies::from_headers(&headers);
        assert_eq!(cookies.get(SESSION_COOKIE), Some("abc"));
        assert_eq!(cookies.get(LANGUAGE_COOKIE), Some("nb"));
        assert_eq!(cookies.get("empty"), None);
        assert_eq!(cookies.get("missing"), None);
    }

    #[test]
    fn session_cookie_attributes() {
        let mut response = Response::default();
        set_session(
            &mut response,
            WebConfig {
                secure_cookies: true,
            },
            "secret",
            Duration::from_secs(60),
        );
        let header = response
            .headers()
            .get(SET_COOKIE)
            .unwrap()
            .to_str()
            .unwrap()
            .to_owned();
        // Under https the name carries the `__Host-` prefix, which needs Secure, Path=/ and no
        // Domain.
        assert!(
            header.starts_with("__Host-samvirke_session=secret"),
            "{header}"
        );
        assert!(!header.contains("Domain"));
        assert!(header.contains("HttpOnly"));
        assert!(header.contains("SameSite=Lax"));
        assert!(header.contains("Secure"));
        assert!(header.contains("Path=/"));
        assert!(header.contains("Max-Age=60"));
        assert!(sets(&response, "__Host-samvirke_session"));
        assert!(!sets(&response, SESSION_COOKIE));
    }
}
