//! Output guarantees under attack and accident: `public/` is always exactly the old or the
//! new tree, never written outside, and every output path has one source.
//!
//! Kills at random points of a large rebuild, two builds at once, a full disk (a small
//! tmpfs, when running as root), links in the output and the sources, and every kind of
//! output collision.

use std::fs;
use std::path::Path;
use std::process::Stdio;
use std::time::{Duration, Instant};

use crate::support::{assert_no_leftovers, assert_same_tree, entries, tree, Fixture};

/// The built skeleton; then `change` makes the site collide, and the build must fail
/// naming both sources (`want`) without changing a byte of `public/`.
fn collision(change: impl FnOnce(&Fixture), want: &[&str]) {
    let fx = Fixture::built_skeleton();
    let before = fx.output_tree();
    change(&fx);
    fx.build_err();
    for part in want {
        fx.assert_stderr_contains(part);
    }
    fx.assert_stderr_contains("every output file has one source");
    assert_same_tree(&before, &fx.output_tree());
    assert_no_leftovers(fx.root());
}

const PAGE: &str = "---\ntitle: \"Trùng\"\n---\nNội dung.\n";

fn with_path(path: &str) -> String {
    format!("---\ntitle: \"Trùng\"\npath: {path}\n---\nNội dung.\n")
}

// Regression: a page with `path: search` replaced the search page, or failed halfway
// through the commit with files of `public/` already replaced.
#[test]
fn page_with_path_search_collides_with_the_search_page() {
    collision(
        |fx| {
            fx.write("content/tim.md", with_path("search"));
        },
        &["content/tim.md:3: `content/tim.md` and the search page both write `search/index.html`"],
    );
}

// Regression: `path: tu-khoa` (the tags' folder in config.yaml) overwrote the tag list.
#[test]
fn page_with_a_taxonomy_path_collides_with_the_taxonomy_list() {
    collision(
        |fx| {
            fx.write("content/tk.md", with_path("tu-khoa"));
        },
        &["content/tk.md:3:", "the taxonomy `tags` (config.yaml)", "both write `tu-khoa/index.html`"],
    );
}

// Regression: `path: tin-tuc/page/2` and the second list page of `tin-tuc/` were one file.
#[test]
fn page_with_a_pager_path_collides_with_the_list_page() {
    collision(
        |fx| {
            fx.write("content/tin-tuc/_index.md", "---\ntitle: \"Tin tức\"\npaginate_by: 1\n---\n");
            fx.write("content/tin-tuc/hai.md", PAGE);
            fx.write("content/p.md", with_path("tin-tuc/page/2"));
        },
        &["content/p.md:3:", "the list page `content/tin-tuc/_index.md (2)`", "`tin-tuc/page/2/index.html`"],
    );
}

// Regression: `content/tin-tuc.md` beside the folder `content/tin-tuc/` lost one of them.
#[test]
fn page_beside_a_folder_of_the_same_name_collides_with_the_section() {
    collision(
        |fx| {
            fx.write("content/tin-tuc.md", PAGE);
        },
        &["`content/tin-tuc.md`", "`content/tin-tuc/_index.md`", "both write `tin-tuc/index.html`"],
    );
}

// Regression: a bulletin named `lich-phat.md` replaced the broadcast schedule.
#[test]
fn bulletin_named_lich_phat_collides_with_the_schedule() {
    collision(
        |fx| {
            let sample = fx.read("content/ban-tin/ban-tin-mau.md");
            fx.write("content/ban-tin/lich-phat.md", sample);
        },
        &["`content/ban-tin/lich-phat.md` and the bulletin schedule page both write `ban-tin/lich-phat/index.html`"],
    );
}

// Regression: a document named `dong-thoi-gian.md` replaced the documents' timeline.
#[test]
fn document_named_dong_thoi_gian_collides_with_the_timeline() {
    collision(
        |fx| {
            fx.write("content/van-ban/dong-thoi-gian.md", PAGE);
        },
        &["`content/van-ban/dong-thoi-gian.md` and the documents' timeline page both write"],
    );
}

// Regression: `static/index.html` and the home page took turns being `index.html`
// (XSTATIC, home, XSTATIC… on successive builds), exit 0 each time.
#[test]
fn static_index_html_collides_with_the_home_page() {
    collision(
        |fx| {
            fx.write("static/index.html", "XSTATIC");
        },
        &["static/index.html: `static/index.html` and `content/_index.md` both write `index.html`"],
    );
}

