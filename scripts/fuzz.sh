#!/bin/sh
# Fuzzes for SECONDS (default 600) at low priority: whole course folders with a mutated
# template, locale file, font or picture through the real `course validate` and
# `course build` (each under a 10 s limit and a 2 GiB address space), and module files and
# Markdown in process. Runs one seed after another in slices of FUZZ_SLICE seconds (300)
# and ends with the counts:
#   fuzz: 3600 s, 9000 cases (...), 0 crashes, 0 runs over 10 s, 0 cases where validate passed and build failed
# Failing cases are kept in target/fuzz-findings/<kind>-<mutator>-<seed>/ with a
# repro.txt. A slice that dies (stack overflow, abort, out of memory in process) counts as
# a crash and is reported with its seed, so it can be repeated:
#   target/release/examples/fuzz SECONDS SEED
# FUZZ_PROFILE=dev uses the debug build (its dependencies are optimised; it builds much
# faster than release).
set -u
total=${1:-600}
slice=${FUZZ_SLICE:-300}
cd "$(dirname "$0")/.."
if [ "${FUZZ_PROFILE:-release}" = dev ]; then
    nice -n 19 cargo build --bins --example fuzz || exit 2
    bin=target/debug/examples/fuzz
else
    nice -n 19 cargo build --release --bins --example fuzz || exit 2
    bin=target/release/examples/fuzz
fi
log=$(mktemp)
trap 'rm -f "$log" "$log.slice"' EXIT
start=$(date +%s)
runs=0
deaths=0
while [ $(( $(date +%s) - start )) -lt "$total" ]; do
    left=$(( total - ($(date +%s) - start) ))
    [ "$left" -lt "$slice" ] && slice=$left
    seed=$(od -An -N8 -tu8 /dev/urandom | tr -d ' ')
    # The in-process cases share this process: cap its address space too.
    prlimit --as=2147483648 -- nice -n 19 "$bin" "$slice" "$seed" >"$log.slice"
    status=$?
    cat "$log.slice"
    cat "$log.slice" >>"$log"
    runs=$((runs + 1))
    if [ "$status" -gt 1 ]; then
        deaths=$((deaths + 1))
        echo "run with seed $seed died (status $status): repeat it with $bin $slice $seed"
    fi
done
# Add up the COUNTS lines of the slices.
awk -v seconds=$(( $(date +%s) - start )) -v deaths="$deaths" -v runs="$runs" '
    /^COUNTS / {
        for (i = 2; i <= NF; i++) { split($i, kv, "="); sum[kv[1]] += kv[2] }
    }
    END {
        printf "fuzz: %d s in %d runs, %d cases (%d course folders through validate and build, %d in process), %d crashes, %d runs over 10 s, %d cases where validate passed and build failed\n",
            seconds, runs, sum["cases"], sum["course_cases"], sum["in_process"],
            sum["crashes"] + deaths, sum["over_10s"], sum["validate_pass_build_fail"]
        if (deaths > 0) printf "(%d of the crashes are runs that died; see above)\n", deaths
        printf "also: %d cases where validate refused and build still made the PDFs (not counted as failures)\n", sum["validate_fail_build_pass"]
        printf "failing cases: target/fuzz-findings/\n"
        exit (sum["crashes"] + deaths + sum["over_10s"] + sum["validate_pass_build_fail"] > 0)
    }' "$log"
