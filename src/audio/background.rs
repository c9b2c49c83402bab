//! Audio for `loa serve`: made on a thread of its own, so a rebuild and the browser's
//! reload never wait for the speech engine. When new audio is in the cache, `done` runs
//! (the server rebuilds, and the pages show their players).

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{channel, Sender};

use super::{report, Maker, Request};
use crate::error::Diagnostic;

/// The background audio maker.
pub struct Worker {
    /// The maker, what to make, and the site's config file (named in warnings).
    tx: Sender<(Maker, Vec<Request>, PathBuf)>,
}

impl Worker {
    /// Starts the thread; `done` is called after a batch made at least one file.
    pub fn start(done: impl Fn() + Send + 'static) -> Worker {
        let (tx, rx) = channel::<(Maker, Vec<Request>, PathBuf)>();
        std::thread::spawn(move || {
            // Each script is tried once per session: a failing engine must not loop.
            let mut tried: HashSet<String> = HashSet::new();
            let mut warned: HashSet<String> = HashSet::new();
            let mut warn = |d: Diagnostic| {
                let text = d.to_string();
                if warned.insert(text.clone()) {
                    eprintln!("{text}");
                }
            };
            while let Ok((mut maker, mut reqs, mut config)) = rx.recv() {
                // Only the newest site matters when rebuilds queued up.
                while let Ok((m, r, c)) = rx.try_recv() {
                    (maker, reqs, config) = (m, r, c);
                }
                let todo: Vec<Request> = reqs.into_iter().filter(|r| !tried.contains(&r.key)).collect();
                if todo.is_empty() {
                    continue;
                }
                if let Some(m) = maker.probe(todo.len()) {
                    warn(Diagnostic::warning(&config, 0, 0, m));
                    continue;
                }
                let mut made = 0;
                for req in todo {
                    tried.insert(req.key.clone());
                    match maker.make(&req) {
                        Ok(_) => made += 1,
                        Err(p) => warn(Diagnostic::warning(&req.source, 0, 0, report::problem(&p))),
                    }
                }
                if made > 0 {
                    done();
                }
            }
        });
        Worker { tx }
    }

    /// A worker whose finished audio makes `loa serve` rebuild: it sends the site's
    /// `config.yaml` to the rebuild loop, as a saved config would (pages then show players).
    pub fn rebuilding(root: &Path, rebuild: Sender<Vec<PathBuf>>) -> Worker {
        let root = std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
        // Any config name makes the loop rebuild everything.
        let config = root.join(crate::config_source::name_in(&root));
        let rebuild = std::sync::Mutex::new(rebuild);
        Worker::start(move || {
            let _ = rebuild.lock().unwrap_or_else(|p| p.into_inner()).send(vec![config.clone()]);
        })
    }

    /// Asks for the audio of these bulletins (those already tried are skipped).
    pub fn submit(&self, maker: Maker, reqs: Vec<Request>, config: PathBuf) {
        if !reqs.is_empty() {
            let _ = self.tx.send((maker, reqs, config));
        }
    }
}
