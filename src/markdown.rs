//! Markdown → HTML for one page, with heading ids, a table of contents, a summary
//! and internal links rewritten to site URLs.

use std::collections::{HashMap, HashSet};

use pulldown_cmark::{CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use serde::Serialize;

use crate::document::mentions;
use crate::document::{Catalogue, Found};
use crate::error::Diagnostic;
use crate::messages::{self, Msg};
use crate::parse::Parsed;
use crate::slug::slugify;

/// The URLs a site serves: looked up for every link of every rendered file, so hashed
/// with Fx, not SipHash (nothing here comes from an attacker).
pub type UrlSet = rustc_hash::FxHashSet<String>;

/// What links in Markdown may point at.
pub struct LinkTargets {
    /// Content-relative source paths (pages, `_index.md`, section folders, assets) → site URL.
    pub by_source: HashMap<String, String>,
    /// Every URL the site will serve: `/x/` for pages, `/css/a.css` for files.
    pub urls: UrlSet,
    /// Content-relative paths of drafts left out of this build.
    pub drafts: HashSet<String>,
    /// The site's documents, which mentions of their numbers link to.
    pub documents: Catalogue,
    /// Document page URL → number key, to count plain links as citations.
    pub document_urls: HashMap<String, String>,
}

pub use crate::document::DocLink;

/// One entry of a page's table of contents.
#[derive(Debug, Clone, Serialize, Hash)]
pub struct TocEntry {
    pub level: u8,
    pub id: String,
    pub title: String,
    pub children: Vec<TocEntry>,
}

/// A page's Markdown rendered to HTML.
#[derive(Debug, Clone, Default)]
pub struct Html {
    pub content: String,
    pub summary: Option<String>,
    pub toc: Vec<TocEntry>,
    pub word_count: usize,
    /// Document numbers mentioned or linked in the body.
    pub mentions: Vec<Found>,
    /// Links with a `#fragment`, checked against heading ids once every page is rendered.
    pub anchored: Vec<crate::anchors::Anchored>,
    /// Ids a link may point at: headings and footnotes.
    pub ids: Vec<String>,
    /// `http(s)` links and the line they are on, for `loa check --external`.
    pub external: Vec<(String, usize)>,
    /// Link and image destinations as written, to tell whether a later change of the
    /// site's URLs touches this page (`serve`).
    pub links: Vec<String>,
    /// The body's plain text for the search index, read off this render's parse when it is
    /// the parse `search::text::plain` makes (`None`: the index parses the body itself).
    pub plain: Option<crate::search::text::Plain>,
    /// Hash of the content, summary and table of contents, made when first asked.
    digest: std::sync::OnceLock<u64>,
}

impl Html {
    /// A hash of what templates show of this HTML (content, summary, table of contents).
    pub fn digest(&self) -> u64 {
        *self.digest.get_or_init(|| {
            use std::hash::{Hash, Hasher};
            let mut h = rustc_hash::FxHasher::default();
            (&self.content, &self.summary, &self.toc, self.word_count).hash(&mut h);
            h.finish()
        })
    }
}

impl Extensions {
    /// For a translation (`tai/tin-tuc/a.md`), the path of its default-language page.
    fn translated_from<'r>(&self, rel: &'r str) -> Option<&'r str> {
        crate::languages::split(rel, &self.languages).map(|(_, orig)| orig)
    }
}

/// What a render uses besides the page and the link targets.
#[derive(Default)]
pub struct Extensions {
    pub shortcodes: crate::shortcodes::Shortcodes,
    pub options: crate::markup::Options,
    pub images: std::sync::Arc<crate::images::Images>,
    /// The site's other languages (translations sit under `LANG/`).
    pub languages: std::collections::BTreeMap<String, crate::languages::Language>,
    /// Language of the site's own words in pages (anchor and back-link labels).
    pub lang: Option<messages::Lang>,
    /// Code of the default language (`vi`): the language of shortcodes' `trans()` on a
    /// page that is no translation.
    pub default_language: String,
    /// Theme strings: the anchor and back-link labels in the page's language.
    pub strings: Option<std::sync::Arc<crate::i18n::Strings>>,
    /// Keep each page's plain text for the search index (`Html::plain`).
    pub search_text: bool,
}

const MORE: &str = "<!-- more -->";

fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
}

/// Renders the body of `page`; broken links are reported with their file line.
pub fn render(page: &Parsed, targets: &LinkTargets) -> (Html, Vec<Diagnostic>) {
    render_with(page, targets, &Extensions::default())
}

