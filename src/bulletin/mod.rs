//! Loudspeaker bulletins: air date and slot, the reading script, reading time, schedule.
//!
//! Runs after documents are linked (a script speaks document numbers from their
//! metadata). Input: bulletin pages. Output: `Bulletins`, rendered as a screen page,
//! an A4 print page, a `.txt` script beside them, and a schedule page.

pub mod script;

use std::collections::HashMap;

use chrono::NaiveDate;
use rayon::prelude::*;
use serde::Deserialize;

use crate::document::Documents;
use crate::error::Diagnostic;
use crate::messages::{self, Msg};
use crate::resolve::{Page, Site};
use script::Block;

/// The top-level folder whose pages are bulletins.
pub const SECTION: &str = "ban-tin";
/// File name of the reading script, beside the bulletin's page.
pub const SCRIPT_FILE: &str = "kich-ban.txt";

/// One bulletin with its script and reading time.
#[derive(Debug)]
pub struct Bulletin {
    /// Index into `Site::pages`.
    pub page: usize,
    pub air_date: NaiveDate,
    /// Buổi phát: "sáng", "chiều"…
    pub slot: String,
    pub target_minutes: Option<f64>,
    pub announcer: Option<String>,
    pub script: Vec<Block>,
    pub syllables: usize,
    /// Estimated reading time in seconds.
    pub seconds: u64,
    /// The audio file, when `broadcast.audio` is on and it has been made.
    pub audio: Option<crate::audio::Track>,
}

/// Every bulletin of the site.
#[derive(Debug, Default)]
pub struct Bulletins {
    pub list: Vec<Bulletin>,
    /// Page index → index into `list`.
    pub of_page: HashMap<usize, usize>,
    /// Syllables a minute used for the estimates.
    pub pace: u32,
}

#[derive(Deserialize, Default)]
#[serde(default, deny_unknown_fields)]
struct Front {
    air_date: Option<serde_yaml::Value>,
    slot: Option<String>,
    target_minutes: Option<f64>,
    announcer: Option<String>,
}

/// Is this page a bulletin (in `ban-tin/` or with a `bulletin:` block)?
pub fn is_bulletin(page: &Page) -> bool {
    page.parsed.front.bulletin.is_some() || crate::resolve::in_top_folder(&page.parsed.source.rel, SECTION)
}

/// URL of a bulletin's print page.
pub fn print_url(page: &Page) -> String {
    format!("{}in/", page.url)
}

/// URL of a bulletin's reading script.
pub fn script_url(page: &Page) -> String {
    format!("{}{SCRIPT_FILE}", page.url)
}

/// URL of the schedule page.
pub fn schedule_url(site: &Site) -> String {
    let base = site.top_section(SECTION).map_or("/", |s| site.sections[s].url.as_str());
    format!("{base}lich-phat/")
}

/// Makes the bulletins' extra URLs known, so Markdown may link to them.
pub fn attach(site: &mut Site) {
    let audio = &site.config.broadcast.audio;
    let urls: Vec<String> = site
        .pages
        .iter()
        .filter(|p| is_bulletin(p))
        .flat_map(|p| [Some(print_url(p)), Some(script_url(p)), crate::audio::url(p, audio)])
        .flatten()
        .collect();
    if urls.is_empty() {
        return;
    }
    site.targets.urls.extend(urls);
    let schedule = schedule_url(site);
    site.targets.urls.insert(schedule_print_url(site));
    site.targets.urls.insert(schedule);
}

/// URL of the combined print of the schedule (one day or one week, chosen by `#ngay-…`
/// or `#tuan-…`).
pub fn schedule_print_url(site: &Site) -> String {
    format!("{}in/", schedule_url(site))
}

/// The ISO week of a date as the combined print names it: `2023-W10`.
pub fn week_id(date: chrono::NaiveDate) -> String {
    let w = chrono::Datelike::iso_week(&date);
    format!("{}-W{:02}", w.year(), w.week())
}

