//! HTTP for the preview: files from memory, the live-reload script and event stream.
//!
//! Only files the site produced are served: a request path is decoded, checked (no `..`,
//! backslashes, NUL or empty segments) and looked up in memory, never on disk.

use std::convert::Infallible;
use std::net::SocketAddr;
use std::sync::atomic::Ordering;
use std::sync::Arc;

use axum::body::Body;
use axum::extract::Request;
use axum::extract::State;
use axum::http::{header, HeaderValue, Method, StatusCode, Uri};
use axum::middleware::Next;
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use tokio::sync::broadcast::error::RecvError;

use super::{Shared, Signal};

/// Where the live-reload script and events live; no site path starts with it.
const PREFIX: &str = "/__loa/";

const LIVE_JS: &str = include_str!("live.js");

pub fn router(shared: Arc<Shared>, bound: SocketAddr) -> Router {
    Router::new()
        .route("/__loa/live.js", get(live_js))
        .route("/__loa/events", get(events))
        .route("/__loa/clients", get(clients))
        .route("/__loa/files", get(files))
        .fallback(file)
        .with_state(shared)
        .layer(axum::middleware::from_fn(move |req: Request, next: Next| guard(bound, req, next)))
}

/// Refuses what a preview never answers: methods other than GET and HEAD (405), and a
/// `Host` that is not this server (a web page using DNS rebinding to read the preview).
async fn guard(bound: SocketAddr, req: Request, next: Next) -> Response {
    if req.method() != Method::GET && req.method() != Method::HEAD {
        let mut response = plain(StatusCode::METHOD_NOT_ALLOWED, "405 Method Not Allowed\n");
        response.headers_mut().insert(header::ALLOW, HeaderValue::from_static("GET, HEAD"));
        return response;
    }
    let host = req.headers().get(header::HOST).and_then(|h| h.to_str().ok()).unwrap_or("");
    if !host_allowed(host, bound) {
        return plain(StatusCode::FORBIDDEN, "403 Forbidden: unknown Host\n");
    }
    next.run(req).await
}

/// Is `host` (the `Host` header) a name of this server? On loopback only `localhost`
/// and loopback addresses are; a server bound to a wider address was exposed on
/// purpose (`--bind`), so any host is accepted there.
pub fn host_allowed(host: &str, bound: SocketAddr) -> bool {
    if !bound.ip().is_loopback() {
        return true;
    }
    let (name, port) = match host.rsplit_once(':') {
        Some((n, p)) if !p.contains(']') => (n, Some(p)),
        _ => (host, None),
    };
    if port.is_some_and(|p| p.parse() != Ok(bound.port())) {
        return false;
    }
    let name = name.trim_start_matches('[').trim_end_matches(']');
    name.eq_ignore_ascii_case("localhost")
        || name.parse::<std::net::IpAddr>().is_ok_and(|ip| ip.is_loopback())
}

fn plain(status: StatusCode, text: &'static str) -> Response {
    (status, [(header::CONTENT_TYPE, "text/plain; charset=utf-8")], text).into_response()
}

async fn live_js() -> Response {
    ([(header::CONTENT_TYPE, "text/javascript; charset=utf-8"), (header::CACHE_CONTROL, "no-store")], LIVE_JS)
        .into_response()
}

async fn clients(State(shared): State<Arc<Shared>>) -> String {
    shared.clients.load(Ordering::SeqCst).to_string()
}

/// The paths served, one a line, sorted (to compare the preview with a build).
async fn files(State(shared): State<Arc<Shared>>) -> String {
    let files = shared.files.read().unwrap_or_else(|p| p.into_inner());
    let mut paths: Vec<&str> = files.keys().map(String::as_str).collect();
    paths.sort_unstable();
    paths.iter().map(|p| format!("{p}\n")).collect()
}

/// Counts a listening browser, and the page it shows, while its event stream lives.
struct Listener(Arc<Shared>, Option<String>);

impl Drop for Listener {
    fn drop(&mut self) {
        self.0.clients.fetch_sub(1, Ordering::SeqCst);
        if let Some(page) = &self.1 {
            let mut open = self.0.open.lock().unwrap_or_else(|p| p.into_inner());
            if let Some(n) = open.get_mut(page) {
                *n -= 1;
                if *n == 0 {
                    open.remove(page);
                }
            }
        }
    }
}

