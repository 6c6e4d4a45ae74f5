//! Reading the mails the tests find in the outbox: quoted-printable and base64 parts decoded.

/// A mail as its reader sees it: the raw message, then its quoted-printable and base64 parts
/// decoded (a word may be folded across lines or encoded whole).
pub fn readable(raw: &str) -> String {
    let mut out = raw.to_owned();
    let unfolded = raw.replace("=\r\n", "").replace("=\n", "");
    out.push('\n');
    out.push_str(&decode_quoted_printable(&unfolded));
    for part in raw.split("Content-Transfer-Encoding: base64").skip(1) {
        let body = part
            .split_once("\r\n\r\n")
            .or_else(|| part.split_once("\n\n"))
            .map(|(_, body)| body)
            .unwrap_or_default();
        let encoded: String = body
            .lines()
            .take_while(|line| !line.trim().is_empty() && !line.starts_with("--"))
            .collect();
        out.push('\n');
        out.push_str(&String::from_utf8_lossy(&decode_base64(&encoded)));
    }
    out
}

pub fn decode_quoted_printable(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (bytes[i], hex) {
            (b'=', Some(byte)) => {
                out.push(byte);
                i += 3;
            }
            (byte, _) => {
                out.push(byte);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

pub fn decode_base64(text: &str) -> Vec<u8> {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = Vec::new();
    let (mut acc, mut bits) = (0u32, 0u32);
    for c in text.bytes() {
        let Some(value) = ALPHABET.iter().position(|&a| a == c) else {
            continue;
        };
        acc = (acc << 6) | value as u32;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    out
}

#[test]
fn mails_are_read_decoded() {
    assert_eq!(decode_base64("bWFya8O4cg=="), "markør".as_bytes());
    assert!(readable("Subject: x\r\n\r\nab=\r\ncd m=C3=B8de").contains("abcd møde"));
}

/// Only the body, decoded.
pub fn decoded(raw: &str) -> String {
    if raw.contains("Content-Transfer-Encoding: base64") {
        return readable(raw)[raw.len()..].to_owned();
    }
    let body = raw
        .split_once("\r\n\r\n")
        .or_else(|| raw.split_once("\n\n"))
        .map(|(_, body)| body)
        .unwrap_or_default();
    decode_quoted_printable(&body.replace("=\r\n", "").replace("=\n", ""))
}
