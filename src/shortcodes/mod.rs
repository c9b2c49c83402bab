//! Shortcodes: reusable blocks inside Markdown, as in Zola.
//!
//! `{{ name(arg="…") }}` renders `templates/shortcodes/name.html` (or `name.md`) of the
//! site or theme with the arguments; `{% name(…) %}body{% end %}` also passes the body,
//! which stays Markdown (links checked, document numbers linked). Runs inside the render
//! stage, before Markdown: the body is expanded into a new text plus a map from its
//! offsets back to the file, so problems keep their file lines.

mod call;

use std::collections::HashMap;
use std::sync::Arc;

use serde_json::{json, Value};
use tera::{Context, Tera};

use crate::document::Documents;
use crate::error::Diagnostic;
use crate::messages::{self, Msg};
use crate::parse::Parsed;
use crate::resolve::Site;
use crate::theme::Theme;

/// Folder of shortcode templates inside `templates/`.
const DIR: &str = "shortcodes/";

/// Stands for the body inside a block shortcode's output until the Markdown goes in.
const BODY_MARK: &str = "\u{E000}loa-body\u{E000}";

/// The compiled shortcode templates of a site.
#[derive(Default)]
pub struct Shortcodes {
    tera: Option<Tera>,
    /// Shortcode name → template name (`hotline` → `shortcodes/hotline.html`).
    names: HashMap<String, String>,
}

impl Shortcodes {
    /// Has the site no shortcodes at all?
    pub fn is_empty(&self) -> bool {
        self.names.is_empty()
    }
}

/// A body with its shortcodes expanded, and where each part came from.
#[derive(Debug)]
pub struct Expanded {
    pub text: String,
    /// (offset in `text`, offset in the original body, copied) in order: copied parts map
    /// offset for offset, generated parts map to the call that made them.
    map: Vec<(usize, usize, bool)>,
    /// Document numbers given as `so="…"` to a shortcode (a `van_ban` card cites its
    /// document like a written number): (key, as written, offset of the call in the body).
    pub cited: Vec<(String, String, usize)>,
}

impl Expanded {
    /// The offset in the original body that produced `offset` of the expanded text.
    pub fn original(&self, offset: usize) -> usize {
        let i = self.map.partition_point(|&(n, _, _)| n <= offset);
        match i.checked_sub(1).map(|i| self.map[i]) {
            Some((n, o, true)) => o + (offset - n),
            Some((_, o, false)) => o,
            None => offset,
        }
    }

    fn copy(&mut self, body: &str, range: std::ops::Range<usize>) {
        if range.is_empty() {
            return;
        }
        self.map.push((self.text.len(), range.start, true));
        self.text.push_str(&body[range]);
    }

    fn generate(&mut self, text: &str, at: usize) {
        self.map.push((self.text.len(), at, false));
        self.text.push_str(text);
    }
}

