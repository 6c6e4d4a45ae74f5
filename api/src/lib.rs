//! The JSON API: poem-openapi operations under `/api/v1` (network resources under
//! `/api/v1/networks/{slug}/…`), the OpenAPI 3 document at `/api/v1/openapi.json` and interactive
//! docs at `/api/docs`. Knows only `domain`: each operation finds the caller's `TenantScope`,
//! calls one use case and maps its result; errors are problem JSON from one table
//! ([`problem`]).
//!
//! Authentication: an organisation's token as `Authorization: Bearer svk_…`, or the session
//! cookie of a signed-in person (`POST /api/v1/session`). Cookie-authenticated writes need a JSON
//! body or a non-simple method, and the cookie is `SameSite=Lax`, so another site cannot make a
//! browser send them.

mod audit;
mod auth;
mod consultations;
mod forum;
mod identity;
mod material;
mod meetings;
mod notifications;
mod people;
pub mod problem;
mod search;
mod showcases;
mod tenancy;
mod tokens;
mod types;

use domain::Services;
use poem::endpoint::make_sync;
use poem::http::StatusCode;
use poem::middleware::CookieJarManager;
use poem::web::Html;
use poem::{EndpointExt, IntoResponse, Response, Route};
use poem_openapi::{OpenApiService, Tags};

use crate::problem::ApiError;

#[derive(Clone, Copy, Debug)]
pub struct ApiConfig {
    pub secure_cookies: bool,
}

#[derive(Tags)]
enum ApiTags {
    /// Signing in and out; the current person and their networks.
    Identity,
    /// A network's public face and settings.
    Networks,
    /// Members, organisations, invitations and working groups.
    People,
    /// API tokens for organisations.
    Tokens,
    /// Showcase projects.
    Projects,
    /// Meetings and events: series, programme, questions, registration, breakout groups, minutes.
    Meetings,
    /// Search across what the caller may see.
    Search,
    /// The audit log.
    Audit,
}

type Apis = (
    identity::IdentityApi,
    tenancy::NetworksApi,
    people::members::MembersApi,
    people::organisations::OrganisationsApi,
    people::invitations::InvitationsApi,
    people::groups::GroupsApi,
    tokens::TokensApi,
    showcases::ShowcasesApis,
    meetings::MeetingsApis,
    consultations::ConsultationsApi,
    forum::ForumApi,
    material::MaterialApi,
    notifications::NotificationsApi,
    search::SearchApi,
    audit::AuditApi,
);

fn service(config: ApiConfig) -> OpenApiService<Apis, ()> {
    OpenApiService::new(
        (
            identity::IdentityApi { config },
            tenancy::NetworksApi,
            people::members::MembersApi,
            people::organisations::OrganisationsApi,
            people::invitations::InvitationsApi,
            people::groups::GroupsApi,
            tokens::TokensApi,
            showcases::apis(),
            meetings::apis(),
            consultations::ConsultationsApi,
            forum::ForumApi,
            material::MaterialApi,
            notifications::NotificationsApi,
            search::SearchApi,
            audit::AuditApi,
        ),
        "Samvirke API",
        env!("CARGO_PKG_VERSION"),
    )
    .description(
        "Networks, people, projects, meetings and search of Samvirke. Authenticate with an organisation's \
         token (`Authorization: Bearer svk_…`) or a session cookie from `POST /session`. Errors \
         are `application/problem+json` with a stable `code`. Lists answer `{items, next_cursor}`; \
         `limit` is at most 100.",
    )
    .server("/api/v1")
}

/// The OpenAPI document as served: poem-openapi's, plus the two ways to authenticate, which
/// the operations check themselves (most also answer signed-out visitors).
pub fn openapi_document() -> String {
    let spec = service(ApiConfig {
        secure_cookies: false,
    })
    .spec();
    with_security(&spec)
}

fn with_security(spec: &str) -> String {
    let Ok(mut doc) = serde_json::from_str::<serde_json::Value>(spec) else {
        return spec.to_owned();
    };
    let schemes = serde_json::json!({
        "bearerToken": {
            "type": "http",
            "scheme": "bearer",
            "description": "An organisation's API token (`svk_…`); acts as a partner of that organisation."
        },
        "sessionCookie": {
            "type": "apiKey",
            "in": "cookie",
            "name": domain::identity::SESSION_COOKIE,
            "description": "The session of a signed-in person (from `POST /session` or the web sign-in)."
        }
    });
    if let Some(root) = doc.as_object_mut() {
        let components = root
            .entry("components")
            .or_insert_with(|| serde_json::json!({}));
        if let Some(components) = components.as_object_mut() {
            components.insert("securitySchemes".into(), schemes);
        }
        // Either scheme, or none: what a caller without credentials may see is public.
        root.insert(
            "security".into(),
            serde_json::json!([{ "bearerToken": [] }, { "sessionCookie": [] }, {}]),
        );
    }
    serde_json::to_string_pretty(&doc).unwrap_or_else(|_| spec.to_owned())
}

/// Errors raised before an operation runs (no such route, wrong method), as problem JSON.
/// Operations' own errors are already problem responses and pass through untouched.
async fn routing_problem(error: poem::Error) -> Response {
    if error.is_from_response() {
        return error.into_response();
    }
    let problem = match error.status() {
        StatusCode::NOT_FOUND => {
            ApiError::new(StatusCode::NOT_FOUND, "not_found", "No such route.", vec![])
        }
        StatusCode::METHOD_NOT_ALLOWED => {
            // 405 as HTTP says; the request bounds in front add `Allow`. Kept with the route's
            // pattern, for the metrics.
            let mut response = problem::refusal(
                StatusCode::METHOD_NOT_ALLOWED,
                "method_not_allowed",
                "This path does not take that method.",
            );
            if let Some(pattern) = error.data::<poem::PathPattern>() {
                response.set_data(pattern.clone());
            }
            return response;
        }
        status if status.is_server_error() => {
            tracing::error!(error = %error, "internal error in the API");
            ApiError::new(
                StatusCode::INTERNAL_SERVER_ERROR,
                "internal",
                "Something went wrong on our side.",
                vec![],
            )
        }
        _ => problem::bad_request(error),
    };
    problem.into_response()
}

/// Routes to nest under `/api`.
pub fn routes(svc: Services, config: ApiConfig) -> Route {
    let service = service(config);
    let document = with_security(&service.spec());
    // poem-openapi's Swagger UI page embeds its own copy of the document; show ours instead.
    let docs = service
        .swagger_ui_html()
        .replace(&service.spec(), &document);
    let document_response = document.clone();
    Route::new()
        .nest(
            "/v1",
            service
                .data(svc)
                .data(config)
                .with(CookieJarManager::new())
                .catch_all_error(routing_problem),
        )
        .at(
            "/v1/openapi.json",
            make_sync(move |_| {
                Response::builder()
                    .content_type("application/json")
                    .body(document_response.clone())
            }),
        )
        .at("/docs", make_sync(move |_| Html(docs.clone())))
}
