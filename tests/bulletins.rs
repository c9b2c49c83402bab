//! Bulletins: the print page, the reading script and the schedule (goldens), reading
//! time against hand-counted syllables, problems reported, `loa read-aloud`, and a real
//! print to PDF in Chromium.

use std::path::Path;
use std::process::{Command, Stdio};

use crate::browser::{chromium, file_url};
use crate::support::Fixture;

#[test]
fn bulletins_site_matches_goldens() {
    Fixture::copy("bulletins").build().check_expected();
}

// "Tin ngắn." (2) + "Kính thưa toàn thể cán bộ." (6) + "Hôm nay có mười lăm người." (6)
// = 14 syllables, at the fixture's 60 a minute: 14 seconds, shown rounded as 15 giây.
#[test]
fn reading_time_counts_spoken_syllables() {
    let fx = Fixture::copy("bulletins");
    fx.build();
    let page = fx.read_public("ban-tin/tin-ngan/index.html");
    assert!(page.contains("14 âm tiết; 14 giây; khoảng 15 giây ở 60 âm tiết/phút"), "{page}");
}

#[test]
fn scripts_have_no_digits_slashes_or_codes() {
    let fx = Fixture::copy("bulletins");
    fx.build();
    let scripts = fx.output_files("kich-ban.txt");
    assert_eq!(scripts.len(), 3, "{scripts:?}");
    for rel in scripts {
        let text = fx.read_public(&rel);
        assert!(!text.chars().any(|c| c.is_ascii_digit() || c == '/'), "{rel}:\n{text}");
        for code in ["KL", "TW", "QĐ", "TTg", "CV", "CB", "THCS"] {
            assert!(
                !text.split(|c: char| !c.is_alphanumeric()).any(|w| w == code),
                "{rel} still says {code}:\n{text}"
            );
        }
    }
}

#[test]
fn over_target_is_a_warning_in_build_and_check() {
    let fx = Fixture::copy("bulletins");
    fx.write(
        "content/ban-tin/dai.md",
        format!(
            "---\ntitle: Dài\nbulletin:\n  air_date: 2023-03-07\n  target_minutes: 1\n---\n{}\n",
            "Kính thưa toàn thể cán bộ, viên chức và người lao động. ".repeat(10)
        ),
    );
    fx.build().assert_stderr_contains(
        "content/ban-tin/dai.md:5:1: warning: the bulletin takes about 2 phút 5 giây to read, over its target of 1 minutes",
    );
    fx.run(fx.cmd_check(&[]), 0).assert_stderr_contains("over its target of 1 minutes");
    fx.run(fx.cmd_check(&["--strict"]), 1);
}

#[test]
fn leftovers_a_reader_would_stumble_over_are_warnings() {
    let fx = Fixture::copy("bulletins");
    fx.write(
        "content/ban-tin/viet-tat.md",
        "---\ntitle: Viết tắt\nbulletin:\n  air_date: 2023-03-08\n---\nHọc sinh XYZT và lớp TT.\n\nĐường dài 5 km, đơn vị đo là km.\n",
    );
    // Each leftover is reported once, at its file:line:col; fine words are not.
    fx.build()
        .assert_stderr_contains("content/ban-tin/viet-tat.md:6:10: warning: the reading script still has `XYZT`")
        .assert_stderr_contains("viet-tat.md:6:22: warning: the reading script still has `TT (Thông tư hay Thường trực hay thị trấn hay trung tâm?)`")
        .assert_stderr_contains("viet-tat.md:8:30: warning: the reading script still has `km`");
}

#[test]
fn read_aloud_speaks_the_issuer_the_same_inside_and_outside_a_site() {
    // The documents fixture knows 1373/QĐ-TTg; an empty folder does not.
    let site = Fixture::copy("documents");
    let bare = Fixture::empty();
    let text = "Quyết định số 1373/QĐ-TTg ngày 30/7/2021.\n\nThủ tướng Chính phủ ban hành Quyết định số 1373/QĐ-TTg.\n";
    let want = "Quyết định số một nghìn ba trăm bảy mươi ba của Thủ tướng Chính phủ ngày ba mươi tháng bảy năm hai nghìn không trăm hai mươi mốt.\n\nThủ tướng Chính phủ ban hành Quyết định số một nghìn ba trăm bảy mươi ba.\n";
    for fx in [&site, &bare] {
        fx.write("doc.txt", text);
        let mut cmd = fx.cmd();
        cmd.current_dir(fx.root()).arg("read-aloud").arg(fx.path("doc.txt"));
        fx.run(cmd, 0);
        assert_eq!(fx.stdout(), want);
    }
}

