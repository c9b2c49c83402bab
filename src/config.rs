//! Site configuration: `config.yaml` → `Config`.

use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::error::Diagnostic;
use crate::messages::{self, Msg};

/// The theme used when `config.yaml` names none; it is built into the binary.
pub const DEFAULT_THEME: &str = "hoa-ban";

/// The keys `config.yaml` understands; anything else is warned about.
const KNOWN_KEYS: &[&str] = &[
    "title",
    "base_url",
    "language",
    "theme",
    "description",
    "author",
    "organisation",
    "organization",
    "paginate_by",
    "pretty_urls",
    "taxonomies",
    "feed_limit",
    "feed_filenames",
    "broadcast",
    "build_search_index",
    "print",
    "link_checker",
    "markdown",
    "images",
    "languages",
    "language_name",
    "translations",
    "extra",
];

/// The parsed `config.yaml`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default)]
pub struct Config {
    pub title: String,
    pub base_url: String,
    pub language: String,
    pub theme: String,
    pub description: String,
    pub author: String,
    #[serde(alias = "organization")]
    pub organisation: String,
    /// Pages per list page; 0 turns pagination off.
    pub paginate_by: usize,
    /// Links end in `/` instead of `/index.html` (for sites served only over HTTP).
    pub pretty_urls: bool,
    pub taxonomies: Vec<Taxonomy>,
    /// How many entries the Atom feed holds.
    pub feed_limit: usize,
    /// Feed files written for the site (and for sections and terms that ask):
    /// `atom.xml` (Atom) and/or `rss.xml` (RSS 2.0), as in Zola.
    pub feed_filenames: Vec<String>,
    pub broadcast: Broadcast,
    /// Write the search page and its index (`/search/`).
    pub build_search_index: bool,
    /// The administrative header and signature block of printed bulletins.
    pub print: Print,
    /// How `loa check --external` asks web links.
    pub link_checker: crate::external::Settings,
    /// Markdown options: smart punctuation, autolinks, heading anchors.
    pub markdown: crate::markup::Options,
    /// Sizes and quality of resized photos.
    pub images: crate::images::Settings,
    /// Languages besides `language`, by code: translations are `page.CODE.md`.
    pub languages: std::collections::BTreeMap<String, crate::languages::Language>,
    /// Name of the default language in the language switcher ("Tiếng Việt").
    pub language_name: String,
    /// Theme strings of the default language, over the theme's `i18n/LANG.yaml` (`trans`).
    pub translations: std::collections::BTreeMap<String, String>,
    pub extra: serde_json::Value,
    /// The file this configuration was read from (`config.yml`, `--config site.yaml`),
    /// as messages name it, and its text (for line numbers).
    #[serde(skip)]
    pub file: crate::config_source::File,
}

/// How printed bulletins present their issuer, as on an administrative document.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Print {
    /// The parent organisation's line (cơ quan chủ quản), above the organisation.
    pub parent: String,
    /// The issuing organisation; the site's `organisation` when empty.
    pub organisation: String,
    /// `state` (national motto), `party` ("ĐẢNG CỘNG SẢN VIỆT NAM") or `none`.
    pub header: PrintHeader,
    /// The place in "Sơn La, ngày 06 tháng 3 năm 2023"; no such line when empty.
    pub place: String,
    /// The approval and reader block at the end of each bulletin.
    pub approval: bool,
    /// Who approves the bulletin, as the block titles them ("Người duyệt" when empty).
    pub approver: String,
}

/// The line at the top right of a printed bulletin.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PrintHeader {
    State,
    Party,
    #[default]
    None,
}

impl Default for Print {
    fn default() -> Self {
        Print {
            parent: String::new(),
            organisation: String::new(),
            header: PrintHeader::None,
            place: String::new(),
            approval: true,
            approver: String::new(),
        }
    }
}

/// Settings for loudspeaker bulletins.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Broadcast {
    /// Reading pace for the reading-time estimate, syllables a minute.
    pub syllables_per_minute: u32,
    /// `north` ("linh", "nghìn", default: the centre is in Sơn La) or `south` ("lẻ", "ngàn").
    pub dialect: crate::speech::Dialect,
    /// The site's own abbreviations and how to read them, checked before the built-in table.
    pub abbreviations: std::collections::BTreeMap<String, String>,
    /// Audio files of the bulletins (`audio: true`, or a block of settings).
    #[serde(deserialize_with = "crate::audio::settings::deserialize")]
    pub audio: crate::audio::Settings,
}