// Regression: `content/sitemap.xml` was copied over the sitemap, or the sitemap over it.
#[test]
fn content_sitemap_xml_collides_with_the_sitemap() {
    collision(
        |fx| {
            fx.write("content/sitemap.xml", "<x/>");
        },
        &["`content/sitemap.xml` and the sitemap `sitemap.xml` both write `sitemap.xml`"],
    );
}

// Regression: `static/search/meta.js` replaced the search index's own file.
#[test]
fn static_file_in_search_collides_with_the_search_index() {
    collision(
        |fx| {
            fx.write("static/search/meta.js", "x");
        },
        &["`static/search/meta.js` and the search index (`search/`) both write `search/meta.js`"],
    );
}

// A file where another output needs a folder (`static/tin-tuc` and `tin-tuc/index.html`).
#[test]
fn static_file_where_a_section_folder_goes_collides() {
    collision(
        |fx| {
            fx.write("static/tin-tuc", "x");
        },
        &["`static/tin-tuc`", "both write `tin-tuc`"],
    );
}

// Regression: two pages with one URL are reported with the `slug:` line of the one to change.
#[test]
fn two_pages_with_one_slug_name_both_files() {
    collision(
        |fx| {
            fx.write("content/tin-tuc/khac.md", "---\ntitle: \"Khác\"\nslug: trang-dau-tien\n---\nx\n");
        },
        &["content/tin-tuc/khac.md:3: `content/tin-tuc/khac.md` and `content/tin-tuc/trang-dau-tien.md` both write"],
    );
}

// Regression: taxonomy `path: /abs` in config.yaml wrote a foreign `index.html`, and
// `../../x` wrote beside the site.
#[test]
fn taxonomy_path_in_config_cannot_leave_the_output() {
    let fx = Fixture::built_skeleton();
    let before = fx.output_tree();
    let config = fx.read("config.yaml");
    let outside = fx.tmp().join("v");
    for bad in [outside.to_str().expect("UTF-8").to_owned(), "../../x".to_owned()] {
        fx.write("config.yaml", config.replace("path: tu-khoa", &format!("path: {bad}")));
        let line = fx.read("config.yaml").lines().position(|l| l.contains(&bad)).expect("written") + 1;
        fx.build_err()
            .assert_stderr_contains(&format!("config.yaml:{line}: taxonomy `path: {bad}` would leave"));
        assert_same_tree(&before, &fx.output_tree());
    }
    assert!(!outside.exists());
    assert_eq!(entries(fx.tmp()), ["site"]);
}

// Regression: a missing `content/` (or a file named `content`) built an empty site over
// the old one and exited 0.
#[test]
fn missing_content_folder_is_an_error_not_an_empty_site() {
    let fx = Fixture::built_skeleton();
    let before = fx.output_tree();
    fs::rename(fx.path("content"), fx.path("noi-dung")).expect("move content away");
    fx.build_err().assert_stderr_contains("there is no `content/` folder in");
    assert_same_tree(&before, &fx.output_tree());
    fx.write("content", "không phải thư mục");
    fx.build_err().assert_stderr_contains("`content` in `");
    fx.assert_stderr_contains("is a file, not a folder");
    assert_same_tree(&before, &fx.output_tree());
}

// Regression: a link inside the output (`public/css` → a folder elsewhere) was written
// through, then the foreign files were deleted.
#[test]
fn link_inside_the_output_is_replaced_not_written_through() {
    let fx = Fixture::built_skeleton();
    let foreign = fx.tmp().join("cua-nguoi-khac");
    fs::create_dir(&foreign).expect("mkdir");
    fs::write(foreign.join("style.css"), "foreign").expect("write");
    fs::write(foreign.join("giu-lai.txt"), "keep").expect("write");
    fs::remove_dir_all(fx.public().join("css")).expect("remove css");
    symlink(&foreign, &fx.public().join("css"));
    fx.build();
    assert_eq!(entries(&foreign), ["giu-lai.txt", "style.css"]);
    assert_eq!(fs::read_to_string(foreign.join("style.css")).expect("read"), "foreign");
    let css = fx.public().join("css");
    assert!(fs::symlink_metadata(&css).expect("css").is_dir(), "public/css is a folder again");
    assert_ne!(fs::read_to_string(css.join("style.css")).expect("read"), "foreign");
}

