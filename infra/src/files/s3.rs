//! Files in an S3-compatible bucket (AWS S3, MinIO, Garage, Ceph …) through `object_store`,
//! chosen when `storage.s3_bucket` is set.
//!
//! A put streams: the upload is read in parts of `PART_SIZE`, hashed as it goes, and each part
//! is sent while the next is read (at most `PARALLEL_PARTS` in flight), so memory stays bounded
//! whatever the file's size. A blob that fits in one part goes up in one plain PUT. S3 makes a
//! multipart object visible only when it is completed, and a failed put aborts the upload, so a
//! blob is either whole or absent.

use std::time::Duration;

use anyhow::{Context, bail};
use async_trait::async_trait;
use domain::files::{BlobReader, BlobStore, StoredBlob, is_valid_key};
use futures_util::TryStreamExt;
use object_store::aws::{AmazonS3, AmazonS3Builder};
use object_store::path::Path;
use object_store::{MultipartUpload, ObjectStore, ObjectStoreExt, PutPayload, RetryConfig};
use sha2::{Digest, Sha256};
use tokio::io::{AsyncRead, AsyncReadExt};
use tokio::task::JoinSet;
use tokio_util::io::StreamReader;

/// S3's smallest part (but the last) is 5 MiB.
const PART_SIZE: usize = 5 * 1024 * 1024;
const PARALLEL_PARTS: usize = 2;

/// Where the bucket is and how to reach it.
#[derive(Clone, Debug, Default)]
pub struct S3Config {
    /// `None` for AWS itself; `http://127.0.0.1:9000` for a local MinIO, say.
    pub endpoint: Option<String>,
    pub bucket: String,
    pub region: String,
    /// Without keys, the instance's or pod's credentials (metadata service, web identity).
    pub access_key_id: Option<String>,
    pub secret_access_key: Option<String>,
    /// Plain HTTP to the endpoint; only for a store on the same host or a test.
    pub allow_http: bool,
    /// Every key is stored under this prefix (`samvirke/…`), so one bucket can serve several
    /// installations.
    pub prefix: Option<String>,
}

pub struct S3BlobStore {
    store: AmazonS3,
    prefix: Option<String>,
}

impl S3BlobStore {
    pub fn new(config: S3Config) -> anyhow::Result<Self> {
        let prefix = config
            .prefix
            .as_deref()
            .map(|p| p.trim_matches('/').to_owned())
            .filter(|p| !p.is_empty());
        if let Some(prefix) = &prefix
            && !is_valid_key(prefix)
        {
            bail!("storage.s3_prefix must be lowercase letters, digits, '-', '_', '.' and '/'");
        }
        let mut builder = AmazonS3Builder::new()
            .with_bucket_name(&config.bucket)
            .with_region(&config.region)
            .with_allow_http(config.allow_http)
            // Fail a dead store within seconds (readiness checks), not after three minutes.
            .with_retry(RetryConfig {
                max_retries: 3,
                retry_timeout: Duration::from_secs(30),
                ..RetryConfig::default()
            });
        if let Some(endpoint) = &config.endpoint {
            builder = builder.with_endpoint(endpoint);
        }
        if let Some(key) = &config.access_key_id {
            builder = builder.with_access_key_id(key);
        }
        if let Some(secret) = &config.secret_access_key {
            builder = builder.with_secret_access_key(secret);
        }
        let store = builder
            .build()
            .context("the S3 storage settings are incomplete or invalid")?;
        Ok(Self { store, prefix })
    }

