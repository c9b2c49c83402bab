//! Kinds of official documents and the codes that name them in document numbers
//! (Nghị định 30/2020/NĐ-CP appendix and Party usage; see facts-vi.md B3.1).

/// A kind of document: code in numbers, slug in front matter, name as read.
#[derive(Debug, PartialEq, Eq)]
pub struct Kind {
    pub code: &'static str,
    pub slug: &'static str,
    pub name: &'static str,
    /// Cited by kind and number alone in running text ("Chỉ thị 11", "QĐ 1373").
    pub short: bool,
}

const fn k(code: &'static str, slug: &'static str, name: &'static str) -> Kind {
    Kind { code, slug, name, short: false }
}

/// A kind commonly cited in short form ("Kết luận 49", "KL 49").
const fn s(code: &'static str, slug: &'static str, name: &'static str) -> Kind {
    Kind { code, slug, name, short: true }
}

/// Every kind loa knows. `TT` is ambiguous and resolved by family (see `by_code`).
pub const KINDS: &[Kind] = &[
    s("NQ", "nghi-quyet", "Nghị quyết"),
    s("QĐ", "quyet-dinh", "Quyết định"),
    s("CT", "chi-thi", "Chỉ thị"),
    s("KL", "ket-luan", "Kết luận"),
    k("QC", "quy-che", "Quy chế"),
    s("QyĐ", "quy-dinh", "Quy định"),
    k("TC", "thong-cao", "Thông cáo"),
    s("TB", "thong-bao", "Thông báo"),
    s("HD", "huong-dan", "Hướng dẫn"),
    k("CTr", "chuong-trinh", "Chương trình"),
    s("KH", "ke-hoach", "Kế hoạch"),
    k("PA", "phuong-an", "Phương án"),
    k("ĐA", "de-an", "Đề án"),
    k("DA", "du-an", "Dự án"),
    k("BC", "bao-cao", "Báo cáo"),
    k("BB", "bien-ban", "Biên bản"),
    k("TTr", "to-trinh", "Tờ trình"),
    k("HĐ", "hop-dong", "Hợp đồng"),
    k("CĐ", "cong-dien", "Công điện"),
    k("BGN", "ban-ghi-nho", "Bản ghi nhớ"),
    k("BTT", "ban-thoa-thuan", "Bản thỏa thuận"),
    k("GUQ", "giay-uy-quyen", "Giấy ủy quyền"),
    k("GM", "giay-moi", "Giấy mời"),
    k("GGT", "giay-gioi-thieu", "Giấy giới thiệu"),
    k("GNP", "giay-nghi-phep", "Giấy nghỉ phép"),
    k("BS", "ban-sao", "Bản sao"),
    s("CV", "cong-van", "Công văn"),
    s("NĐ", "nghi-dinh", "Nghị định"),
    s("TT", "thong-tu", "Thông tư"),
    s("TT", "thong-tri", "Thông tri"),
    // Joint documents: every body after the kind code issued it ("TTLT-BLĐTBXH-BYT-BCA").
    k("TTLT", "thong-tu-lien-tich", "Thông tư liên tịch"),
    k("NQLT", "nghi-quyet-lien-tich", "Nghị quyết liên tịch"),
    k("QĐLT", "quyet-dinh-lien-tich", "Quyết định liên tịch"),
    k("CTLT", "chuong-trinh-lien-tich", "Chương trình liên tịch"),
    k("KHLT", "ke-hoach-lien-tich", "Kế hoạch liên tịch"),
    // Issued jointly too ("02/CTrPH-MTTQ-CA", "01/QCPH-UBND-CA").
    k("CTrPH", "chuong-trinh-phoi-hop", "Chương trình phối hợp"),
    k("QCPH", "quy-che-phoi-hop", "Quy chế phối hợp"),
    k("KHPH", "ke-hoach-phoi-hop", "Kế hoạch phối hợp"),
];

/// Whether a kind code is that of a joint document (liên tịch, phối hợp), issued by
/// every body after it.
pub fn is_joint(code: &str) -> bool {
    code.len() > 2 && (code.ends_with("LT") || code.ends_with("PH"))
}

/// Kind codes that cite a document before a bare number ("QĐ 1373", "KL 49"; facts-vi.md
/// B3.3). Others are too often something else before a number ("TB 7" is an average mark).
pub const SHORT_CODES: &[&str] = &["NQ", "QĐ", "CT", "KL", "KH", "CV", "NĐ"];

