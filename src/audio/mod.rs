//! Audio bulletins: each bulletin's reading script spoken by a speech engine and encoded
//! as MP3 (or Ogg/Opus) beside its `kich-ban.txt`, for loudspeaker systems that play files.
//!
//! Hooked from the bulletin stage, which attaches audio already in the cache; `build`
//! makes what is missing (`synthesise`), `serve` makes it in the background
//! (`background`), `check` only says what is not installed (`probe`). Input: the
//! bulletins' scripts and `broadcast.audio`. Output: a `Track` per bulletin (file and
//! measured duration), written by the render stage. The parts: `settings` (config),
//! `command` (engine and encoder runner), `wav` (joining with pauses), `cache`,
//! `report` (messages, durations), `speak` (`loa speak`).

pub mod background;
pub mod cache;
pub mod command;
pub mod report;
pub mod settings;
pub mod speak;
pub mod wav;

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::bulletin::script::BlockKind;
use crate::bulletin::{Bulletin, Bulletins};
use crate::config::Config;
use crate::error::Diagnostic;
use crate::render::Output;
use crate::resolve::{Page, Site};
use command::{Engine, Failure, Tags};
pub use settings::{Format, Settings};
use wav::Pcm;

/// Base name of the audio file, beside the script (`kich-ban.txt`).
pub const FILE_STEM: &str = "kich-ban";

/// Silence before the first word: some loudspeaker systems clip the first moment.
const LEAD_IN: f64 = 0.3;

/// A bulletin's audio file, ready in the cache.
#[derive(Debug, Clone)]
pub struct Track {
    /// Site URL of the file: `/ban-tin/x/kich-ban.mp3`.
    pub url: String,
    /// The file in the cache.
    pub file: PathBuf,
    /// Duration measured from the audio.
    pub seconds: f64,
    pub format: Format,
}

/// One bulletin's audio to make.
#[derive(Debug, Clone)]
pub struct Request {
    pub key: String,
    /// The bulletin's source file, for messages.
    pub source: PathBuf,
    pub url: String,
    pub blocks: Vec<(BlockKind, String)>,
    pub title: String,
    pub artist: String,
}

/// Why one bulletin has no audio.
#[derive(Debug, Clone)]
pub enum Problem {
    Engine(Failure),
    Encoder(Failure),
    /// The engine command line in the config cannot be split into words.
    BadEngine(String),
    Cache {
        dir: String,
        detail: String,
    },
}

/// Makes audio with one site's settings.
#[derive(Debug, Clone)]
pub struct Maker {
    settings: Settings,
    engine: Result<Engine, String>,
    dir: PathBuf,
}

/// The site URL of a bulletin page's audio, when audio is on.
pub fn url(page: &Page, settings: &Settings) -> Option<String> {
    settings.enabled.then(|| format!("{}{FILE_STEM}.{}", page.url, settings.format.extension()))
}

impl Maker {
    /// The maker of a site's audio, or `None` when `broadcast.audio` is off.
    pub fn of(config: &Config) -> Option<Maker> {
        config.broadcast.audio.enabled.then(|| Maker::new(config))
    }

    /// A maker whatever `enabled` says (for `loa speak`).
    pub fn new(config: &Config) -> Maker {
        let b = &config.broadcast;
        let root = b.audio.root.clone().unwrap_or_else(|| PathBuf::from("."));
        let engine = Engine::new(&b.audio, b.dialect, b.syllables_per_minute.max(1), &root);
        Maker { settings: b.audio.clone(), engine, dir: cache::dir(&root) }
    }

    /// What to make for `bulletin`.
    pub fn request(&self, site: &Site, bulletin: &Bulletin) -> Request {
        let page = &site.pages[bulletin.page];
        let blocks: Vec<(BlockKind, String)> =
            bulletin.script.iter().map(|b| (b.kind, b.text.clone())).collect();
        let title = page.title.clone();
        let artist = site.config.organisation.clone();
        let url = format!("{}{FILE_STEM}.{}", page.url, self.settings.format.extension());
        let key = self.key(&blocks, &title, &artist);
        Request { key, source: page.parsed.source.shown.clone(), url, blocks, title, artist }
    }

    fn key(&self, blocks: &[(BlockKind, String)], title: &str, artist: &str) -> String {
        let s = &self.settings;
        let engine = self.engine.as_ref().map(Engine::shown).unwrap_or_default();
        let settings = format!(
            "{}|{}|{:.3}|{:.3}",
            s.format.extension(),
            s.bitrate(),
            s.paragraph_pause,
            s.heading_pause
        );
        let script: String = blocks.iter().map(|(k, t)| format!("{k:?}\t{t}\n")).collect();
        cache::key(&[&engine, &settings, title, artist, &script])
    }

