#!/usr/bin/env bash
# The installed binary runs without the Swift toolchain: installs classfeed with
# scripts/install.sh into a temporary prefix, checks that ldd lists no Swift runtime library,
# and runs `check` and `build` of the studio's schedule.json with an empty environment
# (env -i: no PATH, no TZDIR, no LD_LIBRARY_PATH). Where this user may create a mount
# namespace (root, or unprivileged user namespaces), the build runs once more with the
# toolchain's folder hidden behind an empty one.
#
#   bash .ci/install-check.sh       # prints one line per check, then "N passed, M failed"
set -uo pipefail
cd "$(dirname "$0")/.."
export SWIFT_BACKTRACE=${SWIFT_BACKTRACE:-enable=no}

passed=0
failed=0
pass() { echo "ok    $1"; passed=$((passed + 1)); }
fail() { echo "FAIL  $1"; failed=$((failed + 1)); }
finish() {
    echo "$passed passed, $failed failed"
    [ "$failed" -eq 0 ] && exit 0
    exit 1
}

tmp=$(mktemp -d "${TMPDIR:-/tmp}/classfeed-install.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
prefix="$tmp/prefix"
bin="$prefix/bin/classfeed"

if scripts/install.sh --prefix "$prefix" >"$tmp/install.log" 2>&1; then
    pass "scripts/install.sh --prefix DIR installs DIR/bin/classfeed"
else
    tail -n 30 "$tmp/install.log"
    fail "scripts/install.sh --prefix DIR installs DIR/bin/classfeed"
    finish
fi
echo "      $(tail -n 2 "$tmp/install.log" | grep '^installed' || true)"

if ldd "$bin" >"$tmp/ldd.txt" 2>&1; then
    if grep -i 'swift' "$tmp/ldd.txt"; then
        fail "ldd lists no Swift runtime library (the lines above)"
    else
        pass "ldd lists no Swift runtime library: $(awk '{print $1}' "$tmp/ldd.txt" | grep -v vdso | tr '\n' ' ')"
    fi
else
    cat "$tmp/ldd.txt"
    fail "ldd reads the installed binary"
fi

now=2026-11-27T09:00:00Z
if out=$(env -i "$bin" check --schedule "$PWD/schedule.json" --now "$now" 2>&1); then
    pass "env -i classfeed check: $out"
else
    echo "$out"
    fail "env -i classfeed check"
fi
if out=$(env -i "$bin" build --schedule "$PWD/schedule.json" --output "$tmp/out" --now "$now" 2>&1) \
    && [ -z "$out" ] && [ -s "$tmp/out/circl.ics" ] && [ -s "$tmp/out/index.html" ]; then
    pass "env -i classfeed build writes the feeds and the page, silently"
else
    echo "$out"
    fail "env -i classfeed build writes the feeds and the page, silently"
fi

# The toolchain's folder (/opt/swift for /opt/swift/usr/bin/swift) hidden by an empty tmpfs.
toolchain=$(dirname "$(dirname "$(dirname "$(readlink -f "$(command -v swift)")")")")
if unshare --mount --map-root-user true 2>/dev/null || { [ "$(id -u)" -eq 0 ] && unshare --mount true 2>/dev/null; }; then
    map=(); [ "$(id -u)" -eq 0 ] || map=(--map-root-user)
    if out=$(unshare --mount "${map[@]}" sh -c 'mount -t tmpfs none "$1" && exec env -i "$2" build --schedule "$3" --output "$4" --now "$5"' \
        sh "$toolchain" "$bin" "$PWD/schedule.json" "$tmp/out-hidden" "$now" 2>&1) && [ -s "$tmp/out-hidden/circl.ics" ]; then
        if cmp -s "$tmp/out/circl.ics" "$tmp/out-hidden/circl.ics"; then
            pass "with $toolchain hidden, the build writes the same feed"
        else
            fail "with $toolchain hidden, the build writes the same feed"
        fi
    else
        echo "$out"
        fail "with $toolchain hidden, the build runs"
    fi
else
    echo "skip  hiding $toolchain (no mount namespace for this user)"
fi
finish
