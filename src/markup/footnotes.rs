//! Footnotes with their own id space: notes are `fn:N`, references `fnref:N` (a heading
//! slug never holds `:`, so `## 1` and `[^1]` no longer both give `id="1"`), numbered in
//! the order they are first referred to, each note with a link back to where it is cited,
//! and all notes gathered at the end of the page.

use std::collections::HashMap;

use pulldown_cmark::{CowStr, Event, Tag, TagEnd};

use crate::render::engine::escape_html;

/// Rewrites footnote events in place, one event for one (so offsets into `events` stay
/// valid), and returns the ids it made; notes are moved to the end by `html`.
pub fn rewrite(events: &mut [Event<'_>], back_label: &str) -> Vec<String> {
    let mut number: HashMap<String, usize> = HashMap::new();
    let mut refs: HashMap<usize, usize> = HashMap::new();
    let mut ids = Vec::new();
    let mut next = 1;
    let mut numbered = |name: &str, number: &mut HashMap<String, usize>| {
        *number.entry(name.to_owned()).or_insert_with(|| {
            next += 1;
            next - 1
        })
    };
    for e in events.iter_mut() {
        if let Event::FootnoteReference(name) = e {
            let n = numbered(name, &mut number);
            let k = refs.entry(n).or_insert(0);
            *k += 1;
            let id = ref_id(n, *k);
            *e = Event::InlineHtml(CowStr::from(format!(
                "<sup class=\"footnote-reference\" id=\"{id}\"><a href=\"#fn:{n}\">{n}</a></sup>"
            )));
            ids.push(id);
        }
    }
    let mut open: Option<usize> = None;
    let mut last_para_end: Option<usize> = None;
    for i in 0..events.len() {
        match &events[i] {
            Event::Start(Tag::FootnoteDefinition(name)) => {
                let n = numbered(name, &mut number);
                open = Some(n);
                last_para_end = None;
                ids.push(format!("fn:{n}"));
                events[i] = Event::Html(CowStr::from(format!(
                    "<li class=\"footnote-definition\" id=\"fn:{n}\" value=\"{n}\">\n"
                )));
            }
            Event::End(TagEnd::Paragraph) if open.is_some() => last_para_end = Some(i),
            Event::End(TagEnd::FootnoteDefinition) => {
                let Some(n) = open.take() else { continue };
                let label = escape_html(back_label);
                let back: String = (1..=refs.get(&n).copied().unwrap_or(0))
                    .map(|k| {
                        format!(
                            " <a class=\"footnote-backref\" href=\"#{}\" aria-label=\"{label}\">↩</a>",
                            ref_id(n, k)
                        )
                    })
                    .collect();
                match last_para_end {
                    // Inside the note's last paragraph, as readers expect.
                    Some(p) if p + 1 == i => {
                        events[p] = Event::Html(CowStr::from(format!("{back}</p>\n")));
                        events[i] = Event::Html(CowStr::from("</li>\n"));
                    }
                    _ => events[i] = Event::Html(CowStr::from(format!("{back}</li>\n"))),
                }
            }
            _ => {}
        }
    }
    ids
}

fn ref_id(n: usize, k: usize) -> String {
    if k == 1 {
        format!("fnref:{n}")
    } else {
        format!("fnref:{n}-{k}")
    }
}

/// HTML of `events` with the notes (rewritten by `rewrite`) gathered at the end, in order.
pub fn html(events: &[Event<'_>], out: &mut String) {
    let mut body: Vec<Event> = Vec::with_capacity(events.len());
    let mut notes: Vec<(usize, Vec<Event>)> = Vec::new();
    let mut current: Option<(usize, Vec<Event>)> = None;
    for e in events {
        if let Event::Html(h) = e {
            if let Some(n) = h.strip_prefix("<li class=\"footnote-definition\"").and_then(number_of) {
                current = Some((n, vec![e.clone()]));
                continue;
            }
            if h.ends_with("</li>\n") && current.is_some() {
                if let Some((n, mut evs)) = current.take() {
                    evs.push(e.clone());
                    notes.push((n, evs));
                }
                continue;
            }
        }
        match &mut current {
            Some((_, evs)) => evs.push(e.clone()),
            None => body.push(e.clone()),
        }
    }
    pulldown_cmark::html::push_html(out, body.into_iter());
    if notes.is_empty() {
        return;
    }
    notes.sort_by_key(|(n, _)| *n);
    out.push_str("<section class=\"footnotes\" role=\"doc-endnotes\">\n<ol>\n");
    for (_, evs) in notes {
        pulldown_cmark::html::push_html(out, evs.into_iter());
    }
    out.push_str("</ol>\n</section>\n");
}

fn number_of(rest: &str) -> Option<usize> {
    rest.split("value=\"").nth(1)?.split('"').next()?.parse().ok()
}
