//! `samvirke healthcheck`: one GET of `/healthz` on this process's own address, so a container
//! image's health check needs no curl or shell. Exit 0 when the server answers 200, 1 otherwise.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};
use std::time::Duration;

use anyhow::{Context, bail};

use crate::settings::Settings;

/// Long enough for a loaded server, short enough that the orchestrator's own check timeout
/// (Docker's default is 30 s) never cuts us off first.
const TIMEOUT: Duration = Duration::from_secs(5);

/// The URL the command checks: `--url` when given, else `/healthz` on `server.addr`.
pub fn target(settings: &Settings, url: Option<&str>) -> String {
    match url {
        Some(url) => url.to_owned(),
        None => format!("http://{}/healthz", reachable(&settings.server.addr)),
    }
}

/// A listening address as a client reaches it from the same host: a server bound to every
/// interface (`0.0.0.0`, `[::]`) answers on loopback. Names (`localhost:8080`) stay as they are.
fn reachable(addr: &str) -> String {
    match addr.parse::<SocketAddr>() {
        Ok(socket) if socket.ip().is_unspecified() => {
            let loopback = match socket.ip() {
                IpAddr::V4(_) => IpAddr::V4(Ipv4Addr::LOCALHOST),
                IpAddr::V6(_) => IpAddr::V6(Ipv6Addr::LOCALHOST),
            };
            SocketAddr::new(loopback, socket.port()).to_string()
        }
        _ => addr.to_owned(),
    }
}

/// GETs `url`; an error unless the answer is 200.
pub async fn check(url: &str) -> anyhow::Result<()> {
    let client = reqwest::Client::builder()
        .timeout(TIMEOUT)
        .build()
        .context("building the HTTP client")?;
    let response = client
        .get(url)
        .send()
        .await
        .with_context(|| format!("GET {url}"))?;
    let status = response.status();
    if status != reqwest::StatusCode::OK {
        bail!("GET {url} answered {status}");
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_interface_is_reached_on_loopback() {
        assert_eq!(reachable("0.0.0.0:8080"), "127.0.0.1:8080");
        assert_eq!(reachable("[::]:8080"), "[::1]:8080");
        assert_eq!(reachable("127.0.0.1:9000"), "127.0.0.1:9000");
        assert_eq!(reachable("10.1.2.3:8080"), "10.1.2.3:8080");
        assert_eq!(reachable("localhost:8080"), "localhost:8080");
    }

    #[test]
    fn the_url_comes_from_the_settings_unless_given() {
        let mut settings = Settings::default();
        settings.server.addr = "0.0.0.0:8080".into();
        assert_eq!(target(&settings, None), "http://127.0.0.1:8080/healthz");
        assert_eq!(
            target(&settings, Some("http://127.0.0.1:9/readyz")),
            "http://127.0.0.1:9/readyz"
        );
    }
}
