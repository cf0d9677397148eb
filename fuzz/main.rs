//! Long fuzz runs on stable Rust: `scripts/fuzz.sh SECONDS` runs this in release mode.
//!
//! `cargo run --release --example fuzz -- SECONDS [SEED] [WORK_DIR]` runs cases for
//! SECONDS, prints the counts and writes each crashing input to `fuzz/crashes/`.

#[path = "driver.rs"]
mod driver;

use std::path::PathBuf;
use std::time::Duration;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let seconds: u64 = args.first().and_then(|s| s.parse().ok()).unwrap_or(60);
    let seed: u64 = args.get(1).and_then(|s| s.parse().ok()).unwrap_or_else(|| {
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(1, |d| d.as_nanos() as u64)
    });
    let work = args
        .get(2)
        .map(PathBuf::from)
        .unwrap_or_else(|| std::env::temp_dir().join(format!("course-fuzz-{seed}")));
    std::fs::create_dir_all(&work).expect("work folder");
    let stats = driver::run(seed, Duration::from_secs(seconds), u64::MAX, &work);
    let crashes = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("fuzz/crashes");
    for (stage, input) in &stats.crashes {
        std::fs::create_dir_all(&crashes).expect("crash folder");
        let name = format!(
            "{stage}-{}",
            blake3::hash(input)
                .to_hex()
                .as_str()
                .get(..16)
                .unwrap_or("x")
        );
        std::fs::write(crashes.join(&name), input).expect("save the crash");
        println!("crash: {stage} input saved as fuzz/crashes/{name}");
    }
    println!(
        "seed {seed}: {} loader cases, {} markdown cases, {} crashes in {seconds} s",
        stats.loader_cases,
        stats.markdown_cases,
        stats.crashes.len()
    );
    let _ = std::fs::remove_dir_all(&work);
    std::process::exit(i32::from(!stats.crashes.is_empty()));
}
