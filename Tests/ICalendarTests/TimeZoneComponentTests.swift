import Testing

@testable import ICalendar

private func utc(_ y: Int, _ mo: Int, _ d: Int, _ h: Int = 0) -> Int64 {
    Int64(LocalDate.dayNumber(year: y, month: mo, day: d)) * 86400 + Int64(h * 3600)
}

/// Whole calendar years `first...last`, as a span of instants.
private func years(_ first: Int, _ last: Int) -> ClosedRange<Int64> { utc(first, 1, 1)...(utc(last + 1, 1, 1) - 1) }

private func vtimezone(_ zone: String, _ span: ClosedRange<Int64>) throws -> Component {
    TimeZoneComponent.make(try TimeZoneDatabase().rules(for: zone), covering: span)
}

private func lines(_ l: [String]) -> String { l.map { $0 + "\r\n" }.joined() }

/// An independent reading of a VTIMEZONE (RFC 5545 §3.6.5), for the forms the writer may use:
/// plain DTSTART blocks and `RRULE:FREQ=YEARLY;BYMONTH=m;BYDAY=nXX|-1XX[;UNTIL=...Z]`.
struct VTimeZoneEvaluator {
    struct Onset {
        var instant: Int64
        var offset: Int
        var name: String
    }

    private(set) var onsets: [Onset] = []
    private(set) var problems: [String] = []

    init(_ tz: Component, through lastYear: Int) {
        for block in tz.components {
            guard block.name == "STANDARD" || block.name == "DAYLIGHT" else {
                problems.append("unexpected \(block.name)")
                continue
            }
            guard let start = block.property("DTSTART").flatMap({ LocalDateTime(basic: $0.value) }),
                let from = block.property("TZOFFSETFROM").flatMap({ Self.offset($0.value) }),
                let to = block.property("TZOFFSETTO").flatMap({ Self.offset($0.value) })
            else {
                problems.append("\(block.name) lacks DTSTART, TZOFFSETFROM or TZOFFSETTO")
                continue
            }
            let name = block.property("TZNAME")?.textValue ?? ""
            guard let rrule = block.property("RRULE")?.value else {
                onsets.append(Onset(instant: start.localSeconds - Int64(from), offset: to, name: name))
                continue
            }
            guard let rule = Self.yearlyRule(rrule) ?? Self.windowRule(rrule) else {
                problems.append("RRULE not in the one-ordinal YEARLY form or the window form: \(rrule)")
                continue
            }
            var first = true
            years: for year in start.date.year...lastYear {
                for date in rule.dates(year: year) {
                    let local = LocalDateTime(date: date, time: start.time)
                    if local < start { continue }
                    if first && local != start { problems.append("\(block.name) DTSTART \(start) is not the RRULE's first instance \(local)") }
                    first = false
                    let instant = local.localSeconds - Int64(from)
                    if let until = rule.until, instant > until { break years }
                    onsets.append(Onset(instant: instant, offset: to, name: name))
                }
            }
        }
        onsets.sort { $0.instant < $1.instant }
    }

