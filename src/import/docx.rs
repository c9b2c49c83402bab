//! Word `.docx` (OOXML) → paragraphs and tables, with bold and italic kept as Markdown
//! and automatic list numbers written out.

use std::collections::HashMap;
use std::io::Read as _;

use anyhow::{anyhow, Result};
use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

use super::read::Para;
use crate::messages::{self, Msg};

fn part(zip: &mut zip::ZipArchive<std::io::Cursor<&[u8]>>, name: &str) -> Option<String> {
    let mut file = zip.by_name(name).ok()?;
    let mut text = String::new();
    file.read_to_string(&mut text).ok()?;
    Some(text)
}

/// Reads the main document part of a `.docx`.
pub fn read(bytes: &[u8], shown: &str) -> Result<Vec<Para>> {
    let bad = || anyhow!(messages::text(Msg::ImportBadFile { path: shown, what: "Word .docx" }));
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).map_err(|_| bad())?;
    let document = part(&mut zip, "word/document.xml").ok_or_else(bad)?;
    let mut numbering =
        part(&mut zip, "word/numbering.xml").map(|x| Numbering::parse(&x)).unwrap_or_default();
    if let Some(styles) = part(&mut zip, "word/styles.xml") {
        numbering.add_styles(&styles);
    }
    parse(&document, numbering).map_err(|e| anyhow!("{}: {e}", bad()))
}

/// List formats by (numId, level), from `numbering.xml`, and the list of each paragraph
/// style that numbers its paragraphs (Word's "List Number"), from `styles.xml`.
#[derive(Default)]
struct Numbering {
    formats: HashMap<(String, u8), String>,
    styles: HashMap<String, (String, u8)>,
}

fn attr(e: &BytesStart, name: &str) -> Option<String> {
    e.try_get_attribute(name).ok().flatten().map(|a| a.value.into_owned())
}

impl Numbering {
    fn parse(xml: &str) -> Numbering {
        let mut reader = Reader::from_str(xml);
        let mut abstract_formats: HashMap<(String, u8), String> = HashMap::new();
        let mut links: Vec<(String, String)> = Vec::new();
        let (mut abs, mut lvl, mut num) = (String::new(), 0u8, String::new());
        while let Ok(ev) = reader.read_event() {
            match ev {
                Event::Start(e) | Event::Empty(e) => match e.local_name().as_ref() {
                    "abstractNum" => abs = attr(&e, "w:abstractNumId").unwrap_or_default(),
                    "lvl" => lvl = attr(&e, "w:ilvl").and_then(|v| v.parse().ok()).unwrap_or(0),
                    "numFmt" => {
                        abstract_formats.insert((abs.clone(), lvl), attr(&e, "w:val").unwrap_or_default());
                    }
                    "num" => num = attr(&e, "w:numId").unwrap_or_default(),
                    "abstractNumId" => links.push((num.clone(), attr(&e, "w:val").unwrap_or_default())),
                    _ => {}
                },
                Event::Eof => break,
                _ => {}
            }
        }
        let mut formats = HashMap::new();
        for (num, abs) in links {
            for ((a, level), fmt) in &abstract_formats {
                if *a == abs {
                    formats.insert((num.clone(), *level), fmt.clone());
                }
            }
        }
        Numbering { formats, styles: HashMap::new() }
    }

    fn add_styles(&mut self, xml: &str) {
        let mut reader = Reader::from_str(xml);
        let (mut style, mut level) = (String::new(), 0u8);
        while let Ok(ev) = reader.read_event() {
            match ev {
                Event::Start(e) | Event::Empty(e) => match e.local_name().as_ref() {
                    "style" => (style, level) = (attr(&e, "w:styleId").unwrap_or_default(), 0),
                    "ilvl" => level = attr(&e, "w:val").and_then(|v| v.parse().ok()).unwrap_or(0),
                    "numId" => {
                        let id = attr(&e, "w:val").unwrap_or_default();
                        if id != "0" {
                            self.styles.insert(style.clone(), (id, level));
                        }
                    }
                    _ => {}
                },
                Event::Eof => break,
                _ => {}
            }
        }
    }
}

