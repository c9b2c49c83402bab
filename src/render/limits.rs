//! Template limits: what would overflow the stack is refused before Tera sees it.
//!
//! Tera has no depth limit: an `include` of itself, a recursive macro or thousands of
//! nested `if`s overflow the stack and kill the process without naming a template. These
//! checks read the template text (tags only, not a full parse) and name the template and
//! line; rendering also runs on threads with a known stack size (`with_stack`).

use std::collections::{BTreeMap, HashMap, HashSet};

use std::sync::OnceLock;

use regex::Regex;

use crate::error::Diagnostic;
use crate::messages::{self, Msg};
use crate::theme::TemplateSource;

/// Deepest nesting of block tags (`if`, `for`, `macro`, `block`, `filter`) allowed.
pub const MAX_NESTING: usize = 64;
/// Deepest nesting of brackets inside one tag or expression.
pub const MAX_BRACKETS: usize = 64;
/// Stack of each rendering thread: ample for `MAX_NESTING` levels of any template.
pub const STACK_SIZE: usize = 64 * 1024 * 1024;
/// Most items `range()` may produce (a loop over `range(end=1e8)` never ends in practice).
pub const MAX_RANGE: usize = 100_000;

fn tag_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| Regex::new(r"(?s)\{%-?\s*(\w+)(.*?)-?%\}").expect("valid regex"))
}

fn quoted_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| Regex::new(r#"^\s*["'`]([^"'`]+)["'`]"#).expect("valid regex"))
}

const OPENERS: &[&str] = &["if", "for", "macro", "block", "filter", "raw"];

/// Checks every template; problems name the template file and line.
pub fn check(templates: &BTreeMap<String, TemplateSource>) -> Vec<Diagnostic> {
    let mut diags = Vec::new();
    // Template → templates it includes or extends.
    let mut renders: HashMap<String, Vec<(String, usize)>> = HashMap::new();
    for (name, t) in templates {
        let text = &t.text;
        let line_at = |at: usize| 1 + text[..at].bytes().filter(|&b| b == b'\n').count();
        let fail = |at: usize, detail: String| {
            Diagnostic::error(
                &t.origin,
                line_at(at),
                0,
                messages::text(Msg::TemplateTooDeep { detail: &detail }),
            )
            .with_excerpt_from(text)
        };
        if let Some(at) = bracket_overflow(text) {
            diags.push(fail(at, format!("brackets nested more than {MAX_BRACKETS} deep")));
            continue;
        }
        let mut depth = 0usize;
        for cap in tag_re().captures_iter(text) {
            let (Some(all), Some(word), Some(rest)) = (cap.get(0), cap.get(1), cap.get(2)) else { continue };
            let word = word.as_str();
            if OPENERS.contains(&word) {
                depth += 1;
                if depth > MAX_NESTING {
                    diags.push(fail(
                        all.start(),
                        format!("`{{% {word} %}}` nested more than {MAX_NESTING} deep"),
                    ));
                    break;
                }
            } else if word.starts_with("end") {
                depth = depth.saturating_sub(1);
            }
            let target = quoted_re().captures(rest.as_str());
            match word {
                "include" | "extends" => {
                    if let Some(file) = target.as_ref().and_then(|c| c.get(1)) {
                        renders
                            .entry(name.clone())
                            .or_default()
                            .push((file.as_str().to_owned(), line_at(all.start())));
                    }
                }
                _ => {}
            }
        }
    }
    // An include or extends cycle never ends: the context does not change.
    for name in templates.keys() {
        if let Some(line) = cycle_from(name, &renders) {
            let t = &templates[name];
            let detail = format!("`{name}` includes itself (through `include`/`extends`)");
            diags.push(
                Diagnostic::error(
                    &t.origin,
                    line,
                    0,
                    messages::text(Msg::TemplateTooDeep { detail: &detail }),
                )
                .with_excerpt_from(&t.text),
            );
        }
    }
    diags
}

