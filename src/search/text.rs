//! Plain text of a page's Markdown, for the search index: headings apart, and the
//! whole body (headings included) as running text for snippets.

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

/// A Markdown body as plain text.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Plain {
    /// Heading texts, one per line.
    pub headings: String,
    /// Everything readable, blocks separated by a newline, HTML left out.
    pub body: String,
}

/// Extracts the plain text of a Markdown body.
pub fn plain(markdown: &str) -> Plain {
    let opts = Options::ENABLE_TABLES | Options::ENABLE_FOOTNOTES | Options::ENABLE_STRIKETHROUGH;
    let mut out = Plain::default();
    let mut in_heading = false;
    for event in Parser::new_ext(markdown, opts) {
        match event {
            Event::Start(Tag::Heading { .. }) => in_heading = true,
            Event::End(TagEnd::Heading(_)) => {
                in_heading = false;
                out.headings.push('\n');
                out.body.push('\n');
            }
            Event::Text(t) | Event::Code(t) => {
                if in_heading {
                    out.headings.push_str(&t);
                }
                out.body.push_str(&t);
            }
            Event::SoftBreak | Event::HardBreak => out.body.push(' '),
            Event::End(TagEnd::TableCell) => out.body.push_str(" · "),
            Event::End(TagEnd::Paragraph | TagEnd::Item | TagEnd::TableRow | TagEnd::TableHead) => {
                out.body.push('\n')
            }
            _ => {}
        }
    }
    out
}

/// The first `max` characters of `text`, cut after a whole word where possible.
pub fn truncate(text: &str, max: usize) -> &str {
    // The start of character `max`: count the bytes that start a character.
    let mut chars = 0;
    let end = text.bytes().position(|b| {
        let starts = b & 0xc0 != 0x80;
        chars += usize::from(starts);
        starts && chars > max
    });
    match end {
        None => text,
        Some(end) => {
            let cut = text[..end].rfind(char::is_whitespace).filter(|&i| i > end / 2).unwrap_or(end);
            &text[..cut]
        }
    }
}

/// The words of `text` joined by single spaces, up to the first word that makes them
/// longer than `max` characters: `truncate(_, max)` of it is that of all the words.
pub fn collapse(text: &str, max: usize) -> String {
    let mut out = String::with_capacity(text.len().min(4 * max + 4));
    let (mut chars, mut gap) = (0, false);
    for c in text.chars() {
        if c.is_whitespace() {
            gap = !out.is_empty();
            continue;
        }
        if gap {
            if chars > max {
                break;
            }
            out.push(' ');
            chars += 1;
            gap = false;
        }
        out.push(c);
        chars += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_becomes_plain_text() {
        let p =
            plain("Mở **đầu** và [liên kết](/x/).\n\n## Nội dung `chính`\n\n- một\n- hai\n\n<!-- more -->\n");
        assert_eq!(p.headings, "Nội dung chính\n");
        assert_eq!(p.body, "Mở đầu và liên kết.\nNội dung chính\nmột\nhai\n");
    }

    #[test]
    fn truncation_keeps_whole_words() {
        assert_eq!(truncate("khuyến học khuyến tài", 13), "khuyến học");
        assert_eq!(truncate("ngắn", 10), "ngắn");
        assert_eq!(truncate("ngắn", 4), "ngắn");
        assert_eq!(truncate("ngắn", 3), "ngắ");
        assert_eq!(truncate("", 0), "");
        assert_eq!(truncate("a", 0), "");
    }

    #[test]
    fn collapsed_start_truncates_like_the_whole_text() {
        let text = "khuyến  học\nkhuyến\t tài,\u{a0}ngày\u{2003}13/4/2007 tỉnh\u{85}Sơn La ".repeat(5);
        let whole = text.split_whitespace().collect::<Vec<_>>().join(" ");
        for max in [0, 1, 5, 6, 7, 13, 40, 100, 1000] {
            assert_eq!(truncate(&collapse(&text, max), max), truncate(&whole, max), "{max}");
        }
        assert_eq!(collapse(" a  b ", 100), "a b");
        assert_eq!(collapse("  ", 100), "");
        assert_eq!(collapse("ab cd", 1), "ab");
    }
}
