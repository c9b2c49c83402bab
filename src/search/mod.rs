//! Search: an index of every page for the theme's search page, which works from
//! `file://` as well as over HTTP.
//!
//! Input: the render model (pages, their Markdown, documents). Output: JavaScript
//! files under `/search/`, each calling back into `search.js` (`window.loaSearch`), so
//! the browser loads them with `<script>` tags and never needs `fetch`:
//! - `meta.js`: settings, shard lists and one row per page (URL, title, kind and
//!   number, date, section);
//! - `t-*.js`: the term index, sharded by the start of the folded word, so a query
//!   loads only the shards of its words;
//! - `p-*.js`: which pages hold each pair of adjacent words, to rank phrases first;
//! - `x-*.js`: the start of each page's text, `CHUNK` pages a file, for snippets.
//!
//! docs/templates.md#search describes the format; `fold` the folding both sides share.

pub mod fold;
pub mod text;

use std::collections::{BTreeMap, HashMap};

use std::hash::{Hash, Hasher};
use std::sync::Arc;

use rustc_hash::{FxHashMap, FxHashSet, FxHasher};

use rayon::prelude::*;
use serde_json::{json, Value};

use crate::render::{Model, Output};
use crate::resolve::Site;

/// URL of the search page.
pub const URL: &str = "/search/";
/// Template of the search page.
pub const TEMPLATE: &str = "search.html";
/// Index files are written under this folder of the output.
const DIR: &str = "search/";
/// Pages per text chunk (`x-N.js`).
pub const CHUNK: usize = 25;
/// Characters of a page's text kept for snippets.
pub const TEXT_LIMIT: usize = 2000;
/// A shard larger than this (bytes) is split by the next letter.
const SHARD_LIMIT: usize = 48 * 1024;
/// Longest shard name: beyond this, a shard stays whole however large it is.
const MAX_SHARD_DEPTH: usize = 4;
/// Pages are indexed this many at a time, to bound memory on large sites.
const BATCH: usize = 512;

/// Where a word occurs on a page; one bit each, ranked by `search.js`.
const BODY: u8 = 1;
const HEADING: u8 = 2;
const META: u8 = 4;
const TITLE: u8 = 8;
/// The page's own document number.
const NUMBER: u8 = 16;

/// One search index: the default language's at `/search/`, each other language's at
/// `/LANG/search/`, holding only that language's pages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Index {
    /// Language code (`vi`, `tai`).
    pub lang: String,
    /// `""` for the default language, `"tai/"` for another.
    pub prefix: String,
}

impl Index {
    /// URL of this index's search page: `/search/`, `/tai/search/`.
    pub fn url(&self) -> String {
        format!("/{}{DIR}", self.prefix)
    }
}

/// The indexes of the site: the default language's first, then one per configured
/// language that has content (none at all without `build_search_index`).
pub fn indexes(site: &Site) -> Vec<Index> {
    let c = &site.config;
    if !c.build_search_index {
        return Vec::new();
    }
    let mut out = vec![Index { lang: c.language.clone(), prefix: String::new() }];
    for code in c.languages.keys() {
        let has_content = site.sections.iter().any(|s| s.dir == *code);
        if has_content {
            out.push(Index { lang: code.clone(), prefix: format!("{code}/") });
        }
    }
    out
}

/// Makes the search pages' URLs known, so pages and templates may link to them.
pub fn attach(site: &mut Site) {
    for index in indexes(site) {
        site.targets.urls.insert(index.url());
    }
}

/// Is `path` (inside the output) one of an index's data files (`search/…` or
/// `LANG/search/…`)?
pub fn is_index_file(path: &str) -> bool {
    let in_dir =
        |p: &str| p.strip_prefix(DIR).is_some_and(|rest| rest.ends_with(".js") && !rest.contains('/'));
    in_dir(path) || path.split_once('/').is_some_and(|(_, rest)| in_dir(rest))
}

