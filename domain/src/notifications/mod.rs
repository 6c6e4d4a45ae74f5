//! Subscriptions and notifications: who follows what, what they are told, and how (in the web
//! UI, by mail at once, or in a daily or weekly digest).
//!
//! A write that others should hear of (a new thread, a reply, a project update) calls [`record`]
//! on its own transaction: the notification rows and their mail jobs commit with the write. The
//! recipients are the followers of the event's subjects and the people mentioned, minus the
//! actor, minus anyone who may not read it (not an active member of the network; not in the
//! closed working group it belongs to). Each is told once.
//!
//! Mail follows each person's `mail_mode` in the network: `immediate` enqueues one mail job per
//! notification; `daily` and `weekly` schedule one digest job for the next digest time (07:00 in
//! the network's zone; Mondays for weekly) when the first unmailed notification arrives, kept
//! single by a mail receipt keyed by person, period and due time; `off` sends nothing. Every
//! mail carries a one-click unsubscribe link (RFC 8058) that turns mail off without signing in.

mod mail;

use std::collections::{BTreeMap, HashMap, HashSet};

use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Condition, Expr, OnConflict};
use sea_orm::{ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};
use sea_orm::{PaginatorTrait, QuerySelect};
use uuid::Uuid;

use crate::Services;
use crate::entities::{
    group_member, mail_receipt, membership, notification, notification_setting, subscription, user,
    working_group,
};
use crate::error::{Error, Result};
use crate::identity::secret::new_secret;
use crate::ids::{GroupId, NetworkId, NotificationId, ProjectId, ThreadId, UserId};
use crate::jobs::{self, Task};
use crate::macros::string_enum;
use crate::pagination::{Page, PageRequest, keyset};
use crate::people::MembershipStatus;
use crate::policy::{Action, can};
use crate::tenancy::{Actor, TenantOwned, TenantScope};

pub use mail::{next_digest_time, send_digest, send_notification_mail};

impl TenantOwned for subscription::Entity {
    fn tenant_column() -> Self::Column {
        subscription::Column::TenantId
    }
}

impl TenantOwned for notification::Entity {
    fn tenant_column() -> Self::Column {
        notification::Column::TenantId
    }
}

impl TenantOwned for notification_setting::Entity {
    fn tenant_column() -> Self::Column {
        notification_setting::Column::TenantId
    }
}

/// What one can follow.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Subject {
    Thread(ThreadId),
    Group(GroupId),
    Project(ProjectId),
}

string_enum! {
    /// The kind of a [`Subject`], as stored and as named in URLs (`/subscriptions/thread/<id>`).
    pub enum SubjectKind {
        Thread = "thread",
        Group = "group",
        Project = "project",
    }
}

impl Subject {
    pub fn kind(&self) -> SubjectKind {
        match self {
            Subject::Thread(_) => SubjectKind::Thread,
            Subject::Group(_) => SubjectKind::Group,
            Subject::Project(_) => SubjectKind::Project,
        }
    }

    pub fn id(&self) -> Uuid {
        match self {
            Subject::Thread(id) => id.0,
            Subject::Group(id) => id.0,
            Subject::Project(id) => id.0,
        }
    }

    pub fn new(kind: SubjectKind, id: Uuid) -> Subject {
        match kind {
            SubjectKind::Thread => Subject::Thread(ThreadId(id)),
            SubjectKind::Group => Subject::Group(GroupId(id)),
            SubjectKind::Project => Subject::Project(ProjectId(id)),
        }
    }

    /// From a URL's or a form's `kind` and `id`; anything else names nothing.
    pub fn parse(kind: &str, id: &str) -> Result<Subject> {
        let kind = SubjectKind::parse(kind).ok_or(Error::NotFound)?;
        let id = id.parse::<Uuid>().map_err(|_| Error::NotFound)?;
        Ok(Subject::new(kind, id))
    }
}

string_enum! {
    pub enum EventKind {
        NewThread = "new_thread",
        NewPost = "new_post",
        Mention = "mention",
        ProjectUpdate = "project_update",
    }
}

