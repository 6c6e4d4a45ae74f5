//! Files built in code, good and hostile, in one place for every test and the benchmark: the
//! extractor's unit tests, the end-to-end tests (through `tests/e2e/support/fixtures.rs`) and
//! `bench/hostile`. Nothing here is used by the running product; it lives in the library so
//! that the three share one definition of "a PDF bomb".
//!
//! The bombs are cheap to build: a deflate stream of `n` MiB is one compressed MiB repeated
//! (each copy only refers back within itself, so the copies chain validly), so a gigabyte-sized
//! bomb takes milliseconds and a megabyte of memory to make.

use std::io::Write;

use anyhow::Context;
use flate2::write::ZlibEncoder;
use flate2::{Compress, Compression, FlushCompress};
use lopdf::content::{Content, Operation};
use lopdf::{Document, Object, Stream, dictionary};
use zip::write::SimpleFileOptions;

pub const DOCX_TYPE: &str =
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

/// The WordprocessingML namespace declaration.
pub const W: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main""#;

/// A zip of the given entries, stored with the default (deflate) method.
pub fn zip_of(entries: &[(&str, &[u8])]) -> anyhow::Result<Vec<u8>> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, data) in entries {
        zip.start_file(*name, SimpleFileOptions::default())?;
        zip.write_all(data)?;
    }
    Ok(zip.finish()?.into_inner())
}

/// A DOCX whose `word/document.xml` is `document_xml` as given.
pub fn docx(document_xml: &str) -> anyhow::Result<Vec<u8>> {
    zip_of(&[
        (
            "[Content_Types].xml",
            br#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>"#,
        ),
        ("word/document.xml", document_xml.as_bytes()),
    ])
}

/// A minimal DOCX with one paragraph per line.
pub fn docx_with(lines: &[&str]) -> anyhow::Result<Vec<u8>> {
    let paragraphs: String = lines
        .iter()
        .map(|l| format!("<w:p><w:r><w:t>{l}</w:t></w:r></w:p>"))
        .collect();
    docx(&format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document {W}><w:body>{paragraphs}</w:body></w:document>"#
    ))
}

/// A one-page PDF with `lines` in Helvetica (WinAnsi, so Danish letters are single bytes; a
/// character outside Latin-1 becomes `?`).
pub fn pdf_with(lines: &[&str]) -> anyhow::Result<Vec<u8>> {
    let mut doc = pdf_document(lines)?;
    let mut bytes = Vec::new();
    doc.save_to(&mut bytes)?;
    Ok(bytes)
}

fn pdf_document(lines: &[&str]) -> anyhow::Result<Document> {
    let mut doc = Document::with_version("1.5");
    let pages_id = doc.new_object_id();
    let font_id = doc.add_object(dictionary! {
        "Type" => "Font",
        "Subtype" => "Type1",
        "BaseFont" => "Helvetica",
        "Encoding" => "WinAnsiEncoding",
    });
    let resources_id = doc.add_object(dictionary! {
        "Font" => dictionary! { "F1" => font_id },
    });
    let mut operations = vec![
        Operation::new("BT", vec![]),
        Operation::new("Tf", vec!["F1".into(), 14.into()]),
        Operation::new("Td", vec![72.into(), 700.into()]),
    ];
    for line in lines {
        let latin1: Vec<u8> = line
            .chars()
            .map(|c| u8::try_from(c).unwrap_or(b'?'))
            .collect();
        operations.push(Operation::new("Tj", vec![Object::string_literal(latin1)]));
        operations.push(Operation::new("Td", vec![0.into(), (-20).into()]));
    }
    operations.push(Operation::new("ET", vec![]));
    let content = Content { operations };
    let mut stream = Stream::new(dictionary! {}, content.encode()?);
    stream.compress()?;
    let content_id = doc.add_object(stream);
    let page_id = doc.add_object(dictionary! {
        "Type" => "Page",
        "Parent" => pages_id,
        "Contents" => content_id,
    });
    doc.objects.insert(
        pages_id,
        Object::Dictionary(dictionary! {
            "Type" => "Pages",
            "Kids" => vec![page_id.into()],
            "Count" => 1,
            "Resources" => resources_id,
            "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
        }),
    );
    let catalog_id = doc.add_object(dictionary! {
        "Type" => "Catalog",
        "Pages" => pages_id,
    });
    doc.trailer.set("Root", catalog_id);
    Ok(doc)
}

