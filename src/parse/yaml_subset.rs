//! A reader for the small part of YAML that front matter is written in (`key: "text"`,
//! `date: 2023-03-01`, `tags: ["a", "b"]`, nested blocks, `- item` lists), about twenty
//! times cheaper than serde_yaml's. It gives exactly the `serde_yaml::Value` serde_yaml
//! would, or `None` for anything it is not certain of (comments, anchors, tags,
//! multi-line scalars, odd indentation, duplicate keys, unusual words and numbers); the
//! caller then asks serde_yaml, so errors and their lines stay serde_yaml's.

use serde_yaml::{Mapping, Number, Value};

/// Plain scalars that serde_yaml reads as booleans (any other spelling is left to it).
const BOOLEANS: &[(&str, bool)] = &[("true", true), ("false", false)];

/// Plain words (compared ignoring ASCII case) that are, or in some YAML reading could be,
/// something other than a string: null, booleans of YAML 1.1 and 1.2, Rust's float words.
const NOT_SURELY_STRINGS: &[&str] =
    &["null", "true", "false", "yes", "no", "on", "off", "y", "n", "inf", "infinity", "nan"];

/// Whether `yaml` holds only characters we read ourselves: printable ASCII, `\n`, and
/// other Unicode except what serde_yaml's reader treats specially (C1 controls with NEL,
/// U+2028/U+2029 line breaks, the byte-order mark, U+FFFE/U+FFFF) and the no-break space,
/// which we do not want to reason about. Byte by byte, on the UTF-8 encoding.
fn is_plain_text(yaml: &str) -> bool {
    let b = yaml.as_bytes();
    let at = |i: usize| b.get(i).copied().unwrap_or(0);
    b.iter().enumerate().all(|(i, &c)| match c {
        b'\n' | b' '..=b'~' => true,
        0..=0x7f => false,
        // U+0080..=U+00A0
        0xc2 => at(i + 1) > 0xa0,
        // U+2028, U+2029
        0xe2 => !(at(i + 1) == 0x80 && matches!(at(i + 2), 0xa8 | 0xa9)),
        // U+FEFF; U+FFFE, U+FFFF
        0xef => !(at(i + 1) == 0xbb && at(i + 2) == 0xbf || at(i + 1) == 0xbf && at(i + 2) >= 0xbe),
        _ => true,
    })
}

/// The longest key we read ourselves (libyaml refuses simple keys over 1024 characters).
const MAX_KEY_LEN: usize = 128;
/// Digits of the longest integer we read ourselves: always fits `u64` and `i64`.
const MAX_INT_DIGITS: usize = 18;

/// One non-blank line: its indentation and the text after it.
struct Line<'a> {
    indent: usize,
    text: &'a str,
}

/// The YAML `yaml` as serde_yaml reads it, when it is in the subset; `None` otherwise.
pub fn read(yaml: &str) -> Option<Value> {
    if !is_plain_text(yaml) {
        return None;
    }
    let lines: Vec<Line> = yaml
        .split('\n')
        .filter_map(|l| {
            let text = l.trim_start_matches(' ');
            (!text.is_empty()).then(|| Line { indent: l.len() - text.len(), text })
        })
        .collect();
    if lines.first()?.indent != 0 {
        return None;
    }
    let mut reader = Reader { lines, pos: 0 };
    let value = reader.mapping(0)?;
    (reader.pos == reader.lines.len()).then_some(value)
}

struct Reader<'a> {
    lines: Vec<Line<'a>>,
    pos: usize,
}