/// A run of text with its emphasis.
#[derive(Default, Clone, Copy, PartialEq)]
struct Style {
    bold: bool,
    italic: bool,
}

#[derive(Default)]
struct ParaState {
    runs: Vec<(Style, String)>,
    num: Option<(String, u8)>,
}

impl ParaState {
    fn push(&mut self, style: Style, text: &str) {
        match self.runs.last_mut() {
            Some((s, t)) if *s == style => t.push_str(text),
            _ => self.runs.push((style, text.to_owned())),
        }
    }

    /// The paragraph as inline Markdown; spaces stay outside the emphasis marks.
    fn markdown(&self) -> String {
        let all_bold = self.runs.iter().all(|(s, t)| s.bold || t.trim().is_empty());
        let mut out = String::new();
        for (style, text) in &self.runs {
            let core = text.trim();
            if core.is_empty() {
                out.push_str(text);
                continue;
            }
            let mark = match (style.bold && !all_bold, style.italic) {
                (true, true) => "***",
                (true, false) => "**",
                (false, true) => "*",
                (false, false) => "",
            };
            let lead = &text[..text.len() - text.trim_start().len()];
            let trail = &text[text.trim_end().len()..];
            out.push_str(&format!("{lead}{mark}{core}{mark}{trail}"));
        }
        let out = out.split_whitespace().collect::<Vec<_>>().join(" ");
        if all_bold && !out.is_empty() {
            format!("**{out}**")
        } else {
            out
        }
    }
}

fn on(e: &BytesStart) -> bool {
    !matches!(attr(e, "w:val").as_deref(), Some("0" | "false" | "off" | "none"))
}

