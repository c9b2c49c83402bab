//! The command line (a contract: see DESIGN.md). Parsing only; `main` runs the commands.
//!
//! The structure is declared with clap's derive; every help text, value name, heading
//! and usage line comes from the message catalogue (`Msg::CliHelp`), so `--help` follows
//! the locale. clap's own errors are rendered from the catalogue too (`usage_error`).

use std::ffi::OsString;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{Arg, ArgAction, CommandFactory, FromArgMatches, Parser, Subcommand};

use crate::messages::{self, Msg};

#[derive(Debug, Parser)]
#[command(name = "loa", version)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    Init {
        dir: PathBuf,
    },
    Build {
        #[arg(long, default_value = ".")]
        root: PathBuf,
        #[arg(long)]
        output: Option<PathBuf>,
        #[arg(long)]
        base_url: Option<String>,
        #[arg(long)]
        drafts: bool,
        #[arg(long)]
        strict: bool,
        #[command(flatten)]
        config: ConfigArgs,
    },
    Check {
        #[arg(long, default_value = ".")]
        root: PathBuf,
        #[arg(long)]
        drafts: bool,
        #[arg(long)]
        strict: bool,
        #[arg(long)]
        external: bool,
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
        #[command(flatten)]
        config: ConfigArgs,
    },
    /// `loa new [KIND] PATH`: one value is the path (the kind then comes from its section).
    New {
        #[arg(required = true, num_args = 1..=2)]
        args: Vec<String>,
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
    Serve {
        #[arg(long, default_value = ".")]
        root: PathBuf,
        #[arg(long, default_value = "127.0.0.1")]
        bind: std::net::IpAddr,
        #[arg(long, default_value_t = 1111)]
        port: u16,
        #[arg(long)]
        drafts: bool,
        #[arg(long)]
        open: bool,
        #[command(flatten)]
        config: ConfigArgs,
    },
    Import {
        #[arg(required = true)]
        files: Vec<PathBuf>,
        #[arg(long, default_value = "van-ban")]
        section: String,
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
    ReadAloud {
        file: Option<PathBuf>,
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
    #[command(about = crate::messages::text(crate::messages::Msg::SpeakAbout))]
    Speak {
        #[arg(help = crate::messages::text(crate::messages::Msg::SpeakFileHelp))]
        file: Option<PathBuf>,
        // Its own id: `value.output` names a folder, this is an audio file.
        #[arg(id = "audio", short = 'o', long = "output", help = crate::messages::text(crate::messages::Msg::SpeakOutputHelp))]
        output: Option<PathBuf>,
        #[arg(long, value_parser = ["mp3", "opus", "ogg"], help = crate::messages::text(crate::messages::Msg::SpeakFormatHelp))]
        format: Option<String>,
        #[arg(long, default_value = ".", help = crate::messages::text(crate::messages::Msg::SpeakRootHelp))]
        root: PathBuf,
    },
}

/// Which configuration to read (build, check, serve).
#[derive(Debug, Clone, Default, clap::Args)]
pub struct ConfigArgs {
    // Help texts and value names come from the catalogue (`Msg::CliHelp`).
    #[arg(long)]
    pub config: Option<PathBuf>,
    #[arg(long)]
    pub env: Option<String>,
}

/// Output format of `loa check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Text,
    Json,
}

fn help(id: &str) -> String {
    messages::text(Msg::CliHelp { id })
}

/// The command line with every text in the current language.
pub fn command() -> clap::Command {
    localise(Cli::command(), "loa")
        .disable_version_flag(true)
        .arg(
            Arg::new("version")
                .short('V')
                .long("version")
                .action(ArgAction::Version)
                .help(help("version"))
                .help_heading(help("heading.options")),
        )
        .disable_help_subcommand(true)
        .subcommand_help_heading(help("heading.commands"))
        .subcommand_value_name(help("value.command"))
}

fn localise(cmd: clap::Command, id: &str) -> clap::Command {
    let template =
        format!("{{about-with-newline}}\n{} {{usage}}\n\n{{all-args}}{{after-help}}", help("heading.usage"));
    // A text missing from the catalogue table keeps the command's own (from `Msg`).
    let text = |key: &str| Some(help(key)).filter(|t| !t.is_empty());
    let mut cmd = cmd.help_template(template).disable_help_flag(true);
    if let Some(about) = text(id) {
        cmd = cmd.about(about);
    }
    if let Some(usage) = text(&format!("{id}.usage")) {
        cmd = cmd.override_usage(usage);
    }
    if let Some(examples) = text(&format!("{id}.examples")) {
        cmd = cmd.after_help(examples);
    }
    let args: Vec<(String, bool)> = cmd
        .get_arguments()
        .filter(|a| a.get_id() != "help" && a.get_id() != "version")
        .map(|a| (a.get_id().to_string(), a.is_positional()))
        .collect();
    for (arg, positional) in args {
        let key = format!("{id}.{arg}");
        let value = help(&format!("value.{arg}"));
        cmd = cmd.mut_arg(&arg, |a| {
            let a = match text(&key) {
                Some(t) => a.help(t),
                None => a,
            };
            let a = a.help_heading(help(if positional { "heading.arguments" } else { "heading.options" }));
            if !a.get_action().takes_values() {
                return a;
            }
            // Defaults and choices are written in our own help texts.
            let a = a.hide_default_value(true).hide_possible_values(true);
            match arg.as_str() {
                "args" => a.value_names([help("value.kind"), help("value.path")]),
                _ if !value.is_empty() => a.value_name(value),
                _ => a,
            }
        });
    }
    // Added last, so the arguments come before the options in the help.
    cmd = cmd.arg(
        Arg::new("help")
            .short('h')
            .long("help")
            .action(ArgAction::Help)
            .help(help("help"))
            .help_heading(help("heading.options")),
    );
    let subs: Vec<String> = cmd.get_subcommands().map(|s| s.get_name().to_owned()).collect();
    for sub in subs {
        cmd = cmd.mut_subcommand(&sub, |s| localise(s, &sub));
    }
    cmd
}

/// Parses the command line; on `--help`, `--version` or a usage error, prints it and
/// returns the exit status (0, or 2 for a usage error).
pub fn parse(args: impl IntoIterator<Item = OsString>) -> Result<Cli, ExitCode> {
    let mut args: Vec<OsString> = args.into_iter().collect();
    // `loa help build` is `loa build --help`.
    if args.get(1).is_some_and(|a| a == "help") {
        args.remove(1);
        args.push("--help".into());
    }
    let matches = command().try_get_matches_from(args).map_err(report)?;
    Cli::from_arg_matches(&matches).map_err(report)
}

fn report(e: clap::Error) -> ExitCode {
    match e.kind() {
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => {
            let _ = e.print();
            ExitCode::SUCCESS
        }
        ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            let _ = e.print();
            ExitCode::from(2)
        }
        _ => {
            eprintln!("{}: {}", messages::text(Msg::ErrorLabel), usage_error(&e));
            eprintln!("{}", messages::text(Msg::CliMoreInfo));
            ExitCode::from(2)
        }
    }
}

