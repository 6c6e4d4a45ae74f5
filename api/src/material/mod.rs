//! Shared material: files attached to a project, a meeting, a thread or a working group.
//!
//! Uploads are the raw request body (`application/octet-stream`), streamed to storage, with the
//! target and the file name in the query. Too large, an unsupported type (by extension and by the
//! first bytes) and a full quota answer 422 with the field `file` and the codes `too_large`,
//! `unsupported_type` and `quota_exceeded` (the last also as the problem's `code`, with the
//! bytes used and allowed in `detail`); a body that breaks off answers 422 `incomplete` (408
//! `upload_stalled` when it stalled past the idle timeout). Downloads are attachments, checked on every request;
//! whoever may not see the file's target gets 404.
//!
//! Files of a case-consultation meeting and of a case (`target_kind=case`) are case material:
//! read only by the readers of that material (see the consultations API), every download is
//! logged, they are never in search, and their text passes the identifier guard
//! (`guard_status`): a file in which it finds an identifier is deleted at once and its uploader
//! sees `blocked` with the kind found in `guard_kind` (never the identifier); a file without
//! text waits in `needs_confirmation` until its uploader confirms it holds no identifiers
//! (`POST …/files/{id}/confirm-no-identifiers`). Until then only the uploader sees it.

use chrono::{DateTime, Utc};
use domain::Services;
use domain::ids::{FileId, FileVersionId};
use domain::material::{self, ExtractionStatus, FileDetail, FileSummary, Target, VersionInfo};
use domain::tenancy::TenantScope;
use poem::http::StatusCode;
use poem::http::header::{CONTENT_DISPOSITION, CONTENT_TYPE};
use poem::web::Data;
use poem::{Body, Request};
use poem_openapi::param::{Path, Query};
use poem_openapi::payload::{Binary, Json, Response};
use poem_openapi::{ApiResponse, Object, OpenApi, Tags};

use crate::auth;
use crate::problem::{ApiError, ApiResult, ProblemField};

#[derive(Tags)]
enum MaterialTags {
    /// Files attached to projects, meetings, threads and working groups, with their versions.
    Files,
}

#[derive(Debug, Clone, Object)]
#[oai(rename = "File")]
pub struct FileOut {
    pub id: uuid::Uuid,
    /// `project`, `meeting`, `thread`, `group` or `case`.
    pub target_kind: String,
    pub target_id: uuid::Uuid,
    pub name: String,
    pub content_type: String,
    /// Bytes, of the current version.
    pub size: u64,
    pub version: i32,
    /// `pending` (text being read), `done`, `failed` (see `extraction_code`) or `none`.
    pub extraction_status: String,
    pub extraction_code: Option<String>,
    pub extraction_message: Option<String>,
    pub updated_at: DateTime<Utc>,
    /// Case material only: `pending`, `clear`, `blocked`, `needs_confirmation` or `confirmed`.
    pub guard_status: Option<String>,
    /// With `blocked` or `needs_confirmation`: the guard's code for what it found
    /// (`contains_cpr`, `possible_name`, …), never the text.
    pub guard_kind: Option<String>,
    /// Deleted (a blocked file, shown to its uploader only).
    pub deleted: bool,
}

fn status(s: ExtractionStatus) -> String {
    s.as_str().to_owned()
}

impl From<FileSummary> for FileOut {
    fn from(f: FileSummary) -> Self {
        Self {
            id: f.id.0,
            target_kind: f.target.kind().as_str().to_owned(),
            target_id: f.target.id(),
            name: f.name,
            content_type: f.content_type,
            size: f.size,
            version: f.version,
            extraction_status: status(f.extraction_status),
            extraction_code: f.extraction_code,
            extraction_message: f.extraction_message,
            updated_at: f.updated_at,
            guard_status: f.guard_status,
            guard_kind: f.guard_kind,
            deleted: f.deleted,
        }
    }
}

#[derive(Debug, Clone, Object)]
#[oai(rename = "FileVersion")]
pub struct VersionOut {
    pub id: uuid::Uuid,
    pub version: i32,
    pub name: String,
    pub content_type: String,
    pub size: u64,
    /// Lowercase hex.
    pub sha256: String,
    pub uploaded_by_name: Option<String>,
    pub created_at: DateTime<Utc>,
    pub extraction_status: String,
    pub extraction_code: Option<String>,
    pub extraction_message: Option<String>,
}

