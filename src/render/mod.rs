//! Render stage: Markdown to HTML, then every output file through the templates.
//!
//! Input: a resolved `Site` and compiled templates. Output: `Output`s handed to a
//! sink one by one (the write stage, or memory for tests and `serve`), so a large
//! site is never held in memory whole.

pub(crate) mod context;
pub mod engine;
pub(crate) mod feeds;
pub(crate) mod fragments;
pub mod limits;
pub(crate) mod reads;
pub mod relative;
pub(crate) mod touched;

use rayon::prelude::*;
use serde_json::{Map, Value};
use tera::{Context, Tera};

use crate::bulletin::Bulletins;
use crate::document::Documents;
use crate::error::Diagnostic;
use crate::markdown::{self, Html};
use crate::messages::{self, Msg};
use crate::resolve::{pager_count, pager_range, pager_url, Site};
pub(crate) use context::Shared;
use relative::LinkStyle;

/// One file of the built site.
#[derive(Debug)]
pub struct Output {
    /// Path inside the output folder, with `/` separators: `van-ban/chi-thi-11/index.html`.
    pub path: String,
    pub bytes: Vec<u8>,
}

/// Where rendered files go.
pub type Sink<'a> = dyn Fn(Output) -> std::io::Result<()> + Sync + 'a;

/// What a render produced, for the summary line.
#[derive(Debug, Default, Clone, Copy)]
pub struct Counts {
    pub pages: usize,
    pub sections: usize,
    pub files: usize,
}

/// Markdown of every page and section, rendered in parallel.
pub struct Rendered {
    pub pages: Vec<Html>,
    pub sections: Vec<Html>,
    /// `build` only: the content of pages shown by their own file alone, moved out of
    /// `pages` and handed (not copied) to that file's render, which frees it.
    once: Vec<(usize, std::sync::Mutex<String>)>,
}

impl Rendered {
    /// Hands the content of every page but those `shown_twice` to its own render (see
    /// `content`): a build holds each page's HTML only until its file is rendered.
    pub(crate) fn hand_over(&mut self, shown_twice: impl Fn(usize) -> bool) {
        self.once = self
            .pages
            .iter_mut()
            .enumerate()
            .map(|(i, h)| {
                if shown_twice(i) {
                    (h.content.len(), std::sync::Mutex::new(String::new()))
                } else {
                    let c = std::mem::take(&mut h.content);
                    (c.len(), std::sync::Mutex::new(c))
                }
            })
            .collect();
    }

    /// Page `i`'s content for its render: the handed-over one (once), else a copy.
    pub(crate) fn content(&self, i: usize) -> String {
        match self.once.get(i) {
            Some((_, c)) if self.pages[i].content.is_empty() => {
                std::mem::take(&mut *c.lock().unwrap_or_else(|p| p.into_inner()))
            }
            _ => self.pages[i].content.clone(),
        }
    }

    /// The length of page `i`'s content, handed over or not.
    fn content_len(&self, i: usize) -> usize {
        self.once.get(i).map_or(self.pages[i].content.len(), |(n, _)| *n)
    }
}

/// Renders the Markdown of all pages and sections; broken links and anchors go to `diags`.
pub fn markdown(site: &Site, ext: &markdown::Extensions, diags: &mut Vec<Diagnostic>) -> Rendered {
    markdown_reusing(site, ext, diags, None)
}

/// Previous Markdown by source path, and the link targets it was rendered with.
pub(crate) type Previous<'a> = (std::collections::HashMap<String, Html>, &'a markdown::LinkTargets);

