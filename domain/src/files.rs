//! The `BlobStore` port: files kept by key, streamed in and out, with their size and SHA-256.
//! Adapters: a local folder (the embedded default) and S3-compatible storage (`infra::files::S3BlobStore`).

use async_trait::async_trait;
use tokio::io::AsyncRead;

pub type BlobReader = Box<dyn AsyncRead + Send + Unpin>;

/// What was stored.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StoredBlob {
    pub size: u64,
    /// Lowercase hex.
    pub sha256: String,
}

#[async_trait]
pub trait BlobStore: Send + Sync {
    /// Streams `data` into the store under `key`, replacing what was there. The blob is complete
    /// and durable when this returns; a failed put leaves no partial blob behind.
    async fn put(
        &self,
        key: &str,
        data: &mut (dyn AsyncRead + Send + Unpin),
    ) -> anyhow::Result<StoredBlob>;
    /// A reader of the blob, or `None` if there is none.
    async fn open(&self, key: &str) -> anyhow::Result<Option<BlobReader>>;
    /// Removes the blob; removing a missing one is not an error.
    async fn delete(&self, key: &str) -> anyhow::Result<()>;
    /// Is the store reachable and writable? (`/readyz`)
    async fn health(&self) -> anyhow::Result<()>;
}

/// Keys are paths of lowercase letters, digits, `-`, `_` and `.` segments joined by `/`; no empty,
/// `.` or `..` segment. Adapters refuse anything else, so a key can never leave the store.
pub fn is_valid_key(key: &str) -> bool {
    !key.is_empty()
        && key.len() <= 512
        && key.split('/').all(|segment| {
            !segment.is_empty()
                && segment != "."
                && segment != ".."
                && segment.chars().all(|c| {
                    c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '-' | '_' | '.')
                })
        })
}

/// The checks every `BlobStore` adapter must pass. `prefix` keeps runs apart in a shared store.
pub mod conformance {
    use super::BlobStore;
    use anyhow::{Context, ensure};
    use tokio::io::AsyncReadExt;

    async fn read_all(store: &dyn BlobStore, key: &str) -> anyhow::Result<Option<Vec<u8>>> {
        let Some(mut reader) = store.open(key).await? else {
            return Ok(None);
        };
        let mut bytes = Vec::new();
        reader.read_to_end(&mut bytes).await?;
        Ok(Some(bytes))
    }

    pub async fn run(store: &dyn BlobStore, prefix: &str) -> anyhow::Result<()> {
        store.health().await.context("health")?;

        let key = format!("{prefix}/round-trip.txt");
        let data = "Samhandlingsdagen barn og unge – æøå".as_bytes();
        let stored = store.put(&key, &mut &data[..]).await.context("put")?;
        ensure!(stored.size == data.len() as u64, "size {}", stored.size);
        let expected = crate::identity::secret::hash_secret("Samhandlingsdagen barn og unge – æøå");
        ensure!(
            stored.sha256 == expected,
            "sha256 {} != {expected}",
            stored.sha256
        );
        ensure!(
            read_all(store, &key).await?.as_deref() == Some(data),
            "read back differs"
        );

        // Replacing keeps only the new content.
        let newer = b"version 2";
        store.put(&key, &mut &newer[..]).await.context("replace")?;
        ensure!(
            read_all(store, &key).await?.as_deref() == Some(&newer[..]),
            "replace failed"
        );

        // Large content streams through (8 MiB, not held in one buffer by the caller).
        let big_key = format!("{prefix}/big.bin");
        let mut big = tokio::io::repeat(7).take(8 * 1024 * 1024);
        let stored = store.put(&big_key, &mut big).await.context("put big")?;
        ensure!(stored.size == 8 * 1024 * 1024, "big size {}", stored.size);

        // Missing blobs are `None`; deleting is idempotent.
        ensure!(
            store.open(&format!("{prefix}/missing")).await?.is_none(),
            "missing blob found"
        );
        store.delete(&key).await.context("delete")?;
        store.delete(&key).await.context("delete again")?;
        ensure!(
            store.open(&key).await?.is_none(),
            "deleted blob still there"
        );
        store.delete(&big_key).await?;

        // Keys that could escape the store are refused.
        for bad in ["../escape", "/absolute", "a//b", "UPPER", "a/./b"] {
            ensure!(
                store.put(bad, &mut &b"x"[..]).await.is_err(),
                "accepted key {bad:?}"
            );
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys() {
        assert!(is_valid_key("tenant/0190a/file.pdf"));
        assert!(!is_valid_key("../x"));
        assert!(!is_valid_key("a/../b"));
        assert!(!is_valid_key(""));
        assert!(!is_valid_key("a/B"));
    }
}
