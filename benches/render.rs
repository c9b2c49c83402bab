//! The per-page hot path: front matter, Markdown (with document-number linking),
//! template contexts and Tera, on a generated site of Vietnamese pages, without
//! writing anything (`loa::check` runs the whole pipeline in memory).
//!
//! `cargo bench --bench render`; criterion reports the time per site and per page.

use std::fmt::Write as _;
use std::path::Path;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};

const PAGES: usize = 200;
const SECTIONS: [&str; 4] = ["y-te", "giao-duc", "nong-nghiep", "van-hoa"];
const TAGS: [&str; 6] = ["an sinh xã hội", "chuyển đổi số", "đất đai", "thanh tra", "y tế", "giáo dục"];

/// A site like the shared benchmark corpus: sections of pages that cite each other
/// by document number and link, with tags, headings, lists and a table.
fn write_site(root: &Path) {
    let content = root.join("content");
    std::fs::write(
        root.join("config.yaml"),
        "title: \"Văn bản chỉ đạo\"\nbase_url: \"https://example.org\"\nbuild_search_index: false\ntaxonomies:\n  - name: tags\n",
    )
    .expect("write config");
    for (s, name) in SECTIONS.iter().enumerate() {
        std::fs::create_dir_all(content.join(name)).expect("mkdir");
        std::fs::write(content.join(name).join("_index.md"), format!("---\ntitle: \"Mục {s}\"\n---\n"))
            .expect("write section");
    }
    for i in 0..PAGES {
        let section = SECTIONS[i % SECTIONS.len()];
        let cited = (i * 7 + 3) % PAGES;
        let mut body = String::new();
        writeln!(
            body,
            "Căn cứ [Công văn số {}/UBND-VX](/{}/van-ban-{cited:04}/) của Ủy ban nhân dân tỉnh;\n",
            600 + cited,
            SECTIONS[cited % SECTIONS.len()]
        )
        .ok();
        for h in 1..=3 {
            writeln!(body, "## {h}. Tình hình triển khai\n").ok();
            for _ in 0..3 {
                body.push_str("Tỷ lệ hộ gia đình sử dụng nước sạch đạt 90,3%, tăng 10,5 điểm phần trăm so với cùng kỳ. ");
                body.push_str("Sở Công Thương bố trí đủ nguồn lực để thực hiện công tác cải cách hành chính thường xuyên, ");
                body.push_str("bảo đảm đúng tiến độ, chất lượng và hiệu quả theo Chỉ thị số 11-CT/TW ngày 13/4/2007.\n\n");
            }
            body.push_str("- Hội Liên hiệp Phụ nữ tỉnh đẩy mạnh công tác *tuyên truyền*, phổ biến;\n- Tỉnh đoàn **chủ trì**, phối hợp.\n\n");
        }
        body.push_str(
            "| STT | Nội dung | Cơ quan chủ trì |\n|---:|---|---|\n| 1 | Chuyển đổi số | Sở Nội vụ |\n",
        );
        let tags = format!("\"{}\", \"{}\"", TAGS[i % TAGS.len()], TAGS[(i / 3) % TAGS.len()]);
        let page = format!(
            "---\ntitle: \"Công văn số {}/UBND-VX về chuyển đổi số năm 2024\"\ndate: 2024-{:02}-{:02}\ntags: [{tags}]\n---\n{body}",
            600 + i,
            1 + i % 12,
            1 + i % 28
        );
        std::fs::write(content.join(section).join(format!("van-ban-{i:04}.md")), page).expect("write page");
    }
}

fn bench(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("temp dir");
    write_site(dir.path());
    let opts = loa::Options { root: dir.path().to_path_buf(), ..loa::Options::default() };
    let report = loa::check(&opts).expect("the generated site builds");
    assert_eq!(report.counts.pages, PAGES);
    let mut group = c.benchmark_group("render");
    group.throughput(Throughput::Elements(PAGES as u64));
    group.sample_size(20);
    group.bench_function("check_200_pages", |b| b.iter(|| loa::check(&opts).expect("builds")));
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
