//! Load stage: walk `content/` and read every Markdown file as NFC text.
//!
//! Input: the content folder. Output: `Source`s (Markdown text with a path relative
//! to `content/`) and the other files found there, which are copied as they are.

use std::path::{Path, PathBuf};

use rayon::prelude::*;
use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};
use walkdir::WalkDir;

use crate::error::Diagnostic;
use crate::messages::{self, Msg};

/// One Markdown file of the site.
#[derive(Debug, Clone)]
pub struct Source {
    /// Path relative to `content/`, with `/` separators and NFC names.
    pub rel: String,
    /// Path as shown in messages (relative to the site root).
    pub shown: PathBuf,
    /// The text: UTF-8, NFC, `\n` line ends, no BOM.
    pub text: String,
}

/// Everything found under `content/`.
#[derive(Debug, Default)]
pub struct Loaded {
    pub sources: Vec<Source>,
    /// Non-Markdown files: (path relative to `content/`, absolute path).
    pub assets: Vec<(String, PathBuf)>,
}

/// Walks `root/content` and reads every Markdown file; problems are collected, not fatal.
pub fn load(root: &Path, diags: &mut Vec<Diagnostic>) -> Loaded {
    let content = root.join("content");
    let mut md = Vec::new();
    let mut assets = Vec::new();
    // Without `content/` a build would replace the site with an empty one.
    if !content.is_dir() {
        let root_shown = root.display().to_string();
        let msg = if content.exists() {
            Msg::ContentNotFolder { root: &root_shown }
        } else {
            Msg::ContentMissing { root: &root_shown }
        };
        diags.push(Diagnostic::error("content", 0, 0, messages::text(msg)));
        return Loaded::default();
    }
    // A `content` link that leads outside would be skipped: that is no content at all.
    let mut found = Vec::new();
    let files = files(root, &content, &mut found);
    for d in found {
        let top = d.path == Path::new("content");
        diags.push(if top { Diagnostic { severity: crate::error::Severity::Error, ..d } } else { d });
    }
    for (rel, path) in files {
        if rel.ends_with(".md") {
            md.push((rel, path));
        } else if is_other_markdown(&rel) {
            // `.MD`, `.markdown`: neither a page nor a file to publish as it is.
            let msg = messages::text(Msg::MarkdownExtension { path: &rel });
            diags.push(Diagnostic::warning(shown(root, &path), 0, 0, msg));
        } else {
            assets.push((rel, path));
        }
    }
    let results: Vec<Result<(Source, Vec<Diagnostic>), Diagnostic>> =
        md.into_par_iter().map(|(rel, path)| read_source(root, rel, &path)).collect();
    let mut sources = Vec::with_capacity(results.len());
    for r in results {
        match r {
            Ok((s, warnings)) => {
                sources.push(s);
                diags.extend(warnings);
            }
            Err(d) => diags.push(d),
        }
    }
    Loaded { sources, assets }
}

/// Every file under `dir` (a folder of the site, or a link to one) that is not an editor
/// leftover: (path relative to `dir` with `/` and NFC names, path on disk), sorted.
///
/// One rule for links, in `content/`, `static/`, `templates/` and themes alike: a link
/// is followed when it leads inside the site root, and skipped with a warning when it
/// leads outside (`static -> /etc` must not publish `/etc/shadow`) or nowhere.
pub fn files(root: &Path, dir: &Path, diags: &mut Vec<Diagnostic>) -> Vec<(String, PathBuf)> {
    let site = std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
    let mut skipped = Vec::new();
    let mut out = Vec::new();
    let walker = WalkDir::new(dir).follow_links(true).sort_by_file_name().into_iter().filter_entry(|e| {
        if e.depth() > 0 && is_ignored(e.file_name().to_string_lossy().as_ref()) {
            return false;
        }
        if !e.path_is_symlink() {
            return true;
        }
        match std::fs::canonicalize(e.path()) {
            Ok(target) if target.starts_with(&site) => true,
            target => {
                let target = target.map(|t| t.display().to_string()).unwrap_or_else(|_| {
                    std::fs::read_link(e.path()).map(|t| t.display().to_string()).unwrap_or_default()
                });
                skipped.push((shown(root, e.path()), target));
                false
            }
        }
    });
    for entry in walker {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                let path = e.path().map(|p| shown(root, p)).unwrap_or_default();
                diags.push(Diagnostic::error(path, 0, 0, e.to_string()));
                continue;
            }
        };
        if !entry.file_type().is_file() {
            continue;
        }
        let Ok(rel) = entry.path().strip_prefix(dir) else {
            continue;
        };
        out.push((rel_string(rel), entry.into_path()));
    }
    for (link, target) in skipped {
        let msg = messages::text(Msg::LinkOutside { link: &link.display().to_string(), target: &target });
        diags.push(Diagnostic::warning(link, 0, 0, msg));
    }
    out
}

