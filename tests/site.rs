//! The centre's real site in Chromium (issue #13): previous/next run in time order,
//! bulletin summaries skip the greeting, Vietnamese text in one font, the printed
//! bulletin, the citation graph on a phone.

use std::collections::BTreeMap;

use crate::browser::{chromium, file_url, Browser};
use crate::support::real_site;

const ORDER: &str = r#"(function () {
  var t = document.querySelector('main time[datetime]');
  var p = document.querySelector('a[rel=prev]'), n = document.querySelector('a[rel=next]');
  return JSON.stringify({ date: t ? t.getAttribute('datetime') : '', prev: p ? p.href : '', next: n ? n.href : '' });
})()"#;

// Regression: "Bản tin trước" on bulletin 02 (08/03) went to 10/03, and "Bài trước" of
// the oldest document to a newer one. Previous is earlier in time, next is later.
#[test]
fn previous_and_next_run_forward_in_time() {
    let Some(chromium) = chromium() else { return };
    let fx = real_site();
    let mut pages: Vec<String> = Vec::new();
    for section in ["ban-tin", "van-ban"] {
        for entry in std::fs::read_dir(fx.path(&format!("content/{section}"))).expect("read content") {
            let name = entry.expect("entry").file_name().to_string_lossy().into_owned();
            if let Some(stem) = name.strip_suffix(".md").filter(|s| *s != "_index") {
                pages.push(file_url(&fx.public().join(format!("{section}/{stem}/index.html"))));
            }
        }
    }
    let mut browser = Browser::open(&chromium, fx.tmp(), &pages[0]);
    let mut seen: BTreeMap<String, (String, String, String)> = BTreeMap::new();
    for url in &pages {
        browser.navigate(url);
        let v: serde_json::Value =
            serde_json::from_str(browser.eval(ORDER).as_str().unwrap_or("{}")).expect("order JSON");
        let s = |k: &str| v[k].as_str().unwrap_or_default().to_owned();
        seen.insert(url.clone(), (s("date"), s("prev"), s("next")));
    }
    for (url, (date, prev, next)) in &seen {
        assert!(!date.is_empty(), "{url}: no date");
        if let Some((prev_date, ..)) = seen.get(prev) {
            assert!(prev_date <= date, "{url} ({date}): previous {prev} is later ({prev_date})");
        }
        if let Some((next_date, ..)) = seen.get(next) {
            assert!(next_date >= date, "{url} ({date}): next {next} is earlier ({next_date})");
        }
    }
    let b02 = &seen[&file_url(&fx.public().join("ban-tin/02-chi-thi-11-ket-luan-49/index.html"))];
    assert!(b02.1.ends_with("/ban-tin/01-gioi-thieu-cong-van-55/index.html"), "{b02:?}");
    let oldest = &seen[&file_url(&fx.public().join("van-ban/chi-thi-11-ct-tw/index.html"))];
    assert_eq!(oldest.1, "", "the oldest document has no previous one: {oldest:?}");
}

// Regression: every bulletin's summary was its greeting ("Kính thưa toàn thể…").
#[test]
fn bulletin_summaries_skip_the_greeting() {
    let fx = real_site();
    let list = fx.read_public("ban-tin/index.html");
    let summaries: Vec<&str> = list.split("<div class=\"item-summary\">").skip(1).collect();
    assert!(summaries.len() >= 4, "{list}");
    for s in summaries {
        let first = s.split("</div>").next().unwrap_or_default();
        assert!(!first.contains("Kính thưa"), "summary is the greeting: {first}");
    }
}

/// The fonts Chromium used for the text directly inside each element matching
/// `selector`: (family, custom web font?) pairs.
fn platform_fonts(browser: &mut Browser, selector: &str) -> Vec<(String, bool)> {
    browser.call("DOM.enable", serde_json::json!({}));
    browser.call("CSS.enable", serde_json::json!({}));
    let root = browser.call("DOM.getDocument", serde_json::json!({ "depth": 0 }));
    let nodes = browser.call(
        "DOM.querySelectorAll",
        serde_json::json!({ "nodeId": root["root"]["nodeId"], "selector": selector }),
    );
    let mut fonts = Vec::new();
    for id in nodes["nodeIds"].as_array().cloned().unwrap_or_default() {
        let used = browser.call("CSS.getPlatformFontsForNode", serde_json::json!({ "nodeId": id }));
        for f in used["fonts"].as_array().cloned().unwrap_or_default() {
            let family = f["familyName"].as_str().unwrap_or_default().to_owned();
            fonts.push((family, f["isCustomFont"].as_bool().unwrap_or(false)));
        }
    }
    fonts
}

