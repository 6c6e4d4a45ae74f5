//! Office files: Office Open XML (DOCX, PPTX, XLSX) and OpenDocument (ODT, ODP) are zips of XML
//! parts. Only the parts that carry the text are read, each through a counting reader and a
//! streaming XML reader that tracks its depth.

use std::fs::File;
use std::io::{BufReader, Read, Seek, SeekFrom};

use quick_xml::Reader;
use quick_xml::events::Event;
use zip::ZipArchive;
use zip::result::ZipError;

use super::{Budget, ExtractError, Kind, Reason, TextOut};

/// The first bytes of a Compound File (CFB): what Office saves a password-protected OOXML file
/// as, and what the old binary formats (.doc, .ppt, .xls) are.
const CFB_MAGIC: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

/// How often (in XML events) the deadline is looked at.
const TIME_CHECK_EVERY: u32 = 1024;

pub(super) fn extract(
    mut file: File,
    kind: Kind,
    budget: &Budget<'_>,
    out: &mut TextOut,
) -> Result<(), ExtractError> {
    let mut magic = [0u8; 8];
    let got = read_up_to(&mut file, &mut magic).map_err(super::io_error)?;
    if got == magic.len() && magic == CFB_MAGIC {
        return Err(compound_file(file, budget));
    }
    file.seek(SeekFrom::Start(0)).map_err(super::io_error)?;

    let mut zip = ZipArchive::new(file).map_err(|e| zip_error(e, budget))?;
    if zip.len() > budget.limits().max_entries {
        return Err(ExtractError::new(
            Reason::TooManyParts,
            format!(
                "the file has more than {} parts",
                budget.limits().max_entries
            ),
        ));
    }
    match kind {
        Kind::Docx => part(&mut zip, "word/document.xml", Style::Ooxml, budget, out),
        Kind::Xlsx => {
            // A workbook of numbers only has no shared strings: no text, not an error.
            if zip.index_for_name("xl/sharedStrings.xml").is_none() {
                return Ok(());
            }
            part(&mut zip, "xl/sharedStrings.xml", Style::Ooxml, budget, out)
        }
        Kind::Pptx => {
            let mut slides: Vec<(u32, String)> = zip
                .file_names()
                .filter_map(Result::ok)
                .filter_map(|name| {
                    let n = name
                        .strip_prefix("ppt/slides/slide")?
                        .strip_suffix(".xml")?
                        .parse()
                        .ok()?;
                    Some((n, name.into_owned()))
                })
                .collect();
            if slides.len() > budget.limits().max_parts {
                return Err(ExtractError::new(
                    Reason::TooManyParts,
                    format!(
                        "the presentation has more than {} slides",
                        budget.limits().max_parts
                    ),
                ));
            }
            slides.sort_unstable();
            for (_, name) in slides {
                part(&mut zip, &name, Style::Ooxml, budget, out)?;
                out.end_paragraph();
                if out.is_full() {
                    break;
                }
            }
            Ok(())
        }
        Kind::Odt | Kind::Odp => part(&mut zip, "content.xml", Style::Odf, budget, out),
        Kind::Pdf | Kind::Text | Kind::Image => Ok(()),
    }
}

/// A CFB where a zip was expected: encrypted OOXML keeps its package in an `EncryptedPackage`
/// stream next to `EncryptionInfo`; without those it is an old binary Office file.
fn compound_file(mut file: File, budget: &Budget<'_>) -> ExtractError {
    // Stream names are stored in UTF-16LE in the directory sectors, which may lie anywhere; the
    // file is already known to be within the input bound, so reading it through is bounded.
    let needle: Vec<u8> = "EncryptionInfo"
        .encode_utf16()
        .flat_map(u16::to_le_bytes)
        .collect();
    let mut bytes = Vec::new();
    let limit = budget.limits().max_input_bytes;
    let encrypted = match (&mut file).take(limit).read_to_end(&mut bytes) {
        Ok(_) => bytes.windows(needle.len()).any(|w| w == needle),
        Err(e) => return super::io_error(e),
    };
    if encrypted {
        ExtractError::new(
            Reason::Encrypted,
            "the file is protected with a password; save it without one to make it searchable",
        )
    } else {
        ExtractError::new(
            Reason::UnsupportedType,
            "the file is in the old binary Office format; save it as .docx, .pptx or .xlsx",
        )
    }
}

fn read_up_to(file: &mut File, buf: &mut [u8]) -> std::io::Result<usize> {
    let mut got = 0;
    while got < buf.len() {
        match file.read(&mut buf[got..])? {
            0 => break,
            n => got += n,
        }
    }
    Ok(got)
}

