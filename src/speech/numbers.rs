//! Numbers as spoken (facts-vi.md E1–E4): integers, written numbers with `.` thousands
//! groups and `,` decimals, ordinals ("thứ 4" → "thứ tư"), fractions ("2/3" → "hai phần
//! ba", "15/17 xã" → "mười lăm trên mười bảy xã") and the plain numbers left over.

use std::sync::OnceLock;

use super::claims::{free_after, free_before, re, scan, Claims, Item};
use super::token::{word_after, word_before};
use super::Dialect;

const DIGITS: [&str; 10] = ["không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín"];
const BILLION: u64 = 1_000_000_000;

fn digit(d: u64) -> &'static str {
    DIGITS[(d % 10) as usize]
}

/// Tens and units of a group: 15 "mười lăm", 21 "hai mươi mốt", 24 "hai mươi tư".
fn tens_units(t: u64, u: u64, out: &mut Vec<&'static str>) {
    match t {
        0 if u > 0 => out.push(digit(u)),
        0 => {}
        1 => {
            out.push("mười");
            match u {
                0 => {}
                5 => out.push("lăm"),
                _ => out.push(digit(u)),
            }
        }
        _ => {
            out.push(digit(t));
            out.push("mươi");
            match u {
                0 => {}
                1 => out.push("mốt"),
                4 => out.push("tư"),
                5 => out.push("lăm"),
                _ => out.push(digit(u)),
            }
        }
    }
}

/// One group of three digits; `full` groups (not the leading one) say "không trăm".
fn group(n: u64, full: bool, dialect: Dialect, out: &mut Vec<&'static str>) {
    let (h, t, u) = (n / 100, n / 10 % 10, n % 10);
    if full || h > 0 {
        out.push(digit(h));
        out.push("trăm");
        if t == 0 && u > 0 {
            out.push(if dialect == Dialect::South { "lẻ" } else { "linh" });
            out.push(digit(u));
            return;
        }
    }
    tens_units(t, u, out);
}

/// Below a billion; when not `leading`, even the first group says "không trăm".
fn below_billion(n: u64, leading: bool, dialect: Dialect, out: &mut Vec<&'static str>) {
    let thousand = if dialect == Dialect::South { "ngàn" } else { "nghìn" };
    let mut first = leading;
    for (g, unit) in [(n / 1_000_000, "triệu"), (n / 1000 % 1000, thousand), (n % 1000, "")] {
        if g == 0 {
            continue;
        }
        group(g, !first, dialect, out);
        first = false;
        if !unit.is_empty() {
            out.push(unit);
        }
    }
}

fn integer_words(n: u64, dialect: Dialect, out: &mut Vec<&'static str>) {
    if n >= BILLION {
        integer_words(n / BILLION, dialect, out);
        out.push("tỷ");
        below_billion(n % BILLION, false, dialect, out);
    } else if n == 0 {
        out.push("không");
    } else {
        below_billion(n, true, dialect, out);
    }
}

/// Reads an integer: 2007 → "hai nghìn không trăm linh bảy".
pub fn read_integer(n: u64, dialect: Dialect) -> String {
    let mut out = Vec::new();
    integer_words(n, dialect, &mut out);
    out.join(" ")
}

/// Ordinal for list markers: 1 → "thứ nhất", 2 → "thứ hai", 4 → "thứ tư", 10 → "thứ mười".
pub fn ordinal(n: u64, dialect: Dialect) -> String {
    match n {
        1 => "thứ nhất".to_owned(),
        4 => "thứ tư".to_owned(),
        _ => format!("thứ {}", read_integer(n, dialect)),
    }
}

/// Month names: 4 is "tư" ("tháng tư"), the others as integers ("tháng một", "tháng mười hai").
pub(crate) fn month(n: u64, dialect: Dialect) -> String {
    if n == 4 {
        "tư".to_owned()
    } else {
        read_integer(n, dialect)
    }
}