/// Is `url` (site-absolute) under a search page's folder?
pub fn is_index_url(url: &str) -> bool {
    url.starts_with(URL) || url.strip_prefix('/').is_some_and(is_index_file)
}

/// The theme's search script, inside the output; not written without a search index.
pub const SCRIPT: &str = "js/search.js";

/// The `search` value of a search page's template context.
pub fn context(index: &Index) -> Value {
    let url = index.url();
    json!({ "url": url, "meta": format!("{url}meta.js"), "script": format!("/{SCRIPT}"), "lang": index.lang })
}

/// The index files of the site, every language's.
pub fn outputs(model: &Model) -> Vec<Output> {
    outputs_unless(model, &|| false).unwrap_or_default()
}

/// The index files, or `None` as soon as `cancelled()` says so (checked between
/// batches of pages and between steps): `serve` drops a stale index when a new edit
/// arrives instead of making the edit wait for it.
pub fn outputs_unless(model: &Model, cancelled: &dyn Fn() -> bool) -> Option<Vec<Output>> {
    let mut out = Vec::new();
    for index in indexes(model.site) {
        if !write_unless(model, &index, &mut |o| out.push(o), cancelled) {
            return None;
        }
    }
    Some(out)
}

/// Builds every index and hands each file to `emit` as soon as it is ready, so a large
/// site never holds a whole index in memory at once.
pub fn write(model: &Model, emit: &mut dyn FnMut(Output)) {
    for index in indexes(model.site) {
        write_unless(model, &index, emit, &|| false);
    }
}

/// Does content path `rel` (a page's or a section's folder) belong to `index`'s language?
fn in_language(site: &Site, index: &Index, rel: &str) -> bool {
    let lang = crate::languages::split(rel, &site.config.languages).map(|(l, _)| l);
    match lang {
        Some(l) => index.prefix.strip_suffix('/') == Some(l),
        // A language's own home section (`tai`) has no slash.
        None => {
            index.prefix.is_empty() && !site.config.languages.contains_key(rel)
                || index.prefix.strip_suffix('/') == Some(rel)
        }
    }
}

/// One index, stopping early (and returning false) once `cancelled()` is true.
fn write_unless(
    model: &Model,
    index: &Index,
    emit: &mut dyn FnMut(Output),
    cancelled: &dyn Fn() -> bool,
) -> bool {
    let site = model.site;
    let pages = pages_of(site, index);
    let mut merge = Merge::new(pages.len());
    let titles: Vec<&str> = site.sections.iter().map(|s| s.title.as_str()).collect();
    // Rows are numbered within the index: row `k` is the `k`-th page of the language.
    for batch in pages.chunks(BATCH) {
        if cancelled() {
            return false;
        }
        let indexed: Vec<PageIndex> = batch.par_iter().map(|&i| index_page(model, i)).collect();
        for (p, &i) in indexed.into_iter().zip(batch) {
            merge.absorb(p, site.pages[i].section, &titles);
        }
    }
    // Then the list pages people look for by name: sections, the broadcast schedule,
    // the documents' timeline and graph ("lich phat thanh" finds the schedule).
    for (p, s) in list_pages(model, index) {
        merge.absorb(p, s, &titles);
    }
    let head = Head {
        dir: format!("{}{DIR}", index.prefix),
        lang: index.lang.clone(),
        pretty: site.config.pretty_urls,
    };
    merge.finish(&head, emit, cancelled)
}

/// The pages of `index`'s language, in site order.
fn pages_of(site: &Site, index: &Index) -> Vec<usize> {
    (0..site.pages.len()).filter(|&i| in_language(site, index, &site.pages[i].parsed.source.rel)).collect()
}

/// One page's part of the index, kept by `serve` between rebuilds: an edit indexes
/// again only the pages whose inputs changed (`page_key`).
#[derive(Default)]
pub struct Memo {
    pages: FxHashMap<String, (u64, Arc<PageIndex>)>,
}

/// A page's part of an index, with its site section.
type Part = (Arc<PageIndex>, usize);
/// A list page's part (sections, schedule, timeline), with its site section.
type Listed = (PageIndex, usize);