/// `markdown`, keeping a page's previous HTML when its file is unchanged (it is in
/// `previous`) and nothing it links to or mentions resolves differently now.
pub(crate) fn markdown_reusing(
    site: &Site,
    ext: &markdown::Extensions,
    diags: &mut Vec<Diagnostic>,
    previous: Option<Previous>,
) -> Rendered {
    let (mut old, before) = match previous {
        Some((html, targets)) => (html, Some(targets)),
        None => (std::collections::HashMap::new(), None),
    };
    let changed_numbers = before.map(|b| b.documents.changed_numbers(&site.targets.documents));
    // A title or tag edit changes no URL: then no link needs looking at again.
    let now = &site.targets;
    let links_same = before.is_some_and(|b| {
        b.by_source == now.by_source
            && b.urls == now.urls
            && b.drafts == now.drafts
            && b.document_urls == now.document_urls
    });
    let keep = |rel: &str, body: &str, h: &Html| -> bool {
        let (Some(before), Some(changed)) = (before, &changed_numbers) else { return false };
        // Shortcodes may show any document or page: render those pages again.
        if !ext.shortcodes.is_empty() && crate::shortcodes::may_call(body) {
            return false;
        }
        let mentions_same = changed.is_empty()
            || h.mentions
                .iter()
                .all(|f| before.documents.num_of(&f.key).is_some_and(|n| !changed.contains(&n)));
        mentions_same && (links_same || h.links.iter().all(|l| markdown::link_same(l, rel, ext, before, now)))
    };
    let mut take = |parsed: &crate::parse::Parsed| old.remove(&parsed.source.rel);
    let taken_pages: Vec<Option<Html>> = site.pages.iter().map(|p| take(&p.parsed)).collect();
    let taken_sections: Vec<Option<Html>> =
        site.sections.iter().map(|s| s.parsed.as_ref().and_then(&mut take)).collect();
    let check = |parsed: &crate::parse::Parsed, h: Option<Html>| {
        h.filter(|h| keep(&parsed.source.rel, parsed.body(), h))
    };
    let kept_pages: Vec<Option<Html>> =
        site.pages.par_iter().zip(taken_pages).map(|(p, h)| check(&p.parsed, h)).collect();
    let kept_sections: Vec<Option<Html>> = site
        .sections
        .par_iter()
        .zip(taken_sections)
        .map(|(s, h)| s.parsed.as_ref().and_then(|p| check(p, h)))
        .collect();
    let pages: Vec<(Html, Vec<Diagnostic>)> = site
        .pages
        .par_iter()
        .zip(kept_pages)
        .map(|(p, kept)| match kept {
            Some(h) => (h, Vec::new()),
            None => markdown::render_with(&p.parsed, &site.targets, ext),
        })
        .collect();
    let sections: Vec<(Html, Vec<Diagnostic>)> = site
        .sections
        .par_iter()
        .zip(kept_sections)
        .map(|(s, kept)| match (kept, &s.parsed) {
            (Some(h), _) => (h, Vec::new()),
            (None, Some(p)) => markdown::render_with(p, &site.targets, ext),
            (None, None) => Default::default(),
        })
        .collect();
    let mut split = |v: Vec<(Html, Vec<Diagnostic>)>| {
        v.into_iter()
            .map(|(h, d)| {
                diags.extend(d);
                h
            })
            .collect()
    };
    let rendered = Rendered { pages: split(pages), sections: split(sections), once: Vec::new() };
    crate::anchors::check(site, &rendered, diags);
    rendered
}

/// Everything a render reads: the site, its Markdown, documents and bulletins.
pub struct Model<'a> {
    pub site: &'a Site,
    pub md: &'a Rendered,
    pub docs: &'a Documents,
    pub bulletins: &'a Bulletins,
}

/// One file rendered through a template.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Job {
    Page(usize),
    Section(usize, usize),
    TaxonomyList(usize),
    Term(usize, usize, usize),
    NotFound,
    Timeline,
    Graph,
    BulletinPrint(usize),
    Schedule,
    /// Every bulletin in air order on one print page, shown a day or a week at a time.
    SchedulePrint,
    /// The search page of index `k` of `search::indexes` (0: the default language).
    Search(usize),
}

/// Template each page and section asks for.
fn template_of(site: &Site, job: &Job) -> String {
    match *job {
        Job::Page(i) => site.pages[i].parsed.front.template.clone().unwrap_or_else(|| {
            if crate::bulletin::is_bulletin(&site.pages[i]) {
                "bulletin.html".into()
            } else {
                "page.html".into()
            }
        }),
        Job::Section(s, _) => site.sections[s]
            .parsed
            .as_ref()
            .and_then(|p| p.front.template.clone())
            .unwrap_or_else(|| if s == 0 { "index.html".into() } else { "section.html".into() }),
        Job::TaxonomyList(_) => "taxonomy_list.html".into(),
        Job::Term(..) => "taxonomy_single.html".into(),
        Job::NotFound => "404.html".into(),
        Job::Timeline => "documents_timeline.html".into(),
        Job::Graph => "documents_graph.html".into(),
        Job::BulletinPrint(_) => "bulletin_print.html".into(),
        Job::Schedule => "bulletin_schedule.html".into(),
        Job::SchedulePrint => "bulletin_schedule_print.html".into(),
        Job::Search(_) => crate::search::TEMPLATE.into(),
    }
}

/// How many files `render_all` will produce (for progress).
pub fn job_count(m: &Model) -> usize {
    jobs(m, true).len() + 2 + feeds::urls(m.site).len() + m.bulletins.list.len()
}

