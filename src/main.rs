//! The `loa` binary: parse the command line, run it, print problems once, exit 0/1/2.

use std::process::ExitCode;

use loa::cli::{Command, Format};
use loa::error::{Diagnostic, Severity, SiteErrors};
use loa::messages::{self, Msg};
use loa::Options;

// A build allocates and frees millions of small strings and maps (template contexts);
// mimalloc does that in about a third of the time of the system allocator.
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    // Freed memory is reused, not given back, until the process ends or `loa serve` is idle.
    loa::memory::defer_release();
    let cli = match loa::cli::parse(std::env::args_os()) {
        Ok(cli) => cli,
        Err(code) => return code,
    };
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
                let warnings = report.warnings.iter().filter(|d| d.severity == Severity::Warning);
                print(loa::error::collapse(warnings).iter());
                let c = report.counts;
                let ms = report.elapsed.as_millis();
                println!(
                    "{}",
                    messages::text(Msg::Built { pages: c.pages, sections: c.sections, files: c.files, ms })
                );
                if report.drafts > 0 {
                    println!("{}", messages::text(Msg::DraftsLeftOut { count: report.drafts }));
                }
                let output = report.output.strip_prefix(".").unwrap_or(&report.output);
                println!("{}", messages::text(Msg::BuiltOutput { dir: &output.display().to_string() }));
                // Tens of thousands of warnings on a large site: the process ends without waiting.
                loa::free::later(report);
            }))
        }
        Command::New { args, root } => {
            let today = chrono::Local::now().format("%Y-%m-%d").to_string();
            // `loa new PATH` or `loa new KIND PATH` (clap requires one or two values).
            let kind = if args.len() == 2 { args.first().map(String::as_str) } else { None };
            let path = std::path::PathBuf::from(args.last().cloned().unwrap_or_default());
            finish(loa::new::new_page(&root, kind, &path, &today).map(|created| {
                let written = &created.path;
                let shown = written.strip_prefix(&root).unwrap_or(written).display().to_string();
                println!("{}", messages::text(Msg::NewCreated { path: &shown }));
                if let Some(section) = &created.inferred_from {
                    println!("{}", messages::text(Msg::NewKindFromSection { kind: created.kind, section }));
                }
                if created.draft {
                    println!("{}", messages::text(Msg::NewDraftHint));
                }
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
                        anyhow::Error::new(e)
                            .context(messages::text(Msg::ReadFailed { path: &path.display().to_string() }))
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
                    // A failed check does not know how many pages there are.
                    let summary = match result {
                        Ok(()) => Msg::Checked { pages, errors, warnings },
                        Err(_) => Msg::CheckFailed { errors, warnings },
                    };
                    println!("{}", messages::text(summary));
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
        let shown = diags.iter().filter(|d| d.severity != Severity::Note);
        print(loa::error::collapse(shown).iter());
        eprintln!("{}: {e}", messages::text(Msg::ErrorLabel));
        return ExitCode::from(1);
    }
    eprintln!("{}: {}", messages::text(Msg::ErrorLabel), explained(e.as_ref()));
    for cause in e.chain().skip(1) {
        eprintln!("  {}: {}", messages::text(Msg::CausedBy), explained(cause));
    }
    ExitCode::from(1)
}

/// An error from the operating system comes with our sentence first ("không có tệp hay
/// thư mục này"), then the system's own words.
fn explained(e: &(dyn std::error::Error + 'static)) -> String {
    match e.downcast_ref::<std::io::Error>() {
        Some(io) => format!("{} ({e})", messages::text(Msg::IoReason { kind: io.kind() })),
        None => e.to_string(),
    }
}
