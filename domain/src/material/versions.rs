//! Reading files and their versions, and deleting files.

use std::collections::{HashMap, HashSet};

use sea_orm::sea_query::Condition;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, IntoActiveModel,
    QueryFilter, QueryOrder, QuerySelect,
};

use super::targets::{Target, resolve};
use super::{FileDetail, FileSummary, VersionInfo};
use crate::Services;
use crate::entities::{file, file_version, membership, user};
use crate::error::{Error, Result};
use crate::ids::{FileId, UserId};
use crate::jobs::{self, Task};
use crate::tenancy::TenantScope;

/// A file that is not deleted (whoever may see it: check its target next).
pub(crate) async fn find_live(
    conn: &impl ConnectionTrait,
    scope: &TenantScope,
    id: FileId,
) -> Result<file::Model> {
    scope
        .find::<file::Entity>()
        .filter(file::Column::Id.eq(id))
        .filter(file::Column::DeletedAt.is_null())
        .one(conn)
        .await?
        .ok_or(Error::NotFound)
}

/// A live file the actor may read, with its target's rights.
pub(crate) async fn find_readable(
    conn: &impl ConnectionTrait,
    scope: &TenantScope,
    id: FileId,
) -> Result<(file::Model, super::targets::Resolved)> {
    let model = find_live(conn, scope, id).await?;
    let resolved = resolve(
        conn,
        scope,
        Target::from_parts(model.target_kind, model.target_id),
    )
    .await
    .map_err(|error| match error {
        // A visitor asking for a file is asked to sign in; everyone else learns nothing.
        Error::Unauthenticated => Error::Unauthenticated,
        _ => Error::NotFound,
    })?;
    // Case material the guard has not cleared is its uploader's alone.
    if resolved.material.is_some() && !uploaded_by_me(scope, &model) {
        let status: Option<Option<String>> = scope
            .find::<file_version::Entity>()
            .select_only()
            .column(file_version::Column::GuardStatus)
            .filter(file_version::Column::Id.eq(model.current_version_id))
            .into_tuple()
            .one(conn)
            .await?;
        if !guard_cleared(status.flatten().as_deref()) {
            return Err(Error::NotFound);
        }
    }
    Ok((model, resolved))
}

fn to_summary(model: file::Model, current: Option<&file_version::Model>) -> FileSummary {
    FileSummary {
        id: model.id,
        target: Target::from_parts(model.target_kind, model.target_id),
        name: model.name,
        content_type: model.content_type,
        size: current.map_or(0, |v| u64::try_from(v.size).unwrap_or_default()),
        version: current.map_or(0, |v| v.version),
        extraction_status: current.map_or(super::ExtractionStatus::None, |v| v.extraction_status),
        extraction_code: current.and_then(|v| v.extraction_code.clone()),
        extraction_message: current.and_then(|v| v.extraction_message.clone()),
        guard_status: current.and_then(|v| v.guard_status.clone()),
        guard_kind: current.and_then(|v| v.guard_kind.clone()),
        deleted: model.deleted_at.is_some(),
        uploaded_by: model.uploaded_by,
        updated_at: model.updated_at,
    }
}

/// The guard's verdicts under which case material is shown to others than its uploader.
pub(crate) fn guard_cleared(status: Option<&str>) -> bool {
    matches!(status, None | Some(GUARD_CLEAR) | Some(GUARD_CONFIRMED))
}

pub(crate) const GUARD_PENDING: &str = "pending";
pub(crate) const GUARD_CLEAR: &str = "clear";
pub(crate) const GUARD_BLOCKED: &str = "blocked";
pub(crate) const GUARD_NEEDS_CONFIRMATION: &str = "needs_confirmation";
pub(crate) const GUARD_CONFIRMED: &str = "confirmed";

/// Is the actor the file's uploader?
fn uploaded_by_me(scope: &TenantScope, model: &file::Model) -> bool {
    scope.member().is_some() && model.uploaded_by.is_some() && model.uploaded_by == scope.user_id()
}

