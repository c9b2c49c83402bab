//! `loa init`: a new site that builds at once, and never over existing files.

use std::fs;

use crate::support::{entries, Fixture};

// `loa init DIR` writes a site: config, content and the theme to customise.
#[test]
fn init_creates_a_site_skeleton() {
    let fx = Fixture::empty();
    let dir = fx.tmp().join("trang-moi");
    let mut cmd = fx.cmd();
    cmd.arg("init").arg(&dir);
    fx.run(cmd, 0)
        .assert_stdout_contains("Created a new site in `")
        .assert_stdout_contains("Next: cd ")
        .assert_stdout_contains(" && loa serve --open");
    for file in ["config.yaml", "content/_index.md", "themes/hoa-ban/templates/page.html"] {
        assert!(dir.join(file).is_file(), "missing {file}");
    }
}

// `loa init DIR` then `loa build --root DIR` works and makes the home page and the examples.
#[test]
fn init_then_build_works() {
    let fx = Fixture::empty();
    let dir = fx.tmp().join("trang-moi");
    let mut cmd = fx.cmd();
    cmd.arg("init").arg(&dir);
    fx.run(cmd, 0).assert_stdout_contains("Created a new site in `");
    let mut cmd = fx.cmd();
    cmd.arg("build").arg("--root").arg(&dir);
    fx.run(cmd, 0).assert_stdout_contains("Built ").assert_stdout_contains("Output in `");
    // The only warning of a fresh site: `base_url` is still the example.
    let stderr = fx.stderr();
    let warnings: Vec<&str> = stderr.lines().filter(|l| l.contains("warning:")).collect();
    assert_eq!(warnings.len(), 1, "{stderr}");
    assert!(
        warnings[0]
            .starts_with("config.yaml:4:1: warning: `base_url` is still the example `https://example.org`"),
        "{stderr}"
    );
    for page in [
        "index.html",
        "404.html",
        "tin-tuc/trang-dau-tien/index.html",
        "van-ban/chi-thi-11-ct-tw/index.html",
        "css/style.css",
        "sitemap.xml",
        "atom.xml",
    ] {
        assert!(dir.join("public").join(page).is_file(), "missing {page}");
    }
}

// `loa init` refuses a folder that already has files, and leaves them alone.
#[test]
fn init_refuses_a_non_empty_folder() {
    let fx = Fixture::empty();
    fx.write("ghi-chu.txt", "đừng xóa");
    let mut cmd = fx.cmd();
    cmd.arg("init").arg(fx.root());
    fx.run(cmd, 1).assert_stderr_contains("is not empty; `loa init` only creates a site in an empty folder");
    assert_eq!(entries(fx.root()), ["ghi-chu.txt"]);
    assert_eq!(fs::read_to_string(fx.path("ghi-chu.txt")).unwrap(), "đừng xóa");
}

// An existing empty folder is fine.
#[test]
fn init_accepts_an_empty_folder() {
    let fx = Fixture::empty();
    let mut cmd = fx.cmd();
    cmd.arg("init").arg(fx.root());
    fx.run(cmd, 0);
    assert!(fx.path("config.yaml").is_file());
}
