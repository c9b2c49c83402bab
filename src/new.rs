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

/// What `new_page` wrote.
#[derive(Debug)]
pub struct Created {
    pub path: PathBuf,
    pub kind: &'static str,
    /// The top folder the kind was inferred from, when no kind was given.
    pub inferred_from: Option<String>,
    /// The page says `draft: true`.
    pub draft: bool,
}

/// Which kind a page in a top-level folder is: documents and bulletins have their own.
const KIND_OF_SECTION: &[(&str, &str)] = &[("van-ban", "document"), ("ban-tin", "bulletin")];

/// Creates `content/PATH` (or `PATH` when it already starts with `content/`) under `root`
/// from the archetype of `kind` (inferred from the section when `None`).
pub fn new_page(root: &Path, kind: Option<&str>, path: &Path, today: &str) -> Result<Created> {
    if !crate::config_source::exists(root) {
        bail!(messages::text(Msg::ConfigMissing { root: &root.display().to_string() }));
    }
    let rel = path.strip_prefix("content").unwrap_or(path);
    let rel_text = rel.to_string_lossy().replace('\\', "/");
    let (kind, inferred_from) = match kind {
        Some(kind) => (kind, None),
        None => {
            let found = KIND_OF_SECTION.iter().find(|(dir, _)| crate::resolve::in_top_folder(&rel_text, dir));
            let top = rel_text.split_once('/').map(|(top, _)| top.to_owned());
            (found.map_or("page", |&(_, k)| k), top)
        }
    };
    let Some(&(kind, built_in)) = BUILT_IN.iter().find(|(k, _)| *k == kind) else {
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
    let stem = target.file_stem().map(|s| crate::load::nfc(&s.to_string_lossy())).unwrap_or_default();
    let number = if kind == "document" { crate::document::number::from_file_name(&stem) } else { None };
    let title = title_for(&stem, number.as_deref(), site_lang(root));
    let text = archetype
        .replace("{{ title }}", &title.replace('"', "'"))
        .replace("{{ date }}", today)
        .replace("{{ number }}", number.as_deref().unwrap_or_default());
    let path = create_page(root, path, &text)?;
    let draft = text.lines().any(|l| l.trim() == "draft: true");
    Ok(Created { path, kind, inferred_from, draft })
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

/// The title of a new page: from the file name when it carries diacritics ("hội-nghị"
/// → "Hội nghị"), from the document number when there is one ("Quyết định 489/QĐ-TTg"),
/// otherwise a placeholder that asks for the real title: an ASCII name cannot tell
/// "Ban tin" from "Bản tin".
fn title_for(stem: &str, number: Option<&str>, lang: messages::Lang) -> String {
    if !stem.is_ascii() {
        return crate::slug::title_from_name(stem);
    }
    let kind = number.and_then(crate::document::number::parse).and_then(|n| {
        let party = n.family == crate::document::number::Family::Party;
        n.kind_code.as_deref().and_then(|c| crate::document::kinds::by_code(c, party))
    });
    match (kind, number) {
        (Some(kind), Some(number)) => format!("{} {number}", kind.name),
        _ => messages::text_in(lang, Msg::NewTitlePlaceholder { name: &stem.replace(['-', '_'], " ") }),
    }
}

/// Is `title` still the placeholder `loa new` wrote (in either language)?
pub fn is_placeholder_title(title: &str) -> bool {
    [messages::Lang::Vi, messages::Lang::En].into_iter().any(|lang| {
        let empty = messages::text_in(lang, Msg::NewTitlePlaceholder { name: "" });
        empty.strip_suffix(')').is_some_and(|start| title.starts_with(start))
    })
}

/// The language the site is written in: the placeholder is part of the page.
fn site_lang(root: &Path) -> messages::Lang {
    let name = crate::config_source::name_in(root);
    let text = fs::read_to_string(root.join(name)).unwrap_or_default();
    let language = crate::config::Config::parse(&text, Path::new(name)).map(|(c, _)| c.language);
    match language {
        Ok(l) if !l.starts_with("vi") => messages::Lang::En,
        _ => messages::Lang::Vi,
    }
}

#[cfg(test)]
mod tests {
    use super::title_for;

    #[test]
    fn titles_keep_the_diacritics_the_file_name_has() {
        let vi = crate::messages::Lang::Vi;
        assert_eq!(title_for("hội-nghị-quán-triệt", None, vi), "Hội nghị quán triệt");
        assert_eq!(title_for("quyet-dinh-489-qd-ttg", Some("489/QĐ-TTg"), vi), "Quyết định 489/QĐ-TTg");
        assert_eq!(title_for("ban-tin-12", None, vi), "VIẾT TIÊU ĐỀ CÓ DẤU (ban tin 12)");
        assert!(super::is_placeholder_title("VIẾT TIÊU ĐỀ CÓ DẤU (ban tin 12)"));
        assert!(!super::is_placeholder_title("Bản tin 12"));
    }
}