string_enum! {
    /// How a person wants to be told by mail, per network.
    pub enum MailMode {
        /// One mail per notification, as it happens.
        Immediate = "immediate",
        /// One digest a day, at 07:00 in the network's zone.
        Daily = "daily",
        /// One digest a week, Mondays at 07:00.
        Weekly = "weekly",
        Off = "off",
    }
}

impl MailMode {
    /// Until a person chooses: mail at once, as Discourse does for replies and mentions.
    pub const DEFAULT: MailMode = MailMode::Immediate;

    pub fn digest(self) -> Option<DigestPeriod> {
        match self {
            MailMode::Daily => Some(DigestPeriod::Daily),
            MailMode::Weekly => Some(DigestPeriod::Weekly),
            MailMode::Immediate | MailMode::Off => None,
        }
    }
}

string_enum! {
    pub enum DigestPeriod {
        Daily = "daily",
        Weekly = "weekly",
    }
}

/// Something happened that followers (and the mentioned) are told of.
#[derive(Clone, Debug)]
pub struct Event {
    pub kind: EventKind,
    /// Followers of any of these are told, once each.
    pub subjects: Vec<Subject>,
    /// Told even if they follow nothing (as `Mention`).
    pub mentioned: Vec<UserId>,
    /// Who did it: never told of their own doing.
    pub actor: Option<UserId>,
    /// Set for what is limited to one working group: only its members (and those who see every
    /// group) are told. Forum events of an open group reach every member (open groups' threads
    /// are read by all); a project limited to a group reaches only the group.
    pub group_id: Option<GroupId>,
    /// The thread's or project's title, for the notification and the mail.
    pub title: String,
    /// Where it opens, relative to the network's root (`threads/<id>#post-<id>`).
    pub path: String,
}

/// One notification as its recipient sees it.
#[derive(Clone, Debug)]
pub struct Notification {
    pub id: NotificationId,
    pub kind: EventKind,
    pub subject: Subject,
    pub title: String,
    /// Relative to the network's root.
    pub path: String,
    /// Who did it (a person's or an organisation token's name); may be empty.
    pub actor_name: String,
    pub created_at: DateTime<Utc>,
    pub read: bool,
}

impl From<notification::Model> for Notification {
    fn from(m: notification::Model) -> Self {
        Notification {
            id: m.id,
            kind: m.kind,
            subject: Subject::new(m.subject_kind, m.subject_id),
            title: m.title,
            path: m.path,
            actor_name: m.actor_name,
            created_at: m.created_at,
            read: m.read_at.is_some(),
        }
    }
}

/// A person's mail settings in one network.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NotificationSettings {
    pub mail_mode: MailMode,
}

/// What the one-click unsubscribe did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnsubscribeOutcome {
    pub network_name: String,
    pub network_slug: String,
    /// Mail was already off (the link was used before).
    pub already_off: bool,
}

/// One thing a person follows.
#[derive(Clone, Debug)]
pub struct Subscription {
    pub subject: Subject,
    pub created_at: DateTime<Utc>,
}

/// The person acting, for the use cases that are about one's own notifications.
fn me(scope: &TenantScope) -> Result<UserId> {
    match scope.actor() {
        Actor::Member(member) => Ok(member.user_id),
        Actor::Visitor => Err(Error::Unauthenticated),
        // Tokens are organisations, not people: nobody to notify.
        Actor::Token(_) => Err(Error::Forbidden),
        Actor::Guest { .. } | Actor::System(_) => Err(Error::NotFound),
    }
}

