//! The site kept in memory while serving: a full build, the quick rebuild of a page
//! whose text (not its front matter) changed, and the rebuild after front matter
//! changed or pages came or went: the site is resolved again from the pages already
//! parsed, Markdown is kept where nothing it links to changed, and only the files whose
//! inputs changed are rendered (`render::touched`). A tag edit or a page coming or going
//! in place renders its page and the pages browsers show first; the rest follows after
//! the reload (`Live::finish`), while requests for it wait (`serve::Settling`).

use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Mutex};

use crate::document::Found;
use crate::error::{Diagnostic, Severity};
use crate::render::{self, touched, Job, Model, Output, Shared};
use crate::theme::FileSource;
use crate::{bulletin, document, load, markdown, parse, Options, Prepared};

mod pages;
mod retag;

/// The served files: output path → bytes.
pub type Files = HashMap<String, Arc<[u8]>>;

/// A site built in memory, with what an incremental rebuild needs.
pub struct Live {
    opts: Options,
    state: Option<State>,
    /// Makes missing bulletin audio without holding up a rebuild.
    audio: Option<crate::audio::background::Worker>,
    /// Warnings of the last full build, shown as `loa build` shows them.
    warnings: Vec<Diagnostic>,
    /// Each page's part of the search index, as last made.
    search_memo: crate::search::Memo,
    /// Output paths browsers show now: rendered before the reload (`State::render_first`).
    open: HashSet<String>,
}

struct State {
    prepared: Prepared,
    shared: Shared,
    jobs: Vec<Job>,
    /// Page index → indices of the jobs whose output shows that page.
    shown_in: Vec<Vec<usize>>,
    /// Content-relative source path → page index.
    page_of: HashMap<String, usize>,
    /// What each rendered file showed when it was made.
    prints: touched::Prints,
    /// Paths of the files made by code (sitemap, feeds, reading scripts).
    code_paths: HashSet<String>,
    /// What an in-place change left to render after the reload (`Live::finish`).
    later: Option<Later>,
}

/// The rest of an in-place change, run after the browser was told to reload.
type Later = Box<dyn FnOnce(&mut State) -> Result<Changed, Vec<Diagnostic>> + Send>;

/// A print no render has: the file must be rendered again (see `State::apply`).
const STALE: u64 = 0;

/// Files made again, and the paths that are gone.
type Changed = (Files, Vec<String>);

/// What a rebuild did.
pub enum Outcome {
    /// Everything was rebuilt: replace all files.
    Full(Files),
    /// These files changed; the paths listed are gone.
    Partial(Files, Vec<String>),
}

impl Live {
    pub fn new(opts: Options) -> Live {
        Live {
            opts,
            state: None,
            audio: None,
            warnings: Vec::new(),
            search_memo: Default::default(),
            open: HashSet::new(),
        }
    }

    /// Sends the bulletins still without audio to `worker` after every good build.
    pub fn with_audio(mut self, worker: crate::audio::background::Worker) -> Live {
        self.audio = Some(worker);
        self
    }

    fn submit_audio(&self) {
        let (Some(worker), Some(state)) = (&self.audio, &self.state) else { return };
        if let Some((maker, reqs)) = crate::audio::missing(&state.prepared.site, &state.prepared.bulletins) {
            worker.submit(maker, reqs, state.prepared.site.config.file.shown.clone());
        }
    }

    /// The output paths browsers show now (see `serve::Shared::open`).
    pub fn set_open(&mut self, open: HashSet<String>) {
        self.open = open;
    }

    /// Does the last change have files left to render (`finish`)?
    pub fn unfinished(&self) -> bool {
        self.state.as_ref().is_some_and(|s| s.later.is_some())
    }

    /// Renders what the last in-place change left for after the reload; `None` when
    /// nothing was left. On an error the state is dropped: the next change builds all.
    pub fn finish(&mut self) -> Option<Result<Outcome, Vec<Diagnostic>>> {
        let state = self.state.as_mut()?;
        let later = state.later.take()?;
        let result = later(state);
        if result.is_err() {
            self.state = None;
        }
        Some(result.map(|(files, gone)| Outcome::Partial(files, gone)))
    }

