//! Parse stage: split YAML front matter from the Markdown body and read it.
//!
//! Input: `Source`s. Output: `Parsed` pages whose front matter is typed and whose
//! problems point at lines of the file (not of the YAML block).

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::Deserialize;

use crate::config::{key_line, strip_location};
use crate::error::Diagnostic;
use crate::load::Source;
use crate::messages::{self, Msg};

mod yaml_subset;

const KNOWN_KEYS: &[&str] = &[
    "title",
    "description",
    "date",
    "updated",
    "draft",
    "slug",
    "path",
    "summary",
    "tags",
    "weight",
    "template",
    "taxonomies",
    "extra",
    "sort_by",
    "paginate_by",
    "document",
    "bulletin",
    "generate_feeds",
];

/// How a section orders its pages.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SortBy {
    /// Newest first; undated pages last.
    #[default]
    Date,
    /// Lightest first.
    Weight,
    Title,
}

/// Typed front matter of a page or section.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FrontMatter {
    pub title: Option<String>,
    pub description: Option<String>,
    pub date: Option<NaiveDate>,
    pub updated: Option<NaiveDate>,
    pub draft: bool,
    pub slug: Option<String>,
    pub path: Option<String>,
    pub summary: Option<String>,
    pub tags: Vec<String>,
    pub weight: Option<i64>,
    pub template: Option<String>,
    pub taxonomies: BTreeMap<String, Vec<String>>,
    pub extra: serde_json::Value,
    pub sort_by: SortBy,
    pub paginate_by: Option<usize>,
    pub document: Option<serde_json::Value>,
    pub bulletin: Option<serde_json::Value>,
    /// A section's own feed (`/van-ban/atom.xml`).
    pub generate_feeds: bool,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct RawFrontMatter {
    title: Option<String>,
    description: Option<String>,
    date: Option<serde_yaml::Value>,
    updated: Option<serde_yaml::Value>,
    draft: bool,
    slug: Option<String>,
    path: Option<String>,
    summary: Option<String>,
    tags: Vec<String>,
    weight: Option<i64>,
    template: Option<String>,
    taxonomies: BTreeMap<String, Vec<String>>,
    extra: Option<serde_json::Value>,
    sort_by: SortBy,
    paginate_by: Option<usize>,
    document: Option<serde_json::Value>,
    bulletin: Option<serde_json::Value>,
    generate_feeds: bool,
}

/// A source file with its front matter read.
#[derive(Debug, Clone)]
pub struct Parsed {
    pub source: Source,
    pub front: FrontMatter,
    /// Byte offset of the Markdown body in `source.text`.
    pub body_start: usize,
    /// 1-based file line on which the body starts.
    pub body_line: usize,
}

impl Parsed {
    pub fn body(&self) -> &str {
        &self.source.text[self.body_start..]
    }

    /// `_index.md` files describe sections.
    pub fn is_section(&self) -> bool {
        self.source.rel == "_index.md" || self.source.rel.ends_with("/_index.md")
    }
}

/// Reads the front matter of `source`; errors and warnings go to `diags`.
pub fn parse(source: Source, diags: &mut Vec<Diagnostic>) -> Option<Parsed> {
    let text = &source.text;
    // Hugo's TOML front matter would otherwise be published as the page's text.
    if text.lines().next().is_some_and(|l| l.trim_end() == "+++") {
        let msg = messages::text(Msg::FrontMatterToml);
        diags.push(Diagnostic::error(&source.shown, 1, 1, msg).with_excerpt_from(text));
        return None;
    }
    let Some((yaml, body_start, body_line)) = split(text) else {
        diags.push(
            Diagnostic::error(&source.shown, 1, 1, messages::text(Msg::FrontMatterUnclosed))
                .with_excerpt_from(text),
        );
        return None;
    };
    let front = read_front_matter(yaml, &source, diags)?;
    Some(Parsed { source, front, body_start, body_line })
}

/// Splits `---` front matter from the body: (yaml, body byte offset, body 1-based line).
/// Text without front matter has an empty YAML block. `None` when it is never closed.
fn split(text: &str) -> Option<(&str, usize, usize)> {
    let first = text.lines().next().unwrap_or("");
    if first.trim_end() != "---" {
        return Some(("", 0, 1));
    }
    let yaml_start = first.len() + 1;
    let mut offset = yaml_start;
    for (i, line) in text[yaml_start.min(text.len())..].split_inclusive('\n').enumerate() {
        if line.trim_end() == "---" {
            let body_start = offset + line.len();
            return Some((&text[yaml_start..offset], body_start, i + 3));
        }
        offset += line.len();
    }
    None
}

