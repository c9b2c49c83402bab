//! Whole-site golden tests: every output file of a fixture compared byte for byte with
//! the fixture's `expected/` folder.

use crate::support::Fixture;

// Sections, a nested section, pages newest first with previous/next, pagination of
// sections and of a tag, tags pages, summaries (front matter, `<!-- more -->`, first
// paragraph), table of contents with ids from Vietnamese headings (duplicates numbered),
// footnotes, tables, strikethrough, task lists, internal links written as `../x.md`,
// `@/x.md` and `/x/` all made relative to the file, sitemap.xml, atom.xml, robots.txt.
#[test]
fn basic_site_matches_goldens() {
    Fixture::copy("basic").build().check_expected();
}

// Vietnamese text, file names with diacritics and spaces, day-first dates.
#[test]
fn unicode_site_matches_goldens() {
    Fixture::copy("unicode").build().check_expected();
}

// Shortcodes of the theme (hotline, notice with a Markdown body, figure, document card
// looked up by a number written loosely) and of the site (inline, inside a paragraph);
// shortcode syntax inside code is left as written.
#[test]
fn shortcodes_site_matches_goldens() {
    Fixture::copy("shortcodes").build().check_expected();
}

// Markdown options on: smart punctuation, GFM autolinks (not inside links or code),
// footnotes numbered by first reference with `fn:`/`fnref:` ids that cannot clash with the
// heading `## 1`, back-links (two for a note cited twice), heading `¶` anchors.
#[test]
fn markdown_options_site_matches_goldens() {
    Fixture::copy("markdown").build().check_expected();
}

// Atom and RSS 2.0 side by side (`feed_filenames`), a section feed (`generate_feeds`),
// per-term feeds (`feed: true` on a taxonomy), `feed_limit`, escaping, absolute links under
// a sub-path, and `<link rel="alternate">` for the feeds that concern each page.
#[test]
fn feeds_site_matches_goldens() {
    Fixture::copy("feeds").build().check_expected();
}
