//! Document numbers (số, ký hiệu): the grammar, the matching key, the printed form.
//!
//! Two families (facts-vi.md B1–B2): state documents `1373/QĐ-TTg`, `30/2020/NĐ-CP`,
//! laws `73/2021/QH14`; Party documents `11-CT/TW`, `375-CV/ĐU`. One grammar reads every
//! spelling people type — any case, spaces around the separators, `/` for `-`, any dash —
//! and gives one key, used by front matter, mentions, search and speech.

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
    /// As written by the author, with the standard separators: `375-CV/ĐU`.
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
    matches!(
        c,
        '-' | '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2014}' | '\u{2015}' | '\u{2212}'
    )
}

/// Spaces that may sit around the separators of a number (NBSP included).
pub fn is_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\u{a0}' | '\u{202f}' | '\u{2009}')
}

/// `c.is_alphabetic()`, answered without Unicode's tables for the Latin letters
/// Vietnamese is written in (the table lookup was most of the search for mentions).
pub(crate) fn is_letter(c: char) -> bool {
    match c {
        'a'..='z' | 'A'..='Z' => true,
        '\u{c0}'..='\u{24f}' => c != '\u{d7}' && c != '\u{f7}',
        '\u{1e00}'..='\u{1eff}' => true,
        c if c.is_ascii() => false,
        c => c.is_alphabetic(),
    }
}

/// `c.is_alphanumeric()`, quick for ASCII and Vietnamese letters like `is_letter`.
pub(crate) fn is_letter_or_digit(c: char) -> bool {
    c.is_ascii_digit() || is_letter(c) || (!c.is_ascii() && c.is_numeric())
}

/// Uppercase with `Đ`, `Ð` (U+00D0, an OCR look-alike) and `đ` → `D`, for comparing codes.
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            'Đ' | 'đ' | 'Ð' | 'ð' => out.push('D'),
            c if c.is_ascii() => out.push(c.to_ascii_uppercase()),
            c => out.extend(c.to_uppercase()),
        }
    }
    out
}

/// `fold(a) == fold(b)`, without building either string (codes are compared often).
pub fn fold_eq(a: &str, b: &str) -> bool {
    folded(a).eq(folded(b))
}

/// The characters of `fold(s)`.
pub(crate) fn folded(s: &str) -> impl Iterator<Item = char> + '_ {
    s.chars().map(|c| if matches!(c, 'Đ' | 'đ' | 'Ð' | 'ð') { 'D' } else { c }).flat_map(char::to_uppercase)
}

/// Tidies a written number: NFC, ASCII dashes, no spaces.
pub fn tidy(s: &str) -> String {
    nfc(s.trim()).chars().filter(|c| !c.is_whitespace()).map(|c| if is_dash(c) { '-' } else { c }).collect()
}

/// The matching key of a written number: the parsed key when it is a number, else the
/// tidied text folded (case, dashes, spaces, `Đ`/`D`).
pub fn key(s: &str) -> String {
    parse(s).map_or_else(|| fold(&tidy(s)), |n| n.key)
}

/// Parses a whole number such as `11 - CT/TW`, `11/ct/tw`, `1373/QĐ-TTg` or `30/2020/NĐ-CP`.
pub fn parse(written: &str) -> Option<DocNumber> {
    let s = nfc(written.trim());
    match lex(&s, 0) {
        Some((end, n)) if end == s.len() => Some(n),
        _ => None,
    }
}

