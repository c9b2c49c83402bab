//! Document numbers as spoken (facts-vi.md B1–B3): "Chỉ thị số 11-CT/TW" → "Chỉ thị số
//! mười một của Trung ương"; "30/2020/NĐ-CP" → "Nghị định số ba mươi năm hai nghìn không
//! trăm hai mươi của Chính phủ"; "Luật … số 73/2021/QH14" → "số bảy mươi ba năm … của
//! Quốc hội khóa mười bốn". The issuer is said once: not when the sentence already names
//! it, and the same for documents the site knows and documents it does not.

use std::sync::OnceLock;

use super::claims::{re, scan, Claims, Item};
use super::leftovers::Leftover;
use super::{before, Options};
use crate::document::kinds::{self, KINDS};
use crate::document::mentions;
use crate::document::number::Family;

/// The name of an issuer code ("TTg", "BGDĐT") as read, from the one issuer table
/// (document::issuers), of the number's family when both use the code.
pub(crate) fn issuer_name(code: &str, family: Family) -> Option<&'static str> {
    crate::document::issuers::find(code, Some(family)).map(|i| i.name)
}

/// The spoken issuer of a number: the first part (the issuing body); the parts after it
/// are the drafting unit, which is not read ("3320/BGDĐT-GDTX" → Bộ Giáo dục và Đào tạo).
/// Unknown codes are kept and reported.
fn issuer(code: &str, family: Family, at: usize, notes: &mut Vec<Leftover>) -> String {
    let first = code.split('-').next().unwrap_or(code);
    let known = issuer_name(first, family).map(str::to_owned).or_else(|| department(first));
    // "02/KHLT-CA-ĐTN": a body the issuer table lacks but the abbreviations read one way.
    match known.or_else(|| super::abbrev::sole_reading(first).map(str::to_owned)) {
        Some(name) => name,
        None => {
            notes.push(Leftover { what: first.to_owned(), at });
            first.to_owned()
        }
    }
}

/// A provincial department's code is its ministry's with "S" for "B": "SNV" → "Sở Nội vụ".
fn department(code: &str) -> Option<String> {
    let rest = code.strip_prefix('S')?;
    let ministry = issuer_name(&format!("B{rest}"), Family::State)?;
    Some(format!("Sở {}", ministry.strip_prefix("Bộ ")?))
}

/// The issuers of a joint document ("BLĐTBXH-BYT-BCA"): each body, "A, B và C".
fn joint_issuers(code: &str, family: Family, at: usize, notes: &mut Vec<Leftover>) -> String {
    let names: Vec<String> = code.split('-').map(|c| issuer(c, family, at, notes)).collect();
    match names.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} và {last}", rest.join(", ")),
        _ => names.concat(),
    }
}

/// The sentence around `start..end`, without it.
fn sentence_around(text: &str, start: usize, end: usize) -> (String, String) {
    let is_stop = |s: &str, i: usize| {
        let c = s[i..].chars().next().unwrap_or(' ');
        (matches!(c, '.' | '!' | '?' | ';' | '\n') && s[i + c.len_utf8()..].starts_with(char::is_whitespace))
            || c == '\n'
    };
    let head = &text[..start];
    let from = head
        .char_indices()
        .rev()
        .find(|&(i, _)| is_stop(head, i) && !head[..i].ends_with(char::is_numeric))
        .map_or(0, |(i, _)| i + 1);
    let tail = &text[end..];
    let to = tail.char_indices().find(|&(i, _)| is_stop(tail, i)).map_or(tail.len(), |(i, _)| i);
    (text[from..start].to_owned(), tail[..to].to_owned())
}