/// What one rebuild of the indexes needs, owned: `serve` makes it on the rebuild
/// thread once the browser is told to reload, and merges it on another thread, so no
/// edit waits for the index.
pub struct Snapshot {
    /// Per index: where it goes, its pages, its list pages.
    indexes: Vec<(Head, Vec<Part>, Vec<Listed>)>,
    titles: Vec<String>,
}

/// The indexes' inputs, indexing again only the pages `memo` does not hold as they are.
pub fn snapshot(model: &Model, memo: &mut Memo) -> Snapshot {
    let site = model.site;
    if !site.config.build_search_index {
        memo.pages.clear();
        return Snapshot { indexes: Vec::new(), titles: Vec::new() };
    }
    let keys: Vec<u64> = (0..site.pages.len()).into_par_iter().map(|i| page_key(model, i)).collect();
    let rel = |i: usize| &site.pages[i].parsed.source.rel;
    let held = |i: usize| memo.pages.get(rel(i)).filter(|(k, _)| *k == keys[i]).map(|(_, p)| p.clone());
    let parts: Vec<Arc<PageIndex>> = (0..site.pages.len())
        .into_par_iter()
        .map(|i| held(i).unwrap_or_else(|| Arc::new(index_page(model, i))))
        .collect();
    memo.pages = (0..site.pages.len()).map(|i| (rel(i).clone(), (keys[i], parts[i].clone()))).collect();
    let mut made = Vec::new();
    for index in indexes(site) {
        let pages = pages_of(site, &index).into_iter().map(|i| (parts[i].clone(), site.pages[i].section));
        let head = Head {
            dir: format!("{}{DIR}", index.prefix),
            lang: index.lang.clone(),
            pretty: site.config.pretty_urls,
        };
        made.push((head, pages.collect(), list_pages(model, &index)));
    }
    Snapshot { indexes: made, titles: site.sections.iter().map(|s| s.title.clone()).collect() }
}

impl Snapshot {
    /// The index files, as `outputs` makes them; `None` once `cancelled()` says so.
    pub fn run(&self, cancelled: &dyn Fn() -> bool) -> Option<Vec<Output>> {
        let titles: Vec<&str> = self.titles.iter().map(String::as_str).collect();
        let mut out = Vec::new();
        for (head, pages, lists) in &self.indexes {
            let mut merge = Merge::new(pages.len());
            for (k, (p, s)) in pages.iter().enumerate() {
                if k % BATCH == 0 && cancelled() {
                    return None;
                }
                merge.absorb_kept(p, *s, &titles);
            }
            for (p, s) in lists {
                merge.absorb_kept(p, *s, &titles);
            }
            if !merge.finish(head, &mut |o| out.push(o), cancelled) {
                return None;
            }
        }
        Some(out)
    }
}

/// What `meta.js` says besides the pages: where the index is and how its URLs look.
#[derive(Clone)]
struct Head {
    dir: String,
    lang: String,
    pretty: bool,
}

/// One index being put together from its pages' parts, in row order.
///
/// Words and pairs are interned: a large site repeats the same few thousand words
/// millions of times, and a map keyed by fresh strings spent seconds allocating.
#[derive(Default)]
struct Merge {
    term_ids: FxHashMap<String, usize>,
    term_names: Vec<String>,
    variants: Vec<Vec<(String, Vec<Posting>)>>,
    pair_ids: FxHashMap<u64, usize>,
    pair_keys: Vec<(usize, usize)>,
    pair_pages: Vec<Vec<u32>>,
    rows: Vec<Value>,
    texts: Vec<String>,
    sections: Vec<String>,
    section_of: HashMap<usize, usize>,
}

impl Merge {
    fn new(pages: usize) -> Merge {
        Merge { rows: Vec::with_capacity(pages), texts: Vec::with_capacity(pages), ..Merge::default() }
    }

