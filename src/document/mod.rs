//! Official documents: their numbers, metadata, mentions in text, and who cites whom.
//!
//! Runs between resolve and render: `index` reads every document's front matter;
//! after Markdown has found the mentions, `link_up` fills in "cites" and "cited by".

pub mod kinds;
pub mod mentions;
pub mod number;

mod model;

pub use model::*;

#[cfg(test)]
mod recogniser_tests;
