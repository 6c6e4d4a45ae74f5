//! The worker task that extracts a file version's text (`Task::ExtractFileText`).
//!
//! The blob is streamed to a local temporary file (extraction reads with bounded, seeking reads,
//! and a PDF needs the whole file), extracted in a child process under limits ([`Sandbox`]),
//! and the outcome recorded on the version. A bad file is recorded with its reason and the job succeeds: retrying cannot
//! mend a file. Only the infrastructure (database, blob store, local disk) fails the job.

use anyhow::{Context, bail};
use domain::Services;
use domain::ids::FileVersionId;
use domain::material;
use domain::tenancy::TenantScope;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

use super::{ExtractError, Reason, Sandbox};

pub async fn run(
    svc: &Services,
    sandbox: &Sandbox,
    scope: &TenantScope,
    version_id: FileVersionId,
) -> anyhow::Result<()> {
    let Some(source) = material::extraction_source(svc, scope, version_id).await? else {
        // Deleted since the job was queued: nothing to do.
        return Ok(());
    };
    let limits = sandbox.limits();
    let outcome = if source.size > limits.max_input_bytes {
        Err(ExtractError::new(
            Reason::TooLarge,
            format!(
                "the file is larger than {} MB",
                limits.max_input_bytes >> 20
            ),
        ))
    } else {
        let Some(mut blob) = svc
            .blobs
            .open(&source.blob_key)
            .await
            .context("opening the file's blob")?
        else {
            bail!("the blob of file version {version_id} is missing");
        };
        let temp = tempfile::NamedTempFile::new().context("creating a temporary file")?;
        let mut local =
            tokio::fs::File::from_std(temp.reopen().context("opening the temporary file")?);
        // One byte past the bound is enough for the extractor to see the file is too large.
        let mut bounded = (&mut blob).take(limits.max_input_bytes + 1);
        tokio::io::copy(&mut bounded, &mut local)
            .await
            .context("copying the blob to a temporary file")?;
        local.flush().await.context("writing the temporary file")?;
        drop(local);
        sandbox
            .extract(
                temp.path(),
                &source.content_type,
                &source.file_name,
                &limits,
            )
            .await
    };
    let outcome = match outcome {
        Ok(text) => Ok(text),
        Err(e) if e.is_bad_file() => {
            tracing::warn!(code = e.code(), %version_id, "no text extracted from a file");
            Err((e.code().to_owned(), e.message))
        }
        Err(e) => bail!("extracting file version {version_id}: {e}"),
    };
    material::record_extraction(svc, scope, version_id, outcome).await?;
    Ok(())
}
