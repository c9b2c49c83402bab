//! The template engine: compiles templates once and registers loa's filters and functions.

use std::collections::{HashMap, HashSet};

use tera::{Tera, Value};

use crate::error::Diagnostic;
use crate::messages::{self, Msg};
use crate::theme::Theme;

/// Templates being compiled on their own thread, started as soon as the theme is read:
/// parsing them (pest, the biggest serial cost of a small build) then overlaps reading
/// and resolving the content. Only `url` waits for the site (see `Pending::finish`).
pub struct Pending(Option<std::thread::JoinHandle<(Option<Tera>, Vec<Diagnostic>)>>);

/// Starts compiling `theme`'s templates (a copy of them) on a thread of its own.
pub fn start(theme: &Theme) -> Pending {
    let copy = Theme {
        templates: theme.templates.clone(),
        // Only stylesheets are read by the templates (`static_text`).
        statics: theme
            .statics
            .iter()
            .filter(|(k, _)| k.ends_with(".css"))
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect(),
        strings: Vec::new(),
    };
    let spawned = std::thread::Builder::new().stack_size(super::limits::STACK_SIZE).spawn(move || {
        let mut d = Vec::new();
        (parse(&copy, &mut d), d)
    });
    Pending(spawned.ok())
}

impl Pending {
    /// The compiled templates, with `url` resolving through `by_source`; their problems
    /// go to `diags`. Compiles here when no thread could be started.
    pub fn finish(
        self,
        theme: &Theme,
        by_source: &HashMap<String, String>,
        diags: &mut Vec<Diagnostic>,
    ) -> Option<Tera> {
        let (tera, d) = match self.0 {
            Some(handle) => handle.join().unwrap_or_else(|p| std::panic::resume_unwind(p)),
            None => {
                let mut d = Vec::new();
                (parse(theme, &mut d), d)
            }
        };
        diags.extend(d);
        Some(with_urls(tera?, by_source))
    }
}

/// Parses every template and registers loa's filters and functions, all but `url`;
/// syntax errors name the template file and line.
fn parse(theme: &Theme, diags: &mut Vec<Diagnostic>) -> Option<Tera> {
    let mut tera = Tera::default();
    // Escape like HTML needs, but leave `/` alone: "11-CT/TW" and URLs stay readable.
    tera.set_escape_fn(escape_html);
    tera.autoescape_on(vec![".html", ".htm", ".xml"]);
    // What would overflow the stack is refused with the template named.
    let too_deep = super::limits::check(&theme.templates);
    if !too_deep.is_empty() {
        diags.extend(too_deep);
        return None;
    }
    let instrumented: Vec<(&str, String)> =
        theme.templates.iter().map(|(n, t)| (n.as_str(), super::limits::instrument(&t.text, n))).collect();
    let mut sources: Vec<(&str, &str)> = instrumented.iter().map(|(n, t)| (*n, t.as_str())).collect();
    // List entries rendered once per page (`page_item_html`), when `macros.html` has them.
    let entries = super::fragments::available(theme.templates.get("macros.html").map(|t| t.text.as_str()));
    if entries {
        sources.push((super::fragments::TEMPLATE, super::fragments::TEMPLATE_TEXT));
    }
    let parsed = match parse_all(&sources) {
        Some(templates) => add_parsed(&mut tera, &sources, templates),
        None => Err(tera::Error::msg(messages::text(Msg::TemplateParserFailed))),
    };
    if let Err(e) = parsed {
        let (name, detail) = describe(&e);
        let origin =
            theme.templates.get(&name).map(|t| t.origin.clone()).unwrap_or_else(|| name.clone().into());
        let line = line_of(&detail);
        let text = theme.templates.get(&name).map(|t| t.text.as_str()).unwrap_or("");
        diags.push(
            Diagnostic::error(origin, line, 0, messages::text(Msg::TemplateInvalid { detail: &detail }))
                .with_excerpt_from(text),
        );
        return None;
    }
    // Themes must not read the builder's environment (secrets, paths).
    tera.register_function("get_env", |_: &HashMap<String, Value>| {
        Err(tera::Error::msg(messages::text(Msg::TemplateGetEnvOff)))
    });
    tera.register_function("range", bounded_range);
    if entries {
        tera.register_function("page_item_html", super::fragments::page_item_html);
    }
    tera.register_function("render_once", super::fragments::render_once);
    tera.register_function(super::limits::DEPTH_CHECK, super::limits::depth_check);
    tera.register_filter("vi_date", vi_date);
    tera.register_filter("slugify", |v: &Value, _: &HashMap<String, Value>| {
        Ok(Value::String(crate::slug::slugify(v.as_str().unwrap_or_default())))
    });
    // `static_text(path="css/style.css")`: a stylesheet's text, for pages that must work
    // without their neighbours (404.html, opened from disk, cannot find `/css/`).
    let sheets: HashMap<String, crate::theme::FileSource> = theme
        .statics
        .iter()
        .filter(|(k, _)| k.ends_with(".css"))
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    tera.register_function("static_text", move |args: &HashMap<String, Value>| {
        let path = args.get("path").and_then(Value::as_str).unwrap_or("");
        let bytes = match sheets.get(path) {
            Some(crate::theme::FileSource::Embedded(b)) => b.to_vec(),
            Some(crate::theme::FileSource::Disk(p)) => std::fs::read(p).map_err(|e| {
                tera::Error::msg(messages::text(Msg::TemplateStylesheetUnreadable {
                    path,
                    error: format!("{} ({e})", messages::text(Msg::IoReason { kind: e.kind() })),
                }))
            })?,
            None => return Err(tera::Error::msg(messages::text(Msg::TemplateNoStylesheet { path }))),
        };
        Ok(Value::String(String::from_utf8_lossy(&bytes).into_owned()))
    });
    Some(tera)
}

