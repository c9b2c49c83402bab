//! Codes of Latin letters and digits, spelled as an announcer reads them (letter names in
//! `data/letters.tsv`): "H5N1" → "hát năm en một", "A1" → "a một", "5G" → "năm gờ",
//! "RON95-III" → "rôn chín mươi lăm ba" (the abbreviation pass reads "RON"); licence
//! plates "26B1-123.45" (or "26-B1 123.45") → "hai sáu bê một, một hai ba, bốn năm"; standards "ISO
//! 9001:2015" → "… chín nghìn không trăm linh một năm hai nghìn không trăm mười lăm";
//! versions "4.0" → "bốn chấm không".

use std::sync::OnceLock;

use super::claims::{free_after, free_before, re, scan, Claims, Item};
use super::numbers::{read_digit_string, roman_value};
use super::token::word_before;
use super::{table, Dialect};

/// Words after a number with a point that make the point a decimal comma, as some
/// texts write it: "2.5 tỷ đồng", "1.5 triệu", "2.5%".
const DECIMAL_NEXT: &[&str] =
    &["tỷ", "tỉ", "triệu", "nghìn", "ngàn", "%", "lần", "mét", "lít", "tấn", "tạ", "ki-lô-gam", "độ", "điểm"];

/// Words before a number with a point that make the point a decimal comma: "từ 2.34 lên
/// 2.67", "đạt 95.5" (a grouping has three digits after the point, so it never matches).
const DECIMAL_BEFORE: &[&str] = &["từ", "lên", "xuống", "đạt", "còn"];

/// Words before a number with a point that make it a version: "công nghiệp 4.0".
const VERSION_WORDS: &[&str] = &["nghiệp", "bản", "version", "phiên", "web", "số"];

/// Words naming a standard whose number carries its year after a colon.
const STANDARDS: &str = r"ISO|TCVN|QCVN|IEC";

