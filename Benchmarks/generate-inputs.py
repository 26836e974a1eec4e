#!/usr/bin/env python3
"""Writes the benchmark inputs W2, W3 and W5: a network of 2,000 weekly classes in five zones.

    python3 Benchmarks/generate-inputs.py OUTDIR     writes OUTDIR/w2-network.json,
                                                     OUTDIR/w3-network-exceptions.json and
                                                     OUTDIR/w5-network-feeds.json
    python3 Benchmarks/generate-inputs.py --check    generates both in memory and compares
                                                     their SHA-256 with the ones below (exit 1
                                                     on a difference)

The files are computed, not stored: every field of class i (0-based) is a small function of i,
so the same script always writes the same bytes (Python 3 standard library only; the output is
ASCII, so neither the locale nor the Python version changes it). The published figures in the
README were measured on exactly these bytes:

    w2-network.json              817,431 bytes
        sha256 dd71cc2cf2ec64e6de322e56a9fe607cbd9c3eec3c577f9cb3e1605fcb07862e
    w3-network-exceptions.json 2,417,451 bytes
        sha256 e5238160e1bfad58fc37cf4fbc7a331286e2b687cec911987a93cf617f46f6a6

    w5-network-feeds.json      see EXPECTED_SHA256

Change the rules below only together with the figures they produced (and the hashes here).

W2: the classes, each on one weekday, with its own zone, title, location, description and URL.
W3: the same classes and 20,000 class-specific cancellations ("Closed"), ten per class, ten
weeks apart.
W5: the W2 classes, each with an instructor (one of 50 coaches) and three tags (its kind, its
level and one of nine regions: 20 tags), and 70 feeds: one per coach and one per tag (issue #15:
all feeds together against the combined feed alone).
"""

import datetime
import hashlib
import json
import os
import sys

#: SHA-256 of each file, the drift check of `--check`.
EXPECTED_SHA256 = {
    "w2-network.json": "dd71cc2cf2ec64e6de322e56a9fe607cbd9c3eec3c577f9cb3e1605fcb07862e",
    "w3-network-exceptions.json": "e5238160e1bfad58fc37cf4fbc7a331286e2b687cec911987a93cf617f46f6a6",
    "w5-network-feeds.json": "a3a9a4a07102955a435ae5a548953363fddb0aa9f198cc7f836d67fc4a6241c5",
}

CLASS_COUNT = 2000
KINDS = ["Yoga", "Pilates", "Spin", "Boxing", "HIIT", "Barre", "Zumba", "Stretch"]
LEVELS = ["Beginners", "Intermediate", "Advanced"]
DAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
DURATIONS = [30, 45, 60, 75]
ZONES = ["Europe/London", "America/New_York", "Australia/Sydney", "Asia/Kolkata", "America/Sao_Paulo"]
#: Start times are 61 quarter-hour slots from 06:00 to 21:00; class i takes slot 37 * i mod 61,
#: which spreads neighbouring classes over the day (37 and 61 are coprime, so every slot is used).
FIRST_START_MINUTES = 6 * 60
START_SLOTS = 61
START_STRIDE = 37
STUDIOS_PER_SITE = 12
COACHES = 50
#: Cancellations: class i loses its occurrence in week (i mod 10) after the first one on or after
#: this date, and then every 10 weeks, ten times (all of them inside 2026-2027).
EXCEPTIONS_FROM = datetime.date(2026, 1, 1)
EXCEPTIONS_PER_CLASS = 10
EXCEPTION_EVERY_WEEKS = 10


def calendar():
    return {
        "id": "network",
        "name": "Studio network",
        "timezone": "Europe/London",
        "uidDomain": "example.com",
    }


