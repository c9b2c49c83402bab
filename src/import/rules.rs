//! Word lists of the import: the fixed lines of the administrative layout, the words
//! that start an organisation's name, and the confusions OCR and hurried typing make.
//! Sources: facts-vi.md (B1–B3) and the seed letter.

/// National and Party mottos, and the motto line under the national name.
pub const MOTTOS: &[&str] = &[
    "ĐẢNG CỘNG SẢN VIỆT NAM",
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "Độc lập - Tự do - Hạnh phúc",
];

/// Words that begin the name of an organisation in the top-left block.
pub const ORG_STARTS: &[&str] = &[
    "ĐẢNG ỦY",
    "ĐẢNG UỶ",
    "ĐẢNG BỘ",
    "ĐẢNG ĐOÀN",
    "CHI BỘ",
    "TỈNH ỦY",
    "TỈNH UỶ",
    "HUYỆN ỦY",
    "HUYỆN UỶ",
    "THÀNH ỦY",
    "THÀNH UỶ",
    "BAN CÁN SỰ",
    "BAN THƯỜNG VỤ",
    "BAN CHẤP HÀNH",
    "ỦY BAN",
    "UỶ BAN",
    "UBND",
    "HĐND",
    "HỘI ĐỒNG",
    "BỘ",
    "SỞ",
    "PHÒNG",
    "BAN",
    "VĂN PHÒNG",
    "TRUNG TÂM",
    "CÔNG ĐOÀN",
    "ĐOÀN",
    "HỘI",
    "TRƯỜNG",
    "BỆNH VIỆN",
    "CÔNG AN",
    "CHÍNH PHỦ",
    "THỦ TƯỚNG",
    "QUỐC HỘI",
];

/// Titles in the signing block (they look like names: capitals, two or three words).
pub const TITLES: &[&str] = &[
    "BÍ THƯ",
    "PHÓ BÍ THƯ",
    "TỔNG BÍ THƯ",
    "CHỦ TỊCH",
    "PHÓ CHỦ TỊCH",
    "GIÁM ĐỐC",
    "PHÓ GIÁM ĐỐC",
    "TRƯỞNG PHÒNG",
    "PHÓ TRƯỞNG PHÒNG",
    "TRƯỞNG BAN",
    "PHÓ TRƯỞNG BAN",
    "CHÁNH VĂN PHÒNG",
    "PHÓ CHÁNH VĂN PHÒNG",
    "BỘ TRƯỞNG",
    "THỨ TRƯỞNG",
    "THỦ TƯỚNG",
    "PHÓ THỦ TƯỚNG",
    "HIỆU TRƯỞNG",
    "THƯỜNG TRỰC",
    "ỦY VIÊN",
    "THỦ TRƯỞNG",
];

/// Signing authority written without its full stop (NĐ 30 writes `TM.`, `KT.`, `TL.`).
pub const AUTHORITY_CODES: &[&str] = &["TM", "KT", "TL", "TUQ", "Q"];

/// Notes in place of a signature.
pub const SIGNATURE_NOTES: &[&str] =
    &["(Đã ký)", "(đã ký)", "(Ký, ghi rõ họ tên)", "(Ký tên, đóng dấu)", "Đã ký"];

/// Names whose capitals survive when a header in capitals is written in normal case
/// (longest first where one contains another).
pub const NAMES: &[&str] = &[
    "Sở Lao động – Thương binh và Xã hội",
    "Lao động – Thương binh và Xã hội",
    "Sở Giáo dục và Đào tạo",
    "Bộ Giáo dục và Đào tạo",
    "Ủy ban nhân dân",
    "Hội đồng nhân dân",
    "Ban Chấp hành Trung ương",
    "Bộ Chính trị",
    "Ban Bí thư",
    "Trung ương",
    "Việt Nam",
    "Sơn La",
    "Son La",
];

/// Place names of the province and country, checked for lost diacritics ("Son La").
pub const PLACES: &[&str] = &[
    "Sơn La",
    "Việt Nam",
    "Hà Nội",
    "Quỳnh Nhai",
    "Mường La",
    "Thuận Châu",
    "Phù Yên",
    "Bắc Yên",
    "Mai Sơn",
    "Sông Mã",
    "Yên Châu",
    "Mộc Châu",
    "Sốp Cộp",
    "Vân Hồ",
];

/// Misreadings found in real letters (facts-vi.md A1): as printed → probably meant.
pub const MISREADINGS: &[(&str, &str)] = &[("trú trọng", "chú trọng"), ("LĐTĐ", "LĐTBXH")];

/// Issuer codes of document numbers (facts-vi.md B3.2).
pub const ISSUER_CODES: &[&str] = &[
    "TW", "VPTW", "TTg", "CP", "UBND", "HĐND", "TU", "UBKTTU", "ĐU", "CB", "BGDĐT", "GDTX", "SGDĐT",
    "LĐTBXH", "BTTTT", "QH",
];

/// Letter shapes OCR confuses in codes: as read → as printed.
pub const GLYPHS: &[(&str, &str)] =
    &[("IV", "W"), ("VV", "W"), ("rn", "m"), ("0", "O"), ("1", "I"), ("l", "I")];

/// Case-, dash- and space-insensitive form for comparing fixed lines.
pub fn fold_for_match(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        if crate::document::number::is_dash(c) {
            out.push('-');
        } else if !c.is_whitespace() {
            out.extend(c.to_lowercase());
        }
    }
    out
}
