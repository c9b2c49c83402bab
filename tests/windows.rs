//! Windows and USB safety: reserved names get a suffix (with a warning for pages),
//! backslash links are resolved with a warning, and paths too long or differing only in
//! case are errors naming the files.

use crate::support::Fixture;

// `con.md`, `slug: AUX`, the folder `con/`, the page `nul.md` and the tag "Con" are all
// written under names Windows accepts; `..\x.md` links resolve.
#[test]
fn windows_site_matches_goldens() {
    let fx = Fixture::copy("windows");
    fx.build().check_expected();
    fx.assert_stderr_contains(
        "content/tin-tuc/con.md:1:1: warning: `con` is a name Windows refuses for a folder (also on a USB stick used on Windows); the page is written as `con-1`; set `slug:` to choose another",
    )
    .assert_stderr_contains("content/tin-tuc/phu.md:3:1: warning: `aux` is a name Windows refuses")
    .assert_stderr_contains(
        "content/tin-tuc/lien-ket.md:4: warning: link `..\\tin-tuc\\con.md` uses the Windows `\\`; read as `../tin-tuc/con.md`; write `/` in links",
    );
}

#[test]
fn reserved_file_name_of_an_attachment_is_an_error() {
    let fx = Fixture::copy("good");
    fx.write("content/tai-lieu/aux.pdf", "%PDF-1.4\n");
    fx.build_err().assert_stderr_contains(
        "content/tai-lieu/aux.pdf: file name `aux.pdf` is reserved on Windows (con, aux, nul, com1…); it cannot be copied to a Windows PC or USB stick; rename the file",
    );
}

#[test]
fn file_names_differing_only_in_case_are_an_error() {
    let fx = Fixture::copy("good");
    fx.write("content/tai-lieu/Anh.jpg", "a").write("content/tai-lieu/anh.jpg", "b");
    fx.build_err().assert_stderr_contains(
        "differ only in case: on Windows and USB sticks they are one file; rename one of them",
    );
    let err = fx.stderr();
    assert!(err.contains("`tai-lieu/Anh.jpg`") && err.contains("`tai-lieu/anh.jpg`"), "{err}");
}

#[test]
fn output_path_over_240_characters_is_an_error() {
    let fx = Fixture::copy("good");
    let name = "a".repeat(230);
    fx.write(&format!("content/tin-tuc/{name}.md"), "---\ntitle: \"Dài\"\n---\nDài.\n");
    fx.build_err().assert_stderr_contains(&format!(
        "content/tin-tuc/{name}.md: output path `tin-tuc/{name}/index.html` is 249 characters long (over 240): Windows and many USB sticks cannot copy it; shorten the file or folder name, or set a shorter `slug:`"
    ));
}
