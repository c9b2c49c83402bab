//! What a YAML error means for the person who typed it: a sentence of ours before
//! serde_yaml's own text, and the line the mistake is really on (an unclosed quote is
//! reported by the parser where the text ends, not where the quote opens).

use crate::messages::Lang;

/// The likely mistake behind a YAML error.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum YamlHint {
    UnclosedQuote,
    ColonInValue,
    Indent,
    Tab,
    WrongType,
    DuplicateKey,
    Other,
}

/// serde_yaml's wording → the mistake, checked in order.
const PATTERNS: &[(&str, YamlHint)] = &[
    ("duplicate", YamlHint::DuplicateKey),
    ("invalid type", YamlHint::WrongType),
    ("invalid value", YamlHint::WrongType),
    ("unknown variant", YamlHint::WrongType),
    ("mapping values are not allowed", YamlHint::ColonInValue),
    ("cannot start any token", YamlHint::Tab),
    ("did not find expected", YamlHint::Indent),
    ("block mapping", YamlHint::Indent),
    ("end of stream", YamlHint::Indent),
];

/// The mistake behind `err` on `yaml`, and the 1-based line and column (0: unknown) of
/// the YAML text where it is.
pub fn explain(yaml: &str, err: &serde_yaml::Error) -> (YamlHint, usize, usize) {
    let (line, col) = err.location().map_or((1, 0), |l| (l.line(), l.column()));
    let detail = err.to_string();
    let hint = PATTERNS.iter().find(|(p, _)| detail.contains(p)).map_or(YamlHint::Other, |&(_, h)| h);
    if let Some(open) = unclosed_quote_line(yaml) {
        // The parser read on to the end looking for the closing quote.
        if open <= line && hint != YamlHint::WrongType {
            return (YamlHint::UnclosedQuote, open, 0);
        }
    }
    if hint == YamlHint::Tab || yaml.lines().nth(line.saturating_sub(1)).is_some_and(|l| l.starts_with('\t'))
    {
        return (YamlHint::Tab, line, col);
    }
    (hint, line, col)
}

/// The first line whose value opens a quote it does not close.
fn unclosed_quote_line(yaml: &str) -> Option<usize> {
    yaml.lines()
        .position(|l| {
            let Some((_, value)) = l.split_once(':') else { return false };
            let value = value.trim();
            let Some(quote) = value.chars().next().filter(|c| *c == '"' || *c == '\'') else { return false };
            let mut closed = false;
            let mut escaped = false;
            for c in value.chars().skip(1) {
                if closed {
                    break;
                }
                match c {
                    '\\' if quote == '"' && !escaped => escaped = true,
                    c if c == quote && !escaped => closed = true,
                    _ => escaped = false,
                }
            }
            !closed
        })
        .map(|i| i + 1)
}

/// The sentence for `hint` in `lang`.
pub fn text(hint: YamlHint, lang: Lang) -> String {
    use YamlHint::*;
    let (vi, en) = match hint {
        UnclosedQuote => (
            "thiếu dấu ngoặc kép đóng? Dòng này mở dấu ngoặc mà không đóng; thêm dấu ngoặc ở cuối giá trị",
            "missing closing quote? This line opens a quote that is never closed; add one at the end of the value",
        ),
        ColonInValue => (
            "giá trị có dấu hai chấm `:` hoặc thiếu dấu cách sau `:`; viết `khóa: giá trị` và đặt giá trị có `:` trong ngoặc kép, ví dụ `title: \"Kế hoạch: năm 2023\"`",
            "a value holds a colon `:` or a space is missing after `:`; write `key: value` and quote values that contain `:`, for example `title: \"Plan: 2023\"`",
        ),
        Indent => (
            "thụt lề không đều hoặc thiếu `:`; các dòng cùng cấp phải thẳng cột, thụt lề bằng dấu cách",
            "uneven indentation or a missing `:`; lines at the same level must line up, indented with spaces",
        ),
        Tab => (
            "có ký tự Tab; YAML chỉ nhận dấu cách để thụt lề",
            "there is a Tab character; YAML only accepts spaces for indentation",
        ),
        WrongType => (
            "giá trị sai kiểu (ví dụ `draft:` chỉ nhận true hoặc false, `tags:` là danh sách [\"a\", \"b\"]); xem docs/content.md",
            "a value of the wrong type (`draft:` takes true or false, `tags:` a list [\"a\", \"b\"]); see docs/content.md",
        ),
        DuplicateKey => ("một khóa được viết hai lần; xóa một trong hai dòng", "a key is written twice; remove one of the lines"),
        Other => (
            "YAML không đọc được ở dòng này; mỗi dòng viết dạng `khóa: giá trị`",
            "the YAML cannot be read on this line; write each line as `key: value`",
        ),
    };
    if lang == Lang::Vi { vi } else { en }.to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn explain_text(yaml: &str) -> (YamlHint, usize) {
        let err = serde_yaml::from_str::<serde_yaml::Value>(yaml).unwrap_err();
        let (hint, line, _) = explain(yaml, &err);
        (hint, line)
    }

    #[test]
    fn an_unclosed_quote_is_found_on_its_own_line() {
        assert_eq!(explain_text("title: \"abc\ndate: 2023-01-01\n"), (YamlHint::UnclosedQuote, 1));
        assert_eq!(explain_text("date: 2023-01-01\ntitle: 'abc\ntags: []\n"), (YamlHint::UnclosedQuote, 2));
    }

    #[test]
    fn a_colon_in_a_value_and_a_tab_are_named() {
        assert_eq!(explain_text("title: Kế hoạch: 2023\n").0, YamlHint::ColonInValue);
        assert_eq!(explain_text("document:\n\tnumber: 1\n").0, YamlHint::Tab);
    }
}