    /// The paths served that no change of content makes again (static files, assets,
    /// copies of photos of the last full build): served while a change is unfinished.
    pub fn constant_paths(&self, files: &Files) -> HashSet<String> {
        let Some(state) = &self.state else { return HashSet::new() };
        let made = |k: &String| state.prints.contains_key(k) || state.code_paths.contains(k);
        files.keys().filter(|k| !made(k) && !crate::search::is_index_file(k)).cloned().collect()
    }

    /// Warnings of the last full build.
    pub fn warnings(&self) -> &[Diagnostic] {
        &self.warnings
    }

    /// How many drafts the last good build left out.
    pub fn drafts(&self) -> usize {
        self.state.as_ref().map_or(0, |s| s.prepared.site.targets.drafts.len())
    }

    /// Content paths (relative to `content/`) the last good build knows: pages,
    /// sections' `_index.md` and drafts.
    pub fn knows(&self, rel: &str) -> bool {
        self.state.as_ref().is_some_and(|s| {
            let site = &s.prepared.site;
            s.page_of.contains_key(rel)
                || site.targets.drafts.contains(rel)
                || site.sections.iter().any(|sec| sec.parsed.as_ref().is_some_and(|p| p.source.rel == rel))
        })
    }

    /// What the search index of the current site is made from, re-indexing only the
    /// pages whose inputs changed; merged on another thread (`Snapshot::run`), after
    /// the browser was told to reload. `None` without a good build.
    pub fn search_snapshot(&mut self) -> Option<crate::search::Snapshot> {
        let state = self.state.as_ref()?;
        Some(crate::search::snapshot(&model(&state.prepared), &mut self.search_memo))
    }

    /// Is `rel` a static file of the last good build?
    pub fn knows_static(&self, rel: &str) -> bool {
        self.state.as_ref().is_some_and(|s| s.prepared.source.theme.statics.contains_key(rel))
    }

    /// The bytes of static file `rel` as a build would copy them (the site's file over
    /// the theme's, links followed only inside the site); `None` when the last good build
    /// has no such static file (then a full rebuild decides who owns the path).
    pub fn static_file(&self, rel: &str) -> Option<Arc<[u8]>> {
        let state = self.state.as_ref()?;
        if !self.knows_static(rel) {
            return None;
        }
        let mut ignored = Vec::new();
        let theme = crate::theme::load(&self.opts.root, &state.prepared.site.config, &mut ignored);
        read(theme.statics.get(rel)?).ok()
    }

    /// Does the last good build have a page under this folder (`tin-tuc/`)?
    pub fn knows_folder(&self, prefix: &str) -> bool {
        self.state.as_ref().is_some_and(|s| s.page_of.keys().any(|k| k.starts_with(prefix)))
    }

    /// Builds everything but the search index in memory (the browser can reload before
    /// the index is ready). `Err` holds the problems to show (the old site stays).
    pub fn full(&mut self, build_date: &str) -> Result<Files, Vec<Diagnostic>> {
        let mut diags = Vec::new();
        let prepared = crate::prepare(&self.opts, &mut diags).map_err(as_diagnostics)?;
        crate::config_source::name_in_messages(&mut diags, &prepared.site.config.file);
        let mut warnings: Vec<Diagnostic> =
            diags.iter().filter(|d| d.severity == Severity::Warning).cloned().collect();
        fail_on_errors(diags)?;
        let Some(tera) = prepared.tera.as_ref() else { return Err(Vec::new()) };
        let model = model(&prepared);
        let jobs = render::plan(&model, tera)?;
        let shared = Shared::new(&model, build_date);
        let (mut files, diags) = render_files(&model, tera, &shared, &jobs);
        warnings.extend(diags.iter().filter(|d| d.severity == Severity::Warning).cloned());
        warnings.extend(prepared.strings.take_warnings());
        fail_on_errors(diags)?;
        crate::error::sort(&mut warnings);
        self.warnings = warnings;
        let code_paths = add_code_outputs(&model, &mut files);
        let prints =
            touched::prints(&model, &shared, &jobs, touched::shows_page_count(&prepared.source.theme));
        // The search index is not made here: see `search_snapshot`.
        for (rel, source) in &prepared.source.theme.statics {
            files.insert(rel.clone(), read(source).map_err(|d| vec![d])?);
        }
        for (rel, path) in &prepared.site.assets {
            let bytes = match prepared.ext.images.published(path) {
                Some(Ok(bytes)) => bytes.into(),
                _ => read(&FileSource::Disk(path.clone())).map_err(|d| vec![d])?,
            };
            files.insert(rel.clone(), bytes);
        }
        let (copies, image_diags) = prepared.ext.images.outputs();
        fail_on_errors(image_diags)?;
        for out in copies {
            files.insert(out.path, out.bytes.into());
        }
        let shown_in = shown_in(&model, &jobs);
        let page_of = page_index(&prepared);
        self.state =
            Some(State { prepared, shared, jobs, shown_in, page_of, prints, code_paths, later: None });
        self.submit_audio();
        Ok(files)
    }

