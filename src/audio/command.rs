//! The external programs: the speech engine (text on standard input → WAV) and the
//! encoder (WAV → MP3 or Opus). Both are Debian packages; nothing is downloaded.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use std::time::{Duration, Instant};

use super::settings::{Format, Settings, ESPEAK};
use super::wav::{self, Pcm};
use crate::messages::{self, Msg};
use crate::speech::Dialect;

/// Programs loa runs and the Debian package that installs each.
const PACKAGES: &[(&str, &str)] = &[("espeak-ng", "espeak-ng"), ("lame", "lame"), ("opusenc", "opus-tools")];

/// espeak-ng speed (its "words" a minute) → Vietnamese syllables a minute it really
/// speaks, its own sentence pauses included: measured with espeak-ng 1.51 on a real
/// bulletin script of 373 syllables (bench/audio.sh's site, bulletin 02).
const ESPEAK_PACE: &[(u32, u32)] =
    &[(80, 110), (100, 130), (130, 171), (175, 234), (250, 341), (350, 511), (450, 599)];

/// Why a program could not do its job.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Failure {
    /// The program is not installed (not on `PATH`).
    Missing { program: String },
    /// It ran and failed, or wrote something unusable.
    Failed { command: String, detail: String },
}

/// The Debian package that installs `program`, when loa knows it.
pub fn package_of(program: &str) -> Option<&'static str> {
    let name = Path::new(program).file_name()?.to_str()?;
    PACKAGES.iter().find(|(p, _)| *p == name).map(|(_, pkg)| *pkg)
}

/// A program found on `PATH`, or given as a path (relative ones from `base`, the site).
pub fn find_program(program: &str, base: &Path) -> Option<PathBuf> {
    let is_exec = |p: &Path| {
        use std::os::unix::fs::PermissionsExt;
        p.is_file() && std::fs::metadata(p).is_ok_and(|m| m.permissions().mode() & 0o111 != 0)
    };
    if program.contains('/') {
        let p = base.join(program);
        return is_exec(&p).then_some(p);
    }
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path).map(|d| d.join(program)).find(|p| is_exec(p))
}

/// The espeak-ng speed that speaks about `pace` syllables a minute.
pub fn espeak_speed(pace: u32) -> u32 {
    let (first, last) = (ESPEAK_PACE[0], ESPEAK_PACE[ESPEAK_PACE.len() - 1]);
    if pace <= first.1 {
        return first.0;
    }
    if pace >= last.1 {
        return last.0;
    }
    let i = ESPEAK_PACE.windows(2).position(|w| pace <= w[1].1).unwrap_or(0);
    let ((s0, p0), (s1, p1)) = (ESPEAK_PACE[i], ESPEAK_PACE[i + 1]);
    s0 + (s1 - s0) * (pace - p0) / (p1 - p0).max(1)
}

/// A speech engine: a program and its arguments, with `{out}` and `{rate}` filled in per run.
#[derive(Debug, Clone)]
pub struct Engine {
    /// As written in the config (shown in messages).
    pub program: String,
    args: Vec<String>,
    /// Folder that relative program paths start from: the site's root.
    base: PathBuf,
    /// The longest one run may take before it is stopped.
    limit: Duration,
}

impl Engine {
    /// The engine `settings` ask for; `Err` when the command line cannot be split.
    pub fn new(settings: &Settings, dialect: Dialect, pace: u32, base: &Path) -> Result<Engine, String> {
        let engine = settings.engine.trim();
        let words = if engine == ESPEAK || engine.is_empty() {
            let speed = espeak_speed(pace).to_string();
            let voice = settings.voice(dialect);
            [ESPEAK, "-v", &voice, "-s", &speed, "--stdin", "--stdout"].map(str::to_owned).to_vec()
        } else {
            let words = shlex::split(engine).filter(|w| !w.is_empty());
            words.ok_or_else(|| messages::text(Msg::AudioEngineUnsplit { engine }))?
        };
        let rate = pace.to_string();
        let args = words[1..].iter().map(|a| a.replace("{rate}", &rate)).collect();
        let limit = Duration::from_secs(settings.timeout.max(1));
        Ok(Engine { program: words[0].clone(), args, base: base.to_path_buf(), limit })
    }

    /// The command line as shown in messages and hashed for the cache.
    pub fn shown(&self) -> String {
        std::iter::once(self.program.as_str())
            .chain(self.args.iter().map(String::as_str))
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// Speaks one block of text; `scratch` is a folder for `{out}` files.
    pub fn speak(&self, text: &str, scratch: &Path) -> Result<Pcm, Failure> {
        let out = scratch.join(format!("engine-{}.wav", unique()));
        let to_file = self.args.iter().any(|a| a.contains("{out}"));
        let args: Vec<String> =
            self.args.iter().map(|a| a.replace("{out}", &out.display().to_string())).collect();
        let ran = run(&self.program, &self.base, &args, text.as_bytes(), &self.shown(), self.limit);
        // The `{out}` file goes whatever happened, so failed runs leave nothing behind.
        let written = to_file.then(|| std::fs::read(&out));
        if to_file {
            let _ = std::fs::remove_file(&out);
        }
        let bytes = match (ran?, written) {
            (_, Some(read)) => read.map_err(|e| self.failed(format!("`{}`: {e}", out.display())))?,
            (stdout, None) => stdout,
        };
        wav::read(&bytes).map_err(|problem| self.failed(messages::text(Msg::AudioBadWav { problem })))
    }

    fn failed(&self, detail: String) -> Failure {
        Failure::Failed { command: self.shown(), detail }
    }
}

/// The encoder program of a format.
pub fn encoder_program(format: Format) -> &'static str {
    match format {
        Format::Mp3 => "lame",
        Format::Opus => "opusenc",
    }
}

