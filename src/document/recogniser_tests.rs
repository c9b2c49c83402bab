//! Table test of the mention recogniser: every spelling people type, and what must not
//! be taken for a document number.

use super::mentions::{scan, Cited};
use unicode_normalization::UnicodeNormalization;

/// (text, [(mention as it spans the text, what it names)]). A full number names its key;
/// a short form names `kind-slug number[/year][ @issuer][ ~dated year]`.
const CASES: &[(&str, &[(&str, &str)])] = &[
    // Party numbers: case, spaces, dashes, `/` or a space for `-`.
    ("11-CT/TW", &[("11-CT/TW", "11-CT/TW")]),
    ("11-ct/tw", &[("11-ct/tw", "11-CT/TW")]),
    ("11-CT/tw", &[("11-CT/tw", "11-CT/TW")]),
    ("11-Ct/Tw", &[("11-Ct/Tw", "11-CT/TW")]),
    ("11 - CT/TW", &[("11 - CT/TW", "11-CT/TW")]),
    ("11 -CT/TW", &[("11 -CT/TW", "11-CT/TW")]),
    ("11- CT/TW", &[("11- CT/TW", "11-CT/TW")]),
    ("11 – CT/TW", &[("11 – CT/TW", "11-CT/TW")]),
    ("11–CT/TW", &[("11–CT/TW", "11-CT/TW")]),
    ("11—CT/TW", &[("11—CT/TW", "11-CT/TW")]),
    ("11 — CT/TW", &[("11 — CT/TW", "11-CT/TW")]),
    ("11\u{2011}CT/TW", &[("11\u{2011}CT/TW", "11-CT/TW")]),
    ("11\u{2212}CT/TW", &[("11\u{2212}CT/TW", "11-CT/TW")]),
    ("11\u{a0}-\u{a0}CT/TW", &[("11\u{a0}-\u{a0}CT/TW", "11-CT/TW")]),
    ("11-CT\u{a0}/\u{a0}TW", &[("11-CT\u{a0}/\u{a0}TW", "11-CT/TW")]),
    ("11 CT/TW", &[("11 CT/TW", "11-CT/TW")]),
    ("11/CT/TW", &[("11/CT/TW", "11-CT/TW")]),
    ("11/ct/tw", &[("11/ct/tw", "11-CT/TW")]),
    ("11 / CT / TW", &[("11 / CT / TW", "11-CT/TW")]),
    ("11 - CT / TW", &[("11 - CT / TW", "11-CT/TW")]),
    ("11-CT / TW", &[("11-CT / TW", "11-CT/TW")]),
    ("11-CT/ TW", &[("11-CT/ TW", "11-CT/TW")]),
    ("11-CT /TW", &[("11-CT /TW", "11-CT/TW")]),
    ("49-KL/TW", &[("49-KL/TW", "49-KL/TW")]),
    ("49-kl/tw", &[("49-kl/tw", "49-KL/TW")]),
    ("49 KL/TW", &[("49 KL/TW", "49-KL/TW")]),
    ("162-KH/TU", &[("162-KH/TU", "162-KH/TU")]),
    ("162 - KH/TU", &[("162 - KH/TU", "162-KH/TU")]),
    ("375-CV/ĐU", &[("375-CV/ĐU", "375-CV/DU")]),
    ("375-CV/DU", &[("375-CV/DU", "375-CV/DU")]),
    ("375-CV/\u{d0}U", &[("375-CV/\u{d0}U", "375-CV/DU")]),
    ("375-cv/đu", &[("375-cv/đu", "375-CV/DU")]),
    ("375- CV/ĐU", &[("375- CV/ĐU", "375-CV/DU")]),
    ("55- CV/CB", &[("55- CV/CB", "55-CV/CB")]),
    ("55-CV/CB", &[("55-CV/CB", "55-CV/CB")]),
    ("36-HD/VPTW", &[("36-HD/VPTW", "36-HD/VPTW")]),
    ("36-hd/vptw", &[("36-hd/vptw", "36-HD/VPTW")]),
    ("04-NQ/ĐU", &[("04-NQ/ĐU", "4-NQ/DU")]),
    ("4-NQ/ĐU", &[("4-NQ/ĐU", "4-NQ/DU")]),
    ("127-QĐ/TW", &[("127-QĐ/TW", "127-QD/TW")]),
    ("24-BS/UBKTTU", &[("24-BS/UBKTTU", "24-BS/UBKTTU")]),
    ("50-CT/TW", &[("50-CT/TW", "50-CT/TW")]),
    ("15-TT/TW", &[("15-TT/TW", "15-TT/TW")]),
    ("12-CV/ĐU-BTG", &[("12-CV/ĐU-BTG", "12-CV/DU-BTG")]),
    // Kind words and "số" before a number belong to the mention.
    ("Chỉ thị số 11-CT/TW", &[("Chỉ thị số 11-CT/TW", "11-CT/TW")]),
    ("Chỉ thị số 11 - CT/TW ngày 13/4/2007", &[("Chỉ thị số 11 - CT/TW", "11-CT/TW")]),
    ("Chỉ thị 11-CT/TW", &[("Chỉ thị 11-CT/TW", "11-CT/TW")]),
    ("chỉ thị số 11-CT/TW", &[("chỉ thị số 11-CT/TW", "11-CT/TW")]),
    ("CHỈ THỊ SỐ 11-CT/TW", &[("CHỈ THỊ SỐ 11-CT/TW", "11-CT/TW")]),
    ("Chi thi so 11-CT/TW", &[("Chi thi so 11-CT/TW", "11-CT/TW")]),
    ("Chỉ  thị   số  11-CT/TW", &[("Chỉ  thị   số  11-CT/TW", "11-CT/TW")]),
    ("Chỉ thị số 11 – CT/TW", &[("Chỉ thị số 11 – CT/TW", "11-CT/TW")]),
    ("Chỉ thị số 11—CT/TW", &[("Chỉ thị số 11—CT/TW", "11-CT/TW")]),
    ("Chỉ thị số: 11-CT/TW", &[("Chỉ thị số: 11-CT/TW", "11-CT/TW")]),
    ("Số: 55- CV/CB", &[("Số: 55- CV/CB", "55-CV/CB")]),
    ("Số 55-CV/CB", &[("Số 55-CV/CB", "55-CV/CB")]),
    ("số 375-CV/ĐU", &[("số 375-CV/ĐU", "375-CV/DU")]),
    ("theo 11-CT/TW.", &[("11-CT/TW", "11-CT/TW")]),
    ("Kết luận số 49-KL/TW ngày 10/5/2019", &[("Kết luận số 49-KL/TW", "49-KL/TW")]),
    ("Kết luận 49-KL/TW của Ban Bí thư", &[("Kết luận 49-KL/TW", "49-KL/TW")]),
    ("Kế hoạch số 162-KH/TU", &[("Kế hoạch số 162-KH/TU", "162-KH/TU")]),
    ("Công văn số 375- CV/ĐU ngày 27/3/2023", &[("Công văn số 375- CV/ĐU", "375-CV/DU")]),
    ("Hướng dẫn 36-HD/VPTW", &[("Hướng dẫn 36-HD/VPTW", "36-HD/VPTW")]),
    ("Quyết định số 127-QĐ/TW", &[("Quyết định số 127-QĐ/TW", "127-QD/TW")]),
    ("bản sao 24-BS/UBKTTU", &[("bản sao 24-BS/UBKTTU", "24-BS/UBKTTU")]),
    ("Nghị quyết số 04-NQ/ĐU", &[("Nghị quyết số 04-NQ/ĐU", "4-NQ/DU")]),
    ("Thông tri số 15-TT/TW", &[("Thông tri số 15-TT/TW", "15-TT/TW")]),
    // State numbers.
    ("1373/QĐ-TTg", &[("1373/QĐ-TTg", "1373/QD-TTG")]),
    ("1373/qđ-ttg", &[("1373/qđ-ttg", "1373/QD-TTG")]),
    ("1373/QĐ-TTG", &[("1373/QĐ-TTG", "1373/QD-TTG")]),
    ("1373/QD-TTg", &[("1373/QD-TTg", "1373/QD-TTG")]),
    ("1373/qd-ttg", &[("1373/qd-ttg", "1373/QD-TTG")]),
    ("1373/Q\u{d0}-TTg", &[("1373/Q\u{d0}-TTg", "1373/QD-TTG")]),
    ("1373 /QĐ-TTg", &[("1373 /QĐ-TTg", "1373/QD-TTG")]),
    ("1373/ QĐ-TTg", &[("1373/ QĐ-TTg", "1373/QD-TTG")]),
    ("1373 / QĐ - TTg", &[("1373 / QĐ - TTg", "1373/QD-TTG")]),
    ("1373/QĐ – TTg", &[("1373/QĐ – TTg", "1373/QD-TTG")]),
    ("1373/QĐ–TTg", &[("1373/QĐ–TTg", "1373/QD-TTG")]),
    ("1373/QĐ—TTg", &[("1373/QĐ—TTg", "1373/QD-TTG")]),
    ("1373/QĐ\u{2011}TTg", &[("1373/QĐ\u{2011}TTg", "1373/QD-TTG")]),
    ("1373/QĐ\u{a0}-\u{a0}TTg", &[("1373/QĐ\u{a0}-\u{a0}TTg", "1373/QD-TTG")]),
    ("1373\u{a0}/QĐ-TTg", &[("1373\u{a0}/QĐ-TTg", "1373/QD-TTG")]),
    ("1373/QĐ\u{a0}TTg", &[("1373/QĐ\u{a0}TTg", "1373/QD-TTG")]),
    ("1373/QĐ TTg", &[]),
    ("Quyết định số 1373/QĐ-TTg ngày 30/7/2021", &[("Quyết định số 1373/QĐ-TTg", "1373/QD-TTG")]),
    ("Quyết định 1373/QĐ-TTg", &[("Quyết định 1373/QĐ-TTg", "1373/QD-TTG")]),
    ("QUYẾT ĐỊNH SỐ 1373/QĐ-TTg", &[("QUYẾT ĐỊNH SỐ 1373/QĐ-TTg", "1373/QD-TTG")]),
    ("Quyet dinh so 1373/QD-TTg", &[("Quyet dinh so 1373/QD-TTg", "1373/QD-TTG")]),
    ("Quyết định 1373/QD-TTg", &[("Quyết định 1373/QD-TTg", "1373/QD-TTG")]),
    ("Chỉ thị số 14/CT-TTg ngày 25/5/2021", &[("Chỉ thị số 14/CT-TTg", "14/CT-TTG")]),
    ("14/ct-ttg", &[("14/ct-ttg", "14/CT-TTG")]),
    ("Quyết định số 677/QĐ-TTg", &[("Quyết định số 677/QĐ-TTg", "677/QD-TTG")]),
    ("Quyết định số 2547/QĐ-UBND ngày 18/10/2021", &[("Quyết định số 2547/QĐ-UBND", "2547/QD-UBND")]),
    ("Nghị quyết 50/NQ-CP", &[("Nghị quyết 50/NQ-CP", "50/NQ-CP")]),
    ("Tờ trình số 326/TTr-SGDĐT", &[("Tờ trình số 326/TTr-SGDĐT", "326/TTR-SGDDT")]),
    ("văn bản 3320/BGDĐT-GDTX", &[("3320/BGDĐT-GDTX", "3320/BGDDT-GDTX")]),
    ("Công văn số 12/UBND-VX", &[("Công văn số 12/UBND-VX", "12/UBND-VX")]),
    ("Công văn số 12/UBND", &[("Công văn số 12/UBND", "12/UBND")]),
    ("QĐ 489/QĐ-TTg (08/4/2020)", &[("489/QĐ-TTg", "489/QD-TTG")]),
    ("CT 14/CT-TTg", &[("14/CT-TTg", "14/CT-TTG")]),
    ("KL 49-KL/TW; KH 162-KH/TU", &[("49-KL/TW", "49-KL/TW"), ("162-KH/TU", "162-KH/TU")]),
    ("Luật 1/QĐ-TTg và 2/QĐ-TTg", &[("1/QĐ-TTg", "1/QD-TTG"), ("2/QĐ-TTg", "2/QD-TTG")]),
    // Numbers with the year inside; laws.
    ("Nghị định 30/2020/NĐ-CP", &[("Nghị định 30/2020/NĐ-CP", "30/2020/ND-CP")]),
    ("Nghị định số 116/2021/NĐ-CP", &[("Nghị định số 116/2021/NĐ-CP", "116/2021/ND-CP")]),
    ("116/2021/nđ-cp", &[("116/2021/nđ-cp", "116/2021/ND-CP")]),
    ("116/2021/ND-CP", &[("116/2021/ND-CP", "116/2021/ND-CP")]),
    ("116 / 2021 / NĐ-CP", &[("116 / 2021 / NĐ-CP", "116/2021/ND-CP")]),
    ("116/2021/NĐ – CP", &[("116/2021/NĐ – CP", "116/2021/ND-CP")]),
    ("Nghị định số 49/2024/NĐ-CP", &[("Nghị định số 49/2024/NĐ-CP", "49/2024/ND-CP")]),
    ("Thông tư 39/2020/TT-BTTTT", &[("Thông tư 39/2020/TT-BTTTT", "39/2020/TT-BTTTT")]),
    ("Thông tư số 14/2021/TT-BLĐTBXH", &[("Thông tư số 14/2021/TT-BLĐTBXH", "14/2021/TT-BLDTBXH")]),
    ("14/2021/tt-blđtbxh", &[("14/2021/tt-blđtbxh", "14/2021/TT-BLDTBXH")]),
    ("QĐ 52/2016/QĐ-TTg", &[("52/2016/QĐ-TTg", "52/2016/QD-TTG")]),
    ("73/2021/QH14", &[("73/2021/QH14", "73/2021/QH14")]),
    ("Luật số 43/2019/QH14", &[("Luật số 43/2019/QH14", "43/2019/QH14")]),
    ("Luật Giáo dục 43/2019/QH14", &[("43/2019/QH14", "43/2019/QH14")]),
    ("43/2019/qh14", &[("43/2019/qh14", "43/2019/QH14")]),
    // OCR and typing errors are still numbers (the catalogue says what was meant).
    ("Chỉ thị số 11-CT/TIV ngày 13/4/2007", &[("Chỉ thị số 11-CT/TIV", "11-CT/TIV")]),
    ("11-CT/TVV", &[("11-CT/TVV", "11-CT/TVV")]),
    // Punctuation around mentions; several in one text.
    ("(11-CT/TW)", &[("11-CT/TW", "11-CT/TW")]),
    ("“11-CT/TW”", &[("11-CT/TW", "11-CT/TW")]),
    ("\"11-CT/TW\"", &[("11-CT/TW", "11-CT/TW")]),
    ("[11-CT/TW]", &[("11-CT/TW", "11-CT/TW")]),
    (
        "11-CT/TW, 49-KL/TW và 162-KH/TU",
        &[("11-CT/TW", "11-CT/TW"), ("49-KL/TW", "49-KL/TW"), ("162-KH/TU", "162-KH/TU")],
    ),
    ("…theo Kết luận 49-KL/TW; và", &[("Kết luận 49-KL/TW", "49-KL/TW")]),
    ("(2)Chỉ thị số 14/CT-TTg;", &[("Chỉ thị số 14/CT-TTg", "14/CT-TTG")]),
    (
        "Quyết định số 1373/QĐ-TTg, Quyết định số 677/QĐ-TTg",
        &[("Quyết định số 1373/QĐ-TTg", "1373/QD-TTG"), ("Quyết định số 677/QĐ-TTg", "677/QD-TTG")],
    ),
    (
        "Kết luận số 49-KL/TW của Ban Bí thư về tiếp tục thực hiện Chỉ thị số 11-CT/TIV",
        &[("Kết luận số 49-KL/TW", "49-KL/TW"), ("Chỉ thị số 11-CT/TIV", "11-CT/TIV")],
    ),
    ("11-CT/TW-2023", &[("11-CT/TW", "11-CT/TW")]),
    // Short forms: a kind word or code, then the number.
    ("Chỉ thị 11", &[("Chỉ thị 11", "chi-thi 11")]),
    ("theo chỉ thị 11.", &[("chỉ thị 11", "chi-thi 11")]),
    ("Chỉ thị số 11", &[("Chỉ thị số 11", "chi-thi 11")]),
    ("CHỈ THỊ 11", &[("CHỈ THỊ 11", "chi-thi 11")]),
    ("Chi thi 11", &[("Chi thi 11", "chi-thi 11")]),
    ("Chỉ thị số 11 của Bộ Chính trị", &[("Chỉ thị số 11", "chi-thi 11 @bo chinh tri")]),
    ("Chỉ thị 11 ngày 13/4/2007 của Bộ Chính trị", &[("Chỉ thị 11", "chi-thi 11 @bo chinh tri ~2007")]),
    ("Kết luận 49", &[("Kết luận 49", "ket-luan 49")]),
    ("Kết luận số 49 ngày 10/5/2019", &[("Kết luận số 49", "ket-luan 49 ~2019")]),
    ("Quyết định 1373", &[("Quyết định 1373", "quyet-dinh 1373")]),
    ("Quyết định 1373 năm 2021", &[("Quyết định 1373 năm 2021", "quyet-dinh 1373/2021")]),
    ("QĐ 1373", &[("QĐ 1373", "quyet-dinh 1373")]),
    ("QD 1373", &[("QD 1373", "quyet-dinh 1373")]),
    ("QĐ số 1373", &[("QĐ số 1373", "quyet-dinh 1373")]),
    ("KL số 49", &[("KL số 49", "ket-luan 49")]),
    ("CT 11", &[("CT 11", "chi-thi 11")]),
    ("KL 49", &[("KL 49", "ket-luan 49")]),
    ("KH 162", &[("KH 162", "ke-hoach 162")]),
    ("CV 375", &[("CV 375", "cong-van 375")]),
    ("NQ 50", &[("NQ 50", "nghi-quyet 50")]),
    ("Nghị định 49/2024", &[("Nghị định 49/2024", "nghi-dinh 49/2024")]),
    ("NĐ 49/2024", &[("NĐ 49/2024", "nghi-dinh 49/2024")]),
    ("Chỉ thị 14 năm 2021", &[("Chỉ thị 14 năm 2021", "chi-thi 14/2021")]),
    ("Thông tư 39", &[("Thông tư 39", "thong-tu 39")]),
    ("Thông tri 15", &[("Thông tri 15", "thong-tri 15")]),
    ("Hướng dẫn 36", &[("Hướng dẫn 36", "huong-dan 36")]),
    ("Kế hoạch số 162", &[("Kế hoạch số 162", "ke-hoach 162")]),
    ("Công văn 55", &[("Công văn 55", "cong-van 55")]),
    ("Báo cáo số 12", &[("Báo cáo số 12", "bao-cao 12")]),
    ("Luật số 43", &[("Luật số 43", "luat 43")]),
    ("Chỉ thị số 2021", &[("Chỉ thị số 2021", "chi-thi 2021")]),
    (
        "Quyết định 1373, Quyết định 677",
        &[("Quyết định 1373", "quyet-dinh 1373"), ("Quyết định 677", "quyet-dinh 677")],
    ),
    ("Kết luận 49 của Ban Bí thư về tiếp tục", &[("Kết luận 49", "ket-luan 49 @ban bi thu ve tiep tuc")]),
    ("(Chỉ thị 11)", &[("Chỉ thị 11", "chi-thi 11")]),
    ("Chỉ thị 11, Kết luận 49", &[("Chỉ thị 11", "chi-thi 11"), ("Kết luận 49", "ket-luan 49")]),
    // Dates.
    ("10/5/2019", &[]),
    ("ngày 13/4/2007", &[]),
    ("ngày 01/03/2023", &[]),
    ("13-4-2007", &[]),
    ("2023-03-01", &[]),
    ("13.4.2007", &[]),
    ("ngày 27/3", &[]),
    ("tháng 3/2023", &[]),
    ("Chỉ thị 11/4", &[]),
    // Ranges.
    ("2021-2030", &[]),
    ("giai đoạn 2021-2030", &[]),
    ("giai đoạn 2021 – 2030", &[]),
    ("2021—2030", &[]),
    ("từ 5-7 người", &[]),
    ("Kế hoạch 2021-2025", &[]),
    ("Quyết định 1373-1375", &[]),
    // Phone numbers.
    ("gọi 0212-3852-123", &[]),
    ("gọi 0212.3852.123", &[]),
    ("0212 3852 123", &[]),
    ("+84 212 3852 123", &[]),
    ("(0212) 3852123", &[]),
    ("0987654321", &[]),
    // Scores and fractions.
    ("3/4", &[]),
    ("tỷ lệ 1/2 số hội viên", &[]),
    ("đạt 9/10 điểm", &[]),
    ("2/3 số xã", &[]),
    // Articles, chapters, items.
    ("Điều 5", &[]),
    ("Điều 5 Luật Giáo dục", &[]),
    ("khoản 2 Điều 6", &[]),
    ("Điều 6, khoản 2", &[]),
    ("Chương II", &[]),
    ("Mục 3", &[]),
    ("điểm a khoản 1", &[]),
    // Money.
    ("5.000.000 đồng", &[]),
    ("5.000.000đ", &[]),
    ("1,5 tỷ đồng", &[]),
    ("500 nghìn đồng", &[]),
    ("3 triệu/người", &[]),
    ("100.000 VNĐ", &[]),
    // Times.
    ("7:30", &[]),
    ("7h30", &[]),
    ("lúc 7 giờ", &[]),
    ("15h-17h", &[]),
    ("07:30-11:00", &[]),
    // Percentages and counts.
    ("100% viên chức", &[]),
    ("37,87%", &[]),
    ("1.149 học viên", &[]),
    ("297 buổi", &[]),
    ("4.400 chi hội", &[]),
    // Quarters, terms, Roman numerals.
    ("trong quý III/2023", &[]),
    ("quý III năm 2023", &[]),
    ("khóa X", &[]),
    ("III/2023", &[]),
    // Units, codes, versions.
    ("A4", &[]),
    ("COVID-19", &[]),
    ("F0", &[]),
    ("ISO 9001:2015", &[]),
    ("TCVN 6909:2001", &[]),
    ("phiên bản 1.2.3", &[]),
    ("H5N1", &[]),
    ("60 km/h", &[]),
    ("5 km/h", &[]),
    ("20 m/s", &[]),
    ("3 kg/người", &[]),
    ("10 ha/xã", &[]),
    ("A4-B5/C6", &[]),
    ("lúc 7-8/giờ", &[]),
    ("2 bs/xã", &[]),
    // Short forms that count or measure, and words without a number.
    ("Kế hoạch 5 năm", &[]),
    ("kế hoạch 3 tháng", &[]),
    ("Thông báo 3 lần", &[]),
    ("Hợp đồng 5 năm", &[]),
    ("Báo cáo 2023", &[]),
    ("Kế hoạch 2023", &[]),
    ("Luật 2019", &[]),
    ("theo Luật Giáo dục 2019", &[]),
    ("Nghị quyết Trung ương 7 (khóa IX)", &[]),
    ("điểm TB 7", &[]),
    ("QĐ 1.000", &[]),
    ("Chỉ thị 11.5", &[]),
    ("chương trình 135", &[]),
    ("số 11", &[]),
    ("Chỉ thị", &[]),
    ("CT/TW", &[]),
    ("11-CT", &[]),
    ("11/CT", &[]),
    ("2021-Kế hoạch", &[]),
    ("Đảng ủy sở LĐTĐ", &[]),
    // Numbers inside words, URLs and paths are not mentions.
    ("https://thuvienphapluat.vn/van-ban/Quyet-dinh-1373-QD-TTg-2021", &[]),
    ("xem tuyengiao.vn/11-CT/TW", &[]),
    ("mã ABC11-CT/TW", &[]),
    ("tệp a/11-CT/TW", &[]),
    ("11-CT/TW2", &[]),
    ("v1373/QĐ-TTg", &[]),
    ("11CT/TW", &[]),
    ("#11-CT/TW", &[]),
    ("a@11-CT/TW", &[]),
];

