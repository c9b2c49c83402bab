//! Fuzz target `config` (see fuzz/README.md).
#![cfg_attr(feature = "libfuzzer", no_main)]

#[cfg(feature = "libfuzzer")]
libfuzzer_sys::fuzz_target!(|data: &[u8]| loa_fuzz::config(data));

#[cfg(not(feature = "libfuzzer"))]
fn main() {
    loa_fuzz::run_files(loa_fuzz::config);
}
