//! Notifications, mail settings and subscriptions: the signed-in person's own, in one network.
//! Tokens are organisations, not people, and have none (403); visitors are asked to sign in.

use domain::Services;
use domain::ids::NotificationId;
use domain::notifications::{self, Notification, Subject, Subscription};
use poem::Request;
use poem::web::Data;
use poem_openapi::param::{Path, Query};
use poem_openapi::payload::Json;
use poem_openapi::{ApiResponse, Enum, Object, OpenApi, Tags};

use crate::auth;
use crate::problem::ApiResult;
use crate::types::mirror_enum;

#[derive(Tags)]
enum NotificationTags {
    /// What the signed-in person is told of, how they get mail, and what they follow.
    Notifications,
}

mirror_enum!(
    /// What happened.
    NotificationKind => domain::notifications::EventKind {
        NewThread = "new_thread",
        NewPost = "new_post",
        Mention = "mention",
        ProjectUpdate = "project_update",
    }
);

mirror_enum!(
    /// What one follows.
    SubjectKind => domain::notifications::SubjectKind {
        Thread = "thread",
        Group = "group",
        Project = "project",
    }
);

mirror_enum!(
    /// Mail about notifications: one at once, a daily digest (07:00 in the network's zone), a
    /// weekly digest (Mondays 07:00), or none.
    MailMode => domain::notifications::MailMode {
        Immediate = "immediate",
        Daily = "daily",
        Weekly = "weekly",
        Off = "off",
    }
);

#[derive(Debug, Clone, Object)]
#[oai(rename = "Notification")]
pub struct NotificationOut {
    pub id: uuid::Uuid,
    pub kind: NotificationKind,
    pub subject_kind: SubjectKind,
    pub subject_id: uuid::Uuid,
    /// The thread's or project's title.
    pub title: String,
    /// Where it opens, relative to the network's web root (`/n/{slug}/`).
    pub path: String,
    /// Who did it; empty when unknown.
    pub actor_name: String,
    pub created_at: chrono::DateTime<chrono::Utc>,
    pub read: bool,
}

impl From<Notification> for NotificationOut {
    fn from(n: Notification) -> Self {
        NotificationOut {
            id: n.id.0,
            kind: n.kind.into(),
            subject_kind: n.subject.kind().into(),
            subject_id: n.subject.id(),
            title: n.title,
            path: n.path,
            actor_name: n.actor_name,
            created_at: n.created_at,
            read: n.read,
        }
    }
}

/// A page of notifications, with how many are unread in all.
#[derive(Debug, Clone, Object)]
#[oai(skip_serializing_if_is_none)]
pub struct NotificationPage {
    pub items: Vec<NotificationOut>,
    /// Pass as `cursor` for the next page; absent on the last page.
    pub next_cursor: Option<String>,
    pub unread_count: u64,
}

#[derive(Debug, Clone, Object)]
pub struct NotificationSettings {
    pub mail_mode: MailMode,
}

#[derive(Debug, Object)]
#[oai(deny_unknown_fields)]
pub struct NotificationSettingsUpdate {
    pub mail_mode: MailMode,
}

#[derive(Debug, Clone, Object)]
#[oai(rename = "Subscription")]
pub struct SubscriptionOut {
    pub kind: SubjectKind,
    pub id: uuid::Uuid,
    pub created_at: chrono::DateTime<chrono::Utc>,
}

impl From<Subscription> for SubscriptionOut {
    fn from(s: Subscription) -> Self {
        SubscriptionOut {
            kind: s.subject.kind().into(),
            id: s.subject.id(),
            created_at: s.created_at,
        }
    }
}

#[derive(Debug, Clone, Object)]
pub struct SubscriptionList {
    pub items: Vec<SubscriptionOut>,
}

#[derive(ApiResponse)]
enum Done {
    /// Done.
    #[oai(status = 204)]
    Ok,
}

pub struct NotificationsApi;

#[OpenApi(tag = "NotificationTags::Notifications")]
impl NotificationsApi {
    /// The signed-in person's notifications in this network, newest first, with the unread count.
    #[oai(path = "/networks/:slug/notifications", method = "get")]
    async fn list(
        &self,
        svc: Data<&Services>,
        req: &Request,
        slug: Path<String>,
        #[oai(validator(minimum(value = "1"), maximum(value = "100")))] limit: Query<Option<u64>>,
        #[oai(validator(max_length = 100))] cursor: Query<Option<String>>,
    ) -> ApiResult<Json<NotificationPage>> {
        let scope = auth::scope(&svc, req, &slug).await?;
        let page = domain::pagination::PageRequest::parse(limit.0, cursor.0.as_deref())?;
        let found = notifications::list(&svc, &scope, page).await?;
        let unread_count = notifications::unread_count(&svc, &scope).await?;
        Ok(Json(NotificationPage {
            items: found.items.into_iter().map(Into::into).collect(),
            next_cursor: found.next_cursor,
            unread_count,
        }))
    }

