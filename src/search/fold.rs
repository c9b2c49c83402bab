//! Vietnamese folding and tokenising for search.
//!
//! A text is cut into words (runs of letters, digits and combining marks), and each
//! word gets two forms:
//! - `folded`, for matching: lowercase, no diacritics, `đ` → `d` ("Khuyến" → `khuyen`);
//! - `exact`, for ranking: lowercase with its diacritics, the tone mark moved to the end
//!   as a Telex letter, so both tone-mark styles agree ("hoà" and "hòa" → `hoaf`).
//!
//! `themes/hoa-ban/static/js/search.js` folds queries the same way; keep the two in step.

use unicode_normalization::char::{decompose_canonical, is_combining_mark};
use unicode_normalization::UnicodeNormalization;

/// Longest word indexed, in characters; longer runs are codes or garbage.
pub const MAX_WORD: usize = 40;

/// The five tone marks and the Telex letters that stand for them in exact forms.
const TONES: [(char, char); 5] =
    [('\u{300}', 'f'), ('\u{301}', 's'), ('\u{309}', 'r'), ('\u{303}', 'x'), ('\u{323}', 'j')];

/// Combining diacritical marks (U+0300–U+036F).
pub fn is_mark(c: char) -> bool {
    ('\u{300}'..='\u{36f}').contains(&c)
}

fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    // Vietnamese letters skip the general Unicode table (a third of indexing time).
    let latin = ('\u{C0}'..='\u{24F}').contains(&c) && c != '×' && c != '÷';
    // Any combining mark belongs to its word: the vowel signs of Tai Viet script (Thái
    // written in its own letters) are marks, and a word must not break at them.
    latin || ('\u{1EA0}'..='\u{1EF9}').contains(&c) || c.is_alphanumeric() || is_combining_mark(c)
}

/// Calls `f` with each lowercase, canonically decomposed character of `word`.
fn decomposed(word: &str, mut f: impl FnMut(char)) {
    for c in word.chars() {
        if c.is_ascii() {
            f(c.to_ascii_lowercase());
        } else {
            for l in c.to_lowercase() {
                decompose_canonical(l, &mut f);
            }
        }
    }
}

/// The matching form of a word: lowercase ASCII letters for Vietnamese, no diacritics,
/// `đ` → `d`. "Đoàn" → `doan`.
pub fn fold(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    decomposed(word, |c| match c {
        // `ð` is the lowercase of `Ð` (U+00D0), which OCR puts for `Đ`.
        'đ' | 'ð' => out.push('d'),
        c if is_mark(c) => {}
        c => out.push(c),
    });
    out
}

/// The exact form of a word: lowercase with its diacritics, the tone mark written last
/// as a Telex letter. "hoà", "hòa" and "HOÀ" → `hoaf`; "khuyến" → `khuyêns`.
pub fn exact(word: &str) -> String {
    let mut base = String::with_capacity(word.len());
    let mut tone = None;
    decomposed(word, |c| match TONES.iter().find(|(m, _)| *m == c) {
        Some(&(_, letter)) => tone = Some(letter),
        None => base.push(c),
    });
    let mut out: String = base.nfc().collect();
    out.extend(tone);
    out
}

/// The key of a document number for matching however it is typed: folded, letters
/// and digits only. "11-CT/TW", "11/ct-tw", "11 ct tw" → `11cttw`.
pub fn number_key(number: &str) -> String {
    fold(number).chars().filter(char::is_ascii_alphanumeric).collect()
}

/// One word of a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word<'a> {
    /// The text the word is in: `raw` slices it only when asked (slicing a `str` checks
    /// both ends, and most words are only looked up by their bytes).
    text: &'a str,
    /// Byte offset in the text.
    pub start: usize,
    /// Byte offset of its end.
    pub end: usize,
    /// Only white space separates it from the word before (so the two form a phrase).
    pub joined: bool,
    /// `word_hash(raw)`, taken while the word was read.
    pub hash: u32,
}

impl<'a> Word<'a> {
    /// The word as written.
    pub fn raw(&self) -> &'a str {
        &self.text[self.start..self.end]
    }

    /// The bytes of `raw`.
    pub fn bytes(&self) -> &'a [u8] {
        &self.text.as_bytes()[self.start..self.end]
    }
}

