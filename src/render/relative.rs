//! Makes site-absolute links (`/van-ban/`) relative to the file they are written in
//! (`../van-ban/index.html`), so the output works from `file://` and under any sub-path.

/// Attributes whose values are URLs.
const URL_ATTRS: &[&str] = &["href", "src", "action", "poster", "data", "srcset"];

/// How links are rewritten.
pub struct LinkStyle<'a> {
    /// Prefix that leads from the current file to the site root: "", "../../", or "/sub/" for 404 pages.
    pub prefix: String,
    /// Keep folder links as `x/` instead of `x/index.html`.
    pub pretty: bool,
    /// Known site URLs, to tell `/van-ban/chi-thi-11` (a folder) from `/css/a.css` (a file).
    pub urls: &'a crate::markdown::UrlSet,
}

impl LinkStyle<'_> {
    /// The relative prefix for an output file at `out_path` (e.g. `van-ban/x/index.html`).
    pub fn prefix_for(out_path: &str) -> String {
        "../".repeat(out_path.matches('/').count())
    }

    /// Rewrites one site-absolute URL (starting with `/`).
    pub fn rewrite(&self, url: &str) -> String {
        let mut out = Vec::with_capacity(self.prefix.len() + url.len() + 10);
        self.rewrite_into(url, &mut out);
        // Only `str`s were put in.
        String::from_utf8(out).unwrap_or_default()
    }

    /// `rewrite`, appended to `out` (no text of its own on the way).
    fn rewrite_into(&self, url: &str, out: &mut Vec<u8>) {
        let (path, suffix) = match url.bytes().position(|b| b == b'?' || b == b'#') {
            Some(i) => url.split_at(i),
            None => (url, ""),
        };
        let slash = path.ends_with('/');
        let is_dir = slash || (!last_segment_has_dot(path) && self.is_folder(path));
        let start = out.len();
        out.extend_from_slice(self.prefix.as_bytes());
        out.extend_from_slice(&path.as_bytes()[1..]);
        if is_dir && !slash {
            out.push(b'/');
        }
        if is_dir && !self.pretty {
            out.extend_from_slice(b"index.html");
        }
        if out.len() == start {
            out.extend_from_slice(b"./");
        }
        out.extend_from_slice(suffix.as_bytes());
    }

    /// Whether `path` (without a final `/`) is a folder URL of the site.
    fn is_folder(&self, path: &str) -> bool {
        let mut folder = String::with_capacity(path.len() + 1);
        folder.push_str(path);
        folder.push('/');
        self.urls.contains(&folder)
    }

    /// Rewrites every site-absolute URL attribute in `html`.
    pub fn apply(&self, html: &str) -> String {
        self.apply_noting(html, None)
    }

    /// `apply`, also collecting the site links that point at no URL of the site.
    pub fn apply_noting(&self, html: &str, broken: Option<&mut Vec<String>>) -> String {
        let out = self.apply_bytes(html.as_bytes(), broken);
        // Cuts are made at ASCII quotes of valid UTF-8 and only `str`s are put in.
        String::from_utf8(out).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
    }

    /// `apply_noting` on a rendered page's bytes (UTF-8): the page is never checked as a
    /// whole again, only each link's value is read as text.
    pub fn apply_bytes(&self, html: &[u8], mut broken: Option<&mut Vec<String>>) -> Vec<u8> {
        // Links grow by `../` each: room for a list page's many, so the page is not copied
        // again as it grows.
        let mut out = Vec::with_capacity(html.len() + html.len() / 4 + 256);
        let mut rest = html;
        while let Some((quote_at, quote)) = find_link(rest) {
            let value_start = quote_at + 1;
            let Some(len) = memchr::memchr(quote, &rest[value_start..]) else {
                break;
            };
            out.extend_from_slice(&rest[..value_start]);
            let Ok(value) = std::str::from_utf8(&rest[value_start..value_start + len]) else {
                rest = &rest[value_start..];
                continue;
            };
            // `srcset="/a-480.jpg 480w, /a-800.jpg 800w"`: each candidate's URL.
            if rest[..quote_at].ends_with(b"srcset=") {
                if let Some(broken) = broken.as_deref_mut() {
                    let urls = value.split(", ").map(|c| c.split(' ').next().unwrap_or(c));
                    for url in urls.filter(|u| u.starts_with('/') && !crate::anchors::serves(self.urls, u)) {
                        broken.push(url.to_owned());
                    }
                }
                let candidates: Vec<String> = value
                    .split(", ")
                    .map(|c| match c.split_once(' ') {
                        Some((url, size)) if url.starts_with('/') => format!("{} {size}", self.rewrite(url)),
                        _ if c.starts_with('/') => self.rewrite(c),
                        _ => c.to_owned(),
                    })
                    .collect();
                out.extend_from_slice(candidates.join(", ").as_bytes());
            } else {
                if let Some(broken) = broken.as_deref_mut() {
                    if !crate::anchors::serves(self.urls, value) {
                        broken.push(value.to_owned());
                    }
                }
                self.rewrite_into(value, &mut out);
            }
            rest = &rest[value_start + len..];
        }
        out.extend_from_slice(rest);
        out
    }
}