fn symlink(target: &Path, link: &Path) {
    #[cfg(unix)]
    std::os::unix::fs::symlink(target, link).expect("symlink");
    #[cfg(not(unix))]
    let _ = (target, link);
}

/// A site of `n` pages in 20 sections; `version` changes every page's text.
fn large_site(fx: &Fixture, n: usize, version: u32) {
    for i in 0..n {
        fx.write(
            &format!("content/muc-{}/bai-{i}.md", i % 20),
            format!(
                "---\ntitle: \"Bài {i}\"\ndate: 2024-01-{:02}\n---\nPhiên bản {version}: nội dung bài {i} về công tác cai nghiện ma túy.\n",
                i % 28 + 1
            ),
        );
    }
}

/// A small pseudo-random sequence (no crate needed), seeded from the clock and printed.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, below: u64) -> u64 {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        (self.0 >> 33) % below.max(1)
    }
}

// Regression: kill -9 (or Ctrl-C) during the commit of a large rebuild left `public/`
// half old, half new. Killed at random points, `public/` is always the old or the new tree.
#[test]
fn kill_during_a_large_rebuild_leaves_the_old_or_the_new_tree() {
    const PAGES: usize = 1500;
    let fx = Fixture::copy("good");
    large_site(&fx, PAGES, 1);
    fx.build();
    let old = fx.output_tree();
    large_site(&fx, PAGES, 2);
    let out_b = fx.tmp().join("b");
    fx.build_with(&["--output", out_b.to_str().expect("UTF-8")]);
    let new = tree(&out_b);
    fs::remove_dir_all(&out_b).expect("remove");
    assert_ne!(old, new);

    // How long a rebuild takes here, to spread the kills over it (the commit is its end).
    let started = Instant::now();
    let mut cmd = fx.cmd();
    cmd.args(["build", "--root"]).arg(fx.root()).stdout(Stdio::null()).stderr(Stdio::null());
    let mut child = cmd.spawn().expect("spawn");
    child.wait().expect("wait");
    let full = started.elapsed();
    assert_eq!(fx.output_tree(), new);

    let seed =
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(7, |d| d.as_nanos() as u64);
    eprintln!("kill test: seed {seed}, a rebuild takes {full:?}");
    let mut rng = Lcg(seed);
    let mut saw = [false, false];
    for round in 0..6u32 {
        // Alternate the content so each round has an old tree and a different new one.
        let (from, to) = if round % 2 == 0 { (&new, &old) } else { (&old, &new) };
        large_site(&fx, PAGES, if round % 2 == 0 { 1 } else { 2 });
        let current = fx.output_tree();
        assert!(current == *from || current == *to, "round {round}: public/ is neither tree before the kill");
        // Kill somewhere in the last 60% of the run, where files are written and swapped.
        let at = full.mul_f64(0.4) + Duration::from_millis(rng.next(full.as_millis() as u64 * 7 / 10));
        let mut child = fx
            .cmd()
            .args(["build", "--root"])
            .arg(fx.root())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("spawn");
        if round % 2 == 0 {
            std::thread::sleep(at);
        } else {
            // Kill the moment any file of public/ changes: in the middle of a commit that
            // is not one atomic step.
            let sample: Vec<(String, &Vec<u8>)> =
                current.iter().step_by((current.len() / 60).max(1)).map(|(k, v)| (k.clone(), v)).collect();
            let until = Instant::now() + full * 3;
            while Instant::now() < until && child.try_wait().ok().flatten().is_none() {
                let changed = sample
                    .iter()
                    .any(|(rel, old)| fs::read(fx.public().join(rel)).ok().as_ref() != Some(*old));
                if changed {
                    break;
                }
            }
        }
        let _ = child.kill(); // SIGKILL
        child.wait().expect("wait");
        let after = fx.output_tree();
        let is_old = after == current;
        let is_new = after == *to;
        assert!(
            is_old || is_new,
            "round {round} (seed {seed}, kill after {at:?}): public/ is a mix of two trees"
        );
        saw[usize::from(is_new)] = true;
    }
    eprintln!("kill test: saw the old tree: {}, the new tree: {}", saw[0], saw[1]);
    // The next build cleans up whatever the kills left.
    fx.build();
    assert_no_leftovers(fx.root());
    assert_eq!(entries(fx.root()), ["config.yaml", "content", "public", "templates"]);
}

