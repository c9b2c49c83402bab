//! `loa import`: the seed letter in every form it reaches the centre (.txt, .docx, text
//! PDF, TCVN3, VNI, UTF-16) becomes the same draft document page, with the same warnings.
//! Goldens: `tests/fixtures/import/expected/` (`UPDATE_GOLDENS=1` rewrites them).

use std::fs;
use std::path::{Path, PathBuf};

use crate::support::{fixtures_dir, Fixture};

/// Every form of the seed letter, with the page `loa import` writes for it.
const FORMS: &[&str] = &[
    "cong-van-55.txt",
    "cong-van-55.docx",
    "cong-van-55.pdf",
    "cong-van-55-tcvn3.txt",
    "cong-van-55-tcvn3-dan.txt",
    "cong-van-55-vni.txt",
    "cong-van-55-utf16.txt",
];

const PAGE: &str = "content/van-ban/cong-van-55-cv-cb.md";

fn input(name: &str) -> PathBuf {
    fixtures_dir().join("import").join(name)
}

fn import(fx: &Fixture, files: &[PathBuf], want: i32) {
    let mut cmd = fx.cmd();
    cmd.arg("import").args(files).arg("--root").arg(fx.root());
    fx.run(cmd, want);
}

/// Compares `got` with the golden `expected/NAME`, or rewrites it with UPDATE_GOLDENS=1.
fn golden(name: &str, got: &str) {
    let path = fixtures_dir().join("import/expected").join(name);
    if std::env::var_os("UPDATE_GOLDENS").is_some_and(|v| v == "1") {
        fs::create_dir_all(path.parent().expect("has a parent")).expect("create expected/");
        fs::write(&path, got).expect("write golden");
        return;
    }
    let want = fs::read_to_string(&path)
        .unwrap_or_else(|_| panic!("no golden {}; run with UPDATE_GOLDENS=1", path.display()));
    assert!(got == want, "{name} differs from its golden\n--- expected\n{want}--- actual\n{got}---");
}

/// The front matter of a page, parsed.
fn front(page: &str) -> serde_yaml::Value {
    let yaml = page
        .strip_prefix("---\n")
        .and_then(|r| r.split_once("\n---\n"))
        .map(|(y, _)| y)
        .expect("front matter");
    serde_yaml::from_str(yaml).expect("front matter is YAML")
}

#[test]
fn every_form_of_the_seed_letter_matches_its_golden() {
    for form in FORMS {
        let fx = Fixture::empty();
        import(&fx, &[input(form)], 0);
        let stem = Path::new(form).file_name().and_then(|s| s.to_str()).expect("name");
        golden(&format!("{stem}.md"), &fx.read(PAGE));
        // The report, with the temporary folder taken out.
        let report = fx.stderr().replace(&fx.root().display().to_string(), "SITE");
        golden(&format!("{stem}.report"), &report);
    }
}

#[test]
fn every_form_gives_the_facts_of_the_letter_and_its_warnings() {
    for form in FORMS {
        let fx = Fixture::empty();
        import(&fx, &[input(form)], 0);
        let page = fx.read(PAGE);
        let doc = &front(&page)["document"];
        let field = |k: &str| doc[k].as_str().map(str::to_owned).unwrap_or_else(|| format!("{:?}", doc[k]));
        assert_eq!(field("number"), "55-CV/CB", "{form}");
        assert_eq!(field("kind"), "cong-van", "{form}");
        assert_eq!(field("issued"), "2023-03-01", "{form}");
        assert_eq!(field("issuer"), "Chi bộ cơ sở điều trị nghiện ma túy tỉnh", "{form}");
        assert_eq!(field("signer"), "Đoàn Văn Tứ", "{form}");
        assert!(field("subject").starts_with("Về việc lãnh đạo, tuyên truyền công tác khuyến học"), "{form}");
        let body = page.rsplit_once("\n---\n").map(|(_, b)| b).expect("a body");
        let tasks: Vec<&str> = body
            .lines()
            .filter(|l| l.len() > 3 && l.as_bytes()[0].is_ascii_digit() && &l[1..3] == ". ")
            .collect();
        assert_eq!(tasks.len(), 6, "{form}: six numbered tasks\n{body}");
        assert!(tasks[5].starts_with("6. Đề nghị lãnh đạo các tổ đảng"), "{form}");
        // Header, motto and signature are not in the body.
        for gone in ["ĐẢNG CỘNG SẢN VIỆT NAM", "Số: 55", "Nơi nhận", "T/M CHI BỘ", "Kính gửi"]
        {
            assert!(!body.contains(gone), "{form}: `{gone}` left in the body");
        }
        let report = fx.stderr();
        assert!(
            report.contains("`11-CT/TIV` has an unknown code, perhaps misread by OCR: `11-CT/TW`?"),
            "{form}: {report}"
        );
        assert!(
            report.contains("cites `375-CV/ĐU` of 27/03/2023, later than its own date (01/03/2023)"),
            "{form}: {report}"
        );
        assert!(report.contains("`Son La` may have lost its diacritics"), "{form}: {report}");
        // The same warnings head the page, in Vietnamese, for whoever opens it.
        assert!(page.contains("# - số `11-CT/TIV` có ký hiệu lạ"), "{form}");
    }
}

