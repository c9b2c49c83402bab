//! The documents of a site: read from front matter, validated, then linked to each other.

use std::collections::HashMap;

use chrono::NaiveDate;
use serde::Deserialize;

use super::catalogue::{DocLink, Resolution};
use super::kinds::{self, Kind};
use super::mentions::{Cited, Reference};
use super::number::{self, DocNumber};
use crate::error::Diagnostic;
use crate::messages::{self, Msg};
use crate::resolve::{Page, Site};

/// The top-level folder whose pages are documents.
pub const SECTION: &str = "van-ban";

/// A document page's metadata.
#[derive(Debug)]
pub struct Doc {
    /// Index into `Site::pages`.
    pub page: usize,
    pub number: DocNumber,
    pub kind: &'static Kind,
    pub issuer: String,
    pub issued: NaiveDate,
    pub signer: Option<String>,
    pub subject: Option<String>,
    /// Numbers from the `cites:` list: (as written, file line).
    pub declared: Vec<(String, usize)>,
    /// Documents this one cites (declared or mentioned), by index into `Documents::docs`.
    pub cites: Vec<usize>,
    /// Pages that cite this document, by index into `Site::pages`.
    pub cited_by: Vec<usize>,
    /// Other spellings the site's pages use for this number (`11-CT/TIV`, `11 CT/TW`).
    pub spellings: Vec<String>,
}

/// Every document of the site, with lookups.
#[derive(Debug, Default)]
pub struct Documents {
    pub docs: Vec<Doc>,
    /// Matching key (`11-CT/TW`) → index into `docs`.
    pub by_key: HashMap<String, usize>,
    /// Page index → index into `docs`.
    pub of_page: HashMap<usize, usize>,
}

#[derive(Deserialize, Default)]
#[serde(default, deny_unknown_fields)]
struct Front {
    number: Option<String>,
    kind: Option<String>,
    issuer: Option<String>,
    issued: Option<serde_yaml::Value>,
    signer: Option<String>,
    subject: Option<String>,
    cites: Vec<String>,
}

/// Is this page a document (in `van-ban/` or with a `document:` block)?
pub fn is_document(page: &Page) -> bool {
    page.parsed.front.document.is_some() || crate::resolve::in_top_folder(&page.parsed.source.rel, SECTION)
}

/// A state number's key with the year of issue put in: `14/CT-TTG` → `14/2021/CT-TTG`.
fn qualified(key: &str, issued: NaiveDate) -> Option<String> {
    let digits = key.find(|c: char| !c.is_ascii_digit())?;
    Some(format!("{}/{}{}", &key[..digits], issued.format("%Y"), &key[digits..]))
}

fn field_line(text: &str, key: &str) -> usize {
    crate::config::block_key_line(text, "document", key)
}

