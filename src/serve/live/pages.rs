//! One page that came (a new Markdown file) or went (a deleted one): it is put into or
//! taken out of the site in place, the page indices after it shift by one, and only
//! what can show it is rendered again: the page, its neighbours, its section's list
//! pages (their counts change), the parent section's (it previews its subsections) and
//! the home page (recent pages); the sitemap and feeds are made again (the new page and
//! the pages browsers show before the reload, the rest after it). Anything this
//! does not prove it handles (terms, a document or bulletin, citations, a section that
//! comes or goes, a bundle, translations, templates reading any page or the page count,
//! a link that may point at a URL that comes or goes) goes to `restructure`.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use super::{add_code_outputs, fail_on_errors, forget_gone, render_files, Changed, State};
use crate::error::{Diagnostic, Severity};
use crate::render::{self, Job};
use crate::resolve::{pager_count, pager_url, Page};
use crate::{load, parse, Prepared};

/// Each page of a section by source path → its neighbours' source paths.
type Neighbours = HashMap<String, (Option<String>, Option<String>)>;

impl State {
    /// `None` when `rel` neither came nor went, or not in a way this handles.
    pub(super) fn came_or_went(
        &mut self,
        rel: &str,
        root: &Path,
        build_date: &str,
        open: &HashSet<String>,
    ) -> Option<Result<Changed, Vec<Diagnostic>>> {
        let p = &self.prepared;
        // Translations list each other, `get_page`/`get_section` any page, and
        // `site.page_count` changes everywhere: not in `shown_in`.
        if !p.site.config.languages.is_empty()
            || crate::data::reads_pages(&p.source.theme)
            || render::touched::shows_page_count(&p.source.theme)
        {
            return None;
        }
        // Section indexes and bundles (with their files) change more than one page.
        let name = rel.rsplit('/').next().unwrap_or(rel);
        if name == "_index.md" || name == "index.md" || p.site.targets.drafts.contains(rel) {
            return None;
        }
        let on_disk = root.join("content").join(rel).is_file();
        let (at, added) = match (self.page_of.get(rel), on_disk) {
            (Some(&d), false) => (self.removable(d)?, false),
            (None, true) => match self.insertable(rel, root) {
                Ok(Some(at)) => (at, true),
                Ok(None) => return None,
                Err(e) => return Some(Err(e)),
            },
            _ => return None,
        };
        let p = &mut self.prepared;
        let s = if added { p.site.pages.last()?.section } else { p.site.pages[at].section };
        let before = neighbours(p, s);
        let count_before = p.site.sections[s].pager_count();
        let sec_url = p.site.sections[s].url.clone();
        if added {
            let shift = |q: usize| if q >= at { q + 1 } else { q };
            // `insertable` put the page at the end: move it to its place first.
            let (page, html) = match (p.site.pages.pop(), p.md.pages.pop()) {
                (Some(page), Some(html)) => (page, html),
                _ => return None,
            };
            remap(p, &shift);
            p.site.pages.insert(at, page);
            p.md.pages.insert(at, html);
            p.site.sections[s].pages.push(at);
            let pg = &p.site.pages[at];
            p.site.targets.by_source.insert(rel.to_owned(), pg.url.clone());
            p.site.targets.urls.insert(pg.url.clone());
        } else {
            let page = p.site.pages.remove(at);
            p.md.pages.remove(at);
            p.site.sections[s].pages.retain(|&q| q != at);
            remap(p, &|q: usize| if q > at { q - 1 } else { q });
            p.site.targets.by_source.remove(rel);
            p.site.targets.urls.remove(&page.url);
        }
        let site = &mut p.site;
        crate::resolve::order_section(&mut site.sections[s], &mut site.pages);
        let count_after = site.sections[s].pager_count();
        for n in count_before.min(count_after) + 1..=count_before.max(count_after) {
            if added {
                site.targets.urls.insert(pager_url(&sec_url, n));
            } else {
                site.targets.urls.remove(&pager_url(&sec_url, n));
            }
        }
        for v in self.page_of.values_mut() {
            if added && *v >= at {
                *v += 1;
            } else if !added && *v > at {
                *v -= 1;
            }
        }
        if added {
            self.page_of.insert(rel.to_owned(), at);
        } else {
            self.page_of.remove(rel);
        }

        let after = neighbours(p, s);
        let moved: HashSet<String> =
            after.into_iter().filter(|(r, n)| before.get(r) != Some(n)).map(|(r, _)| r).collect();
        let model = super::model(&self.prepared);
        self.shared.page_came_or_went(&model, build_date, at, added);
        let Some(tera) = self.prepared.tera.as_ref() else { return Some(Err(Vec::new())) };
        // The new page (unless its template is missing: `plan` says so after the reload)
        // and the pages browsers show now; the rest after the reload (`finish`).
        let new_page = added.then_some(Job::Page(at)).filter(|_| {
            let front = &model.site.pages[at].parsed.front;
            let template = front.template.as_deref().unwrap_or("page.html");
            render::engine::missing(tera, std::iter::once(template)).is_empty()
        });
        let (first, first_files) = match self.render_first(open, new_page) {
            Ok(done) => done,
            Err(e) => return Some(Err(e)),
        };
        let later = move |state: &mut State| -> Result<Changed, Vec<Diagnostic>> {
            let p = &state.prepared;
            let Some(tera) = p.tera.as_ref() else { return Err(Vec::new()) };
            let model = super::model(p);
            let jobs = render::plan(&model, tera)?;
            let site = model.site;
            let lists: HashSet<usize> =
                [Some(s), site.sections[s].parent, Some(0)].into_iter().flatten().collect();
            let paths: Vec<String> = jobs.iter().map(|j| render::job_path(&model, j)).collect();
            let dirty: Vec<Job> = jobs
                .iter()
                .zip(&paths)
                .filter(|&(job, path)| {
                    let shows = match *job {
                        Job::Page(q) => moved.contains(site.pages[q].parsed.source.rel.as_str()),
                        Job::Section(x, _) => lists.contains(&x),
                        _ => false,
                    };
                    (shows || !state.prints.contains_key(path)) && !first.contains(path)
                })
                .map(|(job, _)| *job)
                .collect();
            let (mut files, diags) = render_files(&model, tera, &state.shared, &dirty);
            fail_on_errors(diags)?;
            let code_paths = add_code_outputs(&model, &mut files);
            // Copies of photos a new page shows.
            let (copies, image_diags) = p.ext.images.outputs();
            fail_on_errors(image_diags)?;
            for out in copies {
                files.insert(out.path, out.bytes.into());
            }
            let rendered = dirty.iter().map(|job| render::job_path(&model, job)).chain(first);
            let gone =
                forget_gone(&mut state.prints, &mut state.code_paths, code_paths, &paths, rendered, &files);
            state.shown_in = super::shown_in(&model, &jobs);
            state.jobs = jobs;
            Ok((files, gone))
        };
        self.later = Some(Box::new(later));
        Some(Ok((first_files, Vec::new())))
    }

