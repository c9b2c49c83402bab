//! What a new user meets (issue #13): next steps, drafts, output location, example
//! `base_url`, sections without `_index.md`, YAML mistakes explained, counts and
//! Vietnamese `--help` and usage errors.

use crate::support::Fixture;

fn vi(cmd: &mut std::process::Command) -> &mut std::process::Command {
    cmd.env("LC_ALL", "vi_VN.UTF-8")
}

// A build says how many drafts it left out and where the output is, in both languages.
#[test]
fn build_reports_drafts_left_out_and_the_output_folder() {
    let fx = Fixture::copy("drafts");
    fx.build()
        .assert_stdout_contains("1 draft (`draft: true`) left out; change it to `draft: false` to publish")
        .assert_stdout_contains("Output in `");
    let mut cmd = fx.cmd();
    vi(&mut cmd).arg("build").arg("--root").arg(fx.root());
    fx.run(cmd, 0)
        .assert_stdout_contains(
            "1 bản nháp (`draft: true`) không được đưa vào; đổi thành `draft: false` để đăng",
        )
        .assert_stdout_contains("Kết quả ở `")
        .assert_stdout_contains("Đã dựng ");
    fx.build_with(&["--drafts"]);
    assert!(!fx.stdout().contains("left out"), "{}", fx.stdout());
}

// The example `base_url` of a fresh site is a warning naming config.yaml's line.
#[test]
fn example_base_url_is_a_warning() {
    let fx = Fixture::copy("good");
    fx.write("config.yaml", fx.read("config.yaml").replace("https://loa.example/", "https://example.org"));
    fx.build().assert_stderr_contains(
        "config.yaml:2:1: warning: `base_url` is still the example `https://example.org`, which ends up in sitemap.xml",
    );
    // A real address given on the command line silences it.
    fx.build_with(&["--base-url", "https://so-la.example.vn/"]).assert_stderr_lacks("base_url");
}

// A section folder without `_index.md` is named from the folder and warned about.
#[test]
fn section_without_index_is_named_from_its_folder_and_warned() {
    let fx = Fixture::copy("good");
    fx.write("content/thong-bao/lich-hop.md", "---\ntitle: \"Lịch họp\"\n---\nx\n");
    fx.build().assert_stderr_contains(
        "content/thong-bao/: warning: folder `thong-bao/` has no `_index.md`, so the menu calls this section “Thong bao”; \
         create `content/thong-bao/_index.md`",
    );
    let mut cmd = fx.cmd();
    vi(&mut cmd).arg("build").arg("--root").arg(fx.root());
    fx.run(cmd, 0).assert_stderr_contains(
        "content/thong-bao/: cảnh báo: thư mục `thong-bao/` chưa có `_index.md`, nên menu gọi chuyên mục này là “Thong bao”",
    );
}

// An unclosed quote on line 2 is reported on line 2 (not where the YAML ends), with our
// sentence first and serde_yaml's after it.
#[test]
fn unclosed_quote_is_reported_on_its_line_with_a_hint() {
    let fx = Fixture::copy("good");
    fx.write("content/tin-tuc/bai-hai.md", "---\ntitle: \"Bài hai\ndate: 2023-03-02\n---\nNội dung.\n");
    fx.build_err().assert_stderr_contains(
        "content/tin-tuc/bai-hai.md:2: invalid front matter: missing closing quote? This line opens a quote \
         that is never closed; add one at the end of the value (YAML: ",
    );
    assert!(fx.stderr().contains(" 2 | title: \"Bài hai\n"), "{}", fx.stderr());
    let mut cmd = fx.cmd();
    vi(&mut cmd).arg("build").arg("--root").arg(fx.root());
    fx.run(cmd, 1).assert_stderr_contains(
        "content/tin-tuc/bai-hai.md:2: phần đầu trang không hợp lệ: thiếu dấu ngoặc kép đóng?",
    );
}

// The same in config.yaml, and a colon in a value is explained.
#[test]
fn yaml_mistakes_in_config_are_explained() {
    let fx = Fixture::copy("good");
    let config = fx.read("config.yaml");
    fx.write("config.yaml", format!("description: \"Trang\n{config}"));
    fx.build_err().assert_stderr_contains("config.yaml:1: invalid configuration: missing closing quote?");
    fx.write("content/tin-tuc/bai-hai.md", "---\ntitle: Kế hoạch: năm 2023\n---\nx\n");
    fx.write("config.yaml", config);
    fx.build_err().assert_stderr_contains(
        "content/tin-tuc/bai-hai.md:2:16: invalid front matter: a value holds a colon `:`",
    );
}

