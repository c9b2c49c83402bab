//! The `Fixture` helper: copies a fixture site to a temporary folder, runs the real
//! `loa` binary on it and compares the output with the fixture's `expected/` goldens.
//!
//! `UPDATE_GOLDENS=1 cargo test` rewrites the goldens instead of comparing them.

#![allow(dead_code)] // Helpers kept for tests to come.

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// Output files that come from the built-in theme or from loa itself, not from the
/// fixture's templates: never compared with goldens, never reported as unused.
const NOT_GOLDEN: &[&str] = &[".loa-output", "favicon.svg", "css/", "fonts/", "js/", "search/"];

/// A language's search page and index (`tai/search/…`): made by the theme, like `search/`.
fn is_language_search(path: &str) -> bool {
    path.split_once('/').is_some_and(|(_, rest)| rest.starts_with("search/"))
}

/// The folder holding every fixture site.
pub fn fixtures_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// The `loa` binary under test, with English messages and the temporary folder as its
/// working directory (so a relative path can never touch the repository).
pub fn loa(cwd: &Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_loa"));
    cmd.current_dir(cwd).env_remove("LC_MESSAGES").env("LANG", "C").env("LC_ALL", "C");
    cmd
}

/// A copy of a fixture site in a temporary folder.
pub struct Fixture {
    name: String,
    /// Keeps the temporary folder alive; the site is `site/` inside it.
    tmp: tempfile::TempDir,
    root: PathBuf,
    last: RefCell<Option<Output>>,
}

impl Fixture {
    /// Copies `tests/fixtures/<name>/` (without `expected/`) into a fresh temporary folder.
    pub fn copy(name: &str) -> Fixture {
        let src = fixtures_dir().join(name);
        assert!(src.is_dir(), "no fixture `{}`", src.display());
        let fx = Fixture::empty_named(name);
        copy_tree(&src, &fx.root, &|rel| rel != Path::new("expected"));
        fx
    }

    /// An empty site folder (no `config.yaml`), for tests that write their own files.
    pub fn empty() -> Fixture {
        Fixture::empty_named("(empty)")
    }

    fn empty_named(name: &str) -> Fixture {
        let tmp = tempfile::Builder::new().prefix("loa-test-").tempdir().expect("create a temporary folder");
        let root = tmp.path().join("site");
        fs::create_dir(&root).expect("create the site folder");
        Fixture { name: name.to_owned(), tmp, root, last: RefCell::new(None) }
    }

    /// `loa init` into the site folder, then `loa build`: the skeleton with the built-in theme.
    pub fn built_skeleton() -> Fixture {
        let fx = Fixture::empty();
        let mut cmd = fx.cmd();
        cmd.arg("init").arg(fx.root());
        fx.run(cmd, 0);
        fx.build();
        fx
    }

    /// The site folder (`<tmp>/site`).
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// The temporary folder that holds the site folder (the root's parent).
    pub fn tmp(&self) -> &Path {
        self.tmp.path()
    }

    /// A path inside the site folder.
    pub fn path(&self, rel: &str) -> PathBuf {
        self.root.join(rel)
    }

    /// The default output folder, `public/` under the root.
    pub fn public(&self) -> PathBuf {
        self.root.join("public")
    }

    /// Writes a file of the site (creating its folders).
    pub fn write(&self, rel: &str, contents: impl AsRef<[u8]>) -> &Self {
        let path = self.path(rel);
        fs::create_dir_all(path.parent().expect("file has a parent")).expect("create folders");
        fs::write(&path, contents).unwrap_or_else(|e| panic!("write {}: {e}", path.display()));
        self
    }

    /// Reads a file of the site as text.
    pub fn read(&self, rel: &str) -> String {
        let path = self.path(rel);
        fs::read_to_string(&path).unwrap_or_else(|e| panic!("read {}: {e}", path.display()))
    }

    /// Reads an output file (under `public/`) as text.
    pub fn read_public(&self, rel: &str) -> String {
        self.read(&format!("public/{rel}"))
    }

    /// Removes a file of the site.
    pub fn remove(&self, rel: &str) -> &Self {
        fs::remove_file(self.path(rel)).unwrap_or_else(|e| panic!("remove {rel}: {e}"));
        self
    }

    /// A `loa` command running in the temporary folder.
    pub fn cmd(&self) -> Command {
        loa(self.tmp())
    }

    /// `loa check --root <site> ARGS…`, to pass to `run` with the expected status.
    pub fn cmd_check(&self, args: &[&str]) -> Command {
        let mut cmd = self.cmd();
        cmd.arg("check").arg("--root").arg(&self.root).args(args);
        cmd
    }

