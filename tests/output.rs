//! Output-folder safety: loa replaces only folders it created, never the site itself,
//! and leaves no staging folders behind.

use std::fs;

use crate::support::{assert_no_leftovers, assert_same_tree, entries, tree, Fixture};

const REFUSED: &str = "error: refusing to write output to";

/// Runs `loa build --output <out>` on the good fixture and expects a refusal that
/// changes nothing in the temporary folder.
fn refuses_output(fx: &Fixture, out: &std::path::Path) {
    let before = tree(fx.tmp());
    fx.build_err_with(&["--output", out.to_str().expect("UTF-8 path")]).assert_stderr_contains(REFUSED);
    assert_same_tree(&before, &tree(fx.tmp()));
}

#[test]
fn refuses_output_equal_to_the_root() {
    let fx = Fixture::copy("good");
    refuses_output(&fx, fx.root());
}

#[test]
fn refuses_output_in_the_content_folder() {
    let fx = Fixture::copy("good");
    refuses_output(&fx, &fx.path("content"));
    refuses_output(&fx, &fx.path("content/tin-tuc/moi"));
}

#[test]
fn refuses_output_in_the_templates_folder() {
    let fx = Fixture::copy("good");
    refuses_output(&fx, &fx.path("templates"));
}

#[test]
fn refuses_output_that_is_a_parent_of_the_root() {
    let fx = Fixture::copy("good");
    refuses_output(&fx, fx.tmp());
}

// A relative `--output .` run from inside the site is the root too.
#[test]
fn refuses_relative_output_that_is_the_root() {
    let fx = Fixture::copy("good");
    let mut cmd = fx.cmd();
    cmd.current_dir(fx.root()).args(["build", "--root", ".", "--output", "."]);
    fx.run(cmd, 1).assert_stderr_contains(REFUSED);
    assert!(!fx.path(".loa-output").exists());
}

// A non-empty folder without loa's marker is someone's work: refuse, touch nothing.
#[test]
fn refuses_a_non_empty_folder_loa_did_not_create() {
    let fx = Fixture::copy("good");
    let out = fx.tmp().join("tai-lieu");
    fs::create_dir(&out).expect("mkdir");
    fs::write(out.join("bao-cao.docx"), "quan trọng").expect("write");
    fx.build_err_with(&["--output", out.to_str().expect("UTF-8")])
        .assert_stderr_contains("error: refusing to replace `")
        .assert_stderr_contains("it is not empty and was not created by loa");
    assert_eq!(entries(&out), ["bao-cao.docx"]);
    assert_eq!(fs::read_to_string(out.join("bao-cao.docx")).unwrap(), "quan trọng");
    assert_no_leftovers(fx.tmp());
}

// The same for the default `public/` when a user made it by hand.
#[test]
fn refuses_a_hand_made_public_folder() {
    let fx = Fixture::copy("good");
    fx.write("public/index.html", "<p>trang cũ làm tay</p>");
    fx.build_err().assert_stderr_contains("error: refusing to replace `");
    assert_eq!(fx.read_public("index.html"), "<p>trang cũ làm tay</p>");
}

// An empty folder may be used as output.
#[test]
fn accepts_an_empty_existing_folder() {
    let fx = Fixture::copy("good");
    let out = fx.tmp().join("trong");
    fs::create_dir(&out).expect("mkdir");
    fx.build_with(&["--output", out.to_str().expect("UTF-8")]);
    assert!(out.join("index.html").is_file());
    assert!(out.join(".loa-output").is_file());
}

// loa replaces its own previous output, and files of removed pages disappear.
#[test]
fn replaces_its_own_previous_output() {
    let fx = Fixture::copy("good");
    let out = fx.tmp().join("ket-qua");
    let out_arg = out.to_str().expect("UTF-8");
    fx.build_with(&["--output", out_arg]);
    assert!(out.join("tin-tuc/bai-hai/index.html").is_file());
    fx.remove("content/tin-tuc/bai-hai.md");
    fx.build_with(&["--output", out_arg]);
    assert!(!out.join("tin-tuc/bai-hai").exists());
    assert!(out.join("tin-tuc/bai-mot/index.html").is_file());
    assert_no_leftovers(fx.tmp());
}

// A build that fails while rendering (after staging began) removes its staging folder.
#[test]
fn failed_build_leaves_no_temporary_folders() {
    let fx = Fixture::copy("good");
    fx.build();
    let before = fx.output_tree();
    fx.write("templates/page.html", "{{ page.khong_co }}\n");
    fx.build_err();
    assert_same_tree(&before, &fx.output_tree());
    assert_no_leftovers(fx.root());
    let names = entries(fx.root());
    assert!(names.iter().all(|n| !n.starts_with(".public")), "leftovers in the root: {names:?}");
}

// A successful build leaves only `public/` beside the sources.
#[test]
fn successful_build_leaves_no_temporary_folders() {
    let fx = Fixture::copy("good");
    fx.build().build();
    assert_eq!(entries(fx.root()), ["config.yaml", "content", "public", "templates"]);
}

