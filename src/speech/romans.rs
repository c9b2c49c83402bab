//! Roman numerals where Vietnamese texts use them: after the head words of
//! `data/roman_heads.tsv` ("khóa", "quý", "phần", "Đại hội", "thế kỷ", "khu vực", "vùng",
//! "hạng", …, any case): "thế kỷ XXI" → "thế kỷ hai mươi mốt", "Quý IV" → "Quý bốn", "xã
//! khu vực III" → "xã khu vực ba"; after "thứ" an ordinal: "lần thứ IV" → "lần thứ tư". A
//! list that continues one ("khu vực II và III", "quý I, II") is read too. A capitalised
//! word such as "VI" in "XỬ LÝ VI PHẠM" is not a numeral (headings at the start of a
//! block are read by `markers`).

use std::sync::OnceLock;

use super::claims::{re, scan, Claims, Item};
use super::numbers::roman_value;
use super::table;

/// Vietnamese words spelled in Roman-numeral letters ("VI PHẠM", "XI MĂNG", "DI CHUYỂN").
const WORDS: &[&str] = &["VI", "XI", "MI", "LI", "DI"];

pub(crate) fn classify(text: &str, claims: &mut Claims) {
    static RE: OnceLock<regex::Regex> = OnceLock::new();
    let re = RE.get_or_init(|| {
        let heads: Vec<String> =
            table::roman_heads().iter().map(|h| regex::escape(h).replace(' ', r"\s+")).collect();
        let pattern = format!(r"(?i:{})(?P<s>\s+)(?P<r>[IVXLCDM]+)", heads.join("|"));
        regex::Regex::new(&pattern).expect("the Roman head words make a valid pattern")
    });
    let mut read = Vec::new();
    scan(text, claims, re, |caps, text, _| {
        let all = caps.get(0)?;
        let r = caps.name("r")?;
        if super::before(text, all.start()).is_some_and(char::is_alphanumeric)
            || super::after(text, r.end()).is_some_and(|c| c.is_alphanumeric() || c == '-')
        {
            return None;
        }
        // "LẦN THỨ VI PHẠM"-like all-capital phrases: a Roman-looking word followed by
        // another capitalised word is a word ("QUÝ II NĂM 2025", "LẦN THỨ I HỘI NÔNG DÂN"
        // are numerals: "II", "I" are no words).
        let next = text[r.end()..].trim_start();
        // "Chương II QUY ĐỊNH CỤ THỂ": a heading word in title case before its numeral.
        let heading = ["Chương", "CHƯƠNG", "Phần", "PHẦN", "Mục", "MỤC", "Phụ lục", "PHỤ LỤC"]
            .iter()
            .any(|w| text[all.start()..r.start()].trim_end().ends_with(w));
        if !heading
            && WORDS.contains(&r.as_str())
            && text[r.end()..].starts_with(' ')
            && next.split_whitespace().next().is_some_and(|w| {
                w.chars().all(char::is_uppercase)
                    && w.chars().count() > 1
                    && super::leftovers::is_syllable(&w.to_lowercase())
                    && roman_value(w.trim_matches(|c: char| !c.is_alphabetic())).is_none()
            })
        {
            return None;
        }
        // A lone C, D, L or M is a letter ("hạng C"), not 100, 500, 50 or 1000.
        if r.as_str().chars().count() == 1 && !"IVX".contains(r.as_str()) {
            return None;
        }
        let n = roman_value(r.as_str())?;
        // "lần thứ IV" is an ordinal: "lần thứ tư", "thứ nhất".
        let head = &text[all.start()..r.start()];
        if head.trim_end().to_lowercase() == "thứ" {
            let capital = head.starts_with(char::is_uppercase);
            read.push((r.end(), n));
            return Some((all.start(), r.end(), Item::Ordinal { n, capital }));
        }
        read.push((r.end(), n));
        Some((r.start(), r.end(), Item::Integer(n)))
    });
    lists(text, claims, read);
}

/// "khu vực II và III", "quý I, II": Roman numerals listed after one read after a head
/// word are numerals too, each greater than the one before.
fn lists(text: &str, claims: &mut Claims, read: Vec<(usize, u64)>) {
    static NEXT: OnceLock<regex::Regex> = OnceLock::new();
    let next = re(&NEXT, r"^\s*(?:,|và|hoặc|,\s*và)\s*(?P<r>[IVX]+)");
    for (mut end, mut last) in read {
        while let Some(caps) = next.captures(&text[end..]) {
            let Some(m) = caps.name("r") else { break };
            let (s, e) = (end + m.start(), end + m.end());
            let Some(n) = roman_value(m.as_str()).filter(|n| *n > last) else { break };
            if super::after(text, e).is_some_and(|c| c.is_alphanumeric() || c == '-')
                || !claims.add(s, e, Item::Integer(n))
            {
                break;
            }
            (end, last) = (e, n);
        }
    }
}