/// `s` with the abbreviations of the table that need no context written out.
fn expand(s: &str) -> String {
    let mut out = s.to_owned();
    if !s.chars().any(char::is_uppercase) {
        return out;
    }
    for a in
        super::table::abbreviations().iter().filter(|a| a.context.is_empty() && a.written.chars().count() > 1)
    {
        if !out.contains(a.written) {
            continue;
        }
        let mut next = String::with_capacity(out.len());
        let mut rest = out.as_str();
        while let Some(i) = rest.find(a.written) {
            // Not inside a document number ("2547/QĐ-UBND").
            let code = |c: char| c.is_alphanumeric() || c == '-' || c == '/';
            let before_ok = !rest[..i].ends_with(code);
            let after_ok = !rest[i + a.written.len()..].starts_with(code);
            next.push_str(&rest[..i]);
            next.push_str(if before_ok && after_ok { a.reading } else { a.written });
            rest = &rest[i + a.written.len()..];
        }
        next.push_str(rest);
        out = next;
    }
    out
}

/// Words after which "của X" names whose words a document conveys: its issuer.
const CONVEYED_WORDS: &[&str] = &["kết luận", "ý kiến", "chỉ đạo", "ý kiến chỉ đạo", "phát biểu"];

/// Whether the sentence already names the issuer: its name, its code as a word
/// ("UBND tỉnh ban hành … /CT-UBND"), or "của …" right after the number.
fn issuer_said(text: &str, start: usize, end: usize, name: &str, code: &str) -> bool {
    let (head, tail) = sentence_around(text, start, end);
    // Abbreviations in the sentence count as their words, punctuation folded: "Sở GD&ĐT"
    // names "Sở Giáo dục và Đào tạo", "Bộ LĐ-TB&XH" "Bộ Lao động, Thương binh và Xã hội".
    let (head_l, tail_l, name_l) = (plain(&expand(&head)), plain(&expand(&tail)), plain(name));
    let has_word = |hay: &str, w: &str| {
        !w.is_empty()
            && hay.match_indices(w).any(|(i, _)| {
                !hay[..i].ends_with(char::is_alphanumeric)
                    && !hay[i + w.len()..].starts_with(char::is_alphanumeric)
            })
    };
    // Before the number, a name right after a kind names another document's issuer
    // ("Nghị quyết Trung ương 7 khóa IX … và Chỉ thị 50-CT/TW": still "của Trung ương").
    let names_issuer = |hay: &str, w: &str| {
        !w.is_empty()
            && hay.match_indices(w).any(|(i, _)| {
                !hay[..i].ends_with(char::is_alphanumeric)
                    && !hay[i + w.len()..].starts_with(char::is_alphanumeric)
                    && kinds::by_last_words(hay[..i].trim_end()).is_none()
            })
    };
    let first_code = code.split('-').next().unwrap_or(code);
    // The name, or its head of two words or more: "Ban Bí thư" for "Ban Bí thư Trung
    // ương Đảng", "Ủy ban nhân dân tỉnh" for "Ủy ban nhân dân tỉnh Sơn La".
    let words: Vec<&str> = name_l.split_whitespace().collect();
    let shortest = if words.len() >= 3 { 2 } else { words.len() };
    for n in (shortest.max(1)..=words.len()).rev() {
        let head_of_name = words[..n].join(" ");
        // Later in the sentence only the issuer whose words the document conveys counts
        // ("về kết luận của Thường trực Tỉnh ủy"), not the subject ("lịch tiếp công dân
        // của Chủ tịch UBND xã").
        let conveyed = CONVEYED_WORDS.iter().filter_map(|w| tail_l.find(&format!("{w} của "))).min();
        if names_issuer(&head_l, &head_of_name)
            || conveyed.is_some_and(|i| has_word(&tail_l[i..], &head_of_name))
        {
            return true;
        }
    }
    // The code as a word of its own, not inside another number ("2547/QĐ-UBND và …").
    let code_word = head.match_indices(first_code).any(|(i, _)| {
        !head[..i].ends_with(|c: char| c.is_alphanumeric() || c == '-' || c == '/')
            && !head[i + first_code.len()..].starts_with(char::is_alphanumeric)
    });
    if code_word && first_code.chars().count() > 2 {
        return true;
    }
    // "… số 11-CT/TW ngày 13/4/2007 của Bộ Chính trị" (or "giữa …" for a joint document):
    // only a date may come between the
    // number and "của" ("… số 57/2020/QH14 quy định … của thanh niên" names no issuer).
    let mut words = tail.split(|c: char| c.is_whitespace() || c == ',').peekable();
    while let Some(word) = words.next() {
        let w = word.trim_matches(|c: char| "()".contains(c));
        // The drafting unit glued to the number ("1520/BCA-C06 của …") is not a word between.
        if w.is_empty()
            || w.starts_with(super::is_dash)
            || ["ngày", "tháng", "năm", "mùng", "mồng"].contains(&w.to_lowercase().as_str())
        {
            continue;
        }
        if w.chars().all(|c| c.is_ascii_digit() || "/.-".contains(c)) {
            continue;
        }
        // "… số 02/CTrPH-MTTQ-CA giữa Ủy ban MTTQ xã và Công an xã" names the parties
        // ("giữa năm 2025" does not).
        let between = ["giữa", "Giữa"].contains(&w)
            && words.peek().is_some_and(|next| next.starts_with(char::is_uppercase));
        return ["của", "Của"].contains(&w) || between;
    }
    false
}