/// `render` with shortcodes and Markdown options.
pub fn render_with(page: &Parsed, targets: &LinkTargets, ext: &Extensions) -> (Html, Vec<Diagnostic>) {
    let page_lang = crate::languages::split(&page.source.rel, &ext.languages)
        .map_or(ext.default_language.as_str(), |(l, _)| l);
    let expanded = crate::i18n::scoped(page_lang, "shortcodes/", || ext.shortcodes.expand(page, page.body()));
    let expanded = match expanded {
        Ok(e) => e,
        Err(diags) => return (Html::default(), diags),
    };
    let body = expanded.as_ref().map_or(page.body(), |e| e.text.as_str());
    let mut diags = Vec::new();
    let original = page.body();
    let line_starts: Vec<usize> =
        std::iter::once(0).chain(original.match_indices('\n').map(|(i, _)| i + 1)).collect();
    // Offsets of an expanded body map back to the file before they become lines.
    let line_of = |offset: usize| {
        let offset = expanded.as_ref().map_or(offset, |e| e.original(offset));
        line_starts.partition_point(|&s| s <= offset) - 1 + page.body_line
    };
    // Line and column (in characters) of a body offset, for messages about mentions.
    let place = |offset: usize| {
        let offset = expanded.as_ref().map_or(offset, |e| e.original(offset));
        let i = line_starts.partition_point(|&s| s <= offset) - 1;
        let col = original.get(line_starts[i]..offset).map_or(0, |s| s.chars().count() + 1);
        (i + page.body_line, col)
    };

    let mut events: Vec<Event> = Vec::new();
    let mut ids = HeadingIds::default();
    let mut headings: Vec<(u8, String, String)> = Vec::new();
    let mut heading: Option<OpenHeading> = None;
    let mut heading_text = String::new();
    let mut word_count = 0;
    let mut depth = 0usize;
    let mut more_at: Option<usize> = None;
    let mut first_para: Option<(usize, usize)> = None;

    let mut found: Vec<Found> = Vec::new();
    for (key, printed, at) in expanded.iter().flat_map(|e| &e.cited) {
        let line = line_starts.partition_point(|&s| s <= *at) - 1 + page.body_line;
        let col = original.get(line_starts[line - page.body_line]..*at).map_or(0, |s| s.chars().count() + 1);
        let how = crate::document::How::AsWritten;
        found.push(Found { key: key.clone(), printed: printed.clone(), line, col, how });
    }
    let mut pending = String::new();
    // Where each piece of `pending` starts: (offset in `pending`, offset in the body).
    let mut pieces: Vec<(usize, usize)> = Vec::new();
    // `pending` as its one piece came, when it is one.
    let mut whole: Option<CowStr> = None;
    let mut in_code = false;
    let mut in_link = 0usize;
    let mut anchored = Vec::new();
    // An image loa resizes: (event index, URL, title, offset) until its alt text is complete.
    let mut open_image: Option<(usize, String, String, usize)> = None;
    let mut external = Vec::new();
    let mut links = Vec::new();

    // A link or image source as a site URL; a broken one is reported and left as written.
    let link_target = |dest: CowStr<'_>, at: usize, diags: &mut Vec<Diagnostic>| -> String {
        // `..\van-ban\a.md` (a Windows habit) is resolved as `../van-ban/a.md`, with a warning.
        let dest = match crate::portable::forward_slashes(&dest) {
            Some(fixed) => {
                let msg = messages::text(Msg::BackslashLink { link: &dest, fixed: &fixed });
                let d = Diagnostic::warning(&page.source.shown, line_of(at), 0, msg);
                diags.push(d.with_excerpt_from(&page.source.text));
                CowStr::from(fixed)
            }
            None => dest,
        };
        match rewrite(&dest, page, targets) {
            Ok(url) => url.to_string(),
            Err(message) => {
                // A translation may link to pages that exist only in the default language.
                let fallback = ext.translated_from(&page.source.rel).and_then(|orig| {
                    match resolve(&dest, orig, targets) {
                        Link::Internal(url) => Some(url),
                        _ => None,
                    }
                });
                if let Some(url) = fallback {
                    return url;
                }
                let d = Diagnostic::error(&page.source.shown, line_of(at), 0, message);
                diags.push(d.with_excerpt_near(&page.source.text, page.body_start + at));
                dest.to_string()
            }
        }
    };
    let lang = ext.lang.unwrap_or(messages::Lang::Vi);
    // The page's words come from the theme's table for its language, else the catalogue.
    let label = |key: &str, msg: Msg| {
        ext.strings
            .as_ref()
            .and_then(|s| s.get(key, page_lang))
            .unwrap_or_else(|| messages::text_in(lang, msg))
    };
    let anchor_label = label("heading_anchor", Msg::HeadingAnchorLabel);
    let mut has_notes = false;
    let mut parser_options = options();
    if ext.options.smart_punctuation {
        parser_options |= Options::ENABLE_SMART_PUNCTUATION;
    }
    // The search index's plain text, from this parse's events as they come, before any
    // of loa's changes; only when the body is the one the index reads and the parse is its.
    let mut plain = (ext.search_text
        && expanded.is_none()
        && crate::search::text::same_parse(body, ext.options.smart_punctuation))
    .then(|| crate::search::text::Collect::with_capacity(body.len()));
    for (event, range) in Parser::new_ext(body, parser_options).into_offset_iter() {
        if let Some(plain) = plain.as_mut() {
            plain.event(&event);
        }
        if let Event::Text(t) = event {
            word_count += count_words(&t);
            if heading.is_some() {
                heading_text.push_str(&t);
            }
            if in_code {
                events.push(Event::Text(t));
            } else {
                // Text arrives in pieces; numbers are found in the joined run.
                pieces.push((pending.len(), range.start));
                pending.push_str(&t);
                // A run of one piece is emitted as it came when nothing in it is linked.
                whole = if pieces.len() == 1 { Some(t) } else { None };
            }
            continue;
        }
        if !pending.is_empty() {
            let ctx = MentionContext {
                targets,
                source: &page.source.rel,
                pieces: &pieces,
                place: &place,
                linkable: in_link == 0,
                autolinks: ext.options.autolinks,
            };
            link_text(&pending, whole.take(), &ctx, &mut events, &mut found, &mut external);
            pending.clear();
            pieces.clear();
        }
        match &event {
            Event::FootnoteReference(_) | Event::Start(Tag::FootnoteDefinition(_)) => has_notes = true,
            Event::Start(Tag::CodeBlock(_)) => in_code = true,
            Event::End(TagEnd::CodeBlock) => in_code = false,
            Event::Start(Tag::Link { .. } | Tag::Image { .. }) => in_link += 1,
            Event::End(TagEnd::Link | TagEnd::Image) => in_link = in_link.saturating_sub(1),
            _ => {}
        }
        match event {
            Event::Start(Tag::Heading { level, id, classes, attrs }) => {
                heading = Some(OpenHeading { at: events.len(), level, id, classes, attrs });
                heading_text.clear();
                events.push(Event::Text(CowStr::Borrowed("")));
                depth += 1;
            }
            Event::End(TagEnd::Heading(level)) => {
                depth -= 1;
                if let Some(OpenHeading { at, level: level_start, id, classes, attrs }) = heading.take() {
                    let base = id.as_deref().map(str::to_owned).unwrap_or_else(|| slugify(&heading_text));
                    let id = unique_id(if base.is_empty() { "muc".into() } else { base }, &mut ids);
                    headings.push((level as u8, id.clone(), heading_text.trim().to_owned()));
                    if ext.options.heading_anchors {
                        events.push(Event::InlineHtml(CowStr::from(crate::markup::heading_anchor(
                            &id,
                            &anchor_label,
                        ))));
                    }
                    events[at] = Event::Start(Tag::Heading {
                        level: level_start,
                        id: Some(CowStr::from(id)),
                        classes,
                        attrs,
                    });
                }
                events.push(Event::End(TagEnd::Heading(level)));
            }
            Event::Start(Tag::Link { link_type, dest_url, title, id }) => {
                links.push(dest_url.to_string());
                let written = crate::anchors::worth_noting(&dest_url).then(|| dest_url.to_string());
                let dest_url = CowStr::from(link_target(dest_url, range.start, &mut diags));
                if let Some(written) = written {
                    let line = line_of(range.start);
                    crate::anchors::note(written, &dest_url, line, &mut anchored, &mut external);
                }
                // A plain link to a document's page cites it as much as its number does.
                let path = dest_url.split('#').next().unwrap_or("");
                if let Some(key) = targets.document_urls.get(path) {
                    let (line, col) = place(range.start);
                    found.push(Found::linked(key, line, col));
                }
                depth += 1;
                events.push(Event::Start(Tag::Link { link_type, dest_url, title, id }));
            }
            Event::Start(Tag::Image { link_type, dest_url, title, id }) => {
                links.push(dest_url.to_string());
                let dest_url = CowStr::from(link_target(dest_url, range.start, &mut diags));
                depth += 1;
                if ext.images.handles(&dest_url) {
                    open_image = Some((events.len(), dest_url.to_string(), title.to_string(), range.start));
                }
                events.push(Event::Start(Tag::Image { link_type, dest_url, title, id }));
            }
            Event::Start(tag) => {
                if depth == 0 && matches!(tag, Tag::Paragraph) && first_para.is_none() {
                    first_para = Some((events.len(), 0));
                }
                depth += 1;
                events.push(Event::Start(tag));
            }
            Event::End(TagEnd::Image) if open_image.is_some() => {
                depth -= 1;
                let Some((at, url, title, start)) = open_image.take() else { continue };
                let alt: String = events[at..]
                    .iter()
                    .filter_map(|e| match e {
                        Event::Text(t) | Event::Code(t) => Some(t.as_ref()),
                        _ => None,
                    })
                    .collect();
                if alt.trim().is_empty() {
                    let d = Diagnostic::warning(
                        &page.source.shown,
                        line_of(start),
                        0,
                        messages::text(Msg::ImageNoAlt { src: &url }),
                    );
                    diags.push(d.with_excerpt_from(&page.source.text));
                }
                match ext.images.img_html(&url, alt.trim(), &title) {
                    Some(html) => {
                        events.truncate(at);
                        events.push(Event::InlineHtml(CowStr::from(html)));
                    }
                    None => events.push(Event::End(TagEnd::Image)),
                }
            }
            Event::End(end) => {
                depth -= 1;
                let is_para = matches!(end, TagEnd::Paragraph);
                events.push(Event::End(end));
                if depth == 0 && is_para {
                    if let Some((start, 0)) = first_para {
                        // A bulletin opens with "Kính thưa…": the summary is what follows.
                        let greeting = crate::bulletin::is_greeting(&plain_text(&events[start..]));
                        first_para = if greeting { None } else { Some((start, events.len())) };
                    }
                }
            }
            // `<!-- more -->` on its own line arrives as an HTML block: cut before the block.
            Event::Html(ref html)
                if depth == 1
                    && more_at.is_none()
                    && html.trim() == MORE
                    && matches!(events.last(), Some(Event::Start(Tag::HtmlBlock))) =>
            {
                more_at = Some(events.len() - 1);
                events.push(event);
            }
            Event::Code(ref t) => {
                word_count += count_words(t);
                if heading.is_some() {
                    heading_text.push_str(t);
                }
                events.push(event);
            }
            other => events.push(other),
        }
    }

    if !pending.is_empty() {
        let ctx = MentionContext {
            targets,
            source: &page.source.rel,
            pieces: &pieces,
            place: &place,
            linkable: in_link == 0,
            autolinks: ext.options.autolinks,
        };
        link_text(&pending, whole.take(), &ctx, &mut events, &mut found, &mut external);
    }
    let mut ids: Vec<String> = headings.iter().map(|(_, id, _)| id.clone()).collect();
    let mut content = String::with_capacity(body.len() * 3 / 2);
    // A summary is shown away from its headings (lists, feeds, meta description): the
    // headings' `¶` links would point nowhere there.
    let summary_of = |events: &[Event]| {
        let summary_events = match (more_at, first_para) {
            (Some(end), _) => Some(&events[..end]),
            (None, Some((start, end))) if end > start => Some(&events[start..end]),
            _ => None,
        };
        summary_events.map(|evs| {
            let mut s = String::new();
            let kept = evs
                .iter()
                .filter(|e| !matches!(e, Event::InlineHtml(h) if crate::markup::is_heading_anchor(h)));
            pulldown_cmark::html::push_html(&mut s, kept.cloned());
            s
        })
    };
    let summary;
    if has_notes {
        let label = label("footnote_back", Msg::FootnoteBackLabel);
        ids.extend(crate::markup::footnotes::rewrite(&mut events, &label));
        crate::markup::footnotes::html(&events, &mut content);
        summary = summary_of(&events);
    } else {
        summary = summary_of(&events);
        // The events are written once more: moved, not cloned.
        pulldown_cmark::html::push_html(&mut content, events.into_iter());
    }
    let toc = toc_tree(&headings);
    let digest = Default::default();
    // Kept until the index is written: no room to spare.
    let plain = plain.map(crate::search::text::Collect::keep);
    (
        Html {
            content,
            summary,
            toc,
            word_count,
            mentions: found,
            anchored,
            ids,
            external,
            links,
            plain,
            digest,
        },
        diags,
    )
}

