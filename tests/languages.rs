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
