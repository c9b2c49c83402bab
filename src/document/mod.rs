//! Official documents: their numbers, metadata, mentions in text, and who cites whom.
//!
//! Runs between resolve and render: `index` reads every document's front matter;
//! after Markdown has found the mentions (`mentions`, resolved by `catalogue`),
//! `link_up` fills in "cites" and "cited by".

pub mod catalogue;
pub mod issuers;
pub mod kinds;
pub mod mentions;
pub mod number;

mod model;

pub use catalogue::{Catalogue, DocLink};
pub use model::*;

#[cfg(test)]
mod recogniser_tests;
