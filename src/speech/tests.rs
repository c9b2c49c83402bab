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

/// One row of a table file: category, written, accepted spoken forms.
struct Case {
    category: String,
    written: String,
    spoken: String,
}

fn cases(file: &str) -> Vec<Case> {
    file.lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .filter_map(|l| {
            let mut cols = l.split('\t');
            Some(Case {
                category: cols.next()?.to_owned(),
                written: cols.next()?.to_owned(),
                spoken: cols.next()?.to_owned(),
            })
        })
        .collect()
}

const TABLE: &str = include_str!("../../tests/speech/table.tsv");
const HELD_OUT: &str = include_str!("../../tests/speech/heldout.tsv");
const HELD_OUT_2: &str = include_str!("../../tests/speech/heldout-2.tsv");
const HELD_OUT_3: &str = include_str!("../../tests/speech/heldout-3.tsv");
const HELD_OUT_4: &str = include_str!("../../tests/speech/heldout-4.tsv");
const HELD_OUT_5: &str = include_str!("../../tests/speech/heldout-5.tsv");
const HELD_OUT_6: &str = include_str!("../../tests/speech/heldout-6.tsv");
const HELD_OUT_7: &str = include_str!("../../tests/speech/heldout-7.tsv");
const HELD_OUT_8: &str = include_str!("../../tests/speech/heldout-8.tsv");
const HELD_OUT_9: &str = include_str!("../../tests/speech/heldout-9.tsv");
const HELD_OUT_10: &str = include_str!("../../tests/speech/heldout-10.tsv");
const HELD_OUT_11: &str = include_str!("../../tests/speech/heldout-11.tsv");
const HELD_OUT_12: &str = include_str!("../../tests/speech/heldout-12.tsv");

/// The words of a spoken text as compared: lower case, no punctuation, one spelling
/// for each of the variants the table header lists.
fn canonical(s: &str) -> String {
    let lower = crate::load::nfc(&s.to_lowercase());
    let spaced: String = lower
        .chars()
        .map(|c| if c.is_alphanumeric() || c == '{' || c == '|' || c == '}' { c } else { ' ' })
        .collect();
    let mut words = format!(" {} ", spaced.split_whitespace().collect::<Vec<_>>().join(" "));
    for (from, to) in [
        (" ngàn ", " nghìn "),
        (" trăm lẻ ", " trăm linh "),
        (" linh tư ", " linh bốn "),
        (" mươi bốn ", " mươi tư "),
        (" mồng ", " "),
        (" mùng ", " "),
    ] {
        while words.contains(from) {
            words = words.replace(from, to);
        }
    }
    let tones = [
        ("uỷ", "ủy"),
        ("uý", "úy"),
        ("uỳ", "ùy"),
        ("uỹ", "ũy"),
        ("uỵ", "ụy"),
        ("oà", "òa"),
        ("oá", "óa"),
        ("oả", "ỏa"),
        ("oã", "õa"),
        ("oạ", "ọa"),
        ("oè", "òe"),
        ("oé", "óe"),
    ];
    for (from, to) in tones {
        words = words.replace(from, to);
    }
    words.trim().to_owned()
}

/// Whether `got` is one of the forms `want` accepts (`{a|b}` alternatives).
fn accepts(want: &str, got: &str) -> bool {
    let mut pattern = String::from("^");
    let canon = canonical(want);
    let mut rest = canon.as_str();
    while let Some(open) = rest.find('{') {
        pattern.push_str(&regex::escape(&rest[..open]));
        let Some(close) = rest[open..].find('}') else { break };
        let alts: Vec<String> = rest[open + 1..open + close].split('|').map(regex::escape).collect();
        pattern.push_str(&format!("(?:{})", alts.join("|")));
        rest = &rest[open + close + 1..];
    }
    pattern.push_str(&regex::escape(rest));
    pattern.push('$');
    let pattern = pattern.replace(' ', r"\s*");
    let got = canonical(got);
    regex::Regex::new(&pattern).is_ok_and(|re| re.is_match(&got))
}

