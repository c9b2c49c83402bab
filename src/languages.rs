//! Multilingual sites, as in Zola: `languages:` in the config, translations written as
//! `page.LANG.md` beside `page.md` (and `_index.LANG.md` for sections). Between parse and
//! resolve a translation is moved under a folder named after its language
//! (`tin-tuc/a.tai.md` → `tai/tin-tuc/a.md`), so it gets the URL `/tai/tin-tuc/a/`
//! and its own sections; pages find their translations by that path.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

use crate::parse::Parsed;
use crate::resolve::Site;

/// One language of `languages:` in the config (the default language is `language:`).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Language {
    /// Shown in the language switcher, in the language itself: "Tiếng Thái".
    pub name: String,
    pub title: String,
    pub description: String,
    /// Theme strings of this language, over `i18n/LANG.yaml` (`trans`).
    pub translations: BTreeMap<String, String>,
    /// This language's `extra` (e.g. its own `menu`), over the site's `extra` in themes.
    pub extra: serde_json::Value,
}

/// Moves every translation (`x.LANG.md` for a configured LANG) under `LANG/`.
pub fn place(pages: &mut [Parsed], languages: &BTreeMap<String, Language>) {
    if languages.is_empty() {
        return;
    }
    for p in pages {
        let rel = &p.source.rel;
        let Some(stem) = rel.strip_suffix(".md") else { continue };
        let Some((base, lang)) = stem.rsplit_once('.') else { continue };
        if languages.contains_key(lang) {
            p.source.rel = format!("{lang}/{base}.md");
        }
    }
}

/// The language of a (placed) content path and the path of the same page in the default
/// language: `tai/tin-tuc/a.md` → (`tai`, `tin-tuc/a.md`).
pub fn split<'a>(rel: &'a str, languages: &BTreeMap<String, Language>) -> Option<(&'a str, &'a str)> {
    let (first, rest) = rel.split_once('/')?;
    languages.contains_key(first).then_some((first, rest))
}

/// `lang` and `translations` ({lang, name, url, current}, default language first) of the
/// page or section whose source is `rel`; one entry when nothing is translated.
pub fn of(site: &Site, rel: &str) -> (String, Vec<Value>) {
    let c = &site.config;
    let (lang, key) = split(rel, &c.languages).unwrap_or((c.language.as_str(), rel));
    let mut out = Vec::new();
    if c.languages.is_empty() {
        return (lang.to_owned(), out);
    }
    let default_name = c.language_name.clone();
    let all = std::iter::once((c.language.as_str(), None, default_name))
        .chain(c.languages.iter().map(|(l, def)| (l.as_str(), Some(l.as_str()), def.name.clone())));
    for (code, prefix, name) in all {
        let candidate = match prefix {
            Some(p) => format!("{p}/{key}"),
            None => key.to_owned(),
        };
        if let Some(url) = site.targets.by_source.get(&candidate) {
            let name = if name.is_empty() { code.to_owned() } else { name };
            out.push(json!({ "lang": code, "name": name, "url": url, "current": code == lang }));
        }
    }
    (lang.to_owned(), out)
}