    /// Adds one indexed page (or list page) as the next row, in site section `s`.
    fn absorb(&mut self, p: PageIndex, s: usize, titles: &[&str]) {
        self.absorb_words(&p);
        self.push_row(p.row, p.text, s, titles);
    }

    /// `absorb` for a part that is kept (`serve`'s memo): its row and text are copied.
    fn absorb_kept(&mut self, p: &PageIndex, s: usize, titles: &[&str]) {
        self.absorb_words(p);
        self.push_row(p.row.clone(), p.text.clone(), s, titles);
    }

    fn absorb_words(&mut self, p: &PageIndex) {
        let page = self.rows.len() as u32;
        let (term_ids, term_names, variants) = (&mut self.term_ids, &mut self.term_names, &mut self.variants);
        let ids: Vec<usize> = p
            .folded
            .iter()
            .map(|&f| intern(term_ids, term_names, p.word(f), || variants.push(Vec::new())))
            .collect();
        for &(f, exact, mask, tf) in &p.terms {
            let exact = p.word(exact);
            let list = &mut self.variants[ids[f as usize]];
            let posting = Posting { page, mask, tf: tf.min(255) as u8 };
            match list.iter_mut().find(|(e, _)| e == exact) {
                Some((_, postings)) => postings.push(posting),
                None => list.push((exact.to_owned(), vec![posting])),
            }
        }
        for &(a, b) in &p.pairs {
            let (a, b) = (ids[a as usize], ids[b as usize]);
            let next = self.pair_keys.len();
            let id = *self.pair_ids.entry(((a as u64) << 32) | b as u64).or_insert(next);
            if id == next {
                self.pair_keys.push((a, b));
                self.pair_pages.push(Vec::new());
            }
            self.pair_pages[id].push(page);
        }
    }

    fn push_row(&mut self, mut row: Vec<Value>, text: String, s: usize, titles: &[&str]) {
        let next = self.sections.len();
        let section = *self.section_of.entry(s).or_insert(next);
        if section == next {
            self.sections.push(titles[s].to_owned());
        }
        row.push(section.into());
        self.rows.push(Value::Array(row));
        self.texts.push(text);
    }

    /// Writes the index files; false when `cancelled()` turned true first.
    fn finish(self, head: &Head, emit: &mut dyn FnMut(Output), cancelled: &dyn Fn() -> bool) -> bool {
        let Merge {
            term_ids,
            term_names,
            variants,
            pair_ids,
            pair_keys,
            pair_pages,
            rows,
            texts,
            sections,
            ..
        } = self;
        let dir = &head.dir;
        drop((term_ids, pair_ids));
        if cancelled() {
            return false;
        }
        // Snippet text first: it is the largest part, and is not needed after this.
        for (n, chunk) in texts.chunks(CHUNK).enumerate() {
            let body = format!("loaSearch.x({n},{});\n", Value::from(chunk.to_vec()));
            emit(Output { path: format!("{dir}x-{n}.js"), bytes: body.into_bytes() });
        }
        drop(texts);
        let mut order: Vec<usize> = (0..term_names.len()).collect();
        order.sort_unstable_by(|&a, &b| term_names[a].cmp(&term_names[b]));
        let term_entries: Vec<(String, String)> = order
            .into_par_iter()
            .map(|id| {
                let folded = &term_names[id];
                let mut list: Vec<&(String, Vec<Posting>)> = variants[id].iter().collect();
                list.sort_unstable_by(|a, b| a.0.cmp(&b.0));
                let mut entry = format!("{}:[", json_str(folded));
                for (k, (exact, postings)) in list.into_iter().enumerate() {
                    if k > 0 {
                        entry.push(',');
                    }
                    entry.push_str(&json_str(exact));
                    entry.push(',');
                    encode_postings(postings, &mut entry);
                }
                entry.push(']');
                (folded.clone(), entry)
            })
            .collect();
        drop(variants);
        if cancelled() {
            return false;
        }
        let term_shards = write_shards(&term_entries, dir, "t", emit);
        drop(term_entries);
        if cancelled() {
            return false;
        }
        let pair_names: Vec<String> =
            pair_keys.par_iter().map(|&(a, b)| format!("{} {}", term_names[a], term_names[b])).collect();
        let mut order: Vec<usize> = (0..pair_names.len()).collect();
        order.par_sort_unstable_by(|&a, &b| pair_names[a].cmp(&pair_names[b]));
        let pair_entries: Vec<(String, String)> = order
            .into_par_iter()
            .map(|id| {
                let mut entry = format!("{}:[", json_str(&pair_names[id]));
                let mut prev = 0;
                for (k, &p) in pair_pages[id].iter().enumerate() {
                    if k > 0 {
                        entry.push(',');
                    }
                    push_number(&mut entry, u64::from(p - prev));
                    prev = p;
                }
                entry.push(']');
                (pair_names[id].clone(), entry)
            })
            .collect();
        let pair_shards = write_shards(&pair_entries, dir, "p", emit);
        drop(pair_entries);
        let meta = json!({
            "version": 1,
            "lang": head.lang,
            "pretty": head.pretty,
            "chunk": CHUNK,
            "terms": term_shards,
            "pairs": pair_shards,
            "sections": sections,
            "pages": rows,
        });
        emit(Output { path: format!("{dir}meta.js"), bytes: format!("loaSearch.m({meta});\n").into_bytes() });
        true
    }
}

