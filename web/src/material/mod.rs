//! Shared material in the browser: the attachments of a project, a meeting, a thread or a group
//! (the partial `material/attachments.html`, filled by [`attachments`]), each file's page with
//! its versions, uploads and replacements (multipart, streamed: the pipeline leaves the body to
//! the handler and takes the CSRF token from the query), deletion, and downloads.
//!
//! A refused upload goes back to the page it came from with `upload_error=<code>`, and the
//! partial shows the message next to the file field.

use askama::Template;
use domain::ids::{FileId, FileVersionId};
use domain::material::{self, FileSummary, Target};
use poem::handler;
use poem::http::StatusCode;
use poem::http::header::{CACHE_CONTROL, CONTENT_DISPOSITION, CONTENT_TYPE};
use poem::web::Multipart;
use poem::{Body, Response};
use tokio::io::AsyncReadExt;

use crate::context::Ctx;
use crate::errors::WebError;
use crate::render::{PageResult, encode, page, see_other};

pub(crate) fn register(b: &mut crate::Builder) {
    b.upload("/n/:slug/files", upload);
    b.page("/n/:slug/files/:id", show);
    b.page("/n/:slug/files/:id/download", download);
    b.upload("/n/:slug/files/:id/replace", replace);
    b.form("/n/:slug/files/:id/delete", delete);
    b.form(
        "/n/:slug/files/:id/confirm-no-identifiers",
        confirm_no_identifiers,
    );
}

/// The uploader confirms that a file of case material without text holds no identifiers.
#[handler]
pub(crate) async fn confirm_no_identifiers(ctx: &Ctx) -> PageResult {
    let scope = ctx.scope()?;
    let id: FileId = ctx.id("id")?;
    let file = material::confirm_no_identifiers(ctx.svc(), scope, id).await?;
    let target = ctx.network_path(&format!("/{}", file.target.path()));
    Ok(see_other(&format!(
        "{}#attachments",
        with_param(&target, "notice", "file_confirmed")
    )))
}

/// A file as the lists show it.
pub(crate) struct FileRow {
    pub id: String,
    pub name: String,
    pub size: String,
    /// `pending`, `done`, `failed` or `none`.
    pub status: &'static str,
    /// Why reading its text failed.
    pub reason: String,
    pub href: String,
    pub download: String,
    /// Case material: the identifier guard's verdict, as a sentence for the uploader (never
    /// what it found); `None` when there is nothing to say.
    pub guard: Option<String>,
    /// Where the uploader confirms that a file without text holds no identifiers.
    pub confirm: Option<String>,
    /// Deleted by the guard: no links.
    pub deleted: bool,
}

/// What `material/attachments.html` needs, besides `ctx`: put these four in the page's
/// template struct (`files`, `target_kind`, `target_id`, `can_upload`).
pub(crate) struct Attachments {
    pub files: Vec<FileRow>,
    pub target_kind: &'static str,
    pub target_id: String,
    pub can_upload: bool,
}

/// Bytes for people: "820 B", "14 kB", "3.2 MB" (decimal units, as the upload limit is given).
pub(crate) fn human_size(bytes: u64) -> String {
    const KB: f64 = 1000.0;
    let b = bytes as f64;
    if b < KB {
        format!("{bytes} B")
    } else if b < KB * KB {
        format!("{:.0} kB", b / KB)
    } else if b < KB * KB * KB {
        format!("{:.1} MB", b / (KB * KB))
    } else {
        format!("{:.2} GB", b / (KB * KB * KB))
    }
}

