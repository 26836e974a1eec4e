#!/usr/bin/env bash
# Times whole `classfeed build` processes on the benchmark workloads with /usr/bin/time -v:
# median wall time and peak RSS over N runs (default 7), each into a fresh output folder
# (a first build) and then again into the same folder (the cron rerun, nothing changed).
#
#   bash Benchmarks/whole-process.sh [RUNS]        (from the repository root)
#   COMPARE_WITH=/path/to/old/classfeed bash Benchmarks/whole-process.sh [RUNS]
#
# With COMPARE_WITH, every workload runs with that binary and this tree's, alternating run by
# run so both see the same machine, and both medians are printed side by side with the change.
# CLASSFEED_BIN measures a given binary instead of building this tree's.
#
# Inputs: schedule.json (W1) and w2-network.json, w3-network-exceptions.json from BENCH_DIR
# (default .build/bench-inputs). Benchmarks/generate-inputs.py writes them: into the default
# folder on every run (half a second; it rewrites only a file that differs, so the inputs are
# never stale), into a BENCH_DIR of your own only when they are missing there.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-7}
bench=${BENCH_DIR:-.build/bench-inputs}
if [ -z "${BENCH_DIR:-}" ] || [ ! -f "$bench/w2-network.json" ] || [ ! -f "$bench/w3-network-exceptions.json" ]; then
  python3 Benchmarks/generate-inputs.py "$bench"
fi
if [ -n "${CLASSFEED_BIN:-}" ]; then
  bin=$CLASSFEED_BIN
else
  swift build -c release --product classfeed >/dev/null
  bin=.build/release/classfeed
fi
old=${COMPARE_WITH:-}
[ -x /usr/bin/time ] || { echo "needs /usr/bin/time (Debian package 'time')"; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

# wall time of one command in seconds (bash's microsecond clock; /usr/bin/time rounds to 10 ms)
# and its peak RSS in KB from /usr/bin/time.
run_once() {
  local t0=$EPOCHREALTIME
  /usr/bin/time -f %M "$@" 2>"$tmp/rss" >/dev/null
  local t1=$EPOCHREALTIME
  wall=$(awk -v a="$t0" -v b="$t1" 'BEGIN {printf "%.4f", b - a}')
  rss=$(tail -1 "$tmp/rss")
}

# measure NAME FRESH(1/0) ARGS...
measure() {
  local name=$1 fresh=$2; shift 2
  local walls=() rsss=() owalls=() orsss=()
  for _ in $(seq "$runs"); do
    if [ -n "$old" ]; then
      if [ "$fresh" = 1 ]; then rm -rf "$tmp/old"; sync; fi
      run_once "$old" build --output "$tmp/old" --now 2026-11-27T00:00:00Z "$@"
      owalls+=("$wall"); orsss+=("$rss")
    fi
    if [ "$fresh" = 1 ]; then rm -rf "$tmp/out"; sync; fi
    run_once "$bin" build --output "$tmp/out" --now 2026-11-27T00:00:00Z "$@"
    walls+=("$wall"); rsss+=("$rss")
  done
  local w r
  w=$(printf '%s\n' "${walls[@]}" | median)
  r=$(printf '%s\n' "${rsss[@]}" | median | awk '{print $1/1024}')
  if [ -n "$old" ]; then
    local ow or
    ow=$(printf '%s\n' "${owalls[@]}" | median)
    or=$(printf '%s\n' "${orsss[@]}" | median | awk '{print $1/1024}')
    printf '%-62s %8.3f s %8.1f MB | %8.3f s %8.1f MB %+6.1f%%\n' "$name" "$ow" "$or" "$w" "$r" \
      "$(awk -v a="$ow" -v b="$w" 'BEGIN {print (b - a) * 100 / a}')"
  else
    printf '%-62s %8.3f s %8.1f MB\n' "$name" "$w" "$r"
  fi
}

echo "whole-process medians of $runs runs (wall, peak RSS); $(nproc) cores; load $(cut -d' ' -f1-3 /proc/loadavg)"
if [ -n "$old" ]; then
  printf '%-62s %21s | %21s %7s\n' workload "old ($old)" "new ($bin)" change
else
  printf '%-62s %10s %11s\n' workload wall "peak RSS"
fi
hello=$(mktemp -d)
cat > "$hello/hello.swift" <<'SWIFT'
import Foundation
print("hello")
SWIFT
if swiftc -O "$hello/hello.swift" -o "$hello/hello" 2>/dev/null; then
  walls=()
  for _ in $(seq "$runs"); do run_once "$hello/hello"; walls+=("$wall"); done
  printf '%-62s %8.3f s\n' "Foundation hello world (the floor)" "$(printf '%s\n' "${walls[@]}" | median)"
fi
rm -rf "$hello"
measure "W1 studio, first build (3 feeds)" 1 --schedule schedule.json
measure "W1 studio, cron rerun (nothing changed)" 0 --schedule schedule.json
w2=(--schedule "$bench/w2-network.json" --from 2026-01-01 --to 2027-12-31)
w3=(--schedule "$bench/w3-network-exceptions.json" --from 2026-01-01 --to 2027-12-31 --style series)
# The small workloads first: the big ones leave the disk busy writing back for a while, which a
# build that flushes its files to disk (all of them do) would wait on.
measure "W3 series, combined feed only, first build" 1 "${w3[@]}" --no-class-feeds
measure "W2 occurrences, combined feed only, first build" 1 "${w2[@]}" --no-class-feeds
measure "W2 occurrences, combined feed only, cron rerun" 0 "${w2[@]}" --no-class-feeds
measure "W2 occurrences, combined + 2,000 class feeds, first build" 1 "${w2[@]}"
measure "W2 occurrences, combined + 2,000 class feeds, cron rerun" 0 "${w2[@]}"
measure "W3 series, combined + 2,000 class feeds, first build" 1 "${w3[@]}"
