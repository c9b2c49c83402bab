//! The message catalogue: every user-facing sentence, in Vietnamese and English.
//!
//! The language follows the locale (`LC_ALL`, then `LC_MESSAGES`, then `LANG`):
//! Vietnamese when it starts with `vi`, English otherwise.

use std::sync::OnceLock;

/// The language messages are shown in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    Vi,
    En,
}

/// The language chosen from the environment, decided once per process.
pub fn lang() -> Lang {
    static LANG: OnceLock<Lang> = OnceLock::new();
    *LANG.get_or_init(|| {
        let var = ["LC_ALL", "LC_MESSAGES", "LANG"]
            .iter()
            .filter_map(|k| std::env::var(k).ok())
            .find(|v| !v.is_empty())
            .unwrap_or_default();
        if var.to_ascii_lowercase().starts_with("vi") {
            Lang::Vi
        } else {
            Lang::En
        }
    })
}

/// One message of the catalogue, with its arguments.
pub enum Msg<'a> {
    WarningLabel,
    ErrorLabel,
    CausedBy,
    BuildFailed { errors: usize },
    Built { pages: usize, sections: usize, files: usize, ms: u128 },
    Checked { pages: usize, errors: usize, warnings: usize },
    NotUtf8 { line: usize },
    ReadFailed { path: &'a str },
    ConfigMissing { root: &'a str },
    ConfigInvalid { detail: &'a str },
    UnknownKey { key: &'a str, suggestion: Option<&'a str> },
    FrontMatterUnclosed,
    FrontMatterInvalid { detail: &'a str },
    FrontMatterNotMap,
    BadDate { value: &'a str },
    BadSlug { key: &'a str, value: &'a str },
    DuplicateUrl { url: &'a str, other: &'a str },
    BrokenLink { target: &'a str },
    UnknownTaxonomy { name: &'a str },
    TemplateMissing { name: &'a str },
    TemplateInvalid { detail: &'a str },
    TemplateRender { page: &'a str, template: &'a str },
    ThemeMissing { theme: &'a str },
    OutputNotOurs { dir: &'a str },
    OutputIsSource { dir: &'a str },
    OutputWriteFailed { dir: &'a str },
    InitNotEmpty { dir: &'a str },
    InitDone { dir: &'a str },
    NoteLabel,
    LinkToDraft { target: &'a str },
    DocumentMissing,
    DocumentFieldMissing { field: &'a str },
    DocumentBadNumber { number: &'a str },
    DocumentBadKind { kind: &'a str, suggestion: Option<&'a str> },
    DocumentKindUnknown { number: &'a str },
    DocumentDuplicate { number: &'a str, other: &'a str },
    DocumentCitesLater { number: &'a str, date: &'a str, cited: &'a str, cited_date: &'a str },
    SameElsewhere { count: usize },
    ServeBuilt { files: usize, ms: u128 },
    ServeRebuilt { files: usize, ms: u128 },
    ServeListening { url: &'a str },
    ServeExposed { addr: &'a str },
    ServePortBusy { port: u16 },
    ServeStopped,
    NewUnknownKind { kind: &'a str, kinds: &'a str },
    NewExists { path: &'a str },
    NewCreated { path: &'a str },
    BulletinMissing,
    BulletinOverTarget { time: &'a str, target: &'a str },
    BulletinLeftover { what: &'a str },
    DocumentUnknown { number: &'a str, suggestion: Option<&'a str> },
    // -- #10 read-aloud (speech): add new variants below --

    // -- #11 document numbers: add new variants below --
    DocumentMisspelt { written: &'a str, meant: &'a str },
    DocumentAmbiguous { written: &'a str, fits: &'a str },
    DocumentShortUnknown { written: &'a str },
    DocumentNumberAsPrinted { written: &'a str, printed: &'a str },
    // -- #12 output integrity: add new variants below --
    OutputDiskFull { dir: &'a str, file: &'a str },
    OutputFileFailed { dir: &'a str, file: &'a str, detail: &'a str },
    OutputBusy { dir: &'a str, pid: &'a str },
    OutputCollision { path: &'a str, first: &'a str, second: &'a str },
    ContentMissing { root: &'a str },
    ContentNotFolder { root: &'a str },
    TaxonomyPathBad { value: &'a str },
    OutputOwner { what: &'a str, of: &'a str },
    LinkOutside { link: &'a str, target: &'a str },
    TemplateTooDeep { detail: &'a str },
    TemplateGetEnvOff,
    MoreInFile { count: usize },
    BaseUrlBad { value: &'a str },
    BlockFieldMissing { block: &'a str, field: &'a str },
    BlockNotMap { block: &'a str, fields: &'a str },
    ConfigIsFolder { root: &'a str },
    PaceBad { value: u32, min: u32, max: u32 },
    DocumentCitesItself { number: &'a str },
    FrontMatterToml,
    MarkdownExtension { path: &'a str },
    MenuUrlBad { value: &'a str },
    ControlChars { count: usize, example: &'a str },
    TemplateRangeTooLong { count: u64, max: usize },
    // -- #13 first hour / polish: add new variants below --
    BuiltOutput { dir: &'a str },
    DraftsLeftOut { count: usize },
    BaseUrlExample { url: &'a str },
    SectionWithoutIndex { dir: &'a str, title: &'a str },
    NewDraftHint,
    NewKindFromSection { kind: &'a str, section: &'a str },
    NewTitlePlaceholder { name: &'a str },
    BuildFailedStrict { warnings: usize },
    CheckFailed { errors: usize, warnings: usize },
    YamlHint { hint: crate::yaml_hint::YamlHint },
    IoReason { kind: std::io::ErrorKind },
    CliHelp { id: &'a str },
    CliUnknownArgument { arg: &'a str, suggestion: Option<&'a str> },
    CliUnknownCommand { command: &'a str, suggestion: Option<&'a str> },
    CliMissing { args: &'a str },
    CliInvalidValue { arg: &'a str, value: &'a str, valid: &'a str },
    CliTooMany { value: &'a str },
    CliNoValue { arg: &'a str },
    CliUsageError { detail: &'a str },
    CliMoreInfo,
    ServeOutput,
    TemplateMissingName { what: &'a str, name: &'a str },
    TitlePlaceholder,
    // -- #14 zola/hugo features: add new variants below --
    TemplateNotADate { function: &'a str, text: &'a str },
    TemplateUnknownDateFormat { function: &'a str, style: &'a str },
    TemplateRangeNotWhole { key: &'a str, value: String },
    TemplateRangeNoEnd,
    TemplateRangeStep,
    TemplateNoStylesheet { path: &'a str },
    TemplateStylesheetUnreadable { path: &'a str, error: String },
    TemplateParserFailed,
    I18nInvalid { detail: &'a str },
    I18nNotText { key: &'a str },
    I18nMissing { key: &'a str, lang: &'a str, default: &'a str, file: &'a str },
    I18nUnknown { key: &'a str, template: &'a str },
    I18nNoKey,
    I18nNoTable { lang: &'a str, default: &'a str, file: &'a str },
    ShortcodeUnknown { name: &'a str, suggestion: Option<&'a str>, known: &'a str },
    ShortcodeArgs { name: &'a str },
    ShortcodeUnclosed { name: &'a str },
    ShortcodeMissingArg { name: &'a str, arg: &'a str },
    ShortcodeFailed { name: &'a str, detail: &'a str },
    ShortcodeNoDocument { number: &'a str, suggestion: Option<&'a str> },
    AnchorMissing { link: &'a str, fragment: &'a str, suggestion: Option<&'a str> },
    MenuLinkBroken { url: &'a str, suggestion: Option<&'a str> },
    TemplateLinkBroken { url: &'a str, template: &'a str, suggestion: Option<&'a str> },
    ExternalStatus { url: &'a str, status: u16 },
    ExternalTimeout { url: &'a str, seconds: u64 },
    ExternalNoHost { url: &'a str },
    ExternalNoConnection { url: &'a str },
    ExternalFailed { url: &'a str },
    ExternalUnchecked { url: &'a str, seconds: u64 },
    ExternalSummary { links: usize, broken: usize, unchecked: usize },
    HeadingAnchorLabel,
    ImageKind,
    ImageHuge { size: &'a str, max: u64 },
    ImageFailed { path: &'a str, detail: &'a str },
    ImageNoAlt { src: &'a str },
    ResizeUnknown { path: &'a str },
    DataPathOutside { path: &'a str },
    DataFormat { path: &'a str },
    DataMissing { path: &'a str },
    DataInvalid { path: &'a str, detail: &'a str },
    GetPageUnknown { path: &'a str, suggestion: Option<&'a str> },
    ConfigFileMissing { path: &'a str },
    ConfigOverlayMissing { env: &'a str, path: &'a str },
    ConfigOtherFormat { name: &'a str, format: &'a str },
    SlugReserved { slug: &'a str, safe: &'a str },
    BackslashLink { link: &'a str, fixed: &'a str },
    FileNameReserved { name: &'a str },
    FileNameChar { name: &'a str, c: &'a str },
    FileNameEnd { name: &'a str },
    PathTooLong { path: &'a str, len: usize, max: usize },
    CaseOnlyDifference { path: &'a str, other: &'a str, other_file: &'a str },
    FeedFilenameUnknown { name: &'a str, known: &'a str },
    FootnoteBackLabel,
    // -- #15 performance: add new variants below --
    PageItemHtmlOutside,
    PageItemHtmlUnknown { url: &'a str },
    // -- #15 template rendering --
    RenderOnceOutside,
    RenderOnceNoTemplate,

    // -- #16 import: add new variants below --
    ImportAbout,
    ImportFilesHelp,
    ImportSectionHelp,
    ImportRootHelp,
    ImportOldWord { path: &'a str },
    ImportBadFile { path: &'a str, what: &'a str },
    ImportNotText { path: &'a str },
    ImportNeedsOcr { path: &'a str, command: &'a str },
    ImportDone { source: &'a str, written: &'a str, format: &'a str },
    ImportFailed { failed: usize, total: usize },
    ImportNoSite { root: &'a str },
    ImportSiteUnread { root: &'a str, detail: &'a str },
    ImportOcrNumber { printed: &'a str, suggestion: &'a str },
    ImportOcrWord { found: &'a str, suggestion: &'a str },
    ImportCitesLater { number: &'a str, date: &'a str, issued: &'a str },
    ImportNoPage { number: &'a str, suggestion: Option<&'a str> },
    // -- #17 audio: add new variants below --
    AudioEngineMissing { program: &'a str, package: Option<&'a str>, count: usize },
    AudioEncoderMissing { program: &'a str, package: Option<&'a str>, count: usize },
    AudioEngineFailed { command: &'a str, detail: &'a str },
    AudioEncoderFailed { command: &'a str, detail: &'a str },
    AudioEngineInvalid { detail: &'a str },
    AudioCacheFailed { dir: &'a str, detail: &'a str },
    SpeakAbout,
    SpeakFileHelp,
    SpeakOutputHelp,
    SpeakFormatHelp,
    SpeakRootHelp,
    SpeakWrote { path: &'a str, seconds: u64 },
    SpeakToTerminal,
    AudioTimedOut { seconds: u64 },
    AudioSettingShape,
    AudioEngineUnsplit { engine: &'a str },
    AudioCount { count: usize },
    SpeakToolMissing { program: &'a str, package: Option<&'a str>, engine: bool },
    AudioExit { code: &'a str, last: &'a str },
    AudioNoOutput { path: &'a str },
    AudioEmptyScript,
    AudioBadWav { problem: crate::audio::wav::Problem },
    // -- #18 content: add new variants below --
}

/// The text of `msg` in the current language.
pub fn text(msg: Msg) -> String {
    text_in(lang(), msg)
}

/// The text of `msg` in `lang`.
pub fn text_in(lang: Lang, msg: Msg) -> String {
    use Lang::*;
    use Msg::*;
    match (msg, lang) {
        (WarningLabel, Vi) => "cảnh báo".into(),
        (WarningLabel, En) => "warning".into(),
        (ErrorLabel, Vi) => "lỗi".into(),
        (ErrorLabel, En) => "error".into(),
        (CausedBy, Vi) => "nguyên nhân".into(),
        (CausedBy, En) => "caused by".into(),
        (BuildFailed { errors }, Vi) => {
            format!("không dựng được trang web: {errors} lỗi; thư mục kết quả cũ được giữ nguyên")
        }
        (BuildFailed { errors }, En) => format!(
            "build failed with {errors} error{}; the previous output was left as it was",
            plural(errors)
        ),
        (Built { pages, sections, files, ms }, Vi) => {
            format!("Đã dựng {pages} trang, {sections} chuyên mục, {files} tệp trong {ms} ms")
        }
        (Built { pages, sections, files, ms }, En) => format!(
            "Built {pages} page{}, {sections} section{}, {files} file{} in {ms} ms",
            plural(pages),
            plural(sections),
            plural(files)
        ),
        (Checked { pages, errors, warnings }, Vi) => {
            format!("Đã kiểm tra {pages} trang: {errors} lỗi, {warnings} cảnh báo")
        }
        (Checked { pages, errors, warnings }, En) => format!(
            "Checked {pages} page{}: {errors} error{}, {warnings} warning{}",
            plural(pages),
            plural(errors),
            plural(warnings)
        ),
        (NotUtf8 { line }, Vi) => format!(
            "tệp không phải mã UTF-8 (byte lạ ở dòng {line}); hãy mở tệp và lưu lại với mã hóa UTF-8 \
             (Notepad: Tệp › Lưu thành › Mã hóa: UTF-8; Word: Lưu thành › Văn bản thuần › Unicode UTF-8)"
        ),
        (NotUtf8 { line }, En) => format!(
            "file is not UTF-8 (bad byte on line {line}); open it and save it again with UTF-8 encoding \
             (Notepad: File › Save As › Encoding: UTF-8)"
        ),
        (ReadFailed { path }, Vi) => format!("không đọc được `{path}`"),
        (ReadFailed { path }, En) => format!("failed to read `{path}`"),
        (ConfigMissing { root }, Vi) => format!(
            "không có `config.yaml` trong `{root}`; chạy `loa init THƯ_MỤC` để tạo trang mới, hoặc dùng `--root`"
        ),
        (ConfigMissing { root }, En) => format!(
            "no `config.yaml` in `{root}`; run `loa init DIR` to create a site, or pass `--root`"
        ),
        (ConfigInvalid { detail }, Vi) => format!("cấu hình không hợp lệ: {detail}"),
        (ConfigInvalid { detail }, En) => format!("invalid configuration: {detail}"),
        (UnknownKey { key, suggestion }, Vi) => match suggestion {
            Some(s) => format!("khóa lạ `{key}` (bị bỏ qua); có phải ý bạn là `{s}`?"),
            None => format!("khóa lạ `{key}` (bị bỏ qua)"),
        },
        (UnknownKey { key, suggestion }, En) => match suggestion {
            Some(s) => format!("unknown key `{key}` (ignored); did you mean `{s}`?"),
            None => format!("unknown key `{key}` (ignored)"),
        },
        (FrontMatterUnclosed, Vi) => {
            "phần đầu trang mở bằng `---` nhưng không đóng; thêm một dòng `---` sau phần đầu trang".into()
        }
        (FrontMatterUnclosed, En) => {
            "front matter opened with `---` is never closed; add a line `---` after it".into()
        }
        (FrontMatterInvalid { detail }, Vi) => format!("phần đầu trang không hợp lệ: {detail}"),
        (FrontMatterInvalid { detail }, En) => format!("invalid front matter: {detail}"),
        (FrontMatterNotMap, Vi) => {
            "phần đầu trang phải là các dòng `khóa: giá trị` (ví dụ `title: Tiêu đề`)".into()
        }
        (FrontMatterNotMap, En) => {
            "front matter must be `key: value` lines (for example `title: My title`)".into()
        }
        (BadDate { value }, Vi) => format!(
            "ngày `{value}` không hợp lệ; viết theo dạng 2007-04-13 hoặc 13/04/2007"
        ),
        (BadDate { value }, En) => format!(
            "invalid date `{value}`; write it as 2007-04-13 or 13/04/2007 (day first)"
        ),
        (BadSlug { key, value }, Vi) => format!(
            "`{key}: {value}` sẽ ra ngoài thư mục kết quả hoặc rỗng; dùng tên đơn giản như `chi-thi-11`"
        ),
        (BadSlug { key, value }, En) => format!(
            "`{key}: {value}` would leave the output folder or is empty; use a plain name such as `chi-thi-11`"
        ),
        (DuplicateUrl { url, other }, Vi) => format!(
            "trang này và `{other}` cùng có địa chỉ `{url}`; hãy đổi `slug` của một trong hai"
        ),
        (DuplicateUrl { url, other }, En) => format!(
            "this page and `{other}` both map to `{url}`; change the `slug` of one of them"
        ),
        (BrokenLink { target }, Vi) => format!(
            "liên kết `{target}` không trỏ tới trang hay tệp nào của trang web; kiểm tra lại đường dẫn \
             (tính từ tệp này, hoặc dạng `@/chuyen-muc/trang.md`)"
        ),
        (BrokenLink { target }, En) => format!(
            "link `{target}` points at nothing in the site; check the path \
             (relative to this file, or `@/section/page.md`)"
        ),
        (UnknownTaxonomy { name }, Vi) => format!(
            "phân loại `{name}` chưa khai báo trong `config.yaml` (mục `taxonomies`); bị bỏ qua"
        ),
        (UnknownTaxonomy { name }, En) => format!(
            "taxonomy `{name}` is not declared in `config.yaml` (`taxonomies`); ignored"
        ),
        (TemplateMissing { name }, Vi) => format!(
            "không có mẫu `{name}` trong `templates/` của trang web hay của giao diện"
        ),
        (TemplateMissing { name }, En) => {
            format!("no template `{name}` in the site's or the theme's `templates/`")
        }
        (TemplateInvalid { detail }, Vi) => format!(
            "mẫu trang có lỗi cú pháp ở chỗ đánh dấu `^`; kiểm tra các cặp `{{{{ }}}}`, `{{% %}}` và `{{% end… %}}` (Tera: {detail})"
        ),
        (TemplateInvalid { detail }, En) => format!(
            "template syntax error at the `^`; check the pairs `{{{{ }}}}`, `{{% %}}` and `{{% end… %}}` (Tera: {detail})"
        ),
        (TemplateRender { page, template }, Vi) => {
            format!("lỗi khi dựng `{page}` bằng mẫu `{template}`")
        }
        (TemplateRender { page, template }, En) => {
            format!("failed to render `{page}` with template `{template}`")
        }
        (ThemeMissing { theme }, Vi) => format!(
            "không tìm thấy giao diện `{theme}` trong `themes/`; sửa khóa `theme` trong `config.yaml`"
        ),
        (ThemeMissing { theme }, En) => format!(
            "theme `{theme}` not found in `themes/`; fix `theme` in `config.yaml`"
        ),
        (OutputNotOurs { dir }, Vi) => format!(
            "không ghi đè `{dir}`: thư mục này có nội dung mà loa không tạo ra; chọn `--output` khác hoặc tự dọn thư mục"
        ),
        (OutputNotOurs { dir }, En) => format!(
            "refusing to replace `{dir}`: it is not empty and was not created by loa; choose another `--output` or empty it yourself"
        ),
        (OutputIsSource { dir }, Vi) => format!(
            "không thể ghi kết quả vào `{dir}`: đó là thư mục gốc, thư mục nguồn hoặc thư mục cha của trang web"
        ),
        (OutputIsSource { dir }, En) => format!(
            "refusing to write output to `{dir}`: it is the site root, a source folder, or a parent of the root"
        ),
        (OutputWriteFailed { dir }, Vi) => format!("không ghi được kết quả vào `{dir}`"),
        (OutputWriteFailed { dir }, En) => format!("failed to write the output to `{dir}`"),
        (InitNotEmpty { dir }, Vi) => {
            format!("`{dir}` đã có nội dung; `loa init` chỉ tạo trang trong thư mục trống")
        }
        (InitNotEmpty { dir }, En) => {
            format!("`{dir}` is not empty; `loa init` only creates a site in an empty folder")
        }
        (InitDone { dir }, Vi) => format!(
            "Đã tạo trang web mới trong `{dir}`. Tiếp theo: cd {dir} && loa serve --open (xem trước trong trình duyệt)"
        ),
        (InitDone { dir }, En) => {
            format!("Created a new site in `{dir}`. Next: cd {dir} && loa serve --open (preview in the browser)")
        }
        (NoteLabel, Vi) => "ghi chú".into(),
        (NoteLabel, En) => "note".into(),
        (LinkToDraft { target }, Vi) => format!(
            "liên kết `{target}` trỏ tới một bản nháp (`draft: true`) chưa được đăng; bỏ `draft: true` ở trang đó hoặc bỏ liên kết"
        ),
        (LinkToDraft { target }, En) => format!(
            "link `{target}` points at a draft (`draft: true`) that is not published; remove `draft: true` there or remove the link"
        ),
        (DocumentMissing, Vi) => "trang văn bản thiếu khối `document:` (number, kind, issuer, issued)".into(),
        (DocumentMissing, En) => {
            "document page has no `document:` block (number, kind, issuer, issued)".into()
        }
        (DocumentFieldMissing { field }, Vi) => format!("khối `document:` thiếu trường bắt buộc `{field}`"),
        (DocumentFieldMissing { field }, En) => format!("`document:` is missing the required field `{field}`"),
        (DocumentBadNumber { number }, Vi) => format!(
            "số, ký hiệu `{number}` không đúng dạng; viết như 11-CT/TW (văn bản Đảng) hoặc 1373/QĐ-TTg (văn bản nhà nước)"
        ),
        (DocumentBadNumber { number }, En) => format!(
            "document number `{number}` is not well formed; write it like 11-CT/TW (Party) or 1373/QĐ-TTg (state)"
        ),
        (DocumentBadKind { kind, suggestion }, Vi) => match suggestion {
            Some(s) => format!("loại văn bản `{kind}` không rõ; có phải ý bạn là `{s}`?"),
            None => format!("loại văn bản `{kind}` không rõ (ví dụ: chi-thi, ket-luan, quyet-dinh, ke-hoach, cong-van)"),
        },
        (DocumentBadKind { kind, suggestion }, En) => match suggestion {
            Some(s) => format!("unknown document kind `{kind}`; did you mean `{s}`?"),
            None => format!("unknown document kind `{kind}` (for example chi-thi, ket-luan, quyet-dinh, ke-hoach, cong-van)"),
        },
        (DocumentKindUnknown { number }, Vi) => format!(
            "không suy ra được loại văn bản từ số `{number}`; thêm `kind:` (ví dụ `kind: cong-van`)"
        ),
        (DocumentKindUnknown { number }, En) => format!(
            "cannot tell the kind of document from `{number}`; add `kind:` (for example `kind: cong-van`)"
        ),
        (DocumentDuplicate { number, other }, Vi) => format!("số `{number}` đã dùng cho văn bản `{other}`"),
        (DocumentDuplicate { number, other }, En) => format!("document number `{number}` is also used by `{other}`"),
        (DocumentCitesLater { number, date, cited, cited_date }, Vi) => format!(
            "`{number}` (ngày {date}) dẫn chiếu `{cited}` ban hành sau nó (ngày {cited_date}); kiểm tra lại ngày của hai văn bản"
        ),
        (DocumentCitesLater { number, date, cited, cited_date }, En) => format!(
            "`{number}` ({date}) cites `{cited}`, which was issued later ({cited_date}); check the dates of both"
        ),
        (DocumentUnknown { number, suggestion }, Vi) => match suggestion {
            Some(s) => format!("số văn bản `{number}` không có trong trang; có phải ý bạn là `{s}`?"),
            None => format!("văn bản `{number}` chưa có trang riêng nên không được liên kết"),
        },
        (DocumentUnknown { number, suggestion }, En) => match suggestion {
            Some(s) => format!("unknown document number `{number}`; did you mean `{s}`?"),
            None => format!("document `{number}` has no page in the site, so it is not linked"),
        },
        (SameElsewhere { count }, Vi) => format!("… và {count} tệp khác có cùng cảnh báo này"),
        (SameElsewhere { count }, En) => {
            format!("… and {count} more file{} with the same warning", plural(count))
        }
        (ServeBuilt { files, ms }, Vi) => format!("Đã dựng {files} tệp trong bộ nhớ ({ms} ms)"),
        (ServeBuilt { files, ms }, En) => format!("Built {files} file{} in memory ({ms} ms)", plural(files)),
        (ServeRebuilt { files, ms }, Vi) => format!("Đã cập nhật {files} tệp trong {ms} ms"),
        (ServeRebuilt { files, ms }, En) => format!("Rebuilt {files} file{} in {ms} ms", plural(files)),
        (ServeListening { url }, Vi) => format!("Đang phục vụ tại {url} (Ctrl-C để dừng)"),
        (ServeListening { url }, En) => format!("Serving at {url} (Ctrl-C to stop)"),
        (ServeExposed { addr }, Vi) => format!(
            "đang nghe trên {addr}: các máy khác trong mạng cũng xem được bản xem trước này"
        ),
        (ServeExposed { addr }, En) => {
            format!("listening on {addr}: other machines on the network can see this preview")
        }
        (ServePortBusy { port }, Vi) => format!("cổng {port} đang bận, thử cổng tiếp theo"),
        (ServePortBusy { port }, En) => format!("port {port} is busy, trying the next one"),
        (ServeStopped, Vi) => "Đã dừng.".into(),
        (ServeStopped, En) => "Stopped.".into(),
        (NewUnknownKind { kind, kinds }, Vi) => format!("không có mẫu `{kind}`; chọn một trong: {kinds}"),
        (NewUnknownKind { kind, kinds }, En) => format!("no archetype `{kind}`; choose one of: {kinds}"),
        (NewExists { path }, Vi) => format!("`{path}` đã có; loa không ghi đè, hãy chọn tên khác"),
        (NewExists { path }, En) => format!("`{path}` already exists; loa does not overwrite it, choose another name"),
        (NewCreated { path }, Vi) => format!("Đã tạo `{path}`. Mở tệp, điền thông tin rồi chạy loa serve để xem."),
        (NewCreated { path }, En) => format!("Created `{path}`. Open it, fill it in, then run loa serve to see it."),
        (BulletinMissing, Vi) => {
            "trang bản tin thiếu khối `bulletin:` (air_date, slot, target_minutes)".into()
        }
        (BulletinMissing, En) => "bulletin page has no `bulletin:` block (air_date, slot, target_minutes)".into(),
        (BulletinOverTarget { time, target }, Vi) => format!(
            "bản tin đọc mất khoảng {time}, quá thời lượng {target} phút; rút gọn bài hoặc tăng `target_minutes`"
        ),
        (BulletinOverTarget { time, target }, En) => format!(
            "the bulletin takes about {} to read, over its target of {target} minute{}; shorten it or raise `target_minutes`",
            // The duration is written for the Vietnamese page: "2 phút 5 giây".
            time.replace(" phút", " min").replace(" giây", " s"),
            if target == "1" { "" } else { "s" }
        ),
        (BulletinLeftover { what }, Vi) => format!(
            "kịch bản đọc còn `{what}`, người đọc dễ vấp; viết ra thành chữ, hoặc thêm vào `broadcast.abbreviations` trong config.yaml"
        ),
        (BulletinLeftover { what }, En) => format!(
            "the reading script still has `{what}`, which a reader would stumble over; write it out, or add it to `broadcast.abbreviations` in config.yaml"
        ),

        // -- #10 read-aloud (speech): add new arms below --

        // -- #11 document numbers: add new arms below --
        (DocumentMisspelt { written, meant }, Vi) => format!(
            "`{written}` được hiểu là `{meant}` và đã liên kết tới văn bản đó; hãy sửa lại thành `{meant}`"
        ),
        (DocumentMisspelt { written, meant }, En) => {
            format!("`{written}` is taken to mean `{meant}` and linked to it; correct it to `{meant}`")
        }
        (DocumentAmbiguous { written, fits }, Vi) => format!(
            "`{written}` khớp với nhiều văn bản (`{fits}`) nên không được liên kết; hãy ghi đủ số, ký hiệu"
        ),
        (DocumentAmbiguous { written, fits }, En) => format!(
            "`{written}` fits several documents (`{fits}`), so it is not linked; write the full number"
        ),
        (DocumentNumberAsPrinted { written, printed }, Vi) => format!(
            "số văn bản `{written}` được hiển thị là `{printed}`; hãy ghi `number:` đúng như in trên văn bản"
        ),
        (DocumentNumberAsPrinted { written, printed }, En) => format!(
            "document number `{written}` is shown as `{printed}`; write `number:` as printed on the document"
        ),
        (DocumentShortUnknown { written }, Vi) => format!(
            "`{written}` không khớp văn bản nào của trang nên không được liên kết; hãy thêm trang văn bản hoặc ghi đủ số, ký hiệu"
        ),
        (DocumentShortUnknown { written }, En) => format!(
            "`{written}` matches no document of the site, so it is not linked; add the document's page or write its full number"
        ),

        // -- #12 output integrity: add new arms below --
        (FrontMatterToml, Vi) => "phần đầu trang kiểu TOML (`+++`) không được hỗ trợ; viết bằng YAML giữa hai dòng `---` (ví dụ `title: Tiêu đề`)".into(),
        (FrontMatterToml, En) => "TOML front matter (`+++`) is not supported; write YAML between two `---` lines (for example `title: My title`)".into(),
        (MarkdownExtension { path }, Vi) => format!(
            "`{path}` không được dựng thành trang (loa chỉ đọc tệp `.md` viết thường); đổi đuôi tệp thành `.md`"
        ),
        (MarkdownExtension { path }, En) => format!(
            "`{path}` is not built as a page (loa reads only lowercase `.md` files); rename it to end in `.md`"
        ),
        (BlockFieldMissing { block, field }, Vi) => format!("khối `{block}:` thiếu trường bắt buộc `{field}`"),
        (BlockFieldMissing { block, field }, En) => format!("`{block}:` is missing the required field `{field}`"),
        (BlockNotMap { block, fields }, Vi) => format!(
            "`{block}:` phải là một khối các dòng `khóa: giá trị` thụt vào bên dưới ({fields})"
        ),
        (BlockNotMap { block, fields }, En) => format!(
            "`{block}:` must be a block of indented `key: value` lines below it ({fields})"
        ),
        (ConfigIsFolder { root }, Vi) => format!(
            "`config.yaml` trong `{root}` là một thư mục, không phải tệp; đổi tên thư mục đó và tạo tệp `config.yaml`"
        ),
        (ConfigIsFolder { root }, En) => format!(
            "`config.yaml` in `{root}` is a folder, not a file; rename that folder and create a `config.yaml` file"
        ),
        (PaceBad { value, min, max }, Vi) => format!(
            "`syllables_per_minute: {value}` không hợp lý; người đọc đọc từ {min} đến {max} âm tiết mỗi phút (mặc định 233)"
        ),
        (PaceBad { value, min, max }, En) => format!(
            "`syllables_per_minute: {value}` is not a reading pace; people read {min} to {max} syllables a minute (default 233)"
        ),
        (DocumentCitesItself { number }, Vi) => format!(
            "văn bản này tự trích dẫn chính nó (`{number}` trong `cites`); bỏ số này hoặc sửa thành số văn bản được trích"
        ),
        (DocumentCitesItself { number }, En) => format!(
            "this document cites itself (`{number}` in `cites`); remove it or correct it to the cited document's number"
        ),
        (BaseUrlBad { value }, Vi) => format!(
            "`base_url: {value}` không hợp lệ; viết địa chỉ đầy đủ bắt đầu bằng https:// hoặc http://, không có `?`, `#`, dấu cách hay dấu ngoặc kép, ví dụ `https://sonla.example.vn/`"
        ),
        (BaseUrlBad { value }, En) => format!(
            "`base_url: {value}` is not valid; write a full address starting with https:// or http://, without `?`, `#`, spaces or quotes, for example `https://sonla.example.vn/`"
        ),
        (MenuUrlBad { value }, Vi) => format!(
            "liên kết menu `{value}` không hợp lệ; dùng đường dẫn như `/gioi-thieu/` hoặc địa chỉ https://, không có dấu cách, dấu ngoặc kép hay `<>`"
        ),
        (MenuUrlBad { value }, En) => format!(
            "menu link `{value}` is not valid; use a path such as `/gioi-thieu/` or an https:// address, without spaces, quotes or `<>`"
        ),
        (ControlChars { count, example }, Vi) => format!(
            "bỏ {count} ký tự điều khiển không in được (như {example}, thường do dán từ Word) khỏi tệp này; chúng làm hỏng atom.xml và sitemap.xml"
        ),
        (ControlChars { count, example }, En) => format!(
            "removed {count} invisible control character(s) (such as {example}, often pasted from Word) from this file; they break atom.xml and sitemap.xml"
        ),
        (MoreInFile { count }, Vi) => format!("… và {count} lỗi/cảnh báo nữa trong tệp này (sửa các lỗi trên rồi chạy lại để xem)"),
        (MoreInFile { count }, En) => format!("… and {count} more in this file (fix the ones above and run again to see them)"),
        (TemplateTooDeep { detail }, Vi) => format!(
            "mẫu trang sẽ gọi lại chính nó mãi hoặc lồng quá sâu ({detail}); bỏ vòng lặp gọi lại hoặc tách bớt các khối lồng nhau"
        ),
        (TemplateTooDeep { detail }, En) => format!(
            "the template would call itself forever or nests too deep ({detail}); remove the recursion or flatten the nesting"
        ),
        (TemplateGetEnvOff, Vi) => "`get_env` bị tắt trong loa: mẫu trang không được đọc biến môi trường; ghi giá trị vào `extra` trong config.yaml".into(),
        (TemplateGetEnvOff, En) => "`get_env` is turned off in loa: templates may not read environment variables; put the value in `extra` in config.yaml".into(),
        (TemplateRangeTooLong { count, max }, Vi) => format!(
            "`range` tạo {count} phần tử, quá giới hạn {max}; dùng khoảng nhỏ hơn"
        ),
        (TemplateRangeTooLong { count, max }, En) => format!(
            "`range` would make {count} items, over the limit of {max}; use a smaller range"
        ),
        (LinkOutside { link, target }, Vi) => format!(
            "`{link}` là liên kết tới `{target}`, ngoài thư mục trang web (hoặc không tồn tại); bị bỏ qua. Hãy chép tệp vào trong trang web"
        ),
        (LinkOutside { link, target }, En) => format!(
            "`{link}` is a link to `{target}`, outside the site (or missing); skipped. Copy the files into the site instead"
        ),
        (OutputOwner { what, of }, lang) => {
            let row = OUTPUT_OWNERS.iter().find(|r| r.0 == what).unwrap_or(&OUTPUT_OWNERS[0]);
            let text = if lang == Vi { row.1 } else { row.2 };
            text.replace("{of}", of)
        }
        (OutputDiskFull { dir, file }, Vi) => format!(
            "ổ đĩa đã đầy khi ghi `{file}` vào `{dir}`; `{dir}` không bị thay đổi. Giải phóng dung lượng rồi dựng lại"
        ),
        (OutputDiskFull { dir, file }, En) => format!(
            "the disk is full (writing `{file}` for `{dir}`); `{dir}` was not changed. Free some space and build again"
        ),
        (OutputFileFailed { dir, file, detail }, Vi) => format!(
            "không ghi được `{file}` vào `{dir}` ({detail}); `{dir}` không bị thay đổi. Kiểm tra quyền ghi của thư mục"
        ),
        (OutputFileFailed { dir, file, detail }, En) => format!(
            "failed to write `{file}` for `{dir}` ({detail}); `{dir}` was not changed. Check that the folder is writable"
        ),
        (OutputBusy { dir, pid }, Vi) => format!(
            "một lệnh `loa build` khác (tiến trình {pid}) đang ghi `{dir}`; đang chờ nó xong…"
        ),
        (OutputBusy { dir, pid }, En) => format!(
            "another `loa build` (process {pid}) is writing `{dir}`; waiting for it to finish…"
        ),
        (OutputCollision { path, first, second }, Vi) => format!(
            "{first} và {second} cùng ghi ra `{path}`; mỗi tệp kết quả chỉ có một nguồn: đổi tên tệp, `slug` hoặc `path` của một trong hai"
        ),
        (OutputCollision { path, first, second }, En) => format!(
            "{first} and {second} both write `{path}`; every output file has one source: rename one of them or change its `slug` or `path`"
        ),
        (ContentMissing { root }, Vi) => format!(
            "không có thư mục `content/` trong `{root}`; tạo nó (hoặc chạy `loa init`), hoặc chọn đúng `--root`"
        ),
        (ContentMissing { root }, En) => format!(
            "there is no `content/` folder in `{root}`; create it (or run `loa init`), or pass the right `--root`"
        ),
        (ContentNotFolder { root }, Vi) => format!(
            "`content` trong `{root}` là một tệp, không phải thư mục; đổi tên nó và tạo thư mục `content/`"
        ),
        (ContentNotFolder { root }, En) => format!(
            "`content` in `{root}` is a file, not a folder; rename it and create a `content/` folder"
        ),
        (TaxonomyPathBad { value }, Vi) => format!(
            "`path: {value}` của phân loại sẽ ra ngoài thư mục kết quả hoặc rỗng; dùng tên đơn giản như `tu-khoa`"
        ),
        (TaxonomyPathBad { value }, En) => format!(
            "taxonomy `path: {value}` would leave the output folder or is empty; use a plain name such as `tu-khoa`"
        ),

        // -- #13 first hour / polish: add new arms below --
        (BuiltOutput { dir }, Vi) => format!(
            "Kết quả ở `{dir}`: mở `{dir}/index.html` bằng trình duyệt, hoặc chép cả thư mục lên USB hay máy chủ."
        ),
        (BuiltOutput { dir }, En) => format!(
            "Output in `{dir}`: open `{dir}/index.html` in a browser, or copy the whole folder to a USB stick or a server."
        ),
        (DraftsLeftOut { count }, Vi) => format!(
            "{count} bản nháp (`draft: true`) không được đưa vào; đổi thành `draft: false` để đăng, \
             hoặc thêm `--drafts` để xem trước"
        ),
        (DraftsLeftOut { count }, En) => format!(
            "{count} draft{} (`draft: true`) left out; change {} to `draft: false` to publish, \
             or add `--drafts` to preview",
            plural(count),
            if count == 1 { "it" } else { "them" }
        ),
        (BaseUrlExample { url }, Vi) => format!(
            "`base_url` vẫn là địa chỉ mẫu `{url}`, sẽ bị ghi vào sitemap.xml, robots.txt và atom.xml; \
             sửa `base_url` trong config.yaml thành địa chỉ thật của trang (hoặc dùng `--base-url`)"
        ),
        (BaseUrlExample { url }, En) => format!(
            "`base_url` is still the example `{url}`, which ends up in sitemap.xml, robots.txt and atom.xml; \
             set `base_url` in config.yaml to the site's real address (or pass `--base-url`)"
        ),
        (SectionWithoutIndex { dir, title }, Vi) => format!(
            "thư mục `{dir}/` chưa có `_index.md`, nên menu gọi chuyên mục này là “{title}”; \
             tạo `content/{dir}/_index.md` với ba dòng `---`, `title: \"Tên chuyên mục có dấu\"`, `---`"
        ),
        (SectionWithoutIndex { dir, title }, En) => format!(
            "folder `{dir}/` has no `_index.md`, so the menu calls this section “{title}”; \
             create `content/{dir}/_index.md` with the three lines `---`, `title: \"Section name\"`, `---`"
        ),
        (NewDraftHint, Vi) => "Trang mới là bản nháp (`draft: true`) nên chưa hiện trên trang web: \
             đổi `draft: false` khi muốn đăng, hoặc chạy `loa serve --drafts` để xem trước."
            .into(),
        (NewDraftHint, En) => "The new page is a draft (`draft: true`), so it is not on the site yet: \
             change it to `draft: false` to publish, or run `loa serve --drafts` to preview it."
            .into(),
        (NewKindFromSection { kind, section }, Vi) => {
            format!("Loại trang: {kind} (suy ra từ thư mục `{section}/`).")
        }
        (NewKindFromSection { kind, section }, En) => {
            format!("Kind: {kind} (from the folder `{section}/`).")
        }
        (NewTitlePlaceholder { name }, Vi) => format!("VIẾT TIÊU ĐỀ CÓ DẤU ({name})"),
        (NewTitlePlaceholder { name }, En) => format!("WRITE THE TITLE ({name})"),
        (BuildFailedStrict { warnings }, Vi) => format!(
            "không dựng được trang web: {warnings} cảnh báo bị coi là lỗi (`--strict`); thư mục kết quả cũ được giữ nguyên"
        ),
        (BuildFailedStrict { warnings }, En) => format!(
            "build failed: {warnings} warning{} treated as error{} (`--strict`); the previous output was left as it was",
            plural(warnings),
            plural(warnings)
        ),
        (CheckFailed { errors, warnings }, Vi) => {
            format!("Kiểm tra xong: {errors} lỗi, {warnings} cảnh báo")
        }
        (CheckFailed { errors, warnings }, En) => format!(
            "Checked: {errors} error{}, {warnings} warning{}",
            plural(errors),
            plural(warnings)
        ),
        (YamlHint { hint }, lang) => crate::yaml_hint::text(hint, lang),
        (IoReason { kind }, lang) => {
            use std::io::ErrorKind as K;
            // What the system's own (English) error means, in the user's words.
            const REASONS: &[(K, &str, &str)] = &[
                (K::NotFound, "không có tệp hay thư mục này", "there is no such file or folder"),
                (
                    K::PermissionDenied,
                    "không có quyền đọc hay ghi ở đây; kiểm tra quyền của thư mục, hoặc chọn thư mục khác",
                    "no permission to read or write here; check the folder's permissions or choose another",
                ),
                (K::AlreadyExists, "đã có tệp hay thư mục trùng tên", "a file or folder of that name already exists"),
                (K::NotADirectory, "đường dẫn này là một tệp, không phải thư mục", "this path is a file, not a folder"),
                (K::IsADirectory, "đường dẫn này là một thư mục, không phải tệp", "this path is a folder, not a file"),
                (K::InvalidData, "nội dung tệp không đọc được (có phải UTF-8?)", "the file's contents cannot be read (is it UTF-8?)"),
                (K::AddrInUse, "cổng này đang được chương trình khác dùng; thử `--port` khác", "the port is used by another program; try another `--port`"),
                (K::AddrNotAvailable, "máy này không có địa chỉ đó; dùng `--bind 127.0.0.1`", "this machine has no such address; use `--bind 127.0.0.1`"),
            ];
            let found = REASONS.iter().find(|(k, _, _)| *k == kind);
            let (vi, en) = found.map_or(("lỗi của hệ điều hành", "an error from the operating system"), |r| (r.1, r.2));
            if lang == Vi { vi.into() } else { en.into() }
        }
        (CliHelp { id }, lang) => {
            // (id, Vietnamese, English): `cmd`, `cmd.usage`, `cmd.examples`, `cmd.arg`,
            // `value.arg` (the value's name), `heading.*`.
            const HELP: &[(&str, &str, &str)] = &[
                ("loa", "loa — dựng trang thông tin và bản tin phát thanh từ các tệp Markdown.",
                 "loa — builds a public-information site and loudspeaker bulletins from Markdown files."),
                ("loa.usage", "loa LỆNH [TÙY_CHỌN]", "loa COMMAND [OPTIONS]"),
                ("loa.examples", "Ví dụ:\n  loa init trang-cua-toi                 tạo trang web mới trong thư mục trang-cua-toi\n  cd trang-cua-toi && loa serve --open   xem trước trong trình duyệt, tự cập nhật khi lưu tệp\n  loa new ban-tin/ban-tin-12.md          viết bản tin mới (loại trang suy ra từ thư mục)\n  loa build                              dựng trang web vào thư mục public/\n  loa check                              kiểm tra nội dung, liên kết và số văn bản\n\nXem hướng dẫn của từng lệnh: loa LỆNH --help",
                 "Examples:\n  loa init my-site                       create a new site in the folder my-site\n  cd my-site && loa serve --open         preview in the browser, updated on every save\n  loa new ban-tin/ban-tin-12.md          write a new bulletin (the kind comes from the folder)\n  loa build                              build the site into public/\n  loa check                              check content, links and document numbers\n\nHelp on one command: loa COMMAND --help"),
                ("help", "In hướng dẫn này", "Print this help"),
                ("version", "In số phiên bản", "Print the version"),
                ("heading.usage", "Cách dùng:", "Usage:"),
                ("heading.commands", "Lệnh", "Commands"),
                ("heading.arguments", "Đối số", "Arguments"),
                ("heading.options", "Tùy chọn", "Options"),
                ("value.command", "LỆNH", "COMMAND"),
                ("value.root", "THƯ_MỤC", "DIR"),
                ("value.output", "THƯ_MỤC", "DIR"),
                ("value.dir", "THƯ_MỤC", "DIR"),
                ("value.base_url", "URL", "URL"),
                ("value.bind", "ĐỊA_CHỈ", "ADDRESS"),
                ("value.port", "CỔNG", "PORT"),
                ("value.format", "DẠNG", "FORMAT"),
                ("value.file", "TỆP", "FILE"),
                ("value.kind", "LOẠI", "KIND"),
                ("value.path", "ĐƯỜNG_DẪN", "PATH"),
                ("init", "Tạo trang web mới (cấu hình, giao diện, bài mẫu) trong một thư mục trống",
                 "Create a new site (configuration, theme, example pages) in an empty folder"),
                ("init.usage", "loa init THƯ_MỤC", "loa init DIR"),
                ("init.dir", "Thư mục của trang mới: chưa có, hoặc đang trống", "The new site's folder: absent or empty"),
                ("init.examples", "Ví dụ:\n  loa init trang-cua-toi\n  cd trang-cua-toi && loa serve --open",
                 "Example:\n  loa init my-site\n  cd my-site && loa serve --open"),
                ("build", "Dựng trang web vào thư mục kết quả (mặc định public/)", "Build the site into its output folder (public/ by default)"),
                ("build.usage", "loa build [--root THƯ_MỤC] [--output THƯ_MỤC] [--base-url URL] [--drafts] [--strict] [--config TỆP] [--env MÔI_TRƯỜNG]",
                 "loa build [--root DIR] [--output DIR] [--base-url URL] [--drafts] [--strict] [--config FILE] [--env ENV]"),
                ("build.root", "Thư mục của trang web, nơi có config.yaml (mặc định: thư mục hiện tại)",
                 "The site's folder, holding config.yaml (default: the current folder)"),
                ("build.output", "Thư mục kết quả (mặc định: public/ trong thư mục trang web)", "Output folder (default: public/ in the site's folder)"),
                ("build.base_url", "Dùng địa chỉ này thay cho `base_url` trong config.yaml (cho sitemap, robots.txt, atom.xml)",
                 "Use this address instead of `base_url` from config.yaml (for sitemap, robots.txt, atom.xml)"),
                ("build.drafts", "Đưa cả các trang `draft: true` (bản nháp) vào", "Include pages marked `draft: true`"),
                ("build.strict", "Coi cảnh báo là lỗi: không ghi gì, thoát với mã 1", "Treat warnings as errors: write nothing, exit 1"),
                ("build.examples", "Ví dụ:\n  loa build\n  loa build --root trang-cua-toi --base-url https://ten-mien-cua-don-vi.vn\n  loa build --output D:\\USB\\trang-web",
                 "Examples:\n  loa build\n  loa build --root my-site --base-url https://example.gov.vn\n  loa build --output /media/usb/site"),
                ("check", "Kiểm tra nội dung, liên kết, số văn bản và mẫu trang; không ghi tệp nào",
                 "Check content, links, document numbers and templates; nothing is written"),
                ("check.usage", "loa check [--root THƯ_MỤC] [--drafts] [--strict] [--external] [--format text|json] [--config TỆP] [--env MÔI_TRƯỜNG]",
                 "loa check [--root DIR] [--drafts] [--strict] [--external] [--format text|json] [--config FILE] [--env ENV]"),
                ("check.root", "Thư mục của trang web, nơi có config.yaml (mặc định: thư mục hiện tại)",
                 "The site's folder, holding config.yaml (default: the current folder)"),
                ("check.drafts", "Kiểm tra cả các bản nháp (`draft: true`)", "Check drafts (`draft: true`) too"),
                ("check.strict", "Coi cảnh báo là lỗi (thoát với mã 1)", "Treat warnings as errors (exit 1)"),
                ("check.format", "Dạng kết quả: text (cho người đọc, mặc định) hoặc json (cho máy)",
                 "Output format: text (for people, the default) or json (for machines)"),
                ("check.examples", "Ví dụ:\n  loa check\n  loa check --strict --format json", "Examples:\n  loa check\n  loa check --strict --format json"),
                ("new", "Tạo trang mới từ mẫu, với phần đầu trang điền sẵn", "Create a new page from an archetype, front matter filled in"),
                ("new.usage", "loa new [LOẠI] ĐƯỜNG_DẪN [--root THƯ_MỤC]", "loa new [KIND] PATH [--root DIR]"),
                ("new.args", "LOẠI là page (bài viết), document (văn bản) hoặc bulletin (bản tin); có thể bỏ: van-ban/ → document, ban-tin/ → bulletin, còn lại → page. ĐƯỜNG_DẪN là tệp trong content/",
                 "KIND is page, document or bulletin; it may be left out: van-ban/ → document, ban-tin/ → bulletin, anything else → page. PATH is the file under content/"),
                ("new.root", "Thư mục của trang web, nơi có config.yaml (mặc định: thư mục hiện tại)",
                 "The site's folder, holding config.yaml (default: the current folder)"),
                ("new.examples", "Ví dụ:\n  loa new ban-tin/ban-tin-12.md\n  loa new van-ban/quyet-dinh-489-qd-ttg.md     số ký hiệu 489/QĐ-TTg được điền sẵn\n  loa new page tin-tuc/hội-nghị-quán-triệt.md   tiêu đề “Hội nghị quán triệt”",
                 "Examples:\n  loa new ban-tin/ban-tin-12.md\n  loa new van-ban/quyet-dinh-489-qd-ttg.md     number 489/QĐ-TTg filled in\n  loa new page tin-tuc/hội-nghị-quán-triệt.md   title “Hội nghị quán triệt”"),
                ("serve", "Xem trước: dựng trang trong bộ nhớ, mở qua HTTP, tự dựng lại và tải lại khi lưu tệp",
                 "Preview: build the site in memory, serve it, rebuild and reload on every save"),
                ("serve.usage", "loa serve [--root THƯ_MỤC] [--bind ĐỊA_CHỈ] [--port CỔNG] [--drafts] [--open] [--config TỆP] [--env MÔI_TRƯỜNG]",
                 "loa serve [--root DIR] [--bind ADDRESS] [--port PORT] [--drafts] [--open] [--config FILE] [--env ENV]"),
                ("serve.root", "Thư mục của trang web, nơi có config.yaml (mặc định: thư mục hiện tại)",
                 "The site's folder, holding config.yaml (default: the current folder)"),
                ("serve.bind", "Địa chỉ nghe (mặc định 127.0.0.1: chỉ máy này xem được)", "Address to listen on (default 127.0.0.1: this machine only)"),
                ("serve.port", "Cổng (mặc định 1111; bận thì dùng cổng kế tiếp; 0: cổng trống bất kỳ)",
                 "Port (default 1111; the next free one when taken; 0: any free port)"),
                ("serve.drafts", "Hiện cả các bản nháp (`draft: true`)", "Show drafts (`draft: true`) too"),
                ("serve.open", "Mở bản xem trước trong trình duyệt", "Open the preview in the browser"),
                ("serve.examples", "Ví dụ:\n  loa serve --open\n  loa serve --drafts --port 8080", "Examples:\n  loa serve --open\n  loa serve --drafts --port 8080"),
                ("import", "Nhập văn bản có sẵn (.docx, PDF, ảnh quét, văn bản TCVN3, VNI hoặc Unicode) thành trang văn bản nháp",
                 "Import letters (.docx, PDF, scans, text in TCVN3, VNI or Unicode) as draft document pages"),
                ("import.usage", "loa import TỆP… [--section THƯ_MỤC] [--root THƯ_MỤC]", "loa import FILE… [--section DIR] [--root DIR]"),
                ("import.files", "Các tệp cần nhập", "The files to import"),
                ("import.section", "Chuyên mục (thư mục trong content/) nhận các trang mới (mặc định: van-ban)",
                 "Section (folder under content/) for the new pages (default: van-ban)"),
                ("import.root", "Thư mục của trang web, nơi có config.yaml (mặc định: thư mục hiện tại)",
                 "The site's folder, holding config.yaml (default: the current folder)"),
                ("import.examples", "Ví dụ:\n  loa import cong-van-55.docx\n  loa import ban-scan.pdf --section van-ban",
                 "Examples:\n  loa import cong-van-55.docx\n  loa import scan.pdf --section van-ban"),
                ("build.config", "Đọc tệp cấu hình này thay cho config.yaml trong thư mục trang web",
                 "Read this configuration file instead of config.yaml in the site's folder"),
                ("build.env", "Môi trường: đặt config.MÔI_TRƯỜNG.yaml đè lên cấu hình (mặc định: biến $LOA_ENV)",
                 "Environment: lay config.ENV.yaml over the configuration (default: $LOA_ENV)"),
                ("check.config", "Đọc tệp cấu hình này thay cho config.yaml trong thư mục trang web",
                 "Read this configuration file instead of config.yaml in the site's folder"),
                ("check.env", "Môi trường: đặt config.MÔI_TRƯỜNG.yaml đè lên cấu hình (mặc định: biến $LOA_ENV)",
                 "Environment: lay config.ENV.yaml over the configuration (default: $LOA_ENV)"),
                ("serve.config", "Đọc tệp cấu hình này thay cho config.yaml trong thư mục trang web",
                 "Read this configuration file instead of config.yaml in the site's folder"),
                ("serve.env", "Môi trường: đặt config.MÔI_TRƯỜNG.yaml đè lên cấu hình (mặc định: biến $LOA_ENV)",
                 "Environment: lay config.ENV.yaml over the configuration (default: $LOA_ENV)"),
                ("check.external", "Kiểm tra cả các liên kết ra ngoài (http/https): vài liên kết một lúc, mỗi liên kết có giới hạn thời gian",
                 "Also check web (http/https) links: a few at a time, each with a timeout"),
                ("value.config", "TỆP", "FILE"),
                ("value.env", "MÔI_TRƯỜNG", "ENV"),
                ("value.files", "TỆP", "FILE"),
                ("value.audio", "TỆP_ÂM_THANH", "AUDIO_FILE"),
                ("value.section", "THƯ_MỤC", "DIR"),
                ("read-aloud", "In dạng đọc của một văn bản: số, ngày, số văn bản, chữ viết tắt viết thành lời",
                 "Print the read-aloud form of a text: numbers, dates, document numbers, abbreviations written out"),
                ("read-aloud.usage", "loa read-aloud [TỆP|-] [--root THƯ_MỤC]", "loa read-aloud [FILE|-] [--root DIR]"),
                ("read-aloud.file", "Tệp văn bản hoặc Markdown; `-` hoặc bỏ trống: đọc từ đầu vào chuẩn",
                 "A text or Markdown file; `-` or nothing: standard input"),
                ("read-aloud.root", "Trang web có văn bản và cài đặt `broadcast` để dùng (mặc định: thư mục hiện tại, nếu là trang web)",
                 "A site whose documents and `broadcast` settings to use (default: the current folder, if it is a site)"),
                ("read-aloud.examples", "Ví dụ:\n  echo \"Chỉ thị số 11-CT/TW ngày 13/4/2007\" | loa read-aloud\n  loa read-aloud content/ban-tin/01.md",
                 "Examples:\n  echo \"Chỉ thị số 11-CT/TW ngày 13/4/2007\" | loa read-aloud\n  loa read-aloud content/ban-tin/01.md"),
                ("speak.usage", "loa speak [TỆP|-] [-o TỆP_ÂM_THANH] [--format mp3|opus] [--root THƯ_MỤC]",
                 "loa speak [FILE|-] [-o AUDIO_FILE] [--format mp3|opus] [--root DIR]"),
                ("speak.examples", "Ví dụ:\n  loa speak content/ban-tin/01.md -o ban-tin-01.mp3\n  echo \"Kính thưa toàn thể cán bộ\" | loa speak - -o chao.mp3",
                 "Examples:\n  loa speak content/ban-tin/01.md -o ban-tin-01.mp3\n  echo \"Kính thưa toàn thể cán bộ\" | loa speak - -o chao.mp3"),
            ];
            let found = HELP.iter().find(|(k, _, _)| *k == id);
            found.map_or(String::new(), |&(_, vi, en)| if lang == Vi { vi.into() } else { en.into() })
        }
        (CliUnknownArgument { arg, suggestion }, Vi) => match suggestion {
            Some(s) => format!("không có tùy chọn `{arg}`; có phải ý bạn là `{s}`?"),
            None => format!("không hiểu `{arg}`: lệnh này không có tùy chọn hay đối số đó"),
        },
        (CliUnknownArgument { arg, suggestion }, En) => match suggestion {
            Some(s) => format!("no option `{arg}`; did you mean `{s}`?"),
            None => format!("unexpected `{arg}`: this command has no such option or argument"),
        },
        (CliUnknownCommand { command, suggestion }, Vi) => match suggestion {
            Some(s) => format!("không có lệnh `{command}`; có phải ý bạn là `{s}`?"),
            None => format!("không có lệnh `{command}`; các lệnh: init, build, serve, check, new, import, read-aloud, speak"),
        },
        (CliUnknownCommand { command, suggestion }, En) => match suggestion {
            Some(s) => format!("no command `{command}`; did you mean `{s}`?"),
            None => format!("no command `{command}`; the commands are init, build, serve, check, new, import, read-aloud, speak"),
        },
        (CliMissing { args }, Vi) => format!("thiếu {args}"),
        (CliMissing { args }, En) => format!("missing {args}"),
        (CliInvalidValue { arg, value, valid }, Vi) => match valid {
            "" => format!("giá trị `{value}` không dùng được cho {arg}"),
            v => format!("giá trị `{value}` không dùng được cho {arg}; chọn một trong: {v}"),
        },
        (CliInvalidValue { arg, value, valid }, En) => match valid {
            "" => format!("`{value}` is not a valid value for {arg}"),
            v => format!("`{value}` is not a valid value for {arg}; choose one of: {v}"),
        },
        (CliTooMany { value }, Vi) => format!("thừa `{value}`: lệnh này không nhận thêm đối số"),
        (CliTooMany { value }, En) => format!("unexpected `{value}`: this command takes no more arguments"),
        (CliNoValue { arg }, Vi) => format!("{arg} cần một giá trị, ví dụ `--root trang-cua-toi`"),
        (CliNoValue { arg }, En) => format!("{arg} needs a value, for example `--root my-site`"),
        (CliUsageError { detail }, Vi) => format!("cách gọi lệnh không đúng ({detail})"),
        (CliUsageError { detail }, En) => format!("wrong use of the command ({detail})"),
        (CliMoreInfo, Vi) => "Xem cách dùng: loa --help (hoặc loa LỆNH --help)".into(),
        (CliMoreInfo, En) => "For help: loa --help (or loa COMMAND --help)".into(),
        (TitlePlaceholder, Vi) => {
            "tiêu đề vẫn là chỗ trống `loa new` để lại; viết tiêu đề thật, có dấu, ở dòng `title:`".into()
        }
        (TitlePlaceholder, En) => {
            "the title is still the placeholder `loa new` left; write the real title on the `title:` line".into()
        }
        (TemplateMissingName { what, name }, Vi) => match what {
            "variable" => format!(
                "biến `{name}` không có ở trang này; viết `{{% if {name} %}}…{{% endif %}}` hoặc `{{{{ {name} | default(value=\"\") }}}}`, xem docs/templates.md"
            ),
            "filter" => format!("không có bộ lọc `{name}`; kiểm tra chính tả, danh sách bộ lọc ở docs/templates.md"),
            "function" => format!("không có hàm `{name}`; kiểm tra chính tả, danh sách hàm ở docs/templates.md"),
            _ => format!("không có mẫu `{name}`; tạo `templates/{name}` hoặc sửa tên trong `extends`/`include`"),
        },
        (TemplateMissingName { what, name }, En) => match what {
            "variable" => format!(
                "`{name}` is not set on this page; write `{{% if {name} %}}…{{% endif %}}` or `{{{{ {name} | default(value=\"\") }}}}`, see docs/templates.md"
            ),
            "filter" => format!("there is no filter `{name}`; check the spelling, the filters are listed in docs/templates.md"),
            "function" => format!("there is no function `{name}`; check the spelling, the functions are listed in docs/templates.md"),
            _ => format!("there is no template `{name}`; create `templates/{name}` or fix the name in `extends`/`include`"),
        },
        (ServeOutput, Vi) => "Bản xem trước nằm trong bộ nhớ; thư mục `public/` không thay đổi (dùng `loa build` để ghi).".into(),
        (ServeOutput, En) => "The preview is kept in memory; `public/` is not touched (run `loa build` to write it).".into(),

        // -- #14 zola/hugo features: add new arms below --
        (TemplateNotADate { function, text }, Vi) => format!(
            "{function}: `{text}` không phải là ngày; viết ngày dạng 2023-03-01 hoặc 01/03/2023"
        ),
        (TemplateNotADate { function, text }, En) => format!(
            "{function}: `{text}` is not a date; write dates as 2023-03-01 or 01/03/2023"
        ),
        (TemplateUnknownDateFormat { function, style }, Vi) => format!(
            "{function}: không có kiểu ngày `{style}`; dùng short, long, full, weekday, iso hoặc official"
        ),
        (TemplateUnknownDateFormat { function, style }, En) => format!(
            "{function}: there is no date format `{style}`; use short, long, full, weekday, iso or official"
        ),
        (TemplateRangeNotWhole { key, value }, Vi) => format!("range: `{key}` phải là số nguyên, không phải {value}"),
        (TemplateRangeNotWhole { key, value }, En) => format!("range: `{key}` must be a whole number, not {value}"),
        (TemplateRangeNoEnd, Vi) => "range: thiếu `end`, ví dụ `range(end=5)`".into(),
        (TemplateRangeNoEnd, En) => "range: `end` is missing, for example `range(end=5)`".into(),
        (TemplateRangeStep, Vi) => "range: `step_by` phải từ 1 trở lên".into(),
        (TemplateRangeStep, En) => "range: `step_by` must be at least 1".into(),
        (TemplateNoStylesheet { path }, Vi) => format!(
            "static_text: không có tệp kiểu `{path}` trong static/ của trang web hoặc giao diện"
        ),
        (TemplateNoStylesheet { path }, En) => format!(
            "static_text: there is no stylesheet `{path}` in the static/ folder of the site or theme"
        ),
        (TemplateStylesheetUnreadable { path, error }, Vi) => format!("static_text: không đọc được `{path}`: {error}"),
        (TemplateStylesheetUnreadable { path, error }, En) => format!("static_text: cannot read `{path}`: {error}"),
        (TemplateParserFailed, Vi) => "bộ đọc mẫu trang dừng bất thường; hãy kiểm tra mẫu vừa sửa".into(),
        (TemplateParserFailed, En) => "the template parser stopped unexpectedly; check the template you changed last".into(),
        (I18nInvalid { detail }, Vi) => format!("bảng chuỗi giao diện không đọc được: {detail}"),
        (I18nInvalid { detail }, En) => format!("the theme string table cannot be read: {detail}"),
        (I18nNotText { key }, Vi) => {
            format!("`{key}` phải là một chuỗi chữ (đặt trong dấu ngoặc kép), không phải danh sách hay khối")
        }
        (I18nNotText { key }, En) => format!("`{key}` must be a text (in quotes), not a list or a block"),
        (I18nMissing { key, lang, default, file }, Vi) => format!(
            "chuỗi `{key}` chưa có bản ngôn ngữ `{lang}`; đang dùng bản `{default}` — thêm `{key}: \"…\"` vào `{file}`"
        ),
        (I18nMissing { key, lang, default, file }, En) => format!(
            "`{key}` has no `{lang}` translation; the `{default}` text is used — add `{key}: \"…\"` to `{file}`"
        ),
        (I18nUnknown { key, template }, Vi) => format!(
            "mẫu `{template}` gọi `trans(key=\"{key}\")` nhưng không bảng chuỗi nào có khóa `{key}`; thêm nó vào `i18n/<ngôn ngữ>.yaml` hoặc sửa tên khóa"
        ),
        (I18nUnknown { key, template }, En) => format!(
            "template `{template}` calls `trans(key=\"{key}\")` but no string table has `{key}`; add it to `i18n/<language>.yaml` or fix the key"
        ),
        (I18nNoKey, Vi) => "trans() cần tham số `key`, ví dụ `trans(key=\"search\")`".into(),
        (I18nNoKey, En) => "trans() needs a `key`, for example `trans(key=\"search\")`".into(),
        (I18nNoTable { lang, default, file }, Vi) => format!(
            "chữ của giao diện chưa được dịch sang `{lang}`: trang `{lang}` đang hiện chữ `{default}`; tạo tệp `{file}` (chép các khóa từ bảng `{default}` của giao diện rồi dịch)"
        ),
        (I18nNoTable { lang, default, file }, En) => format!(
            "the theme's words have no `{lang}` translation: `{lang}` pages show the `{default}` text; create `{file}` (copy the keys of the theme's `{default}` table and translate them)"
        ),
        (ShortcodeUnknown { name, suggestion, known }, Vi) => match suggestion {
            Some(s) => format!("không có shortcode `{name}`; có phải ý bạn là `{s}`?"),
            None if known.is_empty() => format!(
                "không có shortcode `{name}`; tạo tệp `templates/shortcodes/{name}.html` trước khi dùng"
            ),
            None => format!(
                "không có shortcode `{name}` (đang có: {known}); hoặc tạo tệp `templates/shortcodes/{name}.html`"
            ),
        },
        (ShortcodeUnknown { name, suggestion, known }, En) => match suggestion {
            Some(s) => format!("unknown shortcode `{name}`; did you mean `{s}`?"),
            None if known.is_empty() => {
                format!("unknown shortcode `{name}`; create `templates/shortcodes/{name}.html` first")
            }
            None => format!(
                "unknown shortcode `{name}` (available: {known}); or create `templates/shortcodes/{name}.html`"
            ),
        },
        (ShortcodeArgs { name }, Vi) => format!(
            "đối số của shortcode `{name}` viết sai; viết dạng `ten=\"giá trị\"`, cách nhau bằng dấu phẩy, chữ để trong ngoặc kép"
        ),
        (ShortcodeArgs { name }, En) => format!(
            "bad arguments for shortcode `{name}`; write them as `name=\"value\"`, separated by commas, text in quotes"
        ),
        (ShortcodeUnclosed { name }, Vi) => format!(
            "shortcode `{name}` mở bằng `{{% {name}(…) %}}` nhưng không đóng; thêm `{{% end %}}` sau phần nội dung"
        ),
        (ShortcodeUnclosed { name }, En) => format!(
            "shortcode `{name}` opened with `{{% {name}(…) %}}` is never closed; add `{{% end %}}` after its body"
        ),
        (ShortcodeMissingArg { name, arg }, Vi) => {
            format!("shortcode `{name}` cần đối số `{arg}`, ví dụ `{name}({arg}=\"…\")`")
        }
        (ShortcodeMissingArg { name, arg }, En) => {
            format!("shortcode `{name}` needs the argument `{arg}`, for example `{name}({arg}=\"…\")`")
        }
        (ShortcodeFailed { name, detail }, Vi) => format!("shortcode `{name}` lỗi: {detail}"),
        (ShortcodeFailed { name, detail }, En) => format!("shortcode `{name}` failed: {detail}"),
        (ShortcodeNoDocument { number, suggestion }, Vi) => match suggestion {
            Some(s) => format!("không có văn bản số `{number}` trong trang; có phải ý bạn là `{s}`?"),
            None => format!("không có văn bản số `{number}` trong trang; thêm trang văn bản đó vào `content/van-ban/`"),
        },
        (ShortcodeNoDocument { number, suggestion }, En) => match suggestion {
            Some(s) => format!("no document `{number}` in the site; did you mean `{s}`?"),
            None => format!("no document `{number}` in the site; add its page under `content/van-ban/`"),
        },

        (AnchorMissing { link, fragment, suggestion }, Vi) => match suggestion {
            Some(s) => format!("liên kết `{link}`: trang đích không có đề mục `#{fragment}`; có phải ý bạn là `#{s}`?"),
            None => format!("liên kết `{link}`: trang đích không có đề mục `#{fragment}`"),
        },
        (AnchorMissing { link, fragment, suggestion }, En) => match suggestion {
            Some(s) => format!("link `{link}`: no heading `#{fragment}` in the page it points at; did you mean `#{s}`?"),
            None => format!("link `{link}`: no heading `#{fragment}` in the page it points at"),
        },
        (MenuLinkBroken { url, suggestion }, Vi) => match suggestion {
            Some(s) => format!("mục menu `{url}` (trong `extra.menu`) không trỏ tới trang nào; có phải ý bạn là `{s}`?"),
            None => format!("mục menu `{url}` (trong `extra.menu`) không trỏ tới trang nào của trang web"),
        },
        (MenuLinkBroken { url, suggestion }, En) => match suggestion {
            Some(s) => format!("menu link `{url}` (in `extra.menu`) points at nothing in the site; did you mean `{s}`?"),
            None => format!("menu link `{url}` (in `extra.menu`) points at nothing in the site"),
        },
        (TemplateLinkBroken { url, template, suggestion }, Vi) => match suggestion {
            Some(s) => format!(
                "liên kết `{url}` trong trang dựng bằng mẫu `{template}` (hoặc HTML viết tay) không trỏ tới trang nào; có phải ý bạn là `{s}`?"
            ),
            None => format!(
                "liên kết `{url}` trong trang dựng bằng mẫu `{template}` (hoặc HTML viết tay) không trỏ tới trang nào"
            ),
        },
        (TemplateLinkBroken { url, template, suggestion }, En) => match suggestion {
            Some(s) => format!(
                "link `{url}` in a page rendered with `{template}` (or its raw HTML) points at nothing in the site; did you mean `{s}`?"
            ),
            None => format!(
                "link `{url}` in a page rendered with `{template}` (or its raw HTML) points at nothing in the site"
            ),
        },

        (ExternalStatus { url, status }, Vi) => format!("liên kết ngoài `{url}` trả lời mã lỗi {status}; kiểm tra lại địa chỉ"),
        (ExternalStatus { url, status }, En) => format!("web link `{url}` answered with status {status}; check the address"),
        (ExternalTimeout { url, seconds }, Vi) => format!("liên kết ngoài `{url}` không trả lời trong {seconds} giây"),
        (ExternalTimeout { url, seconds }, En) => format!("web link `{url}` did not answer within {seconds} s"),
        (ExternalNoHost { url }, Vi) => format!("liên kết ngoài `{url}`: không tìm thấy tên miền; kiểm tra lại chính tả"),
        (ExternalNoHost { url }, En) => format!("web link `{url}`: host not found; check the spelling"),
        (ExternalNoConnection { url }, Vi) => format!("liên kết ngoài `{url}`: không kết nối được tới máy chủ"),
        (ExternalNoConnection { url }, En) => format!("web link `{url}`: could not connect to the server"),
        (ExternalFailed { url }, Vi) => format!("liên kết ngoài `{url}`: không tải được"),
        (ExternalFailed { url }, En) => format!("web link `{url}` could not be fetched"),
        (ExternalUnchecked { url, seconds }, Vi) => format!(
            "chưa kiểm tra `{url}`: đã hết thời gian {seconds} giây (`link_checker.time_limit`)"
        ),
        (ExternalUnchecked { url, seconds }, En) => format!(
            "`{url}` not checked: the time limit of {seconds} s was reached (`link_checker.time_limit`)"
        ),
        (ExternalSummary { links, broken, unchecked }, Vi) => format!(
            "Đã kiểm tra {links} liên kết ngoài: {broken} hỏng, {unchecked} chưa kiểm tra kịp"
        ),
        (ExternalSummary { links, broken, unchecked }, En) => format!(
            "Checked {links} web link{}: {broken} broken, {unchecked} not reached in time",
            plural(links)
        ),

        (FeedFilenameUnknown { name, known }, Vi) => {
            format!("`feed_filenames`: không biết dạng nguồn tin `{name}`; dùng {known}")
        }
        (FeedFilenameUnknown { name, known }, En) => {
            format!("`feed_filenames`: unknown feed file `{name}`; use {known}")
        }
        (SlugReserved { slug, safe }, Vi) => format!(
            "`{slug}` là tên Windows không cho dùng làm thư mục (cả trên USB khi cắm vào Windows); trang được ghi vào `{safe}`; đặt `slug:` nếu muốn tên khác"
        ),
        (SlugReserved { slug, safe }, En) => format!(
            "`{slug}` is a name Windows refuses for a folder (also on a USB stick used on Windows); the page is written as `{safe}`; set `slug:` to choose another"
        ),
        (BackslashLink { link, fixed }, Vi) => format!(
            "liên kết `{link}` dùng dấu `\\` của Windows; đã hiểu là `{fixed}`; trong liên kết hãy viết `/`"
        ),
        (BackslashLink { link, fixed }, En) => format!(
            "link `{link}` uses the Windows `\\`; read as `{fixed}`; write `/` in links"
        ),
        (FileNameReserved { name }, Vi) => format!(
            "tên tệp `{name}` bị Windows cấm (con, aux, nul, com1…); không chép được sang máy Windows hay USB; hãy đổi tên tệp"
        ),
        (FileNameReserved { name }, En) => format!(
            "file name `{name}` is reserved on Windows (con, aux, nul, com1…); it cannot be copied to a Windows PC or USB stick; rename the file"
        ),
        (FileNameChar { name, c }, Vi) => {
            format!("tên tệp `{name}` có ký tự `{c}` mà Windows không cho dùng; hãy đổi tên tệp")
        }
        (FileNameChar { name, c }, En) => {
            format!("file name `{name}` holds `{c}`, which Windows refuses in names; rename the file")
        }
        (FileNameEnd { name }, Vi) => format!("tên tệp `{name}` kết thúc bằng dấu chấm hoặc dấu cách, Windows sẽ cắt mất; hãy đổi tên tệp"),
        (FileNameEnd { name }, En) => format!("file name `{name}` ends with a dot or a space, which Windows drops; rename the file"),
        (PathTooLong { path, len, max }, Vi) => format!(
            "đường dẫn kết quả `{path}` dài {len} ký tự (quá {max}): Windows và nhiều USB không chép được; rút ngắn tên tệp, tên thư mục hoặc đặt `slug:` ngắn hơn"
        ),
        (PathTooLong { path, len, max }, En) => format!(
            "output path `{path}` is {len} characters long (over {max}): Windows and many USB sticks cannot copy it; shorten the file or folder name, or set a shorter `slug:`"
        ),
        (CaseOnlyDifference { path, other, other_file }, Vi) => format!(
            "`{path}` và `{other}` (từ `{other_file}`) chỉ khác chữ hoa/thường: trên Windows và USB chúng là một tệp; hãy đổi tên một trong hai"
        ),
        (CaseOnlyDifference { path, other, other_file }, En) => format!(
            "`{path}` and `{other}` (from `{other_file}`) differ only in case: on Windows and USB sticks they are one file; rename one of them"
        ),
        (ConfigFileMissing { path }, Vi) => format!("không có tệp cấu hình `{path}` (đặt bằng `--config`)"),
        (ConfigFileMissing { path }, En) => format!("no configuration file `{path}` (given with `--config`)"),
        (ConfigOverlayMissing { env, path }, Vi) => format!(
            "môi trường `{env}` cần tệp `{path}` nhưng không có; tạo tệp đó (chỉ ghi các khóa khác với config.yaml) hoặc bỏ `--env`/`LOA_ENV`"
        ),
        (ConfigOverlayMissing { env, path }, En) => format!(
            "environment `{env}` needs `{path}`, which does not exist; create it (only the keys that differ from config.yaml) or drop `--env`/`LOA_ENV`"
        ),
        (ConfigOtherFormat { name, format }, Vi) => format!(
            "có `{name}` ({format}) nhưng loa đọc `config.yaml` (YAML); hãy viết lại thành config.yaml, ví dụ `title = \"Tên\"` thành `title: \"Tên\"` (xem docs/content.md)"
        ),
        (ConfigOtherFormat { name, format }, En) => format!(
            "found `{name}` ({format}), but loa reads `config.yaml` (YAML); rewrite it as config.yaml, e.g. `title = \"Name\"` becomes `title: \"Name\"` (see docs/content.md)"
        ),
        (DataPathOutside { path }, Vi) => format!(
            "load_data: `{path}` phải là đường dẫn trong thư mục trang web, ví dụ `data/lien-he.yaml`"
        ),
        (DataPathOutside { path }, En) => format!(
            "load_data: `{path}` must be a path inside the site's folder, such as `data/contacts.yaml`"
        ),
        (DataFormat { path }, Vi) => format!("load_data: không đọc được dạng tệp `{path}`; dùng .yaml, .yml, .json hoặc .csv"),
        (DataFormat { path }, En) => format!("load_data: cannot read the kind of file `{path}`; use .yaml, .yml, .json or .csv"),
        (DataMissing { path }, Vi) => format!("load_data: không có tệp `{path}` (tính từ thư mục trang web)"),
        (DataMissing { path }, En) => format!("load_data: no file `{path}` (relative to the site's folder)"),
        (DataInvalid { path, detail }, Vi) => format!("load_data: tệp `{path}` viết sai: {detail}"),
        (DataInvalid { path, detail }, En) => format!("load_data: `{path}` is not valid: {detail}"),
        (GetPageUnknown { path, suggestion }, Vi) => match suggestion {
            Some(s) => format!("không có trang `{path}` trong content/; có phải ý bạn là `{s}`?"),
            None => format!("không có trang `{path}` trong content/"),
        },
        (GetPageUnknown { path, suggestion }, En) => match suggestion {
            Some(s) => format!("no page `{path}` in content/; did you mean `{s}`?"),
            None => format!("no page `{path}` in content/"),
        },
        (ImageKind, Vi) => "trình duyệt không hiển thị được ảnh dạng này (HEIC, TIFF); hãy lưu lại thành JPEG".into(),
        (ImageKind, En) => "browsers cannot show this kind of image (HEIC, TIFF); save it as JPEG".into(),
        (ImageHuge { size, max }, Vi) => format!(
            "ảnh nặng {size} MB (quá {max} MB); loa thu nhỏ ảnh cho trang web, nhưng nên lưu bản nhỏ hơn để thư mục và USB gọn nhẹ"
        ),
        (ImageHuge { size, max }, En) => format!(
            "image is {size} MB (over {max} MB); loa resizes it for the web, but a smaller file keeps the folder and USB stick light"
        ),
        (ImageFailed { path, detail }, Vi) => format!("không xử lý được ảnh `{path}`: {detail}"),
        (ImageFailed { path, detail }, En) => format!("failed to process the image `{path}`: {detail}"),
        (ImageNoAlt { src }, Vi) => format!(
            "ảnh `{src}` không có lời mô tả; viết `![mô tả ngắn](…)` cho người khiếm thị và khi ảnh không tải được"
        ),
        (ImageNoAlt { src }, En) => format!(
            "image `{src}` has no alt text; write `![short description](…)` for blind readers and when it does not load"
        ),
        (ResizeUnknown { path }, Vi) => format!("resize_image: không có ảnh JPEG/PNG `{path}` trong content/"),
        (ResizeUnknown { path }, En) => format!("resize_image: no JPEG/PNG image `{path}` in content/"),
        (HeadingAnchorLabel, Vi) => "Liên kết tới mục này".into(),
        (HeadingAnchorLabel, En) => "Link to this section".into(),
        (FootnoteBackLabel, Vi) => "Quay lại chỗ dẫn chú thích".into(),
        (FootnoteBackLabel, En) => "Back to the reference".into(),

        // -- #15 performance: add new arms below --
        (PageItemHtmlOutside, Vi) => "page_item_html() chỉ dùng được trong mẫu trang của web, không dùng trong shortcode".into(),
        (PageItemHtmlOutside, En) => "page_item_html() works only in the site's templates, not in shortcodes".into(),
        (PageItemHtmlUnknown { url }, Vi) => format!("page_item_html(): không có trang nào ở `{url}`; truyền `url=p.url` của một trang trong danh sách"),
        (PageItemHtmlUnknown { url }, En) => format!("page_item_html(): no page at `{url}`; pass `url=p.url` of a page from a list"),
        // -- #15 template rendering --
        (RenderOnceOutside, Vi) => "render_once() chỉ dùng được trong mẫu trang của web, không dùng trong shortcode".into(),
        (RenderOnceOutside, En) => "render_once() works only in the site's templates, not in shortcodes".into(),
        (RenderOnceNoTemplate, Vi) => "render_once(): thiếu `template=\"…\"` (tên mẫu cần dựng)".into(),
        (RenderOnceNoTemplate, En) => "render_once(): `template=\"…\"` (the template to render) is missing".into(),

        // -- #16 import: add new arms below --
        (ImportAbout, Vi) => "Nhập văn bản (.docx, PDF, ảnh quét, .txt mã TCVN3/VNI/Unicode) thành trang văn bản nháp".into(),
        (ImportAbout, En) => "Import letters (.docx, PDF, scans, .txt in TCVN3/VNI/Unicode) as draft document pages".into(),
        (ImportFilesHelp, Vi) => "Các tệp cần nhập".into(),
        (ImportFilesHelp, En) => "The files to import".into(),
        (ImportSectionHelp, Vi) => "Chuyên mục (thư mục trong content/) để ghi trang".into(),
        (ImportSectionHelp, En) => "Section (folder under content/) for the pages".into(),
        (ImportRootHelp, Vi) => "Thư mục trang web (có config.yaml)".into(),
        (ImportRootHelp, En) => "The site's folder (holding config.yaml)".into(),
        (ImportOldWord { path }, Vi) => format!(
            "`{path}` là tệp Word cũ (.doc); mở bằng Word hoặc LibreOffice, chọn Lưu thành › Word (.docx), rồi nhập tệp .docx"
        ),
        (ImportOldWord { path }, En) => format!(
            "`{path}` is an old Word file (.doc); open it in Word or LibreOffice, Save As › Word (.docx), then import the .docx"
        ),
        (ImportBadFile { path, what }, Vi) => format!("không đọc được `{path}` như một tệp {what}; tệp có thể bị hỏng"),
        (ImportBadFile { path, what }, En) => format!("cannot read `{path}` as a {what} file; it may be damaged"),
        (ImportNotText { path }, Vi) => format!(
            "`{path}` không phải văn bản (.docx, PDF, ảnh quét hay tệp chữ); kiểm tra lại tên tệp"
        ),
        (ImportNotText { path }, En) => format!(
            "`{path}` is not a letter (.docx, PDF, scanned image or text file); check the file name"
        ),
        (ImportNeedsOcr { path, command }, Vi) => format!(
            "`{path}` là bản quét, không có chữ: cần nhận dạng chữ (OCR). Cài tesseract (`apt-get install tesseract-ocr tesseract-ocr-vie poppler-utils`) rồi chạy lại loa import, hoặc tự chạy: {command}"
        ),
        (ImportNeedsOcr { path, command }, En) => format!(
            "`{path}` is a scan without text: it needs OCR. Install tesseract (`apt-get install tesseract-ocr tesseract-ocr-vie poppler-utils`) and run loa import again, or run it yourself: {command}"
        ),
        (ImportDone { source, written, format }, Vi) => format!(
            "Đã nhập `{source}` ({format}) thành `{written}` (bản nháp). Đối chiếu với bản gốc, rồi đổi `draft` thành false."
        ),
        (ImportDone { source, written, format }, En) => format!(
            "Imported `{source}` ({format}) as `{written}` (a draft). Check it against the original, then set `draft` to false."
        ),
        (ImportFailed { failed, total }, Vi) => format!("{failed}/{total} tệp không nhập được"),
        (ImportFailed { failed, total }, En) => format!("{failed} of {total} file{} not imported", plural(total)),
        (ImportNoSite { root }, Vi) => format!(
            "`{root}` không phải trang web (không có config.yaml): không đối chiếu được số văn bản với các trang đã có"
        ),
        (ImportNoSite { root }, En) => format!(
            "`{root}` is not a site (no config.yaml): document numbers were not checked against its pages"
        ),
        (ImportSiteUnread { root, detail }, Vi) => format!(
            "không đọc được trang web `{root}` ({detail}): không đối chiếu được số văn bản với các trang đã có"
        ),
        (ImportSiteUnread { root, detail }, En) => format!(
            "cannot read the site `{root}` ({detail}): document numbers were not checked against its pages"
        ),
        (ImportOcrNumber { printed, suggestion }, Vi) => format!(
            "số `{printed}` có ký hiệu lạ, có thể do nhận dạng chữ (OCR) đọc nhầm: `{suggestion}`?"
        ),
        (ImportOcrNumber { printed, suggestion }, En) => format!(
            "number `{printed}` has an unknown code, perhaps misread by OCR: `{suggestion}`?"
        ),
        (ImportOcrWord { found, suggestion }, Vi) => format!("`{found}` có thể bị mất dấu, đọc hoặc gõ nhầm: `{suggestion}`?"),
        (ImportOcrWord { found, suggestion }, En) => format!("`{found}` may have lost its diacritics or been misread or mistyped: `{suggestion}`?"),
        (ImportCitesLater { number, date, issued }, Vi) => format!(
            "văn bản dẫn chiếu `{number}` ngày {date}, sau ngày của chính văn bản này ({issued}); một trong hai ngày có thể sai, hỏi lại văn thư"
        ),
        (ImportCitesLater { number, date, issued }, En) => format!(
            "the letter cites `{number}` of {date}, later than its own date ({issued}); one of the dates may be wrong, ask the records office"
        ),
        (ImportNoPage { number, suggestion }, Vi) => match suggestion {
            Some(s) => format!("số `{number}` không có trong trang web; có phải là `{s}`?"),
            None => format!("văn bản `{number}` chưa có trang trong trang web"),
        },
        (ImportNoPage { number, suggestion }, En) => match suggestion {
            Some(s) => format!("number `{number}` matches no document of the site; did you mean `{s}`?"),
            None => format!("document `{number}` has no page in the site yet"),
        },

        // -- #17 audio: add new arms below --
        (AudioEngineMissing { program, package, count }, Vi) => format!(
            "đã bật âm thanh bản tin (`broadcast.audio` trong config.yaml) nhưng máy chưa cài phần mềm đọc `{program}`{}; {}",
            text_in(Vi, AudioCount { count }),
            match package {
                Some(p) => format!("cài bằng lệnh `sudo apt-get install {p}`"),
                None => "hãy cài chương trình này, hoặc sửa `broadcast.audio.engine` trong config.yaml".into(),
            }
        ),
        (AudioEngineMissing { program, package, count }, En) => format!(
            "audio bulletins are on (`broadcast.audio` in config.yaml) but the speech engine `{program}` is not installed{}; {}",
            text_in(En, AudioCount { count }),
            match package {
                Some(p) => format!("install it with `sudo apt-get install {p}`"),
                None => "install it, or change `broadcast.audio.engine` in config.yaml".into(),
            }
        ),
        (AudioEncoderMissing { program, package, count }, Vi) => format!(
            "đã bật âm thanh bản tin (`broadcast.audio` trong config.yaml) nhưng máy chưa cài phần mềm mã hóa `{program}`{}; {}",
            text_in(Vi, AudioCount { count }),
            match package {
                Some(p) => format!("cài bằng lệnh `sudo apt-get install {p}`"),
                None => "hãy cài chương trình này".into(),
            }
        ),
        (AudioEncoderMissing { program, package, count }, En) => format!(
            "audio bulletins are on (`broadcast.audio` in config.yaml) but the encoder `{program}` is not installed{}; {}",
            text_in(En, AudioCount { count }),
            match package {
                Some(p) => format!("install it with `sudo apt-get install {p}`"),
                None => "install it".into(),
            }
        ),
        (AudioEngineFailed { command, detail }, Vi) => format!(
            "phần mềm đọc bị lỗi nên bản tin này chưa có âm thanh: `{command}`: {detail}; hãy chạy thử lệnh đó, hoặc sửa `broadcast.audio` (engine, voice) trong config.yaml"
        ),
        (AudioEngineFailed { command, detail }, En) => format!(
            "the speech engine failed, so this bulletin has no audio: `{command}`: {detail}; try the command by hand, or fix `broadcast.audio` (engine, voice) in config.yaml"
        ),
        (AudioEncoderFailed { command, detail }, Vi) => {
            format!("phần mềm mã hóa bị lỗi nên bản tin này chưa có âm thanh: `{command}`: {detail}")
        }
        (AudioEncoderFailed { command, detail }, En) => {
            format!("the encoder failed, so this bulletin has no audio: `{command}`: {detail}")
        }
        (AudioEngineInvalid { detail }, Vi) => format!(
            "không hiểu được lệnh phần mềm đọc `broadcast.audio.engine` ({detail}); viết như `piper --model /opt/piper/vi.onnx --output_file {{out}}`"
        ),
        (AudioEngineInvalid { detail }, En) => format!(
            "`broadcast.audio.engine` is not a command line ({detail}); write it like `piper --model /opt/piper/vi.onnx --output_file {{out}}`"
        ),
        (AudioCacheFailed { dir, detail }, Vi) => {
            format!("không ghi được thư mục lưu âm thanh `{dir}` ({detail}) nên bản tin này chưa có âm thanh")
        }
        (AudioCacheFailed { dir, detail }, En) => {
            format!("cannot write the audio cache `{dir}` ({detail}), so this bulletin has no audio")
        }
        (SpeakAbout, Vi) => "Đọc một văn bản thành tệp âm thanh (MP3 hoặc Opus) bằng phần mềm đọc của trang web; đọc từ đầu vào chuẩn khi FILE là `-` hoặc bỏ trống".into(),
        (SpeakAbout, En) => "Speak a text or Markdown file into an audio file (MP3 or Opus) with the site's speech engine (standard input when FILE is `-` or absent)".into(),
        (SpeakFileHelp, Vi) => "Tệp văn bản hoặc Markdown; `-` là đầu vào chuẩn".into(),
        (SpeakFileHelp, En) => "A text or Markdown file; `-` is standard input".into(),
        (SpeakOutputHelp, Vi) => "Tệp âm thanh sẽ ghi (mặc định: FILE đổi đuôi thành .mp3; `-` là đầu ra chuẩn)".into(),
        (SpeakOutputHelp, En) => "The audio file to write (default: FILE with its extension changed to .mp3; `-` is standard output)".into(),
        (SpeakFormatHelp, Vi) => "Định dạng: mp3 hoặc opus (mặc định: theo `broadcast.audio.format`, hoặc theo đuôi của --output)".into(),
        (SpeakFormatHelp, En) => "Format: mp3 or opus (default: `broadcast.audio.format`, or the extension of --output)".into(),
        (SpeakRootHelp, Vi) => "Trang web có văn bản và cài đặt `broadcast` để dùng (mặc định: thư mục hiện tại, nếu là một trang web)".into(),
        (SpeakRootHelp, En) => "A site whose documents and `broadcast` settings to use (default: the current folder, if it is a site)".into(),
        (SpeakWrote { path, seconds }, Vi) => {
            format!("Đã ghi `{path}` ({} âm thanh)", crate::audio::report::duration_text(seconds as f64))
        }
        (SpeakWrote { path, seconds }, En) => {
            let (m, s) = (seconds / 60, seconds % 60);
            let length = if m == 0 { format!("{s} s") } else { format!("{m} min {s} s") };
            format!("Wrote `{path}` ({length} of audio)")
        }
        (SpeakToTerminal, Vi) => {
            "không ghi âm thanh ra màn hình; chọn tệp bằng `-o TỆP.mp3`, hoặc chuyển hướng: `loa speak - > tin.mp3`".into()
        }
        (SpeakToolMissing { program, package, engine }, Vi) => format!(
            "máy chưa cài {} `{program}`; {}",
            if engine { "phần mềm đọc" } else { "phần mềm mã hóa" },
            match package {
                Some(p) => format!("cài bằng lệnh `sudo apt-get install {p}`"),
                None => "hãy cài chương trình này, hoặc sửa `broadcast.audio.engine` trong config.yaml".into(),
            }
        ),
        (SpeakToolMissing { program, package, engine }, En) => format!(
            "the {} `{program}` is not installed; {}",
            if engine { "speech engine" } else { "encoder" },
            match package {
                Some(p) => format!("install it with `sudo apt-get install {p}`"),
                None => "install it, or change `broadcast.audio.engine` in config.yaml".into(),
            }
        ),
        (AudioCount { count: 0 }, _) => String::new(),
        (AudioCount { count }, Vi) => format!(", nên {count} bản tin chưa có tệp âm thanh"),
        (AudioCount { count }, En) => {
            format!(", so {count} bulletin{} {} no audio", plural(count), if count == 1 { "has" } else { "have" })
        }
        (AudioExit { code, last }, Vi) => match last {
            "" => format!("mã thoát {code}"),
            _ => format!("mã thoát {code}: {last}"),
        },
        (AudioExit { code, last }, En) => match last {
            "" => format!("exit status {code}"),
            _ => format!("exit status {code}: {last}"),
        },
        (AudioNoOutput { path }, Vi) => format!("không có gì được ghi vào `{path}`"),
        (AudioNoOutput { path }, En) => format!("nothing was written to `{path}`"),
        (AudioEmptyScript, Vi) => "kịch bản trống".into(),
        (AudioEmptyScript, En) => "the script is empty".into(),
        (AudioBadWav { problem }, Vi) => {
            use crate::audio::wav::Problem::*;
            match problem {
                NotWav { bytes } => format!("không phải tệp WAV ({bytes} byte, không có phần đầu RIFF/WAVE)"),
                Truncated => "tệp WAV bị cụt ở phần định dạng".into(),
                NoFormat => "tệp WAV không có phần định dạng trước dữ liệu".into(),
                NotPcm { tag, bits, channels, rate } => format!(
                    "tệp WAV không phải PCM 16 bit (định dạng {tag}, {bits} bit, {channels} kênh, {rate} Hz)"
                ),
                NoData => "tệp WAV không có dữ liệu âm thanh".into(),
                Mismatch { rate, channels, first_rate, first_channels } => format!(
                    "các đoạn khác định dạng: {rate} Hz, {channels} kênh sau {first_rate} Hz, {first_channels} kênh"
                ),
            }
        }
        (AudioBadWav { problem }, En) => {
            use crate::audio::wav::Problem::*;
            match problem {
                NotWav { bytes } => format!("not a WAV file ({bytes} bytes, no RIFF/WAVE header)"),
                Truncated => "the WAV format chunk is cut short".into(),
                NoFormat => "the WAV file has no format chunk before its data".into(),
                NotPcm { tag, bits, channels, rate } => format!(
                    "the WAV file is not 16-bit PCM (format {tag}, {bits} bits, {channels} channel(s), {rate} Hz)"
                ),
                NoData => "the WAV file has no data chunk".into(),
                Mismatch { rate, channels, first_rate, first_channels } => format!(
                    "the blocks differ in format: {rate} Hz, {channels} channel(s) after {first_rate} Hz, {first_channels} channel(s)"
                ),
            }
        }
        (AudioSettingShape, Vi) => "`audio` phải là true, false hoặc một khối cài đặt (format, engine, …)".into(),
        (AudioSettingShape, En) => "`audio` must be true, false or a block of settings (format, engine, …)".into(),
        (AudioEngineUnsplit { engine }, Vi) => format!("`{engine}`: thiếu dấu nháy đóng, hoặc lệnh trống"),
        (AudioEngineUnsplit { engine }, En) => format!("`{engine}`: unclosed quote or empty command line"),
        (AudioTimedOut { seconds }, Vi) => format!("không trả lời sau {seconds} giây nên đã bị dừng"),
        (AudioTimedOut { seconds }, En) => format!("no answer after {seconds} s, so it was stopped"),
        (SpeakToTerminal, En) => {
            "refusing to write audio to the terminal; choose a file with `-o FILE.mp3`, or redirect: `loa speak - > tin.mp3`".into()
        }

        // -- #18 content: add new arms below --

    }
}

/// Who writes a generated output file (`Msg::OutputOwner`): id, Vietnamese, English.
const OUTPUT_OWNERS: &[(&str, &str, &str)] = &[
    ("theme", "tệp `{of}` của giao diện", "the theme's file `{of}`"),
    ("list-page", "trang danh sách `{of}`", "the list page `{of}`"),
    ("taxonomy", "phân loại `{of}` (config.yaml)", "the taxonomy `{of}` (config.yaml)"),
    ("404", "trang 404", "the 404 page"),
    ("timeline", "trang dòng thời gian văn bản", "the documents' timeline page"),
    ("graph", "sơ đồ trích dẫn văn bản", "the documents' citation graph page"),
    ("print", "trang in của `{of}`", "the print page of `{of}`"),
    ("script", "kịch bản đọc của `{of}`", "the reading script of `{of}`"),
    ("schedule", "lịch phát bản tin", "the bulletin schedule page"),
    ("search", "trang tìm kiếm", "the search page"),
    ("search-index", "chỉ mục tìm kiếm (`search/`)", "the search index (`search/`)"),
    ("sitemap", "sơ đồ trang `sitemap.xml`", "the sitemap `sitemap.xml`"),
    ("feed", "nguồn tin `atom.xml`", "the feed `atom.xml`"),
    ("robots", "tệp `robots.txt`", "the `robots.txt` file"),
];

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

/// The closest candidate to `word`, if one is close enough to be a likely typo.
pub fn did_you_mean<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    candidates
        .into_iter()
        .map(|c| (strsim::jaro_winkler(word, c), c))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}