/// Digit by digit: "05" → "không năm".
pub(crate) fn read_digits(s: &str) -> String {
    s.chars().filter_map(|c| c.to_digit(10)).map(|d| digit(u64::from(d))).collect::<Vec<_>>().join(" ")
}

/// An integer as written with optional leading zeros: "01" → "một" (a date or list
/// number), but "0212" → "không hai một hai" (a code or phone number).
pub(crate) fn read_digit_string(s: &str, dialect: Dialect) -> Option<String> {
    if s.len() > 2 && s.starts_with('0') {
        return Some(read_digits(s));
    }
    s.parse::<u64>().ok().map(|n| read_integer(n, dialect))
}

/// A written number: "1.149", "18.300", "37,87", "0,05"; `None` if it is not one.
pub(crate) fn read_written(s: &str, dialect: Dialect) -> Option<String> {
    let (int, frac) = match s.split_once(',') {
        Some((i, f)) => (i, Some(f)),
        None => (s, None),
    };
    let mut groups = int.split('.');
    let head = groups.next()?;
    let tail: Vec<&str> = groups.collect();
    let digits_only = |g: &str| !g.is_empty() && g.bytes().all(|b| b.is_ascii_digit());
    if !digits_only(head) {
        return None;
    }
    let int_words = if tail.is_empty() {
        read_digit_string(head, dialect)?
    } else {
        if head.len() > 3 || head.starts_with('0') || !tail.iter().all(|g| g.len() == 3 && digits_only(g)) {
            return None;
        }
        read_integer(int.replace('.', "").parse().ok()?, dialect)
    };
    let Some(frac) = frac else { return Some(int_words) };
    if !digits_only(frac) {
        return None;
    }
    // "37,87" → "phẩy tám mươi bảy"; a leading zero or a long tail is read digit by digit.
    let frac_words = if frac.starts_with('0') || frac.len() > 3 {
        read_digits(frac)
    } else {
        read_integer(frac.parse().ok()?, dialect)
    };
    Some(format!("{int_words} phẩy {frac_words}"))
}

/// The value of a Roman numeral in canonical form ("IX", not "VIIII"), 1–3999.
pub(crate) fn roman_value(s: &str) -> Option<u64> {
    let value = |c| match c {
        'I' => Some(1),
        'V' => Some(5),
        'X' => Some(10),
        'L' => Some(50),
        'C' => Some(100),
        'D' => Some(500),
        'M' => Some(1000),
        _ => None,
    };
    let vals: Vec<u64> = s.chars().map(value).collect::<Option<_>>()?;
    let mut total = 0;
    for (i, v) in vals.iter().enumerate() {
        if vals.get(i + 1).is_some_and(|next| next > v) {
            total -= *v as i64;
        } else {
            total += *v as i64;
        }
    }
    let total = u64::try_from(total).ok().filter(|t| (1..4000).contains(t))?;
    (to_roman(total) == s).then_some(total)
}

fn to_roman(mut n: u64) -> String {
    const TABLE: [(u64, &str); 13] = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut out = String::new();
    for (v, s) in TABLE {
        while n >= v {
            out.push_str(s);
            n -= v;
        }
    }
    out
}

/// Words before "thứ N/M" that make it a rank among M: "xếp thứ 4/12", "đứng thứ 2/15".
const RANK_CUES: &[&str] = &["xếp", "đứng", "đạt", "hạng", "giữ", "vươn", "lên", "tụt", "xuống"];

