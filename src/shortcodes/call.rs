//! Finding shortcode calls in Markdown: `{{ name(arg=…) }}` and `{% name(arg=…) %}…{% end %}`.

use serde_json::{Map, Number, Value};

/// One call found in a body; offsets are byte offsets into the scanned text.
#[derive(Debug, PartialEq)]
pub struct Call {
    pub name: String,
    pub args: Map<String, Value>,
    /// Where the call starts (`{{` or `{%`).
    pub start: usize,
    /// Just past the call (past `}}`, or past `{% end %}` for a block).
    pub end: usize,
    /// The body of a block call, as a range of the scanned text.
    pub body: Option<std::ops::Range<usize>>,
    /// The call stands alone on its line(s): its output is a block.
    pub alone: bool,
}

/// Why a call could not be read.
#[derive(Debug, PartialEq)]
pub enum Problem {
    /// Arguments that are not `name=value` pairs; the offset points at the bad spot.
    Args { name: String, at: usize },
    /// A block call without `{% end %}`.
    Unclosed { name: String, at: usize },
}

/// Every call in `text`, outside fenced code and inline code spans, in order.
pub fn find(text: &str) -> Result<Vec<Call>, Problem> {
    let mut calls = Vec::new();
    let bytes = text.as_bytes();
    let mut i = 0;
    let mut line_start = true;
    while i < bytes.len() {
        if line_start {
            if let Some(after) = skip_fence(text, i) {
                i = after;
                continue;
            }
        }
        let b = bytes[i];
        line_start = b == b'\n';
        match b {
            b'`' => {
                let run = bytes[i..].iter().take_while(|&&c| c == b'`').count();
                let fence = &text[i..i + run];
                // An inline code span: skip to the closing run of the same length.
                i = match text[i + run..].find(fence) {
                    Some(j) => i + run + j + run,
                    None => i + run,
                };
            }
            b'{' if matches!(bytes.get(i + 1), Some(b'{' | b'%')) => match read_call(text, i)? {
                Some(call) => {
                    i = call.end;
                    calls.push(call);
                }
                None => i += 2,
            },
            _ => i += 1,
        }
    }
    Ok(calls)
}

/// At a line starting a fenced code block (```` ``` ```` or `~~~`): the offset past its end.
fn skip_fence(text: &str, at: usize) -> Option<usize> {
    let line = &text[at..];
    let indent = line.len() - line.trim_start_matches(' ').len();
    if indent > 3 {
        return None;
    }
    let rest = &line[indent..];
    let marker = rest.chars().next().filter(|c| *c == '`' || *c == '~')?;
    let run = rest.chars().take_while(|&c| c == marker).count();
    if run < 3 {
        return None;
    }
    let fence: String = std::iter::repeat_n(marker, run).collect();
    let mut offset = at + line.find('\n').map_or(line.len(), |n| n + 1);
    while offset < text.len() {
        let l = &text[offset..];
        let end = l.find('\n').map_or(l.len(), |n| n + 1);
        if l[..end].trim().starts_with(&fence) && l[..end].trim().trim_start_matches(marker).is_empty() {
            return Some(offset + end);
        }
        offset += end;
    }
    Some(text.len())
}

/// Reads the call starting at `at` (`{{` or `{%`); `None` when it is not one
/// (`{{ x }}` without parentheses is left as text).
fn read_call(text: &str, at: usize) -> Result<Option<Call>, Problem> {
    let block = text.as_bytes()[at + 1] == b'%';
    let close = if block { "%}" } else { "}}" };
    let mut p = at + 2;
    p = skip_ws(text, p);
    let name_len = text[p..].bytes().take_while(|b| b.is_ascii_alphanumeric() || *b == b'_').count();
    if name_len == 0 || !text.as_bytes()[p].is_ascii_alphabetic() {
        return Ok(None);
    }
    let name = text[p..p + name_len].to_owned();
    p = skip_ws(text, p + name_len);
    if !text[p..].starts_with('(') {
        return Ok(None);
    }
    if block && name == "end" {
        return Ok(None);
    }
    let (args, after) = read_args(text, p + 1).map_err(|at| Problem::Args { name: name.clone(), at })?;
    p = skip_ws(text, after);
    if !text[p..].starts_with(close) {
        return Err(Problem::Args { name, at: p });
    }
    let mut end = p + 2;
    let mut body = None;
    if block {
        let Some((body_end, after_end)) = find_end(text, end) else {
            return Err(Problem::Unclosed { name, at });
        };
        body = Some(end..body_end);
        end = after_end;
    }
    let line_before = &text[text[..at].rfind('\n').map_or(0, |n| n + 1)..at];
    let line_after = &text[end..text[end..].find('\n').map_or(text.len(), |n| end + n)];
    let alone = line_before.trim().is_empty() && line_after.trim().is_empty();
    Ok(Some(Call { name, args, start: at, end, body, alone }))
}

