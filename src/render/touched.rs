//! Which outputs a change touches: a fingerprint of everything each rendered file shows,
//! so `serve` re-renders only the files whose inputs changed after an edit that moves
//! things around (a title, a date, tags, a new or deleted page).
//!
//! The fingerprint of a job covers its template, the site-wide context (config, `site`,
//! every section's title and place for breadcrumbs), its feeds, and what `context_for`
//! reads for that kind of job: list items by their hash, a page's own HTML, its
//! neighbours, its document's citations. Templates that can read any page
//! (`get_page`, `get_section`) are not covered: `serve` renders everything for them.

use std::collections::HashMap;
use std::hash::{Hash, Hasher};

use rayon::prelude::*;
use rustc_hash::FxHasher;
use serde_json::Value;

use super::{context, feeds, template_of, Job, Model, Shared};

/// Output path → fingerprint of what the file shows.
pub(crate) type Prints = HashMap<String, u64>;

/// Does a theme show `site.page_count` (which every page added changes)?
pub(crate) fn shows_page_count(theme: &crate::theme::Theme) -> bool {
    theme.templates.values().any(|t| t.text.contains("site.page_count") || t.text.contains("site["))
}

/// The fingerprint of every job, by output path; `page_count` as `shows_page_count`.
pub(crate) fn prints(model: &Model, shared: &Shared, jobs: &[Job], page_count: bool) -> Prints {
    let site = model.site;
    let items: Vec<u64> = shared.items.par_iter().map(value_hash).collect();
    let mut g = FxHasher::default();
    hash_value(&shared.config, &mut g);
    match &shared.site {
        Value::Object(m) if !page_count => {
            for (k, v) in m.iter().filter(|(k, _)| *k != "page_count") {
                k.hash(&mut g);
                hash_value(v, &mut g);
            }
        }
        v => hash_value(v, &mut g),
    }
    shared.home_title.hash(&mut g);
    for s in &site.sections {
        (&s.title, &s.url, s.parent, &s.dir).hash(&mut g);
    }
    for t in &site.taxonomies {
        (&t.config.name, &t.config.title, &t.url).hash(&mut g);
    }
    let global = g.finish();
    let mut h = FxHasher::default();
    global.hash(&mut h);
    hash_value(&shared.site_home, &mut h);
    let home = h.finish();
    // Feed links depend on the section or term only: hashed once for each.
    let feeds_of = |section: Option<usize>, term: Option<(usize, usize)>| {
        let mut h = FxHasher::default();
        for v in feeds::alternates(site, section, term) {
            hash_value(&v, &mut h);
        }
        h.finish()
    };
    let section_feeds: Vec<u64> = (0..site.sections.len()).map(|s| feeds_of(Some(s), None)).collect();
    let other_feeds = feeds_of(None, None);
    jobs.par_iter()
        .map(|job| {
            let mut h = FxHasher::default();
            template_of(site, job).hash(&mut h);
            (if matches!(job, Job::Section(0, _)) { home } else { global }).hash(&mut h);
            match *job {
                Job::Page(i) => section_feeds[site.pages[i].section].hash(&mut h),
                Job::Section(s, _) => section_feeds[s].hash(&mut h),
                Job::Term(t, k, _) => feeds_of(None, Some((t, k))).hash(&mut h),
                _ => other_feeds.hash(&mut h),
            }
            job_inputs(model, shared, &items, job, &mut h);
            (super::job_path(model, job), h.finish())
        })
        .collect()
}

