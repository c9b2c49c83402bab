//! Feeds: a wrong `feed_filenames` entry is an error at its config line; the default
//! theme announces the feeds with `<link rel="alternate">`.

use crate::support::Fixture;

#[test]
fn unknown_feed_filename_is_an_error_at_its_line() {
    let fx = Fixture::copy("feeds");
    let config =
        fx.read("config.yaml").replace("[\"atom.xml\", \"rss.xml\"]", "\n  - atom.xml\n  - feed.json");
    fx.write("config.yaml", config);
    fx.build_err().assert_stderr_contains(
        "config.yaml:6: `feed_filenames`: unknown feed file `feed.json`; use atom.xml, rss.xml",
    );
}

#[test]
fn default_theme_links_its_feeds_from_every_page() {
    let fx = Fixture::built_skeleton();
    let html = fx.read_public("tin-tuc/trang-dau-tien/index.html");
    assert!(
        html.contains(r#"<link rel="alternate" type="application/atom+xml" title="Trang thông tin của đơn vị" href="../../atom.xml">"#),
        "{html}"
    );
    assert!(fx.public().join("atom.xml").is_file());
}