/// Reads and validates every document's metadata.
pub fn index(site: &Site, diags: &mut Vec<Diagnostic>) -> Documents {
    let mut out = Documents::default();
    let mut files_of_key: HashMap<String, usize> = HashMap::new();
    // Key as written → the documents that have it (several only for state numbers of
    // different years).
    let mut same_base_docs: HashMap<String, Vec<usize>> = HashMap::new();
    for (pi, page) in site.pages.iter().enumerate() {
        if !is_document(page) {
            continue;
        }
        let src = &page.parsed.source;
        let err = |key: &str, msg: String| {
            Diagnostic::error(&src.shown, field_line(&src.text, key), 1, msg).with_excerpt_from(&src.text)
        };
        let front: Front = match &page.parsed.front.document {
            None => {
                diags.push(Diagnostic::error(&src.shown, 1, 1, messages::text(Msg::DocumentMissing)));
                continue;
            }
            Some(value) => match Front::deserialize(value) {
                Ok(f) => f,
                Err(e) => {
                    let msg =
                        crate::parse::block_error(&e, value, "document", "number, kind, issuer, issued");
                    diags.push(err("document", msg));
                    continue;
                }
            },
        };
        let mut ok = true;
        let mut required = |field: &'static str, present: bool| {
            if !present {
                ok = false;
                diags.push(err("document", messages::text(Msg::DocumentFieldMissing { field })));
            }
        };
        required("number", front.number.is_some());
        required("issuer", front.issuer.as_deref().is_some_and(|s| !s.trim().is_empty()));
        required("issued", front.issued.as_ref().is_some_and(|v| !v.is_null()));
        let number = match front.number.as_deref().map(|n| (n, number::parse(n))) {
            Some((_, Some(n))) => {
                // The card shows the number: a Latin `D` or `Ð` for `Đ`, or lowercase
                // codes, are written as printed, with a warning.
                let fixed = number::as_printed(&n);
                if fixed.printed != n.printed {
                    let msg = messages::text(Msg::DocumentNumberAsPrinted {
                        written: &n.printed,
                        printed: &fixed.printed,
                    });
                    let line = field_line(&src.text, "number");
                    diags.push(Diagnostic::warning(&src.shown, line, 1, msg).with_excerpt_from(&src.text));
                }
                Some(fixed)
            }
            Some((written, None)) => {
                diags.push(err("number", messages::text(Msg::DocumentBadNumber { number: written })));
                None
            }
            None => None,
        };
        let issued = front.issued.as_ref().and_then(|v| {
            crate::date::from_yaml(v).unwrap_or_else(|text| {
                diags.push(err("issued", messages::text(Msg::BadDate { value: &text })));
                None
            })
        });
        let written_kind = front.kind.as_ref().filter(|k| !k.trim().is_empty());
        let kind = match (written_kind, &number) {
            (Some(k), _) => {
                let found = kinds::by_slug(k);
                if found.is_none() {
                    let suggestion =
                        messages::did_you_mean(&crate::slug::slugify(k), kinds::KINDS.iter().map(|k| k.slug));
                    diags.push(err("kind", messages::text(Msg::DocumentBadKind { kind: k, suggestion })));
                }
                found
            }
            (None, Some(n)) => {
                let found =
                    n.kind_code.as_deref().and_then(|c| kinds::by_code(c, n.family == number::Family::Party));
                if found.is_none() {
                    diags
                        .push(err("number", messages::text(Msg::DocumentKindUnknown { number: &n.printed })));
                }
                found
            }
            (None, None) => None,
        };
        let (Some(mut number), Some(issued), Some(kind), true) = (number, issued, kind, ok) else { continue };
        // State numbers start again each year: `14/CT-TTg` of 2021 and of 2026 are two
        // documents. Both then get the year in their key (`14/2021/CT-TTG`).
        let base = number.key.clone();
        let same_base = same_base_docs.get(&base).cloned().unwrap_or_default();
        let apart = |key: &str| qualified(key, issued).filter(|_| number.family == number::Family::State);
        let clash = same_base.iter().copied().find(|&d| {
            let other: &Doc = &out.docs[d];
            number.year.is_some()
                || other.number.year.is_some()
                || number.family != number::Family::State
                || other.issued.format("%Y").to_string() == issued.format("%Y").to_string()
        });
        let key = if same_base.is_empty() || clash.is_some() { None } else { apart(&base) };
        let clash_page = clash.map(|d| out.docs[d].page).or_else(|| {
            key.as_ref()
                .and_then(|k| files_of_key.get(k).copied())
                .or_else(|| (same_base.is_empty()).then(|| files_of_key.get(&base).copied()).flatten())
        });
        if let Some(other) = clash_page {
            let other = site.pages[other].parsed.source.shown.display().to_string();
            diags.push(err(
                "number",
                messages::text(Msg::DocumentDuplicate { number: &number.printed, other: &other }),
            ));
            continue;
        }
        if let Some(key) = key {
            for &d in &same_base {
                let old = out.docs[d].number.key.clone();
                if old == base {
                    let new = qualified(&base, out.docs[d].issued).unwrap_or(old.clone());
                    out.by_key.remove(&old);
                    files_of_key.remove(&old);
                    out.by_key.insert(new.clone(), d);
                    files_of_key.insert(new.clone(), out.docs[d].page);
                    out.docs[d].number.key = new;
                }
            }
            number.key = key;
        }
        same_base_docs.entry(base).or_default().push(out.docs.len());
        files_of_key.insert(number.key.clone(), pi);
        let declared = front.cites.iter().map(|c| (c.clone(), field_line(&src.text, "cites"))).collect();
        out.by_key.insert(number.key.clone(), out.docs.len());
        out.of_page.insert(pi, out.docs.len());
        out.docs.push(Doc {
            page: pi,
            number,
            kind,
            issuer: front.issuer.unwrap_or_default().trim().to_owned(),
            issued,
            signer: front.signer.filter(|s| !s.trim().is_empty()),
            subject: front.subject.filter(|s| !s.trim().is_empty()),
            declared,
            cites: Vec::new(),
            cited_by: Vec::new(),
            spellings: Vec::new(),
        });
    }
    out
}

/// A mention in a page body, as Markdown rendering found and resolved it.
#[derive(Debug, Clone)]
pub struct Found {
    /// The key of the document it means, or of the number as written when none fits.
    pub key: String,
    /// As written: `11-CT/TIV`, `Chỉ thị 11`.
    pub printed: String,
    pub line: usize,
    pub col: usize,
    pub how: How,
}