/// The text of some events, without markup.
fn plain_text(events: &[Event]) -> String {
    events
        .iter()
        .filter_map(|e| match e {
            Event::Text(t) | Event::Code(t) => Some(t.as_ref()),
            _ => None,
        })
        .collect()
}

/// A heading whose text is still being collected (its id comes from the text).
struct OpenHeading<'a> {
    at: usize,
    level: HeadingLevel,
    id: Option<CowStr<'a>>,
    classes: Vec<CowStr<'a>>,
    attrs: Vec<(CowStr<'a>, Option<CowStr<'a>>)>,
}

/// Where a run of text sits, for linking the document numbers in it.
struct MentionContext<'t> {
    targets: &'t LinkTargets,
    source: &'t str,
    /// Where the pieces of the run start: (offset in the run, offset in the body).
    pieces: &'t [(usize, usize)],
    /// Line and column of a body offset.
    place: &'t dyn Fn(usize) -> (usize, usize),
    /// False inside an existing link: record mentions, add no link.
    linkable: bool,
    /// Bare web addresses become links.
    autolinks: bool,
}

/// `s.split_whitespace().count()`, eight bytes at a time. White space outside ASCII
/// (no-break spaces…) is rare: a text with some is counted the slow way.
fn count_words(s: &str) -> usize {
    let b = s.as_bytes();
    // Unicode's `White_Space` outside ASCII, by first byte: C2 85, C2 A0, E1 9A 80,
    // E2 80 80..=8A, E2 80 A8, E2 80 A9, E2 80 AF, E2 81 9F, E3 80 80.
    let wide = |i: usize| {
        matches!(
            (b[i], b.get(i + 1), b.get(i + 2)),
            (0xc2, Some(0x85 | 0xa0), _)
                | (0xe2, Some(0x80), Some(0x80..=0x8a | 0xa8 | 0xa9 | 0xaf))
                | (0xe2, Some(0x81), Some(0x9f))
                | (0xe3, Some(0x80), Some(0x80))
        )
    };
    let ogham = |i: usize| i > 0 && b[i - 1] == 0xe1 && b.get(i + 1) == Some(&0x80);
    if memchr::memchr3_iter(0xc2, 0xe2, 0xe3, b).any(wide) || memchr::memchr_iter(0x9a, b).any(ogham) {
        return s.split_whitespace().count();
    }
    // Only ASCII white space is left (other bytes are letters, marks, punctuation): a
    // word starts at each byte that is no space after one that is (or at the start).
    const ONES: u64 = u64::from_ne_bytes([0x01; 8]);
    const HIGH: u64 = ONES * 0x80;
    const LOW: u64 = ONES * 0x7f;
    // Bit 7 of each byte: set when the byte is `\t`..=`\r` or ` ` (exact per byte, no carries).
    let spaces = |v: u64| {
        let low = v & LOW;
        let at_least = |n: u64| (low + ONES * (0x80 - n)) & HIGH;
        ((at_least(0x09) & !at_least(0x0e)) | (at_least(0x20) & !at_least(0x21))) & !(v & HIGH)
    };
    let mut words = 0;
    // Whether the byte before the chunk is a space, as bit 7 of byte 0.
    let mut before = 0x80;
    let mut count = |v: u64| {
        let space = u64::from_le(spaces(v));
        let starts = !space & ((space << 8) | before) & HIGH;
        words += starts.count_ones() as usize;
        before = space >> 56;
    };
    let mut chunks = b.chunks_exact(8);
    for chunk in &mut chunks {
        let mut bytes = [0; 8];
        bytes.copy_from_slice(chunk);
        count(u64::from_ne_bytes(bytes));
    }
    // The rest padded with spaces, which start no word.
    let mut bytes = [b' '; 8];
    bytes[..chunks.remainder().len()].copy_from_slice(chunks.remainder());
    count(u64::from_ne_bytes(bytes));
    words
}