/// Registers `url`, which turns `@/` source paths into the site's URLs.
fn with_urls(mut tera: Tera, by_source: &HashMap<String, String>) -> Tera {
    let sources = by_source.clone();
    tera.register_function("url", move |args: &HashMap<String, Value>| {
        let path = args.get("path").and_then(Value::as_str).unwrap_or("");
        if let Some(src) = path.strip_prefix("@/") {
            return sources
                .get(src.trim_end_matches('/'))
                .map(|u| Value::String(u.clone()))
                .ok_or_else(|| tera::Error::msg(messages::text(Msg::BrokenLink { target: path })));
        }
        Ok(Value::String(format!("/{}", path.trim_start_matches('/'))))
    });
    tera
}

/// Parses every template, on as many threads as there are cores (parsing is most of
/// the work before the first page can render), each with the stack deep templates
/// need; results in the order of `sources`. `None`: a parser thread failed.
fn parse_all(sources: &[(&str, &str)]) -> Option<Vec<tera::Result<tera::Template>>> {
    use std::sync::atomic::{AtomicUsize, Ordering};
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get()).clamp(1, 4);
    let next = AtomicUsize::new(0);
    let work = || {
        let mut done = Vec::new();
        loop {
            let k = next.fetch_add(1, Ordering::Relaxed);
            let Some(&(name, text)) = sources.get(k) else { break };
            done.push((k, tera::Template::new(name, None, text)));
        }
        done
    };
    let mut all: Vec<(usize, tera::Result<tera::Template>)> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..threads)
            .map(|_| std::thread::Builder::new().stack_size(super::limits::STACK_SIZE).spawn_scoped(s, work))
            .collect();
        let mut all = Vec::new();
        for h in handles {
            all.extend(h.ok()?.join().ok()?);
        }
        Some(all)
    })?;
    all.sort_by_key(|(k, _)| *k);
    Some(all.into_iter().map(|(_, t)| t).collect())
}

/// What `Tera::add_raw_templates` does with templates parsed already: the first that
/// failed is the error, as Tera words it.
fn add_parsed(
    tera: &mut Tera,
    sources: &[(&str, &str)],
    parsed: Vec<tera::Result<tera::Template>>,
) -> tera::Result<()> {
    for (&(name, _), t) in sources.iter().zip(parsed) {
        let t = t.map_err(|e| tera::Error::chain(format!("Failed to parse '{name}'"), e))?;
        tera.templates.insert(name.to_owned(), t);
    }
    tera.build_inheritance_chains()?;
    tera.check_macro_files()
}

/// Names used by the site that no template provides.
pub fn missing<'a>(tera: &Tera, wanted: impl Iterator<Item = &'a str>) -> Vec<&'a str> {
    let have: HashSet<&str> = tera.get_template_names().collect();
    let mut out: Vec<&str> = wanted.filter(|n| !have.contains(n)).collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// What a Tera render error means, in the catalogue's words: (Tera's wording before the
/// quoted name, the kind of thing that is missing).
const TERA_MISSING: &[(&str, &str)] = &[
    ("Variable `", "variable"),
    ("Filter '", "filter"),
    ("Function '", "function"),
    ("Template '", "template"),
];