/// How a mention was matched.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum How {
    /// By its number as written (or a plain link to the page); unknown numbers are reported.
    AsWritten,
    /// Linked, but written with an OCR or typing error.
    Corrected,
    /// A short form that several documents fit: their printed numbers.
    Several(Vec<String>),
    /// A short form no document fits.
    NoMatch,
}

impl Found {
    /// A plain link to a document's page.
    pub fn linked(key: &str, line: usize, col: usize) -> Found {
        // No spelling: the link's text is not a number.
        Found { key: key.to_owned(), printed: String::new(), line, col, how: How::AsWritten }
    }

    /// The mention `r` of `text`, resolved; with the page to link to, if any.
    pub fn resolved<'c>(
        r: &Reference,
        text: &str,
        resolution: &Resolution<'c>,
        line: usize,
        col: usize,
    ) -> (Option<&'c DocLink>, Found) {
        let (printed, written_key) = match &r.cited {
            Cited::Number(n) => (n.printed.clone(), n.key.clone()),
            Cited::Short(_) => {
                (text[r.start..r.end].split_whitespace().collect::<Vec<_>>().join(" "), String::new())
            }
        };
        let found = |key: String, how| Found { key, printed: printed.clone(), line, col, how };
        match resolution {
            Resolution::Found(e) => (Some(&e.link), found(e.key.clone(), How::AsWritten)),
            Resolution::Corrected(e) => (Some(&e.link), found(e.key.clone(), How::Corrected)),
            Resolution::Several(es) => {
                (None, found(written_key, How::Several(es.iter().map(|e| e.shown.clone()).collect())))
            }
            Resolution::Unknown if written_key.is_empty() => (None, found(written_key, How::NoMatch)),
            Resolution::Unknown => (None, found(written_key, How::AsWritten)),
        }
    }
}

impl Documents {
    /// The document a written number refers to, if the site has it.
    pub fn lookup(&self, written: &str) -> Option<&Doc> {
        self.by_key.get(&number::key(written)).map(|&i| &self.docs[i])
    }

    /// The document a number key means, for reading it aloud: as written, or read
    /// through its OCR errors (`11-CT/TIV` is 11-CT/TW).
    pub fn spoken(&self, key: &str) -> Option<&Doc> {
        let found = self
            .by_key
            .get(key)
            .or_else(|| super::catalogue::ocr_readings(key).find_map(|k| self.by_key.get(&k)));
        found.map(|&i| &self.docs[i])
    }

    /// The closest known number to an unknown one: same number with a typo in the codes,
    /// or one character off.
    pub fn suggest(&self, key: &str) -> Option<&DocNumber> {
        let num = key.split(['-', '/']).next().unwrap_or("");
        self.docs
            .iter()
            .map(|d| (strsim::levenshtein(&d.number.key, key), d))
            .filter(|(dist, d)| {
                let same_num = d.number.key.split(['-', '/']).next() == Some(num);
                (*dist <= 2 && same_num) || *dist == 1
            })
            .min_by_key(|(dist, _)| *dist)
            .map(|(_, d)| &d.number)
    }

    /// Fills in who cites whom from `cites:` lists and the mentions Markdown found;
    /// reports misspelt, ambiguous and unknown mentions (once per page and spelling) and
    /// citations of documents issued later.
    pub fn link_up(&mut self, site: &Site, found: &[&[Found]], diags: &mut Vec<Diagnostic>) {
        self.link_up_reporting(site, found, diags, true);
    }