    /// Runs `loa build --root <site>` and expects success.
    pub fn build(&self) -> &Self {
        self.build_with(&[])
    }

    /// Runs `loa build --root <site> ARGS…` and expects success.
    pub fn build_with(&self, args: &[&str]) -> &Self {
        self.run_build(args, 0)
    }

    /// Runs `loa build --root <site>` and expects exit status 1 (the site has errors).
    pub fn build_err(&self) -> &Self {
        self.build_err_with(&[])
    }

    /// Runs `loa build --root <site> ARGS…` and expects exit status 1.
    pub fn build_err_with(&self, args: &[&str]) -> &Self {
        self.run_build(args, 1)
    }

    fn run_build(&self, args: &[&str], want: i32) -> &Self {
        let mut cmd = self.cmd();
        cmd.arg("build").arg("--root").arg(&self.root).args(args);
        self.run(cmd, want)
    }

    /// Runs `cmd`, expects exit status `want`, and keeps its output for the assertions.
    pub fn run(&self, mut cmd: Command, want: i32) -> &Self {
        let out = cmd.output().expect("run loa");
        let code = out.status.code();
        assert_eq!(
            code,
            Some(want),
            "`{cmd:?}` in fixture `{}` exited with {code:?}, expected {want}\n--- stdout\n{}--- stderr\n{}",
            self.name,
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr),
        );
        *self.last.borrow_mut() = Some(out);
        self
    }

    /// Standard error of the last run.
    pub fn stderr(&self) -> String {
        let last = self.last.borrow();
        let out = last.as_ref().expect("no run yet");
        String::from_utf8(out.stderr.clone()).expect("stderr is UTF-8")
    }

    /// Standard output of the last run.
    pub fn stdout(&self) -> String {
        let last = self.last.borrow();
        let out = last.as_ref().expect("no run yet");
        String::from_utf8(out.stdout.clone()).expect("stdout is UTF-8")
    }

    /// Asserts the last run's stderr is exactly `want`.
    pub fn assert_stderr(&self, want: &str) -> &Self {
        let got = self.stderr();
        assert!(got == want, "stderr differs\n--- expected\n{want}--- actual\n{got}---");
        self
    }

    /// Asserts the last run's stderr contains `part`.
    pub fn assert_stderr_contains(&self, part: &str) -> &Self {
        let got = self.stderr();
        assert!(got.contains(part), "stderr does not contain {part:?}\n--- stderr\n{got}---");
        self
    }

    /// Asserts the last run's stderr does not contain `part`.
    pub fn assert_stderr_lacks(&self, part: &str) -> &Self {
        let got = self.stderr();
        assert!(!got.contains(part), "stderr contains {part:?}\n--- stderr\n{got}---");
        self
    }

    /// Asserts the last run's stdout contains `part`.
    pub fn assert_stdout_contains(&self, part: &str) -> &Self {
        let got = self.stdout();
        assert!(got.contains(part), "stdout does not contain {part:?}\n--- stdout\n{got}---");
        self
    }

    /// Every file under `public/`: path (with `/`) → bytes.
    pub fn output_tree(&self) -> BTreeMap<String, Vec<u8>> {
        tree(&self.public())
    }

    /// Every file under `public/` whose path ends with `suffix`, sorted.
    pub fn output_files(&self, suffix: &str) -> Vec<String> {
        self.output_tree().into_keys().filter(|p| p.ends_with(suffix)).collect()
    }

    /// Compares every file under the fixture's `expected/` with `public/`, whole-file,
    /// and fails on output files that have no golden (except files of the built-in theme).
    /// With `UPDATE_GOLDENS=1`, rewrites `expected/` from `public/` instead.
    pub fn check_expected(&self) -> &Self {
        let expected_dir = fixtures_dir().join(&self.name).join("expected");
        let actual: BTreeMap<String, Vec<u8>> = self
            .output_tree()
            .into_iter()
            .filter(|(p, _)| !NOT_GOLDEN.iter().any(|n| p.starts_with(n)) && !is_language_search(p))
            .collect();
        if std::env::var_os("UPDATE_GOLDENS").is_some_and(|v| v == "1") {
            if expected_dir.exists() {
                fs::remove_dir_all(&expected_dir).expect("remove old goldens");
            }
            for (rel, bytes) in &actual {
                let path = expected_dir.join(rel);
                fs::create_dir_all(path.parent().expect("has parent")).expect("create folders");
                fs::write(&path, bytes).expect("write golden");
            }
            eprintln!("updated goldens of `{}`", self.name);
            return self;
        }
        let expected = tree(&expected_dir);
        assert!(
            !expected.is_empty(),
            "fixture `{}` has no goldens; run with UPDATE_GOLDENS=1 to create them",
            self.name
        );
        let mut problems = Vec::new();
        for (rel, want) in &expected {
            match actual.get(rel) {
                None => problems.push(format!("missing output `{rel}`")),
                Some(got) if got != want => {
                    problems.push(format!("`{rel}` differs:\n{}", first_difference(want, got)))
                }
                Some(_) => {}
            }
        }
        for rel in actual.keys().filter(|r| !expected.contains_key(*r)) {
            problems.push(format!("output `{rel}` has no golden file in expected/"));
        }
        assert!(
            problems.is_empty(),
            "fixture `{}` does not match its goldens (UPDATE_GOLDENS=1 rewrites them):\n\n{}",
            self.name,
            problems.join("\n\n")
        );
        self
    }
}

