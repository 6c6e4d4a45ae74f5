//! Uploading a file and replacing it with a new version.
//!
//! The content streams from the caller's reader through a size-limiting reader into the store
//! under a fresh key, so nothing holds the whole file in memory. Only then does one transaction
//! decide: identical content already in the network is reused (and the new object deleted), the
//! quota is checked, and the file, its version and its jobs are written together. Anything that
//! fails after the object was written deletes it again.

use std::io;
use std::pin::Pin;
use std::task::{Context, Poll};

use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseTransaction,
    DbBackend, IntoActiveModel, QueryFilter, QueryOrder, QuerySelect,
};
use tokio::io::{AsyncRead, AsyncReadExt, ReadBuf};

use super::sniff::{self, HEAD_BYTES};
use super::targets::{Target, resolve};
use super::{ExtractionStatus, FileSummary, quota, versions};
use crate::Services;
use crate::entities::{blob, file, file_version};
use crate::error::{Error, Result};
use crate::ids::{FileId, FileVersionId};
use crate::jobs::{self, Task};
use crate::tenancy::TenantScope;

/// Counts what passes through and fails the read once more than `limit` bytes came; notes
/// when the client's body itself broke off, so that the store's failure is not taken for ours.
struct Limited<R> {
    inner: R,
    limit: u64,
    seen: u64,
    exceeded: bool,
    broken: bool,
}

impl<R: AsyncRead + Unpin> AsyncRead for Limited<R> {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        let before = buf.filled().len();
        let this = &mut *self;
        match Pin::new(&mut this.inner).poll_read(cx, buf) {
            Poll::Ready(Ok(())) => {
                this.seen += (buf.filled().len() - before) as u64;
                if this.seen > this.limit {
                    this.exceeded = true;
                    return Poll::Ready(Err(io::Error::other("the upload is larger than allowed")));
                }
                Poll::Ready(Ok(()))
            }
            Poll::Ready(Err(error)) => {
                this.broken = true;
                Poll::Ready(Err(error))
            }
            Poll::Pending => Poll::Pending,
        }
    }
}

/// What went into the store.
struct Stored {
    key: String,
    size: u64,
    sha256: String,
    content_type: &'static str,
}

fn too_large() -> Error {
    Error::invalid("file", "too_large")
}

/// The client's body broke off (a dropped or stalled connection): the client's failure, not ours.
fn incomplete() -> Error {
    Error::invalid("file", "incomplete")
}

/// Streams the content into the store under a fresh key, checking its kind on the first bytes.
async fn store(
    svc: &Services,
    scope: &TenantScope,
    name: &str,
    declared: &str,
    reader: &mut (dyn AsyncRead + Send + Unpin),
) -> Result<Stored> {
    let limit = svc.config.max_upload_bytes;
    let mut head = vec![0u8; HEAD_BYTES];
    let mut filled = 0;
    while filled < head.len() {
        let n = reader
            .read(&mut head[filled..])
            .await
            .map_err(|_| incomplete())?;
        if n == 0 {
            break;
        }
        filled += n;
    }
    head.truncate(filled);
    if filled as u64 > limit {
        return Err(too_large());
    }
    let content_type = sniff::content_type(name, declared, &head)?;

    let key = format!("t/{}/{}", scope.tenant_id(), uuid::Uuid::now_v7());
    let mut limited = Limited {
        inner: (&head[..]).chain(reader),
        limit,
        seen: 0,
        exceeded: false,
        broken: false,
    };
    match svc.blobs.put(&key, &mut limited).await {
        Ok(stored) => Ok(Stored {
            key,
            size: stored.size,
            sha256: stored.sha256,
            content_type,
        }),
        Err(error) => {
            // The port promises no partial blob; deleting again costs little and makes sure.
            let _ = svc.blobs.delete(&key).await;
            if limited.exceeded {
                Err(too_large())
            } else if limited.broken {
                Err(incomplete())
            } else {
                Err(Error::Internal(error.context("storing an upload")))
            }
        }
    }
}

