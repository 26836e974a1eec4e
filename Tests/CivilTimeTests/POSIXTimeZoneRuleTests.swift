import CivilTime
import Testing

private func utc(_ y: Int, _ mo: Int, _ d: Int, _ h: Int = 0, _ mi: Int = 0) -> Int64 {
    Int64(LocalDate.dayNumber(year: y, month: mo, day: d)) * 86400 + Int64(h * 3600 + mi * 60)
}

private func date(_ y: Int, _ m: Int, _ d: Int) -> LocalDate {
    LocalDate(dayNumber: LocalDate.dayNumber(year: y, month: m, day: d))
}

/// What a parsed rule should hold, field by field.
struct ExpectedPOSIXRule: Sendable, CustomTestStringConvertible {
    var text: String
    var standard: ZoneOffset
    var daylight: ZoneOffset?
    var start: (POSIXTimeZoneRule.DateRule, Int)?
    var end: (POSIXTimeZoneRule.DateRule, Int)?
    /// The year's changes as UTC instants and the abbreviation switched to.
    var transitions2026: [(Int64, String)]
    var testDescription: String { text }
}

@Suite("POSIXTimeZoneRule")
struct POSIXTimeZoneRuleTests {
    static let cases: [ExpectedPOSIXRule] = [
        ExpectedPOSIXRule(
            text: "GMT0BST,M3.5.0/1,M10.5.0",
            standard: ZoneOffset(seconds: 0, isDaylight: false, abbreviation: "GMT"),
            daylight: ZoneOffset(seconds: 3600, isDaylight: true, abbreviation: "BST"),
            start: (.monthWeekDay(month: 3, week: 5, weekday: 0), 3600),
            end: (.monthWeekDay(month: 10, week: 5, weekday: 0), 7200),
            transitions2026: [(utc(2026, 3, 29, 1), "BST"), (utc(2026, 10, 25, 1), "GMT")]),
        ExpectedPOSIXRule(
            text: "<+1030>-10:30<+11>-11,M10.1.0,M4.1.0",
            standard: ZoneOffset(seconds: 37800, isDaylight: false, abbreviation: "+1030"),
            daylight: ZoneOffset(seconds: 39600, isDaylight: true, abbreviation: "+11"),
            start: (.monthWeekDay(month: 10, week: 1, weekday: 0), 7200),
            end: (.monthWeekDay(month: 4, week: 1, weekday: 0), 7200),
            // Southern hemisphere: daylight time ends first in the calendar year.
            transitions2026: [(utc(2026, 4, 4, 15), "+1030"), (utc(2026, 10, 3, 15, 30), "+11")]),
        ExpectedPOSIXRule(
            text: "<+1245>-12:45<+1345>,M9.5.0/2:45,M4.1.0/3:45",
            standard: ZoneOffset(seconds: 45900, isDaylight: false, abbreviation: "+1245"),
            // No explicit daylight offset: one hour ahead of standard time.
            daylight: ZoneOffset(seconds: 49500, isDaylight: true, abbreviation: "+1345"),
            start: (.monthWeekDay(month: 9, week: 5, weekday: 0), 9900),
            end: (.monthWeekDay(month: 4, week: 1, weekday: 0), 13500),
            transitions2026: [(utc(2026, 4, 4, 14), "+1245"), (utc(2026, 9, 26, 14), "+1345")]),
        ExpectedPOSIXRule(
            text: "EST5EDT,M3.2.0,M11.1.0",
            standard: ZoneOffset(seconds: -18000, isDaylight: false, abbreviation: "EST"),
            daylight: ZoneOffset(seconds: -14400, isDaylight: true, abbreviation: "EDT"),
            start: (.monthWeekDay(month: 3, week: 2, weekday: 0), 7200),
            end: (.monthWeekDay(month: 11, week: 1, weekday: 0), 7200),
            transitions2026: [(utc(2026, 3, 8, 7), "EDT"), (utc(2026, 11, 1, 6), "EST")]),
        // America/Nuuk: a negative switch time (23:00 the day before, in standard time).
        ExpectedPOSIXRule(
            text: "<-02>2<-01>,M3.5.0/-1,M10.5.0/0",
            standard: ZoneOffset(seconds: -7200, isDaylight: false, abbreviation: "-02"),
            daylight: ZoneOffset(seconds: -3600, isDaylight: true, abbreviation: "-01"),
            start: (.monthWeekDay(month: 3, week: 5, weekday: 0), -3600),
            end: (.monthWeekDay(month: 10, week: 5, weekday: 0), 0),
            transitions2026: [(utc(2026, 3, 29, 1), "-01"), (utc(2026, 10, 25, 1), "-02")]),
        ExpectedPOSIXRule(
            text: "AEST-10AEDT,M10.1.0,M4.1.0/3",
            standard: ZoneOffset(seconds: 36000, isDaylight: false, abbreviation: "AEST"),
            daylight: ZoneOffset(seconds: 39600, isDaylight: true, abbreviation: "AEDT"),
            start: (.monthWeekDay(month: 10, week: 1, weekday: 0), 7200),
            end: (.monthWeekDay(month: 4, week: 1, weekday: 0), 10800),
            transitions2026: [(utc(2026, 4, 4, 16), "AEST"), (utc(2026, 10, 3, 16), "AEDT")]),
        // America/Santiago: a time of 24:00 (midnight at the end of the Saturday).
        ExpectedPOSIXRule(
            text: "<-04>4<-03>,M9.1.6/24,M4.1.6/24",
            standard: ZoneOffset(seconds: -14400, isDaylight: false, abbreviation: "-04"),
            daylight: ZoneOffset(seconds: -10800, isDaylight: true, abbreviation: "-03"),
            start: (.monthWeekDay(month: 9, week: 1, weekday: 6), 86400),
            end: (.monthWeekDay(month: 4, week: 1, weekday: 6), 86400),
            transitions2026: [(utc(2026, 4, 5, 3), "-04"), (utc(2026, 9, 6, 4), "-03")]),
        ExpectedPOSIXRule(
            text: "IST-5:30", standard: ZoneOffset(seconds: 19800, isDaylight: false, abbreviation: "IST"),
            daylight: nil, start: nil, end: nil, transitions2026: []),
        ExpectedPOSIXRule(
            text: "<-03>3", standard: ZoneOffset(seconds: -10800, isDaylight: false, abbreviation: "-03"),
            daylight: nil, start: nil, end: nil, transitions2026: []),
    ]

