//! Audio bulletins (`broadcast.audio`): real espeak-ng, lame and opusenc make a file per
//! bulletin; the files are read frame by frame (not by the encoder that wrote them) and
//! played by Chromium from `file://`; the cache, missing and failing tools, `loa speak`.
//!
//! Without espeak-ng, lame or opusenc these tests fail under CI (`CI` set) and are
//! skipped, loudly, elsewhere (`apt-get install espeak-ng lame opus-tools`).

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::{Duration, Instant};

use crate::browser::{chromium, file_url, Browser};
use crate::support::Fixture;

/// The tools the audio tests need, or `None` (after a loud message) outside CI.
fn tools() -> Option<()> {
    let missing: Vec<&str> = ["espeak-ng", "lame", "opusenc"]
        .into_iter()
        .filter(|t| !["/usr/bin", "/usr/local/bin"].iter().any(|d| Path::new(d).join(t).is_file()))
        .collect();
    if missing.is_empty() {
        return Some(());
    }
    let ci = std::env::var_os("CI").is_some_and(|v| !v.is_empty());
    assert!(!ci, "audio tests need {missing:?} under CI (apt-get install espeak-ng lame opus-tools)");
    eprintln!("\n*** SKIPPED audio test: {missing:?} not installed (apt-get install espeak-ng lame opus-tools) ***\n");
    None
}

/// Duration of an MP3 file, from its frame headers; panics on anything that is not MP3.
fn mp3_seconds(bytes: &[u8]) -> f64 {
    let mut at = 0;
    if bytes.starts_with(b"ID3") {
        let size = bytes[6..10].iter().fold(0usize, |n, &b| (n << 7) | usize::from(b & 0x7f));
        at = 10 + size;
    }
    let (mut frames, mut samples) = (0usize, 0f64);
    while at + 4 <= bytes.len() {
        let h = &bytes[at..at + 4];
        if h[0] != 0xff || h[1] & 0xe0 != 0xe0 {
            break;
        }
        let version = (h[1] >> 3) & 3; // 3: MPEG-1, 2: MPEG-2, 0: MPEG-2.5
        assert_eq!((h[1] >> 1) & 3, 1, "layer III frame at byte {at}");
        let (rates, kbps): ([u32; 3], [u32; 15]) = if version == 3 {
            ([44100, 48000, 32000], [0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320])
        } else {
            let r = if version == 2 { [22050, 24000, 16000] } else { [11025, 12000, 8000] };
            (r, [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160])
        };
        let bitrate = kbps[usize::from(h[2] >> 4).min(14)] * 1000;
        let rate = rates[usize::from((h[2] >> 2) & 3).min(2)];
        let padding = usize::from((h[2] >> 1) & 1);
        assert!(bitrate > 0, "free or bad bitrate at byte {at}");
        let per_frame = if version == 3 { 1152 } else { 576 };
        let len = (per_frame / 8 * bitrate / rate) as usize + padding;
        samples += f64::from(per_frame) / f64::from(rate);
        frames += 1;
        at += len;
    }
    let rest = &bytes[at.min(bytes.len())..];
    assert!(rest.is_empty() || rest.starts_with(b"TAG"), "{} bytes after the last frame", rest.len());
    assert!(frames > 10, "only {frames} MP3 frames");
    samples
}

/// Duration of an Ogg Opus file, from its last page's granule position.
fn opus_seconds(bytes: &[u8]) -> f64 {
    let (mut at, mut granule, mut pre_skip, mut pages) = (0, 0u64, 0u64, 0);
    while at + 27 <= bytes.len() {
        assert_eq!(&bytes[at..at + 4], b"OggS", "Ogg page at byte {at}");
        let segments = usize::from(bytes[at + 26]);
        let body: usize = bytes[at + 27..at + 27 + segments].iter().map(|&b| usize::from(b)).sum();
        let data = at + 27 + segments;
        if pages == 0 {
            assert!(bytes[data..].starts_with(b"OpusHead"), "first page is not OpusHead");
            pre_skip = u64::from(u16::from_le_bytes([bytes[data + 10], bytes[data + 11]]));
        }
        granule = u64::from_le_bytes(bytes[at + 6..at + 14].try_into().expect("8 bytes"));
        pages += 1;
        at = data + body;
    }
    assert_eq!(at, bytes.len(), "the file ends inside an Ogg page");
    assert!(pages > 3, "only {pages} Ogg pages");
    (granule - pre_skip) as f64 / 48000.0
}

