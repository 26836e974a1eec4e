#!/usr/bin/env bash
# Times whole `classfeed build` processes on the benchmark workloads with /usr/bin/time -v:
# median wall time and peak RSS over N runs (default 7) of each kind of run:
#   first build      into a fresh output folder;
#   cron rerun       again into the same folder, nothing changed: the fast path (the run record,
#                    .classfeed-last-run, says nothing that shapes the files differs);
#   full path        nothing changed, but the record removed before each run: the full path,
#                    which takes the previous revisions from .classfeed-revisions;
#   full, no index   the record and the revisions index removed: the previous feeds are read
#                    back (what every cron rerun cost before the record);
#   one class changed  a real change: the schedule alternates between two versions that differ
#                    in one class's description, so every run rewrites the feed.
#
#   bash Benchmarks/whole-process.sh [RUNS]        (from the repository root)
#   COMPARE_WITH=/path/to/old/classfeed bash Benchmarks/whole-process.sh [RUNS]
#
# With COMPARE_WITH, every workload runs with that binary and this tree's, alternating run by
# run so both see the same machine, and both medians are printed side by side with the change.
# CLASSFEED_BIN measures a given binary instead of building this tree's.
#
# Inputs: schedule.json (W1) and w2-network.json, w3-network-exceptions.json, w5-network-feeds.json from BENCH_DIR
# (default .build/bench-inputs). Benchmarks/generate-inputs.py writes them: into the default
# folder on every run (half a second; it rewrites only a file that differs, so the inputs are
# never stale), into a BENCH_DIR of your own only when they are missing there.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-7}
bench=${BENCH_DIR:-.build/bench-inputs}
if [ -z "${BENCH_DIR:-}" ] || [ ! -f "$bench/w2-network.json" ] || [ ! -f "$bench/w3-network-exceptions.json" ] \
    || [ ! -f "$bench/w5-network-feeds.json" ]; then
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

# prepare KIND FOLDER RUN: what happens (untimed) before a run of that kind.
prepare() {
  case $1 in
    fresh) rm -rf "$2"; sync ;;
    full) rm -f "$2/.classfeed-last-run" ;;
    fullnoindex) rm -f "$2/.classfeed-last-run" "$2/.classfeed-revisions" ;;
    change) if [ $(($3 % 2)) = 0 ]; then cp "$tmp/changed-a.json" "$tmp/changed.json"; else cp "$tmp/changed-b.json" "$tmp/changed.json"; fi ;;
  esac
}

# measure NAME KIND ARGS...   (KIND: fresh, rerun, full, fullnoindex or change; see the top)
measure() {
  local name=$1 kind=$2; shift 2
  local walls=() rsss=() owalls=() orsss=()
  for i in $(seq "$runs"); do
    if [ -n "$old" ]; then
      prepare "$kind" "$tmp/old" "$i"
      run_once "$old" build --output "$tmp/old" --now 2026-11-27T00:00:00Z "$@"
      owalls+=("$wall"); orsss+=("$rss")
    fi
    prepare "$kind" "$tmp/out" "$i"
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
    printf '%-66s %8.3f s %8.1f MB | %8.3f s %8.1f MB %+6.1f%%\n' "$name" "$ow" "$or" "$w" "$r" \
      "$(awk -v a="$ow" -v b="$w" 'BEGIN {print (b - a) * 100 / a}')"
  else
    printf '%-66s %8.3f s %8.1f MB\n' "$name" "$w" "$r"
  fi
}

echo "whole-process medians of $runs runs (wall, peak RSS); $(nproc) cores; load $(cut -d' ' -f1-3 /proc/loadavg)"
if [ -n "$old" ]; then
  printf '%-66s %21s | %21s %7s\n' workload "old ($old)" "new ($bin)" change
else
  printf '%-66s %10s %11s\n' workload wall "peak RSS"
fi
hello=$(mktemp -d)
cat > "$hello/hello.swift" <<'SWIFT'
import Foundation
print("hello")
SWIFT
if swiftc -O "$hello/hello.swift" -o "$hello/hello" 2>/dev/null; then
  walls=()
  for _ in $(seq "$runs"); do run_once "$hello/hello"; walls+=("$wall"); done
  printf '%-66s %8.3f s\n' "Foundation hello world (the floor)" "$(printf '%s\n' "${walls[@]}" | median)"
fi
rm -rf "$hello"
measure "W1 studio, first build (3 feeds)" fresh --schedule schedule.json
measure "W1 studio, cron rerun (nothing changed: fast path)" rerun --schedule schedule.json
w2=(--schedule "$bench/w2-network.json" --from 2026-01-01 --to 2027-12-31)
# The W2 network with one class's description changed, for runs that really change something.
cp "$bench/w2-network.json" "$tmp/changed-a.json"
sed 's/Ref CLS-02000\./Ref CLS-02000 (changed)./' "$bench/w2-network.json" > "$tmp/changed-b.json"
if cmp -s "$tmp/changed-a.json" "$tmp/changed-b.json"; then echo "generate-inputs.py changed: no class to change in w2-network.json"; exit 1; fi
w2changed=(--schedule "$tmp/changed.json" --from 2026-01-01 --to 2027-12-31)
w3=(--schedule "$bench/w3-network-exceptions.json" --from 2026-01-01 --to 2027-12-31 --style series)
# The small workloads first: the big ones leave the disk busy writing back for a while, which a
# build that flushes its files to disk (all of them do) would wait on.
measure "W3 series, combined feed only, first build" fresh "${w3[@]}" --no-class-feeds
measure "W2 occurrences, combined feed only, first build" fresh "${w2[@]}" --no-class-feeds
measure "W2 occurrences, combined feed only, cron rerun (fast path)" rerun "${w2[@]}" --no-class-feeds
measure "W2 occurrences, combined feed only, rerun, full path" full "${w2[@]}" --no-class-feeds
measure "W2 occurrences, combined feed only, rerun, full path, no index" fullnoindex "${w2[@]}" --no-class-feeds
measure "W2 occurrences, combined feed only, one class changed" change "${w2changed[@]}" --no-class-feeds
measure "W2 occurrences, combined + 2,000 class feeds, first build" fresh "${w2[@]}"
measure "W2 occurrences, combined + 2,000 class feeds, rerun (fast path)" rerun "${w2[@]}"
measure "W2 occurrences, combined + 2,000 class feeds, rerun, full path" full "${w2[@]}"
measure "W2 occurrences, combined + 2,000 class feeds, one class changed" change "${w2changed[@]}"
measure "W3 series, combined + 2,000 class feeds, first build" fresh "${w3[@]}"
# W5 (issue 15): the W2 classes with an instructor and tags, and 70 feeds (50 coaches, 20 tags),
# against the same classes' combined feed alone (the feeds taken out): all feeds together in at
# most twice the combined feed's time, peak memory independent of the number of feeds.
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); d.pop("feeds"); json.dump(d, open(sys.argv[2], "w"), indent=1)' \
  "$bench/w5-network-feeds.json" "$tmp/w5-no-feeds.json"
w5=(--from 2026-01-01 --to 2027-12-31 --no-class-feeds --no-page)
compared=$old
old=  # a binary from before issue 15 reads no "feeds", "tags" or "instructor" changes: this tree's only
measure "W5 combined feed alone (no feeds), first build" fresh --schedule "$tmp/w5-no-feeds.json" "${w5[@]}"
measure "W5 combined + 70 feeds (50 coaches, 20 tags), first build" fresh --schedule "$bench/w5-network-feeds.json" "${w5[@]}"
old=$compared
