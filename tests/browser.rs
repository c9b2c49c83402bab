//! A real browser (headless Chromium) opens the built site from `file://`.
//!
//! When Chromium is missing these tests fail under CI (`CI` set) and are skipped, loudly,
//! elsewhere. Install it with `apt-get install chromium`.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::Child;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// How long a browser may take for any one step.
const PATIENCE: Duration = Duration::from_secs(30);

use crate::support::Fixture;

const PAGE: &str = "tin-tuc/trang-dau-tien/index.html";

/// The Chromium binary, or `None` (after a loud message) when it is missing outside CI.
pub fn chromium() -> Option<PathBuf> {
    let found =
        ["/usr/bin/chromium", "/usr/bin/chromium-browser"].iter().map(PathBuf::from).find(|p| p.is_file());
    if found.is_none() {
        let ci = std::env::var_os("CI").is_some_and(|v| !v.is_empty());
        assert!(!ci, "Chromium is required under CI (CI is set) but /usr/bin/chromium is missing");
        eprintln!("\n*** SKIPPED browser test: /usr/bin/chromium not found (apt-get install chromium) ***\n");
    }
    found
}

/// `chromium --headless --dump-dom <url>`: the DOM after the page (and its scripts) ran;
/// `extra` adds flags (e.g. `--virtual-time-budget=5000`).
pub fn dump_dom(chromium: &Path, profile: &Path, url: &str, extra: &[&str]) -> String {
    let mut child = Command::new(chromium)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            // Lets a probe page read the document of a file:// iframe.
            "--allow-file-access-from-files",
        ])
        .args(extra)
        .arg(format!("--user-data-dir={}", profile.display()))
        .arg("--dump-dom")
        .arg(url)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("start chromium");
    // Read while it runs: a large DOM would otherwise fill the pipe and stall Chromium.
    let mut stdout = child.stdout.take().expect("stdout");
    let reader = std::thread::spawn(move || {
        let mut dom = Vec::new();
        let _ = stdout.read_to_end(&mut dom);
        dom
    });
    let start = Instant::now();
    while child.try_wait().expect("wait for chromium").is_none() {
        if start.elapsed() > Duration::from_secs(60) {
            let _ = child.kill();
            panic!("chromium did not finish within 60 s on {url}");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let status = child.wait().expect("chromium status");
    assert!(status.success(), "chromium failed on {url}");
    String::from_utf8(reader.join().expect("read the DOM")).expect("DOM is UTF-8")
}

pub fn file_url(path: &Path) -> String {
    format!("file://{}", path.display())
}

// Opened straight from disk, the page has its title and heading.
#[test]
fn page_opened_from_disk_has_its_title() {
    let Some(chromium) = chromium() else { return };
    let fx = Fixture::built_skeleton();
    let dom = dump_dom(&chromium, &fx.tmp().join("profile"), &file_url(&fx.public().join(PAGE)), &[]);
    assert!(dom.contains("<title>Trang tin đầu tiên – Trang thông tin của đơn vị</title>"), "{dom}");
    assert!(dom.contains("Trang tin đầu tiên</h1>"), "{dom}");
    assert!(dom.contains(r#"<link rel="stylesheet" href="../../css/style.css">"#), "{dom}");
}

// From disk, the page's stylesheet loads and every link resolves to an existing file.
// A probe page loads the page in an iframe and reports what the browser resolved.
#[test]
fn stylesheet_and_links_resolve_in_the_browser() {
    let Some(chromium) = chromium() else { return };
    let fx = Fixture::built_skeleton();
    let probe = fx.public().join("probe.html");
    std::fs::write(&probe, PROBE.replace("PAGE", PAGE)).expect("write probe");
    let dom = dump_dom(&chromium, &fx.tmp().join("profile"), &file_url(&probe), &[]);
    let json = dom
        .split("<pre id=\"probe\">")
        .nth(1)
        .and_then(|s| s.split("</pre>").next())
        .unwrap_or_else(|| panic!("probe did not report:\n{dom}"))
        .replace("&amp;", "&")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"");
    let report: serde_json::Value = serde_json::from_str(&json).expect("probe JSON");
    assert_eq!(report["error"], serde_json::Value::Null, "{report}");
    assert_eq!(report["title"], "Trang tin đầu tiên – Trang thông tin của đơn vị");
    let css = file_url(&fx.public().join("css/style.css"));
    let sheets = report["sheets"].as_array().expect("sheets");
    assert!(
        sheets.iter().any(|s| s[0] == css.as_str() && s[1].as_i64().unwrap_or(0) > 0),
        "stylesheet {css} not loaded: {report}"
    );
    let links = report["links"].as_array().expect("links");
    assert!(links.len() > 5, "{report}");
    for link in links {
        let url = link.as_str().expect("link is a string");
        let Some(path) = url.strip_prefix("file://") else {
            continue; // canonical link, external links
        };
        let path = path.split('#').next().unwrap_or_default();
        assert!(
            !path.ends_with('/') && Path::new(path).is_file(),
            "the browser resolved a link to {url}, which is not a file"
        );
    }
}

const PROBE: &str = r#"<!DOCTYPE html>
<html><body><iframe id="f" src="PAGE"></iframe>
<script>
document.getElementById('f').addEventListener('load', function () {
  var out = {};
  try {
    var d = this.contentDocument;
    out.title = d.title;
    out.sheets = Array.prototype.map.call(d.styleSheets, function (s) {
      var n = -1;
      try { n = s.cssRules.length; } catch (e) { n = -2; }
      return [s.href, n];
    });
    out.links = Array.prototype.map.call(d.querySelectorAll('a[href], link[href]'), function (a) { return a.href; });
  } catch (e) { out.error = String(e); }
  var pre = document.createElement('pre');
  pre.id = 'probe';
  pre.textContent = JSON.stringify(out);
  document.body.appendChild(pre);
});
</script></body></html>
"#;

/// Chromium driven over the DevTools protocol.
pub struct Browser {
    child: Child,
    socket: tungstenite::WebSocket<tungstenite::stream::MaybeTlsStream<TcpStream>>,
    next_id: u64,
}

impl Browser {
    pub fn open(chromium: &Path, tmp: &Path, url: &str) -> Browser {
        Browser::open_sized(chromium, tmp, url, (1280, 900))
    }

    /// Opens `url` in a window of `size` (width, height) CSS pixels.
    pub fn open_sized(chromium: &Path, tmp: &Path, url: &str, size: (u32, u32)) -> Browser {
        let mut child = Command::new(chromium)
            .args(["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"])
            .args(["--disable-component-update", "--disable-sync", "--no-first-run"])
            .args(["--remote-debugging-port=0", "--remote-allow-origins=*"])
            .arg(format!("--window-size={},{}", size.0, size.1))
            .arg(format!("--user-data-dir={}", tmp.join("chromium-live").display()))
            .arg(url)
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start chromium");
        let stderr = child.stderr.take().expect("stderr");
        let mut lines = BufReader::new(stderr).lines();
        let browser_ws = loop {
            let line = lines.next().expect("chromium announced DevTools").expect("read stderr");
            if let Some(at) = line.find("ws://") {
                break line[at..].trim().to_owned();
            }
        };
        std::thread::spawn(move || for _ in lines {});
        // The page target: ask the DevTools HTTP endpoint for the list of pages.
        let port = browser_ws.split(':').nth(2).and_then(|p| p.split('/').next()).expect("devtools port");
        let start = Instant::now();
        let page_ws = loop {
            let list = http_get_body(port, "/json/list");
            let found = list
                .split("\"webSocketDebuggerUrl\":")
                .skip(1)
                .zip(list.split("\"type\":").skip(1))
                .find(|(_, kind)| kind.trim_start().starts_with("\"page\""))
                .and_then(|(ws, _)| ws.split('"').nth(1).map(str::to_owned));
            if let Some(ws) = found {
                break ws;
            }
            assert!(start.elapsed() < PATIENCE, "no page target in {list}");
            std::thread::sleep(Duration::from_millis(100));
        };
        let (socket, _) = tungstenite::connect(page_ws.as_str()).expect("connect to the page");
        if let tungstenite::stream::MaybeTlsStream::Plain(stream) = socket.get_ref() {
            stream.set_read_timeout(Some(PATIENCE)).expect("timeout");
        }
        Browser { child, socket, next_id: 1 }
    }

    /// The page's visible text now.
    pub fn text(&mut self) -> String {
        self.eval("document.body ? document.body.innerText : ''").as_str().unwrap_or_default().to_owned()
    }

    /// Opens `url` in the same tab and waits until it has loaded.
    pub fn navigate(&mut self, url: &str) {
        // The old document is marked, so a page already at `url` is not taken for the new one.
        let script = format!(
            "window.__loaOld = true; location.href = {}; 'ok'",
            serde_json::Value::String(url.to_owned())
        );
        self.eval(&script);
        let start = Instant::now();
        loop {
            // Web fonts change the layout when they arrive, possibly after `load`.
            let state = self.eval(
                "(window.__loaOld ? 'old' : document.readyState) + (document.fonts && document.fonts.status === 'loading' ? '-fonts' : '') + ' ' + location.href",
            );
            let state = state.as_str().unwrap_or_default();
            if state.starts_with("complete ") && state.ends_with(url.split('#').next().unwrap_or(url)) {
                return;
            }
            assert!(start.elapsed() < PATIENCE, "{url} did not load: {state}");
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Evaluates a JavaScript expression in the page and returns its value.
    pub fn eval(&mut self, expression: &str) -> serde_json::Value {
        let params = serde_json::json!({ "expression": expression, "returnByValue": true });
        self.call("Runtime.evaluate", params)["result"]["value"].clone()
    }

    /// Makes the page render as on a phone screen `width` × `height` CSS pixels.
    pub fn emulate_phone(&mut self, width: u32, height: u32) {
        let params =
            serde_json::json!({ "width": width, "height": height, "deviceScaleFactor": 2, "mobile": true });
        self.call("Emulation.setDeviceMetricsOverride", params);
    }

    /// Sends one DevTools command and returns its `result`.
    pub fn call(&mut self, method: &str, params: serde_json::Value) -> serde_json::Value {
        let id = self.next_id;
        self.next_id += 1;
        let request = serde_json::json!({ "id": id, "method": method, "params": params }).to_string();
        self.socket.send(tungstenite::Message::text(request)).expect("send to chromium");
        loop {
            let message = self.socket.read().expect("read from chromium");
            let text = message.into_text().map(|t| t.to_string()).unwrap_or_default();
            let Ok(value) = serde_json::from_str::<serde_json::Value>(&text) else { continue };
            if value["id"] == id {
                return value["result"].clone();
            }
        }
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

pub fn http_get_body(port: &str, path: &str) -> String {
    let Ok(mut stream) = TcpStream::connect(format!("127.0.0.1:{port}")) else { return String::new() };
    // The DevTools server may keep the connection open: read what the length says.
    let _ = stream.set_read_timeout(Some(Duration::from_secs(2)));
    let _ = write!(stream, "GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n");
    let mut raw = Vec::new();
    let mut chunk = [0u8; 8192];
    loop {
        match stream.read(&mut chunk) {
            Ok(0) | Err(_) => break,
            Ok(n) => raw.extend_from_slice(&chunk[..n]),
        }
        let text = String::from_utf8_lossy(&raw);
        if let Some((head, body)) = text.split_once("\r\n\r\n") {
            let length = head
                .lines()
                .find_map(|l| {
                    l.to_ascii_lowercase().strip_prefix("content-length:").map(|v| v.trim().to_owned())
                })
                .and_then(|v| v.parse::<usize>().ok());
            if length.is_some_and(|n| body.len() >= n) {
                break;
            }
        }
    }
    let text = String::from_utf8_lossy(&raw).into_owned();
    text.split_once("\r\n\r\n").map(|(_, b)| b.to_owned()).unwrap_or_default()
}