// Regression: two builds at once corrupted `public/`: each deleted the other's staging
// folder. Now the second waits for the first (saying so) and both succeed.
#[test]
fn two_builds_at_once_both_succeed_one_after_the_other() {
    let fx = Fixture::copy("good");
    large_site(&fx, 400, 1);
    fx.build();
    large_site(&fx, 400, 2);
    let spawn = || {
        fx.cmd()
            .args(["build", "--root"])
            .arg(fx.root())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn")
    };
    for _ in 0..3 {
        let (a, b) = (spawn(), spawn());
        let (a, b) = (a.wait_with_output().expect("wait"), b.wait_with_output().expect("wait"));
        for out in [&a, &b] {
            assert!(
                out.status.success(),
                "a concurrent build failed:\n{}",
                String::from_utf8_lossy(&out.stderr)
            );
        }
        assert_no_leftovers(fx.root());
    }
    let got = fx.output_tree();
    let out_b = fx.tmp().join("b");
    fx.build_with(&["--output", out_b.to_str().expect("UTF-8")]);
    assert_eq!(got, tree(&out_b), "public/ is not the tree a single build makes");
}

// The message a waiting build prints names the folder and the other build's process.
#[test]
fn a_build_waiting_for_another_says_so() {
    let fx = Fixture::copy("good");
    fx.build();
    // Hold the lock as a running build would.
    let lock = fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(fx.root().join(".public.loa-lock"))
        .expect("open lock");
    lock.lock().expect("lock");
    fs::write(fx.root().join(".public.loa-lock"), "4242").expect("pid");
    let mut child =
        fx.cmd().args(["build", "--root"]).arg(fx.root()).stderr(Stdio::piped()).spawn().expect("spawn");
    // Release the lock once the build says it waits (or after a generous minute).
    let mut stderr = child.stderr.take().expect("stderr");
    let reader = std::thread::spawn(move || {
        let mut text = String::new();
        let mut buf = [0u8; 256];
        let until = Instant::now() + Duration::from_secs(60);
        while !text.contains("waiting") && Instant::now() < until {
            match std::io::Read::read(&mut stderr, &mut buf) {
                Ok(0) | Err(_) => break,
                Ok(n) => text.push_str(&String::from_utf8_lossy(&buf[..n])),
            }
        }
        (text, stderr)
    });
    let (mut text, mut stderr) = reader.join().expect("reader");
    lock.unlock().expect("unlock");
    drop(lock);
    std::io::Read::read_to_string(&mut stderr, &mut text).expect("read stderr");
    let status = child.wait().expect("wait");
    let stderr = text;
    assert!(status.success(), "{stderr}");
    assert!(stderr.contains("another `loa build` (process 4242) is writing `"), "{stderr}");
}

/// A tmpfs of `size` mounted at `dir` while alive.
struct Tmpfs(std::path::PathBuf);

impl Drop for Tmpfs {
    fn drop(&mut self) {
        let _ = std::process::Command::new("umount").arg(&self.0).status();
    }
}

fn is_root() -> bool {
    std::process::Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
}

// Regression: a full disk printed one error per file (15,435 lines). It is said once,
// with the fix, and the old output is untouched.
#[test]
fn full_disk_is_reported_once_and_changes_nothing() {
    let ci = std::env::var_os("CI").is_some_and(|v| !v.is_empty() && v != "0" && v != "false");
    if !is_root() {
        assert!(!ci, "the full-disk test needs root (to mount a tmpfs); CI runs as root");
        eprintln!("SKIPPED full_disk_is_reported_once_and_changes_nothing: needs root to mount a tmpfs");
        return;
    }
    let fx = Fixture::copy("good");
    let disk = fx.tmp().join("dia");
    fs::create_dir(&disk).expect("mkdir");
    let mounted = std::process::Command::new("mount")
        .args(["-t", "tmpfs", "-o", "size=2m", "tmpfs"])
        .arg(&disk)
        .status()
        .is_ok_and(|s| s.success());
    if !mounted {
        assert!(!ci, "could not mount a tmpfs as root");
        eprintln!("SKIPPED full_disk_is_reported_once_and_changes_nothing: mount failed");
        return;
    }
    let _guard = Tmpfs(disk.clone());
    let out = disk.join("public");
    let out_arg = out.to_str().expect("UTF-8");
    fx.build_with(&["--output", out_arg]);
    let before = tree(&out);
    // Many files that no longer fit beside the old output.
    for i in 0..300 {
        fx.write(&format!("content/day/tep-{i}.bin"), vec![b'x'; 16 * 1024]);
    }
    fx.build_err_with(&["--output", out_arg]);
    let stderr = fx.stderr();
    assert_eq!(stderr.matches("the disk is full").count(), 1, "{stderr}");
    assert!(stderr.lines().count() <= 3, "{stderr}");
    fx.assert_stderr_contains("was not changed. Free some space and build again");
    assert_same_tree(&before, &tree(&out));
    assert_no_leftovers(&disk);
}

