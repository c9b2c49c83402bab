//! Regression tests for bugs found while writing the suite.

use crate::support::Fixture;

// Regression: `<!-- more -->` on its own line is ignored: the summary is only the first paragraph.
// pulldown-cmark reports a line `<!-- more -->` as an HTML *block* (Start(HtmlBlock),
// Html, End(HtmlBlock)), so the `depth == 0` check in markdown.rs never matches.
// Fixing this changes the `basic` goldens (tin-tuc/bai-dai, index, tin-tuc/index, atom.xml).
#[test]
fn more_marker_ends_the_summary() {
    let fx = Fixture::copy("good");
    fx.write("templates/page.html", "{{ page.summary | safe }}");
    fx.write(
        "content/tin-tuc/bai-hai.md",
        "---\ntitle: \"Bài hai\"\n---\nMột.\n\nHai.\n\n<!-- more -->\n\nBa.\n",
    );
    fx.build();
    assert_eq!(fx.read_public("tin-tuc/bai-hai/index.html"), "<p>Một.</p>\n<p>Hai.</p>\n");
}

// Regression: atom.xml ignores a page's front-matter `summary:` and uses the first paragraph,
// while templates' `page.summary` (lists, meta description) use the front-matter one.
#[test]
fn feed_uses_the_front_matter_summary() {
    let fx = Fixture::copy("basic");
    fx.build();
    let atom = fx.read_public("atom.xml");
    assert!(
        atom.contains("Tóm tắt viết trong phần đầu trang"),
        "atom.xml has not the `summary:` of tin-tuc/bai-2.md:\n{atom}"
    );
}

// Regression: a folder written `content/Văn bản/` is served at `/van-ban/` but its pages are not
// treated as documents: `document::is_document` tests the raw source path
// (`rel.starts_with("van-ban/")`) instead of the section's slugified URL.
#[test]
fn folder_named_van_ban_with_diacritics_holds_documents() {
    let fx = Fixture::copy("good");
    fx.write("content/Văn bản/Chỉ thị 11.md", "---\ntitle: \"Chỉ thị 11\"\n---\nKhông có khối document.\n");
    fx.build_err()
        .assert_stderr_contains("content/Văn bản/Chỉ thị 11.md:1:1: document page has no `document:` block");
}

// A site whose copy of the theme predates the combined schedule print still builds
// (it simply has no combined print page).
#[test]
fn theme_copy_without_the_combined_print_still_builds() {
    let fx = Fixture::built_skeleton();
    fx.remove("themes/hoa-ban/templates/bulletin_schedule_print.html");
    fx.build();
    assert!(!fx.public().join("ban-tin/lich-phat/in/index.html").exists());
    assert!(fx.public().join("ban-tin/lich-phat/index.html").is_file());
}

