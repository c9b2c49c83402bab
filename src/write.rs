//! Write stage: the complete new output is built in a folder beside the old one, then
//! the two are swapped with one rename.
//!
//! Guarantees (docs/output.md):
//! - `public/` is always exactly the old or the new tree: a failed, killed or interrupted
//!   build leaves the old one. On Linux the swap is `renameat2(RENAME_EXCHANGE)`; elsewhere
//!   (or on file systems without it) two renames, and the next run finishes an
//!   interrupted pair.
//! - Unchanged files are hard links to the old output's files, so a rebuild writes only
//!   what changed (a copy where links are not supported, such as FAT USB sticks).
//! - A rebuild that changes nothing leaves the old output as it is: no folder is made,
//!   linked or removed (on a large site that is most of a rebuild's cost on disk).
//! - One build at a time writes an output: a lock file beside it holds the owner's pid.
//!   Staging folders are removed only under that lock, so never while their build runs.
//! - Nothing is written through a link: the old output is read without following links,
//!   and a link inside it is replaced by the new file, never written into.
//! - loa replaces only folders it created (the `.loa-output` marker) or empty ones.

// Fx hashing: every output file is looked up in these sets (paths hash slowly with SipHash).
use rustc_hash::FxHashSet as HashSet;
use std::fs::{self, File};
use std::io::{self, Write as _};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Mutex;

use anyhow::{bail, Context as _, Result};

use crate::error::Diagnostic;
use crate::messages::{self, Msg};
use crate::render::Output;
use crate::theme::FileSource;

/// Marks a folder as loa's output, so later builds may replace it.
pub const MARKER: &str = ".loa-output";

/// An output folder being written.
pub struct Staging {
    target: PathBuf,
    temp: PathBuf,
    /// The output as the user named it, for messages.
    shown: String,
    /// Regular files of the previous output, found without following links (and without
    /// a `stat` each: the size is compared when a file is opened to be compared).
    old: HashSet<String>,
    /// Folders of the previous output, and whether it holds anything but folders and
    /// regular files (a link, a socket): then it cannot be kept as the new output.
    old_dirs: HashSet<String>,
    old_other: bool,
    /// Whether anything differs from the old output yet. Until then unchanged files are
    /// only noted (`pending`): if nothing differs, the old output is kept as it is.
    staged: AtomicBool,
    /// Unchanged files not yet linked into `temp`.
    pending: Mutex<Vec<String>>,
    /// Every file written so far: a second write of a path is a bug, not a silent overwrite.
    produced: Mutex<HashSet<String>>,
    /// Folders already created in `temp`.
    dirs: Mutex<HashSet<PathBuf>>,
    /// The first write that failed (a full disk fails every later file too: say it once).
    failure: Mutex<Option<(String, io::Error)>>,
    /// Source files that could not be read.
    unreadable: Mutex<Vec<Diagnostic>>,
    lock: Option<OutputLock>,
    done: bool,
}

