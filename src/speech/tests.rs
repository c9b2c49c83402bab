//! Table test of the read-aloud normaliser, plus the dialect, ordinals, syllables and leftovers.

use super::*;

/// The documents the test site knows.
fn known(key: &str) -> Option<KnownDoc> {
    let doc = |kind: &str, num, issuer: &str| {
        Some(KnownDoc { kind_name: kind.to_owned(), num, issuer: issuer.to_owned() })
    };
    match key {
        "11-CT/TW" => doc("Chỉ thị", 11, "Bộ Chính trị"),
        "49-KL/TW" => doc("Kết luận", 49, "Ban Bí thư"),
        "1373/QD-TTG" => doc("Quyết định", 1373, "Thủ tướng Chính phủ"),
        _ => None,
    }
}

fn north() -> Options<'static> {
    Options { dialect: Dialect::North, abbreviations: &[], documents: &known }
}

fn spoken(text: &str) -> String {
    speak(text, &north()).text
}

/// (written, spoken), North, no site abbreviations.
const CASES: &[(&str, &str)] = &[
    // Integers.
    ("0", "không"),
    ("5", "năm"),
    ("10", "mười"),
    ("11", "mười một"),
    ("14", "mười bốn"),
    ("15", "mười lăm"),
    ("20", "hai mươi"),
    ("21", "hai mươi mốt"),
    ("24", "hai mươi tư"),
    ("25", "hai mươi lăm"),
    ("55", "năm mươi lăm"),
    ("100", "một trăm"),
    ("101", "một trăm linh một"),
    ("105", "một trăm linh năm"),
    ("110", "một trăm mười"),
    ("111", "một trăm mười một"),
    ("115", "một trăm mười lăm"),
    ("999", "chín trăm chín mươi chín"),
    ("1000", "một nghìn"),
    ("1005", "một nghìn không trăm linh năm"),
    ("1010", "một nghìn không trăm mười"),
    ("1.149", "một nghìn một trăm bốn mươi chín"),
    ("2001", "hai nghìn không trăm linh một"),
    ("2007", "hai nghìn không trăm linh bảy"),
    ("2021", "hai nghìn không trăm hai mươi mốt"),
    ("2023", "hai nghìn không trăm hai mươi ba"),
    ("2030", "hai nghìn không trăm ba mươi"),
    ("10.000", "mười nghìn"),
    ("18.300", "mười tám nghìn ba trăm"),
    ("100.000", "một trăm nghìn"),
    ("1.000.000", "một triệu"),
    ("1.000.005", "một triệu không trăm linh năm"),
    ("3.700.000", "ba triệu bảy trăm nghìn"),
    ("15.600.000", "mười lăm triệu sáu trăm nghìn"),
    ("1.000.000.000", "một tỷ"),
    ("1.234.567.890", "một tỷ hai trăm ba mươi tư triệu năm trăm sáu mươi bảy nghìn tám trăm chín mươi"),
    ("1.000.000.000.000.000", "một triệu tỷ"),
    ("tiếp nhận 1.149 học viên", "tiếp nhận một nghìn một trăm bốn mươi chín học viên"),
    ("trên 18.300 lượt học viên", "trên mười tám nghìn ba trăm lượt học viên"),
    ("tổ chức 297 buổi tuyên truyền", "tổ chức hai trăm chín mươi bảy buổi tuyên truyền"),
    ("số 01", "số một"),
    // Decimals and percent.
    ("37,87", "ba mươi bảy phẩy tám mươi bảy"),
    ("0,05", "không phẩy không năm"),
    ("2,5", "hai phẩy năm"),
    ("từ 3,7 triệu lên hơn 15,6 triệu", "từ ba phẩy bảy triệu lên hơn mười lăm phẩy sáu triệu"),
    ("100%", "một trăm phần trăm"),
    ("37,87%", "ba mươi bảy phẩy tám mươi bảy phần trăm"),
    ("đạt 95 % kế hoạch", "đạt chín mươi lăm phần trăm kế hoạch"),
    ("Vận động 100% viên chức", "Vận động một trăm phần trăm viên chức"),
    // Dates.
    ("13/4/2007", "ngày mười ba tháng tư năm hai nghìn không trăm linh bảy"),
    ("ngày 13/4/2007", "ngày mười ba tháng tư năm hai nghìn không trăm linh bảy"),
    ("Ngày 13/4/2007", "Ngày mười ba tháng tư năm hai nghìn không trăm linh bảy"),
    ("ngày 01/03/2023", "ngày một tháng ba năm hai nghìn không trăm hai mươi ba"),
    ("ngày 27/3/2023", "ngày hai mươi bảy tháng ba năm hai nghìn không trăm hai mươi ba"),
    ("ngày 31/12/2025", "ngày ba mươi mốt tháng mười hai năm hai nghìn không trăm hai mươi lăm"),
    ("ngày 18/01/2021", "ngày mười tám tháng một năm hai nghìn không trăm hai mươi mốt"),
    ("ngày 24/11/2021", "ngày hai mươi tư tháng mười một năm hai nghìn không trăm hai mươi mốt"),
    ("ngày 01-03-2023", "ngày một tháng ba năm hai nghìn không trăm hai mươi ba"),
    (
        "Sơn La, ngày 01 tháng 03 năm 2023",
        "Sơn La, ngày một tháng ba năm hai nghìn không trăm hai mươi ba",
    ),
    ("ngày 05 tháng 4 năm 2023", "ngày năm tháng tư năm hai nghìn không trăm hai mươi ba"),
    ("tháng 1 và tháng 12", "tháng một và tháng mười hai"),
    ("tháng 7/2021", "tháng bảy năm hai nghìn không trăm hai mươi mốt"),
    ("7/2021", "tháng bảy năm hai nghìn không trăm hai mươi mốt"),
    ("hơn 15,6 triệu (7/2017)", "hơn mười lăm phẩy sáu triệu (tháng bảy năm hai nghìn không trăm mười bảy)"),
    ("ngày 10/5", "ngày mười tháng năm"),
    ("ngày 10/5/2019", "ngày mười tháng năm năm hai nghìn không trăm mười chín"),
    ("hiệu lực 01/7/2024", "hiệu lực ngày một tháng bảy năm hai nghìn không trăm hai mươi tư"),
    ("năm 2023", "năm hai nghìn không trăm hai mươi ba"),
    ("Năm 2017 cơ sở", "Năm hai nghìn không trăm mười bảy cơ sở"),
    // Times.
    ("lúc 5h30 và 17h", "lúc năm giờ ba mươi phút và mười bảy giờ"),
    ("lúc 07:15", "lúc bảy giờ mười lăm phút"),
    // Ranges.
    ("2021-2030", "hai nghìn không trăm hai mươi mốt đến hai nghìn không trăm ba mươi"),
    ("2021 – 2030", "hai nghìn không trăm hai mươi mốt đến hai nghìn không trăm ba mươi"),
    ("2021–2030", "hai nghìn không trăm hai mươi mốt đến hai nghìn không trăm ba mươi"),
    ("giai đoạn 2012 - 2020", "giai đoạn hai nghìn không trăm mười hai đến hai nghìn không trăm hai mươi"),
    ("từ 10-12 người", "từ mười đến mười hai người"),
    // Quarters.
    ("quý III/2023", "quý ba năm hai nghìn không trăm hai mươi ba"),
    ("quý III năm 2023", "quý ba năm hai nghìn không trăm hai mươi ba"),
    ("trong quý 3/2023", "trong quý ba năm hai nghìn không trăm hai mươi ba"),
    ("quý IV", "quý bốn"),
    ("Quý I", "Quý một"),
    // Roman numerals.
    ("khóa X", "khóa mười"),
    ("khoá XII", "khoá mười hai"),
    ("Khóa XIII", "Khóa mười ba"),
    ("Đại hội IX", "Đại hội chín"),
    ("Nghị quyết Trung ương 7 (khóa IX)", "Nghị quyết Trung ương bảy (khóa chín)"),
    ("Chỉ thị 50-CT/TW (khóa VIII)", "Chỉ thị số năm mươi của Trung ương (khóa tám)"),
    ("phần II", "phần hai"),
    ("chương IV", "chương bốn"),
    ("mục XIV", "mục mười bốn"),
    ("giai đoạn II", "giai đoạn hai"),
    ("Đại hội Đảng toàn quốc lần thứ XIII", "Đại hội Đảng toàn quốc lần thứ mười ba"),
    // Abbreviations.
    ("UBND tỉnh", "Ủy ban nhân dân tỉnh"),
    ("HĐND tỉnh", "Hội đồng nhân dân tỉnh"),
    ("Ban Chấp hành TW", "Ban Chấp hành Trung ương"),
    ("Hội nghị TW 7", "Hội nghị Trung ương bảy"),
    ("văn bản của TTg", "văn bản của Thủ tướng Chính phủ"),
    ("Ban Thường vụ TU", "Ban Thường vụ Tỉnh ủy"),
    ("Đảng ủy Sở LĐTBXH", "Đảng ủy Sở Lao động, Thương binh và Xã hội"),
    ("Đảng ủy Sở LĐ-TB&XH tỉnh Sơn La", "Đảng ủy Sở Lao động, Thương binh và Xã hội tỉnh Sơn La"),
    ("ĐU Sở", "Đảng ủy Sở"),
    ("lãnh đạo BGDĐT", "lãnh đạo Bộ Giáo dục và Đào tạo"),
    ("Giám đốc SGDĐT", "Giám đốc Sở Giáo dục và Đào tạo"),
    ("Bộ GD&ĐT (b/c)", "Bộ Giáo dục và Đào tạo (báo cáo)"),
    ("theo BTTTT", "theo Bộ Thông tin và Truyền thông"),
    ("Nghị quyết của CP", "Nghị quyết của Chính phủ"),
    ("theo VPTW", "theo Văn phòng Trung ương Đảng"),
    ("XD XHHT", "Xây dựng xã hội học tập"),
    ("đề án XHHT", "đề án xã hội học tập"),
    (
        "V/v lãnh đạo, tuyên truyền công tác khuyến học",
        "Về việc lãnh đạo, tuyên truyền công tác khuyến học",
    ),
    ("Trích yếu: V/v khuyến học", "Trích yếu: về việc khuyến học"),
    ("T/M Chi bộ", "Thay mặt Chi bộ"),
    ("TM. Ủy ban nhân dân", "Thay mặt Ủy ban nhân dân"),
    ("KT. Giám đốc", "Ký thay Giám đốc"),
    ("Đảng ủy sở (B/c);", "Đảng ủy sở (báo cáo);"),
    ("QĐ 489/QĐ-TTg", "Quyết định số bốn trăm tám mươi chín của Thủ tướng Chính phủ"),
    ("KL 49", "Kết luận bốn mươi chín"),
    ("các KL và QĐ", "các KL và QĐ"),
    ("TUBND", "TUBND"),
    ("UBNDs", "UBNDs"),
    // Known documents.
    (
        "Chỉ thị số 11-CT/TW ngày 13/4/2007 của Bộ Chính trị",
        "Chỉ thị số mười một ngày mười ba tháng tư năm hai nghìn không trăm linh bảy của Bộ Chính trị",
    ),
    (
        "Chỉ thị số 11 - CT/TW ngày 13/4/2007 của Bộ Chính trị",
        "Chỉ thị số mười một ngày mười ba tháng tư năm hai nghìn không trăm linh bảy của Bộ Chính trị",
    ),
    ("theo 11-CT/TW.", "theo Chỉ thị số mười một của Bộ Chính trị."),
    ("11-CT/TW là văn bản quan trọng", "Chỉ thị số mười một của Bộ Chính trị là văn bản quan trọng"),
    ("Kết luận 49-KL/TW của Ban Bí thư", "Kết luận số bốn mươi chín của Ban Bí thư"),
    ("thực hiện 49-KL/TW", "thực hiện Kết luận số bốn mươi chín của Ban Bí thư"),
    ("KL 49-KL/TW", "Kết luận số bốn mươi chín"),
    (
        "Quyết định số 1373/QĐ-TTg ngày 30/7/2021",
        "Quyết định số một nghìn ba trăm bảy mươi ba ngày ba mươi tháng bảy năm hai nghìn không trăm hai mươi mốt",
    ),
    ("Quyết định 1373 / QĐ - TTg", "Quyết định số một nghìn ba trăm bảy mươi ba"),
    ("theo 1373/QĐ-TTg", "theo Quyết định số một nghìn ba trăm bảy mươi ba của Thủ tướng Chính phủ"),
    (
        "11-CT/TW, 49-KL/TW và 162-KH/TU",
        "Chỉ thị số mười một của Bộ Chính trị, Kết luận số bốn mươi chín của Ban Bí thư và Kế hoạch số một trăm sáu mươi hai của Tỉnh ủy",
    ),
    // Unknown documents.
    ("Nghị định 30/2020/NĐ-CP", "Nghị định số ba mươi năm hai nghìn không trăm hai mươi của Chính phủ"),
    ("30/2020/NĐ-CP", "Nghị định số ba mươi năm hai nghìn không trăm hai mươi của Chính phủ"),
    ("Nghị định 49/2024", "Nghị định số bốn mươi chín năm hai nghìn không trăm hai mươi tư"),
    ("489/QĐ-TTg", "Quyết định số bốn trăm tám mươi chín của Thủ tướng Chính phủ"),
    (
        "QĐ 489/QĐ-TTg (08/4/2020)",
        "Quyết định số bốn trăm tám mươi chín của Thủ tướng Chính phủ (ngày tám tháng tư năm hai nghìn không trăm hai mươi)",
    ),
    (
        "Công văn 3320/BGDĐT-GDTX",
        "Công văn số ba nghìn ba trăm hai mươi của Bộ Giáo dục và Đào tạo, Giáo dục thường xuyên",
    ),
    (
        "theo 3320/BGDĐT-GDTX",
        "theo Công văn số ba nghìn ba trăm hai mươi của Bộ Giáo dục và Đào tạo, Giáo dục thường xuyên",
    ),
    (
        "văn bản 3320/BGDĐT-GDTX",
        "văn bản số ba nghìn ba trăm hai mươi của Bộ Giáo dục và Đào tạo, Giáo dục thường xuyên",
    ),
    ("Kế hoạch số 162-KH/TU", "Kế hoạch số một trăm sáu mươi hai của Tỉnh ủy"),
    ("162-KH/TU", "Kế hoạch số một trăm sáu mươi hai của Tỉnh ủy"),
    (
        "Kế hoạch số 162-KH/TU ngày 04/10/2019 của Ban Thường vụ Tỉnh ủy",
        "Kế hoạch số một trăm sáu mươi hai ngày bốn tháng mười năm hai nghìn không trăm mười chín của Ban Thường vụ Tỉnh ủy",
    ),
    ("Số: 55- CV/CB", "Công văn số năm mươi lăm của Chi bộ"),
    (
        "Công văn số 375- CV/ĐU ngày 27/3/2023",
        "Công văn số ba trăm bảy mươi lăm của Đảng ủy ngày hai mươi bảy tháng ba năm hai nghìn không trăm hai mươi ba",
    ),
    ("Hướng dẫn 36-HD/VPTW", "Hướng dẫn số ba mươi sáu của Văn phòng Trung ương Đảng"),
    ("24-BS/UBKTTU", "Bản sao số hai mươi tư của Ủy ban Kiểm tra Tỉnh ủy"),
    ("Tờ trình số 326/TTr-SGDĐT", "Tờ trình số ba trăm hai mươi sáu của Sở Giáo dục và Đào tạo"),
    (
        "Thông tư 39/2020/TT-BTTTT",
        "Thông tư số ba mươi chín năm hai nghìn không trăm hai mươi của Bộ Thông tin và Truyền thông",
    ),
    ("39/2020/TT-BTTTT", "Thông tư số ba mươi chín năm hai nghìn không trăm hai mươi của Bộ Thông tin và Truyền thông"),
    ("12-TT/TW", "Thông tri số mười hai của Trung ương"),
    ("Quyết định số 2547/QĐ-UBND", "Quyết định số hai nghìn năm trăm bốn mươi bảy của Ủy ban nhân dân"),
    ("QĐ 1151/QĐ-UBND ngày 12/6/2013", "Quyết định số một nghìn một trăm năm mươi mốt của Ủy ban nhân dân ngày mười hai tháng sáu năm hai nghìn không trăm mười ba"),
    ("Quyết định 52/2016/QĐ-TTg", "Quyết định số năm mươi hai năm hai nghìn không trăm mười sáu của Thủ tướng Chính phủ"),
    (
        "Chỉ thị số 14/CT-TTg ngày 25/5/2021 của Thủ tướng Chính phủ",
        "Chỉ thị số mười bốn ngày hai mươi lăm tháng năm năm hai nghìn không trăm hai mươi mốt của Thủ tướng Chính phủ",
    ),
    ("12-CT/XYZ", "Chỉ thị số mười hai của XYZ"),
    // List markers.
    ("(1) Nội dung", "Thứ nhất, Nội dung"),
    ("(2)Chỉ thị", "Thứ hai, Chỉ thị"),
    ("1) Mục một", "Thứ nhất, Mục một"),
    ("4) Mục bốn", "Thứ tư, Mục bốn"),
    ("a) Điểm a", "Thứ nhất, Điểm a"),
    ("đ) Điểm đ", "Thứ năm, Điểm đ"),
    ("e) Điểm e", "Thứ sáu, Điểm e"),
    ("(10) Mục mười", "Thứ mười, Mục mười"),
    ("5. Phòng Giáo dục", "Thứ năm, Phòng Giáo dục"),
    ("xem (1) ở trên", "xem (một) ở trên"),
    // Symbols.
    ("khuyến học & khuyến tài", "khuyến học và khuyến tài"),
    ("khuyến học/khuyến tài", "khuyến học hoặc khuyến tài"),
    ("xã/phường/thị trấn", "xã hoặc phường hoặc thị trấn"),
    ("Lao động -Thương binh và Xã hội", "Lao động, Thương binh và Xã hội"),
    ("Phòng tổ chức -Hành chính -Kế toán", "Phòng tổ chức, Hành chính, Kế toán"),
    ("Phòng Giáo dục- Dạy nghề -Tái hòa nhập cộng đồng", "Phòng Giáo dục, Dạy nghề, Tái hòa nhập cộng đồng"),
    ("Phòng Tổ chức – Hành chính – Kế toán", "Phòng Tổ chức, Hành chính, Kế toán"),
    ("- Các phòng chuyên môn.", "Các phòng chuyên môn."),
    ("Kính gửi: - Các Tổ đảng", "Kính gửi: Các Tổ đảng"),
    ("dài 5 ki-lô-mét", "dài năm ki lô mét"),
    ("**Tin chính** _hôm nay_ #1", "Tin chính hôm nay một"),
    ("tối đa 2 buổi/ngày, 15 phút/buổi", "tối đa hai buổi mỗi ngày, mười lăm phút mỗi buổi"),
    ("233 âm tiết/phút", "hai trăm ba mươi ba âm tiết mỗi phút"),
    ("của các đoàn thể./.", "của các đoàn thể."),
    ("Xin chào , bà con ( thôn Bản )", "Xin chào, bà con (thôn Bản)"),
    ("cán bộ, đảng viên,viên chức", "cán bộ, đảng viên, viên chức"),
    // The seed letter (Công văn 55-CV/CB).
    (
        "Thực hiện Công văn số 375- CV/ĐU ngày 27/3/2023 của Đảng ủy sở Lao động -Thương binh và Xã hội về lãnh đạo",
        "Thực hiện Công văn số ba trăm bảy mươi lăm ngày hai mươi bảy tháng ba năm hai nghìn không trăm hai mươi ba của Đảng ủy sở Lao động, Thương binh và Xã hội về lãnh đạo",
    ),
    (
        "1. Tiếp tục quan tâm tuyên truyền, quán triệt thực hiện Chỉ thị số 11 - CT/TW ngày 13/4/2007 của Bộ Chính trị về tăng cường sự lãnh đạo của Đảng",
        "Thứ nhất, Tiếp tục quan tâm tuyên truyền, quán triệt thực hiện Chỉ thị số mười một ngày mười ba tháng tư năm hai nghìn không trăm linh bảy của Bộ Chính trị về tăng cường sự lãnh đạo của Đảng",
    ),
    (
        "(1) *Kết luận số 49-KL/TW ngày 10/5/2019 của Ban Bí thư về tiếp tục thực hiện Chỉ thị số 11-CT/TIV ngày 13/4/2007 của Bộ Chính trị khóa X về tăng cường sự lãnh đạo của Đảng đối với công tác khuyến học, khuyến tài, xây dựng xã hội học tập;*",
        "Thứ nhất, Kết luận số bốn mươi chín ngày mười tháng năm năm hai nghìn không trăm mười chín của Ban Bí thư về tiếp tục thực hiện Chỉ thị số mười một ngày mười ba tháng tư năm hai nghìn không trăm linh bảy của Bộ Chính trị khóa mười về tăng cường sự lãnh đạo của Đảng đối với công tác khuyến học, khuyến tài, xây dựng xã hội học tập;",
    ),
    (
        "(2)*Chỉ thị số 14/CT-TTg ngày 25/5/2021 của Thủ tướng Chính phủ về \"Đẩy mạnh công tác khuyến học, khuyến tài, xây dựng xã hội học tập giai đoạn 2021-2030\";*",
        "Thứ hai, Chỉ thị số mười bốn ngày hai mươi lăm tháng năm năm hai nghìn không trăm hai mươi mốt của Thủ tướng Chính phủ về \"Đẩy mạnh công tác khuyến học, khuyến tài, xây dựng xã hội học tập giai đoạn hai nghìn không trăm hai mươi mốt đến hai nghìn không trăm ba mươi\";",
    ),
    (
        "(3)*Kế hoạch số 162-KH/TU ngày 04/10/2019 của Ban Thường vụ Tỉnh ủy thực hiện Kết luận số 49-KL/TW ngày 10/5/2019 của Ban Bí thư;*",
        "Thứ ba, Kế hoạch số một trăm sáu mươi hai ngày bốn tháng mười năm hai nghìn không trăm mười chín của Ban Thường vụ Tỉnh ủy thực hiện Kết luận số bốn mươi chín ngày mười tháng năm năm hai nghìn không trăm mười chín của Ban Bí thư;",
    ),
    (
        "(4) Quyết định số 1373/QĐ-TTg ngày 30/7/2021 của Thủ tướng Chính phủ phê duyệt Đề án \"Xây dựng xã hội học tập, giai đoạn 2021-2030\";",
        "Thứ tư, Quyết định số một nghìn ba trăm bảy mươi ba ngày ba mươi tháng bảy năm hai nghìn không trăm hai mươi mốt của Thủ tướng Chính phủ phê duyệt Đề án \"Xây dựng xã hội học tập, giai đoạn hai nghìn không trăm hai mươi mốt đến hai nghìn không trăm ba mươi\";",
    ),
    (
        "(5) Quyết định số 677/QĐ-TTg ngày 03/6/2022 của Thủ tướng Chính phủ phê duyệt Chương trình \"Xây dựng mô hình công dân học tập, giai đoạn 2021-2030\";",
        "Thứ năm, Quyết định số sáu trăm bảy mươi bảy ngày ba tháng sáu năm hai nghìn không trăm hai mươi hai của Thủ tướng Chính phủ phê duyệt Chương trình \"Xây dựng mô hình công dân học tập, giai đoạn hai nghìn không trăm hai mươi mốt đến hai nghìn không trăm ba mươi\";",
    ),
    (
        "(6) Quyết định số 2547/QĐ-UBND ngày 18/10/2021 của UBND tỉnh về ban hành Kế hoạch thực hiện Đề án \"Xây dựng xã hội học tập, giai đoạn 2021-2030 trên địa bàn tỉnh\").",
        "Thứ sáu, Quyết định số hai nghìn năm trăm bốn mươi bảy ngày mười tám tháng mười năm hai nghìn không trăm hai mươi mốt của Ủy ban nhân dân tỉnh về ban hành Kế hoạch thực hiện Đề án \"Xây dựng xã hội học tập, giai đoạn hai nghìn không trăm hai mươi mốt đến hai nghìn không trăm ba mươi trên địa bàn tỉnh\").",
    ),
    (
        "3. Phòng tổ chức -Hành chính -Kế toán chủ trì phối hợp với Công đoàn cơ sở xây dựng kế hoạch tổ chức thành lập Ban Khuyến học của đơn vị thời gian trong quý III năm 2023; Vận động 100% viên chức và người lao động của cơ sở tham gia là hội viên; Xây dựng quy chế hoạt động và có quỹ hoạt động phù hợp với tình hình thực tế tại đơn vị theo tinh thần Kết luận 49-KL/TW của Ban Bí thư, đảm bảo mỗi tổ chức, cán bộ, đảng viên và gia đình cán bộ, đảng viên đều tích cực hưởng ứng tham gia.",
        "Thứ ba, Phòng tổ chức, Hành chính, Kế toán chủ trì phối hợp với Công đoàn cơ sở xây dựng kế hoạch tổ chức thành lập Ban Khuyến học của đơn vị thời gian trong quý ba năm hai nghìn không trăm hai mươi ba; Vận động một trăm phần trăm viên chức và người lao động của cơ sở tham gia là hội viên; Xây dựng quy chế hoạt động và có quỹ hoạt động phù hợp với tình hình thực tế tại đơn vị theo tinh thần Kết luận số bốn mươi chín của Ban Bí thư, đảm bảo mỗi tổ chức, cán bộ, đảng viên và gia đình cán bộ, đảng viên đều tích cực hưởng ứng tham gia.",
    ),
    (
        "5. Phòng Giáo dục- Dạy nghề -Tái hòa nhập cộng đồng tăng cường tổ chức tuyên truyền",
        "Thứ năm, Phòng Giáo dục, Dạy nghề, Tái hòa nhập cộng đồng tăng cường tổ chức tuyên truyền",
    ),
    ("Son La, ngày 01 tháng 03 năm 2023", "Son La, ngày một tháng ba năm hai nghìn không trăm hai mươi ba"),
    (
        "Tuyên truyền 6 văn bản: KL 49-KL/TW; CT 14/CT-TTg; KH 162-KH/TU; QĐ 1373/QĐ-TTg; QĐ 677/QĐ-TTg; QĐ 2547/QĐ-UBND.",
        "Tuyên truyền sáu văn bản: Kết luận số bốn mươi chín; Chỉ thị số mười bốn của Thủ tướng Chính phủ; Kế hoạch số một trăm sáu mươi hai của Tỉnh ủy; Quyết định số một nghìn ba trăm bảy mươi ba; Quyết định số sáu trăm bảy mươi bảy của Thủ tướng Chính phủ; Quyết định số hai nghìn năm trăm bốn mươi bảy của Ủy ban nhân dân.",
    ),
    (
        "Hội viên tăng từ 3,7 triệu (2007) lên hơn 15,6 triệu (7/2017).",
        "Hội viên tăng từ ba phẩy bảy triệu (hai nghìn không trăm linh bảy) lên hơn mười lăm phẩy sáu triệu (tháng bảy năm hai nghìn không trăm mười bảy).",
    ),
];

