//! The `loa` binary: parse the command line, run it, print problems once, exit 0/1/2.

use std::process::ExitCode;

use clap::Parser;
use loa::cli::{Cli, Command};
use loa::error::SiteErrors;
use loa::messages::{self, Msg};
use loa::{Options, Report};

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Init { dir } => loa::init::init(&dir).map(|()| {
            println!(
                "{}",
                messages::text(Msg::InitDone {
                    dir: &dir.display().to_string()
                })
            );
        }),
        Command::Build {
            root,
            output,
            base_url,
            drafts,
        } => {
            let opts = Options {
                root,
                output,
                base_url,
                drafts,
            };
            loa::build(&opts).map(|report| {
                print_warnings(&report);
                let c = report.counts;
                let ms = report.elapsed.as_millis();
                println!(
                    "{}",
                    messages::text(Msg::Built {
                        pages: c.pages,
                        sections: c.sections,
                        files: c.files,
                        ms
                    })
                );
            })
        }
        Command::Check { root, drafts } => {
            let opts = Options {
                root,
                drafts,
                ..Options::default()
            };
            loa::check(&opts).map(|report| {
                print_warnings(&report);
                let n = report.warnings.len();
                println!(
                    "{}",
                    messages::text(Msg::Checked {
                        pages: report.counts.pages,
                        errors: 0,
                        warnings: n
                    })
                );
            })
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            report_error(&e);
            ExitCode::from(1)
        }
    }
}

fn print_warnings(report: &Report) {
    for w in &report.warnings {
        eprintln!("{w}");
    }
}

/// Prints every problem of the site, or the error chain once.
fn report_error(e: &anyhow::Error) {
    if let Some(SiteErrors(diags)) = e.downcast_ref::<SiteErrors>() {
        for d in diags {
            eprintln!("{d}");
        }
        eprintln!("{}: {e}", messages::text(Msg::ErrorLabel));
        return;
    }
    eprintln!("{}: {e}", messages::text(Msg::ErrorLabel));
    for cause in e.chain().skip(1) {
        eprintln!("  {}: {cause}", messages::text(Msg::CausedBy));
    }
}
