//! The audio cache: `.loa-cache/audio/` in the site's folder, one encoded file per
//! bulletin named by a hash of its script, engine and settings, with its duration beside.
//!
//! The cache is loa's own folder (not the output): a rebuild with the same script finds
//! its file there and runs no engine. Entries are written under a temporary name and
//! renamed, so a build stopped half-way never leaves a broken entry.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

/// The cache folder under the site's root.
pub const DIR: &str = ".loa-cache/audio";

/// Bump when the way audio is made changes, so old entries are not reused.
const VERSION: &str = "loa-audio-1";

/// The cache folder of the site at `root`.
pub fn dir(root: &Path) -> PathBuf {
    root.join(DIR)
}

/// The hex SHA-256 of everything that shapes the audio.
pub fn key(parts: &[&str]) -> String {
    let mut h = Sha256::new();
    for p in std::iter::once(VERSION).chain(parts.iter().copied()) {
        // Length-prefixed, so no two different lists hash alike.
        h.update((p.len() as u64).to_le_bytes());
        h.update(p.as_bytes());
    }
    h.finalize().iter().map(|b| format!("{b:02x}")).collect()
}

/// The audio file of an entry.
pub fn file(dir: &Path, key: &str, ext: &str) -> PathBuf {
    dir.join(format!("{key}.{ext}"))
}

fn meta(dir: &Path, key: &str) -> PathBuf {
    dir.join(format!("{key}.json"))
}

/// The duration of a cached entry, when its file and duration are both there.
pub fn lookup(dir: &Path, key: &str, ext: &str) -> Option<f64> {
    let f = file(dir, key, ext);
    if !fs::metadata(&f).is_ok_and(|m| m.is_file() && m.len() > 0) {
        return None;
    }
    let text = fs::read_to_string(meta(dir, key)).ok()?;
    let v: serde_json::Value = serde_json::from_str(&text).ok()?;
    v["seconds"].as_f64().filter(|s| s.is_finite() && *s > 0.0)
}

/// Marks `.loa-cache/` as a cache (bford.info/cachedir), so backup tools skip it.
const CACHEDIR_TAG: &str = "Signature: 8a477f597d28d172789f06886806bc55\n\
# This folder is loa's cache of bulletin audio; it may be deleted at any time.\n";

/// A temporary path in the cache folder for an entry being made.
pub fn scratch(dir: &Path, key: &str, ext: &str) -> io::Result<PathBuf> {
    if !dir.is_dir() {
        fs::create_dir_all(dir)?;
        if let Some(top) = dir.parent() {
            let _ = fs::write(top.join("CACHEDIR.TAG"), CACHEDIR_TAG);
        }
    }
    Ok(dir.join(format!(".tmp-{}-{key}.{ext}", super::command::unique())))
}

/// Moves a finished file from `scratch` into the cache, with its duration.
pub fn store(dir: &Path, key: &str, ext: &str, scratch: &Path, seconds: f64) -> io::Result<PathBuf> {
    let to = file(dir, key, ext);
    let meta_tmp = dir.join(format!(".tmp-{}-{key}.json", super::command::unique()));
    fs::write(&meta_tmp, serde_json::json!({ "seconds": seconds }).to_string())?;
    fs::rename(scratch, &to)?;
    fs::rename(&meta_tmp, meta(dir, key))?;
    Ok(to)
}

/// Removes entries no bulletin of this build uses, and leftovers of stopped builds;
/// touches only files named like loa's own entries.
pub fn prune(dir: &Path, used: &std::collections::HashSet<String>) {
    let Ok(entries) = fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let stem = name.split('.').next().unwrap_or("");
        let ours = stem.len() == 64 && stem.bytes().all(|b| b.is_ascii_hexdigit());
        let leftover = name.starts_with(".tmp-") && is_stale(&entry.path());
        if (ours && !used.contains(stem)) || leftover {
            let _ = fs::remove_file(entry.path());
        }
    }
}

/// A temporary file older than an hour belongs to a build that stopped.
fn is_stale(path: &Path) -> bool {
    let age = fs::metadata(path).and_then(|m| m.modified()).ok().and_then(|t| t.elapsed().ok());
    age.is_some_and(|a| a.as_secs() > 3600)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_are_found_after_store_and_pruned_when_unused() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let dir = tmp.path().join("audio");
        let k = key(&["script", "espeak-ng"]);
        assert_ne!(k, key(&["scrip", "tespeak-ng"]));
        assert_eq!(lookup(&dir, &k, "mp3"), None);
        let s = scratch(&dir, &k, "mp3").expect("scratch");
        fs::write(&s, b"ID3").expect("write");
        store(&dir, &k, "mp3", &s, 12.5).expect("store");
        assert_eq!(lookup(&dir, &k, "mp3"), Some(12.5));
        fs::write(dir.join("notes.txt"), "mine").expect("write");
        prune(&dir, &[k.clone()].into());
        assert_eq!(lookup(&dir, &k, "mp3"), Some(12.5));
        prune(&dir, &Default::default());
        assert_eq!(lookup(&dir, &k, "mp3"), None);
        assert!(dir.join("notes.txt").is_file(), "a file loa did not make stays");
    }
}
