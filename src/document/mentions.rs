//! Finds mentions of documents in running text, in one pass over the digits of the text:
//! full numbers ("Chỉ thị số 11 - CT/TW", "1373/qđ-ttg", "116/2021/NĐ-CP") and short
//! forms by kind and number ("Chỉ thị 11", "QĐ 1373", "Nghị định 49/2024",
//! "Chỉ thị số 11 của Bộ Chính trị") — but not dates, ranges, fractions, phone numbers,
//! times, money or "quý III/2023".
//!
//! Which document a mention means is decided later, against the site's documents
//! (`catalogue`): a short form only names a kind and a number.

use super::kinds::{self, Kind};
use super::number::{self, DocNumber};

/// One mention of a full document number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention {
    /// Byte range of the whole mention, kind word included ("Chỉ thị số 11-CT/TW").
    pub start: usize,
    pub end: usize,
    /// Byte offset where the number itself starts.
    pub number_start: usize,
    pub number: DocNumber,
}

/// A document named by kind and number only: "Chỉ thị 11", "KL 49".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Short {
    pub kind: &'static Kind,
    pub num: u32,
    /// Year written with the number: "Nghị định 49/2024", "Chỉ thị 14 năm 2021".
    pub year: Option<u16>,
    /// Year of a date that follows: "Chỉ thị 14 ngày 25/5/2021".
    pub dated: Option<u16>,
    /// Who issued it, as the text says after "của", lowercase without diacritics.
    pub issuer: Option<String>,
}

/// What a mention names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Cited {
    Number(DocNumber),
    Short(Short),
}

/// One mention of a document, full number or short form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reference {
    /// Byte range of the mention as linked ("Chỉ thị số 11", "QĐ 1373/QĐ-TTg" → the number).
    pub start: usize,
    pub end: usize,
    /// Byte offset where the number itself starts.
    pub number_start: usize,
    pub cited: Cited,
}

/// Every mention of a full document number in `text`.
pub fn find(text: &str) -> Vec<Mention> {
    scan(text)
        .into_iter()
        .filter_map(|r| match r.cited {
            Cited::Number(number) => {
                Some(Mention { start: r.start, end: r.end, number_start: r.number_start, number })
            }
            Cited::Short(_) => None,
        })
        .collect()
}

/// Every mention of a document in `text`, full numbers and short forms, in order.
pub fn scan(text: &str) -> Vec<Reference> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(d) = next_digit(bytes, i) {
        i = d;
        let run_end = i + bytes[i..].iter().take_while(|b| b.is_ascii_digit()).count();
        if !stands_alone_before(text, i) {
            i = run_end;
            continue;
        }
        if let Some((end, number)) = number::lex(text, i) {
            if stands_alone_after(text, end) {
                let p = prefix(text, i);
                // "Luật 1/QĐ-TTg": a law's name does not belong to a number with a kind code.
                let uncoded = p.word.is_some_and(|k| k.code.is_empty()) && number.kind_code.is_some();
                let start = if uncoded { p.so_start.unwrap_or(i) } else { p.start };
                out.push(Reference { start, end, number_start: i, cited: Cited::Number(number) });
                i = end;
                continue;
            }
        }
        if let Some(r) = short(text, i, run_end) {
            i = r.end;
            out.push(r);
            continue;
        }
        i = run_end;
    }
    out
}

/// The first ASCII digit at or after `from`. Most text has few digits: eight bytes are
/// tested at a time.
fn next_digit(bytes: &[u8], from: usize) -> Option<usize> {
    const ONES: u64 = u64::from_ne_bytes([0x01; 8]);
    const HIGHS: u64 = u64::from_ne_bytes([0x80; 8]);
    let mut i = from;
    while i + 8 <= bytes.len() {
        let mut chunk = [0; 8];
        chunk.copy_from_slice(&bytes[i..i + 8]);
        // A byte is a digit when `b ^ b'0'` is below 10; this flags every such byte (and
        // maybe others), never misses one.
        let x = u64::from_ne_bytes(chunk) ^ (ONES * u64::from(b'0'));
        if x.wrapping_sub(ONES * 10) & !x & HIGHS != 0 {
            break;
        }
        i += 8;
    }
    bytes[i..].iter().position(u8::is_ascii_digit).map(|p| i + p)
}

/// A number must not continue a word, URL, path, version or longer number.
fn stands_alone_before(text: &str, at: usize) -> bool {
    !text[..at].chars().next_back().is_some_and(|c| {
        number::is_letter_or_digit(c)
            || matches!(c, '/' | '.' | '_' | '-' | '=' | '#' | '%' | '&' | '@' | '\\' | '+')
            || number::is_dash(c)
            || is_mark(c)
    })
}