fn zip_error(e: ZipError, budget: &Budget<'_>) -> ExtractError {
    match e {
        ZipError::UnsupportedArchive(msg) if msg == ZipError::PASSWORD_REQUIRED => {
            ExtractError::new(Reason::Encrypted, "the file is protected with a password")
        }
        ZipError::InvalidPassword => {
            ExtractError::new(Reason::Encrypted, "the file is protected with a password")
        }
        ZipError::FileNotFound => ExtractError::corrupt("a required part is missing"),
        ZipError::CompressionMethodNotSupported(m) => {
            ExtractError::corrupt(format!("unsupported compression method {m}"))
        }
        other => budget.explain(other),
    }
}

/// Which elements carry the text, and which end a paragraph.
#[derive(Clone, Copy)]
enum Style {
    /// WordprocessingML, DrawingML and SpreadsheetML: text only inside `t` elements (`w:t`,
    /// `a:t`), so field codes, deleted text and properties stay out.
    Ooxml,
    /// OpenDocument: all text inside paragraphs and headings (`text:p`, `text:h`).
    Odf,
}

fn part(
    zip: &mut ZipArchive<File>,
    name: &str,
    style: Style,
    budget: &Budget<'_>,
    out: &mut TextOut,
) -> Result<(), ExtractError> {
    budget.check_time()?;
    let entry = zip.by_name(name).map_err(|e| zip_error(e, budget))?;
    let allowance = budget.allowance(entry.compressed_size());
    let reader = BufReader::new(budget.counted_xml(entry, allowance));
    xml_text(reader, style, budget, out)
}

/// Streams the text out of one XML part.
fn xml_text<R: std::io::BufRead>(
    reader: R,
    style: Style,
    budget: &Budget<'_>,
    out: &mut TextOut,
) -> Result<(), ExtractError> {
    let mut xml = Reader::from_reader(reader);
    let max_depth = budget.limits().max_xml_depth;
    let mut buf = Vec::new();
    let mut depth = 0usize;
    // Depths at which we entered the outermost text-carrying element and run (`r`), if inside.
    let mut text_at: Option<usize> = None;
    let mut run_at: Option<usize> = None;
    let mut events = 0u32;
    loop {
        events = events.wrapping_add(1);
        if events.is_multiple_of(TIME_CHECK_EVERY) {
            budget.check_time()?;
        }
        if out.is_full() {
            return Ok(());
        }
        buf.clear();
        let event = xml
            .read_event_into(&mut buf)
            .map_err(|e| budget.explain(format!("bad XML: {e}")))?;
        budget.token_done();
        match event {
            Event::Start(e) => {
                depth += 1;
                if depth > max_depth {
                    return Err(ExtractError::new(
                        Reason::TooDeep,
                        format!("the file's XML is nested more than {max_depth} levels deep"),
                    ));
                }
                match (style, e.local_name().as_ref()) {
                    (Style::Ooxml, b"t") | (Style::Odf, b"p" | b"h") if text_at.is_none() => {
                        text_at = Some(depth);
                    }
                    (Style::Ooxml, b"r") if run_at.is_none() => run_at = Some(depth),
                    _ => {}
                }
            }
            Event::End(e) => {
                match (style, e.local_name().as_ref()) {
                    (Style::Ooxml, b"p" | b"si") | (Style::Odf, b"p" | b"h") => {
                        out.end_paragraph();
                    }
                    _ => {}
                }
                if text_at == Some(depth) {
                    text_at = None;
                }
                if run_at == Some(depth) {
                    run_at = None;
                }
                depth = depth.saturating_sub(1);
            }
            Event::Empty(e) => match (style, e.local_name().as_ref()) {
                // A tab stop in paragraph properties is also a `w:tab`: only a run's counts.
                (Style::Ooxml, b"tab") if run_at.is_some() => out.push("\t"),
                (Style::Ooxml, b"br" | b"cr") if run_at.is_some() => out.push("\n"),
                (Style::Odf, b"tab") if text_at.is_some() => out.push("\t"),
                (Style::Odf, b"s") if text_at.is_some() => out.push(" "),
                (Style::Odf, b"line-break") if text_at.is_some() => out.push("\n"),
                (Style::Ooxml | Style::Odf, b"p" | b"h") => out.end_paragraph(),
                _ => {}
            },
            Event::Text(t) if text_at.is_some() => match t.unescape() {
                Ok(s) => out.push(&s),
                Err(_) => out.push(&String::from_utf8_lossy(&t)),
            },
            Event::CData(t) if text_at.is_some() => out.push(&String::from_utf8_lossy(&t)),
            // Office Open XML and OpenDocument forbid DTDs, and Word and LibreOffice refuse a
            // part with one; entity declarations are how an XML bomb (billion laughs) is made.
            Event::DocType(_) => {
                return Err(ExtractError::corrupt(
                    "its XML declares a document type, which office files never do",
                ));
            }
            Event::Eof => {
                if depth != 0 {
                    return Err(ExtractError::corrupt("the XML ends early"));
                }
                return Ok(());
            }
            _ => {}
        }
    }
}