// A rebuild links unchanged files to the old output's and writes changed ones, even
// when the new bytes have the old length (the old files are compared, not just sized).
#[cfg(unix)]
#[test]
fn rebuild_links_unchanged_files_and_rewrites_same_size_changes() {
    use std::os::unix::fs::MetadataExt;
    let fx = Fixture::copy("good");
    fx.build();
    let ino = |rel: &str| fs::metadata(fx.public().join(rel)).expect(rel).ino();
    let (kept, edited) = ("tin-tuc/bai-hai/index.html", "tin-tuc/bai-mot/index.html");
    let (kept_before, edited_before) = (ino(kept), ino(edited));
    let page = fx.read("content/tin-tuc/bai-mot.md");
    // The same number of bytes, one letter different.
    fx.write("content/tin-tuc/bai-mot.md", page.replace("Xem [", "Xin ["));
    fx.build();
    assert_eq!(ino(kept), kept_before, "unchanged file is a link to the old one");
    assert_ne!(ino(edited), edited_before, "changed file is written anew");
    assert!(fx.read_public(edited).contains("Xin "), "new text is in place");
    assert_no_leftovers(fx.tmp());
}

/// Every path under `dir` with its kind (`d` folder, `f` file, `l` link), links not followed.
fn kinds(dir: &std::path::Path) -> Vec<(String, char)> {
    fn walk(base: &std::path::Path, dir: &std::path::Path, out: &mut Vec<(String, char)>) {
        for entry in fs::read_dir(dir).expect("read folder") {
            let path = entry.expect("entry").path();
            let meta = fs::symlink_metadata(&path).expect("metadata");
            let rel = path.strip_prefix(base).expect("under base").to_string_lossy().into_owned();
            let kind = if meta.file_type().is_symlink() {
                'l'
            } else if meta.is_dir() {
                'd'
            } else {
                'f'
            };
            out.push((rel, kind));
            if kind == 'd' {
                walk(base, &path, out);
            }
        }
    }
    let mut out = Vec::new();
    walk(dir, dir, &mut out);
    out.sort();
    out
}

// A rebuild that changes nothing keeps the old output itself: the same folder, the same
// files, nothing made or removed beside it.
#[cfg(unix)]
#[test]
fn rebuild_that_changes_nothing_keeps_the_output_folder_as_it_was() {
    use std::os::unix::fs::MetadataExt;
    let fx = Fixture::copy("good");
    fx.build();
    let ino = |rel: &str| fs::metadata(fx.public().join(rel)).expect(rel).ino();
    let before = (ino(""), ino("tin-tuc"), ino("tin-tuc/bai-hai/index.html"));
    let listing = kinds(&fx.public());
    fx.build();
    assert_eq!((ino(""), ino("tin-tuc"), ino("tin-tuc/bai-hai/index.html")), before);
    assert_eq!(kinds(&fx.public()), listing);
    assert_eq!(entries(fx.root()), ["config.yaml", "content", "public", "templates"]);
}

// Only a file went (nothing else changed): the output must still lose it.
#[test]
fn a_static_file_removed_alone_leaves_the_output() {
    let fx = Fixture::copy("good");
    fx.write("static/tai-lieu/mau.txt", "mẫu\n");
    fx.build();
    assert!(fx.public().join("tai-lieu/mau.txt").is_file());
    fx.remove("static/tai-lieu/mau.txt");
    fx.build();
    assert!(!fx.public().join("tai-lieu/mau.txt").exists());
    let out = fx.tmp().join("sach");
    fx.build_with(&["--output", out.to_str().expect("UTF-8")]);
    assert_eq!(kinds(&fx.public()), kinds(&out));
}

// What someone put in the output (a file, an empty folder, a link) is gone after a rebuild
// even when the site itself did not change: the output is exactly what a clean build makes.
#[test]
fn things_put_into_an_unchanged_output_are_removed_by_the_rebuild() {
    let fx = Fixture::copy("good");
    fx.build();
    let clean = kinds(&fx.public());
    let steps: [&dyn Fn(&std::path::Path); 3] = [
        &|p| fs::write(p.join("tin-tuc/them.txt"), "thêm").expect("write"),
        &|p| fs::create_dir_all(p.join("thu-muc-rong/con")).expect("mkdir"),
        &|p| {
            #[cfg(unix)]
            std::os::unix::fs::symlink("tin-tuc", p.join("lien-ket")).expect("symlink");
            #[cfg(not(unix))]
            fs::write(p.join("lien-ket"), "").expect("write");
        },
    ];
    for (i, step) in steps.iter().enumerate() {
        step(&fx.public());
        assert_ne!(kinds(&fx.public()), clean, "step {i} changed the output");
        fx.build();
        assert_eq!(kinds(&fx.public()), clean, "step {i}: the rebuild left it");
    }
    assert_no_leftovers(fx.tmp());
}
