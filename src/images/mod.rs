//! Images: staff photos (5–10 MB from a phone) resized to web sizes at build time.
//!
//! Markdown images of JPEG/PNG files in `content/` get `width`, `height`,
//! `loading="lazy"` and a `srcset` of smaller copies; every copy, and the copy of the
//! original itself, is re-encoded with its EXIF orientation applied, which drops all
//! metadata (GPS location included: photos taken in a rehabilitation centre must not say
//! where). Results are cached under `.loa-cache/images/` by content hash, so a rebuild
//! only decodes new photos. `resize_image` does the same for templates.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::hash::Hasher;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use image::{DynamicImage, ImageDecoder, ImageReader};
use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use crate::error::Diagnostic;
use crate::messages::{self, Msg};
use crate::render::Output;

/// Folder of resized copies in the output.
pub const OUTPUT_DIR: &str = "processed_images/";

/// The build's cache folder, under the site root.
pub const CACHE_DIR: &str = ".loa-cache/images";

/// Raised when the way copies are made changes, so old cached files are not reused.
const CACHE_VERSION: u64 = 1;

/// `images:` in `config.yaml`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Settings {
    /// Widths of the smaller copies offered in `srcset`.
    pub widths: Vec<u32>,
    /// The widest copy; wider photos are scaled down to it.
    pub max_width: u32,
    /// JPEG quality of the copies (1–100).
    pub quality: u8,
    /// Source files bigger than this many megabytes are warned about.
    pub warn_size_mb: u64,
}

impl Default for Settings {
    fn default() -> Self {
        Settings { widths: vec![480, 800, 1200], max_width: 1600, quality: 82, warn_size_mb: 10 }
    }
}

/// What is known about a source image without decoding it.
#[derive(Debug, Clone, Copy)]
struct Info {
    /// Size as shown (after EXIF orientation).
    width: u32,
    height: u32,
    hash: u64,
    png: bool,
}

/// A copy to make: source file, width.
type Variant = (PathBuf, u32);

/// The site's images and the copies the build needs.
pub struct Images {
    settings: Settings,
    /// Site URL of a content image → its file.
    by_url: HashMap<String, PathBuf>,
    /// Content-relative source path → site URL (for `resize_image`).
    by_source: HashMap<String, String>,
    cache: PathBuf,
    infos: Mutex<HashMap<PathBuf, Option<Info>>>,
    wanted: Mutex<BTreeSet<Variant>>,
}

impl Default for Images {
    fn default() -> Self {
        Images::new(Path::new("."), &[], &HashMap::new(), Settings::default())
    }
}

fn is_image(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    lower.ends_with(".jpg") || lower.ends_with(".jpeg") || lower.ends_with(".png")
}

impl Images {
    /// `assets` are (output path, file) pairs of the site; `by_source` maps content paths to URLs.
    pub fn new(
        root: &Path,
        assets: &[(String, PathBuf)],
        by_source: &HashMap<String, String>,
        settings: Settings,
    ) -> Images {
        let by_url: HashMap<String, PathBuf> = assets
            .iter()
            .filter(|(out, _)| is_image(out))
            .map(|(out, p)| (format!("/{out}"), p.clone()))
            .collect();
        let by_source = by_source
            .iter()
            .filter(|(_, url)| by_url.contains_key(url.as_str()))
            .map(|(s, u)| (s.clone(), u.clone()))
            .collect();
        Images {
            settings,
            by_url,
            by_source,
            cache: root.join(CACHE_DIR),
            infos: Mutex::new(HashMap::new()),
            wanted: Mutex::new(BTreeSet::new()),
        }
    }

    /// Warnings about the site's image files: too big, or a kind browsers do not show.
    pub fn check_files(&self, root: &Path, assets: &[(String, PathBuf)], diags: &mut Vec<Diagnostic>) {
        for (out, path) in assets {
            let lower = out.to_ascii_lowercase();
            let shown = crate::load::shown(root, path);
            if lower.ends_with(".heic")
                || lower.ends_with(".heif")
                || lower.ends_with(".tif")
                || lower.ends_with(".tiff")
            {
                diags.push(Diagnostic::warning(&shown, 0, 0, messages::text(Msg::ImageKind)));
                continue;
            }
            let Ok(meta) = std::fs::metadata(path) else { continue };
            let mb = meta.len() as f64 / 1_048_576.0;
            if mb > self.settings.warn_size_mb as f64
                && (is_image(out) || lower.ends_with(".gif") || lower.ends_with(".webp"))
            {
                let size = format!("{mb:.1}");
                let msg = messages::text(Msg::ImageHuge { size: &size, max: self.settings.warn_size_mb });
                diags.push(Diagnostic::warning(&shown, 0, 0, msg));
            }
        }
    }

