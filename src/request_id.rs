//! Request ids: every request gets one, so its log line, its answer and the jobs it enqueued can
//! be joined. A trusted proxy's `X-Request-Id` (`server.trusted_proxies`, as for
//! `X-Forwarded-For`) is kept when it is short and plain, so the proxy's logs join ours; anything
//! else, from anyone else, is replaced by a UUID v7 of our own — a client must not be able to
//! write into our logs or pose as another request.
//!
//! The id is echoed in the answer's `X-Request-Id`, carried by the request's span and its request
//! line (see `ops::Observe`), and recorded on every job the request enqueues
//! (`domain::jobs::with_request_id`).

use poem::http::HeaderValue;
use poem::{Endpoint, IntoResponse, Middleware, Request, Response};
use tracing::Instrument;

use crate::client::TrustedProxies;

pub const HEADER: &str = "x-request-id";
const MAX_LEN: usize = 64;

/// The current request's id, in the request's data.
#[derive(Clone, Debug)]
pub struct RequestId(pub String);

/// Whether a proxy's id is short and plain enough to log and store as it is.
fn acceptable(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= MAX_LEN
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'-'))
}

/// The id for a request: the trusted proxy's, or a fresh one.
fn choose(req: &Request, trusted: &TrustedProxies) -> String {
    let from_proxy = req
        .remote_addr()
        .as_socket_addr()
        .is_some_and(|peer| trusted.contains(peer.ip()));
    let sent = req.headers().get(HEADER).and_then(|v| v.to_str().ok());
    match sent {
        Some(id) if from_proxy && acceptable(id) => id.to_owned(),
        _ => uuid::Uuid::now_v7().to_string(),
    }
}

pub struct AssignRequestId(pub TrustedProxies);

impl<E: Endpoint> Middleware<E> for AssignRequestId {
    type Output = AssignRequestIdEndpoint<E>;

    fn transform(&self, inner: E) -> Self::Output {
        AssignRequestIdEndpoint {
            inner,
            trusted: self.0.clone(),
        }
    }
}

pub struct AssignRequestIdEndpoint<E> {
    inner: E,
    trusted: TrustedProxies,
}

impl<E: Endpoint> Endpoint for AssignRequestIdEndpoint<E> {
    type Output = Response;

    async fn call(&self, mut req: Request) -> poem::Result<Self::Output> {
        let id = choose(&req, &self.trusted);
        req.set_data(RequestId(id.clone()));
        let span = tracing::info_span!("request", request_id = %id);
        let answered = domain::jobs::with_request_id(id.clone(), self.inner.call(req))
            .instrument(span)
            .await;
        let mut response = match answered {
            Ok(output) => output.into_response(),
            Err(err) => err.into_response(),
        };
        if let Ok(value) = HeaderValue::from_str(&id) {
            response.headers_mut().insert(HEADER, value);
        }
        Ok(response)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_short_plain_ids_are_kept() {
        assert!(acceptable("abc-123_DEF.4"));
        assert!(acceptable(&"a".repeat(64)));
        assert!(!acceptable(&"a".repeat(65)));
        assert!(!acceptable(""));
        assert!(!acceptable("a b"));
        assert!(!acceptable("a\"b"));
        assert!(!acceptable("æøå"));
        assert!(!acceptable("id\n"));
    }
}