/// Our sentence for a Tera error chain ("biến `page.nope` không có…"), when we know it.
pub fn hint(chain: &str) -> Option<String> {
    TERA_MISSING.iter().find_map(|(start, what)| {
        let at = chain.find(start)? + start.len();
        let name: String = chain[at..].chars().take_while(|c| *c != '`' && *c != '\'').collect();
        Some(messages::text(Msg::TemplateMissingName { what, name: &name }))
    })
}

/// The whole error chain of a Tera error, with the template named first.
pub fn chain(e: &tera::Error) -> String {
    let mut parts = vec![e.to_string()];
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        parts.push(s.to_string());
        source = s.source();
    }
    parts.join(": ")
}

fn describe(e: &tera::Error) -> (String, String) {
    let detail = chain(e);
    // Tera says "Failed to parse 'page.html'" or "... template 'page.html' ...".
    let name = detail.split('\'').nth(1).unwrap_or_default().to_owned();
    (name, detail)
}

/// Tera (via pest) reports ` --> 12:5`; take the line.
fn line_of(detail: &str) -> usize {
    detail
        .split("--> ")
        .nth(1)
        .and_then(|rest| rest.split(':').next())
        .and_then(|n| n.trim().parse().ok())
        .unwrap_or(0)
}

pub(crate) fn vi_date(value: &Value, args: &HashMap<String, Value>) -> tera::Result<Value> {
    let style = args.get("format").and_then(Value::as_str).unwrap_or("short");
    let Some(text) = value.as_str() else {
        return Ok(Value::Null);
    };
    let date = crate::date::parse(text).ok_or_else(|| {
        tera::Error::msg(messages::text(Msg::TemplateNotADate { function: "vi_date", text }))
    })?;
    crate::date::format(date, style).map(Value::String).ok_or_else(|| {
        tera::Error::msg(messages::text(Msg::TemplateUnknownDateFormat { function: "vi_date", style }))
    })
}

/// Tera's `range(end, start=0, step_by=1)`, refusing more than `MAX_RANGE` items.
fn bounded_range(args: &HashMap<String, Value>) -> tera::Result<Value> {
    let int = |key: &str, default: Option<i64>| -> tera::Result<i64> {
        match args.get(key) {
            Some(v) => v
                .as_i64()
                .or_else(|| v.as_f64().filter(|f| f.fract() == 0.0 && f.abs() < 1e15).map(|f| f as i64))
                .ok_or_else(|| {
                    tera::Error::msg(messages::text(Msg::TemplateRangeNotWhole { key, value: v.to_string() }))
                }),
            None => default.ok_or_else(|| tera::Error::msg(messages::text(Msg::TemplateRangeNoEnd))),
        }
    };
    let (start, end, step) = (int("start", Some(0))?, int("end", None)?, int("step_by", Some(1))?);
    if step <= 0 {
        return Err(tera::Error::msg(messages::text(Msg::TemplateRangeStep)));
    }
    let count = if end > start { ((end - start) as u64).div_ceil(step as u64) } else { 0 };
    let max = super::limits::MAX_RANGE;
    if count > max as u64 {
        return Err(tera::Error::msg(messages::text(Msg::TemplateRangeTooLong { count, max })));
    }
    Ok(Value::Array((start..end).step_by(step as usize).map(Value::from).collect()))
}

/// HTML escaping for text and attribute values.
pub fn escape_html(input: &str) -> String {
    let mut out = String::with_capacity(input.len() + 8);
    let mut done = 0;
    // Copy the runs between special bytes whole; all five are ASCII, so byte offsets
    // found here are always char boundaries.
    for (i, b) in input.bytes().enumerate() {
        let entity = match b {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => "&#39;",
            _ => continue,
        };
        out.push_str(&input[done..i]);
        out.push_str(entity);
        done = i + 1;
    }
    out.push_str(&input[done..]);
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn escape_html_replaces_the_five_specials_and_keeps_vietnamese() {
        assert_eq!(
            super::escape_html(r#"Sơn La <b>"Tỉnh ủy" & 'Ban'</b> 11-CT/TW"#),
            "Sơn La &lt;b&gt;&quot;Tỉnh ủy&quot; &amp; &#39;Ban&#39;&lt;/b&gt; 11-CT/TW"
        );
        assert_eq!(super::escape_html("ạ&"), "ạ&amp;");
        assert_eq!(super::escape_html(""), "");
    }
}
