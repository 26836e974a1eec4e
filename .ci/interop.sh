#!/usr/bin/env bash
# The interoperability suite (issue 7): every feed ClassFeed writes, read by python icalendar,
# allenporter's ical, vobject and libical; expanded by recurring-ical-events, ical and libical;
# served by nginx and subscribed to with vdirsyncer + khal. See Tests/interop/.
#
# Installs what is missing (Debian: nginx, gir1.2-ical-3.0, python3-gi; PyPI: the pinned
# Tests/interop/requirements.txt into .build/interop-venv), builds classfeed, runs the suite.
# Exits non-zero on any failure; a tool that cannot be installed fails the run.
#
# Time zones come from the venv's pinned tzdata package (TZDIR and PYTHONTZPATH are set to it),
# not the system's, so that classfeed and every engine agree.
#
# Environment:
#   CLASSFEED_BIN       use this classfeed binary instead of building one
#   SWIFT_SCRATCH_PATH  build into this folder instead of .build (e.g. .build-interop)
#   PYTHON              the python that creates the venv (default: python3)
#   INTEROP_ARGS        extra arguments for run_interop.py (e.g. --verbose, --keep DIR)
set -euo pipefail
cd "$(dirname "$0")/.."
started=$(date +%s)
say() { printf '== interop: %s\n' "$*"; }
die() { printf '== interop: FAILED: %s\n' "$*" >&2; exit 1; }

# --- Debian packages: nginx, libical's GObject bindings for Debian's own python3
need_apt=()
command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || need_apt+=(nginx)
if ! /usr/bin/python3 -c "import gi; gi.require_version('ICalGLib', '3.0'); from gi.repository import ICalGLib" >/dev/null 2>&1; then
    need_apt+=(python3 python3-gi gir1.2-ical-3.0)
fi
if [ ${#need_apt[@]} -gt 0 ]; then
    say "installing from Debian: ${need_apt[*]}"
    SUDO=""
    [ "$(id -u)" -eq 0 ] || SUDO="sudo"
    $SUDO apt-get update -q || die "apt-get update failed"
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends "${need_apt[@]}" \
        || die "apt-get install ${need_apt[*]} failed"
fi
export PATH="$PATH:/usr/sbin"
command -v nginx >/dev/null || die "nginx is not installed"
/usr/bin/python3 -c "import gi; gi.require_version('ICalGLib', '3.0'); from gi.repository import ICalGLib" \
    || die "libical's GObject bindings (gir1.2-ical-3.0, python3-gi) do not load in /usr/bin/python3"

# --- PyPI: the pinned engines in .build/interop-venv, and one time-zone database for all of them
# (TZDIR and PYTHONTZPATH): see .ci/interop-venv.sh
. .ci/interop-venv.sh

# --- classfeed
if [ -n "${CLASSFEED_BIN:-}" ]; then
    bin="$CLASSFEED_BIN"
else
    scratch=()
    [ -z "${SWIFT_SCRATCH_PATH:-}" ] || scratch=(--scratch-path "$SWIFT_SCRATCH_PATH")
    say "building classfeed"
    swift build "${scratch[@]}" --product classfeed || die "swift build failed"
    bin="$(swift build "${scratch[@]}" --show-bin-path)/classfeed"
fi
[ -x "$bin" ] || die "no classfeed binary at $bin"
ready=$(date +%s)
say "installs and build took $((ready - started)) s"

# --- the suite (prints 'N passed, M failed' last, exits 1 on any failure)
# (it also prints how long the whole run took, counted from INTEROP_STARTED)
export INTEROP_STARTED="$started"
# shellcheck disable=SC2086
exec "$venv/bin/python" Tests/interop/run_interop.py --classfeed "$bin" ${INTEROP_ARGS:-}
