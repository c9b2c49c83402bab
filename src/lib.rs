//! loa: a static site generator for a Vietnamese public-information site and its
//! loudspeaker bulletins.
//!
//! The pipeline, one module per stage:
//! load (read `content/`) → parse (front matter) → resolve (URLs, sections,
//! taxonomies) → render (Markdown, templates) → write (stage and swap the output).

pub mod anchors;
pub mod audio;
pub mod bulletin;
pub mod cli;
pub mod config;
pub mod config_source;
pub mod data;
pub mod date;
pub mod document;
pub mod error;
pub mod external;
pub mod free;
pub mod i18n;
pub mod images;
pub mod import;
pub mod init;
pub mod languages;
pub mod load;
pub mod markdown;
pub mod markup;
pub mod memory;
pub mod messages;
pub mod new;
pub mod outputs;
pub mod parse;
pub mod portable;
pub mod progress;
pub mod render;
pub mod resolve;
pub mod search;
pub mod serve;
pub mod shortcodes;
pub mod slug;
pub mod speech;
pub mod theme;
pub mod write;
pub mod yaml_hint;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use anyhow::Result;
use rayon::prelude::*;

use config::Config;
use error::{Diagnostic, SiteErrors};

/// Options of `loa build` and `loa check`.
#[derive(Debug, Clone, Default)]
pub struct Options {
    pub root: PathBuf,
    /// Output folder; `public/` under the root when `None`.
    pub output: Option<PathBuf>,
    pub base_url: Option<String>,
    pub drafts: bool,
    /// Warnings fail the run.
    pub strict: bool,
    /// `check` also asks every web link of the content.
    pub external: bool,
    /// `--config FILE` instead of `config.yaml` in the root.
    pub config: Option<PathBuf>,
    /// `--env NAME`: lay `config.NAME.yaml` over the config.
    pub env: Option<String>,
}

/// What a successful run did.
#[derive(Debug)]
pub struct Report {
    pub counts: render::Counts,
    pub elapsed: Duration,
    pub warnings: Vec<Diagnostic>,
    /// Pages left out because they are drafts.
    pub drafts: usize,
    /// Where the site was (or would be) written.
    pub output: PathBuf,
    /// What `check --external` found, when asked.
    pub external: Option<external::Summary>,
}

/// Loads, parses and resolves the site; returns it with the problems found so far.
pub(crate) fn prepare(opts: &Options, diags: &mut Vec<Diagnostic>) -> Result<Prepared> {
    let root = &opts.root;
    let (mut config, config_file) =
        config_source::load(root, opts.config.as_deref(), opts.env.as_deref(), diags)?;
    let config_text = config_file.text.as_str();
    if let Some(base) = &opts.base_url {
        if !config::base_url_ok(base) {
            anyhow::bail!(messages::text(messages::Msg::BaseUrlBad { value: base }));
        }
        config.base_url = base.clone();
    }
    config.broadcast.audio.root = Some(root.clone());
    if config::is_example_url(&config.base_url) {
        let line = config::key_line(config_text, "base_url");
        let msg = messages::text(messages::Msg::BaseUrlExample { url: &config.base_url });
        diags.push(Diagnostic::warning(&config_file.shown, line, 1, msg).with_excerpt_from(config_text));
    }
    // The theme is read first so its templates compile while the content is read.
    let mut theme_diags = Vec::new();
    let mut theme = theme::load(root, &config, &mut theme_diags);
    if !config.build_search_index {
        // Only the search page loads it.
        theme.statics.remove(search::SCRIPT);
    }
    let templates = render::engine::start(&theme);
    let loaded = load::load(root, diags);
    let parsed: Vec<(Option<parse::Parsed>, Vec<Diagnostic>)> = loaded
        .sources
        .into_par_iter()
        .map(|s| {
            let mut d = Vec::new();
            (parse::parse(s, &mut d), d)
        })
        .collect();
    let mut pages = Vec::with_capacity(parsed.len());
    for (p, d) in parsed {
        diags.extend(d);
        pages.extend(p);
    }
    // Where the theme's problems were reported when it was read here.
    diags.extend(theme_diags);
    let source = Source { config, config_file, assets: loaded.assets, theme, drafts: opts.drafts };
    Ok(assemble(root, source, pages, Err(templates), diags))
}

/// What a site is made of besides its Markdown files: kept by `serve` between rebuilds.
pub(crate) struct Source {
    /// The configuration as read (before documents and feeds add to the site).
    pub(crate) config: Config,
    pub(crate) config_file: config_source::File,
    pub(crate) assets: Vec<(String, PathBuf)>,
    pub(crate) theme: theme::Theme,
    pub(crate) drafts: bool,
}