/// A raw deflate stream that inflates to `prefix` and then `mebibytes` MiB of `pattern`.
pub fn deflate_repeated(
    prefix: &[u8],
    pattern: &[u8],
    mebibytes: usize,
) -> anyhow::Result<Vec<u8>> {
    fn piece(data: &[u8]) -> anyhow::Result<Vec<u8>> {
        let mut c = Compress::new(Compression::best(), false);
        let mut out = Vec::with_capacity(data.len() / 2 + 1024);
        c.compress_vec(data, &mut out, FlushCompress::Sync)?;
        anyhow::ensure!(
            c.total_in() == data.len() as u64,
            "the compressor took {} of {} bytes",
            c.total_in(),
            data.len()
        );
        Ok(out)
    }
    let chunk: Vec<u8> = pattern.iter().copied().cycle().take(1 << 20).collect();
    let mut stream = piece(prefix)?;
    let chunk = piece(&chunk)?;
    stream.reserve(chunk.len() * mebibytes + 2);
    for _ in 0..mebibytes {
        stream.extend_from_slice(&chunk);
    }
    // A final, empty block with fixed codes.
    stream.extend_from_slice(&[0x03, 0x00]);
    Ok(stream)
}

/// Zlib framing (RFC 1950) around a raw deflate stream of `mebibytes` MiB of zeros, with the
/// right checksum: Adler-32 of `n` zeros is `(n mod 65521) << 16 | 1`.
fn zlib_of_zeros(mebibytes: usize) -> anyhow::Result<Vec<u8>> {
    let mut zlib = vec![0x78, 0xDA];
    zlib.extend(deflate_repeated(b"", &[0], mebibytes)?);
    let n = (mebibytes as u64) << 20;
    let adler = (((n % 65_521) as u32) << 16) | 1;
    zlib.extend_from_slice(&adler.to_be_bytes());
    Ok(zlib)
}

/// A one-entry zip around an already deflated stream, headers written by hand (the size a
/// header declares is whatever the caller says).
pub fn zip_around(name: &str, deflated: &[u8], declared_size: u32) -> anyhow::Result<Vec<u8>> {
    let name = name.as_bytes();
    let compressed = u32::try_from(deflated.len()).context("the stream is over 4 GiB")?;
    let name_len = u16::try_from(name.len()).context("the name is too long")?;
    let mut out = Vec::with_capacity(deflated.len() + 256);
    let le16 = |v: u16| v.to_le_bytes();
    let le32 = |v: u32| v.to_le_bytes();
    // Local file header.
    out.extend_from_slice(&le32(0x0403_4b50));
    out.extend_from_slice(&le16(20)); // version needed
    out.extend_from_slice(&le16(0)); // flags
    out.extend_from_slice(&le16(8)); // deflate
    out.extend_from_slice(&le32(0)); // time, date
    out.extend_from_slice(&le32(0)); // crc: never reached
    out.extend_from_slice(&le32(compressed));
    out.extend_from_slice(&le32(declared_size));
    out.extend_from_slice(&le16(name_len));
    out.extend_from_slice(&le16(0));
    out.extend_from_slice(name);
    out.extend_from_slice(deflated);
    // Central directory.
    let cd_start = u32::try_from(out.len()).context("the zip is over 4 GiB")?;
    out.extend_from_slice(&le32(0x0201_4b50));
    out.extend_from_slice(&le16(20)); // made by
    out.extend_from_slice(&le16(20));
    out.extend_from_slice(&le16(0));
    out.extend_from_slice(&le16(8));
    out.extend_from_slice(&le32(0));
    out.extend_from_slice(&le32(0));
    out.extend_from_slice(&le32(compressed));
    out.extend_from_slice(&le32(declared_size));
    out.extend_from_slice(&le16(name_len));
    out.extend_from_slice(&le16(0)); // extra
    out.extend_from_slice(&le16(0)); // comment
    out.extend_from_slice(&le16(0)); // disk
    out.extend_from_slice(&le16(0)); // internal attributes
    out.extend_from_slice(&le32(0)); // external attributes
    out.extend_from_slice(&le32(0)); // local header offset
    out.extend_from_slice(name);
    let cd_size = u32::try_from(out.len()).context("the zip is over 4 GiB")? - cd_start;
    // End of central directory.
    out.extend_from_slice(&le32(0x0605_4b50));
    out.extend_from_slice(&le16(0));
    out.extend_from_slice(&le16(0));
    out.extend_from_slice(&le16(1));
    out.extend_from_slice(&le16(1));
    out.extend_from_slice(&le32(cd_size));
    out.extend_from_slice(&le32(cd_start));
    out.extend_from_slice(&le16(0));
    Ok(out)
}

/// A zip bomb dressed as a DOCX: `word/document.xml` inflates to `mebibytes` MiB of zeros, in
/// about a kilobyte per MiB, and its header says so (at most 4 GiB - 1 can be said).
pub fn zip_bomb(mebibytes: usize) -> anyhow::Result<Vec<u8>> {
    let deflated = deflate_repeated(b"", &[0], mebibytes)?;
    let declared = u32::try_from((mebibytes as u64) << 20).unwrap_or(u32::MAX);
    zip_around("word/document.xml", &deflated, declared)
}