    /// Where page `d` leaves from, when nothing but its section's lists and
    /// neighbours showed it.
    fn removable(&self, d: usize) -> Option<usize> {
        let p = &self.prepared;
        let page = &p.site.pages[d];
        let sec = &p.site.sections[page.section];
        if !page.terms.is_empty()
            || crate::bulletin::is_bulletin(page)
            || crate::document::is_document(page)
            || p.docs.docs.iter().any(|doc| doc.cited_by.contains(&d))
            // A folder without `_index.md` is a section only while it holds pages.
            || (sec.parsed.is_none() && sec.pages.len() < 2)
        {
            return None;
        }
        let pagers_change = pager_count(sec.pages.len() - 1, sec.paginate_by) != sec.pager_count();
        // Removing a page another one links to is an error: `restructure` says so.
        (!links_may_reach(p, page, pagers_change, Some(d))).then_some(d)
    }

    /// Reads and resolves the new page `rel` and puts it, with its Markdown, at the end of
    /// the pages (`came_or_went` moves it to its place); `Ok(Some(place))` in walk order,
    /// `Ok(None)` when it is not a page this handles (nothing changed then).
    fn insertable(&mut self, rel: &str, root: &Path) -> Result<Option<usize>, Vec<Diagnostic>> {
        let p = &self.prepared;
        let site = &p.site;
        let mut diags = Vec::new();
        let parsed = match load::read_one(root, rel) {
            Ok((source, _)) => parse::parse(source, &mut diags),
            Err(d) => return Err(vec![d]),
        };
        fail_on_errors(diags)?;
        let Some(parsed) = parsed else { return Ok(None) };
        if parsed.is_section() || !parsed.front.tags.is_empty() || !parsed.front.taxonomies.is_empty() {
            return Ok(None);
        }
        // Resolved as `resolve` does, next to the section indexes alone: slug, URL, title.
        let mut parts: Vec<parse::Parsed> = site.sections.iter().filter_map(|s| s.parsed.clone()).collect();
        parts.push(parsed);
        let mut diags = Vec::new();
        let mini = crate::resolve::resolve(
            site.config.clone(),
            parts,
            Vec::new(),
            std::iter::empty(),
            p.source.drafts,
            &mut diags,
        );
        let mut pages = mini.pages;
        if diags.iter().any(|d| d.severity == Severity::Error) || pages.len() != 1 {
            return Ok(None);
        }
        let Some(mut page) = pages.pop() else { return Ok(None) };
        let dir = &mini.sections[page.section].dir;
        let Some(s) = site.sections.iter().position(|x| x.dir == *dir) else { return Ok(None) };
        page.section = s;
        if !page.terms.is_empty()
            || crate::bulletin::is_bulletin(&page)
            || crate::document::is_document(&page)
        {
            return Ok(None);
        }
        let sec = &site.sections[s];
        let mut added = vec![page.url.clone()];
        let pagers = pager_count(sec.pages.len() + 1, sec.paginate_by);
        if pagers != sec.pager_count() {
            added.push(pager_url(&sec.url, pagers));
        }
        let lower = page.url.to_lowercase();
        if !super::retag::urls_free(p, &added)
            || site.targets.urls.iter().any(|u| lowercase(u) == lower)
            || links_may_reach(p, &page, added.len() > 1, None)
        {
            return Ok(None);
        }
        // Shortcodes may show any page: every page using one would change.
        let ext = &p.ext;
        if !ext.shortcodes.is_empty() {
            use rayon::prelude::*;
            let uses = crate::shortcodes::may_call;
            let bodies = site
                .pages
                .par_iter()
                .map(|q| &q.parsed)
                .chain(site.sections.par_iter().filter_map(|x| x.parsed.as_ref()));
            if uses(page.parsed.body()) || bodies.any(|q| uses(q.body())) {
                return Ok(None);
            }
        }
        // Its Markdown, with its own URL known.
        let p = &mut self.prepared;
        let targets = &mut p.site.targets;
        targets.urls.insert(page.url.clone());
        targets.by_source.insert(rel.to_owned(), page.url.clone());
        let (html, d) = crate::markdown::render_with(&page.parsed, targets, &p.ext);
        targets.urls.remove(&page.url);
        targets.by_source.remove(rel);
        fail_on_errors(d)?;
        // Anchors are checked against every page, citations linked up by `restructure`.
        if !html.anchored.is_empty()
            || (!p.docs.docs.is_empty() && (!html.mentions.is_empty() || !html.links.is_empty()))
        {
            return Ok(None);
        }
        let at = p.site.pages.partition_point(|q| load::walk_order(&q.parsed.source.rel, rel).is_lt());
        p.site.pages.push(page);
        p.md.pages.push(html);
        Ok(Some(at))
    }
}