// Regression: `## 1` and `[^1]` both produced `id="1"`, so the footnote link jumped to the
// heading. Notes now have `fn:` ids (a heading slug never holds `:`) even with every
// Markdown option off.
#[test]
fn heading_1_and_footnote_1_have_different_ids() {
    let fx = Fixture::copy("good");
    fx.write(
        "content/tin-tuc/bai-hai.md",
        "---\ntitle: \"Bài hai\"\n---\n## 1\n\nCâu[^1].\n\n[^1]: Chú thích.\n",
    );
    fx.build();
    let html = fx.read_public("tin-tuc/bai-hai/index.html");
    assert_eq!(html.matches("id=\"1\"").count(), 1, "{html}");
    assert!(html.contains(r##"<a href="#fn:1">1</a>"##) && html.contains("id=\"fn:1\""), "{html}");
    assert!(html.contains(r##"href="#fnref:1""##), "no back-link: {html}");
}

// A link to a footnote that does not exist is caught like a link to a missing heading.
#[test]
fn link_to_a_missing_footnote_is_an_error() {
    let fx = Fixture::copy("good");
    fx.write(
        "content/tin-tuc/bai-hai.md",
        "---\ntitle: \"Bài hai\"\n---\nCâu[^1], xem [2](#fn:2).\n\n[^1]: Chú thích.\n",
    );
    fx.build_err().assert_stderr_contains(
        "content/tin-tuc/bai-hai.md:4: link `#fn:2`: no heading `#fn:2` in the page it points at; did you mean `#fn:1`?",
    );
}

// Regression: with `heading_anchors`, a summary cut by `<!-- more -->` below a heading kept
// the heading's "¶" link, so feeds, lists and the meta description showed a stray "¶".
// Neither the feeds nor the search index may hold one.
#[test]
fn heading_anchor_stays_out_of_summaries_feeds_and_search() {
    let fx = Fixture::copy("markdown");
    fx.write("config.yaml", "title: \"Markdown thử nghiệm\"\nbase_url: \"https://loa.example/\"\nfeed_filenames: [\"atom.xml\", \"rss.xml\"]\nmarkdown:\n  heading_anchors: true\n");
    fx.write(
        "content/tin-tuc/mo-dau.md",
        "---\ntitle: \"Mở đầu\"\ndate: 2023-03-08\n---\n## Phần một\n\nĐoạn đầu.\n\n<!-- more -->\n\n## Phần hai\n\nĐoạn sau.\n",
    );
    fx.build();
    let page = fx.read_public("tin-tuc/mo-dau/index.html");
    assert!(page.contains("class=\"heading-anchor\""), "the page itself keeps its anchors:\n{page}");
    let mut checked = 0;
    for (path, bytes) in fx.output_tree() {
        let is_feed = path.ends_with(".xml") && !path.ends_with("sitemap.xml");
        if is_feed || (path.starts_with("search/") && path.ends_with(".js")) {
            let text = String::from_utf8_lossy(&bytes);
            assert!(!text.contains('¶') && !text.contains("heading-anchor"), "{path}:\n{text}");
            checked += 1;
        }
    }
    assert!(checked >= 4, "feeds and index files checked: {checked}");
    assert!(fx.read_public("atom.xml").contains("Đoạn đầu."));
}

// Lists render each page's entry once (`page_item_html`) through `macros.html`'s
// `page_item`: a site's own `macros.html` must still decide what every list shows, on
// section, term and home pages alike, and each list keeps its own heading level.
#[test]
fn an_overridden_page_item_macro_shows_in_every_list() {
    let fx = Fixture::copy("basic");
    // The default theme's lists, with only `macros.html` of the site's own.
    std::fs::remove_dir_all(fx.path("templates")).expect("remove the fixture's templates");
    let theme = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/hoa-ban/templates/macros.html");
    let macros = std::fs::read_to_string(theme).expect("theme macros.html");
    let mine = macros.replace(
        r#"<li class="item{% if p.document %}"#,
        r#"<li data-mine="{{ level }}" class="item{% if p.document %}"#,
    );
    assert_ne!(mine, macros, "the theme's page_item changed: update this test");
    fx.write("templates/macros.html", mine);
    fx.build();
    for (file, level, at_least) in
        [("tin-tuc/index.html", 3, 2), ("tags/ma-tuy/index.html", 2, 2), ("index.html", 3, 2)]
    {
        let html = fx.read_public(file);
        let entries = html.matches(r#"<li data-mine=""#).count();
        assert!(entries >= at_least, "{file}: {entries} entries from the site's macro:\n{html}");
        assert_eq!(entries, html.matches(&format!(r#"<li data-mine="{level}""#)).count(), "{file}:\n{html}");
        assert!(!html.contains(r#"<li class="item"#), "{file}: an entry not from the site's macro:\n{html}");
    }
}

// The default theme renders its breadcrumb trail and footer once per language and
// arguments (`render_once`): an overridden part must see only its arguments and the
// site-wide variables, never the file it first happened to be rendered for.
#[test]
fn render_once_parts_see_their_arguments_but_not_the_file() {
    let fx = Fixture::copy("basic");
    std::fs::remove_dir_all(fx.path("templates")).expect("remove the fixture's templates");
    fx.write(
        "templates/partials/footer.html",
        "<footer>{{ current_url | default(value=\"none\") }}|{{ lang }}</footer>\n",
    );
    fx.write(
        "templates/partials/breadcrumbs.html",
        "<ol>{% for b in breadcrumbs %}<li>{{ b.url }}</li>{% endfor %}",
    );
    fx.build();
    let page = fx.read_public("tin-tuc/bai-1/index.html");
    let home = fx.read_public("index.html");
    for (file, html) in [("page", &page), ("home", &home)] {
        assert!(html.contains("<footer>none|vi</footer>\n</body>"), "{file}:\n{html}");
    }
    assert!(page.contains("<li>/tin-tuc/</li>"), "the page's own trail:\n{page}");
    let section = fx.read_public("tin-tuc/index.html");
    assert!(!section.contains("<li>/tin-tuc/</li>"), "the section's own trail:\n{section}");
}

// A build frees the list entries once the last list is rendered and hands each page's
// HTML to its own render: a page template that shows list entries (rendered again then)
// and its own content must still show both.
#[test]
fn a_page_template_shows_list_entries_after_the_lists_are_freed() {
    let fx = Fixture::copy("basic");
    std::fs::remove_dir_all(fx.path("templates")).expect("remove the fixture's templates");
    fx.write(
        "templates/page.html",
        r#"<main>{{ page.content | safe }}</main><ul>{{ page_item_html(url="/tin-tuc/bai-2/", level=2, summary=true) | safe }}</ul>"#,
    );
    fx.build();
    let page = fx.read_public("tin-tuc/bai-1/index.html");
    assert!(page.contains("Đoạn thứ hai, không thuộc tóm tắt."), "its own content:\n{page}");
    assert!(page.contains("Bài thứ hai"), "the other page's entry:\n{page}");
    assert!(page.contains("Tóm tắt viết trong phần đầu trang"), "with its summary:\n{page}");
    let list = fx.read_public("tin-tuc/index.html");
    assert!(list.contains("Bài thứ hai"), "the list's own entry:\n{list}");
}

// Regression guard (#15): `section.pages` and `term.pages` are left empty when no
// template can read them; a template that reaches them in any way still gets them.
#[test]
fn section_and_term_pages_are_there_for_templates_that_read_them() {
    let fx = Fixture::copy("good");
    fx.write(
        "templates/section.html",
        "{% set s = section %}{{ s.pages | length }}/{{ paginator.pages | length }}",
    );
    fx.write("templates/taxonomy_single.html", "{% for p in term.pages %}{{ p.title }};{% endfor %}");
    fx.build();
    assert_eq!(fx.read_public("tin-tuc/index.html"), "2/2");
    let term =
        fx.output_files(".html").into_iter().find(|f| f.starts_with("tags/") && f != "tags/index.html");
    let term = term.expect("a tag page");
    assert!(fx.read_public(&term).contains(';'), "{term}: {}", fx.read_public(&term));
    // The same lists, unread, are empty; what templates do read is unchanged.
    fx.write("templates/section.html", "{{ section.page_count }}/{{ paginator.pages | length }}");
    fx.build();
    assert_eq!(fx.read_public("tin-tuc/index.html"), "2/2");
}

// Regression guard (#15): pager entries hold only the fields the templates can read; a
// site template reading more of them, through a `set`, a loop and a macro, still gets them.
#[test]
fn pager_entries_keep_every_field_a_template_reads() {
    let fx = Fixture::copy("good");
    fx.write(
        "templates/macros.html",
        "{% macro line(x) %}[{{ x.title }}|{{ x.word_count }}]{% endmacro line %}",
    );
    fx.write(
        "templates/section.html",
        r#"{% import "macros.html" as m %}{% set items = paginator.pages %}{% for p in items %}{{ m::line(x=p) }}{{ p.url }};{% endfor %}"#,
    );
    fx.build();
    let list = fx.read_public("tin-tuc/index.html");
    assert_eq!(list.matches('[').count(), 2, "{list}");
    assert!(!list.contains("[|") && !list.contains("|]"), "a field missing:\n{list}");
    // The whole entry, printed, is all of it.
    fx.write("templates/section.html", "{% for p in paginator.pages %}{{ p | json_encode }}{% endfor %}");
    fx.build();
    let list = fx.read_public("tin-tuc/index.html");
    assert!(list.contains("reading_minutes") && list.contains("permalink"), "{list}");
}

// Regression guard (#15): an entry is rendered once for every level when `page_item`
// only prints `level`; a macro that tests it is rendered for each level as before.
#[test]
fn a_page_item_macro_that_tests_its_level_gets_each_level() {
    let fx = Fixture::copy("basic");
    std::fs::remove_dir_all(fx.path("templates")).expect("remove the fixture's templates");
    let theme = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/hoa-ban/templates/macros.html");
    let macros = std::fs::read_to_string(theme).expect("theme macros.html");
    let mine = macros.replace(
        r#"<li class="item{% if p.document %}"#,
        r#"<li data-mine="{% if level > 2 %}deep{% else %}top{% endif %}" class="item{% if p.document %}"#,
    );
    assert_ne!(mine, macros, "the theme's page_item changed: update this test");
    fx.write("templates/macros.html", mine);
    fx.build();
    for (file, shown) in [("tin-tuc/index.html", "deep"), ("tags/ma-tuy/index.html", "top")] {
        let html = fx.read_public(file);
        let entries = html.matches(r#"<li data-mine=""#).count();
        assert!(entries >= 2, "{file}:\n{html}");
        assert_eq!(entries, html.matches(&format!(r#"<li data-mine="{shown}""#)).count(), "{file}:\n{html}");
    }
}
