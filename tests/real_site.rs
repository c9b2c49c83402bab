//! The centre's real site (`content/`): every document page states what the fact sheet
//! (`shared/facts-vi.md`, part A) and the seed letter say, and nothing else is wrong with
//! it but the seed's own date conflict.

use std::collections::BTreeMap;

use crate::support::{real_site, real_site_source};

/// One document as the fact sheet gives it; `None` where the fact sheet has no source.
struct Fact {
    page: &'static str,
    number: &'static str,
    issuer: &'static str,
    issued: &'static str,
    signer: Option<&'static str>,
}

/// facts-vi.md A1–A9: number, issuer, date of issue and signer (only where sourced).
const FACTS: &[Fact] = &[
    Fact {
        page: "cong-van-55-cv-cb",
        number: "55-CV/CB",
        issuer: "Chi bộ Cơ sở điều trị nghiện ma túy tỉnh Sơn La",
        issued: "2023-03-01",
        signer: Some("Đoàn Văn Tứ"),
    },
    Fact {
        page: "cong-van-375-cv-du",
        number: "375-CV/ĐU",
        issuer: "Đảng ủy Sở Lao động – Thương binh và Xã hội tỉnh Sơn La",
        issued: "2023-03-27",
        signer: None,
    },
    Fact {
        page: "chi-thi-11-ct-tw",
        number: "11-CT/TW",
        issuer: "Bộ Chính trị",
        issued: "2007-04-13",
        signer: None,
    },
    Fact {
        page: "ket-luan-49-kl-tw",
        number: "49-KL/TW",
        issuer: "Ban Bí thư Trung ương Đảng",
        issued: "2019-05-10",
        signer: None,
    },
    Fact {
        page: "chi-thi-14-ct-ttg-2021",
        number: "14/CT-TTg",
        issuer: "Thủ tướng Chính phủ",
        issued: "2021-05-25",
        signer: None,
    },
    Fact {
        page: "ke-hoach-162-kh-tu",
        number: "162-KH/TU",
        issuer: "Ban Thường vụ Tỉnh ủy Sơn La",
        issued: "2019-10-04",
        signer: None,
    },
    Fact {
        page: "quyet-dinh-1373-qd-ttg",
        number: "1373/QĐ-TTg",
        issuer: "Thủ tướng Chính phủ",
        issued: "2021-07-30",
        signer: Some("Vũ Đức Đam"),
    },
    Fact {
        page: "quyet-dinh-677-qd-ttg",
        number: "677/QĐ-TTg",
        issuer: "Thủ tướng Chính phủ",
        issued: "2022-06-03",
        signer: Some("Vũ Đức Đam"),
    },
    Fact {
        page: "quyet-dinh-2547-qd-ubnd",
        number: "2547/QĐ-UBND",
        issuer: "Ủy ban nhân dân tỉnh Sơn La",
        issued: "2021-10-18",
        signer: None,
    },
];

/// The rows of a document page's metadata card (`<dl class="doc-card">`): label → value
/// (for dates, the machine-readable `datetime`).
fn doc_card(html: &str) -> BTreeMap<String, String> {
    let start = html.find(r#"<dl class="doc-card""#).expect("document page has a metadata card");
    let card = &html[start..start + html[start..].find("</dl>").expect("card closes")];
    let mut rows = BTreeMap::new();
    for row in card.split("<dt>").skip(1) {
        let label = &row[..row.find("</dt>").expect("dt closes")];
        let dd = &row[row.find("<dd").expect("row has a value")..];
        let value = match dd.find("datetime=\"") {
            Some(i) => dd[i + 10..].split('"').next().unwrap_or_default().to_string(),
            None => strip_tags(&dd[..dd.find("</dd>").expect("dd closes")]),
        };
        rows.insert(label.to_string(), value);
    }
    rows
}

fn strip_tags(s: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in s.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.trim().to_string()
}

#[test]
fn real_documents_match_the_fact_sheet() {
    let fx = real_site();
    let pages: Vec<String> = std::fs::read_dir(fx.root().join("content/van-ban"))
        .expect("content/van-ban")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".md") && n != "_index.md")
        .map(|n| n.trim_end_matches(".md").to_string())
        .collect();
    for page in &pages {
        assert!(
            FACTS.iter().any(|f| f.page == page),
            "content/van-ban/{page}.md has no row in the fact table of this test: add it from facts-vi.md"
        );
    }
    for fact in FACTS {
        let card = doc_card(&fx.read_public(&format!("van-ban/{}/index.html", fact.page)));
        let page = fact.page;
        assert_eq!(card.get("Số, ký hiệu").map(String::as_str), Some(fact.number), "{page}: number");
        assert_eq!(card.get("Cơ quan ban hành").map(String::as_str), Some(fact.issuer), "{page}: issuer");
        assert_eq!(card.get("Ngày ban hành").map(String::as_str), Some(fact.issued), "{page}: issued");
        match fact.signer {
            Some(name) => {
                let signer = card.get("Người ký").unwrap_or_else(|| panic!("{page}: signer missing"));
                assert!(signer.contains(name), "{page}: signer `{signer}`, want `{name}`");
            }
            None => assert!(
                !card.contains_key("Người ký"),
                "{page}: the fact sheet has no source for the signer, but the page names one"
            ),
        }
    }
}