impl Reader<'_> {
    /// A block mapping whose keys are at `indent`.
    fn mapping(&mut self, indent: usize) -> Option<Value> {
        let mut map = Mapping::new();
        while let Some(line) = self.lines.get(self.pos) {
            if line.indent < indent {
                break;
            }
            if line.indent > indent {
                return None;
            }
            let (key, rest) = split_key(line.text)?;
            self.pos += 1;
            let rest = rest.trim_start_matches(' ');
            let value = if rest.is_empty() {
                self.block_value(indent)?
            } else {
                let value = inline_value(rest)?;
                self.no_continuation(indent)?;
                value
            };
            if map.insert(Value::String(key.to_owned()), value).is_some() {
                return None;
            }
        }
        Some(Value::Mapping(map))
    }

    /// The value of a `key:` at `indent` with nothing after the colon.
    fn block_value(&mut self, indent: usize) -> Option<Value> {
        let Some(next) = self.lines.get(self.pos) else { return Some(Value::Null) };
        if next.indent > indent {
            return if is_item(next.text) { self.sequence(next.indent) } else { self.mapping(next.indent) };
        }
        // `key:` followed by `- item` lines at the key's own indentation.
        if next.indent == indent && is_item(next.text) {
            return self.sequence(indent);
        }
        Some(Value::Null)
    }

    /// A block sequence whose `-` are at `indent`; items are single-line scalars or flow lists.
    fn sequence(&mut self, indent: usize) -> Option<Value> {
        let mut items = Vec::new();
        while let Some(line) = self.lines.get(self.pos) {
            if line.indent < indent || !is_item(line.text) {
                break;
            }
            if line.indent > indent {
                return None;
            }
            let item = line.text[1..].trim_start_matches(' ');
            if item.is_empty() {
                return None;
            }
            self.pos += 1;
            items.push(inline_value(item)?);
            self.no_continuation(indent)?;
        }
        Some(Value::Sequence(items))
    }

    /// A line indented deeper than a value's own would continue it (or be an error).
    fn no_continuation(&self, indent: usize) -> Option<()> {
        match self.lines.get(self.pos) {
            Some(next) if next.indent > indent => None,
            _ => Some(()),
        }
    }
}

/// `- x` or a lone `-`.
fn is_item(text: &str) -> bool {
    text == "-" || text.starts_with("- ")
}

/// `key: rest` → (key, rest), for keys that are plain words serde_yaml reads as strings.
fn split_key(text: &str) -> Option<(&str, &str)> {
    let bytes = text.as_bytes();
    if !bytes.first()?.is_ascii_alphabetic() && bytes[0] != b'_' {
        return None;
    }
    let end = bytes.iter().position(|b| !(b.is_ascii_alphanumeric() || *b == b'_' || *b == b'-'))?;
    let (key, rest) = text.split_at(end);
    let rest = rest.strip_prefix(':')?;
    if end > MAX_KEY_LEN || !(rest.is_empty() || rest.starts_with(' ')) || !is_surely_string(key) {
        return None;
    }
    Some((key, rest))
}

/// A word starting with a letter that serde_yaml certainly reads as a string.
fn is_surely_string(word: &str) -> bool {
    !NOT_SURELY_STRINGS.iter().any(|w| w.eq_ignore_ascii_case(word))
}

/// A value written on the key's (or the `-`'s) line; `text` starts with no space.
fn inline_value(text: &str) -> Option<Value> {
    let (value, rest) = match text.as_bytes()[0] {
        b'"' => double_quoted(text)?,
        b'\'' => single_quoted(text)?,
        b'[' => flow_sequence(text)?,
        _ => return plain(text.trim_end_matches(' '), false),
    };
    rest.bytes().all(|b| b == b' ').then_some(value)
}

/// A `"…"` scalar closed on its line, with the escapes `\"`, `\\`, `\/`, `\n`, `\t`; the
/// value and the text after the closing quote.
fn double_quoted(text: &str) -> Option<(Value, &str)> {
    let mut body = &text[1..];
    let mut out = String::new();
    loop {
        let stop = memchr::memchr2(b'"', b'\\', body.as_bytes())?;
        out.push_str(&body[..stop]);
        if body.as_bytes()[stop] == b'"' {
            return Some((Value::String(out), &body[stop + 1..]));
        }
        out.push(match body.as_bytes().get(stop + 1)? {
            b'"' => '"',
            b'\\' => '\\',
            b'/' => '/',
            b'n' => '\n',
            b't' => '\t',
            _ => return None,
        });
        body = &body[stop + 2..];
    }
}

/// A `'…'` scalar closed on its line (`''` is one quote); the value and the text after it.
fn single_quoted(text: &str) -> Option<(Value, &str)> {
    let mut body = &text[1..];
    let mut out = String::with_capacity(body.len());
    loop {
        let close = body.find('\'')?;
        out.push_str(&body[..close]);
        body = &body[close + 1..];
        match body.strip_prefix('\'') {
            Some(after) => {
                out.push('\'');
                body = after;
            }
            None => return Some((Value::String(out), body)),
        }
    }
}

