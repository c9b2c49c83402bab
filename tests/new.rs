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
    assert!(text.contains("title: \"Quyet dinh 489\""), "{text}");
    assert!(text.contains("# Số, ký hiệu đúng như in trên văn bản"), "Vietnamese comments: {text}");
    assert!(text.contains("draft: true"), "{text}");
    // A new page is a draft: the site still builds.
    fx.build();
    // Filled in and published, it is a document page.
    let filled = text
        .replace("draft: true", "draft: false")
        .replace("number: \"\"", "number: \"489/QĐ-TTg\"")
        .replace("issuer: \"\"", "issuer: \"Thủ tướng Chính phủ\"");
    fx.write("content/van-ban/quyet-dinh-489.md", filled);
    fx.build();
    assert!(fx.public().join("van-ban/quyet-dinh-489/index.html").is_file());
    // The kind came from the number: the page is listed among the decisions.
    assert!(fx.read_public("loai-van-ban/quyet-dinh/index.html").contains("Quyet dinh 489"));
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
    assert!(text.starts_with("---\ntitle: \"Thu nam\"\nbulletin:\n  air_date: 20"), "{text}");
    assert!(text.contains("slot: \"chiều\"") && text.contains("Mẫu riêng."), "{text}");
}