/// Compiles the `templates/shortcodes/` of the site and theme; `document(so=…)` looks a
/// document up by its number, written any way the site's documents accept.
pub fn compile(
    theme: &Theme,
    site: &Site,
    docs: &Documents,
    strings: &Arc<crate::i18n::Strings>,
) -> Shortcodes {
    let own: std::collections::BTreeMap<String, crate::theme::TemplateSource> = theme
        .templates
        .iter()
        .filter(|(n, _)| n.starts_with(DIR))
        .map(|(n, t)| (n.clone(), t.clone()))
        .collect();
    // Nothing too deep reaches the parser (the main engine reports it, with the line).
    if own.is_empty() || !crate::render::limits::check(&own).is_empty() {
        return Shortcodes::default();
    }
    let sources: Vec<(&str, &str)> = own.iter().map(|(n, t)| (n.as_str(), t.text.as_str())).collect();
    let mut tera = Tera::default();
    tera.set_escape_fn(crate::render::engine::escape_html);
    tera.autoescape_on(vec![".html"]);
    // The main template engine reports syntax errors with their file and line.
    if tera.add_raw_templates(sources.iter().copied()).is_err() {
        return Shortcodes::default();
    }
    tera.register_filter("vi_date", crate::render::engine::vi_date);
    crate::i18n::register(&mut tera, strings);
    let cards: HashMap<String, Value> = docs
        .docs
        .iter()
        .map(|d| {
            let page = &site.pages[d.page];
            let card = json!({
                "number": d.number.printed,
                "kind": d.kind.name,
                "issuer": d.issuer,
                "issued": d.issued.format("%Y-%m-%d").to_string(),
                "subject": d.subject,
                "title": page.title,
                "url": page.url,
            });
            (d.number.key.clone(), card)
        })
        .collect();
    let keys: Arc<Vec<String>> = Arc::new(cards.keys().cloned().collect());
    let cards = Arc::new(cards);
    tera.register_function("document", move |args: &HashMap<String, Value>| {
        let written = args.get("so").or_else(|| args.get("number")).and_then(Value::as_str).unwrap_or("");
        let key = crate::document::number::key(written);
        match cards.get(&key) {
            Some(card) => Ok(card.clone()),
            None => {
                let suggestion = messages::did_you_mean(&key, keys.iter().map(String::as_str))
                    .and_then(|k| cards.get(k))
                    .and_then(|c| c["number"].as_str())
                    .map(str::to_owned);
                Err(tera::Error::msg(messages::text(Msg::ShortcodeNoDocument {
                    number: written,
                    suggestion: suggestion.as_deref(),
                })))
            }
        }
    });
    let names = sources
        .iter()
        .filter_map(|(n, _)| {
            let file = &n[DIR.len()..];
            let stem = file.strip_suffix(".html").or_else(|| file.strip_suffix(".md"))?;
            Some((stem.to_owned(), n.to_string()))
        })
        .collect();
    Shortcodes { tera: Some(tera), names }
}

/// Whether `body` may call a shortcode (`{{` or `{%`); one pass over the bytes, as
/// serve asks it of every page of the site on some saves.
pub fn may_call(body: &str) -> bool {
    let bytes = body.as_bytes();
    memchr::memchr_iter(b'{', bytes).any(|i| matches!(bytes.get(i + 1), Some(b'{' | b'%')))
}

impl Shortcodes {
    /// `body` with its shortcodes expanded; `None` when it has none (the common case,
    /// decided without parsing).
    pub fn expand(&self, page: &Parsed, body: &str) -> Result<Option<Expanded>, Vec<Diagnostic>> {
        if !may_call(body) {
            return Ok(None);
        }
        let calls = call::find(body).map_err(|p| vec![self.problem(page, body, p)])?;
        if calls.is_empty() {
            return Ok(None);
        }
        let mut out =
            Expanded { text: String::with_capacity(body.len() + 512), map: Vec::new(), cited: Vec::new() };
        let mut diags = Vec::new();
        self.expand_calls(page, body, &calls, 0..body.len(), &mut out, &mut diags);
        if diags.is_empty() {
            Ok(Some(out))
        } else {
            Err(diags)
        }
    }

    fn expand_calls(
        &self,
        page: &Parsed,
        body: &str,
        calls: &[call::Call],
        range: std::ops::Range<usize>,
        out: &mut Expanded,
        diags: &mut Vec<Diagnostic>,
    ) {
        let mut last = range.start;
        for c in calls.iter().filter(|c| c.start >= range.start && c.end <= range.end) {
            if c.start < last {
                continue; // Inside a block already expanded.
            }
            out.copy(body, last..c.start);
            last = c.end;
            let Some(template) = self.names.get(&c.name) else {
                let known: Vec<&str> = self.names.keys().map(String::as_str).collect();
                let suggestion = messages::did_you_mean(&c.name, known.iter().copied());
                let mut sorted = known.clone();
                sorted.sort_unstable();
                let msg = messages::text(Msg::ShortcodeUnknown {
                    name: &c.name,
                    suggestion,
                    known: &sorted.join(", "),
                });
                diags.push(self.at(page, body, c.start, msg));
                continue;
            };
            let mut ctx = Context::new();
            for (k, v) in &c.args {
                ctx.insert(k, v);
            }
            ctx.insert("page", &json!({ "title": page.front.title, "path": page.source.rel }));
            if c.body.is_some() {
                ctx.insert("body", BODY_MARK);
            }
            // Names come from the compiled set, so this always holds.
            let Some(tera) = self.tera.as_ref() else { continue };
            let html = match tera.render(template, &ctx) {
                Ok(html) => html,
                Err(e) => {
                    diags.push(self.at(page, body, c.start, failure(&c.name, &e)));
                    continue;
                }
            };
            if let Some(n) = c.args.get("so").and_then(Value::as_str).and_then(crate::document::number::parse)
            {
                out.cited.push((n.key, n.printed, c.start));
            }
            let markdown = template.ends_with(".md");
            let (open, close) = match html.split_once(BODY_MARK) {
                Some((a, b)) => (a.to_owned(), Some(b.to_owned())),
                None => (html, None),
            };
            let tidy = |s: &str| if markdown { s.trim().to_owned() } else { one_block(s) };
            if c.alone {
                out.generate(&format!("\n{}\n\n", tidy(&open)), c.start);
            } else {
                out.generate(tidy(&open).trim(), c.start);
            }
            if let (Some(inner), Some(close)) = (&c.body, close) {
                out.generate("\n\n", c.start);
                self.expand_calls(page, body, calls, inner.clone(), out, diags);
                out.generate(&format!("\n\n{}\n\n", tidy(&close)), c.end);
            }
        }
        out.copy(body, last..range.end);
    }