/// What a rebuild after content edits keeps from the previous build (`serve`).
pub(crate) struct Reuse {
    /// Markdown of the pages and sections whose file did not change, by source path;
    /// reused where the links and document numbers it resolved still resolve the same.
    pub(crate) html: std::collections::HashMap<String, markdown::Html>,
    pub(crate) targets: markdown::LinkTargets,
    pub(crate) tera: Option<tera::Tera>,
    pub(crate) images: std::sync::Arc<images::Images>,
}

/// Resolves parsed pages into a site, renders their Markdown (or reuses it) and compiles
/// the templates (or takes those being compiled); the stages after reading and parsing.
pub(crate) fn assemble(
    root: &Path,
    source: Source,
    mut pages: Vec<parse::Parsed>,
    reuse: std::result::Result<Reuse, render::engine::Pending>,
    diags: &mut Vec<Diagnostic>,
) -> Prepared {
    let Source { config, config_file, assets, theme, drafts } = source;
    let config_text = config_file.text.as_str();
    languages::place(&mut pages, &config.languages);
    let statics: Vec<String> = theme.statics.keys().cloned().collect();
    let mut site =
        resolve::resolve(config.clone(), pages, assets.clone(), statics.into_iter(), drafts, diags);
    let mut docs = document::index(&site, diags);
    document::attach(&mut site, &docs);
    bulletin::attach(&mut site);
    search::attach(&mut site);
    render::feeds::attach(&mut site, config_text, &config_file.shown, diags);
    let statics: Vec<String> = theme.statics.keys().cloned().collect();
    portable::check(root, &site, &statics, diags);
    anchors::check_menu(&site, config_text, &config_file.shown, diags);
    let strings =
        std::sync::Arc::new(i18n::load(&theme.strings, &site.config, &config_file, &theme.templates, diags));
    let reusing = reuse.is_ok();
    let (images, old) = match reuse {
        Ok(Reuse { html, targets, tera, images }) => (images, Ok((html, targets, tera))),
        Err(pending) => {
            let images =
                images::Images::new(root, &site.assets, &site.targets.by_source, site.config.images.clone());
            images.check_files(root, &site.assets, diags);
            (std::sync::Arc::new(images), Err(pending))
        }
    };
    let ext = markdown::Extensions {
        images,
        languages: site.config.languages.clone(),
        shortcodes: shortcodes::compile(&theme, &site, &docs, &strings),
        default_language: site.config.language.clone(),
        strings: Some(strings.clone()),
        options: site.config.markdown.clone(),
        search_text: site.config.build_search_index,
        lang: Some(if site.config.language.starts_with("en") {
            messages::Lang::En
        } else {
            messages::Lang::Vi
        }),
    };
    let (md, tera) = match old {
        Ok((html, targets, tera)) => {
            (render::markdown_reusing(&site, &ext, diags, Some((html, &targets))), tera)
        }
        Err(pending) => {
            // The templates' problems come after the Markdown's, as when they compiled
            // alongside it.
            let md = render::markdown(&site, &ext, diags);
            (md, pending.finish(&theme, &site.targets.by_source, diags))
        }
    };
    let mut tera = tera;
    // Strings missing in shortcodes, rendered with the Markdown.
    diags.extend(strings.take_warnings());
    let found: Vec<&[document::Found]> = md.pages.iter().map(|h| h.mentions.as_slice()).collect();
    // `serve`'s rebuilds (they reuse) show no notes or warnings.
    docs.link_up_reporting(&site, &found, diags, !reusing);
    let bulletins = bulletin::index(&site, &docs, diags);
    if let Some(tera) = tera.as_mut() {
        data::register(tera, root, &theme, &site, &md);
        images::register(tera, ext.images.clone());
        i18n::register(tera, &strings);
    }
    // Every output path has one owner, decided before anything is rendered.
    let has = |name: &str| tera.as_ref().is_none_or(|t| t.get_template_names().any(|n| n == name));
    let model = render::Model { site: &site, md: &md, docs: &docs, bulletins: &bulletins };
    diags.extend(outputs::check(&model, &theme, root, has("404.html"), has(search::TEMPLATE)));
    let source = Source { config, config_file, assets, theme, drafts };
    Prepared { site, source, docs, bulletins, md, tera, ext, strings }
}

