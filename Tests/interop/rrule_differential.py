#!/usr/bin/env python3
"""RRULE differential test: the ICalendar library's expansion against python-dateutil's rrule.

Makes RULES seeded random rules (every FREQ, INTERVAL, COUNT or UNTIL, WKST and the BYxxx parts
in the combinations RFC 5545 §3.3.10 allows), writes them as one feed of floating-time events
(wall time, so that both sides count in the same clock), expands the feed with the Examples
package's `expand-feed` and each rule with dateutil, and compares the start times.

One difference is by design and accounted for, not tolerated blindly: RFC 5545 §3.8.5.3 says
"The DTSTART property value always counts as the first occurrence", dateutil gives DTSTART only
when the rule would. So the expectation is DTSTART followed by dateutil's instances, COUNT
counting DTSTART. And dateutil's first WEEKLY period starts on DTSTART's day rather than on
WKST's, so BYSETPOS picks from a shortened week there (seed 7 found one: WEEKLY;BYDAY=MO,SU,TH;
BYSETPOS=-2,3;WKST=TH from a Sunday); weekly BYSETPOS rules are drawn only with DTSTART on WKST.

Then the rest of the recurrence set, against recurring-ical-events (pinned in
Tests/interop/requirements.txt): Tests/interop/recurrence-set.ics has two RRULEs on one event,
RDATE dates, date-times and periods, and RANGE=THISANDFUTURE overrides across a change of
offset; every instance's start and length must be the same.

Usage: rrule_differential.py --expand PATH [--rules N] [--seed S] [--feed ICS]
Prints "N rules agree, M differ" and exits 1 when M > 0 or the feed's instances differ.
"""
from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import signal
import subprocess
import sys
import tempfile

from dateutil import rrule as du

FREQS = ["YEARLY", "MONTHLY", "WEEKLY", "DAILY", "HOURLY", "MINUTELY"]
DAYS = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]
EPOCH = dt.datetime(1970, 1, 1)


def sample(r: random.Random, values, most: int):
    return sorted(r.sample(values, r.randint(1, most)))


def make_rule(r: random.Random) -> str:
    """A random rule that RFC 5545 allows (and so RecurrenceRule accepts)."""
    freq = r.choice(FREQS)
    parts = [f"FREQ={freq}"]
    if r.random() < 0.4:
        parts.append(f"INTERVAL={r.randint(2, 5)}")
    sub_daily = freq in ("HOURLY", "MINUTELY")
    by_any = False
    if r.random() < 0.35:
        parts.append("BYMONTH=" + ",".join(map(str, sample(r, range(1, 13), 4))))
        by_any = True
    weekno = freq == "YEARLY" and r.random() < 0.15
    if weekno:
        parts.append("BYWEEKNO=" + ",".join(map(str, sample(r, list(range(1, 54)) + [-1, -2], 3))))
        by_any = True
    if freq in ("YEARLY", "HOURLY", "MINUTELY") and r.random() < 0.15:
        parts.append("BYYEARDAY=" + ",".join(map(str, sample(r, list(range(1, 367)) + list(range(-366, 0)), 4))))
        by_any = True
    if freq != "WEEKLY" and r.random() < 0.35:
        parts.append("BYMONTHDAY=" + ",".join(map(str, sample(r, list(range(1, 32)) + list(range(-31, 0)), 4))))
        by_any = True
    if r.random() < 0.5:
        days = sample(r, DAYS, 4)
        if freq in ("MONTHLY", "YEARLY") and not weekno and r.random() < 0.5:
            most = 5 if freq == "MONTHLY" or "BYMONTH=" in ";".join(parts) else 53
            days = [f"{r.choice([n for n in range(-most, most + 1) if n != 0])}{d}" for d in days]
        parts.append("BYDAY=" + ",".join(days))
        by_any = True
    if not sub_daily and r.random() < 0.2:
        parts.append("BYHOUR=" + ",".join(map(str, sample(r, range(0, 24), 3))))
        by_any = True
    if r.random() < 0.15:
        parts.append("BYMINUTE=" + ",".join(map(str, sample(r, range(0, 60), 3))))
        by_any = True
    if by_any and r.random() < 0.3:
        parts.append("BYSETPOS=" + ",".join(map(str, sample(r, [1, 2, 3, -1, -2], 2))))
    if r.random() < 0.25:
        parts.append("WKST=" + r.choice(DAYS))
    if r.random() < 0.6 or sub_daily:
        parts.append(f"COUNT={r.randint(1, 40)}")
    return ";".join(parts)