    /// The offset and name in force at an instant, or nil before the first onset.
    func at(_ t: Int64) -> Onset? {
        var lo = 0
        var hi = onsets.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if onsets[mid].instant <= t { lo = mid + 1 } else { hi = mid }
        }
        return lo == 0 ? nil : onsets[lo - 1]
    }

    static func offset(_ s: String) -> Int? {
        let u = Array(s.utf8)
        guard u.count == 5 || u.count == 7, u[0] == UInt8(ascii: "+") || u[0] == UInt8(ascii: "-") else { return nil }
        let digits = u.dropFirst().map { Int($0) - 48 }
        guard digits.allSatisfy({ (0...9).contains($0) }) else { return nil }
        var v = (digits[0] * 10 + digits[1]) * 3600 + (digits[2] * 10 + digits[3]) * 60
        if digits.count == 6 { v += digits[4] * 10 + digits[5] }
        return u[0] == UInt8(ascii: "-") ? -v : v
    }

    struct YearlyRule {
        var month: Int
        /// 1...4 or -1; 0 for a window rule (`monthDays` or `yearDays`).
        var ordinal: Int
        var weekday: Weekday
        var until: Int64?
        var monthDays: [Int]? = nil
        var yearDays: [Int]? = nil

        /// The rule's dates in a year: the nth weekday, or the weekday among the window's days.
        func dates(year: Int) -> [LocalDate] {
            if ordinal != 0 { return [VTimeZoneEvaluator.nthWeekday(year: year, month: month, ordinal: ordinal, weekday: weekday)] }
            var days: [LocalDate] = []
            if let monthDays {
                let dim = LocalDate.daysIn(month: month, year: year)
                for d in monthDays {
                    let day = d > 0 ? d : dim + 1 + d
                    if (1...dim).contains(day) { days.append(LocalDate(dayNumber: LocalDate.dayNumber(year: year, month: month, day: day))) }
                }
            }
            if let yearDays {
                let jan1 = LocalDate.dayNumber(year: year, month: 1, day: 1)
                let length = LocalDate.isLeap(year) ? 366 : 365
                for d in yearDays {
                    let i = d > 0 ? d - 1 : length + d
                    if (0..<length).contains(i) { days.append(LocalDate(dayNumber: jan1 + i)) }
                }
            }
            return days.filter { $0.weekday == weekday }.sorted()
        }
    }

    /// The window form written for a footer change on another day than its `Mm.w.d` date:
    /// `FREQ=YEARLY;BYMONTH=m;BYDAY=XX;BYMONTHDAY=...` or `FREQ=YEARLY;BYDAY=XX;BYYEARDAY=...`,
    /// seven consecutive days, optionally with UNTIL.
    static func windowRule(_ text: String) -> YearlyRule? {
        var parts: [String: String] = [:]
        for p in text.split(separator: ";") {
            let kv = p.split(separator: "=", maxSplits: 1)
            guard kv.count == 2, parts[String(kv[0])] == nil else { return nil }
            parts[String(kv[0])] = String(kv[1])
        }
        guard parts["FREQ"] == "YEARLY", let byday = parts["BYDAY"], let weekday = Weekday(icalendarCode: byday),
            Set(parts.keys).isSubset(of: ["FREQ", "BYMONTH", "BYDAY", "BYMONTHDAY", "BYYEARDAY", "UNTIL"])
        else { return nil }
        var until: Int64?
        if let u = parts["UNTIL"] {
            guard u.hasSuffix("Z"), let l = LocalDateTime(basic: u.dropLast()) else { return nil }
            until = l.localSeconds
        }
        func list(_ s: String?) -> [Int]? { s.map { $0.split(separator: ",").compactMap { Int($0) } } }
        if let m = parts["BYMONTH"].flatMap({ Int($0) }), let days = list(parts["BYMONTHDAY"]), days.count == 7, parts["BYYEARDAY"] == nil {
            return YearlyRule(month: m, ordinal: 0, weekday: weekday, until: until, monthDays: days)
        }
        if parts["BYMONTH"] == nil, parts["BYMONTHDAY"] == nil, let days = list(parts["BYYEARDAY"]), days.count == 7 {
            return YearlyRule(month: 0, ordinal: 0, weekday: weekday, until: until, yearDays: days)
        }
        return nil
    }

    static func yearlyRule(_ text: String) -> YearlyRule? {
        var parts: [String: String] = [:]
        for p in text.split(separator: ";") {
            let kv = p.split(separator: "=", maxSplits: 1)
            guard kv.count == 2, parts[String(kv[0])] == nil else { return nil }
            parts[String(kv[0])] = String(kv[1])
        }
        guard parts["FREQ"] == "YEARLY", let m = parts["BYMONTH"].flatMap({ Int($0) }), (1...12).contains(m),
            let byday = parts["BYDAY"], byday.count >= 3,
            let weekday = Weekday(icalendarCode: String(byday.suffix(2))),
            let n = Int(byday.dropLast(2)), n == -1 || (1...4).contains(n),
            Set(parts.keys).isSubset(of: ["FREQ", "BYMONTH", "BYDAY", "UNTIL"])
        else { return nil }
        var until: Int64?
        if let u = parts["UNTIL"] {
            guard u.hasSuffix("Z"), let l = LocalDateTime(basic: u.dropLast()) else { return nil }
            until = l.localSeconds
        }
        return YearlyRule(month: m, ordinal: n, weekday: weekday, until: until)
    }

    static func nthWeekday(year: Int, month: Int, ordinal: Int, weekday: Weekday) -> LocalDate {
        if ordinal > 0 {
            let first = LocalDate(dayNumber: LocalDate.dayNumber(year: year, month: month, day: 1))
            let delta = (weekday.rawValue - first.weekday.rawValue + 7) % 7
            return first.adding(days: delta + 7 * (ordinal - 1))
        }
        let last = LocalDate(
            dayNumber: LocalDate.dayNumber(year: year, month: month, day: LocalDate.daysIn(month: month, year: year)))
        return last.adding(days: -((last.weekday.rawValue - weekday.rawValue + 7) % 7))
    }
}

