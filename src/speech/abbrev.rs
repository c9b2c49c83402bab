//! Abbreviations as spoken (facts-vi.md B3; table in `data/abbreviations.tsv`): "UBND" →
//! "Ủy ban nhân dân", "CB/CC/VC" → "cán bộ, công chức, viên chức", "TP." → "thành phố",
//! kind codes before a number ("KL 49" → "Kết luận 49"). The site's own abbreviations
//! come first. An abbreviation with several readings is chosen by its context, or left
//! and reported with its readings.

use super::claims::{Claims, Item};
use super::leftovers::Leftover;
use super::table::{self, Abbrev};
use super::token::{word_after, word_before, Kind, Token};
use super::Options;
use crate::document::kinds::KINDS;

/// Kind codes read as their kind without a number, by context ("QĐ này", "các NQ").
const STANDING_KINDS: &[&str] = &["NQ", "QĐ", "CT", "KL", "KH", "CV", "NĐ", "TB", "HD", "BC"];

/// Whether the row's context holds around `start..end`.
fn context_holds(context: &str, text: &str, start: usize, end: usize) -> bool {
    let rest = &text[end..];
    match context.split_once('=') {
        None if context == "number" => {
            let r = rest.trim_start_matches([' ', '.']);
            r.starts_with(|c: char| c.is_ascii_digit())
        }
        // A kind code cites a number apart from it ("KL 49", "QĐ số 12"); "BC15" is a code.
        None if context == "number-apart" => {
            let r = rest.trim_start_matches(' ');
            let r = r.strip_prefix("số").map_or(r, str::trim_start);
            r.len() < rest.len() && r.starts_with(|c: char| c.is_ascii_digit())
        }
        // A road number, one to four digits: "ĐT101", "ĐT.101" (not a phone number).
        None if context == "road" => {
            let r = rest.trim_start_matches([' ', '.']);
            let n = r.bytes().take_while(u8::is_ascii_digit).count();
            let more =
                r[n..].strip_prefix(['.', ' ']).is_some_and(|t| t.starts_with(|c: char| c.is_ascii_digit()));
            (1..=4).contains(&n) && !more
        }
        // A phone number follows: "ĐT 0212.3852.116", "DĐ (+84) 988…".
        None if context == "phone" => rest.trim_start_matches([' ', ':', '.']).starts_with(['0', '(', '+']),
        // A name follows: "TT. Hát Lót", but not "lớp TT."
        None if context == "name" => rest.trim_start().starts_with(char::is_uppercase),
        None => context.is_empty(),
        Some(("after", words)) => {
            // The previous word with its digits too ("T7, CN").
            let head = text[..start].trim_end_matches(|c: char| c.is_whitespace() || ",:".contains(c));
            let code: String = head.chars().rev().take_while(|c| c.is_alphanumeric()).collect();
            let code: String = code.chars().rev().collect::<String>().to_lowercase();
            // A part of a compound ("MN&TH", "CNTT-VT") has the part before it and the
            // word before the whole compound ("Trường MN&TH") as its previous words.
            let joined = super::before(text, start).is_some_and(|c| c == '&' || super::is_dash(c));
            let compound_start = text[..start]
                .trim_end_matches(|c: char| c.is_alphanumeric() || c == '&' || super::is_dash(c))
                .len();
            let previous = [Some(start), joined.then_some(compound_start)];
            previous
                .into_iter()
                .flatten()
                .filter_map(|at| word_before(text, at, ",:&-"))
                .any(|w| words.split('|').any(|x| x == w))
                || words.split('|').any(|x| {
                    x == code || x == "#" && !code.is_empty() && code.bytes().all(|b| b.is_ascii_digit())
                })
        }
        Some(("before", words)) => {
            if words == ":" {
                return rest.trim_start().starts_with(':');
            }
            // Past a comma too: "CN, ngày 22/6".
            let comma = text[end..].strip_prefix(',').map(|_| end + 1);
            // ... and the next part of a compound ("TH&THCS").
            let joined = text[end..].strip_prefix(['&', '-']).map(|_| end + 1);
            [Some(end), comma, joined]
                .into_iter()
                .flatten()
                .any(|at| word_after(text, at).is_some_and(|w| words.split('|').any(|x| x == w)))
        }
        // One of the words is in the same sentence: "Tốt 60%, Khá 30%, TB 10%".
        // Not before "số": "TB số 15" cites a document whatever the sentence is about.
        Some(("near", _)) if rest.trim_start().starts_with("số ") => false,
        Some(("near", words)) => {
            // A sentence ends at ". " ("1.200 em" is a number).
            let stop = |at: usize| {
                text[at..].starts_with('\n')
                    || text[at..].starts_with(['.', '!', '?'])
                        && text[at + 1..].chars().next().is_none_or(char::is_whitespace)
            };
            let from = (0..start).rev().find(|&i| text.is_char_boundary(i) && stop(i)).map_or(0, |i| i + 1);
            let to = (end..text.len()).find(|&i| text.is_char_boundary(i) && stop(i)).unwrap_or(text.len());
            text[from..to]
                .split(|c: char| !c.is_alphabetic())
                .any(|w| words.split('|').any(|x| x == w.to_lowercase()))
        }
        _ => false,
    }
}

