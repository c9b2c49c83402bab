//! Files written by code rather than templates: sitemap, Atom feed, robots.txt.

use crate::render::escape_xml;
use crate::resolve::{pager_url, Site};

/// The sitemaps protocol's limit of URLs per file.
pub const SITEMAP_URLS: usize = 50_000;

/// `sitemap.xml` with the absolute URL of every page, section and taxonomy page; over
/// `SITEMAP_URLS` URLs, `sitemap.xml` is an index of `sitemap1.xml`, `sitemap2.xml`, …
pub fn sitemaps(site: &Site) -> Vec<(String, String)> {
    let c = &site.config;
    let mut entries: Vec<String> = Vec::new();
    let mut entry = |url: &str, date: Option<chrono::NaiveDate>| {
        let mut e = String::from("  <url>\n    <loc>");
        e.push_str(&escape_xml(&c.permalink(url)));
        e.push_str("</loc>\n");
        if let Some(d) = date {
            e.push_str(&format!("    <lastmod>{}</lastmod>\n", d.format("%Y-%m-%d")));
        }
        e.push_str("  </url>\n");
        entries.push(e);
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
    split_sitemap(&entries, SITEMAP_URLS, &|name| c.permalink(&format!("/{name}")))
}

/// The sitemap files for `entries` (`<url>` elements), at most `per_file` in each:
/// (file name, text). `permalink` makes a file name absolute for the index.
fn split_sitemap(
    entries: &[String],
    per_file: usize,
    permalink: &dyn Fn(&str) -> String,
) -> Vec<(String, String)> {
    const HEAD: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
    const NS: &str = "xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\"";
    let urlset = |chunk: &[String]| {
        let mut out = format!("{HEAD}<urlset {NS}>\n");
        chunk.iter().for_each(|e| out.push_str(e));
        out.push_str("</urlset>\n");
        out
    };
    if entries.len() <= per_file {
        return vec![("sitemap.xml".into(), urlset(entries))];
    }
    let mut files = Vec::new();
    let mut index = format!("{HEAD}<sitemapindex {NS}>\n");
    for (n, chunk) in entries.chunks(per_file.max(1)).enumerate() {
        let name = format!("sitemap{}.xml", n + 1);
        index.push_str(&format!(
            "  <sitemap>\n    <loc>{}</loc>\n  </sitemap>\n",
            escape_xml(&permalink(&name))
        ));
        files.push((name, urlset(chunk)));
    }
    index.push_str("</sitemapindex>\n");
    files.insert(0, ("sitemap.xml".into(), index));
    files
}

/// `atom.xml`: the newest dated pages, with their summaries.
pub fn atom(site: &Site, summary: &dyn Fn(usize) -> Option<String>) -> String {
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
        out.push_str("  </entry>\n");
    }
    out.push_str("</feed>\n");
    out
}

/// `robots.txt` allowing everything and naming the sitemap.
pub fn robots(site: &Site) -> String {
    format!("User-agent: *\nAllow: /\nSitemap: {}\n", site.config.permalink("/sitemap.xml"))
}

#[cfg(test)]
mod tests {
    use super::split_sitemap;

    fn entries(n: usize) -> Vec<String> {
        (0..n).map(|i| format!("  <url>\n    <loc>https://x.vn/{i}/</loc>\n  </url>\n")).collect()
    }

    #[test]
    fn a_sitemap_at_the_limit_is_one_file() {
        let files = split_sitemap(&entries(3), 3, &|n| format!("https://x.vn/{n}"));
        assert_eq!(files.len(), 1);
        assert_eq!(files[0].0, "sitemap.xml");
        assert!(files[0].1.contains("<urlset") && files[0].1.matches("<url>").count() == 3);
    }

    #[test]
    fn a_sitemap_over_the_limit_becomes_an_index_of_files() {
        let files = split_sitemap(&entries(7), 3, &|n| format!("https://x.vn/{n}"));
        let names: Vec<&str> = files.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(names, ["sitemap.xml", "sitemap1.xml", "sitemap2.xml", "sitemap3.xml"]);
        let index = &files[0].1;
        assert!(index.contains("<sitemapindex"), "{index}");
        assert!(index.contains("<loc>https://x.vn/sitemap3.xml</loc>"), "{index}");
        let counts: Vec<usize> = files[1..].iter().map(|(_, t)| t.matches("<url>").count()).collect();
        assert_eq!(counts, [3, 3, 1]);
        assert!(files[3].1.contains("https://x.vn/6/") && files[3].1.ends_with("</urlset>\n"));
    }
}