fn jobs(m: &Model, with_404: bool) -> Vec<Job> {
    let (site, docs) = (m.site, m.docs);
    let mut jobs: Vec<Job> = (0..site.pages.len()).map(Job::Page).collect();
    for (s, sec) in site.sections.iter().enumerate() {
        jobs.extend((1..=sec.pager_count()).map(|n| Job::Section(s, n)));
    }
    for (t, tax) in site.taxonomies.iter().enumerate() {
        if tax.terms.is_empty() {
            continue;
        }
        jobs.push(Job::TaxonomyList(t));
        for (k, term) in tax.terms.iter().enumerate() {
            let n = pager_count(term.pages.len(), site.config.paginate_by);
            jobs.extend((1..=n).map(|n| Job::Term(t, k, n)));
        }
    }
    if with_404 {
        jobs.push(Job::NotFound);
    }
    if !docs.docs.is_empty() {
        jobs.push(Job::Timeline);
        jobs.push(Job::Graph);
    }
    if !m.bulletins.list.is_empty() {
        jobs.extend((0..m.bulletins.list.len()).map(Job::BulletinPrint));
        jobs.push(Job::Schedule);
        jobs.push(Job::SchedulePrint);
    }
    jobs
}

/// The jobs a render plans, as `plan` would with a theme that has every template
/// (so output paths can be checked even when templates have errors).
pub(crate) fn all_jobs(model: &Model, has_404: bool, has_search: bool) -> Vec<Job> {
    let mut jobs = jobs(model, has_404);
    if has_search {
        jobs.extend((0..crate::search::indexes(model.site).len()).map(Job::Search));
    }
    jobs
}

/// The output path of a job (the same as `context_for` computes, without the context).
pub(crate) fn job_path(model: &Model, job: &Job) -> String {
    let site = model.site;
    let url = match *job {
        Job::Page(i) => site.pages[i].url.clone(),
        Job::Section(s, n) => pager_url(&site.sections[s].url, n),
        Job::TaxonomyList(t) => site.taxonomies[t].url.clone(),
        Job::Term(t, k, n) => pager_url(&site.taxonomies[t].terms[k].url, n),
        Job::NotFound => "/404.html".into(),
        Job::Timeline => crate::document::timeline_url(site),
        Job::Graph => crate::document::graph_url(site),
        Job::BulletinPrint(b) => crate::bulletin::print_url(&site.pages[model.bulletins.list[b].page]),
        Job::Schedule => crate::bulletin::schedule_url(site),
        Job::SchedulePrint => crate::bulletin::schedule_print_url(site),
        Job::Search(k) => search_index(site, k).url(),
    };
    if url.ends_with('/') {
        output_path(&url)
    } else {
        url[1..].to_owned()
    }
}

/// The files a render will write, or the templates it is missing.
pub(crate) fn plan(model: &Model, tera: &Tera) -> Result<Vec<Job>, Vec<Diagnostic>> {
    let site = model.site;
    // A theme without a search page gets none (the default theme has one).
    let has = |name: &str| tera.get_template_names().any(|n| n == name);
    let mut jobs = all_jobs(model, has("404.html"), has(crate::search::TEMPLATE));
    // A theme copied before the combined print existed simply has none.
    if !has("bulletin_schedule_print.html") {
        jobs.retain(|j| !matches!(j, Job::SchedulePrint));
    }
    let wanted: Vec<(String, std::path::PathBuf)> = jobs
        .iter()
        .map(|j| {
            let origin = match *j {
                Job::Page(i) => site.pages[i].parsed.source.shown.clone(),
                Job::Section(s, _) => site.sections[s]
                    .parsed
                    .as_ref()
                    .map_or_else(|| site.config.file.shown.clone(), |p| p.source.shown.clone()),
                _ => site.config.file.shown.clone(),
            };
            (template_of(site, j), origin)
        })
        .collect();
    let missing = engine::missing(tera, wanted.iter().map(|(n, _)| n.as_str()));
    if missing.is_empty() {
        return Ok(jobs);
    }
    let mut diags = Vec::new();
    for name in missing {
        if let Some((_, origin)) = wanted.iter().find(|(n, _)| n == name) {
            diags.push(Diagnostic::error(origin, 0, 0, messages::text(Msg::TemplateMissing { name })));
        }
    }
    Err(diags)
}

/// Renders every output file and hands each to `sink`; returns the problems met.
pub fn render_all(model: &Model, tera: &Tera, build_date: &str, sink: &Sink) -> (Counts, Vec<Diagnostic>) {
    let site = model.site;
    let jobs = match plan(model, tera) {
        Ok(jobs) => jobs,
        Err(diags) => return (Counts::default(), diags),
    };
    let shared = Shared::new(model, build_date);
    // The search index's serial merge overlaps the parallel rendering of pages.
    let (mut diags, extra) = rayon::join(
        || render_jobs(model, tera, &shared, &jobs, sink),
        || {
            // The search index goes straight to the sink, file by file.
            let mut search_diags = Vec::new();
            let mut written = 0;
            if site.config.build_search_index {
                crate::search::write(model, &mut |out| {
                    written += 1;
                    let path = out.path.clone();
                    if let Err(e) = sink(out) {
                        search_diags.push(Diagnostic::error(&path, 0, 0, e.to_string()));
                    }
                });
            }
            (code_outputs(model), search_diags, written)
        },
    );
    let (extra, search_diags, search_files) = extra;
    diags.extend(search_diags);
    let files = jobs.len() + extra.len() + search_files;
    for out in extra {
        let path = out.path.clone();
        if let Err(e) = sink(out) {
            diags.push(Diagnostic::error(&path, 0, 0, e.to_string()));
        }
    }
    crate::free::later(shared);
    (Counts { pages: site.pages.len(), sections: site.sections.len(), files }, diags)
}