fn stands_alone_after(text: &str, at: usize) -> bool {
    !text[at..]
        .chars()
        .next()
        .is_some_and(|c| number::is_letter_or_digit(c) || c == '/' || c == '_' || is_mark(c))
}

fn is_mark(c: char) -> bool {
    ('\u{300}'..='\u{36f}').contains(&c)
}

/// What stands before a number: a kind word or code, and "số".
struct Prefix {
    /// Where the mention starts: the kind word, else "số", else the number.
    start: usize,
    /// The kind named by a word ("Chỉ thị") before the number.
    word: Option<&'static Kind>,
    /// The kind named by a code ("CT", "QĐ") right before the number, and its start.
    code: Option<(&'static Kind, usize)>,
    so: bool,
    so_start: Option<usize>,
}

/// The word (letters and marks) that ends just before `end`, white space skipped:
/// its start and text. Punctuation in between means there is none.
fn word_before(text: &str, end: usize) -> Option<(usize, &str)> {
    let trimmed = text[..end].trim_end();
    let e = trimmed.len();
    let s = trimmed
        .char_indices()
        .rev()
        .take_while(|(_, c)| number::is_letter(*c) || is_mark(*c))
        .last()
        .map(|(i, _)| i)?;
    if trimmed[..s].chars().next_back().is_some_and(|c| number::is_letter_or_digit(c) || c == '/' || c == '-')
    {
        return None;
    }
    Some((s, &text[s..e]))
}

/// Most words in a kind's name ("Bản thỏa thuận").
const KIND_WORDS: usize = 3;

fn prefix(text: &str, at: usize) -> Prefix {
    let mut p = Prefix { start: at, word: None, code: None, so: false, so_start: None };
    let mut cursor = at;
    let before = text[..at].trim_end();
    let colon = before.strip_suffix(':').map(str::len);
    // "so" typed without diacritics counts only after a kind word ("Chi thi so 11").
    let mut plain_so = false;
    if let Some((s, w)) = word_before(text, colon.unwrap_or(at)) {
        plain_so = w.eq_ignore_ascii_case("so");
        if matches!(w, "số" | "Số" | "SỐ") || plain_so {
            p.so = true;
            p.start = s;
            p.so_start = Some(s);
            cursor = s;
        }
    }
    if !p.so && colon.is_some() {
        return p;
    }
    let mut starts = [0; KIND_WORDS];
    let mut n = 0;
    let mut end = cursor;
    let mut last_end = 0;
    while n < KIND_WORDS {
        let Some((s, w)) = word_before(text, end) else { break };
        if n == 0 {
            last_end = s + w.len();
            p.code = code_kind(w).map(|kind| (kind, s));
        }
        starts[n] = s;
        n += 1;
        end = s;
    }
    if n > 0 {
        if let Some((kind, words)) = kinds::by_last_words(&text[starts[n - 1]..last_end]) {
            p.word = Some(kind);
            p.start = starts[words - 1];
        }
    }
    if plain_so && p.word.is_none() {
        return Prefix { start: at, word: None, code: None, so: false, so_start: None };
    }
    p
}

/// The kind a code written before a number names: exactly as in the table, or in
/// capitals with `D`/`Ð` for `Đ` ("QD 1373").
fn code_kind(word: &str) -> Option<&'static Kind> {
    if let Some(k) = kinds::KINDS.iter().find(|k| k.code == word) {
        return kinds::by_code(k.code, false);
    }
    if word.chars().all(|c| c.is_uppercase()) {
        if let Some(k) = kinds::KINDS.iter().find(|k| number::fold_eq(k.code, word)) {
            return kinds::by_code(k.code, false);
        }
    }
    None
}

/// Words after a short number that say it counts something ("Kế hoạch 5 năm"), unless a
/// number follows them ("Chỉ thị 11 ngày 13/4/2007", "Chỉ thị 14 năm 2021").
const UNITS: &[&str] = &[
    "năm", "tháng", "ngày", "tuần", "giờ", "phút", "giây", "lần", "người", "đồng", "triệu", "tỷ", "nghìn",
    "ngàn", "trăm", "điểm", "học", "xã", "huyện", "tỉnh", "km", "kg", "m", "ha",
];

