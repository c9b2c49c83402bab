//! Markdown → the reading script: blocks of text written as they are spoken.
//!
//! Headings and list items become sentences with a pause; links keep only their text;
//! tables are read row by row ("Cột: ô; …"); code, images and raw HTML are not read.

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
use serde::Serialize;

use crate::speech::{self, Spoken};

/// What a block of the script was in the Markdown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum BlockKind {
    Title,
    Heading,
    Paragraph,
    Item,
    Row,
}

/// One block of the script, already in spoken form.
#[derive(Debug, Clone, Serialize)]
pub struct Block {
    pub kind: BlockKind,
    pub text: String,
}

/// The written blocks of a Markdown body, before they are spoken.
pub fn blocks(markdown: &str) -> Vec<(BlockKind, String)> {
    blocks_at(markdown).into_iter().map(|(k, t, _)| (k, t)).collect()
}

/// The written blocks with the byte offset in `markdown` where each block starts.
pub fn blocks_at(markdown: &str) -> Vec<(BlockKind, String, usize)> {
    let mut out = Vec::new();
    let mut at = 0usize;
    let mut text = String::new();
    let mut kind = BlockKind::Paragraph;
    let mut lists: Vec<Option<u64>> = Vec::new();
    let mut in_item = false;
    let mut skip = 0usize;
    let mut header: Vec<String> = Vec::new();
    let mut row: Vec<String> = Vec::new();
    let mut in_head = false;
    let opts = Options::ENABLE_TABLES | Options::ENABLE_FOOTNOTES | Options::ENABLE_STRIKETHROUGH;
    let flush = |text: &mut String, kind: BlockKind, at: usize, out: &mut Vec<(BlockKind, String, usize)>| {
        let t = text.split_whitespace().collect::<Vec<_>>().join(" ");
        if !t.is_empty() {
            out.push((kind, t, at));
        }
        text.clear();
    };
    for (event, range) in Parser::new_ext(markdown, opts).into_offset_iter() {
        if text.trim().is_empty() && matches!(event, Event::Text(_) | Event::Code(_)) {
            at = range.start;
        }
        match event {
            Event::Start(
                Tag::CodeBlock(_) | Tag::Image { .. } | Tag::HtmlBlock | Tag::FootnoteDefinition(_),
            ) => skip += 1,
            Event::End(
                TagEnd::CodeBlock | TagEnd::Image | TagEnd::HtmlBlock | TagEnd::FootnoteDefinition,
            ) => skip = skip.saturating_sub(1),
            _ if skip > 0 => {}
            Event::Start(Tag::Heading { .. }) => {
                flush(&mut text, kind, at, &mut out);
                kind = BlockKind::Heading;
            }
            Event::End(TagEnd::Heading(_)) => {
                flush(&mut text, BlockKind::Heading, at, &mut out);
                kind = BlockKind::Paragraph;
            }
            Event::Start(Tag::List(start)) => {
                flush(&mut text, kind, at, &mut out);
                lists.push(start);
            }
            Event::End(TagEnd::List(_)) => {
                lists.pop();
            }
            Event::Start(Tag::Item) => {
                flush(&mut text, kind, at, &mut out);
                in_item = true;
                kind = BlockKind::Item;
                // Ordered items are announced: "Thứ nhất, …".
                if let Some(Some(n)) = lists.last_mut() {
                    text.push_str(&format!("({n}) "));
                    *n += 1;
                }
            }
            Event::End(TagEnd::Item) => {
                flush(&mut text, BlockKind::Item, at, &mut out);
                in_item = false;
                kind = BlockKind::Paragraph;
            }
            Event::Start(Tag::Paragraph) if !in_item => kind = BlockKind::Paragraph,
            Event::End(TagEnd::Paragraph) if !in_item => flush(&mut text, BlockKind::Paragraph, at, &mut out),
            Event::End(TagEnd::Paragraph) => text.push(' '),
            Event::Start(Tag::TableHead) => in_head = true,
            Event::End(TagEnd::TableHead) => {
                in_head = false;
                header = std::mem::take(&mut row);
            }
            Event::End(TagEnd::TableCell) => {
                row.push(text.split_whitespace().collect::<Vec<_>>().join(" "));
                text.clear();
            }
            Event::End(TagEnd::TableRow) if !in_head => {
                let cells: Vec<String> = row
                    .drain(..)
                    .enumerate()
                    .filter(|(_, c)| !c.is_empty())
                    .map(|(i, c)| match header.get(i).filter(|h| !h.is_empty()) {
                        Some(h) => format!("{h}: {c}"),
                        None => c,
                    })
                    .collect();
                if !cells.is_empty() {
                    out.push((BlockKind::Row, cells.join("; "), range.start));
                }
            }
            Event::Text(t) | Event::Code(t) => text.push_str(&t),
            // A line that starts with a lettered marker ("a) …", "b. …") is an item of its
            // own: its marker is read at the start of a block.
            Event::SoftBreak | Event::HardBreak if starts_lettered_item(&markdown[range.end..]) => {
                flush(&mut text, kind, at, &mut out);
            }
            Event::SoftBreak | Event::HardBreak => text.push(' '),
            Event::FootnoteReference(_) | Event::Html(_) | Event::InlineHtml(_) => {}
            _ => {}
        }
    }
    flush(&mut text, kind, at, &mut out);
    out
}