/// Names of editor and office leftovers: never content, never published.
const LEFTOVER_PREFIXES: &[&str] = &[".", "~$", "#"];
const LEFTOVER_SUFFIXES: &[&str] =
    &["~", ".swp", ".swo", ".swx", ".tmp", ".bak", ".orig", ".crdownload", ".part"];
const LEFTOVER_NAMES: &[&str] = &["Thumbs.db", "desktop.ini", "4913"];

/// Editor leftovers and hidden files are not content.
pub fn is_ignored(name: &str) -> bool {
    let lower = name.to_lowercase();
    LEFTOVER_PREFIXES.iter().any(|p| name.starts_with(p))
        || LEFTOVER_SUFFIXES.iter().any(|s| lower.ends_with(s))
        || LEFTOVER_NAMES.iter().any(|n| name.eq_ignore_ascii_case(n))
}

/// Markdown that loa does not read as a page (`.MD`, `.Md`, `.markdown`, `.mdown`).
fn is_other_markdown(rel: &str) -> bool {
    let lower = rel.to_lowercase();
    [".md", ".markdown", ".mdown", ".mkd"].iter().any(|e| lower.ends_with(e))
}

fn rel_string(rel: &Path) -> String {
    let parts: Vec<String> = rel.components().map(|c| nfc(&c.as_os_str().to_string_lossy())).collect();
    parts.join("/")
}

/// The path relative to the site root, for messages.
pub fn shown(root: &Path, path: &Path) -> PathBuf {
    path.strip_prefix(root).unwrap_or(path).to_path_buf()
}

/// Reads one Markdown file of `content/` as `load` does (for `serve`'s rebuilds).
pub(crate) fn read_one(root: &Path, rel: &str) -> Result<(Source, Vec<Diagnostic>), Diagnostic> {
    let path = root.join("content").join(rel);
    read_source(root, rel.to_owned(), &path)
}

/// The order `load` returns files in: by folder, then name (a folder's files before
/// the files after it in name order, as a sorted walk gives them).
pub(crate) fn walk_order(a: &str, b: &str) -> std::cmp::Ordering {
    a.split('/').cmp(b.split('/'))
}

fn read_source(root: &Path, rel: String, path: &Path) -> Result<(Source, Vec<Diagnostic>), Diagnostic> {
    let shown = shown(root, path);
    let bytes = std::fs::read(path).map_err(|e| {
        let what = messages::text(Msg::ReadFailed { path: &shown.display().to_string() });
        Diagnostic::error(&shown, 0, 0, format!("{what}: {e}"))
    })?;
    let text = decode(&bytes)
        .map_err(|line| Diagnostic::error(&shown, line, 0, messages::text(Msg::NotUtf8 { line })))?;
    let mut warnings = Vec::new();
    let (text, _) = clean(text, &shown, &mut warnings);
    Ok((Source { rel, shown, text }, warnings))
}

/// Decodes user text: strips a BOM, requires UTF-8, turns CRLF/CR into LF, normalises to NFC.
/// On invalid UTF-8 returns the 1-based line of the first bad byte.
pub fn decode(bytes: &[u8]) -> Result<String, usize> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    // Vietnamese text is mostly multi-byte: the SIMD check is several times faster than
    // the standard one there; only a failure needs the standard one's error position.
    let text = match simdutf8::basic::from_utf8(bytes) {
        Ok(text) => text,
        Err(_) => std::str::from_utf8(bytes)
            .map_err(|e| 1 + bytes[..e.valid_up_to()].iter().filter(|&&b| b == b'\n').count())?,
    };
    let text =
        if text.contains('\r') { text.replace("\r\n", "\n").replace('\r', "\n") } else { text.to_owned() };
    Ok(if is_nfc(&text) { text } else { text.nfc().collect() })
}

/// Characters XML 1.0 forbids (C0 controls but tab and line feed, U+FFFE, U+FFFF) and
/// the other C1/C0 controls HTML must not carry. A vertical tab (Word's manual line
/// break) and a form feed become spaces; the others are removed.
fn forbidden(c: char) -> bool {
    (c < ' ' && c != '\t' && c != '\n')
        || ('\u{7f}'..='\u{9f}').contains(&c)
        || c == '\u{FFFE}'
        || c == '\u{FFFF}'
}

