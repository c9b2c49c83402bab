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
    fn rejects_what_is_not_a_number() {
        for s in ["13/4/2007", "2021-2030", "III/2023", "CT/TW", "11-CT", "1/2", "11-CT/"] {
            assert_eq!(parse(s), None, "{s}");
        }
    }
}
