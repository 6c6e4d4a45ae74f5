use std::sync::{Arc, Mutex};

use async_trait::async_trait;
use chrono::{Duration, TimeZone, Utc};
use chrono_tz::Tz;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};

use crate::policy::Role;

use super::*;
use crate::entities::job;
use crate::mail::{Mailer, OutgoingMail};
use crate::people::groups::{self, NewGroup};
use crate::testing::{TestEnv, Unused};

/// A mailer that keeps what it was given.
#[derive(Default)]
struct Recorder(Mutex<Vec<OutgoingMail>>);

#[async_trait]
impl Mailer for Recorder {
    async fn send(&self, mail: &OutgoingMail) -> anyhow::Result<()> {
        self.0.lock().unwrap().push(mail.clone());
        Ok(())
    }
}

fn with_mailer(env: &TestEnv, mailer: Arc<Recorder>) -> Services {
    Services::new(
        env.svc.db.clone(),
        Arc::new(Unused),
        Arc::new(Unused),
        mailer,
        env.clock.clone(),
        (*env.svc.config).clone(),
    )
}

fn reply(thread: ThreadId, actor: UserId) -> Event {
    Event {
        kind: EventKind::NewPost,
        subjects: vec![Subject::Thread(thread)],
        mentioned: vec![],
        actor: Some(actor),
        group_id: None,
        title: "Overgang fra dagtilbud til skole".into(),
        path: format!("threads/{thread}"),
    }
}

async fn record_now(svc: &Services, scope: &TenantScope, event: Event) {
    let txn = svc.db.begin_write().await.unwrap();
    record(&txn, svc, scope, event).await.unwrap();
    txn.commit().await.unwrap();
}

async fn jobs_of(svc: &Services, kind: &str) -> u64 {
    job::Entity::find()
        .filter(job::Column::Kind.eq(kind))
        .count(svc.db.conn())
        .await
        .unwrap()
}

#[test]
fn digests_go_out_at_seven_in_the_networks_zone() {
    let cph: Tz = "Europe/Copenhagen".parse().unwrap();
    let at = |y, mo, d, h, mi| Utc.with_ymd_and_hms(y, mo, d, h, mi, 0).unwrap();
    // Sunday 1 November 2026, 10:00 in Copenhagen (winter time, UTC+1).
    let sunday = at(2026, 11, 1, 9, 0);
    assert_eq!(
        next_digest_time(sunday, cph, DigestPeriod::Daily),
        at(2026, 11, 2, 6, 0)
    );
    assert_eq!(
        next_digest_time(sunday, cph, DigestPeriod::Weekly),
        at(2026, 11, 2, 6, 0)
    );
    // Monday just after seven: tomorrow, or next Monday.
    let monday = at(2026, 11, 2, 6, 30);
    assert_eq!(
        next_digest_time(monday, cph, DigestPeriod::Daily),
        at(2026, 11, 3, 6, 0)
    );
    assert_eq!(
        next_digest_time(monday, cph, DigestPeriod::Weekly),
        at(2026, 11, 9, 6, 0)
    );
    // Before seven: the same day.
    assert_eq!(
        next_digest_time(at(2026, 11, 3, 5, 0), cph, DigestPeriod::Daily),
        at(2026, 11, 3, 6, 0)
    );
    // Across the change to summer time, 07:00 stays 07:00 (UTC+2).
    assert_eq!(
        next_digest_time(at(2026, 3, 28, 12, 0), cph, DigestPeriod::Daily),
        at(2026, 3, 29, 5, 0)
    );
    // Exactly at seven the next one is tomorrow.
    assert_eq!(
        next_digest_time(at(2026, 11, 3, 6, 0), cph, DigestPeriod::Daily),
        at(2026, 11, 4, 6, 0)
    );
}

#[test]
fn subjects_parse_from_urls() {
    let id = Uuid::now_v7();
    assert_eq!(
        Subject::parse("thread", &id.to_string()).unwrap(),
        Subject::Thread(ThreadId(id))
    );
    assert!(Subject::parse("meeting", &id.to_string()).is_err());
    assert!(Subject::parse("thread", "nope").is_err());
}

