//! Resolve stage: give every page and section its URL and place in the site.
//!
//! Input: parsed pages, content assets and static files. Output: a `Site` with
//! sections, ordering, previous/next, pagination, taxonomies and link targets.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::path::PathBuf;

use crate::config::{Config, Taxonomy};
use crate::error::Diagnostic;
use crate::markdown::LinkTargets;
use crate::messages::{self, Msg};
use crate::parse::{Parsed, SortBy};
use crate::slug::slugify;

/// Files every build writes besides pages.
pub const SPECIAL_FILES: &[&str] = &["/sitemap.xml", "/atom.xml", "/robots.txt", "/404.html"];

/// The whole site, ready to render.
pub struct Site {
    pub config: Config,
    pub pages: Vec<Page>,
    /// Index 0 is the home section.
    pub sections: Vec<Section>,
    pub taxonomies: Vec<TaxonomyIndex>,
    pub targets: LinkTargets,
    /// Content files that are not Markdown: (output path, file).
    pub assets: Vec<(String, PathBuf)>,
}

/// A page with its place in the site.
pub struct Page {
    pub parsed: Parsed,
    pub title: String,
    pub slug: String,
    /// Site-absolute URL, `/van-ban/chi-thi-11/`.
    pub url: String,
    pub section: usize,
    pub prev: Option<usize>,
    pub next: Option<usize>,
    /// (taxonomy index, term index) pairs.
    pub terms: Vec<(usize, usize)>,
}

/// A folder of `content/`, described by its optional `_index.md`.
pub struct Section {
    pub parsed: Option<Parsed>,
    /// Folder relative to `content/` ("" for the home section).
    pub dir: String,
    pub url: String,
    pub title: String,
    pub weight: Option<i64>,
    pub parent: Option<usize>,
    /// Pages in display order.
    pub pages: Vec<usize>,
    pub subsections: Vec<usize>,
    /// Pages per list page (0: one page holds all).
    pub paginate_by: usize,
}

impl Section {
    /// Number of list pages this section renders (at least one).
    pub fn pager_count(&self) -> usize {
        pager_count(self.pages.len(), self.paginate_by)
    }
}

/// Number of list pages for `items` entries at `per` a page (0: all on one); at least one.
pub fn pager_count(items: usize, per: usize) -> usize {
    if per == 0 {
        1
    } else {
        items.div_ceil(per).max(1)
    }
}

/// Which entries list page `n` (1-based) shows.
pub fn pager_range(items: usize, per: usize, n: usize) -> std::ops::Range<usize> {
    let per = if per == 0 { items.max(1) } else { per };
    ((n - 1) * per).min(items)..(n * per).min(items)
}

impl Site {
    /// The top-level section whose folder's slug is `slug` ("Văn bản" counts as `van-ban`).
    pub fn top_section(&self, slug: &str) -> Option<usize> {
        self.sections.iter().position(|s| s.parent == Some(0) && slugify(&s.dir) == slug)
    }
}

/// Is a content path inside the top-level folder whose slug is `slug`?
pub fn in_top_folder(rel: &str, slug: &str) -> bool {
    rel.split_once('/').is_some_and(|(top, _)| slugify(top) == slug)
}

/// URL of list page `n` (1-based) of a list at `base`.
pub fn pager_url(base: &str, n: usize) -> String {
    if n <= 1 {
        base.to_owned()
    } else {
        format!("{base}page/{n}/")
    }
}

/// A taxonomy (such as tags) with its terms.
pub struct TaxonomyIndex {
    pub config: Taxonomy,
    pub url: String,
    pub terms: Vec<Term>,
}

/// One term of a taxonomy and the pages that carry it.
pub struct Term {
    pub name: String,
    pub slug: String,
    pub url: String,
    pub pages: Vec<usize>,
}