    /// Rebuilds after Markdown files changed, came or went: the body of a page alone
    /// re-renders what shows it; front matter and files coming or going resolve the
    /// site again from the pages already read. A full build only when neither can.
    pub fn content_changed(&mut self, rels: &[String], build_date: &str) -> Result<Outcome, Vec<Diagnostic>> {
        // The serve loop finishes every change before the next; this is for any other caller.
        let earlier = match self.finish() {
            Some(Ok(Outcome::Partial(files, gone))) => Some((files, gone)),
            Some(Ok(Outcome::Full(_))) | None => None,
            Some(Err(e)) => return Err(e),
        };
        let result = self.changed(rels, build_date);
        match (earlier, result) {
            (Some((mut files, mut gone)), Ok(Outcome::Partial(now, now_gone))) => {
                gone.retain(|k| !now.contains_key(k));
                files.retain(|k, _| !now_gone.contains(k));
                files.extend(now);
                gone.extend(now_gone);
                Ok(Outcome::Partial(files, gone))
            }
            (_, result) => result,
        }
    }

    fn changed(&mut self, rels: &[String], build_date: &str) -> Result<Outcome, Vec<Diagnostic>> {
        let result = match self.try_incremental(rels) {
            Some(result) => Some(result),
            None => match self.came_or_went(rels, build_date) {
                Some(result) => Some(result),
                None => self.restructure(rels, build_date),
            },
        };
        match result {
            Some(result) => {
                self.submit_audio();
                result.map(|(files, gone)| Outcome::Partial(files, gone))
            }
            None => self.full(build_date).map(Outcome::Full),
        }
    }

    /// One page that came or went, put in or taken out in place (`pages`); `None` when
    /// `restructure` must do it. An error after the site was changed drops the state.
    fn came_or_went(
        &mut self,
        rels: &[String],
        build_date: &str,
    ) -> Option<Result<Changed, Vec<Diagnostic>>> {
        let [rel] = rels else { return None };
        let state = self.state.as_mut()?;
        let count = state.prepared.site.pages.len();
        let result = state.came_or_went(rel, &self.opts.root, build_date, &self.open)?;
        if result.is_err() && self.state.as_ref().is_some_and(|s| s.prepared.site.pages.len() != count) {
            self.state = None;
        }
        Some(result)
    }