#[tokio::test]
async fn followers_and_the_mentioned_are_told_once_and_only_if_they_may_read() {
    let env = TestEnv::new().await;
    let svc = &env.svc;
    let system = env.network("bakkehuset", "Europe/Copenhagen").await;
    let (author, author_scope) = env.member(&system, "Sofie Holm", None, Role::Member).await;
    let (follower, follower_scope) = env.member(&system, "Jonas Berg", None, Role::Member).await;
    let (mentioned, mentioned_scope) = env.member(&system, "Aya Nor", None, Role::Member).await;
    let (outsider_member, outsider_scope) =
        env.member(&system, "Lars Vik", None, Role::Member).await;
    let (coordinator, coordinator_scope) = env
        .member(&system, "Mette Dal", None, Role::Coordinator)
        .await;
    let stranger = env.user("Ukendt Person").await;

    let closed = groups::create(
        svc,
        &system,
        NewGroup {
            name: "Skoleovergange".into(),
            description: String::new(),
            is_open: false,
        },
    )
    .await
    .unwrap();
    for scope in [&author_scope, &follower_scope, &mentioned_scope] {
        groups::add_member(
            svc,
            &system,
            closed.id,
            scope.member().unwrap().membership_id,
            false,
        )
        .await
        .unwrap();
    }

    let thread = ThreadId::new();
    let subject = Subject::Thread(thread);
    let txn = svc.db.begin_write().await.unwrap();
    for user in [
        author.id,
        follower.id,
        mentioned.id,
        outsider_member.id,
        coordinator.id,
        stranger.id,
    ] {
        follow_in(&txn, svc, &system, user, subject).await.unwrap();
        // Twice is no error.
        follow_in(&txn, svc, &system, user, subject).await.unwrap();
    }
    txn.commit().await.unwrap();

    let mut event = reply(thread, author.id);
    event.group_id = Some(closed.id);
    event.subjects.push(Subject::Group(closed.id));
    event.mentioned = vec![mentioned.id, author.id];
    record_now(svc, &author_scope, event).await;

    let page = PageRequest::first(20);
    let mine = list(svc, &follower_scope, page).await.unwrap().items;
    assert_eq!(mine.len(), 1, "told once though following twice over");
    assert_eq!(mine[0].kind, EventKind::NewPost);
    assert_eq!(mine[0].actor_name, "Sofie Holm");
    assert!(!mine[0].read);
    let theirs = list(svc, &mentioned_scope, page).await.unwrap().items;
    assert_eq!(theirs.len(), 1);
    assert_eq!(theirs[0].kind, EventKind::Mention);
    assert_eq!(
        list(svc, &coordinator_scope, page)
            .await
            .unwrap()
            .items
            .len(),
        1
    );
    // Not the actor, not a member outside the closed group, not someone outside the network.
    assert!(
        list(svc, &author_scope, page)
            .await
            .unwrap()
            .items
            .is_empty()
    );
    assert!(
        list(svc, &outsider_scope, page)
            .await
            .unwrap()
            .items
            .is_empty()
    );
    let strangers = notification::Entity::find()
        .filter(notification::Column::UserId.eq(stranger.id))
        .count(svc.db.conn())
        .await
        .unwrap();
    assert_eq!(strangers, 0);
    // Immediate mail by default: one job each for the three told.
    assert_eq!(jobs_of(svc, "send_notification_mail").await, 3);

    assert_eq!(unread_count(svc, &follower_scope).await.unwrap(), 1);
    mark_read(svc, &follower_scope, mine[0].id).await.unwrap();
    assert_eq!(unread_count(svc, &follower_scope).await.unwrap(), 0);
    // Another's notification is not found.
    assert!(matches!(
        mark_read(svc, &follower_scope, theirs[0].id).await,
        Err(Error::NotFound)
    ));
}

#[tokio::test]
async fn one_mail_per_notification_even_when_the_job_runs_twice() {
    let env = TestEnv::new().await;
    let mailer = Arc::new(Recorder::default());
    let svc = &with_mailer(&env, mailer.clone());
    let system = env.network("bakkehuset", "Europe/Copenhagen").await;
    let (author, author_scope) = env.member(&system, "Sofie Holm", None, Role::Member).await;
    let (follower, follower_scope) = env.member(&system, "Jonas Berg", None, Role::Member).await;
    let thread = ThreadId::new();
    let txn = svc.db.begin_write().await.unwrap();
    follow_in(&txn, svc, &system, follower.id, Subject::Thread(thread))
        .await
        .unwrap();
    txn.commit().await.unwrap();
    record_now(svc, &author_scope, reply(thread, author.id)).await;

    let id = list(svc, &follower_scope, PageRequest::first(5))
        .await
        .unwrap()
        .items[0]
        .id;
    send_notification_mail(svc, &system, id).await.unwrap();
    send_notification_mail(svc, &system, id).await.unwrap();
    let sent = mailer.0.lock().unwrap().clone();
    assert_eq!(sent.len(), 1);
    let mail = &sent[0];
    assert_eq!(mail.subject, "Nyt svar: Overgang fra dagtilbud til skole");
    assert!(mail.text.contains(&format!(
        "https://samvirke.test/n/bakkehuset/threads/{thread}"
    )));
    let link = mail.unsubscribe_url.clone().unwrap();
    assert!(link.starts_with("https://samvirke.test/unsubscribe/"));
    assert!(mail.text.contains(&link));

    // The link turns mail off, once and for all, without a sign-in.
    let token = link.rsplit('/').next().unwrap();
    let outcome = unsubscribe(svc, token).await.unwrap();
    assert!(!outcome.already_off);
    assert_eq!(outcome.network_slug, "bakkehuset");
    assert!(unsubscribe(svc, token).await.unwrap().already_off);
    assert_eq!(
        settings(svc, &follower_scope).await.unwrap().mail_mode,
        MailMode::Off
    );
    assert!(matches!(
        unsubscribe(svc, "not-a-token").await,
        Err(Error::NotFound)
    ));
    record_now(svc, &author_scope, reply(thread, author.id)).await;
    assert_eq!(
        jobs_of(svc, "send_notification_mail").await,
        1,
        "only the first"
    );
}

