//! Output paths: every file a build writes has exactly one owner, decided before rendering.
//!
//! Pages, list pages, generated pages (search, schedule, timeline, graph, taxonomies,
//! pagers, 404), code-written files (feed, sitemap, robots.txt, reading scripts), the
//! search index folder, static files and content files all claim their paths here. Two
//! claims of one path, or a file where another output needs a folder, are errors naming
//! both sources, so no page is lost and no output alternates between builds.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crate::error::Diagnostic;
use crate::messages::{self, Msg};
use crate::render::{self, Job, Model};
use crate::theme::{FileSource, Theme};

/// Folder of the search index; the search page itself is the only other file in it.
const SEARCH_DIR: &str = "search/";

/// One claimed output path.
struct Claim {
    path: String,
    /// Who writes it, for messages.
    owner: String,
    /// The user's file behind it, and the line to point at.
    file: Option<(PathBuf, usize)>,
    /// Part of the search index or page (may live under `search/`).
    search: bool,
}

/// Checks every output path of the site; collisions are returned as errors.
pub fn check(model: &Model, theme: &Theme, root: &Path, has_404: bool, has_search: bool) -> Vec<Diagnostic> {
    let claims = claims(model, theme, root, has_404, has_search);
    let mut diags = Vec::new();
    let mut by_path: HashMap<&str, usize> = HashMap::with_capacity(claims.len());
    for (i, c) in claims.iter().enumerate() {
        if let Some(&first) = by_path.get(c.path.as_str()) {
            diags.push(collision(&c.path, &claims[first], c));
        } else {
            by_path.insert(&c.path, i);
        }
    }
    // Each language's index owns its folder (`search/`, `tai/search/`).
    let search_indexes: Vec<Claim> = crate::search::indexes(model.site)
        .into_iter()
        .map(|i| Claim {
            path: format!("{}{SEARCH_DIR}", i.prefix),
            owner: owner("search-index", ""),
            file: None,
            search: true,
        })
        .collect();
    let search_paths: std::collections::HashSet<&str> =
        claims.iter().filter(|c| c.search).map(|c| c.path.as_str()).collect();
    for c in &claims {
        // A file where this output needs a folder.
        let mut at = 0;
        while let Some(slash) = c.path[at..].find('/') {
            let folder = &c.path[..at + slash];
            if let Some(&f) = by_path.get(folder) {
                diags.push(collision(folder, &claims[f], c));
            }
            at += slash + 1;
        }
        for index in &search_indexes {
            if !c.search && c.path.starts_with(&index.path) && !search_paths.contains(c.path.as_str()) {
                diags.push(collision(&c.path, index, c));
            }
        }
    }
    diags
}

fn collision(path: &str, first: &Claim, second: &Claim) -> Diagnostic {
    // Point at the file the user would change: one with `path:`/`slug:`, else a user file.
    let line_of = |c: &Claim| c.file.as_ref().map_or(0, |(_, l)| *l);
    let (at, other) =
        if line_of(second) > 1 || first.file.is_none() || line_of(first) <= 1 && second.file.is_some() {
            (second, first)
        } else {
            (first, second)
        };
    let (file, line) = at.file.clone().unwrap_or_default();
    let msg = Msg::OutputCollision { path, first: &at.owner, second: &other.owner };
    Diagnostic::error(file, line, 0, messages::text(msg))
}

fn owner(what: &str, of: &str) -> String {
    messages::text(Msg::OutputOwner { what, of })
}

fn claims(model: &Model, theme: &Theme, root: &Path, has_404: bool, has_search: bool) -> Vec<Claim> {
    let site = model.site;
    let page_file = |i: usize| {
        let p = &site.pages[i].parsed;
        let line = ["path", "slug"]
            .iter()
            .map(|k| crate::config::key_line(&p.source.text, k))
            .find(|&l| l > 0)
            .unwrap_or(1);
        (p.source.shown.clone(), line)
    };
    let mut out = Vec::new();
    for job in render::all_jobs(model, has_404, has_search) {
        let path = render::job_path(model, &job);
        let (owner, file) = match job {
            Job::Page(i) => {
                let (file, line) = page_file(i);
                (quoted(&file), Some((file, line)))
            }
            Job::Section(s, n) => {
                let sec = &site.sections[s];
                let (shown, file) = match &sec.parsed {
                    Some(p) => (quoted(&p.source.shown), Some((p.source.shown.clone(), 1))),
                    None => (format!("`content/{}/`", sec.dir), None),
                };
                if n > 1 {
                    (owner("list-page", &format!("{} ({n})", shown.trim_matches('`'))), file)
                } else {
                    (shown, file)
                }
            }
            Job::TaxonomyList(t) | Job::Term(t, ..) => (
                owner("taxonomy", &site.taxonomies[t].config.name),
                Some((site.config.file.shown.clone(), 0)),
            ),
            Job::NotFound => (owner("404", ""), None),
            Job::Timeline => (owner("timeline", ""), None),
            Job::Graph => (owner("graph", ""), None),
            Job::BulletinPrint(b) => {
                let i = model.bulletins.list[b].page;
                (owner("print", &site.pages[i].parsed.source.shown.display().to_string()), Some(page_file(i)))
            }
            Job::Schedule | Job::SchedulePrint => (owner("schedule", ""), None),
            Job::Search(_) => (owner("search", ""), None),
        };
        out.push(Claim { path, owner, file, search: matches!(job, Job::Search(_)) });
    }
    for b in &model.bulletins.list {
        let shown = site.pages[b.page].parsed.source.shown.display().to_string();
        let path = crate::bulletin::script_url(&site.pages[b.page])[1..].to_owned();
        out.push(Claim {
            path,
            owner: owner("script", &shown),
            file: Some(page_file(b.page)),
            search: false,
        });
    }
    for (path, what) in [("sitemap.xml", "sitemap"), ("atom.xml", "feed"), ("robots.txt", "robots")] {
        out.push(Claim { path: path.into(), owner: owner(what, ""), file: None, search: false });
    }
    for (rel, source) in &theme.statics {
        let (owner, file) = match source {
            FileSource::Disk(p) => {
                let shown = crate::load::shown(root, p);
                (quoted(&shown), Some((shown, 0)))
            }
            FileSource::Embedded(_) => (owner("theme", rel), None),
        };
        out.push(Claim { path: rel.clone(), owner, file, search: false });
    }
    for (rel, path) in &site.assets {
        let shown = crate::load::shown(root, path);
        out.push(Claim { path: rel.clone(), owner: quoted(&shown), file: Some((shown, 0)), search: false });
    }
    out
}

fn quoted(path: &Path) -> String {
    format!("`{}`", path.display())
}
