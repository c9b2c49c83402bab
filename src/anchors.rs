//! Anchors and links checked after rendering: `#heading` in the same page and
//! `page.md#heading` against real heading ids (with a "did you mean"), and site links
//! written in templates and in `config.extra.menu` against the site's URLs.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use crate::error::Diagnostic;
use crate::messages::{self, Msg};
use crate::render::Rendered;
use crate::resolve::Site;

/// A Markdown link with a fragment.
#[derive(Debug, Clone)]
pub struct Anchored {
    /// Site URL of the page pointed at; `None` for the same page.
    pub url: Option<String>,
    pub fragment: String,
    /// The link as written, for messages.
    pub written: String,
    pub line: usize,
}

/// Does a link need remembering (a fragment, or a web address to check)? Decided
/// before anything is copied, so most links cost nothing.
pub fn worth_noting(dest: &str) -> bool {
    dest.contains('#') || is_web(dest)
}

fn is_web(dest: &str) -> bool {
    dest.starts_with("http://") || dest.starts_with("https://")
}

/// Records a link: `written` as in the Markdown, `rewritten` as a site URL when internal.
pub fn note(
    written: String,
    rewritten: &str,
    line: usize,
    anchored: &mut Vec<Anchored>,
    external: &mut Vec<(String, usize)>,
) {
    if is_web(&written) {
        external.push((written, line));
    } else if let Some(fragment) = written.strip_prefix('#') {
        if !fragment.is_empty() {
            anchored.push(Anchored { url: None, fragment: decode(fragment), written, line });
        }
    } else if let Some((path, fragment)) = rewritten.split_once('#') {
        if path.starts_with('/') && !fragment.is_empty() {
            let url = Some(path.to_owned());
            anchored.push(Anchored { url, fragment: decode(fragment), written, line });
        }
    }
}

fn decode(fragment: &str) -> String {
    crate::markdown::percent_decode(fragment)
}

/// Checks every anchored link of every page and section against the ids of its target.
pub fn check(site: &Site, md: &Rendered, diags: &mut Vec<Diagnostic>) {
    let mut ids: HashMap<&str, HashSet<&str>> = HashMap::new();
    let pages = site.pages.iter().zip(&md.pages).map(|(p, h)| (p.url.as_str(), Some(&p.parsed), h));
    let sections =
        site.sections.iter().zip(&md.sections).map(|(s, h)| (s.url.as_str(), s.parsed.as_ref(), h));
    let all: Vec<_> = pages.chain(sections).collect();
    for (url, _, html) in &all {
        ids.entry(url).or_default().extend(html.ids.iter().map(String::as_str));
    }
    for (url, parsed, html) in &all {
        let Some(parsed) = parsed else { continue };
        for a in &html.anchored {
            let target = a.url.as_deref().unwrap_or(url);
            // Only pages and sections have known ids; other files are left alone.
            let Some(known) = ids.get(target) else { continue };
            // `#top` scrolls to the top of any page (HTML standard).
            if known.contains(a.fragment.as_str()) || a.fragment.eq_ignore_ascii_case("top") {
                continue;
            }
            let mut candidates: Vec<&str> = known.iter().copied().collect();
            candidates.sort_unstable();
            let suggestion = messages::did_you_mean(&a.fragment, candidates.iter().copied());
            let msg =
                messages::text(Msg::AnchorMissing { link: &a.written, fragment: &a.fragment, suggestion });
            diags.push(
                Diagnostic::error(&parsed.source.shown, a.line, 0, msg)
                    .with_excerpt_from(&parsed.source.text),
            );
        }
    }
}

/// Is the site-absolute `url` (`/van-ban/`, `/css/a.css?v=1#x`) one the site serves?
pub fn serves(urls: &crate::markdown::UrlSet, url: &str) -> bool {
    let path = url.split(['?', '#']).next().unwrap_or("");
    let known = |path: &str| {
        let dir = path.strip_suffix("index.html").unwrap_or(path);
        urls.contains(path)
            || urls.contains(dir)
            || (!dir.ends_with('/') && urls.contains(&format!("{dir}/")))
    };
    // The search index's files are written by the search stage, not listed as URLs.
    known(path)
        || crate::search::is_index_url(path)
        || path.strip_prefix('/').is_some_and(|p| p.starts_with(crate::images::OUTPUT_DIR))
        || (path.contains('%') && known(&crate::markdown::percent_decode(path)))
}

/// Checks the links of `config.extra.menu` (`- title: …, url: /x/`): each must be a site
/// URL the build serves, or a web address.
pub fn check_menu(site: &Site, config_text: &str, config_path: &Path, diags: &mut Vec<Diagnostic>) {
    for item in site.config.menu_items() {
        let Some(url) = item.get("url").and_then(|u| u.as_str()) else { continue };
        if !url.starts_with('/') || url.starts_with("//") || serves(&site.targets.urls, url) {
            continue;
        }
        let line = config_text.lines().position(|l| l.contains(url)).map_or(0, |i| i + 1);
        let suggestion = suggest_url(&site.targets.urls, url);
        let msg = messages::text(Msg::MenuLinkBroken { url, suggestion: suggestion.as_deref() });
        diags.push(Diagnostic::error(config_path, line, 0, msg).with_excerpt_from(config_text));
    }
}

/// The closest page or section URL to a broken one.
pub fn suggest_url(urls: &crate::markdown::UrlSet, url: &str) -> Option<String> {
    let mut pages: Vec<&str> = urls.iter().filter(|u| u.ends_with('/')).map(String::as_str).collect();
    pages.sort_unstable();
    messages::did_you_mean(url, pages.iter().copied()).map(str::to_owned)
}

/// Reports site links of rendered pages that point at nothing: `broken` holds (link,
/// template, page source) in render order; each link is reported once per template.
pub fn report_template_links(site: &Site, broken: Vec<(String, String)>, diags: &mut Vec<Diagnostic>) {
    let mut seen: HashSet<(String, String)> = HashSet::new();
    for (url, template) in broken {
        if !seen.insert((url.clone(), template.clone())) {
            continue;
        }
        let suggestion = suggest_url(&site.targets.urls, &url);
        let msg = messages::text(Msg::TemplateLinkBroken {
            url: &url,
            template: &template,
            suggestion: suggestion.as_deref(),
        });
        diags.push(Diagnostic::error(format!("templates/{template}"), 0, 0, msg));
    }
}