#[tokio::test]
async fn a_daily_digest_is_scheduled_once_and_sends_everything_waiting() {
    let env = TestEnv::new().await;
    let mailer = Arc::new(Recorder::default());
    let svc = &with_mailer(&env, mailer.clone());
    let system = env.network("bakkehuset", "Europe/Copenhagen").await;
    let (author, author_scope) = env.member(&system, "Sofie Holm", None, Role::Member).await;
    let (follower, follower_scope) = env.member(&system, "Jonas Berg", None, Role::Member).await;
    set_mail_mode(svc, &follower_scope, MailMode::Daily)
        .await
        .unwrap();
    let thread = ThreadId::new();
    follow(
        svc,
        &follower_scope,
        Subject::Group(ensure_group(svc, &system).await),
    )
    .await
    .unwrap();
    let txn = svc.db.begin_write().await.unwrap();
    follow_in(&txn, svc, &system, follower.id, Subject::Thread(thread))
        .await
        .unwrap();
    txn.commit().await.unwrap();
    assert!(
        is_following(svc, &follower_scope, Subject::Thread(thread))
            .await
            .unwrap()
    );

    record_now(svc, &author_scope, reply(thread, author.id)).await;
    env.clock.advance(Duration::minutes(5));
    record_now(svc, &author_scope, reply(thread, author.id)).await;
    assert_eq!(
        jobs_of(svc, "send_digest").await,
        1,
        "one digest per period"
    );
    assert_eq!(jobs_of(svc, "send_notification_mail").await, 0);

    let due = next_digest_time(svc.now(), system.network().time_zone, DigestPeriod::Daily);
    env.clock.set(due + Duration::minutes(1));
    send_digest(svc, &system, follower.id, DigestPeriod::Daily, due)
        .await
        .unwrap();
    // Run again (a retried job): nothing is left.
    send_digest(svc, &system, follower.id, DigestPeriod::Daily, due)
        .await
        .unwrap();
    let sent = mailer.0.lock().unwrap().clone();
    assert_eq!(sent.len(), 1);
    assert_eq!(
        sent[0].text.matches("- Nyt svar:").count(),
        2,
        "{}",
        sent[0].text
    );
    assert!(sent[0].subject.starts_with("Dagligt overblik"));
    assert!(sent[0].unsubscribe_url.is_some());

    // The next reply schedules tomorrow's digest.
    record_now(svc, &author_scope, reply(thread, author.id)).await;
    assert_eq!(jobs_of(svc, "send_digest").await, 2);
}

async fn ensure_group(svc: &Services, system: &TenantScope) -> GroupId {
    groups::create(
        svc,
        system,
        NewGroup {
            name: "Åben gruppe".into(),
            description: String::new(),
            is_open: true,
        },
    )
    .await
    .unwrap()
    .id
}

#[tokio::test]
async fn closed_groups_cannot_be_followed_from_outside_and_visitors_cannot_follow() {
    let env = TestEnv::new().await;
    let svc = &env.svc;
    let system = env.network("bakkehuset", "Europe/Copenhagen").await;
    let (_, member_scope) = env.member(&system, "Jonas Berg", None, Role::Member).await;
    let closed = groups::create(
        svc,
        &system,
        NewGroup {
            name: "Lukket".into(),
            description: String::new(),
            is_open: false,
        },
    )
    .await
    .unwrap();
    assert!(matches!(
        follow(svc, &member_scope, Subject::Group(closed.id)).await,
        Err(Error::NotFound)
    ));
    assert!(matches!(
        follow(svc, &member_scope, Subject::Group(GroupId::new())).await,
        Err(Error::NotFound)
    ));
    let visitor = env.visitor(system.network()).await;
    assert!(matches!(
        follow(svc, &visitor, Subject::Group(closed.id)).await,
        Err(Error::Unauthenticated)
    ));
    assert_eq!(unread_count(svc, &visitor).await.unwrap(), 0);
}
