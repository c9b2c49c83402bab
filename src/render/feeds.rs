//! Files written by code rather than templates: sitemap, Atom and RSS feeds (of the site,
//! and of sections and taxonomy terms that ask for one), robots.txt.

use crate::render::escape_xml;
use crate::resolve::{pager_url, Site};

/// `sitemap.xml` with the absolute URL of every page, section and taxonomy page.
pub fn sitemap(site: &Site) -> String {
    let c = &site.config;
    let multilingual = !c.languages.is_empty();
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\"");
    // Translations are listed with each page (hreflang), as search engines ask.
    out.push_str(if multilingual { " xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n" } else { ">\n" });
    let mut entry_with = |url: &str, date: Option<chrono::NaiveDate>, rel: Option<&str>| {
        out.push_str("  <url>\n    <loc>");
        out.push_str(&escape_xml(&c.permalink(url)));
        out.push_str("</loc>\n");
        if let Some(d) = date {
            out.push_str(&format!("    <lastmod>{}</lastmod>\n", d.format("%Y-%m-%d")));
        }
        let translations = match rel {
            Some(rel) if multilingual => crate::languages::of(site, rel).1,
            _ => Vec::new(),
        };
        if translations.len() > 1 {
            for t in &translations {
                let (lang, href) = (t["lang"].as_str().unwrap_or(""), t["url"].as_str().unwrap_or("/"));
                out.push_str(&format!(
                    "    <xhtml:link rel=\"alternate\" hreflang=\"{}\" href=\"{}\"/>\n",
                    escape_xml(lang),
                    escape_xml(&c.permalink(href))
                ));
            }
        }
        out.push_str("  </url>\n");
    };
    for s in &site.sections {
        let rel = s.parsed.as_ref().map_or(s.dir.as_str(), |p| p.source.rel.as_str());
        for n in 1..=s.pager_count() {
            entry_with(&pager_url(&s.url, n), None, (n == 1).then_some(rel));
        }
    }
    for p in &site.pages {
        let f = &p.parsed.front;
        entry_with(&p.url, f.updated.or(f.date), Some(&p.parsed.source.rel));
    }
    let mut entry = |url: &str, date| entry_with(url, date, None);
    for t in &site.taxonomies {
        entry(&t.url, None);
        for term in &t.terms {
            entry(&term.url, None);
        }
    }
    out.push_str("</urlset>\n");
    out
}

/// A feed format, named by its file as in Zola's `feed_filenames`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Atom,
    Rss,
}

/// File names `feed_filenames` may hold, with their format.
pub const FILENAMES: &[(&str, Format)] = &[("atom.xml", Format::Atom), ("rss.xml", Format::Rss)];

impl Format {
    pub fn of(filename: &str) -> Option<Format> {
        FILENAMES.iter().find(|(n, _)| *n == filename).map(|(_, f)| *f)
    }

    pub fn mime(self) -> &'static str {
        match self {
            Format::Atom => "application/atom+xml",
            Format::Rss => "application/rss+xml",
        }
    }
}

/// One feed: which pages, under what title, at which folder URL (`/`, `/van-ban/`, `/tags/x/`).
pub struct Feed<'a> {
    pub title: String,
    /// Folder of the feed; the file goes inside.
    pub base: &'a str,
    pub pages: Vec<usize>,
    /// Language code of the entries.
    pub lang: &'a str,
}

/// Every feed the site writes: the whole site, then sections and taxonomy terms that ask.
pub fn feeds(site: &Site) -> Vec<Feed<'_>> {
    let c = &site.config;
    let langs = &c.languages;
    let lang_of = |i: usize| crate::languages::split(&site.pages[i].parsed.source.rel, langs).map(|(l, _)| l);
    // One site feed per language: the default one at the root, the others under `/LANG/`.
    let default_pages = (0..site.pages.len()).filter(|&i| lang_of(i).is_none()).collect();
    let mut out = vec![Feed { title: c.title.clone(), base: "/", pages: default_pages, lang: &c.language }];
    for (code, lang) in langs {
        let Some(s) = site.sections.iter().find(|s| s.dir == *code) else { continue };
        let title =
            if lang.title.is_empty() { format!("{} ({})", c.title, lang.name) } else { lang.title.clone() };
        let pages = (0..site.pages.len()).filter(|&i| lang_of(i) == Some(code.as_str())).collect();
        out.push(Feed { title, base: &s.url, pages, lang: code });
    }
    for s in site.sections.iter().skip(1) {
        if s.parsed.as_ref().is_some_and(|p| p.front.generate_feeds) {
            let title = format!("{} – {}", s.title, c.title);
            let lang = crate::languages::split(&s.dir, &c.languages).map_or(c.language.as_str(), |(l, _)| l);
            out.push(Feed { title, base: &s.url, pages: s.pages.clone(), lang });
        }
    }
    for t in site.taxonomies.iter().filter(|t| t.config.feed) {
        for term in &t.terms {
            let title = format!("{}: {} – {}", t.config.title, term.name, c.title);
            out.push(Feed { title, base: &term.url, pages: term.pages.clone(), lang: &c.language });
        }
    }
    out
}