class TooSlow(Exception):
    pass


def within(seconds: float, work):
    """work(), or TooSlow: dateutil walks a rule whose parts never meet (BYMONTH=2 with
    BYMONTHDAY=30, say) up to the year 9999, one period at a time."""
    def expire(signum, frame):
        raise TooSlow()
    signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        return work()
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--expand", required=True, help="the expand-feed binary of the Examples package")
    ap.add_argument("--rules", type=int, default=400)
    ap.add_argument("--seed", type=int, default=5545)
    ap.add_argument("--feed", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "recurrence-set.ics"),
                    help="a feed to expand with recurring-ical-events too")
    args = ap.parse_args()
    r = random.Random(args.seed)

    cases = []
    unsynchronized = 0
    short_week = 0
    while len(cases) < args.rules:
        i = len(cases)
        start = dt.datetime(2026, 1, 1, r.randint(0, 23), r.choice([0, 15, 30, 45])) + dt.timedelta(days=r.randint(0, 900))
        rule = make_rule(r)
        # RFC 5545 leaves a DTSTART that the rule does not give undefined ("SHOULD be
        # synchronized"), and dateutil then counts a shortened first period for BYSETPOS: start
        # on the rule's first instance, and keep the rule only if that start is one of its own.
        try:
            first = within(0.5, lambda: du.rrulestr(rule, dtstart=start).after(start, inc=True))
            again = first and within(0.5, lambda: du.rrulestr(rule, dtstart=first).after(first, inc=True))
        except (TooSlow, ValueError):  # ValueError: dateutil refuses a rule whose BYxxx can never meet its INTERVAL
            first = again = None
        if first is None or first >= dt.datetime(2039, 1, 1) or again != first:
            unsynchronized += 1
            continue
        # dateutil's first WEEKLY period runs from DTSTART's day, not from WKST's, so BYSETPOS
        # counts fewer days there than the RFC's week holds: keep such rules only when DTSTART
        # falls on the week's first day.
        wkst = next((p[5:] for p in rule.split(";") if p.startswith("WKST=")), "MO")
        if "FREQ=WEEKLY" in rule and "BYSETPOS=" in rule and DAYS[first.weekday()] != wkst:
            short_week += 1
            continue
        start = first
        until = None
        if "COUNT=" not in rule:
            until = start + dt.timedelta(days=r.randint(30, 3000))
            rule += ";UNTIL=" + until.strftime("%Y%m%dT%H%M%S")
        cases.append((f"r{i}", start, rule))

    window_from, window_to = dt.datetime(2025, 12, 1), dt.datetime(2040, 1, 1)
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//ClassFeed//rrule differential//EN"]
    for uid, start, rule in cases:
        lines += ["BEGIN:VEVENT", f"UID:{uid}", "DTSTAMP:20260101T000000Z", f"DTSTART:{start:%Y%m%dT%H%M%S}",
                  "DURATION:PT10M", f"RRULE:{rule}", "END:VEVENT"]
    lines.append("END:VCALENDAR")
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "rules.ics")
        with open(path, "w", newline="") as f:
            f.write("\r\n".join(lines) + "\r\n")
        secs = lambda d: int((d - EPOCH).total_seconds())
        out = subprocess.run([args.expand, path, str(secs(window_from)), str(secs(window_to))],
                             capture_output=True, text=True)
    if out.returncode != 0:
        print(out.stderr, file=sys.stderr)
        print("0 rules agree, %d differ (expand-feed failed)" % len(cases))
        return 1
    got: dict[str, list[dt.datetime]] = {}
    for line in out.stdout.splitlines():
        uid, start, _end = line.split("\t")
        got.setdefault(uid, []).append(EPOCH + dt.timedelta(seconds=int(start)))

    agree, differ = 0, 0
    for uid, start, rule in cases:
        try:
            theirs = within(5, lambda: [t for t in du.rrulestr(rule, dtstart=start).between(window_from, window_to, inc=True)
                                        if t < window_to])
        except TooSlow:
            # A rule whose last instance comes early keeps dateutil walking empty periods.
            theirs = within(20, lambda: [t for t in du.rrulestr(rule, dtstart=start, cache=False) if t < window_to]
                            if "COUNT=" not in rule else list(du.rrulestr(rule, dtstart=start)))
        count = next((int(p[6:]) for p in rule.split(";") if p.startswith("COUNT=")), None)
        expected = [start] + [t for t in theirs if t != start]
        if count is not None:
            # dateutil's COUNT counts its own instances; RFC 5545 counts DTSTART among them.
            # (Within the window only: a rule whose parts never meet would keep dateutil busy to 9999.)
            expected = ([start] + [t for t in theirs if t != start])[:count]
        mine = sorted(got.get(uid, []))
        if mine == expected:
            agree += 1
            continue
        differ += 1
        extra = sorted(set(mine) - set(expected))[:5]
        missing = sorted(set(expected) - set(mine))[:5]
        print(f"DIFFER {uid} DTSTART:{start:%Y%m%dT%H%M%S} RRULE:{rule}\n"
              f"  ours {len(mine)}, expected {len(expected)}; only ours: {extra}; only dateutil: {missing}")
    version = __import__("dateutil").__version__
    print(f"{agree} rules agree, {differ} differ (seed {args.seed}, python-dateutil {version}; "
          f"{unsynchronized} drawn rules skipped: their start is not an instance of their own, or they have none; "
          f"{short_week} weekly BYSETPOS rules skipped: dateutil shortens their first week)")
    return (1 if differ else 0) | compare_feed(args.expand, args.feed)


