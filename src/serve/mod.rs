//! `loa serve`: a live preview. The site is built in memory and served over HTTP on
//! 127.0.0.1; saved edits rebuild what they touch and reload the browser over
//! server-sent events. `loa build`'s output folder is never touched.

mod http;
mod live;
mod watch;

use std::collections::{HashMap, HashSet};
use std::net::{IpAddr, SocketAddr, TcpListener};
use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, RwLock};
use std::time::Instant;

use anyhow::{Context, Result};
use tokio::sync::broadcast;

use crate::error::Diagnostic;
use crate::messages::{self, Msg};
use crate::Options;
use live::{Files, Live, Outcome};

/// Options of `loa serve`.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    pub root: PathBuf,
    pub bind: IpAddr,
    pub port: u16,
    pub drafts: bool,
    pub open: bool,
    /// `--config FILE` and `--env NAME`, as for `build`.
    pub config: Option<PathBuf>,
    pub env: Option<String>,
}

/// What the browser is told after a rebuild.
#[derive(Debug, Clone)]
pub enum Signal {
    Reload,
    /// Only stylesheets changed: swap them without a reload.
    Css,
    /// The rebuild failed: show this over the page.
    Error(String),
    /// The error is fixed.
    Ok,
}

/// Shared between the HTTP handlers and the rebuild thread.
pub struct Shared {
    pub files: RwLock<Files>,
    pub error: RwLock<Option<String>>,
    pub signals: broadcast::Sender<Signal>,
    /// Browsers listening for reloads (for tests and the log).
    pub clients: AtomicUsize,
    /// Output paths the listening browsers show (their event streams say), with how
    /// many show each: rendered first after a change.
    pub open: Mutex<HashMap<String, usize>>,
    /// Served files no change of content makes again (static files, assets).
    pub constant: RwLock<Arc<HashSet<String>>>,
    /// While a change is unfinished (the reload was sent, files are still rendering):
    /// requests for its files wait (`http::settled`).
    pub settling: RwLock<Option<Arc<Settling>>>,
}

/// A change whose first files are served and whose other files are being rendered.
pub struct Settling {
    /// Already made again for this change.
    fresh: HashSet<String>,
    constant: Arc<HashSet<String>>,
    /// Becomes true when every file of the change is in place.
    pub done: tokio::sync::watch::Sender<bool>,
}

impl Settling {
    /// Must a request for `path` wait until the change is finished? Every file a
    /// template or code makes may be stale until then; the search index is served as
    /// it was until the new one is made anyway.
    pub fn holds(&self, path: &str) -> bool {
        !self.fresh.contains(path) && !self.constant.contains(path) && !crate::search::is_index_file(path)
    }
}

