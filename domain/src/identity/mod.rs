//! People's global identity: users, passwords, sessions and signing in. A user is one person
//! across every network; what they may do in a network comes from their membership there.

use std::net::IpAddr;

/// The name of the session cookie, shared by the web UI and the API, on plain http.
pub const SESSION_COOKIE: &str = "samvirke_session";

/// Its name under https: the `__Host-` prefix makes the browser refuse it unless it is
/// `Secure`, for `Path=/` and without `Domain`, so a neighbouring subdomain (or a plain-http
/// answer) can neither set nor overwrite it.
pub const SECURE_SESSION_COOKIE: &str = "__Host-samvirke_session";

/// The session cookie's name: [`SECURE_SESSION_COOKIE`] when the site is served over https.
pub fn session_cookie(https: bool) -> &'static str {
    if https {
        SECURE_SESSION_COOKIE
    } else {
        SESSION_COOKIE
    }
}

/// The client's address as the composed application works it out (the TCP peer, or behind
/// trusted proxies the right-most untrusted `X-Forwarded-For` entry): the key of per-address
/// rate limits. Made by the root binary's middleware for every request.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ClientAddress(Option<IpAddr>);

impl ClientAddress {
    pub fn new(address: Option<IpAddr>) -> Self {
        Self(address)
    }

    pub fn ip(&self) -> Option<IpAddr> {
        self.0
    }

    /// The address as a limiter key (`unknown` when the connection had none, e.g. a Unix
    /// socket: all such clients then share one count).
    pub fn key(&self) -> String {
        self.0
            .map(|ip| ip.to_string())
            .unwrap_or_else(|| "unknown".into())
    }
}

mod password;
pub(crate) mod secret;
mod sessions;
mod users;

pub use password::{hash_password, verify_password};
pub(crate) use sessions::start_session;
pub use sessions::{CurrentUser, SignedIn, authenticate, sign_in, sign_in_replacing, sign_out};
pub use users::{
    MyNetwork, NewUser, User, create_user, find_user_by_email, my_networks, set_preferred_language,
};
pub(crate) use users::{insert_user, prepare_user};
