//! The administrative layout of a Vietnamese document (Nghị định 30/2020/NĐ-CP,
//! Hướng dẫn 36-HD/VPTW): paragraphs in reading order → the header's parts, the body,
//! and the signing block.
//!
//! Nothing is guessed: a part that is not found stays `None`, and header lines that
//! fit no part are kept in `leftovers`.

use std::sync::OnceLock;

use chrono::NaiveDate;
use regex::Regex;

use super::read::Para;
use super::rules;
use crate::document::kinds::{self, Kind};
use crate::document::number::{self, DocNumber};

/// A letter taken apart.
#[derive(Debug, Default)]
pub struct Letter {
    /// Top-left block, the parent organisation first and the issuer last, as printed.
    pub orgs: Vec<String>,
    /// "Số: …": as printed, and parsed.
    pub number_printed: Option<String>,
    pub number: Option<DocNumber>,
    /// "<place>, ngày … tháng … năm …": the whole line, the place, the date.
    pub date_line: Option<String>,
    pub place: Option<String>,
    pub issued: Option<NaiveDate>,
    /// The kind named by the title line ("CÔNG VĂN", "QUYẾT ĐỊNH").
    pub title_kind: Option<&'static Kind>,
    /// Trích yếu, with "V/v" written out.
    pub subject: Option<String>,
    /// "Kính gửi:".
    pub recipients: Vec<String>,
    /// Markdown paragraphs of the body.
    pub body: Vec<String>,
    /// "T/M CHI BỘ", "BÍ THƯ".
    pub authority: Vec<String>,
    pub signer: Option<String>,
    /// "Nơi nhận:".
    pub distribution: Vec<String>,
    /// Header or footer lines that fit no part (kept so nothing is lost).
    pub leftovers: Vec<String>,
}

/// A paragraph in Markdown and as plain text (emphasis marks removed, spaces collapsed).
struct Item {
    md: String,
    plain: String,
}