/// Finds or records the blob for `stored` on the transaction, within the quota. Returns whether
/// the new object turned out to be a duplicate (and should be deleted after commit).
async fn place_blob(
    txn: &DatabaseTransaction,
    svc: &Services,
    scope: &TenantScope,
    stored: &Stored,
) -> Result<bool> {
    let allowed = quota::lock_quota(txn, scope).await?;
    let mut existing = scope
        .find::<blob::Entity>()
        .filter(blob::Column::Sha256.eq(stored.sha256.as_str()));
    if txn.get_database_backend() == DbBackend::Postgres {
        existing = existing.lock_exclusive();
    }
    if existing.one(txn).await?.is_some() {
        return Ok(true);
    }
    let used = quota::used_bytes(txn, scope).await?;
    if used.saturating_add(stored.size) > allowed {
        return Err(Error::invalid("file", "quota_exceeded"));
    }
    blob::ActiveModel {
        tenant_id: Set(scope.tenant_id()),
        sha256: Set(stored.sha256.clone()),
        blob_key: Set(stored.key.clone()),
        size: Set(i64::try_from(stored.size).map_err(|_| too_large())?),
        created_at: Set(svc.now()),
    }
    .insert(txn)
    .await?;
    Ok(false)
}

#[allow(clippy::too_many_arguments)]
async fn new_version(
    txn: &DatabaseTransaction,
    svc: &Services,
    scope: &TenantScope,
    file_id: FileId,
    version: i32,
    name: &str,
    stored: &Stored,
    material: bool,
) -> Result<file_version::Model> {
    let status = if sniff::has_text(stored.content_type) {
        ExtractionStatus::Pending
    } else {
        ExtractionStatus::None
    };
    // Case material waits for the identifier guard; a kind without text waits for its
    // uploader's word that it holds no identifiers.
    let guard_status = material.then(|| {
        if status == ExtractionStatus::Pending {
            versions::GUARD_PENDING
        } else {
            versions::GUARD_NEEDS_CONFIRMATION
        }
        .to_owned()
    });
    let model = file_version::ActiveModel {
        id: Set(FileVersionId::new()),
        tenant_id: Set(scope.tenant_id()),
        file_id: Set(file_id),
        version: Set(version),
        name: Set(name.to_owned()),
        content_type: Set(stored.content_type.to_owned()),
        size: Set(i64::try_from(stored.size).map_err(|_| too_large())?),
        sha256: Set(stored.sha256.clone()),
        uploaded_by: Set(scope.member().map(|m| m.user_id)),
        created_at: Set(svc.now()),
        extraction_status: Set(status),
        extraction_code: Set(None),
        extraction_message: Set(None),
        extracted_text: Set(None),
        guard_status: Set(guard_status),
        guard_kind: Set(None),
    }
    .insert(txn)
    .await?;
    let tenant = Some(scope.tenant_id());
    if status == ExtractionStatus::Pending {
        let task = Task::ExtractFileText {
            version_id: model.id,
        };
        jobs::enqueue(txn, svc, tenant, &task).await?;
    }
    jobs::enqueue(txn, svc, tenant, &Task::IndexFile { file_id }).await?;
    Ok(model)
}

/// Runs `write` on a transaction after `stored` was put; deletes the object if it fails, or if
/// it turned out to be a duplicate.
async fn commit_or_discard<T>(
    svc: &Services,
    stored: &Stored,
    write: impl AsyncFnOnce(&DatabaseTransaction) -> Result<(T, bool)>,
) -> Result<T> {
    let outcome = async {
        let txn = svc.db.begin_write().await?;
        let (value, duplicate) = write(&txn).await?;
        txn.commit().await?;
        Ok::<_, Error>((value, duplicate))
    }
    .await;
    match outcome {
        Ok((value, duplicate)) => {
            if duplicate && let Err(error) = svc.blobs.delete(&stored.key).await {
                tracing::warn!(key = %stored.key, error = %error, "could not delete a duplicate upload");
            }
            Ok(value)
        }
        Err(error) => {
            if let Err(delete_error) = svc.blobs.delete(&stored.key).await {
                tracing::warn!(key = %stored.key, error = %delete_error, "could not delete a refused upload");
            }
            Err(error)
        }
    }
}

