//! Sites with errors: exit status 1, `path:line:col: message` on stderr, every error of
//! the run reported, and the previous output left exactly as it was.

use crate::support::{assert_no_leftovers, assert_same_tree, Fixture};

/// Builds the good fixture, lets `edit` break it, then expects the next build to fail
/// and to leave `public/` byte for byte as it was, with no staging folder behind.
fn broken(edit: impl FnOnce(&Fixture)) -> Fixture {
    let fx = Fixture::copy("good");
    fx.build();
    let before = fx.output_tree();
    assert!(before.contains_key("tin-tuc/bai-hai/index.html"));
    edit(&fx);
    fx.build_err();
    assert_same_tree(&before, &fx.output_tree());
    assert_no_leftovers(fx.root());
    fx
}

/// `broken` with one file rewritten.
fn broken_file(rel: &str, text: &str) -> Fixture {
    broken(|fx| {
        fx.write(rel, text);
    })
}

// Two pages mapping to one URL is an error that names both files.
#[test]
fn duplicate_url_names_both_files() {
    broken_file(
        "content/tin-tuc/bai-ba.md",
        "---\ntitle: \"Bài ba\"\nslug: bai-mot\n---\nTrùng địa chỉ.\n",
    )
    .assert_stderr_contains(
        "content/tin-tuc/bai-ba.md:3: `content/tin-tuc/bai-ba.md` and `content/tin-tuc/bai-mot.md` both write `tin-tuc/bai-mot/index.html`",
    );
}

// A relative link to a missing page is reported at its file line.
#[test]
fn broken_relative_link_reports_file_and_line() {
    broken_file(
        "content/tin-tuc/bai-hai.md",
        "---\ntitle: \"Bài hai\"\n---\nDòng 4.\n\nXem [văn bản](../tai-lieu/khong-co.md).\n",
    )
    .assert_stderr_contains(
        "content/tin-tuc/bai-hai.md:6: link `../tai-lieu/khong-co.md` points at nothing in the site",
    );
}

// Site-absolute links are internal links: checked like the others.
#[test]
fn broken_site_absolute_link_is_an_error() {
    broken_file(
        "content/tin-tuc/bai-hai.md",
        "---\ntitle: \"Bài hai\"\n---\nXem [văn bản](/tai-lieu/khong-co/).\n",
    )
    .assert_stderr_contains(
        "content/tin-tuc/bai-hai.md:4: link `/tai-lieu/khong-co/` points at nothing in the site",
    );
}

// Front matter opened with `---` and never closed.
#[test]
fn unclosed_front_matter_is_reported_at_line_one() {
    broken_file(
        "content/tin-tuc/bai-hai.md",
        "---\ntitle: \"Bài hai\"\n\nNội dung.\n",
    )
    .assert_stderr(
        "content/tin-tuc/bai-hai.md:1:1: front matter opened with `---` is never closed; add a line `---` after it\n \
         1 | ---\n   | ^\n\
         error: build failed with 1 error; the previous output was left as it was\n",
    );
}

// A YAML type error points at the file line and column of the value, not the YAML block's.
#[test]
fn yaml_type_error_points_at_file_line_and_column() {
    broken_file("content/tin-tuc/bai-hai.md", "---\ntitle: \"Bài hai\"\ndraft: maybe\n---\nNội dung.\n")
        .assert_stderr_contains("content/tin-tuc/bai-hai.md:3:8: invalid front matter: ")
        .assert_stderr_contains("expected a boolean");
}

// An impossible date names the file, line, column and value, with an excerpt.
#[test]
fn invalid_date_reports_file_line_and_value() {
    broken_file(
        "content/tin-tuc/bai-hai.md",
        "---\ntitle: \"Bài hai\"\ndate: 2024-13-01\n---\nNội dung.\n",
    )
    .assert_stderr(
        "content/tin-tuc/bai-hai.md:3:7: invalid date `2024-13-01`; write it as 2007-04-13 or 13/04/2007 (day first)\n \
         3 | date: 2024-13-01\n   |       ^\n\
         error: build failed with 1 error; the previous output was left as it was\n",
    );
}

// A file saved in a legacy encoding (here "Sơn La" in Windows-1258) names the file and
// tells the user to save it again as UTF-8.
#[test]
fn non_utf8_file_is_named_with_advice_to_resave_as_utf8() {
    broken(|fx| {
        fx.write("content/tin-tuc/bai-hai.md", b"---\ntitle: S\xF5n La\n---\nN\xF4i dung.\n");
    })
    .assert_stderr_contains("content/tin-tuc/bai-hai.md:2: file is not UTF-8")
    .assert_stderr_contains("save it again with UTF-8 encoding");
}

