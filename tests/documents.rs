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

// Every spelling people type links to its document (#11): case, spaces, dashes, `/` for
// `-`, the year inside, short forms by kind and number; the goldens show the links and
// each document's "cited by" list.
#[test]
fn spellings_site_matches_goldens() {
    Fixture::copy("spellings").build().check_expected();
}

const SPELLING_NOTES_EN: &[&str] = &[
    "content/tin-tuc/loi-go.md:5:6: warning: `11-CT/TIV` is taken to mean `11-CT/TW` and linked to it; correct it to `11-CT/TW`",
    "content/tin-tuc/loi-go.md:5:45: warning: `1373/QÐ-TTg` is taken to mean `1373/QĐ-TTg` and linked to it; correct it to `1373/QĐ-TTg`",
    "content/tin-tuc/loi-go.md:5:69: warning: `1373/QD-TTg` is taken to mean `1373/QĐ-TTg` and linked to it; correct it to `1373/QĐ-TTg`",
    "content/tin-tuc/loi-go.md:7:1: warning: `Quyết định 1373` fits several documents (`1373/QĐ-TTg`, `1373/QĐ-UBND`), so it is not linked; write the full number",
    "content/tin-tuc/loi-go.md:9:1: note: `Chỉ thị 12` matches no document of the site, so it is not linked; add the document's page or write its full number",
    "content/tin-tuc/loi-go.md:9:15: note: document `99-CV/ĐU` has no page in the site, so it is not linked",
];

// Misspelt, ambiguous and unmatched mentions are each reported at their file:line:col;
// the page of correct spellings draws no message at all.
#[test]
fn check_locates_misspelt_ambiguous_and_unmatched_mentions() {
    let fx = Fixture::copy("spellings");
    fx.run(fx.cmd_check(&[]), 0).assert_stdout_contains("0 errors, 4 warnings");
    for line in SPELLING_NOTES_EN {
        fx.assert_stderr_contains(line);
    }
    fx.assert_stderr_lacks("cach-viet.md");
}

#[test]
fn mention_messages_are_in_vietnamese_too() {
    let fx = Fixture::copy("spellings");
    let doc = fx.read("content/van-ban/nghi-dinh-30.md").replace("30/2020/NĐ-CP", "30/2020/nd-cp");
    fx.write("content/van-ban/nghi-dinh-30.md", doc);
    let mut cmd = fx.cmd_check(&[]);
    cmd.env_remove("LC_ALL").env("LANG", "vi_VN.UTF-8");
    fx.run(cmd, 0)
        .assert_stderr_contains(
            "content/van-ban/nghi-dinh-30.md:4:1: cảnh báo: số văn bản `30/2020/nd-cp` được hiển thị là `30/2020/NĐ-CP`; hãy ghi `number:` đúng như in trên văn bản",
        )
        .assert_stderr_contains(
            "content/tin-tuc/loi-go.md:5:6: cảnh báo: `11-CT/TIV` được hiểu là `11-CT/TW` và đã liên kết tới văn bản đó; hãy sửa lại thành `11-CT/TW`",
        )
        .assert_stderr_contains(
            "content/tin-tuc/loi-go.md:7:1: cảnh báo: `Quyết định 1373` khớp với nhiều văn bản (`1373/QĐ-TTg`, `1373/QĐ-UBND`) nên không được liên kết; hãy ghi đủ số, ký hiệu",
        )
        .assert_stderr_contains(
            "content/tin-tuc/loi-go.md:9:1: ghi chú: `Chỉ thị 12` không khớp văn bản nào của trang nên không được liên kết; hãy thêm trang văn bản hoặc ghi đủ số, ký hiệu",
        );
}

// A `cites:` entry in front matter is read with the same grammar as the body.
#[test]
fn front_matter_cites_accept_every_spelling() {
    let fx = Fixture::copy("spellings");
    fx.write(
        "content/van-ban/ket-luan-49.md",
        "---\ntitle: \"Kết luận 49\"\ndocument:\n  number: \"49 - kl / tw\"\n  issuer: \"Ban Bí thư\"\n  issued: 2019-05-10\n  cites: [\"11/ct/tw\", \"36 HD/VPTW\", \"11-CT/TIV\"]\n---\nKhông nhắc số nào.\n",
    );
    fx.run(fx.cmd_check(&[]), 0)
        .assert_stderr_contains(
            "content/van-ban/ket-luan-49.md:4:1: warning: document number `49-kl/tw` is shown as `49-KL/TW`; write `number:` as printed on the document",
        )
        .assert_stderr_contains(
        "content/van-ban/ket-luan-49.md:7:38: warning: `11-CT/TIV` is taken to mean `11-CT/TW` and linked to it; correct it to `11-CT/TW`",
    );
    fx.build();
    let page = fx.read_public("van-ban/huong-dan-36/index.html");
    assert!(page.contains("<a href=\"../../van-ban/ket-luan-49/index.html\">Kết luận 49</a>"), "{page}");
}