/// Builds the site model; URL and slug problems go to `diags`.
pub fn resolve(
    config: Config,
    parsed: Vec<Parsed>,
    assets: Vec<(String, PathBuf)>,
    statics: impl Iterator<Item = String>,
    drafts: bool,
    diags: &mut Vec<Diagnostic>,
) -> Site {
    let (index_files, page_files): (Vec<Parsed>, Vec<Parsed>) =
        parsed.into_iter().partition(Parsed::is_section);
    let (page_files, left_out): (Vec<Parsed>, Vec<Parsed>) =
        page_files.into_iter().partition(|p| drafts || !p.front.draft);
    let draft_sources: HashSet<String> = left_out.into_iter().map(|p| p.source.rel).collect();

    // Folders that hold pages are sections, with or without `_index.md`.
    let mut dirs: BTreeSet<String> = BTreeSet::new();
    dirs.insert(String::new());
    let mut index_by_dir: HashMap<String, Parsed> = HashMap::new();
    for p in index_files {
        let dir = parent(&p.source.rel).to_owned();
        add_with_ancestors(&mut dirs, &dir);
        index_by_dir.insert(dir, p);
    }
    let bundle_dirs: HashSet<String> =
        page_files.iter().filter_map(|p| p.source.rel.strip_suffix("/index.md").map(str::to_owned)).collect();
    for p in &page_files {
        add_with_ancestors(&mut dirs, page_section_dir(&p.source.rel));
    }

    let mut sections: Vec<Section> = Vec::with_capacity(dirs.len());
    let mut section_of_dir: HashMap<String, usize> = HashMap::new();
    for dir in dirs {
        let parsed = index_by_dir.remove(&dir);
        let url = dir_url(&dir);
        let title = parsed.as_ref().and_then(|p| p.front.title.clone()).unwrap_or_else(|| {
            if dir.is_empty() {
                config.title.clone()
            } else {
                crate::slug::title_from_name(last(&dir))
            }
        });
        if parsed.is_none() && !dir.is_empty() {
            let msg = messages::text(Msg::SectionWithoutIndex { dir: &dir, title: &title });
            diags.push(Diagnostic::warning(format!("content/{dir}/"), 0, 0, msg));
        }
        let parent = if dir.is_empty() { None } else { section_of_dir.get(parent(&dir)).copied() };
        let paginate_by = parsed.as_ref().and_then(|p| p.front.paginate_by).unwrap_or(config.paginate_by);
        let weight = parsed.as_ref().and_then(|p| p.front.weight);
        section_of_dir.insert(dir.clone(), sections.len());
        sections.push(Section {
            parsed,
            dir,
            url,
            title,
            weight,
            parent,
            pages: Vec::new(),
            subsections: Vec::new(),
            paginate_by,
        });
    }
    for i in 1..sections.len() {
        if let Some(p) = sections[i].parent {
            sections[p].subsections.push(i);
        }
    }

    // Pages: slug, URL, section.
    let mut pages: Vec<Page> = Vec::with_capacity(page_files.len());
    for p in page_files {
        let rel = &p.source.rel;
        let section = section_of_dir[page_section_dir(rel)];
        let default_slug = match rel.strip_suffix("/index.md") {
            Some(bundle) => last(bundle).to_owned(),
            None => last(rel).trim_end_matches(".md").to_owned(),
        };
        let slug = match &p.front.slug {
            Some(s) => match checked_slug(s) {
                Some(s) => s,
                None => {
                    diags.push(bad_key(&p, "slug", s));
                    continue;
                }
            },
            None => slugify(&default_slug),
        };
        let slug = if slug.is_empty() { "trang".to_owned() } else { slug };
        // `con`, `aux`, `nul`… cannot be folder names on Windows or a USB stick read there.
        let slug = match crate::slug::safe(slug.clone()) {
            safe if safe != slug => {
                diags.push(crate::portable::reserved_slug(&p, &slug, &safe));
                safe
            }
            _ => slug,
        };
        let url = match &p.front.path {
            Some(path) => match checked_path(path) {
                Some(path) => path,
                None => {
                    diags.push(bad_key(&p, "path", path));
                    continue;
                }
            },
            None => format!("{}{slug}/", sections[section].url),
        };
        let title = p.front.title.clone().unwrap_or_else(|| default_slug.clone());
        if crate::new::is_placeholder_title(&title) {
            let line = crate::config::key_line(p.source.text.get(..p.body_start).unwrap_or(""), "title");
            let msg = messages::text(Msg::TitlePlaceholder);
            diags.push(Diagnostic::warning(&p.source.shown, line, 1, msg).with_excerpt_from(&p.source.text));
        }
        pages.push(Page { parsed: p, title, slug, url, section, prev: None, next: None, terms: Vec::new() });
    }

    // Two sources of one output path are found by `outputs::check`, with every other output.

    // Order pages within sections; previous/next follow that order.
    for (i, page) in pages.iter().enumerate() {
        sections[page.section].pages.push(i);
    }
    for s in &mut sections {
        order_section(s, &mut pages);
    }
    let order: Vec<(Option<i64>, String)> = sections.iter().map(|s| (s.weight, s.title.clone())).collect();
    for s in &mut sections {
        s.subsections.sort_by(|&a, &b| {
            let (wa, ta) = &order[a];
            let (wb, tb) = &order[b];
            wa.unwrap_or(i64::MAX).cmp(&wb.unwrap_or(i64::MAX)).then_with(|| ta.cmp(tb))
        });
    }

    let taxonomies = build_taxonomies(&config, &mut pages, diags);

    // What links may point at.
    let mut by_source: HashMap<String, String> = HashMap::new();
    let mut urls = crate::markdown::UrlSet::default();
    for s in &sections {
        by_source.insert(s.dir.clone(), s.url.clone());
        let index = if s.dir.is_empty() { "_index.md".to_owned() } else { format!("{}/_index.md", s.dir) };
        by_source.insert(index, s.url.clone());
        for n in 1..=s.pager_count() {
            urls.insert(pager_url(&s.url, n));
        }
    }
    for p in &pages {
        by_source.insert(p.parsed.source.rel.clone(), p.url.clone());
        if let Some(bundle) = p.parsed.source.rel.strip_suffix("/index.md") {
            by_source.insert(bundle.to_owned(), p.url.clone());
        }
        urls.insert(p.url.clone());
    }
    for t in &taxonomies {
        urls.insert(t.url.clone());
        for term in &t.terms {
            urls.insert(term.url.clone());
            for k in 2..=pager_count(term.pages.len(), config.paginate_by) {
                urls.insert(pager_url(&term.url, k));
            }
        }
    }
    let bundle_urls: HashMap<&str, &str> = pages
        .iter()
        .filter_map(|p| p.parsed.source.rel.strip_suffix("/index.md").map(|b| (b, p.url.as_str())))
        .collect();
    let mut asset_outputs = Vec::with_capacity(assets.len());
    for (rel, path) in assets {
        let dir = parent(&rel);
        let file = last(&rel);
        let url = match bundle_urls.get(dir) {
            Some(page_url) => format!("{page_url}{file}"),
            None if bundle_dirs.contains(dir) => continue,
            None => format!("{}{file}", dir_url(dir)),
        };
        by_source.insert(rel, url.clone());
        urls.insert(url.clone());
        asset_outputs.push((url[1..].to_owned(), path));
    }
    for s in statics {
        urls.insert(format!("/{s}"));
    }
    urls.extend(SPECIAL_FILES.iter().map(|s| s.to_string()));

    Site {
        config,
        pages,
        sections,
        taxonomies,
        targets: LinkTargets {
            by_source,
            urls,
            drafts: draft_sources,
            documents: Default::default(),
            document_urls: HashMap::new(),
        },
        assets: asset_outputs,
    }
}

