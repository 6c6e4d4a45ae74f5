//! What happens around every page and form, in order: read the cookies, find the signed-in
//! user, resolve the network of a `/n/:slug/…` path into a scope (the only way a page reaches a
//! network's data), choose the language, check the CSRF token of a form, run the handler, turn
//! an error into its page, and add the cookies and headers every answer needs.

use std::sync::Arc;

use domain::identity::ClientAddress;
use domain::tenancy::scope_for_user;
use poem::http::header::{
    ACCEPT_LANGUAGE, CACHE_CONTROL, CONTENT_TYPE, HOST, REFERER, X_CONTENT_TYPE_OPTIONS,
    X_FRAME_OPTIONS,
};
use poem::http::{HeaderName, HeaderValue, Method};
use poem::{Endpoint, IntoResponse, Request, Response};

use crate::context::Ctx;
use crate::errors::{self, WebError};
use crate::forms::Params;
use crate::session::{self, Cookies, LANGUAGE_COOKIE};
use crate::{WebState, csrf, i18n, render};

/// The largest form body accepted: a project's Markdown body at its limit, percent-encoded.
const MAX_FORM_BYTES: usize = 2 * 1024 * 1024;

const CONTENT_SECURITY_POLICY: &str = "default-src 'self'; img-src 'self'; style-src 'self'; \
     script-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; \
     object-src 'none'";

/// A page or form endpoint inside the pipeline.
pub(crate) struct WebEndpoint<E> {
    inner: E,
    state: Arc<WebState>,
    form: bool,
    /// A multipart upload: the body is left to the handler to stream, and the CSRF token comes
    /// in the query (`?csrf=…`), so that nothing has to be read before the file.
    upload: bool,
    params: Vec<&'static str>,
}

impl<E> WebEndpoint<E> {
    pub fn new(inner: E, state: Arc<WebState>, form: bool, path: &'static str) -> Self {
        let params = path
            .split('/')
            .filter_map(|segment| segment.strip_prefix(':'))
            .collect();
        Self {
            inner,
            state,
            form,
            upload: false,
            params,
        }
    }

    pub fn upload(self) -> Self {
        Self {
            upload: true,
            ..self
        }
    }
}

impl<E: Endpoint> Endpoint for WebEndpoint<E> {
    type Output = Response;

    async fn call(&self, req: Request) -> poem::Result<Response> {
        Ok(self.handle(req).await)
    }
}