    /// The cached audio of `req`, if it was made before.
    pub fn cached(&self, req: &Request) -> Option<Track> {
        let ext = self.settings.format.extension();
        let seconds = cache::lookup(&self.dir, &req.key, ext)?;
        let file = cache::file(&self.dir, &req.key, ext);
        Some(Track { url: req.url.clone(), file, seconds, format: self.settings.format })
    }

    /// The warning to give when audio is wanted for `count` bulletins (0: for a text of
    /// `loa speak`) but a program is missing or the engine cannot be read; `None` when
    /// all is in place.
    pub fn probe(&self, count: usize) -> Option<String> {
        let base = self.settings.root.clone().unwrap_or_else(|| PathBuf::from("."));
        let engine = match &self.engine {
            Err(detail) => return Some(report::problem(&Problem::BadEngine(detail.clone()))),
            Ok(e) => e,
        };
        if command::find_program(&engine.program, &base).is_none() {
            return Some(report::missing(&engine.program, true, count));
        }
        let encoder = command::encoder_program(self.settings.format);
        if command::find_program(encoder, &base).is_none() {
            return Some(report::missing(encoder, false, count));
        }
        None
    }

    /// Speaks `blocks` with pauses after each; the whole bulletin as one stream.
    pub fn pcm(&self, blocks: &[(BlockKind, String)]) -> Result<Pcm, Problem> {
        let engine = self.engine.as_ref().map_err(|d| Problem::BadEngine(d.clone()))?;
        let scratch = std::env::temp_dir();
        let mut all: Option<Pcm> = None;
        for (kind, text) in blocks {
            let part = engine.speak(text, &scratch).map_err(Problem::Engine)?;
            let all = all.get_or_insert_with(|| {
                let mut p = Pcm::like(&part);
                p.silence(LEAD_IN);
                p
            });
            all.append(&part).map_err(|problem| {
                let detail = crate::messages::text(crate::messages::Msg::AudioBadWav { problem });
                Problem::Engine(Failure::Failed { command: engine.shown(), detail })
            })?;
            let pause = match kind {
                BlockKind::Title | BlockKind::Heading => self.settings.heading_pause,
                _ => self.settings.paragraph_pause,
            };
            all.silence(pause);
        }
        all.ok_or_else(|| {
            Problem::Engine(Failure::Failed {
                command: engine.shown(),
                detail: crate::messages::text(crate::messages::Msg::AudioEmptyScript),
            })
        })
    }

    /// Encodes `pcm` into `out`.
    pub fn encode(&self, pcm: &Pcm, title: &str, artist: &str, out: &Path) -> Result<(), Problem> {
        let tags = Tags { title, artist };
        let limit = std::time::Duration::from_secs(self.settings.timeout.max(1));
        command::encode(pcm, self.settings.format, self.settings.bitrate(), &tags, out, limit)
            .map_err(Problem::Encoder)
    }

    /// Makes and caches the audio of `req`.
    pub fn make(&self, req: &Request) -> Result<Track, Problem> {
        let pcm = self.pcm(&req.blocks)?;
        let ext = self.settings.format.extension();
        let cache_err =
            |e: std::io::Error| Problem::Cache { dir: self.dir.display().to_string(), detail: e.to_string() };
        let scratch = cache::scratch(&self.dir, &req.key, ext).map_err(cache_err)?;
        if let Err(e) = self.encode(&pcm, &req.title, &req.artist, &scratch) {
            let _ = std::fs::remove_file(&scratch);
            return Err(e);
        }
        let seconds = pcm.seconds();
        let file = cache::store(&self.dir, &req.key, ext, &scratch, seconds).map_err(cache_err)?;
        Ok(Track { url: req.url.clone(), file, seconds, format: self.settings.format })
    }
}

/// Attaches the audio already in the cache to every bulletin (the bulletin stage's hook).
pub fn attach_cached(site: &Site, bulletins: &mut Bulletins) {
    let Some(maker) = Maker::of(&site.config) else { return };
    for b in &mut bulletins.list {
        b.audio = maker.cached(&maker.request(site, b));
    }
}

/// The bulletins that have no audio yet, and the maker for them (`None` when audio is off).
pub fn missing(site: &Site, bulletins: &Bulletins) -> Option<(Maker, Vec<Request>)> {
    let maker = Maker::of(&site.config)?;
    let reqs = bulletins.list.iter().filter(|b| b.audio.is_none()).map(|b| maker.request(site, b)).collect();
    Some((maker, reqs))
}

/// What is not installed for the audio still to make (for `check` and `build`).
pub fn probe(site: &Site, bulletins: &Bulletins) -> Vec<Diagnostic> {
    let Some((maker, reqs)) = missing(site, bulletins) else { return Vec::new() };
    if reqs.is_empty() {
        return Vec::new();
    }
    maker
        .probe(reqs.len())
        .map(|m| Diagnostic::warning(&site.config.file.shown, 0, 0, m))
        .into_iter()
        .collect()
}