/// Records the notifications an event causes, on the caller's transaction (so they commit with
/// the post), and enqueues their mails. Takes `svc` for the clock and the job queue:
/// `notifications::record(&txn, svc, scope, event).await?`.
pub(crate) async fn record(
    conn: &impl ConnectionTrait,
    svc: &Services,
    scope: &TenantScope,
    event: Event,
) -> Result<()> {
    // Who follows which of the subjects; each person is told under the first subject they
    // follow, in the event's order.
    let mut told: BTreeMap<UserId, (EventKind, Subject)> = BTreeMap::new();
    if !event.subjects.is_empty() {
        let mut any = Condition::any();
        for subject in &event.subjects {
            any = any.add(
                Condition::all()
                    .add(subscription::Column::SubjectKind.eq(subject.kind()))
                    .add(subscription::Column::SubjectId.eq(subject.id())),
            );
        }
        let followers: Vec<(UserId, SubjectKind, Uuid)> = scope
            .find::<subscription::Entity>()
            .select_only()
            .column(subscription::Column::UserId)
            .column(subscription::Column::SubjectKind)
            .column(subscription::Column::SubjectId)
            .filter(any)
            .into_tuple()
            .all(conn)
            .await?;
        for subject in &event.subjects {
            for (user_id, kind, id) in &followers {
                if *kind == subject.kind() && *id == subject.id() {
                    told.entry(*user_id).or_insert((event.kind, *subject));
                }
            }
        }
    }
    let main_subject = event.subjects.first().copied();
    for user_id in &event.mentioned {
        // Being mentioned says more than following: it is told as a mention.
        let subject = told
            .get(user_id)
            .map(|(_, s)| *s)
            .or(main_subject)
            .ok_or_else(|| anyhow::anyhow!("a mention without a subject"))?;
        told.insert(*user_id, (EventKind::Mention, subject));
    }
    if let Some(actor) = event.actor {
        told.remove(&actor);
    }
    if told.is_empty() {
        return Ok(());
    }

    let allowed = may_read(conn, scope, &event, told.keys().copied().collect()).await?;
    told.retain(|user_id, _| allowed.contains(user_id));
    if told.is_empty() {
        return Ok(());
    }

    let recipients: Vec<UserId> = told.keys().copied().collect();
    let modes: HashMap<UserId, MailMode> = scope
        .find::<notification_setting::Entity>()
        .select_only()
        .column(notification_setting::Column::UserId)
        .column(notification_setting::Column::MailMode)
        .filter(notification_setting::Column::UserId.is_in(recipients))
        .into_tuple()
        .all(conn)
        .await?
        .into_iter()
        .collect();

    let now = svc.now();
    let actor_name = actor_name(conn, scope, event.actor).await?;
    let mut rows = Vec::with_capacity(told.len());
    let mut mails = Vec::new();
    for (user_id, (kind, subject)) in &told {
        let id = NotificationId::new();
        let mode = modes.get(user_id).copied().unwrap_or(MailMode::DEFAULT);
        rows.push(notification::ActiveModel {
            id: Set(id),
            tenant_id: Set(scope.tenant_id()),
            user_id: Set(*user_id),
            kind: Set(*kind),
            subject_kind: Set(subject.kind()),
            subject_id: Set(subject.id()),
            title: Set(event.title.clone()),
            path: Set(event.path.trim_start_matches('/').to_owned()),
            actor_name: Set(actor_name.clone()),
            created_at: Set(now),
            read_at: Set(None),
            // Nothing will be mailed to those who turned mail off.
            mailed_at: Set((mode == MailMode::Off).then_some(now)),
        });
        mails.push((*user_id, id, mode));
    }
    // One statement however many are told.
    notification::Entity::insert_many(rows).exec(conn).await?;

    for (user_id, id, mode) in mails {
        match mode {
            MailMode::Immediate => {
                jobs::enqueue(
                    conn,
                    svc,
                    Some(scope.tenant_id()),
                    &Task::SendNotificationMail {
                        notification_id: id,
                    },
                )
                .await?;
            }
            MailMode::Daily | MailMode::Weekly => {
                if let Some(period) = mode.digest() {
                    schedule_digest(conn, svc, scope, user_id, period).await?;
                }
            }
            MailMode::Off => {}
        }
    }
    Ok(())
}

