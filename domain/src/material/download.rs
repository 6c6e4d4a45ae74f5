//! Downloads. Permission is checked on every call, against the file's target; there is no
//! public path to a file's content.

use sea_orm::{ActiveModelTrait, ActiveValue::Set, ColumnTrait, QueryFilter};

use super::sniff;
use super::versions::find_readable;
use crate::Services;
use crate::entities::{blob, case_file_access, file_version};
use crate::error::{Error, Result};
use crate::files::BlobReader;
use crate::ids::{CaseAccessId, FileId, FileVersionId};
use crate::tenancy::TenantScope;

/// What is being downloaded.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FileMeta {
    pub file_id: FileId,
    pub version_id: FileVersionId,
    pub version: i32,
    pub name: String,
    /// From our own table of kinds, never from the client.
    pub content_type: String,
    pub size: u64,
    /// May a browser show it inline? Only raster images (never SVG or HTML).
    pub inline_allowed: bool,
}

/// The content of a file's current version, or of `version` if given.
pub async fn open(
    svc: &Services,
    scope: &TenantScope,
    file_id: FileId,
    version: Option<FileVersionId>,
) -> Result<(FileMeta, BlobReader)> {
    let conn = svc.db.conn();
    let (model, resolved) = find_readable(conn, scope, file_id).await?;
    let version_id = version.unwrap_or(model.current_version_id);
    let version = scope
        .find::<file_version::Entity>()
        .filter(file_version::Column::Id.eq(version_id))
        .filter(file_version::Column::FileId.eq(file_id))
        .one(conn)
        .await?
        .ok_or(Error::NotFound)?;
    let stored = scope
        .find::<blob::Entity>()
        .filter(blob::Column::Sha256.eq(version.sha256.as_str()))
        .one(conn)
        .await?
        .ok_or(Error::NotFound)?;
    let reader = svc.blobs.open(&stored.blob_key).await?.ok_or_else(|| {
        Error::Internal(anyhow::anyhow!(
            "blob {} is missing from the store",
            stored.blob_key
        ))
    })?;
    // Every read of case material is in its access log (only members reach it).
    if let (Some(meeting_id), Some(user)) = (resolved.material, scope.user_id()) {
        case_file_access::ActiveModel {
            id: Set(CaseAccessId::new()),
            tenant_id: Set(scope.tenant_id()),
            meeting_id: Set(meeting_id),
            file_id: Set(file_id),
            user_id: Set(user),
            action: Set("download".to_owned()),
            at: Set(svc.now()),
        }
        .insert(conn)
        .await?;
    }
    Ok((
        FileMeta {
            file_id,
            version_id: version.id,
            version: version.version,
            inline_allowed: sniff::is_inline_image(&version.content_type),
            name: version.name,
            content_type: version.content_type,
            size: u64::try_from(version.size).unwrap_or_default(),
        },
        reader,
    ))
}
