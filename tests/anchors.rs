//! Links to headings (`#id`, `page.md#id`) are checked against the real ids, with a
//! "did you mean"; site links written in templates and in `extra.menu` are checked too.

use crate::support::Fixture;

const TARGET: &str =
    "---\ntitle: \"Chỉ thị 11\"\n---\n## Mục tiêu chung\n\nA.\n\n## Nhiệm vụ {#nhiem-vu}\n\nB.\n";

fn site(body: &str) -> Fixture {
    let fx = Fixture::copy("good");
    fx.write("content/tai-lieu/chi-thi-11.md", TARGET);
    fx.write("content/tin-tuc/bai-hai.md", format!("---\ntitle: \"Bài hai\"\n---\n{body}"));
    fx
}

#[test]
fn links_to_existing_headings_build() {
    let fx = site(
        "## Đầu bài\n\n[lên](#dau-bai), [mục tiêu](../tai-lieu/chi-thi-11.md#muc-tieu-chung), \
         [nhiệm vụ](@/tai-lieu/chi-thi-11.md#nhiem-vu), [site](/tai-lieu/chi-thi-11/#nhiem-vu), [đầu](#top)\n",
    );
    fx.build();
    let html = fx.read_public("tin-tuc/bai-hai/index.html");
    assert!(html.contains(r#"href="../../tai-lieu/chi-thi-11/index.html#muc-tieu-chung""#), "{html}");
}

#[test]
fn same_page_anchor_typo_suggests_the_heading() {
    site("## Đầu bài\n\nXem [trên](#dau-bia).\n").build_err().assert_stderr_contains(
        "content/tin-tuc/bai-hai.md:6: link `#dau-bia`: no heading `#dau-bia` in the page it points at; did you mean `#dau-bai`?",
    );
}

#[test]
fn anchor_into_another_page_is_checked_against_its_headings() {
    site("Dòng bốn.\n[x](../tai-lieu/chi-thi-11.md#muc-tieu)\n").build_err().assert_stderr_contains(
        "content/tin-tuc/bai-hai.md:5: link `../tai-lieu/chi-thi-11.md#muc-tieu`: no heading `#muc-tieu` in the page it points at; did you mean `#muc-tieu-chung`?",
    );
}

#[test]
fn anchor_far_from_every_heading_has_no_suggestion() {
    let fx = site("[x](/tai-lieu/chi-thi-11/#zzz)\n");
    fx.build_err()
        .assert_stderr_contains(
            "content/tin-tuc/bai-hai.md:4: link `/tai-lieu/chi-thi-11/#zzz`: no heading `#zzz` in the page it points at\n",
        )
        .assert_stderr_lacks("did you mean");
}

#[test]
fn broken_link_in_a_template_names_the_template_once() {
    let fx = site("Nội dung.\n");
    fx.write(
        "templates/page.html",
        "<!DOCTYPE html><html lang=\"vi\"><head><meta charset=\"utf-8\"><title>{{ page.title }}</title></head>\n<body><a href=\"/tin-tuc/bai-ba/\">x</a>{{ page.content | safe }}</body></html>\n",
    );
    fx.build_err().assert_stderr_contains(
        "templates/page.html: link `/tin-tuc/bai-ba/` in a page rendered with `page.html` (or its raw HTML) points at nothing in the site; did you mean `/tin-tuc/bai-hai/`?",
    );
    assert_eq!(fx.stderr().matches("`/tin-tuc/bai-ba/`").count(), 1, "{}", fx.stderr());
}

#[test]
fn broken_menu_link_points_at_the_config_line() {
    let fx = site("Nội dung.\n");
    fx.write(
        "config.yaml",
        "title: \"Trang tốt\"\nbase_url: \"https://loa.example/\"\nextra:\n  menu:\n    - title: \"Tin\"\n      url: \"/tin-tuc/\"\n    - title: \"Bài\"\n      url: \"/tin-tuc/bai-mott/\"\n    - title: \"Ngoài\"\n      url: \"https://example.org/\"\n",
    );
    fx.build_err().assert_stderr_contains(
        "config.yaml:8: menu link `/tin-tuc/bai-mott/` (in `extra.menu`) points at nothing in the site; did you mean `/tin-tuc/bai-mot/`?",
    );
    assert_eq!(fx.stderr().matches("menu link").count(), 1, "{}", fx.stderr());
}
