#!/usr/bin/env bash
# Builds the Debian package: the program with the dist profile (stripped, LTO), its man
# pages and completions (scripts/package-assets.sh), then cargo-deb with what
# [package.metadata.deb] in Cargo.toml lists. Needs cargo-deb
# (`cargo install --locked cargo-deb`). Prints the path of the .deb last.
#
#   scripts/package-deb.sh [--target TRIPLE]
set -euo pipefail
cd "$(dirname "$0")/.."
target_dir=${CARGO_TARGET_DIR:-target}
target_args=()
program_dir=$target_dir/dist
if [ "${1:-}" = "--target" ]; then
  target_args=(--target "$2")
  program_dir="$target_dir/$2/dist"
fi
cargo build --locked --profile dist "${target_args[@]}"
scripts/package-assets.sh "$program_dir/course" >&2
deb=$(cargo deb --locked --no-build --profile dist "${target_args[@]}" --output "$target_dir/debian")
echo "$deb"