    fn problem(&self, page: &Parsed, body: &str, p: call::Problem) -> Diagnostic {
        match p {
            call::Problem::Args { name, at } => {
                self.at(page, body, at, messages::text(Msg::ShortcodeArgs { name: &name }))
            }
            call::Problem::Unclosed { name, at } => {
                self.at(page, body, at, messages::text(Msg::ShortcodeUnclosed { name: &name }))
            }
        }
    }

    /// A diagnostic at byte `at` of the body, with the file's line and column.
    fn at(&self, page: &Parsed, body: &str, at: usize, message: String) -> Diagnostic {
        let before = &body[..at];
        let line = page.body_line + before.matches('\n').count();
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let col = before[line_start..].chars().count() + 1;
        Diagnostic::error(&page.source.shown, line, col, message).with_excerpt_from(&page.source.text)
    }
}

/// HTML output as one CommonMark HTML block: blank lines would end the block and turn
/// the rest into paragraphs or code.
fn one_block(html: &str) -> String {
    html.lines().map(str::trim_end).filter(|l| !l.trim().is_empty()).collect::<Vec<_>>().join("\n")
}

/// The message for a shortcode template that failed: a missing argument is named.
fn failure(name: &str, e: &tera::Error) -> String {
    let detail = crate::render::engine::chain(e);
    // Tera: "Variable `so` not found in context while rendering 'shortcodes/van_ban.html'".
    if let Some(arg) = detail.split("Variable `").nth(1).and_then(|r| r.split('`').next()) {
        return messages::text(Msg::ShortcodeMissingArg { name, arg });
    }
    // The innermost cause says what went wrong; loa's own functions raise catalogue sentences.
    let mut cause: &dyn std::error::Error = e;
    while let Some(next) = cause.source() {
        cause = next;
    }
    let detail = if std::ptr::addr_eq(cause, e) { detail } else { cause.to_string() };
    messages::text(Msg::ShortcodeFailed { name, detail: &detail })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn expanded_offsets_map_back_to_the_file() {
        let mut e = Expanded { text: String::new(), map: Vec::new(), cited: Vec::new() };
        let body = "ab{{ x() }}cd";
        e.copy(body, 0..2);
        e.generate("<b>X</b>", 2);
        e.copy(body, 11..13);
        assert_eq!(e.text, "ab<b>X</b>cd");
        assert_eq!(e.original(1), 1);
        assert_eq!(e.original(5), 2);
        assert_eq!(e.original(11), 12);
    }

    #[test]
    fn a_call_is_told_by_its_opening_braces() {
        assert!(may_call("ab {{ x() }}"));
        assert!(may_call("{% if a %}b{% endif %}"));
        // Braces alone, a lone `{` at the end, `{` before other text: no call.
        for body in ["", "{", "a { b } c", "x{", "{a}{b}", "%} }} {#"] {
            assert!(!may_call(body), "{body:?}");
        }
        // The same answer as the two substring searches it replaced.
        for body in ["{{", "{%", "{ {", "{{{", "a{%", "{a{{"] {
            assert_eq!(may_call(body), body.contains("{{") || body.contains("{%"), "{body:?}");
        }
    }
}
