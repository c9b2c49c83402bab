//! Multilingual sites: `page.LANG.md` translations under `/LANG/`, linked to each other,
//! with `lang`, hreflang in the sitemap, and a language switcher in the default theme that
//! stays hidden while a page has no translation. Fixture text only.

use crate::browser::{chromium, dump_dom, file_url};
use crate::support::Fixture;

#[test]
fn languages_site_matches_goldens() {
    Fixture::copy("languages").build().check_expected();
}

// The default theme: a switcher on translated pages (working from file://), none on pages
// in one language, and no language folder among the sections of the menu.
#[test]
fn language_switcher_in_the_default_theme() {
    let fx = Fixture::copy("languages");
    for t in
        ["page.html", "section.html", "index.html", "taxonomy_list.html", "taxonomy_single.html", "404.html"]
    {
        fx.remove(&format!("templates/{t}"));
    }
    fx.build();
    let single = fx.read_public("tin-tuc/bai-hai/index.html");
    assert!(!single.contains("lang-switcher"), "{single}");
    assert!(!single.contains(">tai<") && !single.contains("href=\"../../tai/index.html\""), "{single}");
    let Some(chromium) = chromium() else { return };
    let url = file_url(&fx.public().join("tin-tuc/bai-mot/index.html"));
    let dom = dump_dom(&chromium, &fx.tmp().join("profile"), &url, &[]);
    assert!(dom.contains("<html lang=\"vi\">"), "{dom}");
    let switcher = dom.split("class=\"lang-switcher\"").nth(1).and_then(|s| s.split("</nav>").next());
    let switcher = switcher.unwrap_or_else(|| panic!("no switcher: {dom}"));
    assert!(switcher.contains(r#"<span aria-current="true" lang="vi">Tiếng Việt</span>"#), "{switcher}");
    assert!(switcher.contains(r#"<a href="../../tai/tin-tuc/bai-mot/index.html" hreflang="tai" lang="tai">Tiếng Thái (bản thử)</a>"#), "{switcher}");
    let translated = dump_dom(
        &chromium,
        &fx.tmp().join("profile"),
        &file_url(&fx.public().join("tai/tin-tuc/bai-mot/index.html")),
        &[],
    );
    assert!(
        translated.contains("<html lang=\"tai\">") && translated.contains("Bài một (tai)"),
        "{translated}"
    );
}

/// The default theme's own templates, left out so that the built-in theme renders.
const FIXTURE_TEMPLATES: [&str; 7] = [
    "base.html",
    "page.html",
    "section.html",
    "index.html",
    "taxonomy_list.html",
    "taxonomy_single.html",
    "404.html",
];

// Theme strings per language through `trans()` and `date_text`: the theme's tables, the
// site's `i18n/` over them, `translations:` of the config over both, `{name}` filled in.
#[test]
fn theme_strings_site_matches_goldens() {
    Fixture::copy("theme_strings").build().check_expected();
}

// A key the second language lacks falls back to the default language, warned once (not
// once per page) at the key's line in the default table.
#[test]
fn missing_translation_falls_back_and_warns_once() {
    let fx = Fixture::copy("theme_strings");
    fx.write(
        "i18n/vi.yaml",
        "greeting: \"Xin chào, {name}!\"\nhome: \"Trang nhà\"\nonly_vi: \"Chỉ tiếng Việt\"\n",
    );
    fx.write(
        "templates/section.html",
        "{% extends \"base.html\" %}{% block content %}{{ trans(key=\"only_vi\") }}{% endblock content %}\n",
    );
    fx.build();
    let warning = "i18n/vi.yaml:3:1: warning: `only_vi` has no `en` translation; the `vi` text is used — add `only_vi: \"…\"` to `i18n/en.yaml`";
    let stderr = fx.stderr();
    assert_eq!(stderr.matches(warning).count(), 1, "{stderr}");
    assert!(fx.read_public("en/tin-tuc/index.html").contains("Chỉ tiếng Việt"));
}

// A key no table has is a warning naming the template; `check --strict` fails on it.
#[test]
fn unknown_translation_key_names_the_template() {
    let fx = Fixture::copy("theme_strings");
    fx.write(
        "templates/404.html",
        "{% extends \"base.html\" %}{% block content %}{{ trans(key=\"not_founf\") }}{% endblock content %}\n",
    );
    let message = "templates/404.html: warning: template `404.html` calls `trans(key=\"not_founf\")` but no string table has `not_founf`; add it to `i18n/<language>.yaml` or fix the key";
    fx.build().assert_stderr_contains(message);
    let mut check = fx.cmd_check(&["--strict"]);
    check.env("LANG", "C");
    fx.run(check, 1).assert_stderr_contains(message);
}

// The built-in theme speaks each page's language: the English pages show the theme's
// English strings (and the config's override), the Vietnamese ones the Vietnamese
// strings, dates included; the search box goes to the page's own language's search.
#[test]
fn default_theme_shows_each_languages_strings() {
    let fx = Fixture::copy("theme_strings");
    for t in FIXTURE_TEMPLATES {
        fx.remove(&format!("templates/{t}"));
    }
    // Heading anchors are labelled in the page's language too.
    let config = fx.read("config.yaml");
    fx.write("config.yaml", format!("{config}markdown:\n  heading_anchors: true\n"));
    fx.write(
        "content/tin-tuc/khuyen-hoc.en.md",
        "---\ntitle: \"Khuyến học fixture\"\ndate: 2023-03-06\n---\nFixture text.\n\n## Part one\n\nMore fixture text.\n",
    );
    fx.build();
    let anchor = "<a class=\"heading-anchor\" href=\"#part-one\" aria-label=\"Link to this section\">¶</a>";
    assert!(fx.read_public("en/tin-tuc/khuyen-hoc/index.html").contains(anchor));
    let Some(chromium) = chromium() else { return };
    let open =
        |rel: &str| dump_dom(&chromium, &fx.tmp().join("profile"), &file_url(&fx.public().join(rel)), &[]);
    let en = open("en/tin-tuc/khuyen-hoc/index.html");
    for want in [
        "<html lang=\"en\">",
        ">Skip to the main content<",
        "placeholder=\"Search…\"",
        "action=\"../../../en/search/index.html\"",
        ">Home<",
        "Posted <time datetime=\"2023-03-06\">6 March 2023</time>",
        "Made with loa (fixture)",
        "aria-label=\"Language / Ngôn ngữ\"",
    ] {
        assert!(en.contains(want), "{want} missing in the English page:\n{en}");
    }
    assert!(!en.contains("Tìm kiếm") && !en.contains("Bỏ qua"), "{en}");
    // The menu and the breadcrumbs stay in the language: its own home and sections.
    let nav = en.split("class=\"site-nav\"").nth(1).and_then(|s| s.split("</nav>").next()).unwrap_or("");
    assert!(nav.contains(">News (fixture)<") && !nav.contains(">Tin tức<"), "{nav}");
    let crumbs =
        en.split("class=\"breadcrumbs\"").nth(1).and_then(|s| s.split("</nav>").next()).unwrap_or("");
    assert!(crumbs.contains("en/index.html\">Home</a>") && !crumbs.contains("Trang"), "{crumbs}");
    let vi = open("tin-tuc/khuyen-hoc/index.html");
    for want in [
        "<html lang=\"vi\">",
        ">Bỏ qua, đến nội dung chính<",
        "placeholder=\"Tìm kiếm…\"",
        "action=\"../../search/index.html\"",
        ">Trang nhà<",
        "Đăng <time datetime=\"2023-03-06\">ngày 6 tháng 3 năm 2023</time>",
        "Trang được dựng bằng loa",
    ] {
        assert!(vi.contains(want), "{want} missing in the Vietnamese page:\n{vi}");
    }
    let search = open("en/search/index.html");
    assert!(
        search.contains("<h1>Search</h1>") && search.contains("data-none=\"Nothing found for “{q}”.\""),
        "{search}"
    );
    assert!(
        search.contains("<a href=\"../../en/index.html\">Home</a>"),
        "crumbs from the English home: {search}"
    );
    let to_vi = "<a href=\"../../search/index.html\" hreflang=\"vi\" lang=\"vi\">Tiếng Việt</a>";
    assert!(search.contains(to_vi), "switcher to the Vietnamese search: {search}");
}

/// The result links of a search page's DOM, once its scripts ran.
fn search_hits(chromium: &std::path::Path, fx: &Fixture, page: &str, q: &str) -> Vec<String> {
    let encoded: String =
        q.bytes().map(|b| if b == b' ' { "+".to_owned() } else { format!("%{b:02X}") }).collect();
    let url = format!("{}?q={encoded}", file_url(&fx.public().join(page)));
    let dom = dump_dom(chromium, &fx.tmp().join("profile"), &url, &["--virtual-time-budget=5000"]);
    let status = dom.split("id=\"search-status\"").nth(1).unwrap_or("");
    assert!(status.contains(q), "no search ran: {dom}");
    let re = regex::Regex::new(r#"<li class="search-result"[^>]*><h2 class="item-title"><a href="([^"]+)""#)
        .unwrap();
    re.captures_iter(&dom).map(|c| c[1].to_owned()).collect()
}

// Each language has its own index: from file://, the second language's search page finds
// only its own pages, the default one only Vietnamese pages, both without diacritics.
#[test]
fn each_language_searches_its_own_pages_from_disk() {
    let fx = Fixture::copy("theme_strings");
    for t in FIXTURE_TEMPLATES {
        fx.remove(&format!("templates/{t}"));
    }
    // Thái in Tai Viet letters, whose vowel signs are combining marks (fixture text).
    let tai_viet = "\u{AA8F}\u{AAB2}\u{AA95}";
    fx.write(
        "content/tin-tuc/chu-thai.md",
        format!("---\ntitle: \"Chữ Thái\"\n---\nVăn bản thử: {tai_viet} \u{AA80}\u{AAB0}\u{AA99}.\n"),
    );
    fx.build();
    let meta = fx.read_public("en/search/meta.js");
    assert!(meta.contains("\"lang\":\"en\"") && meta.contains("/en/tin-tuc/khuyen-hoc/"), "{meta}");
    assert!(!meta.contains("\"/tin-tuc/"), "a Vietnamese page in the English index: {meta}");
    let Some(chromium) = chromium() else { return };
    // The page and its section (which lists the page's title), both English.
    let en = search_hits(&chromium, &fx, "en/search/index.html", "khuyen hoc");
    assert_eq!(
        en,
        ["../../en/tin-tuc/khuyen-hoc/index.html", "../../en/tin-tuc/index.html"],
        "English search"
    );
    let vi = search_hits(&chromium, &fx, "search/index.html", "khuyen hoc");
    let mut pages: Vec<&str> = vi.iter().map(String::as_str).filter(|h| h.ends_with(".html")).collect();
    pages.sort_unstable();
    assert_eq!(
        pages,
        ["../tin-tuc/chi-tieng-viet/index.html", "../tin-tuc/index.html", "../tin-tuc/khuyen-hoc/index.html"],
        "Vietnamese search"
    );
    // A Tai Viet word is looked up whole, not cut at its vowel sign.
    let thai = search_hits(&chromium, &fx, "search/index.html", tai_viet);
    assert_eq!(thai, ["../tin-tuc/chu-thai/index.html"], "Tai Viet search");
}

// A broken string table is an error at its file and line; a list where a text belongs
// names the key. Nothing is written.
#[test]
fn broken_string_tables_name_file_and_line() {
    let fx = Fixture::copy("theme_strings");
    fx.write("i18n/en.yaml", "greeting: \"Hello\"\nhome: [\"Home\"\n");
    fx.build_err()
        .assert_stderr_contains("i18n/en.yaml:")
        .assert_stderr_contains("the theme string table cannot be read:");
    assert!(!fx.public().exists());
    fx.write("i18n/en.yaml", "greeting: \"Hello\"\nhome:\n  - Home\n");
    fx.build_err()
        .assert_stderr_contains("i18n/en.yaml:2:1: `home` must be a text (in quotes), not a list or a block");
}

// A language with no string table at all gets one warning saying what to create, not one
// per key of the theme; its pages show the Vietnamese words meanwhile.
#[test]
fn language_without_a_string_table_is_warned_once() {
    let fx = Fixture::copy("languages");
    for t in FIXTURE_TEMPLATES.iter().filter(|t| **t != "base.html") {
        fx.remove(&format!("templates/{t}"));
    }
    fx.build();
    let stderr = fx.stderr();
    let warning = "i18n/tai.yaml: warning: the theme's words have no `tai` translation: `tai` pages show the `vi` text; create `i18n/tai.yaml` (copy the keys of the theme's `vi` table and translate them)";
    assert_eq!(stderr.matches(warning).count(), 1, "{stderr}");
    assert!(!stderr.contains("has no `tai` translation;"), "{stderr}");
    assert!(fx.read_public("tai/tin-tuc/bai-mot/index.html").contains("placeholder=\"Tìm kiếm…\""));
}

// Regression: the default theme showed the site's `extra.menu` (Vietnamese labels and
// URLs) on every language's pages; a language may now give its own menu.
#[test]
fn each_language_shows_its_own_menu_links() {
    let fx = Fixture::copy("theme_strings");
    for t in FIXTURE_TEMPLATES {
        fx.remove(&format!("templates/{t}"));
    }
    let config = fx.read("config.yaml").replace(
        "    translations:\n",
        "    extra:\n      menu:\n        - title: \"About (fixture)\"\n          url: \"/en/tin-tuc/khuyen-hoc/\"\n    translations:\n",
    );
    fx.write(
        "config.yaml",
        format!(
            "{config}extra:\n  menu:\n    - title: \"Giới thiệu\"\n      url: \"/tin-tuc/khuyen-hoc/\"\n"
        ),
    );
    fx.build();
    let nav = |rel: &str| {
        let html = fx.read_public(rel);
        html.split("class=\"site-nav\"")
            .nth(1)
            .and_then(|s| s.split("</nav>").next())
            .unwrap_or("")
            .to_owned()
    };
    let en = nav("en/tin-tuc/khuyen-hoc/index.html");
    assert!(en.contains(">About (fixture)<") && !en.contains("Giới thiệu"), "{en}");
    let vi = nav("tin-tuc/khuyen-hoc/index.html");
    assert!(vi.contains(">Giới thiệu<") && !vi.contains("About"), "{vi}");
    // A language's menu links are checked like the site's.
    fx.write("config.yaml", fx.read("config.yaml").replace("/en/tin-tuc/khuyen-hoc/", "/en/khong-co/"));
    fx.build_err()
        .assert_stderr_contains("menu link `/en/khong-co/` (in `extra.menu`) points at nothing in the site");
}