/// `[item, item]` on one line, items quoted or plain words; the value and the text after `]`.
fn flow_sequence(text: &str) -> Option<(Value, &str)> {
    let mut rest = text[1..].trim_start_matches(' ');
    let mut items = Vec::new();
    if let Some(after) = rest.strip_prefix(']') {
        return Some((Value::Sequence(items), after));
    }
    loop {
        let (item, after) = match rest.as_bytes().first()? {
            b'"' => double_quoted(rest)?,
            b'\'' => single_quoted(rest)?,
            _ => {
                let end = rest.find([',', ']'])?;
                (plain(rest[..end].trim_end_matches(' '), true)?, &rest[end..])
            }
        };
        items.push(item);
        let after = after.trim_start_matches(' ');
        if let Some(after) = after.strip_prefix(']') {
            return Some((Value::Sequence(items), after));
        }
        // A `,` must be followed by another item: `[a, ]` is left to serde_yaml.
        rest = after.strip_prefix(',')?.trim_start_matches(' ');
        if rest.starts_with(']') {
            return None;
        }
    }
}

/// A plain (unquoted) scalar, trailing spaces already removed: strings starting with a
/// letter, `true`/`false`, decimal integers and `YYYY-MM-DD` dates (strings to serde_yaml).
fn plain(text: &str, in_flow: bool) -> Option<Value> {
    let first = *text.as_bytes().first()?;
    // Comments, `key: value` nested on one line, and flow punctuation are serde_yaml's.
    let tricky: &[char] = if in_flow { &['#', ':', '[', ']', '{', '}', '"', '\''] } else { &['#'] };
    if text.contains(tricky) || text.contains(": ") || text.ends_with(':') {
        return None;
    }
    if first.is_ascii_alphabetic() || first >= 0x80 {
        if let Some(&(_, b)) = BOOLEANS.iter().find(|(w, _)| *w == text) {
            return Some(Value::Bool(b));
        }
        return is_surely_string(text).then(|| Value::String(text.to_owned()));
    }
    if is_date(text) {
        return Some(Value::String(text.to_owned()));
    }
    let (negative, digits) = match text.strip_prefix('-') {
        Some(digits) => (true, digits),
        None => (false, text),
    };
    let decimal = !digits.is_empty()
        && digits.len() <= MAX_INT_DIGITS
        && digits.bytes().all(|b| b.is_ascii_digit())
        && (digits == "0" && !negative || !digits.starts_with('0'));
    if !decimal {
        return None;
    }
    let n: u64 = digits.parse().ok()?;
    Some(Value::Number(if negative { Number::from(-i64::try_from(n).ok()?) } else { Number::from(n) }))
}

