//! Theme strings per language, as Zola's `trans`: every fixed text a theme shows
//! ("Tìm kiếm", "Trang sau", dates…) comes from a table per language.
//!
//! Input: `i18n/LANG.yaml` of the theme, then of the site (key by key over the theme's),
//! then `translations:` in the config (the default language's at the top level, another
//! language's under `languages.LANG`). Output: the `trans(key=…, lang=…)` function and
//! the `date_text` filter for templates and shortcodes; a key missing in a language
//! falls back to the default language (warned once), an unknown key is a warning naming
//! the template (an error with `--strict`).

use std::cell::RefCell;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use chrono::Datelike;
use serde_json::Value;
use tera::Tera;

use crate::config::{key_line, Config};
use crate::error::Diagnostic;
use crate::messages::{self, Msg};
use crate::theme::TemplateSource;

/// Folder of the tables in a theme and in the site.
pub const DIR: &str = "i18n/";

/// One string of a table and where it was written.
#[derive(Debug, Clone)]
struct Entry {
    text: String,
    origin: PathBuf,
    line: usize,
}

/// The tables of every language, and the problems met while using them.
#[derive(Debug, Default)]
pub struct Strings {
    default: String,
    /// Language → key → string.
    tables: BTreeMap<String, BTreeMap<String, Entry>>,
    /// Template name → its file, for messages.
    templates: HashMap<String, PathBuf>,
    /// (language, key) already warned about: each once per build.
    warned: Mutex<HashSet<(String, String)>>,
    warnings: Mutex<Vec<Diagnostic>>,
}

thread_local! {
    /// The language and template of the render running on this thread: `trans()` without
    /// `lang=` speaks the page's language, and messages name the template.
    static SCOPE: RefCell<Option<(String, String)>> = const { RefCell::new(None) };
}

/// Runs `f` (one template render) with `lang` and `template` as the thread's scope.
pub fn scoped<T>(lang: &str, template: &str, f: impl FnOnce() -> T) -> T {
    let before = SCOPE.with(|s| s.replace(Some((lang.to_owned(), template.to_owned()))));
    let out = f();
    SCOPE.with(|s| *s.borrow_mut() = before);
    out
}

fn scope() -> Option<(String, String)> {
    SCOPE.with(|s| s.borrow().clone())
}

/// The language of the render running on this thread, if any.
pub(crate) fn current_lang() -> Option<String> {
    SCOPE.with(|s| s.borrow().as_ref().map(|(lang, _)| lang.clone()))
}

/// Reads the tables: the theme's and the site's files (`files`, in that order), then the
/// config's `translations:`. Bad files are errors naming file and line.
pub fn load(
    files: &[TemplateSource],
    config: &Config,
    config_file: &crate::config_source::File,
    templates: &BTreeMap<String, TemplateSource>,
    diags: &mut Vec<Diagnostic>,
) -> Strings {
    let mut strings = Strings {
        default: config.language.clone(),
        templates: templates.iter().map(|(n, t)| (n.clone(), t.origin.clone())).collect(),
        ..Strings::default()
    };
    for file in files {
        let Some(lang) = file.origin.file_stem().map(|s| s.to_string_lossy().into_owned()) else { continue };
        if file.text.trim().is_empty() {
            continue;
        }
        let map: BTreeMap<String, serde_yaml::Value> = match serde_yaml::from_str(&file.text) {
            Ok(m) => m,
            Err(e) => {
                let line = e.location().map_or(0, |l| l.line());
                let msg = messages::text(Msg::I18nInvalid { detail: &e.to_string() });
                diags.push(Diagnostic::error(&file.origin, line, 0, msg).with_excerpt_from(&file.text));
                continue;
            }
        };
        let table = strings.tables.entry(lang).or_default();
        for (key, value) in map {
            let line = key_line(&file.text, &key);
            let text = match value {
                serde_yaml::Value::String(s) => s,
                serde_yaml::Value::Number(n) => n.to_string(),
                _ => {
                    let msg = messages::text(Msg::I18nNotText { key: &key });
                    diags.push(Diagnostic::error(&file.origin, line, 1, msg).with_excerpt_from(&file.text));
                    continue;
                }
            };
            table.insert(key, Entry { text: crate::load::nfc(&text), origin: file.origin.clone(), line });
        }
    }
    let line = key_line(&config_file.text, "translations");
    let from_config = std::iter::once((config.language.clone(), &config.translations))
        .chain(config.languages.iter().map(|(code, l)| (code.clone(), &l.translations)));
    for (lang, map) in from_config {
        let table = strings.tables.entry(lang).or_default();
        for (key, text) in map {
            let entry = Entry { text: crate::load::nfc(text), origin: config_file.shown.clone(), line };
            table.insert(key.clone(), entry);
        }
    }
    strings
}