fn parent(rel: &str) -> &str {
    rel.rfind('/').map_or("", |i| &rel[..i])
}

fn last(rel: &str) -> &str {
    rel.rfind('/').map_or(rel, |i| &rel[i + 1..])
}

/// The section folder of a page: its folder, or for a bundle `x/index.md` the folder above `x`.
fn page_section_dir(rel: &str) -> &str {
    match rel.strip_suffix("/index.md") {
        Some(bundle) => parent(bundle),
        None => parent(rel),
    }
}

fn add_with_ancestors(dirs: &mut BTreeSet<String>, dir: &str) {
    let mut d = dir;
    while !d.is_empty() && dirs.insert(d.to_owned()) {
        d = parent(d);
    }
}

/// URL of a content folder: each part slugified, so "Văn bản" serves as `/van-ban/`.
fn dir_url(dir: &str) -> String {
    let mut url = String::from("/");
    for part in dir.split('/').filter(|p| !p.is_empty()) {
        url.push_str(&crate::slug::url_segment(part));
        url.push('/');
    }
    url
}

/// A front-matter `slug`, refused when it could leave its folder.
fn checked_slug(s: &str) -> Option<String> {
    if s.contains("..") || s.contains(['/', '\\']) {
        return None;
    }
    let slug = slugify(s);
    (!slug.is_empty()).then_some(slug)
}