/// (exact, total) per category, and the failures.
fn score(file: &str) -> (std::collections::BTreeMap<String, (usize, usize)>, Vec<String>) {
    let opts = north();
    let mut per = std::collections::BTreeMap::new();
    let mut failures = Vec::new();
    for c in cases(file) {
        let got = speak(&c.written, &opts).text;
        let ok = accepts(&c.spoken, &got);
        let e = per.entry(c.category.clone()).or_insert((0, 0));
        e.1 += 1;
        if ok {
            e.0 += 1;
        } else {
            failures.push(format!(
                "  [{}] {:?}\n    got:  {got:?}\n    want: {:?}",
                c.category, c.written, c.spoken
            ));
        }
    }
    (per, failures)
}

#[test]
fn speaks_the_public_table() {
    let (_, failures) = score(TABLE);
    assert!(failures.is_empty(), "{} cases differ:\n{}", failures.len(), failures.join("\n"));
}

#[test]
fn the_public_table_covers_every_category() {
    let all = cases(TABLE);
    assert!(all.len() >= 400, "{} cases", all.len());
    for category in [
        "number", "date", "time", "range", "roman", "abbrev", "document", "list", "sign", "real", "ordinal",
        "weekday", "phone", "unit", "money", "fraction", "heading", "name",
    ] {
        assert!(all.iter().filter(|c| c.category == category).count() >= 5, "{category}");
    }
}

/// The held-out sentences were written before the normaliser was tuned; this reports
/// their score (run with --nocapture) and fails below the floor recorded in docs/speech.md.
#[test]
fn held_out_sentences_score() {
    for (name, file) in [("held-out", HELD_OUT), ("held-out 2", HELD_OUT_2), ("held-out 3", HELD_OUT_3)] {
        let (per, failures) = score(file);
        let (ok, total) = per.values().fold((0, 0), |(a, b), (x, y)| (a + x, b + y));
        println!("{name}: {ok}/{total} exact");
        for (c, (x, y)) in &per {
            println!("  {c}: {x}/{y}");
        }
        println!("{}", failures.join("\n"));
        assert!(ok * 100 >= total * 90, "{name} score {ok}/{total} is below 90 %");
    }
}

/// The held-out sets written blind by others: their score is reported (run with
/// --nocapture), nothing of it is required (sets 9 and 10 are tuned on; their headers
/// give their first runs).
#[test]
fn blind_held_out_sentences_are_reported() {
    for (name, file) in [
        ("held-out 4", HELD_OUT_4),
        ("held-out 5", HELD_OUT_5),
        ("held-out 6", HELD_OUT_6),
        ("held-out 7", HELD_OUT_7),
        ("held-out 8", HELD_OUT_8),
        ("held-out 9", HELD_OUT_9),
        ("held-out 10", HELD_OUT_10),
        ("held-out 11", HELD_OUT_11),
        ("held-out 12", HELD_OUT_12),
    ] {
        let (per, failures) = score(file);
        let (ok, total) = per.values().fold((0, 0), |(a, b), (x, y)| (a + x, b + y));
        println!("{name}: {ok}/{total} exact");
        println!("{}", failures.join("\n"));
        let rows = file.lines().filter(|l| !l.trim().is_empty() && !l.starts_with('#')).count();
        assert_eq!(total, rows, "{name}: every row has three columns");
    }
}

#[test]
fn accepted_alternatives_are_honoured() {
    assert!(accepts("hai mươi {tư|bốn}", "Hai mươi bốn."));
    assert!(accepts("{mỗi|một} người", "một người"));
    assert!(accepts("mười giờ{ phút|}", "mười giờ"));
    assert!(accepts("một nghìn không trăm linh năm", "một ngàn không trăm lẻ năm"));
    assert!(accepts("ngày một tháng ba", "ngày mùng một tháng ba"));
    assert!(accepts("ủy ban", "Uỷ ban"));
    assert!(!accepts("hai mươi tư", "hai mươi"));
    assert!(!accepts("ngày một", "ngày 1"));
}