/// The first differing line of two files, with a little context.
fn first_difference(want: &[u8], got: &[u8]) -> String {
    let (want, got) = (String::from_utf8_lossy(want), String::from_utf8_lossy(got));
    let (w, g): (Vec<&str>, Vec<&str>) = (want.split('\n').collect(), got.split('\n').collect());
    let i = (0..w.len().max(g.len())).find(|&i| w.get(i) != g.get(i)).unwrap_or(0);
    let from = i.saturating_sub(2);
    let show = |lines: &[&str]| {
        lines
            .iter()
            .enumerate()
            .skip(from)
            .take(i + 3 - from)
            .map(|(n, l)| format!("{:>5} | {l}\n", n + 1))
            .collect::<String>()
    };
    format!("  first difference on line {}\n  --- expected\n{}  --- actual\n{}", i + 1, show(&w), show(&g))
}

/// Every file under `dir` (recursively): path relative to `dir` with `/` → bytes.
pub fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    if dir.is_dir() {
        walk(dir, dir, &mut out);
    }
    out
}

fn walk(base: &Path, dir: &Path, out: &mut BTreeMap<String, Vec<u8>>) {
    for entry in fs::read_dir(dir).expect("read folder") {
        let path = entry.expect("folder entry").path();
        if path.is_dir() {
            walk(base, &path, out);
        } else {
            let rel = path.strip_prefix(base).expect("under base");
            let rel = rel
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect::<Vec<_>>()
                .join("/");
            out.insert(rel, fs::read(&path).expect("read file"));
        }
    }
}

/// Copies `from` into `to`, skipping top-level entries for which `keep` is false.
pub fn copy_tree(from: &Path, to: &Path, keep: &dyn Fn(&Path) -> bool) {
    fs::create_dir_all(to).expect("create folder");
    for entry in fs::read_dir(from).expect("read fixture folder") {
        let entry = entry.expect("fixture entry");
        let name = PathBuf::from(entry.file_name());
        if !keep(&name) {
            continue;
        }
        let (src, dst) = (entry.path(), to.join(&name));
        if src.is_dir() {
            copy_tree(&src, &dst, &|_| true);
        } else {
            fs::copy(&src, &dst).expect("copy fixture file");
        }
    }
}

/// Names of the entries of `dir`, sorted (hidden ones included).
pub fn entries(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .expect("read folder")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// Asserts two output trees are identical, naming the files that differ.
pub fn assert_same_tree(before: &BTreeMap<String, Vec<u8>>, after: &BTreeMap<String, Vec<u8>>) {
    let mut changes = Vec::new();
    for (path, bytes) in before {
        match after.get(path) {
            None => changes.push(format!("removed: {path}")),
            Some(b) if b != bytes => changes.push(format!("changed: {path}")),
            Some(_) => {}
        }
    }
    for path in after.keys().filter(|p| !before.contains_key(*p)) {
        changes.push(format!("added: {path}"));
    }
    assert!(changes.is_empty(), "output tree changed:\n{}", changes.join("\n"));
}

/// Asserts `dir` holds no staging or old-output folders left by a build.
pub fn assert_no_leftovers(dir: &Path) {
    let left: Vec<String> =
        entries(dir).into_iter().filter(|n| n.contains(".loa-tmp-") || n.contains(".loa-old-")).collect();
    assert!(left.is_empty(), "leftover folders in {}: {left:?}", dir.display());
}

/// A copy of the repository's own site (config.yaml and content/), not built.
pub fn real_site_source() -> Fixture {
    let fx = Fixture::empty();
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    std::fs::copy(repo.join("config.yaml"), fx.root().join("config.yaml")).expect("copy config.yaml");
    copy_tree(&repo.join("content"), &fx.root().join("content"), &|_| true);
    fx
}

/// A copy of the repository's own site, built.
pub fn real_site() -> Fixture {
    let fx = real_site_source();
    fx.build();
    fx
}
