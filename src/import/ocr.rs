//! Scanned PDFs and images: text through tesseract (`-l vie`), when it is installed;
//! otherwise an error that gives the command to install and run it.

use std::path::Path;
use std::process::Command;

use anyhow::{bail, Context, Result};

use crate::messages::{self, Msg};

fn has_vietnamese() -> bool {
    Command::new("tesseract")
        .arg("--list-langs")
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).lines().any(|l| l.trim() == "vie"))
}

fn tesseract(image: &Path) -> Result<String> {
    // Keeping wide gaps lets `columns` tell the header's two columns apart.
    let out = Command::new("tesseract")
        .arg(image)
        .arg("-")
        .args(["-l", "vie", "-c", "preserve_interword_spaces=1"])
        // One thread each: pages already run in parallel.
        .env("OMP_THREAD_LIMIT", "1")
        .output()
        .context("tesseract")?;
    if !out.status.success() {
        bail!("tesseract: {}", String::from_utf8_lossy(&out.stderr).trim());
    }
    Ok(columns(&crate::load::nfc(&String::from_utf8_lossy(&out.stdout))))
}

/// A gap this wide inside a line separates two columns.
const COLUMN_GAP: &str = "    ";

/// Side-by-side blocks (issuer | motto, "Nơi nhận" | signature) come out of OCR line by
/// line; this puts the left column first, then the right one, as a reader would read.
/// A region of columns ends at a long line without a gap (the body).
pub fn columns(text: &str) -> String {
    let mut out: Vec<String> = Vec::new();
    let (mut left, mut right): (Vec<String>, Vec<String>) = (Vec::new(), Vec::new());
    let flush = |out: &mut Vec<String>, left: &mut Vec<String>, right: &mut Vec<String>| {
        for part in left.drain(..).chain(right.drain(..)) {
            out.push(part);
            out.push(String::new());
        }
    };
    for line in text.lines() {
        let trimmed = line.trim();
        match trimmed.rsplit_once(COLUMN_GAP) {
            Some((l, r)) => {
                left.push(l.trim().to_owned());
                right.push(r.trim().to_owned());
            }
            None if !left.is_empty() && trimmed.chars().count() < 50 => {
                if !trimmed.is_empty() {
                    left.push(trimmed.to_owned());
                }
            }
            None => {
                flush(&mut out, &mut left, &mut right);
                out.push(trimmed.split_whitespace().collect::<Vec<_>>().join(" "));
            }
        }
    }
    flush(&mut out, &mut left, &mut right);
    out.join("\n")
}

/// The text of an image file.
pub fn image(path: &Path, shown: &str) -> Result<String> {
    if !has_vietnamese() {
        let command = format!("tesseract \"{shown}\" van-ban -l vie");
        bail!(messages::text(Msg::ImportNeedsOcr { path: shown, command: &command }));
    }
    tesseract(path)
}

/// The text of a PDF without a text layer: each page rendered by `pdftoppm`, then read.
pub fn scanned_pdf(path: &Path, shown: &str) -> Result<String> {
    let pdftoppm = Command::new("pdftoppm").arg("-v").output().is_ok();
    if !has_vietnamese() || !pdftoppm {
        let command =
            format!("pdftoppm -r 300 -png \"{shown}\" trang && tesseract trang-1.png van-ban -l vie");
        bail!(messages::text(Msg::ImportNeedsOcr { path: shown, command: &command }));
    }
    let dir = fresh_dir()?;
    let text = read_pages(path, shown, &dir);
    // Removed whatever happened, so no page of this file is read with the next one.
    let _ = std::fs::remove_dir_all(&dir);
    text
}

fn read_pages(path: &Path, shown: &str, dir: &Path) -> Result<String> {
    let status = Command::new("pdftoppm")
        .args(["-r", "300", "-png"])
        .arg(path)
        .arg(dir.join("page"))
        .status()
        .context("pdftoppm")?;
    if !status.success() {
        bail!(messages::text(Msg::ReadFailed { path: shown }));
    }
    // pdftoppm pads page numbers to the same width, so names sort in page order.
    let mut pages: Vec<_> = std::fs::read_dir(dir)?.filter_map(|e| e.ok().map(|e| e.path())).collect();
    pages.sort();
    // Pages are independent: read them side by side.
    let texts: Vec<Result<String>> = {
        use rayon::prelude::*;
        pages.par_iter().map(|page| tesseract(page)).collect()
    };
    let mut text = String::new();
    for page in texts {
        text.push_str(&page?);
        text.push('\n');
    }
    Ok(text)
}

/// A fresh folder under the system's temporary folder, for one file's page images.
fn fresh_dir() -> Result<std::path::PathBuf> {
    static COUNT: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let n = COUNT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let dir = std::env::temp_dir().join(format!("loa-ocr-{}-{n}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).with_context(|| format!("`{}`", dir.display()))?;
    Ok(dir)
}

#[cfg(test)]
mod tests {
    #[test]
    fn side_by_side_columns_are_read_left_then_right() {
        let ocr = "CHI BỘ CƠ SỞ\n*         ĐẢNG CỘNG SẢN VIỆT NAM\nSố: 55- CV/CB       Son La, ngày 01 tháng 03 năm 2023\n\nVề việc lãnh đạo, tuyên truyền công tác khuyến học, khuyến tài và xây dựng\nNơi nhận:        T/M CHI BỘ\n- Như trên;        BÍ THƯ\n- Lưu.\n";
        assert_eq!(
            super::columns(ocr),
            "CHI BỘ CƠ SỞ\n*\n\nSố: 55- CV/CB\n\nĐẢNG CỘNG SẢN VIỆT NAM\n\nSon La, ngày 01 tháng 03 năm 2023\n\nVề việc lãnh đạo, tuyên truyền công tác khuyến học, khuyến tài và xây dựng\nNơi nhận:\n\n- Như trên;\n\n- Lưu.\n\nT/M CHI BỘ\n\nBÍ THƯ\n"
        );
    }
}
