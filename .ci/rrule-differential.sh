#!/usr/bin/env bash
# RRULE differential test: the ICalendar library's expansion (through Examples/'s expand-feed)
# against python-dateutil's rrule, on seeded random rules of every FREQ and BYxxx combination
# RFC 5545 allows. See Tests/interop/rrule_differential.py. Not part of `swift test`.
#
# python-dateutil and recurring-ical-events come from the interop venv when .ci/interop.sh made
# one, else from a venv of their own (.build/rrule-venv), pinned as in Tests/interop/requirements.txt.
#
# Environment:
#   RRULE_RULES  how many rules (default 400)      RRULE_SEED  the seed (default 5545)
set -euo pipefail
cd "$(dirname "$0")/.."
python=.build/interop-venv/bin/python
check="import dateutil, recurring_ical_events"
if ! "$python" -c "$check" >/dev/null 2>&1; then
    python=.build/rrule-venv/bin/python
    if ! "$python" -c "$check" >/dev/null 2>&1; then
        "${PYTHON:-python3}" -m venv .build/rrule-venv
        pins=$(grep -E '^(python-dateutil|six|recurring-ical-events|icalendar|x-wr-timezone|tzdata)==' Tests/interop/requirements.txt)
        # shellcheck disable=SC2086
        "$python" -m pip install -q --disable-pip-version-check --no-input $pins
    fi
fi
(cd Examples && swift build --product expand-feed >/dev/null)
bin="$(cd Examples && swift build --show-bin-path)/expand-feed"
exec "$python" Tests/interop/rrule_differential.py --expand "$bin" --rules "${RRULE_RULES:-400}" --seed "${RRULE_SEED:-5545}"
