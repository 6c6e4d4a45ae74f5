//! Rate limits kept in the database, so that they hold across every `http` replica: a named
//! limit (how many attempts in which window) and a key (an account's e-mail, a client address).
//!
//! The key is normalised (NFKC, trimmed, lower-cased), capped in length and hashed with the
//! limit's name before it is stored, so a row is at most a 64-character hash whatever was
//! submitted, two spellings of one address count together, and the table holds no e-mail
//! address. Each attempt is one upsert that counts it in a fixed window (a window that has
//! ended starts again at one) and returns the count. Rows whose window has ended are deleted at
//! most once a minute per process, by an indexed range delete.
//!
//! A new limit is one constant here and one `hit` where it applies.

use std::sync::atomic::{AtomicI64, Ordering};

use chrono::Duration;
use sea_orm::sea_query::{Alias, CaseStatement, Expr, ExprTrait, OnConflict, Query};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};
use sha2::{Digest, Sha256};
use unicode_normalization::UnicodeNormalization;

use crate::Services;
use crate::config::DomainConfig;
use crate::entities::rate_limit;
use crate::error::Result;

/// The longest key kept, in characters, after normalising: an e-mail address is at most 254,
/// an IPv6 address 45. Anything longer counts as its first `MAX_KEY_CHARS` characters.
pub const MAX_KEY_CHARS: usize = 320;

/// A named limit: at most `max(config)` attempts per key in each `window`.
#[derive(Clone, Copy, Debug)]
pub struct Limit {
    pub name: &'static str,
    pub window: Duration,
    max: fn(&DomainConfig) -> u32,
}

fn sign_in_per_account(c: &DomainConfig) -> u32 {
    c.sign_in_per_account_per_minute
}

fn sign_in_per_address(c: &DomainConfig) -> u32 {
    c.sign_in_per_address_per_minute
}

fn public_registrations_per_address(c: &DomainConfig) -> u32 {
    c.public_registrations_per_address_per_hour
}

impl Limit {
    /// Sign-in attempts for one account (the e-mail as typed, normalised).
    pub const SIGN_IN_PER_ACCOUNT: Limit = Limit {
        name: "sign_in_account",
        window: Duration::minutes(1),
        max: sign_in_per_account,
    };
    /// Sign-in attempts from one client address.
    pub const SIGN_IN_PER_ADDRESS: Limit = Limit {
        name: "sign_in_address",
        window: Duration::minutes(1),
        max: sign_in_per_address,
    };
    /// Signed-out registrations for public meetings from one client address.
    pub const PUBLIC_REGISTRATION_PER_ADDRESS: Limit = Limit {
        name: "public_registration_address",
        window: Duration::hours(1),
        max: public_registrations_per_address,
    };

    /// The attempts allowed per window (at least one).
    pub fn max(&self, config: &DomainConfig) -> u32 {
        Ord::max((self.max)(config), 1)
    }
}

/// The per-process part of the limiter: when expired rows were last swept (Unix seconds).
#[derive(Debug, Default)]
pub struct Limiter {
    last_sweep: AtomicI64,
}

/// The key as it is counted: NFKC, trimmed, lower-case, at most [`MAX_KEY_CHARS`] characters.
/// The input is cut before normalising too, so a megabyte of text costs no more than a short one.
pub fn normalise_key(raw: &str) -> String {
    let bounded: String = raw.chars().take(MAX_KEY_CHARS * 4).collect();
    let normalised: String = bounded.nfkc().collect();
    normalised
        .trim()
        .to_lowercase()
        .chars()
        .take(MAX_KEY_CHARS)
        .collect()
}

