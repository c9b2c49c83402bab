//! List markers and heading numbers at the start of a block: "1. Tiếp tục…" → "Thứ nhất,
//! tiếp tục…", "(2)", "a)", "IV. TỔ CHỨC THỰC HIỆN" → "Bốn, TỔ CHỨC THỰC HIỆN",
//! "1.2. Nhiệm vụ" → "Một chấm hai, nhiệm vụ"; bullets "-", "+", "•" are not read.

use std::sync::OnceLock;

use super::claims::{re, Claims, Item};
use super::numbers::{ordinal, read_integer, roman_value};
use super::Dialect;

/// Vietnamese list order of letter markers: a, b, c, d, đ, e, g, h, i, k, …
const LETTERS: &str = "abcdđeghiklmnopqrstuvxy";

/// First words that start a name and keep their capital after a marker ("Ủy ban…").
const NAME_HEADS: &[&str] = &[
    "Ủy",
    "Uỷ",
    "Ban",
    "Bộ",
    "Sở",
    "Phòng",
    "Hội",
    "Chi",
    "Đảng",
    "Công",
    "Đoàn",
    "Mặt",
    "Tỉnh",
    "Huyện",
    "Trung",
    "Thủ",
    "Chính",
    "Văn",
    "Trường",
    "Trạm",
    "Cơ",
    "Quốc",
    "Nhà",
    "Viện",
    "Tòa",
    "Cục",
    "Tổng",
    "Liên",
    "Thường",
    "Bí",
    "Chủ",
    "Giám",
    "Trưởng",
    "Phó",
    "Hồ",
    "Nghị",
    "Quyết",
    "Chỉ",
    "Kết",
    "Kế",
    "Thông",
    "Luật",
    "Hiến",
    "Điều",
    "Bản",
    "Xã",
    "Thôn",
    "Tổ",
    "Sơn",
    "Việt",
    "Nam",
    "Bác",
    "Đồng",
];

pub(crate) fn classify(text: &str, claims: &mut Claims, d: Dialect) {
    // "3. a) …", "- b) …": a marker right after another is read too.
    if let Some(end) = marker_at(text, 0, claims, d) {
        marker_at(text, end, claims, d);
    }
}

/// The marker at the start of `text[from..]`, claimed; returns where its claim ends.
fn marker_at(text: &str, from: usize, claims: &mut Claims, d: Dialect) -> Option<usize> {
    static RE: OnceLock<regex::Regex> = OnceLock::new();
    let re = re(
        &RE,
        r"^\s*(?:\((?P<a>\d{1,2}|[a-zđ])\)\s*|(?P<b>\d{1,2}|[a-zđA-HJKM-UWYĐ])\)\s*|(?P<c>\d{1,2})\.(?:\s+|$)|(?P<l>[a-zđA-HJKM-UWYĐ])\.\s+|(?P<sub>\d{1,2}(?:\.\d{1,2})+)\.?\s+|(?P<r>[IVXL]{1,6})\s*[.):\-–]\s+|(?P<bullet>[-+•–—]+\s+|\*+))",
    );
    let caps = re.captures(&text[from..])?;
    let all = caps.get(0)?;
    let (start, stop) = (from + all.start(), from + all.end());
    if stop >= text.trim_end().len() {
        return None;
    }
    let lead = |n: u64| -> Option<String> {
        let o = ordinal(n, d);
        let mut c = o.chars();
        let first = c.next()?;
        Some(first.to_uppercase().chain(c).collect::<String>() + ",")
    };
    // "P. Chiềng Lề", "Q. Giám đốc": a capital with a dot that is an abbreviation
    // (phường, quyền) is no marker.
    if let Some(l) = caps.name("l").filter(|l| l.as_str().starts_with(char::is_uppercase)) {
        let dotted = format!("{}.", l.as_str());
        if l.as_str()
            .chars()
            .next()
            .is_some_and(|c| super::table::abbreviations_from(c).iter().any(|a| a.written == dotted))
        {
            return None;
        }
    }
    let (reading, lower_next) = if let Some(m) =
        caps.name("a").or(caps.name("b")).or(caps.name("c")).or(caps.name("l"))
    {
        // A lettered item is said by its letter's name, as announcers read "a)", "b)" ("a, …",
        // "bê, …"): an ordinal would misnumber a list that skips letters (docs/speech.md).
        // Capitals other than Roman digits ("A.", "B)") are letters too.
        let n = match m.as_str().parse::<u64>() {
            Ok(n) => n,
            Err(_) if LETTERS.chars().any(|c| m.as_str().to_lowercase().starts_with(c)) => {
                let name = super::codes::letters(&m.as_str().to_uppercase());
                let (reading, end) = lower_next_word(text, stop, name + ",");
                claims.add(start, end, Item::Words(reading));
                return Some(end);
            }
            Err(_) => return None,
        };
        if n == 0 {
            return None;
        }
        let r = lead(n)?;
        (r, true)
    } else if let Some(m) = caps.name("sub") {
        let parts: Vec<String> =
            m.as_str().split('.').filter_map(|p| p.parse::<u64>().ok()).map(|n| read_integer(n, d)).collect();
        (capitalise(&parts.join(" chấm ")) + ",", true)
    } else if let Some(m) = caps.name("r") {
        let n = roman_value(m.as_str())?;
        (capitalise(&read_integer(n, d)) + ",", true)
    } else if caps.name("bullet").is_some() {
        (String::new(), false)
    } else {
        return None;
    };
    let (reading, end) = if lower_next { lower_next_word(text, stop, reading) } else { (reading, stop) };
    claims.add(start, end, Item::Words(reading));
    Some(end)
}

/// The marker's reading with the first word after it in lower case, unless it starts a
/// name ("Thứ nhất, tiếp tục…"), and where the claim ends.
fn lower_next_word(text: &str, mut end: usize, mut reading: String) -> (String, usize) {
    if let Some((word, next_capital)) = first_word(&text[end..]) {
        if !next_capital && !NAME_HEADS.contains(&word) && is_title_case(word) {
            reading.push(' ');
            reading.push_str(&word.to_lowercase());
            end += word.len();
        }
    }
    (reading, end)
}

/// The first word of `s` and whether the word after it starts with a capital.
fn first_word(s: &str) -> Option<(&str, bool)> {
    let end = s.find(|c: char| !c.is_alphabetic()).unwrap_or(s.len());
    let word = &s[..end];
    if word.is_empty() {
        return None;
    }
    let rest = s[end..].trim_start();
    let next_capital = s[end..].starts_with(' ') && rest.chars().next().is_some_and(char::is_uppercase);
    Some((word, next_capital))
}

fn is_title_case(w: &str) -> bool {
    let mut c = w.chars();
    c.next().is_some_and(char::is_uppercase) && c.all(char::is_lowercase)
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// A second item run on after a semicolon in the same block: "a) Đối với cấp ủy: …; b)
/// Đối với các đoàn thể: …" reads "b)" as the marker it is, as at the start of a block.
/// Only the bracketed forms ("b)", "2)", "(c)"): "; 2. " is more often a number.
pub(crate) fn inline(text: &str, claims: &mut Claims, d: Dialect) {
    static RE: OnceLock<regex::Regex> = OnceLock::new();
    let re = re(&RE, r";\s+(?P<m>\(?(?:[a-zđ]|\d{1,2})\)\s)");
    for caps in re.captures_iter(text) {
        let Some(m) = caps.name("m") else { continue };
        let mut own = Claims::default();
        classify(&text[m.start()..], &mut own, d);
        for c in own.iter() {
            claims.add(m.start() + c.start, m.start() + c.end, c.item.clone());
        }
    }
}