// Regression: without Times New Roman / Segoe UI, "ư", "ơ", "ạ" came from a second font
// inside a word. Every Vietnamese text is drawn with the theme's own Noto fonts, from
// `file://`, on screen and on the print page.
#[test]
fn vietnamese_text_uses_one_shipped_font() {
    let fx = real_site();
    // Inlined, so nothing to fetch: the same from file:// (any browser) and over HTTP.
    for css in ["css/fonts-sans.css", "css/fonts-serif.css"] {
        let text = fx.read_public(css);
        assert_eq!(
            text.matches("url(").count(),
            text.matches("url(data:font/woff2;base64,").count(),
            "{css}"
        );
        assert!(text.contains("U+1EA0-1EF9"), "{css} lacks the Vietnamese subset");
    }
    let Some(chromium) = chromium() else { return };
    let pages: &[(&str, &str, &str)] = &[
        ("index.html", "h1, main .prose p", "Noto Sans"),
        ("van-ban/cong-van-55-cv-cb/index.html", "h1, .doc-card dd", "Noto"),
        ("ban-tin/02-chi-thi-11-ket-luan-49/index.html", "h1, .script .text", "Noto"),
        ("ban-tin/02-chi-thi-11-ket-luan-49/in/index.html", ".sheet-title, .script .text", "Noto Serif"),
    ];
    let mut browser = Browser::open(&chromium, fx.tmp(), &file_url(&fx.public().join(pages[0].0)));
    for (page, selector, family) in pages {
        browser.navigate(&file_url(&fx.public().join(page)));
        browser.eval("document.fonts.ready.then(() => 1)");
        std::thread::sleep(std::time::Duration::from_millis(300));
        let fonts = platform_fonts(&mut browser, selector);
        assert!(!fonts.is_empty(), "{page}: nothing matched {selector}");
        for (name, custom) in &fonts {
            assert!(
                name.starts_with(family) && *custom,
                "{page} `{selector}`: text drawn with {name} (web font: {custom}); all fonts: {fonts:?}"
            );
        }
    }
}

/// Prints `url` to a PDF with Chromium (no browser header/footer) and returns its path.
fn print_pdf(chromium: &std::path::Path, tmp: &std::path::Path, url: &str, name: &str) -> std::path::PathBuf {
    let pdf = tmp.join(name);
    let status = std::process::Command::new(chromium)
        .args(["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"])
        .args(["--disable-component-update", "--disable-sync", "--no-first-run", "--no-pdf-header-footer"])
        .arg(format!("--user-data-dir={}", tmp.join("chromium-print").display()))
        // Printing waits for the web fonts: without a budget it can start before they load.
        .arg("--virtual-time-budget=10000")
        .arg(format!("--print-to-pdf={}", pdf.display()))
        .arg(url)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status()
        .expect("start chromium");
    assert!(status.success() && pdf.is_file(), "chromium did not print {url}");
    pdf
}