/// Checks `output` is safe to replace, locks it and creates the staging folder beside it.
pub fn stage(root: &Path, output: &Path) -> Result<Staging> {
    let root = fs::canonicalize(root).with_context(|| format!("`{}`", root.display()))?;
    let target = absolute(output)?;
    let shown = output.display().to_string();
    let sources = ["content", "templates", "static", "themes"].map(|d| root.join(d));
    if target == root || root.starts_with(&target) || sources.iter().any(|s| target.starts_with(s)) {
        bail!(messages::text(Msg::OutputIsSource { dir: &shown }));
    }
    let parent = target.parent().map(Path::to_path_buf).unwrap_or_else(|| root.clone());
    let name =
        target.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "public".into());
    fs::create_dir_all(&parent).with_context(|| messages::text(Msg::OutputWriteFailed { dir: &shown }))?;
    let lock = OutputLock::acquire(&parent.join(format!(".{name}.loa-lock")), &shown)?;

    // Under the lock every staging folder is stale: its build is gone.
    let tmp_prefix = format!(".{name}.loa-tmp-");
    let old_prefix = format!(".{name}.loa-old-");
    let mut leftovers = Vec::new();
    for entry in fs::read_dir(&parent).into_iter().flatten().flatten() {
        let file_name = entry.file_name().to_string_lossy().into_owned();
        if file_name.starts_with(&tmp_prefix) || file_name.starts_with(&old_prefix) {
            leftovers.push((file_name.starts_with(&old_prefix), entry.path()));
        }
    }
    // A portable swap interrupted between its two renames: put the old output back.
    if fs::symlink_metadata(&target).is_err() {
        if let Some((_, old)) = leftovers.iter().find(|(is_old, p)| *is_old && p.join(MARKER).is_file()) {
            fs::rename(old, &target).with_context(|| format!("`{}`", target.display()))?;
        }
    }
    for (_, path) in &leftovers {
        if fs::symlink_metadata(path).is_ok() {
            remove_tree(path).with_context(|| format!("`{}`", path.display()))?;
        }
    }

    let mut old = Listing::default();
    match fs::symlink_metadata(&target) {
        Ok(meta) => {
            let ours = meta.is_dir() && fs::symlink_metadata(target.join(MARKER)).is_ok_and(|m| m.is_file());
            let empty = meta.is_dir() && fs::read_dir(&target).is_ok_and(|mut d| d.next().is_none());
            if !ours && !empty {
                bail!(messages::text(Msg::OutputNotOurs { dir: &shown }));
            }
            if ours {
                old = regular_files(&target);
            }
        }
        Err(e) if e.kind() == io::ErrorKind::NotFound => {}
        Err(e) => return Err(e).with_context(|| format!("`{}`", target.display())),
    }
    let temp = parent.join(format!("{tmp_prefix}{}", std::process::id()));
    fs::create_dir(&temp).with_context(|| messages::text(Msg::OutputWriteFailed { dir: &shown }))?;
    let staging = Staging {
        target,
        temp,
        shown,
        old: old.files,
        old_dirs: old.dirs,
        old_other: old.other,
        staged: AtomicBool::new(false),
        pending: Mutex::new(Vec::new()),
        produced: Mutex::new(HashSet::default()),
        dirs: Mutex::new(HashSet::default()),
        failure: Mutex::new(None),
        unreadable: Mutex::new(Vec::new()),
        lock: Some(lock),
        done: false,
    };
    fs::write(staging.temp.join(MARKER), MARKER_TEXT)
        .map_err(|e| anyhow::anyhow!(staging.describe(MARKER, &e)))?;
    Ok(staging)
}

const MARKER_TEXT: &str = "This folder was generated by loa; `loa build` replaces it.\n";

/// What a previous output holds.
#[derive(Default)]
struct Listing {
    /// Regular files (relative, `/`-separated).
    files: HashSet<String>,
    /// Folders (relative).
    dirs: HashSet<String>,
    /// Anything else was found (a link, a name that is not UTF-8, an unreadable folder).
    other: bool,
}

/// What is under `dir`; links and what they point at are not followed, so nothing is
/// ever read or linked through them. The kinds come from the folder listing: no `stat`
/// per file in this serial walk.
fn regular_files(dir: &Path) -> Listing {
    let mut out = Listing::default();
    for entry in walkdir::WalkDir::new(dir).min_depth(1) {
        let Ok(entry) = entry else {
            out.other = true;
            continue;
        };
        let kind = entry.file_type();
        let rel = entry.path().strip_prefix(dir).ok().and_then(Path::to_str);
        match rel {
            Some(rel) if kind.is_file() => {
                out.files.insert(rel.replace(std::path::MAIN_SEPARATOR, "/"));
            }
            Some(rel) if kind.is_dir() => {
                out.dirs.insert(rel.replace(std::path::MAIN_SEPARATOR, "/"));
            }
            _ => out.other = true,
        }
    }
    out
}

