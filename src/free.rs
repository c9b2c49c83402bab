//! Freeing what a finished build leaves behind, off the critical path.
//!
//! Freeing a 10,000-page site (its pages, Markdown, templates, list contexts) takes a
//! tenth of a second on one core; nothing needs to wait for it: `loa build` exits, and
//! `serve` goes on with its next request while another thread frees.

/// Drops `v` on a thread of its own (here when no thread can be started).
pub fn later<T: Send + 'static>(v: T) {
    // On failure `spawn` drops the closure, and `v` with it, here.
    let _ = std::thread::Builder::new().name("loa-free".into()).spawn(move || drop(v));
}
