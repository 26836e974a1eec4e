import Testing

@testable import ICalendar

/// The YEARLY forms the expander reads for VTIMEZONE rules (RFC 5545 §3.3.10).
@Suite("RecurrenceExpander, yearly rules")
struct RecurrenceExpanderYearlyTests {
    /// Local dates and times (in TZOFFSETFROM, here +0000) of a one-block VTIMEZONE's onsets to 2031.
    private func onsets(_ dtstart: String, _ rrule: String, through lastYear: Int = 2030) throws -> [String] {
        let block = Component("DAYLIGHT", properties: [
            Property("DTSTART", raw: dtstart), Property("TZOFFSETFROM", raw: "+0000"),
            Property("TZOFFSETTO", raw: "+0100"), Property("RRULE", raw: rrule),
        ])
        let horizon = Int64(LocalDate.dayNumber(year: lastYear + 1, month: 1, day: 1)) * 86400
        return try RecurrenceExpander { _ in nil }.onsets(of: Component("VTIMEZONE", components: [block]), until: horizon)
            .map { LocalDateTime(localSeconds: $0.instant).basicFormat }
    }

    @Test("an ordinal BYDAY within BYMONTH: the last Sunday of March")
    func lastSunday() throws {
        #expect(try onsets("20260329T010000", "FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU") == [
            "20260329T010000", "20270328T010000", "20280326T010000", "20290325T010000", "20300331T010000",
        ])
    }

    @Test("a weekday within BYMONTHDAY: the Saturday of 24-30 March, not the last Saturday in 2029")
    func weekdayInMonthDays() throws {
        #expect(try onsets("20260328T230000", "FREQ=YEARLY;BYMONTH=3;BYDAY=SA;BYMONTHDAY=24,25,26,27,28,29,30") == [
            "20260328T230000", "20270327T230000", "20280325T230000", "20290324T230000", "20300330T230000",
        ])
    }

    @Test("a weekday within BYYEARDAY across the year's end, with UNTIL")
    func weekdayInYearDaysAcrossNewYear() throws {
        // The Saturday of 31 December to 6 January: twice in 2033, none in 2034.
        #expect(try onsets("20330101T020000", "FREQ=YEARLY;BYDAY=SA;BYYEARDAY=-1,1,2,3,4,5,6", through: 2035) == [
            "20330101T020000", "20331231T020000", "20350106T020000",
        ])
        #expect(try onsets("20260103T020000", "FREQ=YEARLY;BYDAY=SA;BYYEARDAY=-1,1,2,3,4,5,6;UNTIL=20290101T000000Z") == [
            "20260103T020000", "20270102T020000", "20280101T020000",
        ])
    }

    @Test("out-of-range and absurd numbers are errors, not traps", arguments: [
        "FREQ=YEARLY;BYMONTH=13", "FREQ=YEARLY;BYMONTH=-3", "FREQ=YEARLY;BYMONTHDAY=0", "FREQ=YEARLY;BYYEARDAY=367",
        "FREQ=YEARLY;BYYEARDAY=-9223372036854775808", "FREQ=YEARLY;BYMONTH=3;BYDAY=-9223372036854775808SU",
        "FREQ=WEEKLY;BYDAY=1MO", "FREQ=YEARLY;BYMONTHDAY=1;BYDAY=1MO",
    ])
    func badNumbers(rrule: String) {
        #expect(throws: RecurrenceError.self) { try onsets("20260101T000000", rrule) }
    }
}

/// Numbers read from a file never reach arithmetic that can overflow (issue 13's audit).
@Suite("RecurrenceExpander, numbers out of range")
struct RecurrenceExpanderRangeTests {
    @Test("an INTERVAL as large as Int.max gives the first instance, for every frequency, and never traps",
          arguments: ["WEEKLY", "DAILY", "YEARLY"])
    func hugeInterval(freq: String) throws {
        let event = Component("VEVENT", properties: [
            Property("UID", raw: "x@t"), Property("DTSTART", raw: "20261207T171500Z"), Property("DURATION", raw: "PT30M"),
            Property("RRULE", raw: "FREQ=\(freq);INTERVAL=9223372036854775807" + (freq == "YEARLY" ? ";BYMONTH=12" : "")),
        ])
        let from = Int64(LocalDate.dayNumber(year: 2026, month: 1, day: 1)) * 86400
        let to = Int64(LocalDate.dayNumber(year: 2199, month: 1, day: 1)) * 86400
        let instances = try RecurrenceExpander { _ in nil }.expand(Component("VCALENDAR", components: [event]), from: from, to: to)
        #expect(instances.count == 1)
    }
}
