//! Official documents: links from mentions, backlinks, taxonomy pages, the timeline and
//! the citation graph (goldens), and what `loa check` reports.

use crate::support::Fixture;

#[test]
fn documents_site_matches_goldens() {
    Fixture::copy("documents").build().check_expected();
}

#[test]
fn build_warns_about_a_document_citing_a_later_one() {
    Fixture::copy("documents").build().assert_stderr_contains(
        "content/van-ban/cong-van-55.md:8:1: warning: `55-CV/CB` (01/03/2023) cites `375-CV/ĐU`, which was issued later (27/03/2023); check the dates of both",
    );
}

#[test]
fn check_writes_nothing_and_reports_warnings_with_exit_0() {
    let fx = Fixture::copy("documents");
    fx.run(fx.cmd_check(&[]), 0)
        .assert_stderr_contains("cites `375-CV/ĐU`, which was issued later")
        .assert_stderr_contains("note: document `489/QĐ-TTg` has no page in the site")
        .assert_stdout_contains("0 errors, 1 warning");
    assert!(!fx.public().exists());
}

#[test]
fn strict_check_fails_on_warnings() {
    let fx = Fixture::copy("documents");
    fx.run(fx.cmd_check(&["--strict"]), 1);
}

#[test]
fn unknown_number_suggests_the_closest_known_one() {
    let fx = Fixture::copy("documents");
    fx.write("content/tin-tuc/loi.md", "---\ntitle: Lỗi\n---\nTheo Chỉ thị số 11-CT/TX ngày 13/4/2007.\n");
    fx.run(fx.cmd_check(&[]), 0).assert_stderr_contains(
        "content/tin-tuc/loi.md:4:6: warning: unknown document number `11-CT/TX`; did you mean `11-CT/TW`?",
    );
    // The typo stays text: no link to a page that does not exist.
    fx.build();
    assert!(fx.read_public("tin-tuc/loi/index.html").contains("Chỉ thị số 11-CT/TX ngày"));
}

// The seed letter's OCR error "CT/TIV" is linked to 11-CT/TW, with a warning (#11).
#[test]
fn ocr_typo_tiv_links_to_tw_with_a_warning() {
    let fx = Fixture::copy("documents");
    fx.write("content/tin-tuc/loi.md", "---\ntitle: Lỗi\n---\nTheo Chỉ thị số 11-CT/TIV ngày 13/4/2007.\n");
    fx.run(fx.cmd_check(&[]), 0).assert_stderr_contains(
        "content/tin-tuc/loi.md:4:6: warning: `11-CT/TIV` is taken to mean `11-CT/TW` and linked to it; correct it to `11-CT/TW`",
    );
    fx.build();
    assert!(
        fx.read_public("tin-tuc/loi/index.html").contains(">Chỉ thị số 11-CT/TIV</a> ngày"),
        "the typo links to the document"
    );
    assert!(fx.read_public("van-ban/chi-thi-11/index.html").contains("tin-tuc/loi/index.html"), "cited by");
}

#[test]
fn duplicate_numbers_name_both_files() {
    let fx = Fixture::copy("documents");
    fx.write(
        "content/van-ban/trung.md",
        "---\ntitle: Trùng\ndocument:\n  number: \"11 - CT/TW\"\n  issuer: Bộ Chính trị\n  issued: 2007-04-13\n---\n",
    );
    fx.run(fx.cmd_check(&[]), 1).assert_stderr_contains(
        "content/van-ban/trung.md:4:1: document number `11-CT/TW` is also used by `content/van-ban/chi-thi-11.md`",
    );
}

#[test]
fn missing_required_field_points_at_the_document_block() {
    let fx = Fixture::copy("documents");
    fx.write(
        "content/van-ban/thieu.md",
        "---\ntitle: Thiếu\ndocument:\n  number: 12-CT/TW\n  issued: 2008-01-01\n---\n",
    );
    fx.run(fx.cmd_check(&[]), 1).assert_stderr_contains(
        "content/van-ban/thieu.md:3:1: `document:` is missing the required field `issuer`",
    );
}