/// Checks `feed_filenames` and adds every feed file to the URLs links may point at.
pub fn attach(
    site: &mut Site,
    config_text: &str,
    config_path: &std::path::Path,
    diags: &mut Vec<crate::error::Diagnostic>,
) {
    let names: Vec<&str> = FILENAMES.iter().map(|(n, _)| *n).collect();
    for name in site.config.feed_filenames.iter().filter(|n| Format::of(n).is_none()) {
        let line = config_text.lines().position(|l| l.contains(name.as_str())).map_or(0, |i| i + 1);
        let msg = crate::messages::text(crate::messages::Msg::FeedFilenameUnknown {
            name,
            known: &names.join(", "),
        });
        diags.push(crate::error::Diagnostic::error(config_path, line, 0, msg).with_excerpt_from(config_text));
    }
    let urls = urls(site);
    site.targets.urls.extend(urls);
}

/// The site URLs of every feed file (for link checks and `<link rel="alternate">`).
pub fn urls(site: &Site) -> Vec<String> {
    let names = &site.config.feed_filenames;
    feeds(site).iter().flat_map(|f| names.iter().map(move |n| format!("{}{n}", f.base))).collect()
}

/// `(title, url, mime type)` of the feeds a page should announce with `<link rel="alternate">`:
/// the site's, and that of its section or taxonomy term when it has one. Cheap: no page lists.
pub fn alternates(
    site: &Site,
    section: Option<usize>,
    term: Option<(usize, usize)>,
) -> Vec<serde_json::Value> {
    let c = &site.config;
    // Pages of another language announce that language's feed instead of the root one.
    let lang_root = section.map(|s| site.sections[s].dir.split('/').next().unwrap_or("")).and_then(|top| {
        let lang = c.languages.get(top)?;
        let s = site.sections.iter().find(|s| s.dir == top)?;
        let title =
            if lang.title.is_empty() { format!("{} ({})", c.title, lang.name) } else { lang.title.clone() };
        Some((title, s.url.as_str()))
    });
    let mut feeds: Vec<(String, &str)> = vec![lang_root.unwrap_or_else(|| (c.title.clone(), "/"))];
    if let Some(s) = section
        .filter(|&s| s > 0 && !c.languages.contains_key(&site.sections[s].dir))
        .map(|s| &site.sections[s])
    {
        if s.parsed.as_ref().is_some_and(|p| p.front.generate_feeds) {
            feeds.push((format!("{} – {}", s.title, c.title), &s.url));
        }
    }
    if let Some((t, k)) = term {
        let tax = &site.taxonomies[t];
        if tax.config.feed {
            let term = &tax.terms[k];
            feeds.push((format!("{}: {} – {}", tax.config.title, term.name, c.title), &term.url));
        }
    }
    let mut out = Vec::new();
    for (title, base) in feeds {
        for name in &c.feed_filenames {
            let Some(format) = Format::of(name) else { continue };
            out.push(
                serde_json::json!({ "title": title, "url": format!("{base}{name}"), "type": format.mime() }),
            );
        }
    }
    out
}

/// The newest dated pages of `pages`, at most `feed_limit`.
fn newest(site: &Site, pages: &[usize]) -> Vec<usize> {
    let mut dated: Vec<usize> =
        pages.iter().copied().filter(|&i| site.pages[i].parsed.front.date.is_some()).collect();
    dated.sort_by(|&a, &b| {
        let (fa, fb) = (&site.pages[a].parsed.front, &site.pages[b].parsed.front);
        fb.updated
            .or(fb.date)
            .cmp(&fa.updated.or(fa.date))
            .then_with(|| site.pages[a].url.cmp(&site.pages[b].url))
    });
    dated.truncate(site.config.feed_limit);
    dated
}

/// The feed file `filename` of `feed`.
pub fn write(
    site: &Site,
    feed: &Feed,
    format: Format,
    filename: &str,
    summary: &dyn Fn(usize) -> Option<String>,
) -> String {
    let entries = newest(site, &feed.pages);
    let self_url = site.config.permalink(&format!("{}{filename}", feed.base));
    match format {
        Format::Atom => atom(site, feed, &entries, &self_url, summary),
        Format::Rss => rss(site, feed, &entries, &self_url, summary),
    }
}