/// Renders `jobs` through their templates in parallel, handing each file to `sink`.
///
/// Jobs are taken longest first by whichever worker is free (a long tag or section list
/// started last would leave the other core idle at the end), lists before pages: the
/// list entries they share are freed once the last list is rendered.
pub(crate) fn render_jobs(
    model: &Model,
    tera: &Tera,
    shared: &Shared,
    jobs: &[Job],
    sink: &Sink,
) -> Vec<Diagnostic> {
    // Lists first, so the list entries can be freed before the pages are rendered.
    let mut order: Vec<usize> = (0..jobs.len()).collect();
    order
        .sort_by_cached_key(|&j| (matches!(jobs[j], Job::Page(_)), std::cmp::Reverse(cost(model, &jobs[j]))));
    let lists_left =
        std::sync::atomic::AtomicUsize::new(jobs.iter().filter(|j| !matches!(j, Job::Page(_))).count());
    let next = std::sync::atomic::AtomicUsize::new(0);
    let failed: std::sync::Mutex<Vec<(usize, Diagnostic)>> = std::sync::Mutex::new(Vec::new());
    // Site links that point at nothing, with the template that wrote them.
    let broken = std::sync::Mutex::new(Vec::new());
    // Each page's list entry is rendered once, by the first list that shows it.
    let entries = std::sync::Arc::new(fragments::Source::new(
        tera,
        shared,
        model.site.pages.iter().map(|p| p.url.clone()),
    ));
    let reads = reads::Reads::of(tera);
    let worker = || {
        // What every file sees, copied once per worker instead of once per file.
        let mut base = base_context(shared);
        // The last file's menu, updated in place for the next (`context::nav_again`).
        let mut menu = None;
        // The worker's render buffer: cleared, not freed, between files (a page grown
        // past its first block is not copied again for every file).
        let mut scratch = Vec::with_capacity(16 * 1024);
        fragments::scoped(&entries, || loop {
            let k = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            let Some(&j) = order.get(k) else { break };
            let job = JobEnv { model, tera, shared, reads: &reads };
            if let Err(d) = render_job(&job, &mut base, &mut menu, &mut scratch, &jobs[j], sink, &broken) {
                failed.lock().unwrap_or_else(|p| p.into_inner()).push((j, d));
            }
            let list = !matches!(jobs[j], Job::Page(_));
            if list && lists_left.fetch_sub(1, std::sync::atomic::Ordering::AcqRel) == 1 {
                entries.forget();
            }
        })
    };
    rayon::scope(|scope| {
        for _ in 0..rayon::current_num_threads() {
            scope.spawn(|_| worker());
        }
    });
    let mut failed = failed.into_inner().unwrap_or_else(|p| p.into_inner());
    failed.sort_by_key(|(j, _)| *j);
    let mut diags: Vec<Diagnostic> = failed.into_iter().map(|(_, d)| d).collect();
    let mut broken = broken.into_inner().unwrap_or_else(|p| p.into_inner());
    broken.sort();
    crate::anchors::report_template_links(model.site, broken, &mut diags);
    diags
}

/// A job's rough cost, in list items (a page costs about as much as a few of them).
fn cost(model: &Model, job: &Job) -> usize {
    let site = model.site;
    match *job {
        Job::Page(i) => 4 + model.md.content_len(i) / 2048,
        Job::Section(s, n) => {
            let sec = &site.sections[s];
            let listed = pager_range(sec.pages.len(), sec.paginate_by, n).len();
            // A single pager also lists every page in `section.pages`.
            let all = if sec.pager_count() == 1 { sec.pages.len() } else { 0 };
            2 + listed + all + sec.subsections.len() * 5
        }
        Job::Term(t, k, n) => {
            let pages = &site.taxonomies[t].terms[k].pages;
            let per = site.config.paginate_by;
            let listed = pager_range(pages.len(), per, n).len();
            let all = if pager_count(pages.len(), per) == 1 { pages.len() } else { 0 };
            2 + listed + all
        }
        Job::TaxonomyList(t) => 2 + site.taxonomies[t].terms.len(),
        Job::Timeline | Job::Graph => 2 + 2 * model.docs.docs.len(),
        Job::Schedule => 2 + model.bulletins.list.len(),
        Job::SchedulePrint => 2 + 4 * model.bulletins.list.len(),
        Job::NotFound | Job::BulletinPrint(_) | Job::Search(_) => 4,
    }
}

