import Foundation
import Testing

@testable import ICalendar

/// Every zone of the system tz database, its VTIMEZONE expanded by the project's own RRULE
/// expander against the TZif data.
@Suite("VTIMEZONE for every system zone")
struct TimeZoneComponentAllZonesTests {
    private static func utc(_ y: Int) -> Int64 { Int64(LocalDate.dayNumber(year: y, month: 1, day: 1)) * 86400 }

    /// The zone names under the system zoneinfo directory: TZif files only, without the
    /// posix/ and right/ copies and the entries that are not zone names.
    static func systemZoneNames() -> [String] {
        let root = TimeZoneDatabase.systemDirectory
        guard let walk = FileManager.default.enumerator(atPath: root) else { return [] }
        var names: [String] = []
        for case let path as String in walk {
            if path == "posix" || path == "right" {
                walk.skipDescendants()
                continue
            }
            guard TimeZoneDatabase.isWellFormedName(path), !TimeZoneDatabase.isNonZoneEntry(path),
                let handle = FileHandle(forReadingAtPath: root + "/" + path)
            else { continue }
            let magic = (try? handle.read(upToCount: 4)) ?? nil
            try? handle.close()
            if magic == Data("TZif".utf8) { names.append(path) }
        }
        return names.sorted()
    }

    /// (instant, offset, name) at the start of `from..<to` and at every change inside it.
    private static func changes(_ onsets: [(Int64, Int, String)], from: Int64, to: Int64) -> [String] {
        var out: [String] = []
        var current: (Int, String)?
        for (t, o, n) in onsets {
            if t <= from {
                current = (o, n)
                continue
            }
            if t >= to { break }
            if out.isEmpty { out.append("start \(current.map { "\($0.0) \($0.1)" } ?? "none")") }
            if let c = current, c.0 == o, c.1 == n { continue }
            out.append("\(LocalDateTime(localSeconds: t))Z \(o) \(n)")
            current = (o, n)
        }
        if out.isEmpty { out.append("start \(current.map { "\($0.0) \($0.1)" } ?? "none")") }
        return out
    }

    private static func zoneChanges(_ rules: ZoneRules, from: Int64, to: Int64) -> [String] {
        var onsets: [(Int64, Int, String)] = []
        let before = rules.offset(at: from)
        onsets.append((from, before.seconds, before.abbreviation))
        for t in rules.transitions(from: from + 1, to: to) { onsets.append((t.instant, t.after.seconds, t.after.abbreviation)) }
        return changes(onsets, from: from, to: to)
    }

    private static func vtimezoneChanges(_ tz: Component, from: Int64, to: Int64) throws -> [String] {
        let onsets = try RecurrenceExpander { _ in nil }.onsets(of: tz, until: to)
        return changes(onsets.map { ($0.instant, $0.offset, $0.name) }, from: from, to: to)
    }

    /// True when the footer's rule alone gives every transition of `years`.
    private static func footerGivesEveryTransition(_ rules: ZoneRules, _ years: ClosedRange<Int>) -> Bool {
        guard let text = rules.posixRule, let rule = try? POSIXTimeZoneRule(text) else { return false }
        var expected: [Int64] = []
        for y in years { expected += rule.transitions(inYear: y).map(\.0) }
        let actual = rules.transitions(from: utc(years.lowerBound), to: utc(years.upperBound + 1)).map(\.instant)
        return expected.filter { $0 >= utc(years.lowerBound) && $0 < utc(years.upperBound + 1) } == actual
    }

    @Test("every transition the VTIMEZONE implies from 2025 to 2045 is the TZif transition, in every zone")
    func everyZoneEveryTransition() throws {
        let names = Self.systemZoneNames()
        #expect(names.count > 300, "found \(names.count) zones under \(TimeZoneDatabase.systemDirectory)")
        let from = Self.utc(2025)
        let to = Self.utc(2046)
        var problems: [String] = []
        var openEnded = 0
        for name in names {
            let rules = try TimeZoneDatabase().rules(for: name)
            let expected = Self.zoneChanges(rules, from: from, to: to)
            // Written for the whole span: exact throughout.
            let whole = TimeZoneComponent.make(rules, covering: from...(to - 1))
            let got = try Self.vtimezoneChanges(whole, from: from, to: to)
            if got != expected {
                problems.append("\(name) written for 2025-2045: \(got.difference(from: expected).map { "\($0)" }.prefix(4))")
            }
            // Written for a feed of 2025-2026: where the footer's rule is all there is, the yearly
            // rules left open carry on exactly, the way clients read them for later years.
            guard Self.footerGivesEveryTransition(rules, 2025...2045) else { continue }
            openEnded += 1
            let short = TimeZoneComponent.make(rules, covering: from...(Self.utc(2027) - 1))
            let carried = try Self.vtimezoneChanges(short, from: from, to: to)
            if carried != expected {
                problems.append("\(name) written for 2025-2026: \(carried.difference(from: expected).map { "\($0)" }.prefix(4))")
            }
        }
        #expect(openEnded > 300)
        #expect(problems.isEmpty, "\(problems.count) zones: \(problems.prefix(8).joined(separator: "\n"))")
    }

