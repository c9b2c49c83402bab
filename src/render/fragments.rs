//! List entries rendered once per build: `page_item_html(url=…, level=…, summary=…)`
//! gives what `{{ m::page_item(p=…, level=…, summary=…) }}` of `macros.html` gives, but
//! renders each page's entry only once and reuses it in every section, term, pager and
//! home page that lists the page (a page is listed five or six times on a tagged site).
//!
//! The entry is rendered by the site's own `macros.html` (an override is used as it is),
//! with the list item every list holds, in the language of the file being rendered; its
//! links stay site-absolute and are made relative with the rest of the file.
//!
//! `render_once(template=…, …)` does the same for the parts of a layout that are alike
//! on many files (the footer, the menu): the template is rendered once per language and
//! arguments, seeing only its arguments, `config`, `site` (without `recent_pages`) and
//! `lang`, so what it shows cannot depend on the file it is shown in.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use rustc_hash::FxHashMap;

use tera::{Context, Tera, Value};

use crate::messages::{self, Msg};

/// The internal template that calls the macro.
pub(crate) const TEMPLATE: &str = "__loa/page_item.html";
/// Its text: the macro's output, nothing around it.
pub(crate) const TEMPLATE_TEXT: &str =
    r#"{% import "macros.html" as m %}{{ m::page_item(p=p, level=level, summary=summary) }}"#;

/// Whether a template set can render entries: its `macros.html` has `page_item`.
pub(crate) fn available(macros: Option<&str>) -> bool {
    macros.is_some_and(|t| t.contains("macro page_item("))
}

/// One output of `render_once`: its language, arguments and text.
type Once = (String, HashMap<String, Value>, Arc<str>);

/// Language → (page, level, summary) → entry. (Fx: looked up twice an entry, and the
/// keys are our own.)
type Memo = Mutex<FxHashMap<String, FxHashMap<(usize, u64, bool), Arc<str>>>>;

/// What the entries of one render are made from.
pub(crate) struct Source {
    items: Arc<Vec<Value>>,
    by_url: FxHashMap<String, usize>,
    /// A copy of the template set (a function cannot reach the set it is registered in).
    tera: Tera,
    memo: Memo,
    /// `config` and `site`, what every `render_once` template sees.
    base: serde_json::Map<String, Value>,
    /// When the macro only prints `level` (`{{ level }}`), each entry is rendered once
    /// with this mark for it, and the mark replaced by the level asked for (sections
    /// and tags list a page at different levels).
    level_mark: Option<String>,
    /// Hash of language and arguments (template included) → (language, arguments,
    /// output) of `render_once`: the arguments are compared, not written out as a key.
    once: Mutex<FxHashMap<u64, Vec<Once>>>,
}

impl Source {
    pub(crate) fn new(tera: &Tera, shared: &super::Shared, urls: impl Iterator<Item = String>) -> Source {
        let mut base = serde_json::Map::with_capacity(2);
        base.insert("config".into(), shared.config.clone());
        base.insert("site".into(), shared.site.clone());
        Source {
            items: shared.items.clone(),
            by_url: urls.enumerate().map(|(i, u)| (u, i)).collect(),
            tera: tera.clone(),
            memo: Mutex::new(FxHashMap::default()),
            level_mark: level_only_printed(tera).then(level_mark),
            base,
            once: Mutex::new(FxHashMap::default()),
        }
    }

    /// Frees the entries rendered so far, once every list is rendered (about 12 MiB at
    /// 10,000 pages); a later call renders its entry again.
    pub(crate) fn forget(&self) {
        *self.memo.lock().unwrap_or_else(|p| p.into_inner()) = FxHashMap::default();
    }
}

thread_local! {
    /// The source of the render running on this thread.
    static CURRENT: std::cell::RefCell<Option<Arc<Source>>> = const { std::cell::RefCell::new(None) };
}

/// Runs `f` (a worker's renders) with `source` for `page_item_html`.
pub(crate) fn scoped<T>(source: &Arc<Source>, f: impl FnOnce() -> T) -> T {
    let before = CURRENT.with(|c| c.replace(Some(source.clone())));
    let out = f();
    CURRENT.with(|c| *c.borrow_mut() = before);
    out
}