    /// Mark one notification read.
    #[oai(path = "/networks/:slug/notifications/:id/read", method = "post")]
    async fn mark_read(
        &self,
        svc: Data<&Services>,
        req: &Request,
        slug: Path<String>,
        id: Path<uuid::Uuid>,
    ) -> ApiResult<Done> {
        let scope = auth::scope(&svc, req, &slug).await?;
        notifications::mark_read(&svc, &scope, NotificationId(id.0)).await?;
        Ok(Done::Ok)
    }

    /// Mark every notification read.
    #[oai(path = "/networks/:slug/notifications/read-all", method = "post")]
    async fn mark_all_read(
        &self,
        svc: Data<&Services>,
        req: &Request,
        slug: Path<String>,
    ) -> ApiResult<Done> {
        let scope = auth::scope(&svc, req, &slug).await?;
        notifications::mark_all_read(&svc, &scope).await?;
        Ok(Done::Ok)
    }

    /// How the signed-in person gets mail about notifications in this network.
    #[oai(path = "/networks/:slug/notification-settings", method = "get")]
    async fn settings(
        &self,
        svc: Data<&Services>,
        req: &Request,
        slug: Path<String>,
    ) -> ApiResult<Json<NotificationSettings>> {
        let scope = auth::scope(&svc, req, &slug).await?;
        let settings = notifications::settings(&svc, &scope).await?;
        Ok(Json(NotificationSettings {
            mail_mode: settings.mail_mode.into(),
        }))
    }

    /// Choose how to get mail about notifications in this network.
    #[oai(path = "/networks/:slug/notification-settings", method = "put")]
    async fn set_settings(
        &self,
        svc: Data<&Services>,
        req: &Request,
        slug: Path<String>,
        body: Json<NotificationSettingsUpdate>,
    ) -> ApiResult<Json<NotificationSettings>> {
        let scope = auth::scope(&svc, req, &slug).await?;
        let settings = notifications::set_mail_mode(&svc, &scope, body.0.mail_mode.into()).await?;
        Ok(Json(NotificationSettings {
            mail_mode: settings.mail_mode.into(),
        }))
    }

    /// What the signed-in person follows in this network, newest first.
    #[oai(path = "/networks/:slug/subscriptions", method = "get")]
    async fn subscriptions(
        &self,
        svc: Data<&Services>,
        req: &Request,
        slug: Path<String>,
    ) -> ApiResult<Json<SubscriptionList>> {
        let scope = auth::scope(&svc, req, &slug).await?;
        let items = notifications::subscriptions(&svc, &scope).await?;
        Ok(Json(SubscriptionList {
            items: items.into_iter().map(Into::into).collect(),
        }))
    }

    /// Follow a thread, a group or a project (`kind` is `thread`, `group` or `project`).
    /// Something the caller may not read answers 404.
    #[oai(path = "/networks/:slug/subscriptions/:kind/:id", method = "put")]
    async fn follow(
        &self,
        svc: Data<&Services>,
        req: &Request,
        slug: Path<String>,
        kind: Path<String>,
        id: Path<String>,
    ) -> ApiResult<Done> {
        let scope = auth::scope(&svc, req, &slug).await?;
        let subject = Subject::parse(&kind, &id)?;
        notifications::follow(&svc, &scope, subject).await?;
        Ok(Done::Ok)
    }

    /// Stop following. Not following it already is no error.
    #[oai(path = "/networks/:slug/subscriptions/:kind/:id", method = "delete")]
    async fn unfollow(
        &self,
        svc: Data<&Services>,
        req: &Request,
        slug: Path<String>,
        kind: Path<String>,
        id: Path<String>,
    ) -> ApiResult<Done> {
        let scope = auth::scope(&svc, req, &slug).await?;
        let subject = Subject::parse(&kind, &id)?;
        notifications::unfollow(&svc, &scope, subject).await?;
        Ok(Done::Ok)
    }
}
