//! A real browser (headless Chromium) opens the built site from `file://`.
//!
//! When Chromium is missing these tests fail under CI (`CI` set) and are skipped, loudly,
//! elsewhere. Install it with `apt-get install chromium`.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

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

/// `chromium --headless --dump-dom <url>`: the DOM after the page (and its scripts) loaded.
fn dump_dom(chromium: &Path, profile: &Path, url: &str) -> String {
    let mut child = Command::new(chromium)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            // Lets the probe page read the document of a file:// iframe.
            "--allow-file-access-from-files",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .arg("--dump-dom")
        .arg(url)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("start chromium");
    let start = Instant::now();
    while child.try_wait().expect("wait for chromium").is_none() {
        if start.elapsed() > Duration::from_secs(60) {
            let _ = child.kill();
            panic!("chromium did not finish within 60 s on {url}");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let out = child.wait_with_output().expect("chromium output");
    assert!(out.status.success(), "chromium failed on {url}");
    String::from_utf8(out.stdout).expect("DOM is UTF-8")
}

pub fn file_url(path: &Path) -> String {
    format!("file://{}", path.display())
}

// Opened straight from disk, the page has its title and heading.
#[test]
fn page_opened_from_disk_has_its_title() {
    let Some(chromium) = chromium() else { return };
    let fx = Fixture::built_skeleton();
    let dom = dump_dom(&chromium, &fx.tmp().join("profile"), &file_url(&fx.public().join(PAGE)));
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
    let dom = dump_dom(&chromium, &fx.tmp().join("profile"), &file_url(&probe));
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