/// The number with its codes as the tables print them (`1373/qd-ttg` → `1373/QĐ-TTg`,
/// `375-CV/ÐU` → `375-CV/ĐU`), where the tables know them without doubt.
pub fn as_printed(n: &DocNumber) -> DocNumber {
    let unique = |code: &str, table: &mut dyn Iterator<Item = &'static str>| -> String {
        let folded = fold(code);
        let same: Vec<&str> = table.filter(|c| fold(c) == folded).collect();
        match same.as_slice() {
            [one] => (*one).to_owned(),
            // Codes are never all lowercase (`TTg`, `QyĐ` mix cases).
            [] if !code.chars().any(char::is_uppercase) => code.to_uppercase(),
            _ => code.to_owned(),
        }
    };
    let kind = n.kind_code.as_deref().map(|k| unique(k, &mut super::kinds::KINDS.iter().map(|k| k.code)));
    let issuer: Vec<String> = n
        .issuer_code
        .split('-')
        .map(|part| {
            let digits = part.trim_start_matches(|c: char| !c.is_ascii_digit());
            let letters = &part[..part.len() - digits.len()];
            let fixed = unique(letters, &mut codes_once().into_iter());
            format!("{fixed}{digits}")
        })
        .collect();
    let issuer: Vec<&str> = issuer.iter().map(String::as_str).collect();
    let digits = &n.printed[..n.printed.find(|c: char| !c.is_ascii_digit()).unwrap_or(n.printed.len())];
    let mut fixed = DocNumber::new(digits, n.num, n.year, kind.as_deref(), &issuer, n.family);
    fixed.key = n.key.clone();
    fixed
}

/// The issuer codes of the table, each once (`BCT` may be listed for both families).
fn codes_once() -> Vec<&'static str> {
    let mut codes: Vec<&'static str> = Vec::new();
    for i in super::issuers::all() {
        if !codes.contains(&i.code) {
            codes.push(i.code);
        }
    }
    codes
}

/// Longest number part, in digits.
const MAX_DIGITS: usize = 6;
/// Longest code (`UBKTTU`, `BLĐTBXH`), in letters.
const MAX_CODE: usize = 12;
/// Most spaces read around one separator.
const MAX_SPACES: usize = 3;

/// Reads a number starting at byte `start` of `s` (an ASCII digit). Returns where it
/// ends and the number. The caller checks what stands before and after.
pub(crate) fn lex(s: &str, start: usize) -> Option<(usize, DocNumber)> {
    let mut c = Cursor { s, pos: start };
    let digits = c.digits()?;
    if digits.len() > MAX_DIGITS {
        return None;
    }
    let num: u32 = digits.parse().ok()?;
    let after_num = c.pos;
    let build = |end: usize, year: Option<u16>, kind: Option<&str>, issuer: &[&str], family: Family| {
        Some((end, DocNumber::new(digits, num, year, kind, issuer, family)))
    };

    // Party, as printed: `11-CT/TW`, `11 - CT / TW`, `11-ct/tw`.
    c.spaces();
    if c.dash() {
        c.spaces();
        if let Some(kind) = c.code(false) {
            if let Some(issuer) = party_tail(&mut c, kind) {
                return build(c.pos, None, Some(kind), &issuer, Family::Party);
            }
        }
        return None;
    }
    // Party typed with `/` (`11/CT/TW`), state (`1373/QĐ-TTg`), with a year (`30/2020/NĐ-CP`).
    c.pos = after_num;
    c.spaces();
    if c.eat('/') {
        c.spaces();
        if let Some(year) = c.year() {
            c.spaces();
            if !c.eat('/') {
                return None;
            }
            c.spaces();
            let parts = state_parts(&mut c, true)?;
            let (kind, issuer) = state(Some(year), &parts)?;
            return build(c.pos, Some(year), kind, issuer, Family::State);
        }
        let mark = c.pos;
        let first = c.code(false)?;
        let known_kind = super::kinds::by_code(first, true).is_some();
        c.spaces();
        if known_kind && c.eat('/') {
            if let Some(issuer) = party_tail_after_slash(&mut c, first) {
                return build(c.pos, None, Some(first), &issuer, Family::Party);
            }
        }
        c.pos = mark;
        let parts = state_parts(&mut c, false)?;
        let (kind, issuer) = state(None, &parts)?;
        return build(c.pos, None, kind, issuer, Family::State);
    }
    // Party with a space for the dash: `11 CT/TW` (the kind must be a known code, in capitals).
    c.pos = after_num;
    if c.spaces() > 0 {
        if let Some(kind) = c.code(false) {
            if starts_upper(kind) && super::kinds::by_code(kind, true).is_some() {
                if let Some(issuer) = party_tail(&mut c, kind) {
                    return build(c.pos, None, Some(kind), &issuer, Family::Party);
                }
            }
        }
    }
    None
}

