//! Read-aloud normaliser: rewrites a paragraph of Vietnamese plain text as it is spoken
//! over the loudspeaker — numbers, dates, document numbers, abbreviations and symbols
//! written out (facts-vi.md B3, E) — and lists what a reader might still stumble over.
//!
//! The stages run in order, each on the previous one's output; every stage writes words
//! only, so later stages never re-read what an earlier one produced:
//! markers → document numbers → dates → Roman numerals → abbreviations → numbers → symbols.

mod abbrev;
mod dates;
mod numbers;

#[cfg(test)]
mod tests;

use std::sync::OnceLock;

use regex::{Captures, Regex};

pub use numbers::{ordinal, read_integer};

/// Regional usage: North (default): "linh", "nghìn"; South: "lẻ", "ngàn".
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Deserialize, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Dialect {
    #[default]
    North,
    South,
}

/// What the normaliser knows beyond the text.
pub struct Options<'a> {
    pub dialect: Dialect,
    /// Site-defined abbreviations (from config.yaml), checked before the built-in table.
    pub abbreviations: &'a [(String, String)],
    /// Looks up a document of the site by number key (see document::number::key).
    pub documents: &'a dyn Fn(&str) -> Option<KnownDoc>,
}

/// A document of the site, as needed to speak its number.
#[derive(Debug, Clone)]
pub struct KnownDoc {
    pub kind_name: String,
    pub num: u32,
    pub issuer: String,
}

/// The spoken form of a text and what a reader might still stumble over.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Spoken {
    pub text: String,
    pub leftovers: Vec<String>,
}

/// Rewrites `text` (one paragraph or sentence, plain text — no Markdown) as it is spoken.
pub fn speak(text: &str, opts: &Options) -> Spoken {
    let d = opts.dialect;
    let mut noted = Vec::new();
    let text: String = crate::load::nfc(text).chars().filter(|c| !matches!(c, '*' | '_' | '#')).collect();
    // "./." closes Vietnamese official letters; it is read as a full stop.
    let text = text.replace("./.", ".");
    let text = list_marker(&text, d);
    let text = abbrev::documents(&text, opts, &mut noted);
    let text = dates::dates(&text, d);
    let text = numbers::romans(&text, d);
    let text = per_unit(&text);
    let text = abbrev::abbreviations(&text, opts, &mut noted);
    let text = numbers::numbers(&text, d);
    let text = symbols(&text);
    let text = crate::load::nfc(&tidy(&text));
    let leftovers = leftovers(&text, noted);
    Spoken { text, leftovers }
}

/// Syllables in spoken text: whitespace-separated tokens that contain a letter.
pub fn syllables(text: &str) -> usize {
    text.split_whitespace().filter(|t| t.chars().any(char::is_alphabetic)).count()
}

/// Replaces every match for which `f` gives a text; keeps the others as written.
/// `f` also gets the whole text, to look around the match.
pub(crate) fn replace(
    text: &str,
    re: &Regex,
    mut f: impl FnMut(&Captures, &str) -> Option<String>,
) -> String {
    let mut out = String::with_capacity(text.len());
    let mut last = 0;
    for caps in re.captures_iter(text) {
        let Some(m) = caps.get(0) else { continue };
        if let Some(s) = f(&caps, text) {
            out.push_str(&text[last..m.start()]);
            out.push_str(&s);
            last = m.end();
        }
    }
    out.push_str(&text[last..]);
    out
}

/// The character just before byte `pos`.
pub(crate) fn before(text: &str, pos: usize) -> Option<char> {
    text[..pos].chars().next_back()
}

/// The character at byte `pos`.
pub(crate) fn after(text: &str, pos: usize) -> Option<char> {
    text[pos..].chars().next()
}

/// Dashes people type for "-".
pub(crate) fn is_dash(c: char) -> bool {
    crate::document::number::is_dash(c)
}

/// Whether byte `pos` starts a sentence (start of text, or after ". ", "! ", "? ").
pub(crate) fn is_sentence_start(text: &str, pos: usize) -> bool {
    let head = text[..pos].trim_end_matches(|c: char| c.is_whitespace() || "(\"“‘'[".contains(c));
    head.is_empty() || head.ends_with(['.', '!', '?'])
}

/// `s` with its first letter capitalised when it goes at the start of a sentence.
pub(crate) fn capitalise_at(text: &str, pos: usize, s: &str) -> String {
    if !is_sentence_start(text, pos) {
        return s.to_owned();
    }
    let mut chars = s.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// Vietnamese list order of letter markers: a, b, c, d, đ, e, g, h, i, k, …
const LETTERS: &str = "abcdđeghiklmnopqrstuvxy";

/// "(1) …", "1) …", "1. …", "a) …" at the start → "Thứ nhất, …".
fn list_marker(text: &str, d: Dialect) -> String {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| {
        Regex::new(r"^\s*(?:\((?P<a>\d{1,2}|[a-zđ])\)|(?P<b>\d{1,2}|[a-zđ])\)|(?P<c>\d{1,2})\.\s)\s*")
            .expect("the list marker pattern is valid")
    });
    let Some(caps) = re.captures(text) else { return text.to_owned() };
    let (Some(all), Some(mark)) = (caps.get(0), caps.name("a").or(caps.name("b")).or(caps.name("c"))) else {
        return text.to_owned();
    };
    let n = match mark.as_str().parse::<u64>() {
        Ok(n) => n,
        Err(_) => match LETTERS.chars().position(|c| mark.as_str().starts_with(c)) {
            Some(i) => i as u64 + 1,
            None => return text.to_owned(),
        },
    };
    if n == 0 {
        return text.to_owned();
    }
    let rest = &text[all.end()..];
    if rest.is_empty() {
        return text.to_owned();
    }
    format!("{}, {rest}", capitalise_at("", 0, &ordinal(n, d)))
}

