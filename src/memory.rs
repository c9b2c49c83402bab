//! Memory: when freed memory goes back to the operating system.
//!
//! mimalloc gives back memory freed about a second earlier from inside a later
//! allocation. In a build that is wasted work (the memory is soon reused, and all of it
//! goes back when the process ends): 5–7 % of the CPU of a 10k-page build, for 1–3 %
//! lower peak memory. In `loa serve` that allocation is often on the way from a save to
//! the reload: at 10k pages the `madvise` calls for the previous edit's freed index and
//! site cost 10–15 ms there. So `main` asks for it never to happen by itself
//! (`defer_release`), and serve gives memory back when nothing waits (`release`).

use libmimalloc_sys::{mi_collect, mi_option_set, mi_option_t};

/// `mi_option_purge_delay`: number 15 of mimalloc's `mi_option_e` (v2 and v3), one that
/// libmimalloc-sys does not name.
const PURGE_DELAY: mi_option_t = 15;

/// Long enough that no allocation between two saves gives memory back.
const PURGE_DELAY_MS: std::ffi::c_long = 10 * 60 * 1000;

/// From now on, freed memory goes back to the system only in `release` (or after
/// `PURGE_DELAY_MS`).
pub fn defer_release() {
    // SAFETY: sets an allocator option; mimalloc reads options atomically.
    unsafe { mi_option_set(PURGE_DELAY, PURGE_DELAY_MS) }
}

/// Gives every freed range back to the system now (and this thread's free pages).
pub fn release() {
    // SAFETY: a collection of mimalloc's own free lists, safe from any thread.
    unsafe { mi_collect(true) }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The purge delay in force, in milliseconds.
    fn purge_delay() -> std::ffi::c_long {
        // SAFETY: reads an allocator option.
        unsafe { libmimalloc_sys::mi_option_get(PURGE_DELAY) }
    }

    #[test]
    fn the_option_set_is_mimallocs_purge_delay() {
        // mimalloc v3's default delay: the option number names the right option.
        if std::env::var_os("MIMALLOC_PURGE_DELAY").is_none() {
            assert_eq!(purge_delay(), 1000);
        }
        defer_release();
        assert_eq!(purge_delay(), PURGE_DELAY_MS);
        release();
    }
}