fn parse(xml: &str, numbering: Numbering) -> Result<Vec<Para>> {
    let mut reader = Reader::from_str(xml);
    let mut out: Vec<Para> = Vec::new();
    // Open tables: rows of cells of paragraphs; the innermost last.
    let mut tables: Vec<Vec<Vec<Vec<String>>>> = Vec::new();
    let mut para: Option<ParaState> = None;
    let mut style = Style::default();
    let mut in_text = false;
    let mut counters: HashMap<(String, u8), usize> = HashMap::new();
    let mut num_id = String::new();
    let mut finish = |p: ParaState, tables: &mut Vec<Vec<Vec<Vec<String>>>>, out: &mut Vec<Para>| {
        let mut md = p.markdown();
        if let Some(key) = p.num.filter(|_| !md.is_empty()) {
            let fmt = numbering.formats.get(&key).map(String::as_str).unwrap_or("decimal");
            let n = counters.entry(key.clone()).or_insert(0);
            *n += 1;
            let label = match fmt {
                "bullet" => "-".to_owned(),
                "lowerLetter" => format!("{})", (b'a' + ((*n - 1) % 26) as u8) as char),
                "none" => String::new(),
                _ => format!("{n}."),
            };
            if !label.is_empty() {
                md = format!("{label} {md}");
            }
        }
        match tables.last_mut().and_then(|t| t.last_mut()).and_then(|r| r.last_mut()) {
            Some(cell) => cell.push(md),
            None if !md.is_empty() => out.push(Para::Text(md)),
            None => {}
        }
    };
    loop {
        let ev = reader.read_event().map_err(|e| anyhow!("{e}"))?;
        match ev {
            Event::Start(ref e) | Event::Empty(ref e) => {
                let empty = matches!(ev, Event::Empty(_));
                match e.local_name().as_ref() {
                    "tbl" if !empty => tables.push(Vec::new()),
                    "tr" if !empty => {
                        if let Some(t) = tables.last_mut() {
                            t.push(Vec::new());
                        }
                    }
                    "tc" if !empty => {
                        if let Some(r) = tables.last_mut().and_then(|t| t.last_mut()) {
                            r.push(Vec::new());
                        }
                    }
                    "p" => {
                        let p = ParaState::default();
                        if empty {
                            finish(p, &mut tables, &mut out);
                        } else {
                            para = Some(p);
                        }
                    }
                    "r" => style = Style::default(),
                    "b" => style.bold = on(e),
                    "i" => style.italic = on(e),
                    "pStyle" => {
                        let style = attr(e, "w:val").unwrap_or_default();
                        if let Some(p) = para.as_mut().filter(|p| p.num.is_none()) {
                            p.num = numbering.styles.get(&style).cloned();
                        }
                    }
                    "numId" => num_id = attr(e, "w:val").unwrap_or_default(),
                    "ilvl" => {
                        if let Some(p) = para.as_mut() {
                            let level = attr(e, "w:val").and_then(|v| v.parse().ok()).unwrap_or(0);
                            p.num = Some((num_id.clone(), level));
                        }
                    }
                    "t" if !empty => in_text = true,
                    "tab" => para.iter_mut().for_each(|p| p.push(style, " ")),
                    // A line break inside a paragraph: header cells use them between lines.
                    "br" | "cr" => {
                        if let Some(p) = para.take() {
                            finish(p, &mut tables, &mut out);
                            para = Some(ParaState { runs: Vec::new(), num: None });
                        }
                    }
                    _ => {}
                }
            }
            Event::End(ref e) => match e.local_name().as_ref() {
                "t" => in_text = false,
                "numPr" => {
                    // `numId` may come after `ilvl`.
                    if let Some(p) = para.as_mut() {
                        if num_id == "0" {
                            // numId 0 takes the style's numbering away.
                            p.num = None;
                        } else if let Some((id, _)) = p.num.as_mut() {
                            if !num_id.is_empty() {
                                *id = num_id.clone();
                            }
                        } else if !num_id.is_empty() {
                            p.num = Some((num_id.clone(), 0));
                        }
                    }
                    num_id.clear();
                }
                "p" => {
                    if let Some(p) = para.take() {
                        finish(p, &mut tables, &mut out);
                    }
                }
                "tbl" => {
                    if let Some(t) = tables.pop() {
                        match tables.last_mut().and_then(|t| t.last_mut()).and_then(|r| r.last_mut()) {
                            // A table inside a cell: its paragraphs join the cell.
                            Some(cell) => cell.extend(t.into_iter().flatten().flatten()),
                            None => out.push(Para::Table(t)),
                        }
                    }
                }
                _ => {}
            },
            Event::Text(t) if in_text => {
                let text = t.xml10_content();
                if let Some(p) = para.as_mut() {
                    p.push(style, &text);
                }
            }
            Event::GeneralRef(r) if in_text => {
                let name = r.xml10_content();
                let resolved = match r.resolve_char_ref() {
                    Ok(Some(c)) => c.to_string(),
                    _ => quick_xml::escape::resolve_predefined_entity(&name).unwrap_or("").to_owned(),
                };
                if let Some(p) = para.as_mut() {
                    p.push(style, &resolved);
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(out
        .into_iter()
        .map(|p| match p {
            Para::Text(t) => Para::Text(crate::load::nfc(&t)),
            table => table,
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    const W: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main""#;

    fn doc(body: &str) -> String {
        format!(r#"<?xml version="1.0"?><w:document {W}><w:body>{body}</w:body></w:document>"#)
    }

    #[test]
    fn runs_keep_emphasis_and_entities() {
        let xml = doc(
            r#"<w:p><w:r><w:t xml:space="preserve">(1) </w:t></w:r><w:r><w:rPr><w:i/></w:rPr><w:t xml:space="preserve">Kết luận &amp; chỉ thị </w:t></w:r><w:r><w:rPr><w:b/><w:i w:val="0"/></w:rPr><w:t>số 49</w:t></w:r><w:del><w:r><w:delText>bỏ</w:delText></w:r></w:del></w:p>
               <w:p><w:r><w:rPr><w:b/></w:rPr><w:t>CHI BỘ</w:t></w:r><w:r><w:br/><w:t>MA TÚY</w:t></w:r></w:p>"#,
        );
        let paras = parse(&xml, Numbering::default()).expect("parses");
        assert_eq!(
            paras,
            [
                Para::Text("(1) *Kết luận & chỉ thị* **số 49**".into()),
                Para::Text("**CHI BỘ**".into()),
                Para::Text("MA TÚY".into()),
            ]
        );
    }

    #[test]
    fn automatic_numbers_are_written_out() {
        let numbering = Numbering::parse(&format!(
            r#"<w:numbering {W}><w:abstractNum w:abstractNumId="7"><w:lvl w:ilvl="0"><w:numFmt w:val="decimal"/></w:lvl><w:lvl w:ilvl="1"><w:numFmt w:val="bullet"/></w:lvl></w:abstractNum><w:num w:numId="3"><w:abstractNumId w:val="7"/></w:num></w:numbering>"#
        ));
        let item = |level: u8, text: &str| {
            format!(
                r#"<w:p><w:pPr><w:numPr><w:ilvl w:val="{level}"/><w:numId w:val="3"/></w:numPr></w:pPr><w:r><w:t>{text}</w:t></w:r></w:p>"#
            )
        };
        let xml = doc(&[item(0, "Tuyên truyền."), item(1, "Trên loa."), item(0, "Thành lập Ban.")].concat());
        let paras = parse(&xml, numbering).expect("parses");
        assert_eq!(
            paras,
            [
                Para::Text("1. Tuyên truyền.".into()),
                Para::Text("- Trên loa.".into()),
                Para::Text("2. Thành lập Ban.".into()),
            ]
        );
    }

    #[test]
    fn numbers_from_a_list_style_are_written_out() {
        let mut numbering = Numbering::parse(&format!(
            r#"<w:numbering {W}><w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0"><w:numFmt w:val="decimal"/></w:lvl></w:abstractNum><w:num w:numId="5"><w:abstractNumId w:val="1"/></w:num></w:numbering>"#
        ));
        numbering.add_styles(&format!(
            r#"<w:styles {W}><w:style w:type="paragraph" w:styleId="ListNumber"><w:pPr><w:numPr><w:numId w:val="5"/></w:numPr></w:pPr></w:style></w:styles>"#
        ));
        let item = |style: &str, text: &str| {
            format!(r#"<w:p><w:pPr><w:pStyle w:val="{style}"/></w:pPr><w:r><w:t>{text}</w:t></w:r></w:p>"#)
        };
        let xml =
            doc(&[item("ListNumber", "Một."), item("Normal", "Đoạn."), item("ListNumber", "Hai.")].concat());
        let paras = parse(&xml, numbering).expect("parses");
        assert_eq!(
            paras,
            [Para::Text("1. Một.".into()), Para::Text("Đoạn.".into()), Para::Text("2. Hai.".into())]
        );
    }

    #[test]
    fn tables_keep_rows_cells_and_paragraphs() {
        let cell = |t: &str| format!("<w:tc><w:p><w:r><w:t>{t}</w:t></w:r></w:p></w:tc>");
        let xml = doc(&format!(
            "<w:tbl><w:tr>{}{}</w:tr><w:tr>{}{}</w:tr></w:tbl>",
            cell("Chỉ tiêu"),
            cell("2025"),
            cell("Công dân học tập"),
            cell("40%")
        ));
        let paras = parse(&xml, Numbering::default()).expect("parses");
        let rows = vec![
            vec![vec!["Chỉ tiêu".to_owned()], vec!["2025".to_owned()]],
            vec![vec!["Công dân học tập".to_owned()], vec!["40%".to_owned()]],
        ];
        assert_eq!(paras, [Para::Table(rows.clone())]);
        assert_eq!(
            super::super::read::table_markdown(&rows),
            "| Chỉ tiêu | 2025 |\n| --- | --- |\n| Công dân học tập | 40% |"
        );
    }
}