impl From<VersionInfo> for VersionOut {
    fn from(v: VersionInfo) -> Self {
        Self {
            id: v.id.0,
            version: v.version,
            name: v.name,
            content_type: v.content_type,
            size: v.size,
            sha256: v.sha256,
            uploaded_by_name: v.uploaded_by_name,
            created_at: v.created_at,
            extraction_status: status(v.extraction_status),
            extraction_code: v.extraction_code,
            extraction_message: v.extraction_message,
        }
    }
}

#[derive(Debug, Clone, Object)]
#[oai(rename = "FileDetails")]
pub struct FileDetailOut {
    pub file: FileOut,
    /// Newest first.
    pub versions: Vec<VersionOut>,
    pub can_replace: bool,
    pub can_delete: bool,
}

impl From<FileDetail> for FileDetailOut {
    fn from(d: FileDetail) -> Self {
        Self {
            file: d.file.into(),
            versions: d.versions.into_iter().map(Into::into).collect(),
            can_replace: d.can_replace,
            can_delete: d.can_delete,
        }
    }
}

#[derive(Debug, Clone, Object)]
#[oai(rename = "FileList")]
pub struct FileList {
    pub items: Vec<FileOut>,
}

#[derive(ApiResponse)]
enum Created {
    /// The file was stored.
    #[oai(status = 201)]
    Created(Json<FileOut>),
}

#[derive(ApiResponse)]
enum Deleted {
    /// The file is deleted.
    #[oai(status = 204)]
    Deleted,
}

/// A `quota_exceeded` refusal says how much is used and allowed.
async fn upload_error(svc: &Services, scope: &TenantScope, error: domain::Error) -> ApiError {
    let quota = matches!(&error, domain::Error::Invalid(fields)
        if fields.iter().any(|f| f.code == "quota_exceeded"));
    if !quota {
        return error.into();
    }
    let detail = match material::usage(svc, scope).await {
        Ok(usage) => format!(
            "The network's storage quota is full: {} of {} bytes are used. Delete files or ask \
             the operator for more room.",
            usage.used, usage.quota
        ),
        Err(_) => "The network's storage quota is full.".to_owned(),
    };
    ApiError::new(
        StatusCode::UNPROCESSABLE_ENTITY,
        "quota_exceeded",
        detail,
        vec![ProblemField {
            field: "file".into(),
            code: "quota_exceeded".into(),
        }],
    )
}

/// `filename*=UTF-8''…` (RFC 6266/8187), with a plain ASCII fallback.
pub fn content_disposition(kind: &str, name: &str) -> String {
    let ascii: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_' | ' ') {
                c
            } else {
                '_'
            }
        })
        .collect();
    let mut encoded = String::new();
    for byte in name.as_bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~".contains(byte) {
            encoded.push(char::from(*byte));
        } else {
            encoded.push_str(&format!("%{byte:02X}"));
        }
    }
    format!("{kind}; filename=\"{ascii}\"; filename*=UTF-8''{encoded}")
}

pub struct MaterialApi;

#[OpenApi(tag = "MaterialTags::Files")]
impl MaterialApi {
    /// Upload a file to a target. The body is the file's bytes (`application/octet-stream`),
    /// streamed; at most the configured size (default 50 MB).
    #[oai(path = "/networks/:slug/files", method = "post")]
    #[allow(clippy::too_many_arguments)] // poem-openapi takes each parameter as an argument
    async fn upload(
        &self,
        svc: Data<&Services>,
        req: &Request,
        slug: Path<String>,
        /// `project`, `meeting`, `thread`, `group` or `case`.
        target_kind: Query<String>,
        target_id: Query<String>,
        /// The file's name, with its extension (`.pdf`, `.docx`, …).
        name: Query<String>,
        body: Binary<Body>,
    ) -> ApiResult<Created> {
        let scope = auth::scope(&svc, req, &slug).await?;
        let target = Target::parse(&target_kind, &target_id)?;
        let mut reader = Box::pin(body.0.into_async_read());
        match material::upload(&svc, &scope, target, &name, "", &mut reader).await {
            Ok(file) => Ok(Created::Created(Json(file.into()))),
            Err(error) => Err(upload_error(&svc, &scope, error).await),
        }
    }

