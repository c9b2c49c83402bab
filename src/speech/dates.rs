//! Dates, years, ranges, quarters and times as spoken (facts-vi.md E5):
//! "13/4/2007" → "ngày mười ba tháng tư năm hai nghìn không trăm linh bảy".

use std::sync::OnceLock;

use regex::{Captures, Regex};

use super::numbers::{month, read_digit_string, read_integer, roman_value};
use super::{after, before, is_dash, replace, Dialect};

fn re(cell: &'static OnceLock<Regex>, pattern: &str) -> &'static Regex {
    cell.get_or_init(|| Regex::new(pattern).expect("the date patterns are valid"))
}

/// The number must not continue a longer number, code or word on its left.
fn free_before(text: &str, pos: usize) -> bool {
    !before(text, pos).is_some_and(|c| c.is_alphanumeric() || "/.,_".contains(c) || is_dash(c))
}

/// ... nor on its right ("2007" in "2007/QĐ" or "2007.5").
fn free_after(text: &str, pos: usize) -> bool {
    let mut rest = text[pos..].chars();
    match rest.next() {
        Some(c) if c.is_alphanumeric() || c == '/' || c == '_' || is_dash(c) => false,
        Some('.' | ',') => !rest.next().is_some_and(|c| c.is_ascii_digit()),
        _ => true,
    }
}

fn num(caps: &Captures, name: &str) -> Option<u64> {
    caps.name(name)?.as_str().parse().ok()
}

fn is_year(y: u64) -> bool {
    (1000..=2999).contains(&y)
}

/// "ngày D tháng M năm Y" with the word "ngày" as the text had it (or added).
fn day_word(caps: &Captures) -> String {
    match caps.name("ngay") {
        Some(w) => w.as_str().to_owned(),
        None => "ngày".to_owned(),
    }
}

/// Every date, range, quarter and time in `text`.
pub(crate) fn dates(text: &str, d: Dialect) -> String {
    static FULL: OnceLock<Regex> = OnceLock::new();
    static QUARTER: OnceLock<Regex> = OnceLock::new();
    static MONTH_YEAR: OnceLock<Regex> = OnceLock::new();
    static DAY_MONTH: OnceLock<Regex> = OnceLock::new();
    static TIME: OnceLock<Regex> = OnceLock::new();
    static YEARS: OnceLock<Regex> = OnceLock::new();
    static RANGE: OnceLock<Regex> = OnceLock::new();
    static MONTH: OnceLock<Regex> = OnceLock::new();

    // 13/4/2007, ngày 01/03/2023, 01-03-2023, 01.03.2023.
    let full = re(
        &FULL,
        r"(?:(?P<ngay>[Nn]gày|[Mm]ồng|[Mm]ùng)\s+)?(?P<d>\d{1,2})(?P<s1>[/.\-])(?P<m>\d{1,2})(?P<s2>[/.\-])(?P<y>\d{4})",
    );
    let text = replace(text, full, |caps, text| {
        let all = caps.get(0)?;
        let first = caps.name("d")?;
        if caps["s1"] != caps["s2"] || !free_before(text, first.start()) || !free_after(text, all.end()) {
            return None;
        }
        let (day, mon, year) = (num(caps, "d")?, num(caps, "m")?, num(caps, "y")?);
        if !(1..=31).contains(&day) || !(1..=12).contains(&mon) || !is_year(year) {
            return None;
        }
        Some(format!(
            "{} {} tháng {} năm {}",
            day_word(caps),
            read_integer(day, d),
            month(mon, d),
            read_integer(year, d)
        ))
    });

    // quý III/2023, quý 3/2023 → quý ba năm …
    let quarter = re(&QUARTER, r"(?P<q>[Qq]uý)\s+(?P<n>[IV]+|[1-4])\s*/\s*(?P<y>\d{4})");
    let text = replace(&text, quarter, |caps, text| {
        let all = caps.get(0)?;
        if before(text, all.start()).is_some_and(char::is_alphanumeric) || !free_after(text, all.end()) {
            return None;
        }
        let n = caps["n"].parse().ok().or_else(|| roman_value(&caps["n"])).filter(|n| (1..=4).contains(n))?;
        Some(format!("{} {} năm {}", &caps["q"], read_integer(n, d), read_integer(num(caps, "y")?, d)))
    });

    // tháng 7/2021, 7/2021 → tháng bảy năm …
    let month_year = re(&MONTH_YEAR, r"(?:(?P<thang>[Tt]háng)\s+)?(?P<m>\d{1,2})/(?P<y>\d{4})");
    let text = replace(&text, month_year, |caps, text| {
        let all = caps.get(0)?;
        let m = caps.name("m")?;
        if !free_before(text, m.start()) || !free_after(text, all.end()) {
            return None;
        }
        let (mon, year) = (num(caps, "m")?, num(caps, "y")?);
        if !(1..=12).contains(&mon) || !is_year(year) {
            return None;
        }
        let word = match caps.name("thang") {
            Some(w) => w.as_str().to_owned(),
            None => "tháng".to_owned(),
        };
        Some(format!("{word} {} năm {}", month(mon, d), read_integer(year, d)))
    });

    // ngày 10/5 → ngày mười tháng năm (only after "ngày": "1/2" may be a fraction).
    let day_month = re(&DAY_MONTH, r"(?P<ngay>[Nn]gày|[Mm]ồng|[Mm]ùng)\s+(?P<d>\d{1,2})/(?P<m>\d{1,2})");
    let text = replace(&text, day_month, |caps, text| {
        let all = caps.get(0)?;
        if before(text, all.start()).is_some_and(char::is_alphanumeric) || !free_after(text, all.end()) {
            return None;
        }
        let (day, mon) = (num(caps, "d")?, num(caps, "m")?);
        if !(1..=31).contains(&day) || !(1..=12).contains(&mon) {
            return None;
        }
        Some(format!("{} {} tháng {}", &caps["ngay"], read_integer(day, d), month(mon, d)))
    });

    // 5h30, 17h, 15:30 → năm giờ ba mươi phút, mười bảy giờ.
    let time = re(&TIME, r"(?P<h>\d{1,2})(?:h|giờ|:)(?P<m>\d{2})?");
    let text = replace(&text, time, |caps, text| {
        let all = caps.get(0)?;
        let colon = all.as_str().contains(':');
        if !free_before(text, all.start())
            || after(text, all.end()).is_some_and(|c| c.is_alphanumeric() || c == ':' || c == '/')
            || (colon && caps.name("m").is_none())
        {
            return None;
        }
        let h = num(caps, "h")?;
        let m = match caps.name("m") {
            Some(m) => m.as_str().parse().ok()?,
            None => 0,
        };
        if h > 24 || m > 59 {
            return None;
        }
        let hours = format!("{} giờ", read_integer(h, d));
        Some(if m == 0 { hours } else { format!("{hours} {} phút", read_integer(m, d)) })
    });

    // 2021-2030, 2021 – 2030 → hai nghìn không trăm hai mươi mốt đến hai nghìn không trăm ba mươi.
    let years = re(&YEARS, r"(?P<a>\d{4})\s*[-\u{2010}-\u{2014}\u{2212}]\s*(?P<b>\d{4})");
    let text = replace(&text, years, |caps, text| {
        let all = caps.get(0)?;
        if !free_before(text, all.start()) || !free_after(text, all.end()) {
            return None;
        }
        let (a, b) = (num(caps, "a")?, num(caps, "b")?);
        if !(1900..=2100).contains(&a) || !(1900..=2100).contains(&b) || a > b {
            return None;
        }
        Some(format!("{} đến {}", read_integer(a, d), read_integer(b, d)))
    });

    // 10-12 người → mười đến mười hai người (small numbers only: not phone numbers).
    let range = re(&RANGE, r"(?P<a>[1-9]\d{0,2})\s*[-\u{2010}-\u{2014}\u{2212}]\s*(?P<b>[1-9]\d{0,2})");
    let text = replace(&text, range, |caps, text| {
        let all = caps.get(0)?;
        if !free_before(text, all.start()) || !free_after(text, all.end()) {
            return None;
        }
        let (a, b) = (num(caps, "a")?, num(caps, "b")?);
        (a < b).then(|| format!("{} đến {}", read_integer(a, d), read_integer(b, d)))
    });

    // tháng 4, tháng 03 → tháng tư, tháng ba.
    let month_word = re(&MONTH, r"(?P<thang>[Tt]háng)\s+(?P<m>\d{1,2})");
    replace(&text, month_word, |caps, text| {
        let all = caps.get(0)?;
        if before(text, all.start()).is_some_and(char::is_alphanumeric) || !free_after(text, all.end()) {
            return None;
        }
        let mon = num(caps, "m")?;
        if !(1..=12).contains(&mon) {
            return read_digit_string(&caps["m"], d).map(|n| format!("{} {n}", &caps["thang"]));
        }
        Some(format!("{} {}", &caps["thang"], month(mon, d)))
    })
}