/// Whether `written` stands as a whole token at `pos`.
fn stands_at(text: &str, pos: usize, written: &str) -> bool {
    let Some(rest) = text[pos..].strip_prefix(written) else { return false };
    let boundary =
        |c: Option<char>| !c.is_some_and(|c| c.is_alphanumeric() || "&/_".contains(c) || super::is_dash(c));
    // Two abbreviations joined by a dash ("GDNN-GDTX") are read one after the other.
    // ... and so are two joined by "&" ("THCS&THPT": "… và …").
    let joined_left = text[..pos]
        .strip_suffix(['-', '&'])
        .is_some_and(|h| h.ends_with(|c: char| c.is_uppercase() || c.is_ascii_digit()))
        && written.starts_with(char::is_uppercase);
    let joined_right = rest.strip_prefix(['-', '&']).is_some_and(|r| r.starts_with(char::is_uppercase));
    if !boundary(super::before(text, pos)) && !joined_left {
        return false;
    }
    if joined_right && written.chars().all(|c| c.is_uppercase() || c == '&' || c.is_ascii_digit()) {
        return true;
    }
    // "SĐT/Zalo": a slash before a word joins two words.
    let slash_word =
        rest.strip_prefix('/').is_some_and(|r| r.starts_with(char::is_alphabetic)) && !written.contains('/');
    // "TP." ends with its own dot; "QL6", "Km12" may touch their number.
    written.ends_with('.')
        || boundary(rest.chars().next())
        || slash_word
        || rest.starts_with(|c: char| c.is_ascii_digit())
            && written.chars().next().is_some_and(char::is_uppercase)
            && written.chars().all(char::is_alphabetic)
}

/// Abbreviations the text defines: "… xây dựng đời sống văn hóa (TDĐKXDĐSVH)", the
/// initials of the words before the brackets. The brackets are not read; later uses of
/// the abbreviation in the text are read as the words.
fn defined(text: &str, claims: &mut Claims) -> Vec<(String, String)> {
    static RE: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    let re = super::claims::re(&RE, r"\((?P<a>[A-ZĐ][A-ZĐ&]{1,14})\)");
    let mut out = Vec::new();
    for caps in re.captures_iter(text) {
        let (Some(all), Some(a)) = (caps.get(0), caps.name("a")) else { continue };
        let letters: Vec<char> = a.as_str().chars().filter(|c| *c != '&').collect();
        let words: Vec<&str> = text[..all.start()]
            .split(|c: char| c.is_whitespace() || "\"“”'‘’,-–".contains(c))
            .filter(|w| !w.is_empty())
            .collect();
        let tail: Vec<&str> =
            words.iter().rev().filter(|w| !matches!(**w, "và" | "Và")).take(letters.len()).copied().collect();
        if tail.len() < letters.len() || letters.len() < 2 {
            continue;
        }
        // "án" gives "A": the letter without its marks ("Đ" has none to lose).
        let initial = |w: &str| {
            use unicode_normalization::UnicodeNormalization;
            let c = w.chars().next()?;
            let base = std::iter::once(c).nfd().next().unwrap_or(c);
            base.to_uppercase().next()
        };
        let initials = tail.iter().rev().map(|w| initial(w));
        if !initials.zip(&letters).all(|(i, l)| i == Some(*l)) {
            continue;
        }
        let first = tail.last().copied().unwrap_or("");
        let from = text[..all.start()].rfind(first).unwrap_or(all.start());
        let phrase = text[from..all.start()].trim().trim_end_matches(['"', '”', '’']).to_owned();
        if claims.add(all.start(), all.end(), Item::words("")) {
            out.push((a.as_str().to_owned(), phrase));
        }
    }
    out
}

