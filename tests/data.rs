//! Data for templates: `load_data` (YAML, JSON, CSV), `get_page`, `get_section`, and
//! their errors.

use crate::support::Fixture;

#[test]
fn data_site_matches_goldens() {
    Fixture::copy("data").build().check_expected();
}

fn with_index(call: &str) -> Fixture {
    let fx = Fixture::copy("data");
    fx.write("templates/index.html", format!("<!DOCTYPE html><html lang=\"vi\"><head><meta charset=\"utf-8\"><title>x</title></head><body>{call}</body></html>\n"));
    fx
}

#[test]
fn missing_data_file_is_named() {
    with_index("{{ load_data(path=\"data/lien_he.yaml\") | length }}")
        .build_err()
        .assert_stderr_contains("load_data: no file `data/lien_he.yaml` (relative to the site's folder)");
}

#[test]
fn data_outside_the_site_is_refused() {
    let fx = with_index("{{ load_data(path=\"../bi-mat.yaml\") | length }}");
    fx.write("../bi-mat.yaml", "- x\n");
    fx.build_err().assert_stderr_contains(
        "load_data: `../bi-mat.yaml` must be a path inside the site's folder, such as `data/contacts.yaml`",
    );
}

#[test]
fn broken_yaml_data_is_reported() {
    let fx = with_index("{{ load_data(path=\"data/lien-he.yaml\") | length }}");
    fx.write("data/lien-he.yaml", "- ten: \"a\n  so: [\n");
    fx.build_err().assert_stderr_contains("load_data: `data/lien-he.yaml` is not valid:");
}

#[test]
fn get_page_typo_suggests_the_page() {
    with_index("{% set p = get_page(path=\"tin-tuc/bai-mot.mdd\") %}{{ p.title }}")
        .build_err()
        .assert_stderr_contains(
            "no page `tin-tuc/bai-mot.mdd` in content/; did you mean `tin-tuc/bai-mot.md`?",
        );
}
