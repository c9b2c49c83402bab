//! `loa speak`: any text spoken into an audio file, with the site's engine and settings
//! (the same pauses and pace as the bulletins), without the cache.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

use anyhow::{anyhow, Result};

use super::{report, Format, Maker};
use crate::messages::{self, Msg};

/// The audio of a text.
pub struct Spoken {
    pub bytes: Vec<u8>,
    pub seconds: f64,
    /// What the reader would stumble over (as `loa read-aloud` reports it).
    /// With their 1-based line and column in the text.
    pub leftovers: Vec<(String, usize, usize)>,
    pub format: Format,
}

/// Speaks `text` (plain text or Markdown) as the bulletins of the site at `root` would be.
pub fn speak(root: &Path, text: &str, title: &str, format: Option<Format>) -> Result<Spoken> {
    let (blocks, leftovers, mut config) = crate::script_of(root, text);
    let format = format.unwrap_or(config.broadcast.audio.format);
    config.broadcast.audio.format = format;
    config.broadcast.audio.root = Some(root.to_path_buf());
    let maker = Maker::new(&config);
    if let Some(m) = maker.probe(0) {
        return Err(anyhow!(m));
    }
    let blocks: Vec<_> = blocks.into_iter().map(|b| (b.kind, b.text)).collect();
    let pcm = maker.pcm(&blocks).map_err(|p| anyhow!(report::problem(&p)))?;
    let out =
        std::env::temp_dir().join(format!("loa-speak-{}.{}", super::command::unique(), format.extension()));
    let encoded = maker.encode(&pcm, title, &config.organisation, &out).map(|()| std::fs::read(&out));
    let _ = std::fs::remove_file(&out);
    let bytes = encoded.map_err(|p| anyhow!(report::problem(&p)))??;
    Ok(Spoken { bytes, seconds: pcm.seconds(), leftovers, format })
}

/// `loa speak [FILE|-] [-o OUT] [--format F] [--root DIR]`: reads the text, writes the audio.
pub fn run(
    file: Option<PathBuf>,
    output: Option<PathBuf>,
    format: Option<String>,
    root: &Path,
) -> Result<()> {
    let from_stdin = file.as_ref().is_none_or(|f| f.as_os_str() == "-");
    let text = match &file {
        Some(path) if !from_stdin => {
            std::fs::read(path).map(|b| String::from_utf8_lossy(&b).into_owned()).map_err(|e| {
                anyhow!("{}: {e}", messages::text(Msg::ReadFailed { path: &path.display().to_string() }))
            })?
        }
        _ => std::io::read_to_string(std::io::stdin())?,
    };
    let by_extension = |p: &Path| match p.extension().and_then(|e| e.to_str()) {
        Some("opus" | "ogg") => Some(Format::Opus),
        Some("mp3") => Some(Format::Mp3),
        _ => None,
    };
    let format = match format.as_deref() {
        Some("opus" | "ogg") => Some(Format::Opus),
        Some(_) => Some(Format::Mp3),
        None => output.as_deref().and_then(by_extension),
    };
    let to_stdout = output.as_ref().map_or(from_stdin, |o| o.as_os_str() == "-");
    if to_stdout && std::io::stdout().is_terminal() {
        return Err(anyhow!(messages::text(Msg::SpeakToTerminal)));
    }
    let title = match &file {
        Some(f) if !from_stdin => f.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default(),
        _ => String::new(),
    };
    let spoken = speak(root, &text, &title, format)?;
    let output = match (output, &file) {
        (Some(o), _) => o,
        (None, Some(f)) if !from_stdin => f.with_extension(spoken.format.extension()),
        _ => PathBuf::from("-"),
    };
    let shown = if from_stdin {
        "-".to_owned()
    } else {
        file.as_ref().map(|f| f.display().to_string()).unwrap_or_default()
    };
    for (what, line, col) in &spoken.leftovers {
        let (label, msg) =
            (messages::text(Msg::WarningLabel), messages::text(Msg::BulletinLeftover { what }));
        eprintln!("{shown}:{line}:{col}: {label}: {msg}");
    }
    if to_stdout {
        std::io::stdout().write_all(&spoken.bytes)?;
    } else {
        std::fs::write(&output, &spoken.bytes).map_err(|e| anyhow!("`{}`: {e}", output.display()))?;
        let path = output.display().to_string();
        eprintln!(
            "{}",
            messages::text(Msg::SpeakWrote { path: &path, seconds: spoken.seconds.round() as u64 })
        );
    }
    Ok(())
}