/// Compares a VTIMEZONE with the zone's rules at the given instants; returns the mismatches.
private func compare(_ zone: ZoneRules, _ tz: Component, span: ClosedRange<Int64>, probes: [Int64]) -> [String] {
    let lastYear = LocalDateTime(localSeconds: span.upperBound).date.year + 1
    let eval = VTimeZoneEvaluator(tz, through: lastYear)
    var out = eval.problems
    for t in probes {
        let expected = zone.offset(at: t)
        guard let got = eval.at(t) else {
            out.append("\(LocalDateTime(localSeconds: t))Z: no observance in force")
            continue
        }
        if got.offset != expected.seconds || got.name != expected.abbreviation {
            out.append("\(LocalDateTime(localSeconds: t))Z: VTIMEZONE \(got.offset) \(got.name), zone \(expected.seconds) \(expected.abbreviation)")
        }
        if out.count > 10 { break }
    }
    return out
}

/// Every hour of the span, and the second either side of every transition in it.
private func hourlyProbes(_ zone: ZoneRules, _ span: ClosedRange<Int64>) -> [Int64] {
    var probes = Array(stride(from: span.lowerBound, through: span.upperBound, by: 3600))
    for t in zone.transitions(from: span.lowerBound, to: span.upperBound) { probes += [t.instant - 1, t.instant] }
    probes.append(span.upperBound)
    return probes
}

