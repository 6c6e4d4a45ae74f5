//! Endpoints for operators: `/healthz` (the process is alive), `/readyz` (the database answers;
//! the search engine's and the file store's state in its body), `/metrics` (Prometheus text:
//! requests and latencies by route, the job queue, which dependencies are up). Plus the middleware that counts requests and logs them by
//! route pattern — never by path, which may hold an invitation secret.

use std::sync::Arc;
use std::time::{Duration, Instant};

use domain::{Dependency, Services};
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
    dependencies: IntGaugeVec,
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
        let dependencies = IntGaugeVec::new(
            Opts::new(
                "samvirke_dependency_up",
                "Whether a backing service answered its last check (1) or not (0)",
            ),
            &["dependency"],
        )?;
        registry.register(Box::new(dependencies.clone()))?;
        registry.register(Box::new(requests.clone()))?;
        registry.register(Box::new(latency.clone()))?;
        registry.register(Box::new(queue.clone()))?;
        Ok(Self {
            registry,
            requests,
            latency,
            queue,
            dependencies,
        })
    }

    fn record(&self, states: &[(Dependency, bool)]) {
        for (dependency, up) in states {
            self.dependencies
                .with_label_values(&[dependency.as_str()])
                .set(i64::from(*up));
        }
    }
}

/// How long one dependency's check may take: a probe must answer even while a service hangs.
const CHECK_TIMEOUT: Duration = Duration::from_secs(3);

/// Checks every backing service at once; `true` for those that answered.
async fn dependency_states(svc: &Services) -> Vec<(Dependency, bool)> {
    let check = |dependency: Dependency| async move {
        let checked = tokio::time::timeout(CHECK_TIMEOUT, async {
            match dependency {
                Dependency::Database => svc.db.ping().await,
                Dependency::Search => svc.search.health().await,
                Dependency::Files => svc.blobs.health().await,
            }
        })
        .await
        .unwrap_or_else(|_| Err(anyhow::anyhow!("no answer within {CHECK_TIMEOUT:?}")));
        if let Err(e) = &checked {
            tracing::warn!(%dependency, error = %format!("{e:#}"), "dependency down");
        }
        (dependency, checked.is_ok())
    };
    let (database, search, files) = tokio::join!(
        check(Dependency::Database),
        check(Dependency::Search),
        check(Dependency::Files)
    );
    vec![database, search, files]
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
        let request_id = req
            .data::<crate::request_id::RequestId>()
            .map(|id| id.0.clone())
            .unwrap_or_default();
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
        // One line per request, with its id: the operator's way from a complaint to its cause.
        let ms = elapsed.as_millis() as u64;
        if status == StatusCode::SERVICE_UNAVAILABLE {
            tracing::warn!(%request_id, %method, %route, status = status.as_u16(), ms, "request unavailable");
        } else if status.is_server_error() {
            tracing::error!(%request_id, %method, %route, status = status.as_u16(), ms, "request failed");
        } else {
            tracing::info!(%request_id, %method, %route, status = status.as_u16(), ms, "request");
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

/// 503 only while the database is unreachable: without it nothing works, so the load balancer
/// should send requests elsewhere. The search engine and the file store being down leaves most
/// of the application working (search answers its own 503), so they are only reported, in the
/// body (`{"database":"up","search":"down","files":"up"}`) and in `/metrics`.
#[handler]
pub async fn readyz(svc: Data<&Services>, gauges: Data<&Arc<Metrics>>) -> Response {
    let states = dependency_states(&svc).await;
    gauges.record(&states);
    let body: serde_json::Map<String, serde_json::Value> = states
        .iter()
        .map(|(dependency, up)| {
            let state = if *up { "up" } else { "down" };
            (dependency.as_str().to_owned(), state.into())
        })
        .collect();
    let database_up = states
        .iter()
        .any(|(dependency, up)| *dependency == Dependency::Database && *up);
    let status = if database_up {
        StatusCode::OK
    } else {
        StatusCode::SERVICE_UNAVAILABLE
    };
    Response::builder()
        .status(status)
        .content_type("application/json")
        .body(serde_json::Value::Object(body).to_string())
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
    metrics.record(&dependency_states(&svc).await);
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