    /// `link_up`; with `report` false the notes and warnings about mentions are not
    /// made (`serve`'s rebuilds show none: 10,000 pages' excerpts cost a rebuild 40 ms).
    pub fn link_up_reporting(
        &mut self,
        site: &Site,
        found: &[&[Found]],
        diags: &mut Vec<Diagnostic>,
        report: bool,
    ) {
        for (pi, mentions) in found.iter().enumerate() {
            let own = self.of_page.get(&pi).copied();
            for m in mentions.iter() {
                let Some(d) = self.by_key.get(&m.key).copied() else { continue };
                if Some(d) != own {
                    self.cite(own, pi, d);
                }
                let doc = &mut self.docs[d];
                if !m.printed.is_empty()
                    && m.printed != doc.number.printed
                    && !doc.spellings.contains(&m.printed)
                {
                    doc.spellings.push(m.printed.clone());
                }
            }
        }
        if report {
            // Pages are reported in parallel (a large site has thousands of notes), in order.
            use rayon::prelude::*;
            let this = &*self;
            let per_page: Vec<Vec<Diagnostic>> = found
                .par_iter()
                .enumerate()
                .map(|(pi, mentions)| this.mention_notes(site, pi, mentions))
                .collect();
            diags.extend(per_page.into_iter().flatten());
        }
        for di in 0..self.docs.len() {
            let declared = std::mem::take(&mut self.docs[di].declared);
            let pi = self.docs[di].page;
            let src = &site.pages[pi].parsed.source;
            let lines = crate::error::Lines::new(&src.text);
            for (written, line) in &declared {
                let col = lines
                    .line((*line).max(1))
                    .and_then(|l| l.find(written.as_str()).map(|b| l[..b].chars().count() + 1))
                    .unwrap_or(0);
                let parsed = number::parse(written);
                let resolution = match &parsed {
                    Some(n) => site.targets.documents.resolve_number(n),
                    None => Resolution::Unknown,
                };
                let (known, corrected) = match resolution {
                    Resolution::Found(e) => (self.by_key.get(&e.key).copied(), false),
                    Resolution::Corrected(e) => (self.by_key.get(&e.key).copied(), true),
                    Resolution::Several(all) => {
                        let fits: Vec<&str> = all.iter().map(|e| e.shown.as_str()).collect();
                        let msg =
                            messages::text(Msg::DocumentAmbiguous { written, fits: &fits.join("`, `") });
                        diags.push(Diagnostic::warning(&src.shown, *line, col, msg).with_excerpt_of(&lines));
                        continue;
                    }
                    Resolution::Unknown => (None, false),
                };
                match known {
                    Some(d) => {
                        if d != di {
                            self.cite(Some(di), pi, d);
                        } else {
                            let msg = messages::text(Msg::DocumentCitesItself { number: written });
                            diags.push(
                                Diagnostic::warning(&src.shown, *line, col, msg).with_excerpt_of(&lines),
                            );
                        }
                        if corrected {
                            let meant = &self.docs[d].number.printed;
                            let msg = messages::text(Msg::DocumentMisspelt { written, meant });
                            diags.push(
                                Diagnostic::warning(&src.shown, *line, col, msg).with_excerpt_of(&lines),
                            );
                        }
                    }
                    None => {
                        let key = parsed.map_or_else(|| number::key(written), |n| n.key);
                        diags.push(self.unknown(&src.shown, *line, col, written, &key, &lines))
                    }
                }
            }
            self.docs[di].declared = declared;
        }
        // A document cannot implement one issued after it: usually a typo in a date.
        for doc in &self.docs {
            for &c in &doc.cites {
                let cited = &self.docs[c];
                if cited.issued > doc.issued {
                    let src = &site.pages[doc.page].parsed.source;
                    let short = |d: NaiveDate| crate::date::format(d, "short").unwrap_or_default();
                    diags.push(
                        Diagnostic::warning(
                            &src.shown,
                            field_line(&src.text, "issued"),
                            1,
                            messages::text(Msg::DocumentCitesLater {
                                number: &doc.number.printed,
                                date: &short(doc.issued),
                                cited: &cited.number.printed,
                                cited_date: &short(cited.issued),
                            }),
                        )
                        .with_excerpt_from(&src.text),
                    );
                }
            }
        }
        for doc in &mut self.docs {
            doc.cited_by.sort_by(|&a, &b| {
                let (pa, pb) = (&site.pages[a], &site.pages[b]);
                pb.parsed.front.date.cmp(&pa.parsed.front.date).then_with(|| pa.title.cmp(&pb.title))
            });
        }
    }

    /// The warnings and notes about page `pi`'s mentions, once per spelling.
    fn mention_notes(&self, site: &Site, pi: usize, mentions: &[Found]) -> Vec<Diagnostic> {
        let src = &site.pages[pi].parsed.source;
        let mut reported: Vec<&str> = Vec::new();
        let mut out = Vec::new();
        let lines = crate::error::Lines::new(&src.text);
        for m in mentions {
            if reported.contains(&m.printed.as_str()) {
                continue;
            }
            let known = self.by_key.get(&m.key).copied();
            let at = |d: Diagnostic| d.with_excerpt_of(&lines);
            let diag = match (&m.how, known) {
                (How::AsWritten, Some(_)) => None,
                (How::AsWritten, None) => {
                    Some(self.unknown(&src.shown, m.line, m.col, &m.printed, &m.key, &lines))
                }
                (How::Corrected, Some(d)) => Some(at(Diagnostic::warning(
                    &src.shown,
                    m.line,
                    m.col,
                    messages::text(Msg::DocumentMisspelt {
                        written: &m.printed,
                        meant: &self.docs[d].number.printed,
                    }),
                ))),
                (How::Corrected, None) => None,
                (How::Several(all), _) => Some(at(Diagnostic::warning(
                    &src.shown,
                    m.line,
                    m.col,
                    messages::text(Msg::DocumentAmbiguous { written: &m.printed, fits: &all.join("`, `") }),
                ))),
                (How::NoMatch, _) => Some(at(Diagnostic::note(
                    &src.shown,
                    m.line,
                    m.col,
                    messages::text(Msg::DocumentShortUnknown { written: &m.printed }),
                ))),
            };
            if let Some(d) = diag {
                reported.push(&m.printed);
                out.push(d);
            }
        }
        out
    }

