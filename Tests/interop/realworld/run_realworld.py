#!/usr/bin/env python3
"""The real-world corpus check (issue 17): calendars other people wrote, read and expanded by
ClassFeed's ICalendar library and by recurring-ical-events, compared file by file.

The corpus is every `.ics` file shipped inside the test suites of the pinned python `icalendar`
and `recurring-ical-events` packages (Tests/interop/requirements.txt), as installed in the venv,
one copy of each distinct content. Each file is expanded over 400 days starting at the day of
its earliest VEVENT DTSTART (UTC), by recurring-ical-events and by `icalendar-expand` (the
library in a small executable), and the instances (UID, start, end, as UTC instants; all-day
and floating values read as UTC, as the library documents) are compared as multisets.

Every file lands in exactly one category:
  agree            the same instances
  differ: ...      both expanded, the instances differ (the kind of difference is named)
  refused: ...     the reference expands the file, ClassFeed refuses it (its error, numbers removed)
  crash / timeout  ClassFeed died or took more than --timeout seconds: always a failure
  not counted: ... the reference cannot expand the file, or it has no VEVENT
Agreement is agree / (every file the reference expands). The run fails when agreement is below
--min-agreement, when a file crashes or times out, or when a file takes --max-ms or more (the
fastest of three in-process runs of read + expand).

Tests/interop/realworld/DISAGREEMENTS.md lists the files that do not agree and why; the report
names files that disagree and are not listed there, and listed files that now agree.

Run it through .ci/realworld.sh (it makes the venv and builds icalendar-expand).
"""

import argparse
import collections
import datetime as dt
import hashlib
import json
import os
import re
import signal
import subprocess
import sys
import time
import warnings
from pathlib import Path

import icalendar
import recurring_ical_events
from icalendar.timezone import tzp
from importlib.metadata import version

HERE = Path(__file__).resolve().parent
UTC = dt.timezone.utc
WINDOW_DAYS = 400


def corpus() -> list[tuple[str, Path]]:
    """(name, path) of every distinct .ics file in the two packages' test folders, sorted."""
    out, seen = [], set()
    for module, tests in ((icalendar, "tests"), (recurring_ical_events, "test")):
        root = Path(module.__file__).resolve().parent
        for path in sorted((root / tests).rglob("*.ics")):
            digest = hashlib.sha256(path.read_bytes()).hexdigest()
            if digest in seen:
                continue
            seen.add(digest)
            out.append((f"{module.__name__}/{path.relative_to(root)}", path))
    return out


def epoch(v) -> int:
    """A DTSTART/DTEND value as seconds since 1970 UTC; dates and floating times read as UTC."""
    if isinstance(v, dt.datetime):
        if v.tzinfo is None or v.utcoffset() is None:
            v = v.replace(tzinfo=UTC)
        return int(v.timestamp())
    if isinstance(v, dt.date):
        return int(dt.datetime(v.year, v.month, v.day, tzinfo=UTC).timestamp())
    raise TypeError(f"not a date: {v!r}")


class Timeout(Exception):
    pass


def _alarm(signum, frame):
    raise Timeout()


def reference(data: bytes, timeout: float):
    """('ok', window, instances) or ('skip', reason, None)."""
    # icalendar keeps every VTIMEZONE it has read in a process-wide cache, so a TZID defined in
    # one file would decide another file's times: start each file afresh.
    tzp.use_zoneinfo()
    signal.signal(signal.SIGALRM, _alarm)
    signal.setitimer(signal.ITIMER_REAL, timeout)
    try:
        try:
            cal = icalendar.Calendar.from_ical(data)
        except Exception as e:  # noqa: BLE001 - any failure of the reference means "not counted"
            return "skip", f"icalendar cannot read it ({type(e).__name__})", None
        if not isinstance(cal, icalendar.Calendar) or cal.name != "VCALENDAR":
            return "skip", "not a VCALENDAR", None
        starts = []
        for ev in cal.walk("VEVENT"):
            try:
                starts.append(epoch(ev["DTSTART"].dt))
            except Exception:  # noqa: BLE001
                continue
        if not starts:
            return "skip", "no VEVENT with a DTSTART", None
        lo = min(starts) // 86400 * 86400
        hi = lo + WINDOW_DAYS * 86400
        try:
            got = []
            for ev in recurring_ical_events.of(cal).between(dt.datetime.fromtimestamp(lo, UTC), dt.datetime.fromtimestamp(hi, UTC)):
                start = ev["DTSTART"].dt
                end = ev["DTEND"].dt if "DTEND" in ev else start
                got.append((str(ev.get("UID", "")), epoch(start), epoch(end)))
        except Timeout:
            raise
        except Exception as e:  # noqa: BLE001
            return "skip", f"recurring-ical-events cannot expand it ({type(e).__name__})", None
        return "ok", (lo, hi), got
    except Timeout:
        return "skip", "recurring-ical-events timed out", None
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)


