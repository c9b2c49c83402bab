//! Dates, times and ranges as spoken (facts-vi.md E5): "13/4/2007" → "ngày mười ba tháng
//! tư năm hai nghìn không trăm linh bảy", "ngày 10-12/3" → "từ ngày mười đến ngày mười hai
//! tháng ba", "13h30 - 17h00" → "mười ba giờ ba mươi phút đến mười bảy giờ", "quý III/2023".

use std::sync::OnceLock;

use regex::Captures;

use super::claims::{free_after, free_before, re, scan, Claims, Item};
use super::numbers::roman_value;
use super::token::{word_after, word_before};
use super::{before, is_dash};

const DASH: &str = r"[-\u{2010}-\u{2014}\u{2212}]";

/// Words after which "d/m" is a date, not a fraction ("trước 30/6", "Quốc khánh 2/9").
const DATE_CUES: &[&str] = &[
    "ngày", "mùng", "mồng", "từ", "đến", "tới", "trước", "sau", "hôm", "sáng", "trưa", "chiều", "tối", "đêm",
    "khánh", "dịp", "lễ", "vào", "hạn", "chót", "nay", "gian", "điểm", "nhật", "hai", "ba", "tư", "năm",
    "sáu", "bảy", "kể", "hết", "qua", "tết",
];

/// Words before "3-1" that make it a score, not a range.
const SCORE_WORDS: &[&str] = &["thắng", "thua", "hòa", "hoà", "tỷ số", "tỉ số", "đánh bại", "cầm hòa"];

/// Words that may follow a score further from its cue ("thắng đội bản Lằn 3-1 giành
/// quyền…"); any other lower-case word after it makes "3-5" a range of a quantity.
const AFTER_SCORE: &[&str] = &["giành", "và", "tại", "trong", "ở", "để", "sau", "qua", "lên", "vào", "ngay"];

/// Whether the numbers at `start..end` are a score: right after a score word, or small
/// numbers after one earlier in the clause, or before "giành".
fn is_score(text: &str, start: usize, end: usize, a: &str, b: &str) -> bool {
    let head = text[..start].trim_end().to_lowercase();
    let word_ends =
        |h: &str, w: &str| h.ends_with(w) && !h[..h.len() - w.len()].ends_with(char::is_alphabetic);
    if SCORE_WORDS.iter().any(|w| word_ends(&head, w)) {
        return true;
    }
    let small = |s: &str| s.parse::<u32>().is_ok_and(|n| n <= 30);
    if !small(a) || !small(b) {
        return false;
    }
    let next = word_after(text, end);
    if next.as_deref() == Some("giành") {
        return true;
    }
    // The next score of a list: "thắng 25-20, 25-18".
    static PREVIOUS: OnceLock<regex::Regex> = OnceLock::new();
    let previous = re(&PREVIOUS, &format!(r"(?P<a>\d{{1,2}})\s*{DASH}\s*(?P<b>\d{{1,2}})\s*,\s*$"));
    if let Some(p) = previous.captures(&text[..start]) {
        if let (Some(all), Some(pa), Some(pb)) = (p.get(0), p.name("a"), p.name("b")) {
            if free_before(text, all.start())
                && is_score(text, all.start(), pb.end(), pa.as_str(), pb.as_str())
            {
                return true;
            }
        }
    }
    let clause = head.rsplit([',', ';', '.', ':', '!', '?', '(']).next().unwrap_or(&head);
    let cued = SCORE_WORDS.iter().any(|w| {
        clause.match_indices(w).any(|(i, _)| {
            !clause[..i].ends_with(char::is_alphabetic)
                && !clause[i + w.len()..].starts_with(char::is_alphabetic)
        })
    });
    cued && next.is_none_or(|w| {
        AFTER_SCORE.contains(&w.as_str()) || !text[end..].trim_start().starts_with(char::is_lowercase)
    })
}

/// Cue words that already say when, so "ngày" is not added ("sáng 16/7", "đêm 15/7").
/// Street words before a day/month that names the street after a date: "đường 30/4",
/// "phố 19/5", "Quảng trường 26/3" (read without "ngày").
const STREET_WORDS: &[&str] = &["đường", "phố", "trường"];

