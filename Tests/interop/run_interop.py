#!/usr/bin/env python3
"""ClassFeed interoperability suite (issue 7).

Builds every schedule of the corpus with `classfeed build` and checks each feed it writes
(<id>.ics, <id>-<class>.ics and <id>-<feed id>.ics of the schedule's `feeds`) against
implementations that are not ours:

  parsers    python icalendar, allenporter's ical, vobject, libical (GObject bindings, run
             under Debian's /usr/bin/python3 by libical_helper.py)
  expanders  recurring-ical-events, ical's timeline, libical's foreach_recurrence
  subscriber nginx on 127.0.0.1 -> vdirsyncer (http storage -> filesystem storage) -> khal

The expected occurrences come from `classfeed upcoming --json` with the same window and clock
(for an extra feed, those that match all of its filters after changes), and what each event
says (location, description, URL, CATEGORIES) from its occurrence there and the schedule.
Known deviations of those engines (docs/CLIENTS.md) are tolerated only by name: each
tolerated mismatch is attributed to one named deviation, counted and printed, and whatever the
deviation cannot explain is still checked.

Usage: run_interop.py --classfeed PATH [--keep DIR] [--verbose] [--only WORD]
Closes with a line "N passed, M failed" and exits 1 when M > 0.
"""
from __future__ import annotations

import argparse
import collections
import datetime as dt
import glob
import io
import json
import logging
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
import warnings
from zoneinfo import ZoneInfo

# ---------------------------------------------------------------------------------------------
# What to run. The lead adds feed styles and cancellation policies here as ClassFeed grows them.
# A style other than "occurrences" runs only when `classfeed build --help` offers --style; a
# policy other than the default runs only when build's help offers a cancellation option.
STYLES = ["occurrences", "series"]
POLICIES = ["remove", "show"]
#: The policy ClassFeed applies when no option is given (cancelled occurrences left out).
DEFAULT_POLICY = "remove"
#: How a policy is chosen: a build option (POLICY_OPTION, or the first option of `build --help`
#: whose name contains "cancel"), else the schedule key calendar.<POLICY_KEY> when `classfeed
#: check` accepts it (the suite then builds from a copy of each schedule with the key set).
POLICY_OPTION = None
POLICY_KEY = "cancellations"
#: The deviations of the independent engines described in docs/CLIENTS.md ("The independent
#: engines"): a mismatch that one of these explains exactly is
#: counted and printed, not failed. Other named effects are classified for the report but FAIL.
TOLERATED = {
    "libical-later-offset",               # gap / repeated-hour TZID time read with the later offset
    "libical-gap-wall-persists",          # after an RRULE instance in a gap, the shifted wall time sticks
    "libical-series-length-wall",         # series length from its first instance in wall time
    "libical-exception-in-gap-unmatched", # EXDATE / RECURRENCE-ID in a gap or repeated hour ignored
    "wallclock-end",                      # recurring-ical-events / ical add the length in wall time
    "ical-utc-series-override-ignored",   # ical ignores RECURRENCE-ID when the series is in UTC form
    # Measured here; both have the root cause docs/CLIENTS.md gives for libical: a
    # repeated-hour time read against RFC 5545 §3.3.5. ClassFeed writes single events
    # in the repeated hour in UTC (which fixed khal dropping them and libical's offset); what is
    # left cannot be expressed any other way:
    "khal-later-offset",       # an RRULE instance in the repeated hour, read with the later offset
    "wallclock-end-swapped",   # recurring-ical-events moves UTC times into X-WR-TIMEZONE and compares
                               # wall times, so an end in the second pass looks earlier and is swapped
}
WINDOW_FROM, WINDOW_TO = "2026-09-01", "2027-04-30"
NOW = "2026-09-01T00:00:00Z"
# ---------------------------------------------------------------------------------------------

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
CORPUS = [os.path.join(REPO, "schedule.json")] + sorted(glob.glob(os.path.join(HERE, "corpus", "*.json")))
SYSTEM_PYTHON = "/usr/bin/python3"
UTC = dt.timezone.utc
EXPECTED_CONTENT_TYPE = "text/calendar; charset=utf-8"

# The engines, imported here so that a missing one fails the run loudly.
_import_errors = []
try:
    import icalendar
except Exception as exc:  # noqa: BLE001
    _import_errors.append("icalendar: %s" % exc)
try:
    import recurring_ical_events
except Exception as exc:  # noqa: BLE001
    _import_errors.append("recurring-ical-events: %s" % exc)
try:
    import ical
    from ical.calendar_stream import IcsCalendarStream
except Exception as exc:  # noqa: BLE001
    _import_errors.append("ical: %s" % exc)
try:
    from vdirsyncer.vobject import Item as VdirItem, split_collection
except Exception as exc:  # noqa: BLE001
    _import_errors.append("vdirsyncer: %s" % exc)
try:
    import vobject
except Exception as exc:  # noqa: BLE001
    _import_errors.append("vobject: %s" % exc)


# --------------------------------------------------------------------------------- bookkeeping

class Suite:
    def __init__(self, verbose: bool):
        self.verbose = verbose
        self.passed = 0
        self.failed = 0
        self.failures: list[str] = []
        self.deviations: collections.Counter = collections.Counter()
        self.untolerated: collections.Counter = collections.Counter()
        self.deviation_examples: dict[str, list[str]] = collections.defaultdict(list)
        self.not_run: list[str] = []

    def check(self, name: str, problems: list[str]) -> bool:
        if problems:
            self.failed += 1
            self.failures.append(name)
            print("FAIL %s" % name)
            for p in problems[:12]:
                print("     %s" % p)
            if len(problems) > 12:
                print("     ... and %d more" % (len(problems) - 12))
            return False
        self.passed += 1
        if self.verbose:
            print("ok   %s" % name)
        return True

    def deviation(self, name: str, where: str) -> bool:
        """Records a classified mismatch; True when it is a tolerated (listed) deviation."""
        if name not in TOLERATED:
            self.untolerated[name] += 1
            return False
        self.deviations[name] += 1
        if len(self.deviation_examples[name]) < 3:
            self.deviation_examples[name].append(where)
        return True


def run(cmd, **kw):
    return subprocess.run(cmd, capture_output=True, text=True, **kw)


