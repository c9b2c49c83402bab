//! Finds the theme and the site's own overrides: templates to compile and static files to copy.
//!
//! The site's `templates/` and `static/` win over the theme's; the default theme is
//! built into the binary and used when `themes/<name>/` does not exist.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::config::{key_line, Config, DEFAULT_THEME};
use crate::error::Diagnostic;
use crate::load::{decode, shown};
use crate::messages::{self, Msg};

mod embedded {
    include!(concat!(env!("OUT_DIR"), "/default_theme.rs"));
}

/// Where a file's bytes come from.
#[derive(Debug, Clone)]
pub enum FileSource {
    Disk(PathBuf),
    Embedded(&'static [u8]),
}

/// A template's text and the file it came from (for messages).
#[derive(Debug, Clone)]
pub struct TemplateSource {
    pub origin: PathBuf,
    pub text: String,
}

/// The templates and static files a build uses.
#[derive(Debug, Default)]
pub struct Theme {
    /// Template name (`page.html`) → source; site overrides already applied.
    pub templates: BTreeMap<String, TemplateSource>,
    /// Output path (`css/style.css`) → bytes; site files already applied.
    pub statics: BTreeMap<String, FileSource>,
    /// String tables (`i18n/vi.yaml`), the theme's first, then the site's.
    pub strings: Vec<TemplateSource>,
}

/// Gathers the theme's and the site's templates and static files.
pub fn load(root: &Path, config: &Config, diags: &mut Vec<Diagnostic>) -> Theme {
    let mut theme = Theme::default();
    let dir = root.join("themes").join(&config.theme);
    if dir.is_dir() {
        theme.add_dir(root, &dir.join("templates"), true, diags);
        theme.add_dir(root, &dir.join("static"), false, diags);
        theme.add_strings(root, &dir.join("i18n"), diags);
    } else if config.theme == DEFAULT_THEME {
        for (rel, bytes) in embedded::FILES {
            let origin = PathBuf::from(format!("<{DEFAULT_THEME}>/{rel}"));
            if let Some(name) = rel.strip_prefix("templates/") {
                let text = String::from_utf8_lossy(bytes).into_owned();
                theme.templates.insert(name.to_owned(), TemplateSource { origin, text });
            } else if let Some(name) = rel.strip_prefix("static/") {
                theme.statics.insert(name.to_owned(), FileSource::Embedded(bytes));
            } else if rel.starts_with(crate::i18n::DIR) {
                let text = String::from_utf8_lossy(bytes).into_owned();
                theme.strings.push(TemplateSource { origin, text });
            }
        }
    } else {
        // The file the config came from (`config.yml`, `--config FILE`), not a fixed name.
        let file = &config.file;
        let line = key_line(&file.text, "theme");
        diags.push(
            Diagnostic::error(
                &file.shown,
                line,
                1,
                messages::text(Msg::ThemeMissing { theme: &config.theme }),
            )
            .with_excerpt_from(&file.text),
        );
    }
    theme.add_dir(root, &root.join("templates"), true, diags);
    theme.add_dir(root, &root.join("static"), false, diags);
    theme.add_strings(root, &root.join("i18n"), diags);
    theme
}

/// The default theme's files, for `loa init`.
pub fn default_files() -> &'static [(&'static str, &'static [u8])] {
    embedded::FILES
}

impl Theme {
    /// Adds the `LANG.yaml` tables of `dir`.
    fn add_strings(&mut self, root: &Path, dir: &Path, diags: &mut Vec<Diagnostic>) {
        if !dir.is_dir() {
            return;
        }
        for (rel, path) in crate::load::files(root, dir, diags) {
            if !(rel.ends_with(".yaml") || rel.ends_with(".yml")) || rel.contains('/') {
                continue;
            }
            let origin = shown(root, &path);
            match std::fs::read(&path).map_err(|_| 0).and_then(|b| decode(&b)) {
                Ok(text) => self.strings.push(TemplateSource { origin, text }),
                Err(line) => {
                    diags.push(Diagnostic::error(&origin, line, 0, messages::text(Msg::NotUtf8 { line })))
                }
            }
        }
    }

    fn add_dir(&mut self, root: &Path, dir: &Path, templates: bool, diags: &mut Vec<Diagnostic>) {
        if !dir.is_dir() {
            return;
        }
        for (rel, path) in crate::load::files(root, dir, diags) {
            let origin = shown(root, &path);
            if !templates {
                self.statics.insert(rel, FileSource::Disk(path));
                continue;
            }
            match std::fs::read(&path).map_err(|_| 0).and_then(|b| decode(&b)) {
                Ok(text) => {
                    self.templates.insert(rel, TemplateSource { origin, text });
                }
                Err(line) => {
                    diags.push(Diagnostic::error(&origin, line, 0, messages::text(Msg::NotUtf8 { line })))
                }
            }
        }
    }
}
