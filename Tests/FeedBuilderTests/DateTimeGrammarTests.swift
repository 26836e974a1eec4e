import Foundation
import Testing

@testable import FeedBuilder
import ICalendar
import Timetable

/// Every DATE, DATE-TIME, UTC offset and duration ClassFeed writes matches RFC 5545's grammar,
/// for any schedule, window and clock the command line accepts (schedule dates and `--from`/
/// `--to` in 1900-2199, `--now` and `SOURCE_DATE_EPOCH` in 1970-2199, a default window up to 30
/// weeks past now). An unbounded `--now 9999-12-31T23:59:59Z` once wrote a nine-digit year.
@Suite struct DateTimeGrammarTests {
    // MARK: The grammar (RFC 5545 §3.3.4, §3.3.5, §3.3.6, §3.3.10, §3.3.14)

    /// `date = date-fullyear date-month date-mday` (4DIGIT 2DIGIT 2DIGIT), a real calendar date.
    static func isDate(_ s: Substring) -> Bool {
        let u = Array(s.utf8)
        guard u.count == 8, u.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return false }
        let n = u.map { Int($0) - 48 }
        let year = n[0] * 1000 + n[1] * 100 + n[2] * 10 + n[3]
        let month = n[4] * 10 + n[5]
        let day = n[6] * 10 + n[7]
        return (1...12).contains(month) && day >= 1 && day <= LocalDate.daysIn(month: month, year: year)
    }

    /// `time = time-hour time-minute time-second [time-utc]`: 00-23, 00-59, 00-60 (leap second).
    static func isTime(_ s: Substring, utc: Bool?) -> Bool {
        var s = s
        let hasZ = s.last == "Z"
        if hasZ { s = s.dropLast() }
        if let utc, utc != hasZ { return false }
        let u = Array(s.utf8)
        guard u.count == 6, u.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return false }
        let n = u.map { Int($0) - 48 }
        return n[0] * 10 + n[1] <= 23 && n[2] * 10 + n[3] <= 59 && n[4] * 10 + n[5] <= 60
    }

    /// `date-time = date "T" time`; `utc` true: must end in Z, false: must not, nil: either.
    static func isDateTime(_ s: Substring, utc: Bool?) -> Bool {
        guard let t = s.firstIndex(of: "T") else { return false }
        return isDate(s[..<t]) && isTime(s[s.index(after: t)...], utc: utc)
    }

    /// `utc-offset = time-numzone = ("+" / "-") time-hour time-minute [time-second]`; "-0000" and
    /// "-000000" are not allowed.
    static func isUTCOffset(_ s: Substring) -> Bool {
        guard let sign = s.first, sign == "+" || sign == "-" else { return false }
        let u = Array(s.dropFirst().utf8)
        guard u.count == 4 || u.count == 6, u.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return false }
        let n = u.map { Int($0) - 48 }
        guard n[0] * 10 + n[1] <= 23, n[2] * 10 + n[3] <= 59, u.count == 4 || n[4] * 10 + n[5] <= 59 else { return false }
        return !(sign == "-" && n.allSatisfy { $0 == 0 })
    }

    /// `dur-value` (§3.3.6).
    static func isDuration(_ s: Substring) -> Bool {
        s.wholeMatch(of: #/[+-]?P(([0-9]+W)|([0-9]+D)?(T(([0-9]+H)([0-9]+M)?([0-9]+S)?|([0-9]+M)([0-9]+S)?|([0-9]+S)))?)/#) != nil
            && s != "P" && !s.hasSuffix("T")
    }

    struct Line {
        var name: Substring
        var parameters: [(Substring, Substring)]
        var value: Substring
        func parameter(_ n: String) -> Substring? { parameters.first { $0.0 == n }?.1 }
    }

    /// Unfolded content lines (CRLF + one space continues a line).
    static func lines(_ bytes: [UInt8]) -> [Line] {
        let text = String(decoding: bytes, as: UTF8.self).replacingOccurrences(of: "\r\n ", with: "")
        return text.split(separator: "\r\n").map { raw in
            // Our parameters are never quoted with ':' inside (TZID and VALUE only).
            let colon = raw.firstIndex(of: ":") ?? raw.endIndex
            let head = raw[..<colon].split(separator: ";")
            let value = colon < raw.endIndex ? raw[raw.index(after: colon)...] : ""
            let params = head.dropFirst().map { p -> (Substring, Substring) in
                let eq = p.firstIndex(of: "=") ?? p.endIndex
                return (p[..<eq], eq < p.endIndex ? p[p.index(after: eq)...] : "")
            }
            return Line(name: head.first ?? "", parameters: params, value: value)
        }
    }

    /// Every grammar problem in a feed, as "line: what".
    static func problems(_ bytes: [UInt8]) -> [String] {
        var out: [String] = []
        var startIsZoned = false
        var checked = 0
        for (n, l) in lines(bytes).enumerated() {
            func bad(_ what: String) { out.append("line \(n + 1) \(l.name): \(what) in '\(l.value)'") }
            switch l.name {
            case "BEGIN": startIsZoned = false
            case "DTSTART", "DTEND", "RECURRENCE-ID", "EXDATE", "RDATE", "DTSTAMP", "LAST-MODIFIED", "CREATED":
                checked += 1
                let zoned = l.parameter("TZID") != nil
                if l.name == "DTSTART" { startIsZoned = zoned }
                let mustBeUTC: Bool? = ["DTSTAMP", "LAST-MODIFIED", "CREATED"].contains(l.name) ? true : (zoned ? false : nil)
                for v in l.value.split(separator: ",", omittingEmptySubsequences: false) {
                    switch l.parameter("VALUE") {
                    case "DATE"?: if !isDate(v) { bad("not a DATE") }
                    case nil, "DATE-TIME"?: if !isDateTime(v, utc: mustBeUTC) { bad("not a DATE-TIME\(mustBeUTC == true ? " in UTC" : mustBeUTC == false ? " without Z (it has a TZID)" : "")") }
                    case let other?: bad("unexpected VALUE=\(other)")
                    }
                }
            case "RRULE":
                checked += 1
                for part in l.value.split(separator: ";") where part.hasPrefix("UNTIL=") {
                    let v = part.dropFirst(6)
                    // §3.3.10: UNTIL is UTC when DTSTART has a TZID (VTIMEZONE rules: always UTC).
                    if !(isDate(v) || isDateTime(v, utc: startIsZoned ? true : nil)) { bad("UNTIL is not a DATE or a DATE-TIME") }
                    if startIsZoned && !v.hasSuffix("Z") { bad("UNTIL must be UTC with a zoned DTSTART") }
                }
            case "TZOFFSETFROM", "TZOFFSETTO":
                checked += 1
                if !isUTCOffset(l.value) { bad("not a UTC offset") }
            case "DURATION", "REFRESH-INTERVAL", "X-PUBLISHED-TTL":
                checked += 1
                if !isDuration(l.value) { bad("not a DURATION") }
            default: break
            }
        }
        if checked == 0 { out.append("no date-time in the feed") }
        return out
    }

    @Test("the grammar checker itself: what the issue saw is refused, the RFC's examples pass")
    func checkerRefusesTheReportedValues() {
        #expect(!Self.isDateTime("100000622T190000", utc: false))
        #expect(!Self.isDateTime("-00011129T171500", utc: false))
        #expect(!Self.isDateTime("20270229T100000", utc: nil))
        #expect(!Self.isDateTime("20261224T240000", utc: nil))
        #expect(!Self.isDateTime("20261224T100000", utc: true))
        #expect(Self.isDateTime("19970714T045015Z", utc: true))
        #expect(Self.isDateTime("20240229T235960", utc: false))
        #expect(Self.isDate("19000101") && Self.isDate("00000101") && !Self.isDate("20261301"))
        #expect(Self.isUTCOffset("-0500") && Self.isUTCOffset("+055328") && !Self.isUTCOffset("-0000") && !Self.isUTCOffset("+2400"))
        #expect(Self.isDuration("PT60M") && Self.isDuration("PT1H") && Self.isDuration("P15DT5H0M20S") && Self.isDuration("P7W"))
        #expect(!Self.isDuration("PT") && !Self.isDuration("P1H") && !Self.isDuration("PT1M1H"))
        let bad = Array("BEGIN:VEVENT\r\nDTSTART;TZID=Europe/London:100000622T190000\r\nEND:VEVENT\r\n".utf8)
        #expect(Self.problems(bad).count == 1)
    }

    // MARK: Random schedules within the accepted bounds

    static let zones = [
        "Europe/London", "America/Santiago", "Africa/Casablanca", "Pacific/Chatham", "Asia/Kolkata",
        "Africa/Monrovia", "Europe/Amsterdam", "Pacific/Kiritimati", "Pacific/Pago_Pago", "America/St_Johns",
        "Australia/Lord_Howe", "America/Nuuk", "UTC",
    ]
    static let firstDay = LocalDate(dayNumber: LocalDate.dayNumber(year: LocalDate.supportedYears.lowerBound, month: 1, day: 1))
    static let lastDay = LocalDate.distantFuture
    /// What `--now` and SOURCE_DATE_EPOCH accept (the classfeed executable's `Clock`).
    static let stamps: Range<Int64> = 0..<(Int64(lastDay.dayNumber) + 1) * 86400

    /// A day in `lo...hi`, a third of the time within 400 days of either end.
    static func day(_ lo: LocalDate, _ hi: LocalDate, _ g: inout SeededGenerator) -> LocalDate {
        let span = hi.dayNumber - lo.dayNumber
        switch Int.random(in: 0..<3, using: &g) {
        case 0: return lo.adding(days: Int.random(in: 0...min(400, span), using: &g))
        case 1: return hi.adding(days: -Int.random(in: 0...min(400, span), using: &g))
        default: return lo.adding(days: Int.random(in: 0...span, using: &g))
        }
    }

    struct Case {
        var json: String
        var from: LocalDate
        var to: LocalDate
        var stamp: Int64
    }

    static func randomCase(seed: UInt64) -> Case {
        var g = SeededGenerator(state: seed)
        let stamp: Int64
        switch Int.random(in: 0..<3, using: &g) {
        case 0: stamp = Int64.random(in: 0..<(400 * 86400), using: &g)
        case 1: stamp = stamps.upperBound - 1 - Int64.random(in: 0..<(400 * 86400), using: &g)
        default: stamp = Int64.random(in: stamps, using: &g)
        }
        // The window: --from/--to anywhere in the supported years, or the default around now
        // (from the Monday four weeks back, 30 weeks long), which can end in 2200.
        var from: LocalDate
        var to: LocalDate
        if Bool.random(using: &g) {
            from = day(firstDay, lastDay, &g)
            to = min(lastDay, from.adding(days: Int.random(in: 0...300, using: &g)))
        } else {
            let today = LocalDateTime(localSeconds: stamp).date
            from = today.adding(days: -(today.weekday.rawValue - 1) - 28)
            to = from.adding(days: 7 * 30 - 1)
        }
        let zone = zones[Int.random(in: 0..<zones.count, using: &g)]
        let times = ["00:00", "00:30", "01:30", "02:30", "12:00", "23:00", "23:30", "23:59"]
        var classes: [String] = []
        var exceptions: [String] = []
        for c in 0..<Int.random(in: 1...3, using: &g) {
            let start = times[Int.random(in: 0..<times.count, using: &g)]
            var fields = [#""id": "c\#(c)""#, #""title": "C\#(c)""#, #""start": "\#(start)""#,
                          #""durationMinutes": \#(Int.random(in: 1...1440, using: &g))"#]
            if Int.random(in: 0..<4, using: &g) == 0 {
                // One-off dates near the window or the bounds of the supported years.
                let dates = Set((0..<Int.random(in: 1...3, using: &g)).map { _ in
                    Bool.random(using: &g) ? day(max(firstDay, from.adding(days: -10)), min(lastDay, to.adding(days: 10)), &g) : day(firstDay, lastDay, &g)
                })
                fields.append(#""dates": ["# + dates.sorted().map { "\"\($0)\"" }.joined(separator: ", ") + "]")
            } else {
                let days = Set((0..<Int.random(in: 1...3, using: &g)).map { _ in Weekday.allCases.randomElement(using: &g) ?? .monday })
                fields.append(#""days": ["# + days.sorted().map { "\"\($0.name)\"" }.joined(separator: ", ") + "]")
                let lo = max(firstDay, min(lastDay, from.adding(days: -20)))
                var classFrom: LocalDate?
                if Bool.random(using: &g) {
                    classFrom = day(lo, min(lastDay, max(lo, to)), &g)
                    fields.append(#""from": "\#(classFrom!)""#)
                }
                var classUntil: LocalDate?
                if Bool.random(using: &g) {
                    let base = classFrom ?? lo
                    let until = Bool.random(using: &g) ? lastDay : min(lastDay, base.adding(days: Int.random(in: 0...400, using: &g)))
                    classUntil = until
                    fields.append(#""until": "\#(until)""#)
                }
                // A closure and a move of a date the class runs (a cancellation is valid anywhere).
                let closure = day(max(firstDay, min(lastDay, from.adding(days: -5))), min(lastDay, max(from, to).adding(days: 5)), &g)
                exceptions.append(#"{"from": "\#(closure)", "to": "\#(min(lastDay, closure.adding(days: Int.random(in: 0...10, using: &g))))", "class": "c\#(c)", "reason": "Closed"}"#)
                var moved = day(max(firstDay, min(lastDay, from)), min(lastDay, max(from, to)), &g)
                var tries = 0
                while !days.contains(moved.weekday) && tries < 7 { moved = moved.adding(days: 1); tries += 1 }
                if moved <= lastDay, classFrom.map({ moved >= $0 }) ?? true, classUntil.map({ moved <= $0 }) ?? true, moved < closure || moved > closure.adding(days: 10) {
                    let target = min(lastDay, max(firstDay, moved.adding(days: Int.random(in: -3...3, using: &g))))
                    exceptions.append(#"{"date": "\#(moved)", "class": "c\#(c)", "moveTo": {"date": "\#(target)", "start": "\#(times[Int.random(in: 0..<times.count, using: &g)])"}}"#)
                }
            }
            classes.append("{" + fields.joined(separator: ", ") + "}")
        }
        let policy = Bool.random(using: &g) ? "show" : "remove"
        let json = """
            {"calendar": {"id": "g", "name": "G", "timezone": "\(zone)", "uidDomain": "g.example", "cancellations": "\(policy)"},
             "classes": [\(classes.joined(separator: ",\n"))],
             "exceptions": [\(exceptions.joined(separator: ",\n"))]}
            """
        return Case(json: json, from: from, to: to, stamp: stamp)
    }

    @Test("every date-time written matches RFC 5545's grammar, in both styles (seeded)", arguments: 0..<60)
    func everyDateTimeMatchesTheGrammar(seed: Int) throws {
        let c = Self.randomCase(seed: UInt64(seed) &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407)
        let schedule = try Support.schedule(c.json)
        for style in [FeedStyle.occurrences, .series] {
            // With a previous build's revisions as well: carried-over stamps are written too.
            var options = FeedOptions(from: c.from, to: c.to, stamp: c.stamp, style: style)
            let first = FeedBuilder(schedule: schedule, options: options).allFeeds()
            try options.history.add(feed: first[0].bytes)
            options.stamp = Self.stamps.upperBound - 1 - c.stamp
            let second = FeedBuilder(schedule: schedule, options: options).allFeeds()
            for file in first + second {
                let problems = Self.problems(file.bytes)
                #expect(problems.isEmpty, "seed \(seed), \(style), \(file.name), window \(c.from)...\(c.to), stamp \(c.stamp):\n\(problems.prefix(5).joined(separator: "\n"))\n\(c.json)")
            }
        }
    }
}
