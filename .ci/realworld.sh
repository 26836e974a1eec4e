#!/usr/bin/env bash
# The real-world corpus check (issue 17): the .ics files shipped inside the test suites of the
# pinned python icalendar and recurring-ical-events (Tests/interop/requirements.txt), expanded
# over 400 days by recurring-ical-events and by the ICalendar library (icalendar-expand), file
# by file. Prints each category with its files and the agreement; see
# Tests/interop/realworld/run_realworld.py and DISAGREEMENTS.md beside it.
#
#   .ci/realworld.sh [--verbose] [--only WORD] [--min-agreement PERCENT]
#
# Fails when fewer than 95% of the files the reference expands agree, when a file crashes or
# hangs, or when one takes 32 ms or more (release build, fastest of three runs).
#
# Environment:
#   SWIFT_SCRATCH_PATH  build into this folder instead of .build
#   PYTHON              the python that creates the venv (default: python3)
set -euo pipefail
cd "$(dirname "$0")/.."
say() { printf '== realworld: %s\n' "$*"; }
die() { printf '== realworld: FAILED: %s\n' "$*" >&2; exit 1; }

. .ci/interop-venv.sh

scratch=()
[ -z "${SWIFT_SCRATCH_PATH:-}" ] || scratch=(--scratch-path "$SWIFT_SCRATCH_PATH")
say "building icalendar-expand (release)"
swift build -c release "${scratch[@]}" --product icalendar-expand || die "swift build failed"
tool="$(swift build -c release "${scratch[@]}" --show-bin-path)/icalendar-expand"
[ -x "$tool" ] || die "no icalendar-expand at $tool"

exec "$venv/bin/python" Tests/interop/realworld/run_realworld.py --tool "$tool" "$@"