/// A short form at the digits `at..run_end`: a kind word or code before them.
fn short(text: &str, at: usize, run_end: usize) -> Option<Reference> {
    if run_end - at > 6 {
        return None;
    }
    let num: u32 = text[at..run_end].parse().ok()?;
    let mut end = run_end;
    let mut year = None;
    // "Nghị định 49/2024".
    if let Some(rest) = text[end..].strip_prefix('/') {
        let y = rest.bytes().take_while(u8::is_ascii_digit).count();
        let value: u16 = rest[..y].parse().ok().filter(|v| y == 4 && (1945..=2099).contains(v))?;
        year = Some(value);
        end += 1 + y;
    }
    let next = text[end..].chars().next();
    let after_next = text[end..].chars().nth(1);
    if next.is_some_and(|c| number::is_letter_or_digit(c) || matches!(c, '/' | '_' | '%') || is_mark(c)) {
        return None;
    }
    // "2021-2025", "1.149", "3,7", "7:30": a range or a bigger number, not a document.
    if next.is_some_and(|c| matches!(c, '.' | ',' | ':') || number::is_dash(c))
        && after_next.is_some_and(number::is_letter_or_digit)
    {
        return None;
    }
    // What comes after is checked first: it is cheaper, and rules out most numbers.
    let p = prefix(text, at);
    // "Kế hoạch 2023" is the plan for a year; "Kế hoạch số 2023" is a number.
    if !p.so && (1945..=2099).contains(&num) && year.is_none() {
        return None;
    }
    let (kind, start) = match (p.word, p.code) {
        (Some(k), _) if k.short || p.so => (k, p.start),
        (None, Some((k, s))) if kinds::SHORT_CODES.contains(&k.code) => (k, s),
        _ => return None,
    };
    let mut words = following_words(&text[end..]);
    if let Some(w) = words.first() {
        let numbered = words.get(1).is_some_and(|n| n.starts_with(|c: char| c.is_ascii_digit()));
        if UNITS.contains(&w.to_lowercase().as_str()) && !numbered {
            return None;
        }
        // "Chỉ thị 14 năm 2021".
        if year.is_none() && w.to_lowercase() == "năm" {
            if let Some(y) =
                words.get(1).and_then(|n| n.parse::<u16>().ok()).filter(|y| (1945..=2099).contains(y))
            {
                year = Some(y);
                let skip = text[end..].find(words[1]).map_or(0, |i| i + words[1].len());
                end += skip;
                words.drain(..2);
            }
        }
    }
    let mut dated = None;
    let mut issuer = None;
    for (k, w) in words.iter().enumerate() {
        let lower = w.to_lowercase();
        if lower == "ngày" {
            dated = words.get(k + 1).and_then(|d| d.rsplit('/').next()).and_then(|y| y.parse().ok());
        }
        if lower == "của" {
            let name: Vec<&str> = words[k + 1..].iter().take(8).copied().collect();
            if !name.is_empty() {
                issuer = Some(kinds::plain(&name.join(" ")));
            }
            break;
        }
    }
    let short = Short { kind, num, year, dated, issuer };
    Some(Reference { start, end, number_start: at, cited: Cited::Short(short) })
}

/// The year the text gives right after a number: "14/CT-TTg năm 2021",
/// "14/CT-TTg ngày 25/5/2021" (to tell apart state documents of the same number).
pub fn year_after(text: &str, end: usize) -> Option<u16> {
    let words = following_words(text.get(end..)?);
    let year = |w: &str| w.parse::<u16>().ok().filter(|y| (1945..=2099).contains(y));
    match words.first().map(|w| w.to_lowercase()).as_deref() {
        Some("năm") => words.get(1).and_then(|w| year(w)),
        Some("ngày") => words.get(1).and_then(|d| d.rsplit('/').next()).and_then(year),
        _ => None,
    }
}

/// The next few words of a clause: white-space separated, up to punctuation that ends it.
fn following_words(text: &str) -> Vec<&str> {
    let mut end = text.len();
    for (i, c) in text.char_indices() {
        let sentence_end = c == '.' && text[i + 1..].chars().next().is_none_or(char::is_whitespace);
        if sentence_end || matches!(c, ';' | '!' | '?' | '\n' | '(' | ')' | '“' | '"') {
            end = i;
            break;
        }
        if i > 200 {
            end = i;
            break;
        }
    }
    text[..end].split(|c: char| c.is_whitespace() || c == ',').filter(|w| !w.is_empty()).take(14).collect()
}

#[cfg(test)]
mod tests {
    use super::next_digit;

    #[test]
    fn next_digit_finds_every_digit_a_byte_loop_finds() {
        let text =
            "Chỉ thị số 11 - CT/TW ngày 13/4/2007, ~`/:;@[0123456789]{|} \u{2010}9 quý III/2023 ".repeat(3);
        let bytes = text.as_bytes();
        for from in 0..=bytes.len() {
            let want = bytes[from..].iter().position(u8::is_ascii_digit).map(|p| from + p);
            assert_eq!(next_digit(bytes, from), want, "{from}");
        }
        for b in 0..=255u8 {
            let mut v = vec![b'a'; 20];
            v[11] = b;
            assert_eq!(next_digit(&v, 0), b.is_ascii_digit().then_some(11), "{b}");
        }
    }
}
