//! Which files we take: by the name's extension AND by the first bytes, which must agree. The
//! stored content type comes from this table, never from the client, so a download can never
//! turn into HTML or SVG in a browser.

use crate::error::{Error, Result};
use crate::text::{CODE_INVALID, CODE_REQUIRED, CODE_TOO_LONG, limits};

/// How many leading bytes are read before the upload goes on to storage.
pub(crate) const HEAD_BYTES: usize = 512;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Magic {
    Pdf,
    Zip,
    Png,
    Jpeg,
    Gif,
    Webp,
    Text,
}

struct Kind {
    extensions: &'static [&'static str],
    content_type: &'static str,
    magic: Magic,
}

const KINDS: &[Kind] = &[
    Kind {
        extensions: &["pdf"],
        content_type: "application/pdf",
        magic: Magic::Pdf,
    },
    Kind {
        extensions: &["docx"],
        content_type: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        magic: Magic::Zip,
    },
    Kind {
        extensions: &["pptx"],
        content_type: "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        magic: Magic::Zip,
    },
    Kind {
        extensions: &["xlsx"],
        content_type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        magic: Magic::Zip,
    },
    Kind {
        extensions: &["odt"],
        content_type: "application/vnd.oasis.opendocument.text",
        magic: Magic::Zip,
    },
    Kind {
        extensions: &["odp"],
        content_type: "application/vnd.oasis.opendocument.presentation",
        magic: Magic::Zip,
    },
    Kind {
        extensions: &["png"],
        content_type: "image/png",
        magic: Magic::Png,
    },
    Kind {
        extensions: &["jpg", "jpeg"],
        content_type: "image/jpeg",
        magic: Magic::Jpeg,
    },
    Kind {
        extensions: &["gif"],
        content_type: "image/gif",
        magic: Magic::Gif,
    },
    Kind {
        extensions: &["webp"],
        content_type: "image/webp",
        magic: Magic::Webp,
    },
    Kind {
        extensions: &["txt"],
        content_type: "text/plain; charset=utf-8",
        magic: Magic::Text,
    },
    Kind {
        extensions: &["md", "markdown"],
        content_type: "text/markdown; charset=utf-8",
        magic: Magic::Text,
    },
];

/// The extensions we accept, for forms (`accept=`) and messages.
pub const ALLOWED_EXTENSIONS: &[&str] = &[
    "pdf", "docx", "pptx", "xlsx", "odt", "odp", "png", "jpg", "jpeg", "gif", "webp", "txt", "md",
    "markdown",
];

fn unsupported() -> Error {
    Error::invalid("file", "unsupported_type")
}

/// A file name as given, cleaned: control characters dropped, whitespace trimmed; no path
/// separators, not empty, not over-long.
pub(crate) fn clean_name(raw: &str) -> Result<String> {
    let name: String = raw.chars().filter(|c| !c.is_control()).collect();
    let name = name.trim();
    if name.is_empty() {
        return Err(Error::invalid("name", CODE_REQUIRED));
    }
    if name.chars().count() > limits::NAME {
        return Err(Error::invalid("name", CODE_TOO_LONG));
    }
    if name.contains(['/', '\\']) || name == "." || name == ".." {
        return Err(Error::invalid("name", CODE_INVALID));
    }
    Ok(name.to_owned())
}

fn kind_of(name: &str) -> Option<&'static Kind> {
    let (_, extension) = name.rsplit_once('.')?;
    let extension = extension.to_ascii_lowercase();
    KINDS
        .iter()
        .find(|kind| kind.extensions.contains(&extension.as_str()))
}

/// Is the name's extension one we take? (Checked before any byte is read.)
pub(crate) fn check_extension(name: &str) -> Result<()> {
    kind_of(name).map(|_| ()).ok_or_else(unsupported)
}

/// Media types a browser may send that say nothing.
fn is_generic(declared: &str) -> bool {
    let declared = declared.trim().to_ascii_lowercase();
    declared.is_empty()
        || declared == "application/octet-stream"
        || declared == "binary/octet-stream"
        || declared == "application/x-www-form-urlencoded"
}