/// The id of `key`, adding it (and calling `on_new`) the first time it is seen.
fn intern(
    ids: &mut FxHashMap<String, usize>,
    names: &mut Vec<String>,
    key: &str,
    on_new: impl FnOnce(),
) -> usize {
    if let Some(&id) = ids.get(key) {
        return id;
    }
    let id = names.len();
    names.push(key.to_owned());
    ids.insert(key.to_owned(), id);
    on_new();
    id
}

fn push_number(out: &mut String, n: u64) {
    use std::fmt::Write as _;
    let _ = write!(out, "{n}");
}

/// A page in the list of a word: where the word occurs and how often.
struct Posting {
    page: u32,
    mask: u8,
    /// Only its bucket (1, 2–3, 4–7, 8+) is written, so a byte is plenty.
    tf: u8,
}

/// Postings as numbers: `(page - previous page) * 128 + tf bucket * 32 + field bits`,
/// written as a JSON array.
fn encode_postings(postings: &[Posting], out: &mut String) {
    let mut prev = 0;
    out.push('[');
    for (k, p) in postings.iter().enumerate() {
        let bucket = match p.tf {
            0..=1 => 0,
            2..=3 => 1,
            4..=7 => 2,
            _ => 3,
        };
        if k > 0 {
            out.push(',');
        }
        push_number(out, u64::from(p.page - prev) * 128 + bucket * 32 + u64::from(p.mask));
        prev = p.page;
    }
    out.push(']');
}

fn json_str(s: &str) -> String {
    Value::String(s.to_owned()).to_string()
}

/// Groups sorted `(key, "key":value)` entries into shards named by a prefix of the key,
/// splitting a shard by the next letter while it is larger than `SHARD_LIMIT`; writes
/// one file per shard and returns the shard names, in file order.
///
/// `search.js` finds a word in the shard with the longest name that starts it.
fn write_shards(
    entries: &[(String, String)],
    dir: &str,
    kind: &str,
    emit: &mut dyn FnMut(Output),
) -> Vec<String> {
    let mut shards: Vec<(String, Vec<usize>)> = Vec::new();
    split(entries, (0..entries.len()).collect(), String::new(), 0, &mut shards);
    shards.sort_by(|a, b| a.0.cmp(&b.0));
    let mut names = Vec::with_capacity(shards.len());
    for (n, (name, members)) in shards.into_iter().enumerate() {
        let mut body = format!("loaSearch.{kind}({},{{", json_str(&name));
        for (k, &m) in members.iter().enumerate() {
            if k > 0 {
                body.push(',');
            }
            body.push_str(&entries[m].1);
        }
        body.push_str("});\n");
        emit(Output { path: format!("{dir}{kind}-{}.js", shard_file(&name, n)), bytes: body.into_bytes() });
        names.push(name);
    }
    names
}

