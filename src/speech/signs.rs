//! Signs and punctuation that are read or dropped: "&" → "và", "~" → "khoảng", "≥", "≤"
//! (table in `data/signs.tsv`), "+" between numbers → "cộng", "và/hoặc" → "và hoặc", "/"
//! between words → "hoặc", "/" after a unit → "trên", "./." → ".", and dashes: between
//! two amounts, dates or times "đến"; between words a space ("Phòng Tổ chức - Hành
//! chính - Kế toán" is one name); a bullet dash is dropped.

use super::claims::{Claims, Item};
use super::{is_dash, table};

fn is_amount(c: &Item) -> bool {
    match c {
        Item::Number(_) | Item::Integer(_) | Item::Month(_) => true,
        Item::Seq(v) => v.iter().any(is_amount),
        // A unit after an amount: "500.000đ - 1.000.000đ".
        Item::Words(w) => w.starts_with("mỗi") || table::units().iter().any(|(_, r)| r == w),
        _ => false,
    }
}

/// Prize ranks, read as a list when joined by slashes.
const RANKS: &[&str] = &["Nhất", "Nhì", "Ba", "Tư", "Khuyến khích", "nhất", "nhì", "ba", "tư"];

/// Whether the words either side of a slash are prize ranks.
fn ranks(head: &str, tail: &str) -> bool {
    RANKS.iter().any(|r| head.ends_with(r)) && RANKS.iter().any(|r| tail.starts_with(r))
}

/// A weekday: "thứ 2", "T6", "CN" read as "thứ hai", "thứ sáu", "chủ nhật".
fn is_weekday(c: &Item) -> bool {
    match c {
        Item::Ordinal { .. } => true,
        Item::Words(w) => w.starts_with("thứ ") || w == "chủ nhật",
        _ => false,
    }
}

pub(crate) fn classify(text: &str, claims: &mut Claims) {
    let mut add: Vec<(usize, usize, Item)> = Vec::new();
    let signs = table::signs();
    let mut pos = 0;
    while pos < text.len() {
        let rest = &text[pos..];
        let Some(c) = rest.chars().next() else { break };
        let len = c.len_utf8();
        if claims.covers(pos) {
            pos += len;
            continue;
        }
        if let Some(r) = rest.strip_prefix("./.") {
            let _ = r;
            add.push((pos, pos + 3, Item::words(".")));
            pos += 3;
            continue;
        }
        if rest.starts_with("và/hoặc") {
            add.push((pos + "và".len(), pos + "và/".len(), Item::words(" ")));
            pos += "và/hoặc".len();
            continue;
        }
        // "từ 18 ~ 45 tuổi": a tilde between two amounts is a range.
        if c == '~'
            && claims.ending_at(text, pos).is_some_and(|c| is_amount(&c.item))
            && claims.starting_at(text, pos + len).is_some_and(|c| is_amount(&c.item))
        {
            add.push((pos, pos + len, Item::words(" đến ")));
            pos += len;
            continue;
        }
        // "khoảng ~50 người": the word is written already.
        if c == '~' && text[..pos].trim_end().to_lowercase().ends_with("khoảng") {
            add.push((pos, pos + len, Item::words(" ")));
            pos += len;
            continue;
        }
        if let Some((w, r)) = signs.iter().find(|(w, _)| rest.starts_with(w)) {
            add.push((pos, pos + w.len(), Item::words(r)));
            pos += w.len();
            continue;
        }
        let left = claims.ending_at(text, pos).map(|c| &c.item);
        let right = claims.starting_at(text, pos + len).map(|c| &c.item);
        let head = text[..pos].trim_end();
        let tail = text[pos + len..].trim_start();
        let l = head.chars().next_back();
        let r = tail.chars().next();
        match c {
            '+' => {
                // Between two counted phrases, "+" is said too: "35 đại biểu + 10 khách mời";
                // only a leading "+" (a bullet) or a glued "+5%" is silent.
                let spaced = text[..pos].ends_with(char::is_whitespace)
                    && text[pos + len..].starts_with(char::is_whitespace);
                let between_words =
                    spaced && l.is_some_and(char::is_alphanumeric) && r.is_some_and(char::is_alphanumeric);
                let reading = if left.is_some_and(is_amount) && right.is_some_and(is_amount) || between_words
                {
                    "cộng"
                } else {
                    " "
                };
                add.push((pos, pos + len, Item::words(reading)));
            }
            '/' => {
                // After a unit ("mg/1 lít") a slash is "trên".
                let unit =
                    |i: &Item| matches!(i, Item::Words(w) if table::units().iter().any(|(_, r)| r == w));
                let reading = if left.is_some_and(unit) {
                    Some("trên")
                } else if ranks(head, tail) {
                    // "giải Nhất/Nhì/Ba" is a list of prizes.
                    Some(",")
                } else if l.is_some_and(char::is_alphabetic) && r.is_some_and(char::is_alphabetic) {
                    Some("hoặc")
                } else {
                    None
                };
                if let Some(reading) = reading {
                    add.push((pos, pos + len, Item::Words(format!(" {reading} "))));
                }
            }
            c if is_dash(c) => {
                let tight = !text[..pos].ends_with(char::is_whitespace)
                    && !text[pos + len..].starts_with(char::is_whitespace);
                let reading = if left.is_some_and(is_amount) && right.is_some_and(is_amount)
                    || left.is_some_and(is_weekday) && right.is_some_and(is_weekday)
                {
                    Some(" đến ")
                } else if l.is_some_and(|c| c.is_ascii_digit()) && r.is_some_and(|c| c.is_ascii_digit()) {
                    None
                } else if tight
                    && l.is_some_and(char::is_uppercase)
                    && r.is_some_and(char::is_uppercase)
                    && left.is_none()
                {
                    // A code such as "NĐ-CP" stays whole (and is reported).
                    None
                } else {
                    Some(" ")
                };
                if let Some(reading) = reading {
                    add.push((pos, pos + len, Item::words(reading)));
                }
            }
            _ => {}
        }
        pos += len;
    }
    for (s, e, item) in add {
        claims.add(s, e, item);
    }
}