/// The output path of the page a browser shows, from its event stream's `?page=`
/// (`live.js` sends `location.pathname`).
pub fn shown_page(query: &str) -> Option<String> {
    let value = query.split('&').find_map(|kv| kv.strip_prefix("page="))?;
    resolve(&percent_decode(value)?)
}

async fn events(State(shared): State<Arc<Shared>>, uri: Uri) -> impl IntoResponse {
    let rx = shared.signals.subscribe();
    shared.clients.fetch_add(1, Ordering::SeqCst);
    let page = uri.query().and_then(shown_page);
    if let Some(page) = &page {
        *shared.open.lock().unwrap_or_else(|p| p.into_inner()).entry(page.clone()).or_default() += 1;
    }
    // A browser that connects while the site is broken sees the error at once.
    let first = shared.error.read().unwrap_or_else(|p| p.into_inner()).clone().map(Signal::Error);
    let listener = Listener(shared, page);
    let stream =
        futures_util::stream::unfold((rx, first, listener), |(mut rx, first, listener)| async move {
            if let Some(signal) = first {
                return Some((Ok::<_, Infallible>(event(signal)), (rx, None, listener)));
            }
            loop {
                match rx.recv().await {
                    Ok(signal) => return Some((Ok(event(signal)), (rx, None, listener))),
                    Err(RecvError::Lagged(_)) => continue,
                    Err(RecvError::Closed) => return None,
                }
            }
        });
    Sse::new(stream).keep_alive(KeepAlive::default())
}

fn event(signal: Signal) -> Event {
    match signal {
        Signal::Reload => Event::default().event("reload").data("reload"),
        Signal::Css => Event::default().event("css").data("css"),
        Signal::Error(text) => Event::default().event("problem").data(text),
        Signal::Ok => Event::default().event("fixed").data("ok"),
    }
}

/// The output path a request path names, or `None` when it tries to leave the site.
pub fn resolve(raw: &str) -> Option<String> {
    let decoded = percent_decode(raw.split(['?', '#']).next().unwrap_or(""))?;
    let path = decoded.strip_prefix('/')?;
    if path.contains(['\\', '\0']) || path.starts_with('/') || path.contains(':') {
        return None;
    }
    let mut parts = Vec::new();
    let segments: Vec<&str> = path.split('/').collect();
    for (k, seg) in segments.iter().enumerate() {
        match *seg {
            ".." | "." => return None,
            "" if k + 1 == segments.len() => {}
            "" => return None,
            s => parts.push(s),
        }
    }
    let mut out = parts.join("/");
    if path.is_empty() || path.ends_with('/') {
        if !out.is_empty() {
            out.push('/');
        }
        out.push_str("index.html");
    }
    Some(crate::load::nfc(&out))
}

fn percent_decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = |b: u8| (b as char).to_digit(16);
            let (h, l) = (bytes.get(i + 1).copied().and_then(hex)?, bytes.get(i + 2).copied().and_then(hex)?);
            out.push((h * 16 + l) as u8);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