    /// The files of a target, oldest first.
    #[oai(path = "/networks/:slug/files", method = "get")]
    async fn list(
        &self,
        svc: Data<&Services>,
        req: &Request,
        slug: Path<String>,
        target_kind: Query<String>,
        target_id: Query<String>,
    ) -> ApiResult<Json<FileList>> {
        let scope = auth::scope(&svc, req, &slug).await?;
        let target = Target::parse(&target_kind, &target_id)?;
        let files = material::list_for(&svc, &scope, target).await?;
        Ok(Json(FileList {
            items: files.into_iter().map(Into::into).collect(),
        }))
    }

    /// A file with its versions and the state of its text extraction.
    #[oai(path = "/networks/:slug/files/:id", method = "get")]
    async fn get(
        &self,
        svc: Data<&Services>,
        req: &Request,
        slug: Path<String>,
        id: Path<uuid::Uuid>,
    ) -> ApiResult<Json<FileDetailOut>> {
        let scope = auth::scope(&svc, req, &slug).await?;
        Ok(Json(
            material::get(&svc, &scope, FileId(id.0)).await?.into(),
        ))
    }

    /// The file's content (the current version, or `version`), as an attachment.
    #[oai(path = "/networks/:slug/files/:id/content", method = "get")]
    async fn content(
        &self,
        svc: Data<&Services>,
        req: &Request,
        slug: Path<String>,
        id: Path<uuid::Uuid>,
        /// A version's id.
        version: Query<Option<uuid::Uuid>>,
    ) -> ApiResult<Response<Binary<Body>>> {
        let scope = auth::scope(&svc, req, &slug).await?;
        let (meta, reader) =
            material::open(&svc, &scope, FileId(id.0), version.0.map(FileVersionId)).await?;
        Ok(Response::new(Binary(Body::from_async_read(reader)))
            .header(CONTENT_TYPE, meta.content_type.as_str())
            .header(
                CONTENT_DISPOSITION,
                content_disposition("attachment", &meta.name),
            )
            .header("X-Content-Type-Options", "nosniff")
            .header("Content-Security-Policy", "sandbox")
            .header("Cache-Control", "private, no-store"))
    }

    /// Replace the file's content with a new version (the earlier ones are kept).
    #[oai(path = "/networks/:slug/files/:id/content", method = "put")]
    async fn replace(
        &self,
        svc: Data<&Services>,
        req: &Request,
        slug: Path<String>,
        id: Path<uuid::Uuid>,
        /// The new version's name, with its extension.
        name: Query<String>,
        body: Binary<Body>,
    ) -> ApiResult<Json<FileOut>> {
        let scope = auth::scope(&svc, req, &slug).await?;
        let mut reader = Box::pin(body.0.into_async_read());
        match material::replace(&svc, &scope, FileId(id.0), &name, "", &mut reader).await {
            Ok(file) => Ok(Json(file.into())),
            Err(error) => Err(upload_error(&svc, &scope, error).await),
        }
    }

    /// Delete the file (from lists, downloads and search at once).
    #[oai(path = "/networks/:slug/files/:id", method = "delete")]
    async fn delete(
        &self,
        svc: Data<&Services>,
        req: &Request,
        slug: Path<String>,
        id: Path<uuid::Uuid>,
    ) -> ApiResult<Deleted> {
        let scope = auth::scope(&svc, req, &slug).await?;
        material::delete(&svc, &scope, FileId(id.0)).await?;
        Ok(Deleted::Deleted)
    }

    /// The uploader of a case-material file without text to check (a scan, an image) — or one
    /// in which the guard suspects a name or an address — confirms that it holds no
    /// identifiers; only then do the material's other readers see it.
    #[oai(
        path = "/networks/:slug/files/:id/confirm-no-identifiers",
        method = "post"
    )]
    async fn confirm_no_identifiers(
        &self,
        svc: Data<&Services>,
        req: &Request,
        slug: Path<String>,
        id: Path<uuid::Uuid>,
    ) -> ApiResult<Json<FileOut>> {
        let scope = auth::scope(&svc, req, &slug).await?;
        Ok(Json(
            material::confirm_no_identifiers(&svc, &scope, FileId(id.0))
                .await?
                .into(),
        ))
    }
}
