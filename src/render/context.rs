//! Template context: the data each template sees, built once per site and per page.
//! docs/templates.md documents every field.

use serde_json::{json, Map, Value};

use super::Model;
use crate::document::{Doc, Documents};
use crate::markdown::Html;
use crate::resolve::{pager_url, Section, Site};

/// Context pieces shared by every render, serialised once.
pub struct Shared {
    pub config: Value,
    pub site: Value,
    /// `site` with `recent_pages` filled in, for the home page.
    pub site_home: Value,
    /// List item of each page (no content), reused in every list.
    pub items: std::sync::Arc<Vec<Value>>,
    /// Site-absolute URL → (title) for breadcrumbs.
    pub home_title: String,
    /// The menu (`nav_sections`, see `nav`) of each other language (its home section's
    /// subsections), with `current` still null.
    pub language_nav: std::collections::HashMap<String, Value>,
    /// The menu of the default language (`site.sections`), likewise.
    pub nav: Value,
    /// The pages of `site_home.recent_pages`, in order (`refresh_item` keeps them current).
    recent: Vec<usize>,
}

/// How many pages a subsection shows on its parent's page.
const SUBSECTION_PREVIEW: usize = 5;
/// How many pages `site.recent_pages` holds.
const RECENT: usize = 10;

impl Shared {
    pub fn new(model: &Model, build_date: &str) -> Shared {
        use rayon::prelude::*;
        let items: Vec<Value> = (0..model.site.pages.len())
            .into_par_iter()
            .map(|i| page_item(model, i, &model.md.pages[i]))
            .collect();
        Shared::with_items(model, build_date, items)
    }

    /// After page `at` came (`added`) or went, the other pages' list items unchanged
    /// (`serve`): the items shifted, and the parts counting or listing pages made again.
    pub fn page_came_or_went(&mut self, model: &Model, build_date: &str, at: usize, added: bool) {
        let arc = std::mem::take(&mut self.items);
        let mut items = std::sync::Arc::try_unwrap(arc).unwrap_or_else(|a| (*a).clone());
        if added {
            items.insert(at, page_item(model, at, &model.md.pages[at]));
        } else {
            items.remove(at);
        }
        *self = Shared::with_items(model, build_date, items);
    }

    fn with_items(model: &Model, build_date: &str, items: Vec<Value>) -> Shared {
        let site = model.site;
        let c = &site.config;
        let sections: Vec<Value> = site.sections[0]
            .subsections
            .iter()
            .map(|&s| json!({ "title": site.sections[s].title, "url": site.sections[s].url, "weight": site.sections[s].weight }))
            .collect();
        let taxonomies: Vec<Value> = site
            .taxonomies
            .iter()
            .map(|t| json!({ "name": t.config.name, "title": t.config.title, "url": t.url }))
            .collect();
        let mut dated: Vec<usize> =
            (0..site.pages.len()).filter(|&i| site.pages[i].parsed.front.date.is_some()).collect();
        dated.sort_by(|&a, &b| site.pages[b].parsed.front.date.cmp(&site.pages[a].parsed.front.date));
        dated.truncate(RECENT);
        let recent: Vec<Value> = dated.iter().map(|&i| items[i].clone()).collect();
        let home_title = if c.language.starts_with("vi") { "Trang chủ" } else { "Home" };
        let mut shared = Shared {
            config: serde_json::to_value(c).unwrap_or(Value::Null),
            site: json!({
                "title": c.title,
                "description": c.description,
                "organisation": c.organisation,
                "author": c.author,
                "language": c.language,
                "base_url": c.base_url,
                "build_date": build_date,
                "sections": sections,
                "taxonomies": taxonomies,
                "recent_pages": [],
                "page_count": site.pages.len(),
            }),
            site_home: Value::Null,
            items: std::sync::Arc::new(items),
            home_title: home_title.to_owned(),
            language_nav: c
                .languages
                .keys()
                .filter_map(|code| {
                    let home = site.sections.iter().position(|s| s.dir == *code)?;
                    let subs: Vec<Value> = site.sections[home]
                        .subsections
                        .iter()
                        .map(|&s| json!({ "title": site.sections[s].title, "url": site.sections[s].url, "weight": site.sections[s].weight }))
                        .collect();
                    Some((code.clone(), nav_base(&Value::Array(subs), &c.languages)))
                })
                .collect(),
            nav: Value::Null,
            recent: dated,
        };
        // Recent pages are for the home page: copying them into every page costs more
        // than rendering some pages.
        shared.nav = nav_base(&shared.site["sections"], &c.languages);
        shared.site_home = shared.site.clone();
        if let Value::Object(m) = &mut shared.site_home {
            m.insert("recent_pages".into(), Value::Array(recent));
        }
        shared
    }

