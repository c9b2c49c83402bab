//! Markdown options beyond CommonMark, applied inside the Markdown step: GFM autolinks
//! for bare web addresses, footnotes with ids that cannot clash with heading ids and a
//! back-link from each note, and `¶` anchor links on headings.

pub mod autolink;
pub mod footnotes;

use serde::{Deserialize, Serialize};

/// `markdown:` in `config.yaml`.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Options {
    /// "quotes" → “quotes”, -- → –, --- → —, ... → ….
    pub smart_punctuation: bool,
    /// Bare `https://…` and `www.…` addresses become links (as on GitHub).
    pub autolinks: bool,
    /// Each heading ends with a `¶` link to itself, for copying a link to a part of a page.
    pub heading_anchors: bool,
}

/// How every heading anchor starts: summaries, feeds and search text leave them out.
const ANCHOR_START: &str = " <a class=\"heading-anchor\"";

/// Is this inline HTML a heading's `¶` link (made by `heading_anchor`)?
pub fn is_heading_anchor(html: &str) -> bool {
    html.starts_with(ANCHOR_START)
}

/// The `¶` link put at the end of a heading whose id is `id`.
pub fn heading_anchor(id: &str, label: &str) -> String {
    let id = crate::render::engine::escape_html(id);
    let label = crate::render::engine::escape_html(label);
    format!("{ANCHOR_START} href=\"#{id}\" aria-label=\"{label}\">¶</a>")
}