const NO_DAY_WORD: &[&str] = &["sáng", "trưa", "chiều", "tối", "đêm", "khánh", "mùng", "mồng", "ngày"];

/// Words before "tháng 2-3" that make it a span of one month ("mỗi tháng 2-3 lần").
const PER_SPAN: &[&str] = &["mỗi", "hằng", "hàng", "một"];

/// Words after "tháng 2-3" that it counts ("2-3 lần"), so it is no range of months.
const COUNTED: &[&str] = &[
    "lần", "buổi", "ngày", "người", "đợt", "cuộc", "lượt", "ca", "tuần", "giờ", "tiếng", "phiên", "chuyến",
    "kỳ",
];

fn num(caps: &Captures, name: &str) -> Option<u64> {
    caps.name(name)?.as_str().parse().ok()
}

fn is_year(y: u64) -> bool {
    (1000..=2999).contains(&y)
}

fn valid(day: u64, month: u64) -> bool {
    (1..=31).contains(&day) && (1..=12).contains(&month)
}

/// "D tháng M [năm Y]".
fn day_month(day: u64, month: u64, year: Option<u64>) -> Vec<Item> {
    let mut v = vec![Item::Integer(day), Item::words("tháng"), Item::Month(month)];
    if let Some(y) = year {
        v.push(Item::words("năm"));
        v.push(Item::Integer(y));
    }
    v
}

/// The day word as written ("Ngày", "mùng") or "ngày".
fn day_word(caps: &Captures) -> Item {
    Item::Words(caps.name("ngay").map_or("ngày", |w| w.as_str()).to_owned())
}

/// Whether a named day ends just before `pos`: a commemoration of the table ("Quốc tế
/// Thiếu nhi 1/6"), or a "Ngày …"/"Tết …" phrase a few words before ("Ngày Toàn dân
/// phòng, chống ma túy 26/6"; "phòng, chống" is one phrase, its comma no stop).
fn named_day(text: &str, pos: usize) -> bool {
    let head = text[..pos].trim_end().to_lowercase();
    let ends_with_phrase =
        |p: &str| head.strip_suffix(p).is_some_and(|h| !h.ends_with(|c: char| c.is_alphanumeric()));
    // A capitalised name may be long ("Quốc khánh nước Cộng hòa xã hội chủ nghĩa Việt
    // Nam 2/9"); a lower-case "ngày" only a few words before.
    let words = text[..pos]
        .split_whitespace()
        .rev()
        .take(12)
        .take_while(|w| *w == "phòng," || !w.ends_with([',', ';', '.', ':']))
        .enumerate();
    super::table::named_days().iter().any(|p| ends_with_phrase(p))
        || words.into_iter().any(|(i, w)| matches!(w, "Ngày" | "Tết" | "khánh") || i < 6 && w == "ngày")
}