impl Strings {
    /// The text of `key` in `lang`, falling back to the default language (warned once).
    /// `None` when no table has the key.
    pub fn get(&self, key: &str, lang: &str) -> Option<String> {
        self.get_ref(key, lang).map(str::to_owned)
    }

    /// `get`, borrowed: `trans` runs some 16 times a file.
    fn get_ref(&self, key: &str, lang: &str) -> Option<&str> {
        if let Some(e) = self.tables.get(lang).and_then(|t| t.get(key)) {
            return Some(&e.text);
        }
        let fallback = self.tables.get(&self.default).and_then(|t| t.get(key))?;
        let file = format!("{DIR}{lang}.yaml");
        let has_table = self.tables.get(lang).is_some_and(|t| !t.is_empty());
        if lang == self.default {
        } else if !has_table {
            // A language nobody translated the theme into yet: one warning, not one a key.
            if self.first_time(lang, "") {
                let msg = messages::text(Msg::I18nNoTable { lang, default: &self.default, file: &file });
                self.warn(Diagnostic::warning(&file, 0, 0, msg));
            }
        } else if self.first_time(lang, key) {
            let msg = messages::text(Msg::I18nMissing { key, lang, default: &self.default, file: &file });
            self.warn(Diagnostic::warning(&fallback.origin, fallback.line, 1, msg));
        }
        Some(&fallback.text)
    }

    fn first_time(&self, lang: &str, key: &str) -> bool {
        self.warned.lock().unwrap_or_else(|p| p.into_inner()).insert((lang.to_owned(), key.to_owned()))
    }

    fn warn(&self, d: Diagnostic) {
        self.warnings.lock().unwrap_or_else(|p| p.into_inner()).push(d);
    }

    /// The warnings collected since the last call.
    pub fn take_warnings(&self) -> Vec<Diagnostic> {
        std::mem::take(&mut *self.warnings.lock().unwrap_or_else(|p| p.into_inner()))
    }

    /// `trans(key=…)` as a template sees it: the text, or the key itself (warned) when
    /// no table has it. Other arguments fill `{name}` places: `trans(key="x", n=3)`.
    fn trans(&self, args: &HashMap<String, Value>) -> tera::Result<Value> {
        let key = args
            .get("key")
            .and_then(Value::as_str)
            .ok_or_else(|| tera::Error::msg(messages::text(Msg::I18nNoKey)))?;
        // The scope is read in place, not copied: this runs some 16 times a file.
        SCOPE.with(|scope| self.trans_in(args, key, scope.borrow().as_ref()))
    }

    fn trans_in(
        &self,
        args: &HashMap<String, Value>,
        key: &str,
        scope: Option<&(String, String)>,
    ) -> tera::Result<Value> {
        let lang = match args.get("lang").and_then(Value::as_str) {
            Some(l) => l,
            None => scope.map_or(self.default.as_str(), |(l, _)| l.as_str()),
        };
        let text = match self.get_ref(key, lang) {
            Some(t) => t,
            None => {
                let template = scope.map(|(_, t)| t.clone()).unwrap_or_default();
                if self.first_time("", key) {
                    let origin =
                        self.templates.get(&template).cloned().unwrap_or_else(|| template.clone().into());
                    let msg = messages::text(Msg::I18nUnknown { key, template: &template });
                    self.warn(Diagnostic::warning(origin, 0, 0, msg));
                }
                key
            }
        };
        let value_of = |name: &str| {
            let value = args.get(name).filter(|_| name != "key" && name != "lang")?;
            Some(match value {
                Value::String(s) => s.clone(),
                Value::Number(n) => self.number(n, lang),
                other => other.to_string(),
            })
        };
        let text = fill(text, &value_of);
        Ok(Value::String(text))
    }

    /// A number as the language writes it: 5 → "5", 2.5 → "2,5" with `decimal_separator: ","`.
    fn number(&self, n: &serde_json::Number, lang: &str) -> String {
        match n.as_f64() {
            Some(f) if f.fract() != 0.0 => {
                let sep = [lang, self.default.as_str()]
                    .iter()
                    .find_map(|l| self.tables.get(*l)?.get("decimal_separator"))
                    .map_or(".", |e| e.text.as_str());
                f.to_string().replace('.', sep)
            }
            Some(f) if n.is_f64() => format!("{f:.0}"),
            _ => n.to_string(),
        }
    }

