#!/usr/bin/env bash
# Builds the ICalendar DocC catalog with the toolchain's own docc (no SwiftPM plugin) into
# .build/docs/ICalendar.doccarchive, and fails on any docc warning and on any public symbol of
# ICalendar without a documentation comment.
set -euo pipefail
cd "$(dirname "$0")/.."
out=.build/docs
rm -rf "$out"
mkdir -p "$out/symbol-graphs"
swift build --target ICalendar >/dev/null
swift build --target ICalendarFoundation >/dev/null
bin=$(swift build --show-bin-path)
triple=$(swiftc -print-target-info | python3 -c 'import json, sys; print(json.load(sys.stdin)["target"]["triple"])')
swift symbolgraph-extract -module-name ICalendar -I "$bin/Modules" -I "$bin" -target "$triple" \
    -minimum-access-level public -output-dir "$out/symbol-graphs"
docc convert Sources/ICalendar/ICalendar.docc \
    --additional-symbol-graph-dir "$out/symbol-graphs" \
    --fallback-display-name ICalendar --fallback-bundle-identifier classfeed.ICalendar \
    --output-dir "$out/ICalendar.doccarchive" --warnings-as-errors \
    --experimental-documentation-coverage --coverage-summary-level brief >"$out/docc.log" 2>&1 || {
    cat "$out/docc.log" >&2
    echo "docs: docc convert failed (see the warnings above)" >&2
    exit 1
}
# docc does not warn about a missing comment: read its coverage file for public symbols of
# ICalendar (not of the re-exported modules) that have no abstract.
python3 - "$out/ICalendar.doccarchive/documentation-coverage.json" <<'PY'
import json, sys
entries = json.load(open(sys.argv[1]))
# Protocol witnesses (==, hash(into:), description ...) take the protocol's documentation.
witnesses = {"!=(_:_:)", "==(_:_:)", "hash(into:)", "hashValue", "init(rawValue:)", "rawValue", "description"}
missing = sorted(e["referencePath"].split("/documentation/", 1)[-1] for e in entries
                 if e.get("kind", {}).get("isSymbol") and not e.get("hasAbstract", True)
                 and e.get("title") not in witnesses)
if missing:
    print("docs: %d public symbols without documentation:" % len(missing), file=sys.stderr)
    for m in missing:
        print("  " + m, file=sys.stderr)
    sys.exit(1)
print("docs: ok (%d symbols documented; .build/docs/ICalendar.doccarchive)" % len(entries))
PY
# ICalendarFoundation (the optional Foundation product) has no catalog of its own: its public
# symbols, extensions of Foundation's and ICalendar's types, must each have a doc comment.
mkdir -p "$out/foundation-symbol-graphs"
swift symbolgraph-extract -module-name ICalendarFoundation -I "$bin/Modules" -I "$bin" -target "$triple" \
    -minimum-access-level public -output-dir "$out/foundation-symbol-graphs"
python3 - "$out/foundation-symbol-graphs" <<'PY'
import glob, json, sys
missing, count = [], 0
for path in glob.glob(sys.argv[1] + "/ICalendarFoundation*.symbols.json"):
    for s in json.load(open(path))["symbols"]:
        if s.get("accessLevel") != "public" or s["kind"]["identifier"] == "swift.extension":
            continue
        count += 1
        if not s.get("docComment", {}).get("lines"):
            missing.append(".".join(s["pathComponents"]))
if missing:
    print("docs: %d public symbols of ICalendarFoundation without documentation:" % len(missing), file=sys.stderr)
    for m in sorted(missing):
        print("  " + m, file=sys.stderr)
    sys.exit(1)
print("docs: ok (%d ICalendarFoundation symbols documented)" % count)
PY