/// The file name part of a shard: its name when that is plain ASCII, `all` for the
/// one shard of a small site, else `_N`. `search.js` computes the same.
fn shard_file(name: &str, n: usize) -> String {
    if name.is_empty() {
        "all".to_owned()
    } else if name.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit()) {
        name.to_owned()
    } else {
        format!("_{n}")
    }
}

/// Puts `members` in shard `name` when small enough, else keeps there the keys no longer
/// than `name` and splits the rest by their first `depth + 1` letters.
fn split(
    entries: &[(String, String)],
    members: Vec<usize>,
    name: String,
    depth: usize,
    shards: &mut Vec<(String, Vec<usize>)>,
) {
    let size: usize = members.iter().map(|&m| entries[m].1.len()).sum();
    if size <= SHARD_LIMIT || depth >= MAX_SHARD_DEPTH {
        shards.push((name, members));
        return;
    }
    let mut groups: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    let mut short = Vec::new();
    for m in members {
        let key = &entries[m].0;
        if key.chars().count() <= depth {
            short.push(m);
        } else {
            groups.entry(key.chars().take(depth + 1).collect()).or_default().push(m);
        }
    }
    if !short.is_empty() {
        shards.push((name, short));
    }
    for (name, members) in groups {
        split(entries, members, name, depth + 1, shards);
    }
}

/// A word of a page: (folded, exact form or "" when it has no diacritics, field bits, count).
type Term = (String, String, u8, u32);

/// What `Words::finish` makes of a page: `PageIndex`'s words, folded, terms and pairs.
type Parts = (String, Vec<Span>, Vec<(u32, Span, u8, u32)>, Vec<(u32, u32)>);

/// Where a word is in `PageIndex::words`: (start, length) in bytes.
type Span = (u32, u32);

/// One page's contribution to the index. `serve` keeps one for every page, so its words
/// are one string and spans into it (a string each cost 400 MiB at 10k pages).
struct PageIndex {
    /// The page's words, one after another.
    words: String,
    /// The page's distinct folded words.
    folded: Vec<Span>,
    /// (index into `folded`, exact form or an empty span, field bits, count).
    terms: Vec<(u32, Span, u8, u32)>,
    /// Adjacent words, as indices into `folded` ("khuyen" then "hoc").
    pairs: Vec<(u32, u32)>,
    /// The start of the page's text, for snippets.
    text: String,
    /// URL, title, kind and number, date; the section is added by the caller.
    row: Vec<Value>,
}

impl PageIndex {
    fn new(parts: Parts, text: String, row: Vec<Value>) -> PageIndex {
        let (words, folded, terms, pairs) = parts;
        PageIndex { words, folded, terms, pairs, text, row }
    }

    fn word(&self, (start, len): Span) -> &str {
        &self.words[start as usize..(start + len) as usize]
    }
}

/// A fingerprint of everything `index_page` reads for page `i`: keep the two together.
fn page_key(model: &Model, i: usize) -> u64 {
    let (site, docs) = (model.site, model.docs);
    let page = &site.pages[i];
    let front = &page.parsed.front;
    let mut h = FxHasher::default();
    (&page.title, &page.url, &front.tags, &front.summary, &front.description, front.date).hash(&mut h);
    site.sections[page.section].title.hash(&mut h);
    page.parsed.body().hash(&mut h);
    for m in &model.md.pages[i].mentions {
        m.key.hash(&mut h);
    }
    if let Some(d) = docs.of_page.get(&i).map(|&d| &docs.docs[d]) {
        (&d.number.printed, &d.number.key, &d.spellings, d.kind.name, &d.issuer, &d.subject, d.issued)
            .hash(&mut h);
    }
    h.finish()
}