/// Emits `text` as events: bare web addresses as links (when asked), document mentions
/// linked. `whole` is `text` as an event's text, kept when nothing in it is linked.
fn link_text<'a>(
    text: &str,
    whole: Option<CowStr<'a>>,
    ctx: &MentionContext,
    events: &mut Vec<Event<'a>>,
    found: &mut Vec<Found>,
    external: &mut Vec<(String, usize)>,
) {
    let addresses =
        if ctx.autolinks && ctx.linkable { crate::markup::autolink::find(text) } else { Vec::new() };
    if addresses.is_empty() {
        return link_mentions(text, whole, ctx, events, found);
    }
    // The text between addresses keeps its place in the run for mention positions.
    let part = |from: usize, to: usize, events: &mut Vec<Event<'a>>, found: &mut Vec<Found>| {
        let pieces: Vec<(usize, usize)> = ctx
            .pieces
            .iter()
            .map(|&(p, b)| if p <= from { (0, b + (from - p)) } else { (p - from, b) })
            .collect();
        let sub = MentionContext { pieces: &pieces, ..*ctx };
        link_mentions(&text[from..to], None, &sub, events, found);
    };
    let mut last = 0;
    for r in addresses {
        if r.start > last {
            part(last, r.start, events, found);
        }
        let href = crate::markup::autolink::href(&text[r.clone()]);
        external.push((href.clone(), ctx.place_of(r.start).0));
        events.push(Event::Start(Tag::Link {
            link_type: pulldown_cmark::LinkType::Autolink,
            dest_url: CowStr::from(href),
            title: CowStr::Borrowed(""),
            id: CowStr::Borrowed(""),
        }));
        events.push(Event::Text(CowStr::from(text[r.clone()].to_owned())));
        events.push(Event::End(TagEnd::Link));
        last = r.end;
    }
    part(last, text.len(), events, found);
}