/// Attaches a new file to `target`. `declared` is the media type the client sent (may be
/// empty); the stored type follows from the name and the content.
pub async fn upload(
    svc: &Services,
    scope: &TenantScope,
    target: Target,
    name: &str,
    declared: &str,
    reader: &mut (dyn AsyncRead + Send + Unpin),
) -> Result<FileSummary> {
    let name = sniff::clean_name(name)?;
    sniff::check_extension(&name)?;
    let resolved = resolve(svc.db.conn(), scope, target).await?;
    if !resolved.can_upload {
        return Err(Error::Forbidden);
    }
    let material = resolved.material.is_some();
    let stored = store(svc, scope, &name, declared, reader).await?;
    let file_id = commit_or_discard(svc, &stored, async |txn| {
        // The target may have gone while the content streamed.
        resolve(txn, scope, target).await?;
        let duplicate = place_blob(txn, svc, scope, &stored).await?;
        let file_id = FileId::new();
        let now = svc.now();
        // The file points at its first version and the version at the file; the version goes in
        // second, as its foreign key needs the file.
        let version_id = FileVersionId::new();
        file::ActiveModel {
            id: Set(file_id),
            tenant_id: Set(scope.tenant_id()),
            target_kind: Set(target.kind()),
            target_id: Set(target.id()),
            name: Set(name.clone()),
            content_type: Set(stored.content_type.to_owned()),
            current_version_id: Set(version_id),
            uploaded_by: Set(scope.member().map(|m| m.user_id)),
            deleted_at: Set(None),
            created_at: Set(now),
            updated_at: Set(now),
        }
        .insert(txn)
        .await?;
        let version = new_version(txn, svc, scope, file_id, 1, &name, &stored, material).await?;
        scope
            .update_many::<file::Entity>()
            .col_expr(file::Column::CurrentVersionId, Expr::value(version.id))
            .filter(file::Column::Id.eq(file_id))
            .exec(txn)
            .await?;
        Ok((file_id, duplicate))
    })
    .await?;
    versions::summary(svc, scope, file_id).await
}

/// Replaces a file's content with a new version; the earlier versions stay.
pub async fn replace(
    svc: &Services,
    scope: &TenantScope,
    file_id: FileId,
    name: &str,
    declared: &str,
    reader: &mut (dyn AsyncRead + Send + Unpin),
) -> Result<FileSummary> {
    let name = sniff::clean_name(name)?;
    sniff::check_extension(&name)?;
    let existing = versions::find_live(svc.db.conn(), scope, file_id).await?;
    let target = Target::from_parts(existing.target_kind, existing.target_id);
    let resolved = resolve(svc.db.conn(), scope, target).await?;
    if !resolved.can_upload {
        return Err(Error::Forbidden);
    }
    let material = resolved.material.is_some();
    let stored = store(svc, scope, &name, declared, reader).await?;
    commit_or_discard(svc, &stored, async |txn| {
        let current = versions::find_live(txn, scope, file_id).await?;
        resolve(txn, scope, target).await?;
        let duplicate = place_blob(txn, svc, scope, &stored).await?;
        let last: Option<i32> = scope
            .find::<file_version::Entity>()
            .select_only()
            .column(file_version::Column::Version)
            .filter(file_version::Column::FileId.eq(file_id))
            .order_by_desc(file_version::Column::Version)
            .limit(1)
            .into_tuple()
            .one(txn)
            .await?;
        let number = last.unwrap_or(0) + 1;
        let version =
            new_version(txn, svc, scope, file_id, number, &name, &stored, material).await?;
        let mut active = current.into_active_model();
        active.name = Set(name.clone());
        active.content_type = Set(stored.content_type.to_owned());
        active.current_version_id = Set(version.id);
        active.updated_at = Set(svc.now());
        active.update(txn).await?;
        Ok(((), duplicate))
    })
    .await?;
    versions::summary(svc, scope, file_id).await
}