/// The `{% end %}` closing a block whose body starts at `from`: (body end, offset past the tag).
fn find_end(text: &str, from: usize) -> Option<(usize, usize)> {
    let mut search = from;
    while let Some(rel) = text[search..].find("{%") {
        let at = search + rel;
        let p = skip_ws(text, at + 2);
        if text[p..].starts_with("end") {
            let q = skip_ws(text, p + 3);
            if text[q..].starts_with("%}") {
                return Some((at, q + 2));
            }
        }
        search = at + 2;
    }
    None
}

fn skip_ws(text: &str, from: usize) -> usize {
    from + text[from..].bytes().take_while(|b| b.is_ascii_whitespace()).count()
}

/// Reads `a="x", b=2, c=true)` from `from`; returns the arguments and the offset past `)`,
/// or the offset of the first thing that is not an argument.
fn read_args(text: &str, from: usize) -> Result<(Map<String, Value>, usize), usize> {
    let mut args = Map::new();
    let mut p = skip_ws(text, from);
    if text[p..].starts_with(')') {
        return Ok((args, p + 1));
    }
    loop {
        let key_len = text[p..].bytes().take_while(|b| b.is_ascii_alphanumeric() || *b == b'_').count();
        if key_len == 0 {
            return Err(p);
        }
        let key = text[p..p + key_len].to_owned();
        p = skip_ws(text, p + key_len);
        if !text[p..].starts_with('=') {
            return Err(p);
        }
        p = skip_ws(text, p + 1);
        let (value, after) = read_value(text, p).ok_or(p)?;
        args.insert(key, value);
        p = skip_ws(text, after);
        match text[p..].chars().next() {
            Some(',') => p = skip_ws(text, p + 1),
            Some(')') => return Ok((args, p + 1)),
            _ => return Err(p),
        }
    }
}

/// A string (`"…"`, `'…'`), a number or `true`/`false` at `at`; with the offset past it.
fn read_value(text: &str, at: usize) -> Option<(Value, usize)> {
    let rest = &text[at..];
    let first = rest.chars().next()?;
    if first == '"' || first == '\'' {
        let mut out = String::new();
        let mut chars = rest.char_indices().skip(1);
        while let Some((i, c)) = chars.next() {
            match c {
                '\\' => out.push(chars.next()?.1),
                c if c == first => return Some((Value::String(out), at + i + 1)),
                c => out.push(c),
            }
        }
        return None;
    }
    let len =
        rest.bytes().take_while(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_')).count();
    let word = &rest[..len];
    let value = match word {
        "true" => Value::Bool(true),
        "false" => Value::Bool(false),
        _ => {
            if let Ok(n) = word.parse::<i64>() {
                Value::Number(n.into())
            } else {
                Value::Number(Number::from_f64(word.parse::<f64>().ok()?)?)
            }
        }
    };
    Some((value, at + len))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inline_and_block_calls_with_arguments() {
        let text = "A {{ hotline(so=\"0212 3852 123\", n=2) }} b.\n\n{% thong_bao(tieu_de='Lịch') %}\nNội dung\n{% end %}\n";
        let calls = find(text).unwrap();
        assert_eq!(calls.len(), 2);
        assert_eq!(calls[0].name, "hotline");
        assert_eq!(calls[0].args["so"], "0212 3852 123");
        assert_eq!(calls[0].args["n"], 2);
        assert!(!calls[0].alone);
        assert_eq!(calls[1].args["tieu_de"], "Lịch");
        assert_eq!(&text[calls[1].body.clone().unwrap()], "\nNội dung\n");
        assert!(calls[1].alone);
    }

    #[test]
    fn code_is_not_scanned() {
        let text = "`{{ a() }}` and\n```\n{{ b() }}\n```\n{{ c() }}\n";
        let names: Vec<String> = find(text).unwrap().into_iter().map(|c| c.name).collect();
        assert_eq!(names, ["c"]);
    }

    #[test]
    fn template_like_text_without_parentheses_is_text() {
        assert!(find("{{ page.title }} {% raw %}").unwrap().is_empty());
    }

    #[test]
    fn bad_arguments_point_at_the_spot() {
        let text = "{{ van_ban(so=11-CT/TW) }}";
        assert_eq!(find(text), Err(Problem::Args { name: "van_ban".into(), at: 14 }));
        assert_eq!(
            find("x {% thong_bao() %} body"),
            Err(Problem::Unclosed { name: "thong_bao".into(), at: 2 })
        );
    }
}
