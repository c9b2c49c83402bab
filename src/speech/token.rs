//! Tokenise: split a text into words, numbers, spaces and single symbols, each with its
//! byte span, so later passes can look at neighbours and report positions.

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// Letters (and marks): "Quyết", "UBND", "m²" is a word followed by a symbol.
    Word,
    /// ASCII digits only: "2023" (separators are symbols).
    Number,
    Space,
    /// Any other single character.
    Symbol,
}

/// One token and where it is in the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Token<'a> {
    pub kind: Kind,
    pub text: &'a str,
    pub start: usize,
    pub end: usize,
}

fn kind_of(c: char) -> Kind {
    if c.is_ascii_digit() {
        Kind::Number
    } else if c.is_alphabetic() || is_mark(c) {
        Kind::Word
    } else if c.is_whitespace() {
        Kind::Space
    } else {
        Kind::Symbol
    }
}

/// Combining marks left by decomposed input belong to their letter.
fn is_mark(c: char) -> bool {
    matches!(c, '\u{300}'..='\u{36f}')
}

/// The tokens of `text`, in order, covering it exactly.
pub(crate) fn tokenise(text: &str) -> Vec<Token<'_>> {
    let mut out: Vec<Token> = Vec::new();
    for (i, c) in text.char_indices() {
        let kind = kind_of(c);
        let end = i + c.len_utf8();
        match out.last_mut() {
            Some(last) if last.kind == kind && kind != Kind::Symbol => {
                last.end = end;
                last.text = &text[last.start..end];
            }
            _ => out.push(Token { kind, text: &text[i..end], start: i, end }),
        }
    }
    out
}

/// The word just before byte `pos` (skipping spaces and the symbols in `skip`), lower case.
pub(crate) fn word_before(text: &str, pos: usize, skip: &str) -> Option<String> {
    let head = text[..pos].trim_end_matches(|c: char| c.is_whitespace() || skip.contains(c));
    let start = head
        .rfind(|c: char| !(c.is_alphabetic() || is_mark(c)))
        .map_or(0, |i| i + head[i..].chars().next().map_or(1, char::len_utf8));
    let w = &head[start..];
    (!w.is_empty()).then(|| w.to_lowercase())
}

/// The word just after byte `pos` (skipping spaces), lower case.
pub(crate) fn word_after(text: &str, pos: usize) -> Option<String> {
    let tail = text[pos..].trim_start();
    let end = tail.find(|c: char| !(c.is_alphabetic() || is_mark(c))).unwrap_or(tail.len());
    let w = &tail[..end];
    (!w.is_empty()).then(|| w.to_lowercase())
}

#[cfg(test)]
mod unit {
    use super::*;

    #[test]
    fn tokens_cover_the_text_with_positions() {
        let t = tokenise("Quý IV/2023: 1.149 ha");
        let parts: Vec<(Kind, &str, usize)> = t.iter().map(|t| (t.kind, t.text, t.start)).collect();
        assert_eq!(
            parts,
            [
                (Kind::Word, "Quý", 0),
                (Kind::Space, " ", 4),
                (Kind::Word, "IV", 5),
                (Kind::Symbol, "/", 7),
                (Kind::Number, "2023", 8),
                (Kind::Symbol, ":", 12),
                (Kind::Space, " ", 13),
                (Kind::Number, "1", 14),
                (Kind::Symbol, ".", 15),
                (Kind::Number, "149", 16),
                (Kind::Space, " ", 19),
                (Kind::Word, "ha", 20),
            ]
        );
        assert_eq!(word_before("ngày  (15", 7, "("), Some("ngày".to_owned()));
        assert_eq!(word_after("12 Số hộ", 2), Some("số".to_owned()));
    }
}
