//! Diagnostics: problems found in the user's files, each tied to a place.
//!
//! Every stage collects `Diagnostic`s instead of stopping at the first one, so a
//! run reports all the problems of a site at once.

use std::fmt;
use std::path::{Path, PathBuf};

use crate::messages::{self, Msg};

/// How bad a problem is: errors fail the build, warnings are only printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
    /// Worth knowing, never a failure (shown by `check`).
    Note,
}

/// A problem at a known place in a source file (line and column are 1-based; 0 = unknown).
#[derive(Debug, Clone, serde::Serialize)]
pub struct Diagnostic {
    pub severity: Severity,
    pub path: PathBuf,
    pub line: usize,
    pub col: usize,
    pub message: String,
    /// The offending source line (a window of it around the problem), shown under the message.
    pub excerpt: Option<String>,
    /// Column of the caret within `excerpt` (1-based; 0: none).
    #[serde(skip)]
    pub caret: usize,
}

/// Characters of a long line shown on each side of the problem.
const EXCERPT_SIDE: usize = 60;

/// A window of `line` around character column `col` (1-based; 0: the start), with `…`
/// where it is cut; returns it with the caret's column within it.
fn window(line: &str, col: usize) -> (String, usize) {
    let at = col.saturating_sub(1);
    let from = at.saturating_sub(EXCERPT_SIDE);
    let mut chars = line.char_indices().skip(from);
    let start = chars.next().map_or(line.len(), |(i, _)| i);
    let end = line[start..].char_indices().nth(2 * EXCERPT_SIDE).map_or(line.len(), |(i, _)| start + i);
    let mut out = String::new();
    let mut caret = at - from + 1;
    if start > 0 {
        out.push('…');
        caret += 1;
    }
    out.push_str(&line[start..end]);
    if end < line.len() {
        out.push('…');
    }
    (out, if col == 0 { 0 } else { caret })
}

impl Diagnostic {
    pub fn error(path: impl AsRef<Path>, line: usize, col: usize, message: String) -> Self {
        Diagnostic {
            severity: Severity::Error,
            path: path.as_ref().to_path_buf(),
            line,
            col,
            message,
            excerpt: None,
            caret: 0,
        }
    }

    pub fn note(path: impl AsRef<Path>, line: usize, col: usize, message: String) -> Self {
        Diagnostic { severity: Severity::Note, ..Diagnostic::error(path, line, col, message) }
    }

    pub fn warning(path: impl AsRef<Path>, line: usize, col: usize, message: String) -> Self {
        Diagnostic { severity: Severity::Warning, ..Diagnostic::error(path, line, col, message) }
    }

    /// Attaches the source line `line` (1-based) of `text` as the excerpt: a window
    /// around the column when the line is long.
    pub fn with_excerpt_from(self, text: &str) -> Self {
        let line = if self.line > 0 { text.lines().nth(self.line - 1) } else { None };
        self.with_excerpt_line(line)
    }

    /// `with_excerpt_from` for many problems of one file: its lines are found once.
    pub fn with_excerpt_of(self, lines: &Lines) -> Self {
        let line = lines.line(self.line);
        self.with_excerpt_line(line)
    }

    fn with_excerpt_line(mut self, line: Option<&str>) -> Self {
        if self.line > 0 {
            if let Some(line) = line {
                let (excerpt, caret) = window(line, self.col);
                self.excerpt = Some(excerpt);
                self.caret = caret;
            }
        }
        self
    }

    /// Attaches a window of the line around byte `offset` of `text` as the excerpt, in
    /// time independent of the line's length (10,000 problems on one line stay cheap).
    pub fn with_excerpt_near(mut self, text: &str, offset: usize) -> Self {
        let mut offset = offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let before = &text[..offset];
        let reach = before.char_indices().rev().nth(EXCERPT_SIDE).map_or(0, |(i, _)| i);
        let start = before[reach..].rfind('\n').map_or(reach, |i| reach + i + 1);
        let after = &text[offset..];
        let reach = after.char_indices().nth(EXCERPT_SIDE).map_or(after.len(), |(i, _)| i);
        let end = offset + after[..reach].find('\n').unwrap_or(reach);
        let mut excerpt = String::new();
        if start > 0 && text.as_bytes()[start - 1] != b'\n' {
            excerpt.push('…');
        }
        excerpt.push_str(&text[start..end]);
        if end < text.len() && text.as_bytes()[end] != b'\n' {
            excerpt.push('…');
        }
        self.excerpt = Some(excerpt);
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // `path:line:col:` first so editors and terminals can jump to it.
        if !self.path.as_os_str().is_empty() {
            write!(f, "{}", self.path.display())?;
            if self.line > 0 {
                write!(f, ":{}", self.line)?;
                if self.col > 0 {
                    write!(f, ":{}", self.col)?;
                }
            }
            write!(f, ": ")?;
        }
        match self.severity {
            Severity::Warning => write!(f, "{}: ", messages::text(Msg::WarningLabel))?,
            Severity::Note => write!(f, "{}: ", messages::text(Msg::NoteLabel))?,
            Severity::Error => {}
        }
        write!(f, "{}", self.message)?;
        if let Some(excerpt) = &self.excerpt {
            let gutter = self.line.to_string();
            write!(f, "\n {gutter} | {excerpt}")?;
            if self.col > 0 && self.caret > 0 {
                let pad: String = excerpt
                    .chars()
                    .take(self.caret - 1)
                    .map(|c| if c == '\t' { '\t' } else { ' ' })
                    .collect();
                write!(f, "\n {} | {pad}^", " ".repeat(gutter.len()))?;
            }
        }
        Ok(())
    }
}