pub(crate) fn classify<'a>(
    text: &str,
    tokens: &[Token],
    claims: &mut Claims,
    opts: &'a Options<'a>,
    notes: &mut Vec<Leftover>,
) {
    let defined_here = defined(text, claims);
    let site: Vec<Abbrev<'_>> = opts
        .abbreviations
        .iter()
        .filter(|(a, _)| !a.is_empty())
        .map(|(a, e)| Abbrev { written: a.as_str(), reading: e.as_str(), context: "" })
        .chain(defined_here.iter().map(|(a, e)| Abbrev {
            written: a.as_str(),
            reading: e.as_str(),
            context: "",
        }))
        .collect();
    let kinds: Vec<Abbrev<'a>> = KINDS
        .iter()
        .filter(|k| k.code != "TT")
        .map(|k| Abbrev { written: k.code, reading: k.name, context: "number-apart" })
        // "QĐ này", "các NQ của HĐND": a kind code standing for its kind.
        .chain(KINDS.iter().filter(|k| STANDING_KINDS.contains(&k.code)).flat_map(|k| {
            [
                Abbrev {
                    written: k.code, reading: k.name, context: "before=này|của|trên|đó|kèm|về|nói"
                },
                Abbrev {
                    written: k.code, reading: k.name, context: "after=các|những|theo|tại|hiện|và|hoặc"
                },
            ]
        }))
        .collect();
    let builtin = table::abbreviations();
    // Issuer codes read the same standing alone ("BYT khuyến cáo"), after the table.
    let alone: Vec<Abbrev<'a>> = crate::document::issuers::all()
        .iter()
        .filter(|i| i.alone)
        .map(|i| Abbrev { written: i.code, reading: i.name, context: "" })
        .collect();
    for t in tokens {
        if !matches!(t.kind, Kind::Word | Kind::Symbol) || claims.covers(t.start) {
            continue;
        }
        // Site rows first, then built-in rows, longest first; a row whose context does
        // not hold gives way to a shorter one ("TT." → "TT").
        // Only rows that start with the token's first character can stand here.
        let Some(first) = text[t.start..].chars().next() else { continue };
        let starts = |a: &&Abbrev| a.written.starts_with(first);
        let standing: Vec<Abbrev<'_>> = site
            .iter()
            .chain(table::abbreviations_from(first).iter())
            .chain(alone.iter().filter(starts))
            .chain(kinds.iter().filter(starts))
            .copied()
            .filter(|a| stands_at(text, t.start, a.written))
            .collect();
        let mut lengths: Vec<usize> = standing.iter().map(|a| a.written.len()).collect();
        lengths.sort_unstable_by(|a, b| b.cmp(a));
        lengths.dedup();
        for len in lengths {
            let group: Vec<&Abbrev> = standing.iter().filter(|a| a.written.len() == len).collect();
            let end = t.start + len;
            if !claims.is_free(t.start, end) {
                continue;
            }
            let chosen = group
                .iter()
                .find(|a| !a.context.is_empty() && context_holds(a.context, text, t.start, end))
                .or_else(|| group.iter().find(|a| a.context.is_empty()));
            if let Some(a) = chosen {
                // "Ban Chỉ đạo (BCĐ)" defines the abbreviation: the reader skips "(BCĐ)".
                let open = text[..t.start].strip_suffix('(');
                let defined = open
                    .is_some_and(|h| h.trim_end().to_lowercase().ends_with(&a.reading.to_lowercase()))
                    && text[end..].starts_with(')');
                // "đường tỉnh ĐT.108", "quốc lộ QL6": the words are written out already.
                let said = text[..t.start].trim_end().to_lowercase().ends_with(&a.reading.to_lowercase());
                if defined {
                    claims.add(t.start - 1, end + 1, Item::words(""));
                } else if said && a.reading.contains(' ') {
                    claims.add(t.start, end, Item::words(""));
                } else {
                    claims.add(t.start, end, Item::words(a.reading));
                }
                break;
            }
            let mut readings: Vec<&str> = group.iter().map(|a| a.reading).collect();
            readings.dedup();
            let exact = readings.len();
            readings.dedup_by(|a, b| a.to_lowercase() == b.to_lowercase());
            // Rows that differ only in case ("KH" the kind, "KH" in running text) agree.
            if let [only] = readings.as_slice() {
                if exact > 1 {
                    claims.add(t.start, end, Item::words(&only.to_lowercase()));
                    break;
                }
            }
            if readings.len() > 1 {
                notes.push(Leftover {
                    what: format!("{} ({}?)", group[0].written, readings.join(" hay ")),
                    at: t.start,
                });
                // Claimed unread, so it is reported once.
                claims.add(t.start, end, Item::Words(group[0].written.to_owned()));
                break;
            }
        }
        if t.kind == Kind::Word && !claims.covers(t.start) {
            if let Some((len, reading)) = lower_case(text, t, builtin) {
                claims.add(t.start, t.start + len, Item::words(reading));
                continue;
            }
            if let Some(reading) = compound(t.text, builtin) {
                let boundary = |c: Option<char>| !c.is_some_and(|c| c.is_alphanumeric() || "&/_".contains(c));
                if boundary(super::before(text, t.start)) && boundary(super::after(text, t.end)) {
                    claims.add(t.start, t.end, Item::Words(reading));
                }
            }
        }
    }
}

