//! Claims: spans of the original text that a classifier has recognised, with what they
//! are. Spans never overlap; the first classifier to claim a span wins.

use std::sync::OnceLock;

use regex::{Captures, Regex};

/// What a claimed span is, to be written out by `verbalise`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Item {
    /// Words read as they stand (an abbreviation's reading, a sign, a unit).
    Words(String),
    /// A number as written: "1.149", "37,87", "05".
    Number(String),
    /// An integer value.
    Integer(u64),
    /// Read digit by digit, groups separated by a pause: phone numbers, codes.
    Digits(Vec<String>),
    /// "thứ nhất", "thứ tư", "thứ mười một"; `capital` keeps "Thứ" as written.
    Ordinal { n: u64, capital: bool },
    /// A month number: 4 is "tư".
    Month(u64),
    /// A document number: "Quyết định số … năm … của …".
    Document { kind: Option<String>, num: u64, year: Option<u64>, issuer: Option<String> },
    /// Items read one after another.
    Seq(Vec<Item>),
}

impl Item {
    pub(crate) fn words(s: &str) -> Item {
        Item::Words(s.to_owned())
    }
}

/// One recognised span.
#[derive(Debug, Clone)]
pub(crate) struct Claim {
    pub start: usize,
    pub end: usize,
    pub item: Item,
}

/// The claims made so far, kept sorted by start.
#[derive(Debug, Default)]
pub(crate) struct Claims {
    list: Vec<Claim>,
}

impl Claims {
    /// Whether no claim overlaps `start..end`.
    pub fn is_free(&self, start: usize, end: usize) -> bool {
        !self.list.iter().any(|c| c.start < end && start < c.end)
    }

    /// Claims `start..end` if it is free; says whether it did.
    pub fn add(&mut self, start: usize, end: usize, item: Item) -> bool {
        if start >= end || !self.is_free(start, end) {
            return false;
        }
        let at = self.list.partition_point(|c| c.start < start);
        self.list.insert(at, Claim { start, end, item });
        true
    }

    pub fn iter(&self) -> impl Iterator<Item = &Claim> {
        self.list.iter()
    }

    /// The claim ending at `pos` (ignoring spaces between), if any.
    pub fn ending_at(&self, text: &str, pos: usize) -> Option<&Claim> {
        let pos = text[..pos].trim_end().len();
        self.list.iter().find(|c| c.end == pos)
    }

    /// The claim starting at `pos` (ignoring spaces between), if any.
    pub fn starting_at(&self, text: &str, pos: usize) -> Option<&Claim> {
        let pos = pos + (text[pos..].len() - text[pos..].trim_start().len());
        self.list.iter().find(|c| c.start == pos)
    }

    /// Whether byte `pos` is inside a claim.
    pub fn covers(&self, pos: usize) -> bool {
        self.list.iter().any(|c| c.start <= pos && pos < c.end)
    }
}

/// Compiles a classifier's pattern once.
pub(crate) fn re(cell: &'static OnceLock<Regex>, pattern: &str) -> &'static Regex {
    cell.get_or_init(|| Regex::new(pattern).expect("the speech patterns are valid"))
}

/// Runs `re` over the free parts of `text`; `f` decides each match (it may claim a
/// narrower span or decline). A declined match is retried one character later, so a
/// shorter match inside it is not lost.
pub(crate) fn scan(
    text: &str,
    claims: &mut Claims,
    re: &Regex,
    mut f: impl FnMut(&Captures, &str, &Claims) -> Option<(usize, usize, Item)>,
) {
    let mut pos = 0;
    while pos <= text.len() {
        let Some(caps) = re.captures_at(text, pos) else { break };
        let Some(m) = caps.get(0) else { break };
        let decided = if claims.is_free(m.start(), m.end()) { f(&caps, text, claims) } else { None };
        let step = text[m.start()..].chars().next().map_or(1, char::len_utf8);
        pos = match decided {
            Some((s, e, item)) => {
                if claims.add(s, e, item) {
                    e.max(m.start() + step)
                } else {
                    m.start() + step
                }
            }
            None => m.start() + step,
        };
        while pos < text.len() && !text.is_char_boundary(pos) {
            pos += 1;
        }
    }
}

/// The number must not continue a longer number, code or word on its left.
pub(crate) fn free_before(text: &str, pos: usize) -> bool {
    !super::before(text, pos).is_some_and(|c| c.is_alphanumeric() || "/.,_".contains(c) || super::is_dash(c))
}

/// ... nor on its right ("2007" in "2007/QĐ" or "2007.5").
pub(crate) fn free_after(text: &str, pos: usize) -> bool {
    let mut rest = text[pos..].chars();
    match rest.next() {
        Some(c) if c.is_alphanumeric() || c == '/' || c == '_' || super::is_dash(c) => false,
        Some('.' | ',') => !rest.next().is_some_and(|c| c.is_ascii_digit()),
        _ => true,
    }
}
