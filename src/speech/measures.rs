//! Units and rates after a number: "12,5 ha" → "… héc-ta", "300.000đ" → "… đồng",
//! "35°C" → "… độ xê", "40 km/h"; "/người/tháng" after an amount → "mỗi người mỗi tháng"
//! (a slash between units is "mỗi", not "hoặc"). The numbers themselves are read by
//! `numbers`; this pass claims only the units.

use std::sync::OnceLock;

use super::claims::{re, scan, Claims, Item};
use super::table;

/// Words that measure an amount, so a "/" after them starts a rate ("đồng/người").
const AMOUNT_WORDS: &[&str] = &[
    "đồng", "người", "tấn", "lượt", "buổi", "lần", "suất", "hộ", "con", "cây", "bao", "kg", "lít", "giờ",
    "phút", "ngày", "tháng", "tiết", "triệu", "nghìn", "tỷ", "học", "km", "ha", "viên", "xuất", "tạ", "yến",
    "mẫu", "sào", "kwh",
];

/// Spans of time: after a noun that is no span itself, "/tháng" is a rate ("2 chuyên
/// đề/tháng", "3 lần/tuần"), while "báo cáo tuần/tháng" lists spans (and "ngày/tháng/năm" is
/// one field name, in `data/signs.tsv`).
const TIME_SPANS: &[&str] = &["tháng", "tuần", "ngày", "năm", "quý", "giờ", "phút", "giây", "học kỳ", "buổi"];

/// The unit `rest` starts with, and its reading.
pub(crate) fn unit_at(rest: &str) -> Option<(&'static str, &'static str)> {
    // "15 đ/c" counts comrades (đồng chí), not money; "50.000đ/con" is a price.
    let comrades = ["đ/c", "Đ/c", "đ/C"]
        .iter()
        .any(|p| rest.strip_prefix(p).is_some_and(|after| !after.starts_with(char::is_alphabetic)));
    if comrades {
        return None;
    }
    table::units().iter().copied().find(|(w, _)| {
        let Some(after) = rest.strip_prefix(w) else { return false };
        // "500.000đ. Phát …": the dot ends the sentence, it is no part of the unit.
        let sentence_dot = w.ends_with('.')
            && (after.trim().is_empty() || after.trim_start().starts_with(char::is_uppercase));
        !after.starts_with(|c: char| c.is_alphanumeric()) && !sentence_dot
    })
}

