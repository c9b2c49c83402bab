//! The default theme on the centre's real site, in headless Chromium at phone width:
//! nothing overflows sideways, focus is visible, text contrast meets WCAG AA.

use crate::browser::{chromium, file_url, Browser};
use crate::support::real_site;

const PAGES: &[&str] = &[
    "index.html",
    "van-ban/index.html",
    "van-ban/cong-van-55-cv-cb/index.html",
    "van-ban/dong-thoi-gian/index.html",
    "van-ban/so-do-trich-dan/index.html",
    "ban-tin/index.html",
    "ban-tin/01-gioi-thieu-cong-van-55/index.html",
    "ban-tin/01-gioi-thieu-cong-van-55/in/index.html",
    "ban-tin/lich-phat/index.html",
    "search/index.html?q=khuyen+hoc",
    "gioi-thieu/index.html",
];

/// WCAG contrast of the computed colour of `selector` against the page background.
const CONTRAST: &str = r#"(function (selector) {
  function rgb(s) { var m = s.match(/[\d.]+/g).map(Number); return m.slice(0, 3); }
  function lum(c) { c = c.map(function (v) { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); });
    return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2]; }
  var el = document.querySelector(selector); if (!el) return 21;
  var bg = getComputedStyle(document.body).backgroundColor;
  if (/rgba\(0, 0, 0, 0\)/.test(bg)) bg = "rgb(255, 255, 255)";
  var a = lum(rgb(getComputedStyle(el).color)), b = lum(rgb(bg));
  return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
})"#;

#[test]
fn real_site_fits_a_phone_with_visible_focus_and_readable_contrast() {
    let Some(chromium) = chromium() else { return };
    let fx = real_site();
    let first = file_url(&fx.public().join(PAGES[0]));
    let mut browser = Browser::open(&chromium, fx.tmp(), &first);
    browser.emulate_phone(375, 800);
    for page in PAGES {
        let (path, query) = page.split_once('?').map_or((*page, ""), |(p, q)| (p, q));
        let mut url = file_url(&fx.public().join(path));
        if !query.is_empty() {
            url = format!("{url}?{query}");
        }
        browser.navigate(&url);
        // Scripts (search results) may still change the page: measure once it is still.
        let measure = "[document.documentElement.scrollWidth, document.documentElement.clientWidth]";
        let mut width = browser.eval(measure);
        for _ in 0..20 {
            std::thread::sleep(std::time::Duration::from_millis(150));
            let again = browser.eval(measure);
            if again == width {
                break;
            }
            width = again;
        }
        let (scroll, client) = (width[0].as_i64().unwrap_or(0), width[1].as_i64().unwrap_or(0));
        assert!(client > 300 && client <= 375, "{page}: the window is not phone-sized ({client} px)");
        assert!(scroll <= client, "{page}: {scroll} px wide content in a {client} px screen");
        let body = browser.eval(&format!("{CONTRAST}('body')")).as_f64().unwrap_or(0.0);
        let link = browser.eval(&format!("{CONTRAST}('main a')")).as_f64().unwrap_or(0.0);
        assert!(
            body >= 4.5 && link >= 4.5,
            "{page}: contrast body {body:.1}, links {link:.1} (AA needs 4.5)"
        );
        let focus = browser.eval(
            "(function(){ var a = document.querySelector('main a, a'); if (!a) return 'none'; a.focus(); \
             var s = getComputedStyle(a); return s.outlineStyle + ' ' + s.outlineWidth + ' ' + s.boxShadow; })()",
        );
        let focus = focus.as_str().unwrap_or_default().to_owned();
        assert!(!focus.starts_with("none 0px none"), "{page}: no visible focus ({focus})");
        let lang = browser.eval("document.documentElement.lang");
        assert_eq!(lang, "vi", "{page}");
    }
}
