import ICalendar
import Testing

@Suite struct RecurrenceRuleTests {
    @Test func aRuleIsWrittenInAFixedOrderThatTheExpanderReads() throws {
        let r = try RecurrenceRule(.monthly, interval: 2, byDay: [.nth(2, .tuesday), .last(.friday)], end: .count(6), weekStart: .sunday)
        #expect(r.text == "FREQ=MONTHLY;INTERVAL=2;COUNT=6;BYDAY=2TU,-1FR;WKST=SU")
        #expect(try RecurrenceRule(parsing: r.text) == r)
        let u = try RecurrenceRule(.yearly, byMonthDay: [1, -1], byMonth: [3], end: .until(.utc(1_800_000_000)))
        #expect(u.text == "FREQ=YEARLY;UNTIL=20270115T080000Z;BYMONTH=3;BYMONTHDAY=1,-1")
        #expect(try RecurrenceRule(parsing: u.text) == u)
    }

    @Test(arguments: [
        "FREQ=WEEKLY;COUNT=3;UNTIL=20270101T000000Z",  // both COUNT and UNTIL
        "FREQ=WEEKLY;BYDAY=2MO",  // an ordinal outside MONTHLY/YEARLY
        "FREQ=MONTHLY;BYDAY=6MO",  // no month has six Mondays
        "FREQ=MONTHLY;BYDAY=0MO",
        "FREQ=YEARLY;BYDAY=54SU",
        "FREQ=WEEKLY;BYMONTHDAY=3",
        "FREQ=MONTHLY;BYMONTHDAY=32",
        "FREQ=YEARLY;BYMONTH=13",
        "FREQ=DAILY;INTERVAL=0",
        "FREQ=DAILY;COUNT=0",
        "FREQ=FORTNIGHTLY",
        "FREQ=WEEKLY;BYYEARDAY=1",  // BYYEARDAY with DAILY, WEEKLY or MONTHLY
        "FREQ=MONTHLY;BYWEEKNO=20",  // BYWEEKNO outside YEARLY
        "FREQ=YEARLY;BYWEEKNO=20;BYDAY=1MO",  // an ordinal BYDAY beside BYWEEKNO
        "FREQ=YEARLY;BYMONTH=3;BYDAY=6SU",  // an ordinal within BYMONTH's months
        "FREQ=DAILY;BYHOUR=24",
        "FREQ=DAILY;BYMINUTE=60",
        "FREQ=DAILY;BYSECOND=61",
        "FREQ=MONTHLY;BYDAY=MO;BYSETPOS=0",
        "FREQ=MONTHLY;BYDAY=MO;BYSETPOS=367",
        "FREQ=YEARLY;BYWEEKNO=54",
        "FREQ=YEARLY;BYYEARDAY=-367",
        "FREQ=DAILY;X-NAME=1",
        "BYDAY=MO",
        "FREQ=DAILY;FREQ=WEEKLY",
        "FREQ=WEEKLY;BYSETPOS=1",
    ])
    func whatRFC5545ForbidsIsRefusedAtConstruction(text: String) {
        #expect(throws: CalendarError.self) { try RecurrenceRule(parsing: text) }
    }

    @Test func untilMustMatchTheKindOfTheStart() throws {
        let start = try DateTimeValue.local(2026, 11, 30, 17, 15, in: "Europe/London")
        let dateUntil = try RecurrenceRule(.weekly, end: .until(.date(LocalDate(year: 2027, month: 1, day: 31)!)))
        let error = #expect(throws: CalendarError.self) { try Event(uid: "a", start: start, recurrenceRule: dateUntil) }
        #expect(error?.message.contains("UTC time") == true)
        let utcUntil = try RecurrenceRule(.weekly, end: .until(.utc(1_800_000_000)))
        #expect(throws: CalendarError.self) { try Event(uid: "b", start: .allDay(2026, 12, 1), recurrenceRule: utcUntil) }
        _ = try Event(uid: "c", start: start, recurrenceRule: utcUntil)
        _ = try Event(uid: "d", start: .allDay(2026, 12, 1), recurrenceRule: dateUntil)
        #expect(throws: CalendarError.self) {
            try RecurrenceRule(.weekly, end: .until(.zoned(LocalDateTime(localSeconds: 0), timeZone: "Europe/London")))
        }
    }
}
