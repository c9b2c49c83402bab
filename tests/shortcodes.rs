//! Shortcodes in Markdown: errors name the file, line and column of the call; the
//! theme's shortcodes show in a real browser.

use crate::browser::{chromium, dump_dom, file_url};
use crate::support::Fixture;

/// The shortcodes fixture with its news page's body replaced by `body` (front matter kept,
/// so the body starts on line 5).
fn with_body(body: &str) -> Fixture {
    let fx = Fixture::copy("shortcodes");
    fx.write(
        "content/tin-tuc/hoi-nghi/index.md",
        format!("---\ntitle: \"Hội nghị\"\ndate: 2023-03-06\n---\n{body}"),
    );
    fx
}

#[test]
fn unknown_shortcode_reports_file_line_col_and_a_suggestion() {
    with_body("Dòng năm.\n\nGọi {{ hotlin(so=\"1\") }} ngay.\n").build_err().assert_stderr_contains(
        "content/tin-tuc/hoi-nghi/index.md:7:5: unknown shortcode `hotlin`; did you mean `hotline`?",
    );
}

#[test]
fn unknown_shortcode_without_a_near_name_lists_the_shortcodes() {
    with_body("{{ bang_gia() }}\n").build_err().assert_stderr_contains(
        "content/tin-tuc/hoi-nghi/index.md:5:1: unknown shortcode `bang_gia` (available: hinh, hotline, loi_nhan, thong_bao, van_ban); or create `templates/shortcodes/bang_gia.html`",
    );
}

#[test]
fn unquoted_argument_points_at_the_value() {
    with_body("{{ van_ban(so=11-CT/TW) }}\n").build_err().assert_stderr_contains(
        "content/tin-tuc/hoi-nghi/index.md:5:15: bad arguments for shortcode `van_ban`; write them as `name=\"value\"`, separated by commas, text in quotes",
    );
}

#[test]
fn missing_argument_is_named() {
    with_body("Trên.\n{{ van_ban() }}\n").build_err().assert_stderr_contains(
        "content/tin-tuc/hoi-nghi/index.md:6:1: shortcode `van_ban` needs the argument `so`, for example `van_ban(so=\"…\")`",
    );
}

#[test]
fn unknown_document_number_suggests_the_known_one() {
    with_body("{{ van_ban(so=\"11-CT/TU\") }}\n").build_err().assert_stderr_contains(
        "content/tin-tuc/hoi-nghi/index.md:5:1: shortcode `van_ban` failed: no document `11-CT/TU` in the site; did you mean `11-CT/TW`?",
    );
}

#[test]
fn unclosed_block_shortcode_is_an_error() {
    with_body("A\n\n  {% thong_bao() %}\nNội dung\n").build_err().assert_stderr_contains(
        "content/tin-tuc/hoi-nghi/index.md:7:3: shortcode `thong_bao` opened with `{% thong_bao(…) %}` is never closed; add `{% end %}` after its body",
    );
}

// A broken link inside a notice's body keeps its own file line, though the notice's
// template output comes before it.
#[test]
fn broken_link_inside_a_block_keeps_its_line() {
    with_body("{% thong_bao() %}\nMột\n\nHai [x](khong-co.md)\n{% end %}\n")
        .build_err()
        .assert_stderr_contains(
            "content/tin-tuc/hoi-nghi/index.md:8: link `khong-co.md` points at nothing in the site",
        );
}

// The built-in theme's shortcodes, opened from disk: the notice, hotline and document card
// show with the theme's styles, the figure's image loads.
#[test]
fn theme_shortcodes_show_in_the_browser() {
    let Some(chromium) = chromium() else { return };
    let fx = Fixture::copy("shortcodes");
    fx.remove("templates/page.html").remove("templates/base.html");
    for t in ["index.html", "section.html", "taxonomy_list.html", "taxonomy_single.html", "404.html"] {
        fx.remove(&format!("templates/{t}"));
    }
    fx.build();
    let page = fx.public().join("tin-tuc/hoi-nghi/index.html");
    let probe = fx.public().join("probe.html");
    std::fs::write(&probe, PROBE).expect("write probe");
    let dom =
        dump_dom(&chromium, &fx.tmp().join("profile"), &file_url(&probe), &["--virtual-time-budget=5000"]);
    let report = dom.split("<pre id=\"probe\">").nth(1).and_then(|s| s.split("</pre>").next());
    let report = report.unwrap_or_else(|| panic!("probe did not report:\n{dom}")).replace("&quot;", "\"");
    let v: serde_json::Value = serde_json::from_str(&report).expect("probe JSON");
    assert_eq!(v["notice"], "Lịch tiếp dân", "{v}");
    assert_eq!(v["doc"], "Chỉ thị 11", "{v}");
    // naturalWidth counts the srcset density, so only "loaded at all" is certain.
    assert!(
        v["imgWidth"].as_u64().unwrap_or(0) > 0,
        "the figure's image did not load from {}: {v}",
        page.display()
    );
    assert!(v["current"].as_str().unwrap_or("").contains("/processed_images/"), "{v}");
    assert_ne!(v["noticeBorder"], "0px", "{v}");
    let home =
        dump_dom(&chromium, &fx.tmp().join("profile"), &file_url(&fx.public().join("index.html")), &[]);
    assert!(
        home.contains(r#"<p class="sc-hotline-number"><a href="tel:02123852123">0212 3852 123</a></p>"#),
        "{home}"
    );
}

const PROBE: &str = r#"<!DOCTYPE html><meta charset="utf-8"><pre id="probe"></pre>
<iframe id="f" src="tin-tuc/hoi-nghi/index.html" style="width:400px;height:2000px"></iframe>
<script>
document.getElementById('f').onload = () => {
  const d = document.getElementById('f').contentDocument;
  const q = (s) => d.querySelector(s);
  const img = q('.sc-figure img');
  const report = () => {
    document.getElementById('probe').textContent = JSON.stringify({
      notice: q('.sc-notice-title') && q('.sc-notice-title').textContent,
      doc: q('.sc-doc-title a') && q('.sc-doc-title a').textContent,
      imgWidth: img ? img.naturalWidth : null,
      current: img ? img.currentSrc : null,
      noticeBorder: q('.sc-notice') && getComputedStyle(q('.sc-notice')).borderLeftWidth,
    });
  };
  if (!img || img.complete) report(); else { img.onload = report; img.onerror = report; }
};
</script>"#;

// A document card cites its document: the document's page lists the page that shows it.
#[test]
fn document_card_counts_as_a_citation() {
    let fx = with_body("Chỉ có thẻ:\n\n{{ van_ban(so=\"11 - CT/TW\") }}\n");
    fx.remove("templates/page.html").remove("templates/base.html");
    fx.build();
    let doc = fx.read_public("van-ban/chi-thi-11/index.html");
    let cited =
        doc.split("id=\"duoc-dan-chieu\"").nth(1).unwrap_or_else(|| panic!("no cited-by list: {doc}"));
    assert!(cited.contains("Hội nghị"), "{cited}");
}
