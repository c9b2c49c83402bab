//! GFM "extended autolinks": `https://…`, `http://…` and `www.…` in running text.

/// Byte ranges of the web addresses in `text`, in order.
pub fn find(text: &str) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    if !text.contains("://") && !text.contains("www.") {
        return out;
    }
    let mut from = 0;
    while let Some(start) = next_start(text, from) {
        let rest = &text[start..];
        let len = rest.find(|c: char| c.is_whitespace() || c == '<').unwrap_or(rest.len());
        let end = start + trimmed_len(&rest[..len]);
        let host = text[start..end].split("://").last().unwrap_or("");
        if host.contains('.') && host.len() > 4 {
            out.push(start..end);
        }
        from = start + len.max(1);
    }
    out
}

/// The next `http://`, `https://` or `www.` at a word start.
fn next_start(text: &str, from: usize) -> Option<usize> {
    let mut i = from;
    while i < text.len() {
        let rest = &text[i..];
        let at_word_start = i == 0 || !text[..i].ends_with(|c: char| c.is_alphanumeric());
        if at_word_start
            && (rest.starts_with("https://") || rest.starts_with("http://") || rest.starts_with("www."))
        {
            return Some(i);
        }
        i += rest.chars().next().map_or(1, char::len_utf8);
    }
    None
}

/// Drops trailing punctuation, and a closing parenthesis that has no opening one inside.
fn trimmed_len(candidate: &str) -> usize {
    let mut s = candidate;
    loop {
        let before = s.len();
        s = s.trim_end_matches(['.', ',', ':', ';', '!', '?', '"', '\'', '*', '_', '~']);
        if s.ends_with(')') && s.matches('(').count() < s.matches(')').count() {
            s = &s[..s.len() - 1];
        }
        if s.len() == before {
            return s.len();
        }
    }
}

/// The link target of an address found by `find`: `www.` gets `https://`.
pub fn href(address: &str) -> String {
    if address.starts_with("www.") {
        format!("https://{address}")
    } else {
        address.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Vec<&str> {
        find(text).into_iter().map(|r| &text[r]).collect()
    }

    #[test]
    fn bare_addresses_without_trailing_punctuation() {
        assert_eq!(
            found("Xem https://sonla.gov.vn/tin-tuc, hoặc (www.moj.gov.vn). Hết: http://a.vn/x_(y)."),
            ["https://sonla.gov.vn/tin-tuc", "www.moj.gov.vn", "http://a.vn/x_(y)"]
        );
    }

    #[test]
    fn words_that_only_contain_www_are_text() {
        assert!(found("awww.vn and https:// alone").is_empty());
        assert_eq!(href("www.moj.gov.vn"), "https://www.moj.gov.vn");
    }
}
