//! Argon2id password hashes. Hashing is slow on purpose, so it runs on the blocking pool.

use anyhow::Context;
use argon2::{Algorithm, Argon2, Params, PasswordHasher, PasswordVerifier, Version};

use crate::config::PasswordParams;

fn hasher(params: PasswordParams) -> anyhow::Result<Argon2<'static>> {
    let params = Params::new(
        params.memory_kib,
        params.iterations,
        params.parallelism,
        None,
    )
    .map_err(|e| anyhow::anyhow!("argon2 parameters: {e}"))?;
    Ok(Argon2::new(Algorithm::Argon2id, Version::V0x13, params))
}

/// The PHC string of `password`, with a fresh salt.
pub async fn hash_password(params: PasswordParams, password: String) -> anyhow::Result<String> {
    tokio::task::spawn_blocking(move || {
        let hash = hasher(params)?
            .hash_password(password.as_bytes())
            .map_err(|e| anyhow::anyhow!("hashing a password: {e}"))?;
        Ok(hash.to_string())
    })
    .await
    .context("password hashing task")?
}

/// Does `password` match `phc`? The parameters are read from the hash, so hashes made with
/// other costs still verify.
pub async fn verify_password(password: String, phc: String) -> anyhow::Result<bool> {
    tokio::task::spawn_blocking(move || {
        let argon2 = Argon2::default();
        Ok(argon2
            .verify_password(password.as_bytes(), phc.as_str())
            .is_ok())
    })
    .await
    .context("password verification task")?
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn hashes_verify() {
        let params = PasswordParams {
            memory_kib: 64,
            iterations: 1,
            parallelism: 1,
        };
        let hash = hash_password(params, "korrekt hest batteri".into())
            .await
            .unwrap();
        assert!(hash.starts_with("$argon2id$"));
        assert!(
            verify_password("korrekt hest batteri".into(), hash.clone())
                .await
                .unwrap()
        );
        assert!(!verify_password("forkert".into(), hash).await.unwrap());
    }
}
