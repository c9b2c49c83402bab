//! Finds mentions of document numbers in running text: "Chỉ thị số 11 - CT/TW",
//! "Quyết định 1373/QĐ-TTg", a bare "55-CV/CB" — but not dates, ranges, fractions,
//! phone numbers or "quý III/2023".

use std::sync::OnceLock;

use regex::Regex;

use super::number::{self, DocNumber};

/// One mention found in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention {
    /// Byte range of the whole mention, kind word included ("Chỉ thị số 11-CT/TW").
    pub start: usize,
    pub end: usize,
    /// Byte offset where the number itself starts.
    pub number_start: usize,
    pub number: DocNumber,
}

fn pattern() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        let words: Vec<String> = super::kinds::words()
            .map(|w| {
                // Either case for the first letter: "Chỉ thị" and "chỉ thị".
                let mut chars = w.chars();
                let first = chars.next().unwrap_or(' ');
                let rest: String = chars.collect();
                format!("[{}{}]{}", first.to_lowercase(), first.to_uppercase(), regex::escape(&rest).replace(' ', r"\s+"))
            })
            .collect();
        let dash = r"[-\u{2010}-\u{2014}\u{2212}]";
        let code = r"\p{Lu}[\p{L}&]{0,11}";
        let re = format!(
            r"(?:(?:{words})\s+)?(?:[Ss]ố\s*:?\s*)?(?P<n>\d{{1,6}}(?:\s*{dash}\s*\p{{Lu}}\p{{L}}{{0,3}}\s*/\s*{code}(?:{dash}{code})*|(?:/(?:19|20)\d\d)?\s*/\s*\p{{Lu}}\p{{L}}{{0,5}}(?:\s*{dash}\s*{code})+))",
            words = words.join("|"),
        );
        Regex::new(&re).expect("the mention pattern is valid")
    })
}

/// Every mention of a document number in `text`.
pub fn find(text: &str) -> Vec<Mention> {
    let mut out = Vec::new();
    for caps in pattern().captures_iter(text) {
        let (Some(whole), Some(n)) = (caps.get(0), caps.get(1)) else { continue };
        // The number must stand alone: not part of a word, URL, path or longer number.
        let before = text[..n.start()].chars().next_back();
        if before.is_some_and(|c| c.is_alphanumeric() || "/._-=#%&@\\".contains(c) || number::is_dash(c)) {
            continue;
        }
        let after = text[n.end()..].chars().next();
        if after.is_some_and(|c| c.is_alphanumeric() || c == '/' || c == '_') {
            continue;
        }
        let Some(number) = number::parse(n.as_str()) else { continue };
        // A kind word or "số" only belongs to the mention when it sits right before the number.
        let start = if text[whole.start()..n.start()].trim().is_empty() { n.start() } else { whole.start() };
        out.push(Mention { start, end: n.end(), number_start: n.start(), number });
    }
    out
}