#[test]
fn speaks_the_table() {
    let opts = north();
    let mut failures = Vec::new();
    for (written, want) in CASES {
        let got = speak(written, &opts).text;
        if got != *want {
            failures.push(format!("  {written:?}\n    got:  {got:?}\n    want: {want:?}"));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases differ:\n{}",
        failures.len(),
        CASES.len(),
        failures.join("\n")
    );
}

#[test]
fn the_table_is_large_enough() {
    assert!(CASES.len() >= 150, "{} cases", CASES.len());
}

#[test]
fn south_says_le_and_ngan() {
    let south = Options { dialect: Dialect::South, abbreviations: &[], documents: &known };
    assert_eq!(read_integer(105, Dialect::South), "một trăm lẻ năm");
    assert_eq!(read_integer(1000, Dialect::South), "một ngàn");
    assert_eq!(read_integer(2007, Dialect::South), "hai ngàn không trăm lẻ bảy");
    assert_eq!(read_integer(18_300, Dialect::South), "mười tám ngàn ba trăm");
    assert_eq!(speak("ngày 13/4/2007", &south).text, "ngày mười ba tháng tư năm hai ngàn không trăm lẻ bảy");
    assert_eq!(speak("1.000.005", &south).text, "một triệu không trăm lẻ năm");
}

#[test]
fn ordinals() {
    let want =
        [(1, "thứ nhất"), (2, "thứ hai"), (3, "thứ ba"), (4, "thứ tư"), (5, "thứ năm"), (10, "thứ mười")];
    for (n, w) in want {
        assert_eq!(ordinal(n, Dialect::North), w);
    }
    assert_eq!(ordinal(11, Dialect::North), "thứ mười một");
    assert_eq!(ordinal(14, Dialect::North), "thứ mười bốn");
    assert_eq!(ordinal(21, Dialect::North), "thứ hai mươi mốt");
    assert_eq!(ordinal(24, Dialect::North), "thứ hai mươi tư");
    assert_eq!(ordinal(105, Dialect::South), "thứ một trăm lẻ năm");
}

#[test]
fn syllables_are_counted_by_hand() {
    assert_eq!(syllables("Kính thưa toàn thể cán bộ"), 6);
    assert_eq!(syllables(""), 0);
    assert_eq!(syllables("  Thứ nhất,   Kết luận số bốn mươi chín. "), 8);
    // Punctuation alone is not a syllable; a token with a letter is one.
    assert_eq!(syllables("Xin chào – bà con !"), 4);
    assert_eq!(syllables(&spoken("ngày 13/4/2007")), 12);
}

fn leftovers_of(text: &str) -> Vec<String> {
    speak(text, &north()).leftovers
}

#[test]
fn leftovers_are_what_a_reader_would_stumble_over() {
    assert_eq!(leftovers_of("học sinh THCS và THPT"), ["THCS", "THPT"]);
    assert_eq!(leftovers_of("theo TT số 5"), ["TT (Thông tư hay Thông tri?)"]);
    assert_eq!(leftovers_of("phần mềm v2.0"), ["v2.0"]);
    assert_eq!(leftovers_of("12-CT/XYZ"), ["XYZ"]);
    assert_eq!(leftovers_of("tỷ lệ 1/2 số hội viên"), ["1/2"]);
    assert_eq!(leftovers_of("Đảng ủy sở LĐTĐ (B/c);"), ["LĐTĐ"]);
    assert_eq!(leftovers_of("gọi 0212-3852-123"), ["0212-3852-123"]);
    assert_eq!(leftovers_of("THCS, THCS và NĐ-CP"), ["THCS", "NĐ-CP"]);
    assert_eq!(leftovers_of("trước đây là III"), ["III"]);
    assert_eq!(leftovers_of("Lưu chi bộ (HThủy)."), ["HThủy"]);
    assert_eq!(leftovers_of("TCVN 6909:2001"), ["TCVN", "6909:2001"]);
}

#[test]
fn capitals_that_are_words_are_not_leftovers() {
    assert_eq!(leftovers_of("T/M CHI BỘ, BÍ THƯ"), Vec::<String>::new());
    assert_eq!(leftovers_of("ĐẢNG CỘNG SẢN VIỆT NAM"), Vec::<String>::new());
    assert_eq!(spoken("T/M CHI BỘ"), "Thay mặt CHI BỘ");
}

#[test]
fn a_clean_text_has_no_leftovers() {
    let s = speak("Chỉ thị số 11-CT/TW ngày 13/4/2007 của Bộ Chính trị, khóa X.", &north());
    assert!(s.leftovers.is_empty(), "{:?}", s.leftovers);
}

#[test]
fn site_abbreviations_come_first() {
    let table = vec![
        ("TW".to_owned(), "Trung ương Đảng".to_owned()),
        ("HThủy".to_owned(), "chị Hoàng Thủy".to_owned()),
        ("THCS".to_owned(), "trung học cơ sở".to_owned()),
    ];
    let opts = Options { dialect: Dialect::North, abbreviations: &table, documents: &known };
    let s = speak("Ban Chấp hành TW; Lưu chi bộ (HThủy); trường THCS", &opts);
    assert_eq!(s.text, "Ban Chấp hành Trung ương Đảng; Lưu chi bộ (chị Hoàng Thủy); trường trung học cơ sở");
    assert!(s.leftovers.is_empty(), "{:?}", s.leftovers);
}

#[test]
fn output_is_nfc_even_from_nfd_input() {
    use unicode_normalization::UnicodeNormalization;
    let nfd: String = "Chỉ thị số 11-CT/TW ngày 13/4/2007".nfd().collect();
    assert_eq!(spoken(&nfd), "Chỉ thị số mười một ngày mười ba tháng tư năm hai nghìn không trăm linh bảy");
}

#[test]
fn odd_input_does_not_panic() {
    for s in [
        "",
        " ",
        "(",
        "(1)",
        "a)",
        "-",
        "/",
        "%",
        "99999999999999999999999",
        "1.000.000.000.000.000.000.000",
        "ngày 99/99/9999",
        "quý IIII/2023",
        "ﬁ ß İ",
    ] {
        let _ = speak(s, &north());
    }
}