/// Steps of the hash `each_word` takes of each word, one per character.
const HASH_SEED: u64 = 0xcbf2_9ce4_8422_2325;
const HASH_STEP: u64 = 0x0000_0100_0000_01b3;

fn hash_step(h: u64, c: u32) -> u64 {
    (h ^ u64::from(c)).wrapping_mul(HASH_STEP)
}

fn hash_end(h: u64) -> u32 {
    // The steps mix upwards only: the top half of one more product mixes them all.
    (h.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> 32) as u32
}

/// The hash of a word that `Word::hash` holds, the same in every run.
pub fn word_hash(word: &str) -> u32 {
    hash_end(word.chars().fold(HASH_SEED, |h, c| hash_step(h, u32::from(c))))
}

/// The words of `text`, in order. Words longer than `MAX_WORD` characters are left out.
pub fn words(text: &str) -> Vec<Word<'_>> {
    let mut out = Vec::new();
    each_word(text, |w| out.push(w));
    out
}

/// Calls `f` with each word of `text`, in order, as `words` lists them.
///
/// Bytes, not chars: ASCII bytes are classified by a table, and other characters are
/// decoded by hand (a search index reads every byte of the site; `chars()` was most of it).
pub fn each_word<'a>(text: &'a str, mut f: impl FnMut(Word<'a>)) {
    let bytes = text.as_bytes();
    let n = bytes.len();
    let mut i = 0;
    // Only white space since the previous word (false before the first).
    let mut gap_is_space = false;
    loop {
        // Between words.
        while i < n {
            let b = bytes[i];
            if b < 0x80 {
                match ASCII_CLASS[usize::from(b)] {
                    WORD => break,
                    SPACE => {}
                    _ => gap_is_space = false,
                }
                i += 1;
            } else {
                let (c, width) = decode(bytes, i);
                if is_word_char(c) {
                    break;
                }
                gap_is_space &= c.is_whitespace();
                i += width;
            }
        }
        if i >= n {
            return;
        }
        // A word: its length in chars decides whether it is kept.
        let (start, joined) = (i, gap_is_space);
        // Bytes after the first of each character: the length in chars is the rest.
        let mut extra = 0;
        let mut h = HASH_SEED;
        while i < n {
            let b = bytes[i];
            if b < 0x80 {
                if ASCII_CLASS[usize::from(b)] != WORD {
                    break;
                }
                h = hash_step(h, u32::from(b));
                i += 1;
            } else if let Some(c) = vietnamese_at(bytes, i) {
                h = hash_step(h, c);
                i += 3;
                extra += 2;
            } else {
                let (c, width) = decode(bytes, i);
                if !is_word_char(c) {
                    break;
                }
                h = hash_step(h, u32::from(c));
                i += width;
                extra += width - 1;
            }
        }
        if i - start - extra <= MAX_WORD {
            f(Word { text, start, end: i, joined, hash: hash_end(h) });
        }
        gap_is_space = true;
    }
}

/// The code of the letter at byte `i` when it is one of U+1EA0–U+1EF9 (`E1 BA A0` to
/// `E1 BB B9`), the Vietnamese letters with two marks, most of a Vietnamese text's
/// non-ASCII letters: told by their bytes, without decoding.
#[inline]
fn vietnamese_at(bytes: &[u8], i: usize) -> Option<u32> {
    match bytes.get(i..i + 3)? {
        &[0xe1, b1 @ (0xba | 0xbb), b2] if (b1 == 0xba && b2 >= 0xa0) || (b1 == 0xbb && b2 <= 0xb9) => {
            Some(0x1000 | u32::from(b1 & 0x3f) << 6 | u32::from(b2 & 0x3f))
        }
        _ => None,
    }
}

/// Classes of ASCII bytes for `each_word`.
const OTHER: u8 = 0;
const WORD: u8 = 1;
const SPACE: u8 = 2;
const ASCII_CLASS: [u8; 128] = {
    let mut t = [OTHER; 128];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        if c.is_ascii_alphanumeric() {
            t[b] = WORD;
        } else if c == b' ' || (c >= b'\t' && c <= b'\r') {
            t[b] = SPACE;
        }
        b += 1;
    }
    t
};

