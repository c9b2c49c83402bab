//! What the audio stage tells people: messages for problems, and the measured duration
//! as the theme shows it.

use serde_json::{json, Value};

use super::command::{package_of, Failure};
use super::{Problem, Track};
use crate::messages::{self, Msg};

/// "4 phút 12 giây": the measured length in whole seconds, as a player counts them
/// (it is not an estimate, so it is not rounded to five seconds).
pub fn duration_text(seconds: f64) -> String {
    let s = seconds.floor().max(1.0) as u64;
    match (s / 60, s % 60) {
        (0, sec) => format!("{sec} giây"),
        (min, 0) => format!("{min} phút"),
        (min, sec) => format!("{min} phút {sec} giây"),
    }
}

/// A track as templates see it (`bulletin.audio`).
pub fn context(t: &Track) -> Value {
    json!({
        "url": t.url,
        "seconds": (t.seconds * 10.0).round() / 10.0,
        "duration": duration_text(t.seconds),
        "mime": t.format.mime(),
        "format": t.format.extension(),
    })
}

/// The warning for a program that is not installed, for `count` bulletins (0: for
/// `loa speak`).
pub fn missing(program: &str, engine: bool, count: usize) -> String {
    let package = package_of(program);
    if count == 0 {
        messages::text(Msg::SpeakToolMissing { program, package, engine })
    } else if engine {
        messages::text(Msg::AudioEngineMissing { program, package, count })
    } else {
        messages::text(Msg::AudioEncoderMissing { program, package, count })
    }
}

/// The message for one bulletin whose audio could not be made.
pub fn problem(p: &Problem) -> String {
    match p {
        Problem::Engine(Failure::Missing { program }) | Problem::Encoder(Failure::Missing { program }) => {
            missing(program, matches!(p, Problem::Engine(_)), 1)
        }
        Problem::Engine(Failure::Failed { command, detail }) => {
            messages::text(Msg::AudioEngineFailed { command, detail })
        }
        Problem::Encoder(Failure::Failed { command, detail }) => {
            messages::text(Msg::AudioEncoderFailed { command, detail })
        }
        Problem::BadEngine(detail) => messages::text(Msg::AudioEngineInvalid { detail }),
        Problem::Cache { dir, detail } => messages::text(Msg::AudioCacheFailed { dir, detail }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn measured_durations_are_shown_to_the_second() {
        assert_eq!(duration_text(41.6), "41 giây");
        assert_eq!(duration_text(120.2), "2 phút");
        assert_eq!(duration_text(252.0), "4 phút 12 giây");
    }
}
