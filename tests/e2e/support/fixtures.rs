//! Files built in code for the upload tests: a real one-page PDF (lopdf), a real DOCX (zip), and
//! a zip bomb dressed as a DOCX.

use std::io::Write;

use lopdf::content::{Content, Operation};
use lopdf::{Document, Object, Stream, dictionary};
use zip::write::SimpleFileOptions;

/// A one-page PDF with `lines` in Helvetica (WinAnsi, so Danish letters are single bytes).
pub fn pdf_with(lines: &[&str]) -> Vec<u8> {
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
        let latin1: Vec<u8> = line.chars().map(|c| u8::try_from(c).unwrap()).collect();
        operations.push(Operation::new("Tj", vec![Object::string_literal(latin1)]));
        operations.push(Operation::new("Td", vec![0.into(), (-20).into()]));
    }
    operations.push(Operation::new("ET", vec![]));
    let content = Content { operations };
    let mut stream = Stream::new(dictionary! {}, content.encode().unwrap());
    stream.compress().unwrap();
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
    let mut bytes = Vec::new();
    doc.save_to(&mut bytes).unwrap();
    bytes
}

/// A minimal DOCX whose one paragraph per line holds `lines`.
pub fn docx_with(lines: &[&str]) -> Vec<u8> {
    let paragraphs: String = lines
        .iter()
        .map(|l| format!("<w:p><w:r><w:t>{l}</w:t></w:r></w:p>"))
        .collect();
    let document = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{paragraphs}</w:body></w:document>"#
    );
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, data) in [
        (
            "[Content_Types].xml",
            r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>"#,
        ),
        ("word/document.xml", document.as_str()),
    ] {
        zip.start_file(name, SimpleFileOptions::default()).unwrap();
        zip.write_all(data.as_bytes()).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

/// A zip bomb dressed as a DOCX: `word/document.xml` inflates to `mebibytes` MiB of one repeated
/// byte, written streaming with Deflate at its best (about a megabyte per GiB).
pub fn zip_bomb(mebibytes: usize) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    zip.start_file("[Content_Types].xml", SimpleFileOptions::default())
        .unwrap();
    zip.write_all(b"<Types/>").unwrap();
    let options = SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .compression_level(Some(9))
        .large_file(true);
    zip.start_file("word/document.xml", options).unwrap();
    let chunk = vec![b'a'; 1 << 20];
    for _ in 0..mebibytes {
        zip.write_all(&chunk).unwrap();
    }
    zip.finish().unwrap().into_inner()
}
