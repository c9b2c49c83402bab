//! Which configuration a build reads: `config.yaml` or `config.yml`, a hint for other
//! formats, `--config FILE`, and an environment overlay (`--env production`, `LOA_ENV`).

use crate::support::Fixture;

// `--env production` lays config.production.yaml over config.yaml: `base_url` replaced,
// `extra` merged key by key.
#[test]
fn production_overlay_matches_goldens() {
    Fixture::copy("config").build_with(&["--env", "production"]).check_expected();
}

#[test]
fn without_env_the_overlay_is_not_read() {
    let fx = Fixture::copy("config");
    fx.build();
    let html = fx.read_public("index.html");
    assert!(html.contains("<p>http://127.0.0.1:1111/ 0212 3852 123 - 1</p>"), "{html}");
}

#[test]
fn loa_env_variable_chooses_the_overlay() {
    let fx = Fixture::copy("config");
    let mut cmd = fx.cmd();
    cmd.env("LOA_ENV", "production").arg("build").arg("--root").arg(fx.root());
    fx.run(cmd, 0);
    assert!(fx.read_public("sitemap.xml").contains("<loc>https://sonla.example/</loc>"));
}

#[test]
fn missing_overlay_is_an_error() {
    let fx = Fixture::copy("config");
    fx.build_err_with(&["--env", "staging"]).assert_stderr_contains(
        "error: environment `staging` needs `config.staging.yaml`, which does not exist; create it (only the keys that differ from config.yaml) or drop `--env`/`LOA_ENV`",
    );
}

#[test]
fn unknown_key_in_the_overlay_is_warned_at_its_line() {
    let fx = Fixture::copy("config");
    fx.write("config.production.yaml", "base_url: \"https://sonla.example/\"\nbase_ulr: x\n");
    fx.build_with(&["--env", "production"]).assert_stderr_contains(
        "config.production.yaml:2:1: warning: unknown key `base_ulr` (ignored); did you mean `base_url`?",
    );
}

#[test]
fn config_yml_is_found() {
    let fx = Fixture::copy("config");
    std::fs::rename(fx.path("config.yaml"), fx.path("config.yml")).expect("rename");
    fx.build();
    assert!(fx.read_public("index.html").contains("<title>Cấu hình thử nghiệm</title>"));
}

#[test]
fn config_toml_gets_a_hint() {
    let fx = Fixture::copy("config");
    fx.remove("config.yaml");
    fx.write("config.toml", "title = \"Zola\"\n");
    fx.build_err().assert_stderr_contains(
        "error: found `config.toml` (TOML), but loa reads `config.yaml` (YAML); rewrite it as config.yaml, e.g. `title = \"Name\"` becomes `title: \"Name\"` (see docs/content.md)",
    );
}

#[test]
fn config_flag_reads_another_file_and_its_overlay() {
    let fx = Fixture::copy("config");
    fx.write(
        "../may-chu.yaml",
        "title: \"Máy chủ\"\nbase_url: \"http://a.example/\"\nextra:\n  phone: \"1\"\n  menu: []\n",
    );
    fx.write("../may-chu.production.yaml", "base_url: \"https://b.example/\"\n");
    let file = fx.tmp().join("may-chu.yaml");
    let file = file.to_str().expect("UTF-8 path");
    fx.build_with(&["--config", file]);
    assert!(fx.read_public("index.html").contains("<title>Máy chủ</title>"));
    fx.build_with(&["--config", file, "--env", "production"]);
    assert!(fx.read_public("index.html").contains("<p>https://b.example/"));
    fx.build_err_with(&["--config", "khong-co.yaml"])
        .assert_stderr_contains("error: no configuration file `khong-co.yaml` (given with `--config`)");
}

// Regression: a missing theme was reported at `config.yaml` (read again by that name, so
// with no line) even when the site's configuration is `config.yml` or `--config FILE`.
#[test]
fn missing_theme_names_the_config_file_really_read() {
    let fx = Fixture::copy("config");
    fx.remove("config.yaml");
    fx.write("config.yml", "title: \"Thử\"\nbase_url: \"https://loa.example/\"\ntheme: khong-co\n");
    fx.build_err().assert_stderr_contains(
        "config.yml:3:1: theme `khong-co` not found in `themes/`; fix `theme` in `config.yml`",
    );
    fx.remove("config.yml");
    fx.write("cau-hinh/site.yaml", "title: \"Thử\"\ntheme: khong-co\n");
    let file = fx.path("cau-hinh/site.yaml").display().to_string();
    fx.build_err_with(&["--config", &file]).assert_stderr_contains(&format!(
        "{file}:2:1: theme `khong-co` not found in `themes/`; fix `theme` in `{file}`"
    ));
}
