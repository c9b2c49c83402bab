//! Where the configuration comes from: `config.yaml` (or `config.yml`) in the root, or
//! `--config FILE`, plus an environment overlay (`config.production.yaml` for
//! `--env production`) whose keys replace the base's, maps merged key by key.

use std::path::{Path, PathBuf};

use anyhow::Result;

use crate::config::Config;
use crate::error::{Diagnostic, SiteErrors};
use crate::messages::{self, Msg};

/// File names looked for in the root, in order.
const NAMES: &[&str] = &["config.yaml", "config.yml"];

/// Formats loa does not read, with the format's name, for a hint.
const OTHER_FORMATS: &[(&str, &str)] = &[("config.toml", "TOML"), ("config.json", "JSON")];

/// The environment variable naming the overlay when `--env` is not given.
pub const ENV_VAR: &str = "LOA_ENV";

/// A configuration file read: its path as shown in messages, and its text.
#[derive(Debug, Clone, Default)]
pub struct File {
    pub shown: PathBuf,
    pub text: String,
}

/// Reads the site's configuration: `file` if given, else `config.yaml`/`config.yml` in
/// `root`; then the overlay for `env` (or `$LOA_ENV`). Returns the config and the base file.
pub fn load(
    root: &Path,
    file: Option<&Path>,
    env: Option<&str>,
    diags: &mut Vec<Diagnostic>,
) -> Result<(Config, File)> {
    let mut base = match file {
        Some(path) => read(path, path.to_path_buf())?.ok_or_else(|| {
            anyhow::anyhow!(messages::text(Msg::ConfigFileMissing { path: &path.display().to_string() }))
        })?,
        None => find(root)?,
    };
    // Control characters would make atom.xml and sitemap.xml ill-formed (#12).
    let (text, _) = crate::load::clean(std::mem::take(&mut base.text), &base.shown, diags);
    base.text = text;
    let (mut config, warnings) = Config::parse(&base.text, &base.shown).map_err(|d| SiteErrors(vec![d]))?;
    diags.extend(warnings);
    let env = env.map(str::to_owned).or_else(|| std::env::var(ENV_VAR).ok().filter(|v| !v.trim().is_empty()));
    if let Some(env) = env {
        let overlay_path = overlay_path(root, file, &env);
        let shown = crate::load::shown(root, &overlay_path);
        let overlay = read(&overlay_path, shown.clone())?.ok_or_else(|| {
            anyhow::anyhow!(messages::text(Msg::ConfigOverlayMissing {
                env: &env,
                path: &shown.display().to_string()
            }))
        })?;
        // Checked on its own first, so its mistakes point at its own lines.
        let (_, warnings) = Config::parse(&overlay.text, &overlay.shown).map_err(|d| SiteErrors(vec![d]))?;
        diags.extend(warnings);
        config = merged(&base, &overlay)?;
    }
    config.file = base.clone();
    Ok((config, base))
}

/// Messages name `config.yaml` where they mean the site's configuration: say the file
/// really read instead (`config.yml`, `--config site.yaml`).
pub fn name_in_messages(diags: &mut [Diagnostic], file: &File) {
    let shown = file.shown.display().to_string();
    if shown == NAMES[0] {
        return;
    }
    for d in diags {
        if d.message.contains(NAMES[0]) {
            d.message = d.message.replace(NAMES[0], &shown);
        }
    }
}

/// Is there a site configuration in `root` (`config.yaml` or `config.yml`)?
pub fn exists(root: &Path) -> bool {
    NAMES.iter().any(|n| root.join(n).is_file())
}

/// The configuration file of the site in `root` as messages name it, `config.yaml` when
/// there is none yet.
pub fn name_in(root: &Path) -> &'static str {
    NAMES.iter().find(|n| root.join(n).is_file()).copied().unwrap_or(NAMES[0])
}

/// `config.ENV.yaml` beside the base file (`--config site.yaml` → `site.ENV.yaml`).
fn overlay_path(root: &Path, file: Option<&Path>, env: &str) -> PathBuf {
    match file {
        Some(f) => {
            let stem = f.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
            let ext =
                f.extension().map(|s| s.to_string_lossy().into_owned()).unwrap_or_else(|| "yaml".into());
            f.with_file_name(format!("{stem}.{env}.{ext}"))
        }
        None => root.join(format!("config.{env}.yaml")),
    }
}

/// The first of `config.yaml`, `config.yml` in `root`; a hint when only another format is there.
fn find(root: &Path) -> Result<File> {
    for name in NAMES {
        if let Some(file) = read(&root.join(name), PathBuf::from(name))? {
            return Ok(file);
        }
    }
    for (name, format) in OTHER_FORMATS {
        if root.join(name).is_file() {
            anyhow::bail!(messages::text(Msg::ConfigOtherFormat { name, format }));
        }
    }
    anyhow::bail!(messages::text(Msg::ConfigMissing { root: &root.display().to_string() }))
}

/// The text of `path`, `None` when it does not exist.
fn read(path: &Path, shown: PathBuf) -> Result<Option<File>> {
    if path.is_dir() {
        let root = path.parent().unwrap_or(path).display().to_string();
        anyhow::bail!(messages::text(Msg::ConfigIsFolder { root: &root }));
    }
    match std::fs::read(path) {
        Ok(bytes) => {
            let text = crate::load::decode(&bytes).map_err(|line| {
                SiteErrors(vec![Diagnostic::error(&shown, line, 0, messages::text(Msg::NotUtf8 { line }))])
            })?;
            Ok(Some(File { shown, text }))
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(e.into()),
    }
}

/// The base config with the overlay's keys on top (maps merged, everything else replaced).
fn merged(base: &File, overlay: &File) -> Result<Config> {
    let value = |f: &File| -> Result<serde_yaml::Value> {
        if f.text.trim().is_empty() {
            return Ok(serde_yaml::Value::Mapping(Default::default()));
        }
        Ok(serde_yaml::from_str(&f.text)?)
    };
    let mut merged = value(base)?;
    merge(&mut merged, value(overlay)?);
    let text = serde_yaml::to_string(&merged)?;
    let (config, _) = Config::parse(&text, &overlay.shown).map_err(|d| SiteErrors(vec![d]))?;
    Ok(config)
}

fn merge(base: &mut serde_yaml::Value, over: serde_yaml::Value) {
    match (base, over) {
        (serde_yaml::Value::Mapping(b), serde_yaml::Value::Mapping(o)) => {
            for (k, v) in o {
                match b.get_mut(&k) {
                    Some(existing) => merge(existing, v),
                    None => {
                        b.insert(k, v);
                    }
                }
            }
        }
        (b, o) => *b = o,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overlay_maps_merge_and_other_values_replace() {
        let mut base: serde_yaml::Value = serde_yaml::from_str(
            "title: A\nextra:\n  menu: [1, 2]\n  phone: x\nbase_url: http://localhost/\n",
        )
        .unwrap();
        let over: serde_yaml::Value =
            serde_yaml::from_str("base_url: https://sonla.example/\nextra:\n  menu: [3]\n").unwrap();
        merge(&mut base, over);
        let want: serde_yaml::Value = serde_yaml::from_str(
            "title: A\nextra:\n  menu: [3]\n  phone: x\nbase_url: https://sonla.example/\n",
        )
        .unwrap();
        assert_eq!(base, want);
    }
}
