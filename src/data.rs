//! Data for templates, as in Zola: `load_data(path="data/lien-he.yaml")` reads YAML, JSON
//! or CSV files of the site (contacts, schedules, statistics); `get_page(path="…md")` and
//! `get_section(path="…/_index.md")` return a page or section by its source file.
//! Registered on the compiled templates before rendering.

use std::collections::HashMap;
use std::path::{Component, Path, PathBuf};
use std::sync::{Arc, Mutex};

use serde_json::{json, Value};
use tera::Tera;

use crate::messages::{self, Msg};
use crate::render::Rendered;
use crate::resolve::Site;
use crate::theme::Theme;

/// File kinds `load_data` reads, by extension.
const FORMATS: &[(&str, Format)] =
    &[("yaml", Format::Yaml), ("yml", Format::Yaml), ("json", Format::Json), ("csv", Format::Csv)];

#[derive(Debug, Clone, Copy)]
enum Format {
    Yaml,
    Json,
    Csv,
}

/// Registers `load_data`, and `get_page`/`get_section` when a template calls them (their
/// values are built only then: a site that does not ask pays nothing).
pub fn register(tera: &mut Tera, root: &Path, theme: &Theme, site: &Site, md: &Rendered) {
    let root = root.to_path_buf();
    let cache: Mutex<HashMap<PathBuf, Value>> = Mutex::new(HashMap::new());
    tera.register_function("load_data", move |args: &HashMap<String, tera::Value>| {
        let path = args.get("path").and_then(Value::as_str).unwrap_or("");
        let rel =
            inside(path).ok_or_else(|| tera::Error::msg(messages::text(Msg::DataPathOutside { path })))?;
        if let Some(v) = cache.lock().unwrap_or_else(|p| p.into_inner()).get(&rel) {
            return Ok(v.clone());
        }
        let value = read(&root.join(&rel), path).map_err(tera::Error::msg)?;
        cache.lock().unwrap_or_else(|p| p.into_inner()).insert(rel, value.clone());
        Ok(value)
    });
    let uses = |name: &str| uses(theme, name);
    if uses("get_page") {
        let pages: HashMap<String, Value> = site
            .pages
            .iter()
            .enumerate()
            .map(|(i, p)| (p.parsed.source.rel.clone(), page_value(site, md, i, true)))
            .collect();
        let pages = Arc::new(pages);
        tera.register_function("get_page", move |args: &HashMap<String, tera::Value>| {
            let path = args.get("path").and_then(Value::as_str).unwrap_or("");
            let key = path.trim_start_matches("@/");
            pages.get(key).cloned().ok_or_else(|| {
                let suggestion = messages::did_you_mean(key, pages.keys().map(String::as_str));
                tera::Error::msg(messages::text(Msg::GetPageUnknown { path, suggestion }))
            })
        });
    }
    if uses("get_section") {
        let sections: HashMap<String, Value> = site
            .sections
            .iter()
            .enumerate()
            .map(|(s, sec)| {
                let key = if sec.dir.is_empty() {
                    "_index.md".to_owned()
                } else {
                    format!("{}/_index.md", sec.dir)
                };
                (key, section_value(site, md, s))
            })
            .collect();
        let sections = Arc::new(sections);
        tera.register_function("get_section", move |args: &HashMap<String, tera::Value>| {
            let path = args.get("path").and_then(Value::as_str).unwrap_or("");
            let key = path.trim_start_matches("@/");
            sections.get(key).cloned().ok_or_else(|| {
                let suggestion = messages::did_you_mean(key, sections.keys().map(String::as_str));
                tera::Error::msg(messages::text(Msg::GetPageUnknown { path, suggestion }))
            })
        });
    }
}

/// Does any template call `name`?
fn uses(theme: &Theme, name: &str) -> bool {
    theme.templates.values().any(|t| t.text.contains(name))
}

