//! The worker's side of a version's text: where its bytes are, and what came out of them.
//! `worker::extract::job` calls these two; the text itself never leaves the domain except into
//! the search index.

use sea_orm::sea_query::Expr;
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ColumnTrait, IntoActiveModel, QueryFilter};

use super::{ExtractionStatus, versions};
use crate::Services;
use crate::entities::{blob, file, file_version};
use crate::error::Result;
use crate::guard;
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
    if version.guard_status.is_some() {
        // Case material: the text passes the identifier guard and is never kept or indexed.
        let verdict = guard_verdict(&outcome);
        let blocked = verdict.0 == versions::GUARD_BLOCKED;
        let mut active = version.into_active_model();
        match outcome {
            Ok(_) => {
                active.extraction_status = Set(ExtractionStatus::Done);
                active.extraction_code = Set(None);
                active.extraction_message = Set(None);
            }
            Err((code, _)) => {
                active.extraction_status = Set(ExtractionStatus::Failed);
                active.extraction_code = Set(Some(code.replace('\0', "")));
                active.extraction_message = Set(None);
            }
        }
        active.extracted_text = Set(None);
        active.guard_status = Set(Some(verdict.0.to_owned()));
        active.guard_kind = Set(verdict.1.map(str::to_owned));
        active.update(&txn).await?;
        let tenant = Some(scope.tenant_id());
        if blocked {
            // An identifier in the file: its content goes at once (the file is deleted and
            // its blob collected); its uploader sees the kind that was found.
            let now = svc.now();
            scope
                .update_many::<file::Entity>()
                .col_expr(file::Column::DeletedAt, Expr::value(Some(now)))
                .col_expr(file::Column::UpdatedAt, Expr::value(now))
                .filter(file::Column::Id.eq(file_id))
                .exec(&txn)
                .await?;
            jobs::enqueue(&txn, svc, tenant, &Task::CollectBlobs).await?;
        }
        jobs::enqueue(&txn, svc, tenant, &Task::IndexFile { file_id }).await?;
        txn.commit().await?;
        return Ok(());
    }
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

/// The guard's verdict on a case-material file's extracted text: `blocked` with the kind of
/// identifier found; `needs_confirmation` when there is no text to check (a scan, a broken file)
/// or the guard only suspects a name or an address; `clear` otherwise.
fn guard_verdict(
    outcome: &std::result::Result<String, (String, String)>,
) -> (&'static str, Option<&'static str>) {
    let Ok(text) = outcome else {
        return (versions::GUARD_NEEDS_CONFIRMATION, None);
    };
    if text.trim().is_empty() {
        return (versions::GUARD_NEEDS_CONFIRMATION, None);
    }
    let check = guard::check_text(text);
    if let Some(found) = check.identifiers.first() {
        return (versions::GUARD_BLOCKED, Some(found.code()));
    }
    if let Some(suspicion) = check.suspicions.first() {
        return (versions::GUARD_NEEDS_CONFIRMATION, Some(suspicion.code()));
    }
    (versions::GUARD_CLEAR, None)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_case_files_text_is_cleared_blocked_or_held_for_confirmation() {
        let ok = |t: &str| Ok::<String, (String, String)>(t.to_owned());
        assert_eq!(
            guard_verdict(&ok("Drøftelse af fravær i 7. klasse")),
            (versions::GUARD_CLEAR, None)
        );
        assert_eq!(
            guard_verdict(&ok("Barnets cpr: 010203-1234")),
            (versions::GUARD_BLOCKED, Some("contains_cpr"))
        );
        assert_eq!(
            guard_verdict(&ok("  \n ")),
            (versions::GUARD_NEEDS_CONFIRMATION, None)
        );
        assert_eq!(
            guard_verdict(&Err(("encrypted".into(), "x".into()))),
            (versions::GUARD_NEEDS_CONFIRMATION, None)
        );
    }
}
