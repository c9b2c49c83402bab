//! Runs every fuzz target on stable Rust: over the seed corpus (the repository's fixture
//! sites and skeleton) and a fixed number of deterministic mutations of it. Not a
//! substitute for `cargo fuzz run`, but it keeps the targets building and catches the
//! shallow panics in CI.

use std::path::Path;

const MUTATIONS_PER_TARGET: usize = 3000;

/// Tokens that reach the parsers' special cases.
const TOKENS: &[&str] = &[
    "---\n",
    "+++\n",
    "{%",
    "%}",
    "{{",
    "}}",
    "[",
    "](",
    ")",
    "<!-- more -->",
    "\u{0B}",
    "\u{0}",
    "\u{FFFF}",
    "số 11-CT/TW",
    "ngày 13/4/2007",
    "99999999999999999999",
    "1.149",
    "37,87%",
    "#",
    "\n",
    ":",
    "- ",
    "\"",
    "document:\n  number: ",
    "bulletin:\n  air_date: ",
    "../",
    "%2e%2e",
    "\u{0301}",
    "Ð",
    "ǅ",
];

fn seeds() -> Vec<Vec<u8>> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut out = Vec::new();
    for dir in ["tests/fixtures", "skeleton"] {
        for entry in walk(&root.join(dir)) {
            let ext = entry.extension().and_then(|e| e.to_str()).unwrap_or("");
            if matches!(ext, "md" | "yaml") {
                if let Ok(bytes) = std::fs::read(&entry) {
                    out.push(bytes);
                }
            }
        }
    }
    assert!(!out.is_empty(), "no seed files found");
    out
}

fn walk(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.is_dir() {
            out.extend(walk(&path));
        } else {
            out.push(path);
        }
    }
    out
}

struct Rng(u64);

impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        ((self.0 >> 33) as usize) % n.max(1)
    }
}

fn mutate(seed: &[u8], rng: &mut Rng) -> Vec<u8> {
    let mut data = seed.to_vec();
    for _ in 0..1 + rng.below(4) {
        let at = rng.below(data.len() + 1);
        match rng.below(4) {
            0 => {
                let token = TOKENS[rng.below(TOKENS.len())].as_bytes();
                data.splice(at..at, token.iter().copied());
            }
            1 if !data.is_empty() => {
                let at = at.min(data.len() - 1);
                data[at] ^= 1 << rng.below(8);
            }
            2 => data.truncate(at),
            _ => {
                let len = rng.below(32).min(data.len().saturating_sub(at));
                let copy: Vec<u8> = data[at..at + len].to_vec();
                data.splice(at..at, copy.iter().copied().cycle().take(len * (1 + rng.below(8))));
            }
        }
    }
    data
}

fn run(name: &str, target: fn(&[u8])) {
    let seeds = seeds();
    let mut rng = Rng(0x10a_5eed);
    let mut inputs: Vec<Vec<u8>> = seeds.clone();
    inputs.extend((0..MUTATIONS_PER_TARGET).map(|_| mutate(&seeds[rng.below(seeds.len())], &mut rng)));
    for input in inputs {
        let result = std::panic::catch_unwind(|| target(&input));
        assert!(result.is_ok(), "{name} panicked on {:?}", String::from_utf8_lossy(&input));
    }
}

#[test]
fn front_matter_markdown_survives_the_corpus() {
    run("front_matter_markdown", loa_fuzz::front_matter_markdown);
}

#[test]
fn config_survives_the_corpus() {
    run("config", loa_fuzz::config);
}

#[test]
fn speech_survives_the_corpus() {
    run("speech", loa_fuzz::speech);
}

#[test]
fn small_parsers_survive_the_corpus() {
    run("small_parsers", loa_fuzz::small_parsers);
}
