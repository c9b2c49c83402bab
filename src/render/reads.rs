//! Which of the big, duplicated lists the template set can read at all.
//!
//! `section.pages` and `term.pages` repeat `paginator.pages` on a single pager, and
//! copying page items costs a fifth of a like-for-like build (#15). A list is left empty
//! only when no template names it: every variable path of every template (includes and
//! macros too) is looked at, and any use of `section` or `term` other than `.field`
//! (passed whole to a macro, `set`, a filter, `section[...]`) keeps the list, as does
//! `__tera_context`.

use std::collections::{BTreeSet, HashMap};

use tera::ast::{Expr, ExprVal, LogicOperator, Node};
use tera::Tera;

/// What the templates read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Reads {
    pub section_pages: bool,
    pub term_pages: bool,
    /// The fields of `paginator.pages` entries any template may read (`None`: the whole
    /// entry may be seen). See `PagerWalk`.
    pub pager_fields: Option<Vec<String>>,
}

impl Reads {
    /// Everything, for callers that do not know the templates.
    pub(crate) const ALL: Reads = Reads { section_pages: true, term_pages: true, pager_fields: None };

    pub(crate) fn of(tera: &Tera) -> Reads {
        let mut reads = Reads { section_pages: false, term_pages: false, pager_fields: None };
        for template in tera.templates.values() {
            // The AST's `Debug` names every variable as `Ident("a.b.c")`, wherever it
            // stands (for loops, macro and function arguments, filters, tests).
            let ast = format!("{:?}", template.ast);
            for ident in idents(&ast) {
                reads.section_pages |= needs(ident, "section");
                reads.term_pages |= needs(ident, "term");
                if ident.starts_with("__tera_context") {
                    return Reads::ALL;
                }
            }
            if reads.section_pages && reads.term_pages {
                break;
            }
        }
        reads.pager_fields = pager_fields(tera);
        reads
    }
}

/// What a value met in a template may be: the paginator, its `pages`, one of its entries.
const PAGER: u8 = 1;
const LIST: u8 = 2;
const ITEM: u8 = 4;

/// Tests that look at whether a value is there, not at what it holds.
const PRESENCE_TESTS: &[&str] = &["defined", "undefined"];
/// Filters that keep a tracked value as it is (`default` only applies when it is missing).
const KEEPING_FILTERS: &[&str] = &["safe", "default"];

/// Which fields of `paginator.pages` entries the templates may read.
///
/// Copying whole list items into every pager costs (#15), and the default theme reads
/// only `p.url` of them. Every template is walked, following where the paginator, its
/// list and entries go: `set`, `for`, macro arguments (into every macro of that name).
/// Flow-insensitive: a name that holds such a value anywhere in a scope (template level,
/// shared by all templates, or one macro's body) holds it everywhere. Any use that could
/// show more than a field (printing the entry, a filter, a function argument, a
/// comparison, `in`, a key-value loop, `[...]`, `__tera_context`) gives `None`.
fn pager_fields(tera: &Tera) -> Option<Vec<String>> {
    let mut walk = PagerWalk::default();
    // At most a few rounds: each one only adds names.
    for _ in 0..16 {
        walk.changed = false;
        for (name, template) in &tera.templates {
            // Rendered with a context of its own, which has no paginator.
            if name == super::fragments::TEMPLATE {
                continue;
            }
            walk.nodes("", &template.ast);
            for m in template.macros.values() {
                walk.macro_def(m);
            }
        }
        if walk.whole {
            return None;
        }
        if !walk.changed {
            let mut fields = walk.fields;
            // Entries stay objects with something in them (`{% if p %}` stays true).
            fields.insert("url".to_owned());
            return Some(fields.into_iter().collect());
        }
    }
    None
}

#[derive(Default)]
struct PagerWalk {
    /// (scope, name) → what it may hold; scope "" is the template level, else a macro.
    names: HashMap<(String, String), u8>,
    fields: BTreeSet<String>,
    whole: bool,
    changed: bool,
}