/// Of `candidates`, those who may read what the event is about: active members of the network
/// and, for what is limited to a working group, its members and those who see every group.
async fn may_read(
    conn: &impl ConnectionTrait,
    scope: &TenantScope,
    event: &Event,
    candidates: Vec<UserId>,
) -> Result<HashSet<UserId>> {
    let members: Vec<(UserId, crate::ids::MembershipId, crate::policy::Role)> = scope
        .find::<membership::Entity>()
        .select_only()
        .column(membership::Column::UserId)
        .column(membership::Column::Id)
        .column(membership::Column::Role)
        .filter(membership::Column::UserId.is_in(candidates))
        .filter(membership::Column::Status.eq(MembershipStatus::Active))
        .into_tuple()
        .all(conn)
        .await?;
    let Some(group_id) = event.group_id else {
        return Ok(members.into_iter().map(|(user_id, _, _)| user_id).collect());
    };
    let group = scope
        .find::<working_group::Entity>()
        .filter(working_group::Column::Id.eq(group_id))
        .one(conn)
        .await?;
    let limited = match &group {
        // Threads of an open group are read by every member; projects limited to a group only
        // by the group.
        Some(group) => !group.is_open || event.kind == EventKind::ProjectUpdate,
        None => true,
    };
    if !limited {
        return Ok(members.into_iter().map(|(user_id, _, _)| user_id).collect());
    }
    let in_group: HashSet<crate::ids::MembershipId> = scope
        .find::<group_member::Entity>()
        .select_only()
        .column(group_member::Column::MembershipId)
        .filter(group_member::Column::GroupId.eq(group_id))
        .filter(
            group_member::Column::MembershipId
                .is_in(members.iter().map(|(_, id, _)| *id).collect::<Vec<_>>()),
        )
        .into_tuple()
        .all(conn)
        .await?
        .into_iter()
        .collect();
    Ok(members
        .into_iter()
        .filter(|(_, membership_id, role)| {
            can(*role, Action::EditAnyContent) || in_group.contains(membership_id)
        })
        .map(|(user_id, _, _)| user_id)
        .collect())
}

/// The name shown for who did it: the acting member, the organisation's token, or the person
/// named by the event.
async fn actor_name(
    conn: &impl ConnectionTrait,
    scope: &TenantScope,
    actor: Option<UserId>,
) -> Result<String> {
    match (scope.actor(), actor) {
        (Actor::Member(member), Some(user_id)) if member.user_id == user_id => {
            Ok(member.display_name.clone())
        }
        (_, Some(user_id)) => Ok(user::Entity::find_by_id(user_id)
            .one(conn)
            .await?
            .map(|u| u.display_name)
            .unwrap_or_default()),
        (Actor::Member(member), None) => Ok(member.display_name.clone()),
        (Actor::Token(token), None) => Ok(token.name.clone()),
        _ => Ok(String::new()),
    }
}

/// Records a mail receipt; true when it is new.
async fn new_receipt(
    conn: &impl ConnectionTrait,
    svc: &Services,
    tenant: NetworkId,
    key: &str,
) -> Result<bool> {
    let inserted = mail_receipt::Entity::insert(mail_receipt::ActiveModel {
        tenant_id: Set(tenant),
        key: Set(key.to_owned()),
        created_at: Set(svc.now()),
    })
    .on_conflict(
        OnConflict::columns([mail_receipt::Column::TenantId, mail_receipt::Column::Key])
            .do_nothing()
            .to_owned(),
    )
    .exec_without_returning(conn)
    .await?;
    Ok(inserted == 1)
}

/// The digest's key: one per person, period and due time. It is the receipt that keeps a
/// second job from being queued, and the mail's id.
fn digest_key(user_id: UserId, period: DigestPeriod, due: DateTime<Utc>) -> String {
    format!("digest-{user_id}-{period}-{}", due.timestamp())
}

/// Makes sure a digest job is queued for the person's next digest of this period.
async fn schedule_digest(
    conn: &impl ConnectionTrait,
    svc: &Services,
    scope: &TenantScope,
    user_id: UserId,
    period: DigestPeriod,
) -> Result<()> {
    let due = next_digest_time(svc.now(), scope.network().time_zone, period);
    let key = digest_key(user_id, period, due);
    if new_receipt(conn, svc, scope.tenant_id(), &key).await? {
        jobs::enqueue_at(
            conn,
            svc,
            Some(scope.tenant_id()),
            &Task::SendDigest {
                user_id,
                period,
                due,
            },
            due,
        )
        .await?;
    }
    Ok(())
}