    @Test("POSIX TZ strings parse into their offsets, names, dates and times", arguments: cases)
    func parses(expected: ExpectedPOSIXRule) throws {
        let r = try POSIXTimeZoneRule(expected.text)
        #expect(r.standard == expected.standard)
        #expect(r.daylight == expected.daylight)
        #expect(r.daylightStart?.rule == expected.start?.0)
        #expect(r.daylightStart?.time == expected.start?.1)
        #expect(r.daylightEnd?.rule == expected.end?.0)
        #expect(r.daylightEnd?.time == expected.end?.1)
        let got = r.transitions(inYear: 2026)
        #expect(got.map(\.0) == expected.transitions2026.map(\.0))
        #expect(got.map(\.1.abbreviation) == expected.transitions2026.map(\.1))
    }

    @Test(
        "malformed POSIX TZ strings are rejected with ZoneDataError",
        arguments: [
            "", "GMT", "GM0", "123", "<+03", "<+03>", "GMT0BST,M3.5.0", "GMT0BST,M13.5.0,M10.5.0",
            "GMT0BST,M0.5.0,M10.5.0", "GMT0BST,M3.6.0,M10.5.0", "GMT0BST,M3.0.0,M10.5.0", "GMT0BST,M3.5.7,M10.5.0",
            "GMT0BST,M3.5.0/1,M10.5.0x", "GMT0BST,M3.5.0/1,M10.5.0,", "GMT0BST,J0,J365", "GMT0BST,J1,J366",
            "GMT0BST,366,1", "GMT0BST,M3.5.0/,M10.5.0", "GMT0BST;M3.5.0,M10.5.0", "GMT0BST,M3.5,M10.5.0",
            "GMT0 BST", "GMTx", "GMT0BST,,M10.5.0", "GMT0BST,M3.5.0/1:,M10.5.0",
        ])
    func rejectsMalformed(text: String) {
        #expect(throws: ZoneDataError.self, "\"\(text)\"") { try POSIXTimeZoneRule(text) }
    }