    /// Rebuilds page `i`'s list item after its Markdown changed.
    pub fn refresh_item(&mut self, model: &Model, i: usize) {
        let item = page_item(model, i, &model.md.pages[i]);
        // The home page's recent pages hold copies of the items: refresh its copy too.
        if let Some(at) = self.recent.iter().position(|&p| p == i) {
            if let Some(Value::Array(list)) = self.site_home.get_mut("recent_pages") {
                if let Some(slot) = list.get_mut(at) {
                    *slot = item.clone();
                }
            }
        }
        std::sync::Arc::make_mut(&mut self.items)[i] = item;
    }

    /// The list items of `pages`, in order.
    pub fn list(&self, pages: &[usize]) -> Value {
        Value::Array(pages.iter().map(|&p| self.items[p].clone()).collect())
    }

    /// Breadcrumbs from the home page down to section `s` (inclusive).
    pub fn crumbs(&self, site: &Site, mut s: Option<usize>) -> Value {
        let mut chain = Vec::new();
        while let Some(i) = s {
            let sec = &site.sections[i];
            let title = if i == 0 { self.home_title.clone() } else { sec.title.clone() };
            chain.push(json!({ "title": title, "url": sec.url }));
            // A translation's crumbs start at its language's home page.
            if site.config.languages.contains_key(&sec.dir) {
                break;
            }
            s = sec.parent;
        }
        chain.reverse();
        Value::Array(chain)
    }
}

fn date_value(d: Option<chrono::NaiveDate>) -> Value {
    d.map_or(Value::Null, |d| Value::String(d.format("%Y-%m-%d").to_string()))
}

/// A page as it appears in lists: everything but its content and table of contents.
fn page_item(model: &Model, i: usize, html: &Html) -> Value {
    let (site, docs) = (model.site, model.docs);
    let p = &site.pages[i];
    let f = &p.parsed.front;
    let sec = &site.sections[p.section];
    let summary = super::summary_html(f, html).map_or(Value::Null, Value::String);
    let mut taxonomies = Map::new();
    for &(ti, term) in &p.terms {
        let t = &site.taxonomies[ti];
        let term = &t.terms[term];
        let entry = taxonomies.entry(t.config.name.clone()).or_insert_with(|| Value::Array(Vec::new()));
        if let Value::Array(list) = entry {
            list.push(object([
                ("name", term.name.clone().into()),
                ("slug", term.slug.clone().into()),
                ("url", term.url.clone().into()),
            ]));
        }
    }
    let tags = taxonomies.get("tags").cloned().unwrap_or_else(|| Value::Array(Vec::new()));
    // Built from moved values: `json!` would serialise (deep-copy) each one, 10,000 times.
    object([
        ("title", p.title.clone().into()),
        ("description", f.description.clone().into()),
        ("url", p.url.clone().into()),
        ("permalink", site.config.permalink(&p.url).into()),
        ("path", p.parsed.source.rel.clone().into()),
        ("slug", p.slug.clone().into()),
        ("date", date_value(f.date)),
        ("updated", date_value(f.updated)),
        ("draft", f.draft.into()),
        ("summary", summary),
        ("word_count", html.word_count.into()),
        ("reading_minutes", html.word_count.div_ceil(200).max(1).into()),
        ("tags", tags),
        ("taxonomies", Value::Object(taxonomies)),
        ("section", object([("title", sec.title.clone().into()), ("url", sec.url.clone().into())])),
        ("weight", f.weight.into()),
        ("extra", f.extra.clone()),
        ("document", docs.of_page.get(&i).map_or(Value::Null, |&d| doc_lite(site, &docs.docs[d]))),
        ("bulletin", model.bulletins.of_page.get(&i).map_or(Value::Null, |&b| bulletin_lite(model, b))),
    ])
}

