//! `loa new KIND PATH`: pages from archetypes, never overwriting.

use crate::support::Fixture;

fn new(fx: &Fixture, args: &[&str], want: i32) {
    let mut cmd = fx.cmd();
    cmd.arg("new").args(args).arg("--root").arg(fx.root());
    fx.run(cmd, want);
}

#[test]
fn new_document_fills_title_and_date_and_builds_once_filled_in() {
    let fx = Fixture::copy("good");
    new(&fx, &["document", "van-ban/quyet-dinh-489"], 0);
    fx.assert_stdout_contains("Created `content/van-ban/quyet-dinh-489.md`");
    let text = fx.read("content/van-ban/quyet-dinh-489.md");
    // An ASCII file name cannot carry the diacritics: a placeholder asks for the title.
    assert!(text.contains("title: \"VIẾT TIÊU ĐỀ CÓ DẤU (quyet dinh 489)\""), "{text}");
    assert!(text.contains("# Số, ký hiệu đúng như in trên văn bản"), "Vietnamese comments: {text}");
    assert!(text.contains("draft: true"), "{text}");
    // A new page is a draft: the site still builds.
    fx.build();
    // Filled in and published, it is a document page.
    let filled = text
        .replace("VIẾT TIÊU ĐỀ CÓ DẤU (quyet dinh 489)", "Quyết định 489")
        .replace("draft: true", "draft: false")
        .replace("number: \"\"", "number: \"489/QĐ-TTg\"")
        .replace("issuer: \"\"", "issuer: \"Thủ tướng Chính phủ\"");
    fx.write("content/van-ban/quyet-dinh-489.md", filled);
    fx.build();
    assert!(fx.public().join("van-ban/quyet-dinh-489/index.html").is_file());
    // The kind came from the number: the page is listed among the decisions.
    assert!(fx.read_public("loai-van-ban/quyet-dinh/index.html").contains("Quyết định 489"));
}

#[test]
fn new_refuses_to_overwrite_and_unknown_kinds() {
    let fx = Fixture::copy("good");
    let before = fx.read("content/tin-tuc/bai-mot.md");
    new(&fx, &["page", "tin-tuc/bai-mot.md"], 1);
    fx.assert_stderr_contains("`content/tin-tuc/bai-mot.md` already exists; loa does not overwrite it");
    assert_eq!(fx.read("content/tin-tuc/bai-mot.md"), before);
    new(&fx, &["trang", "tin-tuc/x.md"], 1);
    fx.assert_stderr_contains("no archetype `trang`; choose one of: page, document, bulletin");
    new(&fx, &["page", "../ngoai.md"], 1);
    assert!(!fx.tmp().join("ngoai.md").exists());
}

#[test]
fn the_sites_own_archetype_wins() {
    let fx = Fixture::copy("good");
    fx.write("archetypes/bulletin.md", "---\ntitle: \"{{ title }}\"\nbulletin:\n  air_date: {{ date }}\n  slot: \"chiều\"\n---\nMẫu riêng.\n");
    new(&fx, &["bulletin", "ban-tin/thu-nam.md"], 0);
    let text = fx.read("content/ban-tin/thu-nam.md");
    assert!(
        text.starts_with("---\ntitle: \"VIẾT TIÊU ĐỀ CÓ DẤU (thu nam)\"\nbulletin:\n  air_date: 20"),
        "{text}"
    );
    assert!(text.contains("slot: \"chiều\"") && text.contains("Mẫu riêng."), "{text}");
}

// `loa new PATH` without KIND: the kind comes from the section, the document number
// and a title with diacritics from the file name, and the message says it is a draft.
#[test]
fn new_infers_kind_number_and_title_from_the_path() {
    let fx = Fixture::copy("good");
    new(&fx, &["van-ban/quyet-dinh-489-qd-ttg.md"], 0);
    fx.assert_stdout_contains("Created `content/van-ban/quyet-dinh-489-qd-ttg.md`")
        .assert_stdout_contains("Kind: document (from the folder `van-ban/`).")
        .assert_stdout_contains("change it to `draft: false` to publish, or run `loa serve --drafts`");
    let text = fx.read("content/van-ban/quyet-dinh-489-qd-ttg.md");
    assert!(text.contains("title: \"Quyết định 489/QĐ-TTg\""), "{text}");
    assert!(text.contains("number: \"489/QĐ-TTg\""), "{text}");
    new(&fx, &["ban-tin/ban-tin-sang.md"], 0);
    assert!(fx.read("content/ban-tin/ban-tin-sang.md").contains("bulletin:\n  # Ngày phát trên loa."));
    new(&fx, &["tin-tuc/hội-nghị-quán-triệt.md"], 0);
    assert!(fx.read("content/tin-tuc/hội-nghị-quán-triệt.md").contains("title: \"Hội nghị quán triệt\""));
}

// The draft hint in Vietnamese.
#[test]
fn new_says_the_page_is_a_draft_in_vietnamese() {
    let fx = Fixture::copy("good");
    let mut cmd = fx.cmd();
    cmd.env("LC_ALL", "vi_VN.UTF-8").args(["new", "tin-tuc/bai-moi.md", "--root"]).arg(fx.root());
    fx.run(cmd, 0).assert_stdout_contains(
        "Trang mới là bản nháp (`draft: true`) nên chưa hiện trên trang web: đổi `draft: false` khi muốn đăng, \
         hoặc chạy `loa serve --drafts` để xem trước.",
    );
}

// `--root` must be a site: `loa new` does not scatter files into any folder.
#[test]
fn new_refuses_a_root_that_is_not_a_site() {
    let fx = Fixture::empty();
    new(&fx, &["page", "tin-tuc/a.md"], 1);
    fx.assert_stderr_contains("no `config.yaml` in `");
    assert!(!fx.path("content").exists());
}
