//! `broadcast.audio` in `config.yaml`: `true`, or a block of settings.

use std::path::PathBuf;

use serde::{Deserialize, Deserializer, Serialize};

use crate::messages::{self, Msg};
use crate::speech::Dialect;

/// The engine name that selects the built-in espeak-ng command line.
pub const ESPEAK: &str = "espeak-ng";

/// espeak-ng's Vietnamese voice for each dialect the scripts are written in.
const VOICES: &[(Dialect, &str)] = &[(Dialect::North, "vi"), (Dialect::South, "vi-vn-x-south")];

/// Audio file formats: (format, file extension, MIME type, default bitrate in kbit/s).
pub const FORMATS: &[(Format, &str, &str, u32)] =
    &[(Format::Mp3, "mp3", "audio/mpeg", 64), (Format::Opus, "opus", "audio/ogg", 32)];

/// The format of the audio files.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    /// MP3: every loudspeaker system, phone and browser plays it.
    #[default]
    Mp3,
    /// Ogg/Opus: smaller at the same quality; browsers and newer systems play it.
    #[serde(alias = "ogg")]
    Opus,
}

impl Format {
    fn row(self) -> &'static (Format, &'static str, &'static str, u32) {
        FORMATS.iter().find(|r| r.0 == self).unwrap_or(&FORMATS[0])
    }

    /// File extension, without the dot.
    pub fn extension(self) -> &'static str {
        self.row().1
    }

    /// MIME type for the `<audio>` element and the server.
    pub fn mime(self) -> &'static str {
        self.row().2
    }

    fn default_bitrate(self) -> u32 {
        self.row().3
    }
}

/// Settings of the audio bulletins.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Settings {
    /// Make an audio file per bulletin (off by default).
    pub enabled: bool,
    pub format: Format,
    /// `espeak-ng` (built in), or a command line that reads the script on standard input
    /// and writes WAV to standard output, or to `{out}`; `{rate}` is syllables a minute.
    pub engine: String,
    /// espeak-ng voice; by default the one of `broadcast.dialect`.
    pub voice: Option<String>,
    /// Encoder bitrate in kbit/s; 64 for MP3, 32 for Opus by default.
    pub bitrate: Option<u32>,
    /// Silence after a paragraph, list item or table row, in seconds.
    pub paragraph_pause: f64,
    /// Silence after the title and headings, in seconds.
    pub heading_pause: f64,
    /// Seconds one run of the engine (one block) or the encoder may take before it is
    /// stopped; a slow neural voice on an old PC stays well under the default.
    pub timeout: u64,
    /// The site's folder, for the cache and relative engine paths (set by the build).
    #[serde(skip)]
    pub root: Option<PathBuf>,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            enabled: false,
            format: Format::Mp3,
            engine: ESPEAK.into(),
            voice: None,
            bitrate: None,
            paragraph_pause: 0.7,
            heading_pause: 1.2,
            timeout: 300,
            root: None,
        }
    }
}

impl Settings {
    /// The espeak-ng voice to use.
    pub fn voice(&self, dialect: Dialect) -> String {
        self.voice
            .clone()
            .unwrap_or_else(|| VOICES.iter().find(|(d, _)| *d == dialect).map_or("vi", |(_, v)| v).to_owned())
    }

    /// The encoder bitrate in kbit/s.
    pub fn bitrate(&self) -> u32 {
        self.bitrate.unwrap_or_else(|| self.format.default_bitrate())
    }
}

/// `audio: true`/`false`, or a block of settings (which turns audio on unless it says
/// `enabled: false`).
pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Settings, D::Error> {
    let value = serde_yaml::Value::deserialize(d)?;
    match value {
        serde_yaml::Value::Bool(on) => Ok(Settings { enabled: on, ..Settings::default() }),
        serde_yaml::Value::Null => Ok(Settings::default()),
        serde_yaml::Value::Mapping(map) => {
            let has_enabled = map.contains_key("enabled");
            let mut s = Settings::deserialize(serde_yaml::Value::Mapping(map))
                .map_err(|e| serde::de::Error::custom(format!("`audio`: {e}")))?;
            if !has_enabled {
                s.enabled = true;
            }
            Ok(s)
        }
        _ => Err(serde::de::Error::custom(messages::text(Msg::AudioSettingShape))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(yaml: &str) -> Settings {
        #[derive(Deserialize)]
        struct W {
            #[serde(deserialize_with = "deserialize")]
            audio: Settings,
        }
        serde_yaml::from_str::<W>(yaml).expect("parses").audio
    }

    #[test]
    fn true_or_a_block_turns_audio_on() {
        assert!(parse("audio: true").enabled);
        assert!(!parse("audio: false").enabled);
        let s = parse("audio:\n  format: opus\n  paragraph_pause: 1.5");
        assert!(s.enabled);
        assert_eq!((s.format, s.paragraph_pause, s.bitrate()), (Format::Opus, 1.5, 32));
        assert!(!parse("audio:\n  enabled: false\n  format: ogg").enabled);
    }

    #[test]
    fn voice_follows_the_dialect() {
        let s = Settings::default();
        assert_eq!(s.voice(Dialect::North), "vi");
        assert_eq!(s.voice(Dialect::South), "vi-vn-x-south");
    }
}
