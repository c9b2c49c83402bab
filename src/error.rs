//! Diagnostics: problems found in the user's files, each tied to a place.
//!
//! Every stage collects `Diagnostic`s instead of stopping at the first one, so a
//! run reports all the problems of a site at once.

use std::fmt;
use std::path::{Path, PathBuf};

use crate::messages::{self, Msg};

/// How bad a problem is: errors fail the build, warnings are only printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
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
    /// The offending source line, shown under the message.
    pub excerpt: Option<String>,
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
        }
    }

    pub fn note(path: impl AsRef<Path>, line: usize, col: usize, message: String) -> Self {
        Diagnostic { severity: Severity::Note, ..Diagnostic::error(path, line, col, message) }
    }

    pub fn warning(path: impl AsRef<Path>, line: usize, col: usize, message: String) -> Self {
        Diagnostic { severity: Severity::Warning, ..Diagnostic::error(path, line, col, message) }
    }

    /// Attaches the source line `line` (1-based) of `text` as the excerpt.
    pub fn with_excerpt_from(mut self, text: &str) -> Self {
        if self.line > 0 {
            self.excerpt = text.lines().nth(self.line - 1).map(str::to_owned);
        }
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // `path:line:col:` first so editors and terminals can jump to it.
        write!(f, "{}", self.path.display())?;
        if self.line > 0 {
            write!(f, ":{}", self.line)?;
            if self.col > 0 {
                write!(f, ":{}", self.col)?;
            }
        }
        write!(f, ": ")?;
        match self.severity {
            Severity::Warning => write!(f, "{}: ", messages::text(Msg::WarningLabel))?,
            Severity::Note => write!(f, "{}: ", messages::text(Msg::NoteLabel))?,
            Severity::Error => {}
        }
        write!(f, "{}", self.message)?;
        if let Some(excerpt) = &self.excerpt {
            let gutter = self.line.to_string();
            write!(f, "\n {gutter} | {excerpt}")?;
            if self.col > 0 {
                let pad: String =
                    excerpt.chars().take(self.col - 1).map(|c| if c == '\t' { '\t' } else { ' ' }).collect();
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
        write!(f, "{}", messages::text(Msg::BuildFailed { errors: n }))
    }
}

impl std::error::Error for SiteErrors {}

/// Sorts diagnostics by file and position so output is stable across parallel runs.
pub fn sort(diags: &mut [Diagnostic]) {
    diags.sort_by(|a, b| (&a.path, a.line, a.col, &a.message).cmp(&(&b.path, b.line, b.col, &b.message)));
}