/// `2023-03-01`: digits in the shape of an ISO date (neither a number nor a timestamp to
/// serde_yaml, which has no date type).
fn is_date(text: &str) -> bool {
    let b = text.as_bytes();
    b.len() == 10
        && b.iter().enumerate().all(|(i, c)| if i == 4 || i == 7 { *c == b'-' } else { c.is_ascii_digit() })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// serde_yaml's reading, when it has one.
    fn serde(yaml: &str) -> Option<Value> {
        serde_yaml::from_str(yaml).ok()
    }

    /// The fast reading is absent or the very same value, key order and types included.
    fn assert_same(yaml: &str) -> bool {
        let Some(fast) = read(yaml) else { return false };
        let slow = serde(yaml);
        assert_eq!(Some(&fast), slow.as_ref(), "{yaml:?}");
        // `Mapping` equality ignores order; the debug text does not.
        assert_eq!(format!("{fast:?}"), format!("{:?}", slow.as_ref().unwrap()), "{yaml:?}");
        true
    }

    #[test]
    fn the_bench_corpus_shape_is_read_without_serde_yaml() {
        let yaml = "title: \"Kết luận số 858/KL-UBND về thu hút đầu tư vào các cụm công nghiệp năm 2015\"\n\
            date: 2015-12-08\n\
            tags: [\"du lịch\", \"đất đai\", \"công nghiệp\", \"quốc phòng an ninh\"]\n\
            loai: ket-luan\n\
            taxonomies:\n  tags: [\"du lịch\", \"đất đai\", \"công nghiệp\", \"quốc phòng an ninh\"]\n\
            extra:\n  loai: ket-luan\n";
        assert!(assert_same(yaml));
    }

    #[test]
    fn the_repository_shapes_are_read_without_serde_yaml() {
        for yaml in [
            "title: \"Trang chủ\"\nsort_by: date\nweight: 11\ndraft: true\n",
            "document:\n  kind: cong-van\n  number: \"55-CV/CB\"\n  issued: 2023-03-01\n  cites: [\"11-CT/TW\"]\ntags: []\nextra:\n",
            "bulletin:\n  slot: \"sáng\"\n  target_minutes: 5\n  air_date: 2023-03-13\n",
            "tags:\n  - khuyến học\n  - \"Sơn La\"\ntitle: A\n",
            "tags:\n- a\n- b\ntitle: A\n",
        ] {
            assert!(assert_same(yaml), "{yaml}");
        }
    }

    #[test]
    fn outside_the_subset_is_left_to_serde_yaml() {
        for yaml in [
            "title: A # comment\n",
            "# comment\ntitle: A\n",
            "title: &a A\n",
            "title: !!str A\n",
            "title: |\n  A\n",
            "title: >\n  A\n",
            "title: A\n  B\n",
            "title: \"A\n  B\"\n",
            "title:\tA\n",
            "title: A\ntitle: B\n",
            "  title: A\n",
            "a:\n    b: 1\n  c: 2\n",
            "\"title\": A\n",
            "title: ~\n",
            "title: null\n",
            "draft: yes\n",
            "draft: On\n",
            "draft: True\n",
            "n: 1.5\n",
            "n: .inf\n",
            "n: 0x10\n",
            "n: 007\n",
            "n: +1\n",
            "n: -0\n",
            "n: 1e3\n",
            "n: 123456789012345678901\n",
            "date: 2015-12-08T08:00:00\n",
            "title: a: b\n",
            "title: a:\n",
            "tags: [a, ]\n",
            "tags: [a,\n  b]\n",
            "tags: [[a]]\n",
            "tags: {a: b}\n",
            "title: \"a\\u00e9\"\n",
            "title: \"a\" b\n",
            "- a\n- b\n",
            "just text\n",
            "title: a\u{2028}b\n",
            "title: a\u{a0}\n",
            "\u{feff}title: a\n",
            "tags:\n  - a: 1\n",
            "tags:\n  -\n",
            "tags:\n  - - a\n",
            "true: a\n",
            "title:a\n",
            "title : a\n",
            "...\n",
        ] {
            assert_eq!(read(yaml), None, "{yaml:?}");
        }
    }

    #[test]
    fn the_text_filter_refuses_exactly_the_unsure_characters() {
        let unsure = |c: char| {
            matches!(c, '\u{80}'..='\u{a0}' | '\u{2028}' | '\u{2029}' | '\u{feff}' | '\u{fffe}' | '\u{ffff}')
                || (c < ' ' && c != '\n')
                || c == '\u{7f}'
        };
        for c in (0..=0x10ffff).filter_map(char::from_u32) {
            for text in [format!("{c}"), format!("a{c}b"), format!("{c}{c}")] {
                assert_eq!(is_plain_text(&text), !unsure(c), "{:x}", c as u32);
            }
        }
    }

    /// Fragments the generator puts together: keys, values written each way, nesting.
    const KEYS: &[&str] = &["title", "date", "tags", "loai", "so_hieu", "x-y", "_k", "Title", "n", "nul"];
    const VALUES: &[&str] = &[
        "\"Kết luận số 858/KL-UBND\"",
        "\"Kế hoạch: năm 2023 # 5\"",
        "\"\"",
        "\"  spaced  \"",
        "\"a \\\"quoted\\\" \\\\ \\/ \\n \\t b\"",
        "\"bad \\x escape\"",
        "'it''s'",
        "''",
        "'a \"b\" # c: d'",
        "Đà Nẵng",
        "ket-luan",
        "ket-luan   ",
        "a:b",
        "http://example.vn/a?b=c",
        "a, b [c] {d}",
        "C#",
        "a #b",
        "null",
        "Null",
        "NULL",
        "~",
        "true",
        "false",
        "TRUE",
        "yes",
        "no",
        "off",
        "y",
        "inf",
        "nan",
        "0",
        "1",
        "-1",
        "42",
        "-0",
        "00",
        "0123",
        "+5",
        "1.0",
        "1e5",
        "0x1F",
        "0o17",
        "999999999999999999",
        "-999999999999999999",
        "99999999999999999999",
        "2015-12-08",
        "2015-1-08",
        "2015-12-08 ",
        "13/04/2007",
        "2015-12-08T10:00:00",
        "[]",
        "[ ]",
        "[\"du lịch\", \"đất đai\"]",
        "['a', \"b\" ,  'c''d']",
        "[a, b c, Đà Nẵng]",
        "[1, 2]",
        "[true, null]",
        "[a, ]",
        "[a,b]",
        "[\"a\"] x",
        "{}",
        "|",
        "&x a",
        "*x",
        "!x a",
        "@a",
        "`a`",
        "%a",
        "- a",
        "? a",
        "",
        "   ",
        "Kết luận: số 5",
        "Sở Tư pháp  ",
        "a\\b",
        "\"a\" ",
        "'a' # c",
        "'unclosed",
        "\"unclosed",
        "a 'b' \"c\"",
        "-5 a",
        "- 5",
        "2015-12-08 # c",
    ];
    const NESTED: &[&str] = &[
        "\n  tags: [\"a\", \"b\"]\n  loai: ket-luan",
        "\n  kind: cong-van\n  number: \"55\"\n  issued: 2023-03-01",
        "\n    deep: 1\n    deeper:\n      x: y",
        "\n  - a\n  - \"b\"\n  - 3",
        "\n- a\n- b",
        "\n  - a\n   - b",
        "\n  a: 1\n b: 2",
        "\n  a: 1\n    b: 2",
        "\n  a: 1\n  a: 2",
        "\n\n  a: 1\n\n",
        "\n  a:\n  b:",
        "\n  - [a, b]\n  - 'c'",
        "\n a: 1\n b: \"x\"",
        "\n   a: 1\n   \n   b: 2",
        "\n  a:\n  - x\n  - y\n  b: 1",
        "\n  a:\n    - x\n  b:\n    c: d",
        "\n  - a\n  -  b  ",
        "   \n  a: 1",
    ];

    /// A small deterministic generator (no crate needed): xorshift.
    struct Rng(u64);
    impl Rng {
        fn pick<'a>(&mut self, from: &[&'a str]) -> &'a str {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            from[(self.0 % from.len() as u64) as usize]
        }
    }

    #[test]
    fn single_values_read_as_serde_yaml_reads_them() {
        let mut accepted = 0;
        for key in KEYS {
            for value in VALUES {
                for yaml in [
                    format!("{key}: {value}\n"),
                    format!("{key}: {value}"),
                    format!("a: 1\n{key}: {value}\nz: 2\n"),
                ] {
                    accepted += usize::from(assert_same(&yaml));
                }
            }
            for nested in NESTED {
                accepted += usize::from(assert_same(&format!("{key}:{nested}\nz: 1\n")));
                accepted += usize::from(assert_same(&format!("{key}:{nested}")));
            }
            for value in VALUES {
                accepted += usize::from(assert_same(&format!("{key}:\n  - {value}\n")));
                accepted += usize::from(assert_same(&format!("{key}:\n  sub: {value}\n")));
            }
        }
        assert!(accepted > 1000, "{accepted}");
    }

    #[test]
    fn generated_front_matter_reads_as_serde_yaml_reads_it() {
        let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
        let mut accepted = 0;
        for _ in 0..20_000 {
            let mut yaml = String::new();
            for _ in 0..1 + rng.0 % 6 {
                let key = rng.pick(KEYS);
                let value = match rng.0 % 3 {
                    0 => format!("{key}:{}\n", rng.pick(NESTED)),
                    _ => format!("{key}: {}\n", rng.pick(VALUES)),
                };
                yaml.push_str(&value);
                if rng.0.is_multiple_of(7) {
                    yaml.push('\n');
                }
            }
            accepted += usize::from(assert_same(&yaml));
        }
        assert!(accepted > 1000, "{accepted}");
    }
}