/// What the renders of one `render_jobs` share.
struct JobEnv<'a> {
    model: &'a Model<'a>,
    tera: &'a Tera,
    shared: &'a Shared,
    reads: &'a reads::Reads,
}

/// The context every file starts from: `config` and `site` (the home page swaps in its own).
fn base_context(shared: &Shared) -> Context {
    let mut m = Map::new();
    m.insert("config".into(), shared.config.clone());
    m.insert("site".into(), shared.site.clone());
    Context::from_value(Value::Object(m)).unwrap_or_default()
}

/// Renders one job through its template and hands the file to `sink`; site links that
/// point at nothing go to `broken` with the template that wrote them. `base` is
/// `base_context`, and is left as it was; `menu` keeps the menu for the next file.
fn render_job(
    env: &JobEnv,
    base: &mut Context,
    menu: &mut Option<(String, Value)>,
    html: &mut Vec<u8>,
    job: &Job,
    sink: &Sink,
    broken: &std::sync::Mutex<Vec<(String, String)>>,
) -> Result<(), Diagnostic> {
    let (model, tera, shared) = (env.model, env.tera, env.shared);
    let site = model.site;
    let template = template_of(site, job);
    let (path, own) = context_for(model, shared, env.reads, job, menu);
    let lang = own.get("lang").and_then(Value::as_str).unwrap_or(&site.config.language).to_owned();
    let keys: Vec<String> = own.keys().cloned().collect();
    // Moved in, not copied; the home page's own `site` replaces the base's for its render.
    let site_before = if own.contains_key("site") { base.remove("site") } else { None };
    base.extend(Context::from_value(Value::Object(own)).unwrap_or_default());
    // Rendered into bytes: Tera writes only `str`s, so the page is not checked for UTF-8
    // again (`render` would), nor when links are made relative.
    html.clear();
    let rendered = crate::i18n::scoped(&lang, &template, || tera.render_to(&template, base, &mut *html));
    for k in &keys {
        let v = base.remove(k);
        if k == "nav_sections" {
            *menu = v.map(|v| (lang.clone(), v));
        }
    }
    if let Some(v) = site_before {
        base.extend(
            Context::from_value(Value::Object(Map::from_iter([("site".to_owned(), v)]))).unwrap_or_default(),
        );
    }
    rendered.map_err(|e| {
        let page = match *job {
            Job::Page(i) => site.pages[i].parsed.source.shown.display().to_string(),
            _ => path.clone(),
        };
        let what = messages::text(Msg::TemplateRender { page: &page, template: &template });
        let chain = engine::chain(&e);
        let message = match engine::hint(&chain) {
            Some(hint) => format!("{what}: {hint} (Tera: {chain})"),
            None => format!("{what}: {chain}"),
        };
        Diagnostic::error(template_origin(&template), 0, 0, message)
    })?;
    let prefix = if matches!(job, Job::NotFound) {
        format!("{}/", base_path(&site.config.base_url))
    } else {
        LinkStyle::prefix_for(&path)
    };
    let style = LinkStyle { prefix, pretty: site.config.pretty_urls, urls: &site.targets.urls };
    let mut links = Vec::new();
    let bytes = style.apply_bytes(html, Some(&mut links));
    if !links.is_empty() {
        let mut b = broken.lock().unwrap_or_else(|p| p.into_inner());
        b.extend(links.into_iter().map(|l| (l, template.clone())));
    }
    sink(Output { path: path.clone(), bytes }).map_err(|e| Diagnostic::error(&path, 0, 0, e.to_string()))
}

/// Files written by code rather than templates: reading scripts, sitemap, feed, robots.txt
/// (the search index is separate: `search::outputs`).
pub(crate) fn code_outputs(model: &Model) -> Vec<Output> {
    let site = model.site;
    let mut extra = scripts(model);
    extra.extend(
        feeds::sitemaps(site).into_iter().map(|(path, text)| Output { path, bytes: text.into_bytes() }),
    );
    extra.push(Output { path: "robots.txt".into(), bytes: feeds::robots(site).into_bytes() });
    extra.extend(feed_outputs(model));
    extra
}

/// The bulletins' reading scripts, and their audio files when made.
pub(crate) fn scripts(model: &Model) -> Vec<Output> {
    let site = model.site;
    let scripts = model.bulletins.list.iter().map(|b| Output {
        path: crate::bulletin::script_url(&site.pages[b.page])[1..].to_owned(),
        bytes: crate::bulletin::script_file(b),
    });
    scripts.chain(crate::audio::outputs(model.bulletins)).collect()
}