fn plain(md: &str) -> String {
    let no_marks: String = md.chars().filter(|&c| c != '*' && c != '_').collect();
    no_marks.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn re(cell: &'static OnceLock<Regex>, pattern: &str) -> &'static Regex {
    cell.get_or_init(|| Regex::new(pattern).expect("layout patterns are valid"))
}

fn number_line(s: &str) -> Option<&str> {
    static RE: OnceLock<Regex> = OnceLock::new();
    let caps = re(&RE, r"^(?:Số|SỐ|So)\s*[:.]?\s*(\d.*)$").captures(s)?;
    caps.get(1).map(|m| m.as_str().trim())
}

/// "Sơn La, ngày 01 tháng 03 năm 2023" → place and date.
pub fn date_line(s: &str) -> Option<(String, Option<NaiveDate>)> {
    static RE: OnceLock<Regex> = OnceLock::new();
    let caps = re(
        &RE,
        r"(?i)^(?:(?P<place>[^,\d]{2,40}?)\s*,\s*)?ng[àa]y\s+(?P<d>\d{1,2})\s+th[áa]ng\s+(?P<m>\d{1,2})\s+n[ăa]m\s+(?P<y>\d{4})\b",
    )
    .captures(s)?;
    let num = |k: &str| caps.name(k).and_then(|m| m.as_str().parse::<u32>().ok());
    let date = match (num("y"), num("m"), num("d")) {
        (Some(y), Some(m), Some(d)) => NaiveDate::from_ymd_opt(y as i32, m, d),
        _ => None,
    };
    let place = caps.name("place").map(|m| m.as_str().trim().to_owned()).unwrap_or_default();
    Some((place, date))
}

fn authority_line(s: &str) -> bool {
    static RE: OnceLock<Regex> = OnceLock::new();
    re(&RE, r"^(?:T/M|TM\.|TM|KT\.|KT|K/T|TL\.|T/L|TUQ\.|Q\.)\s+\p{Lu}").is_match(s) && is_capitals(s)
}

/// Every letter a capital (there is at least one letter).
pub fn is_capitals(s: &str) -> bool {
    s.chars().any(char::is_alphabetic) && !s.chars().any(char::is_lowercase)
}

fn is_motto(s: &str) -> bool {
    // OCR may join the `*` under the issuer to the motto beside it.
    let folded = rules::fold_for_match(s.trim_matches(|c: char| "*-_ ".contains(c)));
    rules::MOTTOS.iter().any(|m| rules::fold_for_match(m) == folded)
        || (!s.is_empty() && s.chars().all(|c| "*-_=–—.~ ".contains(c)))
}

fn is_subject_start(s: &str) -> bool {
    s.starts_with("V/v") || s.starts_with("V/V") || s.starts_with("Về việc") || s.starts_with("Vv ")
}

/// "V/v lãnh đạo" → "Về việc lãnh đạo".
fn subject_of(s: &str) -> String {
    for prefix in ["V/v", "V/V", "Vv"] {
        if let Some(rest) = s.strip_prefix(prefix) {
            return format!("Về việc {}", rest.trim_start_matches([':', ' ']).trim());
        }
    }
    s.trim().to_owned()
}

fn starts_org(line: &str) -> bool {
    rules::ORG_STARTS
        .iter()
        .any(|w| line.strip_prefix(w).is_some_and(|rest| rest.is_empty() || rest.starts_with(' ')))
}

/// Joins the lines of the top-left block into organisations: a line starting with an
/// organisation word ("CHI BỘ", "SỞ") begins a new one, unless the line before ends
/// with a dash or is only such a word.
fn orgs_of(lines: &[String]) -> Vec<String> {
    let mut orgs: Vec<String> = Vec::new();
    for line in lines {
        let line = line.trim();
        let continues = orgs.last().is_some_and(|prev: &String| {
            prev.ends_with(['-', '–', '—', ','])
                || prev.ends_with(" VÀ")
                || rules::ORG_STARTS.contains(&prev.as_str())
        });
        match orgs.last_mut() {
            Some(prev) if continues || !starts_org(line) => {
                prev.push(' ');
                prev.push_str(line);
            }
            _ => orgs.push(line.to_owned()),
        }
    }
    orgs
}

/// Tables that hold the header or the signing block are read cell by cell; others stay
/// tables of the body.
fn flatten(paras: &[Para]) -> Vec<Item> {
    let mut out = Vec::new();
    for p in paras {
        match p {
            Para::Text(md) => out.push(Item { plain: plain(md), md: md.clone() }),
            Para::Table(rows) => {
                let cells = || rows.iter().flatten().flatten();
                let layout = cells().any(|md| {
                    let s = plain(md);
                    number_line(&s).is_some()
                        || date_line(&s).is_some()
                        || is_motto(&s) && !s.is_empty()
                        || s.starts_with("Nơi nhận")
                        || authority_line(&s)
                });
                if layout {
                    out.extend(cells().map(|md| Item { plain: plain(md), md: md.clone() }));
                } else {
                    out.push(Item { plain: String::new(), md: super::read::table_markdown(rows) });
                }
            }
        }
    }
    out.retain(|i| !i.md.trim().is_empty());
    out
}

/// Takes a document apart.
pub fn recognise(paras: &[Para]) -> Letter {
    let items = flatten(paras);
    let mut letter = Letter::default();
    let head = items.len().min(25);
    let number_at = items[..head].iter().position(|i| number_line(&i.plain).is_some());
    let date_at = items[..head].iter().position(|i| date_line(&i.plain).is_some());
    let header_end = match (number_at, date_at) {
        (None, None) => None,
        (a, b) => a.max(b),
    };
    let mut org_lines = Vec::new();
    let mut next = 0;
    if let Some(end) = header_end {
        for item in &items[..=end] {
            let s = item.plain.as_str();
            if s.is_empty() {
                // Only emphasis marks or a lone `*` under the issuer.
            } else if let Some(rest) = number_line(s) {
                // The place and date may share the line (two columns read as one).
                let (printed, after) = match number::parse(rest) {
                    Some(_) => (rest, ""),
                    None => match crate::document::mentions::find(rest).into_iter().next() {
                        Some(m) if m.start == 0 => rest.split_at(m.end),
                        _ => (rest, ""),
                    },
                };
                letter.number_printed = Some(printed.trim().to_owned());
                letter.number = number::parse(printed);
                if let Some((place, date)) = date_line(after.trim()) {
                    letter.date_line = Some(after.trim().to_owned());
                    letter.place = Some(place).filter(|p| !p.is_empty());
                    letter.issued = date;
                }
            } else if let Some((place, date)) = date_line(s) {
                letter.date_line = Some(s.to_owned());
                letter.place = Some(place).filter(|p| !p.is_empty());
                letter.issued = date;
            } else if is_motto(s) {
            } else if is_subject_start(s) {
                letter.subject = Some(subject_of(s));
            } else if is_capitals(s) && letter.number.is_none() {
                org_lines.push(s.to_owned());
            } else {
                letter.leftovers.push(s.to_owned());
            }
        }
        next = end + 1;
    }
    letter.orgs = orgs_of(&org_lines);
    while items.get(next).is_some_and(|i| is_motto(&i.plain)) {
        next += 1;
    }
    // Title line ("CÔNG VĂN") and the subject under it.
    if let Some(item) = items.get(next) {
        if is_capitals(&item.plain) && item.plain.chars().count() < 40 {
            if let Some(kind) = kinds::by_slug(&item.plain) {
                letter.title_kind = Some(kind);
                next += 1;
                if let Some(s) = items.get(next).filter(|i| !i.plain.starts_with("Kính gửi")) {
                    letter.subject = Some(subject_of(&s.plain));
                    next += 1;
                }
            }
        }
    }
    if let Some(item) = items.get(next).filter(|i| is_subject_start(&i.plain)) {
        letter.subject = Some(subject_of(&item.plain));
        next += 1;
    }
    if let Some(item) = items.get(next).filter(|i| i.plain.starts_with("Kính gửi")) {
        let rest = item.plain.trim_start_matches("Kính gửi").trim_start_matches([':', ' ']);
        letter.recipients.extend(list_items(rest));
        next += 1;
        while let Some(item) = items.get(next).filter(|i| i.plain.starts_with(['-', '+', '–'])) {
            letter.recipients.extend(list_items(&item.plain));
            next += 1;
        }
    }
    let footer_at = (next..items.len()).find(|&k| starts_footer(&items[k].plain)).unwrap_or(items.len());
    letter.body = body_markdown(&items[next..footer_at]);
    footer(&items[footer_at..], &mut letter);
    letter
}

/// The signing block or "Nơi nhận" begins here. A head of office signs under the title
/// alone ("GIÁM ĐỐC"), without "T/M" or "KT.".
fn starts_footer(s: &str) -> bool {
    s.starts_with("Nơi nhận") || authority_line(s) || rules::TITLES.contains(&s)
}

/// "- A. - B." → ["A.", "B."]; a dash inside a name ("Lao động - Thương binh") stays.
fn list_items(s: &str) -> Vec<String> {
    static ITEM_END: OnceLock<Regex> = OnceLock::new();
    let item_end = re(&ITEM_END, r"[.;,]\s+[-–+]\s+|;");
    let mut out = Vec::new();
    let mut start = 0;
    let mut push = |part: &str| {
        let part = part.trim().trim_start_matches(['-', '+', '–']).trim().trim_end_matches(';').trim_end();
        if !part.is_empty() {
            out.push(part.to_owned());
        }
    };
    for m in item_end.find_iter(s) {
        // Keep the full stop that ends an item ("Cơ sở.").
        let end = if s[m.start()..].starts_with('.') { m.start() + 1 } else { m.start() };
        push(&s[start..end]);
        start = m.end();
    }
    push(&s[start..]);
    out
}

fn footer(items: &[Item], letter: &mut Letter) {
    #[derive(PartialEq)]
    enum Mode {
        None,
        Distribution,
        Signing,
    }
    let mut mode = Mode::None;
    let mut seen_distribution = false;
    let mut names = Vec::new();
    for (k, item) in items.iter().enumerate() {
        let s = item.plain.as_str();
        let last = k + 1 == items.len();
        if let Some(rest) = s.strip_prefix("Nơi nhận") {
            mode = Mode::Distribution;
            seen_distribution = true;
            letter.distribution.extend(list_items(rest.trim_start_matches([':', ' '])));
        } else if authority_line(s) || (mode != Mode::Signing && rules::TITLES.contains(&s)) {
            mode = Mode::Signing;
            letter.authority.push(s.to_owned());
        } else if seen_distribution && s.starts_with(['-', '+', '–']) {
            // Also after the signing block began: OCR reads the two columns line by line.
            letter.distribution.extend(list_items(s));
        } else if rules::SIGNATURE_NOTES.iter().any(|n| rules::fold_for_match(n) == rules::fold_for_match(s))
        {
        } else if mode == Mode::Signing
            && is_capitals(s)
            && (rules::TITLES.contains(&s) || !(last && looks_like_name(s)))
        {
            letter.authority.push(s.to_owned());
        } else if mode != Mode::None && looks_like_name(s) {
            names.push(s.to_owned());
        } else {
            letter.leftovers.push(s.to_owned());
        }
    }
    // The name is the last line of the signing block.
    letter.signer = names.pop().map(|n| if is_capitals(&n) { title_case(&n) } else { n });
    letter.leftovers.extend(names);
}

/// 2–6 words, each starting with a capital, no digits or punctuation: "Đoàn Văn Tứ".
fn looks_like_name(s: &str) -> bool {
    let words: Vec<&str> = s.split_whitespace().collect();
    (2..=6).contains(&words.len())
        && words
            .iter()
            .all(|w| w.chars().next().is_some_and(char::is_uppercase) && w.chars().all(char::is_alphabetic))
        && !rules::ORG_STARTS.iter().any(|o| s.starts_with(o))
        && !rules::TITLES.contains(&s)
}

/// "ĐOÀN VĂN TỨ" → "Đoàn Văn Tứ".
pub fn title_case(s: &str) -> String {
    s.split(' ')
        .map(|w| {
            let mut chars = w.chars();
            match chars.next() {
                Some(first) => first.to_uppercase().chain(chars.flat_map(char::to_lowercase)).collect(),
                None => String::new(),
            }
        })
        .collect::<Vec<String>>()
        .join(" ")
}

/// Body paragraphs as Markdown: numbered tasks stay an ordered list, the sub-items
/// under a task ("(1) …", "a) …", "- …") are indented into it; headings in capitals
/// ("I. MỤC ĐÍCH") become `##`.
fn body_markdown(items: &[Item]) -> Vec<String> {
    static NUMBERED: OnceLock<Regex> = OnceLock::new();
    static SUB: OnceLock<Regex> = OnceLock::new();
    let numbered = re(&NUMBERED, r"^\d{1,2}\.\s");
    let sub = re(&SUB, r"^(?:\(\d{1,2}\)|[a-zđ]\)|[-+•–]\s)");
    let mut out = Vec::new();
    let mut in_task = false;
    for item in items {
        let md = item.md.trim();
        if item.plain.is_empty() {
            // A table of the body.
            out.push(md.to_owned());
            in_task = false;
        } else if numbered.is_match(&item.plain) {
            out.push(md.to_owned());
            in_task = true;
        } else if in_task && sub.is_match(&item.plain) {
            out.push(format!("   {md}"));
        } else if is_capitals(&item.plain) && item.plain.chars().count() < 100 {
            out.push(format!("## {}", item.plain));
            in_task = false;
        } else {
            out.push(md.to_owned());
            in_task = false;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paras(text: &str) -> Vec<Para> {
        text.lines().filter(|l| !l.trim().is_empty()).map(|l| Para::Text(l.to_owned())).collect()
    }

    #[test]
    fn seed_letter_is_taken_apart() {
        let seed = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/import/cong-van-55.txt"
        ))
        .expect("the seed fixture");
        let l = recognise(&paras(&seed));
        assert_eq!(l.number.as_ref().map(|n| n.printed.as_str()), Some("55-CV/CB"));
        assert_eq!(l.issued, NaiveDate::from_ymd_opt(2023, 3, 1));
        assert_eq!(l.place.as_deref(), Some("Son La"));
        assert_eq!(
            l.orgs,
            [
                "ĐẢNG ỦY SỞ LAO ĐỘNG – THƯƠNG BINH VÀ XÃ HỘI SON LA",
                "CHI BỘ CƠ SỞ ĐIỀU TRỊ NGHIỆN MA TÚY TỈNH"
            ]
        );
        assert_eq!(l.signer.as_deref(), Some("Đoàn Văn Tứ"));
        assert_eq!(l.authority, ["T/M CHI BỘ", "BÍ THƯ"]);
        assert_eq!(l.recipients.len(), 3);
        assert_eq!(l.distribution, ["Đảng ủy sở LĐTĐ (B/c)", "Như trên", "Lưu chi bộ (HThủy)."]);
        let tasks: Vec<&String> = l.body.iter().filter(|p| p.as_bytes()[0].is_ascii_digit()).collect();
        assert_eq!(tasks.len(), 6, "{tasks:#?}");
        assert!(l.body.iter().all(|p| !p.contains("Nơi nhận") && !p.contains("ĐẢNG CỘNG SẢN")));
        assert!(l.leftovers.is_empty(), "{:?}", l.leftovers);
    }

    #[test]
    fn recipients_split_at_items_not_inside_names() {
        assert_eq!(
            list_items("- Các Tổ đảng. - Các phòng chuyên môn.; Lưu"),
            ["Các Tổ đảng.", "Các phòng chuyên môn.", "Lưu"]
        );
        assert_eq!(
            list_items("Sở Lao động - Thương binh và Xã hội"),
            ["Sở Lao động - Thương binh và Xã hội"]
        );
        assert_eq!(list_items("- Như trên;"), ["Như trên"]);
    }

    #[test]
    fn state_decision_layout() {
        let text = "ỦY BAN NHÂN DÂN\nTỈNH SƠN LA\nSố: 2547/QĐ-UBND\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nSơn La, ngày 18 tháng 10 năm 2021\nQUYẾT ĐỊNH\nVề việc ban hành Kế hoạch\nĐiều 1. Ban hành kèm theo Quyết định này.\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\nNơi nhận:\n- Như Điều 3;";
        let l = recognise(&paras(text));
        assert_eq!(l.orgs, ["ỦY BAN NHÂN DÂN TỈNH SƠN LA"]);
        assert_eq!(l.title_kind.map(|k| k.slug), Some("quyet-dinh"));
        assert_eq!(l.subject.as_deref(), Some("Về việc ban hành Kế hoạch"));
        assert_eq!(l.authority, ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]);
        assert_eq!(l.signer, None);
        assert_eq!(l.body, ["Điều 1. Ban hành kèm theo Quyết định này."]);
    }

    #[test]
    fn state_letter_with_subject_under_the_number_and_date_in_the_other_column() {
        // A .docx header table read cell by cell: the left column, then the right one.
        let cells = vec![vec![
            vec![
                "UBND TỈNH SƠN LA".to_owned(),
                "SỞ GIÁO DỤC VÀ ĐÀO TẠO".to_owned(),
                "Số: 326/TTr-SGDĐT".to_owned(),
                "V/v Kế hoạch xây dựng xã hội học tập".to_owned(),
            ],
            vec![
                "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM".to_owned(),
                "Độc lập – Tự do – Hạnh phúc".to_owned(),
                "Sơn La, ngày 12 tháng 10 năm 2021".to_owned(),
            ],
        ]];
        let paras = vec![
            Para::Table(cells),
            Para::Text("Kính gửi: Ủy ban nhân dân tỉnh Sơn La".into()),
            Para::Text("Sở trình Ủy ban nhân dân tỉnh xem xét.".into()),
            Para::Text("GIÁM ĐỐC".into()),
            Para::Text("(Đã ký)".into()),
        ];
        let l = recognise(&paras);
        assert_eq!(l.orgs, ["UBND TỈNH SƠN LA", "SỞ GIÁO DỤC VÀ ĐÀO TẠO"]);
        assert_eq!(l.number.map(|n| n.printed), Some("326/TTr-SGDĐT".to_owned()));
        assert_eq!(l.subject.as_deref(), Some("Về việc Kế hoạch xây dựng xã hội học tập"));
        assert_eq!(l.issued, NaiveDate::from_ymd_opt(2021, 10, 12));
        assert_eq!(l.recipients, ["Ủy ban nhân dân tỉnh Sơn La"]);
        assert_eq!(l.body, ["Sở trình Ủy ban nhân dân tỉnh xem xét."]);
        // No name under the title: the signer is left empty, not guessed.
        assert_eq!(l.signer, None);
    }
}
