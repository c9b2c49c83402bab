//! `loa new KIND PATH`: a new page from an archetype, with front matter filled in.
//!
//! The site's own `archetypes/<kind>.md` wins over the built-in one. `{{ title }}` and
//! `{{ date }}` are replaced; existing files are never overwritten.

use std::fs;
use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};

use crate::messages::{self, Msg};

/// The kinds `loa new` knows, with their built-in archetypes.
const BUILT_IN: &[(&str, &str)] = &[
    ("page", include_str!("../skeleton/archetypes/page.md")),
    ("document", include_str!("../skeleton/archetypes/document.md")),
    ("bulletin", include_str!("../skeleton/archetypes/bulletin.md")),
];

/// Creates `content/PATH` (or `PATH` when it already starts with `content/`) under `root`
/// from the archetype of `kind`; returns the path written.
pub fn new_page(root: &Path, kind: &str, path: &Path, today: &str) -> Result<PathBuf> {
    let Some(&(_, built_in)) = BUILT_IN.iter().find(|(k, _)| *k == kind) else {
        let kinds: Vec<&str> = BUILT_IN.iter().map(|(k, _)| *k).collect();
        bail!(messages::text(Msg::NewUnknownKind { kind, kinds: &kinds.join(", ") }));
    };
    let target = target_of(root, path)?;
    let site_archetype = root.join("archetypes").join(format!("{kind}.md"));
    let archetype = match fs::read(&site_archetype) {
        Ok(bytes) => crate::load::decode(&bytes).map_err(|line| {
            anyhow::anyhow!("{}:{line}: {}", site_archetype.display(), messages::text(Msg::NotUtf8 { line }))
        })?,
        Err(_) => built_in.to_owned(),
    };
    let stem = target.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    let text = archetype.replace("{{ title }}", &title_from(&stem)).replace("{{ date }}", today);
    create_page(root, path, &text)
}

/// `content/PATH` under `root` (`.md` added when PATH has no extension); PATH must stay
/// inside `content/` and name no existing file.
fn target_of(root: &Path, path: &Path) -> Result<PathBuf> {
    let rel = path.strip_prefix("content").unwrap_or(path);
    if rel.is_absolute() || rel.components().any(|c| matches!(c, std::path::Component::ParentDir)) {
        bail!(messages::text(Msg::BadSlug { key: "PATH", value: &path.display().to_string() }));
    }
    let mut target = root.join("content").join(rel);
    if target.extension().is_none() {
        target.set_extension("md");
    }
    if target.exists() {
        let shown = target.strip_prefix(root).unwrap_or(&target).display().to_string();
        bail!(messages::text(Msg::NewExists { path: &shown }));
    }
    Ok(target)
}

/// Writes a new page `content/PATH` under `root` with `text`; never overwrites (also
/// used by `loa import`). Returns the path written.
pub fn create_page(root: &Path, path: &Path, text: &str) -> Result<PathBuf> {
    let target = target_of(root, path)?;
    let shown = target.strip_prefix(root).unwrap_or(&target).display().to_string();
    if let Some(parent) = target.parent() {
        fs::create_dir_all(parent).with_context(|| format!("`{}`", parent.display()))?;
    }
    // `create_new` refuses to overwrite even if the file appeared meanwhile.
    let mut file = fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&target)
        .with_context(|| messages::text(Msg::NewExists { path: &shown }))?;
    std::io::Write::write_all(&mut file, text.as_bytes()).with_context(|| format!("`{shown}`"))?;
    Ok(target)
}

/// A title from a file name: "chi-thi-14_2021" → "Chi thi 14 2021" (staff then add the
/// diacritics the file name cannot carry).
fn title_from(stem: &str) -> String {
    let words: Vec<&str> = stem.split(['-', '_', ' ']).filter(|w| !w.is_empty()).collect();
    let mut title = words.join(" ");
    if let Some(first) = title.chars().next() {
        let upper: String = first.to_uppercase().collect();
        title.replace_range(..first.len_utf8(), &upper);
    }
    title.replace('"', "'")
}

#[cfg(test)]
mod tests {
    use super::title_from;

    #[test]
    fn titles_come_from_file_names() {
        assert_eq!(title_from("quyet-dinh-489_qd-ttg"), "Quyet dinh 489 qd ttg");
        assert_eq!(title_from("hội-nghị"), "Hội nghị");
    }
}
