//! VNI (the `VNI-Times` fonts): a base letter followed by a mark byte, to Unicode.
//!
//! "Ñaûng Coäng Saûn Vieät Nam" is "Đảng Cộng Sản Việt Nam": `a` + `û` (hook) → `ả`.
//! The mark's case follows the letter it sits on.

/// Letters VNI writes as one byte (not ASCII).
pub const LETTERS: &[(u8, char)] = &[
    (0xF1, 'đ'),
    (0xD1, 'Đ'),
    (0xF4, 'ơ'),
    (0xD4, 'Ơ'),
    (0xF6, 'ư'),
    (0xD6, 'Ư'),
    (0xED, 'í'),
    (0xCD, 'Í'),
    (0xEC, 'ì'),
    (0xCC, 'Ì'),
    (0xE6, 'ỉ'),
    (0xC6, 'Ỉ'),
    (0xF3, 'ĩ'),
    (0xD3, 'Ĩ'),
    (0xF2, 'ị'),
    (0xD2, 'Ị'),
    (0xEE, 'ỵ'),
    (0xCE, 'Ỵ'),
];

/// A mark byte (small and capital form) and the combining marks it adds.
pub struct Mark {
    pub small: u8,
    pub capital: u8,
    /// The vowel shape it adds (`^` or breve), if any.
    pub shape: Option<char>,
    /// The tone it adds, if any.
    pub tone: Option<char>,
}

const fn m(small: u8, capital: u8, shape: Option<char>, tone: Option<char>) -> Mark {
    Mark { small, capital, shape, tone }
}

const CIRC: Option<char> = Some('\u{302}');
const BREVE: Option<char> = Some('\u{306}');
const ACUTE: Option<char> = Some('\u{301}');
const GRAVE: Option<char> = Some('\u{300}');
const HOOK: Option<char> = Some('\u{309}');
const TILDE: Option<char> = Some('\u{303}');
const DOT: Option<char> = Some('\u{323}');

/// Every mark byte. Tones go on any vowel; `^` on a, e, o; the breve on a only.
pub const MARKS: &[Mark] = &[
    m(0xF9, 0xD9, None, ACUTE),
    m(0xF8, 0xD8, None, GRAVE),
    m(0xFB, 0xDB, None, HOOK),
    m(0xF5, 0xD5, None, TILDE),
    m(0xEF, 0xCF, None, DOT),
    m(0xE2, 0xC2, CIRC, None),
    m(0xE1, 0xC1, CIRC, ACUTE),
    m(0xE0, 0xC0, CIRC, GRAVE),
    m(0xE5, 0xC5, CIRC, HOOK),
    m(0xE3, 0xC3, CIRC, TILDE),
    m(0xE4, 0xC4, CIRC, DOT),
    m(0xEA, 0xCA, BREVE, None),
    m(0xE9, 0xC9, BREVE, ACUTE),
    m(0xE8, 0xC8, BREVE, GRAVE),
    m(0xFA, 0xDA, BREVE, HOOK),
    m(0xFC, 0xDC, BREVE, TILDE),
    m(0xEB, 0xCB, BREVE, DOT),
];

fn mark(b: u8) -> Option<&'static Mark> {
    MARKS.iter().find(|m| m.small == b || m.capital == b)
}

fn letter(b: u8) -> Option<char> {
    LETTERS.iter().find(|(code, _)| *code == b).map(|&(_, c)| c)
}

/// Can `mark` sit on `base` (a letter already decoded, without tone)?
fn fits(base: char, mark: &Mark) -> bool {
    let lower = base.to_lowercase().next().unwrap_or(base);
    match mark.shape {
        Some('\u{306}') => lower == 'a',
        Some(_) => matches!(lower, 'a' | 'e' | 'o'),
        None => matches!(lower, 'a' | 'e' | 'o' | 'u' | 'y' | 'ơ' | 'ư'),
    }
}

/// Does byte `b` mark the letter before it? (used to tell VNI from TCVN3)
pub fn marks(prev: u8, b: u8) -> bool {
    let base = match prev {
        b'a'..=b'z' | b'A'..=b'Z' => prev as char,
        _ => match letter(prev) {
            Some(c) => c,
            None => return false,
        },
    };
    mark(b).is_some_and(|m| fits(base, m))
}

/// Decodes VNI code units (bytes, or the Latin-1 characters a copy of such text shows).
pub fn decode(units: &[u8]) -> String {
    let mut out = String::with_capacity(units.len() * 2);
    let mut base: Option<char> = None;
    for &b in units {
        if let (Some(c), Some(mk)) = (base, mark(b)) {
            if fits(c, mk) {
                out.extend(mk.shape);
                out.extend(mk.tone);
                base = None;
                continue;
            }
        }
        let c = if b.is_ascii() { b as char } else { letter(b).unwrap_or_else(|| super::text::latin(b)) };
        out.push(c);
        base = c.is_alphabetic().then_some(c);
    }
    crate::load::nfc(&out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_vietnamese_letter_decodes() {
        let encode = |letter: char| -> Vec<u8> {
            // Split the letter into base, shape and tone, then find the bytes for them.
            let parts: Vec<char> =
                unicode_normalization::UnicodeNormalization::nfd(letter.to_string().as_str()).collect();
            let single = LETTERS.iter().find(|&&(_, c)| c == letter).map(|&(b, _)| vec![b]);
            if let Some(s) = single {
                return s;
            }
            let (base, marks) = (parts[0], &parts[1..]);
            let mut bytes = Vec::new();
            let (rest, first) = match marks.first() {
                Some('\u{31B}') => {
                    let horn = if base.is_lowercase() {
                        if base == 'o' {
                            0xF4
                        } else {
                            0xF6
                        }
                    } else if base == 'O' {
                        0xD4
                    } else {
                        0xD6
                    };
                    (&marks[1..], horn)
                }
                _ => (marks, base as u8),
            };
            bytes.push(first);
            let shape = rest.iter().copied().find(|c| matches!(c, '\u{302}' | '\u{306}'));
            let tone = rest.iter().copied().find(|c| !matches!(c, '\u{302}' | '\u{306}'));
            if shape.is_some() || tone.is_some() {
                let mk =
                    MARKS.iter().find(|m| m.shape == shape && m.tone == tone).expect("a mark for every pair");
                bytes.push(if base.is_uppercase() { mk.capital } else { mk.small });
            }
            bytes
        };
        for letter in super::super::text::tests::all_letters() {
            let bytes = encode(letter);
            assert_eq!(decode(&bytes), letter.to_string(), "{letter} from {bytes:02X?}");
        }
    }

    #[test]
    fn known_vni_text_decodes() {
        let latin1 = |s: &str| -> Vec<u8> { s.chars().map(|c| c as u32 as u8).collect() };
        assert_eq!(decode(&latin1("Ñaûng Coäng Saûn Vieät Nam")), "Đảng Cộng Sản Việt Nam");
        assert_eq!(decode(&latin1("Ñoäc laäp - Töï do - Haïnh phuùc")), "Độc lập - Tự do - Hạnh phúc");
        assert_eq!(decode(&latin1("Ñoaøn Vaên Töù")), "Đoàn Văn Tứ");
        assert_eq!(decode(&latin1("ÑAÛNG UÛY")), "ĐẢNG ỦY");
        assert_eq!(decode(&latin1("Söôøn")), "Sườn");
    }
}
