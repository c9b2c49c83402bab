//! Kinds of official documents and the codes that name them in document numbers
//! (Nghị định 30/2020/NĐ-CP appendix and Party usage; see facts-vi.md B3.1).

/// A kind of document: code in numbers, slug in front matter, name as read.
#[derive(Debug)]
pub struct Kind {
    pub code: &'static str,
    pub slug: &'static str,
    pub name: &'static str,
}

const fn k(code: &'static str, slug: &'static str, name: &'static str) -> Kind {
    Kind { code, slug, name }
}

/// Every kind loa knows. `TT` is ambiguous and resolved by family (see `by_code`).
pub const KINDS: &[Kind] = &[
    k("NQ", "nghi-quyet", "Nghị quyết"),
    k("QĐ", "quyet-dinh", "Quyết định"),
    k("CT", "chi-thi", "Chỉ thị"),
    k("KL", "ket-luan", "Kết luận"),
    k("QC", "quy-che", "Quy chế"),
    k("QyĐ", "quy-dinh", "Quy định"),
    k("TC", "thong-cao", "Thông cáo"),
    k("TB", "thong-bao", "Thông báo"),
    k("HD", "huong-dan", "Hướng dẫn"),
    k("CTr", "chuong-trinh", "Chương trình"),
    k("KH", "ke-hoach", "Kế hoạch"),
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
    k("CV", "cong-van", "Công văn"),
    k("NĐ", "nghi-dinh", "Nghị định"),
    k("TT", "thong-tu", "Thông tư"),
    k("TT", "thong-tri", "Thông tri"),
];

/// The kind a number's code names. `TT` is Thông tư for state documents and Thông tri
/// for Party documents.
pub fn by_code(code: &str, party: bool) -> Option<&'static Kind> {
    if code == "TT" {
        return KINDS.iter().find(|k| k.slug == if party { "thong-tri" } else { "thong-tu" });
    }
    // Codes differ by case only in CT/CTr, QĐ/QyĐ: compare exactly first, then folded.
    KINDS
        .iter()
        .find(|k| k.code == code)
        .or_else(|| KINDS.iter().find(|k| super::number::fold(k.code) == super::number::fold(code)))
}

/// The kind named in front matter, by slug (`chi-thi`) or name (`Chỉ thị`).
pub fn by_slug(value: &str) -> Option<&'static Kind> {
    let slug = crate::slug::slugify(value);
    KINDS.iter().find(|k| k.slug == slug)
}

/// The words that name a kind in running text ("Chỉ thị số 11-CT/TW").
pub fn words() -> impl Iterator<Item = &'static str> {
    KINDS.iter().map(|k| k.name).chain(["Công văn", "Nghị định", "Thông tư", "Thông tri"])
}