impl MentionContext<'_> {
    fn place_of(&self, at: usize) -> (usize, usize) {
        let i = self.pieces.partition_point(|&(p, _)| p <= at).saturating_sub(1);
        let (run, body) = self.pieces.get(i).copied().unwrap_or((0, 0));
        (self.place)(body + at.saturating_sub(run))
    }
}

/// Emits `text` as events, with mentions of known documents turned into links (`whole`:
/// see `link_text`).
fn link_mentions<'a>(
    text: &str,
    whole: Option<CowStr<'a>>,
    ctx: &MentionContext,
    events: &mut Vec<Event<'a>>,
    found: &mut Vec<Found>,
) {
    let mut last = 0;
    for r in mentions::scan(text) {
        let (line, col) = ctx.place_of(r.start);
        let resolution = ctx.targets.documents.resolve(&r, text);
        let (target, f) = Found::resolved(&r, text, &resolution, line, col);
        found.push(f);
        let Some(doc) = target else { continue };
        if !ctx.linkable || doc.source == ctx.source {
            continue;
        }
        if r.start > last {
            events.push(Event::Text(CowStr::from(text[last..r.start].to_owned())));
        }
        let escape = crate::render::engine::escape_html;
        events.push(Event::InlineHtml(CowStr::from(format!(
            "<a class=\"doc-ref\" href=\"{}\" title=\"{}\">{}</a>",
            escape(&doc.url),
            escape(&doc.label),
            escape(&text[r.start..r.end])
        ))));
        last = r.end;
    }
    if last < text.len() {
        let rest = match whole {
            Some(t) if last == 0 => t,
            _ => CowStr::from(text[last..].to_owned()),
        };
        events.push(Event::Text(rest));
    }
}

