//! The word lists in `data/`: tab-separated rows, `#` comments, loaded once.

use std::sync::OnceLock;

/// The rows of a data file, each split at tabs.
pub(crate) fn rows(text: &'static str) -> Vec<Vec<&'static str>> {
    text.lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|l| l.split('\t').map(str::trim).collect())
        .collect()
}

/// (written, reading) pairs of a two-column file, longest written first.
fn pairs(
    cell: &'static OnceLock<Vec<(&'static str, &'static str)>>,
    text: &'static str,
) -> &'static [(&'static str, &'static str)] {
    cell.get_or_init(|| {
        let mut v: Vec<(&str, &str)> =
            rows(text).into_iter().filter_map(|r| Some((*r.first()?, *r.get(1)?))).collect();
        v.sort_by_key(|(w, _)| std::cmp::Reverse(w.chars().count()));
        v
    })
}

pub(crate) fn units() -> &'static [(&'static str, &'static str)] {
    static CELL: OnceLock<Vec<(&str, &str)>> = OnceLock::new();
    pairs(&CELL, include_str!("data/units.tsv"))
}

pub(crate) fn signs() -> &'static [(&'static str, &'static str)] {
    static CELL: OnceLock<Vec<(&str, &str)>> = OnceLock::new();
    pairs(&CELL, include_str!("data/signs.tsv"))
}

/// Latin letters as spelled in codes ("H" → "hát").
pub(crate) fn letters() -> &'static [(&'static str, &'static str)] {
    static CELL: OnceLock<Vec<(&str, &str)>> = OnceLock::new();
    pairs(&CELL, include_str!("data/letters.tsv"))
}

/// Parts and signs of e-mail and web addresses ("vn" → "vê en", "@" → "a còng").
pub(crate) fn web() -> &'static [(&'static str, &'static str)] {
    static CELL: OnceLock<Vec<(&str, &str)>> = OnceLock::new();
    pairs(&CELL, include_str!("data/web.tsv"))
}

/// Vietnamese words of addresses by their spelling without marks or spaces
/// ("sonla" → "sơn la"), and the length of the longest key.
pub(crate) struct WebWords {
    pub words: std::collections::HashMap<String, &'static str>,
    pub longest: usize,
}

/// The words of `data/web_words.tsv`, keyed as addresses write them.
pub(crate) fn web_words() -> &'static WebWords {
    static CELL: OnceLock<WebWords> = OnceLock::new();
    CELL.get_or_init(|| {
        let words: std::collections::HashMap<String, &str> = rows(include_str!("data/web_words.tsv"))
            .into_iter()
            .filter_map(|r| r.first().copied())
            .map(|w| (web_key(w), w))
            .collect();
        let longest = words.keys().map(String::len).max().unwrap_or(0);
        WebWords { words, longest }
    })
}

/// How an address writes `words`: no marks, no spaces, lower case ("Sơn La" → "sonla").
pub(crate) fn web_key(words: &str) -> String {
    crate::search::fold::fold(words).chars().filter(|c| !c.is_whitespace()).collect()
}

/// The first column of a one-column file, longest first.
fn list(cell: &'static OnceLock<Vec<&'static str>>, text: &'static str) -> &'static [&'static str] {
    cell.get_or_init(|| {
        let mut v: Vec<&str> = rows(text).into_iter().filter_map(|r| r.first().copied()).collect();
        v.sort_by_key(|w| std::cmp::Reverse(w.chars().count()));
        v
    })
}

/// Words after which a Roman numeral is read ("khóa", "khu vực"), longest first.
pub(crate) fn roman_heads() -> &'static [&'static str] {
    static CELL: OnceLock<Vec<&str>> = OnceLock::new();
    list(&CELL, include_str!("data/roman_heads.tsv"))
}

/// Named days and commemorations, lower case: a "d/m" after one is a date.
pub(crate) fn named_days() -> &'static [&'static str] {
    static CELL: OnceLock<Vec<&str>> = OnceLock::new();
    list(&CELL, include_str!("data/named_days.tsv"))
}