/// `tool args… PDF`, failing loudly when poppler-utils is missing.
fn poppler(tool: &str, args: &[&str], pdf: &std::path::Path) -> String {
    let out = std::process::Command::new(tool)
        .args(args)
        .arg(pdf)
        .args(if tool == "pdftotext" { &["-"][..] } else { &[][..] })
        .output()
        .unwrap_or_else(|e| panic!("run {tool}: {e} (apt-get install poppler-utils)"));
    assert!(out.status.success(), "{tool} failed: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).into_owned()
}

// The printed bulletin: "Trang 1/2" on every page, the administrative header and
// "Sơn La, ngày 08 tháng 3 năm 2023" from `print:` in config.yaml, the approval and
// reader block, and only the shipped Noto fonts embedded (no fallback inside a word).
#[test]
fn printed_bulletin_has_page_numbers_header_and_one_font_family() {
    let Some(chromium) = chromium() else { return };
    let fx = real_site();
    let url = file_url(&fx.public().join("ban-tin/02-chi-thi-11-ket-luan-49/in/index.html"));
    let pdf = print_pdf(&chromium, fx.tmp(), &url, "ban-tin-02.pdf");
    let pages: usize = poppler("pdfinfo", &[], &pdf)
        .lines()
        .find_map(|l| l.strip_prefix("Pages:").map(|n| n.trim().parse().unwrap_or(0)))
        .unwrap_or(0);
    assert!(pages >= 2, "the bulletin should take more than one page ({pages})");
    let text = poppler("pdftotext", &[], &pdf);
    for n in 1..=pages {
        assert!(text.contains(&format!("Trang {n}/{pages}")), "no `Trang {n}/{pages}`:\n{text}");
    }
    for want in [
        "CƠ SỞ ĐIỀU TRỊ NGHIỆN MA",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Sơn La, ngày 08 tháng 3 năm 2023",
        "NGƯỜI DUYỆT",
        "NGƯỜI ĐỌC",
    ] {
        assert!(text.contains(want), "`{want}` missing from the PDF:\n{text}");
    }
    let fonts = poppler("pdffonts", &[], &pdf);
    let names: Vec<&str> = fonts.lines().skip(2).filter_map(|l| l.split_whitespace().next()).collect();
    assert!(!names.is_empty(), "{fonts}");
    for name in names {
        let family = name.split('+').next_back().unwrap_or(name);
        assert!(
            family.starts_with("NotoSerif") || family.starts_with("NotoSans"),
            "fallback font {name}:\n{fonts}"
        );
    }
}

// From the schedule, one day's (or week's) bulletins print together, each starting on
// a new page, and nothing of the other days.
#[test]
fn schedule_prints_one_day_or_one_week_together() {
    let Some(chromium) = chromium() else { return };
    let fx = real_site();
    let schedule = fx.read_public("ban-tin/lich-phat/index.html");
    assert!(
        schedule.contains("href=\"../../ban-tin/lich-phat/in/index.html#ngay-2023-03-08\""),
        "{schedule}"
    );
    assert!(schedule.contains("href=\"../../ban-tin/lich-phat/in/index.html#tuan-2023-W10\""), "{schedule}");
    let combined = file_url(&fx.public().join("ban-tin/lich-phat/in/index.html"));
    let day = poppler(
        "pdftotext",
        &[],
        &print_pdf(&chromium, fx.tmp(), &format!("{combined}#ngay-2023-03-08"), "day.pdf"),
    );
    assert_eq!(day.matches("BẢN TIN PHÁT THANH").count(), 1, "{day}");
    assert!(day.contains("ngày 08 tháng 3 năm 2023") && !day.contains("ngày 06 tháng 3 năm 2023"), "{day}");
    assert!(day.contains("Trang 1/"), "{day}");
    let week = poppler(
        "pdftotext",
        &[],
        &print_pdf(&chromium, fx.tmp(), &format!("{combined}#tuan-2023-W10"), "week.pdf"),
    );
    // 06, 08 and 10 March are in ISO week 10; 13 March is not.
    assert_eq!(week.matches("BẢN TIN PHÁT THANH").count(), 3, "{week}");
    assert!(!week.contains("ngày 13 tháng 3 năm 2023"), "{week}");
    let first_page = week.split('\u{c}').next().unwrap_or_default();
    assert!(first_page.contains("BẢN TIN PHÁT THANH"), "the first page is blank:\n{week}");
}

// Regression: `kich-ban.txt` without a byte-order mark opened from disk showed mojibake
// in the browser, and Notepad on older Windows showed one long line. It is UTF-8 with a
// BOM and CRLF line endings, and Chromium reads the Vietnamese text exactly.
#[test]
fn reading_script_file_opens_on_windows_and_in_the_browser() {
    let fx = crate::support::Fixture::copy("bulletins");
    fx.build();
    let bytes = std::fs::read(fx.public().join("ban-tin/khuyen-hoc/kich-ban.txt")).expect("read script");
    assert!(bytes.starts_with("\u{feff}".as_bytes()), "no UTF-8 byte-order mark");
    let text = String::from_utf8(bytes).expect("UTF-8");
    assert!(text.contains("\r\n"), "no CRLF line endings");
    assert_eq!(text.matches('\n').count(), text.matches("\r\n").count(), "a bare LF line ending");
    let Some(chromium) = chromium() else { return };
    let url = file_url(&fx.public().join("ban-tin/khuyen-hoc/kich-ban.txt"));
    let dom = crate::browser::dump_dom(&chromium, &fx.tmp().join("profile"), &url, &[]);
    let first = text.trim_start_matches('\u{feff}').lines().next().unwrap_or_default().trim().to_owned();
    assert!(!first.is_ascii(), "the first line should have Vietnamese letters: {first}");
    assert!(dom.contains(&first), "Chromium does not show `{first}` exactly:\n{dom}");
}

// Regression: 9 documents made a 4,700 px tree on a phone with 55-CV/CB nine times.
// Each document is shown once, nothing overflows sideways, and the page stays short.
#[test]
fn citation_graph_shows_each_document_once_on_a_phone() {
    let Some(chromium) = chromium() else { return };
    let fx = real_site();
    let docs = std::fs::read_dir(fx.path("content/van-ban"))
        .expect("read content/van-ban")
        .filter(|e| e.as_ref().is_ok_and(|e| e.file_name() != "_index.md"))
        .count();
    let url = file_url(&fx.public().join("van-ban/so-do-trich-dan/index.html"));
    let mut browser = Browser::open(&chromium, fx.tmp(), &url);
    browser.emulate_phone(375, 800);
    browser.navigate(&url);
    let v = browser.eval(
        "JSON.stringify({ names: [...document.querySelectorAll('.doc-node-name')].map(e => e.innerText.trim()), \
         scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth, \
         height: document.documentElement.scrollHeight })",
    );
    let v: serde_json::Value = serde_json::from_str(v.as_str().unwrap_or("{}")).expect("graph JSON");
    let names: Vec<&str> = v["names"].as_array().expect("names").iter().filter_map(|n| n.as_str()).collect();
    assert_eq!(names.len(), docs, "{names:?}");
    let mut unique = names.clone();
    unique.sort_unstable();
    unique.dedup();
    assert_eq!(unique.len(), names.len(), "a document shown twice: {names:?}");
    assert_eq!(names.iter().filter(|n| n.contains("55-CV/CB")).count(), 1, "{names:?}");
    let (scroll, client, height) =
        (v["scroll"].as_i64(), v["client"].as_i64(), v["height"].as_i64().unwrap_or(0));
    assert!(scroll <= client, "the graph overflows sideways: {v}");
    // About a phone screen per three documents, plus the page's header and footer.
    let limit = 1600 + 300 * docs as i64;
    assert!(height < limit, "the graph page is {height} px tall on a phone (limit {limit})");
}

// The smaller things a phone shows: menu rows start at one edge, the search box's
// placeholder fits, the arrow-key hint is hidden on a touch screen, and 404.html opened
// from disk is styled.
#[test]
fn phone_menu_search_box_key_hint_and_404_from_disk() {
    let Some(chromium) = chromium() else { return };
    let fx = real_site();
    let home = file_url(&fx.public().join("index.html"));
    let mut browser = Browser::open(&chromium, fx.tmp(), &home);
    browser.emulate_phone(375, 800);
    browser.call(
        "Emulation.setTouchEmulationEnabled",
        serde_json::json!({ "enabled": true, "maxTouchPoints": 1 }),
    );
    browser.navigate(&home);
    let rows = browser.eval(
        "(function(){ var rows = {}; document.querySelectorAll('.site-nav a').forEach(function(a){ \
           var r = a.getBoundingClientRect(); var top = Math.round(r.top); \
           rows[top] = Math.min(rows[top] === undefined ? 1e9 : rows[top], Math.round(r.left)); }); \
         return JSON.stringify(Object.values(rows)); })()",
    );
    let starts: Vec<i64> = serde_json::from_str(rows.as_str().unwrap_or("[]")).expect("rows");
    assert!(starts.len() >= 2, "the menu should wrap on a phone: {starts:?}");
    assert!(starts.iter().all(|&x| x == starts[0]), "menu rows start at different places: {starts:?}");
    let fits = browser.eval(
        "(function(){ var i = document.querySelector('#site-search-q'); var s = getComputedStyle(i); \
           var c = document.createElement('canvas').getContext('2d'); c.font = s.font; \
           var room = i.clientWidth - parseFloat(s.paddingLeft) - parseFloat(s.paddingRight); \
           return c.measureText(i.placeholder).width <= room; })()",
    );
    assert_eq!(fits, serde_json::Value::Bool(true), "the search placeholder is cut off");
    browser.navigate(&file_url(&fx.public().join("search/index.html")));
    let hint = browser.eval(
        "(function(){ var k = document.querySelector('.search-keys'); return k ? getComputedStyle(k).display : 'missing'; })()",
    );
    assert_eq!(hint, "none", "the keyboard hint shows on a touch screen");
    browser.navigate(&file_url(&fx.public().join("404.html")));
    let styled = browser.eval(
        "(function(){ var n = 0; for (var s of document.styleSheets) { try { n += s.cssRules.length; } catch (e) {} } \
           return JSON.stringify({ rules: n, font: getComputedStyle(document.body).fontFamily }); })()",
    );
    let styled: serde_json::Value = serde_json::from_str(styled.as_str().unwrap_or("{}")).expect("404 JSON");
    assert!(styled["rules"].as_i64().unwrap_or(0) > 50, "404.html from disk has no styles: {styled}");
    assert!(styled["font"].as_str().unwrap_or_default().contains("Noto Sans"), "{styled}");
}

// Words on the real site: no "THỜI LƯỢNG | Thời lượng…", the schedule says "Kịch bản"
// (not ".txt"), and no "Xem tất cả 1 bài".
#[test]
fn site_wording_has_no_repeats_or_file_extensions() {
    let fx = real_site();
    let bulletin = fx.read_public("ban-tin/02-chi-thi-11-ket-luan-49/index.html");
    assert!(bulletin.contains("<dt>Thời lượng</dt><dd>Khoảng "), "{bulletin}");
    let schedule = fx.read_public("ban-tin/lich-phat/index.html");
    assert!(schedule.contains(">Kịch bản<") && !schedule.contains(">.txt<"), "{schedule}");
    let home = fx.read_public("index.html");
    assert!(!home.contains("Xem tất cả 1 bài"), "{home}");
}

/// The result links of a search on the real site, once its scripts ran.
fn search_results(chromium: &std::path::Path, fx: &crate::support::Fixture, q: &str) -> Vec<String> {
    let url = format!("{}?q={}", file_url(&fx.public().join("search/index.html")), q.replace(' ', "+"));
    let dom =
        crate::browser::dump_dom(chromium, &fx.tmp().join("profile"), &url, &["--virtual-time-budget=5000"]);
    dom.split("<li class=\"search-result\"")
        .skip(1)
        .filter_map(|li| li.split("href=\"").nth(1).and_then(|h| h.split('"').next()).map(str::to_owned))
        .collect()
}

// Regression: "lich phat thanh" never found the schedule, and "bản tin" ranked the
// bulletins poorly (their titles rarely say "bản tin").
#[test]
fn search_finds_the_schedule_and_the_bulletins() {
    let Some(chromium) = chromium() else { return };
    let fx = real_site();
    let hits = search_results(&chromium, &fx, "lich phat thanh");
    assert!(hits.first().is_some_and(|h| h.contains("ban-tin/lich-phat/")), "{hits:?}");
    let hits = search_results(&chromium, &fx, "b%E1%BA%A3n tin");
    assert!(hits.len() >= 5, "{hits:?}");
    // The bulletins section and the four bulletins come first.
    for h in &hits[..5] {
        assert!(h.contains("ban-tin/"), "a non-bulletin page ranks among the first five: {hits:?}");
    }
}
