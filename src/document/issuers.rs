//! Issuer codes of document numbers and the names texts use for them (facts-vi.md B3.2):
//! one table, `data/issuers.tsv`, for the number grammar (case and family of a code),
//! for telling which document "Chỉ thị số 11 của Bộ Chính trị" means, and for the
//! read-aloud script ("1373/QĐ-TTg" → "… của Thủ tướng Chính phủ").

use std::sync::OnceLock;

use super::number::{fold, Family};

/// One issuer code.
#[derive(Debug)]
pub struct Issuer {
    /// As printed in numbers: `TTg`, `BGDĐT`.
    pub code: &'static str,
    pub family: Family,
    /// The name as read aloud: "Thủ tướng Chính phủ".
    pub name: &'static str,
    /// Whether the code standing alone in running text is read as the name ("BYT").
    pub alone: bool,
    /// The name and the other names running text uses for it.
    pub names: Vec<&'static str>,
}

/// Every issuer of the table, in file order.
pub fn all() -> &'static [Issuer] {
    static CELL: OnceLock<Vec<Issuer>> = OnceLock::new();
    CELL.get_or_init(|| {
        include_str!("data/issuers.tsv")
            .lines()
            .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
            .filter_map(|l| {
                let cols: Vec<&'static str> = l.split('\t').map(str::trim).collect();
                let (code, family, name) = (*cols.first()?, *cols.get(1)?, *cols.get(2)?);
                let family = if family == "party" { Family::Party } else { Family::State };
                let mut names = vec![name];
                names.extend(cols.get(4).into_iter().flat_map(|n| n.split('|')).filter(|n| !n.is_empty()));
                Some(Issuer { code, family, name, alone: cols.get(3) == Some(&"yes"), names })
            })
            .collect()
    })
}

/// The issuer of a code: exact first, then folded (case, `Đ`/`D`); of the family given
/// when both families use the code.
pub fn find(code: &str, family: Option<Family>) -> Option<&'static Issuer> {
    let fits = |i: &&Issuer| family.is_none_or(|f| i.family == f);
    let t = all();
    let folded = fold(code);
    t.iter()
        .filter(fits)
        .find(|i| i.code == code)
        .or_else(|| t.iter().find(|i| i.code == code))
        .or_else(|| t.iter().filter(fits).find(|i| fold(i.code) == folded))
        .or_else(|| t.iter().find(|i| fold(i.code) == folded))
}

/// The names of an issuer code (`TW`, `QH14` → `QH`), compared without case or `Đ`/`D`.
pub fn names(code: &str) -> &'static [&'static str] {
    find(code.trim_end_matches(|c: char| c.is_ascii_digit()), None).map_or(&[], |i| &i.names)
}

/// Whether the words after "của" (lowercase, no diacritics) name `name`: they share
/// its first two words, or all of it when it is shorter ("Ban Bí thư về …" names
/// "Ban Bí thư Trung ương Đảng"; "Bộ Giáo dục" does not name "Bộ Chính trị").
pub fn phrase_names(phrase: &str, name: &str) -> bool {
    let name = super::kinds::plain(name);
    let shared = phrase.split(' ').zip(name.split(' ')).take_while(|(a, b)| a == b).count();
    shared >= name.split(' ').count().min(2)
}

#[cfg(test)]
mod unit {
    use super::*;

    #[test]
    fn every_issuer_row_has_a_code_family_and_name() {
        for l in
            include_str!("data/issuers.tsv").lines().filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        {
            let cols: Vec<&str> = l.split('\t').collect();
            assert!(cols.len() >= 4, "{l}");
            assert!(["party", "state"].contains(&cols[1]), "{l}");
            assert!(["yes", "-"].contains(&cols[3].trim()), "{l}");
        }
        assert!(all().len() >= 60);
    }

    #[test]
    fn codes_are_found_exactly_then_folded_and_by_family() {
        assert_eq!(find("TTg", None).map(|i| i.name), Some("Thủ tướng Chính phủ"));
        assert_eq!(find("ttg", None).map(|i| i.name), Some("Thủ tướng Chính phủ"));
        assert_eq!(find("DU", None).map(|i| i.code), Some("ĐU"));
        assert_eq!(find("TU", Some(Family::Party)).map(|i| i.name), Some("Tỉnh ủy"));
        assert_eq!(names("QH14"), ["Quốc hội"]);
        assert!(names("XYZ").is_empty());
    }
}