/// Makes `user` follow `subject` (authors follow their threads and projects), on the caller's
/// transaction. Following twice is not an error.
pub(crate) async fn follow_in(
    conn: &impl ConnectionTrait,
    svc: &Services,
    scope: &TenantScope,
    user: UserId,
    subject: Subject,
) -> Result<()> {
    subscription::Entity::insert(subscription::ActiveModel {
        tenant_id: Set(scope.tenant_id()),
        user_id: Set(user),
        subject_kind: Set(subject.kind()),
        subject_id: Set(subject.id()),
        created_at: Set(svc.now()),
    })
    .on_conflict(
        OnConflict::columns([
            subscription::Column::TenantId,
            subscription::Column::UserId,
            subscription::Column::SubjectKind,
            subscription::Column::SubjectId,
        ])
        .do_nothing()
        .to_owned(),
    )
    .exec_without_returning(conn)
    .await?;
    Ok(())
}

/// Fails with `NotFound` unless the actor may read the subject. A closed group counts as
/// readable only to its members and those who see every group (its content is theirs alone).
async fn check_visible(
    conn: &impl ConnectionTrait,
    scope: &TenantScope,
    subject: Subject,
) -> Result<()> {
    match subject {
        Subject::Thread(id) => {
            crate::forum::find_visible_thread(conn, scope, id).await?;
        }
        Subject::Project(id) => {
            crate::showcases::projects::find_visible(conn, scope, id).await?;
        }
        Subject::Group(id) => {
            let group = crate::people::groups::find(conn, scope, id).await?;
            if !(group.is_open || scope.sees_all_groups() || scope.group_ids().contains(&id)) {
                return Err(Error::NotFound);
            }
        }
    }
    Ok(())
}

/// Follow a thread, a group or a project the actor may read.
pub async fn follow(svc: &Services, scope: &TenantScope, subject: Subject) -> Result<()> {
    let user = me(scope)?;
    check_visible(svc.db.conn(), scope, subject).await?;
    let txn = svc.db.begin_write().await?;
    follow_in(&txn, svc, scope, user, subject).await?;
    txn.commit().await?;
    Ok(())
}

/// Stop following. Stopping what one does not follow is not an error, as long as one may see
/// it (otherwise `NotFound`, as for any id one may not know).
pub async fn unfollow(svc: &Services, scope: &TenantScope, subject: Subject) -> Result<()> {
    let user = me(scope)?;
    let deleted = scope
        .delete_many::<subscription::Entity>()
        .filter(subscription::Column::UserId.eq(user))
        .filter(subscription::Column::SubjectKind.eq(subject.kind()))
        .filter(subscription::Column::SubjectId.eq(subject.id()))
        .exec(svc.db.conn())
        .await?;
    if deleted.rows_affected == 0 {
        // One may always stop following what one followed, even after losing sight of it.
        check_visible(svc.db.conn(), scope, subject).await?;
    }
    Ok(())
}

/// Does the actor follow the subject? False for anyone who cannot follow (visitors, tokens).
/// The caller has already shown the subject, so visibility is not checked again.
pub async fn is_following(svc: &Services, scope: &TenantScope, subject: Subject) -> Result<bool> {
    let Ok(user) = me(scope) else {
        return Ok(false);
    };
    let found = scope
        .find::<subscription::Entity>()
        .filter(subscription::Column::UserId.eq(user))
        .filter(subscription::Column::SubjectKind.eq(subject.kind()))
        .filter(subscription::Column::SubjectId.eq(subject.id()))
        .count(svc.db.conn())
        .await?;
    Ok(found > 0)
}

