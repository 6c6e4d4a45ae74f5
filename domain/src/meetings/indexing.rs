//! Meetings in search: title, description, programme and minutes, with the meeting's
//! visibility. Drafts, invited-only meetings and case consultations are never indexed (the last
//! because nothing of a consultation may leave it).

use sea_orm::{ColumnTrait, ConnectionTrait, QueryFilter, QueryOrder, QuerySelect};

use super::{MeetingKind, MeetingStatus, MeetingVisibility, programme};
use crate::Services;
use crate::entities::{meeting, meeting_minutes};
use crate::error::Result;
use crate::ids::MeetingId;
use crate::markdown;
use crate::search::{DocKind, SearchDocument};
use crate::tenancy::{TenantScope, Visibility};

pub(crate) fn doc_id(id: MeetingId) -> String {
    format!("{}:{id}", DocKind::Meeting)
}

/// The search visibility of a meeting, or `None` if it must not be in the index.
fn search_visibility(m: &meeting::Model) -> Option<Visibility> {
    if m.kind == MeetingKind::CaseConsultation || m.status == MeetingStatus::Draft {
        return None;
    }
    match m.visibility {
        MeetingVisibility::Public => Some(Visibility::Public),
        MeetingVisibility::Network | MeetingVisibility::Group => Some(Visibility::Network),
        MeetingVisibility::Invited => None,
    }
}

async fn document(
    conn: &impl ConnectionTrait,
    scope: &TenantScope,
    m: &meeting::Model,
) -> Result<Option<SearchDocument>> {
    let Some(visibility) = search_visibility(m) else {
        return Ok(None);
    };
    let mut body = markdown::plain_text(&m.description);
    for item in programme::of_meeting(conn, scope, m.id).await? {
        body.push_str("\n\n");
        body.push_str(&item.title);
        if !item.description.is_empty() {
            body.push('\n');
            body.push_str(&item.description);
        }
        for speaker in item.speakers {
            body.push('\n');
            body.push_str(&speaker.name);
            if !speaker.organisation.is_empty() {
                body.push_str(", ");
                body.push_str(&speaker.organisation);
            }
        }
    }
    if let Some(minutes) = scope
        .find::<meeting_minutes::Entity>()
        .filter(meeting_minutes::Column::MeetingId.eq(m.id))
        .one(conn)
        .await?
    {
        body.push_str("\n\n");
        body.push_str(&markdown::plain_text(&minutes.minutes));
        body.push_str("\n\n");
        body.push_str(&markdown::plain_text(&minutes.decisions));
    }
    Ok(Some(SearchDocument {
        id: doc_id(m.id),
        kind: DocKind::Meeting,
        tenant_id: m.tenant_id,
        visibility,
        group_ids: match m.visibility {
            MeetingVisibility::Group => m.group_id.into_iter().collect(),
            _ => Vec::new(),
        },
        language: scope.network().default_language,
        title: m.title.clone(),
        body,
        tags: vec![m.kind.as_str().to_owned()],
        organisation: None,
        sectors: vec![],
        status: None,
        year: Some(chrono::Datelike::year(&m.starts_at)),
        path: format!("meetings/{}", m.id),
        updated_at: m.updated_at,
        title_terms: vec![],
        terms: vec![],
    }))
}

/// Brings the index in line with one meeting: indexes it as it is now, or removes it.
pub(crate) async fn index_meeting(
    svc: &Services,
    scope: &TenantScope,
    id: MeetingId,
) -> Result<()> {
    let conn = svc.db.conn();
    let found = scope
        .find::<meeting::Entity>()
        .filter(meeting::Column::Id.eq(id))
        .one(conn)
        .await?;
    let document = match &found {
        Some(m) => document(conn, scope, m).await?,
        None => None,
    };
    match document {
        Some(document) => crate::search::write_documents(svc, scope, vec![document]).await?,
        None => svc.search.delete(vec![doc_id(id)]).await?,
    }
    Ok(())
}

/// Writes every indexable meeting of a network (the rebuild); returns the ids it wrote.
pub(crate) async fn index_all(svc: &Services, scope: &TenantScope) -> Result<Vec<String>> {
    const BATCH: u64 = 500;
    let conn = svc.db.conn();
    let mut written = Vec::new();
    let mut after: Option<MeetingId> = None;
    loop {
        let mut query = scope
            .find::<meeting::Entity>()
            .order_by_asc(meeting::Column::Id)
            .limit(BATCH);
        if let Some(after) = after {
            query = query.filter(meeting::Column::Id.gt(after));
        }
        let rows = query.all(conn).await?;
        let Some(last) = rows.last() else {
            break;
        };
        after = Some(last.id);
        let mut docs = Vec::new();
        for m in &rows {
            if let Some(doc) = document(conn, scope, m).await? {
                docs.push(doc);
            }
        }
        written.extend(docs.iter().map(|d| d.id.clone()));
        crate::search::write_documents(svc, scope, docs).await?;
    }
    Ok(written)
}
