#!/usr/bin/env python3
"""The library's documented example feed, read by the interop suite's engines (issue 17:
"every example in the docs compiles and its output parses in the interop suite's engines").

Reads FEED (Examples/'s `studio-feed --ics`) with python icalendar, vobject and allenporter's
ical, and expands it with recurring-ical-events over FROM..TO; the instances must be exactly
the ones the library itself gives (EXPANDED: `expand-feed FEED FROM TO`, lines of UID, start
and end in seconds since 1970 UTC). Prints one line per check and "N passed, M failed".

Usage: docs_examples.py FEED EXPANDED FROM TO
"""
import datetime as dt
import io
import sys


def main() -> int:
    feed_path, expanded_path, start, end = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
    data = open(feed_path, "rb").read()
    text = data.decode("utf-8")
    results = []

    def check(name, ok, detail=""):
        results.append(ok)
        print(("ok    " if ok else "FAIL  ") + name + (": " + detail if detail and not ok else ""))

    import icalendar
    cal = icalendar.Calendar.from_ical(data)
    uids = sorted({str(e["UID"]) for e in cal.walk("VEVENT")})
    check("python icalendar reads it, three events by UID", len(uids) == 3, str(uids))

    import vobject
    v = vobject.readOne(io.StringIO(text))
    vuids = sorted({e.uid.value for e in v.vevent_list})
    check("vobject reads the same events", vuids == uids, str(vuids))

    from ical.calendar_stream import IcsCalendarStream
    ical_cal = IcsCalendarStream.calendar_from_ics(text)
    iuids = sorted({e.uid for e in ical_cal.events})
    check("ical (allenporter) reads the same events", iuids == uids, str(iuids))

    import recurring_ical_events
    window = (dt.datetime.fromtimestamp(start, dt.timezone.utc), dt.datetime.fromtimestamp(end, dt.timezone.utc))
    theirs = set()
    for e in recurring_ical_events.of(cal).between(*window):
        s, f = e["DTSTART"].dt, e["DTEND"].dt
        if not isinstance(s, dt.datetime):
            s = dt.datetime(s.year, s.month, s.day, tzinfo=dt.timezone.utc)
            f = dt.datetime(f.year, f.month, f.day, tzinfo=dt.timezone.utc)
        theirs.add((str(e["UID"]), int(s.timestamp()), int(f.timestamp())))
    ours = set()
    for line in open(expanded_path):
        uid, s, f = line.rstrip("\n").split("\t")
        ours.add((uid, int(s), int(f)))
    check("the library's instances are recurring-ical-events' (%d)" % len(ours),
          ours == theirs and len(ours) > 5,
          "only ours: %s; only theirs: %s" % (sorted(ours - theirs)[:5], sorted(theirs - ours)[:5]))

    failed = results.count(False)
    print("%d passed, %d failed" % (len(results) - failed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
