//! One page's taxonomy terms edited (its `tags` or `taxonomies`, nothing else): the
//! terms it leaves and enters are updated in place, term indices shift where a term is
//! made or left empty, and only what shows the page or those terms is rendered again,
//! instead of resolving the whole site. Anything this does not prove it handles (a term
//! renamed that other pages carry, a new URL that a link or another output points at)
//! goes to `restructure`.

use std::collections::{HashMap, HashSet};

use super::{add_code_outputs, fail_on_errors, forget_gone, render_files, Changed, State};
use crate::error::Diagnostic;
use crate::parse::{self, SortBy};
use crate::render::{self, Job, Model};
use crate::resolve::{pager_count, pager_url, Term};

/// A term of the page after the edit or before it: (taxonomy, slug, name as written).
type Wanted = Vec<Vec<(String, String)>>;

impl State {
    /// `None` when the edit of page `i` (parsed again as `parsed`) is not one this handles.
    pub(super) fn retag(
        &mut self,
        i: usize,
        parsed: parse::Parsed,
        open: &HashSet<String>,
    ) -> Option<Result<Changed, Vec<Diagnostic>>> {
        let p = &self.prepared;
        let site = &p.site;
        // Translations and `get_page`/`get_section` are not in `shown_in`.
        if !site.config.languages.is_empty() || crate::data::reads_pages(&p.source.theme) {
            return None;
        }
        let page = &site.pages[i];
        if crate::bulletin::is_bulletin(page) {
            return None;
        }
        let old = &page.parsed.front;
        let rest_same = parse::FrontMatter {
            tags: old.tags.clone(),
            taxonomies: old.taxonomies.clone(),
            ..parsed.front.clone()
        };
        if rest_same != *old || parsed.body() != page.parsed.body() {
            return None;
        }
        let configured = site.config.taxonomies.len();
        let wanted = wanted_terms(&site.config, &parsed.front);
        let had: Vec<HashSet<String>> = (0..configured)
            .map(|t| {
                page.terms
                    .iter()
                    .filter(|&&(pt, _)| pt == t)
                    .map(|&(_, k)| site.taxonomies[t].terms[k].slug.clone())
                    .collect()
            })
            .collect();
        // Taxonomies whose terms of this page changed (in slug or in spelling).
        let touched: Vec<usize> = (0..configured)
            .filter(|&t| {
                let now: HashSet<String> = wanted[t].iter().map(|(s, _)| s.clone()).collect();
                now != had[t]
                    || wanted[t].iter().any(|(s, n)| {
                        spelling(&old.tags, &old.taxonomies, &site.config.taxonomies[t].name, s)
                            != Some(n.clone())
                    })
            })
            .collect();
        if touched.is_empty() {
            return None;
        }
        // Check everything before changing anything.
        let mut added_urls: Vec<String> = Vec::new();
        let mut removed_urls: Vec<String> = Vec::new();
        let mut changed_slugs: Vec<String> = Vec::new();
        for &t in &touched {
            let tax = &site.taxonomies[t];
            let find = |slug: &str| tax.terms.binary_search_by(|x| x.slug.as_str().cmp(slug)).ok();
            let now: HashSet<&str> = wanted[t].iter().map(|(s, _)| s.as_str()).collect();
            let mut slugs: Vec<&str> = now.iter().copied().chain(had[t].iter().map(String::as_str)).collect();
            slugs.sort_unstable();
            slugs.dedup();
            for slug in slugs {
                let term = find(slug).map(|k| &tax.terms[k]);
                let before = term.map_or(0, |x| x.pages.len());
                let after = before + usize::from(now.contains(slug)) - usize::from(had[t].contains(slug));
                // The name is the spelling of the first page (in site order) carrying it.
                let mut carriers: Vec<usize> = term.map_or_else(Vec::new, |x| x.pages.clone());
                carriers.retain(|&q| q != i);
                if now.contains(slug) {
                    carriers.push(i);
                }
                if let Some(&first) = carriers.iter().min() {
                    let name = if first == i {
                        wanted[t].iter().find(|(s, _)| s == slug).map(|(_, n)| n.clone())
                    } else {
                        let f = &site.pages[first].parsed.front;
                        spelling(&f.tags, &f.taxonomies, &tax.config.name, slug)
                    };
                    let renamed = term.is_none_or(|x| Some(&x.name) != name.as_ref());
                    // Other pages' list items show the term's name.
                    if renamed && term.is_some() && carriers != [i] {
                        return None;
                    }
                }
                let url = term.map_or_else(|| format!("{}{slug}/", tax.url), |x| x.url.clone());
                let urls = |n: usize| term_urls(&site.config, tax.config.feed, &url, n);
                let (b, a) = (urls(before), urls(after));
                if b != a {
                    changed_slugs.push(slug.to_owned());
                }
                added_urls.extend(a.iter().filter(|u| !b.contains(*u)).cloned());
                removed_urls.extend(b.into_iter().filter(|u| !a.contains(u)));
            }
        }
        if !added_urls.is_empty() || !removed_urls.is_empty() {
            if !urls_free(p, &added_urls) {
                return None;
            }
            // A link written in Markdown may point at a term page that comes or goes.
            let slugs: Vec<_> = changed_slugs.iter().map(memchr::memmem::Finder::new).collect();
            let hit = |l: &String| {
                let l = super::pages::lowercase(l);
                let b = l.as_bytes();
                b.contains(&b'%') || slugs.iter().any(|s| s.find(b).is_some())
            };
            use rayon::prelude::*;
            let md = &p.md;
            if md.pages.par_iter().chain(md.sections.par_iter()).any(|h| h.links.iter().any(hit)) {
                return None;
            }
        }

        // The paths of the outputs showing the page before the edit.
        let before: Vec<String> = {
            let model = super::model(p);
            self.shown_in[i].iter().map(|&j| render::job_path(&model, &self.jobs[j])).collect()
        };
        let p = &mut self.prepared;
        let site = &mut p.site;
        for u in &removed_urls {
            site.targets.urls.remove(u);
        }
        site.targets.urls.extend(added_urls);
        let mut touched_terms: Vec<(usize, String)> = Vec::new();
        for &t in &touched {
            let tax = &mut site.taxonomies[t];
            let old_slugs: Vec<String> = tax.terms.iter().map(|x| x.slug.clone()).collect();
            for term in &mut tax.terms {
                if had[t].contains(&term.slug) && !wanted[t].iter().any(|(s, _)| *s == term.slug) {
                    term.pages.retain(|&q| q != i);
                    touched_terms.push((t, term.slug.clone()));
                }
            }
            for (slug, name) in &wanted[t] {
                // Terms the page stays in show it through `shown_in`; these change lists.
                match tax.terms.binary_search_by(|x| x.slug.as_str().cmp(slug)) {
                    Ok(k) => {
                        let term = &mut tax.terms[k];
                        if !term.pages.contains(&i) {
                            term.pages.push(i);
                            touched_terms.push((t, slug.clone()));
                        }
                        if term.pages.iter().min() == Some(&i) && term.name != *name {
                            term.name = name.clone();
                            touched_terms.push((t, slug.clone()));
                        }
                    }
                    Err(k) => {
                        touched_terms.push((t, slug.clone()));
                        tax.terms.insert(
                            k,
                            Term {
                                name: name.clone(),
                                url: format!("{}{slug}/", tax.url),
                                slug: slug.clone(),
                                pages: vec![i],
                            },
                        )
                    }
                }
            }
            // A term left by its last page is no more.
            tax.terms.retain(|x| !x.pages.is_empty());
            let at: HashMap<&str, usize> =
                tax.terms.iter().enumerate().map(|(k, x)| (x.slug.as_str(), k)).collect();
            let remap: Vec<Option<usize>> = old_slugs.iter().map(|s| at.get(s.as_str()).copied()).collect();
            for (q, pg) in site.pages.iter_mut().enumerate() {
                if q == i {
                    continue;
                }
                for pair in pg.terms.iter_mut().filter(|(pt, _)| *pt == t) {
                    // Only page `i` carried a term that is gone.
                    pair.1 = remap[pair.1].unwrap_or(pair.1);
                }
            }
        }
        // The page's own terms, as resolve lists them: by taxonomy, then term.
        let mut mine: Vec<(usize, usize)> = Vec::new();
        for (t, list) in wanted.iter().enumerate() {
            let terms = &site.taxonomies[t].terms;
            let mut ks: Vec<usize> = list
                .iter()
                .filter_map(|(s, _)| terms.binary_search_by(|x| x.slug.as_str().cmp(s)).ok())
                .collect();
            ks.sort_unstable();
            mine.extend(ks.into_iter().map(|k| (t, k)));
        }
        mine.extend(site.pages[i].terms.iter().copied().filter(|&(t, _)| t >= configured));
        site.pages[i].terms = mine;
        site.pages[i].parsed = parsed;
        for (t, slug) in &touched_terms {
            let terms = &mut site.taxonomies[*t].terms;
            if let Ok(k) = terms.binary_search_by(|x| x.slug.as_str().cmp(slug)) {
                let mut list = std::mem::take(&mut terms[k].pages);
                crate::resolve::sort_pages(&mut list, &site.pages, SortBy::Date);
                site.taxonomies[*t].terms[k].pages = list;
            }
        }
        let mut diags = Vec::new();
        let (html, d) = crate::markdown::render_with(&site.pages[i].parsed, &site.targets, &p.ext);
        diags.extend(d);
        p.md.pages[i] = html;
        if let Err(e) = fail_on_errors(diags) {
            return Some(Err(e));
        }
        let model = Model { site: &p.site, md: &p.md, docs: &p.docs, bulletins: &p.bulletins };
        self.shared.refresh_item(&model, i);
        // The page and the pages browsers show now; the rest after the reload (`finish`).
        let (first, first_files) = match self.render_first(open, Some(Job::Page(i))) {
            Ok(done) => done,
            Err(e) => return Some(Err(e)),
        };
        let later = move |state: &mut State| -> Result<Changed, Vec<Diagnostic>> {
            let p = &state.prepared;
            let Some(tera) = p.tera.as_ref() else { return Err(Vec::new()) };
            let model = super::model(p);
            let jobs = render::plan(&model, tera)?;
            let paths: Vec<String> = jobs.iter().map(|j| render::job_path(&model, j)).collect();
            let shown_in = super::shown_in(&model, &jobs);
            let before: HashSet<&str> = before.iter().map(String::as_str).collect();
            let touched_set: HashSet<(usize, &str)> =
                touched_terms.iter().map(|(t, s)| (*t, s.as_str())).collect();
            let dirty: Vec<Job> = jobs
                .iter()
                .zip(&paths)
                .enumerate()
                .filter(|&(j, (job, path))| {
                    let of_term = match *job {
                        Job::Term(t, k, _) => {
                            touched_set.contains(&(t, model.site.taxonomies[t].terms[k].slug.as_str()))
                        }
                        Job::TaxonomyList(t) => touched.contains(&t),
                        _ => false,
                    };
                    let shows = of_term
                        || matches!(job, Job::Page(q) if *q == i)
                        || before.contains(path.as_str())
                        || shown_in[i].contains(&j)
                        || !state.prints.contains_key(path);
                    shows && !first.contains(path)
                })
                .map(|(_, (job, _))| *job)
                .collect();
            let (mut files, diags) = render_files(&model, tera, &state.shared, &dirty);
            fail_on_errors(diags)?;
            let code_paths = add_code_outputs(&model, &mut files);
            let rendered = dirty.iter().map(|job| render::job_path(&model, job)).chain(first);
            let gone =
                forget_gone(&mut state.prints, &mut state.code_paths, code_paths, &paths, rendered, &files);
            state.jobs = jobs;
            state.shown_in = shown_in;
            Ok((files, gone))
        };
        self.later = Some(Box::new(later));
        Some(Ok((first_files, Vec::new())))
    }
}