fn base_type(content_type: &str) -> String {
    content_type
        .split(';')
        .next()
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase()
}

fn magic_matches(magic: Magic, head: &[u8]) -> bool {
    match magic {
        Magic::Pdf => head.starts_with(b"%PDF-"),
        Magic::Zip => head.starts_with(b"PK\x03\x04"),
        Magic::Png => head.starts_with(b"\x89PNG\r\n\x1a\n"),
        Magic::Jpeg => head.starts_with(&[0xff, 0xd8, 0xff]),
        Magic::Gif => head.starts_with(b"GIF87a") || head.starts_with(b"GIF89a"),
        Magic::Webp => head.len() >= 12 && &head[..4] == b"RIFF" && &head[8..12] == b"WEBP",
        Magic::Text => {
            !head.contains(&0)
                && match std::str::from_utf8(head) {
                    Ok(_) => true,
                    // A character cut off at the end of the head is fine; anything else is not
                    // UTF-8 text.
                    Err(e) => e.error_len().is_none(),
                }
        }
    }
}

/// The content type we store for a file called `name` whose content starts with `head`, or
/// `unsupported_type` if the extension, the declared type and the bytes do not agree.
pub(crate) fn content_type(name: &str, declared: &str, head: &[u8]) -> Result<&'static str> {
    let kind = kind_of(name).ok_or_else(unsupported)?;
    if !is_generic(declared) {
        let declared = base_type(declared);
        // A declared type that names another of our kinds is a mismatch; one we do not know
        // (`text/x-markdown`, a vendor's alias) is left to the bytes to decide.
        let names_other = KINDS
            .iter()
            .any(|other| base_type(other.content_type) == declared)
            && base_type(kind.content_type) != declared;
        if names_other {
            return Err(unsupported());
        }
    }
    if magic_matches(kind.magic, head) {
        Ok(kind.content_type)
    } else {
        Err(unsupported())
    }
}

/// Image types a browser may show inline; everything else is an attachment.
pub(crate) fn is_inline_image(content_type: &str) -> bool {
    matches!(
        base_type(content_type).as_str(),
        "image/png" | "image/jpeg" | "image/gif" | "image/webp"
    )
}

/// Is there text worth extracting in this kind?
pub(crate) fn has_text(content_type: &str) -> bool {
    !base_type(content_type).starts_with("image/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names() {
        assert_eq!(clean_name(" a\u{0}b.pdf ").ok().as_deref(), Some("ab.pdf"));
        assert!(clean_name("../x.pdf").is_err());
        assert!(clean_name("a\\b.pdf").is_err());
        assert!(clean_name("\u{7}").is_err());
        assert!(clean_name(&"x".repeat(300)).is_err());
    }

    #[test]
    fn kinds_and_magic() {
        assert_eq!(
            content_type("Rapport.PDF", "application/pdf", b"%PDF-1.7 ...").ok(),
            Some("application/pdf")
        );
        assert!(content_type("a.pdf", "", b"PK\x03\x04").is_err());
        assert!(content_type("a.docx", "", b"%PDF-1.4").is_err());
        assert!(content_type("a.docx", "", b"PK\x03\x04rest").is_ok());
        assert!(content_type("a.txt", "", "hej æøå".as_bytes()).is_ok());
        assert!(content_type("a.txt", "", b"\x00\x01binary").is_err());
        assert!(content_type("a.txt", "application/pdf", b"text").is_err());
        assert!(content_type("a.svg", "", b"<svg").is_err());
        assert!(content_type("a.html", "", b"<html>").is_err());
        assert!(content_type("a.webp", "", b"RIFF\0\0\0\0WEBPVP8 ").is_ok());
        // A cut-off character at the end of the head is still text.
        assert!(content_type("a.md", "text/markdown", &"æ".as_bytes()[..1]).is_ok());
        assert!(is_inline_image("image/png"));
        assert!(!is_inline_image("image/svg+xml"));
    }
}
