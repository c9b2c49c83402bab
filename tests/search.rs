//! Search (issue 6): the index is built, and headless Chromium finds the right pages
//! from `file://` and over HTTP, forgiving missing diacritics.
//!
//! Each browser check opens `search/index.html?q=…` (the query lives in the URL) and
//! reads the result list from the DOM once the scripts ran. Browser tests need
//! Chromium; see browser.rs for what happens when it is missing.

use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::browser::{chromium, file_url};
use crate::support::Fixture;

/// One entry of the result list.
#[derive(Debug)]
pub(crate) struct Hit {
    pub(crate) href: String,
    /// Title as text.
    pub(crate) title: String,
    /// Title and snippet as HTML (with `<mark>`).
    pub(crate) html: String,
}

/// The status line and the results of a search page's DOM.
#[derive(Debug)]
pub(crate) struct Page {
    pub(crate) status: String,
    pub(crate) hits: Vec<Hit>,
}

impl Page {
    fn top(&self) -> &str {
        self.hits.first().map_or("(no results)", |h| h.href.as_str())
    }

    fn rank(&self, part: &str) -> usize {
        self.hits
            .iter()
            .position(|h| h.href.contains(part))
            .unwrap_or_else(|| panic!("no result links to {part}: {self:#?}"))
    }
}

fn text_of(html: &str) -> String {
    let re = regex::Regex::new("<[^>]+>").unwrap();
    re.replace_all(html, "").replace("&amp;", "&").replace("&quot;", "\"")
}

