#!/bin/sh
# Fuzzes the loader and the Markdown-to-PDF stage for SECONDS (default 600), one seed
# after another, at low priority. FUZZ_PROFILE=dev uses the debug build (its
# dependencies are optimised; it builds much faster than release). A run that dies (stack overflow, abort, out of memory)
# is reported with its seed so it can be repeated:
#   cargo run --release --example fuzz -- SECONDS SEED
set -u
total=${1:-600}
slice=${FUZZ_SLICE:-300}
cd "$(dirname "$0")/.."
if [ "${FUZZ_PROFILE:-release}" = dev ]; then
    nice -n 19 cargo build --example fuzz || exit 2
    bin=target/debug/examples/fuzz
else
    nice -n 19 cargo build --release --example fuzz || exit 2
    bin=target/release/examples/fuzz
fi
start=$(date +%s)
runs=0
deaths=0
while [ $(( $(date +%s) - start )) -lt "$total" ]; do
    left=$(( total - ($(date +%s) - start) ))
    [ "$left" -lt "$slice" ] && slice=$left
    seed=$(od -An -N8 -tu8 /dev/urandom | tr -d ' ')
    # Cap the address space: a case that runs away in memory fails here, visibly.
    prlimit --as=2147483648 -- nice -n 19 "$bin" "$slice" "$seed"
    status=$?
    runs=$((runs + 1))
    if [ "$status" -gt 1 ]; then
        deaths=$((deaths + 1))
        echo "run with seed $seed died (status $status): repeat it with $bin $slice $seed"
    fi
done
echo "fuzzed for $(( $(date +%s) - start )) s in $runs runs; $deaths runs died; crashing inputs are in fuzz/crashes/"