/// The page's terms of each configured taxonomy as resolve reads them: `tags`, then
/// `taxonomies`; one per slug, the first spelling (trimmed) kept.
fn wanted_terms(config: &crate::config::Config, front: &parse::FrontMatter) -> Wanted {
    let tax_of: HashMap<&str, usize> =
        config.taxonomies.iter().enumerate().map(|(t, x)| (x.name.as_str(), t)).collect();
    let mut wanted: Wanted = vec![Vec::new(); config.taxonomies.len()];
    let tags = front.tags.iter().map(|t| ("tags", t));
    let others = front.taxonomies.iter().flat_map(|(n, ts)| ts.iter().map(move |t| (n.as_str(), t)));
    for (name, term) in tags.chain(others) {
        // An unknown taxonomy is a warning of resolve's, which the preview does not show.
        let Some(&t) = tax_of.get(name) else { continue };
        let slug = crate::slug::url_segment(term);
        if slug.is_empty() || wanted[t].iter().any(|(s, _)| *s == slug) {
            continue;
        }
        wanted[t].push((slug, term.trim().to_owned()));
    }
    wanted
}

/// How a page spells the term `slug` of taxonomy `name` (the first spelling, trimmed).
fn spelling(
    tags: &[String],
    taxonomies: &std::collections::BTreeMap<String, Vec<String>>,
    name: &str,
    slug: &str,
) -> Option<String> {
    let from_tags = tags.iter().filter(|_| name == "tags");
    let others = taxonomies.get(name).into_iter().flatten();
    from_tags.chain(others).find(|t| crate::slug::url_segment(t) == slug).map(|t| t.trim().to_owned())
}