fn index_page(model: &Model, i: usize) -> PageIndex {
    let (site, docs) = (model.site, model.docs);
    let page = &site.pages[i];
    let front = &page.parsed.front;
    let doc = docs.of_page.get(&i).map(|&d| &docs.docs[d]);
    let mut words = Words::default();

    words.add(&page.title, TITLE);
    for m in crate::document::mentions::find(&page.title) {
        words.add_key(&fold::number_key(&m.number.key), TITLE);
    }
    if let Some(d) = doc {
        words.add(&d.number.printed, NUMBER);
        words.add_key(&fold::number_key(&d.number.key), NUMBER);
        words.add_key(&fold::number_key(&d.number.printed), NUMBER);
        // Other spellings the site uses for it (`11-CT/TIV`), so a search for them finds it.
        for spelling in d.spellings.iter().filter(|s| crate::document::number::parse(s).is_some()) {
            words.add(spelling, NUMBER);
            words.add_key(&fold::number_key(spelling), NUMBER);
        }
        words.add(d.kind.name, META);
        words.add(&d.issuer, META);
        words.add(d.subject.as_deref().unwrap_or(""), META);
    }
    for tag in &front.tags {
        words.add(tag, META);
    }
    // "bản tin" finds the bulletins, whose titles rarely say it.
    words.add(&site.sections[page.section].title, META);
    let summary = front.summary.as_deref().or(front.description.as_deref()).unwrap_or("");
    words.add(summary, HEADING);
    let plain = text::plain(page.parsed.body());
    words.add(&plain.headings, HEADING);
    words.add(&plain.body, BODY);
    for m in &model.md.pages[i].mentions {
        words.add_key(&fold::number_key(&m.key), BODY);
    }

    let label = doc.map_or(String::new(), |d| format!("{} · {}", d.kind.name, d.number.printed));
    let date =
        doc.map(|d| d.issued).or(front.date).map_or(String::new(), |d| d.format("%Y-%m-%d").to_string());
    let mut body = plain.body.split_whitespace().collect::<Vec<_>>().join(" ");
    if body.is_empty() {
        body = summary.to_owned();
    }
    let text = text::truncate(&body, TEXT_LIMIT).to_owned();
    let row = vec![page.url.clone().into(), page.title.clone().into(), label.into(), date.into()];
    PageIndex::new(words.finish(), text, row)
}

/// Sections and the generated list pages, indexed by their title and what they list,
/// each with the section it belongs to.
fn list_pages(model: &Model, index: &Index) -> Vec<(PageIndex, usize)> {
    let site = model.site;
    let mut out = Vec::new();
    let mut add = |url: String, title: &str, listed: Vec<&str>, section: usize| {
        let mut words = Words::default();
        words.add(title, TITLE);
        for t in &listed {
            words.add(t, BODY);
        }
        let text = text::truncate(&listed.join(" · "), TEXT_LIMIT).to_owned();
        let row = vec![url.into(), title.into(), String::new().into(), String::new().into()];
        out.push((PageIndex::new(words.finish(), text, row), section));
    };
    for (s, sec) in site.sections.iter().enumerate().skip(1) {
        // A language's home section is its home page, as section 0 is the default's.
        if !in_language(site, index, &sec.dir) || site.config.languages.contains_key(&sec.dir) {
            continue;
        }
        let listed: Vec<&str> = sec.pages.iter().map(|&p| site.pages[p].title.as_str()).collect();
        add(sec.url.clone(), &sec.title, listed, s);
    }
    // The schedule and the documents' views exist in the default language only.
    if !index.prefix.is_empty() {
        return out;
    }
    let titles = |pages: &mut dyn Iterator<Item = usize>| -> Vec<&str> {
        pages.map(|p| site.pages[p].title.as_str()).collect()
    };
    if !model.bulletins.list.is_empty() {
        let s = site.top_section(crate::bulletin::SECTION).unwrap_or(0);
        let listed = titles(&mut model.bulletins.list.iter().map(|b| b.page));
        add(crate::bulletin::schedule_url(site), "Lịch phát thanh", listed, s);
    }
    if !model.docs.docs.is_empty() {
        let s = site.top_section(crate::document::SECTION).unwrap_or(0);
        let listed = titles(&mut model.docs.docs.iter().map(|d| d.page));
        add(crate::document::timeline_url(site), "Dòng thời gian văn bản", listed.clone(), s);
        add(crate::document::graph_url(site), "Sơ đồ trích dẫn văn bản", listed, s);
    }
    out
}