def classfeed(tool: str, path: Path, window, timeout: float):
    """('ok', instances, diagnostics, microseconds) | ('refused', message) | ('crash', why) | ('timeout',)."""
    lo, hi = window
    cmd = [tool, "--from", str(lo), "--to", str(hi), "--repeat", "3", str(path)]
    try:
        p = subprocess.run(cmd, capture_output=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return ("timeout",)
    lines = [json.loads(x) for x in p.stdout.decode("utf-8", "replace").splitlines() if x.startswith("{")]
    if p.returncode == 65 and lines and "error" in lines[-1]:
        e = lines[-1]["error"]
        return ("refused", f"line {e['line']}: {e['message']}")
    if p.returncode != 0 or not lines or "done" not in lines[-1]:
        why = f"signal {-p.returncode}" if p.returncode < 0 else f"exit {p.returncode}"
        return ("crash", f"{why}: {p.stderr.decode('utf-8', 'replace').strip()[-300:]}")
    got = [(x["uid"], x["start"], x["end"]) for x in lines if "uid" in x]
    diagnostics = [x["diagnostic"] for x in lines if "diagnostic" in x]
    return ("ok", got, diagnostics, lines[-1]["done"]["microseconds"])


def shape(message: str) -> str:
    """An error or diagnostic with its specifics removed, to group files by kind."""
    m = re.sub(r"^line \d+: ", "", message)
    m = re.sub(r'"[^"]*"', '"…"', m)
    m = re.sub(r"TZID \S+", "TZID …", m)
    m = re.sub(r"UID \S+", "UID …", m)
    m = re.sub(r"event \S+:", "event …:", m)
    m = re.sub(r"\b\d[\dT:Z+-]*\b", "N", m)
    return m[:110]


def difference(ref: list, got: list) -> str:
    """What kind of difference two instance lists have."""
    r, g = collections.Counter(ref), collections.Counter(got)
    if collections.Counter((u, s) for u, s, _ in ref) == collections.Counter((u, s) for u, s, _ in got):
        return "differ: same starts, other ends"
    missing, extra = r - g, g - r
    if not extra:
        return "differ: ClassFeed misses instances"
    if not missing:
        return "differ: ClassFeed has extra instances"
    ms = sorted(missing.elements(), key=lambda x: (x[0], x[1]))
    es = sorted(extra.elements(), key=lambda x: (x[0], x[1]))
    if len(ms) == len(es):
        shifts = {e[1] - m[1] for m, e in zip(ms, es) if m[0] == e[0]}
        if len(shifts) == 1 and all(m[0] == e[0] for m, e in zip(ms, es)):
            (s,) = shifts
            return f"differ: starts shifted by {s / 3600:+g} h"
        return "differ: instances moved"
    return "differ: instances missing and extra"


def listed_disagreements() -> set[str]:
    """The files DISAGREEMENTS.md names (lines starting "- `name`")."""
    path = HERE / "DISAGREEMENTS.md"
    if not path.exists():
        return set()
    return set(re.findall(r"^- `([^`]+)`", path.read_text(), re.M))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--tool", required=True, help="the icalendar-expand binary")
    ap.add_argument("--min-agreement", type=float, default=95.0, help="percent of the files the reference expands (default 95)")
    ap.add_argument("--max-ms", type=float, default=32.0, help="slowest allowed read + expand of one file (default 32)")
    ap.add_argument("--timeout", type=float, default=10.0, help="seconds before a run counts as a hang (default 10)")
    ap.add_argument("--only", metavar="WORD", help="only the files whose name contains WORD")
    ap.add_argument("--verbose", action="store_true", help="show the first differing instances of each file")
    ap.add_argument("--json", metavar="FILE", help="also write every file's result to FILE")
    args = ap.parse_args()

    # icalendar warns about every TZID it guesses; the categories below say what matters.
    warnings.simplefilter("ignore")
    started = time.time()
    files = [(n, p) for n, p in corpus() if not args.only or args.only in n]
    results = {}  # name -> (category, detail)
    slow = []
    timings = []  # (ms, name) of every file ClassFeed read
    details = {}
    for name, path in files:
        data = path.read_bytes()
        status, window, ref = reference(data, args.timeout)
        ours = classfeed(args.tool, path, window if status == "ok" else (0, WINDOW_DAYS * 86400), args.timeout)
        if ours[0] == "crash":
            results[name] = ("crash", ours[1])
            continue
        if ours[0] == "timeout":
            results[name] = ("timeout", f"more than {args.timeout:g} s")
            continue
        if ours[0] == "ok":
            timings.append((ours[3] / 1000, name))
            if ours[3] / 1000 >= args.max_ms:
                slow.append((name, ours[3] / 1000))
        if status != "ok":
            results[name] = (f"not counted: {window}", "ClassFeed: " + ("refused " + ours[1] if ours[0] == "refused" else f"{len(ours[1])} instances"))
            continue
        if ours[0] == "refused":
            results[name] = (f"refused: {shape(ours[1])}", ours[1])
            continue
        _, got, diagnostics, _ = ours
        note = "; ".join(f"line {d['line']}: {d['message']}" for d in diagnostics[:3])
        if collections.Counter(ref) == collections.Counter(got):
            results[name] = ("agree", note)
        else:
            results[name] = (difference(ref, got), note or f"{len(ref)} instances expected, {len(got)} from ClassFeed")
            missing = sorted((collections.Counter(ref) - collections.Counter(got)).elements(), key=lambda x: (x[1], x[0]))
            extra = sorted((collections.Counter(got) - collections.Counter(ref)).elements(), key=lambda x: (x[1], x[0]))
            details[name] = (missing, extra)

    by_category = collections.defaultdict(list)
    for name, (category, detail) in results.items():
        by_category[category].append((name, detail))
    counted = [n for n, (c, _) in results.items() if not c.startswith("not counted")]
    agreeing = [n for n, (c, _) in results.items() if c == "agree"]
    failures = [n for n, (c, _) in results.items() if c in ("crash", "timeout")]

    def iso(t):
        return dt.datetime.fromtimestamp(t, UTC).strftime("%Y-%m-%dT%H:%MZ")

    print(f"real-world corpus: {len(files)} distinct .ics files from icalendar {version('icalendar')} and "
          f"recurring-ical-events {version('recurring-ical-events')} test suites; {WINDOW_DAYS} days from each file's first DTSTART")
    order = sorted(by_category, key=lambda c: (c != "agree", c.startswith("not counted"), -len(by_category[c]), c))
    for category in order:
        members = sorted(by_category[category])
        print(f"\n{len(members):4}  {category}")
        if category == "agree":
            continue
        for name, detail in members:
            print(f"        {name}" + (f"  ({detail})" if detail else ""))
            if args.verbose and name in details:
                missing, extra = details[name]
                for u, s, e in missing[:4]:
                    print(f"            only reference: {u} {iso(s)} .. {iso(e)}")
                for u, s, e in extra[:4]:
                    print(f"            only ClassFeed: {u} {iso(s)} .. {iso(e)}")

    listed = listed_disagreements()
    disagreeing = {n for n in counted if n not in agreeing}
    unlisted = sorted(disagreeing - listed)
    stale = sorted(n for n in listed if n in agreeing)
    if not args.only:
        if unlisted:
            print(f"\nnot in DISAGREEMENTS.md yet ({len(unlisted)}): " + ", ".join(unlisted))
        if stale:
            print(f"\nlisted in DISAGREEMENTS.md but agreeing now ({len(stale)}): " + ", ".join(stale))
    if timings:
        ms, name = max(timings)
        print(f"\nslowest read + expand: {ms:.1f} ms ({name}); median {sorted(timings)[len(timings) // 2][0]:.2f} ms")
    if slow:
        print(f"\nslower than {args.max_ms:g} ms ({len(slow)}): " + ", ".join(f"{n} {ms:.1f} ms" for n, ms in sorted(slow)))
    if args.json:
        Path(args.json).write_text(json.dumps({n: {"category": c, "detail": d} for n, (c, d) in sorted(results.items())}, indent=1))

    percent = 100.0 * len(agreeing) / len(counted) if counted else 100.0
    print(f"\nagreement: {len(agreeing)} of {len(counted)} files the reference expands ({percent:.1f}%; "
          f"threshold {args.min_agreement:g}%); {len(failures)} crashes or hangs; {len(slow)} files at {args.max_ms:g} ms or more; "
          f"{time.time() - started:.0f} s")
    failed = percent < args.min_agreement or failures or slow
    if failed and not args.only:
        print("real-world corpus: FAILED", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
