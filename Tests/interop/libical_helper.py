#!/usr/bin/python3
"""libical (Evolution's engine) as an independent parser and expander, through its GObject
bindings (Debian's gir1.2-ical-3.0 + python3-gi). Runs under Debian's own /usr/bin/python3,
which is the only interpreter with `gi`; the suite calls it as a subprocess.

Input (stdin, JSON): {"files": [path, ...], "from": UTC epoch seconds, "to": UTC epoch seconds}
Output (stdout, JSON): {"libical": "3.0.x", "files": {path: {...}}} where each file has
  "errors":      parse errors (X-LIC-ERROR properties libical inserted, failed parses),
  "events":      every VEVENT as libical reads it: uid, summary, description, location, status,
                 url, categories, recurrence-id, dtstart/dtend as UTC epoch seconds, and the TZID libical resolved
                 ("file" when it used the VTIMEZONE in the file, "builtin:..." otherwise),
  "occurrences": the expansion between from and to with icalcomponent_foreach_recurrence (RRULE,
                 RDATE, EXDATE), RECURRENCE-ID overrides replacing the instance they name, as
                 Evolution does; each {uid, start, end, summary, status}.
Anything libical printed on stderr is reported by the caller as a warning.
"""
import json
import sys

import gi

gi.require_version("ICalGLib", "3.0")
from gi.repository import ICalGLib as I  # noqa: E402

UTC = I.Timezone.get_utc_timezone()


def kind(name):
    return I.Component.kind_from_string(name)


def pkind(name):
    return I.Property.kind_from_string(name)


def collect_errors(comp, path, out):
    """Every X-LIC-ERROR libical attached while parsing (RFC violations it noticed)."""
    p = comp.get_first_property(pkind("X-LIC-ERROR"))
    while p is not None:
        out.append("%s: %s" % (path, p.as_ical_string().strip()))
        p = comp.get_next_property(pkind("X-LIC-ERROR"))
    c = comp.get_first_component(kind("ANY"))
    while c is not None:
        collect_errors(c, path + "/" + I.Component.kind_to_string(c.isa()), out)
        c = comp.get_next_component(kind("ANY"))


def children(comp, name):
    out = []
    c = comp.get_first_component(kind(name))
    while c is not None:
        out.append(c)
        c = comp.get_next_component(kind(name))
    return out


def timet(t):
    """An icaltimetype as UTC epoch seconds, in the zone libical attached to it."""
    z = t.get_timezone()
    return t.as_timet_with_zone(z if z is not None else UTC)


def zone_source(prop, t):
    """Where libical took the zone of a DATE-TIME from: "utc", "floating", "file" (the VTIMEZONE in
    the file, found by its TZID) or "builtin:<tzid>" (its own copy)."""
    if t.is_utc():
        return "utc"
    z = t.get_timezone()
    if z is None:
        return "floating"
    tzid = z.get_tzid() or ""
    param = prop.get_first_parameter(I.Parameter.kind_from_string("TZID")) if prop is not None else None
    want = param.get_tzid() if param is not None else None
    return "file" if tzid == want else "builtin:" + tzid


def text(v):
    return v if v is None else str(v)


def categories(ev):
    """Every CATEGORIES value, in order; one property may hold several, separated by commas."""
    out = []
    p = ev.get_first_property(pkind("CATEGORIES"))
    while p is not None:
        out += [v for v in (p.get_categories() or "").split(",") if v]
        p = ev.get_next_property(pkind("CATEGORIES"))
    return out