/// Default reading pace, syllables per minute: the measured average of Vietnamese national
/// radio news (facts-vi.md C8), the only measured Vietnamese broadcast pace we have. A lower
/// guess made every estimate longer than the bulletin is really read.
pub const DEFAULT_PACE: u32 = 233;
/// Paces a person can read aloud at (0 made every bulletin "take" forever).
pub const MIN_PACE: u32 = 60;
pub const MAX_PACE: u32 = 400;

impl Default for Broadcast {
    fn default() -> Self {
        Broadcast {
            syllables_per_minute: DEFAULT_PACE,
            dialect: crate::speech::Dialect::North,
            abbreviations: Default::default(),
            audio: Default::default(),
        }
    }
}

/// A taxonomy declared in the config, such as tags.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Taxonomy {
    pub name: String,
    #[serde(default)]
    pub title: String,
    /// URL folder of the taxonomy; defaults to the slug of its name.
    #[serde(default)]
    pub path: String,
    /// Each term gets its own feed (`/tags/ma-tuy/atom.xml`).
    #[serde(default)]
    pub feed: bool,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            title: String::new(),
            base_url: String::new(),
            language: "vi".into(),
            theme: DEFAULT_THEME.into(),
            description: String::new(),
            author: String::new(),
            organisation: String::new(),
            paginate_by: 10,
            pretty_urls: false,
            taxonomies: vec![Taxonomy {
                name: "tags".into(),
                title: "Từ khóa".into(),
                path: String::new(),
                feed: false,
            }],
            feed_limit: 20,
            feed_filenames: vec!["atom.xml".into()],
            broadcast: Broadcast::default(),
            build_search_index: true,
            print: Print::default(),
            link_checker: Default::default(),
            markdown: Default::default(),
            images: Default::default(),
            languages: Default::default(),
            language_name: "Tiếng Việt".into(),
            translations: Default::default(),
            extra: serde_json::Value::Object(Default::default()),
            file: crate::config_source::File { shown: "config.yaml".into(), text: String::new() },
        }
    }
}

impl Config {
    /// Parses config text; `Err` holds the error, `Ok` the config plus warnings.
    pub fn parse(text: &str, path: &Path) -> Result<(Config, Vec<Diagnostic>), Diagnostic> {
        let located = |e: serde_yaml::Error| {
            let (hint, line, col) = crate::yaml_hint::explain(text, &e);
            let detail = format!(
                "{} (YAML: {})",
                messages::text(Msg::YamlHint { hint }),
                strip_location(&e.to_string())
            );
            let detail = detail.as_str();
            Diagnostic::error(path, line, col, messages::text(Msg::ConfigInvalid { detail }))
                .with_excerpt_from(text)
        };
        if text.trim().is_empty() {
            return Ok((Config::default(), Vec::new()));
        }
        let raw: serde_yaml::Value = serde_yaml::from_str(text).map_err(located)?;
        let mut warnings = Vec::new();
        if let serde_yaml::Value::Mapping(map) = &raw {
            for key in map.keys().filter_map(|k| k.as_str()) {
                if !KNOWN_KEYS.contains(&key) {
                    let suggestion = messages::did_you_mean(key, KNOWN_KEYS.iter().copied());
                    let line = key_line(text, key);
                    warnings.push(
                        Diagnostic::warning(
                            path,
                            line,
                            1,
                            messages::text(Msg::UnknownKey { key, suggestion }),
                        )
                        .with_excerpt_from(text),
                    );
                }
            }
        }
        let mut config: Config = serde_yaml::from_str(text).map_err(located)?;
        for tax in &mut config.taxonomies {
            if tax.title.is_empty() {
                tax.title = tax.name.clone();
            }
            // The same rule as a page's `path:`: a plain folder inside the output.
            let written = if tax.path.is_empty() { tax.name.clone() } else { tax.path.clone() };
            match crate::resolve::checked_path(&written) {
                Some(url) => tax.path = url.trim_matches('/').to_owned(),
                None => {
                    let line = value_line(text, &written);
                    let msg = messages::text(Msg::TaxonomyPathBad { value: &written });
                    return Err(Diagnostic::error(path, line, 0, msg).with_excerpt_from(text));
                }
            }
        }
        if config.theme.is_empty() {
            config.theme = DEFAULT_THEME.into();
        }
        let pace = config.broadcast.syllables_per_minute;
        if !(MIN_PACE..=MAX_PACE).contains(&pace) {
            let line = value_line(text, &pace.to_string());
            let msg = messages::text(Msg::PaceBad { value: pace, min: MIN_PACE, max: MAX_PACE });
            return Err(Diagnostic::error(path, line, 0, msg).with_excerpt_from(text));
        }
        if !config.base_url.is_empty() && !base_url_ok(&config.base_url) {
            let line = key_line(text, "base_url");
            let msg = messages::text(Msg::BaseUrlBad { value: &config.base_url });
            return Err(Diagnostic::error(path, line, 0, msg).with_excerpt_from(text));
        }
        // Menu links go into `href` attributes: only plain URLs.
        for item in config.menu_items() {
            let url = item.get("url").and_then(|u| u.as_str()).unwrap_or("");
            if !link_url_ok(url) {
                let line = value_line(text, url);
                let msg = messages::text(Msg::MenuUrlBad { value: url });
                return Err(Diagnostic::error(path, line, 0, msg).with_excerpt_from(text));
            }
        }
        Ok((config, warnings))
    }

