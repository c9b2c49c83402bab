//! Files written by code rather than templates: sitemap, Atom feed, robots.txt.

use crate::render::escape_xml;
use crate::resolve::{pager_url, Site};

/// `sitemap.xml` with the absolute URL of every page, section and taxonomy page.
pub fn sitemap(site: &Site) -> String {
    let c = &site.config;
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
    let mut entry = |url: &str, date: Option<chrono::NaiveDate>| {
        out.push_str("  <url>\n    <loc>");
        out.push_str(&escape_xml(&c.permalink(url)));
        out.push_str("</loc>\n");
        if let Some(d) = date {
            out.push_str(&format!("    <lastmod>{}</lastmod>\n", d.format("%Y-%m-%d")));
        }
        out.push_str("  </url>\n");
    };
    for s in &site.sections {
        for n in 1..=s.pager_count() {
            entry(&pager_url(&s.url, n), None);
        }
    }
    for p in &site.pages {
        let f = &p.parsed.front;
        entry(&p.url, f.updated.or(f.date));
    }
    for t in &site.taxonomies {
        entry(&t.url, None);
        for term in &t.terms {
            entry(&term.url, None);
        }
    }
    out.push_str("</urlset>\n");
    out
}

/// `atom.xml`: the newest dated pages, with their summaries.
/// `enclosure` gives a page's audio file as (site URL, MIME type, bytes), for podcast
/// apps and loudspeaker systems that follow a feed.
pub fn atom(
    site: &Site,
    summary: &dyn Fn(usize) -> Option<String>,
    enclosure: &dyn Fn(usize) -> Option<(String, &'static str, u64)>,
) -> String {
    let c = &site.config;
    let mut dated: Vec<usize> =
        (0..site.pages.len()).filter(|&i| site.pages[i].parsed.front.date.is_some()).collect();
    dated.sort_by(|&a, &b| {
        let (fa, fb) = (&site.pages[a].parsed.front, &site.pages[b].parsed.front);
        fb.updated
            .or(fb.date)
            .cmp(&fa.updated.or(fa.date))
            .then_with(|| site.pages[a].url.cmp(&site.pages[b].url))
    });
    dated.truncate(c.feed_limit);
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
        escape_xml(&c.language)
    ));
    out.push_str(&format!("  <title>{}</title>\n", escape_xml(&c.title)));
    if !c.description.is_empty() {
        out.push_str(&format!("  <subtitle>{}</subtitle>\n", escape_xml(&c.description)));
    }
    out.push_str(&format!(
        "  <link href=\"{}\" rel=\"self\" type=\"application/atom+xml\"/>\n",
        escape_xml(&c.permalink("/atom.xml"))
    ));
    out.push_str(&format!("  <link href=\"{}\"/>\n", escape_xml(&c.permalink("/"))));
    out.push_str(&format!("  <id>{}</id>\n  <updated>{updated}</updated>\n", escape_xml(&c.permalink("/"))));
    if !c.author.is_empty() || !c.organisation.is_empty() {
        let name = if c.author.is_empty() { &c.organisation } else { &c.author };
        out.push_str(&format!("  <author><name>{}</name></author>\n", escape_xml(name)));
    }
    out.push_str("  <generator>loa</generator>\n");
    for i in dated {
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
        if let Some((url, mime, length)) = enclosure(i) {
            out.push_str(&format!(
                "    <link rel=\"enclosure\" type=\"{mime}\" length=\"{length}\" href=\"{}\"/>\n",
                escape_xml(&c.permalink(&url))
            ));
        }
        out.push_str("  </entry>\n");
    }
    out.push_str("</feed>\n");
    out
}

/// `robots.txt` allowing everything and naming the sitemap.
pub fn robots(site: &Site) -> String {
    format!("User-agent: *\nAllow: /\nSitemap: {}\n", site.config.permalink("/sitemap.xml"))
}