/// The byte offset where brackets nest deeper than allowed, inside tags and expressions.
fn bracket_overflow(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    let (mut inside, mut depth) = (false, 0usize);
    for (i, w) in bytes.windows(2).enumerate() {
        match (w[0], w[1]) {
            (b'{', b'{') | (b'{', b'%') if !inside => {
                inside = true;
                depth = 0;
                continue;
            }
            (b'}', b'}') | (b'%', b'}') if inside && depth == 0 => inside = false,
            _ => {}
        }
        if inside {
            match w[0] {
                b'(' | b'[' | b'{' => {
                    depth += 1;
                    if depth > MAX_BRACKETS {
                        return Some(i);
                    }
                }
                b')' | b']' | b'}' => depth = depth.saturating_sub(1),
                _ => {}
            }
        }
    }
    None
}

/// The line of the first `include`/`extends` of `name` that leads back to `name`.
fn cycle_from(name: &str, renders: &HashMap<String, Vec<(String, usize)>>) -> Option<usize> {
    for (next, line) in renders.get(name)? {
        let mut seen = HashSet::new();
        let mut todo = vec![next.as_str()];
        while let Some(t) = todo.pop() {
            if t == name {
                return Some(*line);
            }
            if seen.insert(t) {
                todo.extend(renders.get(t).into_iter().flatten().map(|(n, _)| n.as_str()));
            }
        }
    }
    None
}

/// Runs `f` (and the rayon work it starts) on threads with `STACK_SIZE` of stack.
pub fn with_stack<R: Send>(f: impl FnOnce() -> R + Send) -> R {
    let pool = rayon::ThreadPoolBuilder::new().stack_size(STACK_SIZE).start_handler(|_| {
        STACK_BASE.with(|b| b.set(stack_pointer()));
    });
    match pool.build() {
        Ok(pool) => pool.install(f),
        Err(_) => f(),
    }
}

