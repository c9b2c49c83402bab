//! `loa import FILE…`: official letters (.docx, PDF, scans, text in any encoding) become
//! draft document pages.
//!
//! Stages, one file each: read (`read`, with `docx`, `pdf`, `ocr`, `text` + `tcvn3`,
//! `vni`) → `layout` (the administrative blocks) → `checks` (what looks wrong) →
//! `front` (the page) → written like `loa new` (never overwriting) → `report`.

pub mod checks;
pub mod docx;
pub mod front;
pub mod layout;
pub mod ocr;
pub mod pdf;
pub mod read;
pub mod report;
pub mod rules;
pub mod tcvn3;
pub mod text;
pub mod vni;

use std::path::{Path, PathBuf};

use anyhow::Result;

use crate::error::Diagnostic;
use crate::messages::{self, Msg};

/// Options of `loa import`.
#[derive(Debug, Clone)]
pub struct Options {
    pub root: PathBuf,
    /// Folder under `content/` for the pages (`van-ban`).
    pub section: String,
}

/// One file imported.
#[derive(Debug)]
pub struct Imported {
    /// The page written, relative to the root.
    pub written: PathBuf,
    /// What the file was read as ("Word .docx", "TCVN3 (ABC)").
    pub format: &'static str,
    /// The findings, placed in the written page.
    pub diagnostics: Vec<Diagnostic>,
}

/// The documents of the site at `root` (for the number checks): `None` when `root` is
/// not a site, an error when its configuration cannot be read.
pub fn site_documents(root: &Path) -> Result<Option<crate::document::Documents>> {
    if !crate::config_source::exists(root) {
        return Ok(None);
    }
    let opts = crate::Options { root: root.to_path_buf(), drafts: true, ..crate::Options::default() };
    // Problems of the site's pages are `check`'s business, not the import's.
    let mut ignored = Vec::new();
    crate::prepare(&opts, &mut ignored).map(|p| Some(p.docs))
}

/// Imports one file into a new draft page under `content/<section>/`.
pub fn import_file(
    opts: &Options,
    file: &Path,
    site: Option<&crate::document::Documents>,
) -> Result<Imported> {
    let (paras, format) = read::read(file)?;
    let letter = layout::recognise(&paras);
    let (findings, cites) = checks::check(&letter, site);
    let source =
        file.file_name().map_or_else(|| file.display().to_string(), |n| n.to_string_lossy().into_owned());
    let page = front::page(&letter, &findings, &cites, &source, format.name());
    let stem = if page.stem.is_empty() {
        crate::slug::slugify(&file.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default())
    } else {
        page.stem.clone()
    };
    let rel = Path::new(&opts.section).join(format!("{stem}.md"));
    let written = crate::new::create_page(&opts.root, &rel, &page.text)?;
    let shown = written.strip_prefix(&opts.root).unwrap_or(&written).to_path_buf();
    let diagnostics = report::diagnostics(&shown, &page.text, &findings);
    Ok(Imported { written: shown, format: format.name(), diagnostics })
}

/// `loa import`: imports each file on its own and prints what it did and found; fails
/// (after trying every file) if any file could not be imported.
pub fn run(root: &Path, section: &str, files: &[PathBuf]) -> Result<()> {
    let opts = Options { root: root.to_path_buf(), section: section.to_owned() };
    let shown = root.display().to_string();
    let site = match site_documents(root) {
        Ok(site) => site,
        Err(e) => {
            // The first problem itself, not "build failed".
            let detail = match e.downcast_ref::<crate::error::SiteErrors>() {
                Some(errors) => errors.0.first().map(|d| d.to_string()).unwrap_or_default(),
                None => e.to_string(),
            };
            let detail = detail.lines().next().unwrap_or_default();
            let msg = Msg::ImportSiteUnread { root: &shown, detail };
            eprintln!("{}: {}", messages::text(Msg::WarningLabel), messages::text(msg));
            None
        }
    };
    if site.is_none() && !crate::config_source::exists(root) {
        let msg = Msg::ImportNoSite { root: &shown };
        eprintln!("{}: {}", messages::text(Msg::NoteLabel), messages::text(msg));
    }
    let mut failed = 0;
    for file in files {
        match import_file(&opts, file, site.as_ref()) {
            Ok(done) => {
                let (source, written) = (file.display().to_string(), done.written.display().to_string());
                let msg = Msg::ImportDone { source: &source, written: &written, format: done.format };
                println!("{}", messages::text(msg));
                for d in &done.diagnostics {
                    eprintln!("{d}");
                }
            }
            Err(e) => {
                failed += 1;
                eprintln!("{}: {e}", messages::text(Msg::ErrorLabel));
            }
        }
    }
    if failed > 0 {
        anyhow::bail!(messages::text(Msg::ImportFailed { failed, total: files.len() }));
    }
    Ok(())
}