/// The feeds: of the site, and of the sections and taxonomy terms that ask for one.
pub(crate) fn feed_outputs(model: &Model) -> Vec<Output> {
    let (site, md) = (model.site, model.md);
    let absolute = LinkStyle {
        prefix: format!("{}/", site.config.base()),
        pretty: site.config.pretty_urls,
        urls: &site.targets.urls,
    };
    // Only the feed's few entries need their summary made absolute.
    let summary =
        |i: usize| summary_html(&site.pages[i].parsed.front, &md.pages[i]).map(|s| absolute.apply(&s));
    let mut out = Vec::new();
    for feed in feeds::feeds(site) {
        for name in &site.config.feed_filenames {
            let Some(format) = feeds::Format::of(name) else { continue };
            let bytes = feeds::write(site, &feed, format, name, &summary).into_bytes();
            out.push(Output { path: format!("{}{name}", &feed.base[1..]), bytes });
        }
    }
    out
}

/// The pages whose data a job's output shows (for incremental rebuilds in `serve`).
pub(crate) fn shows(model: &Model, job: &Job) -> Vec<usize> {
    let site = model.site;
    match *job {
        Job::Page(i) => {
            let p = &site.pages[i];
            let mut v = vec![i];
            v.extend(p.prev);
            v.extend(p.next);
            if let Some(&d) = model.docs.of_page.get(&i) {
                let doc = &model.docs.docs[d];
                v.extend(doc.cited_by.iter().copied());
                v.extend(doc.cites.iter().map(|&c| model.docs.docs[c].page));
            }
            v
        }
        Job::Section(s, n) => {
            let sec = &site.sections[s];
            let mut v = sec.pages[pager_range(sec.pages.len(), sec.paginate_by, n)].to_vec();
            for &c in &sec.subsections {
                v.extend(site.sections[c].pages.iter().take(5));
            }
            if s == 0 {
                // The home page lists the newest pages of the whole site.
                v.extend(0..site.pages.len());
            }
            v
        }
        Job::Term(t, k, n) => {
            let pages = &site.taxonomies[t].terms[k].pages;
            pages[pager_range(pages.len(), site.config.paginate_by, n)].to_vec()
        }
        Job::TaxonomyList(_) | Job::NotFound => Vec::new(),
        Job::Timeline | Job::Graph => model.docs.docs.iter().map(|d| d.page).collect(),
        Job::BulletinPrint(b) => vec![model.bulletins.list[b].page],
        Job::Schedule | Job::SchedulePrint => model.bulletins.list.iter().map(|b| b.page).collect(),
        Job::Search(_) => Vec::new(),
    }
}

/// A page's summary as HTML: front-matter `summary` (as a paragraph), else the Markdown one.
fn summary_html(front: &crate::parse::FrontMatter, html: &Html) -> Option<String> {
    match &front.summary {
        Some(s) => Some(format!("<p>{}</p>", engine::escape_html(s))),
        None => html.summary.clone(),
    }
}

/// Where a template came from, for messages (the name is enough; the theme module knows the file).
fn template_origin(name: &str) -> std::path::PathBuf {
    format!("templates/{name}").into()
}

/// The path part of `base_url` ("https://x.vn/sub/" → "/sub"), for the 404 page's links.
fn base_path(base_url: &str) -> String {
    let after_scheme = base_url.split_once("://").map_or(base_url, |(_, rest)| rest);
    let path = match (base_url.contains("://"), after_scheme.find('/')) {
        (true, Some(i)) => &after_scheme[i..],
        (true, None) => "",
        (false, _) => after_scheme,
    };
    path.trim_end_matches('/').to_owned()
}

/// Output file of a site URL: `/van-ban/` → `van-ban/index.html`.
pub fn output_path(url: &str) -> String {
    format!("{}index.html", &url[1..])
}

