import ICalendar
import Testing

/// The recurrence set beyond one RRULE (RFC 5545 §3.8.4.4, §3.8.5): a second RRULE, RDATE
/// with dates and periods, RANGE=THISANDFUTURE overrides; read from text, typed, written back.
@Suite("Recurrence sets: several RRULEs, RDATE periods, THISANDFUTURE")
struct RecurrenceSetTests {
    static let database = TimeZoneDatabase()
    static let from = Int64(LocalDate.dayNumber(year: 2026, month: 1, day: 1)) * 86400
    static let to = Int64(LocalDate.dayNumber(year: 2028, month: 1, day: 1)) * 86400

    static func read(_ events: String) throws -> ICalendar.Calendar {
        let text = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//T//EN\r\n" + events.replacingLF() + "END:VCALENDAR\r\n"
        return try ICalendar.Calendar(parsing: Array(text.utf8))
    }

    /// Local start (London), minutes long and summary of each instance.
    static func listed(_ cal: ICalendar.Calendar) throws -> [String] {
        let london = try database.rules(for: "Europe/London")
        return try cal.occurrences(from: from, to: to, timeZones: database).map {
            "\(london.localDateTime(at: $0.start)) \(($0.end - $0.start) / 60) \($0.summary)"
        }
    }

    @Test func twoRRULEsGiveTheUnionEachInstanceOnce() throws {
        let cal = try Self.read("""
            BEGIN:VEVENT
            UID:two
            DTSTART;TZID=Europe/London:20270104T100000
            DURATION:PT1H
            SUMMARY:S
            RRULE:FREQ=WEEKLY;BYDAY=MO;COUNT=3
            RRULE:FREQ=WEEKLY;BYDAY=MO,WE;COUNT=4
            END:VEVENT

            """)
        #expect(cal.events[0].recurrenceRules.count == 2)
        #expect(try Self.listed(cal) == [
            "2027-01-04T10:00 60 S", "2027-01-06T10:00 60 S", "2027-01-11T10:00 60 S", "2027-01-13T10:00 60 S",
            "2027-01-18T10:00 60 S",
        ])
        // Written back with both rules, and read again the same.
        let bytes = try cal.serialized(stamp: 0, timeZones: Self.database)
        let again = try ICalendar.Calendar(parsing: bytes)
        #expect(again.events[0].recurrenceRules == cal.events[0].recurrenceRules)
    }

    @Test func periodsKeepTheirOwnLengthAndDatesAddWholeDays() throws {
        let cal = try Self.read("""
            BEGIN:VEVENT
            UID:p
            DTSTART;TZID=Europe/London:20270104T100000
            DTEND;TZID=Europe/London:20270104T110000
            SUMMARY:P
            RRULE:FREQ=WEEKLY;COUNT=2
            RDATE;VALUE=PERIOD:20270120T120000Z/20270120T123000Z,20270121T120000Z/PT2H
            RDATE;VALUE=PERIOD;TZID=Europe/London:20270401T090000/PT45M
            RDATE;TZID=Europe/London:20270105T170000
            END:VEVENT
            BEGIN:VEVENT
            UID:d
            DTSTART;VALUE=DATE:20270301
            SUMMARY:D
            RRULE:FREQ=YEARLY;COUNT=1
            RDATE;VALUE=DATE:20270310,20270315
            END:VEVENT

            """)
        let p = cal.events[0]
        #expect(p.recurrenceDates.count == 4)
        #expect(p.recurrenceDates[0] == .period(start: .utc(Int64(LocalDate.dayNumber(year: 2027, month: 1, day: 20)) * 86400 + 43200), end: .at(.utc(Int64(LocalDate.dayNumber(year: 2027, month: 1, day: 20)) * 86400 + 45000))))
        #expect(try Self.listed(cal) == [
            "2027-01-04T10:00 60 P", "2027-01-05T17:00 60 P", "2027-01-11T10:00 60 P", "2027-01-20T12:00 30 P",
            "2027-01-21T12:00 120 P", "2027-03-01T00:00 1440 D", "2027-03-10T00:00 1440 D", "2027-03-15T00:00 1440 D",
            "2027-04-01T09:00 45 P",
        ])
        // The periods survive writing and reading.
        let again = try ICalendar.Calendar(parsing: try cal.serialized(stamp: 0, timeZones: Self.database))
        #expect(again.events[0].recurrenceDates == p.recurrenceDates)
        #expect(try Self.listed(again) == Self.listed(cal))
    }

    @Test func anRDATEThatCannotBeReadIsAnErrorWithItsLine() throws {
        let error = #expect(throws: ICalendarParseError.self) {
            try Self.read("BEGIN:VEVENT\nUID:x\nDTSTART:20270104T100000Z\nRDATE;VALUE=PERIOD:20270104T100000Z/soon\nEND:VEVENT\n")
        }
        #expect(error?.line == 7)
        let vevent = Component("VEVENT", properties: [
            Property("UID", raw: "x"), Property("DTSTART", raw: "20270104T100000Z"),
            Property("RDATE", raw: "20270104T100000Z/", parameters: [Parameter("VALUE", "PERIOD")]),
        ])
        #expect(throws: RecurrenceError.self) {
            try RecurrenceExpander { _ in nil }.expand(Component("VCALENDAR", components: [vevent]), from: Self.from, to: Self.to)
        }
    }

    @Test func thisAndFutureChangesEveryLaterInstance() throws {
        // Weekly at 10:00 for an hour; from 18 Jan on, at 11:30 for 30 minutes, renamed. The
        // instance of 1 Feb has its own override, which wins; the series crosses no change of
        // offset, but a later one does (28 Mar 2027) and keeps its wall time.
        let cal = try Self.read("""
            BEGIN:VEVENT
            UID:f
            DTSTART;TZID=Europe/London:20270104T100000
            DURATION:PT1H
            SUMMARY:Weekly
            RRULE:FREQ=WEEKLY;COUNT=6
            END:VEVENT
            BEGIN:VEVENT
            UID:f
            RECURRENCE-ID;RANGE=THISANDFUTURE;TZID=Europe/London:20270118T100000
            DTSTART;TZID=Europe/London:20270118T113000
            DTEND;TZID=Europe/London:20270118T120000
            SUMMARY:Moved
            END:VEVENT
            BEGIN:VEVENT
            UID:f
            RECURRENCE-ID;TZID=Europe/London:20270201T100000
            DTSTART;TZID=Europe/London:20270201T150000
            DURATION:PT1H
            SUMMARY:Once
            END:VEVENT
            BEGIN:VEVENT
            UID:g
            DTSTART;TZID=Europe/London:20270315T100000
            DURATION:PT1H
            SUMMARY:G
            RRULE:FREQ=WEEKLY;COUNT=4
            END:VEVENT
            BEGIN:VEVENT
            UID:g
            RECURRENCE-ID;RANGE=THISANDFUTURE;TZID=Europe/London:20270322T100000
            DTSTART;TZID=Europe/London:20270322T090000
            DURATION:PT1H
            SUMMARY:G2
            END:VEVENT

            """)
        #expect(cal.events[0].overrides.map(\.appliesToLaterInstances) == [true, false])
        let expected = [
            "2027-01-04T10:00 60 Weekly", "2027-01-11T10:00 60 Weekly", "2027-01-18T11:30 30 Moved", "2027-01-25T11:30 30 Moved",
            "2027-02-01T15:00 60 Once", "2027-02-08T11:30 30 Moved",
            "2027-03-15T10:00 60 G", "2027-03-22T09:00 60 G2", "2027-03-29T09:00 60 G2", "2027-04-05T09:00 60 G2",
        ]
        #expect(try Self.listed(cal) == expected)
        // RANGE=THISANDFUTURE is written back.
        let bytes = try cal.serialized(stamp: 0, timeZones: Self.database)
        #expect(String(decoding: bytes, as: UTF8.self).contains("RECURRENCE-ID;TZID=Europe/London;RANGE=THISANDFUTURE:20270118T100000\r\n"))
        #expect(try Self.listed(ICalendar.Calendar(parsing: bytes)) == expected)
    }

    @Test func theTypedAPIBuildsTheSameSet() throws {
        let london = "Europe/London"
        var e = try Event(
            uid: "t", start: .local(2027, 1, 4, 10, 0, in: london), end: .duration(.hours(1)), summary: "T",
            recurrenceRule: RecurrenceRule(.monthly, byDay: [.every(.monday)], bySetPosition: [1, -1], end: .count(4)))
        e.recurrenceRules.append(try RecurrenceRule(.yearly, byMonthDay: [-1], byMonth: [2], end: .count(2)))
        e.recurrenceDates = [.period(start: try .local(2027, 1, 20, 18, 0, in: london), end: .duration(.minutes(90)))]
        #expect(throws: CalendarError.self) {
            var bad = e
            bad.recurrenceDates = [.period(start: .date(LocalDate(dayNumber: 20_000)), end: .duration(.days(1)))]
            try bad.validate()
        }
        let cal = ICalendar.Calendar(events: [e])
        // The first and last Monday of January and February, the RDATE period, and the second
        // rule's DTSTART (counted as its first instance) and last day of February.
        #expect(try Self.listed(cal) == [
            "2027-01-04T10:00 60 T", "2027-01-20T18:00 90 T", "2027-01-25T10:00 60 T", "2027-02-01T10:00 60 T",
            "2027-02-22T10:00 60 T", "2027-02-28T10:00 60 T",
        ])
        let text = String(decoding: try cal.serialized(stamp: 0, timeZones: Self.database), as: UTF8.self)
        #expect(text.contains("RRULE:FREQ=MONTHLY;COUNT=4;BYDAY=MO;BYSETPOS=1,-1\r\n"))
        #expect(text.contains("RDATE;VALUE=PERIOD;TZID=Europe/London:20270120T180000/PT1H30M\r\n"))
    }

    @Test func aRuleWalksWallTimeThroughGapsAndFolds() throws {
        // New York: 02:30 does not exist on 14 Mar 2027 (shifted to 03:30 EDT); 01:30 happens
        // twice on 7 Nov 2027 (the first, EDT, is meant).
        let ny = try Self.database.rules(for: "America/New_York")
        func starts(_ start: String, _ rule: String) throws -> [String] {
            let cal = try Self.read("BEGIN:VEVENT\nUID:n\nDTSTART;TZID=America/New_York:\(start)\nDURATION:PT1H\nRRULE:\(rule)\nEND:VEVENT\n")
            return try cal.occurrences(from: Self.from, to: Self.to, timeZones: Self.database).map {
                "\(ny.localDateTime(at: $0.start)) \(ny.offset(at: $0.start).seconds / 3600)"
            }
        }
        #expect(try starts("20270313T023000", "FREQ=DAILY;COUNT=3") == ["2027-03-13T02:30 -5", "2027-03-14T03:30 -4", "2027-03-15T02:30 -4"])
        #expect(try starts("20271106T013000", "FREQ=DAILY;COUNT=3") == ["2027-11-06T01:30 -4", "2027-11-07T01:30 -4", "2027-11-08T01:30 -5"])
        // Hourly: 02:00 is shifted onto 03:00, one instance.
        #expect(try starts("20270314T000000", "FREQ=HOURLY;COUNT=4") == ["2027-03-14T00:00 -5", "2027-03-14T01:00 -5", "2027-03-14T03:00 -4", "2027-03-14T04:00 -4",
        ])
    }
}

extension String {
    /// Multi-line literals have LF line ends; iCalendar wants CRLF.
    fileprivate func replacingLF() -> String {
        var out = ""
        for ch in self { if ch == "\n" { out += "\r\n" } else { out.append(ch) } }
        return out
    }
}