pub(crate) fn classify(text: &str, claims: &mut Claims) {
    // A unit right after a number, with or without a space.
    static NUM: OnceLock<regex::Regex> = OnceLock::new();
    let num = re(&NUM, r"\d(?:\s?)(?:(?:nghìn|ngàn|triệu|tỷ)\s)?");
    let mut found = Vec::new();
    for m in num.find_iter(text) {
        let rest = &text[m.end()..];
        if rest.starts_with(|c: char| c.is_ascii_digit()) {
            continue;
        }
        if let Some((w, reading)) = unit_at(rest) {
            found.push((m.end(), m.end() + w.len(), reading));
        }
    }
    for (s, e, reading) in found {
        claims.add(s, e, Item::words(reading));
    }
    // "km/h" is in the table; other rates: "/người", "/tháng", "/kg" after an amount.
    static RATE: OnceLock<regex::Regex> = OnceLock::new();
    let rate = re(&RATE, r"\s*/\s*");
    scan(text, claims, rate, |caps, text, claims| {
        let all = caps.get(0)?;
        let head = text[..all.start()].trim_end();
        let after_unit = claims.iter().any(|c| c.end == head.len());
        let prev = super::token::word_before(text, all.start(), "");
        // "30 kg gạo/khẩu", "2 con bò giống/hộ": after an amount the slash starts a rate,
        // unless the word before is itself one of the rate words ("10 thôn/bản").
        let per = table::per_units();
        let after_amount = prev.as_deref().is_some_and(|w| AMOUNT_WORDS.contains(&w) || !per.contains(&w))
            && number_near(head);
        let rest = &text[all.end()..];
        let counts = prev.is_some() && number_near(head) && rest.starts_with(|c: char| c.is_ascii_digit());
        let low_rest = rest.to_lowercase();
        let starts_word = |w: &&str| {
            low_rest.starts_with(*w) && !low_rest[w.len()..].starts_with(|c: char| c.is_alphanumeric())
        };
        // "chuyên đề/tháng", "lượt/ngày": a span of time after a noun that is none.
        // "2 ca/ngày", "300 lượt xe/ngày": so is a counted rate word before a span.
        let per_span = prev
            .as_deref()
            .is_some_and(|w| !TIME_SPANS.contains(&w) && (!per.contains(&w) || number_near(head)))
            && TIME_SPANS.iter().any(starts_word);
        // "5 người/hộ", "120 lượt người/ngày": a counted word before a rate word, the
        // number further back in the clause.
        let counted = prev.as_deref().is_some_and(|w| AMOUNT_WORDS.contains(&w))
            && per.iter().any(starts_word)
            && number_in_clause(head);
        if !after_unit && !after_amount && !counts && !per_span && !counted {
            return None;
        }
        // "mg/1 lít", "kg/1 người": a slash after a unit, before a number, is "trên";
        // "8 vụ/12 bị can" pairs two counts: a pause.
        // "1,5 lít xăng/100 km": a measure after the slash is "trên" too.
        if rest.starts_with(|c: char| c.is_ascii_digit()) {
            let n = rest.find(|c: char| !(c.is_ascii_digit() || c == '.' || c == ',')).unwrap_or(rest.len());
            let after_number = rest[n..].trim_start();
            // "1 lần/2 tuần": a count of a span after the slash is "mỗi".
            if TIME_SPANS.iter().any(|w| {
                after_number.starts_with(w) && !after_number[w.len()..].starts_with(char::is_alphanumeric)
            }) {
                return Some((all.start(), all.end(), Item::words("mỗi")));
            }
            let measure = unit_at(after_number).is_some();
            return Some((
                all.start(),
                all.end(),
                Item::words(if after_unit || measure { "trên" } else { "," }),
            ));
        }
        // "đồng/kWh": a unit after the slash.
        if let Some((u, reading)) = unit_at(rest).filter(|(u, _)| u.chars().count() > 1) {
            return Some((all.start(), all.end() + u.len(), Item::Words(format!("mỗi {reading}"))));
        }
        let low = rest.to_lowercase();
        let listed = per
            .iter()
            .find(|w| low.starts_with(*w) && !low[w.len()..].starts_with(|c: char| c.is_alphanumeric()));
        // After money any word is what it is paid for: "500.000 đồng/thí sinh".
        let money = prev.as_deref() == Some("đồng")
            || claims.iter().any(|c| c.end == head.len() && c.item == Item::words("đồng"));
        let word_len = rest.find(|c: char| !c.is_alphabetic()).unwrap_or(rest.len());
        let w = match listed {
            Some(w) => *w,
            None if money && word_len > 0 && rest.starts_with(char::is_lowercase) => &rest[..word_len],
            None => return None,
        };
        // "đ/c" after the slash is read from the abbreviation table (đồng chí).
        let abbreviation = || table::abbreviations().iter().find(|a| a.written == w && a.context.is_empty());
        let reading =
            unit_at(&rest[..w.len()]).map_or_else(|| abbreviation().map_or(w, |a| a.reading), |(_, r)| r);
        Some((all.start(), all.end() + w.len(), Item::Words(format!("mỗi {reading}"))))
    });
}

/// Whether a number is among the words of the clause before the slash.
fn number_in_clause(head: &str) -> bool {
    let clause = head.rsplit([',', ';', '.', ':', '(']).next().unwrap_or(head);
    clause.split_whitespace().rev().take(10).any(|w| w.chars().any(|c| c.is_ascii_digit()))
}

/// Whether a number is among the last few words of `head` ("42 triệu đồng", "2 buổi").
fn number_near(head: &str) -> bool {
    head.split_whitespace().rev().take(4).any(|w| w.chars().any(|c| c.is_ascii_digit()))
}
