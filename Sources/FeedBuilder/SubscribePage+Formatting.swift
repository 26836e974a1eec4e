import CivilTime
import Timetable

/// Dates, times, durations and the time zone as the page writes them, in the schedule's
/// language (``PageWords``; English: "Thu 24 Dec 2026",
/// "17:15", "1 hour 15 min"), each date or time inside a `<time>` element with its
/// machine-readable value (HTML Living Standard §4.5.14).
extension SubscribePage {
    /// `<time datetime="2026-12-24">Thu 24 Dec 2026</time>`.
    static func dateElement(_ h: inout HTMLWriter, _ d: LocalDate) {
        h.raw("<time datetime=\"")
        h.isoDate(d)
        h.raw("\">")
        h.humanDate(d)
        h.raw("</time>")
    }

    /// `<time datetime="17:15">17:15</time>`.
    static func timeElement(_ h: inout HTMLWriter, _ t: LocalTime) {
        h.raw("<time datetime=\"")
        h.time(t)
        h.raw("\">")
        h.time(t)
        h.raw("</time>")
    }

    /// `<time datetime="2026-12-24T19:00">Thu 24 Dec 2026, 19:00</time>`.
    static func dateTimeElement(_ h: inout HTMLWriter, _ l: LocalDateTime) {
        h.raw("<time datetime=\"")
        h.isoDateTime(l)
        h.raw("\">")
        h.phrase(h.words?.dateAndTime ?? PageWords.Compiled("{date}, {time}")) { name, h in
            switch name {
            case "date": h.humanDate(l.date)
            case "time": h.time(l.time)
            default: return false
            }
            return true
        }
        h.raw("</time>")
    }

    /// "30 min", "1 hour", "1 hour 15 min", "2 hours", in the page's language.
    static func duration(_ h: inout HTMLWriter, _ minutes: Int) { h.duration(minutes: minutes) }

    /// "UTC+01:00", "UTC-03:30".
    static func utcOffset(_ seconds: Int) -> String {
        let sign = seconds < 0 ? "-" : "+"
        let m = abs(seconds) / 60
        let hh = m / 60, mm = m % 60
        return "UTC" + sign + (hh < 10 ? "0" : "") + "\(hh):" + (mm < 10 ? "0" : "") + "\(mm)"
    }

    /// A zone's abbreviation when the tz database has a name for it ("BST"), nil when it has
    /// only a number ("+0530", "-03").
    static func plainAbbreviation(_ o: ZoneOffset) -> String? {
        let a = o.abbreviation
        return !a.isEmpty && a.utf8.allSatisfy({ ($0 >= 0x41 && $0 <= 0x5A) || ($0 >= 0x61 && $0 <= 0x7A) }) ? a : nil
    }

    /// "Times are UK time (GMT, or BST in summer)." (``PageWords/zoneSentence(zone:standard:summer:hasSummerTime:)``):
    /// the zone in words members know, with its abbreviations in the coming year. Summer time
    /// is the larger of the year's offsets, not the tz database's daylight flag: Europe/Dublin's
    /// "daylight" time is its winter GMT.
    func zoneSentence() -> String {
        let zone = schedule.calendar.timeZone
        guard let rules = schedule.zones[zone] else {
            return words.zoneSentence(zone: zone, standard: nil, summer: nil, hasSummerTime: false)
        }
        let start = rules.instant(for: LocalDateTime(date: today, time: LocalTime(secondsOfDay: 0)))
        var offsets = [rules.offset(at: start)]
        for t in rules.transitions(from: start, to: start + 366 * 86400) where !offsets.contains(t.after) {
            offsets.append(t.after)
        }
        let seconds = Set(offsets.map(\.seconds))
        let standard = offsets.filter { $0.seconds == seconds.min() }.first.flatMap(Self.plainAbbreviation)
        let summer = offsets.filter { $0.seconds == seconds.max() }.first.flatMap(Self.plainAbbreviation)
        return words.zoneSentence(zone: zone, standard: standard, summer: summer, hasSummerTime: seconds.count > 1)
    }

    /// "Fri 27 Nov 2026 at 09:00 GMT" in the calendar's zone.
    func dateTimeText(_ instant: Int64) -> String {
        guard let rules = schedule.zones[schedule.calendar.timeZone] else {
            let l = LocalDateTime(localSeconds: instant)
            return builder.wording(.dateTimeAt, ("date", builder.wording.date(l.date)), ("time", l.time.description), ("zone", "UTC"))
        }
        let l = rules.localDateTime(at: instant)
        let o = rules.offset(at: instant)
        let abbr = o.abbreviation.isEmpty || o.abbreviation.hasPrefix("+") || o.abbreviation.hasPrefix("-")
            ? Self.utcOffset(o.seconds) : o.abbreviation
        return builder.wording(
            .dateTimeAt, ("date", builder.wording.date(l.date)), ("time", String(l.time.description.prefix(5))), ("zone", abbr))
    }

    /// "2026-11-27T09:00:00Z", a valid global date and time string.
    static func isoUTC(_ instant: Int64) -> String {
        let l = LocalDateTime(localSeconds: instant)
        let t = l.time
        func two(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
        return "\(l.date)T" + two(t.hour) + ":" + two(t.minute) + ":" + two(t.second) + "Z"
    }
}
