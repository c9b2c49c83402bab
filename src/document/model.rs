//! The documents of a site: read from front matter, validated, then linked to each other.

use std::collections::HashMap;

use chrono::NaiveDate;
use serde::Deserialize;

use super::kinds::{self, Kind};
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

fn field_line(text: &str, key: &str) -> usize {
    crate::config::block_key_line(text, "document", key)
}

/// Reads and validates every document's metadata.
pub fn index(site: &Site, diags: &mut Vec<Diagnostic>) -> Documents {
    let mut out = Documents::default();
    let mut files_of_key: HashMap<String, usize> = HashMap::new();
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
            Some((_, Some(n))) => Some(n),
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
        let (Some(number), Some(issued), Some(kind), true) = (number, issued, kind, ok) else { continue };
        if let Some(&other) = files_of_key.get(&number.key) {
            let other = site.pages[other].parsed.source.shown.display().to_string();
            diags.push(err(
                "number",
                messages::text(Msg::DocumentDuplicate { number: &number.printed, other: &other }),
            ));
            continue;
        }
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
        });
    }
    out
}

/// A number mentioned in a page body, as Markdown rendering found it.
#[derive(Debug, Clone)]
pub struct Found {
    pub key: String,
    pub printed: String,
    pub line: usize,
}

impl Documents {
    /// The document a written number refers to, if the site has it.
    pub fn lookup(&self, written: &str) -> Option<&Doc> {
        self.by_key.get(&number::key(written)).map(|&i| &self.docs[i])
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
    /// reports unknown numbers and citations of documents issued later.
    pub fn link_up(&mut self, site: &Site, found: &[&[Found]], diags: &mut Vec<Diagnostic>) {
        for (pi, mentions) in found.iter().enumerate() {
            let src = &site.pages[pi].parsed.source;
            let own = self.of_page.get(&pi).copied();
            let mut reported: Vec<&str> = Vec::new();
            for m in mentions.iter() {
                match self.by_key.get(&m.key).copied() {
                    Some(d) if Some(d) != own => self.cite(own, pi, d),
                    Some(_) => {}
                    // Once per page and number is enough.
                    None if reported.contains(&m.key.as_str()) => {}
                    None => {
                        reported.push(&m.key);
                        diags.push(self.unknown(&src.shown, m.line, &m.printed, &m.key, &src.text));
                    }
                }
            }
        }
        for di in 0..self.docs.len() {
            let declared = std::mem::take(&mut self.docs[di].declared);
            let pi = self.docs[di].page;
            let src = &site.pages[pi].parsed.source;
            for (written, line) in &declared {
                let key = number::key(written);
                match self.by_key.get(&key).copied() {
                    Some(d) if d != di => self.cite(Some(di), pi, d),
                    Some(_) => {
                        let msg = messages::text(Msg::DocumentCitesItself { number: written });
                        diags.push(
                            Diagnostic::warning(&src.shown, *line, 0, msg).with_excerpt_from(&src.text),
                        );
                    }
                    None => diags.push(self.unknown(&src.shown, *line, written, &key, &src.text)),
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
        written: &str,
        key: &str,
        text: &str,
    ) -> Diagnostic {
        match self.suggest(key) {
            Some(near) => Diagnostic::warning(
                path,
                line,
                0,
                messages::text(Msg::DocumentUnknown { number: written, suggestion: Some(&near.printed) }),
            ),
            None => Diagnostic::note(
                path,
                line,
                0,
                messages::text(Msg::DocumentUnknown { number: written, suggestion: None }),
            ),
        }
        .with_excerpt_from(text)
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
/// issuer and year taxonomies, timeline and graph pages.
pub fn attach(site: &mut Site, docs: &Documents) {
    if docs.docs.is_empty() {
        return;
    }
    for d in &docs.docs {
        let page = &site.pages[d.page];
        let date = crate::date::format(d.issued, "short").unwrap_or_default();
        let label = format!("{} {} ngày {date}", d.kind.name, d.number.printed);
        site.targets.documents.insert(
            d.number.key.clone(),
            crate::markdown::DocLink { url: page.url.clone(), label, source: page.parsed.source.rel.clone() },
        );
        site.targets.document_urls.insert(page.url.clone(), d.number.key.clone());
    }
    let taxonomy = |name: &str, title: &str| crate::config::Taxonomy {
        name: name.into(),
        title: title.into(),
        path: name.into(),
    };
    let kinds: Vec<(usize, String)> = docs.docs.iter().map(|d| (d.page, d.kind.name.to_owned())).collect();
    let issuers: Vec<(usize, String)> = docs.docs.iter().map(|d| (d.page, d.issuer.clone())).collect();
    let years: Vec<(usize, String)> =
        docs.docs.iter().map(|d| (d.page, d.issued.format("%Y").to_string())).collect();
    crate::resolve::add_taxonomy(site, taxonomy("loai-van-ban", "Loại văn bản"), &kinds);
    crate::resolve::add_taxonomy(site, taxonomy("co-quan-ban-hanh", "Cơ quan ban hành"), &issuers);
    crate::resolve::add_taxonomy(site, taxonomy("nam-ban-hanh", "Năm ban hành"), &years);
    let (timeline, graph) = (timeline_url(site), graph_url(site));
    site.targets.urls.insert(timeline);
    site.targets.urls.insert(graph);
}
