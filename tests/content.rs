//! How content is read and turned into URLs: Unicode forms, line endings, BOM,
//! Vietnamese slugs, drafts, configuration warnings.

use std::fs;
use std::path::Path;

use unicode_normalization::UnicodeNormalization;

use crate::support::{tree, Fixture};

/// Rewrites every Markdown file under `content/` and `config.yaml` with `f`.
fn rewrite_sources(fx: &Fixture, f: impl Fn(&str) -> Vec<u8>) {
    let mut files: Vec<String> = tree(&fx.path("content"))
        .into_keys()
        .filter(|p| p.ends_with(".md"))
        .map(|p| format!("content/{p}"))
        .collect();
    files.push("config.yaml".into());
    for rel in files {
        let text = fx.read(&rel);
        fx.write(&rel, f(&text));
    }
}

fn has_combining_marks(s: &str) -> bool {
    s.chars().any(|c| ('\u{0300}'..='\u{036F}').contains(&c))
}

// Text typed on macOS or pasted from some PDFs arrives decomposed (NFD); the output is NFC
// and identical to what the NFC source gives.
#[test]
fn nfd_input_builds_the_same_nfc_output() {
    let fx = Fixture::copy("unicode");
    rewrite_sources(&fx, |text| text.nfd().collect::<String>().into_bytes());
    assert!(has_combining_marks(&fx.read("content/tin-tuc/ke-hoach-tuyen-truyen.md")));
    fx.build().check_expected();
    for (path, bytes) in fx.output_tree() {
        let text = String::from_utf8(bytes).expect("output is UTF-8");
        assert!(!has_combining_marks(&text), "{path} is not NFC");
    }
}

// A file whose name is in NFD (as macOS writes it) gets the same URL and `page.path`.
#[test]
fn nfd_file_names_give_the_same_urls() {
    let fx = Fixture::copy("unicode");
    let nfc = "content/tin-tuc/Hội nghị tổng kết.md";
    let nfd: String = nfc.nfd().collect();
    assert_ne!(nfc, nfd);
    fs::rename(fx.path(nfc), fx.path(&nfd)).expect("rename to NFD");
    fx.build().check_expected();
}

// Files saved by Notepad (BOM, CRLF line ends) build exactly like LF files.
#[test]
fn crlf_and_bom_input_builds_the_same_output() {
    let fx = Fixture::copy("unicode");
    rewrite_sources(&fx, |text| {
        let mut bytes = b"\xEF\xBB\xBF".to_vec();
        bytes.extend(text.replace('\n', "\r\n").into_bytes());
        bytes
    });
    assert!(fx.read("content/_index.md").starts_with("\u{FEFF}---\r\n"));
    fx.build().check_expected();
}

// Slugs come from the file name, or from `slug:`; they are lowercase ASCII, `đ` → `d`.
// Section folders with Vietnamese names are slugified too.
#[test]
fn vietnamese_file_names_and_slugs_become_ascii_urls() {
    let fx = Fixture::copy("slugs");
    fx.build();
    assert_eq!(
        fx.output_files("index.html"),
        [
            "index.html",
            "search/index.html",
            "tai-lieu/chi-thi-11/index.html",
            "tai-lieu/index.html",
            "tin-tuc/dang-uy-hop/index.html",
            "tin-tuc/duong-day-nong-dak-lak/index.html",
            "tin-tuc/index.html",
            "tin-tuc/lien-ket/index.html",
        ]
    );
}

// Links to files with Vietnamese names work written raw (`<…>`), percent-encoded or as `@/`.
#[test]
fn links_to_vietnamese_file_names_resolve() {
    let fx = Fixture::copy("slugs");
    fx.build();
    let html = fx.read_public("tin-tuc/lien-ket/index.html");
    for href in [
        r#"href="../../tai-lieu/chi-thi-11/index.html""#,
        r#"href="../../tin-tuc/dang-uy-hop/index.html""#,
        r#"href="../../tin-tuc/duong-day-nong-dak-lak/index.html""#,
    ] {
        assert!(html.contains(href), "{href} missing in\n{html}");
    }
}

// Without `--drafts`, a draft page is nowhere: no file, no list entry, no tag, no sitemap entry.
#[test]
fn drafts_are_left_out_by_default() {
    let fx = Fixture::copy("drafts");
    fx.build();
    assert!(!fx.public().join("tin-tuc/chua-dang").exists());
    assert!(!fx.public().join("tags/nhap").exists());
    assert!(fx.public().join("tin-tuc/da-dang/index.html").is_file());
    for file in ["tin-tuc/index.html", "sitemap.xml", "atom.xml"] {
        let text = fx.read_public(file);
        assert!(!text.contains("chua-dang"), "{file} mentions the draft");
    }
}

// `--drafts` builds draft pages like any other.
#[test]
fn drafts_flag_includes_drafts() {
    let fx = Fixture::copy("drafts");
    fx.build_with(&["--drafts"]);
    assert!(fx.public().join("tin-tuc/chua-dang/index.html").is_file());
    assert!(fx.public().join("tags/nhap/index.html").is_file());
    assert!(fx.read_public("tin-tuc/index.html").contains(r#"href="../tin-tuc/chua-dang/index.html""#));
}

// A misspelt key in config.yaml is a warning with a suggestion, not an error.
#[test]
fn unknown_config_key_warns_with_did_you_mean() {
    let fx = Fixture::copy("good");
    let config = fx.read("config.yaml");
    fx.write("config.yaml", format!("{config}titel: \"Tiêu đề\"\n"));
    fx.build()
        .assert_stderr_contains(
            "config.yaml:3:1: warning: unknown key `titel` (ignored); did you mean `title`?",
        )
        .assert_stdout_contains("Built ");
    assert!(fx.public().join("index.html").is_file());
}

// The same for front matter, pointing at the line in the Markdown file.
#[test]
fn unknown_front_matter_key_warns_with_did_you_mean() {
    let fx = Fixture::copy("good");
    fx.write("content/tin-tuc/bai-hai.md", "---\ntitle: \"Bài hai\"\ndat: 2023-03-02\n---\nNội dung.\n");
    fx.build().assert_stderr_contains(
        "content/tin-tuc/bai-hai.md:3:1: warning: unknown key `dat` (ignored); did you mean `date`?",
    );
}

// `--base-url` replaces `base_url` in absolute URLs (sitemap, feed), not in page links.
#[test]
fn base_url_flag_overrides_config() {
    let fx = Fixture::copy("good");
    fx.build_with(&["--base-url", "https://so-la.example/loa/"]);
    let sitemap = fx.read_public("sitemap.xml");
    assert!(sitemap.contains("<loc>https://so-la.example/loa/tin-tuc/bai-mot/</loc>"));
    assert!(!sitemap.contains("loa.example/tin-tuc"));
    let page = fx.read_public("tin-tuc/bai-mot/index.html");
    assert!(!page.contains("so-la.example"), "{page}");
}

// A site without `config.yaml` contents other than a title still builds (defaults apply).
#[test]
fn empty_content_folder_builds_a_home_page() {
    let fx = Fixture::empty();
    fx.write("config.yaml", "title: \"Trống\"\n");
    fs::create_dir_all(fx.path("content")).expect("mkdir");
    fx.build();
    assert!(Path::new(&fx.public().join("index.html")).is_file());
}
