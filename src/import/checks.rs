//! What looked wrong in an imported letter: OCR confusions in document numbers and
//! place names, cited documents dated after the letter, numbers the site has no page for.

use std::sync::OnceLock;

use chrono::NaiveDate;
use regex::Regex;
use unicode_normalization::UnicodeNormalization;

use super::layout::Letter;
use super::rules;
use crate::document::mentions;
use crate::document::number::{self, fold};
use crate::document::Documents;
use crate::error::Severity;
use crate::messages::{text_in, Lang, Msg};

/// One thing to check, found at `snippet` (text that appears in the written page).
#[derive(Debug, Clone)]
pub struct Finding {
    pub severity: Severity,
    pub snippet: String,
    /// The message in both languages: (Vietnamese, English).
    pub message: (String, String),
}

fn finding(severity: Severity, snippet: &str, msg: impl Fn(Lang) -> String) -> Finding {
    Finding { severity, snippet: snippet.to_owned(), message: (msg(Lang::Vi), msg(Lang::En)) }
}

/// "Sơn La" → "Son La" (what a reader without Vietnamese gives).
pub fn strip_marks(s: &str) -> String {
    s.nfd()
        .filter(|c| !crate::slug::is_combining_mark(*c))
        .map(|c| match c {
            'đ' => 'd',
            'Đ' => 'D',
            c => c,
        })
        .collect()
}

