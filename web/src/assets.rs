//! The style sheet and the search script, compiled in and served under a name that carries a
//! hash of their content: a browser may keep them for a year, and a new release changes the
//! name.

use std::sync::LazyLock;

use poem::http::StatusCode;
use poem::http::header::{CACHE_CONTROL, CONTENT_TYPE};
use poem::web::Path;
use poem::{Response, handler};

struct Asset {
    /// The name pages refer to (`app.css`).
    name: &'static str,
    content_type: &'static str,
    body: &'static [u8],
    /// The name it is served under (`app.1a2b3c4d.css`).
    hashed: String,
}

static ASSETS: LazyLock<Vec<Asset>> = LazyLock::new(|| {
    [
        (
            "app.css",
            "text/css; charset=utf-8",
            include_bytes!("../static/app.css").as_slice(),
        ),
        (
            "search.js",
            "text/javascript; charset=utf-8",
            include_bytes!("../static/search.js").as_slice(),
        ),
    ]
    .into_iter()
    .map(|(name, content_type, body)| Asset {
        name,
        content_type,
        body,
        hashed: hashed_name(name, body),
    })
    .collect()
});

/// FNV-1a: enough to tell two versions of a file apart; nothing here needs collision resistance.
fn fingerprint(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, byte| {
        (hash ^ u64::from(*byte)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

fn hashed_name(name: &str, body: &[u8]) -> String {
    let hash = format!("{:016x}", fingerprint(body));
    match name.rsplit_once('.') {
        Some((stem, extension)) => format!("{stem}.{}.{extension}", &hash[..10]),
        None => format!("{name}.{}", &hash[..10]),
    }
}

/// The URL of a compiled-in file.
pub(crate) fn url(name: &str) -> String {
    match ASSETS.iter().find(|asset| asset.name == name) {
        Some(asset) => format!("/static/{}", asset.hashed),
        None => format!("/static/{name}"),
    }
}

#[handler]
pub(crate) fn serve(Path(file): Path<String>) -> Response {
    match ASSETS.iter().find(|asset| asset.hashed == file) {
        Some(asset) => Response::builder()
            .header(CONTENT_TYPE, asset.content_type)
            .header(CACHE_CONTROL, "public, max-age=31536000, immutable")
            .header("x-content-type-options", "nosniff")
            .body(asset.body),
        None => Response::builder()
            .status(StatusCode::NOT_FOUND)
            .content_type("text/plain; charset=utf-8")
            .body("Not Found"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_carry_the_content_hash() {
        let css = url("app.css");
        assert!(css.starts_with("/static/app.") && css.ends_with(".css"));
        assert_ne!(css, "/static/app.css");
        assert_ne!(hashed_name("a.css", b"one"), hashed_name("a.css", b"two"));
    }
}