/// National short numbers ("111", "113"), the cue words that introduce them and the
/// words after one that make it a count.
pub(crate) struct Hotlines {
    pub numbers: Vec<&'static str>,
    pub cues: Vec<&'static str>,
    pub counts: Vec<&'static str>,
}

pub(crate) fn hotlines() -> &'static Hotlines {
    static CELL: OnceLock<Hotlines> = OnceLock::new();
    CELL.get_or_init(|| {
        let rows = rows(include_str!("data/hotlines.tsv"));
        let of = |kind: &str| rows.iter().filter(|r| r.get(1) == Some(&kind)).map(|r| r[0]).collect();
        Hotlines { numbers: of("number"), cues: of("cue"), counts: of("count") }
    })
}

/// Words read "mỗi …" after "/", longest first.
pub(crate) fn per_units() -> &'static [&'static str] {
    static CELL: OnceLock<Vec<&str>> = OnceLock::new();
    CELL.get_or_init(|| {
        let mut v: Vec<&str> =
            rows(include_str!("data/per_units.tsv")).into_iter().filter_map(|r| r.first().copied()).collect();
        v.sort_by_key(|w| std::cmp::Reverse(w.chars().count()));
        v
    })
}

/// One abbreviation row: written form, reading, and the context that selects it.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Abbrev<'a> {
    pub written: &'a str,
    pub reading: &'a str,
    pub context: &'a str,
}

/// The built-in abbreviations, longest written form first (rows keep file order otherwise).
pub(crate) fn abbreviations() -> &'static [Abbrev<'static>] {
    static CELL: OnceLock<Vec<Abbrev<'static>>> = OnceLock::new();
    CELL.get_or_init(|| {
        let mut v: Vec<Abbrev> = rows(include_str!("data/abbreviations.tsv"))
            .into_iter()
            .filter_map(|r| {
                Some(Abbrev {
                    written: r.first()?,
                    reading: r.get(1)?,
                    context: r.get(2).copied().unwrap_or(""),
                })
            })
            .collect();
        v.sort_by_key(|a| std::cmp::Reverse(a.written.chars().count()));
        v
    })
}

/// The built-in abbreviations that start with `first`, in the order of `abbreviations`.
pub(crate) fn abbreviations_from(first: char) -> &'static [Abbrev<'static>] {
    static CELL: OnceLock<std::collections::HashMap<char, Vec<Abbrev<'static>>>> = OnceLock::new();
    let index = CELL.get_or_init(|| {
        let mut m: std::collections::HashMap<char, Vec<Abbrev<'static>>> = std::collections::HashMap::new();
        for a in abbreviations() {
            if let Some(c) = a.written.chars().next() {
                m.entry(c).or_default().push(*a);
            }
        }
        m
    });
    index.get(&first).map_or(&[], Vec::as_slice)
}

#[cfg(test)]
mod unit {
    use super::*;

    #[test]
    fn every_data_row_has_a_reading() {
        for (name, text, cols) in [
            ("abbreviations", include_str!("data/abbreviations.tsv"), 2),
            ("units", include_str!("data/units.tsv"), 2),
            ("signs", include_str!("data/signs.tsv"), 2),
            ("letters", include_str!("data/letters.tsv"), 2),
            ("web", include_str!("data/web.tsv"), 2),
            ("web_words", include_str!("data/web_words.tsv"), 1),
        ] {
            for r in rows(text) {
                assert!(r.len() >= cols && r.iter().take(cols).all(|c| !c.is_empty()), "{name}: {r:?}");
            }
        }
    }

    #[test]
    fn web_words_have_one_reading_per_spelling() {
        let mut seen = std::collections::HashMap::new();
        for r in rows(include_str!("data/web_words.tsv")) {
            let w = r[0];
            assert_eq!(crate::load::nfc(w), w, "web_words: {w} is not NFC");
            assert!(w.chars().all(|c| c == ' ' || c.is_lowercase()), "web_words: {w}");
            let key = web_key(w);
            assert!(key.chars().all(|c| c.is_ascii_lowercase()), "web_words: {w} folds to {key}");
            assert!(
                seen.insert(key.clone(), w).is_none(),
                "web_words: {w} and {} are both {key}",
                seen[&key]
            );
        }
    }
}