fn row(ctx: &Ctx, f: FileSummary) -> FileRow {
    let href = ctx.network_path(&format!("/files/{}", f.id));
    let guard = match f.guard_status.as_deref() {
        Some("pending") => Some(ctx.t("material-guard-pending")),
        Some("blocked") => Some(
            ctx.t1(
                "material-guard-blocked",
                "kind",
                ctx.t(&format!(
                    "cases-error-{}",
                    f.guard_kind.as_deref().unwrap_or("contains_cpr")
                ))
                .as_str(),
            ),
        ),
        Some("needs_confirmation") => Some(ctx.t("material-guard-needs_confirmation")),
        _ => None,
    };
    let confirm = (f.guard_status.as_deref() == Some("needs_confirmation"))
        .then(|| format!("{href}/confirm-no-identifiers"));
    FileRow {
        guard,
        confirm,
        deleted: f.deleted,
        id: f.id.to_string(),
        download: format!("{href}/download"),
        href,
        name: f.name,
        size: human_size(f.size),
        status: f.extraction_status.as_str(),
        reason: reason(
            ctx,
            f.extraction_code.as_deref(),
            f.extraction_message.as_deref(),
        ),
    }
}

fn reason(ctx: &Ctx, code: Option<&str>, message: Option<&str>) -> String {
    match (code, message) {
        (_, Some(message)) if !message.is_empty() => message.to_owned(),
        (Some(code), _) => code.to_owned(),
        _ => ctx.t("material-reason-unknown"),
    }
}

/// The upload limit in megabytes, for hints and messages.
pub(crate) fn max_mb(ctx: &Ctx) -> String {
    (ctx.svc().config.max_upload_bytes / 1_000_000).to_string()
}

/// The files of `target` and whether the caller may add to them.
pub(crate) async fn attachments(ctx: &Ctx, target: Target) -> Result<Attachments, WebError> {
    let scope = ctx.scope()?;
    let files = material::list_for(ctx.svc(), scope, target).await?;
    let can_upload = material::can_upload(ctx.svc(), scope, target).await?;
    Ok(Attachments {
        files: files.into_iter().map(|f| row(ctx, f)).collect(),
        target_kind: target.kind().as_str(),
        target_id: target.id().to_string(),
        can_upload,
    })
}

/// `url` with `name=value` added to its query (before any fragment).
fn with_param(url: &str, name: &str, value: &str) -> String {
    let (base, fragment) = match url.split_once('#') {
        Some((base, fragment)) => (base, Some(fragment)),
        None => (url, None),
    };
    let separator = if base.contains('?') { '&' } else { '?' };
    let mut out = format!("{base}{separator}{name}={}", encode(value));
    if let Some(fragment) = fragment {
        out.push('#');
        out.push_str(fragment);
    }
    out
}

/// Where a refused upload goes back to, with its reason.
async fn refused(ctx: &Ctx, back: &str, error: domain::Error) -> PageResult {
    let domain::Error::Invalid(fields) = &error else {
        return Err(error.into());
    };
    let code = fields.first().map(|f| f.code).unwrap_or("invalid");
    let mut location = with_param(back, "upload_error", code);
    if code == "quota_exceeded"
        && let Ok(usage) = material::usage(ctx.svc(), ctx.scope()?).await
    {
        location = with_param(&location, "used", &human_size(usage.used));
        location = with_param(&location, "quota", &human_size(usage.quota));
    }
    Ok(see_other(&format!("{location}#attachments")))
}

/// Reads what is left of a refused upload, so that the browser sees our answer instead of a
/// reset connection. Bounded: a client that keeps sending is cut off.
async fn drain(multipart: &mut Multipart) {
    let mut budget: u64 = 256 * 1024 * 1024;
    while let Ok(Some(field)) = multipart.next_field().await {
        let mut reader = Box::pin(field.into_async_read()).take(budget);
        match tokio::io::copy(&mut reader, &mut tokio::io::sink()).await {
            Ok(n) if n < budget => budget -= n,
            _ => break,
        }
    }
}

