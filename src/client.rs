//! The client's address: the one place it is worked out, by a middleware around the whole HTTP
//! surface that hands the web UI and the API a [`domain::identity::ClientAddress`].
//!
//! Without trusted proxies (`server.trusted_proxies`, empty by default) it is the TCP peer and
//! `X-Forwarded-For` is ignored: anyone can write that header. Behind trusted proxies it is the
//! right-most `X-Forwarded-For` entry that is not itself a trusted proxy: each proxy appends the
//! address it received the request from, so everything left of the nearest untrusted hop is
//! whatever the client chose to send. The header is read only when the peer itself is trusted.

use std::net::IpAddr;

use domain::identity::ClientAddress;
use ipnet::IpNet;
use poem::http::HeaderMap;
use poem::{Endpoint, Middleware, Request};

/// The CIDR ranges whose `X-Forwarded-For` is believed.
#[derive(Clone, Debug, Default)]
pub struct TrustedProxies(Vec<IpNet>);

impl TrustedProxies {
    /// Parses CIDR ranges (`10.0.0.0/8`, `fd00::/8`) or single addresses.
    pub fn parse(entries: &[String]) -> anyhow::Result<Self> {
        let mut nets = Vec::with_capacity(entries.len());
        for entry in entries {
            let entry = entry.trim();
            let net = match entry.parse::<IpNet>() {
                Ok(net) => net,
                Err(_) => match entry.parse::<IpAddr>() {
                    Ok(addr) => IpNet::from(addr),
                    Err(_) => anyhow::bail!(
                        "server.trusted_proxies: {entry:?} is neither a CIDR range nor an address"
                    ),
                },
            };
            nets.push(net.trunc());
        }
        Ok(Self(nets))
    }

    pub fn contains(&self, addr: IpAddr) -> bool {
        let addr = addr.to_canonical();
        self.0.iter().any(|net| net.contains(&addr))
    }
}

/// One `X-Forwarded-For` entry: an address, possibly with a port (`1.2.3.4:5`, `[::1]:5`).
fn parse_entry(entry: &str) -> Option<IpAddr> {
    let entry = entry.trim();
    if let Ok(addr) = entry.parse::<IpAddr>() {
        return Some(addr.to_canonical());
    }
    if let Ok(socket) = entry.parse::<std::net::SocketAddr>() {
        return Some(socket.ip().to_canonical());
    }
    entry
        .strip_prefix('[')
        .and_then(|rest| rest.strip_suffix(']'))
        .and_then(|inner| inner.parse::<IpAddr>().ok())
        .map(|addr| addr.to_canonical())
}

/// The client's address, from the TCP peer and the request's `X-Forwarded-For` headers.
pub fn client_address(
    peer: Option<IpAddr>,
    headers: &HeaderMap,
    trusted: &TrustedProxies,
) -> Option<IpAddr> {
    let peer = peer.map(|p| p.to_canonical())?;
    if !trusted.contains(peer) {
        return Some(peer);
    }
    // Every header line, every comma-separated entry, in the order the hops appended them.
    let entries: Vec<&str> = headers
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(','))
        .collect();
    let mut nearest = peer;
    for entry in entries.iter().rev() {
        // An entry that is not an address was not written by a trusted proxy: the client is
        // the hop that passed it on.
        let Some(addr) = parse_entry(entry) else {
            return Some(nearest);
        };
        if !trusted.contains(addr) {
            return Some(addr);
        }
        nearest = addr;
    }
    // Every hop was a trusted proxy: the left-most is as far as anyone can tell.
    Some(nearest)
}

/// The middleware that puts the [`ClientAddress`] into every request.
pub struct ResolveClient(pub TrustedProxies);

impl<E: Endpoint> Middleware<E> for ResolveClient {
    type Output = ResolveClientEndpoint<E>;

    fn transform(&self, inner: E) -> Self::Output {
        ResolveClientEndpoint {
            inner,
            trusted: self.0.clone(),
        }
    }
}

