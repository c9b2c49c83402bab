//! Images on a real phone-sized JPEG made here, with an EXIF orientation and a GPS
//! position written by hand: resized copies, `width`/`height`/`srcset`/`loading`, the
//! photo turned upright, no metadata left, the cache reused, warnings, `resize_image`, and
//! the images loading in Chromium from `file://`.

use std::io::Cursor;

use crate::browser::{chromium, dump_dom, file_url};
use crate::support::Fixture;

/// A 4032×3024 JPEG (a 12-megapixel phone photo), landscape as stored, with EXIF
/// orientation 6 ("turn 90° clockwise to show": the photo is portrait) and a GPS latitude.
fn phone_photo() -> Vec<u8> {
    photo(4032, 3024)
}

/// A `w`×`h` JPEG with the EXIF block of `exif_segment`.
fn photo(w: u32, h: u32) -> Vec<u8> {
    let img = image::RgbImage::from_fn(w, h, |x, y| {
        image::Rgb([(x / 16) as u8, (y / 12) as u8, ((x + y) / 28) as u8])
    });
    let mut jpeg = Vec::new();
    img.write_with_encoder(image::codecs::jpeg::JpegEncoder::new_with_quality(&mut jpeg, 90))
        .expect("encode");
    let app1 = exif_segment();
    let mut out = jpeg[..2].to_vec(); // SOI
    out.extend(app1);
    out.extend(&jpeg[2..]);
    out
}

/// An APP1 Exif segment: IFD0 with Orientation = 6 and a GPS IFD (N 21° 19' 50.00").
fn exif_segment() -> Vec<u8> {
    let mut t: Vec<u8> = b"II*\0".to_vec();
    t.extend(8u32.to_le_bytes());
    let entry = |t: &mut Vec<u8>, tag: u16, kind: u16, count: u32, value: [u8; 4]| {
        t.extend(tag.to_le_bytes());
        t.extend(kind.to_le_bytes());
        t.extend(count.to_le_bytes());
        t.extend(value);
    };
    // IFD0 at 8: two entries, then the GPS IFD at 8 + 2 + 24 + 4 = 38.
    t.extend(2u16.to_le_bytes());
    entry(&mut t, 0x0112, 3, 1, [6, 0, 0, 0]);
    entry(&mut t, 0x8825, 4, 1, 38u32.to_le_bytes());
    t.extend(0u32.to_le_bytes());
    // GPS IFD at 38: latitude ref and latitude (three rationals at 38 + 2 + 24 + 4 = 68).
    t.extend(2u16.to_le_bytes());
    entry(&mut t, 0x0001, 2, 2, [b'N', 0, 0, 0]);
    entry(&mut t, 0x0002, 5, 3, 68u32.to_le_bytes());
    t.extend(0u32.to_le_bytes());
    for (num, den) in [(21u32, 1u32), (19, 1), (5000, 100)] {
        t.extend(num.to_le_bytes());
        t.extend(den.to_le_bytes());
    }
    let mut seg = vec![0xFF, 0xE1];
    seg.extend(((2 + 6 + t.len()) as u16).to_be_bytes());
    seg.extend(b"Exif\0\0");
    seg.extend(t);
    seg
}

/// The GPS latitude rationals as they sit in the file.
fn gps_bytes() -> Vec<u8> {
    [21u32, 1, 19, 1, 5000, 100].iter().flat_map(|n| n.to_le_bytes()).collect()
}

fn contains(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len()).any(|w| w == needle)
}

fn site() -> Fixture {
    site_with(phone_photo())
}

fn site_with(photo: Vec<u8>) -> Fixture {
    let fx = Fixture::copy("good");
    assert!(
        contains(&photo, b"Exif\0\0") && contains(&photo, &gps_bytes()),
        "the test photo has its metadata"
    );
    fx.write("content/tin-tuc/hoi-nghi/anh-hoi-truong.jpg", &photo);
    fx.write(
        "content/tin-tuc/hoi-nghi/index.md",
        "---\ntitle: \"Hội nghị\"\n---\nẢnh:\n\n![Hội trường Cơ sở](anh-hoi-truong.jpg \"Hội trường\")\n\n![](anh-hoi-truong.jpg)\n",
    );
    fx
}

fn size_of(bytes: &[u8]) -> (u32, u32) {
    image::ImageReader::new(Cursor::new(bytes))
        .with_guessed_format()
        .expect("format")
        .into_dimensions()
        .expect("size")
}

