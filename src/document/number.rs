//! Document numbers (số, ký hiệu): parsing, normalising for matching, keeping the printed form.
//!
//! Two families (facts-vi.md B1–B2): state documents `1373/QĐ-TTg`, `30/2020/NĐ-CP`;
//! Party documents `11-CT/TW`, `375-CV/ĐU`.

use crate::load::nfc;

/// Which convention a number follows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Family {
    /// `NUMBER/KIND-ISSUER`, optionally with a year: `30/2020/NĐ-CP`.
    State,
    /// `NUMBER-KIND/ISSUER`: `11-CT/TW`.
    Party,
}

/// A parsed document number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocNumber {
    /// As written by the author, tidied: `375-CV/ĐU`.
    pub printed: String,
    /// The matching key: `375-CV/DU`.
    pub key: String,
    pub num: u32,
    pub year: Option<u16>,
    /// Kind code as written (`CT`, `QĐ`), when the number has one.
    pub kind_code: Option<String>,
    /// Issuer code(s) as written: `TW`, `TTg`, `BGDĐT-GDTX`.
    pub issuer_code: String,
    pub family: Family,
}

/// Dashes people type for `-` in numbers.
pub fn is_dash(c: char) -> bool {
    matches!(c, '-' | '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2014}' | '\u{2212}')
}

/// Uppercase ASCII with `Đ` → `D`, for comparing codes.
pub fn fold(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            'Đ' | 'đ' => 'D',
            c => c.to_ascii_uppercase(),
        })
        .collect()
}

/// Tidies a written number: NFC, ASCII dashes, no spaces around `-` and `/`.
pub fn tidy(s: &str) -> String {
    let s = nfc(s.trim());
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        let c = if is_dash(c) { '-' } else { c };
        if c.is_whitespace() {
            continue;
        }
        out.push(c);
    }
    out
}

/// The matching key of a written number (case, dashes, spaces, `Đ`/`D` folded).
pub fn key(s: &str) -> String {
    fold(&tidy(s))
}

fn is_code(s: &str) -> bool {
    let mut chars = s.chars();
    chars.next().is_some_and(char::is_alphabetic) && chars.all(|c| c.is_alphabetic() || c == '&')
}

/// Parses a number such as `11 - CT/TW`, `1373/QĐ-TTg` or `30/2020/NĐ-CP`.
pub fn parse(written: &str) -> Option<DocNumber> {
    let printed = tidy(written);
    let digits_end = printed.find(|c: char| !c.is_ascii_digit())?;
    if digits_end == 0 || digits_end > 6 {
        return None;
    }
    let num: u32 = printed[..digits_end].parse().ok()?;
    let rest = &printed[digits_end..];
    let number = |year, kind_code: Option<&str>, issuer: &str, family| DocNumber {
        key: fold(&printed),
        printed: printed.clone(),
        num,
        year,
        kind_code: kind_code.map(str::to_owned),
        issuer_code: issuer.to_owned(),
        family,
    };
    if let Some(party) = rest.strip_prefix('-') {
        let (kind, issuer) = party.split_once('/')?;
        if is_code(kind) && issuer.split('-').all(is_code) {
            return Some(number(None, Some(kind), issuer, Family::Party));
        }
        return None;
    }
    let mut tail = rest.strip_prefix('/')?;
    let mut year = None;
    if let Some((y, after)) = tail.split_once('/') {
        if y.len() == 4 && y.chars().all(|c| c.is_ascii_digit()) {
            year = y.parse().ok();
            tail = after;
        } else {
            return None;
        }
    }
    let parts: Vec<&str> = tail.split('-').collect();
    if !parts.iter().all(|p| is_code(p)) {
        return None;
    }
    // `3320/BGDĐT-GDTX` has no kind: the first part is the issuer.
    let first_is_kind = parts.len() > 1 && super::kinds::by_code(parts[0], false).is_some();
    if first_is_kind {
        let issuer = &tail[parts[0].len() + 1..];
        Some(number(year, Some(parts[0]), issuer, Family::State))
    } else {
        Some(number(year, None, tail, Family::State))
    }
}

/// Issuer codes as printed, for restoring case and `Đ` in a number taken from a file
/// name, and whether they issue Party documents (`NUMBER-KIND/ISSUER`).
const ISSUERS: &[(&str, Family)] = &[
    ("TW", Family::Party),
    ("TU", Family::Party),
    ("HU", Family::Party),
    ("ĐU", Family::Party),
    ("CB", Family::Party),
    ("BTGTW", Family::Party),
    ("VPTW", Family::Party),
    ("TTg", Family::State),
    ("CP", Family::State),
    ("UBND", Family::State),
    ("HĐND", Family::State),
    ("BCĐ", Family::State),
    ("VPCP", Family::State),
    ("BGDĐT", Family::State),
    ("SGDĐT", Family::State),
    ("BLĐTBXH", Family::State),
    ("SLĐTBXH", Family::State),
    ("BCA", Family::State),
    ("BYT", Family::State),
    ("GDTX", Family::State),
];