/// The output path of `job` and its context, less `config` and `site` (`base_context`;
/// the home page's `site`, with its recent pages, is here).
fn context_for(
    model: &Model,
    shared: &Shared,
    reads: &reads::Reads,
    job: &Job,
    menu: &mut Option<(String, Value)>,
) -> (String, Map<String, Value>) {
    let (site, md, docs) = (model.site, model.md, model.docs);
    let fields = reads.pager_fields.as_deref();
    let mut m = Map::new();
    if matches!(job, Job::Section(0, _)) {
        m.insert("site".into(), shared.site_home.clone());
    }
    let url = match *job {
        Job::Page(i) => {
            let p = &site.pages[i];
            m.insert("page".into(), context::page(model, shared, i, &md.pages[i]));
            m.insert("breadcrumbs".into(), shared.crumbs(site, Some(p.section)));
            p.url.clone()
        }
        Job::Section(s, n) => {
            let sec = &site.sections[s];
            // A single pager's `section.pages` repeats `paginator.pages`: only if read.
            let single = sec.pager_count() == 1 && reads.section_pages;
            m.insert("section".into(), context::section(site, shared, s, &md.sections[s], single));
            m.insert(
                "paginator".into(),
                context::paginator(shared, fields, &sec.url, &sec.pages, sec.paginate_by, n),
            );
            m.insert("breadcrumbs".into(), shared.crumbs(site, sec.parent));
            pager_url(&sec.url, n)
        }
        Job::TaxonomyList(t) => {
            let tax = &site.taxonomies[t];
            let terms: Vec<Value> = tax
                .terms
                .iter()
                .map(|term| serde_json::json!({ "name": term.name, "slug": term.slug, "url": term.url, "count": term.pages.len() }))
                .collect();
            m.insert("taxonomy".into(), taxonomy_value(tax));
            m.insert("terms".into(), Value::Array(terms));
            m.insert("breadcrumbs".into(), shared.crumbs(site, taxonomy_parent(site, tax)));
            tax.url.clone()
        }
        Job::Term(t, k, n) => {
            let tax = &site.taxonomies[t];
            let term = &tax.terms[k];
            let per = site.config.paginate_by;
            let single = pager_count(term.pages.len(), per) == 1 && reads.term_pages;
            let pages = if single { shared.list(&term.pages) } else { Value::Array(Vec::new()) };
            m.insert("taxonomy".into(), taxonomy_value(tax));
            m.insert(
                "term".into(),
                context::object([
                    ("name", term.name.clone().into()),
                    ("slug", term.slug.clone().into()),
                    ("url", term.url.clone().into()),
                    ("count", term.pages.len().into()),
                    ("pages", pages),
                ]),
            );
            m.insert("paginator".into(), context::paginator(shared, fields, &term.url, &term.pages, per, n));
            let mut crumbs = shared.crumbs(site, taxonomy_parent(site, tax));
            if let Value::Array(list) = &mut crumbs {
                list.push(serde_json::json!({ "title": tax.config.title, "url": tax.url }));
            }
            m.insert("breadcrumbs".into(), crumbs);
            pager_url(&term.url, n)
        }
        Job::NotFound => {
            m.insert("breadcrumbs".into(), Value::Array(Vec::new()));
            "/404.html".into()
        }
        Job::Timeline => {
            m.insert("documents".into(), context::timeline(site, docs));
            m.insert("breadcrumbs".into(), shared.crumbs(site, section_of(site, crate::document::SECTION)));
            crate::document::timeline_url(site)
        }
        Job::BulletinPrint(b) => {
            let page = &site.pages[model.bulletins.list[b].page];
            m.insert(
                "page".into(),
                context::page(
                    model,
                    shared,
                    model.bulletins.list[b].page,
                    &md.pages[model.bulletins.list[b].page],
                ),
            );
            m.insert("breadcrumbs".into(), shared.crumbs(site, Some(page.section)));
            crate::bulletin::print_url(page)
        }
        Job::Schedule => {
            m.insert("schedule".into(), context::schedule(model));
            m.insert("breadcrumbs".into(), shared.crumbs(site, section_of(site, crate::bulletin::SECTION)));
            crate::bulletin::schedule_url(site)
        }
        Job::SchedulePrint => {
            let schedule = context::schedule(model);
            // The same order as the schedule: by day, then slot.
            let mut order: Vec<usize> = (0..model.bulletins.list.len()).collect();
            let list = &model.bulletins.list;
            order.sort_by_key(|&b| {
                (list[b].air_date, crate::bulletin::slot_rank(&list[b].slot), list[b].slot.clone())
            });
            let sheets: Vec<Value> = order
                .iter()
                .map(|&b| {
                    let i = list[b].page;
                    serde_json::json!({
                        "day": list[b].air_date.format("%Y-%m-%d").to_string(),
                        "week": crate::bulletin::week_id(list[b].air_date),
                        "page": context::page(model, shared, i, &md.pages[i]),
                    })
                })
                .collect();
            let mut weeks: Vec<Value> = Vec::new();
            for &b in &order {
                let (id, day) = (crate::bulletin::week_id(list[b].air_date), list[b].air_date.to_string());
                match weeks.last_mut() {
                    Some(w) if w["id"] == id.as_str() => w["last_day"] = Value::String(day),
                    _ => weeks.push(serde_json::json!({ "id": id, "first_day": day, "last_day": day })),
                }
            }
            m.insert("schedule".into(), schedule);
            m.insert("sheets".into(), Value::Array(sheets));
            m.insert("weeks".into(), Value::Array(weeks));
            m.insert("breadcrumbs".into(), shared.crumbs(site, section_of(site, crate::bulletin::SECTION)));
            crate::bulletin::schedule_print_url(site)
        }
        Job::Graph => {
            m.insert("graph".into(), context::graph(site, docs));
            m.insert("breadcrumbs".into(), shared.crumbs(site, section_of(site, crate::document::SECTION)));
            crate::document::graph_url(site)
        }
        Job::Search(k) => {
            let index = search_index(site, k);
            m.insert("search".into(), crate::search::context(&index));
            // Another language's search page sits under that language's home page.
            let home = site.sections.iter().position(|s| s.dir == index.lang && !index.prefix.is_empty());
            m.insert("breadcrumbs".into(), shared.crumbs(site, Some(home.unwrap_or(0))));
            index.url()
        }
    };
    let path = if url.ends_with('/') { output_path(&url) } else { url[1..].to_owned() };
    let root = if matches!(job, Job::NotFound) {
        format!("{}/", base_path(&site.config.base_url))
    } else {
        LinkStyle::prefix_for(&path)
    };
    let (section, term) = match *job {
        Job::Page(i) => (Some(site.pages[i].section), None),
        Job::Section(s, _) => (Some(s), None),
        Job::Term(t, k, _) => (None, Some((t, k))),
        _ => (None, None),
    };
    m.insert("feeds".into(), Value::Array(feeds::alternates(site, section, term)));
    let source = match *job {
        Job::Page(i) => Some(site.pages[i].parsed.source.rel.clone()),
        Job::Section(s, _) => Some(
            site.sections[s]
                .parsed
                .as_ref()
                .map_or_else(|| site.sections[s].dir.clone(), |p| p.source.rel.clone()),
        ),
        _ => None,
    };
    let (lang, translations) = match (&source, job) {
        (Some(rel), _) => crate::languages::of(site, rel),
        (None, &Job::Search(k)) => search_translations(site, k),
        _ => (site.config.language.clone(), Vec::new()),
    };
    let search_url = crate::search::indexes(site)
        .into_iter()
        .find(|i| i.lang == lang)
        .map_or(Value::Null, |i| Value::String(i.url()));
    m.insert("search_url".into(), search_url);
    let nav = shared.language_nav.get(&lang).unwrap_or(&shared.nav);
    let list = match menu.take() {
        Some((l, list)) if l == lang => context::nav_again(list, &url),
        _ => context::nav(nav, &url),
    };
    m.insert("nav_sections".into(), list);
    m.insert("lang".into(), Value::String(lang));
    m.insert("translations".into(), Value::Array(translations));
    m.insert("current_url".into(), Value::String(url));
    m.insert("root".into(), Value::String(root));
    (path, m)
}

