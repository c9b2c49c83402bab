//! The site's documents as mention targets: which document a mention means, by its
//! number, an OCR-damaged number, or kind and number with year and issuer when given.

use std::collections::HashMap;

use super::issuers;
use super::kinds::Kind;
use super::mentions::{self, Reference};
use super::mentions::{Cited, Short};
use super::number::{self, DocNumber};

/// Where a mention of a document number links to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocLink {
    pub url: String,
    /// Shown on hover: "Chỉ thị 11-CT/TW ngày 13/04/2007".
    pub label: String,
    /// The document's own source, so it does not link to itself.
    pub source: String,
}

/// Letters OCR and hurried typing put for others in the codes of a number, as
/// (written, meant): the seed letter has "CT/TIV" for "CT/TW". `Ð` (U+00D0) and a
/// Latin `D` for `Đ` are folded by the key and caught by `spelled_as_printed`.
/// "TƯ", the running-text abbreviation of Trung ương, is typed for the code `TW`.
const OCR: &[(&str, &str)] = &[("IV", "W"), ("VV", "W"), ("TƯ", "TW")];

/// The keys an OCR-damaged key may stand for: `11-CT/TIV` → `11-CT/TW`.
pub fn ocr_readings(key: &str) -> impl Iterator<Item = String> + '_ {
    let codes_at = key.find(|c: char| !c.is_ascii_digit()).unwrap_or(key.len());
    let (digits, codes) = key.split_at(codes_at);
    OCR.iter()
        .filter(move |(written, _)| codes.contains(written))
        .map(move |(written, meant)| format!("{digits}{}", codes.replace(written, meant)))
}

/// One document of the site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub key: String,
    pub printed: String,
    /// The number as messages show it: `14/CT-TTg (2021)` when other years share it.
    pub shown: String,
    pub link: DocLink,
    kind: &'static str,
    year: Option<u16>,
    issued_year: u16,
    /// The number without its codes (`1373`), which short forms are matched by.
    num: u32,
    /// Names "của …" may use: the front matter's issuer and those of its code.
    issuer_names: Vec<String>,
}

/// Every document of the site, by key and by number.
#[derive(Debug, Default, Clone)]
pub struct Catalogue {
    entries: Vec<Entry>,
    by_key: HashMap<String, usize>,
    by_num: HashMap<u32, Vec<usize>>,
    /// A state number as written (`14/CT-TTG`) → its documents of different years,
    /// whose keys have the year put in (`14/2021/CT-TTG`).
    by_base: HashMap<String, Vec<usize>>,
}

