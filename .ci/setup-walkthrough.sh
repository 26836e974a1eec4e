#!/usr/bin/env bash
# The README's "Set up your studio", run as written in a temporary folder, with nginx on
# 127.0.0.1 standing in for the server (see .ci/setup_walkthrough.py for what is checked).
#
#   bash .ci/setup-walkthrough.sh          # clones this repository (its committed state)
#   bash .ci/setup-walkthrough.sh --here   # uses this working tree instead of a clone
set -uo pipefail
cd "$(dirname "$0")/.."
export SWIFT_BACKTRACE=${SWIFT_BACKTRACE:-enable=no}
exec python3 .ci/setup_walkthrough.py "$@"
