//! List entries rendered once per build: `page_item_html(url=…, level=…, summary=…)`
//! gives what `{{ m::page_item(p=…, level=…, summary=…) }}` of `macros.html` gives, but
//! renders each page's entry only once and reuses it in every section, term, pager and
//! home page that lists the page (a page is listed five or six times on a tagged site).
//!
//! The entry is rendered by the site's own `macros.html` (an override is used as it is),
//! with the list item every list holds, in the language of the file being rendered; its
//! links stay site-absolute and are made relative with the rest of the file.

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
}

impl Source {
    pub(crate) fn new(tera: &Tera, items: Arc<Vec<Value>>, urls: impl Iterator<Item = String>) -> Source {
        Source {
            items,
            by_url: urls.enumerate().map(|(i, u)| (u, i)).collect(),
            tera: tera.clone(),
            memo: Mutex::new(FxHashMap::default()),
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
    let memo = |m: &Memo| {
        let m = m.lock().unwrap_or_else(|p| p.into_inner());
        m.get(&lang).and_then(|l| l.get(&(i, level, summary))).cloned()
    };
    if let Some(html) = memo(&source.memo) {
        return Ok(Value::String(html.to_string()));
    }
    let tera = &source.tera;
    // Moved in, not serialised again (`Context::insert` would copy the item twice).
    let mut vars = serde_json::Map::with_capacity(3);
    vars.insert("p".into(), source.items[i].clone());
    vars.insert("level".into(), level.into());
    vars.insert("summary".into(), summary.into());
    let ctx = Context::from_value(Value::Object(vars))?;
    let html: Arc<str> = tera.render(TEMPLATE, &ctx)?.into();
    let mut m = source.memo.lock().unwrap_or_else(|p| p.into_inner());
    m.entry(lang).or_default().insert((i, level, summary), html.clone());
    Ok(Value::String(html.to_string()))
}