def iso(t: int) -> str:
    return dt.datetime.fromtimestamp(t, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def epoch(d: dt.datetime) -> int:
    return int(d.timestamp())


def parse_utc(s: str) -> int:
    return epoch(dt.datetime.strptime(s, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC))


class Captured:
    """Collects Python warnings and log records of level WARNING and above while a parser runs."""

    def __enter__(self):
        self.messages: list[str] = []
        self._w = warnings.catch_warnings(record=True)
        self.records = self._w.__enter__()
        warnings.simplefilter("always")
        self.handler = logging.Handler(logging.WARNING)
        self.handler.emit = lambda r: self.messages.append("log %s %s: %s" % (r.levelname, r.name, r.getMessage()))
        logging.getLogger().addHandler(self.handler)
        return self

    def __exit__(self, *exc):
        logging.getLogger().removeHandler(self.handler)
        self._w.__exit__(*exc)
        self.messages += ["warning %s: %s" % (w.category.__name__, w.message) for w in self.records]
        return False


# ------------------------------------------------------------------------------- expectations

class Occ:
    """One occurrence as a UTC interval with its summary and status."""
    __slots__ = ("start", "end", "summary", "status", "uid", "extra")

    def __init__(self, start, end, summary, status, uid=None, extra=None):
        self.start, self.end, self.summary = int(start), int(end), summary
        self.status = (status or "").lower() or None
        self.uid = uid
        self.extra = extra or {}

    def key(self):
        return (self.start, self.end, self.summary, self.status)

    def __repr__(self):
        return "%s..%s %r %s%s" % (iso(self.start), iso(self.end), self.summary, self.status,
                                   " uid=" + self.uid if self.uid else "")


class Schedule:
    def __init__(self, path: str):
        self.path = path
        with open(path, encoding="utf-8") as f:
            self.json = json.load(f)
        cal = self.json["calendar"]
        self.id = cal["id"]
        self.name = cal["name"]
        self.zone = cal["timezone"]
        self.classes = {c["id"]: c for c in self.json["classes"]}
        self.label = os.path.relpath(path, REPO)

    def class_zone(self, cid):
        return self.classes[cid].get("timezone", self.zone)

    def feeds(self):
        """(file name, selection) of every feed the build writes. The selection says which
        occurrences the feed holds: None (all), a class id (<id>-<class>.ics), or one entry of
        the schedule's `feeds` (<id>-<feed id>.ics: a dict with its filters)."""
        out = [(self.id + ".ics", None)]
        if len(self.classes) > 1:
            out += [("%s-%s.ics" % (self.id, cid), cid) for cid in self.classes]
        out += [("%s-%s.ics" % (self.id, f["id"]), f) for f in self.json.get("feeds", [])]
        return out

    def effective(self, u: dict, field: str):
        """An occurrence's instructor or location after its changes: `upcoming --json` gives a
        changed field's value (listed in "changed"); otherwise it is the class's own. The
        calendar's default `location` is not the class's here, as ClassFeed's filters have it
        (its events do show it); the corpus gives every class of a schedule with a location
        feed its own location, so the suite does not depend on that reading."""
        if field in (u.get("changed") or []):
            return u.get(field)
        return self.classes[u["class"]].get(field)

    def in_feed(self, u: dict, sel) -> bool:
        """Whether an occurrence of `upcoming --json` belongs in the feed of a selection (see
        feeds()): an extra feed holds what matches every filter it gives, judged per occurrence
        after changes (README, "`feeds`")."""
        if sel is None:
            return True
        if isinstance(sel, str):
            return u["class"] == sel
        if "instructor" in sel and self.effective(u, "instructor") != sel["instructor"]:
            return False
        if "location" in sel and self.effective(u, "location") != sel["location"]:
            return False
        if "tag" in sel and sel["tag"] not in self.classes[u["class"]].get("tags", []):
            return False
        if "classes" in sel and u["class"] not in sel["classes"]:
            return False
        return True

    def event_expectations(self, cid, u, master: bool) -> dict:
        """What one VEVENT must say, from the schedule and (for a single date) its occurrence in
        `upcoming --json`: LOCATION, the parts of DESCRIPTION, URL and CATEGORIES. `master`: the
        event is a series' master, standing for every date (the booking template's series link)."""
        c, cal = self.classes[cid], self.json["calendar"]
        instructor = self.effective(u, "instructor") if u else c.get("instructor")
        location = (self.effective(u, "location") if u else c.get("location")) or cal.get("location")
        template = c.get("bookingURL", cal.get("bookingURL"))
        plain = c.get("url", cal.get("url"))
        if template is None:
            link = plain
        elif master:
            link = series_link(template, cid) or plain
        elif u is not None:
            link = filled_link(template, u["date"], u["localStart"][11:16], cid)
        else:
            link = None  # a date the suite cannot name: the link is not checked
        parts = []
        if u is not None and "note" in (u.get("changed") or []):
            parts.append("note: " + u["note"])
        if "description" in c:
            parts.append(c["description"])
        if instructor:
            parts.append("Instructor: " + instructor)
        if link:
            parts.append("%s: %s" % (cal.get("bookingLabel", "Book your classes"), link))
        return {"location": location, "description_parts": parts, "url": link,
                "check_url": template is None or master or u is not None,
                "categories": list(c.get("tags", []))}


def percent_encoded(v: str) -> str:
    """RFC 3986: the unreserved characters kept, every other byte as %XX."""
    return urllib.parse.quote(v, safe="-._~")


def filled_link(template: str, date: str, time_: str, cid: str) -> str:
    """A booking template filled in for one occurrence (README, "Booking links per class")."""
    return (template.replace("{date}", percent_encoded(date)).replace("{time}", percent_encoded(time_))
            .replace("{class}", percent_encoded(cid)))


def series_link(template: str, cid: str):
    """The link of a series' master: {class} filled in and the query parameters holding {date}
    or {time} left out; None when {date} or {time} is anywhere else (then the plain url)."""
    path, q, query = template.partition("?")
    query, h, fragment = query.partition("#")
    if any(p in path or p in fragment for p in ("{date}", "{time}")):
        return None
    kept = [kv for kv in query.split("&") if "{date}" not in kv and "{time}" not in kv] if q else []
    link = path + ("?" + "&".join(kept) if kept else "") + (h + fragment if h else "")
    return link.replace("{class}", percent_encoded(cid))


def event_occurrence(key: str, s: "Schedule", by_uid: dict):
    """(class id, occurrence of `upcoming --json` or None, is a series master) of a parsed VEVENT
    key: "<class>@domain" (a master), "<class>@domain/<RECURRENCE-ID>" (an override of the
    occurrence of that original date) or "<class>-<YYYYMMDD>@domain" (a single date)."""
    uid, _, rid = key.partition("/")
    local, _, domain = uid.partition("@")
    if local in s.classes:
        if not rid:
            return local, None, True
        return local, by_uid.get("%s-%s@%s" % (local, rid[:8], domain)), False
    return class_of_uid(uid, s), by_uid.get(uid), False


def class_of_uid(uid, s: "Schedule"):
    """The class a UID belongs to: <class>@domain (a series) or <class>-<YYYYMMDD>@domain."""
    if not uid:
        return None
    local = uid.split("@")[0]
    if local in s.classes:
        return local
    m = re.match(r"(.+)-\d{8}$", local)
    return m.group(1) if m and m.group(1) in s.classes else None


def in_window(o: "Occ", s: "Schedule") -> bool:
    """Whether an occurrence's local start date (in its class's zone) is inside the build window:
    a series runs on past the window, the engine's list stops at its end."""
    cid = class_of_uid(o.uid, s)
    if cid is None:
        return True  # reported, not hidden
    d = wall_of(o.start, s.class_zone(cid)).date()
    return dt.date.fromisoformat(WINDOW_FROM) <= d <= dt.date.fromisoformat(WINDOW_TO)


def expected_occurrences(s: "Schedule", upcoming: list[dict], sel, policy: str) -> list[Occ]:
    out = []
    for u in upcoming:
        if not s.in_feed(u, sel):
            continue
        if u["status"] == "cancelled" and policy == "remove":
            continue
        out.append(Occ(parse_utc(u["start"]), parse_utc(u["end"]), u["summary"], u["status"], u["uid"], u))
    return out


# ---------------------------------------------------------------------------- time-zone helpers

def utc_of_wall(wall: dt.datetime, zone: str, fold: int) -> int:
    return epoch(wall.replace(tzinfo=ZoneInfo(zone), fold=fold))


def wall_of(t: int, zone: str) -> dt.datetime:
    return dt.datetime.fromtimestamp(t, ZoneInfo(zone)).replace(tzinfo=None)


def is_gap_or_repeated(wall: dt.datetime, zone: str) -> bool:
    return utc_of_wall(wall, zone, 0) != utc_of_wall(wall, zone, 1)


def walls_resolving_to(t: int, zone: str) -> list[dt.datetime]:
    """Every wall time that RFC 5545 §3.3.5 resolves to instant t: its real wall time, and a
    wall time inside a DST gap that is shifted forward onto t."""
    w = wall_of(t, zone)
    out = [w]
    for minutes in (30, 60, 120):
        g = w - dt.timedelta(minutes=minutes)
        if is_gap_or_repeated(g, zone) and utc_of_wall(g, zone, 0) == t and wall_of(utc_of_wall(g, zone, 1), zone) != g:
            out.append(g)
    return out


def later_offset_readings(t: int, zone: str) -> set[int]:
    """Where libical puts the wall time(s) meaning t: a time in a gap or in the repeated hour read
    with the offset after the change (python's fold=1) instead of RFC 5545's."""
    return {utc_of_wall(w, zone, 1) for w in walls_resolving_to(t, zone)} - {t}


def offset_changes(zone: str, lo: int, hi: int) -> bool:
    z = ZoneInfo(zone)
    return dt.datetime.fromtimestamp(lo, z).utcoffset() != dt.datetime.fromtimestamp(hi, z).utcoffset()


# ------------------------------------------------------------------------- deviation classifiers
# Each takes (tool, expected Occ, got Occ, ctx) and returns the deviation's name when it explains
# every difference between the two, else None. Nothing but the named effect is forgiven.

def dev_libical_later_offset(tool, e, g, ctx):
    """libical reads a TZID time in a DST gap or a repeated hour with the later offset."""
    if tool != "libical" or (g.summary, g.status) != (e.summary, e.status):
        return None
    zone = ctx["zone"](e)
    ok_start = g.start == e.start or g.start in later_offset_readings(e.start, zone)
    ok_end = (g.end == e.end or g.end in later_offset_readings(e.end, zone)
              # for a recurrence instance libical adds the series length to its own start
              or (ctx["series"] and g.end - g.start == e.end - e.start))
    return "libical-later-offset" if ok_start and ok_end and (g.start, g.end) != (e.start, e.end) else None


def dev_libical_gap_wall_persists(tool, e, g, ctx):
    """libical: after an RRULE instance in a gap, later instances keep the shifted wall time."""
    if tool != "libical" or not ctx["series"] or (g.summary, g.status) != (e.summary, e.status):
        return None
    zone = ctx["zone"](e)
    gaps = ctx["gap_shifts"](e)  # sizes (s) of gaps earlier instances of this series fell into
    d = g.start - e.start
    if d and d in gaps and g.end - e.end == d and wall_of(g.start, zone) - wall_of(e.start, zone) == dt.timedelta(seconds=d):
        return "libical-gap-wall-persists"
    return None


def dev_libical_series_length_wall(tool, e, g, ctx):
    """libical takes a series' length from its first instance read in wall time."""
    if tool != "libical" or not ctx["series"] or (g.summary, g.status) != (e.summary, e.status):
        return None
    if g.start != e.start and g.start not in later_offset_readings(e.start, ctx["zone"](e)):
        return None
    first = ctx["first_instance"](e)
    if first is None:
        return None
    zone = ctx["zone"](first)
    wall_len = (wall_of(first.end, zone) - wall_of(first.start, zone)).total_seconds()
    if g.end - g.start == wall_len and g.end != e.end:
        return "libical-series-length-wall"
    return None


def wallclock_ends(e, zone):
    """Where an engine that does the length arithmetic in wall-clock time puts the end: the
    start's wall time plus the exact length (DTEND in another zone or in UTC), or plus the
    wall-clock difference DTEND - DTSTART when both are in one zone. Python subtracts two
    datetimes of one tzinfo as wall times, ignoring fold; recurring-ical-events first moves a UTC
    DTEND into the X-WR-TIMEZONE zone (x_wr_timezone.to_standard), so a UTC DTEND in the second
    pass of a repeated hour is measured as if it were the first."""
    length = dt.timedelta(seconds=e.end - e.start)
    cands = set()
    # the start's wall time: the real one, or the nominal one in a gap that an RRULE names
    walls = [w + length for w in walls_resolving_to(e.start, zone)] + [wall_of(e.end, zone)]
    for wall in walls:
        cands |= {utc_of_wall(wall, zone, 0), utc_of_wall(wall, zone, 1)}
    return cands - {e.end}


def dev_wallclock_end(tool, e, g, ctx):
    """recurring-ical-events and ical add the length in wall-clock time across a DST change."""
    if tool not in ("recurring-ical-events", "ical") or (g.summary, g.status) != (e.summary, e.status):
        return None
    if g.start != e.start or g.end == e.end:
        return None
    zone = ctx["zone"](e)
    if g.end in wallclock_ends(e, zone) and offset_changes(zone, min(e.start, g.end) - 7200, max(e.end, g.end) + 7200):
        return "wallclock-end"
    return None


def dev_wallclock_end_swapped(tool, e, g, ctx):
    """recurring-ical-events compares DTSTART and DTEND as wall times when both are in one zone
    (python ignores fold there; a UTC DTEND is first moved into the X-WR-TIMEZONE zone); an end
    in the second pass of a repeated hour then looks earlier than a start in the first pass
    (03:00 first pass, 02:50 second pass), and it swaps them (its rule for 'end before start',
    issue #132): the start it shows is the (possibly wall-clock) end. Unlike wallclock-end the
    start is wrong here, so it is a name of its own (docs/CLIENTS.md): fails unless TOLERATED."""
    if tool != "recurring-ical-events" or (g.summary, g.status) != (e.summary, e.status):
        return None
    zone = ctx["zone"](e)
    if g.end != e.start:
        return None
    for end in {e.end} | wallclock_ends(e, zone):
        if g.start == end and wall_of(end, zone) < wall_of(e.start, zone):
            return "wallclock-end-swapped"
    return None


def dev_ical_utc_series_override(tool, e, g, ctx):
    """ical ignores a RECURRENCE-ID override when the series is written in UTC form."""
    if tool != "ical" or not ctx["series"] or not ctx["utc_series"]:
        return None
    moved = e.extra.get("movedFrom")
    if not moved:
        return None
    original = utc_of_wall(dt.datetime.fromisoformat(moved), ctx["zone"](e), 0)
    return "ical-utc-series-override-ignored" if g.start == original else None


def dev_khal_later_offset(tool, e, g, ctx):
    """khal (icalendar with pytz, is_dst=False) reads a TZID time in the repeated hour with the
    later offset; when that start equals DTEND it assumes one hour (docs/CLIENTS.md)."""
    if tool != "khal" or g.summary != e.summary:
        return None
    zone = ctx["zone"](e)
    later = later_offset_readings(e.start, zone)
    if g.start not in later:
        return None
    if g.end == e.end or g.end in later_offset_readings(e.end, zone) or (g.start == e.end and g.end == g.start + 3600) \
            or (ctx["series"] and g.end - g.start == e.end - e.start):
        return "khal-later-offset"
    return None


PAIR_CLASSIFIERS = [dev_libical_later_offset, dev_libical_gap_wall_persists, dev_libical_series_length_wall,
                    dev_wallclock_end, dev_wallclock_end_swapped, dev_ical_utc_series_override, dev_khal_later_offset]


def dev_khal_drops_event(tool, e, ctx):
    """khal skips an item (a VEVENT with its overrides) when one of its events has DTEND before
    DTSTART as khal reads them: a start in the repeated hour read with the later offset falls
    after a UTC DTEND. The suite has checked that about every item khal skipped (khal_skip_reason).
    Recognised but never TOLERATED (docs/CLIENTS.md)."""
    if tool != "khal":
        return None
    uids = ctx.get("khal_skipped", set())
    if e.uid in uids or (ctx["series"] and any(class_of_uid(u, ctx["schedule"]) == e.extra.get("class") for u in uids)):
        return "khal-drops-event"
    return None


def khal_skip_reason(raw: str):
    """Why khal would skip this item: some VEVENT's DTSTART, read with the later offset as khal
    does, is after its DTEND. None when that does not explain the skip."""
    cal = icalendar.Calendar.from_ical(raw)
    for ev in cal.walk("VEVENT"):
        start, end = ev.get("DTSTART"), ev.get("DTEND")
        if start is None or end is None or not isinstance(start.dt, dt.datetime) or start.dt.tzinfo is None:
            continue
        zone = str(start.params.get("TZID") or "")
        if not zone:
            continue
        later = utc_of_wall(start.dt.replace(tzinfo=None), zone, 1)
        if later > epoch(end.dt.astimezone(UTC)):
            return "%s: DTSTART %s read with the later offset is %s, after DTEND %s" % (
                ev.get("UID"), start.to_ical().decode(), iso(later), iso(epoch(end.dt.astimezone(UTC))))
    return None


MISSING_CLASSIFIERS = [dev_khal_drops_event]


def dev_libical_unmatched_exception(tool, g, ctx):
    """libical: an EXDATE or RECURRENCE-ID in a gap or repeated hour does not match, so the
    instance it removes or replaces shows as well (an extra occurrence with no partner)."""
    if tool != "libical" or not ctx["series"]:
        return None
    for wall, zone in ctx["exception_walls"]:
        if is_gap_or_repeated(wall, zone) and g.start in (utc_of_wall(wall, zone, 0), utc_of_wall(wall, zone, 1)):
            return "libical-exception-in-gap-unmatched"
    return None


def compare(suite: Suite, tool: str, where: str, expected: list[Occ], got: list[Occ], ctx) -> list[str]:
    """Multiset comparison; mismatches explained by a named deviation are counted as such."""
    keyf = (lambda o: o.key() + (o.uid,)) if ctx.get("key_uid") else (lambda o: o.key())
    have = collections.Counter(keyf(o) for o in got)
    missing = []
    for o in expected:
        if have[keyf(o)] > 0:
            have[keyf(o)] -= 1
        else:
            missing.append(o)
    extra = []
    for o in got:
        if have[keyf(o)] > 0:
            extra.append(o)
            have[keyf(o)] -= 1
    problems = []
    for e in missing:
        # a partner: the same uid when the tool knows it, else the nearest with the same text
        cands = [g for g in extra if ctx["pair_by_uid"] and g.uid == e.uid] or \
                sorted((g for g in extra if (g.summary, g.status) == (e.summary, e.status) and abs(g.start - e.start) <= 3 * 3600),
                       key=lambda g: abs(g.start - e.start))
        explained = None
        for g in cands:
            for clf in PAIR_CLASSIFIERS:
                name = clf(tool, e, g, ctx)
                if name:
                    explained = (name, g)
                    break
            if explained:
                break
        if explained:
            name, g = explained
            extra.remove(g)
            msg = "%s %s: expected %s, %s gave %s" % (where, e.uid or "", _span(e), tool, _span(g))
            if not suite.deviation(name, msg):
                problems.append("%s [%s: a named effect, but not a tolerated deviation]" % (msg.split(": ", 1)[1] if ": " in msg else msg, name))
            continue
        name = None
        for clf in MISSING_CLASSIFIERS:
            name = clf(tool, e, ctx)
            if name:
                break
        if name:
            msg = "%s: %s does not show %r" % (where, tool, e)
            if not suite.deviation(name, msg):
                problems.append("missing %r [%s: a named effect, but not a tolerated deviation]" % (e, name))
            continue
        near = cands[0] if cands else None
        problems.append("missing %r%s" % (e, (" (nearest from %s: %r)" % (tool, near)) if near else ""))
    for g in extra:
        name = dev_libical_unmatched_exception(tool, g, ctx)
        if name:
            msg = "%s: %s gave an extra %r" % (where, tool, g)
            if not suite.deviation(name, msg):
                problems.append("unexpected %r [%s: a named effect, but not a tolerated deviation]" % (g, name))
        else:
            problems.append("unexpected %r" % g)
    return problems


def _span(o: Occ) -> str:
    return "%s..%s" % (iso(o.start), iso(o.end))


# ----------------------------------------------------------------------------------- the feed

UNESCAPE = re.compile(r"\\([\\;,nN])")


def unescape_text(v: str) -> str:
    return UNESCAPE.sub(lambda m: "\n" if m.group(1) in "nN" else m.group(1), v)


def escape_text(v: str) -> str:
    return v.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def wire_problems(data: bytes) -> list[str]:
    """RFC 5545 §3.1: CRLF line ends, at most 75 octets a line, folds not inside a UTF-8
    sequence, one space starting a continuation line; valid UTF-8."""
    out = []
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        out.append("not UTF-8: %s" % exc)
    if not data.endswith(b"\r\n"):
        out.append("does not end with CRLF")
    lines = data.split(b"\r\n")
    for n, line in enumerate(lines[:-1], 1):
        if b"\n" in line or b"\r" in line:
            out.append("line %d: bare CR or LF" % n)
        if len(line) > 75:
            out.append("line %d: %d octets (over 75)" % (n, len(line)))
        try:
            line.decode("utf-8")
        except UnicodeDecodeError:
            out.append("line %d: folded inside a UTF-8 sequence" % n)
        if line.startswith(b" ") and n > 1 and lines[n - 2].endswith(b"\\") and not lines[n - 2].endswith(b"\\\\"):
            pass  # a fold right after a backslash is caught by the parsers' text comparison
        if line.startswith(b"\t"):
            out.append("line %d: continuation with a tab" % n)
    if lines[0] != b"BEGIN:VCALENDAR":
        out.append("first line is not BEGIN:VCALENDAR")
    return out


def unfold(data: bytes) -> list[str]:
    # undecodable bytes are the wire check's to report; here they must not stop the suite
    return data.decode("utf-8", errors="replace").replace("\r\n ", "").split("\r\n")


def event_blocks(data: bytes) -> dict:
    """The raw VEVENTs of a feed by UID, each UID's events (a master and its overrides) as the
    list of their unfolded lines, in the feed's order."""
    out = collections.defaultdict(list)
    block = None
    for l in unfold(data):
        if l == "BEGIN:VEVENT":
            block = []
        if block is not None:
            block.append(l)
        if l == "END:VEVENT" and block is not None:
            uid = next((x[4:] for x in block if x.startswith("UID:")), None)
            out[uid].append(block)
            block = None
    return dict(out)


class FeedFacts:
    """What the raw feed says, for deciding which deviations can apply (not for comparing)."""

    def __init__(self, data: bytes):
        self.lines = unfold(data)
        self.series = any(l.startswith("RRULE") for l in self.lines)
        self.utc_series = False
        self.exception_walls = []  # (wall, zone) of every EXDATE and RECURRENCE-ID
        in_event, has_rrule, start_utc = False, False, False
        for l in self.lines:
            if l == "BEGIN:VEVENT":
                in_event, has_rrule, start_utc = True, False, False
            elif l == "END:VEVENT":
                if has_rrule and start_utc:
                    self.utc_series = True
                in_event = False
            elif in_event:
                name, _, value = l.partition(":")
                prop = name.split(";")[0]
                tzid = re.search(r";TZID=([^;:]+)", name)
                if prop == "RRULE":
                    has_rrule = True
                elif prop == "DTSTART" and value.endswith("Z"):
                    start_utc = True
                elif prop in ("EXDATE", "RECURRENCE-ID") and tzid:
                    for v in value.split(","):
                        if len(v) == 15:
                            self.exception_walls.append((dt.datetime.strptime(v, "%Y%m%dT%H%M%S"), tzid.group(1)))
        self.cancelled = sum(1 for l in self.lines if l == "STATUS:CANCELLED")


# -------------------------------------------------------------------------------- the parsers

def rid_text(d) -> str:
    """A RECURRENCE-ID as written (its wall time, Z for UTC), to key overrides alike in every parser."""
    if isinstance(d, dt.datetime):
        utc = d.tzinfo is not None and d.utcoffset() == dt.timedelta(0) and str(d.tzinfo) in ("UTC", "UTC+00:00", "tzutc()")
        return d.strftime("%Y%m%dT%H%M%S") + ("Z" if utc else "")
    return d.strftime("%Y%m%d")


def parse_icalendar(data: bytes):
    with Captured() as cap:
        cal = icalendar.Calendar.from_ical(data)
    problems = list(cap.messages)
    for comp in cal.walk():
        for err in getattr(comp, "errors", []) or []:
            problems.append("%s: %s" % (comp.name, err))
    events = {}
    for ev in cal.walk("VEVENT"):
        uid = str(ev.get("UID"))
        rid = ev.get("RECURRENCE-ID")
        key = uid if rid is None else "%s/%s" % (uid, rid_text(rid.dt))
        events[key] = {
            "summary": str(ev.get("SUMMARY")) if ev.get("SUMMARY") is not None else None,
            "description": str(ev.get("DESCRIPTION")) if ev.get("DESCRIPTION") is not None else None,
            "location": str(ev.get("LOCATION")) if ev.get("LOCATION") is not None else None,
            "status": str(ev.get("STATUS")) if ev.get("STATUS") is not None else None,
            "start": epoch(ev["DTSTART"].dt.astimezone(UTC)),
            "url": str(ev.get("URL")) if ev.get("URL") is not None else None,
            "categories": categories_of(ev),
        }
    return cal, problems, events


def categories_of(ev) -> list[str]:
    """Every CATEGORIES value of an icalendar event, in order (one property may hold several)."""
    props = ev.get("CATEGORIES")
    if props is None:
        return []
    out = []
    for p in props if isinstance(props, list) else [props]:
        out += [str(c) for c in p.cats]
    return out


def parse_ical(text: str):
    with Captured() as cap:
        cal = IcsCalendarStream.calendar_from_ics(text)
    events = {}
    for ev in cal.events:
        key = ev.uid if ev.recurrence_id is None else "%s/%s" % (ev.uid, ev.recurrence_id)
        events[key] = {
            "summary": ev.summary, "description": ev.description, "location": ev.location,
            "status": ev.status.value if ev.status is not None else None,
            "start": epoch(ev.start.astimezone(UTC)) if isinstance(ev.start, dt.datetime) else None,
        }
    names = {"NAME": cal.name[0] if cal.name else None}
    return cal, list(cap.messages), events, names


def parse_vobject(text: str):
    with Captured() as cap:
        comps = list(vobject.readComponents(text, validate=True))
    problems = list(cap.messages)
    names = {}
    for comp in comps:
        for prop in ("NAME", "X-WR-CALNAME"):
            c = comp.contents.get(prop.lower())
            names[prop] = c[0].value if c else None
    if len(comps) != 1:
        problems.append("vobject read %d top-level components" % len(comps))
    events = {}
    for comp in comps:
        for ev in comp.contents.get("vevent", []):
            uid = ev.uid.value
            rid = ev.contents.get("recurrence-id")
            key = uid if not rid else "%s/%s" % (uid, rid_text(rid[0].value))

            def val(name):
                c = ev.contents.get(name)
                return c[0].value if c else None
            start = val("dtstart")
            events[key] = {
                "summary": val("summary"), "description": val("description"), "location": val("location"),
                "status": val("status"), "url": val("url"),
                "categories": [str(v) for p in ev.contents.get("categories", [])
                               for v in (p.value if isinstance(p.value, list) else [p.value])],
                "start": epoch(start.astimezone(UTC)) if isinstance(start, dt.datetime) and start.tzinfo else None,
            }
    return problems, events, names


# ------------------------------------------------------------------------------ the expanders

def expand_rie(cal, lo: int, hi: int) -> list[Occ]:
    out = []
    for ev in recurring_ical_events.of(cal).between(dt.datetime.fromtimestamp(lo, UTC), dt.datetime.fromtimestamp(hi, UTC)):
        s, e = ev["DTSTART"].dt, ev["DTEND"].dt if "DTEND" in ev else ev["DTSTART"].dt + ev["DURATION"].dt
        out.append(Occ(epoch(s.astimezone(UTC)), epoch(e.astimezone(UTC)), str(ev.get("SUMMARY")),
                       str(ev.get("STATUS")) if ev.get("STATUS") else None, str(ev.get("UID"))))
    return out


def expand_ical(cal, lo: int, hi: int) -> list[Occ]:
    out = []
    for ev in cal.timeline_tz(UTC).overlapping(dt.datetime.fromtimestamp(lo, UTC), dt.datetime.fromtimestamp(hi, UTC)):
        out.append(Occ(epoch(ev.start.astimezone(UTC)), epoch(ev.end.astimezone(UTC)), ev.summary,
                       ev.status.value if ev.status is not None else None, ev.uid))
    return out


def run_libical(paths: list[str], lo: int, hi: int):
    p = run([SYSTEM_PYTHON, os.path.join(HERE, "libical_helper.py")], input=json.dumps({"files": paths, "from": lo, "to": hi}))
    if p.returncode != 0:
        raise RuntimeError("libical helper failed (%d): %s" % (p.returncode, p.stderr.strip()[-2000:]))
    return json.loads(p.stdout), p.stderr.strip()


# ------------------------------------------------------------------------------- capabilities

def capabilities(classfeed: str, suite: Suite):
    p = run([classfeed, "build", "--help"])
    help_text = p.stdout + p.stderr
    styles = ["occurrences"]
    style_option = "--style" in help_text
    if style_option:
        styles = list(STYLES)
    else:
        print("series feed style is not available yet ('classfeed build --help' has no --style): "
              "running the occurrences style only; series was NOT tested")
        suite.not_run.append("series style (no --style in classfeed build --help)")
    option = POLICY_OPTION
    if option is None:
        m = re.search(r"(--[a-z-]*cancel[a-z-]*)", help_text)
        option = m.group(1) if m else None
    policy_mode = ("option", option) if option else None
    if policy_mode is None:
        with tempfile.TemporaryDirectory() as tmp:
            probe = json.load(open(CORPUS[0], encoding="utf-8"))
            probe["calendar"][POLICY_KEY] = [p for p in POLICIES if p != DEFAULT_POLICY][0] if len(POLICIES) > 1 else DEFAULT_POLICY
            path = os.path.join(tmp, "probe.json")
            with open(path, "w", encoding="utf-8") as f:
                json.dump(probe, f, ensure_ascii=False)
            if run([classfeed, "check", "--schedule", path, "--now", NOW]).returncode == 0:
                policy_mode = ("key", POLICY_KEY)
    policies = [DEFAULT_POLICY]
    if policy_mode:
        policies = list(POLICIES)
        print("cancellation policies %s, chosen with %s" % (", ".join(policies),
              "the build option " + policy_mode[1] if policy_mode[0] == "option" else "the schedule key calendar." + policy_mode[1]))
    else:
        print("cancellation policy is not available yet (no --...cancel... option in 'classfeed build --help', "
              "no calendar.%s key accepted by 'classfeed check'): running the default policy '%s' only; %s NOT tested" %
              (POLICY_KEY, DEFAULT_POLICY, ", ".join(repr(p) for p in POLICIES if p != DEFAULT_POLICY)))
        suite.not_run += ["cancellation policy %r (not offered by classfeed)" % p for p in POLICIES if p != DEFAULT_POLICY]
    return [s for s in STYLES if s in styles], style_option, [p for p in POLICIES if p in policies], policy_mode


def build_args(style, style_option, policy, policy_mode):
    args = ["--from", WINDOW_FROM, "--to", WINDOW_TO, "--now", NOW]
    if style_option:
        args += ["--style", style]
    if policy_mode and policy_mode[0] == "option":
        args += [policy_mode[1], policy]
    return args


def schedules_for(schedules, policy, policy_mode, folder):
    """The schedules to build for a policy: the corpus itself, or copies with the policy key set."""
    if not policy_mode or policy_mode[0] != "key":
        return schedules
    os.makedirs(folder, exist_ok=True)
    out = []
    for s in schedules:
        data = json.loads(json.dumps(s.json))
        data["calendar"][policy_mode[1]] = policy
        path = os.path.join(folder, os.path.basename(s.path))
        with open(path, "w", encoding="utf-8") as f:
            json.dump(data, f, ensure_ascii=False, indent=1)
        copy = Schedule(path)
        copy.label = "%s (calendar.%s=%s)" % (s.label, policy_mode[1], policy)
        out.append(copy)
    return out


# ------------------------------------------------------------------------------- the subscriber

class Nginx:
    def __init__(self, root: str, work: str):
        self.root, self.work = root, work
        self.port = None
        self.proc = None

    def start(self):
        os.makedirs(os.path.join(self.work, "logs"), exist_ok=True)
        for attempt in range(5):
            with socket.socket() as s:
                s.bind(("127.0.0.1", 0))
                port = s.getsockname()[1]
            conf = os.path.join(self.work, "nginx.conf")
            with open(conf, "w") as f:
                f.write(NGINX_CONF % {"work": self.work, "root": self.root, "port": port})
            self.proc = subprocess.Popen(["nginx", "-p", self.work, "-c", conf, "-g", "daemon off;"],
                                         stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
            for _ in range(50):
                try:
                    with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                        self.port = port
                        return
                except OSError:
                    if self.proc.poll() is not None:
                        break
                    time.sleep(0.1)
            self.stop()
        raise RuntimeError("nginx did not start: %s" % (self.proc.stdout.read().decode() if self.proc else ""))

    def url(self, rel: str) -> str:
        return "http://127.0.0.1:%d/%s" % (self.port, rel)

    def stop(self):
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
        self.proc = None


NGINX_CONF = """
worker_processes 1;
user root;
pid %(work)s/nginx.pid;
error_log %(work)s/logs/error.log warn;
events { worker_connections 64; }
http {
    access_log %(work)s/logs/access.log;
    client_body_temp_path %(work)s/tmp-body;
    proxy_temp_path %(work)s/tmp-proxy;
    fastcgi_temp_path %(work)s/tmp-fastcgi;
    uwsgi_temp_path %(work)s/tmp-uwsgi;
    scgi_temp_path %(work)s/tmp-scgi;
    types { text/calendar ics; }
    default_type application/octet-stream;
    charset utf-8;
    charset_types text/calendar;
    server {
        listen 127.0.0.1:%(port)d;
        root %(root)s;
    }
}
"""


def http_get(url: str, headers=None):
    req = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(req, timeout=10) as r:
            return r.status, dict(r.headers), r.read()
    except urllib.error.HTTPError as e:
        return e.code, dict(e.headers), e.read()


def pair_name(combo: str, feed: str) -> str:
    return re.sub(r"[^A-Za-z0-9_]", "_", "%s_%s" % (combo, feed[:-4]))


def vdirsyncer_config(work, pairs):
    lines = ["[general]", 'status_path = "%s/status"' % work, ""]
    for name, url, local in pairs:
        lines += ["[pair %s]" % name, 'a = "%s_remote"' % name, 'b = "%s_local"' % name, "collections = null",
                  'conflict_resolution = "a wins"', "",
                  "[storage %s_remote]" % name, 'type = "http"', 'url = "%s"' % url, "",
                  "[storage %s_local]" % name, 'type = "filesystem"', 'path = "%s"' % local, 'fileext = ".ics"', ""]
    return "\n".join(lines)


def khal_config(work, pairs):
    lines = ["[calendars]"]
    for name, _url, local in pairs:
        lines += ["[[%s]]" % name, "path = %s" % local, "type = calendar"]
    lines += ["[locale]", "local_timezone = UTC", "default_timezone = UTC", "timeformat = %H:%M",
              "dateformat = %Y-%m-%d", "longdateformat = %Y-%m-%d", "datetimeformat = %Y-%m-%d %H:%M",
              "longdatetimeformat = %Y-%m-%d %H:%M", "firstweekday = 0", "",
              "[default]", "default_calendar = %s" % pairs[0][0], "", "[sqlite]", "path = %s/khal.db" % work, ""]
    return "\n".join(lines)


def khal_time(t: str) -> dt.datetime:
    return dt.datetime.strptime(t, "%Y-%m-%d %H:%M").replace(tzinfo=UTC)


def khal_skips(stderr: str):
    """khal's 'Skipping CAL/HREF: reason' warnings, as (calendar, href), and every other line.
    The traceback khal logs before each skip belongs to it. khal's 'start time and end time are
    the same, assuming one hour' is left out too: it names no event, and the per-feed comparison
    judges the events it concerns (khal-later-offset)."""
    skipped, other, block = [], [], []
    for line in stderr.splitlines():
        if line.startswith("warning: Event start time and end time are the same. Assuming the event's duration is one hour"):
            continue
        m = re.match(r"warning: Skipping ([^/]+)/(\S+\.ics): (.*)", line)
        if m:
            skipped.append((m.group(1), m.group(2)))
            block = []
        elif line.startswith("warning: This event will not be available in khal"):
            continue
        elif line.startswith("Unknown exception happened") or line.startswith("Traceback") or line.startswith("  ") \
                or re.match(r"\w+Error: ", line):
            block.append(line)
        else:
            other += block + [line]
            block = []
    return skipped, other + block


SYNC_TRANSFER = re.compile(r"(Copying|Deleting|Updating|Uploading)", re.I)


def vdirsyncer(venv_bin, cfg, *args):
    env = dict(os.environ, VDIRSYNCER_CONFIG=cfg)
    return run([os.path.join(venv_bin, "vdirsyncer"), "-c", cfg, *args], env=env)


def log_problems(text: str) -> list[str]:
    return [l for l in text.splitlines() if re.match(r"\s*(warning|error|critical)\b", l, re.I) or "Traceback" in l]


# -------------------------------------------------------------------------------------- main

def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--classfeed", required=True, help="the classfeed binary")
    ap.add_argument("--keep", help="work in this folder and keep it (default: a temporary folder, removed)")
    ap.add_argument("--verbose", action="store_true", help="print every passing check")
    ap.add_argument("--only", metavar="WORD", help="only the corpus schedules whose file name contains WORD (for local debugging)")
    args = ap.parse_args()
    t0 = time.monotonic()
    suite = Suite(args.verbose)
    classfeed = os.path.abspath(args.classfeed)
    venv_bin = os.path.dirname(os.path.abspath(sys.executable))

    # --- the tools
    tool_problems = list(_import_errors)
    versions = {}
    for mod, name in (("icalendar", "icalendar"), ("recurring_ical_events", "recurring-ical-events"), ("ical", "ical"), ("vobject", "vobject")):
        try:
            from importlib.metadata import version
            versions[name] = version(name)
        except Exception as exc:  # noqa: BLE001
            tool_problems.append("%s: %s" % (name, exc))
    for exe in ("vdirsyncer", "khal"):
        p = run([os.path.join(venv_bin, exe), "--version"]) if os.path.exists(os.path.join(venv_bin, exe)) else None
        if p is None or p.returncode != 0:
            tool_problems.append("%s is not installed in %s" % (exe, venv_bin))
        else:
            versions[exe] = p.stdout.strip().split()[-1]
    p = run([SYSTEM_PYTHON, "-c", "import gi; gi.require_version('ICalGLib', '3.0'); from gi.repository import ICalGLib"]) \
        if os.path.exists(SYSTEM_PYTHON) else None
    if p is None or p.returncode != 0:
        tool_problems.append("libical GObject bindings unusable from %s: %s" % (SYSTEM_PYTHON, p.stderr.strip() if p else "missing"))
    else:
        q = run(["dpkg-query", "-W", "-f", "${Version}", "gir1.2-ical-3.0"])
        versions["libical (gir1.2-ical-3.0)"] = q.stdout.strip() or "?"
    if shutil.which("nginx") is None:
        tool_problems.append("nginx is not installed")
    else:
        versions["nginx"] = run(["nginx", "-v"]).stderr.strip().split("/")[-1]
    if not os.access(classfeed, os.X_OK):
        tool_problems.append("classfeed binary %s is missing" % classfeed)
    print("ClassFeed interop suite: %s" % ", ".join("%s %s" % kv for kv in versions.items()))
    if not suite.check("tools: every independent implementation is installed", tool_problems):
        print("%d passed, %d failed" % (suite.passed, suite.failed))
        return 1

    styles, style_option, policies, policy_mode = capabilities(classfeed, suite)
    work = os.path.abspath(args.keep) if args.keep else tempfile.mkdtemp(prefix="classfeed-interop-")
    if args.keep:
        shutil.rmtree(work, ignore_errors=True)
        os.makedirs(work)
    www = os.path.join(work, "www")
    os.makedirs(www)

    # --- the corpus is valid
    schedules = []
    for path in CORPUS:
        if args.only and args.only not in os.path.basename(path):
            continue
        s = Schedule(path)
        p = run([classfeed, "check", "--schedule", path, "--now", NOW])
        if suite.check("check %s" % s.label, [] if p.returncode == 0 else ["exit %d: %s" % (p.returncode, (p.stdout + p.stderr).strip())]):
            schedules.append(s)
    lo = epoch(dt.datetime.fromisoformat(WINDOW_FROM).replace(tzinfo=UTC)) - 2 * 86400
    hi = epoch(dt.datetime.fromisoformat(WINDOW_TO).replace(tzinfo=UTC)) + 3 * 86400

    nginx = Nginx(www, os.path.join(work, "nginx"))
    try:
        nginx.start()
        print("nginx serving %s on 127.0.0.1:%d" % (www, nginx.port))
        for style in styles:
            for policy in policies:
                combo = "%s/%s" % (style, policy)
                t_combo = time.monotonic()
                try:
                    run_combo(suite, classfeed, venv_bin, work, www, nginx, schedules, style, style_option,
                              policy, policy_mode, lo, hi)
                except Exception:  # noqa: BLE001 -- a crash of the suite is a failure, never a pass
                    import traceback
                    suite.check("[%s] the suite ran to its end" % combo, traceback.format_exc().splitlines()[-12:])
                print("-- %s done in %.1f s" % (combo, time.monotonic() - t_combo))
    finally:
        nginx.stop()
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)

    print()
    if suite.deviations:
        print("Known deviations tolerated (by name, see README.md, \"Deviations tolerated, by name\"):")
        for name, n in sorted(suite.deviations.items()):
            print("  %-36s %4d" % (name, n))
            for ex in suite.deviation_examples[name]:
                print("      e.g. %s" % ex)
    else:
        print("Known deviations tolerated: none")
    if suite.untolerated:
        print("Named effects that are NOT tolerated deviations (counted in the failures above):")
        for name, n in sorted(suite.untolerated.items()):
            print("  %-36s %4d" % (name, n))
    for n in suite.not_run:
        print("NOT RUN (not counted as passed): %s" % n)
    if suite.failures:
        print("Failed checks:")
        for f in suite.failures:
            print("  %s" % f)
    print("interop suite took %.1f s" % (time.monotonic() - t0))
    if os.environ.get("INTEROP_STARTED", "").isdigit():
        print("whole run (installs, build, suite) took %d s" % (time.time() - int(os.environ["INTEROP_STARTED"])))
    print("%d passed, %d failed" % (suite.passed, suite.failed))
    return 1 if suite.failed else 0


def run_combo(suite, classfeed, venv_bin, work, www, nginx, schedules, style, style_option, policy,
              policy_mode, lo, hi):
    combo = "%s/%s" % (style, policy)
    rel = "%s-%s" % (style, policy)
    out = os.path.join(www, rel)
    os.makedirs(out)
    bargs = build_args(style, style_option, policy, policy_mode)
    schedules = list(schedules_for(schedules, policy, policy_mode, os.path.join(work, "schedules-" + policy)))

    # the engine's view: classfeed upcoming --json over the same window and clock
    upcoming = {}
    probs = []
    for s in list(schedules):
        p = run([classfeed, "upcoming", "--json", "--schedule", s.path, "--from", WINDOW_FROM, "--to", WINDOW_TO, "--now", NOW])
        try:
            upcoming[s.path] = json.loads(p.stdout)
        except ValueError:
            probs.append("%s: exit %d, not JSON: %s" % (s.label, p.returncode, (p.stdout + p.stderr)[:500]))
            schedules.remove(s)
    suite.check("[%s] classfeed upcoming --json for every schedule" % combo, probs)

    # every N weeks and monthly classes: the dates upcoming --json gives them (originalDate,
    # cancelled ones included) are the ones the suite reads from README's rules, so that a
    # misreading shared by the engine and its feeds cannot pass as agreement
    for s in schedules:
        probs = []
        for cid, c in s.classes.items():
            if not (c.get("every", 1) > 1 or "monthly" in c):
                continue
            mine = scheduled_dates(c, dt.date.fromisoformat(WINDOW_FROM), dt.date.fromisoformat(WINDOW_TO) + dt.timedelta(days=1))
            theirs = sorted({dt.date.fromisoformat(u["originalDate"]) for u in upcoming[s.path] if u["class"] == cid})
            if mine != theirs:
                probs.append("%s: upcoming has %s, the rules say %s" % (
                    cid, [d.isoformat() for d in sorted(set(theirs) - set(mine))][:6], [d.isoformat() for d in sorted(set(mine) - set(theirs))][:6]))
        if any(c.get("every", 1) > 1 or "monthly" in c for c in s.classes.values()):
            suite.check("[%s] %s: every-N-weeks and monthly classes run on the dates README's rules give" % (combo, s.label), probs)

    # the extra feeds' filters, two ways: the suite's own reading of README's rules (s.in_feed,
    # which the feed checks below use) and `upcoming --instructor/--location/--tag`
    for s in schedules:
        for name, sel in s.feeds():
            if not isinstance(sel, dict):
                continue
            flags = [a for k in ("instructor", "location", "tag") if k in sel for a in ("--" + k, sel[k])]
            probs = []
            p = run([classfeed, "upcoming", "--json", "--schedule", s.path, "--from", WINDOW_FROM, "--to", WINDOW_TO,
                     "--now", NOW, *flags])
            try:
                listed = [u["uid"] for u in json.loads(p.stdout) if u["class"] in sel.get("classes", [u["class"]])]
            except ValueError:
                listed = []
                probs.append("upcoming %s: exit %d, not JSON: %s" % (" ".join(flags), p.returncode, (p.stdout + p.stderr)[:500]))
            mine = [u["uid"] for u in upcoming[s.path] if s.in_feed(u, sel)]
            if listed != mine:
                probs.append("upcoming %s lists %d occurrences, the feed's filters select %d: only upcoming %s, only the filters %s" % (
                    " ".join(flags), len(listed), len(mine), sorted(set(listed) - set(mine))[:4], sorted(set(mine) - set(listed))[:4]))
            if not mine:
                probs.append("the feed's filters select nothing: the corpus should give it occurrences")
            suite.check("[%s] %s: upcoming's filters and the feed's filters agree (%d occurrences)" % (combo, name, len(mine)), probs)

    def build_all():
        problems = []
        for s in schedules:
            p = run([classfeed, "build", "--schedule", s.path, "--output", out, *bargs])
            if p.returncode != 0:
                problems.append("%s: exit %d: %s" % (s.label, p.returncode, (p.stdout + p.stderr).strip()[:800]))
        return problems

    if not suite.check("[%s] classfeed build %s" % (combo, " ".join(bargs)), build_all()):
        return
    feeds = []  # (schedule, file name, class id)
    for s in schedules:
        for name, cid in s.feeds():
            feeds.append((s, name, cid))
    written = sorted(n for n in os.listdir(out) if n.endswith(".ics"))
    suite.check("[%s] the build wrote exactly the expected feed files" % combo,
                ["expected %s, found %s" % (sorted(f[1] for f in feeds), written)] if written != sorted(f[1] for f in feeds) else [])

    # libical, all feeds of this combination in one helper run
    try:
        lib, lib_stderr = run_libical([os.path.join(out, f[1]) for f in feeds], lo, hi)
    except Exception as exc:  # noqa: BLE001
        suite.check("[%s] libical helper runs" % combo, [str(exc)])
        lib, lib_stderr = {"files": {}}, ""
    suite.check("[%s] libical printed no warnings" % combo, lib_stderr.splitlines())

    feed_uids = {}
    for s, name, cid in feeds:
        path = os.path.join(out, name)
        where = "[%s] %s" % (combo, name)
        with open(path, "rb") as f:
            data = f.read()
        text = data.decode("utf-8", errors="replace")
        facts = FeedFacts(data)
        expected = expected_occurrences(s, upcoming[s.path], cid, policy)
        by_uid = {o.uid: o for o in expected}
        all_by_uid = {u["uid"]: u for u in upcoming[s.path]}
        series = style != "occurrences"
        suite.check("%s wire format (CRLF, 75-octet folds, UTF-8)" % where, wire_problems(data))

        # cancellation policy is what the feed shows
        want_cancelled = sum(1 for o in expected if o.status == "cancelled")
        pol = []
        if policy == "remove" and facts.cancelled:
            pol.append("%d STATUS:CANCELLED events in a feed built with policy 'remove'" % facts.cancelled)
        if policy != "remove" and want_cancelled and not facts.cancelled:
            pol.append("policy %r: upcoming has %d cancelled occurrences, the feed no STATUS:CANCELLED" % (policy, want_cancelled))
        suite.check("%s cancellation policy %r" % (where, policy), pol)

        # ---- parsers
        parsed = {}
        calnames = {}
        try:
            ical_cal, probs, ev = parse_icalendar(data)
            parsed["icalendar"] = ev
            feed_uids[(s.path, name)] = {k.split("/")[0] for k in ev}
        except Exception as exc:  # noqa: BLE001
            ical_cal, probs = None, ["%s: %s" % (type(exc).__name__, exc)]
        suite.check("%s icalendar %s reads it without error or warning" % (where, icalendar.__version__), probs)
        try:
            ical_obj, probs, ev, names = parse_ical(text)
            parsed["ical"] = ev
            calnames["ical"] = names
        except Exception as exc:  # noqa: BLE001
            ical_obj, probs = None, ["%s: %s" % (type(exc).__name__, str(exc)[:1500])]
        suite.check("%s ical reads it without error or warning" % where, probs)
        try:
            probs, ev, names = parse_vobject(text)
            parsed["vobject"] = ev
            calnames["vobject"] = names
        except Exception as exc:  # noqa: BLE001
            probs = ["%s: %s" % (type(exc).__name__, exc)]
        suite.check("%s vobject reads it without error or warning" % where, probs)
        lf = lib["files"].get(path)
        if lf is None:
            suite.check("%s libical reads it" % where, ["no result from the libical helper"])
        else:
            probs = list(lf["errors"])
            for e in lf["events"]:
                for k in ("dtstart_zone", "dtend_zone", "recurrence_id_zone"):
                    z = e.get(k)
                    if z and z.startswith("builtin:"):
                        probs.append("%s %s: libical used its own zone %s, not the file's VTIMEZONE" % (e["uid"], k, z))
                    if z == "floating":
                        probs.append("%s %s: floating time" % (e["uid"], k))
            suite.check("%s libical reads it without error (zones from the file's VTIMEZONE)" % where, probs)
            parsed["libical"] = {(e["uid"] if e["recurrence_id"] is None else "%s/%s" % (e["uid"], e["recurrence_id_text"])): e
                                 for e in lf["events"]}

        # ---- the text every parser decoded: SUMMARY, DESCRIPTION, LOCATION, STATUS, calendar name
        probs = []
        ref = parsed.get("icalendar")
        for tool, evs in parsed.items():
            if ref is not None and set(evs) != set(ref):
                probs.append("%s sees components %s, icalendar %s" % (tool, sorted(set(evs) ^ set(ref))[:5], "differently"))
            for key, e in evs.items():
                uid = key.split("/")[0]
                cls_id = class_of_uid(uid, s)
                if cls_id is None:
                    probs.append("%s: UID %s names no class" % (tool, uid))
                    continue
                # per event: the class's values, with its occurrence's changes and booking link
                _, occ, master = event_occurrence(key, s, all_by_uid)
                want = s.event_expectations(cls_id, occ, master)
                if (e["location"] or None) != want["location"]:
                    probs.append("%s %s LOCATION %r, schedule says %r" % (tool, key, e["location"], want["location"]))
                for part in want["description_parts"]:
                    if part not in (e["description"] or ""):
                        probs.append("%s %s DESCRIPTION lacks %r: %r" % (tool, key, part, e["description"]))
                if "url" in e and want["check_url"] and (e["url"] or None) != want["url"]:
                    probs.append("%s %s URL %r, schedule says %r" % (tool, key, e["url"], want["url"]))
                if "categories" in e and e["categories"] != want["categories"]:
                    probs.append("%s %s CATEGORIES %r, the class's tags are %r" % (tool, key, e["categories"], want["categories"]))
                if series and occ is not None and e["summary"] != occ["summary"]:
                    probs.append("%s %s SUMMARY %r, upcoming says %r" % (tool, key, e["summary"], occ["summary"]))
                if master and e["summary"] != s.classes[cls_id]["title"]:
                    probs.append("%s %s SUMMARY %r, the class's title is %r" % (tool, key, e["summary"], s.classes[cls_id]["title"]))
                if ref is not None and key in ref:
                    for fld in ("summary", "description", "location"):
                        if (e[fld] or None) != (ref[key][fld] or None):
                            probs.append("%s %s %s %r, icalendar reads %r" % (tool, uid, fld.upper(), e[fld], ref[key][fld]))
                if not series and uid in by_uid:
                    o = by_uid[uid]
                    if e["summary"] != o.summary:
                        probs.append("%s %s SUMMARY %r, upcoming says %r" % (tool, uid, e["summary"], o.summary))
                    if (e["status"] or "").lower() != o.status:
                        probs.append("%s %s STATUS %r, upcoming says %r" % (tool, uid, e["status"], o.status))
        # the calendar's name: decoded by vobject (NAME, X-WR-CALNAME) and ical (NAME); icalendar
        # keeps both undecoded, so the raw value must be the RFC 5545 §3.3.11 escaped name
        raw = {l.split(":", 1)[0]: l.split(":", 1)[1] for l in facts.lines if l.startswith(("NAME:", "X-WR-CALNAME:"))}
        for tool, names in [("raw feed", {k: unescape_text(v) for k, v in raw.items()})] + sorted(calnames.items()):
            for prop in ("NAME", "X-WR-CALNAME"):
                if prop not in names and tool == "ical":
                    continue
                got = names.get(prop)
                if got is None:
                    probs.append("%s: calendar %s missing" % (tool, prop))
                elif cid is None and got != s.name:
                    probs.append("%s: calendar %s %r, schedule says %r" % (tool, prop, got, s.name))
                elif isinstance(cid, dict) and got != "%s: %s" % (s.name, cid["name"]):
                    probs.append("%s: calendar %s %r, schedule says %r" % (tool, prop, got, "%s: %s" % (s.name, cid["name"])))
                elif cid is not None and not got.startswith(s.name + ": "):
                    probs.append("%s: calendar %s %r does not start with %r" % (tool, prop, got, s.name + ": "))
        for prop, v in raw.items():
            if escape_text(unescape_text(v)) != v:
                probs.append("raw %s %r is not RFC 5545 escaped text" % (prop, v))
        suite.check("%s every parser decodes the same text (summary, description, location, status, name; "
                    "URL and CATEGORIES by icalendar, vobject and libical), changes and booking links per event" % where, probs)

        # ---- series style, an extra feed: each class in it is the combined feed's series block,
        # or, when its changes move some of its dates into or out of the feed, date by date
        if series and isinstance(cid, dict):
            probs = []
            combined = event_blocks(open(os.path.join(os.path.dirname(path), s.id + ".ics"), "rb").read())
            mine = event_blocks(data)
            domain = s.json["calendar"]["uidDomain"]
            for k in s.classes:
                occs = [u for u in upcoming[s.path] if u["class"] == k]
                inside = [u for u in occs if s.in_feed(u, cid)]
                theirs = {uid: b for uid, b in combined.items() if class_of_uid(uid, s) == k}
                here = {uid: b for uid, b in mine.items() if class_of_uid(uid, s) == k}
                if not inside:
                    if here:
                        probs.append("%s: no occurrence belongs here, the feed has %s" % (k, sorted(here)[:3]))
                elif len(inside) < len(occs):
                    want = {u["uid"] for u in inside if u["status"] != "cancelled" or policy != "remove"}
                    if "%s@%s" % (k, domain) in here:
                        probs.append("%s: some of its dates are in this feed and some not, but it is written as a series" % k)
                    elif set(here) != want:
                        probs.append("%s: date by date, UIDs %s missing, %s unexpected" % (k, sorted(want - set(here))[:3], sorted(set(here) - want)[:3]))
                elif here != theirs:
                    probs.append("%s: every date is in this feed, but its events differ from the combined feed's (%s)" % (
                        k, sorted(set(here) ^ set(theirs))[:3] or "same UIDs, other lines"))
            suite.check("%s each class is the combined feed's series block, or date by date when changes move dates "
                        "in or out of the feed" % where, probs)

        # ---- UIDs (occurrences style: one VEVENT per occurrence, the engine's UID)
        if not series and "icalendar" in parsed:
            have = set(parsed["icalendar"])
            want = set(by_uid)
            suite.check("%s UIDs are the engine's" % where,
                        ["missing %s" % sorted(want - have)[:5]] * bool(want - have) + ["unexpected %s" % sorted(have - want)[:5]] * bool(have - want))

        # ---- expanders
        ctx = expander_context(s, expected, facts, series)
        if ical_cal is not None:
            try:
                got = [o for o in expand_rie(ical_cal, lo, hi) if not series or in_window(o, s)]
                probs = compare(suite, "recurring-ical-events", where, expected, got, ctx)
            except Exception as exc:  # noqa: BLE001
                probs = ["%s: %s" % (type(exc).__name__, exc)]
            suite.check("%s recurring-ical-events %s expands to the engine's occurrences (%d)" %
                        (where, versions_of("recurring-ical-events"), len(expected)), probs)
        if ical_obj is not None:
            try:
                got = [o for o in expand_ical(ical_obj, lo, hi) if not series or in_window(o, s)]
                probs = compare(suite, "ical", where, expected, got, ctx)
            except Exception as exc:  # noqa: BLE001
                probs = ["%s: %s" % (type(exc).__name__, exc)]
            suite.check("%s ical timeline expands to the engine's occurrences (%d)" % (where, len(expected)), probs)
        if lf is not None:
            got = [Occ(o["start"], o["end"], o["summary"], o["status"], o["uid"]) for o in lf["occurrences"]]
            got = [o for o in got if not series or in_window(o, s)]
            probs = compare(suite, "libical", where, expected, got, ctx)
            suite.check("%s libical expands to the engine's occurrences (%d)" % (where, len(expected)), probs)

    subscriber(suite, combo, rel, venv_bin, work, out, nginx, feeds, upcoming, feed_uids, policy, style, build_all)


def versions_of(name):
    from importlib.metadata import version
    return version(name)


def expander_context(s: Schedule, expected: list[Occ], facts: FeedFacts, series: bool):
    def zone(o):
        return s.class_zone(o.extra.get("class")) if o.extra.get("class") else s.zone

    by_class = collections.defaultdict(list)
    for o in expected:
        by_class[o.extra.get("class")].append(o)
    for v in by_class.values():
        v.sort(key=lambda o: o.start)

    def gap_shifts(o):
        # sizes (s) of the DST gaps the class's own schedule (its RRULE) ran into before o, from
        # the window's start: cancelled and moved instances count too, libical's iterator saw them
        c = s.classes.get(o.extra.get("class"))
        if c is None:
            return set()
        zone = s.class_zone(c["id"])
        hh, mm = map(int, c["start"].split(":"))
        out = set()
        for d in scheduled_dates(c, dt.date.fromisoformat(WINDOW_FROM), wall_of(o.start, zone).date()):
            w = dt.datetime(d.year, d.month, d.day, hh, mm)
            real = wall_of(utc_of_wall(w, zone, 0), zone)
            if real != w:
                out.add(int((real - w).total_seconds()))
        return out

    def first_instance(o):
        lst = [p for p in by_class[o.extra.get("class")] if not p.extra.get("movedFrom")]
        return lst[0] if lst else None

    return {"zone": zone, "series": series, "utc_series": facts.utc_series, "pair_by_uid": not series,
            "gap_shifts": gap_shifts, "first_instance": first_instance, "exception_walls": facts.exception_walls}


WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "last": -1}