def read_event(ev):
    start_prop = ev.get_first_property(pkind("DTSTART"))
    end_prop = ev.get_first_property(pkind("DTEND"))
    rid_prop = ev.get_first_property(pkind("RECURRENCE-ID"))
    dtstart = ev.get_dtstart()
    dtend = ev.get_dtend()
    info = {
        "uid": ev.get_uid(),
        "summary": text(ev.get_summary()),
        "description": text(ev.get_description()),
        "location": text(ev.get_location()),
        "status": I.Property.status_to_string(ev.get_status()) if ev.get_status() else None,
        "dtstart": timet(dtstart),
        "dtstart_zone": zone_source(start_prop, dtstart),
        "dtend": timet(dtend),
        "dtend_zone": zone_source(end_prop, dtend) if end_prop is not None else None,
        "rrule": ev.get_first_property(pkind("RRULE")) is not None,
        "url": text(ev.get_first_property(pkind("URL")).get_value_as_string()) if ev.get_first_property(pkind("URL")) else None,
        "categories": categories(ev),
        "recurrence_id": None,
    }
    if rid_prop is not None:
        # get_recurrenceid() drops the TZID; resolve the property against its component instead.
        rid = rid_prop.get_datetime_with_component(ev)
        info["recurrence_id"] = timet(rid)
        info["recurrence_id_text"] = rid_prop.get_value_as_string()
        info["recurrence_id_zone"] = zone_source(rid_prop, rid)
    return info


def expand(cal, lo, hi):
    start = I.Time.new_from_timet_with_zone(lo, 0, UTC)
    end = I.Time.new_from_timet_with_zone(hi, 0, UTC)
    masters = []
    overrides = {}
    for ev in children(cal, "VEVENT"):
        if ev.get_first_property(pkind("RECURRENCE-ID")) is not None:
            rid = ev.get_first_property(pkind("RECURRENCE-ID")).get_datetime_with_component(ev)
            overrides.setdefault(ev.get_uid(), {})[timet(rid)] = ev
        else:
            masters.append(ev)
    out = []

    def add(ev, span):
        status = ev.get_status()
        out.append({
            "uid": ev.get_uid(),
            "start": span.get_start(),
            "end": span.get_end(),
            "summary": text(ev.get_summary()),
            "status": I.Property.status_to_string(status) if status else None,
        })

    for ev in masters:
        spans = []
        ev.foreach_recurrence(start, end, lambda comp, span, data: spans.append((span.get_start(), span.get_end())), None)
        by_rid = overrides.get(ev.get_uid(), {})
        for s, e in spans:
            if s in by_rid:
                continue  # replaced by its override, added below
            span = I.TimeSpan.new_timet(s, e, True)
            add(ev, span)
    for uid, by_rid in overrides.items():
        for ev in by_rid.values():
            ev.foreach_recurrence(start, end, lambda comp, span, data: add(ev, span), None)
    return out


def main():
    req = json.load(sys.stdin)
    result = {"libical": "%d.%d.%d" % (I.MAJOR_VERSION, I.MINOR_VERSION, I.PATCH_VERSION) if hasattr(I, "MAJOR_VERSION") else "3",
              "files": {}}
    for path in req["files"]:
        entry = {"errors": [], "events": [], "occurrences": []}
        result["files"][path] = entry
        try:
            with open(path, "rb") as f:
                raw = f.read().decode("utf-8")
            cal = I.Component.new_from_string(raw)
            if cal is None:
                entry["errors"].append("libical returned no component")
                continue
            if I.Component.kind_to_string(cal.isa()) != "VCALENDAR":
                entry["errors"].append("top-level component is %s" % I.Component.kind_to_string(cal.isa()))
                continue
            collect_errors(cal, "VCALENDAR", entry["errors"])
            if cal.count_errors() and not entry["errors"]:
                entry["errors"].append("count_errors() = %d" % cal.count_errors())
            entry["calendar_name"] = None
            p = cal.get_first_property(pkind("NAME")) if pkind("NAME") else None
            if p is not None:
                entry["calendar_name"] = p.get_value_as_string()
            entry["events"] = [read_event(ev) for ev in children(cal, "VEVENT")]
            entry["occurrences"] = expand(cal, req["from"], req["to"])
        except Exception as exc:  # a failure to read is reported, never hidden
            entry["errors"].append("%s: %s" % (type(exc).__name__, exc))
    json.dump(result, sys.stdout, ensure_ascii=False)


if __name__ == "__main__":
    main()