/// A site read and resolved, its Markdown rendered, its templates compiled.
pub(crate) struct Prepared {
    pub(crate) site: resolve::Site,
    /// The configuration, theme and assets it was made from.
    pub(crate) source: Source,
    pub(crate) docs: document::Documents,
    pub(crate) bulletins: bulletin::Bulletins,
    pub(crate) md: render::Rendered,
    pub(crate) tera: Option<tera::Tera>,
    /// Shortcodes and Markdown options, for re-rendering a page in `serve`.
    pub(crate) ext: markdown::Extensions,
    /// Theme strings per language; its warnings are collected after rendering.
    pub(crate) strings: std::sync::Arc<i18n::Strings>,
}

/// Splits diagnostics into an error (when any is an error) or the warnings; messages
/// name the configuration file really read.
fn settle(mut diags: Vec<Diagnostic>, strict: bool, config: &config_source::File) -> Result<Vec<Diagnostic>> {
    config_source::name_in_messages(&mut diags, config);
    error::sort(&mut diags);
    let fails = |d: &Diagnostic| d.is_error() || (strict && d.severity == error::Severity::Warning);
    if diags.iter().any(fails) {
        return Err(SiteErrors(diags).into());
    }
    Ok(diags)
}

/// Builds the site at `opts.root` into its output folder.
pub fn build(opts: &Options) -> Result<Report> {
    // Every stage runs on the render threads (they have a known stack size): memory
    // freed before rendering is then reused by it, not left in idle threads' heaps.
    render::limits::with_stack(|| build_here(opts))
}

/// `build` on the current threads.
fn build_here(opts: &Options) -> Result<Report> {
    let start = Instant::now();
    let mut diags = Vec::new();
    let Prepared { mut site, source, docs, mut bulletins, mut md, tera, ext, strings } =
        prepare(opts, &mut diags)?;
    let theme = source.theme;
    // Content errors stop the build before anything is written.
    let mut diags = settle(diags, opts.strict, &site.config.file)?;
    let Some(tera) = tera else {
        return Err(SiteErrors(diags).into());
    };
    audio::synthesise(&site, &mut bulletins, &mut diags);
    free_before_render(&mut site, &mut md, &bulletins);

    let output = opts.output.clone().unwrap_or_else(|| opts.root.join("public"));
    let staging = write::stage(&opts.root, &output)?;
    // Write errors are kept by `staging` and reported once (see `Staging::failures`).
    let copy_errors = std::sync::Mutex::new(Vec::new());
    let statics: Vec<(&String, &theme::FileSource)> = theme.statics.iter().collect();
    statics.par_iter().for_each(|(rel, src)| {
        let _ = staging.copy(rel, src);
    });
    site.assets.par_iter().for_each(|(rel, path)| {
        // Photos are published re-encoded: oriented, without metadata (no GPS location).
        let written = match ext.images.published(path) {
            Some(Ok(bytes)) => staging.write(&render::Output { path: rel.clone(), bytes }),
            Some(Err(detail)) => {
                let shown = path.display().to_string();
                Err(std::io::Error::other(messages::text(messages::Msg::ImageFailed {
                    path: &shown,
                    detail: &detail,
                })))
            }
            None => staging.copy(rel, &theme::FileSource::Disk(path.clone())),
        };
        if let Err(e) = written {
            copy_errors.lock().unwrap_or_else(|p| p.into_inner()).push(Diagnostic::error(
                path,
                0,
                0,
                e.to_string(),
            ));
        }
    });
    let build_date = chrono::Local::now().format("%Y-%m-%d").to_string();
    let model = render::Model { site: &site, md: &md, docs: &docs, bulletins: &bulletins };
    let progress = progress::Progress::start(render::job_count(&model));
    let (mut counts, render_diags) = render::render_all(&model, &tera, &build_date, &|out| {
        progress.tick();
        staging.write(&out)
    });
    drop(progress);
    diags.extend(render_diags);
    diags.extend(strings.take_warnings());
    let (copies, image_diags) = ext.images.outputs();
    diags.extend(image_diags);
    for out in copies {
        let path = out.path.clone();
        counts.files += 1;
        if let Err(e) = staging.write(&out) {
            diags.push(Diagnostic::error(&path, 0, 0, e.to_string()));
        }
    }
    diags.extend(copy_errors.into_inner().unwrap_or_else(|p| p.into_inner()));
    diags.extend(staging.failures().into_iter().map(|mut d| {
        d.path = load::shown(&opts.root, &d.path);
        d
    }));
    let warnings = settle(diags, opts.strict, &site.config.file)?;
    staging.commit()?;
    counts.files += theme.statics.len() + site.assets.len();
    let drafts = site.targets.drafts.len();
    let elapsed = start.elapsed();
    free::later((site, md, docs, bulletins, tera, ext, strings, theme));
    Ok(Report { counts, elapsed, warnings, drafts, output, external: None })
}

