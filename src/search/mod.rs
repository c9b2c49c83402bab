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
mod table;
pub mod text;

use std::collections::BTreeMap;

use std::hash::{Hash, Hasher};
use std::sync::Arc;

use rustc_hash::{FxHashMap, FxHasher};

use table::Table;

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
    write_sharded(model, index, merge_shards(), emit, cancelled)
}

/// How many shards the words are merged in; the files do not depend on it.
///
/// The merge shares the thread pool with the rendering of pages: a shard handed to
/// another thread waits for a thread to come free (and the merge for it), and every
/// shard reads all the words. On two cores (10k pages) one shard merged a third faster
/// than two; only a pool with threads to spare gains from more.
fn merge_shards() -> usize {
    (rayon::current_num_threads() / 4).max(1)
}

/// `write_unless`, merging the words in `shards` parts side by side.
fn write_sharded(
    model: &Model,
    index: &Index,
    shards: usize,
    emit: &mut dyn FnMut(Output),
    cancelled: &dyn Fn() -> bool,
) -> bool {
    let site = model.site;
    let pages = pages_of(site, index);
    let mut merge = Merge::new(pages.len(), shards);
    let titles: Vec<&str> = site.sections.iter().map(|s| s.title.as_str()).collect();
    // Rows are numbered within the index: row `k` is the `k`-th page of the language.
    for batch in pages.chunks(BATCH) {
        if cancelled() {
            return false;
        }
        let indexed: Vec<PageIndex> = batch.par_iter().map(|&i| index_page(model, i)).collect();
        merge.absorb_words(&indexed.iter().collect::<Vec<_>>());
        for (p, &i) in indexed.into_iter().zip(batch) {
            merge.push_row(p.row, p.text, site.pages[i].section, &titles);
        }
    }
    // Then the list pages people look for by name: sections, the broadcast schedule,
    // the documents' timeline and graph ("lich phat thanh" finds the schedule).
    let lists = list_pages(model, index);
    merge.absorb_words(&lists.iter().map(|(p, _)| p).collect::<Vec<_>>());
    for (p, s) in lists {
        merge.push_row(p.row, p.text, s, &titles);
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
            let mut merge = Merge::new(pages.len(), merge_shards());
            for batch in pages.chunks(BATCH) {
                if cancelled() {
                    return None;
                }
                merge.absorb_words(&batch.iter().map(|(p, _)| &**p).collect::<Vec<_>>());
                for (p, s) in batch {
                    merge.push_row(p.row.clone(), p.text.clone(), *s, &titles);
                }
            }
            merge.absorb_words(&lists.iter().map(|(p, _)| p).collect::<Vec<_>>());
            for (p, s) in lists {
                merge.push_row(p.row.clone(), p.text.clone(), *s, &titles);
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
/// millions of times, and a map keyed by fresh strings spent seconds allocating. The
/// words are merged in shards side by side (a word belongs to the shard its hash picks,
/// a pair to its first word's): the files are sorted by word, so they do not depend on
/// the number of shards. A batch of pages is merged in two steps: each shard numbers
/// its own words of every page (`ids`), then adds their postings and pairs, taking a
/// pair's second word's number from the shard that holds it.
#[derive(Default)]
struct Merge {
    shards: Vec<Shard>,
    /// Per shard, for each folded word of the batch's pages one after another, its id
    /// in that shard, `NONE` for another shard's word; reused from batch to batch.
    ids: Vec<Vec<u32>>,
    rows: Vec<Value>,
    texts: Vec<String>,
    sections: Vec<String>,
    /// Per site section: its number among `sections`, `NONE` before its first page.
    section_of: Vec<usize>,
}

/// An exact form of a term and the pages that hold it.
struct Variant {
    exact: String,
    /// The term's next variant, `NONE` after the last.
    next: u32,
    postings: Vec<Posting>,
}

/// One shard of a `Merge`'s words.
#[derive(Default)]
struct Shard {
    /// Folded words, numbered.
    terms: Table,
    /// Per term: its first variant in `variants` (`NONE` before any).
    first: Vec<u32>,
    variants: Vec<Variant>,
    pair_ids: PairMap,
    /// (first word's id here, `term_code` of the second), per pair id.
    pair_keys: Vec<(u32, u32)>,
    pair_pages: Vec<Vec<u32>>,
}

/// A term of any shard as one number: `id * shards + shard`; `None` if it does not fit
/// (billions of words: never on a real site, and then only that phrase goes unranked).
fn term_code(id: u32, shard: usize, shards: usize) -> Option<u32> {
    let code = u64::from(id) * shards as u64 + shard as u64;
    u32::try_from(code).ok().filter(|&c| c != NONE)
}

impl Merge {
    fn new(pages: usize, shards: usize) -> Merge {
        Merge {
            shards: (0..shards.max(1)).map(|_| Shard::default()).collect(),
            rows: Vec::with_capacity(pages),
            texts: Vec::with_capacity(pages),
            ..Merge::default()
        }
    }

    /// Adds the words of `pages`, the next rows in order (their rows follow by `push_row`).
    fn absorb_words(&mut self, pages: &[&PageIndex]) {
        let first = self.rows.len() as u32;
        let n = self.shards.len();
        self.ids.resize_with(n, Vec::new);
        // Where each page's words start in `ids`.
        let mut starts = Vec::with_capacity(pages.len());
        let mut words = 0;
        for p in pages {
            starts.push(words);
            words += p.folded.len();
        }
        let number = |((k, shard), ids): ((usize, &mut Shard), &mut Vec<u32>)| {
            shard.number(pages, k, n, ids, words);
        };
        if n == 1 {
            self.shards.iter_mut().enumerate().zip(&mut self.ids).for_each(number);
        } else {
            self.shards.par_iter_mut().enumerate().zip(&mut self.ids).for_each(number);
        }
        let ids = &self.ids;
        let absorb = |(k, shard): (usize, &mut Shard)| {
            for (j, p) in pages.iter().enumerate() {
                shard.absorb::<false>(p, first + j as u32, k, ids, starts[j]);
            }
        };
        if n == 1 {
            for (j, p) in pages.iter().enumerate() {
                self.shards[0].absorb::<true>(p, first + j as u32, 0, ids, starts[j]);
            }
        } else {
            self.shards.par_iter_mut().enumerate().for_each(absorb);
        }
    }

    fn push_row(&mut self, mut row: Vec<Value>, text: String, s: usize, titles: &[&str]) {
        if self.section_of.len() <= s {
            self.section_of.resize(s + 1, NONE as usize);
        }
        if self.section_of[s] == NONE as usize {
            self.section_of[s] = self.sections.len();
            self.sections.push(titles.get(s).copied().unwrap_or_default().to_owned());
        }
        let section = self.section_of[s];
        row.push(section.into());
        self.rows.push(Value::Array(row));
        self.texts.push(text);
    }

    /// Writes the index files; false when `cancelled()` turned true first.
    fn finish(self, head: &Head, emit: &mut dyn FnMut(Output), cancelled: &dyn Fn() -> bool) -> bool {
        let Merge { shards, rows, texts, sections, .. } = self;
        let dir = &head.dir;
        if cancelled() {
            return false;
        }
        // Snippet text first: it is the largest part, and is not needed after this.
        for (n, chunk) in texts.chunks(CHUNK).enumerate() {
            let mut body = format!("loaSearch.x({n},[").into_bytes();
            for (k, text) in chunk.iter().enumerate() {
                if k > 0 {
                    body.push(b',');
                }
                push_json_str(&mut body, text);
            }
            body.extend_from_slice(b"]);\n");
            emit(Output { path: format!("{dir}x-{n}.js"), bytes: body });
        }
        drop(texts);
        // Each word and pair is in one shard only, so the sorted union is the whole.
        let mut shards = shards;
        let mut term_entries: Vec<Entry> = shards.iter().flat_map(Shard::term_entries).collect();
        for shard in &mut shards {
            shard.variants = Vec::new();
            shard.first = Vec::new();
        }
        term_entries.par_sort_unstable_by(|a, b| a.0.cmp(&b.0));
        if cancelled() {
            return false;
        }
        let term_shards = write_shards(&term_entries, dir, "t", emit);
        drop(term_entries);
        if cancelled() {
            return false;
        }
        let mut pair_entries: Vec<Entry> = shards.iter().flat_map(|s| s.pair_entries(&shards)).collect();
        drop(shards);
        pair_entries.par_sort_unstable_by(|a, b| a.0.cmp(&b.0));
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

impl Shard {
    /// Numbers this shard's words (`k` of `n`) of `pages`, `words` in all, into `ids`.
    fn number(&mut self, pages: &[&PageIndex], k: usize, n: usize, ids: &mut Vec<u32>, words: usize) {
        ids.clear();
        ids.reserve(words);
        for p in pages {
            for (&f, &h) in p.folded.iter().zip(&p.hashes) {
                if n > 1 && table::part(h, n) != k {
                    ids.push(NONE);
                    continue;
                }
                let id = match self.terms.get(h, p.word_bytes(f)) {
                    Some(id) => id,
                    None => {
                        self.first.push(NONE);
                        self.terms.push(h, p.word(f))
                    }
                };
                ids.push(id as u32);
            }
        }
    }

    /// Adds the postings and pairs of `p`, page `page`, whose (first) word belongs to
    /// this shard (`k`); `ids` are every shard's numbers, the page's from `start` on.
    /// `ONE`: the only shard, every word its own (a term's code is its id).
    fn absorb<const ONE: bool>(
        &mut self,
        p: &PageIndex,
        page: u32,
        k: usize,
        ids: &[Vec<u32>],
        start: usize,
    ) {
        let n = ids.len();
        let own = ids[k].get(start..start + p.folded.len()).unwrap_or_default();
        for &(f, exact, mask, tf) in &p.terms {
            let Some(&id) = own.get(f as usize).filter(|&&id| id != NONE) else { continue };
            let exact_bytes = p.word_bytes(exact);
            let posting = Posting { page, mask, tf: tf.min(255) as u8 };
            let mut v = self.first[id as usize];
            while v != NONE && !table::same(self.variants[v as usize].exact.as_bytes(), exact_bytes) {
                v = self.variants[v as usize].next;
            }
            if v == NONE {
                // A term's variants are sorted when written: the newest may go first.
                let next = std::mem::replace(&mut self.first[id as usize], self.variants.len() as u32);
                self.variants.push(Variant {
                    exact: p.word(exact).to_owned(),
                    next,
                    postings: vec![posting],
                });
            } else {
                self.variants[v as usize].postings.push(posting);
            }
        }
        for &(a, b) in &p.pairs {
            let Some(&a) = own.get(a as usize).filter(|&&id| id != NONE) else { continue };
            let b = b as usize;
            let code = match own.get(b) {
                Some(&id) if ONE => Some(id).filter(|&id| id != NONE),
                Some(&id) if id != NONE => term_code(id, k, n),
                _ => p.hashes.get(b).and_then(|&h| {
                    let s = table::part(h, n);
                    let id = *ids.get(s)?.get(start + b).filter(|&&id| id != NONE)?;
                    term_code(id, s, n)
                }),
            };
            let Some(b) = code else { continue };
            let next = self.pair_keys.len();
            let id = self.pair_ids.get_or_insert(u64::from(a) << 32 | u64::from(b), next as u32) as usize;
            if id == next {
                self.pair_keys.push((a, b));
                self.pair_pages.push(Vec::new());
            }
            self.pair_pages[id].push(page);
        }
    }

    /// This shard's terms, `("folded", "\"folded\":[variants…]")`, unsorted.
    fn term_entries(&self) -> Vec<Entry> {
        (0..self.terms.len())
            .into_par_iter()
            .filter_map(|id| {
                let folded = self.terms.name(id);
                let mut list = Vec::new();
                let mut v = *self.first.get(id)?;
                while let Some(variant) = self.variants.get(v as usize) {
                    list.push((variant.exact.as_str(), &variant.postings));
                    v = variant.next;
                }
                if list.is_empty() {
                    return None;
                }
                list.sort_unstable_by(|a, b| a.0.cmp(b.0));
                let mut entry = Vec::with_capacity(folded.len() + 16);
                push_json_str(&mut entry, folded);
                entry.extend_from_slice(b":[");
                for (k, (exact, postings)) in list.into_iter().enumerate() {
                    if k > 0 {
                        entry.push(b',');
                    }
                    push_json_str(&mut entry, exact);
                    entry.push(b',');
                    encode_postings(postings, &mut entry);
                }
                entry.push(b']');
                Some((folded.to_owned(), entry))
            })
            .collect()
    }

    /// This shard's pairs, `("a b", "\"a b\":[pages…]")`, unsorted; `all` are every
    /// shard, for the second words.
    fn pair_entries(&self, all: &[Shard]) -> Vec<Entry> {
        let n = all.len() as u32;
        self.pair_keys
            .par_iter()
            .zip(&self.pair_pages)
            .map(|(&(a, b), pages)| {
                let b = all[(b % n) as usize].terms.name((b / n) as usize);
                let a = self.terms.name(a as usize);
                let mut name = String::with_capacity(a.len() + 1 + b.len());
                name.push_str(a);
                name.push(' ');
                name.push_str(b);
                let mut entry = Vec::with_capacity(name.len() + 16);
                push_json_str(&mut entry, &name);
                entry.extend_from_slice(b":[");
                let mut prev = 0;
                for (k, &p) in pages.iter().enumerate() {
                    if k > 0 {
                        push_comma_number(&mut entry, u64::from(p - prev));
                    } else {
                        push_number(&mut entry, u64::from(p - prev));
                    }
                    prev = p;
                }
                entry.push(b']');
                (name, entry)
            })
            .collect()
    }
}

/// A key and its `"key":value` text, as an index file holds it.
type Entry = (String, Vec<u8>);

/// Appends `n` in decimal; postings are millions of numbers, too many for `write!`.
// Inlined: in a loop over numbers the constants stay in registers.
#[inline(always)]
fn push_number(out: &mut Vec<u8>, n: u64) {
    if n >= 100_000_000 {
        return push_large_number(out, n);
    }
    let digits = eight_digits(n as u32);
    // Leading zeros are the low zero bytes (the first digit is the low byte); 0 keeps one.
    let zeros = (digits.trailing_zeros() / 8).min(7);
    push_digits(out, digits >> (8 * zeros), 8 - zeros as usize);
}

/// Appends `,` and `n`, in one store when `n` has at most seven digits.
// Always inlined, as `push_number`: the call and the constants cost as much as the rest.
#[inline(always)]
fn push_comma_number(out: &mut Vec<u8>, n: u64) {
    if n < 10 {
        // Most gaps between the pages of a common pair.
        return out.extend_from_slice(&[b',', b'0' + n as u8]);
    }
    if n >= 10_000_000 {
        out.push(b',');
        return push_number(out, n);
    }
    let digits = eight_digits(n as u32);
    // At least one leading zero: its byte, shifted out at the top, makes room for the comma.
    let zeros = (digits.trailing_zeros() / 8).min(7);
    let ascii = (digits | 0x3030_3030_3030_3030) >> (8 * zeros);
    let end = out.len() + 9 - zeros as usize;
    out.extend_from_slice(&((ascii << 8) | u64::from(b',')).to_le_bytes());
    out.truncate(end);
}

/// `push_number` of 10^8 and over: never a posting of a real site.
#[inline(never)]
fn push_large_number(out: &mut Vec<u8>, n: u64) {
    push_number(out, n / 100_000_000);
    push_digits(out, eight_digits((n % 100_000_000) as u32), 8);
}

/// Appends the first `len` of the digits `digits` holds (as `eight_digits` makes them):
/// one 8-byte store and a shorter length, instead of a byte at a time.
#[inline(always)]
fn push_digits(out: &mut Vec<u8>, digits: u64, len: usize) {
    let end = out.len() + len;
    out.extend_from_slice(&(digits | 0x3030_3030_3030_3030).to_le_bytes());
    out.truncate(end);
}

/// The eight decimal digits of `n` (below 10^8), one a byte, the most significant in
/// the low byte: the halves, quarters and digits are split in all lanes at once.
#[inline(always)]
fn eight_digits(n: u32) -> u64 {
    let n = u64::from(n);
    // Two 32-bit lanes of four digits, the first four in the low lane.
    let x = (n / 10_000) | ((n % 10_000) << 32);
    // Each into two 16-bit lanes of two digits: `v * 10486 >> 20` is `v / 100` below 43,699.
    let hundreds = ((x * 10_486) >> 20) & 0x0000_007f_0000_007f;
    let y = ((x - hundreds * 100) << 16) | hundreds;
    // Each into two bytes of one digit: `v * 103 >> 10` is `v / 10` below 179.
    let tens = ((y * 103) >> 10) & 0x000f_000f_000f_000f;
    ((y - tens * 10) << 8) | tens
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
fn encode_postings(postings: &[Posting], out: &mut Vec<u8>) {
    let mut prev = 0;
    out.reserve(4 * postings.len() + 2);
    out.push(b'[');
    for (k, p) in postings.iter().enumerate() {
        let bucket = match p.tf {
            0..=1 => 0,
            2..=3 => 1,
            4..=7 => 2,
            _ => 3,
        };
        let n = u64::from(p.page - prev) * 128 + bucket * 32 + u64::from(p.mask);
        if k > 0 {
            push_comma_number(out, n);
        } else {
            push_number(out, n);
        }
        prev = p.page;
    }
    out.push(b']');
}

/// Appends `s` as a JSON string, escaped exactly as serde_json escapes it, in one pass
/// and without a copy: runs of bytes that need no escape are copied at once.
fn push_json_str(out: &mut Vec<u8>, s: &str) {
    out.reserve(s.len() + 2);
    out.push(b'"');
    let bytes = s.as_bytes();
    let mut from = 0;
    let mut i = 0;
    while i < bytes.len() {
        // Sixteen or eight bytes at a time while none needs an escape (text is most of
        // the output).
        if let Some(&w) = bytes[i..].first_chunk::<16>() {
            if !needs_escape16(u128::from_le_bytes(w)) {
                i += 16;
                continue;
            }
        }
        if let Some(&w) = bytes[i..].first_chunk::<8>() {
            if !needs_escape16(u128::from(u64::from_le_bytes(w)) | !0 << 64) {
                i += 8;
                continue;
            }
        }
        let b = bytes[i];
        if !NEEDS_ESCAPE[usize::from(b)] {
            i += 1;
            continue;
        }
        let escaped: &[u8] = match b {
            b'"' => b"\\\"",
            b'\\' => b"\\\\",
            b'\n' => b"\\n",
            b'\r' => b"\\r",
            b'\t' => b"\\t",
            0x08 => b"\\b",
            0x0c => b"\\f",
            _ => b"",
        };
        out.extend_from_slice(&bytes[from..i]);
        if escaped.is_empty() {
            const HEX: &[u8; 16] = b"0123456789abcdef";
            out.extend_from_slice(b"\\u00");
            out.push(HEX[usize::from(b >> 4)]);
            out.push(HEX[usize::from(b & 15)]);
        } else {
            out.extend_from_slice(escaped);
        }
        i += 1;
        from = i;
    }
    out.extend_from_slice(&bytes[from..]);
    out.push(b'"');
}

/// Does any of the sixteen bytes of `x` need a JSON escape (below 0x20, `"` or `\`)?
fn needs_escape16(x: u128) -> bool {
    const ONES: u128 = u128::MAX / 255;
    const HIGHS: u128 = ONES * 0x80;
    // Exact for "some byte": a borrow reaches a byte only from a lower one that matched.
    let zero = |v: u128| v.wrapping_sub(ONES) & !v & HIGHS;
    let below = x.wrapping_sub(ONES * 0x20) & !x & HIGHS;
    (below | zero(x ^ (ONES * u128::from(b'"'))) | zero(x ^ (ONES * u128::from(b'\\')))) != 0
}

/// The bytes JSON strings escape: control characters, `"` and `\`.
const NEEDS_ESCAPE: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 0x20 {
        t[b] = true;
        b += 1;
    }
    t[b'"' as usize] = true;
    t[b'\\' as usize] = true;
    t
};

/// Groups sorted `(key, "key":value)` entries into shards named by a prefix of the key,
/// splitting a shard by the next letter while it is larger than `SHARD_LIMIT`; writes
/// one file per shard and returns the shard names, in file order.
///
/// `search.js` finds a word in the shard with the longest name that starts it.
fn write_shards(entries: &[Entry], dir: &str, kind: &str, emit: &mut dyn FnMut(Output)) -> Vec<String> {
    let mut shards: Vec<(String, Vec<usize>)> = Vec::new();
    split(entries, (0..entries.len()).collect(), String::new(), 0, &mut shards);
    shards.sort_by(|a, b| a.0.cmp(&b.0));
    let mut names = Vec::with_capacity(shards.len());
    for (n, (name, members)) in shards.into_iter().enumerate() {
        let size: usize = members.iter().map(|&m| entries[m].1.len() + 1).sum();
        let mut body = Vec::with_capacity(size + name.len() + 24);
        body.extend_from_slice(b"loaSearch.");
        body.extend_from_slice(kind.as_bytes());
        body.push(b'(');
        push_json_str(&mut body, &name);
        body.extend_from_slice(b",{");
        for (k, &m) in members.iter().enumerate() {
            if k > 0 {
                body.push(b',');
            }
            body.extend_from_slice(&entries[m].1);
        }
        body.extend_from_slice(b"});\n");
        emit(Output { path: format!("{dir}{kind}-{}.js", shard_file(&name, n)), bytes: body });
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
    entries: &[Entry],
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

/// What `Words::finish` makes of a page: `PageIndex`'s words, folded, hashes, terms and
/// pairs.
type Parts = (String, Vec<Span>, Vec<u32>, Vec<(u32, Span, u8, u32)>, Vec<(u32, u32)>);

/// Where a word is in `PageIndex::words`: (start, length) in bytes.
type Span = (u32, u32);

/// One page's contribution to the index. `serve` keeps one for every page, so its words
/// are one string and spans into it (a string each cost 400 MiB at 10k pages).
struct PageIndex {
    /// The page's words, one after another.
    words: String,
    /// The page's distinct folded words.
    folded: Vec<Span>,
    /// Their hashes (`table::hash`), taken once for every table they go in.
    hashes: Vec<u32>,
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
        let (words, folded, hashes, terms, pairs) = parts;
        PageIndex { words, folded, hashes, terms, pairs, text, row }
    }

    fn word(&self, (start, len): Span) -> &str {
        &self.words[start as usize..(start + len) as usize]
    }

    /// The bytes of `word`: the merge compares words by their bytes, and slicing a `str`
    /// checks both ends.
    fn word_bytes(&self, (start, len): Span) -> &[u8] {
        let start = start as usize;
        self.words.as_bytes().get(start..start + len as usize).unwrap_or_default()
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
    // The page's render kept its plain text when its parse was the one `plain` makes.
    let parsed;
    let plain = match &model.md.pages[i].plain {
        Some(p) => p,
        None => {
            parsed = text::plain(page.parsed.body());
            &parsed
        }
    };
    words.add(&plain.headings, HEADING);
    words.add(&plain.body, BODY);
    for m in &model.md.pages[i].mentions {
        words.add_key(&fold::number_key(&m.key), BODY);
    }

    let label = doc.map_or(String::new(), |d| format!("{} · {}", d.kind.name, d.number.printed));
    let date =
        doc.map(|d| d.issued).or(front.date).map_or(String::new(), |d| d.format("%Y-%m-%d").to_string());
    let mut text = text::snippet(&plain.body, TEXT_LIMIT);
    if text.is_empty() {
        text = text::truncate(summary, TEXT_LIMIT).to_owned();
    }
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

/// The id of the empty form: the exact form of a word without diacritics, which is
/// written as "" (it equals the folded form).
const PLAIN: u32 = 0;

/// The spellings one thread has folded and the forms they fold to, each with an id.
/// A site repeats a few thousand spellings millions of times: each is folded once per
/// thread, and a page's words are then counted by id, not by string.
struct Forms {
    /// Spellings as written, numbered.
    spelling_ids: Table,
    /// Per spelling id: (folded form, exact form or `PLAIN`), and the page (`stamp`)
    /// and entry it was last counted in.
    spellings: Vec<((u32, u32), u32, u32)>,
    /// Forms, numbered, and their hashes.
    form_ids: Table,
    form_hashes: Vec<u32>,
    /// Per form id, as a folded form: the page (`stamp`) it was last counted in, its
    /// index among that page's folded words, and its first exact form and entry there.
    folded_at: Vec<(u32, u32, u32, u32)>,
    /// Counts the pages seen, so the per-page slots above need no clearing.
    stamp: u32,
}

/// Past this many spellings a thread forgets them all (between pages).
const FORMS_LIMIT: usize = 200_000;

impl Forms {
    fn new() -> Forms {
        let mut forms = Forms {
            spelling_ids: Table::default(),
            spellings: Vec::new(),
            form_ids: Table::default(),
            form_hashes: Vec::new(),
            folded_at: Vec::new(),
            stamp: 0,
        };
        forms.form("");
        forms
    }

    fn form(&mut self, form: &str) -> u32 {
        let h = table::hash(form.as_bytes());
        let (id, new) = self.form_ids.intern(h, form);
        if new {
            self.form_hashes.push(h);
            self.folded_at.push((0, 0, 0, 0));
        }
        id as u32
    }

    /// The id of the spelling of `w`.
    #[inline]
    fn spelling(&mut self, w: &fold::Word) -> u32 {
        match self.spelling_ids.get(w.hash, w.bytes()) {
            Some(id) => id as u32,
            None => self.new_spelling(w.raw(), w.hash),
        }
    }

    #[inline(never)]
    fn new_spelling(&mut self, raw: &str, h: u32) -> u32 {
        let folded = fold::fold(raw);
        let exact = fold::exact(raw);
        let exact = if exact == folded { PLAIN } else { self.form(&exact) };
        let forms = (self.form(&folded), exact);
        self.spellings.push((forms, 0, 0));
        self.spelling_ids.push(h, raw) as u32
    }

    /// Starts a page: a new stamp, and a clean slate when the tables grew too large.
    fn next_page(&mut self) -> u32 {
        if self.spellings.len() > FORMS_LIMIT || self.stamp == u32::MAX {
            *self = Forms::new();
        }
        self.stamp += 1;
        self.stamp
    }
}

thread_local! {
    static FORMS: std::cell::RefCell<Forms> = std::cell::RefCell::new(Forms::new());
}

/// The words of one page, counted per distinct (folded, exact) form. Forms are this
/// thread's ids (`FORMS`), turned into strings by `finish` on the same thread; one
/// thread makes one page's `Words` at a time.
struct Words {
    stamp: u32,
    /// Distinct folded forms, in order of first use.
    folded: Vec<u32>,
    /// (index into `folded`, exact form, field bits, count).
    entries: Vec<(u32, u32, u8, u32)>,
    /// Per entry: the next entry of the same folded form (`NONE` after the last), so a
    /// word's other exact forms are found from its first (which `Forms::folded_at` holds).
    next: Vec<u32>,
    /// Adjacent words, as indices into `folded` (first << 32 | second), numbered in
    /// `pair_list`, which holds them in order of first use.
    pairs: PairMap,
    pair_list: Vec<(u32, u32)>,
}

/// The end of a list of entries.
const NONE: u32 = u32::MAX;

/// Pairs of word indices (`first << 32 | second`), each with an id: a page adds one per
/// word, and a general hash map cost more than all the rest of a word's indexing.
#[derive(Default)]
struct PairMap {
    /// Open addressing, `FREE` for a free slot; a power of two long, or empty.
    slots: Vec<(u64, u32)>,
    len: usize,
    /// 64 - log2(slots.len()): a pair's first slot is the top bits of its product.
    shift: u32,
}

/// No pair: indices are below `u32::MAX`.
const FREE: u64 = u64::MAX;

impl PairMap {
    /// The id of `pair`, given `id` if it is new.
    #[inline]
    fn get_or_insert(&mut self, pair: u64, id: u32) -> u32 {
        if 2 * (self.len + 1) > self.slots.len() {
            self.reserve(1);
        }
        let mask = self.slots.len() - 1;
        let mut at = (pair.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> self.shift) as usize;
        loop {
            let slot = &mut self.slots[at];
            if slot.0 == pair {
                return slot.1;
            }
            if slot.0 == FREE {
                *slot = (pair, id);
                self.len += 1;
                return id;
            }
            at = (at + 1) & mask;
        }
    }

    /// Makes room for `more` pairs, so that adding them never grows the table.
    #[inline(never)]
    fn reserve(&mut self, more: usize) {
        let want = (2 * (self.len + more)).next_power_of_two().max(256);
        if want <= self.slots.len() {
            return;
        }
        let old = std::mem::replace(&mut self.slots, vec![(FREE, 0); want]);
        self.shift = 64 - want.trailing_zeros();
        self.len = 0;
        for (pair, id) in old.into_iter().filter(|&(p, _)| p != FREE) {
            self.get_or_insert(pair, id);
        }
    }
}

impl Default for Words {
    fn default() -> Words {
        let stamp = FORMS.with_borrow_mut(Forms::next_page);
        // A page has a few hundred distinct words: growing from nothing cost more.
        Words {
            stamp,
            folded: Vec::with_capacity(256),
            entries: Vec::with_capacity(256),
            next: Vec::with_capacity(256),
            pairs: PairMap::default(),
            pair_list: Vec::new(),
        }
    }
}

impl Words {
    /// The entry of (folded form, exact form), added on first use on this page.
    fn entry(&mut self, forms: &mut Forms, f: u32, exact: u32) -> usize {
        let slot = &mut forms.folded_at[f as usize];
        let next = self.entries.len() as u32;
        if slot.0 != self.stamp {
            let fi = self.folded.len() as u32;
            self.folded.push(f);
            self.entries.push((fi, exact, 0, 0));
            self.next.push(NONE);
            *slot = (self.stamp, fi, exact, next);
            return next as usize;
        }
        let fi = slot.1;
        let mut e = slot.3;
        loop {
            if self.entries[e as usize].1 == exact {
                return e as usize;
            }
            match self.next[e as usize] {
                NONE => break,
                n => e = n,
            }
        }
        self.next[e as usize] = next;
        self.entries.push((fi, exact, 0, 0));
        self.next.push(NONE);
        next as usize
    }

    fn add(&mut self, text: &str, mask: u8) {
        // About one pair per 8 bytes of text: growing the table step by step costs more.
        self.pairs.reserve(text.len() / 8);
        FORMS.with_borrow_mut(|forms| {
            let mut prev: Option<u32> = None;
            fold::each_word(text, |w| {
                let s = forms.spelling(&w) as usize;
                // One bounds check: the record is read whole, written back only when new.
                let ((f, exact), seen, at) = forms.spellings[s];
                let e = if seen == self.stamp {
                    at as usize
                } else {
                    let e = self.entry(forms, f, exact);
                    forms.spellings[s] = ((f, exact), self.stamp, e as u32);
                    e
                };
                let entry = &mut self.entries[e];
                entry.2 |= mask;
                entry.3 += 1;
                if let (Some(p), true) = (prev, w.joined) {
                    let next = self.pair_list.len() as u32;
                    if self.pairs.get_or_insert(u64::from(p) << 32 | u64::from(entry.0), next) == next {
                        self.pair_list.push((p, entry.0));
                    }
                }
                prev = Some(entry.0);
            });
        });
    }

    /// Adds a document-number key (`11cttw`) as one word.
    fn add_key(&mut self, key: &str, mask: u8) {
        if key.is_empty() {
            return;
        }
        FORMS.with_borrow_mut(|forms| {
            let f = forms.form(key);
            let e = self.entry(forms, f, PLAIN);
            self.entries[e].2 |= mask;
            self.entries[e].3 += 1;
        });
    }

    /// The page's words in one string, its distinct folded words, its (folded index,
    /// exact) words with merged bits and counts, and the pairs of adjacent words as
    /// folded indices; each form is copied once, into `words`.
    fn finish(self) -> Parts {
        FORMS.with_borrow(|forms| {
            let mut words = String::new();
            let mut put = |id: u32| {
                let w = forms.form_ids.name(id as usize);
                let span = (words.len() as u32, w.len() as u32);
                words.push_str(w);
                span
            };
            let folded: Vec<Span> = self.folded.iter().map(|&f| put(f)).collect();
            let hashes = self.folded.iter().map(|&f| forms.form_hashes[f as usize]).collect();
            let terms = self
                .entries
                .iter()
                .map(|&(fi, exact, mask, tf)| {
                    (fi, if exact == PLAIN { (0, 0) } else { put(exact) }, mask, tf)
                })
                .collect();
            // `serve` keeps every page's parts: an exact copy, no room to spare.
            let pairs = self.pair_list.as_slice().to_vec();
            (words, folded, hashes, terms, pairs)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn files(outputs: Vec<Output>) -> Vec<(String, Vec<u8>)> {
        let mut files: Vec<_> = outputs.into_iter().map(|o| (o.path, o.bytes)).collect();
        files.sort();
        files
    }

    /// `build` streams the index (`write`), `serve` makes it from kept parts
    /// (`snapshot`, then again from its memo), and the words may be merged in any
    /// number of shards: all must write the same files.
    fn index_is_the_same_built_or_served(root: &str) {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(root);
        let opts = crate::Options { root, ..crate::Options::default() };
        let mut diags = Vec::new();
        let p = match crate::prepare(&opts, &mut diags) {
            Ok(p) => p,
            Err(e) => panic!("{e:#}"),
        };
        let model = Model { site: &p.site, md: &p.md, docs: &p.docs, bulletins: &p.bulletins };
        let mut streamed = Vec::new();
        write(&model, &mut |o| streamed.push(o));
        let built = files(streamed);
        assert!(built.iter().any(|(path, _)| path.ends_with("meta.js")), "{built:?}");
        assert_eq!(files(outputs(&model)), built);
        // Words merged in one shard or in several: the same files.
        for shards in [1, 3] {
            let mut merged = Vec::new();
            for index in indexes(model.site) {
                write_sharded(&model, &index, shards, &mut |o| merged.push(o), &|| false);
            }
            assert!(files(merged) == built, "index merged in {shards} shards differs");
        }
        let mut memo = Memo::default();
        for round in ["first", "from the memo"] {
            let served = snapshot(&model, &mut memo).run(&|| false).unwrap_or_default();
            assert!(files(served) == built, "served index differs, {round}");
        }
    }

    #[test]
    fn index_of_the_repository_site_is_the_same_built_or_served() {
        index_is_the_same_built_or_served(".");
    }

    #[test]
    fn index_of_a_site_in_two_languages_is_the_same_built_or_served() {
        index_is_the_same_built_or_served("tests/fixtures/languages");
    }

    #[test]
    fn numbers_are_written_in_decimal() {
        let check = |n: u64| {
            let mut out = b"x".to_vec();
            push_number(&mut out, n);
            assert_eq!(String::from_utf8(out).unwrap_or_default(), format!("x{n}"));
        };
        // Every number of up to seven digits, then around each power of ten, then spread.
        (0..10_000_000).for_each(check);
        let mut p = 1u64;
        while let Some(next) = p.checked_mul(10) {
            (p.saturating_sub(2)..=p + 2).chain(next - 3..next).for_each(check);
            p = next;
        }
        let mut x = 0x9e37_79b9_7f4a_7c15u64;
        for _ in 0..200_000 {
            x = x.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
            check(x >> (x % 64));
        }
        check(u64::MAX);
    }

    #[test]
    fn a_number_after_a_comma_is_written_as_a_comma_and_the_number() {
        let check = |n: u64| {
            let mut fused = b"[1".to_vec();
            push_comma_number(&mut fused, n);
            let mut plain = b"[1,".to_vec();
            push_number(&mut plain, n);
            assert_eq!(fused, plain, "{n}");
        };
        (0..10_000_100).for_each(check);
        [99_999_999, 100_000_000, u64::MAX].into_iter().for_each(check);
    }

    #[test]
    fn a_number_is_appended_after_what_the_buffer_holds() {
        let mut out = Vec::new();
        for n in [5, 0, 120, 99_999_999, 100_000_000, 42] {
            push_number(&mut out, n);
            out.push(b',');
        }
        assert_eq!(out, b"5,0,120,99999999,100000000,42,");
    }

    #[test]
    fn json_strings_are_written_as_serde_json_writes_them() {
        for s in [
            "",
            "khuyen",
            "khuyêns",
            "a\"b",
            "a\\b",
            "tab\there",
            "\u{1}\u{1f}\u{8}\u{c}\r\n",
            "\u{7f}x",
            "đ · \"ễ\"",
            "eight by eight bytes, and \"one\" \\ escape\u{1f} in the middle of a long run of text",
            "0123456789abcdef\"",
            "!#$%&'()*+,-./01",
            "\u{1f}1234567\u{0}",
        ] {
            let mut out = Vec::new();
            push_json_str(&mut out, s);
            assert_eq!(
                String::from_utf8(out).unwrap_or_default(),
                serde_json::to_string(s).unwrap_or_default(),
                "{s:?}"
            );
        }
    }

    /// The 16- and 8-byte steps against serde_json: strings of every length up to 70
    /// with a byte to escape (or none) at every place, over plain, Vietnamese and
    /// borderline bytes.
    #[test]
    fn json_strings_are_escaped_wherever_the_escape_falls() {
        let fill = ["a", "ễ", "\u{7f}", "!", "\u{1f}"];
        let special = ['"', '\\', '\n', '\u{0}', '\u{1f}', '\u{8}', ' ', '#', '[', '\u{80}'];
        let check = |s: &str| {
            let mut out = b"x".to_vec();
            push_json_str(&mut out, s);
            let expected = format!("x{}", serde_json::to_string(s).unwrap_or_default());
            assert_eq!(String::from_utf8(out).unwrap_or_default(), expected, "{s:?}");
        };
        for f in fill {
            for len in 0..70 {
                let base: String = f.repeat(len);
                check(&base);
                let chars: Vec<char> = base.chars().collect();
                for at in 0..=chars.len() {
                    for &c in &special {
                        let mut t: String = chars[..at].iter().collect();
                        t.push(c);
                        t.extend(&chars[at..]);
                        check(&t);
                    }
                }
            }
        }
    }

    fn parts(texts: &[(&str, u8)], keys: &[&str]) -> Parts {
        let mut words = Words::default();
        for &(t, mask) in texts {
            words.add(t, mask);
        }
        for k in keys {
            words.add_key(k, NUMBER);
        }
        words.finish()
    }

    /// (folded, exact, bits, count) of a term.
    type Term = (String, String, u8, u32);

    /// Every term, and the pairs as strings, sorted.
    fn readable(p: &Parts) -> (Vec<Term>, Vec<String>) {
        let (words, folded, _, terms, pairs) = p;
        let word = |(s, l): Span| words[s as usize..(s + l) as usize].to_owned();
        let mut t: Vec<_> =
            terms.iter().map(|&(f, e, m, n)| (word(folded[f as usize]), word(e), m, n)).collect();
        t.sort();
        let mut ps: Vec<String> = pairs
            .iter()
            .map(|&(a, b)| format!("{} {}", word(folded[a as usize]), word(folded[b as usize])))
            .collect();
        ps.sort();
        (t, ps)
    }

    #[test]
    fn a_pages_words_are_counted_by_form_across_spellings() {
        let p = parts(&[("Hoà Bình, hòa bình", TITLE), ("hoa binh HOÀ", BODY)], &["11cttw", "hoa"]);
        let (terms, pairs) = readable(&p);
        let t = |f: &str, e: &str, m: u8, n: u32| (f.to_owned(), e.to_owned(), m, n);
        assert_eq!(
            terms,
            [
                t("11cttw", "", NUMBER, 1),
                t("binh", "", BODY, 1),
                t("binh", "binhf", TITLE, 2),
                t("hoa", "", BODY | NUMBER, 2),
                t("hoa", "hoaf", TITLE | BODY, 3),
            ]
        );
        // "Bình, hòa" is not a phrase: a comma stands between them.
        assert_eq!(pairs, ["binh hoa", "hoa binh"]);
        // A second page on the same thread starts from nothing.
        let (terms, pairs) = readable(&parts(&[("bình", META)], &[]));
        assert_eq!(terms, [t("binh", "binhf", META, 1)]);
        assert!(pairs.is_empty());
    }
}