impl<E: Endpoint> WebEndpoint<E> {
    async fn handle(&self, mut req: Request) -> Response {
        let svc = &self.state.svc;
        let config = self.state.config;
        let cookies = Cookies::from_headers(req.headers());
        let mut failure: Option<WebError> = None;

        let mut stale_session = false;
        let session_secret = cookies.get(config.session_cookie());
        let user = match session_secret {
            Some(secret) => match domain::identity::authenticate(svc, secret).await {
                Ok(Some(user)) => Some(user),
                Ok(None) => {
                    stale_session = true;
                    None
                }
                Err(err) => {
                    failure = Some(err.into());
                    None
                }
            },
            None => None,
        };

        let params: Vec<(&'static str, String)> = self
            .params
            .iter()
            .map(|name| {
                (
                    *name,
                    req.raw_path_param(name).unwrap_or_default().to_owned(),
                )
            })
            .collect();
        let slug = params.iter().find(|(n, _)| *n == "slug").map(|(_, v)| v);
        let mut scope = None;
        if let (None, Some(slug)) = (&failure, slug) {
            match scope_for_user(svc, user.as_ref(), slug).await {
                Ok(found) => scope = Some(found),
                Err(err) => failure = Some(err.into()),
            }
        }

        let header = |name| req.headers().get(name).and_then(|v| v.to_str().ok());
        let lang = i18n::negotiate(
            user.as_ref().and_then(|u| u.preferred_language),
            cookies.get(LANGUAGE_COOKIE),
            scope
                .as_ref()
                .map(|s: &domain::tenancy::TenantScope| s.network().default_language),
            header(ACCEPT_LANGUAGE),
        );

        // Signed in, the token is the session's; signed out, the double-submit cookie's.
        let csrf_cookie = cookies.get(config.csrf_cookie());
        let existing_csrf = csrf_cookie.filter(|t| csrf::well_formed(t));
        let (csrf_token, csrf_fresh) = match (&user, session_secret, existing_csrf) {
            (Some(_), Some(secret), _) => (csrf::for_session(secret), false),
            (_, _, Some(token)) => (token.to_owned(), false),
            _ => match csrf::new_token() {
                Ok(token) => (token, true),
                Err(err) => {
                    failure.get_or_insert(domain::Error::Internal(err).into());
                    (String::new(), true)
                }
            },
        };

        let here = req
            .original_uri()
            .path_and_query()
            .map(|p| p.as_str().to_owned())
            .unwrap_or_else(|| "/".to_owned());
        let back = if req.method() == Method::GET {
            without_one_off_params(&here)
        } else {
            referer_path(&req).unwrap_or_else(|| "/".to_owned())
        };
        let query = Params::parse(req.uri().query().unwrap_or_default().as_bytes());
        // Worked out once for the whole site (`samvirke::client`); without it (the web routes
        // mounted alone) every client shares one count, which errs on the strict side.
        let client_ip = req
            .data::<ClientAddress>()
            .copied()
            .unwrap_or(ClientAddress::new(None))
            .key();

        let mut form = Params::default();
        if self.form {
            match read_form(&mut req).await {
                Ok(parsed) => form = parsed,
                Err(err) => {
                    failure.get_or_insert(err);
                }
            }
            // A form is accepted only with the token of the cookie this browser already had.
            if failure.is_none()
                && (csrf_fresh || !csrf::matches(&csrf_token, form.get(csrf::FIELD)))
            {
                failure = Some(WebError::Csrf);
            }
        }
        if self.upload
            && failure.is_none()
            && (csrf_fresh || !csrf::matches(&csrf_token, query.get(csrf::FIELD)))
        {
            failure = Some(WebError::Csrf);
        }

        // The header's unread count: one indexed count, only on members' network pages.
        let unread = match (&scope, &failure) {
            (Some(scope), None) if req.method() == Method::GET && scope.member().is_some() => {
                domain::notifications::unread_count(svc, scope).await.ok()
            }
            _ => None,
        };
        let ctx = Arc::new(Ctx {
            state: self.state.clone(),
            user,
            lang,
            csrf: csrf_token,
            here,
            back,
            params,
            query,
            form,
            scope,
            client_ip,
            unread,
        });
        req.set_data(ctx.clone());

        let outcome = match failure {
            Some(err) => Err(err),
            None => self
                .inner
                .call(req)
                .await
                .map(IntoResponse::into_response)
                .map_err(WebError::from_poem),
        };
        let mut response = match outcome {
            Ok(response) => response,
            Err(err) => errors::render(&ctx, err),
        };

        // The cookie carries the page's token: a new one, or the session's when it differs.
        if !ctx.csrf.is_empty()
            && csrf_cookie != Some(ctx.csrf.as_str())
            && is_html(&response)
            && !session::sets(&response, config.csrf_cookie())
        {
            session::set_csrf(&mut response, config, &ctx.csrf);
        }
        if stale_session && !session::sets(&response, config.session_cookie()) {
            session::clear_session(&mut response, config);
        }
        secure_headers(&mut response);
        response
    }
}

async fn read_form(req: &mut Request) -> Result<Params, WebError> {
    let is_form = req
        .headers()
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| {
            v.split(';')
                .next()
                .is_some_and(|t| t.trim() == "application/x-www-form-urlencoded")
        });
    let body = req.take_body();
    if !is_form {
        // Nothing else is read: without the fields there is no CSRF token, so the request
        // is refused as a forgery would be.
        return Ok(Params::default());
    }
    match body.into_bytes_limit(MAX_FORM_BYTES).await {
        Ok(bytes) => Ok(Params::parse(&bytes)),
        Err(poem::error::ReadBodyError::PayloadTooLarge) => Err(WebError::PayloadTooLarge),
        Err(_) => Err(WebError::BadRequest),
    }
}

/// The page a form was submitted from, when it is on this site.
fn referer_path(req: &Request) -> Option<String> {
    let referer = req.headers().get(REFERER)?.to_str().ok()?;
    let url = url::Url::parse(referer).ok()?;
    let host = req.headers().get(HOST)?.to_str().ok()?;
    let origin_host = match url.port() {
        Some(port) => format!("{}:{port}", url.host_str()?),
        None => url.host_str()?.to_owned(),
    };
    if origin_host != host {
        return None;
    }
    let mut path = url.path().to_owned();
    if let Some(query) = url.query() {
        path.push('?');
        path.push_str(query);
    }
    render::local_path(&path).map(str::to_owned)
}

/// A page's URL without what only made sense once: the notice after a change, and the
/// results-only view of the search page.
fn without_one_off_params(here: &str) -> String {
    let Some((path, query)) = here.split_once('?') else {
        return here.to_owned();
    };
    let kept: Vec<&str> = query
        .split('&')
        .filter(|pair| {
            let name = pair.split('=').next().unwrap_or_default();
            name != "notice" && name != "partial"
        })
        .collect();
    if kept.is_empty() {
        path.to_owned()
    } else {
        format!("{path}?{}", kept.join("&"))
    }
}

fn is_html(response: &Response) -> bool {
    response
        .headers()
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html"))
}

fn secure_headers(response: &mut Response) {
    let headers = response.headers_mut();
    // Pages carry personal data and CSRF tokens: no shared or back-button caches.
    headers
        .entry(CACHE_CONTROL)
        .or_insert(HeaderValue::from_static("no-store"));
    headers.insert(X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    headers.insert(X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    headers.insert(
        HeaderName::from_static("referrer-policy"),
        HeaderValue::from_static("same-origin"),
    );
    // A download sets its own, stricter policy (`sandbox`).
    headers
        .entry(HeaderName::from_static("content-security-policy"))
        .or_insert(HeaderValue::from_static(CONTENT_SECURITY_POLICY));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn back_drops_one_off_params() {
        assert_eq!(without_one_off_params("/n/x"), "/n/x");
        assert_eq!(without_one_off_params("/n/x?notice=created"), "/n/x");
        assert_eq!(
            without_one_off_params("/n/x/search?q=bup&partial=1&cursor=abc"),
            "/n/x/search?q=bup&cursor=abc"
        );
    }
}