    /// Resolves the site again after front matter changed or pages came or went, and
    /// renders the files whose inputs changed (all of them when templates read any page).
    /// `None` when only a full build can tell (translations). On an error the previous state is
    /// dropped, so the next change builds everything.
    fn restructure(&mut self, rels: &[String], build_date: &str) -> Option<Result<Changed, Vec<Diagnostic>>> {
        let state = self.state.as_ref()?;
        // Translations: which page is whose translation is not in the prints.
        if !state.prepared.site.config.languages.is_empty() {
            return None;
        }
        // `get_page` and `get_section` let a template show any page: no print covers that.
        let reads_pages = crate::data::reads_pages(&state.prepared.source.theme);
        let root = self.opts.root.clone();
        let changed: HashSet<&str> = rels.iter().map(String::as_str).collect();
        let mut diags = Vec::new();
        let mut fresh = Vec::new();
        // Drafts are not kept in the site: read them again (there are few).
        let drafts: Vec<String> = state
            .prepared
            .site
            .targets
            .drafts
            .iter()
            .filter(|r| !changed.contains(r.as_str()))
            .cloned()
            .collect();
        for rel in rels.iter().chain(&drafts) {
            if !root.join("content").join(rel).is_file() {
                if drafts.contains(rel) {
                    return None;
                }
                continue;
            }
            match load::read_one(&root, rel) {
                Ok((source, _)) => {
                    if let Some(parsed) = parse::parse(source, &mut diags) {
                        fresh.push(parsed);
                    }
                }
                Err(d) => diags.push(d),
            }
        }
        if diags.iter().any(|d| d.severity == Severity::Error) {
            return Some(fail_on_errors(diags).map(|()| (Files::new(), Vec::new())));
        }
        let old = self.state.take()?;
        let State {
            prepared,
            prints: old_prints,
            code_paths: old_code,
            shared,
            jobs,
            shown_in: old_shown,
            page_of,
            // Always `None`: `content_changed` finished the change before.
            later: _,
        } = old;
        // Freeing 10,000 list items is not the browser's business.
        drop_later((shared, jobs, old_shown, page_of));
        let crate::Prepared { site, source, md, tera, ext, docs, bulletins, strings } = prepared;
        let crate::resolve::Site { config, pages, sections, taxonomies, targets, assets } = site;
        let mut html = HashMap::new();
        let mut parsed = fresh;
        let mut old_parts = Vec::with_capacity(pages.len());
        for (page, h) in pages.into_iter().zip(md.pages) {
            let crate::resolve::Page { parsed: p, title, slug, url, terms, .. } = page;
            if !changed.contains(p.source.rel.as_str()) {
                html.insert(p.source.rel.clone(), h);
                parsed.push(p);
            }
            old_parts.push((title, slug, url, terms));
        }
        for (sec, h) in sections.into_iter().zip(md.sections) {
            if let Some(p) = sec.parsed.filter(|p| !changed.contains(p.source.rel.as_str())) {
                html.insert(p.source.rel.clone(), h);
                parsed.push(p);
            }
        }
        parsed.sort_by(|a, b| load::walk_order(&a.source.rel, &b.source.rel));
        drop_later((old_parts, config, taxonomies, assets, docs, bulletins, strings));
        let reuse = crate::Reuse { html, targets, tera, images: ext.images };
        let prepared = crate::assemble(&root, source, parsed, Ok(reuse), &mut diags);
        if let Err(e) = fail_on_errors(diags) {
            return Some(Err(e));
        }
        let Some(tera) = prepared.tera.as_ref() else { return Some(Err(Vec::new())) };
        let model = model(&prepared);
        let jobs = match render::plan(&model, tera) {
            Ok(jobs) => jobs,
            Err(e) => return Some(Err(e)),
        };
        let shared = Shared::new(&model, build_date);
        let prints =
            touched::prints(&model, &shared, &jobs, touched::shows_page_count(&prepared.source.theme));
        let dirty: Vec<Job> = jobs
            .iter()
            .filter(|&j| {
                let path = render::job_path(&model, j);
                reads_pages || old_prints.get(&path) != prints.get(&path)
            })
            .copied()
            .collect();
        let (mut files, diags) = render_files(&model, tera, &shared, &dirty);
        if let Err(e) = fail_on_errors(diags) {
            return Some(Err(e));
        }
        let code_paths = add_code_outputs(&model, &mut files);
        let (copies, image_diags) = prepared.ext.images.outputs();
        if let Err(e) = fail_on_errors(image_diags) {
            return Some(Err(e));
        }
        for out in copies {
            files.insert(out.path, out.bytes.into());
        }
        let mut gone: Vec<String> = old_prints.keys().filter(|k| !prints.contains_key(*k)).cloned().collect();
        gone.extend(old_code.into_iter().filter(|k| !code_paths.contains(k)));
        gone.retain(|k| !files.contains_key(k));
        let shown_in = shown_in(&model, &jobs);
        drop_later(old_prints);
        let page_of = page_index(&prepared);
        self.state =
            Some(State { prepared, shared, jobs, shown_in, page_of, prints, code_paths, later: None });
        Some(Ok((files, gone)))
    }

