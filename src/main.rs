//! The `loa` binary: parse the command line, run it, print problems once, exit 0/1/2.

use std::process::ExitCode;

use clap::Parser;
use loa::cli::{Cli, Command, Format};
use loa::error::{Diagnostic, Severity, SiteErrors};
use loa::messages::{self, Msg};
use loa::Options;

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Init { dir } => finish(loa::init::init(&dir).map(|()| {
            println!("{}", messages::text(Msg::InitDone { dir: &dir.display().to_string() }));
        })),
        Command::Build { root, output, base_url, drafts, strict, config } => {
            let opts = Options {
                root,
                output,
                base_url,
                drafts,
                strict,
                config: config.config,
                env: config.env,
                ..Options::default()
            };
            finish(loa::build(&opts).map(|report| {
                // Notes are for `check`; a build shows what needs attention.
                let warnings: Vec<Diagnostic> =
                    report.warnings.into_iter().filter(|d| d.severity == Severity::Warning).collect();
                print(loa::error::collapse(&warnings).iter());
                let c = report.counts;
                let ms = report.elapsed.as_millis();
                println!(
                    "{}",
                    messages::text(Msg::Built { pages: c.pages, sections: c.sections, files: c.files, ms })
                );
            }))
        }
        Command::New { kind, path, root } => {
            let today = chrono::Local::now().format("%Y-%m-%d").to_string();
            finish(loa::new::new_page(&root, &kind, &path, &today).map(|written| {
                let shown = written.strip_prefix(&root).unwrap_or(&written).display().to_string();
                println!("{}", messages::text(Msg::NewCreated { path: &shown }));
            }))
        }
        Command::Import { files, section, root } => finish(loa::import::run(&root, &section, &files)),
        Command::Serve { root, bind, port, drafts, open, config } => {
            let (config, env) = (config.config, config.env);
            finish(loa::serve::serve(loa::serve::ServeOptions {
                root,
                bind,
                port,
                drafts,
                open,
                config,
                env,
            }))
        }
        Command::ReadAloud { file, root } => {
            let text = match &file {
                Some(path) if path.as_os_str() != "-" => {
                    std::fs::read(path).map(|b| String::from_utf8_lossy(&b).into_owned()).map_err(|e| {
                        anyhow::anyhow!(
                            "{}: {e}",
                            messages::text(Msg::ReadFailed { path: &path.display().to_string() })
                        )
                    })
                }
                _ => std::io::read_to_string(std::io::stdin()).map_err(anyhow::Error::from),
            };
            finish(text.map(|text| {
                let (script, leftovers) = loa::read_aloud(&root, &text);
                print!("{script}");
                let shown = match &file {
                    Some(path) if path.as_os_str() != "-" => path.display().to_string(),
                    _ => "-".to_owned(),
                };
                for (what, line, col) in leftovers {
                    eprintln!(
                        "{shown}:{line}:{col}: {}: {}",
                        messages::text(Msg::WarningLabel),
                        messages::text(Msg::BulletinLeftover { what: &what })
                    );
                }
            }))
        }
        Command::Speak { file, output, format, root } => {
            finish(loa::audio::speak::run(file, output, format, &root))
        }
        Command::Check { root, drafts, strict, external, format, config } => {
            let opts = Options {
                root,
                drafts,
                strict,
                external,
                config: config.config,
                env: config.env,
                ..Options::default()
            };
            let mut web = None;
            let (pages, diags, result) = match loa::check(&opts) {
                Ok(report) => {
                    web = report.external;
                    (report.counts.pages, report.warnings, Ok(()))
                }
                Err(e) => match e.downcast::<SiteErrors>() {
                    Ok(SiteErrors(diags)) => (0, diags, Err(None)),
                    Err(e) => (0, Vec::new(), Err(Some(e))),
                },
            };
            if let Err(Some(e)) = result {
                return finish(Err(e));
            }
            let count = |s: Severity| diags.iter().filter(|d| d.severity == s).count();
            let (errors, warnings) = (count(Severity::Error), count(Severity::Warning));
            match format {
                Format::Json => {
                    let out = serde_json::json!({
                        "ok": result.is_ok(),
                        "errors": errors,
                        "warnings": warnings,
                        "notes": count(Severity::Note),
                        "external": web.map(|w| serde_json::json!({
                            "links": w.links, "broken": w.broken, "unchecked": w.unchecked
                        })),
                        "diagnostics": diags,
                    });
                    println!("{}", serde_json::to_string_pretty(&out).unwrap_or_default());
                }
                Format::Text => {
                    print(loa::error::collapse(&diags).iter());
                    if let Some(w) = web {
                        let msg =
                            Msg::ExternalSummary { links: w.links, broken: w.broken, unchecked: w.unchecked };
                        println!("{}", messages::text(msg));
                    }
                    println!("{}", messages::text(Msg::Checked { pages, errors, warnings }));
                }
            }
            if result.is_ok() {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(1)
            }
        }
    }
}

fn print<'a>(diags: impl Iterator<Item = &'a Diagnostic>) {
    for d in diags {
        eprintln!("{d}");
    }
}

/// Exit status 0, or 1 after printing every problem (or the error chain) once.
fn finish(result: anyhow::Result<()>) -> ExitCode {
    let Err(e) = result else { return ExitCode::SUCCESS };
    if let Some(SiteErrors(diags)) = e.downcast_ref::<SiteErrors>() {
        let shown: Vec<Diagnostic> = diags.iter().filter(|d| d.severity != Severity::Note).cloned().collect();
        print(loa::error::collapse(&shown).iter());
        eprintln!("{}: {e}", messages::text(Msg::ErrorLabel));
        return ExitCode::from(1);
    }
    eprintln!("{}: {e}", messages::text(Msg::ErrorLabel));
    for cause in e.chain().skip(1) {
        eprintln!("  {}: {cause}", messages::text(Msg::CausedBy));
    }
    ExitCode::from(1)
}