    fn path(&self, key: &str) -> anyhow::Result<Path> {
        if !is_valid_key(key) {
            bail!("invalid blob key");
        }
        let full = match &self.prefix {
            Some(prefix) => format!("{prefix}/{key}"),
            None => key.to_owned(),
        };
        Path::parse(full).context("invalid blob key")
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Reads into `part` until it holds `PART_SIZE` bytes or the upload ends; true at the end.
async fn fill(
    data: &mut (dyn AsyncRead + Send + Unpin),
    part: &mut Vec<u8>,
    hasher: &mut Sha256,
    size: &mut u64,
) -> anyhow::Result<bool> {
    let mut buffer = vec![0u8; 64 * 1024];
    while part.len() < PART_SIZE {
        let room = (PART_SIZE - part.len()).min(buffer.len());
        let n = data
            .read(buffer.get_mut(..room).unwrap_or_default())
            .await
            .context("reading the upload")?;
        if n == 0 {
            return Ok(true);
        }
        let chunk = buffer.get(..n).unwrap_or_default();
        hasher.update(chunk);
        part.extend_from_slice(chunk);
        *size += n as u64;
    }
    Ok(false)
}

async fn join_one(parts: &mut JoinSet<object_store::Result<()>>) -> anyhow::Result<()> {
    if let Some(result) = parts.join_next().await {
        result
            .context("a part upload task")?
            .context("uploading a part")?;
    }
    Ok(())
}

/// Sends the parts of a multipart upload whose first `part` is already read.
async fn upload_parts(
    upload: &mut dyn MultipartUpload,
    data: &mut (dyn AsyncRead + Send + Unpin),
    mut part: Vec<u8>,
    hasher: &mut Sha256,
    size: &mut u64,
) -> anyhow::Result<()> {
    // Dropping the set (on an error) cancels the parts still in flight.
    let mut parts = JoinSet::new();
    loop {
        while parts.len() >= PARALLEL_PARTS {
            join_one(&mut parts).await?;
        }
        let full = std::mem::replace(&mut part, Vec::with_capacity(PART_SIZE));
        parts.spawn(upload.put_part(PutPayload::from(full)));
        if fill(data, &mut part, hasher, size).await? {
            break;
        }
    }
    if !part.is_empty() {
        parts.spawn(upload.put_part(PutPayload::from(part)));
    }
    while !parts.is_empty() {
        join_one(&mut parts).await?;
    }
    upload
        .complete()
        .await
        .context("completing the multipart upload")?;
    Ok(())
}

#[async_trait]
impl BlobStore for S3BlobStore {
    async fn put(
        &self,
        key: &str,
        data: &mut (dyn AsyncRead + Send + Unpin),
    ) -> anyhow::Result<StoredBlob> {
        let path = self.path(key)?;
        let mut hasher = Sha256::new();
        let mut size = 0u64;
        let mut first = Vec::with_capacity(PART_SIZE.min(256 * 1024));
        if fill(data, &mut first, &mut hasher, &mut size).await? {
            self.store
                .put(&path, PutPayload::from(first))
                .await
                .context("uploading a blob")?;
        } else {
            let mut upload = self
                .store
                .put_multipart(&path)
                .await
                .context("starting a multipart upload")?;
            let result = upload_parts(upload.as_mut(), data, first, &mut hasher, &mut size).await;
            if let Err(e) = result {
                if let Err(abort) = upload.abort().await {
                    tracing::warn!(error = %abort, "aborting a failed multipart upload");
                }
                return Err(e);
            }
        }
        Ok(StoredBlob {
            size,
            sha256: hex(&hasher.finalize()),
        })
    }

    async fn open(&self, key: &str) -> anyhow::Result<Option<BlobReader>> {
        match self.store.get(&self.path(key)?).await {
            Ok(result) => {
                let stream = result.into_stream().map_err(std::io::Error::other);
                Ok(Some(Box::new(StreamReader::new(stream))))
            }
            Err(object_store::Error::NotFound { .. }) => Ok(None),
            Err(e) => Err(e).context("opening a blob"),
        }
    }

    async fn delete(&self, key: &str) -> anyhow::Result<()> {
        match self.store.delete(&self.path(key)?).await {
            Ok(()) | Err(object_store::Error::NotFound { .. }) => Ok(()),
            Err(e) => Err(e).context("deleting a blob"),
        }
    }

    async fn health(&self) -> anyhow::Result<()> {
        // One LIST under a prefix that holds nothing: proves the endpoint, the bucket and the
        // credentials without moving data.
        let probe = match &self.prefix {
            Some(prefix) => format!("{prefix}/.health"),
            None => ".health".to_owned(),
        };
        self.store
            .list_with_delimiter(Some(&Path::from(probe)))
            .await
            .context("listing the bucket")?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use std::pin::Pin;
    use std::task::{Context, Poll};

    use tokio::io::ReadBuf;

    use super::*;

    /// An upload whose sender goes away mid-stream.
    struct Broken;

    impl AsyncRead for Broken {
        fn poll_read(
            self: Pin<&mut Self>,
            _: &mut Context<'_>,
            _: &mut ReadBuf<'_>,
        ) -> Poll<std::io::Result<()>> {
            Poll::Ready(Err(std::io::Error::other("connection reset")))
        }
    }

    /// Runs against the S3-compatible server that scripts/test starts (moto).
    #[tokio::test]
    async fn passes_the_conformance_suite_against_a_real_server() {
        let Ok(endpoint) = std::env::var("SAMVIRKE_TEST_S3_ENDPOINT") else {
            assert!(
                std::env::var_os("SAMVIRKE_TEST_REQUIRE_SERVICES").is_none(),
                "SAMVIRKE_TEST_REQUIRE_SERVICES is set but SAMVIRKE_TEST_S3_ENDPOINT is not"
            );
            eprintln!("skipped: set SAMVIRKE_TEST_S3_ENDPOINT");
            return;
        };
        let endpoint = endpoint.trim_end_matches('/').to_owned();
        let bucket = "samvirke-test";
        // object_store cannot create buckets; the test server takes an unsigned PUT.
        let created = reqwest::Client::new()
            .put(format!("{endpoint}/{bucket}"))
            .send()
            .await
            .unwrap();
        assert!(
            created.status().is_success() || created.status().as_u16() == 409,
            "creating the bucket: {}",
            created.status()
        );
        let run = uuid::Uuid::now_v7().simple().to_string();
        let store = S3BlobStore::new(S3Config {
            endpoint: Some(endpoint.clone()),
            bucket: bucket.into(),
            region: "us-east-1".into(),
            access_key_id: Some("test".into()),
            secret_access_key: Some("test".into()),
            allow_http: true,
            prefix: Some(format!("runs/{run}")),
        })
        .unwrap();
        domain::files::conformance::run(&store, "conformance")
            .await
            .unwrap();

        // The prefix is where the blobs really go.
        let blob = store.path("a/b.txt").unwrap();
        assert_eq!(blob.as_ref(), format!("runs/{run}/a/b.txt"));

        // A multipart upload that breaks after its first part leaves neither an object nor an
        // unfinished upload behind.
        let mut broken = tokio::io::repeat(1).take(7 * 1024 * 1024).chain(Broken);
        let error = store.put("broken.bin", &mut broken).await.unwrap_err();
        assert!(
            format!("{error:#}").contains("connection reset"),
            "{error:#}"
        );
        assert!(store.open("broken.bin").await.unwrap().is_none());
        let uploads = reqwest::Client::new()
            .get(format!("{endpoint}/{bucket}?uploads&prefix=runs/{run}/"))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(!uploads.contains("<UploadId>"), "{uploads}");

        // The hash covers every part of a large blob.
        let mut big = tokio::io::repeat(3).take(11 * 1024 * 1024);
        let stored = store.put("big.bin", &mut big).await.unwrap();
        let expected = Sha256::digest(vec![3u8; 11 * 1024 * 1024]);
        assert_eq!(stored.sha256, hex(&expected));
        let mut read = Vec::new();
        store
            .open("big.bin")
            .await
            .unwrap()
            .unwrap()
            .read_to_end(&mut read)
            .await
            .unwrap();
        assert_eq!(read.len(), 11 * 1024 * 1024);
        store.delete("big.bin").await.unwrap();
    }

    #[test]
    fn refuses_a_prefix_that_could_escape() {
        let config = S3Config {
            bucket: "b".into(),
            region: "us-east-1".into(),
            prefix: Some("../x".into()),
            ..S3Config::default()
        };
        assert!(S3BlobStore::new(config).is_err());
    }
}