    /// Is the site URL `url` an image loa resizes?
    pub fn handles(&self, url: &str) -> bool {
        !self.by_url.is_empty() && self.by_url.contains_key(url)
    }

    /// The `<img>` for a Markdown image of the site URL `url`, with its copies registered;
    /// `None` when the file cannot be read as an image (it is then left as written).
    pub fn img_html(&self, url: &str, alt: &str, title: &str) -> Option<String> {
        let path = self.by_url.get(url)?;
        let info = self.info(path)?;
        let full = info.width.min(self.settings.max_width);
        let mut widths: Vec<u32> = self.settings.widths.iter().copied().filter(|&w| w < full).collect();
        widths.push(full);
        widths.sort_unstable();
        widths.dedup();
        let height = scaled_height(info, full);
        {
            let mut wanted = self.wanted.lock().unwrap_or_else(|p| p.into_inner());
            for &w in &widths {
                wanted.insert((path.clone(), w));
            }
        }
        let srcset: Vec<String> = widths.iter().map(|&w| format!("{} {w}w", copy_url(info, w))).collect();
        let e = crate::render::engine::escape_html;
        let title = if title.is_empty() { String::new() } else { format!(" title=\"{}\"", e(title)) };
        Some(format!(
            "<img src=\"{}\" srcset=\"{}\" sizes=\"(max-width: 48rem) 100vw, 48rem\" width=\"{full}\" height=\"{height}\" alt=\"{}\"{title} loading=\"lazy\" decoding=\"async\">",
            copy_url(info, full),
            srcset.join(", "),
            e(alt),
        ))
    }

    /// A copy of the content image `source` (content path, or `@/` path) `width` wide (and
    /// at most `height` high, when given): `(url, width, height)` for `resize_image`.
    pub fn resize(
        &self,
        source: &str,
        width: Option<u32>,
        height: Option<u32>,
    ) -> Result<(String, u32, u32), String> {
        let key = source.trim_start_matches("@/").trim_start_matches('/');
        let url =
            self.by_source.get(key).ok_or_else(|| messages::text(Msg::ResizeUnknown { path: source }))?;
        let path = &self.by_url[url];
        let info = self.info(path).ok_or_else(|| messages::text(Msg::ResizeUnknown { path: source }))?;
        let mut w = width.unwrap_or(info.width).min(info.width).max(1);
        if let Some(h) = height {
            let by_height = (u64::from(info.width) * u64::from(h) / u64::from(info.height.max(1))) as u32;
            w = w.min(by_height.max(1));
        }
        self.wanted.lock().unwrap_or_else(|p| p.into_inner()).insert((path.clone(), w));
        Ok((copy_url(info, w), w, scaled_height(info, w)))
    }

    fn info(&self, path: &Path) -> Option<Info> {
        if let Some(known) = self.infos.lock().unwrap_or_else(|p| p.into_inner()).get(path) {
            return *known;
        }
        let info = read_info(path);
        self.infos.lock().unwrap_or_else(|p| p.into_inner()).insert(path.to_path_buf(), info);
        info
    }

    /// The bytes to publish for the content image `path` instead of the file itself:
    /// re-encoded, oriented, without metadata. `None` for files loa does not handle.
    pub fn published(&self, path: &Path) -> Option<Result<Vec<u8>, String>> {
        let name = path.file_name()?.to_string_lossy();
        if !is_image(&name) {
            return None;
        }
        let info = self.info(path)?;
        Some(self.copies(path, info, &[info.width]).map(|mut v| v.remove(0).1))
    }

    /// Every copy asked for so far, as output files (made or taken from the cache, in parallel).
    pub fn outputs(&self) -> (Vec<Output>, Vec<Diagnostic>) {
        let wanted = std::mem::take(&mut *self.wanted.lock().unwrap_or_else(|p| p.into_inner()));
        let mut by_file: BTreeMap<PathBuf, Vec<u32>> = BTreeMap::new();
        for (path, w) in wanted {
            by_file.entry(path).or_default().push(w);
        }
        let results: Vec<Result<Vec<Output>, Diagnostic>> = by_file
            .into_par_iter()
            .map(|(path, widths)| {
                let info = self.info(&path).ok_or_else(|| failed(&path, "?"))?;
                let copies = self.copies(&path, info, &widths).map_err(|e| failed(&path, &e))?;
                Ok(copies
                    .into_iter()
                    .map(|(w, bytes)| Output { path: copy_url(info, w)[1..].to_owned(), bytes })
                    .collect())
            })
            .collect();
        let mut outs = Vec::new();
        let mut diags = Vec::new();
        for r in results {
            match r {
                Ok(o) => outs.extend(o),
                Err(d) => diags.push(d),
            }
        }
        (outs, diags)
    }

