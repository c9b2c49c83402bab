//! Abbreviations as spoken (facts-vi.md B3; table in `data/abbreviations.tsv`): "UBND" →
//! "Ủy ban nhân dân", "CB/CC/VC" → "cán bộ, công chức, viên chức", "TP." → "thành phố",
//! kind codes before a number ("KL 49" → "Kết luận 49"). The site's own abbreviations
//! come first. An abbreviation with several readings is chosen by its context, or left
//! and reported with its readings.

use super::claims::{Claims, Item};
use super::leftovers::Leftover;
use super::table::{self, Abbrev};
use super::token::{word_after, word_before, Kind, Token};
use super::Options;
use crate::document::kinds::KINDS;

/// Whether the row's context holds around `start..end`.
fn context_holds(context: &str, text: &str, start: usize, end: usize) -> bool {
    let rest = &text[end..];
    match context.split_once('=') {
        None if context == "number" => {
            let r = rest.trim_start_matches([' ', '.']);
            r.starts_with(|c: char| c.is_ascii_digit())
        }
        None => context.is_empty(),
        Some(("after", words)) => {
            word_before(text, start, ",").is_some_and(|w| words.split('|').any(|x| x == w))
        }
        Some(("before", words)) => {
            if words == ":" {
                return rest.trim_start().starts_with(':');
            }
            word_after(text, end).is_some_and(|w| words.split('|').any(|x| x == w))
        }
        _ => false,
    }
}

/// Whether `written` stands as a whole token at `pos`.
fn stands_at(text: &str, pos: usize, written: &str) -> bool {
    let Some(rest) = text[pos..].strip_prefix(written) else { return false };
    let boundary =
        |c: Option<char>| !c.is_some_and(|c| c.is_alphanumeric() || "&/_".contains(c) || super::is_dash(c));
    if !boundary(super::before(text, pos)) {
        return false;
    }
    // "TP." ends with its own dot; "QL6" may touch its number.
    written.ends_with('.')
        || boundary(rest.chars().next())
        || rest.starts_with(|c: char| c.is_ascii_digit()) && written.chars().all(char::is_uppercase)
}

pub(crate) fn classify<'a>(
    text: &str,
    tokens: &[Token],
    claims: &mut Claims,
    opts: &'a Options<'a>,
    notes: &mut Vec<Leftover>,
) {
    let site: Vec<Abbrev<'a>> = opts
        .abbreviations
        .iter()
        .filter(|(a, _)| !a.is_empty())
        .map(|(a, e)| Abbrev { written: a.as_str(), reading: e.as_str(), context: "" })
        .collect();
    let kinds: Vec<Abbrev<'a>> = KINDS
        .iter()
        .filter(|k| k.code != "TT")
        .map(|k| Abbrev { written: k.code, reading: k.name, context: "number" })
        .collect();
    let builtin = table::abbreviations();
    for t in tokens {
        if !matches!(t.kind, Kind::Word | Kind::Symbol) || claims.covers(t.start) {
            continue;
        }
        // Site rows, then the longest built-in rows that stand here.
        let mut candidates: Vec<Abbrev<'a>> =
            site.iter().copied().filter(|a| stands_at(text, t.start, a.written)).collect();
        if candidates.is_empty() {
            let longest = builtin
                .iter()
                .chain(kinds.iter())
                .filter(|a| stands_at(text, t.start, a.written))
                .map(|a| a.written.len())
                .max();
            if let Some(len) = longest {
                candidates = builtin
                    .iter()
                    .chain(kinds.iter())
                    .filter(|a| a.written.len() == len && stands_at(text, t.start, a.written))
                    .copied()
                    .collect();
            }
        }
        let Some(first) = candidates.first() else { continue };
        let end = t.start + first.written.len();
        if !claims.is_free(t.start, end) {
            continue;
        }
        let chosen = candidates
            .iter()
            .find(|a| !a.context.is_empty() && context_holds(a.context, text, t.start, end))
            .or_else(|| candidates.iter().find(|a| a.context.is_empty()));
        match chosen {
            Some(a) => {
                claims.add(t.start, end, Item::words(a.reading));
            }
            None if candidates.len() > 1 => {
                let readings: Vec<&str> = candidates.iter().map(|a| a.reading).collect();
                notes.push(Leftover {
                    what: format!("{} ({}?)", first.written, readings.join(" hay ")),
                    at: t.start,
                });
                // Claim it unread, so it is not reported twice.
                claims.add(t.start, end, Item::Words(first.written.to_owned()));
            }
            None => {}
        }
    }
}