/// The PDF bomb of the issue: a small PDF with an object stream (`/Type /ObjStm`) whose content
/// is Flate-compressed twice and inflates to `mebibytes` MiB. `lopdf` unpacks every object
/// stream while it loads the file, before any counter of ours can look, so only a limit on
/// the extracting process's memory stops it. 1024 MiB makes a file of a few kilobytes. Written
/// by hand: `lopdf`'s writer drops object streams.
pub fn pdf_bomb(mebibytes: usize) -> anyhow::Result<Vec<u8>> {
    let inner = zlib_of_zeros(mebibytes)?;
    let mut outer = ZlibEncoder::new(Vec::new(), Compression::best());
    outer.write_all(&inner)?;
    let twice = outer.finish()?;
    let content = b"BT /F1 14 Tf 72 700 Td (Budget 2027) Tj ET";
    let mut content_object = format!("<</Length {}>>\nstream\n", content.len()).into_bytes();
    content_object.extend_from_slice(content);
    content_object.extend_from_slice(b"\nendstream");
    let mut bomb_object = format!(
        "<</Type/ObjStm/N 1/First 4/Filter[/FlateDecode/FlateDecode]/Length {}>>\nstream\n",
        twice.len()
    )
    .into_bytes();
    bomb_object.extend_from_slice(&twice);
    bomb_object.extend_from_slice(b"\nendstream");
    Ok(raw_pdf(&[
        b"<</Type/Catalog/Pages 2 0 R>>".to_vec(),
        b"<</Type/Pages/Kids[3 0 R]/Count 1/MediaBox[0 0 595 842]/Resources<</Font<</F1 4 0 R>>>>>>"
            .to_vec(),
        b"<</Type/Page/Parent 2 0 R/Contents 5 0 R>>".to_vec(),
        b"<</Type/Font/Subtype/Type1/BaseFont/Helvetica/Encoding/WinAnsiEncoding>>".to_vec(),
        content_object,
        bomb_object,
    ]))
}

/// A PDF of the given objects, numbered from 1 (the first is the catalog), with a classic
/// cross-reference table.
fn raw_pdf(objects: &[Vec<u8>]) -> Vec<u8> {
    let mut out = b"%PDF-1.5\n%\xE2\xE3\xCF\xD3\n".to_vec();
    let mut offsets = Vec::with_capacity(objects.len());
    for (n, body) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n", n + 1).as_bytes());
        out.extend_from_slice(body);
        out.extend_from_slice(b"\nendobj\n");
    }
    let xref = out.len();
    out.extend_from_slice(
        format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes(),
    );
    for offset in offsets {
        out.extend_from_slice(format!("{offset:010} 00000 n \n").as_bytes());
    }
    out.extend_from_slice(
        format!(
            "trailer\n<</Size {}/Root 1 0 R>>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .as_bytes(),
    );
    out
}

/// A PDF whose page content stream (Flate once) inflates to `mebibytes` MiB of spaces.
pub fn pdf_stream_bomb(mebibytes: usize) -> anyhow::Result<Vec<u8>> {
    let mut zlib = vec![0x78, 0xDA];
    zlib.extend(deflate_repeated(b"", b" ", mebibytes)?);
    let mut doc = pdf_document(&["x"])?;
    let page_id = *doc
        .get_pages()
        .get(&1)
        .context("the sample PDF has no page")?;
    let bomb_id = doc.add_object(Stream::new(dictionary! { "Filter" => "FlateDecode" }, zlib));
    doc.get_object_mut(page_id)?
        .as_dict_mut()?
        .set("Contents", bomb_id);
    let mut bytes = Vec::new();
    doc.save_to(&mut bytes)?;
    Ok(bytes)
}

/// The "billion laughs" XML bomb in a DOCX: ten levels of entities, each ten of the one below,
/// used once in the text — 10⁹ `lol`s for a parser that expands entities.
pub fn billion_laughs_docx() -> anyhow::Result<Vec<u8>> {
    let mut dtd = String::from("<!ENTITY lol0 \"lol\">");
    for level in 1..=9 {
        let below = format!("&lol{};", level - 1).repeat(10);
        dtd.push_str(&format!("<!ENTITY lol{level} \"{below}\">"));
    }
    docx(&format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE w:document [{dtd}]>
<w:document {W}><w:body><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p></w:body></w:document>"#
    ))
}

/// A DOCX whose XML is nested `depth` elements deep (a parser that recurses overflows its
/// stack; one that keeps a stack of open elements grows it).
pub fn deep_xml_docx(depth: usize) -> anyhow::Result<Vec<u8>> {
    let mut xml = String::with_capacity(depth * 8 + 256);
    xml.push_str(&format!("<w:document {W}><w:body>"));
    xml.push_str(&"<a>".repeat(depth));
    xml.push_str(&"</a>".repeat(depth));
    xml.push_str("</w:body></w:document>");
    docx(&xml)
}
