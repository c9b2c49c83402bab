//! Phone and emergency numbers, read digit by digit in any grouping: "0212 3852 116",
//! "0912.345.678", "(0212) 2222 888", "+84 912 345 678", "1900 9095", "gọi số 114".

use std::sync::OnceLock;

use super::claims::{re, scan, Claims, Item};
use super::token::word_before;

/// Words after which any number of three digits or more is read digit by digit: phone,
/// account and identity-card numbers.
const CALL_WORDS: &[&str] = &[
    "gọi", "sđt", "đt", "thoại", "nóng", "hotline", "đài", "fax", "zalo", "khoản", "stk", "cccd", "cmnd",
    "lẻ", "dđ", "thuế", "mst",
];

/// Phrases after which a number is a code read digit by digit (compared in lower case).
const CALL_PHRASES: &[&str] = &[
    "mã số bhxh",
    "mã số bảo hiểm xã hội",
    "mã bhxh",
    "số bhxh",
    "mã hồ sơ",
    "số căn cước",
    "số tài khoản",
    "số cccd",
    "số định danh",
    "mã số bhyt",
];

/// Whether one of `CALL_PHRASES` ends just before byte `pos` (a colon may sit between).
fn after_call_phrase(text: &str, pos: usize) -> bool {
    let head = text[..pos].trim_end_matches(|c: char| c.is_whitespace() || ":(".contains(c));
    let start = head.char_indices().rev().nth(30).map_or(0, |(i, _)| i);
    let tail = head[start..].to_lowercase();
    CALL_PHRASES.iter().any(|p| tail.ends_with(p))
}

/// Emergency services named before their number ("Công an xã: 113").
const SERVICES: &[&str] =
    &["công an", "cứu hỏa", "cứu hoả", "cấp cứu", "cứu nạn", "cứu hộ", "khẩn cấp", "đường dây"];

/// Emergency services whose three-digit numbers follow their name ("cấp cứu 115").
const EMERGENCY_WORDS: &[&str] = &["cứu", "hỏa", "hoả", "an", "số", "thương", "nạn", "đường"];

fn digits(groups: &[&str]) -> Item {
    Item::Digits(groups.iter().map(|g| g.chars().filter(char::is_ascii_digit).collect()).collect())
}

pub(crate) fn classify(text: &str, claims: &mut Claims) {
    // A grouped number: optional +84 or (0xx), then digit groups joined by one space, dot or dash.
    static RE: OnceLock<regex::Regex> = OnceLock::new();
    let grouped = re(&RE, r"(?:\+84[ .]?|\(\+84\)\s?|\(\d{2,4}\)[\s.]?)?\d{1,16}(?:[ .\-]\d{1,8}){0,5}");
    scan(text, claims, grouped, |caps, text, _| {
        let all = caps.get(0)?;
        let s = all.as_str();
        if !super::claims::free_before(text, all.start()) && !s.starts_with(['+', '(']) {
            return None;
        }
        if super::after(text, all.end()).is_some_and(|c| {
            c.is_alphanumeric()
                || c == '/'
                || c == ',' && text[all.end() + 1..].starts_with(|c: char| c.is_ascii_digit())
        }) {
            return None;
        }
        let all_digits: String = s.chars().filter(char::is_ascii_digit).collect();
        let n = all_digits.len();
        let groups: Vec<&str> = s.split([' ', '.', '-', '(', ')']).filter(|g| !g.is_empty()).collect();
        let before_word = word_before(text, all.start(), ":(");
        // "ĐT 117" is a road (đường tỉnh); "ĐT: 3852116" a phone.
        let called = before_word.as_deref().is_some_and(|w| CALL_WORDS.contains(&w) && (w != "đt" || n >= 6))
            || after_call_phrase(text, all.start());
        let phone = if let Some(rest) =
            all_digits.strip_prefix("84").filter(|_| s.starts_with('+') || s.starts_with("(+"))
        {
            (9..=10).contains(&rest.len())
        } else if all_digits.starts_with('0') {
            (10..=11).contains(&n) || (called && n >= 6)
        } else if all_digits.starts_with("1900") || all_digits.starts_with("1800") {
            n == 8 || n == 10
        } else {
            // "gọi số 1022", "Tổng đài 1022", "ĐT: 3.852.116": any number right after a call word.
            called && (3..=20).contains(&n)
        };
        if !phone {
            return None;
        }
        let mut groups = groups;
        if s.starts_with('+') || s.starts_with("(+") {
            groups[0] = groups[0].trim_start_matches('+');
            let mut out = vec![Item::words("cộng")];
            out.push(digits(&groups));
            return Some((all.start(), all.end(), Item::Seq(out)));
        }
        Some((all.start(), all.end(), digits(&groups)))
    });
    // Emergency numbers: 111–115 after "gọi", "số", "cấp cứu", "cứu hỏa", "công an".
    static SHORT: OnceLock<regex::Regex> = OnceLock::new();
    let short = super::claims::re(&SHORT, r"\b(?:11[1-7]|10\d\d)\b");
    scan(text, claims, short, |caps, text, claims| {
        let all = caps.get(0)?;
        if !super::claims::free_before(text, all.start()) || !super::claims::free_after(text, all.end()) {
            return None;
        }
        // In a list of them: "gọi 113, 114, 115".
        let head =
            text[..all.start()].trim_end().trim_end_matches(|c| c == ',' || super::is_dash(c)).trim_end();
        let head = ["và", "hoặc"].iter().find_map(|w| head.strip_suffix(w)).unwrap_or(head).trim_end();
        if head.len() < all.start()
            && claims
                .ending_at(text, head.len())
                .is_some_and(|c| matches!(&c.item, Item::Digits(g) if g.len() == 1 && g[0].len() == 3))
        {
            return Some((all.start(), all.end(), digits(&[all.as_str()])));
        }
        // A national short number after a cue in the same clause: "Tổng đài quốc gia bảo
        // vệ trẻ em 111", "đường dây nóng 111".
        let hot = super::table::hotlines();
        // "xử lý 113 vụ" counts.
        if super::token::word_after(text, all.end()).is_some_and(|w| hot.counts.contains(&w.as_str())) {
            return None;
        }
        let clause =
            text[..all.start()].rsplit([',', ';', '.', ':', '\n']).next().unwrap_or("").to_lowercase();
        if hot.numbers.contains(&all.as_str()) && hot.cues.iter().any(|c| clause.contains(c)) {
            return Some((all.start(), all.end(), digits(&[all.as_str()])));
        }
        // The other numbers only after a cue of the table; 111–115 also as below.
        if !("111"..="115").contains(&all.as_str()) {
            return None;
        }
        // The call word may be a word or two before: "gọi ngay 114", "gọi số 115".
        let w = word_before(text, all.start(), ":(")?;
        let w2 = text[..all.start()]
            .trim_end()
            .rfind(char::is_whitespace)
            .and_then(|i| word_before(text, i, ":("));
        let near = |w: &str| CALL_WORDS.contains(&w) || EMERGENCY_WORDS.contains(&w);
        // "Công an xã: 113": the service a few words before.
        let recent: String =
            text[..all.start()].chars().rev().take(24).collect::<Vec<_>>().into_iter().rev().collect();
        let recent = recent.to_lowercase();
        if SERVICES.iter().any(|s| recent.contains(s)) {
            return Some((all.start(), all.end(), digits(&[all.as_str()])));
        }
        (near(&w) || w2.as_deref().is_some_and(|w| CALL_WORDS.contains(&w)))
            .then(|| (all.start(), all.end(), digits(&[all.as_str()])))
    });
}
