# Sourced by .ci/interop.sh and .ci/realworld.sh (which define say and die): makes
# .build/interop-venv from the pinned Tests/interop/requirements.txt when it is missing or the
# pins changed, and exports TZDIR and PYTHONTZPATH for the venv's pinned tzdata.
# --- PyPI: the pinned engines in a venv inside the ignored build area
venv=.build/interop-venv
req=Tests/interop/requirements.txt
stamp="$venv/.requirements.sha256"
want=$(sha256sum "$req" | cut -d' ' -f1)
if [ ! -x "$venv/bin/python" ] || [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
    say "creating $venv from $req"
    rm -rf "$venv"
    mkdir -p .build
    if ! "${PYTHON:-python3}" -m venv "$venv"; then
        say "${PYTHON:-python3} cannot create a venv; trying Debian's python3 with python3-venv"
        rm -rf "$venv"
        DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends python3-venv \
            || die "apt-get install python3-venv failed"
        /usr/bin/python3 -m venv "$venv" || die "cannot create the venv"
    fi
    "$venv/bin/python" -m pip install -q --disable-pip-version-check --no-input -r "$req" \
        || die "pip install -r $req failed"
    echo "$want" > "$stamp"
fi
"$venv/bin/python" -m pip check >/dev/null || die "the venv's packages are inconsistent (pip check)"

# --- one time-zone database for every engine: the pinned tzdata package (requirements.txt), the
# release pytz (khal's zones) carries too. classfeed reads it through TZDIR; Python's zoneinfo
# (icalendar, recurring-ical-events, ical, the suite's own expectations) through PYTHONTZPATH.
# The system's tzdata may be older or newer (Debian 12 had 2025b: Africa/Casablanca then
# disagrees with pytz from September 2026 on, and khal shows every class an hour off).
tzdir=$("$venv/bin/python" -c 'import os, tzdata; print(os.path.join(os.path.dirname(tzdata.__file__), "zoneinfo"))') \
    || die "the venv has no tzdata package"
[ -f "$tzdir/Europe/London" ] || die "no zone files in the venv's tzdata package ($tzdir)"
export TZDIR="$tzdir" PYTHONTZPATH="$tzdir"
say "time zones: tzdata $("$venv/bin/python" -c 'import tzdata; print(tzdata.IANA_VERSION)') ($tzdir)"