/// The page the form was on, without an earlier refusal's parameters.
fn back_of(ctx: &Ctx, fallback: String) -> String {
    let back = if ctx.back == "/" {
        fallback
    } else {
        ctx.back.clone()
    };
    let Some((path, query)) = back.split_once('?') else {
        return back;
    };
    let kept: Vec<&str> = query
        .split('&')
        .filter(|pair| {
            let name = pair.split('=').next().unwrap_or_default();
            !matches!(name, "upload_error" | "used" | "quota" | "notice")
        })
        .collect();
    if kept.is_empty() {
        path.to_owned()
    } else {
        format!("{path}?{}", kept.join("&"))
    }
}

/// The multipart's `file` field: its name, its declared type and the field to stream.
async fn file_field(
    multipart: &mut Multipart,
) -> Result<domain::Result<(String, String, poem::web::Field)>, WebError> {
    loop {
        let Some(field) = multipart
            .next_field()
            .await
            .map_err(|_| WebError::BadRequest)?
        else {
            return Ok(Err(domain::Error::invalid("file", "required")));
        };
        if field.name() != Some("file") {
            continue;
        }
        let name = field.file_name().unwrap_or_default().to_owned();
        if name.is_empty() {
            return Ok(Err(domain::Error::invalid("file", "required")));
        }
        let declared = field.content_type().unwrap_or_default().to_owned();
        return Ok(Ok((name, declared, field)));
    }
}

#[handler]
pub(crate) async fn upload(ctx: &Ctx, multipart: poem::Result<Multipart>) -> PageResult {
    let scope = ctx.scope()?;
    let target = Target::parse(ctx.query.get("target_kind"), ctx.query.get("target_id"))?;
    // Whoever may not see the target learns nothing, whatever they sent.
    material::can_upload(ctx.svc(), scope, target).await?;
    let mut multipart = multipart.map_err(|_| WebError::BadRequest)?;
    let back = back_of(ctx, ctx.network_path(&format!("/{}", target.path())));
    let outcome = match file_field(&mut multipart).await? {
        Ok((name, declared, field)) => {
            let mut reader = Box::pin(field.into_async_read());
            material::upload(ctx.svc(), scope, target, &name, &declared, &mut reader)
                .await
                .map(|_| ())
        }
        Err(error) => Err(error),
    };
    match outcome {
        Ok(()) => Ok(see_other(&format!(
            "{}#attachments",
            with_param(&back, "notice", "file_uploaded")
        ))),
        Err(error) => {
            drain(&mut multipart).await;
            refused(ctx, &back, error).await
        }
    }
}

#[handler]
pub(crate) async fn replace(ctx: &Ctx, multipart: poem::Result<Multipart>) -> PageResult {
    let scope = ctx.scope()?;
    let id: FileId = ctx.id("id")?;
    material::get(ctx.svc(), scope, id).await?;
    let mut multipart = multipart.map_err(|_| WebError::BadRequest)?;
    let back = ctx.network_path(&format!("/files/{id}"));
    let outcome = match file_field(&mut multipart).await? {
        Ok((name, declared, field)) => {
            let mut reader = Box::pin(field.into_async_read());
            material::replace(ctx.svc(), scope, id, &name, &declared, &mut reader)
                .await
                .map(|_| ())
        }
        Err(error) => Err(error),
    };
    match outcome {
        Ok(()) => Ok(see_other(&with_param(&back, "notice", "file_replaced"))),
        Err(error) => {
            drain(&mut multipart).await;
            refused(ctx, &back, error).await
        }
    }
}

struct VersionRow {
    id: String,
    version: i32,
    name: String,
    size: String,
    uploaded_by: String,
    created_at: String,
    status: &'static str,
    reason: String,
    download: String,
}

#[derive(Template)]
#[template(path = "material/file.html")]
struct FilePage<'a> {
    ctx: &'a Ctx,
    file: FileRow,
    target_href: String,
    target_label: String,
    versions: Vec<VersionRow>,
    can_replace: bool,
    can_delete: bool,
    notice: Option<String>,
}

