//! Text extraction from uploaded files, for the search index.
//!
//! Uploaded files are hostile until proven otherwise, so everything here is bounded twice.
//! Inside, by our own counters: the bytes read from the file, the bytes inflated out of a zip
//! or a PDF stream (counted while reading, never trusting the sizes a header declares), the
//! zip's entries and the parts read, the XML nesting depth (and no DTD at all, so no entity can
//! expand), the text produced, and the wall-clock time. Outside, by the operating system: the
//! worker runs [`extract`] only in a child process ([`Sandbox`], [`child`]) whose address space
//! and CPU time are limited and which the worker kills at its deadline, because a parser can
//! allocate before our counters run (`lopdf` unpacks object streams while it loads a PDF) and
//! can have bugs nobody found yet. A file that breaks a bound, kills the child, or is
//! encrypted, broken or of an unknown kind, yields an [`ExtractError`] with a stable reason
//! code that the worker records on the file; it is never a panic and never a hung or killed
//! worker.
//!
//! Office files are read as zips of XML parts with a streaming XML reader (no DOM, no entity
//! expansion); PDFs go through `pdf-extract` on `lopdf`, inside `catch_unwind` because a
//! parser of that size can panic on inputs nobody tried. Text that outgrows
//! [`Limits::max_text_bytes`] is truncated, not refused: the first megabytes of a giant
//! spreadsheet are worth indexing.

pub mod child;
pub mod job;
mod office;
mod pdf;
pub mod sandbox;

pub use sandbox::Sandbox;

#[cfg(test)]
mod tests;

use std::cell::Cell;
use std::fs::File;
use std::io::{self, Read};
use std::path::Path;
use std::time::{Duration, Instant};

/// Bounds for one extraction. The defaults suit uploads of up to 50 MB.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Limits {
    /// The largest input file read at all (a PDF is read into memory whole).
    pub max_input_bytes: u64,
    /// Total bytes inflated out of a zip's entries or a PDF's streams.
    pub max_inflated_bytes: u64,
    /// Inflated bytes allowed per compressed byte of one entry or stream, above
    /// [`RATIO_FLOOR`] bytes (small entries may legitimately compress extremely well).
    pub max_ratio: u64,
    /// Entries in a zip's central directory.
    pub max_entries: usize,
    /// Parts read from one file (slides of a presentation).
    pub max_parts: usize,
    /// Open XML elements at once.
    pub max_xml_depth: usize,
    /// Bytes of one XML token (a tag or a text node): the streaming reader holds one whole token
    /// in memory, so a part of zeros with no `<` in it must not grow it to the inflated limit.
    pub max_xml_token_bytes: u64,
    /// Text returned; more is cut off at a character boundary.
    pub max_text_bytes: usize,
    /// Wall-clock budget of one extraction.
    pub time_budget: Duration,
}

/// Inflated bytes always allowed for one entry or stream, whatever its compression ratio.
pub const RATIO_FLOOR: u64 = 1 << 20;

impl Default for Limits {
    fn default() -> Self {
        Self {
            max_input_bytes: 128 << 20,
            max_inflated_bytes: 256 << 20,
            max_ratio: 200,
            max_entries: 10_000,
            max_parts: 2_000,
            max_xml_depth: 256,
            max_xml_token_bytes: 16 << 20,
            max_text_bytes: 5 << 20,
            time_budget: Duration::from_secs(30),
        }
    }
}

/// Why a file gave no text. `reason.code()` is stable: it is stored on the file and shown.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct ExtractError {
    pub reason: Reason,
    pub message: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reason {
    /// Not a kind of file we read text from.
    UnsupportedType,
    /// Protected with a password.
    Encrypted,
    /// Truncated, broken or not what its name says.
    Corrupt,
    /// Larger than allowed once inflated, or compressed suspiciously well (a zip bomb).
    TooLarge,
    /// XML nested deeper than allowed.
    TooDeep,
    /// More entries or parts than allowed.
    TooManyParts,
    /// Ran out of its time budget.
    TimedOut,
    /// The file could not be read from local disk: the machine's fault, not the file's.
    Io,
}

impl Reason {
    const ALL: [Reason; 8] = [
        Self::UnsupportedType,
        Self::Encrypted,
        Self::Corrupt,
        Self::TooLarge,
        Self::TooDeep,
        Self::TooManyParts,
        Self::TimedOut,
        Self::Io,
    ];

    pub fn from_code(code: &str) -> Option<Reason> {
        Self::ALL.into_iter().find(|r| r.code() == code)
    }

    pub fn code(self) -> &'static str {
        match self {
            Self::UnsupportedType => "unsupported_type",
            Self::Encrypted => "encrypted",
            Self::Corrupt => "corrupt",
            Self::TooLarge => "too_large",
            Self::TooDeep => "too_deep",
            Self::TooManyParts => "too_many_parts",
            Self::TimedOut => "timed_out",
            Self::Io => "io",
        }
    }
}

impl ExtractError {
    pub fn new(reason: Reason, message: impl Into<String>) -> Self {
        Self {
            reason,
            message: message.into(),
        }
    }

