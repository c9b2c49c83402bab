//! Abbreviations and document numbers as spoken (facts-vi.md B3): "UBND" → "Ủy ban nhân
//! dân", "Chỉ thị số 11-CT/TW" → "Chỉ thị số mười một", "3320/BGDĐT-GDTX" → "Công văn số
//! ba nghìn ba trăm hai mươi của Bộ Giáo dục và Đào tạo, Giáo dục thường xuyên".

use std::sync::OnceLock;

use regex::Regex;

use super::numbers::read_integer;
use super::{before, capitalise_at, is_sentence_start, replace, Dialect, Options};
use crate::document::kinds::{self, KINDS};
use crate::document::mentions;
use crate::document::number::{fold, Family};

/// The leftover note for the ambiguous kind code `TT`.
pub(crate) const TT_NOTE: &str = "TT (Thông tư hay Thông tri?)";

/// Issuers and units as they appear in document numbers (B3.2).
const ISSUERS: &[(&str, &str)] = &[
    ("TW", "Trung ương"),
    ("VPTW", "Văn phòng Trung ương Đảng"),
    ("TTg", "Thủ tướng Chính phủ"),
    ("CP", "Chính phủ"),
    ("UBND", "Ủy ban nhân dân"),
    ("HĐND", "Hội đồng nhân dân"),
    ("TU", "Tỉnh ủy"),
    ("UBKTTU", "Ủy ban Kiểm tra Tỉnh ủy"),
    ("ĐU", "Đảng ủy"),
    ("CB", "Chi bộ"),
    ("BGDĐT", "Bộ Giáo dục và Đào tạo"),
    ("GDTX", "Giáo dục thường xuyên"),
    ("SGDĐT", "Sở Giáo dục và Đào tạo"),
    ("LĐTBXH", "Lao động, Thương binh và Xã hội"),
    ("BTTTT", "Bộ Thông tin và Truyền thông"),
];

/// Abbreviations in running text (B3.2, B3.3), matched as whole tokens, case as written.
const RUNNING: &[(&str, &str)] = &[
    ("UBND", "Ủy ban nhân dân"),
    ("HĐND", "Hội đồng nhân dân"),
    ("TW", "Trung ương"),
    ("VPTW", "Văn phòng Trung ương Đảng"),
    ("TTg", "Thủ tướng Chính phủ"),
    ("CP", "Chính phủ"),
    ("TU", "Tỉnh ủy"),
    ("UBKTTU", "Ủy ban Kiểm tra Tỉnh ủy"),
    ("ĐU", "Đảng ủy"),
    ("LĐTBXH", "Lao động, Thương binh và Xã hội"),
    ("LĐ-TB&XH", "Lao động, Thương binh và Xã hội"),
    ("LĐ-TBXH", "Lao động, Thương binh và Xã hội"),
    ("BGDĐT", "Bộ Giáo dục và Đào tạo"),
    ("BGD&ĐT", "Bộ Giáo dục và Đào tạo"),
    ("SGDĐT", "Sở Giáo dục và Đào tạo"),
    ("SGD&ĐT", "Sở Giáo dục và Đào tạo"),
    ("GD&ĐT", "Giáo dục và Đào tạo"),
    ("GDĐT", "Giáo dục và Đào tạo"),
    ("GDTX", "Giáo dục thường xuyên"),
    ("BTTTT", "Bộ Thông tin và Truyền thông"),
    ("XHHT", "xã hội học tập"),
    ("XD", "xây dựng"),
    ("V/v", "về việc"),
    ("v/v", "về việc"),
    ("V/V", "về việc"),
    ("T/M", "thay mặt"),
    ("TM.", "thay mặt"),
    ("KT.", "ký thay"),
    ("TL.", "thừa lệnh"),
    ("TUQ.", "thừa ủy quyền"),
    ("b/c", "báo cáo"),
    ("B/c", "báo cáo"),
    ("B/C", "báo cáo"),
];

