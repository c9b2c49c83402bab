//! E-mail and web addresses, read part by part as on Vietnamese radio (table in
//! `data/web.tsv`): "ttcainghien@sonla.gov.vn" → "ttcainghien a còng sơn la chấm gov chấm
//! vê en"; "https://dichvucong.gov.vn" → "dịch vụ công chấm gov chấm vê en" (the scheme is
//! not read). A part wholly made of Vietnamese words written without marks
//! (`data/web_words.tsv`: "sonla", "cosocainghien") is read in those words; any other
//! part the tables do not know is read as written.

use std::sync::OnceLock;

use super::claims::{re, scan, Claims, Item};
use super::numbers::read_digits;
use super::table;

/// Top-level domains that make "a.b.vn" an address rather than an abbreviation with dots.
const TLDS: &[&str] = &["vn", "com", "net", "org", "gov", "edu", "info", "io", "int"];

pub(crate) fn classify(text: &str, claims: &mut Claims) {
    static RE: OnceLock<regex::Regex> = OnceLock::new();
    let re =
        re(&RE, r"(?i)(?:https?://)?(?:[a-z0-9_.+-]+@)?(?:[a-z0-9-]+\.)+[a-z]{2,6}(?:/[a-z0-9_./?=&%#-]*)?");
    scan(text, claims, re, |caps, text, _| {
        let all = caps.get(0)?;
        if super::before(text, all.start()).is_some_and(|c| c.is_alphanumeric() || c == '.' || c == '@') {
            return None;
        }
        // A sentence's full stop or comma after the address is not part of it.
        let s = all.as_str().trim_end_matches(['.', ',', '/', '-', '?', '&', '=', '#']);
        let end = all.start() + s.len();
        if super::after(text, end).is_some_and(char::is_alphanumeric) {
            return None;
        }
        let rest = s.split_once("://").map_or(s, |(_, r)| r);
        let host = rest.split('/').next().unwrap_or(rest);
        let host = host.rsplit('@').next().unwrap_or(host);
        let tld = host.rsplit('.').next().unwrap_or("").to_lowercase();
        if !TLDS.contains(&tld.as_str()) && !s.contains('@') && !s.contains("://") {
            return None;
        }
        // A closing "/" ("https://www.sonla.gov.vn/") is not read, nor left over.
        let claimed = end + text[end..].bytes().take_while(|b| *b == b'/').count();
        Some((all.start(), claimed, Item::Words(read(rest))))
    });
}

/// An address without its scheme, part by part.
fn read(address: &str) -> String {
    let web = table::web();
    let mut out: Vec<String> = Vec::new();
    let mut part = String::new();
    let flush = |part: &mut String, out: &mut Vec<String>| {
        if part.is_empty() {
            return;
        }
        let low = part.to_lowercase();
        let reading = match web.iter().find(|(w, _)| *w == low) {
            Some((_, r)) => (*r).to_owned(),
            None if low.chars().all(|c| c.is_ascii_digit()) => read_digits(&low),
            None => words(&low).unwrap_or(low),
        };
        out.push(reading);
        part.clear();
    };
    let mut chars = address.char_indices();
    while let Some((i, c)) = chars.next() {
        if c.is_alphanumeric() {
            part.push(c);
            continue;
        }
        flush(&mut part, &mut out);
        // A slug in the path, "/tin-tuc", is read as its words when it is wholly made
        // of them ("tin tức"), without its dashes.
        if c == '/' {
            let segment = address[i + 1..].split(['/', '?', '#']).next().unwrap_or("");
            let joined = segment.replace('-', "").to_lowercase();
            if let Some(w) = words(&joined).filter(|_| segment.contains('-')) {
                out.extend(web.iter().find(|(w, _)| *w == "/").map(|(_, r)| (*r).to_owned()));
                out.push(w);
                for _ in 0..segment.chars().count() {
                    chars.next();
                }
                continue;
            }
        }
        let sign = c.to_string();
        if let Some((_, r)) = web.iter().find(|(w, _)| *w == sign) {
            out.push((*r).to_owned());
        }
    }
    flush(&mut part, &mut out);
    out.join(" ")
}

/// A part of an address read as the Vietnamese words it is made of, when it is wholly
/// made of words of the table: the fewest words, the longest first ("baosonla" → "báo sơn
/// la"). None when some letters are not covered ("ttcainghien", "facebook").
fn words(part: &str) -> Option<String> {
    let table = table::web_words();
    if part.is_empty() || !part.bytes().all(|b| b.is_ascii_lowercase()) {
        return None;
    }
    let n = part.len();
    // best[i]: the fewest words covering part[i..], and the end of the first of them.
    let mut best: Vec<Option<(usize, usize)>> = vec![None; n + 1];
    best[n] = Some((0, n));
    for i in (0..n).rev() {
        for j in (i + 1..=n.min(i + table.longest)).rev() {
            let Some((count, _)) = best[j] else { continue };
            if table.words.contains_key(&part[i..j]) && best[i].is_none_or(|(c, _)| count + 1 < c) {
                best[i] = Some((count + 1, j));
            }
        }
    }
    best[0]?;
    let mut out = Vec::new();
    let mut i = 0;
    while i < n {
        let (_, j) = best[i]?;
        out.push(*table.words.get(&part[i..j])?);
        i = j;
    }
    Some(out.join(" "))
}
