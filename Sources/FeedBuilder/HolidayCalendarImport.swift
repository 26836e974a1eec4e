import ICalendar
import Timetable

/// Reads a public-holiday calendar (an iCalendar file such as a government or Google holiday
/// feed saved to disk) as closures: every all-day event cancels every class on each day it
/// covers, with its SUMMARY as the reason. Pure: the executable reads the bytes.
///
/// What counts (RFC 5545 §3.6.1, §3.8.2):
/// - `DTSTART;VALUE=DATE:20261225` starts an all-day event. "For cases where a VEVENT calendar
///   component specifies a DTSTART property with a DATE value type but no DTEND nor DURATION
///   property, the event's duration is taken to be one day."
/// - `DTEND;VALUE=DATE` is exclusive: `DTSTART:20261224` `DTEND:20261227` closes 24, 25 and 26.
///   `DURATION:P3D` (or `P1W`) says the same.
/// - An event that starts at a time (`DTSTART;TZID=...:20261224T120000`, UTC or floating) is
///   not a day off: it is ignored with a warning naming the file and line.
/// - `STATUS:CANCELLED` events close nothing. Repeating events (RRULE/RDATE) are not expanded:
///   only their first date counts, with a warning.
package enum HolidayCalendarImport {
    /// The largest holiday file read (a national feed covering a decade is about 50 KB).
    package static let maxBytes = 2 << 20
    /// The most events in one file.
    package static let maxEvents = 10_000
    /// Events longer than this many days are reported (a DTEND one year too late is a typo).
    package static let longEventDays = 31
    /// The reason used when an event has no SUMMARY.
    package static let defaultReason = ScheduleException.defaultHolidayReason

    package struct Result: Sendable {
        /// One cancellation of every class per all-day event, in file order.
        package var closures: [ScheduleException]
        package var warnings: [Diagnostic]
    }

    /// - Parameter file: how messages name the file (the path as resolved from the schedule's folder).
    package static func closures(from bytes: [UInt8], file: String) throws(ScheduleError) -> Result {
        var diagnostics: [Diagnostic] = []
        func report(_ severity: Diagnostic.Severity, _ line: Int, _ message: String, hint: String? = nil) {
            diagnostics.append(Diagnostic(severity, file: file, location: .at(line: max(line, 1), column: 1), path: "",
                                          message: message, hint: hint))
        }
        let htmlHint = "is this the calendar (.ics) itself? a saved web page or an error page is not; download the file the page links to"
        guard bytes.contains(where: { $0 != 0x20 && $0 != 0x0A && $0 != 0x0D && $0 != 0x09 }) else {
            report(.error, 1, "the file is empty; expected an iCalendar file starting with BEGIN:VCALENDAR")
            throw ScheduleError(diagnostics)
        }
        let components: [Component]
        do {
            components = try ICalendarReader(maxBytes: maxBytes).parse(bytes)
        } catch {
            let looksLikeHTML = bytes.first(where: { $0 != 0x20 && $0 != 0x0A && $0 != 0x0D && $0 != 0xEF && $0 != 0xBB && $0 != 0xBF }) == UInt8(ascii: "<")
            report(.error, error.line, error.message, hint: looksLikeHTML ? htmlHint : "check the file is an iCalendar (.ics) file")
            throw ScheduleError(diagnostics)
        }
        let calendars = components.filter { $0.name == "VCALENDAR" }
        guard !calendars.isEmpty else {
            report(.error, components.first?.line ?? 1,
                   "not an iCalendar file: expected BEGIN:VCALENDAR, found BEGIN:\(components.first?.name ?? "")", hint: htmlHint)
            throw ScheduleError(diagnostics)
        }
        var closures: [ScheduleException] = []
        let events = calendars.flatMap { $0.components(named: "VEVENT") }
        guard events.count <= maxEvents else {
            report(.error, 1, "\(events.count) events; the limit is \(maxEvents)", hint: "is this really a holiday calendar?")
            throw ScheduleError(diagnostics)
        }
        for event in events {
            let name = summary(of: event)
            if event.property("STATUS")?.value.uppercased() == "CANCELLED" { continue }
            guard let start = event.property("DTSTART") else {
                report(.error, event.line, "the event \"\(name)\" has no DTSTART, so its date is unknown",
                       hint: "an all-day event needs DTSTART;VALUE=DATE:YYYYMMDD")
                continue
            }
            guard isDate(start) else {
                if start.value.contains("T") || start.value.contains("t") {
                    let zone = start.parameter("TZID").map { ";TZID=\($0.value)" } ?? (start.value.hasSuffix("Z") ? " in UTC" : "")
                    report(.warning, start.line,
                           "the event \"\(name)\" starts at a time (DTSTART\(zone):\(start.value)), not on a whole day; only all-day events close the studio, so it is ignored",
                           hint: "an all-day event is written DTSTART;VALUE=DATE:YYYYMMDD")
                } else {
                    report(.error, start.line, "DTSTART of \"\(name)\": expected a date YYYYMMDD (VALUE=DATE), found \"\(start.value)\"")
                }
                continue
            }
            guard let first = date(start.value) else {
                report(.error, start.line, "DTSTART of \"\(name)\": expected a date YYYYMMDD between \(LocalDate.supportedYears.lowerBound) and \(LocalDate.supportedYears.upperBound), found \"\(start.value)\"")
                continue
            }
            var days = 1
            let end = event.property("DTEND")
            let duration = event.property("DURATION")
            if end != nil && duration != nil {
                report(.error, (duration ?? end)?.line ?? event.line, "the event \"\(name)\" has both DTEND and DURATION; RFC 5545 allows one of them")
                continue
            }
            if let end {
                guard isDate(end), let last = date(end.value) else {
                    report(.error, end.line, "DTEND of the all-day event \"\(name)\": expected a date YYYYMMDD (VALUE=DATE) like its DTSTART, found \"\(end.value)\"")
                    continue
                }
                guard last >= first else {
                    report(.error, end.line, "DTEND (\(last)) of \"\(name)\" is before its DTSTART (\(first))")
                    continue
                }
                days = max(1, last.dayNumber - first.dayNumber)  // DTEND is exclusive; DTEND = DTSTART means one day
            } else if let duration {
                guard let d = wholeDays(duration.value) else {
                    report(.error, duration.line, "DURATION of the all-day event \"\(name)\": expected whole days or weeks such as P1D or P1W, found \"\(duration.value)\"")
                    continue
                }
                days = d
            }
            guard days <= ScheduleLimits.windowDays else {
                report(.error, (end ?? duration)?.line ?? event.line, "the event \"\(name)\" lasts \(days) days; the limit is \(ScheduleLimits.windowDays)")
                continue
            }
            let last = first.adding(days: days - 1)
            if days > longEventDays {
                report(.warning, (end ?? duration)?.line ?? event.line,
                       "the event \"\(name)\" closes the studio for \(days) days, \(first) to \(last)",
                       hint: "check it: DTEND is the day after the last day off")
            }
            if let rule = event.property("RRULE") ?? event.property("RDATE") {
                report(.warning, rule.line,
                       "the event \"\(name)\" repeats (\(rule.name)), which holiday calendars do not support: only its first date, \(first), closes the studio",
                       hint: "use a calendar that lists each year's date, as government and Google holiday feeds do")
            }
            closures.append(ScheduleException(holiday: name, from: first, to: last, file: file, line: event.line))
        }
        if diagnostics.contains(where: { $0.severity == .error }) { throw ScheduleError(diagnostics) }
        return Result(closures: closures, warnings: diagnostics)
    }

    /// The event's SUMMARY, unescaped (§3.3.11), on one line, without control characters.
    private static func summary(of event: Component) -> String {
        guard let p = event.property("SUMMARY") else { return defaultReason }
        var out = ""
        for u in p.textValue.unicodeScalars {
            if u == "\n" || u == "\r" || u == "\t" {
                out += " "
            } else if u.value >= 0x20 && !(0x7F...0x9F).contains(u.value) {
                out.unicodeScalars.append(u)
            }
        }
        let trimmed = out.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
        if trimmed.isEmpty { return defaultReason }
        return trimmed.count > 200 ? String(trimmed.prefix(199)) + "…" : trimmed
    }

    /// A DATE value: `VALUE=DATE`, or eight digits with no VALUE (lenient: some files omit it).
    private static func isDate(_ p: Property) -> Bool {
        if let v = p.parameter("VALUE")?.value.uppercased() { return v == "DATE" }
        return p.value.utf8.count == 8 && p.value.utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
    }

    private static func date(_ value: String) -> LocalDate? {
        guard let d = LocalDate(basic: value), LocalDate.supportedYears.contains(d.year) else { return nil }
        return d
    }

    /// Days in a dur-value (§3.3.6) that is a whole number of days or weeks: `P1D`, `P2W`,
    /// `+P3D`, `P1DT0H0M0S`. Nil for negative, zero, or part-day durations.
    static func wholeDays(_ text: String) -> Int? {
        var s = Substring(text.uppercased())
        if s.first == "+" { s = s.dropFirst() }
        guard s.first == "P" else { return nil }
        s = s.dropFirst()
        var days = 0
        var number = ""
        var inTime = false
        var sawUnit = false
        for c in s {
            if c.isASCII && c.isNumber {
                number.append(c)
                continue
            }
            if c == "T" && number.isEmpty && !inTime {
                inTime = true
                continue
            }
            guard let n = Int(number), n <= 100_000 else { return nil }
            number = ""
            sawUnit = true
            switch (c, inTime) {
            case ("W", false): days += 7 * n
            case ("D", false): days += n
            case ("H", true), ("M", true), ("S", true): if n != 0 { return nil }
            default: return nil
            }
        }
        guard number.isEmpty, sawUnit, days >= 1 else { return nil }
        return days
    }
}
