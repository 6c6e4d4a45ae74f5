//! PDF: `lopdf` parses, `pdf-extract` lays the text out. Both run inside `catch_unwind`: a panic
//! on a strange file becomes `corrupt`.
//!
//! Before any stream is handed to `pdf-extract`, every compressed stream it may inflate (all but
//! images) is inflated once into a counter, so a stream that unpacks to gigabytes fails
//! `too_large` without being held in memory. Object streams are inflated by `lopdf` while it
//! loads, before we can count them: they are counted after the fact, and what they may take
//! meanwhile is bounded by the extraction child's memory limit (see `sandbox`).

use std::fs::File;
use std::io::{self, Read};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::time::Instant;

use flate2::read::ZlibDecoder;
use pdf_extract::{MediaBox, OutputDev, OutputError, PlainTextOutput, Transform};

use super::{Budget, ExtractError, Reason, TextOut};

pub(super) fn extract(
    file: &mut File,
    size: u64,
    budget: &Budget<'_>,
    out: &mut TextOut,
) -> Result<(), ExtractError> {
    let mut bytes = Vec::with_capacity(usize::try_from(size).unwrap_or_default());
    file.take(budget.limits().max_input_bytes)
        .read_to_end(&mut bytes)
        .map_err(super::io_error)?;

    let doc = catch_unwind(|| lopdf::Document::load_mem(&bytes))
        .map_err(|_| ExtractError::corrupt("the PDF reader gave up on it"))?
        .map_err(load_error)?;
    drop(bytes);
    measure_unpacked(&doc, size, budget)?;
    if doc.is_encrypted() && !doc.was_encrypted() {
        // `lopdf` decrypts at load when the user password is empty; otherwise it cannot.
        return Err(encrypted());
    }
    budget.check_time()?;
    measure_streams(&doc, budget)?;

    let mut sink = CappedSink {
        text: Vec::new(),
        room: out.room(),
        full: false,
    };
    let mut device = Bounded {
        inner: PlainTextOutput::new(&mut sink as &mut dyn io::Write),
        deadline: budget.deadline,
        timed_out: false,
        chars: 0,
    };
    let run = catch_unwind(AssertUnwindSafe(|| {
        pdf_extract::output_doc(&doc, &mut device)
    }));
    let timed_out = device.timed_out;
    match run {
        Err(_) => return Err(ExtractError::corrupt("the PDF reader gave up on it")),
        Ok(Err(_)) if timed_out => budget.check_time()?,
        // The sink refusing more text is how a full output stops the layout early.
        Ok(Err(_)) if sink.full => {}
        Ok(Err(e)) => return Err(ExtractError::corrupt(e)),
        Ok(Ok(())) => {}
    }
    out.push(&String::from_utf8_lossy(&sink.text));
    Ok(())
}

fn encrypted() -> ExtractError {
    ExtractError::new(
        Reason::Encrypted,
        "the PDF is protected with a password; save it without one to make it searchable",
    )
}

fn load_error(e: lopdf::Error) -> ExtractError {
    match e {
        lopdf::Error::InvalidPassword | lopdf::Error::Decryption(_) => encrypted(),
        other => ExtractError::corrupt(other),
    }
}

/// Counts what `lopdf` already unpacked while loading (object streams; it keeps what it got
/// when an allocation fails, so in the memory-limited child a bomb arrives here cut short, not
/// as a crash) against the same bounds as every other inflation: unpacked stream bytes beyond
/// the file's own size are inflation.
fn measure_unpacked(
    doc: &lopdf::Document,
    size: u64,
    budget: &Budget<'_>,
) -> Result<(), ExtractError> {
    let unpacked: u64 = doc
        .objects
        .values()
        .filter_map(|object| object.as_stream().ok())
        .filter(|stream| stream.dict.get(b"Filter").is_err())
        .map(|stream| stream.content.len() as u64)
        .sum();
    if unpacked.saturating_sub(size) > budget.allowance(size) {
        return Err(budget.too_large());
    }
    Ok(())
}

/// Inflates every Flate stream except images into a counter, within the budget.
fn measure_streams(doc: &lopdf::Document, budget: &Budget<'_>) -> Result<(), ExtractError> {
    for object in doc.objects.values() {
        let Ok(stream) = object.as_stream() else {
            continue;
        };
        let is_image = stream
            .dict
            .get(b"Subtype")
            .and_then(lopdf::Object::as_name)
            .is_ok_and(|s| s == b"Image");
        let flate_first = stream
            .filters()
            .is_ok_and(|f| f.first().is_some_and(|f| *f == b"FlateDecode"));
        if is_image || !flate_first {
            continue;
        }
        budget.check_time()?;
        let allowance = budget.allowance(stream.content.len() as u64);
        let mut counted = budget.counted(ZlibDecoder::new(stream.content.as_slice()), allowance);
        // A stream that does not inflate cleanly is left to the extractor to judge; only a
        // bound that was hit fails the file here.
        if io::copy(&mut counted, &mut io::sink()).is_err() && budget.tripped.get().is_some() {
            return Err(budget.explain("a stream could not be inflated"));
        }
    }
    Ok(())
}

/// Collects the laid-out text up to `room` bytes, refusing whole characters beyond it.
struct CappedSink {
    text: Vec<u8>,
    room: usize,
    full: bool,
}

impl io::Write for CappedSink {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if self.full || self.text.len() + buf.len() > self.room {
            self.full = true;
            return Err(io::Error::other("text limit reached"));
        }
        self.text.extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// Plain-text layout that stops at the deadline.
struct Bounded<'a> {
    inner: PlainTextOutput<&'a mut dyn io::Write>,
    deadline: Instant,
    timed_out: bool,
    chars: u32,
}

impl Bounded<'_> {
    fn check(&mut self) -> Result<(), OutputError> {
        if Instant::now() >= self.deadline {
            self.timed_out = true;
            return Err(OutputError::FormatError(std::fmt::Error));
        }
        Ok(())
    }
}

impl OutputDev for Bounded<'_> {
    fn begin_page(
        &mut self,
        page_num: u32,
        media_box: &MediaBox,
        art_box: Option<(f64, f64, f64, f64)>,
    ) -> Result<(), OutputError> {
        self.check()?;
        self.inner.begin_page(page_num, media_box, art_box)
    }

    fn end_page(&mut self) -> Result<(), OutputError> {
        self.inner.end_page()
    }

    fn output_character(
        &mut self,
        trm: &Transform,
        width: f64,
        spacing: f64,
        font_size: f64,
        char: &str,
    ) -> Result<(), OutputError> {
        self.chars = self.chars.wrapping_add(1);
        if self.chars.is_multiple_of(256) {
            self.check()?;
        }
        self.inner
            .output_character(trm, width, spacing, font_size, char)
    }

    fn begin_word(&mut self) -> Result<(), OutputError> {
        self.inner.begin_word()
    }

    fn end_word(&mut self) -> Result<(), OutputError> {
        self.inner.end_word()
    }

    fn end_line(&mut self) -> Result<(), OutputError> {
        self.inner.end_line()
    }
}