@Suite("TimeZoneComponent")
struct TimeZoneComponentTests {
    @Test("Europe/London 2026-2027: yearly last-Sunday rules with BST and GMT")
    func londonGolden() throws {
        let text = String(decoding: try vtimezone("Europe/London", years(2026, 2027)).serialized(), as: UTF8.self)
        #expect(
            text
                == lines([
                    "BEGIN:VTIMEZONE", "TZID:Europe/London",
                    "BEGIN:DAYLIGHT", "DTSTART:20250330T010000", "TZOFFSETFROM:+0000", "TZOFFSETTO:+0100",
                    "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU", "TZNAME:BST", "END:DAYLIGHT",
                    "BEGIN:STANDARD", "DTSTART:20251026T020000", "TZOFFSETFROM:+0100", "TZOFFSETTO:+0000",
                    "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU", "TZNAME:GMT", "END:STANDARD",
                    "END:VTIMEZONE",
                ]))
    }

    @Test("America/Sao_Paulo 2026-2027: one STANDARD block, -03, no RRULE (DST abolished in 2019)")
    func saoPauloGolden() throws {
        let text = String(decoding: try vtimezone("America/Sao_Paulo", years(2026, 2027)).serialized(), as: UTF8.self)
        #expect(
            text
                == lines([
                    "BEGIN:VTIMEZONE", "TZID:America/Sao_Paulo",
                    "BEGIN:STANDARD", "DTSTART:20190217T000000", "TZOFFSETFROM:-0200", "TZOFFSETTO:-0300",
                    "TZNAME:-03", "END:STANDARD",
                    "END:VTIMEZONE",
                ]))
    }

    @Test("Asia/Kolkata 2026-2027: a STANDARD block only")
    func kolkataGolden() throws {
        let text = String(decoding: try vtimezone("Asia/Kolkata", years(2026, 2027)).serialized(), as: UTF8.self)
        #expect(
            text
                == lines([
                    "BEGIN:VTIMEZONE", "TZID:Asia/Kolkata",
                    "BEGIN:STANDARD", "DTSTART:19451015T000000", "TZOFFSETFROM:+0630", "TZOFFSETTO:+0530",
                    "TZNAME:IST", "END:STANDARD",
                    "END:VTIMEZONE",
                ]))
    }

    @Test("America/New_York 2005-2008: the 2007 rule change closes the old rules with a UTC UNTIL")
    func newYorkRuleChange() throws {
        let tz = try vtimezone("America/New_York", years(2005, 2008))
        let rrules = tz.components.map { "\($0.name) \($0.property("DTSTART")?.value ?? "") \($0.property("RRULE")?.value ?? "-")" }
        #expect(rrules == [
            "DAYLIGHT 20040404T020000 FREQ=YEARLY;BYMONTH=4;BYDAY=1SU;UNTIL=20060402T070000Z",
            "STANDARD 20041031T020000 FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU;UNTIL=20061029T060000Z",
            "DAYLIGHT 20070311T020000 FREQ=YEARLY;BYMONTH=3;BYDAY=2SU",
            "STANDARD 20071104T020000 FREQ=YEARLY;BYMONTH=11;BYDAY=1SU",
        ])
    }

    static let zones = [
        "Europe/London", "America/New_York", "Australia/Sydney", "Australia/Lord_Howe", "Asia/Kolkata",
        "Pacific/Chatham", "America/Sao_Paulo",
    ]

    @Test("the VTIMEZONE gives the zone's offset and abbreviation at every hour of 2024-2028", arguments: zones)
    func semanticEveryHour(zone: String) throws {
        let rules = try TimeZoneDatabase().rules(for: zone)
        let span = years(2024, 2028)
        let tz = TimeZoneComponent.make(rules, covering: span)
        #expect(compare(rules, tz, span: span, probes: hourlyProbes(rules, span)) == [])
        // Read back from its own bytes, it says the same.
        let reread = try #require(try ICalendarReader().parse(tz.serialized()).first)
        #expect(compare(rules, reread, span: span, probes: hourlyProbes(rules, span)) == [])
    }

    @Test(
        "spans across rule changes are exact at every hour too",
        arguments: [
            ("America/Sao_Paulo", 2015, 2021), ("America/New_York", 2005, 2009), ("America/Nuuk", 2021, 2026),
            ("Pacific/Apia", 2010, 2022), ("Europe/London", 1968, 1973), ("Australia/Lord_Howe", 1979, 1987),
            ("Africa/Casablanca", 2018, 2021), ("America/Santiago", 2014, 2020), ("Asia/Tehran", 2020, 2024),
        ])
    func semanticRuleChanges(zone: String, first: Int, last: Int) throws {
        let rules = try TimeZoneDatabase().rules(for: zone)
        let span = years(first, last)
        let tz = TimeZoneComponent.make(rules, covering: span)
        #expect(compare(rules, tz, span: span, probes: hourlyProbes(rules, span)) == [])
    }

    @Test("seeded random spans from 1970 to 2060 are exact at their edges, transitions and sampled instants")
    func semanticRandomSpans() throws {
        var rng = WireTestRNG(seed: 0x7173_2026)
        var problems: [String] = []
        let zones = Self.zones + ["America/Nuuk", "Pacific/Apia", "Africa/Casablanca", "America/Santiago", "Europe/Dublin", "Asia/Gaza"]
        for zone in zones {
            let rules = try TimeZoneDatabase().rules(for: zone)
            for _ in 0..<40 {
                let start = utc(1970, 1, 1) + Int64(rng.next() % UInt64(utc(2060, 1, 1) - utc(1970, 1, 1)))
                let length = Int64(rng.next() % UInt64(12 * 366 * 86400)) + 1
                let span = start...(start + length)
                var probes = [span.lowerBound, span.upperBound]
                for t in rules.transitions(from: span.lowerBound, to: span.upperBound) { probes += [t.instant - 1, t.instant] }
                for _ in 0..<200 { probes.append(start + Int64(rng.next() % UInt64(length))) }
                let found = compare(rules, TimeZoneComponent.make(rules, covering: span), span: span, probes: probes)
                if !found.isEmpty {
                    problems.append("\(zone) \(LocalDateTime(localSeconds: span.lowerBound))Z...\(LocalDateTime(localSeconds: span.upperBound))Z: \(found.prefix(3))")
                }
            }
        }
        #expect(problems.isEmpty, "\(problems.prefix(5))")
    }

    @Test("every RRULE is the Outlook form: YEARLY, one BYMONTH, one ordinal BYDAY, UNTIL in UTC", arguments: zones)
    func outlookForm(zone: String) throws {
        let tz = try vtimezone(zone, years(2000, 2030))
        for block in tz.components {
            #expect(block.properties.map(\.name).prefix(3) == ["DTSTART", "TZOFFSETFROM", "TZOFFSETTO"])
            #expect(block.property("TZNAME") != nil)
            if let rrule = block.property("RRULE")?.value {
                #expect(VTimeZoneEvaluator.yearlyRule(rrule) != nil, "\(rrule)")
            }
            #expect(block.properties(named: "RDATE").isEmpty)
        }
        #expect(tz.property("TZID")?.value == zone)
    }

    @Test("a zone without daylight time still gets a STANDARD block")
    func noDaylightStillStandard() throws {
        for zone in ["Asia/Kolkata", "America/Sao_Paulo", "Etc/UTC", "Asia/Tokyo"] {
            let tz = try vtimezone(zone, years(2026, 2027))
            #expect(tz.components(named: "STANDARD").count == 1, "\(zone)")
            #expect(tz.components(named: "DAYLIGHT").isEmpty, "\(zone)")
        }
        let utcZone = try vtimezone("Etc/UTC", years(2026, 2027))
        #expect(utcZone.components.first?.property("TZOFFSETTO")?.value == "+0000")
        #expect(utcZone.components.first?.property("TZOFFSETFROM")?.value == "+0000")
    }

    @Test(
        "UTC offsets are written ±HHMM, with seconds only when needed, and never -0000",
        arguments: [(0, "+0000"), (3600, "+0100"), (-10800, "-0300"), (45900, "+1245"), (19800, "+0530"), (37800, "+1030"),
                    (-75, "-000115"), (-16_200, "-0430"), (50_400, "+1400"), (-1, "-000001")])
    func offsetStrings(seconds: Int, text: String) {
        #expect(TimeZoneComponent.offsetString(seconds) == text)
    }
}