/// A front-matter `path` (such as `gioi-thieu` or `ve-chung-toi/lien-he`) as a URL.
pub fn checked_path(path: &str) -> Option<String> {
    let p = path.trim();
    let absolute = p.starts_with(['/', '\\']) || p.as_bytes().get(1) == Some(&b':');
    if absolute || p.contains('\\') {
        return None;
    }
    let mut url = String::from("/");
    for part in p.split('/').filter(|s| !s.is_empty()) {
        if part == ".." || part == "." {
            return None;
        }
        let slug = crate::slug::url_segment(part);
        if slug.is_empty() {
            return None;
        }
        url.push_str(&slug);
        url.push('/');
    }
    (url.len() > 1).then_some(url)
}

fn bad_key(p: &Parsed, key: &str, value: &str) -> Diagnostic {
    let yaml_line = crate::config::key_line(&p.source.text, key);
    Diagnostic::error(&p.source.shown, yaml_line, 1, messages::text(Msg::BadSlug { key, value }))
        .with_excerpt_from(&p.source.text)
}

/// Sorts a section's pages and links each to its previous and next one (`serve` does
/// it again for a retitled page).
pub(crate) fn order_section(s: &mut Section, pages: &mut [Page]) {
    let sort_by = s.parsed.as_ref().map(|p| p.front.sort_by).unwrap_or_default();
    sort_pages(&mut s.pages, pages, sort_by);
    for &p in &s.pages {
        (pages[p].prev, pages[p].next) = (None, None);
    }
    // Previous is earlier in time: a date-sorted list runs newest first, so its
    // previous page is the one listed after it.
    let newest_first = sort_by == SortBy::Date;
    for w in s.pages.windows(2) {
        let (earlier, later) = if newest_first { (w[1], w[0]) } else { (w[0], w[1]) };
        pages[later].prev = Some(earlier);
        pages[earlier].next = Some(later);
    }
}

pub(crate) fn sort_pages(list: &mut [usize], pages: &[Page], sort_by: SortBy) {
    list.sort_by(|&a, &b| page_order(pages, sort_by, a, b, &|p| &pages[p].title));
}

/// The order of pages `a` and `b` in a list sorted by `sort_by`, with titles from
/// `title` (`serve` asks whether a retitled page still sits where it was).
pub(crate) fn page_order<'a>(
    pages: &'a [Page],
    sort_by: SortBy,
    a: usize,
    b: usize,
    title: &dyn Fn(usize) -> &'a str,
) -> std::cmp::Ordering {
    let (pa, pb) = (&pages[a], &pages[b]);
    let by_title = || title(a).cmp(title(b)).then_with(|| pa.parsed.source.rel.cmp(&pb.parsed.source.rel));
    match sort_by {
        // Newest first; pages without a date after dated ones.
        SortBy::Date => pb.parsed.front.date.cmp(&pa.parsed.front.date).then_with(by_title),
        SortBy::Weight => pa
            .parsed
            .front
            .weight
            .unwrap_or(i64::MAX)
            .cmp(&pb.parsed.front.weight.unwrap_or(i64::MAX))
            .then_with(by_title),
        SortBy::Title => by_title(),
    }
}