/// "2 buổi/ngày", "233 âm tiết/phút" → "… mỗi ngày", "… mỗi phút".
fn per_unit(text: &str) -> String {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| {
        Regex::new(
            r"(?P<q>\d[\d.,]*\s+(?:\p{L}+\s+)?\p{L}+)\s*/\s*(?P<u>ngày|tuần|tháng|năm|quý|giờ|phút|giây|buổi|lần|lượt|người|khóa)\b",
        )
        .expect("the per-unit pattern is valid")
    });
    replace(text, re, |caps, _| Some(format!("{} mỗi {}", &caps["q"], &caps["u"])))
}

/// "&" → "và"; "/" between words → "hoặc"; a dash between words → a pause.
fn symbols(text: &str) -> String {
    static SLASH: OnceLock<Regex> = OnceLock::new();
    let slash =
        SLASH.get_or_init(|| Regex::new(r"(\p{L})\s*/\s*(\p{L})").expect("the slash pattern is valid"));
    let mut text = text.replace('&', " và ");
    loop {
        let next = slash.replace_all(&text, "$1 hoặc $2").into_owned();
        if next == text {
            break;
        }
        text = next;
    }
    dashes(&text)
}

/// A dash between words is a pause (", "); inside a lowercase word ("ki-lô-mét") a space;
/// a leading bullet dash goes; dashes between digits stay (and are reported).
fn dashes(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    for (i, &c) in chars.iter().enumerate() {
        if !is_dash(c) {
            out.push(c);
            continue;
        }
        let left = chars[..i].iter().rposition(|c| !c.is_whitespace());
        let right = chars[i + 1..].iter().position(|c| !c.is_whitespace()).map(|p| p + i + 1);
        let (l, r) = (left.map(|p| chars[p]), right.map(|p| chars[p]));
        let tight = left == i.checked_sub(1) && right == Some(i + 1);
        let wordish = |c: char| c.is_alphanumeric() || "\"”’)]".contains(c);
        match (l, r) {
            (Some(l), Some(r)) if l.is_ascii_digit() && r.is_ascii_digit() => out.push(c),
            (Some(l), Some(r)) if tight && l.is_lowercase() && r.is_lowercase() => out.push(' '),
            // A code such as "NĐ-CP" stays whole (and is reported).
            (Some(l), Some(r)) if tight && l.is_uppercase() && r.is_uppercase() => out.push(c),
            (Some(l), Some(r)) if wordish(l) && (r.is_alphanumeric() || "\"“‘(".contains(r)) => {
                out.push_str(", ")
            }
            _ => out.push(' '),
        }
    }
    out
}

/// Single spaces, no space before punctuation or inside brackets, no doubled pauses.
fn tidy(text: &str) -> String {
    static RULES: OnceLock<[(Regex, &'static str); 5]> = OnceLock::new();
    let rules = RULES.get_or_init(|| {
        let r = |p: &str| Regex::new(p).expect("the tidy patterns are valid");
        [
            (r(r"\s+"), " "),
            (r(r"\s+([,.;:!?)\]”’…])"), "$1"),
            (r(r"([(\[“‘])\s+"), "$1"),
            (r(r",\s*([,.;:!?])"), "$1"),
            (r(r",(\p{L})"), ", $1"),
        ]
    });
    let mut text = text.to_owned();
    for (re, with) in rules {
        text = re.replace_all(&text, *with).into_owned();
    }
    text.trim().trim_start_matches([',', ' ']).to_owned()
}

/// Tokens of the spoken text a reader may stumble over, in order, then the notes the
/// stages made about what they left out of the text.
fn leftovers(text: &str, noted: Vec<String>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut push = |s: String| {
        if !out.contains(&s) {
            out.push(s);
        }
    };
    for token in text.split_whitespace() {
        let t = token.trim_matches(|c: char| !c.is_alphanumeric() && !"/%&".contains(c));
        if t.is_empty() {
            continue;
        }
        if t == "TT" {
            push(abbrev::TT_NOTE.to_owned());
        } else if t.chars().any(|c| c.is_ascii_digit() || c == '/') || is_acronym(t) {
            push(t.to_owned());
        }
    }
    for n in noted {
        push(n);
    }
    out
}

/// An all-caps token of two letters or more that is not a Vietnamese syllable written in
/// capitals ("THCS", "NĐ-CP", "III" — but not "BÍ THƯ", "SƠN LA"), or a mixed-case
/// abbreviation with two capitals or more ("HThủy").
fn is_acronym(t: &str) -> bool {
    let letters = t.chars().filter(|c| c.is_alphabetic()).count();
    let capitals = t.chars().filter(|c| c.is_uppercase()).count();
    if letters < 2 || capitals < 2 {
        return false;
    }
    if capitals < letters {
        return true;
    }
    numbers::roman_value(t).is_some() || !is_syllable(&t.to_lowercase())
}

/// Whether `s` (lowercase) has the shape of a Vietnamese syllable: onset, vowels, coda.
fn is_syllable(s: &str) -> bool {
    use unicode_normalization::UnicodeNormalization;
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| {
        Regex::new(r"^(?:ngh|ng|gh|gi|kh|nh|ph|th|tr|ch|qu|[bcdđghklmnprstvx])?[aăâeêioôơuưy]{1,3}(?:ch|ng|nh|[cmnpt])?$")
            .expect("the syllable pattern is valid")
    });
    // Drop the five tone marks, keep the vowel marks (breve, circumflex, horn).
    let bare: String = s
        .nfd()
        .filter(|c| !matches!(c, '\u{300}' | '\u{301}' | '\u{303}' | '\u{309}' | '\u{323}'))
        .nfc()
        .collect();
    re.is_match(&bare)
}