/// The non-ASCII character that starts at byte `i` of valid UTF-8 `bytes`, and its width.
#[inline]
pub(crate) fn decode(bytes: &[u8], i: usize) -> (char, usize) {
    let b = u32::from(bytes[i]);
    let cont = |k: usize| bytes.get(i + k).map_or(0, |&c| u32::from(c) & 0x3f);
    let (code, width) = if b < 0xe0 {
        ((b & 0x1f) << 6 | cont(1), 2)
    } else if b < 0xf0 {
        ((b & 0x0f) << 12 | cont(1) << 6 | cont(2), 3)
    } else {
        ((b & 0x07) << 18 | cont(1) << 12 | cont(2) << 6 | cont(3), 4)
    };
    (char::from_u32(code).unwrap_or(char::REPLACEMENT_CHARACTER), width)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn folded(text: &str) -> Vec<String> {
        words(text).iter().map(|w| fold(w.raw())).collect()
    }

    /// `each_word` as it was written first, char by char.
    fn words_by_char(text: &str) -> Vec<Word<'_>> {
        let mut out = Vec::new();
        let mut current: Option<(usize, usize, bool)> = None;
        let mut gap_is_space = false;
        for (i, c) in text.char_indices() {
            if is_word_char(c) {
                match &mut current {
                    Some((_, len, _)) => *len += 1,
                    None => current = Some((i, 1, gap_is_space)),
                }
            } else {
                if let Some((start, len, joined)) = current.take() {
                    if len <= MAX_WORD {
                        let hash = word_hash(&text[start..i]);
                        out.push(Word { text, start, end: i, joined, hash });
                    }
                    gap_is_space = true;
                }
                gap_is_space &= c.is_whitespace();
            }
        }
        if let Some((start, len, joined)) = current {
            if len <= MAX_WORD {
                let hash = word_hash(&text[start..]);
                out.push(Word { text, start, end: text.len(), joined, hash });
            }
        }
        out
    }

    #[test]
    fn byte_scan_finds_the_words_a_char_scan_finds() {
        let long = "a".repeat(MAX_WORD);
        let texts = [
            "Ngày 13/4/2007, tỉnh Sơn La: 3,7 triệu.",
            "khuyến\u{a0}học\u{2003}tài\u{b}x\u{c}y\r\nz\u{85}w",
            "  đầu—cuối  ",
            "Khuye\u{302}\u{301}n ho\u{323}c",
            "\u{AA8F}\u{AAB2}\u{AA95} \u{AA80}\u{AAB0}\u{AA99}",
            "x × y ÷ z",
            &format!("{long} {long}b ừ"),
            "",
        ];
        for text in texts {
            assert_eq!(words(text), words_by_char(text), "{text:?}");
        }
    }

    #[test]
    fn vietnamese_letters_are_told_by_their_bytes() {
        for c in '\u{1E00}'..='\u{1FFF}' {
            let s = c.to_string();
            let fast = vietnamese_at(s.as_bytes(), 0);
            let expected = ('\u{1EA0}'..='\u{1EF9}').contains(&c).then_some(u32::from(c));
            assert_eq!(fast, expected, "U+{:04X}", u32::from(c));
        }
        assert_eq!(vietnamese_at(b"\xe1\xba", 0), None);
    }

    #[test]
    fn fast_letter_ranges_agree_with_unicode() {
        for c in ('\u{0}'..='\u{2000}').chain('\u{1E00}'..='\u{1EFF}') {
            assert_eq!(
                is_word_char(c),
                c.is_alphanumeric() || is_combining_mark(c),
                "{c:?} U+{:04X}",
                c as u32
            );
        }
    }

    #[test]
    fn folding_drops_case_and_diacritics() {
        assert_eq!(fold("Khuyến"), "khuyen");
        assert_eq!(fold("HỌC"), "hoc");
        assert_eq!(fold("Nghiện"), "nghien");
        assert_eq!(fold("thuỷ"), fold("thủy"));
        assert_eq!(fold("ươ"), "uo");
    }

    #[test]
    fn d_with_stroke_folds_to_d() {
        assert_eq!(fold("đoàn"), "doan");
        assert_eq!(fold("ĐẢNG"), "dang");
        assert_eq!(fold("QĐ"), "qd");
        assert_eq!(exact("Đoàn"), "đoanf");
    }

    #[test]
    fn nfd_input_folds_like_nfc() {
        let nfd: String = "Khuyến học Đoàn".nfd().collect();
        assert_ne!(nfd, "Khuyến học Đoàn");
        assert_eq!(folded(&nfd), ["khuyen", "hoc", "doan"]);
        let exact_nfd: Vec<String> = words(&nfd).iter().map(|w| exact(w.raw())).collect();
        assert_eq!(exact_nfd, ["khuyêns", "hocj", "đoanf"]);
    }

    #[test]
    fn both_tone_mark_styles_have_one_exact_form() {
        // Old style puts the mark on the last vowel ("hoà"), new style on the first ("hòa").
        assert_eq!(exact("hoà"), exact("hòa"));
        assert_eq!(exact("hoà"), "hoaf");
        assert_eq!(exact("HOÁ"), exact("hóa"));
        assert_eq!(exact("thuỷ"), exact("thủy"));
        assert_eq!(exact("khoẻ"), exact("khỏe"));
        // Different tones or vowels stay different.
        assert_ne!(exact("hòa"), exact("hóa"));
        assert_ne!(exact("khuyến"), exact("khuyên"));
        assert_eq!(exact("hoa"), "hoa");
    }

    #[test]
    fn words_split_on_punctuation_and_keep_numbers() {
        assert_eq!(
            folded("Ngày 13/4/2007, tỉnh Sơn La: 3,7 triệu."),
            ["ngay", "13", "4", "2007", "tinh", "son", "la", "3", "7", "trieu"]
        );
        assert_eq!(folded("Quyết định số 1373/QĐ-TTg"), ["quyet", "dinh", "so", "1373", "qd", "ttg"]);
        assert!(folded(&"a".repeat(MAX_WORD + 1)).is_empty());
    }

    #[test]
    fn words_know_which_ones_form_phrases() {
        let joined: Vec<bool> = words("khuyến học, khuyến  tài").iter().map(|w| w.joined).collect();
        assert_eq!(joined, [false, true, false, true]);
    }

    // Thái written in Latin or Vietnamese letters folds like Vietnamese; in Tai Viet
    // script its words stay whole (vowel signs are combining marks) and keep their signs.
    #[test]
    fn thai_text_folds_without_breaking_words() {
        assert_eq!(folded("Bản Mường Sơn La"), ["ban", "muong", "son", "la"]);
        let tai_viet = "\u{AA8F}\u{AAB2}\u{AA95} \u{AA80}\u{AAB0}\u{AA99}";
        let words: Vec<&str> = words(tai_viet).iter().map(|w| w.raw()).collect();
        assert_eq!(words, ["\u{AA8F}\u{AAB2}\u{AA95}", "\u{AA80}\u{AAB0}\u{AA99}"]);
        assert_eq!(fold("\u{AA8F}\u{AAB2}\u{AA95}"), "\u{AA8F}\u{AAB2}\u{AA95}");
        // A Latin word with a mark outside the Vietnamese five (breve below) folds too.
        assert_eq!(fold("pa\u{32E}"), "pa");
    }

    #[test]
    fn document_numbers_have_one_key_however_typed() {
        for typed in ["11-CT/TW", "11/ct-tw", "11 ct tw", "11 – CT/TW"] {
            assert_eq!(number_key(typed), "11cttw", "{typed}");
        }
        assert_eq!(number_key("1373/QĐ-TTg"), "1373qdttg");
        assert_eq!(number_key("30/2020/NĐ-CP"), "302020ndcp");
        // The OCR look-alike `Ð` (U+00D0) folds like `Đ`.
        assert_eq!(number_key("1373/Q\u{d0}-TTg"), "1373qdttg");
    }
}
