//! The server-rendered web UI.

use domain::Services;
use poem::Route;

#[derive(Clone, Copy, Debug)]
pub struct WebConfig {
    pub secure_cookies: bool,
}

pub fn routes(_svc: Services, _config: WebConfig) -> Route {
    Route::new()
}