/// Tags written into the file, shown by players and loudspeaker systems.
pub struct Tags<'a> {
    pub title: &'a str,
    pub artist: &'a str,
}

/// Encodes `pcm` into `out` with the system encoder of `format`, within `limit`.
pub fn encode(
    pcm: &Pcm,
    format: Format,
    bitrate: u32,
    tags: &Tags,
    out: &Path,
    limit: Duration,
) -> Result<(), Failure> {
    let program = encoder_program(format);
    let kbps = bitrate.to_string();
    let out_s = out.display().to_string();
    let mut args: Vec<&str> = match format {
        // Mono at a speech bitrate; `-` reads the WAV from standard input.
        // MPEG-1 at 44.1 kHz is what every hardware decoder of a loudspeaker system takes.
        Format::Mp3 => vec!["--quiet", "-m", "m", "--resample", "44.1", "-b", &kbps, "--tt", tags.title],
        Format::Opus => vec!["--quiet", "--bitrate", &kbps, "--title", tags.title],
    };
    if !tags.artist.is_empty() {
        args.extend([if format == Format::Mp3 { "--ta" } else { "--artist" }, tags.artist]);
    }
    args.extend(["-", &out_s]);
    let args: Vec<String> = args.into_iter().map(str::to_owned).collect();
    let shown = format!("{program} {}", args.join(" "));
    run(program, Path::new("."), &args, &pcm.to_wav(), &shown, limit)?;
    match std::fs::metadata(out) {
        Ok(m) if m.len() > 0 => Ok(()),
        _ => Err(Failure::Failed {
            command: shown,
            detail: messages::text(Msg::AudioNoOutput { path: &out_s }),
        }),
    }
}

/// Runs `program` with `input` on standard input; returns its standard output.
fn run(
    program: &str,
    base: &Path,
    args: &[String],
    input: &[u8],
    shown: &str,
    limit: Duration,
) -> Result<Vec<u8>, Failure> {
    let Some(path) = find_program(program, base) else {
        return Err(Failure::Missing { program: program.to_owned() });
    };
    let failed = |detail: String| Failure::Failed { command: shown.to_owned(), detail };
    let mut child = Command::new(path)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| failed(e.to_string()))?;
    // Feed and drain at once: a full pipe on either side would stall both programs.
    let mut stdin = child.stdin.take();
    let input = input.to_vec();
    let writer = std::thread::spawn(move || {
        if let Some(s) = stdin.as_mut() {
            let _ = s.write_all(&input);
        }
    });
    let mut stderr = child.stderr.take();
    let err_reader = std::thread::spawn(move || {
        let mut buf = Vec::new();
        if let Some(s) = stderr.as_mut() {
            let _ = s.read_to_end(&mut buf);
        }
        buf
    });
    let mut out = child.stdout.take();
    let out_reader = std::thread::spawn(move || {
        let mut buf = Vec::new();
        if let Some(s) = out.as_mut() {
            let _ = s.read_to_end(&mut buf);
        }
        buf
    });
    // A stuck engine must not hang the build: stop it after `limit`.
    let start = Instant::now();
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break status,
            Ok(None) if start.elapsed() > limit => {
                let _ = child.kill();
                let _ = child.wait();
                let seconds = limit.as_secs();
                return Err(failed(messages::text(Msg::AudioTimedOut { seconds })));
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(5)),
            Err(e) => return Err(failed(e.to_string())),
        }
    };
    let stdout = out_reader.join().unwrap_or_default();
    let _ = writer.join();
    let err = err_reader.join().unwrap_or_default();
    if !status.success() {
        let err = String::from_utf8_lossy(&err);
        let last = err.lines().rev().find(|l| !l.trim().is_empty()).unwrap_or("").trim();
        let code = status.code().map_or_else(|| "signal".to_owned(), |c| c.to_string());
        let detail = messages::text(Msg::AudioExit { code: &code, last });
        return Err(failed(detail));
    }
    Ok(stdout)
}

/// A name part no other run of this process uses at the same time.
pub fn unique() -> String {
    use std::sync::atomic::{AtomicUsize, Ordering};
    static N: AtomicUsize = AtomicUsize::new(0);
    format!("{}-{}", std::process::id(), N.fetch_add(1, Ordering::Relaxed))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn espeak_speed_follows_the_measured_pace() {
        assert_eq!(espeak_speed(180), 136);
        assert_eq!(espeak_speed(233), 174);
        assert_eq!(espeak_speed(60), 80);
        assert_eq!(espeak_speed(2000), 450);
        assert!((130..175).contains(&espeak_speed(200)));
    }

    #[test]
    fn engine_command_lines_fill_in_the_rate() {
        let s = Settings {
            engine: "piper --model 'a b.onnx' --rate {rate} -f {out}".into(),
            ..Settings::default()
        };
        let e = Engine::new(&s, Dialect::North, 180, Path::new(".")).expect("splits");
        assert_eq!(e.shown(), "piper --model a b.onnx --rate 180 -f {out}");
        let bad = Settings { engine: "piper 'unclosed".into(), ..Settings::default() };
        assert!(Engine::new(&bad, Dialect::North, 180, Path::new(".")).is_err());
        let default =
            Engine::new(&Settings::default(), Dialect::South, 180, Path::new(".")).expect("default");
        assert_eq!(default.shown(), "espeak-ng -v vi-vn-x-south -s 136 --stdin --stdout");
    }

    #[test]
    fn known_programs_name_their_package() {
        assert_eq!(package_of("espeak-ng"), Some("espeak-ng"));
        assert_eq!(package_of("/usr/bin/opusenc"), Some("opus-tools"));
        assert_eq!(package_of("say"), None);
    }
}
