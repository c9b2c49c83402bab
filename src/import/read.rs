//! Reading an input file into paragraphs in reading order, whatever its format:
//! `.docx`, PDF (text layer, or OCR for scans), images (OCR), text in any encoding.

use std::path::Path;

use anyhow::{bail, Result};

use super::text::Encoding;
use crate::messages::{self, Msg};

/// A paragraph (inline Markdown: `*italic*`, `**bold**`) or a table (rows of cells of
/// paragraphs).
#[derive(Debug, Clone, PartialEq)]
pub enum Para {
    Text(String),
    Table(Vec<Vec<Vec<String>>>),
}

/// What a file was read as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Text(Encoding),
    Docx,
    Pdf,
    /// Scanned PDF or image, read by tesseract.
    Ocr,
}

impl Format {
    pub fn name(self) -> &'static str {
        match self {
            Format::Text(e) => e.name(),
            Format::Docx => "Word .docx",
            Format::Pdf => "PDF",
            Format::Ocr => "OCR (tesseract)",
        }
    }
}

/// Reads `path` into paragraphs.
pub fn read(path: &Path) -> Result<(Vec<Para>, Format)> {
    let shown = path.display().to_string();
    let bytes = std::fs::read(path)
        .map_err(|e| anyhow::anyhow!("{}: {e}", messages::text(Msg::ReadFailed { path: &shown })))?;
    if bytes.starts_with(b"PK\x03\x04") {
        return Ok((super::docx::read(&bytes, &shown)?, Format::Docx));
    }
    if bytes.starts_with(b"\xD0\xCF\x11\xE0") {
        bail!(messages::text(Msg::ImportOldWord { path: &shown }));
    }
    if bytes.starts_with(b"%PDF") {
        return super::pdf::read(path, &bytes, &shown);
    }
    let image = [&b"\x89PNG"[..], b"\xFF\xD8\xFF", b"II*\0", b"MM\0*"].iter().any(|m| bytes.starts_with(m));
    if image {
        let text = super::ocr::image(path, &shown)?;
        return Ok((wrapped_paragraphs(&text), Format::Ocr));
    }
    let (text, encoding) = super::text::decode(&bytes);
    // A program, archive or other binary file is not a letter.
    let controls =
        text.chars().filter(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\u{c}')).count();
    if controls * 100 > text.chars().count().max(1) {
        bail!(messages::text(Msg::ImportNotText { path: &shown }));
    }
    Ok((line_paragraphs(&text), Format::Text(encoding)))
}

/// Text where every line is a paragraph (what Word and Notepad save).
pub fn line_paragraphs(text: &str) -> Vec<Para> {
    text.lines().map(str::trim).filter(|l| !l.is_empty()).map(|l| Para::Text(l.to_owned())).collect()
}

/// Text broken into lines at the page width (PDF, OCR): lines are joined back into
/// paragraphs; a paragraph ends at a blank line, before a line that starts a list item or
/// a layout part, after a line in capitals, or after a short line ending a sentence.
pub fn wrapped_paragraphs(text: &str) -> Vec<Para> {
    let lines: Vec<&str> = text.lines().map(str::trim).collect();
    let width = lines.iter().map(|l| l.chars().count()).max().unwrap_or(0);
    let starts_block = |l: &str| {
        static RE: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
        RE.get_or_init(|| {
            regex::Regex::new(
                r"^(?:\d{1,2}\.\s|\(\d{1,2}\)|[a-zđ]\)\s|[-+•–]\s|Kính gửi|Nơi nhận|Số\s*:|Điều\s+\d)",
            )
            .expect("valid pattern")
        })
        .is_match(l)
            || super::layout::date_line(l).is_some()
            || super::layout::is_capitals(l)
    };
    let mut out = Vec::new();
    let mut current = String::new();
    let mut prev_ends = true;
    for line in lines {
        if (line.is_empty() || starts_block(line) || prev_ends) && !current.is_empty() {
            out.push(Para::Text(std::mem::take(&mut current)));
        }
        if line.is_empty() {
            prev_ends = true;
            continue;
        }
        if !current.is_empty() {
            current.push(' ');
        }
        current.push_str(line);
        let short = line.chars().count() * 10 < width * 8;
        prev_ends = super::layout::is_capitals(line) || (short && line.ends_with(['.', ':', ';', '!', '?']));
    }
    if !current.is_empty() {
        out.push(Para::Text(current));
    }
    out
}

/// A body table as a Markdown pipe table (first row as header).
pub fn table_markdown(rows: &[Vec<Vec<String>>]) -> String {
    let cell = |paras: &Vec<String>| paras.join("<br>").replace('|', "\\|");
    let mut out = String::new();
    let cols = rows.iter().map(Vec::len).max().unwrap_or(0);
    for (i, row) in rows.iter().enumerate() {
        let mut cells: Vec<String> = row.iter().map(cell).collect();
        cells.resize(cols, String::new());
        out.push_str(&format!("| {} |\n", cells.join(" | ")));
        if i == 0 {
            out.push_str(&format!("|{}\n", " --- |".repeat(cols)));
        }
    }
    out.trim_end().to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrapped_lines_become_paragraphs() {
        let text = "CHI BỘ CƠ SỞ\nSố: 55-CV/CB\n1. Tiếp tục quan tâm tuyên truyền, quán triệt thực hiện\nChỉ thị số 11 ngày 13/4/2007.\n2. Đẩy mạnh.\n\nMột đoạn khác";
        let paras = wrapped_paragraphs(text);
        let texts: Vec<&str> = paras
            .iter()
            .map(|p| match p {
                Para::Text(t) => t.as_str(),
                _ => "",
            })
            .collect();
        assert_eq!(
            texts,
            [
                "CHI BỘ CƠ SỞ",
                "Số: 55-CV/CB",
                "1. Tiếp tục quan tâm tuyên truyền, quán triệt thực hiện Chỉ thị số 11 ngày 13/4/2007.",
                "2. Đẩy mạnh.",
                "Một đoạn khác"
            ]
        );
    }
}