fn field_line(text: &str, key: &str) -> usize {
    crate::config::block_key_line(text, "bulletin", key)
}

/// Reads every bulletin's settings and writes its script; reports problems.
pub fn index(site: &Site, docs: &Documents, diags: &mut Vec<Diagnostic>) -> Bulletins {
    let cfg = &site.config.broadcast;
    let pace = cfg.syllables_per_minute.max(1);
    let abbreviations: Vec<(String, String)> =
        cfg.abbreviations.iter().map(|(k, v)| (k.clone(), v.clone())).collect();
    let lookup = |key: &str| {
        docs.spoken(key).map(|d| crate::speech::KnownDoc {
            kind_name: d.kind.name.to_owned(),
            num: d.number.num,
            issuer: d.issuer.clone(),
        })
    };
    let results: Vec<(Option<Bulletin>, Vec<Diagnostic>)> = site
        .pages
        .par_iter()
        .enumerate()
        .filter(|(_, p)| is_bulletin(p))
        .map(|(pi, page)| {
            let opts = crate::speech::Options {
                dialect: cfg.dialect,
                abbreviations: &abbreviations,
                documents: &lookup,
            };
            read(pi, page, pace, &opts)
        })
        .collect();
    let mut out = Bulletins { pace, ..Default::default() };
    for (b, d) in results {
        diags.extend(d);
        if let Some(b) = b {
            out.of_page.insert(b.page, out.list.len());
            out.list.push(b);
        }
    }
    crate::audio::attach_cached(site, &mut out);
    out
}

fn read(
    pi: usize,
    page: &Page,
    pace: u32,
    opts: &crate::speech::Options,
) -> (Option<Bulletin>, Vec<Diagnostic>) {
    let src = &page.parsed.source;
    let mut diags = Vec::new();
    let at = |key: &str, msg: String| {
        Diagnostic::error(&src.shown, field_line(&src.text, key), 1, msg).with_excerpt_from(&src.text)
    };
    let front: Front = match &page.parsed.front.bulletin {
        None => {
            diags.push(Diagnostic::error(&src.shown, 1, 1, messages::text(Msg::BulletinMissing)));
            return (None, diags);
        }
        Some(v) => match Front::deserialize(v) {
            Ok(f) => f,
            Err(e) => {
                let msg = crate::parse::block_error(&e, v, "bulletin", "air_date, slot, target_minutes");
                diags.push(at("bulletin", msg));
                return (None, diags);
            }
        },
    };
    let air_date = match front.air_date.as_ref().map(crate::date::from_yaml) {
        None | Some(Ok(None)) => {
            let msg = Msg::BlockFieldMissing { block: "bulletin", field: "air_date" };
            diags.push(at("bulletin", messages::text(msg)));
            None
        }
        Some(Ok(date)) => date,
        Some(Err(text)) => {
            diags.push(at("air_date", messages::text(Msg::BadDate { value: &text })));
            None
        }
    };
    // `.nan` and `.inf` arrive as null (JSON has no such numbers): not a duration either.
    let written_null = page
        .parsed
        .front
        .bulletin
        .as_ref()
        .and_then(|v| v.get("target_minutes"))
        .is_some_and(|t| t.is_null());
    if written_null || front.target_minutes.is_some_and(|t| t <= 0.0 || !t.is_finite()) {
        let detail = "`target_minutes` must be a positive number of minutes, such as 5";
        diags.push(at("target_minutes", messages::text(Msg::FrontMatterInvalid { detail })));
        return (None, diags);
    }
    let Some(air_date) = air_date else { return (None, diags) };

    let (script, leftovers) = script::script(Some(&page.title), page.parsed.body(), opts);
    let syllables: usize = script.iter().map(|b| crate::speech::syllables(&b.text)).sum();
    let seconds = (syllables as u64 * 60).div_ceil(u64::from(pace));
    if let Some(target) = front.target_minutes {
        if seconds as f64 > target * 60.0 {
            let time = duration_text(seconds);
            let msg =
                messages::text(Msg::BulletinOverTarget { time: &time, target: &format_minutes(target) });
            diags.push(
                Diagnostic::warning(&src.shown, field_line(&src.text, "target_minutes"), 1, msg)
                    .with_excerpt_from(&src.text),
            );
        }
    }
    for l in &leftovers {
        let from = l.at.map_or(0, |a| page.parsed.body_start + a);
        let (line, col) = script::line_col(&src.text, from, &l.what);
        let msg = messages::text(Msg::BulletinLeftover { what: &l.what });
        diags.push(Diagnostic::warning(&src.shown, line, col, msg).with_excerpt_from(&src.text));
    }
    let bulletin = Bulletin {
        page: pi,
        air_date,
        slot: front.slot.unwrap_or_default().trim().to_owned(),
        target_minutes: front.target_minutes,
        announcer: front.announcer.filter(|a| !a.trim().is_empty()),
        script,
        syllables,
        seconds,
        audio: None,
    };
    (Some(bulletin), diags)
}

