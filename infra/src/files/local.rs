//! Files in a local folder. A put streams into a temporary file beside the target, hashing as
//! it goes, syncs it, and renames it into place: a blob is either whole or absent.

use std::path::{Path, PathBuf};

use anyhow::{Context, bail};
use async_trait::async_trait;
use domain::files::{BlobReader, BlobStore, StoredBlob, is_valid_key};
use sha2::{Digest, Sha256};
use tokio::io::{AsyncRead, AsyncReadExt, AsyncWriteExt};

pub struct LocalBlobStore {
    root: PathBuf,
}

impl LocalBlobStore {
    pub fn new(root: impl Into<PathBuf>) -> Self {
        Self { root: root.into() }
    }

    fn path(&self, key: &str) -> anyhow::Result<PathBuf> {
        if !is_valid_key(key) {
            bail!("invalid blob key");
        }
        Ok(self.root.join(key))
    }

    fn temp_dir(&self) -> PathBuf {
        self.root.join(".incoming")
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

async fn ensure_dir(path: &Path) -> anyhow::Result<()> {
    tokio::fs::create_dir_all(path)
        .await
        .with_context(|| format!("creating {}", path.display()))
}

#[async_trait]
impl BlobStore for LocalBlobStore {
    async fn put(
        &self,
        key: &str,
        data: &mut (dyn AsyncRead + Send + Unpin),
    ) -> anyhow::Result<StoredBlob> {
        let target = self.path(key)?;
        ensure_dir(&self.temp_dir()).await?;
        let temp = self.temp_dir().join(uuid::Uuid::now_v7().to_string());
        let result = async {
            let mut file = tokio::fs::File::create(&temp)
                .await
                .context("creating a temporary file")?;
            let mut hasher = Sha256::new();
            let mut size = 0u64;
            let mut buffer = vec![0u8; 64 * 1024];
            loop {
                let n = data.read(&mut buffer).await.context("reading the upload")?;
                if n == 0 {
                    break;
                }
                let chunk = buffer.get(..n).unwrap_or_default();
                hasher.update(chunk);
                file.write_all(chunk).await.context("writing")?;
                size += n as u64;
            }
            file.sync_all().await.context("syncing")?;
            if let Some(parent) = target.parent() {
                ensure_dir(parent).await?;
            }
            tokio::fs::rename(&temp, &target)
                .await
                .context("moving into place")?;
            Ok(StoredBlob {
                size,
                sha256: hex(&hasher.finalize()),
            })
        }
        .await;
        if result.is_err() {
            let _ = tokio::fs::remove_file(&temp).await;
        }
        result
    }

    async fn open(&self, key: &str) -> anyhow::Result<Option<BlobReader>> {
        match tokio::fs::File::open(self.path(key)?).await {
            Ok(file) => Ok(Some(Box::new(file))),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(e).context("opening a blob"),
        }
    }

    async fn delete(&self, key: &str) -> anyhow::Result<()> {
        match tokio::fs::remove_file(self.path(key)?).await {
            Ok(()) => Ok(()),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
            Err(e) => Err(e).context("deleting a blob"),
        }
    }

    async fn health(&self) -> anyhow::Result<()> {
        ensure_dir(&self.temp_dir()).await?;
        let probe = self.temp_dir().join(".probe");
        tokio::fs::write(&probe, b"ok")
            .await
            .context("writing a probe")?;
        tokio::fs::remove_file(&probe)
            .await
            .context("removing the probe")?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn passes_the_conformance_suite() {
        let dir = tempfile::tempdir().unwrap();
        let store = LocalBlobStore::new(dir.path());
        domain::files::conformance::run(&store, "conformance")
            .await
            .unwrap();
    }
}