/// Whether the regular file at `path` holds exactly `bytes`: one open, one `fstat` for
/// the size, one read (`fs::read` would also read again to find the end).
fn holds(path: &Path, bytes: &[u8]) -> bool {
    use std::io::Read as _;
    let mut options = fs::OpenOptions::new();
    options.read(true);
    // The walk found a regular file; never read through a link put there since.
    #[cfg(target_os = "linux")]
    std::os::unix::fs::OpenOptionsExt::custom_flags(&mut options, libc::O_NOFOLLOW);
    let Ok(mut file) = options.open(path) else { return false };
    match file.metadata() {
        Ok(meta) if meta.is_file() && meta.len() == bytes.len() as u64 => {}
        _ => return false,
    }
    let mut old = vec![0; bytes.len()];
    file.read_exact(&mut old).is_ok() && old == bytes
}

/// `path` made absolute without requiring it to exist.
fn absolute(path: &Path) -> Result<PathBuf> {
    if let Ok(p) = fs::canonicalize(path) {
        return Ok(p);
    }
    let abs = std::path::absolute(path)?;
    // Canonicalise the existing ancestor so symlinked parents compare correctly.
    let mut existing = abs.as_path();
    let mut rest = Vec::new();
    while !existing.exists() {
        rest.push(existing.file_name().map(|s| s.to_os_string()).unwrap_or_default());
        existing = match existing.parent() {
            Some(p) => p,
            None => break,
        };
    }
    let mut out = fs::canonicalize(existing).unwrap_or_else(|_| existing.to_path_buf());
    for part in rest.into_iter().rev() {
        out.push(part);
    }
    Ok(out)
}

impl Staging {
    /// Writes one rendered file. Errors are kept (see `failure`), not returned, so a full
    /// disk is reported once rather than once per file.
    pub fn write(&self, out: &Output) -> io::Result<()> {
        self.put(&out.path, |path| fs::write(path, &out.bytes), || self.same_bytes(&out.path, &out.bytes));
        Ok(())
    }

    /// Copies a static or content file; an unreadable source is reported by its own path.
    pub fn copy(&self, rel: &str, source: &FileSource) -> io::Result<()> {
        match source {
            FileSource::Disk(from) => match fs::read(from) {
                Ok(bytes) => self.put(rel, |path| fs::write(path, &bytes), || self.same_bytes(rel, &bytes)),
                Err(e) => {
                    let what = messages::text(Msg::ReadFailed { path: &from.display().to_string() });
                    lock(&self.unreadable).push(Diagnostic::error(from, 0, 0, format!("{what}: {e}")));
                }
            },
            FileSource::Embedded(bytes) => {
                self.put(rel, |path| fs::write(path, bytes), || self.same_bytes(rel, bytes))
            }
        }
        Ok(())
    }

    /// Source files that could not be read, and the first write that failed (as one
    /// diagnostic naming the file, the output and the fix).
    pub fn failures(&self) -> Vec<Diagnostic> {
        let mut out = lock(&self.unreadable).clone();
        if let Some((rel, e)) = lock(&self.failure).as_ref() {
            out.push(Diagnostic::error("", 0, 0, self.describe(rel, e)));
        }
        out
    }

    fn describe(&self, rel: &str, e: &io::Error) -> String {
        let dir = &self.shown;
        if e.kind() == io::ErrorKind::StorageFull || e.kind() == io::ErrorKind::QuotaExceeded {
            messages::text(Msg::OutputDiskFull { dir, file: rel })
        } else {
            messages::text(Msg::OutputFileFailed { dir, file: rel, detail: &e.to_string() })
        }
    }

    fn same_bytes(&self, rel: &str, bytes: &[u8]) -> bool {
        self.old.contains(rel) && holds(&self.target.join(rel), bytes)
    }

    fn put(&self, rel: &str, write: impl FnOnce(&Path) -> io::Result<()>, unchanged: impl FnOnce() -> bool) {
        if lock(&self.failure).is_some() {
            return;
        }
        if let Err(e) = self.try_put(rel, write, unchanged) {
            lock(&self.failure).get_or_insert((rel.to_owned(), e));
        }
    }

