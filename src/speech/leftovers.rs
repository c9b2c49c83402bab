//! Leftovers: what no pass could read and a reader would stumble over — digits, slashes,
//! codes such as "NĐ-CP", unit symbols without a number — each with its byte position.
//! Words in capitals are fine ("XỬ LÝ VI PHẠM", "SƠN LA").

use std::sync::OnceLock;

use regex::Regex;

use super::claims::Claims;
use super::numbers::roman_value;
use super::table;
use super::token::{Kind, Token};

/// One thing a reader may stumble over, and where it starts (byte offset in the text).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Leftover {
    pub what: String,
    pub at: usize,
}

/// Drops repeats of the same leftover, keeping the first.
pub(crate) fn dedup(list: &mut Vec<Leftover>) {
    let mut seen = std::collections::HashSet::new();
    list.retain(|l| seen.insert(l.what.clone()));
}

fn all_caps(w: &str) -> bool {
    w.chars().count() >= 2 && w.chars().all(char::is_uppercase)
}

pub(crate) fn find(text: &str, tokens: &[Token], claims: &Claims) -> Vec<Leftover> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        if tokens[i].kind == Kind::Space || claims.covers(tokens[i].start) {
            i += 1;
            continue;
        }
        let mut j = i;
        while j < tokens.len() && tokens[j].kind != Kind::Space && !claims.covers(tokens[j].start) {
            j += 1;
        }
        let (start, end) = (tokens[i].start, tokens[j - 1].end);
        let chunk = &text[start..end];
        let trimmed = chunk.trim_matches(|c: char| !c.is_alphanumeric() && !"/%&°²".contains(c));
        let lead = chunk.len()
            - chunk.trim_start_matches(|c: char| !c.is_alphanumeric() && !"/%&°²".contains(c)).len();
        let words: Vec<&Token> = tokens[i..j].iter().filter(|t| t.kind == Kind::Word).collect();
        let fine_caps = |t: &Token| {
            // A capitalised syllable next to other capitalised words is a word of a heading.
            all_caps(t.text) && is_syllable(&t.text.to_lowercase()) && neighbour_caps(tokens, i, j)
        };
        // Digits, slashes, e-mail and web addresses have no spoken form here.
        let stumble = trimmed.chars().any(|c| c.is_ascii_digit() || c == '/' || c == '@')
            || trimmed.starts_with("www.")
            || words.iter().any(|t| is_acronym(t.text) && !fine_caps(t))
            || is_unit_symbol(trimmed);
        if stumble && !trimmed.is_empty() {
            out.push(Leftover { what: trimmed.to_owned(), at: start + lead });
        }
        i = j;
    }
    out
}

/// Whether the word before or after the chunk `i..j` is in capitals too.
fn neighbour_caps(tokens: &[Token], i: usize, j: usize) -> bool {
    let prev = tokens[..i].iter().rev().find(|t| t.kind == Kind::Word);
    let next = tokens[j..].iter().find(|t| t.kind == Kind::Word);
    let near = |t: Option<&Token>, gap: &[Token]| t.is_some_and(|t| all_caps(t.text)) && gap.len() < 6;
    near(prev, &tokens[..i]) || near(next, &tokens[j..])
}

/// A unit written as a symbol with no number before it ("km", "m²", "°C").
fn is_unit_symbol(s: &str) -> bool {
    s.chars().count() >= 2 && !is_syllable(&s.to_lowercase()) && table::units().iter().any(|(w, _)| *w == s)
}

/// An all-caps token of two letters or more that is not a Vietnamese syllable written in
/// capitals ("THCS", "NĐ-CP", "III" — but not "BÍ THƯ", "SƠN LA"), or a mixed-case
/// abbreviation with two capitals or more ("HThủy", "Tp").
pub(crate) fn is_acronym(t: &str) -> bool {
    let letters = t.chars().filter(|c| c.is_alphabetic()).count();
    let capitals = t.chars().filter(|c| c.is_uppercase()).count();
    if letters < 2 || capitals < 1 {
        return false;
    }
    if capitals < 2 {
        // "Tp", "Đc": one capital and a consonant cluster that is no syllable.
        let first_upper = t.chars().next().is_some_and(char::is_uppercase);
        return first_upper && letters <= 3 && !is_syllable(&t.to_lowercase());
    }
    if capitals < letters {
        return true;
    }
    roman_value(t).is_some() || !is_syllable(&t.to_lowercase())
}

/// Whether `s` (lowercase) has the shape of a Vietnamese syllable: onset, vowels, coda.
pub(crate) fn is_syllable(s: &str) -> bool {
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