/// A state number from its parts after the slash(es): the first is the kind when it
/// names one and an issuer follows (`QĐ-TTg`), else all are the issuer (`BGDĐT-GDTX`).
fn state<'p>(year: Option<u16>, parts: &'p [&'p str]) -> Option<(Option<&'p str>, &'p [&'p str])> {
    let first_is_kind = parts.len() > 1 && super::kinds::by_code(parts[0], false).is_some();
    // A year inside (`43/2019/qh14`) says "document number" in any case.
    if !first_is_kind && year.is_none() && !(parts.iter().all(|p| starts_upper(p))) {
        return None;
    }
    // A lone code without a year must look like an issuer: `12/UBND`, not `1/A` or `11/CT`.
    if parts.len() == 1
        && year.is_none()
        && (parts[0].chars().count() < 2 || super::kinds::by_code(parts[0], false).is_some())
    {
        return None;
    }
    if first_is_kind {
        Some((Some(parts[0]), &parts[1..]))
    } else {
        Some((None, parts))
    }
}

/// After a Party kind code: `/ TW`, `/VPTW`, `/ĐU-BTG`.
fn party_tail<'a>(c: &mut Cursor<'a>, kind: &str) -> Option<Vec<&'a str>> {
    c.spaces();
    if !c.eat('/') {
        return None;
    }
    party_tail_after_slash(c, kind)
}

fn party_tail_after_slash<'a>(c: &mut Cursor<'a>, kind: &str) -> Option<Vec<&'a str>> {
    c.spaces();
    let any_case = super::kinds::by_code(kind, true).is_some();
    if !any_case && !starts_upper(kind) {
        return None;
    }
    let mut parts = vec![c.code(false)?];
    // Further issuer parts are joined by a dash without spaces: `ĐU-BTG`.
    loop {
        let mark = c.pos;
        if c.dash() {
            if let Some(p) = c.code(false) {
                if any_case || starts_upper(p) {
                    parts.push(p);
                    continue;
                }
            }
        }
        c.pos = mark;
        break;
    }
    (any_case || parts.iter().all(|p| starts_upper(p))).then_some(parts)
}

/// The codes after a state number's slash: `QĐ-TTg`, `QĐ - TTg`, `TT-BLĐTBXH`, `QH14`.
fn state_parts<'a>(c: &mut Cursor<'a>, digits_allowed: bool) -> Option<Vec<&'a str>> {
    let mut parts = vec![c.code(digits_allowed)?];
    loop {
        let mark = c.pos;
        // Spaces are read only around the dash after the kind: `QĐ - TTg`.
        let spaced = parts.len() == 1 && super::kinds::by_code(parts[0], false).is_some();
        if spaced {
            c.spaces();
        }
        if c.dash() {
            if spaced {
                c.spaces();
            }
            if let Some(p) = c.code(digits_allowed) {
                parts.push(p);
                continue;
            }
        }
        // A non-breaking space where the dash should be (`QĐ TTg` kept on one line).
        c.pos = mark;
        if spaced && c.nbsp() {
            if let Some(p) = c.code(digits_allowed).filter(|p| starts_upper(p)) {
                parts.push(p);
                continue;
            }
        }
        c.pos = mark;
        break;
    }
    Some(parts)
}

fn starts_upper(code: &str) -> bool {
    code.chars().next().is_some_and(char::is_uppercase)
}