/// Do templates read other pages' data (`get_page`, `get_section`)? Then any page may
/// show any other page's content, and an edit must refresh them all (`serve`).
pub fn reads_pages(theme: &Theme) -> bool {
    uses(theme, "get_page") || uses(theme, "get_section")
}

/// `path` as a relative path that stays inside the site; `None` for `..`, absolute paths.
fn inside(path: &str) -> Option<PathBuf> {
    let p = Path::new(path);
    let ok =
        !path.is_empty() && p.components().all(|c| matches!(c, Component::Normal(_) | Component::CurDir));
    ok.then(|| p.to_path_buf())
}

/// Reads and parses one data file; the error is a sentence for the user.
fn read(file: &Path, shown: &str) -> Result<Value, String> {
    let ext = file.extension().map(|e| e.to_string_lossy().to_lowercase()).unwrap_or_default();
    let Some(&(_, format)) = FORMATS.iter().find(|(e, _)| *e == ext) else {
        return Err(messages::text(Msg::DataFormat { path: shown }));
    };
    let bytes = std::fs::read(file).map_err(|_| messages::text(Msg::DataMissing { path: shown }))?;
    let text = crate::load::decode(&bytes)
        .map_err(|line| format!("{shown}:{line}: {}", messages::text(Msg::NotUtf8 { line })))?;
    let invalid = |detail: String| messages::text(Msg::DataInvalid { path: shown, detail: &detail });
    match format {
        Format::Yaml => serde_yaml::from_str(&text).map_err(|e| invalid(e.to_string())),
        Format::Json => serde_json::from_str(&text).map_err(|e| invalid(e.to_string())),
        Format::Csv => csv_value(&text).map_err(|e| invalid(e.to_string())),
    }
}

/// A CSV file as `{headers: [...], records: [[...], ...]}` (Zola's shape).
fn csv_value(text: &str) -> Result<Value, csv::Error> {
    let mut reader = csv::ReaderBuilder::new().flexible(true).from_reader(text.as_bytes());
    let headers: Vec<String> = reader.headers()?.iter().map(str::to_owned).collect();
    let mut records = Vec::new();
    for r in reader.records() {
        records.push(r?.iter().map(|f| Value::String(f.to_owned())).collect::<Vec<_>>());
    }
    Ok(json!({ "headers": headers, "records": records }))
}

/// A page for `get_page`: what lists show, plus its content when `full`.
fn page_value(site: &Site, md: &Rendered, i: usize, full: bool) -> Value {
    let p = &site.pages[i];
    let f = &p.parsed.front;
    let date = |d: Option<chrono::NaiveDate>| d.map(|d| d.format("%Y-%m-%d").to_string());
    let mut v = json!({
        "title": p.title,
        "url": p.url,
        "permalink": site.config.permalink(&p.url),
        "path": p.parsed.source.rel,
        "slug": p.slug,
        "date": date(f.date),
        "updated": date(f.updated),
        "description": f.description,
        "summary": f.summary.clone().or_else(|| md.pages[i].summary.clone()),
        "extra": f.extra,
    });
    if full {
        v["content"] = Value::String(md.pages[i].content.clone());
    }
    v
}

fn section_value(site: &Site, md: &Rendered, s: usize) -> Value {
    let sec = &site.sections[s];
    let front = sec.parsed.as_ref().map(|p| &p.front);
    json!({
        "title": sec.title,
        "url": sec.url,
        "permalink": site.config.permalink(&sec.url),
        "path": sec.dir,
        "description": front.and_then(|f| f.description.clone()),
        "extra": front.map_or(Value::Null, |f| f.extra.clone()),
        "content": md.sections[s].content,
        "pages": sec.pages.iter().map(|&i| page_value(site, md, i, false)).collect::<Vec<_>>(),
        "subsections": sec.subsections.iter().map(|&c| site.sections[c].url.clone()).collect::<Vec<_>>(),
    })
}