def scheduled_dates(c: dict, lo: dt.date, hi: dt.date) -> list[dt.date]:
    """The dates from lo up to (not including) hi that a class's pattern names, before
    exceptions: weekly `days`, every N weeks (weeks from Monday, counted from the week of the
    first date on or after `from`), `monthly` ordinals, or `dates`; within `from`/`until`."""
    first = dt.date.fromisoformat(c["from"]) if "from" in c else None
    last = dt.date.fromisoformat(c["until"]) if "until" in c else None
    dates = {dt.date.fromisoformat(x) for x in c.get("dates", [])}
    anchor = None
    if c.get("every", 1) > 1 and first is not None:
        a = first
        while WEEKDAYS[a.weekday()] not in c["days"]:
            a += dt.timedelta(days=1)
        anchor = a - dt.timedelta(days=a.weekday())

    def runs(d):
        if (first and d < first) or (last and d > last):
            return False
        if "days" in c:
            if WEEKDAYS[d.weekday()] not in c["days"]:
                return False
            return anchor is None or ((d - dt.timedelta(days=d.weekday())) - anchor).days % (7 * c["every"]) == 0
        for item in c.get("monthly", []):
            ordinal, day = item.split()
            n = ORDINALS[ordinal]
            if WEEKDAYS[d.weekday()] == day and (
                    (d.day - 1) // 7 + 1 == n if n > 0 else (d + dt.timedelta(days=7)).month != d.month):
                return True
        return d in dates

    out, d = [], lo
    while d < hi:
        if runs(d):
            out.append(d)
        d += dt.timedelta(days=1)
    return out


def subscriber(suite, combo, rel, venv_bin, work, out, nginx, feeds, upcoming, feed_uids, policy, style, build_all):
    sub = os.path.join(work, "sub-" + rel)
    os.makedirs(os.path.join(sub, "status"))
    pairs = []
    for s, name, cid in feeds:
        local = os.path.join(sub, "local", name[:-4])
        os.makedirs(local)
        pairs.append((pair_name(rel, name), nginx.url("%s/%s" % (rel, name)), local))
    cfg = os.path.join(sub, "vdirsyncer.conf")
    with open(cfg, "w") as f:
        f.write(vdirsyncer_config(sub, pairs))
    kcfg = os.path.join(sub, "khal.conf")
    with open(kcfg, "w") as f:
        f.write(khal_config(sub, pairs))

    # HTTP: the content type, and the bytes served are the file's
    etags = {}
    probs = []
    for (s, name, cid), (pname, url, local) in zip(feeds, pairs):
        status, headers, body = http_get(url)
        ctype = headers.get("Content-Type")
        with open(os.path.join(out, name), "rb") as f:
            data = f.read()
        if status != 200:
            probs.append("%s: HTTP %d" % (name, status))
        elif ctype != EXPECTED_CONTENT_TYPE:
            probs.append("%s: Content-Type %r" % (name, ctype))
        elif body != data:
            probs.append("%s: served bytes differ from the file" % name)
        etags[name] = headers.get("ETag")
    suite.check("[%s] HTTP serves every feed with Content-Type: %s" % (combo, EXPECTED_CONTENT_TYPE), probs)

    p = vdirsyncer(venv_bin, cfg, "discover")
    suite.check("[%s] vdirsyncer discover" % combo, ["exit %d: %s" % (p.returncode, (p.stdout + p.stderr)[-1500:])] if p.returncode else log_problems(p.stdout + p.stderr))
    p = vdirsyncer(venv_bin, cfg, "sync")
    first_log = p.stdout + p.stderr
    copied = len([l for l in first_log.splitlines() if SYNC_TRANSFER.search(l)])
    probs = ["exit %d: %s" % (p.returncode, first_log[-1500:])] if p.returncode else log_problems(first_log)
    n_items = sum(len(os.listdir(pp[2])) for pp in pairs)
    n_uids = sum(len(feed_uids.get((s.path, name), ())) for s, name, cid in feeds)
    if n_items != n_uids:
        probs.append("the local storage holds %d items, the feeds have %d UIDs" % (n_items, n_uids))
    if copied != n_items:
        probs.append("the first sync logged %d transfers for %d items (is the transfer log still recognised?)" % (copied, n_items))
    suite.check("[%s] vdirsyncer syncs every feed over http into the filesystem storage (%d items)" % (combo, n_items), probs)

    # khal lists the same events: UIDs and start instants (and summaries). vdirsyncer's http
    # storage replaces every UID with a hash of the item's content (vdirsyncer/storage/http.py,
    # ignore_uids), so the hash is mapped back to the feed's UID with vdirsyncer's own Item.
    last = dt.date.fromisoformat(WINDOW_TO) + dt.timedelta(days=3)
    for s_, name_, cid_ in feeds:
        for l in unfold(open(os.path.join(out, name_), "rb").read()):
            m = re.match(r"DTSTART[^:]*:(\d{8})", l)
            if m:
                last = max(last, dt.datetime.strptime(m.group(1), "%Y%m%d").date() + dt.timedelta(days=2))
    p = run([os.path.join(venv_bin, "khal"), "-c", kcfg, "list", "--json", "calendar", "--json", "uid",
             "--json", "start-long", "--json", "end-long", "--json", "title",
             (dt.date.fromisoformat(WINDOW_FROM) - dt.timedelta(days=2)).isoformat(), last.isoformat()])
    khal_events = collections.defaultdict(list)
    probs = [] if p.returncode == 0 else ["khal list exit %d: %s" % (p.returncode, p.stderr[-1500:])]
    skipped, other = khal_skips(p.stderr)
    probs += log_problems("\n".join(other))
    for line in p.stdout.splitlines():
        line = line.strip()
        if not line:
            continue
        try:
            items = json.loads(line)
        except ValueError:
            probs.append("khal printed %r" % line[:200])
            continue
        for it in items if isinstance(items, list) else [items]:
            khal_events[it["calendar"]].append(it)
    # khal lists an event under every day it touches (--once would also fold a series into one
    # line): keep one line per event, and check it was listed on no more days than it spans
    for cal, lst in khal_events.items():
        seen = collections.Counter(tuple(sorted(it.items())) for it in lst)
        khal_events[cal] = []
        for key, n in seen.items():
            it = dict(key)
            a, b = khal_time(it["start-long"]), khal_time(it["end-long"])
            days = max(1, (b - dt.timedelta(seconds=1)).date().toordinal() - a.date().toordinal() + 1)
            if n > days:
                probs.append("khal lists %s %s %d times" % (it["title"], it["start-long"], n))
                khal_events[cal] += [it] * (n - days)
            khal_events[cal].append(it)
    suite.check("[%s] khal lists the synced calendars (no warnings but for events it skips, judged per feed)" % combo, probs)
    for (s, name, cid), (pname, url, local) in zip(feeds, pairs):
        with open(os.path.join(out, name), encoding="utf-8", errors="replace") as f:
            items = [VdirItem(raw) for raw in split_collection(f.read())]
        uid_of_hash = {it.hash: it.uid for it in items}
        expected = [Occ(o.start, o.end, o.summary, None, o.uid, o.extra) for o in expected_occurrences(s, upcoming[s.path], cid, policy)]
        probs = []
        got = []
        shown = set()
        for g in khal_events.get(pname, []):
            uid = uid_of_hash.get(g["uid"])
            shown.add(uid)
            if uid is None:
                probs.append("khal shows UID %s, which is no item of the feed" % g["uid"])
            o = Occ(epoch(khal_time(g["start-long"])), epoch(khal_time(g["end-long"])), g["title"], None, uid)
            if style == "occurrences" or in_window(o, s):
                got.append(o)
        skipped_uids = set()
        raw_of_hash = {it.hash: it.raw for it in items}
        for c, h in skipped:
            if c != pname:
                continue
            uid = uid_of_hash.get(h[:-4])
            reason = khal_skip_reason(raw_of_hash[h[:-4]]) if uid else None
            if reason:
                skipped_uids.add(uid)
            else:
                probs.append("khal skipped %s (UID %s) for no reason the suite knows" % (h, uid))
        feed = set(uid_of_hash.values())
        if shown | skipped_uids != feed:
            probs.append("UIDs: missing %s, unexpected %s" % (sorted(feed - shown - skipped_uids)[:4], sorted((shown | skipped_uids) - feed)[:4]))
        ctx = expander_context(s, expected, FeedFacts(open(os.path.join(out, name), "rb").read()), style != "occurrences")
        ctx["pair_by_uid"] = style == "occurrences"
        ctx["key_uid"] = style == "occurrences"
        ctx["khal_skipped"] = skipped_uids
        ctx["schedule"] = s
        probs += compare(suite, "khal", "[%s] %s" % (combo, name), expected, got, ctx)
        suite.check("[%s] %s khal shows the engine's events (%s start, end, title) after a sync (%d)" %
                    (combo, name, "UIDs," if style == "occurrences" else "", len(expected)), probs)

    # an unchanged regeneration leaves the files untouched, and a second sync transfers nothing
    before = {n: (os.stat(os.path.join(out, n)).st_mtime_ns, open(os.path.join(out, n), "rb").read()) for n in os.listdir(out) if n.endswith(".ics")}
    local_before = {os.path.join(dp, f): os.stat(os.path.join(dp, f)).st_mtime_ns
                    for dp, _, fs in os.walk(os.path.join(sub, "local")) for f in fs}
    time.sleep(0.05)
    probs = build_all()
    after = {n: (os.stat(os.path.join(out, n)).st_mtime_ns, open(os.path.join(out, n), "rb").read()) for n in os.listdir(out) if n.endswith(".ics")}
    for n in sorted(set(before) | set(after)):
        if n not in after or n not in before:
            probs.append("%s appeared or vanished" % n)
        elif before[n][1] != after[n][1]:
            probs.append("%s changed content" % n)
        elif before[n][0] != after[n][0]:
            probs.append("%s was rewritten (mtime changed) with the same content" % n)
    suite.check("[%s] an unchanged regeneration leaves every feed file untouched" % combo, probs)
    probs = []
    for (s, name, cid), (pname, url, local) in zip(feeds, pairs):
        status, headers, _ = http_get(url, {"If-None-Match": etags[name]} if etags.get(name) else {})
        if status != 304:
            probs.append("%s: If-None-Match %s answered %d, not 304 Not Modified" % (name, etags.get(name), status))
    suite.check("[%s] HTTP answers 304 Not Modified to the first ETag after the regeneration" % combo, probs)
    p = vdirsyncer(venv_bin, cfg, "sync")
    log = p.stdout + p.stderr
    probs = ["exit %d: %s" % (p.returncode, log[-1500:])] if p.returncode else log_problems(log)
    probs += ["transferred: %s" % l.strip() for l in log.splitlines() if SYNC_TRANSFER.search(l)]
    local_after = {os.path.join(dp, f): os.stat(os.path.join(dp, f)).st_mtime_ns
                   for dp, _, fs in os.walk(os.path.join(sub, "local")) for f in fs}
    if local_after != local_before:
        probs.append("the local storage changed: %d items before, %d after, %d rewritten" %
                     (len(local_before), len(local_after), sum(1 for k in local_before if local_after.get(k) != local_before[k])))
    suite.check("[%s] a second vdirsyncer sync after the regeneration transfers nothing" % combo, probs)


if __name__ == "__main__":
    sys.exit(main())
