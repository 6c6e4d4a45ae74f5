//! Calendars to subscribe to and to download: one meeting as an `.ics` file, a network's public
//! feed, and each member's personal feed behind a secret URL.
//!
//! The personal feed is read by calendar clients, which send no cookie, so the URL itself is
//! the credential: `{public_url}/calendar/{secret}.ics`, 256 bits of randomness of which only
//! the SHA-256 is stored (`calendar_feeds`, one per user). The URL can therefore be shown only
//! when it is made; a member who has lost it resets it, which also stops the old one.
//!
//! What the personal feed holds: in every network where the user is an active member, the
//! meetings they may see there (as on the network's meeting list, `access::visible`) that are
//! not drafts, plus the drafts they organise by name (creator, contact person, moderator). That
//! covers the meetings they are registered or waitlisted for, since registering needs the
//! meeting to be visible and published, and the meetings they organise. Cancelled meetings stay
//! in, marked cancelled, so that clients remove them. From 30 days back to a year ahead, at
//! most 1000, written in the zone of the user's first network.

use chrono::{DateTime, Duration, Utc};
use sea_orm::sea_query::{Condition, OnConflict};
use sea_orm::{ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};

use super::access::{find_visible, visible};
use super::notices::calendar_event;
use super::{MeetingStatus, MeetingVisibility};
use crate::Services;
use crate::calendar::{self, Calendar, Method};
use crate::entities::{calendar_feed, meeting, membership, network, user};
use crate::error::{Error, Result};
use crate::identity::CurrentUser;
use crate::identity::secret::{hash_secret, new_secret};
use crate::ids::{MeetingId, SessionId, UserId};
use crate::people::MembershipStatus;
use crate::tenancy::{Network, TenantScope, scope_for_user};

/// How far back feeds reach.
pub const FEED_PAST_DAYS: i64 = 30;
/// How far ahead the personal feed reaches.
pub const USER_FEED_FUTURE_DAYS: i64 = 365;
/// At most this many meetings in a network's public feed.
pub const NETWORK_FEED_MAX: u64 = 500;
/// At most this many meetings in a personal feed.
pub const USER_FEED_MAX: usize = 1000;

/// The name calendars show for a feed that is not one network's.
const PRODUCT_NAME: &str = "Samvirke";

/// One meeting as an iCalendar file (PUBLISH), for whoever may see it.
pub async fn meeting_ics(
    svc: &Services,
    scope: &TenantScope,
    meeting_id: MeetingId,
) -> Result<String> {
    let model = find_visible(svc.db.conn(), scope, meeting_id).await?;
    let network = scope.network();
    let calendar = Calendar {
        name: model.title.clone(),
        time_zone: network.time_zone,
        method: Method::Publish,
        events: vec![calendar_event(svc, network, &model)],
    };
    Ok(calendar::render(&calendar, svc.now()))
}

/// The network's public feed: its public meetings (not drafts) from 30 days ago on, at most
/// 500, the same for everyone who asks, members included.
pub async fn network_feed(svc: &Services, scope: &TenantScope) -> Result<String> {
    let since = svc.now() - Duration::days(FEED_PAST_DAYS);
    let rows = scope
        .find::<meeting::Entity>()
        .filter(meeting::Column::Visibility.eq(MeetingVisibility::Public))
        .filter(meeting::Column::Status.ne(MeetingStatus::Draft))
        .filter(meeting::Column::StartsAt.gte(since))
        .order_by_asc(meeting::Column::StartsAt)
        .order_by_asc(meeting::Column::Id)
        .limit(NETWORK_FEED_MAX)
        .all(svc.db.conn())
        .await?;
    let network = scope.network();
    let calendar = Calendar {
        name: network.name.clone(),
        time_zone: network.time_zone,
        method: Method::Publish,
        events: rows
            .iter()
            .map(|m| calendar_event(svc, network, m))
            .collect(),
    };
    Ok(calendar::render(&calendar, svc.now()))
}

fn url_for(svc: &Services, secret: &str) -> String {
    format!(
        "{}/calendar/{secret}.ics",
        svc.config.public_url.trim_end_matches('/')
    )
}

