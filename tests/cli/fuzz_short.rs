//! A short fuzz run with a fixed seed, so `cargo test` repeats the same cases every time;
//! `scripts/fuzz.sh SECONDS` runs the same driver for as long as you like.

#[path = "../../fuzz/driver.rs"]
mod driver;

use std::time::Duration;

#[test]
fn a_fixed_seed_fuzz_run_finds_no_crash() {
    let work = tempfile::tempdir().unwrap();
    let stats = driver::run(11, Duration::from_secs(120), 300, work.path());
    assert!(
        stats.crashes.is_empty(),
        "crashes: {:?}",
        stats
            .crashes
            .iter()
            .map(|(stage, input)| format!("{stage}: {:?}", String::from_utf8_lossy(input)))
            .collect::<Vec<_>>()
    );
    assert!(stats.loader_cases + stats.markdown_cases > 0);
}