/// Runs the preview server until Ctrl-C.
pub fn serve(opts: ServeOptions) -> Result<()> {
    // A folder that is no site at all fails before anything listens.
    if !opts.root.is_dir() {
        anyhow::bail!(messages::text(Msg::ConfigMissing { root: &opts.root.display().to_string() }));
    }
    let build_opts = Options {
        root: opts.root.clone(),
        drafts: opts.drafts,
        config: opts.config.clone(),
        env: opts.env.clone(),
        ..Options::default()
    };
    let (tx, rx) = std::sync::mpsc::channel();
    let audio = crate::audio::background::Worker::rebuilding(&opts.root, tx.clone());
    let mut live = Live::new(build_opts).with_audio(audio);
    let (signals, _) = broadcast::channel(16);
    let shared = Arc::new(Shared {
        files: RwLock::new(Files::new()),
        error: RwLock::new(None),
        signals,
        clients: AtomicUsize::new(0),
        open: Mutex::new(HashMap::new()),
        constant: RwLock::new(Arc::new(HashSet::new())),
        settling: RwLock::new(None),
    });
    let start = Instant::now();
    match live.full(&today()) {
        Ok(mut files) => {
            let index = live.search_snapshot().and_then(|s| s.run(&|| false)).unwrap_or_default();
            files.extend(index.into_iter().map(|o| (o.path, o.bytes.into())));
            let n = files.len();
            *write(&shared.constant) = Arc::new(live.constant_paths(&files));
            *write(&shared.files) = files;
            // `main` deferred giving memory back (`memory::defer_release`): serve gives it
            // back here and after each index, never inside an edit.
            crate::memory::release();
            println!("{}", messages::text(Msg::ServeBuilt { files: n, ms: start.elapsed().as_millis() }));
            show_warnings(&live, &mut Vec::new());
            if live.drafts() > 0 {
                println!("{}", messages::text(Msg::DraftsLeftOut { count: live.drafts() }));
            }
        }
        Err(diags) => report(&shared, &diags, &mut None),
    }

    let listener = bind(opts.bind, opts.port)?;
    let addr = listener.local_addr()?;
    if !opts.bind.is_loopback() {
        eprintln!(
            "{}: {}",
            messages::text(Msg::WarningLabel),
            messages::text(Msg::ServeExposed { addr: &opts.bind.to_string() })
        );
    }
    let url = format!("http://{addr}/");
    println!("{}", messages::text(Msg::ServeListening { url: &url }));
    println!("{}", messages::text(Msg::ServeOutput));
    if opts.open {
        let _ = std::process::Command::new("xdg-open").arg(&url).spawn();
    }

    let watcher = watch::start(&opts.root, tx).context("watching the site's folders")?;
    let root = std::fs::canonicalize(&opts.root).unwrap_or(opts.root.clone());
    let rebuild_shared = shared.clone();
    std::thread::spawn(move || rebuild_loop(root, live, watcher, rx, rebuild_shared));

    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build()?;
    let result = runtime.block_on(async move {
        listener.set_nonblocking(true)?;
        let listener = tokio::net::TcpListener::from_std(listener)?;
        tokio::select! {
            result = axum::serve(listener, http::router(shared, addr)) => result.map_err(anyhow::Error::from),
            _ = tokio::signal::ctrl_c() => {
                println!("{}", messages::text(Msg::ServeStopped));
                Ok(())
            }
        }
    });
    // Open live-reload streams never end by themselves: do not wait for them.
    runtime.shutdown_background();
    result
}

/// Binds `port`, or the next free one if it is taken; port 0 lets the system choose.
fn bind(ip: IpAddr, port: u16) -> Result<TcpListener> {
    let tries = if port == 0 { 1 } else { 20 };
    let mut last = None;
    for p in (0..tries).map(|k| port.saturating_add(k)) {
        match TcpListener::bind(SocketAddr::new(ip, p)) {
            Ok(l) => return Ok(l),
            Err(e) if e.kind() == std::io::ErrorKind::AddrInUse => {
                eprintln!("{}", messages::text(Msg::ServePortBusy { port: p }));
                last = Some(e);
            }
            Err(e) => return Err(e).with_context(|| format!("{ip}:{p}")),
        }
    }
    Err(last.map_or_else(|| anyhow::anyhow!("no free port"), anyhow::Error::from))
}

