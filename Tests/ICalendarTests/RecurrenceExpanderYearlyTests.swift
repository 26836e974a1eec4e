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
        "FREQ=WEEKLY;BYDAY=1MO", "FREQ=YEARLY;BYWEEKNO=1;BYDAY=1MO",
    ])
    func badNumbers(rrule: String) {
        #expect(throws: RecurrenceError.self) { try onsets("20260101T000000", rrule) }
    }
}

/// Numbers read from a file never reach arithmetic that can overflow (issue 13's audit).
@Suite("RecurrenceExpander, numbers out of range")
struct RecurrenceExpanderRangeTests {
    @Test("an INTERVAL as large as Int.max gives the first instance, for every frequency, and never traps",
          arguments: ["WEEKLY", "DAILY", "MONTHLY", "YEARLY"])
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

/// Rules whose parts never meet walk every period to the last supported year and stop: no hang.
@Suite("RecurrenceExpander, rules that give nothing")
struct RecurrenceExpanderEmptyRuleTests {
    @Test("a rule that never matches gives DTSTART alone, for every frequency", arguments: [
        "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30;COUNT=5", "FREQ=MONTHLY;BYMONTHDAY=31;BYMONTH=4,6;COUNT=5",
        "FREQ=WEEKLY;BYMONTH=2;BYDAY=MO;BYSETPOS=2", "FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30",
        "FREQ=HOURLY;BYMONTH=2;BYMONTHDAY=30;COUNT=3", "FREQ=MINUTELY;BYMONTHDAY=-30;BYMONTH=2",
        "FREQ=SECONDLY;BYYEARDAY=366;BYMONTH=1", "FREQ=YEARLY;BYWEEKNO=53;BYMONTH=6",
    ])
    func neverMatches(rule: String) throws {
        let event = Component("VEVENT", properties: [
            Property("UID", raw: "x@t"), Property("DTSTART", raw: "19000101T000000Z"), Property("RRULE", raw: rule),
        ])
        let to = Int64(LocalDate.dayNumber(year: 2199, month: 12, day: 31)) * 86400
        let instances = try RecurrenceExpander { _ in nil }.expand(Component("VCALENDAR", components: [event]), from: Int64.min / 4, to: to)
        #expect(instances.count == 1)
    }
}

/// MONTHLY rules: what a studio's monthly classes are written as (issue #15).
@Suite("RecurrenceExpander, monthly rules")
struct RecurrenceExpanderMonthlyTests {
    /// The UTC starts (basic format) of an event from DTSTART (UTC) with `rrule`, through 2027.
    private func starts(_ dtstart: String, _ rrule: String) throws -> [String] {
        let event = Component("VEVENT", properties: [
            Property("UID", raw: "x@t"), Property("DTSTART", raw: dtstart), Property("DURATION", raw: "PT1H"),
            Property("RRULE", raw: rrule),
        ])
        let from = Int64(LocalDate.dayNumber(year: 2026, month: 1, day: 1)) * 86400
        let to = Int64(LocalDate.dayNumber(year: 2028, month: 1, day: 1)) * 86400
        return try RecurrenceExpander { _ in nil }.expand(Component("VCALENDAR", components: [event]), from: from, to: to)
            .map { Property.utcString($0.start) }
    }

    @Test("the first Saturday, the second and fourth Tuesday, the last Friday")
    func ordinals() throws {
        #expect(try starts("20270102T100000Z", "FREQ=MONTHLY;BYDAY=1SA;COUNT=4")
            == ["20270102T100000Z", "20270206T100000Z", "20270306T100000Z", "20270403T100000Z"])
        #expect(try starts("20270112T100000Z", "FREQ=MONTHLY;BYDAY=2TU,4TU;COUNT=4")
            == ["20270112T100000Z", "20270126T100000Z", "20270209T100000Z", "20270223T100000Z"])
        #expect(try starts("20270129T100000Z", "FREQ=MONTHLY;BYDAY=-1FR;COUNT=3")
            == ["20270129T100000Z", "20270226T100000Z", "20270326T100000Z"])
    }

    @Test("a fifth weekday only in the months that have one; INTERVAL; BYMONTHDAY from the end")
    func fifthIntervalAndMonthDays() throws {
        #expect(try starts("20270130T100000Z", "FREQ=MONTHLY;BYDAY=5SA;UNTIL=20271231T235959Z")
            == ["20270130T100000Z", "20270529T100000Z", "20270731T100000Z", "20271030T100000Z"])
        #expect(try starts("20270102T100000Z", "FREQ=MONTHLY;INTERVAL=3;BYDAY=1SA;COUNT=3")
            == ["20270102T100000Z", "20270403T100000Z", "20270703T100000Z"])
        #expect(try starts("20270131T100000Z", "FREQ=MONTHLY;BYMONTHDAY=-1;COUNT=3")
            == ["20270131T100000Z", "20270228T100000Z", "20270331T100000Z"])
        // An ordinal BYDAY beside BYMONTHDAY: both must hold (the first Saturday that is the 1st).
        #expect(try starts("20270102T100000Z", "FREQ=MONTHLY;BYDAY=1SA;BYMONTHDAY=1;COUNT=3")
            == ["20270102T100000Z", "20270501T100000Z"])
        // Without BY parts: DTSTART's day, skipping months that lack it.
        #expect(try starts("20270131T100000Z", "FREQ=MONTHLY;COUNT=3") == ["20270131T100000Z", "20270331T100000Z", "20270531T100000Z"])
    }

    @Test("rules RFC 5545 forbids or that cannot be are errors", arguments: [
        "FREQ=MONTHLY;BYYEARDAY=1", "FREQ=MONTHLY;BYDAY=6SA", "FREQ=MONTHLY;BYWEEKNO=1", "FREQ=MONTHLY;BYSETPOS=1",
    ])
    func errors(rrule: String) {
        #expect(throws: RecurrenceError.self) { try starts("20270102T100000Z", rrule) }
    }
}
