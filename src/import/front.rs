//! Writing the document page: front matter in the shape of the `document` archetype,
//! every field commented, a field not found left empty with a note; then the body.

use std::sync::OnceLock;

use regex::Regex;

use super::checks::Finding;
use super::layout::Letter;
use super::rules;
use crate::document::kinds::{self, Kind};
use crate::document::number::Family;

/// The page: its file name (without `.md`) and text.
pub struct Page {
    pub stem: String,
    pub text: String,
    pub kind: Option<&'static Kind>,
}

/// YAML double-quoted string (JSON strings are valid YAML).
fn q(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| "\"\"".into())
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A header in capitals in normal case, keeping the capitals of known names:
/// "ĐẢNG ỦY SỞ LAO ĐỘNG – THƯƠNG BINH VÀ XÃ HỘI" → "Đảng ủy Sở Lao động – Thương binh và Xã hội".
pub fn normal_case(caps: &str) -> String {
    static NAMES: OnceLock<Vec<(Regex, &'static str)>> = OnceLock::new();
    let names = NAMES.get_or_init(|| {
        rules::NAMES
            .iter()
            .map(|name| {
                let pattern: Vec<String> = name
                    .split(' ')
                    .map(|w| if w == "–" { r"[-–—]".to_owned() } else { regex::escape(w) })
                    .collect();
                let re = format!(r"(?i)(?:^|\b){}\b", pattern.join(r"\s*"));
                (Regex::new(&re).expect("name patterns are valid"), *name)
            })
            .collect()
    });
    let mut out: String = one_line(caps).to_lowercase();
    if let Some(first) = out.chars().next() {
        let upper: String = first.to_uppercase().collect();
        out.replace_range(..first.len_utf8(), &upper);
    }
    for (re, name) in names {
        out = re.replace_all(&out, *name).into_owned();
    }
    out
}

/// "T/M CHI BỘ" → "T/M Chi bộ": the code of the signing authority stays in capitals.
fn authority_case(line: &str) -> String {
    match line.split_once(' ') {
        Some((code, rest)) if code.contains(['/', '.']) || rules::AUTHORITY_CODES.contains(&code) => {
            format!("{code} {}", normal_case(rest))
        }
        _ => normal_case(line),
    }
}

/// "Về việc lãnh đạo…" → "về lãnh đạo…", for the title.
fn title_subject(subject: &str) -> String {
    if let Some(rest) = subject.strip_prefix("Về việc ") {
        return format!("về {rest}");
    }
    let mut chars = subject.chars();
    match chars.next() {
        Some(c) => c.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// Composes the page. `source` names the input file; `format` what it was read as.
pub fn page(letter: &Letter, findings: &[Finding], cites: &[String], source: &str, format: &str) -> Page {
    let number = letter.number.as_ref();
    let kind = letter.title_kind.or_else(|| {
        let n = number?;
        kinds::by_code(n.kind_code.as_deref()?, n.family == Family::Party)
    });
    let issuer = letter.orgs.last().map(|o| normal_case(o));
    let parent =
        (letter.orgs.len() > 1).then(|| normal_case(&letter.orgs[..letter.orgs.len() - 1].join(" ")));
    let mut title = String::new();
    if let Some(k) = kind {
        title.push_str(k.name);
    }
    if let Some(n) = number {
        title = format!("{title} {}", n.printed).trim().to_owned();
    }
    if let Some(s) = &letter.subject {
        title = format!("{title} {}", title_subject(s)).trim().to_owned();
    }
    let stem = match (kind, number) {
        (Some(k), Some(n)) => crate::slug::slugify(&format!("{} {}", k.name, n.printed)),
        (None, Some(n)) => crate::slug::slugify(&n.printed),
        _ => String::new(),
    };
    let missing = "không tìm thấy trong văn bản; điền theo bản gốc (đừng đoán)";
    let mut y = String::from("---\n");
    y.push_str(&format!("# Nhập bằng `loa import` từ `{}` ({format}).\n", one_line(source)));
    y.push_str("# Đối chiếu từng trường với bản gốc, rồi đổi `draft` thành false để đăng.\n");
    if !findings.is_empty() {
        y.push_str("# Cần kiểm tra:\n");
        for f in findings {
            y.push_str(&format!("# - {}\n", one_line(&f.message.0)));
        }
    }
    if !letter.leftovers.is_empty() {
        y.push_str("# Dòng ở phần đầu hoặc cuối văn bản chưa xếp được vào trường nào:\n");
        for l in &letter.leftovers {
            y.push_str(&format!("#   {}\n", one_line(l)));
        }
    }
    if title.is_empty() {
        y.push_str(&format!("# Tiêu đề: {missing}.\ntitle: \"\"\n"));
    } else {
        y.push_str(&format!("title: {}\n", q(&title)));
    }
    match letter.issued {
        Some(d) => y.push_str(&format!("date: {}\n", d.format("%Y-%m-%d"))),
        None => y.push_str(&format!("# Ngày đăng (giống ngày ban hành): {missing}.\n")),
    }
    y.push_str("tags: []\n");
    y.push_str("# Bản nháp: chỉ hiện khi chạy `loa build --drafts`.\ndraft: true\ndocument:\n");
    match (number, &letter.number_printed) {
        (Some(n), Some(p)) => {
            if one_line(p) != n.printed {
                y.push_str(&format!("  # Số, ký hiệu (bản gốc in: \"{}\").\n", one_line(p)));
            } else {
                y.push_str("  # Số, ký hiệu đúng như in trên văn bản.\n");
            }
            y.push_str(&format!("  number: {}\n", q(&n.printed)));
        }
        (None, Some(p)) => y.push_str(&format!(
            "  # Số, ký hiệu: không đọc được \"{}\"; sửa theo bản gốc.\n  number: \"\"\n",
            one_line(p)
        )),
        _ => y.push_str(&format!("  # Số, ký hiệu: {missing}.\n  number: \"\"\n")),
    }
    match kind {
        Some(k) => y.push_str(&format!("  # Loại văn bản: {}.\n  kind: {}\n", k.name, k.slug)),
        None => y.push_str(&format!("  # Loại văn bản: {missing}.\n  kind: \"\"\n")),
    }
    match &issuer {
        Some(i) => {
            y.push_str(&format!(
                "  # Cơ quan ban hành (góc trái trên): \"{}\".\n",
                one_line(letter.orgs.last().map_or("", String::as_str))
            ));
            y.push_str(&format!("  issuer: {}\n", q(i)));
        }
        None => y.push_str(&format!("  # Cơ quan ban hành: {missing}.\n  issuer: \"\"\n")),
    }
    match (letter.issued, &letter.date_line) {
        (Some(d), Some(line)) => y.push_str(&format!(
            "  # Ngày ban hành: \"{}\".\n  issued: {}\n",
            one_line(line),
            d.format("%Y-%m-%d")
        )),
        (None, Some(line)) => y.push_str(&format!(
            "  # Ngày ban hành: không đọc được \"{}\"; sửa theo bản gốc.\n  issued:\n",
            one_line(line)
        )),
        _ => y.push_str(&format!("  # Ngày ban hành: {missing}.\n  issued:\n")),
    }
    let authority: Vec<String> = letter.authority.iter().map(|a| authority_case(a)).collect();
    match &letter.signer {
        Some(s) if authority.is_empty() => y.push_str(&format!("  # Người ký.\n  signer: {}\n", q(s))),
        Some(s) => y.push_str(&format!("  # Người ký ({}).\n  signer: {}\n", authority.join(", "), q(s))),
        None => y.push_str(&format!("  # Người ký: {missing}.\n  signer: \"\"\n")),
    }
    match &letter.subject {
        Some(s) => y.push_str(&format!("  # Trích yếu.\n  subject: {}\n", q(s))),
        None => y.push_str(&format!("  # Trích yếu: {missing}.\n  subject: \"\"\n")),
    }
    let list = |items: &[String]| format!("[{}]", items.iter().map(|i| q(i)).collect::<Vec<_>>().join(", "));
    y.push_str("  # Các văn bản được nhắc tới trong nội dung.\n");
    y.push_str(&format!("  cites: {}\n", list(cites)));
    y.push_str("extra:\n");
    match &parent {
        Some(p) => y.push_str(&format!("  # Cơ quan cấp trên (góc trái trên).\n  parent: {}\n", q(p))),
        None => y.push_str("  # Cơ quan cấp trên: không có trong văn bản.\n  parent: \"\"\n"),
    }
    y.push_str(&format!("  # Kính gửi.\n  recipients: {}\n", list(&letter.recipients)));
    y.push_str(&format!("  # Nơi nhận.\n  distribution: {}\n", list(&letter.distribution)));
    y.push_str("---\n");
    let mut body = String::new();
    for (i, p) in letter.body.iter().enumerate() {
        body.push_str(p);
        body.push_str("\n\n");
        if i == 0 && letter.body.len() > 1 {
            body.push_str("<!-- more -->\n\n");
        }
    }
    let text = format!("{y}{}\n", body.trim_end());
    Page { stem, text, kind }
}

#[cfg(test)]
mod tests {
    use super::normal_case;

    #[test]
    fn headers_in_capitals_keep_the_capitals_of_names() {
        assert_eq!(
            normal_case("ĐẢNG ỦY SỞ LAO ĐỘNG – THƯƠNG BINH VÀ XÃ HỘI SƠN LA"),
            "Đảng ủy Sở Lao động – Thương binh và Xã hội Sơn La"
        );
        assert_eq!(
            normal_case("CHI BỘ CƠ SỞ ĐIỀU TRỊ NGHIỆN MA TÚY TỈNH"),
            "Chi bộ cơ sở điều trị nghiện ma túy tỉnh"
        );
        assert_eq!(normal_case("ỦY BAN NHÂN DÂN TỈNH SƠN LA"), "Ủy ban nhân dân tỉnh Sơn La");
    }
}
