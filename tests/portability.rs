//! `public/` works from `file://` (a USB stick, a shared folder): every link in every
//! page points at a file that exists, relative to the page.

use std::path::{Component, Path, PathBuf};

use crate::support::Fixture;

/// Values of `href` and `src` attributes in `html` (quoted or not).
fn link_values(html: &str) -> Vec<String> {
    let bytes = html.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let rest = &bytes[i..];
        let name_len = if rest.starts_with(b"href") {
            4
        } else if rest.starts_with(b"src") {
            3
        } else {
            i += 1;
            continue;
        };
        let before_ok = i > 0 && bytes[i - 1].is_ascii_whitespace();
        let mut j = i + name_len;
        while j < bytes.len() && bytes[j].is_ascii_whitespace() {
            j += 1;
        }
        if !before_ok || bytes.get(j) != Some(&b'=') {
            i += 1;
            continue;
        }
        j += 1;
        while j < bytes.len() && bytes[j].is_ascii_whitespace() {
            j += 1;
        }
        let (start, end) = match bytes.get(j) {
            Some(&q @ (b'"' | b'\'')) => {
                let end = html[j + 1..].find(q as char).map_or(bytes.len(), |k| j + 1 + k);
                (j + 1, end)
            }
            _ => {
                let end = html[j..]
                    .find(|c: char| c.is_ascii_whitespace() || c == '>')
                    .map_or(bytes.len(), |k| j + k);
                (j, end)
            }
        };
        out.push(decode_entities(&html[start..end]));
        i = end;
    }
    out
}

fn decode_entities(s: &str) -> String {
    s.replace("&amp;", "&").replace("&#x2F;", "/").replace("&#47;", "/")
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            if let Ok(b) = u8::from_str_radix(&s[i + 1..i + 3], 16) {
                out.push(b);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Links that a browser opening `public/` from disk could not follow, as "page: href".
pub fn broken_file_links(public: &Path) -> Vec<String> {
    let mut broken = Vec::new();
    let mut pages = 0;
    for (rel, bytes) in crate::support::tree(public) {
        // 404.html is served by a web server for any path, so its links are root-absolute.
        if !rel.ends_with(".html") || rel == "404.html" {
            continue;
        }
        pages += 1;
        let html = String::from_utf8(bytes).expect("HTML is UTF-8");
        let page = public.join(&rel);
        let dir = page.parent().expect("page has a folder");
        for href in link_values(&html) {
            let lower = href.to_ascii_lowercase();
            if href.starts_with('#')
                || ["http://", "https://", "mailto:", "tel:"].iter().any(|s| lower.starts_with(s))
            {
                continue;
            }
            let path = href.split(['#', '?']).next().unwrap_or_default();
            let ok = !path.is_empty()
                && !path.starts_with('/')
                && !path.ends_with('/')
                && !href.contains("://")
                && normalise(&dir.join(percent_decode(path))).is_file();
            if !ok {
                broken.push(format!("{rel}: {href}"));
            }
        }
    }
    assert!(pages > 0, "no HTML pages under {}", public.display());
    broken
}

/// Resolves `.` and `..` without touching the file system (as a browser does with URLs).
fn normalise(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::ParentDir => {
                out.pop();
            }
            Component::CurDir => {}
            c => out.push(c),
        }
    }
    out
}

#[test]
fn link_scanner_finds_quoted_and_unquoted_values() {
    let html = r#"<a href="a/index.html">x</a><img  src='b.png'><link href=c.css><p data-href="no">srcset</p><a class="x" href = "d/">"#;
    assert_eq!(link_values(html), ["a/index.html", "b.png", "c.css", "d/"]);
}

// The skeleton with the built-in theme: every link resolves to a file from `file://`.
#[test]
fn init_skeleton_links_work_from_file_urls() {
    let fx = Fixture::built_skeleton();
    let broken = broken_file_links(&fx.public());
    assert!(broken.is_empty(), "links that fail from file://:\n{}", broken.join("\n"));
}

// The same for the basic fixture: Markdown links, pagers, tags and nested sections.
#[test]
fn basic_site_links_work_from_file_urls() {
    let fx = Fixture::copy("basic");
    fx.build();
    let broken = broken_file_links(&fx.public());
    assert!(broken.is_empty(), "links that fail from file://:\n{}", broken.join("\n"));
}