fn whole_word(text: &str, word: &str) -> bool {
    text.match_indices(word).any(|(i, _)| {
        let before = text[..i].chars().next_back();
        let after = text[i + word.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

/// Is this issuer code one we know (from the fact sheet, or a document of the site)?
fn known_code(code: &str, site: Option<&Documents>) -> bool {
    let parts_known = |c: &str| {
        c.split('-').all(|p| {
            rules::ISSUER_CODES.iter().any(|k| fold(k) == fold(p))
                || site.is_some_and(|d| {
                    d.docs.iter().any(|doc| doc.number.issuer_code.split('-').any(|i| fold(i) == fold(p)))
                })
        })
    };
    parts_known(code)
}

/// A date written right after a cited number: ", ngày 27/3/2023" or "ngày 27 tháng 3 năm 2023".
fn date_after(text: &str) -> Option<NaiveDate> {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| {
        Regex::new(r"^\s*,?\s*(?:ban hành\s+)?ngày\s+(\d{1,2})\s*(?:/|-|\.|\s+tháng\s+)\s*(\d{1,2})\s*(?:/|-|\.|\s+năm\s+)\s*(\d{4})")
            .expect("valid pattern")
    });
    let caps = re.captures(text)?;
    let n = |i: usize| caps.get(i).and_then(|m| m.as_str().parse::<u32>().ok());
    NaiveDate::from_ymd_opt(n(3)? as i32, n(2)?, n(1)?)
}

fn short(d: NaiveDate) -> String {
    d.format("%d/%m/%Y").to_string()
}

/// Checks a letter; returns the findings and the numbers it cites (as printed, in order).
pub fn check(letter: &Letter, site: Option<&Documents>) -> (Vec<Finding>, Vec<String>) {
    let mut out = Vec::new();
    let mut cites: Vec<String> = Vec::new();
    let own = letter.number.as_ref().map(|n| n.key.clone());
    let mut texts: Vec<&str> = letter.orgs.iter().map(String::as_str).collect();
    texts.extend(letter.number_printed.as_deref());
    texts.extend(letter.date_line.as_deref());
    texts.extend(letter.subject.as_deref());
    texts.extend(letter.recipients.iter().map(String::as_str));
    let body_from = texts.len();
    texts.extend(letter.body.iter().map(String::as_str));
    texts.extend(letter.distribution.iter().map(String::as_str));
    let mut seen: Vec<String> = Vec::new();
    let mut later_reported: Vec<String> = Vec::new();
    for (ti, text) in texts.iter().enumerate() {
        for m in mentions::find(text) {
            let n = &m.number;
            let written = &text[m.number_start..m.end];
            let first_time = !seen.contains(&n.key);
            seen.push(n.key.clone());
            // OCR reads W as IV, O as 0…: a code we do not know that becomes one we know.
            let mut suspect = false;
            if !known_code(&n.issuer_code, site) {
                for (from, to) in rules::GLYPHS {
                    let variant = n.issuer_code.replace(from, to);
                    if variant != n.issuer_code && known_code(&variant, site) && first_time {
                        let fixed =
                            format!("{}{variant}", &n.printed[..n.printed.len() - n.issuer_code.len()]);
                        out.push(finding(Severity::Warning, written, |l| {
                            text_in(l, Msg::ImportOcrNumber { printed: &n.printed, suggestion: &fixed })
                        }));
                        suspect = true;
                        break;
                    }
                }
            }
            if Some(&n.key) != own.as_ref() && !suspect && !cites.iter().any(|c| number::key(c) == n.key) {
                cites.push(n.printed.clone());
            }
            // A cited document cannot be newer than the letter that implements it.
            let (Some(issued), true) = (letter.issued, ti >= body_from) else { continue };
            let cited_date = date_after(&text[m.end..])
                .or_else(|| site.and_then(|d| d.lookup(&n.printed)).map(|d| d.issued));
            if let Some(date) = cited_date.filter(|d| *d > issued && !later_reported.contains(&n.key)) {
                later_reported.push(n.key.clone());
                let (d, i) = (short(date), short(issued));
                out.push(finding(Severity::Warning, written, |l| {
                    text_in(l, Msg::ImportCitesLater { number: &n.printed, date: &d, issued: &i })
                }));
            }
            // Numbers the site has no page for.
            if let (Some(docs), true, false) = (site, first_time, suspect) {
                if Some(&n.key) != own.as_ref() && docs.lookup(&n.printed).is_none() {
                    let suggestion = docs.suggest(&n.key).map(|s| s.printed.as_str());
                    let severity = if suggestion.is_some() { Severity::Warning } else { Severity::Note };
                    out.push(finding(severity, written, |l| {
                        text_in(l, Msg::ImportNoPage { number: &n.printed, suggestion })
                    }));
                }
            }
        }
    }
    // Place names without their diacritics, and known misreadings.
    let mut words: Vec<(String, &str)> = rules::PLACES.iter().map(|p| (strip_marks(p), *p)).collect();
    words.extend(rules::MISREADINGS.iter().map(|&(a, b)| (a.to_owned(), b)));
    for (wrong, right) in &words {
        if wrong == right {
            continue;
        }
        if texts.iter().any(|t| whole_word(t, wrong)) {
            out.push(finding(Severity::Warning, wrong, |l| {
                text_in(l, Msg::ImportOcrWord { found: wrong, suggestion: right })
            }));
        }
    }
    (out, cites)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::read::Para;

    fn letter(lines: &[&str]) -> Letter {
        let paras: Vec<Para> = lines.iter().map(|l| Para::Text((*l).to_owned())).collect();
        crate::import::layout::recognise(&paras)
    }

    fn messages(findings: &[Finding]) -> Vec<&str> {
        findings.iter().map(|f| f.message.1.as_str()).collect()
    }

    #[test]
    fn misread_codes_later_dates_and_lost_diacritics() {
        let l = letter(&[
            "CHI BỘ CƠ SỞ",
            "Số: 7-CV/CB",
            "Moc Chau, ngày 05 tháng 7 năm 2023",
            "Thực hiện Kết luận số 49-KL/TVV, Chỉ thị 14/CT-TTg và Công văn 12-CV/ĐU ngày 6 tháng 7 năm 2023 của Đảng ủy.",
        ]);
        let (findings, cites) = check(&l, None);
        assert_eq!(
            messages(&findings),
            [
                "number `49-KL/TVV` has an unknown code, perhaps misread by OCR: `49-KL/TW`?",
                "the letter cites `12-CV/ĐU` of 06/07/2023, later than its own date (05/07/2023); one of the dates may be wrong, ask the records office",
                "`Moc Chau` may have lost its diacritics or been misread or mistyped: `Mộc Châu`?",
            ]
            .iter()
            .map(|s| s.to_string())
            .collect::<Vec<_>>()
        );
        // Suspect numbers are not cited as they are; the letter's own number is not cited.
        assert_eq!(cites, ["14/CT-TTg", "12-CV/ĐU"]);
    }

    #[test]
    fn dates_after_a_cited_number() {
        assert_eq!(date_after(" ngày 27/3/2023 của"), NaiveDate::from_ymd_opt(2023, 3, 27));
        assert_eq!(date_after(", ngày 27 tháng 3 năm 2023"), NaiveDate::from_ymd_opt(2023, 3, 27));
        assert_eq!(date_after(" ban hành ngày 01-02-2020"), NaiveDate::from_ymd_opt(2020, 2, 1));
        assert_eq!(date_after(" của Bộ Chính trị ngày 13/4/2007"), None);
    }
}
