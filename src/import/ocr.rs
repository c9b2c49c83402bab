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
    let out =
        Command::new("tesseract").arg(image).arg("-").args(["-l", "vie"]).output().context("tesseract")?;
    if !out.status.success() {
        bail!("tesseract: {}", String::from_utf8_lossy(&out.stderr).trim());
    }
    Ok(crate::load::nfc(&String::from_utf8_lossy(&out.stdout)))
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
    let dir = tempfile_dir()?;
    let prefix = dir.join("page");
    let status = Command::new("pdftoppm")
        .args(["-r", "300", "-png"])
        .arg(path)
        .arg(&prefix)
        .status()
        .context("pdftoppm")?;
    if !status.success() {
        bail!(messages::text(Msg::ReadFailed { path: shown }));
    }
    let mut pages: Vec<_> = std::fs::read_dir(&dir)?.filter_map(|e| e.ok().map(|e| e.path())).collect();
    pages.sort();
    let mut text = String::new();
    for page in pages {
        text.push_str(&tesseract(&page)?);
        text.push('\n');
    }
    let _ = std::fs::remove_dir_all(&dir);
    Ok(text)
}

/// A fresh folder under the system's temporary folder, for the page images.
fn tempfile_dir() -> Result<std::path::PathBuf> {
    let dir = std::env::temp_dir().join(format!("loa-ocr-{}", std::process::id()));
    std::fs::create_dir_all(&dir).with_context(|| format!("`{}`", dir.display()))?;
    Ok(dir)
}
