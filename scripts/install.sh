#!/usr/bin/env bash
# Builds classfeed with the Swift standard library linked in (no Swift toolchain needed to run
# it) and installs it as PREFIX/bin/classfeed.
#
#   scripts/install.sh                    # /usr/local/bin/classfeed (copied with sudo if need be)
#   scripts/install.sh --prefix ~/.local  # ~/.local/bin/classfeed, no root needed
#
# The binary still needs the C library it was built against (run it on the same Debian or
# Ubuntu release, or a newer one) and the system time-zone database (/usr/share/zoneinfo, the
# tzdata package, or TZDIR). Builds in .build/ (SWIFT_SCRATCH_PATH chooses another folder).
set -euo pipefail
cd "$(dirname "$0")/.."

prefix=/usr/local
usage() { echo "usage: scripts/install.sh [--prefix DIR]   (default /usr/local; installs DIR/bin/classfeed)"; }
while [ $# -gt 0 ]; do
    case "$1" in
        --prefix) [ $# -ge 2 ] || { usage >&2; exit 64; }; prefix=$2; shift 2 ;;
        --prefix=*) prefix=${1#--prefix=}; shift ;;
        -h|--help) usage; exit 0 ;;
        *) echo "install.sh: unknown argument '$1'" >&2; usage >&2; exit 64 ;;
    esac
done
[ -n "$prefix" ] || { echo "install.sh: --prefix needs a folder" >&2; exit 64; }
bindir="${prefix%/}/bin"

# Decided before the long build, not after it: a prefix this user cannot write to is written
# with sudo (the build itself runs as this user, whose PATH has the toolchain).
probe=$bindir
while [ ! -e "$probe" ]; do probe=$(dirname "$probe"); done
as_root=()
if [ ! -w "$probe" ]; then
    if ! command -v sudo >/dev/null; then
        echo "install.sh: cannot write to $probe, and there is no sudo" >&2
        echo "  hint: choose a folder of your own: scripts/install.sh --prefix ~/.local" >&2
        exit 73
    fi
    echo "$probe is not writable by $(id -un): the copy into $bindir will use sudo"
    as_root=(sudo)
fi
command -v swift >/dev/null || {
    echo "install.sh: no 'swift' on PATH; install the Swift toolchain first (https://www.swift.org/install/linux/)" >&2
    exit 69
}

scratch=()
[ -z "${SWIFT_SCRATCH_PATH:-}" ] || scratch=(--scratch-path "$SWIFT_SCRATCH_PATH")
echo "building classfeed (release, Swift standard library linked in; a few minutes the first time)"
swift build "${scratch[@]}" -c release --static-swift-stdlib --product classfeed
built="$(swift build "${scratch[@]}" -c release --static-swift-stdlib --show-bin-path)/classfeed"

"${as_root[@]}" install -d "$bindir"
# Into a temporary name first, then renamed: a cron run never sees half a binary.
"${as_root[@]}" install -m 0755 "$built" "$bindir/.classfeed.new"
"${as_root[@]}" mv -f "$bindir/.classfeed.new" "$bindir/classfeed"
size=$(wc -c <"$bindir/classfeed")
echo "installed $bindir/classfeed ($(awk -v b="$size" 'BEGIN { printf "%.1f", b / 1e6 }') MB): $("$bindir/classfeed" --version)"
case ":$PATH:" in
    *":$bindir:"*) ;;
    *) echo "note: $bindir is not on PATH; add it (export PATH=\"$bindir:\$PATH\") or call $bindir/classfeed" ;;
esac
