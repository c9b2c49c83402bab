//! A capital letter standing alone as a word is read by its Vietnamese name: the initial
//! of a name ("Lường Văn T.", "ông Nguyễn Văn B") → "tê", "bê"; a letter naming a kind
//! or a part ("viêm gan B", "vitamin C", "nhóm máu O", "khu A, B") → "bê", "xê".
//! Letters glued to digits or other letters are codes (`codes`); Roman numerals after
//! their cue words are claimed before (`romans`).

use super::claims::{Claims, Item};
use super::leftovers::is_syllable;
use super::table;

/// Characters that may stand right before a lone letter.
const OPEN: &str = "(\"“‘";

/// Characters that may follow a lone letter (besides a space, "." and the end).
const CLOSE: &str = ",;:)!?\"”’";

/// The letter at `pos..pos + len` if it stands alone as a word, and its name.
fn lone(text: &str, pos: usize) -> Option<(char, &'static str)> {
    let c = text[pos..].chars().next()?;
    let name = table::letters().iter().find(|(w, _)| w.chars().eq([c]))?.1;
    let ok_before = super::before(text, pos).is_none_or(|b| b.is_whitespace() || OPEN.contains(b));
    let ok_after = super::after(text, pos + c.len_utf8())
        .is_none_or(|a| a.is_whitespace() || CLOSE.contains(a) || a == '.');
    (ok_before && ok_after).then_some((c, name))
}

/// Whether the word before `pos` is a capitalised syllable of a name ("Văn", "Thị").
fn after_name(text: &str, pos: usize) -> bool {
    let head = &text[..pos];
    if !head.ends_with(' ') {
        return false;
    }
    let word = head.trim_end().rsplit(char::is_whitespace).next().unwrap_or("");
    let mut chars = word.chars();
    chars.next().is_some_and(char::is_uppercase)
        && chars.all(char::is_lowercase)
        && is_syllable(&word.to_lowercase())
}

/// "Trạm Y tế", "ngành Y, Dược": a lone "Y" is the Vietnamese word (medicine), not the letter.
fn vietnamese_word(c: char) -> bool {
    c == 'Y'
}

/// Whether the "." after a letter only marks an initial: a pause, a lower-case word or a
/// bracket follows (at the end of a sentence it is the sentence's own).
fn dot_ends_clause(text: &str, end: usize) -> bool {
    let rest = &text[end..];
    let next = rest.trim_start();
    rest.starts_with(|c: char| CLOSE.contains(c))
        || next.starts_with(char::is_lowercase)
        || next.starts_with(['(', '-', '–'])
}

/// Initials of names, before the abbreviation table reads "T." as "tỉnh": "Lường Văn T.,"
/// → "Lường Văn tê,"; "Nguyễn Thị H. sinh năm" → "… hát sinh năm".
pub(crate) fn initials(text: &str, claims: &mut Claims) {
    let mut found = Vec::new();
    for (pos, _) in text.char_indices() {
        let Some((c, name)) = lone(text, pos) else { continue };
        let end = pos + c.len_utf8();
        if !after_name(text, pos) || !claims.is_free(pos, end) || vietnamese_word(c) {
            continue;
        }
        // "T.," or "T. sinh": the dot only marks the initial; a sentence's own dot stays.
        let with_dot = text[end..].starts_with('.') && dot_ends_clause(text, end + 1);
        // "Văn A": the name sounds as written, so it stays a capital.
        let name = if name.chars().eq(c.to_lowercase()) { c.to_string() } else { name.to_owned() };
        found.push((pos, if with_dot { end + 1 } else { end }, name));
    }
    for (s, e, name) in found {
        claims.add(s, e, Item::Words(name));
    }
}

/// Any other lone capital letter: "viêm gan B", "Vitamin C", "lớp A, B".
pub(crate) fn classify(text: &str, claims: &mut Claims) {
    let mut found = Vec::new();
    for (pos, _) in text.char_indices() {
        let Some((c, name)) = lone(text, pos) else { continue };
        let end = pos + c.len_utf8();
        // The same sound as written: nothing to say differently.
        if name.chars().eq(c.to_lowercase()) || !claims.is_free(pos, end) {
            continue;
        }
        if vietnamese_word(c) {
            continue;
        }
        // "B.C" glued is a code, left to the warnings.
        if text[end..].strip_prefix('.').is_some_and(|r| r.starts_with(char::is_alphanumeric)) {
            continue;
        }
        found.push((pos, end, name));
    }
    for (s, e, name) in found {
        claims.add(s, e, Item::words(name));
    }
}