// `--strict` with warnings only: the summary counts the warnings, not "0 errors".
#[test]
fn strict_failure_counts_warnings_not_zero_errors() {
    let fx = Fixture::copy("good");
    fx.write("content/tin-tuc/bai-hai.md", "---\ntitle: \"Bài hai\"\ndat: 2023-03-02\n---\nx\n");
    fx.build_err_with(&["--strict"])
        .assert_stderr_contains("error: build failed: 1 warning treated as error (`--strict`)")
        .assert_stderr_lacks("0 error");
    let mut cmd = fx.cmd();
    vi(&mut cmd).arg("build").arg("--strict").arg("--root").arg(fx.root());
    fx.run(cmd, 1)
        .assert_stderr_contains("lỗi: không dựng được trang web: 1 cảnh báo bị coi là lỗi (`--strict`)");
}

// A failed check does not claim it checked 0 pages.
#[test]
fn failed_check_does_not_count_zero_pages() {
    let fx = Fixture::copy("good");
    fx.write("content/tin-tuc/bai-hai.md", "---\ntitle: \"Bài hai\"\ndate: 2024-13-01\n---\nx\n");
    fx.run(fx.cmd_check(&[]), 1).assert_stdout_contains("Checked: 1 error, 0 warnings");
    assert!(!fx.stdout().contains("0 pages"), "{}", fx.stdout());
    let mut cmd = fx.cmd_check(&[]);
    vi(&mut cmd);
    fx.run(cmd, 1).assert_stdout_contains("Kiểm tra xong: 1 lỗi, 0 cảnh báo");
}

// `--help` in Vietnamese: every option described, KIND values listed, examples.
#[test]
fn help_is_vietnamese_under_a_vi_locale() {
    let fx = Fixture::empty();
    let mut cmd = fx.cmd();
    vi(&mut cmd).arg("--help");
    fx.run(cmd, 0)
        .assert_stdout_contains("Cách dùng: loa LỆNH [TÙY_CHỌN]")
        .assert_stdout_contains("Lệnh:")
        .assert_stdout_contains("  build       Dựng trang web vào thư mục kết quả")
        .assert_stdout_contains("-h, --help     In hướng dẫn này")
        .assert_stdout_contains("Ví dụ:\n  loa init trang-cua-toi");
    let mut cmd = fx.cmd();
    vi(&mut cmd).args(["new", "--help"]);
    fx.run(cmd, 0)
        .assert_stdout_contains("Cách dùng: loa new [LOẠI] ĐƯỜNG_DẪN [--root THƯ_MỤC]")
        .assert_stdout_contains("LOẠI là page (bài viết), document (văn bản) hoặc bulletin (bản tin)")
        .assert_stdout_contains("--root <THƯ_MỤC>  Thư mục của trang web");
    // Every option of every command has a description, in both languages.
    for lang in ["vi_VN.UTF-8", "C"] {
        for sub in ["init", "build", "check", "new", "import", "serve", "read-aloud", "speak"] {
            let mut cmd = fx.cmd();
            cmd.env("LC_ALL", lang).args([sub, "--help"]);
            let out = fx.run(cmd, 0).stdout();
            // `speak` once had an empty description: its texts were not in the help table.
            assert!(
                !out.lines().next().unwrap_or("").trim().is_empty(),
                "`loa {sub} --help` ({lang}) says nothing first: {out}"
            );
            let mut top = fx.cmd();
            top.env("LC_ALL", lang).arg("--help");
            let listed = fx.run(top, 0).stdout();
            let row = listed.lines().find(|l| l.trim_start().starts_with(&format!("{sub} "))).unwrap_or("");
            assert!(
                row.trim().len() > sub.len(),
                "`loa --help` ({lang}) does not describe `{sub}`: {listed}"
            );
            assert!(!out.contains("Options:") || lang == "C", "{out}");
            for line in
                out.lines().filter(|l| l.trim_start().starts_with('-') || l.trim_start().starts_with('<'))
            {
                let described = line.trim().split("  ").filter(|p| !p.trim().is_empty()).count() >= 2;
                assert!(described, "`loa {sub} --help` ({lang}) has an undescribed option: {line:?}");
            }
        }
    }
}

// Usage errors from clap are ours, in both languages, and exit 2.
#[test]
fn usage_errors_come_from_the_catalogue() {
    let fx = Fixture::empty();
    let cases: &[(&[&str], &str, &str)] = &[
        (
            &["build", "--rot", "x"],
            "không có tùy chọn `--rot`; có phải ý bạn là `--root`?",
            "no option `--rot`; did you mean `--root`?",
        ),
        (
            &["bild"],
            "không có lệnh `bild`; có phải ý bạn là `build`?",
            "no command `bild`; did you mean `build`?",
        ),
        (&["new"], "thiếu ĐƯỜNG_DẪN", "missing PATH"),
        (
            &["check", "--format", "xml"],
            "giá trị `xml` không dùng được cho --format <DẠNG>; chọn một trong: text, json",
            "`xml` is not a valid value for --format <FORMAT>; choose one of: text, json",
        ),
        (
            &["serve", "--port", "abc"],
            "giá trị `abc` không dùng được cho --port <CỔNG>",
            "`abc` is not a valid value for --port <PORT>",
        ),
    ];
    for (args, want_vi, want_en) in cases {
        let mut cmd = fx.cmd();
        vi(&mut cmd).args(*args);
        fx.run(cmd, 2)
            .assert_stderr_contains(&format!("lỗi: {want_vi}\n"))
            .assert_stderr_contains("loa --help");
        let mut cmd = fx.cmd();
        cmd.args(*args);
        fx.run(cmd, 2).assert_stderr_contains(&format!("error: {want_en}\n")).assert_stderr_lacks("Usage:");
    }
}