/// The error a run returns when the site itself has problems (exit status 1).
#[derive(Debug)]
pub struct SiteErrors(pub Vec<Diagnostic>);

impl fmt::Display for SiteErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let n = self.0.iter().filter(|d| d.is_error()).count();
        if n == 0 {
            // Only `--strict` fails a run without errors.
            let warnings = self.0.iter().filter(|d| d.severity == Severity::Warning).count();
            return write!(f, "{}", messages::text(Msg::BuildFailedStrict { warnings }));
        }
        write!(f, "{}", messages::text(Msg::BuildFailed { errors: n }))
    }
}

impl std::error::Error for SiteErrors {}

/// Sorts diagnostics by file and position so output is stable across parallel runs.
pub fn sort(diags: &mut [Diagnostic]) {
    diags.sort_by(|a, b| (&a.path, a.line, a.col, &a.message).cmp(&(&b.path, b.line, b.col, &b.message)));
}

/// How many files may show the same warning before the rest are summed up.
const SAME_WARNING_SHOWN: usize = 3;
/// How many problems of one file are shown before the rest are counted.
pub const PER_FILE_SHOWN: usize = 20;

/// For printing: at most `PER_FILE_SHOWN` problems of each file (diagnostics sorted by
/// file), then one line with how many more there are, so 10,000 broken links on one line
/// print 21 lines, not 10,000 copies of it.
pub fn cap_per_file(diags: Vec<Diagnostic>) -> Vec<Diagnostic> {
    capped(&diags).into_iter().map(Shown::owned).collect()
}

/// A diagnostic to print: one of the given ones, or a count made for printing.
enum Shown<'a> {
    Given(&'a Diagnostic),
    Made(Diagnostic),
}

impl Shown<'_> {
    fn get(&self) -> &Diagnostic {
        match self {
            Shown::Given(d) => d,
            Shown::Made(d) => d,
        }
    }

    fn owned(self) -> Diagnostic {
        match self {
            Shown::Given(d) => d.clone(),
            Shown::Made(d) => d,
        }
    }
}

/// `cap_per_file` on borrowed diagnostics: only what is printed is ever copied (a build
/// of 10,000 pages can have 50,000 warnings).
fn capped<'a>(diags: impl IntoIterator<Item = &'a Diagnostic>) -> Vec<Shown<'a>> {
    let mut out = Vec::new();
    let mut shown = 0;
    let mut hidden = 0;
    let mut current: Option<&Path> = None;
    let flush = |out: &mut Vec<Shown>, path: Option<&Path>, hidden: usize| {
        if let (Some(path), true) = (path, hidden > 0) {
            let message = messages::text(Msg::MoreInFile { count: hidden });
            out.push(Shown::Made(Diagnostic::error(path, 0, 0, message)));
        }
    };
    for d in diags {
        if d.path.as_os_str().is_empty() || current != Some(d.path.as_path()) {
            flush(&mut out, current, hidden);
            current = (!d.path.as_os_str().is_empty()).then_some(d.path.as_path());
            (shown, hidden) = (0, 0);
        }
        shown += 1;
        if shown <= PER_FILE_SHOWN || current.is_none() {
            out.push(Shown::Given(d));
        } else {
            hidden += 1;
        }
    }
    flush(&mut out, current, hidden);
    out
}

/// The line that counts the copies of a warning left out of printing.
fn same_elsewhere(severity: Severity, count: usize) -> Diagnostic {
    let message = messages::text(Msg::SameElsewhere { count });
    Diagnostic { severity, path: PathBuf::new(), line: 0, col: 0, message, excerpt: None, caret: 0 }
}