/// The current versions of these files, in one query (no text).
async fn current_versions(
    conn: &impl ConnectionTrait,
    scope: &TenantScope,
    files: &[file::Model],
) -> Result<HashMap<FileId, file_version::Model>> {
    if files.is_empty() {
        return Ok(HashMap::new());
    }
    let rows = scope
        .find::<file_version::Entity>()
        .filter(file_version::Column::Id.is_in(files.iter().map(|f| f.current_version_id)))
        .all(conn)
        .await?;
    Ok(rows
        .into_iter()
        .map(|mut v| {
            v.extracted_text = None;
            (v.file_id, v)
        })
        .collect())
}

pub(crate) async fn summary(
    svc: &Services,
    scope: &TenantScope,
    id: FileId,
) -> Result<FileSummary> {
    let (model, _) = find_readable(svc.db.conn(), scope, id).await?;
    let current = current_versions(svc.db.conn(), scope, std::slice::from_ref(&model)).await?;
    let version = current.get(&model.id).cloned();
    Ok(to_summary(model, version.as_ref()))
}

/// The files attached to a target, oldest first; `NotFound` if the actor may not see it.
pub async fn list_for(
    svc: &Services,
    scope: &TenantScope,
    target: Target,
) -> Result<Vec<FileSummary>> {
    let conn = svc.db.conn();
    let resolved = resolve(conn, scope, target).await?;
    let mut query = scope
        .find::<file::Entity>()
        .filter(file::Column::TargetKind.eq(target.kind()))
        .filter(file::Column::TargetId.eq(target.id()));
    let me = scope.user_id().filter(|_| scope.member().is_some());
    query = match (resolved.material, me) {
        // Case material: the uploader also sees their files the guard blocked (deleted, with
        // the kind of identifier found), so they learn what to fix.
        (Some(_), Some(me)) => query.filter(
            Condition::any()
                .add(file::Column::DeletedAt.is_null())
                .add(file::Column::UploadedBy.eq(me)),
        ),
        _ => query.filter(file::Column::DeletedAt.is_null()),
    };
    let files = query.order_by_asc(file::Column::Id).all(conn).await?;
    let current = current_versions(conn, scope, &files).await?;
    Ok(files
        .into_iter()
        .filter_map(|f| {
            let version = current.get(&f.id);
            if resolved.material.is_some() {
                let status = version.and_then(|v| v.guard_status.as_deref());
                let mine = uploaded_by_me(scope, &f);
                let shown = if f.deleted_at.is_some() {
                    mine && status == Some(GUARD_BLOCKED)
                } else {
                    mine || guard_cleared(status)
                };
                if !shown {
                    return None;
                }
            }
            Some(to_summary(f.clone(), version))
        })
        .collect())
}

/// Display names of these users, if they are members of this network (one query each).
async fn member_names(
    conn: &impl ConnectionTrait,
    scope: &TenantScope,
    ids: HashSet<UserId>,
) -> Result<HashMap<UserId, String>> {
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    let members: Vec<UserId> = scope
        .find::<membership::Entity>()
        .select_only()
        .column(membership::Column::UserId)
        .filter(membership::Column::UserId.is_in(ids))
        .into_tuple()
        .all(conn)
        .await?;
    if members.is_empty() {
        return Ok(HashMap::new());
    }
    let rows: Vec<(UserId, String)> = user::Entity::find()
        .select_only()
        .column(user::Column::Id)
        .column(user::Column::DisplayName)
        .filter(user::Column::Id.is_in(members))
        .into_tuple()
        .all(conn)
        .await?;
    Ok(rows.into_iter().collect())
}

fn may_delete(scope: &TenantScope, model: &file::Model, can_upload: bool) -> bool {
    can_upload
        || (scope.member().is_some()
            && model.uploaded_by.is_some()
            && model.uploaded_by == scope.user_id())
}