// State numbers start again each year: two `14/CT-TTg` of different years are two
// documents, told apart by the year the text gives; without one, the mention is reported.
#[test]
fn same_state_number_in_two_years_is_two_documents() {
    let fx = Fixture::copy("spellings");
    let doc = |year: &str, date: &str| {
        format!("---\ntitle: \"Chỉ thị 14 ({year}, giả định)\"\ndocument:\n  number: \"14/CT-TTg\"\n  issuer: \"Thủ tướng Chính phủ\"\n  issued: {date}\n---\nVăn bản thử.\n")
    };
    fx.write("content/van-ban/chi-thi-14-2021.md", doc("2021", "2021-05-25"));
    fx.write("content/van-ban/chi-thi-14-2026.md", doc("2026", "2026-01-05"));
    fx.write(
        "content/tin-tuc/chi-thi-14.md",
        "---\ntitle: Hai chỉ thị 14\n---\nChỉ thị số 14/CT-TTg ngày 25/5/2021; Chỉ thị 14/CT-TTg năm 2026; 14/2021/CT-TTg.\n\nChỉ thị 14/CT-TTg chưa rõ năm.\n",
    );
    fx.run(fx.cmd_check(&[]), 0).assert_stderr_contains(
        "content/tin-tuc/chi-thi-14.md:6:1: warning: `14/CT-TTg` fits several documents (`14/CT-TTg (2021)`, `14/CT-TTg (2026)`), so it is not linked; write the full number",
    );
    fx.build();
    let page = fx.read_public("tin-tuc/chi-thi-14/index.html");
    let links: Vec<&str> = page
        .split("class=\"doc-ref\" href=\"../../van-ban/")
        .skip(1)
        .map(|s| s.split('"').next().unwrap_or(""))
        .collect();
    assert_eq!(
        links,
        ["chi-thi-14-2021/index.html", "chi-thi-14-2026/index.html", "chi-thi-14-2021/index.html"],
        "{page}"
    );
}

#[test]
fn same_state_number_in_the_same_year_is_a_duplicate() {
    let fx = Fixture::copy("spellings");
    fx.write(
        "content/van-ban/trung.md",
        "---\ntitle: Trùng\ndocument:\n  number: \"1373 / QĐ-TTg\"\n  issuer: X\n  issued: 2021-01-01\n---\n",
    );
    fx.run(fx.cmd_check(&[]), 1).assert_stderr_contains(
        "content/van-ban/trung.md:4:1: document number `1373/QĐ-TTg` is also used by `content/van-ban/quyet-dinh-1373.md`",
    );
}

// The reading script reads an OCR-damaged number as the document meant (#11): the seed
// letter's "11-CT/TIV" is Chỉ thị 11-CT/TW of the Bộ Chính trị, not "của TIV".
#[test]
fn read_aloud_reads_an_ocr_typo_as_the_document_meant() {
    let fx = Fixture::copy("spellings");
    fx.write("tin.md", "Theo 11-CT/TIV và 11 CT/TW.\n");
    let mut cmd = fx.cmd();
    cmd.arg("read-aloud").arg("--root").arg(fx.root()).arg(fx.path("tin.md"));
    fx.run(cmd, 0);
    // Both are the document the site knows; listed together, its issuer is said once (#10).
    assert_eq!(fx.stdout(), "Theo Chỉ thị số mười một và Chỉ thị số mười một của Bộ Chính trị.\n");
}

// The real site (#11): the seed letter's page links every document it cites, and the
// notes `check` gives about mentions only name documents the site has no page for.
#[test]
fn real_site_links_its_documents_and_notes_only_missing_ones() {
    let fx = crate::support::real_site();
    let letter = fx.read_public("van-ban/cong-van-55-cv-cb/index.html");
    for page in [
        "chi-thi-11-ct-tw",
        "ket-luan-49-kl-tw",
        "chi-thi-14-ct-ttg-2021",
        "ke-hoach-162-kh-tu",
        "quyet-dinh-1373-qd-ttg",
        "quyet-dinh-677-qd-ttg",
        "quyet-dinh-2547-qd-ubnd",
        "cong-van-375-cv-du",
    ] {
        assert!(
            letter.contains(&format!("class=\"doc-ref\" href=\"../../van-ban/{page}/index.html\"")),
            "the letter links {page}"
        );
    }
    let numbers: Vec<String> = std::fs::read_dir(fx.path("content/van-ban"))
        .expect("content/van-ban")
        .filter_map(|e| std::fs::read_to_string(e.ok()?.path()).ok())
        .filter_map(|t| {
            let line = t.lines().find(|l| l.trim_start().starts_with("number:"))?.to_owned();
            Some(line.split('"').nth(1)?.to_owned())
        })
        .collect();
    assert!(numbers.len() >= 9, "{numbers:?}");
    fx.run(fx.cmd_check(&["--format", "json"]), 0);
    let out: serde_json::Value = serde_json::from_str(&fx.stdout()).expect("JSON");
    for d in out["diagnostics"].as_array().expect("diagnostics") {
        let message = d["message"].as_str().unwrap_or("");
        if d["severity"] == "note" {
            for n in &numbers {
                assert!(
                    !message.contains(&format!("`{n}`")),
                    "a note names {n}, which has a page: {message}"
                );
            }
        }
        assert!(!message.contains("fits several"), "{message}");
        assert!(!message.contains("is taken to mean"), "{message}");
    }
}