pub struct ResolveClientEndpoint<E> {
    inner: E,
    trusted: TrustedProxies,
}

impl<E: Endpoint> Endpoint for ResolveClientEndpoint<E> {
    type Output = E::Output;

    async fn call(&self, mut req: Request) -> poem::Result<Self::Output> {
        let peer = req.remote_addr().as_socket_addr().map(|a| a.ip());
        let address = client_address(peer, req.headers(), &self.trusted);
        req.set_data(ClientAddress::new(address));
        self.inner.call(req).await
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use poem::http::HeaderValue;

    fn ip(s: &str) -> IpAddr {
        s.parse().unwrap()
    }

    fn headers(values: &[&str]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for v in values {
            map.append("x-forwarded-for", HeaderValue::from_str(v).unwrap());
        }
        map
    }

    fn trusted(list: &[&str]) -> TrustedProxies {
        TrustedProxies::parse(&list.iter().map(|s| s.to_string()).collect::<Vec<_>>()).unwrap()
    }

    #[test]
    fn without_trusted_proxies_the_header_is_ignored() {
        let none = TrustedProxies::default();
        let h = headers(&["203.0.113.9"]);
        assert_eq!(
            client_address(Some(ip("198.51.100.1")), &h, &none),
            Some(ip("198.51.100.1"))
        );
    }

    #[test]
    fn an_untrusted_peer_cannot_choose_its_address() {
        let t = trusted(&["10.0.0.0/8"]);
        let h = headers(&["203.0.113.9"]);
        assert_eq!(
            client_address(Some(ip("198.51.100.1")), &h, &t),
            Some(ip("198.51.100.1"))
        );
    }

    #[test]
    fn the_right_most_untrusted_entry_is_the_client() {
        let t = trusted(&["10.0.0.0/8", "fd00::/8"]);
        // The client sent a forged entry; the first proxy appended the real address; a second
        // proxy appended the first's.
        let h = headers(&["1.1.1.1, 203.0.113.9", "10.0.0.5"]);
        assert_eq!(
            client_address(Some(ip("10.0.0.6")), &h, &t),
            Some(ip("203.0.113.9"))
        );
        // Ports and brackets are tolerated; IPv4-mapped IPv6 counts as IPv4.
        let h = headers(&["[2001:db8::1]:443, 10.1.1.1:80"]);
        assert_eq!(
            client_address(Some(ip("::ffff:10.0.0.6")), &h, &t),
            Some(ip("2001:db8::1"))
        );
    }

    #[test]
    fn garbage_or_an_all_trusted_chain_stops_at_the_last_trusted_hop() {
        let t = trusted(&["10.0.0.0/8"]);
        let h = headers(&["not-an-address, 10.0.0.7"]);
        assert_eq!(
            client_address(Some(ip("10.0.0.6")), &h, &t),
            Some(ip("10.0.0.7"))
        );
        let h = headers(&["10.0.0.8, 10.0.0.7"]);
        assert_eq!(
            client_address(Some(ip("10.0.0.6")), &h, &t),
            Some(ip("10.0.0.8"))
        );
        // No header at all from a trusted proxy: the proxy is the client as far as we know.
        assert_eq!(
            client_address(Some(ip("10.0.0.6")), &HeaderMap::new(), &t),
            Some(ip("10.0.0.6"))
        );
    }

    #[test]
    fn bad_ranges_are_refused_and_addresses_accepted() {
        assert!(TrustedProxies::parse(&["10.0.0.0/33".into()]).is_err());
        assert!(TrustedProxies::parse(&["proxy.example".into()]).is_err());
        let t = TrustedProxies::parse(&["192.0.2.1".into(), " 10.0.0.1/8 ".into()]).unwrap();
        assert!(t.contains(ip("192.0.2.1")));
        assert!(!t.contains(ip("192.0.2.2")));
        assert!(t.contains(ip("10.200.0.1")));
    }
}