/// "thứ 4", "lần thứ 1", "Thứ 2," → "thứ tư", "lần thứ nhất", "Thứ hai,"; a rank "xếp thứ
/// 4/12" → "thứ tư trên mười hai".
pub(crate) fn ordinals(text: &str, claims: &mut Claims) {
    static RE: OnceLock<regex::Regex> = OnceLock::new();
    let re = re(&RE, r"(?P<w>[Tt]hứ|THỨ)\s+(?P<n>\d{1,3})(?:/(?P<of>\d{1,3}))?");
    scan(text, claims, re, |caps, text, _| {
        let all = caps.get(0)?;
        if super::before(text, all.start()).is_some_and(char::is_alphanumeric) || !free_after(text, all.end())
        {
            return None;
        }
        let n: u64 = caps["n"].parse().ok()?;
        if n == 0 {
            return None;
        }
        let capital = !caps["w"].starts_with('t');
        let ordinal = Item::Ordinal { n, capital };
        // A rank among others: "xếp thứ 4/12" → "thứ tư trên mười hai".
        if let Some(of) = caps.name("of") {
            let of: u64 = of.as_str().parse().ok()?;
            let cue = super::token::word_before(text, all.start(), "")?;
            if n > of || !RANK_CUES.contains(&cue.as_str()) {
                return None;
            }
            return Some((
                all.start(),
                all.end(),
                Item::Seq(vec![ordinal, Item::words("trên"), Item::Integer(of)]),
            ));
        }
        Some((all.start(), all.end(), ordinal))
    });
    weekday_lists(text, claims);
}

/// "thứ 2, 4, 6", "thứ 3 và 5": the numbers of a list that continues a weekday are
/// weekdays too, read "thứ hai, tư, sáu".
fn weekday_lists(text: &str, claims: &mut Claims) {
    static NEXT: OnceLock<regex::Regex> = OnceLock::new();
    let next = re(&NEXT, r"^\s*(?:,|và|hoặc|,\s*và)\s*(?P<n>[2-7])\b");
    let starts: Vec<(usize, u64)> = claims
        .iter()
        .filter_map(|c| match c.item {
            Item::Ordinal { n, .. } if (2..=7).contains(&n) => Some((c.end, n)),
            _ => None,
        })
        .collect();
    for (mut end, mut last) in starts {
        while let Some(caps) = next.captures(&text[end..]) {
            let Some(m) = caps.name("n") else { break };
            let n: u64 = m.as_str().parse().unwrap_or(0);
            let (s, e) = (end + m.start(), end + m.end());
            if n <= last || !free_after(text, e) {
                break;
            }
            let day = ordinal(n, Dialect::North);
            let day = day.strip_prefix("thứ ").unwrap_or(&day);
            if !claims.add(s, e, Item::words(day)) {
                break;
            }
            (end, last) = (e, n);
        }
    }
}

/// Words after a fraction that make it a part of a whole: "2/3 số hộ", "1/2 diện tích".
const PART_OF: &[&str] =
    &["số", "diện", "dân", "tổng", "khối", "lượng", "thời", "quỹ", "kinh", "giá", "chiều"];

/// "2/3 số hộ" → "hai phần ba số hộ"; a count "15/17 xã" → "mười lăm trên mười bảy xã".
pub(crate) fn fractions(text: &str, claims: &mut Claims) {
    static RE: OnceLock<regex::Regex> = OnceLock::new();
    let re = re(
        &RE,
        r"(?P<a>(?:\d{1,3}(?:\.\d{3})+|\d{1,6})(?:,\d{1,2})?)\s*/\s*(?P<b>(?:\d{1,3}(?:\.\d{3})+|\d{1,6})(?:,\d{1,2})?)",
    );
    scan(text, claims, re, |caps, text, _| {
        let all = caps.get(0)?;
        if !free_before(text, all.start()) || !free_after(text, all.end()) {
            return None;
        }
        let value = |s: &str| s.replace('.', "").replace(',', ".").parse::<f64>().ok();
        let (a, b) = (value(&caps["a"])?, value(&caps["b"])?);
        if b == 0.0 {
            return None;
        }
        // A part of a whole: before "số", "diện tích"…, or standing alone ("giảm 1/2.").
        let next = word_after(text, all.end());
        let alone = !text[all.end()..].trim_start().starts_with(char::is_alphanumeric);
        let part = a < b
            && b <= 10.0
            && b.fract() == 0.0
            && a.fract() == 0.0
            && (alone || next.is_some_and(|w| PART_OF.contains(&w.as_str())));
        let denominator =
            if part && b == 4.0 { Item::words("tư") } else { Item::Number(caps["b"].to_owned()) };
        let _ = word_before;
        let joint = if part { "phần" } else { "trên" };
        Some((
            all.start(),
            all.end(),
            Item::Seq(vec![Item::Number(caps["a"].to_owned()), Item::words(joint), denominator]),
        ))
    });
}