/// Heading ids used on a page, and the next suffix to try for each base.
#[derive(Default)]
struct HeadingIds {
    used: HashSet<String>,
    next: HashMap<String, usize>,
}

/// `base`, or `base-1`, `base-2`…: the first not used yet. Each base remembers where its
/// suffixes stopped, so 20,000 identical headings cost linear time, not quadratic.
fn unique_id(base: String, ids: &mut HeadingIds) -> String {
    if ids.used.insert(base.clone()) {
        return base;
    }
    let n = ids.next.entry(base.clone()).or_insert(1);
    loop {
        let id = format!("{base}-{n}");
        *n += 1;
        if ids.used.insert(id.clone()) {
            return id;
        }
    }
}

/// Nests flat (level, id, title) headings into a tree.
fn toc_tree(flat: &[(u8, String, String)]) -> Vec<TocEntry> {
    let mut root: Vec<TocEntry> = Vec::new();
    for (level, id, title) in flat {
        let entry = TocEntry { level: *level, id: id.clone(), title: title.clone(), children: Vec::new() };
        let mut list = &mut root;
        // Descend while the last entry is a shallower heading.
        while list.last().is_some_and(|last| last.level < *level) {
            list = &mut list.last_mut().expect("checked non-empty").children;
        }
        list.push(entry);
    }
    root
}

/// The site URL a Markdown link points at, `Ok(None)` to leave it as written,
/// `Err(target)` when it points inside the site at nothing.
fn rewrite<'a>(dest: &CowStr<'a>, page: &Parsed, targets: &LinkTargets) -> Result<CowStr<'a>, String> {
    match resolve(dest, &page.source.rel, targets) {
        Link::Internal(url) => Ok(CowStr::from(url)),
        Link::External => Ok(dest.clone()),
        Link::Broken => Err(messages::text(Msg::BrokenLink { target: dest })),
        Link::Draft => Err(messages::text(Msg::LinkToDraft { target: dest })),
    }
}

/// Does the link `dest`, written in `page`, lead to the same place under both sets of
/// targets (and cite the same document)? Used to keep a page's Markdown across a rebuild.
pub fn link_same(dest: &str, page: &str, ext: &Extensions, a: &LinkTargets, b: &LinkTargets) -> bool {
    let dest = crate::portable::forward_slashes(dest).unwrap_or_else(|| dest.to_owned());
    let from = std::iter::once(page).chain(ext.translated_from(page));
    from.into_iter().all(|rel| {
        let (x, y) = (resolve(&dest, rel, a), resolve(&dest, rel, b));
        let doc = |t: &LinkTargets, l: &Link| match l {
            Link::Internal(url) => t.document_urls.get(url.split('#').next().unwrap_or("")).cloned(),
            _ => None,
        };
        doc(a, &x) == doc(b, &y) && x == y
    })
}

/// What a link in Markdown points at.
#[derive(Debug, PartialEq, Eq)]
pub enum Link {
    /// Outside the site, or a fragment of the same page: left as written.
    External,
    /// A site URL such as `/van-ban/chi-thi-11/#muc-1`.
    Internal(String),
    /// Inside the site, at nothing.
    Broken,
    /// At a draft left out of this build.
    Draft,
}