impl PagerWalk {
    fn bind(&mut self, scope: &str, name: &str, kinds: u8) {
        if kinds == 0 {
            return;
        }
        let slot = self.names.entry((scope.to_owned(), name.to_owned())).or_default();
        if *slot | kinds != *slot {
            *slot |= kinds;
            self.changed = true;
        }
    }

    fn kinds(&self, scope: &str, name: &str) -> u8 {
        let global = if name == "paginator" { PAGER } else { 0 };
        global | self.names.get(&(scope.to_owned(), name.to_owned())).copied().unwrap_or(0)
    }

    fn macro_def(&mut self, m: &tera::ast::MacroDefinition) {
        for e in m.args.values().flatten() {
            self.whole("", e);
        }
        self.nodes(&m.name, &m.body);
    }

    fn nodes(&mut self, scope: &str, nodes: &[Node]) {
        for node in nodes {
            match node {
                Node::VariableBlock(_, e) => self.whole(scope, e),
                Node::MacroDefinition(_, m, _) => self.macro_def(m),
                Node::Set(_, set) => {
                    let k = self.value(scope, &set.value);
                    self.bind(scope, &set.key, k);
                }
                Node::FilterSection(_, f, _) => {
                    self.call_args(scope, &f.filter.args);
                    self.nodes(scope, &f.body);
                }
                Node::Block(_, b, _) => self.nodes(scope, &b.body),
                Node::Forloop(_, f, _) => {
                    let k = self.value(scope, &f.container);
                    if f.key.is_some() && k != 0 || k & (PAGER | ITEM) != 0 {
                        self.whole = true;
                    }
                    if k & LIST != 0 {
                        self.bind(scope, &f.value, ITEM);
                    }
                    self.nodes(scope, &f.body);
                    if let Some(body) = &f.empty_body {
                        self.nodes(scope, body);
                    }
                }
                Node::If(i, _) => {
                    for (_, cond, body) in &i.conditions {
                        self.value(scope, cond);
                        self.nodes(scope, body);
                    }
                    if let Some((_, body)) = &i.otherwise {
                        self.nodes(scope, body);
                    }
                }
                _ => {}
            }
        }
    }

    /// An expression whose value is used as it is: it must not be a tracked one.
    fn whole(&mut self, scope: &str, e: &Expr) {
        if self.value(scope, e) != 0 {
            self.whole = true;
        }
    }

    fn call_args(&mut self, scope: &str, args: &HashMap<String, Expr>) {
        for e in args.values() {
            self.whole(scope, e);
        }
    }

    /// What `e` may evaluate to (tracked kinds only), noting the fields read on the way.
    /// A caller that only tests it for truth may ignore the result: the paginator, its
    /// list and a trimmed entry are as true as before.
    fn value(&mut self, scope: &str, e: &Expr) -> u8 {
        let mut k = self.val(scope, &e.val);
        for f in &e.filters {
            self.call_args(scope, &f.args);
            if k == 0 || KEEPING_FILTERS.contains(&f.name.as_str()) {
                continue;
            }
            // The length of the list or the paginator is unchanged; an entry's is not.
            if f.name == "length" && k & ITEM == 0 {
                k = 0;
            } else {
                self.whole = true;
                k = 0;
            }
        }
        if e.negated {
            0
        } else {
            k
        }
    }

