//! The code each fuzz target runs: one function per target, taking arbitrary bytes.
//! A target fails only by panicking (or overflowing the stack, or hanging): loa must
//! answer any input with output or a diagnostic.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use loa::load::Source;
use loa::markdown::LinkTargets;

/// Front matter + Markdown of one page: decode, parse, render.
pub fn front_matter_markdown(data: &[u8]) {
    let Ok(text) = loa::load::decode(data) else { return };
    let (text, _) = loa::load::clean(text, Path::new("content/x.md"), &mut Vec::new());
    let source = Source { rel: "tin-tuc/x.md".into(), shown: PathBuf::from("content/tin-tuc/x.md"), text };
    let mut diags = Vec::new();
    let Some(parsed) = loa::parse::parse(source, &mut diags) else { return };
    let targets = LinkTargets {
        by_source: HashMap::from([("tin-tuc/x.md".to_owned(), "/tin-tuc/x/".to_owned())]),
        urls: loa::markdown::UrlSet::from_iter(["/tin-tuc/x/".to_owned()]),
        drafts: HashSet::new(),
        documents: Default::default(),
        document_urls: HashMap::new(),
    };
    let _ = loa::markdown::render(&parsed, &targets);
    for d in &diags {
        let _ = d.to_string();
    }
}

/// `config.yaml`.
pub fn config(data: &[u8]) {
    let Ok(text) = loa::load::decode(data) else { return };
    if let Err(d) = loa::config::Config::parse(&text, Path::new("config.yaml")) {
        let _ = d.to_string();
    }
}

/// The speech normaliser and the reading script of a bulletin body.
pub fn speech(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let none = |_: &str| None;
    let opts = loa::speech::Options { dialect: Default::default(), abbreviations: &[], documents: &none };
    let _ = loa::speech::speak(&text, &opts);
    let _ = loa::bulletin::script::script(Some("Tiêu đề"), &text, &opts);
}

/// The small parsers: dates, document numbers, slugs, search folding, serve's paths.
pub fn small_parsers(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    if let Some(date) = loa::date::parse(&text) {
        for style in ["short", "long", "full", "weekday", "iso"] {
            let _ = loa::date::format(date, style);
        }
    }
    let _ = loa::document::number::parse(&text);
    let _ = loa::document::number::key(&text);
    let _ = loa::slug::slugify(&text);
    let _ = loa::search::fold::words(&text);
    let _ = loa::search::fold::fold(&text);
    let _ = loa::search::fold::number_key(&text);
    let _ = loa::resolve::checked_path(&text);
    let _ = loa::config::base_url_ok(&text);
    let _ = loa::config::link_url_ok(&text);
}

/// For the plain binaries (stable Rust): runs `target` on every file named on the
/// command line (folders: every file inside), or on standard input when none is.
pub fn run_files(target: fn(&[u8])) {
    let args: Vec<PathBuf> = std::env::args_os().skip(1).map(PathBuf::from).collect();
    if args.is_empty() {
        let mut data = Vec::new();
        let _ = std::io::Read::read_to_end(&mut std::io::stdin(), &mut data);
        target(&data);
        return;
    }
    for arg in args {
        let files: Vec<PathBuf> = if arg.is_dir() {
            std::fs::read_dir(&arg).into_iter().flatten().flatten().map(|e| e.path()).collect()
        } else {
            vec![arg]
        };
        for f in files {
            if let Ok(data) = std::fs::read(&f) {
                target(&data);
            }
        }
    }
}