/// Index `k` of the site's search indexes.
fn search_index(site: &Site, k: usize) -> crate::search::Index {
    crate::search::indexes(site).swap_remove(k)
}

/// The language of search page `k`, and the search pages of the other languages as its
/// translations (for the language switcher).
fn search_translations(site: &Site, k: usize) -> (String, Vec<Value>) {
    let indexes = crate::search::indexes(site);
    let c = &site.config;
    let name = |lang: &str| {
        let name = if lang == c.language {
            c.language_name.clone()
        } else {
            c.languages.get(lang).map(|l| l.name.clone()).unwrap_or_default()
        };
        if name.is_empty() {
            lang.to_owned()
        } else {
            name
        }
    };
    let list = if indexes.len() > 1 {
        indexes
            .iter()
            .enumerate()
            .map(|(j, i)| serde_json::json!({ "lang": i.lang, "name": name(&i.lang), "url": i.url(), "current": j == k }))
            .collect()
    } else {
        Vec::new()
    };
    (indexes[k].lang.clone(), list)
}

/// The section a page about `slug` (documents, bulletins) sits under, for breadcrumbs.
fn section_of(site: &Site, slug: &str) -> Option<usize> {
    Some(site.top_section(slug).unwrap_or(0))
}

/// The section a taxonomy's pages sit under: "Văn bản" for the documents' own.
fn taxonomy_parent(site: &Site, tax: &crate::resolve::TaxonomyIndex) -> Option<usize> {
    let of_documents = crate::document::TAXONOMIES.iter().any(|(name, _)| *name == tax.config.name);
    if of_documents {
        section_of(site, crate::document::SECTION)
    } else {
        Some(0)
    }
}

fn taxonomy_value(tax: &crate::resolve::TaxonomyIndex) -> Value {
    serde_json::json!({ "name": tax.config.name, "title": tax.config.title, "url": tax.url })
}

/// XML escaping for feeds and sitemaps.
pub fn escape_xml(s: &str) -> String {
    engine::escape_html(s).replace("&#39;", "&apos;")
}