    /// `None` when the change needs a full build.
    fn try_incremental(&mut self, rels: &[String]) -> Option<Result<Changed, Vec<Diagnostic>>> {
        let state = self.state.as_mut()?;
        let content = self.opts.root.join("content");
        // Read and parse every changed file first: any surprise means a full build.
        let mut changes = Vec::new();
        let mut retitled = false;
        for rel in rels {
            let &i = state.page_of.get(rel)?;
            let page = &state.prepared.site.pages[i];
            let bytes = std::fs::read(content.join(rel)).ok()?;
            let text = match load::decode(&bytes) {
                Ok(t) => t,
                Err(line) => {
                    let msg = crate::messages::text(crate::messages::Msg::NotUtf8 { line });
                    return Some(Err(vec![Diagnostic::error(&page.parsed.source.shown, line, 0, msg)]));
                }
            };
            if text == page.parsed.source.text {
                continue;
            }
            let mut diags = Vec::new();
            let source = load::Source { text, ..page.parsed.source.clone() };
            let Some(parsed) = parse::parse(source, &mut diags) else { return Some(Err(diags)) };
            let title = if parsed.front == page.parsed.front {
                None
            } else {
                // One retitled page at a time: two could swap places in a list.
                if retitled {
                    return None;
                }
                retitled = true;
                match retitle(&state.prepared, i, &parsed.front) {
                    Some(title) => Some(title),
                    // Terms entered or left: updated in place (`retag`) when that is all.
                    None if rels.len() == 1 => {
                        let result = state.retag(i, parsed, &self.open);
                        // An error after the site was changed: the next change builds all.
                        if matches!(result, Some(Err(_))) {
                            self.state = None;
                        }
                        return result;
                    }
                    None => return None,
                }
            };
            changes.push((i, parsed, title));
        }
        if changes.is_empty() {
            return Some(Ok((Files::new(), Vec::new())));
        }
        Some(state.apply(changes, &self.opts.root).map(|files| (files, Vec::new())))
    }
}

/// The new title of page `i` when its front matter changed only in what a page shows of
/// itself (title, description, summary, `extra`) and the lists of pages citing a
/// document keep their order; `None` when the site must be resolved again.
fn retitle(p: &Prepared, i: usize, front: &parse::FrontMatter) -> Option<String> {
    let site = &p.site;
    // Translations list each other's titles: not in `shown_in`.
    if !site.config.languages.is_empty() {
        return None;
    }
    let old = &site.pages[i].parsed.front;
    let shown_only = parse::FrontMatter {
        title: old.title.clone(),
        description: old.description.clone(),
        summary: old.summary.clone(),
        extra: old.extra.clone(),
        ..front.clone()
    };
    // A title that goes or comes changes to or from the file's name: resolve decides.
    if shown_only != *old || front.title.is_none() || old.title.is_none() {
        return None;
    }
    let title = front.title.clone()?;
    let title_of = |p: usize| if p == i { title.as_str() } else { site.pages[p].title.as_str() };
    // Strictly between its neighbours, or sorting again could move it.
    let stays = |list: &[usize], order: &dyn Fn(usize, usize) -> std::cmp::Ordering| {
        let Some(at) = list.iter().position(|&p| p == i) else { return true };
        let before = at.checked_sub(1).map(|k| list[k]);
        let after = list.get(at + 1).copied();
        before.is_none_or(|b| order(b, i).is_lt()) && after.is_none_or(|a| order(i, a).is_lt())
    };
    // Section and term lists are sorted again by `apply` (their order is total); the
    // pages citing a document run newest first, then by title, ties in the order found.
    let cited_order = |a: usize, b: usize| {
        let (fa, fb) = (&site.pages[a].parsed.front, &site.pages[b].parsed.front);
        fb.date.cmp(&fa.date).then_with(|| title_of(a).cmp(title_of(b)))
    };
    if p.docs.docs.iter().any(|d| !stays(&d.cited_by, &cited_order)) {
        return None;
    }
    Some(title)
}