/// What is stored for a key: the SHA-256 (hex) of the limit's name and the normalised key.
pub fn key_hash(limit: &Limit, raw: &str) -> String {
    let mut hasher = Sha256::new();
    hasher.update(limit.name.as_bytes());
    hasher.update([0u8]);
    hasher.update(normalise_key(raw).as_bytes());
    hasher
        .finalize()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Counts one attempt against `limit` for `key`; false when the limit is used up.
pub async fn hit(svc: &Services, limit: &Limit, key: &str) -> Result<bool> {
    let now = svc.now();
    let conn = svc.db.conn();
    let table = Alias::new("rate_limits");
    let column = |name: &str| Expr::col((table.clone(), Alias::new(name)));
    // The stored window has ended: this attempt starts a new one.
    let ended = || column("expires_at").lte(now);
    let mut upsert = Query::insert();
    upsert
        .into_table(table.clone())
        .columns([
            Alias::new("name"),
            Alias::new("key_hash"),
            Alias::new("hits"),
            Alias::new("expires_at"),
        ])
        .values([
            limit.name.into(),
            key_hash(limit, key).into(),
            1i32.into(),
            (now + limit.window).into(),
        ])
        .map_err(|e| anyhow::anyhow!("building the rate-limit upsert: {e}"))?
        .on_conflict(
            OnConflict::columns([Alias::new("name"), Alias::new("key_hash")])
                .value(
                    Alias::new("hits"),
                    CaseStatement::new()
                        .case(ended(), Expr::val(1i32))
                        .finally(column("hits").add(1i32)),
                )
                .value(
                    Alias::new("expires_at"),
                    CaseStatement::new()
                        .case(ended(), Expr::val(now + limit.window))
                        .finally(column("expires_at")),
                )
                .to_owned(),
        )
        .returning_col(Alias::new("hits"));
    let row = conn
        .query_one_raw(svc.db.backend().build(&upsert))
        .await?
        .ok_or_else(|| anyhow::anyhow!("the rate-limit upsert returned no row"))?;
    let hits: i32 = row.try_get("", "hits")?;
    sweep(svc).await?;
    Ok(i64::from(hits) <= i64::from(limit.max(&svc.config)))
}

/// Deletes rows whose window has ended, at most once a minute per process.
async fn sweep(svc: &Services) -> Result<()> {
    let now = svc.now();
    let last = svc.limiter.last_sweep.load(Ordering::Relaxed);
    if now.timestamp() - last < 60 {
        return Ok(());
    }
    if svc
        .limiter
        .last_sweep
        .compare_exchange(last, now.timestamp(), Ordering::Relaxed, Ordering::Relaxed)
        .is_err()
    {
        return Ok(()); // another request of this process is sweeping
    }
    rate_limit::Entity::delete_many()
        .filter(rate_limit::Column::ExpiresAt.lte(now))
        .exec(svc.db.conn())
        .await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::TestEnv;
    use sea_orm::PaginatorTrait;

    #[test]
    fn keys_are_normalised_and_capped() {
        assert_eq!(normalise_key("  Ada@Example.ORG \n"), "ada@example.org");
        // Full-width letters (NFKC) count as the plain ones.
        assert_eq!(normalise_key("ＡＤＡ@example.org"), "ada@example.org");
        let huge = "a".repeat(5_000_000);
        assert_eq!(normalise_key(&huge).chars().count(), MAX_KEY_CHARS);
        assert_eq!(key_hash(&Limit::SIGN_IN_PER_ACCOUNT, &huge).len(), 64);
        assert_eq!(
            key_hash(&Limit::SIGN_IN_PER_ACCOUNT, "Ada@example.org"),
            key_hash(&Limit::SIGN_IN_PER_ACCOUNT, " ada@EXAMPLE.org")
        );
        // The same key under two limits is two counts.
        assert_ne!(
            key_hash(&Limit::SIGN_IN_PER_ACCOUNT, "x"),
            key_hash(&Limit::SIGN_IN_PER_ADDRESS, "x")
        );
    }

    async fn rows(env: &TestEnv) -> u64 {
        rate_limit::Entity::find()
            .count(env.svc.db.conn())
            .await
            .unwrap()
    }

    #[tokio::test]
    async fn counts_per_window_and_forgets_ended_windows() {
        let env = TestEnv::new().await;
        let limit = Limit::SIGN_IN_PER_ACCOUNT;
        let max = limit.max(&env.svc.config);
        for _ in 0..max {
            assert!(hit(&env.svc, &limit, "ada@example.org").await.unwrap());
        }
        assert!(!hit(&env.svc, &limit, " ADA@example.org").await.unwrap());
        assert!(hit(&env.svc, &limit, "bo@example.org").await.unwrap());
        // A megabyte key is one short row like any other.
        let huge = format!("{}@example.org", "x".repeat(1_000_000));
        assert!(hit(&env.svc, &limit, &huge).await.unwrap());
        let stored = rate_limit::Entity::find()
            .all(env.svc.db.conn())
            .await
            .unwrap();
        assert_eq!(stored.len(), 3);
        assert!(stored.iter().all(|r| r.key_hash.len() == 64));
        assert!(stored.iter().all(|r| !r.key_hash.contains("example")));

        // A new window starts over.
        env.clock.advance(Duration::seconds(61));
        assert!(hit(&env.svc, &limit, "ada@example.org").await.unwrap());
        // Ended windows are swept: only the row just counted is left.
        assert_eq!(rows(&env).await, 1);
    }
}