// An error from the operating system comes with our sentence first, in both languages.
#[test]
fn os_errors_are_explained_first() {
    let fx = Fixture::empty();
    let mut cmd = fx.cmd();
    cmd.args(["read-aloud", "khong-co.txt"]);
    fx.run(cmd, 1).assert_stderr_contains(
        "error: failed to read `khong-co.txt`\n  caused by: there is no such file or folder (",
    );
    let mut cmd = fx.cmd();
    vi(&mut cmd).args(["read-aloud", "khong-co.txt"]);
    fx.run(cmd, 1).assert_stderr_contains(
        "lỗi: không đọc được `khong-co.txt`\n  nguyên nhân: không có tệp hay thư mục này (",
    );
}

// Template errors in Vietnamese: our sentence (what to do) before Tera's.
#[test]
fn template_errors_say_what_to_do_in_vietnamese() {
    let fx = Fixture::copy("good");
    fx.write("templates/page.html", "<h1>{{ page.title | khong_co }}</h1>\n");
    let mut cmd = fx.cmd();
    vi(&mut cmd).arg("build").arg("--root").arg(fx.root());
    fx.run(cmd, 1).assert_stderr_contains(
        "lỗi khi dựng `content/tin-tuc/bai-mot.md` bằng mẫu `page.html`: không có bộ lọc `khong_co`; kiểm tra chính tả",
    );
    fx.write("templates/page.html", "<h1>{{ page.title }</h1>\n");
    let mut cmd = fx.cmd();
    vi(&mut cmd).arg("build").arg("--root").arg(fx.root());
    fx.run(cmd, 1)
        .assert_stderr_contains("templates/page.html:1: mẫu trang có lỗi cú pháp ở chỗ đánh dấu `^`");
}

// `loa serve` prints the warnings `loa build` prints, and the drafts left out.
#[test]
fn serve_prints_the_same_warnings_as_build() {
    use std::io::{BufRead, BufReader, Read};
    let fx = Fixture::copy("drafts");
    fx.write("config.yaml", format!("{}titel: \"x\"\n", fx.read("config.yaml")));
    fx.build().assert_stderr_contains("warning: unknown key `titel`");
    let build_warnings: Vec<String> =
        fx.stderr().lines().filter(|l| l.contains("warning:")).map(str::to_owned).collect();
    let mut child = crate::support::loa(fx.tmp())
        .args(["serve", "--port", "0", "--root"])
        .arg(fx.root())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("start loa serve");
    let mut stdout = Vec::new();
    for line in BufReader::new(child.stdout.take().expect("stdout")).lines() {
        let line = line.expect("read stdout");
        let done = line.contains("`public/` is not touched");
        stdout.push(line);
        if done {
            break;
        }
    }
    let _ = child.kill();
    let mut stderr = String::new();
    child.stderr.take().expect("stderr").read_to_string(&mut stderr).expect("read stderr");
    let _ = child.wait();
    for w in &build_warnings {
        assert!(stderr.contains(w.as_str()), "serve did not print `{w}`:\n{stderr}");
    }
    assert!(stdout.iter().any(|l| l.starts_with("1 draft (`draft: true`) left out")), "{stdout:?}");
    assert!(stdout.iter().any(|l| l.contains("`public/` is not touched")), "{stdout:?}");
}

// `loa init` ends with the next step, in both languages.
#[test]
fn init_ends_with_the_next_step_in_both_languages() {
    let fx = Fixture::empty();
    let mut cmd = fx.cmd();
    vi(&mut cmd).arg("init").arg(fx.tmp().join("trang-moi"));
    fx.run(cmd, 0)
        .assert_stdout_contains("Tiếp theo: cd ")
        .assert_stdout_contains("trang-moi && loa serve --open");
}

// A page published with the placeholder title `loa new` wrote is warned about.
#[test]
fn placeholder_title_is_warned_about() {
    let fx = Fixture::copy("good");
    let mut cmd = fx.cmd();
    cmd.args(["new", "tin-tuc/hop-chi-bo.md", "--root"]).arg(fx.root());
    fx.run(cmd, 0);
    let text = fx.read("content/tin-tuc/hop-chi-bo.md").replace("draft: true", "draft: false");
    fx.write("content/tin-tuc/hop-chi-bo.md", text);
    fx.build().assert_stderr_contains(
        "content/tin-tuc/hop-chi-bo.md:3:1: warning: the title is still the placeholder `loa new` left",
    );
}