/// `page_item_html(url=p.url, level=3, summary=true)`.
pub(crate) fn page_item_html(args: &HashMap<String, Value>) -> tera::Result<Value> {
    let url = args.get("url").and_then(Value::as_str).unwrap_or_default();
    let level = args.get("level").and_then(Value::as_u64).unwrap_or(2);
    let summary = args.get("summary").is_none_or(|v| v.as_bool().unwrap_or(true));
    let Some(source) = CURRENT.with(|c| c.borrow().clone()) else {
        return Err(tera::Error::msg(messages::text(Msg::PageItemHtmlOutside)));
    };
    let Some(&i) = source.by_url.get(url) else {
        return Err(tera::Error::msg(messages::text(Msg::PageItemHtmlUnknown { url })));
    };
    let lang = crate::i18n::current_lang().unwrap_or_default();
    let memo = |m: &Memo, level: u64| {
        let m = m.lock().unwrap_or_else(|p| p.into_inner());
        m.get(&lang).and_then(|l| l.get(&(i, level, summary))).cloned()
    };
    let shown = |html: &str| match &source.level_mark {
        Some(mark) => html.replace(mark.as_str(), &level.to_string()),
        None => html.to_owned(),
    };
    if source.level_mark.is_some() {
        if let Some(html) = memo(&source.memo, ANY_LEVEL) {
            return Ok(Value::String(shown(&html)));
        }
    }
    if let Some(html) = memo(&source.memo, level) {
        return Ok(Value::String(html.to_string()));
    }
    let render = |level: Value| -> tera::Result<Arc<str>> {
        // Moved in, not serialised again (`Context::insert` would copy the item twice).
        let mut vars = serde_json::Map::with_capacity(3);
        vars.insert("p".into(), source.items[i].clone());
        vars.insert("level".into(), level);
        vars.insert("summary".into(), summary.into());
        let ctx = Context::from_value(Value::Object(vars))?;
        Ok(source.tera.render(TEMPLATE, &ctx)?.into())
    };
    let keep = |key: u64, html: &Arc<str>| {
        let mut m = source.memo.lock().unwrap_or_else(|p| p.into_inner());
        m.entry(lang.clone()).or_default().insert((i, key, summary), html.clone());
    };
    if let Some(mark) = &source.level_mark {
        let html = render(Value::String(mark.clone()))?;
        // Only the marks carry its first character (else the page's own text has it).
        if html.matches(MARK_START).count() == html.matches(mark.as_str()).count() {
            keep(ANY_LEVEL, &html);
            return Ok(Value::String(shown(&html)));
        }
    }
    let html = render(level.into())?;
    keep(level, &html);
    Ok(Value::String(html.to_string()))
}

/// The memo's level of an entry rendered with the level mark.
const ANY_LEVEL: u64 = u64::MAX;
/// The level mark's first character (private use: not in text, and never escaped).
const MARK_START: char = '\u{E000}';

/// A mark no page can guess: private-use characters around a number new each build.
fn level_mark() -> String {
    use std::hash::{BuildHasher, Hasher};
    let n = std::collections::hash_map::RandomState::new().build_hasher().finish();
    format!("{MARK_START}{n:x}\u{E001}")
}

/// Whether `macros.html`'s `page_item` uses `level` only as `{{ level }}` (so its output
/// for any level is its output for one with the printed level swapped): read from the
/// macro's AST, any other use (a test, a filter, an argument, `level.x`, an `include`
/// that could see it, a `set` of it, `__tera_context`) says no.
fn level_only_printed(tera: &Tera) -> bool {
    let Some(def) = tera.templates.get("macros.html").and_then(|t| t.macros.get("page_item")) else {
        return false;
    };
    let body = format!("{:?}", def.body);
    let printed = |left: bool, right: bool| {
        format!(
            "VariableBlock(WS {{ left: {left}, right: {right} }}, Expr {{ val: Ident(\"level\"), negated: false, filters: [] }})"
        )
    };
    let plain: usize = [(false, false), (false, true), (true, false), (true, true)]
        .iter()
        .map(|&(l, r)| body.matches(&printed(l, r)).count())
        .sum();
    // Every `"level…` of the Debug text (idents, set keys, loop names, tests, strings).
    let named = body.matches("\"level").count();
    let idents = body.matches("Ident(\"level").count();
    plain > 0
        && plain == idents
        && named == idents
        && !body.contains("Include(")
        && !body.contains("__tera_context")
}

