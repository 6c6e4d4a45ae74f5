//! The JSON API under `/api/v1` (poem-openapi), its OpenAPI document and interactive docs.

use domain::Services;
use poem::Route;

#[derive(Clone, Copy, Debug)]
pub struct ApiConfig {
    pub secure_cookies: bool,
}

/// Routes to nest under `/api`.
pub fn routes(_svc: Services, _config: ApiConfig) -> Route {
    Route::new()
}