impl State {
    /// Applies body-only edits of pages and re-renders what shows them.
    fn apply(
        &mut self,
        changes: Vec<(usize, parse::Parsed, Option<String>)>,
        root: &std::path::Path,
    ) -> Result<Files, Vec<Diagnostic>> {
        let p = &mut self.prepared;
        let mut diags = Vec::new();
        let mut touched: HashSet<usize> = HashSet::new();
        let mut relink = false;
        let mut retitled = Vec::new();
        for (i, parsed, title) in changes {
            if let Some(title) = title {
                p.site.pages[i].title = title;
                retitled.push(i);
            }
            let (html, d) = markdown::render_with(&parsed, &p.site.targets, &p.ext);
            diags.extend(d);
            let keys =
                |h: &markdown::Html| h.mentions.iter().map(|m| m.key.clone()).collect::<HashSet<String>>();
            relink |= keys(&html) != keys(&p.md.pages[i]) || p.docs.of_page.contains_key(&i);
            p.site.pages[i].parsed = parsed;
            p.md.pages[i] = html;
            touched.insert(i);
        }
        let doc_pages = if relink { relink_documents(p, &mut diags) } else { None };
        let docs_changed = doc_pages.is_some();
        let doc_pages = doc_pages.unwrap_or_default();
        if touched.iter().any(|&i| bulletin::is_bulletin(&p.site.pages[i])) {
            p.bulletins = bulletin::index(&p.site, &p.docs, &mut diags);
        }
        fail_on_errors(diags)?;
        // `get_page`/`get_section` hand out copies made when they were registered: make
        // them again from the edited pages, and re-render every file, since any template
        // may show any page that way.
        let reads_pages = crate::data::reads_pages(&p.source.theme);
        if reads_pages {
            if let Some(tera) = p.tera.as_mut() {
                crate::data::register(tera, root, &p.source.theme, &p.site, &p.md);
            }
        }

        // A new title can move its page among pages of the same date or weight.
        let moved = if retitled.is_empty() { Vec::new() } else { self.reorder(&retitled) };
        let p = &mut self.prepared;
        let model = Model { site: &p.site, md: &p.md, docs: &p.docs, bulletins: &p.bulletins };
        for &i in &touched {
            self.shared.refresh_item(&model, i);
        }
        let mut selected: HashSet<usize> =
            touched.iter().flat_map(|&i| self.shown_in[i].iter().copied()).collect();
        selected.extend(moved);
        for (j, job) in self.jobs.iter().enumerate() {
            let is_doc_page = matches!(job, Job::Page(i) if doc_pages.contains(i));
            if reads_pages || is_doc_page || (docs_changed && matches!(job, Job::Timeline | Job::Graph)) {
                selected.insert(j);
            }
        }
        let jobs: Vec<Job> = selected.into_iter().map(|j| self.jobs[j]).collect();
        // Their prints are from before this edit: the next restructure renders them again.
        for job in &jobs {
            self.prints.insert(render::job_path(&model, job), STALE);
        }
        let Some(tera) = p.tera.as_ref() else { return Err(Vec::new()) };
        let (mut files, diags) = render_files(&model, tera, &self.shared, &jobs);
        fail_on_errors(diags)?;
        // URLs and dates did not change, so the sitemap did not; summaries may have.
        for out in render::scripts(&model).into_iter().chain(render::feed_outputs(&model)) {
            files.insert(out.path, out.bytes.into());
        }
        // Copies of photos an edited page now shows (the cache makes known ones cheap).
        let (copies, image_diags) = p.ext.images.outputs();
        fail_on_errors(image_diags)?;
        for out in copies {
            files.insert(out.path, out.bytes.into());
        }
        Ok(files)
    }
}

