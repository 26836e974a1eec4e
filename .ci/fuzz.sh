#!/usr/bin/env bash
# Builds the libFuzzer targets in Fuzz/ and runs each for a fixed time.
#
#   .ci/fuzz.sh [SECONDS] [TARGET...]     default: 60 seconds each, every target
#
# Targets: schedule (schedule.json bytes -> decoder, validator, engine, exception edits),
# icalendar (bytes -> ICalendarReader, write back and re-read, RevisionHistory, holiday import,
# the lenient Calendar reader and a year of its expansion),
# roundtrip (a schedule made from the bytes -> FeedBuilder -> ICalendarReader: the same events),
# tzif (bytes -> the TZif parser and zone rules), revisions (bytes as a previous feed -> the
# revision scanner -> FeedBuilder in both styles: no trap, SEQUENCE and DTSTAMP in range, never back),
# bytes (the buffer, scanner and cursor of Sources/Bytes against plain-Swift models).
#
# Each target is one binary compiled from Sources/Bytes, CivilTime, JSON, ICalendar, Timetable and FeedBuilder
# (as separate modules sharing a package name, so `package` declarations are visible) plus its
# entry file Fuzz/<target>.swift, with -sanitize=fuzzer,address. A crash, a leak-free OOM, or an
# input slower than 10 s fails the target; the input is saved under .ci/out/fuzz/ and the
# command to replay it is printed. Exit status: 0 when every target passed, 1 otherwise.
set -uo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
shift $(( $# > 0 ? 1 : 0 ))
all=(schedule icalendar roundtrip tzif revisions bytes)
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=("${all[@]}")
case "$seconds" in ''|*[!0-9]*) echo "usage: .ci/fuzz.sh [SECONDS] [TARGET...]" >&2; exit 64;; esac

# The Swift backtracer can hang a fuzzer that crashes; libFuzzer and ASan report instead.
export SWIFT_BACKTRACE=enable=no
build=.build/fuzz
out=.ci/out/fuzz
mkdir -p "$build" "$out"

flags=(-sanitize=fuzzer,address -parse-as-library -package-name ClassFeed -swift-version 6
       -O -g -I "$build" -module-cache-path "$build/module-cache")

echo "== fuzz: building (swiftc $(swiftc --version 2>&1 | head -1 | sed 's/.*version \([^ ]*\).*/\1/'))"
build_module() {  # name
  local m=$1
  # Every source of the module, in its subfolders too (FeedBuilder/Languages/), in a fixed order.
  local sources=()
  while IFS= read -r f; do sources+=("$f"); done < <(find Sources/"$m" -name '*.swift' | LC_ALL=C sort)
  swiftc "${flags[@]}" -module-name "$m" -wmo -emit-module -emit-module-path "$build/$m.swiftmodule" \
    -c "${sources[@]}" -o "$build/$m.o" 2> "$build/$m.log" \
    || { cat "$build/$m.log" >&2; echo "fuzz: cannot build module $m" >&2; exit 1; }
}
modules=(Bytes CivilTime JSON ICalendar Timetable FeedBuilder)  # in dependency order
objects=()
for m in "${modules[@]}"; do build_module "$m"; objects+=("$build/$m.o"); done
for t in "${targets[@]}"; do
  [ -f "Fuzz/$t.swift" ] || { echo "fuzz: unknown target '$t' (known: ${all[*]})" >&2; exit 64; }
  swiftc "${flags[@]}" -module-name "Fuzz_$t" "Fuzz/$t.swift" "${objects[@]}" \
    -o "$build/fuzz-$t" 2> "$build/fuzz-$t.log" \
    || { grep -v 'Cannot export local symbol' "$build/fuzz-$t.log" >&2; echo "fuzz: cannot build target $t" >&2; exit 1; }
done

max_len() {
  case $1 in
    schedule) echo 16384 ;; icalendar) echo 65536 ;; roundtrip) echo 4096 ;; tzif) echo 8192 ;; revisions) echo 65536 ;;
    bytes) echo 4096 ;;
  esac
}

passed=0
failed=0
for t in "${targets[@]}"; do
  work="$build/corpus/$t"   # new inputs go here, not into the committed seeds
  mkdir -p "$work"
  log="$out/$t.log"
  stamp="$build/started-$t"
  : > "$stamp"
  echo "== fuzz: $t for $seconds s"
  "$build/fuzz-$t" "$work" "Fuzz/corpus/$t" \
    -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len="$(max_len "$t")" \
    -artifact_prefix="$out/$t-" -print_final_stats=1 -reload=0 > "$log" 2>&1
  status=$?
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1)
  if [ $status -eq 0 ]; then
    passed=$((passed + 1))
    echo "   ok: ${execs:-?} runs, ${cov:-cov: ?}, corpus $(ls "$work" | wc -l) inputs"
  else
    failed=$((failed + 1))
    echo "   FAILED (exit $status) after ${execs:-?} runs; last lines of $log:"
    grep -v '^    #' "$log" | tail -25 | sed 's/^/   | /'
    find "$out" -maxdepth 1 -name "$t-*" -newer "$stamp" | while read -r a; do
      echo "   saved input: $a   replay: $build/fuzz-$t $a"
    done
  fi
done
echo "fuzz: $passed passed, $failed failed"
[ $failed -eq 0 ]