/// Finds the next `attr="/…"` with a URL attribute; returns the quote's offset and byte.
fn find_link(bytes: &[u8]) -> Option<(usize, u8)> {
    // One pass over `=` signs: each is looked at once, so a page costs its length.
    for pos in memchr::memchr_iter(b'=', bytes) {
        let (Some(&quote), Some(&b'/')) = (bytes.get(pos + 1), bytes.get(pos + 2)) else { continue };
        if quote != b'"' && quote != b'\'' {
            continue;
        }
        // `//host` is protocol-relative: an external link.
        if bytes.get(pos + 3) == Some(&b'/') {
            continue;
        }
        // Bytes of multi-byte letters are never ASCII alphanumerics, as chars were not.
        let name_start = bytes[..pos]
            .iter()
            .rposition(|&c| !(c.is_ascii_alphanumeric() || c == b'-'))
            .map_or(0, |i| i + 1);
        if URL_ATTRS.iter().any(|a| bytes[name_start..pos].eq_ignore_ascii_case(a.as_bytes())) {
            return Some((pos + 1, quote));
        }
    }
    None
}

fn last_segment_has_dot(path: &str) -> bool {
    path.rsplit('/').next().is_some_and(|s| s.contains('.'))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::markdown::UrlSet;

    fn style(prefix: &str, pretty: bool, urls: &UrlSet) -> String {
        let s = LinkStyle { prefix: prefix.into(), pretty, urls };
        s.apply(
            r#"<a href="/van-ban/">x</a><a href="/van-ban/chi-thi-11#muc-1">y</a><img src="/css/a.png"><a href="//cdn.example.org/x">z</a><a href="https://e.vn/">e</a><a href='/'>h</a>"#,
        )
    }

    #[test]
    fn links_become_relative_file_links() {
        let urls: UrlSet = ["/van-ban/", "/van-ban/chi-thi-11/"].iter().map(|s| s.to_string()).collect();
        assert_eq!(
            style("../../", false, &urls),
            r#"<a href="../../van-ban/index.html">x</a><a href="../../van-ban/chi-thi-11/index.html#muc-1">y</a><img src="../../css/a.png"><a href="//cdn.example.org/x">z</a><a href="https://e.vn/">e</a><a href='../../index.html'>h</a>"#
        );
        assert_eq!(
            style("", true, &urls),
            r#"<a href="van-ban/">x</a><a href="van-ban/chi-thi-11/#muc-1">y</a><img src="css/a.png"><a href="//cdn.example.org/x">z</a><a href="https://e.vn/">e</a><a href='./'>h</a>"#
        );
    }

    #[test]
    fn text_that_looks_like_a_link_is_left_alone() {
        let urls = UrlSet::default();
        let s = LinkStyle { prefix: "../".into(), pretty: false, urls: &urls };
        assert_eq!(s.apply("<p>title=\"/x\"</p><p class=\"/y\">"), "<p>title=\"/x\"</p><p class=\"/y\">");
    }
}
