//! Windows and USB safety of the output: staff copy `public/` to Windows PCs and USB
//! sticks, where some names are reserved, long paths fail, `\` is a separator and
//! `Anh.jpg` and `anh.jpg` are the same file. Runs after resolve, before anything is written.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crate::error::Diagnostic;
use crate::messages::{self, Msg};
use crate::parse::Parsed;
use crate::resolve::{pager_count, pager_url, Site};

/// Longest output path (inside `public/`) that still copies under a folder on Windows,
/// whose classic limit is 260 characters for the whole path.
pub const MAX_PATH: usize = 240;

/// Characters Windows refuses in file names.
const FORBIDDEN: &[char] = &['<', '>', ':', '"', '|', '?', '*', '\\'];

/// The warning for a page whose slug was reserved on Windows and got a suffix.
pub fn reserved_slug(page: &Parsed, slug: &str, safe: &str) -> Diagnostic {
    let line = crate::config::key_line(&page.source.text, "slug").max(1);
    let msg = messages::text(Msg::SlugReserved { slug, safe });
    Diagnostic::warning(&page.source.shown, line, 1, msg).with_excerpt_from(&page.source.text)
}

/// A relative link written with `\` (`..\van-ban\a.md`), with `/` instead; `None` when
/// there is no `\` or the link is a web address.
pub fn forward_slashes(dest: &str) -> Option<String> {
    if !dest.contains('\\') || dest.contains("://") || dest.starts_with("mailto:") {
        return None;
    }
    Some(dest.replace('\\', "/"))
}

/// Checks every output path: length, case-only differences, reserved names and characters
/// Windows refuses (in copied files, whose names loa keeps).
pub fn check(root: &Path, site: &Site, statics: &[String], diags: &mut Vec<Diagnostic>) {
    let mut outputs: Vec<(String, PathBuf)> = Vec::new();
    let index = |url: &str| format!("{}index.html", &url[1..]);
    for p in &site.pages {
        outputs.push((index(&p.url), p.parsed.source.shown.clone()));
    }
    for s in &site.sections {
        let origin = s
            .parsed
            .as_ref()
            .map_or_else(|| format!("content/{}/", s.dir).into(), |p| p.source.shown.clone());
        for n in 1..=s.pager_count() {
            outputs.push((index(&pager_url(&s.url, n)), origin.clone()));
        }
    }
    for t in &site.taxonomies {
        for term in &t.terms {
            for n in 1..=pager_count(term.pages.len(), site.config.paginate_by) {
                outputs.push((index(&pager_url(&term.url, n)), site.config.file.shown.clone()));
            }
        }
    }
    for (out, file) in &site.assets {
        let shown = crate::load::shown(root, file);
        let name = out.rsplit('/').next().unwrap_or(out);
        if crate::slug::is_windows_reserved(name) {
            diags.push(Diagnostic::error(&shown, 0, 0, messages::text(Msg::FileNameReserved { name })));
        } else if let Some(c) = name.chars().find(|c| FORBIDDEN.contains(c) || c.is_control()) {
            let c = c.to_string();
            diags.push(Diagnostic::error(&shown, 0, 0, messages::text(Msg::FileNameChar { name, c: &c })));
        } else if name.ends_with(['.', ' ']) {
            diags.push(Diagnostic::error(&shown, 0, 0, messages::text(Msg::FileNameEnd { name })));
        }
        outputs.push((out.clone(), shown));
    }
    for s in statics {
        outputs.push((s.clone(), PathBuf::from(format!("static/{s}"))));
    }
    let mut seen: HashMap<String, usize> = HashMap::new();
    for (i, (out, origin)) in outputs.iter().enumerate() {
        let len = out.chars().count();
        if len > MAX_PATH {
            let msg = messages::text(Msg::PathTooLong { path: out, len, max: MAX_PATH });
            diags.push(Diagnostic::error(origin, 0, 0, msg));
        }
        if let Some(&j) = seen.get(&out.to_lowercase()) {
            let (other, other_origin) = &outputs[j];
            if other != out {
                let msg = messages::text(Msg::CaseOnlyDifference {
                    path: out,
                    other,
                    other_file: &other_origin.display().to_string(),
                });
                diags.push(Diagnostic::error(origin, 0, 0, msg));
            }
        } else {
            seen.insert(out.to_lowercase(), i);
        }
    }
}
