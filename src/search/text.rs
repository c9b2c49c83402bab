//! Plain text of a page's Markdown, for the search index: headings apart, and the
//! whole body (headings included) as running text for snippets.

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

/// A Markdown body as plain text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Plain {
    /// Heading texts, one per line.
    pub headings: String,
    /// Everything readable, blocks separated by a newline, HTML left out.
    pub body: String,
}

/// Extracts the plain text of a Markdown body.
pub fn plain(markdown: &str) -> Plain {
    let mut collect = Collect::default();
    for event in Parser::new_ext(markdown, OPTIONS) {
        collect.event(&event);
    }
    collect.finish()
}

/// The parser options `plain` reads Markdown with.
const OPTIONS: Options =
    Options::ENABLE_TABLES.union(Options::ENABLE_FOOTNOTES).union(Options::ENABLE_STRIKETHROUGH);

/// `plain`, one parser event at a time: the page's render feeds it its own parse's events
/// when they are `plain`'s (see `same_parse`), so no page is parsed twice.
#[derive(Debug, Default)]
pub struct Collect {
    out: Plain,
    in_heading: bool,
}

impl Collect {
    #[inline]
    pub fn event(&mut self, event: &Event) {
        let out = &mut self.out;
        match event {
            Event::Start(Tag::Heading { .. }) => self.in_heading = true,
            Event::End(TagEnd::Heading(_)) => {
                self.in_heading = false;
                out.headings.push('\n');
                out.body.push('\n');
            }
            Event::Text(t) | Event::Code(t) => {
                if self.in_heading {
                    out.headings.push_str(t);
                }
                out.body.push_str(t);
            }
            Event::SoftBreak | Event::HardBreak => out.body.push(' '),
            Event::End(TagEnd::TableCell) => out.body.push_str(" · "),
            Event::End(TagEnd::Paragraph | TagEnd::Item | TagEnd::TableRow | TagEnd::TableHead) => {
                out.body.push('\n')
            }
            _ => {}
        }
    }

    /// Room for `len` bytes of body text up front (a page's plain text is rarely longer
    /// than its Markdown): one allocation per page, not one per doubling.
    pub fn with_capacity(len: usize) -> Collect {
        let out = Plain { headings: String::new(), body: String::with_capacity(len) };
        Collect { out, in_heading: false }
    }

    pub fn finish(self) -> Plain {
        self.out
    }

    /// `finish`, each text copied into a block of its own size, to be kept: shrinking
    /// in place (`shrink_to_fit`) may keep the whole block with mimalloc.
    pub fn keep(self) -> Plain {
        let exact = |s: &str| {
            let mut t = String::with_capacity(s.len());
            t.push_str(s);
            t
        };
        Plain { headings: exact(&self.out.headings), body: exact(&self.out.body) }
    }
}