// Regression: `static -> /etc` published `/etc/shadow`, while links inside `content/`
// were skipped without a word. One rule now: links inside the site are followed, links
// leading outside are skipped with a warning, in every source folder.
#[test]
fn links_leading_outside_the_site_are_skipped_with_a_warning() {
    let fx = Fixture::copy("good");
    let outside = fx.tmp().join("ngoai");
    fs::create_dir(&outside).expect("mkdir");
    fs::write(outside.join("shadow"), "bí mật").expect("write");
    symlink(&outside, &fx.path("static"));
    symlink(&outside.join("shadow"), &fx.path("content/tin-tuc/shadow.txt"));
    fx.write("tai-nguyen/so-do.txt", "trong trang");
    symlink(Path::new("../../tai-nguyen/so-do.txt"), &fx.path("content/tin-tuc/so-do.txt"));
    fx.build();
    fx.assert_stderr_contains("static: warning: `static` is a link to `");
    fx.assert_stderr_contains(
        "content/tin-tuc/shadow.txt: warning: `content/tin-tuc/shadow.txt` is a link to `",
    );
    fx.assert_stderr_contains("outside the site (or missing); skipped");
    let files = fx.output_tree();
    assert!(files.keys().all(|k| !k.contains("shadow")), "{:?}", files.keys());
    assert_eq!(fx.read_public("tin-tuc/so-do.txt"), "trong trang");
}

// A `content` link leading outside is no content: an error, not an empty site.
#[test]
fn content_link_leading_outside_is_an_error() {
    let fx = Fixture::copy("good");
    fx.build();
    let before = fx.output_tree();
    let elsewhere = fx.tmp().join("noi-dung");
    fs::rename(fx.path("content"), &elsewhere).expect("move");
    symlink(&elsewhere, &fx.path("content"));
    fx.build_err().assert_stderr_contains("content: `content` is a link to `");
    assert_same_tree(&before, &fx.output_tree());
}

/// The good fixture with `templates/page.html` replaced: the build fails naming it.
fn bad_template(text: &str, want: &str) {
    let fx = Fixture::copy("good");
    fx.build();
    let before = fx.output_tree();
    fx.write("templates/page.html", text);
    fx.build_err().assert_stderr_contains(want);
    assert_same_tree(&before, &fx.output_tree());
}

// Regression: a template including itself overflowed the stack: exit 134, no file named.
#[test]
fn template_including_itself_is_reported_not_a_crash() {
    bad_template(
        "<p>\n{% include \"page.html\" %}\n",
        "templates/page.html:2: the template would call itself forever or nests too deep (`page.html` includes itself",
    );
}

// Regression: a recursive macro overflowed the stack.
#[test]
fn recursive_macro_is_reported_not_a_crash() {
    bad_template(
        "{% macro m(n) %}{{ self::m(n=n+1) }}{% endmacro m %}\n{{ self::m(n=1) }}\n",
        "(macro `m` of `page.html` calls itself too deep)",
    );
}

// Regression: 2,000 nested `if`s overflowed the stack while parsing the template.
#[test]
fn two_thousand_nested_ifs_are_reported_not_a_crash() {
    let deep = "{% if page %}\n".repeat(2000) + &"{% endif %}".repeat(2000);
    bad_template(&deep, "templates/page.html:65: the template would call itself forever or nests too deep");
}

// Regression: themes could read the builder's environment with `get_env`.
#[test]
fn get_env_is_turned_off_in_templates() {
    bad_template("{{ get_env(name=\"HOME\") }}", "`get_env` is turned off in loa");
}

