//! Roman numerals where Vietnamese texts use them: after "khóa", "quý", "phần", "chương",
//! "mục", "Đại hội", "giai đoạn", "lần thứ", "thế kỷ", "phụ lục", "tập", "loại", "hạng"
//! (any case): "thế kỷ XXI" → "thế kỷ hai mươi mốt", "Quý IV" → "Quý bốn". A capitalised
//! word such as "VI" in "XỬ LÝ VI PHẠM" is not a numeral (headings at the start of a
//! block are read by `markers`).

use std::sync::OnceLock;

use super::claims::{re, scan, Claims, Item};
use super::numbers::roman_value;

pub(crate) fn classify(text: &str, claims: &mut Claims) {
    static RE: OnceLock<regex::Regex> = OnceLock::new();
    let re = re(
        &RE,
        r"(?i:khóa|khoá|quý|phần|chương|mục|đại\s+hội|giai\s+đoạn|thứ|kỷ|kỉ|lục|tập|loại|hạng|cấp|đợt|kỳ|số)(?P<s>\s+)(?P<r>[IVXLCDM]+)",
    );
    scan(text, claims, re, |caps, text, _| {
        let all = caps.get(0)?;
        let r = caps.name("r")?;
        if super::before(text, all.start()).is_some_and(char::is_alphanumeric)
            || super::after(text, r.end()).is_some_and(|c| c.is_alphanumeric() || c == '-')
        {
            return None;
        }
        // "LẦN THỨ VI PHẠM"-like all-capital phrases: a Roman-looking word followed by
        // another capitalised word is a word.
        let next = text[r.end()..].trim_start();
        // "Chương II QUY ĐỊNH CỤ THỂ": a heading word in title case before its numeral.
        let heading = ["Chương", "CHƯƠNG", "Phần", "PHẦN", "Mục", "MỤC", "Phụ lục", "PHỤ LỤC"]
            .iter()
            .any(|w| text[all.start()..r.start()].trim_end().ends_with(w));
        if !heading
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
        let cue = &text[all.start()..r.start()];
        if cue.trim_end().to_lowercase() == "thứ" {
            let capital = cue.starts_with(char::is_uppercase);
            return Some((all.start(), r.end(), Item::Ordinal { n, capital }));
        }
        Some((r.start(), r.end(), Item::Integer(n)))
    });
}
