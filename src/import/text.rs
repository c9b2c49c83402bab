//! Text files to Unicode: UTF-8, UTF-16 (with or without BOM), and the legacy
//! Vietnamese byte encodings TCVN3 and VNI, whether saved as bytes or pasted into a
//! UTF-8 file as Latin-1 gibberish ("§¶NG", "Ñaûng").

use std::sync::OnceLock;

/// The encoding a text was found in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Utf16,
    Tcvn3,
    Vni,
}

impl Encoding {
    /// The name staff know it by.
    pub fn name(self) -> &'static str {
        match self {
            Encoding::Utf8 => "UTF-8",
            Encoding::Utf16 => "UTF-16",
            Encoding::Tcvn3 => "TCVN3 (ABC)",
            Encoding::Vni => "VNI",
        }
    }
}

/// Windows-1252 byte → character (Latin-1 with punctuation in 0x80–0x9F).
pub fn latin(b: u8) -> char {
    static TABLE: OnceLock<Vec<char>> = OnceLock::new();
    let table = TABLE.get_or_init(|| {
        (0..=255u8)
            .map(|b| {
                let byte = [b];
                let (s, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(&byte);
                s.chars().next().unwrap_or(char::REPLACEMENT_CHARACTER)
            })
            .collect()
    });
    table[b as usize]
}

/// The byte a character of a Latin-1 gibberish text stands for.
fn unit(c: char) -> Option<u8> {
    if (c as u32) < 0x100 {
        return Some(c as u32 as u8);
    }
    (0x80..=0x9Fu8).find(|&b| latin(b) == c)
}

/// Letters only Unicode Vietnamese has (a text with them is not legacy gibberish).
fn is_vietnamese_unicode(c: char) -> bool {
    matches!(c, 'ă' | 'Ă' | 'đ' | 'Đ' | 'ơ' | 'Ơ' | 'ư' | 'Ư' | 'ĩ' | 'Ĩ' | 'ũ' | 'Ũ' | '\u{300}'..='\u{323}' | '\u{1EA0}'..='\u{1EF9}')
}

/// Decodes a text file's bytes; NFC.
pub fn decode(bytes: &[u8]) -> (String, Encoding) {
    if let Some((enc, _)) = encoding_rs::Encoding::for_bom(bytes) {
        if enc == encoding_rs::UTF_8 {
            return from_utf8(&String::from_utf8_lossy(&bytes[3..]));
        }
        let (text, _) = enc.decode_with_bom_removal(bytes);
        return (crate::load::nfc(&text), Encoding::Utf16);
    }
    if let Some(enc) = utf16_without_bom(bytes) {
        let (text, _) = enc.decode_without_bom_handling(bytes);
        return (crate::load::nfc(&text), Encoding::Utf16);
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => from_utf8(text),
        Err(_) => legacy(bytes),
    }
}

/// UTF-16 without a BOM: ASCII letters leave every other byte zero.
fn utf16_without_bom(bytes: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    if bytes.len() < 4 || !bytes.len().is_multiple_of(2) {
        return None;
    }
    let zeros = |start: usize| bytes.iter().skip(start).step_by(2).filter(|&&b| b == 0).count();
    let half = bytes.len() / 2;
    if zeros(1) * 3 > half * 2 {
        Some(encoding_rs::UTF_16LE)
    } else if zeros(0) * 3 > half * 2 {
        Some(encoding_rs::UTF_16BE)
    } else {
        None
    }
}

fn from_utf8(text: &str) -> (String, Encoding) {
    let gibberish =
        !text.chars().any(is_vietnamese_unicode) && text.chars().filter(|&c| c as u32 >= 0x80).count() >= 3;
    if gibberish {
        if let Some(units) = text.chars().map(unit).collect::<Option<Vec<u8>>>() {
            // Western text ("café") decodes to no letter only Vietnamese has.
            let (decoded, encoding) = legacy(&units);
            if decoded.chars().filter(|&c| is_vietnamese_unicode(c)).count() >= 3 {
                return (decoded, encoding);
            }
        }
    }
    (crate::load::nfc(text), Encoding::Utf8)
}

/// TCVN3 or VNI: in VNI nearly every non-ASCII byte marks the letter before it.
fn legacy(units: &[u8]) -> (String, Encoding) {
    let high = units.iter().filter(|&&b| b >= 0xA0).count();
    let marking = units.windows(2).filter(|w| w[1] >= 0xA0 && super::vni::marks(w[0], w[1])).count();
    if high > 0 && marking * 10 >= high * 6 {
        (super::vni::decode(units), Encoding::Vni)
    } else {
        (super::tcvn3::decode(units), Encoding::Tcvn3)
    }
}

/// Words typed in a capital legacy font come out with small toned letters ("ĐảNG"):
/// a line whose ASCII letters are all capitals, or a word with two ASCII capitals and
/// no small ASCII letter, is made capital throughout.
pub fn capitalise_shouted_words(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let ascii = || line.chars().filter(char::is_ascii_alphabetic);
        if ascii().count() >= 3 && ascii().all(|c| c.is_ascii_uppercase()) {
            out.push_str(&line.to_uppercase());
            continue;
        }
        let mut word = String::new();
        let flush = |word: &mut String, out: &mut String| {
            let capitals = word.chars().filter(char::is_ascii_uppercase).count();
            if capitals >= 2 && !word.chars().any(|c| c.is_ascii_lowercase()) {
                out.push_str(&word.to_uppercase());
            } else {
                out.push_str(word);
            }
            word.clear();
        };
        for c in line.chars() {
            if c.is_alphabetic() || ('\u{300}'..='\u{323}').contains(&c) {
                word.push(c);
            } else {
                flush(&mut word, &mut out);
                out.push(c);
            }
        }
        flush(&mut word, &mut out);
    }
    out
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use unicode_normalization::UnicodeNormalization;

    /// Every Vietnamese letter with every tone, small and capital (built from Unicode
    /// composition, independently of the tables under test).
    pub fn all_letters() -> Vec<char> {
        let mut out = Vec::new();
        for base in ["a", "ă", "â", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y"] {
            for tone in ["", "\u{300}", "\u{301}", "\u{309}", "\u{303}", "\u{323}"] {
                let small: String = format!("{base}{tone}").nfc().collect();
                let capital: String = small.to_uppercase().nfc().collect();
                out.extend(small.chars().chain(capital.chars()));
            }
        }
        out.extend(['đ', 'Đ']);
        assert_eq!(out.len(), 146);
        out
    }

    #[test]
    fn utf16_with_and_without_bom() {
        let mut le: Vec<u8> = vec![0xFF, 0xFE];
        le.extend("Sơn La".encode_utf16().flat_map(u16::to_le_bytes));
        assert_eq!(decode(&le), ("Sơn La".to_owned(), Encoding::Utf16));
        let be: Vec<u8> = "Số: 55-CV/CB".encode_utf16().flat_map(u16::to_be_bytes).collect();
        assert_eq!(decode(&be), ("Số: 55-CV/CB".to_owned(), Encoding::Utf16));
    }

    #[test]
    fn utf8_stays_and_is_nfc() {
        assert_eq!(
            decode("Sơn La".nfd().collect::<String>().as_bytes()),
            ("Sơn La".to_owned(), Encoding::Utf8)
        );
        // Typographic dashes and quotes in a text without diacritics are not gibberish.
        let plain = "Son La – “Ha Noi” – Viet Nam";
        assert_eq!(decode(plain.as_bytes()), (plain.to_owned(), Encoding::Utf8));
    }

    #[test]
    fn legacy_bytes_and_pasted_gibberish_are_told_apart() {
        assert_eq!(
            decode(b"\xa7\xb6ng C\xe9ng s\xb6n Vi\xd6t Nam"),
            ("Đảng Cộng sản Việt Nam".into(), Encoding::Tcvn3)
        );
        assert_eq!(
            decode("§¶ng Céng s¶n ViÖt Nam".as_bytes()),
            ("Đảng Cộng sản Việt Nam".into(), Encoding::Tcvn3)
        );
        assert_eq!(
            decode("Ñaûng Coäng saûn Vieät Nam".as_bytes()),
            ("Đảng Cộng sản Việt Nam".into(), Encoding::Vni)
        );
        assert_eq!(
            decode(b"\xd1a\xfbng Co\xe4ng sa\xfbn Vie\xe4t Nam"),
            ("Đảng Cộng sản Việt Nam".into(), Encoding::Vni)
        );
    }
}