/// A bulletin's settings and reading time, as lists and the schedule show them.
fn bulletin_lite(model: &Model, b: usize) -> Value {
    let bulletin = &model.bulletins.list[b];
    let page = &model.site.pages[bulletin.page];
    json!({
        "air_date": bulletin.air_date.format("%Y-%m-%d").to_string(),
        "slot": bulletin.slot,
        "target_minutes": bulletin.target_minutes,
        "announcer": bulletin.announcer,
        "syllables": bulletin.syllables,
        "seconds": bulletin.seconds,
        "reading_time": crate::bulletin::duration_text(bulletin.seconds),
        "over_target": bulletin.target_minutes.is_some_and(|t| bulletin.seconds as f64 > t * 60.0),
        "pace": model.bulletins.pace,
        "print_url": crate::bulletin::print_url(page),
        "script_url": crate::bulletin::script_url(page),
        "audio": bulletin.audio.as_ref().map_or(Value::Null, crate::audio::report::context),
        "title": page.title,
        "url": page.url,
    })
}

/// The schedule page's `schedule`: days in air order, each with its bulletins by slot.
pub fn schedule(model: &Model) -> Value {
    let list = &model.bulletins.list;
    let mut order: Vec<usize> = (0..list.len()).collect();
    order.sort_by(|&a, &b| {
        let (x, y) = (&list[a], &list[b]);
        (x.air_date, crate::bulletin::slot_rank(&x.slot), &x.slot).cmp(&(
            y.air_date,
            crate::bulletin::slot_rank(&y.slot),
            &y.slot,
        ))
    });
    let mut days: Vec<Value> = Vec::new();
    let mut current: Option<(chrono::NaiveDate, Vec<Value>, u64)> = None;
    for b in order {
        let date = list[b].air_date;
        if current.as_ref().is_some_and(|(d, _, _)| *d != date) {
            if let Some((d, items, secs)) = current.take() {
                days.push(day_value(d, items, secs));
            }
        }
        let entry = current.get_or_insert_with(|| (date, Vec::new(), 0));
        entry.1.push(bulletin_lite(model, b));
        entry.2 += list[b].seconds;
    }
    if let Some((d, items, secs)) = current {
        days.push(day_value(d, items, secs));
    }
    let total: u64 = list.iter().map(|b| b.seconds).sum();
    json!({
        "days": days,
        "count": list.len(),
        "total_seconds": total,
        "total_time": crate::bulletin::duration_text(total),
        "pace": model.bulletins.pace,
    })
}

fn day_value(date: chrono::NaiveDate, bulletins: Vec<Value>, seconds: u64) -> Value {
    json!({
        "date": date.format("%Y-%m-%d").to_string(),
        "weekday": crate::date::weekday(date),
        "week": crate::bulletin::week_id(date),
        "bulletins": bulletins,
        "total_time": crate::bulletin::duration_text(seconds),
    })
}

/// The `page` object of a page's own render: its list item plus content, toc, prev/next.
pub fn page(model: &Model, shared: &Shared, i: usize, html: &Html) -> Value {
    let (site, docs) = (model.site, model.docs);
    let p = &site.pages[i];
    let mut v = shared.items[i].clone();
    let link = |j: Option<usize>| {
        j.map_or(Value::Null, |j| json!({ "title": site.pages[j].title, "url": site.pages[j].url }))
    };
    if let Value::Object(m) = &mut v {
        m.insert("content".into(), Value::String(model.md.content(i)));
        m.insert("toc".into(), serde_json::to_value(&html.toc).unwrap_or(Value::Null));
        m.insert("prev".into(), link(p.prev));
        m.insert("next".into(), link(p.next));
        if let Some(&d) = docs.of_page.get(&i) {
            m.insert("document".into(), doc_full(site, shared, docs, d));
        }
        if let Some(&b) = model.bulletins.of_page.get(&i) {
            let mut full = bulletin_lite(model, b);
            let bulletin = &model.bulletins.list[b];
            let script: Vec<Value> = bulletin
                .script
                .iter()
                .enumerate()
                .map(|(n, block)| json!({ "number": n + 1, "kind": block.kind, "text": block.text }))
                .collect();
            if let Value::Object(f) = &mut full {
                f.insert("script".into(), Value::Array(script));
                f.insert("script_text".into(), Value::String(crate::bulletin::script_text(bulletin)));
            }
            m.insert("bulletin".into(), full);
        }
    }
    v
}