/// Whether a line starts with a lettered list marker: "a) ", "(b) ", "đ. ".
fn starts_lettered_item(line: &str) -> bool {
    static RE: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    let re = RE.get_or_init(|| {
        regex::Regex::new(r"^[ \t]*(?:\([a-zđ]\)|[a-zđ]\)|[a-zđ]\.[ \t])")
            .expect("the marker pattern is valid")
    });
    re.is_match(line)
}

/// A sentence ends with a pause: add a full stop where the writer left none.
fn end_sentence(mut s: String) -> String {
    let last = s.trim_end().chars().last();
    if last.is_some_and(|c| !".?!:;…".contains(c)) {
        s = s.trim_end().to_owned();
        s.push('.');
    }
    s
}

/// Something the script still has that a reader would stumble over, and where it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScriptLeftover {
    pub what: String,
    /// Byte offset in the Markdown body; `None` when it is in the title.
    pub at: Option<usize>,
}

/// Where `what` is in `source` at or after byte `from` (the first word of a note such
/// as "TT (Thông tư hay thị trấn?)"), as a 1-based line and column (in characters).
pub fn line_col(source: &str, from: usize, what: &str) -> (usize, usize) {
    let needle = what.split(" (").next().unwrap_or(what);
    let from = from.min(source.len());
    let from = (0..=from).rev().find(|&i| source.is_char_boundary(i)).unwrap_or(0);
    let at = source[from..].find(needle).map_or(from, |i| from + i);
    let head = &source[..at];
    let line = head.matches('\n').count() + 1;
    let col = head.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, col)
}

/// Speaks every block; returns the script and what a reader would still stumble over.
pub fn script(
    title: Option<&str>,
    markdown: &str,
    opts: &speech::Options,
) -> (Vec<Block>, Vec<ScriptLeftover>) {
    let mut leftovers: Vec<ScriptLeftover> = Vec::new();
    let mut out = Vec::new();
    let title_block = title.map(|t| (BlockKind::Title, t.to_owned(), None)).into_iter();
    let body = blocks_at(markdown).into_iter().map(|(k, t, at)| (k, t, Some(at)));
    for (kind, written, at) in title_block.chain(body) {
        let Spoken { text, leftovers: left } = speech::speak(&written, opts);
        for l in left {
            if !leftovers.iter().any(|x| x.what == l.what) {
                // Blocks are rebuilt from Markdown, so find the leftover again in the source.
                // The k-th occurrence in the block is the k-th after the block's start.
                let needle = l.what.split(" (").next().unwrap_or(&l.what);
                let nth = written.get(..l.at).map_or(0, |head| head.matches(needle).count());
                let at = at.map(|a: usize| {
                    let a = a.min(markdown.len());
                    markdown[a..].match_indices(needle).nth(nth).map_or(a, |(i, _)| a + i)
                });
                leftovers.push(ScriptLeftover { what: l.what, at });
            }
        }
        if !text.trim().is_empty() {
            out.push(Block { kind, text: end_sentence(text) });
        }
    }
    (out, leftovers)
}

/// The script as plain text: blocks separated by a blank line.
pub fn join(blocks: &[Block]) -> String {
    let mut out = blocks.iter().map(|b| b.text.as_str()).collect::<Vec<_>>().join("\n\n");
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_structure_becomes_sentences() {
        let md = "## Tin chính\n\nĐoạn **một** với [liên kết](https://x.vn).\n\n1. Mục một\n2. Mục hai\n\n- Ý a\n\n| Tên | Số |\n|---|---|\n| Hội viên | 40 |\n\n```\nmã\n```\n";
        let got = blocks(md);
        let want = vec![
            (BlockKind::Heading, "Tin chính".to_owned()),
            (BlockKind::Paragraph, "Đoạn một với liên kết.".to_owned()),
            (BlockKind::Item, "(1) Mục một".to_owned()),
            (BlockKind::Item, "(2) Mục hai".to_owned()),
            (BlockKind::Item, "Ý a".to_owned()),
            (BlockKind::Row, "Tên: Hội viên; Số: 40".to_owned()),
        ];
        assert_eq!(got, want);
    }

    /// Lettered items, in a Markdown list or as paragraphs, say the letter's name.
    #[test]
    fn lettered_items_say_the_letters_name() {
        let md = "- b) Kiểm tra.\n- c) Báo cáo.\n\nđ) Các nhiệm vụ khác.\n\n1. Rà soát.\n";
        let opts =
            speech::Options { dialect: speech::Dialect::North, abbreviations: &[], documents: &|_| None };
        let (got, left) = script(None, md, &opts);
        let got: Vec<&str> = got.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(got, ["Bê, kiểm tra.", "Xê, báo cáo.", "Đê, các nhiệm vụ khác.", "Thứ nhất, rà soát."]);
        assert!(left.is_empty(), "{left:?}");
        // Lettered lines inside a paragraph or an item are items of their own.
        let md = "1. Tuyên truyền:\n   a) Phát tờ rơi.\n   b) Treo băng rôn.\n\nGồm:\nc) Rà soát;\n";
        let (got, _) = script(None, md, &opts);
        let got: Vec<&str> = got.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(
            got,
            ["Thứ nhất, tuyên truyền:", "A, phát tờ rơi.", "Bê, treo băng rôn.", "Gồm:", "Xê, rà soát;"]
        );
    }

    #[test]
    fn sentences_end_with_a_pause() {
        assert_eq!(end_sentence("Tin chính".into()), "Tin chính.");
        assert_eq!(end_sentence("Thật không?".into()), "Thật không?");
    }
}