    /// Every item of `extra.menu`, the site's and each language's.
    pub fn menu_items(&self) -> impl Iterator<Item = &serde_json::Value> {
        std::iter::once(&self.extra)
            .chain(self.languages.values().map(|l| &l.extra))
            .filter_map(|extra| extra.get("menu").and_then(|m| m.as_array()))
            .flatten()
    }

    /// `base_url` without a trailing slash, for absolute URLs.
    pub fn base(&self) -> &str {
        self.base_url.trim_end_matches('/')
    }

    /// The absolute URL of a site path such as `/van-ban/`.
    pub fn permalink(&self, url: &str) -> String {
        format!("{}{}", self.base(), url)
    }
}

/// Hosts reserved for examples (RFC 2606): a `base_url` there was never filled in.
const EXAMPLE_HOSTS: &[&str] = &["example.org", "example.com", "example.net"];

/// Is `url` still an example address, such as the skeleton's `https://example.org`?
pub fn is_example_url(url: &str) -> bool {
    let host = url.split("://").nth(1).unwrap_or(url).split(['/', ':']).next().unwrap_or("");
    EXAMPLE_HOSTS.iter().any(|h| host == *h || host.ends_with(&format!(".{h}")))
}

/// An absolute `http(s)://host[:port][/path]` without query, fragment, spaces or quotes.
pub fn base_url_ok(url: &str) -> bool {
    let rest = url.strip_prefix("https://").or_else(|| url.strip_prefix("http://"));
    let Some(rest) = rest else { return false };
    let host = rest.split('/').next().unwrap_or("");
    !host.is_empty()
        && !host.starts_with(':')
        && url.chars().all(|c| c.is_alphanumeric() || "-._~/:%@!$&()*+,;=[]".contains(c))
        && !url.contains(['?', '#'])
}

/// A link a menu may hold: a site path (`/gioi-thieu/`), an anchor, an http(s), mailto or
/// tel URL; never `javascript:` or text that could leave the `href` attribute.
pub fn link_url_ok(url: &str) -> bool {
    let plain = !url.is_empty()
        && !url.chars().any(|c| c.is_whitespace() || c.is_control() || "\"'<>`\\".contains(c));
    let scheme = url.split_once(':').map(|(s, _)| s.to_ascii_lowercase());
    let allowed = match scheme.as_deref() {
        Some("http" | "https" | "mailto" | "tel") => true,
        Some(s) => s.contains('/') || s.contains('#') || s.contains('?'),
        None => true,
    };
    plain && allowed
}

/// The 1-based line of the first `key: value` line whose value is `value` (0: none).
fn value_line(yaml: &str, value: &str) -> usize {
    yaml.lines()
        .position(|l| {
            l.split_once(':').is_some_and(|(_, v)| v.trim().trim_matches(['"', '\'']) == value.trim())
        })
        .map_or(0, |i| i + 1)
}

/// The 1-based line where top-level `key:` is written, or 0 when not found.
pub fn key_line(yaml: &str, key: &str) -> usize {
    yaml.lines()
        .position(|l| l.strip_prefix(key).is_some_and(|rest| rest.trim_start().starts_with(':')))
        .map_or(0, |i| i + 1)
}

/// The 1-based line of `key:` inside the top-level `block:` of a page (such as
/// `document:`), or of the block itself when the key is not written; 1 when neither is.
pub fn block_key_line(text: &str, block: &str, key: &str) -> usize {
    let mut block_line = 0;
    for (i, line) in text.lines().enumerate() {
        if block_line == 0 {
            if line.strip_prefix(block).is_some_and(|rest| rest.trim_start().starts_with(':')) {
                block_line = i + 1;
            }
            continue;
        }
        if !line.starts_with([' ', '\t']) && !line.trim().is_empty() {
            break;
        }
        if line.trim_start().strip_prefix(key).is_some_and(|rest| rest.trim_start().starts_with(':')) {
            return i + 1;
        }
    }
    block_line.max(1)
}

/// serde_yaml appends " at line X column Y"; we print the place ourselves.
pub fn strip_location(detail: &str) -> &str {
    match detail.find(" at line ") {
        Some(i) => &detail[..i],
        None => detail,
    }
}