#[test]
fn imported_page_builds_in_a_site_without_edits_and_links_its_citations() {
    let fx = Fixture::copy("documents");
    // The site's hand-written page for the same letter would be a duplicate number.
    fx.remove("content/van-ban/cong-van-55.md");
    import(&fx, &[input("cong-van-55.docx")], 0);
    // The site knows 11-CT/TW: the misread number is matched to it.
    fx.assert_stderr_contains("number `11-CT/TIV` has an unknown code, perhaps misread by OCR: `11-CT/TW`?");
    fx.assert_stderr_contains("note: document `14/CT-TTg` has no page in the site yet");
    fx.build_with(&["--drafts"]);
    let html = fx.read_public("van-ban/cong-van-55-cv-cb/index.html");
    assert!(html.contains("55-CV/CB") && html.contains("Đoàn Văn Tứ"), "{html}");
    assert!(
        fx.read_public("van-ban/cong-van-375/index.html").contains("cong-van-55-cv-cb"),
        "375 is cited by the import"
    );
    // Published as it is: switching the draft off is the only edit staff must make.
    let page = fx.read(PAGE).replace("draft: true", "draft: false");
    fx.write(PAGE, page);
    fx.build();
    assert!(fx.public().join("van-ban/cong-van-55-cv-cb/index.html").is_file());
}

#[test]
fn import_never_overwrites_a_page() {
    let fx = Fixture::empty();
    import(&fx, &[input("cong-van-55.txt")], 0);
    let before = fx.read(PAGE);
    import(&fx, &[input("cong-van-55-vni.txt"), input("cong-van-55.docx")], 1);
    fx.assert_stderr_contains(
        "`content/van-ban/cong-van-55-cv-cb.md` already exists; loa does not overwrite it",
    );
    fx.assert_stderr_contains("2 of 2 files not imported");
    assert_eq!(fx.read(PAGE), before);
}

/// Is tesseract with Vietnamese installed? In CI it must be (`.ci/run` installs it).
fn has_ocr() -> bool {
    let found = std::process::Command::new("tesseract")
        .arg("--list-langs")
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).lines().any(|l| l.trim() == "vie"));
    assert!(found || std::env::var_os("CI").is_none(), "CI needs tesseract-ocr and tesseract-ocr-vie");
    found
}

#[test]
fn scanned_pdf_without_tesseract_gives_the_command() {
    let fx = Fixture::empty();
    let mut cmd = fx.cmd();
    // No tesseract on this PATH, whatever the machine has.
    cmd.env("PATH", fx.tmp());
    cmd.arg("import").arg(input("cong-van-55-scan.pdf")).arg("--root").arg(fx.root());
    fx.run(cmd, 1);
    fx.assert_stderr_contains("cong-van-55-scan.pdf` is a scan without text: it needs OCR");
    fx.assert_stderr_contains("apt-get install tesseract-ocr tesseract-ocr-vie");
    fx.assert_stderr_contains("tesseract trang-1.png van-ban -l vie");
    // An image (a phone photo of the letter) gets its own command.
    fx.write("anh.png", b"\x89PNG\r\n\x1a\n");
    let mut cmd = fx.cmd();
    cmd.env("PATH", fx.tmp()).arg("import").arg(fx.path("anh.png")).arg("--root").arg(fx.root());
    fx.run(cmd, 1);
    fx.assert_stderr_contains("anh.png\" van-ban -l vie");
    assert!(!fx.path("content").exists(), "nothing written");
}

#[test]
fn scanned_pdf_is_read_through_tesseract() {
    if !has_ocr() {
        eprintln!("SKIPPED: scanned_pdf_is_read_through_tesseract needs tesseract-ocr-vie");
        return;
    }
    let fx = Fixture::empty();
    import(&fx, &[input("cong-van-55-scan.pdf")], 0);
    fx.assert_stdout_contains("(OCR (tesseract))");
    let page = fx.read(PAGE);
    let doc = &front(&page)["document"];
    assert_eq!(doc["number"].as_str(), Some("55-CV/CB"), "{page}");
    assert_eq!(doc["issued"].as_str(), Some("2023-03-01"), "{page}");
    assert_eq!(doc["issuer"].as_str(), Some("Chi bộ cơ sở điều trị nghiện ma túy tỉnh"), "{page}");
    assert_eq!(doc["signer"].as_str(), Some("Đoàn Văn Tứ"), "{page}");
    let body = page.rsplit_once("\n---\n").map(|(_, b)| b).expect("a body");
    assert_eq!(
        body.lines()
            .filter(|l| l.starts_with(|c: char| c.is_ascii_digit()) && l[1..].starts_with(". "))
            .count(),
        6
    );
    fx.assert_stderr_contains("`11-CT/TIV` has an unknown code, perhaps misread by OCR: `11-CT/TW`?");
    fx.assert_stderr_contains("cites `375-CV/ĐU` of 27/03/2023, later than its own date");
}