/// Is there a feed URL for this user, and since when?
pub async fn feed_created_at(svc: &Services, user_id: UserId) -> Result<Option<DateTime<Utc>>> {
    Ok(calendar_feed::Entity::find_by_id(user_id)
        .one(svc.db.conn())
        .await?
        .map(|feed| feed.created_at))
}

/// Makes the user's secret feed URL, or a new one; an old one stops working at once. The URL
/// is shown only here: only its hash is kept.
pub async fn reset_feed(svc: &Services, user_id: UserId) -> Result<String> {
    let secret = new_secret()?;
    calendar_feed::Entity::insert(calendar_feed::ActiveModel {
        user_id: Set(user_id),
        token_hash: Set(hash_secret(&secret)),
        created_at: Set(svc.now()),
    })
    .on_conflict(
        OnConflict::column(calendar_feed::Column::UserId)
            .update_columns([
                calendar_feed::Column::TokenHash,
                calendar_feed::Column::CreatedAt,
            ])
            .to_owned(),
    )
    .exec_without_returning(svc.db.conn())
    .await?;
    Ok(url_for(svc, &secret))
}

/// The personal feed behind a secret (the last segment of the URL, with or without `.ics`); an
/// unknown or reset secret is `InvalidToken`. See the module documentation for what it holds.
pub async fn user_feed(svc: &Services, token: &str) -> Result<String> {
    let token = token.strip_suffix(".ics").unwrap_or(token);
    if token.is_empty() || token.len() > 128 {
        return Err(Error::InvalidToken);
    }
    let conn = svc.db.conn();
    let feed = calendar_feed::Entity::find()
        .filter(calendar_feed::Column::TokenHash.eq(hash_secret(token)))
        .one(conn)
        .await?
        .ok_or(Error::InvalidToken)?;
    let user = user::Entity::find_by_id(feed.user_id)
        .one(conn)
        .await?
        .ok_or(Error::InvalidToken)?;
    let networks: Vec<network::Model> = membership::Entity::find()
        .filter(membership::Column::UserId.eq(user.id))
        .filter(membership::Column::Status.eq(MembershipStatus::Active))
        .order_by_asc(membership::Column::CreatedAt)
        .order_by_asc(membership::Column::Id)
        .find_also_related(network::Entity)
        .all(conn)
        .await?
        .into_iter()
        .filter_map(|(_, network)| network)
        .collect();
    // A feed is read without a session; building the scope needs only who the user is.
    let current = CurrentUser {
        id: user.id,
        session_id: SessionId::new(),
        email: user.email.clone(),
        display_name: user.display_name.clone(),
        preferred_language: user.preferred_language,
    };
    let now = svc.now();
    let (from, to) = (
        now - Duration::days(FEED_PAST_DAYS),
        now + Duration::days(USER_FEED_FUTURE_DAYS),
    );
    let named_organiser = Condition::any()
        .add(meeting::Column::CreatedBy.eq(user.id))
        .add(meeting::Column::ContactUserId.eq(user.id))
        .add(meeting::Column::ModeratorUserId.eq(user.id));
    let mut found: Vec<(Network, meeting::Model)> = Vec::new();
    let mut zone_of_first = None;
    for network in &networks {
        let scope = scope_for_user(svc, Some(&current), &network.slug).await?;
        zone_of_first.get_or_insert(scope.network().time_zone);
        let rows = visible(&scope)
            .filter(
                Condition::any()
                    .add(meeting::Column::Status.ne(MeetingStatus::Draft))
                    .add(named_organiser.clone()),
            )
            .filter(meeting::Column::StartsAt.gte(from))
            .filter(meeting::Column::StartsAt.lte(to))
            .order_by_asc(meeting::Column::StartsAt)
            .order_by_asc(meeting::Column::Id)
            .limit(USER_FEED_MAX as u64)
            .all(conn)
            .await?;
        found.extend(rows.into_iter().map(|m| (scope.network().clone(), m)));
    }
    found.sort_by_key(|(_, a)| (a.starts_at, a.id));
    found.truncate(USER_FEED_MAX);
    let calendar = Calendar {
        name: match networks.as_slice() {
            [only] => only.name.clone(),
            _ => PRODUCT_NAME.to_owned(),
        },
        time_zone: zone_of_first.unwrap_or(chrono_tz::UTC),
        method: Method::Publish,
        events: found
            .iter()
            .map(|(network, m)| calendar_event(svc, network, m))
            .collect(),
    };
    Ok(calendar::render(&calendar, now))
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    use super::*;
    use crate::meetings::{self, NewRegistration};
    use crate::policy::Role;
    use crate::testing::{TestEnv, new_meeting};

    fn at(d: u32, h: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 12, d, h, 0, 0).unwrap()
    }

    fn valid(ics: &str) {
        if let Err(problems) = calendar::check(ics) {
            panic!("{problems:#?}\n{ics}");
        }
    }

    /// The SUMMARY lines of a calendar, unfolded.
    fn summaries(ics: &str) -> Vec<String> {
        ics.replace("\r\n ", "")
            .lines()
            .filter_map(|l| l.strip_prefix("SUMMARY:"))
            .map(str::to_owned)
            .collect()
    }

    #[tokio::test]
    async fn the_public_feed_holds_public_meetings_only() {
        let env = TestEnv::new().await;
        let system = env.network("kbh", "Europe/Copenhagen").await;
        let (_, coordinator) = env
            .member(&system, "Karin Koordinator", None, Role::Coordinator)
            .await;
        let mut public = new_meeting("Åbent webinar om trivsel", at(3, 12), 1);
        public.visibility = MeetingVisibility::Public;
        meetings::create(&env.svc, &coordinator, public.clone())
            .await
            .unwrap();
        let mut draft = public.clone();
        draft.title = "Kladde".into();
        draft.publish = false;
        meetings::create(&env.svc, &coordinator, draft)
            .await
            .unwrap();
        let mut cancelled = public.clone();
        cancelled.title = "Aflyst informationsmøde".into();
        let cancelled = meetings::create(&env.svc, &coordinator, cancelled)
            .await
            .unwrap();
        meetings::set_status(
            &env.svc,
            &coordinator,
            cancelled.id,
            MeetingStatus::Cancelled,
        )
        .await
        .unwrap();
        let mut old = public.clone();
        old.title = "Gammelt".into();
        old.starts_at = env.svc.now() - Duration::days(40);
        old.ends_at = old.starts_at + Duration::hours(1);
        meetings::create(&env.svc, &coordinator, old).await.unwrap();
        let network_only = meetings::create(
            &env.svc,
            &coordinator,
            new_meeting("Kun for netværket", at(4, 12), 1),
        )
        .await
        .unwrap();

        let visitor = env.visitor(system.network()).await;
        for scope in [&visitor, &coordinator] {
            let ics = network_feed(&env.svc, scope).await.unwrap();
            valid(&ics);
            assert_eq!(
                summaries(&ics),
                vec!["Åbent webinar om trivsel", "Aflyst informationsmøde"],
                "{ics}"
            );
            assert!(ics.contains("X-WR-CALNAME:Netværk kbh"));
            assert!(ics.contains("STATUS:CANCELLED"));
            assert!(ics.contains("https://samvirke.test/n/kbh/meetings/"));
            assert!(ics.contains("TZID:Europe/Copenhagen"));
        }

        // A month after they took place, they have left the feed; an empty feed is still valid.
        env.clock.advance(Duration::days(70));
        let ics = network_feed(&env.svc, &visitor).await.unwrap();
        valid(&ics);
        assert!(summaries(&ics).is_empty());

        // One meeting's file: for those who may see it.
        let ics = meeting_ics(&env.svc, &coordinator, network_only.id)
            .await
            .unwrap();
        valid(&ics);
        assert!(ics.contains("METHOD:PUBLISH"));
        assert_eq!(summaries(&ics), vec!["Kun for netværket"]);
        let err = meeting_ics(&env.svc, &visitor, network_only.id)
            .await
            .unwrap_err();
        assert!(matches!(err, Error::NotFound));
    }

    #[tokio::test]
    async fn the_personal_feed_follows_its_secret() {
        let env = TestEnv::new().await;
        let kbh = env.network("kbh", "Europe/Copenhagen").await;
        let oslo = env.network("oslo", "Europe/Oslo").await;
        let (_, coordinator) = env
            .member(&kbh, "Karin Koordinator", None, Role::Coordinator)
            .await;
        let (_, oslo_coordinator) = env
            .member(&oslo, "Kari Koordinator", None, Role::Coordinator)
            .await;
        let (user, member) = env.member(&kbh, "Pia Praktiker", None, Role::Member).await;
        env.join(&oslo, user.id, None, Role::Member).await;

        let registered = meetings::create(
            &env.svc,
            &coordinator,
            new_meeting("Samarbejdsdag", at(3, 8), 6),
        )
        .await
        .unwrap();
        meetings::register(&env.svc, &member, registered.id, NewRegistration::default())
            .await
            .unwrap();
        let mut invited = new_meeting("Kun for inviterede", at(5, 8), 1);
        invited.visibility = MeetingVisibility::Invited;
        meetings::create(&env.svc, &coordinator, invited)
            .await
            .unwrap();
        let mut draft = new_meeting("Kladde", at(6, 8), 1);
        draft.publish = false;
        meetings::create(&env.svc, &coordinator, draft)
            .await
            .unwrap();
        meetings::create(
            &env.svc,
            &oslo_coordinator,
            new_meeting("Møte i Oslo", at(4, 8), 1),
        )
        .await
        .unwrap();
        let mut far = new_meeting("Om to år", at(4, 8) + Duration::days(730), 1);
        far.registration.enabled = false;
        meetings::create(&env.svc, &coordinator, far).await.unwrap();

        assert!(feed_created_at(&env.svc, user.id).await.unwrap().is_none());
        let url = reset_feed(&env.svc, user.id).await.unwrap();
        assert!(url.starts_with("https://samvirke.test/calendar/") && url.ends_with(".ics"));
        assert!(feed_created_at(&env.svc, user.id).await.unwrap().is_some());
        let token = url.rsplit('/').next().unwrap();

        let ics = user_feed(&env.svc, token).await.unwrap();
        valid(&ics);
        assert_eq!(
            summaries(&ics),
            vec!["Samarbejdsdag", "Møte i Oslo"],
            "{ics}"
        );
        // Written in the zone of the first network, linking to each meeting's own network.
        assert!(ics.contains("X-WR-TIMEZONE:Europe/Copenhagen"));
        assert!(ics.contains("X-WR-CALNAME:Samvirke"));
        assert!(
            ics.replace("\r\n ", "")
                .contains("https://samvirke.test/n/oslo/meetings/")
        );
        let without_suffix = token.trim_end_matches(".ics");
        assert_eq!(user_feed(&env.svc, without_suffix).await.unwrap(), ics);

        let new_url = reset_feed(&env.svc, user.id).await.unwrap();
        assert_ne!(new_url, url);
        let err = user_feed(&env.svc, token).await.unwrap_err();
        assert!(matches!(err, Error::InvalidToken), "{err:?}");
        let new_token = new_url.rsplit('/').next().unwrap();
        valid(&user_feed(&env.svc, new_token).await.unwrap());
        for junk in ["", ".ics", "nope.ics"] {
            assert!(matches!(
                user_feed(&env.svc, junk).await.unwrap_err(),
                Error::InvalidToken
            ));
        }

        // The coordinator's feed holds the drafts they organise.
        let coordinator_id = coordinator.user_id().unwrap();
        let url = reset_feed(&env.svc, coordinator_id).await.unwrap();
        let ics = user_feed(&env.svc, url.rsplit('/').next().unwrap())
            .await
            .unwrap();
        valid(&ics);
        assert_eq!(
            summaries(&ics),
            vec!["Samarbejdsdag", "Kun for inviterede", "Kladde"]
        );
        assert!(ics.contains("X-WR-CALNAME:Netværk kbh"));
        assert!(ics.contains("STATUS:TENTATIVE"));
    }
}