    fn try_put(
        &self,
        rel: &str,
        write: impl FnOnce(&Path) -> io::Result<()>,
        unchanged: impl FnOnce() -> bool,
    ) -> io::Result<()> {
        // Output paths are checked before rendering (`outputs`); this guards the guarantee.
        let inside = !rel.is_empty()
            && !rel.starts_with('/')
            && !rel.contains('\\')
            && rel.split('/').all(|p| !p.is_empty() && p != "." && p != "..");
        if !inside || !lock(&self.produced).insert(rel.to_owned()) {
            return Err(io::Error::new(io::ErrorKind::InvalidInput, format!("`{rel}`")));
        }
        let unchanged = unchanged();
        if unchanged && !self.staged.load(Ordering::Acquire) {
            lock(&self.pending).push(rel.to_owned());
            return Ok(());
        }
        if !unchanged {
            self.staged.store(true, Ordering::Release);
        }
        let path = self.temp.join(rel);
        self.make_parent(&path)?;
        // An unchanged file is a hard link to the old one: no bytes written.
        if unchanged && fs::hard_link(self.target.join(rel), &path).is_ok() {
            return Ok(());
        }
        write(&path)
    }

    fn make_parent(&self, path: &Path) -> io::Result<()> {
        if let Some(parent) = path.parent() {
            if !lock(&self.dirs).contains(parent) {
                fs::create_dir_all(parent)?;
                lock(&self.dirs).insert(parent.to_path_buf());
            }
        }
        Ok(())
    }

    /// Whether the new output is exactly the old one: every file the same, none gone,
    /// no folder or anything else the new output would not have.
    fn same_as_old(&self) -> bool {
        if self.staged.load(Ordering::Acquire) || self.old_other {
            return false;
        }
        let produced = lock(&self.produced);
        // Every file produced so far was unchanged, so it is in `old`.
        if self.old.len() != produced.len() + 1
            || produced.contains(MARKER)
            || !self.same_bytes(MARKER, MARKER_TEXT.as_bytes())
        {
            return false;
        }
        let mut needed = HashSet::default();
        for rel in produced.iter() {
            let mut at = rel.as_str();
            while let Some((parent, _)) = at.rsplit_once('/') {
                if !needed.insert(parent) {
                    break;
                }
                at = parent;
            }
        }
        self.old_dirs.iter().all(|d| needed.contains(d.as_str()))
    }

    /// Links the unchanged files noted while nothing differed (a copy where links fail).
    fn link_pending(&self) -> Result<()> {
        use rayon::prelude::*;
        let pending = std::mem::take(&mut *lock(&self.pending));
        pending.par_iter().try_for_each(|rel| {
            let (from, to) = (self.target.join(rel), self.temp.join(rel));
            let linked = self.make_parent(&to).and_then(|()| match fs::hard_link(&from, &to) {
                Ok(()) => Ok(()),
                Err(_) => fs::copy(&from, &to).map(|_| ()),
            });
            linked.map_err(|e| anyhow::anyhow!(self.describe(rel, &e)))
        })
    }

    /// Puts the new output in place of the old one with one rename.
    pub fn commit(mut self) -> Result<()> {
        if let Some(d) = self.failures().pop() {
            bail!(d.message);
        }
        let context = |p: &Path| format!("`{}`", p.display());
        let exists = fs::symlink_metadata(&self.target).is_ok();
        if exists && self.same_as_old() {
            // Nothing to swap: the staging folder holds only the marker.
            let _ = remove_tree(&self.temp);
            self.done = true;
            self.lock.take();
            return Ok(());
        }
        self.link_pending()?;
        if !exists {
            fs::rename(&self.temp, &self.target).with_context(|| context(&self.target))?;
        } else if exchange(&self.temp, &self.target).is_ok() {
            // The old output now sits at the staging path.
            self.done = true;
            // The new output is in place; a tree left here is removed by the next run.
            let _ = remove_tree_parallel(&self.temp);
        } else {
            // Portable fallback; `stage` finishes it if the run dies in between.
            let old = self.temp.with_file_name(
                self.temp.file_name().unwrap_or_default().to_string_lossy().replace(".loa-tmp-", ".loa-old-"),
            );
            fs::rename(&self.target, &old).with_context(|| context(&self.target))?;
            fs::rename(&self.temp, &self.target).with_context(|| context(&self.target))?;
            self.done = true;
            let _ = remove_tree_parallel(&old);
        }
        self.done = true;
        self.lock.take();
        Ok(())
    }
}