/// A clap error in the catalogue's words.
fn usage_error(e: &clap::Error) -> String {
    let get = |kind| match e.get(kind) {
        Some(ContextValue::String(s)) => Some(s.clone()),
        Some(ContextValue::Strings(v)) => Some(v.join(", ")),
        _ => None,
    };
    let arg = get(ContextKind::InvalidArg).unwrap_or_default();
    let value = get(ContextKind::InvalidValue).unwrap_or_default();
    match e.kind() {
        ErrorKind::UnknownArgument => {
            let suggestion = get(ContextKind::SuggestedArg);
            messages::text(Msg::CliUnknownArgument { arg: &arg, suggestion: suggestion.as_deref() })
        }
        ErrorKind::InvalidSubcommand => {
            let command = get(ContextKind::InvalidSubcommand).unwrap_or_default();
            let suggestion = get(ContextKind::SuggestedSubcommand);
            messages::text(Msg::CliUnknownCommand { command: &command, suggestion: suggestion.as_deref() })
        }
        ErrorKind::MissingRequiredArgument | ErrorKind::MissingSubcommand => {
            // `loa new` needs at least its PATH (the KIND may be left out).
            let path = help("value.path");
            let args = match arg {
                a if a.is_empty() => help("value.command"),
                a if a.contains(&path) => path,
                a => a,
            };
            messages::text(Msg::CliMissing { args: &args })
        }
        ErrorKind::InvalidValue | ErrorKind::ValueValidation => {
            let valid = get(ContextKind::ValidValue).unwrap_or_default();
            messages::text(Msg::CliInvalidValue { arg: &arg, value: &value, valid: &valid })
        }
        ErrorKind::TooManyValues => messages::text(Msg::CliTooMany { value: &value }),
        ErrorKind::TooFewValues | ErrorKind::WrongNumberOfValues | ErrorKind::NoEquals => {
            messages::text(Msg::CliNoValue { arg: &arg })
        }
        _ => {
            let detail = e.kind().as_str().unwrap_or_default().to_owned();
            messages::text(Msg::CliUsageError { detail: &detail })
        }
    }
}