/// Expands an issuer code; unknown parts are kept and reported.
fn issuer(code: &str, leftovers: &mut Vec<String>) -> String {
    code.split('-')
        .map(|part| {
            let found = ISSUERS
                .iter()
                .find(|(c, _)| *c == part)
                .or_else(|| ISSUERS.iter().find(|(c, _)| fold(c) == fold(part)));
            match found {
                Some((_, name)) => (*name).to_owned(),
                None => {
                    leftovers.push(part.to_owned());
                    part.to_owned()
                }
            }
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// Whether "của" follows within the clause, so the issuer is already said.
fn issuer_follows(after: &str) -> bool {
    let mut window = String::new();
    let mut chars = after.chars().peekable();
    while let Some(c) = chars.next() {
        if window.chars().count() >= 60 || c == ';' || c == '\n' {
            break;
        }
        if matches!(c, '.' | '!' | '?') && chars.peek().is_none_or(|n| n.is_whitespace()) {
            break;
        }
        window.push(c);
    }
    window.split(|c: char| !c.is_alphanumeric()).any(|w| w.eq_ignore_ascii_case("của") || w == "Của")
}

/// A kind code written just before a number ("QĐ 489/QĐ-TTg"): its byte start and kind.
fn code_before(text: &str, pos: usize, party: bool) -> Option<(usize, &'static kinds::Kind)> {
    let head = text[..pos].trim_end();
    if head.len() == pos {
        return None;
    }
    let start = head
        .rfind(|c: char| !c.is_alphabetic())
        .map_or(0, |i| i + head[i..].chars().next().map_or(1, char::len_utf8));
    let word = &head[start..];
    if before(text, start).is_some_and(|c| c.is_alphanumeric() || "/-&".contains(c)) {
        return None;
    }
    KINDS.iter().find(|k| k.code == word)?;
    Some((start, kinds::by_code(word, party)?))
}

/// Document numbers, through the mention recogniser and the site's documents.
pub(crate) fn documents(text: &str, opts: &Options, leftovers: &mut Vec<String>) -> String {
    let d = opts.dialect;
    let found = mentions::find(text);
    let mut out = String::with_capacity(text.len());
    let mut last = 0;
    for (i, m) in found.iter().enumerate() {
        let n = &m.number;
        let party = n.family == Family::Party;
        let mut start = m.start;
        let prefix = text[m.start..m.number_start].trim_end().trim_end_matches(':').trim_end();
        let prefix = prefix.strip_suffix("số").or_else(|| prefix.strip_suffix("Số")).unwrap_or(prefix).trim();
        let mut kind_word = (!prefix.is_empty()).then(|| prefix.to_owned());
        if kind_word.is_none() {
            if let Some((s, kind)) = code_before(text, m.start, party).filter(|(s, _)| *s >= last) {
                start = s;
                kind_word = Some(kind.name.to_owned());
            }
        }
        let next = found.get(i + 1).map_or(text.len(), |next| next.start);
        let has_issuer = issuer_follows(&text[m.end..next]);
        let spoken = match (opts.documents)(&n.key) {
            Some(doc) => {
                let mut s = format!(
                    "{} số {}",
                    kind_word.as_deref().unwrap_or(&doc.kind_name),
                    read_integer(u64::from(doc.num), d)
                );
                if kind_word.is_none() && !has_issuer {
                    s.push_str(" của ");
                    s.push_str(&doc.issuer);
                }
                s
            }
            None => {
                let kind = match (&kind_word, &n.kind_code) {
                    (Some(w), _) => Some(w.clone()),
                    (None, Some(code)) => Some(match kinds::by_code(code, party) {
                        Some(k) => k.name.to_owned(),
                        None => {
                            leftovers.push(code.clone());
                            code.clone()
                        }
                    }),
                    // A state number without a kind is a Công văn (B1.3), unless the text says "văn bản".
                    (None, None) if text[..start].trim_end().ends_with("văn bản") => None,
                    (None, None) => Some("Công văn".to_owned()),
                };
                let mut s = match kind {
                    Some(k) => format!("{k} số {}", read_integer(u64::from(n.num), d)),
                    None => format!("số {}", read_integer(u64::from(n.num), d)),
                };
                if let Some(y) = n.year {
                    s.push_str(" năm ");
                    s.push_str(&read_integer(u64::from(y), d));
                }
                if !has_issuer {
                    s.push_str(" của ");
                    s.push_str(&issuer(&n.issuer_code, leftovers));
                }
                s
            }
        };
        let spoken = if kind_word.is_none() { capitalise_at(text, start, &spoken) } else { spoken };
        out.push_str(&text[last..start]);
        out.push_str(&spoken);
        last = m.end;
    }
    out.push_str(&text[last..]);
    kind_and_year(&out, d)
}

/// "Nghị định 49/2024", "NĐ 49/2024" (no code after the year) → "Nghị định số bốn mươi chín năm …".
fn kind_and_year(text: &str, d: Dialect) -> String {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| {
        let mut alts: Vec<String> = kinds::words()
            .map(|w| {
                let mut chars = w.chars();
                let first = chars.next().unwrap_or(' ');
                let rest: String = chars.collect();
                format!(
                    "[{}{}]{}",
                    first.to_lowercase(),
                    first.to_uppercase(),
                    regex::escape(&rest).replace(' ', r"\s+")
                )
            })
            .collect();
        alts.extend(KINDS.iter().filter(|k| k.code != "TT").map(|k| regex::escape(k.code)));
        let pattern =
            format!(r"(?P<k>{})\s+(?:[Ss]ố\s*)?(?P<n>\d{{1,5}})/(?P<y>(?:19|20)\d\d)", alts.join("|"));
        Regex::new(&pattern).expect("the kind-and-year pattern is valid")
    });
    replace(text, re, |caps, text| {
        let all = caps.get(0)?;
        let k = caps.name("k")?;
        if before(text, all.start()).is_some_and(char::is_alphanumeric)
            || super::after(text, all.end())
                .is_some_and(|c| c.is_alphanumeric() || c == '/' || super::is_dash(c))
        {
            return None;
        }
        let name = match KINDS.iter().find(|kind| kind.code == k.as_str()) {
            Some(kind) => kind.name.to_owned(),
            None => k.as_str().to_owned(),
        };
        let n: u64 = caps["n"].parse().ok()?;
        let y: u64 = caps["y"].parse().ok()?;
        Some(format!("{name} số {} năm {}", read_integer(n, d), read_integer(y, d)))
    })
}

/// Abbreviations as whole tokens, the site's first; kind codes only before a number
/// ("KL 49" → "Kết luận 49"); a standalone `TT` is left and reported.
pub(crate) fn abbreviations(text: &str, opts: &Options, leftovers: &mut Vec<String>) -> String {
    let boundary =
        |c: Option<char>| !c.is_some_and(|c| c.is_alphanumeric() || "&/-_".contains(c) || super::is_dash(c));
    let site = opts.abbreviations.iter().map(|(a, e)| (a.as_str(), e.as_str(), false));
    let mut builtin: Vec<(&str, &str, bool)> = RUNNING.iter().map(|&(a, e)| (a, e, false)).collect();
    builtin.extend(KINDS.iter().filter(|k| k.code != "TT").map(|k| (k.code, k.name, true)));
    builtin.sort_by_key(|(a, _, _)| std::cmp::Reverse(a.len()));
    let table: Vec<(&str, &str, bool)> = site.filter(|(a, _, _)| !a.is_empty()).chain(builtin).collect();

    let mut out = String::with_capacity(text.len());
    let mut pos = 0;
    'scan: while pos < text.len() {
        let rest = &text[pos..];
        if boundary(before(text, pos)) {
            for &(abbr, expansion, needs_number) in &table {
                let Some(after) = rest.strip_prefix(abbr) else { continue };
                let end = pos + abbr.len();
                // "TM." ends with its own punctuation; others must end at a token boundary.
                if !abbr.ends_with('.') && !boundary(after.chars().next()) {
                    continue;
                }
                if needs_number {
                    let digits = after.trim_start();
                    if digits.len() == after.len() || !digits.starts_with(|c: char| c.is_ascii_digit()) {
                        continue;
                    }
                }
                if is_sentence_start(text, pos) {
                    out.push_str(&capitalise_at(text, pos, expansion));
                } else {
                    out.push_str(expansion);
                }
                pos = end;
                continue 'scan;
            }
            if rest.starts_with("TT") && boundary(rest[2..].chars().next()) {
                leftovers.push(TT_NOTE.to_owned());
            }
        }
        let Some(c) = rest.chars().next() else { break };
        out.push(c);
        pos += c.len_utf8();
    }
    out
}