/// Does pulldown-cmark give the same events for `markdown` with `OPTIONS` plus task
/// lists, heading attributes and (when `smart`) smart punctuation, as with `OPTIONS`?
/// Yes when none of those options finds what it acts on (pulldown-cmark 0.13):
/// - task lists: a `[`, one space, tab or `x`/`X`, then `]` (`scan_task_list_marker`);
/// - heading attributes: a `{` (`extract_attribute_block_content_from_header_text`);
///   they also end an ATX heading at the next `\n` only, not at a lone `\r`;
/// - smart punctuation: `'`, `"`, `--`, `...`.
pub fn same_parse(markdown: &str, smart: bool) -> bool {
    let b = markdown.as_bytes();
    let task_marker =
        |i: usize| i >= 2 && b[i - 2] == b'[' && matches!(b[i - 1], b' ' | b'\t' | 0x0b | 0x0c | b'x' | b'X');
    memchr::memchr2(b'{', b'\r', b).is_none()
        && !memchr::memchr_iter(b']', b).any(task_marker)
        && (!smart
            || memchr::memchr2(b'\'', b'"', b).is_none()
                && memchr::memmem::find(b, b"--").is_none()
                && memchr::memmem::find(b, b"...").is_none())
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

/// The words of `text` joined by single spaces, cut as `truncate(_, max)` cuts them: the
/// text of a snippet. One pass over the bytes, copying a word at a time, and it stops at
/// the first word past `max` characters.
pub fn snippet(text: &str, max: usize) -> String {
    let bytes = text.as_bytes();
    let n = bytes.len();
    let mut out = String::with_capacity(n.min(4 * max + 4));
    // Characters written, and the byte where character `max` starts, once known. What is
    // written is `out` then `text[run..copied]`: words one space apart are copied at once.
    let (mut chars, mut end) = (0, None);
    let (mut run, mut copied) = (0, 0);
    let mut i = 0;
    loop {
        let gap = i;
        while i < n {
            let (space, width) = space_at(bytes, i);
            if !space {
                break;
            }
            i += width;
        }
        if i >= n {
            break;
        }
        let start = i;
        let mut word_chars = 0;
        while i < n {
            let b = bytes[i];
            if b < 0x80 {
                if ASCII_SPACE[usize::from(b)] {
                    break;
                }
                i += 1;
            } else {
                let (space, width) = space_at(bytes, i);
                if space {
                    break;
                }
                i += width;
            }
            word_chars += 1;
        }
        let written = out.len() + (copied - run);
        if written > 0 {
            if chars > max {
                break;
            }
            if chars == max {
                end = Some(written);
            }
            chars += 1;
            if start - gap != 1 || bytes[gap] != b' ' {
                out.push_str(&text[run..copied]);
                out.push(' ');
                run = start;
            }
        } else {
            run = start;
        }
        if end.is_none() && chars + word_chars > max {
            // Character `max` is in this word: find its byte.
            let at = out.len() + (start - run);
            end = text[start..i].char_indices().nth(max - chars).map(|(k, _)| at + k);
        }
        copied = i;
        chars += word_chars;
    }
    out.push_str(&text[run..copied]);
    if chars > max {
        if let Some(end) = end {
            // The only white space left is the single spaces between words.
            let cut = out.as_bytes()[..end].iter().rposition(|&b| b == b' ').filter(|&i| i > end / 2);
            out.truncate(cut.unwrap_or(end));
        }
    }
    // Every page's snippet is kept until the index is written: no room to spare.
    out.shrink_to_fit();
    out
}

/// ASCII white space (`char::is_whitespace`).
const ASCII_SPACE: [bool; 128] = {
    let mut t = [false; 128];
    let mut b = 0;
    while b < 128 {
        t[b] = b == 0x20 || (b >= 0x09 && b <= 0x0d);
        b += 1;
    }
    t
};

/// Whether the character at byte `i` is white space (`char::is_whitespace`), and its width.
#[inline]
fn space_at(bytes: &[u8], i: usize) -> (bool, usize) {
    let b = bytes[i];
    match b {
        b' ' | b'\t'..=b'\r' => (true, 1),
        0..=0x7f => (false, 1),
        // Only these lead bytes start white space: U+0085, U+00A0, U+1680, U+2000–U+205F,
        // U+3000; `E1` also starts most Vietnamese letters, so it is told apart by hand.
        0xe1 => (bytes.get(i + 1..i + 3) == Some(&[0x9a, 0x80]), 3),
        0xc2 | 0xe2 | 0xe3 => {
            let (c, width) = crate::search::fold::decode(bytes, i);
            (c.is_whitespace(), width)
        }
        0x80..=0xdf => (false, 2),
        0xe0..=0xef => (false, 3),
        _ => (false, 4),
    }
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

    /// `plain`, from a parse with the render's options (all of them).
    fn plain_as_rendered(markdown: &str, smart: bool) -> Plain {
        let mut opts = OPTIONS | Options::ENABLE_TASKLISTS | Options::ENABLE_HEADING_ATTRIBUTES;
        if smart {
            opts |= Options::ENABLE_SMART_PUNCTUATION;
        }
        let mut collect = Collect::with_capacity(markdown.len());
        for event in Parser::new_ext(markdown, opts) {
            collect.event(&event);
        }
        collect.keep()
    }

    #[test]
    fn same_parse_holds_for_random_markdown() {
        // Short strings over the bytes that matter to the parser (and the options'
        // triggers): the render's parse must give `plain`'s text whenever `same_parse`.
        let pieces = [
            "#",
            "# ",
            "[",
            "]",
            "x",
            "X",
            " ",
            "  ",
            "\t",
            "\n",
            "\n\n",
            "\r",
            "\\",
            "|",
            "-",
            "*",
            "_",
            "> ",
            "1.",
            "`",
            "```",
            "<",
            ">",
            "&",
            "!",
            "(",
            ")",
            "\"",
            "'",
            "{",
            "}",
            ".",
            "...",
            "--",
            "=",
            "~",
            "ạ",
            "a",
            ":",
            "[^1]",
            "[^1]: ",
            "- ",
            "- [ ] ",
            "- [x] ",
            "{#id}",
            "<!-- more -->",
            "|---|",
            "    ",
            "\u{a0}",
            "\u{b}",
            "\u{c}",
        ];
        let mut seed = 15u64;
        let mut next = || {
            seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            (seed >> 33) as usize
        };
        let (mut same, mut differ) = (0, 0);
        for _ in 0..60_000 {
            let mut md = String::new();
            for _ in 0..next() % 24 {
                md.push_str(pieces[next() % pieces.len()]);
            }
            for smart in [false, true] {
                if same_parse(&md, smart) {
                    same += 1;
                    assert_eq!(plain_as_rendered(&md, smart), plain(&md), "{md:?} smart {smart}");
                } else {
                    differ += 1;
                }
            }
        }
        assert!(same > 10_000 && differ > 10_000, "{same} {differ}");
    }

    #[test]
    fn options_only_the_render_has_change_the_text_where_same_parse_says_no() {
        // Each case is text the render's parse reads otherwise (so the check is needed).
        let cases = [
            ("- [ ] việc", false),
            ("- [x] việc", false),
            ("- [X]\tviệc", false),
            ("# Mục {#muc}", false),
            ("Mục {.lop}\n===", false),
            // Heading attributes end an ATX heading at `\n` only.
            ("# a\rb", false),
            ("\"Trích\" dẫn", true),
            ("nháy 'đơn'", true),
            ("gạch -- nối", true),
            ("ba chấm...", true),
        ];
        for (md, smart) in cases {
            assert!(!same_parse(md, smart), "{md:?}");
            assert_ne!(plain_as_rendered(md, smart), plain(md), "{md:?}");
        }
        // Without smart punctuation, quotes and dashes read the same.
        assert!(same_parse("\"Trích\" -- 'dẫn'...", false));
        assert!(same_parse("Mở [đầu] và [liên kết](/x/). [xx] [ x]", true));
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

    /// The words of `text` joined by single spaces (what `snippet` cuts).
    fn collapse(text: &str) -> String {
        text.split_whitespace().collect::<Vec<_>>().join(" ")
    }

    #[test]
    fn snippet_truncates_like_the_whole_text() {
        let text = "khuyến  học\nkhuyến\t tài,\u{a0}ngày\u{2003}13/4/2007 tỉnh\u{85}Sơn La \u{3000}x\u{1680}y\u{205f}z\u{2029}".repeat(5);
        let texts = [
            text.as_str(),
            " a  b ",
            "  ",
            "",
            "ab cd",
            "abcdefgh",
            "ab cdefghij kl",
            "\u{1f600}\u{1f600} é",
        ];
        for t in texts {
            let whole = collapse(t);
            for max in [0, 1, 2, 3, 5, 6, 7, 13, 40, 100, 1000] {
                assert_eq!(snippet(t, max), truncate(&whole, max), "{t:?} {max}");
            }
        }
        // Words one space apart are copied as one run: cut at every length.
        let runs = "một hai ba bốn  năm sáu\nbảy tám chín mười một hai ba bốn năm sáu bảy";
        for max in 0..=runs.chars().count() + 2 {
            assert_eq!(snippet(runs, max), truncate(&collapse(runs), max), "{max}");
        }
        assert_eq!(snippet(" a  b ", 100), "a b");
        assert_eq!(snippet("  ", 100), "");
    }
}