#[test]
fn south_says_le_and_ngan() {
    let south = Options { dialect: Dialect::South, abbreviations: &[], documents: &known };
    assert_eq!(read_integer(105, Dialect::South), "một trăm lẻ năm");
    assert_eq!(read_integer(1000, Dialect::South), "một ngàn");
    assert_eq!(read_integer(2007, Dialect::South), "hai ngàn không trăm lẻ bảy");
    assert_eq!(read_integer(18_300, Dialect::South), "mười tám ngàn ba trăm");
    assert_eq!(speak("ngày 13/4/2007", &south).text, "Ngày mười ba tháng tư năm hai ngàn không trăm lẻ bảy");
    assert_eq!(speak("1.000.005", &south).text, "Một triệu không trăm lẻ năm");
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
    speak(text, &north()).leftovers.into_iter().map(|l| l.what).collect()
}

#[test]
fn leftovers_are_what_a_reader_would_stumble_over() {
    assert_eq!(
        leftovers_of("học sinh TNXH và KTQP"),
        ["TNXH (tệ nạn xã hội hay Tự nhiên và Xã hội?)", "KTQP"]
    );
    assert_eq!(spoken("phòng, chống TNXH; môn TNXH"), "Phòng, chống tệ nạn xã hội; môn Tự nhiên và Xã hội");
    assert_eq!(leftovers_of("theo TT trên"), ["TT (Thông tư hay Thường trực hay thị trấn hay trung tâm?)"]);
    assert_eq!(leftovers_of("phần mềm v2.0"), ["v2.0"]);
    assert_eq!(leftovers_of("12-CT/XYZ"), ["XYZ"]);
    // An unknown issuer the sentence names is not read, so not reported.
    assert!(leftovers_of("Thông báo số 12/TB-XYZ ngày 3/1/2025 của Văn phòng huyện.").is_empty());
    assert_eq!(leftovers_of("Đảng ủy sở LĐTĐ (B/c);"), ["LĐTĐ"]);
    assert_eq!(leftovers_of("mã 0212-3852"), ["0212-3852"]);
    assert_eq!(leftovers_of("XYZT, XYZT và NĐ-XYZ"), ["XYZT", "XYZ"]);
    assert_eq!(leftovers_of("trước đây là III"), ["III"]);
    assert_eq!(leftovers_of("Lưu chi bộ (HThủy)."), ["HThủy"]);
    assert_eq!(leftovers_of("QWZX 6909:2001"), ["QWZX", "6909:2001"]);
    // A unit symbol with no number before it is not read.
    assert_eq!(leftovers_of("đơn vị tính là km"), ["km"]);
    assert_eq!(leftovers_of("đơn vị Tp"), ["Tp"]);
}

#[test]
fn email_and_web_addresses_are_read_part_by_part() {
    let s = speak("Email: ubndxa@sonla.gov.vn. Xem https://dichvucong.gov.vn/p/home.", &north());
    assert_eq!(
        s.text,
        "Email: ubndxa a còng sơn la chấm gov chấm vê en. Xem dịch vụ công chấm gov chấm vê en gạch chéo p gạch chéo home."
    );
    // A part wholly of Vietnamese words without marks is read in them; "ubndxa" is not.
    assert_eq!(spoken("xem baosonla.vn"), "Xem báo sơn la chấm vê en");
    assert_eq!(
        spoken("gửi cosocainghien.sonla@gmail.com"),
        "Gửi cơ sở cai nghiện chấm sơn la a còng gờ mail chấm com"
    );
    assert_eq!(spoken("xem sonlax.vn"), "Xem sonlax chấm vê en");
    assert!(s.leftovers.is_empty(), "{:?}", s.leftovers);
    // Abbreviations with dots are no addresses.
    assert_eq!(spoken("TP.HCM, v.v."), "Thành phố Hồ Chí Minh, vân vân");
}