impl DocNumber {
    fn new(
        digits: &str,
        num: u32,
        year: Option<u16>,
        kind: Option<&str>,
        issuer: &[&str],
        family: Family,
    ) -> DocNumber {
        let issuer_code = issuer.join("-");
        let (before, between) = match family {
            Family::Party => ("-", "/"),
            Family::State => ("/", "-"),
        };
        let mut codes = String::with_capacity(issuer_code.len() + 8);
        match kind {
            Some(k) => {
                codes.push_str(before);
                codes.push_str(k);
                codes.push_str(between);
            }
            None => codes.push('/'),
        }
        codes.push_str(&issuer_code);
        // A Party number carries no year.
        let year_part = match (family, year) {
            (Family::State, Some(y)) => format!("/{y}"),
            _ => String::new(),
        };
        let printed = [digits, &year_part, &codes].concat();
        // `04-NQ/ĐU` and `4-NQ/ĐU` are the same number: the key drops leading zeros.
        // Digits and `/` fold to themselves: only the codes are folded.
        let mut key = num.to_string();
        key.push_str(&year_part);
        key.extend(folded(&codes));
        DocNumber { printed, key, num, year, kind_code: kind.map(str::to_owned), issuer_code, family }
    }
}

/// A reading position in a text.
struct Cursor<'a> {
    s: &'a str,
    pos: usize,
}

impl<'a> Cursor<'a> {
    fn peek(&self) -> Option<char> {
        self.s[self.pos..].chars().next()
    }

    fn eat(&mut self, want: char) -> bool {
        if self.peek() == Some(want) {
            self.pos += want.len_utf8();
            true
        } else {
            false
        }
    }

    fn dash(&mut self) -> bool {
        match self.peek() {
            Some(c) if is_dash(c) => {
                self.pos += c.len_utf8();
                true
            }
            _ => false,
        }
    }

    fn nbsp(&mut self) -> bool {
        match self.peek() {
            Some(c @ ('\u{a0}' | '\u{202f}')) => {
                self.pos += c.len_utf8();
                true
            }
            _ => false,
        }
    }

    /// Skips up to `MAX_SPACES` spaces; returns how many.
    fn spaces(&mut self) -> usize {
        let mut n = 0;
        while n < MAX_SPACES {
            match self.peek() {
                Some(c) if is_space(c) => {
                    self.pos += c.len_utf8();
                    n += 1;
                }
                _ => break,
            }
        }
        n
    }