// Regression: `range(end=1e8)` ran for minutes; loops are bounded with a clear error.
#[test]
fn huge_range_in_a_template_is_refused() {
    bad_template(
        "{% for i in range(end=100000000) %}{{ i }}{% endfor %}",
        "`range` would make 100000000 items, over the limit of 100000",
    );
}

// Ordinary `range` use still works (the bounded `range` replaces Tera's).
#[test]
fn small_range_in_a_template_still_works() {
    let fx = Fixture::copy("good");
    fx.write("templates/page.html", "{% for i in range(start=1, end=7, step_by=2) %}{{ i }},{% endfor %}");
    fx.build();
    assert_eq!(fx.read_public("tin-tuc/bai-mot/index.html"), "1,3,5,");
}

// Regression: errors of loa's own template functions and filters were English-only
// sentences outside the message catalogue.
#[test]
fn template_function_errors_come_from_the_catalogue_in_both_languages() {
    let cases: [(&str, &str, &str); 5] = [
        (
            "{{ \"13/13/2023\" | vi_date }}",
            "vi_date: `13/13/2023` is not a date; write dates as 2023-03-01 or 01/03/2023",
            "vi_date: `13/13/2023` không phải là ngày",
        ),
        (
            "{{ \"2023-03-01\" | vi_date(format=\"dai\") }}",
            "vi_date: there is no date format `dai`",
            "vi_date: không có kiểu ngày `dai`",
        ),
        (
            "{% for i in range(end=\"x\") %}{% endfor %}",
            "range: `end` must be a whole number",
            "range: `end` phải là số nguyên",
        ),
        (
            "{% for i in range(end=3, step_by=0) %}{% endfor %}",
            "range: `step_by` must be at least 1",
            "range: `step_by` phải từ 1 trở lên",
        ),
        (
            "{{ static_text(path=\"css/khong-co.css\") }}",
            "static_text: there is no stylesheet `css/khong-co.css`",
            "static_text: không có tệp kiểu `css/khong-co.css`",
        ),
    ];
    for (template, en, vi) in cases {
        bad_template(template, en);
        let fx = Fixture::copy("good");
        fx.write("templates/page.html", template);
        let mut cmd = fx.cmd();
        cmd.env_remove("LC_ALL").env("LANG", "vi_VN.UTF-8").arg("build").arg("--root").arg(fx.root());
        fx.run(cmd, 1).assert_stderr_contains(vi);
    }
}

// Regression: 2,000 broken links on one line printed the whole line with each error
// (10,000 took 4.6 GB). Excerpts are a window around the problem; a file shows 20
// problems, then a count.
#[test]
fn many_errors_on_one_long_line_print_a_short_report() {
    let fx = Fixture::copy("good");
    let line: String = (0..2000).map(|i| format!("[liên kết {i}](khong-co-{i}.md) ")).collect();
    fx.write("content/tin-tuc/dai.md", format!("---\ntitle: \"Dài\"\n---\n{line}\n"));
    fx.build_err();
    let stderr = fx.stderr();
    assert!(stderr.len() < 16 * 1024, "stderr is {} bytes", stderr.len());
    fx.assert_stderr_contains("content/tin-tuc/dai.md:4: link `khong-co-0.md` points at nothing");
    fx.assert_stderr_contains("… and 1980 more in this file");
    fx.assert_stderr_contains("build failed with 2000 errors");
}

// Regression: 20,000 identical headings took 36 s (every id re-probed each suffix).
// The ids stay the same: `a`, `a-1`, `a-2`… and a heading already named `a-1` is skipped.
#[test]
fn identical_headings_get_numbered_ids_in_order() {
    let fx = Fixture::copy("good");
    fx.write("templates/page.html", "{{ page.content | safe }}");
    let body: String = "## A\n\n## A 1\n\n".to_owned() + &"## A\n\n".repeat(20_000);
    fx.write("content/tin-tuc/dau.md", format!("---\ntitle: \"Đầu\"\n---\n{body}"));
    fx.build();
    let html = fx.read_public("tin-tuc/dau/index.html");
    let ids: Vec<&str> = html.split("id=\"").skip(1).filter_map(|s| s.split('"').next()).collect();
    assert_eq!(ids.len(), 20_002);
    assert_eq!(&ids[..4], ["a", "a-1", "a-2", "a-3"]);
    assert_eq!(ids[20_001], "a-20001");
    let unique: std::collections::HashSet<&&str> = ids.iter().collect();
    assert_eq!(unique.len(), ids.len());
}