impl State {
    /// Sorts again the section and term lists holding the `retitled` pages; the jobs
    /// whose pages or their order changed (list pages, neighbours), with `shown_in`
    /// brought up to date.
    fn reorder(&mut self, retitled: &[usize]) -> Vec<usize> {
        let p = &mut self.prepared;
        let shows_all = |p: &Prepared| -> Vec<Vec<usize>> {
            let model = model(p);
            self.jobs.iter().map(|job| render::shows(&model, job)).collect()
        };
        let before = shows_all(p);
        let site = &mut p.site;
        for &i in retitled {
            let s = site.pages[i].section;
            crate::resolve::order_section(&mut site.sections[s], &mut site.pages);
            for (t, k) in site.pages[i].terms.clone() {
                let mut list = std::mem::take(&mut site.taxonomies[t].terms[k].pages);
                crate::resolve::sort_pages(&mut list, &site.pages, parse::SortBy::Date);
                site.taxonomies[t].terms[k].pages = list;
            }
        }
        let after = shows_all(p);
        let mut moved = Vec::new();
        for (j, (old, new)) in before.iter().zip(&after).enumerate() {
            if old == new {
                continue;
            }
            moved.push(j);
            for &q in old {
                self.shown_in[q].retain(|&x| x != j);
            }
            for &q in new {
                if !self.shown_in[q].contains(&j) {
                    self.shown_in[q].push(j);
                }
            }
        }
        moved
    }
}

impl State {
    /// Renders `own` and the jobs of the pages browsers show (`open`), the first files
    /// of an in-place change; their paths, and the files.
    fn render_first(
        &self,
        open: &HashSet<String>,
        own: Option<Job>,
    ) -> Result<(HashSet<String>, Files), Vec<Diagnostic>> {
        let p = &self.prepared;
        let Some(tera) = p.tera.as_ref() else { return Err(Vec::new()) };
        let model = model(p);
        let mut jobs: Vec<Job> = own.into_iter().collect();
        jobs.extend(open.iter().filter_map(|path| job_of(&model, path)).filter(|j| Some(*j) != own));
        // A render costs a few milliseconds before its first file (templates, list entries).
        if jobs.is_empty() {
            return Ok((HashSet::new(), Files::new()));
        }
        let (files, diags) = render_files(&model, tera, &self.shared, &jobs);
        fail_on_errors(diags)?;
        Ok((files.keys().cloned().collect(), files))
    }
}

/// The page, section or term list page whose output is `path`, if the site has one.
fn job_of(model: &Model, path: &str) -> Option<Job> {
    let site = model.site;
    let is = |job: Job| render::job_path(model, &job) == path;
    let pages = (0..site.pages.len()).map(Job::Page);
    let sections = site
        .sections
        .iter()
        .enumerate()
        .flat_map(|(s, sec)| (1..=sec.pager_count()).map(move |n| Job::Section(s, n)));
    let per = site.config.paginate_by;
    let terms =
        site.taxonomies.iter().enumerate().filter(|(_, t)| !t.terms.is_empty()).flat_map(|(t, tax)| {
            let pagers = tax.terms.iter().enumerate().flat_map(move |(k, term)| {
                (1..=crate::resolve::pager_count(term.pages.len(), per)).map(move |n| Job::Term(t, k, n))
            });
            std::iter::once(Job::TaxonomyList(t)).chain(pagers)
        });
    pages.chain(sections).chain(terms).find(|&job| is(job))
}

/// Relinks every document after mentions changed; `Some(pages)` of the documents whose
/// citations changed, `None` when none did.
fn relink_documents(p: &mut Prepared, diags: &mut Vec<Diagnostic>) -> Option<Vec<usize>> {
    let before: Vec<(Vec<usize>, Vec<usize>)> =
        p.docs.docs.iter().map(|d| (d.cites.clone(), d.cited_by.clone())).collect();
    let mut docs = document::index(&p.site, diags);
    let found: Vec<&[Found]> = p.md.pages.iter().map(|h| h.mentions.as_slice()).collect();
    docs.link_up_reporting(&p.site, &found, diags, false);
    let changed = |d: &document::Doc, (c, b): &(Vec<usize>, Vec<usize>)| &d.cites != c || &d.cited_by != b;
    let pages: Vec<usize> =
        docs.docs.iter().zip(&before).filter(|(d, old)| changed(d, old)).map(|(d, _)| d.page).collect();
    let any = docs.docs.len() != before.len() || !pages.is_empty();
    p.docs = docs;
    any.then_some(pages)
}

