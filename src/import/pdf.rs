//! PDF with a text layer → paragraphs (pdf-extract); a PDF without one goes to OCR.

use std::path::Path;

use anyhow::{bail, Result};

use super::read::{wrapped_paragraphs, Format, Para};
use crate::messages::{self, Msg};

/// Fewer letters than this on the text layer: a scan.
const MIN_LETTERS: usize = 20;

pub fn read(path: &Path, bytes: &[u8], shown: &str) -> Result<(Vec<Para>, Format)> {
    // pdf-extract may panic on a damaged file; that is a bad input, not a crash.
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    let extracted = std::panic::catch_unwind(|| pdf_extract::extract_text_from_mem(bytes));
    std::panic::set_hook(hook);
    let text = match extracted {
        Ok(Ok(text)) => crate::load::nfc(&text),
        Ok(Err(e)) => bail!("{}: {e}", messages::text(Msg::ImportBadFile { path: shown, what: "PDF" })),
        Err(_) => bail!(messages::text(Msg::ImportBadFile { path: shown, what: "PDF" })),
    };
    if text.chars().filter(|c| c.is_alphabetic()).count() < MIN_LETTERS {
        let text = super::ocr::scanned_pdf(path, shown)?;
        return Ok((wrapped_paragraphs(&text), Format::Ocr));
    }
    Ok((wrapped_paragraphs(&text), Format::Pdf))
}
