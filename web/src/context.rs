//! The request context: who is asking, in which language, in which network, and what they sent.
//! Built once per request by the pipeline; handlers and templates read it.

use std::str::FromStr;
use std::sync::Arc;

use chrono::{DateTime, Utc};
use domain::Services;
use domain::identity::CurrentUser;
use domain::policy::Action;
use domain::tenancy::{Network, TenantScope};
use fluent_bundle::FluentValue;
use poem::{FromRequest, Request, RequestBody};

use crate::errors::WebError;
use crate::forms::Params;
use crate::i18n::{self, Lang};
use crate::{WebConfig, WebState};

pub(crate) struct Ctx {
    pub state: Arc<WebState>,
    pub user: Option<CurrentUser>,
    pub lang: Lang,
    /// The CSRF token every form on the page carries.
    pub csrf: String,
    /// This request's path and query.
    pub here: String,
    /// A local URL to return to after the language switch or sign-in: this page for a GET, the
    /// page the form was on for a POST.
    pub back: String,
    pub params: Vec<(&'static str, String)>,
    pub query: Params,
    pub form: Params,
    /// The network of a `/n/:slug/…` page, as seen by this user.
    pub scope: Option<TenantScope>,
    /// The client's IP address, for the sign-in rate limit.
    pub client_ip: String,
    /// Unread notifications in this network, for the header (members' GET pages only).
    pub unread: Option<u64>,
}

impl<'a> FromRequest<'a> for &'a Ctx {
    async fn from_request(req: &'a Request, _body: &mut RequestBody) -> poem::Result<Self> {
        req.data::<Arc<Ctx>>()
            .map(|ctx| &**ctx)
            .ok_or_else(|| WebError::internal("the request context is missing").into())
    }
}

impl Ctx {
    pub fn svc(&self) -> &Services {
        &self.state.svc
    }

    pub fn config(&self) -> WebConfig {
        self.state.config
    }

    pub fn lang_code(&self) -> &'static str {
        self.lang.code()
    }

    /// The text `id` in the page's language.
    pub fn t(&self, id: &str) -> String {
        i18n::translate(self.lang, id, None)
    }

    /// The text `id` with one argument.
    pub fn t1<'v>(&self, id: &str, name: &'v str, value: impl Into<FluentValue<'v>>) -> String {
        i18n::translate(self.lang, id, Some(&i18n::args(&[(name, value.into())])))
    }

    /// The text `id` with two arguments.
    pub fn t2(
        &self,
        id: &str,
        first: &str,
        first_value: &str,
        second: &str,
        second_value: &str,
    ) -> String {
        let args = i18n::args(&[
            (first, FluentValue::from(first_value)),
            (second, FluentValue::from(second_value)),
        ]);
        i18n::translate(self.lang, id, Some(&args))
    }

    /// The text of a domain value: `label("role", "coordinator")` is `role-coordinator`.
    pub fn label(&self, kind: &str, value: &str) -> String {
        self.t(&format!("{kind}-{value}"))
    }

    /// A path parameter of the route ("" when the route has none by that name).
    pub fn param(&self, name: &str) -> &str {
        self.params
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| v.as_str())
            .unwrap_or_default()
    }

    /// An id from the path. Something that is not an id cannot name anything: 404.
    pub fn id<T: FromStr>(&self, name: &str) -> Result<T, WebError> {
        self.param(name)
            .parse()
            .map_err(|_| WebError::Domain(domain::Error::NotFound))
    }

    pub fn scope(&self) -> Result<&TenantScope, WebError> {
        self.scope
            .as_ref()
            .ok_or_else(|| WebError::internal("a network page without a network scope"))
    }

    pub fn network(&self) -> Option<&Network> {
        self.scope.as_ref().map(TenantScope::network)
    }

    /// The network's URL with `rest` appended (`rest` starts with `/` or is empty).
    pub fn network_path(&self, rest: &str) -> String {
        match self.network() {
            Some(network) => format!("/n/{}{rest}", network.slug),
            None => "/".to_owned(),
        }
    }

    /// Is the user an active member of this page's network?
    pub fn is_member(&self) -> bool {
        self.scope.as_ref().is_some_and(|s| s.member().is_some())
    }

    pub fn can(&self, action: Action) -> bool {
        self.scope.as_ref().is_some_and(|s| s.can(action))
    }

    pub fn can_create_projects(&self) -> bool {
        self.can(Action::EditOwnProject)
    }

    pub fn signed_in(&self) -> bool {
        self.user.is_some()
    }

    /// The sign-in page, coming back here afterwards.
    pub fn signin_link(&self) -> String {
        if self.back.starts_with("/signin") {
            return "/signin".to_owned();
        }
        format!("/signin?next={}", crate::render::encode(&self.back))
    }

    /// Is this the sign-in page itself?
    pub fn on_signin_page(&self) -> bool {
        self.here.starts_with("/signin")
    }

    /// The language the network's content is written in (`lang` of members' texts, which may
    /// differ from the interface's).
    pub fn content_lang(&self) -> &'static str {
        self.network()
            .map(|n| n.default_language.as_str())
            .unwrap_or(self.lang.code())
    }

    /// Does the header navigation have anything to show?
    pub fn has_nav(&self) -> bool {
        self.signed_in() || self.network().is_some()
    }

    /// The header's unread count (the link shows only where `unread` is known: members' pages).
    pub fn unread_count(&self) -> u64 {
        self.unread.unwrap_or(0)
    }

    pub fn user_name(&self) -> &str {
        self.user
            .as_ref()
            .map(|u| u.display_name.as_str())
            .unwrap_or_default()
    }

    /// The URL of a compiled-in file, with its content hash.
    pub fn asset(&self, name: &str) -> String {
        crate::assets::url(name)
    }

    /// `aria-current` for a navigation link: `page` on the page itself, `true` inside its
    /// section, "" elsewhere.
    pub fn current(&self, link: &str) -> &'static str {
        let path = self.here.split('?').next().unwrap_or_default();
        if path == link {
            "page"
        } else if link.matches('/').count() > 2 && path.starts_with(&format!("{link}/")) {
            "true"
        } else {
            ""
        }
    }

    /// A moment as the network's people read it: in its time zone.
    pub fn datetime(&self, at: &DateTime<Utc>) -> String {
        match self.network() {
            Some(network) => at
                .with_timezone(&network.time_zone)
                .format("%Y-%m-%d %H:%M")
                .to_string(),
            None => at.format("%Y-%m-%d %H:%M UTC").to_string(),
        }
    }

    pub fn machine_datetime(&self, at: &DateTime<Utc>) -> String {
        at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
    }

    /// The `<title>` suffix: the network's name on its pages.
    pub fn title_suffix(&self) -> String {
        match self.network() {
            Some(network) => format!(" – {} – Samvirke", network.name),
            None => " – Samvirke".to_owned(),
        }
    }

    /// The languages to switch to, with whether each is the page's.
    pub fn languages(&self) -> Vec<(&'static str, &'static str, bool)> {
        Lang::ALL
            .into_iter()
            .map(|lang| (lang.code(), lang.endonym(), lang == self.lang))
            .collect()
    }
}