/// The estimated reading time in seconds of a built bulletin page ("bản tin có N âm tiết").
fn estimate_seconds(page: &str) -> f64 {
    let at = page.find(" âm tiết/phút, bản tin có ").expect("pace on the page");
    let pace: f64 = page[..at].rsplit(' ').next().and_then(|n| n.parse().ok()).expect("pace");
    let rest = &page[at + " âm tiết/phút, bản tin có ".len()..];
    let syllables: f64 = rest.split(' ').next().and_then(|n| n.parse().ok()).expect("syllables");
    syllables * 60.0 / pace
}

/// A script engine that counts its runs in `runs.txt` beside it and speaks with espeak-ng.
fn counting_engine(fx: &Fixture, body: &str) -> PathBuf {
    let path = fx.path("giong-doc.sh");
    fx.write("giong-doc.sh", format!("#!/bin/sh\necho run >> \"$(dirname \"$0\")/runs.txt\"\n{body}\n"));
    let mut perms = fs::metadata(&path).expect("engine").permissions();
    std::os::unix::fs::PermissionsExt::set_mode(&mut perms, 0o755);
    fs::set_permissions(&path, perms).expect("chmod");
    path
}

fn runs(fx: &Fixture) -> usize {
    fs::read_to_string(fx.path("runs.txt")).map_or(0, |t| t.lines().count())
}

fn with_engine(fx: &Fixture, engine: &str) {
    let config =
        fx.read("config.yaml").replace("  audio: true\n", &format!("  audio:\n    engine: \"{engine}\"\n"));
    fx.write("config.yaml", config);
}

