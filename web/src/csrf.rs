//! Cross-site request forgery protection: a double-submit cookie.
//!
//! A random token lives in the `samvirke_csrf` cookie (HttpOnly, SameSite=Strict) and in a
//! hidden `csrf` field of every form; a POST is accepted only when the two match. Another site
//! can make a browser send the cookie but can neither read it nor guess it, so it cannot fill in
//! the field. The token is replaced at sign-in, so one planted before cannot outlive it. Nothing
//! is stored on the server.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use subtle::ConstantTimeEq;

pub(crate) const COOKIE: &str = "samvirke_csrf";
pub(crate) const FIELD: &str = "csrf";

/// A fresh token: 32 random bytes, base64url.
pub(crate) fn new_token() -> anyhow::Result<String> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).map_err(|e| anyhow::anyhow!("no randomness: {e}"))?;
    Ok(URL_SAFE_NO_PAD.encode(bytes))
}

/// A token from a cookie, if it has the shape of one we made.
pub(crate) fn well_formed(token: &str) -> bool {
    token.len() == 43
        && token
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// Does the submitted field match the cookie? Compared in constant time, so the answer's timing
/// says nothing about how much of a guess was right.
pub(crate) fn matches(cookie: &str, submitted: &str) -> bool {
    well_formed(cookie) && bool::from(cookie.as_bytes().ct_eq(submitted.as_bytes()))
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