#[test]
fn phone_photo_is_resized_turned_upright_and_stripped() {
    let fx = site();
    fx.build();
    fx.assert_stderr_contains(
        "content/tin-tuc/hoi-nghi/index.md:8: warning: image `/tin-tuc/hoi-nghi/anh-hoi-truong.jpg` has no alt text",
    );
    let html = fx.read_public("tin-tuc/hoi-nghi/index.html");
    let img =
        html.split("<img ").nth(1).and_then(|s| s.split('>').next()).unwrap_or_else(|| panic!("{html}"));
    assert!(img.contains(r#"width="1600" height="2133""#), "{img}");
    assert!(img.contains(r#"alt="Hội trường Cơ sở""#) && img.contains(r#"loading="lazy""#), "{img}");
    let srcset: Vec<&str> = img
        .split("srcset=\"")
        .nth(1)
        .and_then(|s| s.split('"').next())
        .expect("srcset")
        .split(", ")
        .collect();
    let widths: Vec<&str> = srcset.iter().map(|c| c.rsplit(' ').next().unwrap_or("")).collect();
    assert_eq!(widths, ["480w", "800w", "1200w", "1600w"], "{img}");
    for candidate in &srcset {
        let rel = candidate.split(' ').next().expect("url").trim_start_matches("../../");
        let bytes = std::fs::read(fx.public().join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"));
        let (w, h) = size_of(&bytes);
        assert!(h > w, "{rel} is {w}×{h}: not turned upright");
        assert!(!contains(&bytes, b"Exif") && !contains(&bytes, &gps_bytes()), "{rel} keeps metadata");
    }
    // The published original: upright, full size, no GPS.
    let original = std::fs::read(fx.public().join("tin-tuc/hoi-nghi/anh-hoi-truong.jpg")).expect("original");
    assert_eq!(size_of(&original), (3024, 4032));
    assert!(
        !contains(&original, b"Exif") && !contains(&original, &gps_bytes()),
        "the original keeps its GPS"
    );

    // A second build takes the copies from the cache (they are not made again).
    let cache = fx.path(".loa-cache/images");
    let stamp = |p: &std::path::Path| std::fs::metadata(p).and_then(|m| m.modified()).expect("mtime");
    let cached: Vec<_> =
        std::fs::read_dir(&cache).expect("cache").map(|e| e.expect("entry").path()).collect();
    assert_eq!(cached.len(), 5, "{cached:?}");
    let before: Vec<_> = cached.iter().map(|p| stamp(p)).collect();
    fx.build();
    let after: Vec<_> = cached.iter().map(|p| stamp(p)).collect();
    assert_eq!(before, after, "cached copies were written again");

    // From disk, the browser picks a copy from the srcset and shows it upright.
    let Some(chromium) = chromium() else { return };
    std::fs::write(fx.public().join("probe.html"), PROBE).expect("probe");
    let url = file_url(&fx.public().join("probe.html"));
    let dom = dump_dom(&chromium, &fx.tmp().join("profile"), &url, &["--virtual-time-budget=10000"]);
    let report = dom.split("<pre id=\"probe\">").nth(1).and_then(|s| s.split("</pre>").next());
    let report = report.unwrap_or_else(|| panic!("{dom}")).replace("&quot;", "\"");
    let v: serde_json::Value = serde_json::from_str(&report).expect("probe JSON");
    assert!(v["current"].as_str().unwrap_or("").contains("/processed_images/"), "{v}");
    let (w, h) = (v["w"].as_u64().unwrap_or(0), v["h"].as_u64().unwrap_or(0));
    assert!(w > 0 && h > w, "not loaded or not upright: {v}");
}

#[test]
fn huge_image_and_heic_are_warned_about() {
    let fx = Fixture::copy("good");
    fx.write(
        "config.yaml",
        "title: \"Trang tốt\"\nbase_url: \"https://loa.example/\"\nimages:\n  warn_size_mb: 0\n",
    );
    fx.write("content/tin-tuc/anh.jpg", photo(400, 300));
    fx.write("content/tin-tuc/anh.heic", "x");
    fx.build()
        .assert_stderr_contains("content/tin-tuc/anh.jpg: warning: image is ")
        .assert_stderr_contains("MB (over 0 MB); loa resizes it for the web")
        .assert_stderr_contains(
            "content/tin-tuc/anh.heic: warning: browsers cannot show this kind of image (HEIC, TIFF); save it as JPEG",
        );
}

#[test]
fn resize_image_in_a_template() {
    let fx = site_with(photo(800, 600));
    fx.write(
        "templates/section.html",
        "<!DOCTYPE html><html lang=\"vi\"><head><meta charset=\"utf-8\"><title>{{ section.title }}</title></head><body>{% set i = resize_image(path=\"tin-tuc/hoi-nghi/anh-hoi-truong.jpg\", width=300) %}<img src=\"{{ i.url | safe }}\" width=\"{{ i.width }}\" height=\"{{ i.height }}\" alt=\"\"></body></html>\n",
    );
    fx.build();
    let html = fx.read_public("tin-tuc/index.html");
    let src = html.split("src=\"").nth(1).and_then(|s| s.split('"').next()).expect("src");
    assert!(html.contains(r#"width="300" height="400""#), "{html}");
    assert_eq!(size_of(&std::fs::read(fx.public().join("tin-tuc").join(src)).expect("copy")), (300, 400));
    fx.write(
        "templates/section.html",
        "{% set i = resize_image(path=\"khong-co.jpg\", width=3) %}{{ i.url }}",
    );
    fx.build_err().assert_stderr_contains("resize_image: no JPEG/PNG image `khong-co.jpg` in content/");
}

const PROBE: &str = r#"<!DOCTYPE html><meta charset="utf-8"><pre id="probe"></pre>
<iframe id="f" src="tin-tuc/hoi-nghi/index.html" style="width:400px;height:3000px"></iframe>
<script>
document.getElementById('f').onload = () => {
  const img = document.getElementById('f').contentDocument.querySelector('img');
  img.loading = 'eager';
  const report = () => { document.getElementById('probe').textContent =
    JSON.stringify({ current: img.currentSrc, w: img.naturalWidth, h: img.naturalHeight }); };
  if (img.complete && img.naturalWidth) report(); else { img.onload = report; img.onerror = report; }
};
</script>"#;