#[test]
fn codes_of_letters_and_digits_are_spelled() {
    assert_eq!(spoken("cúm A/H5N1"), "Cúm a hát năm en một");
    assert_eq!(spoken("sóng 5G, bằng lái A1, đội U23"), "Sóng năm gờ, bằng lái a một, đội u hai mươi ba");
    assert_eq!(spoken("xăng RON95-III"), "Xăng rôn chín mươi lăm ba");
    assert_eq!(spoken("biển số 26B1-123.45"), "Biển số hai sáu bê một, một hai ba, bốn năm");
    assert_eq!(spoken("công nghiệp 4.0"), "Công nghiệp bốn chấm không");
    assert_eq!(
        spoken("ISO 9001:2015"),
        "i-sô chín nghìn không trăm linh một năm hai nghìn không trăm mười lăm".replacen('i', "I", 1)
    );
    assert!(leftovers_of("cúm A/H5N1, xăng E5 RON92, Km12+500").is_empty());
}

#[test]
fn an_abbreviation_the_text_defines_is_skipped_then_read_as_its_words() {
    assert_eq!(
        spoken("Phong trào Toàn dân đoàn kết xây dựng đời sống văn hóa (TDĐKXDĐSVH); hưởng ứng TDĐKXDĐSVH."),
        "Phong trào Toàn dân đoàn kết xây dựng đời sống văn hóa; hưởng ứng Toàn dân đoàn kết xây dựng đời sống văn hóa."
    );
    assert!(leftovers_of("Ban Quản lý dự án (BQLDA) và BQLDA").is_empty());
    // Initials that do not match are no definition: reported.
    assert_eq!(leftovers_of("Công ty Điện lực (XKCD)"), ["XKCD"]);
}

#[test]
fn a_single_letter_naming_a_part_is_spelled() {
    assert_eq!(
        spoken("điểm b, khoản 2 Điều 5; khu C, nhà B2"),
        "Điểm bê, khoản hai Điều năm; khu xê, nhà bê hai"
    );
    // Licence classes are letters; a lone C, D, L or M is no Roman numeral there.
    assert_eq!(spoken("bằng lái hạng C, hạng D; hạng III"), "Bằng lái hạng xê, hạng dê; hạng ba");
    // Not inside a word or an abbreviation with a dot.
    assert_eq!(spoken("khu Công nghiệp"), "Khu Công nghiệp");
}

#[test]
fn an_abbreviation_made_of_known_ones_is_read_part_by_part() {
    assert_eq!(
        spoken("BTVTU họp với BCHĐTN xã"),
        "Ban Thường vụ Tỉnh ủy họp với Ban Chấp hành Đoàn Thanh niên xã"
    );
    assert!(leftovers_of("BCĐTU").is_empty());
    // Parts the table does not know stay and are reported.
    assert_eq!(leftovers_of("THCSTT"), ["THCSTT"]);
    // Only names of bodies combine: "hợp tác xã" + "Sở Nội vụ" is no reading of HTXSNVX.
    assert_eq!(leftovers_of("HTXSNVX"), ["HTXSNVX"]);
}

#[test]
fn a_kind_and_issuer_code_without_a_number_is_read() {
    assert_eq!(spoken("ký hiệu NĐ-CP"), "Ký hiệu Nghị định của Chính phủ");
    assert_eq!(spoken("các QĐ-TTg"), "Các Quyết định của Thủ tướng Chính phủ");
    // The drafting unit with digits is not read: "1520/BCA-C06".
    assert_eq!(
        spoken("Công văn số 1520/BCA-C06."),
        "Công văn số một nghìn năm trăm hai mươi của Bộ Công an."
    );
}

#[test]
fn leftover_positions_point_at_the_leftover() {
    let s = speak("Học sinh KTQP và mã 0212-3852.", &north());
    let at: Vec<(String, usize)> = s.leftovers.into_iter().map(|l| (l.what, l.at)).collect();
    assert_eq!(at, [("KTQP".to_owned(), 11), ("0212-3852".to_owned(), 24)]);
}