    pub fn code(&self) -> &'static str {
        self.reason.code()
    }

    /// Whether the file is to blame (record it on the file) rather than the machine (retry).
    pub fn is_bad_file(&self) -> bool {
        self.reason != Reason::Io
    }

    pub(crate) fn corrupt(what: impl std::fmt::Display) -> Self {
        Self::new(
            Reason::Corrupt,
            format!("the file is damaged or incomplete ({what})"),
        )
    }

    pub(crate) fn timed_out(budget: Duration) -> Self {
        Self::new(
            Reason::TimedOut,
            format!(
                "reading the file took longer than {} seconds",
                budget.as_secs_f32()
            ),
        )
    }
}

/// The kinds of file we read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Pdf,
    Docx,
    Pptx,
    Xlsx,
    Odt,
    Odp,
    Text,
    Image,
}

fn kind_of(content_type: &str, file_name: &str) -> Option<Kind> {
    let mime = content_type
        .split(';')
        .next()
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase();
    let by_mime = match mime.as_str() {
        "application/pdf" => Some(Kind::Pdf),
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document" => {
            Some(Kind::Docx)
        }
        "application/vnd.openxmlformats-officedocument.presentationml.presentation" => {
            Some(Kind::Pptx)
        }
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" => Some(Kind::Xlsx),
        "application/vnd.oasis.opendocument.text" => Some(Kind::Odt),
        "application/vnd.oasis.opendocument.presentation" => Some(Kind::Odp),
        m if m.starts_with("text/") => Some(Kind::Text),
        m if m.starts_with("image/") => Some(Kind::Image),
        _ => None,
    };
    by_mime.or_else(|| {
        let ext = Path::new(file_name)
            .extension()?
            .to_str()?
            .to_ascii_lowercase();
        Some(match ext.as_str() {
            "pdf" => Kind::Pdf,
            "docx" => Kind::Docx,
            "pptx" => Kind::Pptx,
            "xlsx" => Kind::Xlsx,
            "odt" => Kind::Odt,
            "odp" => Kind::Odp,
            "txt" | "text" | "md" | "markdown" | "csv" => Kind::Text,
            "png" | "jpg" | "jpeg" | "gif" | "webp" | "svg" | "bmp" | "tif" | "tiff" | "heic" => {
                Kind::Image
            }
            _ => return None,
        })
    })
}

/// Extracts the text of the file at `path`. `content_type` and `file_name` are the uploader's
/// claims: they choose the reader, and a file that is not what it claims is `corrupt`.
pub fn extract(
    path: &Path,
    content_type: &str,
    file_name: &str,
    limits: &Limits,
) -> Result<String, ExtractError> {
    let budget = Budget::new(limits);
    let Some(kind) = kind_of(content_type, file_name) else {
        return Err(ExtractError::new(
            Reason::UnsupportedType,
            format!("text is not read from files of type {content_type:?}"),
        ));
    };
    if kind == Kind::Image {
        return Ok(String::new());
    }
    let mut file = File::open(path).map_err(io_error)?;
    let size = file.metadata().map_err(io_error)?.len();
    if size > limits.max_input_bytes {
        return Err(ExtractError::new(
            Reason::TooLarge,
            format!(
                "the file is larger than {} MB",
                limits.max_input_bytes >> 20
            ),
        ));
    }
    let mut out = TextOut::new(limits.max_text_bytes);
    match kind {
        Kind::Pdf => pdf::extract(&mut file, size, &budget, &mut out)?,
        Kind::Docx | Kind::Pptx | Kind::Xlsx | Kind::Odt | Kind::Odp => {
            office::extract(file, kind, &budget, &mut out)?
        }
        Kind::Text => plain_text(file, &budget, &mut out)?,
        Kind::Image => {}
    }
    Ok(out.finish())
}

fn io_error(e: io::Error) -> ExtractError {
    ExtractError::new(Reason::Io, format!("the file could not be read: {e}"))
}

fn plain_text(file: File, budget: &Budget<'_>, out: &mut TextOut) -> Result<(), ExtractError> {
    // One byte more than fits tells a cut from an exact fit; a cut may split a character, which
    // the lossy decoding turns into one replacement character at the end.
    let mut bytes = Vec::new();
    file.take(out.room() as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(io_error)?;
    budget.check_time()?;
    let text = String::from_utf8_lossy(&bytes);
    out.push(text.strip_prefix('\u{feff}').unwrap_or(&text));
    Ok(())
}

/// The running bounds of one extraction: its deadline and the bytes inflated so far. Shared by
/// reference with the counting readers, hence the cells.
pub(crate) struct Budget<'a> {
    limits: &'a Limits,
    deadline: Instant,
    inflated: Cell<u64>,
    /// Bytes read since the XML reader last produced a token.
    since_token: Cell<u64>,
    /// Set by a counting reader that hit a bound; its I/O error then means this.
    tripped: Cell<Option<Reason>>,
}

impl<'a> Budget<'a> {
    fn new(limits: &'a Limits) -> Self {
        Self {
            limits,
            deadline: Instant::now() + limits.time_budget,
            inflated: Cell::new(0),
            since_token: Cell::new(0),
            tripped: Cell::new(None),
        }
    }

