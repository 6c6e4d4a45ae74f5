//! Shared material: files attached to a project, a meeting, a thread or a working group, their
//! versions, the blobs they share, and each network's storage quota.
//!
//! Content goes to the `BlobStore` port, streamed, under a fresh random key; the database keeps
//! what it is (name, type, size, SHA-256) and who may see it — exactly who may see its target.
//! Identical content within one network is stored once (`blobs`, keyed by network and hash);
//! never across networks, so no network can learn what another one holds.
//!
//! The worker reads each version's text ([`extraction_source`] / [`record_extraction`], called
//! by `worker::extract::job`) and the search index carries the current version's text with the
//! visibility and group of the file's target.

mod download;
mod extraction;
mod indexing;
mod quota;
mod sniff;
mod targets;
mod upload;
mod versions;

use chrono::{DateTime, Utc};

pub use download::{FileMeta, open};
pub use extraction::{ExtractionSource, extraction_source, record_extraction};
pub use indexing::index_file;
pub(crate) use indexing::{index_all, index_files_of};
pub use quota::{StorageUsage, collect_blobs, set_quota, usage};
pub use sniff::ALLOWED_EXTENSIONS;
pub use targets::{Target, can_upload};
pub use upload::{replace, upload};
pub use versions::{confirm_no_identifiers, delete, get, list_for};

/// `download` is the name the other areas know; it is [`open`].
pub use download::open as download;

use crate::ids::{FileId, FileVersionId, UserId};
use crate::macros::string_enum;

string_enum! {
    /// What a file is attached to.
    pub enum TargetKind {
        Project = "project",
        Meeting = "meeting",
        Thread = "thread",
        Group = "group",
        /// A case of a consultation meeting: case material.
        Case = "case",
    }
}

string_enum! {
    /// Where the text of a version stands: being read, read, failed (with a reason), or a kind
    /// that has no text worth reading (images).
    pub enum ExtractionStatus {
        Pending = "pending",
        Done = "done",
        Failed = "failed",
        None = "none",
    }
}

/// A file in a list.
#[derive(Clone, Debug)]
pub struct FileSummary {
    pub id: FileId,
    pub target: Target,
    pub name: String,
    pub content_type: String,
    /// Of the current version.
    pub size: u64,
    pub version: i32,
    pub extraction_status: ExtractionStatus,
    pub extraction_code: Option<String>,
    pub extraction_message: Option<String>,
    pub uploaded_by: Option<UserId>,
    pub updated_at: DateTime<Utc>,
    /// Case material only: the identifier guard's verdict on the current version (`pending`,
    /// `clear`, `blocked`, `needs_confirmation`, `confirmed`); `None` for other files.
    pub guard_status: Option<String>,
    /// With `blocked` (or a `needs_confirmation` after a suspicion): the kind found, as the
    /// guard's code — never what was found.
    pub guard_kind: Option<String>,
    /// The file was deleted (a blocked file, shown only to its uploader).
    pub deleted: bool,
}

/// One version of a file.
#[derive(Clone, Debug)]
pub struct VersionInfo {
    pub id: FileVersionId,
    pub version: i32,
    pub name: String,
    pub content_type: String,
    pub size: u64,
    pub sha256: String,
    pub uploaded_by: Option<UserId>,
    pub uploaded_by_name: Option<String>,
    pub created_at: DateTime<Utc>,
    pub extraction_status: ExtractionStatus,
    pub extraction_code: Option<String>,
    pub extraction_message: Option<String>,
}

/// A file with its versions (newest first) and what the caller may do with it.
#[derive(Clone, Debug)]
pub struct FileDetail {
    pub file: FileSummary,
    pub versions: Vec<VersionInfo>,
    pub can_replace: bool,
    pub can_delete: bool,
}

use crate::entities::{blob, file, file_version, network_storage};
use crate::tenancy::TenantOwned;

impl TenantOwned for file::Entity {
    fn tenant_column() -> Self::Column {
        file::Column::TenantId
    }
}

impl TenantOwned for file_version::Entity {
    fn tenant_column() -> Self::Column {
        file_version::Column::TenantId
    }
}

impl TenantOwned for blob::Entity {
    fn tenant_column() -> Self::Column {
        blob::Column::TenantId
    }
}

impl TenantOwned for network_storage::Entity {
    fn tenant_column() -> Self::Column {
        network_storage::Column::Id
    }
}