/// Everything the actor follows in this network, newest first.
pub async fn subscriptions(svc: &Services, scope: &TenantScope) -> Result<Vec<Subscription>> {
    let user = me(scope)?;
    let mut rows = scope
        .find::<subscription::Entity>()
        .filter(subscription::Column::UserId.eq(user))
        .all(svc.db.conn())
        .await?;
    rows.sort_by_key(|row| std::cmp::Reverse(row.created_at));
    Ok(rows
        .into_iter()
        .map(|row| Subscription {
            subject: Subject::new(row.subject_kind, row.subject_id),
            created_at: row.created_at,
        })
        .collect())
}

/// The actor's notifications, newest first.
pub async fn list(
    svc: &Services,
    scope: &TenantScope,
    page: PageRequest,
) -> Result<Page<Notification>> {
    let user = me(scope)?;
    let rows = keyset(
        scope
            .find::<notification::Entity>()
            .filter(notification::Column::UserId.eq(user)),
        notification::Column::Id,
        page,
    )
    .all(svc.db.conn())
    .await?;
    let items: Vec<Notification> = rows.into_iter().map(Notification::from).collect();
    Ok(Page::from_rows(items, page, |n| n.id.0))
}

/// How many of the actor's notifications are unread (one indexed count). Zero for anyone who
/// has no notifications here (visitors, guests, tokens).
pub async fn unread_count(svc: &Services, scope: &TenantScope) -> Result<u64> {
    let Ok(user) = me(scope) else {
        return Ok(0);
    };
    Ok(scope
        .find::<notification::Entity>()
        .filter(notification::Column::UserId.eq(user))
        .filter(notification::Column::ReadAt.is_null())
        .count(svc.db.conn())
        .await?)
}

/// Marks one of the actor's notifications read; another's id is not found.
pub async fn mark_read(svc: &Services, scope: &TenantScope, id: NotificationId) -> Result<()> {
    open(svc, scope, id).await.map(|_| ())
}

/// Marks one of the actor's notifications read and answers it (to follow its path).
pub async fn open(svc: &Services, scope: &TenantScope, id: NotificationId) -> Result<Notification> {
    let user = me(scope)?;
    let conn = svc.db.conn();
    let found = scope
        .find::<notification::Entity>()
        .filter(notification::Column::Id.eq(id))
        .filter(notification::Column::UserId.eq(user))
        .one(conn)
        .await?
        .ok_or(Error::NotFound)?;
    if found.read_at.is_none() {
        scope
            .update_many::<notification::Entity>()
            .col_expr(notification::Column::ReadAt, Expr::value(svc.now()))
            .filter(notification::Column::Id.eq(id))
            .filter(notification::Column::UserId.eq(user))
            .exec(conn)
            .await?;
    }
    Ok(found.into())
}

/// Marks all of the actor's notifications read.
pub async fn mark_all_read(svc: &Services, scope: &TenantScope) -> Result<()> {
    let user = me(scope)?;
    scope
        .update_many::<notification::Entity>()
        .col_expr(notification::Column::ReadAt, Expr::value(svc.now()))
        .filter(notification::Column::UserId.eq(user))
        .filter(notification::Column::ReadAt.is_null())
        .exec(svc.db.conn())
        .await?;
    Ok(())
}

/// The person's settings row, made with the default mode and a fresh unsubscribe token when
/// there is none yet.
async fn ensure_settings(
    conn: &impl ConnectionTrait,
    svc: &Services,
    scope: &TenantScope,
    user: UserId,
) -> Result<notification_setting::Model> {
    let find = || {
        scope
            .find::<notification_setting::Entity>()
            .filter(notification_setting::Column::UserId.eq(user))
    };
    if let Some(found) = find().one(conn).await? {
        return Ok(found);
    }
    let now = svc.now();
    notification_setting::Entity::insert(notification_setting::ActiveModel {
        tenant_id: Set(scope.tenant_id()),
        user_id: Set(user),
        mail_mode: Set(MailMode::DEFAULT),
        unsubscribe_token: Set(new_secret()?),
        created_at: Set(now),
        updated_at: Set(now),
    })
    .on_conflict(
        OnConflict::columns([
            notification_setting::Column::TenantId,
            notification_setting::Column::UserId,
        ])
        .do_nothing()
        .to_owned(),
    )
    .exec_without_returning(conn)
    .await?;
    find()
        .one(conn)
        .await?
        .ok_or_else(|| anyhow::anyhow!("notification settings vanished").into())
}

