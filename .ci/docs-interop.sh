#!/usr/bin/env bash
# The library's documented example feed (Examples/'s studio-feed) read by the interop suite's
# engines: python icalendar, vobject and ical parse it, recurring-ical-events expands it to the
# instances the library gives. See Tests/interop/docs_examples.py. Needs the interop venv
# (.ci/interop-venv.sh makes it).
set -euo pipefail
cd "$(dirname "$0")/.."
say() { printf '== docs-interop: %s\n' "$*"; }
die() { printf '== docs-interop: FAILED: %s\n' "$*" >&2; exit 1; }
# The venv, and TZDIR/PYTHONTZPATH set to its pinned tzdata, so that the library and the
# engines read one time-zone database.
# shellcheck source=/dev/null
source .ci/interop-venv.sh
python=.build/interop-venv/bin/python
(cd Examples && swift build --product studio-feed >/dev/null && swift build --product expand-feed >/dev/null)
bin="$(cd Examples && swift build --show-bin-path)"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$bin/studio-feed" --ics > "$tmp/studio.ics"
# From December 2026 to the end of 2027: the weekly class with its EXDATE and moved Monday,
# the monthly social in New York, the all-day closure.
from=1796083200 to=1830297600
"$bin/expand-feed" "$tmp/studio.ics" "$from" "$to" > "$tmp/expanded.tsv"
exec "$python" Tests/interop/docs_examples.py "$tmp/studio.ics" "$tmp/expanded.tsv" "$from" "$to"
