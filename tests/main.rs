//! loa's integration tests: one binary, one module per feature. Each test copies a
//! small fixture site from `tests/fixtures/` to a temporary folder and runs the real
//! `loa` binary on it. See tests/README.md (goldens: `UPDATE_GOLDENS=1 cargo test`).

mod anchors;
mod audio;
mod browser;
mod bulletins;
mod config;
mod content;
mod data;
mod documents;
mod errors;
mod external;
mod feeds;
mod first_hour;
mod goldens;
mod images;
mod import;
mod init;
mod languages;
mod new;
mod output;
mod portability;
mod real_site;
mod regressions;
mod reliability;
mod search;
mod serve;
mod shortcodes;
mod site;
mod support;
mod theme;
mod windows;