    /// Copies of `path` at `widths`, from the cache when there; the image is decoded at most once.
    fn copies(&self, path: &Path, info: Info, widths: &[u32]) -> Result<Vec<(u32, Vec<u8>)>, String> {
        let mut out = Vec::with_capacity(widths.len());
        let mut decoded: Option<DynamicImage> = None;
        for &w in widths {
            let name = cache_name(info, w);
            let cached = self.cache.join(&name);
            if let Ok(bytes) = std::fs::read(&cached) {
                out.push((w, bytes));
                continue;
            }
            let img: &DynamicImage = match &mut decoded {
                Some(img) => img,
                slot @ None => slot.insert(decode(path)?),
            };
            let resized = if w < img.width() {
                img.resize(w, scaled_height(info, w).max(1), image::imageops::FilterType::Lanczos3)
            } else {
                img.clone()
            };
            let bytes = encode(&resized, info.png, self.settings.quality)?;
            // A cache that cannot be written only costs time next build.
            if std::fs::create_dir_all(&self.cache).is_ok() {
                let tmp = self.cache.join(format!(".{name}.tmp"));
                if std::fs::write(&tmp, &bytes).is_ok() {
                    let _ = std::fs::rename(&tmp, &cached);
                }
            }
            out.push((w, bytes));
        }
        Ok(out)
    }
}

fn failed(path: &Path, detail: &str) -> Diagnostic {
    let shown = path.display().to_string();
    Diagnostic::error(path, 0, 0, messages::text(Msg::ImageFailed { path: &shown, detail }))
}

fn scaled_height(info: Info, width: u32) -> u32 {
    ((u64::from(info.height) * u64::from(width) + u64::from(info.width) / 2) / u64::from(info.width.max(1)))
        as u32
}

fn cache_name(info: Info, width: u32) -> String {
    format!("{:016x}-{width}.{}", info.hash, if info.png { "png" } else { "jpg" })
}

fn copy_url(info: Info, width: u32) -> String {
    format!("/{OUTPUT_DIR}{}", cache_name(info, width))
}

/// Size (as shown) and content hash, reading only the header for the size.
fn read_info(path: &Path) -> Option<Info> {
    let bytes = std::fs::read(path).ok()?;
    let mut hasher = rustc_hash::FxHasher::default();
    hasher.write_u64(CACHE_VERSION);
    hasher.write(&bytes);
    let reader = ImageReader::new(std::io::Cursor::new(&bytes)).with_guessed_format().ok()?;
    let png = matches!(reader.format(), Some(image::ImageFormat::Png));
    let mut decoder = reader.into_decoder().ok()?;
    let (w, h) = decoder.dimensions();
    let orientation = decoder.orientation().unwrap_or(image::metadata::Orientation::NoTransforms);
    use image::metadata::Orientation::*;
    let turned = matches!(orientation, Rotate90 | Rotate270 | Rotate90FlipH | Rotate270FlipH);
    let (width, height) = if turned { (h, w) } else { (w, h) };
    (width > 0 && height > 0).then_some(Info { width, height, hash: hasher.finish(), png })
}

/// Decodes `path` with its EXIF orientation applied.
fn decode(path: &Path) -> Result<DynamicImage, String> {
    let reader = ImageReader::open(path).map_err(|e| e.to_string())?;
    let reader = reader.with_guessed_format().map_err(|e| e.to_string())?;
    let mut decoder = reader.into_decoder().map_err(|e| e.to_string())?;
    let orientation = decoder.orientation().unwrap_or(image::metadata::Orientation::NoTransforms);
    let mut img = DynamicImage::from_decoder(decoder).map_err(|e| e.to_string())?;
    img.apply_orientation(orientation);
    Ok(img)
}

/// Encodes without any metadata: the encoders write pixels only.
fn encode(img: &DynamicImage, png: bool, quality: u8) -> Result<Vec<u8>, String> {
    let mut out = Vec::new();
    if png {
        img.write_to(&mut std::io::Cursor::new(&mut out), image::ImageFormat::Png)
            .map_err(|e| e.to_string())?;
    } else {
        let rgb = img.to_rgb8();
        let encoder = image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, quality.clamp(1, 100));
        rgb.write_with_encoder(encoder).map_err(|e| e.to_string())?;
    }
    Ok(out)
}

/// Registers `resize_image(path=…, width=…, height=…)` on the templates.
pub fn register(tera: &mut tera::Tera, images: std::sync::Arc<Images>) {
    tera.register_function("resize_image", move |args: &HashMap<String, tera::Value>| {
        let path = args.get("path").and_then(|v| v.as_str()).unwrap_or("");
        let num = |k: &str| args.get(k).and_then(|v| v.as_u64()).map(|n| n.min(u64::from(u32::MAX)) as u32);
        let (url, width, height) =
            images.resize(path, num("width"), num("height")).map_err(tera::Error::msg)?;
        Ok(serde_json::json!({ "url": url, "width": width, "height": height }))
    });
}
