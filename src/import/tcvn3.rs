//! TCVN3 (ABC, the `.VnTime` fonts): one byte per letter, to Unicode.
//!
//! The table is TCVN 5712:1993 VN3 plus the capitals VN1 puts in the same byte range.
//! Other capitals with tones were typed in the capital fonts (`.VnTimeH`), which draw
//! the small-letter codes as capitals; `decode` restores them in words written in capitals.

/// Byte → letter, for the bytes that are not ASCII. Bytes 0x80–0x9F are Windows-1252
/// punctuation (how Word saves the dashes and quotes of these fonts).
pub const TABLE: &[(u8, char)] = &[
    (0xA1, 'Ă'),
    (0xA2, 'Â'),
    (0xA3, 'Ê'),
    (0xA4, 'Ô'),
    (0xA5, 'Ơ'),
    (0xA6, 'Ư'),
    (0xA7, 'Đ'),
    (0xA8, 'ă'),
    (0xA9, 'â'),
    (0xAA, 'ê'),
    (0xAB, 'ô'),
    (0xAC, 'ơ'),
    (0xAD, 'ư'),
    (0xAE, 'đ'),
    (0xAF, 'Ằ'),
    (0xB0, '\u{300}'),
    (0xB1, '\u{309}'),
    (0xB2, '\u{303}'),
    (0xB3, '\u{301}'),
    (0xB4, '\u{323}'),
    (0xB5, 'à'),
    (0xB6, 'ả'),
    (0xB7, 'ã'),
    (0xB8, 'á'),
    (0xB9, 'ạ'),
    (0xBA, 'Ẳ'),
    (0xBB, 'ằ'),
    (0xBC, 'ẳ'),
    (0xBD, 'ẵ'),
    (0xBE, 'ắ'),
    (0xBF, 'Ẵ'),
    (0xC0, 'Ắ'),
    (0xC1, 'Ầ'),
    (0xC2, 'Ẩ'),
    (0xC3, 'Ẫ'),
    (0xC4, 'Ấ'),
    (0xC5, 'Ề'),
    (0xC6, 'ặ'),
    (0xC7, 'ầ'),
    (0xC8, 'ẩ'),
    (0xC9, 'ẫ'),
    (0xCA, 'ấ'),
    (0xCB, 'ậ'),
    (0xCC, 'è'),
    (0xCD, 'Ể'),
    (0xCE, 'ẻ'),
    (0xCF, 'ẽ'),
    (0xD0, 'é'),
    (0xD1, 'ẹ'),
    (0xD2, 'ề'),
    (0xD3, 'ể'),
    (0xD4, 'ễ'),
    (0xD5, 'ế'),
    (0xD6, 'ệ'),
    (0xD7, 'ì'),
    (0xD8, 'ỉ'),
    (0xD9, 'Ễ'),
    (0xDA, 'Ế'),
    (0xDB, 'Ồ'),
    (0xDC, 'ĩ'),
    (0xDD, 'í'),
    (0xDE, 'ị'),
    (0xDF, 'ò'),
    (0xE0, 'Ổ'),
    (0xE1, 'ỏ'),
    (0xE2, 'õ'),
    (0xE3, 'ó'),
    (0xE4, 'ọ'),
    (0xE5, 'ồ'),
    (0xE6, 'ổ'),
    (0xE7, 'ỗ'),
    (0xE8, 'ố'),
    (0xE9, 'ộ'),
    (0xEA, 'ờ'),
    (0xEB, 'ở'),
    (0xEC, 'ỡ'),
    (0xED, 'ớ'),
    (0xEE, 'ợ'),
    (0xEF, 'ù'),
    (0xF0, 'Ỗ'),
    (0xF1, 'ủ'),
    (0xF2, 'ũ'),
    (0xF3, 'ú'),
    (0xF4, 'ụ'),
    (0xF5, 'ừ'),
    (0xF6, 'ử'),
    (0xF7, 'ữ'),
    (0xF8, 'ứ'),
    (0xF9, 'ự'),
    (0xFA, 'ỳ'),
    (0xFB, 'ỷ'),
    (0xFC, 'ỹ'),
    (0xFD, 'ý'),
    (0xFE, 'ỵ'),
    (0xFF, 'Ố'),
];

fn letter(b: u8) -> Option<char> {
    TABLE.iter().find(|(code, _)| *code == b).map(|&(_, c)| c)
}

/// Decodes TCVN3 code units (bytes, or the Latin-1 characters a copy of such text shows).
pub fn decode(units: &[u8]) -> String {
    let mut out = String::with_capacity(units.len() * 2);
    for &b in units {
        match letter(b) {
            Some(c) => out.push(c),
            None => out.push(super::text::latin(b)),
        }
    }
    super::text::capitalise_shouted_words(&crate::load::nfc(&out))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_vietnamese_letter_decodes_in_small_and_capital_words() {
        for letter in super::super::text::tests::all_letters() {
            let lower: String = letter.to_lowercase().collect();
            if lower.is_ascii() {
                continue; // a, e, i, o, u, y are ASCII in TCVN3 too
            }
            let code = TABLE.iter().find(|(_, c)| c.to_string() == lower).map(|&(b, _)| b);
            let code = code.unwrap_or_else(|| panic!("no TCVN3 code for {lower}"));
            if letter.is_uppercase() {
                // In a word of capitals (".VnTimeH"), the small-letter code is a capital.
                assert_eq!(decode(&[b'X', code, b'N']), format!("X{letter}N"), "capital {letter}");
            } else {
                assert_eq!(decode(&[b'x', code, b'n']), format!("x{letter}n"), "small {letter}");
            }
        }
    }

    #[test]
    fn seed_header_in_tcvn3_decodes() {
        assert_eq!(decode(b"\xa7\xb6NG \xf1Y S\xeb"), "ĐẢNG ỦY SỞ");
        assert_eq!(decode(b"\xa7o\xb5n V\xa8n T\xf8"), "Đoàn Văn Tứ");
        assert_eq!(decode(b"Chi b\xe9 c\xac s\xeb"), "Chi bộ cơ sở");
    }

    // glibc's TCVN5712-1 converter is an independent reading of the standard.
    #[test]
    fn table_agrees_with_glibc_iconv() {
        // Combining marks (0xB0–0xB4) are left out: iconv joins them to the letter before.
        let table: Vec<(u8, char)> =
            TABLE.iter().copied().filter(|&(b, _)| !(0xB0..=0xB4).contains(&b)).collect();
        let bytes: Vec<u8> = table.iter().map(|&(b, _)| b).collect();
        let Ok(mut child) = std::process::Command::new("iconv")
            .args(["-f", "TCVN5712-1", "-t", "UTF-8"])
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .spawn()
        else {
            assert!(std::env::var_os("CI").is_none(), "iconv is missing");
            eprintln!("SKIPPED: iconv is missing");
            return;
        };
        if let Some(mut stdin) = child.stdin.take() {
            std::io::Write::write_all(&mut stdin, &bytes).expect("write to iconv");
        }
        let out = child.wait_with_output().expect("run iconv");
        let want: String = table.iter().map(|&(_, c)| c).collect();
        assert_eq!(String::from_utf8_lossy(&out.stdout), want);
    }
}