/// Every written number left: "1.149", "37,87", "05"; thousands grouped by spaces
/// ("1 000 000") too.
pub(crate) fn classify(text: &str, claims: &mut Claims) {
    static SPACED: OnceLock<regex::Regex> = OnceLock::new();
    let spaced = re(&SPACED, "\\d{1,3}(?:[ \u{a0}]\\d{3})+");
    scan(text, claims, spaced, |caps, text, _| {
        let m = caps.get(0)?;
        if !free_before(text, m.start()) || !free_after(text, m.end()) {
            return None;
        }
        let n: u64 = m.as_str().chars().filter(char::is_ascii_digit).collect::<String>().parse().ok()?;
        Some((m.start(), m.end(), Item::Integer(n)))
    });
    static RE: OnceLock<regex::Regex> = OnceLock::new();
    let re = re(&RE, r"\d[\d.,]*\d|\d");
    scan(text, claims, re, |caps, text, claims| {
        let m = caps.get(0)?;
        let b = super::before(text, m.start());
        // A claimed word may touch the number: "QL6", "300.000đ".
        let glued_left = claims.iter().any(|c| c.end == m.start());
        let glued_right = claims.iter().any(|c| c.start == m.end());
        if !glued_left && b.is_some_and(|c| c.is_alphanumeric() || "/.,_:".contains(c) || super::is_dash(c)) {
            return None;
        }
        let rest = &text[m.end()..];
        let mut next = rest.chars();
        match next.next() {
            _ if glued_right => {}
            Some(c) if c.is_alphanumeric() || c == '/' || c == '_' || super::is_dash(c) => return None,
            Some('.' | ',' | ':') if next.next().is_some_and(|c| c.is_ascii_digit()) => return None,
            _ => {}
        }
        read_written(m.as_str(), Dialect::North)?;
        Some((m.start(), m.end(), Item::Number(m.as_str().to_owned())))
    });
}

#[cfg(test)]
mod unit {
    use super::*;

    #[test]
    fn canonical_roman_numerals_only() {
        assert_eq!(roman_value("IX"), Some(9));
        assert_eq!(roman_value("XII"), Some(12));
        assert_eq!(roman_value("MMXXIII"), Some(2023));
        assert_eq!(roman_value("VIIII"), None);
        assert_eq!(roman_value("IIX"), None);
        assert_eq!(roman_value("ABC"), None);
    }

    #[test]
    fn written_numbers_reject_non_numbers() {
        for s in ["1.5", "0212.3852.123", "1,2,3", "1.1490"] {
            assert_eq!(read_written(s, Dialect::North), None, "{s}");
        }
    }

    #[test]
    fn large_numbers() {
        assert_eq!(read_integer(1_000_000_000_000, Dialect::North), "một nghìn tỷ");
        assert_eq!(read_integer(2_500_000_000_000, Dialect::North), "hai nghìn năm trăm tỷ");
        assert_eq!(read_integer(1_000_000_000_000_000, Dialect::North), "một triệu tỷ");
        assert_eq!(read_integer(1_000_000_005, Dialect::North), "một tỷ không trăm linh năm");
        assert!(!read_integer(u64::MAX, Dialect::North).is_empty());
    }
}
