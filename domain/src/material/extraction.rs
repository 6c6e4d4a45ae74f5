//! The worker's side of a version's text: where its bytes are, and what came out of them.
//! `worker::extract::job` calls these two; the text itself never leaves the domain except into
//! the search index.

use sea_orm::{ActiveModelTrait, ActiveValue::Set, ColumnTrait, IntoActiveModel, QueryFilter};

use super::ExtractionStatus;
use crate::Services;
use crate::entities::{blob, file, file_version};
use crate::error::Result;
use crate::ids::FileVersionId;
use crate::jobs::{self, Task};
use crate::tenancy::TenantScope;

/// Where a version's bytes are and what it claims to be.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExtractionSource {
    pub blob_key: String,
    pub content_type: String,
    pub file_name: String,
    pub size: u64,
}

/// The bytes to read for `version_id`, or `None` if there is nothing to do: the version or its
/// file is gone, or its kind carries no text (images).
pub async fn extraction_source(
    svc: &Services,
    scope: &TenantScope,
    version_id: FileVersionId,
) -> Result<Option<ExtractionSource>> {
    let conn = svc.db.conn();
    let Some(version) = scope
        .find::<file_version::Entity>()
        .filter(file_version::Column::Id.eq(version_id))
        .one(conn)
        .await?
    else {
        return Ok(None);
    };
    if version.extraction_status == ExtractionStatus::None {
        return Ok(None);
    }
    let live = scope
        .find::<file::Entity>()
        .filter(file::Column::Id.eq(version.file_id))
        .filter(file::Column::DeletedAt.is_null())
        .one(conn)
        .await?
        .is_some();
    if !live {
        return Ok(None);
    }
    let Some(stored) = scope
        .find::<blob::Entity>()
        .filter(blob::Column::Sha256.eq(version.sha256.as_str()))
        .one(conn)
        .await?
    else {
        return Ok(None);
    };
    Ok(Some(ExtractionSource {
        blob_key: stored.blob_key,
        content_type: version.content_type,
        file_name: version.name,
        size: u64::try_from(version.size).unwrap_or_default(),
    }))
}

/// Records what extraction gave: the text, or a stable code and a message for people. Enqueues
/// the file's re-indexing on the same transaction. A version that is gone is no error.
pub async fn record_extraction(
    svc: &Services,
    scope: &TenantScope,
    version_id: FileVersionId,
    outcome: std::result::Result<String, (String, String)>,
) -> Result<()> {
    let txn = svc.db.begin_write().await?;
    let Some(version) = scope
        .find::<file_version::Entity>()
        .filter(file_version::Column::Id.eq(version_id))
        .one(&txn)
        .await?
    else {
        return Ok(());
    };
    let file_id = version.file_id;
    let mut active = version.into_active_model();
    // PostgreSQL text cannot hold NUL; nothing worth finding is lost with it.
    let clean = |s: String| s.replace('\0', "");
    match outcome {
        Ok(text) => {
            active.extraction_status = Set(ExtractionStatus::Done);
            active.extracted_text = Set(Some(clean(text)));
            active.extraction_code = Set(None);
            active.extraction_message = Set(None);
        }
        Err((code, message)) => {
            active.extraction_status = Set(ExtractionStatus::Failed);
            active.extracted_text = Set(None);
            active.extraction_code = Set(Some(clean(code)));
            active.extraction_message = Set(Some(clean(message)));
        }
    }
    active.update(&txn).await?;
    jobs::enqueue(
        &txn,
        svc,
        Some(scope.tenant_id()),
        &Task::IndexFile { file_id },
    )
    .await?;
    txn.commit().await?;
    Ok(())
}