    private static func blocks(_ zone: String, _ first: Int, _ last: Int) throws -> [String] {
        let tz = TimeZoneComponent.make(try TimeZoneDatabase().rules(for: zone), covering: utc(first)...(utc(last + 1) - 1))
        return tz.components.map { "\($0.name) \($0.property("DTSTART")?.value ?? "") \($0.property("RRULE")?.value ?? "-")" }
    }

    @Test("a change on another day than its Mm.w.d date gets a rule on the shifted window of days")
    func shiftedChanges() throws {
        // M3.5.0/-1: 23:00 on the Saturday before the last Sunday of March (24-30 March).
        let nuuk = try Self.blocks("America/Nuuk", 2026, 2027)
        #expect(nuuk.contains { $0.hasSuffix("FREQ=YEARLY;BYMONTH=3;BYDAY=SA;BYMONTHDAY=24,25,26,27,28,29,30") }, "\(nuuk)")
        #expect(nuuk.allSatisfy { !$0.contains("-1SA") }, "\(nuuk)")
        // M10.5.4/24: the Friday after the last Thursday of October, 26 October to 1 November:
        // a window over the month's end, as days of the year counted from its end.
        let cairo = try Self.blocks("Africa/Cairo", 2026, 2027)
        #expect(cairo.contains { $0.hasSuffix("FREQ=YEARLY;BYDAY=FR;BYYEARDAY=-67,-66,-65,-64,-63,-62,-61") }, "\(cairo)")
        // M9.1.6/24 and M4.1.6/24: the Sunday after the first Saturday, 2-8 September and April.
        let santiago = try Self.blocks("America/Santiago", 2026, 2027)
        #expect(santiago.contains { $0.hasSuffix("FREQ=YEARLY;BYMONTH=9;BYDAY=SU;BYMONTHDAY=2,3,4,5,6,7,8") }, "\(santiago)")
        #expect(santiago.contains { $0.hasSuffix("FREQ=YEARLY;BYMONTH=4;BYDAY=SU;BYMONTHDAY=2,3,4,5,6,7,8") }, "\(santiago)")
        // Ordinary zones keep the one-ordinal form Outlook reads.
        #expect(try Self.blocks("Europe/London", 2026, 2027).allSatisfy { !$0.contains("BYMONTHDAY") && !$0.contains("BYYEARDAY") })
    }

    /// TZif bytes of a zone that only has a POSIX TZ footer (RFC 8536 version 2).
    private static func footerOnlyTZif(_ footer: String, standard: Int32) -> [UInt8] {
        func be32(_ v: Int32) -> [UInt8] { withUnsafeBytes(of: v.bigEndian) { Array($0) } }
        let header = Array("TZif".utf8) + [UInt8(ascii: "2")] + [UInt8](repeating: 0, count: 15)
            + be32(0) + be32(0) + be32(0) + be32(0) + be32(1) + be32(4)
        let block = be32(standard) + [0, 0] + Array("STD\0".utf8)
        return header + block + header + block + [0x0A] + Array(footer.utf8) + [0x0A]
    }

    @Test("every Mm.w.d moved by whole days, across month and year ends, is written as a rule that holds from 2025 to 2045")
    func everyShiftedMonthWeekDay() throws {
        let from = Self.utc(2025)
        let to = Self.utc(2046)
        var problems: [String] = []
        for month in 1...12 {
            for week in 1...5 {
                for weekday in [0, 3] {
                    for hours in [-167, -49, -1, 24, 26, 50, 167] {
                        // Daylight time starts by the rule under test and ends six months away.
                        let end = (month + 5) % 12 + 1
                        let footer = "<STD>3<DST>,M\(month).\(week).\(weekday)/\(hours),M\(end).2.0"
                        let rules = try ZoneRules(identifier: "Test/Shifted", tzif: Self.footerOnlyTZif(footer, standard: -10800))
                        let expected = Self.zoneChanges(rules, from: from, to: to)
                        let tz = TimeZoneComponent.make(rules, covering: from...(Self.utc(2027) - 1))
                        let got = try Self.vtimezoneChanges(tz, from: from, to: to)
                        if got != expected {
                            problems.append("\(footer): \(got.difference(from: expected).map { "\($0)" }.prefix(2))")
                        }
                    }
                }
            }
        }
        #expect(problems.isEmpty, "\(problems.count): \(problems.prefix(6).joined(separator: "\n"))")
    }
}