def network_class(i):
    """Class i (0-based); its number in ids and texts is i + 1."""
    n = i + 1
    kind = KINDS[(i // 5) % len(KINDS)]
    level = LEVELS[(i // 3) % len(LEVELS)]
    start = FIRST_START_MINUTES + 15 * ((START_STRIDE * i) % START_SLOTS)
    return {
        "id": "cls%05d" % n,
        "title": "%s (%s) #%d" % (kind, level, n),
        "days": [DAYS[i % len(DAYS)]],
        "start": "%02d:%02d" % divmod(start, 60),
        "durationMinutes": DURATIONS[(i // len(DAYS)) % len(DURATIONS)],
        "timezone": ZONES[i % len(ZONES)],
        "location": "Studio %d, Site %d" % (i % STUDIOS_PER_SITE + 1, i // STUDIOS_PER_SITE + 1),
        "description": "%s class, %s level; bring a mat, water and a towel. Coach: Alex %d. "
        "Ref CLS-%05d. Please arrive 10 min early." % (kind, level.lower(), i % COACHES + 1, n),
        "url": "https://example.com/classes/%05d" % n,
    }


REGIONS = 9


def tagged_class(i):
    """Class i of W5: W2's, with an instructor and tags."""
    c = network_class(i)
    c["instructor"] = "Alex %d" % (i % COACHES + 1)
    c["tags"] = [
        KINDS[(i // 5) % len(KINDS)].lower(),
        LEVELS[(i // 3) % len(LEVELS)].lower(),
        "region-%d" % ((i // STUDIOS_PER_SITE) % REGIONS + 1),
    ]
    return c


def feeds():
    """W5's feeds: one per coach, then one per tag."""
    out = [{"id": "coach-%02d" % (k + 1), "name": "Classes with Alex %d" % (k + 1), "instructor": "Alex %d" % (k + 1)}
           for k in range(COACHES)]
    tags = [k.lower() for k in KINDS] + [lv.lower() for lv in LEVELS] + ["region-%d" % (r + 1) for r in range(REGIONS)]
    out += [{"id": "tag-" + t, "name": "Tag " + t, "tag": t} for t in tags]
    return out


def cancellations(i):
    """The cancellations of class i, in date order."""
    weekday = i % len(DAYS)  # date.weekday(): Monday is 0, like DAYS
    first = EXCEPTIONS_FROM + datetime.timedelta(days=(weekday - EXCEPTIONS_FROM.weekday()) % 7)
    first += datetime.timedelta(weeks=i % EXCEPTION_EVERY_WEEKS)
    return [
        {
            "date": (first + datetime.timedelta(weeks=k * EXCEPTION_EVERY_WEEKS)).isoformat(),
            "class": "cls%05d" % (i + 1),
            "reason": "Closed",
        }
        for k in range(EXCEPTIONS_PER_CLASS)
    ]


def encode(document):
    # json.dumps' layout with a one-space indent (items end in "," with no trailing space,
    # keys in insertion order), then one newline. Every text here is ASCII; ensure_ascii would
    # escape anything else as \uXXXX, so the bytes never depend on an encoding.
    return (json.dumps(document, indent=1, ensure_ascii=True) + "\n").encode("ascii")


def inputs():
    """The file names and their bytes, in a fixed order."""
    classes = [network_class(i) for i in range(CLASS_COUNT)]
    w2 = {"calendar": calendar(), "classes": classes}
    w3 = {
        "calendar": calendar(),
        "classes": classes,
        "exceptions": [e for i in range(CLASS_COUNT) for e in cancellations(i)],
    }
    w5 = {"calendar": calendar(), "classes": [tagged_class(i) for i in range(CLASS_COUNT)], "feeds": feeds()}
    return [("w2-network.json", encode(w2)), ("w3-network-exceptions.json", encode(w3)), ("w5-network-feeds.json", encode(w5))]


def write(outdir):
    os.makedirs(outdir, exist_ok=True)
    for name, data in inputs():
        path = os.path.join(outdir, name)
        try:
            with open(path, "rb") as f:
                if f.read() == data:
                    continue  # unchanged: keep the file (and its mtime)
        except FileNotFoundError:
            pass
        tmp = path + ".tmp"
        with open(tmp, "wb") as f:
            f.write(data)
        os.replace(tmp, path)


def check():
    ok = True
    for name, data in inputs():
        digest = hashlib.sha256(data).hexdigest()
        expected = EXPECTED_SHA256[name]
        if digest == expected:
            print("%s: ok (%d bytes, sha256 %s)" % (name, len(data), digest))
        else:
            print("%s: DRIFT: sha256 %s (%d bytes), expected %s" % (name, digest, len(data), expected))
            ok = False
    return ok


def main(argv):
    if len(argv) == 2 and argv[1] == "--check":
        return 0 if check() else 1
    if len(argv) == 2 and not argv[1].startswith("-"):
        write(argv[1])
        return 0
    sys.stderr.write("usage: python3 Benchmarks/generate-inputs.py OUTDIR | --check\n")
    return 64


if __name__ == "__main__":
    sys.exit(main(sys.argv))