pub(crate) fn classify(text: &str, claims: &mut Claims) {
    static DAY_RANGE: OnceLock<regex::Regex> = OnceLock::new();
    static FULL: OnceLock<regex::Regex> = OnceLock::new();
    static QUARTER: OnceLock<regex::Regex> = OnceLock::new();
    static MONTH_YEAR: OnceLock<regex::Regex> = OnceLock::new();
    static DAY_MONTH: OnceLock<regex::Regex> = OnceLock::new();
    static TIME: OnceLock<regex::Regex> = OnceLock::new();
    static YEARS: OnceLock<regex::Regex> = OnceLock::new();
    static RANGE: OnceLock<regex::Regex> = OnceLock::new();
    static MONTH: OnceLock<regex::Regex> = OnceLock::new();

    // (19/8/1945-19/8/2025), 19/8 - 19/8/2025: two full dates joined by a dash → … đến ngày ….
    static DATE_RANGE: OnceLock<regex::Regex> = OnceLock::new();
    let date_range = re(
        &DATE_RANGE,
        &format!(
            r"(?:(?P<ngay>[Nn]gày|[Mm]ồng|[Mm]ùng)\s+)?(?P<d1>\d{{1,2}})(?P<s1>[/.])(?P<m1>\d{{1,2}})(?:(?P<s2>[/.])(?P<y1>\d{{4}}))?\s*{DASH}\s*(?:(?:ngày|mùng|mồng)\s+)?(?P<d2>\d{{1,2}})(?P<s3>[/.])(?P<m2>\d{{1,2}})(?:(?P<s4>[/.])(?P<y2>\d{{4}}))?"
        ),
    );
    scan(text, claims, date_range, |caps, text, _| {
        let all = caps.get(0)?;
        if before(text, all.start()).is_some_and(char::is_alphanumeric)
            || !free_before(text, caps.name("d1")?.start())
            || !free_after(text, all.end())
        {
            return None;
        }
        // One separator within each date: "19/8/1945-19/8/2025", "19.8.1945-19.8.2025".
        let same = |a: &str, b: &str| caps.name(b).is_none_or(|s| s.as_str() == &caps[a]);
        if !same("s1", "s2") || !same("s3", "s4") {
            return None;
        }
        let (d1, m1, d2, m2) = (num(caps, "d1")?, num(caps, "m1")?, num(caps, "d2")?, num(caps, "m2")?);
        let (y1, y2) = (num(caps, "y1"), num(caps, "y2"));
        // Without years ("15/8-17/8") the second day comes later, or it is not a range.
        // ... and stands in brackets or after a date word ("1/2-3/4 số hộ" are fractions).
        let cued = caps.name("ngay").is_some()
            || text[..all.start()].ends_with('(')
            || word_before(text, all.start(), "").is_some_and(|w| DATE_CUES.contains(&w.as_str()))
            || named_day(text, all.start());
        let ordered = y2.is_some() || y1.is_none() && cued && (m1, d1) < (m2, d2);
        if !valid(d1, m1)
            || !valid(d2, m2)
            || !ordered
            || y2.is_some_and(|y| !is_year(y))
            || y1.is_some_and(|y| !is_year(y) || y2.is_some_and(|y2| y > y2))
        {
            return None;
        }
        let mut v = Vec::new();
        // In brackets the range stands apart ("Quốc khánh (2/9/1945 - 2/9/2025)"): "ngày".
        let cue = word_before(text, all.start(), "");
        if caps.name("ngay").is_some() || !cue.as_deref().is_some_and(|w| NO_DAY_WORD.contains(&w)) {
            v.push(day_word(caps));
        }
        v.extend(day_month(d1, m1, y1));
        v.push(Item::words("đến ngày"));
        v.extend(day_month(d2, m2, y2));
        Some((all.start(), all.end(), Item::Seq(v)))
    });

    // Months or quarters of one year: "trong tháng 7-8/2025", "các tháng 6 - 7", "quý I-II/2025"
    // → "tháng bảy đến tháng tám năm …", "quý một đến quý hai năm …".
    static MONTHS: OnceLock<regex::Regex> = OnceLock::new();
    let months = re(
        &MONTHS,
        &format!(
            r"(?P<w>[Tt]háng|THÁNG|[Qq]uý|QUÝ)\s+(?P<a>\d{{1,2}}|[IV]+)\s*{DASH}\s*(?:(?:tháng|quý)\s+)?(?P<b>\d{{1,2}}|[IV]+)(?:\s*/\s*(?P<y>\d{{4}}))?"
        ),
    );
    scan(text, claims, months, |caps, text, _| {
        let all = caps.get(0)?;
        if before(text, all.start()).is_some_and(char::is_alphanumeric) || !free_after(text, all.end()) {
            return None;
        }
        let word = caps["w"].to_owned();
        let quarter = word.to_lowercase() == "quý";
        // "mỗi tháng 2-3 lần" counts times in a month, no months.
        let per = word_before(text, all.start(), "").is_some_and(|w| PER_SPAN.contains(&w.as_str()));
        let counted = word_after(text, all.end()).is_some_and(|w| COUNTED.contains(&w.as_str()));
        if caps.name("y").is_none() && (per || counted) {
            return None;
        }
        let value = |s: &str| s.parse().ok().or_else(|| roman_value(s));
        let (a, b) = (value(&caps["a"])?, value(&caps["b"])?);
        let last = if quarter { 4 } else { 12 };
        let y = num(caps, "y");
        if a < 1 || a >= b || b > last || y.is_some_and(|y| !is_year(y)) {
            return None;
        }
        let mut v = vec![
            Item::Words(word.clone()),
            Item::Integer(a),
            Item::Words(format!("đến {}", word.to_lowercase())),
        ];
        if quarter {
            v.push(Item::Integer(b));
        } else {
            v[1] = Item::Month(a);
            v.push(Item::Month(b));
        }
        if let Some(y) = y {
            v.extend([Item::words("năm"), Item::Integer(y)]);
        }
        Some((all.start(), all.end(), Item::Seq(v)))
    });

    // (8/1945-8/2025) → tháng tám năm … đến tháng tám năm ….
    static MONTH_RANGE: OnceLock<regex::Regex> = OnceLock::new();
    let month_range = re(
        &MONTH_RANGE,
        &format!(
            r"(?P<m1>\d{{1,2}})/(?P<y1>\d{{4}})\s*{DASH}\s*(?:tháng\s+)?(?P<m2>\d{{1,2}})/(?P<y2>\d{{4}})"
        ),
    );
    scan(text, claims, month_range, |caps, text, _| {
        let all = caps.get(0)?;
        if !free_before(text, all.start()) || !free_after(text, all.end()) {
            return None;
        }
        let (m1, y1, m2, y2) = (num(caps, "m1")?, num(caps, "y1")?, num(caps, "m2")?, num(caps, "y2")?);
        if !(1..=12).contains(&m1) || !(1..=12).contains(&m2) || !is_year(y1) || !is_year(y2) || y1 > y2 {
            return None;
        }
        let mut v = Vec::new();
        if word_before(text, all.start(), "").as_deref() != Some("tháng") {
            v.push(Item::words("tháng"));
        }
        v.extend([Item::Month(m1), Item::words("năm"), Item::Integer(y1), Item::words("đến tháng")]);
        v.extend([Item::Month(m2), Item::words("năm"), Item::Integer(y2)]);
        Some((all.start(), all.end(), Item::Seq(v)))
    });

    // các ngày 25, 26/10, ngày 5, 6 và 7/9/2024 → ngày hai mươi lăm, hai mươi sáu tháng mười:
    // days listed after a day word share the month written after the last.
    static DAY_LIST: OnceLock<regex::Regex> = OnceLock::new();
    let day_list = re(
        &DAY_LIST,
        r"(?P<ngay>[Nn]gày|[Mm]ồng|[Mm]ùng)\s+(?P<list>\d{1,2}(?:(?:\s*[,;&]\s*|\s+và\s+)\d{1,2})+)\s*/\s*(?P<m>\d{1,2})(?:\s*/\s*(?P<y>\d{4}))?",
    );
    scan(text, claims, day_list, |caps, text, _| {
        let all = caps.get(0)?;
        if before(text, all.start()).is_some_and(char::is_alphanumeric) || !free_after(text, all.end()) {
            return None;
        }
        let m = num(caps, "m")?;
        let y = num(caps, "y").filter(|y| is_year(*y));
        if caps.name("y").is_some() && y.is_none() {
            return None;
        }
        let list = caps.name("list")?.as_str();
        let days: Vec<u64> =
            list.split(|c: char| !c.is_ascii_digit()).filter_map(|d| d.parse().ok()).collect();
        if days.iter().any(|d| !valid(*d, m)) || days.windows(2).any(|w| w[0] >= w[1]) {
            return None;
        }
        let seps: Vec<&str> = list
            .split(|c: char| c.is_ascii_digit())
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(|s| if s == "và" { "và" } else { "," })
            .collect();
        let mut v = vec![day_word(caps)];
        for (i, d) in days.iter().enumerate() {
            if i > 0 {
                v.push(Item::words(seps.get(i - 1).copied().unwrap_or(",")));
            }
            v.push(Item::Integer(*d));
        }
        v.push(Item::words("tháng"));
        v.push(Item::Month(m));
        if let Some(y) = y {
            v.push(Item::words("năm"));
            v.push(Item::Integer(y));
        }
        Some((all.start(), all.end(), Item::Seq(v)))
    });

    // ngày 10-12/3/2023, từ 15-20/4 → từ ngày mười đến ngày mười hai tháng ba …
    let day_range = re(
        &DAY_RANGE,
        &format!(
            r"(?:(?P<tu>[Tt]ừ)\s+)?(?:(?P<ngay>[Nn]gày|[Mm]ồng|[Mm]ùng)\s+)?(?P<a>\d{{1,2}})\s*{DASH}\s*(?P<b>\d{{1,2}})\s*/\s*(?P<m>\d{{1,2}})(?:\s*/\s*(?P<y>\d{{4}}))?"
        ),
    );
    scan(text, claims, day_range, |caps, text, _| {
        let all = caps.get(0)?;
        if before(text, all.start()).is_some_and(char::is_alphanumeric)
            || !free_before(text, caps.name("a")?.start())
            || !free_after(text, all.end())
        {
            return None;
        }
        let (a, b, m) = (num(caps, "a")?, num(caps, "b")?, num(caps, "m")?);
        let y = num(caps, "y").filter(|y| is_year(*y));
        if caps.name("y").is_some() && y.is_none() || a >= b || !valid(a, m) || !valid(b, m) {
            return None;
        }
        let tu = caps.name("tu").map_or("từ", |w| w.as_str()).to_owned();
        let mut start = all.start();
        let day = day_word(caps);
        // "Ngày 5-6/9 …" at the start: "Từ ngày năm đến …".
        let (tu, mut day) = match (&day, caps.name("tu")) {
            (Item::Words(w), None) if w.starts_with(char::is_uppercase) => {
                ("Từ".to_owned(), Item::Words(w.to_lowercase()))
            }
            _ => (tu, day),
        };
        // "trong 2 ngày 14-15/12": that "ngày" counts days; keep it and add the date's own.
        if let Some(w) = caps.name("ngay").filter(|_| caps.name("tu").is_none()) {
            if text[..w.start()].trim_end().ends_with(|c: char| c.is_ascii_digit()) {
                start = caps.name("a")?.start();
                day = Item::words("ngày");
            }
        }
        let mut v = vec![Item::Words(tu), day, Item::Integer(a), Item::words("đến ngày")];
        v.extend(day_month(b, m, y));
        Some((start, all.end(), Item::Seq(v)))
    });

    // 13/4/2007, ngày 01/03/2023, 01-03-2023, 01.03.2023.
    let full = re(
        &FULL,
        r"(?:(?P<ngay>[Nn]gày|[Mm]ồng|[Mm]ùng)\s+)?(?P<d>\d{1,2})(?P<s1>[/.\-])(?P<m>\d{1,2})(?P<s2>[/.\-])(?P<y>\d{4})",
    );
    scan(text, claims, full, |caps, text, _| {
        let all = caps.get(0)?;
        let first = caps.name("d")?;
        if caps["s1"] != caps["s2"] || !free_before(text, first.start()) || !free_after(text, all.end()) {
            return None;
        }
        let (day, mon, year) = (num(caps, "d")?, num(caps, "m")?, num(caps, "y")?);
        if !valid(day, mon) || !is_year(year) {
            return None;
        }
        let mut v = Vec::new();
        let cue = word_before(text, all.start(), "(");
        if caps.name("ngay").is_some() || !cue.as_deref().is_some_and(|w| NO_DAY_WORD.contains(&w)) {
            v.push(day_word(caps));
        }
        v.extend(day_month(day, mon, Some(year)));
        Some((all.start(), all.end(), Item::Seq(v)))
    });

    // quý III/2023, quý 3/2023 → quý ba năm …
    let quarter = re(&QUARTER, r"(?P<q>[Qq]uý|QUÝ)\s+(?P<n>[IV]+|[1-4])\s*/\s*(?P<y>\d{4})");
    scan(text, claims, quarter, |caps, text, _| {
        let all = caps.get(0)?;
        if before(text, all.start()).is_some_and(char::is_alphanumeric) || !free_after(text, all.end()) {
            return None;
        }
        let n = caps["n"].parse().ok().or_else(|| roman_value(&caps["n"])).filter(|n| (1..=4).contains(n))?;
        let v = vec![
            Item::Words(caps["q"].to_owned()),
            Item::Integer(n),
            Item::words("năm"),
            Item::Integer(num(caps, "y")?),
        ];
        Some((all.start(), all.end(), Item::Seq(v)))
    });

    // tháng 7/2021, 7/2021 → tháng bảy năm …
    let month_year = re(&MONTH_YEAR, r"(?:(?P<thang>[Tt]háng)\s+)?(?P<m>\d{1,2})/(?P<y>\d{4})");
    scan(text, claims, month_year, |caps, text, _| {
        let all = caps.get(0)?;
        let m = caps.name("m")?;
        if !free_before(text, m.start()) || !free_after(text, all.end()) {
            return None;
        }
        let (mon, year) = (num(caps, "m")?, num(caps, "y")?);
        if !(1..=12).contains(&mon) || !is_year(year) {
            return None;
        }
        let word = caps.name("thang").map_or("tháng", |w| w.as_str()).to_owned();
        let v = vec![Item::Words(word), Item::Month(mon), Item::words("năm"), Item::Integer(year)];
        Some((all.start(), all.end(), Item::Seq(v)))
    });

    // ngày 10/5, trước 30/6, Quốc khánh 2/9 → … mười tháng năm; a bare "2/3" is a fraction.
    let day_month_re =
        re(&DAY_MONTH, r"(?:(?P<ngay>[Nn]gày|[Mm]ồng|[Mm]ùng)\s+)?(?P<d>\d{1,2})\s?/\s?(?P<m>\d{1,2})");
    scan(text, claims, day_month_re, |caps, text, claims| {
        let all = caps.get(0)?;
        let d = caps.name("d")?;
        // The second date of a range: "20/11 - 26/11".
        let trimmed = text[..all.start()].trim_end();
        let head = trimmed.trim_end_matches(|c| is_dash(c) || c == ',').trim_end();
        let head = ["và", "hoặc", "đến"].iter().find_map(|w| head.strip_suffix(w)).unwrap_or(head).trim_end();
        let after_date = head.len() < trimmed.len()
            && claims.ending_at(text, head.len()).is_some_and(
                |c| matches!(&c.item, Item::Seq(v) if v.iter().any(|i| matches!(i, Item::Month(_)))),
            );
        let dash_before = before(text, d.start()).is_some_and(is_dash);
        if !(free_before(text, d.start()) || dash_before && after_date) || !free_after(text, all.end()) {
            return None;
        }
        let (day, mon) = (num(caps, "d")?, num(caps, "m")?);
        if !valid(day, mon) {
            return None;
        }
        let cue = word_before(text, all.start(), "(:");
        let named_day = named_day(text, all.start());
        // "24/7" is "around the clock", not the 24th of July.
        let around_the_clock = day == 24 && mon == 7;
        // "số 18/2" is a house number, "24/7" around the clock.
        if (around_the_clock || cue.as_deref() == Some("số")) && caps.name("ngay").is_none() {
            return None;
        }
        let cued = after_date
            || caps.name("ngay").is_some()
            || cue.as_deref().is_some_and(|w| DATE_CUES.contains(&w))
            || named_day
            || cue.as_deref().is_some_and(|w| STREET_WORDS.contains(&w))
            // A count is never more than its whole: "8/3" with 8 > 3 is a date.
            || day > mon
                && !around_the_clock
                && word_after(text, all.end())
                    .is_none_or(|w| !w.starts_with(char::is_lowercase) || w == "hằng" || w == "năm");
        if !cued {
            return None;
        }
        let mut v = Vec::new();
        let cue_says_when =
            cue.as_deref().is_some_and(|w| NO_DAY_WORD.contains(&w) || !DATE_CUES.contains(&w));
        if caps.name("ngay").is_some() || !cue_says_when {
            v.push(day_word(caps));
        }
        v.extend(day_month(day, mon, None));
        Some((all.start(), all.end(), Item::Seq(v)))
    });

    // ngày 8-3, mùng 2-9, Quốc khánh 2-9 (a dash date, as newspapers write it) → ngày tám
    // tháng ba; only after a day word, so "5-7 người" stays a range.
    static DASH_DATE: OnceLock<regex::Regex> = OnceLock::new();
    let dash_date = re(
        &DASH_DATE,
        &format!(
            r"(?P<ngay>[Nn]gày|[Mm]ồng|[Mm]ùng|[Kk]hánh)\s+(?P<d>\d{{1,2}})(?:{DASH}|\.)(?P<m>\d{{1,2}})"
        ),
    );
    scan(text, claims, dash_date, |caps, text, _| {
        let all = caps.get(0)?;
        let w = caps.name("ngay")?;
        if before(text, all.start()).is_some_and(char::is_alphanumeric)
            || super::after(text, all.end()).is_some_and(|c| c.is_alphanumeric() || c == '/' || is_dash(c))
            || !free_after(text, all.end())
        {
            return None;
        }
        let (day, mon) = (num(caps, "d")?, num(caps, "m")?);
        if !valid(day, mon) {
            return None;
        }
        let mut v = Vec::new();
        let start = if w.as_str().ends_with("hánh") {
            caps.name("d")?.start()
        } else {
            v.push(day_word(caps));
            all.start()
        };
        v.extend(day_month(day, mon, None));
        Some((start, all.end(), Item::Seq(v)))
    });

    // "Ngày Quốc tế Phụ nữ 8-3", "Quốc tế Thiếu nhi 1-6": a dash date after a named day.
    static NAMED_DASH: OnceLock<regex::Regex> = OnceLock::new();
    let named_dash = re(&NAMED_DASH, &format!(r"(?P<d>\d{{1,2}})(?:{DASH})(?P<m>\d{{1,2}})"));
    scan(text, claims, named_dash, |caps, text, _| {
        let all = caps.get(0)?;
        if !free_before(text, all.start()) || !free_after(text, all.end()) || !named_day(text, all.start()) {
            return None;
        }
        let (day, mon) = (num(caps, "d")?, num(caps, "m")?);
        valid(day, mon).then(|| (all.start(), all.end(), Item::Seq(day_month(day, mon, None))))
    });

    // 08 giờ 00 phút, 7 giờ 30 → tám giờ, bảy giờ ba mươi phút (no "không phút").
    static CLOCK: OnceLock<regex::Regex> = OnceLock::new();
    let clock = re(&CLOCK, r"(?P<h>\d{1,2})\s+giờ\s+(?P<m>\d{1,2})(?:\s+phút)?");
    scan(text, claims, clock, |caps, text, _| {
        let all = caps.get(0)?;
        if !free_before(text, all.start()) || !free_after(text, all.end()) {
            return None;
        }
        let (h, m) = (num(caps, "h")?, num(caps, "m")?);
        if h > 24 || m > 59 {
            return None;
        }
        let mut v = vec![Item::Integer(h), Item::words("giờ")];
        if m > 0 {
            v.push(Item::Integer(m));
            v.push(Item::words("phút"));
        }
        Some((all.start(), all.end(), Item::Seq(v)))
    });

    // 5h30, 17h, 15:30, 8h00 → năm giờ ba mươi phút, mười bảy giờ, tám giờ.
    // "8 h 30", "8 h sáng": the hour sign typed apart.
    let time = re(
        &TIME,
        r"(?P<h>\d{1,2})(?:(?P<sep>h|giờ|:|g)(?P<m>\d{2})?|\s(?P<sp>h)(?:\s(?P<m2>\d{2}))?)(?:'|p\b|phút)?",
    );
    scan(text, claims, time, |caps, text, _| {
        let all = caps.get(0)?;
        let colon = all.as_str().contains(':');
        // A dash may join two times ("7h30-11h30").
        if before(text, all.start()).is_some_and(|c| c.is_alphanumeric() || "/.,_".contains(c))
            || super::after(text, all.end()).is_some_and(|c| c.is_alphanumeric() || c == '/')
            || text[all.end()..]
                .strip_prefix(':')
                .is_some_and(|r| r.starts_with(|c: char| c.is_ascii_digit()))
            || (colon && caps.name("m").is_none())
            // "8g" is a weight, unless the hour is asked for: "lúc 8g".
            || caps.name("sep").is_some_and(|s| s.as_str() == "g")
                && caps.name("m").is_none()
                && !word_before(text, all.start(), "").is_some_and(|w| w == "lúc" || w == "hồi")
        {
            return None;
        }
        let h = num(caps, "h")?;
        let m = caps.name("m").or(caps.name("m2")).map_or(Some(0), |m| m.as_str().parse().ok())?;
        if h > 24 || m > 59 {
            return None;
        }
        let mut v = vec![Item::Integer(h), Item::words("giờ")];
        if m > 0 {
            v.push(Item::Integer(m));
            v.push(Item::words("phút"));
        }
        Some((all.start(), all.end(), Item::Seq(v)))
    });

    // 2021-2030, 2021 – 2030 → hai nghìn không trăm hai mươi mốt đến hai nghìn không trăm ba mươi.
    let years = re(&YEARS, &format!(r"(?P<a>\d{{4}})\s*{DASH}\s*(?P<b>\d{{4}})"));
    scan(text, claims, years, |caps, text, _| {
        let all = caps.get(0)?;
        if !free_before(text, all.start()) || !free_after(text, all.end()) {
            return None;
        }
        let (a, b) = (num(caps, "a")?, num(caps, "b")?);
        if !(1900..=2100).contains(&a) || !(1900..=2100).contains(&b) || a > b {
            return None;
        }
        Some((
            all.start(),
            all.end(),
            Item::Seq(vec![Item::Integer(a), Item::words("đến"), Item::Integer(b)]),
        ))
    });

    // 10-12 người, 01 - 02 mô hình, 2,5-3 tấn → mười đến mười hai người.
    let range = re(
        &RANGE,
        &format!(
            r"(?P<a>\d{{1,3}}(?:\.\d{{3}})*(?:,\d{{1,2}})?)\s*{DASH}\s*(?P<b>\d{{1,3}}(?:\.\d{{3}})*(?:,\d{{1,2}})?)"
        ),
    );
    scan(text, claims, range, |caps, text, _| {
        let all = caps.get(0)?;
        // A unit may be glued to the second number: "35-37oC", "1-2kV".
        let glued_unit = super::measures::unit_at(&text[all.end()..]).is_some();
        if !free_before(text, all.start()) || !(free_after(text, all.end()) || glued_unit) {
            return None;
        }
        let value = |s: &str| s.replace('.', "").replace(',', ".").parse::<f64>().ok();
        let (a, b) = (value(&caps["a"])?, value(&caps["b"])?);
        // A score: "thắng 3-1", "tỷ số 2 - 2" → "ba một".
        if is_score(text, all.start(), all.end(), &caps["a"], &caps["b"]) {
            let v = vec![Item::Number(caps["a"].to_owned()), Item::Number(caps["b"].to_owned())];
            return Some((all.start(), all.end(), Item::Seq(v)));
        }
        if a >= b {
            return None;
        }
        let v =
            vec![Item::Number(caps["a"].to_owned()), Item::words("đến"), Item::Number(caps["b"].to_owned())];
        Some((all.start(), all.end(), Item::Seq(v)))
    });

    // tháng 4, tháng 03 → tháng tư, tháng ba.
    let month_word = re(&MONTH, r"(?P<thang>[Tt]háng)\s+(?P<m>\d{1,2})");
    scan(text, claims, month_word, |caps, text, _| {
        let all = caps.get(0)?;
        if before(text, all.start()).is_some_and(char::is_alphanumeric) || !free_after(text, all.end()) {
            return None;
        }
        let mon = num(caps, "m")?;
        if !(1..=12).contains(&mon) {
            return None;
        }
        Some((
            all.start(),
            all.end(),
            Item::Seq(vec![Item::Words(caps["thang"].to_owned()), Item::Month(mon)]),
        ))
    });
}