/// Swaps two paths atomically.
#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> io::Result<()> {
    use std::ffi::CString;
    use std::os::unix::ffi::OsStrExt;
    let c = |p: &Path| CString::new(p.as_os_str().as_bytes()).map_err(|_| io::ErrorKind::InvalidInput);
    let (a, b) = (c(a)?, c(b)?);
    // SAFETY: both paths are valid NUL-terminated strings for the duration of the call.
    let rc = unsafe {
        libc::syscall(
            libc::SYS_renameat2,
            libc::AT_FDCWD,
            a.as_ptr(),
            libc::AT_FDCWD,
            b.as_ptr(),
            libc::RENAME_EXCHANGE,
        )
    };
    if rc == 0 {
        Ok(())
    } else {
        Err(io::Error::last_os_error())
    }
}

#[cfg(not(target_os = "linux"))]
fn exchange(_: &Path, _: &Path) -> io::Result<()> {
    Err(io::ErrorKind::Unsupported.into())
}

/// Removes a folder (or file, or link) without following links inside it.
fn remove_tree(path: &Path) -> io::Result<()> {
    match fs::symlink_metadata(path) {
        Ok(m) if m.is_dir() => fs::remove_dir_all(path),
        Ok(_) => fs::remove_file(path),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(e),
    }
}

/// `remove_tree`, its top-level entries in parallel: deleting the old output is most of
/// the commit's cost on a large site (docs/performance.md).
fn remove_tree_parallel(path: &Path) -> io::Result<()> {
    use rayon::prelude::*;
    let entries: Vec<PathBuf> = fs::read_dir(path)?.flatten().map(|e| e.path()).collect();
    entries.par_iter().for_each(|p| {
        let _ = remove_tree(p);
    });
    remove_tree(path)
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|p| p.into_inner())
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.done {
            let _ = remove_tree(&self.temp);
        }
    }
}

/// The lock on an output folder: `.<name>.loa-lock` beside it, holding the owner's pid.
/// The lock is the kernel's (released when the process dies, even by `kill -9`); the
/// file is removed when the build ends.
struct OutputLock {
    file: File,
    path: PathBuf,
}

impl OutputLock {
    fn acquire(path: &Path, shown: &str) -> Result<OutputLock> {
        let context = || format!("`{}`", path.display());
        let mut told = false;
        loop {
            let file = fs::OpenOptions::new()
                .read(true)
                .write(true)
                .create(true)
                .truncate(false)
                .open(path)
                .with_context(context)?;
            match file.try_lock() {
                Ok(()) => {}
                Err(fs::TryLockError::WouldBlock) => {
                    if !told {
                        let pid = fs::read_to_string(path).unwrap_or_default();
                        let pid = pid.trim();
                        eprintln!("{}", messages::text(Msg::OutputBusy { dir: shown, pid }));
                        told = true;
                    }
                    file.lock().with_context(context)?;
                }
                Err(fs::TryLockError::Error(e)) => return Err(e).with_context(context),
            }
            // The previous owner may have removed the file after we opened it: lock the
            // file that is there now.
            if same_file(&file, path) {
                let mut file = file;
                file.set_len(0).with_context(context)?;
                write!(file, "{}", std::process::id()).with_context(context)?;
                return Ok(OutputLock { file, path: path.to_path_buf() });
            }
        }
    }
}

#[cfg(unix)]
fn same_file(file: &File, path: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (file.metadata(), fs::metadata(path)) {
        (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
        _ => false,
    }
}

#[cfg(not(unix))]
fn same_file(_: &File, path: &Path) -> bool {
    path.exists()
}

impl Drop for OutputLock {
    fn drop(&mut self) {
        // Remove while still holding the lock; a waiting build then re-opens the path.
        let _ = fs::remove_file(&self.path);
        let _ = self.file.unlock();
    }
}