/// After an in-place change rendered `files` (`rendered` their paths): drops from
/// `prints` the outputs no longer made (`paths` are all of them now) and returns those
/// gone, code outputs (`new_code`) included. The rendered outputs' prints are from
/// before the change: marked stale, the next restructure renders them again.
fn forget_gone(
    prints: &mut touched::Prints,
    code_paths: &mut HashSet<String>,
    new_code: HashSet<String>,
    paths: &[String],
    rendered: impl Iterator<Item = String>,
    files: &Files,
) -> Vec<String> {
    let now: HashSet<&str> = paths.iter().map(String::as_str).collect();
    let mut gone: Vec<String> = prints.keys().filter(|k| !now.contains(k.as_str())).cloned().collect();
    gone.extend(code_paths.iter().filter(|k| !new_code.contains(*k)).cloned());
    gone.retain(|k| !files.contains_key(k));
    for path in &gone {
        prints.remove(path);
    }
    for path in rendered {
        prints.insert(path, STALE);
    }
    *code_paths = new_code;
    gone
}

/// Page index → indices of the jobs whose output shows that page.
fn shown_in(model: &Model, jobs: &[Job]) -> Vec<Vec<usize>> {
    let mut shown_in = vec![Vec::new(); model.site.pages.len()];
    for (j, job) in jobs.iter().enumerate() {
        for p in render::shows(model, job) {
            shown_in[p].push(j);
        }
    }
    shown_in
}

fn page_index(p: &Prepared) -> HashMap<String, usize> {
    p.site.pages.iter().enumerate().map(|(i, p)| (p.parsed.source.rel.clone(), i)).collect()
}

fn model(p: &Prepared) -> Model<'_> {
    Model { site: &p.site, md: &p.md, docs: &p.docs, bulletins: &p.bulletins }
}

fn insert(files: &Mutex<Files>, out: Output) -> std::io::Result<()> {
    files.lock().unwrap_or_else(|p| p.into_inner()).insert(out.path, out.bytes.into());
    Ok(())
}

/// Renders `jobs` into files in memory; returns them with the problems met.
fn render_files(model: &Model, tera: &tera::Tera, shared: &Shared, jobs: &[Job]) -> (Files, Vec<Diagnostic>) {
    let files = Mutex::new(Files::new());
    let diags = render::limits::with_stack(|| {
        render::render_jobs(model, tera, shared, jobs, &|out| insert(&files, out))
    });
    (files.into_inner().unwrap_or_else(|p| p.into_inner()), diags)
}

/// Adds the files code writes (sitemap, feeds, robots.txt) to `files`; returns their paths.
fn add_code_outputs(model: &Model, files: &mut Files) -> HashSet<String> {
    let mut code_paths = HashSet::new();
    for out in render::code_outputs(model) {
        code_paths.insert(out.path.clone());
        files.insert(out.path, out.bytes.into());
    }
    code_paths
}

fn read(source: &FileSource) -> Result<Arc<[u8]>, Diagnostic> {
    match source {
        FileSource::Embedded(bytes) => Ok(Arc::from(*bytes)),
        FileSource::Disk(path) => {
            std::fs::read(path).map(Arc::from).map_err(|e| Diagnostic::error(path, 0, 0, e.to_string()))
        }
    }
}

/// Errors stop the rebuild; warnings and notes are not the preview's business.
fn fail_on_errors(diags: Vec<Diagnostic>) -> Result<(), Vec<Diagnostic>> {
    let (errors, others): (Vec<Diagnostic>, Vec<Diagnostic>) =
        diags.into_iter().partition(|d| d.severity == Severity::Error);
    // Freeing 10,000 notes is not the browser's business either.
    if others.len() > 256 {
        drop_later(others);
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors)
    }
}

/// Frees `x` on another thread, off the rebuild's path.
fn drop_later<T: Send + 'static>(x: T) {
    std::thread::spawn(move || drop(x));
}

fn as_diagnostics(e: anyhow::Error) -> Vec<Diagnostic> {
    match e.downcast::<crate::error::SiteErrors>() {
        Ok(crate::error::SiteErrors(d)) => d,
        Err(e) => vec![Diagnostic::error("", 0, 0, format!("{e:#}"))],
    }
}
