//! The server-rendered web UI: HTML pages in Danish, Norwegian bokmål and English that work
//! without JavaScript, with sessions in a cookie and a CSRF check on every form.
//!
//! Neighbours: handlers call the use cases of `domain` and nothing else (no database, no
//! adapters); the root binary mounts [`routes`] at the site root beside the JSON API (`api`)
//! and the operator endpoints, and chooses the adapters behind [`domain::Services`]. Templates
//! (askama), translations (fluent) and the static CSS/JS are compiled into the binary, so a
//! release is one file.
//!
//! Every route is registered once, through [`Builder`]: it wraps each page in the request
//! pipeline ([`pipeline`]: session, language, network scope, CSRF, error pages) and records
//! the route, so that [`route_table`] always lists exactly what [`routes`] mounts.

mod assets;
mod context;
mod csrf;
mod errors;
mod forms;
mod i18n;
mod pipeline;
mod refusal;
mod render;
mod session;

mod consultations;
mod forum;
mod identity;
mod material;
mod meetings;
mod notifications;
mod people;
mod search;
mod showcases;
mod tenancy;

use std::sync::Arc;

pub use refusal::{Refusal, page as refusal_page};

use domain::Services;
use poem::endpoint::BoxEndpoint;
use poem::http::Method;
use poem::{Endpoint, EndpointExt, Response, Route, RouteMethod};

#[derive(Clone, Copy, Debug)]
pub struct WebConfig {
    /// Mark cookies `Secure` and give the session and CSRF cookies `__Host-` names (the site is
    /// served over HTTPS).
    pub secure_cookies: bool,
}

impl WebConfig {
    pub(crate) fn session_cookie(&self) -> &'static str {
        domain::identity::session_cookie(self.secure_cookies)
    }

    pub(crate) fn csrf_cookie(&self) -> &'static str {
        if self.secure_cookies {
            csrf::SECURE_COOKIE
        } else {
            csrf::COOKIE
        }
    }
}

/// One mounted route: its method and its path in poem syntax (`/n/:slug/projects/:id`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RouteInfo {
    pub method: &'static str,
    pub path: &'static str,
}

/// What every request of the web UI shares.
pub(crate) struct WebState {
    pub svc: Services,
    pub config: WebConfig,
}

/// The web UI's routes, at the site root.
pub fn routes(svc: Services, config: WebConfig) -> Route {
    build(Some(Arc::new(WebState { svc, config }))).0
}

/// Every route that [`routes`] mounts, in registration order.
pub fn route_table() -> Vec<RouteInfo> {
    build(None).1
}

fn build(state: Option<Arc<WebState>>) -> (Route, Vec<RouteInfo>) {
    let mut b = Builder::new(state);
    b.asset("/static/:file", assets::serve);

    b.page("/", identity::home);
    b.page("/signin", identity::signin::form);
    b.form("/signin", identity::signin::submit);
    b.form("/signout", identity::signin::sign_out);
    b.page("/invitations/:token", identity::invitations::form);
    b.form("/invitations/:token", identity::invitations::accept);
    b.form("/language", identity::language::switch);

    b.page("/networks", tenancy::my_networks);
    b.page("/n/:slug", tenancy::network_home);

    b.page("/n/:slug/members", people::members::list);
    b.form("/n/:slug/members/:id", people::members::update);
    b.form("/n/:slug/invitations", people::members::invite);
    b.form(
        "/n/:slug/invitations/:id/resend",
        people::members::resend_invitation,
    );
    b.form(
        "/n/:slug/invitations/:id/revoke",
        people::members::revoke_invitation,
    );
    b.page("/n/:slug/organisations", people::organisations::list);
    b.form("/n/:slug/organisations", people::organisations::create);
    b.page("/n/:slug/groups", people::groups::list);
    b.form("/n/:slug/groups", people::groups::create);
    b.page("/n/:slug/groups/:id", people::groups::show);
    b.form("/n/:slug/groups/:id/join", people::groups::join);
    b.form("/n/:slug/groups/:id/leave", people::groups::leave);
    b.form("/n/:slug/groups/:id/members", people::groups::add_member);
    b.form(
        "/n/:slug/groups/:id/members/:membership_id/remove",
        people::groups::remove_member,
    );

    showcases::register(&mut b);

    search::register(&mut b);
    meetings::register(&mut b);
    consultations::routes(&mut b);
    forum::register(&mut b);
    material::register(&mut b);
    notifications::register(&mut b);

    // Anything else (poem prefers every other route, and the API's nest, to this one).
    b.page("/*path", errors::not_found);
    b.finish()
}

