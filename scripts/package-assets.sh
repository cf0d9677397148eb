#!/usr/bin/env bash
# Writes what the packages ship beside the program, made by the program itself so that
# they always match it: a man page per subcommand and completions for bash, zsh and fish.
#
#   scripts/package-assets.sh [PROGRAM [OUT]]   (default: target/dist/course target/assets)
#
# Writes OUT/man/*.1 and OUT/completions/{course.bash,_course,course.fish}; the default OUT
# is where [package.metadata.deb] in Cargo.toml takes them from.
set -euo pipefail
cd "$(dirname "$0")/.."
program=${1:-${CARGO_TARGET_DIR:-target}/dist/course}
out=${2:-target/assets}
rm -rf "$out"
mkdir -p "$out/man" "$out/completions"
"$program" man --dir "$out/man"
"$program" completions bash >"$out/completions/course.bash"
"$program" completions zsh >"$out/completions/_course"
"$program" completions fish >"$out/completions/course.fish"
echo "wrote $(ls "$out/man" | wc -l) man pages and 3 completion scripts to $out"