fn atom(
    site: &Site,
    feed: &Feed,
    dated: &[usize],
    self_url: &str,
    summary: &dyn Fn(usize) -> Option<String>,
) -> String {
    let c = &site.config;
    let updated = dated
        .first()
        .and_then(|&i| {
            let f = &site.pages[i].parsed.front;
            f.updated.or(f.date)
        })
        .map(|d| d.format("%Y-%m-%dT00:00:00Z").to_string())
        .unwrap_or_else(|| "1970-01-01T00:00:00Z".into());
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    out.push_str(&format!(
        "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\">\n",
        escape_xml(feed.lang)
    ));
    out.push_str(&format!("  <title>{}</title>\n", escape_xml(&feed.title)));
    if !c.description.is_empty() {
        out.push_str(&format!("  <subtitle>{}</subtitle>\n", escape_xml(&c.description)));
    }
    out.push_str(&format!(
        "  <link href=\"{}\" rel=\"self\" type=\"application/atom+xml\"/>\n",
        escape_xml(self_url)
    ));
    let home = c.permalink(feed.base);
    out.push_str(&format!("  <link href=\"{}\"/>\n", escape_xml(&home)));
    out.push_str(&format!("  <id>{}</id>\n  <updated>{updated}</updated>\n", escape_xml(&home)));
    if !c.author.is_empty() || !c.organisation.is_empty() {
        let name = if c.author.is_empty() { &c.organisation } else { &c.author };
        out.push_str(&format!("  <author><name>{}</name></author>\n", escape_xml(name)));
    }
    out.push_str("  <generator>loa</generator>\n");
    for &i in dated {
        let p = &site.pages[i];
        let f = &p.parsed.front;
        let link = c.permalink(&p.url);
        out.push_str("  <entry>\n");
        out.push_str(&format!("    <title>{}</title>\n", escape_xml(&p.title)));
        out.push_str(&format!(
            "    <link href=\"{}\"/>\n    <id>{}</id>\n",
            escape_xml(&link),
            escape_xml(&link)
        ));
        if let Some(d) = f.date {
            out.push_str(&format!("    <published>{}</published>\n", d.format("%Y-%m-%dT00:00:00Z")));
        }
        let upd =
            f.updated.or(f.date).map(|d| d.format("%Y-%m-%dT00:00:00Z").to_string()).unwrap_or_default();
        out.push_str(&format!("    <updated>{upd}</updated>\n"));
        if let Some(summary) = summary(i) {
            out.push_str(&format!("    <summary type=\"html\">{}</summary>\n", escape_xml(&summary)));
        }
        out.push_str("  </entry>\n");
    }
    out.push_str("</feed>\n");
    out
}

/// RSS 2.0: dates in RFC 822 form, summaries as escaped HTML in `<description>`.
fn rss(
    site: &Site,
    feed: &Feed,
    dated: &[usize],
    self_url: &str,
    summary: &dyn Fn(usize) -> Option<String>,
) -> String {
    let c = &site.config;
    let rfc822 = |d: chrono::NaiveDate| d.and_time(chrono::NaiveTime::MIN).and_utc().to_rfc2822();
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\" xmlns:atom=\"http://www.w3.org/2005/Atom\">\n<channel>\n",
    );
    out.push_str(&format!("  <title>{}</title>\n", escape_xml(&feed.title)));
    out.push_str(&format!("  <link>{}</link>\n", escape_xml(&c.permalink(feed.base))));
    let description = if c.description.is_empty() { &feed.title } else { &c.description };
    out.push_str(&format!("  <description>{}</description>\n", escape_xml(description)));
    out.push_str(&format!("  <language>{}</language>\n", escape_xml(feed.lang)));
    out.push_str("  <generator>loa</generator>\n");
    if let Some(d) = dated.first().and_then(|&i| {
        let f = &site.pages[i].parsed.front;
        f.updated.or(f.date)
    }) {
        out.push_str(&format!("  <lastBuildDate>{}</lastBuildDate>\n", rfc822(d)));
    }
    out.push_str(&format!(
        "  <atom:link href=\"{}\" rel=\"self\" type=\"application/rss+xml\"/>\n",
        escape_xml(self_url)
    ));
    for &i in dated {
        let p = &site.pages[i];
        let link = escape_xml(&c.permalink(&p.url));
        out.push_str("  <item>\n");
        out.push_str(&format!("    <title>{}</title>\n    <link>{link}</link>\n", escape_xml(&p.title)));
        out.push_str(&format!("    <guid isPermaLink=\"true\">{link}</guid>\n"));
        if let Some(d) = p.parsed.front.date {
            out.push_str(&format!("    <pubDate>{}</pubDate>\n", rfc822(d)));
        }
        if let Some(summary) = summary(i) {
            out.push_str(&format!("    <description>{}</description>\n", escape_xml(&summary)));
        }
        out.push_str("  </item>\n");
    }
    out.push_str("</channel>\n</rss>\n");
    out
}

/// `robots.txt` allowing everything and naming the sitemap.
pub fn robots(site: &Site) -> String {
    format!("User-agent: *\nAllow: /\nSitemap: {}\n", site.config.permalink("/sitemap.xml"))
}