/// Lower case, every run of punctuation and spaces one space, padded: "Lao động -
/// Thương binh" and "Lao động, Thương binh" compare equal.
fn plain(text: &str) -> String {
    let low = text.to_lowercase();
    let spaced: String = low.chars().map(|c| if c.is_alphanumeric() { c } else { ' ' }).collect();
    spaced.split_whitespace().collect::<Vec<_>>().join(" ")
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

/// A kind named earlier in the clause, for numbers without a kind code: "Luật Phòng,
/// chống ma túy số 73/2021/QH14".
fn named_earlier(text: &str, pos: usize) -> bool {
    let head: String = text[..pos].chars().rev().take(80).collect::<Vec<_>>().into_iter().rev().collect();
    ["Luật", "luật", "Bộ luật", "Pháp lệnh", "văn bản", "Văn bản"].iter().any(|w| head.contains(w))
}

pub(crate) fn classify(text: &str, claims: &mut Claims, opts: &Options, notes: &mut Vec<Leftover>) {
    laws(text, claims, notes);
    let found = mentions::find(text);
    let mut last = 0;
    let mut pending: Vec<(usize, usize, Item)> = Vec::new();
    // The first issuer code of each pending number: a later "của …" that names the
    // issuer of the last of a list names it for all of them.
    let mut codes: Vec<String> = Vec::new();
    for m in &found {
        if !claims.is_free(m.start, m.end) {
            continue;
        }
        let n = &m.number;
        let party = n.family == Family::Party;
        let mut start = m.start;
        // The kind word and "số" stay as written; the claim starts at the number.
        let prefix = text[m.start..m.number_start].trim_end().trim_end_matches(':').trim_end();
        let has_so = prefix.ends_with("số") || prefix.ends_with("Số");
        let kind_text =
            prefix.strip_suffix("số").or_else(|| prefix.strip_suffix("Số")).unwrap_or(prefix).trim();
        let mut kind_word = (!kind_text.is_empty()).then(|| kind_text.to_owned());
        if kind_word.is_none() {
            if let Some((s, kind)) = code_before(text, m.start, party).filter(|(s, _)| *s >= last) {
                start = s;
                kind_word = Some(kind.name.to_owned());
            }
        }
        let (kind, num, year, issuer_text, code) = match (opts.documents)(&n.key) {
            Some(doc) => (
                kind_word.clone().or(Some(doc.kind_name.clone())),
                u64::from(doc.num),
                n.year.map(u64::from),
                doc.issuer.clone(),
                n.issuer_code.clone(),
            ),
            None => {
                let kind = match (&kind_word, &n.kind_code) {
                    (Some(w), _) => Some(w.clone()),
                    (None, Some(code)) => Some(match kinds::by_code(code, party) {
                        Some(k) => k.name.to_owned(),
                        None => {
                            notes.push(Leftover { what: code.clone(), at: m.number_start });
                            code.clone()
                        }
                    }),
                    (None, None) if has_so || named_earlier(text, start) => None,
                    // A state number without a kind is a Công văn (B1.3).
                    (None, None) => Some("Công văn".to_owned()),
                };
                // An unknown issuer code is reported only if it has to be read.
                let mut unknown = Vec::new();
                let joint = n.kind_code.as_deref().is_some_and(kinds::is_joint);
                let name = if joint {
                    joint_issuers(&n.issuer_code, n.family, m.number_start, &mut unknown)
                } else {
                    issuer(&n.issuer_code, n.family, m.number_start, &mut unknown)
                };
                let said = issuer_said(text, start, m.end, &name, &n.issuer_code);
                if !said {
                    notes.extend(unknown);
                }
                (kind, u64::from(n.num), n.year.map(u64::from), name, n.issuer_code.clone())
            }
        };
        // "Thông tư liên tịch số 03/2012/TTLT-…": the kind the code names is already said.
        let kind = kind.filter(|k| {
            kind_word.is_some() || !text[..start].trim_end().to_lowercase().ends_with(&k.to_lowercase())
        });
        let said = issuer_said(text, start, m.end, &issuer_text, &code);
        // The kind word and "số" as written stay in the text; only add what it lacks.
        let kind_in_text = kind_word.is_some() && start == m.start;
        let (claim_start, kind) =
            if kind_in_text || kind.is_none() { (m.number_start, None) } else { (start, kind) };
        let item = Item::Document { kind: kind.clone(), num, year, issuer: (!said).then_some(issuer_text) };
        let item = if kind.is_none() && !has_so { Item::Seq(vec![Item::words("số"), item]) } else { item };
        let end = drafting_unit_end(text, m.end);
        pending.push((claim_start, end, item));
        codes.push(crate::document::number::fold(code.split('-').next().unwrap_or(&code)));
        last = end;
    }
    once_for_a_list(text, &mut pending, &codes);
    for (s, e, item) in pending {
        claims.add(s, e, item);
    }
    kind_and_year(text, claims);
    bare_codes(text, claims);
}

/// "Nghị quyết số 66-NQ/TW và 68-NQ/TW": documents of one issuer listed together name
/// it once, after the last.
fn once_for_a_list(text: &str, pending: &mut [(usize, usize, Item)], codes: &[String]) {
    fn issuer_of(item: &mut Item) -> Option<&mut Option<String>> {
        match item {
            Item::Document { issuer, .. } => Some(issuer),
            Item::Seq(v) => v.iter_mut().find_map(issuer_of),
            _ => None,
        }
    }
    for i in 1..pending.len() {
        let between = text[pending[i - 1].1..pending[i].0].trim();
        let joined = between.trim_start_matches(',').trim().is_empty()
            || ["và", "hoặc", ","].iter().any(|w| between.starts_with(w))
                && between.split_whitespace().count() <= 4;
        if !joined {
            continue;
        }
        let (head, tail) = pending.split_at_mut(i);
        let next: Option<Option<String>> = issuer_of(&mut tail[0].2).map(|x| x.clone());
        let same_code = codes.get(i - 1).is_some_and(|c| Some(c) == codes.get(i));
        if let Some(prev) = issuer_of(&mut head[i - 1].2) {
            // Said once after the last, or named by a "của …" after the last that names
            // the same issuer ("Chỉ thị 05-CT/TW, Kết luận 01-KL/TW của Bộ Chính trị").
            let named_after = same_code && matches!(next, Some(None));
            if prev.is_some() && (next.as_ref() == Some(&*prev) || named_after) {
                *prev = None;
            }
        }
    }
}

/// A drafting unit with digits after the issuer ("1520/BCA-C06") is not read either:
/// where it ends.
fn drafting_unit_end(text: &str, end: usize) -> usize {
    let Some(rest) = text[end..].strip_prefix('-') else { return end };
    let n = rest.chars().take_while(|c| c.is_alphanumeric()).map(char::len_utf8).sum::<usize>();
    let unit = &rest[..n];
    if n > 0 && unit.starts_with(char::is_uppercase) && !text[end + 1 + n..].starts_with(['/', '-']) {
        end + 1 + n
    } else {
        end
    }
}

/// A kind and issuer code without a number ("ký hiệu NĐ-CP", "các QĐ-TTg") →
/// "Nghị định của Chính phủ".
fn bare_codes(text: &str, claims: &mut Claims) {
    static RE: OnceLock<regex::Regex> = OnceLock::new();
    let re = re(&RE, r"(?P<k>[A-ZĐ][A-Za-zĐđ]{0,3})-(?P<i>[A-ZĐ][A-Za-zĐđ&]{1,11})");
    scan(text, claims, re, |caps, text, _| {
        let all = caps.get(0)?;
        if before(text, all.start()).is_some_and(|c| c.is_alphanumeric() || "/-".contains(c))
            || super::after(text, all.end()).is_some_and(|c| c.is_alphanumeric() || "/-".contains(c))
        {
            return None;
        }
        let kind = KINDS.iter().find(|k| k.code == &caps["k"])?;
        let issuer = crate::document::issuers::find(&caps["i"], None)?;
        let kind = kinds::by_code(kind.code, issuer.family == Family::Party)?;
        Some((all.start(), all.end(), Item::Words(format!("{} của {}", kind.name, issuer.name))))
    });
}

/// Laws and resolutions of the National Assembly: "số 73/2021/QH14", "Luật số
/// 58/2014/QH13", "Nghị quyết số 30/2021/QH15" → "… của Quốc hội khóa mười bốn".
fn laws(text: &str, claims: &mut Claims, notes: &mut Vec<Leftover>) {
    static RE: OnceLock<regex::Regex> = OnceLock::new();
    let re = re(
        &RE,
        r"(?P<n>\d{1,5})/(?P<y>(?:19|20)\d\d)/(?:(?P<k>[A-ZĐ][A-Za-zĐđ]{0,3})-)?(?P<i>UBTVQH|QH)(?P<q>\d{1,2})",
    );
    let _ = notes;
    scan(text, claims, re, |caps, text, _| {
        let all = caps.get(0)?;
        if !super::claims::free_before(text, all.start())
            || super::after(text, all.end()).is_some_and(char::is_alphanumeric)
        {
            return None;
        }
        let kind = match caps.name("k") {
            Some(k) => Some(kinds::by_code(k.as_str(), false)?.name.to_owned()),
            None => None,
        };
        let has_so = text[..all.start()].trim_end().ends_with("số");
        // "Nghị quyết 30/2021/QH15": the kind is written just before.
        let kind_written = kinds::by_last_words(text[..all.start()].trim_end()).is_some();
        let kind = if kind.is_none() && !has_so && !kind_written && !named_earlier(text, all.start()) {
            Some("Luật".to_owned())
        } else {
            kind
        };
        let body = if &caps["i"] == "QH" { "Quốc hội" } else { "Ủy ban Thường vụ Quốc hội" };
        let q: u64 = caps["q"].parse().ok()?;
        let issuer = format!("{body} khóa {}", super::numbers::read_integer(q, super::Dialect::North));
        let said = issuer_said(text, all.start(), all.end(), body, "QH");
        let bare = kind.is_none() && !has_so;
        let item = Item::Document {
            kind,
            num: caps["n"].parse().ok()?,
            year: caps["y"].parse().ok(),
            issuer: (!said).then_some(issuer),
        };
        let item = if bare { Item::Seq(vec![Item::words("số"), item]) } else { item };
        Some((all.start(), all.end(), item))
    });
}

/// "Nghị định 49/2024", "NĐ 49/2024" (no code after the year) → "Nghị định số bốn mươi chín năm …".
fn kind_and_year(text: &str, claims: &mut Claims) {
    static RE: OnceLock<regex::Regex> = OnceLock::new();
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
            format!(r"(?P<k>{})\s+(?P<so>[Ss]ố\s*)?(?P<n>\d{{1,5}})/(?P<y>(?:19|20)\d\d)", alts.join("|"));
        regex::Regex::new(&pattern).expect("the kind-and-year pattern is valid")
    });
    scan(text, claims, re, |caps, text, _| {
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
        let item = Item::Document {
            kind: Some(name),
            num: caps["n"].parse().ok()?,
            year: caps["y"].parse().ok(),
            issuer: None,
        };
        Some((all.start(), all.end(), item))
    });
}