/// Could a link written in another page point at `page` or at a list page of its
/// section that comes or goes (`pagers`)? Errs on the side of yes.
fn links_may_reach(p: &Prepared, page: &Page, pagers: bool, skip: Option<usize>) -> bool {
    use rayon::prelude::*;
    let stem = page.parsed.source.rel.rsplit('/').next().unwrap_or("").trim_end_matches(".md").to_lowercase();
    let slug = page.slug.to_lowercase();
    // Searchers made once: this runs over every link of the site.
    let (slug, stem) = (memchr::memmem::Finder::new(&slug), memchr::memmem::Finder::new(&stem));
    let hit = |l: &String| {
        let l = lowercase(l);
        let b = l.as_bytes();
        b.contains(&b'%')
            || slug.find(b).is_some()
            || stem.find(b).is_some()
            || (pagers && l.contains("page/"))
    };
    let md = &p.md;
    md.pages.par_iter().enumerate().any(|(q, h)| Some(q) != skip && h.links.iter().any(hit))
        || md.sections.par_iter().any(|h| h.links.iter().any(hit))
}

/// `s` in lower case, copied only when it has a capital or a non-ASCII letter (links
/// rarely have): the checks above run over every link of the site.
pub(super) fn lowercase(s: &str) -> std::borrow::Cow<'_, str> {
    if s.bytes().any(|b| b.is_ascii_uppercase() || !b.is_ascii()) {
        s.to_lowercase().into()
    } else {
        s.into()
    }
}

/// Shifts every page index of the site, its documents and bulletins through `f`.
fn remap(p: &mut Prepared, f: &dyn Fn(usize) -> usize) {
    let site = &mut p.site;
    for s in &mut site.sections {
        s.pages.iter_mut().for_each(|q| *q = f(*q));
    }
    for pg in &mut site.pages {
        pg.prev = pg.prev.map(f);
        pg.next = pg.next.map(f);
    }
    for t in &mut site.taxonomies {
        for term in &mut t.terms {
            term.pages.iter_mut().for_each(|q| *q = f(*q));
        }
    }
    for doc in &mut p.docs.docs {
        doc.page = f(doc.page);
        doc.cited_by.iter_mut().for_each(|q| *q = f(*q));
    }
    p.docs.of_page = p.docs.of_page.drain().map(|(q, d)| (f(q), d)).collect();
    for b in &mut p.bulletins.list {
        b.page = f(b.page);
    }
    p.bulletins.of_page = p.bulletins.of_page.drain().map(|(q, b)| (f(q), b)).collect();
}

fn neighbours(p: &Prepared, s: usize) -> Neighbours {
    let pages = &p.site.pages;
    let rel = |q: Option<usize>| q.map(|q| pages[q].parsed.source.rel.clone());
    p.site.sections[s]
        .pages
        .iter()
        .map(|&q| (pages[q].parsed.source.rel.clone(), (rel(pages[q].prev), rel(pages[q].next))))
        .collect()
}
