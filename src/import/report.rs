//! The report of an import: each finding placed at its line in the written page, so
//! staff can jump there (`content/van-ban/x.md:31:12: warning: …`).

use std::path::Path;

use super::checks::Finding;
use crate::error::{Diagnostic, Severity};
use crate::messages::{lang, Lang};

/// The findings as diagnostics on the page `shown`, whose text is `page`.
pub fn diagnostics(shown: &Path, page: &str, findings: &[Finding]) -> Vec<Diagnostic> {
    // Past the front matter first: its comments repeat the messages.
    let body_at = page.match_indices("\n---\n").next().map_or(0, |(i, _)| i + 5);
    let mut out: Vec<Diagnostic> = findings
        .iter()
        .map(|f| {
            let at = page[body_at..].find(&f.snippet).map(|i| i + body_at).or_else(|| {
                // In the front matter: on a line that is not a comment.
                let mut offset = 0;
                page.split_inclusive('\n').find_map(|line| {
                    let start = offset;
                    offset += line.len();
                    (!line.trim_start().starts_with('#'))
                        .then(|| line.find(&f.snippet).map(|i| start + i))
                        .flatten()
                })
            });
            let (line, col) = match at {
                Some(i) => {
                    let before = &page[..i];
                    let line = before.matches('\n').count() + 1;
                    let col = before.rsplit('\n').next().map_or(0, |s| s.chars().count()) + 1;
                    (line, col)
                }
                None => (0, 0),
            };
            let message = if lang() == Lang::Vi { f.message.0.clone() } else { f.message.1.clone() };
            let d = match f.severity {
                Severity::Note => Diagnostic::note(shown, line, col, message),
                _ => Diagnostic::warning(shown, line, col, message),
            };
            d.with_excerpt_from(page)
        })
        .collect();
    out.sort_by_key(|d| (d.line, d.col));
    out
}