/// How a route's requests are handled.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// An HTML page (GET): session, language, scope, error pages.
    Page,
    /// A form submission (POST): as a page, plus the form body and its CSRF check.
    Form,
    /// A compiled-in file: no session, no database.
    Asset,
    /// A multipart upload (POST): as a page, the body streamed by the handler, the CSRF token in
    /// the query.
    Upload,
    /// A POST other programs send without our CSRF token (RFC 8058 one-click unsubscribe, which
    /// mail clients post): as a page, no form read, no CSRF check.
    OneClick,
}

/// Registers routes and remembers them. Built without state it only records, which is how
/// [`route_table`] lists the routes without a database.
struct Builder {
    state: Option<Arc<WebState>>,
    entries: Vec<(RouteInfo, Option<BoxEndpoint<'static, Response>>)>,
}

impl Builder {
    fn new(state: Option<Arc<WebState>>) -> Self {
        Self {
            state,
            entries: Vec::new(),
        }
    }

    fn page<E: Endpoint + 'static>(&mut self, path: &'static str, ep: E) {
        self.add(path, Kind::Page, ep);
    }

    fn form<E: Endpoint + 'static>(&mut self, path: &'static str, ep: E) {
        self.add(path, Kind::Form, ep);
    }

    fn asset<E: Endpoint + 'static>(&mut self, path: &'static str, ep: E) {
        self.add(path, Kind::Asset, ep);
    }

    fn upload<E: Endpoint + 'static>(&mut self, path: &'static str, ep: E) {
        self.add(path, Kind::Upload, ep);
    }

    fn one_click<E: Endpoint + 'static>(&mut self, path: &'static str, ep: E) {
        self.add(path, Kind::OneClick, ep);
    }

    fn add<E: Endpoint + 'static>(&mut self, path: &'static str, kind: Kind, ep: E) {
        let method = if matches!(kind, Kind::Form | Kind::Upload | Kind::OneClick) {
            "POST"
        } else {
            "GET"
        };
        let endpoint = self.state.as_ref().map(|state| match kind {
            Kind::Asset => ep.map_to_response().boxed(),
            Kind::Page | Kind::Form | Kind::OneClick => {
                pipeline::WebEndpoint::new(ep, state.clone(), kind == Kind::Form, path).boxed()
            }
            Kind::Upload => pipeline::WebEndpoint::new(ep, state.clone(), false, path)
                .upload()
                .boxed(),
        });
        self.entries.push((RouteInfo { method, path }, endpoint));
    }

    fn finish(self) -> (Route, Vec<RouteInfo>) {
        let table: Vec<RouteInfo> = self.entries.iter().map(|(info, _)| *info).collect();
        let mut paths: Vec<&'static str> = Vec::new();
        for (info, _) in &self.entries {
            if !paths.contains(&info.path) {
                paths.push(info.path);
            }
        }
        let mut methods: Vec<(&'static str, RouteMethod)> =
            paths.iter().map(|p| (*p, RouteMethod::new())).collect();
        let mut mounted = false;
        for (info, endpoint) in self.entries {
            let Some(endpoint) = endpoint else { continue };
            mounted = true;
            if let Some((_, route_method)) = methods.iter_mut().find(|(p, _)| *p == info.path) {
                let method = if info.method == "POST" {
                    Method::POST
                } else {
                    Method::GET
                };
                *route_method = std::mem::take(route_method).method(method, endpoint);
            }
        }
        let mut route = Route::new();
        if mounted {
            for (path, route_method) in methods {
                route = route.at(path, route_method);
            }
        }
        (route, table)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn route_table_lists_the_pages() {
        let table = route_table();
        let has = |method: &str, path: &str| {
            table
                .iter()
                .any(|route| route.method == method && route.path == path)
        };
        for (method, path) in [
            ("GET", "/"),
            ("GET", "/signin"),
            ("POST", "/signin"),
            ("POST", "/signout"),
            ("GET", "/invitations/:token"),
            ("POST", "/invitations/:token"),
            ("POST", "/language"),
            ("GET", "/networks"),
            ("GET", "/n/:slug"),
            ("GET", "/n/:slug/members"),
            ("POST", "/n/:slug/members/:id"),
            ("POST", "/n/:slug/invitations"),
            ("POST", "/n/:slug/invitations/:id/resend"),
            ("POST", "/n/:slug/invitations/:id/revoke"),
            ("GET", "/n/:slug/organisations"),
            ("POST", "/n/:slug/organisations"),
            ("GET", "/n/:slug/groups"),
            ("POST", "/n/:slug/groups"),
            ("GET", "/n/:slug/groups/:id"),
            ("POST", "/n/:slug/groups/:id/join"),
            ("POST", "/n/:slug/groups/:id/leave"),
            ("POST", "/n/:slug/groups/:id/members"),
            ("POST", "/n/:slug/groups/:id/members/:membership_id/remove"),
            ("GET", "/n/:slug/projects"),
            ("POST", "/n/:slug/projects"),
            ("GET", "/n/:slug/projects/new"),
            ("GET", "/n/:slug/projects/:id"),
            ("POST", "/n/:slug/projects/:id"),
            ("GET", "/n/:slug/projects/:id/edit"),
            ("GET", "/n/:slug/search"),
            ("GET", "/n/:slug/meetings"),
            ("POST", "/n/:slug/meetings"),
            ("GET", "/n/:slug/meetings/new"),
            ("GET", "/n/:slug/meetings/calendar"),
            ("GET", "/n/:slug/meetings/series/new"),
            ("POST", "/n/:slug/meetings/series"),
            ("GET", "/n/:slug/meetings/series/:series_id"),
            ("GET", "/n/:slug/meetings/:id"),
            ("POST", "/n/:slug/meetings/:id"),
            ("POST", "/n/:slug/meetings/:id/register"),
            ("POST", "/n/:slug/meetings/:id/guest"),
            ("GET", "/n/:slug/meetings/:id/check-mail"),
            ("POST", "/n/:slug/meetings/:id/cancel"),
            ("GET", "/n/:slug/meetings/:id/manage"),
            ("POST", "/n/:slug/meetings/:id/status"),
            ("POST", "/n/:slug/meetings/:id/agenda"),
            ("POST", "/n/:slug/meetings/:id/agenda/:item_id/remove"),
            ("POST", "/n/:slug/meetings/:id/questions"),
            (
                "POST",
                "/n/:slug/meetings/:id/questions/:question_id/remove",
            ),
            (
                "POST",
                "/n/:slug/meetings/:id/registrations/:registration_id/approve",
            ),
            (
                "POST",
                "/n/:slug/meetings/:id/registrations/:registration_id/reject",
            ),
            (
                "POST",
                "/n/:slug/meetings/:id/registrations/:registration_id/cancel",
            ),
            ("POST", "/n/:slug/meetings/:id/attendance"),
            ("POST", "/n/:slug/meetings/:id/minutes"),
            ("POST", "/n/:slug/meetings/:id/actions"),
            ("POST", "/n/:slug/meetings/:id/actions/:action_id"),
            ("POST", "/n/:slug/meetings/:id/breakouts"),
            ("POST", "/n/:slug/meetings/:id/breakouts/assign"),
            ("POST", "/n/:slug/meetings/:id/breakouts/auto"),
            ("POST", "/n/:slug/meetings/:id/breakouts/:group_id/remove"),
            ("GET", "/n/:slug/meetings/:id/registrations.csv"),
            ("GET", "/n/:slug/meetings/:id/calendar.ics"),
            ("GET", "/n/:slug/my-meetings"),
            ("POST", "/n/:slug/my-meetings/calendar-feed"),
            ("GET", "/n/:slug/calendar.ics"),
            ("GET", "/calendar/:token"),
            ("GET", "/registrations/confirm/:token"),
            ("POST", "/registrations/confirm/:token"),
            ("GET", "/static/:file"),
            ("GET", "/*path"),
        ] {
            assert!(has(method, path), "{method} {path} missing");
        }
    }

    #[test]
    fn route_table_has_no_duplicates() {
        let table = route_table();
        for (i, a) in table.iter().enumerate() {
            assert!(
                !table[i + 1..].contains(a),
                "{} {} registered twice",
                a.method,
                a.path
            );
        }
    }
}