/// Which document a mention means.
#[derive(Debug)]
pub enum Resolution<'a> {
    /// Exactly this one, written as printed (case and separators aside).
    Found(&'a Entry),
    /// This one, written with an OCR or typing error.
    Corrected(&'a Entry),
    /// A short form that fits several documents.
    Several(Vec<&'a Entry>),
    /// No document of the site.
    Unknown,
}

impl Catalogue {
    /// Adds a document; the caller has made sure keys are unique.
    pub fn add(
        &mut self,
        number: &DocNumber,
        kind: &'static Kind,
        issuer: &str,
        issued_year: u16,
        link: DocLink,
    ) {
        let mut issuer_names = vec![issuer.to_owned()];
        for part in number.issuer_code.split('-') {
            issuer_names.extend(issuers::names(part).iter().map(|n| (*n).to_owned()));
        }
        let i = self.entries.len();
        let base = number::key(&number.printed);
        let mut shown = number.printed.clone();
        if base != number.key {
            self.by_base.entry(base).or_default().push(i);
            shown = format!("{shown} ({issued_year})");
        }
        self.by_key.insert(number.key.clone(), i);
        self.by_num.entry(number.num).or_default().push(i);
        self.entries.push(Entry {
            key: number.key.clone(),
            printed: number.printed.clone(),
            shown,
            link,
            kind: kind.slug,
            year: number.year,
            issued_year,
            num: number.num,
            issuer_names,
        });
    }

    /// The document with this key.
    pub fn get(&self, key: &str) -> Option<&Entry> {
        self.by_key.get(key).map(|&i| &self.entries[i])
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The numbers (`num`) of the documents that are not the same in `other`: a mention
    /// may resolve differently only if it has one of them (or resolved to nothing).
    pub fn changed_numbers(&self, other: &Catalogue) -> std::collections::HashSet<u32> {
        let mut changed = std::collections::HashSet::new();
        for (a, b) in [(self, other), (other, self)] {
            for e in &a.entries {
                if b.get(&e.key) != Some(e) {
                    changed.insert(e.num);
                }
            }
        }
        changed
    }

    /// The number (`num`) of the document with this key.
    pub fn num_of(&self, key: &str) -> Option<u32> {
        self.get(key).map(|e| e.num)
    }

    /// Which document the mention `r` of `text` means.
    pub fn resolve(&self, r: &Reference, text: &str) -> Resolution<'_> {
        match &r.cited {
            Cited::Number(n) => self.number(n, || mentions::year_after(text, r.end)),
            Cited::Short(s) => self.short(s),
        }
    }

    /// Which document a number (from front matter) means.
    pub fn resolve_number(&self, n: &DocNumber) -> Resolution<'_> {
        self.number(n, || None)
    }

    fn number(&self, n: &DocNumber, year: impl Fn() -> Option<u16>) -> Resolution<'_> {
        let as_written = |e| as_written(n, e);
        if let Some(e) = self.get(&n.key) {
            return as_written(e);
        }
        if let Some(same) = self.by_base.get(&n.key) {
            let mut fits: Vec<&Entry> = same.iter().map(|&i| &self.entries[i]).collect();
            if let Some(y) = year() {
                fits.retain(|e| e.issued_year == y);
            }
            fits.sort_by(|a, b| a.shown.cmp(&b.shown));
            return match fits.len() {
                0 => Resolution::Unknown,
                1 => as_written(fits[0]),
                _ => Resolution::Several(fits),
            };
        }
        // `11/CT-TW`: a Party number written the state way (or the other way round).
        if let (Some(kind), None) = (&n.kind_code, n.year) {
            let (kind, issuer) = (number::fold(kind), number::fold(&n.issuer_code));
            let swapped = match n.family {
                number::Family::State => format!("{}-{kind}/{issuer}", n.num),
                number::Family::Party => format!("{}/{kind}-{issuer}", n.num),
            };
            if let Some(e) = self.get(&swapped) {
                return Resolution::Corrected(e);
            }
        }
        ocr_readings(&n.key).find_map(|k| self.get(&k)).map_or(Resolution::Unknown, Resolution::Corrected)
    }

    fn short(&self, s: &Short) -> Resolution<'_> {
        let Some(same_num) = self.by_num.get(&s.num) else { return Resolution::Unknown };
        let mut fits: Vec<&Entry> = same_num
            .iter()
            .map(|&i| &self.entries[i])
            .filter(|e| e.kind == s.kind.slug)
            .filter(|e| s.year.is_none_or(|y| e.year == Some(y) || e.issued_year == y))
            .collect();
        if let Some(phrase) = &s.issuer {
            let names = |e: &Entry| e.issuer_names.iter().any(|n| issuers::phrase_names(phrase, n));
            if fits.iter().any(|e| names(e)) {
                fits.retain(|e| names(e));
            } else if self.names_an_issuer(phrase) {
                // "của" names someone known, just not the issuer of any that fit.
                fits.clear();
            }
        }
        if let (true, Some(y)) = (fits.len() > 1, s.dated) {
            if fits.iter().any(|e| e.issued_year == y) {
                fits.retain(|e| e.issued_year == y);
            }
        }
        match fits.len() {
            0 => Resolution::Unknown,
            1 => Resolution::Found(fits[0]),
            _ => {
                fits.sort_by(|a, b| a.shown.cmp(&b.shown));
                Resolution::Several(fits)
            }
        }
    }

    fn names_an_issuer(&self, phrase: &str) -> bool {
        issuers::all().iter().flat_map(|i| i.names.iter()).any(|n| issuers::phrase_names(phrase, n))
            || self.entries.iter().any(|e| e.issuer_names.iter().any(|n| issuers::phrase_names(phrase, n)))
    }
}

fn as_written<'a>(n: &DocNumber, e: &'a Entry) -> Resolution<'a> {
    if spelled_as_printed(&n.printed, &e.printed) {
        Resolution::Found(e)
    } else {
        Resolution::Corrected(e)
    }
}

