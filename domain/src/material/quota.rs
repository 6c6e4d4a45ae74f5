//! The per-network storage quota, and the collection of blobs nothing refers to any more.
//!
//! Usage is the sum of the network's blobs: content shared by several files or versions counts
//! once. Uploads and collection in one network are serialised on the network's row (`FOR
//! UPDATE` on PostgreSQL; SQLite's single writer does it there), so two uploads cannot both fit
//! into the last free megabyte, and a blob is never collected while an upload reuses it.

use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{ColumnTrait, ConnectionTrait, DbBackend, QueryFilter, QuerySelect};

use crate::Services;
use crate::entities::{blob, file, file_version, network_storage};
use crate::error::{Error, Result};
use crate::policy::Action;
use crate::tenancy::TenantScope;

/// How much of its quota a network uses, in bytes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct StorageUsage {
    pub used: u64,
    pub quota: u64,
}

pub(crate) async fn used_bytes(conn: &impl ConnectionTrait, scope: &TenantScope) -> Result<u64> {
    // SUM of a bigint is numeric on PostgreSQL; cast it back.
    let total: Option<i64> = scope
        .find::<blob::Entity>()
        .select_only()
        .column_as(
            Expr::cust("CAST(COALESCE(SUM(size), 0) AS BIGINT)"),
            "total",
        )
        .into_tuple()
        .one(conn)
        .await?;
    Ok(u64::try_from(total.unwrap_or_default()).unwrap_or_default())
}

/// The network's quota; on PostgreSQL also locks the network's row for this transaction.
pub(crate) async fn lock_quota(conn: &impl ConnectionTrait, scope: &TenantScope) -> Result<u64> {
    let mut query = scope.find::<network_storage::Entity>();
    if conn.get_database_backend() == DbBackend::Postgres {
        query = query.lock_exclusive();
    }
    let row = query.one(conn).await?.ok_or(Error::NotFound)?;
    Ok(u64::try_from(row.storage_quota_bytes).unwrap_or_default())
}

/// The network's storage use, for members.
pub async fn usage(svc: &Services, scope: &TenantScope) -> Result<StorageUsage> {
    scope.require(Action::ReadContent)?;
    let conn = svc.db.conn();
    let quota = scope
        .find::<network_storage::Entity>()
        .one(conn)
        .await?
        .ok_or(Error::NotFound)?;
    Ok(StorageUsage {
        used: used_bytes(conn, scope).await?,
        quota: u64::try_from(quota.storage_quota_bytes).unwrap_or_default(),
    })
}

/// Sets a network's quota (operator and tests).
pub async fn set_quota(svc: &Services, scope: &TenantScope, bytes: u64) -> Result<()> {
    scope.require(Action::ManageNetworkSettings)?;
    scope
        .update_many::<network_storage::Entity>()
        .col_expr(
            network_storage::Column::StorageQuotaBytes,
            Expr::value(i64::try_from(bytes).unwrap_or(i64::MAX)),
        )
        .exec(svc.db.conn())
        .await?;
    Ok(())
}

/// Deletes the network's blobs that no version of a live file refers to, rows first and then
/// the stored objects; returns how many. (Versions of deleted files keep their metadata, not
/// their content.)
pub async fn collect_blobs(svc: &Services, scope: &TenantScope) -> Result<u64> {
    let txn = svc.db.begin_write().await?;
    lock_quota(&txn, scope).await?;
    let referenced = scope
        .subquery::<file_version::Entity>((file_version::Entity, file_version::Column::Sha256))
        .inner_join(
            file::Entity,
            Expr::col((file::Entity, file::Column::Id))
                .equals((file_version::Entity, file_version::Column::FileId)),
        )
        .and_where(file::Column::DeletedAt.is_null())
        .to_owned();
    let orphans = scope
        .find::<blob::Entity>()
        .filter(blob::Column::Sha256.not_in_subquery(referenced))
        .all(&txn)
        .await?;
    if orphans.is_empty() {
        return Ok(0);
    }
    scope
        .delete_many::<blob::Entity>()
        .filter(blob::Column::Sha256.is_in(orphans.iter().map(|b| b.sha256.clone())))
        .exec(&txn)
        .await?;
    txn.commit().await?;
    for orphan in &orphans {
        // A failure leaves an object no row refers to: harmless, and logged for the operator.
        if let Err(error) = svc.blobs.delete(&orphan.blob_key).await {
            tracing::warn!(key = %orphan.blob_key, error = %error, "could not delete a collected blob");
        }
    }
    Ok(orphans.len() as u64)
}