    @Test("the error names the rule and what was wrong")
    func errorMessage() {
        do {
            _ = try POSIXTimeZoneRule("GMT0BST,M13.5.0,M10.5.0")
            Issue.record("accepted a thirteenth month")
        } catch {
            #expect(error.description == "cannot read the zone's POSIX TZ rule \"GMT0BST,M13.5.0,M10.5.0\": month rule out of range")
        }
    }

    @Test(
        "Mm.w.d, Jn and n pick the right day of a given year",
        arguments: [
            (POSIXTimeZoneRule.DateRule.monthWeekDay(month: 3, week: 5, weekday: 0), 2026, date(2026, 3, 29)),
            (.monthWeekDay(month: 3, week: 5, weekday: 0), 2027, date(2027, 3, 28)),
            (.monthWeekDay(month: 3, week: 2, weekday: 0), 2026, date(2026, 3, 8)),
            (.monthWeekDay(month: 11, week: 1, weekday: 0), 2026, date(2026, 11, 1)),
            (.monthWeekDay(month: 10, week: 1, weekday: 0), 2026, date(2026, 10, 4)),
            (.monthWeekDay(month: 2, week: 5, weekday: 0), 2026, date(2026, 2, 22)),
            (.monthWeekDay(month: 2, week: 5, weekday: 4), 2024, date(2024, 2, 29)),
            (.monthWeekDay(month: 9, week: 1, weekday: 6), 2026, date(2026, 9, 5)),
            (.monthWeekDay(month: 4, week: 4, weekday: 1), 2026, date(2026, 4, 27)),
            (.julianNoLeap(60), 2024, date(2024, 3, 1)),
            (.julianNoLeap(60), 2026, date(2026, 3, 1)),
            (.julianNoLeap(59), 2024, date(2024, 2, 28)),
            (.julianNoLeap(1), 2026, date(2026, 1, 1)),
            (.julianNoLeap(365), 2024, date(2024, 12, 31)),
            (.zeroBased(0), 2026, date(2026, 1, 1)),
            (.zeroBased(59), 2024, date(2024, 2, 29)),
            (.zeroBased(59), 2026, date(2026, 3, 1)),
            (.zeroBased(365), 2024, date(2024, 12, 31)),
        ])
    func dateRules(rule: POSIXTimeZoneRule.DateRule, year: Int, expected: LocalDate) {
        #expect(rule.date(inYear: year) == expected)
    }

    @Test("a last-weekday rule lands on that weekday in the month's final week, every year 1900-2199")
    func lastWeekdayEveryYear() {
        var failures: [String] = []
        for year in 1900...2199 {
            for month in 1...12 {
                for weekday in 0...6 {
                    let d = POSIXTimeZoneRule.DateRule.monthWeekDay(month: month, week: 5, weekday: weekday).date(inYear: year)
                    let c = d.components
                    let dim = LocalDate.daysIn(month: month, year: year)
                    if c.year != year || c.month != month || c.day + 7 <= dim || d.weekday.rawValue % 7 != weekday {
                        failures.append("\(year)-\(month) weekday \(weekday): \(d)")
                    }
                    let first = POSIXTimeZoneRule.DateRule.monthWeekDay(month: month, week: 1, weekday: weekday).date(inYear: year)
                    if first.month != month || first.day > 7 || first.weekday.rawValue % 7 != weekday {
                        failures.append("\(year)-\(month) first weekday \(weekday): \(first)")
                    }
                }
            }
            if failures.count > 10 { break }
        }
        #expect(failures.isEmpty, "\(failures)")
    }
}