#[test]
fn old_word_files_and_damaged_files_are_explained() {
    let fx = Fixture::empty();
    fx.write("cu.doc", b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1 old word");
    fx.write("hong.docx", b"PK\x03\x04 not really a zip");
    import(&fx, &[fx.path("cu.doc"), fx.path("hong.docx")], 1);
    fx.assert_stderr_contains(
        "is an old Word file (.doc); open it in Word or LibreOffice, Save As › Word (.docx)",
    );
    fx.assert_stderr_contains("hong.docx` as a Word .docx file; it may be damaged");
}

#[test]
fn import_speaks_vietnamese_when_lang_is_vi() {
    let fx = Fixture::empty();
    let mut cmd = fx.cmd();
    cmd.env("LANG", "vi_VN.UTF-8").env("LC_ALL", "vi_VN.UTF-8");
    cmd.arg("import").arg(input("cong-van-55.txt")).arg("--root").arg(fx.root());
    fx.run(cmd, 0);
    fx.assert_stdout_contains("(UTF-8) thành `content/van-ban/cong-van-55-cv-cb.md` (bản nháp)");
    fx.assert_stderr_contains("cảnh báo: số `11-CT/TIV` có ký hiệu lạ");
}

#[test]
fn a_text_that_is_not_a_letter_leaves_fields_empty_never_guessed() {
    let fx = Fixture::empty();
    fx.write("ghi-chu.txt", "Họp chi bộ bàn việc lập Ban Khuyến học.\nCần mời Công đoàn cơ sở.\n");
    let mut cmd = fx.cmd();
    cmd.arg("import")
        .arg(fx.path("ghi-chu.txt"))
        .args(["--section", "van-ban/nhap"])
        .arg("--root")
        .arg(fx.root());
    fx.run(cmd, 0);
    // Named after the file, in the section asked for.
    let page = fx.read("content/van-ban/nhap/ghi-chu.md");
    let doc = &front(&page)["document"];
    for key in ["number", "kind", "issuer", "signer", "subject"] {
        assert_eq!(doc[key].as_str(), Some(""), "{key} is left empty\n{page}");
    }
    assert!(doc["issued"].is_null(), "{page}");
    assert!(
        page.contains("  # Số, ký hiệu: không tìm thấy trong văn bản; điền theo bản gốc (đừng đoán).\n"),
        "{page}"
    );
    assert!(
        page.ends_with(
            "---\nHọp chi bộ bàn việc lập Ban Khuyến học.\n\n<!-- more -->\n\nCần mời Công đoàn cơ sở.\n"
        ),
        "{page}"
    );
    // A draft with empty fields does not break the site.
    fx.write("config.yaml", "title: Thử\n");
    fx.build();
    // A site whose configuration is broken is still imported into, with a warning.
    fx.write("config.yaml", "title: [\n");
    fx.write("ghi-chu-2.txt", "Một ghi chú khác.\n");
    let mut cmd = fx.cmd();
    cmd.arg("import").arg(fx.path("ghi-chu-2.txt")).arg("--root").arg(fx.root());
    fx.run(cmd, 0);
    fx.assert_stderr_contains("warning: cannot read the site `");
    assert!(fx.path("content/van-ban/ghi-chu-2.md").is_file());
}

#[test]
fn scanned_image_is_read_through_tesseract() {
    if !has_ocr() {
        eprintln!("SKIPPED: scanned_image_is_read_through_tesseract needs tesseract-ocr-vie");
        return;
    }
    let fx = Fixture::empty();
    // The first page of the scan as the photo or image file a phone would give.
    let status = std::process::Command::new("pdftoppm")
        .args(["-r", "200", "-png", "-f", "1", "-l", "1", "-singlefile"])
        .arg(input("cong-van-55-scan.pdf"))
        .arg(fx.path("trang"))
        .status()
        .expect("pdftoppm (poppler-utils) is installed");
    assert!(status.success());
    import(&fx, &[fx.path("trang.png")], 0);
    let page = fx.read(PAGE);
    let doc = &front(&page)["document"];
    assert_eq!(doc["number"].as_str(), Some("55-CV/CB"), "{page}");
    assert_eq!(doc["issued"].as_str(), Some("2023-03-01"), "{page}");
}