/// `text` without forbidden characters; when there were some, a warning for `shown`
/// at the line of the first one.
pub fn clean(text: String, shown: &Path, warnings: &mut Vec<Diagnostic>) -> (String, usize) {
    if !has_forbidden(&text) {
        return (text, 0);
    }
    let first = text.find(forbidden).unwrap_or(0);
    let line = 1 + text[..first].bytes().filter(|&b| b == b'\n').count();
    let example = format!("U+{:04X}", text[first..].chars().next().map_or(0, u32::from));
    let mut count = 0;
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if forbidden(c) {
            count += 1;
            if c == '\u{0B}' || c == '\u{0C}' {
                out.push(' ');
            }
        } else {
            out.push(c);
        }
    }
    let msg = messages::text(Msg::ControlChars { count, example: &example });
    warnings.push(Diagnostic::warning(shown, line, 0, msg));
    (out, count)
}

/// `text.contains(forbidden)` on bytes, without decoding characters (every file is
/// checked; almost none has any): C0 controls and DEL are single bytes, C1 controls are
/// `C2 80`–`C2 9F`, U+FFFE and U+FFFF are `EF BF BE` and `EF BF BF`.
fn has_forbidden(text: &str) -> bool {
    let b = text.as_bytes();
    // Branch-free over blocks (so it is vectorised); the exact rule only for a block
    // with a byte that may start a forbidden character.
    let suspect =
        |c: u8| ((c < 0x20) & (c != b'\t') & (c != b'\n')) | (c == 0x7F) | (c == 0xC2) | (c == 0xEF);
    let exact = |i: usize| match b[i] {
        b'\t' | b'\n' => false,
        0..=0x1F | 0x7F => true,
        0xC2 => b.get(i + 1).is_some_and(|n| (0x80..=0x9F).contains(n)),
        0xEF => b.get(i + 1) == Some(&0xBF) && matches!(b.get(i + 2), Some(0xBE | 0xBF)),
        _ => false,
    };
    const BLOCK: usize = 64;
    b.chunks(BLOCK).enumerate().any(|(k, block)| {
        block.iter().fold(false, |any, &c| any | suspect(c))
            && (k * BLOCK..k * BLOCK + block.len()).any(exact)
    })
}

/// NFC form of `s`, skipping the work when it is already NFC (the common case).
pub fn nfc(s: &str) -> String {
    if is_nfc(s) {
        s.to_owned()
    } else {
        s.nfc().collect()
    }
}

/// Is `s` already NFC? Vietnamese text is nearly all `always_nfc` letters, which need no
/// table lookup; anything else gets the full quick check.
fn is_nfc(s: &str) -> bool {
    all_always_nfc(s) || matches!(is_nfc_quick(s.chars()), IsNormalized::Yes)
}

/// `s.chars().all(always_nfc)` on the UTF-8 bytes, without decoding characters (every
/// input file is checked). In valid UTF-8 only lead bytes decide: `CC`–`E0` and `E2`
/// and up start other characters; `E1 BA A0`–`E1 BB B9` are U+1EA0–U+1EF9. The rule
/// holds at every byte, so it is checked branch-free over blocks (vectorised).
fn all_always_nfc(s: &str) -> bool {
    let b = s.as_bytes();
    let other = |c: u8, n1: u8, n2: u8| {
        ((c >= 0xCC) & (c != 0xE1))
            | ((c == 0xE1) & !(((n1 == 0xBA) & (n2 >= 0xA0)) | ((n1 == 0xBB) & (n2 <= 0xB9))))
    };
    const BLOCK: usize = 64;
    let mut i = 0;
    // Each block with the two bytes after it, as an array: no bounds checks inside.
    while let Some(w) = b.get(i..i + BLOCK + 2).and_then(|w| <&[u8; BLOCK + 2]>::try_from(w).ok()) {
        if (0..BLOCK).fold(false, |any, k| any | other(w[k], w[k + 1], w[k + 2])) {
            return false;
        }
        i += BLOCK;
    }
    let at = |k: usize| b.get(k).copied().unwrap_or(0);
    !(i..b.len()).any(|k| other(b[k], at(k + 1), at(k + 2)))
}

