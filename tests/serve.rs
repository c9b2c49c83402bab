//! `loa serve` over real HTTP: pages, 404s, refused traversal, live reload after an
//! edit, deletions, broken edits with the error overlay, and a real browser that sees
//! an edit without a manual reload. Every wait is bounded; nothing asserts on timing.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Stdio};
use std::time::{Duration, Instant};

use crate::browser::{chromium, Browser};
use crate::support::{loa, Fixture};

/// How long any single wait may take before the test fails.
const PATIENCE: Duration = Duration::from_secs(30);

/// A running `loa serve`, stopped when dropped.
pub(crate) struct Server {
    child: Child,
    port: u16,
}

impl Server {
    pub(crate) fn start(fx: &Fixture) -> Server {
        let mut child = loa(fx.tmp())
            .arg("serve")
            .arg("--root")
            .arg(fx.root())
            .args(["--port", "0"])
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("start loa serve");
        let stdout = child.stdout.take().expect("stdout");
        let mut lines = BufReader::new(stdout).lines();
        let port = loop {
            let line = lines.next().expect("loa serve printed its address").expect("read stdout");
            if let Some(rest) = line.split("http://127.0.0.1:").nth(1) {
                break rest.split('/').next().and_then(|p| p.parse().ok()).expect("a port number");
            }
        };
        // Keep draining stdout so the server never blocks on a full pipe.
        std::thread::spawn(move || for _ in lines {});
        Server { child, port }
    }

    /// Sends a raw request line for `path` (not normalised by any client library).
    pub(crate) fn get(&self, path: &str) -> (u16, String, String) {
        let mut stream = TcpStream::connect(("127.0.0.1", self.port)).expect("connect");
        stream.set_read_timeout(Some(PATIENCE)).expect("timeout");
        write!(stream, "GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n").expect("send");
        let mut raw = Vec::new();
        stream.read_to_end(&mut raw).expect("read response");
        let text = String::from_utf8_lossy(&raw).into_owned();
        let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
        let status = head.split(' ').nth(1).and_then(|s| s.parse().ok()).expect("a status code");
        (status, head.to_ascii_lowercase(), body.to_owned())
    }