def compare_feed(expand: str, feed: str) -> int:
    """The instances of `feed` in 2026-2027, ours against recurring-ical-events': UID, start
    instant and length in seconds."""
    import icalendar
    import recurring_ical_events

    start, end = dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc), dt.datetime(2028, 1, 1, tzinfo=dt.timezone.utc)
    out = subprocess.run([expand, feed, str(int(start.timestamp())), str(int(end.timestamp()))],
                         capture_output=True, text=True, check=True)
    ours = sorted(tuple(int(x) if i else x for i, x in enumerate(line.split("\t"))) for line in out.stdout.splitlines())
    ours = [(uid, s, e - s) for uid, s, e in ours]
    with open(feed, "rb") as f:
        calendar = icalendar.Calendar.from_ical(f.read())
    theirs = []
    for event in recurring_ical_events.of(calendar).between(start.date(), end.date()):
        s, e = event.start, event.end
        if not isinstance(s, dt.datetime):  # an all-day instance: midnight UTC, as ours reads it
            s = dt.datetime(s.year, s.month, s.day, tzinfo=dt.timezone.utc)
            e = dt.datetime(e.year, e.month, e.day, tzinfo=dt.timezone.utc)
        theirs.append((str(event["UID"]), int(s.timestamp()), int((e - s).total_seconds())))
    theirs.sort()
    if ours == sorted(ours) and sorted(ours) == theirs:
        from importlib.metadata import version
        print(f"{os.path.basename(feed)}: the same {len(ours)} instances as recurring-ical-events {version('recurring-ical-events')}")
        return 0
    print(f"{os.path.basename(feed)}: instances differ from recurring-ical-events")
    for row in sorted(set(ours) ^ set(theirs)):
        print(("  only ours:   " if row in ours else "  only theirs: ") + repr(row))
    return 1


if __name__ == "__main__":
    sys.exit(main())