    fn val(&mut self, scope: &str, v: &ExprVal) -> u8 {
        match v {
            ExprVal::Ident(path) => self.path(scope, path),
            ExprVal::Math(m) => {
                self.whole(scope, &m.lhs);
                self.whole(scope, &m.rhs);
                0
            }
            ExprVal::Logic(l) => {
                if matches!(l.operator, LogicOperator::And | LogicOperator::Or) {
                    self.value(scope, &l.lhs);
                    self.value(scope, &l.rhs);
                } else {
                    self.whole(scope, &l.lhs);
                    self.whole(scope, &l.rhs);
                }
                0
            }
            ExprVal::Test(t) => {
                if self.path(scope, &t.ident) != 0 && !PRESENCE_TESTS.contains(&t.name.as_str()) {
                    self.whole = true;
                }
                for a in &t.args {
                    self.whole(scope, a);
                }
                0
            }
            ExprVal::MacroCall(c) => {
                for (name, arg) in &c.args {
                    let k = self.value(scope, arg);
                    self.bind(&c.name, name, k);
                }
                0
            }
            ExprVal::FunctionCall(c) => {
                self.call_args(scope, &c.args);
                0
            }
            ExprVal::Array(list) => {
                for e in list {
                    self.whole(scope, e);
                }
                0
            }
            ExprVal::StringConcat(c) => {
                for v in &c.values {
                    if self.val(scope, v) != 0 {
                        self.whole = true;
                    }
                }
                0
            }
            ExprVal::In(i) => {
                self.whole(scope, &i.lhs);
                self.whole(scope, &i.rhs);
                0
            }
            ExprVal::String(_) | ExprVal::Int(_) | ExprVal::Float(_) | ExprVal::Bool(_) => 0,
        }
    }

    /// A variable path: `paginator.pages` is the list, `items.0` an entry, `p.title`
    /// reads `title`.
    fn path(&mut self, scope: &str, path: &str) -> u8 {
        if path.starts_with("__tera_context") {
            self.whole = true;
            return 0;
        }
        if path.contains('[') {
            // Any tracked name in `a[b.c]` (before or inside the brackets) gives up.
            let words = path.split(|c: char| !(c.is_alphanumeric() || c == '_'));
            if words.into_iter().any(|w| !w.is_empty() && self.kinds(scope, w) != 0) {
                self.whole = true;
            }
            return 0;
        }
        let mut parts = path.split('.');
        let root = parts.next().unwrap_or_default();
        let rest: Vec<&str> = parts.collect();
        let mut out = 0;
        for kind in [PAGER, LIST, ITEM] {
            if self.kinds(scope, root) & kind == 0 {
                continue;
            }
            let mut cur = kind;
            for part in &rest {
                cur = match cur {
                    PAGER if *part == "pages" => LIST,
                    LIST if part.parse::<usize>().is_ok() => ITEM,
                    ITEM => {
                        self.fields.insert((*part).to_owned());
                        0
                    }
                    _ => 0,
                };
                if cur == 0 {
                    break;
                }
            }
            out |= cur;
        }
        out
    }
}

/// The variable paths in an AST's `Debug` text (as written, escaped quotes and all).
fn idents(ast: &str) -> impl Iterator<Item = &str> {
    ast.split("Ident(\"").skip(1).map(|rest| rest.split('"').next().unwrap_or(rest))
}