    /// Waits until `n` browsers listen for reloads.
    fn wait_for_clients(&self, n: usize) {
        let start = Instant::now();
        while self.get("/__loa/clients").2.trim() != n.to_string() {
            assert!(start.elapsed() < PATIENCE, "no browser connected to the live-reload stream");
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Opens the live-reload event stream.
    fn events(&self) -> Events {
        let mut stream = TcpStream::connect(("127.0.0.1", self.port)).expect("connect");
        stream.set_read_timeout(Some(Duration::from_millis(200))).expect("timeout");
        write!(stream, "GET /__loa/events HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n").expect("send");
        let events = Events { stream, buffer: String::new() };
        self.wait_for_clients(1);
        events
    }

    /// Waits until `path` answers with a body that satisfies `ok`.
    pub(crate) fn wait_until(&self, path: &str, what: &str, ok: impl Fn(u16, &str) -> bool) -> (u16, String) {
        let start = Instant::now();
        loop {
            let (status, _, body) = self.get(path);
            if ok(status, &body) {
                return (status, body);
            }
            assert!(start.elapsed() < PATIENCE, "{path} never {what}; last answer {status}:\n{body}");
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The server-sent event stream, read as text.
struct Events {
    stream: TcpStream,
    buffer: String,
}

impl Events {
    /// Waits for `event: name` and returns its data lines.
    fn wait_for(&mut self, name: &str) -> String {
        let start = Instant::now();
        let marker = format!("event: {name}\n");
        loop {
            if let Some(at) = self.buffer.find(&marker) {
                let rest = &self.buffer[at + marker.len()..];
                if let Some(end) = rest.find("\n\n") {
                    let data = rest[..end]
                        .lines()
                        .filter_map(|l| l.strip_prefix("data: "))
                        .collect::<Vec<_>>()
                        .join("\n");
                    self.buffer = rest[end..].to_owned();
                    return data;
                }
            }
            assert!(start.elapsed() < PATIENCE, "no `{name}` event; the stream said:\n{}", self.buffer);
            let mut chunk = [0u8; 4096];
            if let Ok(n) = self.stream.read(&mut chunk) {
                // Chunked transfer framing and CRLFs do not matter for finding events.
                self.buffer.push_str(&String::from_utf8_lossy(&chunk[..n]).replace("\r\n", "\n"));
            }
        }
    }
}

pub(crate) fn edit(fx: &Fixture, rel: &str, text: &str) {
    // Write to a temporary file and rename it, as many editors save.
    let path = fx.root().join(rel);
    let tmp = path.with_extension("md.tmp~");
    std::fs::write(&tmp, text).expect("write");
    std::fs::rename(&tmp, &path).expect("rename");
}

const BAI_MOT: &str = "content/tin-tuc/bai-mot.md";

#[test]
fn serves_pages_with_the_live_script_and_404s() {
    let fx = Fixture::copy("good");
    let server = Server::start(&fx);
    let (status, head, body) = server.get("/tin-tuc/bai-mot/");
    assert_eq!(status, 200, "{body}");
    assert!(head.contains("content-type: text/html; charset=utf-8"), "{head}");
    assert!(body.contains("<h1>Bài một</h1>"), "{body}");
    assert!(body.contains(r#"<script src="/__loa/live.js"></script></body>"#), "{body}");
    assert_eq!(server.get("/tin-tuc/bai-mot/index.html").0, 200);
    let (status, head, _) = server.get("/tin-tuc/bai-mot");
    assert_eq!(status, 301);
    assert!(head.contains("location: /tin-tuc/bai-mot/"), "{head}");
    let (status, head, _) = server.get("/css/style.css");
    assert_eq!(status, 200);
    assert!(head.contains("content-type: text/css; charset=utf-8"), "{head}");
    let (status, _, body) = server.get("/khong-co/");
    assert_eq!(status, 404);
    assert!(body.contains("<title>404</title>"), "the site's 404.html: {body}");
    // `loa serve` never writes the output folder.
    assert!(!fx.public().exists());
}

#[test]
fn traversal_and_odd_paths_are_refused() {
    let fx = Fixture::copy("good");
    // A file outside the site, and a symlink in static/ pointing at it.
    std::fs::write(fx.tmp().join("secret.txt"), "BÍ MẬT").expect("write secret");
    std::fs::create_dir_all(fx.root().join("static")).expect("mkdir static");
    #[cfg(unix)]
    std::os::unix::fs::symlink(fx.tmp().join("secret.txt"), fx.root().join("static/secret.txt"))
        .expect("symlink");
    let server = Server::start(&fx);
    let attempts = [
        "/../secret.txt",
        "/../../etc/passwd",
        "/%2e%2e/secret.txt",
        "/%2E%2E/%2E%2E/etc/passwd",
        "/tin-tuc/../../secret.txt",
        "/tin-tuc/%2e%2e/%2e%2e/secret.txt",
        "/..%2fsecret.txt",
        "/..%5csecret.txt",
        "/%5c..%5csecret.txt",
        "/tin-tuc\\..\\..\\secret.txt",
        "/%00",
        "/index.html%00.txt",
        "//etc/passwd",
        "/C:/Windows/win.ini",
        "/./config.yaml",
        "/config.yaml",
        "/content/tin-tuc/bai-mot.md",
        "/secret.txt",
        "/templates/page.html",
        "/%zz",
        "/tin-tuc//bai-mot/",
        "/.loa-output",
    ];
    for path in attempts {
        let (status, _, body) = server.get(path);
        assert!(status == 400 || status == 404, "{path} answered {status}");
        assert!(
            !body.contains("BÍ MẬT") && !body.contains("root:") && !body.contains("base_url"),
            "{path} leaked:\n{body}"
        );
    }
}

#[test]
fn an_edit_reloads_the_browser_and_serves_the_new_text() {
    let fx = Fixture::copy("good");
    let server = Server::start(&fx);
    let mut events = server.events();
    edit(&fx, BAI_MOT, "---\ntitle: \"Bài một\"\ndate: 2023-03-01\ntags: [\"Ma túy\"]\n---\nNội dung MỚI.\n");
    events.wait_for("reload");
    server.wait_until("/tin-tuc/bai-mot/", "showed the edit", |s, b| s == 200 && b.contains("Nội dung MỚI."));
    // A change of front matter (the title) rebuilds the lists too.
    edit(&fx, BAI_MOT, "---\ntitle: \"Bài một đã sửa\"\ndate: 2023-03-01\n---\nNội dung MỚI.\n");
    events.wait_for("reload");
    server.wait_until("/tin-tuc/", "listed the new title", |s, b| s == 200 && b.contains("Bài một đã sửa"));
}

// The search index is made after the reload (and dropped when another save comes
// first); it must still catch up with body edits and with full rebuilds, and the old
// index stays served meanwhile.
#[test]
fn search_index_follows_body_and_front_matter_edits() {
    let fx = Fixture::copy("good");
    let server = Server::start(&fx);
    let mut events = server.events();
    let (status, _) = server.wait_until("/search/t-all.js", "was served", |s, _| s == 200);
    assert_eq!(status, 200);
    edit(&fx, BAI_MOT, "---\ntitle: \"Bài một\"\ndate: 2023-03-01\ntags: [\"Ma túy\"]\n---\nTừ lạ zuhrqk.\n");
    events.wait_for("reload");
    server
        .wait_until("/search/t-all.js", "indexed the body edit", |s, b| s == 200 && b.contains("\"zuhrqk\""));
    // A title edit rebuilds everything; the index follows it too.
    edit(&fx, BAI_MOT, "---\ntitle: \"Bài một vxqpt\"\ndate: 2023-03-01\n---\nTừ lạ zuhrqk.\n");
    events.wait_for("reload");
    let (status, _, _) = server.get("/search/meta.js");
    assert_eq!(status, 200, "an index is served while the new one is made");
    server
        .wait_until("/search/t-all.js", "indexed the new title", |s, b| s == 200 && b.contains("\"vxqpt\""));
}

#[test]
fn adding_and_deleting_pages_work() {
    let fx = Fixture::copy("good");
    let server = Server::start(&fx);
    let mut events = server.events();
    fx.write("content/tin-tuc/bai-ba.md", "---\ntitle: \"Bài ba\"\n---\nBa.\n");
    events.wait_for("reload");
    server.wait_until("/tin-tuc/bai-ba/", "appeared", |s, _| s == 200);
    fx.remove("content/tin-tuc/bai-hai.md");
    events.wait_for("reload");
    server.wait_until("/tin-tuc/bai-hai/", "disappeared", |s, _| s == 404);
}

#[test]
fn a_broken_edit_keeps_the_old_site_and_shows_the_error_until_fixed() {
    let fx = Fixture::copy("good");
    let server = Server::start(&fx);
    let mut events = server.events();
    let good = fx.read(BAI_MOT);
    edit(&fx, BAI_MOT, "---\ntitle: \"Bài một\"\n---\nXem [trang](khong-co.md).\n");
    let problem = events.wait_for("problem");
    assert!(
        problem.contains("content/tin-tuc/bai-mot.md:4: link `khong-co.md` points at nothing"),
        "{problem}"
    );
    let (status, _, body) = server.get("/tin-tuc/bai-mot/");
    assert_eq!(status, 200, "the last good page is still served");
    assert!(body.contains("Chỉ thị 11"), "{body}");
    // A browser that connects now is told at once.
    let mut late = server.events_for_second_client();
    assert!(late.wait_for("problem").contains("khong-co.md"));
    edit(&fx, BAI_MOT, &good);
    events.wait_for("fixed");
    events.wait_for("reload");
}

impl Server {
    fn events_for_second_client(&self) -> Events {
        let mut stream = TcpStream::connect(("127.0.0.1", self.port)).expect("connect");
        stream.set_read_timeout(Some(Duration::from_millis(200))).expect("timeout");
        write!(stream, "GET /__loa/events HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n").expect("send");
        Events { stream, buffer: String::new() }
    }
}

// Headless Chromium keeps the page open (remote debugging), the Markdown is edited, and
// the page shows the new text by itself.
#[test]
fn browser_shows_an_edit_without_a_manual_reload() {
    let Some(chromium) = chromium() else { return };
    let fx = Fixture::copy("good");
    let server = Server::start(&fx);
    let url = format!("http://127.0.0.1:{}/tin-tuc/bai-mot/", server.port);
    let mut browser = Browser::open(&chromium, fx.tmp(), &url);
    server.wait_for_clients(1);
    assert!(browser.text().contains("Chỉ thị 11"));
    edit(&fx, BAI_MOT, "---\ntitle: \"Bài một\"\n---\nTrình duyệt thấy CHỮ MỚI.\n");
    let start = Instant::now();
    while !browser.text().contains("CHỮ MỚI") {
        assert!(start.elapsed() < PATIENCE, "the browser never showed the edit:\n{}", browser.text());
        std::thread::sleep(Duration::from_millis(100));
    }
}

#[test]
fn a_busy_port_moves_to_the_next_one_and_says_so() {
    let fx = Fixture::copy("good");
    let taken = std::net::TcpListener::bind("127.0.0.1:0").expect("bind a port");
    let port = taken.local_addr().expect("address").port();
    let mut child = loa(fx.tmp())
        .arg("serve")
        .arg("--root")
        .arg(fx.root())
        .args(["--port", &port.to_string()])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start loa serve");
    let stdout = child.stdout.take().expect("stdout");
    let line = BufReader::new(stdout)
        .lines()
        .map_while(Result::ok)
        .find(|l| l.contains("Serving at"))
        .expect("loa serve printed its address");
    let mut err = String::new();
    let stderr = child.stderr.take().expect("stderr");
    let _ = child.kill();
    let _ = child.wait();
    let _ = BufReader::new(stderr).read_to_string(&mut err);
    assert!(err.contains(&format!("port {port} is busy, trying the next one")), "{err}");
    assert!(!line.contains(&format!(":{port}/")), "{line}");
    drop(taken);
}

impl Server {
    /// Sends `request` as written and returns the status code.
    fn raw(&self, request: &str) -> u16 {
        let mut stream = TcpStream::connect(("127.0.0.1", self.port)).expect("connect");
        stream.set_read_timeout(Some(PATIENCE)).expect("timeout");
        stream.write_all(request.as_bytes()).expect("send");
        let mut raw = Vec::new();
        let _ = stream.read_to_end(&mut raw);
        let text = String::from_utf8_lossy(&raw);
        text.split(' ').nth(1).and_then(|s| s.parse().ok()).expect("a status code")
    }
}

// Regression: any `Host` was answered, so a web page could read the preview through DNS
// rebinding; POST and other methods were answered like GET.
#[test]
fn foreign_hosts_and_methods_other_than_get_are_refused() {
    let fx = Fixture::copy("good");
    let server = Server::start(&fx);
    let port = server.port;
    let req = |method: &str, host: &str| {
        server.raw(&format!("{method} / HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"))
    };
    assert_eq!(req("GET", &format!("127.0.0.1:{port}")), 200);
    assert_eq!(req("GET", &format!("localhost:{port}")), 200);
    assert_eq!(req("HEAD", "localhost"), 200);
    assert_eq!(req("GET", "attacker.example"), 403);
    assert_eq!(req("GET", &format!("attacker.example:{port}")), 403);
    for method in ["POST", "PUT", "DELETE", "OPTIONS", "PATCH"] {
        assert_eq!(req(method, "127.0.0.1"), 405, "{method}");
    }
}

// Regression: the CSS fast path read `static/*.css` from disk, following a link to a
// file outside the site; it now serves only what a build would copy.
#[test]
fn css_fast_path_does_not_follow_a_link_outside_the_site() {
    let fx = Fixture::copy("good");
    fx.write("static/kieu.css", "body { color: black }\n");
    let server = Server::start(&fx);
    server.wait_until("/kieu.css", "was served", |s, b| s == 200 && b.contains("black"));
    let mut events = server.events();
    let foreign = fx.tmp().join("ngoai.css");
    std::fs::write(&foreign, "FOREIGN SECRET").expect("write");
    fx.remove("static/kieu.css");
    #[cfg(unix)]
    std::os::unix::fs::symlink(&foreign, fx.path("static/kieu.css")).expect("symlink");
    events.wait_for("reload");
    let (_, _, body) = server.get("/kieu.css");
    assert!(!body.contains("FOREIGN"), "served the link's target:\n{body}");
}

// Regression: folders created after `serve` started (`static/`, `templates/`) were never
// watched, and a `content/` replaced whole (as `git checkout` does) was no longer watched.
#[test]
fn folders_created_or_replaced_after_start_are_watched() {
    let fx = Fixture::copy("good");
    let server = Server::start(&fx);
    let mut events = server.events();
    std::fs::create_dir(fx.path("static")).expect("mkdir");
    events.wait_for("reload");
    fx.write("static/moi.txt", "tệp mới");
    server.wait_until("/moi.txt", "appeared", |s, b| s == 200 && b.contains("tệp mới"));
    // Replace content/ by a copy, then edit the copy.
    std::fs::rename(fx.path("content"), fx.tmp().join("content-cu")).expect("move");
    crate::support::copy_tree(&fx.tmp().join("content-cu"), &fx.path("content"), &|_| true);
    events.wait_for("reload");
    edit(&fx, BAI_MOT, "---\ntitle: \"Bài một\"\ndate: 2023-03-01\n---\nSau khi thay thư mục.\n");
    server.wait_until("/tin-tuc/bai-mot/", "showed the edit", |s, b| s == 200 && b.contains("Sau khi thay"));
}

// Regression: a site broken when `serve` started answered without the live-reload
// script, so the browser never recovered after the fix.
#[test]
fn a_site_broken_at_start_recovers_in_the_browser() {
    let fx = Fixture::copy("good");
    let good = fx.read("templates/page.html");
    fx.write("templates/page.html", "{% if %}\n");
    let server = Server::start(&fx);
    let (status, _, body) = server.get("/");
    assert_eq!(status, 404);
    assert!(body.contains("/__loa/live.js"), "no live-reload script:\n{body}");
    let mut events = server.events();
    fx.write("templates/page.html", good);
    events.wait_for("reload");
    server.wait_until("/", "recovered", |s, _| s == 200);
}

// Regression: `serve --root /nonexistent` printed "Serving at…" before failing.
#[test]
fn serve_with_a_missing_root_fails_before_listening() {
    let fx = Fixture::empty();
    let out = loa(fx.tmp())
        .args(["serve", "--port", "0", "--root"])
        .arg(fx.tmp().join("khong-co"))
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(!stdout.contains("http://"), "{stdout}");
    assert!(String::from_utf8_lossy(&out.stderr).contains("no `config.yaml` in"));
}

/// Sends `GET path` and returns the status and the body's bytes.
fn get_bytes(server: &Server, path: &str) -> (u16, Vec<u8>) {
    let mut stream = TcpStream::connect(("127.0.0.1", server.port)).expect("connect");
    stream.set_read_timeout(Some(PATIENCE)).expect("timeout");
    write!(stream, "GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n").expect("send");
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).expect("read response");
    let at = raw.windows(4).position(|w| w == b"\r\n\r\n").expect("a header") + 4;
    let head = String::from_utf8_lossy(&raw[..at]).into_owned();
    let status = head.split(' ').nth(1).and_then(|s| s.parse().ok()).expect("a status code");
    (status, raw[at..].to_vec())
}

/// Every file of a directory tree, by path relative to it with `/`.
fn tree(dir: &std::path::Path) -> std::collections::BTreeMap<String, Vec<u8>> {
    let mut out = std::collections::BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).expect("read dir") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let rel = path.strip_prefix(dir).expect("inside").to_string_lossy().replace('\\', "/");
                out.insert(rel, std::fs::read(&path).expect("read"));
            }
        }
    }
    out
}

/// Waits until the preview serves exactly what `loa build` makes of the same content,
/// file for file and byte for byte (the live-reload script aside).
fn assert_same_as_build(fx: &Fixture, server: &Server, step: &str) {
    let out = fx.tmp().join(format!("clean-{}", step.replace(' ', "-")));
    let built = loa(fx.tmp()).arg("build").arg("--root").arg(fx.root()).arg("--output").arg(&out).output();
    let built = built.expect("run loa build");
    assert!(built.status.success(), "{step}: loa build failed:\n{}", String::from_utf8_lossy(&built.stderr));
    let mut expected = tree(&out);
    expected.remove(".loa-output");
    let start = Instant::now();
    loop {
        let listed = server.get("/__loa/files").2;
        let served: Vec<&str> = listed.lines().collect();
        let wanted: Vec<&str> = expected.keys().map(String::as_str).collect();
        let mut problems = Vec::new();
        if served != wanted {
            let extra: Vec<&&str> = served.iter().filter(|p| !expected.contains_key(**p)).collect();
            let missing: Vec<&&str> = wanted.iter().filter(|p| !served.contains(p)).collect();
            problems.push(format!("served but not built: {extra:?}; built but not served: {missing:?}"));
        } else {
            for (path, bytes) in &expected {
                let (status, body) = get_bytes(server, &format!("/{path}"));
                let tag: &[u8] = b"<script src=\"/__loa/live.js\"></script>";
                let body = match body.windows(tag.len()).position(|w| w == tag) {
                    Some(at) if path.ends_with(".html") => [&body[..at], &body[at + tag.len()..]].concat(),
                    _ => body,
                };
                if status != 200 || body != *bytes {
                    let shown = String::from_utf8_lossy(&body).into_owned();
                    let want = String::from_utf8_lossy(bytes).into_owned();
                    problems
                        .push(format!("{path} ({status}) differs:\n--- served\n{shown}\n--- built\n{want}"));
                }
            }
        }
        if problems.is_empty() {
            return;
        }
        // The search index follows the reload a moment later.
        assert!(start.elapsed() < PATIENCE, "{step}: the preview is not the build:\n{}", problems.join("\n"));
        std::thread::sleep(Duration::from_millis(100));
    }
}

// The `search` fixture with two pages per pager and tag feeds: edits there shift pagers,
// neighbours, terms and feeds.
fn paginated_search_site() -> Fixture {
    let fx = Fixture::copy("search");
    let config = fx.read("config.yaml");
    fx.write(
        "config.yaml",
        format!(
            "{config}paginate_by: 2\ntaxonomies:\n  - name: tags\n    title: \"Từ khóa\"\n    feed: true\n"
        ),
    );
    fx
}

// Front-matter edits, new and deleted pages are no longer full rebuilds: the site is
// resolved again from the pages already read and only files whose inputs changed are
// rendered. Whatever that skips would show here as a file that differs from a clean build.
#[test]
fn incremental_rebuilds_serve_exactly_what_a_clean_build_makes() {
    let fx = paginated_search_site();
    let server = Server::start(&fx);
    let mut events = server.events();
    assert_same_as_build(&fx, &server, "start");
    let mut step = |what: &str, change: &dyn Fn()| {
        change();
        events.wait_for("reload");
        assert_same_as_build(&fx, &server, what);
    };
    let chi_thi = "content/van-ban/chi-thi-11-ct-tw.md";
    let text = fx.read(chi_thi);
    // The cited document's title: its page, lists, what cites it, timeline, graph, search.
    step("cited title", &|| {
        edit(&fx, chi_thi, &text.replace("title: \"Chỉ thị về", "title: \"Chỉ thị mới về"))
    });
    let hoi_nghi = "content/tin-tuc/hoi-nghi-khuyen-hoc.md";
    let text = fx.read(hoi_nghi);
    step("tags added", &|| {
        edit(&fx, hoi_nghi, &text.replace("date: 2023-12-20\n", "date: 2023-12-20\ntags: [\"Khuyến học\"]\n"))
    });
    let tagged = text.replace("date: 2023-12-20\n", "date: 2023-12-20\ntags: [\"Khuyến học\"]\n");
    // What a page shows of itself only: its page, the lists and terms showing it, search.
    step("tagged page retitled", &|| {
        let retitled = tagged.replacen("title: \"", "title: \"Sửa: ", 1);
        edit(&fx, hoi_nghi, &retitled.replacen("---\n", "---\ndescription: \"Tóm tắt mới\"\n", 1))
    });
    let new = "content/tin-tuc/bai-moi.md";
    let page = "---\ntitle: \"Bài mới nhất\"\ndate: 2024-02-01\ntags: [\"Tin mới\", \"Khuyến học\"]\n---\n\
                Theo [Chỉ thị](../van-ban/chi-thi-11-ct-tw.md) số 11-CT/TW và Công văn số 77/UBND-VX.\n";
    step("page added", &|| edit(&fx, new, page));
    let doan = "content/tin-tuc/doan-thanh-nien.md";
    let text = fx.read(doan);
    step("date moved", &|| edit(&fx, doan, &text.replace("date: 2023-11-20", "date: 2024-01-05")));
    let lop = "content/tin-tuc/lop-hoa-chat.md";
    let text = fx.read(lop);
    let body_edited = format!("{text}Thêm một câu.\n");
    step("body only", &|| edit(&fx, lop, &body_edited));
    step("title after body", &|| edit(&fx, lop, &body_edited.replace("Tập huấn", "Tập huấn lại")));
    let section = "content/tin-tuc/_index.md";
    step("section title", &|| edit(&fx, section, "---\ntitle: \"Tin tức mới\"\n---\n"));
    let doc = "---\ntitle: \"Công văn về tuyên truyền\"\ndate: 2023-06-01\ndocument:\n  number: \"77/UBND-VX\"\n  \
               kind: cong-van\n  issuer: \"UBND tỉnh Sơn La\"\n  issued: 2023-06-01\n---\nNội dung công văn.\n";
    // The new page's mention of 77/UBND-VX now links to a document.
    step("document added", &|| edit(&fx, "content/van-ban/cong-van-77.md", doc));
    step("page deleted", &|| {
        fx.remove(new);
    });
    let draft = "content/tin-tuc/nhap.md";
    step("draft added", &|| {
        edit(&fx, draft, "---\ntitle: \"Bản nháp\"\ndate: 2024-03-01\ndraft: true\n---\nNháp.\n")
    });
    step("draft published", &|| edit(&fx, draft, "---\ntitle: \"Bản nháp\"\ndate: 2024-03-01\n---\nNháp.\n"));
    // A save that comes while the index of the previous one is being made supersedes it:
    // the index that stays is the newest site's.
    let khuyen = "content/tin-tuc/khuyen-khich-hoc-vien.md";
    let text = fx.read(khuyen);
    step("saved again during the index", &|| {
        edit(&fx, khuyen, &format!("{text}Câu thứ nhất zqxwv.\n"));
        // Past the debounce: the first save is rebuilt and indexed on its own.
        std::thread::sleep(Duration::from_millis(150));
        edit(&fx, khuyen, &format!("{text}Câu thứ hai qzvkx.\n"));
    });
    // Pages of one date are listed by title: a new title moves this one past the other.
    let tai = "content/tin-tuc/tai-hoa-nhap.md";
    let same_date = fx.read(tai).replace("date: 2023-11-02", "date: 2023-11-05");
    step("same date as another", &|| edit(&fx, tai, &same_date));
    step("retitled past a page of the same date", &|| {
        edit(&fx, tai, &same_date.replace("title: \"Chuẩn bị", "title: \"Về chuẩn bị"))
    });
}

// What a visitor finds after edits in the preview is what the built site finds: the
// index after a retitled page, a body edit and a new page answers as a clean build's.
#[test]
fn search_results_after_edits_are_a_clean_builds() {
    let Some(chromium) = chromium() else { return };
    let fx = Fixture::copy("search");
    let server = Server::start(&fx);
    let mut events = server.events();
    let hoi_nghi = "content/tin-tuc/hoi-nghi-khuyen-hoc.md";
    edit(&fx, hoi_nghi, &fx.read(hoi_nghi).replacen("title: \"", "title: \"Zuvqk ", 1));
    events.wait_for("reload");
    let lop = "content/tin-tuc/lop-hoa-chat.md";
    edit(&fx, lop, &format!("{}Thêm chữ qwpxz về khuyến học.\n", fx.read(lop)));
    events.wait_for("reload");
    let page = "---\ntitle: \"Bài mới vkzqp\"\ndate: 2024-02-01\n---\nKhuyến học vkzqp.\n";
    edit(&fx, "content/tin-tuc/bai-moi.md", page);
    events.wait_for("reload");
    // Waits for the index, then holds the clean build in `clean-search-edits`.
    assert_same_as_build(&fx, &server, "search edits");
    let built = fx.tmp().join("clean-search-edits");
    let search_page = crate::browser::file_url(&built.join("search/index.html"));
    // The preview keeps its live-reload stream open: read the results once they are
    // shown and their snippets (loaded after them) have stopped changing.
    let results = |url: &str| {
        let mut browser = Browser::open(&chromium, fx.tmp(), url);
        let start = Instant::now();
        let (mut last, mut same) = (String::new(), 0);
        loop {
            let dom = browser.eval("document.documentElement.outerHTML");
            let dom = dom.as_str().unwrap_or("").to_owned();
            if dom.contains("id=\"search-status\"") && dom.contains("search-snippet") {
                same = if dom == last { same + 1 } else { 0 };
                if same >= 3 || start.elapsed() > PATIENCE {
                    return crate::search::parse(&dom);
                }
            }
            last = dom;
            assert!(start.elapsed() < PATIENCE, "no search page at {url}");
            std::thread::sleep(Duration::from_millis(100));
        }
    };
    for q in ["zuvqk", "qwpxz", "vkzqp", "khuyen hoc"] {
        let q = crate::search::encode(q);
        let served = results(&format!("http://127.0.0.1:{}/search/index.html?q={q}", server.port));
        let clean = results(&format!("{search_page}?q={q}"));
        let hits = |p: &crate::search::Page| -> Vec<(String, String)> {
            p.hits.iter().map(|h| (h.href.clone(), h.html.clone())).collect()
        };
        assert!(!served.hits.is_empty(), "{q}: the preview finds nothing: {served:#?}");
        assert_eq!(hits(&served), hits(&clean), "{q}: the preview's results are not the build's");
        assert_eq!(served.status, clean.status, "{q}");
    }
}

// Regression: `get_page` kept the page as it was at start, so the home page showing it
// served the old text after a body edit of that page (only the page itself was redone).
#[test]
fn get_page_results_follow_a_body_edit() {
    let fx = Fixture::copy("data");
    let server = Server::start(&fx);
    let mut events = server.events();
    server.wait_until("/", "showed the page through get_page", |s, b| {
        s == 200 && b.contains("<strong>bài một</strong>")
    });
    edit(&fx, BAI_MOT, "---\ntitle: \"Bài một\"\ndate: 2023-03-06\n---\nNội dung đã sửa qwzvk.\n");
    events.wait_for("reload");
    server.wait_until("/", "showed the edit through get_page", |s, b| {
        s == 200 && b.contains("Nội dung đã sửa qwzvk.")
    });
}

// Theme strings are read by every page: saving `i18n/vi.yaml` shows the new text.
#[test]
fn editing_a_theme_string_table_rebuilds_the_pages() {
    let fx = Fixture::copy("theme_strings");
    let server = Server::start(&fx);
    let mut events = server.events();
    server.wait_until("/tin-tuc/khuyen-hoc/", "served the page", |s, b| s == 200 && b.contains("Xin chào,"));
    edit(&fx, "i18n/vi.yaml", "greeting: \"Kính chào {name}\"\nhome: \"Trang nhà\"\n");
    events.wait_for("reload");
    server.wait_until("/tin-tuc/khuyen-hoc/", "showed the new string", |s, b| {
        s == 200 && b.contains("Kính chào Chuỗi")
    });
}

// Templates that call `get_page`/`get_section` can show any page: after a front-matter
// edit or a new page every file is rendered again (from the pages already read).
#[test]
fn get_page_and_get_section_follow_front_matter_edits_and_new_pages() {
    let fx = Fixture::copy("data");
    // A page that shows another only through `get_page`.
    fx.write("content/khac/_index.md", "---\ntitle: \"Khác\"\n---\n");
    fx.write("content/khac/xem.md", "---\ntitle: \"Xem\"\ntemplate: \"xem.html\"\n---\nXem.\n");
    fx.write(
        "templates/xem.html",
        "{% set p = get_page(path=\"tin-tuc/bai-mot.md\") %}<p>{{ p.title }}</p>\n",
    );
    let server = Server::start(&fx);
    let mut events = server.events();
    assert_same_as_build(&fx, &server, "start");
    let text = fx.read(BAI_MOT);
    edit(&fx, BAI_MOT, &text.replace("title: \"", "title: \"Đã sửa "));
    events.wait_for("reload");
    assert_same_as_build(&fx, &server, "title");
    edit(&fx, "content/tin-tuc/bai-hai.md", "---\ntitle: \"Bài hai\"\ndate: 2023-03-07\n---\nHai.\n");
    events.wait_for("reload");
    assert_same_as_build(&fx, &server, "new page");
}

// Structural edits, each checked file by file against a clean build: terms a page
// enters and leaves (a term made, a term left empty), a page added to a section that
// had none of its terms, a page with neighbours deleted, and a page moved between
// sections (its URL, both sections' lists and both neighbours change).
#[test]
fn tag_edits_new_deleted_and_moved_pages_serve_what_a_clean_build_makes() {
    let fx = paginated_search_site();
    let lop = "content/tin-tuc/lop-hoa-chat.md";
    let lop_text = fx.read(lop);
    let tagged = lop_text.replace("date: 2023-11-05\n", "date: 2023-11-05\ntags: [\"An toàn\", \"Kho\"]\n");
    fx.write(lop, &tagged);
    let server = Server::start(&fx);
    let mut events = server.events();
    assert_same_as_build(&fx, &server, "start tagged");
    let mut step = |what: &str, change: &dyn Fn()| {
        change();
        events.wait_for("reload");
        assert_same_as_build(&fx, &server, what);
    };
    step("tag added, new term", &|| edit(&fx, lop, &tagged.replace("\"Kho\"]", "\"Kho\", \"Hóa chất\"]")));
    step("tag removed, term left empty", &|| edit(&fx, lop, &tagged.replace(", \"Kho\"]", "]")));
    step("tags removed", &|| edit(&fx, lop, &lop_text));
    let doan = "content/tin-tuc/doan-thanh-nien.md";
    let doan_text = fx.read(doan);
    step("tag shared by two pages", &|| {
        edit(&fx, lop, &tagged);
        edit(&fx, doan, &doan_text.replace("date: 2023-11-20\n", "date: 2023-11-20\ntags: [\"Kho\"]\n"));
    });
    // The home section is the other one (pages under `van-ban/` must be documents).
    let new = "content/bai-moi.md";
    step("page added to another section", &|| {
        edit(&fx, new, "---\ntitle: \"Văn bản mới\"\ndate: 2023-11-10\ntags: [\"Kho\"]\n---\nMới.\n")
    });
    let khuyen = "content/tin-tuc/khuyen-khich-hoc-vien.md";
    step("page with neighbours deleted", &|| {
        fx.remove(khuyen);
    });
    step("page moved between sections", &|| {
        let text = fx.read(doan);
        fx.remove(doan);
        edit(&fx, "content/doan-thanh-nien.md", &text);
    });
    step("added page deleted", &|| {
        fx.remove(new);
    });
}

// Regression: after a body edit the home page's `site.recent_pages` kept the page's old
// list item (summary, word count), while the page and the lists showed the new one.
#[test]
fn recent_pages_follow_a_body_edit() {
    let fx = Fixture::copy("search");
    fx.write(
        "templates/index.html",
        "{% for p in site.recent_pages %}<p>{{ p.title }}: {{ p.word_count }} {{ p.summary | safe }}</p>{% endfor %}\n",
    );
    let server = Server::start(&fx);
    let mut events = server.events();
    assert_same_as_build(&fx, &server, "start recent");
    let khuyen = "content/tin-tuc/khuyen-khich-hoc-vien.md";
    edit(&fx, khuyen, &format!("{}Thêm vài chữ nữa vào bài.\n", fx.read(khuyen)));
    events.wait_for("reload");
    assert_same_as_build(&fx, &server, "recent after body edit");
}

// New and deleted pages, each checked file by file against a clean build: a newest page
// that shifts every pager page of a paginated section and its neighbours, a page that
// brings a term no page had (with its feed), that page deleted (the term goes), and a
// document deleted that cites another (the cited one's citations and the catalogue shrink).
#[test]
fn new_and_deleted_pages_in_paginated_sections_terms_and_documents_serve_a_clean_build() {
    let fx = paginated_search_site();
    let server = Server::start(&fx);
    let mut events = server.events();
    assert_same_as_build(&fx, &server, "start paginated");
    let mut step = |what: &str, change: &dyn Fn()| {
        change();
        events.wait_for("reload");
        assert_same_as_build(&fx, &server, what);
    };
    let newest = "content/tin-tuc/moi-nhat.md";
    step("newest page in a paginated section", &|| {
        edit(&fx, newest, "---\ntitle: \"Mới nhất\"\ndate: 2025-01-01\n---\nBài mới nhất.\n")
    });
    let tagged = "content/tin-tuc/co-tu-khoa.md";
    step("new page with a new tag", &|| {
        edit(&fx, tagged, "---\ntitle: \"Có từ khóa\"\ndate: 2023-11-03\ntags: [\"Chưa có ai\"]\n---\nMới.\n")
    });
    step("page with the only page of its term deleted", &|| {
        fx.remove(tagged);
    });
    step("document page deleted", &|| {
        fx.remove("content/van-ban/ket-luan-49-kl-tw.md");
    });
    step("newest page deleted", &|| {
        fx.remove(newest);
    });
}

// A new or deleted page is put into or taken out of the site in place (not resolved
// again): each step is checked file by file against a clean build. Pager counts that
// grow and shrink, the first and the last page of a list going, a page whose date puts
// it first, a page added and another removed in one batch, a page citing a document.
#[test]
fn pages_coming_and_going_in_place_serve_a_clean_build() {
    let fx = paginated_search_site();
    let server = Server::start(&fx);
    let mut events = server.events();
    assert_same_as_build(&fx, &server, "start in place");
    let mut step = |what: &str, change: &dyn Fn()| {
        change();
        events.wait_for("reload");
        assert_same_as_build(&fx, &server, what);
    };
    let page = |title: &str, date: &str| format!("---\ntitle: \"{title}\"\ndate: {date}\n---\nNội dung.\n");
    let sixth = "content/tin-tuc/thu-sau.md";
    step("new page, same pager count", &|| edit(&fx, sixth, &page("Thứ sáu", "2023-11-10")));
    let seventh = "content/tin-tuc/thu-bay.md";
    step("new page adds a pager page", &|| edit(&fx, seventh, &page("Thứ bảy", "2023-11-12")));
    step("new page whose date puts it first", &|| {
        edit(&fx, "content/tin-tuc/dau-tien.md", &page("Đầu tiên", "2026-01-01"))
    });
    step("first page of the list deleted", &|| {
        fx.remove("content/tin-tuc/dau-tien.md");
    });
    step("last page of the list deleted", &|| {
        fx.remove("content/tin-tuc/tai-hoa-nhap.md");
    });
    step("deleted page takes a pager page away", &|| {
        fx.remove(seventh);
    });
    step("page added and another removed in one batch", &|| {
        edit(&fx, "content/tin-tuc/cung-luc.md", &page("Cùng lúc", "2023-12-01"));
        fx.remove(sixth);
    });
    step("new page on the home section", &|| edit(&fx, "content/o-goc.md", &page("Ở gốc", "2023-10-01")));
    step("new page citing a document", &|| {
        edit(
            &fx,
            "content/tin-tuc/trich-dan.md",
            "---\ntitle: \"Trích dẫn\"\ndate: 2023-12-05\n---\nTheo [Chỉ thị](/van-ban/chi-thi-11-ct-tw/).\n",
        )
    });
    step("page citing a document deleted", &|| {
        fx.remove("content/tin-tuc/trich-dan.md");
    });
}

/// What `loa build` makes of `fx`, by path (the search index aside, which the preview
/// makes after the reload).
fn built(fx: &Fixture, step: &str) -> std::collections::BTreeMap<String, Vec<u8>> {
    let out = fx.tmp().join(format!("built-{}", step.replace(' ', "-")));
    let built = loa(fx.tmp()).arg("build").arg("--root").arg(fx.root()).arg("--output").arg(&out).output();
    let built = built.expect("run loa build");
    assert!(built.status.success(), "{step}: loa build failed:\n{}", String::from_utf8_lossy(&built.stderr));
    let mut files = tree(&out);
    files.retain(|p, _| p != ".loa-output" && !(p.split('/').any(|s| s == "search") && p.ends_with(".js")));
    files
}

/// Asks for every file of `expected` at once (no retry) and for every path of `before`
/// it no longer has: each must be what the build made, or a 404.
fn assert_served_at_once(
    server: &Server,
    step: &str,
    expected: &std::collections::BTreeMap<String, Vec<u8>>,
    before: &std::collections::BTreeMap<String, Vec<u8>>,
) {
    let tag: &[u8] = b"<script src=\"/__loa/live.js\"></script>";
    for (path, bytes) in expected {
        let (status, body) = get_bytes(server, &format!("/{path}"));
        let body = match body.windows(tag.len()).position(|w| w == tag) {
            Some(at) if path.ends_with(".html") => [&body[..at], &body[at + tag.len()..]].concat(),
            _ => body,
        };
        assert!(
            status == 200 && body == *bytes,
            "{step}: {path} ({status}) is not the build's right after the reload:\n--- served\n{}\n--- built\n{}",
            String::from_utf8_lossy(&body),
            String::from_utf8_lossy(bytes)
        );
    }
    for path in before.keys().filter(|p| !expected.contains_key(*p)) {
        let (status, _) = get_bytes(server, &format!("/{path}"));
        assert_eq!(status, 404, "{step}: {path} is gone from the build but still served");
    }
}

// Regression for sending the reload before every file of an in-place change is made
// again (a new page shifts every pager page of its section; tag edits change term
// pages): a file asked for right after the reload, on screen or not, is already the
// clean build's, never the one from before the edit, and a file gone is gone. The
// expected files come from a twin of the site, built before the preview's is changed.
#[test]
fn files_asked_for_right_after_the_reload_are_never_stale() {
    let (fx, twin) = (paginated_search_site(), paginated_search_site());
    let lop = "content/tin-tuc/lop-hoa-chat.md";
    let lop_text = fx.read(lop);
    let tagged = lop_text.replace("date: 2023-11-05\n", "date: 2023-11-05\ntags: [\"An toàn\", \"Kho\"]\n");
    fx.write(lop, &tagged);
    twin.write(lop, &tagged);
    let server = Server::start(&fx);
    // One browser shows a pager page, rendered before the reload; the others after it.
    let mut stream = TcpStream::connect(("127.0.0.1", server.port)).expect("connect");
    stream.set_read_timeout(Some(Duration::from_millis(200))).expect("timeout");
    write!(stream, "GET /__loa/events?page=%2Ftin-tuc%2Fpage%2F2%2F HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        .expect("send");
    let mut events = Events { stream, buffer: String::new() };
    server.wait_for_clients(1);
    assert_same_as_build(&fx, &server, "start at once");
    let mut before = built(&twin, "start");
    let page = |title: &str, date: &str| format!("---\ntitle: \"{title}\"\ndate: {date}\n---\nNội dung.\n");
    let first = "content/tin-tuc/dau-tien.md";
    let seventh = "content/tin-tuc/thu-bay.md";
    type Step<'a> = (&'a str, Box<dyn Fn(&Fixture) + 'a>);
    let steps: Vec<Step> = vec![
        ("tag added", Box::new(|f| edit(f, lop, &tagged.replace("\"Kho\"]", "\"Kho\", \"Hóa chất\"]")))),
        ("tag removed", Box::new(|f| edit(f, lop, &tagged.replace(", \"Kho\"]", "]")))),
        ("new page first", Box::new(|f| edit(f, first, &page("Đầu tiên", "2026-01-01")))),
        ("new page adds a pager", Box::new(|f| edit(f, seventh, &page("Bảy", "2023-11-12")))),
        (
            "first page deleted",
            Box::new(|f| {
                f.remove(first);
            }),
        ),
        (
            "pager page goes",
            Box::new(|f| {
                f.remove(seventh);
            }),
        ),
    ];
    for (what, change) in steps {
        change(&twin);
        let expected = built(&twin, what);
        change(&fx);
        events.wait_for("reload");
        assert_served_at_once(&server, what, &expected, &before);
        before = expected;
    }
}