async fn file(State(shared): State<Arc<Shared>>, uri: Uri) -> Response {
    let raw = uri.path();
    if raw.starts_with(PREFIX) {
        return not_found(&shared);
    }
    let Some(path) = resolve(raw) else {
        return (
            StatusCode::BAD_REQUEST,
            [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
            "400 Bad Request\n",
        )
            .into_response();
    };
    settled(&shared, &path).await;
    let found = shared.files.read().unwrap_or_else(|p| p.into_inner()).get(&path).cloned();
    match found {
        Some(bytes) => respond(StatusCode::OK, &path, bytes),
        None => {
            // `/van-ban/x` for a folder: send the browser to `/van-ban/x/`.
            let folder = format!("{path}/index.html");
            let is_folder = shared.files.read().unwrap_or_else(|p| p.into_inner()).contains_key(&folder);
            if is_folder && !raw.ends_with('/') {
                let location = format!("{raw}/");
                return (StatusCode::MOVED_PERMANENTLY, [(header::LOCATION, location)]).into_response();
            }
            not_found(&shared)
        }
    }
}

/// Waits while the change being finished may still make `path` again: a file is never
/// served stale once the browser was told to reload.
async fn settled(shared: &Shared, path: &str) {
    loop {
        let mut done = {
            let settling = shared.settling.read().unwrap_or_else(|p| p.into_inner());
            match settling.as_ref() {
                Some(s) if s.holds(path) => s.done.subscribe(),
                _ => return,
            }
        };
        // A dropped sender ends the wait too; the loop looks again.
        let _ = done.wait_for(|&finished| finished).await;
    }
}

fn not_found(shared: &Shared) -> Response {
    let page = shared.files.read().unwrap_or_else(|p| p.into_inner()).get("404.html").cloned();
    match page {
        Some(bytes) => respond(StatusCode::NOT_FOUND, "404.html", bytes),
        // No site yet (broken at start): a page with the live-reload script, so the
        // browser shows the error and reloads once it is fixed.
        None => respond(
            StatusCode::NOT_FOUND,
            "404.html",
            Arc::from(
                &b"<!doctype html><meta charset=\"utf-8\"><title>404</title><body><p>404</p></body>"[..],
            ),
        ),
    }
}

fn respond(status: StatusCode, path: &str, bytes: Arc<[u8]>) -> Response {
    let mime = content_type(path);
    let body =
        if mime.starts_with("text/html") { Body::from(inject(&bytes)) } else { Body::from(bytes.to_vec()) };
    let mut response = Response::new(body);
    *response.status_mut() = status;
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_str(&mime).unwrap_or(HeaderValue::from_static("application/octet-stream")),
    );
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    headers.insert("x-content-type-options", HeaderValue::from_static("nosniff"));
    response
}

/// Content type with an explicit UTF-8 charset for text.
fn content_type(path: &str) -> String {
    let mime = mime_guess::from_path(path).first_or_octet_stream();
    let text =
        mime.type_() == "text" || matches!(mime.subtype().as_str(), "javascript" | "json" | "xml" | "svg");
    if text {
        format!("{}; charset=utf-8", mime.essence_str())
    } else {
        mime.essence_str().to_owned()
    }
}

/// Adds the live-reload script to a served page (never to `loa build` output).
fn inject(html: &[u8]) -> Vec<u8> {
    let tag = b"<script src=\"/__loa/live.js\"></script>";
    let at = html.windows(7).rposition(|w| w.eq_ignore_ascii_case(b"</body>")).unwrap_or(html.len());
    let mut out = Vec::with_capacity(html.len() + tag.len());
    out.extend_from_slice(&html[..at]);
    out.extend_from_slice(tag);
    out.extend_from_slice(&html[at..]);
    out
}

#[cfg(test)]
mod tests {
    use super::{host_allowed, resolve, shown_page};

    #[test]
    fn only_names_of_the_loopback_server_are_accepted_hosts() {
        let bound: std::net::SocketAddr = "127.0.0.1:1111".parse().unwrap();
        for ok in ["127.0.0.1", "127.0.0.1:1111", "localhost:1111", "LOCALHOST", "[::1]:1111"] {
            assert!(host_allowed(ok, bound), "{ok}");
        }
        for bad in ["evil.example", "evil.example:1111", "127.0.0.1:2222", "", "localhost.evil.example"] {
            assert!(!host_allowed(bad, bound), "{bad}");
        }
        assert!(host_allowed("may.example", "0.0.0.0:1111".parse().unwrap()));
    }

    #[test]
    fn request_paths_map_to_outputs_or_are_refused() {
        assert_eq!(resolve("/").as_deref(), Some("index.html"));
        assert_eq!(resolve("/van-ban/").as_deref(), Some("van-ban/index.html"));
        assert_eq!(resolve("/css/style.css").as_deref(), Some("css/style.css"));
        assert_eq!(resolve("/t%C3%A0i.pdf").as_deref(), Some("tài.pdf"));
        assert_eq!(shown_page("page=%2Ft%25C3%25A0i%2F").as_deref(), Some("tài/index.html"));
        assert_eq!(shown_page("x=1&page=%2F").as_deref(), Some("index.html"));
        assert_eq!(shown_page("page=%2F..%2Fetc"), None);
        for bad in [
            "/../etc/passwd",
            "/%2e%2e/x",
            "/a/../../b",
            "/a\\b",
            "/a%5c..%5cb",
            "/%00",
            "//etc/passwd",
            "/a//b",
            "x",
            "/C:/x",
            "/%zz",
        ] {
            assert_eq!(resolve(bad), None, "{bad}");
        }
    }
}