fn describe(text: &str) -> Vec<(&str, String)> {
    scan(text)
        .into_iter()
        .map(|r| {
            let what = match &r.cited {
                Cited::Number(n) => n.key.clone(),
                Cited::Short(s) => {
                    let mut d = format!("{} {}", s.kind.slug, s.num);
                    if let Some(y) = s.year {
                        d.push_str(&format!("/{y}"));
                    }
                    if let Some(i) = &s.issuer {
                        d.push_str(&format!(" @{i}"));
                    }
                    if let Some(y) = s.dated {
                        d.push_str(&format!(" ~{y}"));
                    }
                    d
                }
            };
            (&text[r.start..r.end], what)
        })
        .collect()
}

#[test]
fn recogniser_table() {
    assert!(CASES.len() >= 200, "the table keeps at least 200 spellings, has {}", CASES.len());
    let mut failures = Vec::new();
    for (text, want) in CASES {
        let got = describe(text);
        let want: Vec<(&str, String)> = want.iter().map(|(s, k)| (*s, k.to_string())).collect();
        if got != want {
            failures.push(format!("{text:?}\n   want {want:?}\n   got  {got:?}"));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases failed:\n{}",
        failures.len(),
        CASES.len(),
        failures.join("\n")
    );
}

#[test]
fn nfd_text_finds_the_same_numbers() {
    let nfc = "Công văn số 375-CV/ĐU và Quyết định số 1373/QĐ-TTg";
    let nfd: String = nfc.nfd().collect();
    assert_ne!(nfc, nfd);
    let keys = |t: &str| super::mentions::find(t).into_iter().map(|m| m.number.key).collect::<Vec<_>>();
    assert_eq!(keys(&nfd), keys(nfc));
    assert_eq!(keys(nfc), ["375-CV/DU", "1373/QD-TTG"]);
}

#[test]
fn front_matter_numbers_and_mentions_share_one_key() {
    for (front, text) in
        [("11-CT/TW", "theo 11 - ct / tw"), ("1373/QĐ-TTg", "1373 /qđ-ttg"), ("04-NQ/ĐU", "4-NQ/DU")]
    {
        let mention = super::mentions::find(text);
        assert_eq!(Some(super::number::key(front)), mention.first().map(|m| m.number.key.clone()), "{text}");
    }
}

/// Text made of the pieces numbers are built from, in every order: the recogniser
/// never panics (it slices text at many places) and always returns ranges in order.
#[test]
fn odd_text_never_panics() {
    const PIECES: &[&str] = &[
        "1",
        "2021",
        "/",
        "-",
        "–",
        " ",
        "\u{a0}",
        "CT",
        "qđ",
        "Ð",
        "số",
        "Chỉ thị",
        ":",
        ".",
        "của",
        "năm",
        "ngày",
        "ế",
        "\n",
    ];
    let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    let mut longest = 0;
    for _ in 0..20_000 {
        let mut text = String::new();
        for _ in 0..next() % 12 {
            text.push_str(PIECES[(next() % PIECES.len() as u64) as usize]);
        }
        longest = longest.max(text.len());
        let mut last = 0;
        for r in scan(&text) {
            assert!(last <= r.start && r.start <= r.number_start && r.number_start < r.end, "{text:?}");
            last = r.end;
            let _ = super::mentions::year_after(&text, r.end);
        }
    }
    assert!(longest > 20, "the texts are not all empty");
}