/// `check --strict` on the real site fails for two reasons only: the seed letter's own
/// date conflict (55-CV/CB of 01/03/2023 carries out 375-CV/ĐU of 27/3/2023), which must
/// stay reported until the centre's records settle it, and `base_url`, still the example
/// until the centre's real address is known (issue #13: it ends up in the sitemap).
#[test]
fn real_site_check_strict_reports_only_the_seed_date_conflict() {
    let fx = real_site_source();
    let out = fx.cmd_check(&["--strict", "--format", "json"]).output().expect("run loa check");
    assert_eq!(out.status.code(), Some(1), "the date conflict fails --strict");
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json report");
    let problems: Vec<String> = report["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .filter(|d| d["severity"] != "note")
        .map(|d| {
            format!(
                "{}:{}: {}",
                d["path"].as_str().unwrap_or(""),
                d["line"],
                d["message"].as_str().unwrap_or("")
            )
        })
        .collect();
    assert_eq!(
        problems,
        vec![
            "config.yaml:3: `base_url` is still the example `https://example.org`, which ends up in sitemap.xml, robots.txt and atom.xml; set `base_url` in config.yaml to the site's real address (or pass `--base-url`)".to_string(),
            "content/van-ban/cong-van-55-cv-cb.md:9: `55-CV/CB` (01/03/2023) cites `375-CV/ĐU`, which was issued later (27/03/2023); check the dates of both".to_string(),
        ],
    );
}

/// Every bulletin the seed letter's task 2 promises is there: each of the six documents it
/// asks to publicise is named in at least one bulletin, and every bulletin has a script.
#[test]
fn real_bulletins_cover_every_document_the_letter_lists() {
    let fx = real_site();
    let dir = fx.root().join("content/ban-tin");
    let mut bodies = String::new();
    for e in std::fs::read_dir(&dir).expect("content/ban-tin").filter_map(|e| e.ok()) {
        let name = e.file_name().to_string_lossy().into_owned();
        if name.ends_with(".md") && name != "_index.md" {
            bodies.push_str(&std::fs::read_to_string(e.path()).expect("bulletin"));
            let script = format!("ban-tin/{}/kich-ban.txt", name.trim_end_matches(".md"));
            assert!(fx.public().join(&script).is_file(), "{script} missing");
        }
    }
    for number in ["49-KL/TW", "14/CT-TTg", "162-KH/TU", "1373/QĐ-TTg", "677/QĐ-TTg", "2547/QĐ-UBND"] {
        assert!(bodies.contains(number), "no bulletin names {number}");
    }
    let schedule = fx.read_public("ban-tin/lich-phat/index.html");
    assert!(schedule.contains("233 âm tiết/phút"), "the schedule states the default pace");
}

// The home page answers "what must I do" at a glance: the letter's six requests stand in
// the theme's notice box (`thong_bao`), in the theme's own strings, one language: no switcher.
#[test]
fn real_home_shows_the_letters_requests_in_a_notice() {
    let fx = real_site();
    let home = fx.read_public("index.html");
    let notice = home
        .split("<aside class=\"sc-notice\" role=\"note\">")
        .nth(1)
        .and_then(|s| s.split("</aside>").next());
    let notice = notice.unwrap_or_else(|| panic!("no notice on the home page:\n{home}"));
    assert!(
        notice.contains("<p class=\"sc-notice-title\">Việc cần làm theo Công văn 55-CV/CB</p>"),
        "{notice}"
    );
    assert_eq!(notice.matches("<li>").count(), 6, "{notice}");
    assert!(!home.contains("lang-switcher"), "a one-language site shows no language switcher");
}