fn rebuild_loop(
    root: PathBuf,
    mut live: Live,
    mut watcher: watch::Watch,
    rx: std::sync::mpsc::Receiver<Vec<PathBuf>>,
    shared: Arc<Shared>,
) {
    let mut last_error: Option<String> = None;
    let mut shown: Vec<String> = live.warnings().iter().map(ToString::to_string).collect();
    let indexer = Indexer::start(shared.clone());
    while let Ok(mut paths) = rx.recv() {
        // Events that queued up while we were rebuilding belong to the same save.
        while let Ok(more) = rx.try_recv() {
            paths.extend(more);
        }
        let started = Instant::now();
        watcher.refresh();
        let mut change =
            watch::classify(&root, &paths, &|rel| live.knows(rel), &|prefix| live.knows_folder(prefix));
        // A stylesheet new to the site may collide with another output: build it all.
        // So may one that is now a link leading outside: a full build drops it.
        change.full |= change.css.iter().any(|rel| live.static_file(rel).is_none());
        if change.is_empty() {
            continue;
        }
        let pages_changed = change.full || !change.content.is_empty();
        if pages_changed {
            // The index being made is of the site before this change: stop it now.
            indexer.supersede();
        }
        let date = today();
        live.set_open(lock(&shared.open).keys().cloned().collect());
        let result = if change.full {
            live.full(&date).map(Outcome::Full)
        } else if !change.content.is_empty() {
            let rels: Vec<String> = change.content.iter().cloned().collect();
            live.content_changed(&rels, &date)
        } else {
            Ok(Outcome::Partial(Files::new(), Vec::new()))
        };
        match result {
            Ok(outcome) => {
                if matches!(outcome, Outcome::Full(_)) {
                    show_warnings(&live, &mut shown);
                }
                // The reload goes out once the first files are in; requests for the
                // others wait until `finish` has put them in too.
                let unfinished = live.unfinished();
                if unfinished {
                    let fresh = match &outcome {
                        Outcome::Partial(files, _) => files.keys().cloned().collect(),
                        Outcome::Full(_) => HashSet::new(),
                    };
                    let constant = read(&shared.constant).clone();
                    let done = tokio::sync::watch::Sender::new(false);
                    *write(&shared.settling) = Some(Arc::new(Settling { fresh, constant, done }));
                }
                let mut n = match outcome {
                    Outcome::Full(mut files) => {
                        *write(&shared.constant) = Arc::new(live.constant_paths(&files));
                        let n = files.len();
                        let mut served = write(&shared.files);
                        // Keep serving the old index until the new one is made.
                        let old = std::mem::take(&mut *served);
                        let index = old.into_iter().filter(|(k, _)| crate::search::is_index_file(k));
                        let index: Vec<_> = index.filter(|(k, _)| !files.contains_key(k)).collect();
                        files.extend(index);
                        *served = files;
                        n
                    }
                    Outcome::Partial(files, gone) => put(&shared, files, &gone),
                };
                let css_only = !pages_changed;
                for rel in &change.css {
                    // Only what the build would copy: the theme's rules, links included.
                    if let Some(bytes) = live.static_file(rel) {
                        write(&shared.files).insert(rel.clone(), bytes);
                        n += 1;
                    }
                }
                if write(&shared.error).take().is_some() {
                    let _ = shared.signals.send(Signal::Ok);
                }
                last_error = None;
                let _ = shared.signals.send(if css_only { Signal::Css } else { Signal::Reload });
                if unfinished {
                    let rest = live.finish();
                    match rest {
                        Some(Ok(Outcome::Partial(files, gone))) => n += put(&shared, files, &gone),
                        Some(Err(diags)) => report(&shared, &diags, &mut last_error),
                        Some(Ok(Outcome::Full(_))) | None => {}
                    }
                    // Only once every file is in: a request let through now sees them.
                    if let Some(settled) = write(&shared.settling).take() {
                        settled.done.send_replace(true);
                    }
                }
                println!(
                    "{}",
                    messages::text(Msg::ServeRebuilt { files: n, ms: started.elapsed().as_millis() })
                );
                if pages_changed {
                    // The page is up to date; the search index follows a moment later
                    // from another thread, unless another save supersedes it first.
                    if let Some(snapshot) = live.search_snapshot() {
                        indexer.submit(snapshot);
                    }
                }
            }
            Err(diags) => report(&shared, &diags, &mut last_error),
        }
    }
}

/// Makes the search index on its own thread: a rebuild never waits for it, and each
/// change supersedes the index of the site before it.
struct Indexer {
    jobs: std::sync::mpsc::Sender<(u64, crate::search::Snapshot)>,
    /// The generation of the newest site; a job of an older one stops.
    latest: Arc<AtomicU64>,
}