#[handler]
pub(crate) async fn show(ctx: &Ctx) -> PageResult {
    let scope = ctx.scope()?;
    let id: FileId = ctx.id("id")?;
    let detail = material::get(ctx.svc(), scope, id).await?;
    let target = detail.file.target;
    let href = ctx.network_path(&format!("/files/{id}"));
    let versions = detail
        .versions
        .into_iter()
        .map(|v| VersionRow {
            id: v.id.to_string(),
            download: format!("{href}/download?version={}", v.id),
            version: v.version,
            name: v.name,
            size: human_size(v.size),
            uploaded_by: v.uploaded_by_name.unwrap_or_default(),
            created_at: ctx.datetime(&v.created_at),
            status: v.extraction_status.as_str(),
            reason: reason(
                ctx,
                v.extraction_code.as_deref(),
                v.extraction_message.as_deref(),
            ),
        })
        .collect();
    let notice = match ctx.query.get("notice") {
        "file_replaced" => Some(ctx.t("material-notice-replaced")),
        _ => None,
    };
    page(&FilePage {
        ctx,
        target_href: ctx.network_path(&format!("/{}", target.path())),
        target_label: ctx.label("material-target", target.kind().as_str()),
        file: row(ctx, detail.file),
        versions,
        can_replace: detail.can_replace,
        can_delete: detail.can_delete,
        notice,
    })
}

#[handler]
pub(crate) async fn delete(ctx: &Ctx) -> PageResult {
    let scope = ctx.scope()?;
    let id: FileId = ctx.id("id")?;
    let detail = material::get(ctx.svc(), scope, id).await?;
    material::delete(ctx.svc(), scope, id).await?;
    let target = ctx.network_path(&format!("/{}", detail.file.target.path()));
    Ok(see_other(&format!(
        "{}#attachments",
        with_param(&target, "notice", "file_deleted")
    )))
}

/// The content, streamed, with the same headers as the API. Raster images may be shown inline
/// (`?inline=1`); everything else is an attachment.
#[handler]
pub(crate) async fn download(ctx: &Ctx) -> PageResult {
    let scope = ctx.scope()?;
    let id: FileId = ctx.id("id")?;
    let version = match ctx.query.opt("version") {
        Some(v) => Some(FileVersionId(
            v.parse()
                .map_err(|_| WebError::Domain(domain::Error::NotFound))?,
        )),
        None => None,
    };
    let (meta, reader) = material::open(ctx.svc(), scope, id, version).await?;
    let kind = if meta.inline_allowed && ctx.query.get("inline") == "1" {
        "inline"
    } else {
        "attachment"
    };
    Ok(Response::builder()
        .status(StatusCode::OK)
        .header(CONTENT_TYPE, meta.content_type.as_str())
        .header(CONTENT_DISPOSITION, content_disposition(kind, &meta.name))
        .header("X-Content-Type-Options", "nosniff")
        .header("Content-Security-Policy", "sandbox")
        .header(CACHE_CONTROL, "private, no-store")
        .body(Body::from_async_read(reader)))
}

/// `filename*=UTF-8''…` (RFC 6266/8187), with a plain ASCII fallback.
fn content_disposition(kind: &str, name: &str) -> String {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_and_dispositions() {
        assert_eq!(human_size(820), "820 B");
        assert_eq!(human_size(14_200), "14 kB");
        assert_eq!(human_size(3_200_000), "3.2 MB");
        assert_eq!(
            content_disposition("attachment", "Rapport æ.pdf"),
            "attachment; filename=\"Rapport _.pdf\"; filename*=UTF-8''Rapport%20%C3%A6.pdf"
        );
        assert_eq!(
            with_param("/n/x/projects/1", "a", "b c"),
            "/n/x/projects/1?a=b+c"
        );
        assert_eq!(with_param("/n/x?q=1#f", "a", "b"), "/n/x?q=1&a=b#f");
    }
}
