import Testing

@testable import CivilTime

@Suite("LocalDate")
struct LocalDateTests {
    /// An independent civil calendar: walks day by day from a known anchor with its own leap rule.
    private struct NaiveCalendar {
        var year: Int
        var month: Int
        var day: Int

        static func daysIn(_ m: Int, _ y: Int) -> Int {
            let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
            return [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]
        }

        mutating func advance() {
            day += 1
            if day > Self.daysIn(month, year) {
                day = 1
                month += 1
                if month > 12 {
                    month = 1
                    year += 1
                }
            }
        }
    }

    @Test("day numbers and civil dates round-trip for every day of 1900-2199")
    func roundTripOverSupportedYears() {
        // 1900-01-01 is 25,567 days before 1970-01-01 (70 years, 17 of them leap).
        var naive = NaiveCalendar(year: 1900, month: 1, day: 1)
        var dayNumber = -25_567
        var weekday = Weekday.monday  // 1900-01-01 was a Monday
        var mismatches: [String] = []
        while naive.year <= 2199 {
            let d = LocalDate(dayNumber: dayNumber)
            let c = d.components
            if c.year != naive.year || c.month != naive.month || c.day != naive.day {
                mismatches.append("day \(dayNumber): got \(c), expected \(naive)")
            }
            if LocalDate.dayNumber(year: naive.year, month: naive.month, day: naive.day) != dayNumber {
                mismatches.append("dayNumber(\(naive)) != \(dayNumber)")
            }
            if LocalDate(year: naive.year, month: naive.month, day: naive.day)?.dayNumber != dayNumber {
                mismatches.append("init(year:month:day:) for \(naive)")
            }
            if d.weekday != weekday { mismatches.append("weekday of \(d): \(d.weekday), expected \(weekday)") }
            if LocalDate(iso: d.description) != d { mismatches.append("ISO round trip of \(d)") }
            if LocalDate(basic: d.basicFormat) != d { mismatches.append("basic round trip of \(d)") }
            naive.advance()
            dayNumber += 1
            weekday = Weekday(rawValue: weekday.rawValue % 7 + 1)!
            if mismatches.count > 20 { break }
        }
        #expect(mismatches.isEmpty, "\(mismatches)")
        // The walk ended on 2200-01-01.
        #expect(dayNumber == LocalDate.dayNumber(year: 2200, month: 1, day: 1))
        #expect(dayNumber == 84_006)
    }

    @Test(
        "known dates fall on the right weekday",
        arguments: [
            ("1970-01-01", Weekday.thursday),
            ("1900-01-01", .monday),
            ("2000-01-01", .saturday),
            ("2000-02-29", .tuesday),
            ("2024-02-29", .thursday),
            ("2026-03-29", .sunday),
            ("2026-10-25", .sunday),
            ("2026-11-30", .monday),
            ("2026-12-24", .thursday),
            ("2027-01-03", .sunday),
            ("1969-12-31", .wednesday),
            ("2199-12-31", .tuesday),
        ])
    func weekdayOfKnownDates(iso: String, weekday: Weekday) throws {
        let d = try #require(LocalDate(iso: iso))
        #expect(d.weekday == weekday)
        #expect(d.description == iso)
    }

    @Test(
        "ISO parsing rejects dates that do not exist or are not YYYY-MM-DD",
        arguments: [
            "2026-02-30", "2026-02-29", "2026-13-01", "2026-00-10", "2026-04-31", "2026-01-00", "2026-01-32",
            "2100-02-29", "26-01-01", "2026-1-01", "2026-01-1", "2026/01/01", "20260101", "2026-01-01T00:00",
            " 2026-01-01", "2026-01-01 ", "", "2026-0a-01", "+026-01-01", "2026--1-01", "２０２６-01-01",
        ])
    func isoRejectsBadDates(text: String) {
        #expect(LocalDate(iso: text) == nil)
    }

    @Test("ISO parsing accepts leap days only in leap years")
    func leapDays() {
        #expect(LocalDate(iso: "2024-02-29")?.dayNumber == LocalDate.dayNumber(year: 2024, month: 2, day: 29))
        #expect(LocalDate(iso: "2000-02-29") != nil)
        #expect(LocalDate(iso: "1900-02-29") == nil)
        #expect(LocalDate(iso: "2028-02-29") != nil)
        #expect(LocalDate(year: 2027, month: 2, day: 29) == nil)
    }

    @Test("the RFC 5545 basic form parses exactly YYYYMMDD")
    func basicForm() {
        #expect(LocalDate(basic: "20261224") == LocalDate(year: 2026, month: 12, day: 24))
        #expect(LocalDate(basic: "20260230") == nil)
        #expect(LocalDate(basic: "2026-12-24") == nil)
        #expect(LocalDate(basic: "2026122") == nil)
        #expect(LocalDate(year: 2026, month: 12, day: 24)?.basicFormat == "20261224")
    }

    @Test("adding days walks civil dates across month, year and DST boundaries")
    func addingDays() throws {
        let d = try #require(LocalDate(iso: "2026-03-23"))
        #expect(d.adding(days: 7).description == "2026-03-30")
        #expect(d.adding(days: 284).description == "2027-01-01")
        #expect(d.adding(days: -82).description == "2025-12-31")
        #expect(d.adding(days: 0) == d)
        #expect(d < d.adding(days: 1))
    }
}
