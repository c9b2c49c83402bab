//! Which of the big, duplicated lists the template set can read at all.
//!
//! `section.pages` and `term.pages` repeat `paginator.pages` on a single pager, and
//! copying page items costs a fifth of a like-for-like build (#15). A list is left empty
//! only when no template names it: every variable path of every template (includes and
//! macros too) is looked at, and any use of `section` or `term` other than `.field`
//! (passed whole to a macro, `set`, a filter, `section[...]`) keeps the list, as does
//! `__tera_context`.

use tera::Tera;

/// What the templates read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Reads {
    pub section_pages: bool,
    pub term_pages: bool,
}

impl Reads {
    /// Everything, for callers that do not know the templates.
    pub(crate) const ALL: Reads = Reads { section_pages: true, term_pages: true };

    pub(crate) fn of(tera: &Tera) -> Reads {
        let mut reads = Reads { section_pages: false, term_pages: false };
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
            if reads == Reads::ALL {
                break;
            }
        }
        reads
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
        let none = Reads { section_pages: false, term_pages: false };
        assert_eq!(reads("{{ section.title }}{% for p in paginator.pages %}{{ p.url }}{% endfor %}"), none);
        assert_eq!(reads("{% for s in section.subsections %}{{ s.pages | length }}{% endfor %}"), none);
        assert_eq!(reads(r#"{{ term.name }}{% include "x.html" ignore missing %}"#), none);
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
