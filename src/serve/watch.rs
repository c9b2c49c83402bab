//! Watches the site's folders and sorts what changed into kinds of rebuild.
//!
//! Editors save in many ways (write in place, write a temporary file and rename it,
//! Vim's swap and `4913` probe files, several events per save); the events of one save
//! come within a millisecond or two, so a batch closes after a short quiet time, and
//! the checks below ignore files that are not part of the site.

use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, RecvTimeoutError, Sender};
use std::time::{Duration, Instant};

use notify_debouncer_full::notify::event::{AccessKind, AccessMode};
use notify_debouncer_full::notify::{self, EventKind, RecommendedWatcher, RecursiveMode, Watcher};

/// Quiet time after an event before the batch is rebuilt: the events of one save
/// (an atomic save's write, close and rename) come closer together than this.
pub const QUIET: Duration = Duration::from_millis(8);
/// A batch is rebuilt at the latest this long after its first event, however busy
/// the folder (a `git checkout` writing files for seconds still shows progress).
pub const LONGEST: Duration = Duration::from_millis(100);

/// What a batch of file events asks for.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Change {
    /// Markdown files under `content/` (relative to it) that were edited, added or removed.
    pub content: BTreeSet<String>,
    /// Stylesheets under `static/` or a theme's `static/` (only CSS changed).
    pub css: BTreeSet<String>,
    /// Anything else: config, templates, other static files, files added or removed.
    pub full: bool,
}

impl Change {
    pub fn is_empty(&self) -> bool {
        self.content.is_empty() && self.css.is_empty() && !self.full
    }
}

/// The site's folders being watched.
pub struct Watch {
    watcher: RecommendedWatcher,
    root: PathBuf,
    /// Source folder → the folder (device, inode) watched there.
    watched: HashMap<PathBuf, (u64, u64)>,
}

/// The folders whose every file is watched.
const FOLDERS: [&str; 6] = ["content", "templates", "themes", "static", "data", "i18n"];

/// Starts watching `root`; each batch of changed paths is sent to `tx`.
pub fn start(root: &Path, tx: Sender<Vec<PathBuf>>) -> notify::Result<Watch> {
    let (raw, events) = mpsc::channel::<Vec<PathBuf>>();
    let mut watcher = notify::recommended_watcher(move |result: notify::Result<notify::Event>| {
        let Ok(event) = result else { return };
        // Reading a file is not changing it (our own rebuild reads every file).
        if matches!(event.kind, EventKind::Access(a) if a != AccessKind::Close(AccessMode::Write)) {
            return;
        }
        if !event.paths.is_empty() {
            let _ = raw.send(event.paths);
        }
    })?;
    std::thread::spawn(move || batches(&events, &tx));
    // The root itself only for config.yaml and folders coming and going: not
    // recursively, so `public/` is not watched.
    watcher.watch(root, RecursiveMode::NonRecursive)?;
    let mut watch = Watch { watcher, root: root.to_path_buf(), watched: HashMap::new() };
    watch.refresh();
    Ok(watch)
}

/// Groups events into batches: a batch ends after `QUIET` without events, or `LONGEST`
/// after its first one.
fn batches(events: &mpsc::Receiver<Vec<PathBuf>>, tx: &Sender<Vec<PathBuf>>) {
    while let Ok(mut paths) = events.recv() {
        let first = Instant::now();
        loop {
            let left = LONGEST.saturating_sub(first.elapsed());
            if left.is_zero() {
                break;
            }
            match events.recv_timeout(QUIET.min(left)) {
                Ok(more) => paths.extend(more),
                Err(RecvTimeoutError::Timeout) => break,
                Err(RecvTimeoutError::Disconnected) => break,
            }
        }
        let mut seen = std::collections::HashSet::new();
        paths.retain(|p| seen.insert(p.clone()));
        if tx.send(paths).is_err() {
            return;
        }
    }
}

impl Watch {
    /// Watches source folders created since the last call, and folders replaced by a new
    /// one of the same name (as `git checkout` does): a watch follows the old folder.
    pub fn refresh(&mut self) {
        for dir in FOLDERS {
            let path = self.root.join(dir);
            let now = folder_id(&path);
            if now == self.watched.get(&path).copied() {
                continue;
            }
            if self.watched.remove(&path).is_some() {
                let _ = self.watcher.unwatch(&path);
            }
            if let Some(id) = now {
                if self.watcher.watch(&path, RecursiveMode::Recursive).is_ok() {
                    self.watched.insert(path, id);
                }
            }
        }
    }
}

/// The (device, inode) of a folder, or `None` when there is none.
fn folder_id(path: &Path) -> Option<(u64, u64)> {
    let meta = std::fs::metadata(path).ok().filter(|m| m.is_dir())?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        Some((meta.dev(), meta.ino()))
    }
    #[cfg(not(unix))]
    {
        let _ = meta;
        Some((0, 0))
    }
}