pub(crate) fn parse(dom: &str) -> Page {
    let status = dom
        .split("id=\"search-status\"")
        .nth(1)
        .and_then(|s| s.split_once('>'))
        .and_then(|(_, s)| s.split("</div>").next())
        .unwrap_or_else(|| panic!("no status in the search page:\n{dom}"));
    let item = regex::Regex::new(r#"(?s)<li class="search-result"[^>]*>(.*?)</li>"#).unwrap();
    let link = regex::Regex::new(r#"(?s)<a href="([^"]+)">(.*?)</a>"#).unwrap();
    let hits = item
        .captures_iter(dom)
        .map(|c| {
            let html = c[1].to_owned();
            let l = link.captures(&html).expect("a result has a link");
            Hit { href: l[1].to_owned(), title: text_of(&l[2]), html: html.clone() }
        })
        .collect();
    Page { status: text_of(status), hits }
}

/// `chromium --dump-dom` with virtual time, so the search scripts run to the end.
fn dump_dom(chromium: &Path, profile: &Path, url: &str) -> String {
    crate::browser::dump_dom(chromium, profile, url, &["--virtual-time-budget=5000"])
}

/// `q` as a URL query value.
pub(crate) fn encode(q: &str) -> String {
    q.bytes()
        .map(|b| match b {
            b' ' => "+".to_owned(),
            b if b.is_ascii_alphanumeric() || b"-_.".contains(&b) => (b as char).to_string(),
            b => format!("%{b:02X}"),
        })
        .collect()
}

/// Runs the queries every search must answer against the search page at `base`
/// (`file:///…/public/` or `http://127.0.0.1:N/`); `suffix` is how result links end
/// (`index.html`, or empty with pretty URLs).
fn check_queries(chromium: &Path, profile: &Path, base: &str, suffix: &str) {
    let search = |q: &str| {
        let page = parse(&dump_dom(chromium, profile, &format!("{base}search/index.html?q={}", encode(q))));
        eprintln!("{q:?} → {} | {:?}", page.status, page.hits.iter().map(|h| &h.href).collect::<Vec<_>>());
        page
    };
    let chi_thi = format!("../van-ban/chi-thi-11-ct-tw/{suffix}");
    let quyet_dinh = format!("../van-ban/quyet-dinh-1373-qd-ttg/{suffix}");

    // Without diacritics, "khuyen hoc" finds "khuyến học", highlighted; the page where
    // the two words stand together ranks above the one where they are apart.
    let p = search("khuyen hoc");
    assert_eq!(p.top(), chi_thi, "{p:#?}");
    assert_eq!(p.hits[0].title, "Chỉ thị về tăng cường sự lãnh đạo của Đảng đối với công tác khuyến học");
    assert!(p.status.contains("kết quả cho “khuyen hoc”"), "{p:#?}");
    let phrase = p.rank("hoi-nghi-khuyen-hoc");
    assert!(p.hits[phrase].html.contains("<mark>khuyến</mark> <mark>học</mark>"), "{p:#?}");
    assert!(phrase < p.rank("khuyen-khich-hoc-vien"), "phrase first: {p:#?}");
    assert!(p.hits[0].html.contains("<mark>khuyến</mark> <mark>học</mark>"), "title highlighted: {p:#?}");
    assert!(
        p.hits[0].html.contains("Chỉ thị") && p.hits[0].html.contains("11-CT/TW"),
        "kind and number: {p:#?}"
    );
    assert!(p.hits[0].html.contains("13/04/2007"), "date as dd/mm/yyyy: {p:#?}");

    // With diacritics, the same.
    assert_eq!(search("khuyến học").top(), chi_thi);

    // Document numbers however typed land on the document.
    for q in ["chi thi 11", "11-CT/TW", "11/ct-tw", "11 ct tw", "Chỉ thị số 11 - CT/TW"] {
        let p = search(q);
        assert_eq!(p.top(), chi_thi, "{q}: {p:#?}");
        assert!(p.rank("ket-luan-49") > 0, "{q}: the page citing it comes after: {p:#?}");
    }
    for q in ["1373", "Quyết định 1373/QĐ-TTg", "1373/qd-ttg"] {
        let p = search(q);
        assert_eq!(p.top(), quyet_dinh, "{q}: {p:#?}");
    }

    // While typing, the last word is a prefix.
    let p = search("khuy");
    for page in ["chi-thi-11-ct-tw", "hoi-nghi-khuyen-hoc", "khuyen-khich-hoc-vien"] {
        p.rank(page);
    }
    assert!(p.hits.iter().any(|h| h.html.contains("<mark>khuyến</mark>")), "{p:#?}");

    // Exact diacritics rank first, in either tone-mark style; folded matches follow.
    let p = search("hòa");
    assert!(p.rank("tai-hoa-nhap") < p.rank("lop-hoa-chat"), "{p:#?}");
    let p = search("hoá chất");
    assert_eq!(p.top(), format!("../tin-tuc/lop-hoa-chat/{suffix}"), "{p:#?}");
    let p = search("hoa");
    p.rank("tai-hoa-nhap");
    p.rank("lop-hoa-chat");

    // đ folds to d.
    let p = search("doan thanh nien");
    assert_eq!(p.top(), format!("../tin-tuc/doan-thanh-nien/{suffix}"), "{p:#?}");
    assert!(p.hits[0].html.contains("<mark>Đoàn</mark>"), "{p:#?}");

    // Nothing found: a helpful message.
    let p = search("xyzzy khuyến");
    assert!(p.hits.is_empty(), "{p:#?}");
    assert!(p.status.contains("Không tìm thấy kết quả nào cho “xyzzy khuyến”"), "{p:#?}");
    assert!(p.status.contains("Gõ không dấu cũng được"), "{p:#?}");
    assert!(p.status.contains("Kiểm tra lại chính tả"), "{p:#?}");
}

/// Types into the search box of the search page (in an iframe of a probe page) and
/// reports the results and the address the page moved to.
fn check_typing(chromium: &Path, profile: &Path, public: &Path, base: &str) {
    std::fs::write(public.join("search-probe.html"), TYPING_PROBE).expect("write probe");
    let dom = dump_dom(chromium, profile, &format!("{base}search-probe.html"));
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
    let first = report["first"].as_str().unwrap_or_default();
    assert!(first.contains("chi-thi-11-ct-tw"), "{report}");
    assert!(report["count"].as_u64().unwrap_or(0) >= 3, "{report}");
    // The query went into the address (where the browser allows it).
    if let Some(search) = report["search"].as_str().filter(|s| !s.is_empty()) {
        assert_eq!(search, "?q=khuyen+h", "{report}");
    }
    assert_eq!(report["focused"], "A", "↓ moves from the box to the first result: {report}");
}

const TYPING_PROBE: &str = r#"<!DOCTYPE html>
<html><body><iframe id="f" src="search/index.html"></iframe>
<script>
var f = document.getElementById('f');
f.addEventListener('load', function () {
  var out = {};
  try {
    var w = f.contentWindow, d = f.contentDocument, input = d.getElementById('search-q');
    var status = d.getElementById('search-status');
    // search.js marks the status with the query once its results are shown.
    new w.MutationObserver(function (changes, observer) {
      if (status.dataset.query !== 'khuyen h' || !status.dataset.snippetMs) return;
      observer.disconnect();
      try {
        var links = d.querySelectorAll('#search-results .item-title a');
        out.count = links.length;
        out.first = links.length ? links[0].getAttribute('href') : null;
        out.search = w.location.search;
        input.dispatchEvent(new w.KeyboardEvent('keydown', { key: 'ArrowDown', bubbles: true }));
        out.focused = d.activeElement ? d.activeElement.tagName : null;
      } catch (e) { out.error = String(e); }
      report(out);
    }).observe(status, { attributes: true });
    input.value = 'khuyen h';
    input.dispatchEvent(new w.Event('input', { bubbles: true }));
  } catch (e) { out.error = String(e); report(out); }
});
function report(out) {
  var pre = document.createElement('pre');
  pre.id = 'probe';
  pre.textContent = JSON.stringify(out);
  document.body.appendChild(pre);
}
</script></body></html>
"#;

/// `python3 -m http.server` on a free port, serving `dir`; stopped when dropped.
struct Server {
    child: Child,
    port: u16,
}

impl Server {
    fn start(dir: &Path) -> Server {
        let port = TcpListener::bind("127.0.0.1:0").expect("free port").local_addr().expect("address").port();
        let child = Command::new("python3")
            .args(["-m", "http.server", "--bind", "127.0.0.1"])
            .arg(port.to_string())
            .current_dir(dir)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start python3 -m http.server");
        let server = Server { child, port };
        let start = Instant::now();
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(start.elapsed() < Duration::from_secs(10), "http.server did not start on port {port}");
            std::thread::sleep(Duration::from_millis(50));
        }
        server
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

// The build writes the search page, its data and a search box on every page.
#[test]
fn build_writes_the_search_page_and_index() {
    let fx = Fixture::copy("search");
    fx.build();
    let page = fx.read_public("search/index.html");
    assert!(page.contains(r#"<script src="../js/search.js" defer></script>"#), "{page}");
    assert!(page.contains(r#"<script src="../search/meta.js" defer data-search-meta></script>"#), "{page}");
    assert!(page.contains(r#"data-root="../""#), "{page}");
    let meta = fx.read_public("search/meta.js");
    assert!(meta.starts_with("loaSearch.m({"), "{meta}");
    assert!(meta.contains(r#""pretty":false"#), "{meta}");
    assert!(meta.contains(r#"["/van-ban/chi-thi-11-ct-tw/","Chỉ thị về tăng cường sự lãnh đạo của Đảng đối với công tác khuyến học","Chỉ thị · 11-CT/TW","2007-04-13","#), "{meta}");
    // A small site has one shard of each kind and one text chunk.
    let files = fx.output_files(".js");
    for f in ["search/meta.js", "search/t-all.js", "search/p-all.js", "search/x-0.js", "js/search.js"] {
        assert!(files.contains(&f.to_owned()), "{files:?}");
    }
    let terms = fx.read_public("search/t-all.js");
    assert!(terms.contains(r#""11cttw":"#), "document numbers are indexed whole");
    assert!(terms.contains(r#""khuyen":["khuyêns","#), "{terms}");
    let news = fx.read_public("tin-tuc/doan-thanh-nien/index.html");
    assert!(
        news.contains(
            r#"<form class="site-search" role="search" action="../../search/index.html" method="get">"#
        ),
        "{news}"
    );
    assert!(!page.contains("site-search"), "no second box on the search page");
}

// `build_search_index: false` writes no index and no search script (js/search.js used
// to be copied anyway).
#[test]
fn search_script_is_not_written_without_an_index() {
    let fx = Fixture::copy("search");
    let config = fx.read("config.yaml");
    fx.write("config.yaml", format!("{config}\nbuild_search_index: false\n"));
    fx.build();
    let files = fx.output_files(".js");
    assert!(!files.iter().any(|f| f == "js/search.js" || f.starts_with("search/")), "{files:?}");
    assert!(!fx.public().join("search/index.html").exists());
}

// From disk (file://), the search page answers every query of the issue.
#[test]
fn search_works_from_disk() {
    let Some(chromium) = chromium() else { return };
    let fx = Fixture::copy("search");
    fx.build();
    let base = format!("{}/", file_url(&fx.public()));
    check_queries(&chromium, &fx.tmp().join("profile"), &base, "index.html");
    check_typing(&chromium, &fx.tmp().join("profile"), &fx.public(), &base);
}

// Over HTTP, with pretty URLs, the same queries give the same pages, linked as folders.
#[test]
fn search_works_over_http_with_pretty_urls() {
    let Some(chromium) = chromium() else { return };
    let fx = Fixture::copy("search");
    let config = fx.read("config.yaml");
    fx.write("config.yaml", format!("{config}pretty_urls: true\n"));
    fx.build();
    assert!(fx.read_public("search/meta.js").contains(r#""pretty":true"#));
    let server = Server::start(&fx.public());
    let base = format!("http://127.0.0.1:{}/", server.port);
    check_queries(&chromium, &fx.tmp().join("profile"), &base, "");
    check_typing(&chromium, &fx.tmp().join("profile"), &fx.public(), &base);
}

// A document is found by every spelling people type for its number (#11): case,
// spaces, dashes, `/` for `-`, no dash at all, the OCR look-alike `Ð`, short forms, and
// the misspellings the site's own pages use ("11-CT/TIV").
#[test]
fn search_finds_documents_by_every_spelling() {
    let Some(chromium) = chromium() else { return };
    let fx = Fixture::copy("spellings");
    // The default theme's pages, with its search box and scripts.
    std::fs::remove_dir_all(fx.path("templates")).expect("remove the fixture's templates");
    fx.build();
    let base = format!("{}/", file_url(&fx.public()));
    let profile = fx.tmp().join("profile");
    let cases: &[(&str, &str)] = &[
        ("11-CT/TW", "chi-thi-11"),
        ("11-ct/tw", "chi-thi-11"),
        ("11 CT/TW", "chi-thi-11"),
        ("11/CT/TW", "chi-thi-11"),
        ("11 - CT / TW", "chi-thi-11"),
        ("11 – CT/TW", "chi-thi-11"),
        ("11CT/TW", "chi-thi-11"),
        ("11-CT/TIV", "chi-thi-11"),
        ("Chỉ thị 11", "chi-thi-11"),
        ("chi thi so 11", "chi-thi-11"),
        ("CT 11", "chi-thi-11"),
        ("Chỉ thị số 11 của Bộ Chính trị", "chi-thi-11"),
        ("Kết luận 49", "ket-luan-49"),
        ("KL 49", "ket-luan-49"),
        ("49-kl/tw", "ket-luan-49"),
        ("1373/QĐ-TTg", "quyet-dinh-1373/"),
        ("1373/qđ-ttg", "quyet-dinh-1373/"),
        ("1373 /QĐ-TTg", "quyet-dinh-1373/"),
        ("1373/QD-TTg", "quyet-dinh-1373/"),
        ("1373/Q\u{d0}-TTg", "quyet-dinh-1373/"),
        ("1373/QĐ\u{a0}-\u{a0}TTg", "quyet-dinh-1373/"),
        ("QĐ 1373 TTg", "quyet-dinh-1373/"),
        ("30/2020/NĐ-CP", "nghi-dinh-30"),
        ("30/2020/nd-cp", "nghi-dinh-30"),
        ("Nghị định 30/2020", "nghi-dinh-30"),
        ("Nghị định 30/2020 của Chính phủ", "nghi-dinh-30"),
        ("36-HD/VPTW", "huong-dan-36"),
        ("Hướng dẫn 36", "huong-dan-36"),
    ];
    let mut failures = Vec::new();
    for (q, want) in cases {
        let url = format!("{base}search/index.html?q={}", encode(q));
        let page = parse(&dump_dom(&chromium, &profile, &url));
        if !page.top().contains(&format!("van-ban/{want}")) {
            failures.push(format!(
                "{q:?}: want {want}, got {:?}",
                page.hits.iter().map(|h| &h.href).collect::<Vec<_>>()
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

// The site's own misspellings of a number are indexed on the document they mean (#11), so
// a search for "11-CT/TIV" lands on Chỉ thị 11-CT/TW; `Ð` (U+00D0) folds like `Đ`.
#[test]
fn search_index_holds_the_sites_misspellings_on_the_document() {
    let fx = Fixture::copy("spellings");
    fx.build();
    let terms = fx.read_public("search/t-all.js");
    let meta = fx.read_public("search/meta.js");
    let pages: Vec<&str> = meta.split("[\"/").skip(1).map(|s| s.split('"').next().unwrap_or("")).collect();
    let doc = pages.iter().position(|p| *p == "van-ban/chi-thi-11/").expect("the document's row");
    let entry = terms.split("\"11cttiv\":").nth(1).expect("the misspelling is a term");
    // Postings: (page - previous) * 128 + bits; the first posting of the entry is its page.
    let first: u64 = entry
        .trim_start_matches(|c: char| !c.is_ascii_digit())
        .split(|c: char| !c.is_ascii_digit())
        .next()
        .and_then(|n| n.parse().ok())
        .expect("a posting");
    assert_eq!(first / 128, doc as u64, "11-CT/TIV is indexed on 11-CT/TW's page: {entry:.80}");
    assert!(!terms.contains("\"q\u{f0}\":"), "ð folds to d: no folded term keeps it");
}