/// Hashes what `context_for` reads for `job`, beyond the site-wide parts.
fn job_inputs(model: &Model, shared: &Shared, items: &[u64], job: &Job, h: &mut FxHasher) {
    let (site, md, docs) = (model.site, model.md, model.docs);
    let list = |pages: &[usize], h: &mut FxHasher| {
        pages.len().hash(h);
        for &p in pages {
            items[p].hash(h);
        }
    };
    // A bulletin's page shows its script and reading time: hash the whole context.
    let bulletin = match *job {
        Job::Page(i) if model.bulletins.of_page.contains_key(&i) => Some(i),
        Job::BulletinPrint(b) => Some(model.bulletins.list[b].page),
        _ => None,
    };
    if let Some(i) = bulletin {
        hash_value(&context::page(model, shared, i, &md.pages[i]), h);
        return;
    }
    match *job {
        Job::Page(i) => {
            let p = &site.pages[i];
            items[i].hash(h);
            md.pages[i].digest().hash(h);
            for n in [p.prev, p.next] {
                n.map(|j| (&site.pages[j].title, &site.pages[j].url)).hash(h);
            }
            if let Some(&d) = docs.of_page.get(&i) {
                let doc = &docs.docs[d];
                for &c in &doc.cites {
                    items[docs.docs[c].page].hash(h);
                }
                list(&doc.cited_by, h);
                for (n, _) in &doc.declared {
                    (n, docs.lookup(n).is_none()).hash(h);
                }
            }
        }
        Job::BulletinPrint(_) => {}
        Job::Section(s, n) => {
            let sec = &site.sections[s];
            n.hash(h);
            sec.paginate_by.hash(h);
            sec.parsed
                .as_ref()
                .map(|p| (&p.source.rel, &p.front.description, p.front.extra.to_string()))
                .hash(h);
            md.sections[s].digest().hash(h);
            // One list page shows all; several show their range and the counts.
            let range = crate::resolve::pager_range(sec.pages.len(), sec.paginate_by, n);
            sec.pages.len().hash(h);
            list(if sec.pager_count() == 1 { &sec.pages } else { &sec.pages[range] }, h);
            for &c in &sec.subsections {
                let sub = &site.sections[c];
                (&sub.title, &sub.url).hash(h);
                sub.parsed.as_ref().map(|p| (&p.front.description, &p.front.summary)).hash(h);
                sub.pages.len().hash(h);
                list(&sub.pages[..sub.pages.len().min(5)], h);
            }
        }
        Job::TaxonomyList(t) => {
            for term in &site.taxonomies[t].terms {
                (&term.name, &term.slug, &term.url, term.pages.len()).hash(h);
            }
        }
        Job::Term(t, k, n) => {
            let term = &site.taxonomies[t].terms[k];
            (&term.name, &term.slug, &term.url, n, site.config.paginate_by).hash(h);
            let per = site.config.paginate_by;
            let single = crate::resolve::pager_count(term.pages.len(), per) == 1;
            term.pages.len().hash(h);
            list(
                if single {
                    &term.pages
                } else {
                    &term.pages[crate::resolve::pager_range(term.pages.len(), per, n)]
                },
                h,
            );
        }
        Job::Timeline | Job::Graph => {
            for d in &docs.docs {
                items[d.page].hash(h);
                d.cites.iter().map(|&c| items[docs.docs[c].page]).collect::<Vec<_>>().hash(h);
            }
        }
        Job::Schedule | Job::SchedulePrint => {
            hash_value(&context::schedule(model), h);
            for b in &model.bulletins.list {
                hash_value(&context::page(model, shared, b.page, &md.pages[b.page]), h);
            }
        }
        Job::NotFound | Job::Search(_) => {}
    }
}

fn value_hash(v: &Value) -> u64 {
    let mut h = FxHasher::default();
    hash_value(v, &mut h);
    h.finish()
}

/// Hashes a JSON value without serialising it.
fn hash_value(v: &Value, h: &mut FxHasher) {
    match v {
        Value::Null => 0u8.hash(h),
        Value::Bool(b) => (1u8, b).hash(h),
        Value::Number(n) => (2u8, n.as_f64().map(f64::to_bits), n.as_i64()).hash(h),
        Value::String(s) => (3u8, s).hash(h),
        Value::Array(a) => {
            (4u8, a.len()).hash(h);
            for x in a {
                hash_value(x, h);
            }
        }
        Value::Object(m) => {
            (5u8, m.len()).hash(h);
            for (k, x) in m {
                k.hash(h);
                hash_value(x, h);
            }
        }
    }
}