/// Resolves a link written in the page `source_rel` (content-relative path).
pub fn resolve(dest: &str, source_rel: &str, targets: &LinkTargets) -> Link {
    if dest.is_empty() || dest.starts_with('#') || dest.starts_with("//") || has_scheme(dest) {
        return Link::External;
    }
    let (path, suffix) = match dest.find(['#', '?']) {
        Some(i) => dest.split_at(i),
        None => (dest, ""),
    };
    let path = percent_decode(path);
    let rel = if let Some(rest) = path.strip_prefix("@/") {
        Some(rest.to_owned())
    } else if path.starts_with('/') {
        return match lookup_url(&path, targets) {
            Some(url) => Link::Internal(format!("{url}{suffix}")),
            None => Link::Broken,
        };
    } else {
        let dir = match source_rel.rfind('/') {
            Some(i) => &source_rel[..i],
            None => "",
        };
        join(dir, &path)
    };
    let Some(rel) = rel else { return Link::Broken };
    match lookup_source(&rel, targets) {
        Some(url) => Link::Internal(format!("{url}{suffix}")),
        None if targets.drafts.contains(rel.trim_end_matches('/')) => Link::Draft,
        None => Link::Broken,
    }
}

fn lookup_source(rel: &str, targets: &LinkTargets) -> Option<String> {
    let rel = rel.trim_end_matches('/');
    targets.by_source.get(rel).cloned()
}

fn lookup_url(path: &str, targets: &LinkTargets) -> Option<String> {
    if targets.urls.contains(path) {
        return Some(path.to_owned());
    }
    let dir = path.strip_suffix("index.html").unwrap_or(path);
    let with_slash = if dir.ends_with('/') { dir.to_owned() } else { format!("{dir}/") };
    targets.urls.contains(&with_slash).then_some(with_slash)
}

/// Joins a relative path onto a content folder, resolving `.` and `..`.
fn join(dir: &str, rel: &str) -> Option<String> {
    let mut parts: Vec<&str> = dir.split('/').filter(|p| !p.is_empty()).collect();
    for part in rel.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            p => parts.push(p),
        }
    }
    Some(parts.join("/"))
}

fn has_scheme(dest: &str) -> bool {
    match dest.find(':') {
        Some(i) => dest[..i].chars().all(|c| c.is_ascii_alphanumeric() || "+.-".contains(c)) && i > 0,
        None => false,
    }
}