#[test]
fn read_aloud_warnings_carry_file_line_and_column() {
    let fx = Fixture::empty();
    fx.write("tin.txt", "Dòng đầu.\n\nHọc sinh XYZT, XỬ LÝ VI PHẠM.\n");
    let mut cmd = fx.cmd();
    cmd.arg("read-aloud").arg(fx.path("tin.txt"));
    fx.run(cmd, 0);
    fx.assert_stderr_contains("tin.txt:3:10: warning: the reading script still has `XYZT`");
    assert!(!fx.stderr().contains("`VI`"), "{}", fx.stderr());
}

#[test]
fn bulletin_without_block_or_with_bad_air_date_is_an_error() {
    let fx = Fixture::copy("bulletins");
    fx.write("content/ban-tin/thieu.md", "---\ntitle: Thiếu\n---\nNội dung.\n");
    fx.write(
        "content/ban-tin/sai.md",
        "---\ntitle: Sai\nbulletin:\n  slot: sáng\n  air_date: 32/3/2023\n---\n",
    );
    fx.build_err()
        .assert_stderr_contains("content/ban-tin/thieu.md:1:1: bulletin page has no `bulletin:` block")
        .assert_stderr_contains("content/ban-tin/sai.md:5:1: invalid date `32/3/2023`");
}

#[test]
fn read_aloud_reads_a_file_and_standard_input() {
    let fx = Fixture::empty();
    fx.write("tin.md", "---\ntitle: X\n---\nNgày 13/4/2007, 1.149 học viên; 37,87% đạt.\n");
    let mut cmd = fx.cmd();
    cmd.arg("read-aloud").arg(fx.path("tin.md"));
    fx.run(cmd, 0);
    assert_eq!(
        fx.stdout(),
        "Ngày mười ba tháng tư năm hai nghìn không trăm linh bảy, một nghìn một trăm bốn mươi chín học viên; ba mươi bảy phẩy tám mươi bảy phần trăm đạt.\n"
    );
    let mut child = fx
        .cmd()
        .arg("read-aloud")
        .arg("-")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("start loa read-aloud");
    use std::io::Write;
    child.stdin.take().expect("stdin").write_all("Quyết định 1373/QĐ-TTg.".as_bytes()).expect("write stdin");
    let out = child.wait_with_output().expect("read-aloud output");
    assert!(out.status.success());
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "Quyết định số một nghìn ba trăm bảy mươi ba của Thủ tướng Chính phủ.\n"
    );
}

/// Runs `tool args…` and returns its standard output, failing the test if it fails.
fn run(tool: &str, args: &[&str]) -> String {
    let out = Command::new(tool)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("run {tool}: {e} (apt-get install poppler-utils)"));
    assert!(out.status.success(), "{tool} {args:?} failed: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn words(text: &str) -> Vec<String> {
    use unicode_normalization::UnicodeNormalization;
    text.nfc()
        .collect::<String>()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

// Chromium prints the bulletin's print page: the PDF is A4 and holds every word of the
// script, in order (nothing clipped or lost).
#[test]
fn print_page_prints_to_a4_with_the_whole_script() {
    let Some(chromium) = chromium() else { return };
    let fx = Fixture::copy("bulletins");
    fx.build();
    let page = fx.public().join("ban-tin/khuyen-hoc/in/index.html");
    let pdf = fx.tmp().join("ban-tin.pdf");
    let profile = fx.tmp().join("chromium-profile");
    let status = Command::new(&chromium)
        .args(["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"])
        .args(["--disable-component-update", "--disable-sync", "--no-first-run", "--no-pdf-header-footer"])
        .arg(format!("--user-data-dir={}", profile.display()))
        .arg(format!("--print-to-pdf={}", pdf.display()))
        .arg(file_url(&page))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .expect("start chromium");
    assert!(status.success() && pdf.is_file(), "chromium did not print {}", page.display());
    let info = run("pdfinfo", &[path_str(&pdf)]);
    assert!(info.contains("(A4)"), "not A4:\n{info}");
    let text = run("pdftotext", &["-layout", path_str(&pdf), "-"]);
    let printed = words(&text);
    let script = words(&fx.read_public("ban-tin/khuyen-hoc/kich-ban.txt"));
    // Every script word appears, in order, in the printed text.
    let mut at = 0;
    for w in &script {
        match printed[at..].iter().position(|p| p == w) {
            Some(i) => at += i + 1,
            None => panic!("`{w}` of the script is missing from the PDF (or out of order):\n{text}"),
        }
    }
    assert!(text.contains("BẢN TIN PHÁT THANH"), "{text}");
}

fn path_str(p: &Path) -> &str {
    p.to_str().expect("temp paths are UTF-8")
}