fn build_taxonomies(config: &Config, pages: &mut [Page], diags: &mut Vec<Diagnostic>) -> Vec<TaxonomyIndex> {
    let tax_of: HashMap<&str, usize> =
        config.taxonomies.iter().enumerate().map(|(i, t)| (t.name.as_str(), i)).collect();
    let mut assigned: Vec<Vec<(usize, String)>> = vec![Vec::new(); config.taxonomies.len()];
    for (pi, page) in pages.iter().enumerate() {
        let front = &page.parsed.front;
        let tags = front.tags.iter().map(|t| ("tags", t));
        let others =
            front.taxonomies.iter().flat_map(|(name, terms)| terms.iter().map(move |t| (name.as_str(), t)));
        for (name, term) in tags.chain(others) {
            match tax_of.get(name) {
                Some(&ti) => assigned[ti].push((pi, term.clone())),
                None => {
                    let key = if name == "tags" { "tags" } else { "taxonomies" };
                    let line = crate::config::key_line(&page.parsed.source.text, key);
                    diags.push(Diagnostic::warning(
                        &page.parsed.source.shown,
                        line,
                        1,
                        messages::text(Msg::UnknownTaxonomy { name }),
                    ));
                }
            }
        }
    }
    let mut out = Vec::new();
    for (tax, assigned) in config.taxonomies.iter().zip(assigned) {
        let index = out.len();
        out.push(make_taxonomy(tax.clone(), index, &assigned, pages));
    }
    out
}

/// Builds one taxonomy from (page, term name) pairs; terms sorted by slug (so, for a
/// Vietnamese reader, alphabetically without regard to diacritics), pages newest first.
fn make_taxonomy(
    config: Taxonomy,
    index: usize,
    assigned: &[(usize, String)],
    pages: &mut [Page],
) -> TaxonomyIndex {
    let url = format!("/{}/", config.path);
    let mut by_slug: BTreeMap<String, Term> = BTreeMap::new();
    // Many pages carry the same few terms: slugify each name once.
    let mut slugs: HashMap<&str, String> = HashMap::new();
    for (pi, name) in assigned {
        let slug = slugs.entry(name.as_str()).or_insert_with(|| crate::slug::url_segment(name)).clone();
        if slug.is_empty() {
            continue;
        }
        let term = by_slug.entry(slug.clone()).or_insert_with(|| Term {
            name: name.trim().to_owned(),
            url: format!("{url}{slug}/"),
            slug,
            pages: Vec::new(),
        });
        // Pairs come in page order: a page naming a term twice repeats the last entry.
        if term.pages.last() != Some(pi) {
            term.pages.push(*pi);
        }
    }
    let mut terms: Vec<Term> = by_slug.into_values().collect();
    for (k, term) in terms.iter_mut().enumerate() {
        for &pi in &term.pages {
            pages[pi].terms.push((index, k));
        }
        sort_pages(&mut term.pages, pages, SortBy::Date);
    }
    TaxonomyIndex { config, url, terms }
}

/// Adds a taxonomy computed after resolving (document kinds, issuers, years).
pub fn add_taxonomy(site: &mut Site, config: Taxonomy, assigned: &[(usize, String)]) {
    let index = site.taxonomies.len();
    let tax = make_taxonomy(config, index, assigned, &mut site.pages);
    site.targets.urls.insert(tax.url.clone());
    for term in &tax.terms {
        for k in 1..=pager_count(term.pages.len(), site.config.paginate_by) {
            site.targets.urls.insert(pager_url(&term.url, k));
        }
    }
    site.taxonomies.push(tax);
}