/// Whether path `ident` may reach `root.pages`.
fn needs(ident: &str, root: &str) -> bool {
    let Some(rest) = ident.strip_prefix(root) else { return false };
    match rest.strip_prefix('.') {
        // Another variable that starts with the same letters (`sections`, `terms`).
        None if rest.chars().next().is_some_and(|c| c.is_alphanumeric() || c == '_') => false,
        // The whole object, or `root[...]`.
        None => true,
        Some(field) => {
            let first = field.split(['.', '[']).next().unwrap_or(field);
            first == "pages"
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reads(text: &str) -> Reads {
        let mut tera = Tera::default();
        tera.add_raw_template("t.html", text).unwrap();
        Reads::of(&tera)
    }

    #[test]
    fn lists_no_template_names_are_not_needed() {
        let none = Reads { section_pages: false, term_pages: false, pager_fields: Some(vec!["url".into()]) };
        assert_eq!(reads("{{ section.title }}{% for p in paginator.pages %}{{ p.url }}{% endfor %}"), none);
        assert_eq!(reads("{% for s in section.subsections %}{{ s.pages | length }}{% endfor %}"), none);
        assert_eq!(reads(r#"{{ term.name }}{% include "x.html" ignore missing %}"#), none);
    }

    fn pager(text: &str) -> Option<Vec<String>> {
        let mut tera = Tera::default();
        tera.add_raw_templates(vec![
            ("t.html", text),
            (
                "m.html",
                "{% macro show(x) %}{{ x.title }}{% endmacro %}{% macro pg(pg) %}{{ pg.first }}{% endmacro %}\
                 {% macro other(p) %}{{ p.summary }}{% endmacro %}{% macro z(v) %}{{ v }}{% endmacro %}",
            ),
        ])
        .unwrap();
        Reads::of(&tera).pager_fields
    }

    fn fields(list: &[&str]) -> Option<Vec<String>> {
        Some(list.iter().map(|s| s.to_string()).collect())
    }

    #[test]
    fn pager_entries_keep_the_fields_read_through_sets_loops_and_macros() {
        let t = r#"{% import "m.html" as m %}{% set items = paginator.pages %}{% if items and paginator %}
            {% for p in items %}{{ p.url }}{% if p.draft %}!{% endif %}{{ m::show(x=p) }}{% endfor %}
            {{ m::pg(pg=paginator) }}{{ paginator.pages | length }}{{ paginator.pages.0.date }}{% endif %}"#;
        assert_eq!(pager(t), fields(&["date", "draft", "title", "url"]));
        assert_eq!(pager("{{ paginator.current_index }}"), fields(&["url"]));
        // The same name elsewhere, for something else, is not the entry.
        let t = r#"{% import "m.html" as m %}{% for p in paginator.pages %}{{ p.slug }}{% endfor %}{{ m::other(p=page) }}"#;
        assert_eq!(pager(t), fields(&["slug", "url"]));
    }

    #[test]
    fn any_use_of_a_whole_pager_entry_keeps_all_of_it() {
        for t in [
            "{% for p in paginator.pages %}{{ p }}{% endfor %}",
            "{{ paginator.pages | json_encode }}",
            "{{ paginator | json_encode }}",
            "{% for p in paginator.pages %}{{ p | length }}{% endfor %}",
            r#"{% for p in paginator.pages %}{{ p["title"] }}{% endfor %}"#,
            r#"{% for k, v in paginator %}{{ k }}{% endfor %}"#,
            r#"{% set x = paginator.pages %}{% for p in x %}{% set q = p %}{{ f(e=q) }}{% endfor %}"#,
            r#"{% for p in paginator.pages %}{% if p == page %}x{% endif %}{% endfor %}"#,
            r#"{% for p in paginator.pages %}{{ "a" ~ p }}{% endfor %}"#,
            r#"{% for p in paginator.pages %}{% if p is containing("title") %}x{% endif %}{% endfor %}"#,
            r#"{% import "m.html" as m %}{{ m::z(v=paginator.pages.1) }}"#,
            "{{ __tera_context }}",
        ] {
            assert_eq!(pager(t), None, "{t}");
        }
    }

    #[test]
    fn any_way_to_reach_the_list_keeps_it() {
        assert!(reads("{% for p in section.pages %}{{ p.url }}{% endfor %}").section_pages);
        assert!(reads("{{ section.pages.0.title }}").section_pages);
        assert!(reads("{% set s = section %}{{ s.pages | length }}").section_pages);
        assert!(reads("{{ section | json_encode }}").section_pages);
        assert!(reads(r#"{{ section["pages"] | length }}"#).section_pages);
        assert!(reads("{% set t = term %}{{ t.pages | length }}").term_pages);
        assert!(reads(r#"{{ "a" ~ term.pages | length }}"#).term_pages);
        assert_eq!(reads("{{ __tera_context }}"), Reads::ALL);
    }
}