/// Letters that are NFC whatever surrounds them (combining class 0, never composed
/// with what follows): Latin below the combining marks, and the precomposed Vietnamese
/// letters (U+1EA0–U+1EF9 "ạ…ỹ"). Checked against the Unicode tables in a test; the
/// build checks the same rule on bytes (`all_always_nfc`).
#[cfg(test)]
fn always_nfc(c: char) -> bool {
    (c as u32) < 0x300 || ('\u{1EA0}'..='\u{1EF9}').contains(&c)
}

#[cfg(test)]
mod tests {
    use super::decode;

    #[test]
    fn forbidden_characters_are_found_on_bytes_as_on_chars() {
        let samples = [
            "Hòa bình\tx\n",
            "a\u{7}b",
            "\u{7f}",
            "\u{85}ạ",
            "\u{9f}",
            "\u{a0}ơ",
            "x\u{fffe}",
            "\u{ffff}",
            "\u{fffd}\u{ff0f}",
            "\u{c0}\u{80}",
        ];
        for s in samples {
            assert_eq!(super::has_forbidden(s), s.contains(super::forbidden), "{s:?}");
        }
        // Across the edge of a block of bytes.
        for at in 55..70 {
            for (c, bad) in [('\u{fffe}', true), ('\u{fffd}', false), ('\u{85}', true), ('\u{a0}', false)] {
                let s = format!("{}{c}{}", "ạ".repeat(at / 3) + &"a".repeat(at % 3), "b".repeat(100));
                assert_eq!(super::has_forbidden(&s), bad, "{c:?} at {at}");
            }
        }
        for c in (0..0x11000u32).filter_map(char::from_u32) {
            let s = format!("a{c}b");
            assert_eq!(super::has_forbidden(&s), s.contains(super::forbidden), "{c:?}");
        }
    }

    #[test]
    fn bom_crlf_and_nfd_are_cleaned() {
        let input = "\u{FEFF}title: Ho\u{0300}a\r\nx\r\n".as_bytes();
        assert_eq!(decode(input).unwrap(), "title: Hòa\nx\n");
    }

    #[test]
    fn always_nfc_letters_are_nfc_next_to_anything() {
        use unicode_normalization::char::canonical_combining_class;
        use unicode_normalization::UnicodeNormalization;
        let fast: Vec<char> =
            (0..0x1F00u32).filter_map(char::from_u32).filter(|&c| super::always_nfc(c)).collect();
        assert!(fast.len() > 800, "{}", fast.len());
        for &c in &fast {
            // Quick-check "yes" with combining class 0 for every letter means a string
            // of them is NFC: that is what `is_nfc` relies on.
            assert_eq!(canonical_combining_class(c), 0, "{c:?}");
            assert!(
                matches!(unicode_normalization::is_nfc_quick(std::iter::once(c)), super::IsNormalized::Yes),
                "{c:?}"
            );
            // Nothing in the fast set composes with a following fast letter or with itself.
            for next in ['a', 'ạ', c] {
                let s: String = [c, next].iter().collect();
                assert_eq!(s.nfc().collect::<String>(), s, "{c:?}{next:?}");
            }
            assert_eq!(c.to_string().nfc().collect::<String>(), c.to_string(), "{c:?}");
        }
    }

    #[test]
    fn always_nfc_is_checked_on_bytes_as_on_chars() {
        // Every character alone, in the short tail, and in a block and across the edge
        // of one (64 bytes, with two bytes looked at after it).
        let fast = |s: &str| s.chars().all(super::always_nfc);
        for c in (0..0x11000u32).filter_map(char::from_u32) {
            let mut samples = vec![c.to_string(), format!("ab{c}cd")];
            for before in [0, 61, 62, 63, 64] {
                samples.push(format!("{}{c}{}", "a".repeat(before), "ạ".repeat(30)));
            }
            for s in samples {
                assert_eq!(super::all_always_nfc(&s), fast(&s), "{c:?} in {s:?}");
            }
        }
    }

    #[test]
    fn decomposed_vietnamese_is_still_composed() {
        // "ệ" as e + circumflex + dot below, after fast-path letters.
        assert_eq!(decode("Việt Nam Vie\u{0302}\u{0323}t".as_bytes()).unwrap(), "Việt Nam Việt");
    }

    #[test]
    fn invalid_utf8_reports_the_line() {
        // "Sơn La" in Windows-1258-like bytes on line 2.
        let input = b"---\ntitle: S\xF5n La\n---\n";
        assert_eq!(decode(input), Err(2));
    }
}
