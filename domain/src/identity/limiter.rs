//! Sign-in rate limits, per account and per client address, so that guessing passwords is slow
//! both for one account and from one place. Kept in memory: with several `http` replicas each
//! keeps its own count (see docs/decisions.md).

use std::num::NonZeroU32;

use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};

use crate::config::DomainConfig;

pub struct SignInLimiter {
    per_account: DefaultKeyedRateLimiter<String>,
    per_address: DefaultKeyedRateLimiter<String>,
}

impl SignInLimiter {
    pub fn new(config: &DomainConfig) -> Self {
        let quota =
            |n: u32| Quota::per_minute(NonZeroU32::new(n.max(1)).unwrap_or(NonZeroU32::MIN));
        Self {
            per_account: RateLimiter::keyed(quota(config.sign_in_per_account_per_minute)),
            per_address: RateLimiter::keyed(quota(config.sign_in_per_address_per_minute)),
        }
    }

    /// Counts one attempt; false when either limit is used up.
    pub fn allow(&self, email: &str, address: &str) -> bool {
        let account = self.per_account.check_key(&email.to_lowercase()).is_ok();
        let address = self.per_address.check_key(&address.to_owned()).is_ok();
        account && address
    }
}

/// A per-client-address limit (public registration).
pub struct AddressLimiter {
    per_address: DefaultKeyedRateLimiter<String>,
}

impl AddressLimiter {
    pub fn per_hour(n: u32) -> Self {
        let quota = Quota::per_hour(NonZeroU32::new(n.max(1)).unwrap_or(NonZeroU32::MIN));
        Self {
            per_address: RateLimiter::keyed(quota),
        }
    }

    /// Counts one attempt; false when the limit is used up.
    pub fn allow(&self, address: &str) -> bool {
        self.per_address.check_key(&address.to_owned()).is_ok()
    }
}