/// A document's metadata as lists show it.
fn doc_lite(site: &Site, d: &Doc) -> Value {
    let page = &site.pages[d.page];
    json!({
        "number": d.number.printed,
        "key": d.number.key,
        "family": d.number.family,
        "kind": d.kind.slug,
        "kind_name": d.kind.name,
        "issuer": d.issuer,
        "issued": d.issued.format("%Y-%m-%d").to_string(),
        "signer": d.signer,
        "subject": d.subject,
        "title": page.title,
        "url": page.url,
    })
}

/// A document's metadata on its own page: with what it cites and who cites it.
fn doc_full(site: &Site, shared: &Shared, docs: &Documents, d: usize) -> Value {
    let doc = &docs.docs[d];
    let mut v = doc_lite(site, doc);
    let cites: Vec<Value> = doc.cites.iter().map(|&c| doc_lite(site, &docs.docs[c])).collect();
    let unknown: Vec<Value> = doc
        .declared
        .iter()
        .filter(|(n, _)| docs.lookup(n).is_none())
        .map(|(n, _)| json!({ "number": crate::document::number::tidy(n) }))
        .collect();
    let cited_by: Vec<Value> = doc.cited_by.iter().map(|&p| shared.items[p].clone()).collect();
    if let Value::Object(m) = &mut v {
        m.insert("cites".into(), Value::Array(cites));
        m.insert("cites_elsewhere".into(), Value::Array(unknown));
        m.insert("cited_by".into(), Value::Array(cited_by));
    }
    v
}

/// The timeline page's `documents`: oldest first, and grouped by year.
pub fn timeline(site: &Site, docs: &Documents) -> Value {
    let mut order: Vec<&Doc> = docs.docs.iter().collect();
    order.sort_by(|a, b| a.issued.cmp(&b.issued).then_with(|| a.number.key.cmp(&b.number.key)));
    let mut years: Vec<Value> = Vec::new();
    let mut current: Option<(i32, Vec<Value>)> = None;
    for d in &order {
        let year = chrono::Datelike::year(&d.issued);
        match &mut current {
            Some((y, list)) if *y == year => list.push(doc_lite(site, d)),
            _ => {
                if let Some((y, list)) = current.take() {
                    years.push(json!({ "year": y, "documents": list }));
                }
                current = Some((year, vec![doc_lite(site, d)]));
            }
        }
    }
    if let Some((y, list)) = current {
        years.push(json!({ "year": y, "documents": list }));
    }
    let all: Vec<Value> = order.iter().map(|d| doc_lite(site, d)).collect();
    json!({ "all": all, "years": years })
}