thread_local! {
    /// Roughly where this thread's stack starts (0: not known yet).
    static STACK_BASE: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

fn stack_pointer() -> usize {
    let marker = 0u8;
    std::hint::black_box(std::ptr::addr_of!(marker)) as usize
}

/// Name of the function called at the start of every macro body (see `instrument`).
pub const DEPTH_CHECK: &str = "__loa_stack";

/// What a macro body must contain to reach another render (a macro call, an include, a
/// function that renders a template): only such a body can recurse.
const REACHES_FURTHER: &[&str] = &["::", "include", "page_item_html", "render_once"];

/// Macros may call themselves (the default theme's table of contents does), so their
/// depth is checked as they run: each macro body that can call further (see
/// `REACHES_FURTHER`) starts with a call to `DEPTH_CHECK`, which fails, naming the macro
/// and template, once half the stack is used. (A call costs; most macros call nothing.)
pub fn instrument(text: &str, template: &str) -> String {
    let mut out = String::with_capacity(text.len() + 64);
    let mut last = 0;
    for cap in tag_re().captures_iter(text) {
        let (Some(all), Some(word), Some(rest)) = (cap.get(0), cap.get(1), cap.get(2)) else { continue };
        if word.as_str() != "macro" {
            continue;
        }
        // Macros do not nest: the body runs to the next `endmacro`.
        let body = &text[all.end()..];
        let body = &body[..body.find("endmacro").unwrap_or(body.len())];
        if !REACHES_FURTHER.iter().any(|w| body.contains(w)) {
            continue;
        }
        let name = rest.as_str().trim().split(['(', ' ']).next().unwrap_or_default();
        let trim = if all.as_str().ends_with("-%}") { "-" } else { "" };
        out.push_str(&text[last..all.end()]);
        let template = template.replace(['"', '\\'], "");
        out.push_str(&format!("{{{{ {DEPTH_CHECK}(m=\"{name}\", t=\"{template}\") {trim}}}}}"));
        last = all.end();
    }
    out.push_str(&text[last..]);
    out
}

/// The `DEPTH_CHECK` function: empty output, or an error when the stack runs low.
pub fn depth_check(args: &std::collections::HashMap<String, tera::Value>) -> tera::Result<tera::Value> {
    let here = stack_pointer();
    let base = STACK_BASE.with(|b| {
        if b.get() == 0 {
            b.set(here);
        }
        b.get()
    });
    if base.abs_diff(here) > STACK_SIZE / 2 {
        let arg = |k: &str| args.get(k).and_then(tera::Value::as_str).unwrap_or_default().to_owned();
        let detail = format!("macro `{}` of `{}` calls itself too deep", arg("m"), arg("t"));
        return Err(tera::Error::msg(messages::text(Msg::TemplateTooDeep { detail: &detail })));
    }
    Ok(tera::Value::String(String::new()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn templates(list: &[(&str, &str)]) -> BTreeMap<String, TemplateSource> {
        list.iter()
            .map(|(n, t)| {
                (
                    n.to_string(),
                    TemplateSource { origin: format!("templates/{n}").into(), text: t.to_string() },
                )
            })
            .collect()
    }

    #[test]
    fn recursion_and_deep_nesting_are_found_with_their_template() {
        let found = |list: &[(&str, &str)]| {
            check(&templates(list))
                .iter()
                .map(|d| format!("{}:{}", d.path.display(), d.line))
                .collect::<Vec<_>>()
        };
        assert_eq!(found(&[("a.html", "x\n{% include \"a.html\" %}")]), ["templates/a.html:2"]);
        assert_eq!(
            found(&[("a.html", "{% include \"b.html\" %}"), ("b.html", "{% include 'a.html' %}")]),
            ["templates/a.html:1", "templates/b.html:1"]
        );
        let deep = "{% if x %}".repeat(2000) + &"{% endif %}".repeat(2000);
        assert_eq!(found(&[("d.html", &deep)]), ["templates/d.html:1"]);
        let brackets = format!("{{{{ {}1{} }}}}", "(".repeat(500), ")".repeat(500));
        assert_eq!(found(&[("p.html", &brackets)]), ["templates/p.html:1"]);
        // Ordinary templates pass: macros calling other macros, includes without cycles.
        let fine =
            "{% import \"m.html\" as m %}{% macro a() %}{{ m::b() }}{% endmacro a %}{% include \"c.html\" %}";
        assert!(found(&[("f.html", fine), ("m.html", "{% macro b() %}b{% endmacro b %}"), ("c.html", "c")])
            .is_empty());
    }
}

#[cfg(test)]
mod instrument_tests {
    #[test]
    fn macro_bodies_start_with_the_depth_check_and_keep_their_whitespace() {
        let t = "{% macro a(x) %}\n A{{ self::a(x=x) }}{% endmacro a %}\
                 {%- macro b() -%}\n B{% include \"b.html\" %}{% endmacro %}";
        assert_eq!(
            super::instrument(t, "m.html"),
            "{% macro a(x) %}{{ __loa_stack(m=\"a\", t=\"m.html\") }}\n A{{ self::a(x=x) }}{% endmacro a %}\
             {%- macro b() -%}{{ __loa_stack(m=\"b\", t=\"m.html\") -}}\n B{% include \"b.html\" %}{% endmacro %}"
        );
    }

    #[test]
    fn macros_that_call_nothing_are_left_as_they_are() {
        let t = "{% macro a(x) %}{{ x.title }}{{ trans(key=\"k\") }}{% endmacro a %}\
                 {% macro b() %}{{ render_once(template=\"f.html\") }}{% endmacro b %}";
        assert_eq!(
            super::instrument(t, "m.html"),
            "{% macro a(x) %}{{ x.title }}{{ trans(key=\"k\") }}{% endmacro a %}\
             {% macro b() %}{{ __loa_stack(m=\"b\", t=\"m.html\") }}{{ render_once(template=\"f.html\") }}{% endmacro b %}"
        );
    }
}
