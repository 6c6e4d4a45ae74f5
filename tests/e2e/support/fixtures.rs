//! Files built in code for the upload tests. The builders live in `worker::samples`, shared
//! with the extractor's unit tests and the benchmark; these wrappers only unwrap.

pub fn pdf_with(lines: &[&str]) -> Vec<u8> {
    worker::samples::pdf_with(lines).unwrap()
}

pub fn docx_with(lines: &[&str]) -> Vec<u8> {
    worker::samples::docx_with(lines).unwrap()
}

/// A zip bomb dressed as a DOCX: `word/document.xml` inflates to `mebibytes` MiB of zeros.
pub fn zip_bomb(mebibytes: usize) -> Vec<u8> {
    worker::samples::zip_bomb(mebibytes).unwrap()
}

/// A PDF whose object stream is Flate-compressed twice and inflates to `mebibytes` MiB.
pub fn pdf_bomb(mebibytes: usize) -> Vec<u8> {
    worker::samples::pdf_bomb(mebibytes).unwrap()
}

/// A DOCX with a billion-laughs DTD.
pub fn billion_laughs_docx() -> Vec<u8> {
    worker::samples::billion_laughs_docx().unwrap()
}

/// A DOCX nested `depth` elements deep.
pub fn deep_xml_docx(depth: usize) -> Vec<u8> {
    worker::samples::deep_xml_docx(depth).unwrap()
}