// `slug:` may not climb out of the output folder.
#[test]
fn slug_with_dot_dot_is_rejected() {
    let fx = broken_file(
        "content/tin-tuc/bai-hai.md",
        "---\ntitle: \"Bài hai\"\nslug: ../../etc\n---\nNội dung.\n",
    );
    fx.assert_stderr_contains(
        "content/tin-tuc/bai-hai.md:3:1: `slug: ../../etc` would leave the output folder",
    );
    assert!(!fx.tmp().join("etc").exists());
}

// `path:` may not be absolute.
#[test]
fn absolute_path_is_rejected() {
    broken_file("content/tin-tuc/bai-hai.md", "---\ntitle: \"Bài hai\"\npath: /etc/x\n---\nNội dung.\n")
        .assert_stderr_contains(
            "content/tin-tuc/bai-hai.md:3:1: `path: /etc/x` would leave the output folder",
        );
}

// A Tera syntax error in a site template names the template and the line.
#[test]
fn template_syntax_error_names_the_template() {
    broken_file("templates/page.html", "<h1>{{ page.title }</h1>\n{{ page.content | safe }}\n")
        .assert_stderr_contains(
            "templates/page.html:1: template syntax error at the `^`; check the pairs `{{ }}`",
        )
        .assert_stderr_contains("(Tera: Failed to parse 'page.html'");
}

// A render error (unknown filter) names the template and the page being rendered.
#[test]
fn template_unknown_filter_names_template_and_page() {
    broken_file("templates/page.html", "<h1>{{ page.title | khong_co }}</h1>\n")
        .assert_stderr_contains(
            "templates/page.html: failed to render `content/tin-tuc/bai-hai.md` with template `page.html`",
        )
        .assert_stderr_contains("there is no filter `khong_co`; check the spelling")
        .assert_stderr_contains("Filter 'khong_co' not found");
}

// A render error (unknown variable) shows Tera's cause, not only "failed to render".
#[test]
fn template_unknown_variable_shows_the_cause() {
    broken_file("templates/page.html", "<h1>{{ page.khong_co }}</h1>\n")
        .assert_stderr_contains("failed to render `content/tai-lieu/chi-thi-11.md` with template `page.html`")
        .assert_stderr_contains("`page.khong_co` is not set on this page; write `{% if page.khong_co %}")
        .assert_stderr_contains("Variable `page.khong_co` not found");
}

// No config.yaml: say so, and how to make a site.
#[test]
fn missing_config_explains_how_to_start() {
    broken(|fx| {
        fx.remove("config.yaml");
    })
    .assert_stderr_contains("error: no `config.yaml` in `")
    .assert_stderr_contains("run `loa init DIR`");
}

// One run reports every broken file, sorted by path, and counts them.
#[test]
fn all_errors_of_a_run_are_reported() {
    broken(|fx| {
        fx.write("content/tin-tuc/bai-hai.md", "---\ntitle: \"Bài hai\"\ndate: 31/02/2023\n---\nx\n");
        fx.write("content/_index.md", "---\ntitle: \"Trang chủ\"\ndraft: maybe\n---\nx\n");
    })
    .assert_stderr_contains("content/_index.md:3:8: invalid front matter")
    .assert_stderr_contains("content/tin-tuc/bai-hai.md:3:7: invalid date `31/02/2023`")
    .assert_stderr_contains("error: build failed with 2 errors");
}

// With a Vietnamese locale, messages are in Vietnamese.
#[test]
fn messages_follow_a_vietnamese_locale() {
    let fx = Fixture::copy("good");
    fx.write("content/tin-tuc/bai-hai.md", "---\ntitle: \"Bài hai\"\ndate: 2024-13-01\n---\nx\n");
    let mut cmd = fx.cmd();
    cmd.env_remove("LC_ALL").env("LANG", "vi_VN.UTF-8").arg("build").arg("--root").arg(fx.root());
    fx.run(cmd, 1)
        .assert_stderr_contains(
            "content/tin-tuc/bai-hai.md:3:7: ngày `2024-13-01` không hợp lệ; viết theo dạng 2007-04-13 hoặc 13/04/2007",
        )
        .assert_stderr_contains("lỗi: không dựng được trang web: 1 lỗi; thư mục kết quả cũ được giữ nguyên");
}

// `loa check` reports the same errors and writes nothing.
#[test]
fn check_reports_errors_without_writing() {
    let fx = Fixture::copy("good");
    fx.write("content/tin-tuc/bai-hai.md", "---\ntitle: \"Bài hai\"\ndate: 2024-13-01\n---\nx\n");
    let mut cmd = fx.cmd();
    cmd.arg("check").arg("--root").arg(fx.root());
    fx.run(cmd, 1).assert_stderr_contains("content/tin-tuc/bai-hai.md:3:7: invalid date `2024-13-01`");
    assert!(!fx.public().exists());
    assert_no_leftovers(fx.root());
}
