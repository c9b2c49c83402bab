//! Table test of the mention recogniser: what must be found, and what must not.

use super::mentions::find;
use unicode_normalization::UnicodeNormalization;

/// (text, [(mention as it spans the text, number key)]).
const CASES: &[(&str, &[(&str, &str)])] = &[
    // Party documents, with and without kind word and "số".
    ("Chỉ thị số 11 - CT/TW ngày 13/4/2007", &[("Chỉ thị số 11 - CT/TW", "11-CT/TW")]),
    ("Chỉ thị số 11-CT/TW", &[("Chỉ thị số 11-CT/TW", "11-CT/TW")]),
    ("Chỉ thị 11-CT/TW", &[("Chỉ thị 11-CT/TW", "11-CT/TW")]),
    ("chỉ thị số 11-CT/TW", &[("chỉ thị số 11-CT/TW", "11-CT/TW")]),
    ("theo 11-CT/TW.", &[("11-CT/TW", "11-CT/TW")]),
    ("Kết luận số 49-KL/TW ngày 10/5/2019", &[("Kết luận số 49-KL/TW", "49-KL/TW")]),
    ("Kết luận 49-KL/TW của Ban Bí thư", &[("Kết luận 49-KL/TW", "49-KL/TW")]),
    ("Kế hoạch số 162-KH/TU", &[("Kế hoạch số 162-KH/TU", "162-KH/TU")]),
    ("Công văn số 375- CV/ĐU ngày 27/3/2023", &[("Công văn số 375- CV/ĐU", "375-CV/DU")]),
    ("Số: 55- CV/CB", &[("Số: 55- CV/CB", "55-CV/CB")]),
    ("Hướng dẫn 36-HD/VPTW", &[("Hướng dẫn 36-HD/VPTW", "36-HD/VPTW")]),
    ("Quyết định số 127-QĐ/TW", &[("Quyết định số 127-QĐ/TW", "127-QD/TW")]),
    ("bản sao 24-BS/UBKTTU", &[("bản sao 24-BS/UBKTTU", "24-BS/UBKTTU")]),
    ("Chỉ thị số 11 – CT/TW", &[("Chỉ thị số 11 – CT/TW", "11-CT/TW")]),
    ("Chỉ thị số 11—CT/TW", &[("Chỉ thị số 11—CT/TW", "11-CT/TW")]),
    ("(11-CT/TW)", &[("11-CT/TW", "11-CT/TW")]),
    ("“11-CT/TW”", &[("11-CT/TW", "11-CT/TW")]),
    (
        "11-CT/TW, 49-KL/TW và 162-KH/TU",
        &[("11-CT/TW", "11-CT/TW"), ("49-KL/TW", "49-KL/TW"), ("162-KH/TU", "162-KH/TU")],
    ),
    // State documents.
    ("Quyết định số 1373/QĐ-TTg ngày 30/7/2021", &[("Quyết định số 1373/QĐ-TTg", "1373/QD-TTG")]),
    ("Quyết định 1373/QĐ-TTg", &[("Quyết định 1373/QĐ-TTg", "1373/QD-TTG")]),
    ("1373/QĐ-TTg", &[("1373/QĐ-TTg", "1373/QD-TTG")]),
    ("Chỉ thị số 14/CT-TTg ngày 25/5/2021", &[("Chỉ thị số 14/CT-TTg", "14/CT-TTG")]),
    ("Quyết định số 677/QĐ-TTg", &[("Quyết định số 677/QĐ-TTg", "677/QD-TTG")]),
    ("Quyết định số 2547/QĐ-UBND ngày 18/10/2021", &[("Quyết định số 2547/QĐ-UBND", "2547/QD-UBND")]),
    ("Nghị định 30/2020/NĐ-CP", &[("Nghị định 30/2020/NĐ-CP", "30/2020/ND-CP")]),
    ("Nghị định số 49/2024/NĐ-CP", &[("Nghị định số 49/2024/NĐ-CP", "49/2024/ND-CP")]),
    ("Thông tư 39/2020/TT-BTTTT", &[("Thông tư 39/2020/TT-BTTTT", "39/2020/TT-BTTTT")]),
    ("Nghị quyết 50/NQ-CP", &[("Nghị quyết 50/NQ-CP", "50/NQ-CP")]),
    ("Tờ trình số 326/TTr-SGDĐT", &[("Tờ trình số 326/TTr-SGDĐT", "326/TTR-SGDDT")]),
    ("văn bản 3320/BGDĐT-GDTX", &[("3320/BGDĐT-GDTX", "3320/BGDDT-GDTX")]),
    ("Quyết định 1373/QD-TTg", &[("Quyết định 1373/QD-TTg", "1373/QD-TTG")]),
    ("Quyết định 1373 / QĐ - TTg", &[("Quyết định 1373 / QĐ - TTg", "1373/QD-TTG")]),
    ("QĐ 489/QĐ-TTg (08/4/2020)", &[("489/QĐ-TTg", "489/QD-TTG")]),
    ("Luật 1/QĐ-TTg và 2/QĐ-TTg", &[("1/QĐ-TTg", "1/QD-TTG"), ("2/QĐ-TTg", "2/QD-TTG")]),
    // Typos are recognised (and reported later as unknown, with a suggestion).
    ("Chỉ thị số 11-CT/TIV ngày 13/4/2007", &[("Chỉ thị số 11-CT/TIV", "11-CT/TIV")]),
    ("Đảng ủy sở LĐTĐ", &[]),
    // Dates, ranges, fractions, phones, quarters: never numbers.
    ("ngày 13/4/2007", &[]),
    ("ngày 01/03/2023", &[]),
    ("giai đoạn 2021-2030", &[]),
    ("giai đoạn 2021 – 2030", &[]),
    ("trong quý III/2023", &[]),
    ("quý III năm 2023", &[]),
    ("tỷ lệ 1/2 số hội viên", &[]),
    ("gọi 0212-3852-123", &[]),
    ("gọi 0212.3852.123", &[]),
    ("100% viên chức", &[]),
    ("37,87%", &[]),
    ("1.149 học viên", &[]),
    ("khóa X", &[]),
    ("Điều 6, khoản 2", &[]),
    ("CT/TW", &[]),
    ("số 11", &[]),
    ("2021-Kế hoạch", &[]),
    ("A4-B5/C6", &[]),
    ("lúc 7-8/giờ", &[]),
    // Numbers inside words, URLs and paths are not mentions.
    ("https://thuvienphapluat.vn/van-ban/Quyet-dinh-1373-QD-TTg-2021", &[]),
    ("xem tuyengiao.vn/11-CT/TW", &[]),
    ("mã ABC11-CT/TW", &[]),
    ("tệp a/11-CT/TW", &[]),
    ("11-CT/TW2", &[]),
    ("v1373/QĐ-TTg", &[]),
    // Mentions at the edges of the text, and next to punctuation.
    ("55-CV/CB", &[("55-CV/CB", "55-CV/CB")]),
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
];

#[test]
fn recogniser_table() {
    assert!(CASES.len() >= 60, "the table should keep at least 60 cases");
    let mut failures = Vec::new();
    for (text, want) in CASES {
        let got: Vec<(&str, String)> =
            find(text).iter().map(|m| (&text[m.start..m.end], m.number.key.clone())).collect();
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
    let keys = |t: &str| find(t).into_iter().map(|m| m.number.key).collect::<Vec<_>>();
    assert_eq!(keys(&nfd), keys(nfc));
    assert_eq!(keys(nfc), ["375-CV/DU", "1373/QD-TTG"]);
}