/// The one reading of a built-in abbreviation, whatever its context ("CA" → "công an",
/// "ĐTN" → "Đoàn Thanh niên"); none when its rows read it differently ("TT").
pub(crate) fn sole_reading(code: &str) -> Option<&'static str> {
    let mut rows = table::abbreviations().iter().filter(|a| a.written == code);
    let first = rows.next()?.reading;
    rows.all(|a| a.reading.to_lowercase() == first.to_lowercase()).then_some(first)
}

/// An abbreviation typed in lower case ("ubnd", "tp. Sơn La", "bhyt"): read as the
/// table's capital form when it is no Vietnamese syllable and the table gives one reading.
fn lower_case<'a>(text: &str, t: &Token, builtin: &[Abbrev<'a>]) -> Option<(usize, &'a str)> {
    let w = t.text;
    if !w.chars().all(char::is_lowercase) || super::leftovers::is_syllable(w) {
        return None;
    }
    let glued = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || "&/_@-".contains(c));
    let dot = text[t.end..].starts_with('.') && !glued(super::after(text, t.end + 1));
    if glued(super::before(text, t.start)) || !dot && glued(super::after(text, t.end)) {
        return None;
    }
    let upper = w.to_uppercase();
    let one = |written: &str| {
        let rows: Vec<&Abbrev<'a>> = builtin.iter().filter(|a| a.written == written).collect();
        match rows.as_slice() {
            [a] if a.context.is_empty() => Some(a.reading),
            _ => None,
        }
    };
    if dot {
        if let Some(r) = one(&format!("{upper}.")) {
            return Some((w.len() + 1, r));
        }
    }
    if w.chars().count() < 3 {
        return None;
    }
    one(&upper).map(|r| (w.len(), r))
}

/// An abbreviation made of two or three known names of bodies ("BTVTU" = BTV + TU → "Ban
/// Thường vụ Tỉnh ủy", "BCHĐTN"), each read without context; the fewest parts win. Only
/// names (capitalised readings) combine: "HTXSNV" is no "hợp tác xã" + "Sở Nội vụ".
fn compound(word: &str, builtin: &[Abbrev]) -> Option<String> {
    let chars: Vec<char> = word.chars().collect();
    if chars.len() < 4 || chars.len() > 16 || !chars.iter().all(|c| c.is_uppercase()) {
        return None;
    }
    let reading = |part: &str| -> Option<&str> {
        let found = builtin.iter().find(|a| a.written == part && a.context.is_empty()).map(|a| a.reading);
        found
            .or_else(|| {
                let issuers = crate::document::issuers::all();
                issuers
                    .iter()
                    .find(|i| i.code == part && (i.alone || part.chars().count() > 2))
                    .map(|i| i.name)
            })
            .filter(|r| r.starts_with(char::is_uppercase))
    };
    // best[i]: the fewest parts reading chars[..i].
    let mut best: Vec<Option<Vec<&str>>> = vec![None; chars.len() + 1];
    best[0] = Some(Vec::new());
    for end in 2..=chars.len() {
        for start in (0..end.saturating_sub(1)).rev() {
            let Some(head) = best[start].clone() else { continue };
            if head.len() >= 3 {
                continue;
            }
            let part: String = chars[start..end].iter().collect();
            let Some(r) = reading(&part) else { continue };
            let mut v = head;
            v.push(r);
            if best[end].as_ref().is_none_or(|b| v.len() < b.len()) {
                best[end] = Some(v);
            }
        }
    }
    best[chars.len()].take().filter(|v| v.len() >= 2).map(|v| v.join(" "))
}
