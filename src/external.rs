//! `loa check --external`: asks every `http(s)` link of the content whether it still
//! answers. A few requests at a time, each with a timeout, the whole run with a time
//! limit; what was not reached in time is said so, not guessed.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};

use crate::error::Diagnostic;
use crate::messages::{self, Msg};
use crate::render::Rendered;
use crate::resolve::Site;

/// `link_checker:` in `config.yaml`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Settings {
    /// Requests in flight at once.
    pub concurrency: usize,
    /// Seconds one request may take.
    pub timeout: u64,
    /// Seconds the whole check may take; links not reached by then are reported as unchecked.
    pub time_limit: u64,
    /// Links starting with one of these are not checked (sites that refuse robots).
    pub skip_prefixes: Vec<String>,
}

impl Default for Settings {
    fn default() -> Self {
        Settings { concurrency: 8, timeout: 10, time_limit: 120, skip_prefixes: Vec::new() }
    }
}

/// One web address and every place it is written.
struct WebLink {
    url: String,
    places: Vec<(PathBuf, usize, String)>,
}

/// What asking a link gave.
enum Outcome {
    Fine,
    Status(u16),
    Timeout,
    HostNotFound,
    NoConnection,
    Failed,
    /// The time limit came first.
    Unchecked,
}

/// The counts shown after the check.
#[derive(Debug, Default, Clone, Copy)]
pub struct Summary {
    pub links: usize,
    pub broken: usize,
    pub unchecked: usize,
}

/// Checks the web links of every page and section; problems are warnings at each place
/// the link is written.
pub fn check(site: &Site, md: &Rendered, settings: &Settings) -> (Vec<Diagnostic>, Summary) {
    let links = collect(site, md, settings);
    let outcomes = ask_all(&links, settings);
    let mut diags = Vec::new();
    let mut summary = Summary { links: links.len(), ..Summary::default() };
    for (link, outcome) in links.iter().zip(outcomes) {
        let url = link.url.as_str();
        let timeout = settings.timeout;
        let msg = match outcome {
            Outcome::Fine => continue,
            Outcome::Status(status) => Msg::ExternalStatus { url, status },
            Outcome::Timeout => Msg::ExternalTimeout { url, seconds: timeout },
            Outcome::HostNotFound => Msg::ExternalNoHost { url },
            Outcome::NoConnection => Msg::ExternalNoConnection { url },
            Outcome::Failed => Msg::ExternalFailed { url },
            Outcome::Unchecked => {
                summary.unchecked += 1;
                let (path, line, text) = &link.places[0];
                let msg = messages::text(Msg::ExternalUnchecked { url, seconds: settings.time_limit });
                diags.push(Diagnostic::note(path, *line, 0, msg).with_excerpt_from(text));
                continue;
            }
        };
        summary.broken += 1;
        let text = messages::text(msg);
        for (path, line, source) in &link.places {
            diags.push(Diagnostic::warning(path, *line, 0, text.clone()).with_excerpt_from(source));
        }
    }
    (diags, summary)
}

fn collect(site: &Site, md: &Rendered, settings: &Settings) -> Vec<WebLink> {
    let pages = site.pages.iter().map(|p| Some(&p.parsed)).zip(&md.pages);
    let sections = site.sections.iter().map(|s| s.parsed.as_ref()).zip(&md.sections);
    let mut links: Vec<WebLink> = Vec::new();
    let mut index: HashMap<String, usize> = HashMap::new();
    for (parsed, html) in pages.chain(sections) {
        let Some(parsed) = parsed else { continue };
        for (url, line) in &html.external {
            if settings.skip_prefixes.iter().any(|p| url.starts_with(p.as_str())) {
                continue;
            }
            // The fragment is for the browser; the server sees the rest.
            let url = url.split('#').next().unwrap_or(url).to_owned();
            let i = *index.entry(url.clone()).or_insert_with(|| {
                links.push(WebLink { url, places: Vec::new() });
                links.len() - 1
            });
            links[i].places.push((parsed.source.shown.clone(), *line, parsed.source.text.clone()));
        }
    }
    links
}

/// Asks every link, `concurrency` at a time, until done or out of time.
fn ask_all(links: &[WebLink], settings: &Settings) -> Vec<Outcome> {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .timeout_global(Some(Duration::from_secs(settings.timeout.max(1))))
        .http_status_as_error(false)
        .user_agent(concat!("loa/", env!("CARGO_PKG_VERSION"), " (link checker)"))
        .build()
        .into();
    let deadline = Instant::now() + Duration::from_secs(settings.time_limit);
    let next = AtomicUsize::new(0);
    let results: Mutex<Vec<(usize, Outcome)>> = Mutex::new(Vec::new());
    let workers = settings.concurrency.clamp(1, 32).min(links.len());
    std::thread::scope(|scope| {
        for _ in 0..workers {
            scope.spawn(|| loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some(link) = links.get(i) else { break };
                let outcome =
                    if Instant::now() >= deadline { Outcome::Unchecked } else { ask(&agent, &link.url) };
                results.lock().unwrap_or_else(|p| p.into_inner()).push((i, outcome));
            });
        }
    });
    let mut results = results.into_inner().unwrap_or_else(|p| p.into_inner());
    results.sort_by_key(|(i, _)| *i);
    results.into_iter().map(|(_, o)| o).collect()
}

/// `HEAD`, then `GET` for servers that do not answer `HEAD` properly.
fn ask(agent: &ureq::Agent, url: &str) -> Outcome {
    let status = |r: Result<ureq::http::Response<ureq::Body>, ureq::Error>| r.map(|r| r.status().as_u16());
    let mut answer = status(agent.head(url).call());
    if matches!(answer, Ok(403 | 405 | 501)) {
        answer = status(agent.get(url).call());
    }
    match answer {
        Ok(code) if code < 400 => Outcome::Fine,
        Ok(code) => Outcome::Status(code),
        Err(ureq::Error::Timeout(_)) => Outcome::Timeout,
        Err(ureq::Error::HostNotFound) => Outcome::HostNotFound,
        Err(ureq::Error::ConnectionFailed | ureq::Error::Io(_)) => Outcome::NoConnection,
        Err(_) => Outcome::Failed,
    }
}