#[test]
fn capitalised_words_that_look_roman_are_words() {
    assert!(leftovers_of("XỬ LÝ VI PHẠM").is_empty());
    assert!(leftovers_of("III. XỬ LÝ VI PHẠM").is_empty());
    assert_eq!(spoken("XỬ LÝ VI PHẠM HÀNH CHÍNH"), "XỬ LÝ VI PHẠM HÀNH CHÍNH");
    assert_eq!(spoken("IV. TỔ CHỨC THỰC HIỆN"), "Bốn, TỔ CHỨC THỰC HIỆN");
}

#[test]
fn list_items_continue_in_lower_case() {
    assert_eq!(spoken("1. Tiếp tục tuyên truyền."), "Thứ nhất, tiếp tục tuyên truyền.");
    assert_eq!(spoken("(2) Các thôn rà soát."), "Thứ hai, các thôn rà soát.");
    // A name keeps its capital.
    assert_eq!(spoken("3. Ủy ban nhân dân xã"), "Thứ ba, Ủy ban nhân dân xã");
    assert_eq!(
        spoken("4. Phòng Tổ chức - Hành chính - Kế toán chủ trì"),
        "Thứ tư, Phòng Tổ chức Hành chính Kế toán chủ trì"
    );
}

#[test]
fn the_issuer_is_said_once() {
    // Not again when the sentence names it, before or after the number.
    assert_eq!(
        spoken("Thủ tướng Chính phủ đã ban hành Quyết định số 387/QĐ-TTg."),
        "Thủ tướng Chính phủ đã ban hành Quyết định số ba trăm tám mươi bảy."
    );
    assert_eq!(
        spoken("Quyết định số 1373/QĐ-TTg."),
        "Quyết định số một nghìn ba trăm bảy mươi ba của Thủ tướng Chính phủ."
    );
    assert_eq!(
        spoken("UBND tỉnh ban hành Chỉ thị số 03/CT-UBND."),
        "Ủy ban nhân dân tỉnh ban hành Chỉ thị số ba."
    );
    // Named abbreviated: "Sở LĐ-TB&XH" is the Sở Lao động, Thương binh và Xã hội.
    assert_eq!(
        spoken("Sở LĐ-TB&XH ban hành Công văn số 456/SLĐTBXH-PCTNXH."),
        "Sở Lao động, Thương binh và Xã hội ban hành Công văn số bốn trăm năm mươi sáu."
    );
}

#[test]
fn documents_of_one_issuer_listed_together_name_it_once() {
    assert_eq!(
        spoken("Quán triệt Nghị quyết số 66-NQ/TW và 68-NQ/TW."),
        "Quán triệt Nghị quyết số sáu mươi sáu và Nghị quyết số sáu mươi tám của Trung ương."
    );
    // Different issuers are each named.
    assert_eq!(
        spoken("Theo 12/QĐ-UBND và 13/QĐ-TTg."),
        "Theo Quyết định số mười hai của Ủy ban nhân dân và Quyết định số mười ba của Thủ tướng Chính phủ."
    );
}

#[test]
fn a_kind_code_without_a_number_is_read_by_context() {
    assert_eq!(
        spoken("Ban hành kèm theo QĐ này; các NQ của HĐND."),
        "Ban hành kèm theo Quyết định này; các Nghị quyết của Hội đồng nhân dân."
    );
    // A kind code glued to digits is a code, not a citation: "giống lúa BC15".
    assert_eq!(spoken("giống lúa BC15"), "Giống lúa bê xê mười lăm");
    assert!(leftovers_of("giống lúa BC15").is_empty());
}

