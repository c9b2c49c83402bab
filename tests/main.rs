//! loa's integration tests: one binary, one module per feature. Each test copies a
//! small fixture site from `tests/fixtures/` to a temporary folder and runs the real
//! `loa` binary on it. See tests/README.md (goldens: `UPDATE_GOLDENS=1 cargo test`).

mod browser;
mod bulletins;
mod content;
mod documents;
mod errors;
mod goldens;
mod import;
mod init;
mod new;
mod output;
mod portability;
mod real_site;
mod regressions;
mod reliability;
mod search;
mod serve;
mod support;
mod theme;