pub(crate) fn letters(s: &str) -> String {
    let t = table::letters();
    s.chars()
        .map(|c| {
            let c = c.to_string();
            t.iter().find(|(w, _)| *w == c).map_or(c.to_lowercase(), |(_, r)| (*r).to_owned())
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Words before a single letter that names a part: "điểm b khoản 2", "khu C", "nhà B".
const LETTER_CUES: &str = r"[Đđ]iểm|[Kk]hu|[Nn]hà|[Dd]ãy|[Kk]hối|[Ll]ô|[Tt]òa|[Tt]iểu\s+mục|[Hh]ạng";

/// Licence plates, standards, ratios and lettered parts: run before phone numbers and
/// dates ("tỷ lệ 1:10" is no time).
pub(crate) fn early(text: &str, claims: &mut Claims) {
    // Heights: "1m65" → "một mét sáu mươi lăm".
    static HEIGHT: OnceLock<regex::Regex> = OnceLock::new();
    let height = re(&HEIGHT, r"(?P<a>\d)m(?P<b>\d{2})");
    scan(text, claims, height, |caps, text, _| {
        let all = caps.get(0)?;
        if !free_before(text, all.start()) || !free_after(text, all.end()) {
            return None;
        }
        let v =
            vec![Item::Number(caps["a"].to_owned()), Item::words("mét"), Item::Number(caps["b"].to_owned())];
        Some((all.start(), all.end(), Item::Seq(v)))
    });
    // Sizes: "3 x 4 m", "ảnh 4x6" → "ba nhân bốn".
    static TIMES: OnceLock<regex::Regex> = OnceLock::new();
    let times = re(&TIMES, r"(?P<a>\d{1,4}(?:,\d{1,2})?)(?P<x>\s?[x×]\s?)(?P<b>\d{1,4}(?:,\d{1,2})?)");
    scan(text, claims, times, |caps, text, _| {
        let all = caps.get(0)?;
        // A unit may be glued to the second number: "2x0,5m".
        let glued_unit = super::measures::unit_at(&text[all.end()..]).is_some();
        if !free_before(text, all.start()) || !(free_after(text, all.end()) || glued_unit) {
            return None;
        }
        let x = caps.name("x")?;
        Some((x.start(), x.end(), Item::words("nhân")))
    });
    // "02 lớp x 35 học viên", "2 bộ quần áo x 2 mùa": a spaced "x" between a counted
    // noun of up to three words and a number.
    static COUNT_TIMES: OnceLock<regex::Regex> = OnceLock::new();
    let count_times = re(&COUNT_TIMES, r"\d\s*\p{Ll}+(?:\s\p{Ll}+){0,2}(?P<x>\s[x×]\s)\d");
    scan(text, claims, count_times, |caps, _, _| {
        let x = caps.name("x")?;
        Some((x.start(), x.end(), Item::words(" nhân ")))
    });
    // Temperatures below zero: "-2°C", "xuống -3 độ" → "âm hai độ xê".
    static MINUS: OnceLock<regex::Regex> = OnceLock::new();
    let minus = re(&MINUS, r"[-−–](?P<n>\d{1,2}(?:,\d)?)(?P<u>\s?(?:°|độ))?");
    scan(text, claims, minus, |caps, text, _| {
        let all = caps.get(0)?;
        let spaced = super::before(text, all.start()).is_none_or(|c| c.is_whitespace() || c == '(');
        let cue = word_before(text, all.start(), "");
        let cued = cue
            .as_deref()
            .is_some_and(|w| ["độ", "xuống", "còn", "từ", "đến", "khoảng", "dưới"].contains(&w));
        if !spaced
            || !(caps.name("u").is_some() || cued)
            || super::after(text, caps.name("n")?.end()).is_some_and(|c| c.is_ascii_digit())
        {
            return None;
        }
        Some((all.start(), caps.name("n")?.start(), Item::words("âm")))
    });
    // "tỷ lệ 1:1", "tỷ số 3:2" → "một trên một".
    static RATIO: OnceLock<regex::Regex> = OnceLock::new();
    let ratio = re(&RATIO, r"(?P<a>\d{1,3}):(?P<b>\d{1,3})");
    scan(text, claims, ratio, |caps, text, _| {
        let all = caps.get(0)?;
        let head = text[..all.start()].trim_end().to_lowercase();
        if !free_before(text, all.start())
            || !free_after(text, all.end())
            || !["tỷ lệ", "tỉ lệ", "tỷ số", "tỉ số"].iter().any(|w| head.ends_with(w))
        {
            return None;
        }
        let v =
            vec![Item::Number(caps["a"].to_owned()), Item::words("trên"), Item::Number(caps["b"].to_owned())];
        Some((all.start(), all.end(), Item::Seq(v)))
    });
    static LETTER: OnceLock<regex::Regex> = OnceLock::new();
    // "điểm a, b và c khoản 2": letters listed after the cue name parts too.
    let letter = re(
        &LETTER,
        &format!(r"(?:{LETTER_CUES})\s+(?P<l>[a-zđA-ZĐ](?:(?:\s*,\s*|\s+(?:và|hoặc|đến)\s+)[a-zđA-ZĐ]\b)*)"),
    );
    scan(text, claims, letter, |caps, text, _| {
        let all = caps.get(0)?;
        let l = caps.name("l")?;
        if super::before(text, all.start()).is_some_and(char::is_alphanumeric)
            || super::after(text, l.end()).is_some_and(|c| {
                c.is_alphanumeric()
                    || c == '.' && text[l.end() + 1..].starts_with(|c: char| c.is_alphanumeric())
            })
        {
            return None;
        }
        // "hạng I", "hạng V" are Roman numerals (read by `romans`); "hạng B", "hạng C" licence classes.
        if all.as_str().to_lowercase().starts_with("hạng")
            && (!l.as_str().starts_with(char::is_uppercase) || "IVX".contains(l.as_str()))
        {
            return None;
        }
        static ONE: OnceLock<regex::Regex> = OnceLock::new();
        let one = re(&ONE, r"\b[a-zđA-ZĐ]\b");
        let reading = one.replace_all(l.as_str(), |c: &regex::Captures| letters(&c[0].to_uppercase()));
        Some((l.start(), l.end(), Item::Words(reading.into_owned())))
    });

    static PLATE: OnceLock<regex::Regex> = OnceLock::new();
    let plate = re(
        &PLATE,
        // The dash may instead sit after the province, with a space before the number: "26-B1 456.78".
        r"(?P<p>\d{2})[-–]?(?P<s>[A-Z]{1,2})(?P<n>\d?)(?:\s?[-–]\s?|\s)(?P<a>\d{3})\.?(?P<b>\d{2})|(?P<p2>\d{2})[-–]?(?P<s2>[A-Z]{1,2})(?P<n2>\d?)(?:\s?[-–]\s?|\s)(?P<c>\d{4})",
    );
    scan(text, claims, plate, |caps, text, _| {
        let all = caps.get(0)?;
        if !free_before(text, all.start()) || !free_after(text, all.end()) {
            return None;
        }
        let province = caps.name("p").or(caps.name("p2"))?.as_str();
        let series = caps.name("s").or(caps.name("s2"))?.as_str();
        let digit = caps.name("n").or(caps.name("n2")).map_or("", |m| m.as_str());
        let mut head = letters(series);
        if !digit.is_empty() {
            head.push(' ');
            head.push_str(&super::numbers::read_digits(digit));
        }
        head.push(',');
        let groups: Vec<String> = match caps.name("c") {
            Some(c) => vec![c.as_str().to_owned()],
            None => vec![caps["a"].to_owned(), caps["b"].to_owned()],
        };
        let v = vec![Item::Digits(vec![province.to_owned()]), Item::Words(head), Item::Digits(groups)];
        Some((all.start(), all.end(), Item::Seq(v)))
    });

    static STANDARD: OnceLock<regex::Regex> = OnceLock::new();
    let standard = re(
        &STANDARD,
        &format!(r"(?:{STANDARDS})\s+(?P<n>\d{{1,6}})(?:-(?P<part>\d{{1,3}}))?:(?P<y>(?:19|20)\d\d)"),
    );
    scan(text, claims, standard, |caps, text, _| {
        let all = caps.get(0)?;
        let n = caps.name("n")?;
        if super::before(text, all.start()).is_some_and(char::is_alphanumeric) || !free_after(text, all.end())
        {
            return None;
        }
        let mut v = vec![Item::Number(n.as_str().to_owned())];
        if let Some(p) = caps.name("part") {
            v.push(Item::words("gạch"));
            v.push(Item::Number(p.as_str().to_owned()));
        }
        v.push(Item::words("năm"));
        v.push(Item::Integer(caps["y"].parse().ok()?));
        Some((n.start(), all.end(), Item::Seq(v)))
    });
}

/// Glued codes ("H5N1", "A/H5N1", "5G", "U23"), after the abbreviations have read the
/// parts they know ("RON" of "RON95", "QL" of "QL6"), and versions ("4.0").
pub(crate) fn classify(text: &str, claims: &mut Claims, d: Dialect) {
    static CODE: OnceLock<regex::Regex> = OnceLock::new();
    let code = re(&CODE, r"[A-Z0-9]+(?:[/\-][A-Z0-9]+)*");
    scan(text, claims, code, |caps, text, claims| {
        let all = caps.get(0)?;
        let s = all.as_str();
        if !s.chars().any(|c| c.is_ascii_digit()) || !s.chars().any(|c| c.is_ascii_uppercase()) {
            return None;
        }
        // Glued to a code the abbreviations read ("RON" + "95-III"), or standing alone.
        let glued = claims.iter().any(|c| c.end == all.start());
        let b = super::before(text, all.start());
        if !glued && b.is_some_and(|c| c.is_alphanumeric() || "/.,_&".contains(c) || super::is_dash(c)) {
            return None;
        }
        if super::after(text, all.end()).is_some_and(|c| c.is_alphanumeric() || c == '_') {
            return None;
        }
        let mut words: Vec<String> = Vec::new();
        let mut prev_digit = glued;
        for part in s.split(['/', '-']) {
            let mut i = 0;
            let bytes = part.as_bytes();
            while i < bytes.len() {
                let digit = bytes[i].is_ascii_digit();
                let j = i + bytes[i..].iter().take_while(|b| b.is_ascii_digit() == digit).count();
                let run = &part[i..j];
                if digit {
                    // "PC04", "C06": a leading zero is read.
                    words.push(if run.len() > 1 && run.starts_with('0') {
                        super::numbers::read_digits(run)
                    } else {
                        read_digit_string(run, d)?
                    });
                } else {
                    // "RON95-III": a Roman numeral after the number is a grade.
                    // Letters with a reading of their own ("RON" of "E5RON92") keep it.
                    let own = table::abbreviations()
                        .iter()
                        .find(|a| a.written == run && (a.context.is_empty() || a.context == "number"));
                    match (roman_value(run).filter(|_| prev_digit && i == 0), own) {
                        (Some(n), _) => words.push(super::numbers::read_integer(n, d)),
                        (None, Some(a)) if run.len() > 1 => words.push(a.reading.to_owned()),
                        _ => words.push(letters(run)),
                    }
                }
                prev_digit = digit;
                i = j;
            }
        }
        Some((all.start(), all.end(), Item::Words(words.join(" "))))
    });

    static VERSION: OnceLock<regex::Regex> = OnceLock::new();
    let version = re(&VERSION, r"(?P<a>\d{1,2})\.(?P<b>\d{1,2})");
    scan(text, claims, version, |caps, text, _| {
        let all = caps.get(0)?;
        // A unit may be glued: "25.5mm".
        let glued_unit = super::measures::unit_at(&text[all.end()..]).is_some();
        if !free_before(text, all.start()) || !(free_after(text, all.end()) || glued_unit) {
            return None;
        }
        let cue = word_before(text, all.start(), "");
        // "điểm trung bình 7.25": a mark, with a decimal point.
        let mark = text[..all.start()].split_whitespace().rev().take(4).any(|w| w.to_lowercase() == "điểm");
        let tail = text[all.end()..].trim_start();
        let before_word =
            |w: &str| tail.starts_with(w) && !tail[w.len()..].starts_with(char::is_alphanumeric);
        // "Hệ số lương 2.34": a coefficient, with a decimal point.
        let coefficient = {
            let head = &text[..all.start()];
            let start = head.char_indices().rev().nth(30).map_or(0, |(i, _)| i);
            head[start..].to_lowercase().contains("hệ số")
        };
        if mark
            || coefficient
            || cue.as_deref().is_some_and(|w| DECIMAL_BEFORE.contains(&w))
            || glued_unit
            || DECIMAL_NEXT.iter().any(|w| before_word(w))
            || table::units()
                .iter()
                .any(|(u, _)| (u.chars().count() > 1 || "mgl".contains(u)) && before_word(u))
        {
            let a = read_digit_string(&caps["a"], d)?;
            let b = read_digit_string(&caps["b"], d)?;
            return Some((all.start(), all.end(), Item::Words(format!("{a} phẩy {b}"))));
        }
        if &caps["b"] != "0" && !cue.as_deref().is_some_and(|w| VERSION_WORDS.contains(&w)) {
            return None;
        }
        let words =
            format!("{} chấm {}", read_digit_string(&caps["a"], d)?, super::numbers::read_digits(&caps["b"]));
        Some((all.start(), all.end(), Item::Words(words)))
    });
}