// Each bulletin gets an MP3 beside its script that decodes frame by frame, lasts about
// as long as the reading-time estimate, and whose measured length the page shows.
#[test]
fn audio_bulletin_is_an_mp3_near_the_estimated_reading_time() {
    let Some(()) = tools() else { return };
    let fx = Fixture::copy("audio");
    fx.build();
    assert_eq!(fx.output_files(".mp3"), ["ban-tin/khuyen-hoc/kich-ban.mp3", "ban-tin/tin-ngan/kich-ban.mp3"]);
    for slug in ["khuyen-hoc", "tin-ngan"] {
        let bytes = fs::read(fx.public().join(format!("ban-tin/{slug}/kich-ban.mp3"))).expect("mp3");
        let seconds = mp3_seconds(&bytes);
        let page = fx.read_public(&format!("ban-tin/{slug}/index.html"));
        let estimate = estimate_seconds(&page);
        // Pauses and the engine's own pace: within a factor of two of the estimate.
        assert!(
            seconds > estimate * 0.5 && seconds < estimate * 2.0 + 3.0,
            "{slug}: {seconds} s, estimate {estimate} s"
        );
        // Whole seconds as a player shows them; the MP3 adds a few milliseconds of padding.
        let shown = [seconds, seconds - 0.1].map(|s| {
            let s = s.floor() as u64;
            match (s / 60, s % 60) {
                (0, s) => format!("Dài {s} giây (đo từ tệp âm thanh)"),
                (m, 0) => format!("Dài {m} phút (đo từ tệp âm thanh)"),
                (m, s) => format!("Dài {m} phút {s} giây (đo từ tệp âm thanh)"),
            }
        });
        assert!(shown.iter().any(|t| page.contains(t)), "{slug}: {shown:?} not on the page");
        let src = format!(r#"src="../../ban-tin/{slug}/kich-ban.mp3""#);
        assert!(page.contains(&src), "{slug}: no player with a relative link");
    }
    let schedule = fx.read_public("ban-tin/lich-phat/index.html");
    assert_eq!(schedule.matches("<audio ").count(), 2, "{schedule}");
}

// The <audio> element plays the file from disk: Chromium reads its duration.
#[test]
fn audio_plays_in_chromium_from_file_url() {
    let Some(()) = tools() else { return };
    let Some(chromium) = chromium() else { return };
    let fx = Fixture::copy("audio");
    fx.build();
    let seconds = mp3_seconds(&fs::read(fx.public().join("ban-tin/khuyen-hoc/kich-ban.mp3")).expect("mp3"));
    for page in ["ban-tin/khuyen-hoc/index.html", "ban-tin/lich-phat/index.html"] {
        let mut browser = Browser::open(&chromium, fx.tmp(), &file_url(&fx.public().join(page)));
        let start = Instant::now();
        let duration = loop {
            // The schedule does not preload; load the file as a listener pressing play would.
            browser.eval(r#"(() => { const a = document.querySelector('audio[src*="khuyen-hoc"]'); if (a && a.preload === 'none') { a.preload = 'metadata'; a.load(); } return 1; })()"#);
            let d = browser.eval(r#"(() => { const a = document.querySelector('audio[src*="khuyen-hoc"]'); return a && a.readyState >= 1 && isFinite(a.duration) ? a.duration : null; })()"#);
            if let Some(d) = d.as_f64() {
                break d;
            }
            let error = browser.eval(r#"(() => { const a = document.querySelector('audio[src*="khuyen-hoc"]'); return a && a.error ? a.error.code : null; })()"#);
            assert!(error.is_null(), "{page}: media error {error}");
            assert!(start.elapsed() < Duration::from_secs(30), "{page}: no duration");
            std::thread::sleep(Duration::from_millis(100));
        };
        assert!(
            (duration - seconds).abs() < 1.0,
            "{page}: Chromium says {duration} s, frames say {seconds} s"
        );
        drop(browser);
    }
}

// `format: opus` writes Ogg/Opus files the browser and newer systems play.
#[test]
fn opus_when_configured() {
    let Some(()) = tools() else { return };
    let fx = Fixture::copy("audio");
    let config = fx.read("config.yaml").replace("  audio: true\n", "  audio:\n    format: opus\n");
    fx.write("config.yaml", config);
    fx.build();
    assert_eq!(fx.output_files(".mp3"), Vec::<String>::new());
    let bytes = fs::read(fx.public().join("ban-tin/tin-ngan/kich-ban.opus")).expect("opus");
    let seconds = opus_seconds(&bytes);
    assert!((2.0..30.0).contains(&seconds), "{seconds}");
    let page = fx.read_public("ban-tin/tin-ngan/index.html");
    assert!(page.contains(r#"type="audio/ogg""#), "{page}");
}

// A rebuild with no script change runs no engine; an edited bulletin is spoken again,
// the others are not. The engine here writes to the file named by `{out}`.
#[test]
fn rebuild_without_script_change_runs_no_engine() {
    let Some(()) = tools() else { return };
    let fx = Fixture::copy("audio");
    counting_engine(&fx, "exec espeak-ng -v vi --stdin -w \"$1\"");
    with_engine(&fx, "./giong-doc.sh {out}");
    fx.build();
    let first = runs(&fx);
    assert!(first >= 4, "one run per block of both scripts, got {first}");
    let before = fx.output_tree();
    fx.build();
    assert_eq!(runs(&fx), first, "the rebuild ran the engine");
    crate::support::assert_same_tree(&before, &fx.output_tree());
    let text = fx.read("content/ban-tin/tin-ngan.md").replace("15 người", "16 người");
    fx.write("content/ban-tin/tin-ngan.md", text);
    fx.build();
    // "Tin ngắn" has three blocks: title and two paragraphs.
    assert_eq!(runs(&fx), first + 3, "only the edited bulletin is spoken again");
    assert!(fx.read_public("ban-tin/tin-ngan/kich-ban.txt").contains("mười sáu"));
}

// An engine that reads standard input and writes WAV to standard output works too.
#[test]
fn engine_writing_wav_to_stdout() {
    let Some(()) = tools() else { return };
    let fx = Fixture::copy("audio");
    counting_engine(&fx, "exec espeak-ng -v vi --stdin --stdout");
    with_engine(&fx, "./giong-doc.sh");
    fx.build();
    assert!(runs(&fx) > 0);
    mp3_seconds(&fs::read(fx.public().join("ban-tin/tin-ngan/kich-ban.mp3")).expect("mp3"));
}

/// A folder holding only the named programs (linked from /usr/bin), for `PATH`.
fn only_programs(fx: &Fixture, programs: &[&str]) -> PathBuf {
    let dir = fx.tmp().join("bin");
    fs::create_dir_all(&dir).expect("bin");
    for p in programs {
        std::os::unix::fs::symlink(Path::new("/usr/bin").join(p), dir.join(p)).expect("link");
    }
    dir
}

// No engine installed: the build succeeds with one warning saying what to install,
// `check` says the same; in English and Vietnamese.
#[test]
fn missing_engine_is_one_warning_naming_the_package() {
    let fx = Fixture::copy("audio");
    let bin = only_programs(&fx, &[]);
    let want_en = "config.yaml: warning: audio bulletins are on (`broadcast.audio` in config.yaml) but the speech engine `espeak-ng` is not installed, so 2 bulletins have no audio; install it with `sudo apt-get install espeak-ng`\n";
    let want_vi = "config.yaml: cảnh báo: đã bật âm thanh bản tin (`broadcast.audio` trong config.yaml) nhưng máy chưa cài phần mềm đọc `espeak-ng`, nên 2 bản tin chưa có tệp âm thanh; cài bằng lệnh `sudo apt-get install espeak-ng`\n";
    let mut build = fx.cmd();
    build.arg("build").arg("--root").arg(fx.root()).env("PATH", &bin);
    fx.run(build, 0).assert_stderr(want_en);
    assert!(fx.output_files(".mp3").is_empty());
    assert!(!fx.read_public("ban-tin/tin-ngan/index.html").contains("<audio"));
    let mut check = fx.cmd_check(&[]);
    check.env("PATH", &bin);
    fx.run(check, 0).assert_stderr_contains(want_en);
    assert_eq!(fx.stderr().matches("is not installed").count(), 1, "one warning");
    let mut vi = fx.cmd_check(&[]);
    vi.env("PATH", &bin).env("LANG", "vi_VN.UTF-8").env("LC_ALL", "vi_VN.UTF-8");
    fx.run(vi, 0).assert_stderr_contains(want_vi);
    let mut strict = fx.cmd_check(&["--strict"]);
    strict.env("PATH", &bin);
    fx.run(strict, 1);
}

// The engine is there but the encoder is not: the warning names the encoder's package.
#[test]
fn missing_encoder_names_its_package() {
    let Some(()) = tools() else { return };
    let fx = Fixture::copy("audio");
    let config = fx.read("config.yaml").replace("  audio: true\n", "  audio:\n    format: opus\n");
    fx.write("config.yaml", config);
    let bin = only_programs(&fx, &["espeak-ng"]);
    let mut build = fx.cmd();
    build.arg("build").arg("--root").arg(fx.root()).env("PATH", &bin);
    fx.run(build, 0).assert_stderr(
        "config.yaml: warning: audio bulletins are on (`broadcast.audio` in config.yaml) but the encoder `opusenc` is not installed, so 2 bulletins have no audio; install it with `sudo apt-get install opus-tools`\n",
    );
}

// An engine that fails: a warning per bulletin with the engine's own last words; the
// build still succeeds, without audio. English and Vietnamese.
#[test]
fn failing_engine_names_the_bulletin_and_the_engine_error() {
    let fx = Fixture::copy("audio");
    counting_engine(&fx, "echo 'giọng đọc chưa cài xong' >&2\nexit 3");
    with_engine(&fx, "./giong-doc.sh --nhanh");
    fx.build().assert_stderr_contains(
        "content/ban-tin/tin-ngan.md: warning: the speech engine failed, so this bulletin has no audio: `./giong-doc.sh --nhanh`: exit status 3: giọng đọc chưa cài xong; try the command by hand, or fix `broadcast.audio` (engine, voice) in config.yaml\n",
    );
    assert!(fx.output_files(".mp3").is_empty());
    let mut vi = fx.cmd();
    vi.arg("build").arg("--root").arg(fx.root()).env("LANG", "vi_VN.UTF-8").env("LC_ALL", "vi_VN.UTF-8");
    fx.run(vi, 0).assert_stderr_contains(
        "content/ban-tin/tin-ngan.md: cảnh báo: phần mềm đọc bị lỗi nên bản tin này chưa có âm thanh: `./giong-doc.sh --nhanh`: mã thoát 3: giọng đọc chưa cài xong; hãy chạy thử lệnh đó, hoặc sửa `broadcast.audio` (engine, voice) trong config.yaml\n",
    );
    fx.run(fx.cmd_check(&[]), 0);
}

// Audio is off unless config.yaml turns it on: no engine runs, no player is shown.
#[test]
fn audio_is_off_by_default() {
    let fx = Fixture::copy("bulletins");
    fx.build();
    assert!(fx.output_files(".mp3").is_empty());
    assert!(!fx.path(".loa-cache").exists());
}

// `loa speak FILE` writes FILE.mp3; `loa speak -` writes the audio of standard input to
// standard output; both spell numbers out as the bulletins do.
#[test]
fn speak_writes_the_audio_of_any_text() {
    let Some(()) = tools() else { return };
    let fx = Fixture::empty();
    fx.write("tin.md", "Hôm nay có 15 người.\n");
    let mut cmd = fx.cmd();
    cmd.arg("speak").arg(fx.path("tin.md"));
    fx.run(cmd, 0);
    let seconds = mp3_seconds(&fs::read(fx.path("tin.mp3")).expect("tin.mp3"));
    assert!((1.0..10.0).contains(&seconds), "{seconds}");
    assert!(fx.stderr().starts_with("Wrote `"), "{}", fx.stderr());

    let mut child = fx
        .cmd()
        .args(["speak", "-", "--format", "opus"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("loa speak");
    child.stdin.take().expect("stdin").write_all("Chỉ thị 11-CT/TW.".as_bytes()).expect("write");
    let out = child.wait_with_output().expect("wait");
    assert!(out.status.success());
    let seconds = opus_seconds(&out.stdout);
    assert!((1.0..15.0).contains(&seconds), "{seconds}");
}

// `serve` makes audio in the background: with the engine stuck, pages are served and an
// edit is shown; once the engine may go on, the player and the file appear.
#[test]
fn serve_makes_audio_without_blocking_a_reload() {
    let Some(()) = tools() else { return };
    let fx = Fixture::copy("audio");
    // The engine waits until the test creates `go` (bounded, so nothing hangs forever).
    counting_engine(
        &fx,
        "i=0; while [ ! -e \"$(dirname \"$0\")/go\" ] && [ $i -lt 600 ]; do sleep 0.1; i=$((i+1)); done\nexec espeak-ng -v vi --stdin --stdout",
    );
    with_engine(&fx, "./giong-doc.sh");
    let server = crate::serve::Server::start(&fx);
    let page = "/ban-tin/tin-ngan/index.html";
    let (status, _, body) = server.get(page);
    assert_eq!(status, 200);
    assert!(!body.contains("<audio"), "no audio before the engine finished");
    let text = fx.read("content/ban-tin/tin-ngan.md").replace("Kính thưa", "Thưa");
    crate::serve::edit(&fx, "content/ban-tin/tin-ngan.md", &text);
    server.wait_until(page, "showed the edit while the engine was busy", |s, b| {
        s == 200 && b.contains("Thưa toàn thể")
    });
    fx.write("go", "");
    let (_, body) =
        server.wait_until(page, "showed the audio player", |s, b| s == 200 && b.contains("<audio"));
    assert!(body.contains("kich-ban.mp3"));
    let (status, head, _) = server.get("/ban-tin/tin-ngan/kich-ban.mp3");
    assert_eq!(status, 200);
    assert!(head.contains("content-type: audio/mpeg"), "{head}");
}

// `loa speak` without the engine: exit 1 and what to install, in both languages.
#[test]
fn speak_without_engine_says_what_to_install() {
    let fx = Fixture::empty();
    fx.write("tin.md", "Hôm nay có 15 người.\n");
    let bin = only_programs(&fx, &[]);
    let mut cmd = fx.cmd();
    cmd.arg("speak").arg(fx.path("tin.md")).env("PATH", &bin);
    fx.run(cmd, 1).assert_stderr(
        "error: the speech engine `espeak-ng` is not installed; install it with `sudo apt-get install espeak-ng`\n",
    );
    let mut vi = fx.cmd();
    vi.arg("speak")
        .arg(fx.path("tin.md"))
        .env("PATH", &bin)
        .env("LANG", "vi_VN.UTF-8")
        .env("LC_ALL", "vi_VN.UTF-8");
    fx.run(vi, 1).assert_stderr(
        "lỗi: máy chưa cài phần mềm đọc `espeak-ng`; cài bằng lệnh `sudo apt-get install espeak-ng`\n",
    );
    assert!(!fx.path("tin.mp3").exists());
}

// With audio on, the bulletin page and the schedule still fit a phone screen.
#[test]
fn audio_players_fit_a_phone_screen() {
    let Some(()) = tools() else { return };
    let Some(chromium) = chromium() else { return };
    let fx = Fixture::copy("audio");
    fx.build();
    let pages = ["ban-tin/khuyen-hoc/index.html", "ban-tin/lich-phat/index.html"];
    let mut browser = Browser::open(&chromium, fx.tmp(), &file_url(&fx.public().join(pages[0])));
    browser.emulate_phone(360, 740);
    for page in pages {
        browser.navigate(&file_url(&fx.public().join(page)));
        let players = browser.eval("document.querySelectorAll('audio').length").as_i64().unwrap_or(0);
        assert!(players >= 1, "{page}: no player");
        let width =
            browser.eval("[document.documentElement.scrollWidth, document.documentElement.clientWidth]");
        let (scroll, client) = (width[0].as_i64().unwrap_or(0), width[1].as_i64().unwrap_or(0));
        assert!(client > 300 && client <= 360, "{page}: not phone-sized ({client} px)");
        assert!(scroll <= client, "{page}: {scroll} px wide content in a {client} px screen");
        let fits = browser.eval(
            "Array.prototype.every.call(document.querySelectorAll('audio'), function (a) { \
             var r = a.getBoundingClientRect(); return r.width > 150 && r.right <= document.documentElement.clientWidth; })",
        );
        assert_eq!(fits, true, "{page}: a player is too narrow or sticks out");
    }
}

// A stuck engine is stopped after `timeout` seconds, and the build goes on without audio.
#[test]
fn stuck_engine_is_stopped_after_its_timeout() {
    let fx = Fixture::copy("audio");
    counting_engine(&fx, "exec sleep 60");
    let config = fx
        .read("config.yaml")
        .replace("  audio: true\n", "  audio:\n    engine: ./giong-doc.sh\n    timeout: 1\n");
    fx.write("config.yaml", config);
    fx.build().assert_stderr_contains(
        "content/ban-tin/tin-ngan.md: warning: the speech engine failed, so this bulletin has no audio: `./giong-doc.sh`: no answer after 1 s, so it was stopped; try the command by hand",
    );
    assert!(fx.output_files(".mp3").is_empty());
}

// An engine command line that cannot be split is reported by `check`, once.
#[test]
fn engine_with_an_unclosed_quote_is_reported_by_check() {
    let fx = Fixture::copy("audio");
    with_engine(&fx, "piper --model 'vi.onnx");
    fx.run(fx.cmd_check(&[]), 0).assert_stderr_contains(
        "config.yaml: warning: `broadcast.audio.engine` is not a command line (`piper --model 'vi.onnx`: unclosed quote or empty command line); write it like `piper --model /opt/piper/vi.onnx --output_file {out}`\n",
    );
}