// Regression: a vertical tab (Word's manual line break), form feed, NUL or U+FFFF in a
// title made `atom.xml` and `sitemap.xml` ill-formed, and pages kept NUL bytes. They are
// removed (VT and FF become spaces) with a warning at the file and line.
#[test]
fn control_characters_are_removed_with_a_warning_at_their_line() {
    let fx = Fixture::copy("good");
    fx.write(
        "content/tin-tuc/bai-hai.md",
        "---\ntitle: \"Dòng một\u{0B}dòng hai\u{0C}\"\ndate: 2023-03-02\n---\nCó NUL\u{0}ở đây và \u{FFFF}.\n",
    );
    fx.write("config.yaml", "title: \"Trang\u{0B}tốt\"\nbase_url: \"https://loa.example/\"\n");
    fx.build();
    fx.assert_stderr_contains(
        "content/tin-tuc/bai-hai.md:2: warning: removed 4 invisible control character(s) (such as U+000B",
    );
    fx.assert_stderr_contains("config.yaml:1: warning: removed 1 invisible control character(s)");
    for (rel, bytes) in fx.output_tree() {
        let text = String::from_utf8_lossy(&bytes);
        let bad = text.chars().find(|&c| (c < ' ' && c != '\t' && c != '\n' && c != '\r') || c == '\u{FFFF}');
        assert!(bad.is_none(), "{rel} holds {bad:?}");
    }
    assert!(fx.read_public("atom.xml").contains("Dòng một dòng hai"));
}

// Regression: `base_url: example.org` was accepted, and a `"` in `base_url` or in a menu
// URL injected attributes into every page.
#[test]
fn base_url_and_menu_urls_are_validated() {
    let fx = Fixture::copy("good");
    fx.build();
    let before = fx.output_tree();
    for (config, want) in [
        ("base_url: example.org\n", "config.yaml:2: `base_url: example.org` is not valid"),
        ("base_url: 'https://x.example/\" onmouseover=\"alert(1)'\n", "config.yaml:2: `base_url: https://x.example/\""),
        ("base_url: https://x.example/?a=1\n", "is not valid; write a full address"),
        (
            "base_url: https://x.example/\nextra:\n  menu:\n    - title: X\n      url: '/a\" onclick=\"alert(1)'\n",
            "config.yaml:6: menu link `/a\" onclick=\"alert(1)` is not valid",
        ),
        ("extra:\n  menu:\n    - title: X\n      url: 'javascript:alert(1)'\n", "menu link `javascript:alert(1)` is not valid"),
    ] {
        fx.write("config.yaml", format!("title: T\n{config}"));
        fx.build_err().assert_stderr_contains(want);
        assert_same_tree(&before, &fx.output_tree());
    }
    fx.write("config.yaml", "title: T\nbase_url: https://x.example/\n");
    fx.build_err_with(&["--base-url", "x.example"])
        .assert_stderr_contains("`base_url: x.example` is not valid");
    // Good menus still work and are escaped in the default theme.
    let sk = Fixture::built_skeleton();
    let config = sk.read("config.yaml");
    sk.write(
        "config.yaml",
        format!("{config}\nextra:\n  menu:\n    - title: \"Liên hệ\"\n      url: \"https://sonla.example/?a=1&b=2\"\n"),
    );
    sk.build();
    assert!(sk.read_public("index.html").contains("href=\"https://sonla.example/?a=1&amp;b=2\""));
}

// Regression: messages without the source or the fix: `config.yaml` as a folder gave
// "Is a directory", a bulletin without `air_date` said "`document:` is missing", and a
// `bulletin:` that is not a block said serde's "expected struct Front".
#[test]
fn messages_name_the_source_and_the_fix() {
    let fx = Fixture::built_skeleton();
    let config = fx.read("config.yaml");
    fs::remove_file(fx.path("config.yaml")).expect("rm");
    fs::create_dir(fx.path("config.yaml")).expect("mkdir");
    fx.build_err()
        .assert_stderr_contains("`config.yaml` in `")
        .assert_stderr_contains("is a folder, not a file");
    fs::remove_dir(fx.path("config.yaml")).expect("rmdir");
    fx.write("config.yaml", &config);
    let sample = fx.read("content/ban-tin/ban-tin-mau.md");
    let without_date: String =
        sample.lines().filter(|l| !l.contains("air_date")).map(|l| format!("{l}\n")).collect();
    fx.write("content/ban-tin/ban-tin-mau.md", without_date);
    fx.build_err().assert_stderr_contains("`bulletin:` is missing the required field `air_date`");
    fx.write(
        "content/ban-tin/ban-tin-mau.md",
        "---\ntitle: \"Bản tin\"\nbulletin: \"sáng thứ hai\"\n---\nNội dung.\n",
    );
    fx.build_err()
        .assert_stderr_contains(
            "content/ban-tin/ban-tin-mau.md:3:1: `bulletin:` must be a block of indented `key: value` lines",
        )
        .assert_stderr_lacks("struct Front");
}