/// The citation graph: trees from the documents that cite nothing known, each node's
/// children being the documents that cite (implement) it; plus the flat edge list.
pub fn graph(site: &Site, docs: &Documents) -> Value {
    let mut implemented_by: Vec<Vec<usize>> = vec![Vec::new(); docs.docs.len()];
    let mut edges = Vec::new();
    for (i, d) in docs.docs.iter().enumerate() {
        for &c in &d.cites {
            implemented_by[c].push(i);
            edges.push(json!({ "from": doc_lite(site, d), "to": doc_lite(site, &docs.docs[c]) }));
        }
    }
    for list in &mut implemented_by {
        list.sort_by_key(|&i| docs.docs[i].issued);
    }
    let mut roots: Vec<usize> = (0..docs.docs.len()).filter(|&i| docs.docs[i].cites.is_empty()).collect();
    if roots.is_empty() {
        roots = (0..docs.docs.len()).collect();
    }
    roots.sort_by_key(|&i| docs.docs[i].issued);
    fn node(site: &Site, docs: &Documents, by: &[Vec<usize>], i: usize, path: &mut Vec<usize>) -> Value {
        path.push(i);
        // A cycle (two documents citing each other) stops at the repeat.
        let next: Vec<usize> = by[i].iter().copied().filter(|c| !path.contains(c)).collect();
        let children: Vec<Value> = next.into_iter().map(|c| node(site, docs, by, c, path)).collect();
        path.pop();
        json!({ "document": doc_lite(site, &docs.docs[i]), "children": children })
    }
    let trees: Vec<Value> =
        roots.iter().map(|&r| node(site, docs, &implemented_by, r, &mut Vec::new())).collect();
    json!({ "trees": trees, "edges": edges, "layers": layers(site, docs, &implemented_by) })
}