#[test]
fn known_and_unknown_documents_read_alike() {
    // 1373/QĐ-TTg is known to the test site; 677/QĐ-TTg is not.
    let nobody = |_: &str| None;
    let outside = Options { dialect: Dialect::North, abbreviations: &[], documents: &nobody };
    for text in ["Quyết định số 1373/QĐ-TTg ngày 30/7/2021.", "Theo 1373/QĐ-TTg.", "Kết luận 49-KL/TW."]
    {
        let inside = spoken(text);
        let out = speak(text, &outside).text;
        assert!(!inside.contains("của") || out.contains("của"), "{text}: {inside} / {out}");
        assert_eq!(inside.contains("của"), out.contains("của"), "{text}: {inside} / {out}");
    }
}

#[test]
fn no_digit_slash_or_code_survives_in_the_table() {
    for c in cases(TABLE).into_iter().chain(cases(HELD_OUT)) {
        let got = speak(&c.written, &north()).text;
        if got.chars().any(|ch| ch.is_ascii_digit() || ch == '/') {
            assert!(
                !speak(&c.written, &north()).leftovers.is_empty(),
                "{:?} → {got:?} left digits unreported",
                c.written
            );
        }
    }
}

#[test]
fn arbitrary_input_does_not_panic() {
    // A small deterministic generator over characters the passes care about.
    let alphabet: Vec<char> =
        "0123456789./-–:,;()%&~≥≤+ °²hđĐkmgaAIVXLCDMthứngàyquýKhóaQĐTTgUBND/\u{301}\u{323}ﬁßİ\n\t"
            .chars()
            .collect();
    let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
    for _ in 0..3000 {
        let mut s = String::new();
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        let len = (seed % 40) as usize;
        for _ in 0..len {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            s.push(alphabet[(seed % alphabet.len() as u64) as usize]);
        }
        let out = speak(&s, &north());
        for l in &out.leftovers {
            assert!(l.at <= s.len() * 2, "{s:?}: {l:?}");
        }
    }
}