/// For printing: a warning repeated in many files (a front-matter key used everywhere)
/// is shown a few times, then counted, so it does not bury the rest. Errors are all kept.
pub fn collapse<'a>(diags: impl IntoIterator<Item = &'a Diagnostic>) -> Vec<Diagnostic> {
    let capped = capped(diags);
    let mut seen: std::collections::HashMap<(&str, Severity), usize> = std::collections::HashMap::new();
    let mut out: Vec<&Shown> = Vec::new();
    // (where the count goes in `out`, how many were left out)
    let mut hidden: Vec<(usize, usize)> = Vec::new();
    for s in &capped {
        let d = s.get();
        if d.is_error() {
            out.push(s);
            continue;
        }
        let n = seen.entry((d.message.as_str(), d.severity)).or_insert(0);
        *n += 1;
        if *n <= SAME_WARNING_SHOWN {
            out.push(s);
            if *n == SAME_WARNING_SHOWN {
                hidden.push((out.len(), 0));
            }
        } else if let Some(h) = hidden.iter_mut().find(|(at, _)| out[at - 1].get().message == d.message) {
            h.1 += 1;
        }
    }
    let mut counts = hidden.into_iter().filter(|(_, c)| *c > 0).peekable();
    let mut printed = Vec::with_capacity(out.len());
    for (i, s) in out.into_iter().enumerate() {
        let d = s.get();
        printed.push(d.clone());
        // The count goes after the last shown copy.
        if let Some((_, count)) = counts.next_if(|(at, _)| *at == i + 1) {
            printed.push(same_elsewhere(d.severity, count));
        }
    }
    printed
}

/// The lines of a file, split once when first asked (for excerpts of many problems).
pub struct Lines<'a> {
    text: &'a str,
    lines: std::cell::OnceCell<Vec<&'a str>>,
}

impl<'a> Lines<'a> {
    pub fn new(text: &'a str) -> Lines<'a> {
        Lines { text, lines: std::cell::OnceCell::new() }
    }

    /// Line `n` (1-based), as `text.lines().nth(n - 1)` gives it.
    pub fn line(&self, n: usize) -> Option<&'a str> {
        let n = n.checked_sub(1)?;
        self.lines.get_or_init(|| self.text.lines().collect()).get(n).copied()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repeated_warnings_are_counted_after_three() {
        let w = |file: &str, msg: &str| Diagnostic::warning(file, 1, 1, msg.to_owned());
        let mut diags: Vec<Diagnostic> = (0..10).map(|i| w(&format!("content/{i}.md"), "same")).collect();
        diags.push(w("content/x.md", "other"));
        diags.push(Diagnostic::error("content/y.md", 1, 1, "same".into()));
        let shown = collapse(&diags);
        let messages: Vec<&str> = shown.iter().map(|d| d.message.as_str()).collect();
        assert_eq!(messages.len(), 6, "{messages:?}");
        assert_eq!(&messages[..3], ["same", "same", "same"]);
        assert!(messages[3].contains('7'), "{messages:?}");
        assert_eq!(&messages[4..], ["other", "same"]);
    }

    /// The first `collapse`, which copied every diagnostic: what the borrowing one must print.
    fn collapse_by_copying(diags: &[Diagnostic]) -> Vec<Diagnostic> {
        let capped = cap_per_file(diags.to_vec());
        let mut seen: std::collections::HashMap<(&str, Severity), usize> = std::collections::HashMap::new();
        let mut out: Vec<Diagnostic> = Vec::new();
        let mut hidden: Vec<(usize, usize)> = Vec::new();
        for d in &capped {
            if d.is_error() {
                out.push(d.clone());
                continue;
            }
            let n = seen.entry((d.message.as_str(), d.severity)).or_insert(0);
            *n += 1;
            if *n <= SAME_WARNING_SHOWN {
                out.push(d.clone());
                if *n == SAME_WARNING_SHOWN {
                    hidden.push((out.len(), 0));
                }
            } else if let Some(h) = hidden.iter_mut().find(|(at, _)| out[at - 1].message == d.message) {
                h.1 += 1;
            }
        }
        for (at, count) in hidden.into_iter().rev().filter(|(_, c)| *c > 0) {
            out.insert(at, same_elsewhere(out[at - 1].severity, count));
        }
        out
    }

    #[test]
    fn collapse_without_copying_prints_what_copying_printed() {
        let shown = |ds: &[Diagnostic]| -> Vec<String> {
            ds.iter()
                .map(|d| format!("{:?} {} {}:{} {}", d.severity, d.path.display(), d.line, d.col, d.message))
                .collect()
        };
        // Many sites' worth of mixes: per-file caps, repeats across files, errors, notes,
        // diagnostics without a file, in sorted order as builds print them.
        let mut seed = 7u64;
        let mut next = |n: u64| {
            seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            (seed >> 33) % n
        };
        for _ in 0..300 {
            let mut diags = Vec::new();
            for _ in 0..next(120) {
                let file = if next(10) == 0 { String::new() } else { format!("content/{}.md", next(6)) };
                let msg = format!("message {}", next(4));
                let line = next(40) as usize;
                diags.push(match next(5) {
                    0 => Diagnostic::error(&file, line, 1, msg),
                    1 => Diagnostic::note(&file, line, 1, msg),
                    _ => Diagnostic::warning(&file, line, 1, msg),
                });
            }
            sort(&mut diags);
            assert_eq!(shown(&collapse(&diags)), shown(&collapse_by_copying(&diags)));
        }
    }
}