/// Decodes `%20`-style escapes so links to "Văn bản.pdf" written encoded still resolve.
pub(crate) fn percent_decode(s: &str) -> String {
    if !s.contains('%') {
        return crate::load::nfc(s);
    }
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            if let (Some(h), Some(l)) = (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                out.push((h * 16 + l) as u8);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    crate::load::nfc(&String::from_utf8_lossy(&out))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn count_words_counts_as_split_whitespace_in_mixed_texts() {
        let parts =
            ["a", "ạ", "“", " ", "  ", "\t", "\n", "\u{a0}", "\u{2003}", "x1", "\u{1680}", "ở", "\r\n"];
        let mut seed = 7u64;
        for _ in 0..20_000 {
            let mut text = String::new();
            seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            let len = (seed >> 59) as usize * 2;
            for _ in 0..len {
                seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                text.push_str(parts[(seed >> 33) as usize % parts.len()]);
            }
            assert_eq!(count_words(&text), text.split_whitespace().count(), "{text:?}");
        }
    }

    #[test]
    fn count_words_counts_as_split_whitespace_for_every_character() {
        for c in (0..=0x10ffff).filter_map(char::from_u32) {
            for text in
                [format!("a{c}b"), format!("{c}"), format!(" {c}{c} x{c}"), format!("1234567{c}ab {c}")]
            {
                assert_eq!(count_words(&text), text.split_whitespace().count(), "U+{:04X}", c as u32);
            }
        }
    }

    /// Page `body` as parsed from a file, with front matter.
    fn page_with(body: &str) -> Parsed {
        let text = format!("---\ntitle: Trang\n---\n{body}");
        let source = crate::load::Source { rel: "a.md".into(), shown: "content/a.md".into(), text };
        crate::parse::parse(source, &mut Vec::new()).expect("front matter is valid")
    }

    fn some_targets() -> LinkTargets {
        LinkTargets {
            by_source: [("b.md".to_owned(), "/b/".to_owned())].into_iter().collect(),
            urls: ["/b/".to_owned(), "/x/".to_owned()].into_iter().collect(),
            drafts: HashSet::new(),
            documents: Catalogue::default(),
            document_urls: HashMap::new(),
        }
    }

    /// Pieces of pages: every syntax `text::plain` reads, the syntax of the options only
    /// the render has (task lists, heading attributes, smart punctuation), and what loa
    /// itself changes after the parse (links, autolinks, mentions, footnotes, anchors).
    const FRAGMENTS: &[&str] = &[
        "Mở **đầu** và [liên kết](/x/).",
        "# Tiêu đề một",
        "## Nội dung `chính`",
        "Tiêu đề setext\n===",
        "Phụ đề\n---",
        "# Có id {#muc-rieng}",
        "## Có lớp {.lop .khac}",
        "### Ngoặc { lẻ",
        "# Đóng #",
        "# Gạch chéo\\",
        "#",
        "- một\n- hai\n  - ba",
        "1. thứ nhất\n2. thứ hai",
        "- [ ] việc chưa làm\n- [x] việc đã làm",
        "* [X] xong\n* [ ]",
        "Ô [x] giữa dòng, [ ] và [X].",
        "| STT | Nội dung |\n|---:|---|\n| 1 | Chương trình *số* |\n| 2 | `mã` |",
        "Chú thích[^1] ở đây.",
        "[^1]: Nội dung chú thích.",
        "```rust\nfn main() { \"x\" }\n```",
        "    mã thụt lề -- ... 'a'",
        "*nghiêng*, **đậm**, ~~gạch~~, _gạch dưới_.",
        "[Kế hoạch số 322/KH-UBND](b.md) của tỉnh; [sai](khong-co.md).",
        "![ảnh minh họa](/a.png \"tiêu đề\")",
        "Xem https://example.org/a và <https://a.vn/b>.",
        "Theo Chỉ thị số 11-CT/TU ngày 13/4/2007.",
        "<div class=\"hop\">khối HTML</div>",
        "Dòng có <span>HTML</span> nội tuyến.",
        "<!-- more -->",
        "\"Trích dẫn\" và 'nháy đơn', gạch -- dài --- và ba chấm...",
        "Kính thưa các đồng chí!",
        "> Trích đoạn\n> nhiều dòng",
        "Ngắt cứng  \nngay đây\\\ndòng sau",
        "Giữa {ngoặc nhọn} trong đoạn.",
        "Khuyến học, khuyến tài, xây dựng xã hội học tập tại tỉnh Sơn La.",
        "&amp; &copy; &#8212; \\* \\[",
        "- mục\n\n  đoạn trong mục",
        "***",
        "Dòng\tcó tab\u{a0}và khoảng trắng không ngắt",
    ];

    #[test]
    fn plain_text_kept_by_the_render_is_text_plain() {
        let targets = some_targets();
        let mut inputs: Vec<String> = FRAGMENTS.iter().map(|f| f.to_string()).collect();
        for a in FRAGMENTS {
            for b in FRAGMENTS {
                inputs.push(format!("{a}\n\n{b}"));
                inputs.push(format!("{a}\n{b}"));
            }
        }
        let mut seed = 15u64;
        for _ in 0..3000 {
            let mut text = String::new();
            seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            for _ in 0..1 + (seed >> 61) {
                seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                text.push_str(FRAGMENTS[(seed >> 33) as usize % FRAGMENTS.len()]);
                text.push_str(["\n\n", "\n", " ", "\n\n  "][(seed >> 20) as usize % 4]);
            }
            inputs.push(text);
        }
        let (mut kept, mut total) = (0, 0);
        for body in &inputs {
            let page = page_with(body);
            for (smart, others) in [(false, false), (true, true), (false, true)] {
                let options = crate::markup::Options {
                    smart_punctuation: smart,
                    autolinks: others,
                    heading_anchors: others,
                };
                let ext = Extensions { options, search_text: true, ..Extensions::default() };
                let (html, _) = render_with(&page, &targets, &ext);
                total += 1;
                let same = crate::search::text::same_parse(page.body(), smart);
                assert_eq!(html.plain.is_some(), same, "{body:?}");
                if let Some(plain) = html.plain {
                    kept += 1;
                    assert_eq!(plain, crate::search::text::plain(page.body()), "{body:?} smart {smart}");
                }
            }
        }
        // Most inputs take the fast path; the others are what the check is for.
        assert!(kept > total / 4 && kept < total, "{kept} of {total}");
    }

    #[test]
    fn no_plain_text_is_kept_without_a_search_index() {
        let (html, _) = render_with(&page_with("Mở đầu."), &some_targets(), &Extensions::default());
        assert_eq!(html.plain, None);
    }

    #[test]
    fn toc_nests_by_level() {
        let flat = vec![
            (2, "a".into(), "A".into()),
            (3, "b".into(), "B".into()),
            (3, "c".into(), "C".into()),
            (2, "d".into(), "D".into()),
        ];
        let toc = toc_tree(&flat);
        assert_eq!(toc.len(), 2);
        assert_eq!(toc[0].children.iter().map(|e| e.id.as_str()).collect::<Vec<_>>(), ["b", "c"]);
    }

    #[test]
    fn relative_paths_resolve_with_dot_dot() {
        assert_eq!(join("van-ban", "../tin-tuc/a.md").as_deref(), Some("tin-tuc/a.md"));
        assert_eq!(join("", "../a.md"), None);
    }

    #[test]
    fn schemes_are_external() {
        assert!(has_scheme("https://example.org"));
        assert!(has_scheme("mailto:a@b.vn"));
        assert!(!has_scheme("van-ban/a.md"));
        assert!(!has_scheme(":x"));
    }
}
