//! Endpoints for operators: `/healthz` (the process is alive), `/readyz` (the database, the
//! search engine and the file store answer), `/metrics` (Prometheus text: requests and
//! latencies by route, the job queue). Plus the middleware that counts requests and logs them by
//! route pattern — never by path, which may hold an invitation secret.

use std::sync::Arc;
use std::time::Instant;

use domain::Services;
use poem::http::StatusCode;
use poem::web::Data;
use poem::{Endpoint, IntoResponse, Middleware, Request, Response, handler};
use prometheus::{
    Encoder, HistogramOpts, HistogramVec, IntCounterVec, IntGaugeVec, Opts, Registry, TextEncoder,
};

/// The process's metrics.
#[derive(Clone)]
pub struct Metrics {
    registry: Registry,
    requests: IntCounterVec,
    latency: HistogramVec,
    queue: IntGaugeVec,
}

impl Metrics {
    pub fn new() -> anyhow::Result<Self> {
        let registry = Registry::new();
        let requests = IntCounterVec::new(
            Opts::new(
                "samvirke_http_requests_total",
                "HTTP requests by route and status",
            ),
            &["method", "route", "status"],
        )?;
        let latency = HistogramVec::new(
            HistogramOpts::new(
                "samvirke_http_request_duration_seconds",
                "HTTP request latency by route",
            )
            .buckets(vec![
                0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0,
            ]),
            &["method", "route"],
        )?;
        let queue = IntGaugeVec::new(
            Opts::new(
                "samvirke_jobs",
                "Jobs in the queue by state (pending, running, retrying, dead)",
            ),
            &["state"],
        )?;
        registry.register(Box::new(requests.clone()))?;
        registry.register(Box::new(latency.clone()))?;
        registry.register(Box::new(queue.clone()))?;
        Ok(Self {
            registry,
            requests,
            latency,
            queue,
        })
    }
}

pub struct Observe(pub Arc<Metrics>);

impl<E: Endpoint> Middleware<E> for Observe {
    type Output = ObserveEndpoint<E>;

    fn transform(&self, ep: E) -> Self::Output {
        ObserveEndpoint {
            inner: ep,
            metrics: self.0.clone(),
        }
    }
}

pub struct ObserveEndpoint<E> {
    inner: E,
    metrics: Arc<Metrics>,
}

impl<E: Endpoint> Endpoint for ObserveEndpoint<E> {
    type Output = Response;

    async fn call(&self, req: Request) -> poem::Result<Self::Output> {
        let started = Instant::now();
        let method = method_label(req.method());
        let response = match self.inner.call(req).await {
            Ok(output) => output.into_response(),
            Err(err) => err.into_response(),
        };
        let route = response
            .data::<poem::PathPattern>()
            .map(|p| p.0.to_string())
            .unwrap_or_else(|| "unmatched".into());
        let status = response.status();
        let elapsed = started.elapsed();
        self.metrics
            .requests
            .with_label_values(&[method, route.as_str(), status.as_str()])
            .inc();
        self.metrics
            .latency
            .with_label_values(&[method, route.as_str()])
            .observe(elapsed.as_secs_f64());
        if status.is_server_error() {
            tracing::error!(%method, %route, status = status.as_u16(), ms = elapsed.as_millis() as u64, "request failed");
        } else {
            tracing::debug!(%method, %route, status = status.as_u16(), ms = elapsed.as_millis() as u64, "request");
        }
        Ok(response)
    }
}

/// The method as a metric label and in log lines: one of the standard methods, or `other`, so a
/// client inventing methods cannot grow the metrics without bound.
pub fn method_label(method: &poem::http::Method) -> &'static str {
    use poem::http::Method;
    match *method {
        Method::GET => "GET",
        Method::HEAD => "HEAD",
        Method::POST => "POST",
        Method::PUT => "PUT",
        Method::PATCH => "PATCH",
        Method::DELETE => "DELETE",
        Method::OPTIONS => "OPTIONS",
        _ => "other",
    }
}

/// Who may read `/metrics`: with a token, only a request that sends it as a bearer token.
#[derive(Clone)]
pub struct MetricsAccess {
    pub token: Option<crate::settings::Secret>,
}

impl MetricsAccess {
    fn allows(&self, req: &Request) -> bool {
        let Some(token) = &self.token else {
            return true;
        };
        let sent = req
            .headers()
            .get(poem::http::header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer "))
            .unwrap_or_default();
        constant_time_eq(sent.as_bytes(), token.expose().as_bytes())
    }
}

/// Equality whose time does not depend on where the first difference is.
fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

#[handler]
pub fn healthz() -> &'static str {
    "ok"
}

#[handler]
pub async fn readyz(svc: Data<&Services>) -> Response {
    let checks = [
        ("database", svc.db.ping().await),
        ("search", svc.search.health().await),
        ("files", svc.blobs.health().await),
    ];
    let failed: Vec<String> = checks
        .iter()
        .filter_map(|(name, result)| result.as_ref().err().map(|e| format!("{name}: {e:#}")))
        .collect();
    if failed.is_empty() {
        "ready".into_response()
    } else {
        tracing::warn!(failed = ?failed, "not ready");
        let names: Vec<&str> = checks
            .iter()
            .filter(|(_, r)| r.is_err())
            .map(|(n, _)| *n)
            .collect();
        (
            StatusCode::SERVICE_UNAVAILABLE,
            format!("not ready: {}", names.join(", ")),
        )
            .into_response()
    }
}

#[handler]
pub async fn metrics(
    req: &Request,
    svc: Data<&Services>,
    metrics: Data<&Arc<Metrics>>,
    access: Data<&MetricsAccess>,
) -> Response {
    if !access.allows(req) {
        return (StatusCode::UNAUTHORIZED, "a metrics token is required")
            .with_header(poem::http::header::WWW_AUTHENTICATE, "Bearer")
            .into_response();
    }
    match domain::jobs::stats(&svc).await {
        Ok(stats) => {
            let gauge = |state: &str, value: u64| {
                metrics.queue.with_label_values(&[state]).set(value as i64)
            };
            gauge("pending", stats.pending);
            gauge("running", stats.running);
            gauge("retrying", stats.retrying);
            gauge("dead", stats.dead);
        }
        Err(e) => tracing::warn!(error = %e, "queue statistics unavailable"),
    }
    let mut buffer = Vec::new();
    if let Err(e) = TextEncoder::new().encode(&metrics.registry.gather(), &mut buffer) {
        tracing::error!(error = %e, "encoding metrics");
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    }
    Response::builder()
        .content_type("text/plain; version=0.0.4")
        .body(buffer)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invented_methods_share_one_label() {
        use poem::http::Method;
        assert_eq!(method_label(&Method::GET), "GET");
        assert_eq!(method_label(&Method::DELETE), "DELETE");
        for name in ["FOO", "BREW", "PROPFIND", "X-1234567890"] {
            let method = Method::from_bytes(name.as_bytes()).unwrap();
            assert_eq!(method_label(&method), "other");
        }
    }

    #[test]
    fn tokens_compare_whole() {
        assert!(constant_time_eq(b"abc", b"abc"));
        assert!(!constant_time_eq(b"abc", b"abd"));
        assert!(!constant_time_eq(b"abc", b"ab"));
        assert!(!constant_time_eq(b"", b"a"));
    }
}