/// `render_once(template="partials/footer.html", …)`: the template's output for these
/// arguments in the file's language, rendered by the first file that asks.
pub(crate) fn render_once(args: &HashMap<String, Value>) -> tera::Result<Value> {
    let Some(template) = args.get("template").and_then(Value::as_str) else {
        return Err(tera::Error::msg(messages::text(Msg::RenderOnceNoTemplate)));
    };
    let Some(source) = CURRENT.with(|c| c.borrow().clone()) else {
        return Err(tera::Error::msg(messages::text(Msg::RenderOnceOutside)));
    };
    let lang = crate::i18n::current_lang().unwrap_or_default();
    let key = args_hash(&lang, args);
    let hit = {
        let once = source.once.lock().unwrap_or_else(|p| p.into_inner());
        let same = |(l, a, _): &&Once| *l == lang && same_args(a, args);
        once.get(&key).and_then(|list| list.iter().find(same)).map(|(_, _, html)| html.clone())
    };
    if let Some(html) = hit {
        return Ok(Value::String(html.to_string()));
    }
    let mut vars = source.base.clone();
    for (k, v) in args {
        if k != "template" {
            vars.insert(k.clone(), v.clone());
        }
    }
    vars.insert("lang".into(), Value::String(lang.clone()));
    let ctx = Context::from_value(Value::Object(vars))?;
    let html: Arc<str> = source.tera.render(template, &ctx)?.into();
    let entry = (lang, args.clone(), html.clone());
    source.once.lock().unwrap_or_else(|p| p.into_inner()).entry(key).or_default().push(entry);
    Ok(Value::String(html.to_string()))
}

/// A hash of `lang` and `args` whatever the order of the arguments (equal ones hash alike;
/// objects hash in their own order, so equal objects in another order only miss).
fn args_hash(lang: &str, args: &HashMap<String, Value>) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut sum = 0u64;
    for (k, v) in args {
        let mut h = rustc_hash::FxHasher::default();
        k.hash(&mut h);
        hash_value(v, &mut h);
        sum = sum.wrapping_add(h.finish());
    }
    let mut h = rustc_hash::FxHasher::default();
    lang.hash(&mut h);
    sum.hash(&mut h);
    h.finish()
}

/// `a == b`, comparing objects field by field in order first (`==` looks every key up).
fn same_args(a: &HashMap<String, Value>, b: &HashMap<String, Value>) -> bool {
    a.len() == b.len() && a.iter().all(|(k, v)| b.get(k).is_some_and(|w| same(v, w)))
}

fn same(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Array(x), Value::Array(y)) => x.len() == y.len() && x.iter().zip(y).all(|(v, w)| same(v, w)),
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len() && (x.iter().zip(y).all(|((k, v), (l, w))| k == l && same(v, w)) || x == y)
        }
        _ => a == b,
    }
}

fn hash_value(v: &Value, h: &mut impl std::hash::Hasher) {
    use std::hash::Hash;
    match v {
        Value::Null => h.write_u8(0),
        Value::Bool(b) => b.hash(h),
        Value::Number(n) => {
            h.write_u8(2);
            n.as_f64().map(f64::to_bits).hash(h);
        }
        Value::String(s) => s.hash(h),
        Value::Array(list) => {
            h.write_u8(4);
            h.write_usize(list.len());
            list.iter().for_each(|x| hash_value(x, h));
        }
        Value::Object(m) => {
            h.write_u8(5);
            h.write_usize(m.len());
            for (k, x) in m {
                k.hash(h);
                hash_value(x, h);
            }
        }
    }
}