#[test]
fn arbitrary_runs_of_address_range_roman_and_issuer_pieces_do_not_panic() {
    // Pieces the address, multiplication, month-range, Roman, rank, issuer and run-on
    // marker rules look at, joined at random, with and without spaces.
    let pieces = [
        "sonla",
        ".gov.vn",
        "@",
        "vanphong.",
        "/tin-tuc",
        "https://",
        "www.",
        "-",
        "/",
        "x",
        "×",
        "2",
        "viên",
        "lần",
        "tháng",
        "quý",
        "3-5/2025",
        "I-II/2025",
        "IV",
        "lần thứ",
        "khu vực",
        "xếp thứ",
        "4/12",
        "02/CTrPH",
        "-MTTQ-CA",
        "14-KH/CCB",
        "; b) ",
        "; 2) ",
        "giữa",
        "của",
        ", ",
        "Chỉ thị",
        "05-CT/TW",
        " ",
        "đ",
        "ữ",
    ];
    let mut seed: u64 = 0x2545_F491_4F6C_DD1D;
    for _ in 0..3000 {
        let mut s = String::new();
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        for _ in 0..(seed % 12) {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            s.push_str(pieces[(seed % pieces.len() as u64) as usize]);
            if seed.is_multiple_of(3) {
                s.push(' ');
            }
        }
        let out = speak(&s, &north());
        for l in &out.leftovers {
            assert!(l.at <= s.len() * 2, "{s:?}: {l:?}");
        }
    }
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
    assert_eq!(
        spoken(&nfd),
        "Chỉ thị số mười một của Bộ Chính trị ngày mười ba tháng tư năm hai nghìn không trăm linh bảy"
    );
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

/// "35-37oC" left "35-37" as digits: every unit of the table, glued or spaced, after a
/// number or a range, must leave no digit in the script.
#[test]
fn ranges_glued_to_any_unit_leave_no_digit() {
    for (unit, _) in super::table::units() {
        for text in
            [format!("đạt 3-5{unit} trong"), format!("đạt 3 - 5 {unit} trong"), format!("đạt 12{unit} trong")]
        {
            let got = spoken(&text);
            assert!(!got.chars().any(|c| c.is_ascii_digit()), "{text:?} → {got:?}");
        }
    }
}

/// "CN" is a weekday only where the context says so; elsewhere it is reported with its
/// readings, never guessed.
#[test]
fn cn_outside_a_day_context_is_reported_with_its_readings() {
    assert_eq!(
        spoken("CN, ngày 22/6/2025"),
        "Chủ nhật, ngày hai mươi hai tháng sáu năm hai nghìn không trăm hai mươi lăm"
    );
    assert_eq!(spoken("làm việc thứ 7 và CN"), "Làm việc thứ bảy và chủ nhật");
    assert_eq!(leftovers_of("Có 20 CN tham gia."), ["CN (chủ nhật hay công nghệ hay công nhân?)"]);
}

/// "phí tiêm 50.000đ/con" left "50.000đ" unread: "đ/c" was taken for "đồng chí" even
/// at the start of a longer word. Every money form before every rate word is read.
#[test]
fn money_before_a_rate_slash_is_read() {
    for money in ["50.000đ", "50.000 đ", "50.000 đồng", "50.000 VNĐ", "2 triệu đồng", "500 nghìn đồng"]
    {
        for per in ["con", "cây", "ca", "cái", "chuyến", "cuốn", "liều", "người/ngày", "kg", "tháng"]
        {
            let text = format!("Phí {money}/{per}.");
            let got = speak(&text, &north());
            assert!(got.leftovers.is_empty(), "{text:?} → {:?}", got.leftovers);
            assert!(
                !got.text.contains(|c: char| c.is_ascii_digit() || c == '/'),
                "{text:?} → {:?}",
                got.text
            );
            assert!(got.text.contains("đồng mỗi "), "{text:?} → {:?}", got.text);
        }
    }
    assert_eq!(spoken("Có 15 đ/c tham gia."), "Có mười lăm đồng chí tham gia.");
}

/// "b) Kiểm tra" read "B, kiểm tra": the announcer would say the written letter, not
/// its name. Lettered items say the letter's name ("bê", "xê", "đê"), numbered ones the
/// ordinal; an abbreviation with a dot ("P.", "Q.") is no marker.
#[test]
fn letter_list_markers_are_read_by_the_letters_name() {
    for (marker, name) in [
        ("a)", "A"),
        ("b)", "Bê"),
        ("c)", "Xê"),
        ("d)", "Dê"),
        ("đ)", "Đê"),
        ("e)", "E"),
        ("g)", "Gờ"),
        ("h.", "Hát"),
        ("(k)", "Ca"),
        ("B)", "Bê"),
        ("C.", "Xê"),
    ] {
        assert_eq!(spoken(&format!("{marker} Rà soát đối tượng.")), format!("{name}, rà soát đối tượng."));
    }
    assert_eq!(spoken("1) Rà soát."), "Thứ nhất, rà soát.");
    assert_eq!(spoken("2. Rà soát."), "Thứ hai, rà soát.");
    assert_eq!(spoken("Theo điểm a, b và đ khoản 2."), "Theo điểm a, bê và đê khoản hai.");
    assert_eq!(spoken("P. Chiềng Lề"), "Phường Chiềng Lề");
}

/// "TB 10%" in a list of ratings read "Thông báo"; "ngày/tháng/năm sinh" read "ngày
/// hoặc tháng hoặc năm sinh".
#[test]
fn tb_among_ratings_is_trung_binh_and_a_date_field_has_no_hoac() {
    assert_eq!(
        spoken("Giỏi 20%, Khá 50%, TB 25%, Yếu 5%."),
        "Giỏi hai mươi phần trăm, Khá năm mươi phần trăm, trung bình hai mươi lăm phần trăm, Yếu năm phần trăm."
    );
    assert_eq!(spoken("xếp loại TB"), "Xếp loại trung bình");
    assert_eq!(spoken("Các TB của xã."), "Các Thông báo của xã.");
    assert_eq!(spoken("Ngày/tháng/năm sinh:"), "Ngày tháng năm sinh:");
    assert_eq!(spoken("báo cáo tuần/tháng"), "Báo cáo tuần hoặc tháng");
}