/// The document number a file name spells, such as `quyet-dinh-489-qd-ttg` → `489/QĐ-TTg`
/// or `ke-hoach-162-kh-tu` → `162-KH/TU`; `None` when it holds no number with codes.
pub fn from_file_name(stem: &str) -> Option<String> {
    let words: Vec<&str> = stem.split(['-', '_', ' ', '.']).filter(|w| !w.is_empty()).collect();
    let at = words.iter().position(|w| w.len() <= 6 && w.chars().all(|c| c.is_ascii_digit()))?;
    let num = words[at].trim_start_matches('0');
    let mut rest = &words[at + 1..];
    let year = rest.first().filter(|w| w.len() == 4 && w.chars().all(|c| c.is_ascii_digit())).copied();
    if year.is_some() {
        rest = &rest[1..];
    }
    let codes: Vec<&str> =
        rest.iter().take_while(|w| w.chars().all(|c| c.is_ascii_alphabetic())).copied().collect();
    let kind = codes.first().and_then(|c| super::kinds::by_code(c, false)).map(|k| k.code);
    let issuers: Vec<String> = codes[usize::from(kind.is_some())..]
        .iter()
        .map(|c| {
            ISSUERS.iter().find(|(i, _)| fold(i) == fold(c)).map_or(c.to_uppercase(), |(i, _)| i.to_string())
        })
        .collect();
    if issuers.is_empty() || num.is_empty() {
        return None;
    }
    let party = ISSUERS.iter().any(|(i, f)| *i == issuers[0] && *f == Family::Party);
    let written = match (kind, party) {
        (Some(kind), true) if year.is_none() => format!("{num}-{kind}/{}", issuers.join("-")),
        (Some(kind), _) => {
            format!("{num}/{}{kind}-{}", year.map(|y| format!("{y}/")).unwrap_or_default(), issuers.join("-"))
        }
        (None, _) => {
            format!("{num}/{}{}", year.map(|y| format!("{y}/")).unwrap_or_default(), issuers.join("-"))
        }
    };
    parse(&written).map(|n| n.printed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_both_families() {
        let n = parse("11 - CT/TW").unwrap();
        assert_eq!((n.printed.as_str(), n.key.as_str(), n.num), ("11-CT/TW", "11-CT/TW", 11));
        assert_eq!(
            (n.kind_code.as_deref(), n.issuer_code.as_str(), n.family),
            (Some("CT"), "TW", Family::Party)
        );
        let n = parse("1373/QĐ-TTg").unwrap();
        assert_eq!(
            (n.key.as_str(), n.kind_code.as_deref(), n.issuer_code.as_str()),
            ("1373/QD-TTG", Some("QĐ"), "TTg")
        );
        let n = parse("30/2020/NĐ-CP").unwrap();
        assert_eq!((n.year, n.kind_code.as_deref(), n.issuer_code.as_str()), (Some(2020), Some("NĐ"), "CP"));
        let n = parse("3320/BGDĐT-GDTX").unwrap();
        assert_eq!((n.kind_code, n.issuer_code.as_str()), (None, "BGDĐT-GDTX"));
        assert_eq!(parse("375\u{2013} CV/ĐU").unwrap().printed, "375-CV/ĐU");
    }

    #[test]
    fn matching_keys_fold_case_dashes_and_d() {
        assert_eq!(key("QD-TTg"), key("QĐ-TTG"));
        assert_eq!(key("375- CV/ĐU"), key("375-CV/DU"));
        assert_eq!(key("11 – CT/TW"), key("11-ct/tw"));
    }

    #[test]
    fn numbers_come_back_from_file_names() {
        let cases = [
            ("quyet-dinh-489-qd-ttg", Some("489/QĐ-TTg")),
            ("ke-hoach-162-kh-tu", Some("162-KH/TU")),
            ("cong-van-375-cv-du", Some("375-CV/ĐU")),
            ("chi-thi-14-ct-ttg-2021", Some("14/CT-TTg")),
            ("quyet-dinh-2547-qd-ubnd", Some("2547/QĐ-UBND")),
            ("nghi-dinh-30-2020-nd-cp", Some("30/2020/NĐ-CP")),
            ("cong-van-3320-bgddt-gdtx", Some("3320/BGDĐT-GDTX")),
            ("quyet-dinh-489", None),
            ("ban-tin-12", None),
        ];
        for (stem, want) in cases {
            assert_eq!(from_file_name(stem).as_deref(), want, "{stem}");
        }
    }

    #[test]
    fn rejects_what_is_not_a_number() {
        for s in ["13/4/2007", "2021-2030", "III/2023", "CT/TW", "11-CT", "1/2", "11-CT/"] {
            assert_eq!(parse(s), None, "{s}");
        }
    }
}