#[test]
fn page_in_van_ban_without_document_block_is_an_error() {
    let fx = Fixture::copy("documents");
    fx.write("content/van-ban/khong.md", "---\ntitle: Không\n---\n");
    fx.run(fx.cmd_check(&[]), 1)
        .assert_stderr_contains("content/van-ban/khong.md:1:1: document page has no `document:` block");
}

#[test]
fn malformed_number_kind_and_date_are_errors() {
    let fx = Fixture::copy("documents");
    fx.write(
        "content/van-ban/sai.md",
        "---\ntitle: Sai\ndocument:\n  number: \"CT/TW\"\n  kind: chi-thiii\n  issuer: X\n  issued: 31/02/2023\n---\n",
    );
    fx.run(fx.cmd_check(&[]), 1)
        .assert_stderr_contains("content/van-ban/sai.md:4:1: document number `CT/TW` is not well formed")
        .assert_stderr_contains(
            "content/van-ban/sai.md:5:1: unknown document kind `chi-thiii`; did you mean `chi-thi`?",
        )
        .assert_stderr_contains("content/van-ban/sai.md:7:1: invalid date `31/02/2023`");
}

#[test]
fn kind_is_inferred_from_the_number() {
    let fx = Fixture::copy("documents");
    fx.build();
    let page = fx.read_public("van-ban/quyet-dinh-1373/index.html");
    assert!(page.contains("<dt>Loại</dt><dd>Quyết định (quyet-dinh)</dd>"), "{page}");
}

#[test]
fn unknown_kind_code_without_kind_field_is_an_error() {
    let fx = Fixture::copy("documents");
    fx.write(
        "content/van-ban/x.md",
        "---\ntitle: X\ndocument:\n  number: 5-XY/TW\n  issuer: X\n  issued: 2020-01-01\n---\n",
    );
    fx.run(fx.cmd_check(&[]), 1)
        .assert_stderr_contains("cannot tell the kind of document from `5-XY/TW`; add `kind:`");
}

#[test]
fn link_to_a_draft_is_reported() {
    let fx = Fixture::copy("documents");
    fx.write("content/tin-tuc/nhap.md", "---\ntitle: Nháp\ndraft: true\n---\nChưa xong.\n");
    fx.write("content/tin-tuc/tro.md", "---\ntitle: Trỏ\n---\nXem [bản nháp](nhap.md).\n");
    fx.run(fx.cmd_check(&[]), 1)
        .assert_stderr_contains("content/tin-tuc/tro.md:4: link `nhap.md` points at a draft (`draft: true`)");
    fx.run(fx.cmd_check(&["--drafts"]), 0);
}

#[test]
fn broken_link_is_reported_by_check() {
    let fx = Fixture::copy("documents");
    fx.write("content/tin-tuc/gay.md", "---\ntitle: Gãy\n---\n\nXem [trang](khong-co.md).\n");
    fx.run(fx.cmd_check(&[]), 1)
        .assert_stderr_contains("content/tin-tuc/gay.md:5: link `khong-co.md` points at nothing");
}

#[test]
fn check_json_lists_every_diagnostic() {
    let fx = Fixture::copy("documents");
    fx.run(fx.cmd_check(&["--format", "json"]), 0);
    let out: serde_json::Value = serde_json::from_str(&fx.stdout()).expect("check --format json prints JSON");
    assert_eq!(out["ok"], true);
    assert_eq!(out["errors"], 0);
    assert_eq!(out["warnings"], 1);
    let diags = out["diagnostics"].as_array().expect("diagnostics array");
    let warning = diags.iter().find(|d| d["severity"] == "warning").expect("one warning");
    assert_eq!(warning["path"], "content/van-ban/cong-van-55.md");
    assert_eq!(warning["line"], 8);
    assert!(diags
        .iter()
        .any(|d| d["severity"] == "note" && d["message"].as_str().unwrap_or("").contains("489/QĐ-TTg")));
}