/// Kinds whose numbers carry no kind code: a law is `73/2021/QH14`. Not cited short
/// without "số": "Luật 2019" is a law of that year.
pub const UNCODED: &[Kind] =
    &[k("", "luat", "Luật"), k("", "bo-luat", "Bộ luật"), k("", "phap-lenh", "Pháp lệnh")];

/// The kind a number's code names. `TT` is Thông tư for state documents and Thông tri
/// for Party documents.
pub fn by_code(code: &str, party: bool) -> Option<&'static Kind> {
    if code == "TT" || code.eq_ignore_ascii_case("tt") {
        return KINDS.iter().find(|k| k.slug == if party { "thong-tri" } else { "thong-tu" });
    }
    // Codes differ by case only in CT/CTr, QĐ/QyĐ: compare exactly first, then folded.
    if let Some(k) = KINDS.iter().find(|k| k.code == code) {
        return Some(k);
    }
    // Folded once here, the table's codes once for all (numbers ask often).
    static FOLDED: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
    let folded =
        FOLDED.get_or_init(|| KINDS.iter().map(|k| super::number::folded(k.code).collect()).collect());
    let code: String = super::number::folded(code).collect();
    KINDS.iter().zip(folded).find(|(_, f)| **f == code).map(|(k, _)| k)
}

/// The kind named in front matter, by slug (`chi-thi`) or name (`Chỉ thị`).
pub fn by_slug(value: &str) -> Option<&'static Kind> {
    let slug = crate::slug::slugify(value);
    KINDS.iter().chain(UNCODED).find(|k| k.slug == slug)
}

/// The words that name a kind in running text ("Chỉ thị số 11-CT/TW").
pub fn words() -> impl Iterator<Item = &'static str> {
    KINDS.iter().map(|k| k.name)
}

/// The kind named by the last words of `group` ("theo Chỉ thị", "Chi thi"): compared
/// without case or diacritics, longest name first; with how many words it took.
/// `Thông tư` and `Thông tri` stay apart.
pub fn by_last_words(group: &str) -> Option<(&'static Kind, usize)> {
    static PLAIN: std::sync::OnceLock<Vec<(String, &'static Kind)>> = std::sync::OnceLock::new();
    let table = PLAIN.get_or_init(|| KINDS.iter().chain(UNCODED).map(|k| (plain(k.name), k)).collect());
    // Texts repeat the same few groups ("Chỉ thị số"): each thread remembers them.
    thread_local! {
        static SEEN: std::cell::RefCell<rustc_hash::FxHashMap<String, Option<(&'static Kind, usize)>>> =
            Default::default();
    }
    if let Some(found) = SEEN.with(|seen| seen.borrow().get(group).copied()) {
        return found;
    }
    let found = last_words(table, &plain(group));
    SEEN.with(|seen| {
        let mut seen = seen.borrow_mut();
        if seen.len() > 10_000 {
            seen.clear();
        }
        seen.insert(group.to_owned(), found);
    });
    found
}

fn last_words(table: &[(String, &'static Kind)], plain: &str) -> Option<(&'static Kind, usize)> {
    let mut words = 1;
    let mut from = plain.len();
    let mut best = None;
    loop {
        from = plain[..from].rfind(' ').map_or(0, |i| i);
        let tail = plain[from..].trim_start();
        if let Some((_, k)) = table.iter().find(|(p, _)| p == tail) {
            best = Some((*k, words));
        }
        if from == 0 {
            return best;
        }
        words += 1;
    }
}

/// The kind named by `words` ("chỉ thị", "Chi thi", "THÔNG TƯ"), compared without case
/// or diacritics.
pub fn by_name(words: &str) -> Option<&'static Kind> {
    by_last_words(words).filter(|(_, n)| *n == words.split_whitespace().count()).map(|(k, _)| k)
}

/// Lowercase, without diacritics, `đ` → `d`, single spaces.
pub(crate) fn plain(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    let mut push = |c: char| {
        if ('\u{300}'..='\u{36f}').contains(&c) {
            return;
        }
        if c.is_whitespace() {
            space = !out.is_empty();
            return;
        }
        if space {
            out.push(' ');
            space = false;
        }
        match c {
            'Đ' | 'đ' | 'Ð' | 'ð' => out.push('d'),
            c if c.is_ascii() => out.push(c.to_ascii_lowercase()),
            c => out.extend(c.to_lowercase()),
        }
    };
    for c in s.chars() {
        if c.is_ascii() {
            push(c);
        } else {
            unicode_normalization::char::decompose_canonical(c, &mut push);
        }
    }
    out
}
