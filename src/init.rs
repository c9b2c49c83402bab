//! `loa init DIR`: a working site skeleton with the default theme and one page of each kind.

use std::fs;
use std::path::Path;

use anyhow::{bail, Context, Result};

use crate::messages::{self, Msg};

/// The skeleton's files: (path, text).
const SKELETON: &[(&str, &str)] = &[
    ("config.yaml", include_str!("../skeleton/config.yaml")),
    ("content/_index.md", include_str!("../skeleton/content/_index.md")),
    ("content/van-ban/_index.md", include_str!("../skeleton/content/van-ban/_index.md")),
    ("content/van-ban/chi-thi-11-ct-tw.md", include_str!("../skeleton/content/van-ban/chi-thi-11-ct-tw.md")),
    ("content/ban-tin/_index.md", include_str!("../skeleton/content/ban-tin/_index.md")),
    ("content/ban-tin/ban-tin-mau.md", include_str!("../skeleton/content/ban-tin/ban-tin-mau.md")),
    ("content/tin-tuc/_index.md", include_str!("../skeleton/content/tin-tuc/_index.md")),
    ("content/tin-tuc/trang-dau-tien.md", include_str!("../skeleton/content/tin-tuc/trang-dau-tien.md")),
    ("archetypes/page.md", include_str!("../skeleton/archetypes/page.md")),
    ("archetypes/document.md", include_str!("../skeleton/archetypes/document.md")),
    ("archetypes/bulletin.md", include_str!("../skeleton/archetypes/bulletin.md")),
    ("static/.gitkeep", ""),
    ("templates/.gitkeep", ""),
];

/// Creates a new site in `dir`, which must be absent or empty.
pub fn init(dir: &Path) -> Result<()> {
    let shown = dir.display().to_string();
    if dir.exists() {
        let empty = fs::read_dir(dir).with_context(|| format!("`{shown}`"))?.next().is_none();
        if !empty {
            bail!(messages::text(Msg::InitNotEmpty { dir: &shown }));
        }
    }
    let theme_files = crate::theme::default_files()
        .iter()
        .map(|(rel, bytes)| (format!("themes/{}/{rel}", crate::config::DEFAULT_THEME), *bytes));
    let files = SKELETON.iter().map(|(p, t)| (p.to_string(), t.as_bytes())).chain(theme_files);
    for (rel, bytes) in files {
        let path = dir.join(&rel);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).with_context(|| format!("`{}`", parent.display()))?;
        }
        fs::write(&path, bytes).with_context(|| format!("`{}`", path.display()))?;
    }
    Ok(())
}