/// Makes the audio every bulletin still lacks (`loa build`); one warning when a program
/// is missing, one per bulletin whose audio failed. Unused cache entries are removed.
pub fn synthesise(site: &Site, bulletins: &mut Bulletins, diags: &mut Vec<Diagnostic>) {
    let Some(maker) = Maker::of(&site.config) else { return };
    let todo: Vec<(usize, Request)> = (bulletins.list.iter().enumerate())
        .filter(|(_, b)| b.audio.is_none())
        .map(|(i, b)| (i, maker.request(site, b)))
        .collect();
    if todo.is_empty() {
    } else if let Some(m) = maker.probe(todo.len()) {
        diags.push(Diagnostic::warning(&site.config.file.shown, 0, 0, m));
    } else {
        // Speaking takes seconds per bulletin: show progress on a terminal.
        let progress = crate::progress::Progress::start(todo.len());
        let made: Vec<(usize, Request, Result<Track, Problem>)> = todo
            .into_par_iter()
            .map(|(i, r)| {
                let made = maker.make(&r);
                progress.tick();
                (i, r, made)
            })
            .collect();
        drop(progress);
        for (i, req, result) in made {
            match result {
                Ok(track) => bulletins.list[i].audio = Some(track),
                Err(p) => diags.push(Diagnostic::warning(&req.source, 0, 0, report::problem(&p))),
            }
        }
    }
    let used: HashSet<String> = bulletins.list.iter().map(|b| maker.request(site, b).key).collect();
    cache::prune(&maker.dir, &used);
}

/// The audio files of the bulletins that have one, as output files.
pub fn outputs(bulletins: &Bulletins) -> Vec<Output> {
    bulletins
        .list
        .iter()
        .filter_map(|b| b.audio.as_ref())
        .filter_map(|t| Some(Output { path: t.url[1..].to_owned(), bytes: std::fs::read(&t.file).ok()? }))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A site config whose engine prints `wav` (one second of silence at 8 kHz).
    fn config_with_engine(dir: &Path) -> Config {
        let wav = dir.join("one-second.wav");
        std::fs::write(&wav, Pcm { rate: 8000, channels: 1, samples: vec![0; 8000] }.to_wav()).expect("wav");
        let engine = dir.join("engine.sh");
        std::fs::write(&engine, format!("#!/bin/sh\ncat > /dev/null\ncat '{}'\n", wav.display()))
            .expect("engine");
        let mut perms = std::fs::metadata(&engine).expect("engine").permissions();
        std::os::unix::fs::PermissionsExt::set_mode(&mut perms, 0o755);
        std::fs::set_permissions(&engine, perms).expect("chmod");
        let mut config = Config::default();
        config.broadcast.audio =
            Settings { enabled: true, engine: engine.display().to_string(), ..Settings::default() };
        config.broadcast.audio.root = Some(dir.to_path_buf());
        config
    }

    #[test]
    fn blocks_are_joined_with_pauses_after_headings_and_paragraphs() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let mut config = config_with_engine(tmp.path());
        let blocks = [
            (BlockKind::Title, "Tin ngắn.".to_owned()),
            (BlockKind::Heading, "Tin chính.".to_owned()),
            (BlockKind::Paragraph, "Một.".to_owned()),
            (BlockKind::Item, "Hai.".to_owned()),
        ];
        // Lead-in, four seconds of speech, two heading pauses, two paragraph pauses.
        let pcm = Maker::new(&config).pcm(&blocks).expect("speaks");
        assert!((pcm.seconds() - (LEAD_IN + 4.0 + 2.0 * 1.2 + 2.0 * 0.7)).abs() < 1e-3, "{}", pcm.seconds());
        config.broadcast.audio.paragraph_pause = 2.0;
        config.broadcast.audio.heading_pause = 0.0;
        let pcm = Maker::new(&config).pcm(&blocks).expect("speaks");
        assert!((pcm.seconds() - (LEAD_IN + 4.0 + 4.0)).abs() < 1e-3, "{}", pcm.seconds());
    }

    #[test]
    fn settings_that_shape_the_audio_change_its_cache_key() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let config = config_with_engine(tmp.path());
        let blocks = [(BlockKind::Paragraph, "Một.".to_owned())];
        let key = |c: &Config| Maker::new(c).key(&blocks, "Tin", "Cơ sở");
        let base = key(&config);
        // The pace reaches espeak-ng as its speed (a custom engine gets it as `{rate}`).
        let mut espeak = config.clone();
        espeak.broadcast.audio.engine = settings::ESPEAK.into();
        let mut slower = espeak.clone();
        slower.broadcast.syllables_per_minute = 150;
        assert_ne!(key(&slower), key(&espeak));
        let mut opus = config.clone();
        opus.broadcast.audio.format = Format::Opus;
        let mut pause = config.clone();
        pause.broadcast.audio.paragraph_pause = 1.0;
        for other in [&espeak, &opus, &pause] {
            assert_ne!(key(other), base);
        }
        assert_eq!(key(&config.clone()), base);
    }
}
