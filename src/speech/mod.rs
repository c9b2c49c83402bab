//! Read-aloud normaliser: rewrites a paragraph of Vietnamese plain text as it is spoken
//! over the loudspeaker — numbers, dates, document numbers, abbreviations, units and signs
//! written out (facts-vi.md B3, E) — and lists what a reader might still stumble over.
//!
//! A pipeline of small passes over the original text:
//! 1. `token` splits it into words, numbers and symbols with their byte positions;
//! 2. the classifiers claim spans of it in context, in priority order — list markers,
//!    e-mail and web addresses, document numbers, plates and other codes, phone numbers,
//!    dates and times, Roman numerals, ordinals, units, fractions, abbreviations, glued
//!    codes, lone letters, plain numbers, signs — each claim an `Item` that says what the span is; a
//!    later classifier never sees a claimed span, so nothing is read twice;
//! 3. `verbalise` writes every claim out in words and tidies the spacing;
//! 4. `leftovers` reports what no classifier could read, with its position.
//!
//! Word lists live in `data/*.tsv` (abbreviations, units, signs, rate words, letter names,
//! parts of addresses); issuer codes in the one table of `document/data/issuers.tsv`.

mod abbrev;
mod claims;
mod codes;
mod dates;
mod documents;
mod leftovers;
mod letters;
mod markers;
mod measures;
mod numbers;
mod phones;
mod romans;
mod signs;
mod table;
mod token;
mod verbalise;
mod web;

#[cfg(test)]
mod tests;

pub use leftovers::Leftover;
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
    pub leftovers: Vec<Leftover>,
}

/// Rewrites `text` (one paragraph or sentence, plain text — no Markdown) as it is spoken.
/// Leftover positions are byte offsets into the NFC form of `text`.
pub fn speak(text: &str, opts: &Options) -> Spoken {
    let nfc = crate::load::nfc(text);
    let text = nfc.as_str();
    let tokens = token::tokenise(text);
    let mut claims = claims::Claims::default();
    let mut notes = Vec::new();
    markers::classify(text, &mut claims, opts.dialect);
    markers::inline(text, &mut claims, opts.dialect);
    web::classify(text, &mut claims);
    documents::classify(text, &mut claims, opts, &mut notes);
    codes::early(text, &mut claims);
    phones::classify(text, &mut claims);
    dates::classify(text, &mut claims);
    romans::classify(text, &mut claims);
    numbers::ordinals(text, &mut claims);
    measures::classify(text, &mut claims);
    numbers::fractions(text, &mut claims);
    letters::initials(text, &mut claims);
    abbrev::classify(text, &tokens, &mut claims, opts, &mut notes);
    codes::classify(text, &mut claims, opts.dialect);
    letters::classify(text, &mut claims);
    numbers::classify(text, &mut claims);
    signs::classify(text, &mut claims);
    let spoken = verbalise::verbalise(text, &claims, opts.dialect);
    let mut leftovers = leftovers::find(text, &tokens, &claims);
    leftovers.extend(notes);
    // In the order of the text, as the warnings are read.
    leftovers.sort_by_key(|l| l.at);
    leftovers::dedup(&mut leftovers);
    Spoken { text: spoken, leftovers }
}

/// Syllables in spoken text: whitespace-separated tokens that contain a letter.
pub fn syllables(text: &str) -> usize {
    text.split_whitespace().filter(|t| t.chars().any(char::is_alphabetic)).count()
}

/// Dashes people type for "-".
pub(crate) fn is_dash(c: char) -> bool {
    crate::document::number::is_dash(c)
}

/// The character just before byte `pos`.
pub(crate) fn before(text: &str, pos: usize) -> Option<char> {
    text[..pos].chars().next_back()
}

/// The character at byte `pos`.
pub(crate) fn after(text: &str, pos: usize) -> Option<char> {
    text[pos..].chars().next()
}
