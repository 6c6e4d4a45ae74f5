//! Cross-site request forgery protection: every form carries a hidden `csrf` field, and a POST
//! is accepted only with the token the server expects for this browser.
//!
//! Signed in, that token is bound to the session: it is derived from the session cookie's
//! secret (a SHA-256 of it under a label of its own), so only the session's holder can know it,
//! a token of any other session is refused, and a new session at sign-in means a new token.
//! Nothing about it needs storing. The `samvirke_csrf` cookie then only mirrors it.
//!
//! Signed out (the sign-in form, public registration, accepting an invitation) there is no
//! session to bind to, and the token is a double-submit cookie: a random value in the
//! `samvirke_csrf` cookie (HttpOnly, SameSite=Strict) that the field must repeat. Another site
//! can make a browser send the cookie but can neither read nor guess it.
//!
//! Under https both cookies are `__Host-` named, so a neighbouring subdomain cannot plant one.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;

pub(crate) const COOKIE: &str = "samvirke_csrf";
pub(crate) const SECURE_COOKIE: &str = "__Host-samvirke_csrf";
pub(crate) const FIELD: &str = "csrf";

/// A fresh token: 32 random bytes, base64url.
pub(crate) fn new_token() -> anyhow::Result<String> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).map_err(|e| anyhow::anyhow!("no randomness: {e}"))?;
    Ok(URL_SAFE_NO_PAD.encode(bytes))
}

/// The token of the session whose cookie holds `secret`.
pub(crate) fn for_session(secret: &str) -> String {
    let mut hasher = Sha256::new();
    hasher.update(b"samvirke csrf token v1\0");
    hasher.update(secret.as_bytes());
    URL_SAFE_NO_PAD.encode(hasher.finalize())
}

/// A token from a cookie, if it has the shape of one we made.
pub(crate) fn well_formed(token: &str) -> bool {
    token.len() == 43
        && token
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// Does the submitted field match the expected token? Compared in constant time, so the answer's timing
/// says nothing about how much of a guess was right.
pub(crate) fn matches(expected: &str, submitted: &str) -> bool {
    well_formed(expected) && bool::from(expected.as_bytes().ct_eq(submitted.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_random_and_well_formed() {
        let a = new_token().unwrap();
        let b = new_token().unwrap();
        assert_ne!(a, b);
        assert!(well_formed(&a));
        assert!(!well_formed("short"));
        assert!(!well_formed(&format!("{}!", &a[..42])));
    }

    #[test]
    fn session_tokens_are_bound_to_their_session() {
        let a = new_token().unwrap();
        let b = new_token().unwrap();
        assert!(well_formed(&for_session(&a)));
        assert_eq!(for_session(&a), for_session(&a));
        assert_ne!(for_session(&a), for_session(&b));
        // The token is not the secret and does not contain it.
        assert_ne!(for_session(&a), a);
        assert!(!matches(&for_session(&a), &for_session(&b)));
    }

    #[test]
    fn only_the_same_token_matches() {
        let token = new_token().unwrap();
        assert!(matches(&token, &token));
        assert!(!matches(&token, ""));
        assert!(!matches(&token, &token[..42]));
        assert!(!matches(&token, &new_token().unwrap()));
        let mut flipped = token.clone().into_bytes();
        flipped[0] = if flipped[0] == b'A' { b'B' } else { b'A' };
        assert!(!matches(&token, &String::from_utf8(flipped).unwrap()));
        // An empty or malformed cookie never matches, not even itself.
        assert!(!matches("", ""));
        assert!(!matches("abc", "abc"));
    }
}