    fn digits(&mut self) -> Option<&'a str> {
        let start = self.pos;
        let len = self.s[start..].bytes().take_while(u8::is_ascii_digit).count();
        self.pos += len;
        (len > 0).then(|| &self.s[start..self.pos])
    }

    /// A four-digit year followed by `/`.
    fn year(&mut self) -> Option<u16> {
        let start = self.pos;
        let d = self.digits()?;
        let y: u16 = d.parse().ok().filter(|y| (1945..=2099).contains(y) && d.len() == 4)?;
        let mut probe = Cursor { s: self.s, pos: self.pos };
        probe.spaces();
        if probe.peek() == Some('/') {
            Some(y)
        } else {
            self.pos = start;
            None
        }
    }

    /// A code: letters (and `&`, as in `LĐ-TB&XH`), then, when allowed, digits (`QH14`).
    /// Nothing alphanumeric may follow.
    fn code(&mut self, digits_allowed: bool) -> Option<&'a str> {
        let start = self.pos;
        let mut letters = 0;
        for (i, ch) in self.s[start..].char_indices() {
            if is_letter(ch) || (ch == '&' && letters > 0) {
                letters += 1;
                if letters > MAX_CODE {
                    return None;
                }
            } else {
                self.pos = start + i;
                break;
            }
            self.pos = start + i + ch.len_utf8();
        }
        if letters == 0 {
            self.pos = start;
            return None;
        }
        if digits_allowed {
            let n = self.s[self.pos..].bytes().take_while(u8::is_ascii_digit).count();
            if n > 3 {
                self.pos = start;
                return None;
            }
            self.pos += n;
        }
        if self.peek().is_some_and(is_letter_or_digit) {
            self.pos = start;
            return None;
        }
        Some(&self.s[start..self.pos])
    }
}

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
        .map(|c| super::issuers::find(c, None).map_or(c.to_uppercase(), |i| i.code.to_owned()))
        .collect();
    if issuers.is_empty() || num.is_empty() {
        return None;
    }
    let party = super::issuers::find(&issuers[0], None).is_some_and(|i| i.family == Family::Party);
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
    fn quick_letter_tests_agree_with_unicode_for_every_character() {
        for c in (0..=0x10ffff).filter_map(char::from_u32) {
            assert_eq!(is_letter(c), c.is_alphabetic(), "U+{:04X}", c as u32);
            assert_eq!(is_letter_or_digit(c), c.is_alphanumeric(), "U+{:04X}", c as u32);
        }
    }

    #[test]
    fn codes_are_found_by_kind_as_compared_one_by_one() {
        let slow = |code: &str| {
            super::super::kinds::KINDS
                .iter()
                .find(|k| k.code == code)
                .or_else(|| super::super::kinds::KINDS.iter().find(|k| fold_eq(k.code, code)))
        };
        for k in super::super::kinds::KINDS {
            let variants = [
                k.code.to_owned(),
                k.code.to_lowercase(),
                k.code.to_uppercase(),
                k.code.replace('Đ', "D"),
                k.code.replace('Đ', "Ð").to_lowercase(),
                format!("{}x", k.code),
            ];
            for v in variants.iter().map(String::as_str).chain(["", "UBND", "ß", "qđ", "tt", "Tt"]) {
                if v.eq_ignore_ascii_case("tt") {
                    continue;
                }
                assert_eq!(super::super::kinds::by_code(v, false), slow(v), "{v}");
            }
        }
    }

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
        let n = parse("73/2021/QH14").unwrap();
        assert_eq!((n.key.as_str(), n.year, n.kind_code), ("73/2021/QH14", Some(2021), None));
    }

    #[test]
    fn matching_keys_fold_case_dashes_separators_and_d() {
        assert_eq!(key("QD-TTg"), key("QĐ-TTG"));
        assert_eq!(key("375- CV/ĐU"), key("375-CV/DU"));
        assert_eq!(key("11 – CT/TW"), key("11-ct/tw"));
        assert_eq!(key("11/CT/TW"), "11-CT/TW");
        assert_eq!(key("11 CT/TW"), "11-CT/TW");
        assert_eq!(key("04-NQ/ĐU"), "4-NQ/DU");
        assert_eq!(key("1373/QÐ-TTg"), "1373/QD-TTG");
    }

    #[test]
    fn as_printed_writes_codes_as_the_tables_do() {
        for (written, printed) in [
            ("1373/qd-ttg", "1373/QĐ-TTg"),
            ("375-cv/\u{d0}u", "375-CV/ĐU"),
            ("11-ct/tw", "11-CT/TW"),
            ("73/2021/qh14", "73/2021/QH14"),
            ("3320/BGDĐT-GDTX", "3320/BGDĐT-GDTX"),
            ("12/da-XY", "12/da-XY"),
            ("12/qđ-ubnd", "12/QĐ-UBND"),
            ("12/QĐ-vx", "12/QĐ-VX"),
        ] {
            assert_eq!(as_printed(&parse(written).unwrap()).printed, printed, "{written}");
        }
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
    fn fold_eq_agrees_with_comparing_folded_strings() {
        let codes = ["QĐ", "qd", "QÐ", "QyĐ", "QYD", "CTr", "ctr", "TT", "tt", "ß", "SS", "", "Đ", "đđ"];
        for a in codes.iter().chain(super::super::kinds::KINDS.iter().map(|k| &k.code)) {
            for b in codes {
                assert_eq!(fold_eq(a, b), fold(a) == fold(b), "{a} {b}");
            }
        }
    }

    #[test]
    fn rejects_what_is_not_a_number() {
        for s in ["13/4/2007", "2021-2030", "III/2023", "CT/TW", "11-CT", "1/2", "11-CT/", "5 km/h", "11/CT"]
        {
            assert_eq!(parse(s), None, "{s}");
        }
    }
}
