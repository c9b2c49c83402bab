//! The command line (a contract: see DESIGN.md). Parsing only; `main` runs the commands.

use std::path::PathBuf;

use clap::{Parser, Subcommand};

/// loa — trang thông tin và bản tin phát thanh từ Markdown.
/// A static site generator for Vietnamese public-information sites and loudspeaker bulletins.
#[derive(Debug, Parser)]
#[command(name = "loa", version, about)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create a new site skeleton in DIR (which must be empty or absent).
    Init { dir: PathBuf },
    /// Build the site into its output folder (public/ by default).
    Build {
        /// The site's folder (holding config.yaml).
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Output folder (default: public/ under the root).
        #[arg(long)]
        output: Option<PathBuf>,
        /// Override `base_url` from config.yaml.
        #[arg(long)]
        base_url: Option<String>,
        /// Include pages marked `draft: true`.
        #[arg(long)]
        drafts: bool,
        /// Treat warnings as errors.
        #[arg(long)]
        strict: bool,
        #[command(flatten)]
        config: ConfigArgs,
    },
    /// Check content, links and templates without writing anything.
    Check {
        #[arg(long, default_value = ".")]
        root: PathBuf,
        #[arg(long)]
        drafts: bool,
        /// Treat warnings as errors (exit 1).
        #[arg(long)]
        strict: bool,
        /// Also check web (http/https) links of the content: a few at a time, each with a timeout.
        #[arg(long)]
        external: bool,
        /// `text` for people, `json` for machines.
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
        #[command(flatten)]
        config: ConfigArgs,
    },
    /// Create a page from an archetype: KIND is page, document or bulletin; PATH is under content/.
    New {
        kind: String,
        path: PathBuf,
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
    /// Preview the site: build it in memory, serve it, rebuild and reload on every save.
    Serve {
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Address to listen on; anything but 127.0.0.1 shows the preview to the network.
        #[arg(long, default_value = "127.0.0.1")]
        bind: std::net::IpAddr,
        /// Port; the next free one is used when it is taken (0: any free port).
        #[arg(long, default_value_t = 1111)]
        port: u16,
        #[arg(long)]
        drafts: bool,
        /// Open the preview in the default browser.
        #[arg(long)]
        open: bool,
        #[command(flatten)]
        config: ConfigArgs,
    },
    /// Import letters (.docx, PDF, scans, text in TCVN3, VNI or Unicode) as draft document pages.
    Import {
        /// The files to import.
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Section (folder under content/) for the pages.
        #[arg(long, default_value = "van-ban")]
        section: String,
        /// The site's folder (holding config.yaml).
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
    /// Print the read-aloud form of a text or Markdown file (standard input when FILE is `-` or absent).
    ReadAloud {
        file: Option<PathBuf>,
        /// A site whose documents and `broadcast` settings to use (default: the current folder, if it is a site).
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
    #[command(about = crate::messages::text(crate::messages::Msg::SpeakAbout))]
    Speak {
        #[arg(help = crate::messages::text(crate::messages::Msg::SpeakFileHelp))]
        file: Option<PathBuf>,
        #[arg(short, long, help = crate::messages::text(crate::messages::Msg::SpeakOutputHelp))]
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
    /// Configuration file to read instead of config.yaml in the root.
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Environment: lay config.ENV.yaml over the configuration (default: $LOA_ENV).
    #[arg(long, value_name = "ENV")]
    pub env: Option<String>,
}

/// Output format of `loa check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Text,
    Json,
}