impl Indexer {
    fn start(shared: Arc<Shared>) -> Indexer {
        let (jobs, rx) = std::sync::mpsc::channel::<(u64, crate::search::Snapshot)>();
        let latest = Arc::new(AtomicU64::new(0));
        let newest = latest.clone();
        // Its own single thread for the index's parallel steps: in the shared pool they
        // would queue ahead of the next edit's pages.
        let pool = rayon::ThreadPoolBuilder::new().num_threads(1).build().ok();
        std::thread::spawn(move || {
            while let Ok(mut job) = rx.recv() {
                while let Ok(newer) = rx.try_recv() {
                    job = newer;
                }
                let (generation, snapshot) = job;
                let stale = || newest.load(Ordering::SeqCst) != generation;
                let put_in = || {
                    let run = || snapshot.run(&stale);
                    let made = match &pool {
                        Some(pool) => pool.install(run),
                        None => run(),
                    };
                    let Some(index) = made else { return };
                    let index: Files = index.into_iter().map(|o| (o.path, o.bytes.into())).collect();
                    let mut served = write(&shared.files);
                    // Checked under the lock: a newer site's files may be going in.
                    if stale() {
                        return;
                    }
                    // Shards the site no longer has go with the old index.
                    served.retain(|k, _| !crate::search::is_index_file(k) || index.contains_key(k));
                    served.extend(index);
                };
                put_in();
                drop(snapshot);
                // What this edit and its index freed goes back now, not in the next edit.
                crate::memory::release();
            }
        });
        Indexer { jobs, latest }
    }

    /// The site is changing: the index being made is stale.
    fn supersede(&self) {
        self.latest.fetch_add(1, Ordering::SeqCst);
    }

    fn submit(&self, snapshot: crate::search::Snapshot) {
        let _ = self.jobs.send((self.latest.load(Ordering::SeqCst), snapshot));
    }
}

/// Prints the warnings of the last full build as `loa build` does,
/// unless they are the ones already shown.
fn show_warnings(live: &Live, shown: &mut Vec<String>) {
    let now: Vec<String> = live.warnings().iter().map(ToString::to_string).collect();
    if now.is_empty() || now == *shown {
        *shown = now;
        return;
    }
    for d in crate::error::collapse(live.warnings()) {
        eprintln!("{d}");
    }
    *shown = now;
}

/// Shows a failed rebuild: once in the terminal, and over the page in the browser.
fn report(shared: &Shared, diags: &[Diagnostic], last: &mut Option<String>) {
    let text = diags.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n");
    let text = if text.is_empty() { messages::text(Msg::BuildFailed { errors: 0 }) } else { text };
    // One save can come as several events: say it once, in the terminal and the browser.
    if last.as_deref() == Some(text.as_str()) {
        return;
    }
    eprintln!("{text}");
    *last = Some(text.clone());
    *write(&shared.error) = Some(text.clone());
    let _ = shared.signals.send(Signal::Error(text));
}

fn today() -> String {
    chrono::Local::now().format("%Y-%m-%d").to_string()
}

/// Puts a change's files in and takes the gone ones out; how many that was.
fn put(shared: &Shared, files: Files, gone: &[String]) -> usize {
    let n = files.len() + gone.len();
    let mut served = write(&shared.files);
    for path in gone {
        served.remove(path);
    }
    served.extend(files);
    n
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|p| p.into_inner())
}

fn read<T>(lock: &RwLock<T>) -> std::sync::RwLockReadGuard<'_, T> {
    lock.read().unwrap_or_else(|p| p.into_inner())
}

fn write<T>(lock: &RwLock<T>) -> std::sync::RwLockWriteGuard<'_, T> {
    lock.write().unwrap_or_else(|p| p.into_inner())
}

#[cfg(test)]
mod tests {
    use super::Settling;
    use std::collections::HashSet;
    use std::sync::Arc;

    #[test]
    fn an_unfinished_change_holds_every_made_file_but_its_fresh_ones() {
        let set = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<HashSet<String>>();
        let s = Settling {
            fresh: set(&["tin-tuc/moi/index.html"]),
            constant: Arc::new(set(&["style.css", "anh/a.jpg"])),
            done: tokio::sync::watch::Sender::new(false),
        };
        for held in ["tin-tuc/page/2/index.html", "sitemap.xml", "index.html", "khong-co/index.html"] {
            assert!(s.holds(held), "{held}");
        }
        for served in ["tin-tuc/moi/index.html", "style.css", "anh/a.jpg", "search/index-0.js"] {
            assert!(!s.holds(served), "{served}");
        }
    }
}