/// Frees what rendering no longer reads (the files are checked and parsed, their
/// Markdown rendered): the page texts (only the search index reads them, and only those
/// whose render kept no plain text), and each page's HTML as soon as its own file is
/// rendered (a bulletin's print pages show it too).
fn free_before_render(site: &mut resolve::Site, md: &mut render::Rendered, bulletins: &bulletin::Bulletins) {
    let search = site.config.build_search_index;
    for (p, h) in site.pages.iter_mut().zip(&md.pages) {
        if !search || h.plain.is_some() {
            p.parsed.source.text = String::new();
            p.parsed.body_start = 0;
        }
    }
    md.hand_over(|i| bulletins.of_page.contains_key(&i));
}

/// Runs the whole pipeline without writing anything; reports what `build` would.
pub fn check(opts: &Options) -> Result<Report> {
    let start = Instant::now();
    let mut diags = Vec::new();
    let Prepared { site, docs, bulletins, md, tera, strings, .. } = prepare(opts, &mut diags)?;
    diags.extend(audio::probe(&site, &bulletins));
    let model = render::Model { site: &site, md: &md, docs: &docs, bulletins: &bulletins };
    let mut counts = render::Counts { pages: site.pages.len(), sections: site.sections.len(), files: 0 };
    if let Some(tera) = tera {
        let (c, d) =
            render::limits::with_stack(|| render::render_all(&model, &tera, "1970-01-01", &|_| Ok(())));
        counts = c;
        diags.extend(d);
    }
    diags.extend(strings.take_warnings());
    let mut summary = None;
    if opts.external {
        let (d, s) = external::check(&site, &md, &site.config.link_checker);
        diags.extend(d);
        summary = Some(s);
    }
    let warnings = settle(diags, opts.strict, &site.config.file)?;
    let drafts = site.targets.drafts.len();
    let output = opts.output.clone().unwrap_or_else(|| opts.root.join("public"));
    Ok(Report { counts, elapsed: start.elapsed(), warnings, drafts, output, external: summary })
}

/// The read-aloud script of `text` (plain text or Markdown with optional front matter),
/// using the documents and `broadcast` settings of the site at `root` when there is one.
/// Returns the script and what a reader would still stumble over, each with its 1-based
/// line and column in `text`.
pub fn read_aloud(root: &Path, text: &str) -> (String, Vec<(String, usize, usize)>) {
    let (blocks, leftovers, _) = script_of(root, text);
    (bulletin::script::join(&blocks), leftovers)
}

/// The spoken blocks of `text`, what a reader would stumble over (with line and column),
/// and the config used (the site's at `root`, or the defaults).
pub(crate) fn script_of(
    root: &Path,
    text: &str,
) -> (Vec<bulletin::script::Block>, Vec<(String, usize, usize)>, Config) {
    let text = load::decode(text.as_bytes()).unwrap_or_else(|_| text.to_owned());
    let mut ignored = Vec::new();
    let prepared = config_source::exists(root)
        .then(|| prepare(&Options { root: root.to_path_buf(), ..Options::default() }, &mut ignored).ok())
        .flatten();
    let (docs, config) = match &prepared {
        Some(p) => (Some(&p.docs), p.site.config.clone()),
        None => (None, Config::default()),
    };
    let lookup = |key: &str| {
        let docs = docs?;
        docs.spoken(key).map(|d| speech::KnownDoc {
            kind_name: d.kind.name.to_owned(),
            num: d.number.num,
            issuer: d.issuer.clone(),
        })
    };
    let broadcast = &config.broadcast;
    let abbreviations: Vec<(String, String)> =
        broadcast.abbreviations.iter().map(|(k, v)| (k.clone(), v.clone())).collect();
    let opts =
        speech::Options { dialect: broadcast.dialect, abbreviations: &abbreviations, documents: &lookup };
    let source = load::Source { rel: "stdin.md".into(), shown: "-".into(), text };
    let (body, body_start) = match parse::parse(source.clone(), &mut ignored) {
        Some(p) => (p.body().to_owned(), p.body_start),
        None => (source.text.clone(), 0),
    };
    let (blocks, leftovers) = bulletin::script::script(None, &body, &opts);
    let located = leftovers
        .into_iter()
        .map(|l| {
            let (line, col) =
                bulletin::script::line_col(&source.text, body_start + l.at.unwrap_or(0), &l.what);
            (l.what, line, col)
        })
        .collect();
    (blocks, located, config)
}
