//! Vietnamese-aware slugs: lowercase ASCII, diacritics removed, `đ` → `d`.

/// Turns text into a URL slug: "Chỉ thị 11-CT/TW: Đẩy mạnh" → `chi-thi-11-ct-tw-day-manh`.
pub fn slugify(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut dash = false;
    let mut push = |c: char| {
        let c = match c {
            // `đ` has no Unicode decomposition, so NFD alone would drop it.
            'đ' | 'Đ' => 'd',
            c if is_combining_mark(c) => return,
            c => c.to_ascii_lowercase(),
        };
        if c.is_ascii_alphanumeric() {
            if dash && !out.is_empty() {
                out.push('-');
            }
            dash = false;
            out.push(c);
        } else {
            dash = true;
        }
    };
    // NFD, a character at a time: the canonical reordering NFD adds only moves marks
    // among marks, and a run of marks counts the same in any order here (dropped, or
    // one separator).
    for c in text.chars() {
        if c.is_ascii() {
            push(c);
        } else {
            unicode_normalization::char::decompose_canonical(c, &mut push);
        }
    }
    out
}

/// Names Windows refuses for a file or folder, with or without an extension (so also on
/// a USB stick formatted FAT32 or exFAT and read on Windows). "con" is a common Vietnamese
/// word ("child"), so pages and tags meet this.
pub const WINDOWS_RESERVED: &[&str] = &[
    "con", "prn", "aux", "nul", "com0", "com1", "com2", "com3", "com4", "com5", "com6", "com7", "com8",
    "com9", "lpt0", "lpt1", "lpt2", "lpt3", "lpt4", "lpt5", "lpt6", "lpt7", "lpt8", "lpt9",
];

/// Is `name` (a file or folder name) reserved on Windows? `con`, `CON.txt`, `aux.tar.gz`.
pub fn is_windows_reserved(name: &str) -> bool {
    let stem = name.split('.').next().unwrap_or(name).trim_end();
    WINDOWS_RESERVED.iter().any(|r| stem.eq_ignore_ascii_case(r))
}

/// A slug usable as a folder name everywhere: a reserved one gets `-1` (`con` → `con-1`).
pub fn url_segment(text: &str) -> String {
    safe(slugify(text))
}

/// `slug` made safe for Windows: a reserved name gets `-1`.
pub fn safe(slug: String) -> String {
    if is_windows_reserved(&slug) {
        format!("{slug}-1")
    } else {
        slug
    }
}

/// Combining diacritical marks (U+0300–U+036F) left by NFD decomposition.
pub fn is_combining_mark(c: char) -> bool {
    ('\u{0300}'..='\u{036F}').contains(&c)
}

/// A readable name from a file or folder name: "hội-nghị_2023" → "Hội nghị 2023",
/// "tin-tuc" → "Tin tuc" (diacritics only where the name has them).
pub fn title_from_name(name: &str) -> String {
    let words: Vec<&str> = name.split(['-', '_', ' ']).filter(|w| !w.is_empty()).collect();
    let mut title = words.join(" ");
    if let Some(first) = title.chars().next() {
        let upper: String = first.to_uppercase().collect();
        title.replace_range(..first.len_utf8(), &upper);
    }
    title
}

#[cfg(test)]
mod tests {
    use super::slugify;

    #[test]
    fn vietnamese_titles_become_ascii_slugs() {
        let cases = [
            ("Chỉ thị 11-CT/TW: Đẩy mạnh", "chi-thi-11-ct-tw-day-manh"),
            (
                "Chỉ thị 14/CT-TTg: Đẩy mạnh công tác khuyến học",
                "chi-thi-14-ct-ttg-day-manh-cong-tac-khuyen-hoc",
            ),
            ("Xây dựng xã hội học tập", "xay-dung-xa-hoi-hoc-tap"),
            ("  Quý III/2023 ", "quy-iii-2023"),
            ("Hòa hoà HOÀ", "hoa-hoa-hoa"),
            ("ĐẢNG ỦY", "dang-uy"),
            ("---", ""),
        ];
        for (input, want) in cases {
            assert_eq!(slugify(input), want, "slug of {input:?}");
        }
    }

    #[test]
    fn windows_reserved_names_get_a_suffix() {
        assert_eq!(super::url_segment("Con"), "con-1");
        assert_eq!(super::url_segment("COM1"), "com1-1");
        assert_eq!(super::url_segment("Con cái"), "con-cai");
        assert!(super::is_windows_reserved("aux.pdf"));
        assert!(super::is_windows_reserved("NUL"));
        assert!(!super::is_windows_reserved("console.txt"));
    }

    /// The slug as first written: the whole text through NFD.
    fn slugify_by_nfd(text: &str) -> String {
        use unicode_normalization::UnicodeNormalization;
        let mut out = String::new();
        let mut dash = false;
        for c in text.nfd() {
            let c = match c {
                'đ' | 'Đ' => 'd',
                c if super::is_combining_mark(c) => continue,
                c => c.to_ascii_lowercase(),
            };
            if c.is_ascii_alphanumeric() {
                if dash && !out.is_empty() {
                    out.push('-');
                }
                dash = false;
                out.push(c);
            } else {
                dash = true;
            }
        }
        out
    }

    #[test]
    fn char_by_char_decomposition_slugs_like_whole_text_nfd() {
        use unicode_normalization::UnicodeNormalization;
        let texts = [
            "Chỉ thị 11-CT/TW: Đẩy mạnh ĐẢNG ỦY Hòa hoà HOÀ",
            "Nghị quyết số 04 - NQ/ĐU, ngày 13/4/2007 (Quý III/2023)",
            // Marks of several combining classes in a row, out of canonical order.
            "a\u{323}\u{302}b e\u{302}\u{323} o\u{31b}\u{301}\u{5b0}x \u{5b0}\u{301}y",
            "한국어 Ωμέγα Ǆ ﬁ ẞ ǅx ① ² Ⅻ",
            "  ---  ",
        ];
        for text in texts {
            let nfd: String = text.nfd().collect();
            let nfc: String = text.nfc().collect();
            for t in [text, nfd.as_str(), nfc.as_str()] {
                assert_eq!(slugify(t), slugify_by_nfd(t), "{t:?}");
            }
        }
        // Every Latin letter with diacritics, one by one and after a letter.
        for c in ('\u{c0}'..='\u{24f}').chain('\u{1e00}'..='\u{1eff}') {
            for t in [c.to_string(), format!("a{c}b"), format!("{c}\u{301}-{c}")] {
                assert_eq!(slugify(&t), slugify_by_nfd(&t), "{t:?}");
            }
        }
    }

    #[test]
    fn nfd_input_gives_the_same_slug_as_nfc() {
        use unicode_normalization::UnicodeNormalization;
        let nfc = "Khuyến học, khuyến tài";
        let nfd: String = nfc.nfd().collect();
        assert_ne!(nfc, nfd);
        assert_eq!(slugify(&nfd), slugify(nfc));
    }
}