/// The folded and exact forms of a spelling ("" for exact when it equals the folded).
/// A site repeats a few thousand spellings millions of times: each thread remembers them.
fn folded_forms(raw: &str) -> (String, String) {
    thread_local! {
        static SEEN: std::cell::RefCell<FxHashMap<String, (String, String)>> = Default::default();
    }
    SEEN.with(|seen| {
        let mut seen = seen.borrow_mut();
        if let Some(forms) = seen.get(raw) {
            return forms.clone();
        }
        let folded = fold::fold(raw);
        let exact = fold::exact(raw);
        let exact = if exact == folded { String::new() } else { exact };
        if seen.len() > 200_000 {
            seen.clear();
        }
        seen.insert(raw.to_owned(), (folded.clone(), exact.clone()));
        (folded, exact)
    })
}

/// The words of one page, counted per distinct spelling.
#[derive(Default)]
struct Words {
    /// Spelling → index into `entries`.
    by_raw: FxHashMap<String, usize>,
    entries: Vec<Term>,
    /// Adjacent words, as indices into `entries`.
    pairs: FxHashSet<(usize, usize)>,
}

impl Words {
    fn add(&mut self, text: &str, mask: u8) {
        let mut prev: Option<usize> = None;
        for w in fold::words(text) {
            let e = match self.by_raw.get(w.raw) {
                Some(&e) => e,
                None => {
                    let (folded, exact) = folded_forms(w.raw);
                    self.entries.push((folded, exact, 0, 0));
                    self.by_raw.insert(w.raw.to_owned(), self.entries.len() - 1);
                    self.entries.len() - 1
                }
            };
            self.entries[e].2 |= mask;
            self.entries[e].3 += 1;
            if let (Some(p), true) = (prev, w.joined) {
                self.pairs.insert((p, e));
            }
            prev = Some(e);
        }
    }

    /// Adds a document-number key (`11cttw`) as one word.
    fn add_key(&mut self, key: &str, mask: u8) {
        if !key.is_empty() {
            self.entries.push((key.to_owned(), String::new(), mask, 1));
        }
    }

    /// The page's words in one string, its distinct folded words, its (folded index,
    /// exact) words with merged bits and counts, and the pairs of adjacent words as
    /// folded indices; keys borrow the entries, so a word is copied once, into `words`.
    fn finish(self) -> Parts {
        let mut words = String::new();
        let put = |words: &mut String, w: &str| {
            let span = (words.len() as u32, w.len() as u32);
            words.push_str(w);
            span
        };
        let mut folded: Vec<Span> = Vec::new();
        let mut folded_ids: FxHashMap<&str, u32> = FxHashMap::default();
        let mut index_of = Vec::with_capacity(self.entries.len());
        let mut merged: FxHashMap<(u32, &str), (u8, u32)> = FxHashMap::default();
        for (f, e, mask, tf) in &self.entries {
            let fi = match folded_ids.get(f.as_str()) {
                Some(&fi) => fi,
                None => {
                    let next = folded.len() as u32;
                    folded.push(put(&mut words, f));
                    folded_ids.insert(f, next);
                    next
                }
            };
            index_of.push(fi);
            let m = merged.entry((fi, e.as_str())).or_insert((0, 0));
            m.0 |= mask;
            m.1 += tf;
        }
        let pairs: FxHashSet<(u32, u32)> =
            self.pairs.iter().map(|&(a, b)| (index_of[a], index_of[b])).collect();
        let terms =
            merged.into_iter().map(|((f, e), (mask, tf))| (f, put(&mut words, e), mask, tf)).collect();
        (words, folded, terms, pairs.into_iter().collect())
    }
}