/// Editor leftovers and hidden files never change the site.
fn ignored(name: &str) -> bool {
    crate::load::is_ignored(name)
}

/// Sorts changed paths; `known` tells whether a content file was part of the last build.
pub fn classify(
    root: &Path,
    paths: &[PathBuf],
    known: &dyn Fn(&str) -> bool,
    known_folder: &dyn Fn(&str) -> bool,
) -> Change {
    let mut change = Change::default();
    for path in paths {
        let Ok(rel) = path.strip_prefix(root) else { continue };
        let name = rel.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        if rel.components().any(|c| ignored(&c.as_os_str().to_string_lossy())) || ignored(&name) {
            continue;
        }
        let parts: Vec<String> =
            rel.components().map(|c| crate::load::nfc(&c.as_os_str().to_string_lossy())).collect();
        match parts.first().map(String::as_str) {
            // config.yaml, config.yml and overlays such as config.production.yaml.
            Some(n)
                if parts.len() == 1
                    && n.starts_with("config.")
                    && (n.ends_with(".yaml") || n.ends_with(".yml")) =>
            {
                change.full = true
            }
            // Data files are read by templates (`load_data`), theme strings by every page
            // (`trans`): everything may show them.
            Some("data" | "i18n") => change.full = true,
            // A source folder made, removed or replaced whole.
            Some("content" | "templates" | "themes" | "static") if parts.len() == 1 => change.full = true,
            Some("content") if parts.len() > 1 => {
                let inner = parts[1..].join("/");
                // A folder changes when its entries do; those come as their own events.
                // Only a folder new to the site (moved in whole) needs a full build.
                if path.is_dir() {
                    let prefix = format!("{inner}/");
                    change.full |= !known_folder(&prefix);
                    continue;
                }
                // Markdown edited, added or removed (pages, `_index.md`, drafts) is
                // re-resolved from what the last build read; other files move things.
                if !inner.ends_with(".md") {
                    change.full = true;
                } else if path.is_file() || known(&inner) {
                    change.content.insert(inner);
                }
                // Else a Markdown file that neither exists nor was built: a removed temp file.
            }
            Some("static") if name.ends_with(".css") && path.is_file() => {
                change.css.insert(parts[1..].join("/"));
            }
            Some("themes")
                if name.ends_with(".css")
                    && path.is_file()
                    && parts.get(2).is_some_and(|p| p == "static") =>
            {
                change.css.insert(parts[3..].join("/"));
            }
            Some("templates" | "static" | "themes") => change.full = true,
            _ => {}
        }
    }
    change
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn editor_leftovers_are_ignored_and_kinds_are_sorted() {
        let dir = tempfile::tempdir().expect("tempdir");
        let root = dir.path();
        std::fs::create_dir_all(root.join("content/tin-tuc")).expect("mkdir");
        std::fs::write(root.join("content/tin-tuc/a.md"), "x").expect("write");
        std::fs::write(root.join("content/tin-tuc/new.md"), "x").expect("write");
        let known = |rel: &str| rel == "tin-tuc/a.md" || rel == "tin-tuc/gone.md";
        let folder = |prefix: &str| prefix == "tin-tuc/";
        let p = |rel: &str| root.join(rel);
        let c = classify(
            root,
            &[p("content/tin-tuc/a.md"), p("content/tin-tuc/.a.md.swp"), p("content/tin-tuc/4913")],
            &known,
            &folder,
        );
        assert_eq!(c, Change { content: ["tin-tuc/a.md".to_owned()].into(), ..Change::default() });
        let content = |rel: &str| Change { content: [rel.to_owned()].into(), ..Change::default() };
        let added = classify(root, &[p("content/tin-tuc/new.md")], &known, &folder);
        assert_eq!(added, content("tin-tuc/new.md"), "an added page is re-resolved, not a full build");
        let removed = classify(root, &[p("content/tin-tuc/gone.md")], &known, &folder);
        assert_eq!(removed, content("tin-tuc/gone.md"), "so is a removed one");
        assert!(classify(root, &[p("content/tin-tuc/never.md")], &known, &folder).is_empty(), "a temp file");
        std::fs::write(root.join("content/tin-tuc/photo.jpg"), "x").expect("write");
        assert!(classify(root, &[p("content/tin-tuc/photo.jpg")], &known, &folder).full, "an asset");
        assert!(classify(root, &[p("config.yaml")], &known, &folder).full);
        assert!(classify(root, &[p("i18n/vi.yaml")], &known, &folder).full, "a theme string table");
        assert!(classify(root, &[p("public/index.html")], &known, &folder).is_empty());
    }
}