    /// `date | date_text(format="long", lang=…)`: a date written as the language's table
    /// says (`date_long: "ngày {d} tháng {m} năm {yyyy}"`, weekday and month names).
    fn date_text(&self, value: &Value, args: &HashMap<String, Value>) -> tera::Result<Value> {
        let style = args.get("format").and_then(Value::as_str).unwrap_or("short");
        let Some(text) = value.as_str() else { return Ok(Value::Null) };
        let date = crate::date::parse(text).ok_or_else(|| {
            tera::Error::msg(messages::text(Msg::TemplateNotADate { function: "date_text", text }))
        })?;
        let lang = match args.get("lang").and_then(Value::as_str) {
            Some(l) => l.to_owned(),
            None => scope().map_or_else(|| self.default.clone(), |(l, _)| l),
        };
        let Some(pattern) = self.get(&format!("date_{style}"), &lang) else {
            // No table says how: the Vietnamese forms of `vi_date`.
            return crate::render::engine::vi_date(value, args);
        };
        let (d, m) = (date.day(), date.month());
        let out = fill(&pattern, &|name| {
            Some(match name {
                "dd" => format!("{d:02}"),
                "d" => d.to_string(),
                "mm" => format!("{m:02}"),
                "m" => m.to_string(),
                "yyyy" => date.year().to_string(),
                "weekday" => self
                    .get(&format!("weekday_{}", date.weekday().number_from_monday()), &lang)
                    .unwrap_or_else(|| crate::date::weekday(date).to_owned()),
                "month" => self.get(&format!("month_{m}"), &lang).unwrap_or_else(|| m.to_string()),
                _ => return None,
            })
        });
        Ok(Value::String(out))
    }
}

/// `text` with each `{name}` replaced by `value(name)` in one pass (a value that itself
/// holds `{…}` stays as it is); unknown places are kept.
fn fill(text: &str, value: &dyn Fn(&str) -> Option<String>) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let name_len = after.find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'));
        match name_len
            .filter(|&n| n > 0 && after[n..].starts_with('}'))
            .and_then(|n| Some((n, value(&after[..n])?)))
        {
            Some((n, v)) => {
                out.push_str(&v);
                rest = &after[n + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// Registers `trans` and `date_text` on `tera`.
pub fn register(tera: &mut Tera, strings: &Arc<Strings>) {
    let s = strings.clone();
    tera.register_function("trans", move |args: &HashMap<String, Value>| s.trans(args));
    let s = strings.clone();
    tera.register_filter("date_text", move |v: &Value, args: &HashMap<String, Value>| s.date_text(v, args));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(vi: &str, tai: &str) -> Strings {
        let file = |lang: &str, text: &str| TemplateSource {
            origin: format!("i18n/{lang}.yaml").into(),
            text: text.into(),
        };
        let config = Config { language: "vi".into(), ..Config::default() };
        let cf = crate::config_source::File { shown: "config.yaml".into(), text: String::new() };
        let mut diags = Vec::new();
        let s = load(&[file("vi", vi), file("tai", tai)], &config, &cf, &BTreeMap::new(), &mut diags);
        assert!(diags.is_empty(), "{diags:?}");
        s
    }

    #[test]
    fn a_key_missing_in_a_language_falls_back_and_warns_once() {
        let s = strings("search: Tìm kiếm\nnext: Trang sau\n", "search: Search (tai)\n");
        assert_eq!(s.get("search", "tai").as_deref(), Some("Search (tai)"));
        assert_eq!(s.get("next", "tai").as_deref(), Some("Trang sau"));
        assert_eq!(s.get("next", "tai").as_deref(), Some("Trang sau"));
        let w = s.take_warnings();
        assert_eq!(w.len(), 1, "{w:?}");
        assert_eq!((w[0].path.display().to_string(), w[0].line), ("i18n/vi.yaml".into(), 2));
        assert_eq!(s.get("nope", "vi"), None);
    }

    #[test]
    fn places_are_filled_once_whatever_the_values_hold() {
        let value = |n: &str| match n {
            "title" => Some("Bài {n}".to_owned()),
            "n" => Some("3".to_owned()),
            _ => None,
        };
        assert_eq!(fill("{n} bài trong “{title}” {x} {", &value), "3 bài trong “Bài {n}” {x} {");
    }

    #[test]
    fn dates_follow_the_table() {
        let s = strings(
            "date_long: \"ngày {d} tháng {m} năm {yyyy}\"\n",
            "date_long: \"{d} {month} {yyyy}\"\nmonth_4: April\n",
        );
        let args = |lang: &str| {
            HashMap::from([
                ("format".to_owned(), Value::from("long")),
                ("lang".to_owned(), Value::from(lang)),
            ])
        };
        let date = Value::from("2007-04-13");
        assert_eq!(s.date_text(&date, &args("vi")).unwrap(), "ngày 13 tháng 4 năm 2007");
        assert_eq!(s.date_text(&date, &args("tai")).unwrap(), "13 April 2007");
    }
}
