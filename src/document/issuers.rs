//! Issuer codes of document numbers and the names texts use for them (facts-vi.md B3.2),
//! to tell which document "Chỉ thị số 11 của Bộ Chính trị" means.

/// Code in numbers → names in running text.
pub const ISSUERS: &[(&str, &[&str])] = &[
    ("TW", &["Trung ương", "Ban Chấp hành Trung ương", "Bộ Chính trị", "Ban Bí thư"]),
    ("VPTW", &["Văn phòng Trung ương Đảng", "Văn phòng Trung ương"]),
    ("TTg", &["Thủ tướng Chính phủ", "Thủ tướng", "Phó Thủ tướng"]),
    ("CP", &["Chính phủ"]),
    ("QH", &["Quốc hội"]),
    ("UBND", &["Ủy ban nhân dân", "UBND"]),
    ("HĐND", &["Hội đồng nhân dân", "HĐND"]),
    ("TU", &["Tỉnh ủy", "Ban Thường vụ Tỉnh ủy", "Ban Chấp hành Đảng bộ tỉnh"]),
    ("UBKTTU", &["Ủy ban Kiểm tra Tỉnh ủy"]),
    ("ĐU", &["Đảng ủy"]),
    ("CB", &["Chi bộ"]),
    ("BGDĐT", &["Bộ Giáo dục và Đào tạo", "Bộ GD&ĐT"]),
    ("SGDĐT", &["Sở Giáo dục và Đào tạo", "Sở GD&ĐT"]),
    ("BLĐTBXH", &["Bộ Lao động - Thương binh và Xã hội", "Bộ LĐTBXH"]),
    ("BTTTT", &["Bộ Thông tin và Truyền thông"]),
];

/// The names of an issuer code (`TW`, `QH14` → `QH`), compared without case or `Đ`/`D`.
pub fn names(code: &str) -> &'static [&'static str] {
    let code = super::number::fold(code.trim_end_matches(|c: char| c.is_ascii_digit()));
    ISSUERS.iter().find(|(c, _)| super::number::fold(c) == code).map_or(&[], |(_, n)| n)
}

/// Whether the words after "của" (lowercase, no diacritics) name `name`: they share
/// its first two words, or all of it when it is shorter ("Ban Bí thư về …" names
/// "Ban Bí thư Trung ương Đảng"; "Bộ Giáo dục" does not name "Bộ Chính trị").
pub fn phrase_names(phrase: &str, name: &str) -> bool {
    let name = super::kinds::plain(name);
    let shared = phrase.split(' ').zip(name.split(' ')).take_while(|(a, b)| a == b).count();
    shared >= name.split(' ').count().min(2)
}