/// The site URLs of a term with `n` pages: its list pages and its feeds (none at 0).
fn term_urls(config: &crate::config::Config, feed: bool, url: &str, n: usize) -> HashSet<String> {
    let mut out = HashSet::new();
    if n == 0 {
        return out;
    }
    for k in 1..=pager_count(n, config.paginate_by) {
        out.insert(pager_url(url, k));
    }
    if feed {
        out.extend(config.feed_filenames.iter().map(|f| format!("{url}{f}")));
    }
    out
}

/// Do the new URLs belong to nothing else, as files or folders, in any letter case?
pub(super) fn urls_free(p: &crate::Prepared, added: &[String]) -> bool {
    let urls = &p.site.targets.urls;
    let theirs = || {
        p.source.theme.statics.keys().map(String::as_str).chain(p.site.assets.iter().map(|(r, _)| r.as_str()))
    };
    added.iter().all(|u| {
        let path = u.trim_start_matches('/');
        let folders_free = u.match_indices('/').skip(1).all(|(at, _)| !urls.contains(&u[..at]));
        let lower = path.to_lowercase();
        !urls.contains(u)
            && folders_free
            && lower == path
            && path.chars().count() + 10 < crate::portable::MAX_PATH
            && !crate::search::is_index_url(u)
            && theirs()
                .all(|r| r.to_lowercase() != lower && !lower.starts_with(&format!("{}/", r.to_lowercase())))
    })
}