/// Whether a number is written with the letters of the printed one (case aside): a
/// Latin `D` or the look-alike `Ð` for `Đ` is not.
fn spelled_as_printed(written: &str, printed: &str) -> bool {
    let codes =
        |s: &str| s.chars().filter(|c| c.is_alphabetic()).flat_map(char::to_uppercase).collect::<String>();
    codes(written) == codes(printed)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::kinds;

    fn catalogue() -> Catalogue {
        let mut c = Catalogue::default();
        let link = |url: &str| DocLink { url: url.into(), label: String::new(), source: String::new() };
        for (number, kind, issuer, year) in [
            ("11-CT/TW", "chi-thi", "Bộ Chính trị", 2007),
            ("14/CT-TTg", "chi-thi", "Thủ tướng Chính phủ", 2021),
            ("1373/QĐ-TTg", "quyet-dinh", "Thủ tướng Chính phủ", 2021),
            ("1373/QĐ-UBND", "quyet-dinh", "Ủy ban nhân dân tỉnh Sơn La", 2019),
            ("49-KL/TW", "ket-luan", "Ban Bí thư Trung ương Đảng", 2019),
            ("49/2024/NĐ-CP", "nghi-dinh", "Chính phủ", 2024),
        ] {
            let n = number::parse(number).unwrap();
            c.add(&n, kinds::by_slug(kind).unwrap(), issuer, year, link(number));
        }
        c
    }

    /// What the first mention in `text` resolves to: the printed numbers, and how.
    fn resolve(text: &str) -> (&'static str, Vec<String>) {
        let c = catalogue();
        let found = mentions::scan(text);
        let Some(r) = found.first() else { return ("none", Vec::new()) };
        match c.resolve(r, text) {
            Resolution::Found(e) => ("found", vec![e.printed.clone()]),
            Resolution::Corrected(e) => ("corrected", vec![e.printed.clone()]),
            Resolution::Several(es) => ("several", es.iter().map(|e| e.shown.clone()).collect()),
            Resolution::Unknown => ("unknown", Vec::new()),
        }
    }

    #[test]
    fn short_forms_link_when_one_document_fits() {
        for (text, how, want) in [
            ("theo Chỉ thị 11 của Bộ Chính trị", "found", &["11-CT/TW"][..]),
            ("Chỉ thị số 11 của Bộ Chính trị khóa X", "found", &["11-CT/TW"]),
            ("Chỉ thị 11 của Ban Bí thư", "found", &["11-CT/TW"]),
            ("Chỉ thị 11 của Thủ tướng", "unknown", &[]),
            ("CT 11", "found", &["11-CT/TW"]),
            ("Kết luận 49", "found", &["49-KL/TW"]),
            ("KL 49", "found", &["49-KL/TW"]),
            ("Quyết định 1373", "several", &["1373/QĐ-TTg", "1373/QĐ-UBND"]),
            ("Quyết định 1373 của Thủ tướng Chính phủ", "found", &["1373/QĐ-TTg"]),
            ("QĐ 1373 năm 2021", "found", &["1373/QĐ-TTg"]),
            ("Quyết định 1373 ngày 30/7/2021", "found", &["1373/QĐ-TTg"]),
            ("Nghị định 49/2024", "found", &["49/2024/NĐ-CP"]),
            ("Nghị định 49/2023", "unknown", &[]),
            ("Chỉ thị 12", "unknown", &[]),
            ("Chỉ thị 11-CT/TIV", "corrected", &["11-CT/TW"]),
            ("1373/QÐ-TTg", "corrected", &["1373/QĐ-TTg"]),
            ("1373/QD-TTg", "corrected", &["1373/QĐ-TTg"]),
            ("1373/qđ-ttg", "found", &["1373/QĐ-TTg"]),
            ("11 - CT / TW", "found", &["11-CT/TW"]),
            ("11/CT-TW", "corrected", &["11-CT/TW"]),
            ("11-CT/TƯ", "corrected", &["11-CT/TW"]),
            ("11-CT/TVV", "corrected", &["11-CT/TW"]),
            ("1373-QĐ/TTg", "corrected", &["1373/QĐ-TTg"]),
        ] {
            let want: Vec<String> = want.iter().map(|s| s.to_string()).collect();
            assert_eq!(resolve(text), (how, want), "{text}");
        }
    }
}