/// Every document once, in layers: layer 1 cites no document of the site, layer n + 1
/// cites one of layer n (the longest chain decides, so a document sits below all it cites).
fn layers(site: &Site, docs: &Documents, implemented_by: &[Vec<usize>]) -> Value {
    let n = docs.docs.len();
    let mut level = vec![0usize; n];
    // At most n rounds: a cycle stops growing there instead of looping.
    for _ in 0..n {
        let mut changed = false;
        for (i, d) in docs.docs.iter().enumerate() {
            let want = d.cites.iter().map(|&c| level[c] + 1).max().unwrap_or(0).min(n);
            if want > level[i] {
                level[i] = want;
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by_key(|&i| (level[i], docs.docs[i].issued, docs.docs[i].number.key.clone()));
    let mut out: Vec<Value> = Vec::new();
    for i in order {
        let d = &docs.docs[i];
        let mut node = doc_lite(site, d);
        let list =
            |ids: &[usize]| -> Vec<Value> { ids.iter().map(|&c| doc_lite(site, &docs.docs[c])).collect() };
        node["cites"] = Value::Array(list(&d.cites));
        node["cited_by"] = Value::Array(list(&implemented_by[i]));
        node["anchor"] = Value::String(format!("vb-{}", crate::slug::slugify(&d.number.key)));
        match out.last_mut() {
            Some(layer) if layer["level"] == level[i] + 1 => {
                if let Some(docs) = layer["documents"].as_array_mut() {
                    docs.push(node);
                }
            }
            _ => out.push(json!({ "level": level[i] + 1, "documents": [node] })),
        }
    }
    Value::Array(out)
}

/// The `section` object for list page `n` of section `s`.
pub fn section(site: &Site, shared: &Shared, s: usize, html: &Html, with_pages: bool) -> Value {
    let sec: &Section = &site.sections[s];
    let f = sec.parsed.as_ref().map(|p| &p.front);
    let subsections: Vec<Value> = sec
        .subsections
        .iter()
        .map(|&c| {
            let sub = &site.sections[c];
            let preview = shared.list(&sub.pages[..sub.pages.len().min(SUBSECTION_PREVIEW)]);
            object([
                ("title", sub.title.clone().into()),
                ("url", sub.url.clone().into()),
                (
                    "summary",
                    sub.parsed
                        .as_ref()
                        .and_then(|p| p.front.description.clone().or(p.front.summary.clone()))
                        .into(),
                ),
                ("page_count", sub.pages.len().into()),
                ("pages", preview),
            ])
        })
        .collect();
    let pages = if with_pages { shared.list(&sec.pages) } else { Value::Array(Vec::new()) };
    object([
        ("title", sec.title.clone().into()),
        ("url", sec.url.clone().into()),
        ("permalink", site.config.permalink(&sec.url).into()),
        ("path", sec.parsed.as_ref().map(|p| p.source.rel.clone()).into()),
        ("description", f.and_then(|f| f.description.clone()).into()),
        ("content", html.content.clone().into()),
        ("summary", html.summary.clone().into()),
        ("pages", pages),
        ("page_count", sec.pages.len().into()),
        ("subsections", Value::Array(subsections)),
        ("extra", f.map_or(Value::Object(Map::new()), |f| f.extra.clone())),
    ])
}

/// The menu's sections, once per build: each with `current` (null, see `nav`) and
/// `language` (the home section of another language).
fn nav_base(
    sections: &Value,
    languages: &std::collections::BTreeMap<String, crate::languages::Language>,
) -> Value {
    let Value::Array(list) = sections else { return sections.clone() };
    let entry = |s: &Value| {
        let mut s = s.clone();
        if let Value::Object(m) = &mut s {
            let url = m.get("url").and_then(Value::as_str).unwrap_or_default();
            let language = languages.contains_key(url.trim_start_matches('/').trim_end_matches('/'));
            m.insert("current".into(), Value::Null);
            m.insert("language".into(), language.into());
        }
        s
    };
    Value::Array(list.iter().map(entry).collect())
}

/// The menu's sections (`nav_base`) for the file at `current`: `current` is "page" for
/// the section itself, "true" for a file under it, else null, so templates need not
/// work these out per entry.
pub fn nav(base: &Value, current: &str) -> Value {
    nav_again(base.clone(), current)
}

/// `nav` from the menu of another file of the same language (`list`), in place: a
/// worker reuses its last file's menu instead of copying the base again.
pub fn nav_again(mut list: Value, current: &str) -> Value {
    for s in list.as_array_mut().into_iter().flatten() {
        let Value::Object(m) = s else { continue };
        let url = m.get("url").and_then(Value::as_str).unwrap_or_default();
        let here = if current == url {
            Value::from("page")
        } else if current.starts_with(url) {
            Value::from("true")
        } else {
            Value::Null
        };
        if let Some(slot) = m.get_mut("current") {
            *slot = here;
        } else {
            m.insert("current".into(), here);
        }
    }
    list
}

/// The `paginator` for list page `n` (1-based) of a list of `pages` at `base`; its
/// entries hold only `fields` when no template can read more (`reads::Reads`).
pub fn paginator(
    shared: &Shared,
    fields: Option<&[String]>,
    base: &str,
    pages: &[usize],
    per: usize,
    n: usize,
) -> Value {
    let total = crate::resolve::pager_count(pages.len(), per);
    let range = crate::resolve::pager_range(pages.len(), per, n);
    let list = match fields {
        None => shared.list(&pages[range]),
        Some(fields) => Value::Array(pages[range].iter().map(|&p| only(&shared.items[p], fields)).collect()),
    };
    object([
        ("pages", list),
        ("current_index", n.into()),
        ("number_pagers", total.into()),
        ("first", pager_url(base, 1).into()),
        ("last", pager_url(base, total).into()),
        ("previous", if n > 1 { Value::String(pager_url(base, n - 1)) } else { Value::Null }),
        ("next", if n < total { Value::String(pager_url(base, n + 1)) } else { Value::Null }),
        ("total_pages", pages.len().into()),
    ])
}

/// The `fields` of object `v`, in its order.
fn only(v: &Value, fields: &[String]) -> Value {
    let Value::Object(m) = v else { return v.clone() };
    let mut out = Map::with_capacity(fields.len());
    // One field (the default theme reads only `url`): a lookup, not a walk of every key.
    if let [f] = fields {
        if let Some(x) = m.get(f) {
            out.insert(f.clone(), x.clone());
        }
        return Value::Object(out);
    }
    for (k, x) in m {
        if fields.iter().any(|f| f == k) {
            out.insert(k.clone(), x.clone());
        }
    }
    Value::Object(out)
}

/// A JSON object from fields moved in (`json!` would serialise, i.e. deep-copy, each value).
pub fn object<const N: usize>(fields: [(&str, Value); N]) -> Value {
    let mut m = Map::with_capacity(N);
    for (k, v) in fields {
        m.insert(k.to_owned(), v);
    }
    Value::Object(m)
}