    pub(crate) fn limits(&self) -> &Limits {
        self.limits
    }

    pub(crate) fn check_time(&self) -> Result<(), ExtractError> {
        if Instant::now() >= self.deadline {
            Err(ExtractError::timed_out(self.limits.time_budget))
        } else {
            Ok(())
        }
    }

    /// What a read of `compressed` bytes may inflate to: its share by ratio, and no more than
    /// what is left of the total.
    pub(crate) fn allowance(&self, compressed: u64) -> u64 {
        let by_ratio = compressed
            .saturating_mul(self.limits.max_ratio)
            .max(RATIO_FLOOR);
        by_ratio.min(
            self.limits
                .max_inflated_bytes
                .saturating_sub(self.inflated.get()),
        )
    }

    fn too_large(&self) -> ExtractError {
        ExtractError::new(
            Reason::TooLarge,
            format!(
                "the file unpacks to more than {} MB or is compressed suspiciously well",
                self.limits.max_inflated_bytes >> 20
            ),
        )
    }

    /// Turns a reader's failure into the bound it hit, if it hit one, or else `corrupt`.
    pub(crate) fn explain(&self, what: impl std::fmt::Display) -> ExtractError {
        match self.tripped.get() {
            Some(Reason::TooLarge) => self.too_large(),
            Some(Reason::TimedOut) => ExtractError::timed_out(self.limits.time_budget),
            _ => ExtractError::corrupt(what),
        }
    }

    /// A reader of inflated bytes that stops at `allowance` bytes and at the deadline.
    pub(crate) fn counted<R: Read>(&'a self, inner: R, allowance: u64) -> Counted<'a, R> {
        Counted {
            inner,
            budget: self,
            left: allowance,
            token_cap: None,
        }
    }

    /// [`Self::counted`] for an XML reader, which also stops at a token over
    /// [`Limits::max_xml_token_bytes`] (the reader calls [`Self::token_done`] after each).
    pub(crate) fn counted_xml<R: Read>(&'a self, inner: R, allowance: u64) -> Counted<'a, R> {
        self.since_token.set(0);
        Counted {
            token_cap: Some(self.limits.max_xml_token_bytes),
            ..self.counted(inner, allowance)
        }
    }

    pub(crate) fn token_done(&self) {
        self.since_token.set(0);
    }
}

/// Counts inflated bytes as they are read (the `Read::take` idea, with the total shared across
/// entries), failing the read once over the allowance or past the deadline.
pub(crate) struct Counted<'a, R> {
    inner: R,
    budget: &'a Budget<'a>,
    left: u64,
    token_cap: Option<u64>,
}

impl<R: Read> Read for Counted<'_, R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if Instant::now() >= self.budget.deadline {
            self.budget.tripped.set(Some(Reason::TimedOut));
            return Err(io::Error::other("time budget spent"));
        }
        // Ask for at most one byte past the allowance: enough to know it was exceeded.
        let cap = usize::try_from(self.left.saturating_add(1)).unwrap_or(usize::MAX);
        let want = buf.len().min(cap);
        let n = self.inner.read(&mut buf[..want])?;
        let n64 = n as u64;
        if n64 > self.left {
            self.budget.tripped.set(Some(Reason::TooLarge));
            return Err(io::Error::other("inflated size limit reached"));
        }
        self.left -= n64;
        self.budget.inflated.set(self.budget.inflated.get() + n64);
        if let Some(cap) = self.token_cap {
            let since = self.budget.since_token.get() + n64;
            self.budget.since_token.set(since);
            if since > cap {
                self.budget.tripped.set(Some(Reason::TooLarge));
                return Err(io::Error::other("XML token size limit reached"));
            }
        }
        Ok(n)
    }
}

/// The text being produced, cut at `cap` bytes on a character boundary.
pub(crate) struct TextOut {
    text: String,
    cap: usize,
    full: bool,
}

impl TextOut {
    fn new(cap: usize) -> Self {
        Self {
            text: String::new(),
            cap,
            full: false,
        }
    }

    pub(crate) fn is_full(&self) -> bool {
        self.full
    }

    fn room(&self) -> usize {
        self.cap.saturating_sub(self.text.len())
    }

    pub(crate) fn push(&mut self, s: &str) {
        if self.full {
            return;
        }
        if s.len() <= self.room() {
            self.text.push_str(s);
            return;
        }
        let mut end = self.room();
        while !s.is_char_boundary(end) {
            end -= 1;
        }
        self.text.push_str(&s[..end]);
        self.full = true;
    }

    /// Ends a paragraph: one line break, none at the start or after another.
    pub(crate) fn end_paragraph(&mut self) {
        if !self.text.is_empty() && !self.text.ends_with('\n') {
            self.push("\n");
        }
    }

    fn finish(self) -> String {
        let trimmed = self.text.trim_end();
        if trimmed.len() == self.text.len() {
            self.text
        } else {
            trimmed.to_owned()
        }
    }
}