/// A file with its versions, newest first.
pub async fn get(svc: &Services, scope: &TenantScope, id: FileId) -> Result<FileDetail> {
    let conn = svc.db.conn();
    let (model, resolved) = find_readable(conn, scope, id).await?;
    let versions = scope
        .find::<file_version::Entity>()
        .filter(file_version::Column::FileId.eq(id))
        .order_by_desc(file_version::Column::Version)
        .all(conn)
        .await?;
    let names = member_names(
        conn,
        scope,
        versions.iter().filter_map(|v| v.uploaded_by).collect(),
    )
    .await?;
    let current = versions.iter().find(|v| v.id == model.current_version_id);
    let can_delete = may_delete(scope, &model, resolved.can_upload);
    let file = to_summary(model, current);
    let versions = versions
        .into_iter()
        .map(|v| VersionInfo {
            uploaded_by_name: v.uploaded_by.and_then(|u| names.get(&u).cloned()),
            id: v.id,
            version: v.version,
            name: v.name,
            content_type: v.content_type,
            size: u64::try_from(v.size).unwrap_or_default(),
            sha256: v.sha256,
            uploaded_by: v.uploaded_by,
            created_at: v.created_at,
            extraction_status: v.extraction_status,
            extraction_code: v.extraction_code,
            extraction_message: v.extraction_message,
        })
        .collect();
    Ok(FileDetail {
        file,
        versions,
        can_replace: resolved.can_upload,
        can_delete,
    })
}

/// Deletes a file: gone from lists, downloads and search at once; its content goes when no
/// other file refers to it (`Task::CollectBlobs`).
pub async fn delete(svc: &Services, scope: &TenantScope, id: FileId) -> Result<()> {
    let txn = svc.db.begin_write().await?;
    let (model, resolved) = find_readable(&txn, scope, id).await?;
    if !may_delete(scope, &model, resolved.can_upload) {
        return Err(Error::Forbidden);
    }
    let now = svc.now();
    let mut active = model.into_active_model();
    active.deleted_at = Set(Some(now));
    active.updated_at = Set(now);
    active.update(&txn).await?;
    let tenant = Some(scope.tenant_id());
    jobs::enqueue(&txn, svc, tenant, &Task::IndexFile { file_id: id }).await?;
    jobs::enqueue(&txn, svc, tenant, &Task::CollectBlobs).await?;
    txn.commit().await?;
    Ok(())
}

/// The uploader of a text-less file of case material (a scan, an image) — or one whose text the
/// guard only suspects — confirms that it holds no identifiers; only then do others see it.
pub async fn confirm_no_identifiers(
    svc: &Services,
    scope: &TenantScope,
    id: FileId,
) -> Result<FileSummary> {
    let txn = svc.db.begin_write().await?;
    let (model, resolved) = find_readable(&txn, scope, id).await?;
    if resolved.material.is_none() {
        return Err(Error::conflict("not_case_material"));
    }
    if !uploaded_by_me(scope, &model) {
        return Err(Error::Forbidden);
    }
    let version = scope
        .find::<file_version::Entity>()
        .filter(file_version::Column::Id.eq(model.current_version_id))
        .one(&txn)
        .await?
        .ok_or(Error::NotFound)?;
    match version.guard_status.as_deref() {
        Some(GUARD_NEEDS_CONFIRMATION) => {}
        Some(GUARD_CLEAR) | Some(GUARD_CONFIRMED) => {}
        Some(GUARD_PENDING) => return Err(Error::conflict("guard_pending")),
        _ => return Err(Error::conflict("not_awaiting_confirmation")),
    }
    if version.guard_status.as_deref() == Some(GUARD_NEEDS_CONFIRMATION) {
        let mut active = version.into_active_model();
        active.guard_status = Set(Some(GUARD_CONFIRMED.to_owned()));
        active.update(&txn).await?;
    }
    txn.commit().await?;
    summary(svc, scope, id).await
}
