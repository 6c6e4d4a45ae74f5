//! The signed-in person's calendar feed URL. The `.ics` files and feeds themselves are served
//! by the web crate (calendar clients send no cookie and want no JSON); the API only hands out
//! and resets the secret URL.

use chrono::{DateTime, Utc};
use domain::Services;
use domain::meetings::feeds;
use poem::Request;
use poem::web::Data;
use poem_openapi::payload::Json;
use poem_openapi::{Object, OpenApi};

use crate::ApiTags;
use crate::auth;
use crate::problem::ApiResult;

/// My personal calendar feed: every meeting I may see in my networks.
#[derive(Debug, Object)]
#[oai(skip_serializing_if_is_none)]
pub struct CalendarFeed {
    /// The secret URL to subscribe to. Only its hash is kept, so it is shown once, when it is
    /// made; reset it to get a new one (the old one then stops working).
    pub url: Option<String>,
    /// When the current URL was made.
    pub created_at: Option<DateTime<Utc>>,
}

pub struct FeedsApi;

#[OpenApi(tag = "ApiTags::Meetings")]
impl FeedsApi {
    /// Whether I have a calendar feed, and since when. The URL itself is shown only by the call
    /// that makes it (`POST /me/calendar-feed/reset`), since only its hash is kept.
    #[oai(path = "/me/calendar-feed", method = "get")]
    async fn get(&self, svc: Data<&Services>, req: &Request) -> ApiResult<Json<CalendarFeed>> {
        let user = auth::user(&svc, req).await?;
        let created_at = feeds::feed_created_at(&svc, user.id).await?;
        Ok(Json(CalendarFeed {
            url: None,
            created_at,
        }))
    }

    /// Makes a secret URL for my calendar feed, or a new one; an old one stops working at once.
    #[oai(path = "/me/calendar-feed/reset", method = "post")]
    async fn reset(&self, svc: Data<&Services>, req: &Request) -> ApiResult<Json<CalendarFeed>> {
        let user = auth::user(&svc, req).await?;
        let url = feeds::reset_feed(&svc, user.id).await?;
        let created_at = feeds::feed_created_at(&svc, user.id).await?;
        Ok(Json(CalendarFeed {
            url: Some(url),
            created_at,
        }))
    }
}