// Regression: inputs accepted without a word: TOML `+++` front matter and `.MD` /
// `.markdown` files were published raw, editor leftovers (`*.bak`, `~`, `.swp`) were
// published as files, `syllables_per_minute: 0` and `target_minutes: .nan` were taken,
// and a document citing itself passed.
#[test]
fn silent_inputs_are_refused_or_warned_about() {
    let fx = Fixture::built_skeleton();
    fx.write("content/tin-tuc/toml.md", "+++\ntitle = \"TOML\"\n+++\nNội dung.\n");
    fx.build_err()
        .assert_stderr_contains("content/tin-tuc/toml.md:1:1: TOML front matter (`+++`) is not supported");
    fx.remove("content/tin-tuc/toml.md");
    fx.write("content/tin-tuc/HOA.MD", "---\ntitle: x\n---\nx\n");
    fx.write("content/tin-tuc/dai.markdown", "---\ntitle: x\n---\nx\n");
    for leftover in ["bai.md.bak", "bai.md~", ".bai.md.swp", "~$bao-cao.docx", "ghi-chu.orig"] {
        fx.write(&format!("content/tin-tuc/{leftover}"), "x");
    }
    fx.build();
    fx.assert_stderr_contains("content/tin-tuc/HOA.MD: warning: `tin-tuc/HOA.MD` is not built as a page");
    fx.assert_stderr_contains("content/tin-tuc/dai.markdown: warning:");
    let out = fx.output_tree();
    let published: Vec<&String> =
        out.keys().filter(|k| k.starts_with("tin-tuc/") && !k.ends_with("index.html")).collect();
    assert!(published.is_empty(), "published: {published:?}");

    let config = fx.read("config.yaml");
    let with_pace = |pace: &str| {
        if config.contains("syllables_per_minute:") {
            config
                .lines()
                .map(|l| {
                    if l.trim_start().starts_with("syllables_per_minute:") {
                        format!("  syllables_per_minute: {pace}\n")
                    } else {
                        format!("{l}\n")
                    }
                })
                .collect::<String>()
        } else {
            format!("{config}\nbroadcast:\n  syllables_per_minute: {pace}\n")
        }
    };
    fx.write("config.yaml", with_pace("0"));
    fx.build_err().assert_stderr_contains("`syllables_per_minute: 0` is not a reading pace");
    fx.write("config.yaml", &config);
    let sample = fx.read("content/ban-tin/ban-tin-mau.md");
    let nan: String = sample
        .lines()
        .map(|l| {
            if l.trim_start().starts_with("target_minutes:") {
                "  target_minutes: .nan\n".to_owned()
            } else {
                format!("{l}\n")
            }
        })
        .collect();
    assert!(nan.contains(".nan"), "the sample bulletin has `target_minutes`");
    fx.write("content/ban-tin/ban-tin-mau.md", nan);
    fx.build_err().assert_stderr_contains("`target_minutes` must be a positive number of minutes");
    fx.write("content/ban-tin/ban-tin-mau.md", &sample);
    let doc = fx.read("content/van-ban/chi-thi-11-ct-tw.md");
    let number = doc
        .lines()
        .find_map(|l| l.trim_start().strip_prefix("number:"))
        .expect("a number")
        .trim()
        .trim_matches('"')
        .to_owned();
    let own = doc.replacen("document:\n", &format!("document:\n  cites: [\"{number}\"]\n"), 1);
    assert_ne!(own, doc, "the sample document has a `document:` block");
    fx.write("content/van-ban/chi-thi-11-ct-tw.md", own);
    fx.build().assert_stderr_contains("warning: this document cites itself");
}