fn format_minutes(m: f64) -> String {
    if m.fract() == 0.0 {
        format!("{m:.0}")
    } else {
        format!("{m}").replace('.', ",")
    }
}

/// "4 phút 30 giây", rounded to five seconds: an estimate should not look precise.
pub fn duration_text(seconds: u64) -> String {
    let s = seconds.div_ceil(5) * 5;
    match (s / 60, s % 60) {
        (0, sec) => format!("{sec} giây"),
        (min, 0) => format!("{min} phút"),
        (min, sec) => format!("{min} phút {sec} giây"),
    }
}

/// How an announcement greets its listeners: not what it is about, so never its summary.
const GREETINGS: &[&str] =
    &["kính thưa", "thưa toàn thể", "thưa các", "kính gửi", "xin kính chào", "xin chào"];

/// Is this paragraph only the greeting ("Kính thưa toàn thể cán bộ…")?
pub fn is_greeting(paragraph: &str) -> bool {
    let lower = paragraph.trim_start().to_lowercase();
    GREETINGS.iter().any(|g| lower.starts_with(g)) && lower.chars().count() < 200
}

/// Order of the slots in a day; unknown slots come last, by name.
pub fn slot_rank(slot: &str) -> usize {
    match crate::slug::slugify(slot).as_str() {
        "sang" => 0,
        "trua" => 1,
        "chieu" => 2,
        "toi" => 3,
        _ => 4,
    }
}

/// The reading script as written to `kich-ban.txt`: UTF-8 with a byte-order mark and
/// Windows line endings, so Notepad and a browser opening it from disk both read it as
/// UTF-8 (without the mark, a browser guesses a legacy encoding and garbles the letters).
pub fn script_file(b: &Bulletin) -> Vec<u8> {
    let text = script_text(b).replace('\n', "\r\n");
    let mut bytes = Vec::with_capacity(text.len() + 3);
    bytes.extend_from_slice("\u{feff}".as_bytes());
    bytes.extend_from_slice(text.as_bytes());
    bytes
}

/// The plain-text reading script: the spoken blocks, a blank line between them.
pub fn script_text(b: &Bulletin) -> String {
    script::join(&b.script)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_read_like_a_person_says_them() {
        assert_eq!(duration_text(42), "45 giây");
        assert_eq!(duration_text(60), "1 phút");
        assert_eq!(duration_text(271), "4 phút 35 giây");
    }

    #[test]
    fn slots_order_morning_to_evening() {
        let mut slots = vec!["tối", "Sáng", "chiều", "trưa"];
        slots.sort_by_key(|s| slot_rank(s));
        assert_eq!(slots, ["Sáng", "trưa", "chiều", "tối"]);
    }
}