    fn cite(&mut self, citing_doc: Option<usize>, citing_page: usize, cited: usize) {
        if !self.docs[cited].cited_by.contains(&citing_page) {
            self.docs[cited].cited_by.push(citing_page);
        }
        if let Some(c) = citing_doc {
            if !self.docs[c].cites.contains(&cited) {
                self.docs[c].cites.push(cited);
            }
        }
    }

    fn unknown(
        &self,
        path: &std::path::Path,
        line: usize,
        col: usize,
        written: &str,
        key: &str,
        lines: &crate::error::Lines,
    ) -> Diagnostic {
        match self.suggest(key) {
            Some(near) => Diagnostic::warning(
                path,
                line,
                col,
                messages::text(Msg::DocumentUnknown { number: written, suggestion: Some(&near.printed) }),
            ),
            None => Diagnostic::note(
                path,
                line,
                col,
                messages::text(Msg::DocumentUnknown { number: written, suggestion: None }),
            ),
        }
        .with_excerpt_of(lines)
    }
}

/// URL of the documents' timeline page.
pub fn timeline_url(site: &Site) -> String {
    format!("{}dong-thoi-gian/", documents_base(site))
}

/// URL of the citation-graph page.
pub fn graph_url(site: &Site) -> String {
    format!("{}so-do-trich-dan/", documents_base(site))
}

fn documents_base(site: &Site) -> &str {
    site.top_section(SECTION).map_or("/", |s| site.sections[s].url.as_str())
}

/// Makes documents known to the rest of the pipeline: mention targets, and the kind,
/// The taxonomies every documents section gets: (name and folder, title). Their pages
/// sit under "Văn bản" in breadcrumbs.
pub const TAXONOMIES: [(&str, &str); 3] = [
    ("loai-van-ban", "Loại văn bản"),
    ("co-quan-ban-hanh", "Cơ quan ban hành"),
    ("nam-ban-hanh", "Năm ban hành"),
];

/// issuer and year taxonomies, timeline and graph pages.
pub fn attach(site: &mut Site, docs: &Documents) {
    if docs.docs.is_empty() {
        return;
    }
    for d in &docs.docs {
        let page = &site.pages[d.page];
        let date = crate::date::format(d.issued, "short").unwrap_or_default();
        let label = format!("{} {} ngày {date}", d.kind.name, d.number.printed);
        let link = DocLink { url: page.url.clone(), label, source: page.parsed.source.rel.clone() };
        let year = u16::try_from(chrono::Datelike::year(&d.issued)).unwrap_or(0);
        site.targets.documents.add(&d.number, d.kind, &d.issuer, year, link);
        site.targets.document_urls.insert(page.url.clone(), d.number.key.clone());
    }
    let taxonomy = |name: &str, title: &str| crate::config::Taxonomy {
        name: name.into(),
        title: title.into(),
        path: name.into(),
        feed: false,
    };
    let kinds: Vec<(usize, String)> = docs.docs.iter().map(|d| (d.page, d.kind.name.to_owned())).collect();
    let issuers: Vec<(usize, String)> = docs.docs.iter().map(|d| (d.page, d.issuer.clone())).collect();
    let years: Vec<(usize, String)> =
        docs.docs.iter().map(|d| (d.page, d.issued.format("%Y").to_string())).collect();
    let [kind, issuer, year] = TAXONOMIES;
    crate::resolve::add_taxonomy(site, taxonomy(kind.0, kind.1), &kinds);
    crate::resolve::add_taxonomy(site, taxonomy(issuer.0, issuer.1), &issuers);
    crate::resolve::add_taxonomy(site, taxonomy(year.0, year.1), &years);
    let (timeline, graph) = (timeline_url(site), graph_url(site));
    site.targets.urls.insert(timeline);
    site.targets.urls.insert(graph);
}