fn read_front_matter(yaml: &str, source: &Source, diags: &mut Vec<Diagnostic>) -> Option<FrontMatter> {
    // The YAML block starts on line 2 of the file (line 1 is `---`).
    const YAML_LINE: usize = 1;
    let path = &source.shown;
    let at = |line: usize, col: usize, message: String| {
        Diagnostic::error(path, line, col, message).with_excerpt_from(&source.text)
    };
    // Our sentence first, then serde_yaml's, at the line the mistake is on.
    let yaml_error = |e: serde_yaml::Error| {
        let (hint, line, col) = crate::yaml_hint::explain(yaml, &e);
        let detail =
            format!("{} (YAML: {})", messages::text(Msg::YamlHint { hint }), strip_location(&e.to_string()));
        at(line + YAML_LINE, col, messages::text(Msg::FrontMatterInvalid { detail: &detail }))
    };
    if yaml.trim().is_empty() {
        return Some(FrontMatter { extra: empty_map(), ..Default::default() });
    }
    // Most front matter is in the subset read without serde_yaml; the rest, and every
    // mistake, goes through serde_yaml.
    let raw_value: serde_yaml::Value =
        match yaml_subset::read(yaml).map_or_else(|| serde_yaml::from_str(yaml), Ok) {
            Ok(v) => v,
            Err(e) => {
                diags.push(yaml_error(e));
                return None;
            }
        };
    let serde_yaml::Value::Mapping(map) = &raw_value else {
        diags.push(at(2, 1, messages::text(Msg::FrontMatterNotMap)));
        return None;
    };
    for key in map.keys().filter_map(|k| k.as_str()) {
        if !KNOWN_KEYS.contains(&key) {
            let suggestion = suggest_key(key);
            let line = key_line(yaml, key) + YAML_LINE;
            diags.push(
                Diagnostic::warning(path, line, 1, messages::text(Msg::UnknownKey { key, suggestion }))
                    .with_excerpt_from(&source.text),
            );
        }
    }
    // Typed from the value already parsed; only a failure parses the text again, for
    // the error's line and column.
    let typed = serde_yaml::from_value::<RawFrontMatter>(raw_value).ok();
    let raw: RawFrontMatter = match typed.map_or_else(|| serde_yaml::from_str(yaml), Ok) {
        Ok(r) => r,
        Err(e) => {
            diags.push(yaml_error(e));
            return None;
        }
    };
    let mut ok = true;
    let mut date_of = |key: &str, value: Option<serde_yaml::Value>| -> Option<NaiveDate> {
        let text = match crate::date::from_yaml(&value?) {
            Ok(date) => return date,
            Err(text) => text,
        };
        ok = false;
        let line = key_line(yaml, key) + YAML_LINE;
        let col =
            source.text.lines().nth(line.saturating_sub(1)).and_then(|l| l.find(':')).map_or(0, |i| i + 3);
        diags.push(at(line, col, messages::text(Msg::BadDate { value: &text })));
        None
    };
    let date = date_of("date", raw.date);
    let updated = date_of("updated", raw.updated);
    if !ok {
        return None;
    }
    Some(FrontMatter {
        title: raw.title,
        description: raw.description,
        date,
        updated,
        draft: raw.draft,
        slug: raw.slug,
        path: raw.path,
        summary: raw.summary,
        tags: raw.tags,
        weight: raw.weight,
        template: raw.template,
        taxonomies: raw.taxonomies,
        extra: raw.extra.unwrap_or_else(empty_map),
        sort_by: raw.sort_by,
        paginate_by: raw.paginate_by,
        document: raw.document,
        bulletin: raw.bulletin,
        generate_feeds: raw.generate_feeds,
    })
}

/// The known key an unknown `key` is likely a typo of. A site's pages tend to share the
/// same extra keys (`loai:` on every page), so each thread remembers its last answers.
fn suggest_key(key: &str) -> Option<&'static str> {
    const REMEMBERED: usize = 32;
    thread_local! {
        static SUGGESTIONS: std::cell::RefCell<Vec<(String, Option<&'static str>)>> =
            const { std::cell::RefCell::new(Vec::new()) };
    }
    SUGGESTIONS.with_borrow_mut(|known| {
        if let Some((_, suggestion)) = known.iter().find(|(k, _)| k == key) {
            return *suggestion;
        }
        let suggestion = messages::did_you_mean(key, KNOWN_KEYS.iter().copied());
        if known.len() == REMEMBERED {
            known.remove(0);
        }
        known.push((key.to_owned(), suggestion));
        suggestion
    })
}

fn empty_map() -> serde_json::Value {
    serde_json::Value::Object(Default::default())
}

/// The message for a front-matter block (`document:`, `bulletin:`) that serde refused:
/// not "invalid type: string, expected struct Front", but what the block must look like.
pub fn block_error(e: &serde_json::Error, value: &serde_json::Value, block: &str, fields: &str) -> String {
    if !value.is_object() {
        return messages::text(Msg::BlockNotMap { block, fields });
    }
    let detail = e.to_string().replace("struct Front", &format!("`{block}:`"));
    messages::text(Msg::FrontMatterInvalid { detail: crate::config::strip_location(&detail) })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn source(text: &str) -> Source {
        Source { rel: "a.md".into(), shown: "content/a.md".into(), text: text.into() }
    }

    #[test]
    fn splits_front_matter_and_counts_body_lines() {
        let (yaml, start, line) = split("---\ntitle: A\n---\nBody\n").unwrap();
        assert_eq!(yaml, "title: A\n");
        assert_eq!(start, 17);
        assert_eq!(line, 4);
        assert_eq!(split("No front matter\n"), Some(("", 0, 1)));
        assert_eq!(split("---\ntitle: A\n"), None);
    }

    #[test]
    fn yaml_type_error_points_at_the_file_line() {
        let mut diags = Vec::new();
        let parsed = parse(source("---\ntitle: A\ndraft: maybe\n---\n"), &mut diags);
        assert!(parsed.is_none());
        assert_eq!(diags.len(), 1);
        assert_eq!((diags[0].line, diags[0].col), (3, 8), "{}", diags[0]);
    }

    #[test]
    fn bad_date_points_at_its_line_and_value() {
        let mut diags = Vec::new();
        assert!(parse(source("---\ntitle: A\ndate: 2024-13-01\n---\n"), &mut diags).is_none());
        assert_eq!((diags[0].line, diags[0].col), (3, 7), "{}", diags[0]);
    }

    #[test]
    fn unknown_key_is_a_warning_with_a_suggestion() {
        let mut diags = Vec::new();
        assert!(parse(source("---\ntitel: A\n---\n"), &mut diags).is_some());
        assert!(!diags[0].is_error());
        assert!(diags[0].message.contains("title"), "{}", diags[0].message);
    }
}