/// The actor's mail settings in this network.
pub async fn settings(svc: &Services, scope: &TenantScope) -> Result<NotificationSettings> {
    let user = me(scope)?;
    let mail_mode = scope
        .find::<notification_setting::Entity>()
        .filter(notification_setting::Column::UserId.eq(user))
        .one(svc.db.conn())
        .await?
        .map(|s| s.mail_mode)
        .unwrap_or(MailMode::DEFAULT);
    Ok(NotificationSettings { mail_mode })
}

/// Chooses how the actor is told by mail. Choosing a digest while notifications wait for mail
/// schedules that digest, so nothing is left waiting for the next event.
pub async fn set_mail_mode(
    svc: &Services,
    scope: &TenantScope,
    mode: MailMode,
) -> Result<NotificationSettings> {
    let user = me(scope)?;
    let txn = svc.db.begin_write().await?;
    ensure_settings(&txn, svc, scope, user).await?;
    scope
        .update_many::<notification_setting::Entity>()
        .col_expr(notification_setting::Column::MailMode, Expr::value(mode))
        .col_expr(
            notification_setting::Column::UpdatedAt,
            Expr::value(svc.now()),
        )
        .filter(notification_setting::Column::UserId.eq(user))
        .exec(&txn)
        .await?;
    if let Some(period) = mode.digest() {
        let waiting = scope
            .find::<notification::Entity>()
            .filter(notification::Column::UserId.eq(user))
            .filter(notification::Column::MailedAt.is_null())
            .count(&txn)
            .await?;
        if waiting > 0 {
            schedule_digest(&txn, svc, scope, user, period).await?;
        }
    }
    txn.commit().await?;
    Ok(NotificationSettings { mail_mode: mode })
}

/// The network an unsubscribe link belongs to, without changing anything (the page that asks).
pub async fn unsubscribe_preview(svc: &Services, token: &str) -> Result<UnsubscribeOutcome> {
    let row = settings_by_token(svc, token).await?;
    let network = crate::tenancy::find_network_by_id(svc, row.tenant_id).await?;
    Ok(UnsubscribeOutcome {
        network_name: network.name,
        network_slug: network.slug,
        already_off: row.mail_mode == MailMode::Off,
    })
}

/// Turns notification mail off for the link's person in the link's network. No sign-in: the
/// token is the proof, and all it can do is this. Using it again changes nothing.
pub async fn unsubscribe(svc: &Services, token: &str) -> Result<UnsubscribeOutcome> {
    let row = settings_by_token(svc, token).await?;
    let network = crate::tenancy::find_network_by_id(svc, row.tenant_id).await?;
    let already_off = row.mail_mode == MailMode::Off;
    if !already_off {
        let scope = TenantScope::system(network.clone(), "unsubscribe");
        scope
            .update_many::<notification_setting::Entity>()
            .col_expr(
                notification_setting::Column::MailMode,
                Expr::value(MailMode::Off),
            )
            .col_expr(
                notification_setting::Column::UpdatedAt,
                Expr::value(svc.now()),
            )
            .filter(notification_setting::Column::UserId.eq(row.user_id))
            .exec(svc.db.conn())
            .await?;
    }
    Ok(UnsubscribeOutcome {
        network_name: network.name,
        network_slug: network.slug,
        already_off,
    })
}

/// The settings row of an unsubscribe token. Looked up across networks (the link names no
/// network), like a session's secret; the row then names its network.
async fn settings_by_token(svc: &Services, token: &str) -> Result<notification_setting::Model> {
    if token.is_empty() || token.len() > 100 {
        return Err(Error::NotFound);
    }
    notification_setting::Entity::find()
        .filter(notification_setting::Column::UnsubscribeToken.eq(token))
        .one(svc.db.conn())
        .await?
        .ok_or(Error::NotFound)
}

#[cfg(test)]
mod tests;
