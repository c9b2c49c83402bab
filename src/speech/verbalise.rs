//! Verbalise: writes every claim out in words, keeps the rest of the text as written
//! (without Markdown emphasis marks), and tidies spaces and sentence capitals.

use std::sync::OnceLock;

use regex::Regex;

use super::claims::{Claims, Item};
use super::numbers::{month, ordinal, read_digits, read_integer, read_written};
use super::Dialect;

/// The words of one item.
pub(crate) fn speak(item: &Item, d: Dialect) -> String {
    match item {
        Item::Words(w) => w.clone(),
        Item::Number(s) => read_written(s, d).unwrap_or_else(|| s.clone()),
        Item::Integer(n) => read_integer(*n, d),
        Item::Digits(groups) => groups.iter().map(|g| read_digits(g)).collect::<Vec<_>>().join(", "),
        Item::Ordinal { n, capital } => {
            let o = ordinal(*n, d);
            match (capital, o.strip_prefix("thứ")) {
                (true, Some(rest)) => format!("Thứ{rest}"),
                _ => o,
            }
        }
        Item::Month(m) => month(*m, d),
        Item::Document { kind, num, year, issuer } => {
            let mut s = match kind {
                Some(k) => format!("{k} số {}", read_integer(*num, d)),
                None => read_integer(*num, d),
            };
            if let Some(y) = year {
                s.push_str(" năm ");
                s.push_str(&read_integer(*y, d));
            }
            if let Some(i) = issuer {
                s.push_str(" của ");
                s.push_str(i);
            }
            s
        }
        Item::Seq(items) => {
            items.iter().map(|i| speak(i, d)).filter(|s| !s.is_empty()).collect::<Vec<_>>().join(" ")
        }
    }
}

pub(crate) fn verbalise(text: &str, claims: &Claims, d: Dialect) -> String {
    let mut out = String::with_capacity(text.len() * 2);
    let mut last = 0;
    let raw = |s: &str, out: &mut String| out.extend(s.chars().filter(|c| !matches!(c, '*' | '_' | '#')));
    for c in claims.iter() {
        raw(&text[last..c.start], &mut out);
        let mut spoken = speak(&c.item, d);
        // Inside a heading in capitals the reading is in capitals too: "PHẦN MỘT".
        // A part glued to a code ("RON95") is no word of a heading.
        if in_capitals(text, c.start, c.end) && !text[..c.start].ends_with(char::is_alphabetic) {
            spoken = spoken.to_uppercase();
        }
        // A space only against a word, so quotes and brackets stay tight.
        if out.ends_with(char::is_alphanumeric) && spoken.starts_with(char::is_alphanumeric) {
            out.push(' ');
        }
        out.push_str(&spoken);
        if text[c.end..].starts_with(char::is_alphanumeric) && spoken.ends_with(char::is_alphanumeric) {
            out.push(' ');
        }
        last = c.end;
    }
    raw(&text[last..], &mut out);
    crate::load::nfc(&tidy(&out))
}

/// Whether the words around `start..end` are in capitals ("PHẦN I.", "NĂM 2024" at the
/// end of a heading).
fn in_capitals(text: &str, start: usize, end: usize) -> bool {
    // A word in capitals that is a syllable ("NĂM", "PHẦN"), not a code ("TW").
    let caps = |w: Option<&str>| {
        w.is_some_and(|w| {
            w.chars().count() >= 2
                && w.chars().all(char::is_uppercase)
                && super::leftovers::is_syllable(&w.to_lowercase())
        })
    };
    let word = |s: &str| -> Option<String> {
        let w: String = s.chars().take_while(|c| c.is_alphabetic()).collect();
        (!w.is_empty()).then_some(w)
    };
    let before: String = text[..start].trim_end().chars().rev().take_while(|c| c.is_alphabetic()).collect();
    let before: String = before.chars().rev().collect();
    // The end of a code ("10-NQ/TU ngày …") is no heading word.
    let word_start = text[..start].trim_end().len() - before.len();
    if super::before(text, word_start).is_some_and(|c| c == '/' || c == '-' || c.is_ascii_digit()) {
        return false;
    }
    let after = text[end..].trim_start();
    let next = word(after);
    caps(Some(&before).filter(|b| !b.is_empty()).map(String::as_str))
        && (next.is_none() && !after.starts_with(char::is_alphanumeric) || caps(next.as_deref()))
}

/// Single spaces, no space before punctuation or inside brackets, no doubled pauses,
/// a capital at the start of each sentence.
fn tidy(text: &str) -> String {
    static RULES: OnceLock<[(Regex, &'static str); 6]> = OnceLock::new();
    let rules = RULES.get_or_init(|| {
        let r = |p: &str| Regex::new(p).expect("the tidy patterns are valid");
        [
            (r(r"\s+"), " "),
            (r(r"\s+([,.;:!?)\]”’…])"), "$1"),
            (r(r"([(\[“‘])\s+"), "$1"),
            (r(r",\s*([,.;:!?])"), "$1"),
            (r(r",(\p{L})"), ", $1"),
            (r(r"\.\.(\s|$)"), ".$1"),
        ]
    });
    let mut text = text.to_owned();
    for (re, with) in rules {
        text = re.replace_all(&text, *with).into_owned();
    }
    let text = text.trim().trim_start_matches([',', ' ', ':', ';']).to_owned();
    capitalise_sentences(&text)
}

fn capitalise_sentences(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut up = true;
    let mut prev = ' ';
    for c in text.chars() {
        if up && c.is_alphabetic() {
            out.extend(c.to_uppercase());
            up = false;
        } else {
            if up && !(c.is_whitespace() || "\"“‘([".contains(c)) {
                up = false;
            }
            out.push(c);
        }
        if c.is_whitespace() && matches!(prev, '.' | '!' | '?') {
            up = true;
        }
        prev = c;
    }
    out
}
